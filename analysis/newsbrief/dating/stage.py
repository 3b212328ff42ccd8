"""Stage 1b, dating: each article's publication date (or bounds) and its time expressions.

Writes build/data/articles.csv, timex.csv and ingest_notes.csv (the notes of ingest and dating).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from newsbrief.core import schema
from newsbrief.core.artifacts import TimexIndex, articles_table, notes_table, timex_table
from newsbrief.core.parallel import map_chunks
from newsbrief.core.paths import Paths
from newsbrief.core.provenance import build_date
from newsbrief.core.records import Article, PublicationDate
from newsbrief.dating.context import Context
from newsbrief.dating.hints import date_hints
from newsbrief.dating.publication import DateHints, publication_date, set_aside_facts
from newsbrief.dating.timex import find_timexes
from newsbrief.ingest.files import Corpus


@dataclass(frozen=True)
class Dated:
    """What dating adds to the corpus: a publication date per article, time expressions per
    sentence (keyed by article, paragraph, sentence)."""

    dates: dict[str, PublicationDate]
    timexes: TimexIndex


def run(paths: Paths, corpus: Corpus, context: Context, today: date | None = None) -> Dated:
    dates = date_articles(corpus, context, today)
    timexes = find_article_timexes(corpus, dates)
    schema.ARTICLES.write(articles_table(corpus.articles, dates), paths.data)
    schema.TIMEX.write(timex_table(timexes), paths.data)
    schema.NOTES.write(notes_table(corpus.notes, corpus.articles), paths.data)
    return Dated(dates, timexes)


# What crosses to a worker per article: the fields dating reads, not the whole Article (its
# sentence records cost more to pickle than dating them: benchmarks/results.md).
_DatingInput = tuple[str, date | None, date | None, str, str, list[str], str, DateHints]
SentenceKey = tuple[str, int, int]
_TimexInput = tuple[PublicationDate, list[tuple[SentenceKey, str]]]


def date_articles(
    corpus: Corpus, context: Context, today: date | None = None
) -> dict[str, PublicationDate]:
    """Publication dates; an article dated after `today` (the build date) gets a note."""
    today = today or build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    inputs = [_dating_input(a) for a in corpus.articles]
    dates = {k: v for chunk in map_chunks(_dated, inputs, context, today) for k, v in chunk.items()}
    for article in corpus.articles:
        when = dates[article.article_id]
        if aside := set_aside_facts(when):
            article.notes.append(
                "has date evidence that contradicts itself; the bounds follow the facts that "
                f"agree, and these were set aside: {aside}"
            )
        if when.date_min and when.date_min > today:
            article.notes.append(
                f"is dated {when.date or when.date_min}, after the build date "
                f"{today}: check the catalog entry or the dateline"
            )
    return dates


def _dating_input(a: Article) -> _DatingInput:
    body = [s.text for s in a.sentences if not s.boilerplate]
    return (
        a.article_id,
        a.catalog_date,
        a.header_date,
        a.header_basis,
        a.header_evidence,
        body,
        a.place,
        date_hints(a),
    )


def _dated(inputs: list[_DatingInput], context: Context, today: date) -> dict[str, PublicationDate]:
    return {
        article_id: publication_date(
            article_id,
            catalog_date,
            header_date,
            basis,
            evidence,
            body,
            context,
            place,
            hints=hints,
            today=today,
        )
        for article_id, catalog_date, header_date, basis, evidence, body, place, hints in inputs
    }


def find_article_timexes(corpus: Corpus, dates: dict[str, PublicationDate]) -> TimexIndex:
    inputs = [
        (
            dates[a.article_id],
            [
                ((s.article_id, s.paragraph, s.sentence), s.text)
                for s in a.sentences
                if not s.boilerplate
            ],
        )
        for a in corpus.articles
    ]
    return {k: v for chunk in map_chunks(_timexes, inputs) for k, v in chunk.items()}


def _timexes(inputs: list[_TimexInput]) -> TimexIndex:
    found: TimexIndex = {}
    for when, sentences in inputs:
        for key, text in sentences:
            # Only sentences that have some, as when read back from timex.csv.
            if timexes := find_timexes(
                text, when.anchor, anchor_min=when.date_min, anchor_max=when.date_max
            ):
                found[key] = timexes
    return found
