"""The stages of DESIGN.md's data flow as functions the numbered notebooks call, a few lines each.

Each stage reads the previous stage's artifacts under build/ and writes its own; nothing else.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import yaml

from . import figures, provenance, report, store
from .context import Context, load_context
from .corpus import Corpus, read_corpus
from .dating import publication_date
from .model import Article, PublicationDate, Sentence, Timex
from .parallel import map_chunks
from .rules import load_ingest_rules
from .escape import md_text
from .themes import Code, load_codebook
from .timex import find_timexes
from .validation import (intercoder, load_coders, paragraph_themes, parse_hand_codes, second_coder,
                         validate)

ARTICLE_COLUMNS = ["article_id", "citekey", "outlet", "title", "date", "date_min", "date_max",
                   "date_basis", "date_evidence", "sha256", "url", "place", "catalogued",
                   "paragraphs", "sentences", "path"]


@dataclass(frozen=True)
class Paths:
    """Where a build reads and writes; every notebook starts from `Paths.at(Path.cwd())`."""

    root: Path

    @classmethod
    def at(cls, root: Path) -> Paths:
        return cls(root=root.resolve())

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def data(self) -> Path:
        return self.root / "build" / "data"

    @property
    def generated(self) -> Path:
        return self.root / "report" / "_generated"

    @property
    def validation(self) -> Path:
        return self.root / "analysis" / "validation" / "hand_codes.csv"


def log(stage: str, message: str, started: float) -> None:
    """One line per stage, so a rebuild reads as a log."""
    print(f"[{stage}] {message} ({time.perf_counter() - started:.2f} s)", flush=True)


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def known_places(context: Context) -> frozenset[str]:
    return frozenset(alias.casefold() for place in context.places for alias in place.aliases)


def load_corpus(paths: Paths, context: Context | None = None) -> tuple[Corpus, Context]:
    context = context or load_context()
    return read_corpus(paths.seeds, load_ingest_rules(), known_places(context)), context


def date_articles(corpus: Corpus, context: Context, today: date | None = None
                  ) -> dict[str, PublicationDate]:
    """Publication dates; an article dated after `today` (the build date) gets a note."""
    dates = {k: v for chunk in map_chunks(_dated, corpus.articles, context) for k, v in chunk.items()}
    today = today or report.build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    for article in corpus.articles:
        when = dates[article.article_id]
        if when.date_min and when.date_min > today:
            article.notes.append(f"is dated {when.date or when.date_min}, after the build date "
                                 f"{today}: check the catalog entry or the dateline")
    return dates


def _dated(articles: list[Article], context: Context) -> dict[str, PublicationDate]:
    return {a.article_id: publication_date(
                a.article_id, a.catalog_date, a.header_date, a.header_basis, a.header_evidence,
                [s.text for s in a.sentences if not s.boilerplate], context, a.place)
            for a in articles}


def find_article_timexes(corpus: Corpus, dates: dict[str, PublicationDate]
                         ) -> dict[tuple[str, int, int], list[Timex]]:
    return {k: v for chunk in map_chunks(_timexes, corpus.articles, dates) for k, v in chunk.items()}


def _timexes(articles: list[Article], dates: dict[str, PublicationDate]
             ) -> dict[tuple[str, int, int], list[Timex]]:
    found: dict[tuple[str, int, int], list[Timex]] = {}
    for article in articles:
        when = dates[article.article_id]
        for s in article.sentences:
            if s.boilerplate:
                continue
            # Only sentences that have some, as when read back from timex.csv: 85% of the synthetic
            # benchmark's sentences have none, and their empty entries (a key tuple and a list each,
            # 1.9 million at 100,000 articles) were built, pickled and kept for nothing.
            if timexes := find_timexes(s.text, when.anchor, anchor_min=when.date_min,
                                       anchor_max=when.date_max):
                found[(s.article_id, s.paragraph, s.sentence)] = timexes
    return found


def articles_table(corpus: Corpus, dates: dict[str, PublicationDate]) -> pd.DataFrame:
    rows = []
    for a in corpus.articles:
        d = dates[a.article_id]
        rows.append({
            "article_id": a.article_id, "citekey": a.citekey, "outlet": a.outlet, "title": a.title,
            "date": _iso(d.date), "date_min": _iso(d.date_min), "date_max": _iso(d.date_max),
            "date_basis": d.basis, "date_evidence": d.evidence, "sha256": a.sha256, "url": a.url,
            "place": a.place, "catalogued": "yes" if a.catalogued else "no",
            "paragraphs": len(a.paragraphs), "sentences": len(a.sentences), "path": a.path,
        })
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def sentences_table(corpus: Corpus) -> pd.DataFrame:
    rows = [{"article_id": s.article_id, "paragraph": s.paragraph, "sentence": s.sentence,
             "start": s.start, "end": s.end, "boilerplate": "yes" if s.boilerplate else "no",
             "text": s.text} for a in corpus.articles for s in a.sentences]
    return pd.DataFrame(rows, columns=["article_id", "paragraph", "sentence", "start", "end",
                                       "boilerplate", "text"])


def timex_table(timexes: dict[tuple[str, int, int], list[Timex]]) -> pd.DataFrame:
    rows = [{"article_id": key[0], "paragraph": key[1], "sentence": key[2], "text": t.text,
             "start": _iso(t.start), "end": _iso(t.end), "granularity": t.granularity,
             "direction": t.direction, "char_start": t.char_start, "char_end": t.char_end}
            for key in sorted(timexes) for t in timexes[key]]
    return pd.DataFrame(rows, columns=["article_id", "paragraph", "sentence", "text", "start",
                                       "end", "granularity", "direction", "char_start", "char_end"])


def notes_table(corpus: Corpus) -> pd.DataFrame:
    rows = [{"article_id": "", "note": n} for n in corpus.notes]
    rows += [{"article_id": a.article_id, "note": n} for a in corpus.articles for n in a.notes]
    return pd.DataFrame(rows, columns=["article_id", "note"])


def write_corpus(paths: Paths, corpus: Corpus, dates: dict[str, PublicationDate],
                 timexes: dict[tuple[str, int, int], list[Timex]]) -> dict[str, Path]:
    """Stage 1's artifacts: articles, sentences, time expressions and ingest notes."""
    return {
        "articles": store.write_csv(articles_table(corpus, dates), paths.data / "articles.csv"),
        "sentences": store.write_csv(sentences_table(corpus), paths.data / "sentences.csv"),
        "timex": store.write_csv(timex_table(timexes), paths.data / "timex.csv"),
        "notes": store.write_csv(notes_table(corpus), paths.data / "ingest_notes.csv"),
    }


