"""Quotation extraction on the hard cases of real news layout (shared/spec/mission.md)."""

from __future__ import annotations

import pytest

from onrecord import extract, quotes
from onrecord.model import Article, Quote
from onrecord.pipeline import ArticleText, extract_many


def quote_with(article: Article, words: str) -> Quote:
    found = [q for q in article.quotes if words in q.content]
    assert found, f"no quote contains {words!r}: {[q.content for q in article.quotes]}"
    return found[0]


def test_offsets_point_at_the_quoted_words():
    article = extract("“We will not retreat,” said Defence Minister Rustem Umerov.")
    [quote] = article.quotes
    assert [article.text[s:e] for s, e in quote.spans] == ["We will not retreat,"]
    assert article.text[slice(*quote.cue_span)] == "said"
    assert quote.speaker.name == "Rustem Umerov"


def test_quote_split_by_its_cue_is_one_quote_with_two_spans():
    article = extract("Mark Rutte spoke in Brussels.\n"
                      "“We will respond,” he said, “if we are attacked.”")
    [quote] = article.quotes
    assert quote.kind == "direct"
    assert quote.content == "We will respond, if we are attacked."
    assert len(quote.spans) == 2
    assert quote.speaker.mention == "he" and quote.speaker.name == "Mark Rutte"


def test_a_new_cue_starts_a_new_quote():
    article = extract("“We are ready,” Jane Roe said, adding: “We have always been ready.”")
    assert [q.cue for q in article.quotes] == ["said", "adding"]


def test_cue_before_the_quote():
    article = extract("Annalena Baerbock said: “The alliance stands ready.”")
    [quote] = article.quotes
    assert (quote.kind, quote.content, quote.speaker.name) == (
        "direct", "The alliance stands ready.", "Annalena Baerbock")


def test_multi_paragraph_quote_across_a_related_links_box_is_one_quote():
    text = ("Alexander Lukashenko spoke on state television on Sunday.\n"
            "“We did not bring these weapons here to look at them,” he said. “If anyone crosses "
            "our border, the answer will be instant.\n"
            "Read more:\n"
            "Poland moves troops to the eastern frontier\n"
            "“I have said it before and I will say it again.”")
    article = extract(text)
    assert len(article.quotes) == 1
    [quote] = article.quotes
    assert len(quote.spans) == 3
    assert "Poland moves troops" not in quote.content
    assert quote.content.endswith("I will say it again.")
    assert quote.speaker.name == "Alexander Lukashenko"


def test_indirect_quote_with_addressee():
    article = extract("NATO Secretary General Mark Rutte told Kyiv on Monday that it may strike "
                      "military targets inside Russia.")
    [quote] = article.quotes
    assert quote.kind == "indirect"
    assert quote.content == "it may strike military targets inside Russia"
    assert quote.speaker.name == "Mark Rutte"
    assert quote.addressee.mention == "Kyiv"


@pytest.mark.parametrize("sentence, cue, content", [
    ("Russia issued a stark warning that it would respond to any strike.",
     "issued a stark warning", "it would respond to any strike"),
    ("Lukashenko made clear that Minsk would not back down.",
     "made clear", "Minsk would not back down"),
    ("According to the foreign ministry, the convoy was hit twice.",
     "According to", "the convoy was hit twice"),
    ("The talks are over, the minister said.", "said", "The talks are over"),
])
def test_reporting_phrases_beyond_verbs(sentence, cue, content):
    [quote] = extract(sentence).quotes
    assert (quote.cue, quote.content) == (cue, content)


def test_mixed_quote_content_is_the_whole_reported_clause():
    article = extract("The envoy said the talks were “dead in the water” after the strike.")
    [quote] = article.quotes
    assert quote.kind == "mixed"
    assert quote.content == "the talks were “dead in the water” after the strike"


def test_scare_quotes_and_titles_are_not_quotations():
    article = extract("Moscow held a so-called “referendum” in the region. "
                      "The documentary “Frontline Voices” aired on Sunday.")
    assert article.quotes == []


def test_title_speaker_resolves_to_the_person_introduced_with_that_title():
    article = extract("Belarusian President Alexander Lukashenko visited the border.\n"
                      "The Belarusian leader said the exercises would continue.")
    assert article.quotes[0].speaker.name == "Alexander Lukashenko"


def test_title_with_no_named_person_stays_unresolved():
    article = extract("A defence ministry spokesman said the drones were shot down.\n"
                      "The deputy head of the council said the sanctions would bite.")
    assert [q.speaker.name for q in article.quotes] == [None, None]
    assert article.quotes[1].speaker.mention == "The deputy head of the council"


def test_pronoun_follows_gender_and_subject():
    article = extract("Kaja Kallas met Mark Rutte in Brussels on Monday.\n"
                      "She said the sanctions package was ready.")
    assert article.quotes[0].speaker.name == "Kaja Kallas"


def test_surname_and_misspelt_surname_resolve_to_the_full_name():
    article = extract("Volodymyr Zelensky addressed parliament.\n"
                      "“We will not give up,” Zelenksy said.\n"
                      "“Not one metre,” Zelensky added.")
    assert [q.speaker.name for q in article.quotes] == ["Volodymyr Zelensky"] * 2


def test_dateline_is_not_the_speaker():
    article = extract("MOSCOW (Wire) — Dmitry Medvedev said on Friday that the seizure of assets "
                      "would be an act of war.")
    assert article.quotes[0].speaker.name == "Dmitry Medvedev"


@pytest.mark.parametrize("text", [
    "", "“", "”””“““", "'" * 50, "“" * 10_000, "He said: “", "\x00\x01", "“Unclosed\n\n\n“",
    "said said said that that", "🙂 “مرحبا” قال", "''''\n''''",
])
def test_never_crashes_and_offsets_hold(text):
    article = extract(text)
    for quote in article.quotes:
        for start, end in quote.spans:
            assert 0 <= start < end <= len(text)


def test_metonyms_speak_and_are_spoken_to():
    text = "Moscow warned Washington that it could use nuclear weapons if attacked."
    [quote] = extract(text).quotes
    assert (quote.speaker.name, quote.addressee.name) == ("Moscow", "Washington")
    assert quote.content == "it could use nuclear weapons if attacked"


def test_organisation_speaker_gets_its_fullest_name():
    article = extract("Russia's foreign ministry summoned the ambassador on Monday.\n"
                      "The ministry said the drills were a provocation.")
    assert article.quotes[0].speaker.name == "Russia's foreign ministry"


def test_acronym_resolves_to_the_name_it_abbreviates():
    article = extract("The International Atomic Energy Agency (IAEA) sent inspectors.\n"
                      "The plant lost power again, according to the IAEA.")
    assert article.quotes[0].speaker.name == "International Atomic Energy Agency"


def test_denial_and_negated_cue_are_marked():
    article = extract("The Kremlin denied that Russia was threatening Germany.\n"
                      "Jane Roe did not say that the talks had failed.")
    assert [q.negated for q in article.quotes] == [True, True]


