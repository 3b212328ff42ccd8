"""Regex building: tries of literal names and words, guards on where a match can begin, and the
words a match must contain (looked for, for many patterns at once, by one Aho-Corasick pass). Used
where a module compiles its patterns (context, claims, timex); none of them changes what a pattern
matches, only how soon the engine gives up.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from re import _constants as C
from re import _parser
from typing import Any

import ahocorasick

_SEPARATORS = re.compile(r"[\s-]+")


def trie(phrases: Iterable[str], separator: str | None = None) -> str:
    """A regex for exactly `phrases`, written as a trie.

    Python's engine tries the branches of an alternation one by one at every position, so 60
    names cost 60 attempts wherever a word starts; as a trie, it follows only the branch the next
    character allows. A phrase that is a prefix of another is tried after it, so the longest
    phrase that fits wins, as in an alternation sorted longest first (under IGNORECASE, two
    phrases that differ only in letters the engine equates, "i" and "ı", are tried in code-point
    order instead of by length). With `separator`, each run of spaces and hyphens inside a phrase
    matches that regex instead ("Nur Sultan", "Nur-Sultan"). No phrases give a pattern that never
    matches."""
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


DIGIT = "#"  # the opening of a match that begins with a digit


def openings(pattern: str, flags: int = 0) -> set[str]:
    """The letters a match of `pattern` can begin with, up to its first non-letter; DIGIT for a
    digit; "<...>" for an opening that is neither, or one that cannot be read off the pattern.
    Optional parts are taken both ways, so no possible opening is missed."""
    return set(_openings(list(_parser.parse(pattern, flags)), ""))


def _openings(items: list, prefix: str) -> Iterator[str]:
    if not items:
        yield prefix
        return
    (op, arg), rest = items[0], items[1:]
    if op is C.LITERAL:
        if chr(arg).isalpha():
            yield from _openings(rest, prefix + chr(arg))
        else:
            yield prefix or (DIGIT if chr(arg).isdigit() else f"<{chr(arg)}>")
    elif op is C.SUBPATTERN:
        if arg[1] & re.IGNORECASE:  # its letters may come in either case: the opening ends here
            yield prefix or "<case-insensitive part>"
        else:
            yield from _openings(list(arg[-1]) + rest, prefix)
    elif op is C.BRANCH:
        for alternative in arg[1]:
            yield from _openings(list(alternative) + rest, prefix)
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, body = arg
        if low == 0:
            yield from _openings(rest, prefix)
        yield from _openings(list(body) + rest, prefix)
        if high > 1:  # "a+b" begins "aa" too: a second round gives every two-letter start
            yield from _openings(list(body) * 2 + rest, prefix)
    elif op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        yield from _openings(rest, prefix)  # they consume nothing
    elif op is C.IN and not prefix:
        yield DIGIT if _digits_only(arg) else "<class>"
    else:
        yield prefix or f"<{op}>"


def guarded(pattern: str, flags: int = 0) -> str:
    """`pattern` behind a lookahead on the two letters (or the digit) its matches begin with.

    The engine skips an alternative that starts with a literal or a class without entering it,
    but not one that starts with a group, an optional part or a case-insensitive letter; a failed
    lookahead is cheaper than entering such a pattern (the time expressions' scan takes half as
    long). The lookahead restates what the pattern requires, under the same flags, so matches are
    unchanged; a pattern whose openings cannot all be listed is returned as it is."""
    if re.match(r"\(\?[aiLmsux]+\)", pattern):
        return pattern  # global flags must stay at the very start
    starts = {o if o == DIGIT else o[:2] for o in openings(pattern, flags)}
    if any(not (o == DIGIT or o.isalpha()) for o in starts):
        return pattern
    words = sorted(starts - {DIGIT})
    guard = "|".join(([r"\d"] if DIGIT in starts else []) + ([trie(words)] if words else []))
    return f"(?={guard})(?:{pattern})"


# The characters other than A-Z and a-z that an ASCII letter matches under re.IGNORECASE (a test
# finds them all by trying every code point), each as the letter it matches.
_ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """`text` as `required` compares it: lower case, and every character that an ASCII letter
    matches under re.IGNORECASE written as that letter. Same length as `text`."""
    if "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text:
        text = text.translate(_ASCII_TWINS)  # rare, and translating costs several times lowering
    return text.lower()


def required(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings one of which is in the `fold` of any text `pattern` matches, under any flags (they
    are in lower case and ASCII); None when the pattern's parse gives no such list.

    A scan of a sentence costs the same whether or not it finds anything; a test of a few short
    strings with `in` costs a sixth of it (about 1 us against 6 us a pattern, measured). So a
    pattern whose strings are all absent need not be run: "direct flights?|air links?" needs
    "direct " or "air link". Optional and repeated parts, classes and lookarounds are skipped (a
    match need not contain them); of the rest, each alternative contributes its most telling run of
    literal characters."""
    return _required(list(_parser.parse(pattern, flags)))


