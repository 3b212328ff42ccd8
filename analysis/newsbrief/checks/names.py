"""Name variants: words spelled close to, but not as, a known place or person name.
Reads the articles' sentences and the context facts; checks name_variant.

- name_variant: a word spelled close to, but not as, a known place or person name, or a person named
  by a spelling of their name that is not a part of their full name.

Only names are candidates: a word of a capitalised multiword name ("Pak-Kazik", "Mr Tokaev"); a
lone capitalised word ("Chief of Army Staff") is an ordinary word as often as a name, and an
all-caps word (CICA, TAPI) is an acronym, not a spelling. A given name shared by different people
("Muhammad") is read as one person's only when the rest of the name is that person's too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler, Levenshtein

from newsbrief.checks.finding import EVIDENCE_LIMIT, Corpus, Family, Finding, plural
from newsbrief.claims.extract import VariantRules
from newsbrief.core.parallel import map_chunks
from newsbrief.core.patterns import fold, may_match
from newsbrief.core.records import Article
from newsbrief.dating.context import Context, person_index, strip_possessive

INFLECTIONS = (
    "s",
    "es",
    "i",
    "is",
    "ian",
    "ians",
)  # endings that make a known name plural or a demonym


# A run of capitalised words, joined by spaces or hyphens (the parts after a hyphen may be
# lowercase: "Pak-based"). The capital comes before the lookbehind (which then checks the character
# before it): a pattern that opens with a class lets the engine skip to the next capital, while one
# that opens with a lookbehind is tried at every character (the scan takes twice as long).
_NAME_RUN = re.compile(r"[A-Z](?<![\w’'].)[\w’']*(?:(?:-|[ ](?=[A-Z]))[\w’']+)*")
_RUN_SPLIT = re.compile(r"[ \-]")
_NAME_SPLIT = re.compile(r"[\s\-.]+")


@dataclass(frozen=True, eq=False)  # hashed by identity: it keys the per-process word reader
class Vocabulary:
    words: frozenset[str]  # every word of every known name: never itself a variant
    places: dict[str, str]  # one-word place names and adjectives -> the place
    people: dict[str, str]  # words of people's names -> the person
    name_words: dict[str, frozenset[str]]  # a person -> every word of their names
    surnames: dict[str, str]  # a person -> the last word of their full name


def vocabulary(context: Context) -> Vocabulary:
    """Known spellings, casefolded. A word can misspell a one-word place name or adjective
    ("Kazakh"), or a word of a person's name; the words of longer names ("Sultan" of "Nur Sultan")
    are known but not targets."""
    words: set[str] = set()
    places: dict[str, str] = {}
    for place in context.places:
        for name in (*place.aliases, *place.adjectives):
            words.update(w.casefold() for w in re.split(r"[\s\-’']+", name) if w)
            if not re.search(r"[\s\-’']", name):
                places.setdefault(name.casefold(), place.name)
    for era in context.place_names:
        for name in (era.name, *era.aliases):
            words.update(w.casefold() for w in re.split(r"[\s\-’']+", name) if w)
            if not re.search(r"[\s\-’']", name):
                places.setdefault(name.casefold(), era.refers_to)
    people, name_words, surnames = _person_words(context)
    words.update(people)
    return Vocabulary(frozenset(words), places, people, name_words, surnames)


def _person_words(
    context: Context,
) -> tuple[dict[str, str], dict[str, frozenset[str]], dict[str, str]]:
    """Words of people's names -> the (first) person; each person's name words; their surname."""
    people: dict[str, str] = {}
    name_words: dict[str, set[str]] = defaultdict(set)
    surnames: dict[str, str] = {}
    for tenure in context.tenures:
        for alias in (tenure.person, *tenure.aliases):
            for w in re.split(r"[\s\-’'.]+", alias):
                if len(w) > 1:
                    people.setdefault(w.casefold(), tenure.person)
                    name_words[tenure.person].add(w.casefold())
        surnames[tenure.person] = re.split(r"[\s\-’'.]+", tenure.person)[-1].casefold()
    return people, {person: frozenset(w) for person, w in name_words.items()}, surnames


def name_variants(
    articles: list[Article], context: Context, rules: VariantRules | None = None
) -> list[Finding]:
    """Words close to a known name but not one (e.g. "Kazik" in "Pak-Kazik" for "Kazakh"), and people
    named by a spelling that is not part of their full name ("Erzhan" for "Yerzhan Kistafin").
    Words on the rules' stoplist or the gazetteer's `not_variants` are never reported."""
    rules = rules or VariantRules()
    stop = rules.not_variants | getattr(context, "not_variants", frozenset())
    scanned = map_chunks(_name_mentions, articles, stop, vocabulary(context), rules, context)
    _word_reader.cache_clear()  # a serial run's judged words: no longer needed
    return _variant_findings([v for v, _ in scanned]) + _alias_findings([a for _, a in scanned])


def _name_mentions(
    articles: list[Article],
    stop: frozenset[str],
    known: Vocabulary,
    rules: VariantRules,
    context: Context,
) -> tuple[
    dict[tuple[str, str, str], list[tuple[str, str]]], dict[tuple[str, str], list[tuple[str, str]]]
]:
    # One worker job for both scans: one pool, and one set of forked workers, for the two.
    return _variant_mentions(articles, stop, known, rules), _alias_mentions(articles, context)


def _variant_findings(
    chunks: list[dict[tuple[str, str, str], list[tuple[str, str]]]],
) -> list[Finding]:
    seen: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
    for chunk in chunks:
        for key, where in chunk.items():
            seen[key] += where
    findings = []
    for (variant, name, refers), where in sorted(seen.items()):
        articles_with = tuple(sorted({a for a, _ in where}))
        findings.append(
            Finding(
                "",
                "name_variant",
                f"name:{name}",
                articles_with,
                (),
                f"“{variant}” ({plural(len(where), 'time')} in {plural(len(articles_with), 'article')}) looks like "
                f"a variant spelling of “{name.capitalize()}” ({refers}) and is read as {refers}.",
                tuple(dict.fromkeys(where))[:EVIDENCE_LIMIT],
                None,
            )
        )
    return findings


@lru_cache(maxsize=1)
def _word_reader(
    stop: frozenset[str], known: Vocabulary, rules: VariantRules
) -> Callable[[str], list[tuple[str, str, str]]]:
    """What a capitalised word reads as: (part, name, what it names) for each of its hyphenated
    parts that is a variant. Cached per word, and the reader per process: a worker's chunks share
    it, so each distinct word is judged once per worker, not once per chunk (twice the work)."""
    verdicts: dict[str, tuple[str, str] | None] = {}
    readings: dict[str, list[tuple[str, str, str]]] = {}

    def read(word: str) -> list[tuple[str, str, str]]:
        found = readings.get(word)
        if found is None:
            found = readings[word] = []
            for part in strip_possessive(word).split("-"):
                token = part.casefold()
                if token not in verdicts:
                    verdicts[token] = None if token in stop else closest_name(token, known, rules)
                verdict = verdicts[token]
                if verdict is not None:
                    found.append((part, *verdict))
        return found

    return read


def _variant_mentions(
    articles: list[Article], stop: frozenset[str], known: Vocabulary, rules: VariantRules
) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
    """(variant, name, what it names) -> (article, sentence) of each use, in reading order."""
    read = _word_reader(stop, known, rules)
    seen: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
    for article in articles:
        for s in article.sentences:
            if s.boilerplate:
                continue
            for run in _NAME_RUN.findall(s.text):
                for key in _run_variants(run, read, known):
                    seen[key].append((article.article_id, s.text))
    return seen


def _run_variants(
    run: str, read: Callable[[str], list[tuple[str, str, str]]], known: Vocabulary
) -> Iterator[tuple[str, str, str]]:
    """The variants in one run of capitalised words: none in a lone word or an acronym, and a
    person's given name only beside the rest of that person's name."""
    parts = [strip_possessive(p) for p in _RUN_SPLIT.split(run) if p]
    if len(parts) < 2:
        return
    words = {p.casefold() for p in parts}
    for part in parts:
        if not part[:1].isupper() or part.isupper():
            continue
        for part_read, name, refers in read(part):
            if _whole_name(part_read.casefold(), name, refers, words, known):
                yield part_read, name, refers


def _whole_name(variant: str, name: str, refers: str, words: set[str], known: Vocabulary) -> bool:
    """A place's variant needs nothing beside it; a person's surname neither ("Mr Tokaev"), but
    another word of their name ("Mohammad" for "Muhammad") counts only when the run's other words
    that are words of people's names are all this person's, and one of them is."""
    person_words = known.name_words.get(refers)
    if person_words is None or name == known.surnames.get(refers):
        return True
    others = {w for w in words if w != variant and w in known.people}
    return bool(others) and others <= person_words


def _known_word(token: str, known: Vocabulary) -> bool:
    """A known word, or an inflection of one ("Kazakhs")."""
    return token in known.words or any(
        token.endswith(ending) and token[: -len(ending)] in known.words for ending in INFLECTIONS
    )


def _close_names(
    token: str, targets: dict[str, str], min_length: int, max_edits: int, rules: VariantRules
) -> Iterator[tuple[float, str, str]]:
    """(similarity, name, what it names) of each name `token` could misspell."""
    if len(token) < min_length:
        return
    for word, refers in targets.items():
        if word[0] != token[0] or len(word) < min_length or abs(len(word) - len(token)) > max_edits:
            continue
        # Standard Jaro-Winkler (the prefix bonus above a Jaro of 0.7) and Levenshtein edits.
        score = JaroWinkler.similarity(token, word)
        if score >= rules.min_similarity and Levenshtein.distance(token, word) <= max_edits:
            yield score, word, refers


def closest_name(token: str, known: Vocabulary, rules: VariantRules) -> tuple[str, str] | None:
    """(name, what it names) that `token` misspells, or None: the token is not itself a known word
    or an inflection of one ("Kazakhs"), and is close enough in similarity and edits. A person's
    name word must be longer and closer than a place's (first names are often ordinary words)."""
    if len(token) < rules.min_length or not token.isalpha() or _known_word(token, known):
        return None
    candidates = [
        *_close_names(token, known.places, rules.min_length, rules.max_edits, rules),
        *_close_names(token, known.people, rules.person_min_length, rules.person_max_edits, rules),
    ]
    # The closest; of equally close, the first found (places before people).
    best = max(candidates, key=lambda c: (c[0], c[1]), default=None)
    return (best[1], best[2]) if best else None


