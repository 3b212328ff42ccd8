"""Shared fixtures: one full build of the real seeds in a scratch copy of the project."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from newsbrief.core import provenance

ROOT = Path(__file__).resolve().parent.parent


def copy_project(target: Path) -> Path:
    """The tracked inputs of the project, without build outputs, as a fresh clone would have."""
    return provenance.copy_project(ROOT, target)


def run_make(
    project: Path, *targets: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """`make` in `project` with this interpreter's environment as VENV (no second install)."""
    venv = Path(sys.prefix)
    return subprocess.run(
        ["make", f"VENV={venv}", *targets],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=900,
    )


def printed_part(page: str) -> str:
    """The HTML brief without what only the HTML carries (elements of class `html-only`: the full
    evidence, every report of every commitment) nor its scripts: the part the PDF prints too."""
    import lxml.html

    document = lxml.html.fromstring(page)
    for element in document.xpath(
        '//*[contains(concat(" ", @class, " "), " html-only ")] | //script'
    ):
        element.drop_tree()
    return str(lxml.html.tostring(document, encoding="unicode"))


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("build") / "project")
    result = run_make(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


# The browser tests run Debian's Chromium (Playwright cannot download its own here). Without it
# they fail and say how to install it; NEWSBRIEF_SKIP_BROWSER_TESTS=1 skips them instead.
CHROMIUM = Path(os.environ.get("NEWSBRIEF_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    if os.environ.get("NEWSBRIEF_SKIP_BROWSER_TESTS") == "1":
        pytest.skip("browser tests skipped: NEWSBRIEF_SKIP_BROWSER_TESTS=1")
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests need Debian's Chromium "
            "(sudo apt-get install chromium), or NEWSBRIEF_CHROMIUM=/path/to/chromium; "
            "NEWSBRIEF_SKIP_BROWSER_TESTS=1 skips them",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """A page opened from a file, with what the test must see: console errors and uncaught
    exceptions, requests for anything outside the file (refused), and dialogs (dismissed)."""

    page: Any
    errors: list[str] = field(default_factory=list)
    left_the_file: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


# The page itself, and what it makes from its own bytes; everything else would leave the file.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


@contextlib.contextmanager
def visit(
    browser: Any, page_path: Path, width: int = 1440, height: int = 900, scripts: bool = True
) -> Iterator[Visit]:
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=scripts
    )
    page = context.new_page()
    seen = Visit(page)

    def refuse(route: Any) -> None:
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            seen.left_the_file.append(route.request.url)
            route.abort()

    context.route("**/*", refuse)
    page.on(
        "request",
        lambda r: None if r.url.startswith(LOCAL_SCHEMES) else seen.left_the_file.append(r.url),
    )
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(page_path.resolve().as_uri())
        if scripts:
            try:
                page.wait_for_selector("html[data-tables=ready]", state="attached", timeout=20_000)
            except Exception as err:
                raise AssertionError(f"the tables never became ready: {seen.errors}") from err
        yield seen
    finally:
        context.close()
