"""`onrecord provenance "<phrase>"`: where quoted words first appeared, their variants, who they
are attributed to and any conflicting attribution (over JSONL records or the store), and
`onrecord eval provenance`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.columns import Columns
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from onrecord.actors.kb import KnowledgeBaseError, load_kb
from onrecord.cli.app import app
from onrecord.cli.eval import eval_app, percent
from onrecord.cli.timeline import read_records
from onrecord.eval.provenance import (
    GOLD_PROVENANCE_DIR,
    ProvenanceGoldError,
    ProvenanceReport,
    evaluate_provenance,
    load_provenance_gold,
)
from onrecord.pipeline import ArticleText, extract_many
from onrecord.provenance import Chain, Occurrence, occurrences, trace, within_article
from onrecord.provenance.chains import chain_json
from onrecord.provenance.conflicts import WithinFlag
from onrecord.provenance.store import trace_stored
from onrecord.store import open_store

stderr = Console(stderr=True)


def _who(occ: Occurrence) -> str:
    if occ.speaker_name:
        return occ.speaker_name
    return f"unresolved: {occ.speaker_mention}" if occ.speaker_mention else "no speaker"


def _evidence(occ: Occurrence) -> str:
    return (f"{escape(occ.published or '—')} · {escape(occ.outlet or occ.doc_id)}\n"
            f"{escape(occ.evidence or occ.content)}")


def chain_view(found: Chain) -> Group:
    """One chain as rich renderables: summary, variants table, conflicts side by side."""
    first, fullest = found.earliest, found.fullest
    head = (f"[bold]First appeared[/bold] {escape(first.published or 'date unknown')} in "
            f"{escape(first.outlet or first.doc_id)} ({escape(_who(first))})\n"
            f"[bold]Fullest version[/bold] ({fullest.words} words, "
            f"{escape(fullest.outlet or fullest.doc_id)}): “{escape(fullest.content)}”\n"
            f"[bold]Attributed to[/bold] " + "; ".join(
                f"{escape(s.attribution.label)} ({s.attribution.kind}, {len(s.occurrences)})"
                for s in found.speakers))
    table = Table(title=f"{len(found.occurrences)} quotations, {len(found.variants)} variants")
    for column in ("date", "outlet", "kind", "speaker", "words"):
        table.add_column(column)
    for variant in found.variants:
        for occ in variant.occurrences:
            table.add_row(occ.published or "—", occ.outlet or occ.doc_id, occ.kind, _who(occ),
                          occ.content)
    parts: list = [head, table]
    for conflict in found.conflicts:
        panels = [Panel("\n\n".join(_evidence(o) for o in side.occurrences),
                        title=f"{escape(side.attribution.label)} ({side.attribution.kind})")
                  for side in conflict.sides]
        parts += [f"[bold red]Conflict: {conflict.kind}[/bold red]", Columns(panels)]
    return Group(*parts)


@app.command()
def provenance(
    phrase: Annotated[str, typer.Argument(help="Words of the quotation to trace.")],
    records: Annotated[list[Path] | None, typer.Argument(
        help="JSONL records from `onrecord extract` (else the store given with --db).")] = None,
    db: Annotated[str | None, typer.Option(
        help="Store to search (SQLite path or postgresql:// DSN).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the chains as JSON.")] = False,
    actors: Annotated[list[Path] | None, typer.Option(
        "--actors", help="Extra knowledge-base YAML merged over the shipped one.")] = None,
) -> None:
    """Where PHRASE first appeared, in which words, attributed to whom, and any conflict."""
    if not records and db is None:
        stderr.print("[red]error[/red] give JSONL records or --db", highlight=False)
        raise typer.Exit(code=2)
    failed = 0
    try:
        kb = load_kb(tuple(actors or ()))
        if records:
            articles, failed = read_records(records)
            found = trace(phrase, occurrences(articles), kb)
            flags = [f for a in articles for f in within_article(a, kb)]
        else:
            with open_store(db) as store:
                found = trace_stored(store, phrase, kb)
            flags = []
    except (OSError, ValueError, KnowledgeBaseError) as exc:
        stderr.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(code=1) from None
    if as_json:
        print(json.dumps([chain_json(c) for c in found], ensure_ascii=False, indent=2))
    else:
        _show(phrase, found, flags)
    if failed:  # the chains of what could be read are shown; the status says some was not
        raise typer.Exit(code=1)


def _show(phrase: str, found: list[Chain], flags: list[WithinFlag]) -> None:
    out = Console()
    if not found:
        stderr.print(f"no quotation holds {phrase!r}", highlight=False)
    for item in found:
        out.print(chain_view(item))
    for flag in flags:
        if any(o.ref == flag.partial.ref for c in found for o in c.occurrences):
            out.print(f"[bold red]Within {escape(flag.partial.doc_id)}[/bold red]: "
                      f"“{escape(flag.partial.content)}” ({escape(_who(flag.partial))}) is in "
                      f"“{escape(flag.longer.content)}” ({escape(_who(flag.longer))})")


def report_table(report: ProvenanceReport) -> Table:
    table = Table(title=f"Quote provenance on our gold set ({report.articles} articles, "
                        f"{report.gold_quotes} quotations, {report.matched} extracted)")
    for column in ("measure", "value", "n"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    table.add_row("cluster purity", f"{100 * report.purity:.1f}",
                  f"{report.predicted_groups} groups")
    table.add_row("inverse purity", f"{100 * report.inverse_purity:.1f}",
                  f"{report.gold_groups} gold groups")
    for label, score in (("conflicts", report.conflicts), ("  across articles", report.across),
                         ("  within an article", report.within)):
        table.add_row(f"{label}: precision", percent(score.precision),
                      f"{score.tp}/{score.predicted}")
        table.add_row(f"{label}: recall", percent(score.recall), f"{score.tp}/{score.gold}")
    return table


@eval_app.command("provenance")
def eval_provenance(
    gold: Annotated[Path, typer.Option(help="Provenance gold folder.")] = GOLD_PROVENANCE_DIR,
    json_path: Annotated[Path | None, typer.Option(
        "--json", help="Also write the numbers to this JSON file.")] = None,
    errors: Annotated[bool, typer.Option(
        "--errors", help="List missed quotations and wrong or missed conflicts.")] = False,
) -> None:
    """Score quote provenance: cluster purity and conflict precision/recall on our gold set."""
    try:
        data = load_provenance_gold(gold)
        records = list(extract_many(ArticleText(text=a.text, doc_id=a.id, source=a.source,
                                           published=a.published, title=a.title)
                                    for a in data.articles))
        report = evaluate_provenance(data, records, load_kb())
    except (ProvenanceGoldError, OSError, ValueError, KeyError) as exc:
        stderr.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(code=1) from None
    out = Console()
    out.print(report_table(report))
    if errors:
        for line in report.errors:
            out.print(escape(line), highlight=False)
    if json_path is not None:
        json_path.write_text(json.dumps(report.to_json_dict(), indent=2) + "\n", "utf-8")
