"""Quote provenance: clustering, attributions, chains, conflicts, the store table, the CLI, the
web page, and the acceptance bars on the invented gold corpus (through the real extractor)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from onrecord.actors.kb import load_kb
from onrecord.app import Settings, create_app
from onrecord.cli import app
from onrecord.eval.provenance import evaluate_provenance, load_provenance_gold
from onrecord.model import Article, Mention, Quote
from onrecord.pipeline import ArticleText, extract_many
from onrecord.provenance import chains, cluster_parts, occurrences, quoted_words, trace
from onrecord.provenance.attribution import attribute, same_speaker
from onrecord.provenance.conflicts import within_article
from onrecord.provenance.store import is_current, rebuild, trace_stored
from onrecord.store import Copy, open_store

STATEMENT = ("We will defend every inch of allied territory. Anyone who tests us will find an "
             "alliance that is united, ready and stronger than ever before.")


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def _groups(*texts: tuple[str, str]) -> list[int]:
    return cluster_parts([quoted_words(kind, content) for kind, content in texts])


def test_variants_of_one_statement_group_together():
    labels = _groups(
        ("direct", STATEMENT),
        ("direct", STATEMENT.upper().replace(".", " —").replace(",", "")),  # re-punctuated
        ("direct", "Anyone who tests us will find an alliance that is united"),  # trimmed
        ("mixed", 'NATO would defend "every inch of allied territory" if attacked'),  # partial
        ("direct", STATEMENT.replace("stronger", "mightier")),  # one word edited
        ("direct", "We will defend our people and our values, and we will not be intimidated."),
    )
    assert labels == [0, 0, 0, 0, 0, 1]


def test_short_and_stock_quotes_join_nothing():
    labels = _groups(("direct", STATEMENT), ("mixed", 'he called it "every inch"'),
                     ("direct", "No comment."), ("direct", "No comment."))
    assert labels[1] != labels[0]
    assert labels[2] != labels[3]  # fewer than MIN_WORDS words: said by everyone


def test_a_stock_phrase_in_two_statements_merges_neither():
    labels = _groups(("direct", "We will not accept any ultimatum about the northern border."),
                     ("direct", "Farmers said we will not accept any cut to the grain subsidy."),
                     ("mixed", 'he said "we will not accept any"'))
    assert len(set(labels)) == 3


def test_mixed_quotes_contribute_only_their_quoted_words():
    assert quoted_words("mixed", 'the talks were "dead in the water"') == (
        ("dead", "in", "the", "water"),)
    assert quoted_words("direct", "We will [...] respond … if attacked") == (
        ("we", "will"), ("respond",), ("if", "attacked"))


def test_attributions_compare_speakers(kb):
    rutte = attribute(kb, "Rutte", "Mark Rutte", "mark-rutte")
    assert same_speaker(rutte, attribute(kb, "Rutte", "Rutte", None)) is True
    assert same_speaker(rutte, attribute(kb, "Hegseth", "Pete Hegseth", "pete-hegseth")) is False
    doctrine = attribute(kb, "The updated doctrine", None, None)
    assert doctrine.kind == "document"
    assert same_speaker(attribute(kb, "Putin", "Vladimir Putin", "vladimir-putin"),
                        doctrine) is False
    peskov = attribute(kb, "Peskov", "Dmitry Peskov", "dmitry-peskov")
    assert same_speaker(peskov, attribute(kb, "the Kremlin", "Kremlin", "RUS")) is True
    unnamed = attribute(kb, "a senior official", None, None)
    assert unnamed.kind == "unknown" and same_speaker(rutte, unnamed) is None


def _article(doc_id: str, published: str, source: str,
             *quotes: tuple[str, str, str | None, str | None]) -> Article:
    """An article whose text is its quotations, one paragraph each: (kind, content, speaker
    name, actor id); the speaker mention follows the quotation."""
    text, paragraphs, records = "", [], []
    for n, (kind, content, name, actor_id) in enumerate(quotes, start=1):
        start = len(text)
        mention = name or "an official"
        text += f"“{content}” {mention} said."
        span = (start + 1, start + 1 + len(content))
        m_start = span[1] + 2
        speaker = Mention(mention=mention, span=(m_start, m_start + len(mention)), name=name,
                          actor_id=actor_id)
        records.append(Quote(id=f"q{n}", kind=kind, content=content, spans=[span],
                             speaker=speaker))
        paragraphs.append((start, len(text)))
        text += "\n"
    return Article(doc_id=doc_id, published=published, source=source, text=text,
                   paragraphs=paragraphs, quotes=records)


def _corpus() -> list[Article]:
    return [
        _article("c", "2025-03-12", "Capital Times",
                 ("direct", "We will defend every inch of allied territory", "Pete Hegseth",
                  "pete-hegseth")),
        _article("a", "2025-03-10", "Baltic Wire",
                 ("direct", STATEMENT, "Mark Rutte", "mark-rutte")),
        _article("b", "2025-03-11", "Northern Herald",
                 ("direct", "Anyone who tests us will find an alliance that is united", "Rutte",
                  None),
                 ("direct", "The weather in Vilnius was cold and grey all week long", None, None)),
    ]


def test_chain_gives_first_appearance_fullest_version_variants_and_conflict(kb):
    (found,) = chains(occurrences(_corpus()), kb)
    assert found.earliest.doc_id == "a" and found.fullest.doc_id == "a"
    assert [o.doc_id for o in found.occurrences] == ["a", "b", "c"]
    assert len(found.variants) == 3
    assert [s.attribution.label for s in found.speakers] == ["Mark Rutte", "Pete Hegseth"]
    (conflict,) = found.conflicts
    assert conflict.kind == "speaker"
    assert [side.attribution.label for side in conflict.sides] == ["Mark Rutte", "Pete Hegseth"]
    assert "Pete Hegseth said" in conflict.sides[1].occurrences[0].evidence


def test_trace_finds_the_chain_of_a_phrase(kb):
    (found,) = trace("every inch of allied territory", occurrences(_corpus()), kb)
    assert found.id == "a/q1"
    assert trace("cold and grey", occurrences(_corpus()), kb)[0].occurrences[0].doc_id == "b"
    assert trace("nothing like this", occurrences(_corpus()), kb) == []


def test_within_article_partial_quote_of_another_speaker(kb):
    article = _article(
        "w", "2025-05-06", "Herald",
        ("direct", "The talks are dead in the water and we see no point in continuing them",
         "Sergei Lavrov", "sergei-lavrov"),
        ("mixed", 'the talks were "dead in the water and we see no point"', "Dmitry Peskov",
         "dmitry-peskov"),
        ("mixed", 'the talks were "dead in the water"', "Sergei Lavrov", "sergei-lavrov"))
    (flag,) = within_article(article, kb)
    assert flag.partial.quote_id == "q2" and flag.longer.quote_id == "q1"
    assert flag.kind == "speaker"


def test_store_keeps_groups_and_rebuilds_when_stale(db_url, kb):
    with open_store(db_url) as store:
        for article in _corpus():
            store.put(article)
        assert not is_current(store)
        assert rebuild(store) == 1
        assert is_current(store)
        (found,) = trace_stored(store, "allied territory", kb)
        assert [o.doc_id for o in found.occurrences] == ["a", "b", "c"]
        assert found.conflicts[0].kind == "speaker"
        assert found.earliest.evidence.startswith("“We will defend")
        store.put(_corpus()[0])  # re-put: its quotes' groups go with them
        assert not is_current(store)
        assert len(trace_stored(store, "allied territory", kb)[0].occurrences) == 3


def test_store_gives_the_first_chains_alone_in_the_same_order(db_url, kb):
    """A page shows the first chains of a phrase: largest first, then the earliest, undated
    last; asked for two, the store builds those two and they are the first two of all."""
    with open_store(db_url) as store:
        for article in [*_corpus(),
                        _article("d", None, "Evening Post",
                                 ("direct", "Nobody will come back from that territory", None,
                                  None)),
                        _article("e", "2025-01-02", "Morning Post",
                                 ("direct", "The ministers spoke of the territory in spring",
                                  None, None))]:
            store.put(article)
        everything = trace_stored(store, "territory", kb)
        assert [[o.doc_id for o in c.occurrences] for c in everything] == [
            ["a", "b", "c"], ["e"], ["d"],
        ]
        first = trace_stored(store, "territory", kb, limit=2)
        assert [c.id for c in first] == [c.id for c in everything[:2]]


def test_a_folded_copy_is_an_appearance_and_can_be_the_first(db_url, kb):
    """De-duplication keeps one article and records the other publications of the story as
    copies; each copy is where the words ran too, and one published before the kept article
    is where they first appeared."""
    with open_store(db_url) as store:
        for article in _corpus():
            store.put(article)
        store.write(copies=[
            Copy("a", "a-repost", url="https://repost.example/a", source="Repost Daily",
                 published="2025-03-09", kind="near", similarity=0.93),
            Copy("b", "b-syndicated", source="Syndicate", published="2025-03-20"),
        ])
        (found,) = trace_stored(store, "allied territory", kb)
    assert [(o.doc_id, o.copy_of) for o in found.occurrences] == [
        ("a-repost", "a"), ("a", None), ("b", None), ("c", None), ("b-syndicated", "b")]
    assert found.earliest.source == "Repost Daily" and found.earliest.copy_kind == "near"
    assert found.earliest.content == STATEMENT  # the words of the article it copies
    assert found.earliest.evidence.startswith("“We will defend")


def test_api_answers_the_pages_chains_as_json(tmp_path):
    """``/api/provenance`` is the provenance page's data: the same chains in the same order,
    each as ``onrecord provenance --json`` writes it, copies marked."""
    db = str(tmp_path / "api.db")
    with open_store(db) as store:
        for article in [*_corpus(), _article(
                "d", "2025-04-01", "Evening Post",
                ("direct", "Nobody will come back from that allied territory alive", None, None))]:
            store.put(article)
        store.write(copies=[Copy("c", "c-copy", source="Copy Post", published="2025-03-13")])
    with TestClient(create_app(Settings(db=db))) as client:
        data = client.get("/api/provenance", params={"q": "allied territory"}).json()
        page = client.get("/provenance", params={"q": "allied territory"}).text
        nothing = client.get("/api/provenance").json()
    assert [c["id"] for c in data["chains"]] == ["a/q1", "d/q1"]
    first = data["chains"][0]
    assert first["earliest"] == "a/q1" and first["conflicts"][0]["kind"] == "speaker"
    copied = [o for o in first["occurrences"] if o["copy_of"]]
    assert [(o["doc_id"], o["copy_of"], o["copy_kind"]) for o in copied] == [
        ("c-copy", "c", "exact")]
    assert page.count('class="chain"') == 2 and "(exact copy)" in page
    assert 'href="/articles/c">Copy Post</a>' in page  # a copy has no page: its article's
    assert nothing == {"q": "", "chains": []}
    with TestClient(create_app(Settings(db=db))) as client:
        rows = client.get("/api/provenance", params={"q": "allied territory", "format": "csv"})
    assert rows.headers["content-type"].startswith("text/csv")
    lines = rows.text.strip().splitlines()
    assert lines[0].startswith("chain,first,doc_id,quote_id,published,source,")
    assert len(lines) == 1 + sum(len(c["occurrences"]) for c in data["chains"])
    assert 'href="/api/provenance?q=allied%20territory&amp;format=csv"' in page


def test_page_says_how_many_of_a_mixed_quotes_words_are_quoted(tmp_path):
    """A mixed quotation's fullest version counts only the words in quotation marks, which
    read as "2 words" under a twenty-word sentence until the page said whose words those are."""
    db = str(tmp_path / "mixed.db")
    with open_store(db) as store:
        store.put(_article("m", "2025-05-01", "Wire",
                           ("mixed", "it would take “sweeping countermeasures” if the drills "
                            "went ahead as planned in the spring", "North Korea", None)))
    with TestClient(create_app(Settings(db=db))) as client:
        page = client.get("/provenance", params={"q": "sweeping countermeasures"}).text
    assert "2 words in quotation marks (the rest of its sentence is the writer's)" in page


def test_cli_traces_a_phrase_in_records(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(a.to_json_dict()) + "\n" for a in _corpus()), "utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["provenance", "every inch", str(path), "--json"])
    assert result.exit_code == 0, result.output
    (found,) = json.loads(result.stdout)
    assert found["earliest"] == "a/q1"
    assert found["conflicts"][0]["kind"] == "speaker"
    text = runner.invoke(app, ["provenance", "every inch", str(path)])
    assert "Conflict: speaker" in text.stdout and "First appeared" in text.stdout
    assert runner.invoke(app, ["provenance", "every inch"]).exit_code == 2


def test_a_bad_line_or_missing_file_is_named_and_the_rest_still_traced(tmp_path):
    """It stopped at the first bad line with "Expecting value: line 1 column 1 (char 0)",
    naming neither the file nor the line."""
    path = tmp_path / "records.jsonl"
    good = [json.dumps(a.to_json_dict()) for a in _corpus()]
    path.write_text("\n".join([good[0], "not a record", *good[1:], '{"text": "no id"}']) + "\n",
                    "utf-8")
    result = CliRunner().invoke(app, ["provenance", "every inch", str(path),
                                      str(tmp_path / "gone.jsonl"), "--json"])
    assert result.exit_code == 1
    named = [line.split(": ")[0] for line in result.stderr.splitlines()]
    assert named == [f"error {path}:2", f"error {path}:{len(good) + 2}",
                     f"error {tmp_path / 'gone.jsonl'}"]
    (found,) = json.loads(result.stdout)
    assert found["earliest"] == "a/q1"  # the good records were all read


def test_web_page_shows_the_chain_escaped(tmp_path):
    db = str(tmp_path / "web.db")
    corpus = _corpus()
    corpus[2] = _article("b", "2025-03-11", "<script>alert(1)</script>",
                         ("direct", "Anyone who tests us will find an alliance that is united",
                          "Rutte", None))
    with open_store(db) as store:
        for article in corpus:
            store.put(article)
    with TestClient(create_app(Settings(db=db))) as client:
        page = client.get("/provenance", params={"q": "allied territory"})
        empty = client.get("/provenance")
    assert page.status_code == 200
    assert "Conflict: speaker" in page.text and "First appeared" in page.text
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    assert empty.status_code == 200 and "chain-1" not in empty.text


def test_gold_corpus_meets_the_acceptance_bars(kb):
    """The issue's bars, on invented articles run through the real extractor."""
    gold = load_provenance_gold()
    records = list(extract_many(ArticleText(text=a.text, doc_id=a.id, source=a.source,
                                       published=a.published, title=a.title)
                                for a in gold.articles))
    report = evaluate_provenance(gold, records, kb)
    assert report.matched == report.gold_quotes, report.errors
    assert report.purity >= 0.95
    assert report.conflicts.precision >= 0.9 and report.conflicts.recall >= 0.9, report.errors
