"""PLOVER events from quotations: the hard cases (conditional, denied, reported, cooperative)."""

from __future__ import annotations

from onrecord import extract as _extract


def extract(text: str, **meta):
    """The rules' events, none abstained: these tests are the coder's hard cases; what the
    default pipeline keeps of them is the confidence model's business (test_quotetype.py,
    the gold-set test below)."""
    return _extract(text, min_confidence=0.0, **meta)


def only_event(text: str, published: str = "2025-10-21"):
    article = extract(text, published=published)
    assert len(article.events) == 1, article.events
    return article, article.events[0]


def test_a_conditional_nuclear_threat_is_still_a_threat():
    article, event = only_event(
        "“If they strike our cities, we will answer with nuclear weapons,” "
        "Dmitry Medvedev said on Tuesday.")
    assert (event.type, event.mode) == ("THREATEN", "violence")
    assert "cbrn" in event.context
    assert event.condition == "If they strike our cities"
    assert (event.source.country, event.source.actor_id) == ("RUS", "dmitry-medvedev")
    assert event.quote_id == article.quotes[0].id
    assert event.intensity == -3.5


def test_the_evidence_span_is_the_quoted_words_holding_the_trigger():
    article, event = only_event(
        "Nato Secretary General Mark Rutte warned Moscow that the alliance would respond "
        "with overwhelming force if Russia attacked any of its members.")
    start, end = event.evidence
    assert "respond" in article.text[start:end]
    assert event.source.country == "NATO"
    assert event.target.country == "RUS"  # the addressee, "warned Moscow"
    assert event.hedged


def test_a_denied_threat_is_coded_negated():
    _, event = only_event("The Kremlin said Russia did not threaten Nato countries.")
    assert event.type == "THREATEN"
    assert event.negated


def test_force_words_looking_back_report_an_assault_by_their_subject():
    _, event = only_event(
        "Ukraine's air force said Russia launched dozens of drones at Kyiv overnight.")
    assert event.type == "ASSAULT"
    assert event.source.country == "RUS"


def test_a_demand_and_a_rejection():
    article = extract(
        "Andrii Sybiha said the European Union must adopt its next sanctions package.\n"
        "Sergei Lavrov said Moscow would never accept foreign troops on Ukrainian soil.",
        published="2025-12-09")
    assert [e.type for e in article.events] == ["REQUEST", "REJECT"]


def test_a_statement_with_no_event_words_codes_nothing():
    article = extract("The minister said the weather in Oslo had been pleasant all week.")
    assert article.quotes and not article.events


def test_a_reported_accusation_next_to_a_quotation_is_coded_between_its_parties():
    article = extract("Sergei Lavrov accused Germany of preparing for war against Russia, "
                      "saying Berlin was “playing with fire”.", published="2025-11-12")
    [event] = article.events
    assert (event.type, event.source.country, event.target.country) == ("ACCUSE", "RUS", "DEU")
    assert event.quote_id == article.quotes[0].id  # the quotation of its sentence
    start, end = event.evidence
    assert article.text[start:end] == "Germany of preparing for war against Russia"


def test_a_reported_act_in_a_sentence_without_a_quotation_codes_nothing():
    """Issue 5: events come from quotations and the acts reported in their sentences, so
    that every event points to the words it was coded from."""
    assert not extract("Sergei Lavrov accused Germany of preparing for war against Russia.",
                       published="2025-11-12").events


def test_a_directive_is_a_request_to_its_addressee():
    article = extract("Andrii Sybiha urged the European Union to adopt its next sanctions "
                      "package, adding that “every week of delay costs lives”.",
                      published="2025-12-09")
    [event] = article.events
    assert (event.type, event.source.country, event.target.country) == ("REQUEST", "UKR", "EU")
    assert event.quote_id == article.quotes[0].id


def test_a_reported_act_takes_no_condition_from_the_quotation_beside_it():
    article = extract("Israeli jets struck a Hezbollah depot near the coast hours after "
                      "Naim Qassem said the group “will not stand idly by” if the raids went on.",
                      published="2025-10-15")
    by_type = {e.type: e for e in article.events}
    assert by_type["ASSAULT"].condition is None  # the writer's report of a strike
    assert by_type["THREATEN"].condition == "if the raids went on"


def test_a_reported_act_without_a_named_other_party_codes_nothing():
    assert not extract("Rafael Grossi urged both sides to return to talks, saying that "
                       "“nobody wins a war at a nuclear plant”.").events


def test_a_reported_material_act_names_its_target_through_a_modifier():
    article = extract("Israeli jets struck a Hezbollah weapons depot in southern Lebanon "
                      "hours after Naim Qassem said the group “will not stand idly by”.",
                      published="2025-10-15")
    struck = next(e for e in article.events if e.type == "ASSAULT")
    assert (struck.source.country, struck.target.actor_id) == ("ISR", "HEZBOLLAH")
    start, end = struck.evidence
    assert article.text[start:end] == "a Hezbollah weapons depot in southern Lebanon hours after"
    assert struck.quote_id == article.quotes[0].id


def test_the_target_is_the_party_the_threatened_thing_belongs_to():
    _, event = only_event("China's defence minister Dong Jun said the army would crush any "
                          "attempt at Taiwanese independence.")
    assert (event.type, event.target.country) == ("THREATEN", "TWN")


def test_a_direct_quote_that_goes_on_with_a_threat_keeps_its_target():
    article = extract(
        "Dmitry Medvedev warned that Moscow would strike German arms factories.\n\n"
        "“Our response will be swift,” Medvedev wrote.", published="2025-11-12")
    assert [(e.type, e.target.country) for e in article.events] == \
        [("THREATEN", "DEU"), ("THREATEN", "DEU")]


