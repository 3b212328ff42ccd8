"""What an article says of itself: its headline, outlet, date and dateline, read from its front
lines, its saved page's metadata and its URL, each with the evidence that gave it.

Ingest stores the result on the Article; the catalog, where it has an entry, still wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsbrief.ingest.datelines import Dateline, find_dateline
from newsbrief.ingest.front import FRONT_LINES, FrontMatter, read_front
from newsbrief.ingest.html import Page
from newsbrief.ingest.outlets import Outlets
from newsbrief.ingest.stamps import Stamp, full_dates
from newsbrief.ingest.urls import url_date

_DATELINE_LINES = 12  # key-point bullets and share buttons can push the dateline this far down
_SHORT_LINE_WORDS = 25  # a subheadline or page furniture; a longer paragraph is the story
_CREDIT_LINES = 8  # copyright and "Published in X" credits sit at an article's foot, before links


@dataclass(frozen=True)
class Stated:
    title: str = ""
    title_source: str = ""  # metadata | headline
    outlet: str = ""
    outlet_source: str = ""  # "url ...", "dateline tag ...", "credit ...", ...
    date: date | None = None
    basis: str = ""  # metadata | header | dateline | url
    evidence: str = ""
    dateline: Dateline | None = None
    dateline_paragraph: int = 0
    furniture: frozenset[int] = frozenset()  # stamps and bylines: page furniture, not the story


def _dateline(
    paragraphs: list[str], front: FrontMatter, places: frozenset[str]
) -> tuple[int, Dateline | None]:
    """The dateline opens the first paragraph of the story, after headline, stamps and captions,
    and after the short lines a page puts between them (a subheadline, "Share:", a byline it does
    not recognise). The first long paragraph is the story: a dateline after it is none."""
    skip = front.metadata_paragraphs | {n for n, _ in front.captions}
    if front.headline_paragraph is not None:
        skip.add(front.headline_paragraph)
    first: int | None = None
    for number, paragraph in enumerate(paragraphs[:_DATELINE_LINES]):
        if number in skip:
            continue
        first = number if first is None else first
        found = find_dateline(paragraph, places)
        if found is not None:
            return number, found
        if len(paragraph.split()) > _SHORT_LINE_WORDS:
            break
    return first or 0, None


def _outlet_of_page(page: Page | None, url: str, outlets: Outlets) -> tuple[str, str]:
    """The outlet a URL's domain or a saved page's site name gives, if any."""
    for where in (url, page.url if page else ""):
        if where and (found := outlets.of_url(where)) is not None:
            return found.name, f"the URL's domain ({where})"
    if page and page.sitename:
        named = outlets.of_tag(page.sitename)
        return (named.name if named else page.sitename), f"the page's site name “{page.sitename}”"
    return "", ""


def _outlet(
    page: Page | None, url: str, dateline: Dateline | None, paragraphs: list[str], outlets: Outlets
) -> tuple[str, str]:
    """(outlet, how it is known): the URL's domain, the page's site name, a dateline tag, then a
    credit or phrase in the text. A wire agency's tag loses to a publisher named another way."""
    found = _outlet_of_page(page, url, outlets)
    if found[0]:
        return found
    tag = dateline.tag if dateline else ""
    tagged = outlets.of_tag(tag) if tag else None
    mention = outlets.named_in(paragraphs[:FRONT_LINES] + paragraphs[-_CREDIT_LINES:])
    if mention is not None and (tagged is None or (tagged.wire and not mention.outlet.wire)):
        return mention.outlet.name, f"{mention.how} “{mention.evidence}”"
    if tagged is not None:
        return tagged.name, f"the dateline tag “({tag})”"
    return "", ""


def _year_from_text(month_day: Stamp, text: str) -> tuple[date | None, str]:
    """A year-less dateline's year, when the article's full dates give exactly one year."""
    years = sorted({s.day.year for s in full_dates(text) if s.day is not None})
    if len(years) != 1 or (day := month_day.in_year(years[0])) is None:
        return None, ""
    return day, (
        f"“{month_day.text}” without a year; {years[0]} is the only year of the article's own dates"
    )


Found = tuple[date, str, str]  # (date, basis, evidence)


def _from_page(
    page: Page | None, front: FrontMatter, dateline: Dateline | None, url: str
) -> Found | None:
    return (page.date, "metadata", page.date_evidence) if page and page.date else None


def _from_stamp(
    page: Page | None, front: FrontMatter, dateline: Dateline | None, url: str
) -> Found | None:
    stamp = front.publication
    return (stamp.day, "header", stamp.line) if stamp is not None and stamp.day else None


def _from_dateline(
    page: Page | None, front: FrontMatter, dateline: Dateline | None, url: str
) -> Found | None:
    if dateline is None or dateline.date is None:
        return None
    return dateline.date, dateline.basis, dateline.text


def _from_url(
    page: Page | None, front: FrontMatter, dateline: Dateline | None, url: str
) -> Found | None:
    dated = url_date(url or (page.url if page else ""))
    return (dated.low, "url", dated.evidence) if dated is not None and dated.day else None


# In order of trust: the page's metadata, a stamp, a dated dateline, a dated URL.
_DATE_READERS = (_from_page, _from_stamp, _from_dateline, _from_url)


def _stated_date(
    page: Page | None, front: FrontMatter, dateline: Dateline | None, url: str, text: str
) -> tuple[date | None, str, str]:
    """(date, basis, evidence) the article states; else a year-less dateline or stamp completed
    from the article's own dates; else nothing."""
    for reader in _DATE_READERS:
        found = reader(page, front, dateline, url)
        if found is not None:
            return found
    bare = dateline.month_day if dateline and dateline.month_day else None
    bare = bare or next((s.found for s in front.stamps if s.day is None), None)
    if bare is not None:
        day, why = _year_from_text(bare, text)
        if day is not None:
            return day, "dateline", why
    return None, "", ""


def read_stated(
    paragraphs: list[str],
    text: str,
    page: Page | None,
    url: str,
    outlets: Outlets,
    places: frozenset[str],
) -> Stated:
    """Everything the article's text, page and URL say of its title, outlet and date."""
    first = find_dateline(paragraphs[0], places) if paragraphs else None
    front = read_front(paragraphs, not_headline={0} if first is not None else set())
    number, dateline = (0, first) if first is not None else _dateline(paragraphs, front, places)
    title, title_source = (page.title, "metadata") if page and page.title else ("", "")
    if not title and front.headline:
        title, title_source = front.headline, "headline"
    outlet, outlet_source = _outlet(page, url, dateline, paragraphs, outlets)
    day, basis, evidence = _stated_date(page, front, dateline, url, text)
    return Stated(
        title,
        title_source,
        outlet,
        outlet_source,
        day,
        basis,
        evidence,
        dateline,
        number,
        frozenset(front.metadata_paragraphs),
    )