def test_bylines_credits_and_box_headlines_are_nobodys_quotes():
    text = ("By Jane Roe\n"
            "“We will stay,” the mayor said.\n"
            "Read more: Minister says ‘we will never leave’ as talks stall\n"
            "John Doe contributed reporting; editing by Ann Poe.")
    article = extract(text)
    assert [q.content for q in article.quotes] == ["We will stay,"]


def test_multi_paragraph_quote_opened_by_a_colon_paragraph():
    article = extract("Jane Roe, the envoy, told reporters:\n"
                      "“The talks are over. We leave tonight.”")
    [quote] = article.quotes
    assert (quote.cue, quote.speaker.name) == ("told", "Jane Roe")


def test_cue_reporting_its_own_clause_is_not_the_previous_quotes_cue():
    article = extract("“Judge,” Roe said, “I have never seen this in thirty years.” "
                      "Reluctantly, Roe said he had come to the same conclusion.")
    assert [(q.kind, len(q.spans)) for q in article.quotes] == [("direct", 2), ("indirect", 1)]


def test_a_capitalised_role_is_a_description_not_a_name():
    article = extract("Minister warns of 'consequences' as talks stall\n"
                      "The Defence Secretary said the UK was ready to act.\n"
                      "A Minister said: \"This is outrageous.\"")
    assert [(q.speaker.mention, q.speaker.name) for q in article.quotes] == [
        ("Minister", None), ("The Defence Secretary", None), ("A Minister", None)]
    article = extract("President Joe Biden met Ukrainian leaders in Kyiv on Monday.\n"
                      "\"We stand with Ukraine,\" the President said.")
    assert article.quotes[0].speaker.name == "Joe Biden"


def test_a_headline_quote_stops_at_its_line_not_in_the_byline_below():
    article = extract("Minister warns of 'consequences' as border talks stall\n\n"
                      "By Jane Doe, Security Correspondent\n")
    assert [q.content for q in article.quotes] == ["of 'consequences' as border talks stall"]


def test_invisible_characters_do_not_split_names_or_glue_words():
    text = ("Ukraine\u2019s president, Volodymyr Zelen\u00adsky, said:\u00a0\u201cWe will never "
            "surrender.\u201d\r\n\r\n\u201cThe counter\u00adoffensive continues,\u201d\u200b "
            "Zelensky told reporters.\r\n")
    article = extract(text)
    assert [(q.content, q.speaker.name) for q in article.quotes] == [
        ("We will never surrender.", "Volodymyr Zelensky"),
        ("The counteroffensive continues,", "Volodymyr Zelensky")]
    assert text[slice(*article.quotes[1].speaker.span)] == "Zelensky"


def test_a_second_act_coordinated_into_the_reported_clause_is_the_reporters():
    article = extract("President Volodymyr Zelensky said on Sunday that Ukraine would \"never "
                      "surrender\" and urged allies to speed up deliveries of air defence.")
    urged = quote_with(article, "speed up deliveries")
    assert urged.cue == "urged" and urged.speaker.name == "Volodymyr Zelensky"
    assert quote_with(article, "never surrender").content == 'Ukraine would "never surrender"'


def test_inverted_cue_whose_speaker_the_parser_takes_for_an_object():
    article = extract("\"Enough!\" shouted a protester outside the embassy.\n\n"
                      "\"Why now?\" asked a reporter.")
    assert [(q.content, q.cue, q.speaker.mention) for q in article.quotes] == [
        ("Enough!", "shouted", "a protester outside the embassy"),
        ("Why now?", "asked", "a reporter")]


def test_a_subject_inside_the_quotation_is_not_the_speaker_its_apposition_is():
    article = extract("\"This package hits Russia where it hurts: its oil revenue and its war "
                      "machine,\" the EU's foreign policy chief, Kaja Kallas, told reporters.")
    assert article.quotes[0].speaker.name == "Kaja Kallas"


def test_a_plural_description_of_no_pair_named_together_is_no_one_person():
    """ "Both leaders" after "Presidents A and B met" is A (the guide's several subjects,
    tests/test_actors_mentions.py); with no two people named together it stays a group."""
    article = extract("The summit in Woodside ended late on Friday.\n\n"
                      "Both leaders said they were committed to a ceasefire.")
    assert [(q.speaker.mention, q.speaker.name) for q in article.quotes] == [
        ("Both leaders", None)]


@pytest.mark.parametrize(("sentence", "mention", "name"), [
    ("\"This attack was unprovoked,\" according to a statement from the Polish foreign "
     "ministry.", "the Polish foreign ministry", "Polish foreign ministry"),
    ("A statement from the Kremlin said the talks had failed.", "the Kremlin", "Kremlin"),
    ("The party won, according to preliminary results from the Central Electoral Commission.",
     "the Central Electoral Commission", "Central Electoral Commission"),
])
def test_a_document_speaks_for_whoever_issued_it(sentence, mention, name):
    [quote] = extract(sentence).quotes
    assert (quote.speaker.mention, quote.speaker.name) == (mention, name)


def test_the_statement_speaks_for_whoever_issued_it_earlier():
    article = extract("The Israeli Prime Minister's Office said in a statement that Israel would "
                      "resume operations.\n\n\"Israel will not allow Hamas to rebuild,\" the "
                      "statement said.")
    assert [q.speaker.name for q in article.quotes] == ["Israeli Prime Minister's Office"] * 2
    assert article.quotes[1].speaker.mention == "the statement"
    [alone] = extract("\"Nothing has changed,\" the statement said.").quotes
    assert alone.speaker.name is None


def test_a_lead_in_of_a_person_or_body_ending_in_a_colon_introduces_the_quotation():
    article = extract("The Finnish president, Alexander Stubb, put it bluntly: \"Russia "
                      "understands strength.\"\n\nHe was clear: \"We will not pay.\"\n\n"
                      "The ministry had a message for Moscow: \"Stop the strikes.\"")
    assert [(q.content, q.speaker.mention) for q in article.quotes] == [
        ("Russia understands strength.", "Alexander Stubb"), ("We will not pay.", "He"),
        ("Stop the strikes.", "The ministry")]
    assert extract("The agenda included three items: \"security\" and \"trade\".\n\n"
                   "The result was stark: \"Nobody voted.\"").quotes == []


def test_a_document_in_a_lead_in_ending_in_a_colon_or_comma_speaks():
    article = extract("The council's closing statement reads: \u201cNo village will be left "
                      "behind.\u201d\n\nThe letter, signed by nine bishops, reads, \u201cWe ask "
                      "only for bread.\u201d")
    assert [(q.content, q.speaker.mention) for q in article.quotes] == [
        ("No village will be left behind.", "The council's closing statement"),
        ("We ask only for bread.", "The letter")]