def test_an_unknown_speaker_takes_the_side_their_description_names():
    _, event = only_event("Maduro's defence minister, Vladimir Padrino López, said the army "
                          "was ready to respond to any provocation.", published="2025-12-03")
    assert event.source.name == "Vladimir Padrino López" and event.source.actor_id is None
    assert event.source.country == "VEN"


def test_an_idiom_whose_negation_is_the_threat():
    _, event = only_event('Naim Qassem said the group "will not stand idly by" if Israel '
                          "widened its campaign.")
    assert event.type == "THREATEN" and not event.negated
    assert event.condition == "if Israel widened its campaign"


def test_a_rejection_said_with_a_negation_is_not_negated():
    _, event = only_event("“We will not give up our land,” Volodymyr Zelensky said.")
    assert event.type == "REJECT" and not event.negated


def test_no_plans_to_send_troops_is_a_negated_mobilisation():
    _, event = only_event("Marco Rubio said the United States had no plans to send ground "
                          "troops to Yemen.")
    assert event.type == "MOBILIZE" and event.negated


def test_a_denied_threat_does_not_hide_the_threat_made_next_to_it():
    _, event = only_event("Asim Munir said Pakistan did not want war but would defend every "
                          "inch of its territory if provoked.")
    assert event.type == "THREATEN" and not event.negated


def test_aid_announced_for_the_future_is_coded_as_the_aid():
    _, event = only_event("Emmanuel Macron said France would send more air defence systems "
                          "to Ukraine this winter.")
    assert event.type == "AID"


def test_advisers_sent_to_help_are_aid():
    _, event = only_event("The Estonian defence minister Ana Vor said her country would send "
                          "a dozen military advisers to train the coast guard.")
    assert event.type == "AID"


def test_an_act_weighed_as_the_subject_of_a_judgement_is_nobodys_promise():
    article = extract("The Kremlin warned Germany that supplying Taurus missiles to Ukraine "
                      "would make Berlin a direct party to the conflict.")
    assert [e.type for e in article.events if e.type in ("AGREE", "AID")] == []


def test_a_warning_of_a_quoted_consequence_keeps_its_condition():
    _, event = only_event("Khamenei warned Israel of a \"crushing response\" if it attacked Iran.")
    assert (event.type, event.condition) == ("THREATEN", "if it attacked Iran")
    assert event.target.country == "ISR"


def test_the_united_states_is_not_the_first_person_plural():
    [event] = extract("Lin Jian condemned a US arms package for Taiwan as a “grave "
                      "violation”.", published="2025-11-01").events
    assert (event.type, event.source.country, event.target.country) == ("ACCUSE", "CHN", "USA")


def test_the_event_gold_set_meets_the_acceptance_bars():
    """Issue 5's bars on our gold articles (``onrecord eval events`` prints the same numbers)."""
    from onrecord.eval.events import evaluate_events, load_event_gold
    from onrecord.pipeline import ArticleText, extract_many

    gold = load_event_gold()
    sources = [ArticleText(text=a.text, doc_id=a.id, published=a.published) for a in gold]
    # the rules' coverage of the hard cases: every event they code, none abstained
    report = evaluate_events(gold, list(extract_many(sources, min_confidence=0.0)))
    assert report.type.gold >= 60
    assert report.type.f1 >= 0.90
    assert report.condition.f1 >= 0.90
    assert report.source.rate >= 0.90 and report.target.rate >= 0.90
    # the default pipeline abstains where real news showed the rules wrong: it may miss
    # events, it must not invent them
    default = evaluate_events(gold, list(extract_many(sources)))
    assert default.type.precision >= 0.95 and default.threats_on_not_threats == 0


def test_defending_our_own_territory_names_no_target_so_the_adversary_carries_over():
    article = extract(
        "Irfaan Ali accused Caracas of “threatening the peace of the region”.\n\n"
        "“We will defend every square mile of our territory,” Ali told reporters.",
        published="2025-12-03")
    assert [(e.type, e.target.country) for e in article.events] == \
        [("ACCUSE", "VEN"), ("THREATEN", "VEN")]


def test_a_non_state_groups_leader_codes_as_the_group_not_its_host_state():
    """Issue 5: Israel -> Hezbollah is another series than Israel -> Lebanon."""
    _, event = only_event("Hezbollah chief Naim Qassem said the group would strike "
                          "Haifa if Israeli jets hit the southern suburbs again.",
                          published="2025-11-20")
    assert event.type == "THREATEN"
    assert (event.source.actor_id, event.source.country, event.source.sector) == \
        ("HEZBOLLAH", "LBN", "REB")
    assert event.target.country == "ISR"


def test_the_speaker_keeps_his_own_id_while_the_event_codes_the_group():
    article, event = only_event("Yahya Saree said the Houthis would attack any tanker bound "
                                "for Eilat.", published="2025-11-20")
    assert article.quotes[0].speaker.actor_id == "yahya-saree"
    assert event.source.actor_id == "HOUTHIS" and event.source.country == "YEM"


def test_a_state_acting_against_a_group_based_in_it_is_coded():
    _, event = only_event("Lebanese Prime Minister Nawaf Salam said the army would disarm "
                          "Hezbollah south of the river by the end of the year.",
                          published="2025-11-20")
    assert (event.source.country, event.target.actor_id) == ("LBN", "HEZBOLLAH")


