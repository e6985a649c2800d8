"""Article files and folders: paths, globs, recursive folders, standard input; byte decoding."""

from __future__ import annotations

import glob
import sys
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from onrecord.errors import InputError

# Share of control characters (other than tab/newline/CR/form feed) above which decoded bytes are
# taken for binary data rather than text: real articles have none; 0.5% tolerates a stray few.
_MAX_CONTROL_SHARE = 0.005


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f"
    )
    return controls > _MAX_CONTROL_SHARE * max(len(text), 1)


def decode_text(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode article bytes: BOM, then UTF-8, then the declared charset, then detection.

    Raises ``InputError`` naming ``source`` when no encoding gives text (binary or garbage).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8-sig"] + ([declared] if declared else [])
    text = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        best = from_bytes(data).best()
        if best is None:
            raise InputError(source, "undecodable bytes: no text encoding fits") from None
        text = str(best)
    if _looks_binary(text):
        raise InputError(source, "binary data, not text")
    return text


def read_bytes(path: str, max_bytes: int | None = None) -> bytes:
    """The bytes of one file (``-`` is standard input); ``InputError`` names the file on failure."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        file = Path(path)
        if max_bytes is not None and file.stat().st_size > max_bytes:
            raise InputError(path, f"too large ({file.stat().st_size} bytes > {max_bytes})")
        return file.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not an article file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None


def read_text_file(path: str) -> str:
    """The text of one article file; raises ``InputError`` naming the file on any failure."""
    return decode_text(read_bytes(path), "<stdin>" if path == "-" else path)


def expand_paths(spec: str) -> list[str]:
    """Files named by ``spec``: the file itself, every file under a folder, or a glob's matches."""
    if spec == "-":
        return [spec]
    path = Path(spec)
    if path.is_dir():
        return sorted(str(p) for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    if any(ch in spec for ch in "*?["):
        matches = sorted(p for p in glob.glob(spec, recursive=True) if Path(p).is_file())
        if not matches:
            raise InputError(spec, "pattern matches no file")
        return matches
    return [spec]

