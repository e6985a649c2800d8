"""CLI options read off the filter types of ``onrecord.store.filters``.

A filter field becomes an option with the field's name (or alias: ``--from``) and description;
the values go through the filter type itself, so the CLI validates exactly as the REST API does
and a new filter field needs no CLI code.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, get_origin

import typer
from pydantic import BaseModel, ValidationError


def validation_message(exc: ValidationError) -> str:
    """Pydantic's errors on one line: ``field: message; field: message``."""
    messages = []
    for error in exc.errors():
        message = error["msg"].removeprefix("Value error, ")
        where = ".".join(str(part) for part in error["loc"])
        messages.append(f"{where}: {message}" if where else message)
    return "; ".join(messages)


def _option(name: str, field: Any) -> inspect.Parameter:
    flag = "--" + (field.alias or name).replace("_", "-")
    option = typer.Option(flag, help=field.description)
    if field.annotation is bool:
        kind, default = bool, False
    elif get_origin(field.annotation) is list:
        kind, default = list[str] | None, None
    else:  # dates, enums, text: the filter type parses and checks them
        kind, default = str | None, None
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[kind, option]
    )


def filter_options(model: type[BaseModel]) -> Callable[[Callable], Callable]:
    """Give a command every field of ``model`` as an option; it receives ``filters=model(...)``."""

    def decorate(command: Callable) -> Callable:
        own = [
            p for p in inspect.signature(command, eval_str=True).parameters.values()
            if p.name != "filters"
        ]
        options = [_option(name, field) for name, field in model.model_fields.items()]

        @functools.wraps(command)
        def with_filters(**values: Any) -> Any:
            fields = {n: values.pop(n) for n in model.model_fields}
            given = {n: v for n, v in fields.items() if v is not None}
            try:
                filters = model(**given)
            except ValidationError as exc:
                raise typer.BadParameter(validation_message(exc)) from None
            return command(filters=filters, **values)

        with_filters.__signature__ = inspect.Signature(own + options)  # type: ignore[attr-defined]
        return with_filters

    return decorate
