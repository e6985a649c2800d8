"""`onrecord extract`: article files in, records out (jsonl, json or a readable table)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.table import Table

from onrecord.actors.kb import KnowledgeBaseError, load_kb
from onrecord.cli.app import app
from onrecord.errors import InputError, open_output
from onrecord.ingest import Kind, kind_of, read_inputs
from onrecord.ingest.sources import whole_file
from onrecord.model import Article
from onrecord.pipeline import ArticleText, check_text, clean, extract_many

stderr = Console(stderr=True, soft_wrap=True)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _sources(paths: list[str], failures: list[InputError],
             read: list[str]) -> Iterator[ArticleText]:
    """The articles of ``paths``, read as ``onrecord run`` reads them (a dump gives one per
    line, a feed one per entry); a plain text file is extracted as it is, anything else cleaned
    as a run cleans it. Failures are named on standard error and collected."""
    for item in read_inputs(paths):
        read.append(item.key)
        try:
            if item.error is not None:
                raise item.error
            src = item.article_text
            if not (whole_file(item.key) and (kind_of(item.key) or Kind.text) is Kind.text):
                src = clean(src)
            if whole_file(item.key) and item.key != "-":
                src = replace(src, source=src.source or item.key)
            check_text(src.text, item.key)
            yield src
        except InputError as exc:
            failures.append(exc)
            stderr.print(f"[red]error[/red] {exc}", highlight=False)


def quote_table(articles: list[Article]) -> Table:
    """One row per quotation: where, who, the cue, the kind and the first words."""
    table = Table(title="Quotations", show_lines=False)
    for column in ("article", "speaker", "cue", "kind", "content"):
        table.add_column(column, overflow="fold")
    for article in articles:
        label = Path(article.source).name if article.source else article.doc_id[:10]
        for quote in article.quotes:
            speaker = quote.speaker
            who = "—"
            if speaker is not None:
                who = speaker.name or f"[dim]{speaker.mention} (unresolved)[/dim]"
            words = quote.content if len(quote.content) <= 70 else quote.content[:67] + "…"
            table.add_row(label, who, quote.cue or "—", quote.kind, words)
    return table


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(help="Article files (plain text or HTML), or - for stdin.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    actors: Annotated[
        list[Path] | None,
        typer.Option("--actors", help="Your actors YAML, merged over the shipped knowledge base."),
    ] = None,
) -> None:
    """Extract quotations (speaker, cue, addressee, spans) and events from article files."""
    try:
        kb = load_kb(tuple(actors or ()))
    except KnowledgeBaseError as exc:
        stderr.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(code=1) from None
    failures: list[InputError] = []
    read: list[str] = []
    sink: TextIO = open_output(output) if output else sys.stdout
    try:
        articles = extract_many(_sources(paths, failures, read), actors=kb)
        if output_format is OutputFormat.jsonl:
            for article in articles:
                sink.write(json.dumps(article.to_json_dict(), ensure_ascii=False) + "\n")
        elif output_format is OutputFormat.json:
            records = [article.to_json_dict() for article in articles]
            json.dump(records, sink, ensure_ascii=False, indent=2)
            sink.write("\n")
        else:
            Console(file=sink).print(quote_table(list(articles)))
    finally:
        if output:
            sink.close()
    if failures:
        stderr.print(f"{len(failures)} of {len(read)} inputs failed", highlight=False)
        raise typer.Exit(code=1)
