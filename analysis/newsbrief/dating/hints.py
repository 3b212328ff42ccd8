"""What an article's page says of its date short of stating it: a dated URL month, a dated photo
caption, a stamp or dateline without a year. Dating weighs them with the text's other evidence.
"""

from __future__ import annotations

from newsbrief.core.records import Article
from newsbrief.dating.publication import Bound, DateHints
from newsbrief.ingest.front import read_front
from newsbrief.ingest.stamps import Stamp, find_stamp
from newsbrief.ingest.urls import url_date


def date_hints(article: Article) -> DateHints:
    """The hints of an article whose date is not stated (a stated date needs none)."""
    if article.catalog_date is not None or article.header_date is not None:
        return DateHints()
    front = read_front(article.paragraphs)
    bounds = list(_caption_bounds(front.captions))
    month = url_date(article.url)
    if month is not None:
        bounds.append(Bound(month.low, month.high, f"{month.evidence} dates the page"))
    stamp = next((s.found for s in front.stamps if s.day is None), None)
    basis = "header"
    if stamp is None and article.header_evidence:
        stamp, basis = find_stamp(article.header_evidence, year_optional=True), "dateline"
    if stamp is not None and stamp.has_year:
        stamp = None  # a full date there was read by ingest already
    return DateHints(tuple(bounds), stamp, basis if stamp else "")


def _caption_bounds(captions: list[tuple[int, Stamp]]) -> list[Bound]:
    # A photo of the event goes out with the report or after it, never before.
    return [
        Bound(stamp.day, None, f"a photo caption is dated “{stamp.text}”")
        for _, stamp in captions
        if stamp.day is not None
    ]
