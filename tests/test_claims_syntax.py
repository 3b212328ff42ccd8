"""Claims read from the sentence's structure: status from the words that govern an event in its
clause, who takes part, which way a visit goes, one key per occurrence of a recurring event. Short
sentences written here, the project's claim rules and a small context."""

from __future__ import annotations

from datetime import date

from newsbrief.claims.extract import ArticleState, Claim, load_claim_rules, sentence_claims
from newsbrief.claims.stage import Claimed
from newsbrief.core.paths import CLAIM_RULES
from newsbrief.dating.context import Context, Place, Source, Tenure
from newsbrief.dating.timex import find_timexes

SRC = (Source("t", "https://example.org"),)
CONTEXT = Context(
    tenures=(
        Tenure(
            "Aru Testova",
            ("Aru Testova", "Testova"),
            "Minister of Foreign Affairs of Kazakhstan",
            ("foreign minister", "deputy prime minister"),
            "KZ",
            date(2020, 1, 1),
            None,
            "",
            SRC,
        ),
    ),
    place_names=(),
    places=(
        Place("Kazakhstan", "country", "KZ", ("Kazakhstan",), ("Kazakh", "Kazakhstani"), SRC),
        Place("Pakistan", "country", "PK", ("Pakistan",), ("Pakistani",), SRC),
        Place("Afghanistan", "country", "AF", ("Afghanistan",), ("Afghan",), SRC),
        Place("Azerbaijan", "country", "AZ", ("Azerbaijan",), ("Azerbaijani",), SRC),
        Place("Almaty", "city", "KZ", ("Almaty",), (), SRC),
        Place("Astana", "city", "KZ", ("Astana",), (), SRC),
        Place("Lahore", "city", "PK", ("Lahore",), (), SRC),
        Place("Islamabad", "city", "PK", ("Islamabad",), (), SRC),
        Place("Baku", "city", "AZ", ("Baku",), (), SRC),
    ),
)
RULES = load_claim_rules(CLAIM_RULES)
DAY = date(2024, 5, 15)


def claims(text: str, day: date | None = DAY, state: ArticleState | None = None) -> list[Claim]:
    return sentence_claims("a", 0, 0, text, find_timexes(text, day), CONTEXT, RULES, day, state)


def read(text: str, kind: str) -> Claim:
    (found,) = [c for c in claims(text) if c.kind == kind]
    return found


def status(text: str, kind: str) -> str:
    return read(text, kind).status


# Status from what governs the event


def test_an_official_on_a_visit_is_a_visit_under_way():
    assert status("The Kazakh president is on a two-day visit to Pakistan.", "official_visit") == (
        "in_progress"
    )


def test_arriving_on_a_visit_is_a_visit_that_happened():
    text = "The Kazakh foreign minister arrived in Islamabad on Monday for a three-day visit."
    assert status(text, "official_visit") == "happened"


def test_agreements_signed_during_a_visit_under_way_are_done_and_the_visit_is_under_way():
    found = claims("During the visit of the Kazakh president, the two sides have signed 12 MoUs.")
    assert {c.kind: c.status for c in found} == {
        "official_visit": "in_progress",
        "agreement": "happened",
    }


def test_flights_an_agreement_allows_are_planned_with_the_agreements_date_for_them():
    text = (
        "The aviation authorities signed an agreement that allows flights between Almaty and "
        "Lahore from March 2025."
    )
    agreement, flights = read(text, "agreement"), read(text, "direct_flights")
    assert agreement.status == "happened"
    assert (flights.status, flights.target_text, flights.target_start) == (
        "planned",
        "from March 2025",
        date(2025, 3, 1),
    )


def test_a_status_word_of_another_clause_does_not_count():
    text = "Pakistan signed a transit agreement, and flights between Almaty and Lahore will begin."
    assert status(text, "direct_flights") == "planned"
    text = "Officials who discussed the visa regime said flights between Almaty and Lahore began."
    assert status(text, "direct_flights") == "happened"


