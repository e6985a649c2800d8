"""Pages and endpoints over a stored corpus (SQLite): the record, the article page, search."""

from __future__ import annotations

import html
import re

import pytest
from corpus import GERMANY, PETROV, build_corpus
from fastapi.testclient import TestClient
from records import build_article

from onrecord.app import Settings, create_app
from onrecord.model import ActorRef, Article, Event, Mention, Quote
from onrecord.server import views
from onrecord.store import Copy

#: Two other publications of records.py's article, as de-duplication records them.
COPIES = [
    Copy("sample-1", "wire-1", url="https://wire.example/roe", source="Wire <Service>",
         title="Roe: we will not retreat", published="2024-03-02", kind="near", similarity=0.91),
    Copy("sample-1", "local-1", url="javascript:alert(1)", source="Local Paper",
         published="2024-03-01"),
]


@pytest.fixture
def client(tmp_path) -> TestClient:
    app = create_app(Settings(db=str(tmp_path / "onrecord.db")))
    for article in [build_article(), *build_corpus()]:
        app.state.store.put(article)
    app.state.store.write(copies=COPIES)
    return TestClient(app)


def test_record_comes_back_exactly_as_stored(client):
    assert client.get("/records/sample-1").json() == build_article().to_json_dict()


def test_copies_of_a_record_come_back_as_json_oldest_first(client):
    copies = client.get("/records/sample-1/copies").json()
    assert [c["copy_doc_id"] for c in copies] == ["local-1", "wire-1"]
    assert copies[1] == {"doc_id": "sample-1", "copy_doc_id": "wire-1",
                         "url": "https://wire.example/roe", "source": "Wire <Service>",
                         "title": "Roe: we will not retreat", "published": "2024-03-02",
                         "kind": "near", "similarity": 0.91}
    assert client.get("/records/a1/copies").json() == []


def test_unknown_doc_id_is_404_naming_it(client):
    for path in ("/records/nope", "/records/nope/copies"):
        response = client.get(path)
        assert response.status_code == 404
        assert "'nope'" in response.json()["detail"]
    page = client.get("/articles/nope")  # a person gets a page saying so, with a way back
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no article with doc_id 'nope'" in html.unescape(page.text)
    assert 'href="/"' in page.text


def test_stored_article_page_is_the_annotated_article(client):
    response = client.get("/articles/sample-1")
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert 'data-q="q2"' in response.text
    assert "&lt;script&gt;window.pwned" in response.text


def test_article_page_lists_the_other_copies_of_its_story(client):
    html = client.get("/articles/sample-1").text
    copies = html.split('id="copies"')[1].split("</section>")[0]
    assert "Other copies of this story (2)" in copies
    # Oldest first; outlet, title linked to its URL, date, how it was matched; all escaped.
    assert copies.index("Local Paper") < copies.index("Wire &lt;Service&gt;")
    assert ('<a class="url" href="https://wire.example/roe" rel="noopener noreferrer nofollow">'
            "Roe: we will not retreat</a>") in copies
    assert "2024-03-02" in copies and "near copy, similarity 0.91" in copies
    assert '<span class="url">javascript:alert(1)</span>' in copies
    assert 'href="javascript' not in copies
    assert 'id="copies"' not in client.get("/articles/a1").text


def test_search_finds_quotes_and_articles(client):
    html = client.get("/search", params={"q": "retreat"}).text
    assert 'Quotations: <span id="quote-total">1</span>' in html and "Articles (1)" in html
    assert 'href="/articles/sample-1#card-q1"' in html
    assert '<a class="speaker-name" href="/speakers/Jane%20Roe">Jane Roe</a>' in html


def test_search_escapes_the_query_and_survives_operators(client):
    html = client.get("/search", params={"q": '<script>"x" OR NEAR(*'}).text
    assert '<script>"x"' not in html
    assert 'value="&lt;script&gt;&#34;x&#34; OR NEAR(*"' in html


def test_a_blank_search_lists_every_quotation_newest_first(client):
    html = client.get("/search").text
    assert 'name="q"' in html and '"quote-total">12<' in html
    assert html.index("Our patience with Berlin") < html.index("We will respond to any")


