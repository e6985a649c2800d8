"""HTML pages (files, fetched pages, WARC responses) to article texts, via trafilatura.

trafilatura finds the main text and its metadata (title, date, author, site name); paragraphs
come out one per line, which is what cleaning and ``onrecord.layout`` expect.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from onrecord.errors import InputError
from onrecord.ingest.files import decode_text
from onrecord.pipeline import ArticleText

if TYPE_CHECKING:  # trafilatura and lxml are imported when a page is read, not at start-up
    from lxml.html import HtmlElement

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first 4 kB, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


# libxml2 nests elements 255 deep with lxml's default parser (trafilatura's) and silently drops
# what lies deeper: half an article, in a page of wrappers. Its "huge" mode nests 2048 deep and
# says so when a page goes deeper still.
_DEFAULT_DEPTH = 255
_HUGE_DEPTH = 2048


def _depth(tree: HtmlElement) -> int:
    depths = {tree: 0}
    for element in tree.iterdescendants():
        depths[element] = depths[element.getparent()] + 1
    return max(depths.values())


def _tree(markup: str, origin: str) -> HtmlElement | str:
    """The page parsed as trafilatura parses it, or parsed again in libxml2's huge mode when
    it nests as deep as the default parser goes ("deep HTML: no silent loss")."""
    from lxml.html import HTMLParser, fromstring
    from trafilatura.utils import load_html

    tree = load_html(markup)
    if tree is None or _depth(tree) < _DEFAULT_DEPTH:
        return markup if tree is None else tree
    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                        remove_comments=True, remove_pis=True, huge_tree=True)
    tree = fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise InputError(origin, f"HTML nested deeper than {_HUGE_DEPTH} levels: not read, "
                         "the deeper part would be lost")
    return tree


def read_html(
    data: bytes | str, origin: str, url: str | None = None, charset: str | None = None
) -> ArticleText:
    """Main text and metadata of one HTML page; ``InputError`` when it holds no article text.

    ``origin`` names the input in errors; ``charset`` is the one an HTTP header declared.
    """
    if isinstance(data, bytes):
        data = decode_text(data, origin, charset or declared_charset(data))
    if not data.strip():
        raise InputError(origin, "empty page")
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            _tree(data, origin), url=url, with_metadata=True, include_comments=False,
            include_tables=False,
        )
    except (ValueError, TypeError) as exc:  # malformed markup trafilatura cannot parse
        raise InputError(origin, f"cannot parse HTML ({exc})") from None
    if doc is None or not (doc.text or "").strip():
        raise InputError(origin, "no article text found in the page")
    site = doc.sitename or doc.hostname or (urlsplit(url).hostname if url else None)
    return ArticleText(
        text=doc.text,
        url=url or doc.url,
        source=site,
        title=doc.title,
        published=doc.date,
        author=doc.author,
    )
