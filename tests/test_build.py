"""The whole build from the real seeds: both outputs exist, cite every article, and rebuild cleanly."""

from __future__ import annotations

import html
import re

import pandas as pd
from conftest import printed_part, run_make
from pypdf import PdfReader

CONTRACT = {
    "articles.csv": [
        "article_id",
        "citekey",
        "outlet",
        "title",
        "date",
        "date_min",
        "date_max",
        "date_basis",
        "date_evidence",
        "sha256",
    ],
    "timex.csv": [
        "article_id",
        "paragraph",
        "sentence",
        "text",
        "start",
        "end",
        "granularity",
        "direction",
    ],
    "codes.csv": ["article_id", "paragraph", "sentence", "theme", "term"],
    "claims.csv": [
        "claim_id",
        "article_id",
        "paragraph",
        "event",
        "kind",
        "status",
        "target_start",
        "target_end",
        "quote",
    ],
    "findings.csv": ["finding_id", "check", "event", "article_ids", "summary"],
}


def articles(project) -> pd.DataFrame:
    return pd.read_csv(project / "build/data/articles.csv", dtype=str, keep_default_na=False)


def test_artifacts_follow_the_contract(built_project):
    for name, columns in CONTRACT.items():
        table = pd.read_csv(built_project / "build/data" / name, dtype=str, keep_default_na=False)
        assert set(columns) <= set(table.columns), name


def test_every_seed_is_an_article(built_project):
    seeds = sorted(p.stem for p in (built_project / "seeds").glob("*.txt"))
    assert sorted(articles(built_project).article_id) == seeds


def test_html_is_one_file_that_lists_every_reference(built_project):
    page = (built_project / "report/_output/brief.html").read_text(encoding="utf-8")
    table = articles(built_project)
    entries = re.findall(r'<div id="ref-([^"]+)" class="csl-entry"', page)
    assert sorted(entries) == sorted(table.citekey)
    assert not re.search(r'<(img|script|link)[^>]+(src|href)="(?!data:|#)', page), (
        "not self-contained"
    )


def letters(text: str) -> str:
    """Text reduced to lower-case words: PDF extraction hyphenates, and citeproc curls quotes."""
    # Line-end hyphens may be Typst's or the text's own ("business-to-\nbusiness"): drop all.
    text = re.sub(r"\xad\s*|-\s*\n\s*|-", "", text.replace("’", "'"))
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def test_pdf_has_pages_and_the_references(built_project):
    reader = PdfReader(built_project / "report/_output/brief.pdf")
    assert len(reader.pages) >= 2
    text = letters(" ".join(page.extract_text() or "" for page in reader.pages))
    assert "references" in text
    for title in articles(built_project).title:
        assert letters(html.unescape(title)) in text, title


def test_a_second_make_has_nothing_to_do(built_project):
    again = run_make(built_project)
    assert again.returncode == 0
    assert "Nothing to be done" in again.stdout, again.stdout


def test_the_build_never_writes_into_seeds(built_project):
    from conftest import ROOT

    for seed in (built_project / "seeds").iterdir():
        assert seed.read_bytes() == (ROOT / "seeds" / seed.name).read_bytes()


def article_texts(project) -> dict[str, str]:
    table = articles(project)
    return {
        r.citekey: " ".join((project / r.path).read_text(encoding="utf-8-sig").split())
        for r in table.itertuples()
    }


def quoted_passages(page: str) -> list[tuple[str, list[str]]]:
    """Every “quote” in the HTML directly followed by its citation, as (text, citekeys)."""
    found = re.findall(r"“([^”]*)”\s*<span class=\"citation\" data-cites=\"([^\"]+)\"", page)
    return [
        (" ".join(html.unescape(re.sub(r"<[^>]+>", "", q)).split()), keys.split())
        for q, keys in found
    ]


def test_every_quote_is_verbatim_in_the_article_it_cites(built_project):
    page = (built_project / "report/_output/brief.html").read_text(encoding="utf-8")
    texts = article_texts(built_project)
    passages = quoted_passages(page)
    assert len(passages) >= 10
    for quote, keys in passages:
        assert any(quote in texts[k] for k in keys), (quote, keys)


