"""`onrecord query` and `onrecord export`: the store's queries from the shell, thin over
``onrecord.store.queries`` and ``onrecord.export``."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from onrecord.cli.app import app
from onrecord.cli.filters import filter_options
from onrecord.cli.ingest import Db
from onrecord.export import ExportFormat, export
from onrecord.model import Article
from onrecord.store import DEFAULT_DB, open_store, queries
from onrecord.store.filters import ArticleFilter, EventFilter, Period, QuoteFilter
from onrecord.store.queries import EventRow, InvalidCursor, QuoteRow

stderr = Console(stderr=True, soft_wrap=True)
query_app = typer.Typer(
    help="Query the store: quotations, events, articles, speakers, actors, escalation, network.",
    no_args_is_help=True,
)
export_app = typer.Typer(
    help="Export quotations, events or articles (with the query filters) to a file.",
    no_args_is_help=True,
)
app.add_typer(query_app, name="query")
app.add_typer(export_app, name="export")


class Output(StrEnum):
    table = "table"
    jsonl = "jsonl"


Limit = Annotated[int, typer.Option(min=1, max=queries.MAX_LIMIT, help="Rows per page.")]
Cursor = Annotated[str | None, typer.Option(help="Next page: the cursor the last page printed.")]
By = Annotated[
    Period | None, typer.Option("--by", help="Print counts per day, week, month or year instead.")
]
OutputOpt = Annotated[Output, typer.Option("--format", help="A table, or one JSON row a line.")]
PeriodOpt = Annotated[Period, typer.Option(help="day, week, month or year.")]


def _short(value: str | None, width: int = 70) -> str:
    value = value or "—"
    return value if len(value) <= width else value[: width - 1] + "…"


def _party(ref) -> str:
    return "?" if ref is None else (ref.name or ref.actor_id or ref.country or "?")


@dataclass(frozen=True)
class _Kind:
    """One listable kind of row: its filter, query, row type and table columns."""

    name: queries.Table
    filter: type[BaseModel]
    query: Callable[..., queries.Page]
    model: type[BaseModel]
    columns: tuple[str, ...]
    cells: Callable[[Any], tuple[str, ...]]


def _quote_cells(q: QuoteRow) -> tuple[str, ...]:
    who = q.speaker.name or f"unresolved: {q.speaker.mention}" if q.speaker else "—"
    return (q.article.published or "—", who, q.kind, q.cue or "—", _short(q.content),
            q.article.doc_id)


def _event_cells(e: EventRow) -> tuple[str, ...]:
    return (e.article.published or "—", e.type, f"{_party(e.source)} → {_party(e.target)}",
            _short(e.condition, 40), e.article.doc_id)


def _article_cells(a: Article) -> tuple[str, ...]:
    return (a.published or "—", a.source or "—", _short(a.title, 60), str(len(a.quotes)),
            a.doc_id)


KINDS = [
    _Kind("quotes", QuoteFilter, queries.quotes, QuoteRow,
          ("published", "speaker", "kind", "cue", "quotation", "doc_id"), _quote_cells),
    _Kind("events", EventFilter, queries.events, EventRow,
          ("published", "type", "source → target", "condition", "doc_id"), _event_cells),
    _Kind("articles", ArticleFilter, queries.articles, Article,
          ("published", "source", "title", "quotes", "doc_id"), _article_cells),
]


def _print_json(data: BaseModel | list) -> None:
    if isinstance(data, list):
        data = [item.model_dump(mode="json") for item in data]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        typer.echo(data.model_dump_json(indent=2))


def _list_command(kind: _Kind) -> Callable:
    def command(
        filters: BaseModel, db: Db = DEFAULT_DB, limit: Limit = 20, cursor: Cursor = None,
        by: By = None, output: OutputOpt = Output.table,
    ) -> None:
        with open_store(db) as store:
            if by is not None:
                _print_json(queries.counts(store, kind.name, filters, by))
                return
            try:
                page = kind.query(store, filters, cursor=cursor, limit=limit)
            except InvalidCursor as exc:
                raise typer.BadParameter(str(exc), param_hint="--cursor") from None
        if output is Output.jsonl:
            for row in page.items:
                typer.echo(row.model_dump_json())
        else:
            table = Table(*kind.columns)
            for row in page.items:
                table.add_row(*kind.cells(row))
            Console().print(table)
        if page.next_cursor:
            stderr.print(f"more: --cursor {page.next_cursor}", highlight=False)

    command.__doc__ = f"List {kind.name} matching the filters, newest first, a page at a time."
    return filter_options(kind.filter)(command)


def _export_command(kind: _Kind) -> Callable:
    def command(
        filters: BaseModel,
        fmt: Annotated[ExportFormat, typer.Option("--format", help="File format.")] = (
            ExportFormat.jsonl
        ),
        output: Annotated[
            Path | None, typer.Option("-o", "--output", help="File (default: standard output).")
        ] = None,
        db: Db = DEFAULT_DB,
    ) -> None:
        if fmt is ExportFormat.parquet and output is None:
            raise typer.BadParameter("Parquet is binary: give a file", param_hint="--output")
        with open_store(db) as store:
            written = export(queries.every(kind.query, store, filters), kind.model, fmt, output)
        stderr.print(f"{written} {kind.name} exported", highlight=False)

    command.__doc__ = f"Write every {kind.name[:-1]} matching the filters to CSV, JSONL or Parquet."
    return filter_options(kind.filter)(command)


for _kind in KINDS:
    query_app.command(_kind.name)(_list_command(_kind))
    export_app.command(_kind.name)(_export_command(_kind))


def _found(record: BaseModel | None, what: str) -> BaseModel:
    if record is None:
        stderr.print(f"[red]error[/red] {what} is not in the store", highlight=False)
        raise typer.Exit(1)
    return record


@query_app.command("speaker")
def query_speaker(name: Annotated[str, typer.Argument(help="Resolved speaker name.")],
                  db: Db = DEFAULT_DB) -> None:
    """A speaker's record: quotes, addressees, cues, ways of naming them, first and last date."""
    with open_store(db) as store:
        _print_json(_found(queries.speaker(store, name), f"speaker {name!r}"))


