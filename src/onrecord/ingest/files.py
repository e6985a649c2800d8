"""Plain-text article files, one article per file (``-`` is standard input)."""

from __future__ import annotations

import sys
from pathlib import Path

from onrecord.errors import InputError


def decode_text(data: bytes, source: str) -> str:
    """Decode article bytes as UTF-8 (a BOM is honoured and dropped); anything else is an error."""
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"cannot decode as {encoding.upper()} (byte {exc.start}: {exc.reason})"
        ) from None
    if "\x00" in text:
        raise InputError(source, "contains NUL bytes: not a text file")
    return text


def read_text_file(path: str) -> str:
    """The text of one article file; raises ``InputError`` naming the file on any failure."""
    if path == "-":
        return decode_text(sys.stdin.buffer.read(), "<stdin>")
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not an article file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    return decode_text(data, path)