def test_every_citation_resolves_to_a_reference(built_project):
    page = (built_project / "report/_output/brief.html").read_text(encoding="utf-8")
    cited = {k for keys in re.findall(r'data-cites="([^"]+)"', page) for k in keys.split()}
    references = set(re.findall(r'<div id="ref-([^"]+)" class="csl-entry"', page))
    assert cited and cited <= references
    assert "???" not in page  # citeproc's mark for a key it cannot find


def test_the_pdf_carries_the_same_quotes(built_project):
    # Every quote the HTML prints outside its HTML-only parts (the full evidence).
    page = printed_part((built_project / "report/_output/brief.html").read_text(encoding="utf-8"))
    reader = PdfReader(built_project / "report/_output/brief.pdf")
    text = letters(" ".join(p.extract_text() or "" for p in reader.pages))
    for quote, _ in quoted_passages(page):
        assert letters(quote) in text, quote


def test_a_rebuild_in_a_fresh_copy_is_byte_identical(built_project):
    result = run_make(built_project, "verify")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "byte for byte" in result.stdout


def test_heldout_micro_f1_of_the_codebook_is_at_least_080(built_project):
    table = pd.read_csv(built_project / "build/data/validation.csv")
    # Against the independent coder when there is one, else the only coder.
    table = table[table.reference == table.reference.max()]
    heldout = table[(table.split == "heldout") & (table.theme == "micro")].iloc[0]
    assert heldout.f1 >= 0.80, heldout.to_dict()


def _section(page: str, start: str, end: str) -> str:
    begin = page.index(f'id="{start}"')
    return page[begin : page.index(f'id="{end}"', begin)]


def _words(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _cited(fragment: str) -> set[str]:
    return {k for keys in re.findall(r'data-cites="([^"]+)"', fragment) for k in keys.split()}


def test_every_finding_of_the_seeds_is_told_in_the_brief(built_project):
    """Wording and grouping change with the brief's shape; no finding is dropped: a commitment's
    finding is told in its subsection, citing every article it rests on; copies are a cluster
    line, undated articles a row of the sources table, name variants a line of their own."""
    page = (built_project / "report/_output/brief.html").read_text(encoding="utf-8")
    data = built_project / "build/data"
    findings = pd.read_csv(data / "findings.csv", dtype=str, keep_default_na=False)
    labels = dict(
        pd.read_csv(data / "tracker.csv", dtype=str, keep_default_na=False)[
            ["event", "label"]
        ].values
    )
    table = articles(built_project)
    keys = dict(zip(table.article_id, table.citekey, strict=True))
    told = _section(page, "what-became-of-each-commitment", "sources-disagree")
    subsections = {
        " ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).split()): body
        for h, body in re.findall(r"<h3[^>]*>(.*?)</h3>(.*?)(?=<h3|$)", told, flags=re.S)
    }
    sources = _section(page, "sources", "coverage-by-theme-and-over-time")
    copies = _section(sources, "copied-reports", "name-variants")
    for f in findings.itertuples():
        cited = {keys[a] for a in f.article_ids.split(";") if a}
        if f.check in ("slippage", "fulfilled_late", "no_follow_up", "downgraded", "conflict"):
            assert cited <= _cited(subsections[labels[f.event]]), f.finding_id
        elif f.check == "duplicate_source":
            assert any(cited <= _cited(line) for line in re.findall(r"<li>.*?</li>", copies, re.S))
        elif f.check == "undated_source":
            (title,) = table[table.article_id == f.article_ids].title
            rows = [_words(r) for r in re.findall(r"<tr.*?</tr>", sources, re.S)]
            (row,) = [r for r in rows if _words(html.escape(title)) in r]
            assert "undated" in row, f.finding_id
        else:
            variant = re.findall(r"“([^”]+)”", f.summary)[0]
            assert variant in _section(sources, "name-variants", "outlets-and-catalog")
    key_findings = _section(page, "key-findings", "what-became-of-each-commitment")
    assert (
        len(re.findall(r"<li>", key_findings))
        == len(
            {
                f.event
                for f in findings.itertuples()
                if f.check not in ("undated_source", "name_variant", "duplicate_source")
            }
        )
        + 1
    )  # one bullet per commitment with a finding, and the copied report