def test_home_page_numbers_lead_to_the_pages(client):
    html = client.get("/").text
    assert '<a href="/search"><strong>12</strong> quotations</a>' in html
    assert '<a href="/events"><strong>' in html and 'href="/speakers/Ivan%20Petrov"' in html
    assert 'href="/search?from=2024-01-22&amp;to=2024-01-28"' in html  # the week of 25 Jan
    assert "Ivan Petrov → Germany: if Germany attacks" in html
    assert 'href="/search?source=wire.example"' in html


def test_the_home_pages_weeks_run_on_through_weeks_without_quotations(client):
    """Quotations per week over the last twelve weeks up to the latest: a week without
    any is a bar of 0, not left out (the chart put 8 January beside 22 January)."""
    weeks = client.get("/api/dashboard").json()["weeks"]
    assert [w["period"] for w in weeks] == [f"2024-W{n:02}" for n in range(2, 14)]
    assert [w["count"] for w in weeks] == [2, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 2]
    home = client.get("/").text
    assert home.count('<span class="n">0</span></a></li>') == 8
    assert 'href="/search?from=2024-01-15&amp;to=2024-01-21"' in home  # an empty week too


def test_every_number_on_the_home_page_is_the_total_it_links_to(client):
    """A busy actor's number counts its events with another actor at either end (Germany is
    mostly a target): its link lists exactly those; so do a speaker's and an outlet's, and
    the articles' total."""
    home = client.get("/").text
    section = lambda name: home[home.index(f'id="{name}"'):].split("</section>")[0]  # noqa: E731
    checked = 0
    for name, total in (("top-actors", r'id="event-total">(\d+)<'),
                        ("top-speakers", r'id="quote-total">(\d+)<'),
                        ("top-outlets", r'id="article-total">(\d+)<')):
        for href, number in re.findall(r'<td class="n"><a href="([^"]+)"[^>]*>(\d+)</a>',
                                       section(name)):
            listed = client.get(html.unescape(href)).text
            assert re.search(total, listed).group(1) == number, href
            checked += 1
    assert checked >= 8
    articles = re.search(r'<a href="/articles"><strong>(\d+)</strong> articles', home).group(1)
    assert re.search(r'id="article-total">(\d+)<', client.get("/articles").text).group(1) \
        == articles
    assert re.search(r'href="/events\?party=deu&amp;linked=true&amp;negated=false"[^>]*>4<', home)


def test_search_results_mark_the_searched_words(client):
    page = client.get("/search", params={"q": "ATTACK force"}).text
    assert '<mark class="found">attack</mark>' in page
    assert '<mark class="found">force</mark>' in page


def test_stored_article_links_its_actors_and_record(client):
    """The stored article's addressee and event parties lead to their actor pages, the
    record downloads as JSON; every quotation and card takes keyboard focus."""
    page = client.get("/articles/sample-1").text
    for link in re.findall(r'<a class="actor-link" href="(/actors/[^"]+)"', page):
        assert client.get(html.unescape(link)).status_code == 200, link
    assert 'class="actor-link" href="/actors/Government%20of%20Germany"' in page
    speakers = re.findall(r'<a class="speaker-link" href="(/speakers/[^"]+)"', page)
    assert speakers == ["/speakers/Jane%20Roe"] * 2  # her two quotations' cards
    assert "<h1>Jane Roe</h1>" in client.get(speakers[0]).text
    assert 'href="/records/sample-1" download="sample-1.json"' in page
    assert page.count('tabindex="0"') == page.count('<mark class="quote') + page.count(
        '<section class="card')
    assert 'id="marks-legend"' in page


def test_facet_values_link_to_lists_of_exactly_their_count(client):
    """On the events and search pages each facet value narrows the list to as many rows as
    it says."""
    checked = 0
    for path, total in (("/events", r'id="event-total">(\d+)<'),
                        ("/search?country=RUS", r'id="quote-total">(\d+)<')):
        page = client.get(path).text
        facets = page[page.index('id="facets"'):].split("</div>")[0]
        for href, number in re.findall(r'<a href="([^"]+)">[^<]*</a> <span class="n">(\d+)<',
                                       facets):
            listed = client.get(html.unescape(href)).text
            assert re.search(total, listed).group(1) == number, href
            checked += 1
    assert checked >= 10


def test_store_routes_need_a_store():
    response = TestClient(create_app(Settings())).get("/search", params={"q": "x"})
    assert response.status_code == 503
    assert "--db" in response.text


