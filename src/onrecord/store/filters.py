"""What a query can ask for: filters over articles, quotations and events, as types.

Each class is a declarative table, one field a row: its name, type, help (the ``Field``'s
description), the SQL it adds when set and, where the type does not tell, its web form
control (the field's ``Rule``, ``onrecord.store.where``). The same classes are the library's
arguments and the SQL (``where``), the REST API's query parameters (FastAPI reads them), the
CLI's options (``onrecord.cli.filters``) and the web forms (``onrecord.web.forms``), so a filter
is validated the same way everywhere and a new one is one new row.
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
from onrecord.plover import codebook
from onrecord.store.where import (
    Rule,
    Scope,
    Where,
    actor_keys,
    dense_states,
    full_text,
    of_state,
    published,
)


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
#: Yes, no, or (blank) either: a flag that may be asked to be false ("not negated").
Flag = Annotated[bool | None, BeforeValidator(_unset_if_empty),
                 _or_empty({"type": "boolean"})]
#: A number from 0 to 1; blank means no filter.
Share = Annotated[Annotated[float, Field(ge=0, le=1)] | None, BeforeValidator(_unset_if_empty),
                  _or_empty({"type": "number", "minimum": 0, "maximum": 1})]
#: A filter value: up to 300 characters; blank means no filter.
Value = Annotated[str | None, Field(max_length=300), AfterValidator(_none_if_blank)]
def _plover_type(value: str) -> str:
    """One of the PLOVER types (``onrecord.plover``), in capitals: an unknown type is a
    mistake to name, not a filter that matches nothing."""
    value = value.upper()
    if value not in codebook().types:
        raise ValueError(f"{value!r} is not a PLOVER event type")
    return value


#: A PLOVER event type; case does not matter.
EventType = Annotated[str, Field(min_length=1, max_length=40), AfterValidator(_plover_type)]
Period = Literal["day", "week", "month", "year"]


LANGUAGE = "The article's language told at ingest, an ISO 639-1 code (en, id, fr)."


class _Filter(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    date_from: Annotated[Day, Rule(published)] = Field(
        None, alias="from", description="Published on or after this day (YYYY-MM-DD)."
    )
    date_to: Annotated[Day, Rule(published)] = Field(
        None, alias="to", description="Published on or before this day (YYYY-MM-DD)."
    )

    @model_validator(mode="after")
    def _range_in_order(self):
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"'from' ({self.date_from}) is after 'to' ({self.date_to})")
        return self


class ArticleFilter(_Filter):
    """Articles by words in their title or text, outlet and publication date."""

    q: Annotated[Value, Rule(full_text)] = Field(
        None, description="Words that must all occur (full-text search, stemmed)."
    )
    source: Annotated[Value, Rule("{t}.source = :source")] = Field(
        None, description="The outlet, exactly as stored."
    )
    language: Annotated[Value, Rule("{t}.language = :language")] = Field(
        None, description=LANGUAGE)


def _in_types(where: Where, scope: Scope, f: EventFilter) -> None:
    names = {f"type{i}": t for i, t in enumerate(f.type)}
    where.add(f"e.type IN ({', '.join(':' + n for n in names)})", **names)


def _party(role: str, idle: bool = False) -> str:
    """An event's source or target: its actor id or name, or a country code (the state);
    ``idle``: on SQLite, with the columns' indexes kept out (``+column``)."""
    e = "+e" if idle else "e"
    return (f"({e}.{role}_actor_id = :{role} OR {e}.{role}_name = :{role} "
            f"OR ({of_state(role, ':' + role, e)}))")


def _ends(where: Where, scope: Scope, f: EventFilter) -> None:
    """The event's source and target (``_party``), either or both.

    Without statistics SQLite reads a pair's events through the indexes of whichever end it
    meets last: for an official and a state, all the state's thousands of events where the
    official has a few hundred (43 ms against 5 on the 100,000-quotation benchmark). So on
    SQLite a state's end does not lead when the other end is an actor, and neither end leads
    when two states hold most of the events (``dense_states``): then the list is read newest
    first until a page is full. PostgreSQL plans from its statistics."""
    ends = {role: key for role in ("source", "target") if (key := getattr(f, role)) is not None}
    idle: set[str] = set()
    if scope.store.dialect == "sqlite" and len(ends) == 2:
        actors = actor_keys(scope.store, *ends.values())
        if len(actors) == 1:
            idle = {role for role, key in ends.items() if key not in actors}
        elif not actors and dense_states(scope.store, ends["source"], ends["target"]):
            idle = set(ends)
    for role, key in ends.items():
        where.add(_party(role, role in idle), **{role: key})


#: ``party``: an actor's key (``coalesce(actor id, name)``, as actor pages and the network key
#: actors) or a state, at either end.
_either_end = "(" + " OR ".join(
    f"coalesce(e.{role}_actor_id, e.{role}_name) = :party OR ({of_state(role, ':party')})"
    for role in ("source", "target")
) + ")"