# Reading stage 1's artifacts back, for the later stages.

def read_sentences(paths: Paths) -> list[Sentence]:
    table = store.read_csv(paths.data / "sentences.csv")
    return [Sentence(article_id=r.article_id, paragraph=int(r.paragraph), sentence=int(r.sentence),
                     text=r.text, start=int(r.start), end=int(r.end),
                     boilerplate=r.boilerplate == "yes") for r in table.itertuples(index=False)]


def read_dates(paths: Paths) -> dict[str, PublicationDate]:
    table = store.read_csv(paths.data / "articles.csv")

    def parse(value: str) -> date | None:
        return date.fromisoformat(value) if value else None

    return {r.article_id: PublicationDate(parse(r.date), parse(r.date_min), parse(r.date_max),
                                          r.date_basis, r.date_evidence)
            for r in table.itertuples(index=False)}


def read_articles(paths: Paths) -> list[Article]:
    """Articles as stage 1 recorded them, with their sentences and the raw text for quoting."""
    table = store.read_csv(paths.data / "articles.csv")
    sentences = read_sentences(paths)
    by_article: dict[str, list[Sentence]] = {}
    for s in sentences:
        by_article.setdefault(s.article_id, []).append(s)
    articles = []
    for r in table.itertuples(index=False):
        text = (paths.root / r.path).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        articles.append(Article(article_id=r.article_id, path=r.path, text=text, sha256=r.sha256,
                                paragraphs=[ln for ln in text.split("\n") if ln.strip()],
                                citekey=r.citekey, outlet=r.outlet, title=r.title, url=r.url,
                                place=r.place, catalogued=r.catalogued == "yes",
                                sentences=by_article.get(r.article_id, [])))
    return articles


