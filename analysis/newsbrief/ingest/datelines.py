"""Datelines and date headers at the head of an article: place, date and outlet as metadata.

The matched span is cut from paragraph 0 before sentence splitting, so it is never coded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from newsbrief.ingest.stamps import Stamp, find_stamp

_DATE = (
    r"\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}"  # 23 March 2023
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}"  # March 23, 2023
    r"|\d{4}-\d{2}-\d{2}"
)
_PLACE = r"[A-Z][A-Za-z'’.]*(?:[ -][A-Z][A-Za-z'’.]*){0,2}"
_DASH = r"[-–—]"

_HEADER = re.compile(
    rf"^\s*date[:\s]\s*(?P<date>\d{{4}}-\d{{2}}-\d{{2}})\s*(?:{_DASH}|:)?\s*", re.I
)
_MONTH_DAY = r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?"  # no year: "Feb 4"
_REGION = r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?"  # "Azerbaijan" in "BAKU, Azerbaijan, June 10."
# Islamabad, 23 March 2023 (TDI): ...  /  ASTANA (Kazinform) — ...  /  Islamabad, Feb 4 (PTI) ...
# ALMATY, Kazakhstan (AKIpress) — ...  /  ISLAMABAD, (UrduPoint / Pakistan Point News - 5th Oct, 2022 ) -
_TAGGED = re.compile(
    rf"^\s*(?P<place>{_PLACE})(?:,\s*(?P<region>{_REGION}))?"
    rf"(?:,\s*(?P<date>{_DATE}|{_MONTH_DAY}))?,?\s*\((?P<tag>[^()]{{1,80}})\)\s*(?:(?P<mark>:|{_DASH})|(?=[A-Z]))\s*"
)
_WIRE = re.compile(  # BAKU, Azerbaijan, June 10. ...  (a wire's year-less dateline)
    rf"^\s*(?P<place>[A-Z][A-Z'’-]+),\s*(?P<region>{_REGION}),\s*(?P<date>{_DATE}|{_MONTH_DAY})\.\s+"
)
_AGENCY = re.compile(  # ISLAMABAD. KAZINFORM - ...
    rf"^\s*(?P<place>[A-Z][A-Z'’]+(?:[ -][A-Z][A-Z'’]+)*)[.,]\s+(?P<tag>[A-Z][A-Za-z]+)\s*{_DASH}\s+"
)
_PLAIN = re.compile(
    rf"^\s*(?P<place>{_PLACE})\s+{_DASH}\s+"
)  # Islamabad – ...  /  NUR-SULTAN - ...
_COLON = re.compile(r"^\s*(?P<place>[A-Z][A-Z'’]+(?:[ -][A-Z][A-Z'’]+)*):\s+")  # ISLAMABAD: ...
_ALONE = re.compile(rf"^\s*(?P<place>{_PLACE})\s*$")  # a line that is only the place: "Islamabad"

_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y-%m-%d")


@dataclass(frozen=True)
class Dateline:
    end: int  # characters of paragraph 0 that are metadata
    basis: str  # header | dateline
    date: date | None
    place: str
    tag: str  # the outlet tag as written, e.g. "TDI"
    text: str  # the matched dateline, for evidence
    month_day: Stamp | None = None  # a date without a year ("Feb 4"), for dating to complete


def parse_date(text: str) -> date | None:
    """A calendar date from a dateline's date part, or None if it is not a real date."""
    cleaned = re.sub(r"[.,]", " ", text)
    cleaned = " ".join(cleaned.split())
    for fmt in _FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def _is_place(candidate: str, known_places: frozenset[str]) -> bool:
    # A mixed-case lead such as "Kazakhstan – the country..." is only a dateline if it is a known
    # place; an all-capitals lead ("NUR-SULTAN -") is a dateline by newswire convention.
    letters = [c for c in candidate if c.isalpha()]
    return candidate.casefold() in known_places or (
        len(letters) >= 3 and all(c.isupper() for c in letters)
    )


def _dated(text: str, match: re.Match[str]) -> tuple[date | None, Stamp | None]:
    """The dateline's date; without a year, its month and day (dating looks for the year)."""
    groups = match.groupdict()
    part = groups.get("date") or ""
    when = parse_date(part) if part else None
    tag = groups.get("tag") or ""
    if when is None and tag:
        inside = find_stamp(tag)  # "(UrduPoint / Pakistan Point News - 5th Oct, 2022 )"
        when = inside.day if inside else None
    if when is not None:
        return when, None
    return None, find_stamp(text, year_optional=True)


def _tag_of(match: re.Match[str]) -> str:
    tag = (match.groupdict().get("tag") or "").strip()
    return re.split(r"\s+[-–—]\s+", tag)[0].strip()  # the outlet before a date inside the tag


# Each dateline shape, and whether its lead must look like a place (a known one, or capitals).
# A line that is only a name is a dateline only when the gazetteer knows the place: "APP" alone is
# an agency's credit, not a city in capitals.
_SHAPES: tuple[tuple[re.Pattern[str], bool], ...] = (
    (_TAGGED, False),
    (_WIRE, True),
    (_AGENCY, True),
    (_PLAIN, True),
    (_COLON, True),
)


def find_dateline(first_paragraph: str, known_places: frozenset[str]) -> Dateline | None:
    """The header or dateline that opens a paragraph, if any. `known_places` are casefolded."""
    header = _HEADER.match(first_paragraph)
    if header:
        text = first_paragraph[: header.end()].strip()
        return Dateline(header.end(), "header", parse_date(header["date"]), "", "", text)
    for shape, check_place in _SHAPES:
        found = shape.match(first_paragraph)
        # A lead without the dateline's colon or dash ("Islamabad, Feb 4 (PTI) Pakistan ...")
        # must be a place, or any "Name (Party) Said" would pass.
        unmarked = "mark" in found.groupdict() and not found["mark"] if found else False
        if found is None or (
            (check_place or unmarked) and not _is_place(found["place"], known_places)
        ):
            continue
        text = first_paragraph[: found.end()].strip()
        when, month_day = _dated(text, found)
        return Dateline(
            found.end(), "dateline", when, found["place"].strip(), _tag_of(found), text, month_day
        )
    alone = _ALONE.match(first_paragraph)
    if alone and alone["place"].strip().casefold() in known_places:
        place = alone["place"].strip()
        return Dateline(alone.end(), "dateline", None, place, "", place)
    return None
