"""Throughput of onrecord's extraction against bare ``nlp.pipe`` with the same model.

Same texts, same process, same batch size; each side runs ``--rounds`` times alternately and
the best round counts (the least disturbed by other load). Prints a table and writes
``benchmarks/results/bench_extract.json``.

    python benchmarks/bench_extract.py [--copies N] [--rounds R] [--synthetic N]
    python benchmarks/bench_extract.py --whole-process 40 [--rounds R] [--one-line]

Texts: the gold articles and the sample corpus shipped with onrecord, repeated ``--copies``
times (with a copy number appended so no cache can help), or with ``--synthetic N`` the first
N articles of the synthetic corpus (``onrecord.eval.synthetic``: 300-1,500 words each).

``--whole-process N`` times what a user waits for instead: the whole ``onrecord extract``
process (start-up, model load, every stage, JSONL written) on the first N articles of the
real-news dev split, one file each, against a whole Python process that loads the same model
and runs bare ``nlp.pipe`` over the same files; rounds alternate, the best counts. Each process
is timed twice: wall seconds and CPU seconds (user + system, the kernel's account of the finished
child), which other jobs on a shared machine disturb far less than wall time. Both run with
bytecode, as an installed onrecord does (onrecord's sources are compiled first). ``--one-line``
adds the start-up alone: ``onrecord extract`` on a one-line file against a process that only
loads the model. Results, with the load average before and after, in
``benchmarks/results/bench_extract_process.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy
from rich.console import Console
from rich.table import Table

from onrecord.eval.gold import load_gold_dir
from onrecord.eval.synthetic import articles
from onrecord.nlp import MODEL_NAME
from onrecord.pipeline import ArticleText, extract_many

ROOT = Path(__file__).resolve().parent.parent
BATCH_SIZE = 32


def corpus(copies: int, synthetic: int = 0) -> list[str]:
    if synthetic:
        return list(articles(synthetic))
    texts = [article.text for article in load_gold_dir()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    return [f"{text}\n(copy {n})" for n in range(copies) for text in texts]


def time_bare(texts: list[str]) -> float:
    nlp = spacy.load(MODEL_NAME)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return time.perf_counter() - start


def time_onrecord(texts: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    quotes = sum(len(a.quotes) for a in extract_many((ArticleText(t) for t in texts),
                                                      batch_size=BATCH_SIZE))
    return time.perf_counter() - start, quotes


BARE_PROCESS = (
    "import sys, spacy\n"
    "nlp = spacy.load(sys.argv[1])\n"
    "texts = [open(p, encoding='utf-8').read() for p in sys.argv[2:]]\n"
    "for _ in nlp.pipe(texts, batch_size=32):\n"
    "    pass\n"
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: The processes run as an installed onrecord does: with its modules' bytecode, which pip
#: writes at install and ``whole_process`` compiles first (an environment with
#: PYTHONDONTWRITEBYTECODE set compiled the sources of every module at every start: 0.2 s).
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process."""
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=_ENV)
    return time.perf_counter() - start, _children_cpu() - cpu


def _pair(name: str, bare_cmd: list[str], ours_cmd: list[str], rounds: int) -> dict:
    """``rounds`` alternate runs of both commands: each one's wall and CPU seconds, the ratios
    of the bests (bare / ours: 1.0 means onrecord costs nothing over the bare process)."""
    bare, ours = [], []
    for _ in range(rounds):
        bare.append(_timed(bare_cmd))
        ours.append(_timed(ours_cmd))
    result = {"bare_wall_s": [w for w, _ in bare], "bare_cpu_s": [c for _, c in bare],
              "onrecord_wall_s": [w for w, _ in ours], "onrecord_cpu_s": [c for _, c in ours]}
    result["ratio_wall"] = min(result["bare_wall_s"]) / min(result["onrecord_wall_s"])
    result["ratio_cpu"] = min(result["bare_cpu_s"]) / min(result["onrecord_cpu_s"])
    table = Table(title=f"{name} (best of {rounds})")
    for column in ("process", "best wall s", "best CPU s", "CPU s, all rounds"):
        table.add_column(column, justify="right")
    for label, key in (("bare", "bare"), ("onrecord extract", "onrecord")):
        table.add_row(label, f"{min(result[key + '_wall_s']):.2f}",
                      f"{min(result[key + '_cpu_s']):.2f}",
                      ", ".join(f"{t:.2f}" for t in result[key + "_cpu_s"]))
    console = Console()
    console.print(table)
    console.print(f"bare / onrecord: {result['ratio_cpu']:.2f} in CPU time, "
                  f"{result['ratio_wall']:.2f} in wall time")
    return result