def test_a_visit_that_has_not_taken_place_or_never_materialised_is_still_expected():
    assert status(
        "The Kazakh president's visit to Pakistan has not taken place.", "official_visit"
    ) == ("planned")
    assert status(
        "Direct flights between Almaty and Lahore never materialised.", "direct_flights"
    ) == ("planned")


def test_may_and_considering_are_proposals_and_expected_to_is_a_plan():
    assert status("Direct flights between Almaty and Lahore may start.", "direct_flights") == (
        "proposed"
    )
    text = "The airline is considering direct flights between Almaty and Lahore."
    assert status(text, "direct_flights") == "proposed"
    text = "Direct flights between Almaty and Lahore are expected to start in June."
    assert status(text, "direct_flights") == "planned"


def test_a_plan_put_off_stays_put_off_under_a_framing_verb():
    text = "The two sides agreed to postpone the direct flights between Almaty and Lahore."
    assert status(text, "direct_flights") == "postponed"


# Who takes part


def test_flights_of_another_pair_are_out_of_scope():
    (flights,) = claims("Flights between Islamabad and Baku will resume next month.")
    assert (flights.event, flights.in_scope) == ("direct_flights:baku-islamabad", False)
    assert set(flights.participants) == {"Pakistan", "Azerbaijan"}


def test_a_forum_of_another_pair_is_out_of_scope_and_the_pairs_is_in():
    (other,) = claims("A Kazakh-Afghan business forum opened in Astana on Monday.")
    assert (other.in_scope, set(other.participants)) == (False, {"Kazakhstan", "Afghanistan"})
    (ours,) = claims("A Kazakh-Pakistani business forum opened in Astana on Monday.")
    assert ours.in_scope


def test_a_country_on_the_way_does_not_take_the_pair_out_of_scope():
    (corridor,) = claims(
        "Kazakhstan and Pakistan agreed to develop a corridor through Afghanistan."
    )
    assert corridor.in_scope


def test_an_event_naming_no_state_belongs_to_the_articles_pair():
    state = ArticleState(pair=("Pakistan", "Azerbaijan"))
    (forum,) = claims("The business forum will be held tomorrow.", state=state)
    assert (forum.in_scope, set(forum.participants)) == (False, {"Pakistan", "Azerbaijan"})
    (forum,) = claims("The business forum will be held tomorrow.")
    assert forum.in_scope


def test_out_of_scope_claims_never_reach_the_checks_and_a_visit_under_way_counts_as_done():
    found = claims("Flights between Islamabad and Baku will resume next month.") + claims(
        "The Kazakh president is on a two-day visit to Pakistan."
    )
    claimed = Claimed([], {}, CONTEXT, found, [])
    assert [(c.kind, c.status) for c in claimed.pair_claims] == [("official_visit", "happened")]


# Which way a visit goes


def test_the_visitors_country_decides_the_direction_not_the_word_order():
    expected = "official_visit:deputy-prime-minister-of-kazakhstan->pakistan"
    for text in (
        "Kazakhstan's Deputy Prime Minister arrived in Islamabad on a two-day visit.",
        "In Islamabad, Pakistan welcomed Kazakhstan's Deputy Prime Minister, who is on a visit.",
    ):
        assert read(text, "official_visit").event == expected, text


def test_a_person_the_context_knows_visits_in_their_office():
    visit = read("Testova arrived in Islamabad on a working visit.", "official_visit")
    assert visit.event == "official_visit:foreign-minister-of-kazakhstan->pakistan"


def test_the_one_invited_is_the_visitor():
    text = "The Pakistani premier renewed his invitation to the Kazakh president to pay a visit."
    visit = read(text, "official_visit")
    assert (visit.event, visit.status) == (
        "official_visit:president-of-kazakhstan->pakistan",
        "proposed",
    )


def test_an_official_arriving_is_a_visit_with_or_without_the_word_visit():
    for text in (
        "Kazakhstan's Deputy Prime Minister arrived in Islamabad on Monday for talks.",
        "Testova travelled to Islamabad last week.",
    ):
        visit = read(text, "official_visit")
        assert visit.status == "happened", text
        assert visit.event.endswith("-of-kazakhstan->pakistan"), text