def read_timexes(paths: Paths) -> dict[tuple[str, int, int], list[Timex]]:
    table = store.read_csv(paths.data / "timex.csv")
    found: dict[tuple[str, int, int], list[Timex]] = {}
    for r in table.itertuples(index=False):
        found.setdefault((r.article_id, int(r.paragraph), int(r.sentence)), []).append(
            Timex(text=r.text, char_start=int(r.char_start), char_end=int(r.char_end),
                  start=date.fromisoformat(r.start) if r.start else None,
                  end=date.fromisoformat(r.end) if r.end else None,
                  granularity=r.granularity, direction=r.direction))
    return found


# Stage 2: themes.

def codes_table(codes: list[Code]) -> pd.DataFrame:
    # Column by column from the field values: asdict deep-copies every value, and rows of
    # tuples are converted one by one (seconds for the 2.3 million codes of 100,000 articles).
    columns = ["article_id", "paragraph", "sentence", "theme", "term"]
    values = zip(*((c.article_id, c.paragraph, c.sentence, c.theme, c.term) for c in codes))
    return pd.DataFrame(dict(zip(columns, map(list, values))) if codes else [], columns=columns)


def validate_codes(paths: Paths, codes: list[Code]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The codebook against each hand coder in analysis/validation/ (paragraph units), and the
    coders against each other. `reference` says which coder a row is measured against; the
    second coder (hand_codes_coder2.csv), when present, is the independent one."""
    # Only hand-coded paragraphs of articles in this corpus can be compared: an analyst's corpus
    # without the seed articles has no validation of its own, and the brief says so.
    present = set(store.read_csv(paths.data / "articles.csv").article_id)
    first = {unit: coded for unit, coded in parse_hand_codes(store.read_csv(paths.validation)).items()
             if unit[0] in present}
    coders = load_coders(paths.validation.with_name("coders.yml"))

    def described(table: pd.DataFrame, reference: str) -> pd.DataFrame:
        who = coders.get(reference, {})
        return table.assign(reference=reference, who=who.get("who", ""), blind=who.get("blind", ""),
                            caveat=who.get("caveat", ""))

    machine = paragraph_themes(codes)
    tables = [described(validate(machine, first), "coder1")]
    agreement = pd.DataFrame(columns=["theme", "units", "agreement", "alpha"])
    second_path = paths.validation.with_name("hand_codes_coder2.csv")
    if second_path.exists() and first:
        second = second_coder(store.read_csv(second_path), first)
        tables.append(described(validate(machine, second), "coder2"))
        agreement = intercoder(first, second)
    return pd.concat(tables, ignore_index=True), agreement


def validation_headline(validation: pd.DataFrame) -> str:
    """The held-out figure for the build log, against the independent coder when there is one."""
    if validation.empty:
        return "no hand-coded article is in this corpus, so no validation"
    reference = validation.reference.max()
    heldout = validation[(validation.split == "heldout") & (validation.theme == "micro")
                         & (validation.reference == reference)]
    if heldout.empty:
        return f"no held-out article is in this corpus ({reference})"
    return f"held-out micro-F1 {heldout.iloc[0].f1:.2f} ({reference})"


# Stage 4: the brief's generated parts.

@dataclass(frozen=True)
class ReportInputs:
    articles: pd.DataFrame
    sentences: pd.DataFrame
    codes: pd.DataFrame
    validation: pd.DataFrame
    claims: pd.DataFrame
    findings: pd.DataFrame
    tracker: pd.DataFrame
    notes: pd.DataFrame
    intercoder: pd.DataFrame

    @property
    def keys(self) -> dict[str, str]:
        return report.citekeys(self.articles)


def load_report_inputs(paths: Paths) -> ReportInputs:
    def table(name: str) -> pd.DataFrame:
        return store.read_csv(paths.data / f"{name}.csv")

    return ReportInputs(articles=report_order(table("articles")), sentences=table("sentences"),
                        codes=table("codes"), validation=table("validation"),
                        claims=table("claims"), findings=table("findings"),
                        tracker=table("tracker"), notes=table("ingest_notes"),
                        intercoder=table("intercoder"))


def reference_rows(validation: pd.DataFrame) -> pd.DataFrame:
    """Validation against the independent second coder when there is one, else the first."""
    return validation[validation.reference == validation.reference.max()]


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
    shares = report.theme_shares(inputs.codes, inputs.sentences, order)
    column_labels = [figures.article_label(r) for _, r in inputs.articles.iterrows()]
    if len(order) > figures.MAX_ROWS:
        shares, column_labels = monthly_shares(inputs)
    heatmap = figures.theme_heatmap(shares, column_labels, labels, paths.generated / "themes.svg",
                                    "Source: build/data/codes.csv, sentences.csv (newsbrief)")
    promises = figures.promise_timeline(inputs.tracker, paths.generated / "promises.svg",
                                        "Source: build/data/tracker.csv (newsbrief)")
    n_inferred = int((inputs.articles.date_basis.isin(["inferred", "unknown"])).sum())
    return {
        "timeline": figure_markdown(
            timeline, f"When the articles were published. Points are stated dates; bars are "
            f"ranges inferred for {n_inferred} undated article(s). Source: build/data/articles.csv.",
            f"Timeline of {len(order)} articles by publication date; {n_inferred} shown as "
            "inferred date ranges rather than points.", paths),
        "themes": figure_markdown(
            heatmap, "Share of each article's sentences carrying each theme (per cent), articles "
            "in date order; inferred dates are marked. Source: build/data/codes.csv.",
            "Heatmap of eight themes against the articles in date order; darker cells mean "
            "fewer sentences on that theme.", paths),
        "promises": figure_markdown(
            promises, "Commitments over time: when each was announced (circle), the target it "
            "was given (bar), later mentions that still report it not done (square), and when "
            "it was reported done (star). Source: build/data/tracker.csv.",
            f"Timeline of {min(len(inputs.tracker), figures.MAX_ROWS)} commitments showing "
            "announcement dates, target periods and later mentions.", paths),
    }


def monthly_shares(inputs: ReportInputs) -> tuple[pd.DataFrame, list[str]]:
    """For large corpora: theme shares per publication month instead of per article."""
    month = inputs.articles.set_index("article_id").apply(
        lambda r: (r.date or r.date_min or "")[:7] or "unknown", axis=1)
    sentences = inputs.sentences[inputs.sentences.boilerplate == "no"]
    countable = sentences.groupby(sentences.article_id.map(month)).size()
    coded = inputs.codes.drop_duplicates(["article_id", "paragraph", "sentence", "theme"])
    counts = coded.groupby([coded.theme, coded.article_id.map(month)]).size().unstack(fill_value=0)
    shares = counts.div(countable, axis=1).fillna(0.0)
    shares = shares.reindex(columns=sorted(shares.columns))
    return shares, list(shares.columns)


def theme_labels() -> dict[str, str]:
    return {t.key: t.label for t in load_codebook()}


def software_versions() -> dict[str, str]:
    """Versions of the tools that shaped the outputs, for the methods section and the manifest."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    found = {"Python": platform.python_version()}
    for name in ("pandas", "numpy", "dateparser", "krippendorff", "matplotlib", "PyYAML",
                 "nbclient", "pypandoc-binary", "typst"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    try:
        import pypandoc
        found["Pandoc"] = pypandoc.get_pandoc_version()
    except (ImportError, OSError):
        found["Pandoc"] = "not found"
    quarto = shutil.which("quarto")
    if quarto:
        done = subprocess.run([quarto, "--version"], capture_output=True, text=True)
        found["Quarto"] = done.stdout.strip() or "unknown"
    else:
        found["Quarto"] = "not installed (offline renderer used)"
    return found


def includes(paths: Paths, inputs: ReportInputs, figure_md: dict[str, str],
             built: date) -> dict[str, str]:
    """Every generated include of brief.qmd, by file name, as text."""
    keys = inputs.keys
    labels = theme_labels()
    articles = inputs.articles
    findings = inputs.findings
    undated = findings[findings.check == "undated_source"]
    copies = findings[findings.check == "duplicate_source"]
    variants = findings[findings.check == "name_variant"]
    notes = inputs.notes
    versions = software_versions()
    manifest = json.loads((paths.root / "build" / "manifest.json").read_text(encoding="utf-8"))
    validation = reference_rows(inputs.validation)
    heldout = validation[(validation.split == "heldout") & (validation.theme == "micro")]
    parts = {
        "summary.md": report.scope(articles),
        "key_findings.md": report.key_findings(findings, keys),
        "tracker.md": report.tracker_table(inputs.tracker, keys) + "\n" + figure_md["promises"],
        "themes.md": figure_md["timeline"] + "\n" + figure_md["themes"] + "\n"
        + report.theme_prose(inputs.codes, inputs.sentences, articles, labels, keys),
        "source_notes.md": report.source_notes(
            articles, undated, copies, variants, notes, keys,
            sorted(set(articles.article_id) - set(inputs.codes.article_id))),
        "methods_corpus.md": report.methods_corpus(articles, inputs.sentences, inputs.claims),
        "validation.md": report.validation_summary(heldout, inputs.validation, inputs.intercoder) + "\n"
        + report.validation_table(validation, labels),
        "codebook.md": report.codebook_table(load_codebook()),
        "software.md": report.software_table(versions),
        "hashes.md": report.hashes_table(articles) + "\n"
        + report.manifest_note(provenance.digest(manifest), len(manifest["files"])),
        "limitations.md": report.limitations(articles, findings, validation, inputs.tracker),
        "evidence.md": report.evidence_table(inputs.claims, keys),
        "findings.md": report.findings_table(findings, keys),
    }
    return parts


def write_report(paths: Paths, inputs: ReportInputs, figure_md: dict[str, str],
                 built: date) -> list[Path]:
    """Write the includes, the bibliography and the metadata into report/_generated/."""
    written = [store.write_text(paths.generated / name, text)
               for name, text in includes(paths, inputs, figure_md, built).items()]
    written.append(store.write_text(paths.generated / "references.json",
                                    report.references_json(inputs.articles)))
    written.append(store.write_text(paths.generated / "metadata.yml",
                                    yaml.safe_dump(report.metadata(inputs.articles, built),
                                                   allow_unicode=True, sort_keys=True)))
    return written


# Stage 3: claims, near copies, consistency checks and the promise tracker.

CLAIM_RULES = Path(__file__).resolve().parent.parent / "claim_rules.yml"


def _join(values) -> str:
    return ";".join(str(v) for v in values)


def claims_table(claims: list) -> pd.DataFrame:
    rows = [{"claim_id": c.claim_id, "article_id": c.article_id, "paragraph": c.paragraph,
             "sentence": c.sentence, "event": c.event, "country_event": c.country_event,
             "kind": c.kind, "status": c.status,
             "target_start": _iso(c.target_start), "target_end": _iso(c.target_end),
             "target_text": c.target_text, "actors": _join(c.actors), "figures": _join(c.figures),
             "quote": c.quote} for c in claims]
    return pd.DataFrame(rows, columns=["claim_id", "article_id", "paragraph", "sentence", "event",
                                       "country_event", "kind", "status", "target_start", "target_end",
                                       "target_text", "actors", "figures", "quote"])


def copies_table(copies: list) -> pd.DataFrame:
    rows = [{"article_a": c.article_a, "paragraph_a": c.paragraph_a, "article_b": c.article_b,
             "paragraph_b": c.paragraph_b, "similarity": round(c.similarity, 3),
             "text_a": c.text_a, "text_b": c.text_b} for c in copies]
    return pd.DataFrame(rows, columns=["article_a", "paragraph_a", "article_b", "paragraph_b",
                                       "similarity", "text_a", "text_b"])


def findings_table(findings: list) -> pd.DataFrame:
    rows = [{"finding_id": f.finding_id, "check": f.check, "event": f.event,
             "article_ids": _join(f.article_ids), "summary": f.summary,
             "claim_ids": _join(f.claim_ids), "days": "" if f.days is None else f.days,
             "evidence": json.dumps([list(e) for e in f.evidence], ensure_ascii=False)}
            for f in findings]
    return pd.DataFrame(rows, columns=["finding_id", "check", "event", "article_ids", "summary",
                                       "claim_ids", "days", "evidence"])


def tracker_table(promises: list) -> pd.DataFrame:
    rows = [{"event": p.event, "kind": p.kind, "label": p.label, "first_article": p.first_article,
             "first_date": _iso(p.first_date), "first_when": p.first_when, "target_start": _iso(p.target_start),
             "target_end": _iso(p.target_end), "target_text": p.target_text,
             "mentions": ";".join("|".join(m) for m in p.mentions), "verdict": p.verdict,
             "done_date": _iso(p.done_date)} for p in promises]
    return pd.DataFrame(rows, columns=["event", "kind", "label", "first_article", "first_date",
                                       "first_when", "target_start", "target_end", "target_text", "mentions",
                                       "verdict", "done_date"])
