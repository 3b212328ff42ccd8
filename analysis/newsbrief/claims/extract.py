"""Claims: what each sentence says was proposed, discussed, planned, done, put off or called off.
Sits between dating/timex and the checks: sentences and their time expressions in, keyed claims out.

Wording comes from analysis/claim_rules.yml; places and people come only from the context facts, so
one event described differently in different articles gets one key and can be compared:

- a route is an unordered pair of cities under their current names (Nur-Sultan is Astana), and the
  country-level event it supports (`direct_flights:kazakhstan-pakistan`) is kept beside it;
- a sentence naming several routes makes one claim per route, each dated by its own time expression;
- status is the nearest status cue to the event's words; a "not yet"/"have not started" reads as
  planned (the event is still expected: the slippage check compares it with its target).

This module reads the rules, keys the events (EVENT_KEYS) and makes the claims; the places, people
and offices a sentence names are found in claims/mentions.py, and what its words say of an event
(status, date, figures, routes) in claims/wording.py.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsbrief.claims.mentions import (
    Mention,
    Office,
    People,
    country_name,
    country_of,
    office_holders,
    offices,
    pair_key,
    people,
    place_mentions,
    slug,
)
from newsbrief.claims.wording import (
    CLAUSE_BREAK,
    StatusWord,
    attach_times,
    distance,
    nearest,
    routes,
    sentence_figures,
    sentence_status,
    status_words,
    usable,
)
from newsbrief.core.config import (
    SCOPE,
    ClaimRulesConfig,
    FigureSpec,
    KindSpec,
    NameVariantsSpec,
    ScopeConfig,
    load_config,
)
from newsbrief.core.errors import InputError
from newsbrief.core.parallel import map_chunks
from newsbrief.core.patterns import fold, guarded, may_match
from newsbrief.core.records import Article, PublicationDate, Timex
from newsbrief.dating.context import Context, Place

NOT_DONE = ("proposed", "under_discussion", "planned", "postponed")
COMMITTED = ("proposed", "planned", "postponed")  # statuses that can carry a target date
SUBTYPE_REACH = 60  # characters around a cue in which a subtype word says which sort it is


# Rules -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindRule:
    name: str
    label: str
    cue: re.Pattern[str]
    key: str  # route | visitor | subtype | place | countries
    directional: bool = False
    subtypes: tuple[tuple[str, re.Pattern[str]], ...] = ()
    default_subtype: str = "general"
    yields_to: tuple[
        str, ...
    ] = ()  # kinds whose cue, shortly before, owns this cue ("delegation ... will visit")


@dataclass(frozen=True)
class FigureRule:
    name: str
    kinds: frozenset[str]  # empty: every kind
    compare: bool
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class VariantRules:
    min_length: int = 4
    min_similarity: float = 0.8
    max_edits: int = 2
    person_min_length: int = 6
    person_max_edits: int = 1
    not_variants: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ClaimRules:
    focus: tuple[str, str]
    kinds: tuple[KindRule, ...]
    status: tuple[tuple[str, re.Pattern[str]], ...]  # (status, cue), in the file's order
    framing: frozenset[str]
    framing_reach: int
    negation: re.Pattern[str]
    status_from_timex: bool
    route_link: re.Pattern[str]
    list_link: re.Pattern[str]
    offices: tuple[str, ...]
    figures: tuple[FigureRule, ...]
    numbers: dict[str, int]
    variants: VariantRules
    any_cue: re.Pattern[str] = field(
        repr=False
    )  # every kind's cue at once: most sentences need no more

    def label(self, kind: str) -> str:
        return next(
            (k.label for k in self.kinds if k.name == kind), kind.replace("_", " ").capitalize()
        )


def _compile(pattern: str, path: Path, where: str, bounded: bool = True) -> re.Pattern[str]:
    try:
        if bounded:  # the guard lets the scan pass word starts no match can begin at (patterns.py)
            pattern = rf"(?<!\w)(?:{guarded(pattern, re.IGNORECASE)})(?!\w)"
        return re.compile(pattern, re.IGNORECASE)
    except re.error as err:
        raise InputError(
            path,
            f"{where} is not a valid regular expression ({err})",
            "fix the pattern (write it in single quotes)",
        ) from None


def _number_pattern(numbers: dict[str, Any]) -> str:
    """`{number}` in figure patterns: digits, or number words with their compounds."""
    units = "|".join(sorted(numbers.get("units", {}), key=len, reverse=True))
    teens = "|".join(sorted(numbers.get("teens", {}), key=len, reverse=True))
    tens = "|".join(sorted(numbers.get("tens", {}), key=len, reverse=True))
    words = "|".join(
        w for w in (f"(?:{tens})(?:[- ](?:{units}))?" if tens else "", teens, units) if w
    )
    return rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{words})" if words else r"\d+"


_LOADED: dict[tuple[str, bytes, bytes], ClaimRules] = {}


def load_claim_rules(path: Path, scope: Path = SCOPE) -> ClaimRules:
    """Read the claim rules and, for the focus countries, the scope file; see the comments in the
    files. Files read before with the same content give the same (frozen) rules: the claims and
    the checks both read the project's rules, and compiling their patterns took 0.15 s each time."""
    try:
        key = (
            str(Path(path).resolve()),
            hashlib.sha256(Path(path).read_bytes()).digest(),
            hashlib.sha256(Path(scope).read_bytes()).digest(),
        )
    except OSError:
        return _read_claim_rules(path, scope)  # load_config says what is wrong with the path
    if key not in _LOADED:
        _LOADED[key] = _read_claim_rules(path, scope)
    return _LOADED[key]


