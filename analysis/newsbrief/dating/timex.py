"""Time expressions: find them in a sentence and normalise each to a calendar interval.

Runs after dating (relative expressions resolve against the publication date or its bounds) and
feeds timex.csv, claim targets and the inference of undated articles' bounds.

Seasons are northern meteorological seasons: spring March–May, summer June–August, autumn (fall)
September–November, winter December–February; a winter belongs to the year of its December, so
"the winter of 2021" runs from 2021-12-01 to 2022-02-28. "Early", "mid" and "late" split a year
into thirds (January–April, May–August, September–December) and a month into days 1–10, 11–20 and
21 to the end, keeping the granularity of the year or month they narrow.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from newsbrief.core.config import TIMEX_WORDS, TimexWords, load_config
from newsbrief.core.patterns import guarded, trie
from newsbrief.core.records import Timex

SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}
MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}
ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
}
NUMBERS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
NUMBERS.update({"a": 1, "an": 1, "several": 3, "few": 3, "a few": 3, "a couple of": 2})
YEAR_THIRDS = {
    "early": (1, 4),
    "beginning": (1, 4),
    "start": (1, 4),
    "mid": (5, 8),
    "middle": (5, 8),
    "late": (9, 12),
    "end": (9, 12),
    "close": (9, 12),
}
MONTH_THIRDS = {
    "early": (1, 10),
    "beginning": (1, 10),
    "start": (1, 10),
    "mid": (11, 20),
    "middle": (11, 20),
    "late": (21, 31),
    "end": (21, 31),
    "close": (21, 31),
    # "the last week of March": weeks of a month, not the week before the article
    "first week": (1, 7),
    "second week": (8, 14),
    "third week": (15, 21),
    "fourth week": (22, 28),
    "last week": (25, 31),
    "final week": (25, 31),
}
GRANULARITY = {"year": "year", "month": "month", "week": "week", "day": "day"}

# Regex building blocks, in lower case: the candidates regex runs on a lowercased copy of the
# sentence. A bare month (no day or year next to it) and any "May" must still be capitalised in
# the original, which keeps the modal verb out.
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|,\d)"  # not "2,000"
_YEAR = r"(?:1[89]\d{2}|20\d{2}|2100)(?!\d|s\b|(?<=0)['’]s\b)"  # not a decade ("1990s")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WD = rf"(?:{_WEEKDAY},?\s+)"
_DASH = r"\s*(?:[–—-]|to|and|until|till|through)\s*"
_NUM = (
    r"(?:\d{1,2}|a\s+few|a\s+couple\s+of|a|an|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|several|few)"
)
_REL = (
    r"(?:this|next|last|the\s+current|the\s+coming|the\s+next|the\s+following|the\s+past"
    r"|the\s+previous)"
)
# A day or year followed by one of these is a count, not a date ("20 memorandums", "2000 tonnes");
# the words are data (analysis/timex.yml, `not_count`).
_WORDS = load_config(TIMEX_WORDS, TimexWords)
_NOT_COUNT = r"(?!\s*(?:" + "|".join(_WORDS.not_count) + r")(?!\w))"
_LEAD_WORDS = (
    r"starting|beginning|from|in|on|by|until|till|since|during|before|after|through|"
    r"throughout|as\s+of|as\s+early\s+as|no\s+later\s+than|not\s+later\s+than|between|"
    r"at|around|effective"
)


_FULL = (
    rf"{_WD}?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}|{_WD}?{_MONTH}\s+{_DAY},?\s+{_YEAR}"
)
# An optional preposition kept inside the span ("Starting in April", "held on ..."); matched once,
# in front of the whole alternation, so each position pays for the lead words only once.
_LEAD = rf"(?:(?P<lead>(?:{_LEAD_WORDS})(?:\s+(?:in|from|on))?)\s+)?"


def _part(name: str, weeks: bool = False) -> str:
    """early/mid/late or "the beginning/middle/end of" in front of a month or year; with
    `weeks`, "the first/last week of" too (a month's)."""
    week = r"|(?:first|second|third|fourth|last|final)\s+week" if weeks else ""
    return (
        rf"(?:(?P<{name}_p>early|mid|late)[-\s]+(?:in\s+)?"
        rf"|(?:the\s+)?(?P<{name}_w>beginning|start|middle|end|close{week})\s+of\s+)"
    )


# One alternation, most specific first: at one position finditer takes the first alternative
# that matches, so full dates win over day-month and month-year over the bare month.
_KINDS = [
    rf"(?P<md_cross>{_WD}?(?P<mdc_m1>{_MONTH})\s+(?P<mdc_d1>{_DAY}){_DASH}"
    rf"(?P<mdc_m2>{_MONTH})\s+(?P<mdc_d2>{_DAY})(?:,?\s+(?P<mdc_y>{_YEAR}))?)",
    rf"(?P<md_range>{_WD}?(?P<mdr_m>{_MONTH})\s+(?P<mdr_d1>{_DAY}){_DASH}"
    rf"(?P<mdr_d2>{_DAY})(?:,?\s+(?P<mdr_y>{_YEAR}))?{_NOT_COUNT})",
    rf"(?P<dm_cross>{_WD}?(?:the\s+)?(?P<dmc_d1>{_DAY})(?:\s+of)?\s+(?P<dmc_m1>{_MONTH})"
    rf"{_DASH}(?:the\s+)?(?P<dmc_d2>{_DAY})(?:\s+of)?\s+(?P<dmc_m2>{_MONTH})(?:,?\s+(?P<dmc_y>{_YEAR}))?)",
    rf"(?P<dm_range>{_WD}?(?:the\s+)?(?P<dmr_d1>{_DAY}){_DASH}(?:the\s+)?(?P<dmr_d2>{_DAY})"
    rf"(?:\s+of)?\s+(?P<dmr_m>{_MONTH})(?:,?\s+(?P<dmr_y>{_YEAR}))?)",
    r"(?P<iso>(?P<iso_v>(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])))(?![\d-])",
    r"(?P<numeric>(?P<num_v>(?:0?[1-9]|[12]\d|3[01])(?P<num_sep>[./])(?:0?[1-9]|1[0-2])(?P=num_sep)(?:19|20)\d{2}))(?![\d/]|\.\d)",
    rf"(?P<full_range>(?P<fr_a>{_FULL})\s*(?:[–—-]|to|until|till|through)\s*(?P<fr_b>{_FULL}))",
    rf"(?P<full>(?P<full_v>{_WD}?(?:the\s+)?{_DAY}(?:\s+of)?\s+(?P<full_m1>{_MONTH}),?\s+{_YEAR}"
    rf"|{_WD}?(?P<full_m2>{_MONTH})\s+{_DAY},?\s+{_YEAR}))",
    rf"(?P<part_month>{_part('pm', weeks=True)}(?P<pm_m>{_MONTH})(?:,?\s+(?P<pm_y>{_YEAR})"
    rf"|\s+(?:of\s+)?(?P<pm_r>this|next|last)\s+year)?)",
    rf"(?P<part_year>{_part('py')}(?:(?P<py_y>{_YEAR})|(?P<py_r>{_REL})\s+year|the\s+year))",
    rf"(?P<part_rel_month>{_part('prm', weeks=True)}(?:(?P<prm_r>{_REL})\s+month|the\s+month))",
    r"(?P<decade>(?:the\s+)?(?:(?P<dec_p>early|mid|late)[-\s]+)?(?P<dec_y>(?:1[89]|20)\d0)['’]?s)",
    rf"(?P<season>(?:the\s+)?(?:(?P<s_rel>this|next|last|coming|past|previous|following)\s+)?"
    rf"(?P<s_n>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<s_y>{_YEAR})"
    rf"|\s+(?:of\s+)?(?P<s_r>this|next|last)\s+year)?)",
    rf"(?P<quarter>(?:the\s+)?(?:(?P<q_n>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+"
    rf"quarter(?:\s+of\s+(?:(?P<q_y>{_YEAR})|(?P<q_r>{_REL})\s+year|the\s+year))?"
    rf"|q(?P<q_q>[1-4])(?:[\s-]*(?P<q_qy>{_YEAR}))?))",
    rf"(?P<half>(?:the\s+)?(?:(?P<h_n>first|second|1st|2nd)\s+half\s+of\s+(?:(?P<h_y>{_YEAR})"
    rf"|(?P<h_r>{_REL})\s+year|the\s+year)|h(?P<h_h>[12])[\s-]*(?P<h_hy>{_YEAR})))",
    rf"(?P<month_range>(?P<mra_m1>{_MONTH})\s*(?:[–—-]|to|and|through|until)\s*(?P<mra_m2>{_MONTH}),?\s+"
    rf"(?:of\s+)?(?P<mra_y>{_YEAR}))",
    rf"(?P<monthyear>(?P<my_m>{_MONTH}),?\s+(?:of\s+)?(?P<my_y>{_YEAR}))",
    rf"(?P<month_rel_year>(?P<mry_m>{_MONTH})\s+(?:of\s+)?(?P<mry_r>this|next|last)\s+year)",
    rf"(?P<daymonth>(?P<dm_v>{_WD}?(?:the\s+)?{_DAY}(?:\s+of)?\s+(?P<dm_m1>{_MONTH})"
    rf"|{_WD}?(?P<dm_m2>{_MONTH})\s+{_DAY}{_NOT_COUNT})(?!,?\s*{_YEAR})(?![\d:])"
    rf"(?:\s+(?:of\s+)?(?P<dm_r>this|next|last)\s+year|\s+this\s+month)?)",
    rf"(?P<rel_month_name>(?P<rmn_r>this|next|last|coming|past)\s+(?P<rmn_m>{_MONTH}))",
    rf"(?P<year_range>(?P<yr_lead>between|from)\s+(?P<yr_a>{_YEAR})\s*(?:and|to|until|till|[–—-])\s*(?P<yr_b>{_YEAR}))",
    rf"(?P<ago>(?P<ago_n>{_NUM})\s+(?P<ago_u>year|month|week|day)s?\s+ago)",
    rf"(?P<span_past>(?:(?:in|over|during|for|within|throughout)\s+)?(?:the\s+)?(?:past|last|previous)\s+"
    rf"(?P<sp_n>{_NUM})\s+(?P<sp_u>year|month|week)s)",
    rf"(?P<span_next>(?:(?:in|over|during|within|for)\s+)?the\s+(?:next|coming|following)\s+"
    rf"(?P<sn_n>{_NUM})\s+(?P<sn_u>year|month|week)s|within\s+(?P<sw_n>{_NUM})\s+(?P<sw_u>year|month|week)s?)",
    rf"(?P<rel_year>(?:(?P<ry_mod>later|earlier)\s+(?:in\s+)?)?(?P<ry_r>{_REL}|the)\s+year)",
    rf"(?P<rel_quarter>(?P<rq_r>{_REL})\s+quarter)",
    rf"(?P<rel_month>(?:(?P<rm_mod>later|earlier)\s+(?:in\s+)?)?(?P<rm_r>{_REL})\s+month)",
    rf"(?P<rel_week>(?P<rw_r>{_REL})\s+week)",
    r"(?P<rel_day>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today|tomorrow|tonight"
    r"|(?:earlier\s+|later\s+)?this\s+(?:morning|afternoon|evening))",
    rf"(?P<weekday>(?P<wd_r>on|last|next|this|coming|until|till|by|since|before)\s+(?P<wd_d>{_WEEKDAY}))",
    rf"(?P<month>(?P<mb_lead>(?:starting|beginning|from|in|for|by|until|till|since|during|before|after|"
    rf"through|throughout|as\s+of|no\s+later\s+than|not\s+later\s+than)(?:\s+(?:in|from))?)\s+"
    rf"(?P<mb_m>{_MONTH})(?:\s*(?:and|or|to|through|until|[–—-])\s*(?P<mb_m2>{_MONTH}))?)",
    rf"(?P<year>(?P<y_lead>in|since|by|from|until|till|before|after|during|through|throughout|of|for|"
    rf"as\s+of|in\s+the\s+year|around|circa|early\s+as)\s+(?P<y_a>{_YEAR})(?:\s*[–—-]\s*(?P<y_to>{_YEAR}|\d{{2}}(?!\d)))?"
    rf"(?![.,]\d){_NOT_COUNT})",
    r"(?P<vague>shortly|soon|as\s+soon\s+as\s+possible|in\s+the\s+near(?:est)?\s+future|in\s+the\s+future"
    r"|at\s+(?:his|her|their|its|the|your|our|a|an|a\s+mutually)\s+(?:most\s+|mutually\s+|earliest\s+)*"
    r"convenien(?:t|ce)(?:\s+(?:time|date|opportunity))?"
    r"|at\s+the\s+earliest(?:\s+(?:possible\s+)?(?:date|time|opportunity))?|in\s+due\s+course"
    r"|in\s+the\s+(?:years|months|weeks|days)\s+to\s+come|in\s+the\s+(?:coming|next\s+few)\s+(?:days|weeks|months|years)"
    r"|at\s+an\s+early\s+date|in\s+recent\s+(?:years|months|weeks)|recently"
    r"|(?:over|in|during|for)\s+the\s+(?:past|last)\s+(?:few\s+|several\s+)?(?:years|months|decades)"
    r"|over\s+the\s+years)",
]
_ALTERNATIVES = _LEAD + "(?:" + "|".join(_KINDS) + r")(?![\w-])"


# Every word a candidate can begin with (its lead, or the first word of an alternative); a digit,
# "q1"-"q4" or "h1"/"h2" are the other openings. Checked first at each word start, so the
# alternation runs only where a time expression can begin: about 2x faster, same matches. A test
# derives the openings from the parsed alternation and fails if one is missing here.
FIRST_WORDS = frozenset(
    [
        "starting",
        "beginning",
        "from",
        "in",
        "on",
        "by",
        "until",
        "till",
        "since",
        "during",
        "before",
        "after",
        "through",
        "throughout",
        "as",
        "no",
        "not",
        "between",
        "at",
        "around",
        "effective",
        "the",
        "of",
        "for",
        "over",
        "within",
        "circa",
        "shortly",
        "soon",
        "recently",
        "later",
        "earlier",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "yesterday",
        "today",
        "tomorrow",
        "tonight",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
        "early",
        "mid",
        "late",
        "start",
        "middle",
        "end",
        "close",
        "this",
        "next",
        "last",
        "coming",
        "past",
        "previous",
        "following",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "first",
        "second",
        "third",
        "fourth",
        "final",
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "several",
        "few",
    ]
)


_START = r"(?<![\w'’-])"
# A prefix test, not a whole-word one: the alternation allows "april\s*and" with no space.
_OPENING = r"(?=\d|q[1-4]|h[12]|" + trie(FIRST_WORDS) + ")"


def _candidates(kinds: list[str]) -> re.Pattern[str]:
    return re.compile(
        _START + _OPENING + _LEAD + "(?:" + "|".join(map(guarded, kinds)) + r")(?![\w-])"
    )


_CANDIDATES = _candidates(_KINDS)

# Tense cues. Future wins over past in a sentence as a whole ("agreed to organise ... in 2021");
# a cue right before an expression governs it ("the deal, which was signed in December, will ...").
_FUTURE = re.compile(
    r"(?<![\w'’])(?:will|shall|won['’]t|would|(?-i:may|might)|should|must|going\s+to|set\s+(?:to|for)"
    r"|plan(?:s|ned|ning)?\s+to|intend(?:s|ed|ing)?\s+to|intention\s+to|intent\s+to|aim(?:s|ed|ing)?\s+to"
    r"|agree(?:s|d|ing)?\s+to|expect(?:s|ed|ing)?\s+to|hop(?:e|es|ed|ing)\s+to|(?:is|are)\s+to"
    r"|(?:is|are)\s+due|scheduled\s+(?:to|for)|slated\s+(?:to|for)|to\s+be|yet\s+to|likely\s+to"
    r"|ready\s+to|propos(?:e|es|ed|al)\s+to|envisag(?:e|es|ed)|upcoming|forthcoming|next|coming"
    r"|invit(?:e|es|ed)|prepar(?:e|es|ed|ing)\s+(?:to|for))(?![\w'’])|['’]ll(?!\w)",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"(?<![\w'’])(?:was|were|had|did|didn['’]t|ago|last|earlier|previously|recently|already"
    r"|(?:has|have|had)\s+(?:\w+ly\s+)?(?:been|begun|become|done|given|gone|grown|taken|seen|shown"
    r"|spoken|written|chosen|risen|fallen|flown|drawn|held|met|led|made|won|paid|sent|built|brought)"
    r"|began|became|brought|built|came|chose|drew|fell|felt|flew|found|gave|went|grew|held|heard|kept"
    r"|knew|led|left|lost|made|met|paid|ran|rose|said|saw|sent|sought|spent|spoke|stood|taught|told"
    r"|thought|took(?:\s+place)?|undertook|understood|won|wrote|withdrew|oversaw|underwent|got"
    r"|(?P<ed>[a-z]{2,}ed))(?![\w'’-])",
    re.IGNORECASE,
)
# Participles that are mostly adjectives or link words, not reports of a past event.
_ED_NOT_PAST = frozenset(_WORDS.not_past)  # analysis/timex.yml, `not_past`
_ED_NOT_AFTER = re.compile(
    r"(?:\b(?:be|is|are|am|being|the|a|an|this|that|these|those|its|their|his|her|our|your|my|"
    r"newly|well|highly|fully|more|most|less|very|so|to|for|of|with|by|from|into|in|on|at|and|or)"
    r"|[-–])\s*$",
    re.IGNORECASE,
)
_PASSIVE_OR_ADJECTIVE = re.compile(r"\b(?:be|is|are|am|being)\s+$", re.IGNORECASE)
_GOVERNS = 40  # a cue this close before an expression, in the same clause, decides its tense
_CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]]|\b(?:that|which|who|whom|whose|while|whereas|but|as|when)\b", re.IGNORECASE
)
_DEADLINE = re.compile(
    r"^(?:by|until|till|from|starting|beginning|no\s+later|not\s+later|effective|within)\b",
    re.IGNORECASE,
)


