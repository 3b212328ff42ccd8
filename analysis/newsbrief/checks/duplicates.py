"""Copied text passed off as corroboration: near-copied paragraphs are one source, not two.
Reads the claims stage's copy pairs; checks duplicate_source; counts independent sources.

- duplicate_source: a near-copied paragraph pair; its claims are one source, not two.
"""

from __future__ import annotations

from collections import defaultdict

from newsbrief.checks.finding import Corpus, Family, Finding
from newsbrief.checks.timeline import Timeline, when_in
from newsbrief.claims.copies import SHINGLE, CopyPair, shingles
from newsbrief.claims.copies import kind as copy_kind
from newsbrief.claims.extract import Claim
from newsbrief.core.records import Article

CopyIndex = dict[tuple[str, int], list[CopyPair]]


def copy_index(copies: list[CopyPair]) -> CopyIndex:
    """Copy pairs by each of their two paragraphs, so a lookup costs the pairs of one paragraph."""
    index: CopyIndex = defaultdict(list)
    for copy in copies:
        index[(copy.article_a, copy.paragraph_a)].append(copy)
        index[(copy.article_b, copy.paragraph_b)].append(copy)
    return index


def independent_sources(
    event: str | None, claims: list[Claim], copies: list[CopyPair] | CopyIndex
) -> int:
    """How many independent articles report `event` (None: every claim given): articles whose claims
    on it stand in paragraphs copied from one another count once."""
    chosen = [c for c in claims if event is None or c.event == event]
    parent = {c.article_id: c.article_id for c in chosen}
    paragraphs = {(c.article_id, c.paragraph) for c in chosen}
    index = copies if isinstance(copies, dict) else copy_index(copies)

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for paragraph in sorted(paragraphs):
        for copy in index.get(paragraph, ()):
            if (copy.article_a, copy.paragraph_a) in paragraphs and (
                copy.article_b,
                copy.paragraph_b,
            ) in paragraphs:
                parent[root(copy.article_a)] = root(copy.article_b)
    return len({root(a) for a in parent})


class _Shingled:
    """Texts' shingle sets, each made once: a paragraph republished in many articles is one side
    of as many copies, and its sentences recur word for word in each of them."""

    def __init__(self) -> None:
        self._word_hash: dict[str, int] = {}  # most words recur across the copies: hash each once
        self._sets: dict[str, set[int]] = {}

    def __call__(self, text: str) -> set[int]:
        found = self._sets.get(text)
        if found is None:
            found = self._sets[text] = shingles(text, self._word_hash)
        return found


def _copied_sentence(
    article: Article | None, paragraph: int, other_text: str, shingled: _Shingled
) -> str:
    """The sentence of the paragraph that shares most word sequences with the other paragraph; on a
    tie the first, as a reader meets it."""
    if article is None:
        return ""
    other = shingled(other_text)
    sentences = [
        s.text for s in article.sentences if s.paragraph == paragraph and not s.boilerplate
    ]
    shared = [len(shingled(t) & other) for t in sentences]
    return sentences[shared.index(max(shared))] if sentences else ""


def duplicate_sources(
    copies: list[CopyPair], claims: list[Claim], articles: dict[str, Article], timeline: Timeline
) -> list[Finding]:
    when = timeline.when
    by_paragraph: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        by_paragraph[(c.article_id, c.paragraph)].append(c)
    findings = []
    shingled = _Shingled()
    for copy in copies:
        a, b = when_in(when, copy.article_a), when_in(when, copy.article_b)
        copied = (
            by_paragraph[(copy.article_a, copy.paragraph_a)]
            + by_paragraph[(copy.article_b, copy.paragraph_b)]
        )
        events = sorted({c.event for c in copied})
        if b.surely_after(a) or a.surely_after(b):
            order = "the later one repeats the earlier"
        else:
            order = "which came first cannot be told from their dates"
        summary = (
            f"Paragraph {copy.paragraph_a + 1} of {a.article()} ({copy.article_a}) and paragraph "
            f"{copy.paragraph_b + 1} of {b.article()} ({copy.article_b}) are {copy_kind(copy.similarity)} "
            f"({copy.shared} {SHINGLE}-word sequences shared, {copy.similarity:.0%} of the shorter "
            f"paragraph's); {order}"
        )
        summary += (
            f"; their claims about {', '.join(timeline.label(e) for e in events)} are one source, "
            "not two."
            if events
            else "."
        )
        evidence = tuple(
            (article_id, quote)
            for article_id, quote in (
                (
                    copy.article_a,
                    _copied_sentence(
                        articles.get(copy.article_a), copy.paragraph_a, copy.text_b, shingled
                    ),
                ),
                (
                    copy.article_b,
                    _copied_sentence(
                        articles.get(copy.article_b), copy.paragraph_b, copy.text_a, shingled
                    ),
                ),
            )
            if quote
        )
        findings.append(
            Finding(
                "",
                "duplicate_source",
                ";".join(events),
                (copy.article_a, copy.article_b),
                tuple(c.claim_id for c in copied),
                summary,
                evidence,
                None,
            )
        )
    return findings


def find(corpus: Corpus) -> list[Finding]:
    articles = {a.article_id: a for a in corpus.articles}
    return duplicate_sources(corpus.copies, corpus.claims, articles, corpus.timeline)


FAMILY = Family(("duplicate_source",), find)
