"""Claims: what each sentence says was proposed, discussed, planned, under way, done, put off or
called off. Sits between dating/timex and the checks: sentences and time expressions in, claims out.

Wording comes from analysis/claim_rules.yml; places and people come only from the context facts, so
one event described differently in different articles gets one key and can be compared:

- a route is an unordered pair of cities under their current names (Nur-Sultan is Astana), and the
  country-level event it supports (`direct_flights:kazakhstan-pakistan`) is kept beside it;
- a sentence naming several routes makes one claim per route, each dated by its own time expression;
- the sentences with an event cue are parsed (claims/syntax.py): the status comes from the words
  that govern the event's mention in its clause (claims/wording.py), who takes part and which way a
  visit goes from the states its clause names (claims/participants.py); only events of both focus
  countries are in scope; a recurring event's key names its occurrence (`#11`, `#2022`).

This module reads the rules, keys the events (EVENT_KEYS) and makes the claims; the places, people
and offices a sentence names are found in claims/mentions.py.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsbrief.claims.mentions import (
    NO_SURNAMES,
    Mention,
    Office,
    People,
    Surnames,
    country_name,
    country_of,
    office_holders,
    offices,
    pair_key,
    people,
    place_mentions,
    slug,
    surnames,
)
from newsbrief.claims.participants import (
    Named,
    destination,
    issuer,
    other_focus,
    parties,
    posted,
    visitor,
    visitor_token,
)
from newsbrief.claims.syntax import (
    Structure,
    is_next,
    mention,
    occurrence_number,
    parse,
    tokens_in,
    verb_time,
)
from newsbrief.claims.wording import (
    CLAUSE_BREAK,
    StatusWord,
    as_basis,
    attach_times,
    clause_timexes,
    cue_tokens,
    distance,
    event_status,
    historic_present,
    routes,
    sentence_figures,
    status_words,
    usable,
)
from newsbrief.core.config import (
    SCOPE,
    ClaimRulesConfig,
    FigureSpec,
    GazetteerConfig,
    KindSpec,
    NameVariantsSpec,
    ScopeConfig,
    load_config,
)
from newsbrief.core.errors import InputError
from newsbrief.core.parallel import map_chunks
from newsbrief.core.paths import CONTEXT_DIR
from newsbrief.core.patterns import fold, guarded, may_match
from newsbrief.core.records import Article, PublicationDate, Record, Timex
from newsbrief.dating.context import Context, Place
from newsbrief.dating.timex import reread

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
    recurring: bool = False  # each occurrence its own key (#11, #2022)
    subtypes: tuple[tuple[str, re.Pattern[str]], ...] = ()
    default_subtype: str = "general"
    yields_to: tuple[
        str, ...
    ] = ()  # kinds whose cue, shortly before, owns this cue ("delegation ... will visit")
    named_visitor: re.Pattern[str] | None = None  # cues that need a named visitor ("arrived in")
    # verbs whose subject grants it and verbs whose subject receives it: the granting state keys
    # the event ("visa:business:pakistan"); None when the kind has no issuer
    issuer: tuple[frozenset[str], frozenset[str]] | None = None
    stepwise: bool = False  # done is one step of it: a later plan does not deny it
    refers_back: re.Pattern[str] | None = None  # "the commission", once the article named it
    shared_back: re.Pattern[str] | None = None  # "the route", if it is the last named of those
    through: bool = False  # the states it passes through take part in it (a transit route)


@dataclass(frozen=True)
class FigureRule:
    name: str
    kinds: frozenset[str]  # empty: every kind
    compare: bool
    patterns: tuple[re.Pattern[str], ...]
    # a sentence matching it counts over a span of history, not one occasion: not compared
    cumulative: re.Pattern[str] | None = None
    # a figure matching it counts a part of something ("six of the documents"): not compared
    part: re.Pattern[str] | None = None
    # (what it says of the count, the words just before the figure that say it): "more than"
    qualifiers: tuple[tuple[str, re.Pattern[str]], ...] = ()


# The values a count allows, from low to high (None: no upper bound): "37 MoUs" is (37, 37),
# "more than 30 agreements" (31, None).
Count = tuple[int, int | None]


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
    still_ranks: frozenset[int]  # positions in `status` of the groups that say "not yet"
    framing: frozenset[str]
    status_from_timex: bool
    route_link: re.Pattern[str]
    list_link: re.Pattern[str]
    offices: tuple[str, ...]
    office_aliases: tuple[tuple[str, str], ...]
    visit_verbs: frozenset[str]
    resident: frozenset[str]  # titles of diplomats posted abroad: "the ambassador visited Lahore"
    reporting: frozenset[str]  # verbs whose past tense does not make what they name done
    prior: frozenset[str]  # adjectives that place what they modify before now: "earlier MoUs"
    coming: frozenset[str]  # adjectives that set what they modify ahead: "the forthcoming visit"
    content: frozenset[str]  # verbs of what an event is about: "memoranda covering deliveries"
    enabling: frozenset[str]  # content verbs whose object lies ahead: "allows flights from March"
    frames: frozenset[str]  # nouns whose "of" frames the event: "on the first day of his visit"
    historic: frozenset[str]  # verbs whose simple present is done: "Pakistan, Kazakhstan sign"
    figures: tuple[FigureRule, ...]
    numbers: dict[str, int]
    ordinals: dict[str, int]
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


_LOADED: dict[tuple[str, bytes, bytes, bytes], ClaimRules] = {}
GAZETTEER = CONTEXT_DIR / "gazetteer.yml"
SEAPORT = "{seaport}"  # in a cue: any name of a seaport of the gazetteer


def load_claim_rules(path: Path, scope: Path = SCOPE, gazetteer: Path = GAZETTEER) -> ClaimRules:
    """Read the claim rules and, for the focus countries, the scope file, and for the seaports
    a cue names, the gazetteer; see the comments in the files. Files read before with the same
    content give the same (frozen) rules: the claims and the checks both read the project's rules,
    and compiling their patterns took 0.15 s each time."""
    try:
        key = (
            str(Path(path).resolve()),
            hashlib.sha256(Path(path).read_bytes()).digest(),
            hashlib.sha256(Path(scope).read_bytes()).digest(),
            hashlib.sha256(Path(gazetteer).read_bytes()).digest(),
        )
    except OSError:  # load_config says what is wrong with the path
        return _read_claim_rules(path, scope, gazetteer)
    if key not in _LOADED:
        _LOADED[key] = _read_claim_rules(path, scope, gazetteer)
    return _LOADED[key]


def _ranks(groups: dict[str, str], wanted: list[str]) -> frozenset[int]:
    """The positions of the `wanted` status groups in the rules' order (a status word's rank)."""
    return frozenset(i for i, name in enumerate(groups) if name in wanted)


def _any_cue(kinds: dict[str, KindSpec], path: Path) -> re.Pattern[str]:
    """Every kind's cue, and its words that name it again, at once: most sentences need no more."""
    cues = [
        f"(?:{cue})"
        for spec in kinds.values()
        for cue in (spec.cue, spec.refers_back, spec.shared_back)
        if cue
    ]
    return _compile("|".join(cues) or "(?!)", path, "the kinds' cues")