def test_search_filters_and_pages_by_cursor(client):
    first = client.get("/search", params={"speaker": "Ivan Petrov", "kind": "", "limit": 3}).text
    assert first.count('class="hit"') == 3 and '"quote-total">4<' in first
    assert 'value="Ivan Petrov"' in first
    next_url = first.split('class="next" href="')[1].split('"')[0].replace("&amp;", "&")
    second = client.get(next_url).text
    assert second.count('class="hit"') == 1 and 'class="next"' not in second
    assert "the talks with Belgrade were fruitful" not in second  # it was on page one
    mixed = client.get("/search", params={"kind": "mixed", "from": "2024-01-01"}).text
    assert mixed.count('class="hit"') == 1 and "a grave threat" in mixed


def test_speaker_page_lists_quotes_and_addressees(client):
    html = client.get("/speakers/Ivan Petrov").text
    assert html.count('class="hit"') == 4
    # an addressee leads to what the speaker said to them (an addressee need be no actor)
    assert ('<a href="/search?speaker=Ivan%20Petrov&amp;addressee=Germany">Germany</a></td>'
            '<td class="n">3</td>') in html
    assert 'href="/actors/rus-petrov"' in html
    assert client.get("/speakers/Nobody").status_code == 404
    [csv] = re.findall(r'href="([^"]+format=csv)"', html)  # all of them, as a file
    assert len(client.get(csv.replace("&amp;", "&")).text.strip().splitlines()) == 1 + 4


def test_actor_page_counts_events_and_links_timelines(client):
    html = client.get("/actors/rus-petrov").text
    assert "<h1>Ivan Petrov</h1>" in html
    assert ('<td>THREATEN</td><td class="n"><a href="/events?source=rus-petrov&amp;'
            'type=THREATEN&amp;negated=false">3</a></td>') in html
    assert 'href="/timeline?source=rus-petrov&amp;target=deu"' in html
    assert 'href="/timeline?source=gbr-roe&amp;target=rus-petrov"' in html
    escaped = client.get("/actors/<i>Talks</i> office").text
    assert "&lt;i&gt;Talks&lt;/i&gt; office" in escaped and "<i>Talks" not in escaped


def test_each_number_on_an_actor_page_is_the_events_it_links_to(client):
    """An actor's or a state's events by type, as source and as target ("not THREATEN" the
    negated ones), each open the events list with exactly as many rows."""
    checked = 0
    for row in client.get("/api/actors").json():
        page = client.get(f"/actors/{row['actor']}").text
        for href, number in re.findall(r'<td class="n"><a href="(/events\?[^"]+)">(\d+)</a>',
                                       page):
            listed = client.get(html.unescape(href)).text
            assert re.search(r'id="event-total">(\d+)<', listed).group(1) == number, href
            checked += 1
    assert checked >= 12


def test_timeline_page_draws_the_pair(client):
    html = client.get("/timeline", params={"source": "rus-petrov", "target": "deu"}).text
    assert html.count('<rect class="bar"') == 2  # January and March; February is empty
    assert html.count('<circle class="conditional"') == 1  # two conditional threats in January
    assert "<title>Jan 2024: 2 THREATEN</title>" in html
    assert html.count("<tr class=") == 3
    assert client.get("/api/escalation", params={"source": "rus-petrov"}).status_code == 422


def test_timeline_lists_the_newest_events_and_links_to_all(client, monkeypatch):
    """A busy pair lists its newest events under the chart, with the total and a link to all
    of them (negated ones left out, as from the chart) on the events page."""
    monkeypatch.setattr(views, "TIMELINE_ROWS", 2)
    page = client.get("/timeline", params={"source": "rus-petrov", "target": "deu"}).text
    assert page.count("<tr class=") == 2 and "<h2>Events (3)</h2>" in page
    link = 'href="/events?source=rus-petrov&amp;target=deu&amp;negated=false"'
    assert link in page
    listed = client.get("/events?source=rus-petrov&target=deu&negated=false").text
    assert 'id="event-total">3<' in listed


