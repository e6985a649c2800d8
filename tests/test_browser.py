"""The web UI in a real browser: Debian's Chromium, driven by Playwright, against uvicorn.

Each test saves a screenshot under ``tests/artifacts/`` (not committed) for a person to look at.
Without /usr/bin/chromium the tests are skipped on a developer's machine and fail in CI, where
``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from corpus import GERMANY, PETROV, build_corpus
from playwright.sync_api import Browser, Page, expect, sync_playwright
from records import build_article

from onrecord.app import Settings, create_app
from onrecord.model import Article, Event, Mention, Quote
from onrecord.store import Copy
from onrecord.watch import alerts
from onrecord.watch.alerts import Alert

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
#: ``ONRECORD_SCREENSHOTS=1`` saves the page tour's screenshots for the docs instead.
DOCS_SCREENSHOTS = Path(__file__).parent.parent / "docs" / "screenshots"
#: A laptop and a phone (an iPhone 12-15's CSS pixels).
VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
#: Every kind of page, as a person reaches it: (name, path).
PAGES = [
    ("home", "/"),
    ("paste", "/paste"),
    ("speakers", "/speakers"),
    ("actors", "/actors"),
    ("events", "/events?type=THREATEN&conditional=true"),
    ("search", "/search?q=respond"),
    ("search-speaker", "/search?speaker=Ivan+Petrov&kind=direct"),
    ("articles", "/articles"),
    ("article", "/articles/sample-1"),
    ("speaker", "/speakers/Ivan%20Petrov"),
    ("actor", "/actors/rus-petrov"),
    ("state", "/actors/RUS"),
    ("timeline-pick", "/timeline"),
    ("timeline", "/timeline?source=rus-petrov&target=deu"),
    ("network", "/network"),
    ("provenance", "/provenance?q=dead+in+the+water"),
    ("alerts", "/alerts"),
    ("not-found", "/articles/nope"),
]
#: Long enough for uvicorn's start-up, which loads the spaCy model.
SERVER_START_SECONDS = 60
PASTED = "“We will not retreat,” said Jane Roe.\n\nThe talks continued on Tuesday."


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _denial() -> Article:
    """Petrov denies threatening Germany: a THREATEN event that is negated."""
    text = "“We have never threatened Germany,” said Ivan Petrov."
    quote = Quote(id="q1", kind="direct", content="We have never threatened Germany",
                  spans=[(1, 33)], cue="said", negated=True,
                  speaker=Mention(mention="Ivan Petrov", span=(40, 51), name="Ivan Petrov",
                                  actor_id="rus-petrov"))
    event = Event(id="e1", type="THREATEN", source=PETROV, target=GERMANY, quote_id="q1",
                  negated=True, intensity=-3.0)
    return Article(doc_id="denial", published="2024-01-20", source="wire.example",
                   title="Petrov: we never threatened", text=text, quotes=[quote],
                   events=[event])


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, in a thread, for the module's tests.

    Its SQLite store holds the hand-built records of ``records`` and ``corpus``.
    """
    store = str(tmp_path_factory.mktemp("store") / "onrecord.db")
    # the test page server (conftest ``site``) is on 127.0.0.1, private: allowed by name
    app = create_app(Settings(db=store, fetch_allow=("127.0.0.1",)))
    for article in [build_article(), *build_corpus(), _denial()]:
        app.state.store.put(article)
    app.state.store.write(copies=[Copy(
        "sample-1", "wire-1", url="https://wire.example/roe", source="Wire Service",
        title="Roe: we will not retreat", published="2024-03-02", kind="near", similarity=0.91,
    )])
    with app.state.store.engine.begin() as conn:  # what ``onrecord watch`` raised
        alerts.insert(conn, [Alert(
            story_key="k1", rule="threats to Germany", kind="statement", doc_id="a1",
            quote_id="q1", quote="We will respond", speaker="Ivan Petrov", title="Story a1",
            summary="Ivan Petrov: THREATEN to Germany", published="2024-01-10",
            evidence={"evidence_text": "We will respond", "event": Event(
                id="e1", type="THREATEN", source=PETROV, target=GERMANY).model_dump(mode="json")})])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    uvicorn_server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=uvicorn_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_SECONDS
    while not uvicorn_server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_fits_the_screen_and_runs_clean(browser, server, viewport):
    """At 1366x900 and at 390x844: no page scrolls sideways, logs a console error or loads
    anything that fails (the icon included); an unknown page is a page saying so (404)."""
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems: list[str] = []
    expected_404 = f"{server}/articles/nope"
    page.on("console", lambda m: problems.append(f"console: {m.text} at {m.location['url']}")
            if m.type == "error" and m.location["url"] != expected_404 else None)
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.url != expected_404 else None)
    for name, path in PAGES:
        response = page.goto(f"{server}{path}")
        assert response is not None
        assert response.status == (404 if name == "not-found" else 200), path
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow} px wider than the {width} px screen"
        expect(page.locator("header.site nav")).to_be_visible()
        if os.environ.get("ONRECORD_SCREENSHOTS") == "1":
            DOCS_SCREENSHOTS.mkdir(exist_ok=True)
            page.screenshot(path=DOCS_SCREENSHOTS / f"{name}-{viewport}.jpg", type="jpeg",
                            quality=60)
    context.close()
    assert not problems, problems


