"""Stage 1a, ingest: the seed files and their catalog in, articles split into sentences out.

Writes build/data/sentences.csv; the articles go on, in memory, to dating in the same notebook.
"""

from __future__ import annotations

import os

from newsbrief.core import schema
from newsbrief.core.artifacts import sentences_table
from newsbrief.core.paths import Paths
from newsbrief.core.provenance import build_date
from newsbrief.core.store import write_text
from newsbrief.ingest.files import Corpus, read_corpus
from newsbrief.ingest.outlets import load_outlets
from newsbrief.ingest.rules import load_ingest_rules


def run(paths: Paths, places: frozenset[str]) -> Corpus:
    """Read every article under seeds/; `places` (folded place names) tell datelines apart.
    A saved page's extracted text is written to build/texts/, where the later stages quote it."""
    built = build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    corpus = read_corpus(paths.seeds, load_ingest_rules(), places, load_outlets(), built)
    for article in corpus.articles:
        if article.text_path != article.path:
            write_text(paths.root / article.text_path, article.text)
    schema.SENTENCES.write(sentences_table(corpus.articles), paths.data)
    return corpus