@query_app.command("actor")
def query_actor(key: Annotated[str, typer.Argument(help="Actor id or name.")],
                db: Db = DEFAULT_DB) -> None:
    """An actor's events by type as source and target, and its counterparts."""
    with open_store(db) as store:
        _print_json(_found(queries.actor(store, key), f"actor {key!r}"))


@query_app.command("escalation")
def query_escalation(
    source: Annotated[str, typer.Argument(
        help="Source actor id, name or country code (the state, not a group based there).")],
    target: Annotated[str, typer.Argument(
        help="Target actor id, name or country code (the state, not a group based there).")],
    period: PeriodOpt = "month",
    db: Db = DEFAULT_DB,
) -> None:
    """Events from SOURCE to TARGET by type per period, conditional threats, mean intensity."""
    with open_store(db) as store:
        _print_json(queries.escalation(store, source, target, period))


@query_app.command("network")
@filter_options(EventFilter)
def query_network(filters: EventFilter, db: Db = DEFAULT_DB) -> None:
    """Who did what to whom: actors and edges weighted by events matching the filters."""
    with open_store(db) as store:
        _print_json(queries.network(store, filters))


@query_app.command("versions")
def query_versions(doc_id: Annotated[str, typer.Argument(help="The article's doc_id.")],
                   db: Db = DEFAULT_DB) -> None:
    """An article's earlier versions (texts a changed input replaced), oldest first, as JSONL."""
    with open_store(db) as store:
        _found(store.get(doc_id), f"article {doc_id!r}")
        for old in store.versions(doc_id):
            typer.echo(old.model_dump_json())
