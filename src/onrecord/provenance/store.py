"""Quote provenance over the store: the groups kept in ``quote_clusters`` (migration 0003),
rebuilt when quotations were added or replaced since, and the chains of a phrase.

Grouping needs every quotation at once (a new article can join two old groups), so it is a
rebuild of the whole table, not an update per article: 100k quotations take seconds
(``benchmarks/bench_provenance.py``).
"""

from __future__ import annotations

from sqlalchemy import bindparam, text

from onrecord.actors.kb import KnowledgeBase, load_kb
from onrecord.provenance.chains import Chain, chain, group, matches
from onrecord.provenance.occurrence import Occurrence, occurrence, with_parts
from onrecord.store import Store

# Quotations the full-text search may return for a phrase before their groups are read.
SEARCH_LIMIT = 500

_OCCURRENCES = (
    "SELECT q.doc_id, q.quote_id, q.kind, q.content, a.published, a.source, a.url, a.title, "
    "q.speaker_mention, q.speaker_name, q.speaker_actor_id FROM quotes q "
    "JOIN articles a ON a.doc_id = q.doc_id"
)


def stored_occurrences(store: Store, where: str = "", **params: object) -> list[Occurrence]:
    """The store's quotations as occurrences (without evidence: that needs the article text)."""
    with store.engine.connect() as conn:
        rows = conn.execute(text(f"{_OCCURRENCES} {where} ORDER BY q.doc_id, q.quote_id"),
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


def _with_evidence(store: Store, occs: list[Occurrence]) -> list[Occurrence]:
    """The occurrences with their evidence passages, read from their articles' records."""
    articles = {doc_id: store.get(doc_id) for doc_id in {o.doc_id for o in occs}}
    found = []
    for occ in occs:
        article = articles.get(occ.doc_id)
        quote = next((q for q in article.quotes if q.id == occ.quote_id), None) if article else None
        found.append(occurrence(article, quote) if quote is not None else occ)
    return found


def stored_chain(store: Store, cluster_id: str, kb: KnowledgeBase | None = None) -> Chain | None:
    """The chain of one stored group, with evidence."""
    occs = stored_occurrences(
        store, "JOIN quote_clusters c ON c.doc_id = q.doc_id AND c.quote_id = q.quote_id "
        "WHERE c.cluster_id = :c", c=cluster_id)
    if not occs:
        return None
    return chain(kb or load_kb(), _with_evidence(store, occs))


def _largest_first(store: Store, clusters: set[str]) -> list[str]:
    """``clusters`` in the order their chains are shown: most quotations first, then the
    earliest dated (undated last), then by id; counted by the database, so a page of chains
    need not build every chain to sort them."""
    if not clusters:
        return []
    statement = text(
        "SELECT c.cluster_id, count(*) AS n, min(a.published) AS earliest "
        "FROM quote_clusters c JOIN quotes q ON q.doc_id = c.doc_id AND q.quote_id = c.quote_id "
        "JOIN articles a ON a.doc_id = q.doc_id WHERE c.cluster_id IN :ids GROUP BY c.cluster_id"
    ).bindparams(bindparam("ids", expanding=True))
    with store.engine.connect() as conn:
        rows = conn.execute(statement, {"ids": sorted(clusters)}).all()
    ordered = sorted(rows, key=lambda r: r.cluster_id)  # ties stay in id order
    return [r.cluster_id for r in sorted(ordered, key=lambda r: (-r.n, r.earliest or "~"))]


def trace_stored(
    store: Store, phrase: str, kb: KnowledgeBase | None = None, limit: int | None = None
) -> list[Chain]:
    """The chains holding ``phrase`` in the store, largest first (groups rebuilt if stale);
    with ``limit``, the first ``limit`` of them, built alone (a page shows 20 of up to
    ``SEARCH_LIMIT``: 1.2 s for every chain of two common words on 100,000 quotations)."""
    kb = kb or load_kb()
    ensure_current(store)
    hits = store.search_quotes(phrase, limit=SEARCH_LIMIT)
    if not hits:
        return []
    pairs = ", ".join(f"(:d{i}, :q{i})" for i in range(len(hits)))
    params = {k: v for i, (d, q) in enumerate(hits) for k, v in ((f"d{i}", d), (f"q{i}", q))}
    with store.engine.connect() as conn:  # one query for the hits' groups, not one a hit
        clusters = set(conn.execute(text(
            "SELECT DISTINCT cluster_id FROM quote_clusters "
            f"WHERE (doc_id, quote_id) IN (VALUES {pairs})"), params).scalars())
    found: list[Chain] = []
    for cluster_id in _largest_first(store, clusters):
        c = stored_chain(store, cluster_id, kb)
        if c is not None and any(matches(phrase, o) for o in c.occurrences):
            found.append(c)
            if len(found) == limit:
                break
    return found


__all__ = ["ensure_current", "is_current", "rebuild", "stored_chain", "stored_occurrences",
           "trace_stored"]