# The cue patterns' literals are in lower case, so on an ASCII sentence's lower-case copy they
# match exactly where they match the sentence ignoring case, at the same offsets, at well under
# half the cost (a case-insensitive scan compares case-folded characters at every position). The
# one part that is case-sensitive, the modal verbs of (?-i:...), also matches their capitalised
# forms on the copy ("May" the month): those matches are dropped unless the sentence has the
# lower-case word. Other sentences (non-ASCII letters can fold to ASCII ones) keep the originals.
_FUTURE_LOWER = re.compile(_FUTURE.pattern)
_PAST_LOWER = re.compile(_PAST.pattern)
_CASED_FUTURE = frozenset(
    ("may", "might")
)  # the words of _FUTURE's (?-i:...) group; a test reads it


def _cues(sentence: str, lowered: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, 'future' | 'past') of every tense cue, in order. `lowered` is the sentence in
    lower case (ASCII letters lowered, same length), when already made."""
    future: Iterable[re.Match[str]]
    if sentence.isascii():
        text = sentence.lower() if lowered is None else lowered
        future = [
            m
            for m in _FUTURE_LOWER.finditer(text)
            if not (m.group() in _CASED_FUTURE and sentence[m.start() : m.end()] != m.group())
        ]
        past = _PAST_LOWER.finditer(text)
    else:
        future, past = _FUTURE.finditer(sentence), _PAST.finditer(sentence)
    found = [(m.start(), m.end(), "future") for m in future]
    taken = [(s, e) for s, e, _ in found]
    for m in past:
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue  # "agreed to", "expected to": already a future cue
        if _is_past_cue(m, sentence):
            found.append((m.start(), m.end(), "past"))
    return sorted(found)


def _is_past_cue(m: re.Match[str], sentence: str) -> bool:
    """Whether a match of _PAST reports a past event, not a passive or an adjective."""
    if _PASSIVE_OR_ADJECTIVE.search(sentence[max(0, m.start() - 12) : m.start()]):
        return False  # "will be held", "is expected": the participle carries no tense of its own
    if m.start("ed") < 0:
        return True
    word = sentence[m.start("ed") : m.end("ed")]  # from the sentence: its capital tells
    lowered_word = word.lower()
    return not (
        word[0].isupper()
        or lowered_word in _ED_NOT_PAST
        or (lowered_word.endswith("eed") and lowered_word not in ("agreed", "freed"))
        or re.match(r"\s+to\b", sentence[m.end() :])
        or _ED_NOT_AFTER.search(sentence[max(0, m.start() - 16) : m.start()])
    )


def tense_cues(sentence: str) -> tuple[bool, bool]:
    """(speaks of the future, speaks of the past), from verb and adverb cues."""
    kinds = {kind for _, _, kind in _cues(sentence)}
    return "future" in kinds, "past" in kinds


def tense(sentence: str) -> str:
    """'future' when the sentence speaks of what is still to come, 'past' when of what was, else
    'unknown'."""
    future, past = tense_cues(sentence)
    return "future" if future else "past" if past else "unknown"


def tense_at(
    sentence: str, char_start: int, char_end: int | None = None, *, strict: bool = False
) -> str:
    """The tense that governs the expression at sentence[char_start:char_end].

    A cue just before it in the same clause decides; otherwise the sentence's tense. With `strict`
    a sentence that has both future and past cues, none of them governing, gives 'unknown'."""
    span = sentence[char_start : char_end if char_end is not None else char_start]
    if re.match(r"since\b", span, re.IGNORECASE) or re.search(r"\bago$", span, re.IGNORECASE):
        return "past"  # "since 1992", "two years ago": the time itself is behind us
    return _tense_at(_cues(sentence), sentence, char_start, strict)


def _tense_at(
    cues: list[tuple[int, int, str]], sentence: str, char_start: int, strict: bool
) -> str:
    before = [c for c in cues if c[1] <= char_start]
    if before:
        _, end, kind = before[-1]
        gap = sentence[end:char_start]
        if len(gap) <= _GOVERNS and not _CLAUSE_BREAK.search(gap):
            return kind
    kinds = {kind for _, _, kind in cues}
    if strict and len(kinds) > 1:
        return "unknown"
    return "future" if "future" in kinds else "past" if "past" in kinds else "unknown"


def governing_cue(sentence: str, char_start: int) -> tuple[int, int, str] | None:
    """The tense cue that directly governs an expression starting at `char_start`, if any."""
    before = [c for c in _cues(sentence) if c[1] <= char_start]
    if before:
        gap = sentence[before[-1][1] : char_start]
        if len(gap) <= _GOVERNS and not _CLAUSE_BREAK.search(gap):
            return before[-1]
    return None


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class Candidate:
    """One candidate span. The regex runs on an ASCII-lowercased copy of the sentence (same
    offsets, and much faster than a case-insensitive alternation); groups are read back from the
    original, so capitalisation still tells "May" from "may"."""

    __slots__ = ("_match", "_sentence", "kind")

    def __init__(self, match: re.Match[str], sentence: str) -> None:
        self._match = match
        self._sentence = sentence
        self.kind = match.lastgroup or ""  # the alternative that matched: a name in _KINDS

    def group(self, name: str | int = 0) -> str | None:
        start, end = self._match.span(name)
        return None if start < 0 else self._sentence[start:end]

    def text(self, name: str) -> str:
        """A group the kind always fills (a KeyError, caught by _resolve, if it did not)."""
        value = self.group(name)
        if value is None:
            raise KeyError(name)
        return value

    def word(self, name: str) -> str:
        """A group in lower case, "" when it took no part in the match."""
        return (self.group(name) or "").lower()

    def start(self) -> int:
        return self._match.start()

    def end(self) -> int:
        return self._match.end()


# Calendar helpers.


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), _month_end(year, month)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _add_months(day: date, by: int) -> date:
    year, month = _shift_month(day.year, day.month, by)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _season(name: str, year: int) -> tuple[date, date]:
    first, last = SEASONS[name.lower()]
    if first > last:  # winter runs from December into the next year
        return date(year, first, 1), _month_end(year + 1, last)
    return date(year, first, 1), _month_end(year, last)


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _offset(word: str | None) -> int:
    """Years (or months, weeks) from the anchor that this/next/last point to."""
    last = (word or "this").lower().split()[-1]
    return {"next": 1, "coming": 1, "following": 1, "last": -1, "past": -1, "previous": -1}.get(
        last, 0
    )


def _count(word: str) -> int:
    word = " ".join(word.lower().split())  # "a  few"
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


@lru_cache(maxsize=131072)
def _parse(text: str, base: date | None, prefer: str) -> date | None:
    """One date span read by dateparser (day-first, as in the region's press); cached per span
    and anchor, since the same dates recur across a corpus."""
    cleaned = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b|\bthe\b|\bof\b", " ", text, flags=re.IGNORECASE)
    cleaned = " ".join(cleaned.replace(",", " ").split())
    settings: dict[str, object] = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month"] if base else ["day", "month", "year"],
    }
    if base is not None:
        # "future" from the day before the anchor, so an event on the anchor day itself is not
        # pushed a year ahead.
        moved = base - timedelta(days=1) if prefer == "future" else base
        settings["RELATIVE_BASE"] = datetime(moved.year, moved.month, moved.day)
        settings["PREFER_DATES_FROM"] = prefer
    try:
        parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed else None


def _day(day: int, month: int, year: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


Interval = tuple[date | None, date | None, str]
Known = tuple[date, date, str]  # an interval whose both ends are known
Absolute = Callable[[Candidate], "Interval | None"]
Relative = Callable[[Candidate, date, str], Interval]


# Expressions that name their own year: one resolver per kind; None when it needs an anchor.


def _written_day_range(m: Candidate) -> Interval | None:
    year = m.group("mdr_y") or m.group("dmr_y") or m.group("mdc_y") or m.group("dmc_y")
    return _day_range(m, int(year)) if year else None


def _iso(m: Candidate) -> Interval:
    day = date.fromisoformat(m.text("iso_v"))
    return day, day, "day"


def _parsed_day(group: str) -> Absolute:
    def resolve(m: Candidate) -> Interval:
        day = _parse(m.text(group), None, "current_period")
        return day, day, "day"

    return resolve


def _full_range(m: Candidate) -> Interval:
    return (
        _parse(m.text("fr_a"), None, "current_period"),
        _parse(m.text("fr_b"), None, "current_period"),
        "day",
    )


def _month_of_year(m: Candidate) -> Interval:
    return (*_month_span(int(m.text("my_y")), _month(m.text("my_m"))), "month")


def _month_range(m: Candidate) -> Interval:
    year, first, last = int(m.text("mra_y")), _month(m.text("mra_m1")), _month(m.text("mra_m2"))
    # "November–January 2024": the year written belongs to the end of the range.
    return (
        _month_span(year - 1 if first > last else year, first)[0],
        _month_end(year, last),
        "month",
    )


def _written_month_part(m: Candidate) -> Interval | None:
    year = m.group("pm_y")
    return _month_part(m, "pm", int(year), _month(m.text("pm_m"))) if year else None


def _written_year_part(m: Candidate) -> Interval | None:
    year = m.group("py_y")
    return _year_part(m, "py", int(year), None) if year else None


def _decade(m: Candidate) -> Interval:
    first = int(m.text("dec_y"))
    low, high = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(m.word("dec_p"), (0, 9))
    return date(first + low, 1, 1), date(first + high, 12, 31), "year"


def _written_season(m: Candidate) -> Interval | None:
    year = m.group("s_y")
    return (*_season(m.text("s_n"), int(year)), "season") if year else None


def _quarter_number(m: Candidate) -> int:
    return int(m.text("q_q")) if m.group("q_q") else ORDINALS[m.word("q_n")]


def _quarter(year: int, q: int) -> Known:
    return date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter"


def _written_quarter(m: Candidate) -> Interval | None:
    year = m.group("q_y") or m.group("q_qy")
    return _quarter(int(year), _quarter_number(m)) if year else None


def _half(year: int, h: int) -> Known:
    return date(year, 6 * h - 5, 1), _month_end(year, 6 * h), "half-year"


def _half_number(m: Candidate) -> int:
    if m.group("h_h"):
        return int(m.text("h_h"))
    return 1 if m.word("h_n") in ("first", "1st") else 2


def _written_half(m: Candidate) -> Interval | None:
    year = m.group("h_y") or m.group("h_hy")
    return _half(int(year), _half_number(m)) if year else None


def _year_range(m: Candidate) -> Interval:
    return date(int(m.text("yr_a")), 1, 1), date(int(m.text("yr_b")), 12, 31), "year"


def _year(m: Candidate) -> Interval:
    first = last = int(m.text("y_a"))
    if to := m.group("y_to"):
        # "2020–22": the last two digits of a year in the first one's century.
        last = max(first, int(to) if len(to) == 4 else first // 100 * 100 + int(to))
    return date(first, 1, 1), date(last, 12, 31), "year"


_ABSOLUTE: dict[str, Absolute] = {
    "md_range": _written_day_range,
    "dm_range": _written_day_range,
    "md_cross": _written_day_range,
    "dm_cross": _written_day_range,
    "iso": _iso,
    "numeric": _parsed_day("num_v"),
    "full": _parsed_day("full_v"),
    "full_range": _full_range,
    "monthyear": _month_of_year,
    "month_range": _month_range,
    "part_month": _written_month_part,
    "part_year": _written_year_part,
    "decade": _decade,
    "season": _written_season,
    "quarter": _written_quarter,
    "half": _written_half,
    "year_range": _year_range,
    "year": _year,
}


def _absolute(m: Candidate) -> Interval | None:
    """An expression that names its own year; None when it needs an anchor."""
    resolver = _ABSOLUTE.get(m.kind)
    return resolver(m) if resolver is not None else None


def _day_range(m: Candidate, year: int) -> Interval:
    if m.kind in ("md_range", "dm_range"):
        prefix = "mdr" if m.kind == "md_range" else "dmr"
        month = _month(m.text(f"{prefix}_m"))
        return (
            _day(_day_number(m.text(f"{prefix}_d1")), month, year),
            _day(_day_number(m.text(f"{prefix}_d2")), month, year),
            "day",
        )
    prefix = "mdc" if m.kind == "md_cross" else "dmc"
    first_month, last_month = _month(m.text(f"{prefix}_m1")), _month(m.text(f"{prefix}_m2"))
    # "28 December – 2 January 2024": the year written belongs to the end of the range.
    start_year = year - 1 if first_month > last_month else year
    return (
        _day(_day_number(m.text(f"{prefix}_d1")), first_month, start_year),
        _day(_day_number(m.text(f"{prefix}_d2")), last_month, year),
        "day",
    )


def _lead_of(m: Candidate) -> str:
    for name in ("lead", "mb_lead", "y_lead", "yr_lead", "wd_r"):
        if lead := m.group(name):
            return lead.lower()
    return ""


def _part_of(m: Candidate, prefix: str) -> str:
    """early/mid/late or beginning/middle/end, in lower case."""
    return " ".join((m.group(f"{prefix}_p") or m.text(f"{prefix}_w")).lower().split())


def _month_part(m: Candidate, prefix: str, year: int, month: int) -> Known:
    """early/mid/late March; "by the end of March" is a deadline: the whole month."""
    part = _part_of(m, prefix)
    end_day = calendar.monthrange(year, month)[1]
    if _deadline(m):
        return date(year, month, 1), date(year, month, end_day), "month"
    first, last = MONTH_THIRDS[part]
    return date(year, month, first), date(year, month, min(last, end_day)), "month"


def _year_part(m: Candidate, prefix: str, year: int, anchor: date | None) -> Known:
    """early/mid/late 2024; "by the end of the year" is a deadline: from the anchor (or 1 January)
    to 31 December."""
    part = _part_of(m, prefix)
    if _deadline(m):
        start = date(year, 1, 1)
        if anchor is not None and anchor.year == year:
            start = anchor
        return start, date(year, 12, 31), "year"
    first, last = YEAR_THIRDS[part]
    return date(year, first, 1), _month_end(year, last), "year"


def _deadline(m: Candidate) -> bool:
    return _lead_of(m).startswith(("by", "until", "till", "before", "no later", "not later"))


# Expressions placed on the calendar by the anchor (and, for bare months, by tense): one
# resolver per kind, each given the candidate, the anchor and the tense that governs it.


def _day_range_near(m: Candidate, anchor: date, when: str) -> Interval:
    """A day range without a year: the anchor's, or the next or last one the tense points to."""
    start, end, granularity = _day_range(m, anchor.year)
    if start and end:
        if when == "future" and end < anchor:
            return _day_range(m, anchor.year + 1)
        if when == "past" and start > anchor:
            return _day_range(m, anchor.year - 1)
    return start, end, granularity


def _day_month(m: Candidate, anchor: date, when: str) -> Interval:
    if m.group("dm_r"):  # "12 May next year"
        base = date(anchor.year + _offset(m.group("dm_r")), 1, 1)
        day = _parse(m.text("dm_v"), base, "current_period")
    else:
        prefer = when if when in ("future", "past") else "current_period"
        day = _parse(m.text("dm_v"), anchor, prefer)
    return day, day, "day"


def _month_part_near(m: Candidate, anchor: date, when: str) -> Interval:
    month = _month(m.text("pm_m"))
    if m.group("pm_r"):  # "late March next year"
        return _month_part(m, "pm", anchor.year + _offset(m.group("pm_r")), month)
    return _month_part(m, "pm", _month_year(month, anchor, when), month)


def _year_part_near(m: Candidate, anchor: date, when: str) -> Interval:
    return _year_part(m, "py", anchor.year + _offset(m.group("py_r")), anchor)


def _relative_month_part(m: Candidate, anchor: date, when: str) -> Interval:
    """ "by the end of next month"; a deadline within the anchor's month starts at the anchor."""
    y, month = _shift_month(anchor.year, anchor.month, _offset(m.group("prm_r")))
    start, end, _ = _month_part(m, "prm", y, month)
    if _deadline(m) and start <= anchor <= end:
        start = anchor
    return start, end, "month"


def _month_of_relative_year(m: Candidate, anchor: date, when: str) -> Interval:
    year = anchor.year + _offset(m.group("mry_r"))
    return (*_month_span(year, _month(m.text("mry_m"))), "month")


def _relative_month_name(m: Candidate, anchor: date, when: str) -> Interval:
    """ "next March", "last December": the nearest such month on that side of the anchor."""
    month, relation, year = _month(m.text("rmn_m")), m.word("rmn_r"), anchor.year
    if relation in ("next", "coming"):
        year += 0 if month > anchor.month else 1
    elif relation in ("last", "past"):
        year -= 0 if month < anchor.month else 1
    return (*_month_span(year, month), "month")


def _bare_month(m: Candidate, anchor: date, when: str) -> Interval:
    """ "in March", "from April to June": the year comes from the anchor and the tense."""
    first = _month(m.text("mb_m"))
    year = _month_year(first, anchor, when)
    start, end = _month_span(year, first)
    if m.group("mb_m2"):
        last = _month(m.text("mb_m2"))
        end = _month_end(year if last >= first else year + 1, last)
    return start, end, "month"


def _season_of(m: Candidate, anchor: date, when: str) -> Interval:
    name, relation, of_year = m.text("s_n"), m.group("s_rel"), m.group("s_r")
    return (*_season_near(name, anchor, when, relation, of_year), "season")


def _quarter_near(m: Candidate, anchor: date, when: str) -> Interval:
    return _quarter(anchor.year + _offset(m.group("q_r")), _quarter_number(m))


def _relative_quarter(m: Candidate, anchor: date, when: str) -> Interval:
    year, q = divmod(anchor.year * 4 + (anchor.month - 1) // 3 + _offset(m.group("rq_r")), 4)
    return _quarter(year, q + 1)


def _half_near(m: Candidate, anchor: date, when: str) -> Interval:
    return _half(anchor.year + _offset(m.group("h_r")), _half_number(m))


def _relative_year(m: Candidate, anchor: date, when: str) -> Interval:
    relation = " ".join(m.text("ry_r").lower().split())
    if relation == "the past":  # "over the past year": the twelve months up to the anchor
        return _add_months(anchor, -12), anchor, "year"
    year = anchor.year + _offset(relation)
    first, last = date(year, 1, 1), date(year, 12, 31)
    modifier = m.word("ry_mod")
    if modifier == "later" and year == anchor.year:
        return anchor + timedelta(days=1), last, "year"
    if modifier == "earlier" and year == anchor.year:
        return first, max(first, anchor - timedelta(days=1)), "year"
    return first, last, "year"


def _relative_month(m: Candidate, anchor: date, when: str) -> Interval:
    year_month = _shift_month(anchor.year, anchor.month, _offset(m.group("rm_r")))
    first, last = _month_span(*year_month)
    modifier = m.word("rm_mod")
    if modifier == "later" and year_month == (anchor.year, anchor.month):
        return min(anchor + timedelta(days=1), last), last, "month"
    if modifier == "earlier" and year_month == (anchor.year, anchor.month):
        return first, max(first, anchor - timedelta(days=1)), "month"
    return first, last, "month"


def _relative_week(m: Candidate, anchor: date, when: str) -> Interval:
    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=_offset(m.group("rw_r")))
    return monday, monday + timedelta(days=6), "week"


_DAY_SHIFTS = {"yesterday": -1, "tomorrow": 1}


def _relative_day(m: Candidate, anchor: date, when: str) -> Interval:
    text = " ".join(m.text("rel_day").lower().split())
    if "before yesterday" in text:
        shift = -2
    elif "after tomorrow" in text:
        shift = 2
    else:
        shift = _DAY_SHIFTS.get(text, 0)  # today, tonight, this morning
    day = anchor + timedelta(days=shift)
    return day, day, "day"


def _weekday_near(m: Candidate, anchor: date, when: str) -> Interval:
    day = _weekday(anchor, WEEKDAYS[m.word("wd_d")], m.word("wd_r"), when)
    return day, day, "day"


def _ago_of(m: Candidate, anchor: date, when: str) -> Interval:
    return _ago(anchor, _count(m.text("ago_n")), m.word("ago_u"))


def _span_past(m: Candidate, anchor: date, when: str) -> Interval:
    unit, n = m.word("sp_u"), _count(m.text("sp_n"))
    return _back(anchor, n, unit), anchor, GRANULARITY[unit]


def _span_next(m: Candidate, anchor: date, when: str) -> Interval:
    unit = (m.group("sn_u") or m.text("sw_u")).lower()
    n = _count(m.group("sn_n") or m.text("sw_n"))
    return anchor, _back(anchor, -n, unit), GRANULARITY[unit]


_RELATIVE: dict[str, Relative] = {
    "md_range": _day_range_near,
    "dm_range": _day_range_near,
    "md_cross": _day_range_near,
    "dm_cross": _day_range_near,
    "daymonth": _day_month,
    "part_month": _month_part_near,
    "part_year": _year_part_near,
    "part_rel_month": _relative_month_part,
    "month_rel_year": _month_of_relative_year,
    "rel_month_name": _relative_month_name,
    "month": _bare_month,
    "season": _season_of,
    "quarter": _quarter_near,
    "rel_quarter": _relative_quarter,
    "half": _half_near,
    "rel_year": _relative_year,
    "rel_month": _relative_month,
    "rel_week": _relative_week,
    "rel_day": _relative_day,
    "weekday": _weekday_near,
    "ago": _ago_of,
    "span_past": _span_past,
    "span_next": _span_next,
}


def _relative(m: Candidate, anchor: date, when: str) -> Interval:
    """An expression placed on the calendar by the anchor (and, for bare months, by tense)."""
    resolver = _RELATIVE.get(m.kind)
    return resolver(m, anchor, when) if resolver is not None else (None, None, "vague")


def _month_year(month: int, anchor: date, when: str) -> int:
    """The year of a month named without one: the anchor's year, unless the tense points across
    the year end ("was signed in December" in a January article is last December)."""
    if when == "past" and month > anchor.month:
        return anchor.year - 1
    if when == "future" and month < anchor.month:
        return anchor.year + 1
    return anchor.year


Span = tuple[date, date]


def _season_near(
    name: str, anchor: date, when: str, relation: str | None, of_year: str | None
) -> Span:
    """The season meant by "next summer", "last winter", "this spring" or a bare season name."""
    if of_year:  # "the summer of next year"
        return _season(name, anchor.year + _offset(of_year))
    seasons = [_season(name, y) for y in range(anchor.year - 2, anchor.year + 2)]
    relation = (relation or "").lower()
    if relation in ("next", "coming", "following"):
        return _first_or(seasons, lambda s: s[0] > anchor, seasons[-1])
    if relation in ("last", "past", "previous"):
        return _last_or(seasons, lambda s: s[1] < anchor, seasons[0])
    if not relation and when == "future":  # the season under way or the next one
        return _first_or(seasons, lambda s: s[1] >= anchor, seasons[-1])
    if not relation and when == "past":  # the season under way or the last one
        return _last_or(seasons, lambda s: s[0] <= anchor, seasons[0])
    # "this winter", or no tense: the season under way, else the one in the anchor's year.
    return _first_or(seasons, lambda s: s[0] <= anchor <= s[1], _season(name, anchor.year))


def _first_or(spans: list[Span], keep: Callable[[Span], bool], default: Span) -> Span:
    return next((s for s in spans if keep(s)), default)


def _last_or(spans: list[Span], keep: Callable[[Span], bool], default: Span) -> Span:
    return next((s for s in reversed(spans) if keep(s)), default)


def _weekday(anchor: date, target: int, relation: str, when: str) -> date:
    back = (anchor.weekday() - target) % 7
    ahead = (target - anchor.weekday()) % 7
    if relation in ("next", "coming"):
        return anchor + timedelta(days=ahead or 7)
    if relation == "last":
        return anchor - timedelta(days=back or 7)
    if relation in ("this", "until", "till", "by", "before") or when == "future":
        return anchor + timedelta(days=ahead)
    # News style: "on Wednesday" in a report is the Wednesday just past (the anchor if it is one).
    return anchor - timedelta(days=back)


def _ago(anchor: date, n: int, unit: str) -> Interval:
    if unit == "year":
        return date(anchor.year - n, 1, 1), date(anchor.year - n, 12, 31), "year"
    if unit == "month":
        return (*_month_span(*_shift_month(anchor.year, anchor.month, -n)), "month")
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday(), weeks=n)
        return monday, monday + timedelta(days=6), "week"
    day = anchor - timedelta(days=n)
    return day, day, "day"