def _seaports(gazetteer: Path) -> str:
    """The names of the gazetteer's seaports as one alternation, longest first."""
    names = {
        n
        for p in load_config(gazetteer, GazetteerConfig).places
        if p.seaport
        for n in (p.name, *p.aliases)
    }
    return "(?:" + "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n))) + ")"


def _kind(name: str, spec: KindSpec, path: Path) -> KindRule:
    return KindRule(
        name=name,
        label=spec.label or name,
        cue=_compile(spec.cue, path, f"the cue of kind '{name}'"),
        key=spec.key,
        directional=spec.directional,
        recurring=spec.recurring,
        subtypes=tuple(
            (sub, _compile(p, path, f"subtype '{sub}' of '{name}'"))
            for sub, p in spec.subtypes.items()
        ),
        default_subtype=spec.default_subtype,
        yields_to=tuple(spec.yields_to),
        stepwise=spec.stepwise,
        through=spec.through,
        refers_back=(
            _compile(spec.refers_back, path, f"refers_back of '{name}'")
            if spec.refers_back
            else None
        ),
        shared_back=(
            _compile(spec.shared_back, path, f"shared_back of '{name}'")
            if spec.shared_back
            else None
        ),
        named_visitor=(
            _compile(spec.named_visitor, path, f"named_visitor of '{name}'")
            if spec.named_visitor
            else None
        ),
        issuer=(
            (
                frozenset(v.casefold() for v in spec.issuer.grants),
                frozenset(v.casefold() for v in spec.issuer.receives),
            )
            if spec.issuer is not None
            else None
        ),
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
        cumulative=_compile(
            "|".join(f"(?:{p})" for p in spec.cumulative),
            path,
            f"the cumulative cues of figures '{name}'",
        )
        if spec.cumulative
        else None,
        part=_compile(
            "|".join(f"(?:{p.replace('{number}', number)})" for p in spec.part),
            path,
            f"the part cues of figures '{name}'",
        )
        if spec.part
        else None,
        qualifiers=tuple(
            (
                meaning,
                _compile(
                    _qualifier(words),
                    path,
                    f"the {meaning} qualifiers of figures '{name}'",
                    bounded=False,
                ),
            )
            for meaning, words in spec.qualifiers.items()
        ),
    )


