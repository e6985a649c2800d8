"""Reading data files: word lists and rules (``src/onrecord/data/``) and a user's own.

Each file has a pydantic model of what it holds; one that does not fit (a misspelt key, a
list where a mapping belongs) fails by name and line: ``roles.yaml, line 12: honorifcs:
not a field of this file``, never silently read as empty.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

Model = TypeVar("Model", bound=BaseModel)
#: libyaml's parser where PyYAML was built with it: the same Python values as ``safe_load``
#: from every YAML file under ``data/``, in a seventh of the CPU time (docs/architecture.md).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(ValueError):
    """A data file that cannot be used: its name, the line and the problem."""


class DataFile(BaseModel):
    """What a data file holds; a key the model does not name is an error, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def read_text(name: str | Path) -> str:
    """A shipped data file by name ("cues.yaml", "actors/people.yaml"), or a file by path."""
    if isinstance(name, Path):
        return name.read_text("utf-8")
    return resources.files("onrecord.data").joinpath(name).read_text("utf-8")


def read_shipped_json(name: str) -> Any | None:
    """A shipped JSON data file's content, or ``None`` when it is not shipped (a model not
    fitted yet)."""
    resource = resources.files("onrecord.data").joinpath(name)
    return json.loads(resource.read_text("utf-8")) if resource.is_file() else None


def yaml_line(node: yaml.Node | None, where: tuple[Any, ...]) -> int | None:
    """The line (1-based) of the value at ``where`` in a composed YAML document (of its key
    when it has no value), or of the deepest node on the way."""
    found = node.start_mark.line + 1 if node is not None else None
    for step in where:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None) or next(
                (k for k, _ in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) \
                and step < len(node.value):
            node = node.value[step]
        else:
            break
        if node is None:
            break
        found = node.start_mark.line + 1
    return found


def load_yaml(text: str) -> Any:
    """``yaml.safe_load(text)``, with libyaml's parser where PyYAML has it."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506  (a safe loader)


def read_yaml(name: str | Path, model: type[Model]) -> Model:
    """The YAML data file ``name`` (shipped, or a path) validated as ``model``;
    ``DataFileError`` naming the file and the line of the first problem."""
    label = str(name)
    try:
        text = read_text(name)
        data = load_yaml(text)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{label}: {exc}") from None
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        error = exc.errors()[0]
        where = tuple(error["loc"])
        line = yaml_line(yaml.compose(text), where)
        key = ".".join(str(step) for step in where) or "(top)"
        problem = "not a field of this file" if error["type"] == "extra_forbidden" \
            else error["msg"]
        at = f", line {line}" if line else ""
        raise DataFileError(f"{label}{at}: {key}: {problem}") from None
