"""The promise tracker's six verdicts, each from a small story written for the test."""

from __future__ import annotations

from datetime import date

from test_claims_checks import checks

from newsbrief.checks.tracker import promise_tracker


def verdict_of(event: str, *texts: tuple[str, date | None]) -> str:
    findings, claims, dates = checks(*texts)
    rows = {p.event: p.verdict for p in promise_tracker(claims, findings, dates)}
    return rows[event]


ROUTE = "direct_flights:almaty-lahore"


def test_a_promise_reported_done_is_kept():
    assert (
        verdict_of(
            ROUTE,
            ("Direct flights between Almaty and Lahore will begin in April.", date(2023, 2, 1)),
            ("Direct flights between Almaty and Lahore began in April.", date(2023, 5, 1)),
        )
        == "Promise Kept"
    )


def test_fewer_delivered_than_promised_is_a_compromise():
    assert (
        verdict_of(
            "agreement:mou",
            (
                "Kazakhstan and Pakistan will sign 20 memorandums of understanding in March.",
                date(2023, 2, 1),
            ),
            ("Kazakhstan and Pakistan signed 12 memorandums of understanding.", date(2023, 3, 20)),
        )
        == "Compromise"
    )


def test_a_cancelled_promise_is_broken():
    assert (
        verdict_of(
            ROUTE,
            ("Direct flights between Almaty and Lahore will begin in April.", date(2023, 2, 1)),
            ("The direct flights between Almaty and Lahore were cancelled.", date(2023, 3, 1)),
        )
        == "Promise Broken"
    )


def test_a_promise_still_not_done_after_its_date_is_stalled():
    assert (
        verdict_of(
            ROUTE,
            ("Direct flights between Almaty and Lahore will begin in April.", date(2023, 2, 1)),
            ("Direct flights between Almaty and Lahore will begin soon.", date(2023, 7, 1)),
        )
        == "Stalled"
    )


def test_a_promise_whose_date_is_still_ahead_is_in_the_works():
    assert (
        verdict_of(
            ROUTE,
            ("Direct flights between Almaty and Lahore will begin in December.", date(2023, 2, 1)),
            ("Direct flights between Almaty and Lahore are planned.", date(2023, 3, 1)),
        )
        == "In the Works"
    )


def test_a_promise_without_a_date_or_a_later_word_is_not_yet_rated():
    assert (
        verdict_of(
            ROUTE,
            (
                "Direct flights between Almaty and Lahore were proposed in the talks.",
                date(2023, 2, 1),
            ),
            ("Trade between the two countries grew last year.", date(2023, 3, 1)),
        )
        == "Not Yet Rated"
    )


# The other ways to a verdict that the tracker's rules name.


def test_another_route_launched_instead_is_a_compromise():
    assert (
        verdict_of(
            ROUTE,
            ("Direct flights between Almaty and Lahore will begin in April.", date(2023, 2, 1)),
            ("Direct flights between Astana and Karachi began in May.", date(2023, 6, 1)),
        )
        == "Compromise"
    )


def test_a_postponed_promise_is_stalled():
    assert (
        verdict_of(
            ROUTE,
            ("Direct flights between Almaty and Lahore will begin in December.", date(2023, 2, 1)),
            ("The direct flights between Almaty and Lahore were postponed.", date(2023, 3, 1)),
        )
        == "Stalled"
    )


def test_a_plan_later_reported_only_as_proposed_is_stalled():
    assert (
        verdict_of(
            ROUTE,
            ("Direct flights between Almaty and Lahore will begin in December.", date(2023, 2, 1)),
            (
                "Direct flights between Almaty and Lahore were proposed in the talks.",
                date(2023, 3, 1),
            ),
        )
        == "Stalled"
    )


def test_an_undated_promise_a_later_article_still_makes_is_in_the_works():
    assert (
        verdict_of(
            ROUTE,
            (
                "Direct flights between Almaty and Lahore were proposed in the talks.",
                date(2023, 2, 1),
            ),
            ("Direct flights between Almaty and Lahore are planned.", date(2023, 3, 1)),
        )
        == "In the Works"
    )


def test_a_target_passed_with_no_later_word_is_not_yet_rated():
    assert (
        verdict_of(
            ROUTE,
            ("Direct flights between Almaty and Lahore will begin in April.", date(2023, 2, 1)),
            ("Trade between the two countries grew last year.", date(2023, 6, 1)),
        )
        == "Not Yet Rated"
    )
