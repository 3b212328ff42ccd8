"""Records to tables and back: how each stage's records become the artifacts of core.schema.

Writers and readers live side by side, so what one stage writes is exactly what the next reads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from newsbrief.core import schema
from newsbrief.core.records import Article, PublicationDate, Sentence, Timex
from newsbrief.core.schema import flag, from_iso, iso, joined, split

if TYPE_CHECKING:
    from newsbrief.checks.finding import Finding
    from newsbrief.checks.tracker import Promise
    from newsbrief.claims.copies import CopyPair
    from newsbrief.claims.extract import Claim
    from newsbrief.themes.coding import Code

TimexIndex = dict[tuple[str, int, int], list[Timex]]


def _span_cell(span: tuple[int, int] | None, i: int) -> str:
    return "" if span is None else str(span[i])


def articles_table(articles: list[Article], dates: dict[str, PublicationDate]) -> pd.DataFrame:
    rows = []
    for a in articles:
        d = dates[a.article_id]
        rows.append(
            {
                "article_id": a.article_id,
                "citekey": a.citekey,
                "outlet": a.outlet,
                "title": a.title,
                "date": iso(d.date),
                "date_min": iso(d.date_min),
                "date_max": iso(d.date_max),
                "date_basis": d.basis,
                "date_evidence": d.evidence,
                "sha256": a.sha256,
                "url": a.url,
                "place": a.place,
                "catalogued": flag(a.catalogued),
                "paragraphs": len(a.paragraphs),
                "sentences": len(a.sentences),
                "path": a.path,
                "header_date": iso(a.header_date),
                "header_basis": a.header_basis,
                "header_evidence": a.header_evidence,
                "catalog_date": iso(a.catalog_date),
                "dateline_start": _span_cell(a.dateline_span, 0),
                "dateline_end": _span_cell(a.dateline_span, 1),
                "dateline_paragraph": a.dateline_paragraph,
                "text_path": a.text_path or a.path,
                "title_source": a.title_source,
                "outlet_source": a.outlet_source,
            }
        )
    return schema.ARTICLES.frame(rows)


def sentences_table(articles: list[Article]) -> pd.DataFrame:
    return schema.SENTENCES.frame(
        [
            {
                "article_id": s.article_id,
                "paragraph": s.paragraph,
                "sentence": s.sentence,
                "start": s.start,
                "end": s.end,
                "boilerplate": flag(s.boilerplate),
                "text": s.text,
            }
            for a in articles
            for s in a.sentences
        ]
    )


def timex_table(timexes: TimexIndex) -> pd.DataFrame:
    return schema.TIMEX.frame(
        [
            {
                "article_id": key[0],
                "paragraph": key[1],
                "sentence": key[2],
                "text": t.text,
                "start": iso(t.start),
                "end": iso(t.end),
                "granularity": t.granularity,
                "direction": t.direction,
                "char_start": t.char_start,
                "char_end": t.char_end,
                "approximate": flag(t.approximate),
            }
            for key in sorted(timexes)
            for t in timexes[key]
        ]
    )


def notes_table(corpus_notes: list[str], articles: list[Article]) -> pd.DataFrame:
    rows = [{"article_id": "", "note": n} for n in corpus_notes]
    rows += [{"article_id": a.article_id, "note": n} for a in articles for n in a.notes]
    return schema.NOTES.frame(rows)


def codes_table(codes: list[Code]) -> pd.DataFrame:
    columns = schema.CODES.names
    values = zip(
        *((c.article_id, c.paragraph, c.sentence, c.theme, c.term) for c in codes), strict=True
    )
    return pd.DataFrame(
        dict(zip(columns, map(list, values), strict=True)) if codes else [], columns=columns
    )


def claims_table(claims: list[Claim]) -> pd.DataFrame:
    return schema.CLAIMS.frame(
        [
            {
                "claim_id": c.claim_id,
                "article_id": c.article_id,
                "paragraph": c.paragraph,
                "sentence": c.sentence,
                "event": c.event,
                "country_event": c.country_event,
                "kind": c.kind,
                "status": c.status,
                "target_start": iso(c.target_start),
                "target_end": iso(c.target_end),
                "target_text": c.target_text,
                "actors": joined(c.actors),
                "figures": joined(c.figures),
                "quote": c.quote,
                "participants": joined(c.participants),
                "in_scope": flag(c.in_scope),
                "target_approximate": flag(c.target_approximate),
                "recalled": flag(c.recalled),
            }
            for c in claims
        ]
    )


def copies_table(copies: list[CopyPair]) -> pd.DataFrame:
    return schema.COPIES.frame(
        [
            {
                "article_a": c.article_a,
                "paragraph_a": c.paragraph_a,
                "article_b": c.article_b,
                "paragraph_b": c.paragraph_b,
                "similarity": round(c.similarity, 3),
                "text_a": c.text_a,
                "text_b": c.text_b,
            }
            for c in copies
        ]
    )


def findings_table(findings: list[Finding]) -> pd.DataFrame:
    return schema.FINDINGS.frame(
        [
            {
                "finding_id": f.finding_id,
                "check": f.check,
                "event": f.event,
                "article_ids": joined(f.article_ids),
                "summary": f.summary,
                "claim_ids": joined(f.claim_ids),
                "days": "" if f.days is None else f.days,
                "evidence": json.dumps([list(e) for e in f.evidence], ensure_ascii=False),
            }
            for f in findings
        ]
    )


def tracker_table(promises: list[Promise]) -> pd.DataFrame:
    return schema.TRACKER.frame(
        [
            {
                "event": p.event,
                "kind": p.kind,
                "label": p.label,
                "first_article": p.first_article,
                "first_date": iso(p.first_date),
                "first_when": p.first_when,
                "target_start": iso(p.target_start),
                "target_end": iso(p.target_end),
                "target_text": p.target_text,
                "mentions": ";".join("|".join(m) for m in p.mentions),
                "verdict": p.verdict,
                "done_date": iso(p.done_date),
            }
            for p in promises
        ]
    )


# Reading stage 1's artifacts back, for the later stages.


def read_sentences(data: Path) -> list[Sentence]:
    table = schema.SENTENCES.rows(data)
    return [
        Sentence(
            article_id=r.text("article_id"),
            paragraph=r.number("paragraph"),
            sentence=r.number("sentence"),
            text=r.text("text"),
            start=r.number("start"),
            end=r.number("end"),
            boilerplate=r.text("boilerplate") == "yes",
        )
        for r in table
    ]


def read_dates(data: Path) -> dict[str, PublicationDate]:
    table = schema.ARTICLES.rows(data)
    return {
        r.text("article_id"): PublicationDate(
            from_iso(r.text("date")),
            from_iso(r.text("date_min")),
            from_iso(r.text("date_max")),
            r.text("date_basis"),
            r.text("date_evidence"),
        )
        for r in table
    }


def _span(start: str, end: str) -> tuple[int, int] | None:
    return (int(start), int(end)) if start else None


def read_articles(root: Path, data: Path) -> list[Article]:
    """Articles as stage 1 recorded them, with their sentences and the raw text for quoting."""
    by_article: dict[str, list[Sentence]] = {}
    for s in read_sentences(data):
        by_article.setdefault(s.article_id, []).append(s)
    articles = []
    for r in schema.ARTICLES.rows(data):
        # A page's extracted text, not its markup: what ingest analysed and the brief quotes.
        text = (root / r.text("text_path")).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        articles.append(
            Article(
                article_id=r.text("article_id"),
                path=r.text("path"),
                text=text,
                sha256=r.text("sha256"),
                paragraphs=[ln for ln in text.split("\n") if ln.strip()],
                citekey=r.text("citekey"),
                outlet=r.text("outlet"),
                title=r.text("title"),
                url=r.text("url"),
                place=r.text("place"),
                catalogued=r.text("catalogued") == "yes",
                header_date=from_iso(r.text("header_date")),
                header_basis=r.text("header_basis"),
                header_evidence=r.text("header_evidence"),
                catalog_date=from_iso(r.text("catalog_date")),
                dateline_span=_span(r.text("dateline_start"), r.text("dateline_end")),
                dateline_paragraph=r.number("dateline_paragraph"),
                text_path=r.text("text_path"),
                title_source=r.text("title_source"),
                outlet_source=r.text("outlet_source"),
                sentences=by_article.get(r.text("article_id"), []),
            )
        )
    return articles


def read_timexes(data: Path) -> TimexIndex:
    found: TimexIndex = {}
    for r in schema.TIMEX.rows(data):
        found.setdefault(
            (r.text("article_id"), r.number("paragraph"), r.number("sentence")), []
        ).append(
            Timex(
                text=r.text("text"),
                char_start=r.number("char_start"),
                char_end=r.number("char_end"),
                start=from_iso(r.text("start")),
                end=from_iso(r.text("end")),
                granularity=r.text("granularity"),
                direction=r.text("direction"),
                approximate=r.optional("approximate") == "yes",
            )
        )
    return found


__all__ = [
    "articles_table",
    "claims_table",
    "codes_table",
    "copies_table",
    "findings_table",
    "notes_table",
    "read_articles",
    "read_dates",
    "read_sentences",
    "read_timexes",
    "sentences_table",
    "split",
    "timex_table",
    "tracker_table",
]