def test_a_lead_in_ending_in_a_comma_before_a_whole_sentence_in_marks_introduces_it():
    article = extract("The mayor of Tarnow, Ewa Lis, appeared on a morning show, \u201cWe will "
                      "rebuild the bridge by spring.\u201d\n\nLis, also on social media, defended "
                      "the closure, \u201cNobody will lose a job. The plant stays open.\u201d")
    assert [(q.content, q.speaker.name) for q in article.quotes] == [
        ("We will rebuild the bridge by spring.", "Ewa Lis"),
        ("Nobody will lose a job. The plant stays open.", "Ewa Lis")]
    # A title after a comma is no sentence: no quotation.
    assert extract("She read the novel, \u201cDark Water\u201d, twice.").quotes == []


@pytest.mark.parametrize("sentence", [
    "That said, the talks made little progress.",
    "Officials would not say whether the strikes would continue.",
    "He declined to say who had ordered the attack.",
])
def test_nothing_said_is_no_quotation(sentence):
    assert extract(sentence).quotes == []


def test_a_negated_report_of_a_statement_stays_a_quotation():
    [quote] = extract("The minister did not say that the strikes would stop.").quotes
    assert quote.negated and quote.content == "the strikes would stop"


def test_a_quotation_of_several_sentences_before_its_cue_stays_direct_and_whole():
    article = extract("\u201cYou should resign. You should give back the money you took,\u201d "
                      "Warren told Stumpf, after he admitted under her grilling he hadn't yet "
                      "been held personally accountable for the actions of his employees.")
    quote = quote_with(article, "resign")
    assert (quote.kind, quote.content, quote.cue) == (
        "direct", "You should resign. You should give back the money you took,", "told")


def test_a_split_quote_survives_a_participle_between_its_pieces():
    [quote] = extract("\u201cEvery time you say that,\u201d Tester said, referring to the 1 "
                      "percent excuse, \u201cyou give ammunition to the people who want to break "
                      "up the banks.\u201d").quotes
    assert len(quote.spans) == 2 and quote.content.endswith("break up the banks.")


def test_a_quotation_signed_with_a_dash_and_a_name():
    article = extract("\u201cTrump must stop portraying us as gangsters.\u201d\u2015 Carla "
                      "Sanchez.\n\n\u201cWe stand with Ukraine.\u201d \u2014 Annalena Baerbock "
                      "(@ABaerbock) March 3, 2026")
    assert [q.speaker.name for q in article.quotes] == ["Carla Sanchez", "Annalena Baerbock"]


def test_a_dateline_after_the_headline_is_nobody():
    [quote] = extract("Obama Says Museum Will Tell an American Story\n\nWASHINGTON -- President "
                      "Barack Obama, dedicating the museum on Saturday, said it would tell an "
                      "American story.").quotes[-1:]
    assert quote.speaker.name == "Barack Obama"


@pytest.mark.parametrize(("text", "mention"), [
    ("He released a letter from his doctor that says he has \u201cextraordinarily good "
     "health\u201d for his age.", "his doctor"),
    ("The goal is not revenue, according to a speech Mrs. Clinton delivered in July.",
     "Mrs. Clinton"),
    ("\"We will get there together,\" she said at a recent news conference announcing that "
     "her department was suing the state.", "she"),
])
def test_who_speaks_through_a_document_a_relative_or_an_occasion(text, mention):
    assert {q.speaker.mention for q in extract(text).quotes} == {mention}


@pytest.mark.parametrize(("sentence", "content"), [
    ("Reid has called Trump a \u201ccon artist\u201d for months.", "con artist"),
    ("Bill Clinton described the law as a \u201ccrazy system\u201d during a campaign stop in "
     "Flint for his wife.", "crazy system"),
    ("Gingrich dismissed Estonia as being in the \u201csuburbs of St. Petersburg\u201d \u2014 a "
     "metaphor for the abandonment of principle.", "suburbs of St. Petersburg"),
    ("The envoy referred to the vote as a \"turning point\".", "turning point"),
    # The verb's own "as" after a relative clause is no writer's "…, as he left".
    ("He labelled the strikers, who had been marching for six weeks, as \"parasites\".",
     "parasites"),
    # The parser hangs the "as" on the object's clause.
    ("The premier dismissed claims Ruritania arranged the fire as \"only gossip.\"",
     "only gossip."),
])
def test_a_characterisation_quotes_only_the_words_in_marks(sentence, content):
    [quote] = extract(sentence).quotes
    assert (quote.kind, quote.content) == ("mixed", content)


def test_a_fragment_with_a_condition_outside_its_marks_keeps_the_condition():
    [quote] = extract("The cleric warned the neighbours of a \u201cswift reply\u201d if they "
                      "crossed the river.").quotes
    assert quote.kind == "mixed" and quote.content.startswith("the neighbours of a")
    assert quote.condition == "if they crossed the river"


def test_hard_wrapped_lines_inside_a_paragraph_do_not_end_sentences():
    article = extract(
        "MOSCOW (Wire) - Russian Foreign Minister Sergei Lavrov said on Monday that\n"
        "Moscow would respond \"decisively\" to any attempt by NATO to station\n"
        "long-range missiles in Germany.\n\n"
        "\"We will not leave this unanswered,\" Lavrov told reporters. \"If the\n"
        "Americans deploy these weapons, our military will take the necessary measures.\"\n")
    first, second = article.quotes
    assert (first.kind, first.speaker.name) == ("mixed", "Sergei Lavrov")
    assert first.content.startswith("Moscow would respond")
    assert second.condition == "If the Americans deploy these weapons"


def test_it_and_they_are_the_body_that_spoke_last():
    article = extract("The Pentagon said it had no plans to send troops to Poland. It added "
                      "that the situation was being monitored.\n\nThe Russian embassy called "
                      "the remarks \"provocative\". They said Moscow would respond.")
    assert [q.speaker.name for q in article.quotes] == [
        "Pentagon", "Pentagon", "Russian embassy", "Russian embassy"]


def test_it_with_no_body_speaking_yet_is_the_body_in_subject_position():
    [quote] = extract("Niger's military government on Monday gave Benin 72 hours to dismantle "
                      "what it called \u201ctraining camps for terrorists\u201d.").quotes
    assert (quote.speaker.mention, quote.speaker.name) == ("it", "Niger's military government")
    assert quote.speaker.actor_id == "NER"


def test_the_n_year_old_is_the_person_last_speaking():
    article = extract("Former US President Donald Trump said he would end the war quickly.\n\n"
                      "The 78-year-old also said NATO allies had to pay more.")
    assert [q.speaker.name for q in article.quotes] == ["Donald Trump", "Donald Trump"]


def test_a_subject_inside_reported_words_is_not_who_he_follows():
    article = extract("John Smith said he believed David Jones would win the vote. He added "
                      "that the count would take days.")
    assert [q.speaker.name for q in article.quotes] == ["John Smith", "John Smith"]


def test_a_content_clause_the_parser_hangs_on_the_interview_as_a_relative():
    [quote] = extract("Zelensky told Reuters in an interview that Kyiv needed \"at least ten "
                      "more Patriot systems\" to protect its cities.").quotes
    assert (quote.kind, quote.cue, quote.addressee.mention) == ("mixed", "told", "Reuters")
    assert quote.content.startswith("Kyiv needed")
    assert extract("The minister gave an interview that lasted two hours.").quotes == []


