"""Alert rules on statements, on hand-built records: what each field of a rule matches, and
the story key that keeps a story to one alert across outlets."""

from __future__ import annotations

import pytest

from onrecord.model import ActorRef, Article, Event, Mention, Quote
from onrecord.watch.config import Rule
from onrecord.watch.rules import matches, statement_alerts, statements

LAVROV = ActorRef(name="Sergei Lavrov", actor_id="sergei-lavrov", country="RUS", sector="GOV")
GERMANY = ActorRef(name="Germany", actor_id="DEU", country="DEU", sector="GOV")
QASSEM = ActorRef(name="Hezbollah", actor_id="HEZBOLLAH", country="LBN", sector="REB",
                non_state=True)
ISRAEL = ActorRef(name="Israel", actor_id="ISR", country="ISR", sector="GOV")


def article(words: str, event: Event | None = None, speaker: str = "Sergei Lavrov",
            doc_id: str = "a1", actor_id: str | None = "sergei-lavrov") -> Article:
    text = f"“{words},” {speaker} said."
    quote = Quote(id="q1", kind="direct", content=words, spans=[(1, 1 + len(words))], cue="say",
                  speaker=Mention(mention=speaker, span=(len(words) + 4, len(words) + 4
                                                         + len(speaker)),
                                  name=speaker, actor_id=actor_id))
    events = [event.model_copy(update={"quote_id": "q1"})] if event else []
    return Article(doc_id=doc_id, text=text, quotes=[quote], events=events,
                   source="Wire", title="Warning", published="2026-12-01")


THREAT = Event(id="e1", type="THREATEN", mode="violence", context=["military"], source=LAVROV,
               target=GERMANY, condition="If Germany sends these missiles", intensity=-3.5,
               evidence=(1, 20))
WORDS = "If Germany sends these missiles, we will strike the factories"


def first(rule: Rule, art: Article) -> bool:
    return matches(rule, next(statements(art)))


@pytest.mark.parametrize(("fields", "fires"), [
    ({"type": ["THREATEN"]}, True),
    ({"type": ["ACCUSE"]}, False),
    ({"context": ["military", "cbrn"]}, True),
    ({"context": ["cbrn"]}, False),
    ({"conditional": True}, True),
    ({"conditional": False}, False),
    ({"source": ["RUS"]}, True),  # the foreign minister speaks for his state
    ({"source": ["sergei-lavrov"]}, True),
    ({"source": ["Sergei Lavrov"]}, True),
    ({"source": ["DEU"]}, False),
    ({"target": ["deu"]}, True),  # codes in any case
    ({"speaker": ["Sergei Lavrov"]}, True),
    ({"speaker": ["Vladimir Putin"]}, False),
    ({"words": ["missiles", "nuclear"]}, True),
    ({"words": ["the factories"]}, True),
    ({"words": ["factor"]}, False),  # whole words only
])
def test_each_field_of_a_rule(fields, fires):
    assert first(Rule(name="r", **fields), article(WORDS, THREAT)) is fires


def test_a_threat_said_not_to_be_made_fires_only_a_rule_that_asks_for_it():
    denied = article(WORDS, THREAT.model_copy(update={"negated": True}))
    assert not first(Rule(name="r", type="THREATEN"), denied)
    assert first(Rule(name="r", type="THREATEN", negated=None), denied)
    assert first(Rule(name="r", type="THREATEN", negated=True), denied)


def test_a_state_code_is_not_a_non_state_group_based_there():
    threat = THREAT.model_copy(update={"source": QASSEM, "target": ISRAEL})
    hezbollah = article("We will answer any strike", threat, "Naim Qassem", actor_id=None)
    assert not first(Rule(name="r", source="LBN"), hezbollah)
    assert first(Rule(name="r", source="HEZBOLLAH"), hezbollah)


@pytest.mark.parametrize(("target", "fires"), [
    ("DEU", True),  # the chancellor is rolled up to his state
    ("Olaf Scholz", True), ("olaf-scholz", True),  # the person, by name or id
    ("POL", False), ("Sergei Lavrov", False),
])
def test_a_target_official_answers_to_his_state_and_to_himself(target, fires):
    scholz = ActorRef(name="Olaf Scholz", actor_id="olaf-scholz", country="DEU", sector="GOV")
    threat = THREAT.model_copy(update={"target": scholz})
    assert first(Rule(name="r", target=target), article(WORDS, threat)) is fires


def test_minimum_confidence_when_the_event_carries_one():
    rule = Rule(name="r", type="THREATEN", min_confidence=0.7)
    sure = THREAT.model_copy(update={"confidence": 0.9})
    unsure = THREAT.model_copy(update={"confidence": 0.4})
    assert first(rule, article(WORDS, sure))
    assert not first(rule, article(WORDS, unsure))
    assert THREAT.confidence is None
    assert first(rule, article(WORDS, THREAT))  # coded before events carried a confidence


def test_a_rule_without_event_fields_fires_on_a_quotation_that_codes_none():
    plain = article("We are watching the border closely")
    assert first(Rule(name="r", speaker="Sergei Lavrov", words="border"), plain)
    assert not first(Rule(name="r", type="THREATEN"), plain)


def test_one_alert_per_story_across_outlets_and_repeats():
    rule = [Rule(name="threats", type="THREATEN")]
    wire = statement_alerts(rule, article(WORDS, THREAT, doc_id="wire"))
    # another outlet's copy: other doc_id, other punctuation and case
    copy = statement_alerts(rule, article(WORDS.upper() + "!", THREAT, doc_id="daily"))
    other = statement_alerts(rule, article("We will strike the bridges", THREAT))
    assert len(wire) == len(copy) == len(other) == 1
    assert wire[0].story_key == copy[0].story_key != other[0].story_key
    assert wire[0].doc_id == "wire" and wire[0].evidence["event"]["type"] == "THREATEN"
    assert wire[0].evidence["evidence_text"] == article(WORDS, THREAT).text[1:20]
    assert "Sergei Lavrov: THREATEN/violence to Germany (conditional)" in wire[0].summary


def test_two_rules_on_one_statement_give_two_alerts():
    rules = [Rule(name="threats", type="THREATEN"), Rule(name="lavrov", speaker="Lavrov"),
             Rule(name="russia", source="RUS")]
    found = statement_alerts(rules, article(WORDS, THREAT))
    assert [a.rule for a in found] == ["threats", "russia"]  # "Lavrov" is no full name
