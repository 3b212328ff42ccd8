"""The catalog: bibliographic metadata an analyst keeps for each seed file (seeds/catalog.yml).

Validated strictly (core/config.py), with the YAML line of every problem, because citations are
built from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsbrief.core.config import CatalogConfig, load_config, parse_config


@dataclass(frozen=True)
class CatalogEntry:
    file: str
    citekey: str
    outlet: str
    title: str
    date: date | None
    url: str
    how_known: dict[str, str] = field(default_factory=dict)
    line: int = 0  # where the entry starts in the catalog file, for messages


def _entries(config: CatalogConfig) -> list[CatalogEntry]:
    return [
        CatalogEntry(
            file=e.file,
            citekey=e.citekey,
            outlet=e.outlet,
            title=e.title,
            date=e.date,
            url=e.url,
            how_known=dict(e.how_known),
            line=e.line,
        )
        for e in config.articles
    ]


def parse_catalog(text: str, path: Path) -> list[CatalogEntry]:
    """Entries of a catalog file's text; raises InputError naming the line of any problem."""
    return _entries(parse_config(text, path, CatalogConfig))


def read_catalog(path: Path) -> list[CatalogEntry]:
    """The catalog's entries; a missing catalog is an empty one (every article is then inferred)."""
    if not path.exists():
        return []
    return _entries(load_config(path, CatalogConfig))
