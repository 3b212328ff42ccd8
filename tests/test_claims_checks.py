"""Claims, near copies, consistency checks and the promise tracker, on short texts written here."""

from __future__ import annotations

import random
from datetime import date, timedelta

from newsbrief.checks.stage import run_checks
from newsbrief.checks.tracker import promise_tracker
from newsbrief.checks.undated import undated_sources
from newsbrief.claims.copies import STOCK_UNITS, find_copies
from newsbrief.claims.extract import extract_claims, load_claim_rules
from newsbrief.core.paths import CLAIM_RULES
from newsbrief.core.records import PublicationDate
from newsbrief.dating.context import Context, Place, PlaceName, Source, Tenure
from newsbrief.dating.publication import publication_date
from newsbrief.dating.timex import find_timexes
from newsbrief.ingest.files import build_article
from newsbrief.ingest.rules import load_ingest_rules

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
        Tenure(
            "Ruslan Sampleev",
            ("Ruslan Sampleev",),
            "Minister of Foreign Affairs of Kazakhstan",
            ("foreign minister",),
            "KZ",
            date(2019, 1, 1),
            None,
            "",
            SRC,
        ),
    ),
    place_names=(
        PlaceName(
            "Nur-Sultan", "Astana", ("Nur-Sultan",), date(2019, 3, 23), date(2022, 9, 17), SRC
        ),
    ),
    places=(
        Place("Kazakhstan", "country", "KZ", ("Kazakhstan",), ("Kazakh", "Kazakhstani"), SRC),
        Place("Pakistan", "country", "PK", ("Pakistan",), ("Pakistani",), SRC),
        Place("Almaty", "city", "KZ", ("Almaty",), (), SRC),
        Place("Astana", "city", "KZ", ("Astana", "Nur-Sultan"), (), SRC),
        Place("Lahore", "city", "PK", ("Lahore",), (), SRC),
        Place("Karachi", "city", "PK", ("Karachi",), (), SRC),
    ),
)
RULES = load_claim_rules(CLAIM_RULES)
INGEST = load_ingest_rules()


def published(when: date | tuple[date, date] | None) -> PublicationDate:
    """A publication date, or an undated article's (earliest, latest) bounds."""
    if isinstance(when, tuple):
        return PublicationDate(None, *when, "inferred", "text bounds")
    return PublicationDate(when, when, when, "catalog" if when else "unknown", "")


def corpus(*texts: tuple[str, date | tuple[date, date] | None]):
    """Articles a0, a1, ... from (text, publication date or bounds) pairs, with their claims."""
    articles, dates, timexes = [], {}, {}
    for n, (text, when) in enumerate(texts):
        article = build_article(
            f"a{n}", f"seeds/a{n}.txt", text.encode(), None, INGEST, frozenset()
        )
        articles.append(article)
        day = dates[article.article_id] = published(when)
        for s in article.sentences:
            timexes[(s.article_id, s.paragraph, s.sentence)] = find_timexes(
                s.text, day.anchor, anchor_min=day.date_min, anchor_max=day.date_max
            )
    claims = extract_claims(articles, dates, timexes, CONTEXT, RULES)
    return articles, dates, claims


def checks(*texts):
    articles, dates, claims = corpus(*texts)
    return run_checks(claims, articles, dates, find_copies(articles), CONTEXT), claims, dates


def kinds(findings) -> list[str]:
    return [f.check for f in findings]


# Claims


def test_the_same_event_phrased_three_ways_gets_one_key():
    _, _, claims = corpus(
        ("Direct flights between Almaty and Lahore will start in May.", date(2023, 1, 1)),
        ("Lahore and Almaty will be linked by direct flights soon.", date(2023, 2, 1)),
        ("An Almaty–Lahore direct flight is planned.", date(2023, 3, 1)),
    )
    assert {c.event for c in claims} == {"direct_flights:almaty-lahore"}


def test_a_city_named_by_its_old_name_is_the_current_city():
    _, _, claims = corpus(
        ("Direct flights between Nur-Sultan and Karachi will begin in June.", date(2021, 1, 1)),
    )
    assert claims[0].event == "direct_flights:astana-karachi"


def test_two_routes_each_take_their_own_date():
    _, _, claims = corpus(
        (
            "Starting in April, direct flights will link Almaty and Lahore, followed by "
            "Almaty and Karachi in May.",
            date(2023, 2, 1),
        ),
    )
    targets = {c.event: c.target_start for c in claims}
    assert targets == {
        "direct_flights:almaty-lahore": date(2023, 4, 1),
        "direct_flights:almaty-karachi": date(2023, 5, 1),
    }
    assert all(c.country_event == "direct_flights:kazakhstan-pakistan" for c in claims)


def test_country_level_flights_without_cities():
    _, _, claims = corpus(
        ("Flight operations between the two countries will begin shortly.", date(2023, 6, 1)),
    )
    assert (claims[0].event, claims[0].status, claims[0].target_text) == (
        "direct_flights:kazakhstan-pakistan",
        "planned",
        "shortly",
    )


def status_of(text: str) -> str:
    return corpus((text, date(2023, 6, 1)))[2][0].status