def test_a_place_in_a_groups_home_territory_is_not_its_target():
    """"Hamas ... in Gaza" says where the group is; Gaza (PSE) is no other side."""
    _, event = only_event("Khalil al-Hayya said Hamas would not disarm while foreign troops "
                          "stayed in Gaza.", published="2025-11-20")
    assert event.source.actor_id == "HAMAS" and event.target is None


# Invented for these tests: threats and demands reported with an infinitive, no "that" clause.
INFINITIVE_THREATS = (
    "Israeli Defence Minister Israel Katz threatened on Monday to resume strikes on Gaza unless "
    "Hamas freed the remaining hostages by Friday.\n"
    "The Houthis vowed to keep attacking ships bound for Israel until the siege of Gaza was "
    "lifted.\n"
    "Egyptian Foreign Minister Badr Abdelatty called on Israel to reopen the Rafah crossing.\n"
    "Qatar's prime minister urged both sides to show restraint.\n"
    "Hamas tried to reach the mediators overnight, and Qatar is expected to host the next "
    "round.\n"
    "“We have threatened to strike before, and we will strike again if they fire at our "
    "cities,” Katz said.\n")


def test_a_threat_reported_with_an_infinitive_is_coded_with_its_condition():
    article = extract(INFINITIVE_THREATS, published="2025-10-20")
    by_cue = {q.cue: q for q in article.quotes}
    assert sorted(by_cue) == ["called on", "said", "threatened", "urged", "vowed"]
    events = {e.quote_id: e for e in article.events}

    threatened = events[by_cue["threatened"].id]
    assert (threatened.type, threatened.source.country, threatened.target.actor_id) == \
        ("THREATEN", "ISR", "HAMAS")  # the party the condition asks to act, not "Gaza"
    assert threatened.condition == "unless Hamas freed the remaining hostages by Friday"

    vowed = events[by_cue["vowed"].id]
    assert (vowed.type, vowed.source.actor_id) == ("THREATEN", "HOUTHIS")
    assert vowed.condition == "until the siege of Gaza was lifted"

    called = events[by_cue["called on"].id]
    assert (called.type, called.source.country, called.target.country) == \
        ("REQUEST", "EGY", "ISR")
    assert by_cue["called on"].addressee.name == "Israel"  # the state, not Israel Katz

    # "both sides" names no party to code a request against; the quoted threat is coded once.
    assert by_cue["urged"].id not in events
    assert [e.type for e in article.events if e.quote_id == by_cue["said"].id] == ["THREATEN"]
    assert len(article.events) == 4


def _events(text: str):
    return _extract(text, published="2025-11-01").events


def test_a_third_partys_strike_the_speaker_fears_is_no_threat_of_the_speaker():
    assert _events("The Ruritanian defence minister Ana Vor said she feared that Russia "
                   "could strike Ruritanian ports within days.") == []


def test_an_analysts_counterfactual_is_no_threat():
    assert _events("“If I ran the navy, I would sink those tankers,” said Tom Reyes, a "
                   "researcher at a think tank.") == []


def test_an_ally_acting_with_the_speaker_is_never_the_target():
    (event,) = extract("Belarus and Russia will use atomic weapons in the event of an "
                       "aggression against either of them, Alexander Lukashenko said.").events
    assert (event.type, event.source.country, event.target) == ("THREATEN", "BLR", None)
    assert "cbrn" in event.context
    assert event.condition == "in the event of an aggression against either of them"


def test_a_party_in_a_relative_clause_is_not_the_target():
    (event,) = extract("Iran will back any militia that fights Israel, Ali Khamenei said.").events
    assert event.target is None


def test_an_implicit_condition_is_kept_on_the_threat_and_names_no_own_target():
    (event,) = extract("Russia's foreign ministry said that whoever imposes new tariffs on "
                       "Moscow will face a response in kind.").events
    assert event.type == "THREATEN" and event.source.country == "RUS"
    assert event.condition == "whoever imposes new tariffs on Moscow"
    assert event.target is None


def test_every_event_has_a_confidence_and_the_threshold_can_be_lowered():
    from onrecord.pipeline import ArticleText, extract_many

    text = "Sara Lind said that if I were a general I would strike first, she joked."
    assert _events(text) == []
    (kept,) = next(extract_many([ArticleText(text=text)], min_confidence=0.0)).events
    assert kept.type == "THREATEN" and kept.confidence == 0.0
    (event,) = _events("“Germany will pay a price,” Dmitry Medvedev said.")
    assert 0.0 < event.confidence <= 1.0
    assert "signals" not in event.model_dump() and event.signals.type == "THREATEN"


def test_the_subject_of_a_passive_threat_is_its_target_not_its_doer():
    (event,) = _extract("Israeli officials said Iran would be destroyed if it dared to attack "
                        "with a nuclear weapon.", published="2025-11-01",
                        min_confidence=0.0).events
    assert event.type == "THREATEN" and event.confidence > 0.0
    assert (event.source.country, event.target.country) == ("ISR", "IRN")


def test_a_thing_that_threatens_is_a_danger_named_a_charge_not_a_threat():
    assert [e.type for e in extract(
        "“The arrival of those gunboats threatens the whole coast,” the Ruritanian foreign "
        "minister Ana Vor said on Monday.").events] == ["ACCUSE"]


def test_calling_a_neighbours_drills_a_danger_is_a_charge():
    assert [e.type for e in extract(
        "“Those drills pose a grave danger to the region,” the Estonian envoy Ana Vor "
        "said.").events] == ["ACCUSE"]


