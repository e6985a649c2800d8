"""Who a speaker mention names, on the shapes real copy gives names in (issue 16)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from onrecord import extract
from onrecord.actors.mentions import ArticleActors
from onrecord.nlp import load_nlp


def speakers(text: str) -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in extract(text).quotes]


@pytest.mark.parametrize(("text", "name"), [
    ("The deputy chair of the Security Council Dmitry Volkov warned that the talks would fail.",
     "Dmitry Volkov"),
    ("Veteran harbour pilot and union organiser Ruth Okonkwo said the cranes were unsafe.",
     "Ruth Okonkwo"),
    ("The Northern Institute for Coastal Studies's Lee Min-jun stated the port may close.",
     "Lee Min-jun"),
])
def test_a_description_glued_to_the_name_gives_the_name(text, name):
    assert speakers(text) == [name]


@pytest.mark.parametrize(("text", "name"), [
    ("The border is calm, according to Kenyan vice-president Amara Odhiambo.", "Amara Odhiambo"),
    ("The port will reopen, according to Chilean vice-minister Rosa Fuentes.", "Rosa Fuentes"),
])
def test_a_hyphened_title_the_parser_splits_from_its_name_still_gives_the_name(text, name):
    assert speakers(text) == [name]


@pytest.mark.parametrize(("text", "name"), [
    # A title in another language, and a misspelt one, that no title list knows.
    ("The Finnish Ulkoministeri Pekka Virtanen said the deal was a mistake.", "Pekka Virtanen"),
    ("Italian Prime Minster Roberto Galli said the deal was a mistake.", "Roberto Galli"),
])
def test_an_unknown_title_before_a_recognised_name_is_no_part_of_it(text, name):
    assert speakers(text) == [name]


@pytest.mark.parametrize(("text", "name"), [
    ("Scientologist Tom Hendry said the march would go ahead.", "Tom Hendry"),
    ("Methodist Margaret Oduya said the church would stay open.", "Margaret Oduya"),
    # The run opens with a word no given-name count knows, and so does the entity.
    ("Anders Fogh Rasmussen said the alliance was ready.", "Anders Fogh Rasmussen"),
])
def test_a_word_before_a_given_name_the_recogniser_leaves_out_is_no_part_of_the_name(text,
                                                                                     name):
    assert speakers(text) == [name]


def test_a_hyphenated_surname_keeps_the_given_name_the_recogniser_left_out():
    assert speakers("Poland's farm minister, Władysław Nowak-Zieliński, said the harvest "
                    "would be late.") == ["Władysław Nowak-Zieliński"]


@pytest.mark.parametrize("text", [
    "The brother of opposition leader Samuel Mensah said the trial was unfair.",
    "A spokesman for Foreign Minister Ivan Petrov said the envoy would stay.",
])
def test_a_name_after_a_relation_is_not_the_speaker(text):
    assert speakers(text) == [None]


def test_a_middle_initial_is_part_of_the_name_not_an_acronym():
    assert speakers("Admiral Peter K. Lindqvist, the fleet commander, inspected the docks. "
                    "Lindqvist said the repairs would take a month.") == ["Peter K. Lindqvist"]


@pytest.mark.parametrize(("text", "name"), [
    ("“The talks went well,” said Chief Negotiator R.J. Okafor, the delegation's head.",
     "R.J. Okafor"),
    ("The claim was denied by Deputy Commander Major General T.S. Varma on Friday. “None of it "
     "is true,” Varma said.", "T.S. Varma"),
])
def test_initials_opening_a_name_are_part_of_it_not_an_acronym(text, name):
    assert set(speakers(text)) == {name}


def test_initials_of_a_state_are_still_no_persons_name():
    assert speakers("U.S. negotiators said the talks would resume in March.") == [None]


def test_a_whole_name_is_that_person_not_another_with_the_same_word():
    names = speakers("Park Ji-hoon said the ministry had been warned. Park Soo-min, an analyst, "
                     "said the warning came too late.")
    assert names == ["Park Ji-hoon", "Park Soo-min"]


@pytest.mark.parametrize(("text", "name"), [
    ("Inspector-General of Police Khalid Omar Bakri said the guards had been doubled.",
     "Khalid Omar Bakri"),
    ("The opposition figure Mir-Hossein Tabrizi spoke at the rally. Tabrizi said the count "
     "was rigged.", "Mir-Hossein Tabrizi"),
    ("Assistant Secretary for African Affairs Jendayi Mwangi said the ban was unjust.",
     "Jendayi Mwangi"),
])
def test_a_known_first_name_starts_a_persons_name(text, name):
    assert speakers(text)[-1] == name


def test_a_name_the_parser_cuts_short_still_names_the_person():
    names = speakers("The guards had argued with traders over the dogs, which the locals were "
                     "upset about, according to policeman Ahmed Hassan Sayed. He said gunfire "
                     "followed soon after.")
    assert names == ["Ahmed Hassan Sayed", "Ahmed Hassan Sayed"]


def test_a_body_with_its_own_modifiers_is_not_an_earlier_body_with_the_same_head():
    names = speakers("The claims date from the era of its imperial government. The Chilean "
                     "government said the ruling was unfair. The US said the ruling was "
                     "binding on all parties.")
    assert names == ["Chilean government", "US"]


def test_he_after_an_unnamed_speaker_is_that_speaker_not_an_earlier_name():
    names = speakers("Farid Osman said the strikes would go on. \u201cWe do not accept the "
                     "new rules,\u201d said a transport ministry spokesman. He said that the "
                     "buses would run on Sunday.")
    assert names == ["Farid Osman", None, None]


def test_she_after_a_relation_to_a_named_person_is_still_the_named_person():
    names = speakers("Lena Varga warned the council on Monday that the plan would fail.\n"
                     "The younger sister of mayor Peter Varga said the vote was rushed.\n"
                     "\u201cNobody read the plan,\u201d she said.")
    assert names[0] == names[2] == "Lena Varga"


def test_credits_at_the_foot_of_a_story_name_nobody_who_speaks():
    names = speakers("Park said he would meet the envoy. Other officials said the meeting "
                     "was off.\n\nLina Park in Busan contributed to the report. Tom Reed was "
                     "the editor.")
    assert "Lina Park" not in names


def test_a_body_whose_name_holds_a_verb_keeps_its_whole_name():
    assert speakers("The Committee to Protect Journalists said three reporters had been "
                    "detained.") == ["Committee to Protect Journalists"]


def test_the_body_named_again_by_its_head_word_is_the_full_name():
    names = speakers("The Fisheries Council of Norway condemned the quota. \u201cIt cannot "
                     "stand,\u201d the Council said.")
    assert names[-1] == "Fisheries Council of Norway"


def test_two_people_with_one_surname_stay_two_people():
    names = speakers("Rafael Ortiz was buried on Sunday. His brother Tomas Ortiz said the family "
                     "had forgiven no one. \u201cThe pain is over now,\u201d Tomas Ortiz added.")
    assert names == ["Tomas Ortiz", "Tomas Ortiz"]


def test_the_role_given_in_apposition_to_a_name_names_that_person_later():
    # "a harbour spokesman" is Vela's own role, not someone new who cannot be named.
    article = extract("\u201cThe ferry left at dawn,\u201d said Tomas Vela, a harbour "
                      "spokesman.\n\n\u201cWe expect calm seas,\u201d the harbour spokesman said.")
    assert [q.speaker.name for q in article.quotes] == ["Tomas Vela", "Tomas Vela"]
    # A second spokesman, unnamed, introduced after Vela: "the harbour spokesman" is them.
    unnamed = extract("Tomas Vela, a harbour spokesman, opened the port.\n\n\u201cWe expect "
                      "calm seas,\u201d said a harbour spokesman, who asked not to be named."
                      "\n\n\u201cIt will be fine,\u201d the harbour spokesman added.")
    assert unnamed.quotes[-1].speaker.name is None


def test_a_surname_spelt_otherwise_after_the_same_given_names_is_the_same_person():
    # The source misspells the spokesman's surname once, as that of the colonel.
    article = extract("\u201cThe port is calm,\u201d said Tomas Ivo Marek, a harbour spokesman. "
                      "Colonel Jan Marik holds the fort.\n\n\u201cThe colonel will surrender,"
                      "\u201d Tomas Ivo Marik said.\n\n\u201cNever,\u201d Marik said.")
    assert [q.speaker.name for q in article.quotes] == [
        "Tomas Ivo Marek", "Tomas Ivo Marek", "Jan Marik"]


def test_an_acronym_names_the_body_with_the_nationality_before_its_initials():
    article = extract("The Finnish Ministry of Water Affairs (MWA) denounced the plan. "
                      "\u201cIt is reckless,\u201d the MWA said.")
    assert article.quotes[0].speaker.name == "Finnish Ministry of Water Affairs"


def test_a_name_set_off_after_a_relation_names_the_person_described():
    # The parser hangs "Paul Amsel" on "Brenner"; he is the spokesman, and "he" after him.
    article = extract("Governor Karl Brenner said he would not yield. A spokesman for Brenner, "
                      "Paul Amsel, in a briefing for reporters echoed the message and said: "
                      "\u201cWe hold the council responsible.\u201d\n\n\u201cWe will fight on,"
                      "\u201d he said.")
    assert [q.speaker.name for q in article.quotes][-2:] == ["Paul Amsel", "Paul Amsel"]


def test_a_name_set_off_after_a_description_is_the_speaker():
    assert speakers("One of the fishermen's leaders, Kwame Asante Boateng, who left when he "
                    "was 12, says he is studying law.") == ["Kwame Asante Boateng"]


def test_a_plural_word_ends_a_title_and_opens_no_name():
    assert speakers("The Minister of Foreign Relations Duarte Pacheco said the border would "
                    "stay open.") == ["Duarte Pacheco"]


def test_a_name_the_recogniser_labels_a_body_keeps_its_given_name():
    assert speakers("Torben Vinding Holm, the head of the alliance, vowed that the mission "
                    "would go on.") == ["Torben Vinding Holm"]


def test_she_after_a_person_a_copula_introduces_is_that_person():
    assert speakers('"We will build new houses," said Alphonse Tubiana. One of those ready to '
                    "leave is Kadiatou Sow. She says she lost her farm in the floods.") \
        == ["Alphonse Tubiana", "Kadiatou Sow"]


def test_he_after_a_person_with_a_who_clause_is_that_person():
    assert speakers('"We will build new houses," said Tobias Ferreira.\nMany refuse to go '
                    "back, like Kebba Jallow, who lives in a camp near the river.\nHe says he "
                    "lost his land.") == ["Tobias Ferreira", "Kebba Jallow"]


@pytest.mark.parametrize(("text", "speaker"), [
    ("Several hundred shop owners met the minister on Monday, the Harbour Authority said. The "
     "shop owners said sales had fallen by half.\nThey said the port could close within a "
     "year.", "The shop owners"),
    ('"The port is losing money," the Harbour Authority said.\n"Sales have fallen by half," '
     "says the memo. It also says the port could close within a year.", "the memo"),
])
def test_they_and_it_after_an_unnamed_group_or_document_that_spoke_are_that_speaker(
        text, speaker):
    assert speakers(text)[-1] == speaker


def test_a_state_is_not_its_people_one_letter_longer():
    assert speakers("Mauritanian troops crossed the river, and Mauritanian officials denied it. "
                    "Mauritania, in turn, claimed the patrol stayed inside Mauritanian "
                    "territory.") == ["Mauritania"]


def test_a_body_sharing_one_word_with_a_name_read_as_a_person_is_its_own_body():
    assert speakers("Dalvik Ocean Freight, which owns the tanker, has begun talks with the "
                    "pirates.\nThe International Ocean Bureau reports that pirates hold 14 "
                    "ships.") == ["International Ocean Bureau"]


def test_a_defined_acronym_names_its_body_whatever_the_tagger_makes_of_it():
    doc = load_nlp()("The Zambezi National Liberation Front (ZNLF) says 600 soldiers died.\n"
                     "The ZNLF accused the troops of burning villages.")
    head = [t for t in doc if t.text == "ZNLF"][-1]
    # As the tagger and the recogniser read some acronyms in real copy: a common noun, no
    # entity.
    head.pos_, head.tag_ = "NOUN", "NN"
    doc.ents = [e for e in doc.ents if e.start != head.i]
    mention = ArticleActors(doc).resolve(head, head.i - 1, head.i + 1, salient=True)
    assert mention.name == "Zambezi National Liberation Front"


def test_a_shorter_form_of_a_body_named_before_is_its_fuller_name():
    assert speakers("A spokesman for the Malawi Red Crescent said aid had arrived. The Red "
                    "Crescent says the toll has risen to 100.")[-1] == "Malawi Red Crescent"


def test_a_ministry_named_with_its_country_otherwise_is_the_name_given_before():
    assert speakers('"The report is false," the Indian Ministry of Home Affairs said on '
                    'Monday.\n"We reject it," India\'s Home Affairs ministry said in a '
                    "statement.") == ["Indian Ministry of Home Affairs"] * 2


def test_a_describing_adjective_and_a_time_phrase_do_not_hide_the_person_described():
    assert speakers("Chilean President Anna Varga opened the session. The young Chilean "
                    "president on Monday said the border would stay shut.") == ["Anna Varga"]


def test_it_after_a_document_the_subject_of_the_sentence_before_is_that_document():
    assert speakers('"We are appealing," the Harbour Authority said.\nThe report is known to '
                    "hold material the crew disputes. It says the crew ignored two "
                    "warnings.") == ["Harbour Authority", "The report"]


def test_a_body_named_with_a_hyphened_article_keeps_it():
    assert speakers("The Qatar-based broadcaster Al-Jazeera said its office had been "
                    "closed.") == ["Al-Jazeera"]


def test_an_acronym_in_brackets_is_no_part_of_the_name_a_later_mention_takes():
    assert speakers("The Democratic Republic of Congo (DRC) government has confirmed that 251 "
                    "refugees died.\nThe government said the boat was overloaded.") \
        == ["Democratic Republic of Congo government"] * 2


def test_the_tail_of_a_hyphened_word_is_nobody():
    actors = ArticleActors(load_nlp()("The Qatar-based broadcaster said its office had been "
                                      "closed by the Secretary-General's order."))
    assert [p.name for p in actors.people.values()] == []


def test_she_goes_past_a_man_to_a_name_most_women_bear():
    # "Maureen" is in no hand list of first names; the baby-name counts make her a woman.
    assert speakers("Customs officer Tobias Brandt met port director Maureen Oyelaran on "
                    "Monday. Brandt toured the docks with her. She said the cranes would be "
                    "replaced.") \
        == ["Maureen Oyelaran"]


def test_a_pronoun_against_the_name_still_finds_the_only_one_it_can_mean():
    # The article's own "he" for a name most bearers of which are women.
    assert speakers("Rosalind Achterberg, 31, who sells fruit in the market, saw the blast. "
                    "He said the street shook.") == ["Rosalind Achterberg"]


def test_a_surname_the_recogniser_calls_a_body_is_still_the_persons_subject():
    doc = load_nlp()("Daniel Okafor left the sect in May. The preacher Tom Vessey stayed. "
                     "Okafor contacted former members. He said the sect had lied.")
    okafor = next(t for t in doc if t.text == "Okafor" and t.i > 5)
    doc.ents = [e for e in doc.ents if okafor not in e] + [Span(doc, okafor.i, okafor.i + 1,
                                                                "ORG")]
    actors = ArticleActors(doc)
    assert okafor.idx in actors.people["okafor"].subject_mentions
    he = next(t for t in doc if t.text == "He")
    assert actors.resolve(he, he.i, he.i + 1).name == "Daniel Okafor"


def test_a_name_set_off_after_the_place_of_a_role_takes_the_role():
    # The parser hangs "Nils Ozols" on "Riga"; the name still describes the mayor.
    assert speakers("The mayor of Riga, Nils Ozols, opened the bridge. The mayor said the "
                    "bridge was safe.") == ["Nils Ozols"]


def test_they_is_the_plural_subject_of_its_own_sentence_before_an_earlier_body():
    assert speakers("The Port Authority closed the harbour. Union officials met on Monday, "
                    "and they said the cranes were unsafe.") == ["Union officials"]


def test_a_surname_the_tagger_makes_a_plural_noun_is_still_the_persons_subject():
    doc = load_nlp()("Kathryn Waters opened the show. In her remarks, Waters pointed out the "
                     "prints.")
    waters = [t for t in doc if t.text == "Waters"][-1]
    assert waters.idx in ArticleActors(doc).people["waters"].subject_mentions


def test_an_indefinite_description_in_the_lead_is_the_person_the_story_names_later():
    text = ("A senior Kenyan police commander said on Monday that the border would stay "
            "closed.\nThe closure follows a week of raids.\nTraders say they have lost stock."
            "\nKenyan police commander Peter Mwangi, who leads the border unit, said the "
            "raids would go on.")
    assert speakers(text)[0] == "Peter Mwangi"


def test_an_indefinite_description_outside_the_lead_stays_unresolved():
    text = ("The border stays closed.\nThe closure follows a week of raids.\nA police "
            "commander said on Monday that more raids would come.\nPolice commander Peter "
            "Mwangi, who leads the border unit, visited the post.")
    assert speakers(text) == [None]


@pytest.mark.parametrize(("text", "name"), [
    ("Jordan's King Faisal said the border would stay open.", "King Faisal"),
    ("Mr Justice Harrow said the file would stay sealed. Harrow added that it was of no help.",
     "Mr Justice Harrow"),
    ("Mr Okonjo said the file would stay sealed.", "Okonjo"),
    ("Sir Alan Pryce said the file would stay sealed.", "Alan Pryce"),
])
def test_a_style_stays_with_a_name_the_article_gives_no_more_of(text, name):
    assert set(speakers(text)) == {name}


@pytest.mark.parametrize(("text", "name"), [
    ("Maria Keller, who heads the refugee agency, visited the camp. The agency chief said "
     "the camp was full.", "Maria Keller"),
    ("Joseph Kamau, who leads the opposition, spoke in Nakuru. The opposition leader said "
     "the vote was rigged.", "Joseph Kamau"),
])
def test_a_who_clause_that_gives_a_role_lets_a_later_description_find_the_person(text, name):
    assert speakers(text) == [name]


def test_it_is_never_a_person_but_the_body_named_in_its_own_sentence():
    doc = load_nlp()("Rival candidate Omar Saleh spoke in the capital. Saleh accuses the "
                     "electoral commission because it reported his defeat.")
    it = next(t for t in doc if t.text == "it")
    assert ArticleActors(doc).resolve(it, it.i, it.i + 1).name == "electoral commission"


@pytest.mark.parametrize("text", [
    "Harbour chief Oskar Lindqvist spoke to reporters on Monday.\n\"The pilots' union has let us "
    "down. Tomas Berg promised the cranes by May and Berg failed. We will sue,\" he said.",
    "Mayor Oskar Lindqvist opened the bridge.\n\"Nobody believed in it. Jonas Ek called it a "
    "folly. Ek was wrong,\" he told the crowd.",
])
def test_a_subject_inside_quoted_words_is_not_whom_the_writers_he_follows(text):
    assert speakers(text) == ["Oskar Lindqvist"]


@pytest.mark.parametrize(("text", "mention"), [
    ("Floods cut the valley road.\nA spokesperson for the online grocer Amazon said \"every van "
     "is late.\"", "A spokesperson for the online grocer Amazon"),
    ("Floods cut the valley road.\nA spokesman for the online retailer Amazon said the depots "
     "were shut.", "A spokesman for the online retailer Amazon"),
])
def test_a_body_named_after_its_noun_with_no_comma_names_the_body_not_the_speaker(text, mention):
    quote, = extract(text).quotes
    assert (quote.speaker.mention, quote.speaker.name) == (mention, None)


@pytest.mark.parametrize(("text", "mention"), [
    ("Rebels shelled the port.\nA letter sent to the mayors by fax said the siege would go on.",
     "A letter sent to the mayors by fax"),
    ("Rebels shelled the port.\nA rebel memo issued on Sunday says the bridges are mined.",
     "A rebel memo issued on Sunday"),
])
def test_an_unnamed_document_is_printed_with_its_participle(text, mention):
    quote, = extract(text).quotes
    assert (quote.speaker.mention, quote.speaker.name) == (mention, None)


def test_an_outlets_report_keeps_no_participle():
    quote, = extract("Rebels shelled the port.\nA BBC report released on Monday said the "
                     "bridges are mined.").quotes
    assert quote.speaker.mention == "A BBC report"


@pytest.mark.parametrize(("text", "name"), [
    ("Dock workers Maria Santos and John Peters were charged with theft on Monday.\nBoth men "
     "say they were beaten by guards.", "Maria Santos"),
    ("Foreign ministers Helga Brandt and Pierre Dubois met in Vienna on Monday.\nThe two "
     "ministers said the border would stay open.", "Helga Brandt"),
])
def test_both_or_the_two_are_the_pair_last_named_together_the_first_speaking(text, name):
    assert speakers(text) == [name]


def test_the_officials_stay_a_group():
    assert speakers("Foreign ministers Helga Brandt and Pierre Dubois met in Vienna.\nThe "
                    "officials said the border would stay open.") == [None]


def test_the_agent_of_a_passive_is_whom_a_later_she_follows():
    assert speakers("Mayor Maria Lopez opened the new harbour on Monday.\nThe rescue plan was "
                    "drafted by engineer Sofia Brandt last year. \"It will hold in any storm,\" "
                    "she said.") == ["Sofia Brandt"]


@pytest.mark.parametrize(("text", "name"), [
    ("Veritas Rights International accused the port of dumping oil.\nVeritas said the "
     "spill was hidden.", "Veritas Rights International"),
    ("Valtora Shipping Group accused the port of dumping oil.\nValtroa said the spill was "
     "hidden.", "Valtora Shipping Group"),
])
def test_a_one_word_form_of_a_bodys_fuller_name_is_that_body(text, name):
    assert speakers(text) == [name]


def test_a_state_is_not_the_body_its_name_opens():
    assert speakers("Chile Mining Corporation closed the pit.\nChile said the closure was "
                    "lawful.") == ["Chile"]


def test_he_in_the_paragraph_of_a_speaker_is_that_speaker_not_a_later_subject():
    assert speakers("Mayor Jon Berg said the bridge would open in May, after Peter Lund "
                    "approved the budget. \"We are ready,\" he added.") == ["Jon Berg", "Jon Berg"]