def _back(anchor: date, n: int, unit: str) -> date:
    if unit == "year":
        return _add_months(anchor, -12 * n)
    if unit == "month":
        return _add_months(anchor, -n)
    return anchor - timedelta(weeks=n)


_GRANULARITY_OF = {
    "daymonth": "day",
    "md_range": "day",
    "dm_range": "day",
    "md_cross": "day",
    "dm_cross": "day",
    "part_month": "month",
    "part_year": "year",
    "month_range": "month",
    "part_rel_month": "month",
    "month_rel_year": "month",
    "rel_month_name": "month",
    "month": "month",
    "season": "season",
    "quarter": "quarter",
    "rel_quarter": "quarter",
    "half": "half-year",
    "rel_year": "year",
    "rel_month": "month",
    "rel_week": "week",
    "rel_day": "day",
    "weekday": "day",
}


_GRANULARITY_UNIT = {"ago": ("ago_u",), "span_past": ("sp_u",), "span_next": ("sn_u", "sw_u")}


def _granularity(m: Candidate) -> str:
    unit = next((m.group(g) for g in _GRANULARITY_UNIT.get(m.kind, ()) if m.group(g)), None)
    if unit is not None:
        return GRANULARITY[unit.lower()]
    return _GRANULARITY_OF.get(m.kind, "day")


