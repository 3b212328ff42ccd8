"""Configuration is data: every data file is validated, a typo stops the build with its line, and
a theme, an event kind or the brief's scope changes by editing a data file alone."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from conftest import copy_project, run_make

from newsbrief.claims.extract import load_claim_rules, sentence_claims
from newsbrief.core.config import (
    SCOPE,
    ClaimRulesConfig,
    CodebookConfig,
    TimexWords,
    load_config,
    parse_config,
)
from newsbrief.core.errors import InputError
from newsbrief.core.paths import CLAIM_RULES, CODEBOOK, CONTEXT_DIR
from newsbrief.dating.context import Context, Place, Source, load_context
from newsbrief.dating.timex import find_timexes
from newsbrief.themes.coding import load_codebook


def line_of(text: str, needle: str) -> int:
    """The 1-based line where `needle` first appears in `text`."""
    return text[: text.index(needle)].count("\n") + 1


def misspelt(source: Path, target: Path, right: str, wrong: str) -> int:
    """`source` copied to `target` with the first `right` key spelt `wrong`; the typo's line."""
    text = source.read_text(encoding="utf-8")
    edited = text.replace(f" {right}:", f" {wrong}:", 1)
    target.write_text(edited, encoding="utf-8")
    return line_of(edited, f" {wrong}:")


# A misspelt key is an error naming the file, the line and the right spelling


def test_a_misspelt_patterns_key_in_the_codebook_stops_with_its_line(tmp_path):
    codebook = tmp_path / "codebook.yml"
    line = misspelt(CODEBOOK, codebook, "patterns", "paterns")
    with pytest.raises(InputError) as err:
        load_codebook(codebook)
    assert str(err.value).startswith(
        f"{codebook}:{line}: unknown field 'paterns' (did you mean 'patterns'?)"
    )
    assert err.value.line == line


def test_a_misspelt_titles_key_in_the_officeholders_stops_with_its_line(tmp_path):
    shutil.copytree(CONTEXT_DIR, tmp_path / "context")
    offices = tmp_path / "context" / "officeholders.yml"
    line = misspelt(CONTEXT_DIR / "officeholders.yml", offices, "titles", "tittles")
    with pytest.raises(InputError) as err:
        load_context(tmp_path / "context")
    assert str(err.value).startswith(
        f"{offices}:{line}: unknown field 'tittles' (did you mean 'titles'?)"
    )


def test_a_misspelt_directional_key_in_the_claim_rules_stops_with_its_line(tmp_path):
    rules = tmp_path / "claim_rules.yml"
    line = misspelt(CLAIM_RULES, rules, "directional", "direktional")
    with pytest.raises(InputError) as err:
        load_claim_rules(rules)
    assert str(err.value).startswith(
        f"{rules}:{line}: unknown field 'direktional' (did you mean 'directional'?)"
    )


def test_make_prints_a_typo_as_one_line_without_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    codebook = project / "analysis" / "codebook.yml"
    line = misspelt(CODEBOOK, codebook, "patterns", "paterns")
    result = run_make(project)
    assert result.returncode != 0
    errors = [row for row in result.stderr.splitlines() if row.startswith("error:")]
    assert errors == [
        next(row for row in errors if "unknown field 'paterns' (did you mean 'patterns'?)" in row)
    ]
    assert f"codebook.yml:{line}: unknown field 'paterns'" in errors[0]
    assert "Traceback" not in result.stdout + result.stderr


# Other mistakes say what is wrong and how to put it right


def rules_with(text: str, tmp_path: Path, replace: str, by: str) -> Path:
    path = tmp_path / "claim_rules.yml"
    assert replace in text
    path.write_text(text.replace(replace, by, 1), encoding="utf-8")
    return path


RULES_TEXT = CLAIM_RULES.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "replace, by, message",
    [
        ("    key: route\n", "    key: contries\n", "(did you mean 'countries'?)"),
        ("  min_length: 4 ", "  min_length: far ", "valid integer"),
        ("    key: route\n", "", "has no 'key'. Fix: add 'key:' (how two events"),
        ("yields_to: [business_delegation,", "yields_to: [business_delegaton,", "not a kind"),
        ("applies_to: [agreement]", "applies_to: [agreements]", "(did you mean 'agreement'?)"),
        ("cue: 'trade missions?'", "cue: 'trade (missions?'", "not a valid regular expression"),
        ("  planned: 'will|", "  planed: 'will|", "unknown status ['planed']"),
    ],
)
def test_a_wrong_claim_rule_names_its_line_and_fix(tmp_path, replace, by, message):
    path = rules_with(RULES_TEXT, tmp_path, replace, by)
    with pytest.raises(InputError) as err:
        load_config(path, ClaimRulesConfig)
    assert message in str(err.value)
    assert err.value.line is not None


