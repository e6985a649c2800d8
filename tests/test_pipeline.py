"""The pipeline's stages agree: a speaker resolved once is the same person on the quotation and
on the events it reports, on every gold article we ship or annotated."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.actors.kb import load_kb
from onrecord.actors.link import resolve_mention
from onrecord.dates import parse_date
from onrecord.eval.events import load_event_gold
from onrecord.eval.gold import GOLD_DIR, load_gold_dir
from onrecord.model import Article
from onrecord.pipeline import ArticleText, extract_many
from onrecord.plover import codebook

REALNEWS = Path(__file__).resolve().parents[1] / "data" / "realnews"


def _sources() -> list[ArticleText]:
    quotes = [ArticleText(text=a.text, doc_id=a.id, published=a.published)
              for a in load_gold_dir(GOLD_DIR)]
    events = [ArticleText(text=a.text, doc_id=a.id, published=a.published)
              for folder in (None, REALNEWS / "dev", REALNEWS / "test")
              for a in (load_event_gold() if folder is None else load_event_gold(folder))]
    return quotes + events


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    # every event the rules code, kept or abstained
    return list(extract_many(_sources(), min_confidence=0.0))


def _disagreements(article: Article) -> list[str]:
    """Events of a quotation whose source is not its speaker: a speech act's source is who
    speaks (a member of a non-state group speaking for the group), or nobody when the
    article names nobody; never words the quotation does not give its speaker."""
    kb = load_kb()
    on = parse_date(article.published)
    quotes = {q.id: q for q in article.quotes}
    wrong = []
    for event in article.events:
        if event.type not in codebook().verbal or event.signals.kind == "reported":
            continue  # a reported act's doer is the sentence's subject, not the speaker
        speaker = quotes[event.quote_id].speaker
        source = event.source
        if speaker is None:
            agree = source is None
        elif speaker.actor_id is not None:
            expected = kb.acting_for(resolve_mention(kb, speaker, on), on)
            agree = source is not None and expected is not None \
                and source.actor_id == expected.actor_id
        else:  # unknown: its name, or the non-state group its description names
            agree = source is None or source.name == speaker.name or source.actor_id is not None
        if not agree:
            wrong.append(f"{article.doc_id} {event.quote_id}: speaker {speaker} / source {source}")
    return wrong


def test_the_gold_articles_have_speech_acts_to_check(articles):
    assert len(articles) >= 100
    assert sum(e.type in codebook().verbal and e.signals.kind != "reported"
               for a in articles for e in a.events) >= 50


def test_a_quotations_speaker_is_its_events_source_on_every_gold_article(articles):
    wrong = [w for article in articles for w in _disagreements(article)]
    assert wrong == []
