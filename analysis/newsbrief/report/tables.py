"""The brief's generated parts: Markdown includes, bibliography, metadata (report/_generated/).

Every data-dependent sentence of the brief is written here from the artifacts, so new articles
update it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any, SupportsFloat

import pandas as pd

from newsbrief.core.events import event_label
from newsbrief.core.schema import Row, records
from newsbrief.report.cite import csl_entry
from newsbrief.report.escape import cite, md_quote, md_table, md_text, searchable_table
from newsbrief.themes.coding import Theme

CHECK_LABEL = {
    "slippage": "Slipped commitment",
    "conflict": "Sources disagree",
    "downgraded": "Weakened commitment",
    "no_follow_up": "No follow-up",
    "fulfilled_late": "Delivered late",
    "duplicate_source": "Copied text",
    "undated_source": "Undated source",
    "name_variant": "Name variant",
}
LISTED = 100  # rows of the per-article tables (hashes) before they are cut
# The HTML's evidence and findings tables list every row up to this many (searchable, so a long
# table stays usable); beyond it they say where the rest are. The PDF prints neither.
EVIDENCE_ROWS = 5000


def _d(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def corpus_span(articles: pd.DataFrame) -> tuple[str, str, bool]:
    """Earliest and latest publication, undated articles at their earliest possible date;
    True when an undated article lies at either end, so the span is partly inferred."""
    lows = sorted(
        (r.text("date") or r.text("date_min"), r.text("date_basis"))
        for r in records(articles)
        if r.text("date") or r.text("date_min")
    )
    if not lows:
        return "", "", True
    inferred = lows[0][1] in ("inferred", "unknown") or lows[-1][1] in ("inferred", "unknown")
    return lows[0][0], lows[-1][0], inferred


def metadata(articles: pd.DataFrame, built: date, title: str) -> dict[str, str]:
    """The brief's front matter that the build writes: `title` (analysis/scope.yml), the date and
    the subtitle."""
    low, high, inferred = corpus_span(articles)
    span = (
        f"{low} to {high}" + (" (ends inferred from undated articles)" if inferred else "")
        if low
        else "undated"
    )
    return {
        "title": title,
        "date": built.isoformat(),
        "subtitle": f"A consistency-checked brief on {len(articles)} news articles, {span}",
    }


def references(articles: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        csl_entry(
            r.text("citekey"),
            r.text("title"),
            r.text("outlet"),
            r.text("url"),
            _d(r.text("date")) if r.text("date_basis") != "inferred" else None,
            _d(r.text("date_min")),
            _d(r.text("date_max")),
            r.text("date_basis"),
        )
        for r in records(articles.sort_values("citekey"))
    ]


def references_json(articles: pd.DataFrame) -> str:
    return json.dumps(references(articles), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def citekeys(articles: pd.DataFrame) -> dict[str, str]:
    return dict(zip(articles.article_id, articles.citekey, strict=True))


def scope(articles: pd.DataFrame, topic: str) -> str:
    """The summary's first paragraph: how many articles on `topic` (analysis/scope.yml), when
    and from which outlets."""
    low, high, inferred = corpus_span(articles)
    outlets = sorted({o for o in articles.outlet if o})
    unknown_outlets = int((articles.outlet == "").sum())
    parts = [
        f"This brief reads **{len(articles)}** news article{'s' if len(articles) != 1 else ''} "
        f"on {md_text(topic)}"
    ]
    if low:
        parts.append(
            f", published from {md_text(low)} to {md_text(high)}"
            + (
                " (an end of the span is the earliest possible date of an undated article)"
                if inferred
                else ""
            )
        )
    sentence = "".join(parts) + "."
    if outlets:
        sentence += f" Outlets: {md_text(', '.join(outlets))}" + (
            f", and {unknown_outlets} article(s) with no outlet stated." if unknown_outlets else "."
        )
    return sentence + " It says only what these articles say, and where they disagree.\n"


def _check_label(check: str) -> str:
    return CHECK_LABEL.get(check, check)


def findings_table(findings: pd.DataFrame, keys: dict[str, str]) -> str:
    if findings.empty:
        return "No findings.\n"
    rows = []
    for r in records(findings.head(EVIDENCE_ROWS)):
        articles = [a for a in r.text("article_ids").split(";") if a]
        rows.append(
            [
                md_text(_check_label(r.text("check"))),
                md_text(r.text("summary")),
                cite(*(keys.get(a, "") for a in articles)),
            ]
        )
    more = (
        f"\n*{len(findings) - EVIDENCE_ROWS} more findings are in `build/data/findings.csv`.*\n"
        if len(findings) > EVIDENCE_ROWS
        else ""
    )
    return searchable_table(md_table(["Check", "Finding", "Sources"], rows)) + more


def theme_shares(
    codes: pd.DataFrame, sentences: pd.DataFrame, order: list[str], themes: list[str]
) -> pd.DataFrame:
    """Share of each article's countable sentences that carry each theme (`themes`, the codebook's
    keys in its order × articles in `order`)."""
    countable = sentences[sentences.boilerplate == "no"].groupby("article_id").size()
    coded = codes.drop_duplicates(["article_id", "paragraph", "sentence", "theme"])
    counts = coded.groupby(["theme", "article_id"]).size().unstack(fill_value=0)
    shares = counts.div(countable, axis=1).reindex(columns=order).fillna(0.0)
    return shares.reindex(index=themes).fillna(0.0)


def theme_prose(
    codes: pd.DataFrame,
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    labels: dict[str, str],
    keys: dict[str, str],
    top: int = 4,
    quoted: int = 1,
) -> str:
    """A paragraph per dominant theme with a cited example, then how emphasis shifts over time."""
    if codes.empty:
        return "No sentence matched the codebook.\n"
    per_theme = (
        codes.drop_duplicates(["article_id", "paragraph", "sentence", "theme"])
        .groupby("theme")
        .size()
        .sort_values(ascending=False)
    )
    text = sentences.set_index(["article_id", "paragraph", "sentence"]).text
    total = int((sentences.boilerplate == "no").sum())
    out = []
    for theme, count in per_theme.head(top).items():
        rows = codes[codes.theme == theme].drop_duplicates("article_id").head(quoted)
        examples = [
            f"{md_quote(str(text[_sentence_key(r)]))} {cite(keys.get(r.text('article_id'), ''))}"
            for r in records(rows)
        ]
        n_articles = codes[codes.theme == theme].article_id.nunique()
        out.append(
            f"**{md_text(labels[str(theme)])}** ({count} of {total} sentences, in {n_articles} "
            f"of {len(articles)} articles). For example: {'; '.join(examples)}."
        )
    out.append(theme_shift(codes, sentences, articles, labels))
    return "\n\n".join(out) + "\n"


def _sentence_key(row: Row) -> tuple[str, int, int]:
    """Where a coded sentence is: its article, paragraph and sentence number."""
    return row.text("article_id"), row.number("paragraph"), row.number("sentence")


def theme_shift(
    codes: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, labels: dict[str, str]
) -> str:
    """Compare the leading themes of the earlier and the later half of the dated articles."""
    dated = articles.assign(_key=articles.date.where(articles.date != "", articles.date_min))
    dated = dated[dated._key != ""].sort_values(["_key", "article_id"])
    if len(dated) < 2:
        return "Too few dated articles to say how emphasis shifts over time."
    half = len(dated) // 2
    early, late = list(dated.article_id[:half]), list(dated.article_id[half:])

    def leaders(ids: list[str]) -> list[str]:
        counts = Counter(
            codes[codes.article_id.isin(ids)]
            .drop_duplicates(["article_id", "paragraph", "sentence", "theme"])
            .theme
        )
        return [labels[t] for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]

    return (
        f"**Over time.** In the earlier {len(early)} dated article(s) (to "
        f"{md_text(dated._key.iloc[half - 1])}) the leading themes are "
        f"{md_text(', '.join(leaders(early)) or 'none')}; in the later {len(late)} (from "
        f"{md_text(dated._key.iloc[half])}) they are "
        f"{md_text(', '.join(leaders(late)) or 'none')}. "
        "Dates marked as inferred place an article by its earliest possible date."
    )


def validation_table(validation: pd.DataFrame, labels: dict[str, str]) -> str:
    def fmt(value: str) -> str:
        return "–" if value in ("", "nan") else f"{float(value):.2f}"

    rows = []
    for r in records(validation[validation.split == "heldout"]):
        theme = r.text("theme")
        name = labels.get(
            theme, theme.replace("micro", "Micro average").replace("macro", "Macro average")
        )
        counts = [r.text(n) for n in ("tp", "fp", "fn")]
        figures = [fmt(r.text(n)) for n in ("precision", "recall", "f1", "alpha")]
        rows.append([md_text(name), *counts, *figures])
    return md_table(
        ["Theme (held-out articles)", "TP", "FP", "FN", "Precision", "Recall", "F1", "α"],
        rows,
        ["l", "r", "r", "r", "r", "r", "r", "r"],
    )


def evidence_table(claims: pd.DataFrame, keys: dict[str, str]) -> str:
    if "in_scope" in claims:  # events of other pairs (Islamabad–Baku flights) are not evidence
        claims = claims[claims.in_scope != "no"]
    if claims.empty:
        return "No claims were extracted.\n"
    rows = [
        [
            md_text(event_label(r.text("event"))),
            md_text(r.text("status").replace("_", " ")),
            md_text(r.text("target_text")),
            f"{md_quote(r.text('quote'))} {cite(keys.get(r.text('article_id'), ''))}",
        ]
        for r in records(claims.head(EVIDENCE_ROWS))
    ]
    more = (
        f"\n*{len(claims) - EVIDENCE_ROWS} more claims are in `build/data/claims.csv`.*\n"
        if len(claims) > EVIDENCE_ROWS
        else ""
    )
    return searchable_table(md_table(["Event", "Status", "When", "Quote"], rows)) + more


def hashes_table(articles: pd.DataFrame) -> str:
    rows = [
        [md_text(r.text("path")), f"`{r.text('sha256')}`"] for r in records(articles.head(LISTED))
    ]
    more = _more(len(articles), "files' hashes (column sha256)", "build/data/articles.csv")
    if more:
        # On a corpus this large the references list only the articles the brief cites.
        more += (
            "\n*The references below list the articles this brief cites; "
            "`report/_generated/references.json` has an entry for every article.*\n"
        )
    return md_table(["Seed file", "SHA-256"], rows) + more


def _more(total: int, what: str, where: str) -> str:
    """The line under a cut table: how many rows are left out and where all of them are."""
    if total <= LISTED:
        return ""
    return f"\n*The first {LISTED} of {total} are shown; all {total} {what} are in `{where}`.*\n"


def _grouped_notes(
    notes: list[tuple[str, str]], by_key: dict[str, str], shown: int = 3
) -> list[str]:
    """One bullet per note; a note shared by more than `shown` articles becomes one bullet that
    counts them and cites the first few (every note is in build/data/ingest_notes.csv)."""
    by_note: dict[str, list[str]] = {}
    for article, note in notes:
        by_note.setdefault(note, []).append(article)
    out = []
    for note, ids in by_note.items():
        if len(ids) <= shown:
            out += [
                f"- {md_text((a + ' ' if a else '') + note)}"
                + (f" {cite(by_key[a])}" if a in by_key else "")
                for a in ids
            ]
        else:
            cited = [by_key[a] for a in ids[:shown] if a in by_key]
            out.append(
                f"- {len(ids)} articles: {md_text(note)} (for example {cite(*cited)}; all in "
                "`build/data/ingest_notes.csv`)"
            )
    return out


def outlets_line(articles: pd.DataFrame) -> str:
    """How many articles each outlet has, and how many the catalog lacks."""
    outlets = Counter(o or "not stated" for o in articles.outlet)
    line = (
        "\n### Outlets and catalog\n\n"
        + "; ".join(f"{md_text(o)}: {n}" for o, n in sorted(outlets.items()))
        + "."
    )
    uncatalogued = int((articles.catalogued == "no").sum())
    if uncatalogued:
        line += f" {uncatalogued} article(s) are not in the catalog; their metadata was inferred."
    return line + "\n"


def input_problems(articles: pd.DataFrame, notes: pd.DataFrame, uncoded: Sequence[str]) -> str:
    """What ingest noted about the files, one line per note (a note many share, counted)."""
    if notes.empty and not uncoded:
        return ""
    by_key = citekeys(articles)
    out = ["\n### Input problems handled\n"]
    out += _grouped_notes([(r.text("article_id"), r.text("note")) for r in records(notes)], by_key)
    out += _grouped_notes(
        [
            (a, "— no sentence matches the codebook, so it adds nothing to the theme figures")
            for a in uncoded
        ],
        by_key,
    )
    return "\n".join(out) + "\n"


def evidence_where(claims: pd.DataFrame, findings: pd.DataFrame) -> str:
    """Where the PDF's reader finds what it leaves out: every claim and every finding."""
    return (
        f"This PDF tells the findings; it does not list the evidence. All {len(findings)} "
        f"findings of the consistency checks and all {len(claims)} claims read from the "
        "articles, each with its verbatim quote and its source, are in the HTML brief "
        "(`report/_output/brief.html`, appendix *The full evidence*, searchable and "
        "sortable) and in `build/data/findings.csv` and `build/data/claims.csv`; "
        "every report of every commitment is in `build/data/tracker.csv`.\n"
    )


