"""Dates in article URLs: /2022/12/02/ gives the day, /2022/11/ the month, /05-Jul-2023/ the day.

Ingest reads them as evidence; dating uses them when nothing in the article states its date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from newsbrief.ingest.stamps import find_stamp

_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY_PATH = re.compile(rf"/{_YEAR}/(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}})(?=/|$)")
_MONTH_PATH = re.compile(rf"/{_YEAR}/(?P<month>\d{{1,2}})(?=/|$)")
_COMPACT = re.compile(rf"/{_YEAR}(?P<month>\d{{2}})(?P<day>\d{{2}})(?=/|$|[-_])")
_NAMED = re.compile(r"/(\d{1,2}-[A-Za-z]{3,9}-\d{4})(?=/|$)")  # nation.com.pk: /05-Jul-2023/


@dataclass(frozen=True)
class UrlDate:
    low: date
    high: date
    evidence: str

    @property
    def day(self) -> date | None:
        return self.low if self.low == self.high else None


def _day(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def url_date(url: str) -> UrlDate | None:
    """The day or month a URL's path dates its page to, if it has one."""
    path = urlsplit(url).path
    for pattern in (_DAY_PATH, _COMPACT):
        found = pattern.search(path)
        if found and (day := _day(found["year"], found["month"], found["day"])):
            return UrlDate(day, day, f"the URL's path {found.group()}")
    named = _NAMED.search(path)
    if named and (stamp := find_stamp(named.group(1).replace("-", " "))) and stamp.day:
        return UrlDate(stamp.day, stamp.day, f"the URL's path {named.group()}")
    month = _MONTH_PATH.search(path)
    if month and 1 <= int(month["month"]) <= 12:
        year, number = int(month["year"]), int(month["month"])
        last = calendar.monthrange(year, number)[1]
        return UrlDate(
            date(year, number, 1), date(year, number, last), f"the URL's path {month.group()}"
        )
    return None
