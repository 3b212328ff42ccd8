"""Citations as a reader sees them: the outlet as author, the headline as written, and quotation
marks that Typst prints the right way round."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pypandoc

from newsbrief.report.cite import csl_entry

FILTER = Path(__file__).parents[1] / "report" / "literal-quotes.lua"


def _render(entries: list[dict[str, object]], to: str, tmp_path: Path) -> str:
    (tmp_path / "refs.json").write_text(json.dumps(entries), encoding="utf-8")
    source = f"---\nbibliography: {tmp_path / 'refs.json'}\nlang: en-GB\n---\n\nSee @a.\n"
    return pypandoc.convert_text(
        source,
        to,
        format="markdown",
        extra_args=["--citeproc", f"--lua-filter={FILTER}"],
    )


def test_a_headline_keeps_its_case_and_hostile_text_stays_text(tmp_path):
    entry = csl_entry(
        "a", "Officials said <script>x()</script> talks went well", "Dawn", "", date(2023, 5, 1),
        None, None, "header",
    )  # fmt: skip
    html = _render([entry], "html", tmp_path)
    assert "Officials said" in html and "Officials Said" not in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Dawn. 2023." in html


def test_a_bracketed_title_is_quoted_with_real_quotation_marks_in_typst(tmp_path):
    entry = csl_entry(
        "a", "[Embassy greets the nation on its day]", "TDI", "", date(2023, 3, 23), None, None,
        "dateline",
    )  # fmt: skip
    typst = _render([entry], "typst", tmp_path)
    assert "‘\\[Embassy greets the nation on its day\\]’" in typst
    assert "'\\[" not in typst and "\\]'" not in typst