def test_a_description_takes_the_name_only_when_the_article_gives_it():
    text = ("The head of the United Nations nuclear watchdog said on Tuesday that the plant had "
            "lost power.\n\n")
    named = extract(text + "Rafael Grossi told the board that fuel would last ten days.",
                    published="2026-03-03")
    assert named.quotes[0].speaker.name == "Rafael Grossi"
    unnamed = extract(text, published="2026-03-03")
    assert unnamed.quotes[0].speaker.name is None
    assert unnamed.quotes[0].speaker.actor_id == "rafael-grossi"


def test_noun_phrase_speech_acts_count_only_when_they_quote():
    quoted = extract("Maria Zakharova dismissed the remarks as “hysteria”.").quotes
    assert [(q.kind, q.cue, q.content) for q in quoted] == [
        ("mixed", "dismissed", "hysteria")]
    assert extract("The minister announced his resignation on Monday.").quotes == []


def test_a_question_put_to_the_speaker_is_not_their_quote():
    article = extract("Asked whether the deal was dead, Marco Rubio said: “That decision "
                      "hasn't been made.”")
    assert [q.cue for q in article.quotes] == ["said"]


def test_a_quote_that_ends_its_sentence_does_not_take_the_next_report():
    article = extract("“We are not at war with Nato,” Dmitry Peskov told reporters. “But Nato "
                      "is at war with us.” He went on to say that Moscow would respond.")
    assert [(q.kind, len(q.spans)) for q in article.quotes] == [("direct", 2), ("indirect", 1)]


def test_description_before_the_name_resolves_forward():
    article = extract("Estonia's defence minister warned that ships would be boarded.\n"
                      "Defence Minister Kaarel Remmelgas said the navy was ready.")
    assert [q.speaker.name for q in article.quotes] == ["Kaarel Remmelgas"] * 2


def test_subject_inside_the_quotation_is_not_the_speaker():
    article = extract("“We will not give up our land. Not one village,” Zelensky told reporters.")
    assert article.quotes[0].speaker.mention == "Zelensky"


# Invented for these tests: speech acts whose reported clause is an infinitive.
INFINITIVE_REPORTS = (
    "Iranian Foreign Minister Abbas Araghchi vowed on Wednesday to limit inspectors' access to "
    "the Fordow site unless European sanctions were lifted.\n"
    "Italian Defence Minister Guido Crosetto urged Tehran to return to the negotiating table.\n"
    "The agency tried to arrange a new inspection schedule, and its board is expected to meet "
    "next week.\n"
    "Araghchi said: “We have threatened to leave the treaty before, and we will do it if we "
    "are pushed.”\n"
    "Rising oil prices threaten to derail the talks.\n"
    "Kyiv was urged to accept the plan.\n")


def test_a_speech_act_with_an_infinitive_reports_that_infinitive():
    """ "vowed to ...", "urged X to ...": the infinitive, "to" included, is an indirect quote;
    "tried to", "is expected to", a passive "was urged to" and "prices threaten to" report no
    speech, and a threat inside quotation marks is not quoted a second time."""
    article = extract(INFINITIVE_REPORTS)
    assert [(q.kind, q.cue, q.content) for q in article.quotes] == [
        ("indirect", "vowed", "to limit inspectors' access to the Fordow site unless European "
                              "sanctions were lifted"),
        ("indirect", "urged", "to return to the negotiating table"),
        ("direct", "said", "We have threatened to leave the treaty before, and we will do it "
                           "if we are pushed."),
    ]
    vowed, urged, _ = article.quotes
    assert vowed.speaker.name == "Abbas Araghchi" and vowed.addressee is None
    assert vowed.condition == "unless European sanctions were lifted"
    assert (urged.speaker.name, urged.addressee.mention) == ("Guido Crosetto", "Tehran")


def test_an_infinitive_report_inside_another_report_is_that_speakers_words():
    [quote] = extract("Benjamin Netanyahu vowed to fight on, Dmitry Peskov said.").quotes
    assert (quote.cue, quote.speaker.name, quote.content) == (
        "said", "Dmitry Peskov", "Benjamin Netanyahu vowed to fight on")


def test_a_negated_infinitive_report_is_marked_negated():
    [quote] = extract("Hamas did not threaten to walk away from the talks.").quotes
    assert (quote.cue, quote.content, quote.negated) == (
        "did not threaten", "to walk away from the talks", True)


def test_a_paragraph_in_marks_after_a_report_is_that_speakers_words():
    article = extract("Harbour master Ilse Brandt said the storm wall would hold this winter.\n\n"
                      "\u201cWe raised it twice. The sea has not reached the top since.\u201d")
    indirect, direct = article.quotes
    assert direct.kind == "direct" and direct.cue is None
    assert direct.content.startswith("We raised it twice")
    assert direct.speaker.name == indirect.speaker.name == "Ilse Brandt"


def test_a_sentence_in_marks_after_a_report_in_the_same_paragraph():
    article = extract("Tomas Ferreira insisted the ferry would sail, he said. "
                      "\"Nobody has told us to stay in port.\"")
    assert [(q.kind, q.speaker.name) for q in article.quotes][-1] == ("direct", "Tomas Ferreira")
    assert article.quotes[-1].content == "Nobody has told us to stay in port."


def test_the_sentence_after_a_signed_quotation_is_its_second_piece():
    [quote] = extract("\"The pumps started at dawn,\" said Karim Said Hamdi, a council engineer. "
                      "\"The lower streets are dry again.\"").quotes
    assert len(quote.spans) == 2 and quote.content.endswith("dry again.")


@pytest.mark.parametrize("text", [
    "The mayor opened the bridge on Sunday.\n\n\u201cA Bridge Too Far\u201d is showing at "
    "the town cinema.",
    "\u201cNo entry after dark.\u201d\n\nThe sign went up last week.",
    "Mina Osei said the school would reopen.\n\nThe district, it added, \u201cwill wait\u201d.",
])
def test_marks_with_no_cue_and_no_report_right_before_quote_nobody(text):
    assert all(q.cue is not None for q in extract(text).quotes)


@pytest.mark.parametrize("sentence", [
    "The ombudsman is investigating claims that the guards beat prisoners.",
    "Lena Moreau denied allegations that her office had leaked the memo.",
])
def test_whoever_answers_a_claim_did_not_make_it(sentence):
    assert extract(sentence).quotes == []


def test_a_claim_that_names_who_made_it_is_theirs():
    [quote] = extract("The senator found troubling a statement by the governor Rosa Lindgren "
                      "that \u201cthe border will stay shut all winter.\u201d").quotes
    assert quote.speaker.name == "Rosa Lindgren"


