"""Article pages the tests build: HTML with boilerplate around a known body."""

from __future__ import annotations

PARAGRAPHS = [
    "The defence minister warned on Tuesday that the alliance would respond to any attack on "
    "its eastern members, in the sharpest words used by the government this year.",
    "\u201cWe will defend every inch of our territory,\u201d he told reporters in the capital, "
    "adding that the talks planned for next week had been called off by the other side.",
    "Officials in the neighbouring country did not comment on the remarks, which came after "
    "two days of military exercises near the border and a week of rising tension.",
]


def page(title: str = "Minister warns of response", paragraphs=None, charset="utf-8",
         date="2024-03-05") -> str:
    """A news page: navigation, the article (headline + paragraphs), a footer."""
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return (
        f'<html><head><meta charset="{charset}"><title>{title} | The Daily</title>'
        '<meta property="og:site_name" content="The Daily">'
        '<meta name="author" content="Jane Roe">'
        f'<meta property="article:published_time" content="{date}T10:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright The Daily. All rights reserved.</footer></body></html>"
    )
