"""Browsing: every actor of the events, each state first with its bodies and officials under
it (the actors page and ``/api/actors``), from the tallies the store keeps: an actor's
(actor_tallies) and a state's (state_tallies, its own ends rolled up), so no event is read;
and articles as a list shows them (``article_hits``), without parsing their records.

An actor coded with a state's own code (Israel as ISR) is that state, one row. An actor
is under its state when its names are among the names the state's ends carried: a
non-state armed group based there (Hezbollah in Lebanon) is never one of the state's ends,
so it is listed apart, with its country.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from onrecord.normalise import name_key
from onrecord.store.counts import best_name
from onrecord.store.cursor import page_rows
from onrecord.store.db import Store
from onrecord.store.filters import ArticleFilter
from onrecord.store.lists import filtered
from onrecord.store.results import ActorEntry, ArticleHit, Page
from onrecord.store.where import sql

#: Characters of an article's text kept as its opening (its first line stands for a title).
OPENING = 200

_ACTORS = (
    "SELECT actor, kind, value, sum(events) FROM actor_tallies "
    "WHERE kind IN ('as_source', 'as_target', 'name', 'country') GROUP BY actor, kind, value"
)
_STATES = (
    "SELECT country, kind, value, sum(events) FROM state_tallies "
    "WHERE kind IN ('as_source', 'as_target', 'name') GROUP BY country, kind, value"
)


def _tallies(store: Store, statement: str) -> dict[str, dict[str, Counter[str]]]:
    """key -> kind -> value -> events."""
    found: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    with store.engine.connect() as conn:
        for key, kind, value, n in conn.execute(sql(statement)):
            found[key][kind][value] += n
    return found


def _entry(key: str, kind: str, tally: dict[str, Counter[str]], name: str,
           country: str | None, state: str | None) -> ActorEntry:
    sent, received = sum(tally["as_source"].values()), sum(tally["as_target"].values())
    return ActorEntry(actor=key, name=name, kind=kind, country=country, state=state,
                      as_source=sent, as_target=received, events=sent + received)


def _matches(words: list[str], entry: ActorEntry) -> bool:
    """Every typed word begins a word of the actor's name or key ("lav" finds Lavrov)."""
    tokens = name_key(f"{entry.name} {entry.actor}").split()
    return all(any(t.startswith(w) for t in tokens) for w in words)


def actor_entries(store: Store, q: str = "", country: str | None = None) -> list[ActorEntry]:
    """Each state (busiest first, its events as source and as target with its bodies and
    officials rolled up), then the actors under it, then the actors under no state; within
    a group, busiest first. ``q``: only those whose name or key has words beginning with the
    typed ones (any case, accents or not); ``country``: that state and its actors only."""
    actors, states = _tallies(store, _ACTORS), _tallies(store, _STATES)
    # A name an actor with another key went by is kept under that name too (so an event
    # coded with the name alone finds it); it is that actor, not one of its own.
    other_names = {name for key, t in actors.items() for name in t["name"] if name != key}
    groups: dict[str | None, list[ActorEntry]] = defaultdict(list)
    for key, tally in actors.items():
        if key in other_names or key in states:  # a name of another; a state's own code
            continue
        code = best_name(tally["country"], "") or None
        under = code if code in states and set(tally["name"]) & set(states[code]["name"]) \
            else None
        name = best_name(tally["name"], key)
        groups[under].append(_entry(key, "actor", tally, name, code, under))
    heads = sorted((_entry(code, "state", t, best_name(actors[code]["name"], f"{code} (state)")
                           if code in actors else f"{code} (state)", code, code)
                    for code, t in states.items()), key=lambda e: (-e.events, e.actor))
    words = name_key(q).split()
    result = []
    for head in [*heads, None]:
        code = head.actor if head else None
        if country and code != country:
            continue
        members = sorted(groups.get(code, []), key=lambda e: (-e.events, e.actor))
        for entry in ([head] if head else []) + members:
            if _matches(words, entry):
                result.append(entry)
    return result


def article_hits(
    store: Store, f: ArticleFilter, limit: int, cursor: str | None = None
) -> Page[ArticleHit]:
    """A page of the articles matching ``f``, newest first, each with its opening and its
    number of quotations (the search page lists 50: their whole records, text and all, took
    half the page's time)."""
    where_, listing = filtered(store, "articles", f)
    columns = f"a.doc_id, a.url, a.source, a.title, a.published, substr(a.text, 1, {OPENING}) " \
        "AS opening"
    rows, next_cursor = page_rows(store, listing, columns, where_, cursor, limit)
    if not rows:
        return Page(items=[], next_cursor=None)
    ids = {f"d{i}": row[0] for i, row in enumerate(rows)}
    quotes = dict(store.read("SELECT doc_id, count(*) FROM quotes WHERE doc_id IN "
                             f"({', '.join(':' + name for name in ids)}) GROUP BY doc_id", ids))
    return Page(items=[
        ArticleHit(doc_id=doc_id, url=url, source=source, title=title, published=published,
                   opening=opening or "", quotes=quotes.get(doc_id, 0))
        for doc_id, url, source, title, published, opening, *_keys in rows
    ], next_cursor=next_cursor)


def headlines(store: Store, doc_ids: Iterable[str]) -> dict[str, str]:
    """The first line of each untitled article among ``doc_ids`` (a text file's: it stands
    for the title a list links to), by doc_id."""
    ids = {f"d{i}": doc_id for i, doc_id in enumerate(dict.fromkeys(doc_ids))}
    if not ids:
        return {}
    rows = store.read(f"SELECT doc_id, substr(text, 1, {OPENING}) FROM articles "
                      f"WHERE doc_id IN ({', '.join(':' + name for name in ids)}) "
                      "AND coalesce(title, '') = ''", ids)
    return {doc_id: line for doc_id, opening in rows
            if (line := next(iter((opening or "").strip().splitlines()), ""))}
