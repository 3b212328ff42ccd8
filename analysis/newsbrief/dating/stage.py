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
from newsbrief.dating.publication import publication_date
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


def date_articles(
    corpus: Corpus, context: Context, today: date | None = None
) -> dict[str, PublicationDate]:
    """Publication dates; an article dated after `today` (the build date) gets a note."""
    dates = {
        k: v for chunk in map_chunks(_dated, corpus.articles, context) for k, v in chunk.items()
    }
    today = today or build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    for article in corpus.articles:
        when = dates[article.article_id]
        if when.date_min and when.date_min > today:
            article.notes.append(
                f"is dated {when.date or when.date_min}, after the build date "
                f"{today}: check the catalog entry or the dateline"
            )
    return dates


def _dated(articles: list[Article], context: Context) -> dict[str, PublicationDate]:
    return {
        a.article_id: publication_date(
            a.article_id,
            a.catalog_date,
            a.header_date,
            a.header_basis,
            a.header_evidence,
            [s.text for s in a.sentences if not s.boilerplate],
            context,
            a.place,
        )
        for a in articles
    }


def find_article_timexes(corpus: Corpus, dates: dict[str, PublicationDate]) -> TimexIndex:
    return {
        k: v for chunk in map_chunks(_timexes, corpus.articles, dates) for k, v in chunk.items()
    }


def _timexes(articles: list[Article], dates: dict[str, PublicationDate]) -> TimexIndex:
    found: TimexIndex = {}
    for article in articles:
        when = dates[article.article_id]
        for s in article.sentences:
            # Only sentences that have some, as when read back from timex.csv.
            if not s.boilerplate and (
                timexes := find_timexes(
                    s.text, when.anchor, anchor_min=when.date_min, anchor_max=when.date_max
                )
            ):
                found[(s.article_id, s.paragraph, s.sentence)] = timexes
    return found
