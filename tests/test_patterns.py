"""Patterns built from literal phrases: a trie finds what the longest-first alternation finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.patterns import trie

_PHRASES = st.lists(st.text(alphabet="abk -.", min_size=1, max_size=6), min_size=1, max_size=8)
_TEXT = st.text(alphabet="abkAB -.'’s", max_size=40)


def _bounded(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{body})(?:[’']s)?(?!\w)", re.IGNORECASE)


def _longest_first(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(_PHRASES, _TEXT)
def test_a_trie_matches_what_the_longest_first_alternation_matches(phrases, text):
    expected = [m.span() for m in _bounded(_longest_first(phrases)).finditer(text)]
    assert [m.span() for m in _bounded(trie(phrases)).finditer(text)] == expected


def test_the_longer_of_two_names_sharing_a_start_wins():
    pattern = _bounded(trie(["abay", "abay kunanbayev"]))
    assert [m.group() for m in pattern.finditer("Abay Kunanbayev and Abay.")] == ["Abay Kunanbayev", "Abay"]


def test_with_a_separator_spaces_and_hyphens_are_interchangeable():
    pattern = re.compile(trie(["nur sultan"], separator=r"[\s-]+"), re.IGNORECASE)
    assert [m.group() for m in pattern.finditer("Nur-Sultan, Nur  Sultan, NurSultan")] == \
        ["Nur-Sultan", "Nur  Sultan"]


def test_no_phrases_match_nothing():
    assert re.search(trie([]), "anything") is None
    assert re.search(trie(["", " - "], separator=r"\s+"), "anything") is None
