"""Query parameters of the GET endpoints and pages: a store filter plus paging, one type each.

FastAPI reads each class as the endpoint's query parameters, so every filter is validated (422
naming the parameter) and documented in OpenAPI by the field that also defines it for the CLI.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from onrecord.store.filters import ArticleFilter, EventFilter, Period, QuoteFilter, Value
from onrecord.store.queries import DEFAULT_LIMIT, MAX_LIMIT, EventOrder

#: How a list is answered: a page of JSON, or every matching row as a file.
Format = Literal["json", "csv", "jsonl", "parquet"]


class Downloadable(BaseModel):
    format: Format = Field(
        "json", description="json, or every row as a csv, jsonl or parquet file."
    )


class ActorListQuery(BaseModel):
    """The actors list: states with their actors, narrowed by what was typed or a state."""

    q: str = Field("", max_length=300, description="Words beginning the actor's name or key, "
                   "any case, accents or not (\"lav\" finds Lavrov).")
    country: Value = Field(None, description="A state's code: the state and its bodies and "
                           "officials.")


class ActorListDownload(ActorListQuery, Downloadable):
    pass


class Paging(BaseModel):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per page.")
    cursor: str | None = Field(
        None, max_length=2000, description="The previous page's next_cursor, for the next page."
    )


class Listed(Paging):
    format: Format = Field(
        "json", description="json: a page, with next_cursor for the next; csv, jsonl or "
        "parquet: every matching row (limit and cursor do not apply), as a file."
    )


class ArticleQuery(ArticleFilter, Listed):
    pass


class QuoteQuery(QuoteFilter, Listed):
    pass


class EventQuery(EventFilter, Listed):
    order: EventOrder = Field(
        "newest", description="newest or oldest first, or by type, source or target."
    )


class ByPeriod(BaseModel):
    period: Period = Field("month", description="day, week (ISO), month or year.")


class ArticleCountQuery(ArticleFilter, ByPeriod, Downloadable):
    pass


class QuoteCountQuery(QuoteFilter, ByPeriod, Downloadable):
    pass


class EventCountQuery(EventFilter, ByPeriod, Downloadable):
    pass


class NetworkQuery(EventFilter):
    """The network's events, and whether officials and bodies roll up into their states."""

    states: bool = Field(False, description="Roll officials and bodies up into their state "
                         "(a node per country code; a non-state armed group keeps its own).")


class NetworkDownload(NetworkQuery, Downloadable):
    pass


#: A required actor: id or name.
ActorKey = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class TimelineQuery(EventFilter, ByPeriod):
    """The timeline page: until both parties are given it offers them to pick."""


class PairQuery(TimelineQuery):
    """An escalation series: both actors are required."""

    source: ActorKey = Field(
        description="Source: actor id, name or country code (the state alone, not a "
        "non-state group based there)."
    )
    target: ActorKey = Field(
        description="Target: actor id, name or country code (the state alone, not a "
        "non-state group based there)."
    )