def _kind(name: str, spec: KindSpec, path: Path) -> KindRule:
    return KindRule(
        name=name,
        label=spec.label or name,
        cue=_compile(spec.cue, path, f"the cue of kind '{name}'"),
        key=spec.key,
        directional=spec.directional,
        subtypes=tuple(
            (sub, _compile(p, path, f"subtype '{sub}' of '{name}'"))
            for sub, p in spec.subtypes.items()
        ),
        default_subtype=spec.default_subtype,
        yields_to=tuple(spec.yields_to),
    )


def _figure(name: str, spec: FigureSpec, number: str, path: Path) -> FigureRule:
    return FigureRule(
        name=name,
        kinds=frozenset() if spec.applies_to == "all" else frozenset(spec.applies_to),
        compare=spec.compare,
        patterns=tuple(
            _compile(p.replace("{number}", number), path, f"a pattern of figures '{name}'")
            for p in spec.patterns
        ),
    )


def _links(words: list[str]) -> re.Pattern[str]:
    """The words that may stand between two places (route or list links), longest first."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(
        r"\s*(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered) + r")?\s*$"
        if ordered
        else r"\s*$",
        re.IGNORECASE,
    )


def _variants(spec: NameVariantsSpec) -> VariantRules:
    return VariantRules(
        min_length=spec.min_length,
        min_similarity=spec.min_similarity,
        max_edits=spec.max_edits,
        person_min_length=spec.person_min_length,
        person_max_edits=spec.person_max_edits,
        not_variants=frozenset(w.casefold() for w in spec.not_variants),
    )


def _read_claim_rules(path: Path, scope: Path = SCOPE) -> ClaimRules:
    config = load_config(path, ClaimRulesConfig)
    focus = load_config(scope, ScopeConfig).focus_countries
    numbers = config.number_words
    number = _number_pattern(numbers.model_dump())
    return ClaimRules(
        focus=(focus[0], focus[1]),
        kinds=tuple(_kind(name, spec, path) for name, spec in config.kinds.items()),
        status=tuple(
            (config.status_alias.get(name, name), _compile(p, path, f"status '{name}'"))
            for name, p in config.status.items()
        ),
        framing=frozenset(config.framing or ("proposed", "under_discussion")),
        framing_reach=config.framing_reach,
        negation=_compile(config.negation, path, "negation", bounded=False),
        status_from_timex=config.status_from_timex,
        route_link=_links(config.route_links),
        list_link=_links(config.list_links),
        offices=tuple(config.offices),
        figures=tuple(_figure(name, spec, number, path) for name, spec in config.figures.items()),
        numbers={
            w.casefold(): v
            for group in (numbers.units, numbers.teens, numbers.tens)
            for w, v in group.items()
        },
        variants=_variants(config.name_variants),
        any_cue=_compile(
            "|".join(f"(?:{spec.cue})" for spec in config.kinds.values()) or "(?!)",
            path,
            "the kinds' cues",
        ),
    )


# Claims ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Claim:
    claim_id: str  # f"{article_id}:{paragraph}:{sentence}:{n}", n counting the sentence's claims
    article_id: str
    paragraph: int
    sentence: int
    # e.g. direct_flights:almaty-lahore, official_visit:president-of-kazakhstan->pakistan
    event: str
    kind: str
    status: str  # one of core.config.STATUSES
    target_start: date | None
    target_end: date | None
    target_text: str
    actors: tuple[str, ...]  # people (canonical names), then states, as the context names them
    figures: tuple[str, ...]  # as written: "20 memorandums of understanding", "two-year visas"
    quote: str  # the sentence, verbatim
    country_event: str = ""  # for a city route: the country-level event it also supports
    label: str = ""  # for readers: "Direct flights Almaty–Lahore"
    counts: tuple[int, ...] = ()  # values of the figures the rules mark as comparable
    in_scope: bool = True  # both focus countries take part: the checks and the tracker read it


# Reading one sentence -----------------------------------------------------------------------------


@dataclass
class ArticleState:
    """What earlier sentences of the same article settled: the last visit, for "this visit"."""

    last_visit: str = ""
    last_visit_label: str = ""


@dataclass(frozen=True, slots=True)
class Reading:
    """Everything about one sentence that every kind of claim needs."""

    text: str
    folded: str  # the text's `fold`, for the patterns' required words (patterns.may_match)
    first_cue: int  # where the first cue of any kind starts: no kind's cue starts before it
    mentions: list[Mention]
    named: People
    offices: list[Office]
    status_words: list[StatusWord]
    timexes: list[Timex]
    context: Context
    rules: ClaimRules


def read_sentence(
    text: str, timexes: list[Timex], context: Context, rules: ClaimRules, day: date | None
) -> Reading | None:
    """The sentence's places, people, offices and status words, or None when no kind's cue is in
    it (most sentences, found with one scan). `day` is the article's date (who held an office)."""
    folded = fold(text)
    first = rules.any_cue.search(text) if may_match(rules.any_cue, folded) else None
    if first is None:
        return None
    named = people(text, context, day, folded)
    mentions = place_mentions(text, context, [(s, e) for s, e, _ in named.spans])
    found_offices = offices(text, mentions, named, rules.offices, context, folded)
    words = status_words(text, rules, folded)
    return Reading(
        text, folded, first.start(), mentions, named, found_offices, words, timexes, context, rules
    )


