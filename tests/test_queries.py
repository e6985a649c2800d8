"""Store queries on SQLite and PostgreSQL: each filter, cursor paging, counts, speakers, actors,
the escalation series and the network. Expected values are literal, so both databases must give
the same answers."""

from __future__ import annotations

import old_schema
import pytest
from corpus import GERMANY, PETROV, build_border, build_corpus
from old_schema import migration, old_store

from onrecord.model import ActorRef, Article, Event
from onrecord.store import counts as counts_module
from onrecord.store import open_store, queries
from onrecord.store import where as where_module
from onrecord.store.filters import ArticleFilter, EventFilter, QuoteFilter
from onrecord.store.queries import InvalidCursor


@pytest.fixture
def corpus(store):
    for article in build_corpus():
        store.put(article)
    return store


def _quote_ids(store, **filters) -> list[str]:
    page = queries.quotes(store, QuoteFilter(**filters), limit=100)
    return [f"{q.article.doc_id}/{q.id}" for q in page.items]


def _event_ids(store, **filters) -> list[str]:
    page = queries.events(store, EventFilter(**filters), limit=100)
    return [f"{e.article.doc_id}/{e.id}" for e in page.items]


def test_quotes_come_newest_first_in_text_order_undated_last(corpus):
    assert _quote_ids(corpus) == [
        "a5/q1", "a4/q1", "a3/q1", "a3/q2", "a2/q1", "a1/q1", "a1/q2", "a6/q1",
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"speaker": "Jane Roe"}, ["a4/q1", "a1/q2", "a6/q1"]),
        ({"actor": "rus-petrov", "kind": "indirect"}, ["a3/q1"]),
        ({"country": "RUS"}, ["a5/q1", "a3/q1", "a2/q1", "a1/q1"]),
        ({"cue": "warned"}, ["a2/q1"]),
        ({"kind": "mixed"}, ["a4/q1"]),
        ({"q": "threats"}, ["a4/q1", "a6/q1"]),  # stemmed: "threat" and "threats"
        ({"q": "Berlin patience"}, ["a5/q1"]),
        ({"q": '"(*'}, []),
        ({"source": "daily.example"}, ["a4/q1", "a2/q1"]),
        ({"addressee": "deu"}, ["a5/q1", "a2/q1", "a1/q1"]),
        ({"from": "2024-01-25", "to": "2024-03-30"}, ["a4/q1", "a3/q1", "a3/q2", "a2/q1"]),
        ({"speaker": "Nobody"}, []),
    ],
)
def test_each_quote_filter_keeps_its_subset(corpus, filters, expected):
    assert _quote_ids(corpus, **filters) == expected


@pytest.mark.parametrize("common", [1, 10**9], ids=["read-in-order", "looked-up"])
def test_words_in_many_rows_or_few_give_the_same_list_and_total(corpus, monkeypatch, common):
    """SQLite reads a list with common words in its own order, rare ones by lookup; the
    total of words alone is counted in the full-text index: the same answers either way."""
    monkeypatch.setattr(where_module, "COMMON_MATCHES", common)
    assert _quote_ids(corpus, q="threats") == ["a4/q1", "a6/q1"]
    assert _quote_ids(corpus, q="threats", speaker="Jane Roe") == ["a4/q1", "a6/q1"]
    assert queries.total(corpus, "quotes", QuoteFilter(q="threats")) == 2
    assert queries.total(corpus, "quotes", QuoteFilter(q="threats", kind="mixed")) == 1
    assert queries.total(corpus, "articles", ArticleFilter(q="Belgrade")) == 1
    assert queries.total(corpus, "quotes", QuoteFilter(q='"(*')) == 0