def test_statuses_from_wording():
    assert status_of("Direct flights between Almaty and Lahore will begin shortly.") == "planned"
    assert status_of("Direct flights between Almaty and Lahore began in April.") == "happened"
    assert (
        status_of("The launch of direct flights between Almaty and Lahore was postponed.")
        == "postponed"
    )
    assert (
        status_of("Both sides discussed launching direct flights between Almaty and Lahore.")
        == "under_discussion"
    )
    assert status_of("The flights between Almaty and Lahore were cancelled.") == "cancelled"
    assert (
        status_of("The minister welcomed the proposal to organize a business forum in Lahore.")
        == "proposed"
    )


def test_a_negated_start_is_not_done():
    assert status_of("Direct flights between Almaty and Lahore have not yet started.") == "planned"


def test_earlier_agreements_are_signed_whatever_the_verb_above_them_says():
    assert (
        status_of(
            "The new documents will join the pile of earlier agreements between Kazakhstan and "
            "Pakistan that produced little trade."
        )
        == "happened"
    )
    assert (
        status_of("Previous agreements between Kazakhstan and Pakistan may be reviewed.")
        == "happened"
    )
    assert status_of("New agreements between Kazakhstan and Pakistan will be signed.") == "planned"


def test_a_visit_names_who_visits_where():
    _, _, claims = corpus(
        ("The President of Kazakhstan is set to visit Pakistan later this year.", date(2023, 2, 1)),
        ("The Prime Minister invited Kazakhstan's President to visit Pakistan.", date(2023, 6, 1)),
    )
    assert {c.event for c in claims} == {"official_visit:president-of-kazakhstan->pakistan"}
    assert [c.status for c in claims] == ["planned", "proposed"]


def test_a_surname_after_the_full_name_is_that_person_and_their_visit_is_their_own():
    _, _, claims = corpus(
        (
            "Foreign Minister Ruslan Sampleev held talks in Islamabad.\n\n"
            "Sampleev is in Pakistan to prepare the President of Kazakhstan's visit to Pakistan "
            "in November.\n\n"
            "Sampleev arrived in Islamabad on Monday for a two-day visit.",
            date(2023, 9, 5),
        ),
    )
    arrived = [c for c in claims if c.quote.startswith("Sampleev arrived")]
    assert [c.event for c in arrived] == ["official_visit:foreign-minister-of-kazakhstan->pakistan"]
    assert arrived[0].status == "happened" and "Ruslan Sampleev" in arrived[0].actors


def test_a_visitor_the_context_does_not_know_is_not_the_articles_last_visit():
    _, _, claims = corpus(
        (
            "The President of Kazakhstan will visit Pakistan in November.\n\n"
            "Morgan arrived in Islamabad on Monday for a two-day visit.",
            date(2023, 9, 5),
        ),
    )
    assert [c.quote[:8] for c in claims] == ["The Pres"]


def test_a_visa_is_keyed_by_the_state_that_grants_it():
    def event(text: str) -> str:
        [claim] = corpus((text, date(2024, 1, 1)))[2]
        return claim.event

    assert event("Pakistan is considering five-year visas for business travellers.") == (
        "visa:business:pakistan"
    )
    assert event("Kazakhstan's business community will receive two-year visas.") == (
        "visa:business:pakistan"
    )
    assert event("Pakistani citizens could already apply for Kazakhstan's e-visa online.") == (
        "visa:general:kazakhstan"
    )
    assert event("Business visas for Kazakh traders will be issued within a week.") == (
        "visa:business:pakistan"
    )
    assert event("Kazakhstan and Pakistan agreed to ease visas for businessmen.") == "visa:business"


def test_one_states_visas_issued_do_not_conflict_with_the_others_considered():
    findings, _, _ = checks(
        (
            "Kazakhstan is issuing business visas to Pakistanis within a few days.",
            date(2024, 1, 12),
        ),
        ("Pakistan is considering five-year business visas for Kazakh traders.", date(2024, 6, 1)),
    )
    assert "conflict" not in kinds(findings)


def test_counts_of_agreements_are_kept_as_figures():
    _, _, claims = corpus(
        ("During the visit, 37 memorandums of understanding will be signed.", date(2023, 1, 1)),
    )
    assert claims[0].event == "agreement:mou" and claims[0].figures == (
        "37 memorandums of understanding",
    )


def test_boilerplate_makes_no_claims():
    _, _, claims = corpus(
        ("Also Read: Direct flights between Almaty and Lahore will begin", date(2023, 1, 1)),
    )
    assert claims == []


def test_quotes_are_verbatim_sentences():
    articles, _, claims = corpus(
        (
            "Islamabad – Direct flights between Almaty and Lahore will begin in May.",
            date(2023, 1, 1),
        ),
    )
    assert all(c.quote in articles[0].text for c in claims)


# Checks


def test_lapsed_start_date_is_a_slippage():
    findings, _, _ = checks(
        ("Direct flights between Almaty and Lahore will begin in April.", date(2023, 2, 1)),
        ("Flights between the two countries will begin shortly.", date(2023, 6, 10)),
    )
    slip = [f for f in findings if f.check == "slippage"]
    assert len(slip) == 1 and slip[0].days == 41  # April 30 to June 10
    assert slip[0].article_ids == ("a0", "a1")