def _countries(reading: Reading) -> list[str]:
    """The states the sentence's places belong to, in order of mention."""
    return list(dict.fromkeys(country_of(m.place, reading.context) for m in reading.mentions))


def _actors(reading: Reading, day: date | None) -> tuple[str, ...]:
    """People named, then those holding the offices named on `day`, then the states named."""
    holders = office_holders(reading.offices, reading.context, day)
    return tuple(dict.fromkeys([*reading.named.names, *holders, *_countries(reading)]))


def _country_pair(reading: Reading) -> tuple[str, str]:
    """The two states an event between countries is about: the two named when exactly two are
    ("flights between Pakistan and Uzbekistan"), else the focus pair."""
    named = _countries(reading)
    focus = reading.rules.focus
    if len(named) == 2 and not all(f in named for f in focus):
        return named[0], named[1]
    # Both named, fewer than two, or a list ("routes through Afghanistan, China and Iran").
    return focus


def _pair_label(a: str, b: str) -> str:
    return "–".join(sorted((a, b), key=slug))


def _place_after(reading: Reading, end: int, words: str, reach: int = 60) -> Place | None:
    """The place written right after `end`, or after one of `words` ("to", "in") within `reach`."""
    for m in reading.mentions:
        if m.start < end or m.start > end + reach:
            continue
        gap = reading.text[end : m.start]
        if re.fullmatch(r"\s*(?:the\s+)?", gap) or re.search(
            rf"(?<!\w)(?:{words})\s+(?:the\s+)?$", gap, re.IGNORECASE
        ):
            return m.place
    return None


# Events: what a cue's kind is about, as a key that other articles' claims share -------------------


def _visit(
    reading: Reading, kind: KindRule, cue: re.Match[str], state: ArticleState
) -> tuple[str, str] | None:
    """(event, label) of a visit (a kind keyed by `visitor`): the office nearest before the cue
    (else after it), its state, and the destination; a visit with no visitor named is the
    article's last visit."""
    context, rules = reading.context, reading.rules
    office, origin = _visitor(reading, cue)
    destination = _place_after(reading, cue.end(), r"to|in|of")
    if not office:
        return _this_visit(reading, destination, state)
    if not origin and state.last_visit.startswith(f"{kind.name}:{slug(office)}"):
        return state.last_visit, state.last_visit_label
    dest = country_of(destination, context) if destination else ""
    if not dest and origin in rules.focus:
        # A visit in this corpus goes to the other state.
        dest = rules.focus[1 - rules.focus.index(origin)]
    if not dest or dest == origin:
        return None
    who = slug(office) + (f"-of-{slug(origin)}" if origin else "")
    label = f"{kind.label}: {office.title()}{' of ' + origin if origin else ''} to {dest}"
    state.last_visit, state.last_visit_label = f"{kind.name}:{who}->{slug(dest)}", label
    return state.last_visit, label


