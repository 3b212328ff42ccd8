"""The brief's Sources section: every article in one table, copies as clusters, name variants.

Reads articles.csv, copies.csv and findings.csv; an undated article is a row of the table, with
how its date is bounded, not a finding of its own.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from newsbrief.core.schema import Row, records
from newsbrief.report.escape import cite, md_quote, md_table, md_text, searchable_table
from newsbrief.report.wording import (
    article_when,
    published_text,
    reader_list,
    short_day,
    source_subject,
)

REASON_CHARS = 90  # how much of a bound's reason the table prints; all of it is in articles.csv
_QUOTED = re.compile(r"“([^”]*)”")
_BOUND = re.compile(
    r"^(not before|not after|between) (\d{4}-\d{2}-\d{2})(?: and (\d{4}-\d{2}-\d{2}))?"
)
# How each basis reads in the table; `{quote}` is the stated text the dating stage cites.
BASIS_TEXT = {
    "catalog": "the catalog entry",
    "metadata": "the page's metadata",
    "header": "the header “{quote}”",
    "dateline": "the dateline “{quote}”",
    "url": "the date in its URL",
}


def _clauses(evidence: str) -> list[str]:
    """The dating stage's reasons, split at the "; " between them (not inside parentheses)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(evidence):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == ";" and depth == 0:
            out.append(evidence[start:i].strip())
            start = i + 1
    out.append(evidence[start:].strip().rstrip("."))
    return [c for c in out if c]


def _short_reason(clause: str) -> str:
    """ "because X is named as Y (in post ...; source: ...)" reads "X is named as Y"."""
    reason = clause.partition(" because ")[2] or clause
    reason = reason.removeprefix("of ")  # "because of the past event ..."
    reason = re.sub(r" \([^()]*(?:\([^()]*\)[^()]*)*\)", "", reason).strip()
    return (
        reason
        if len(reason) <= REASON_CHARS
        else reason[: REASON_CHARS - 1].rsplit(" ", 1)[0] + "…"
    )


def _bound_reason(evidence: str, low: str, high: str) -> list[str]:
    """The reasons that set an inferred date's lower and upper bound."""
    found: list[str] = []
    for clause in _clauses(evidence.removeprefix("Inferred: ")):
        bound = _BOUND.match(clause)
        if not bound:
            continue
        kind, first, second = bound.groups()
        sets_low = first == low and kind in ("not before", "between")
        sets_high = (second or first) == high and kind in ("not after", "between")
        if (sets_low or sets_high) and len(found) < 2:
            words = {"not before": "not before", "not after": "not after", "between": "within"}[
                kind
            ]
            found.append(f"{words} {_bound_words(kind, first, second)}: {_short_reason(clause)}")
    return found


def _bound_words(kind: str, first: str, second: str | None) -> str:
    if kind == "between" and second:
        return f"between {short_day(first)} and {short_day(second)}"
    return f"{kind} {short_day(first)}"


def date_known(article: Row) -> str:
    """How an article's date is known, in a few words (the full reasoning is in articles.csv)."""
    basis, evidence = article.text("date_basis"), article.text("date_evidence")
    if basis in BASIS_TEXT:
        quoted = _QUOTED.search(evidence)
        text = BASIS_TEXT[basis].format(quote=quoted.group(1) if quoted else "")
        text = text.replace(" “”", "")
        return text + (
            "; the text suggests otherwise" if "But the text suggests" in evidence else ""
        )
    if basis == "inferred":
        low, high = article_when(article)
        reasons = _bound_reason(evidence, low, high)
        return "inferred: " + ("; ".join(reasons) if reasons else "from what the text mentions")
    return "no date found in the text"


def articles_table(articles: pd.DataFrame) -> str:
    """Every article: outlet, headline, date or bounds, and how the date is known. The row is
    the article's reference; the reference list holds every article (brief.qmd's `nocite`)."""
    rows = [
        [
            md_text(r.text("outlet") or "not stated"),
            md_text(r.text("title")),
            md_text(published_text(*article_when(r))),
            md_text(date_known(r)),
        ]
        for r in records(articles)
    ]
    header = ["Outlet", "Headline", "Date", "How the date is known"]
    return searchable_table(md_table(header, rows, widths=[15, 38, 14, 33]))


@dataclass(frozen=True)
class Cluster:
    """Articles that carry one report: linked by copied paragraphs (duplicate_source findings)."""

    articles: tuple[str, ...]  # in publication order
    paragraphs: int  # paragraph pairs copied between them (copies.csv)
    reworded: bool  # some copy is reworded rather than near verbatim
    changes: tuple[tuple[str, str, str, str], ...]  # (article, words, other article, words)


def articles_where(articles: pd.DataFrame) -> str:
    """Where the PDF lists the articles: the table grows with every article, so it is an
    appendix there, which keeps the body's length independent of the corpus's size."""
    undated = int((articles.date.fillna("") == "").sum())
    count = len(articles)
    undated_words = f", {undated} of them undated," if undated else ""
    return (
        f"The {count} articles{undated_words} are listed with their outlet, headline and date, "
        "and how each date is known, in “Appendix: the articles”; the HTML brief has the "
        "table here, searchable.\n"
    )