def test_a_key_written_twice_is_an_error_not_the_last_one_winning():
    text = "themes:\n  trade:\n    patterns: [trade]\n    patterns: [commerce]\n"
    with pytest.raises(InputError, match=r"written twice \(first at line 3\)") as err:
        parse_config(text, Path("codebook.yml"), CodebookConfig)
    assert err.value.line == 4


def test_a_yaml_boolean_where_a_word_belongs_asks_for_quotes():
    text = (
        "places:\n  - name: Norway\n    kind: country\n    country: NO\n"
        "    sources: [{title: T, url: U}]\n"
    )
    from newsbrief.core.config import GazetteerConfig

    with pytest.raises(InputError, match="put the word in quotes") as err:
        parse_config(text, Path("gazetteer.yml"), GazetteerConfig)
    assert err.value.line == 4


def test_a_theme_without_patterns_is_an_error():
    text = "themes:\n  trade:\n    label: Trade\n"
    with pytest.raises(InputError, match="theme 'trade' has no patterns") as err:
        parse_config(text, Path("codebook.yml"), CodebookConfig)
    assert err.value.line == 3


def test_a_context_fact_without_a_source_is_an_error(tmp_path):
    shutil.copytree(CONTEXT_DIR, tmp_path / "context")
    (tmp_path / "context" / "placenames.yml").write_text(
        "place_names:\n  - name: Alma-Ata\n    refers_to: Almaty\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"has no 'sources'.*needs a source") as err:
        load_context(tmp_path / "context")
    assert err.value.line == 2


def test_time_tagger_words_must_be_lower_case():
    with pytest.raises(InputError, match="write 'crore'") as err:
        parse_config(
            "not_count: [lakh, Crore]\nnot_past: [united]\n", Path("timex.yml"), TimexWords
        )
    assert err.value.line == 1


# A theme, an event kind and the brief's scope are data


def test_a_renamed_event_kind_renames_its_events(tmp_path):
    source = Source("t", "u")
    context = Context(
        tenures=(),
        place_names=(),
        places=(
            Place("Kazakhstan", "country", "KZ", ("Kazakhstan",), ("Kazakh",), (source,)),
            Place("Pakistan", "country", "PK", ("Pakistan",), ("Pakistani",), (source,)),
        ),
    )
    text = "The President of Kazakhstan is set to visit Pakistan later this year."
    day = date(2023, 2, 1)

    def events(rules_path: Path) -> set[str]:
        rules = load_claim_rules(rules_path)
        claims = sentence_claims("a", 0, 0, text, find_timexes(text, day), context, rules, day)
        return {c.event for c in claims}

    renamed = rules_with(
        RULES_TEXT,
        tmp_path,
        "  official_visit:\n    label: Official visit",
        "  state_visit:\n    label: State visit",
    )
    assert events(CLAIM_RULES) == {"official_visit:president-of-kazakhstan->pakistan"}
    assert events(renamed) == {"state_visit:president-of-kazakhstan->pakistan"}


def test_a_ninth_theme_and_a_new_title_need_only_the_data_files(tmp_path):
    project = copy_project(tmp_path / "project")
    codebook = project / "analysis" / "codebook.yml"
    codebook.write_text(
        codebook.read_text(encoding="utf-8") + "\n  agriculture:\n    label: Agriculture and food\n"
        "    definition: Farming, food security and agricultural trade.\n"
        "    patterns: [agricultur*, farm*, food security]\n",
        encoding="utf-8",
    )
    scope = project / "analysis" / "scope.yml"
    scope.write_text(
        SCOPE.read_text(encoding="utf-8").replace(
            'title: "Kazakhstan–Pakistan relations: what was promised, and what followed"',
            'title: "Promises between Kazakhstan and Pakistan, checked"',
        ),
        encoding="utf-8",
    )
    result = run_make(project)
    assert result.returncode == 0, result.stdout + result.stderr
    codes = pd.read_csv(project / "build/data/codes.csv", dtype=str, keep_default_na=False)
    assert "agriculture" in set(codes.theme)
    page = (project / "report/_output/brief.html").read_text(encoding="utf-8")
    assert "Agriculture and food" in page
    assert re.search(r"<title>Promises between Kazakhstan and Pakistan, checked</title>", page)
