"""The watch configuration: durations in words, one value for a list, and mistakes named with
their file, line and field before anything is polled."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.watch.config import load_config, parse_config

GOOD = """
feeds:
  - url: https://example.org/world.rss
    interval: 90s
  - url: https://example.org/urls.txt
interval: 5m
rules:
  - name: nuclear threats
    type: threaten
    context: cbrn
escalation:
  - name: russia on germany
    source: RUS
    target: DEU
webhook:
  url: https://hooks.example.org/alerts
  secret_env: ALERT_SECRET
"""


def test_a_file_of_feeds_rules_and_a_webhook(tmp_path):
    path = tmp_path / "newsdesk.yaml"
    path.write_text(GOOD)
    config = load_config(path)
    assert config.name == "newsdesk"  # the file's name keys the watcher's state
    assert [config.interval_of(f) for f in config.feeds] == [90.0, 300.0]
    assert config.rules[0].type == ["THREATEN"] and config.rules[0].context == ["cbrn"]
    assert config.rules[0].negated is False  # "did not threaten" fires nothing by default
    assert config.escalation[0].measure == "count" and config.escalation[0].z == 2.0
    assert config.webhook.secret_header == "X-Onrecord-Secret"


@pytest.mark.parametrize(("text", "where", "problem"), [
    ("feeds: []", "feeds.yaml:1", "feeds: List should have at least 1 item"),
    ("feeds:\n  - url: ftp://example.org/feed\n", "feeds.yaml:2", "not an http(s) URL"),
    ("feeds:\n  - url: https://a.example/f\n    interval: soon\n", "feeds.yaml:3",
     "feeds.0.interval"),
    ("feeds:\n  - url: https://a.example/f\nrules:\n  - name: r\n    min_confidence: 2\n",
     "feeds.yaml:5", "rules.0.min_confidence"),
    ("feeds:\n  - url: https://a.example/f\nrules:\n  - name: r\n    speakr: Putin\n",
     "feeds.yaml:5", "rules.0.speakr: Extra inputs are not permitted"),
    ("feeds:\n  - url: https://a.example/f\n  - url: https://a.example/f\n", "feeds.yaml",
     "feed url given twice"),
    ("feeds: [unclosed", "feeds.yaml", "not valid YAML"),
    ("- just a list", "feeds.yaml", "not a mapping"),
])
def test_mistakes_name_the_file_line_and_field(text, where, problem):
    with pytest.raises(InputError) as raised:
        parse_config(text, "feeds.yaml")
    assert raised.value.origin == where
    assert problem in raised.value.reason


def test_an_escalation_baseline_cannot_need_more_weeks_than_it_has():
    text = ("feeds:\n  - url: https://a.example/f\nescalation:\n  - {name: e, source: RUS, "
            "target: DEU, baseline_weeks: 3, min_baseline_weeks: 5}\n")
    with pytest.raises(InputError, match="min_baseline_weeks"):
        parse_config(text, "w.yaml")


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(InputError) as raised:
        load_config(tmp_path / "absent.yaml")
    assert raised.value.origin.endswith("absent.yaml")


def test_the_example_in_the_docs_is_valid():
    doc = (Path(__file__).parents[1] / "docs" / "watch.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    config = parse_config(example, "docs/watch.md")
    assert config.name == "newsdesk" and len(config.feeds) == 6
    assert [config.interval_of(f) for f in config.feeds][-2:] == [600.0, 900.0]
    assert config.escalation[1].target == "HEZBOLLAH"
