"""The demo corpus: `onrecord run samples/ --db PATH` reads every kind of sample, finds copies."""

import json
import os
import subprocess
import sys
from pathlib import Path

import feedparser

from onrecord.store import open_store

ROOT = Path(__file__).resolve().parents[1]
# The two wire copies in samples/: the Continental Desk page re-runs a Meridian Press story with
# edits and a cut ending (near), and the Lakeside Post feed carries another one word for word.
COPIES = {
    "samples/12-moldova-gas-continental-desk.html": ("meridian-20250114-0412", "near"),
    "https://www.lakesidepost.example/world/north-korea-drills-warning": (
        "meridian-20250203-0107", "exact"
    ),
}


def _inputs() -> int:
    """Article items in samples/: one per text or HTML file, JSONL line and feed entry."""
    total = 0
    for path in (ROOT / "samples").iterdir():
        if path.suffix in (".txt", ".html"):
            total += 1
        elif path.suffix == ".jsonl":
            total += sum(1 for line in path.read_text().splitlines() if line.strip())
        elif path.suffix == ".rss":
            total += len(feedparser.parse(path.read_bytes()).entries)
    return total


def test_run_on_the_samples_stores_every_article_once_and_lists_the_copies(tmp_path):
    db = tmp_path / "x.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "onrecord", "run", "samples/", "--db", str(db)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    read = _inputs()
    assert read >= 17  # 8 texts, 3 HTML pages, 3 JSONL lines, 3 feed entries
    with open_store(str(db)) as store:
        assert store.count("articles") == read - len(COPIES)
        copies = {(c.url or c.copy_doc_id): c for doc_id, _ in COPIES.values()
                  for c in store.copies(doc_id)}
        assert len(copies) == len(COPIES) == store.count("copies")
        assert copies["https://continentaldesk.example/europe/moldova-transnistria-gas-blackmail"]\
            .kind == "near"
        assert copies["https://www.lakesidepost.example/world/north-korea-drills-warning"].kind \
            == "exact"
        with store.engine.connect() as conn:
            summary = json.loads(conn.exec_driver_sql("SELECT summary FROM runs").scalar_one())
        assert store.count("quotes") > read  # every sample is a news story with quotations
    assert (summary["read"], summary["stored"], summary["duplicates"]) == (
        read, read - len(COPIES), len(COPIES)
    )
    assert summary["skipped"] == []
    assert {key: (doc_id, kind) for key, doc_id, kind in summary["copies"]} == COPIES
    for key, (doc_id, kind) in COPIES.items():
        assert f"{key} → copy of {doc_id} ({kind})" in done.stderr
