"""Quote provenance over the store: the groups kept in ``quote_clusters`` (migration 0003),
rebuilt when quotations were added or replaced since, and the chains of a phrase.

Grouping needs every quotation at once (a new article can join two old groups), so it is a
rebuild of the whole table, not an update per article: 100k quotations take seconds
(``benchmarks/bench_provenance.py``).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import bindparam, text

from onrecord.actors.kb import KnowledgeBase, load_kb
from onrecord.provenance.chains import Chain, chain, group, matches
from onrecord.provenance.cluster import words
from onrecord.provenance.occurrence import Occurrence, occurrence, with_parts
from onrecord.store import Store
from onrecord.store.where import collate

_OCCURRENCES = (
    "q.doc_id, q.quote_id, q.kind, q.content, a.published, a.source, a.url, a.title, "
    "q.speaker_mention, q.speaker_name, q.speaker_actor_id FROM quotes q "
    "JOIN articles a ON a.doc_id = q.doc_id"
)


def stored_occurrences(store: Store, where: str = "", **params: object) -> list[Occurrence]:
    """The store's quotations as occurrences (without evidence: that needs the article text)."""
    with store.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT {_OCCURRENCES} {where} ORDER BY q.doc_id, q.quote_id"),
                            params)
        return [with_parts(Occurrence(**row._mapping)) for row in rows]


def is_current(store: Store) -> bool:
    """Whether every stored quotation has its group: a group row goes with its quotation
    (``ON DELETE CASCADE``), so there are as many as quotations exactly when none is missing
    (counting both took 10 ms on 100,000 quotations, joining them 500 ms)."""
    with store.engine.connect() as conn:
        return conn.execute(text(
            "SELECT (SELECT count(*) FROM quotes) = (SELECT count(*) FROM quote_clusters)"
        )).scalar_one() in (True, 1)


def rebuild(store: Store) -> int:
    """Group every stored quotation again and replace the table; returns the number of groups
    with more than one quotation."""
    occs = stored_occurrences(store)
    rows, shared = [], 0
    for members in group(occs):
        first = min(members, key=lambda o: ((0, o.published) if o.published else (1, ""), o.ref))
        shared += len(members) > 1
        rows += [{"d": o.doc_id, "q": o.quote_id, "c": first.ref} for o in members]
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM quote_clusters"))
        if rows:
            conn.execute(text("INSERT INTO quote_clusters (doc_id, quote_id, cluster_id) "
                              "VALUES (:d, :q, :c)"), rows)
    return shared


def ensure_current(store: Store) -> bool:
    """Rebuild the groups when quotations were stored since; True when it rebuilt."""
    if is_current(store):
        return False
    rebuild(store)
    return True


_COPIES = text(
    "SELECT doc_id, copy_doc_id, url, source, title, published, kind FROM copies "
    "WHERE doc_id IN :ids ORDER BY doc_id, copy_key"
).bindparams(bindparam("ids", expanding=True))


def _completed(store: Store, groups: list[list[Occurrence]]) -> list[list[Occurrence]]:
    """Each group's occurrences with their evidence passages, read from their articles'
    records, and their appearances in the copies of those articles that de-duplication
    folded in (another outlet, another date, the same words)."""
    doc_ids = sorted({o.doc_id for occs in groups for o in occs})
    articles = {doc_id: store.get(doc_id) for doc_id in doc_ids}
    copies: dict[str, list] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(_COPIES, {"ids": doc_ids}):
            copies.setdefault(row.doc_id, []).append(row)

    def with_evidence(occ: Occurrence) -> Occurrence:
        article = articles.get(occ.doc_id)
        quote = next((q for q in article.quotes if q.id == occ.quote_id), None) if article else None
        return occurrence(article, quote) if quote is not None else occ

    completed = []
    for occs in groups:
        found = [with_evidence(occ) for occ in occs]
        completed.append(found + [
            replace(occ, doc_id=c.copy_doc_id, url=c.url, source=c.source, title=c.title,
                    published=c.published, copy_of=occ.doc_id, copy_kind=c.kind)
            for occ in found for c in copies.get(occ.doc_id, [])])
    return completed


def _groups_holding(store: Store, phrase: str, limit: int | None) -> list[str]:
    """The groups with a quotation holding the words of ``phrase`` (side by side and in order
    for one or two words, as ``matches`` reads them), in the order their chains are shown:
    the most such quotations first, then the earliest dated (undated last), then by id; the
    first ``limit``, or all. Counted by the database over every match, so a page of chains
    need not build the others to sort them."""
    matching, params, _ = store.matching("quotes", phrase, phrase=len(words(phrase)) <= 2)
    c = collate(store)
    earliest = "min(nullif(h.published, ''))"
    statement = (
        f"SELECT g.cluster_id FROM (SELECT t.doc_id, t.quote_id, t.published {matching}) h "
        "JOIN quote_clusters g ON g.doc_id = h.doc_id AND g.quote_id = h.quote_id "
        f"GROUP BY g.cluster_id ORDER BY count(*) DESC, {earliest} IS NULL, {earliest}{c}, "
        f"g.cluster_id{c}" + ("" if limit is None else " LIMIT :n"))
    with store.engine.connect() as conn:
        return list(conn.execute(text(statement), {**params, "n": limit}).scalars())


_GROUPS = text(
    f"SELECT g.cluster_id, {_OCCURRENCES} "
    "JOIN quote_clusters g ON g.doc_id = q.doc_id AND g.quote_id = q.quote_id "
    "WHERE g.cluster_id IN :ids ORDER BY q.doc_id, q.quote_id"
).bindparams(bindparam("ids", expanding=True))
#: Groups read in one statement.
_GROUPS_AT_ONCE = 500


def _members(store: Store, clusters: list[str]) -> list[list[Occurrence]]:
    """The quotations of each group, in the order of ``clusters``."""
    members: dict[str, list[Occurrence]] = {cluster: [] for cluster in clusters}
    with store.engine.connect() as conn:
        for at in range(0, len(clusters), _GROUPS_AT_ONCE):
            rows = conn.execute(_GROUPS, {"ids": clusters[at:at + _GROUPS_AT_ONCE]})
            for row in rows:
                values = row._asdict()
                members[values.pop("cluster_id")].append(with_parts(Occurrence(**values)))
    return [occs for occs in members.values() if occs]


def trace_stored(
    store: Store, phrase: str, kb: KnowledgeBase | None = None, limit: int | None = None
) -> list[Chain]:
    """The chains holding ``phrase`` in the store (groups rebuilt if stale), the group with
    the most quotations holding it first, each with the copies of its articles; with
    ``limit``, the first ``limit`` of them, built alone (a page shows 20)."""
    kb = kb or load_kb()
    ensure_current(store)
    if not words(phrase):
        return []
    # A group the index finds may not hold the words as ``matches`` reads them (the index
    # stems them): twice the groups wanted are read first, and all of them when too few hold it.
    wanted = None if limit is None else 2 * limit
    while True:
        clusters = _groups_holding(store, phrase, wanted)
        held = [occs for occs in _members(store, clusters)
                if any(matches(phrase, o) for o in occs)][:limit]
        if wanted is None or len(held) == limit or len(clusters) < wanted:
            break
        wanted = None
    return [chain(kb, occs) for occs in _completed(store, held)]


__all__ = ["ensure_current", "is_current", "rebuild", "stored_occurrences", "trace_stored"]
