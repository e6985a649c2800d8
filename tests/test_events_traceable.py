"""Issue 5: every event carries the id of the quotation it was coded from and an evidence span
into the text, on our gold articles and the demo corpus alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.eval.events import load_event_gold
from onrecord.model import Article
from onrecord.nlp import load_nlp
from onrecord.pipeline import ArticleText, extract_many

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _articles() -> list[Article]:
    gold = [ArticleText(text=a.text, doc_id=a.id, published=a.published) for a in load_event_gold()]
    samples = [ArticleText(text=p.read_text("utf-8"), doc_id=p.name)
               for p in sorted(SAMPLES.glob("*.txt"))]
    # every event the rules code, kept or abstained, must point into the text
    return list(extract_many(gold + samples, min_confidence=0.0))


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return _articles()


def test_the_corpus_has_events_to_check(articles):
    assert sum(len(a.events) for a in articles) >= 70


def test_every_event_points_to_an_existing_quotation(articles):
    for article in articles:
        ids = {q.id for q in article.quotes}
        for event in article.events:
            assert event.quote_id in ids, (article.doc_id, event)


def test_every_evidence_span_is_a_quoted_piece_or_words_of_its_quotations_sentence(articles):
    nlp = load_nlp()
    for article in articles:
        doc = nlp(article.text)
        quotes = {q.id: q for q in article.quotes}
        for event in article.events:
            start, end = event.evidence
            words = article.text[start:end]
            assert 0 <= start < end <= len(article.text) and words == words.strip(), \
                (article.doc_id, words)
            quote = quotes[event.quote_id]
            if tuple(event.evidence) in {tuple(s) for s in quote.spans}:
                continue  # the quoted piece that holds the trigger
            # a reported act: its own words, in a sentence the quotation or its cue is in
            pieces = [*quote.spans, *([quote.cue_span] if quote.cue_span else [])]
            sentences = {doc.char_span(s, e, alignment_mode="expand").sent.start
                         for s, e in pieces}
            assert doc.char_span(start, end, alignment_mode="expand").sent.start in sentences, \
                (article.doc_id, words)