def test_the_medium_after_a_cue_is_not_the_speaker():
    article = extract("Marta Quist, a resident, thought the verdict a \"farce\", adding to the "
                      "radio station: \"Nobody here trusts the court.\"")
    assert [q.speaker.name for q in article.quotes if q.kind == "direct"] == ["Marta Quist"]
    assert all(q.speaker.name != "radio station" for q in article.quotes)


def test_a_name_in_the_object_before_a_colon_is_no_speaker():
    quotes = extract("Aiko Tanaka, speaking to the broadcaster NHK: \"The drills will "
                     "continue.\"").quotes
    assert all(q.speaker is None or q.speaker.name != "NHK" for q in quotes)


def test_a_cue_with_its_addressee_then_the_quotation_without_a_comma():
    [quote] = extract("Ines Kalm told Radio Nord \"The ferry will not sail this week.\"").quotes
    assert (quote.kind, quote.cue, quote.speaker.name) == ("direct", "told", "Ines Kalm")


def test_a_term_in_marks_inside_the_object_is_no_direct_quotation():
    quotes = extract("The memo advises the \"settlement watch\" be kept up.").quotes
    assert [q.kind for q in quotes] != ["direct"]


def test_a_second_speakers_report_coordinated_into_the_clause_is_their_own():
    article = extract("The union has said that the company broke the deal but managers insist "
                      "that no promise was ever made.")
    assert [(q.speaker.mention, q.content) for q in article.quotes] == [
        ("The union", "the company broke the deal"),
        ("managers", "no promise was ever made")]


def test_no_quotation_looks_through_the_rest_of_its_paragraph(monkeypatch):
    """The mark pairing's neighbours of a quotation are a bounded few tokens: looking through
    the rest of the paragraph for each of 3,000 unclosed quotations was quadratic."""
    asked: list[int] = []
    between = quotes._Article.tokens_between

    def counted(self, *args, **kwargs):
        found = between(self, *args, **kwargs)
        asked.append(len(found))
        return found

    monkeypatch.setattr(quotes._Article, "tokens_between", counted)
    # Told English, as an attacker would make it look: the quotation stage runs on all of it.
    next(extract_many([ArticleText(text="“a " * 3000, language="en")]))
    assert asked and max(asked) <= 20


@pytest.mark.parametrize(("sentence", "first"), [
    ("The minister denied that troops had crossed, stating that the patrol never left the base.",
     "troops had crossed"),
    ("The army said it would answer any drill at sea, contending that the drills were a rehearsal "
     "for war.", "it would answer any drill at sea"),
    ("Critics say the mayor broke his promises, an accusation the mayor strongly denies.",
     "the mayor broke his promises"),
    # A verb of blame or naming with its object, coordinated with the clause.
    ("The minister said the convoy had crossed the border at dawn and accused the rebels of an "
     "ambush.", "the convoy had crossed the border at dawn"),
    ("The mayor said the bridge would reopen in May, and spoke against any new toll.",
     "the bridge would reopen in May"),
])
def test_a_second_report_or_the_writers_gloss_after_a_comma_ends_the_clause(sentence, first):
    assert extract(sentence).quotes[0].content == first


@pytest.mark.parametrize(("sentence", "content"), [
    # Tails that go on with the speaker's words.
    ("The mayor said the market would reopen next week, with stalls moved away from the river.",
     "the market would reopen next week, with stalls moved away from the river"),
    ("The union said members would keep working, despite the cuts announced in spring.",
     "members would keep working, despite the cuts announced in spring"),
    ("The minister said fuel prices would rise, while bread would stay at its old price.",
     "fuel prices would rise, while bread would stay at its old price"),
    ("The minister said the envoy, who arrived on Monday, would stay until the vote.",
     "the envoy, who arrived on Monday, would stay until the vote"),
    # The writer's: "whilst" before a participle (a second act), background on a person.
    ("The envoy said the border would stay shut, whilst also asking both sides for calm.",
     "the border would stay shut"),
    ("The union leader says he will not meet Governor Ana Prado, who was accused last year of "
     "breaking the strike with police.", "he will not meet Governor Ana Prado"),
])
def test_where_the_reported_clause_ends(sentence, content):
    [quote] = extract(sentence).quotes
    assert quote.content == content


def test_a_clause_of_its_own_after_a_comma_and_and_goes_on_with_what_was_said():
    [quote] = extract("The fire chief said it was too soon to know what started the blaze, "
                      "and there was no sign yet that anyone had been hurt.").quotes
    assert quote.content.endswith("and there was no sign yet that anyone had been hurt")
    assert quote.content.startswith("it was too soon")


@pytest.mark.parametrize(("sentence", "end"), [
    # A noun phrase the parser hangs on "said" after ", and": the list goes on.
    ("Environment Ministry spokesperson Karl Obst said they apply to letters of complaint, "
     "criticism or injury, technical or scientific notes and reports that don't reach any "
     "conclusion, and Cabinet Office letters, agendas and minutes that don't deal with matters "
     "of public interest.", "matters of public interest"),
    # A second clause in marks after the closing mark of the first.
    ('Marta Ruiz, the mayor of the port, said the storm was a "test of the city and the worst '
     'flood of a century for the people, especially in the old quarter," and "help has come" '
     'for the families of the fishermen.', "for the families of the fishermen"),
])
def test_what_the_parser_hangs_on_the_speech_verb_after_comma_and_is_still_said(sentence, end):
    [quote] = extract(sentence).quotes
    assert quote.content.endswith(end)


def test_a_report_after_a_comma_on_the_speakers_own_words_is_a_quotation_of_its_own():
    contents = [q.content for q in extract(
        'The union said its members were "shocked" by the closure of the depot, which they '
        'described as "an act of spite".').quotes]
    assert contents == ['its members were "shocked" by the closure of the depot',
                        "an act of spite"]


def test_what_the_speaker_would_not_say_is_not_part_of_what_they_said():
    [quote] = extract("The minister said the delay was because the border checks had "
                      "improved, though he did not say what had changed.").quotes
    assert quote.content == "the delay was because the border checks had improved"


@pytest.mark.parametrize(("text", "content", "mention"), [
    ('The leaflet dropped over the town was short. "Stay inside and keep away from the '
     'windows," it read.', "Stay inside and keep away from the windows,", "it"),
    ('The complaint reads, in part: "The company misled its workers for a decade and hid the '
     'losses."', "The company misled its workers for a decade and hid the losses.",
     "The complaint"),
])
def test_a_text_that_reads_is_a_cue_and_reading_a_text_aloud_is_not(text, content, mention):
    [quote] = extract(text).quotes
    assert (quote.cue[:4], quote.content, quote.speaker.mention) == ("read", content, mention)
    assert extract("She read the statement aloud to the crowd.").quotes == []


def test_a_clause_the_parser_hangs_on_an_adverb_of_the_speech_verb_is_reported():
    [quote] = extract("The race organisers had said as late as Friday that all the boats were "
                      "ready to sail.").quotes
    assert quote.content == "all the boats were ready to sail"