def _qualifier(words: list[str]) -> str:
    """Any of `words`, ending right where the figure begins: "more than" in "more than 30"."""
    return (
        r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\s+$"
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


def _folded(words: list[str]) -> frozenset[str]:
    return frozenset(w.casefold() for w in words)


def _read_claim_rules(path: Path, scope: Path, gazetteer: Path) -> ClaimRules:
    config = load_config(path, ClaimRulesConfig)
    kinds = config.kinds
    if any(SEAPORT in spec.cue for spec in kinds.values()):
        ports = _seaports(gazetteer)
        kinds = {
            name: spec.model_copy(update={"cue": spec.cue.replace(SEAPORT, ports)})
            for name, spec in kinds.items()
        }
    focus = load_config(scope, ScopeConfig).focus_countries
    numbers = config.number_words
    number = _number_pattern(numbers.model_dump())
    return ClaimRules(
        focus=(focus[0], focus[1]),
        kinds=tuple(_kind(name, spec, path) for name, spec in kinds.items()),
        status=tuple(
            (config.status_alias.get(name, name), _compile(p, path, f"status '{name}'"))
            for name, p in config.status.items()
        ),
        still_ranks=_ranks(config.status, config.still_to_come),
        framing=frozenset(config.framing or ("proposed", "under_discussion", "planned")),
        status_from_timex=config.status_from_timex,
        route_link=_links(config.route_links),
        list_link=_links(config.list_links),
        offices=tuple(config.offices),
        office_aliases=tuple(config.office_aliases.items()),
        visit_verbs=_folded(config.visit_verbs),
        resident=_folded(config.resident_offices),
        reporting=_folded(config.reporting_verbs),
        prior=_folded(config.prior_modifiers),
        coming=_folded(config.coming_modifiers),
        content=_folded(config.content_verbs),
        enabling=_folded(config.enabling_verbs),
        frames=_folded(config.frame_nouns),
        historic=_folded(config.historic_present),
        figures=tuple(_figure(name, spec, number, path) for name, spec in config.figures.items()),
        numbers={
            w.casefold(): v
            for group in (numbers.units, numbers.teens, numbers.tens)
            for w, v in group.items()
        },
        ordinals={w.casefold(): v for w, v in numbers.ordinals.items()},
        variants=_variants(config.name_variants),
        any_cue=_any_cue(kinds, path),
    )


# Claims ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Claim(Record):  # crosses back from the workers by the ten thousand
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
    counts: tuple[Count, ...] = ()  # what the figures the rules mark as comparable allow
    participants: tuple[str, ...] = ()  # the states taking part, as the context names them
    in_scope: bool = True  # both focus countries take part: only these reach the checks
    target_approximate: bool = False  # a relative target of an undated article, over its bounds
    recalled: bool = False  # a promise whose date had passed when the article appeared


# Reading one sentence -----------------------------------------------------------------------------


@dataclass
class ArticleState:
    """What earlier sentences of the same article settled: the last visit, for "this visit"."""

    last_visit: str = ""
    last_visit_label: str = ""
    last_visit_parties: tuple[str, ...] = ()
    pair: tuple[str, ...] = ()  # the article's two most named states; () for the focus pair
    bounds: tuple[date | None, date | None] = (None, None)  # an undated article's date bounds
    sessions: dict[str, int] = field(default_factory=dict)  # last numbered occurrence, by kind
    surnames: Surnames = NO_SURNAMES  # "Nurtleu" alone, after "Murat Nurtleu"
    kinds_named: set[str] = field(default_factory=set)  # by their cue, in the sentences so far
    last_shared: str = ""  # the last named by its cue of the kinds that share words ("the route")


@dataclass(frozen=True, slots=True)
class Reading:
    """Everything about one sentence that every kind of claim needs."""

    text: str
    folded: str  # the text's `fold`, for the patterns' required words (patterns.may_match)
    mentions: list[Mention]
    named: People
    offices: list[Office]
    status_words: list[StatusWord]
    timexes: list[Timex]
    context: Context
    rules: ClaimRules
    day: date | None  # the article's date
    doc: Doc  # the sentence's parse
    names: Named  # the places, people and offices, placed in the parse
    cues: dict[int, list[StatusWord]]  # the status words on each token of the parse
    event_tokens: set[int]  # the tokens of every kind's cues
    kind_cues: dict[str, list[re.Match[str]]]  # each kind's cues here, in order (`_kind_cues`)


def may_hold_claims(text: str, rules: ClaimRules) -> bool:
    """True when some kind's cue is in the sentence: only these are parsed."""
    return may_match(rules.any_cue, fold(text)) and rules.any_cue.search(text) is not None


def read_sentence(
    text: str,
    timexes: list[Timex],
    context: Context,
    rules: ClaimRules,
    day: date | None,
    doc: Doc | None = None,
    known: Surnames = NO_SURNAMES,
    recalled: frozenset[str] = frozenset(),
    last_shared: str = "",
) -> Reading | None:
    """The sentence's places, people, offices, status words and parse, or None when no kind's cue
    is in it (most sentences, found with one scan). `day` is the article's date (who held an
    office); `doc` is the sentence's parse when already made; `known`, the surnames the article
    lets stand for a person; `recalled`, the kinds earlier sentences named, whose words that name
    them again (`refers_back`) are events here, as are the shared words of `last_shared`."""
    folded = fold(text)
    first = rules.any_cue.search(text) if may_match(rules.any_cue, folded) else None
    if first is None:
        return None
    named = people(text, context, day, folded, known)
    mentions = place_mentions(text, context, [(s, e) for s, e, _ in named.spans])
    found_offices = offices(
        text, mentions, named, rules.offices, context, folded, rules.office_aliases
    )
    words = status_words(text, rules, folded)
    doc = doc if doc is not None else parse([text])[0]
    kind_cues = _kind_cues(text, rules.kinds, recalled, last_shared)
    cue_spans = [m.span() for found in kind_cues.values() for m in found]
    return Reading(
        text,
        folded,
        mentions,
        named,
        found_offices,
        words,
        timexes,
        context,
        rules,
        day,
        doc,
        Named(doc, mentions, named, found_offices, context),
        cue_tokens(doc, words),
        set().union(*tokens_in(doc, cue_spans)),
        kind_cues,
    )


def _kind_cues(
    text: str, kinds: tuple[KindRule, ...], recalled: frozenset[str], last_shared: str
) -> dict[str, list[re.Match[str]]]:
    """Each kind's cues in the text, else, once the article has named the kind (`recalled`), the
    words that name it again: "the trucks" are no event in an article that has named no
    corridor. Words that several kinds share ("the route") name the one of them the article
    named last (`last_shared`)."""
    own = {k.name: list(k.cue.finditer(text)) for k in kinds}
    taken = [m.span() for found in own.values() for m in found]
    return {
        k.name: own[k.name]
        or _named_again(text, k, k.name in recalled, k.name == last_shared, taken)
        for k in kinds
    }


def _named_again(
    text: str, kind: KindRule, recalled: bool, last: bool, taken: list[tuple[int, int]]
) -> list[re.Match[str]]:
    """The kind's words that name it again, in order, but none that is part of a kind's own cue
    (`taken`): "the shortest route to warm waters" is a corridor's, even after flights."""
    patterns = (kind.refers_back if recalled else None, kind.shared_back if last else None)
    found = [m for p in patterns if p is not None for m in p.finditer(text)]
    free = [m for m in found if not any(s < m.end() and m.start() < e for s, e in taken)]
    return sorted(free, key=lambda m: m.start())


def _countries(reading: Reading) -> list[str]:
    """The states the sentence's places belong to, in order of mention."""
    return list(dict.fromkeys(country_of(m.place, reading.context) for m in reading.mentions))


def _actors(reading: Reading, day: date | None) -> tuple[str, ...]:
    """People named, then those holding the offices named on `day`, then the states named."""
    holders = office_holders(reading.offices, reading.context, day)
    return tuple(dict.fromkeys([*reading.named.names, *holders, *_countries(reading)]))


def _region(reading: Reading, cue: re.Match[str]) -> set[int]:
    """The tokens of the clause of the cue's mention and of its own modifiers."""
    head = mention(reading.doc, *cue.span())
    if head is None:
        return set()
    structure = Structure.of(head)
    return set(structure.clause) | {t.i for t in head.subtree}


def _parties(
    reading: Reading, cue: re.Match[str], state: ArticleState, through: bool = False
) -> tuple[str, ...]:
    """The states taking part in the cue's event (participants.parties), the article's pair
    completing a clause that names fewer than two."""
    return parties(reading.names, _region(reading, cue), state.pair or reading.rules.focus, through)


def _country_pair(reading: Reading, states: tuple[str, ...]) -> tuple[str, str]:
    """The two states an event between countries is keyed by: the focus pair when both take
    part (with a third, "routes through Afghanistan"), else the first two taking part."""
    focus = reading.rules.focus
    if all(f in states for f in focus) or len(states) < 2:
        return focus
    return states[0], states[1]


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
) -> tuple[str, str, tuple[str, ...]] | None:
    """(event, label, states) of a visit (a kind keyed by `visitor`): the visitor's office and
    state (participants.visitor) and the state visited; a visit with no visitor named is the
    article's last visit."""
    rules, head = reading.rules, mention(reading.doc, *cue.span())
    if head is None:
        return None
    names = reading.names
    token = visitor_token(names, head, rules.visit_verbs)
    who = visitor(names, token, rules.offices)
    dest = destination(names, head, rules.visit_verbs)
    # "The first flight from Kazakhstan landed in Lahore" is nobody's visit: arriving is one only
    # when an office or officeholder arrives.
    if kind.named_visitor is not None and kind.named_visitor.fullmatch(cue[0]) and not who.office:
        return None
    if not who.office and not who.state:
        # "Smith arrived for a visit": a name the context does not know is someone else's visit,
        # not the article's last one.
        return None if token is not None and token.pos_ == "PROPN" else _this_visit(dest, state)
    if not who.state and state.last_visit.startswith(f"{kind.name}:{slug(who.office)}"):
        return state.last_visit, state.last_visit_label, state.last_visit_parties
    way = _way(who.state, dest, rules.focus)
    if way is None or (set(way) == set(rules.focus) and posted(names, token, rules.resident)):
        return None  # "the Kazakh ambassador visited the Lahore chamber": at his post
    return _visit_key(kind, who.office, *way, state)


