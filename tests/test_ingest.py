import io
import json
from dataclasses import replace

import pytest
from articles import CORRUPT, PARAGRAPHS, page, write_warc

from onrecord.errors import InputError
from onrecord.ingest import (
    FetchOptions,
    FieldMap,
    ReadOptions,
    decode_text,
    read_html,
    read_inputs,
)
from onrecord.ingest.fetch import Fetcher
from onrecord.ingest.files import ReplacedBytes
from onrecord.ingest.sources import count_items

FAST = FetchOptions(timeout=1.0, retries=1, backoff=0.0, host_delay=0.0, user_agent="test-agent/1")


def _read(specs, fetch=FAST, **options):
    items = list(read_inputs([str(s) for s in specs], ReadOptions(fetch=fetch, **options)))
    return [i for i in items if i.article_text], [i for i in items if i.error]


def test_text_folders_recurse_and_globs_match(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("First article.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Second article.", encoding="utf-8")
    (tmp_path / "picture.jpg").write_bytes(b"\xff\xd8\xff")
    read, failed = _read([tmp_path])
    assert [i.article_text.text for i in read] == ["First article.", "Second article."]
    assert failed == []
    read, _ = _read([tmp_path / "*.txt"])
    assert [i.key for i in read] == [str(tmp_path / "two.txt")]


def test_stdin_is_one_article(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"From stdin.")))
    read, _ = _read(["-"])
    assert read[0].article_text.text == "From stdin."
    assert read[0].article_text.source is None


def test_non_utf8_text_is_detected_and_garbage_is_reported(tmp_path):
    russian = "Министр заявил, что ответ будет жёстким и быстрым. " * 4
    (tmp_path / "ru.txt").write_bytes(russian.encode("cp1251"))
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 8)
    read, failed = _read([tmp_path / "ru.txt", tmp_path / "junk.txt", tmp_path / "missing.txt"])
    assert read[0].article_text.text == russian
    assert [(e.error.origin, e.error.reason) for e in failed] == [
        (str(tmp_path / "junk.txt"), "undecodable bytes: no text encoding fits"),
        (str(tmp_path / "missing.txt"), "no such file"),
    ]


def test_utf8_with_one_bad_byte_stays_utf8_and_the_byte_is_named(tmp_path):
    """One stray byte once made the detector read a whole UTF-8 article as cp866."""
    before = "“We will respond,” the minister said. “Any attack will be answered,” he added. "
    after = "“Talks are off,” an aide said in the capital on Tuesday."
    data = before.encode("utf-8") + b"\xff" + after.encode("utf-8")
    (tmp_path / "one.txt").write_bytes(data)
    with pytest.warns(ReplacedBytes) as warned:
        read, failed = _read([tmp_path / "one.txt"])
    assert read[0].article_text.text == before + "\ufffd" + after and failed == []
    assert str(warned[0].message) == (
        f"{tmp_path / 'one.txt'}: 1 invalid UTF-8 byte replaced by U+FFFD (at byte "
        f"{len(before.encode('utf-8'))})"
    )


def test_decode_uses_declared_charset_before_guessing():
    assert decode_text("Größe".encode("latin-1"), "x", declared="latin-1") == "Größe"
    with pytest.raises(InputError, match="binary"):
        decode_text(b"\x00\x01\x02" * 50, "x")


def test_html_file_gives_main_text_metadata_and_paragraph_lines(tmp_path):
    (tmp_path / "story.html").write_text(page(), encoding="utf-8")
    read, _ = _read([tmp_path / "story.html"])
    src = read[0].article_text
    assert src.title == "Minister warns of response"
    assert (src.published, src.author, src.source) == ("2024-03-05", "Jane Roe", "The Daily")
    for paragraph in PARAGRAPHS:
        assert paragraph + "\n" in src.text + "\n"
    assert "Copyright" not in src.text and "Home" not in src.text


def test_latin1_html_page_decodes(tmp_path):
    text = ["Le ministre a déclaré que la réponse serait ferme et immédiate, a-t-il ajouté. " * 3]
    html = page(paragraphs=text, charset="iso-8859-1")
    (tmp_path / "fr.html").write_bytes(html.encode("latin-1"))
    read, failed = _read([tmp_path / "fr.html"])
    assert failed == [] and "déclaré" in read[0].article_text.text


def test_empty_and_oversized_pages_are_reported(tmp_path):
    (tmp_path / "empty.html").write_text("<html><body></body></html>", encoding="utf-8")
    (tmp_path / "huge.html").write_text(page(paragraphs=["x " * 3000]), encoding="utf-8")
    options = ReadOptions(fetch=FetchOptions(max_bytes=5000))
    items = list(read_inputs([str(tmp_path / "empty.html"), str(tmp_path / "huge.html")], options))
    reasons = [item.error.reason for item in items]
    assert reasons[0] == "no article text found in the page"
    assert reasons[1].startswith("too large")


