"""What a sentence's words say about an event named in it: its status, the time expression that
dates it, the figures it gives, and the city routes it names. Used by claims/extract.py per cue.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsbrief.claims.mentions import Mention, pair_key
from newsbrief.core.patterns import fold, may_match
from newsbrief.core.records import Timex
from newsbrief.dating.context import Place

if TYPE_CHECKING:  # the rules are read in extract.py, which reads sentences with this module
    from newsbrief.claims.extract import ClaimRules, FigureRule

CLAUSE_PENALTY = 200  # characters a status cue across ";", ":" or "but" counts as: another clause
LINK_REACH = 24  # characters a route link ("and from", "–") may span between two cities
CLAUSE_BREAK = re.compile(
    r"[;:()]|\s[–—]\s|,\s*(?:but|while|whereas|although|though|which)\b|\bbut\b", re.IGNORECASE
)
# (status, start, end, rank of its pattern in the rules) of a status word in a sentence
StatusWord = tuple[str, int, int, int]


def distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans, plus a clause's worth for each clause break between them."""
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    if hi <= lo:
        return 0
    return hi - lo + CLAUSE_PENALTY * len(CLAUSE_BREAK.findall(text, lo, hi))


def status_words(text: str, rules: ClaimRules, folded: str | None = None) -> list[StatusWord]:
    """(status, start, end, rank of its pattern) of every status word in the sentence. `folded` is
    the text's `fold`, when already made."""
    folded = fold(text) if folded is None else folded
    # A cue whose words are not in the sentence is not scanned for: in most sentences that leaves
    # two or three of the seven, and no scan of them all at once is needed to tell where to start.
    return [
        (name, m.start(), m.end(), rank)
        for rank, (name, pattern) in enumerate(rules.status)
        if may_match(pattern, folded)
        for m in pattern.finditer(text)
    ]


def sentence_status(
    text: str,
    cue: tuple[int, int],
    rules: ClaimRules,
    words: list[StatusWord] | None = None,
) -> str | None:
    """The status the sentence gives the event whose words are at `cue`, or None if it gives none.
    `words` are the sentence's status words when already read (one read serves every cue)."""
    hits = [
        h
        for h in (status_words(text, rules) if words is None else words)
        if not (h[1] < cue[1] and cue[0] < h[2])
    ]
    if not hits:
        return None
    name, start, end, _ = min(hits, key=lambda h: (distance(text, cue, (h[1], h[2])), h[3], h[1]))
    if name not in rules.framing:
        # "welcomed the proposal to organize": the framing word just before governs the verb.
        framing = [
            h
            for h in hits
            if h[0] in rules.framing
            and h[2] <= start
            and distance(text, (h[1], h[2]), (start, end)) <= rules.framing_reach
        ]
        if framing:
            name = max(framing, key=lambda h: h[2])[0]
    if name == "happened" and rules.negation.search(text[max(0, start - 40) : start]):
        return "planned"
    return name


def _groups(cities: list[Mention], text: str, rules: ClaimRules) -> list[list[Mention]]:
    """Runs of cities of one country joined by list words: "Lahore, Karachi and Quetta"."""
    groups: list[list[Mention]] = []
    for m in cities:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and last.place.country == m.place.country
            and m.place is not last.place
            and m.start - last.end <= LINK_REACH
            and rules.list_link.match(text, last.end, m.start)
        ):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def routes(
    text: str, mentions: list[Mention], rules: ClaimRules
) -> list[tuple[tuple[Place, Place], int, int]]:
    """City pairs across two countries joined by a route link, in order: ((a, b), start, end)."""
    cities = [m for m in mentions if m.place.kind == "city"]
    groups = _groups(cities, text, rules)
    found: list[tuple[tuple[Place, Place], int, int]] = []
    i = 0
    while i < len(groups) - 1:
        left, right = groups[i], groups[i + 1]
        if (
            left[0].place.country != right[0].place.country
            and right[0].start - left[-1].end <= LINK_REACH
            and rules.route_link.match(text, left[-1].end, right[0].start)
        ):
            for a in left:
                for b in right:
                    found.append(((a.place, b.place), min(a.start, b.start), max(a.end, b.end)))
            i += 2  # "Almaty and Lahore, followed by Almaty and Karachi": pairs do not chain
        else:
            i += 1
    unique: dict[str, tuple[tuple[Place, Place], int, int]] = {}
    for route in found:
        unique.setdefault(pair_key(route[0][0].name, route[0][1].name), route)
    return list(unique.values())


