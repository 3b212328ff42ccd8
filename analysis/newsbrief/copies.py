"""Near copies: paragraphs of different articles that share most of their word sequences.
Runs beside the claims; the duplicate_source check reads its pairs so a copy is one source, not two.

The unit is the PARAGRAPH (one line of the raw file, boilerplate sentences left out): a republished
story keeps its paragraphs, and a paragraph is long enough that a few edited words leave most of its
shingles intact (a single sentence is not). Each paragraph becomes the set of its SHINGLE-word
sequences (casefolded, punctuation dropped). Similar sets are found without comparing every pair:

1. MinHash, one-permutation variant: every shingle is hashed once into one of BANDS x ROWS bins and
   each bin keeps its smallest hash; empty bins borrow their right-hand neighbour's value (rotation
   densification, Shrivastava & Li 2014). Two sets agree in a bin with probability ~ their Jaccard.
2. LSH banding: the bins are cut into BANDS bands of ROWS; paragraphs whose values agree in a whole
   band land in the same bucket, one dictionary pass per band: linear in the number of paragraphs.
3. Each candidate pair is confirmed by the exact Jaccard of its two shingle sets (>= MIN_JACCARD).

Self-written, in pure Python, rather than datasketch: datasketch is not a project dependency, and a
classic MinHash costs BANDS x ROWS hash evaluations per shingle where this costs one, which keeps
100,000 articles (millions of paragraphs) at about a microsecond per word. The word hashes are CRC-32s
and a shingle's hash is Python's hash of the tuple of its word hashes, which Python does not salt
(only str and bytes hashes are randomised), so runs are deterministic; output is sorted.

A bucket holding paragraphs of more than STOCK_ARTICLES articles is stock text (a slogan, a standard
closing line), not one article copying another, and proposes no pairs.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import compress
from dataclasses import dataclass

from .model import Article

SHINGLE = 4  # words per shingle: each edited word spoils at most this many of them
MIN_SHINGLES = 8  # a copy shares at least this many shingles (a run of 11 words): shorter
#                  paragraphs, and pairs sharing less, are formula ("will begin shortly"), not copies
# Shared shingles / all shingles of the two paragraphs, to count as a copy. Tuned on the tests: a
# 28-word paragraph with two phrases reworded (5 words) keeps 0.40 at four-word shingles, while two
# unrelated paragraphs sharing a stock phrase ("between the two countries") stay under 0.1.
MIN_JACCARD = 0.4
BANDS = 20  # LSH bands x rows: a pair at Jaccard 0.4 becomes a candidate with p ~ 0.97, at 0.5
ROWS = 2  #   ~ 0.997; at 0.1 only ~ 0.18, and the exact check drops those
BINS = BANDS * ROWS
STOCK_ARTICLES = 50  # a bucket spanning more articles than this is stock text, not a copy
_MASK = (1 << 30) - 1  # 30-bit shingle hashes: small ints are fast, and collisions stay negligible
_EMPTY = 1 << 30  # larger than any bin value
_SPAN = (1 << 30) // BINS + 1  # bin values lie below this; borrowed values are offset by multiples of it
_OFFSETS = [d * _SPAN for d in range(BINS + 1)]
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class CopyPair:
    article_a: str  # article_a < article_b
    paragraph_a: int
    article_b: str
    paragraph_b: int
    similarity: float  # exact Jaccard of the two paragraphs' shingle sets
    text_a: str  # the paragraphs (their non-boilerplate sentences, joined by a space)
    text_b: str
    shared: int = 0  # shingles the two have in common


@dataclass(frozen=True)
class Unit:
    article_id: str
    paragraph: int
    text: str


def paragraphs(articles: Iterable[Article]) -> list[Unit]:
    """Every paragraph's non-boilerplate text, ordered by article and paragraph."""
    units = []
    for article in articles:
        by_paragraph: dict[int, list[str]] = {}
        for s in article.sentences:
            if not s.boilerplate:
                by_paragraph.setdefault(s.paragraph, []).append(s.text)
        units += [Unit(article.article_id, p, " ".join(texts)) for p, texts in sorted(by_paragraph.items())]
    return sorted(units, key=lambda u: (u.article_id, u.paragraph))


def words(text: str) -> list[str]:
    """The normalised words shingles are made of: casefolded, punctuation dropped."""
    return _WORD.findall(text.casefold())