def methods_corpus(articles: pd.DataFrame, sentences: pd.DataFrame, claims: pd.DataFrame) -> str:
    basis = Counter(articles.date_basis)
    countable = int((sentences.boilerplate == "no").sum())
    boiler = int((sentences.boilerplate == "yes").sum())
    return (
        f"The corpus has {len(articles)} articles, {len(sentences)} sentences "
        f"({boiler} of them web boilerplate, kept but never coded or quoted, leaving "
        f"{countable}), and {len(claims)} extracted claims. Dates by basis: "
        + ", ".join(f"{md_text(k)} {v}" for k, v in sorted(basis.items()))
        + ".\n"
    )


def _coder(validation: pd.DataFrame, reference: str) -> str:
    """How coders.yml describes a coder, as the validation table carries it ('' if it does not)."""
    if "who" not in validation:
        return ""
    rows = records(validation[validation.reference == reference].head(1))
    return rows[0].optional("who") if rows else ""


def _figure(value: object) -> str:
    """A validation figure to two places, or "n/a" where it is undefined (no positives at all)."""
    if not isinstance(value, (str, SupportsFloat)):
        return "n/a"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "n/a"
    return "n/a" if number != number else f"{number:.2f}"


UNVALIDATED = (
    "None of the hand-coded articles in analysis/validation/ is in this corpus, so the "
    "codebook has no validation figures for it: hand-code a sample of its paragraphs "
    "(analysis/validation/CODING\\_GUIDE.md) to measure them."
)