def usable(timexes: list[Timex], status: str) -> list[Timex]:
    """Time expressions that can date this claim: dated ones pointing the right way in time (a
    plan's date lies ahead, a happening's behind), else vague ones ("shortly") for their words."""
    wanted = ("past",) if status == "happened" else ("future",)
    dated = [t for t in timexes if t.start is not None and t.direction in wanted]
    return dated or [t for t in timexes if t.start is None]


def nearest(timexes: list[Timex], span: tuple[int, int], text: str) -> Timex | None:
    return min(
        timexes,
        key=lambda t: (distance(text, span, (t.char_start, t.char_end)), t.char_start),
        default=None,
    )


def attach_times(
    spans: list[tuple[int, int]], timexes: list[Timex], text: str
) -> list[Timex | None]:
    """A time expression for each span (routes, in order). One written right after a route is its
    own ("Almaty and Karachi in May"); the rest pair off in reading order when the counts match
    ("Starting in April, ... Almaty and Lahore, followed by ..."), else each takes the nearest."""
    if not timexes:
        return [None] * len(spans)
    if len(spans) == 1:
        return [nearest(timexes, spans[0], text)]
    chosen: list[Timex | None] = [None] * len(spans)
    free = sorted(timexes, key=lambda t: t.char_start)
    for i, (_, end) in enumerate(spans):
        follow = next(
            (
                t
                for t in free
                if 0 <= t.char_start - end <= 16
                and not CLAUSE_BREAK.search(text, end, t.char_start)
            ),
            None,
        )
        if follow is not None:
            chosen[i] = follow
            free.remove(follow)
    rest = [i for i, t in enumerate(chosen) if t is None]
    if rest and len(rest) == len(free):
        for i, t in zip(rest, free, strict=True):
            chosen[i] = t
    else:
        for i in rest:
            chosen[i] = nearest(free or timexes, spans[i], text)
    return chosen


def _value(word: str, numbers: dict[str, int]) -> int | None:
    word = word.casefold().replace(",", "")
    if word.isdigit():
        return int(word)
    parts = re.split(r"[- ]+", word)
    values = [numbers.get(p) for p in parts]
    if not parts or any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def count_value(figure: str, rules: ClaimRules) -> int | None:
    """The number a count figure states: "thirty-seven agreements" is 37, "20 MoUs" is 20."""
    words = "|".join(sorted(rules.numbers, key=len, reverse=True)) or "(?!)"
    m = re.match(rf"\s*(\d[\d,]*|(?:(?:{words})[- ]?)+)", figure, re.IGNORECASE)
    return _value(m.group(1).strip(" -"), rules.numbers) if m else None


def _compared(group: FigureRule, text: str) -> bool:
    """A count to compare across articles: of a comparable group, and not one counted over a span
    of history ("35 agreements since 1992"), which a count of one signing does not contradict."""
    return group.compare and not (group.cumulative and group.cumulative.search(text))


def sentence_figures(
    text: str, kind: str, rules: ClaimRules, folded: str | None = None
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Figures of the rules' groups that apply to `kind`, as written, and the comparable counts.
    `folded` is the text's `fold`, when already made."""
    figures: list[str] = []
    counts: list[int] = []
    taken: list[tuple[int, int]] = []
    folded = fold(text) if folded is None else folded
    for group in rules.figures:
        if group.kinds and kind not in group.kinds:
            continue
        for pattern in group.patterns:
            if not may_match(pattern, folded):
                continue  # none of the words it needs ("visa", "flight") is in the sentence
            for m in pattern.finditer(text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue  # "within 24 hours" and "24 hours" are one figure
                taken.append(m.span())
                written = text[m.start() : m.end()]
                figures.append(written)
                value = count_value(written, rules) if _compared(group, text) else None
                if value is not None:
                    counts.append(value)
    return tuple(dict.fromkeys(figures)), tuple(sorted(set(counts)))
