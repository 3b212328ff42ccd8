"""Plain records that flow between the stages: articles, sentences, time expressions.

Every stage takes and returns these (or lists of them); only the I/O edges touch files.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from datetime import date
from typing import Any


class Record:
    """A record that crosses to Dask's worker processes and back by the hundred thousand: it
    pickles as its class and its field values, and is unpickled by one call of its constructor.
    (A slotted dataclass's own __getstate__/__setstate__ look up its fields for every instance and
    set them one by one: twice the cost each way; benchmarks/results.md.)"""

    __slots__ = ()
    __match_args__: tuple[str, ...]  # a dataclass's __init__ parameters, in order: every field

    def __reduce__(self) -> tuple[type[Record], tuple[Any, ...]]:
        return type(self), tuple([getattr(self, name) for name in self.__match_args__])


@dataclass(frozen=True, slots=True)
class Sentence(Record):
    """One sentence of one paragraph; `start`/`end` are character offsets in the paragraph."""

    article_id: str
    paragraph: int  # 0-based index of the non-empty line in the raw file
    sentence: int  # 0-based index within the paragraph
    text: str
    start: int
    end: int
    boilerplate: bool = False  # web furniture such as "Also Read: ..." lines: never coded or quoted


@dataclass(frozen=True, slots=True)
class PublicationDate(Record):
    """When an article appeared: a point when known, otherwise bounds, always with evidence."""

    date: datetime.date | None
    date_min: datetime.date | None
    date_max: datetime.date | None
    basis: str  # catalog | header | dateline | inferred | unknown
    evidence: str

    @property
    def anchor(self) -> datetime.date | None:
        """The single date relative expressions resolve against, when there is one."""
        if self.date is not None:
            return self.date
        if self.date_min is not None and self.date_min == self.date_max:
            return self.date_min
        return None


@dataclass(frozen=True, slots=True)
class Timex(Record):
    """A time expression found in a sentence, normalised to a calendar interval when possible."""

    text: str  # the exact span as it stands in the sentence
    char_start: int  # offsets within the sentence text
    char_end: int
    start: date | None  # None for vague expressions or when no anchor resolves them
    end: date | None
    granularity: str  # day | week | month | season | quarter | half-year | year | vague
    direction: str  # past | future | vague, relative to the article's publication
    # A relative expression of an undated article, resolved over its date bounds: the span holds
    # every day it can mean, not the one it means.
    approximate: bool = False


@dataclass(slots=True)
class Article(Record):
    """One seed file after ingest: raw text, metadata and its sentences."""

    article_id: str  # file stem
    path: str
    text: str  # decoded text, BOM removed, line ends normalised to \n
    sha256: str  # of the raw bytes on disk
    paragraphs: list[str]
    citekey: str = ""
    outlet: str = ""
    title: str = ""
    url: str = ""
    place: str = ""
    header_date: date | None = None  # from a "date YYYY-MM-DD" header or a dateline
    header_basis: str = ""  # header | dateline
    header_evidence: str = ""
    catalog_date: date | None = None
    catalogued: bool = False
    dateline_span: tuple[int, int] | None = (
        None  # chars of the dateline paragraph that are metadata
    )
    dateline_paragraph: int = 0
    text_path: str = ""  # where the analysed text is: the seed itself, or build/texts/ for a page
    title_source: str = ""  # catalog | metadata | headline | descriptive
    outlet_source: str = ""  # how the outlet is known, in words
    sentences: list[Sentence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # problems reported in the brief's source notes
