"""The app is composed at the top: the API and the web UI each work without the other."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(("part", "other"), [("api", "web"), ("web", "api")])
def test_api_and_web_import_without_each_other(part, other):
    """In a fresh interpreter, importing one part loads no module of the other."""
    check = (
        f"import sys, onrecord.{part}\n"
        f"loaded = [m for m in sys.modules if m.startswith('onrecord.{other}')]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

