"""`onrecord watch` as a process: kill -9 in the middle of a poll and start it again (nothing
lost, nothing stored twice, no alert repeated), SIGTERM (a clean stop), a bad configuration."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from feedserver import SECRET_ENV, FeedServer, calm_story, story, watch_config
from rich.console import Console
from sqlalchemy import text

from onrecord.cli.watch import status_table
from onrecord.store import open_store
from onrecord.watch import Watcher, alerts
from onrecord.watch.config import parse_config

SRC = str(Path(__file__).resolve().parents[1] / "src")
CRASHPOINT = str(Path(__file__).with_name("crashpoint.py"))
#: Longest a watcher process may take to get somewhere: a guard against a hang.
PROCESS_SECONDS = 180


def _watch(config: Path, db_url: str, *extra: str, crashpoint=()) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": SRC, SECRET_ENV: "hook-secret"}
    program = [CRASHPOINT, *map(str, crashpoint)] if crashpoint else ["-m", "onrecord"]
    command = [sys.executable, *program, "watch", str(config), "--db", db_url, "--no-status",
               *extra]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture
def site():
    """Four threats and a calm story on the wire; the first threat again from another outlet."""
    with FeedServer() as server:
        server.feed("/wire.xml", "Wire")
        server.feed("/daily.xml", "Daily")
        for number in range(1, 5):
            server.publish("/wire.xml", *story(number, "Wire"))
        server.publish("/wire.xml", *calm_story(1))
        server.publish("/daily.xml", *story(1, "Daily"))
        yield server


@pytest.mark.parametrize(("stage", "count"), [("writing", 3), ("checking", 2)])
def test_killed_mid_poll_the_restart_loses_and_repeats_nothing(tmp_path, db_url, site,
                                                               stage, count):
    """kill -9 inside the transaction storing the third article, or inside the one storing an
    article's alerts; the restart stores the rest and raises each alert once."""
    config = tmp_path / "watch.yaml"
    config.write_text(watch_config(site, ["/wire.xml", "/daily.xml"]))
    marker = tmp_path / "stopped"
    process = _watch(config, db_url, "--once", crashpoint=(stage, count, marker))
    deadline = time.monotonic() + PROCESS_SECONDS
    while not marker.exists():
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the watcher never reached the crash point"
        time.sleep(0.1)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert site.webhook == []  # alerts are delivered after the poll's articles are checked

    again = _watch(config, db_url, "--once")
    _, err = again.communicate(timeout=PROCESS_SECONDS)
    assert again.returncode == 0, err.decode()
    with open_store(db_url) as store:
        assert store.count("articles") == 5 and store.count("copies") == 1
        with store.engine.connect() as conn:
            stored = conn.execute(text(
                "SELECT doc_id FROM run_items WHERE status = 'stored'")).scalars().all()
            checked = conn.execute(text("SELECT count(*) FROM watch_checked")).scalar_one()
        assert len(stored) == len(set(stored)) == 5 and checked == 5
        found = alerts.recent(store)
        assert len(found) == 4 and alerts.undelivered(store) == []
    keys = [headers["x-onrecord-alert"] for _, headers, _ in site.webhook]
    assert sorted(keys) == sorted(a.story_key for a in found)


def test_sigterm_finishes_the_batch_in_hand_and_exits_cleanly(tmp_path, site):
    config = tmp_path / "watch.yaml"
    config.write_text(watch_config(site, ["/wire.xml", "/daily.xml"]))
    db = str(tmp_path / "watch.db")
    process = _watch(config, db)
    with open_store(db) as store:
        deadline = time.monotonic() + PROCESS_SECONDS
        while not alerts.recent(store):
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "no alert from the watcher"
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=PROCESS_SECONDS)
        assert process.returncode == 0, err.decode()
        logged = [json.loads(line) for line in err.decode().splitlines()]
        assert logged[-1]["event"] == "stop" and logged[-1]["alerts"] == 4
        assert {line["event"] for line in logged} >= {"start", "item", "poll", "alert"}
        assert store.count("articles") == 5 and len(alerts.recent(store)) == 4


