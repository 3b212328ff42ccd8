"""Theme coding: the codebook (analysis/codebook.yml) compiled to a phrase index, run per sentence.

Phrases are looked up by their first word (a dict, cached per distinct word), so coding is linear
in the number of words and independent of the codebook's size; every code keeps its matched term.
One regex scan of a lower-case copy finds the words a phrase can begin with, so Python looks only
at those (about one word in seven in the benchmark's corpora), with the same matches as visiting
every word. The themes are the codebook's, in its order: a theme is added by editing the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsbrief.core.config import CodebookConfig, ThemeEntry, load_config, validate_config
from newsbrief.core.parallel import map_chunks
from newsbrief.core.paths import CODEBOOK
from newsbrief.core.patterns import trie
from newsbrief.core.records import Sentence

_TOKEN = re.compile(r"\w+")
_JOINER = re.compile(r"[\s\-–]+")  # what may stand between the words of one phrase
_NEXT_WORD = re.compile(r"[\s\-–]+(\w+)")  # the joiner and the word after it


@dataclass(frozen=True)
class Phrase:
    theme: int  # index into the codebook's themes
    words: tuple[str, ...]  # casefolded unless case-sensitive; a trailing "*" is a stem
    case_sensitive: bool
    exclusion: bool


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    definition: str
    raw: re.Pattern[str] | None = None  # patterns written as "re:..." in the codebook
    raw_exclusion: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Code:
    article_id: str
    paragraph: int
    sentence: int
    theme: str
    term: str  # the text that matched, as written in the article


@dataclass
class Codebook:
    """The compiled codebook: themes plus an index of phrases by their first word."""

    themes: list[Theme]
    exact: dict[str, list[Phrase]] = field(default_factory=dict)
    stems: dict[str, list[Phrase]] = field(default_factory=dict)
    stem_lengths: tuple[int, ...] = ()
    # Where a word that begins a phrase may start (a superset: starting_with decides); see openers.
    openers: re.Pattern[str] = re.compile("(?!)")
    raw: bool = False  # some theme has "re:" patterns
    _cache: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Theme]:
        return iter(self.themes)

    def __len__(self) -> int:
        return len(self.themes)

    def __getitem__(self, i: int) -> Theme:
        return self.themes[i]

    @property
    def keys(self) -> tuple[str, ...]:
        """The theme keys in the codebook's order: every table and figure of themes uses it."""
        return tuple(t.key for t in self.themes)

    def starting_with(self, word: str) -> tuple[Phrase, ...]:
        """Phrases whose first word matches `word` (as written), cached per distinct word."""
        found = self._cache.get(word)
        if found is None:
            folded = word.casefold()
            hits = [p for p in self.exact.get(folded, []) if not p.case_sensitive]
            hits += [p for p in self.exact.get(word, []) if p.case_sensitive]
            for n in self.stem_lengths:
                if n > len(word):
                    break
                hits += [p for p in self.stems.get(folded[:n], []) if not p.case_sensitive]
                hits += [p for p in self.stems.get(word[:n], []) if p.case_sensitive]
            found = self._cache[word] = tuple(hits)
        return found


def _word_matches(pattern: str, word: str, case_sensitive: bool) -> bool:
    token = word if case_sensitive else word.casefold()
    if pattern.endswith("*"):
        return token.startswith(pattern[:-1])
    return token == pattern


def pattern_words(pattern: str, case_sensitive: bool) -> tuple[str, ...]:
    """A codebook pattern as words: spaces and hyphens separate them; `*` ends a stem."""
    words = tuple(w for w in re.split(r"[\s\-–]+", pattern.strip()) if w)
    return words if case_sensitive else tuple(w.casefold() for w in words)


def _raw(patterns: list[str]) -> re.Pattern[str] | None:
    """The "re:" patterns as one regex (each is checked when the codebook is validated)."""
    raws = [p[3:] for p in patterns if p.startswith("re:")]
    if not raws:
        return None
    return re.compile("|".join(f"(?:{r})" for r in raws), re.IGNORECASE)


