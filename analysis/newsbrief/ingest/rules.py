"""Ingest rules as data: boilerplate patterns, outlet tags and abbreviations from analysis/ingest.yml.

Loaded once at the edge and passed to the pure ingest functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from newsbrief.core.errors import InputError
from newsbrief.core.paths import INGEST_RULES


@dataclass(frozen=True)
class IngestRules:
    boilerplate: re.Pattern[str]
    outlets: dict[str, str]  # casefolded tag -> outlet name
    abbreviations: frozenset[str]


def load_ingest_rules(path: Path = INGEST_RULES) -> IngestRules:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise InputError(path, f"is not valid YAML ({err})", "correct the YAML syntax") from None
    try:
        boilerplate = re.compile(
            "|".join(f"(?:{p})" for p in raw.get("boilerplate", [])) or r"(?!)", re.IGNORECASE
        )
    except re.error as err:
        raise InputError(
            path,
            f"a boilerplate pattern is not a valid regular expression ({err})",
            "fix or quote the pattern",
        ) from None
    outlets = {str(o["tag"]).casefold(): str(o["outlet"]) for o in raw.get("outlets", [])}
    abbreviations = frozenset(str(raw.get("abbreviations", "")).split())
    return IngestRules(boilerplate=boilerplate, outlets=outlets, abbreviations=abbreviations)
