"""Stage 4, report: the brief's generated parts from the artifacts of stages 1-3.

Reads build/data/*.csv and build/manifest.json (and, to rank commitments, the scope's high-level
offices and the officeholders); writes figures, Markdown includes, the CSL-JSON bibliography and
the metadata into report/_generated/. It reads tables, never the checks' code.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import yaml

from newsbrief.core import provenance, schema
from newsbrief.core.config import SCOPE, OfficeholdersConfig, ScopeConfig, load_config
from newsbrief.core.errors import InputError
from newsbrief.core.paths import CONTEXT_DIR, Paths
from newsbrief.core.schema import records
from newsbrief.core.store import write_text
from newsbrief.report import figures, sections, sources
from newsbrief.report import tables as report
from newsbrief.report.commitments import Commitment, Corpus, commitments, corpus_of
from newsbrief.report.escape import md_text
from newsbrief.report.wording import article_when
from newsbrief.themes.coding import load_codebook


def run(paths: Paths, built: date) -> tuple[ReportInputs, dict[str, str], list[Path]]:
    """Figures and includes for `built` (the build date); returns what it read and wrote."""
    inputs = load_report_inputs(paths)
    figure_md = write_figures(paths, inputs)
    figure_md |= write_commitment_figures(paths, inputs.told)
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
    metadata_accuracy: pd.DataFrame
    copies: pd.DataFrame
    corpus: Corpus
    told: list[Commitment]  # the commitments with findings, most consequential first

    @property
    def keys(self) -> dict[str, str]:
        return report.citekeys(self.articles)

    def clusters(self) -> list[sources.Cluster]:
        order = {r.text("article_id"): article_when(r) for r in records(self.articles)}
        return sources.copy_clusters(self.findings, self.copies, order)


def load_report_inputs(paths: Paths) -> ReportInputs:
    data = paths.data
    articles = report_order(schema.ARTICLES.read(data))
    claims = schema.CLAIMS.read(data)
    findings = schema.FINDINGS.read(data)
    tracker = schema.TRACKER.read(data)
    scope = load_config(SCOPE, ScopeConfig)
    holders = load_config(CONTEXT_DIR / "officeholders.yml", OfficeholdersConfig)
    corpus = corpus_of(
        articles,
        claims,
        tracker,
        tuple(scope.high_level_offices),
        {t.person: t.office for t in holders.tenures},
    )
    return ReportInputs(
        articles=articles,
        sentences=schema.SENTENCES.read(data),
        codes=schema.CODES.read(data),
        validation=schema.VALIDATION.read(data),
        claims=claims,
        claims_accuracy=schema.CLAIMS_ACCURACY.read(data),
        findings=findings,
        tracker=tracker,
        notes=schema.NOTES.read(data),
        intercoder=schema.INTERCODER.read(data),
        metadata_accuracy=schema.METADATA_ACCURACY.read(data),
        copies=schema.COPIES.read(data),
        corpus=corpus,
        told=commitments(tracker, findings, corpus),
    )


def review_verdicts(path: Path) -> list[tuple[str, str]]:
    """(check, verdict) of each reviewed finding the development corpus gives today (the
    `verdicts` of findings_review_today.yml); [] when the review is not there."""
    if not path.exists():
        return []
    try:
        entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("verdicts") or []
        verdicts = [(str(e["check"]), str(e["verdict"])) for e in entries]
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as err:
        raise InputError(
            path,
            f"is not a list of reviewed findings under 'verdicts:' ({err})",
            "give each a check and a verdict",
        ) from None
    for check, verdict in verdicts:
        if verdict not in ("right", "wrong"):
            raise InputError(path, f"has verdict '{verdict}' for a {check}", "write right or wrong")
    return verdicts


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
    columns = "articles in date order; inferred dates are marked"
    if len(order) > figures.ROW_PER_ARTICLE:
        shares, column_labels, columns = period_shares(inputs)
    heatmap = figures.theme_heatmap(
        shares,
        column_labels,
        labels,
        paths.generated / "themes.svg",
        "Source: build/data/codes.csv, sentences.csv (newsbrief)",
        xlabel=columns[:1].upper() + columns[1:],
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
            f"Share of the sentences carrying each theme (per cent), {columns}. "
            "Source: build/data/codes.csv.",
            f"Heatmap of {_count(len(labels))} themes against the {columns.split(';')[0]}; "
            "darker cells mean fewer sentences on that theme.",
            paths,
        ),
    }


def figure_slug(event: str) -> str:
    """A file name for an event's figure: its key's letters and digits, the rest as hyphens."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in event.lower()).split())