def _theme(key: str, entry: ThemeEntry) -> Theme:
    return Theme(
        key=key,
        label=entry.label or key,
        definition=" ".join(entry.definition.split()),
        raw=_raw(entry.patterns),
        raw_exclusion=_raw(entry.exclude),
    )


def _phrases(index: int, entry: ThemeEntry) -> list[Phrase]:
    """The theme's word patterns (not its "re:" ones) as phrases of the index."""
    phrases = []
    for group, case, exclusion in (
        (entry.patterns, False, False),
        (entry.case_sensitive, True, False),
        (entry.exclude, False, True),
    ):
        for p in group:
            words = pattern_words(p, case)
            if not p.startswith("re:") and words:
                phrases.append(Phrase(index, words, case, exclusion))
    return phrases


def compile_codebook(
    entries: CodebookConfig | Mapping[str, Any], path: Path = CODEBOOK
) -> Codebook:
    """The codebook's index. `entries` is the loaded file, or its `themes:` mapping written out
    (validated here, `path` naming it in messages)."""
    config = (
        entries
        if isinstance(entries, CodebookConfig)
        else validate_config({"themes": dict(entries)}, path, CodebookConfig)
    )
    themes = [_theme(key, entry) for key, entry in config.themes.items()]
    phrases = [
        phrase
        for index, entry in enumerate(config.themes.values())
        for phrase in _phrases(index, entry)
    ]
    book = Codebook(themes=themes)
    for phrase in phrases:
        first = phrase.words[0]
        target = book.stems if first.endswith("*") else book.exact
        target.setdefault(first.rstrip("*"), []).append(phrase)
    book.stem_lengths = tuple(sorted({len(k) for k in book.stems}))
    book.openers = openers(phrases)
    book.raw = any(t.raw is not None or t.raw_exclusion is not None for t in themes)
    return book


def openers(phrases: list[Phrase]) -> re.Pattern[str]:
    """A match, in a sentence's lower-case copy, of every word where one of `phrases` may begin:
    its first word whole (exact) or its beginning (a stem); the match is the whole word, so the
    scan hands over the token itself. A superset: case-sensitive words are looked for in lower
    case too, and starting_with decides.

    Lower case is not casefold (a German sharp s folds to "ss"): sentences with characters where
    the two differ take the word-by-word path (see _scannable)."""
    firsts = {p.words[0].lower() for p in phrases}
    if "*" in firsts:
        return re.compile(r"(?<!\w)\w+")  # a phrase may begin with any word
    exact = sorted(w for w in firsts if not w.endswith("*"))
    stems = sorted(w[:-1] for w in firsts if w.endswith("*"))
    body = "|".join(([rf"{trie(exact)}(?!\w)"] if exact else []) + ([trie(stems)] if stems else []))
    return re.compile(rf"(?<!\w)(?={body})\w+" if body else "(?!)")


def load_codebook(path: Path = CODEBOOK) -> Codebook:
    """The codebook file compiled: its themes, in its order, are the analysis' themes."""
    return compile_codebook(load_config(path, CodebookConfig), path)


@lru_cache(maxsize=4096)
def _lowers_as_it_folds(character: str) -> bool:
    """True when lower-casing `character` gives its casefold, one character, as much a word
    character as it was: then a lower-case copy of the text lines up with the original."""
    lowered = character.lower()
    return (
        lowered == character.casefold()
        and len(lowered) == 1
        and lowered.isalnum() == character.isalnum()
    )


def _scannable(text: str) -> bool:
    """True when the openers scan of text.lower() finds every phrase start in `text`."""
    return text.isascii() or all(_lowers_as_it_folds(c) for c in set(text) if not c.isascii())


def phrase_matches(text: str, book: Codebook) -> list[tuple[Phrase, int, int]]:
    """Every phrase occurrence in `text` as (phrase, start, end) character spans."""
    if not _scannable(text):
        return _phrase_matches_word_by_word(text, book)
    found = []
    for opener in book.openers.finditer(text.lower()):
        # The word as written: the copy has the same \w characters at the same offsets (_scannable).
        start, word_end = opener.span()
        for phrase in book.starting_with(text[start:word_end]):
            end = word_end
            for k in range(1, len(phrase.words)):
                following = _NEXT_WORD.match(text, end)
                if following is None or not _word_matches(
                    phrase.words[k], following.group(1), phrase.case_sensitive
                ):
                    break
                end = following.end()
            else:
                found.append((phrase, start, end))
    return found