# The groups that hold a month's name, and those of the kinds where it stands alone.
_MONTH_GROUPS = [
    "mdc_m1",
    "mdc_m2",
    "mdr_m",
    "dmc_m1",
    "dmc_m2",
    "dmr_m",
    "full_m1",
    "full_m2",
    "pm_m",
    "my_m",
    "mry_m",
    "dm_m1",
    "dm_m2",
    "rmn_m",
    "mb_m",
    "mb_m2",
]
_BARE_MONTH_GROUPS = {"month": ("mb_m", "mb_m2"), "rel_month_name": ("rmn_m",)}


def _is_modal_may(m: Candidate) -> bool:
    """ "may" the modal verb read as a month."""
    return any(
        (month := m.group(name)) and month.lower() == "may" and not month[0].isupper()
        for name in _MONTH_GROUPS
    )


def _is_lowercase_bare_month(m: Candidate) -> bool:
    """A month alone must look like one: "in march" is more likely a march."""
    months = (m.group(name) for name in _BARE_MONTH_GROUPS.get(m.kind, ()))
    return any(month and not month[0].isupper() for month in months)


def _is_season_word(m: Candidate, sentence: str) -> bool:
    """A season name that is no time: "summer camp", "the Arab Spring", "prices fall"."""
    if m.kind != "season" or m.group("s_y") or m.group("s_r") or m.group("s_rel"):
        return False
    if not m.group("lead"):
        return True  # "summer camp", "the Arab Spring"
    # "in the fall of Kabul", "prices fall"
    return m.word("s_n") == "fall" or re.match(r"\s+of\b", sentence[m.end() :]) is not None