def test_the_timeline_says_as_many_undated_events_as_it_lists(client):
    """An undated threat is not charted and said so, and listed once; an undated denial
    (negated) is neither counted nor listed (the page said "1 undated event not charted"
    above three undated rows)."""
    client.app.state.store.put(Article(doc_id="nodate", text="x", events=[
        Event(id="e1", type="THREATEN", source=PETROV, target=GERMANY),
        Event(id="e2", type="THREATEN", source=PETROV, target=GERMANY, negated=True)]))
    page = client.get("/timeline", params={"source": "rus-petrov", "target": "deu"}).text
    assert "1 undated event not charted (listed below)" in page
    rows = page.split('id="pair-events"')[1].split("</table>")[0]
    assert rows.count('<span class="undated">undated</span>') == 1
    assert "<h2>Events (4)</h2>" in page  # three charted and the undated one


def test_timeline_page_offers_the_parties_until_both_are_picked(client):
    """From the menu the timeline has no pair yet: two pickers, the busiest actors and every
    state by its code suggested; one party alone is kept in its picker."""
    html = client.get("/timeline", params={"source": "rus-petrov"}).text
    assert 'id="pick-parties"' in html and "timeline-chart" not in html
    assert 'name="source" value="rus-petrov"' in html and 'name="target" value=""' in html
    assert '<option value="rus-petrov">Ivan Petrov' in html
    assert '<option value="RUS">RUS (state)' in html
    twin = client.get("/api/timeline", params={"source": "rus-petrov"}).json()  # its data
    assert twin["series"] is None and {"rus-petrov", "RUS"} <= {p["actor"] for p in twin["parties"]}


def test_network_page_draws_actors_and_weighted_edges(client):
    html = client.get("/network").text
    # corpus.py's four actors, and records.py's Jane Roe (no actor id) and Government of Germany
    assert html.count('<a class="node"') == 6
    assert html.count('<path class="edge conflict"') == 3
    assert "Ivan Petrov → Germany: 3 THREATEN" in html
    only = client.get("/network", params={"type": "SUPPORT"}).text
    assert only.count('<path class="edge') == 2 and "edge conflict" not in only
    states = client.get("/network", params={"states": "true"}).text
    assert 'id="rolled-up"' in states and 'name="states" value="true" title=' in states
    assert "RUS → DEU: 3 THREATEN" in states and "Ivan Petrov" not in states
    assert client.get("/api/network?states=true").json()["nodes"][0]["country"] == "DEU"
    client.app.state.store.put(Article(  # an official known by name only sits by her state
        doc_id="ru2", published="2024-02-11", text="Olga Ivanova warned Germany.",
        events=[Event(id="e1", type="THREATEN", source=ActorRef(name="Olga Ivanova",
                                                                country="RUS"), target=GERMANY)]))
    nodes = client.get("/api/network").json()["nodes"]
    assert {n["actor"]: n["country"] for n in nodes}["Olga Ivanova"] == "RUS"
    assert '<text class="group"' in client.get("/network").text  # RUS: her and Petrov
    [link] = re.findall(r'class="download" href="([^"]+format=csv)"', only)  # what it draws
    rows = client.get(link.replace("&amp;", "&")).text.splitlines()
    assert rows[0] == "source,source_name,target,target_name,relation,events,types"
    assert rows[1:] == ['gbr-roe,Jane Roe,deu,Germany,cooperation,1,"{""SUPPORT"": 1}"',
                        'rus-petrov,Ivan Petrov,srb,Serbia,cooperation,1,"{""SUPPORT"": 1}"']


def test_events_page_filters_sorts_counts_and_offers_the_list_as_files(client):
    petrov = {"type": "THREATEN", "conditional": "true", "source": "rus-petrov"}
    html = client.get("/events", params=petrov).text
    assert '<span id="event-total">2</span> events' in html
    assert html.count('class="conditional-row"') == 2
    newest_first = [html.index("if Germany attacks"), html.index("if provoked")]
    assert newest_first == sorted(newest_first)
    oldest = client.get("/events", params={**petrov, "order": "oldest"}).text
    assert oldest.index("if provoked") < oldest.index("if Germany attacks")
    by_type = client.get("/events", params={"order": "type"}).text
    types = ["ACCUSE", "MOBILIZE", "SUPPORT", "THREATEN"]
    assert [by_type.index(f'"etype">{t}') for t in types] == sorted(
        by_type.index(f'"etype">{t}') for t in types)
    link = ('href="/api/events?type=THREATEN&amp;source=rus-petrov&amp;conditional=true'
            '&amp;format=csv"')
    assert link in html
    csv_rows = client.get("/api/events", params={**petrov, "format": "csv"})
    assert csv_rows.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_rows.headers["content-disposition"]
    lines = csv_rows.text.strip().splitlines()
    assert lines[0].startswith("id,type,") and len(lines) == 3


