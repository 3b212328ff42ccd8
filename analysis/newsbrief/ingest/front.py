"""An article's front lines as news sites print them: the headline, bylines, date stamps and
photo captions, read from the first paragraphs of a copied or extracted text.

Ingest records each with its evidence; the stamp and caption dates go on to dating.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from newsbrief.core.patterns import fold, may_match
from newsbrief.ingest.stamps import DATE_WORDS, Stamp, find_stamp

FRONT_LINES = 8  # stamps and bylines sit within the first lines; later dates are the story's
_HEADLINE_WORDS = 25
_HEADLINE_CHARS = 200
_STAMP_WORDS = 10  # words besides the date: more than this is a sentence that mentions a date
# A stamp without a year ("Oct 29, 14:05", "Updated Feb 4") is only a stamp when it is this short
# or carries a clock time: a longer line with "on June 10" is the story's own date.
_BARE_STAMP_WORDS = 2
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_BYLINE = re.compile(
    r"^(?:by\s+\S.{0,60}|(?:staff|our|special)\s+(?:reporter|correspondent)s?"
    r"|(?:from\s+)?(?:our|a)\s+correspondent|web\s+desk|news\s+desk|monitoring\s+desk)$",
    re.I,
)
_STAMP_KIND = re.compile(
    r"\b(?P<kind>last\s+updated|updated|modified|published|posted|first\s+published|date)\b", re.I
)
_CAPTION = re.compile(
    r"(?:\bphoto\b|\bphotograph\b|\bfile\s+photo\b|\bimage\b|\bcourtesy\b|\bhandout\b"
    r"|[—–-]\s*(?:APP|PID|AFP|Reuters|PTI|INP|Online)\s*$|\((?:APP|PID|AFP|Reuters|MOFA)\)\s*$)",
    re.I,
)


@dataclass(frozen=True)
class DateStamp:
    """A publication stamp: the date, what the line calls it, the paragraph and its text."""

    day: date | None  # None for a stamp without a year ("Feb 4")
    kind: str  # published | updated | stamp
    paragraph: int
    line: str
    found: Stamp


@dataclass
class FrontMatter:
    headline: str = ""
    headline_paragraph: int | None = None
    stamps: list[DateStamp] = field(default_factory=list)
    bylines: list[tuple[int, str]] = field(default_factory=list)
    captions: list[tuple[int, Stamp]] = field(default_factory=list)  # dated photo captions

    @property
    def metadata_paragraphs(self) -> set[int]:
        """Paragraphs that are page furniture, not the story: stamps and bylines."""
        return {s.paragraph for s in self.stamps} | {n for n, _ in self.bylines}

    @property
    def publication(self) -> DateStamp | None:
        """The stamp that dates the article: a "published" one before an "updated" one."""
        for kind in ("published", "stamp", "updated"):
            dated = [s for s in self.stamps if s.kind == kind and s.day is not None]
            if dated:
                return dated[0]
        return None


def _stamp_kind(line: str) -> str:
    named = _STAMP_KIND.search(line)
    if named is None:
        return "stamp"
    word = named["kind"].casefold()
    return "updated" if "updated" in word or "modified" in word else "published"


def date_stamp(line: str, paragraph: int) -> DateStamp | None:
    """`line` as a date stamp (a date and few other words), or None if it is prose. A stamp
    without a year has its day None: dating looks for the year."""
    if len(line.split()) > _STAMP_WORDS + DATE_WORDS:
        return None  # prose, whatever date it holds: no need to look for one
    found = find_stamp(line) or find_stamp(line, year_optional=True)
    if found is None:
        return None
    rest = (line[: found.start] + " " + line[found.end :]).split()
    if len(rest) > _STAMP_WORDS or (line.rstrip().endswith((".", "?", "!")) and len(rest) > 4):
        return None
    if found.day is None and not _is_bare_stamp(line, rest):
        return None
    return DateStamp(found.day, _stamp_kind(line), paragraph, line.strip(), found)


def _is_bare_stamp(line: str, rest: list[str]) -> bool:
    words = [w for w in rest if any(c.isalpha() for c in w)]
    named = _STAMP_KIND.search(line) is not None
    return len(words) <= _BARE_STAMP_WORDS + named or bool(_CLOCK.search(line))


def _is_caption(line: str) -> bool:
    # Most lines hold none of the words a caption needs; testing for them is a tenth of a scan.
    return may_match(_CAPTION, fold(line)) and _CAPTION.search(line) is not None


def is_byline(line: str) -> bool:
    return bool(_BYLINE.match(line.strip()))


def is_headline(line: str, following: list[str]) -> bool:
    """A short first line without a final full stop, before a body of longer paragraphs."""
    text = line.strip()
    words = text.split()
    return (
        0 < len(words) <= _HEADLINE_WORDS
        and len(text) <= _HEADLINE_CHARS
        and not text.endswith((".", ":", ";", ","))
        and any(len(p.split()) > len(words) for p in following)
    )


def read_front(paragraphs: list[str], not_headline: set[int] | None = None) -> FrontMatter:
    """Headline, stamps, bylines and dated captions among the first paragraphs.
    `not_headline` are paragraphs known to be something else (a dateline, a date header)."""
    front = FrontMatter()
    skip = not_headline or set()
    for number, line in enumerate(paragraphs[:FRONT_LINES]):
        stamp = date_stamp(line, number)
        if stamp is not None:
            front.stamps.append(stamp)
        elif is_byline(line):
            front.bylines.append((number, line.strip()))
        elif _is_caption(line) and (dated := find_stamp(line)) is not None:
            front.captions.append((number, dated))
    first_is_free = paragraphs and 0 not in skip and 0 not in front.metadata_paragraphs
    if first_is_free and is_headline(paragraphs[0], paragraphs[1:FRONT_LINES]):
        front.headline, front.headline_paragraph = paragraphs[0].strip(), 0
    return front
