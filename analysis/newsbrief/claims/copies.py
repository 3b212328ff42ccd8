"""Near copies: paragraphs of different articles that share many of their word sequences.
Runs beside the claims; the duplicate_source check reads its pairs so a copy is one source, not two.

The unit is the PARAGRAPH (one line of the raw file, boilerplate sentences left out): a republished
story keeps its paragraphs, and a paragraph is long enough that a few edited words leave most of its
shingles intact (a single sentence is not). Each paragraph becomes the set of its SHINGLE-word
sequences (casefolded, punctuation dropped).

Similarity is the OVERLAP of two sets: shared shingles over the shingles of the shorter paragraph.
Outlets that rework one press release keep its runs of words but reorder clauses and add their own,
so the shorter text's share of the other's shingles is the measure that survives rewriting (Jaccard
falls with every added clause). A pair is a copy when it shares at least MIN_SHARED shingles and
MIN_OVERLAP of the shorter paragraph; at NEAR_COPY or more it is a near-verbatim copy, below it a
reworded version of one text. Either way its claims are one source, not two.

Pairs are found with an exact inverted index, not by comparing every pair: the (shingle, paragraph)
entries are grouped by shingle with a hash table (pandas.factorize), each group is a posting list,
and the pairs inside the posting lists are counted. A shingle found in more than STOCK_UNITS
paragraphs is stock text (a slogan, "between the two countries") and proposes no pairs, nor does one
found in a single paragraph; only the rest (3 of 40 million entries at 100,000 articles) are
sorted, so the work grows with the corpus, not its square. Shingle hashes are CRC-32s of the words
combined by Python's tuple hash, which Python does not salt (only str and bytes hashes are
randomised), so runs are deterministic; output is sorted.
"""

from __future__ import annotations

import re
import zlib
from array import array
from dataclasses import dataclass

import numpy as np
import pandas as pd

from newsbrief.core.parallel import map_chunks
from newsbrief.core.records import Article

SHINGLE = 3  # words per shingle: each edited word spoils at most this many of them
MIN_SHARED = 8  # at least this many shared shingles: a shared run of ten words, or several shorter
#                 runs; a route name and a month in common ("between Almaty and Lahore ... in April")
#                 give three or four, and are the same fact, not the same text
MIN_OVERLAP = 0.3  # shared shingles / shingles of the shorter paragraph, for a reworded copy
NEAR_COPY = 0.6  # from this overlap on, a near-verbatim copy
STOCK_UNITS = 50  # a shingle in more paragraphs than this is stock text and proposes no pairs
_MASK = (1 << 62) - 1
_WORD = re.compile(r"\w+")
_ASCII_WORD = re.compile(r"[a-z0-9_]+")  # _WORD in casefolded ASCII text, at two thirds of the cost


@dataclass(frozen=True, slots=True)
class CopyPair:
    article_a: str  # article_a < article_b
    paragraph_a: int
    article_b: str
    paragraph_b: int
    similarity: float  # overlap: shared shingles / shingles of the shorter paragraph
    text_a: str  # the paragraphs (their non-boilerplate sentences, joined by a space)
    text_b: str
    shared: int = 0  # shingles the two have in common


def paragraph_texts(article: Article) -> dict[int, str]:
    """The article's paragraphs as text, boilerplate sentences left out, by paragraph number."""
    by_paragraph: dict[int, list[str]] = {}
    for s in article.sentences:
        if not s.boilerplate:
            by_paragraph.setdefault(s.paragraph, []).append(s.text)
    return {p: " ".join(texts) for p, texts in sorted(by_paragraph.items())}


def words(text: str) -> list[str]:
    """The normalised words shingles are made of: casefolded, punctuation dropped."""
    folded = text.casefold()
    return (_ASCII_WORD if folded.isascii() else _WORD).findall(folded)


def shingles(text: str, word_hash: dict[str, int] | None = None) -> set[int]:
    """Hashes of the text's SHINGLE-word sequences (a text shorter than that has none)."""
    cache = word_hash if word_hash is not None else {}
    found = words(text)
    ids = list(map(cache.get, found))
    if None in ids:
        for i, w in enumerate(found):
            if ids[i] is None:
                ids[i] = cache[w] = zlib.crc32(w.encode("utf-8"))
    return {hash(t) & _MASK for t in zip(*(ids[i:] for i in range(SHINGLE)), strict=False)}


def kind(similarity: float) -> str:
    """How to name a copy of this overlap in prose."""
    return "near-verbatim copies" if similarity >= NEAR_COPY else "reworded versions of one text"


