"""Speakers resolved once (``onrecord.actors.link``): a quotation's speaker and the source of
the events coded from its words are the same party, on every gold article."""

from __future__ import annotations

import pytest

from onrecord.actors.kb import load_kb
from onrecord.eval.events import load_event_gold
from onrecord.eval.gold import load_gold_dir
from onrecord.model import ActorRef, Article, Mention
from onrecord.pipeline import ArticleText, extract_many


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    gold = [(a.text, a.published) for a in load_gold_dir()]
    gold += [(a.text, a.published) for a in load_event_gold()]
    return list(extract_many((ArticleText(text=text, published=str(day) if day else None)
                              for text, day in gold), min_confidence=0))


def _disagreement(speaker: Mention | None, source: ActorRef) -> str | None:
    """What is wrong with ``source`` as an end of an event coded from a quotation of
    ``speaker``, or ``None``: a source the knowledge base does not know can only be the
    speaker under the name the quotation gives (never the bare description, "the official");
    a source named as the speaker is the speaker's known actor; any other is a known actor
    (the group the speaker acts for, or the subject of the act reported)."""
    kb = load_kb()
    if source.actor_id is None:
        expected = speaker.name if speaker else None
        return None if source.name == expected else f"{source.name!r} for speaker {expected!r}"
    actor = kb.actors.get(source.actor_id)
    if actor is None or actor.name != source.name:
        return f"{source.actor_id} is no known actor named {source.name!r}"
    if speaker is not None and speaker.name == source.name \
            and speaker.actor_id != source.actor_id:
        return f"{source.actor_id} for the speaker's {speaker.actor_id}"
    return None


def test_the_gold_articles_have_events_from_quotations_of_every_kind_of_speaker(articles):
    speakers = [q.speaker for a in articles for e in a.events for q in a.quotes
                if q.id == e.quote_id]
    assert sum(s is not None and s.actor_id is not None for s in speakers) >= 40
    assert sum(s is not None and s.name is None for s in speakers) >= 5


def test_a_quotations_speaker_and_its_events_source_agree(articles):
    wrong = []
    for article in articles:
        quotes = {q.id: q for q in article.quotes}
        for event in article.events:
            if event.source is None:
                continue
            problem = _disagreement(quotes[event.quote_id].speaker, event.source)
            if problem:
                wrong.append(f"{article.text[:30]!r} {event.id}: {problem}")
    assert wrong == []


def test_an_unnamed_speaker_gives_its_event_the_state_it_names_not_its_words():
    """The quotation names nobody, so neither does its event: the source is the state the
    description names, or nobody at all (every event coded kept, whatever its confidence)."""
    texts = ["“We will strike their bases if they attack,” said a veteran of the Ukrainian army.",
             "“We will strike back if they attack,” one of the delegates said."]
    articles = list(extract_many((ArticleText(text=t, published="2025-06-01") for t in texts),
                                 min_confidence=0))
    sources = []
    for article in articles:
        (quote,) = article.quotes
        (event,) = article.events
        assert quote.speaker is not None and quote.speaker.name is None
        sources.append(event.source)
    assert sources == [ActorRef(country="UKR"), None]


def _only_event(text: str):
    (article,) = extract_many([ArticleText(text=text, published="2025-06-01")], min_confidence=0)
    (event,) = article.events
    return event


def test_a_person_the_kb_does_not_know_speaks_for_the_state_the_article_names_beside_them():
    event = _only_event(
        "Estonian Prime Minister Odo Valtrek met the envoys on Monday.\n"
        "“We will strike their depots if they cross the river,” Mr. Valtrek said later.")
    assert (event.type, event.source.name, event.source.country) == \
        ("THREATEN", "Odo Valtrek", "EST")


def test_a_body_the_kb_does_not_know_speaks_for_the_state_that_owns_it():
    event = _only_event(
        "India's Board of Inland Waterways published its findings on Monday.\n"
        "“We reject the report entirely,” the Board of Inland Waterways said.")
    assert (event.type, event.source.country) == ("REJECT", "IND")


