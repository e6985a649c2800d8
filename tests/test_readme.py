"""The README's Python example runs and prints what the README says it prints."""

from __future__ import annotations

import ast
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_python_example():
    block = re.search(r"```python\n(.*?)```", README.read_text(), re.S).group(1)
    *code, last, expected = block.strip().splitlines()
    namespace: dict = {}
    exec("\n".join(code), namespace)  # noqa: S102 - our own README
    assert eval(last, namespace) == ast.literal_eval(expected.lstrip("# "))  # noqa: S307