#: Pages of each kind (first path segment, with or without a query) the crawl opens, and in
#: all: enough to reach every kind from the home page's links within a minute a width.
CRAWL_PER_KIND, CRAWL_PAGES = 3, 60
#: Links the crawl leaves: the API's JSON and files, the record downloads, the API docs.
NOT_PAGES = ("/api/", "/records/", "/docs", "/static/", "/favicon.ico")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_crawl_from_the_home_page_fits_the_screen_and_runs_clean(browser, server, viewport):
    """Following the links from the home page, every page of each kind reached (up to three
    a kind, sixty in all) at 1366x900 and at 390x844: answered below 400, nothing wider than
    the screen, no console error, no request that fails."""
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console: {m.text} at {page.url}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"script error: {e} at {page.url}"))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url} from {page.url}")
            if r.status >= 400 else None)
    queue, seen, kinds, opened = ["/"], {"/"}, {}, 0
    while queue and opened < CRAWL_PAGES:
        path = queue.pop(0)
        kind = (path.split("?")[0].split("/")[1], "?" in path)
        if kinds.get(kind, 0) >= CRAWL_PER_KIND:
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        opened += 1
        response = page.goto(f"{server}{path}")
        assert response is not None and response.status < 400, path
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow} px wider than the {width} px screen"
        for href in page.eval_on_selector_all(
                "a[href]:not([download])",  # the network's links are SVG's: read the attribute
                "links => links.map(a => new URL(a.getAttribute('href'), location.href).href)"):
            if href.startswith(server):
                target = href[len(server):].split("#")[0] or "/"
                if target not in seen and not target.startswith(NOT_PAGES):
                    seen.add(target)
                    queue.append(target)
    context.close()
    assert len(kinds) >= 12, sorted(kinds)  # every kind of page the menu and home reach
    assert not problems, problems


def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def _background(page: Page, selector: str) -> str:
    return page.locator(selector).first.evaluate("el => getComputedStyle(el).backgroundColor")


