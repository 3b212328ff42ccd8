"""Who and where a sentence names: places (by any name the gazetteer knows), officeholders, and
offices with the state each belongs to. The claims read events and actors from these mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from newsbrief.core.patterns import fold, may_match, trie
from newsbrief.dating.context import (
    Context,
    Place,
    Tenure,
    person_index,
    place_index,
    strip_possessive,
)

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.casefold()).strip("-")


def pair_key(a: str, b: str) -> str:
    """An unordered pair of places as one key: sorted, so Lahore–Almaty is almaty-lahore."""
    return "-".join(sorted((slug(a), slug(b))))


# Places ------------------------------------------------------------------------------------------


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
    text: str, context: Context, masked: Iterable[tuple[int, int]] = ()
) -> list[Mention]:
    """Places named in `text`, in order, except inside `masked` spans (people's names and
    datelines)."""
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


# People ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class People:
    names: tuple[str, ...]  # canonical, in order of mention
    spans: tuple[tuple[int, int, Tenure], ...]


def tenure_fits(tenure: Tenure, day: date | None) -> bool:
    """True when the tenure was in force on `day`, or when the day is not known."""
    return day is None or (
        (tenure.start is None or tenure.start <= day) and (tenure.end is None or day <= tenure.end)
    )


@dataclass(frozen=True)
class Surnames:
    """The surnames that name a person on their own in one article: a reporter writes the full
    name once ("Murat Nurtleu") and the surname after it ("Nurtleu arrived")."""

    pattern: re.Pattern[str] | None
    alias: dict[str, str]  # casefolded surname -> a casefolded alias of the person's


NO_SURNAMES = Surnames(None, {})


def surnames(texts: Iterable[str], context: Context) -> Surnames:
    """The last words of the names of people `texts` name in full, where one person alone has it
    (an article on Shehbaz and Nawaz Sharif leaves "Sharif" nobody's) and it is not an alias of
    its own already."""
    pattern, names = person_index(context)
    persons: dict[str, set[str]] = {}
    alias: dict[str, str] = {}
    written: dict[str, str] = {}
    for text in texts:
        for m in pattern.finditer(text):
            name = strip_possessive(m.group())
            tenures = names.get(name.casefold(), [])
            last = name.rsplit(" ", 1)[-1]
            if not tenures or last == name or last.casefold() in names or not last[:1].isupper():
                continue
            persons.setdefault(last.casefold(), set()).add(tenures[0].person)
            alias.setdefault(last.casefold(), name.casefold())
            written.setdefault(last.casefold(), last)
    kept = {k: v for k, v in alias.items() if len(persons[k]) == 1}
    if not kept:
        return NO_SURNAMES
    words = "|".join(re.escape(written[k]) for k in sorted(kept))
    return Surnames(re.compile(rf"(?<![\w-])(?:{words})(?:[’']s)?(?![\w-])"), kept)


def people(
    text: str,
    context: Context,
    day: date | None,
    folded: str | None = None,
    known: Surnames = NO_SURNAMES,
) -> People:
    """People named by any alias, or by a surname the article's `known` gives, with the tenure in
    force on `day` (the article's date) when known. `folded` is the text's `fold`, when already
    made."""
    pattern, names = person_index(context)
    found: list[tuple[int, int, str]] = []
    if may_match(pattern, fold(text) if folded is None else folded):
        found = [
            (m.start(), m.end(), strip_possessive(m.group()).casefold())
            for m in pattern.finditer(text)
        ]
    if known.pattern is not None:
        found += [
            (m.start(), m.end(), known.alias[strip_possessive(m.group()).casefold()])
            for m in known.pattern.finditer(text)
            if not any(s < m.end() and m.start() < e for s, e, _ in found)
        ]
    spans = []
    for start, end, name in sorted(found):
        tenures = names.get(name, [])
        if tenures:
            tenure = next((t for t in tenures if tenure_fits(t, day)), tenures[0])
            spans.append((start, end, tenure))
    return People(tuple(dict.fromkeys(t.person for _, _, t in spans)), tuple(spans))


# Offices -----------------------------------------------------------------------------------------


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
    titles: tuple[str, ...],
    context: Context,
    folded: str | None = None,
    aliases: tuple[tuple[str, str], ...] = (),
) -> list[Office]:
    """Offices of `titles` (the rules' list) named in the sentence, with the state each belongs
    to: "Kazakhstan's President", "the Kazakh President", "President of Pakistan", "President
    Tokayev". `aliases` are other words for a title ("head of state" for "president"); `folded`
    is the text's `fold`, when already made."""
    canonical = {a.casefold(): t.casefold() for a, t in aliases}
    titles = tuple(sorted({*titles, *(a for a, _ in aliases)}, key=len, reverse=True))
    if not titles:
        return []
    any_title = _any_title(titles)
    if not may_match(any_title, fold(text) if folded is None else folded):
        return []
    if not any_title.search(text):
        return []  # one scan for the sentence instead of one per title, in most sentences
    found: list[Office] = []
    for title in titles:
        for m in _title_pattern(title).finditer(text):
            if any(o.start <= m.start() < o.end or m.start() <= o.start < m.end() for o in found):
                continue  # "prime minister" inside "deputy prime minister"
            country = _office_country(text, m, mentions, named, context)
            name = canonical.get(title.casefold(), title.casefold())
            found.append(Office(name, country, m.start(), m.end()))
    return sorted(found, key=lambda o: o.start)


_JUST_BEFORE = re.compile(r"(?:['’]s)?\s{1,2}")


def _office_country(
    text: str, title: re.Match[str], mentions: list[Mention], named: People, context: Context
) -> str:
    """The state an office named at `title` belongs to: the place after "of", else the country
    just before, else the state of the person named right after; "" when none is."""
    of = re.match(r"\s+of\s+(?:the\s+)?", text[title.end() :])
    if of:
        after = [x for x in mentions if x.start == title.end() + of.end()]
        if after:
            return country_of(after[0].place, context)
    # "Pakistan's President", "the Kazakh President"; not "a visit to Pakistan, President X met"
    before = [
        x
        for x in mentions
        if x.place.kind == "country" and _JUST_BEFORE.fullmatch(text, x.end, title.start())
    ]
    if before:
        return before[-1].place.name
    person = [t for s, _, t in named.spans if 0 <= s - title.end() <= 2]
    return country_name(person[0].country, context) if person else ""


def office_holders(found: list[Office], context: Context, day: date | None) -> list[str]:
    """People who held the named offices on `day` (only when the date is known)."""
    if day is None:
        return []
    return [
        t.person
        for office in found
        if office.country
        for t in context.tenures
        if _holds(t, office, context, day)
    ]


def _holds(tenure: Tenure, office: Office, context: Context, day: date) -> bool:
    return (
        country_name(tenure.country, context) == office.country
        and tenure_fits(tenure, day)
        and (
            office.title in (x.casefold() for x in tenure.titles)
            or slug(tenure.office).startswith(slug(office.title) + "-of")
        )
    )
