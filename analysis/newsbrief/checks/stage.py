"""Stage 3b, checks: the claims checked against each other and against time; the promise tracker.
Takes the claims stage's records (same notebook); writes build/data/findings.csv and tracker.csv.

Each check family is a module with a FAMILY (the `check` names it gives, and its function from the
corpus to findings); they run in the order of core/events.CHECKS and are numbered in that order.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsbrief.checks import conflicts, duplicates, names, slippage, undated
from newsbrief.checks.finding import Corpus, Family, Finding, numbered
from newsbrief.checks.timeline import Timeline, When, commitments, when_of
from newsbrief.checks.tracker import Promise, promise_tracker
from newsbrief.claims.copies import CopyPair
from newsbrief.claims.extract import Claim, ClaimRules, load_claim_rules
from newsbrief.claims.stage import Claimed
from newsbrief.core import schema
from newsbrief.core.artifacts import findings_table, tracker_table
from newsbrief.core.events import CHECKS
from newsbrief.core.paths import CLAIM_RULES, Paths
from newsbrief.core.records import Article, PublicationDate
from newsbrief.dating.context import Context

FAMILIES: tuple[Family, ...] = (
    slippage.FAMILY,
    conflicts.FAMILY,
    duplicates.FAMILY,
    undated.FAMILY,
    names.FAMILY,
)


@dataclass(frozen=True)
class Checked:
    findings: list[Finding]
    promises: list[Promise]


def in_check_order(families: tuple[Family, ...] = FAMILIES) -> list[Family]:
    """Each family once, where its first check stands in CHECKS; a check no family gives, or two
    give, is a programming error caught here rather than a finding silently missing."""
    by_check: dict[str, Family] = {}
    for family in families:
        for check in family.checks:
            if check in by_check:
                raise ValueError(f"check {check!r} is given by two families")
            by_check[check] = family
    if set(by_check) != set(CHECKS):
        raise ValueError(f"the families give {sorted(by_check)}, core/events.CHECKS is {CHECKS}")
    return list(dict.fromkeys(by_check[check] for check in CHECKS))


def run_checks(
    claims: list[Claim],
    articles: list[Article],
    dates: dict[str, PublicationDate],
    copies: list[CopyPair],
    context: Context,
    rules: ClaimRules | None = None,
) -> list[Finding]:
    """Every check, numbered within its kind in a stable order. `rules` supplies the name-variant
    settings and the kinds done step by step (the project's claim_rules.yml when not given)."""
    when = when_of(dates)
    for a in articles:
        when.setdefault(a.article_id, When(None, None))
    rules = rules if rules is not None else load_claim_rules(CLAIM_RULES)
    corpus = Corpus(
        claims=claims,
        articles=articles,
        dates=dates,
        copies=copies,
        context=context,
        variant_rules=rules.variants,
        stepwise=frozenset(k.name for k in rules.kinds if k.stepwise),
        recurring=frozenset(k.name for k in rules.kinds if k.recurring),
        timeline=Timeline(claims, when),
        commits=commitments(claims),
    )
    return numbered([f for family in in_check_order() for f in family.find(corpus)])


def run(paths: Paths, claimed: Claimed) -> Checked:
    claims = claimed.pair_claims  # in scope; an event under way counts as delivered
    findings = run_checks(claims, claimed.articles, claimed.dates, claimed.copies, claimed.context)
    promises = promise_tracker(claims, findings, claimed.dates)
    schema.FINDINGS.write(findings_table(findings), paths.data)
    schema.TRACKER.write(tracker_table(promises), paths.data)
    return Checked(findings, promises)
