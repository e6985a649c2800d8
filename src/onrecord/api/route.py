"""``ReadRoute``: the route class of the read endpoints, FastAPI's answers for less of its work.

On every request FastAPI solves an endpoint's parameters anew: for each field of a query model
it looks at the field's annotation (is it a list?) and its aliases before validating, about
half of the CPU a read request took. ``ReadRoute`` works that out once, when the route is
built; a request's query string is then read in one pass, validated with pydantic, and the
endpoint called. Whatever the fast path does not take as it is (a key it does not know or
given twice, a value pydantic refuses, an overridden dependency) goes to FastAPI's own
handling, so the 422s stay FastAPI's; the route's OpenAPI description is untouched. An
endpoint the fast path cannot call (a plain ``def``, a parameter from a header, cookie or
body, a dependency that is not ``async``) is served by FastAPI alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from copy import deepcopy
from typing import Any

from fastapi import Request, Response
from fastapi._compat import ModelField, field_annotation_is_sequence
from fastapi.datastructures import DefaultPlaceholder
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, _effective_route_context_var, serialize_response
from pydantic import BaseModel
from starlette.datastructures import QueryParams

#: The values of a dependant's parameters from a request (and the dependencies solved so far).
Solver = Callable[[Request, dict], Awaitable[dict[str, Any]]]
#: One parameter's value from a request.
Reader = Callable[[Request], Any]


class _Refused(Exception):
    """A request the fast path does not take as it is: FastAPI's own handling answers it."""


class ReadRoute(APIRoute):
    """An ``APIRoute`` whose requests skip FastAPI's solving of parameters where it can."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        fastapi_handler = super().get_route_handler()
        # As APIRoute's own: an included route is built from its inclusion's context.
        context = _effective_route_context_var.get()
        route = context if context is not None and context.original_route is self else self
        solve = _solver(route.dependant)
        if (solve is None or not asyncio.iscoroutinefunction(route.dependant.call)
                or route.response_field is None or route.status_code is not None
                or not isinstance(route.response_class, DefaultPlaceholder)):
            return fastapi_handler
        call, overrides = route.dependant.call, route.dependency_overrides_provider

        async def handler(request: Request) -> Response:
            try:
                if overrides is not None and overrides.dependency_overrides:
                    raise _Refused
                values = await solve(request, {})
            except _Refused:
                return await fastapi_handler(request)
            answer = await call(**values)
            if isinstance(answer, Response):
                return answer
            content = await serialize_response(
                field=route.response_field, response_content=answer,
                include=route.response_model_include, exclude=route.response_model_exclude,
                by_alias=route.response_model_by_alias,
                exclude_unset=route.response_model_exclude_unset,
                exclude_defaults=route.response_model_exclude_defaults,
                exclude_none=route.response_model_exclude_none, dump_json=True)
            return Response(content, media_type="application/json")

        return handler


def _solver(dependant: Dependant) -> Solver | None:
    """The values of ``dependant``'s parameters, in FastAPI's order (its dependencies, then
    path and query parameters); None if it needs what the fast path does not read."""
    if (dependant.header_params or dependant.cookie_params or dependant.body_params
            or dependant.websocket_param_name or dependant.http_connection_param_name
            or dependant.response_param_name or dependant.background_tasks_param_name
            or dependant.security_scopes_param_name):
        return None
    dependencies = [(sub, _solver(sub)) for sub in dependant.dependencies]
    readers = [(f.name, _path_reader(f)) for f in dependant.path_params]
    readers += [(f.name, _query_reader(f)) for f in dependant.query_params]
    if (any(solve is None or not asyncio.iscoroutinefunction(sub.call)
            for sub, solve in dependencies) or any(r is None for _, r in readers)):
        return None
    request_name = dependant.request_param_name

    async def solve(request: Request, solved: dict) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for sub, solve_sub in dependencies:
            if sub.use_cache and sub.call in solved:
                value = solved[sub.call]
            else:
                value = solved[sub.call] = await sub.call(**await solve_sub(request, solved))
            if sub.name is not None:
                values[sub.name] = value
        for name, read in readers:
            values[name] = read(request)
        if request_name:
            values[request_name] = request
        return values

    return solve


def _checked(field: ModelField, value: Any, where: str) -> Any:
    """``value`` validated as FastAPI validates it; refused if pydantic refuses it."""
    checked, errors = field.validate(value, {}, loc=(where, field.alias))
    if errors:
        raise _Refused
    return checked


def _path_reader(field: ModelField) -> Reader:
    return lambda request: _checked(field, request.path_params[field.alias], "path")


def _query_reader(field: ModelField) -> Reader | None:
    """A query model read from the whole query string, or one scalar query parameter."""
    annotation = field.field_info.annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        keys = _model_keys(annotation)
        if keys is None:
            return None
        return lambda request: _checked(field, _model_input(keys, request.query_params), "query")
    if field_annotation_is_sequence(annotation) or field.field_info.validation_alias:
        return None

    def read(request: Request) -> Any:
        given = request.query_params.getlist(field.alias)
        if len(given) > 1 or not given and (field.field_info.is_required()
                                            or field.field_info.validate_default):
            raise _Refused
        return _checked(field, given[0], "query") if given else deepcopy(field.default)

    return read


def _model_keys(model: type[BaseModel]) -> dict[str, tuple[str, bool]] | None:
    """Each query key that names a field of ``model``: (the field, whether it takes several
    values, a list); None for a model whose fields take names this does not follow."""
    config = model.model_config
    if config.get("validate_by_alias") is False:
        return None
    by_name = config.get("validate_by_name", config.get("populate_by_name", False))
    keys: dict[str, tuple[str, bool]] = {}
    for name, info in model.model_fields.items():
        alias = info.validation_alias or info.alias or name
        if not isinstance(alias, str):  # AliasChoices, AliasPath
            return None
        several = field_annotation_is_sequence(info.annotation)
        for key in {alias, name} if by_name else {alias}:
            keys[key] = (name, several)
    return keys


def _model_input(keys: dict[str, tuple[str, bool]], query: QueryParams) -> dict[str, Any]:
    """The input FastAPI gives a query model, when every key names a field once (a list field
    may be given several times); refused otherwise."""
    given: dict[str, Any] = {}
    named_by: dict[str, str] = {}
    for key, value in query.multi_items():
        if key not in keys:
            raise _Refused
        name, several = keys[key]
        if named_by.setdefault(name, key) != key:
            raise _Refused
        if several:
            given.setdefault(key, []).append(value)
        elif key in given:
            raise _Refused
        else:
            given[key] = value
    return given