def test_facets_count_the_commonest_values_of_the_matches(corpus, monkeypatch):
    """Speakers, kinds and cues of the quotations a filter keeps (a type's events by type,
    source and target), commonest first; none past FACET_ROWS matches."""
    found = queries.facets(corpus, "quotes", QuoteFilter(country="RUS"), 4)
    assert [(c.name, c.count) for c in found["speaker"]] == [("Ivan Petrov", 4)]
    assert [c.name for c in found["kind"]] == ["direct", "indirect"]
    events = queries.facets(corpus, "events", EventFilter(type=["THREATEN"]), 3)
    assert [(c.name, c.count) for c in events["source"]] == [("Ivan Petrov", 3)]
    assert [(c.name, c.count) for c in events["target"]] == [("Germany", 3)]
    monkeypatch.setattr(counts_module, "FACET_ROWS", 2)
    assert queries.facets(corpus, "events", EventFilter(type=["THREATEN"]), 3) == {}


def test_quote_rows_are_the_stored_quotes_with_their_article(corpus):
    [row] = queries.quotes(corpus, QuoteFilter(cue="warned")).items
    stored = corpus.get("a2")
    assert row.model_dump(exclude={"article"}) == stored.quotes[0].model_dump()
    assert row.article.model_dump() == {
        "doc_id": "a2", "url": "https://daily.example/a2", "source": "daily.example",
        "title": "Story a2", "published": "2024-01-25T08:00:00Z",
    }


def test_cursor_pages_cover_every_row_once_in_order(corpus):
    everything = _quote_ids(corpus)
    seen, cursor = [], None
    while True:
        page = queries.quotes(corpus, QuoteFilter(), cursor=cursor, limit=3)
        assert len(page.items) <= 3
        seen += [f"{q.article.doc_id}/{q.id}" for q in page.items]
        if (cursor := page.next_cursor) is None:
            break
    assert seen == everything
    assert [f"{q.article.doc_id}/{q.id}" for q in queries.every(queries.quotes, corpus)] == seen


def test_a_cursor_from_another_query_or_made_up_is_refused(corpus):
    cursor = queries.quotes(corpus, limit=1).next_cursor
    with pytest.raises(InvalidCursor):
        queries.events(corpus, cursor=cursor)
    for bad in ("nonsense", "", "W10", "WyJ4Il0"):
        with pytest.raises(InvalidCursor):
            queries.quotes(corpus, cursor=bad)


def test_articles_by_text_outlet_and_date(corpus):
    ids = lambda **f: [a.doc_id for a in queries.articles(corpus, ArticleFilter(**f)).items]  # noqa: E731
    assert ids() == ["a5", "a4", "a3", "a2", "a1", "a6"]
    assert ids(source="wire.example", to="2024-02-28") == ["a3", "a1"]
    assert ids(q="Belgrade") == ["a3"]
    assert queries.articles(corpus, ArticleFilter(q="Belgrade")).items[0] == corpus.get("a3")
    (hit,) = queries.article_hits(corpus, ArticleFilter(q="Belgrade"), 5).items
    assert (hit.doc_id, hit.title, hit.quotes) == ("a3", "Story a3", 2)
    assert hit.opening.startswith("“the talks with Belgrade")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"type": ["THREATEN"]}, ["a5/e1", "a2/e1", "a1/e1"]),
        ({"type": ["support", "ACCUSE"]}, ["a4/e1", "a3/e1", "a1/e2"]),
        ({"context": "cbrn"}, ["a2/e1"]),
        ({"context": "military"}, ["a5/e1", "a1/e1"]),
        ({"context": "milit%"}, []),
        ({"source": "rus-petrov", "target": "Germany"}, ["a5/e1", "a2/e1", "a1/e1"]),
        # an official and a state, a state and an official, two states that hold most events:
        # on SQLite one end, or neither, leads the search (``filters._ends``); the same rows
        ({"source": "rus-petrov", "target": "DEU"}, ["a5/e1", "a2/e1", "a1/e1"]),
        ({"source": "GBR", "target": "rus-petrov"}, ["a4/e1"]),
        ({"source": "RUS", "target": "DEU"}, ["a5/e1", "a2/e1", "a1/e1"]),
        ({"source": "RUS", "target": "DEU", "type": ["THREATEN"], "conditional": True},
         ["a2/e1", "a1/e1"]),
        ({"target": "rus-petrov"}, ["a4/e1"]),
        ({"source_country": "GBR"}, ["a4/e1", "a1/e2"]),
        ({"target_country": "SRB"}, ["a3/e1"]),
        ({"conditional": True}, ["a2/e1", "a1/e1"]),
        ({"from": "2024-02-01", "to": "2024-03-30"}, ["a4/e1", "a3/e1"]),
    ],
)
def test_each_event_filter_keeps_its_subset(corpus, filters, expected):
    assert _event_ids(corpus, **filters) == expected


