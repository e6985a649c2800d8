"""Finding a speaker as people type one: any case, with or without accents, by surname, by
part of a name or by how articles name them ("lavrov", "erdogan", "foreign minister")."""

from __future__ import annotations

from onrecord.normalise import name_key
from onrecord.store import Store, queries
from onrecord.store.queries import Counted

#: Suggestions offered while typing, and speakers listed on the speakers page.
SUGGESTIONS = 10
MAX_SPEAKERS = 200


def _matches(words: list[str], text: str) -> bool:
    """Every typed word begins a word of ``text`` ("ser lav" finds "Sergei Lavrov"), or a part
    of a hyphenated one ("sharaa" finds "Ahmed al-Sharaa", "al-sharaa" too)."""
    key = name_key(text)
    tokens = key.split() + key.replace("-", " ").split()
    return all(any(t.startswith(w) for t in tokens) for w in words)


def find_speakers(store: Store, typed: str, limit: int = SUGGESTIONS) -> list[Counted]:
    """Speakers whose name, else one of their mentions, matches ``typed``: name matches
    first, each group busiest first; every speaker, busiest first, when nothing is typed."""
    words = name_key(typed).split()
    by_name, by_mention = [], []
    for name, n, mentions in queries.speaker_names(store):
        if _matches(words, name):
            by_name.append(Counted(name=name, count=n))
        elif any(_matches(words, m) for m in mentions):
            by_mention.append(Counted(name=name, count=n))
        if len(by_name) >= limit:
            break
    return (by_name + by_mention)[:limit]
