"""The brief's story sections as Markdown: key findings, what became of each commitment, and
the figures the sources disagree on. The PDF gets the short form, the HTML everything.

Every table row and sentence is built from a Commitment (commitments.py) and its Story.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from newsbrief.core.schema import Row
from newsbrief.report.commitments import Commitment, Corpus, Mention
from newsbrief.report.escape import cite, md_quote, md_table, md_text, searchable_table
from newsbrief.report.sources import Cluster, cluster_markdown
from newsbrief.report.stories import Story, status_word, story, verdict_reason
from newsbrief.report.wording import (
    at_period,
    count_text,
    period_text,
    published_text,
    source_text,
    target_phrase,
)

KEY_FINDINGS = 7  # bullets at most: what a reader takes in at a glance
PDF_SUBSECTIONS = 5  # commitments told in full in the PDF; the HTML tells up to HTML_SUBSECTIONS
HTML_SUBSECTIONS = 30  # the rest are rows of the compact table (and all are in tracker.csv)
PDF_MENTIONS = 5  # reports per commitment in the PDF's table; the HTML lists every one
QUOTE_CHARS = 300  # a longer quote is cut to a verbatim window of about this length
FIGURES_WITHIN = 7  # days around a figure dispute in which other reports' figures are listed too
WHERE_ALL = "the HTML brief (`report/_output/brief.html`) and `build/data/tracker.csv`"


def html_only(markdown: str) -> str:
    """Content for the HTML alone; its div's class `html-only` lets a reader of the HTML (and
    the tests) tell what the PDF leaves out."""
    return (
        '::: {.content-visible when-format="html"}\n\n::: {.html-only}\n\n'
        + markdown
        + "\n:::\n\n:::\n"
    )


def pdf_only(markdown: str) -> str:
    return '::: {.content-hidden when-format="html"}\n\n' + markdown + "\n:::\n"


def key_findings(
    told: list[Commitment], clusters: list[Cluster], corpus: Corpus, keys: dict[str, str]
) -> str:
    """At most seven bullets, most consequential first: one per commitment, then, if there is
    room, the largest set of copied reports."""
    if not told and not clusters:
        return (
            "No cross-article findings: the articles neither contradict each other nor show "
            "a lapsed commitment.\n"
        )
    lines = [
        f"- **{md_text(c.label)}.** {story(c, corpus).markdown(keys)}" for c in told[:KEY_FINDINGS]
    ]
    if clusters and len(lines) < KEY_FINDINGS:
        largest = clusters[0]
        cited = cite(*(keys.get(a, "") for a in largest.articles))
        lines.append(
            f"- **Copied reports.** {cluster_markdown(largest, corpus.articles)}; it counts as one "
            f"source, not as corroboration. {cited}"
        )
    return "\n".join(lines) + "\n"


def excerpt(quote: str, around: str, limit: int = QUOTE_CHARS) -> tuple[bool, str, bool]:
    """A verbatim window of `quote` of about `limit` characters, cut at spaces, holding `around`
    (the target's words) when it can; with whether the start and the end were cut."""
    if len(quote) <= limit:
        return False, quote, False
    at = quote.find(around) if around else -1
    start = max(0, min(at - limit // 3, len(quote) - limit)) if at >= 0 else 0
    if start:
        start = quote.find(" ", start) + 1
    end = start + limit
    if end < len(quote):
        end = quote.rfind(" ", start, end)
    return start > 0, quote[start:end].strip(), end < len(quote)


def quote_cell(claim: Row | None, article_id: str, keys: dict[str, str]) -> str:
    cited = cite(keys.get(article_id, ""))
    if claim is None:
        return f"(no claim read) {cited}"
    cut_start, window, cut_end = excerpt(claim.text("quote"), claim.text("target_text"))
    return f"{'[…] ' if cut_start else ''}{md_quote(window)}{' […]' if cut_end else ''} {cited}"


def _status_cell(m: Mention) -> str:
    start, end = m.target()
    if not start:
        return status_word(m.status)
    if m.status == "happened":
        return f"done {at_period(start, end)}"
    return f"{status_word(m.status)} {target_phrase(start, end)}"


def mentions_table(mentions: list[Mention], corpus: Corpus, keys: dict[str, str]) -> str:
    rows = []
    for m in mentions:
        article = corpus.article(m.article_id)
        outlet = article.text("outlet") if article is not None else ""
        rows.append(
            [
                md_text(published_text(m.low, m.high)),
                md_text(outlet or "not stated"),
                md_text(_status_cell(m)),
                quote_cell(m.claim, m.article_id, keys),
            ]
        )
    return md_table(
        ["Published", "Outlet", "Status", "What the article says"], rows, widths=[13, 14, 17, 56]
    )


def pdf_mentions(c: Commitment, limit: int = PDF_MENTIONS) -> list[Mention]:
    """The reports that tell the story, in date order: the first, the delivery, the latest,
    each new date, the reports a finding rests on; then the earliest others."""
    mentions = list(c.mentions)
    delivery = c.delivery()
    cited = {a for f in c.findings for a in f.text("article_ids").split(";")}
    wanted = [0, *([mentions.index(delivery)] if delivery else []), len(mentions) - 1]
    wanted += [mentions.index(m) for m in c.promised_dates()]
    wanted += [i for i, m in enumerate(mentions) if m.article_id in cited]
    wanted += range(len(mentions))
    return [mentions[i] for i in sorted(list(dict.fromkeys(wanted))[:limit])]


def _subsection(c: Commitment, corpus: Corpus, keys: dict[str, str], figure: str) -> str:
    told = story(c, corpus)
    verdict = verdict_reason(c, corpus)
    parts = [
        f"### {md_text(c.label)}\n",
        f"{told.markdown(keys)}\n",
        f"{_verdict_line(verdict)}\n",
        figure,
    ]
    everything = list(c.mentions)
    shown = pdf_mentions(c)
    if len(shown) == len(everything):
        parts.append(mentions_table(everything, corpus, keys))
    else:
        parts.append(html_only(searchable_table(mentions_table(everything, corpus, keys))))
        more = len(everything) - len(shown)
        parts.append(
            pdf_only(
                mentions_table(shown, corpus, keys)
                + f"\n*{len(shown)} of its {len(everything)} reports; the other {more} are in "
                f"{WHERE_ALL}.*\n"
            )
        )
    return "\n".join(parts) + "\n"


def _verdict_line(verdict: Story) -> str:
    """ "**Verdict: Stalled.** Its date passed ..." (the story above cites the reports it names)."""
    head, _, reason = verdict.text.partition(": ")
    return f"**Verdict: {md_text(head)}.** {md_text(reason[:1].upper() + reason[1:])}"


def _other_row(promise: Row, corpus: Corpus) -> list[str]:
    target = period_text(promise.text("target_start"), promise.text("target_end"))
    later = promise.text("mentions").count("|") // 3
    return [
        md_text(promise.text("label")),
        md_text(source_text(corpus.article(promise.text("first_article")))),
        md_text(target or promise.text("target_text") or "no date"),
        str(later),
        md_text(promise.text("verdict")),
    ]


def _others_table(promises: list[Row], corpus: Corpus) -> str:
    """One short row per commitment; its first report named by outlet and date (every article
    is in the references)."""
    if not promises:
        return "Every commitment the articles state is told above.\n"
    rows = [_other_row(p, corpus) for p in promises]
    header = ["Commitment", "First reported", "Promised for", "Later reports", "Verdict"]
    return searchable_table(md_table(header, rows, widths=[30, 28, 18, 9, 15]))


def commitment_sections(
    told: list[Commitment],
    tracker: list[Row],
    corpus: Corpus,
    keys: dict[str, str],
    figures: dict[str, str],
) -> str:
    """A subsection per commitment with a finding (the first PDF_SUBSECTIONS in the PDF, up to
    HTML_SUBSECTIONS in the HTML), then the other commitments in one compact table."""
    if not told and not tracker:
        return "The articles state no commitment the tracker recognises.\n"
    out = []
    for n, c in enumerate(told[:HTML_SUBSECTIONS]):
        section = _subsection(c, corpus, keys, figures.get(c.event, ""))
        out.append(section if n < PDF_SUBSECTIONS else html_only(section))
    in_html = {c.event for c in told[:HTML_SUBSECTIONS]}
    in_pdf = {c.event for c in told[:PDF_SUBSECTIONS]}
    beyond_pdf = len(told) - len(in_pdf)
    out.append("### Other commitments\n")
    if beyond_pdf > 0:
        out.append(
            pdf_only(
                f"{count_text(beyond_pdf).capitalize()} more commitment"
                f"{'s' if beyond_pdf != 1 else ''} with findings "
                f"{'are' if beyond_pdf != 1 else 'is'} told in full in {WHERE_ALL}; "
                "the table lists them with the rest.\n"
            )
        )
    html_rows = [p for p in tracker if p.text("event") not in in_html]
    pdf_rows = [p for p in tracker if p.text("event") not in in_pdf]
    if html_rows == pdf_rows:
        out.append(_others_table(html_rows, corpus))
    else:
        out.append(html_only(_others_table(html_rows, corpus)))
        out.append(pdf_only(_others_table(pdf_rows, corpus)))
    return "\n".join(out) + "\n"


def _figure_claims(c: Commitment, corpus: Corpus) -> list[Row]:
    """The reports a figure dispute rests on, and every other report of the event with a figure
    published within FIGURES_WITHIN days of them (other outlets' accounts of the same day)."""
    disputed = [claim for d in c.figure_conflicts() for claim in d.claims]
    days = sorted(d for r in disputed if (d := corpus.when(r.text("article_id"))[0]))
    if not days:
        return disputed
    reach = timedelta(days=FIGURES_WITHIN)
    low = (date.fromisoformat(days[0]) - reach).isoformat()
    high = (date.fromisoformat(days[-1]) + reach).isoformat()
    others = [
        r
        for rows in corpus.by_article.values()
        for r in rows
        if r.text("event") == c.event
        and r.text("figures")
        and low <= corpus.when(r.text("article_id"))[0] <= high
    ]
    return list({r.text("claim_id"): r for r in [*disputed, *others]}.values())


def disputes_section(told: list[Commitment], corpus: Corpus, keys: dict[str, str]) -> str:
    """One table per disputed figure: each figure as reported, and who reported it."""
    out = []
    for c in told:
        claims = _figure_claims(c, corpus) if c.figure_conflicts() else []
        if not claims:
            continue
        by_figure: dict[str, list[str]] = defaultdict(list)
        for r in claims:
            by_figure[r.text("figures")].append(r.text("article_id"))
        rows = [
            [
                md_text(figure),
                "; ".join(
                    f"{md_text(published_text(*corpus.when(a)))} {cite(keys.get(a, ''))}"
                    for a in dict.fromkeys(ids)
                ),
            ]
            for figure, ids in sorted(by_figure.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ]
        days = sorted(corpus.when(r.text("article_id"))[0] for r in claims)
        out.append(f"#### {md_text(c.label)}, reported {md_text(_span(days[0], days[-1]))}\n")
        out.append(md_table(["Figure as reported", "Reported by"], rows, widths=[40, 60]))
    if not out:
        return (
            "No two reports of the same occasion give different figures. Disagreements on "
            "whether or when something happened are told under each commitment above.\n"
        )
    return (
        "Where reports of one occasion give different figures, each figure is listed with the "
        "sources that gave it, and with every other report of the same event that gives a "
        f"figure within {FIGURES_WITHIN} days of them. Disagreements on whether or when "
        "something happened are told under each commitment above.\n\n" + "\n".join(out)
    )


def _span(low: str, high: str) -> str:
    """ "4 Feb 2026", "4–6 Feb 2026", "28 Jan 2026 to 3 Feb 2026"."""
    if low == high:
        return published_text(low, low)
    if low[:7] == high[:7]:
        return f"{int(low[8:])}–{published_text(high, high)}"
    return f"{published_text(low, low)} to {published_text(high, high)}"
