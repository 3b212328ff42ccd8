"""Bad input end to end: messy articles are processed and reported; broken ones stop the build
with a message naming the file and the fix, no traceback, and the previous brief left in place."""

from __future__ import annotations

import html
import re
import shutil

import pandas as pd
import pytest
from conftest import copy_project, run_make

HOSTILE = (
    "Direct flights between Almaty and Lahore will begin in May <script>alert(1)</script> "
    "{{< include /etc/passwd >}} @tdi2023phonecall [x](javascript:alert(1)) "
    '$$\\input{/etc/passwd}$$ #import "x.typ" *bold* | a | b |.'
)
GERMAN = (
    "Die Regierung von Kasachstan und die Regierung von Pakistan haben sich getroffen. "
    "Sie sprachen über Zusammenarbeit, über Handel und über neue Flugverbindungen zwischen "
    "den Hauptstädten. Weitere Gespräche sollen im Herbst stattfinden, sagte ein Sprecher."
)


@pytest.fixture(scope="module")
def messy_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("messy") / "project")
    seeds = project / "seeds"
    (seeds / "090_hostile.txt").write_text(
        "Lahore, 2 May 2023 (Some Outlet): " + HOSTILE + "\n", encoding="utf-8"
    )
    (seeds / "091_bom_crlf.txt").write_bytes(
        "\ufeffIslamabad – Trade between the two countries grew.\r\n\r\nVisas will be eased.\r\n".encode(
            "utf-8"
        )
    )
    (seeds / "092_german.txt").write_text(GERMAN + "\n", encoding="utf-8")
    (seeds / "093_future.txt").write_text(
        "date 2099-01-01 Trade grew between Kazakhstan and Pakistan.\n", encoding="utf-8"
    )
    shutil.copy(seeds / "000_84c7af0139430d5b.txt", seeds / "094_duplicate.txt")
    (seeds / "095_long_line.txt").write_text(
        ("Trade grew. " * 2000).strip() + "\n", encoding="utf-8"
    )
    (seeds / "096_nothing_coded.txt").write_text(
        "The weather was mild and the sky was blue.\n", encoding="utf-8"
    )
    result = run_make(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def visible(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_messy_articles_are_processed_and_reported(messy_project):
    articles = pd.read_csv(
        messy_project / "build/data/articles.csv", dtype=str, keep_default_na=False
    )
    assert {
        "090_hostile",
        "091_bom_crlf",
        "092_german",
        "093_future",
        "095_long_line",
        "096_nothing_coded",
    } <= set(articles.article_id)
    assert "094_duplicate" not in set(articles.article_id)
    notes = " ".join(
        visible((messy_project / "report/_output/brief.html").read_text(encoding="utf-8")).split()
    )
    for expected in (
        "094_duplicate.txt has the same text",
        "does not look like English",
        "after the build date",
        "not in the catalog",
        "no sentence matches the codebook",
    ):
        assert expected in notes, expected


def test_article_text_prints_literally_and_runs_nothing(messy_project):
    page = (messy_project / "report/_output/brief.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "javascript:" not in re.sub(r"&[^;]+;", "", "".join(re.findall(r'href="[^"]*"', page)))
    text = " ".join(visible(page).split())
    assert " ".join(HOSTILE.split()) in text


def test_hostile_text_does_not_reach_typst_as_code(messy_project):
    typ = (messy_project / "report/_generated/brief.typ").read_text(encoding="utf-8")
    assert '#import "x.typ"' not in typ.replace('\\#import "x.typ"', "")


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("097_latin1.txt", "Caf\u00e9 in Lahore.\n".encode("cp1252"), "is not UTF-8"),
        ("098_empty.txt", b"", "is empty"),
        ("099_binary.txt", b"%PDF-1.7\n\x00\x01", "is a PDF"),
    ],
)
def test_a_broken_file_stops_the_build_with_a_clear_message(
    built_project, tmp_path, name, content, expected
):
    project = copy_project(tmp_path / "project")
    shutil.copytree(built_project / "build", project / "build")
    shutil.copytree(built_project / "report/_output", project / "report/_output")
    before = (project / "report/_output/brief.html").read_bytes()
    (project / "seeds" / name).write_bytes(content)
    result = run_make(project)
    assert result.returncode != 0
    assert (
        f"seeds/{name}" in result.stderr and expected in result.stderr and "Fix:" in result.stderr
    )
    assert "Traceback" not in result.stderr + result.stdout
    assert (project / "report/_output/brief.html").read_bytes() == before


def test_a_broken_catalog_names_its_line(built_project, tmp_path):
    project = copy_project(tmp_path / "project")
    catalog = project / "seeds/catalog.yml"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace("    date: 2023-03-23", "    date: 2023-13-45"),
        encoding="utf-8",
    )
    result = run_make(project)
    assert (
        result.returncode != 0
        and "seeds/catalog.yml:" in result.stderr
        and "YYYY-MM-DD" in result.stderr
    )
    assert "Traceback" not in result.stderr