def _is_year_word(m: Candidate) -> bool:
    """ "the year" alone is no date."""
    return m.kind == "rel_year" and m.word("ry_r") == "the" and not m.group("ry_mod")


def _is_title(m: Candidate, sentence: str) -> bool:
    """ "Pakistan Today", "USA Today": a title, not the day (unless quoted or in brackets)."""
    return (
        m.kind == "rel_day"
        and m.start() > 0
        and sentence[m.start()].isupper()
        and not re.search(r"[\"“‘'(]\s*$", sentence[: m.start()])
    )


def _wanted(m: Candidate, sentence: str) -> bool:
    """Filters a regex cannot say well: capitalised months, "fall" the verb, the year word alone."""
    return not (
        _is_modal_may(m)
        or _is_lowercase_bare_month(m)
        or _is_season_word(m, sentence)
        or _is_year_word(m)
        or _is_title(m, sentence)
    )


def _direction(
    start: date | None,
    end: date | None,
    granularity: str,
    low: date | None,
    high: date | None,
    when: str,
    text: str,
) -> str:
    if granularity == "vague":
        return "vague"
    if end is not None and low is not None and end < low:
        return "past"
    if start is not None and high is not None and start > high:
        return "future"
    if when in ("future", "past"):
        return when
    # No tense cue: a deadline points ahead ("by the end of the year"), anything else is reported.
    return "future" if _DEADLINE.match(text) else "past"