def test_url_list_fetches_pages_politely(tmp_path, site):
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    first = site.add("/news/1", page("First story"))
    second = site.add("/news/2", page("Second story"))
    private = site.add("/private/3", page("Hidden"))
    gone = site.base + "/news/404"
    (tmp_path / "list.txt").write_text(f"# my list\n{first}\n\n{second}\n{private}\n{gone}\n")
    read, failed = _read([tmp_path / "list.txt"])
    assert [i.article_text.title for i in read] == ["First story", "Second story"]
    assert [i.article_text.url for i in read] == [first, second]
    assert [(e.key, e.error.reason) for e in failed] == [
        (private, "disallowed by robots.txt"), (gone, "HTTP 404")
    ]
    assert {agent for _, agent in site.requests} == {"test-agent/1"}
    assert "/private/3" not in [path for path, _ in site.requests]


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_robots_txt_unavailable_4xx_allows_everything(site, status):
    """RFC 9309 2.3.1.3: a 4xx robots.txt means the site has no rules for crawlers."""
    site.add("/robots.txt", "Disallow: /", "text/plain", status=status)
    read, failed = _read([site.add("/news/1", page("Open story"))])
    assert [i.article_text.title for i in read] == ["Open story"] and failed == []


@pytest.mark.parametrize("status", [429, 500, 503])
def test_robots_txt_unreachable_5xx_disallows_the_host(site, status):
    """RFC 9309 2.3.1.4: a server error on robots.txt means assume complete disallow."""
    site.add("/robots.txt", "busy", "text/plain", status=status)
    urls = [site.add("/news/1", page("One")), site.add("/news/2", page("Two"))]
    read, failed = _read(urls)
    assert read == []
    assert [(e.key, e.error.reason) for e in failed] == [
        (url, f"robots.txt unreachable (HTTP {status}): host disallowed") for url in urls
    ]
    paths = [path for path, _ in site.requests]
    assert paths == ["/robots.txt", "/robots.txt"]  # retried once, then asked once per run
    assert "/news/1" not in paths


def test_robots_txt_that_times_out_disallows_the_host(site):
    site.add("/robots.txt", "User-agent: *\n", "text/plain", stall=3.0)
    url = site.add("/news/1", page("One"))
    read, failed = _read([url])
    assert read == [] and failed[0].error.origin == url
    reason = "robots.txt unreachable (timed out (2 attempts)): host disallowed"
    assert failed[0].error.reason == reason


@pytest.mark.parametrize("slowness", [{"stall": 3.0}, {"drip": 0.2}])
def test_url_that_stalls_or_drips_times_out_and_the_rest_goes_on(site, slowness):
    slow = site.add("/slow", page("Slow"), **slowness)  # dripped: 64 bytes every 0.2 s
    fine = site.add("/fine", page("Fine"))
    read, failed = _read([slow, fine])
    assert [i.article_text.title for i in read] == ["Fine"]
    assert failed[0].error.origin == slow
    assert failed[0].error.reason.startswith("timed out")


def test_server_errors_are_retried(site):
    url = site.add("/flaky", "busy", "text/plain", status=503)
    with Fetcher(FAST) as fetcher, pytest.raises(InputError, match="HTTP 503"):
        fetcher.get(url)
    assert [path for path, _ in site.requests].count("/flaky") == 2


def _feed(site, links):
    items = "".join(
        f"<item><title>Entry {n}</title><link>{link}</link>"
        f"<pubDate>Tue, 05 Mar 2024 10:0{n}:00 GMT</pubDate></item>"
        for n, link in enumerate(links)
    )
    channel = f"<channel><title>Wire</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


def test_feed_url_and_file_follow_entries_to_pages(tmp_path, site):
    links = [site.add("/a", page("Page A")), site.add("/b", page("Page B"))]
    feed_url = site.add("/feed", _feed(site, links), "application/rss+xml")
    read, failed = _read([feed_url])
    assert failed == []
    assert [i.article_text.title for i in read] == ["Entry 0", "Entry 1"]
    assert read[0].article_text.published == "2024-03-05T10:00:00Z"
    assert read[0].article_text.source == "Wire"
    (tmp_path / "wire.rss").write_text(_feed(site, links[:1]), encoding="utf-8")
    read, _ = _read([tmp_path / "wire.rss"])
    assert [i.key for i in read] == links[:1]


