"""``python crashpoint.py STAGE N MARKER ARGS...``: the ``onrecord`` command (ARGS), stopped dead
the N-th time it passes STAGE, so a test can ``kill -9`` it exactly there.

Stages: ``reading`` (a file's bytes just read), ``extracting`` (an article's quotations just
found, its batch half done), ``writing`` (an article just written inside the store's open
transaction) and ``checking`` (``onrecord watch`` marking an article's rules run, inside the
transaction that stores its alerts). At the stop the process creates MARKER and sleeps until
it is killed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import onrecord.ingest.sources
import onrecord.pipeline
import onrecord.watch.state
from onrecord.cli import app
from onrecord.store.db import Store

STAGES = {
    "reading": (onrecord.ingest.sources, "read_bytes"),
    "extracting": (onrecord.pipeline, "extract_quotes"),
    "writing": (Store, "_put"),
    "checking": (onrecord.watch.state, "mark_checked"),
}


def stop_at(stage: str, count: int, marker: Path) -> None:
    owner, name = STAGES[stage]
    passed = getattr(owner, name)
    calls = 0

    def stop_on_the_nth_call(*args, **kwargs):
        nonlocal calls
        result = passed(*args, **kwargs)
        calls += 1
        if calls == count:
            marker.touch()
            time.sleep(3600)
        return result

    setattr(owner, name, stop_on_the_nth_call)


if __name__ == "__main__":
    stage, count, marker, *args = sys.argv[1:]
    stop_at(stage, int(count), Path(marker))
    app(args, prog_name="onrecord")