def _visitor(reading: Reading, cue: re.Match[str]) -> tuple[str, str]:
    """(office, state) of who makes a visit: the office named nearest before the cue, else the
    first after it, else the office of a person named, if the rules list it; ("", "") if none."""
    before = [o for o in reading.offices if o.end <= cue.start()]
    after = [o for o in reading.offices if o.start >= cue.end()]
    visitor = before[-1] if before else (after[0] if after else None)
    if visitor is not None:
        return visitor.title, visitor.country
    # A named person visits in the office the context gives them, nearest to the cue first.
    for _, tenure in sorted(
        ((abs(s - cue.start()), t) for s, _, t in reading.named.spans), key=lambda x: x[0]
    ):
        title = next(
            (o for o in reading.rules.offices if slug(tenure.office).startswith(slug(o))), None
        )
        if title is not None:
            return title.casefold(), country_name(tenure.country, reading.context)
    return "", ""


def _this_visit(
    reading: Reading, destination: Place | None, state: ArticleState
) -> tuple[str, str] | None:
    """ "This visit", "during the visit to Pakistan": the article's last visit, if it fits."""
    if not state.last_visit:
        return None
    if destination is not None and not state.last_visit.endswith(
        "->" + slug(country_of(destination, reading.context))
    ):
        return None
    return state.last_visit, state.last_visit_label


_TOWARDS = re.compile(r"(?<!\w)(?:to|visit|visits|visiting|in|arrive\w*\s+in)\s+(?:the\s+)?$", re.I)


def _direction(reading: Reading, cue: re.Match[str]) -> tuple[str, str] | None:
    """(origin, destination) states of a mission: "of/from X ... to Y", "X's delegation ... visit
    Y", "a Pakistani trade mission to Kazakhstan"."""
    origin = _mission_origin(reading, cue)
    if origin is None:
        return None
    destination = next(
        (
            m.place
            for m in reading.mentions
            if m.start >= cue.end()
            and m.place is not origin
            and m.start - cue.end() <= 80
            and _TOWARDS.search(reading.text, cue.end(), m.start)
        ),
        None,
    )
    if destination is None:
        return None
    a, b = country_of(origin, reading.context), country_of(destination, reading.context)
    return (a, b) if a != b else None


def _mission_origin(reading: Reading, cue: re.Match[str]) -> Place | None:
    """Where a mission comes from: a place inside its words ("Pakistani trade mission"), else one
    right after "of" or "from", else the last place named just before it."""
    inside = [m for m in reading.mentions if cue.start() <= m.start and m.end <= cue.end()]
    if inside:
        return inside[0].place
    of_from = re.match(r"\s+(?:of|from)\s+", reading.text[cue.end() :])
    if of_from:
        return _place_after(reading, cue.end(), r"of|from", reach=len(of_from.group()) + 1)
    before = [m for m in reading.mentions if m.end <= cue.start() and cue.start() - m.end <= 30]
    return before[-1].place if before else None


def _subtype(reading: Reading, cue: re.Match[str], kind: KindRule) -> str:
    """The kind's subtype whose words are nearest the cue (the earlier rule on a tie), else the
    kind's default."""
    text = reading.text
    low, high = max(0, cue.start() - SUBTYPE_REACH), min(len(text), cue.end() + SUBTYPE_REACH)
    best: tuple[int, int, str] | None = None
    for rank, (name, pattern) in enumerate(kind.subtypes):
        for m in pattern.finditer(text, low, high):
            d = distance(text, cue.span(), m.span())  # 0 when they overlap
            if best is None or (d, rank) < best[:2]:
                best = (d, rank, name)
    return best[2] if best else kind.default_subtype


def _event_place(reading: Reading, cue: re.Match[str]) -> Place | None:
    cities = [m for m in reading.mentions if m.place.kind == "city"]
    if cities:
        return min(
            cities, key=lambda m: (distance(reading.text, cue.span(), (m.start, m.end)), m.start)
        ).place
    return _place_after(reading, cue.end(), r"in|at")


