"""Ingest: decoding, paragraphs, datelines, sentences, boilerplate and the catalog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsbrief.core.errors import InputError
from newsbrief.ingest.catalog import parse_catalog
from newsbrief.ingest.datelines import find_dateline
from newsbrief.ingest.files import build_article, decode_article, paragraphs_of, read_corpus
from newsbrief.ingest.rules import load_ingest_rules
from newsbrief.ingest.sentences import split_sentences

RULES = load_ingest_rules()
PLACES = frozenset({"islamabad", "lahore", "astana", "almaty", "nur-sultan"})


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, RULES.abbreviations)]


# Decoding


def test_utf8_with_bom_and_crlf_is_accepted_and_normalised():
    assert (
        decode_article("\ufeffLine one.\r\nLine two.\r\n".encode("utf-8"), "a.txt")
        == "Line one.\nLine two.\n"
    )


@pytest.mark.parametrize(
    "raw, problem",
    [
        (b"", "is empty"),
        (b"   \n\t\n", "only whitespace"),
        ("Hello".encode("utf-16"), "UTF-16"),
        (b"%PDF-1.7\n...", "a PDF"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"abc\x00def", "binary"),
    ],
)
def test_unreadable_files_get_a_clear_error(raw, problem):
    with pytest.raises(InputError) as err:
        decode_article(raw, "seeds/x.txt")
    assert problem in str(err.value)
    assert "seeds/x.txt" in str(err.value) and "Fix:" in str(err.value)


def test_windows_1252_text_names_the_line_and_says_how_to_fix():
    raw = "First line.\nCaf\u00e9 in Lahore.\n".encode("cp1252")
    with pytest.raises(InputError) as err:
        decode_article(raw, "seeds/latin.txt")
    assert err.value.line == 2
    assert "UTF-8" in err.value.fix


def test_paragraphs_are_the_non_empty_lines():
    assert paragraphs_of("A.\n\n  \nB.\nC.") == ["A.", "B.", "C."]


# Datelines


@pytest.mark.parametrize(
    "first, basis, when, place, tag",
    [
        ("date 2023-02-23 Kazakhstan is gearing up.", "header", date(2023, 2, 23), "", ""),
        (
            "Islamabad, 23 March 2023 (TDI): The Embassy greets.",
            "dateline",
            date(2023, 3, 23),
            "Islamabad",
            "TDI",
        ),
        (
            "Lahore, 2 May 2023 (Some Outlet): A forum opens.",
            "dateline",
            date(2023, 5, 2),
            "Lahore",
            "Some Outlet",
        ),
        ("Astana, May 2, 2024 (APP) - Talks held.", "dateline", date(2024, 5, 2), "Astana", "APP"),
        ("ISLAMABAD. KAZINFORM - The ambassador met.", "dateline", None, "ISLAMABAD", "KAZINFORM"),
        ("Islamabad – In a key development.", "dateline", None, "Islamabad", ""),
        ("NUR-SULTAN - Officials said.", "dateline", None, "NUR-SULTAN", ""),
    ],
)
def test_common_datelines_give_place_date_and_outlet(first, basis, when, place, tag):
    found = find_dateline(first, PLACES)
    assert found is not None
    assert (found.basis, found.date, found.place, found.tag) == (basis, when, place, tag)


def test_an_ordinary_opening_is_not_a_dateline():
    assert find_dateline("Kazakhstan - a country of steppes - signed a deal.", PLACES) is None
    assert find_dateline("The ambassador met the minister.", PLACES) is None


def test_dateline_is_metadata_not_text_for_coding():
    article = build_article(
        "a1",
        "seeds/a1.txt",
        b"Islamabad, 23 March 2023 (TDI): Flights begin.\n",
        None,
        RULES,
        PLACES,
    )
    assert [s.text for s in article.sentences] == ["Flights begin."]
    assert article.outlet == "The Diplomatic Insight"
    assert article.header_date == date(2023, 3, 23)


def test_the_dateline_is_found_after_a_subheadline_share_buttons_and_key_points():
    text = (
        "Ministers agree on a rail study\n\n"
        "Feasibility work to start next year, officials say\n\nShare:\n\nKey Points\n\n"
        "• A study of the line\n\n• Funding to follow\n\n"
        "ISLAMABAD: The ministers agreed on Monday to fund a joint study of the rail line that "
        "would link the two countries through the mountain passes.\n"
    )
    article = build_article("a2", "seeds/a2.txt", text.encode(), None, RULES, PLACES)
    assert article.place == "ISLAMABAD"
    assert not any(s.text.startswith("ISLAMABAD") for s in article.sentences)


def test_a_dateline_after_the_story_has_begun_is_none():
    body = (
        "The ministers agreed on Monday to fund a joint study of the rail line that would link "
        "the two countries through the mountain passes, officials said afterwards."
    )
    text = f"Ministers agree on a rail study\n\n{body}\n\nISLAMABAD: More talks follow.\n"
    article = build_article("a3", "seeds/a3.txt", text.encode(), None, RULES, PLACES)
    assert article.place == ""


def test_a_line_that_is_only_a_known_place_is_the_dateline_and_an_agency_alone_is_not():
    assert find_dateline("Islamabad", PLACES).place == "Islamabad"
    assert find_dateline("APP", PLACES) is None


# Sentences


def test_titles_do_not_end_sentences():
    assert sentences("Mr. Khan met Dr. Ali. They spoke.") == [
        "Mr. Khan met Dr. Ali.",
        "They spoke.",
    ]


def test_numbers_and_decimals_do_not_end_sentences():
    assert sentences("Resolution No. 5 raised trade by 3.5 per cent. It passed.") == [
        "Resolution No. 5 raised trade by 3.5 per cent.",
        "It passed.",
    ]


def test_initials_do_not_end_sentences():
    assert sentences("The report by J. R. Smith was read. Then lunch.") == [
        "The report by J. R. Smith was read.",
        "Then lunch.",
    ]


def test_quoted_speech_stays_with_its_speaker():
    assert sentences('"Are flights ready?" he asked. "Yes." She nodded.') == [
        '"Are flights ready?" he asked.',
        '"Yes."',
        "She nodded.",
    ]


def test_sentence_ending_inside_quotes_splits_after_the_quote():
    assert sentences('He said "we will fly." Talks ended.') == [
        'He said "we will fly."',
        "Talks ended.",
    ]


def test_acronyms_with_dots_mid_sentence_do_not_split():
    assert sentences("Trade with the U.S. grew. So did exports.") == [
        "Trade with the U.S. grew.",
        "So did exports.",
    ]


def test_also_read_lines_are_boilerplate():
    text = b"Trade grew.\nAlso Read: Something else entirely\nalso read: lower case too\n"
    article = build_article("a2", "seeds/a2.txt", text, None, RULES, PLACES)
    assert [s.boilerplate for s in article.sentences] == [False, True, True]


# Catalog


def test_catalog_entries_parse_with_dates_and_notes():
    entries = parse_catalog(
        "articles:\n  - file: a.txt\n    citekey: k1\n    date: 2023-02-01\n"
        "    how_known: {date: header}\n",
        Path("catalog.yml"),
    )
    assert entries[0].date == date(2023, 2, 1) and entries[0].how_known == {"date": "header"}


@pytest.mark.parametrize(
    "text, problem, line",
    [
        ("articles:\n  - file: a.txt\n    date: 2023-13-45\n", "not a date", 3),
        (
            "articles:\n  - file: a.txt\n    tittle: X\n",
            "unknown field 'tittle' (did you mean 'title'?)",
            3,
        ),
        ("articles:\n  - file: a.txt\n    title: [A, B]\n", "should be a valid string", 3),
        ("articles:\n  - citekey: k\n", "has no 'file'", 2),
        ("articles:\n  - file: a.txt\n  - file: a.txt\n", "twice", 3),
        (
            "articles:\n  - file: a.txt\n    citekey: k\n  - file: b.txt\n    citekey: k\n",
            "used twice",
            4,
        ),
        ("articles:\n  - file: a.txt\n   citekey: [unclosed\n", "not valid YAML", None),
    ],
)
def test_bad_catalogs_name_the_line_and_the_fix(text, problem, line):
    with pytest.raises(InputError) as err:
        parse_catalog(text, Path("seeds/catalog.yml"))
    assert problem in str(err.value)
    if line is not None:
        assert err.value.line == line


def test_uncatalogued_files_are_processed_and_the_gap_reported(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "new.txt").write_text(
        "Lahore, 2 May 2023 (APP): A forum opened in Lahore.\n", encoding="utf-8"
    )
    corpus = read_corpus(seeds, RULES, PLACES)
    article = corpus.articles[0]
    assert article.citekey == "article-new" and article.title.startswith("[")
    assert any("not in the catalog" in note for note in article.notes)


def test_duplicate_text_is_counted_once_and_reported(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Same text.\n", encoding="utf-8")
    (seeds / "b.txt").write_text("Same text.\r\n", encoding="utf-8")
    corpus = read_corpus(seeds, RULES, PLACES)
    assert [a.article_id for a in corpus.articles] == ["a"]
    assert "b.txt has the same text as a.txt" in corpus.notes[0]


def test_catalog_entry_for_a_missing_file_is_reported_not_fatal(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Text.\n", encoding="utf-8")
    (seeds / "catalog.yml").write_text(
        "articles:\n  - file: gone.txt\n    citekey: g\n", encoding="utf-8"
    )
    corpus = read_corpus(seeds, RULES, PLACES)
    assert any("gone.txt" in note for note in corpus.notes)


def test_a_five_megabyte_article_is_processed():
    paragraph = (
        "Trade between Kazakhstan and Pakistan grew by 3.5 per cent. Mr. Khan said so. " * 60
    )
    raw = ("\n".join([paragraph] * 1100)).encode("utf-8")
    assert len(raw) > 5_000_000
    article = build_article("big", "seeds/big.txt", raw, None, RULES, PLACES)
    assert len(article.paragraphs) == 1100 and len(article.sentences) == 1100 * 120


def test_one_twenty_thousand_character_line_is_one_paragraph():
    raw = ("Flights were discussed. " * 900).encode("utf-8")
    article = build_article("line", "seeds/line.txt", raw, None, RULES, PLACES)
    assert len(article.paragraphs) == 1 and len(article.sentences) == 900


def test_a_context_file_that_is_not_a_mapping_says_how_it_should_start(tmp_path):
    import shutil

    from newsbrief.dating.context import CONTEXT_DIR, load_context

    shutil.copytree(CONTEXT_DIR, tmp_path / "context")
    (tmp_path / "context" / "officeholders.yml").write_text("- a list\n", encoding="utf-8")
    with pytest.raises(InputError, match="start with `tenures:`"):
        load_context(tmp_path / "context")


def test_lower_case_ascii_is_cut_into_the_words_the_unicode_letter_pattern_finds():
    from newsbrief.ingest import files as corpus

    for code in range(128):
        for text in (f"ab{chr(code)}cd", f"{chr(code)}ab", f"ab{chr(code)}", chr(code) * 3):
            lowered = text.lower()
            assert lowered.translate(corpus._ASCII_NON_LETTERS).split() == corpus._LETTERS.findall(
                lowered
            ), code


def test_a_text_in_another_script_is_still_judged_by_its_letters():
    from newsbrief.ingest.files import looks_english

    assert looks_english("the talks of the two sides " * 5)
    assert not looks_english("переговоры двух сторон прошли в Астане " * 5)