def test_counts_by_period(corpus):
    months = queries.counts(corpus, "quotes", QuoteFilter(), "month")
    assert [(c.period, c.count) for c in months] == [
        ("2024-01", 3), ("2024-02", 2), ("2024-03", 2), (None, 1),
    ]
    weeks = queries.counts(corpus, "events", EventFilter(type=["THREATEN"]), "week")
    assert [(c.period, c.count) for c in weeks] == [("2024-W02", 1), ("2024-W04", 1),
                                                    ("2024-W13", 1)]
    years = queries.counts(corpus, "articles", ArticleFilter(source="wire.example"), "year")
    assert [(c.period, c.count) for c in years] == [("2024", 3)]


def test_speaker_record_has_addressees_mentions_and_dates(corpus):
    petrov = queries.speaker(corpus, "Ivan Petrov")
    assert petrov.quotes == 4
    assert petrov.actor_ids == ["rus-petrov"]
    assert [(a.name, a.count) for a in petrov.addressees] == [("Germany", 3), ("Serbia", 1)]
    assert [(c.name, c.count) for c in petrov.cues] == [("said", 2), ("told", 1), ("warned", 1)]
    assert (petrov.first, petrov.last) == ("2024-01-10", "2024-03-31")
    assert queries.speaker(corpus, "Nobody") is None


def test_actor_record_counts_events_both_ways(corpus):
    petrov = queries.actor(corpus, "rus-petrov")
    assert petrov.names == ["Ivan Petrov"]
    assert petrov.countries == ["RUS"]
    assert petrov.quotes == 4
    assert [(c.name, c.count) for c in petrov.as_source] == [
        ("THREATEN", 3), ("MOBILIZE", 1), ("SUPPORT", 1),
    ]
    assert [(c.name, c.count) for c in petrov.as_target] == [("ACCUSE", 1)]
    assert [(c.actor, c.name, c.sent, c.received) for c in petrov.counterparts] == [
        ("deu", "Germany", 3, 0), ("gbr-roe", "Jane Roe", 0, 1), ("srb", "Serbia", 1, 0),
    ]
    assert queries.actor(corpus, "nobody") is None


def test_escalation_series_fills_every_period(corpus):
    series = queries.escalation(corpus, "rus-petrov", "deu", "month")
    assert [p.period for p in series.points] == ["2024-01", "2024-02", "2024-03"]
    assert [p.counts for p in series.points] == [{"THREATEN": 2}, {}, {"THREATEN": 1}]
    assert [p.conditional_threats for p in series.points] == [2, 0, 0]
    assert [p.intensity for p in series.points] == [-3.75, None, -3.0]
    assert series.types == ["THREATEN"]
    weekly = queries.escalation(corpus, "rus-petrov", "deu", "week")
    assert len(weekly.points) == 12  # 2024-W02 to 2024-W13
    assert weekly.points[-1].period == "2024-W13"


def test_network_edges_weighted_by_events(corpus):
    net = queries.network(corpus)
    assert [(n.actor, n.name, n.events) for n in net.nodes] == [
        ("deu", "Germany", 4), ("gbr-roe", "Jane Roe", 2), ("rus-petrov", "Ivan Petrov", 5),
        ("srb", "Serbia", 1),
    ]
    assert [(e.source, e.target, e.relation, e.count) for e in net.edges] == [
        ("gbr-roe", "deu", "cooperation", 1),
        ("gbr-roe", "rus-petrov", "conflict", 1),
        ("rus-petrov", "deu", "conflict", 3),
        ("rus-petrov", "srb", "cooperation", 1),
    ]
    only_cbrn = queries.network(corpus, EventFilter(context="cbrn"))
    assert [(e.source, e.target, e.count) for e in only_cbrn.edges] == [("rus-petrov", "deu", 1)]


