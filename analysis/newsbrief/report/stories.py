"""Each commitment told as one story in plain sentences, and the verdict's reason.

Built from a Commitment (commitments.py): dates as a reader writes them, sources named by outlet,
every number from the generated tables. Returns text with the articles it names, for citing.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsbrief.core.schema import Row
from newsbrief.report.commitments import PROMISING, Commitment, Corpus, Dispute, Mention
from newsbrief.report.escape import cite, md_text
from newsbrief.report.wording import (
    at_period,
    count_text,
    lateness_text,
    period_text,
    reader_list,
    source_subject,
    source_text,
    target_phrase,
    times_text,
)

STATUS_WORD = {
    "planned": "planned",
    "proposed": "proposed",
    "under_discussion": "under discussion",
    "happened": "done",
    "postponed": "postponed",
    "cancelled": "cancelled",
}
# How a report's status reads after "reports it ...".
STATUS_PHRASE = {
    "planned": "as planned",
    "proposed": "only as proposed",
    "under_discussion": "as under discussion",
    "happened": "done",
    "postponed": "postponed",
    "cancelled": "cancelled",
}


@dataclass(frozen=True)
class Story:
    """Sentences for a reader and the articles they name (cited after them)."""

    text: str
    articles: tuple[str, ...]

    def markdown(self, keys: dict[str, str]) -> str:
        cited = cite(*(keys.get(a, "") for a in self.articles))
        return md_text(self.text) + (f" {cited}" if cited else "")


class _Writer:
    """Collects the articles a story names while it writes their names."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.named: list[str] = []

    def source(self, article_id: str) -> str:
        self.named.append(article_id)
        return source_text(self.corpus.article(article_id))

    def of(self, mention: Mention) -> str:
        return self.source(mention.article_id)

    def subject(self, article_id: str) -> str:
        self.named.append(article_id)
        return source_subject(self.corpus.article(article_id))

    def told(self, text: str) -> Story:
        return Story(text, tuple(dict.fromkeys(self.named)))


def status_word(status: str) -> str:
    return STATUS_WORD.get(status, status.replace("_", " "))


def _phrase(status: str) -> str:
    return STATUS_PHRASE.get(status, status_word(status))


def _promise_clause(c: Commitment, w: _Writer) -> str:
    dates = c.promised_dates()
    first = c.mentions[0] if c.mentions else None
    if first is None:
        return "No article reports it"
    if dates and dates[0] is first:
        return f"First promised {target_phrase(*first.target())} ({w.of(first)})"
    opening = (
        f"First announced without a date ({w.of(first)})"
        if first.status in PROMISING
        else f"First reported {_phrase(first.status)} ({w.of(first)})"
    )
    if dates:
        opening += f", then promised {target_phrase(*dates[0].target())} ({w.of(dates[0])})"
    return opening


def _moves_clause(c: Commitment) -> str:
    moves = c.moves()
    if not moves:
        return ""
    later = [period_text(*m.target()) for m in c.promised_dates()[1:]]
    if len(later) > 3:
        later = [*later[:3], f"{count_text(len(later) - 3)} more"]
    return f"the date moved {times_text(moves)} (later reports gave {reader_list(later)})"


def _delivered_clause(c: Commitment, done: Mention, w: _Writer) -> str:
    start, end = done.target()
    when = f" {at_period(start, end)}" if start else ""
    late = c.days("fulfilled_late", resting_on=done)  # this report's delay, not another's
    return f"it was reported done{when} ({w.of(done)})" + (
        f", {lateness_text(late)} late" if late else ""
    )


def _outcome_clause(c: Commitment, w: _Writer) -> str:
    done = c.delivery()
    if done is not None:
        return _delivered_clause(c, done, w)
    checks, latest = c.checks(), c.latest()
    if "slippage" in checks and latest is not None:
        return (
            f"the latest report ({w.of(latest)}) still has it {status_word(latest.status)}, "
            f"at least {lateness_text(c.days('slippage'), about='')} after the date"
        )
    if "no_follow_up" in checks:
        return (
            "no later article mentions it, though the articles run on for "
            f"{lateness_text(c.days('no_follow_up'))} after that date"
        )
    weaker = _weaker(c, w.corpus)
    if weaker is not None:
        return (
            f"a later report ({w.source(weaker.text('article_id'))}) weakens it to only "
            f"{status_word(weaker.text('status'))}"
        )
    if latest is None or len(c.mentions) < 2:
        return "no later article reports on it"
    return f"the latest report ({w.of(latest)}) has it {status_word(latest.status)}"


