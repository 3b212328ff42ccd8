"""The built brief in a real browser (Debian's Chromium under Playwright): the contents jump and
stay in view, the tables search, sort and filter, folds open, nothing loads from outside the file,
nothing logs an error, and a phone does not scroll sideways."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Visit, visit

BRIEF = "report/_output/brief.html"
SCREENSHOT = ROOT / "build" / "brief-first-screen.png"
PHONE = {"width": 390, "height": 844}

ROWS = """container => Array.from(container.querySelector('table').tBodies[0].rows)
  .filter(row => !row.querySelector('td.dt-empty'))
  .map(row => Array.from(row.cells).map(cell => cell.innerText.trim()))"""
OPEN_FOLDS = "document.querySelectorAll('details').forEach(d => { d.open = true; })"
SIDEWAYS = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"


@pytest.fixture
def brief(chromium, built_project) -> Iterator[Visit]:
    with visit(chromium, built_project / BRIEF) as seen:
        yield seen


def searchable(page: Any) -> Any:
    return page.locator("div.searchable-table")


def rows(container: Any) -> list[list[str]]:
    found: list[list[str]] = container.evaluate(ROWS)
    return found


def total_rows(container: Any) -> int:
    """The row count DataTables reports under the table ("Showing 1 to 25 of 34 entries")."""
    info = container.locator(".dt-info").text_content() or ""
    return int(re.findall(r"of ([\d,]+) entries", info)[0].replace(",", ""))


def every_row(page: Any, container: Any) -> list[list[str]]:
    """All rows of the table, with the page-length control (shown above 25 rows) set to All."""
    length = container.locator(".dt-length select")
    if length.count():
        length.select_option(label="All")
        # The redraw may land after the select returns: wait until every row is on the page.
        container.page.wait_for_function(
            f"([c, n]) => ({ROWS})(c).length === n",
            arg=[container.element_handle(), total_rows(container)],
        )
    return rows(container)


def rarest_word(table_rows: list[list[str]]) -> tuple[str, int]:
    """A word that some rows have and others do not, with how many rows have it."""
    texts = [" ".join(r).lower() for r in table_rows]
    words = sorted({w for t in texts for w in re.findall(r"[a-z]{4,}", t)})
    counts = [(sum(w in t for t in texts), w) for w in words]
    n, word = min(c for c in counts if 0 < c[0] < len(texts))
    return word, n


def test_every_contents_link_jumps_to_its_section(brief):
    page = brief.page
    links = page.locator("#TOC a")
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) >= 8
    for n, href in enumerate(hrefs):
        links.nth(n).click()
        page.wait_for_function(
            """href => {
              const target = document.querySelector(':target');
              if (location.hash !== href || !target || target.id !== href.slice(1)) return false;
              const top = target.getBoundingClientRect().top;
              return top >= -1 && top < innerHeight;
            }""",
            arg=href,
            timeout=5_000,
        )
    assert page.evaluate("scrollY") > 0


def test_the_contents_stay_in_view_on_a_wide_screen(brief):
    page = brief.page
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("scrollY > innerHeight")
    first = page.locator("#TOC a").first.bounding_box()
    assert first is not None
    assert 0 <= first["y"] < page.viewport_size["height"]


def test_searching_a_table_leaves_only_the_rows_that_match(brief):
    page = brief.page
    page.evaluate(OPEN_FOLDS)
    tried = 0
    for container in searchable(page).all():
        table_rows = every_row(page, container)
        if len(table_rows) < 2:
            continue
        word, expected = rarest_word(table_rows)
        box = container.locator(".dt-search input")
        box.fill(word)
        page.wait_for_function(
            f"c => ({ROWS})(c).length === {expected}", arg=container.element_handle()
        )
        assert all(word in " ".join(r).lower() for r in rows(container)), word
        box.fill("")
        page.wait_for_function(
            f"c => ({ROWS})(c).length === {len(table_rows)}", arg=container.element_handle()
        )
        tried += 1
    assert tried >= 3


def test_sorting_a_column_puts_its_rows_in_order(brief):
    page = brief.page
    page.evaluate(OPEN_FOLDS)
    for container in searchable(page).all():
        table_rows = every_row(page, container)
        for column in range(len(table_rows[0]) if table_rows else 0):
            values = [r[column] for r in table_rows]
            if values == sorted(values, key=str.lower):
                continue
            header = container.locator("thead th").nth(column)
            header.locator("button.dtcc-button_order").click()
            # The first click orders ascending, unless DataTables already held the column in
            # order by its own reading of the values: then it orders descending; click again.
            page.wait_for_function(
                "th => /dt-ordering-(asc|desc)/.test(th.className)", arg=header.element_handle()
            )
            if "dt-ordering-desc" in (header.get_attribute("class") or ""):
                header.locator("button.dtcc-button_order").click()
            assert [r[column] for r in rows(container)] == sorted(values, key=str.lower)
            return
    pytest.fail("no table has a column that is not already in order")


def test_a_column_filter_keeps_only_the_rows_with_the_value_ticked(brief):
    page = brief.page
    page.evaluate(OPEN_FOLDS)
    for container in searchable(page).all():
        table_rows = every_row(page, container)
        headers = container.locator("thead th")
        for column in range(headers.count()):
            headers.nth(column).locator("button.dtcc-button_dropdown").click()
            choices = page.locator(".dtcc-dropdown .dtcc-list-buttons button")
            if choices.count() < 2:
                page.keyboard.press("Escape")
                continue
            value = " ".join(choices.first.inner_text().split())
            choices.first.click()
            page.keyboard.press("Escape")
            kept = rows(container)
            assert kept and all(r[column] == value for r in kept)
            assert len(kept) == sum(r[column] == value for r in table_rows) < len(table_rows)
            return
    pytest.fail("no table column offers a list of values to filter by")


def test_long_sections_are_folded_and_open_on_a_click(brief):
    page = brief.page
    folds = page.locator("details.fold")
    assert folds.count() >= 3
    assert folds.evaluate_all("ds => ds.every(d => !d.open)")
    fold = folds.filter(has=page.locator("div.searchable-table")).first
    table = fold.locator("div.searchable-table")
    assert not table.is_visible()
    fold.locator("summary").click()
    assert table.is_visible()


def test_printing_opens_every_fold_and_lists_every_row(brief):
    page = brief.page
    on_screen = [len(rows(c)) for c in searchable(page).all()]
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.fold").evaluate_all("ds => ds.every(d => d.open)")
    assert [len(rows(c)) for c in searchable(page).all()] == [
        total_rows(c) for c in searchable(page).all()
    ]
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details.fold").evaluate_all("ds => ds.every(d => !d.open)")
    assert [len(rows(c)) for c in searchable(page).all()] == on_screen


def use_the_page(page: Any) -> None:
    """What a reader does: open the folds, search each table, sort a column, print."""
    page.evaluate(OPEN_FOLDS)
    for container in searchable(page).all():
        container.locator(".dt-search input").fill("flights")
        container.locator("thead th").first.locator("button.dtcc-button_order").click()
        container.locator(".dt-search input").fill("")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")


def test_using_the_page_logs_no_error(brief):
    use_the_page(brief.page)
    assert brief.errors == []


def test_nothing_is_requested_from_outside_the_file(brief):
    use_the_page(brief.page)
    assert brief.left_the_file == []


def test_a_request_that_would_leave_the_file_is_caught(brief):
    # The guard of the test above, seen to work: a request the page did not make is refused.
    brief.page.evaluate("fetch('https://example.org/brief.css').catch(() => null)")
    brief.page.wait_for_timeout(200)
    assert "https://example.org/brief.css" in brief.left_the_file


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts", "no-scripts"])
def test_a_phone_does_not_scroll_sideways(chromium, built_project, scripts):
    with visit(chromium, built_project / BRIEF, scripts=scripts, **PHONE) as seen:
        scroll, width = seen.page.evaluate(SIDEWAYS)
        assert scroll <= width
        seen.page.evaluate(OPEN_FOLDS)
        scroll, width = seen.page.evaluate(SIDEWAYS)
        assert scroll <= width


def test_without_scripts_every_table_reads_whole(chromium, built_project, brief):
    totals = [total_rows(c) for c in searchable(brief.page).all()]
    with visit(chromium, built_project / BRIEF, scripts=False) as plain:
        assert [len(rows(c)) for c in searchable(plain.page).all()] == totals
        assert plain.page.locator("details.fold").count() >= 3


def run_browser_test(env: dict[str, str]) -> subprocess.CompletedProcess:
    """One browser test in a child pytest, with `env` on top of this environment."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{Path(__file__)}::test_a_request_that_would_leave_the_file_is_caught",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
    )


def test_without_chromium_the_browser_tests_fail_and_say_how_to_install_it(tmp_path):
    result = run_browser_test(
        {"NEWSBRIEF_CHROMIUM": str(tmp_path / "chromium"), "NEWSBRIEF_SKIP_BROWSER_TESTS": ""}
    )
    assert result.returncode != 0
    assert "apt-get install chromium" in result.stdout
    assert "Traceback" not in result.stdout


def test_the_browser_tests_are_skipped_only_when_asked(tmp_path):
    result = run_browser_test(
        {"NEWSBRIEF_CHROMIUM": str(tmp_path / "chromium"), "NEWSBRIEF_SKIP_BROWSER_TESTS": "1"}
    )
    assert result.returncode == 0
    assert "1 skipped" in result.stdout