def overlap(a: set[int], b: set[int]) -> float:
    """Shared shingles over the shingles of the smaller set."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def shared_counts(
    shingle: np.ndarray, unit: np.ndarray, owner: np.ndarray, at_least: int = 1
) -> dict[tuple[int, int], int]:
    """For every pair of units of different owners that share at least `at_least` non-stock
    shingles, how many they share. `shingle` and `unit` are the flat (shingle, unit) entries;
    `owner` maps unit to article. The entries are grouped by shingle, those of shingles that can
    propose a pair are sorted into posting lists, and the pairs inside each list are counted."""
    # Sorting every entry was most of this stage's main-process time at 100,000 articles (40
    # million entries; 8 s, growing 13x for 10x the corpus); hashing them is linear, and most
    # entries belong to stock or single-paragraph shingles that the sort no longer sees.
    group = pd.factorize(shingle)[0]
    size = np.bincount(group)
    proposing = ((size > 1) & (size <= STOCK_UNITS))[group]
    group, unit = group[proposing], unit[proposing]
    order = np.lexsort((unit, group))
    group, unit = group[order], unit[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    lengths = np.diff(np.r_[starts, len(group)])
    n_units = len(owner)
    keys = []
    # Posting lists of the same length are stacked into one matrix, so pairs come out column by column.
    for length in np.unique(lengths):
        rows = unit[starts[lengths == length][:, None] + np.arange(length)]
        for i in range(length - 1):
            for j in range(i + 1, length):
                a, b = rows[:, i], rows[:, j]  # a < b: units are sorted within a posting list
                differ = owner[a] != owner[b]
                keys.append(a[differ] * n_units + b[differ])
    if not keys:
        return {}
    pairs, counts = np.unique(np.concatenate(keys), return_counts=True)
    kept = counts >= at_least  # most pairs share a shingle or two by chance: drop them in bulk
    return {
        (int(k) // n_units, int(k) % n_units): int(n)
        for k, n in zip(pairs[kept], counts[kept], strict=True)
    }


def _shingled(
    articles: list[Article],
) -> tuple[list[tuple[int, int]], array[int], array[int], int]:
    """For a chunk of articles: the (article position, paragraph) of every paragraph long enough to
    index, their shingles end to end, their shingle counts, and the chunk's length (to offset its
    positions). Only these arrays cross back: paragraph texts stay in the workers."""
    word_hash: dict[str, int] = {}
    indexed: list[tuple[int, int]] = []
    flat = array("q")
    sizes = array("q")
    for position, article in enumerate(articles):
        for paragraph, text in paragraph_texts(article).items():
            hashes = shingles(text, word_hash)
            if len(hashes) >= MIN_SHARED:
                indexed.append((position, paragraph))
                flat.extend(hashes)
                sizes.append(len(hashes))
    return indexed, flat, sizes, len(articles)


def find_copies(articles: list[Article], threshold: float = MIN_OVERLAP) -> list[CopyPair]:
    """Copied paragraphs across different articles, most similar first, deterministic."""
    return _copies(articles, threshold)


def _copies(articles: list[Article], threshold: float) -> list[CopyPair]:
    ordered = sorted(articles, key=lambda a: a.article_id)
    indexed: list[
        tuple[int, int]
    ] = []  # (position in `ordered`, paragraph) of each indexed paragraph
    flat = array("q")
    sizes = array("q")
    offset = 0
    for chunk_indexed, chunk_flat, chunk_sizes, length in map_chunks(_shingled, ordered):
        indexed += [(offset + position, paragraph) for position, paragraph in chunk_indexed]
        flat.extend(chunk_flat)
        sizes.extend(chunk_sizes)
        offset += length
    owner = np.fromiter((position for position, _ in indexed), dtype=np.int64, count=len(indexed))
    unit = np.repeat(np.arange(len(indexed), dtype=np.int64), np.frombuffer(sizes, dtype=np.int64))
    entries = np.frombuffer(flat, dtype=np.int64)
    counts = shared_counts(entries, unit, owner, at_least=MIN_SHARED)
    first = np.concatenate(([0], np.cumsum(np.frombuffer(sizes, dtype=np.int64)))).tolist()
    sets: dict[int, set[int]] = {}  # only the candidates' shingle sets are ever built
    texts: dict[int, dict[int, str]] = {}  # and only the copies' articles are re-read

    def shingle_set(unit: int) -> set[int]:
        # A paragraph's entries are its shingle set, end to end in `flat`: no need to re-hash its text.
        if unit not in sets:
            sets[unit] = set(entries[first[unit] : first[unit + 1]].tolist())
        return sets[unit]

    def text(position: int, paragraph: int) -> str:
        if position not in texts:
            texts[position] = paragraph_texts(ordered[position])
        return texts[position][paragraph]

    found = []
    for (a, b), _n in sorted(counts.items()):
        sa, sb = shingle_set(a), shingle_set(b)
        similarity = overlap(sa, sb)
        if similarity < threshold:
            continue
        (pa, para_a), (pb, para_b) = indexed[a], indexed[b]
        found.append(
            CopyPair(
                ordered[pa].article_id,
                para_a,
                ordered[pb].article_id,
                para_b,
                round(similarity, 3),
                text(pa, para_a),
                text(pb, para_b),
                len(sa & sb),
            )
        )
    return sorted(
        found, key=lambda c: (-c.similarity, c.article_a, c.paragraph_a, c.article_b, c.paragraph_b)
    )
