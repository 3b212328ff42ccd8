"""Claims: what each sentence says was proposed, discussed, planned, done, put off or called off.
Sits between dating/timex and the checks: sentences and their time expressions in, keyed claims out.

Wording comes from analysis/claim_rules.yml; places and people come only from the context facts, so
one event described differently in different articles gets one key and can be compared:

- a route is an unordered pair of cities under their current names (Nur-Sultan is Astana), and the
  country-level event it supports (`direct_flights:kazakhstan-pakistan`) is kept beside it;
- a sentence naming several routes makes one claim per route, each dated by its own time expression;
- status is the nearest status cue to the event's words; a "not yet"/"have not started" reads as
  planned (the event is still expected: the slippage check compares it with its target).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from newsbrief.core.errors import InputError
from newsbrief.core.parallel import built_through_slots, map_chunks, pickled_as_fields
from newsbrief.core.patterns import fold, guarded, may_match, trie
from newsbrief.core.records import Article, PublicationDate, Timex
from newsbrief.core.store import read_yaml
from newsbrief.dating.context import (
    Context,
    Place,
    Tenure,
    person_index,
    place_index,
    strip_possessive,
)

STATUSES = ("proposed", "under_discussion", "planned", "happened", "postponed", "cancelled")
NOT_DONE = ("proposed", "under_discussion", "planned", "postponed")
COMMITTED = ("proposed", "planned", "postponed")  # statuses that can carry a target date
CLAUSE_PENALTY = 200  # characters a status cue across ";", ":" or "but" counts as: another clause
SUBTYPE_REACH = 60  # characters around a cue in which a subtype word says which sort it is
LINK_REACH = 24  # characters a route link ("and from", "–") may span between two cities
_CLAUSE_BREAK = re.compile(
    r"[;:()]|\s[–—]\s|,\s*(?:but|while|whereas|although|though|which)\b|\bbut\b", re.IGNORECASE
)


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


_LOADED: dict[tuple[str, bytes], ClaimRules] = {}


def load_claim_rules(path: Path) -> ClaimRules:
    """Read the claim rules (the one file this module reads); see the comments in the file. A file
    read before with the same content gives the same (frozen) rules: the claims and the checks
    both read the project's rules, and compiling their patterns took 0.15 s each time."""
    try:
        key = (str(Path(path).resolve()), hashlib.sha256(Path(path).read_bytes()).digest())
    except OSError:
        return _read_claim_rules(path)  # read_yaml says what is wrong with the path
    if key not in _LOADED:
        _LOADED[key] = _read_claim_rules(path)
    return _LOADED[key]