def _visit_key(
    kind: KindRule, office: str, origin: str, dest: str, state: ArticleState
) -> tuple[str, str, tuple[str, ...]]:
    """(event, label, states) of the visit of `office` of `origin` to `dest`, kept as the
    article's last visit."""
    office = office or "official"
    who_key = slug(office) + (f"-of-{slug(origin)}" if origin else "")
    label = f"{kind.label}: {office.title()}{' of ' + origin if origin else ''} to {dest}"
    event = f"{kind.name}:{who_key}->{slug(dest)}"
    states = tuple(s for s in (origin, dest) if s)
    state.last_visit, state.last_visit_label, state.last_visit_parties = event, label, states
    return event, label, states


def _way(origin: str, dest: str, focus: tuple[str, str]) -> tuple[str, str] | None:
    """(origin, destination) of a visit: a missing one is the other focus country when the one
    named is a focus country (in this corpus a visit to Pakistan comes from Kazakhstan); None
    when neither can be told."""
    origin = origin or other_focus(dest, focus)
    dest = dest if dest and dest != origin else other_focus(origin, focus)
    return (origin, dest) if dest and dest != origin else None


def _this_visit(dest: str, state: ArticleState) -> tuple[str, str, tuple[str, ...]] | None:
    """ "This visit", "during the visit to Pakistan": the article's last visit, if it fits."""
    if not state.last_visit:
        return None
    if dest and not state.last_visit.endswith("->" + slug(dest)):
        return None
    return state.last_visit, state.last_visit_label, state.last_visit_parties


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
    parties: tuple[str, ...] = ()  # the states taking part