def test_full_text_feed_entries_are_read_from_the_feed_not_fetched(tmp_path, site):
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2)
    teaser = site.add("/teaser", page("Teaser page"))
    full = f"{site.base}/full"  # never served: the entry has the whole article
    entries = (
        f"<item><title>Full</title><link>{full}</link><description>Short.</description>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        f"<item><title>Teaser</title><link>{teaser}</link><description>Short.</description></item>"
        "<item><title>Linkless</title><description>Nothing here.</description></item>"
    )
    (tmp_path / "full.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Wire</title>{entries}</channel></rss>", encoding="utf-8"
    )
    read, failed = _read([tmp_path / "full.rss"])
    assert [(i.key, i.article_text.title) for i in read] == [(full, "Full"), (teaser, "Teaser")]
    assert read[0].article_text.url == full and read[0].article_text.source == "Wire"
    assert read[0].article_text.text.split("\n") == PARAGRAPHS * 2
    assert [path for path, _ in site.requests if path != "/robots.txt"] == ["/teaser"]
    assert [(e.key, e.error.reason) for e in failed] == [
        (f"{tmp_path / 'full.rss'}#2", "entry has no link and no full text")
    ]


def test_feed_that_is_an_html_page_is_reported(tmp_path):
    (tmp_path / "feed.xml").write_text(page(), encoding="utf-8")
    read, failed = _read([tmp_path / "feed.xml"])
    assert read == []
    assert failed[0].error.reason.startswith("an HTML page, no feed entries")


@pytest.mark.parametrize("name", ["cc-news.warc.gz", "plain.warc"])
def test_warc_reads_html_responses_only(tmp_path, name):
    path = tmp_path / name
    write_warc(path, [
        ("https://a.example/1", "text/html; charset=utf-8", page("WARC one")),
        ("https://a.example/style.css", "text/css", "body {}"),
        ("https://a.example/2", "text/html", page("WARC two")),
    ])
    read, failed = _read([path])
    assert failed == []
    assert [(i.article_text.title, i.article_text.url) for i in read] == [
        ("WARC one", "https://a.example/1"), ("WARC two", "https://a.example/2")
    ]
    assert all(i.key.startswith(f"{path}#") for i in read)


def test_corrupt_warc_keeps_the_good_records_and_reports_the_rest(tmp_path):
    path = tmp_path / "broken.warc.gz"
    write_warc(path, [("https://a.example/1", "text/html", page("Good"))], corrupt_tail=True)
    read, failed = _read([path])
    assert [i.article_text.title for i in read] == ["Good"]
    assert len(failed) == 1 and "corrupt WARC" in failed[0].error.reason


@pytest.mark.parametrize("name", ["cc-news.warc.gz", "plain.warc"])
def test_corrupt_record_mid_archive_is_reported_once_and_reading_resumes(tmp_path, name):
    path = tmp_path / name
    write_warc(path, [
        ("https://a.example/1", "text/html", page("Before")),
        CORRUPT,
        ("https://a.example/2", "text/html", page("After")),
        ("https://a.example/3", "text/html", page("Last")),
    ])
    read, failed = _read([path])
    assert [i.article_text.title for i in read] == ["Before", "After", "Last"]
    assert len(failed) == 1
    assert failed[0].error.origin.startswith(f"{path} record 2 (byte ")
    assert failed[0].error.reason.startswith("corrupt WARC")


def test_jsonl_and_csv_with_mapped_fields(tmp_path):
    lines = [
        json.dumps({"body": "Article one.", "headline": "One", "link": "https://x/1", "id": "a1"}),
        "{not json",
        json.dumps({"headline": "No body"}),
        "",
        json.dumps({"body": "Article two.", "headline": "Two", "date": "2024-01-02"}),
    ]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "dump.csv").write_text(
        'body,headline\n"Article three, with a comma.",Three\n', encoding="utf-8"
    )
    fields = FieldMap(text="body", title="headline", url="link", published="date")
    read, failed = _read([tmp_path / "dump.jsonl", tmp_path / "dump.csv"], fields=fields)
    assert [(i.article_text.title, i.article_text.text) for i in read] == [
        ("One", "Article one."), ("Two", "Article two."), ("Three", "Article three, with a comma.")
    ]
    assert read[0].article_text.doc_id == "a1" and read[0].article_text.url == "https://x/1"
    assert read[1].article_text.published == "2024-01-02"
    assert [i.key.rsplit("/", 1)[1] for i in read] == ["dump.jsonl:1", "dump.jsonl:5", "dump.csv:1"]
    assert [e.error.reason for e in failed] == ["invalid JSON (Expecting property name enclosed "
                                                "in double quotes)", "no text in field 'body'"]


