"""Validation of the theme coder against independent hand coding, per paragraph.

Precision, recall and F1 per theme with their counts, micro and macro F1, and Krippendorff's alpha.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import krippendorff
import numpy as np
import pandas as pd

from newsbrief.core.config import CodersConfig, load_config
from newsbrief.themes.coding import Code

Unit = tuple[str, int]  # (article_id, paragraph)


def paragraph_themes(codes: Iterable[Code]) -> dict[Unit, set[str]]:
    """Sentence codes folded to their paragraph, the unit the hand coder used."""
    folded: dict[Unit, set[str]] = {}
    for code in codes:
        folded.setdefault((code.article_id, code.paragraph), set()).add(code.theme)
    return folded


def load_coders(path: Path) -> dict[str, dict[str, str]]:
    """Who each hand coder is (analysis/validation/coders.yml), by reference name: `who`, `blind`
    ("yes"/"no") and `caveat`. A missing file describes nobody."""
    if not path.exists():
        return {}
    return {
        coder.reference: {
            "who": " ".join(coder.who.split()),
            "blind": "yes" if coder.blind_to_codebook else "no",
            "caveat": " ".join(coder.caveat.split()),
        }
        for coder in load_config(path, CodersConfig).coders
    }


def parse_hand_codes(table: pd.DataFrame) -> dict[Unit, tuple[set[str], str]]:
    """Hand codes by unit: (themes, split) from the CSV columns article_id, paragraph, themes,
    split."""
    return {
        (str(r.article_id), int(str(r.paragraph))): (_themes(r.themes), str(r.split))
        for r in table.itertuples(index=False)
    }


def _themes(cell: Any) -> set[str]:
    return {t for t in str(cell).split(";") if t}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
    return precision, recall, f1


def _alpha(machine: list[int], hand: list[int]) -> float:
    data = np.array([machine, hand], dtype=float)
    if len(set(machine) | set(hand)) < 2:
        return float("nan")  # alpha is undefined when every unit has the same value
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


_COLUMNS = ["split", "theme", "units", "tp", "fp", "fn", "precision", "recall", "f1", "alpha"]


def _row(*values: Any) -> dict[str, Any]:
    return dict(zip(_COLUMNS, values, strict=True))


def _theme_row(split: str, theme: str, units: int, m: list[int], h: list[int]) -> dict[str, Any]:
    tp = sum(a and b for a, b in zip(m, h, strict=True))
    fp = sum(a and not b for a, b in zip(m, h, strict=True))
    fn = sum(b and not a for a, b in zip(m, h, strict=True))
    precision, recall, f1 = _prf(tp, fp, fn)
    return _row(split, theme, units, tp, fp, fn, precision, recall, f1, _alpha(m, h))


def _split_rows(
    split: str,
    units: list[Unit],
    machine: dict[Unit, set[str]],
    hand: dict[Unit, tuple[set[str], str]],
    themes: Sequence[str],
) -> list[dict[str, Any]]:
    """One split's rows: each theme's, then `micro` (pooled counts) and `macro` (mean F1)."""
    rows = []
    pooled_m: list[int] = []
    pooled_h: list[int] = []
    for theme in themes:
        m = [int(theme in machine.get(u, set())) for u in units]
        h = [int(theme in hand[u][0]) for u in units]
        rows.append(_theme_row(split, theme, len(units), m, h))
        pooled_m += m
        pooled_h += h
    tp, fp, fn = (sum(r[c] for r in rows) for c in ("tp", "fp", "fn"))
    precision, recall, f1 = _prf(tp, fp, fn)
    f1s = [r["f1"] for r in rows if not np.isnan(r["f1"])]
    counts = (len(units), tp, fp, fn)
    rows.append(_row(split, "micro", *counts, precision, recall, f1, _alpha(pooled_m, pooled_h)))
    nan = float("nan")
    macro_f1 = float(np.mean(f1s)) if f1s else nan
    rows.append(_row(split, "macro", *counts, nan, nan, macro_f1, nan))
    return rows


def validate(
    machine: dict[Unit, set[str]],
    hand: dict[Unit, tuple[set[str], str]],
    themes: Sequence[str],
    splits: tuple[str, ...] = ("dev", "heldout", "all"),
) -> pd.DataFrame:
    """One row per split and theme (`themes`, the codebook's keys, in its order), plus `micro`
    and `macro` rows per split."""
    rows = []
    for split in splits:
        units = sorted(u for u, (_, s) in hand.items() if split in ("all", s))
        if units:  # no figures rather than figures computed on nothing
            rows += _split_rows(split, units, machine, hand, themes)
    table = pd.DataFrame(rows, columns=_COLUMNS)
    for column in ("precision", "recall", "f1", "alpha"):
        table[column] = table[column].round(3)
    return table


def second_coder(
    table: pd.DataFrame, first: dict[Unit, tuple[set[str], str]]
) -> dict[Unit, tuple[set[str], str]]:
    """A second coder's codes on the first coder's units, with the first coder's split."""
    codes = {
        (str(r.article_id), int(str(r.paragraph))): _themes(r.themes)
        for r in table.itertuples(index=False)
    }
    return {unit: (codes.get(unit, set()), split) for unit, (_, split) in first.items()}


def intercoder(
    first: dict[Unit, tuple[set[str], str]],
    second: dict[Unit, tuple[set[str], str]],
    themes: Sequence[str],
) -> pd.DataFrame:
    """Agreement between two hand coders per theme: percent agreement and Krippendorff's alpha."""
    units = sorted(first)
    rows = []
    pooled_a: list[int] = []
    pooled_b: list[int] = []
    for theme in themes:
        a = [int(theme in first[u][0]) for u in units]
        b = [int(theme in second[u][0]) for u in units]
        pooled_a += a
        pooled_b += b
        rows.append(
            {
                "theme": theme,
                "units": len(units),
                "agreement": round(sum(x == y for x, y in zip(a, b, strict=True)) / len(units), 3)
                if units
                else float("nan"),
                "alpha": round(_alpha(a, b), 3),
            }
        )
    rows.append(
        {
            "theme": "all",
            "units": len(units),
            "agreement": round(
                sum(x == y for x, y in zip(pooled_a, pooled_b, strict=True)) / len(pooled_a), 3
            )
            if pooled_a
            else float("nan"),
            "alpha": round(_alpha(pooled_a, pooled_b), 3),
        }
    )
    return pd.DataFrame(rows)
