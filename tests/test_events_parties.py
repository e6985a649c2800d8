"""Who an event is aimed at (``onrecord.events.parties``): the party charged or asked, never
the speaker's own office, the outlet they talk to, or a word cut out of a longer name."""

from __future__ import annotations

from onrecord import extract


def _event(text: str, published: str):
    article = extract(text, published=published, min_confidence=0.0)
    assert len(article.events) == 1, article.events
    return article.events[0]


def _ends(event) -> tuple:
    return (event.type, event.source.country if event.source else None,
            event.target.country if event.target else None)


def test_the_party_a_charge_says_failed_is_its_target():
    event = _event("Norway has failed to honour the fishing accord, Finland's foreign "
                   "ministry said.", "2024-05-01")
    assert _ends(event) == ("ACCUSE", "FIN", "NOR")


def test_the_party_a_demand_says_should_act_is_its_target():
    event = _event("Portugal should withdraw its warships from the disputed waters, Spain's "
                   "foreign ministry said.", "2024-05-01")
    assert _ends(event) == ("REQUEST", "ESP", "PRT")


def test_a_word_inside_a_persons_name_is_no_body():
    # "un" of the hyphenated name is not the United Nations: the demand is the North's.
    event = _event("Kim Jong-un must stop the missile launches, the South Korean foreign "
                   "ministry said.", "2016-05-01")
    assert _ends(event) == ("REQUEST", "KOR", "PRK")


def test_the_office_a_candidate_hopes_for_is_not_the_target_of_his_threat():
    event = _event("“If I am president of Argentina, we will respond with force to any "
                   "incursion,” said Luis Ramos, a candidate.", "2024-05-01")
    assert event.type == "THREATEN"
    assert event.target is None


def test_the_outlet_a_minister_talks_to_is_not_the_target():
    event = _event("Pedro Alves, Angola's defence minister, told Voice of America that his "
                   "army would strike back if attacked.", "2024-05-01")
    assert _ends(event) == ("THREATEN", "AGO", None)


def test_a_shared_surname_resolves_through_the_full_name_the_article_gives():
    # Two people called Singh are known; the article names the one it means.
    event = _event("Manmohan Singh spoke in Delhi on Monday. Pakistan's foreign ministry said "
                   "Singh's remarks were a provocation.", "2010-05-01")
    assert _ends(event) == ("ACCUSE", "PAK", "IND")
    assert event.target.name == "Manmohan Singh"


def _parties(text: str) -> list[tuple]:
    return [_ends(e) for e in extract(text, published="2024-05-01", min_confidence=0.0).events]


def test_a_charge_a_paragraph_later_stays_aimed_at_the_party_the_side_last_charged():
    assert _parties("Finland's foreign ministry said Norway had failed to honour the fishing "
                    "accord.\nThe ministry said the decision was deplorable and reckless.") == [
        ("ACCUSE", "FIN", "NOR"), ("ACCUSE", "FIN", "NOR")]


def test_a_charge_several_paragraphs_on_names_no_target_of_its_own():
    assert _parties("Finland's foreign ministry said Norway had failed to honour the fishing "
                    "accord.\nTrade talks resumed on Monday in Helsinki.\nFishermen in the north "
                    "were waiting.\nThe weather was fine.\nThe ministry said the decision was "
                    "deplorable and reckless.") == [
        ("ACCUSE", "FIN", "NOR"), ("ACCUSE", "FIN", None)]


def test_a_condition_that_asks_the_sources_own_state_to_act_names_no_safe_target():
    # The threat is the kidnappers', told by the government: Iraq is where the troops are,
    # not whom anyone threatens.
    event = _event("The Romanian government said the kidnappers would kill the hostages "
                   "unless Romania withdraws its troops from Iraq.", "2005-05-01")
    assert event.type == "THREATEN"
    assert event.target is None


def test_a_condition_that_asks_another_state_to_act_names_the_target():
    event = _event("Romania said it would strike the camps unless Moldova withdraws its "
                   "troops from the border.", "2005-05-01")
    assert _ends(event) == ("THREATEN", "ROU", "MDA")


def test_a_speaker_the_article_does_not_place_voices_the_body_that_states_the_position():
    # The KB does not know the spokesman; the words say whose wish it is.
    event = _event("Rupert Colville, a spokesman, said the UN would like to see the government "
                   "of Pakistan review all of the incidents.", "2011-05-01")
    assert _ends(event) == ("REQUEST", "UN", "PAK")