def test_max_bytes_applies_to_each_line_and_row_of_a_dump(tmp_path):
    """A dump is read a record at a time: one huge line is refused, the lines around it read."""
    long = "The minister spoke at length. " * 100  # 3,000 bytes
    lines = [{"text": "Article one."}, {"text": long}, {"text": "Article three."}]
    (tmp_path / "dump.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    (tmp_path / "dump.csv").write_text(f'text\n"Row one."\n"{long}"\n')
    options = {"fetch": replace(FAST, max_bytes=1000)}
    read, failed = _read([tmp_path / "dump.jsonl"], **options)
    assert [i.article_text.text for i in read] == ["Article one.", "Article three."]
    assert [(e.key, e.error.reason) for e in failed] == [
        (f"{tmp_path / 'dump.jsonl'}:2", "too large (over 1000 bytes)")]
    read, failed = _read([tmp_path / "dump.csv"], **options)
    assert [i.article_text.text for i in read] == ["Row one."]
    assert [(e.key, e.error.reason) for e in failed] == [
        (f"{tmp_path / 'dump.csv'}:2", "too large (over 1000 bytes): the rest of the file is "
                                       "not read")]


def test_a_feed_file_over_max_bytes_is_refused_by_name(tmp_path):
    entry = "<item><title>T</title><link>https://x.example/1</link></item>"
    (tmp_path / "big.rss").write_text(f"<rss><channel>{entry * 100}</channel></rss>")
    read, failed = _read([tmp_path / "big.rss"], fetch=replace(FAST, max_bytes=1000))
    assert read == [] and failed[0].error.reason.startswith("too large (")


def test_skip_keys_are_not_read_again(tmp_path, site):
    url = site.add("/done", page("Done"))
    (tmp_path / "list.urls").write_text(url + "\n")
    items = list(read_inputs([str(tmp_path / "list.urls")], ReadOptions(fetch=FAST), skip={url}))
    assert items == []
    assert site.requests == []


def test_inputs_are_counted_for_the_progress_bar_when_cheap(tmp_path, site):
    (tmp_path / "a.txt").write_text("One article.")
    (tmp_path / "wire.rss").write_text(_feed(site, [site.base + "/a", site.base + "/b"]))
    (tmp_path / "dump.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n')
    assert count_items([str(tmp_path)]) == 1 + 2 + 2  # file, feed entries, lines
    write_warc(tmp_path / "x.warc.gz", [("https://a.example/1", "text/html", page())])
    assert count_items([str(tmp_path)]) is None  # an archive is only counted by reading it
    assert site.requests == []  # counting fetches nothing


@pytest.mark.parametrize("depth", [300, 2000])
def test_deeply_nested_html_loses_no_paragraph(depth):
    """Paragraphs inside 300 wrappers were silently dropped (libxml2 stops at 255 levels)."""
    deep = [f"Paragraph {n} of the inner story: the minister spoke of the border at length."
            for n in range(5)]
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "<div>" * depth + "".join(
        f"<p>{p}</p>" for p in deep) + "</div>" * depth
    text = read_html(f"<html><body><article>{body}</article></body></html>", "x").text
    assert all(p in text for p in PARAGRAPHS + deep)


def test_html_nested_beyond_what_the_parser_can_hold_is_refused_by_name():
    body = "<p>Before.</p>" + "<div>" * 3000 + "<p>Deep inside.</p>" + "</div>" * 3000
    with pytest.raises(InputError, match="nested deeper than 2048 levels"):
        read_html(f"<html><body><article>{body}</article></body></html>", "deep.html")


INDONESIAN = (
    "Jangan pernah menyerah, kata menteri pertahanan kepada wartawan di Jakarta pada hari "
    "Selasa. “Kami tidak akan mundur,” katanya. Pemerintah akan terus memperkuat pertahanan di "
    "perbatasan, dan pembicaraan yang direncanakan minggu depan dibatalkan oleh pihak lain.\n"
    "“Jangan khawatir,” ujar juru bicara itu kepada para pendukungnya di ibu kota.")


def test_an_article_in_another_language_gets_no_quotations_and_a_named_reason():
    """An Indonesian page once gave "direct quotes" whose speaker was "Jangan" ("don't")."""
    from onrecord import extract

    article = extract(INDONESIAN)
    assert (article.language, article.quotes, article.events) == ("id", [], [])
    assert article.not_extracted == ("language 'id' is not supported (quotations are extracted "
                                     "from en only)")
    english = extract(" ".join(PARAGRAPHS))
    assert english.language == "en" and english.not_extracted is None and english.quotes
    assert extract("“Fine,” said Jane Roe.").language is None  # too short to tell: read as before