def test_the_writers_only_before_that_is_not_what_was_said():
    [quote] = extract("The colonel would not guess how long the siege would last. He said "
                      "only that the fighting was hard.").quotes
    assert quote.content == "the fighting was hard"


def test_who_responded_by_saying_is_the_speaker():
    [quote] = extract("A navy spokesman responded to the report by saying that the ship had "
                      "never left port.").quotes
    assert quote.content == "the ship had never left port"
    assert quote.speaker.mention == "A navy spokesman"


def test_a_report_of_its_own_after_a_comma_and_and_is_another_quotation():
    contents = [q.content for q in extract(
        "The envoy said the talks had broken down, and officials insist that the truce is "
        "over.").quotes]
    assert contents == ["the talks had broken down", "the truce is over"]


@pytest.mark.parametrize(("sentence", "content", "speaker"), [
    ("As several economists have pointed out, the new levy cannot be collected before spring.",
     "the new levy cannot be collected before spring", "economists"),
    ("The garrison will not leave the town, as the colonel said on Monday.",
     "The garrison will not leave the town", "colonel"),
])
def test_an_as_clause_of_a_speech_verb_vouches_for_its_host_clause(sentence, content, speaker):
    [quote] = extract(sentence).quotes
    assert quote.kind == "indirect"
    assert quote.content == content
    assert speaker in quote.speaker.mention


@pytest.mark.parametrize("text", [
    "The state daily quoted the president's spokesman, Tomas Barros, as saying the convoy had "
    "reached the border town.",
    "Army spokesman Tomas Barros was cited as saying the convoy had reached the border town.",
])
def test_the_one_quoted_as_saying_is_the_speaker_not_the_medium(text):
    [quote] = extract(text).quotes
    assert quote.content == "the convoy had reached the border town"
    assert quote.speaker.name == "Tomas Barros"


def test_a_statement_released_by_a_body_speaks_for_it_and_so_does_the_statement_after():
    article = extract("The foreign ministry of Ruritania released a statement saying the "
                      "border crossings would stay open for aid convoys. “We will not let the "
                      "wounded wait,” the statement added.")
    assert [q.speaker.name for q in article.quotes] == ["foreign ministry of Ruritania"] * 2


def test_according_to_a_source_ends_a_clause_even_without_a_comma():
    [quote] = extract("The envoy sends the villagers \"warm greetings\" according to the news "
                      "agency Prensa Norte.").quotes
    assert "according" not in quote.content


def test_going_according_to_plan_is_the_speakers_words():
    [quote] = extract("A senior officer said everything was going according to plan.").quotes
    assert quote.content == "everything was going according to plan"


def test_a_conjunct_the_parser_hangs_on_the_cue_verb_stays_in_the_reported_clause():
    # The "but" stays in the clause and the words after it hang on "admitted".
    [quote] = extract("He admitted there had been talks with the guild, but only about the "
                      "release of the sailors.").quotes
    assert quote.content == "there had been talks with the guild, but only about the release " \
        "of the sailors"


def test_a_participle_sharing_the_clause_passive_is_no_second_report():
    [quote] = extract("The chief disputed this, saying the two had been hired for the job and "
                      "told to leave the town after dark.").quotes
    assert quote.content == "the two had been hired for the job and told to leave the town " \
        "after dark"
    # With an object of its own, "urged Kyiv" is the speaker's next act.
    first = extract("Officials said the ship had been seized and urged Kyiv to respond.").quotes[0]
    assert first.content == "the ship had been seized"


def test_the_object_the_parser_takes_from_a_clause_without_that_is_its_subject():
    [quote] = extract("The foreign minister earlier this week remarked any deal with the guild "
                      "should avoid harming farmers.").quotes
    assert quote.content == "any deal with the guild should avoid harming farmers"


@pytest.mark.parametrize(("sentence", "content"), [
    ("Crowds gathered in the square, chanting \u201cDown with the governor!\u201d",
     "Down with the governor!"),
    ("The envoy implied the troops would be staying put.", "the troops would be staying put"),
    ("The report is cited, suggesting the harbour is unsafe.", "the harbour is unsafe"),
    # A stated position.
    ("Investigators believe at least ten boats were sunk.", "at least ten boats were sunk"),
])
def test_chants_and_what_a_speaker_implies_are_quotations(sentence, content):
    assert [q.content for q in extract(sentence).quotes] == [content]


@pytest.mark.parametrize("sentence", [
    "The release of the files implies that the minister misled the council.",
    "Estimates suggest 800 boats may be at sea.",
])
def test_what_a_fact_implies_is_no_quotation(sentence):
    assert extract(sentence).quotes == []


def test_the_writers_words_after_a_semicolon_start_a_new_quotation_of_the_same_speaker():
    article = extract("\u201cThe shelling must stop,\u201d said Tomas Vela. \u201cWe will answer,"
                      "\u201d he added; and, later, \u201cThe army is ready.\u201d")
    assert [(q.content, q.speaker.name) for q in article.quotes] == [
        ("The shelling must stop,", "Tomas Vela"), ("We will answer,", "Tomas Vela"),
        ("The army is ready.", "Tomas Vela")]
    [split] = extract("\u201cCome forward,\u201d said Vela; \u201crumours help nobody.\u201d"
                      ).quotes
    assert split.content == "Come forward, rumours help nobody."


def test_a_possessive_apostrophe_before_the_cue_is_no_quotation_mark():
    [quote] = extract("Tomas Vela, spokesperson for the Harbour Workers' Union told Radio Nord "
                      "that closing the port is unwise.").quotes
    assert (quote.content, quote.speaker.name) == ("closing the port is unwise", "Tomas Vela")



def test_a_group_speaker_is_printed_with_its_coordination():
    [quote] = extract("Analysts and retired naval officers contacted by reporters say the "
                      "warning is unusual.").quotes
    assert quote.speaker.mention == "Analysts and retired naval officers"
    assert quote.speaker.name is None


@pytest.mark.parametrize(("sentence", "content"), [
    ("He told reporters the talks had failed, but that a second round was possible.",
     "the talks had failed, but that a second round was possible"),
    ("The envoy cited the new grain deal to support his argument that the blockade no longer "
     "matters, and that the real aim of the drills is to box in the republic.",
     "the blockade no longer matters, and that the real aim of the drills is to box in the "
     "republic"),
])
def test_a_second_clause_opened_by_that_goes_on_with_the_report(sentence, content):
    [quote] = extract(sentence).quotes
    assert quote.content == content


@pytest.mark.parametrize(("sentence", "content"), [
    ("She said the embargo could not be used to justify a blockade, but rather it aims to "
     "restart the talks.",
     "the embargo could not be used to justify a blockade, but rather it aims to restart the "
     "talks"),
    ("According to officials, the drills are not meant to threaten the island; rather, they "
     "are a routine test of readiness.",
     "the drills are not meant to threaten the island; rather, they are a routine test of "
     "readiness"),
    ('The envoy said the republic is "not a lost cause", but "a difficult partner".',
     'the republic is "not a lost cause", but "a difficult partner"'),
])
def test_what_replaces_a_denied_thing_goes_on_with_the_statement(sentence, content):
    [quote] = extract(sentence).quotes
    assert quote.content == content


