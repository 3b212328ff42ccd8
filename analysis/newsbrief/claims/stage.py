"""Stage 3a, claims: what each article says was promised, planned or done, and its near copies.

Reads build/data/articles.csv, sentences.csv, timex.csv; writes claims.csv, copies.csv and, when the
claims gold is present (tests/fixtures/gold/), claims_accuracy.csv.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from newsbrief.claims.copies import CopyPair, find_copies
from newsbrief.claims.evaluation import evaluate
from newsbrief.claims.extract import Claim, extract_claims, load_claim_rules
from newsbrief.core import schema
from newsbrief.core.artifacts import (
    claims_table,
    copies_table,
    read_articles,
    read_dates,
    read_timexes,
)
from newsbrief.core.paths import CLAIM_RULES, Paths
from newsbrief.core.records import Article, PublicationDate
from newsbrief.dating.context import Context, load_context


@dataclass(frozen=True)
class Claimed:
    """The claims and copies, with the corpus they were read from, for the checks."""

    articles: list[Article]
    dates: dict[str, PublicationDate]
    context: Context
    claims: list[Claim]
    copies: list[CopyPair]

    @property
    def pair_claims(self) -> list[Claim]:
        """The claims the checks and the tracker read: events of both focus countries only (an
        Islamabad–Baku flight is in claims.csv, out of scope, and nowhere else), an event under
        way counted as delivered."""
        return [
            replace(c, status="happened") if c.status == "in_progress" else c
            for c in self.claims
            if c.in_scope
        ]


def run(paths: Paths) -> Claimed:
    articles = read_articles(paths.root, paths.data)
    dates = read_dates(paths.data)
    context = load_context()
    claims = extract_claims(
        articles, dates, read_timexes(paths.data), context, load_claim_rules(CLAIM_RULES)
    )
    copies = find_copies(articles)
    schema.CLAIMS.write(claims_table(claims), paths.data)
    schema.COPIES.write(copies_table(copies), paths.data)
    schema.CLAIMS_ACCURACY.write(evaluate(paths, articles, claims), paths.data)
    return Claimed(articles, dates, context, claims, copies)