def _in_list(value: str) -> str:
    """A LIKE pattern for ``value`` as one item of a comma-separated list."""
    return "%," + re.sub(r"([\\%_])", r"\\\1", value) + ",%"


class QuoteFilter(ArticleFilter):
    """Quotations by their words, speaker, addressee, cue, kind, and their article's outlet/date."""

    q: Annotated[Value, Rule(full_text)] = Field(
        None, description="Words that must all occur in the quotation (full-text, stemmed)."
    )
    # Quotations need their article only for this: no join on every other query.
    source: Annotated[
        Value, Rule("q.doc_id IN (SELECT doc_id FROM articles WHERE source = :source)")
    ] = Field(None, description="The outlet, exactly as stored.")
    language: Annotated[
        Value, Rule("q.doc_id IN (SELECT doc_id FROM articles WHERE language = :language)")
    ] = Field(None, description=LANGUAGE)
    speaker: Annotated[Value, Rule("q.speaker_name = :speaker", control="speaker")] = Field(
        None, description="Speaker's resolved name, exactly."
    )
    actor: Annotated[Value, Rule("q.speaker_actor_id = :actor")] = Field(
        None, description="Speaker's actor id in the knowledge base."
    )
    # Listed from quote_countries (``onrecord.store.lists``), which holds a quotation under
    # each country its events' sources are the state of.
    country: Annotated[Value, Rule("c.country = :country")] = Field(
        None, description="Country code of the speaker, as coded on the quotation's events: "
        "speaking for the state, not for a non-state group based there."
    )
    addressee: Annotated[
        Value, Rule("(q.addressee_name = :addressee OR q.addressee_actor_id = :addressee)")
    ] = Field(None, description="Addressee's resolved name or actor id.")
    cue: Annotated[Value, Rule("q.cue = :cue")] = Field(
        None, description="Reporting verb or phrase as recorded (e.g. say)."
    )
    kind: Annotated[Kind, Rule("q.kind = :kind")] = Field(
        None, description="direct, indirect or mixed."
    )


class EventFilter(_Filter):
    """Coded events by PLOVER type and context, source and target actor, and condition."""

    language: Annotated[
        Value, Rule("e.doc_id IN (SELECT doc_id FROM articles WHERE language = :language)")
    ] = Field(None, description=LANGUAGE)
    type: Annotated[list[EventType], Rule(_in_types, control="types")] = Field(
        default_factory=list, description="PLOVER event types (repeat for several)."
    )
    context: Annotated[
        Value, Rule("(',' || e.context || ',') LIKE :context ESCAPE '\\'", bind=_in_list)
    ] = Field(None, description="A PLOVER context the event carries (e.g. cbrn).")
    source: Annotated[Value, Rule(_ends, control="party")] = Field(None, description=(
        "Source: actor id, name or country code (a code is the state, its bodies and officials, "
        "not a non-state group based there: LBN is not HEZBOLLAH)."
    ))
    target: Annotated[Value, Rule(_ends, control="party")] = Field(None, description=(
        "Target: actor id, name or country code (a code is the state, its bodies and officials, "
        "not a non-state group based there: LBN is not HEZBOLLAH)."
    ))
    party: Annotated[Value, Rule(_either_end, control="party")] = Field(None, description=(
        "Either end, source or target: an actor as its page names it (its id, or its name "
        "when it has none) or a country code (the state)."
    ))
    source_country: Annotated[Value, Rule(of_state("source", ":source_country"))] = Field(
        None, description="Source's country code: the state, not a non-state group based there."
    )
    target_country: Annotated[Value, Rule(of_state("target", ":target_country"))] = Field(
        None, description="Target's country code: the state, not a non-state group based there."
    )
    linked: Annotated[bool, Rule(
        "coalesce(e.source_actor_id, e.source_name) IS NOT NULL "
        "AND coalesce(e.target_actor_id, e.target_name) IS NOT NULL"
    )] = Field(
        False, description="Only events with both a source and a target (the network's edges; "
        "the busiest actors are counted by them)."
    )
    conditional: Annotated[bool, Rule("e.condition IS NOT NULL")] = Field(
        False, description="Only events with a condition."
    )
    negated: Annotated[Flag, Rule("e.negated = :negated", control="yesno")] = Field(
        None, description="yes: only negated events (“did not threaten”); no: none of them."
    )
    hedged: Annotated[Flag, Rule("e.hedged = :hedged", control="yesno")] = Field(
        None, description="yes: only hedged events (“may”, “could”); no: none of them."
    )
    min_confidence: Annotated[Share, Rule("e.confidence >= :min_confidence")] = Field(
        None, description="Only events the coder is at least this sure of (0 to 1); events "
        "coded without a confidence are left out."
    )