def test_being_threatened_tells_of_someone_elses_threat():
    assert "THREATEN" not in [e.type for e in extract(
        "The fishermen said they had been threatened with arrest at the harbour.").events]


def test_a_threat_made_against_the_speaker_is_not_the_speakers_threat():
    assert "THREATEN" not in [e.type for e in _extract(
        "“The council believes that by threatening us and harassing us it can silence us,” "
        "the Estonian envoy Ana Vor said.", min_confidence=0.0).events]


def test_a_war_that_is_only_the_topic_is_no_threat():
    assert "THREATEN" not in [e.type for e in extract(
        "The minister will consult the envoys on the war against smugglers, Ana Vor "
        "said.").events]


def test_our_own_response_is_still_a_threat():
    (event,) = extract("“Our response will be swift and it will be decisive,” the Ruritanian "
                       "foreign minister Ana Vor said on Monday.").events
    assert event.type == "THREATEN"


def test_a_charge_about_an_attack_is_an_accusation_not_the_attack():
    (event,) = extract("“Their shelling of the border villages was barbaric,” the Estonian "
                       "foreign minister Ana Vor said on Monday.").events
    assert event.type == "ACCUSE"


def test_the_reporting_verb_tells_the_confidence_model_whether_it_names_the_act():
    from onrecord.events.confidence import cue_says
    from onrecord.events.lexicon import lexicon
    from onrecord.nlp import load_nlp

    warned, said = load_nlp()("Vor warned and Vor said.")[1], load_nlp()("Vor said.")[1]
    assert cue_says(warned, "THREATEN", lexicon()) == "agrees"
    assert cue_says(said, "THREATEN", lexicon()) == "neutral"
    assert cue_says(None, "THREATEN", lexicon()) == "none"


def test_a_condition_in_another_sentence_makes_no_threat_of_a_plain_statement():
    assert "THREATEN" not in [e.type for e in extract(
        "“The other side has been using hunger as a weapon. If you ask the farmers, they will "
        "tell you the same,” the Estonian envoy Ana Vor said.").events]


def test_all_options_on_the_table_is_a_threat():
    (event,) = extract("“If they enrich further, the military option stays on the table,” "
                       "the Estonian envoy Ana Vor said.").events
    assert event.type == "THREATEN" and event.condition == "If they enrich further"


def test_a_wish_for_what_another_party_should_do_is_a_request():
    (event,) = extract("“We would like to see the blockade lifted within a week,” the Estonian "
                       "envoy Ana Vor said.").events
    assert event.type == "REQUEST"


def test_calling_a_report_baseless_rejects_it():
    (event,) = extract("“The report is baseless and we will never accept it,” the Estonian "
                       "foreign ministry said.").events
    assert event.type == "REJECT"


def test_according_to_plan_is_no_accord():
    assert extract("“Everything is going according to plan,” the Estonian envoy Ana Vor "
                   "said.").events == []


def test_what_our_own_side_should_do_asks_nothing_of_another_party():
    assert "REQUEST" not in [e.type for e in extract(
        "“We should train more teachers in the villages,” the Estonian minister Ana Vor "
        "said.").events]


def test_what_should_have_happened_judges_the_past_and_asks_nothing():
    assert "REQUEST" not in [e.type for e in extract(
        "“The convoy should never have been allowed through,” the Estonian minister Ana Vor "
        "said.").events]


def test_no_need_to_act_asks_nothing():
    assert "REQUEST" not in [e.type for e in extract(
        "“There was no need to close the market,” the Estonian minister Ana Vor "
        "said.").events]


def test_what_another_party_should_do_is_a_request():
    (event,) = extract("“The council should lift the ban on fishing boats,” the Estonian "
                       "minister Ana Vor said.").events
    assert event.type == "REQUEST"


def test_another_partys_wrongdoing_told_as_fact_is_a_charge():
    (event,) = extract("“Their police beat the reporters and censored the papers,” the "
                       "Estonian envoy Ana Vor said.").events
    assert event.type == "ACCUSE"


def test_a_wrong_our_own_side_did_is_no_charge():
    assert "ACCUSE" not in [e.type for e in extract(
        "“We failed to protect the convoy,” the Estonian minister Ana Vor said.").events]


def test_our_own_side_charging_another_is_a_charge():
    """Condemning is the speaker's own act, not a wrong the speaker's side did."""
    (event,) = extract("“We condemn the missile launch,” the Estonian minister Ana Vor "
                       "said.").events
    assert event.type == "ACCUSE"


def test_a_wrong_our_side_names_is_a_charge_its_owner_is_the_doer():
    assert "ACCUSE" in [e.type for e in extract(
        "“We regard the blockade as a provocation,” the Estonian minister Ana Vor "
        "said.").events]
    assert "ACCUSE" not in [e.type for e in extract(
        "“We regret our provocation at the border,” the Estonian minister Ana Vor "
        "said.").events]


def test_a_claim_called_deceit_charges_its_maker_one_called_baseless_is_rejected():
    (charge,) = extract("“The Latvian report is a fabrication,” the Estonian minister Ana Vor "
                        "said.").events
    (rejection,) = extract("“The Latvian report is baseless,” the Estonian minister Ana Vor "
                           "said.").events
    assert (charge.type, rejection.type) == ("ACCUSE", "REJECT")


def test_calling_for_something_asks_for_it():
    """A phrasal cue codes by its lemma and preposition, as "called on" does."""
    (event,) = extract("The Estonian minister Ana Vor called for “an immediate end” to the "
                       "Latvian blockade.").events
    assert (event.type, event.signals.basis) == ("REQUEST", "cue")


