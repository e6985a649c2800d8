"""Keyset pagination: a list's total order, its pages, and the cursor that names the next one.

A cursor holds the sort keys of a page's last row, so a page never repeats or skips a row while
data is added; it is opaque to users (base64 of JSON) and checked against the list it is for.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from onrecord.store.db import Store
from onrecord.store.where import Where, collate


class InvalidCursor(ValueError):
    """A cursor that this query did not hand out (tampered with, or from another query)."""


@dataclass(frozen=True)
class Listing:
    """A paged list: its FROM clause and its total order (expression, descending, is text)."""

    sql_from: str
    alias: str
    keys: tuple[tuple[str, bool, bool], ...]


def encode(values: Sequence[object]) -> str:
    raw = json.dumps(list(values), separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, listing: Listing) -> list[object]:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        values = None
    expected = [str if is_text else int for _, _, is_text in listing.keys]
    if not (
        isinstance(values, list)
        and len(values) == len(expected)
        and all(type(v) is t for v, t in zip(values, expected, strict=True))
    ):
        raise InvalidCursor("invalid cursor: pass back a next_cursor of the same query")
    return values


def page_rows(
    store: Store, listing: Listing, columns: str, where: Where, cursor: str | None, limit: int,
    keep: Callable[[int], bool] | None = None,
) -> tuple[list[tuple], str | None]:
    """One page of rows in the listing's order (``columns``, then the sort keys), and the
    cursor of the next page. With ``keep``, only the rows whose row id it keeps: the list is
    read in its order, in rounds four times larger each, until the page is full."""
    after = decode(cursor, listing) if cursor is not None else None
    if keep is None:
        rows = store.read(*_statement(store, listing, columns, where, after, limit + 1))
    else:
        rows, size = [], 4 * (limit + 1)
        while len(rows) <= limit:
            read = store.read(*_statement(
                store, listing, f"{listing.alias}.rowid, {columns}", where, after, size
            ))
            rows += [row[1:] for row in read if keep(row[0])]
            if len(read) < size:
                break
            after, size = list(read[-1][-len(listing.keys):]), size * 4
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], encode(rows[limit - 1][-len(listing.keys):])


def _statement(
    store: Store, listing: Listing, columns: str, where: Where, after: list[object] | None,
    limit: int,
) -> tuple[str, dict]:
    """The SQL of up to ``limit`` rows in the listing's order after the keys ``after``."""
    collated = collate(store)
    keys = [(expr + (collated if is_text else ""), desc) for expr, desc, is_text in listing.keys]
    clauses, params = list(where.clauses), {**where.params, "limit": limit}
    if after is not None:
        later = []
        for i, (expr, desc) in enumerate(keys):
            equal = [f"{keys[j][0]} = :key{j}" for j in range(i)]
            later.append(" AND ".join([*equal, f"{expr} {'<' if desc else '>'} :key{i}"]))
        clauses.append("(" + " OR ".join(f"({a})" for a in later) + ")")
        params.update({f"key{i}": v for i, v in enumerate(after)})
    selected = ", ".join(f"{expr} AS key{i}" for i, (expr, _, _) in enumerate(listing.keys))
    order = ", ".join(f"{expr}{' DESC' if desc else ''}" for expr, desc in keys)
    statement = (
        f"SELECT {columns}, {selected} FROM {listing.sql_from} "
        f"WHERE {' AND '.join(clauses) or '1 = 1'} ORDER BY {order} LIMIT :limit"
    )
    return statement, params
