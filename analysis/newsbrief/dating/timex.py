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
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from newsbrief.core.config import TIMEX_WORDS, TimexWords, load_config
from newsbrief.core.patterns import always_contains, guarded, required, trie
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
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    )
}
NUMBERS.update({"a": 1, "an": 1, "several": 3, "few": 3})  # "a few years": at least a few
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
    r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
)
_REL = r"(?:this|next|last|the\s+current|the\s+coming|the\s+next|the\s+following|the\s+past|the\s+previous)"
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


def _part(name: str) -> str:
    """early/mid/late or "the beginning/middle/end of" in front of a month or year."""
    return (
        rf"(?:(?P<{name}_p>early|mid|late)[-\s]+(?:in\s+)?"
        rf"|(?:the\s+)?(?P<{name}_w>beginning|start|middle|end|close)\s+of\s+)"
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
    rf"(?P<part_month>{_part('pm')}(?P<pm_m>{_MONTH})(?:,?\s+(?P<pm_y>{_YEAR})"
    rf"|\s+(?:of\s+)?(?P<pm_r>this|next|last)\s+year)?)",
    rf"(?P<part_year>{_part('py')}(?:(?P<py_y>{_YEAR})|(?P<py_r>{_REL})\s+year|the\s+year))",
    rf"(?P<part_rel_month>{_part('prm')}(?:(?P<prm_r>{_REL})\s+month|the\s+month))",
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
    rf"(?:\s+(?:of\s+)?(?P<dm_r>this|next|last)\s+year)?)",
    rf"(?P<rel_month_name>(?P<rmn_r>this|next|last|coming|past)\s+(?P<rmn_m>{_MONTH}))",
    rf"(?P<year_range>(?P<yr_lead>between|from)\s+(?P<yr_a>{_YEAR})\s*(?:and|to|until|till|[–—-])\s*(?P<yr_b>{_YEAR}))",
    rf"(?P<ago>(?P<ago_n>{_NUM})\s+(?P<ago_u>year|month|week|day)s?\s+ago)",
    rf"(?P<span_past>(?:(?:in|over|during|for|within|throughout)\s+)?(?:the\s+)?(?:past|last|previous)\s+"
    rf"(?P<sp_n>{_NUM})\s+(?P<sp_u>year|month|week)s)",
    rf"(?P<span_next>(?:(?:in|over|during|within|for)\s+)?the\s+(?:next|coming|following)\s+"
    rf"(?P<sn_n>{_NUM})\s+(?P<sn_u>year|month|week)s|within\s+(?P<sw_n>{_NUM})\s+(?P<sw_u>year|month|week)s)",
    rf"(?P<rel_year>(?:(?P<ry_mod>later|earlier)\s+(?:in\s+)?)?(?P<ry_r>{_REL}|the)\s+year)",
    rf"(?P<rel_quarter>(?P<rq_r>{_REL})\s+quarter)",
    rf"(?P<rel_month>(?P<rm_r>{_REL})\s+month)",
    rf"(?P<rel_week>(?P<rw_r>{_REL})\s+week)",
    r"(?P<rel_day>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today|tomorrow|tonight"
    r"|(?:earlier\s+|later\s+)?this\s+(?:morning|afternoon|evening))",
    rf"(?P<weekday>(?P<wd_r>on|last|next|this|coming|until|till|by|since|before)\s+(?P<wd_d>{_WEEKDAY}))",
    rf"(?P<month>(?P<mb_lead>(?:starting|beginning|from|in|by|until|till|since|during|before|after|"
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
    r"|at\s+an\s+early\s+date|in\s+recent\s+(?:years|months|weeks)"
    r"|(?:over|in|during|for)\s+the\s+(?:past|last)\s+(?:few\s+|several\s+)?(?:years|months|decades))",
]
_ALTERNATIVES = _LEAD + "(?:" + "|".join(_KINDS) + r")(?![\w-])"


