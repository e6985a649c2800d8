"""What a query can ask for: filters over articles, quotations and events, as types.

The same classes are the library's arguments, the REST API's query parameters (FastAPI reads
them) and the CLI's options (``onrecord.cli.filters`` derives them), so a filter is validated
the same way everywhere and described once, in its ``Field``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from onrecord.model import QuoteKind


def _none_if_blank(value: str | None) -> str | None:
    """An empty form field means "no filter", not "match the empty string"."""
    return value.strip() or None if value is not None else None


def _unset_if_empty(value: object) -> object:
    return None if value == "" else value


def _iso_day(value: object) -> object:
    """Only ISO dates: pydantic would also read "0" as a Unix time (1970-01-01)."""
    value = _unset_if_empty(value)
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"{value!r} is not a valid date: write YYYY-MM-DD")
    return value


def _or_empty(schema: dict) -> WithJsonSchema:
    """The spec of a form field: ``schema``, an empty string (no filter) or null."""
    return WithJsonSchema({"anyOf": [schema, {"type": "string", "maxLength": 0}, {"type": "null"}]})


#: A date or a choice from a web form, where an empty field means "no filter" (as the spec says).
Day = Annotated[dt.date | None, BeforeValidator(_iso_day),
                _or_empty({"type": "string", "format": "date"})]
Kind = Annotated[QuoteKind | None, BeforeValidator(_unset_if_empty),
                 _or_empty({"type": "string", "enum": list(get_args(QuoteKind))})]
#: A filter value: up to 300 characters; blank means no filter.
Value = Annotated[str | None, Field(max_length=300), AfterValidator(_none_if_blank)]
#: A PLOVER event type; case does not matter.
EventType = Annotated[str, Field(min_length=1, max_length=40), AfterValidator(str.upper)]
Period = Literal["day", "week", "month", "year"]


class _Filter(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    date_from: Day = Field(
        None, alias="from", description="Published on or after this day (YYYY-MM-DD)."
    )
    date_to: Day = Field(
        None, alias="to", description="Published on or before this day (YYYY-MM-DD)."
    )

    @model_validator(mode="after")
    def _range_in_order(self):
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"'from' ({self.date_from}) is after 'to' ({self.date_to})")
        return self


class ArticleFilter(_Filter):
    """Articles by words in their title or text, outlet and publication date."""

    q: Value = Field(None, description="Words that must all occur (full-text search, stemmed).")
    source: Value = Field(None, description="The outlet, exactly as stored.")


class QuoteFilter(ArticleFilter):
    """Quotations by their words, speaker, addressee, cue, kind, and their article's outlet/date."""

    q: Value = Field(
        None, description="Words that must all occur in the quotation (full-text, stemmed)."
    )
    speaker: Value = Field(None, description="Speaker's resolved name, exactly.")
    actor: Value = Field(None, description="Speaker's actor id in the knowledge base.")
    country: Value = Field(
        None, description="Country code of the speaker, as coded on the quotation's events: "
        "speaking for the state, not for a non-state group based there."
    )
    addressee: Value = Field(None, description="Addressee's resolved name or actor id.")
    cue: Value = Field(None, description="Reporting verb or phrase as recorded (e.g. say).")
    kind: Kind = Field(None, description="direct, indirect or mixed.")


class EventFilter(_Filter):
    """Coded events by PLOVER type and context, source and target actor, and condition."""

    type: list[EventType] = Field(
        default_factory=list, description="PLOVER event types (repeat for several)."
    )
    context: Value = Field(None, description="A PLOVER context the event carries (e.g. cbrn).")
    source: Value = Field(None, description=(
        "Source: actor id, name or country code (a code is the state, its bodies and officials, "
        "not a non-state group based there: LBN is not HEZBOLLAH)."
    ))
    target: Value = Field(None, description=(
        "Target: actor id, name or country code (a code is the state, its bodies and officials, "
        "not a non-state group based there: LBN is not HEZBOLLAH)."
    ))
    source_country: Value = Field(
        None, description="Source's country code: the state, not a non-state group based there."
    )
    target_country: Value = Field(
        None, description="Target's country code: the state, not a non-state group based there."
    )
    conditional: bool = Field(False, description="Only events with a condition.")