def test_article_page_highlights_quotes_by_speaker(page, server):
    page.goto(f"{server}/articles/sample-1")

    expect(page.locator('#text mark[data-q="q1"]')).to_have_text("We will not retreat,")
    expect(page.locator('#text mark[data-q="q2"]')).to_have_text(
        ["Our answer will be firm.", "Any attack on us will be met with force,"]
    )
    expect(page.locator('#text mark[data-q="q4 q3"]')).to_have_text("dead in the water")
    expect(page.locator("#card-q1 .speaker-name")).to_contain_text("Jane Roe")
    expect(page.locator("#card-q2 .speaker-name")).to_contain_text("Jane Roe")
    expect(page.locator("#card-q2 .addressee-name")).to_have_text("Government of Germany")
    expect(page.locator('#text span.addressee[data-q="q2"]')).to_have_text("Berlin")
    expect(page.locator("#card-q2 .quote-condition")).to_have_text("any attack on us")
    expect(page.locator("#card-q2 .events")).to_contain_text("THREATEN")
    expect(page.locator("#card-q3 .speaker-name")).to_have_text("unresolved: A spokesman")
    jane, also_jane = _background(page, '[data-q="q1"]'), _background(page, '[data-q="q2"]')
    assert jane == also_jane != _background(page, '[data-q="q3"]')

    page.locator('#text mark[data-q="q2"]').last.click()
    expect(page.locator("#card-q2")).to_have_class(re.compile(r"\bselected\b"))
    expect(page.locator('#text mark.selected[data-q="q2"]')).to_have_count(2)

    expect(page.locator("#removed")).to_be_hidden()
    page.locator("#toggle-removed").click()
    expect(page.locator("#removed")).to_be_visible()
    expect(page.locator("#removed")).to_contain_text("related-links <insert>")

    expect(page.locator("#text p").first).to_contain_text("<script>window.pwned = true</script>")
    expect(page.locator("h1")).to_have_text("Minister <em>warns</em> of force")
    assert page.evaluate("typeof window.pwned") == "undefined"

    copy = page.locator("#copies li.copy")
    expect(copy).to_have_count(1)
    expect(copy).to_contain_text("Wire Service")
    expect(copy.locator("a.url")).to_have_attribute("href", "https://wire.example/roe")
    expect(copy.locator("a.url")).to_be_visible()
    _screenshot(page, "article")


def test_article_quotes_and_cards_work_from_the_keyboard(page, server):
    """Tab reaches a highlighted quotation; Enter selects it and its card, as a click does;
    the card's actor links and the record's JSON download are there."""
    page.goto(f"{server}/articles/sample-1")
    page.keyboard.press("Tab")
    for _ in range(30):  # past the menu and the header's links
        if page.evaluate("document.activeElement.matches('#text mark.quote')"):
            break
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.q")
    page.keyboard.press("Enter")
    expect(page.locator(f"#card-{focused.split()[0]}")).to_have_class(re.compile(r"\bselected\b"))
    page.locator("#card-q2").focus()
    page.keyboard.press("Enter")
    expect(page.locator('#text mark.selected[data-q="q2"]')).to_have_count(2)
    expect(page.locator("#card-q2 a.actor-link").first).to_be_visible()
    expect(page.locator("a.record-json")).to_have_attribute("download", "sample-1.json")


