"""A speaker's record (who they spoke to, how they are named, their cues) and an actor's
(events by type both ways, names, countries, counterparts), from the tallies the store keeps
(speaker_tallies and actor_tallies, migration 0005): the busiest speakers and states have
thousands of rows, and counting them per request took longer than a page may take."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import Connection

from onrecord.store.counts import best_name, counted
from onrecord.store.db import Store
from onrecord.store.results import ActorRecord, Counterpart, Node, SpeakerRecord
from onrecord.store.where import collate, sql

#: Counts keyed by a value and, for counterparts, the name they had there.
Tallied = Counter[tuple[str | None, ...]]


def _by_key(counter: Tallied) -> Counter[str]:
    """A tally by its key alone."""
    totals: Counter[str] = Counter()
    for (key, *_), n in counter.items():
        totals[key] += n
    return totals


def _speaker_tallies(store: Store, name: str) -> dict[str, Tallied]:
    """A speaker's quotations by actor id, mention, addressee and cue."""
    tally: dict[str, Tallied] = defaultdict(Counter)
    kept = "SELECT kind, value, quotes FROM speaker_tallies WHERE speaker_name = :name"
    for kind, value, n in store.read(kept, {"name": name}):
        tally[kind][(value,)] += n
    return tally


def speaker(store: Store, name: str) -> SpeakerRecord | None:
    """Who ``name`` (a resolved speaker name) spoke to, how, and when; None if never quoted."""
    day = f"nullif(published, ''){collate(store)}"
    totals = (
        f"SELECT count(*) AS n, min({day}) AS first, max({day}) AS last "
        "FROM quotes WHERE speaker_name = :name"
    )
    ((n, first, last),) = store.read(totals, {"name": name})
    if not n:
        return None
    tally = _speaker_tallies(store, name)
    return SpeakerRecord(
        name=name,
        quotes=n,
        actor_ids=sorted(_by_key(tally["actor"])),
        mentions=counted(_by_key(tally["mention"])),
        addressees=counted(_by_key(tally["addressee"])),
        cues=counted(_by_key(tally["cue"])),
        first=first,
        last=last,
    )


def _actor_tallies(conn: Connection, key: str) -> dict[str, Tallied]:
    """The actor's events by type as source and target, its names and countries, and its
    counterparts (key, name), as the store keeps them."""
    tally: dict[str, Tallied] = defaultdict(Counter)
    kept = "SELECT kind, value, detail, events FROM actor_tallies WHERE actor = :a"
    for kind, value, detail, n in conn.execute(sql(kept), {"a": key}):
        tally[kind][(value, detail or None) if kind in ("sent", "received") else (value,)] += n
    return tally


#: Each role of an actor's events: the tally of its types and of the other end.
_ROLES = (("source", "target", "as_source", "sent"), ("target", "source", "as_target", "received"))


def _counted_ends(conn: Connection, where: str, key: str) -> tuple[dict[str, Tallied], ...]:
    """Tallies as ``_actor_tallies`` keeps them, counted from the events whose end in a role
    meets ``where`` (``{role}`` and ``{other}`` stand for the roles, ``:a`` for the key), and
    the negated events' types by role (counted in the same pass: a state has thousands)."""
    tally: dict[str, Tallied] = defaultdict(Counter)
    negated: dict[str, Tallied] = defaultdict(Counter)
    for role, other, as_role, with_other in _ROLES:
        statement = (
            f"SELECT e.type, e.{role}_name, e.{role}_country, "
            f"coalesce(e.{other}_actor_id, e.{other}_name), e.{other}_name, count(*), "
            "sum(CASE WHEN e.negated THEN 1 ELSE 0 END) "
            f"FROM events e WHERE {where.format(role=role, other=other)} GROUP BY 1, 2, 3, 4, 5"
        )
        rows = conn.execute(sql(statement), {"a": key})
        for type_, name, country, other_key, other_name, n, n_negated in rows:
            tally[as_role][(type_,)] += n
            negated[as_role][(type_,)] += int(n_negated)
            if name:
                tally["name"][(name,)] += n
            if country:
                tally["country"][(country,)] += n
            if other_key is not None:
                tally[with_other][(other_key, other_name or None)] += n
    return tally, negated


def _not_negated(tally: dict[str, Tallied], negated: dict[str, Tallied]) -> None:
    """"Did not threaten" is no threat: negated events leave their type's count for a type of
    their own ("not THREATEN")."""
    for as_role in ("as_source", "as_target"):
        for (type_,), n in negated[as_role].items():
            tally[as_role][(type_,)] -= n
            tally[as_role][(f"not {type_}",)] += n
        tally[as_role] = +tally[as_role]