def _between_countries(
    reading: Reading, kind: KindRule, cue: re.Match[str], state: ArticleState
) -> list[Event]:
    """A directional kind's mission from one state to another, when the sentence says which way;
    else the event between the two states taking part."""
    way = _direction(reading, cue) if kind.directional else None
    if way is not None:
        origin, dest = way
        key = f"{kind.name}:{slug(origin)}->{slug(dest)}"
        return [Event(key, f"{kind.label} {origin} to {dest}", cue.span(), parties=way)]
    return [_pair_event(reading, kind, cue, state)]


def _pair_event(reading: Reading, kind: KindRule, cue: re.Match[str], state: ArticleState) -> Event:
    """The event between the two states taking part (_country_pair)."""
    states = _parties(reading, cue, state, kind.through)
    a, b = _country_pair(reading, states)
    label = f"{kind.label} {_pair_label(a, b)}"
    return Event(f"{kind.name}:{pair_key(a, b)}", label, cue.span(), parties=states)


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
                (ca, cb),
            )
        )
    return out or [_pair_event(reading, kind, cue, state)]


def _visitor_events(
    reading: Reading, kind: KindRule, cue: re.Match[str], state: ArticleState
) -> list[Event]:
    visit = _visit(reading, kind, cue, state)
    return [Event(visit[0], visit[1], cue.span(), parties=visit[2])] if visit else []