# Every word a candidate can begin with (its lead, or the first word of an alternative); a digit,
# "q1"-"q4" or "h1"/"h2" are the other openings. Checked first at each word start, so the
# alternation runs only where a time expression can begin: about 2x faster, same matches. A test
# derives the openings from the parsed alternation and fails if one is missing here.
FIRST_WORDS = frozenset(
    ["starting", "beginning", "from", "in", "on", "by", "until", "till", "since", "during", "before", "after", "through", "throughout", "as", "no", "not", "between", "at", "around", "effective", "the", "of", "for", "over", "within", "circa", "shortly", "soon", "later", "earlier", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tomorrow", "tonight", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec", "early", "mid", "late", "start", "middle", "end", "close", "this", "next", "last", "coming", "past", "previous", "following", "spring", "summer", "autumn", "fall", "winter", "first", "second", "third", "fourth", "final", "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "several", "few"]
)


_START = r"(?<![\w'’-])"
# A prefix test, not a whole-word one: the alternation allows "april\s*and" with no space.
_OPENING = r"(?=\d|q[1-4]|h[12]|" + trie(FIRST_WORDS) + ")"


def _candidates(kinds: list[str]) -> re.Pattern[str]:
    return re.compile(
        _START + _OPENING + _LEAD + "(?:" + "|".join(map(guarded, kinds)) + r")(?![\w-])"
    )


_CANDIDATES = _candidates(_KINDS)
# Many kinds need a month's name or a year's four digits in every match (patterns.always_contains
# reads which from their patterns), and most sentences that hold a time word have neither: for
# them the scan leaves those kinds out (a fifth faster for the months alone) and finds the same,
# since a kind that cannot match changes nothing in the alternation's order.
_MONTH_NAMES = required(_MONTH)
_NEEDS_MONTH = [always_contains(kind, _MONTH_NAMES) for kind in _KINDS]
_NEEDS_YEAR = [always_contains(kind, ["####"]) for kind in _KINDS]
_YEAR_DIGITS = re.compile(r"\d{4}")
# By (a month is named, four digits stand in a row): the kinds that can match.
_SCANS = {
    (monthly, yearly): _candidates(
        [
            kind
            for kind, month, year in zip(_KINDS, _NEEDS_MONTH, _NEEDS_YEAR)
            if (monthly or not month) and (yearly or not year)
        ]
    )
    for monthly in (True, False)
    for yearly in (True, False)
}

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
    if sentence.isascii():
        text = sentence.lower() if lowered is None else lowered
        future = [
            m
            for m in _FUTURE_LOWER.finditer(text)
            if not (m.group() in _CASED_FUTURE and sentence[m.start() : m.end()] != m.group())
        ]
        past = _PAST_LOWER.finditer(text)
    else:
        future, past = list(_FUTURE.finditer(sentence)), _PAST.finditer(sentence)
    found = [(m.start(), m.end(), "future") for m in future]
    taken = [(s, e) for s, e, _ in found]
    for m in past:
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue  # "agreed to", "expected to": already a future cue
        if _PASSIVE_OR_ADJECTIVE.search(sentence[max(0, m.start() - 12) : m.start()]):
            continue  # "will be held", "is expected": the participle carries no tense of its own
        if m.start("ed") >= 0:
            word = sentence[m.start("ed") : m.end("ed")]  # from the sentence: its capital tells
            lowered_word = word.lower()
            if (
                word[0].isupper()
                or lowered_word in _ED_NOT_PAST
                or (lowered_word.endswith("eed") and lowered_word not in ("agreed", "freed"))
                or re.match(r"\s+to\b", sentence[m.end() :])
                or _ED_NOT_AFTER.search(sentence[max(0, m.start() - 16) : m.start()])
            ):
                continue
        found.append((m.start(), m.end(), "past"))
    return sorted(found)


def tense_cues(sentence: str) -> tuple[bool, bool]:
    """(speaks of the future, speaks of the past), from verb and adverb cues."""
    kinds = {kind for _, _, kind in _cues(sentence)}
    return "future" in kinds, "past" in kinds


def tense(sentence: str) -> str:
    """'future' when the sentence speaks of what is still to come, 'past' when of what was, else unknown."""
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
        start, end, kind = before[-1]
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

    __slots__ = ("_match", "_sentence", "lastgroup")

    def __init__(self, match: re.Match[str], sentence: str) -> None:
        self._match = match
        self._sentence = sentence
        self.lastgroup = match.lastgroup

    def group(self, name: str | int = 0) -> str | None:
        if isinstance(name, str) and name not in self._match.re.groupindex:
            return None  # a group of a kind this scan left out: it took no part in the match
        start, end = self._match.span(name)
        return None if start < 0 else self._sentence[start:end]

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
    word = word.lower()
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


def _absolute(m: Candidate) -> Interval | None:
    """An expression that names its own year; None when it needs an anchor."""
    kind, g = m.lastgroup, m.group
    if kind in ("md_range", "dm_range", "md_cross", "dm_cross"):
        year_text = g("mdr_y") or g("dmr_y") or g("mdc_y") or g("dmc_y")
        if not year_text:
            return None
        return _day_range(m, int(year_text))
    if kind == "iso":
        day = date.fromisoformat(g("iso_v"))
        return day, day, "day"
    if kind == "numeric":
        day = _parse(g("num_v"), None, "current_period")
        return day, day, "day"
    if kind == "full":
        day = _parse(g("full_v"), None, "current_period")
        return day, day, "day"
    if kind == "full_range":
        return (
            _parse(g("fr_a"), None, "current_period"),
            _parse(g("fr_b"), None, "current_period"),
            "day",
        )
    if kind == "monthyear":
        return (*_month_span(int(g("my_y")), _month(g("my_m"))), "month")
    if kind == "month_range":
        year, first, last = int(g("mra_y")), _month(g("mra_m1")), _month(g("mra_m2"))
        # "November–January 2024": the year written belongs to the end of the range.
        return (
            _month_span(year - 1 if first > last else year, first)[0],
            _month_end(year, last),
            "month",
        )
    if kind == "part_month" and g("pm_y"):
        return _month_part(m, "pm", int(g("pm_y")), _month(g("pm_m")))
    if kind == "part_year" and g("py_y"):
        return _year_part(m, "py", int(g("py_y")), None)
    if kind == "decade":
        first = int(g("dec_y"))
        low, high = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(
            (g("dec_p") or "").lower(), (0, 9)
        )
        return date(first + low, 1, 1), date(first + high, 12, 31), "year"
    if kind == "season" and g("s_y"):
        return (*_season(g("s_n"), int(g("s_y"))), "season")
    if kind == "quarter" and (g("q_y") or g("q_qy")):
        q = int(g("q_q")) if g("q_q") else ORDINALS[g("q_n").lower()]
        year = int(g("q_y") or g("q_qy"))
        return date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter"
    if kind == "half" and (g("h_y") or g("h_hy")):
        h = int(g("h_h")) if g("h_h") else (1 if g("h_n").lower() in ("first", "1st") else 2)
        year = int(g("h_y") or g("h_hy"))
        return date(year, 6 * h - 5, 1), _month_end(year, 6 * h), "half-year"
    if kind == "year_range":
        return date(int(g("yr_a")), 1, 1), date(int(g("yr_b")), 12, 31), "year"
    if kind == "year":
        first = last = int(g("y_a"))
        if g("y_to"):
            to = g("y_to")
            last = int(to) if len(to) == 4 else first // 100 * 100 + int(to)
            if last < first:
                last = first
        return date(first, 1, 1), date(last, 12, 31), "year"
    return None


def _day_range(m: Candidate, year: int) -> Interval:
    g = m.group
    if m.lastgroup == "md_range":
        month = _month(g("mdr_m"))
        return (
            _day(_day_number(g("mdr_d1")), month, year),
            _day(_day_number(g("mdr_d2")), month, year),
            "day",
        )
    if m.lastgroup == "dm_range":
        month = _month(g("dmr_m"))
        return (
            _day(_day_number(g("dmr_d1")), month, year),
            _day(_day_number(g("dmr_d2")), month, year),
            "day",
        )
    first, d1, last, d2 = (
        (g("mdc_m1"), g("mdc_d1"), g("mdc_m2"), g("mdc_d2"))
        if m.lastgroup == "md_cross"
        else (g("dmc_m1"), g("dmc_d1"), g("dmc_m2"), g("dmc_d2"))
    )
    first_month, last_month = _month(first), _month(last)
    # "28 December – 2 January 2024": the year written belongs to the end of the range.
    start_year = year - 1 if first_month > last_month else year
    return (
        _day(_day_number(d1), first_month, start_year),
        _day(_day_number(d2), last_month, year),
        "day",
    )


def _lead_of(m: Candidate) -> str:
    for name in ("lead", "mb_lead", "y_lead", "yr_lead", "wd_r"):
        if m.group(name):
            return m.group(name).lower()
    return ""


def _month_part(m: Candidate, prefix: str, year: int, month: int) -> Interval:
    """early/mid/late March; "by the end of March" is a deadline: the whole month."""
    part = (m.group(f"{prefix}_p") or m.group(f"{prefix}_w")).lower()
    end_day = calendar.monthrange(year, month)[1]
    if _deadline(m):
        return date(year, month, 1), date(year, month, end_day), "month"
    first, last = MONTH_THIRDS[part]
    return date(year, month, first), date(year, month, min(last, end_day)), "month"


def _year_part(m: Candidate, prefix: str, year: int, anchor: date | None) -> Interval:
    """early/mid/late 2024; "by the end of the year" is a deadline: from the anchor to 31 December."""
    part = (m.group(f"{prefix}_p") or m.group(f"{prefix}_w")).lower()
    if _deadline(m):
        start = date(year, 1, 1)
        if anchor is not None and anchor.year == year:
            start = anchor
        return start, date(year, 12, 31), "year"
    first, last = YEAR_THIRDS[part]
    return date(year, first, 1), _month_end(year, last), "year"


def _deadline(m: Candidate) -> bool:
    return _lead_of(m).startswith(("by", "until", "till", "before", "no later", "not later"))


def _relative(m: Candidate, anchor: date, when: str) -> Interval:
    """An expression placed on the calendar by the anchor (and, for bare months, by tense)."""
    kind, g = m.lastgroup, m.group
    year = anchor.year
    prefer = {"future": "future", "past": "past"}.get(when, "current_period")
    if kind in ("md_range", "dm_range", "md_cross", "dm_cross"):
        start, end, gran = _day_range(m, year)
        if start and end:
            if when == "future" and end < anchor:
                start, end, gran = _day_range(m, year + 1)
            elif when == "past" and start > anchor:
                start, end, gran = _day_range(m, year - 1)
        return start, end, gran
    if kind == "daymonth":
        if g("dm_r"):
            day = _parse(g("dm_v"), date(year + _offset(g("dm_r")), 1, 1), "current_period")
        else:
            day = _parse(g("dm_v"), anchor, prefer)
        return day, day, "day"
    if kind == "part_month":
        month = _month(g("pm_m"))
        if g("pm_r"):
            return _month_part(m, "pm", year + _offset(g("pm_r")), month)
        return _month_part(m, "pm", _month_year(month, anchor, when), month)
    if kind == "part_year":
        return _year_part(m, "py", year + _offset(g("py_r")), anchor)
    if kind == "part_rel_month":
        y, mth = _shift_month(year, anchor.month, _offset(g("prm_r")))
        start, end, _ = _month_part(m, "prm", y, mth)
        if _deadline(m) and start <= anchor <= end:
            start = anchor
        return start, end, "month"
    if kind == "month_rel_year":
        return (*_month_span(year + _offset(g("mry_r")), _month(g("mry_m"))), "month")
    if kind == "rel_month_name":
        month = _month(g("rmn_m"))
        relation = g("rmn_r").lower()
        if relation in ("next", "coming"):
            y = year if month > anchor.month else year + 1
        elif relation in ("last", "past"):
            y = year if month < anchor.month else year - 1
        else:
            y = year
        return (*_month_span(y, month), "month")
    if kind == "month":
        first = _month(g("mb_m"))
        y = _month_year(first, anchor, when)
        start, end = _month_span(y, first)
        if g("mb_m2"):
            last = _month(g("mb_m2"))
            end = _month_end(y if last >= first else y + 1, last)
        return start, end, "month"
    if kind == "season":
        return (*_season_near(g("s_n"), anchor, when, g("s_rel"), g("s_r")), "season")
    if kind == "quarter":
        q = int(g("q_q")) if g("q_q") else ORDINALS[g("q_n").lower()]
        y = year + _offset(g("q_r"))
        return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
    if kind == "rel_quarter":
        q = (anchor.month - 1) // 3
        y, q = divmod(year * 4 + q + _offset(g("rq_r")), 4)
        return date(y, 3 * q + 1, 1), _month_end(y, 3 * q + 3), "quarter"
    if kind == "half":
        h = 1 if g("h_n").lower() in ("first", "1st") else 2
        y = year + _offset(g("h_r"))
        return date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "half-year"
    if kind == "rel_year":
        relation = " ".join(g("ry_r").lower().split())
        modifier = (g("ry_mod") or "").lower()
        if relation == "the past":  # "over the past year": the twelve months up to the anchor
            return _add_months(anchor, -12), anchor, "year"
        y = year + _offset(relation)
        if modifier == "later" and y == year:
            return anchor + timedelta(days=1), date(y, 12, 31), "year"
        if modifier == "earlier" and y == year:
            return date(y, 1, 1), max(date(y, 1, 1), anchor - timedelta(days=1)), "year"
        return date(y, 1, 1), date(y, 12, 31), "year"
    if kind == "rel_month":
        return (*_month_span(*_shift_month(year, anchor.month, _offset(g("rm_r")))), "month")
    if kind == "rel_week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=_offset(g("rw_r")))
        return monday, monday + timedelta(days=6), "week"
    if kind == "rel_day":
        text = " ".join(g("rel_day").lower().split())
        shift = (
            -2
            if "before yesterday" in text
            else 2
            if "after tomorrow" in text
            else -1
            if text == "yesterday"
            else 1
            if text == "tomorrow"
            else 0
        )
        day = anchor + timedelta(days=shift)
        return day, day, "day"
    if kind == "weekday":
        return (
            *(_weekday(anchor, WEEKDAYS[g("wd_d").lower()], g("wd_r").lower(), when),) * 2,
            "day",
        )
    if kind == "ago":
        return _ago(anchor, _count(g("ago_n")), g("ago_u").lower())
    if kind == "span_past":
        unit, n = g("sp_u").lower(), _count(g("sp_n"))
        return _back(anchor, n, unit), anchor, GRANULARITY[unit]
    if kind == "span_next":
        unit = (g("sn_u") or g("sw_u")).lower()
        n = _count(g("sn_n") or g("sw_n"))
        return anchor, _back(anchor, -n, unit), GRANULARITY[unit]
    return None, None, "vague"


def _month_year(month: int, anchor: date, when: str) -> int:
    """The year of a month named without one: the anchor's year, unless the tense points across
    the year end ("was signed in December" in a January article is last December)."""
    if when == "past" and month > anchor.month:
        return anchor.year - 1
    if when == "future" and month < anchor.month:
        return anchor.year + 1
    return anchor.year


def _season_near(
    name: str, anchor: date, when: str, relation: str | None, of_year: str | None
) -> tuple[date, date]:
    if of_year:
        return _season(name, anchor.year + _offset(of_year))
    candidates = [
        _season(name, y) for y in (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1)
    ]
    relation = (relation or "").lower()
    if relation in ("next", "coming", "following") or (not relation and when == "future"):
        allowed = [c for c in candidates if (c[0] > anchor if relation else c[1] >= anchor)]
        return allowed[0] if allowed else candidates[-1]
    if relation in ("last", "past", "previous") or (not relation and when == "past"):
        allowed = [c for c in candidates if (c[1] < anchor if relation else c[0] <= anchor)]
        return allowed[-1] if allowed else candidates[0]
    # "this winter", or no tense: the season under way, else the one in the anchor's year.
    current = [c for c in candidates if c[0] <= anchor <= c[1]]
    return current[0] if current else _season(name, anchor.year)


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


def _granularity(m: Candidate) -> str:
    kind = m.lastgroup or ""
    if kind == "ago":
        return GRANULARITY[m.group("ago_u").lower()]
    if kind == "span_past":
        return GRANULARITY[m.group("sp_u").lower()]
    if kind == "span_next":
        return GRANULARITY[(m.group("sn_u") or m.group("sw_u")).lower()]
    return _GRANULARITY_OF.get(kind, "day")


def _wanted(m: Candidate, sentence: str) -> bool:
    """Filters a regex cannot say well: capitalised months, "fall" the verb, the year word alone."""
    kind, g = m.lastgroup, m.group
    for name in (
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
    ):
        month = g(name)
        if month and month.lower() == "may" and not month[0].isupper():
            return False  # "may" the modal verb
    bare = (
        (g("mb_m"), g("mb_m2"))
        if kind == "month"
        else (g("rmn_m"),)
        if kind == "rel_month_name"
        else ()
    )
    if any(month and not month[0].isupper() for month in bare):
        return False  # a month alone must look like one: "in march" is more likely a march
    if kind == "season" and not (g("s_y") or g("s_r") or g("s_rel")):
        if not g("lead"):
            return False  # "summer camp", "the Arab Spring"
        if g("s_n").lower() == "fall" or re.match(r"\s+of\b", sentence[m.end() :]):
            return False  # "in the fall of Kabul", "prices fall"
    if kind == "rel_year" and g("ry_r").lower() == "the" and not g("ry_mod"):
        return False  # "the year" alone is no date
    if (
        kind == "rel_day"
        and m.start() > 0
        and sentence[m.start()].isupper()
        and not re.search(r"[\"“‘'(]\s*$", sentence[: m.start()])
    ):
        return False  # "Pakistan Today", "USA Today": a title, not the day
    return True


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
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "year", "month", "week", "today", "yesterday", "tomorrow", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "ago", "few", "morning", "afternoon", "evening", "spring", "summer", "autumn", "fall", "winter", "quarter", "half", "soon", "shortly", "future", "convenien", "earliest", "coming", "recent", "course", "come", "date"]
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
    monthly = any(name in lowered for name in _MONTH_NAMES)
    yearly = _YEAR_DIGITS.search(lowered) is not None
    scan = _SCANS[monthly, yearly]
    position = 0
    while (match := scan.search(lowered, position)) is not None:
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
            )
        )
    return found


def _resolve(
    m: Candidate, anchor: date | None, anchor_min: date | None, anchor_max: date | None, when: str
) -> Interval:
    if m.lastgroup == "vague":
        return None, None, "vague"
    try:
        absolute = _absolute(m)
        if absolute is not None:
            return absolute
        if anchor is not None:
            return _relative(m, anchor, when)
        if anchor_min is not None and anchor_max is not None:
            start = _relative(m, anchor_min, when)[0]
            end = _relative(m, anchor_max, when)[1]
            return start, end, _granularity(m)
    except (ValueError, OverflowError, KeyError):
        pass  # an impossible date ("30 February"): keep the expression, without a date
    return None, None, _granularity(m)