def test_a_state_named_inside_a_clause_of_the_quote_is_not_the_speakers_side():
    # "Israel" is the subject of the speaker's charge, not of a position the speaker voices.
    event = _event("A spokesman for the relief agency said Israel had failed to let the "
                   "convoys through.", "2011-05-01")
    assert event.type == "ACCUSE"
    assert event.source is None or event.source.country != "ISR"


def test_a_thing_named_before_with_its_owner_aims_the_rejection_at_that_owner():
    # "the audit" is the one the article gave to the EU a paragraph before.
    events = _parties("The EU audit of the fisheries was published on Monday.\n“Norway rejects "
                      "the audit. It is biased,” the Norwegian foreign ministry said.")
    assert ("REJECT", "NOR", "EU") in events



def test_a_person_out_of_every_office_speaks_for_no_body():
    # In office the former secretary general spoke for the UN; years after his term he
    # speaks for himself, so the demand has no party as its source.
    words = "Kofi Annan said Norway should release the detained fishermen."
    in_office = _event(words, "2005-05-01")
    retired = _event(words, "2010-05-01")
    assert _ends(in_office) == ("REQUEST", "UN", "NOR")
    assert _ends(retired) == ("REQUEST", None, "NOR")
    assert retired.source is None or retired.source.actor_id is None


def test_the_government_named_alone_speaks_for_the_state_the_story_is_about():
    # Malawi is named most often before "the government"; Zambia, named last, is a neighbour.
    events = _parties("Voters in Malawi queued for hours on Friday. Malawi's electoral board "
                      "counted the ballots overnight.\nThe government said Zambia should "
                      "reopen its border crossings.")
    assert events == [("REQUEST", "MWI", "ZMB")]


def test_words_that_name_no_one_are_aimed_at_the_side_the_speakers_side_faces_in_the_story():
    # Finland charges Norway twice and Norway answers; far down the story a Finnish charge
    # names no one: it is aimed at Norway, the side Finland faces, not at Sweden, which is
    # only mentioned and never speaks.
    events = _parties(
        "Finland's foreign ministry said Norway had failed to honour the fishing accord.\n"
        "Norway's foreign ministry said Finland should stop its patrols.\n"
        "Finland's foreign ministry said Norway had broken the quota deal again.\n"
        "Boats from Sweden fished in the same waters.\nTalks resumed in Oslo.\n"
        "Prices of cod rose.\nThe weather was fine.\n"
        "Finland's foreign ministry said the decision was deplorable and reckless.")
    assert events[-1] == ("ACCUSE", "FIN", "NOR")



def _last_ends(text: str) -> tuple:
    event = extract(text, published="2024-05-01", min_confidence=0.0).events[-1]
    return tuple(None if ref is None else ref.actor_id if ref.non_state or ref.country is None
                 else ref.country for ref in (event.source, event.target))


def test_the_rebels_described_are_the_group_the_story_names():
    assert _last_ends("The Northern Delta Resistance Front (NDRF) took two towns on Monday. "
                      "The NDRF said the towns were now free.\n“We condemn the attacks of "
                      "the rebels,” said the Estonian prime minister.") == ("EST", "NDRF")


def test_a_rebel_statement_speaks_for_the_group_the_story_names():
    assert _last_ends("The Northern Delta Resistance Front (NDRF) took two towns on Monday. "
                      "The NDRF has fought the army since 2019.\n“We condemn the Estonian "
                      "air strikes,” a rebel statement said.") == ("NDRF", "EST")


def test_a_state_institution_named_alone_is_the_state_the_story_names():
    assert _last_ends("Estonia sent more troops north. Estonia has fought the Northern Delta "
                      "Resistance Front (NDRF) since 2019.\n“We condemn the attacks of the "
                      "government troops,” the NDRF said.") == ("NDRF", "EST")


def test_a_charge_that_names_no_one_is_aimed_at_the_state_the_story_is_about():
    assert _last_ends("Estonia held a vote on Sunday. Estonia's ruling party claimed "
                      "victory, and Estonia's police closed the roads.\nThe vote was “a "
                      "sham”, NATO officials said.") == ("NATO", "EST")


