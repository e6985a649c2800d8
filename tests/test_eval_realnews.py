"""The real-news evaluation set: its file format (events on quotations) and its threat scores.

The sentences here are our own, written in the shape of wire copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from onrecord.eval.events import evaluate_events, events_of_quotes, load_event_gold
from onrecord.eval.gold import GoldError, load_gold_file
from onrecord.model import ActorRef, Article, Event

TEXT = (
    "Ruritania's defence minister Ana Vor said on Monday that her country would strike "
    "Borduria's ports if Bordurian ships entered the strait.\n"
    "A spokesman for the Bordurian navy denied that it had threatened anyone.\n"
)
THREAT = ("her country would strike Borduria's ports if Bordurian ships entered the "
          "strait")
DENIAL = "it had threatened anyone"


def _article(**quote_extra) -> dict:
    return {
        "id": "wn-2015-01-01-strait",
        "outlet": "Wikinews",
        "url": "https://en.wikinews.org/wiki/Example",
        "licence": "CC BY 2.5",
        "published": "2015-01-01",
        "text": TEXT,
        "quotes": [
            {"kind": "indirect", "pieces": [THREAT], "cue": "said", "speaker": "Ana Vor",
             "events": [{"type": "THREATEN", "source": "RUR", "target": "BOR",
                         "context": ["military"],
                         "condition": "if Bordurian ships entered the strait"}],
             **quote_extra},
            {"kind": "indirect", "pieces": [DENIAL], "cue": "denied",
             "speaker": "A spokesman for the Bordurian navy", "not_threat": "denial"},
        ],
    }


def _write(folder: Path, data: dict) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def test_events_on_quotations_are_read_with_their_condition_span(tmp_path):
    article = load_gold_file(_write(tmp_path, _article()))
    threat, denial = article.quotes
    (event,) = threat.events
    assert (event.type, event.source, event.target) == ("THREATEN", "RUR", "BOR")
    start, end = event.condition
    assert TEXT[start:end] == "if Bordurian ships entered the strait"
    assert denial.not_threat == "denial" and denial.events == ()
    assert ("licence", "CC BY 2.5") in article.provenance


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ({"events": [{"type": "MENACE", "source": "RUR", "target": "BOR"}]}, "PLOVER type"),
        ({"events": [{"type": "ACCUSE", "source": "RUR", "target": "BOR",
                      "condition": "if pigs fly"}]}, "condition 'if pigs fly' not found"),
        ({"not_threat": "hypothetical"}, "cannot carry a THREATEN"),
        ({"events": [{"type": "ACCUSE", "targt": "BOR"}]}, "unknown event keys ['targt']"),
    ],
)
def test_a_bad_event_names_the_file_quote_and_problem(tmp_path, extra, problem):
    path = _write(tmp_path, _article(**extra))
    with pytest.raises(GoldError) as error:
        load_gold_file(path)
    assert path.name in str(error.value) and "quote 1" in str(error.value)
    assert problem in str(error.value)


def _record(*events: Event) -> Article:
    return Article(doc_id="wn-2015-01-01-strait", text=TEXT, events=list(events))


def _threat(evidence: str, condition: str | None = None, target: str = "BOR") -> Event:
    start = TEXT.index(evidence)
    return Event(id="e1", type="THREATEN", source=ActorRef(country="RUR"),
                 target=ActorRef(country=target), condition=condition,
                 evidence=(start, start + len(evidence)))


def test_a_conditional_threat_found_with_its_condition_scores_everywhere(tmp_path):
    gold = [events_of_quotes(load_gold_file(_write(tmp_path, _article())))]
    report = evaluate_events(gold, [_record(_threat(
        "would strike Borduria's ports", "if Bordurian ships entered the strait"))])
    assert report.type.tp == report.type.gold == report.type.predicted == 1
    assert report.threat.recall == report.conditional_threat.f1 == 1.0
    assert report.source.rate == report.target.rate == 1.0
    assert report.threats_on_not_threats == 0 and report.not_threats == 1


def test_a_threat_coded_on_a_denial_is_counted_and_listed(tmp_path):
    gold = [events_of_quotes(load_gold_file(_write(tmp_path, _article())))]
    report = evaluate_events(gold, [_record(_threat(DENIAL, target="RUR"))])
    assert report.threats_on_not_threats == 1
    assert report.threat.tp == 0 and report.threat.predicted == 1
    assert any("no threat" in line for line in report.errors)


def test_a_threat_without_its_condition_is_found_but_not_as_conditional(tmp_path):
    gold = [events_of_quotes(load_gold_file(_write(tmp_path, _article())))]
    report = evaluate_events(gold, [_record(_threat("would strike Borduria's ports"))])
    assert report.threat.tp == 1
    assert report.conditional_threat.tp == 0 and report.conditional_threat.gold == 1


def test_the_events_command_reads_the_real_news_format(tmp_path):
    _write(tmp_path, _article())
    (article,) = load_event_gold(tmp_path)
    assert [e.type for e in article.events] == ["THREATEN"]
    assert len(article.not_threats) == 1


def test_a_directive_counts_neither_for_nor_against():
    from onrecord.eval.gold import GoldArticle, GoldQuote
    from onrecord.eval.metrics import evaluate
    from onrecord.model import Quote

    text = "The minister urged the rebels to lay down their arms. “We are ready,” she said."
    said = (text.index("We are"), text.index("ready,") + len("ready,"))
    asked = (text.index("to lay"), text.index(" arms.") + len(" arms"))
    gold = GoldArticle(id="a", text=text, quotes=(GoldQuote("direct", (said,), "said", None),))
    record = Article(doc_id="a", text=text, quotes=[
        Quote(id="q1", kind="indirect", content=text[asked[0]:asked[1]], spans=[asked],
              cue="urged"),
        Quote(id="q2", kind="direct", content="We are ready,", spans=[said], cue="said")])
    assert evaluate([gold], [record]).detection["strict"].precision == 1.0
    marked = GoldArticle(id="a", text=text, quotes=(
        GoldQuote("indirect", (asked,), "urged", None), *gold.quotes))
    assert evaluate([marked], [record]).detection["strict"].tp == 2


def test_an_outlet_cited_as_the_source_of_a_fact_counts_neither_for_nor_against():
    from onrecord.eval.gold import GoldArticle, GoldQuote
    from onrecord.eval.metrics import evaluate
    from onrecord.model import Mention, Quote

    text = "The ferry sank at dawn, the Harbour Gazette newspaper reported. " \
        "“We are searching,” Tomas Vela said."
    said = (text.index("We are"), text.index("searching,") + len("searching,"))
    fact = (0, text.index(", the Harbour"))
    outlet = (text.index("the Harbour"), text.index(" reported"))
    gold = GoldArticle(id="a", text=text, quotes=(GoldQuote("direct", (said,), "said", None),))
    reported = Quote(id="q1", kind="indirect", content=text[fact[0]:fact[1]], spans=[fact],
                     cue="reported", speaker=Mention(mention=text[outlet[0]:outlet[1]],
                                                     span=outlet))
    record = Article(doc_id="a", text=text, quotes=[reported, Quote(
        id="q2", kind="direct", content="We are searching,", spans=[said], cue="said")])
    assert evaluate([gold], [record]).detection["strict"].precision == 1.0
    # By a person of the story, the same report is a false alarm.
    by_person = reported.model_copy(update={"speaker": Mention(mention="Tomas Vela",
                                                               span=(0, 0))})
    record = record.model_copy(update={"quotes": [by_person, record.quotes[1]]})
    assert evaluate([gold], [record]).detection["strict"].precision == 0.5
