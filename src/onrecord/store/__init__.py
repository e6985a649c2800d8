"""The article store (``onrecord.store``): SQLite by default, PostgreSQL for teams."""

from onrecord.store.db import DEFAULT_DB, Copy, ItemMark, Store, Stored, open_store

__all__ = ["DEFAULT_DB", "Copy", "ItemMark", "Store", "Stored", "open_store"]