def validation_summary(
    heldout: pd.DataFrame, validation: pd.DataFrame, agreement: pd.DataFrame
) -> str:
    if validation.empty:
        return UNVALIDATED + "\n"
    if heldout.empty:
        return (
            "None of the held-out hand-coded articles is in this corpus, so there are no "
            "held-out figures.\n"
        )
    r = heldout.iloc[0]
    reference = str(r.reference)
    who = _coder(validation, reference)
    name = "the second coder" if reference == "coder2" else "the hand coding"
    text = (
        f"On the held-out articles ({r.units} paragraphs), the codebook reaches a micro-averaged "
        f"F1 of {_figure(r.f1)} (precision {_figure(r.precision)}, recall "
        f"{_figure(r.recall)}) and Krippendorff's α of {_figure(r.alpha)} against {name}"
        + (f" ({md_text(who)})." if who else ".")
    )
    overall = agreement[agreement.theme == "all"] if not agreement.empty else agreement
    if not overall.empty:
        a = overall.iloc[0]
        first = _coder(validation, "coder1")
        text += f" The first coder was {md_text(first)}." if first else ""
        text += (
            f" The two coders agree on {float(a.agreement):.0%} of paragraph–theme "
            f"decisions (α {_figure(a.alpha)}, all {a.units} paragraphs)."
        )
    return text + " Per theme:\n"