# Every time expression contains one of these words, or four digits in a row (a year), or q or h
# and a digit (Q3, H1); sentences with none are skipped. Most sentences with a digit hold only a
# figure ("20 memorandums"): looking for four digits, only in those, skips half of the sentences
# that used to be scanned for nothing. A test reads every kind's pattern and fails if one can match
# without any of them (patterns.always_contains). "day" is not one of them: most sentences that
# hold it count days ("within 30 days"), which no kind reads; the words of the kinds that take a
# day ("today", "Monday", "three days ago", "in the next few days") are listed instead.
_MAYBE = tuple(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
        "year",
        "month",
        "week",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "ago",
        "few",
        "morning",
        "afternoon",
        "evening",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "quarter",
        "half",
        "soon",
        "shortly",
        "future",
        "convenien",
        "earliest",
        "coming",
        "recent",
        "course",
        "come",
        "date",
    ]
)
_MAYBE_DIGITS = re.compile(r"\d{4}|[qh]\d")  # "####", "q#" and "h#" in patterns.always_contains
_DIGIT_CHARACTERS = "0123456789"


def may_hold_timex(lowered: str) -> bool:
    """False when the lower-cased sentence cannot hold a time expression (see _MAYBE)."""
    for word in _MAYBE:  # a loop, not any() over a generator: half the cost
        if word in lowered:
            return True
    if lowered.isascii():
        for digit in _DIGIT_CHARACTERS:
            if digit in lowered:
                return _MAYBE_DIGITS.search(lowered) is not None
        return False
    return _MAYBE_DIGITS.search(lowered) is not None  # digits of other scripts are digits too