def test_talk_of_flights_after_another_route_began_is_not_a_slippage_of_this_route():
    karachi_plan = (
        "Direct flights between Astana and Karachi will begin in June.",
        date(2023, 2, 1),
    )
    country_talk = ("Both sides discussed launching flights between the two countries.",)
    lahore_done = (
        "Direct flights between Almaty and Lahore began on 5 March 2023.",
        date(2023, 3, 6),
    )
    findings, _, _ = checks(karachi_plan, (country_talk[0], date(2023, 9, 1)))
    assert kinds(findings).count("slippage") == 1  # nothing between the two runs yet
    findings, _, _ = checks(karachi_plan, lahore_done, (country_talk[0], date(2023, 9, 1)))
    assert "slippage" not in kinds(findings)


def test_a_report_of_the_event_done_before_it_was_promised_is_not_its_delivery():
    promise = ("President Dana Sample will visit Pakistan in April.", date(2023, 2, 1))
    later = (
        "Relations were set up in February 1992, when President Dana Sample visited Pakistan. "
        "President Dana Sample is now expected to visit Pakistan later this year.",
        date(2023, 6, 1),
    )
    findings, _, _ = checks(promise, later)
    assert "slippage" in kinds(findings)


def test_a_later_report_of_the_event_done_late_is_fulfilled_late():
    findings, claims, dates = checks(
        ("Direct flights between Almaty and Lahore will begin in April.", date(2023, 2, 1)),
        ("Direct flights between Almaty and Lahore began in July.", date(2023, 8, 1)),
    )
    late = [f for f in findings if f.check == "fulfilled_late"]
    assert len(late) == 1 and late[0].days == 62  # April 30 to July 1
    tracker = promise_tracker(claims, findings, dates)
    assert tracker[0].verdict == "Promise Kept"


def test_done_then_not_done_is_a_conflict():
    findings, _, _ = checks(
        ("Direct flights between Almaty and Lahore began in March.", date(2023, 4, 1)),
        ("Direct flights between Almaty and Lahore have not yet started.", date(2023, 9, 1)),
    )
    assert "conflict" in kinds(findings)


def test_a_launch_reported_done_then_reported_postponed_to_a_later_first_flight_is_a_conflict():
    findings, _, _ = checks(
        ("Direct flights between Almaty and Karachi began in April.", date(2023, 5, 10)),
        (
            "The airline will operate its first flight between Almaty and Karachi on 15 October, "
            "after the April launch was postponed.",
            date(2023, 9, 20),
        ),
    )
    [conflict] = [f for f in findings if f.check == "conflict"]
    assert (
        conflict.article_ids == ("a0", "a1") and "reports it done (April 2023)" in conflict.summary
    )


def test_different_counts_for_the_same_signing_are_a_conflict():
    findings, _, _ = checks(
        ("During the visit, 37 memorandums of understanding will be signed.", date(2023, 1, 1)),
        ("During the visit, 30 memorandums of understanding will be signed.", date(2023, 1, 5)),
    )
    conflict = [f for f in findings if f.check == "conflict"]
    assert len(conflict) == 1 and "37" in conflict[0].summary and "30" in conflict[0].summary


def test_every_count_for_one_signing_is_listed_in_one_conflict_with_its_article():
    findings, _, _ = checks(
        *(
            (
                f"During the visit, {n} memorandums of understanding will be signed.",
                date(2023, 1, d),
            )
            for n, d in ((37, 1), (36, 2), (30, 3), (27, 4))
        )
    )
    [conflict] = [f for f in findings if f.check == "conflict"]
    assert conflict.article_ids == ("a0", "a1", "a2", "a3")
    for n, article in ((37, "a0"), (36, "a1"), (30, "a2"), (27, "a3")):
        assert f"“{n} memorandums of understanding” (an article of 2023-01-0" in conflict.summary
        assert f", {article})" in conflict.summary


def test_counts_for_signings_on_different_dates_are_not_compared():
    findings, _, _ = checks(
        ("On 5 March 2023, 20 agreements were signed in Astana.", date(2023, 3, 6)),
        ("On 20 March 2023, 12 agreements were signed in Lahore.", date(2023, 3, 21)),
    )
    assert "conflict" not in kinds(findings)


def test_a_count_over_the_whole_history_of_relations_is_not_compared_with_one_signing():
    signing = (
        "During the visit, 37 memorandums of understanding will be signed.",
        date(2023, 1, 1),
    )
    findings, _, _ = checks(
        signing,
        (
            "The two countries have signed 35 memorandums of understanding since the establishment of "
            "diplomatic relations.",
            date(2023, 1, 3),
        ),
    )
    assert "conflict" not in kinds(findings)
    findings, _, _ = checks(
        signing,
        (
            "The two countries have signed 35 memorandums of understanding this week.",
            date(2023, 1, 3),
        ),
    )
    assert "conflict" in kinds(findings)  # the same count of one occasion is compared


def test_more_than_a_count_agrees_with_any_larger_count_and_disagrees_with_a_smaller_one():
    signed = ("On Monday the two sides signed 37 memorandums of understanding.", date(2023, 1, 3))
    findings, _, _ = checks(
        signed,
        ("On Monday more than 30 memorandums of understanding were signed.", date(2023, 1, 4)),
    )
    assert "conflict" not in kinds(findings)
    findings, _, _ = checks(
        signed,
        ("On Monday more than 40 memorandums of understanding were signed.", date(2023, 1, 4)),
    )
    assert "conflict" in kinds(findings)
    findings, _, _ = checks(
        signed, ("On Monday up to 30 memorandums of understanding were signed.", date(2023, 1, 4))
    )
    assert "conflict" in kinds(findings)


