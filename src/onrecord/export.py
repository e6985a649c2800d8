"""Exports: query results as CSV, JSON Lines or Parquet, for pandas, DuckDB, R or a spreadsheet.

Field names are the record format's. JSON Lines and Parquet keep the record's nesting
(``speaker.name`` is a struct field in Parquet, which DuckDB reads as ``speaker.name``); CSV cannot
nest, so nested fields become dotted columns (``speaker.name``) and lists (spans, contexts) JSON
text. The columns come from the row type, so an empty export still has its header and schema.
"""

from __future__ import annotations

import csv
import json
import sys
import types
import typing
from collections.abc import Iterable, Iterator
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, Literal, TextIO, get_args, get_origin

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from onrecord.errors import open_output

#: Rows per Parquet row group and per conversion batch: bounded memory whatever the export size.
BATCH_ROWS = 10_000


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


def _inner(annotation: Any) -> Any:
    """``X`` of ``X | None``."""
    if get_origin(annotation) in (typing.Union, types.UnionType):
        [annotation] = [a for a in get_args(annotation) if a is not type(None)]
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type of a row field: models become structs, lists and spans lists."""
    annotation = _inner(annotation)
    origin = get_origin(annotation)
    if origin is Literal:
        return pa.string()
    if origin in (list, tuple):
        return pa.list_(arrow_type(get_args(annotation)[0]))
    if _is_model(annotation):
        return pa.struct([(name, arrow_type(f.annotation))
                          for name, f in annotation.model_fields.items()])
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}[annotation]


def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    return pa.schema([(name, arrow_type(f.annotation)) for name, f in model.model_fields.items()])


def csv_columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Column names of ``model`` flattened: nested models as ``outer.inner``."""
    columns = []
    for name, f in model.model_fields.items():
        inner = _inner(f.annotation)
        if _is_model(inner):
            columns += csv_columns(inner, f"{prefix}{name}.")
        else:
            columns.append(prefix + name)
    return columns


def _flat(data: dict, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue  # the writer's empty cell, also for a missing nested record
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            flat[prefix + key] = json.dumps(value, ensure_ascii=False)
        else:
            flat[prefix + key] = value
    return flat


def _batches(rows: Iterable[BaseModel]) -> Iterator[list[dict]]:
    iterator = iter(rows)
    while batch := [row.model_dump(mode="json") for row in islice(iterator, BATCH_ROWS)]:
        yield batch


def write_csv(rows: Iterable[BaseModel], model: type[BaseModel], sink: TextIO) -> int:
    writer = csv.DictWriter(sink, fieldnames=csv_columns(model), restval="")
    writer.writeheader()
    count = 0
    for batch in _batches(rows):
        writer.writerows(_flat(row) for row in batch)
        count += len(batch)
    return count


def write_jsonl(rows: Iterable[BaseModel], sink: TextIO) -> int:
    count = 0
    for row in rows:
        sink.write(json.dumps(row.model_dump(mode="json"), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_parquet(
    rows: Iterable[BaseModel], model: type[BaseModel], path: Path | BinaryIO
) -> int:
    schema = arrow_schema(model)
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in _batches(rows):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


def export(
    rows: Iterable[BaseModel], model: type[BaseModel], fmt: ExportFormat, path: Path | None
) -> int:
    """Write ``rows`` (of type ``model``) to ``path`` (standard output if None, but for Parquet).

    Returns the number of rows written.
    """
    if fmt is ExportFormat.parquet:
        if path is None:
            raise ValueError("Parquet is binary: give an output file")
        with open_output(path, "wb") as sink:
            return write_parquet(rows, model, sink)
    if path is None:
        return _write_text(rows, model, fmt, sys.stdout)
    with open_output(path) as sink:
        return _write_text(rows, model, fmt, sink)


def _write_text(rows: Iterable[BaseModel], model: type[BaseModel], fmt: ExportFormat,
                sink: TextIO) -> int:
    return write_csv(rows, model, sink) if fmt is ExportFormat.csv else write_jsonl(rows, sink)