def _phrase_matches_word_by_word(text: str, book: Codebook) -> list[tuple[Phrase, int, int]]:
    """phrase_matches visiting every word: for text the openers scan may not read right."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found = []
    for i, (word, start, _) in enumerate(tokens):
        for phrase in book.starting_with(word):
            n = len(phrase.words)
            if i + n > len(tokens):
                continue
            ok = all(
                _JOINER.fullmatch(text, tokens[i + k - 1][2], tokens[i + k][1])
                and _word_matches(phrase.words[k], tokens[i + k][0], phrase.case_sensitive)
                for k in range(1, n)
            )
            if ok:
                found.append((phrase, start, tokens[i + n - 1][2]))
    return found


def code_sentence(sentence: Sentence, book: Codebook) -> list[Code]:
    """Every theme the sentence carries, once per theme, with the first (longest) term matched."""
    if sentence.boilerplate:
        return []
    where = (sentence.article_id, sentence.paragraph, sentence.sentence)
    return [Code(*fields) for fields in _text_codes(where, sentence.text, book)]


CodeFields = tuple[str, int, int, str, str]  # a Code's fields, in order


def _text_codes(where: tuple[str, int, int], text: str, book: Codebook) -> list[CodeFields]:
    """The codes of the sentence at `where` (article, paragraph, sentence) as their fields: what
    crosses back from a worker (plain tuples pickle at about a third of the cost of dataclass
    instances)."""
    matches = phrase_matches(text, book)
    if not matches and not book.raw:
        return []
    hits, excluded = _spans(text, matches, book)
    codes = []
    for index in sorted(hits):  # in the codebook's order of themes
        term = _first_unblocked(hits[index], excluded.get(index, []))
        if term is not None:
            codes.append((*where, book.themes[index].key, text[term[0] : term[1]]))
    return codes


Spans = dict[int, list[tuple[int, int]]]  # by theme index


def _spans(
    text: str, matches: list[tuple[Phrase, int, int]], book: Codebook
) -> tuple[Spans, Spans]:
    """(matches, exclusions) of each theme in `text`: its phrases' and its "re:" patterns'."""
    hits: Spans = {}
    excluded: Spans = {}
    for phrase, start, end in matches:
        (excluded if phrase.exclusion else hits).setdefault(phrase.theme, []).append((start, end))
    if book.raw:
        for index, theme in enumerate(book.themes):
            if theme.raw is not None:
                hits.setdefault(index, []).extend(m.span() for m in theme.raw.finditer(text))
            if theme.raw_exclusion is not None:
                excluded.setdefault(index, []).extend(
                    m.span() for m in theme.raw_exclusion.finditer(text)
                )
    return hits, excluded


def _first_longest(span: tuple[int, int]) -> tuple[int, int]:
    return span[0], -span[1]


def _first_unblocked(
    spans: list[tuple[int, int]], blocked: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The first (longest) match that no exclusion overlaps."""
    for start, end in sorted(spans, key=_first_longest):
        if not any(s < end and start < e for s, e in blocked):
            return start, end
    return None


def code_sentences(sentences: Iterable[Sentence], book: Codebook) -> list[Code]:
    """code_sentence over every sentence, in order; chunks of them run on the workers."""
    inputs = [
        ((s.article_id, s.paragraph, s.sentence), s.text) for s in sentences if not s.boilerplate
    ]
    return [Code(*fields) for chunk in map_chunks(_coded, inputs, book) for fields in chunk]


# What crosses to a worker per sentence: where it is and its text, not the Sentence record
# (boilerplate, never coded, stays behind).
_ThemesInput = tuple[tuple[str, int, int], str]


def _coded(inputs: list[_ThemesInput], book: Codebook) -> list[CodeFields]:
    return [fields for where, text in inputs for fields in _text_codes(where, text, book)]