def test_a_wrong_that_is_only_the_topic_is_no_charge():
    assert "ACCUSE" not in [e.type for e in extract(
        "“The mayors will talk about corruption in the ports,” the Estonian minister Ana Vor "
        "said.").events]


def test_what_another_party_should_have_asked_for_judges_the_past():
    assert "REQUEST" not in [e.type for e in extract(
        "“If they wanted the smuggler, they should have requested his extradition,” the "
        "Estonian minister Ana Vor said.").events]


def test_a_material_act_another_state_did_is_vetoed_even_when_its_doer_resolves():
    text = ("Russian troops seized a Georgian police post on Sunday, the Georgian interior "
            "ministry said.")
    assert [e.type for e in _events(text)] == []
    (event,) = extract(text).events
    assert (event.type, event.source.country, event.confidence) == ("COERCE", "RUS", 0.0)


def test_being_prepared_to_fight_is_a_threat():
    (event,) = extract("“We are prepared to fight for every village,” the Ruritanian rebel "
                       "commander Ana Vor said.").events
    assert event.type == "THREATEN"


def test_a_reaction_weighed_for_the_future_is_a_threat():
    (event,) = extract("The Estonian foreign ministry said Estonia would consider an "
                       "appropriate reaction if the fishing boats were seized.").events
    assert event.type == "THREATEN" and event.condition == "if the fishing boats were seized"


def test_charges_that_may_be_brought_are_a_threat_of_arrest():
    (event,) = extract("The Estonian interior ministry said it may bring charges against the "
                       "organisers of the march.").events
    assert (event.type, event.mode) == ("THREATEN", "arrest")


def test_a_war_one_has_a_role_in_is_a_topic_even_after_a_warning():
    assert "THREATEN" not in [e.type for e in extract(
        "Ana Vor, the Estonian envoy, warned that Estonia plays a key role in the war on "
        "smuggling.").events]


def test_what_is_essential_that_another_party_does_is_a_request():
    (event,) = extract("“It is essential that the militias leave the port,” the Estonian "
                       "envoy Ana Vor said.").events
    assert event.type == "REQUEST"


def test_encouraging_another_party_is_a_request():
    (event,) = extract("“We encourage the Latvian government to reopen the border,” the "
                       "Estonian envoy Ana Vor said.").events
    assert event.type == "REQUEST"


def test_a_negated_event_is_less_sure_than_the_same_event_said_plainly():
    from onrecord.pipeline import ArticleText, extract_many

    plain, negated = (next(extract_many([ArticleText(text=text)], min_confidence=0.0)).events[0]
                      for text in ("“We will strike the depots,” the Estonian envoy Ana Vor said.",
                                   "“We will not strike the depots,” the Estonian envoy Ana Vor "
                                   "said."))
    assert (plain.type, negated.type) == ("THREATEN", "THREATEN")
    assert negated.negated and not plain.negated
    assert negated.confidence < plain.confidence


def test_a_denial_with_an_exception_is_a_conditional_threat():
    (event,) = extract("The Estonian envoy Ana Vor said Estonia would not use force unless its "
                       "border is crossed.").events
    assert (event.type, event.negated) == ("THREATEN", False)
    assert event.condition == "unless its border is crossed"
    (denied,) = _extract("The Estonian envoy Ana Vor said Estonia would not use force against "
                         "anyone.", min_confidence=0.0).events
    assert (denied.type, denied.negated) == ("THREATEN", True)


def test_a_party_branded_with_a_charged_word_is_accused():
    """Characterisations charge: "labelled them traitors", "the trial was a sham"."""
    (label,) = extract("The Estonian minister Ana Vor labelled the Latvian negotiators "
                       "“traitors”.").events
    (sham,) = extract("“The Latvian trial was a sham and the verdict unjust,” the Estonian "
                      "minister Ana Vor said.").events
    assert (label.type, sham.type) == ("ACCUSE", "ACCUSE")


def test_a_crime_is_a_charge_only_when_something_is_called_one():
    (called,) = extract("“The Latvian blockade is a crime,” the Estonian minister Ana Vor "
                        "said.").events
    assert called.type == "ACCUSE"
    assert "ACCUSE" not in [e.type for e in extract(
        "“The crime had nothing to do with the election,” the Estonian minister Ana Vor "
        "said.").events]


def _threats(text: str) -> list:
    return [e for e in extract(text).events if e.type == "THREATEN" and not e.negated]


def test_fighting_that_goes_on_is_no_threat():
    assert not _threats("“Our units will continue fighting the smugglers in the north,” the "
                        "Estonian minister Ana Vor said.")


def test_an_attack_foretold_is_no_partys_threat():
    assert not _threats("“More attacks could take place in the capital,” the Estonian "
                        "minister Ana Vor said.")


def test_a_harm_denied_by_its_subject_is_no_threat():
    assert not _threats("“Nothing can destroy the friendship of our peoples,” the Estonian "
                        "minister Ana Vor said.")


def test_a_harm_said_to_exist_is_foretold_unless_it_answers():
    """ "There will be another war": foretold, no party's threat; "there will be a response"
    is still the speaker's."""
    assert not _threats("“There will be a new war on the coast,” the Estonian minister Ana "
                        "Vor said.")
    assert not _threats("“War may break out in the spring,” the Estonian minister Ana Vor "
                        "said.")
    assert _threats("“There will be a harsh response,” the Estonian minister Ana Vor said.")


