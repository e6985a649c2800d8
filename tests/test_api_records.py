"""Any stored doc_id opens its record and page (issue 20, finding 7): an id from a dump may
hold "/", "?", "#", "%" or spaces, and the search page links to it."""

import re
from urllib.parse import quote, unquote

import pytest

from onrecord.model import Article

ODD_IDS = ["wire/2024/01/15/a", "desk/", "a b?c=1#top", "50%/x", "/lead"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_doc_id_opens_its_record_copies_and_page(app, client):
    for number, doc_id in enumerate(ODD_IDS):
        app.state.store.put(Article(doc_id=doc_id, title=f"Odd {number}",
                                    text=f"The envoy spoke of border talks, number {number}."))
    for doc_id in ODD_IDS:
        path = quote(doc_id, safe="")
        record = client.get(f"/records/{path}")
        assert record.status_code == 200 and record.json()["doc_id"] == doc_id
        assert client.get(f"/records/{path}/copies").json() == []
        page = client.get(f"/articles/{path}")
        assert page.status_code == 200 and f"number {ODD_IDS.index(doc_id)}." in page.text
    links = re.findall(r'href="/articles/([^"#]+)', client.get("/search?q=envoy").text)
    assert sorted(unquote(link) for link in links) == sorted(ODD_IDS)
    for link in links:
        assert client.get(f"/articles/{link}").status_code == 200
