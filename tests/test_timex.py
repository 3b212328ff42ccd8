"""Time expressions: finding them in a sentence and placing them on the calendar.

Anchors are publication dates; every sentence is written for its test.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.core import patterns
from newsbrief.core.patterns import openings
from newsbrief.dating import timex
from newsbrief.dating.timex import FIRST_WORDS, SEASONS, find_timexes, tense, tense_at

THURSDAY = date(2023, 2, 23)  # a Thursday in February


def one(sentence: str, anchor: date | None = THURSDAY, **bounds):
    """The single time expression of `sentence`; its text must be its exact span."""
    found = find_timexes(sentence, anchor, **bounds)
    assert len(found) == 1, found
    timex = found[0]
    assert sentence[timex.char_start : timex.char_end] == timex.text
    return timex


def span(timex) -> tuple:
    return timex.start, timex.end, timex.granularity, timex.direction


# Relative expressions against a publication date


def test_starting_in_april_in_a_february_article_is_april_same_year():
    t = one("Starting in April, direct flights will be available.")
    assert t.text == "Starting in April"
    assert span(t) == (date(2023, 4, 1), date(2023, 4, 30), "month", "future")


def test_in_may_this_year_is_may_of_the_publication_year():
    assert span(one("Flights would begin in May this year.", date(2023, 3, 23))) == (
        date(2023, 5, 1),
        date(2023, 5, 31),
        "month",
        "future",
    )


def test_later_this_year_runs_from_the_day_after_publication_to_december():
    assert span(one("The president is set to visit later this year.")) == (
        date(2023, 2, 24),
        date(2023, 12, 31),
        "year",
        "future",
    )


def test_earlier_this_year_ends_the_day_before_publication():
    assert span(one("Talks resumed earlier this year.")) == (
        date(2023, 1, 1),
        date(2023, 2, 22),
        "year",
        "past",
    )


def test_next_year_is_the_whole_next_year():
    assert span(one("The minister will visit next year.")) == (
        date(2024, 1, 1),
        date(2024, 12, 31),
        "year",
        "future",
    )


def test_last_year_is_the_whole_previous_year():
    assert span(one("Trade grew last year.")) == (
        date(2022, 1, 1),
        date(2022, 12, 31),
        "year",
        "past",
    )


def test_this_year_takes_its_direction_from_the_tense():
    assert span(one("Trade will double this year.")) == (
        date(2023, 1, 1),
        date(2023, 12, 31),
        "year",
        "future",
    )
    assert one("Trade doubled this year.").direction == "past"


def test_next_month_and_last_month():
    assert span(one("The route will open next month.")) == (
        date(2023, 3, 1),
        date(2023, 3, 31),
        "month",
        "future",
    )
    assert span(one("The route opened last month.")) == (
        date(2023, 1, 1),
        date(2023, 1, 31),
        "month",
        "past",
    )


def test_next_month_in_december_is_january_of_the_next_year():
    assert span(one("It will start next month.", date(2023, 12, 10)))[:2] == (
        date(2024, 1, 1),
        date(2024, 1, 31),
    )


def test_last_month_in_january_is_december_of_the_previous_year():
    assert one("It started last month.", date(2024, 1, 10)).start == date(2023, 12, 1)


def test_this_month_is_the_publication_month():
    assert span(one("A delegation arrives this month."))[:3] == (
        date(2023, 2, 1),
        date(2023, 2, 28),
        "month",
    )


def test_this_month_in_a_leap_february_ends_on_the_29th():
    assert one("A delegation arrives this month.", date(2024, 2, 10)).end == date(2024, 2, 29)


def test_last_week_and_next_week_run_monday_to_sunday():
    assert span(one("The envoy met traders last week."))[:3] == (
        date(2023, 2, 13),
        date(2023, 2, 19),
        "week",
    )
    assert span(one("They will meet next week.")) == (
        date(2023, 2, 27),
        date(2023, 3, 5),
        "week",
        "future",
    )


def test_next_week_at_the_end_of_december_crosses_into_january():
    assert one("They will meet next week.", date(2023, 12, 28)).start == date(2024, 1, 1)


def test_yesterday_today_tomorrow():
    assert span(one("The envoy spoke yesterday."))[:3] == (
        date(2023, 2, 22),
        date(2023, 2, 22),
        "day",
    )
    assert one("The forum opens today.").start == THURSDAY
    assert span(one("The delegation arrives tomorrow.")) == (
        date(2023, 2, 24),
        date(2023, 2, 24),
        "day",
        "future",
    )


def test_tomorrow_on_new_years_eve_is_new_years_day():
    assert one("The rules apply from tomorrow.", date(2023, 12, 31)).start == date(2024, 1, 1)


def test_a_newspaper_called_today_is_not_a_date():
    assert find_timexes("He told Pakistan Today that trade is growing.", THURSDAY) == []


def test_on_wednesday_is_the_wednesday_before_publication():
    t = one("The ambassador announced the plan on Wednesday.")
    assert (t.text, t.start, t.direction) == ("on Wednesday", date(2023, 2, 22), "past")


def test_on_wednesday_in_a_wednesday_article_is_the_publication_day():
    assert one("The ambassador spoke on Wednesday.", date(2023, 2, 22)).start == date(2023, 2, 22)


def test_on_a_weekday_with_will_is_the_coming_one():
    assert one("The delegation will arrive on Monday.").start == date(2023, 2, 27)


def test_next_and_last_weekday():
    assert one("The forum opens next Wednesday.", date(2023, 2, 22)).start == date(2023, 3, 1)
    assert one("They met last Wednesday.", date(2023, 2, 22)).start == date(2023, 2, 15)


def test_fifteen_october_in_a_september_article_is_ahead_in_the_same_year():
    assert span(one("The forum will be held on 15 October.", date(2023, 9, 5))) == (
        date(2023, 10, 15),
        date(2023, 10, 15),
        "day",
        "future",
    )


def test_fifteen_october_without_tense_in_a_september_article_is_the_same_year():
    assert one("The forum is on 15 October.", date(2023, 9, 5)).start == date(2023, 10, 15)


def test_a_plan_for_a_day_already_passed_this_year_is_next_year():
    assert one("The forum is scheduled for 15 October.", date(2023, 11, 1)).start == date(
        2024, 10, 15
    )


def test_an_event_on_the_publication_day_itself_stays_on_that_day():
    assert one("The forum will open on 15 October.", date(2023, 10, 15)).start == date(2023, 10, 15)


def test_a_past_day_in_late_december_read_in_january_is_last_year():
    assert one("The office opened on 28 December.", date(2024, 1, 3)).start == date(2023, 12, 28)


def test_a_future_first_of_january_read_in_december_is_next_year():
    assert one("The office will open on 1 January.", date(2023, 12, 20)).start == date(2024, 1, 1)


def test_29_february_without_a_year_goes_to_the_next_leap_year():
    assert one("The fair will open on 29 February.", date(2023, 1, 3)).start == date(2024, 2, 29)


def test_in_december_in_a_september_article_is_december_same_year():
    assert span(one("The deal will be signed in December.", date(2023, 9, 5))) == (
        date(2023, 12, 1),
        date(2023, 12, 31),
        "month",
        "future",
    )


def test_in_december_in_a_january_article_is_december_same_year():
    assert span(one("The deal will be signed in December.", date(2023, 1, 5))) == (
        date(2023, 12, 1),
        date(2023, 12, 31),
        "month",
        "future",
    )


def test_in_december_with_a_past_verb_in_a_january_article_is_last_december():
    assert span(one("The deal was signed in December.", date(2023, 1, 5))) == (
        date(2022, 12, 1),
        date(2022, 12, 31),
        "month",
        "past",
    )


def test_the_verb_next_to_a_month_governs_it_even_when_the_sentence_also_speaks_of_the_future():
    t = one("The accord, which was signed in December, will boost trade.", date(2023, 1, 5))
    assert (t.start, t.direction) == (date(2022, 12, 1), "past")


def test_followed_by_does_not_make_a_plan_past():
    found = find_timexes(
        "Starting in April, flights will link A and B, followed by A and C in May.", THURSDAY
    )
    assert [(t.text, t.start, t.direction) for t in found] == [
        ("Starting in April", date(2023, 4, 1), "future"),
        ("in May", date(2023, 5, 1), "future"),
    ]


def test_two_months_joined_by_and_make_one_span():
    assert span(one("Flights start in May and June.")) == (
        date(2023, 5, 1),
        date(2023, 6, 30),
        "month",
        "future",
    )


def test_a_quarter_without_a_year_takes_the_publication_year():
    assert span(one("Talks will resume in the second quarter."))[:3] == (
        date(2023, 4, 1),
        date(2023, 6, 30),
        "quarter",
    )


def test_first_quarter_without_a_year():
    assert span(one("Exports rose in the first quarter."))[:3] == (
        date(2023, 1, 1),
        date(2023, 3, 31),
        "quarter",
    )


def test_next_quarter_in_november_is_the_first_quarter_of_next_year():
    assert span(one("Talks resume next quarter.", date(2023, 11, 1)))[:2] == (
        date(2024, 1, 1),
        date(2024, 3, 31),
    )


def test_second_half_of_the_year():
    assert span(one("A mission will go in the second half of the year.")) == (
        date(2023, 7, 1),
        date(2023, 12, 31),
        "half-year",
        "future",
    )


def test_by_the_end_of_the_year_runs_from_publication_to_december():
    assert span(one("The corridor will be ready by the end of the year.")) == (
        date(2023, 2, 23),
        date(2023, 12, 31),
        "year",
        "future",
    )


def test_by_the_end_of_the_year_without_a_verb_still_points_ahead():
    assert one("Visas online by the end of the year.").direction == "future"


def test_late_march_and_early_april_are_thirds_of_a_month():
    assert span(one("Talks in late March.", THURSDAY))[:3] == (
        date(2023, 3, 21),
        date(2023, 3, 31),
        "month",
    )
    assert span(one("Talks in early April.", THURSDAY))[:2] == (date(2023, 4, 1), date(2023, 4, 10))
    assert span(one("Talks in mid-April.", THURSDAY))[:2] == (date(2023, 4, 11), date(2023, 4, 20))


def test_the_beginning_of_next_month_in_december():
    assert span(one("It opens at the beginning of next month.", date(2023, 12, 10)))[:2] == (
        date(2024, 1, 1),
        date(2024, 1, 10),
    )


def test_this_spring_in_february_is_the_coming_spring():
    assert span(one("The fair opens this spring.")) == (
        date(2023, 3, 1),
        date(2023, 5, 31),
        "season",
        "future",
    )


def test_this_winter_in_february_is_the_winter_under_way():
    assert span(one("It was cold this winter.", date(2023, 2, 1)))[:2] == (
        date(2022, 12, 1),
        date(2023, 2, 28),
    )


def test_a_season_with_a_past_verb_is_the_last_one():
    assert one("Talks resumed in the spring.", date(2023, 2, 1)).start == date(2022, 3, 1)


def test_a_season_with_a_future_verb_after_it_has_passed_is_next_years():
    assert one("Talks will resume in the spring.", date(2023, 7, 1)).start == date(2024, 3, 1)


def test_last_autumn_in_february():
    assert span(one("Trade fell last autumn."))[:2] == (date(2022, 9, 1), date(2022, 11, 30))


def test_years_ago_and_spans_of_years():
    assert span(one("He first visited three years ago."))[:3] == (
        date(2020, 1, 1),
        date(2020, 12, 31),
        "year",
    )
    assert span(one("Over the past two years trade doubled."))[:2] == (date(2021, 2, 23), THURSDAY)
    assert span(one("The line will be built within two years.")) == (
        THURSDAY,
        date(2025, 2, 23),
        "year",
        "future",
    )


# Absolute expressions need no anchor


def test_autumn_of_a_year_is_the_northern_meteorological_autumn():
    assert span(one("A trade mission in the autumn of 2021.", None))[:3] == (
        date(2021, 9, 1),
        date(2021, 11, 30),
        "season",
    )


def test_fall_is_autumn():
    assert one("A mission in the fall of 2021.", None).start == date(2021, 9, 1)


def test_seasons_cover_the_year_with_winter_across_its_end():
    assert SEASONS["spring"] == (3, 5) and SEASONS["summer"] == (6, 8)
    assert SEASONS["autumn"] == SEASONS["fall"] == (9, 11) and SEASONS["winter"] == (12, 2)


def test_winter_runs_across_the_year_end():
    assert span(one("Talks in the winter of 2021.", None))[:2] == (
        date(2021, 12, 1),
        date(2022, 2, 28),
    )


def test_winter_into_a_leap_year_ends_on_the_29th():
    assert one("Talks in the winter of 2023.", None).end == date(2024, 2, 29)


def test_spring_with_a_year_and_no_of():
    assert span(one("A fair in spring 2024.", None))[:2] == (date(2024, 3, 1), date(2024, 5, 31))


def test_first_half_of_a_year():
    assert span(one("Growth in the first half of 2025 was strong.", date(2025, 9, 1))) == (
        date(2025, 1, 1),
        date(2025, 6, 30),
        "half-year",
        "past",
    )


def test_half_year_shorthand():
    assert span(one("Results for H2 2024 were published.", None))[:3] == (
        date(2024, 7, 1),
        date(2024, 12, 31),
        "half-year",
    )


@pytest.mark.parametrize("text", ["Q3 2024", "the third quarter of 2024"])
def test_quarters_written_two_ways(text):
    assert span(one(f"Output in {text} rose.", None))[:3] == (
        date(2024, 7, 1),
        date(2024, 9, 30),
        "quarter",
    )


def test_the_fourth_quarter_ends_on_new_years_eve():
    assert one("Targets for the fourth quarter of 2023 were met.", None).end == date(2023, 12, 31)


@pytest.mark.parametrize(
    "text",
    [
        "February 27–28, 2020",
        "February 27-28, 2020",
        "27-28 February 2020",
        "27 and 28 February 2020",
        "27th and 28th February, 2020",
    ],
)
def test_day_ranges_in_every_common_form(text):
    t = one(f"The commission met on {text}.", None)
    assert span(t)[:3] == (date(2020, 2, 27), date(2020, 2, 28), "day")
    assert t.text == f"on {text}"


def test_a_day_range_across_months():
    assert span(one("Talks on 28 February – 2 March 2024 were held.", None))[:2] == (
        date(2024, 2, 28),
        date(2024, 3, 2),
    )


def test_a_day_range_across_the_year_end_takes_the_year_written_for_its_end():
    assert span(one("The fair ran 28 December – 2 January 2024.", None))[:2] == (
        date(2023, 12, 28),
        date(2024, 1, 2),
    )


def test_a_range_of_two_full_dates():
    assert span(one("The fair ran from 28 December 2023 to 2 January 2024.", None))[:2] == (
        date(2023, 12, 28),
        date(2024, 1, 2),
    )


def test_a_day_range_without_a_year_in_the_future():
    assert span(one("Sessions on 5-7 May will be held.", THURSDAY))[:2] == (
        date(2023, 5, 5),
        date(2023, 5, 7),
    )


@pytest.mark.parametrize(
    "text",
    [
        "23 March 2023",
        "March 23, 2023",
        "2023-03-23",
        "23rd of March 2023",
        "Thursday, 23 March 2023",
        "23.03.2023",
    ],
)
def test_full_dates_in_every_common_form(text):
    assert span(one(f"The accord was signed on {text}.", None))[:3] == (
        date(2023, 3, 23),
        date(2023, 3, 23),
        "day",
    )


def test_29_february_of_a_leap_year():
    assert one("Signed on 29 February 2024.", None).start == date(2024, 2, 29)


def test_an_impossible_date_is_kept_without_a_day():
    t = one("Signed on 30 February 2023.", None)
    assert (t.start, t.end, t.granularity) == (None, None, "day")


def test_month_and_year():
    assert span(one("Trade doubled in March 2023.", None))[:3] == (
        date(2023, 3, 1),
        date(2023, 3, 31),
        "month",
    )


def test_a_range_of_months_with_a_year():
    assert span(one("Flights run from April to June 2024.", None))[:3] == (
        date(2024, 4, 1),
        date(2024, 6, 30),
        "month",
    )


def test_a_bare_year_after_in():
    assert span(one("Trade grew in 2021.", None))[:3] == (
        date(2021, 1, 1),
        date(2021, 12, 31),
        "year",
    )


def test_since_a_year_is_that_year_and_past():
    assert span(one("Relations have been friendly since 1992.", THURSDAY)) == (
        date(1992, 1, 1),
        date(1992, 12, 31),
        "year",
        "past",
    )


def test_by_a_year_points_ahead():
    assert span(one("Trade is to reach one billion by 2025.", THURSDAY)) == (
        date(2025, 1, 1),
        date(2025, 12, 31),
        "year",
        "future",
    )


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("early 2024", date(2024, 1, 1), date(2024, 4, 30)),
        ("mid-2024", date(2024, 5, 1), date(2024, 8, 31)),
        ("late 2024", date(2024, 9, 1), date(2024, 12, 31)),
    ],
)
def test_early_mid_and_late_year_narrow_a_year(text, start, end):
    assert span(one(f"Talks in {text}.", None))[:3] == (start, end, "year")


def test_year_ranges():
    assert span(one("Trade grew between 2019 and 2021.", None))[:2] == (
        date(2019, 1, 1),
        date(2021, 12, 31),
    )
    assert span(one("Trade grew in 2019-20.", None))[:2] == (date(2019, 1, 1), date(2020, 12, 31))


def test_a_decade():
    assert span(one("Ties began in the 1990s.", None))[:2] == (date(1990, 1, 1), date(1999, 12, 31))


def test_a_possessive_after_a_year_is_still_the_year():
    assert one("March 2023's meeting was held.", None).start == date(2023, 3, 1)


# What is not a time expression


def test_counts_are_not_years_or_days():
    assert (
        find_timexes("20 memorandums of understanding will be signed within 24 hours.", THURSDAY)
        == []
    )
    assert find_timexes("Trade reached 2023 tonnes and 1,000 people came.", THURSDAY) == []
    assert find_timexes("In April 20 delegates came.", THURSDAY)[0].text == "In April"


def test_a_number_with_a_thousands_comma_is_not_a_day():
    assert one("The fair opened on March 23 and 2,000 people came.").text == "on March 23"


def test_a_year_not_after_a_preposition_is_not_read():
    assert find_timexes("The 2030 agenda is ambitious.", None) == []


def test_may_the_modal_verb_is_not_a_month():
    assert find_timexes("This in turn may help trade.", THURSDAY) == []
    assert find_timexes("Exports in may rise.", THURSDAY) == []
    assert find_timexes("Those 5 may attend.", THURSDAY) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "In May, flights start.",
        "Flights start by May 2024.",
        "Talks were held on 5 May 2023.",
        "Flights start from May.",
    ],
)
def test_may_the_month_next_to_a_day_year_or_preposition(sentence):
    assert one(sentence).granularity in ("month", "day")


def test_fall_the_verb_and_other_season_words_are_not_seasons():
    assert find_timexes("Exports may fall sharply.", THURSDAY) == []
    assert find_timexes("After the fall of the old regime, trade slowed.", THURSDAY) == []
    assert find_timexes("A summer camp opened in Lahore.", THURSDAY) == []


def test_a_lowercase_month_name_alone_is_not_a_month():
    assert find_timexes("Workers plan a march in protest.", THURSDAY) == []


# Vague expressions


@pytest.mark.parametrize(
    "text",
    [
        "shortly",
        "soon",
        "in the near future",
        "in the nearest future",
        "at his most convenient time",
        "at the earliest",
        "in due course",
        "in the years to come",
        "in the coming months",
        "in the coming weeks",
    ],
)
def test_vague_expressions_are_kept_without_a_date(text):
    t = one(f"Flights will begin {text}.")
    assert (t.text, t.start, t.end, t.granularity, t.direction) == (
        text,
        None,
        None,
        "vague",
        "vague",
    )


# Bounded anchors: the article's date is only known within bounds


def test_an_article_with_only_bounds_carries_the_uncertainty():
    t = one(
        "The forum will open next month.",
        None,
        anchor_min=date(2021, 6, 14),
        anchor_max=date(2021, 11, 30),
    )
    assert (t.start, t.end, t.granularity) == (date(2021, 7, 1), date(2021, 12, 31), "month")


def test_later_this_year_between_bounds():
    t = one(
        "He will visit later this year.",
        None,
        anchor_min=date(2021, 6, 14),
        anchor_max=date(2022, 3, 1),
    )
    assert (t.start, t.end) == (date(2021, 6, 15), date(2022, 12, 31))


def test_a_relative_expression_with_one_bound_missing_has_no_date():
    t = one("The forum will open next month.", None, anchor_min=date(2021, 6, 14))
    assert (t.start, t.end, t.granularity, t.direction) == (None, None, "month", "future")


def test_relative_expressions_without_any_anchor_have_no_date():
    t = one("The forum will open next month.", None)
    assert (t.start, t.end, t.granularity) == (None, None, "month")


def test_absolute_expressions_ignore_the_bounds():
    t = one(
        "Talks in March 2020 went well.",
        None,
        anchor_min=date(2021, 6, 14),
        anchor_max=date(2021, 11, 30),
    )
    assert (t.start, t.direction) == (date(2020, 3, 1), "past")


def test_an_expression_entirely_after_the_bounds_is_future():
    assert (
        one(
            "Talks in March 2022 went well.",
            None,
            anchor_min=date(2021, 6, 14),
            anchor_max=date(2021, 11, 30),
        ).direction
        == "future"
    )


# Direction


def test_direction_comes_from_the_calendar_before_the_tense():
    assert one("Talks in March 2023 went well.").direction == "future"
    assert one("Talks in January 2023 will go well.").direction == "past"


def test_direction_without_an_anchor_comes_from_the_tense():
    assert one("A mission will go in the autumn of 2021.", None).direction == "future"
    assert one("A mission went in the autumn of 2021.", None).direction == "past"


# Tense


def test_tense_from_cues():
    assert tense("The minister will visit.") == "future"
    assert tense("The minister visited Astana.") == "past"
    assert tense("The parties agreed to organize a mission.") == "future"
    assert tense("The summit is set to take place.") == "future"
    assert tense("The forum was held in Lahore.") == "past"
    assert tense("Relations are good.") == "unknown"


def test_adjectives_ending_in_ed_are_not_past_tense():
    assert tense("The United Nations and related bodies are involved.") == "unknown"
    assert tense("The proposed corridor is vital.") == "unknown"


def test_a_passive_after_will_be_is_future():
    assert tense("The agreement will be signed.") == "future"


def test_tense_at_reads_the_verb_next_to_the_expression():
    sentence = "The deal, signed in 2019, will be renewed in 2024."
    assert tense_at(sentence, sentence.index("in 2019")) == "past"
    assert tense_at(sentence, sentence.index("in 2024")) == "future"


def test_strict_tense_refuses_to_guess_in_a_mixed_sentence():
    sentence = "In 2019, officials said the line will open."
    assert tense_at(sentence, 0, strict=True) == "unknown"
    assert tense_at(sentence, 0) == "future"


# Properties


@settings(max_examples=150, derandomize=True, deadline=None)
@given(
    st.text(alphabet="abcdefMJQ0123456789 ,.-–ay", max_size=60),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
)
def test_any_text_gives_exact_spans_and_ordered_intervals(text, anchor):
    for t in find_timexes(text, anchor):
        assert text[t.char_start : t.char_end] == t.text
        assert t.direction in ("past", "future", "vague")
        if t.start and t.end and t.granularity != "day":
            assert t.start <= t.end


@settings(max_examples=60, derandomize=True, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_next_month_always_starts_on_the_first_after_the_anchor(anchor):
    t = one("It will open next month.", anchor)
    assert t.start.day == 1 and t.start > anchor and (t.start - anchor).days <= 31


# The opening filter and the kinds' guards only skip where no candidate can begin ------------------


def test_every_opening_of_the_candidate_regex_passes_the_filter():
    allowed = (*FIRST_WORDS, "#", "q", "h")  # q and h are only ever followed by a digit
    assert {o for o in openings(timex._ALTERNATIVES) if not o.startswith(allowed)} == set()


def test_a_span_left_out_is_read_again_for_a_shorter_expression_inside_it():
    assert [t.text for t in find_timexes("Flights may next year resume.", THURSDAY)] == [
        "next year"
    ]
    assert [t.text for t in find_timexes("Talks may this year resume.", THURSDAY)] == ["this year"]
    assert [t.text for t in find_timexes("Flights resume in May next year.", THURSDAY)] == [
        "in May next year"
    ]


def test_every_kind_holds_a_word_or_the_digits_the_sentence_filter_looks_for():
    looked_for = (*timex._MAYBE, "####", "q#", "h#")  # _MAYBE_DIGITS: a year, Q3, H1
    assert [kind for kind in timex._KINDS if not patterns.always_contains(kind, looked_for)] == []


def test_a_sentence_whose_only_digits_are_a_figure_is_not_scanned():
    assert not timex.may_hold_timex("they signed 20 memorandums and 3 deals.")
    assert timex.may_hold_timex("they signed 20 memorandums in 2023.")
    assert timex.may_hold_timex("results for q3 were out.") and timex.may_hold_timex(
        "the plan for h1 2025."
    )
    assert timex.may_hold_timex(
        "they met in \u0662\u0660\u0662\u0663."
    )  # other scripts' digits are digits to \d


_TOKENS = [
    *sorted(FIRST_WORDS),
    "1",
    "05",
    "12th",
    "2021",
    "2023-04-05",
    "5/4/2023",
    "1990s",
    "q3",
    "h2",
    "ago",
    "years",
    "months",
    "week",
    "days",
    "quarter",
    "half",
    "year",
    "month",
    "of",
    "to",
    "and",
    "–",
    "-",
    ",",
    ".",
    "the",
    "visit",
    "flights",
    "will",
    "was",
    "signed",
    "Lahore",
    "mutually",
    "convenient",
    "time",
    "due",
    "course",
    "near",
    "future",
    "recent",
    "possible",
    "earliest",
    "date",
    "day",
    "morning",
    "per",
    "cent",
]


@settings(max_examples=400, derandomize=True, deadline=None)
@given(
    st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=14),
    st.lists(st.sampled_from([" ", " ", " ", ", ", "-", "  ", ""]), min_size=14, max_size=14),
)
def test_the_opening_filter_finds_exactly_what_the_full_pattern_finds(words, gaps):
    text = "".join(w + g for w, g in zip(words, gaps, strict=False)).strip().lower()
    unfiltered = re.compile(timex._START + timex._ALTERNATIVES)
    spans = [(m.start(), m.end(), m.lastgroup) for m in timex._CANDIDATES.finditer(text)]
    assert spans == [(m.start(), m.end(), m.lastgroup) for m in unfiltered.finditer(text)]
    assert timex.may_hold_timex(text) or not spans  # the sentence filter skips none of them


def test_the_opening_filter_agrees_on_every_seed_sentence():
    unfiltered = re.compile(timex._START + timex._ALTERNATIVES)
    for path in sorted((Path(__file__).parents[1] / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig").lower()
        assert [m.span() for m in timex._CANDIDATES.finditer(text)] == [
            m.span() for m in unfiltered.finditer(text)
        ], path.name


# Tense cues read on the lower-case copy are the cues read ignoring case ---------------------------


def _cues_ignoring_case(sentence: str) -> list[tuple[int, int, str]]:
    # A sentence with a character beyond ASCII takes the case-insensitive patterns: an ellipsis
    # after it is no word character, so it changes no cue.
    return timex._cues(sentence + " …")


def test_may_the_month_is_no_tense_cue_in_either_scan():
    for sentence in (
        "Talks resumed in May.",
        "Flights MAY resume.",
        "They may resume.",
        "Might they resume?",
    ):
        assert timex._cues(sentence) == _cues_ignoring_case(sentence), sentence
    assert timex._cues("They may resume in May.") == [(5, 8, "future")]
    assert timex._cues("MIGHT is no modal here, but might is.") == [(28, 33, "future")]


_CUE_WORDS = [
    "will",
    "Will",
    "WILL",
    "shall",
    "won't",
    "would",
    "may",
    "May",
    "MAY",
    "might",
    "Might",
    "going to",
    "Set to",
    "plans to",
    "agreed to",
    "Agreed",
    "expected",
    "is to",
    "is due",
    "to be",
    "yet to",
    "next",
    "Coming",
    "invited",
    "was",
    "Were",
    "had",
    "ago",
    "last",
    "has been",
    "had already held",
    "began",
    "took place",
    "said",
    "signed",
    "Signed",
    "visited",
    "united",
    "proceeded",
    "agreed",
    "be",
    "the",
    "flights",
    "Lahore",
    "’ll",
    "they'll",
    "in 2024",
    "Organised",
    "planned",
    "freed",
    "-",
    ",",
    "(",
    "it",
]


@settings(max_examples=400, derandomize=True, deadline=None)
@given(
    st.lists(st.sampled_from(_CUE_WORDS), min_size=1, max_size=12),
    st.lists(st.sampled_from([" ", " ", ", ", "  ", "-", "'", ""]), min_size=12, max_size=12),
)
def test_cues_on_the_lower_case_copy_equal_cues_read_ignoring_case(words, gaps):
    sentence = "".join(w + g for w, g in zip(words, gaps, strict=False)).strip()
    assert timex._cues(sentence) == _cues_ignoring_case(sentence)


def test_cues_on_the_lower_case_copy_agree_on_every_seed_sentence():
    for path in sorted((Path(__file__).parents[1] / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if line.isascii():
                assert timex._cues(line) == _cues_ignoring_case(line), path.name


# Targets as news writes them


def test_a_day_this_month_is_one_expression():
    t = one("Flights would start from July 8 this month.", date(2023, 7, 4))
    assert (t.text, t.start, t.end) == (
        "from July 8 this month",
        date(2023, 7, 8),
        date(2023, 7, 8),
    )


def test_later_this_month_is_the_rest_of_the_month():
    t = one("The delegation will arrive later this month.", date(2026, 2, 3))
    assert (t.start, t.end, t.direction) == (date(2026, 2, 4), date(2026, 2, 28), "future")


def test_within_a_year_runs_from_the_article_a_year_ahead():
    t = one("Trade should double within a year.", date(2026, 2, 3))
    assert (t.start, t.end) == (date(2026, 2, 3), date(2027, 2, 3))


def test_recently_and_over_the_years_are_vague_expressions():
    assert one("The route was tested recently.").granularity == "vague"
    assert one("Over the years, both sides signed many agreements.").granularity == "vague"


def test_a_relative_target_of_an_undated_article_is_approximate_and_an_absolute_one_is_not():
    bounds = {"anchor_min": date(2021, 6, 14), "anchor_max": date(2021, 11, 30)}
    assert one("The forum will open next month.", None, **bounds).approximate
    assert not one("The forum will open in March 2022.", None, **bounds).approximate
    assert not one("The forum will open next month.").approximate


def test_bounds_that_contradict_each_other_date_nothing():
    t = one(
        "The forum will open next month.",
        None,
        anchor_min=date(2024, 4, 1),
        anchor_max=date(2019, 3, 18),
    )
    assert (t.start, t.end) == (None, None)


RELATIVE = [
    "The forum will open next month.",
    "Flights will start from April 26.",
    "In May flights between the two cities shall commence.",
    "The visit took place last month.",
    "The line will open in the spring.",
    "The session will be held early next month.",
    "The deal will be signed by the end of the year.",
    "The forum will open later this month.",
    "The session was held in December.",
    "The visit is due next year.",
]


@settings(max_examples=200, deadline=None)
@given(
    sentence=st.sampled_from(RELATIVE),
    low=st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=-400, max_value=1500),
)
def test_an_undated_articles_target_never_ends_before_it_starts_nor_outgrows_its_bounds(
    sentence, low, days
):
    high = low + timedelta(days=days)
    (t,) = find_timexes(sentence, None, anchor_min=low, anchor_max=high)
    if t.start is None or t.end is None:
        assert high < low or t.granularity == "vague"
        return
    assert t.start <= t.end
    own = max(
        (found.end - found.start)
        for anchor in (low, high)
        for found in find_timexes(sentence, anchor)
        if found.start is not None and found.end is not None
    )
    assert t.end - t.start <= (high - low) + own


def test_the_last_week_of_a_month_is_that_months_last_days_not_last_week():
    t = one("The commission will meet in the last week of March.")
    assert (t.start, t.end) == (date(2023, 3, 25), date(2023, 3, 31))
    t = one("Flights start in the first week of next month.")
    assert (t.start, t.end) == (date(2023, 3, 1), date(2023, 3, 7))
    t = one("They met in the second week of May 2022.")
    assert (t.start, t.end) == (date(2022, 5, 8), date(2022, 5, 14))
