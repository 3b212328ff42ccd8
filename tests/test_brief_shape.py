"""The brief's shape at a realistic size: the seeds plus the development half of the realistic
corpus (tests/fixtures/realistic/), built once for this module. The PDF's body fits in 12 A4
pages and the whole in 20, the key findings are at most seven, no table cell holds more than one
report, headlines are real, quotes are verbatim, and the methods name the renderer. Its findings
are held to an independent review (tests/fixtures/gold/findings_review.yml)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import ROOT, copy_project, printed_part, run_make
from pypdf import PdfReader

from newsbrief.report.sections import KEY_FINDINGS, QUOTE_CHARS

BODY_PAGES = 12
TOTAL_PAGES = 20
# A cell holds one report at most: a verbatim quote of at most QUOTE_CHARS characters (longer
# ones are cut to a window, marked […]) and its citation, an outlet and a year or a short
# headline. 100 characters above the quote leave room for those; a cell that listed even a few
# reports, as the old tracker's did (24 in one cell), is far above it.
CELL_LIMIT = QUOTE_CHARS + 100


@pytest.fixture(scope="module")
def realistic(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("realistic") / "project")
    split = yaml.safe_load((ROOT / "tests/fixtures/gold/split.yml").read_text(encoding="utf-8"))
    for name in split["development"]:
        shutil.copy(ROOT / "tests/fixtures/realistic" / name, project / "seeds" / name)
    result = run_make(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def page_texts(project: Path) -> list[str]:
    reader = PdfReader(project / "report/_output/brief.pdf")
    return [page.extract_text() or "" for page in reader.pages]


def first_appendix_page(texts: list[str]) -> int:
    """The 1-based page on which the first appendix heading stands."""
    for number, text in enumerate(texts, start=1):
        if any(line.strip().startswith("Appendix:") for line in text.splitlines()):
            return number
    raise AssertionError("the PDF has no appendix heading")


def page(project: Path) -> str:
    return (project / "report/_output/brief.html").read_text(encoding="utf-8")


def visible(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def between(text: str, start: str, end: str) -> str:
    """The HTML from the element with id `start` to the one with id `end`."""
    begin = text.index(f'id="{start}"')
    return text[begin : text.index(f'id="{end}"', begin)]


def test_the_pdf_body_fits_in_12_pages_and_the_whole_in_20(realistic):
    texts = page_texts(realistic)
    body = first_appendix_page(texts) - 1
    assert body <= BODY_PAGES, f"body {body} pages"
    assert len(texts) <= TOTAL_PAGES, f"{len(texts)} pages"


def test_the_pdf_says_where_the_full_evidence_is(realistic):
    texts = page_texts(realistic)
    # PDF lines break inside paths: compare without whitespace.
    appendix = "".join("".join(texts[first_appendix_page(texts) - 1 :]).split())
    assert "build/data/findings.csv" in appendix and "build/data/claims.csv" in appendix
    findings = pd.read_csv(realistic / "build/data/findings.csv", dtype=str)
    assert f"All{len(findings)}findings" in appendix


def test_there_are_at_most_seven_key_findings_one_per_commitment(realistic):
    section = between(page(realistic), "key-findings", "what-became-of-each-commitment")
    bullets = re.findall(r"<li>(.*?)</li>", section, flags=re.S)
    assert 3 <= len(bullets) <= KEY_FINDINGS
    labels = [visible(re.findall(r"<strong>(.*?)</strong>", b, flags=re.S)[0]) for b in bullets]
    assert len(set(labels)) == len(labels), labels
    for bullet in bullets:
        text = visible(bullet)
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), text  # dates as a reader writes them
        # The label, then one or two sentences: at most two sentence breaks.
        assert len(re.findall(r"[\w)]\. [A-Z]", text)) <= 2, text


def test_no_table_cell_of_the_brief_holds_more_than_one_report(realistic):
    # The full evidence (every finding's summary, every claim) is the HTML's alone.
    cells = [
        visible(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", printed_part(page(realistic)), re.S)
    ]
    largest = max(cells, key=len)
    assert len(largest) <= CELL_LIMIT, (len(largest), largest)


def test_every_article_with_a_headline_is_cited_by_it(realistic):
    articles = pd.read_csv(realistic / "build/data/articles.csv", dtype=str, keep_default_na=False)
    text = visible(page(realistic))
    headed = articles[articles.title_source != "descriptive"]
    assert not headed.title.str.startswith("[Untitled").any()
    for title in headed.title:
        assert " ".join(html.unescape(title).split()) in text, title
    assert text.count("[Untitled") <= 2 * int((articles.title_source == "descriptive").sum())


def test_every_quote_is_verbatim_in_the_article_it_cites(realistic):
    articles = pd.read_csv(realistic / "build/data/articles.csv", dtype=str, keep_default_na=False)
    texts = {
        r.citekey: " ".join((realistic / r.text_path).read_text(encoding="utf-8-sig").split())
        for r in articles.itertuples()
    }
    found = re.findall(
        r"“([^”]*)”\s*<span class=\"citation\" data-cites=\"([^\"]+)\"", page(realistic)
    )
    assert len(found) >= 20
    for quote, keys in found:
        quote = " ".join(html.unescape(re.sub(r"<[^>]+>", "", quote)).split())
        assert any(quote in texts[k] for k in keys.split()), (quote, keys)


def test_undated_articles_are_rows_of_the_sources_table_not_findings_of_their_own(realistic):
    articles = pd.read_csv(realistic / "build/data/articles.csv", dtype=str, keep_default_na=False)
    undated = articles[articles.date_basis == "inferred"]
    assert len(undated) >= 3
    sources = visible(between(page(realistic), "sources", "coverage-by-theme-and-over-time"))
    body = visible(between(page(realistic), "key-findings", "references"))
    assert sources.count("undated, ") >= len(undated)
    assert "states no date" not in body


def test_the_methods_name_the_renderer_that_was_used(realistic):
    methods = visible(
        between(page(realistic), "how-this-brief-was-made", "limitations-and-next-steps")
    ).replace("’", "'")
    if shutil.which("quarto"):
        assert "rendered by Quarto" in methods
    else:
        assert "rendered by the package's offline renderer" in methods
        assert "Pandoc" in methods and "typst" in methods


# Issue 21: every finding on the development corpus judged right or wrong, with the reason, by an
# independent reviewer (tests/fixtures/gold/findings_review.yml). Measured 2026-12-04: 13 of 34
# wrong (0.38); 2026-12-05: 4 of 27 (0.15), after counts read as ranges, surnames read as their
# people, visas keyed by who grants them, proposals kept out of no_follow_up, official names out
# of copies and a session set again for a later year taken as followed up; 2026-12-06: 1 of 24
# (0.04), after dates of what an agreement covers left out of its own, country-level talk of
# flights no longer taken as a route's slippage once another route runs, and a corridor's trial
# run no longer contradicted by later talk of its potential. The bar is fewer than one in ten. findings_review_today.yml, which the brief states, must be what the build gives.
REVIEW = ROOT / "tests/fixtures/gold/findings_review.yml"
WRONG_BELOW = 0.1
TODAY = ROOT / "tests/fixtures/gold/findings_review_today.yml"
REVIEWED_AT_LEAST = (
    0.8  # a share of today's findings the review must cover for the rate to mean much
)


def reviewed(project: Path) -> tuple[list[str], list[str]]:
    """The verdicts of the build's findings that the review covers, and the summaries of those it
    does not. A finding is told apart by its check, event and articles."""
    checked, unreviewed = reviewed_by_check(project)
    return [verdict for _, verdict in checked], unreviewed


def reviewed_by_check(project: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(check, verdict) of the build's reviewed findings, sorted, and the summaries of the
    findings the review does not cover."""
    verdicts: dict[tuple[str, str, tuple[str, ...]], set[str]] = {}
    for entry in yaml.safe_load(REVIEW.read_text(encoding="utf-8")):
        key = (entry["check"], entry["event"], tuple(sorted(entry["articles"])))
        verdicts.setdefault(key, set()).add(entry["verdict"])
    findings = pd.read_csv(project / "build/data/findings.csv", dtype=str, keep_default_na=False)
    found: list[tuple[str, str]] = []
    unreviewed: list[str] = []
    for f in findings.itertuples():
        key = (f.check, f.event, tuple(sorted(f.article_ids.split(";"))))
        if key in verdicts:
            found.append((f.check, "wrong" if "wrong" in verdicts[key] else "right"))
        else:
            unreviewed.append(f"{f.check}: {f.summary}")
    return sorted(found), unreviewed


def test_the_review_the_brief_states_is_the_one_of_todays_findings(realistic):
    checked, unreviewed = reviewed_by_check(realistic)
    today = yaml.safe_load(TODAY.read_text(encoding="utf-8"))
    measured = {
        "unreviewed": len(unreviewed),
        "verdicts": [{"check": c, "verdict": v} for c, v in checked],
    }
    assert today == measured, (
        f"the findings changed: put this in {TODAY.relative_to(ROOT)} (below its comment):\n"
        + yaml.safe_dump(measured, sort_keys=False, default_flow_style=None, width=100)
    )


def test_fewer_than_one_finding_in_ten_is_wrong(realistic):
    verdicts, unreviewed = reviewed(realistic)
    share = len(verdicts) / (len(verdicts) + len(unreviewed))
    assert share >= REVIEWED_AT_LEAST, (
        "review these findings (add them to tests/fixtures/gold/findings_review.yml):\n"
        + "\n".join(unreviewed)
    )
    assert verdicts.count("wrong") / len(verdicts) < WRONG_BELOW
