"""Every endpoint against its own OpenAPI spec (schemathesis): whatever parameters and bodies the
spec allows or forbids, no 500, every answer documented and shaped as documented.

``ONRECORD_FUZZ_EXAMPLES`` bounds the cases per endpoint (``make test`` a few dozen)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from corpus import TOKEN, build_corpus
from hostile import FUZZ
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
)

from onrecord.app import Settings, create_app

# Built at import: schemathesis generates one test per operation when the module is collected.
_folder = tempfile.TemporaryDirectory()
app = create_app(Settings(db=str(Path(_folder.name) / "api.db"), token=TOKEN))
for _article in build_corpus():
    app.state.store.put(_article)


def _without_tuples(node):
    """The spec with tuple arrays (``prefixItems``, OpenAPI 3.1) as arrays of any of their item
    types: schemathesis 4.32 misreads ``prefixItems`` in response schemas as a schema error."""
    if isinstance(node, list):
        return [_without_tuples(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _without_tuples(value) for key, value in node.items()}
    if "prefixItems" in node:
        node["items"] = {"anyOf": node.pop("prefixItems")}
    return node


schema = schemathesis.openapi.from_dict(_without_tuples(app.openapi()))
schema.app = app


@schema.parametrize()
@FUZZ
def test_every_endpoint_keeps_to_its_spec(case):
    # Not checked: that every spec-valid request succeeds (rules OpenAPI cannot state make some
    # a 422: a cursor must be one the API handed out, 'from' <= 'to'), nor that every invalid
    # one fails (a query string cannot tell the number 1 or null from the text "1" or absence).
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                           excluded_checks=[positive_data_acceptance, negative_data_rejection])
