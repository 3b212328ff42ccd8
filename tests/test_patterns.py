"""Pattern building: a trie finds what the longest-first alternation finds, a guard changes no match,
and a text without any of a pattern's required strings has no match of it; a pattern's folded twin
matches the folded text where the pattern matches the text."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsbrief.core.patterns import (
    always_contains,
    finditer_folded,
    fold,
    folded_twin,
    guarded,
    may_match,
    openings,
    required,
    screen,
    trie,
)

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
    found = [m.group() for m in pattern.finditer("Abay Kunanbayev and Abay.")]
    assert found == ["Abay Kunanbayev", "Abay"]


def test_with_a_separator_spaces_and_hyphens_are_interchangeable():
    pattern = re.compile(trie(["nur sultan"], separator=r"[\s-]+"), re.IGNORECASE)
    assert [m.group() for m in pattern.finditer("Nur-Sultan, Nur  Sultan, NurSultan")] == [
        "Nur-Sultan",
        "Nur  Sultan",
    ]


def test_no_phrases_match_nothing():
    assert re.search(trie([]), "anything") is None
    assert re.search(trie(["", " - "], separator=r"\s+"), "anything") is None


def test_a_guard_names_the_two_letters_or_the_digit_a_match_begins_with():
    assert (
        guarded(r"(?:the\s+)?\d+|early\s+\d+") == r"(?=\d|(?:ea|th))(?:(?:the\s+)?\d+|early\s+\d+)"
    )
    assert openings(r"(?:direct\s+)?flights?|MoUs?") == {
        "direct",
        "flight",
        "flights",
        "MoU",
        "MoUs",
    }


def test_a_pattern_that_can_begin_with_anything_else_is_left_unguarded():
    for pattern in (r"\w+\s+ago", r"\$\d+", r"[A-Z]\w+", r"x|(?i:y)z", r"(?i:ab)c", r"(?i)ab"):
        assert guarded(pattern) == pattern, pattern


def test_a_repeated_letter_can_be_both_first_letters():
    assert guarded("a*b") == "(?=(?:a(?:a|b)|b))(?:a*b)"  # "aab" begins "aa"


def test_letters_after_a_case_insensitive_part_are_not_required_as_written():
    assert openings(r"ab(?i:c)d") == {"ab"}


_PIECES = st.sampled_from(
    [
        "ab",
        "a",
        "b",
        "12",
        r"\d",
        r"\s+",
        "(?:the\\s+)?",
        "(?:x|yz)",
        "c?",
        "[0-9]",
        "(?=a)",
        r"\b",
        "(?i:b)",
        "(?-i:A)",
        "B",
        "a*",
        "b+",
        "(?:ab)+",
    ]
)


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(
    st.lists(st.lists(_PIECES, min_size=1, max_size=4), min_size=1, max_size=3),
    st.lists(
        st.sampled_from(["ab", "a", "b", "A", "B", "c", "x", "yz", "12", " ", "the "]), max_size=12
    ).map("".join),
    st.booleans(),
)
def test_a_guard_never_changes_what_a_pattern_matches(alternatives, text, ignore_case):
    pattern = "|".join("".join(pieces) for pieces in alternatives)
    flags = re.IGNORECASE if ignore_case else 0
    plain = [m.span() for m in re.finditer(pattern, text, flags)]
    assert [m.span() for m in re.finditer(guarded(pattern, flags), text, flags)] == plain


def test_a_match_needs_one_of_its_alternatives_most_telling_words():
    assert required(r"direct (?:air )?flights?|air links?") == ("air link", "direct ")
    assert required(r"memorand(?:um|a|ums) of understanding|MoUs?") == (" of understanding", "mou")
    assert required(r"visits?|visited|visiting") == ("visit",)  # "visited" contains "visit"


def test_a_pattern_that_needs_no_word_has_no_list():
    for pattern in (r"\w+", "a?", "(?:ab|)", r"[A-Z]\w*", r"(?=ab)", r"x*y?"):
        assert required(pattern) is None, pattern


def test_every_character_an_ascii_letter_matches_ignoring_case_folds_to_it():
    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x80, 0x110000):
        char = chr(code)
        if letter.fullmatch(char):
            assert fold(char) == next(
                x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, char, re.IGNORECASE)
            ), hex(code)
    assert fold("İzmir Kıyı") == "izmir kiyi" and len(fold("İ")) == 1


_REQUIRING = st.sampled_from(
    [
        "ab",
        "visit",
        "Ks",
        "s",
        "i",
        "é",
        "É’s",
        r"\s+",
        r"(?:the\s+)?",
        "(?:xy|yz)",
        "c?",
        "[0-9]",
        "(?=a)",
        r"\b",
        "(?i:b)",
        "(?-i:A)",
        "(?:ab)+",
        "a*",
        "(?:|q)",
    ]
)


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(
    st.lists(st.lists(_REQUIRING, min_size=1, max_size=4), min_size=1, max_size=3),
    st.lists(
        st.sampled_from(
            [
                "ab",
                "AB",
                "visit",
                "VISIT",
                "vİsİt",
                "K",
                "\u212a",
                "ſ",
                "S",
                "ı",
                "I",
                "é",
                "É",
                "’s",
                "xy",
                "yz",
                "the ",
                "q",
                "12",
                " ",
                "c",
            ]
        ),
        max_size=10,
    ).map("".join),
    st.booleans(),
)
@example([["visit"]], "vİsİt", True)
@example([["Ks"]], "\u212aſ", True)
@example([["i"]], "ı", True)
def test_a_text_without_the_required_words_has_no_match(alternatives, text, ignore_case):
    pattern = "|".join("".join(pieces) for pieces in alternatives)
    flags = re.IGNORECASE if ignore_case else 0
    if re.search(pattern, text, flags):
        assert may_match(re.compile(pattern, flags), fold(text)), (pattern, text)


def test_a_sentence_without_the_words_is_not_scanned_and_one_with_them_is():
    cue = re.compile(r"(?<!\w)(?:direct flights?|air links?)(?!\w)", re.IGNORECASE)
    assert not may_match(cue, fold("The ministers met in Almaty."))
    assert may_match(cue, fold("New AIR LINKS were opened."))


_WORDS = [
    "visit",
    "visa",
    "flight",
    "forum",
    "signed",
    "will",
    "plan",
    "planned",
    "as planned",
    "mou",
    "talks on",
    "air link",
    "é",
    "Kazakh",
    "ſ",
]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=9), min_size=1, max_size=5),
    st.lists(
        st.lists(st.sampled_from([*_WORDS, " ", "VISIT", "Plan", "x"]), max_size=8).map("".join),
        min_size=1,
        max_size=4,
    ),
    st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 3), st.booleans()), min_size=1, max_size=25
    ),
)
def test_patterns_screened_together_answer_as_their_own_required_strings_do(
    alternations, texts, questions
):
    # Many patterns asked in turn about the same text object, some screened first, new patterns
    # joining the screen between questions: each answer is the one its own strings give.
    patterns = [
        re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) for words in alternations
    ]
    folds = [fold(t) for t in texts]
    for pattern in patterns[::2]:
        may_match(pattern, "")  # some join the screen before the questions, the others during them
    every = [(p, t, p == 0) for t in range(len(folds)) for p in range(len(patterns))]
    for p, t, screened_first in [*questions, *every]:
        pattern, folded = patterns[p % len(patterns)], folds[t % len(folds)]
        if screened_first:
            screen(folded)
        needs = required(pattern.pattern, pattern.flags)
        expected = needs is None or any(n in folded for n in needs)
        assert may_match(pattern, folded) is expected, (pattern.pattern, folded)
        if pattern.search(texts[t % len(texts)]):
            assert expected


def test_a_screened_sentence_is_answered_for_every_pattern_until_the_next_is_screened():
    towns = ["almaty", "lahore", "karachi", "astana", "shymkent", "quetta", "peshawar"]
    by_town = {town: re.compile(rf"\b{town}\b", re.IGNORECASE) for town in towns}
    for pattern in by_town.values():
        may_match(pattern, "")
    for town in towns:
        sentence = fold(f"Flights to {town.upper()} resume.")
        screen(sentence)
        assert [may_match(p, sentence) for p in by_town.values()] == [t == town for t in towns]
    unscreened = fold("Flights from Lahore to Almaty resume.")
    assert [may_match(p, unscreened) for p in by_town.values()] == [
        t in ("almaty", "lahore") for t in towns
    ]
    screen(unscreened)
    newcomer = re.compile(
        r"\bflights\b", re.IGNORECASE
    )  # joins after the text was screened without it
    assert may_match(newcomer, unscreened) and may_match(newcomer, unscreened)


def test_a_year_is_four_digits_in_a_row_whatever_alternatives_spell_it():
    assert always_contains(r"in\s+(?:1[89]\d{2}|20\d{2}|2100)", ["####"])
    assert always_contains(r"(?:19|20)\d{2}-\d\d", ["####-##"])
    assert not always_contains(r"\d{1,2}\s+days", ["####"])  # a day's count is no year
    assert not always_contains(r"(?:\d{4}|q\d)", ["####"])  # "q3" has no year


def test_a_pattern_contains_a_string_only_when_every_alternative_does():
    assert always_contains(r"the\s+(?:next|coming)\s+(?:years|months)", ["year", "month"])
    assert not always_contains(r"(?:years|weeks)", ["year"])
    assert not always_contains(r"in\s+due\s+course", ["due course"])  # a tab may stand between
    assert always_contains(r"(?:ab)+c?", ["ab"]) and not always_contains(r"(?:ab)*", ["ab"])


_CONTAINING = st.sampled_from(
    [
        "ab",
        "a",
        "b",
        "1",
        r"\d",
        r"\d{2}",
        "[0-9]",
        r"\s+",
        "(?:19|20)",
        "c?",
        "(?:ab|b)",
        "(?=a)",
        r"\b",
        "(?:ab)+",
        "a*",
        "(?:|q)",
        "[ab]",
    ]
)


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(
    st.lists(st.lists(_CONTAINING, min_size=1, max_size=5), min_size=1, max_size=3),
    st.lists(
        st.sampled_from(["ab", "a", "b", "1", "19", "20", "2024", "7", " ", "c", "q"]), max_size=10
    ).map("".join),
    st.lists(
        st.sampled_from(["ab", "a", "b", "#", "##", "####", "1", "c", " "]), min_size=1, max_size=3
    ),
)
def test_a_match_contains_a_string_the_pattern_always_contains(alternatives, text, strings):
    pattern = "|".join("".join(pieces) for pieces in alternatives)
    if always_contains(pattern, strings):
        folded = re.sub(r"\d", "#", text)
        for m in re.finditer(pattern, text):
            assert any(s in re.sub(r"\d", "#", m.group()) for s in strings), (pattern, m.group())
        if not any(s in folded for s in strings):
            assert re.search(pattern, text) is None


# Folded twins: a case-sensitive pattern on the folded text matches where the pattern matches the text

# Every character whose case or fold touches ASCII, every character up to U+2200 (Latin, Greek,
# Cyrillic and the letter-like symbols), and every 97th beyond: where case-insensitive matching
# and the fold could part ways.
_CHARACTERS = sorted(
    {chr(c) for c in range(0x2200)}
    | {chr(c) for c in range(0x2200, 0x110000, 97) if not 0xD800 <= c < 0xE000}
    | {
        chr(c)
        for c in range(0x110000)
        if not 0xD800 <= c < 0xE000
        and any(x.isascii() for x in chr(c).lower() + chr(c).upper() + chr(c).casefold())
    }
)


def test_the_fold_keeps_word_characters_digits_and_spaces_and_the_length():
    classes = [re.compile(r"\w"), re.compile(r"\d"), re.compile(r"\s")]
    for code in range(0x110000):
        char = chr(code)
        if char.lower() != char:  # fold changes only such characters (and the four twins, below)
            folded = fold(char)
            assert len(folded) == 1 and all(
                bool(c.match(char)) == bool(c.match(folded)) for c in classes
            ), hex(code)
    for twin in "\u0130\u0131\u017f\u212a":
        assert re.match(r"\w", fold(twin))


def test_a_twin_matches_each_character_folded_as_the_pattern_matches_it():
    for source in (
        "[a-z]",
        "[A-Z]",
        "[a-f]",
        "[^a-z]",
        "[!-~]",
        "[^A-Z0-9]",
        "k",
        "K",
        "s",
        "S",
        "i",
        "I",
        "[ks]",
        r"\w",
        r"[\w-]",
        "[’']",
        "[x-z]",
        r"\b\w",
        "[\u2000-\u206f]",
    ):
        pattern = re.compile(source, re.IGNORECASE)
        twin = folded_twin(pattern)
        assert twin is not None, source
        assert [
            c for c in _CHARACTERS if bool(pattern.match(c)) != bool(twin.match(fold(c)))
        ] == [], source


def test_a_pattern_whose_lower_case_means_something_else_has_no_twin():
    for source in (
        r"\W",
        r"\S+",
        r"\D",
        r"\Bx",
        r"\Ax",
        r"\N{LATIN SMALL LETTER A}",
        r"\x41",
        r"[\x41-\x5a]",
        "[A-z]",
        "[0-Z]",
        "[ -_]",
        "(?-i:May)",
        r"(?a)\w",
        "(?s:a)(?i:b)",
        "İzmir",
        "Ärzte",
        r"\u00c0",
        r"[\u00c0-\u00c5]",
        r"\\W",
    ):
        assert folded_twin(re.compile(source, re.IGNORECASE)) is None, source
    assert folded_twin(re.compile("abc")) is None  # not case-insensitive: nothing to fold
    assert (
        folded_twin(re.compile(r"(?P<Name>Ab)(?P=Name)", re.IGNORECASE)).pattern
        == "(?P<Name>ab)(?P=Name)"
    )


_FOLDING_PIECES = st.sampled_from(
    [
        "visit",
        "Visit",
        "VISIT",
        "flights?",
        "Flights",
        "(?:air|AIR)\\s+links?",
        "[A-Z]\\w*",
        "[a-f]+",
        "\\bMoUs?\\b",
        "K",
        "s",
        "(?<!\\w)",
        "(?!\\w)",
        "(?=Ab)",
        "(?:Ab|ac)",
        "[’']s",
        "\\d+",
        "(x)\\1",
        "\\s+",
        "-",
        "(?:the\\s+)?",
        "x*?",
        "[^A-Z ]",
    ]
)
_FOLDING_TEXT = st.lists(
    st.sampled_from(
        [
            "visit",
            "VISIT",
            "Visit",
            "vİsİt",
            "vıSıt",
            "flight",
            "Flights",
            "air links",
            "AIR  LINK",
            "K",
            "\u212a",
            "ſ",
            "S",
            "ab",
            "AB",
            "Ac",
            "mou",
            "MoUs",
            "’s",
            "'S",
            "x",
            "X",
            "xX",
            "12",
            " ",
            "-",
            "é",
            "É",
            "ß",
            "The ",
            "ff",
            "\u03a3",
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(st.lists(_FOLDING_PIECES, min_size=1, max_size=5).map("".join), _FOLDING_TEXT)
@example("visit", "vİsİt")
@example("[A-Z]\\w*", "\u212aſ")
def test_a_twin_on_the_folded_text_matches_where_the_pattern_matches_the_text(source, text):
    pattern = re.compile(source, re.IGNORECASE)
    assert folded_twin(pattern) is not None, source
    assert [(m.span(), m.groups()) for m in finditer_folded(pattern, text, fold(text))] == [
        (m.span(), tuple(x if x is None else fold(x) for x in m.groups()))
        for m in pattern.finditer(text)
    ]


def test_a_pattern_without_a_twin_runs_as_it_is_on_the_text():
    pattern = re.compile("(?-i:May) (?:be)", re.IGNORECASE)
    assert [m.span() for m in finditer_folded(pattern, "May BE may be", fold("May BE may be"))] == [
        (0, 6)
    ]


def _rule_patterns() -> dict[str, re.Pattern[str]]:
    """Every case-insensitive pattern the claims scan a sentence with, by what it is."""
    from newsbrief.claims import extract as claims
    from newsbrief.core.paths import CLAIM_RULES
    from newsbrief.dating.context import load_context, person_index

    rules, context = claims.load_claim_rules(CLAIM_RULES), load_context()
    found = {
        "any cue": rules.any_cue,
        "places": claims.gazetteer_index(context)[0],
        "people": person_index(context)[0],
        "titles": claims._any_title(rules.offices),
    }
    for kind in rules.kinds:
        found[f"cue {kind.name}"] = kind.cue
        found.update((f"subtype {name}", p) for name, p in kind.subtypes)
    found.update((f"status {name} {i}", p) for i, (name, p) in enumerate(rules.status))
    found.update(
        (f"figure {g.name} {i}", p) for g in rules.figures for i, p in enumerate(g.patterns)
    )
    found.update((f"title {t}", claims._title_pattern(t)) for t in rules.offices)
    return found


def test_the_claim_rules_scan_every_seed_sentence_alike_through_their_twins():
    from pathlib import Path

    seeds = sorted((Path(__file__).parents[1] / "seeds").glob("*.txt"))
    lines = [
        line
        for path in seeds
        for line in path.read_text(encoding="utf-8-sig").splitlines()
        if line.strip()
    ]
    # Each line as written, in capitals, with its cases swapped, and with the letters that fold to
    # ASCII ones ("K" the kelvin sign, the long s, the dotted and dotless i) in place of k, s and i.
    variants = [
        v
        for line in lines
        for v in (
            line,
            line.upper(),
            line.swapcase(),
            line.replace("k", "\u212a")
            .replace("s", "\u017f")
            .replace("I", "\u0130")
            .replace("i", "\u0131"),
        )
    ]
    patterns = _rule_patterns()
    assert (
        sum(folded_twin(p) is not None for p in patterns.values()) >= len(patterns) - 2
    )  # most have one
    for name, pattern in patterns.items():
        for text in variants:
            assert [m.span() for m in finditer_folded(pattern, text, fold(text))] == [
                m.span() for m in pattern.finditer(text)
            ], (name, text)