def test_a_short_form_of_a_name_the_kb_does_not_know_is_not_another_known_actor():
    # "the Commission" alone is the European Commission; here it is the article's commission.
    (article,) = extract_many([ArticleText(text="The Human Rights Commission of Pakistan met on "
                                           "Monday. “The government must act now,” the "
                                           "Commission said.", published="2011-05-01")],
                              min_confidence=0)
    (quote,) = article.quotes
    assert (quote.speaker.name, quote.speaker.actor_id) == (
        "Human Rights Commission of Pakistan", None)
    assert all(e.source is None or e.source.country != "EU" for e in article.events)


def test_the_countrys_army_speaks_for_the_state_the_article_has_just_named():
    (article,) = extract_many([ArticleText(
        text="Crowds filled the squares of Cairo as Egypt waited for the vote. The country's "
             "army said it would not use force against the Egyptian people.",
        published="2011-02-01")], min_confidence=0)
    (event,) = article.events
    # Its own people are never the target of the army's words.
    assert (event.source.country, event.target) == ("EGY", None)


def test_where_an_unknown_person_speaks_is_not_whom_they_speak_for():
    event = _only_event(
        "The Estonian foreign minister Odo Valtrek flew to Riga on Monday.\n"
        "“We condemn the blockade of our ports,” said Odo Valtrek in Riga.")
    assert (event.type, event.source.name, event.source.country) == \
        ("ACCUSE", "Odo Valtrek", "EST")


def test_an_opposition_leader_speaks_for_no_state_whatever_nationality_he_is_given():
    event = _only_event(
        "Toomas Rebane, an Estonian opposition leader, spoke in Tallinn on Monday.\n"
        "“The government has stolen the election,” Rebane said.")
    assert (event.type, event.source.name, event.source.country, event.target.country) == \
        ("ACCUSE", "Toomas Rebane", None, "EST")


def test_a_name_set_beside_a_post_in_apposition_speaks_for_the_posts_state():
    event = _only_event(
        "Estonia's Foreign Minister, Odo Valtrek, met the envoys on Monday.\n"
        "“We condemn the blockade of our ports,” he said.")
    assert (event.type, event.source.name, event.source.country) == \
        ("ACCUSE", "Odo Valtrek", "EST")


@pytest.mark.parametrize("text", [
    # glued: the parser hangs the name on "to", beside the host state
    "Estonian ambassador to the United States Odo Valtrek spoke on Monday.\n"
    "“We condemn the blockade of our ports,” Valtrek said.",
    "Odo Valtrek, the Estonian ambassador to the United States, spoke on Monday.\n"
    "“We condemn the blockade of our ports,” Valtrek said.",
])
def test_an_envoy_speaks_for_the_state_that_sent_them_not_the_one_they_are_sent_to(text):
    event = _only_event(text)
    assert (event.type, event.source.name, event.source.country) == \
        ("ACCUSE", "Odo Valtrek", "EST")


def test_an_envoy_whose_own_state_is_unnamed_speaks_for_no_state():
    event = _only_event("“We condemn the blockade of our ports,” said the ambassador to "
                        "Britain, Odo Valtrek.")
    assert (event.source.name, event.source.country) == ("Odo Valtrek", None)


def test_a_legislator_the_article_gives_a_party_speaks_for_the_party_not_the_state():
    event = _only_event(
        "Senator Tom Reilly, a Republican from Texas, spoke in Austin on Monday.\n"
        "“Mexico must stop the smugglers,” Reilly said.")
    assert (event.type, event.source.actor_id, event.source.country, event.target.country) \
        == ("REQUEST", "GOP", None, "MEX")


def test_a_party_word_inside_a_longer_party_name_is_not_that_party():
    # A Social Democrat of Austria is no member of the American Democratic Party.
    event = _only_event(
        "Karl Weber, a Social Democrat from Vienna, spoke on Monday.\n"
        "“Hungary must reopen the border,” Weber said.")
    assert event.type == "REQUEST"
    assert event.source.actor_id != "DEM"