def test_every_quotation_of_a_search_comes_as_parquet(client):
    import io

    import pyarrow.parquet as pq

    body = client.get("/api/quotes", params={"speaker": "Ivan Petrov", "limit": 1,
                                             "format": "parquet"}).content
    table = pq.read_table(io.BytesIO(body))  # every match, not the page of one
    assert table.num_rows == 4 and "speaker" in table.column_names


def test_a_state_by_its_code_rolls_up_its_officials(client):
    """RUS is no actor of its own in the corpus: its page counts Ivan Petrov's events (an
    official of Russia) as the state's, with the counterparts they had."""
    state = client.get("/api/actors/RUS").json()
    assert {c["name"]: c["count"] for c in state["as_source"]} == {
        "THREATEN": 3, "SUPPORT": 1, "MOBILIZE": 1}
    assert [c["actor"] for c in state["counterparts"]][:1] == ["deu"]
    assert "Ivan Petrov" in state["names"] and state["state"] is True
    page = client.get("/actors/RUS").text  # headed by the state, not by its official's name
    assert "<h1>RUS (state)</h1>" in page and "its bodies and officials: Ivan Petrov" in page
    assert "<h1>Ivan Petrov</h1>" in client.get("/actors/rus-petrov").text


def test_a_state_coded_with_its_own_code_is_still_the_whole_state(client):
    """Russia itself coded RUS beside its official: the state's page counts both, as the
    actors list does (it counted only Russia's own events, one where the list said four)."""
    russia = ActorRef(name="Russia", actor_id="RUS", country="RUS", sector="GOV")
    client.app.state.store.put(Article(
        doc_id="ru1", published="2024-02-10", text="Russia warned Germany.",
        events=[Event(id="e1", type="THREATEN", source=russia, target=GERMANY)]))
    rows = {row["actor"]: row for row in client.get("/api/actors").json()}
    checked = 0
    for key, row in rows.items():
        if row["kind"] == "state":
            record = client.get(f"/api/actors/{key}").json()
            assert record["state"] is True, key
            assert sum(c["count"] for c in record["as_source"]) == row["as_source"], key
            assert sum(c["count"] for c in record["as_target"]) == row["as_target"], key
            checked += 1
    assert checked >= 3 and rows["RUS"]["as_source"] == 6  # Petrov's five and Russia's own
    assert "<h1>RUS (state)</h1>" in client.get("/actors/RUS").text


def test_a_speaker_is_found_by_surname_in_any_case_and_accents(client):
    """"petrov" and "PETRÓV" find Ivan Petrov; what articles call him finds him too."""
    for typed in ("petrov", "PETRÓV", "iv pet"):
        assert [c["name"] for c in client.get("/api/speakers", params={"q": typed}).json()] \
            == ["Ivan Petrov"], typed
    html = client.get("/search", params={"speaker": "petrov", "kind": "direct"}).text
    assert 'id="speaker-match"' in html and '"quote-total">3<' in html
    everyone = client.get("/api/speakers").json()  # nothing typed: the busiest first
    assert {"Ivan Petrov", "Jane Roe"} <= {c["name"] for c in everyone}
    assert [c["count"] for c in everyone] == sorted((c["count"] for c in everyone), reverse=True)
    assert client.get("/api/speakers", params={"q": "nobody"}).json() == []


def test_a_speaker_is_found_by_how_articles_name_them(client):
    """"foreign minister", in any case, finds Ivan Petrov once an article calls him so."""
    text = "“We are ready,” said Russia’s foreign minister."
    client.app.state.store.put(Article(
        doc_id="fm1", published="2024-04-01", text=text, quotes=[Quote(
            id="q1", kind="direct", content="We are ready", spans=[(1, 13)], cue="said",
            speaker=Mention(mention="Russia’s foreign minister", span=(21, 46),
                            name="Ivan Petrov", actor_id="rus-petrov"))]))
    typed = {"q": "FOREIGN minister"}
    assert [c["name"] for c in client.get("/api/speakers", params=typed).json()] == [
        "Ivan Petrov"]