def _alias_mentions(
    articles: list[Article], context: Context
) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(person, alias) -> (article, sentence) of each use of an alias that is not part of the name."""
    pattern, names = person_index(context)
    seen: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for article in articles:
        for s in article.sentences:
            if s.boilerplate or not may_match(pattern, fold(s.text)):
                continue
            for m in pattern.finditer(s.text):
                alias = strip_possessive(m.group())
                for tenure in names.get(alias.casefold(), [])[:1]:
                    full = {w.casefold() for w in _NAME_SPLIT.split(tenure.person) if w}
                    words = {w.casefold() for w in _NAME_SPLIT.split(alias) if len(w) > 1}
                    if not words <= full:
                        seen[(tenure.person, alias)].append((article.article_id, s.text))
    return seen


def _alias_findings(chunks: list[dict[tuple[str, str], list[tuple[str, str]]]]) -> list[Finding]:
    """People named by an alias that is a different spelling, not a part, of their full name."""
    seen: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for chunk in chunks:
        for key, where in chunk.items():
            seen[key] += where
    findings = []
    for (person, alias), where in sorted(seen.items()):
        articles_with = tuple(sorted({a for a, _ in where}))
        findings.append(
            Finding(
                "",
                "name_variant",
                f"person:{person}",
                articles_with,
                (),
                f"{person} is written “{alias}” ({plural(len(where), 'time')} in "
                f"{plural(len(articles_with), 'article')}); both are read as the same person.",
                tuple(dict.fromkeys(where))[:EVIDENCE_LIMIT],
                None,
            )
        )
    return findings


def find(corpus: Corpus) -> list[Finding]:
    return name_variants(corpus.articles, corpus.context, corpus.variant_rules)


FAMILY = Family(("name_variant",), find)