def test_bad_filters_are_refused_with_a_message():
    with pytest.raises(ValueError, match="after 'to'"):
        QuoteFilter(**{"from": "2024-03-01", "to": "2024-02-01"})
    with pytest.raises(ValueError, match="direct"):
        QuoteFilter(kind="quoted")
    with pytest.raises(ValueError, match="Extra inputs"):
        EventFilter(speaker="x")


def test_negated_events_are_no_escalation_and_no_edge(corpus):
    before = (queries.escalation(corpus, "RUS", "DEU"), queries.network(corpus))
    denial = build_corpus()[0].model_copy(update={"doc_id": "a7", "published": "2024-02-10"})
    denial.events = [e.model_copy(update={"negated": True}) for e in denial.events]
    corpus.put(denial)
    assert (queries.escalation(corpus, "RUS", "DEU"), queries.network(corpus)) == before
    assert len(_event_ids(corpus, source="RUS", target="DEU")) == 4  # listed, not counted
    assert [p.counts for p in before[0].points] == [{"THREATEN": 2}, {}, {"THREATEN": 1}]


# -- a country code is the state, not a non-state group based there ---------------------------


@pytest.fixture
def border(store):
    for article in build_border():
        store.put(article)
    return store


def _series(store, source, target) -> list[tuple[str, dict[str, int]]]:
    return [(p.period, p.counts) for p in queries.escalation(store, source, target).points]


def test_escalation_of_a_country_leaves_out_the_armed_group_based_there(border):
    """Israel -> Hezbollah (HEZBOLLAH, LBN, REB) is not Israel -> Lebanon: ISR -> LBN counts
    the request to the Lebanese state alone, and the group's series is under its own id."""
    assert _series(border, "ISR", "LBN") == [("2025-03", {"REQUEST": 1})]
    assert _series(border, "ISR", "HEZBOLLAH") == [
        ("2025-03", {"THREATEN": 1}), ("2025-04", {"THREATEN": 1}),
    ]
    assert _series(border, "ISR", "Hezbollah") == _series(border, "ISR", "HEZBOLLAH")
    assert _series(border, "LBN", "ISR") == [("2025-03", {"ACCUSE": 1})]  # Aoun, not Qassem
    assert _series(border, "HEZBOLLAH", "ISR") == [("2025-03", {"THREATEN": 1})]


def test_network_of_states_rolls_officials_up_and_keeps_the_armed_group(border):
    """Katz's threats are Israel's; Aoun's accusation is Lebanon's; Hezbollah, based in
    Lebanon, keeps its own node; a minister's words to his own state link nothing."""
    own = build_corpus()[0].model_copy(update={"doc_id": "own", "events": [
        build_corpus()[0].events[0].model_copy(update={"target": ActorRef(
            name="Russia", actor_id="rus", country="RUS", sector="GOV")})]})
    border.put(own)
    net = queries.network(border, states=True)
    assert [(n.actor, n.country, n.events) for n in net.nodes] == [
        ("HEZBOLLAH", "LBN", 3), ("ISR", "ISR", 5), ("LBN", "LBN", 2),
    ]
    assert [(e.source, e.target, e.types) for e in net.edges] == [
        ("HEZBOLLAH", "ISR", {"THREATEN": 1}), ("ISR", "HEZBOLLAH", {"THREATEN": 2}),
        ("ISR", "LBN", {"REQUEST": 1}), ("LBN", "ISR", {"ACCUSE": 1}),
    ]
    assert {n.actor for n in queries.network(border).nodes} >= {"HEZBOLLAH", "rus"}