def test_a_hyphenated_name_is_found_by_its_last_part(client):
    """"sharaa" finds Ahmed al-Sharaa (it found nothing: "al-sharaa" was one word)."""
    text = "“The transition will be orderly,” said Ahmed al-Sharaa."
    client.app.state.store.put(Article(
        doc_id="sy1", published="2025-02-01", text=text, quotes=[Quote(
            id="q1", kind="direct", content="The transition will be orderly", spans=[(1, 31)],
            cue="said", speaker=Mention(mention="Ahmed al-Sharaa", span=(39, 54),
                                        name="Ahmed al-Sharaa"))]))
    for typed in ("sharaa", "AL-SHARAA", "ahmed al"):
        assert [c["name"] for c in client.get("/api/speakers", params={"q": typed}).json()] \
            == ["Ahmed al-Sharaa"], typed


def test_search_lists_an_untitled_article_by_its_first_line(client):
    """A text file has no title: the articles found by the words read as its first line (they
    read "Untitled article"), with its number of quotations, as /api/search gives them."""
    client.app.state.store.put(Article(
        doc_id="txt1", source="notes.txt", published="2024-05-02",
        text="Harbour talks stall in Odesa\n\nThe harbour stayed shut on Tuesday."))
    page = client.get("/search", params={"q": "harbour"}).text
    assert '<a href="/articles/txt1">Harbour talks stall in Odesa</a>' in page
    assert "notes.txt · 0 quotations" in page
    (hit,) = client.get("/api/search", params={"q": "harbour"}).json()["articles"]
    assert hit == {"doc_id": "txt1", "url": None, "source": "notes.txt", "title": None,
                   "published": "2024-05-02", "quotes": 0,
                   "opening": "Harbour talks stall in Odesa\n\nThe harbour stayed shut on Tuesday."}
    assert client.get("/api/search", params={"q": "water"}).json()["articles"][0]["quotes"] == 4


def test_lists_link_an_untitled_article_by_its_first_line(client):
    """A quotation or event of a text file (no title) links to its article by the text's
    first line on the search, events, speaker and timeline pages (they read "Untitled
    article" and "article")."""
    text = "Petrov warns Berlin again\n\n“We will answer,” said Ivan Petrov."
    client.app.state.store.put(Article(
        doc_id="txt2", source="notes.txt", published="2024-05-03", text=text,
        quotes=[Quote(id="q1", kind="direct", content="We will answer", spans=[(28, 42)],
                      cue="said", speaker=Mention(mention="Ivan Petrov", span=(50, 61),
                                                  name="Ivan Petrov", actor_id="rus-petrov"))],
        events=[Event(id="e1", type="THREATEN", source=PETROV, target=GERMANY, quote_id="q1")]))
    for path in ("/search?q=answer", "/events?source=rus-petrov", "/speakers/Ivan%20Petrov",
                 "/timeline?source=rus-petrov&target=deu"):
        page = client.get(path).text
        assert '/articles/txt2#card-q1">Petrov warns Berlin again</a>' in page, path
    assert client.get("/api/search?q=answer").json()["headlines"] == {
        "txt2": "Petrov warns Berlin again"}


def test_articles_page_lists_what_the_home_page_counts(client):
    """The home page's article total and each outlet's count open the articles list, which
    has as many rows as they say, newest first, and pages on by cursor."""
    home = client.get("/").text
    assert 'href="/articles"' in home and 'href="/articles?source=wire.example"' in home
    wire = client.get("/articles", params={"source": "wire.example"}).text
    assert 'id="article-total">3<' in wire
    assert re.findall(r'<li><a href="/articles/([^"]+)">', wire) == ["a5", "a3", "a1"]
    assert "Story a5</a>" in wire and "wire.example · 1 quotation<" in wire
    assert 'href="/api/articles?source=wire.example&amp;format=csv"' in wire
    first = client.get("/articles", params={"limit": 2}).text
    (after,) = re.findall(r'class="next" href="([^"]+)"', first)
    second = client.get(html.unescape(after)).text
    shown = [re.findall(r'<li><a href="/articles/([^"]+)">', t) for t in (first, second)]
    assert len(shown[0]) == len(shown[1]) == 2 and not set(shown[0]) & set(shown[1])
    assert 'id="article-total"' not in second  # the total is the first page's


