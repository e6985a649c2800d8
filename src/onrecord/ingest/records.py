"""JSONL and CSV dumps: one article per line or row, with mappable field names."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Container, Iterator
from dataclasses import asdict, dataclass

from onrecord.errors import InputError
from onrecord.ingest.files import decode_text
from onrecord.ingest.item import Item
from onrecord.pipeline import Source, check_source


@dataclass(frozen=True)
class FieldMap:
    """Which field of a record holds each article attribute (``--text-field`` and friends)."""

    text: str = "text"
    title: str = "title"
    url: str = "url"
    source: str = "source"
    published: str = "published"
    id: str = "id"
    author: str = "author"


def _value(record: dict, field: str) -> str | None:
    value = record.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return str(value)


def record_to_item(record: object, key: str, fields: FieldMap) -> Item:
    """An item from one parsed record; a record without text fails, naming its line."""
    if not isinstance(record, dict):
        return Item(key=key, error=InputError(key, "not an object"))
    values = {name: _value(record, field) for name, field in asdict(fields).items()}
    if values["text"] is None:
        return Item(key=key, error=InputError(key, f"no text in field {fields.text!r}"))
    source = Source(doc_id=values.pop("id"), **values)
    try:  # JSON escapes can spell a NUL or a lone surrogate, which no store can keep
        check_source(source, key)
    except InputError as exc:
        return Item(key=key, error=exc)
    return Item(key=key, source=source)


def read_jsonl(data: bytes, path: str, fields: FieldMap, skip: Container[str] = ()
               ) -> Iterator[Item]:
    """One item per non-blank line, keyed ``path:line``; a bad line fails alone.

    Lines are split at ``\\n`` only and decoded one by one as UTF-8 (JSON Lines is UTF-8; a
    UTF-16 file is re-encoded first), so a line with broken bytes or a NUL fails alone and a
    U+2028 or U+0085 inside a string, which JSON allows unescaped, does not end its line.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = decode_text(data, path).encode("utf-8")
    for number, raw in enumerate(data.split(b"\n"), start=1):
        key = f"{path}:{number}"
        if not raw.strip() or key in skip:
            continue
        try:
            record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError as exc:
            yield Item(key=key, error=InputError(key, f"not UTF-8 (bad byte at {exc.start})"))
            continue
        except json.JSONDecodeError as exc:
            yield Item(key=key, error=InputError(key, f"invalid JSON ({exc.msg})"))
            continue
        yield record_to_item(record, key, fields)


def read_csv(text: str, path: str, fields: FieldMap, skip: Container[str] = ()) -> Iterator[Item]:
    """One item per row after the header, keyed ``path:row``."""
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # an article fits in a field
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        yield Item(key=path, error=InputError(path, f"invalid CSV ({exc})"))
        return
    for number, row in enumerate(rows, start=1):
        key = f"{path}:{number}"
        if key not in skip:
            yield record_to_item(row, key, fields)