def test_a_vague_count_or_a_part_of_a_set_is_not_compared():
    signed = ("On Monday the two sides signed 37 memorandums of understanding.", date(2023, 1, 3))
    for vague in (
        "On Monday some 30 memorandums of understanding were signed.",
        "On Monday the sides signed the documents; six of the memorandums of understanding were on trade.",
    ):
        findings, _, _ = checks(signed, (vague, date(2023, 1, 4)))
        assert "conflict" not in kinds(findings), vague


def test_different_dates_announced_for_the_same_event_are_a_conflict():
    findings, _, _ = checks(
        ("Direct flights between Almaty and Lahore will begin in April.", date(2023, 1, 1)),
        ("Direct flights between Almaty and Lahore will begin in September.", date(2023, 1, 10)),
    )
    assert "conflict" in kinds(findings)


def test_a_route_done_conflicts_with_a_later_country_level_plan_unless_another_route_is_to_come():
    lahore_done = (
        "Direct flights between Almaty and Lahore began on 5 March 2023.",
        date(2023, 3, 6),
    )
    country_plan = ("Flights between the two countries will begin shortly.", date(2023, 4, 1))
    findings, _, _ = checks(lahore_done, country_plan)
    assert [f.event for f in findings if f.check == "conflict"] == ["direct_flights:almaty-lahore"]
    karachi_plan = (
        "Direct flights between Astana and Karachi will begin in June.",
        date(2023, 1, 2),
    )
    findings, _, _ = checks(lahore_done, country_plan, karachi_plan)
    assert "conflict" not in kinds(findings)


def test_a_corridor_done_as_one_step_conflicts_with_a_later_postponement_but_not_a_later_plan():
    trial = (
        "Kazakh trucks tested a trade corridor from Kazakhstan to Pakistan in May.",
        date(2023, 6, 1),
    )
    plan = ("Kazakhstan and Pakistan will expand the trade corridor next year.", date(2023, 9, 1))
    delay = ("Kazakhstan and Pakistan postponed the trade corridor.", date(2023, 9, 1))
    findings, claims, _ = checks(trial, plan)
    assert [c.status for c in claims] == ["happened", "planned"]
    assert "conflict" not in kinds(findings)
    findings, _, _ = checks(trial, delay)
    assert "conflict" in kinds(findings)


def test_a_route_done_never_conflicts_with_another_route_planned():
    findings, _, _ = checks(
        ("Direct flights between Almaty and Lahore began on 5 March 2023.", date(2023, 3, 6)),
        ("Direct flights between Astana and Karachi will begin in June.", date(2023, 4, 1)),
    )
    assert "conflict" not in kinds(findings)


def test_different_routes_for_the_same_launch_are_a_conflict():
    findings, _, _ = checks(
        ("Direct flights between Almaty and Lahore will begin in April.", date(2023, 1, 1)),
        ("Direct flights between Astana and Karachi will begin in April.", date(2023, 1, 10)),
    )
    assert any(f.check == "conflict" and "different routes" in f.summary for f in findings)


def test_a_dated_commitment_nobody_mentions_again_has_no_follow_up():
    findings, claims, dates = checks(
        (
            "The parties agreed to organize a trade mission of Pakistan to Kazakhstan in the autumn of 2021.",
            date(2021, 7, 1),
        ),
        ("Relations are warm and trade is growing.", date(2023, 1, 1)),
    )
    assert kinds(findings) == ["no_follow_up"]
    # Silence is not evidence of a stall: the corpus cannot rate it.
    assert promise_tracker(claims, findings, dates)[0].verdict == "Not Yet Rated"


def test_a_proposal_nobody_takes_up_is_not_a_promise_without_follow_up():
    findings, claims, _ = checks(
        (
            "A chamber official proposed a Kazakhstan-Pakistan business forum in Karachi early next year.",
            date(2023, 9, 1),
        ),
        ("Relations are warm and trade is growing.", date(2025, 1, 1)),
    )
    assert [c.status for c in claims] == ["proposed"]
    assert "no_follow_up" not in kinds(findings)


def test_a_session_announced_again_for_a_later_year_has_been_followed_up():
    set_for_2025 = (
        "The next session of the joint commission between Kazakhstan and Pakistan will be held in "
        "Astana in 2025.",
        date(2024, 12, 10),
    )
    quiet = ("Relations between Kazakhstan and Pakistan are warm.", date(2026, 6, 1))
    findings, claims, _ = checks(set_for_2025, quiet)
    assert kinds(findings) == ["no_follow_up"]
    again = (
        "The next session of the joint commission between Kazakhstan and Pakistan will be held in "
        "Astana in the second half of the year.",
        date(2026, 2, 4),
    )
    findings, claims, _ = checks(set_for_2025, again, quiet)
    assert len({c.event for c in claims}) == 2  # two occurrences by their years
    assert "no_follow_up" not in kinds(findings)