_READ = {"date": "dates", "headline": "headlines", "outlet": "outlets", "place": "dateline places"}
_OF = {
    "date": "articles that state their date",
    "headline": "articles that have a headline",
    "outlet": "articles that name their outlet or carry its URL",
    "place": "articles with a dateline",
}


def metadata_accuracy(table: pd.DataFrame) -> str:
    """How well ingest and dating read real news formats, on the held-out half of the realistic
    corpus (build/data/metadata_accuracy.csv)."""
    held = {r.text("measure"): r for r in records(table[table.half == "heldout"])}
    shown = [m for m in _READ if m in held and held[m].number("total") > 0]
    if not shown:
        return (
            "The realistic corpus and its gold (`tests/fixtures/`) are not in this checkout, so "
            "the reading of headlines, outlets and dates is not measured here.\n"
        )
    parts = [
        f"{_READ[m]} right on {held[m].number('right')} of the {held[m].number('total')} "
        f"{_OF[m]} ({held[m].number('right') / held[m].number('total'):.0%})"
        for m in shown
    ]
    noted = held.get("contradiction_noted")
    contradictions = (
        f" Of its articles whose date facts contradicted each other, {noted.number('right')} "
        f"of {noted.number('total')} carry a source note saying so."
        if noted is not None and noted.number("total") > 0
        else " None of its articles had date facts that contradict each other."
    )
    return (
        "Measured on the held-out half of a realistic corpus (articles in the formats of real "
        "outlets, `tests/fixtures/realistic/`), against an independent coder's gold: "
        + "; ".join(parts)
        + "."
        + contradictions
        + " Source: `build/data/metadata_accuracy.csv`.\n"
    )


