"""Headlines, outlets and dates read from real news formats, scored against an independent coder's
gold (tests/fixtures/gold/metadata_gold.yml) on the held-out half of the realistic fixtures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from newsbrief.dating.context import load_context
from newsbrief.dating.stage import date_articles
from newsbrief.ingest.files import read_corpus
from newsbrief.ingest.outlets import load_outlets
from newsbrief.ingest.rules import load_ingest_rules

FIXTURES = Path(__file__).parent / "fixtures"
BUILT = date(2026, 12, 2)


@pytest.fixture(scope="module")
def scored():
    context = load_context()
    corpus = read_corpus(
        FIXTURES / "realistic", load_ingest_rules(), context.gazetteer_names, built=BUILT
    )
    dates = date_articles(corpus, context, BUILT)
    gold = {g["file"]: g for g in yaml.safe_load((FIXTURES / "gold/metadata_gold.yml").read_text())}
    heldout = yaml.safe_load((FIXTURES / "gold/split.yml").read_text())["heldout"]
    outlets = load_outlets()

    def canonical(name: str) -> str:
        found = outlets.of_tag(name)
        return (found.name if found else name).casefold()

    by_file = {Path(a.path).name: a for a in corpus.articles}
    hits: dict[str, list[bool]] = {"date": [], "headline": [], "outlet": []}
    for name in heldout:
        g, article = gold[name], by_file[name]
        if g["date"]:
            hits["date"].append(dates[article.article_id].date == g["date"])
        if g["headline"]:
            hits["headline"].append(article.title == g["headline"])
        if g["outlet"]:
            hits["outlet"].append(canonical(article.outlet) == canonical(str(g["outlet"])))
    return {k: sum(v) / len(v) for k, v in hits.items()}


def test_held_out_articles_that_state_their_date_are_dated_right(scored):
    assert scored["date"] >= 0.95


def test_held_out_headlines_are_recovered(scored):
    assert scored["headline"] >= 0.95


def test_held_out_outlets_named_by_the_text_or_its_url_are_found(scored):
    assert scored["outlet"] >= 0.95