def _read_claim_rules(path: Path) -> ClaimRules:
    raw = read_yaml(path, "focus_countries")
    kinds = []
    for name, spec in (raw.get("kinds") or {}).items():
        try:
            kinds.append(
                KindRule(
                    name=name,
                    label=str(spec.get("label", name)),
                    cue=_compile(spec["cue"], path, f"the cue of kind '{name}'"),
                    key=str(spec["key"]),
                    directional=bool(spec.get("directional", False)),
                    subtypes=tuple(
                        (sub, _compile(p, path, f"subtype '{sub}' of '{name}'"))
                        for sub, p in (spec.get("subtypes") or {}).items()
                    ),
                    default_subtype=str(spec.get("default_subtype", "general")),
                    yields_to=tuple(spec.get("yields_to") or ()),
                )
            )
        except KeyError as missing:
            raise InputError(
                path, f"kind '{name}' has no {missing}", "give every kind a cue and a key"
            ) from None
    aliases = raw.get("status_alias") or {}
    status = tuple(
        (str(aliases.get(name, name)), _compile(p, path, f"status '{name}'"))
        for name, p in (raw.get("status") or {}).items()
    )
    unknown = sorted({s for s, _ in status if s not in STATUSES})
    if unknown:
        raise InputError(
            path,
            f"unknown status {unknown}",
            f"use only {', '.join(STATUSES)} (or map a group to one in status_alias)",
        )
    numbers: dict[str, Any] = raw.get("number_words") or {}
    number = _number_pattern(numbers)
    figures = tuple(
        FigureRule(
            name=name,
            kinds=frozenset()
            if spec.get("applies_to") in (None, "all")
            else frozenset(spec["applies_to"]),
            compare=bool(spec.get("compare", False)),
            patterns=tuple(
                _compile(p.replace("{number}", number), path, f"a pattern of figures '{name}'")
                for p in spec.get("patterns") or []
            ),
        )
        for name, spec in (raw.get("figures") or {}).items()
    )
    values = {
        w.casefold(): int(v)
        for group in ("units", "teens", "tens")
        for w, v in (numbers.get(group) or {}).items()
    }
    variant = raw.get("name_variants") or {}
    focus = [str(c) for c in raw.get("focus_countries") or []]
    if len(focus) != 2:
        raise InputError(
            path, "focus_countries must name exactly two countries", "e.g. [Kazakhstan, Pakistan]"
        )

    def links(key: str) -> re.Pattern[str]:
        words = sorted((str(w) for w in raw.get(key) or []), key=len, reverse=True)
        return re.compile(
            r"\s*(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")?\s*$"
            if words
            else r"\s*$",
            re.IGNORECASE,
        )

    return ClaimRules(
        focus=(focus[0], focus[1]),
        kinds=tuple(kinds),
        status=status,
        framing=frozenset(raw.get("framing") or ("proposed", "under_discussion")),
        framing_reach=int(raw.get("framing_reach", 45)),
        negation=_compile(str(raw.get("negation", r"(?!)")), path, "negation", bounded=False),
        status_from_timex=bool(raw.get("status_from_timex", True)),
        route_link=links("route_links"),
        list_link=links("list_links"),
        offices=tuple(str(o) for o in raw.get("offices") or []),
        figures=figures,
        numbers=values,
        variants=VariantRules(
            min_length=int(variant.get("min_length", 4)),
            min_similarity=float(variant.get("min_similarity", 0.8)),
            max_edits=int(variant.get("max_edits", 2)),
            person_min_length=int(variant.get("person_min_length", 6)),
            person_max_edits=int(variant.get("person_max_edits", 1)),
            not_variants=frozenset(str(w).casefold() for w in variant.get("not_variants") or []),
        ),
        any_cue=_compile(
            "|".join(f"(?:{spec['cue']})" for spec in (raw.get("kinds") or {}).values()) or "(?!)",
            path,
            "the kinds' cues",
        ),
    )


# Claims ----------------------------------------------------------------------------------------


@pickled_as_fields
@built_through_slots
@dataclass(frozen=True, slots=True)
class Claim:
    claim_id: str  # f"{article_id}:{paragraph}:{sentence}:{n}", n counting the sentence's claims
    article_id: str
    paragraph: int
    sentence: int
    event: (
        str  # e.g. direct_flights:almaty-lahore, official_visit:president-of-kazakhstan->pakistan
    )
    kind: str
    status: str  # one of STATUSES
    target_start: date | None
    target_end: date | None
    target_text: str
    actors: tuple[str, ...]  # people (canonical names), then states, as the context names them
    figures: tuple[str, ...]  # as written: "20 memorandums of understanding", "two-year visas"
    quote: str  # the sentence, verbatim
    country_event: str = ""  # for a city route: the country-level event it also supports
    label: str = ""  # for readers: "Direct flights Almaty–Lahore"
    counts: tuple[int, ...] = ()  # values of the figures the rules mark as comparable


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.casefold()).strip("-")


def pair_key(a: str, b: str) -> str:
    """An unordered pair of places as one key: sorted, so Lahore–Almaty is almaty-lahore."""
    return "-".join(sorted((slug(a), slug(b))))


@built_through_slots
@dataclass(frozen=True, slots=True)
class Mention:
    place: Place
    start: int
    end: int


