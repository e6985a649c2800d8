from onrecord.clean import clean_text
from onrecord.normalise import squeeze
from onrecord.pipeline import ArticleText, clean

QUOTE_WITH_INSERT = (
    "KYIV, Ukraine (AP) — The minister spoke on Tuesday.\n"
    "“We will defend every inch of our territory,” he said. “We have been clear for months.\n"
    "RELATED:\n"
    "Ukraine war: what we know on day 500\n"
    "“Anyone who doubts it will learn,” he added.\n"
    "By Jane Roe and John Smith\n"
    "Sign up for our daily newsletter\n"
)


def test_insert_inside_a_multi_paragraph_quote_is_cut_and_recorded():
    cleaned = clean_text(QUOTE_WITH_INSERT)
    assert cleaned.text.split("\n\n") == [
        "The minister spoke on Tuesday.",
        "“We will defend every inch of our territory,” he said. “We have been clear for months.",
        "“Anyone who doubts it will learn,” he added.",
    ]
    cut = {QUOTE_WITH_INSERT[s:e]: r.why for r in cleaned.removed for s, e in [r.span]}
    assert cut == {
        "KYIV, Ukraine (AP) — ": "dateline (kept as metadata)",
        "RELATED:": "related-links insert",
        "Ukraine war: what we know on day 500": "related-links insert",
        "By Jane Roe and John Smith": "byline or credit",
        "Sign up for our daily newsletter": "newsletter or share prompt",
    }
    assert cleaned.dateline == "KYIV, Ukraine (AP)"


def test_dateline_after_a_removed_headline_is_still_found():
    text = "Minister warns Berlin\nBERLIN — The minister warned Berlin on Tuesday."
    cleaned = clean_text(text, title="Minister warns Berlin")
    assert cleaned.dateline == "BERLIN"
    assert cleaned.text == "The minister warned Berlin on Tuesday."


def test_normalise_keeps_curly_quotes_and_composes_accents():
    assert squeeze("  “Cafe\u0301\u00a0 au\u200b lait”\t ") == "“Café au lait”"


def test_headline_repeated_from_the_title_goes_and_prose_stays():
    text = "Minister warns Berlin\nThe minister warned Berlin on Tuesday, officials said."
    cleaned = clean_text(text, title="Minister  warns Berlin")
    assert cleaned.text == "The minister warned Berlin on Tuesday, officials said."
    assert clean_text(text).text == text.replace("\n", "\n\n")


def test_clean_source_carries_removals_into_the_record_fields():
    src = clean(ArticleText(text=QUOTE_WITH_INSERT, title="Something else", url="https://x/1"))
    assert src.url == "https://x/1"
    assert src.dateline == "KYIV, Ukraine (AP)"
    assert len(src.removed) == 5
    assert src.text.startswith("The minister spoke")


def test_a_cleaned_article_is_not_searched_for_furniture_again(monkeypatch):
    """Cleaning found and cut the related-links box; extraction takes the cleaned text as it
    is, and finds what it would find looking again."""
    from dataclasses import replace

    from onrecord import pipeline

    def looks_again(layout):
        raise AssertionError("furniture searched twice")

    source = clean(ArticleText(text=QUOTE_WITH_INSERT))
    (looked,) = pipeline.extract_many([replace(source, cleaned=False)])
    monkeypatch.setattr(pipeline, "find_inserts", looks_again)
    (article,) = pipeline.extract_many([source])
    assert article == looked and len(article.quotes) == 2
