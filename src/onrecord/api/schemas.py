"""Request bodies of the API and the web forms: their types are the validation."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("article text is empty")
    return text


def _null_if_empty(value: str | None) -> str | None:
    return value or None


#: Article text: anything but empty or whitespace only (there would be nothing to extract); the
#: pattern says so in the OpenAPI spec, the validator with a plainer message.
ArticleText = Annotated[
    str, AfterValidator(_not_blank), Field(json_schema_extra={"pattern": r"\S"})
]
#: Optional metadata: an empty form field means unknown, which the record writes as null.
Metadata = Annotated[str | None, AfterValidator(_null_if_empty)]


class ExtractRequest(BaseModel):
    """One article to extract; metadata given here is copied into the record unchanged."""

    model_config = ConfigDict(extra="forbid")

    text: ArticleText = Field(description="Plain article text; every offset points into it.")
    doc_id: Metadata = Field(None, description="Defaults to the SHA-1 of the text.")
    url: Metadata = Field(None, description="Where the article was published (not fetched).")
    source: Metadata = None
    title: Metadata = None
    published: Metadata = Field(None, description="Publication date, ISO 8601.")
