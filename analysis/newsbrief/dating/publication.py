"""Publication dates: catalog, header or dateline when stated, else bounds inferred from evidence.

Runs right after ingest; time expressions, claims and checks resolve against its PublicationDate.
Evidence is dated events in the text (with their tense) and cited context facts (officeholders'
tenures, place-name eras); nothing is guessed from style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newsbrief.core.patterns import fold, may_match, trie
from newsbrief.core.records import PublicationDate
from newsbrief.dating.context import Context, PlaceName, Tenure, person_index, strip_possessive
from newsbrief.dating.timex import find_timexes, governing_cue, tense_at

TITLE_REACH = 60  # characters between an office title and a name for the title to be the name's
TITLE_AFTER_REACH = 40  # "Name, the <title>": characters between the comma and the title
LISTED = 8  # facts spelled out in the evidence; further ones are counted

# Words that make a title or a name historical: "former prime minister", "then-ambassador".
_FORMER = re.compile(
    r"\b(?:former|formerly|ex|then|late|erstwhile|previous|retired|one-?time|past)\W*$",
    re.IGNORECASE,
)
# What may stand between a title and the name it belongs to: names of places and offices,
# honorifics, linking words and punctuation ("Ambassador of Kazakhstan to Pakistan, H.E. ...").
_TITLE_GAP = re.compile(
    r"(?:\s++|[,.:()’'–—&-]|(?:of|to|the|for|on|and|in|at|de|al|el|ul|bin|ibn)(?![\w])|[A-Z][\w.'’-]*+)*+"
)
_ERA_NOT_CURRENT_BEFORE = re.compile(
    r"\b(?:formerly|former|then|once|previously|old\s+name|renamed|known\s+as|called|named)"
    r"(?:\s+(?:known\s+as|called|named|from|as|to))?(?:\s+the)?\s*[\"“‘']?\s*$",
    re.IGNORECASE,
)
_ERA_NOT_CURRENT_AFTER = re.compile(
    r"^(?:['’]s)?\s*(?:[(,–—-]\s*(?:now|today|renamed|later|since\s+renamed|formerly|then)\b"
    r"|[(,]?\s*as\s+(?:it|the\s+city|the\s+capital)\s+(?:was|is\s+now)\b)",
    re.IGNORECASE,
)
# A document or process named after a place keeps the old name long after the era.
_NAMED_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:Declaration|Protocol|Accords?|Agreement|Treaty|Process|"
    r"Format|Charter|Convention|Communiqu[eé])\b"
)
# Verbs that report only the beginning of an event: "the fair opened on 5–9 May" says nothing of
# its end.
_BEGUN = re.compile(
    r"\b(?:began|begun|started|opened|launched|kicked\s+off|commenced|got\s+under\s*way)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Bound:
    """One piece of evidence: the article appeared on or after `low` and/or on or before `high`."""

    low: date | None
    high: date | None
    reason: str  # completes "... because <reason>"


def event_bounds(sentence: str) -> list[Bound]:
    """Absolute dates with a clear tense: a past event bounds below, a plan still ahead above."""
    bounds = []
    for timex in find_timexes(sentence, None):
        if timex.start is None or timex.end is None or timex.granularity == "vague":
            continue
        when = tense_at(sentence, timex.char_start, timex.char_end, strict=True)
        if when == "past":
            cue = governing_cue(sentence, timex.char_start)
            quote = sentence[cue[0] : timex.char_end] if cue and cue[2] == "past" else timex.text
            # A meeting reported in the past on given days is over: the report follows its last
            # day. A month or year, or a verb of beginning, only says the event began then.
            done = timex.granularity == "day" and not _BEGUN.search(sentence)
            bounds.append(
                Bound(timex.end if done else timex.start, None, f"of the past event “{quote}”")
            )
        elif when == "future":
            bounds.append(Bound(None, timex.end, f"“{timex.text}” is still ahead"))
    return bounds


def _title_before(
    sentence: str, name_start: int, titles: tuple[str, ...], other_names: re.Pattern[str]
) -> tuple[int, int] | None:
    """The span of an office title written just before a name ("Ambassador ... Yerzhan
    Kistafin")."""
    best: tuple[int, int] | None = None
    window_start = max(0, name_start - TITLE_REACH - max((len(t) for t in titles), default=0))
    for title in titles:
        for hit in _word(title).finditer(sentence, window_start, name_start):
            gap = sentence[hit.end() : name_start]
            if len(gap) > TITLE_REACH or not _TITLE_GAP.fullmatch(gap):
                continue  # a verb in between: "the minister met X" does not make X the minister
            if re.search(r"\band\s*$", gap) or other_names.search(gap):
                continue  # the title belongs to someone else named in between
            if _FORMER.search(sentence[max(0, hit.start() - 20) : hit.start()]):
                continue
            if best is None or (hit.end(), hit.end() - hit.start()) > (best[1], best[1] - best[0]):
                best = (hit.start(), hit.end())
    return best


def _title_after(
    sentence: str, name_end: int, titles: tuple[str, ...], other_names: re.Pattern[str]
) -> tuple[int, int] | None:
    """The span of an office title in apposition after a name ("X, the prime minister")."""
    lead = re.match(r"(?:['’]s)?\s*[,(]\s*(?:the\s+)?", sentence[name_end:])
    if not lead:
        return None
    start = name_end + lead.end()
    for title in titles:
        hit = _word(title).search(sentence, start, start + TITLE_AFTER_REACH + len(title))
        gap = sentence[start : hit.start()] if hit else ""
        if hit and _TITLE_GAP.fullmatch(gap) and not other_names.search(gap):
            return hit.start(), hit.end()
    return None


@lru_cache(maxsize=8192)
def _word(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.IGNORECASE)


def _others(aliases: tuple[str, ...], context: Context) -> re.Pattern[str]:
    """Every officeholder alias that is not one of `aliases`, as one pattern."""
    own = {a.casefold() for a in aliases}
    return _any_of(
        tuple(sorted({a for t in context.tenures for a in t.aliases if a.casefold() not in own}))
    )


@lru_cache(maxsize=1024)
def _any_of(names: tuple[str, ...]) -> re.Pattern[str]:
    # One boundary test around the whole trie, not one per name: the engine then tries the names
    # only at word starts (backtracking into the trie keeps "longest name first").
    return re.compile(rf"(?<![\w-])(?:{trie(names)})(?![\w-])", re.IGNORECASE)


def titled_offices(sentence: str, context: Context) -> set[tuple[str, str]]:
    """(person, office) for each officeholder the sentence names with that office's title."""
    pattern, by_alias = person_index(context)
    found: set[tuple[str, str]] = set()
    if not may_match(pattern, fold(sentence)):
        return found  # no officeholder named: most sentences, told without a scan
    for match in pattern.finditer(sentence):
        tenures = by_alias.get(strip_possessive(match.group()).casefold(), [])
        if not tenures:
            continue
        name_end = match.start() + len(strip_possessive(match.group()))
        candidates: list[tuple[tuple[int, int], Tenure]] = []
        for tenure in tenures:
            others = _others(tenure.aliases, context)
            span = _title_before(sentence, match.start(), tenure.titles, others) or _title_after(
                sentence, name_end, tenure.titles, others
            )
            if span:
                candidates.append((span, tenure))
        # "Prime Minister X" also contains "minister": a title inside a longer one is not read.
        kept = [
            c
            for c in candidates
            if not any(
                o[0] != c[0] and o[0][0] <= c[0][0] and c[0][1] <= o[0][1] for o in candidates
            )
        ]
        found.update((tenure.person, tenure.office) for _, tenure in kept)
    return found


def _in_post(tenure: Tenure) -> str:
    if tenure.start and tenure.end:
        return f"{tenure.start} to {tenure.end}"
    if tenure.start:
        return f"from {tenure.start}"
    if tenure.end:
        return f"until {tenure.end}"
    return "at dates not known"


def office_bounds(sentences: list[str], context: Context) -> list[Bound]:
    """A person named with an office title bounds the article to that person's tenure in it; with
    several terms in the same office, to the span from the first start to the last end."""
    titled: set[tuple[str, str]] = set()
    for sentence in sentences:
        titled |= titled_offices(sentence, context)
    bounds = (_office_bound(person, office, context) for person, office in sorted(titled))
    return [b for b in bounds if b is not None]


def _office_bound(person: str, office: str, context: Context) -> Bound | None:
    """The span of the person's terms in the office; None when no term has a known start or end."""
    terms = sorted(
        (t for t in context.tenures if (t.person, t.office) == (person, office)),
        key=lambda t: (t.start or date.min, t.end or date.max),
    )
    low, high = _span_of_terms(terms)
    if low is None and high is None:
        return None
    posts = " and ".join(_in_post(t) for t in terms)
    hull = (
        f"; the bound is the span of all {len(terms)} terms, {low or 'an unknown start'} to "
        f"{high or 'still in post'}"
        if len(terms) > 1
        else ""
    )
    sources = (
        "; ".join(dict.fromkeys(s.title for t in terms for s in t.sources[:1])) or "context facts"
    )
    return Bound(
        low, high, f"{person} is named as {office} (in post {posts}{hull}; source: {sources})"
    )


def _span_of_terms(terms: list[Tenure]) -> tuple[date | None, date | None]:
    """From the first start to the last end; a term with no known start (end) leaves it open."""
    starts = [t.start for t in terms]
    ends = [t.end for t in terms]
    low = None if None in starts else min(s for s in starts if s)
    high = None if None in ends else max(e for e in ends if e)
    return low, high


_ERA_INDEX: dict[int, tuple[Context, re.Pattern[str], dict[str, PlaceName]]] = {}


def _era_index(context: Context) -> tuple[re.Pattern[str], dict[str, PlaceName]]:
    cached = _ERA_INDEX.get(id(context))
    if cached is None or cached[0] is not context:
        names = {
            alias.casefold(): era
            for era in context.place_names
            if era.valid_from or era.valid_to
            for alias in era.aliases
        }
        cached = (context, _any_of(tuple(sorted(names))), names)
        _ERA_INDEX[id(context)] = cached
    return cached[1], cached[2]


def _era_name_is_current(text: str, start: int, end: int, era: PlaceName) -> bool:
    """False when the text itself marks the name as historical, or uses it for a dated past
    event."""
    if _ERA_NOT_CURRENT_BEFORE.search(text[max(0, start - 30) : start]):
        return False
    after = text[end : end + 40]
    if _ERA_NOT_CURRENT_AFTER.match(after) or _NAMED_AFTER.match(after):
        return False
    # "held in Nur-Sultan on 5 May 2021": the name belongs to the event's time, not the article's.
    for timex in find_timexes(text, None):
        if (
            timex.start is not None
            and timex.end is not None
            and (era.valid_to is None or timex.start <= era.valid_to)
            and (era.valid_from is None or timex.end >= era.valid_from)
            and tense_at(text, timex.char_start, timex.char_end) == "past"
        ):
            return False
    return True


def place_name_bounds(texts: list[str], context: Context) -> list[Bound]:
    """A place name used for the place as it is at the time of writing (e.g. Nur-Sultan) bounds
    the article to the era of that name."""
    pattern, by_alias = _era_index(context)
    used: dict[str, tuple[PlaceName, str]] = {}
    for text in texts:
        if not may_match(pattern, fold(text)):
            continue
        people = [m.span() for m in person_index(context)[0].finditer(text)]
        for match in pattern.finditer(text):
            era = by_alias.get(match.group().casefold())
            if era is None or era.name in used:
                continue
            if any(s <= match.start() < e for s, e in people):
                continue  # a person's name ("Nursultan Nazarbayev"), not the city's
            if _era_name_is_current(text, match.start(), match.end(), era):
                used[era.name] = (era, match.group())
    bounds = []
    for name in sorted(used):
        era, written = used[name]
        source = era.sources[0].title if era.sources else "context facts"
        bounds.append(
            Bound(
                era.valid_from,
                era.valid_to,
                f"the place name “{written}” for {era.refers_to} was in use "
                f"{era.valid_from or 'before records'} to {era.valid_to or 'today'} "
                f"(source: {source})",
            )
        )
    return bounds


def context_bounds(sentences: list[str], context: Context, place: str = "") -> list[Bound]:
    """The strong evidence: cited facts about who held office and what places were called."""
    return office_bounds(sentences, context) + place_name_bounds(
        sentences + ([place] if place else []), context
    )


def infer_bounds(sentences: list[str], context: Context, place: str = "") -> list[Bound]:
    """Every bound the text supports: context facts first, then dated events."""
    bounds = context_bounds(sentences, context, place)
    bounds += [b for s in sentences for b in event_bounds(s)]
    return list(dict.fromkeys(bounds))


def combine(bounds: list[Bound]) -> tuple[date | None, date | None]:
    """The intersection of all bounds: the latest lower and the earliest upper bound."""
    lows = [b.low for b in bounds if b.low]
    highs = [b.high for b in bounds if b.high]
    return (max(lows) if lows else None, min(highs) if highs else None)


def _fact(bound: Bound) -> str:
    if bound.low and bound.high:
        return f"between {bound.low} and {bound.high} because {bound.reason}"
    if bound.low:
        return f"not before {bound.low} because {bound.reason}"
    return f"not after {bound.high} because {bound.reason}"


def _ordered(bounds: list[Bound]) -> list[Bound]:
    """Lower bounds latest first, then upper bounds earliest first: the deciding ones lead."""
    lows = sorted(
        (b for b in bounds if b.low), key=lambda b: (-(b.low or date.min).toordinal(), b.reason)
    )
    highs = sorted(
        (b for b in bounds if not b.low and b.high),
        key=lambda b: ((b.high or date.max).toordinal(), b.reason),
    )
    return lows + highs


def _listing(bounds: list[Bound], deciding: list[Bound]) -> str:
    ordered = _ordered(bounds)
    keep = [b for b in ordered if b in deciding]
    keep += [b for b in ordered if b not in keep][: max(0, LISTED - len(keep))]
    shown = [_fact(b) for b in ordered if b in keep]
    rest = len(ordered) - len(shown)
    text = "; ".join(shown)
    if rest:
        text += f"; and {rest} further fact(s)"
    return text


def reasons(bounds: list[Bound]) -> tuple[str, bool]:
    """Every fact used, deciding ones first, and whether the facts contradict each other."""
    low, high = combine(bounds)
    latest_low = next((b for b in _ordered(bounds) if b.low == low), None) if low else None
    earliest_high = (
        min((b for b in bounds if b.high == high), key=lambda b: b.reason) if high else None
    )
    if low and high and low > high and latest_low and earliest_high:
        return _contradiction(bounds, latest_low, earliest_high), True
    deciding = [b for b in (latest_low, earliest_high) if b is not None]
    return _listing(bounds, deciding), False


def _contradiction(bounds: list[Bound], latest_low: Bound, earliest_high: Bound) -> str:
    """The two facts that contradict each other, then the others."""
    text = (
        f"Inferred bounds contradict each other ({latest_low.low} is after {earliest_high.high}): "
        f"{_fact(latest_low)}, but {_fact(earliest_high)}."
    )
    others = [b for b in bounds if b not in (latest_low, earliest_high)]
    if others:
        text += f" Other facts: {_listing(others, [])}."
    return text


def explain(bounds: list[Bound]) -> str:
    """Readable evidence for inferred bounds."""
    text, contradictory = reasons(bounds)
    return text if contradictory else f"Inferred: {text}."


def listed_facts(evidence: str) -> list[str]:
    """The facts an `explain` text lists, in its order: split at the semicolons between facts, not
    at those inside a fact's parentheses (its tenure and source) or inside a quoted phrase."""
    if not evidence.startswith("Inferred: "):
        return []  # a stated date, an unknown one, or contradictory bounds: no list of facts
    text = evidence[len("Inferred: ") :].rstrip(".")
    found, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(text):
        if char in "“”":
            quoted = char == "“"
        elif not quoted and char in "()":
            depth = max(0, depth + (1 if char == "(" else -1))
        elif not quoted and depth == 0 and text.startswith("; ", i):
            found.append(text[start:i])
            start = i + 2
    found.append(text[start:])
    return [f for f in found if not re.fullmatch(r"and \d+ further fact\(s\)", f)]


def deciding_facts(d: PublicationDate, facts: list[str] | None = None) -> list[str]:
    """The facts that set an inferred date's bounds, as its evidence words them: the one giving the
    earliest possible date and the one giving the latest (one fact when it gives both). `facts` is
    `listed_facts(d.evidence)`, for a caller that has it already."""
    if facts is None:
        facts = listed_facts(
            d.evidence
        )  # each worded by _fact: "not before X", "not after Y", "between X and Y"
    lows = (f"not before {d.date_min} because", f"between {d.date_min} and ")
    low = next((f for f in facts if d.date_min is not None and f.startswith(lows)), None)
    high = next(
        (
            f
            for f in facts
            if d.date_max is not None
            and (
                f.startswith(f"not after {d.date_max} because")
                or (
                    f.startswith("between ")
                    and f.split(" because", 1)[0].endswith(f" and {d.date_max}")
                )
            )
        ),
        None,
    )
    return list(dict.fromkeys(f for f in (low, high) if f))


_NAMED_AS = re.compile(r"because (.+?) is named as ")


def fact_cues(fact: str) -> list[str]:
    """What in the article a listed fact rests on: its quoted phrases, and the officeholder it names
    (by the context's name for them, which the article may spell as one of their aliases)."""
    return re.findall(r"“([^”]+)”", fact) + _NAMED_AS.findall(fact)


def publication_date(
    article_id: str,
    catalog_date: date | None,
    header_date: date | None,
    header_basis: str,
    header_evidence: str,
    sentences: list[str],
    context: Context,
    place: str = "",
) -> PublicationDate:
    """The article's date and how it is known: catalog, then header or dateline, then bounds
    inferred from the text and context facts, else unknown. `place` is the dateline's place name."""
    stated = catalog_date or header_date
    if stated is not None:
        basis = "catalog" if catalog_date is not None else (header_basis or "header")
        evidence = _stated_evidence(catalog_date, header_date, header_basis, header_evidence)
        # A stated date is checked against the strong evidence only; tense-read events are too
        # weak to question a catalog entry or a dateline.
        evidence += _doubt(stated, context_bounds(sentences, context, place))
        return PublicationDate(stated, stated, stated, basis, evidence)
    bounds = infer_bounds(sentences, context, place)
    if not bounds:
        return PublicationDate(
            None,
            None,
            None,
            "unknown",
            "No date is stated, and the text names no dated event, officeholder "
            "or era place name that would bound it.",
        )
    low, high = combine(bounds)
    point = low if low is not None and low == high else None
    return PublicationDate(point, low, high, "inferred", explain(bounds))


def _stated_evidence(
    catalog_date: date | None, header_date: date | None, header_basis: str, header_evidence: str
) -> str:
    """Where a stated date comes from, and whether the header agrees with the catalog."""
    header = header_basis or "header"
    if catalog_date is None:
        return f"Dated {header_date} from the {header} “{header_evidence}”."
    evidence = f"Dated {catalog_date} by the catalog entry."
    if header_date and header_date != catalog_date:
        evidence += f" The {header} “{header_evidence}” says {header_date} instead."
    elif header_date:
        evidence += f" The {header} “{header_evidence}” agrees."
    return evidence


def _doubt(stated: date, strong: list[Bound]) -> str:
    """What the text says against a stated date: "" when its strong evidence agrees."""
    low, high = combine(strong)
    if not ((low and stated < low) or (high and stated > high) or (low and high and low > high)):
        return ""
    text, contradictory = reasons(strong)
    if contradictory:
        return f" But {text}"
    return f" But the text suggests {low or 'any date'} to {high or 'the present'}: {text}."
