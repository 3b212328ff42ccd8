"""The Finding record every check family returns, and how findings are made and numbered.
A finding names its articles and claims, quotes its evidence verbatim, states its summary.

A finding's `check` is one of core/events.CHECKS; checks/stage.py numbers them in that order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from newsbrief.checks.timeline import Timeline
from newsbrief.claims.copies import CopyPair
from newsbrief.claims.extract import Claim, VariantRules
from newsbrief.core.events import CHECKS
from newsbrief.core.records import Article, PublicationDate
from newsbrief.dating.context import Context

EVIDENCE_LIMIT = 3  # later mentions quoted per finding; the summary gives the full count


@dataclass(frozen=True, slots=True)
class Finding:
    finding_id: str  # f"{check}-{n:03d}", numbered in CHECKS order, then by event and articles
    check: str  # one of core/events.CHECKS
    event: str
    article_ids: tuple[str, ...]
    claim_ids: tuple[str, ...]
    summary: str
    evidence: tuple[tuple[str, str], ...]  # (article_id, verbatim quote)
    days: int | None


@dataclass(frozen=True)
class Corpus:
    """What the check families read: the claims (and their timeline and dated commitments), the
    articles, their publication dates, the near copies, the context facts, and what the claim rules
    say of names and of kinds done step by step."""

    claims: list[Claim]
    articles: list[Article]
    dates: dict[str, PublicationDate]
    copies: list[CopyPair]
    context: Context
    variant_rules: VariantRules
    stepwise: frozenset[str]  # kinds whose being done is one step (claim_rules `stepwise`)
    timeline: Timeline
    commits: dict[tuple[str, date], list[Claim]]
    recurring: frozenset[str] = frozenset()  # kinds with occurrences (claim_rules `recurring`)

    def one_occurrence(self, event: str) -> bool:
        """Whether the event's reports are of one occurrence: a recurring event's are when they
        name it by number or date ("the 11th session", "#2025"); "the commission" alone may be
        any of its sessions, so its reports neither conflict nor slip."""
        return event.partition(":")[0] not in self.recurring or "#" in event


@dataclass(frozen=True)
class Family:
    """A family of checks: the `check` names its findings carry, and the function that finds them."""

    checks: tuple[str, ...]
    find: Callable[[Corpus], list[Finding]]


def claims_finding(
    check: str,
    event: str,
    claims: list[Claim],
    summary: str,
    days: int | None,
    extra_articles: tuple[str, ...] = (),
) -> Finding:
    claims = list(dict.fromkeys(claims))
    return Finding(
        "",
        check,
        event,
        tuple(sorted({c.article_id for c in claims} | set(extra_articles))),
        tuple(c.claim_id for c in claims),
        summary,
        tuple(dict.fromkeys((c.article_id, c.quote) for c in claims)),
        days,
    )


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def numbered(found: list[Finding]) -> list[Finding]:
    """The findings in CHECKS order, then by event, articles and summary, numbered within each check."""
    result = []
    counters: dict[str, int] = defaultdict(int)
    for f in sorted(
        found, key=lambda f: (CHECKS.index(f.check), f.event, f.article_ids, f.summary)
    ):
        counters[f.check] += 1
        result.append(
            Finding(
                f"{f.check}-{counters[f.check]:03d}",
                f.check,
                f.event,
                f.article_ids,
                f.claim_ids,
                f.summary,
                f.evidence,
                f.days,
            )
        )
    return result
