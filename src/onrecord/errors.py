"""Errors that name the input and the problem, so one bad article never hides the others."""

from os import PathLike
from typing import IO

# Longest reason kept: a library's message can quote a whole corrupt record; a reason is read by
# a person in a summary line and stored in a text column.
_MAX_REASON = 300


def _printable(reason: str) -> str:
    """One line of printable text (PostgreSQL text refuses NUL; binary garbage escaped)."""
    line = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in " ".join(reason.split()))
    return line if len(line) <= _MAX_REASON else line[: _MAX_REASON - 1] + "…"


class InputError(Exception):
    """An input (file, URL, record) that cannot be used; ``origin`` names it."""

    def __init__(self, origin: str, reason: str) -> None:
        reason = _printable(reason)
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason

    def __reduce__(self):
        # Rebuilt from both fields, so a failure read in a worker process reaches the driver.
        return type(self), (self.origin, self.reason)


def open_output(path: str | PathLike, mode: str = "w") -> IO:
    """``path`` opened for writing (text in UTF-8, or binary with ``"wb"``); ``InputError``
    naming it when the system refuses (no such folder, no permission)."""
    try:
        return open(path, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""}))
    except OSError as exc:
        raise InputError(str(path), f"cannot write ({exc.strerror})") from None


class InputWarning(UserWarning):
    """Something an input holds that was read anyway, named with where it is (bytes that are
    not UTF-8 replaced, ...). Commands show it as one line, the watcher as a log line."""


class FetchRefused(InputError):
    """A URL the fetcher will not request: its scheme, port or address, or robots.txt, forbid it."""


class FetchFailed(InputError):
    """A URL that was requested but gave no page: unresolvable host, HTTP error, too large."""


class FetchTimeout(FetchFailed):
    """A URL whose server did not answer, or not in full, within the fetch's time limit."""
