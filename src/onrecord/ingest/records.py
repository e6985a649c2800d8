"""JSONL and CSV dumps: one article per line or row, with mappable field names."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Container, Iterator
from dataclasses import asdict, dataclass

from pydantic import ValidationError

from onrecord.errors import InputError
from onrecord.ingest.fetch import DEFAULT_MAX_BYTES
from onrecord.ingest.files import SNIFF_BYTES, open_bytes, stream_encoding
from onrecord.ingest.item import Item
from onrecord.model import Article, Removed
from onrecord.pipeline import ArticleText, check_article_text


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


def _record_fields(record: dict) -> dict:
    """What an onrecord record (an export, ``extract`` output: it has ``schema_version``) adds
    to a dump's fields, so that export then run gives the same records and ids: its
    ``doc_id``, the dateline, the furniture cleaning removed and the language."""
    if "schema_version" not in record:
        return {}
    removed = tuple(Removed.model_validate(r) for r in record.get("removed") or ())
    return {"doc_id": _value(record, "doc_id"), "dateline": _value(record, "dateline"),
            "removed": removed, "language": _value(record, "language")}


def record_to_item(record: object, key: str, fields: FieldMap) -> Item:
    """An item from one parsed record; a record without text fails, naming its line."""
    if not isinstance(record, dict):
        return Item(key=key, error=InputError(key, "not an object"))
    values = {name: _value(record, field) for name, field in asdict(fields).items()}
    if values["text"] is None:
        return Item(key=key, error=InputError(key, f"no text in field {fields.text!r}"))
    try:
        ours = _record_fields(record)
    except ValidationError as exc:
        return Item(key=key, error=InputError(key, f"invalid 'removed' ({exc.errors()[0]['msg']})"))
    doc_id = values.pop("id") or ours.pop("doc_id", None)
    src = ArticleText(doc_id=doc_id, **values, **ours)
    try:  # JSON escapes can spell a NUL or a lone surrogate, which no store can keep
        check_article_text(src, key)
    except InputError as exc:
        return Item(key=key, error=exc)
    return Item(key=key, article_text=src)


def _lines(stream: io.BufferedReader, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of a byte stream split at ``\\n`` only, each read whole only when it has at
    most ``max_bytes`` bytes (``None`` stands for a longer one, which is skipped unread).
    A UTF-16 stream (by its BOM) is read as text and each line given in UTF-8."""
    if stream.peek(2)[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = io.TextIOWrapper(stream, encoding="utf-16", errors="replace", newline="\n")

        def readline() -> bytes:
            return text.readline(max_bytes + 1).encode("utf-8")
    else:

        def readline() -> bytes:
            return stream.readline(max_bytes + 1)

    while line := readline():
        if line.endswith(b"\n") or len(line) <= max_bytes:
            yield line.removesuffix(b"\n")
            continue
        while not line.endswith(b"\n") and (line := readline()):
            pass  # the rest of the oversized line, read and dropped a piece at a time
        yield None


def read_jsonl(stream: io.BufferedReader, path: str, fields: FieldMap, skip: Container[str] = (),
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """One item per non-blank line, keyed ``path:line``; a bad or oversized line fails alone.

    The file is read a line at a time, never whole: ``max_bytes`` bounds one line. Lines are
    split at ``\\n`` only and decoded one by one as UTF-8 (JSON Lines is UTF-8; a UTF-16 file
    is re-encoded), so a line with broken bytes or a NUL fails alone and a U+2028 or U+0085
    inside a string, which JSON allows unescaped, does not end its line.
    """
    for number, raw in enumerate(_lines(stream, max_bytes), start=1):
        key = f"{path}:{number}"
        if key in skip or (raw is not None and not raw.strip()):
            continue
        if raw is None:
            yield Item(key=key, error=InputError(key, f"too large (over {max_bytes} bytes)"))
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


def read_csv(stream: io.BufferedReader, path: str, fields: FieldMap, skip: Container[str] = (),
             max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """One item per row after the header, keyed ``path:row``, read a row at a time.

    A field over ``max_bytes`` characters, or markup the reader cannot follow, ends the file
    there, with an error naming the row: a CSV reader cannot find the next row's start after it.
    """
    encoding = stream_encoding(stream.peek(SNIFF_BYTES)[:SNIFF_BYTES], path)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    csv.field_size_limit(max_bytes)
    rows = csv.DictReader(text)
    number = 0
    while True:
        number += 1
        key = f"{path}:{number}"
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            large = "larger than field limit" in str(exc)
            reason = f"too large (over {max_bytes} bytes)" if large else f"invalid CSV ({exc})"
            reason += ": the rest of the file is not read"
            yield Item(key=key, error=InputError(key, reason))
            return
        if key not in skip:
            yield record_to_item(row, key, fields)


def read_records(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputError]:
    """The records of a JSONL file ``onrecord extract`` or ``export`` wrote, one a line; a line
    that is no record gives an ``InputError`` naming ``path:line`` in its place, and the next
    lines are still read. A file that cannot be opened raises ``InputError`` naming it."""
    with open_bytes(path) as stream:
        for number, raw in enumerate(_lines(stream, max_bytes), start=1):
            key = f"{path}:{number}"
            if raw is None:
                yield InputError(key, f"too large (over {max_bytes} bytes)")
                continue
            if not raw.strip():
                continue
            try:
                yield Article.model_validate_json(raw.removeprefix(b"\xef\xbb\xbf"))
            except ValidationError as exc:
                error = exc.errors()[0]
                where = ".".join(str(p) for p in error["loc"])
                yield InputError(key, f"not an onrecord record ({where + ': ' if where else ''}"
                                      f"{error['msg']})")
