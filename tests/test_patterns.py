"""Pattern building: a trie finds what the longest-first alternation finds, a guard changes no
match, and a text without any of a pattern's required strings has no match of it."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsbrief.core.patterns import (
    DIGIT,
    always_contains,
    fold,
    guarded,
    may_match,
    openings,
    required,
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


def test_the_openings_are_the_letters_or_the_digit_a_match_can_begin_with():
    assert openings(r"(?:the\s+)?\d+|early\s+\d+") == {DIGIT, "the", "early"}
    assert openings(r"(?:direct\s+)?flights?|MoUs?") == {
        "direct",
        "flight",
        "flights",
        "MoU",
        "MoUs",
    }


def test_a_pattern_that_can_begin_with_anything_has_openings_that_are_not_letters():
    for pattern in (r"\w+\s+ago", r"\$\d+", r"[A-Z]\w+", r"x|(?i:y)z", r"(?i:ab)c"):
        assert any(not (o == DIGIT or o.isalpha()) for o in openings(pattern)), pattern


def test_a_guarded_pattern_with_global_flags_still_compiles_and_matches():
    assert re.compile(guarded("(?i)ab")).findall("xAB ab") == ["AB", "ab"]


def test_a_repeated_letter_can_be_both_first_letters():
    assert {o[:2] for o in openings("a*b")} == {"aa", "ab", "b"}  # "aab" begins "aa"
    assert re.fullmatch(guarded("a*b"), "aab")


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
    # Characters without case count as they are: "©" is only ever "©".
    assert required(r"(?i:©|\(c\)|copyright)\s+\w+") == ("(c)", "copyright", "©")


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
        "’",
        "©",
        r"\(c\)",
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
                "’",
                "©",
                "(C)",
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
