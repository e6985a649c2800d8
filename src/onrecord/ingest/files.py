"""Article files and folders: paths, globs, recursive folders, standard input; byte decoding."""

from __future__ import annotations

import codecs
import glob
import io
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from charset_normalizer import from_bytes

from onrecord.errors import InputError, InputWarning

# Share of control characters (other than tab/newline/CR/form feed) above which decoded bytes are
# taken for binary data rather than text: real articles have none; 0.5% tolerates a stray few.
_MAX_CONTROL_SHARE = 0.005


#: Control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F) but tab, newline,
#: carriage return and form feed.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = len(_CONTROLS.findall(text))
    return controls > _MAX_CONTROL_SHARE * max(len(text), 1)


class ReplacedBytes(InputWarning):
    """Bytes that are not UTF-8 in text that is: replaced by U+FFFD, named with their offset."""


# Text split into ASCII runs, well-formed UTF-8 sequences of two to four bytes (RFC 3629) and,
# in group 1, any other byte: one that is not UTF-8.
_UTF8_PIECES = re.compile(
    rb"[\x00-\x7f]+|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
    rb"|([\x80-\xff])"
)


def _mostly_utf8(data: bytes, origin: str) -> str | None:
    """The text of UTF-8 bytes with a few bad ones, replaced by U+FFFD and named in a
    ``ReplacedBytes`` warning; ``None`` when the bytes are not mostly UTF-8 (the well-formed
    multi-byte sequences must outnumber the bad bytes: a legacy charset's text has almost none).
    """
    sequences, bad = 0, []
    for piece in _UTF8_PIECES.finditer(data):
        if piece.group(1) is not None:
            bad.append(piece.start())
        elif piece.group()[0] >= 0x80:
            sequences += 1
    if sequences <= len(bad):
        return None
    many = f"{len(bad)} invalid UTF-8 byte{'s' * (len(bad) > 1)}"
    where = f"at byte {bad[0]}" if len(bad) == 1 else f"the first at byte {bad[0]}"
    warnings.warn(f"{origin}: {many} replaced by U+FFFD ({where})", ReplacedBytes, stacklevel=3)
    return data.decode("utf-8-sig", errors="replace")


def decode_text(data: bytes, origin: str, declared: str | None = None) -> str:
    """Decode article bytes: BOM, then UTF-8, then mostly UTF-8 (a few bad bytes replaced and
    named), then the declared charset, then detection.

    "Valid UTF-8 stays UTF-8 with the bad byte replaced and a warning naming the file and
    offset; charset detection only for text that is not mostly UTF-8." Raises ``InputError``
    naming ``origin`` when no encoding gives text (binary or garbage).
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
            if encoding == "utf-8-sig":
                text = _mostly_utf8(data, origin)
                if text is not None:
                    break
            continue
    if text is None:
        best = from_bytes(data).best()
        if best is None:
            raise InputError(origin, "undecodable bytes: no text encoding fits") from None
        text = str(best)
    if _looks_binary(text):
        raise InputError(origin, "binary data, not text")
    return text


#: Bytes of a dump looked at to choose its encoding before it is read a record at a time
#: (also the read buffer of ``open_bytes``, so that many can be looked at).
SNIFF_BYTES = 65536


def stream_encoding(head: bytes, origin: str) -> str:
    """The encoding to read a whole stream in, from its first bytes: a UTF-16 BOM, else UTF-8
    when the head is UTF-8 (a character cut at its end allowed), else detection; ``InputError``
    for binary data or bytes no encoding fits."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
            encoding = "utf-8-sig"
        except UnicodeDecodeError:
            best = from_bytes(head).best()
            if best is None:
                raise InputError(origin, "undecodable bytes: no text encoding fits") from None
            encoding = best.encoding
    if _looks_binary(head.decode(encoding, errors="replace")):
        raise InputError(origin, "binary data, not text")
    return encoding


@contextmanager
def _named(path: str) -> Iterator[None]:
    """Turn the operating system's refusal to read ``path`` into ``InputError`` naming it."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not an article file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None


def open_bytes(path: str) -> io.BufferedReader:
    """A buffered binary stream of one file (``-`` is standard input); ``InputError`` names
    the file."""
    if path == "-":
        return sys.stdin.buffer
    with _named(path):
        if Path(path).is_dir():
            raise IsADirectoryError
        return open(path, "rb", buffering=SNIFF_BYTES)  # noqa: SIM115  (the caller closes it)


def read_bytes(path: str, max_bytes: int | None = None) -> bytes:
    """The bytes of one file (``-`` is standard input); ``InputError`` names the file on failure."""
    if path == "-":
        return sys.stdin.buffer.read()
    with _named(path):
        file = Path(path)
        if max_bytes is not None and file.stat().st_size > max_bytes:
            raise InputError(path, f"too large ({file.stat().st_size} bytes > {max_bytes})")
        return file.read_bytes()


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