def _state_tallies(conn: Connection, code: str) -> tuple[dict[str, Tallied], ...]:
    """A state's tallies as ``_counted_ends`` counts them, as the store keeps them
    (state_tallies, migration 0012): its ends that are the state, its bodies or officials."""
    tally: dict[str, Tallied] = defaultdict(Counter)
    negated: dict[str, Tallied] = defaultdict(Counter)
    kept = "SELECT kind, value, detail, events FROM state_tallies WHERE country = :a"
    for kind, value, detail, n in conn.execute(sql(kept), {"a": code}):
        if kind.startswith("not_"):
            negated[kind.removeprefix("not_")][(value,)] += n
        else:
            tally[kind][(value, detail or None) if kind in ("sent", "received") else (value,)] += n
            if kind in ("as_source", "as_target"):
                tally["country"][(code,)] += n
    return tally, negated


def actor(store: Store, key: str) -> ActorRecord | None:
    """An actor (actor id or name) in the events and quotes, or a state by its country code
    with its bodies and officials rolled up (RUS: the Kremlin, Lavrov, Putin, ...), also when
    the state itself is coded with its code (Russia as RUS: the state, not only its own
    events); None if the corpus never has it. Negated events count under "not" and their
    type."""
    quoted = "SELECT count(*) FROM quotes WHERE speaker_actor_id = :a OR speaker_name = :a"
    with store.engine.connect() as conn:
        tally, negated = _state_tallies(conn, key)
        state = bool(tally)
        if not state:
            tally = _actor_tallies(conn, key)
            if tally:
                _, negated = _counted_ends(
                    conn, "(e.{role}_actor_id = :a OR e.{role}_name = :a) AND e.negated", key
                )
        n_quotes = conn.execute(sql(quoted), {"a": key}).scalar_one()
    if not tally and not n_quotes:
        return None
    _not_negated(tally, negated)
    sent, received = _by_key(tally["sent"]), _by_key(tally["received"])
    other_names: dict[str, Counter[str]] = defaultdict(Counter)
    for (other, other_name, *_), n in (tally["sent"] + tally["received"]).items():
        if other_name is not None:
            other_names[other][other_name] += n
    counterparts = [
        Counterpart(actor=o, name=best_name(other_names[o], o), sent=sent[o], received=received[o])
        for o in sorted(set(sent) | set(received), key=lambda o: (-(sent[o] + received[o]), o))
    ]
    return ActorRecord(
        actor=key, names=[c.name for c in counted(_by_key(tally["name"]))],
        countries=sorted(_by_key(tally["country"])), quotes=n_quotes,
        as_source=counted(_by_key(tally["as_source"])),
        as_target=counted(_by_key(tally["as_target"])),
        counterparts=counterparts, state=state,
    )


def parties(store: Store, limit: int = 200, states: bool = True) -> list[Node]:
    """The parties an analyst can pick: the ``limit`` busiest actors of the events (key, most
    used name, events) and then (``states``) every state by its country code (its bodies and
    officials rolled up, as a code matches in filters), busiest first."""
    top = (
        "SELECT actor, events FROM network_weights ORDER BY events DESC, actor"
        f"{collate(store)} LIMIT :n"
    )
    names = (
        f"SELECT actor, name, sum(events) FROM network_nodes WHERE actor IN (SELECT actor FROM "
        f"({top}) t) AND name <> '' GROUP BY actor, name"
    )
    by_state = (
        "SELECT country, sum(events) FROM state_tallies "
        "WHERE kind IN ('as_source', 'as_target') GROUP BY country"
    )
    with store.engine.connect() as conn:
        busiest = conn.execute(sql(top), {"n": limit}).all()
        called: dict[str, Counter[str]] = defaultdict(Counter)
        for key, name, n in conn.execute(sql(names), {"n": limit}):
            called[key][name] += n
        codes = conn.execute(sql(by_state)).all() if states else []
    found = [Node(actor=key, name=best_name(called[key], key), events=n) for key, n in busiest]
    found += [Node(actor=code, name=f"{code} (state)", events=n)
              for code, n in sorted(codes, key=lambda c: (-c[1], c[0]))]
    return found


def speaker_names(store: Store) -> list[tuple[str, int, list[str]]]:
    """Every resolved speaker: name, quotations, and how articles name them (mentions), the
    busiest first."""
    counted_sql = (
        "SELECT speaker_name, count(*) FROM quotes WHERE speaker_name IS NOT NULL "
        "GROUP BY speaker_name"
    )
    mentions_sql = "SELECT speaker_name, value FROM speaker_tallies WHERE kind = 'mention'"
    with store.engine.connect() as conn:
        totals = conn.execute(sql(counted_sql)).all()
        named: dict[str, list[str]] = defaultdict(list)
        for name, mention in conn.execute(sql(mentions_sql)):
            named[name].append(mention)
    return [(name, n, sorted(named[name]))
            for name, n in sorted(totals, key=lambda t: (-t[1], t[0]))]
