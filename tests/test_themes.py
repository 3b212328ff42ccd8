"""Theme coding: codebook patterns, exclusions, boilerplate, and the validation metrics."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsbrief.core.records import Sentence
from newsbrief.themes.coding import (
    Code,
    _phrase_matches_word_by_word,
    code_sentence,
    compile_codebook,
    load_codebook,
    phrase_matches,
)
from newsbrief.themes.validation import validate

THEMES = load_codebook()


def themes_of(text: str, boilerplate: bool = False) -> set[str]:
    sentence = Sentence("a", 0, 0, text, 0, len(text), boilerplate)
    return {c.theme for c in code_sentence(sentence, THEMES)}


def test_the_themes_are_the_codebooks_in_its_order():
    assert THEMES.keys == (
        "aviation",
        "trade",
        "energy",
        "transport_corridors",
        "visas_travel",
        "education_culture",
        "security_defense",
        "diplomacy",
    )


def test_a_sentence_can_carry_several_themes():
    assert themes_of("Direct flights will boost trade and tourism.") >= {
        "aviation",
        "trade",
        "education_culture",
    }


def test_wildcards_match_inflections_and_hyphens_match_spaces():
    assert "visas_travel" in themes_of("Five-year multiple entry visas were announced.")
    assert "education_culture" in themes_of("It fosters people-to-people contact.")
    assert "education_culture" in themes_of("It fosters people to people contact.")


def test_patterns_match_whole_words_only():
    assert "transport_corridors" not in themes_of("They support the plan.")
    assert "trade" not in themes_of("This is an important day.")


def test_capitalised_acronyms_match_only_in_capitals():
    assert "energy" in themes_of("They signed an LNG deal.")
    assert "energy" not in themes_of("The word lng in lower case is not the fuel.")


def test_exclusions_cancel_overlapping_matches():
    assert "security_defense" not in themes_of("Food security is a concern.")
    assert "security_defense" in themes_of("Regional security is a concern.")


def test_boilerplate_carries_no_theme():
    assert themes_of("Also Read: Flights and trade and visas", boilerplate=True) == set()


def test_the_term_that_matched_is_kept_as_written():
    sentence = Sentence("a", 0, 0, "They plan Direct Flights.", 0, 25)
    codes = code_sentence(sentence, THEMES)
    assert Code("a", 0, 0, "aviation", "Direct Flights") in codes


def test_raw_regex_patterns_are_allowed_with_re_prefix():
    book = compile_codebook({"trade": {"patterns": ["re:\\bB2[BC]\\b"]}})
    sentence = Sentence("a", 0, 0, "B2C links grow.", 0, 15)
    assert [c.term for c in code_sentence(sentence, book)] == ["B2C"]


def test_words_of_a_phrase_must_be_joined_by_space_or_hyphen():
    assert "visas_travel" not in themes_of("Multiple, entry points.")


_SMALL_BOOK = compile_codebook(
    {
        "trade": {
            "patterns": ["trade", "free trade zone", "export*", "Straße"],
            "exclude": ["trade fair"],
        },
        "energy": {"patterns": ["oil", "oil-and-gas", "é*"], "case_sensitive": ["LNG"]},
    }
)
_WORDS = [
    "trade",
    "Trade",
    "TRADE",
    "free",
    "zone",
    "fair",
    "exports",
    "Exporters",
    "export",
    "oil",
    "OIL",
    "and",
    "gas",
    "LNG",
    "lng",
    "Straße",
    "STRASSE",
    "strasse",
    "élan",
    "Élan",
    "İstanbul",
    "ſtraße",
    "trader",
    "retrade",
    "x",
]


@settings(max_examples=600, derandomize=True, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=10),
    st.lists(
        st.sampled_from([" ", "-", " – ", ", ", "  ", "’s ", "\t", ""]), min_size=10, max_size=10
    ),
    st.sampled_from([_SMALL_BOOK, THEMES]),
)
@example(["Straße"], [" "] * 10, _SMALL_BOOK)
def test_the_opening_scan_finds_what_visiting_every_word_finds(words, gaps, book):
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    assert phrase_matches(text, book) == _phrase_matches_word_by_word(text, book)


def test_a_sharp_s_matches_its_casefold_in_either_spelling():
    for text in ("Straße tolls rose.", "STRASSE tolls rose."):
        sentence = Sentence("a", 0, 0, text, 0, len(text))
        assert [c.term for c in code_sentence(sentence, _SMALL_BOOK)] == [text.split()[0]], text


def test_validation_counts_precision_recall_and_alpha():
    hand = {
        ("a", 0): ({"trade"}, "heldout"),
        ("a", 1): ({"energy"}, "heldout"),
        ("a", 2): (set(), "heldout"),
        ("b", 0): ({"trade"}, "dev"),
    }
    machine = {("a", 0): {"trade"}, ("a", 1): {"trade"}, ("b", 0): {"trade"}}
    table = validate(machine, hand, THEMES.keys)
    trade = table[(table.split == "heldout") & (table.theme == "trade")].iloc[0]
    assert (trade.tp, trade.fp, trade.fn) == (1, 1, 0)
    assert trade.precision == 0.5 and trade.recall == 1.0
    micro = table[(table.split == "heldout") & (table.theme == "micro")].iloc[0]
    assert (micro.tp, micro.fp, micro.fn) == (1, 1, 1)
    assert isinstance(micro.alpha, float)
    assert set(table.split) == {"dev", "heldout", "all"}


def test_two_coders_agreement_per_theme():
    from newsbrief.themes.validation import intercoder

    first = {("a", 0): ({"trade"}, "dev"), ("a", 1): ({"energy"}, "dev"), ("a", 2): (set(), "dev")}
    second = {("a", 0): ({"trade"}, "dev"), ("a", 1): (set(), "dev"), ("a", 2): (set(), "dev")}
    table = intercoder(first, second, THEMES.keys).set_index("theme")
    assert table.loc["trade", "agreement"] == 1.0
    assert round(table.loc["energy", "agreement"], 3) == round(2 / 3, 3)
    assert table.loc["all", "units"] == 3


def test_coders_are_described_from_their_file(tmp_path):
    from newsbrief.themes.validation import load_coders

    path = tmp_path / "coders.yml"
    path.write_text(
        "coders:\n  - file: x.csv\n    reference: coder2\n    who: >-\n      a trained\n"
        "      annotator\n    blind_to_codebook: true\n",
        encoding="utf-8",
    )
    assert load_coders(path) == {
        "coder2": {"who": "a trained annotator", "blind": "yes", "caveat": ""}
    }
    assert load_coders(tmp_path / "absent.yml") == {}


def test_a_coder_without_a_description_is_a_clear_error(tmp_path):
    import pytest

    from newsbrief.core.errors import InputError
    from newsbrief.themes.validation import load_coders

    path = tmp_path / "coders.yml"
    path.write_text("coders:\n  - file: x.csv\n    reference: coder2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"coders\[0\] has no 'who'") as err:
        load_coders(path)
    assert err.value.line == 2


def test_the_brief_calls_a_coder_independent_only_when_blind_to_the_codebook():
    import pandas as pd

    from newsbrief.report.tables import limitations

    articles = pd.DataFrame({"outlet": ["X"], "date_basis": ["catalog"], "article_id": ["a"]})
    findings = pd.DataFrame({"check": []})
    row = {
        "split": "heldout",
        "theme": "micro",
        "f1": 0.9,
        "units": 20,
        "reference": "coder1",
        "who": "the codebook's author",
        "caveat": "",
    }
    author = limitations(articles, findings, pd.DataFrame([{**row, "blind": "no"}]))
    blind = limitations(
        articles, findings, pd.DataFrame([{**row, "blind": "yes", "reference": "coder2"}])
    )
    assert "not by an independent coder" in author and "did not see the codebook" not in author
    assert "did not see the codebook" in blind


def test_no_hand_coded_paragraph_gives_no_figures_rather_than_zeros():
    table = validate({("x", 0): {"trade"}}, {}, THEMES.keys)
    assert table.empty and "f1" in table.columns


def test_a_corpus_without_hand_coded_articles_is_reported_unvalidated():
    import pandas as pd

    from newsbrief.report.tables import limitations, validation_summary

    empty = validate({}, {}, THEMES.keys).assign(reference="", who="", blind="", caveat="")
    assert "no validation figures" in validation_summary(empty.iloc[0:0], empty, pd.DataFrame())
    articles = pd.DataFrame({"outlet": ["X"], "date_basis": ["catalog"], "article_id": ["a"]})
    assert "unvalidated here" in limitations(articles, pd.DataFrame({"check": []}), empty)


def test_undefined_figures_print_as_not_available():
    from newsbrief.report.tables import _figure

    assert (_figure(float("nan")), _figure(""), _figure(0.456)) == ("n/a", "n/a", "0.46")


def test_only_hand_coded_articles_present_in_the_corpus_are_validated(tmp_path):
    from newsbrief.core.paths import Paths
    from newsbrief.themes.stage import validate_codes

    paths = Paths.at(tmp_path)
    paths.validation.parent.mkdir(parents=True)
    paths.validation.write_text(
        "article_id,paragraph,themes,split,note\na,0,trade,heldout,\ngone,0,energy,heldout,\n",
        encoding="utf-8",
    )
    from newsbrief.core import schema

    row = dict.fromkeys(schema.ARTICLES.names, "") | {
        "article_id": "a",
        "paragraphs": 1,
        "sentences": 1,
        "dateline_paragraph": 0,
    }
    schema.ARTICLES.write(schema.ARTICLES.frame([row]), paths.data)
    validation, _ = validate_codes(paths, [Code("a", 0, 0, "trade", "trade")], THEMES.keys)
    micro = validation[(validation.split == "heldout") & (validation.theme == "micro")].iloc[0]
    assert (micro.units, micro.tp, micro.fn, micro.f1) == (1, 1, 0, 1.0)
