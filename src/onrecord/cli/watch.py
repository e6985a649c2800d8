"""`onrecord watch CONFIG.yaml`: poll feeds, store what is new, raise and deliver alerts."""

from __future__ import annotations

import json
import logging
import signal
import sys
import time
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal, NoReturn

import typer
from rich.console import Console
from rich.live import Live
from rich.table import Table

from onrecord.cli.app import app
from onrecord.errors import InputError
from onrecord.store import DEFAULT_DB, open_store
from onrecord.watch import Watcher, load_config


class JsonLines(logging.Formatter):
    """One JSON object a line: time, level, event and the event's fields."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="seconds"),
                "level": record.levelname.lower(), "event": record.getMessage()}
        line.update({k: v for k, v in getattr(record, "fields", {}).items() if v is not None})
        return json.dumps(line, ensure_ascii=False)


class Plain(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = " ".join(f"{k}={v}" for k, v in getattr(record, "fields", {}).items()
                          if v is not None)
        return f"{record.levelname.lower()} {record.getMessage()} {fields}"


class _OnConsole(logging.Handler):
    """Log lines printed above the live status, which keeps the bottom of the terminal."""

    def __init__(self, console: Console) -> None:
        super().__init__()
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        self.console.print(self.format(record), markup=False, highlight=False, soft_wrap=True)


def _ago(stamp: str | None) -> str:
    if not stamp:
        return "never"
    seconds = (datetime.now(UTC) - datetime.fromisoformat(stamp)).total_seconds()
    return f"{seconds:.0f} s ago"


def status_table(watcher: Watcher) -> Table:
    """The live status: one row per feed, the totals in the title."""
    totals = watcher.totals
    table = Table(title=f"onrecord watch {watcher.name}: {totals['stored']} stored, "
                  f"{totals['duplicate']} copies, {totals['alerts']} alerts, "
                  f"{totals['delivered']} delivered", title_justify="left")
    for column in ("feed", "last poll", "status", "stored", "failures", "next poll", "error"):
        table.add_column(column)
    for url, s in watcher.states.items():
        feed = watcher.feeds[url]
        wait = max(0.0, s.next_poll - time.time())
        table.add_row(feed.label, _ago(s.polled_at), s.status or "-", str(s.articles),
                      str(s.failures), f"in {wait:.0f} s", s.last_error or "")
    return table


@app.command()
def watch(
    config: Annotated[Path, typer.Argument(help="The watch configuration (YAML, docs/watch.md).")],
    db: Annotated[
        str, typer.Option(help="The store: a SQLite file (created if missing) or postgresql:// "
                          "DSN.")
    ] = DEFAULT_DB,
    status: Annotated[
        bool | None, typer.Option(help="Live status table (default: when stderr is a terminal).")
    ] = None,
    log_format: Annotated[
        Literal["json", "text"], typer.Option(help="Log lines as JSON objects or plain text.")
    ] = "json",
    once: Annotated[
        bool, typer.Option(help="Poll every feed once, deliver, and exit (for cron); the exit "
                          "status is 1 when a feed or the webhook failed.")
    ] = False,
) -> None:
    """Poll the configured feeds and URL lists, store new articles, raise alerts.

    SIGTERM or Ctrl-C stops it cleanly (the batch in hand is finished); a second one stops it
    at once, which is safe too: every write is a transaction and a restart resumes.
    """
    try:
        settings = load_config(config)
    except InputError as exc:
        _refuse(exc)
    with open_store(db) as store:
        try:
            watcher = Watcher(settings, store)
        except InputError as exc:
            _refuse(exc)
        console = Console(stderr=True)
        show = console.is_terminal if status is None else status
        handler = _OnConsole(console) if show else logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonLines() if log_format == "json" else Plain())
        logger = logging.getLogger("onrecord.watch")
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        _stop_on_signals(watcher)
        try:
            warnings.showwarning = _logged(logger, watcher.name)
            if show:
                with Live(status_table(watcher), console=console, refresh_per_second=1,
                          get_renderable=lambda: status_table(watcher)):
                    watcher.run(cycles=1 if once else None)
            else:
                watcher.run(cycles=1 if once else None)
        except KeyboardInterrupt:  # a second signal: what was in hand is rolled back
            typer.echo("onrecord watch: interrupted; the next start resumes", err=True)
            raise typer.Exit(130) from None
        finally:
            watcher.close()
            logger.removeHandler(handler)
    if once and (failed := _failures(watcher)):
        typer.echo(f"onrecord watch: {'; '.join(failed)}", err=True)
        raise typer.Exit(1)


def _logged(logger: logging.Logger, name: str) -> Callable:
    """``warnings.showwarning`` as a ``warning`` log line: a page with a bad byte must not
    break the JSON lines (the command's ``warnings.catch_warnings`` puts it back)."""

    def log(message, category, *args, **kwargs) -> None:
        logger.warning("warning", extra={"fields": {
            "watch": name, "kind": category.__name__, "reason": str(message)}})

    return log


def _failures(watcher: Watcher) -> list[str]:
    """What failed in the last round: feeds (named, with why) and the webhook."""
    failed = [f"{url}: {s.last_error}" for url, s in watcher.states.items()
              if s.status == "error"]
    if watcher.totals["delivery failures"]:
        failed.append("the webhook did not take every alert (they stay queued)")
    return failed


def _refuse(exc: InputError) -> NoReturn:
    typer.echo(f"onrecord watch: {exc}", err=True)
    raise typer.Exit(2) from None


def _stop_on_signals(watcher: Watcher) -> None:
    """The first SIGTERM or SIGINT asks the watcher to stop; the second interrupts it."""

    def handle(signum, _frame) -> None:
        if watcher.stopping.is_set():
            raise KeyboardInterrupt
        watcher.stop()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