@dataclass(frozen=True)
class Event:
    key: str
    label: str
    span: tuple[int, int]  # the words that name it, for finding its time expression
    country_event: str = ""


def _between_countries(reading: Reading, kind: KindRule, cue: re.Match[str]) -> list[Event]:
    """A directional kind's mission from one state to another, when the sentence says which way;
    else the event between the two states the sentence is about."""
    way = _direction(reading, cue) if kind.directional else None
    if way is not None:
        origin, destination = way
        key = f"{kind.name}:{slug(origin)}->{slug(destination)}"
        return [Event(key, f"{kind.label} {origin} to {destination}", cue.span())]
    return [_pair_event(reading, kind, cue.span())]


def _pair_event(reading: Reading, kind: KindRule, span: tuple[int, int]) -> Event:
    """The event between the two states the sentence is about (_country_pair)."""
    a, b = _country_pair(reading)
    return Event(f"{kind.name}:{pair_key(a, b)}", f"{kind.label} {_pair_label(a, b)}", span)


def _route_events(
    reading: Reading, kind: KindRule, cue: re.Match[str], state: ArticleState
) -> list[Event]:
    """One event per city route named, with the country-level event each supports; the two
    states' event when no route is named."""
    out = []
    for (a, b), start, end in routes(reading.text, reading.mentions, reading.rules):
        ca, cb = country_name(a.country, reading.context), country_name(b.country, reading.context)
        out.append(
            Event(
                f"{kind.name}:{pair_key(a.name, b.name)}",
                f"{kind.label} {_pair_label(a.name, b.name)}",
                (start, end),
                f"{kind.name}:{pair_key(ca, cb)}",
            )
        )
    return out or [_pair_event(reading, kind, cue.span())]


def _visitor_events(
    reading: Reading, kind: KindRule, cue: re.Match[str], state: ArticleState
) -> list[Event]:
    visit = _visit(reading, kind, cue, state)
    return [Event(visit[0], visit[1], cue.span())] if visit else []


def _subtype_events(
    reading: Reading, kind: KindRule, cue: re.Match[str], state: ArticleState
) -> list[Event]:
    sub = _subtype(reading, cue, kind)
    return [Event(f"{kind.name}:{sub}", f"{kind.label} ({sub.replace('_', ' ')})", cue.span())]


def _place_events(
    reading: Reading, kind: KindRule, cue: re.Match[str], state: ArticleState
) -> list[Event]:
    place = _event_place(reading, cue)
    if place is None:
        return _between_countries(reading, kind, cue)
    return [Event(f"{kind.name}:{slug(place.name)}", f"{kind.label} in {place.name}", cue.span())]


def _countries_events(
    reading: Reading, kind: KindRule, cue: re.Match[str], state: ArticleState
) -> list[Event]:
    return _between_countries(reading, kind, cue)


@dataclass(frozen=True)
class EventKey:
    """How the events of a kind are keyed (a kind's `key` in the rules)."""

    read: Callable[[Reading, KindRule, re.Match[str], ArticleState], list[Event]]
    several: bool = False  # a sentence can name several events of the kind with several cues
    own_times: bool = False  # each of several events takes its own time expression


EVENT_KEYS = {
    "route": EventKey(_route_events, several=True, own_times=True),  # almaty-lahore
    "visitor": EventKey(_visitor_events),  # president-of-kazakhstan->pakistan
    "subtype": EventKey(_subtype_events, several=True),  # agreement:energy
    "place": EventKey(_place_events),  # business_forum:almaty
    "countries": EventKey(_countries_events),  # kazakhstan-pakistan (or a mission's way)
}


# Claims of a sentence ----------------------------------------------------------------------------


def _owned(
    kind: KindRule, cue: re.Match[str], owners: list[tuple[str, int, int]], text: str
) -> bool:
    """True when the cue's words are part of an event already read ("business delegation"), or
    when it is a visit cue in the clause right after a delegation's words, whose visit it is."""
    return any(s < cue.end() and cue.start() < e for _, s, e in owners) or any(
        name in kind.yields_to
        and 0 <= cue.start() - end <= 60
        and not CLAUSE_BREAK.search(text, end, cue.start())
        for name, _, end in owners
    )


def _cue_status(reading: Reading, cue: re.Match[str]) -> str | None:
    """The status the sentence gives the cue's event: its nearest status word, else (if the
    rules allow) the direction in time of its nearest dated time expression; None if neither."""
    status = sentence_status(reading.text, cue.span(), reading.rules, reading.status_words)
    dated = [t for t in reading.timexes if t.start is not None]
    if status is None and reading.rules.status_from_timex and dated:
        timex = nearest(dated, cue.span(), reading.text)
        status = {"future": "planned", "past": "happened"}.get(timex.direction if timex else "")
    return status