_GAZETTEER: dict[int, tuple[Context, re.Pattern[str], dict[str, Place]]] = {}


def gazetteer_index(context: Context) -> tuple[re.Pattern[str], dict[str, Place]]:
    """One regex for every place name, old name (placenames) and adjective, and the place each
    (casefolded) names. Hyphenated forms count ("Almaty-Lahore", "Pak-Kazakh")."""
    cached = _GAZETTEER.get(id(context))
    if cached is None or cached[0] is not context:
        names = dict(place_index(context)[1])  # current names and adjectives, then the old names
        by_name = {p.name.casefold(): p for p in context.places}
        for era in context.place_names:
            place = by_name.get(era.refers_to.casefold())
            if place is not None:
                for name in (era.name, *era.aliases):
                    names.setdefault(name.casefold(), place)
        body = trie(names, separator=r"[\s-]+")
        cached = (context, re.compile(rf"(?<!\w)(?:{body})(?:[’']s)?(?!\w)", re.IGNORECASE), names)
        _GAZETTEER[id(context)] = cached
    return cached[1], cached[2]


def find_place(name: str, context: Context) -> Place | None:
    """The gazetteer entry a name (alias, old name or adjective; any case) refers to."""
    names = gazetteer_index(context)[1]
    key = strip_possessive(name).casefold()
    return (
        names.get(key)
        or names.get(re.sub(r"[\s-]+", " ", key))
        or names.get(re.sub(r"[\s-]+", "-", key))
    )


def place_mentions(
    text: str, context: Context, masked: Iterable[tuple[int, int]] = (), folded: str | None = None
) -> list[Mention]:
    """Places named in `text`, in order, except inside `masked` spans (people's names, datelines).
    `folded` is the text's `fold`, when already made."""
    pattern, _ = gazetteer_index(context)
    spans = list(masked)
    found = []
    for m in pattern.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in spans):
            continue
        place = find_place(text[m.start() : m.end()], context)
        if place is not None:
            found.append(Mention(place, m.start(), m.end()))
    return found


def country_name(code: str, context: Context) -> str:
    return next((p.name for p in context.places if p.kind == "country" and p.country == code), code)


def country_of(place: Place, context: Context) -> str:
    return place.name if place.kind == "country" else country_name(place.country, context)


def _split_pair(key: str, names: set[str]) -> tuple[str, str] | None:
    """'almaty-lahore' back into its two slugs, even when a slug has hyphens of its own."""
    for i, ch in enumerate(key):
        if ch == "-" and key[:i] in names and key[i + 1 :] in names:
            return key[:i], key[i + 1 :]
    return None


def supports(route_event: str, country_event: str, context: Context) -> bool:
    """True when a claim about `route_event` also speaks to `country_event`: the same event, or a
    city route whose two cities lie in the event's two countries (Almaty–Lahore and
    Kazakhstan–Pakistan)."""
    if route_event == country_event:
        return True
    kind, _, route = route_event.partition(":")
    other_kind, _, countries = country_event.partition(":")
    if kind != other_kind:
        return False
    cities = {slug(p.name): p for p in context.places if p.kind == "city"}
    pair = _split_pair(route, set(cities))
    if pair is None:
        return False
    a, b = (country_name(cities[s].country, context) for s in pair)
    return a != b and pair_key(a, b) == countries


# Reading one sentence -----------------------------------------------------------------------------


def _distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans, plus a clause's worth for each clause break between them."""
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    if hi <= lo:
        return 0
    return hi - lo + CLAUSE_PENALTY * len(_CLAUSE_BREAK.findall(text, lo, hi))