def write_commitment_figures(paths: Paths, told: list[Commitment]) -> dict[str, str]:
    """A small timeline per commitment told in the brief, each as the Markdown that places it."""
    folder = paths.generated / "commitments"
    if folder.exists():
        shutil.rmtree(folder)  # figures of commitments a previous build told, and this one not
    out = {}
    for c in told[: sections.HTML_SUBSECTIONS]:
        path = figures.commitment_timeline(
            c,
            paths.generated / "commitments" / f"{figure_slug(c.event)}.svg",
            "Source: build/data/tracker.csv, claims.csv (newsbrief)",
        )
        dates = len(c.promised_dates())
        out[c.event] = figure_markdown(
            path,
            f"{c.label}: promised dates (bars), reports by status (hollow: undated), "
            "delivery (large star). Source: build/data/tracker.csv, claims.csv.",
            f"Timeline of {c.label}: {len(c.mentions)} reports and {dates} promised "
            f"date{'s' if dates != 1 else ''}"
            + ("; a delivery is reported." if c.delivery() else "; no delivery is reported."),
            paths,
        )
    return out


def period_shares(inputs: ReportInputs) -> tuple[pd.DataFrame, list[str], str]:
    """For corpora too large for a column per article: theme shares per publication year (per
    month when the articles span fewer than three years), undated articles at their earliest
    possible date; with the columns' description."""
    when = inputs.articles.set_index("article_id").apply(
        lambda r: r.date or r.date_min or "", axis=1
    )
    years = {d[:4] for d in when if d}
    width, name = (4, "year") if len(years) >= 3 else (7, "month")
    period = when.map(lambda d: d[:width] or "unknown")
    sentences = inputs.sentences[inputs.sentences.boilerplate == "no"]
    countable = sentences.groupby(sentences.article_id.map(period)).size()
    coded = inputs.codes.drop_duplicates(["article_id", "paragraph", "sentence", "theme"])
    counts = coded.groupby([coded.theme, coded.article_id.map(period)]).size().unstack(fill_value=0)
    shares = counts.div(countable, axis=1).fillna(0.0)
    shares = shares.reindex(columns=sorted(countable.index)).fillna(0.0)
    return (
        shares,
        list(shares.columns),
        f"articles by {name} of publication; undated ones at their earliest possible date",
    )


def theme_labels() -> dict[str, str]:
    """The codebook's themes, key to label, in its order."""
    return {t.key: t.label for t in load_codebook()}


_COUNTS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(n: int) -> str:
    return _COUNTS[n] if n < len(_COUNTS) else str(n)


def sources_section(inputs: ReportInputs) -> str:
    """Copied reports as clusters, name variants, input problems (the table of every article is
    `articles.md`, in the PDF an appendix: it grows with every article)."""
    articles, findings, keys = inputs.articles, inputs.findings, inputs.keys
    by_id = inputs.corpus.articles
    out = [
        "### Copied reports\n",
        sources.clusters_markdown(inputs.clusters(), by_id, keys),
        "\n### Name variants\n",
        sources.variants_markdown(findings[findings.check == "name_variant"], keys),
        report.outlets_line(articles),
    ]
    uncoded = sorted(set(articles.article_id) - set(inputs.codes.article_id))
    out.append(report.input_problems(articles, inputs.notes, uncoded))
    return "\n".join(out) + "\n"


def includes(
    paths: Paths, inputs: ReportInputs, figure_md: dict[str, str], built: date
) -> dict[str, str]:
    """Every generated include of brief.qmd, by file name, as text."""
    keys = inputs.keys
    labels = theme_labels()
    articles = inputs.articles
    findings = inputs.findings
    versions = provenance.software_versions()
    manifest = json.loads((paths.root / "build" / "manifest.json").read_text(encoding="utf-8"))
    validation = reference_rows(inputs.validation)
    heldout = validation[(validation.split == "heldout") & (validation.theme == "micro")]
    told, corpus = inputs.told, inputs.corpus
    parts = {
        "summary.md": report.scope(articles, load_config(SCOPE, ScopeConfig).topic),
        "key_findings.md": sections.key_findings(told, inputs.clusters(), corpus, keys),
        "commitments.md": sections.commitment_sections(
            told, records(inputs.tracker), corpus, keys, figure_md
        ),
        "disputes.md": sections.disputes_section(told, corpus, keys),
        "themes.md": figure_md["timeline"]
        + "\n"
        + figure_md["themes"]
        + "\n"
        + report.theme_prose(inputs.codes, inputs.sentences, articles, labels, keys),
        "sources.md": sources_section(inputs),
        "articles.md": sources.articles_table(articles),
        "articles_where.md": sources.articles_where(articles),
        "methods_corpus.md": report.methods_corpus(articles, inputs.sentences, inputs.claims),
        "metadata_accuracy.md": report.metadata_accuracy(inputs.metadata_accuracy),
        "validation.md": report.validation_summary(heldout, inputs.validation, inputs.intercoder)
        + "\n"
        + report.validation_table(validation, labels),
        "claims_accuracy.md": report.claims_accuracy(inputs.claims_accuracy)
        + "\n"
        + report.findings_review(review_verdicts(paths.claims_gold / "findings_review_today.yml")),
        "codebook.md": report.codebook_table(load_codebook().themes),
        "software.md": report.software_table(versions),
        "hashes.md": report.hashes_table(articles)
        + "\n"
        + report.manifest_note(provenance.digest(manifest), len(manifest["files"])),
        "limitations.md": report.limitations(articles, findings, validation, inputs.tracker),
        "evidence_where.md": report.evidence_where(inputs.claims, findings),
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