def test_after_a_denial_a_clause_with_but_or_someone_elses_report_stays_out():
    [quote] = extract("He said the ministers would not resign, but the cabinet met on "
                      "Friday.").quotes
    assert quote.content == "the ministers would not resign"
    first, second = extract("He said the ministers would not resign, but officials said a "
                            "reshuffle was likely.").quotes
    assert (first.content, second.content) == ("the ministers would not resign",
                                               "a reshuffle was likely")


@pytest.mark.parametrize(("sentence", "content"), [
    ("Aid workers say the death toll continues to rise and are calling for a quick ceasefire.",
     "the death toll continues to rise"),
    ("He says the ferries are late and wants an inquiry.", "the ferries are late"),
    ("The mayor says the bridges are closed and remain under guard.",
     "the bridges are closed and remain under guard"),
])
def test_a_verb_that_agrees_with_the_speaker_not_the_clause_is_the_writers(sentence, content):
    [quote] = extract(sentence).quotes
    assert quote.content == content


@pytest.mark.parametrize(("sentence", "content"), [
    ("The governor said the state hosts 9,000 young migrants, also known as dreamers.",
     "the state hosts 9,000 young migrants"),
    ("Officials said the fire began in the old market, known as the Souk.",
     "the fire began in the old market"),
])
def test_the_writers_gloss_on_the_last_word_is_no_part_of_the_clause(sentence, content):
    [quote] = extract(sentence).quotes
    assert quote.content == content


@pytest.mark.parametrize(("sentence", "content"), [
    ("The appeals court ruled that the export ban was lawful.", "the export ban was lawful"),
    ("The foreman confessed that he had sold the permits.", "he had sold the permits"),
    ("She requested that the hearing be delayed.", "the hearing be delayed"),
])
def test_verbs_of_saying_beyond_the_common_ones_report_their_clause(sentence, content):
    [quote] = extract(sentence).quotes
    assert quote.content == content


def test_a_fact_that_conveys_something_says_nothing():
    assert extract("The shipping data convey that prices are rising.").quotes == []


def test_the_noun_of_a_cue_verb_reports_the_clause_that_hangs_off_it():
    [quote] = extract("The union repeated its complaint that the drivers had not been "
                      "paid.").quotes
    assert quote.content == "the drivers had not been paid"


@pytest.mark.parametrize(("sentence", "cue", "content"), [
    ("The minister expressed confidence that the vote would be fair.", "expressed confidence",
     "the vote would be fair"),
    ("Residents voiced their fear that the dam could burst.", "voiced their fear",
     "the dam could burst"),
    ("The senator made the case that the tariffs hurt farmers.", "made the case",
     "the tariffs hurt farmers"),
])
def test_a_stance_voiced_with_a_clause_is_a_quotation(sentence, cue, content):
    [quote] = extract(sentence).quotes
    assert (quote.cue, quote.content) == (cue, content)


def test_a_stance_noun_no_one_voices_reports_nothing():
    assert extract("The hope that the talks resume is fading.").quotes == []


def test_a_position_held_is_reported_of_a_person_or_body_only():
    [quote] = extract("The mayor thinks the bridge will reopen in May.").quotes
    assert (quote.cue, quote.content) == ("thinks", "the bridge will reopen in May")
    assert extract("Markets fear that interest rates will rise.").quotes == []


@pytest.mark.parametrize(("sentence", "cue"), [
    ("A police spokesman verified that the ferry had sunk.", "verified"),
    ("A clerk divulged that the ledgers were forged.", "divulged"),
    ("The governor guaranteed that the ballots would be counted twice.", "guaranteed"),
])
def test_verbs_of_revealing_confirming_and_guaranteeing_report_a_clause(sentence, cue):
    [quote] = extract(sentence).quotes
    assert quote.cue == cue and quote.kind == "indirect"


@pytest.mark.parametrize("sentence", [
    "The lab results verified that the ferry had sunk.",
    "The charter guarantees that every ballot is counted twice.",
])
def test_a_fact_or_a_document_that_verifies_or_guarantees_is_no_speaker(sentence):
    assert extract(sentence).quotes == []


def test_the_last_verbs_of_complaining_and_advising_report_a_clause():
    advised = extract("Aides counselled the senator that the bill would fail.")
    assert [q.cue for q in advised.quotes] == ["counselled"]
    [quote] = extract("The union whined that the pay offer was an insult.").quotes
    assert quote.content == "the pay offer was an insult"


def test_a_clause_hung_on_the_addressee_is_what_was_told():
    """ "told a gathering of farmers that few towns understood …": the parser makes the
    reported clause a relative one on the addressee."""
    [quote] = extract("The governor told a meeting of river pilots that few ports knew the "
                      "channel better than theirs.").quotes
    assert (quote.cue, quote.content) == (
        "told", "few ports knew the channel better than theirs")


def test_a_relative_clause_on_a_cue_noun_reports_nothing():
    """ "repeated the warning that the mayor had ignored": "that" fills the relative clause's
    object, so it opens no reported clause."""
    assert extract("She repeated the warning that the mayor had ignored.").quotes == []


@pytest.mark.parametrize(("sentence", "content"), [
    ("Ms. Okafor said after the hearing she would not appeal the fine if it were cut.",
     "she would not appeal the fine if it were cut"),
    ("The coach said on Friday the squad was ready.", "the squad was ready"),
])
def test_when_it_was_said_is_no_part_of_a_clause_without_that(sentence, content):
    """ "said after the vote he would not accept …" (the parser may hang the clause on the
    verb as an adverbial one), "said on Monday she would resign"."""
    [quote] = extract(sentence).quotes
    assert quote.content == content


def test_a_clause_after_that_keeps_its_own_opening_phrase():
    [quote] = extract("The coach said that on Friday the squad was ready.").quotes
    assert quote.content == "on Friday the squad was ready"


@pytest.mark.parametrize(("sentence", "content"), [
    ("Economists worry that the subsidy could fall to local ratepayers.",
     "the subsidy could fall to local ratepayers"),
    ("Critics suggest the levy had changed little.", "the levy had changed little"),
])
def test_people_named_by_what_they_do_hold_positions(sentence, content):
    """ "environmentalists worry that …", "analysts have suggested …": a noun for people is a
    subject that holds a position, unlike "markets" or "the data"."""
    [quote] = extract(sentence).quotes
    assert quote.content == content


def test_a_feeling_with_an_adjective_reports_no_clause():
    """ "many citizens feel stung after the crisis showed …": a feeling, not a position."""
    assert extract("Many farmers feel cheated after the drought exposed the weak "
                   "levees.").quotes == []