@pytest.mark.parametrize("width", [390, 700])
def test_on_one_column_the_quotation_cards_are_a_list_under_the_text(browser, server, width):
    """Where the article's two columns become one (a phone; a tablet upright), the cards
    come after the text and scroll with the page, not in a sticky box of their own (on a
    phone it was an 812 px box holding 2,954 px of cards)."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(f"{server}/articles/sample-1")
    text, panel = page.locator("#text").bounding_box(), page.locator("#quotes").bounding_box()
    assert panel["y"] >= text["y"] + text["height"]
    assert page.locator("#quotes").evaluate(
        "el => [getComputedStyle(el).position, el.scrollHeight <= el.clientHeight]"
    ) == ["static", True]
    context.close()


#: The smallest text a chart may show, in CSS pixels.
MIN_CHART_TEXT_PX = 9


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_chart_text_stays_readable(browser, server, viewport):
    """The timeline's and the network's words and numbers are at least 9 px on a laptop and
    on a phone (scaled to the phone's width they were 4-6 px); a chart wider than the screen
    scrolls inside its box, not the page."""
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    for path, chart in (("/timeline?source=rus-petrov&target=deu", "#timeline-chart"),
                        ("/network", "#network-chart")):
        page.goto(f"{server}{path}")
        smallest = page.locator(chart).evaluate("""svg => Math.min(...[...svg.querySelectorAll(
            'text')].map(t => { const m = t.getScreenCTM();
            return Math.hypot(m.a, m.b) * parseFloat(getComputedStyle(t).fontSize); }))""")
        assert smallest >= MIN_CHART_TEXT_PX, f"{path}: text of {smallest:.1f} px"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_lists_filters_fold_on_a_phone_under_those_set(browser, server, viewport):
    """On a phone the events, not a screen of form fields, come first: the filters are
    folded under a summary naming those set, and a tap unfolds them; on a laptop they are
    open."""
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{server}/events?type=THREATEN&conditional=true")
    summary, form = page.locator("#filters summary"), page.locator("#filters form.filters")
    expect(summary).to_have_text("Filters: type, conditional")
    if viewport == "phone":
        expect(form).to_be_hidden()
        assert page.locator("#event-total").bounding_box()["y"] < height
        summary.click()
    expect(form).to_be_visible()
    context.close()


def _paste(page: Page, server: str) -> None:
    page.goto(f"{server}/paste")
    page.locator("#title").fill("<i>Pasted</i> piece")
    page.locator("#text").fill(PASTED)
    _screenshot(page, "paste-box")
    page.get_by_role("button", name="Annotate").click()
    page.wait_for_url(f"{server}/paste")


def test_paste_box_shows_the_article(page, server):
    _paste(page, server)
    expect(page.locator("h1")).to_have_text("<i>Pasted</i> piece")
    expect(page.locator("#text p")).to_have_text(
        ["“We will not retreat,” said Jane Roe.", "The talks continued on Tuesday."]
    )
    _screenshot(page, "pasted-article")


def test_pasted_quote_is_highlighted_and_attributed(page, server):
    _paste(page, server)
    expect(page.locator("#text mark.quote")).to_have_text(["We will not retreat,"])
    expect(page.locator("#text span.speaker")).to_have_text(["Jane Roe"])
    expect(page.locator("#text span.cue")).to_have_text(["said"])
    expect(page.locator(".card .speaker-name")).to_contain_text(["Jane Roe"])


def test_paste_box_fetches_a_pasted_url(page, server, site):
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PASTED.split("\n\n"))
    url = site.add("/story", f"<html><head><title>Roe holds firm</title></head><body><article>"
                   f"<h1>Roe holds firm</h1>{body}</article></body></html>")
    page.goto(f"{server}/paste")
    page.locator("#text").fill(url)
    page.get_by_role("button", name="Annotate").click()
    page.wait_for_url(f"{server}/paste")
    expect(page.locator("h1")).to_have_text("Roe holds firm")
    expect(page.locator("#text mark.quote")).to_have_text(["We will not retreat,"])
    expect(page.locator(".card .speaker-name")).to_contain_text(["Jane Roe"])
    _screenshot(page, "pasted-url")
    page.locator("#permalink").click()  # the page fetched again, by a URL to share
    page.wait_for_url(re.compile(r"/paste\?url=http"))
    expect(page.locator("h1")).to_have_text("Roe holds firm")
    expect(page.locator("#text mark.quote")).to_have_text(["We will not retreat,"])
    assert page.goto(f"{server}/paste?url=nonsense").status == 422


def test_errors_are_pages_with_the_message_and_a_way_back(page, server, site):
    """The three errors that reached the browser as raw JSON: an unknown article (404), a
    bad timeline parameter (422), a pasted URL that cannot be fetched (502)."""
    for path, status, message in (
        ("/articles/nope", 404, "no article with doc_id 'nope'"),
        ("/timeline?source=RUS&target=DEU&period=decade", 422,
         "period: Input should be 'day', 'week', 'month' or 'year'"),
    ):
        assert page.goto(f"{server}{path}").status == status, path
        expect(page.locator("#error .message")).to_have_text(message)
    page.goto(f"{server}/paste")
    page.locator("#text").fill(f"{site.base}/missing")
    with page.expect_response(f"{server}/paste") as answer:
        page.get_by_role("button", name="Annotate").click()
    assert answer.value.status == 502
    expect(page.locator("#error .message")).to_have_text(f"{site.base}/missing: HTTP 404")
    page.locator("#home-link").click()
    expect(page.locator("h1")).to_have_text("What the store holds")


def test_the_speaker_field_suggests_names_as_one_types(page, server):
    """"petr" typed in lower case offers Ivan Petrov, with his quotations, to pick."""
    page.goto(f"{server}/search")
    page.locator('input[name="speaker"]').press_sequentially("petr")
    options = page.locator("#speaker-names option")
    expect(options).to_have_count(1)
    expect(options).to_have_attribute("value", "Ivan Petrov")
    expect(options).to_have_attribute("label", "Ivan Petrov · 5 quotations")


def test_search_finds_a_quote_and_opens_its_article(page, server):
    page.goto(f"{server}/search")
    page.get_by_role("searchbox").fill("dead water")
    page.get_by_role("button", name="Search").click()
    hits = page.locator("#quote-results .hit")
    expect(hits).to_have_count(2)
    expect(hits.locator(".speaker-name")).to_have_text(["unresolved: A spokesman"] * 2)
    _screenshot(page, "search")
    hits.first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/articles/sample-1#card-q"))
    expect(page.locator("h1")).to_have_text("Minister <em>warns</em> of force")
    quote = page.url.rsplit("#card-", 1)[1]  # that quotation selected, its words in view
    expect(page.locator(f"#card-{quote}")).to_have_class(re.compile(r"\bselected\b"))
    words = page.locator(f'#text mark.selected[data-q~="{quote}"]').first
    expect(words).to_be_in_viewport()


def test_search_filters_then_opens_a_speaker_page(page, server):
    page.goto(f"{server}/search")
    page.locator('select[name="kind"]').select_option("direct")
    page.locator('input[name="speaker"]').fill("Ivan Petrov")
    page.get_by_role("button", name="Search").click()
    hits = page.locator("#quote-results .hit")
    expect(hits).to_have_count(4)  # three in the corpus and the denial
    expect(page.locator('select[name="kind"]')).to_have_value("direct")
    _screenshot(page, "search-filters")
    hits.first.get_by_role("link", name="Ivan Petrov").click()
    page.wait_for_url(re.compile(r"/speakers/Ivan%20Petrov$"))
    expect(page.locator("h1")).to_have_text("Ivan Petrov")
    expect(page.locator("#speaker-quotes .hit")).to_have_count(5)
    expect(page.locator("#addressees a")).to_have_text(["Germany", "Serbia"])
    _screenshot(page, "speaker")


def test_timeline_chart_from_the_actor_page(page, server):
    page.goto(f"{server}/actors/rus-petrov")
    _screenshot(page, "actor")
    page.locator("a.timeline-link", has_text="→ Germany").click()
    page.wait_for_url(re.compile(r"/timeline\?source=rus-petrov&target=deu"))
    chart = page.locator("#timeline-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.bar")).to_have_count(2)
    expect(chart.locator("circle.conditional")).to_have_count(1)
    assert chart.bounding_box()["width"] > 400
    expect(page.locator("#pair-events tr.conditional-row")).to_have_count(2)
    _screenshot(page, "timeline")


def test_network_nodes_link_to_actor_pages(page, server):
    page.goto(f"{server}/network")
    expect(page.locator("#network-chart path.edge")).to_have_count(5)
    _screenshot(page, "network")
    page.locator("#network-chart a.node", has_text="Serbia").locator("circle").click()
    page.wait_for_url(re.compile(r"/actors/srb$"))
    expect(page.locator("h1")).to_have_text("Serbia")


def test_a_negated_event_never_shows_as_its_type(page, server):
    """Petrov's "we have never threatened Germany" (20 January) is no threat: not charted on
    the timeline (January keeps its two threats) nor listed under it, not an arrow's threat
    on the network, not counted as THREATEN on his actor page; where it is listed (the events
    list, the article's card) it reads "not THREATEN"."""
    page.goto(f"{server}/timeline?source=rus-petrov&target=deu")
    expect(page.locator("#pair-events")).not_to_contain_text("Petrov: we never threatened")
    expect(page.locator("#timeline-chart rect.bar title")).to_have_text(
        ["Jan 2024: 2 THREATEN", "Mar 2024: 1 THREATEN"])
    page.goto(f"{server}/network")
    arrow = page.locator("#network-chart path.edge title", has_text="Ivan Petrov → Germany")
    expect(arrow).to_have_text(["Ivan Petrov → Germany: 3 THREATEN"])
    page.goto(f"{server}/network?states=true")
    arrow = page.locator("#network-chart path.edge title", has_text="RUS → DEU")
    expect(arrow).to_have_text([re.compile(r"^RUS → DEU: 3 THREATEN$")])
    page.goto(f"{server}/actors/rus-petrov")
    as_source = page.locator("section", has=page.get_by_role("heading", name="Events as source"))
    expect(as_source).to_contain_text("not THREATEN")
    threats = as_source.locator("tr", has_text="THREATEN").filter(has_not_text="not")
    expect(threats).to_contain_text("3")
    page.goto(f"{server}/events?source=rus-petrov&negated=true")
    expect(page.locator("#events-table .etype")).to_have_text(["not THREATEN"])
    page.goto(f"{server}/articles/denial")
    expect(page.locator("#card-q1 .events")).to_contain_text("not THREATEN")


# The five everyday tasks, each within three clicks of the home page, on a laptop and a phone.


@pytest.fixture(params=VIEWPORTS)
def screen(request, browser: Browser) -> Iterator[Page]:
    """A page at 1366x900, then at 390x844."""
    width, height = VIEWPORTS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context.new_page()
    context.close()


def test_task_conditional_threats_by_one_speaker(screen, server):
    screen.goto(f"{server}/")
    screen.locator("#top-speakers").get_by_role("link", name="Ivan Petrov").click()  # 1
    screen.get_by_role("link", name="conditional threats").click()  # 2
    expect(screen.locator("#event-total")).to_have_text("2")
    expect(screen.locator("#events-table .etype")).to_have_text(["THREATEN", "THREATEN"])


def test_task_escalation_between_two_states(screen, server):
    screen.goto(f"{server}/")
    screen.get_by_role("navigation").get_by_role("link", name="Timeline").click()  # 1
    screen.locator('input[name="source"]').fill("RUS")
    screen.locator('input[name="target"]').fill("DEU")
    screen.get_by_role("button", name="Show").click()  # 2
    expect(screen.locator("h1")).to_have_text("Escalation: RUS → DEU")
    expect(screen.locator("#timeline-chart rect.bar")).to_have_count(2)


def test_task_read_an_article_and_see_who_said_each_quote(screen, server):
    screen.goto(f"{server}/")
    screen.locator("#latest-threats li a").first.click()  # 1
    expect(screen.locator(".card .speaker-name").first).to_contain_text("Ivan Petrov")
    expect(screen.locator("#text mark.quote").first).to_be_visible()
    quoted = {q for marks in screen.locator("#text mark.quote").evaluate_all(
        "ms => ms.map(m => m.dataset.q)") for q in marks.split()}
    cards = screen.locator("section.card")
    expect(cards).to_have_count(len(quoted))  # a card for each quotation, naming who said it
    names = cards.locator(".speaker-name")
    expect(names).to_have_count(len(quoted))
    assert all(name.strip() for name in names.all_inner_texts())


def test_task_export_what_was_found(screen, server):
    screen.goto(f"{server}/")
    screen.get_by_role("link", name="All conditional threats").click()  # 1
    with screen.expect_download() as download:
        screen.get_by_role("link", name="CSV").click()  # 2
    lines = Path(download.value.path()).read_text(encoding="utf-8").strip().splitlines()
    assert lines[0].startswith("id,type,") and len(lines) == 1 + 3  # header + 3 threats


def test_task_where_a_quote_first_appeared(screen, server):
    screen.goto(f"{server}/")
    screen.locator("#top-outlets").get_by_role("link", name="wire.example").click()  # 1
    screen.locator("#quote-results .hit a", has_text="Story").first.click()  # 2
    screen.locator(".card .trace").first.click()  # 3
    screen.wait_for_url(re.compile(r"/provenance\?q="))
    expect(screen.locator("main")).to_contain_text("First appeared")