def test_a_weaker_later_status_is_a_downgrade():
    findings, _, _ = checks(
        ("The President of Kazakhstan is set to visit Pakistan later this year.", date(2023, 2, 1)),
        ("The Prime Minister invited Kazakhstan's President to visit Pakistan.", date(2023, 6, 1)),
    )
    assert "downgraded" in kinds(findings)


def test_a_near_copy_with_a_few_words_changed_is_a_duplicate_source():
    base = (
        "The ambassador said that direct flights between Almaty and Lahore would begin in April and "
        "that the business communities of both countries should prepare for new opportunities."
    )
    changed = base.replace("would begin", "will start").replace("should prepare", "must get ready")
    findings, _, _ = checks((base, date(2023, 2, 1)), (changed, date(2023, 3, 1)))
    copies = [f for f in findings if f.check == "duplicate_source"]
    assert len(copies) == 1 and copies[0].article_ids == ("a0", "a1")


def test_unrelated_paragraphs_sharing_a_stock_phrase_are_not_copies():
    a = "Relations between the two countries are warm, and the leaders discussed energy and oil prices at length."
    b = "Students from the two countries are warm friends, and universities plan new scholarships for engineers."
    assert find_copies(corpus((a, date(2023, 1, 1)), (b, date(2023, 1, 2)))[0]) == []


def test_a_misspelt_country_adjective_is_a_name_variant():
    findings, _, _ = checks(
        ("Islamabad – Pakistan and Kazakh firms met to boost Pak-Kazik trade.", date(2023, 1, 1)),
    )
    variant = [f for f in findings if f.check == "name_variant"]
    assert len(variant) == 1 and "Kazik" in variant[0].summary


def test_an_undated_article_is_an_undated_source():
    findings, _, _ = checks(
        ("Relations are warm.", None),
    )
    assert kinds(findings) == ["undated_source"]


def test_an_undated_source_gives_the_facts_that_bound_it_and_quotes_them_first():
    text = (
        "The delegation met on 5 May 2018.\n"
        "President Dana Sample said a trade mission will travel in the autumn of 2021."
    )
    article = build_article("a0", "seeds/a0.txt", text.encode(), None, INGEST, frozenset())
    d = publication_date("a0", None, None, "", "", [s.text for s in article.sentences], CONTEXT)
    [finding] = undated_sources([article], {"a0": d})
    assert finding.summary == (
        "a0 states no date; it is placed between 2019-01-01 and 2021-11-30: not before 2019-01-01 because "
        "Dana Sample is named as President of Kazakhstan (in post from 2019-01-01; source: t); not after "
        "2021-11-30 because “in the autumn of 2021” is still ahead; the other facts are in articles.csv "
        "(date_evidence)."
    )
    assert [quote for _, quote in finding.evidence] == [
        "President Dana Sample said a trade mission will travel in the autumn of 2021.",
        "The delegation met on 5 May 2018.",
    ]


def test_an_undated_source_whose_facts_contradict_each_other_says_so_instead_of_a_range():
    text = "President Dana Sample spoke.\nA forum will open in March 2018."
    article = build_article("a0", "seeds/a0.txt", text.encode(), None, INGEST, frozenset())
    d = publication_date("a0", None, None, "", "", [s.text for s in article.sentences], CONTEXT)
    [finding] = undated_sources([article], {"a0": d})
    assert finding.summary.startswith(
        "a0 states no date, and the facts that would date it contradict each other: "
        "not before 2019-01-01 because Dana Sample is named as President"
    )
    assert "2018-03-31" in finding.summary and "placed between" not in finding.summary


def test_every_finding_quotes_its_articles_verbatim():
    texts = (
        ("Direct flights between Almaty and Lahore will begin in April.", date(2023, 2, 1)),
        (
            "Flights between the two countries will begin shortly, says a Pak-Kazik trade body.",
            date(2023, 6, 10),
        ),
    )
    articles, _, _ = corpus(*texts)
    findings, _, _ = checks(*texts)
    by_id = {a.article_id: a.text for a in articles}
    for finding in findings:
        assert finding.article_ids
        for article_id, quote in finding.evidence:
            assert quote in by_id[article_id]


def test_done_reports_surely_before_an_announcement_are_skipped_and_a_same_day_one_is_not():
    from newsbrief.checks.timeline import Timeline, When, when_of

    days = (date(2023, 1, 10), date(2023, 3, 1), date(2023, 5, 1))
    _articles, dates, claims = corpus(
        *(
            (f"Direct flights between Almaty and Lahore began on {d.day} {d:%B} {d.year}.", d)
            for d in days
        )
    )
    timeline = Timeline(claims, when_of(dates))
    event = claims[0].event
    assert [c.article_id for c in timeline.done(event)] == ["a0", "a1", "a2"]
    assert timeline.done_from(event, When(days[1], days[1])) == 1  # same day: not surely before
    assert timeline.done_from(event, When(date(2023, 3, 2), date(2023, 3, 2))) == 2
    assert timeline.done_from(event, When(None, None)) == 0
    assert timeline.done_from(event, When(date(2024, 1, 1), None)) == 3