def whole_process(count: int, rounds: int, one_line: bool) -> None:
    """``onrecord extract`` on ``count`` real-news files against a bare ``nlp.pipe`` process
    (and with ``one_line``, on a one-line file against a process that only loads the model)."""
    texts = [a.text for a in load_gold_dir(ROOT / "data" / "realnews" / "dev")][:count]
    result: dict = {"articles": len(texts), "words": sum(len(t.split()) for t in texts),
                    "rounds": rounds, "load_average_before": os.getloadavg()}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True,
                   env=_ENV)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n, text in enumerate(texts):
            path = Path(folder) / f"article-{n:03d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        ours_cmd = [sys.executable, "-m", "onrecord", "extract", *paths, "--format", "jsonl"]
        bare_cmd = [sys.executable, "-c", BARE_PROCESS, MODEL_NAME, *paths]
        result["articles_run"] = _pair(f"Whole processes on {len(texts)} real-news articles",
                                       bare_cmd, ours_cmd, rounds)
        if one_line:
            line = Path(folder) / "one-line.txt"
            line.write_text("“We will respond,” the minister said.\n", encoding="utf-8")
            result["one_line"] = _pair(
                "Start-up: one-line file against loading the model",
                [sys.executable, "-c", BARE_PROCESS, MODEL_NAME],
                [sys.executable, "-m", "onrecord", "extract", str(line)], rounds)
    result["load_average_after"] = os.getloadavg()
    out = ROOT / "benchmarks" / "results" / "bench_extract_process.json"
    out.write_text(json.dumps(result, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--synthetic", type=int, default=0, help="synthetic articles instead")
    parser.add_argument("--whole-process", type=int, default=0, metavar="N",
                        help="time whole processes on N real-news articles instead")
    parser.add_argument("--one-line", action="store_true",
                        help="with --whole-process: also time start-up on a one-line file")
    args = parser.parse_args()
    if args.whole_process:
        whole_process(args.whole_process, args.rounds, args.one_line)
        return
    texts = corpus(args.copies, args.synthetic)
    words = sum(len(t.split()) for t in texts)
    time_onrecord(texts[:8])  # load the model and data files outside the timed runs
    bare, ours, quotes = [], [], 0
    for _ in range(args.rounds):
        bare.append(time_bare(texts))
        seconds, quotes = time_onrecord(texts)
        ours.append(seconds)
    best_bare, best_ours = min(bare), min(ours)
    result = {
        "articles": len(texts), "words": words, "quotes": quotes, "rounds": args.rounds,
        "bare_nlp_pipe": {"seconds": best_bare, "articles_per_s": len(texts) / best_bare,
                          "words_per_s": words / best_bare},
        "onrecord_extract": {"seconds": best_ours, "articles_per_s": len(texts) / best_ours,
                             "words_per_s": words / best_ours},
        "ratio": best_bare / best_ours,
        "machine": {"python": platform.python_version(), "cpu": platform.processor()
                    or platform.machine(), "spacy": spacy.__version__, "model": MODEL_NAME},
    }
    table = Table(title=f"Extraction throughput ({len(texts)} articles, {words:,} words, "
                        f"best of {args.rounds})")
    for column in ("pipeline", "seconds", "articles/s", "words/s"):
        table.add_column(column, justify="right")
    for name in ("bare_nlp_pipe", "onrecord_extract"):
        row = result[name]
        table.add_row(name, f"{row['seconds']:.2f}", f"{row['articles_per_s']:.1f}",
                      f"{row['words_per_s']:,.0f}")
    console = Console()
    console.print(table)
    console.print(f"onrecord / bare nlp.pipe throughput ratio: {result['ratio']:.2f}")
    out = ROOT / "benchmarks" / "results" / (
        "bench_extract_synthetic.json" if args.synthetic else "bench_extract.json")
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
