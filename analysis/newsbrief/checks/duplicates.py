"""Copied text passed off as corroboration: near-copied paragraphs are one source, not two.
Reads the claims stage's copy pairs; checks duplicate_source; counts independent sources.

- duplicate_source: articles sharing near-copied paragraphs, one finding per set of articles joined
  by copies (a pair, with how many paragraphs they share; or a stock paragraph's many reprints);
  their claims are one source, not several.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from difflib import SequenceMatcher

from newsbrief.checks.finding import EVIDENCE_LIMIT, Corpus, Family, Finding, plural
from newsbrief.checks.timeline import Timeline, When, when_in
from newsbrief.claims.copies import NEAR_COPY, SHINGLE, CopyPair, shingles
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
    """One finding per set of articles joined by copied paragraphs, however many paragraphs and
    articles: a republished article is one copy, and a paragraph reprinted in two hundred articles
    one report, not one finding per paragraph or per pair of articles."""
    by_paragraph: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        by_paragraph[(c.article_id, c.paragraph)].append(c)
    shingled = _Shingled()
    findings = []
    for pairs in _clusters(copies):
        members = sorted(
            {a for c in pairs for a in (c.article_a, c.article_b)},
            key=lambda a: (timeline.when.get(a, When(None, None)).low or date.max, a),
        )
        place = {a: n for n, a in enumerate(members)}
        pairs.sort(
            key=lambda c: (place[c.article_a], place[c.article_b], c.paragraph_a, c.paragraph_b)
        )
        findings.append(_copy_finding(pairs, members, by_paragraph, articles, timeline, shingled))
    return findings


def _clusters(copies: list[CopyPair]) -> list[list[CopyPair]]:
    """The copy pairs grouped by the set of articles they join (union-find over articles)."""
    parent: dict[str, str] = {}

    def root(a: str) -> str:
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for copy in copies:
        a, b = root(copy.article_a), root(copy.article_b)
        if a != b:
            parent[max(a, b)] = min(a, b)
    grouped: dict[str, list[CopyPair]] = defaultdict(list)
    for copy in copies:
        grouped[root(copy.article_a)].append(copy)
    return [grouped[k] for k in sorted(grouped)]


def _copied_claims(
    pairs: list[CopyPair], by_paragraph: dict[tuple[str, int], list[Claim]]
) -> list[Claim]:
    return [
        c
        for copy in pairs
        for c in by_paragraph[(copy.article_a, copy.paragraph_a)]
        + by_paragraph[(copy.article_b, copy.paragraph_b)]
    ]


def _quotes(
    pairs: list[CopyPair], articles: dict[str, Article], shingled: _Shingled
) -> tuple[tuple[str, str], ...]:
    """The copied sentence on each side of the first few pairs, each quote once."""
    quotes = (
        quote
        for copy in pairs[:EVIDENCE_LIMIT]
        for quote in (
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
    )
    return tuple(dict.fromkeys(q for q in quotes if q[1]))


def _copy_finding(
    pairs: list[CopyPair],
    members: list[str],
    by_paragraph: dict[tuple[str, int], list[Claim]],
    articles: dict[str, Article],
    timeline: Timeline,
    shingled: _Shingled,
) -> Finding:
    """The finding of one set of articles joined by copies: a pair says what the two share and
    which came first; three or more are named (the first few, the rest counted)."""
    copied = _copied_claims(pairs, by_paragraph)
    events = sorted({c.event for c in copied})
    ids: tuple[str, ...]
    if len(members) == 2:
        ids, opening, sources = (
            (pairs[0].article_a, pairs[0].article_b),
            _pair_text(pairs, timeline),
            "two",
        )
    else:
        ids, opening, sources = (
            tuple(members),
            _cluster_text(pairs, members, timeline),
            str(len(members)),
        )
    labels = ", ".join(timeline.label(e) for e in events)
    summary = opening + (
        f"; their claims about {labels} are one source, not {sources}." if events else "."
    )
    return Finding(
        "",
        "duplicate_source",
        ";".join(events),
        ids,
        tuple(dict.fromkeys(c.claim_id for c in copied)),
        summary,
        _quotes(pairs, articles, shingled),
        None,
    )


def _pair_text(pairs: list[CopyPair], timeline: Timeline) -> str:
    first = pairs[0]
    a, b = when_in(timeline.when, first.article_a), when_in(timeline.when, first.article_b)
    if b.surely_after(a) or a.surely_after(b):
        order = "the later one repeats the earlier"
    else:
        order = "which came first cannot be told from their dates"
    return f"{_shared_text(pairs, a.article(), b.article())}; {order}"


def _cluster_text(pairs: list[CopyPair], members: list[str], timeline: Timeline) -> str:
    named = [f"{when_in(timeline.when, a).article()} ({a})" for a in members[:EVIDENCE_LIMIT]]
    rest = len(members) - len(named)
    near = sum(1 for c in pairs if c.similarity >= NEAR_COPY)
    return (
        f"{len(members)} articles share copied text: {', '.join(named)}"
        + (f" and {plural(rest, 'more article')}" if rest else "")
        + f"; {plural(len(pairs), 'copied paragraph pair')} join them ({near} near-verbatim)"
    )


def _shared_text(pairs: list[CopyPair], article_a: str, article_b: str) -> str:
    """What two articles share: one paragraph as before, or how many and which."""
    first = pairs[0]
    if len(pairs) == 1:
        return (
            f"Paragraph {first.paragraph_a + 1} of {article_a} ({first.article_a}) and paragraph "
            f"{first.paragraph_b + 1} of {article_b} ({first.article_b}) are {copy_kind(first.similarity)} "
            f"({first.shared} {SHINGLE}-word sequences shared, {first.similarity:.0%} of the shorter "
            f"paragraph's)"
        )
    near = sum(1 for c in pairs if c.similarity >= NEAR_COPY)
    kinds = [
        f"{near} near-verbatim" if near else "",
        f"{len(pairs) - near} reworded" if near < len(pairs) else "",
    ]
    return (
        f"{article_a.capitalize()} ({first.article_a}) and {article_b} ({first.article_b}) share "
        f"{len(pairs)} paragraphs ({' and '.join(k for k in kinds if k)}: paragraphs "
        f"{_numbers([c.paragraph_a for c in pairs])} of the first, "
        f"{_numbers([c.paragraph_b for c in pairs])} of the second)"
    )


def _numbers(paragraphs: list[int]) -> str:
    """Paragraph numbers as a reader counts them (from 1), in order, each once."""
    return ", ".join(str(p + 1) for p in sorted(set(paragraphs)))


_TEXT_WORD = re.compile(r"\S+")
_FIGURE = re.compile(r"\d")


def _changed_figures(copy: CopyPair) -> list[tuple[str, str]]:
    """(as one copy gives it, as the other does) for each date or figure a near-verbatim copy
    changes ("April 21, 2023" and "April 26, 2023"), with a word either side for context."""
    a, b = _TEXT_WORD.findall(copy.text_a), _TEXT_WORD.findall(copy.text_b)
    changes = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        changed_a, changed_b = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if tag != "replace" or not (_FIGURE.search(changed_a) and _FIGURE.search(changed_b)):
            continue
        # The words either side of a change are the same on both sides (the opcodes alternate);
        # they say what the number is ("April 21, 2023", "on 10 May").
        before = 1 if i1 and j1 else 0
        after = 1 if i2 < len(a) and j2 < len(b) else 0
        changes.append(
            (
                " ".join(a[i1 - before : i2 + after]).strip(".,;:()"),
                " ".join(b[j1 - before : j2 + after]).strip(".,;:()"),
            )
        )
    return changes


def _sentence_with(article: Article | None, paragraph: int, words: str) -> str:
    """The paragraph's first sentence that holds `words`, verbatim."""
    if article is None:
        return ""
    return next(
        (
            s.text
            for s in article.sentences
            if s.paragraph == paragraph and not s.boilerplate and words in s.text
        ),
        "",
    )


