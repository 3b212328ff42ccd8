"""Stage 2, themes: every sentence coded against the codebook, and the codes validated.

Reads build/data/sentences.csv and articles.csv; writes codes.csv, validation.csv, intercoder.csv.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from newsbrief.core import schema
from newsbrief.core.artifacts import codes_table, read_sentences
from newsbrief.core.paths import Paths
from newsbrief.core.store import read_csv
from newsbrief.themes.coding import Code, code_sentences, load_codebook
from newsbrief.themes.validation import (
    intercoder,
    load_coders,
    paragraph_themes,
    parse_hand_codes,
    second_coder,
    validate,
)


@dataclass(frozen=True)
class Themed:
    codes: pd.DataFrame
    validation: pd.DataFrame
    agreement: pd.DataFrame


def run(paths: Paths) -> Themed:
    codebook = load_codebook()
    codes = code_sentences(read_sentences(paths.data), codebook)
    validation, agreement = validate_codes(paths, codes, codebook.keys)
    themed = Themed(codes_table(codes), validation, agreement)
    schema.CODES.write(themed.codes, paths.data)
    schema.VALIDATION.write(validation, paths.data)
    schema.INTERCODER.write(agreement, paths.data)
    return themed


def validate_codes(
    paths: Paths, codes: list[Code], themes: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The codebook against each hand coder in analysis/validation/ (paragraph units), theme by
    theme (`themes`, the codebook's keys), and the coders against each other. `reference` says
    which coder a row is measured against; the second coder (hand_codes_coder2.csv), when
    present, is the independent one."""
    # Only hand-coded paragraphs of articles in this corpus can be compared: an analyst's corpus
    # without the seed articles has no validation of its own, and the brief says so.
    present = set(schema.ARTICLES.read(paths.data).article_id)
    first = {
        unit: coded
        for unit, coded in parse_hand_codes(read_csv(paths.validation)).items()
        if unit[0] in present
    }
    coders = load_coders(paths.validation.with_name("coders.yml"))

    def described(table: pd.DataFrame, reference: str) -> pd.DataFrame:
        who = coders.get(reference, {})
        return table.assign(
            reference=reference,
            who=who.get("who", ""),
            blind=who.get("blind", ""),
            caveat=who.get("caveat", ""),
        )

    machine = paragraph_themes(codes)
    tables = [described(validate(machine, first, themes), "coder1")]
    agreement = pd.DataFrame(columns=schema.INTERCODER.names)
    second_path = paths.validation.with_name("hand_codes_coder2.csv")
    if second_path.exists() and first:
        second = second_coder(read_csv(second_path), first)
        tables.append(described(validate(machine, second, themes), "coder2"))
        agreement = intercoder(first, second, themes)
    return pd.concat(tables, ignore_index=True), agreement


def validation_headline(validation: pd.DataFrame) -> str:
    """The held-out figure for the build log, against the independent coder when there is one."""
    if validation.empty:
        return "no hand-coded article is in this corpus, so no validation"
    reference = validation.reference.max()
    heldout = validation[
        (validation.split == "heldout")
        & (validation.theme == "micro")
        & (validation.reference == reference)
    ]
    if heldout.empty:
        return f"no held-out article is in this corpus ({reference})"
    return f"held-out micro-F1 {heldout.iloc[0].f1:.2f} ({reference})"
