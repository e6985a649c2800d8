"""Filter forms read off the filter tables (``onrecord.store.filters``): a field's type gives
its control (a checkbox for a flag, a date, a choice among a ``Literal``'s values) unless its
``Rule`` names one, and its description is the help."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin
from urllib.parse import urlencode

from pydantic import BaseModel

from onrecord.store.queries import relations
from onrecord.store.where import rule_of


@dataclass(frozen=True)
class FormField:
    """One input of a filter form."""

    name: str
    label: str
    control: str  # text | date | select | multiselect | checkbox | speaker
    options: tuple[str, ...]
    value: Any
    help: str
    blank: bool  # a select offers "any" (the filter is optional)


def _control(model: type[BaseModel], name: str, annotation: Any) -> tuple[str, tuple[str, ...]]:
    rule = rule_of(model, name)
    if rule is not None and rule.control == "types":
        return "multiselect", tuple(relations())
    if rule is not None and rule.control:
        return rule.control, ()
    if annotation is bool:
        return "checkbox", ()
    if dt.date in get_args(annotation):
        return "date", ()
    if get_origin(annotation) is Literal:
        return "select", get_args(annotation)
    if literal := [a for a in get_args(annotation) if get_origin(a) is Literal]:
        return "select", get_args(literal[0])
    return "text", ()


def form_fields(values: BaseModel, model: type[BaseModel]) -> list[FormField]:
    """The inputs of a form over ``model``'s fields, filled with ``values``."""
    fields = []
    for name, info in model.model_fields.items():
        control, options = _control(model, name, info.annotation)
        param = info.alias or name
        fields.append(FormField(param, param.replace("_", " "), control, options,
                                getattr(values, name), info.description or "",
                                info.default is None))
    return fields


def query_string(query: BaseModel, **changed: object) -> str:
    """``query`` as URL parameters (defaults left out), with ``changed`` values replaced."""
    params = query.model_dump(mode="json", by_alias=True, exclude_defaults=True,
                              exclude={"cursor"})
    params.update({k: v for k, v in changed.items() if v is not None})
    # flags as the API documents them (conditional=true), not as Python prints them
    params = {k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()}
    return urlencode(params, doseq=True)


def next_url(path: str, query: BaseModel, cursor: str | None) -> str | None:
    """The same page with the same filters, one page further (None on the last page)."""
    if cursor is None:
        return None
    return f"{path}?{query_string(query, cursor=cursor)}"
