"""Validation of the theme coder against independent hand coding, per paragraph.

Precision, recall and F1 per theme with their counts, micro and macro F1, and Krippendorff's alpha.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
import yaml

from newsbrief.core.errors import InputError
from newsbrief.themes.coding import THEMES, Code

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
    try:
        entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("coders", [])
    except (yaml.YAMLError, AttributeError) as error:
        raise InputError(
            path,
            f"is not a YAML mapping with a 'coders' list ({error})",
            "follow the layout of the entries already in the file",
        ) from None
    coders = {}
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("reference") or not entry.get("who"):
            raise InputError(
                path,
                f"coder entry {n} lacks a 'reference' or a 'who'",
                "give every entry reference (coder1, coder2) and who (one sentence)",
            )
        coders[str(entry["reference"])] = {
            "who": " ".join(str(entry["who"]).split()),
            "blind": "yes" if entry.get("blind_to_codebook") else "no",
            "caveat": " ".join(str(entry.get("caveat") or "").split()),
        }
    return coders


def parse_hand_codes(table: pd.DataFrame) -> dict[Unit, tuple[set[str], str]]:
    """Hand codes by unit: (themes, split) from the CSV columns article_id, paragraph, themes, split."""
    return {
        (r.article_id, int(r.paragraph)): ({t for t in str(r.themes).split(";") if t}, r.split)
        for r in table.itertuples(index=False)
    }


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


def validate(
    machine: dict[Unit, set[str]],
    hand: dict[Unit, tuple[set[str], str]],
    splits: tuple[str, ...] = ("dev", "heldout", "all"),
) -> pd.DataFrame:
    """One row per split and theme, plus `micro` and `macro` rows per split."""
    rows = []
    for split in splits:
        units = sorted(u for u, (_, s) in hand.items() if split in ("all", s))
        if not units:
            continue  # no figures rather than figures computed on nothing
        pooled_m: list[int] = []
        pooled_h: list[int] = []
        totals = [0, 0, 0]
        f1s = []
        for theme in THEMES:
            m = [int(theme in machine.get(u, set())) for u in units]
            h = [int(theme in hand[u][0]) for u in units]
            tp = sum(a and b for a, b in zip(m, h))
            fp = sum(a and not b for a, b in zip(m, h))
            fn = sum(b and not a for a, b in zip(m, h))
            precision, recall, f1 = _prf(tp, fp, fn)
            rows.append(
                {
                    "split": split,
                    "theme": theme,
                    "units": len(units),
                    "tp": tp,
                    "fp": fp,
                    "fn": fn,
                    "precision": precision,
                    "recall": recall,
                    "f1": f1,
                    "alpha": _alpha(m, h),
                }
            )
            totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
            if not np.isnan(f1):
                f1s.append(f1)
            pooled_m += m
            pooled_h += h
        precision, recall, f1 = _prf(*totals)
        rows.append(
            {
                "split": split,
                "theme": "micro",
                "units": len(units),
                "tp": totals[0],
                "fp": totals[1],
                "fn": totals[2],
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "alpha": _alpha(pooled_m, pooled_h),
            }
        )
        rows.append(
            {
                "split": split,
                "theme": "macro",
                "units": len(units),
                "tp": totals[0],
                "fp": totals[1],
                "fn": totals[2],
                "precision": float("nan"),
                "recall": float("nan"),
                "f1": float(np.mean(f1s)) if f1s else float("nan"),
                "alpha": float("nan"),
            }
        )
    table = pd.DataFrame(
        rows,
        columns=["split", "theme", "units", "tp", "fp", "fn", "precision", "recall", "f1", "alpha"],
    )
    for column in ("precision", "recall", "f1", "alpha"):
        table[column] = table[column].round(3)
    return table


def second_coder(
    table: pd.DataFrame, first: dict[Unit, tuple[set[str], str]]
) -> dict[Unit, tuple[set[str], str]]:
    """A second coder's codes on the first coder's units, with the first coder's split."""
    codes = {
        (r.article_id, int(r.paragraph)): {t for t in str(r.themes).split(";") if t}
        for r in table.itertuples(index=False)
    }
    return {unit: (codes.get(unit, set()), split) for unit, (_, split) in first.items()}


def intercoder(
    first: dict[Unit, tuple[set[str], str]], second: dict[Unit, tuple[set[str], str]]
) -> pd.DataFrame:
    """Agreement between two hand coders per theme: percent agreement and Krippendorff's alpha."""
    units = sorted(first)
    rows = []
    pooled_a: list[int] = []
    pooled_b: list[int] = []
    for theme in THEMES:
        a = [int(theme in first[u][0]) for u in units]
        b = [int(theme in second[u][0]) for u in units]
        pooled_a += a
        pooled_b += b
        rows.append(
            {
                "theme": theme,
                "units": len(units),
                "agreement": round(sum(x == y for x, y in zip(a, b)) / len(units), 3)
                if units
                else float("nan"),
                "alpha": round(_alpha(a, b), 3),
            }
        )
    rows.append(
        {
            "theme": "all",
            "units": len(units),
            "agreement": round(sum(x == y for x, y in zip(pooled_a, pooled_b)) / len(pooled_a), 3)
            if pooled_a
            else float("nan"),
            "alpha": round(_alpha(pooled_a, pooled_b), 3),
        }
    )
    return pd.DataFrame(rows)
