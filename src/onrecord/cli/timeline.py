"""`onrecord timeline A B RECORDS...`: the escalation series from A to B."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from onrecord.cli.app import app
from onrecord.events.timeline import series
from onrecord.model import Article

stderr = Console(stderr=True)


class PeriodOption(StrEnum):
    day = "day"
    week = "week"


class LevelOption(StrEnum):
    state = "state"
    actor = "actor"


def read_records(paths: list[Path]) -> list[Article]:
    """Articles from JSONL files written by `onrecord extract`."""
    records = []
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                records.append(Article.model_validate(json.loads(line)))
    return records


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
    try:
        articles = read_records(records)
    except (OSError, ValueError) as exc:
        stderr.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(code=1) from None
    buckets = series(articles, source, target, period.value, level.value)
    table = Table(title=f"{source} → {target} per {period.value}")
    for column in ("from", "events", "by type", "mean intensity"):
        table.add_column(column)
    for b in buckets:
        kinds = ", ".join(f"{t} {n}" for t, n in b.counts.most_common())
        mean = "—" if b.mean_intensity is None else f"{b.mean_intensity:+.2f}"
        table.add_row(b.start.isoformat(), str(b.total), kinds, mean)
    Console().print(table)