def test_a_listed_real_word_is_not_a_name_variant():
    from dataclasses import replace

    from newsbrief.checks.names import name_variants

    articles, _, _ = corpus(
        ("Islamabad – Pakistan and Kazakh firms met to boost Pak-Kazik trade.", date(2023, 1, 1)),
    )
    assert name_variants(articles, CONTEXT)
    assert name_variants(articles, replace(CONTEXT, not_variants=frozenset({"kazik"}))) == []


def test_a_person_named_by_another_spelling_is_a_name_variant_but_a_part_of_the_name_is_not():
    from dataclasses import replace

    from newsbrief.checks.names import name_variants

    spelt = replace(CONTEXT.tenures[0], aliases=("Dana Sample", "Sample", "Dana Sampel"))
    context = replace(CONTEXT, tenures=(spelt,))
    articles, _, _ = corpus(
        ("President Sample met traders in Almaty.", date(2023, 1, 1)),
        ("Dana Sampel will visit Lahore, and Dana Sampel's aides said so.", date(2023, 2, 1)),
    )
    findings = [f for f in name_variants(articles, context) if f.event.startswith("person:")]
    assert [(f.event, f.article_ids) for f in findings] == [("person:Dana Sample", ("a1",))]
    assert "“Dana Sampel” (2 times in 1 article)" in findings[0].summary


def _variants(context: Context, *texts: str) -> list[str]:
    """The words the name-variant check reports (person aliases aside), one article per text."""
    from newsbrief.checks.names import name_variants

    articles, _, _ = corpus(*((t, date(2023, 1, 1)) for t in texts))
    found = [f for f in name_variants(articles, context) if f.event.startswith("name:")]
    return [f.summary.split("”")[0].lstrip("“") for f in found]


CHINA = Place("China", "country", "CN", ("China",), ("Chinese",), SRC)


def test_an_all_caps_acronym_is_not_a_name_variant_but_a_misspelt_name_beside_it_is():
    from dataclasses import replace

    context = replace(CONTEXT, places=(*CONTEXT.places, CHINA))
    text = "Leaders met at the CHNA Summit and praised the Chinna-Pakistan Route."
    assert _variants(context, text) == ["Chinna"]


def test_a_lone_capitalised_word_is_not_a_name_variant():
    from dataclasses import replace

    context = replace(CONTEXT, places=(*CONTEXT.places, CHINA))
    assert _variants(context, "The plane landed while the Chief of Staff waited at Lahore.") == []
    assert _variants(context, "The plane landed while the Chief Staff Officer waited.") == [
        "Chief"
    ]  # the same word inside a multiword name is a candidate


def test_a_given_name_shared_by_two_people_is_a_variant_only_with_the_whole_name():
    from dataclasses import replace

    def person(name: str) -> Tenure:
        return replace(CONTEXT.tenures[0], person=name, aliases=(name,))

    context = replace(CONTEXT, tenures=(person("Muhammad Dana Sample"), person("Ali Rahimov")))
    assert _variants(context, "Mohammad Ali Rahimov spoke in Almaty.") == []
    assert _variants(context, "Mohammad Kerimov spoke in Almaty.") == []
    assert _variants(context, "Mohammad Dana Sample spoke in Almaty.") == ["Mohammad"]


def test_a_place_in_the_gazetteer_is_not_a_variant_of_a_nearby_name():
    from dataclasses import replace

    crossing = Place("Kharlachi", "city", "PK", ("Kharlachi",), (), SRC)
    text = "Trucks will cross at the Kharlachi Border Post from May."
    assert _variants(CONTEXT, text) == ["Kharlachi"]  # close to Karachi, and not known
    assert _variants(replace(CONTEXT, places=(*CONTEXT.places, crossing)), text) == []


REPORT = (
    "Direct flights between Almaty and Lahore will begin on {day} May 2023, the envoy told "
    "reporters at a briefing held in the capital on Monday afternoon.\n\n"
    "The envoy said the carrier would first fly twice a week and add a third weekly service "
    "once enough travellers and traders had booked seats on the new route.\n\n"
    "He also urged tour operators, universities and business chambers in both cities to "
    "promote the connection among students, pilgrims and families with relatives abroad."
)


def test_a_republished_article_is_one_duplicate_finding_giving_how_many_paragraphs_it_shares():
    findings, _, _ = checks(
        (REPORT.format(day=10), date(2023, 2, 1)), (REPORT.format(day=10), date(2023, 2, 2))
    )
    [duplicate] = [f for f in findings if f.check == "duplicate_source"]
    assert duplicate.article_ids == ("a0", "a1")
    assert "share 3 paragraphs" in duplicate.summary


def test_a_republished_copy_that_changes_a_date_is_a_conflict_citing_both():
    findings, _, _ = checks(
        (REPORT.format(day=10), date(2023, 2, 1)), (REPORT.format(day=15), date(2023, 2, 2))
    )
    [changed] = [f for f in findings if f.check == "conflict" and "same report" in f.summary]
    assert "gives “on 10 May” in an article of 2023-02-01 (a0" in changed.summary
    assert "and “on 15 May” in an article of 2023-02-02 (a1" in changed.summary
    assert changed.article_ids == ("a0", "a1")
    assert [a for a, _ in changed.evidence] == ["a0", "a1"]
    assert "10 May 2023" in changed.evidence[0][1] and "15 May 2023" in changed.evidence[1][1]