def _subtype_events(
    reading: Reading, kind: KindRule, cue: re.Match[str], state: ArticleState
) -> list[Event]:
    sub = _subtype(reading, cue, kind)
    key, label = f"{kind.name}:{sub}", f"{kind.label} ({sub.replace('_', ' ')})"
    # Pakistan's visas for Kazakhs and Kazakhstan's for Pakistanis are two policies, not one.
    head = mention(reading.doc, *cue.span()) if kind.issuer is not None else None
    by = (
        issuer(reading.names, head, *kind.issuer, reading.rules.focus)
        if head is not None and kind.issuer is not None
        else ""
    )
    if by:
        key, label = f"{key}:{slug(by)}", f"{label} granted by {by}"
    return [Event(key, label, cue.span(), parties=_parties(reading, cue, state))]


def _place_events(
    reading: Reading, kind: KindRule, cue: re.Match[str], state: ArticleState
) -> list[Event]:
    place = _event_place(reading, cue)
    if place is None:
        return _between_countries(reading, kind, cue, state)
    label = f"{kind.label} in {place.name}"
    states = _parties(reading, cue, state)
    return [Event(f"{kind.name}:{slug(place.name)}", label, cue.span(), parties=states)]


def _countries_events(
    reading: Reading, kind: KindRule, cue: re.Match[str], state: ArticleState
) -> list[Event]:
    return _between_countries(reading, kind, cue, state)


@dataclass(frozen=True)
class EventKey:
    """How the events of a kind are keyed (a kind's `key` in the rules)."""

    read: Callable[[Reading, KindRule, re.Match[str], ArticleState], list[Event]]
    several: bool = False  # a sentence can name several events of the kind with several cues
    own_times: bool = False  # each of several events takes its own time expression


