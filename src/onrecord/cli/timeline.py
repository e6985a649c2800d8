"""`onrecord timeline A B RECORDS...`: the escalation series from A to B."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from onrecord.cli.app import app
from onrecord.errors import InputError
from onrecord.events.timeline import series
from onrecord.ingest import records as ingest_records
from onrecord.model import Article

stderr = Console(stderr=True)


class PeriodOption(StrEnum):
    day = "day"
    week = "week"


class LevelOption(StrEnum):
    state = "state"
    actor = "actor"


def read_records(paths: list[Path]) -> tuple[list[Article], int]:
    """Articles from JSONL files written by `onrecord extract`, and how many lines or files
    failed: each is reported on stderr with its name and the reason, the rest still read."""
    records, failed = [], []
    for path in paths:
        try:
            for record in ingest_records.read_records(str(path)):
                (failed if isinstance(record, InputError) else records).append(record)
        except InputError as exc:
            failed.append(exc)
    for error in failed:
        stderr.print(f"[red]error[/red] {escape(str(error))}", highlight=False, soft_wrap=True)
    return records, len(failed)


@app.command()
def timeline(
    source: Annotated[str, typer.Argument(
        help="Source party: ISO3 (RUS), body (NATO), armed group (HEZBOLLAH) or actor id.")],
    target: Annotated[str, typer.Argument(help="Target party, as for the source.")],
    records: Annotated[list[Path], typer.Argument(help="JSONL records from `onrecord extract`.")],
    period: Annotated[PeriodOption, typer.Option(help="Bucket size.")] = PeriodOption.week,
    level: Annotated[LevelOption, typer.Option(
        help="Count states (bodies, armed groups) or individual actors.")] = LevelOption.state,
) -> None:
    """Events from SOURCE to TARGET per day or week: counts by PLOVER type, mean intensity."""
    articles, failed = read_records(records)
    buckets = series(articles, source, target, period.value, level.value)
    table = Table(title=f"{source} → {target} per {period.value}")
    for column in ("from", "events", "by type", "mean intensity"):
        table.add_column(column)
    for b in buckets:
        kinds = ", ".join(f"{t} {n}" for t, n in b.counts.most_common())
        mean = "—" if b.mean_intensity is None else f"{b.mean_intensity:+.2f}"
        table.add_row(b.start.isoformat(), str(b.total), kinds, mean)
    Console().print(table)
    if failed:
        raise typer.Exit(code=1)
