"""`onrecord eval`: run the extractor over gold articles (or PolNeAR) and report the scores.

A report, not a gate: it exits 0 whatever the scores; only unusable input (a missing folder,
an invalid gold file) exits 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from onrecord.cli.app import app
from onrecord.datafiles import DataFileError
from onrecord.errors import InputError
from onrecord.eval.fragments import cross_validate, fit_all, save
from onrecord.eval.gold import (
    GOLD_DIR,
    KINDS,
    GoldArticle,
    GoldError,
    load_gold_dir,
    thin_cases,
)
from onrecord.eval.metrics import STRICT, THRESHOLDS, Finding, Recall, Report, evaluate
from onrecord.eval.polnear import read_polnear
from onrecord.model import Article
from onrecord.pipeline import ArticleText, extract_many
from onrecord.quotes import fragments

stderr = Console(stderr=True)


def percent(value: float | None) -> str:
    """A share as a percentage with one decimal; "—" where it is undefined (``Score``)."""
    return "—" if value is None else f"{100 * value:.1f}"


def _extract(articles: list[GoldArticle]) -> list[Article]:
    """Records of the gold texts, with a progress bar on stderr (the spaCy parse is slow)."""
    sources = (ArticleText(text=a.text, doc_id=a.id) for a in articles)
    columns = (
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    records: list[Article] = []
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task("extract", total=len(articles))
        for record in extract_many(sources):
            records.append(record)
            progress.advance(task)
    return records


def score_table(report: Report) -> Table:
    """Precision, recall and F1 of detection, cues and exact spans."""
    table = Table(title="Scores (%)")
    table.add_column("task")
    for column in ("P", "R", "F1", "tp", "predicted", "gold"):
        table.add_column(column, justify="right")
    rows = [(f"quotes {level} (t={t})", report.detection[level]) for level, t in THRESHOLDS.items()]
    rows.append(("cue (strict pairs)", report.cue))
    rows.extend((f"exact span: {role}", score) for role, score in report.exact.items())
    for label, score in rows:
        table.add_row(
            label,
            percent(score.precision),
            percent(score.recall),
            percent(score.f1),
            str(score.tp),
            str(score.predicted),
            str(score.gold),
        )
    return table


def recall_table(title: str, label: str, recalls: dict[str, Recall], with_articles: bool) -> Table:
    """Strict and loose recall per group (kind or case tag)."""
    table = Table(title=title)
    table.add_column(label)
    if with_articles:
        table.add_column("articles", justify="right")
    for column in ("gold quotes", "strict R", "loose R"):
        table.add_column(column, justify="right")
    for name, recall in recalls.items():
        cells = [str(recall.articles)] if with_articles else []
        cells += [str(recall.gold), percent(recall.rate("strict")), percent(recall.rate("loose"))]
        table.add_row(name, *cells)
    return table


def print_findings(console: Console, findings: list[Finding]) -> None:
    """One block per error: kind, article, gold and predicted text, and what differs."""
    for finding in findings:
        console.print(f"[bold]{finding.kind}[/bold] {escape(finding.article_id)}", highlight=False)
        if finding.gold is not None:
            console.print(f"  gold: {escape(finding.gold)}", highlight=False)
        if finding.predicted is not None:
            console.print(f"  pred: {escape(finding.predicted)}", highlight=False)
        if finding.detail:
            console.print(f"  [dim]{escape(finding.detail)}[/dim]", highlight=False)


def print_report(console: Console, report: Report, source_label: str) -> None:
    gold_quotes = report.detection["strict"].gold
    console.print(f"{source_label}: {report.articles} articles, {gold_quotes} gold quotes")
    console.print(score_table(report))
    console.print(
        f"Speaker accuracy over strict pairs (t={STRICT}): "
        f"{percent(report.speaker_accuracy)}% ({report.speaker_correct}/{report.speaker_pairs})"
    )
    console.print(
        f"Speaker accuracy end to end (right speaker on a strict match, over all gold quotes): "
        f"{percent(report.speaker_end_to_end)}% ({report.speaker_correct}/{gold_quotes})"
    )
    kinds = {kind: report.kinds[kind] for kind in KINDS}
    console.print(recall_table("Recall per kind (%)", "kind", kinds, with_articles=False))
    if report.cases:
        console.print(recall_table("Recall per case tag (%)", "case", report.cases, True))


def _load(
    gold: Path | None, polnear: Path | None, limit: int | None
) -> tuple[list[GoldArticle], str]:
    if polnear is not None:
        return read_polnear(polnear, limit), f"PolNeAR {polnear}"
    folder = gold or GOLD_DIR
    articles = load_gold_dir(folder)
    if gold is None and (thin := thin_cases(articles)):
        stderr.print(f"note: case tags with fewer than two gold articles: {thin}", highlight=False)
    return articles[:limit], f"Gold {folder}"


eval_app = typer.Typer(help="Score the extractor (quotations by default; `events` for events).")
app.add_typer(eval_app, name="eval")


@eval_app.callback(invoke_without_command=True)
def eval_command(
    ctx: typer.Context,
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Gold YAML folder (default: the shipped set).")
    ] = None,
    polnear: Annotated[
        Path | None,
        typer.Option("--polnear", help="PolNeAR split (e.g. PolNeAR/data/dev) or brat folder."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Only the first N documents.")
    ] = None,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Also write the numbers to this JSON file.")
    ] = None,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors", help="List misses, false alarms, boundary errors, wrong speakers."
        ),
    ] = False,
) -> None:
    """Score the extractor against the gold articles (or PolNeAR) and print the report.

    Exits 0 whatever the scores (a report, not a gate); 1 when the input cannot be read.
    """
    if ctx.invoked_subcommand is not None:
        return
    if gold is not None and polnear is not None:
        raise typer.BadParameter("give --gold or --polnear, not both")
    try:
        articles, source_label = _load(gold, polnear, limit)
    except (GoldError, InputError, DataFileError) as exc:
        stderr.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(code=1) from None
    report = evaluate(articles, _extract(articles))
    stdout = Console()
    print_report(stdout, report, source_label)
    if errors:
        print_findings(stdout, report.findings)
    if json_path is not None:
        data = {"dataset": source_label, **report.to_json_dict()}
        json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")


REAL_DEV = Path("data/realnews/dev")


@eval_app.command("fragments")
def eval_fragments(
    gold: Annotated[Path, typer.Option(
        "--gold", help="Real-news gold folder to fit and cross-validate on (with the shipped "
        "gold set in every training fold).")] = REAL_DEV,
    folds: Annotated[int, typer.Option(min=2, help="Folds of articles.")] = 5,
    fit: Annotated[Path | None, typer.Option(
        "--fit", help="Fit on everything and write the model here (the shipped one: "
        f"src/onrecord/data/{fragments.MODEL_FILE}); no cross-validation.")] = None,
) -> None:
    """Where a clause with quoted words ends (``onrecord.quotes.fragments``): the verb list and
    the learned model scored on the same held-out articles, or the model fitted and saved."""
    try:
        own, real = load_gold_dir(GOLD_DIR), load_gold_dir(gold)
    except (GoldError, InputError) as exc:
        stderr.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(code=1) from None
    out = Console()
    if fit is not None:
        model = fit_all(own, real)
        save(model, fit)
        out.print(f"{fit}: {model.fitted_on}", highlight=False)
        return
    result = cross_validate(own, real, folds)
    out.print(f"{gold}: {len(real)} articles in {folds} folds, each scored by a model fitted "
              f"on the other folds and the {len(own)} shipped gold articles", highlight=False)
    for name, report in (("verb list (rules)", result.rules), ("learned model", result.model)):
        table = score_table(report)
        table.title = f"{name}: scores (%)"
        out.print(table)
        out.print(f"speaker end to end: {percent(report.speaker_end_to_end)}%")