def republished_changes(
    copies: list[CopyPair], claims: list[Claim], articles: dict[str, Article], timeline: Timeline
) -> list[Finding]:
    """Conflicts of their own: a near-verbatim copy that changes a date or a figure of the text it
    copies. The same report cannot be right with both."""
    by_paragraph: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        by_paragraph[(c.article_id, c.paragraph)].append(c)
    findings = []
    for copy in copies:
        if copy.similarity < NEAR_COPY:
            continue  # a reworded version words its figures its own way
        for given_a, given_b in _changed_figures(copy):
            quote_a = _sentence_with(articles.get(copy.article_a), copy.paragraph_a, given_a)
            quote_b = _sentence_with(articles.get(copy.article_b), copy.paragraph_b, given_b)
            if not (quote_a and quote_b):
                continue
            copied = (
                by_paragraph[(copy.article_a, copy.paragraph_a)]
                + by_paragraph[(copy.article_b, copy.paragraph_b)]
            )
            a, b = when_in(timeline.when, copy.article_a), when_in(timeline.when, copy.article_b)
            findings.append(
                Finding(
                    "",
                    "conflict",
                    ";".join(sorted({c.event for c in copied})),
                    (copy.article_a, copy.article_b),
                    tuple(c.claim_id for c in copied),
                    f"The same report gives “{given_a}” in {a.article()} ({copy.article_a}, "
                    f"paragraph {copy.paragraph_a + 1}) and “{given_b}” in {b.article()} "
                    f"({copy.article_b}, paragraph {copy.paragraph_b + 1}): the paragraphs are "
                    f"near-verbatim copies ({copy.similarity:.0%}), so at most one of them is right.",
                    ((copy.article_a, quote_a), (copy.article_b, quote_b)),
                    None,
                )
            )
    return findings


def find(corpus: Corpus) -> list[Finding]:
    articles = {a.article_id: a for a in corpus.articles}
    return duplicate_sources(corpus.copies, corpus.claims, articles, corpus.timeline)


FAMILY = Family(("duplicate_source",), find)