UNMEASURED_CLAIMS = (
    "No hand-coded claims gold is in the project (tests/fixtures/gold/), so the claims have no "
    "measured accuracy: have sentences coded from the claims coding guide to measure it."
)


CLAIMS_SPLITS = (  # (split, how the methods name it), the most trustworthy first
    ("heldout_fresh3", "third fresh set's held-out"),
    ("heldout_fresh", "first two fresh sets' held-out"),
    ("heldout", "first held-out"),
    ("development", "development"),
)


def claims_accuracy(accuracy: pd.DataFrame) -> str:
    """The claims' precision, recall and target accuracy against the independent coders, fresh
    held-out set first (build/data/claims_accuracy.csv)."""
    rows = {str(r.text("split")): r for r in records(accuracy)}
    if not rows:
        return UNMEASURED_CLAIMS + "\n"
    parts = []
    for split, name in CLAIMS_SPLITS:
        r = rows.get(split)
        if r is None:
            continue
        parts.append(
            f"on the {name} sentences ({r.number('sentences')} sentences, "
            f"{r.number('gold_events')} events between the two countries), precision "
            f"{_figure(r.text('precision'))} and recall {_figure(r.text('recall'))} of "
            f"(event, status), and {_figure(r.text('target_accuracy'))} of targets right "
            f"({r.number('targets_right')} of {r.number('targets')})"
        )
    return (
        "Independent coders labelled sentences of published articles and of the seeds from a "
        "coding guide alone (tests/fixtures/gold/). The first set was split into a development "
        "half, used to tune the rules, and a held-out half whose sentences were never read while "
        "tuning them; its totals were looked at after changes, so its figures may be somewhat "
        "optimistic. Three fresh sets (tests/fixtures/fresh/ and fresh3/: other outlets, every "
        "sentence of each article) were then written and coded by others who saw neither the code "
        "nor each other's work, and split the same way; their held-out halves were never read "
        "while tuning. The first two's error counts by kind were once seen through a fault in a "
        "scratch script, so the third's held-out half, whose totals were looked at only to report "
        "them, is the fairest estimate of how the claims read news the rules have not seen. "
        "Against that coding, the claims reach " + "; ".join(parts) + ". An event counts "
        "when its kind and status match the coder's in the same sentence (a coder's "
        '"not happened" is the package\'s "planned": it reads "not yet" as still '
        "expected); a target is right when its words overlap the coder's and, where the coder "
        "wrote dates, the dates agree.\n"
    )


def findings_review(verdicts: Sequence[tuple[str, str]]) -> str:
    """What an independent reviewer found of the findings the development corpus gives today:
    (check, verdict) pairs from tests/fixtures/gold/findings_review_today.yml; "" when there is
    no review."""
    if not verdicts:
        return ""
    wrong = Counter(check for check, verdict in verdicts if verdict == "wrong")
    total = len(verdicts)
    worst = ", ".join(
        f"{n} of {sum(1 for c, _ in verdicts if c == check)} {check.replace('_', ' ')}"
        for check, n in wrong.most_common()
    )
    worst = f" ({worst})" if worst else ""
    return (
        f"An independent reviewer read the findings the checks make on the development corpus "
        f"(the seeds and the development half of the published articles) against the articles "
        f"they cite: {sum(wrong.values())} of {total} were wrong{worst}. The reason for each "
        "verdict is in tests/fixtures/gold/findings_review.yml, and the tests rebuild that corpus "
        "to keep this count equal to what the checks give. Read a finding with its quotes before "
        "relying on it.\n"
    )


def codebook_table(themes: list[Theme]) -> str:
    rows = [[md_text(t.label), f"`{t.key}`", md_text(t.definition)] for t in themes]
    return md_table(["Theme", "Key", "Definition"], rows)


