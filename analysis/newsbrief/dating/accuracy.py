"""How well ingest and dating read real news: headline, outlet and date of each article of the
realistic corpus, scored against an independent coder's gold, by development and held-out half.

Writes build/data/metadata_accuracy.csv; the brief's methods report the held-out half.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from newsbrief.core import schema
from newsbrief.core.paths import Paths
from newsbrief.core.provenance import build_date
from newsbrief.core.records import Article, PublicationDate
from newsbrief.dating.context import Context
from newsbrief.dating.publication import set_aside_facts
from newsbrief.dating.stage import date_articles
from newsbrief.ingest.files import read_corpus
from newsbrief.ingest.outlets import Outlets, load_outlets
from newsbrief.ingest.rules import load_ingest_rules

TARGET = 0.95  # the share the issue asks of dates, headlines and outlets
MEASURES = ("date", "headline", "outlet", "place", "contradiction_noted")


@dataclass(frozen=True)
class Scored:
    """One article's result on each measure it has gold for: True when right."""

    file: str
    half: str
    results: dict[str, bool]


def run(paths: Paths, context: Context, built: date | None = None) -> pd.DataFrame:
    """Score the realistic corpus when it and its gold are there; an empty table otherwise.
    `built` defaults to the build date, which caps the dates a saved page may give."""
    built = built or build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    gold_file, split_file = paths.gold / "metadata_gold.yml", paths.gold / "split.yml"
    if not (paths.realistic.is_dir() and gold_file.exists() and split_file.exists()):
        table = schema.METADATA_ACCURACY.frame([])
    else:
        gold = {g["file"]: g for g in yaml.safe_load(gold_file.read_text(encoding="utf-8"))}
        halves = yaml.safe_load(split_file.read_text(encoding="utf-8"))
        scored = score_corpus(paths.realistic, gold, _half_of(halves), context, built)
        table = accuracy_table(scored)
    schema.METADATA_ACCURACY.write(table, paths.data)
    return table


def _half_of(halves: dict[str, list[str]]) -> dict[str, str]:
    return {name: half for half, names in halves.items() for name in names}


def score_corpus(
    folder: Path, gold: dict[str, Any], half_of: dict[str, str], context: Context, built: date
) -> list[Scored]:
    corpus = read_corpus(folder, load_ingest_rules(), context.gazetteer_names, built=built)
    dates = date_articles(corpus, context, built)
    outlets = load_outlets()
    scored = []
    for article in corpus.articles:
        name = Path(article.path).name
        if name in gold and name in half_of:
            results = _score(article, dates[article.article_id], gold[name], outlets)
            scored.append(Scored(name, half_of[name], results))
    return scored


def _score(
    article: Article, when: PublicationDate, gold: dict[str, Any], outlets: Outlets
) -> dict[str, bool]:
    results = {}
    if gold.get("date"):
        results["date"] = when.date == gold["date"]
    if gold.get("headline"):
        results["headline"] = article.title == gold["headline"]
    if gold.get("outlet"):
        found, wanted = (
            _canonical(article.outlet, outlets),
            _canonical(str(gold["outlet"]), outlets),
        )
        results["outlet"] = found == wanted
    if gold.get("place"):
        results["place"] = article.place.casefold() == str(gold["place"]).casefold()
    if when.basis == "inferred" and set_aside_facts(when):
        results["contradiction_noted"] = any("set aside" in n for n in article.notes)
    if when.date_min and when.date_max and when.date_min > when.date_max:
        results["contradiction_noted"] = False  # contradictory bounds are never kept
    return results


def _canonical(name: str, outlets: Outlets) -> str:
    found = outlets.of_tag(name)
    return (found.name if found else name).casefold()


def accuracy_table(scored: list[Scored]) -> pd.DataFrame:
    rows = []
    for half in ("development", "heldout"):
        for measure in MEASURES:
            marks = [
                (s.file, s.results[measure])
                for s in scored
                if s.half == half and measure in s.results
            ]
            right = sum(ok for _, ok in marks)
            misses = [f for f, ok in marks if not ok] if half == "development" else []
            rows.append(
                {
                    "half": half,
                    "measure": measure,
                    "right": right,
                    "total": len(marks),
                    "share": f"{right / len(marks):.3f}" if marks else "",
                    "target": f"{1.0 if measure == 'contradiction_noted' else TARGET:.2f}",
                    "misses": ";".join(misses),
                }
            )
    return schema.METADATA_ACCURACY.frame(rows)
