"""How the brief writes dates, periods and sources for a reader: "8 July 2023", "March 2023",
"(The Astana Times, 27 Dec 2022)". Plain text; the callers escape it for Markdown.
"""

from __future__ import annotations

import calendar
from datetime import date

from newsbrief.core.schema import Row

_MONTHS = tuple(calendar.month_name)[1:]
_SHORT = tuple(calendar.month_abbr)[1:]


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def day_text(value: str) -> str:
    """An ISO date as a reader writes it: 2023-07-08 is "8 July 2023"."""
    day = _day(value)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if day else ""


def short_day(value: str) -> str:
    """An ISO date in a source's parenthesis: 2022-12-27 is "27 Dec 2022"."""
    day = _day(value)
    return f"{day.day} {_SHORT[day.month - 1]} {day.year}" if day else ""


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _whole_months(start: date, end: date) -> bool:
    return start.day == 1 and end == _month_end(end)


def period_text(start: str, end: str) -> str:
    """A period as a reader names it: a day ("21 April 2023"), a month ("March 2023"), a year
    ("2023"), a run of months ("September–November 2021"), a period that ends with a month or a
    year ("the end of 2023", for "later this year"), else "3 May 2023 to 9 June 2023"."""
    low, high = _day(start), _day(end)
    if low is None:
        return ""
    if high is None or high == low:
        return day_text(start)
    if not _whole_months(low, high):
        if high == _month_end(high) and high.month == 12:
            return f"the end of {high.year}"
        if high == _month_end(high):
            return f"the end of {_MONTHS[high.month - 1]} {high.year}"
        if (low.year, low.month) == (high.year, high.month):
            return f"{low.day}–{day_text(end)}"
        return f"{day_text(start)} to {day_text(end)}"
    if (low.month, high.month) == (1, 12) and low.year == high.year:
        return str(low.year)
    if (low.year, low.month) == (high.year, high.month):
        return f"{_MONTHS[low.month - 1]} {low.year}"
    if low.year == high.year:
        return f"{_MONTHS[low.month - 1]}–{_MONTHS[high.month - 1]} {low.year}"
    return f"{_MONTHS[low.month - 1]} {low.year} to {_MONTHS[high.month - 1]} {high.year}"


def target_phrase(start: str, end: str) -> str:
    """A promised date after a verb: "for March 2023", "by the end of 2023"."""
    noun = period_text(start, end)
    return f"by {noun}" if noun.startswith("the end") else f"for {noun}"


def at_period(start: str, end: str) -> str:
    """When something happened: "on 8 July 2023", "in March 2023", "by the end of 2023",
    "between 2 and 8 February 2026"."""
    low, high = _day(start), _day(end)
    if low is None:
        return ""
    noun = period_text(start, end)
    if noun.startswith("the end"):
        return f"by {noun}"
    if high is None or high == low:
        return f"on {noun}"
    if not _whole_months(low, high):
        same_month = (low.year, low.month) == (high.year, high.month)
        return f"between {low.day if same_month else day_text(start)} and {day_text(end)}"
    if " to " in noun:  # whole months of different years
        return "between " + noun.replace(" to ", " and ")
    return f"in {noun}"


def published_text(low: str, high: str) -> str:
    """When an article appeared: its date, or for an undated one the bounds it is known by."""
    if low and low == high:
        return short_day(low)
    if low and high:
        same_year = low[:4] == high[:4]
        start = short_day(low).removesuffix(f" {low[:4]}") if same_year else short_day(low)
        return f"undated, {start}–{short_day(high)}"
    if low:
        return f"undated, after {short_day(low)}"
    if high:
        return f"undated, before {short_day(high)}"
    return "undated"


def article_when(article: Row) -> tuple[str, str]:
    """An article's publication as (low, high) ISO dates; equal when it states its date."""
    if article.text("date") and article.text("date_basis") not in ("inferred", "unknown"):
        return article.text("date"), article.text("date")
    return article.text("date_min"), article.text("date_max")


def source_text(article: Row | None) -> str:
    """A source in a parenthesis: "The Astana Times, 27 Dec 2022"; an article that names no
    outlet is "an article of 23 Feb 2023" (its citation gives the headline)."""
    outlet, when = _outlet_and_when(article)
    if outlet:
        return f"{outlet}, {when}"
    return (
        f"an undated article, {when.removeprefix('undated, ')}"
        if when.startswith("undated")
        else ("an undated article" if when == "undated" else f"an article of {when}")
    )


def source_subject(article: Row | None) -> str:
    """A source as a sentence's subject: "The Astana Times (27 Dec 2022)", "an undated article
    (after 11 Apr 2022)"."""
    outlet, when = _outlet_and_when(article)
    if outlet:
        return f"{outlet} ({when})"
    if when == "undated":
        return "an undated article"
    if when.startswith("undated"):
        return f"an undated article ({when.removeprefix('undated, ')})"
    return f"an article of {when}"


def _outlet_and_when(article: Row | None) -> tuple[str, str]:
    if article is None:
        return "", "undated"
    return article.text("outlet"), published_text(*article_when(article))


def lateness_text(days: int, about: str = "about ") -> str:
    """A delay as a reader says it: "41 days" under two months, else "about three months"
    (`about` is "" after "at least")."""
    if days < 60:
        return f"{days} days"
    months = round(days / (365.25 / 12))
    if months < 24:
        return f"{about}{count_text(months)} months"
    return f"{about}{count_text(round(days / 365.25))} years"


_COUNTS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_text(n: int) -> str:
    """Small counts in words, as prose writes them ("four times"); larger ones in digits."""
    return _COUNTS[n] if 0 <= n < len(_COUNTS) else str(n)


def times_text(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{count_text(n)} times")


def reader_list(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