def software_table(versions: dict[str, str]) -> str:
    return (
        "Software: " + "; ".join(f"{md_text(k)} {md_text(v)}" for k, v in versions.items()) + ".\n"
    )


def limitations(
    articles: pd.DataFrame,
    findings: pd.DataFrame,
    validation: pd.DataFrame,
    tracker: pd.DataFrame | None = None,
) -> str:
    """What this corpus cannot tell, stated from the data."""
    out = []
    outlets = {o for o in articles.outlet if o}
    no_outlet = int((articles.outlet == "").sum())
    undated = int(articles.date_basis.isin(["inferred", "unknown"]).sum())
    out.append(
        f"- **Small, uneven corpus.** {len(articles)} articles from {len(outlets)} named "
        f"outlet(s){f' and {no_outlet} with no outlet stated' if no_outlet else ''}. "
        "A commitment no article mentions again may still have been met; the verdicts say "
        "only what these articles show."
    )
    if undated:
        out.append(
            f"- **Uncertain dates.** {undated} article(s) carry no date; their place in "
            "time is a range inferred from officeholders, place names and dated events "
            "they mention, and findings that depend on their order say so."
        )
    copies = int((findings.check == "duplicate_source").sum())
    if copies:
        out.append(
            f"- **Copied text.** {copies} near-copy finding(s): copied passages are one "
            "source, not corroboration."
        )
    out.append(_coding_limitation(validation))
    out.append(
        "- **Rule-based claims.** Commitments are found by wording rules "
        "(analysis/claim\\_rules.yml) and read from the sentence's parse; a promise phrased "
        "in a way the rules do not know is missed, a misparsed sentence can be misread, and the "
        "evidence table shows exactly what was read."
    )
    if tracker is not None:
        out += _next_steps(list(tracker[tracker.verdict.isin(["Stalled", "In the Works"])].label))
    if undated:
        out.append(
            "- **Dates.** Dated copies of the undated articles (the outlet's page, an archive "
            "capture) would replace inferred ranges with dates and firm up the order of events."
        )
    return "\n".join(out) + "\n"


def _coding_limitation(validation: pd.DataFrame) -> str:
    """How far the theme codes can be trusted: blind or author-coded held-out figures, or none."""
    heldout = records(
        validation[(validation.split == "heldout") & (validation.theme == "micro")].head(1)
    )
    if not heldout:
        return (
            "- **Dictionary coding, unvalidated here.** Theme codes match words, not meaning, "
            "and no hand-coded held-out paragraph is in this corpus, so how often they are right "
            "on these articles is not measured."
        )
    micro = heldout[0]
    f1, units = _figure(micro.cells["f1"]), micro.text("units")
    if micro.optional("blind") == "yes":
        caveat = micro.optional("caveat")
        return (
            f"- **Dictionary coding.** Theme codes match words, not meaning. Held-out "
            f"micro-F1 is {f1} on only {units} "
            "paragraphs, against a coder who did not see the codebook, so small themes carry "
            "wide uncertainty." + (f" {md_text(caveat)}" if caveat else "")
        )
    return (
        f"- **Dictionary coding.** Theme codes match words, not meaning. Held-out "
        f"micro-F1 is {f1} on {units} "
        "paragraphs hand-coded by the codebook's own author, not by an independent coder, "
        "so the figure is likely optimistic and small themes carry wide uncertainty; a "
        "second, independent coder is the next step (analysis/validation/CODING\\_GUIDE.md)."
    )


def _next_steps(open_items: list[str]) -> list[str]:
    """The bullet naming the still-open commitments that primary sources would settle."""
    if not open_items:
        return []
    shown = ", ".join(open_items[:5]) + (
        f" and {len(open_items) - 5} more" if len(open_items) > 5 else ""
    )
    return [
        f"- **Next steps.** Primary sources (official readouts of both governments, "
        f"civil aviation and trade authorities, later reporting) would settle what became "
        f"of {md_text(shown)}."
    ]


def manifest_note(manifest_digest: str, n_files: int) -> str:
    return (
        f"`build/manifest.json` records the SHA-256 of all {n_files} inputs (seeds, catalog, "
        "codebook, context facts, validation set, package sources, notebooks, report sources, "
        f"requirements) and the tool versions; its digest is `{manifest_digest}`. "
        "`make verify` rebuilds everything in a scratch copy and compares the data, the "
        "generated parts and the HTML byte for byte.\n"
    )
