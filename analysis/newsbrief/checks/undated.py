"""Undated sources: articles whose date is inferred or unknown, with the facts that bound it.
Reads the articles and their publication dates; checks undated_source.

- undated_source: an article whose date is inferred or unknown, with the bounds used.
"""

from __future__ import annotations

from newsbrief.checks.finding import EVIDENCE_LIMIT, Corpus, Family, Finding
from newsbrief.core.records import Article, PublicationDate
from newsbrief.dating.publication import (
    deciding_facts,
    fact_cues,
    listed_facts,
    set_aside_facts,
)


def _undated_evidence(article: Article, facts: list[str], deciding: list[str]) -> list[str]:
    """The sentences behind the deciding facts first (a quoted phrase, or the officeholder's
    name), then the others'; the first sentence when none is found."""
    text = [s.text for s in article.sentences if not s.boilerplate]
    cues = [
        cue
        for fact in deciding + [f for f in facts if f not in deciding]
        for cue in fact_cues(fact)
    ]
    evidence = list(dict.fromkeys(t for q in cues if len(q) > 3 for t in text if q in t))
    return evidence[:EVIDENCE_LIMIT] or text[:1]


def _undated_summary(
    article_id: str, d: PublicationDate, facts: list[str], deciding: list[str]
) -> str:
    aside = set_aside_facts(d)
    if d.basis == "unknown" or (d.date_min is None and d.date_max is None):
        if aside:
            return (
                f"{article_id} states no date, and the facts that would date it contradict "
                f"each other: {aside}."
            )
        return f"{article_id} states no date, and nothing in it bounds its date."
    if not deciding:  # the bounds contradict each other; the evidence says how
        return f"{article_id} states no date, and its text cannot date it: {d.evidence}"
    where = (
        f"it is dated {d.date} by inference"
        if d.date is not None
        else f"it is placed between {d.date_min or 'an unknown date'} and "
        f"{d.date_max or 'the present'}"
    )
    rest = (
        "; the other facts are in articles.csv (date_evidence)"
        if len(facts) > len(deciding)
        else ""
    )
    conflict = f" Set aside as contradicted by the other facts: {aside}." if aside else ""
    return f"{article_id} states no date; {where}: {'; '.join(deciding)}{rest}.{conflict}"


def undated_sources(articles: list[Article], dates: dict[str, PublicationDate]) -> list[Finding]:
    findings = []
    for article in articles:
        d = dates.get(article.article_id)
        if d is None or d.basis not in ("inferred", "unknown"):
            continue
        facts = listed_facts(d.evidence)
        deciding = deciding_facts(d, facts)
        evidence = _undated_evidence(article, facts, deciding)
        findings.append(
            Finding(
                "",
                "undated_source",
                "",
                (article.article_id,),
                (),
                _undated_summary(article.article_id, d, facts, deciding),
                tuple((article.article_id, t) for t in evidence),
                None,
            )
        )
    return findings


def find(corpus: Corpus) -> list[Finding]:
    return undated_sources(corpus.articles, corpus.dates)


FAMILY = Family(("undated_source",), find)
