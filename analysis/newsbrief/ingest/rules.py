"""Ingest rules as data: boilerplate patterns, outlet tags and abbreviations (analysis/ingest.yml).

Loaded once at the edge (validated by core/config.py) and passed to the pure ingest functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from newsbrief.core.config import IngestConfig, load_config
from newsbrief.core.paths import INGEST_RULES


@dataclass(frozen=True)
class IngestRules:
    boilerplate: re.Pattern[str]
    outlets: dict[str, str]  # casefolded tag -> outlet name
    abbreviations: frozenset[str]


def load_ingest_rules(path: Path = INGEST_RULES) -> IngestRules:
    config = load_config(path, IngestConfig)
    # Each pattern compiles on its own (the model checks it), so their alternation does too.
    boilerplate = re.compile(
        "|".join(f"(?:{p})" for p in config.boilerplate) or r"(?!)", re.IGNORECASE
    )
    return IngestRules(
        boilerplate=boilerplate,
        outlets={o.tag.casefold(): o.outlet for o in config.outlets},
        abbreviations=frozenset(config.abbreviations.split()),
    )
