"""The watch configuration: feeds to poll, alert rules, escalation rules and the webhook, in one
YAML file validated by pydantic, so a typo fails at start-up naming the file, line and field.

    name: newsdesk
    feeds:
      - url: https://feeds.bbci.co.uk/news/world/rss.xml
        interval: 5m
    rules:
      - name: conditional nuclear threats
        type: [THREATEN]
        context: [cbrn]
        conditional: true
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from onrecord.datafiles import yaml_line
from onrecord.errors import InputError

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(s|m|h|d)?")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


def _seconds(value: object) -> object:
    """ "90", 90, "90s", "5m", "1h", "1d" -> seconds; anything else is left to pydantic."""
    if isinstance(value, str) and (match := _DURATION.fullmatch(value.strip())):
        return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    return value


def _http_url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value


#: A duration: seconds, or a number with s, m, h or d.
Duration = Annotated[float, BeforeValidator(_seconds), Field(gt=0)]
#: A pause, which may be none.
Pause = Annotated[float, BeforeValidator(_seconds), Field(ge=0)]
HttpUrl = Annotated[str, AfterValidator(_http_url)]
#: A list in the YAML, or one value written alone (``type: THREATEN``).
Names = Annotated[list[str], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Feed(_Strict):
    """One RSS/Atom feed or URL list (a text file of page URLs, one a line) to poll."""

    url: HttpUrl
    name: str | None = None
    interval: Duration | None = None

    @property
    def label(self) -> str:
        return self.name or self.url


class Rule(_Strict):
    """An alert on a statement: every field given must match (a list matches any of its values).

    Fields about events (type, context, source, target, min_confidence) need a coded event; a
    rule with none of them also fires on quotations that code no event.
    """

    name: str = Field(min_length=1)
    type: Names = Field(default_factory=list, description="PLOVER event types")
    context: Names = Field(default_factory=list, description="PLOVER contexts (e.g. cbrn)")
    conditional: bool | None = None
    negated: bool | None = Field(False, description="null: negated or not")
    source: Names = Field(default_factory=list, description="actor id, name or state code")
    target: Names = Field(default_factory=list, description="actor id, name or state code")
    speaker: Names = Field(default_factory=list, description="speaker's name or actor id")
    words: Names = Field(default_factory=list, description="words or phrases, any of them")
    min_confidence: float | None = Field(None, ge=0, le=1)

    @field_validator("type")
    @classmethod
    def _upper(cls, types: list[str]) -> list[str]:
        return [t.upper() for t in types]

    @property
    def needs_event(self) -> bool:
        return bool(self.type or self.context or self.source or self.target
                    or self.min_confidence is not None)


class EscalationRule(_Strict):
    """An alert when this week's events from ``source`` to ``target`` stand out against the
    pair's own past weeks: a z-score of the week's count (or mean intensity) over the baseline."""

    name: str = Field(min_length=1)
    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    measure: Literal["count", "intensity"] = "count"
    type: Names = Field(default_factory=list, description="PLOVER types counted (all if empty)")
    relation: Literal["conflict", "cooperation", "other"] | None = None
    z: float = Field(2.0, gt=0)
    min_count: int = Field(3, ge=1)
    baseline_weeks: int = Field(12, ge=2)
    min_baseline_weeks: int = Field(4, ge=2)

    @field_validator("type")
    @classmethod
    def _upper(cls, types: list[str]) -> list[str]:
        return [t.upper() for t in types]

    @model_validator(mode="after")
    def _baseline(self):
        if self.min_baseline_weeks > self.baseline_weeks:
            raise ValueError(f"min_baseline_weeks ({self.min_baseline_weeks}) is more than "
                             f"baseline_weeks ({self.baseline_weeks})")
        return self


class Webhook(_Strict):
    """Where alerts are POSTed as JSON; the secret comes from the environment, never the file."""

    url: HttpUrl
    secret_env: str | None = Field(None, description="environment variable with the secret")
    secret_header: str = "X-Onrecord-Secret"
    attempts: int = Field(4, ge=1, le=10)
    backoff: Duration = 1.0
    timeout: Duration = 10.0


class WatchConfig(_Strict):
    """The whole file. ``name`` keys the watcher's state in the store (defaults to the file's
    name), so a restart with the same name resumes where it stopped."""

    name: str | None = None
    interval: Duration = 300.0
    max_backoff: Duration = 3600.0
    user_agent: str | None = None
    host_delay: Pause = 1.0
    timeout: Duration = 20.0
    retries: int = Field(2, ge=0, le=5, description="retries of one request in one poll")
    fetch_allow: Names = Field(default_factory=list, description="private hosts or CIDR blocks")
    feeds: list[Feed] = Field(min_length=1)
    rules: list[Rule] = Field(default_factory=list)
    escalation: list[EscalationRule] = Field(default_factory=list)
    webhook: Webhook | None = None

    @model_validator(mode="after")
    def _unique(self):
        for what, names in (("feed url", [f.url for f in self.feeds]),
                            ("rule name", [r.name for r in [*self.rules, *self.escalation]])):
            if twice := sorted({n for n in names if names.count(n) > 1}):
                raise ValueError(f"{what} given twice: {', '.join(twice)}")
        return self

    def interval_of(self, feed: Feed) -> float:
        return feed.interval or self.interval


def parse_config(text: str, origin: str) -> WatchConfig:
    """The configuration in ``text``; ``InputError`` naming ``origin``, line and field."""
    try:
        data = yaml.safe_load(text)
        tree = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise InputError(origin, f"not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(origin, "not a mapping of settings (feeds:, rules:, ...)")
    try:
        config = WatchConfig.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        where = ".".join(str(p) for p in loc) or "top level"
        line = yaml_line(tree, loc) if loc else None
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise InputError(f"{origin}:{line}" if line else origin,
                         f"{where}: {error['msg']}{more}") from None
    return config if config.name else config.model_copy(update={"name": Path(origin).stem})


def load_config(path: str | Path) -> WatchConfig:
    """Read and validate the YAML file at ``path``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the configuration ({exc})") from None
    return parse_config(text, str(path))
