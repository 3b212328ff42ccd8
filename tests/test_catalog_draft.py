"""`make catalog`: draft entries for the articles the catalog does not list, appended so that
nothing a person wrote in the catalog changes."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from newsbrief.ingest.catalog import read_catalog
from newsbrief.ingest.draft import draft_catalog

BUILT = date(2026, 12, 1)
LISTED = """\
# Kept by hand: this comment and the entry below must survive.
articles:
  - file: listed.txt
    citekey: mykey2023
    outlet: ""
    title: "[A descriptive title I wrote]"
    date: 2023-05-02
    how_known:
      title: my own summary
"""
DATED = """\
Almaty flights to start in spring

Published: 2 May 2023

ISLAMABAD (Dunya News) – The two countries agreed on Tuesday to open a direct air route in
the spring, officials said after the talks in the capital.
"""
UNTITLED = """\
ISLAMABAD: The trade ministers met on Monday and reviewed the progress of the joint projects that
were agreed at the last session of the commission, officials said.
"""


def _seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "catalog.yml").write_text(LISTED, encoding="utf-8")
    (seeds / "listed.txt").write_text(UNTITLED, encoding="utf-8")
    (seeds / "dated.txt").write_text(DATED, encoding="utf-8")
    (seeds / "untitled.txt").write_text(UNTITLED.replace("Monday", "Friday"), encoding="utf-8")
    return seeds


def test_a_draft_entry_is_appended_for_each_unlisted_article_and_nothing_written_changes(tmp_path):
    seeds = _seeds(tmp_path)
    drafted = draft_catalog(seeds, BUILT)
    assert drafted.added == ["dated.txt", "untitled.txt"]
    text = (seeds / "catalog.yml").read_text(encoding="utf-8")
    assert text.startswith(LISTED)
    entries = {e.file: e for e in read_catalog(seeds / "catalog.yml")}
    assert entries["listed.txt"].title == "[A descriptive title I wrote]"
    dated = entries["dated.txt"]
    assert (dated.outlet, dated.title, dated.date) == (
        "Dunya News",
        "Almaty flights to start in spring",
        date(2023, 5, 2),
    )
    assert set(dated.how_known) == {"outlet", "title", "date", "url"}
    assert "Dunya News" in dated.how_known["outlet"] and "2 May 2023" in dated.how_known["date"]
    assert len({e.citekey for e in entries.values()}) == 3


def test_an_article_without_a_headline_leaves_its_title_to_the_analyst(tmp_path):
    seeds = _seeds(tmp_path)
    draft_catalog(seeds, BUILT)
    untitled = {e.file: e for e in read_catalog(seeds / "catalog.yml")}["untitled.txt"]
    assert untitled.title == "" and "descriptive title" in untitled.how_known["title"]
    assert untitled.date is None and "not stated" in untitled.how_known["date"]


def test_a_second_run_adds_nothing(tmp_path):
    seeds = _seeds(tmp_path)
    draft_catalog(seeds, BUILT)
    first = (seeds / "catalog.yml").read_bytes()
    assert draft_catalog(seeds, BUILT).added == []
    assert (seeds / "catalog.yml").read_bytes() == first


def test_the_command_says_what_it_added_and_what_to_do(tmp_path):
    _seeds(tmp_path)
    analysis = Path(__file__).parents[1] / "analysis"
    done = subprocess.run(
        [sys.executable, "-m", "newsbrief", "catalog"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(analysis), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "2 draft entries added to seeds/catalog.yml" in done.stdout
    assert "review them" in done.stdout
