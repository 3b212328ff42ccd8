"""Stage 4, report: the brief's generated parts from the artifacts of stages 1-3.

Reads build/data/*.csv and build/manifest.json; writes figures, Markdown includes, the CSL-JSON
bibliography and the metadata into report/_generated/. It reads tables, never the checks' code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import yaml

from newsbrief.core import provenance, schema
from newsbrief.core.config import SCOPE, ScopeConfig, load_config
from newsbrief.core.paths import Paths
from newsbrief.core.store import write_text
from newsbrief.report import figures
from newsbrief.report import tables as report
from newsbrief.report.escape import md_text
from newsbrief.themes.coding import load_codebook


def run(paths: Paths, built: date) -> tuple[ReportInputs, dict[str, str], list[Path]]:
    """Figures and includes for `built` (the build date); returns what it read and wrote."""
    inputs = load_report_inputs(paths)
    figure_md = write_figures(paths, inputs)
    return inputs, figure_md, write_report(paths, inputs, figure_md, built)


@dataclass(frozen=True)
class ReportInputs:
    articles: pd.DataFrame
    sentences: pd.DataFrame
    codes: pd.DataFrame
    validation: pd.DataFrame
    claims: pd.DataFrame
    claims_accuracy: pd.DataFrame
    findings: pd.DataFrame
    tracker: pd.DataFrame
    notes: pd.DataFrame
    intercoder: pd.DataFrame

    @property
    def keys(self) -> dict[str, str]:
        return report.citekeys(self.articles)


def load_report_inputs(paths: Paths) -> ReportInputs:
    data = paths.data
    return ReportInputs(
        articles=report_order(schema.ARTICLES.read(data)),
        sentences=schema.SENTENCES.read(data),
        codes=schema.CODES.read(data),
        validation=schema.VALIDATION.read(data),
        claims=schema.CLAIMS.read(data),
        claims_accuracy=schema.CLAIMS_ACCURACY.read(data),
        findings=schema.FINDINGS.read(data),
        tracker=schema.TRACKER.read(data),
        notes=schema.NOTES.read(data),
        intercoder=schema.INTERCODER.read(data),
    )


def reference_rows(validation: pd.DataFrame) -> pd.DataFrame:
    """Validation against the independent second coder when there is one, else the first."""
    reference = validation["reference"]
    rows: pd.DataFrame = validation.loc[reference == reference.max()]
    return rows


def report_order(articles: pd.DataFrame) -> pd.DataFrame:
    return figures.article_order(articles).reset_index(drop=True)


def figure_markdown(path: Path, caption: str, alt: str, paths: Paths) -> str:
    """A figure as Quarto Markdown: caption (with its source) and alt text, both escaped."""
    relative = path.relative_to(paths.root / "report").as_posix()
    return f'![{md_text(caption)}]({relative}){{fig-alt="{alt_text(alt)}"}}\n'


def alt_text(text: str) -> str:
    return " ".join(text.replace("\\", "/").replace('"', "'").split())


def write_figures(paths: Paths, inputs: ReportInputs) -> dict[str, str]:
    """The three figures as SVG, each returned as the Markdown that places it."""
    source = "Source: build/data/articles.csv (newsbrief)"
    labels = theme_labels()
    order = list(inputs.articles.article_id)
    timeline = figures.timeline(inputs.articles, paths.generated / "timeline.svg", source)
    shares = report.theme_shares(inputs.codes, inputs.sentences, order, list(labels))
    column_labels = [figures.article_label(r) for _, r in inputs.articles.iterrows()]
    if len(order) > figures.MAX_ROWS:
        shares, column_labels = monthly_shares(inputs)
    heatmap = figures.theme_heatmap(
        shares,
        column_labels,
        labels,
        paths.generated / "themes.svg",
        "Source: build/data/codes.csv, sentences.csv (newsbrief)",
    )
    promises = figures.promise_timeline(
        inputs.tracker,
        paths.generated / "promises.svg",
        "Source: build/data/tracker.csv (newsbrief)",
    )
    n_inferred = int((inputs.articles.date_basis.isin(["inferred", "unknown"])).sum())
    return {
        "timeline": figure_markdown(
            timeline,
            f"When the articles were published. Points are stated dates; bars are "
            f"ranges inferred for {n_inferred} undated article(s). "
            "Source: build/data/articles.csv.",
            f"Timeline of {len(order)} articles by publication date; {n_inferred} shown as "
            "inferred date ranges rather than points.",
            paths,
        ),
        "themes": figure_markdown(
            heatmap,
            "Share of each article's sentences carrying each theme (per cent), articles "
            "in date order; inferred dates are marked. Source: build/data/codes.csv.",
            f"Heatmap of {_count(len(labels))} themes against the articles in date order; "
            "darker cells mean fewer sentences on that theme.",
            paths,
        ),
        "promises": figure_markdown(
            promises,
            "Commitments over time: when each was announced (circle), the target it "
            "was given (bar), later mentions that still report it not done (square), and when "
            "it was reported done (star). Source: build/data/tracker.csv.",
            f"Timeline of {min(len(inputs.tracker), figures.MAX_ROWS)} commitments showing "
            "announcement dates, target periods and later mentions.",
            paths,
        ),
    }


def monthly_shares(inputs: ReportInputs) -> tuple[pd.DataFrame, list[str]]:
    """For large corpora: theme shares per publication month instead of per article."""
    month = inputs.articles.set_index("article_id").apply(
        lambda r: (r.date or r.date_min or "")[:7] or "unknown", axis=1
    )
    sentences = inputs.sentences[inputs.sentences.boilerplate == "no"]
    countable = sentences.groupby(sentences.article_id.map(month)).size()
    coded = inputs.codes.drop_duplicates(["article_id", "paragraph", "sentence", "theme"])
    counts = coded.groupby([coded.theme, coded.article_id.map(month)]).size().unstack(fill_value=0)
    shares = counts.div(countable, axis=1).fillna(0.0)
    shares = shares.reindex(columns=sorted(shares.columns))
    return shares, list(shares.columns)


def theme_labels() -> dict[str, str]:
    """The codebook's themes, key to label, in its order."""
    return {t.key: t.label for t in load_codebook()}


