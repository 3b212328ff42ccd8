"""Reading claims out of one sentence: the event key each kind of event gets, its status, its date
and its actors, on short sentences written here and the project's claim rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from newsbrief.claims.extract import ArticleState, Claim, load_claim_rules, sentence_claims
from newsbrief.core.paths import CLAIM_RULES
from newsbrief.dating.context import Context, Place, Source, Tenure
from newsbrief.dating.timex import find_timexes

SRC = (Source("t", "https://example.org"),)
CONTEXT = Context(
    tenures=(
        Tenure(
            "Dana Sample",
            ("Dana Sample",),
            "President of Kazakhstan",
            ("president",),
            "KZ",
            date(2019, 1, 1),
            None,
            "",
            SRC,
        ),
    ),
    place_names=(),
    places=(
        Place("Kazakhstan", "country", "KZ", ("Kazakhstan",), ("Kazakh", "Kazakhstani"), SRC),
        Place("Pakistan", "country", "PK", ("Pakistan",), ("Pakistani",), SRC),
        Place("Almaty", "city", "KZ", ("Almaty",), (), SRC),
        Place("Lahore", "city", "PK", ("Lahore",), (), SRC),
    ),
)
RULES = load_claim_rules(CLAIM_RULES)
DAY = date(2024, 5, 1)


def claims(text: str, day: date = DAY, state: ArticleState | None = None) -> list[Claim]:
    return sentence_claims("a", 1, 2, text, find_timexes(text, day), CONTEXT, RULES, day, state)


def events(text: str, day: date = DAY) -> list[tuple[str, str]]:
    return [(c.event, c.status) for c in claims(text, day)]


def test_a_sentence_without_any_event_words_makes_no_claim():
    assert claims("The ministers met in Almaty to discuss the weather.") == []


def test_a_named_officeholder_visits_in_the_office_the_context_gives_them():
    (visit,) = claims("Dana Sample will visit Pakistan next month.")
    assert visit.event == "official_visit:president-of-kazakhstan->pakistan"
    assert (visit.status, visit.target_text, visit.actors) == (
        "planned",
        "next month",
        ("Dana Sample", "Pakistan"),
    )


def test_an_office_of_a_state_is_the_visitor_and_its_holder_an_actor():
    assert events("The President of Pakistan will visit Kazakhstan.") == [
        ("official_visit:president-of-pakistan->kazakhstan", "planned")
    ]
    (visit,) = claims("Kazakhstan's President will visit Pakistan.")
    assert visit.event == "official_visit:president-of-kazakhstan->pakistan"
    assert visit.actors == ("Dana Sample", "Kazakhstan", "Pakistan")  # held the office on DAY


def test_the_officeholder_is_not_an_actor_when_the_article_is_undated():
    (visit,) = claims("Kazakhstan's President will visit Pakistan.", day=None)
    assert visit.actors == ("Kazakhstan", "Pakistan")


def test_this_visit_in_a_later_sentence_is_the_articles_last_visit():
    state = ArticleState()
    claims("Kazakhstan's President will visit Pakistan in June.", state=state)
    assert [c.event for c in claims("This visit will be followed by more.", state=state)] == [
        "official_visit:president-of-kazakhstan->pakistan"
    ]


def test_a_visit_with_no_visitor_and_no_earlier_visit_makes_no_claim():
    assert claims("The visit will be a success.") == []


def test_a_delegations_visit_is_the_delegation_not_an_official_visit():
    assert events("A Pakistani business delegation will visit Kazakhstan in June.") == [
        ("business_delegation:pakistan->kazakhstan", "planned")
    ]


def test_a_mission_of_one_state_to_another_goes_that_way():
    assert events("A trade mission from Kazakhstan will travel to Pakistan.") == [
        ("trade_mission:kazakhstan->pakistan", "planned")
    ]


def test_a_mission_whose_way_is_not_said_is_between_the_two_states():
    assert events("A trade mission will be organised.") == [
        ("trade_mission:kazakhstan-pakistan", "planned")
    ]


def test_an_agreement_is_keyed_by_its_nearest_subtype_word_else_the_default():
    assert events("The two sides signed an agreement on banking.") == [
        ("agreement:banking", "happened")
    ]
    assert events("The two sides signed an agreement.") == [("agreement:general", "happened")]


def test_several_agreements_in_one_sentence_are_several_claims_numbered_in_order():
    found = claims(
        "The two sides signed agreements on banking and a memorandum of understanding on transit."
    )
    assert [(c.claim_id, c.event) for c in found] == [
        ("a:1:2:0", "agreement:banking"),
        ("a:1:2:1", "agreement:mou"),
    ]


def test_a_forum_is_keyed_by_the_city_it_is_held_in():
    assert events("A business forum will be held in Almaty.") == [
        ("business_forum:almaty", "planned")
    ]
    assert events("A business forum will be held soon.") == [
        ("business_forum:kazakhstan-pakistan", "planned")
    ]


def test_without_a_status_word_the_date_says_whether_it_is_planned_or_done():
    text = "Direct flights between Almaty and Lahore in March 2025."
    assert events(text, day=date(2024, 5, 1)) == [("direct_flights:almaty-lahore", "planned")]
    assert events(text, day=date(2025, 6, 1)) == [("direct_flights:almaty-lahore", "happened")]


def test_a_route_claim_names_the_country_event_it_supports():
    (flight,) = claims("Direct flights between Almaty and Lahore will start in March 2025.")
    assert (flight.event, flight.country_event, flight.label) == (
        "direct_flights:almaty-lahore",
        "direct_flights:kazakhstan-pakistan",
        "Direct flights Almaty–Lahore",
    )
    assert (flight.target_start, flight.target_text) == (date(2025, 3, 1), "in March 2025")


def test_a_happening_is_not_dated_by_a_time_ahead():
    (signing,) = claims("The agreement on banking was signed; talks continue in June 2025.")
    assert signing.status == "happened" and signing.target_start is None


def test_transit_trade_ports_and_rail_links_are_corridors_but_a_transit_trade_agreement_is_not():
    for text in (
        "Kazakhstan and Pakistan will expand transit trade through Afghanistan.",
        "Pakistan offered Kazakhstan access to its seaports for cargo.",
        "Kazakh trucks reached Lahore on trial runs last month.",
        "A rail link between Kazakhstan and Pakistan is planned.",
    ):
        assert "corridor" in {c.kind for c in claims(text)}, text
    kinds = [c.kind for c in claims("The two sides will sign a transit trade agreement.")]
    assert kinds == ["agreement"]


def test_memorandums_declarations_and_signed_documents_are_agreements():
    for text in (
        "Kazakhstan and Pakistan signed a dozen memorandums in Almaty.",
        "The leaders adopted a joint declaration on strategic partnership.",
        "The documents signed in Lahore cover trade and energy.",
    ):
        assert "agreement" in {c.kind for c in claims(text)}, text


def test_a_date_of_what_an_agreement_covers_is_not_the_agreements_date():
    text = (
        "Four of the papers are memoranda covering shipments of grain between May and August 2025."
    )
    assert [c for c in claims(text, date(2024, 11, 2)) if c.target_start is not None] == []


def test_flights_an_agreement_allows_from_a_month_are_planned_for_that_month():
    text = (
        "The regulators signed an accord that allows flights between Almaty and Lahore from June."
    )
    found = {c.event: c for c in claims(text, date(2024, 11, 2))}
    assert found["agreement:general"].status == "happened"
    assert found["agreement:general"].target_start is None
    flights = found["direct_flights:almaty-lahore"]
    assert (flights.status, flights.target_start) == ("planned", date(2025, 6, 1))


def test_his_visit_in_a_phrase_is_the_visit_of_the_subject_of_the_clause():
    text = "During his ongoing visit to Pakistan, President Dana Sample met business leaders."
    assert events(text) == [("official_visit:president-of-kazakhstan->pakistan", "in_progress")]


def test_a_country_before_a_comma_does_not_give_the_next_office_its_state():
    text = "On the first day of his visit to Pakistan, President Dana Sample met traders."
    assert events(text) == [("official_visit:president-of-kazakhstan->pakistan", "happened")]


def test_the_visiting_president_and_a_president_on_a_visit_are_visits_under_way_or_done():
    assert events("The visiting Kazakh president laid a wreath in Lahore.") == [
        ("official_visit:president-of-kazakhstan->pakistan", "in_progress")
    ]
    text = "The Kazakh president, now in Lahore on an official visit, held talks with traders."
    assert events(text) == [("official_visit:president-of-kazakhstan->pakistan", "happened")]


def test_the_signing_of_agreements_is_done_or_ahead_as_the_verb_above_it_says():
    assert events("The leaders witnessed the signing of 37 agreements.") == [
        ("agreement:general", "happened")
    ]
    assert events("The leaders will witness the signing of several agreements.") == [
        ("agreement:general", "planned")
    ]
    assert events("The two sides postponed the signing of the agreement.") == [
        ("agreement:general", "postponed")
    ]


def test_access_to_a_seaport_is_a_corridor_as_the_coding_guide_says():
    text = "Kazakhstan wants reliable access to Karachi for its grain exports."
    assert events(text) == [("corridor:kazakhstan-pakistan", "proposed")]


def test_an_event_in_a_when_clause_happened_at_the_time_it_qualifies():
    text = "Relations were set up in February 1992, when President Dana Sample visited Pakistan."
    [visit] = claims(text)
    assert (visit.status, visit.target_start, visit.target_end) == (
        "happened",
        date(1992, 2, 1),
        date(1992, 2, 29),
    )


def test_a_headline_in_the_simple_present_reports_a_done_event_unless_dated_ahead():
    assert events("Pakistan and Kazakhstan sign 37 agreements to boost trade") == [
        ("agreement:trade", "happened")
    ]
    assert events("President Dana Sample arrives in Pakistan on state visit") == [
        ("official_visit:president-of-kazakhstan->pakistan", "happened")
    ]
    assert events("President Dana Sample arrives in Pakistan next week on a state visit.") == [
        ("official_visit:president-of-kazakhstan->pakistan", "planned")
    ]


def test_agreements_named_again_in_apposition_share_their_status():
    assert ("agreement:mou", "happened") in events("Pakistan, Kazakhstan sign 37 agreements, MoUs")


def test_documents_inked_are_agreements_signed():
    assert events("A total of 12 documents were inked during the talks.") == [
        ("agreement:general", "happened")
    ]


def test_trade_raised_to_a_figure_is_a_target_and_trade_that_rose_to_one_is_not():
    assert events("Both sides agreed to take bilateral trade to $1 billion.") == [
        ("trade_target:kazakhstan-pakistan", "planned")
    ]
    assert events("Trade between the two countries could reach $1 billion in three years.") == [
        ("trade_target:kazakhstan-pakistan", "proposed")
    ]
    assert events("Bilateral trade rose to $320 million in 2023.") == []


def test_a_president_who_will_travel_to_the_other_country_is_a_planned_visit():
    assert events("The Kazakh president will travel to Lahore in the coming months.") == [
        ("official_visit:president-of-kazakhstan->pakistan", "planned")
    ]


def test_the_one_who_accepts_an_invitation_to_visit_is_the_visitor():
    assert events("President Dana Sample accepted the invitation to visit Pakistan.") == [
        ("official_visit:president-of-kazakhstan->pakistan", "proposed")
    ]


def test_a_visit_or_service_that_continues_is_under_way():
    assert events("The state visit of President Dana Sample to Pakistan continues today.") == [
        ("official_visit:president-of-kazakhstan->pakistan", "in_progress")
    ]
    assert events("Direct flights between Almaty and Lahore continue to operate weekly.") == [
        ("direct_flights:almaty-lahore", "in_progress")
    ]


def test_access_to_the_sea_and_trucks_through_a_country_are_corridors():
    assert events("Pakistan offered Kazakhstan access to the Arabian Sea.") == [
        ("corridor:kazakhstan-pakistan", "proposed")
    ]
    assert events("Kazakh trucks reached Lahore through Afghanistan last month.") == [
        ("corridor:kazakhstan-pakistan", "happened")
    ]


def test_an_agreement_being_worked_on_is_under_discussion():
    assert ("agreement:trade", "under_discussion") in events(
        "Kazakhstan and Pakistan are working on a trade agreement."
    )


def test_a_seaport_is_one_the_gazetteer_marks_so(tmp_path):
    from newsbrief.core.paths import CONTEXT_DIR

    gazetteer = tmp_path / "gazetteer.yml"
    gazetteer.write_text(
        (CONTEXT_DIR / "gazetteer.yml")
        .read_text(encoding="utf-8")
        .replace("    seaport: true\n", ""),
        encoding="utf-8",
    )
    without = load_claim_rules(CLAIM_RULES, gazetteer=gazetteer)
    text = "Kazakhstan wants reliable access to Karachi for its grain exports."
    assert sentence_claims("a", 1, 2, text, find_timexes(text, DAY), CONTEXT, without, DAY) == []
    assert events(text) == [("corridor:kazakhstan-pakistan", "proposed")]


def test_a_plan_put_off_since_is_postponed_whatever_the_plan_recalled():
    assert events("The visit of the Kazakh president, planned for May, was put off.") == [
        ("official_visit:president-of-kazakhstan->pakistan", "postponed")
    ]
    assert events("The agreements, which were expected to be signed in May, were signed.") == [
        ("agreement:general", "happened")
    ]


def test_flights_held_up_or_slipped_are_postponed():
    assert events("The Almaty-Lahore flights have been held up by slot issues.") == [
        ("direct_flights:almaty-lahore", "postponed")
    ]
    assert events("The launch of the flights has slipped again.") == [
        ("direct_flights:kazakhstan-pakistan", "postponed")
    ]


def test_an_officeholder_landing_at_or_leaving_for_a_place_is_a_visit():
    assert events("Dana Sample landed at Lahore airport on Monday.") == [
        ("official_visit:president-of-kazakhstan->pakistan", "happened")
    ]
    assert events("Dana Sample left for Lahore on Monday.") == [
        ("official_visit:president-of-kazakhstan->pakistan", "happened")
    ]
    assert events("Dana Sample left Lahore on Monday with two new agreements.")[0] == (
        "official_visit:president-of-kazakhstan->pakistan",
        "happened",
    )
    assert events("The first flight landed at Lahore airport on Monday.") == [
        ("direct_flights:kazakhstan-pakistan", "happened")
    ]


def test_the_commission_names_the_joint_commission_once_the_article_has():
    state = ArticleState()
    claims("The joint commission met in Almaty in March.", state=state)
    (session,) = claims("The next session of the commission is due in Lahore in June.", state=state)
    assert (session.kind, session.status, session.target_text) == (
        "joint_commission",
        "planned",
        "in June",
    )
    assert claims("The commission is due to meet in June.", state=ArticleState()) == []


def test_the_trucks_and_containers_tell_of_the_corridor_once_the_article_has_named_it():
    state = ArticleState()
    claims("Kazakhstan sent trucks to Pakistan through Afghanistan last year.", state=state)
    (loaded,) = claims("The containers were then loaded onto a ship at the port.", state=state)
    assert (loaded.kind, loaded.status, loaded.in_scope) == ("corridor", "happened", True)
    (more,) = claims("The trucks are expected to return in June.", state=state)
    assert (more.kind, more.status, more.target_text) == ("corridor", "planned", "in June")
    assert claims("The containers were then loaded onto a ship.", state=ArticleState()) == []


def test_a_corridors_legs_line_and_transit_time_tell_of_it_once_the_article_has_named_it():
    state = ArticleState()
    claims("Kazakhstan sent trucks to Pakistan through Afghanistan last year.", state=state)
    for text, status in (
        ("Two trucks left Almaty in April.", "happened"),
        ("Cargo reached Lahore after 20 days.", "happened"),
        ("Door-to-door delivery took 38 days.", "happened"),
        ("The Afghan section is expected to be built by 2030.", "planned"),
    ):
        assert [(c.kind, c.status) for c in claims(text, state=state)] == [("corridor", status)]
    assert claims("Two trucks left Almaty in April.", state=ArticleState()) == []


def test_words_that_only_name_a_corridor_again_do_not_stop_its_own_cue_from_being_read():
    # "shipment" names a corridor again only after the article has named one; before that the
    # governor "completed" reaches the corridor's cue past it.
    (done,) = claims(
        "The first trial shipment on the new Kazakhstan-Pakistan corridor has been completed."
    )
    assert (done.kind, done.status) == ("corridor", "happened")


def test_land_links_railways_through_a_country_and_a_named_highway_are_corridors():
    for text in (
        "Kazakhstan wants to expand land connectivity with Pakistan over the next five years.",
        "Kazakhstan is interested in the planned railways through Afghanistan to Pakistan.",
        "Kazakh cargo could reach Pakistan by the Karakoram Highway.",
    ):
        assert "corridor" in {c.kind for c in claims(text)}, text


def test_a_road_map_for_trade_is_an_agreement_and_neither_document_names_them_again():
    state = ArticleState()
    (plan,) = claims(
        "Kazakhstan and Pakistan will adopt a road map for trade and investment.", state=state
    )
    assert (plan.kind, plan.status) == ("agreement", "planned")
    (again,) = claims("Neither document has been finalised so far.", state=state)
    assert (again.kind, again.status) == ("agreement", "planned")
    assert claims("Neither document has been finalised so far.", state=ArticleState()) == []
    assert claims("The road map of the old town was redrawn.") == []


def test_the_route_is_whichever_of_a_corridor_and_flights_the_article_named_last():
    state = ArticleState()
    claims("Kazakhstan wants access to Karachi port for its exports to Pakistan.", state=state)
    claims("Air Astana will launch Almaty-Lahore flights in March.", state=state)
    (air,) = claims("The route will be served twice a week.", state=state)
    assert (air.kind, air.status) == ("direct_flights", "planned")
    claims("Kazakh trucks reached Lahore through Afghanistan in May.", state=state)
    (road,) = claims("The route took 20 days.", state=state)
    assert (road.kind, road.status) == ("corridor", "happened")
    assert claims("The route took 20 days.", state=ArticleState()) == []


def test_a_route_to_the_sea_is_a_corridor_even_when_flights_were_named_last():
    state = ArticleState()
    claims("Air Astana will launch Almaty-Lahore flights in March.", state=state)
    (sea,) = claims(
        "Pakistan could offer Kazakhstan the shortest route to warm waters.", state=state
    )
    assert (sea.kind, sea.status) == ("corridor", "proposed")


def test_the_airline_flying_tells_of_the_flights_once_the_article_has_named_them():
    state = ArticleState()
    claims("Flights between Almaty and Lahore will start in March.", state=state)
    (weekly,) = claims("The airline will fly twice a week.", state=state)
    assert (weekly.kind, weekly.status) == ("direct_flights", "planned")
    assert claims("The airline will fly twice a week.", state=ArticleState()) == []


def test_the_target_names_the_trade_target_once_the_article_has():
    state = ArticleState()
    claims("Kazakhstan wants to raise trade with Pakistan to $1 billion.", state=state)
    (target,) = claims("He said the target could be met within a few years.", state=state)
    assert (target.kind, target.status, target.target_text) == (
        "trade_target",
        "proposed",
        "within a few years",
    )


def test_a_negated_past_without_a_status_word_is_still_to_come():
    assert events("The joint commission has not met, officials said.") == [
        ("joint_commission:kazakhstan-pakistan", "planned")
    ]
    assert events("The joint commission met in Almaty.") == [
        ("joint_commission:kazakhstan-pakistan", "happened")
    ]


def test_a_visa_free_regime_introduced_is_a_visa_regime_in_place():
    assert events("Kazakhstan has introduced a visa-free regime for Pakistani citizens.") == [
        ("visa:general:kazakhstan", "happened")
    ]


def test_a_document_being_finalised_is_under_discussion_not_under_way():
    assert events("A memorandum on trade is being finalised by the two ministries.") == [
        ("agreement:mou", "under_discussion")
    ]


def test_the_time_since_which_a_plan_has_waited_is_not_its_target():
    (claim,) = claims("The trade agreement, under negotiation since 2019, is still not ready.")
    assert (claim.status, claim.target_text) == ("planned", "")


def test_the_exchange_of_documents_is_a_signing():
    assert events("The leaders witnessed the exchange of documents on education.") == [
        ("agreement:general", "happened")
    ]


def test_no_flights_are_flights_not_yet_begun():
    assert events("There are still no direct flights between Almaty and Lahore.") == [
        ("direct_flights:almaty-lahore", "planned")
    ]
    assert events("No agreement on trade has been signed so far.") == [
        ("agreement:trade", "planned")
    ]


def test_delays_due_to_a_cause_are_not_plans_but_due_to_begin_is():
    assert events("The flights between Almaty and Lahore were cut due to low demand.") == [
        ("direct_flights:almaty-lahore", "happened")
    ]
    assert events("The flights between Almaty and Lahore are due to begin in June.") == [
        ("direct_flights:almaty-lahore", "planned")
    ]


def test_trade_targets_read_in_the_forms_officials_give_them():
    for text in (
        "The prime minister set a target of raising trade from about $250 million to $1 billion.",
        "The sides agreed to work towards increasing trade turnover to 1 billion US dollars.",
        "Leaders set $1bn trade goal",
        "Kazakhstan and Pakistan aim for $1 billion in trade",
    ):
        assert events(text) == [("trade_target:kazakhstan-pakistan", "planned")], text
    assert events("Trade rose from $200 million to $250 million last year.") == []


def test_a_forthcoming_visit_is_set_whatever_is_said_of_its_preparations():
    assert events("The two sides discussed the forthcoming visit of Dana Sample to Pakistan.") == [
        ("official_visit:president-of-kazakhstan->pakistan", "planned")
    ]


def test_wording_of_proposals_studies_and_lapses():
    assert events("The envoy pitched direct flights between Almaty and Lahore.") == [
        ("direct_flights:almaty-lahore", "proposed")
    ]
    assert events("A committee will examine the launch of flights between Almaty and Lahore.") == [
        ("direct_flights:almaty-lahore", "under_discussion")
    ]
    assert events("The air services agreement lapsed in 1993.") == [
        ("agreement:air_services", "cancelled")
    ]
    assert events("The air services to Lahore that were announced have not materialised.") == [
        ("direct_flights:kazakhstan-pakistan", "planned")
    ]


def test_an_action_plan_adopted_is_an_agreement_signed():
    assert events("Kazakhstan and Pakistan adopt Joint Action Plan") == [
        ("agreement:general", "happened")
    ]


def test_services_name_the_flights_again_once_the_article_has():
    state = ArticleState()
    claims("SCAT began flights between Almaty and Lahore in July.", state=state)
    (again,) = claims("Services to Lahore will double in October.", state=state)
    assert (again.kind, again.status) == ("direct_flights", "planned")
    assert claims("Rail services to Lahore will double in October.", state=state) == []
    assert claims("Services to Lahore will double in October.", state=ArticleState()) == []


def test_the_subject_of_an_agreement_is_not_an_event_of_its_own():
    assert [c.kind for c in claims("The air services agreement lapsed in 1993.")] == ["agreement"]


def test_a_scheduled_flight_operated_is_a_flight_flown_not_a_plan():
    assert events("SCAT operated its first scheduled flight between Almaty and Lahore.") == [
        ("direct_flights:almaty-lahore", "happened")
    ]


def test_an_agreement_named_only_as_the_basis_of_an_act_is_not_reported():
    assert events("The delegation travelled to Lahore under the cultural agreement.") == []
    assert events("Under the agreement signed in 2020, Almaty and Lahore grew closer.") == [
        ("agreement:general", "happened")
    ]


def test_a_clause_on_the_visitor_of_a_visit_is_said_of_the_visit():
    (visit,) = claims("They spoke of the visit of Dana Sample, which is expected in November.")
    assert (visit.status, visit.target_text) == ("planned", "in November")


def test_an_event_at_which_deals_were_signed_is_not_what_the_deals_are_about():
    found = events("Firms sign deals worth about $200m at the Lahore business forum")
    assert ("agreement:general", "happened") in found
    assert not [e for e in found if e[0].startswith("business_forum") and e[1] == "planned"]


def test_his_visit_said_by_him_is_his_own():
    assert events("Dana Sample said his visit to Pakistan marked a new phase.") == [
        ("official_visit:president-of-kazakhstan->pakistan", "happened")
    ]


def test_this_is_his_first_visit_is_a_visit_under_way():
    assert events("This is Dana Sample's first visit to Pakistan.") == [
        ("official_visit:president-of-kazakhstan->pakistan", "in_progress")
    ]
    assert events("This is a good agreement for both countries.") == []


def test_a_route_through_a_focus_country_is_the_pairs_corridor():
    gulf = Place("Oman", "country", "OM", ("Oman",), ("Omani",), SRC)
    context = replace(CONTEXT, places=(*CONTEXT.places, gulf))
    text = (
        "Kazakhstan has completed a first shipment to Oman along the corridor, "
        "sending goods by road through Pakistan."
    )
    (corridor,) = sentence_claims("a", 1, 2, text, find_timexes(text, DAY), context, RULES, DAY)
    assert (corridor.event, corridor.status, corridor.in_scope) == (
        "corridor:kazakhstan-pakistan",
        "happened",
        True,
    )


def test_the_future_of_a_verb_that_judges_an_event_does_not_plan_it():
    assert events("Dana Sample's visit to Pakistan will be remembered as a turning point.") == []
    assert events("Dana Sample will discuss flights between Almaty and Lahore.") == [
        ("direct_flights:almaty-lahore", "under_discussion")
    ]


def test_commitments_and_calls_for_an_early_launch():
    assert events("Both sides reaffirmed their commitment to launch flights to Lahore.") == [
        ("direct_flights:kazakhstan-pakistan", "planned")
    ]
    assert events("They stressed early operationalisation of the air link to Lahore.") == [
        ("direct_flights:kazakhstan-pakistan", "proposed")
    ]


def test_a_joint_ministerial_commission_is_a_joint_commission():
    assert events("The Joint Ministerial Commission will meet in Almaty in May.") == [
        ("joint_commission:kazakhstan-pakistan#2024", "planned")
    ]


def test_an_mou_on_flights_is_not_an_occasion_the_flights_are_on():
    found = events("A memorandum on flights to Lahore is expected to be signed next month.")
    assert ("direct_flights:kazakhstan-pakistan", "planned") in found
    assert ("agreement:mou", "planned") in found


def test_talks_ended_without_agreement_leave_it_to_come():
    assert events("The talks ended without agreement on trade.") == [("agreement:trade", "planned")]


def test_working_out_the_modalities_is_under_discussion():
    assert events("The two sides are working out the modalities for flights to Lahore.") == [
        ("direct_flights:kazakhstan-pakistan", "under_discussion")
    ]


def test_visits_told_with_the_day_between_arrival_and_place():
    assert events("Dana Sample arrived on Tuesday at Lahore airport.") == [
        ("official_visit:president-of-kazakhstan->pakistan", "happened")
    ]
    assert events("It is the first visit by Dana Sample to Pakistan in 23 years.") == [
        ("official_visit:president-of-kazakhstan->pakistan", "in_progress")
    ]


def test_a_visit_set_for_a_month_and_the_trip_named_again():
    state = ArticleState()
    (visit,) = claims("Dana Sample's visit to Pakistan is set for November.", state=state)
    assert (visit.status, visit.target_text) == ("planned", "for November")
    (trip,) = claims("The programme for the November trip was finalised.", state=state)
    assert trip.event == visit.event


def test_an_ambassador_going_about_the_country_of_his_post_is_not_on_a_visit():
    assert events("The Kazakh ambassador visited the Lahore chamber of commerce.") == []


def test_pressing_for_flights_is_a_proposal_and_an_unsigned_agreement_is_to_come():
    assert events("The minister pressed for direct flights between Lahore and Almaty.") == [
        ("direct_flights:almaty-lahore", "proposed")
    ]
    assert events("The transit trade agreement remains unsigned.") == [
        ("agreement:transit_trade", "planned")
    ]


def test_flights_take_off_in_a_headline_are_launched():
    assert events("Direct flights between Lahore and Almaty take off after months of delay") == [
        ("direct_flights:almaty-lahore", "happened")
    ]


def test_the_commissions_acronym_names_it():
    assert [
        e for e in events("Pakistan, Kazakhstan ink seven MoUs at the IGC") if "joint" in e[0]
    ] == [("joint_commission:kazakhstan-pakistan", "happened")]


def test_a_trade_target_past_a_clause_on_todays_trade():
    assert events(
        "They agreed to lift bilateral trade, which stands at about $239 million, to $1 billion."
    ) == [("trade_target:kazakhstan-pakistan", "planned")]


def test_a_sentence_can_tell_two_visits():
    found = events(
        "Dana Sample wrapped up a trip to Lahore that prepared the visit of Pakistan's prime "
        "minister to Almaty, set for May."
    )
    assert [e for e, _ in found] == [
        "official_visit:president-of-kazakhstan->pakistan",
        "official_visit:prime-minister-of-pakistan->kazakhstan",
    ]


def test_a_visit_pencilled_in_and_since_pushed_back_is_postponed():
    (visit,) = claims(
        "Much depends on Dana Sample's visit to Pakistan, pencilled in for November "
        "and since pushed back."
    )
    assert visit.status == "postponed"


def test_connected_by_a_scheduled_flight_is_a_flight_flown():
    assert events("Almaty and Lahore were connected by a scheduled flight on Saturday.") == [
        ("direct_flights:almaty-lahore", "happened")
    ]
