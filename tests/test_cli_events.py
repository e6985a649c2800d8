"""`onrecord timeline`, `onrecord actors suggest/add` and `onrecord eval events` as a user
runs them."""

from __future__ import annotations

import json

import yaml
from typer.testing import CliRunner

from onrecord import extract
from onrecord.cli import app

runner = CliRunner()

THREAT = "“We will strike German arms factories,” Dmitry Medvedev said."


def _records(tmp_path, *articles: tuple[str, str]):
    path = tmp_path / "records.jsonl"
    path.write_text("".join(extract(text, published=day).model_dump_json() + "\n"
                            for text, day in articles), "utf-8")
    return path


def test_timeline_counts_a_pairs_events_per_day(tmp_path):
    path = _records(tmp_path, (THREAT, "2025-11-12"), (THREAT, "2025-11-12"),
                    ("“Germany will pay a price,” Dmitry Medvedev said.", "2025-11-14"))
    result = runner.invoke(app, ["timeline", "RUS", "DEU", str(path), "--period", "day"],
                           env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if "2025-11-1" in line]
    # the two copies of one story count once; the other day has its own row
    assert len(rows) == 2
    assert "THREATEN 1" in rows[0] and "2025-11-12" in rows[0]
    assert "2025-11-14" in rows[1]


def test_timeline_names_each_unreadable_line_and_file_and_counts_the_rest(tmp_path):
    path = _records(tmp_path, (THREAT, "2025-11-12"))
    path.write_text(path.read_text("utf-8") + "not json\n", "utf-8")
    result = runner.invoke(app, ["timeline", "RUS", "DEU", str(path), str(tmp_path / "gone"),
                                 "--period", "day"], env={"COLUMNS": "120"})
    assert result.exit_code == 1
    assert f"error {path}:2: not an onrecord record (Invalid JSON" in result.stderr
    assert f"error {tmp_path / 'gone'}: no such file" in result.stderr
    assert "2025-11-12" in result.stdout  # the good line still counted


def test_actors_suggest_then_add(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Ivan Petrovsky, the deputy head of Roscosmos, said the launch would "
                       "go ahead on Friday.", "utf-8")
    suggested = runner.invoke(app, ["actors", "suggest", str(article)])
    assert suggested.exit_code == 0, suggested.output
    people = yaml.safe_load(suggested.stdout)["people"]
    assert [p["name"] for p in people] == ["Ivan Petrovsky"]
    candidates = tmp_path / "cand.yaml"
    candidates.write_text(suggested.stdout, "utf-8")
    mine = tmp_path / "mine.yaml"
    first = runner.invoke(app, ["actors", "add", str(candidates), "--into", str(mine)])
    again = runner.invoke(app, ["actors", "add", str(candidates), "--into", str(mine)])
    assert first.exit_code == again.exit_code == 0
    assert "added 1 of 1" in first.stderr and "added 0 of 1" in again.stderr
    assert [p["name"] for p in yaml.safe_load(mine.read_text("utf-8"))["people"]] == \
        ["Ivan Petrovsky"]



def test_actors_add_names_a_bad_candidates_file_and_leaves_the_users_file_as_it_was(tmp_path):
    """`add` wrote the merged file first and checked it after: a candidate with bad roles left
    the user's actors file broken for every later --actors; an unreadable candidates file was a
    traceback."""
    mine = tmp_path / "mine.yaml"
    mine.write_text("people:\n  - name: Ivan Petrovsky\n", "utf-8")
    cases = {"bad.yaml": "people:\n  - name: Anna Berg\n    roles: nonsense\n",
             "list.yaml": "[1, 2]\n", "nameless.yaml": "people:\n  - {title: envoy}\n",
             "broken.yaml": "people: [\n"}
    for name, text in cases.items():
        (tmp_path / name).write_text(text, "utf-8")
    for name in [*cases, "missing.yaml"]:
        result = runner.invoke(app, ["actors", "add", str(tmp_path / name), "--into", str(mine)])
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), name
        assert result.stderr.startswith("error ") and "Traceback" not in result.output
        assert mine.read_text("utf-8") == "people:\n  - name: Ivan Petrovsky\n"
    fresh = tmp_path / "fresh.yaml"
    runner.invoke(app, ["actors", "add", str(tmp_path / "bad.yaml"), "--into", str(fresh)])
    assert not fresh.exists()

def _gold(tmp_path, evidence: str):
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "g1.yaml").write_text(yaml.safe_dump({
        "id": "g1", "published": "2025-11-12", "text": THREAT + "\n",
        "events": [{"evidence": evidence, "type": "THREATEN", "source": "RUS",
                    "target": "DEU"}]}), "utf-8")
    return folder


def test_eval_events_scores_a_gold_folder_and_writes_json(tmp_path):
    out = tmp_path / "scores.json"
    result = runner.invoke(app, ["eval", "events", "--gold",
                                 str(_gold(tmp_path, "We will strike German arms factories")),
                                 "--json", str(out)])
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text("utf-8"))["gold"]
    assert scores["type"]["f1"] == 1.0
    assert scores["source_accuracy"] == scores["target_accuracy"] == 1.0


def test_eval_events_names_a_bad_gold_file(tmp_path):
    result = runner.invoke(app, ["eval", "events", "--gold",
                                 str(_gold(tmp_path, "words that are not in the text"))])
    assert result.exit_code == 1
    assert "g1.yaml event 1: evidence not found" in result.stderr


def test_eval_events_scores_plover_records(tmp_path):
    records = tmp_path / "gsr.json"
    records.write_text(json.dumps([
        {"id": "d", "event": "DOCUMENT", "text": ""},
        {"id": "r1", "event": "DEMAND", "text": "The union demanded higher wages."},
        {"id": "r2", "event": "FIGHT", "text": "Rebels attacked an army convoy near the town."},
    ]), "utf-8")
    out = tmp_path / "scores.json"
    result = runner.invoke(app, ["eval", "events", "--plover", str(records), "--shuffles", "1",
                                 "--json", str(out)])
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text("utf-8"))
    assert scores["plover"]["records"] == 2  # the documentation entry is left out; old names mapped
    assert 0.0 <= scores["plover"]["macro_f1"] <= 1.0
    assert len(scores["plover_classifier_cv"]["macro_f1"]) == 1  # one shuffle, as asked


def test_plover_modes_and_contexts_are_scored_where_records_give_them():
    from onrecord.eval.events import PloverRecord, score_modes_contexts

    records = [PloverRecord("a", "x", "THREATEN", None, "violence", ("military", "cbrn")),
               PloverRecord("b", "y", "AGREE", None, None, ("migration",)),
               PloverRecord("c", "z", "AID", None, None, ())]
    mode, context = score_modes_contexts(
        records, [("violence", ("cbrn",)), (None, ("economic",)), (None, ("military",))])
    assert (mode.correct, mode.total) == (1, 1)
    assert (context.correct, context.total) == (1, 2)