@dataclass(frozen=True)
class _Found:
    """An event a cue names, with what the sentence says of it."""

    kind: KindRule
    status: str
    event: Event
    timex: Timex | None
    figures: tuple[str, ...]
    counts: tuple[int, ...]


def _kind_events(
    reading: Reading, kind: KindRule, owners: list[tuple[str, int, int]], state: ArticleState
) -> list[_Found]:
    """The events the sentence names with the cues of one kind, in order. `owners` are the cues
    already read (this kind's are added)."""
    keyed = EVENT_KEYS.get(kind.key, EVENT_KEYS["countries"])
    found: list[_Found] = []
    seen: set[str] = set()  # "memorandums of understanding (MoUs)" names one event twice
    for cue in kind.cue.finditer(reading.text, reading.first_cue):
        if _owned(kind, cue, owners, reading.text):
            continue
        status = _cue_status(reading, cue)
        if status is None:
            continue
        events = keyed.read(reading, kind, cue, state)
        owners.append((kind.name, cue.start(), cue.end()))
        if not events:
            continue
        usable_times = usable(reading.timexes, status)
        times = (
            attach_times([e.span for e in events], usable_times, reading.text)
            if keyed.own_times and len(events) > 1
            else [nearest(usable_times, cue.span(), reading.text)] * len(events)
        )
        figures, counts = sentence_figures(reading.text, kind.name, reading.rules, reading.folded)
        for event, timex in zip(events, times, strict=True):
            if event.key not in seen:
                seen.add(event.key)
                found.append(_Found(kind, status, event, timex, figures, counts))
        if not keyed.several:
            break  # one event of this kind per sentence: a repeated cue restates it
    return found


def sentence_claims(
    article_id: str,
    paragraph: int,
    sentence: int,
    text: str,
    timexes: list[Timex],
    context: Context,
    rules: ClaimRules,
    day: date | None = None,
    state: ArticleState | None = None,
) -> list[Claim]:
    """The claims one sentence makes. `day` is the article's date (for who held an office),
    `state` carries "this visit" across the article's sentences."""
    reading = read_sentence(text, timexes, context, rules, day)
    if reading is None:
        return []
    state = state if state is not None else ArticleState()
    owners: list[tuple[str, int, int]] = []  # (kind, start, end) of the cues already read
    found = [
        f
        for kind in rules.kinds
        if may_match(kind.cue, reading.folded)
        for f in _kind_events(reading, kind, owners, state)
    ]
    actors = _actors(reading, day)
    return [
        Claim(
            claim_id=f"{article_id}:{paragraph}:{sentence}:{n}",
            article_id=article_id,
            paragraph=paragraph,
            sentence=sentence,
            event=f.event.key,
            kind=f.kind.name,
            status=f.status,
            target_start=f.timex.start if f.timex else None,
            target_end=f.timex.end if f.timex else None,
            target_text=f.timex.text if f.timex else "",
            actors=actors,
            figures=f.figures,
            quote=text,
            country_event=f.event.country_event,
            label=f.event.label,
            counts=f.counts,
        )
        for n, f in enumerate(found)
    ]


def extract_claims(
    articles: list[Article],
    dates: dict[str, PublicationDate],
    timexes: dict[tuple[str, int, int], list[Timex]],
    context: Context,
    rules: ClaimRules,
) -> list[Claim]:
    """Claims of every non-boilerplate sentence of every article, in reading order."""
    return [
        c
        for chunk in map_chunks(_article_claims, articles, dates, timexes, context, rules)
        for c in chunk
    ]


def _article_claims(
    articles: list[Article],
    dates: dict[str, PublicationDate],
    timexes: dict[tuple[str, int, int], list[Timex]],
    context: Context,
    rules: ClaimRules,
) -> list[Claim]:
    claims: list[Claim] = []
    for article in articles:
        when = dates.get(article.article_id)
        day = when.anchor if when is not None else None
        state = ArticleState()
        for s in article.sentences:
            if s.boilerplate:
                continue
            claims += sentence_claims(
                article.article_id,
                s.paragraph,
                s.sentence,
                s.text,
                timexes.get((s.article_id, s.paragraph, s.sentence), []),
                context,
                rules,
                day,
                state,
            )
    return claims