_COUNTS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(n: int) -> str:
    return _COUNTS[n] if n < len(_COUNTS) else str(n)


def includes(
    paths: Paths, inputs: ReportInputs, figure_md: dict[str, str], built: date
) -> dict[str, str]:
    """Every generated include of brief.qmd, by file name, as text."""
    keys = inputs.keys
    labels = theme_labels()
    articles = inputs.articles
    findings = inputs.findings
    undated = findings[findings.check == "undated_source"]
    copies = findings[findings.check == "duplicate_source"]
    variants = findings[findings.check == "name_variant"]
    notes = inputs.notes
    versions = provenance.software_versions()
    manifest = json.loads((paths.root / "build" / "manifest.json").read_text(encoding="utf-8"))
    validation = reference_rows(inputs.validation)
    heldout = validation[(validation.split == "heldout") & (validation.theme == "micro")]
    parts = {
        "summary.md": report.scope(articles, load_config(SCOPE, ScopeConfig).topic),
        "key_findings.md": report.key_findings(findings, keys),
        "tracker.md": report.tracker_table(inputs.tracker, keys) + "\n" + figure_md["promises"],
        "themes.md": figure_md["timeline"]
        + "\n"
        + figure_md["themes"]
        + "\n"
        + report.theme_prose(inputs.codes, inputs.sentences, articles, labels, keys),
        "source_notes.md": report.source_notes(
            articles,
            undated,
            copies,
            variants,
            notes,
            keys,
            sorted(set(articles.article_id) - set(inputs.codes.article_id)),
        ),
        "methods_corpus.md": report.methods_corpus(articles, inputs.sentences, inputs.claims),
        "validation.md": report.validation_summary(heldout, inputs.validation, inputs.intercoder)
        + "\n"
        + report.validation_table(validation, labels),
        "claims_accuracy.md": report.claims_accuracy(inputs.claims_accuracy),
        "codebook.md": report.codebook_table(load_codebook().themes),
        "software.md": report.software_table(versions),
        "hashes.md": report.hashes_table(articles)
        + "\n"
        + report.manifest_note(provenance.digest(manifest), len(manifest["files"])),
        "limitations.md": report.limitations(articles, findings, validation, inputs.tracker),
        "evidence.md": report.evidence_table(inputs.claims, keys),
        "findings.md": report.findings_table(findings, keys),
    }
    return parts


def write_report(
    paths: Paths, inputs: ReportInputs, figure_md: dict[str, str], built: date
) -> list[Path]:
    """Write the includes, the bibliography and the metadata into report/_generated/."""
    written = [
        write_text(paths.generated / name, text)
        for name, text in includes(paths, inputs, figure_md, built).items()
    ]
    written.append(
        write_text(paths.generated / "references.json", report.references_json(inputs.articles))
    )
    written.append(
        write_text(
            paths.generated / "metadata.yml",
            yaml.safe_dump(
                report.metadata(inputs.articles, built, load_config(SCOPE, ScopeConfig).title),
                allow_unicode=True,
                sort_keys=True,
            ),
        )
    )
    return written
