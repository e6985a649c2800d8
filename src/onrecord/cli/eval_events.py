"""`onrecord eval events`: score event coding on our gold articles and PLOVER's records.

A report, not a gate: it exits 0 whatever the scores; 1 when the input cannot be read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from onrecord.cli.eval import eval_app
from onrecord.eval.events import (
    GOLD_EVENTS_DIR,
    NO_EVENT,
    EventGoldError,
    EventReport,
    TypeReport,
    evaluate_events,
    load_event_gold,
    read_plover_records,
    score_types,
)
from onrecord.events import code_narration
from onrecord.nlp import load_nlp
from onrecord.pipeline import Source, extract_many

stderr = Console(stderr=True)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def gold_table(report: EventReport) -> Table:
    table = Table(title=f"Events on our gold set ({report.articles} articles, "
                        f"{report.type.gold} events)")
    for column in ("measure", "P", "R", "F1 / accuracy", "n"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    for label, score in (("event type", report.type), ("condition detection", report.condition)):
        table.add_row(label, _pct(score.precision), _pct(score.recall), _pct(score.f1),
                      f"{score.tp}/{score.gold}")
    table.add_row("event type, macro-F1", "", "", _pct(report.macro_f1), "")
    for label, acc in (("source actor", report.source), ("target actor", report.target),
                       ("negation", report.negated), ("hedge", report.hedged)):
        table.add_row(label, "", "", _pct(acc.rate), f"{acc.correct}/{acc.total}")
    return table


def plover_table(report: TypeReport) -> Table:
    table = Table(title=f"PLOVER gold-standard records ({report.records}): type per sentence")
    for column in ("type", "P", "R", "F1", "gold"):
        table.add_column(column, justify="right" if column != "type" else "left")
    for name, score in sorted(report.per_type.items()):
        if score.gold:
            table.add_row(name, _pct(score.precision), _pct(score.recall), _pct(score.f1),
                          str(score.gold))
    table.add_row("macro-F1", "", "", _pct(report.macro_f1), "")
    table.add_row("accuracy", "", "", _pct(report.accuracy), "")
    return table


def plover_predictions(path: Path) -> tuple[list[str], list[str]]:
    """Gold and predicted type of each record: the first quotation event, else the sentence's
    own event, else no event."""
    records = read_plover_records(path)
    articles = extract_many(Source(text=r.text, doc_id=r.id, published=r.date) for r in records)
    nlp = load_nlp()
    predicted = []
    for record, article in zip(records, articles, strict=True):
        if article.events:
            predicted.append(article.events[0].type)
            continue
        coded = code_narration(nlp(record.text))
        predicted.append(coded.type if coded else NO_EVENT)
    return [r.type for r in records], predicted


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Option(help="Event gold YAML folder.")] = GOLD_EVENTS_DIR,
    plover: Annotated[Path | None, typer.Option(
        help="PLOVER's gold-standard records (PLOVER_GSR_CAMEO.txt) to score types on.")] = None,
    json_path: Annotated[Path | None, typer.Option(
        "--json", help="Also write the numbers to this JSON file.")] = None,
    errors: Annotated[bool, typer.Option(
        "--errors", help="List missed, spurious and mis-coded events.")] = False,
) -> None:
    """Score event coding: type F1, source/target accuracy, condition F1 (and PLOVER types)."""
    try:
        articles = load_event_gold(gold)
        records = list(extract_many(Source(text=a.text, doc_id=a.id, published=a.published)
                                    for a in articles))
        report = evaluate_events(articles, records)
        plover_report = score_types(*plover_predictions(plover)) if plover else None
    except (EventGoldError, OSError, ValueError, KeyError) as exc:
        stderr.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(code=1) from None
    out = Console()
    out.print(gold_table(report))
    if errors:
        for line in report.errors:
            out.print(escape(line), highlight=False)
    data = {"gold": report.to_json_dict()}
    if plover_report is not None:
        out.print(plover_table(plover_report))
        data["plover"] = {"records": plover_report.records,
                          "macro_f1": plover_report.macro_f1,
                          "accuracy": plover_report.accuracy}
    if json_path is not None:
        json_path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
