"""Each article's, quotation's and event's JSON as the API answers it, kept in its row
(migrations 0015 and 0016).

A page of the API's lists is these fragments joined, not objects built from the article's
record and serialised again per row. A quotation's or event's fragment is the item as pydantic
writes it, then its article (``ArticleRef``'s fields), exactly as ``QuoteRow``/``EventRow``
would be written; an article's is its record with an empty text, which ``with_text`` fills
from the text column (the text is not stored twice).

A fragment is as current as the models it was written with: a field added to ``Article``,
``Quote`` or ``Event`` changes ``signature()``, and the first open of the store after that
writes every fragment anew from the records (``refresh``), as the migrations did.
"""

from __future__ import annotations

import functools
import hashlib
import json

from pydantic import BaseModel
from pydantic_core import to_json
from sqlalchemy import Connection, Engine, text

from onrecord.model import Article
from onrecord.store.migrations import locked

#: The article fields a quotation or event row carries, in ``ArticleRef``'s order.
ARTICLE_FIELDS = ("doc_id", "url", "source", "title", "published")
#: Articles read per round while the fragments are written anew.
_BATCH = 500


#: Where an article's fragment holds its (empty) text: the first place this can be, as the
#: fields before it are strings or null, whose quotation marks JSON escapes.
_EMPTY_TEXT = ',"text":""'


def article_item(article: Article) -> str:
    """The record of ``article`` as the API writes it, with an empty text."""
    return article.model_copy(update={"text": ""}).model_dump_json(by_alias=True)


def with_text(item: str, text: str) -> str:
    """An article's fragment with its text in its place."""
    before, empty, after = item.partition(_EMPTY_TEXT)
    if not empty:
        raise ValueError(f"not an article fragment: {item[:80]!r}")
    return f'{before},"text":{to_json(text).decode()}{after}'


def _article_ref(article: Article) -> str:
    return to_json({name: getattr(article, name) for name in ARTICLE_FIELDS}).decode()


def _with_article(item: BaseModel, ref: str) -> str:
    return item.model_dump_json(by_alias=True)[:-1] + ',"article":' + ref + "}"


def quote_items(article: Article) -> list[str]:
    """The JSON of each quotation of ``article`` with its article, in record order."""
    ref = _article_ref(article)
    return [_with_article(quote, ref) for quote in article.quotes]


def event_items(article: Article) -> list[str]:
    """The JSON of each event of ``article`` with its article, in record order."""
    ref = _article_ref(article)
    return [_with_article(event, ref) for event in article.events]


@functools.cache
def signature() -> str:
    """What the fragments were written by: the JSON schema of ``Article`` (its fields in order,
    with the quotations, events and other models inside it, and their defaults) and the
    article fields a quotation or event row carries."""
    schemas = [Article.model_json_schema(), ARTICLE_FIELDS]
    return hashlib.sha1(json.dumps(schemas).encode()).hexdigest()


_UPDATE = {
    "articles": text("UPDATE articles SET item = :item WHERE doc_id = :doc_id"),
    "quotes": text("UPDATE quotes SET item = :item WHERE doc_id = :doc_id AND quote_id = :id"),
    "events": text("UPDATE events SET item = :item WHERE doc_id = :doc_id AND event_id = :id"),
}


def rewrite(conn: Connection) -> None:
    """Write every row's fragment anew from its article's record, and the signature."""
    last = ""
    while True:
        rows = conn.execute(text(
            "SELECT doc_id, record FROM articles WHERE doc_id > :last ORDER BY doc_id LIMIT :n"
        ), {"last": last, "n": _BATCH}).all()
        if not rows:
            break
        updates: dict[str, list[dict]] = {"articles": [], "quotes": [], "events": []}
        for doc_id, record in rows:
            article = Article.model_validate({**json.loads(record), "text": ""})
            updates["articles"].append({"item": article_item(article), "doc_id": doc_id})
            for table, parts, items in (("quotes", article.quotes, quote_items(article)),
                                        ("events", article.events, event_items(article))):
                updates[table] += [{"item": item, "doc_id": doc_id, "id": part.id}
                                   for part, item in zip(parts, items, strict=True)]
        for table, values in updates.items():
            if values:
                conn.execute(_UPDATE[table], values)
        last = rows[-1][0]
    conn.execute(text("DELETE FROM item_format"))
    conn.execute(text("INSERT INTO item_format (signature) VALUES (:s)"), {"s": signature()})


def written_by(conn: Connection) -> str | None:
    """The signature the stored fragments were written with (None: never written)."""
    return conn.execute(text("SELECT signature FROM item_format")).scalar()


def refresh(engine: Engine) -> None:
    """Rewrite the fragments if the models changed since they were written (or never were),
    holding the migration lock, so two processes opening the store do it once."""
    with engine.connect() as conn:
        if written_by(conn) == signature():
            return
    with locked(engine) as conn:
        if written_by(conn) != signature():
            rewrite(conn)