def test_a_harm_aimed_at_the_speakers_side_is_another_partys_act():
    """ "The enemy could strike our ports": a danger the speaker warns of; what the speaker
    answers with and defends stays the speaker's."""
    assert not _threats("“The smugglers could strike our harbours any day,” the Estonian "
                        "minister Ana Vor said.")
    assert not _threats("“The Latvians will attack us if we sign,” the Estonian minister Ana "
                        "Vor said.")
    assert _threats("“We will answer with all the means at our disposal,” the Estonian "
                    "minister Ana Vor said.")
    assert _threats("“We will defend our harbours to the last man,” the Estonian minister "
                    "Ana Vor said.")


def test_being_threatened_among_other_wrongs_suffered_is_no_threat():
    """ "were beaten, robbed and threatened": the passive reaches down the conjuncts."""
    assert not _threats("“The fishermen were detained, beaten and threatened,” the Estonian "
                        "minister Ana Vor said.")


def test_a_harm_the_speaker_would_avert_is_no_threat():
    """ "to defeat attacks on civil liberties": the attack is what the speaker fights off."""
    assert not _threats("The Estonian minister Ana Vor vowed to defeat any attack on the free "
                        "press.")


def test_a_threat_the_words_relay_from_another_party_is_not_the_speakers():
    """ "X said Y had warned that Y's men would strike": a relayed threat is vetoed; one the
    speaker relays from their own side is not."""
    (relayed,) = extract("“The smugglers' leader has vowed that his men will attack the "
                         "border post,” the Estonian minister Ana Vor said.").events
    assert (relayed.type, relayed.signals.agent, relayed.confidence) == ("THREATEN", "other", 0)
    (own,) = extract("“Our president has made clear that we will respond,” the Estonian "
                     "minister Ana Vor said.").events
    assert own.signals.agent == "speaker" and own.confidence > 0


def test_a_question_threatens_nobody():
    """ "asked whether Washington would strike", "Will you strike Iran?" """
    assert not extract("A reporter asked whether Estonia would strike the smugglers' boats.",
                       published="2025-11-01").events
    assert not _threats("“Would Latvia use force against the smugglers?” the Estonian "
                        "minister Ana Vor said.")


def test_warnings_of_consequences_are_threats_aimed_at_who_will_suffer_them():
    """ "will regret it", "will pay dearly", "will pay for his crimes", "a very heavy
    price": the subject suffers the harm and is the target."""
    texts = ["“Latvia will regret this decision,” the Estonian minister Ana Vor said.",
             "“Latvia will pay dearly for this,” the Estonian minister Ana Vor said.",
             "“The smugglers' boss will pay for his crimes,” the Estonian minister Ana Vor "
             "said.",
             "“Latvia will pay a very heavy price,” the Estonian minister Ana Vor said."]
    threats = [_threats(t) for t in texts]
    assert all(len(found) == 1 for found in threats), threats
    assert threats[0][0].target.country == "LVA"


def test_a_harm_our_own_side_will_suffer_is_no_threat():
    """ "We will pay a heavy price", "we would regret it"."""
    assert not _threats("“We will pay a heavy price for our silence,” the Estonian minister "
                        "Ana Vor said.")
    assert not _threats("“We would regret such a step,” the Estonian minister Ana Vor said.")


def test_ultimatums_are_threats_aimed_at_whom_they_give_a_deadline():
    """ "has ten days to comply", "must withdraw or face the consequences", "or else",
    "issued an ultimatum"; "we have two weeks to finish" is no ultimatum."""
    (deadline,) = _threats("The Estonian minister Ana Vor said Latvia had ten days to open "
                           "the border.")
    (or_face,) = _threats("“Latvia must open the border or face the consequences,” the "
                          "Estonian minister Ana Vor said.")
    assert deadline.target.country == or_face.target.country == "LVA"
    assert deadline.confidence > 0 and or_face.confidence > 0
    assert _threats("“Open the border, or else,” the Estonian minister Ana Vor said.")
    assert _threats("“We have issued an ultimatum to the smugglers,” the Estonian minister "
                    "Ana Vor said.")
    assert not _threats("“We have two weeks to finish the report,” the Estonian minister Ana "
                        "Vor said.")


def test_postures_that_keep_force_in_view_are_threats():
    """ "nothing is off the table", "will not tolerate", "no immunity for", "would not rule out
    military action", "will not hesitate to defend": the negation is part of the threat."""
    texts = ["“Nothing is off the table,” the Estonian minister Ana Vor said of Latvia.",
             "“We will not tolerate more incursions,” the Estonian minister Ana Vor said.",
             "“There is no immunity for anyone who smuggles arms,” the Estonian minister Ana "
             "Vor said.",
             "The Estonian minister Ana Vor said Tallinn would not rule out military action "
             "against the smugglers.",
             "“We will not hesitate to defend our harbours,” the Estonian minister Ana Vor "
             "said."]
    assert all(len(_threats(t)) == 1 for t in texts), [_threats(t) for t in texts]


def test_an_observers_would_strike_is_no_threat():
    """ "said Tom Reyes, a researcher at a think tank", "military analyst Jane Smith": an
    analyst's hypothetical; the minister's own words stay a threat."""
    texts = ["“If the talks fail, the army could strike the camps,” said Tom Reyes, a "
             "researcher at a think tank.",
             "Military analyst Jane Smith said Estonia would strike the camps if the talks "
             "failed."]
    assert not any(extract(t).events for t in texts)
    assert _threats("The Estonian minister Ana Vor said Estonia would strike the camps if "
                    "the talks failed.")