def shingles(text: str, word_hash: dict[str, int] | None = None) -> set[int]:
    """Hashes of the text's SHINGLE-word sequences (a text shorter than that has none)."""
    cache = word_hash if word_hash is not None else {}
    found = words(text)
    ids = list(map(cache.get, found))
    if None in ids:
        for i, w in enumerate(found):
            if ids[i] is None:
                ids[i] = cache[w] = zlib.crc32(w.encode("utf-8"))
    return {hash(t) & _MASK for t in zip(*(ids[i:] for i in range(SHINGLE)))}


def jaccard(a: set[int], b: set[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def signature(hashes: Iterable[int]) -> list[int]:
    """One-permutation MinHash of a shingle set: the smallest hash in each of BINS bins, empty
    bins densified by rotation (the nearest filled bin to the right, offset by the distance)."""
    bins = [_EMPTY] * BINS
    for h in hashes:
        value, b = divmod(h, BINS)
        if value < bins[b]:
            bins[b] = value
    filled = [b for b in range(BINS) if bins[b] != _EMPTY]
    if len(filled) in (0, BINS):
        return bins
    # Each gap of empty bins borrows from the filled bin that closes it on the right (wrapping
    # round to the first filled bin), plus its distance from that bin.
    for left, right in zip(filled, filled[1:] + [filled[0] + BINS]):
        if right - left > 1:
            value = bins[right % BINS]
            fill = [value + offset for offset in _OFFSETS[right - left - 1:0:-1]]
            if right <= BINS:
                bins[left + 1:right] = fill
            else:
                bins[left + 1:] = fill[:BINS - left - 1]
                bins[:right - BINS] = fill[BINS - left - 1:]
    return bins


def band_keys(sig: list[int]) -> Iterable[int]:
    """One key per band: the hash of that band's ROWS values (a signed 64-bit int)."""
    return map(hash, zip(*(sig[row::ROWS] for row in range(ROWS))))


def candidate_pairs(keys: array, owners: list[str]) -> set[tuple[int, int]]:
    """Pairs of units (of different articles) that share a whole band, one band at a time, so only
    one band's buckets are in memory; stock buckets (> STOCK_ARTICLES articles) are skipped.
    Most keys are unique: they are counted, and only the units of repeated keys are looked at."""
    pairs: set[tuple[int, int]] = set()
    for band in range(BANDS):
        column = keys[band::BANDS]
        repeated = {k for k, n in Counter(column).items() if n > 1}
        buckets: dict[int, list[int]] = defaultdict(list)
        for u in compress(range(len(column)), map(repeated.__contains__, column)):
            buckets[column[u]].append(u)
        for members in buckets.values():
            if len(members) > STOCK_ARTICLES and len(set(map(owners.__getitem__, members))) > STOCK_ARTICLES:
                continue
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if owners[a] != owners[b]:
                        pairs.add((a, b))
    return pairs


def find_copies(articles: list[Article], threshold: float = MIN_JACCARD) -> list[CopyPair]:
    """Near-copied paragraphs across different articles, most similar first, deterministic."""
    units = paragraphs(articles)
    # Verbatim stock text is set aside before hashing, by the same rule the buckets apply.
    spread = Counter(text for _, text in {(u.article_id, u.text) for u in units})
    units = [u for u in units if spread[u.text] <= STOCK_ARTICLES]
    word_hash: dict[str, int] = {}
    indexed: list[int] = []  # positions in `units` of paragraphs long enough to index
    keys = array("q")
    for i, unit in enumerate(units):
        hashes = shingles(unit.text, word_hash)
        if len(hashes) < MIN_SHINGLES:
            continue
        indexed.append(i)
        keys.extend(band_keys(signature(hashes)))
    owners = [units[i].article_id for i in indexed]
    sets: dict[int, set[int]] = {}  # shingle sets of candidates only, recomputed: memory stays small

    def shingle_set(u: int) -> set[int]:
        if u not in sets:
            sets[u] = shingles(units[indexed[u]].text, word_hash)
        return sets[u]

    found = []
    for a, b in sorted(candidate_pairs(keys, owners)):
        sa, sb = shingle_set(a), shingle_set(b)
        similarity = jaccard(sa, sb)
        if similarity < threshold or len(sa & sb) < MIN_SHINGLES:
            continue
        ua, ub = sorted((units[indexed[a]], units[indexed[b]]), key=lambda x: (x.article_id, x.paragraph))
        found.append(CopyPair(ua.article_id, ua.paragraph, ub.article_id, ub.paragraph,
                              round(similarity, 3), ua.text, ub.text, len(sa & sb)))
    return sorted(found, key=lambda c: (-c.similarity, c.article_a, c.paragraph_a, c.article_b, c.paragraph_b))