def test_re_ingesting_leaves_the_state_and_group_series_as_they_were(border):
    before = [queries.escalation(border, s, t) for s, t in (("ISR", "LBN"), ("ISR", "HEZBOLLAH"))]
    for article in build_border():
        border.put(article)
    after = [queries.escalation(border, s, t) for s, t in (("ISR", "LBN"), ("ISR", "HEZBOLLAH"))]
    assert after == before
    assert [sum(sum(p.counts.values()) for p in e.points) for e in after] == [1, 2]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"target_country": "LBN"}, ["h2/e1"]),
        ({"target": "LBN"}, ["h2/e1"]),
        ({"source_country": "LBN"}, ["h2/e2"]),
        ({"source": "LBN", "target": "ISR"}, ["h2/e2"]),
        ({"target": "HEZBOLLAH"}, ["h3/e1", "h1/e1"]),
        ({"target": "Hezbollah"}, ["h3/e1", "h1/e1"]),
        ({"source": "HEZBOLLAH", "target_country": "ISR"}, ["h1/e2"]),
        ({"source_country": "ISR"}, ["h3/e1", "h2/e1", "h1/e1"]),  # an MIL minister is the state
    ],
)
def test_event_filters_by_country_leave_out_armed_groups_based_there(border, filters, expected):
    assert _event_ids(border, **filters) == expected


def test_counts_network_and_quotes_by_country_leave_out_armed_groups_based_there(border):
    months = queries.counts(border, "events", EventFilter(target_country="LBN"), "month")
    assert [(c.period, c.count) for c in months] == [("2025-03", 1)]
    net = queries.network(border, EventFilter(target="LBN"))
    assert [(e.source, e.target, e.count) for e in net.edges] == [("israel-katz", "LBN", 1)]
    assert _quote_ids(border, country="LBN") == ["h2/q2"]  # Aoun's, not Qassem's for the group
    assert _quote_ids(border, country="ISR") == ["h3/q1", "h2/q1", "h1/q1"]


def _sure_and_unsure() -> Article:
    return Article(doc_id="sure", text="x", published="2024-05-01", events=[
        Event(id="e1", type="THREATEN", source=PETROV, target=GERMANY, confidence=0.9),
        Event(id="e2", type="THREATEN", source=PETROV, target=GERMANY, confidence=0.4),
        Event(id="e3", type="THREATEN", source=PETROV, target=GERMANY),  # coded without one
    ])


def test_a_minimum_confidence_keeps_the_events_the_coder_is_sure_of(store):
    store.put(_sure_and_unsure())
    assert _event_ids(store, min_confidence=0.5) == ["sure/e1"]
    assert _event_ids(store, min_confidence=0.4) == ["sure/e1", "sure/e2"]
    assert len(_event_ids(store)) == 3


def test_hedged_and_negated_events_are_found_or_left_out_as_asked(store):
    """"may respond" is hedged, "will never attack" negated, "will respond" neither."""
    store.put(Article(doc_id="h", text="x", published="2024-05-02", events=[
        Event(id="e1", type="THREATEN", source=PETROV, target=GERMANY, hedged=True),
        Event(id="e2", type="THREATEN", source=PETROV, target=GERMANY, negated=True),
        Event(id="e3", type="THREATEN", source=PETROV, target=GERMANY),
    ]))
    assert _event_ids(store, hedged=True) == ["h/e1"]
    assert _event_ids(store, hedged=False) == ["h/e2", "h/e3"]
    assert _event_ids(store, negated=True) == ["h/e2"]
    assert _event_ids(store, negated=False, hedged=False) == ["h/e3"]


def test_migration_0011_reads_the_confidence_of_stored_events(db_url):
    with old_store(db_url, migration("event_confidence") - 1) as engine:
        old_schema.put(engine, _sure_and_unsure())
    with open_store(db_url) as store:
        assert _event_ids(store, min_confidence=0.5) == ["sure/e1"]