def find_timexes(
    sentence: str,
    anchor: date | None,
    *,
    anchor_min: date | None = None,
    anchor_max: date | None = None,
) -> list[Timex]:
    """Every time expression in `sentence`, resolved against the publication date or its bounds.

    Without an anchor, relative expressions resolve at both bounds (start at anchor_min, end at
    anchor_max), so the interval carries the uncertainty; with a bound missing they stay open."""
    found: list[Timex] = []
    # str.lower on ASCII text is the same and a twentieth of the cost; other text may change
    # length under it ("İ"), so only its ASCII letters are lowered.
    lowered = sentence.lower() if sentence.isascii() else sentence.translate(_ASCII_LOWER)
    if not may_hold_timex(lowered):
        return found
    low = anchor if anchor is not None else anchor_min
    high = anchor if anchor is not None else anchor_max
    cues: list[tuple[int, int, str]] | None = None
    position = 0
    while (match := _CANDIDATES.search(lowered, position)) is not None:
        m = Candidate(match, sentence)
        if not _wanted(m, sentence):
            # Look again inside the span: in "talks may next year resume" the month kinds read
            # "may next year" (May of next year), which the modal verb is not; "next year" is.
            position = match.start() + 1
            continue
        position = match.end()
        text = sentence[m.start() : m.end()]
        if cues is None:
            cues = _cues(sentence, lowered)
        if re.match(r"since\b", text, re.IGNORECASE) or text.lower().endswith(" ago"):
            when = "past"
        else:
            when = _tense_at(cues, sentence, m.start(), False)
        start, end, granularity = _resolve(m, anchor, anchor_min, anchor_max, when)
        found.append(
            Timex(
                text=text,
                char_start=m.start(),
                char_end=m.end(),
                start=start,
                end=end,
                granularity=granularity,
                direction=_direction(start, end, granularity, low, high, when, text),
                approximate=anchor is None and start is not None and _absolute(m) is None,
            )
        )
    return found