def test_actors_page_heads_each_state_with_its_officials(client):
    html = client.get("/actors").text
    rows = re.findall(r'<tr class="(state|member|free)-row">\s*<td><a href="/actors/([^"]+)"', html)
    assert rows.index(("state", "RUS")) + 1 == rows.index(("member", "rus-petrov"))
    assert 'href="/actors"' in client.get("/").text  # from the menu and the home page
    shown = client.get("/actors", params={"q": "petrov"}).text
    assert 'href="/api/actors?q=petrov&amp;format=csv"' in shown


def test_a_lists_download_has_exactly_the_rows_it_shows(client):
    for page, table in (("/speakers?q=petrov", "speaker-list"), ("/actors?country=RUS",
                                                                  "actor-list")):
        text = client.get(page).text
        shown = text.split(f'id="{table}"')[1].split("</table>")[0].count("<tr") - 1  # head
        link = text.split('class="download" href="')[1].split('"')[0]
        rows = client.get(link.replace("&amp;", "&")).text.splitlines()[1:]  # the CSV's head
        assert len(rows) == shown > 0, page


def _facet(page: str, name: str) -> list[str]:
    """The values a page shows in one of its facets."""
    box = page.split(f'data-facet="{name}"')[1].split("</section>")[0]
    return [html.unescape(v) for v in re.findall(r'">([^<]*)</a> <span class="n">', box)]


@pytest.mark.parametrize(("path", "twin", "same"), [
    ("/", "/api/dashboard",
     lambda page, data: f'<strong>{data["totals"]["quotes"]}</strong>' in page),
    ("/speakers?q=petrov", "/api/speakers?q=petrov&limit=200",
     lambda page, data: [s["name"] for s in data] == ["Ivan Petrov"] and "Ivan Petrov" in page),
    ("/actors?country=RUS", "/api/actors?country=RUS",
     lambda page, data: [a["actor"] for a in data] == ["RUS", "rus-petrov"]),
    ("/events?type=THREATEN", "/api/events/page?type=THREATEN",
     lambda page, data: f'id="event-total">{data["events"]["total"]}<' in page
     and _facet(page, "source") == [f["name"] for f in data["facets"]["source"]] != []),
    ("/search?q=water", "/api/search?q=water",
     lambda page, data: page.count('class="hit') == len(data["quotes"]["items"]) == 2),
    ("/articles/a1", "/records/a1", lambda page, data: data["doc_id"] == "a1"),
    ("/articles?source=daily.example", "/api/articles?source=daily.example",
     lambda page, data: page.count('<li><a href="/articles/') == len(data["items"]) == 2),
    ("/speakers/Ivan%20Petrov", "/api/speakers/Ivan%20Petrov",
     lambda page, data: data["speaker"]["name"] == "Ivan Petrov"),
    ("/actors/RUS", "/api/actors/RUS", lambda page, data: data["state"] is True),
    ("/timeline?source=RUS&target=DEU", "/api/timeline?source=RUS&target=DEU",
     lambda page, data: f'<h2>Events ({data["events"]["total"]})</h2>' in page),
    ("/network?states=true", "/api/network?states=true",
     lambda page, data: {"RUS", "DEU"} <= {n["actor"] for n in data["nodes"]}),
    ("/provenance?q=dead+in+the+water", "/api/provenance?q=dead+in+the+water",
     lambda page, data: page.count('class="chain"') == len(data["chains"]) == 1),
    ("/alerts", "/api/alerts", lambda page, data: data == []),
])
def test_every_page_links_its_data_as_json(client, path, twin, same):
    """Each page names its JSON twin, the API call answering the data it shows with the
    same filters (as Datasette serves one view as HTML or JSON), and the two agree."""
    page = client.get(path)
    assert page.status_code == 200
    (found,) = re.findall(r'class="json-twin" href="([^"]*)"', page.text)
    assert html.unescape(found) == twin
    answer = client.get(twin)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    assert same(page.text, answer.json())


def test_the_paste_box_and_error_pages_have_no_twin(client):
    for path in ("/paste", "/articles/nope"):
        assert "json-twin" not in client.get(path).text
