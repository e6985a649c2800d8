"""Request bodies of the API and the web forms: their types are the validation."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, model_validator


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


class ExtractBody(ExtractRequest):
    """``POST /extract``: text as for ``ExtractRequest``, or ``fetch: true`` and a ``url``.

    Fetching is asked for by name, never inferred from ``url``: a body that sends a URL as
    metadata keeps meaning exactly that.
    """

    text: ArticleText | None = Field(
        None, description="Plain article text; every offset points into it. Required unless "
        "`fetch` is true, and then not allowed.",
    )
    fetch: StrictBool = Field(
        False, description="Fetch `url` and extract its page (main text of the HTML, as "
        "`onrecord extract page.html` reads it) instead of `text`. Only public http(s) "
        "addresses on web ports are fetched, every redirect checked again; private, loopback, "
        "link-local and other non-public addresses are refused (422) unless the server's "
        "ONRECORD_FETCH_ALLOW names them. 502 when the page cannot be fetched, 504 when it "
        "takes too long. `title`, `source`, `published` and `doc_id` given here replace the "
        "page's own; the record's `url` is the page's address after redirects.",
    )

    @model_validator(mode="after")
    def _text_or_fetched_url(self) -> ExtractBody:
        if self.fetch and (self.url is None or self.text is not None):
            raise ValueError("fetch: true needs a url and no text")
        if not self.fetch and self.text is None:
            raise ValueError("text is required (or fetch: true and a url)")
        return self