def reread(
    sentence: str,
    timex: Timex,
    when: str,
    anchor: date | None,
    *,
    anchor_min: date | None = None,
    anchor_max: date | None = None,
) -> Timex:
    """The time expression read again in the tense `when` (past | future) of the event it dates:
    "the meeting held in December" in a July article is last December, though a plan in the same
    sentence is in the future. An expression that names its year reads the same."""
    lowered = sentence.lower() if sentence.isascii() else sentence.translate(_ASCII_LOWER)
    match = _CANDIDATES.match(lowered, timex.char_start)
    if match is None or match.end() != timex.char_end or timex.direction == when:
        return timex
    m = Candidate(match, sentence)
    if m.kind == "vague" or _absolute(m) is not None:
        return timex
    start, end, granularity = _resolve(m, anchor, anchor_min, anchor_max, when)
    low = anchor if anchor is not None else anchor_min
    high = anchor if anchor is not None else anchor_max
    direction = _direction(start, end, granularity, low, high, when, timex.text)
    return replace(timex, start=start, end=end, direction=direction)


def _resolve(
    m: Candidate, anchor: date | None, anchor_min: date | None, anchor_max: date | None, when: str
) -> Interval:
    if m.kind == "vague":
        return None, None, "vague"
    try:
        absolute = _absolute(m)
        if absolute is not None:
            return absolute
        if anchor is not None:
            return _relative(m, anchor, when)
        if anchor_min is not None and anchor_max is not None and anchor_min <= anchor_max:
            return _over_bounds(m, anchor_min, anchor_max, when)
    except (ValueError, OverflowError, KeyError):
        pass  # an impossible date ("30 February"): keep the expression, without a date
    return None, None, _granularity(m)


def _over_bounds(m: Candidate, low: date, high: date, when: str) -> Interval:
    """A relative expression in an undated article: every day it can mean for a publication
    date between the bounds, from its reading at the earliest to its reading at the latest, and
    never longer than the bounds' span plus the expression's own length ("next month" in an
    article of March to May is April to June). Bounds that contradict each other date nothing."""
    early, late = _relative(m, low, when), _relative(m, high, when)
    if None in (early[0], early[1], late[0], late[1]):
        return None, None, _granularity(m)
    start = min(d for d in (early[0], late[0]) if d is not None)
    end = max(d for d in (early[1], late[1]) if d is not None)
    own = max(early[1] - early[0], late[1] - late[0])  # type: ignore[operator]
    return start, min(end, start + (high - low) + own), early[2]
