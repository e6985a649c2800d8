"""`onrecord ingest` and `onrecord run`: batch runs into the store, resumable, with progress."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from onrecord.cli.app import app
from onrecord.distributed import DEFAULT_WORK_DIR, dask_client, run_on_dask
from onrecord.ingest import FetchOptions, FieldMap, Item, Kind, ReadOptions
from onrecord.ingest.fetch import DEFAULT_USER_AGENT
from onrecord.ingest.sources import count_items
from onrecord.parallel import PARTITION_SIZE, run_in_processes
from onrecord.runner import Runner, Summary
from onrecord.store import DEFAULT_DB, open_store

stderr = Console(stderr=True)

Sources = Annotated[
    list[str],
    typer.Argument(help="Files, folders, globs, URL lists, feeds, WARC, JSONL, CSV, URLs or -."),
]
Db = Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// DSN.")]
KindOpt = Annotated[Kind | None, typer.Option("--kind", help="Read every input as this kind.")]
TextField = Annotated[str, typer.Option("--text-field", help="JSONL/CSV field with the text.")]
TitleField = Annotated[str, typer.Option("--title-field", help="JSONL/CSV field: title.")]
UrlField = Annotated[str, typer.Option("--url-field", help="JSONL/CSV field: URL.")]
SourceField = Annotated[str, typer.Option("--source-field", help="JSONL/CSV field: outlet.")]
DateField = Annotated[str, typer.Option("--published-field", help="JSONL/CSV field: date.")]
IdField = Annotated[str, typer.Option("--id-field", help="JSONL/CSV field: document id.")]
UserAgent = Annotated[str, typer.Option("--user-agent", help="User agent for fetching.")]
Timeout = Annotated[float, typer.Option("--timeout", help="Seconds before a fetch gives up.")]
HostDelay = Annotated[float, typer.Option("--host-delay", help="Seconds between hits on a host.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", help="Largest page or file read.")]
BatchSize = Annotated[int, typer.Option("--batch-size", help="Articles per parse and commit.")]
Workers = Annotated[int, typer.Option(
    "--workers", min=1, help="Worker processes extracting (or Dask workers for --dask local).")]
PartitionSize = Annotated[int, typer.Option(
    "--partition-size", min=1, help="Articles (or loose files) per worker task and commit.")]
Dask = Annotated[str | None, typer.Option(
    "--dask", help="Run on a Dask cluster: tcp://scheduler:8786, or 'local' to start one.")]
WorkDir = Annotated[Path, typer.Option(
    "--work-dir", help="Where --dask writes one Parquet file per partition (shared by workers).")]
Update = Annotated[bool, typer.Option(
    "--update", help="An id another input stored with another text: take this text as its new "
    "version (default: refuse it, naming both inputs).")]
RUN_ONLY = ("workers", "partition_size", "dask", "work_dir")  # options that only `run` has


class _Rate(ProgressColumn):
    def render(self, task) -> Text:
        return Text(f"{task.speed or 0:.1f} articles/s", style="progress.data.speed")


def _summary_table(summary: Summary) -> Table:
    table = Table(title="Run summary", show_header=False)
    table.add_row("read", str(summary.read))
    table.add_row("stored", str(summary.stored))
    table.add_row("of which new versions", str(summary.versions))
    table.add_row("duplicates", str(summary.duplicates))
    table.add_row("done by an earlier run", str(summary.already_done))
    table.add_row("skipped", str(len(summary.skipped)))
    return table


def _columns(total: int | None) -> list[ProgressColumn]:
    """Bar, count of total and ETA when the inputs could be counted; else the count and rate.

    An archive or a URL cannot be counted without reading it all, and a bar or ETA made up
    for it would mislead.
    """
    if total is None:
        return [SpinnerColumn(), TextColumn("{task.description}"),
                TextColumn("{task.completed} read"), _Rate(), TimeElapsedColumn()]
    return [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
            MofNCompleteColumn(), _Rate(), TimeRemainingColumn()]


def _batch(
    sources: list[str], db: str, extract: bool, options: ReadOptions, batch_size: int,
    workers: int = 1, partition_size: int = PARTITION_SIZE, dask: str | None = None,
    work_dir: Path = DEFAULT_WORK_DIR, update: bool = False,
):
    total = count_items(sources, options)
    columns = _columns(total)
    with open_store(db) as store, Progress(*columns, console=stderr, transient=False) as progress:
        task = progress.add_task("articles", total=total)

        def on_item(item: Item, status: str) -> None:
            progress.advance(task)
            if item.error is not None:
                progress.console.print(f"[yellow]skipped[/yellow] {item.error}", highlight=False)

        runner = Runner(store, sources, options, extract, batch_size, on_item, update=update)
        progress.update(task, completed=len(store.done_items(runner.key)))
        if dask is not None:
            with dask_client(dask, workers if workers > 1 else None) as client:
                summary = run_on_dask(runner, client, work_dir, partition_size)
        elif workers > 1:
            summary = run_in_processes(runner, workers, partition_size)
        else:
            summary = runner.run()
    stderr.print(_summary_table(summary))
    _listing("duplicates", [f"{key} → copy of {doc_id} ({kind})"
                            for key, doc_id, kind in summary.copies])
    _listing("skipped", [f"{origin}: {reason}" for origin, reason in summary.skipped])
    if summary.errors:  # README: the other inputs are processed, the exit status is 1
        raise typer.Exit(code=1)


# Lines of each listing printed after the summary; a big run's full lists are in the store
# (run_items), and thousands of lines would bury the table.
_LISTED = 20


def _listing(title: str, lines: list[str]) -> None:
    if not lines:
        return
    stderr.print(f"{title}:", highlight=False)
    for line in lines[:_LISTED]:
        stderr.print(f"  {line}", highlight=False, soft_wrap=True)  # one line each, for grep
    if len(lines) > _LISTED:
        stderr.print(f"  … and {len(lines) - _LISTED} more (see run_items in the store)")


def _command(extract: bool, doc: str):
    """Build `ingest` (extract=False) or `run` (extract=True): the same options, one body."""

    def command(
        sources: Sources, db: Db = DEFAULT_DB, kind: KindOpt = None,
        text_field: TextField = "text", title_field: TitleField = "title",
        url_field: UrlField = "url", source_field: SourceField = "source",
        published_field: DateField = "published", id_field: IdField = "id",
        user_agent: UserAgent = DEFAULT_USER_AGENT, timeout: Timeout = 20.0,
        host_delay: HostDelay = 1.0, max_bytes: MaxBytes = FetchOptions.max_bytes,
        batch_size: BatchSize = 32, workers: Workers = 1,
        partition_size: PartitionSize = PARTITION_SIZE, dask: Dask = None,
        work_dir: WorkDir = DEFAULT_WORK_DIR, update: Update = False,
    ) -> None:
        options = ReadOptions(
            kind=kind,
            fields=FieldMap(text=text_field, title=title_field, url=url_field,
                            source=source_field, published=published_field, id=id_field),
            fetch=FetchOptions(user_agent=user_agent, timeout=timeout, host_delay=host_delay,
                               max_bytes=max_bytes),
        )
        _batch(sources, db, extract, options, batch_size, workers, partition_size, dask, work_dir,
               update)

    command.__doc__ = doc
    if not extract:  # nothing to parallelise without extraction: hide the run-only options
        signature = inspect.signature(command, eval_str=True)
        command.__signature__ = signature.replace(parameters=[
            p for p in signature.parameters.values() if p.name not in RUN_ONLY
        ])
    return command


app.command("ingest")(_command(
    False, "Read, clean and de-duplicate articles into the store (no extraction); resumable."
))
app.command("run")(_command(
    True, "Ingest, clean, de-duplicate, extract quotations and store; re-run to resume."
))