def status_words(
    text: str, rules: ClaimRules, folded: str | None = None
) -> list[tuple[str, int, int, int]]:
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
    words: list[tuple[str, int, int, int]] | None = None,
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
    name, start, end, _ = min(hits, key=lambda h: (_distance(text, cue, (h[1], h[2])), h[3], h[1]))
    if name not in rules.framing:
        # "welcomed the proposal to organize": the framing word just before governs the verb.
        framing = [
            h
            for h in hits
            if h[0] in rules.framing
            and h[2] <= start
            and _distance(text, (h[1], h[2]), (start, end)) <= rules.framing_reach
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


def _usable(timexes: list[Timex], status: str) -> list[Timex]:
    """Time expressions that can date this claim: dated ones pointing the right way in time (a
    plan's date lies ahead, a happening's behind), else vague ones ("shortly") for their words."""
    wanted = ("past",) if status == "happened" else ("future",)
    dated = [t for t in timexes if t.start is not None and t.direction in wanted]
    return dated or [t for t in timexes if t.start is None]


def _nearest(timexes: list[Timex], span: tuple[int, int], text: str) -> Timex | None:
    return min(
        timexes,
        key=lambda t: (_distance(text, span, (t.char_start, t.char_end)), t.char_start),
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
        return [_nearest(timexes, spans[0], text)]
    chosen: list[Timex | None] = [None] * len(spans)
    free = sorted(timexes, key=lambda t: t.char_start)
    for i, (_, end) in enumerate(spans):
        follow = next(
            (
                t
                for t in free
                if 0 <= t.char_start - end <= 16
                and not _CLAUSE_BREAK.search(text, end, t.char_start)
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
            chosen[i] = _nearest(free or timexes, spans[i], text)
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
                value = count_value(written, rules) if group.compare else None
                if value is not None:
                    counts.append(value)
    return tuple(dict.fromkeys(figures)), tuple(sorted(set(counts)))


@dataclass(frozen=True)
class People:
    names: tuple[str, ...]  # canonical, in order of mention
    spans: tuple[tuple[int, int, Tenure], ...]


def _tenure_fits(tenure: Tenure, day: date | None) -> bool:
    return day is None or (
        (tenure.start is None or tenure.start <= day) and (tenure.end is None or day <= tenure.end)
    )


def people(text: str, context: Context, day: date | None, folded: str | None = None) -> People:
    """People named by any alias, with the tenure in force on `day` (the article's date) when known.
    `folded` is the text's `fold`, when already made."""
    pattern, names = person_index(context)
    found, spans = [], []
    folded = fold(text) if folded is None else folded
    if not may_match(pattern, folded):
        return People((), ())  # no officeholder's name in it: the usual case, found without a scan
    for m in pattern.finditer(text):
        tenures = names.get(strip_possessive(text[m.start() : m.end()]).casefold(), [])
        if not tenures:
            continue
        tenure = next((t for t in tenures if _tenure_fits(t, day)), tenures[0])
        found.append(tenure.person)
        spans.append((m.start(), m.end(), tenure))
    return People(tuple(dict.fromkeys(found)), tuple(spans))


@dataclass(frozen=True)
class Office:
    title: str  # as in the rules: "president"
    country: str  # canonical state name, "" when the sentence does not say
    start: int
    end: int


@cache
def _title_pattern(title: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(title)}(?!\w)", re.IGNORECASE)


@cache
def _any_title(titles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{trie(titles)})(?!\w)", re.IGNORECASE)


def offices(
    text: str,
    mentions: list[Mention],
    named: People,
    rules: ClaimRules,
    context: Context,
    folded: str | None = None,
) -> list[Office]:
    """Offices named in the sentence with the state each belongs to: "Kazakhstan's President",
    "the Kazakh President", "President of Pakistan", "President Tokayev". `folded` is the text's
    `fold`, when already made."""
    found: list[Office] = []
    if not rules.offices:
        return found
    titles = _any_title(rules.offices)
    folded = fold(text) if folded is None else folded
    if not may_match(titles, folded) or not titles.search(text):
        return found  # one scan for the sentence instead of one per title, in most sentences
    for title in rules.offices:
        for m in _title_pattern(title).finditer(text):
            if any(o.start <= m.start() < o.end or m.start() <= o.start < m.end() for o in found):
                continue  # "prime minister" inside "deputy prime minister"
            country = ""
            of = re.match(r"\s+of\s+(?:the\s+)?", text[m.end() :])
            after = [x for x in mentions if of and x.start == m.end() + of.end()]
            before = [
                x for x in mentions if 0 <= m.start() - x.end <= 3 and x.place.kind == "country"
            ]
            person = [t for s, _, t in named.spans if 0 <= s - m.end() <= 2]
            if after:
                country = country_of(after[0].place, context)
            elif before:
                country = before[-1].place.name
            elif person:
                country = country_name(person[0].country, context)
            found.append(Office(title.casefold(), country, m.start(), m.end()))
    return sorted(found, key=lambda o: o.start)


def office_holders(found: list[Office], context: Context, day: date | None) -> list[str]:
    """People who held the named offices on `day` (only when the date is known)."""
    if day is None:
        return []
    holders = []
    for office in found:
        if not office.country:
            continue
        for t in context.tenures:
            if (
                country_name(t.country, context) == office.country
                and _tenure_fits(t, day)
                and (
                    office.title in (x.casefold() for x in t.titles)
                    or slug(t.office).startswith(slug(office.title) + "-of")
                )
            ):
                holders.append(t.person)
    return holders


@dataclass
class ArticleState:
    """What earlier sentences of the same article settled: the last visit, for "this visit"."""

    last_visit: str = ""
    last_visit_label: str = ""


@built_through_slots
@dataclass(frozen=True, slots=True)
class Reading:
    """Everything about one sentence that every kind of claim needs."""

    text: str
    folded: str  # the text's `fold`, which the rules' patterns scan (patterns.finditer_folded)
    mentions: list[Mention]
    named: People
    offices: list[Office]
    timexes: list[Timex]
    context: Context
    rules: ClaimRules


def _countries(reading: Reading) -> list[str]:
    names: list[str] = []
    for m in reading.mentions:
        name = country_of(m.place, reading.context)
        if name not in names:
            names.append(name)
    return names


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


def _visit(reading: Reading, cue: re.Match[str], state: ArticleState) -> tuple[str, str] | None:
    """(event, label) of an official visit: the office nearest before the cue (else after it), its
    state, and the destination; a visit with no visitor named is the article's last visit."""
    context, rules = reading.context, reading.rules
    before = [o for o in reading.offices if o.end <= cue.start()]
    after = [o for o in reading.offices if o.start >= cue.end()]
    visitor = before[-1] if before else (after[0] if after else None)
    office, origin = "", ""
    if visitor is not None:
        office, origin = visitor.title, visitor.country
    else:
        # A named person visits in the office the context gives them, if it is one the rules list.
        for _, tenure in sorted(
            ((abs(s - cue.start()), t) for s, _, t in reading.named.spans), key=lambda x: x[0]
        ):
            title = next(
                (o for o in rules.offices if slug(tenure.office).startswith(slug(o))), None
            )
            if title is not None:
                office, origin = title.casefold(), country_name(tenure.country, context)
                break
    destination = _place_after(reading, cue.end(), r"to|in|of")
    if not office:
        # "This visit", "during the visit to Pakistan": the article's last visit, if it fits.
        if state.last_visit and (
            destination is None
            or state.last_visit.endswith("->" + slug(country_of(destination, context)))
        ):
            return state.last_visit, state.last_visit_label
        return None
    if not origin and state.last_visit.startswith(f"official_visit:{slug(office)}"):
        return state.last_visit, state.last_visit_label
    dest = country_of(destination, context) if destination else ""
    if not dest and origin in rules.focus:
        dest = rules.focus[
            1 - rules.focus.index(origin)
        ]  # a visit in this corpus goes to the other state
    if not dest or dest == origin:
        return None
    who = slug(office) + (f"-of-{slug(origin)}" if origin else "")
    label = f"{rules.label('official_visit')}: {office.title()}{' of ' + origin if origin else ''} to {dest}"
    state.last_visit, state.last_visit_label = f"official_visit:{who}->{slug(dest)}", label
    return state.last_visit, label


def _direction(reading: Reading, cue: re.Match[str]) -> tuple[str, str] | None:
    """(origin, destination) of a mission: "of/from X ... to Y", "X's delegation ... visit Y",
    "a Pakistani trade mission to Kazakhstan"."""
    context = reading.context
    text = reading.text
    countries_before = [
        m for m in reading.mentions if m.end <= cue.start() and cue.start() - m.end <= 30
    ]
    inside = [m for m in reading.mentions if cue.start() <= m.start and m.end <= cue.end()]
    origin_m = re.match(r"\s+(?:of|from)\s+", text[cue.end() :])
    origin = None
    if inside:
        origin = inside[0].place
    elif origin_m:
        origin = _place_after(reading, cue.end(), r"of|from", reach=len(origin_m.group()) + 1)
    elif countries_before:
        origin = countries_before[-1].place
    destination = None
    for m in reading.mentions:
        if m.start >= cue.end() and (origin is None or m.place is not origin):
            gap = text[cue.end() : m.start]
            if (
                re.search(
                    r"(?<!\w)(?:to|visit|visits|visiting|in|arrive\w*\s+in)\s+(?:the\s+)?$",
                    gap,
                    re.IGNORECASE,
                )
                and len(gap) <= 80
            ):
                destination = m.place
                break
    if origin is None or destination is None:
        return None
    a, b = country_of(origin, context), country_of(destination, context)
    return (a, b) if a != b else None


def _subtype(reading: Reading, cue: re.Match[str], kind: KindRule) -> str:
    text = reading.text
    low, high = max(0, cue.start() - SUBTYPE_REACH), min(len(text), cue.end() + SUBTYPE_REACH)
    best: tuple[int, int, str] | None = None
    for rank, (name, pattern) in enumerate(kind.subtypes):
        for m in pattern.finditer(text, low, high):
            d = (
                _distance(text, cue.span(), m.span())
                if not (m.start() < cue.end() and cue.start() < m.end())
                else 0
            )
            if best is None or (d, rank) < best[:2]:
                best = (d, rank, name)
    return best[2] if best else kind.default_subtype


def _event_place(reading: Reading, cue: re.Match[str]) -> Place | None:
    cities = [m for m in reading.mentions if m.place.kind == "city"]
    if cities:
        return min(
            cities, key=lambda m: (_distance(reading.text, cue.span(), (m.start, m.end)), m.start)
        ).place
    return _place_after(reading, cue.end(), r"in|at")


@dataclass(frozen=True)
class Event:
    key: str
    label: str
    span: tuple[int, int]  # the words that name it, for finding its time expression
    country_event: str = ""


def _events(
    reading: Reading, kind: KindRule, cue: re.Match[str], state: ArticleState
) -> list[Event]:
    context, rules = reading.context, reading.rules
    label = kind.label
    if kind.key == "route":
        found = routes(reading.text, reading.mentions, rules)
        if found:
            out = []
            for (a, b), start, end in found:
                ca, cb = country_name(a.country, context), country_name(b.country, context)
                out.append(
                    Event(
                        f"{kind.name}:{pair_key(a.name, b.name)}",
                        f"{label} {_pair_label(a.name, b.name)}",
                        (start, end),
                        f"{kind.name}:{pair_key(ca, cb)}",
                    )
                )
            return out
        a, b = _country_pair(reading)
        return [Event(f"{kind.name}:{pair_key(a, b)}", f"{label} {_pair_label(a, b)}", cue.span())]
    if kind.key == "visitor":
        visit = _visit(reading, cue, state)
        return [Event(visit[0], visit[1], cue.span())] if visit else []
    if kind.key == "subtype":
        sub = _subtype(reading, cue, kind)
        return [Event(f"{kind.name}:{sub}", f"{label} ({sub.replace('_', ' ')})", cue.span())]
    if kind.key == "place":
        place = _event_place(reading, cue)
        if place is not None:
            return [
                Event(f"{kind.name}:{slug(place.name)}", f"{label} in {place.name}", cue.span())
            ]
    if kind.directional:
        route = _direction(reading, cue)
        if route is not None:
            return [
                Event(
                    f"{kind.name}:{slug(route[0])}->{slug(route[1])}",
                    f"{label} {route[0]} to {route[1]}",
                    cue.span(),
                )
            ]
    a, b = _country_pair(reading)
    return [Event(f"{kind.name}:{pair_key(a, b)}", f"{label} {_pair_label(a, b)}", cue.span())]


def _yields(
    kind: KindRule, cue: re.Match[str], owners: list[tuple[str, int, int]], text: str
) -> bool:
    """A visit cue in the clause right after a delegation's words belongs to that delegation."""
    return any(
        name in kind.yields_to
        and 0 <= cue.start() - end <= 60
        and not _CLAUSE_BREAK.search(text, end, cue.start())
        for name, _, end in owners
    )


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
    folded = fold(text)
    first = rules.any_cue.search(text) if may_match(rules.any_cue, folded) else None
    if first is None:
        return []
    state = state if state is not None else ArticleState()
    named = people(text, context, day, folded)
    mentions = place_mentions(text, context, [(s, e) for s, e, _ in named.spans], folded)
    found_offices = offices(text, mentions, named, rules, context, folded)
    reading = Reading(text, folded, mentions, named, found_offices, timexes, context, rules)
    actors = tuple(
        dict.fromkeys(
            [*named.names, *office_holders(found_offices, context, day), *_countries(reading)]
        )
    )
    claims: list[Claim] = []
    owners: list[tuple[str, int, int]] = []  # (kind, start, end) of cues already read
    words: list[tuple[str, int, int, int]] | None = None  # status words, read at the first cue
    for kind in rules.kinds:
        if not may_match(kind.cue, folded):
            continue  # none of the words its cue needs is in the sentence
        seen: set[str] = set()
        for cue in kind.cue.finditer(text, first.start()):  # no kind's cue starts before any does
            if any(s < cue.end() and cue.start() < e for _, s, e in owners) or _yields(
                kind, cue, owners, text
            ):
                continue  # these words are part of an event already read ("business delegation")
            if words is None:
                words = status_words(text, rules, folded)
            status = sentence_status(text, cue.span(), rules, words)
            usable_any = [t for t in timexes if t.start is not None]
            if status is None and rules.status_from_timex and usable_any:
                nearest = _nearest(usable_any, cue.span(), text)
                status = {"future": "planned", "past": "happened"}.get(
                    nearest.direction if nearest else ""
                )
            if status is None:
                continue
            events = _events(reading, kind, cue, state)
            owners.append((kind.name, cue.start(), cue.end()))
            if not events:
                continue
            usable = _usable(timexes, status)
            times = (
                attach_times([e.span for e in events], usable, text)
                if kind.key == "route" and len(events) > 1
                else [_nearest(usable, cue.span(), text)] * len(events)
            )
            figures, counts = sentence_figures(text, kind.name, rules, folded)
            for event, timex in zip(events, times, strict=True):
                if event.key in seen:
                    continue  # "memorandums of understanding (MoUs)" names one event twice
                seen.add(event.key)
                claims.append(
                    Claim(
                        claim_id=f"{article_id}:{paragraph}:{sentence}:{len(claims)}",
                        article_id=article_id,
                        paragraph=paragraph,
                        sentence=sentence,
                        event=event.key,
                        kind=kind.name,
                        status=status,
                        target_start=timex.start if timex else None,
                        target_end=timex.end if timex else None,
                        target_text=timex.text if timex else "",
                        actors=actors,
                        figures=figures,
                        quote=text,
                        country_event=event.country_event,
                        label=event.label,
                        counts=counts,
                    )
                )
            if kind.key not in ("subtype", "route"):
                break  # one event of this kind per sentence: a repeated cue restates it
    return claims


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