def _required(items: list) -> tuple[str, ...] | None:
    best: tuple[str, ...] | None = None

    def consider(found: tuple[str, ...] | None) -> None:
        nonlocal best
        # The most telling list: its shortest string is the longest; then the fewest strings.
        if found and (
            best is None or (min(map(len, found)), -len(found)) > (min(map(len, best)), -len(best))
        ):
            best = found

    run: list[str] = []
    for op, arg in _flattened(items):
        if op is C.LITERAL and chr(arg).isascii():
            run.append(chr(arg).lower())
            continue
        consider(("".join(run),) if run else None)
        run = []
        if op is C.BRANCH:
            alternatives = [_required(list(a)) for a in arg[1]]
            if all(alternatives):
                consider(_shortest({s for a in alternatives for s in a or ()}))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and arg[0] >= 1:
            consider(_required(list(arg[2])))
    consider(("".join(run),) if run else None)
    return best


def _shortest(strings: set[str]) -> tuple[str, ...]:
    """The strings none of the others is part of ("visit" finds "visited" too), sorted."""
    return tuple(sorted(s for s in strings if not any(t != s and t in s for t in strings)))


_NEEDS: dict[int, tuple[re.Pattern[str], tuple[str, ...] | None]] = {}


def needs_of(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """`required` of a compiled pattern, worked out once per pattern (keyed by identity: hashing a
    pattern hashes its whole compiled code)."""
    cached = _NEEDS.get(id(pattern))
    if cached is None or cached[0] is not pattern:
        cached = _NEEDS[id(pattern)] = (pattern, required(pattern.pattern, pattern.flags))
    return cached[1]


def may_match(pattern: re.Pattern[str], folded: str) -> bool:
    """False when `pattern` cannot match the text whose `fold` is `folded`: none of the strings
    its matches need is in it. A sixth of the cost of a scan that finds nothing. After
    `screen(folded)`, the answer comes from that one reading of the text."""
    cached = _NEEDS.get(id(pattern))  # needs_of, inline: this runs for every pattern and sentence
    needs = cached[1] if cached is not None and cached[0] is pattern else needs_of(pattern)
    if needs is None:
        return True
    bit = _screen_bits.get(id(pattern))
    if bit is None:
        _join_screen(pattern, needs)
    elif folded is _screened[0]:
        return bool(_screened[1] >> bit & 1)
    for need in needs:  # a loop, not any() over a generator: half the cost
        if need in folded:
            return True
    return False


def screen(folded: str) -> None:
    """Read the text whose `fold` is `folded` once for the required strings of every pattern
    may_match has been asked about, so that its answers about this text (this same string object)
    need no further reading, until the next text is screened.

    For a text about to be asked about many patterns: a claim's sentence is asked about twenty
    (cues, status words, names, figures), many with ten to thirty strings, and testing each string
    with `in` cost more than the scans it spared. The strings are found by one Aho-Corasick pass
    (pyahocorasick). Same answers as the `in` tests (a test compares them, whatever was asked
    before)."""
    hits = 0
    if _screen_needs:  # an automaton without strings cannot be read
        for _, members in _screen.iter(folded):
            hits |= members
    _screened[:] = [folded, hits]


def _join_screen(pattern: re.Pattern[str], needs: tuple[str, ...]) -> None:
    """Give a pattern its bit and add its strings to the screen, which is rebuilt (once per
    pattern: a few dozen times per process, each well under a millisecond)."""
    global _screen
    bit = _screen_bits[id(pattern)] = len(_screen_bits)
    _screen_patterns.append(pattern)  # held, so its id is never reused while it has a bit
    for need in needs:
        _screen_needs[need] = _screen_needs.get(need, 0) | 1 << bit
    rebuilt = ahocorasick.Automaton()
    for need, members in _screen_needs.items():
        rebuilt.add_word(need, members)
    rebuilt.make_automaton()
    _screen = rebuilt
    _screened[:] = [None, 0]  # read without the new pattern's strings


_screen_bits: dict[int, int] = {}
_screen_patterns: list[re.Pattern[str]] = []
_screen_needs: dict[str, int] = {}  # string -> bits of the patterns that need it
_screen = ahocorasick.Automaton()
_screened: list[Any] = [
    None,
    0,
]  # the text last screened, and the bits of the patterns it may match


def always_contains(pattern: str, strings: Iterable[str], flags: int = 0) -> bool:
    """True when every text `pattern` matches, lower-cased and with each digit written as DIGIT
    ("2024" as "####"), contains one of `strings`; False when the parse does not show it. For a
    pattern run case-sensitively on lower-case text: a test that a quick look for those strings
    finds every sentence the pattern can match in."""
    return _always_contains(list(_parser.parse(pattern, flags)), tuple(strings))


def _character(op, arg) -> str | None:
    """The character an item always matches, as always_contains compares it (lower case, a digit
    as DIGIT), or None when it is not one in particular."""
    if op is C.LITERAL:
        ch = chr(arg)
        return DIGIT if ch.isdigit() else ch.lower() if ch.isascii() else None
    return DIGIT if op is C.IN and _digits_only(arg) else None


def _digits_only(members: list) -> bool:
    """True when a character class (its parsed members) matches digits and nothing else."""
    return bool(members) and all(
        (k is C.CATEGORY
        and v is C.CATEGORY_DIGIT)
        or (k is C.RANGE
        and "0" <= chr(v[0]) <= chr(v[1]) <= "9")
        or (k is C.LITERAL
        and chr(v).isdigit())
        for k, v in members
    )


def _always_contains(items: list, strings: tuple[str, ...]) -> bool:
    run: list[str] = []  # characters every match has side by side, here

    def found() -> bool:
        text = "".join(run)
        run.clear()
        return any(s in text for s in strings)

    for op, arg in _flattened(items):
        ch = _spelled([(op, arg)])  # one character, or a fixed run or branch that spells the same
        if ch is not None:
            run.append(ch)
            continue
        if found():
            return True
        if op is C.BRANCH and all(_always_contains(list(a), strings) for a in arg[1]):
            return True
        if (
            op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
            and arg[0] >= 1
            and _always_contains(list(arg[2]), strings)
        ):
            return True
    return found()


def _spelled(items: list) -> str | None:
    """What a sequence always matches when it is single characters (digits as "#"), fixed
    repeats of one, and alternatives that all spell the same; else None."""
    spelled = []
    for op, arg in _flattened(items):
        ch = _character(op, arg)
        if (
            ch is None
            and op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
            and arg[0] == arg[1]
        ):
            body = _spelled(list(arg[2]))
            ch = None if body is None else body * arg[0]
        elif ch is None and op is C.BRANCH:
            alternatives = {_spelled(list(a)) for a in arg[1]}
            ch = alternatives.pop() if len(alternatives) == 1 else None
        if ch is None:
            return None
        spelled.append(ch)
    return "".join(spelled)


def _flattened(items: list) -> Iterator[tuple]:
    """The items of a sequence with groups opened, so literal runs continue through them."""
    for op, arg in items:
        if op is C.SUBPATTERN:
            yield from _flattened(list(arg[-1]))
        else:
            yield op, arg


_TWINS: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def folded_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-sensitive pattern that matches a text's `fold` exactly where the case-insensitive
    `pattern` matches the text (the same spans, its groups' too), or None when the pattern is not one
    whose twin can be read off it. Worked out once per pattern.

    A case-insensitive scan compares case-folded characters at every step; on the folded copy of
    the sentence the same comparisons are plain ones (1.4x faster over the claim rules, up to 2.2x).
    The twin is the pattern with its letters in lower case. It is kept only when lowering changes
    nothing but the case of literal letters: no escape changes meaning ("\\W" is not "\\w", "\\x41"
    stays "A"), no range of letters changes members ("[A-z]" holds "_"), no part is
    case-sensitive or ASCII-only, no letter beyond ASCII has case; group names stay as written. `fold`
    writes every character an ASCII letter matches under IGNORECASE as that letter, and keeps
    every character a word character, digit or space if it was one (tests try every code point)."""
    cached = _TWINS.get(id(pattern))
    if cached is None or cached[0] is not pattern:
        cached = _TWINS[id(pattern)] = (pattern, _twin(pattern))
    return cached[1]


def finditer_folded(
    pattern: re.Pattern[str], text: str, folded: str, pos: int = 0, endpos: int = sys.maxsize
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, pos, endpos)`, run as its folded twin on `folded` (the text's
    `fold`) when it has one. The matches' offsets are the text's; read what they matched from
    the text, not from the match (which holds the folded copy)."""
    twin = folded_twin(pattern)
    return (
        twin.finditer(folded, pos, endpos)
        if twin is not None
        else pattern.finditer(text, pos, endpos)
    )


def search_folded(
    pattern: re.Pattern[str], text: str, folded: str, pos: int = 0, endpos: int = sys.maxsize
) -> re.Match[str] | None:
    """`pattern.search(text, pos, endpos)` as finditer_folded runs it."""
    twin = folded_twin(pattern)
    return (
        twin.search(folded, pos, endpos) if twin is not None else pattern.search(text, pos, endpos)
    )


def _twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    source = pattern.pattern
    if (
        not isinstance(source, str)
        or not pattern.flags & re.IGNORECASE
        or pattern.flags & (re.ASCII | re.LOCALE)
        or _ESCAPED_CAPITAL.search(source)
        or not all(ch.isascii() or _caseless(ch) for ch in source)
    ):
        return None
    lowered = "".join(
        piece if i % 2 else piece.lower() for i, piece in enumerate(_GROUP_NAMES.split(source))
    )
    try:
        twin = re.compile(lowered, pattern.flags & ~re.IGNORECASE)
        _check(list(_parser.parse(source, pattern.flags)), original=True)
        _check(list(_parser.parse(lowered, pattern.flags)), original=False)
    except (re.error, _Unfoldable):
        return None
    return twin


_ESCAPED_CAPITAL = re.compile(r"\\[A-Z]")  # \W \S \D \B \A \Z \N{...}: lower case changes them
_GROUP_NAMES = re.compile(
    r"(\(\?(?:P[<=][^>)]*[>)]|\([^)]*\)))"
)  # "(?P<name>", "(?P=name)", "(?(name)"
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _caseless(ch: str) -> bool:
    return ch.lower() == ch == ch.upper() == ch.casefold()


def _range_folds(low: int, high: int, original: bool) -> bool:
    """True when a range of the pattern (`original`) or of its twin is one lowering keeps alike."""
    if not all(_caseless(chr(c)) for c in range(max(low, 128), high + 1)):
        return False  # letters beyond ASCII that have case
    ends_upper = chr(low) in _UPPER or chr(high) in _UPPER
    if not original:
        return not ends_upper  # "[\\x41-\\x5a]" stays upper case in the twin
    if ends_upper:
        return (
            chr(low) in _UPPER and chr(high) in _UPPER
        )  # "[A-F]" lowers to "[a-f]"; "[A-z]" would lose "_"
    # Lowering leaves it as it is: each capital in it needs its lower case in it ("[0-Z]" ignoring
    # case holds "a", which the twin's "[0-Z]" does not).
    return all(
        low <= ord(chr(c).lower()) <= high
        for c in range(low, min(high, 127) + 1)
        if chr(c) in _UPPER
    )


class _Unfoldable(Exception):
    """A part of a pattern whose lower-case twin would not match the folded text alike."""


def _check(items: list, original: bool) -> None:
    """Raise _Unfoldable where lowering a pattern (`original`) or its twin (the pattern lowered)
    shows a part whose twin would not match the folded text as the pattern matches the text."""
    for op, arg in items:
        if op in (C.LITERAL, C.NOT_LITERAL):
            ch = chr(arg)
            if not (ch.isascii() or _caseless(ch)) or (not original and ch.isupper()):
                raise _Unfoldable  # "\\u00c0" ignoring case is "à" too; "\\x41" in the twin is "A"
        elif op is C.RANGE:
            if not _range_folds(*arg, original):
                raise _Unfoldable
        elif op is C.SUBPATTERN:
            if (arg[1] | arg[2]) & (re.IGNORECASE | re.ASCII | re.LOCALE):
                raise _Unfoldable  # a part whose case, or whose word characters, count
            _check(list(arg[3]), original)
        elif op is C.BRANCH:
            for alternative in arg[1]:
                _check(list(alternative), original)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            _check(list(arg[2]), original)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _check(list(arg[1]), original)
        elif op in (C.IN, C.ATOMIC_GROUP):
            _check(list(arg), original)
        elif op is C.GROUPREF_EXISTS:
            _check(list(arg[1]), original)
            if arg[2] is not None:
                _check(list(arg[2]), original)