def _weaker(c: Commitment, corpus: Corpus) -> Row | None:
    """The later, weaker report of a downgraded finding (planned, then only proposed)."""
    for f in c.findings:
        claims = corpus.claims_of(f.text("claim_ids")) if f.text("check") == "downgraded" else []
        if claims:
            return max(
                claims, key=lambda r: (corpus.when(r.text("article_id")), r.text("claim_id"))
            )
    return None


def _dispute_sentence(d: Dispute, w: _Writer) -> str:
    a, b = d.claims
    src_a, src_b = w.subject(a.text("article_id")), w.subject(b.text("article_id"))
    src_a = src_a[:1].upper() + src_a[1:]
    if d.kind == "figures":
        return f"Figures disagree: {src_a} gives {a.text('figures')}, {src_b} {b.text('figures')}."
    if d.kind == "route":
        label = w.corpus.label
        return (
            f"{src_a} names {label(a.text('event'))}, but {src_b} names {label(b.text('event'))}."
        )
    if d.kind == "date":
        return (
            f"{src_a} gives {period_text(a.text('target_start'), a.text('target_end'))}, but "
            f"{src_b} gives {period_text(b.text('target_start'), b.text('target_end'))}."
        )
    later = w.corpus.when(b.text("article_id")) > w.corpus.when(a.text("article_id"))
    return (
        f"{src_a} reports it {_phrase(a.text('status'))}, but "
        f"{src_b}{', published later,' if later else ''} reports it {_phrase(b.text('status'))}."
    )


def _downgrade_sentence(c: Commitment, w: _Writer) -> str:
    """A later report that weakens the commitment, when the story has not told it already (it
    has when nothing was delivered and no date lapsed)."""
    weaker, latest = _weaker(c, w.corpus), c.latest()
    told = c.delivery() is None and (
        not c.checks() & {"slippage", "no_follow_up"}
        or (
            weaker is not None
            and latest is not None
            and weaker.text("article_id") == latest.article_id
        )
    )
    if weaker is None or told:
        return ""
    source = w.subject(weaker.text("article_id"))
    return f"A later report, {source}, calls it only {status_word(weaker.text('status'))}."


def story(c: Commitment, corpus: Corpus) -> Story:
    """One or two sentences: the promise, how its date moved, what became of it; then the
    sharpest disagreement between reports, if any."""
    w = _Writer(corpus)
    first = "; ".join(
        p for p in (_promise_clause(c, w), _moves_clause(c), _outcome_clause(c, w)) if p
    )
    second = _dispute_sentence(c.disputes[0], w) if c.disputes else _downgrade_sentence(c, w)
    return w.told(f"{first}. {second}".strip())


def _reason_stalled(c: Commitment) -> str:
    checks = c.checks()
    if "slippage" in checks:
        return "its date passed while later reports still had it pending"
    if "downgraded" in checks:
        return "a later report weakened it"
    if any(m.status == "postponed" for m in c.mentions):
        return "a report says it was postponed"
    return "later reports still have it pending"


def verdict_reason(c: Commitment, corpus: Corpus) -> Story:
    """The verdict on PolitiFact's scale and why, as far as these articles show."""
    w = _Writer(corpus)
    done, latest = c.delivery(), c.latest()
    verdict = c.verdict or "Not rated"
    if verdict == "Promise Kept" and done is not None:
        reason = f"a later report says it was done ({w.of(done)})"
    elif verdict == "Promise Kept":
        reason = "a later report says it was done"
    elif verdict == "Compromise":
        reason = "done only in part: a different route, or fewer than promised, is reported done"
    elif verdict == "Promise Broken":
        reason = "a report says it was cancelled, and none says it was done"
    elif verdict == "Stalled":
        reason = f"{_reason_stalled(c)}, and no article reports it done"
    elif verdict == "In the Works" and latest is not None:
        reason = f"the latest report ({w.of(latest)}) still has it coming"
    elif verdict == "Not Yet Rated":
        reason = "no later article says whether it happened"
    else:
        reason = "no article states it as a commitment, so the tracker gives it no verdict"
    return w.told(f"{verdict}: {reason}.")
