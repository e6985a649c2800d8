"""Which quotations hold common words: a bitmap per word (a bit per row id) kept in the process,
made again after any write to the store (SQLite's write revision).

SQLite's full-text index counts the 28,000 quotations holding two common words of the 100,000
of ``benchmarks/bench_api_load.py`` in 4.5 ms, and takes 9 ms more to gather the newest 20 of
them in list order. With each word's bitmap the count is an AND and a popcount of two 12 kB
arrays, and a page is the list read in its own order, keeping the rows whose bit is set (about
four rows read for each kept). A word in fewer than ``COMMON_MATCHES`` quotations is left to the
index, which is quick for it; so are lists with other filters, and PostgreSQL's search.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from onrecord.store.db import Store, _fts_phrases, sqlite_revision
from onrecord.store.filters import QuoteFilter
from onrecord.store.where import COMMON_MATCHES, only

#: Bitmaps kept per store and process (12.5 kB each per 100,000 quotations), the least
#: recently used dropped first.
MAX_WORDS = 256
_ROWS = "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q"


@dataclass(frozen=True)
class Matched:
    """The quotations holding every word asked for, as a bitmap (``numpy.packbits`` order)."""

    bits: np.ndarray

    @property
    def count(self) -> int:
        return int(np.bitwise_count(self.bits).sum())

    def has(self, rowid: int) -> bool:
        byte = rowid >> 3
        return byte < len(self.bits) and bool(self.bits[byte] >> (7 - (rowid & 7)) & 1)


class _Words:
    """One store's bitmaps, valid while its write revision stays the same."""

    def __init__(self, store: Store, revision: Callable[[], int]) -> None:
        self.store = store
        self.revision = revision
        self.lock = threading.Lock()
        self.kept: OrderedDict[str, np.ndarray | None] = OrderedDict()
        self.at: int | None = None
        self.size = 0

    def matching(self, terms: list[str]) -> Matched | None:
        with self.lock:
            revision = self.revision()
            if revision != self.at:
                self.kept.clear()
                self.at = revision
                self.size = self.store.read("SELECT coalesce(max(rowid), 0) FROM quotes")[0][0] + 1
            result = None
            for term in terms:
                bits = self._bits(term)
                if bits is None:
                    return None
                result = bits if result is None else result & bits
            return Matched(result) if result is not None else None

    def _bits(self, term: str) -> np.ndarray | None:
        """The quotations holding ``term`` (an FTS5 phrase), or None if it is rare."""
        if term in self.kept:
            self.kept.move_to_end(term)
            return self.kept[term]
        rows = self.store.read(_ROWS, {"q": term})
        bits = None
        if len(rows) >= COMMON_MATCHES:
            flags = np.zeros(self.size, dtype=bool)
            rowids = np.fromiter((rowid for (rowid,) in rows), dtype=np.int64, count=len(rows))
            flags[rowids[rowids < self.size]] = True
            bits = np.packbits(flags)
        self.kept[term] = bits
        if len(self.kept) > MAX_WORDS:
            self.kept.popitem(last=False)
        return bits


_STORES: weakref.WeakKeyDictionary[Store, _Words | None] = weakref.WeakKeyDictionary()


def matching(store: Store, f: QuoteFilter | None) -> Matched | None:
    """The quotations ``f`` keeps, when it asks for common words alone on a SQLite store;
    None otherwise (the query's SQL answers)."""
    if not (f and f.q and re.search(r"\w", f.q) and only(f, QuoteFilter, "q")):
        return None
    if store not in _STORES:
        revision = sqlite_revision(store)
        _STORES[store] = _Words(store, revision) if revision else None
    words = _STORES[store]
    if words is None:
        return None
    return words.matching(_fts_phrases(f.q))
