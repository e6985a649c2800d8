"""`onrecord eval`: gold loading, quote matching, scores and the PolNeAR reader, by example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.eval.gold import GOLD_DIR, GoldArticle, GoldError, GoldQuote, load_gold_dir
from onrecord.eval.metrics import (
    LOOSE,
    STRICT,
    Score,
    cues_agree,
    evaluate,
    exact_key,
    match,
    overlaps,
    tokens_in,
    word_tokens,
)
from onrecord.eval.polnear import derive_kind, read_polnear
from onrecord.model import Article, Mention, Quote, Span

FIXTURES = Path(__file__).parent / "fixtures"


# --- helpers: hand-built gold and predicted records ------------------------------------------


def span_of(text: str, piece: str, after: int = 0) -> Span:
    start = text.index(piece, after)
    return (start, start + len(piece))


def gold(text: str, *quotes: GoldQuote, cases: tuple[str, ...] = ()) -> GoldArticle:
    return GoldArticle(id="doc", text=text, quotes=quotes, cases=cases)


def gold_quote(
    text: str, *pieces: str, speaker: str | None = "Ana Ruiz", kind: str = "direct", cue="said"
) -> GoldQuote:
    spans: list[Span] = []
    for piece in pieces:
        spans.append(span_of(text, piece, spans[-1][1] if spans else 0))
    return GoldQuote(kind=kind, spans=tuple(spans), cue=cue, speaker=speaker)


def predicted(text: str, *quotes: Quote) -> Article:
    return Article(doc_id="doc", text=text, quotes=list(quotes))


def quote(
    text: str, *pieces: str, name: str | None = "Ana Ruiz", cue: str | None = "said"
) -> Quote:
    spans = [span_of(text, piece) for piece in pieces]
    speaker = Mention(mention="she", span=(0, 0), name=name)
    content = " ".join(text[s:e] for s, e in spans)
    return Quote(id="q", kind="direct", content=content, spans=spans, cue=cue, speaker=speaker)


# --- gold files ------------------------------------------------------------------------------


def test_every_shipped_gold_file_is_valid() -> None:
    # Raises GoldError naming file and quote for any invalid file; an empty folder gives zero.
    articles = load_gold_dir(GOLD_DIR)
    assert len(articles) == len(list(GOLD_DIR.glob("*.yaml")))
    for article in articles:
        for gold_quote_ in article.quotes:
            assert all(article.text[s:e].strip() for s, e in gold_quote_.spans)


def test_fixture_gold_pieces_become_spans() -> None:
    articles = load_gold_dir(FIXTURES / "gold")
    assert [a.id for a in articles] == ["101-harbour-bridge-tolls", "102-river-port-strike"]
    split = articles[0].quotes[0]
    assert [articles[0].text[s:e] for s, e in split.spans] == [
        "The tolls will stay,",
        "because the bridge needs repairs.",
    ]
    assert articles[0].quotes[2].speaker is None  # "a ministry spokesman", never named
    assert articles[0].published == "2026-02-10"


def write_gold(
    folder: Path, quotes_yaml: str, text: str = "She said yes. She said yes again."
) -> Path:
    path = folder / "t1.yaml"
    path.write_text(f"id: t1\ncases: []\ntext: {text!r}\nquotes:\n{quotes_yaml}", "utf-8")
    return path


def test_piece_not_found_names_file_and_quote(tmp_path: Path) -> None:
    write_gold(tmp_path, "  - {kind: direct, pieces: [maybe], cue: said, speaker: null}\n")
    with pytest.raises(GoldError) as error:
        load_gold_dir(tmp_path)
    assert "t1.yaml: quote 1 'maybe': piece 1 'maybe' not found" in str(error.value)


def test_ambiguous_first_piece_needs_occurrence(tmp_path: Path) -> None:
    write_gold(tmp_path, "  - {kind: direct, pieces: [said yes], cue: said, speaker: null}\n")
    with pytest.raises(GoldError, match=r"ambiguous: it occurs 2 times \(offsets \[4, 18\]\)"):
        load_gold_dir(tmp_path)
    write_gold(
        tmp_path,
        "  - {kind: direct, pieces: [said yes], cue: said, speaker: null, occurrence: 1}\n",
    )
    assert load_gold_dir(tmp_path)[0].quotes[0].spans == ((18, 26),)


def test_later_pieces_are_searched_after_the_previous_one(tmp_path: Path) -> None:
    write_gold(tmp_path, "  - {kind: direct, pieces: [again, She], cue: said, speaker: null}\n")
    with pytest.raises(GoldError, match="piece 2 'She' not found after piece 1"):
        load_gold_dir(tmp_path)


def test_a_bare_yaml_yes_is_not_a_piece(tmp_path: Path) -> None:
    write_gold(tmp_path, "  - {kind: direct, pieces: [yes], cue: said, speaker: null}\n")
    with pytest.raises(GoldError, match="piece 1 is True, not a string: put it in quotes"):
        load_gold_dir(tmp_path)


def test_misspelt_key_and_missing_speaker_are_errors(tmp_path: Path) -> None:
    write_gold(
        tmp_path,
        "  - {kind: direct, pieces: [again], speker: Ana}\n  - {kind: direct, pieces: [again]}\n",
    )
    with pytest.raises(GoldError) as error:
        load_gold_dir(tmp_path)
    assert len(error.value.problems) == 2  # every problem of the file, not just the first
    assert "quote 1 'again': unknown keys ['speker']" in error.value.problems[0]
    assert "quote 2 'again': `speaker` is missing" in error.value.problems[1]


# --- tokens and overlap ----------------------------------------------------------------------


def test_a_span_cut_inside_a_word_still_covers_the_word() -> None:
    text = "We will respond, he said."
    tokens = word_tokens(text)
    assert tokens_in(tokens, [(0, 14)]) == tokens_in(tokens, [(0, 16)]) == {0, 1, 2}


def test_a_score_with_nothing_to_count_is_undefined_not_perfect() -> None:
    """No events coded on an article with none to find: no precision, no recall, no F1
    (the event scores once called that 100%); nothing coded where some were due: recall 0."""
    assert (Score().precision, Score().recall, Score().f1) == (None, None, None)
    missed = Score(tp=0, predicted=0, gold=3)
    assert (missed.precision, missed.recall, missed.f1) == (None, 0.0, 0.0)
    assert Score(1, 2, 2) + Score(1, 1, 2) == Score(2, 3, 4)


def test_overlap_thresholds_at_the_edges() -> None:
    gold_tokens = frozenset(range(5))
    assert overlaps(gold_tokens, frozenset(range(4)), STRICT)  # 4/5 = 0.8 exactly counts
    assert not overlaps(gold_tokens, frozenset(range(3)), STRICT)  # 3/5 recall
    assert overlaps(gold_tokens, frozenset(range(3)), LOOSE)
    assert not overlaps(gold_tokens, frozenset(range(11)), LOOSE)  # 5/11: whole sentence
    assert not overlaps(frozenset(), frozenset(), LOOSE)  # a quote of no words never matches


def test_matching_is_one_to_one_and_prefers_the_best_overlap() -> None:
    gold_tokens = [frozenset(range(10))]
    pred_tokens = [frozenset(range(8)), frozenset(range(10))]
    assert match(gold_tokens, pred_tokens, STRICT) == [(0, 1)]


# --- quote scores ----------------------------------------------------------------------------

SPLIT = '"The tolls will stay," Lena Varga said, "because the bridge needs repairs." End.'


def test_split_quote_found_whole_or_as_one_span_with_the_cue_inside() -> None:
    pieces = ("The tolls will stay,", "because the bridge needs repairs.")
    gold_article = gold(SPLIT, gold_quote(SPLIT, *pieces))
    # Both spans: a strict match. One span over the cue, short of the last word: 8 of the 9 gold
    # words but only 8 of its 11 words (0.73) are gold: loose only. The first piece alone: none.
    both = quote(SPLIT, *pieces)
    over_cue = quote(SPLIT, 'The tolls will stay," Lena Varga said, "because the bridge needs')
    first_only = quote(SPLIT, "The tolls will stay,")
    assert evaluate([gold_article], [predicted(SPLIT, both)]).detection["strict"].tp == 1
    report = evaluate([gold_article], [predicted(SPLIT, over_cue)])
    assert (report.detection["strict"].tp, report.detection["loose"].tp) == (0, 1)
    report = evaluate([gold_article], [predicted(SPLIT, first_only)])
    assert (report.detection["strict"].tp, report.detection["loose"].tp) == (0, 0)
    assert report.detection["strict"].precision == 0.0
    assert report.detection["strict"].recall == 0.0


TEXT = "A spokesman said the talks would resume. Ana Ruiz said prices would fall."


def speaker_score(gold_speaker: str | None, predicted_name: str | None) -> int:
    gold_article = gold(TEXT, gold_quote(TEXT, "prices would fall", speaker=gold_speaker))
    record = predicted(TEXT, quote(TEXT, "prices would fall", name=predicted_name))
    return evaluate([gold_article], [record]).speaker_correct


def test_speaker_names_compare_without_case_or_spacing() -> None:
    assert speaker_score("Ana Ruiz", "ana  RUIZ") == 1
    assert speaker_score("Ana Ruiz", "Ruiz") == 0
    assert speaker_score("Ana Ruiz", None) == 0  # unresolved is not the gold name


def test_speaker_names_compare_without_accents() -> None:
    # An article may print "Chávez" in one paragraph and "Chavez" in the next.
    assert speaker_score("Ana Ruíz", "Ana Ruiz") == 1
    assert speaker_score("Ana Ruiz", "Ana Ruíz") == 1
    assert speaker_score("Ana Ruíz", "Ana Rubio") == 0


def test_a_leading_the_is_no_part_of_the_speaker_name() -> None:
    assert speaker_score("The Ruritanian government", "Ruritanian government") == 1
    assert speaker_score("the Foreign Office", "Foreign Office") == 1
    assert speaker_score("The Ruritanian government", "Ruritanian army") == 0


def test_a_gold_description_is_matched_by_the_same_unresolved_description() -> None:
    # "Harbour officials said the ferry would sail": the article never names them, so the gold
    # speaker is the description and an unresolved prediction of that description is right.
    text = "Harbour officials said the ferry would sail."
    gold_article = gold(text, gold_quote(text, "the ferry would sail", speaker="Harbour officials"))

    def scored(mention: str, name: str | None) -> int:
        pred = quote(text, "the ferry would sail").model_copy(
            update={"speaker": Mention(mention=mention, span=(0, 17), name=name)})
        return evaluate([gold_article], [predicted(text, pred)]).speaker_correct

    assert scored("Harbour officials", None) == 1
    assert scored("officials", None) == 0
    assert scored("Harbour officials", "Port Authority") == 0
    # A gold null (never named) is met by the description as printed, even given as the name.
    gold_article = gold(text, gold_quote(text, "the ferry would sail", speaker=None))
    assert scored("Harbour officials", "Harbour officials") == 1
    assert scored("Harbour officials", "Port Authority") == 0


def test_an_unnamed_gold_speaker_must_stay_unresolved() -> None:
    assert speaker_score(None, None) == 1  # mention kept, name null: right
    assert speaker_score(None, "Ana Ruiz") == 0  # a guessed name for "she": wrong
    gold_article = gold(TEXT, gold_quote(TEXT, "the talks would resume", speaker=None))
    no_speaker = Quote(
        id="q", kind="indirect", content="", spans=[span_of(TEXT, "the talks would resume")]
    )
    no_speaker_report = evaluate([gold_article], [predicted(TEXT, no_speaker)])
    assert no_speaker_report.speaker_correct == 1


def test_speaker_judged_on_the_mention_when_the_gold_marks_source_spans() -> None:
    # PolNeAR marks "A spokesman" as source, not a name: the predicted mention must overlap it.
    spokesman = span_of(TEXT, "A spokesman")
    gold_quote_ = GoldQuote(
        kind="indirect",
        spans=(span_of(TEXT, "the talks would resume"),),
        cue="said",
        speaker="A spokesman",
        speaker_spans=(spokesman,),
    )
    prediction = quote(TEXT, "the talks would resume", name=None)
    right = prediction.model_copy(update={"speaker": Mention(mention="spokesman", span=(2, 11))})
    wrong = prediction.model_copy(update={"speaker": Mention(mention="Ana", span=(41, 44))})
    assert evaluate([gold(TEXT, gold_quote_)], [predicted(TEXT, right)]).speaker_correct == 1
    assert evaluate([gold(TEXT, gold_quote_)], [predicted(TEXT, wrong)]).speaker_correct == 0


def test_cues_agree_on_stems_and_content_words() -> None:
    assert cues_agree("said", "says")
    assert cues_agree("also said", "say")
    assert cues_agree("issued a stark warning", "warned")
    assert cues_agree("according to", "according to")
    assert cues_agree("said in a statement", "in a statement")
    assert cues_agree(":", ":")
    assert not cues_agree("told", "said")
    assert not cues_agree("in", "said")
    assert not cues_agree("said", None)


def test_cue_f1_counts_agreeing_cues_of_strict_pairs() -> None:
    gold_article = gold(
        TEXT,
        gold_quote(TEXT, "the talks would resume", speaker=None, cue="said"),
        gold_quote(TEXT, "prices would fall", cue="said"),
    )
    record = predicted(
        TEXT,
        quote(TEXT, "the talks would resume", name=None, cue="say"),
        quote(TEXT, "prices would fall", cue="told"),
    )
    cue = evaluate([gold_article], [record]).cue
    assert (cue.tp, cue.predicted, cue.gold, cue.f1) == (1, 2, 2, 0.5)


def test_exact_spans_ignore_marks_that_and_punctuation_at_the_edges() -> None:
    text = 'She said that "we will win." Then: "soon".'
    with_marks = exact_key(text, [span_of(text, 'that "we will win."')], "content")
    bare = exact_key(text, [span_of(text, "we will win")], "content")
    assert with_marks == bare == (span_of(text, "we will win"),)
    # Fragments separated only by marks and spaces merge: one span set either way.
    two = [span_of(text, '"we will win."'), span_of(text, " Then")]
    assert exact_key(text, two, "cue") == (span_of(text, 'we will win." Then'),)
    # A cue of punctuation only is kept rather than trimmed away.
    assert exact_key(text, [span_of(text, ": ")], "cue") == (span_of(text, ":"),)


def test_recall_per_kind_and_per_case_tag() -> None:
    gold_article = gold(
        TEXT,
        gold_quote(TEXT, "the talks would resume", speaker=None, kind="indirect"),
        gold_quote(TEXT, "prices would fall", kind="direct"),
        cases=("indirect", "unresolved-speaker"),
    )
    report = evaluate([gold_article], [predicted(TEXT, quote(TEXT, "prices would fall"))])
    assert report.kinds["direct"].rate("strict") == 1.0
    assert report.kinds["indirect"].rate("strict") == 0.0
    assert report.kinds["mixed"].rate("strict") is None  # no gold: no number, not zero
    assert report.cases["unresolved-speaker"].rate("strict") == 0.5
    assert report.cases["indirect"].articles == 1


def test_findings_tell_the_extractor_developer_what_went_wrong() -> None:
    gold_article = gold(
        TEXT,
        gold_quote(TEXT, "the talks would resume", speaker=None),
        gold_quote(TEXT, "prices would fall"),
    )
    record = predicted(
        TEXT,
        quote(TEXT, "said the talks would"),  # 3 of 4 words + 1 extra: loose only
        quote(TEXT, "prices would fall", name="Lena Varga"),
        quote(TEXT, "A spokesman"),
    )
    findings = evaluate([gold_article], [record]).findings
    assert [(f.kind, f.gold, f.predicted) for f in findings] == [
        ("boundary", "the talks would resume", "said the talks would"),
        ("false-alarm", None, "A spokesman"),
        ("wrong-speaker", "prices would fall", "prices would fall"),
    ]
    assert findings[2].detail == "gold 'Ana Ruiz', predicted Lena Varga"


def test_a_record_of_another_text_is_refused() -> None:
    with pytest.raises(ValueError, match="different text"):
        evaluate([gold(TEXT)], [predicted(TEXT + " More.")])


# --- PolNeAR ---------------------------------------------------------------------------------


def test_brat_fixture_reads_like_polnear() -> None:
    (article,) = read_polnear(FIXTURES / "polnear")  # the second annotator's file is ignored
    assert article.id == "demo_2020-01-14_council-backs-new-bus-lanes"
    assert article.cases == ("publisher:demo",)
    assert article.path.endswith("_aa11.ann")
    rows = [
        (q.kind, q.speaker, q.cue, [article.text[s:e] for s, e in q.spans]) for q in article.quotes
    ]
    assert rows == [
        (
            "direct",
            "Mayor Ana Ruiz",
            "said",
            ["We cannot wait another year,", "The buses are late every day."],
        ),
        ("indirect", "Ruiz", "said", ["the vote would pass easily"]),
        ("mixed", "Ruiz", "adding", ['opponents had "no real plan" for traffic']),
        ("indirect", None, "is believed", ["the plan will cost $2 million"]),
        (
            "direct",
            "she",
            "said",
            ["The city has to move,", 'Every delay costs riders time.\n\n"And riders are voters.'],
        ),
        ("indirect", "Critics", "argue", ["the lanes will hurt small shops"]),
    ]  # the empty attribution E7 and the Discard span are not quotes
    assert article.quotes[1].speaker_spans == article.quotes[2].speaker_spans  # shared source


def test_kind_is_derived_from_the_quotation_marks() -> None:
    assert derive_kind('"We will win,"') == "direct"
    assert derive_kind("''We will win,''") == "direct"  # NYT marks
    assert derive_kind('"First paragraph.\n\n"Second paragraph."') == "direct"
    assert derive_kind("\"He called it 'a disgrace'\"") == "direct"
    assert derive_kind("“A” and “B”") == "mixed"
    assert derive_kind("the vote was 'rigged,' he added") == "mixed"
    assert derive_kind("the voters' anger won't fade") == "indirect"


# --- the command -----------------------------------------------------------------------------


def test_eval_command_reports_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(
        app, ["eval", "--gold", str(FIXTURES / "gold"), "--json", str(out), "--errors"]
    )
    assert result.exit_code == 0, result.output
    assert "Scores" in result.stdout and "Recall per case tag" in result.stdout
    scores = json.loads(out.read_text("utf-8"))
    assert scores["articles"] == 2
    assert scores["detection"]["strict"]["gold"] == 6
    assert set(scores["kinds"]) == {"direct", "indirect", "mixed"}


def test_eval_command_on_a_brat_folder() -> None:
    result = CliRunner().invoke(app, ["eval", "--polnear", str(FIXTURES / "polnear")])
    assert result.exit_code == 0, result.output
    assert "exact span: source" in result.stdout
    assert "publisher:demo" in result.stdout


def test_eval_command_exits_1_on_invalid_gold(tmp_path: Path) -> None:
    write_gold(tmp_path, "  - {kind: direct, pieces: [maybe], cue: said, speaker: null}\n")
    result = CliRunner().invoke(app, ["eval", "--gold", str(tmp_path)])
    assert result.exit_code == 1
    assert "not found" in result.stderr
