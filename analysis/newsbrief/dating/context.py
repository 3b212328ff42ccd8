"""Cited background facts: who held which office when, what places were called when, and where.

Loaded from the YAML files in analysis/context/; dating and claim linking read them, never the web.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsbrief.core.config import (
    GazetteerConfig,
    OfficeholdersConfig,
    PlaceEntry,
    PlaceNameEntry,
    PlaceNamesConfig,
    SourceEntry,
    TenureEntry,
    load_config,
)
from newsbrief.core.paths import CONTEXT_DIR
from newsbrief.core.patterns import trie


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    publisher: str = ""
    accessed: str = ""


@dataclass(frozen=True)
class Tenure:
    """One person in one office; `titles` are the words that, next to the name, mean this office."""

    person: str
    aliases: tuple[str, ...]  # every spelling that names this person, full name first
    office: str
    titles: tuple[str, ...]
    country: str  # ISO 3166 alpha-2 of the office's state
    start: date | None
    end: date | None  # None: still in post (see `note`)
    note: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class PlaceName:
    """A name a place had only in an era (e.g. Nur-Sultan for Astana, 2019-2022)."""

    name: str
    refers_to: str  # canonical name of the place in the gazetteer
    aliases: tuple[str, ...]
    valid_from: date | None
    valid_to: date | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a city or a country, with the spellings that name it."""

    name: str
    kind: str  # city | country
    country: str  # ISO 3166 alpha-2 (a country's own code for kind == country)
    aliases: tuple[str, ...]  # include `name`; old names too (eras live in PlaceName)
    adjectives: tuple[str, ...]  # demonyms / adjectives, countries only ("Kazakh", "Pakistani")
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Context:
    tenures: tuple[Tenure, ...]
    place_names: tuple[PlaceName, ...]
    places: tuple[Place, ...]
    not_variants: frozenset[str] = frozenset()  # real words that look like misspelt names

    def place(self, name: str) -> Place | None:
        """The gazetteer entry that `name` (an alias or adjective, any case) refers to."""
        return place_index(self)[1].get(strip_possessive(name).casefold())

    @property
    def gazetteer_names(self) -> frozenset[str]:
        """Every gazetteer alias, casefolded: what ingest needs to tell a dateline's place."""
        return frozenset(alias.casefold() for place in self.places for alias in place.aliases)


_NAME_INDEX: dict[int, tuple[Context, re.Pattern[str], dict[str, Place]]] = {}
_PERSON_INDEX: dict[int, tuple[Context, re.Pattern[str], dict[str, list[Tenure]]]] = {}


def _alternation(names: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{trie(names)})(?:[’']s)?(?!\w)", re.IGNORECASE)


def place_index(context: Context) -> tuple[re.Pattern[str], dict[str, Place]]:
    """One regex for every place alias and adjective, and the place each (casefolded) names.
    Built once per Context: matching a sentence is then one scan, not one per alias."""
    cached = _NAME_INDEX.get(id(context))
    if cached is None or cached[0] is not context:
        names: dict[str, Place] = {}
        for place in context.places:
            for name in (*place.aliases, *place.adjectives):
                names.setdefault(name.casefold(), place)
        cached = (context, _alternation(list(names)), names)
        _NAME_INDEX[id(context)] = cached
    return cached[1], cached[2]


def person_index(context: Context) -> tuple[re.Pattern[str], dict[str, list[Tenure]]]:
    """One regex for every officeholder alias, and the tenures each (casefolded) names."""
    cached = _PERSON_INDEX.get(id(context))
    if cached is None or cached[0] is not context:
        names: dict[str, list[Tenure]] = {}
        for tenure in context.tenures:
            for alias in tenure.aliases:
                names.setdefault(alias.casefold(), []).append(tenure)
        cached = (context, _alternation(list(names)), names)
        _PERSON_INDEX[id(context)] = cached
    return cached[1], cached[2]


_POSSESSIVE = re.compile(r"[’']s$")


def strip_possessive(name: str) -> str:
    return _POSSESSIVE.sub("", name)


def _sources(sources: list[SourceEntry]) -> tuple[Source, ...]:
    return tuple(Source(s.title, s.url, s.publisher, s.accessed) for s in sources)


def _tenure(e: TenureEntry) -> Tenure:
    return Tenure(
        person=e.person,
        aliases=tuple(e.aliases or [e.person]),
        office=e.office,
        titles=tuple(e.titles),
        country=e.country,
        start=e.start,
        end=e.end,
        note=e.note,
        sources=_sources(e.sources),
    )


def _place_name(e: PlaceNameEntry) -> PlaceName:
    return PlaceName(
        name=e.name,
        refers_to=e.refers_to,
        aliases=tuple(e.aliases or [e.name]),
        valid_from=e.valid_from,
        valid_to=e.valid_to,
        sources=_sources(e.sources),
    )


def _place(e: PlaceEntry) -> Place:
    return Place(
        name=e.name,
        kind=e.kind,
        country=e.country,
        aliases=tuple(dict.fromkeys([e.name, *e.aliases])),
        adjectives=tuple(e.adjectives),
        sources=_sources(e.sources),
    )


def load_context(directory: Path = CONTEXT_DIR) -> Context:
    """Read officeholders.yml, placenames.yml and gazetteer.yml from `directory` (each validated
    by its model in core/config.py)."""
    offices = load_config(directory / "officeholders.yml", OfficeholdersConfig)
    names = load_config(directory / "placenames.yml", PlaceNamesConfig)
    gazetteer = load_config(directory / "gazetteer.yml", GazetteerConfig)
    return Context(
        tenures=tuple(_tenure(e) for e in offices.tenures),
        place_names=tuple(_place_name(e) for e in names.place_names),
        places=tuple(_place(e) for e in gazetteer.places),
        not_variants=frozenset(w.casefold() for w in gazetteer.not_variants),
    )