def test_the_enemy_is_another_party_whoever_speaks():
    """ "the enemy could launch missiles at any moment": a danger warned of, vetoed."""
    (event,) = extract("“The enemy could launch missiles at our harbours at any moment,” "
                       "the Estonian minister Ana Vor said.").events
    assert (event.signals.agent, event.confidence) == ("other", 0)


def test_punishment_sanctions_and_cutting_ties_announced_are_threats():
    """ "will hunt down", "will be held accountable", "bring to justice", "teach a lesson",
    "may freeze assets", "cut aid", "close our embassy", "will invade"."""
    texts = ["“We will hunt down the smugglers,” the Estonian minister Ana Vor said.",
             "“The smugglers will be held accountable,” the Estonian minister Ana Vor said.",
             "“We will bring the smugglers to justice,” the Estonian minister Ana Vor said.",
             "“We will teach Latvia a lesson,” the Estonian minister Ana Vor said.",
             "“We may freeze Latvian assets,” the Estonian minister Ana Vor said.",
             "“Tallinn will cut aid to Riga,” the Estonian minister Ana Vor said.",
             "“We could close our embassy in Riga,” the Estonian minister Ana Vor said.",
             "“If they cross the border, we will invade,” the Estonian minister Ana Vor said."]
    assert all(len(_threats(t)) == 1 for t in texts), [_threats(t) for t in texts]


def test_a_withdrawal_or_boycott_unless_another_acts_is_an_ultimatum():
    """ "will withdraw its peacekeepers unless a ceasefire is agreed" threatens; "if the
    ceasefire holds" it is a promised withdrawal."""
    (ultimatum,) = _threats("“We will withdraw our monitors unless the shelling stops,” the "
                            "Estonian minister Ana Vor said.")
    assert ultimatum.condition == "unless the shelling stops"
    assert not _threats("“We will withdraw our monitors if the truce holds,” the Estonian "
                        "minister Ana Vor said.")


def test_a_danger_feared_or_named_by_its_doers_kind_is_no_threat():
    """ "terrorists may attack the capital", said by a police chief; "we fear that the rebels
    will attack the town"."""
    (terror,) = extract("“Terrorists may attack the capital during the holidays,” the "
                        "Estonian minister Ana Vor said.").events
    assert (terror.signals.agent, terror.confidence) == ("other", 0)
    assert not _threats("“We fear that the smugglers will attack the port,” the Estonian "
                        "minister Ana Vor said.")


def test_cutting_cooperation_and_suing_are_threats():
    (cut,) = _threats("“We might stop sharing intelligence with Latvia,” the Estonian "
                      "minister Ana Vor said.")
    (sue,) = _threats("“We will take the Latvian ministry to court over the blockade,” the "
                      "Estonian minister Ana Vor said.")
    assert (cut.mode, sue.mode) == ("relations", "arrest")


def test_a_denied_word_gives_way_to_what_the_words_do():
    """ "will not yield to their demands" rejects: the denied demand is coded only when the
    words code nothing else."""
    (event,) = extract("“We will not yield to the Latvian demands,” the Estonian minister "
                       "Ana Vor said.").events
    assert (event.type, event.negated) == ("REJECT", False)


def test_praise_words_support_and_a_hyphenated_dismissal_rejects():
    (praise,) = extract("“The Latvian court's ruling is a milestone,” the Estonian minister "
                        "Ana Vor said.").events
    (dismissal,) = extract("The Estonian minister Ana Vor called the Latvian claims "
                           "“ill-founded”.").events
    assert (praise.type, dismissal.type) == ("SUPPORT", "REJECT")


def test_holding_a_party_responsible_calling_a_coup_and_being_appalled_charge():
    texts = ["“We hold Mr. Kalnins and his ministers fully responsible for the deaths,” the "
             "Estonian minister Ana Vor said.",
             "“The Latvian vote was a coup,” the Estonian minister Ana Vor said.",
             "The Estonian minister Ana Vor said she was “appalled” by the Latvian decision."]
    assert [[e.type for e in extract(t).events] for t in texts] == [["ACCUSE"]] * 3


def test_a_passive_charge_is_no_event_of_the_one_charged():
    article = extract("The Latvian envoy Juris Ozols was accused of “spying for a foreign "
                      "power”.")
    assert [q.cue for q in article.quotes] == ["was accused"]
    assert not article.events


def test_a_harm_weighed_as_the_subject_of_a_copula_is_no_threat():
    assert not _threats("“Military action would not be enough to end the smuggling,” the "
                        "Estonian minister Ana Vor said.")
    assert _threats("“Our response will be swift,” the Estonian minister Ana Vor said.")


def test_a_charge_the_words_report_is_not_the_speakers():
    """The one charged ("the accused"), a passive charge and the wrong a legal step is about
    are the court's or the police's charge, not the speaker's."""
    texts = ["The Estonian minister Ana Vor said the accused would leave Tallinn on Monday.",
             "The Estonian minister Ana Vor said the envoy had been accused of lying.",
             "The Estonian minister Ana Vor said the envoy was arrested for inciting riots.",
             "The Estonian minister Ana Vor said the inquiry into corruption would resume."]
    assert not any(e.type == "ACCUSE" for t in texts for e in extract(t).events)
    assert [e.type for e in extract(
        "“The Latvian envoy incited riots,” the Estonian minister Ana Vor said.").events] \
        == ["ACCUSE"]