def test_once_exits_1_naming_a_feed_that_failed_after_storing_the_others(tmp_path, site):
    site.feed("/broken.xml", "Broken", failing=True)
    config = tmp_path / "watch.yaml"
    config.write_text(watch_config(site, ["/wire.xml", "/broken.xml"]))
    process = _watch(config, str(tmp_path / "watch.db"), "--once")
    _, err = process.communicate(timeout=PROCESS_SECONDS)
    assert process.returncode == 1
    assert f"onrecord watch: {site.base}/broken.xml: HTTP 500" in err.decode()
    with open_store(str(tmp_path / "watch.db")) as store:
        assert store.count("articles") == 5 and len(alerts.recent(store)) == 4


def test_a_webhook_secret_missing_from_the_environment_is_named(tmp_path, site):
    config = tmp_path / "watch.yaml"
    config.write_text(watch_config(site, ["/wire.xml"]).replace(SECRET_ENV, "NO_SUCH_SECRET"))
    process = _watch(config, str(tmp_path / "watch.db"))
    _, err = process.communicate(timeout=PROCESS_SECONDS)
    assert process.returncode == 2
    assert "the secret variable NO_SUCH_SECRET is not set" in err.decode()
    assert site.hits == []


def test_a_bad_configuration_is_named_and_nothing_starts(tmp_path):
    config = tmp_path / "watch.yaml"
    config.write_text("feeds:\n  - url: https://a.example/feed\n    interval: -5\n")
    process = _watch(config, str(tmp_path / "watch.db"))
    _, err = process.communicate(timeout=PROCESS_SECONDS)
    assert process.returncode == 2
    assert f"{config}:3: feeds.0.interval: Input should be greater than 0" in err.decode()
    assert not (tmp_path / "watch.db").exists()


def test_the_live_status_shows_each_feed_and_the_totals(tmp_path, site, monkeypatch):
    monkeypatch.setenv(SECRET_ENV, "hook-secret")
    config = parse_config(watch_config(site, ["/wire.xml", "/daily.xml"]), "watch.yaml")
    with open_store(str(tmp_path / "watch.db")) as store:
        watcher = Watcher(config, store)
        watcher.states[site.base + "/daily.xml"].last_error = "HTTP 500"
        watcher.totals.update(stored=5, alerts=4)
        console = Console(record=True, width=200)
        console.print(status_table(watcher))
        watcher.close()
    shown = console.export_text()
    assert "5 stored, 0 copies, 4 alerts, 0 delivered" in shown
    assert f"{site.base}/wire.xml" in shown and "never" in shown and "HTTP 500" in shown


def test_a_page_with_a_bad_byte_is_a_warning_log_line_not_a_break_in_the_json(tmp_path, site):
    """The warning that names the page and the byte was printed as Python shows warnings (the
    file and line of our code, then the code itself): two lines that are not JSON."""
    link = site.publish("/daily.xml", *story(9, "Daily"), teaser=True)
    path = link.removeprefix(site.base)
    site.pages[path] = site.pages[path].replace(b"story 9.", b"story 9.\xff", 1)
    config = tmp_path / "watch.yaml"
    config.write_text(watch_config(site, ["/daily.xml"]))
    process = _watch(config, str(tmp_path / "watch.db"), "--once")
    _, err = process.communicate(timeout=PROCESS_SECONDS)
    assert process.returncode == 0, err.decode()
    logged = [json.loads(line) for line in err.decode().splitlines()]  # every line is JSON
    [warned] = [line for line in logged if line["event"] == "warning"]
    assert warned["kind"] == "ReplacedBytes"
    assert warned["reason"].startswith(f"{link}: 1 invalid UTF-8 byte replaced by U+FFFD")
