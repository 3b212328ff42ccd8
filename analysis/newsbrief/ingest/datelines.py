"""Datelines and date headers at the head of an article: place, date and outlet as metadata.

The matched span is cut from paragraph 0 before sentence splitting, so it is never coded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

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
_TAGGED = re.compile(  # Islamabad, 23 March 2023 (TDI): ...   /   ASTANA (Kazinform) — ...
    rf"^\s*(?P<place>{_PLACE})(?:,\s*(?P<date>{_DATE}))?\s*\((?P<tag>[^()]{{1,40}})\)\s*(?::|{_DASH})\s*"
)
_AGENCY = re.compile(  # ISLAMABAD. KAZINFORM - ...
    rf"^\s*(?P<place>[A-Z][A-Z'’]+(?:[ -][A-Z][A-Z'’]+)*)[.,]\s+"
    rf"(?P<tag>[A-Z][A-Za-z]+)\s*{_DASH}\s+"
)
_PLAIN = re.compile(
    rf"^\s*(?P<place>{_PLACE})\s+{_DASH}\s+"
)  # Islamabad – ...  /  NUR-SULTAN - ...

_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y-%m-%d")


@dataclass(frozen=True)
class Dateline:
    end: int  # characters of paragraph 0 that are metadata
    basis: str  # header | dateline
    date: date | None
    place: str
    tag: str  # the outlet tag as written, e.g. "TDI"
    text: str  # the matched dateline, for evidence


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


def find_dateline(first_paragraph: str, known_places: frozenset[str]) -> Dateline | None:
    """The header or dateline that opens an article, if any. `known_places` are casefolded."""
    header = _HEADER.match(first_paragraph)
    if header:
        return Dateline(
            end=header.end(),
            basis="header",
            date=parse_date(header["date"]),
            place="",
            tag="",
            text=first_paragraph[: header.end()].strip(),
        )
    tagged = _TAGGED.match(first_paragraph)
    if tagged:
        when = parse_date(tagged["date"]) if tagged["date"] else None
        return Dateline(
            end=tagged.end(),
            basis="dateline",
            date=when,
            place=tagged["place"].strip(),
            tag=tagged["tag"].strip(),
            text=first_paragraph[: tagged.end()].strip(),
        )
    agency = _AGENCY.match(first_paragraph)
    if agency and _is_place(agency["place"], known_places):
        return Dateline(
            end=agency.end(),
            basis="dateline",
            date=None,
            place=agency["place"].strip(),
            tag=agency["tag"].strip(),
            text=first_paragraph[: agency.end()].strip(),
        )
    plain = _PLAIN.match(first_paragraph)
    if plain and _is_place(plain["place"], known_places):
        return Dateline(
            end=plain.end(),
            basis="dateline",
            date=None,
            place=plain["place"].strip(),
            tag="",
            text=first_paragraph[: plain.end()].strip(),
        )
    return None
