"""Regex building for lists of literal names and words (places, people, openings of dates).

Used where a module compiles one pattern from many literal phrases; matching is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\s-]+")


def trie(phrases: Iterable[str], separator: str | None = None) -> str:
    """A regex for exactly `phrases`, written as a trie.

    Python's engine tries the branches of an alternation one by one at every position, so 60
    names cost 60 attempts wherever a word starts; as a trie, it follows only the branch the next
    character allows. A phrase that is a prefix of another is tried after it, so the longest
    phrase that fits wins, as in an alternation sorted longest first (under IGNORECASE, two
    phrases that differ only in letters the engine equates, "i" and "ı", are tried in code-point
    order instead of by length). With `separator`, each run
    of spaces and hyphens inside a phrase matches that regex instead ("Nur Sultan", "Nur-Sultan").
    No phrases give a pattern that never matches."""
    tree: dict[str, dict] = {}
    for phrase in phrases:
        if separator is None:
            pieces = [re.escape(ch) for ch in phrase]
        else:
            pieces = []
            for word in (w for w in _SEPARATORS.split(phrase) if w):
                pieces += ([separator] if pieces else []) + [re.escape(ch) for ch in word]
        if not pieces:
            continue
        node = tree
        for piece in pieces:
            node = node.setdefault(piece, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [piece + emit(child) for piece, child in sorted(node.items()) if piece]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree) or "(?!)"