@pytest.mark.parametrize(("sentence", "cue", "content"), [
    ("As the treasurer put it, the levy is a toll on the poor.", "put",
     "the levy is a toll on the poor"),
    ("The levy is a toll on the poor, as the treasurer phrased it.", "phrased",
     "The levy is a toll on the poor"),
])
def test_as_someone_put_it_reports_the_clause_it_hangs_on(sentence, cue, content):
    """ "As Ms. X put it in a statement, the channel is …": the frame of ``as_it_verbs``."""
    [quote] = extract(sentence).quotes
    assert (quote.cue, quote.content) == (cue, content)


@pytest.mark.parametrize("sentence", [
    "As the porters put it down, the crate split.",
    "As the porters put it on the cart, the crate split.",
])
def test_putting_a_thing_somewhere_reports_nothing(sentence):
    assert extract(sentence).quotes == []


def test_a_clause_without_that_hung_on_the_addressee_is_what_was_told():
    """ "warned residents the storm is coming", "remind the audience he was the only
    candidate": the parser takes the reported clause for a relative one on the addressee."""
    [quote] = extract("The harbour master warned the fishermen a gale is coming.").quotes
    assert (quote.cue, quote.content) == ("warned", "a gale is coming")


def test_what_is_warned_of_may_be_the_subject_of_the_clause():
    """ "warned the death of bin Laden “does not mark the end …”": no person or body is
    warned; the object opens the reported clause."""
    [quote] = extract("The premier warned the capture of the port \"does not end the "
                      "danger we face.\"").quotes
    assert quote.content == "the capture of the port \"does not end the danger we face.\""
    assert len(quote.spans) == 1


@pytest.mark.parametrize(("sentence", "content"), [
    ("The board vowed never again to shut the clinic.", "never again to shut the clinic"),
    ("The union pledged not to strike before May.", "not to strike before May"),
])
def test_a_negation_before_the_infinitive_is_part_of_the_pledge(sentence, content):
    """ "vowed never again to violate another nation's sovereignty"."""
    [quote] = extract(sentence).quotes
    assert quote.content == content and not quote.negated


@pytest.mark.parametrize(("sentence", "content"), [
    ("She asked that the two mayors shake hands, which they did, in front of the press.",
     "the two mayors shake hands"),
    ("Critics argue the board broke its rules when it issued the permits, which a judge has "
     "suspended.", "the board broke its rules when it issued the permits"),
])
def test_what_became_of_the_thing_said_is_the_writers_aside(sentence, content):
    """ "requested that the presidents shake hands with each other, which they did": a
    "which" relative whose verb has a subject of its own, after a comma at the clause's end."""
    [quote] = extract(sentence).quotes
    assert quote.content == content


def test_a_clause_spliced_on_after_a_comma_goes_on_with_what_was_said():
    """ "Blair said it's not about left or right, it's about open or closed": the parser
    makes the report the complement of the spliced clause."""
    [quote] = extract("Ruiz said it is not about money, it is about trust.").quotes
    assert quote.content == "it is not about money, it is about trust"


@pytest.mark.parametrize(("sentence", "cue", "speaker"), [
    ("The count was fixed, claimed the rival candidate Lena Ortiz.", "claimed", "Lena Ortiz"),
    ("The levee is sound, insisted the engineers.", "insisted", "the engineers"),
    ("The levee is failing, warned the engineers.", "warned", "the engineers"),
])
def test_a_speaker_after_the_verb_of_an_inverted_report_is_no_object(sentence, cue, speaker):
    """ "The vote was rigged, claimed the opposition leader": in the inversion the parser may
    take the speaker for the verb's object; nobody is warned in "…, warned the engineers"."""
    [quote] = extract(sentence).quotes
    assert (quote.cue, quote.speaker.mention) == (cue, speaker)
    assert quote.addressee is None


def test_a_verb_with_its_object_in_a_list_of_acts_reports_nothing():
    assert extract("He reached the border, warned the guards and fled.").quotes == []


@pytest.mark.parametrize(("sentence", "cue"), [
    ("The senator inquired whether the grant had been spent.", "inquired"),
    ("The auditors queried how the ledger had gone missing.", "queried"),
])
def test_the_verbs_of_asking_report_an_indirect_question(sentence, cue):
    [quote] = extract(sentence).quotes
    assert quote.cue == cue and quote.kind == "indirect"


def test_questioning_a_person_reports_nothing():
    assert extract("Police questioned the driver for hours.").quotes == []


@pytest.mark.parametrize(("sentence", "content"), [
    ("Ruiz noted the firm has at times paid no tax ― as was true for its first years.",
     "the firm has at times paid no tax"),
    ("Ruiz said the toll would rise — hours after the tremor struck.", "the toll would rise"),
])
def test_the_writers_tail_after_a_dash_is_no_part_of_the_clause(sentence, content):
    """ "noted Trump has occasionally not paid anything in federal income taxes ― as was true
    for the few years": the writer's openers after a dash as after a comma."""
    [quote] = extract(sentence).quotes
    assert quote.content == content


def test_an_aside_with_quoted_words_is_the_speakers():
    """ "…, which the constitutional court has allegedly deemed “unsuitable for human
    habitation”": the quoted words show whose words the relative clause is."""
    [quote] = extract("Her lawyer says she is held in a cell at the port, which a court has "
                      "deemed \"unfit for people\".").quotes
    assert quote.content.endswith("which a court has deemed \"unfit for people\"")


@pytest.mark.parametrize(("sentence", "content"), [
    ("Mr. Abel expressed confidence the count would be fair.", "the count would be fair"),
    ("The agency issued a stark warning the levee may fail in the spring.",
     "the levee may fail in the spring"),
    ("The mayor voiced her hope the ferries would run again.", "the ferries would run again"),
])
def test_a_voiced_stance_without_that_reports_its_clause(sentence, content):
    """ "Nice expressed confidence the election would be credible"."""
    [quote] = extract(sentence).quotes
    assert quote.content == content


def test_a_relative_clause_on_a_voiced_noun_reports_nothing():
    assert extract("The army issued a warning the villagers ignored.").quotes == []


def test_a_speech_verb_read_as_an_adjective_still_reports_its_clause():
    """ "Nice added electoral officials have been fully trained ahead of the vote": the
    parser reads "added" as an adjective on "officials"; "the added costs" stays no cue."""
    [quote] = extract("Lee added polling officials have been fully trained for the "
                      "vote.").quotes
    assert (quote.cue, quote.content) == (
        "added", "polling officials have been fully trained for the vote")
    assert extract("The added costs were high.").quotes == []


@pytest.mark.parametrize(("sentence", "cue"), [
    ("The skipper radioed that the trawler was taking on water.", "radioed"),
    ("Her aide emailed that the hearing was off.", "emailed"),
    ("The envoy cabled that the talks had stalled.", "cabled"),
])
def test_saying_by_an_instrument_of_communication_reports_a_clause(sentence, cue):
    [quote] = extract(sentence).quotes
    assert quote.cue == cue and quote.kind == "indirect"


def test_wiring_money_reports_nothing():
    assert extract("They wired the money to Lisbon.").quotes == []
