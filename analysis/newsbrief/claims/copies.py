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
and the pairs inside the posting lists of 2 to STOCK_UNITS paragraphs are counted. A longer list
(a shingle in more than STOCK_UNITS paragraphs) is too long for its pairs, which grow with its
square: it holds either stock text (a slogan, "between the two countries", an agency's sign-off) or
a paragraph republished that often. Such lists are clustered as STARS instead: each paragraph with
a shingle in one is linked to a single representative, the first paragraph (by article) of its
rarest such list, which for a republished paragraph is the list of its copies. A star pair is a
copy only when near-verbatim (NEAR_COPY of the shorter paragraph shared, counted exactly): a
republished paragraph keeps most of its text, while paragraphs that merely share a stock phrase
share little else. So a paragraph in 51 or 1,000 articles is found as the copies of one paragraph
(a star, one pair per copy, not every pair), and the work grows with the corpus, not its square.
A star can miss a copy whose rarest shingle is common for another reason: a line of a fixed frame
with one slot changed ("During the visit, 12 MoUs will be signed in May") links to the first line
with that slot, which may differ in another.
Shingle hashes are CRC-32s of the words combined by Python's tuple hash, which Python does not salt
(only str and bytes hashes are randomised), so runs are deterministic; output is sorted.
"""

from __future__ import annotations

import calendar
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
STOCK_UNITS = 50  # a shingle in more paragraphs than this proposes star pairs, not all its pairs
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


# A run of capitalised words, with the small words official names join them by: "Conference on
# Interaction and Confidence Building Measures in Asia", "Prime Minister Shehbaz Sharif".
_NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|on|and|in|the|for)\s+)*[A-Z][\w'’-]*)+")


# Capitalised words that make a run an official name: not "Aktau and Karachi in July". Month and
# day names are capitalised without being names; the calendar module's names are English unless a
# program sets a locale, which this one never does.
NAME_WORDS = 4
_CALENDAR = frozenset(calendar.month_name[1:]) | frozenset(calendar.day_name)


def _name_runs(text: str) -> list[tuple[int, int]]:
    """Where the text's official names stand: runs of NAME_WORDS capitalised words or more. Two
    places and a month ("between Almaty and Lahore in April") are a fact a copy keeps, not a
    name two reports share by chance."""
    return [
        m.span()
        for m in _NAME_RUN.finditer(text)
        if sum(w[:1].isupper() and w not in _CALENDAR for w in m.group().split()) >= NAME_WORDS
    ]


def _words_in_names(text: str, runs: list[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    """The text's normalised words, and for each whether it lies inside one of `runs`."""
    found, named = [], []
    ends = iter(runs)
    run = next(ends, None)
    for m in _WORD.finditer(text):
        while run is not None and run[1] <= m.start():
            run = next(ends, None)
        found.append(m.group().casefold())
        named.append(run is not None and run[0] <= m.start())
    return found, named


def shingles(text: str, word_hash: dict[str, int] | None = None) -> set[int]:
    """Hashes of the text's SHINGLE-word sequences (a text shorter than that has none), except
    those made only of a name's words: two reports that name "the Conference on Interaction and
    Confidence Building Measures in Asia" share its name, not their text."""
    cache = word_hash if word_hash is not None else {}
    named: list[bool] | None = None
    runs = _name_runs(text)
    if runs:
        found, named = _words_in_names(text, runs)
    else:
        found = words(text)
    ids = list(map(cache.get, found))
    if None in ids:
        for i, w in enumerate(found):
            if ids[i] is None:
                ids[i] = cache[w] = zlib.crc32(w.encode("utf-8"))
    sequences = zip(*(ids[i:] for i in range(SHINGLE)), strict=False)
    if named is None:
        return {hash(t) & _MASK for t in sequences}
    return {hash(t) & _MASK for i, t in enumerate(sequences) if not all(named[i : i + SHINGLE])}


def kind(similarity: float) -> str:
    """How to name a copy of this overlap in prose."""
    return "near-verbatim copies" if similarity >= NEAR_COPY else "reworded versions of one text"


def overlap(a: set[int], b: set[int]) -> float:
    """Shared shingles over the shingles of the smaller set."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


@dataclass(frozen=True)
class Postings:
    """The flat (shingle, unit) entries grouped by shingle: each entry's shingle as a code, its
    unit, and each code's posting-list length (the units that have the shingle). Entries come in
    unit order: a unit's shingles are one run, units in increasing order."""

    group: np.ndarray
    unit: np.ndarray
    size: np.ndarray

    @property
    def dense(self) -> np.ndarray:
        """Which entries are of a shingle in more than STOCK_UNITS units."""
        return np.asarray(self.size[self.group] > STOCK_UNITS)


def postings(shingle: np.ndarray, unit: np.ndarray) -> Postings:
    # Sorting every entry was most of this stage's main-process time at 100,000 articles (40
    # million entries; 8 s, growing 13x for 10x the corpus); hashing them is linear.
    group = pd.factorize(shingle)[0]
    return Postings(group, unit, np.bincount(group))


def shared_counts(
    lists: Postings, owner: np.ndarray, at_least: int = 1
) -> dict[tuple[int, int], int]:
    """For every pair of units of different owners that share at least `at_least` shingles of
    posting lists of 2 to STOCK_UNITS units, how many they share. `owner` maps unit to article.
    Those entries are sorted into posting lists, and the pairs inside each list are counted."""
    # Most entries belong to dense or single-unit shingles, which the sort does not see.
    proposing = ((lists.size > 1) & (lists.size <= STOCK_UNITS))[lists.group]
    group, unit = lists.group[proposing], lists.unit[proposing]
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


def stars(lists: Postings, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(representative, member) unit pairs, representative < member and of another article: each
    unit with a dense shingle is linked to the first unit of its rarest dense posting list (the
    shortest; of equally short, the first shingle met). One pair per unit, so a list of any length
    costs its length, not its square."""
    dense = lists.dense
    group, unit = lists.group[dense], lists.unit[dense]
    if not len(unit):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    first = np.full(len(lists.size), len(owner), dtype=np.int64)
    np.minimum.at(first, group, unit)
    n_groups = len(lists.size)
    rank = lists.size[group].astype(np.int64) * n_groups + group  # by length, then shingle code
    starts = np.flatnonzero(np.r_[True, unit[1:] != unit[:-1]])  # each unit's run of entries
    members = unit[starts]
    representatives = first[np.minimum.reduceat(rank, starts) % n_groups]
    kept = (representatives != members) & (owner[representatives] != owner[members])
    return representatives[kept], members[kept]


def star_shared(lists: Postings, representatives: np.ndarray, members: np.ndarray) -> np.ndarray:
    """How many shingles each (representative, member) pair has in common, counted exactly: every
    shingle of the member is looked up among its representative's (each unit is one pair's
    member at most)."""
    n_groups, n_units = len(lists.size), int(lists.unit.max(initial=-1)) + 1
    is_representative = np.zeros(n_units, dtype=bool)
    is_representative[representatives] = True
    held = is_representative[lists.unit]
    # The representatives' (unit, shingle) entries, hashed for lookup: a few thousand units' worth.
    known = pd.Index(lists.unit[held] * n_groups + lists.group[held])
    pair_of = np.full(n_units, -1, dtype=np.int64)
    pair_of[members] = np.arange(len(members))
    pair = pair_of[lists.unit]
    asking = pair >= 0
    pair = pair[asking]
    found = known.get_indexer(representatives[pair] * n_groups + lists.group[asking]) >= 0
    return np.bincount(pair[found], minlength=len(members))


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


Verified = tuple[int, int, float, int]  # (unit, unit, overlap, shared shingles) of a copy


def _counted_copies(
    counts: dict[tuple[int, int], int], entries: np.ndarray, first: list[int], threshold: float
) -> list[Verified]:
    """The pairs the short posting lists proposed that overlap by `threshold` or more."""
    sets: dict[int, set[int]] = {}  # only the candidates' shingle sets are ever built

    def shingle_set(unit: int) -> set[int]:
        # A paragraph's entries are its shingle set, end to end in `flat`: no need to re-hash its text.
        if unit not in sets:
            sets[unit] = set(entries[first[unit] : first[unit + 1]].tolist())
        return sets[unit]

    found = []
    for (a, b), _n in sorted(counts.items()):
        sa, sb = shingle_set(a), shingle_set(b)
        similarity = overlap(sa, sb)
        if similarity >= threshold:
            found.append((a, b, similarity, len(sa & sb)))
    return found


def _star_copies(
    lists: Postings,
    owner: np.ndarray,
    unit_sizes: np.ndarray,
    counted: dict[tuple[int, int], int],
    threshold: float,
) -> list[Verified]:
    """The star pairs of the dense posting lists that are near-verbatim copies (and that the short
    lists did not propose already)."""
    representatives, members = stars(lists, owner)
    shared = star_shared(lists, representatives, members)
    smaller = np.minimum(unit_sizes[representatives], unit_sizes[members])
    similarity = shared / np.maximum(smaller, 1)
    copied = np.flatnonzero((shared >= MIN_SHARED) & (similarity >= threshold))
    return [
        (a, b, s, n)
        for a, b, s, n in zip(
            representatives[copied].tolist(),
            members[copied].tolist(),
            similarity[copied].tolist(),
            shared[copied].tolist(),
            strict=True,
        )
        if (a, b) not in counted
    ]


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
    unit_sizes = np.frombuffer(sizes, dtype=np.int64)
    entries = np.frombuffer(flat, dtype=np.int64)
    lists = postings(entries, np.repeat(np.arange(len(indexed), dtype=np.int64), unit_sizes))
    counts = shared_counts(lists, owner, at_least=MIN_SHARED)
    first = np.concatenate(([0], np.cumsum(unit_sizes))).tolist()
    verified = _counted_copies(counts, entries, first, threshold) + _star_copies(
        lists, owner, unit_sizes, counts, max(threshold, NEAR_COPY)
    )
    texts: dict[int, dict[int, str]] = {}  # only the copies' articles are re-read

    def text(position: int, paragraph: int) -> str:
        if position not in texts:
            texts[position] = paragraph_texts(ordered[position])
        return texts[position][paragraph]

    found = []
    for a, b, similarity, shared in verified:
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
                shared,
            )
        )
    return sorted(
        found, key=lambda c: (-c.similarity, c.article_a, c.paragraph_a, c.article_b, c.paragraph_b)
    )
