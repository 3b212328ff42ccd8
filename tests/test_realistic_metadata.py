"""Headlines, outlets and dates read from real news formats, scored against an independent coder's
gold (tests/fixtures/gold/metadata_gold.yml) on the held-out half of the realistic fixtures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from newsbrief.dating.accuracy import accuracy_table, score_corpus
from newsbrief.dating.context import load_context

FIXTURES = Path(__file__).parent / "fixtures"
BUILT = date(2026, 12, 2)


@pytest.fixture(scope="module")
def heldout():
    gold = {g["file"]: g for g in yaml.safe_load((FIXTURES / "gold/metadata_gold.yml").read_text())}
    halves = yaml.safe_load((FIXTURES / "gold/split.yml").read_text())
    half_of = {name: half for half, names in halves.items() for name in names}
    scored = score_corpus(FIXTURES / "realistic", gold, half_of, load_context(), BUILT)
    table = accuracy_table(scored)
    rows = table[table.half == "heldout"].set_index("measure")
    return {m: (int(r.right), int(r.total)) for m, r in rows.iterrows()}


def _share(counts: tuple[int, int]) -> float:
    right, total = counts
    assert total > 0, "no held-out article has gold for this measure"
    return right / total


def test_held_out_articles_that_state_their_date_are_dated_right(heldout):
    assert _share(heldout["date"]) >= 0.95


def test_held_out_headlines_are_recovered(heldout):
    assert _share(heldout["headline"]) >= 0.95


def test_held_out_outlets_named_by_the_text_or_its_url_are_found(heldout):
    assert _share(heldout["outlet"]) >= 0.95


def test_held_out_datelines_give_the_place_the_story_is_filed_from(heldout):
    assert _share(heldout["place"]) >= 0.90


def test_no_held_out_article_is_bounded_by_contradictory_facts_without_a_note(heldout):
    right, total = heldout["contradiction_noted"]
    assert right == total