def test_a_modal_that_supposes_and_an_appeal_to_a_court_ask_nothing():
    texts = ["The Estonian minister Ana Vor asked what would follow if the Latvian envoys "
             "should leave.",
             "“Should Latvia close the border, we would appeal the ruling,” the Estonian "
             "minister Ana Vor said.",
             "“The Latvian envoy talks more than he should,” the Estonian minister Ana Vor "
             "said."]
    assert not any(e.type == "REQUEST" for t in texts for e in extract(t).events)
    asked = [extract("“Latvia should lift the ban,” the Estonian minister Ana Vor said."),
             extract("“We appeal to Latvia to lift the ban,” the Estonian minister Ana Vor "
                     "said.")]
    assert [[e.type for e in a.events] for a in asked] == [["REQUEST"]] * 2


def test_a_charged_word_on_a_noun_charges_the_nouns_doer_not_the_sufferer():
    (event,) = extract("“We have suffered greatly from the cowardly smears against our "
                       "ministry,” the Estonian minister Ana Vor said.").events
    assert event.type == "ACCUSE"
    assert not extract("“We regret our cowardly silence,” the Estonian minister Ana Vor "
                       "said.").events


def test_refusals_by_class_reject():
    """A negated verb of giving in however far its negation, a claim called absurd, a result
    contested in court and an act pursued despite a warning are refusals."""
    texts = ["“We do not want to negotiate with the kidnappers,” the Estonian minister Ana "
             "Vor said.",
             "“Latvia will hold the exercise despite the Estonian warning,” the Latvian "
             "minister Juris Ozols said.",
             "The Latvian minister Juris Ozols vowed to contest the ruling in court.",
             "“The Estonian claim is absurd,” the Latvian minister Juris Ozols said."]
    assert [[e.type for e in extract(t).events] for t in texts] == [["REJECT"]] * 4
    assert not extract("“We will never retreat,” the Estonian minister Ana Vor said.").events


def test_asking_that_and_requesting_ask_and_a_direction_backs_nobody():
    asked = extract("The Estonian minister Ana Vor asked that the Latvian government reopen "
                    "the border.")
    requested = extract("The Estonian minister Ana Vor requested that the Latvian envoy "
                        "leave Tallinn.")
    assert [[e.type for e in a.events] for a in (asked, requested)] == [["REQUEST"]] * 2
    assert not extract("The Estonian minister Ana Vor asked whether the Latvian government "
                       "would reopen the border.").events
    assert not extract("“We will bring the island back under the rule of law,” the Estonian "
                       "minister Ana Vor said.").events
    (cowardly,) = extract("“The raid was not only cowardly but also stupid,” the Estonian "
                          "minister Ana Vor said.").events
    assert cowardly.type == "ACCUSE"


def test_a_wrong_named_only_as_its_own_attribute_charges():
    """ "was a coup", "pose a danger to": the wrong is the verb's attribute or object; a
    threat word in another clause or under a passive is no wrong the verb names."""
    named = ["“The Latvian vote was a coup d'etat,” the Estonian minister Ana Vor said.",
             "“The Latvian drills pose a grave danger to the region,” the Estonian minister "
             "Ana Vor said."]
    assert [[e.type for e in extract(t).events] for t in named] == [["ACCUSE"]] * 2
    unnamed = ["“We were told of direct threats against the summit,” the Estonian minister "
               "Ana Vor said.",
               "The Estonian minister Ana Vor said the warning was unusual but that threats "
               "of this kind were common.",
               "The Estonian minister Ana Vor said the lawyers may use the files in criminal "
               "proceedings."]
    assert not any(e.type == "ACCUSE" for t in unnamed for e in extract(t).events)


def test_broken_commitments_silencing_deceit_and_inflicted_harm_charge():
    texts = ["“The Latvian government has not followed through on its commitments,” the "
             "Estonian minister Ana Vor said.",
             "“Latvia is trying to silence the opposition,” the Estonian minister Ana Vor "
             "said.",
             "“Kalnins has been bluffing the Estonian people for years,” the Estonian minister "
             "Ana Vor said.",
             "“The Latvian militia inflicts suffering on the villagers,” the Estonian minister "
             "Ana Vor said."]
    assert [[e.type for e in extract(t).events] for t in texts] == [["ACCUSE"]] * 4


def test_promised_cooperation_agrees_working_with_cooperates_and_chants_protest():
    (promise,) = extract("The Estonian minister Ana Vor said he would cooperate with the "
                         "Latvian inquiry.").events
    (work,) = extract("The Estonian electoral body is working closely with the Latvian "
                      "observer mission, Ana Vor said.").events
    (chant,) = extract("Crowds in Tallinn marched through the square chanting “Down with "
                       "the junta!”").events
    assert (promise.type, work.type, chant.type) == ("AGREE", "COOPERATE", "PROTEST")


def test_a_deal_under_discussion_and_a_dialogue_entered_into_are_talks():
    texts = ["Estonia and Latvia also discussed energy cooperation agreements, according to "
             "officials in Tallinn.",
             "The Estonian ministry is engaging in a dialogue with the Latvian ministry, the "
             "Estonian minister Ana Vor said."]
    assert [[e.type for e in extract(t).events] for t in texts] == [["CONSULT"]] * 2


def test_a_wrong_judged_in_general_is_a_principle_not_a_charge():
    assert not extract("“Our position is simple: censorship is unacceptable,” the "
                       "Estonian minister Ana Vor said.").events
    (event,) = extract("“The Latvian blockade is illegal,” the Estonian minister Ana Vor "
                       "said.").events
    assert event.type == "ACCUSE"


def test_a_modal_asked_about_asks_nothing():
    assert not extract("The Estonian minister Ana Vor said the answer was not to tell "
                       "people how they should spend their money.").events
