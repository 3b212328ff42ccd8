"""The claims measured against the independent coder's gold: how a sentence is scored (small cases
written here), and the held-out figures the issue asks for (tests/fixtures/gold, the realistic
articles, the fresh sets and the seeds)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from newsbrief.claims.evaluation import (
    Found,
    GoldEvent,
    GoldSentence,
    gold_claims,
    load_gold,
    score,
    target_right,
)
from newsbrief.claims.extract import Claim, load_claim_rules
from newsbrief.core.paths import CLAIM_RULES, Paths
from newsbrief.core.provenance import build_date
from newsbrief.dating.context import load_context

ROOT = Path(__file__).resolve().parent.parent
FOCUS = ("Kazakhstan", "Pakistan")
PAIR = frozenset(FOCUS)
TEXT = "Flights between Almaty and Lahore will start in March 2025, and a forum opened."


def gold_event(kind: str, status: str, target: str = "", **more) -> GoldEvent:
    start, end = more.get("start"), more.get("end")
    parties = more.get("participants", PAIR)
    return GoldEvent(kind, status, frozenset(parties), target, start, end)


def claim(kind: str, status: str, target: str = "", **more) -> Claim:
    return Claim(
        claim_id="a:0:0:0",
        article_id="a",
        paragraph=0,
        sentence=0,
        event=f"{kind}:x",
        kind=kind,
        status=status,
        target_start=more.get("start"),
        target_end=more.get("end"),
        target_text=target,
        actors=(),
        figures=(),
        quote=TEXT,
        in_scope=more.get("in_scope", True),
    )


def scored(gold: list[GoldEvent], claims: list[Claim], half: str = "heldout") -> dict:
    sentence = GoldSentence("a.txt#0.0", "a.txt", half, TEXT, tuple(gold))
    table = score([sentence], Found({"a.txt#0.0": claims}, {"a.txt#0.0": TEXT}), FOCUS)
    return table.iloc[0].to_dict()


def test_a_target_is_right_when_its_words_overlap_and_its_dates_agree():
    march = {"start": date(2025, 3, 1), "end": date(2025, 3, 31)}
    coder = gold_event("direct_flights", "planned", "in March 2025", **march)
    assert target_right(TEXT, coder, claim("direct_flights", "planned", "March 2025", **march))
    wrong_dates = {"start": date(2024, 3, 1), "end": date(2024, 3, 31)}
    assert not target_right(
        TEXT, coder, claim("direct_flights", "planned", "in March 2025", **wrong_dates)
    )
    assert not target_right(TEXT, coder, claim("direct_flights", "planned"))


def test_an_event_counts_when_kind_and_status_match_and_only_events_of_the_pair_count():
    found = scored(
        [
            gold_event("direct_flights", "planned", "in March 2025"),
            gold_event("business_forum", "happened", participants={"Pakistan", "Uzbekistan"}),
        ],
        [
            claim("direct_flights", "planned", "in March 2025"),
            claim("business_forum", "happened", in_scope=False),  # the other pair's: not scored
            claim("agreement", "happened"),  # not in the gold: a false positive
        ],
    )
    assert (found["tp"], found["fp"], found["fn"]) == (1, 1, 0)
    assert (found["precision"], found["recall"]) == (0.5, 1.0)
    assert (found["targets"], found["targets_right"]) == (1, 1)


def test_a_wrong_status_is_a_false_positive_and_a_miss():
    found = scored([gold_event("direct_flights", "planned")], [claim("direct_flights", "happened")])
    assert (found["tp"], found["fp"], found["fn"]) == (0, 1, 1)


def test_sentences_of_articles_not_read_are_not_scored():
    sentence = GoldSentence("b.txt#0.0", "b.txt", "heldout", TEXT, (gold_event("visa", "planned"),))
    assert score([sentence], Found({}, {"a.txt#0.0": TEXT}), FOCUS).empty


# The issue's bar, on the held-out halves


@pytest.fixture(scope="module")
def accuracy() -> dict[str, dict]:
    paths = Paths.at(ROOT)
    gold = load_gold(paths.claims_gold)
    built = build_date(os.environ.get("SOURCE_DATE_EPOCH") or "1764720000")
    found = gold_claims(
        [*paths.gold_articles, paths.seeds],
        load_context(),
        load_claim_rules(CLAIM_RULES),
        built,
    )
    table = score(gold, found, FOCUS)
    return {str(r["split"]): r for r in table.to_dict("records")}


# Issue 21's bar is not met yet. Two held-out sets, measured 2026-12-07 at the end of the session:
# - heldout, the first set's held-out half: precision 0.58, recall 0.49, targets 0.93 (14 of 15).
#   Its totals (never its sentences) were computed after changes on 2026-12-06, so they overstate
#   what unseen text gives.
# - heldout_fresh, the held-out halves of two fresh sets written and coded on 2026-12-07 by
#   people who saw neither the code nor each other's work (other outlets, every sentence of each
#   article): 392 sentences, 195 events of the pair; precision 0.64, recall 0.30, targets 0.71
#   (20 of 28). The first fresh set was scored once as a whole before any tuning on it (0.61,
#   0.41, 0.69 over 350 sentences; its held-out half 0.58, 0.39, 0.79) and its held-out half
#   again at the end (0.61, 0.39, 0.79); the second's held-out half only at the end (0.67, 0.26,
#   0.64), after tuning on its development half. Tuning on the development sentences raised their
#   recall from 0.56 to 0.61 and left held-out recall where it was: the rules do not generalise
#   to wording they have not seen.
#   On 2026-12-07 (evening) the corridor's goods and vehicles were made to name it again ("the
#   trucks", "the containers"): development 0.77, 0.62, 0.79; heldout_fresh 0.65, 0.31, 0.71
#   (0.68 at the default build date). "The route" was left out of those words (it is as often
#   an air route), which cost heldout_fresh 2 of the 4 events they had gained. That evening a
#   bug in a scratch error script showed the heldout_fresh halves' error counts by kind and
#   status (no sentences): those halves are no longer wholly unseen, and the next fresh set is
#   the clean measure.
# - heldout_fresh3, the held-out half of a third fresh set (tests/fixtures/fresh3/, 20 articles
#   from 20 more outlets, written and coded on 2026-12-07 by a writer and two coders who saw
#   neither the code nor the other sets): 158 sentences, 91 events of the pair. Scored at c56c234
#   before any tuning, 0.54, 0.33, 0.65; on 2026-12-07, when it entered the gold (coder E; F's
#   labels agree with E's at F1 0.89), 0.53, 0.33, 0.65 (17 targets, 11 right).
# Then tuned on the development sentences only (set 3's development half among them): a clause
# under a verb that proposes ("hoped the session would be held") is proposed; "would like",
# "ready to", "likely to", "look forward to", "prepare for", "in time for", "originally planned
# for", "not currently in operation"; the subject of "is likely to pay a visit" is the visitor.
# Development 0.72, 0.49, 0.79 -> 0.74, 0.52, 0.79 (808 sentences with the seeds); heldout
# 0.58, 0.49, 0.93 -> 0.63, 0.54, 1.00 (16 of 16); heldout_fresh and heldout_fresh3 unchanged:
# again the gain does not reach wording the rules have not seen.
# On 2026-12-08, tuned on the development sentences only: a corridor's bare vehicles, goods, line
# and transit time name it again ("two trucks left Pavlodar", "the Afghan section"); "the route"
# names whichever of flights and a corridor the article named last; "the airline will fly" and
# "neither document" name flights and agreements again; a road map for trade is an agreement;
# land links, railways through a country, a named highway and a route to the sea are corridors.
# Development 0.74, 0.52, 0.79 -> 0.72, 0.58, 0.81; heldout 0.63, 0.54, 1.00 -> 0.61, 0.56, 1.00;
# heldout_fresh 0.65, 0.31, 0.71 -> 0.64, 0.36, 0.73 (0.70 at the default build date);
# heldout_fresh3 0.53, 0.33, 0.65 -> 0.54, 0.35, 0.67. For once recall rose on every held-out
# split, by 2 to 5 points, at a cost of up to 2 points of precision (F1 rose on each: heldout
# 0.581 -> 0.583, heldout_fresh 0.417 -> 0.462, heldout_fresh3 0.406 -> 0.435). The precision
# guards of heldout and heldout_fresh were lowered by 0.01 to the new levels for that trade; the
# recall guards were raised.
# The guards hold the measured levels so that a change that loses ground fails; the bar itself is
# kept as strict expected failures, which fail as soon as it is reached, so that the guards are
# raised then.
NOT_MET = pytest.mark.xfail(strict=True, reason="issue 21's bar is not met yet (see above)")
MEASURED = {
    "heldout": {"precision": 0.61, "recall": 0.55, "target_accuracy": 0.93},
    # targets 0.73 built today, 0.70 at the default build date: an undated article's bounds run
    # to the build date
    "heldout_fresh": {"precision": 0.63, "recall": 0.35, "target_accuracy": 0.69},
    "heldout_fresh3": {"precision": 0.54, "recall": 0.35, "target_accuracy": 0.66},
}
BAR = {"precision": 0.90, "recall": 0.85, "target_accuracy": 0.90}
MET = {("heldout", "target_accuracy")}


@pytest.mark.parametrize(
    ("split", "measure"), [(s, m) for s in MEASURED for m in MEASURED[s]], ids=str
)
def test_held_out_accuracy_does_not_fall_below_its_measured_level(accuracy, split, measure):
    assert accuracy[split][measure] >= MEASURED[split][measure]


@pytest.mark.parametrize(
    ("split", "measure"),
    [
        pytest.param(s, m, marks=() if (s, m) in MET else NOT_MET, id=f"{s}-{m}")
        for s in MEASURED
        for m in BAR
    ],
)
def test_held_out_claims_meet_the_issues_bar(accuracy, split, measure):
    assert accuracy[split][measure] >= BAR[measure]