def test_an_unchanged_republished_copy_is_no_conflict():
    findings, _, _ = checks(
        (REPORT.format(day=10), date(2023, 2, 1)), (REPORT.format(day=10), date(2023, 2, 2))
    )
    assert not [f for f in findings if f.check == "conflict"]


def test_a_statement_reworded_by_a_second_outlet_is_a_duplicate_source():
    first = (
        "Starting in June, a ferry will run between Aktau and Gwadar, followed by Aktau and Karachi in "
        "July. The envoy hopes this will help promote business-to-business and people-to-people "
        "relations across the region."
    )
    second = (
        "The envoy also noted that a ferry between Aktau and Gwadar would start in June and Aktau and "
        "Karachi in July this year to strengthen business-to-business and people-to-people contacts."
    )
    copies = find_copies(corpus((first, date(2023, 1, 1)), (second, date(2023, 2, 1)))[0])
    assert [(c.article_a, c.article_b) for c in copies] == [("a0", "a1")]
    assert 0.3 <= copies[0].similarity < 0.6


def test_the_same_fact_in_independent_words_is_not_a_copy():
    a = "Direct flights between Almaty and Lahore will begin in April, the airline told reporters in a statement."
    b = "Officials in Lahore expect that the new Almaty service, starting in April, will carry mostly traders."
    assert find_copies(corpus((a, date(2023, 1, 1)), (b, date(2023, 1, 2)))[0]) == []


def test_two_reports_that_share_only_a_long_official_name_are_not_copies():
    name = (
        "the sixth summit of the Conference on Interaction and Confidence Building Measures in Asia"
    )
    a = f"The prime minister is expected in Astana next week to attend {name}, officials said."
    b = f"The leaders held talks on Thursday on the sidelines of {name}, the presidency reported."
    assert find_copies(corpus((a, date(2023, 1, 1)), (b, date(2023, 1, 9)))[0]) == []
    # The same sentence around the name is still a copy.
    c = a.replace("officials said", "officials told reporters")
    assert len(find_copies(corpus((a, date(2023, 1, 1)), (c, date(2023, 1, 9)))[0])) == 1


def test_a_whole_clause_repeated_word_for_word_is_a_copy():
    a = "Direct flights between Almaty and Lahore will begin in April, the airline told reporters in a statement."
    b = "Officials expect that direct flights between Almaty and Lahore will begin in April despite the delays."
    assert len(find_copies(corpus((a, date(2023, 1, 1)), (b, date(2023, 1, 2)))[0])) == 1


# Words for paragraphs of an article's own: drawn at random, so no two articles share a run of them.
OWN_WORDS = [
    "amber",
    "basin",
    "cedar",
    "delta",
    "ember",
    "fjord",
    "grove",
    "harbour",
    "island",
    "juniper",
    "kettle",
    "lagoon",
    "meadow",
    "nectar",
    "orchard",
    "prairie",
    "quarry",
    "ridge",
    "summit",
    "tundra",
    "upland",
    "valley",
    "willow",
    "yarrow",
    "zephyr",
    "anchor",
    "beacon",
    "canyon",
    "dune",
    "estuary",
    "falcon",
    "glacier",
    "heron",
    "inlet",
    "jasmine",
    "kestrel",
    "lantern",
    "marsh",
    "north",
    "oasis",
    "pebble",
    "quill",
    "river",
    "saffron",
    "thistle",
    "umber",
    "violet",
    "walnut",
    "xylem",
    "yonder",
    "zinnia",
]


def own_paragraph(n: int, words: int = 40) -> str:
    draw = random.Random(f"article {n}")
    return " ".join(draw.choice(OWN_WORDS) for _ in range(words)).capitalize() + "."


REPRINTED = (
    "Direct flights between Almaty and Lahore will begin soon, the airline said after its board "
    "met the two ministers in the capital to review the delayed schedule and the leased aircraft."
)


def reprinted_in(n_articles: int):
    """An announcement, then `n_articles` later articles each reprinting one paragraph after a
    paragraph of their own."""
    return [
        ("Direct flights between Almaty and Lahore will begin in April.", date(2023, 2, 1)),
        *(
            (f"{own_paragraph(n)}\n{REPRINTED}", date(2023, 6, 1) + timedelta(days=n))
            for n in range(n_articles)
        ),
    ]


def test_a_paragraph_reprinted_in_more_articles_than_the_stock_limit_is_one_source():
    for n_articles in (STOCK_UNITS + 1, 200):
        articles, dates, claims = corpus(*reprinted_in(n_articles))
        copies = find_copies(articles)
        reprints = {f"a{n + 1}" for n in range(n_articles)}
        assert {a for c in copies for a in (c.article_a, c.article_b)} == reprints
        assert all(c.similarity == 1.0 and c.paragraph_a == c.paragraph_b == 1 for c in copies)
        findings = run_checks(claims, articles, dates, copies, CONTEXT)
        slipped = [f for f in findings if f.check == "slippage"]
        assert len(slipped) == 1
        assert f"({n_articles} later articles in all, 1 independent)" in slipped[0].summary
        [reprint] = [f for f in findings if f.check == "duplicate_source"]
        assert set(reprint.article_ids) == reprints
        assert reprint.summary.startswith(f"{n_articles} articles share copied text")
        assert f"and {n_articles - 3} more articles" in reprint.summary