EVENT_KEYS = {
    "route": EventKey(_route_events, several=True, own_times=True),  # almaty-lahore
    "visitor": EventKey(_visitor_events, several=True),  # president-of-kazakhstan->pakistan
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


def _direction_of(reading: Reading, timex: Timex, state: ArticleState) -> str:
    """past | future of a time expression whose dates do not depend on the tense it is read in
    ("next month", "in March 2025", "last year"); for one whose do ("in December": the last or
    the next one), the tense of the verb it is attached to ("held in Islamabad in December");
    "" when neither says, or it points nowhere ("soon")."""
    low, high = state.bounds
    back, ahead = (
        reread(reading.text, timex, when, reading.day, anchor_min=low, anchor_max=high)
        for when in ("past", "future")
    )
    if (back.start, back.end) == (ahead.start, ahead.end):
        return timex.direction if timex.direction in ("past", "future") else ""
    return verb_time(reading.doc, timex.char_start, timex.char_end)


def _cue_status(
    reading: Reading, cue: re.Match[str], state: ArticleState
) -> tuple[str, Structure] | None:
    """The status the sentence gives the cue's event and the structure around its mention: the
    status words that govern it in its clause (claims/wording.py, `event_status`), else (if the
    rules allow) the direction in time of a time expression of its clause, else "planned"
    when it lies ahead of what governs it ("to launch flights"); None if none of these."""
    head = mention(reading.doc, *cue.span())
    if head is None:
        return None
    structure = Structure.of(head)
    status, ahead = event_status(structure, reading.cues, reading.rules, reading.event_tokens)
    if status is None and _not_an_event(reading, head):
        return None
    if status is None and reading.rules.status_from_timex:
        directions = [
            _direction_of(reading, t, state)
            for t in clause_timexes(reading.doc, structure, reading.timexes, reading.rules.content)
        ]
        direction = next((d for d in directions if d), "")
        status = {"future": "planned", "past": "happened"}.get(direction)
    if status is None and not ahead and historic_present(structure, reading.rules.historic):
        status = "happened"
    if status is None and ahead:
        status = "planned"
    return (status, structure) if status is not None else None


def _not_an_event(reading: Reading, head: Token) -> bool:
    """A mention with nothing said of it that names no event of its own: an agreement's subject
    ("the air services agreement lapsed") or the basis of an act ("trucks entered Kazakhstan
    under the transport agreement")."""
    return (head.dep_ == "compound" and head.head.i in reading.event_tokens) or as_basis(head)


def _toward(
    reading: Reading, structure: Structure, status: str, state: ArticleState
) -> list[Timex]:
    """The time expressions of the mention's clause, each read in the tense of the event: a
    month without a year dating a done event is the last one, dating a plan the next one."""
    when = "past" if status in ("happened", "in_progress") else "future"
    low, high = state.bounds
    return [
        reread(reading.text, t, when, reading.day, anchor_min=low, anchor_max=high)
        for t in clause_timexes(reading.doc, structure, reading.timexes, reading.rules.content)
    ]


@dataclass(frozen=True)
class _Found:
    """An event a cue names, with what the sentence says of it."""

    kind: KindRule
    status: str
    event: Event
    timex: Timex | None
    figures: tuple[str, ...]
    counts: tuple[Count, ...]


def _occurrence(
    event: Event,
    structure: Structure,
    timex: Timex | None,
    state: ArticleState,
    kind: KindRule,
    rules: ClaimRules,
) -> Event:
    """A recurring event's occurrence: its number ("the 11th session", "the eleventh"), "the
    next" after the article's last numbered one, else the year of its date; as it stands when
    neither is written."""
    number = occurrence_number(structure, rules.ordinals)
    if number is None and is_next(structure) and kind.name in state.sessions:
        number = state.sessions[kind.name] + 1
    if number is not None:
        state.sessions[kind.name] = number
        suffix, words = f"#{number}", f"{_ordinal(number)} session"
    elif timex is not None and timex.start is not None and not timex.approximate:
        suffix, words = f"#{timex.start.year}", str(timex.start.year)
    else:
        return event
    return replace(event, key=event.key + suffix, label=f"{event.label} ({words})")


def _ordinal(n: int) -> str:
    tail = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{tail}"


def _cues(reading: Reading, kind: KindRule, state: ArticleState) -> list[re.Match[str]]:
    """The kind's cues in the sentence, in order, and the words that name it again ("the
    commission") once an earlier sentence of the article named it by its cue."""
    found = reading.kind_cues[kind.name]
    if found and found[0].re is kind.cue:
        state.kinds_named.add(kind.name)
    return found


def _kind_events(
    reading: Reading, kind: KindRule, owners: list[tuple[str, int, int]], state: ArticleState
) -> list[_Found]:
    """The events the sentence names with the cues of one kind, in order. `owners` are the cues
    already read (this kind's are added)."""
    keyed = EVENT_KEYS.get(kind.key, EVENT_KEYS["countries"])
    found: list[_Found] = []
    seen: set[str] = set()  # "memorandums of understanding (MoUs)" names one event twice
    for cue in _cues(reading, kind, state):
        if _owned(kind, cue, owners, reading.text):
            continue
        read = _cue_status(reading, cue, state)
        if read is None:
            continue
        status, structure = read
        events = keyed.read(reading, kind, cue, state)
        owners.append((kind.name, cue.start(), cue.end()))
        if not events:
            continue
        usable_times = usable(_toward(reading, structure, status, state), status)
        times = (
            attach_times([e.span for e in events], usable_times, reading.text)
            if keyed.own_times and len(events) > 1
            else [usable_times[0] if usable_times else None] * len(events)
        )
        figures, counts = sentence_figures(reading.text, kind.name, reading.rules, reading.folded)
        if kind.recurring:
            events = [
                _occurrence(e, structure, times[0], state, kind, reading.rules) for e in events
            ]
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
    doc: Doc | None = None,
) -> list[Claim]:
    """The claims one sentence makes. `day` is the article's date (for who held an office),
    `state` carries "this visit" across the article's sentences, `doc` is the sentence's parse
    when already made."""
    state = state if state is not None else ArticleState()
    reading = read_sentence(
        text,
        timexes,
        context,
        rules,
        day,
        doc,
        state.surnames,
        frozenset(state.kinds_named),
        state.last_shared,
    )
    if reading is None:
        return []
    owners: list[tuple[str, int, int]] = []  # (kind, start, end) of the cues already read
    found = [
        f
        for kind in rules.kinds
        if reading.kind_cues[kind.name]
        for f in _kind_events(reading, kind, owners, state)
    ]
    state.last_shared = _last_shared(reading, state.last_shared)
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
            participants=f.event.parties,
            in_scope=all(x in f.event.parties for x in rules.focus),
            target_approximate=f.timex.approximate if f.timex else False,
            recalled=_recalls(f, reading, day or state.bounds[0]),
        )
        for n, f in enumerate(found)
    ]


