"""Stage 1a, ingest: the seed files and their catalog in, articles split into sentences out.

Writes build/data/sentences.csv; the articles go on, in memory, to dating in the same notebook.
"""

from __future__ import annotations

from newsbrief.core import schema
from newsbrief.core.artifacts import sentences_table
from newsbrief.core.paths import Paths
from newsbrief.ingest.files import Corpus, read_corpus
from newsbrief.ingest.rules import load_ingest_rules


def run(paths: Paths, places: frozenset[str]) -> Corpus:
    """Read every article under seeds/; `places` (folded place names) tell datelines apart."""
    corpus = read_corpus(paths.seeds, load_ingest_rules(), places)
    schema.SENTENCES.write(sentences_table(corpus.articles), paths.data)
    return corpus