def test_a_sign_off_line_in_sixty_paragraphs_does_not_make_them_copies():
    sign_off = "This report was filed by the wire service desk in Almaty for its subscribers."
    texts = [(f"{own_paragraph(n, 20)} {sign_off}", date(2023, 1, 1)) for n in range(60)]
    assert find_copies(corpus(*texts)[0]) == []


def test_the_ascii_word_pattern_reads_casefolded_ascii_as_the_unicode_one_does():
    from newsbrief.claims import copies

    for code in range(128):
        folded = chr(code).casefold()
        assert bool(copies._ASCII_WORD.fullmatch(folded)) == bool(copies._WORD.fullmatch(folded)), (
            code
        )
    assert copies.words("Astana’s TALKS, 2024") == ["astana", "s", "talks", "2024"]
    assert copies.words("Straße und Café") == ["strasse", "und", "café"]


def test_the_same_rules_file_is_compiled_once_and_an_edited_one_afresh(tmp_path):
    rules_file = tmp_path / "claim_rules.yml"
    rules_file.write_bytes(CLAIM_RULES.read_bytes())
    first = load_claim_rules(rules_file)
    assert load_claim_rules(rules_file) is first and first == RULES
    rules_file.write_text(
        CLAIM_RULES.read_text(encoding="utf-8").replace("focus_countries:", "focus_countries:  "),
        encoding="utf-8",
    )  # same meaning, new content: read again
    again = load_claim_rules(rules_file)
    assert again is not first and again == first


def test_a_check_no_family_gives_or_two_give_stops_the_checks():
    import pytest

    from newsbrief.checks.finding import Family
    from newsbrief.checks.stage import FAMILIES, in_check_order
    from newsbrief.core.events import CHECKS

    ordered = in_check_order()
    assert sorted(c for f in ordered for c in f.checks) == sorted(CHECKS)
    firsts = [min(CHECKS.index(c) for c in f.checks) for f in ordered]
    assert firsts == sorted(firsts)
    with pytest.raises(ValueError, match="undated_source"):
        in_check_order(tuple(f for f in FAMILIES if "undated_source" not in f.checks))
    with pytest.raises(ValueError, match="two families"):
        in_check_order((*FAMILIES, Family(("conflict",), lambda corpus: [])))


def test_a_session_met_and_a_next_session_to_come_are_not_one_event_in_conflict():
    findings, _, _ = checks(
        ("The joint commission has met and signed a protocol.", date(2022, 12, 27)),
        ("Officials said the joint commission would meet again soon.", date(2026, 2, 6)),
    )
    assert "conflict" not in kinds(findings)


def test_a_numbered_session_reported_held_then_still_to_come_is_a_conflict():
    findings, _, _ = checks(
        ("The 11th session of the joint commission was held in Lahore.", date(2022, 12, 27)),
        ("The 11th session of the joint commission will be held soon.", date(2023, 6, 1)),
    )
    assert "conflict" in kinds(findings)


def test_a_session_due_in_an_undated_article_does_not_slip_by_a_later_one_still_to_come():
    findings, claims, _ = checks(
        ("The joint commission will meet later this year.", (date(2023, 7, 1), date(2025, 9, 26))),
        ("The joint commission is still to meet, officials said.", date(2026, 2, 6)),
    )
    assert {(c.event, c.status) for c in claims} == {
        ("joint_commission:kazakhstan-pakistan", "planned")
    }
    assert "slippage" not in kinds(findings)


def test_a_dated_late_delivery_decides_over_an_undated_articles_bounds():
    findings, claims, _ = checks(
        ("Dana Sample will visit Pakistan in November.", date(2025, 9, 9)),
        ("Dana Sample arrived in Lahore on Tuesday.", date(2026, 2, 4)),
        ("Dana Sample left Lahore earlier this month.", (date(2023, 7, 1), date(2025, 9, 25))),
    )
    assert [c.target_approximate for c in claims if c.article_id == "a2"] == [True]
    late = [f for f in findings if f.check == "fulfilled_late"]
    assert [f.article_ids for f in late] == [("a0", "a1")]


def test_a_promise_recalled_after_its_date_is_not_a_report_of_the_event_still_to_come():
    promise = (
        "Direct flights between Almaty and Lahore will begin in March 2023.",
        date(2022, 12, 27),
    )
    done = ("Direct flights between Almaty and Lahore began on 8 July 2023.", date(2023, 7, 9))
    recalled = (
        "The commission had promised direct flights between Almaty and Lahore by March 2023.",
        date(2026, 2, 6),
    )
    findings, claims, _ = checks(promise, done, recalled)
    assert "conflict" not in kinds(findings)
    assert [c.recalled for c in claims] == [False, False, True]


def test_flights_still_not_begun_after_their_date_are_still_to_come():
    _, _, claims = corpus(
        (
            "Direct flights between Almaty and Lahore, promised for March 2023, have still not "
            "begun.",
            date(2023, 6, 1),
        ),
        (
            "Direct flights between Almaty and Lahore were due to begin in March 2023.",
            date(2023, 6, 1),
        ),
    )
    assert [c.recalled for c in claims] == [False, True]