def _last_shared(reading: Reading, before: str) -> str:
    """Of the kinds that share words ("the route"), the one the sentence names last by its own
    cue; `before` when it names none of them."""
    named = [
        (m.start(), k.name)
        for k in reading.rules.kinds
        if k.shared_back
        for m in reading.kind_cues[k.name]
        if m.re is k.cue
    ]
    return max(named)[1] if named else before


RECALLABLE = ("proposed", "planned")
STILL = frozenset({"still", "yet"})


def _recalls(found: _Found, reading: Reading, since: date | None) -> bool:
    """Whether the claim recalls a promise ("the commission had promised flights by March
    2023", written in 2026) rather than reporting the event still to come: a plan or proposal
    whose own date ended before the article's earliest date `since`, in a sentence that says
    nothing of its not having happened (no "not yet" word, "still", "yet" or negation)."""
    t = found.timex
    if found.status not in RECALLABLE or t is None or t.end is None or t.approximate:
        return False
    if since is None or t.end >= since:
        return False
    not_yet = any(w[3] in reading.rules.still_ranks for w in reading.status_words)
    denied = any(tok.dep_ == "neg" or tok.lower_ in STILL for tok in reading.doc)
    return not (not_yet or denied)


def extract_claims(
    articles: list[Article],
    dates: dict[str, PublicationDate],
    timexes: dict[tuple[str, int, int], list[Timex]],
    context: Context,
    rules: ClaimRules,
) -> list[Claim]:
    """Claims of every non-boilerplate sentence of every article, in reading order."""
    # The work is the sentences' (some are parsed), not the articles': a thousand articles run on
    # every worker, each loading the parser once.
    sentences = sum(len(a.sentences) for a in articles)
    return [
        c
        for chunk in map_chunks(
            _article_claims, articles, dates, timexes, context, rules, size=sentences
        )
        for c in chunk
    ]


def article_pair(
    article: Article,
    context: Context,
    rules: ClaimRules,
    day: date | None,
    known: Surnames = NO_SURNAMES,
) -> tuple[str, ...]:
    """The two states the article names most (places and people, in its sentences), the focus
    pair first on a tie: who an event is between when its own clause names fewer than two. An
    article on Pakistan and Uzbekistan makes "the business forum" theirs."""
    counts: Counter[str] = Counter()
    for s in article.sentences:
        if s.boilerplate:
            continue
        named = people(s.text, context, day, known=known)
        counts.update(country_name(t.country, context) for _, _, t in named.spans)
        masked = [(a, b) for a, b, _ in named.spans]
        counts.update(country_of(m.place, context) for m in place_mentions(s.text, context, masked))
    ranked = sorted(counts, key=lambda c: (-counts[c], c not in rules.focus))
    return tuple(ranked[:2]) if len(ranked) >= 2 else ()


def _article_claims(
    articles: list[Article],
    dates: dict[str, PublicationDate],
    timexes: dict[tuple[str, int, int], list[Timex]],
    context: Context,
    rules: ClaimRules,
) -> list[Claim]:
    claims: list[Claim] = []
    # One parse for the chunk's sentences that can hold a claim, batched through the pipeline.
    wanted = [
        s
        for a in articles
        for s in a.sentences
        if not s.boilerplate and may_hold_claims(s.text, rules)
    ]
    docs = {id(s): d for s, d in zip(wanted, parse([s.text for s in wanted]), strict=True)}
    for article in articles:
        when = dates.get(article.article_id)
        day = when.anchor if when is not None else None
        known = surnames((s.text for s in article.sentences if not s.boilerplate), context)
        state = ArticleState(
            pair=article_pair(article, context, rules, day, known),
            bounds=(when.date_min, when.date_max) if when is not None else (None, None),
            surnames=known,
        )
        for s in article.sentences:
            if s.boilerplate or id(s) not in docs:
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
                docs[id(s)],
            )
    return claims
