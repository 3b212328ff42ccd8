"""Dates as news pages print them: in stamps, bylines and datelines ("Updated 04 February 2026",
"Wed Feb 04 2026", "04.02.2026, 20:45", "5th Oct, 2022"), with or without a year.

Ingest reads the article's own front lines with these; dating decides what each date means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_BEFORE = r"(?<![\w.])"
_AFTER = r"(?![\w])"

# Each shape with a year, most specific first; the year-less ones are tried only when none is.
# None takes more than three words ("5th Oct, 2022"; "Feb 4, 2026").
DATE_WORDS = 3
_WITH_YEAR = [
    re.compile(rf"{_BEFORE}{_YEAR}-(?P<mm>\d{{2}})-(?P<day>\d{{2}})(?=[T\s]|$|[^\d])"),
    re.compile(rf"{_BEFORE}(?P<day>\d{{1,2}})\.(?P<mm>\d{{1,2}})\.{_YEAR}{_AFTER}"),
    re.compile(rf"{_BEFORE}{_DAY}\s+{_MONTH},?\s*{_YEAR}{_AFTER}", re.I),
    re.compile(rf"{_BEFORE}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_AFTER}", re.I),
]
_WITHOUT_YEAR = [
    re.compile(rf"{_BEFORE}{_MONTH}\s+{_DAY}{_AFTER}(?!,?\s*(?:19|20)\d\d)", re.I),
    re.compile(rf"{_BEFORE}{_DAY}\s+{_MONTH}{_AFTER}(?!,?\s*(?:19|20)\d\d)", re.I),
]


@dataclass(frozen=True)
class Stamp:
    """A date found in a line: the day (None without a year), the month and day, and where."""

    day: date | None
    month: int
    day_of_month: int
    start: int
    end: int
    text: str

    @property
    def has_year(self) -> bool:
        return self.day is not None

    def in_year(self, year: int) -> date | None:
        try:
            return date(year, self.month, self.day_of_month)
        except ValueError:
            return None


def _month_of(match: re.Match[str]) -> int:
    named = match.groupdict().get("month")
    return _MONTHS[named.casefold().rstrip(".")] if named else int(match["mm"])


def _stamp(match: re.Match[str], with_year: bool) -> Stamp | None:
    month, day = _month_of(match), int(match["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    when = None
    if with_year:
        try:
            when = date(int(match["year"]), month, day)
        except ValueError:
            return None
    return Stamp(when, month, day, match.start(), match.end(), match.group())


def find_stamp(line: str, year_optional: bool = False) -> Stamp | None:
    """The first full date in `line`; with `year_optional`, else the first month and day."""
    found = [s for p in _WITH_YEAR for m in p.finditer(line) if (s := _stamp(m, True))]
    if found:
        return min(found, key=lambda s: s.start)
    if not year_optional:
        return None
    bare = [s for p in _WITHOUT_YEAR for m in p.finditer(line) if (s := _stamp(m, False))]
    return min(bare, key=lambda s: s.start) if bare else None


def full_dates(text: str) -> list[Stamp]:
    """Every date with a year in `text`, in order of appearance."""
    found = {m.start(): s for p in _WITH_YEAR for m in p.finditer(text) if (s := _stamp(m, True))}
    return [found[k] for k in sorted(found)]
