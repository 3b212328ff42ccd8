"""Cited background facts: who held which office when, what places were called when, and where.

Loaded from the YAML files in analysis/context/; dating and claim linking read them, never the web.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsbrief.core.errors import InputError
from newsbrief.core.paths import CONTEXT_DIR
from newsbrief.core.patterns import trie
from newsbrief.core.store import read_yaml


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


def _date(value: Any, path: Path, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            path,
            f"field '{field}' has '{value}', which is not a date",
            "write dates as YYYY-MM-DD, or leave the field empty",
        ) from None


def _sources(entry: dict[str, Any], path: Path, what: str) -> tuple[Source, ...]:
    raw = entry.get("sources") or []
    if not raw:
        raise InputError(
            path,
            f"'{what}' has no sources",
            "every context fact needs at least one source with title and url",
        )
    return tuple(
        Source(
            title=str(s.get("title", "")),
            url=str(s.get("url", "")),
            publisher=str(s.get("publisher", "")),
            accessed=str(s.get("accessed", "")),
        )
        for s in raw
    )


def load_context(directory: Path = CONTEXT_DIR) -> Context:
    """Read officeholders.yml, placenames.yml and gazetteer.yml from `directory`."""
    offices_path = directory / "officeholders.yml"
    names_path = directory / "placenames.yml"
    gazetteer_path = directory / "gazetteer.yml"
    tenures = tuple(
        Tenure(
            person=str(e["person"]),
            aliases=tuple(str(a) for a in e.get("aliases") or [e["person"]]),
            office=str(e["office"]),
            titles=tuple(str(t) for t in e.get("titles") or []),
            country=str(e.get("country", "")),
            start=_date(e.get("start"), offices_path, "start"),
            end=_date(e.get("end"), offices_path, "end"),
            note=str(e.get("note", "") or ""),
            sources=_sources(e, offices_path, str(e["person"])),
        )
        for e in read_yaml(offices_path, "tenures").get("tenures", [])
    )
    place_names = tuple(
        PlaceName(
            name=str(e["name"]),
            refers_to=str(e["refers_to"]),
            aliases=tuple(str(a) for a in e.get("aliases") or [e["name"]]),
            valid_from=_date(e.get("valid_from"), names_path, "valid_from"),
            valid_to=_date(e.get("valid_to"), names_path, "valid_to"),
            sources=_sources(e, names_path, str(e["name"])),
        )
        for e in read_yaml(names_path, "place_names").get("place_names", [])
    )
    gazetteer = read_yaml(gazetteer_path, "places")
    places = tuple(
        Place(
            name=str(e["name"]),
            kind=str(e["kind"]),
            country=str(e["country"]),
            aliases=tuple(
                dict.fromkeys([str(e["name"]), *(str(a) for a in e.get("aliases") or [])])
            ),
            adjectives=tuple(str(a) for a in e.get("adjectives") or []),
            sources=_sources(e, gazetteer_path, str(e["name"])),
        )
        for e in gazetteer.get("places", [])
    )
    not_variants = frozenset(str(w).casefold() for w in gazetteer.get("not_variants") or [])
    return Context(
        tenures=tenures, place_names=place_names, places=places, not_variants=not_variants
    )