def test_the_story_state_is_never_the_sources_own():
    assert _last_ends("Estonia held a vote on Sunday. Estonia's ruling party claimed "
                      "victory, and Estonia's police closed the roads.\nThe vote was “a "
                      "sham”, Estonian officials said.") == ("EST", None)


def test_a_rebel_group_described_by_its_country_speaks_for_the_group_not_the_state():
    assert _last_ends("The Northern Delta Resistance Front (NDRF) took two towns on Monday. "
                      "The NDRF has fought the army since 2019.\nAn Estonian rebel group "
                      "said: “We condemn the air strikes on our villages.”")[0] == "NDRF"


def test_a_charge_that_names_no_one_is_aimed_at_the_group_the_story_is_about():
    assert _last_ends("The Northern Delta Resistance Front (NDRF) took two towns on Monday. "
                      "The NDRF has fought the army since 2019.\n“What happened there was a "
                      "crime,” the Estonian prime minister said.") == ("EST", "NDRF")


def test_a_threat_that_names_no_one_is_aimed_at_the_group_the_story_is_about():
    assert _last_ends("The Northern Delta Resistance Front (NDRF) took two towns on Monday. "
                      "The NDRF has fought the army since 2019.\n“We will strike back hard,” "
                      "the Estonian prime minister said.") == ("EST", "NDRF")


def test_a_pronoun_charged_is_the_party_the_sentence_before_names():
    event = _event("Sweden moved tanks to the border on Monday. Denmark's foreign minister said "
                   "they had violated the treaty.", "2024-05-01")
    assert _ends(event) == ("ACCUSE", "DNK", "SWE")


def test_a_pronoun_threatened_is_the_party_the_sentence_before_names():
    event = _event("Sweden moved tanks to the border on Monday. \"We will strike them if they "
                   "cross the line,\" Denmark's foreign minister said.", "2024-05-01")
    assert _ends(event) == ("THREATEN", "DNK", "SWE")


def test_a_pronoun_never_stands_for_the_speakers_own_side():
    event = _event("Denmark moved tanks to the border on Monday. \"We will strike them if they "
                   "cross the line,\" Denmark's foreign minister said.", "2024-05-01")
    assert _ends(event) == ("THREATEN", "DNK", None)


def test_a_pronoun_charged_is_the_party_named_before_it_in_its_own_sentence():
    event = _event("Sweden moved tanks to the border on Monday, and Denmark's foreign minister "
                   "said they had violated the treaty.", "2024-05-01")
    assert _ends(event) == ("ACCUSE", "DNK", "SWE")


def test_a_fact_the_writer_cites_a_report_for_is_the_act_of_its_subject():
    # The newspaper only carries the fact: the agreement is Chile's.
    event = _event("According to a report in the Lima Herald, Chile agreed to hand over the "
                   "fishing boats to Peru.", "2010-05-01")
    assert _ends(event) == ("AGREE", "CHL", "PER")


def test_a_named_informant_is_not_read_as_the_subject_of_the_fact():
    # An analyst the article names is the speaker of record, even without a party.
    event = _event("Chile agreed to hand over the fishing boats to Peru, according to Jorge "
                   "Ruiz, an analyst.", "2010-05-01")
    assert event.type == "AGREE"
    assert event.source is None or event.source.country is None


def test_an_insurgent_groups_demand_on_the_state_it_is_based_in_is_aimed_at_that_state():
    # The group is keyed by its own id, so its host state is another side.
    event = _event("A Taliban spokesman said the Afghan government must release the "
                   "prisoners.", "2012-05-01")
    assert (event.type, event.source.actor_id, event.target.country) == (
        "REQUEST", "TALIBAN", "AFG")


def test_an_armed_group_threatening_its_host_states_army_aims_at_that_state():
    event = _event("A spokesman for Abu Sayyaf said the group would kill the hostages unless "
                   "the Philippine army withdrew from the island.", "2001-05-01")
    assert (event.type, event.source.actor_id, event.target.country) == (
        "THREATEN", "ABU_SAYYAF", "PHL")


def test_an_abbreviation_glued_to_a_participle_names_the_party_behind_the_thing():
    # "U.S.-built" is one token to the parser; the United States is the radar's party.
    event = _event("The defence ministers of Peru and Bolivia say their armies will jointly "
                   "develop a military response to the deployment of a U.S.-built radar.",
                   "2016-05-01")
    assert _ends(event) == ("THREATEN", "PER", "USA")
