"""Regex building: tries of literal names and words, guards on where a match can begin, and the
words a match must contain. Used where a module compiles or runs its patterns (context, claims,
timex, checks); none of them changes what a pattern matches, only how soon the engine gives up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:  # typeshed types the regex parser under its old, deprecated module names
    import sre_constants as C
    import sre_parse as _parser
else:
    from re import _constants as C
    from re import _parser

# One parsed item of a pattern: (opcode, argument), the argument's shape depending on the opcode.
_Item: TypeAlias = tuple[Any, Any]
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def _parsed(pattern: str, flags: int) -> list[_Item]:
    return list(_parser.parse(pattern, flags).data)


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
    tree: dict[str, Any] = {}
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

    def emit(node: dict[str, Any]) -> str:
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
    return set(_openings(_parsed(pattern, flags), ""))


def _openings(items: list[_Item], prefix: str) -> Iterator[str]:
    if not items:
        yield prefix
        return
    (op, arg), rest = items[0], items[1:]
    if op is C.LITERAL:
        yield from _literal_openings(chr(arg), rest, prefix)
    elif op is C.SUBPATTERN:
        if arg[1] & re.IGNORECASE:  # its letters may come in either case: the opening ends here
            yield prefix or "<case-insensitive part>"
        else:
            yield from _openings(list(arg[-1]) + rest, prefix)
    elif op is C.BRANCH:
        for alternative in arg[1]:
            yield from _openings(list(alternative) + rest, prefix)
    elif op in _REPEATS:
        yield from _repeat_openings(arg, rest, prefix)
    elif op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        yield from _openings(rest, prefix)  # they consume nothing
    elif op is C.IN and not prefix:
        yield DIGIT if _digits_only(arg) else "<class>"
    else:
        yield prefix or f"<{op}>"


def _literal_openings(ch: str, rest: list[_Item], prefix: str) -> Iterator[str]:
    if ch.isalpha():
        yield from _openings(rest, prefix + ch)
    else:
        yield prefix or (DIGIT if ch.isdigit() else f"<{ch}>")


def _repeat_openings(arg: Any, rest: list[_Item], prefix: str) -> Iterator[str]:
    low, high, body = arg
    if low == 0:
        yield from _openings(rest, prefix)
    yield from _openings(list(body) + rest, prefix)
    if high > 1:  # "a+b" begins "aa" too: a second round gives every two-letter start
        yield from _openings(list(body) * 2 + rest, prefix)


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
    literal characters: ASCII ones, and those without case ("©", "’"), which the engine matches
    only as themselves, under any flags, and `fold` leaves as they are."""
    return _required(_parsed(pattern, flags))


def _as_folded(ch: str) -> str | None:
    """How `fold` writes every character a literal `ch` matches, when that is one character."""
    if ch.isascii() or ch.lower() == ch == ch.upper():
        return ch.lower()
    return None


def _required(items: list[_Item]) -> tuple[str, ...] | None:
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
        if op is C.LITERAL and (folded := _as_folded(chr(arg))) is not None:
            run.append(folded)
            continue
        consider(("".join(run),) if run else None)
        run = []
        if op is C.BRANCH:
            alternatives = [_required(list(a)) for a in arg[1]]
            if all(alternatives):
                consider(_shortest({s for a in alternatives for s in a or ()}))
        elif op in _REPEATS and arg[0] >= 1:
            consider(_required(list(arg[2])))
    consider(("".join(run),) if run else None)
    return best


def _shortest(strings: set[str]) -> tuple[str, ...]:
    """The strings none of the others is part of ("visit" finds "visited" too), sorted."""
    return tuple(sorted(s for s in strings if not any(t != s and t in s for t in strings)))


_NEEDS: dict[int, tuple[re.Pattern[str], tuple[str, ...] | None]] = {}


def needs_of(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """`required` of a compiled pattern, worked out once per pattern. Keyed by identity, with the
    pattern kept beside its answer so that its id is not reused: hashing a pattern hashes its
    whole compiled code, and this is asked for every pattern and sentence."""
    cached = _NEEDS.get(id(pattern))
    if cached is None or cached[0] is not pattern:
        cached = _NEEDS[id(pattern)] = (pattern, required(pattern.pattern, pattern.flags))
    return cached[1]


def may_match(pattern: re.Pattern[str], folded: str) -> bool:
    """False when `pattern` cannot match the text whose `fold` is `folded`: none of the strings
    its matches need is in it. A sixth of the cost of a scan that finds nothing."""
    needs = needs_of(pattern)
    if needs is None:
        return True
    # A loop, not any() over a generator: it runs for every pattern and sentence, at half the cost.
    for need in needs:  # noqa: SIM110
        if need in folded:
            return True
    return False


def always_contains(pattern: str, strings: Iterable[str], flags: int = 0) -> bool:
    """True when every text `pattern` matches, lower-cased and with each digit written as DIGIT
    ("2024" as "####"), contains one of `strings`; False when the parse does not show it. For a
    pattern run case-sensitively on lower-case text: a test that a quick look for those strings
    finds every sentence the pattern can match in."""
    return _always_contains(_parsed(pattern, flags), tuple(strings))


def _character(op: Any, arg: Any) -> str | None:
    """The character an item always matches, as always_contains compares it (lower case, a digit
    as DIGIT), or None when it is not one in particular."""
    if op is C.LITERAL:
        ch = chr(arg)
        return DIGIT if ch.isdigit() else ch.lower() if ch.isascii() else None
    return DIGIT if op is C.IN and _digits_only(arg) else None


def _digits_only(members: list[_Item]) -> bool:
    """True when a character class (its parsed members) matches digits and nothing else."""
    return bool(members) and all(
        (k is C.CATEGORY and v is C.CATEGORY_DIGIT)
        or (k is C.RANGE and "0" <= chr(v[0]) <= chr(v[1]) <= "9")
        or (k is C.LITERAL and chr(v).isdigit())
        for k, v in members
    )


def _always_contains(items: list[_Item], strings: tuple[str, ...]) -> bool:
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
        if op in _REPEATS and arg[0] >= 1 and _always_contains(list(arg[2]), strings):
            return True
    return found()


def _spelled(items: list[_Item]) -> str | None:
    """What a sequence always matches when it is single characters (digits as "#"), fixed
    repeats of one, and alternatives that all spell the same; else None."""
    spelled: list[str] = []
    for op, arg in _flattened(items):
        ch = _character(op, arg)
        if ch is None and op in _REPEATS and arg[0] == arg[1]:
            body = _spelled(list(arg[2]))
            ch = None if body is None else body * arg[0]
        elif ch is None and op is C.BRANCH:
            alternatives = {_spelled(list(a)) for a in arg[1]}
            ch = alternatives.pop() if len(alternatives) == 1 else None
        if ch is None:
            return None
        spelled.append(ch)
    return "".join(spelled)


def _flattened(items: list[_Item]) -> Iterator[_Item]:
    """The items of a sequence with groups opened, so literal runs continue through them."""
    for op, arg in items:
        if op is C.SUBPATTERN:
            yield from _flattened(list(arg[-1]))
        else:
            yield op, arg