def _components(groups: list[list[str]]) -> list[set[str]]:
    """Articles joined by any group they share (union-find)."""
    parent: dict[str, str] = {}

    def root(a: str) -> str:
        while parent.setdefault(a, a) != a:
            a = parent[a]
        return a

    for group in groups:
        for other in group[1:]:
            parent[root(other)] = root(group[0])
        for a in group:
            root(a)
    by_root: dict[str, set[str]] = defaultdict(set)
    for a in parent:
        by_root[root(a)].add(a)
    return list(by_root.values())


def _changed_words(a: str, b: str, shown: int = 4) -> list[tuple[str, str]]:
    """Short word runs one near copy has where the other has different ones ("April 21" for
    "April 26"), each with the word before it for context."""
    words_a, words_b = a.split(), b.split()
    matcher = difflib.SequenceMatcher(a=words_a, b=words_b, autojunk=False)
    if matcher.ratio() < 0.8:
        return []
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 <= shown and j2 - j1 <= shown:
            start_a, start_b = max(i1 - 1, 0), max(j1 - 1, 0)
            strip = ".,;:"
            out.append(
                (
                    " ".join(words_a[start_a:i2]).strip(strip),
                    " ".join(words_b[start_b:j2]).strip(strip),
                )
            )
    return out


def copy_clusters(
    findings: pd.DataFrame, copies: pd.DataFrame, order: dict[str, tuple[str, str]]
) -> list[Cluster]:
    """One cluster per set of articles linked by copied paragraphs, largest first."""
    groups = [
        [a for a in r.text("article_ids").split(";") if a]
        for r in records(findings[findings.check == "duplicate_source"])
    ]
    clusters = []
    for members in _components([g for g in groups if len(g) > 1]):
        pairs = [
            r
            for r in records(copies)
            if r.text("article_a") in members and r.text("article_b") in members
        ]
        changes = [
            (r.text("article_a"), wa, r.text("article_b"), wb)
            for r in pairs
            for wa, wb in _changed_words(r.text("text_a"), r.text("text_b"))
        ]
        clusters.append(
            Cluster(
                articles=tuple(sorted(members, key=lambda a: (order.get(a, ("", "")), a))),
                paragraphs=len(pairs),
                reworded=any(float(r.text("similarity") or 0) < 0.8 for r in pairs),
                changes=tuple(dict.fromkeys(changes))[:2],
            )
        )
    return sorted(clusters, key=lambda c: (-len(c.articles), -c.paragraphs, c.articles))


def cluster_markdown(cluster: Cluster, articles: dict[str, Row]) -> str:
    """ "The same report appears in DNA News (20 Feb 2023) and Islamabad Post (undated) ..." as
    Markdown, the words that differ quoted."""
    names = [md_text(source_subject(articles.get(a))) for a in cluster.articles]
    how = "reworded" if cluster.reworded else "near verbatim"
    shared = f"{cluster.paragraphs} paragraph{'s' if cluster.paragraphs != 1 else ''} {how}"
    text = f"The same report appears in {reader_list(names)}: {md_text(shared)}"
    if cluster.changes:
        text += ", with " + "; ".join(
            f"{md_quote(wa)} in {md_text(_which(a, b, articles))} where "
            f"{md_text(_which(b, a, articles))} has {md_quote(wb)}"
            for a, wa, b, wb in cluster.changes
        )
    return text


def _which(article_id: str, other_id: str, articles: dict[str, Row]) -> str:
    """One of two copies by its outlet, or by its date when both have the same outlet or none."""
    article, other = articles.get(article_id), articles.get(other_id)
    if article is None or other is None:
        return "one copy"
    outlet = article.text("outlet")
    if outlet and outlet != other.text("outlet"):
        return outlet
    return f"the copy of {published_text(*article_when(article))}"


def clusters_markdown(
    clusters: list[Cluster], articles: dict[str, Row], keys: dict[str, str]
) -> str:
    if not clusters:
        return "No passage of one article is a near copy of another's.\n"
    lines = [
        "Copied passages, verbatim or reworded, are counted once: a copy is not independent "
        "corroboration. One line per set of articles that share a report:\n"
    ]
    for c in clusters:
        cited = cite(*(keys.get(a, "") for a in c.articles))
        lines.append(f"- {cluster_markdown(c, articles)}. {cited}")
    return "\n".join(lines) + "\n"


def variants_markdown(variants: pd.DataFrame, keys: dict[str, str]) -> str:
    if variants.empty:
        return "No entity is spelled in more than one way.\n"
    return (
        "\n".join(
            f"- {md_text(r.text('summary'))} "
            f"{cite(*(keys.get(a, '') for a in r.text('article_ids').split(';')))}"
            for r in records(variants)
        )
        + "\n"
    )
