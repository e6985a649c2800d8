"""`onrecord eval speakers`: the learned speaker ranker against the rules, cross-validated by
article, and fitting it (``onrecord.eval.speakers``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from onrecord.actors.speakers import save_model
from onrecord.cli.eval import eval_app, percent
from onrecord.eval.gold import GOLD_DIR, GoldError, load_gold_dir
from onrecord.eval.speakers import L2, collect, cross_validate, fit_choices, judge

stderr = Console(stderr=True)


@eval_app.command("speakers")
def eval_speakers(
    gold: Annotated[Path, typer.Option(help="Gold YAML folder cross-validated by article "
                                            "(the real-news dev split).")],
    folds: Annotated[int, typer.Option(min=2, help="Folds of --gold's articles.")] = 5,
    l2: Annotated[float, typer.Option(min=0.0, help="L2 penalty of the ranker.")] = L2,
    fit_out: Annotated[Path | None, typer.Option(
        "--fit", help="Also fit the ranker on the shipped gold set and all of --gold and write "
        "it here (ship it as src/onrecord/data/speaker_model.yaml only if it beats the rules "
        "held out).")] = None,
) -> None:
    """Right speakers on strictly matched quotations, rules against the ranker: each fold of
    --gold chosen by a ranker fitted on the other folds and the shipped gold set."""
    try:
        articles = load_gold_dir(gold)
        own = load_gold_dir(GOLD_DIR)
    except GoldError as exc:
        stderr.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(code=1) from None
    choices, counts = collect(articles)
    extra, own_counts = collect(own)
    runs = cross_validate(choices, counts, extra, folds, l2)
    table = Table(title=f"Speakers, {folds}-fold cross-validation by article of {gold} "
                        f"(L2 {l2}; always trained on the shipped gold set too)")
    for column in ("fold", "articles", "gold quotes", "strict pairs", "right candidate",
                   "rules right", "ranker right", "rules end to end", "ranker end to end"):
        table.add_column(column, justify="right")
    for number, run in enumerate([*runs, None], start=1):
        if run is None:
            run = type(runs[0])(*(sum(getattr(r, f) for r in runs)
                                  for f in ("articles", "gold", "pairs", "rules", "model",
                                            "reachable")))
            number = "all"
        table.add_row(str(number), str(run.articles), str(run.gold), str(run.pairs),
                      str(run.reachable), str(run.rules), str(run.model),
                      percent(run.rules / run.gold), percent(run.model / run.gold))
    out = Console()
    out.print(table)
    held_out_own = judge(fit_choices(choices, l2), extra, sum(own_counts.values()),
                         len(own_counts))
    out.print(f"shipped gold set, ranker fitted on {gold} alone: rules "
              f"{held_out_own.rules}/{held_out_own.pairs}, ranker "
              f"{held_out_own.model}/{held_out_own.pairs} right on strict pairs")
    if fit_out is not None:
        model = fit_choices(choices + extra, l2, f"shipped gold set and {gold.as_posix()}")
        save_model(model, fit_out)
        out.print(f"wrote {fit_out}")
