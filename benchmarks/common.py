"""What every benchmark shares: the machine description, result files and tables.

Each result records the load average before and after, because the development machine is
shared: a figure measured under load says so in its own file.
"""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

import spacy
from rich.console import Console
from rich.table import Table

from onrecord.nlp import MODEL_NAME

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
console = Console()


def machine() -> dict:
    """Python, CPU, cores, spaCy and model versions, and the 1-minute load average now."""
    return {"python": platform.python_version(), "cpu": platform.processor()
            or platform.machine(), "cores": os.cpu_count(), "spacy": spacy.__version__,
            "model": MODEL_NAME, "load_average_1min": os.getloadavg()[0]}


def write_result(name: str, result: dict) -> Path:
    """Write ``benchmarks/results/<name>.json``, with the machine and load at the end."""
    out = RESULTS / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({**result, "machine_at_end": machine()}, indent=2) + "\n")
    return out


def print_table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    table = Table(title=title)
    for column in columns:
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(*row)
    console.print(table)