def test_a_flight_or_a_cargo_arriving_is_nobodys_visit():
    for text in (
        "The first passenger flight from Almaty landed in Lahore on Saturday.",
        "The first Kazakh cargo train arrived in Islamabad last week.",
    ):
        assert not [c for c in claims(text) if c.kind == "official_visit"], text


# Occurrences of recurring events


def test_numbered_sessions_of_the_joint_commission_are_different_events():
    ninth = read("The 9th session of the joint commission was held in 2020.", "joint_commission")
    eleventh = read(
        "The eleventh session of the joint commission was held in 2022.", "joint_commission"
    )
    assert ninth.event == "joint_commission:kazakhstan-pakistan#9"
    assert eleventh.event == "joint_commission:kazakhstan-pakistan#11"


def test_the_next_session_after_a_numbered_one_is_the_following_number():
    state = ArticleState()
    claims("The 11th session of the joint commission was held in Islamabad.", state=state)
    (following,) = claims(
        "The next session of the joint commission will be held in Astana.", state=state
    )
    assert (following.event, following.status) == (
        "joint_commission:kazakhstan-pakistan#12",
        "planned",
    )


def test_an_unnumbered_session_is_told_apart_by_the_year_of_its_date():
    met = read("The joint commission met in Astana in March 2023.", "joint_commission")
    assert met.event == "joint_commission:kazakhstan-pakistan#2023"


def test_each_round_of_consultations_is_its_own_occurrence():
    fifth = read(
        "The fifth round of political consultations was held in Astana in 2023.", "consultations"
    )
    sixth = read(
        "The sixth round of political consultations will be held in Islamabad in 2024.",
        "consultations",
    )
    assert (fifth.event, fifth.status) == ("consultations:kazakhstan-pakistan#5", "happened")
    assert (sixth.event, sixth.status) == ("consultations:kazakhstan-pakistan#6", "planned")


# What is hoped for, likely, put off or stopped


def test_a_clause_hoped_for_is_proposed_and_a_clause_said_keeps_its_own_status():
    hoped = "The envoy hoped that flights between Almaty and Lahore would start in May."
    said = "The envoy said that flights between Almaty and Lahore would start in May."
    assert status(hoped, "direct_flights") == "proposed"
    assert status(said, "direct_flights") == "planned"


def test_a_hope_does_not_undo_what_is_done():
    text = "The envoy hoped the flights between Almaty and Lahore that began in May would continue."
    assert status(text, "direct_flights") != "proposed"


def test_an_officeholder_likely_to_pay_a_visit_is_the_visitor_of_a_planned_visit():
    text = "The Kazakh president is likely to pay a visit to Pakistan in October."
    visit = read(text, "official_visit")
    assert (visit.event, visit.status, visit.target_text) == (
        "official_visit:president-of-kazakhstan->pakistan",
        "planned",
        "in October",
    )


def test_a_visit_originally_planned_for_a_month_has_been_postponed():
    text = "The visit of the Kazakh president to Pakistan, originally planned for May, is now due in August."
    assert status(text, "official_visit") == "postponed"


def test_wishes_and_readiness_propose():
    wish = "Islamabad would like to sign a visa agreement with Astana."
    ready = "Kazakhstan is ready to finance a railway to the port of Karachi."
    assert status(wish, "agreement") == "proposed"
    assert status(ready, "corridor") == "proposed"


def test_a_service_no_longer_in_operation_is_cancelled():
    text = "The Almaty-Lahore flights of the Kazakh airline are not currently in operation."
    assert status(text, "direct_flights") == "cancelled"


def test_a_visit_looked_forward_to_is_planned_not_done():
    text = "The minister looked forward to the visit of the Kazakh president to Pakistan next year."
    assert status(text, "official_visit") == "planned"


def test_a_visit_prepared_for_is_planned():
    text = "The two sides prepare for the visit of the Kazakh president to Pakistan in November."
    visit = read(text, "official_visit")
    assert (visit.status, visit.target_text) == ("planned", "in November")


def test_a_visit_something_is_wanted_in_time_for_is_still_to_come():
    text = "Kazakhstan wanted the talks concluded in time for the Kazakh president's visit to Pakistan."
    assert status(text, "official_visit") == "planned"
