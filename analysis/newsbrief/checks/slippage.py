"""Deadlines against later reports: a target passed unmet, met late, or lapsed unremarked.
Reads the timeline and the copies; checks slippage, fulfilled_late and no_follow_up.

- slippage: a commitment's target date passed before a later article was published, and that article
  still reports the event as not done; `days` runs from the target's end to the latest such article.
- fulfilled_late: a later article reports the event done on a stated date after the target; `days`
  is the delay. (A report of the event done without a date of its own proves nothing about lateness.)
- no_follow_up: a dated commitment (planned or postponed, not only proposed) whose target lies
  before the corpus's latest article, and that no article that may be later mentions again (neither the event nor its country-level event, nor,
  for a recurring event, another of its occurrences still to come: a session postponed a year).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from newsbrief.checks.duplicates import CopyIndex, copy_index, independent_sources
from newsbrief.checks.finding import EVIDENCE_LIMIT, Corpus, Family, Finding, claims_finding, plural
from newsbrief.checks.timeline import Timeline, When, first_announced, target_text, when_in
from newsbrief.claims.copies import CopyPair
from newsbrief.claims.extract import Claim

SET = ("planned", "postponed")  # statuses that carry a date someone set, not only proposed


class _LaterReports:
    """An event's reports of not being done (its own and its country-level event's), by date, with
    for each position the number of distinct articles and of independent sources from there to the
    end. A commitment's later reports are a suffix, so each is answered at one bisect instead of
    re-reading every report for every commitment (quadratic on a large corpus)."""

    def __init__(self, event: str, timeline: Timeline, copied: CopyIndex) -> None:
        self.claims = sorted(timeline.not_done_after(event, date.min), key=timeline.order)
        # not_done_after gives dated reports only: every low is a date.
        self.lows = [timeline.low(c) or date.min for c in self.claims]
        n = len(self.claims)
        self.articles = [0] * (n + 1)
        self.independent = [0] * (n + 1)
        # Built from the latest report back: a union-find over articles, joined by copied paragraphs.
        parent: dict[str, str] = {}
        paragraphs: set[tuple[str, int]] = set()
        roots = 0

        def root(a: str) -> str:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for i in range(n - 1, -1, -1):
            c = self.claims[i]
            if c.article_id not in parent:
                parent[c.article_id] = c.article_id
                roots += 1
            paragraph = (c.article_id, c.paragraph)
            if paragraph not in paragraphs:
                paragraphs.add(paragraph)
                for copy in copied.get(paragraph, ()):
                    a, b = (copy.article_a, copy.paragraph_a), (copy.article_b, copy.paragraph_b)
                    if a in paragraphs and b in paragraphs and root(a[0]) != root(b[0]):
                        parent[root(a[0])] = root(b[0])
                        roots -= 1
            self.articles[i] = len(parent)
            self.independent[i] = roots


@dataclass(frozen=True)
class _Commitment:
    """One commitment as the slippage checks read it: its event, target, announcing claims."""

    event: str
    target: date
    announced: list[Claim]
    first: Claim
    start: When
    label: str

    @property
    def announcers(self) -> set[str]:
        return {c.article_id for c in self.announced}


def _delivery(commit: _Commitment, timeline: Timeline) -> tuple[bool, Claim | None]:
    """(reported done at all, the first report of it done after the target unless one on time).
    A report with a date of its own decides over one whose date is only an undated article's
    bounds (as the brief's delivery does): the bounds may be wrong."""
    dated = _delivered(commit, timeline, approximate=False)
    if dated.decided:
        return True, dated.late
    bounded = _delivered(commit, timeline, approximate=True)
    return dated.any_done or bounded.any_done, bounded.late


@dataclass(frozen=True)
class _Delivered:
    any_done: bool
    on_time: bool
    late: Claim | None  # the first report of it done after the target, unless one on time

    @property
    def decided(self) -> bool:
        return self.on_time or self.late is not None


def _delivered(commit: _Commitment, timeline: Timeline, approximate: bool) -> _Delivered:
    """The reports of the event done whose date is (or is not) approximate. Reports other than
    the announcers' and not surely before the first announcement are read in date order only as
    far as needed (a report done by the target ends it), since an event can have tens of
    thousands of them and a corpus thousands of targets."""
    when, any_done, late = timeline.when, False, None
    done = timeline.done(commit.event)
    for i in range(timeline.done_from(commit.event, commit.start), len(done)):
        c = done[i]
        if not _may_deliver(c, commit, when):
            continue
        any_done = True
        if c.target_approximate != approximate:
            continue
        if c.target_end is not None and c.target_end <= commit.target:
            return _Delivered(True, True, None)
        if late is None and c.target_start is not None and c.target_start > commit.target:
            late = c
    return _Delivered(any_done, False, late)


def _may_deliver(c: Claim, commit: _Commitment, when: dict[str, When]) -> bool:
    """Whether a report of the event done can be this commitment's delivery: not an announcer's,
    not from an article surely before the announcement, and not of a time surely before it (an
    earlier occurrence: "visited Islamabad in 1992")."""
    if c.article_id in commit.announcers or commit.start.surely_after(when_in(when, c.article_id)):
        return False
    return c.target_end is None or not commit.start.surely_after_day(c.target_end)


def _late(commit: _Commitment, report: Claim, timeline: Timeline) -> Finding | None:
    if report.target_start is None:
        return None
    days = (report.target_start - commit.target).days
    return claims_finding(
        "fulfilled_late",
        commit.event,
        [*commit.announced[:EVIDENCE_LIMIT], report],
        f"{commit.label}: announced for {target_text(commit.first)} in {commit.start.article()}; "
        f"{when_in(timeline.when, report.article_id).article()} reports it done in "
        f"{target_text(report)}, {plural(days, 'day')} after the target.",
        days,
    )


def _later_reports(
    commit: _Commitment, reports: _LaterReports, timeline: Timeline, copied: CopyIndex
) -> tuple[list[Claim], int, int]:
    """(the later not-done reports read, articles in all, independent sources among them)."""
    cut = bisect_right(reports.lows, commit.target)
    if any((timeline.low(c) or date.min) > commit.target for c in commit.announced):
        # An announcer published after the target: leave its own reports out, the long way.
        later = sorted(
            (c for c in reports.claims[cut:] if c.article_id not in commit.announcers),
            key=timeline.order,
        )
        articles_in_all = len({c.article_id for c in later})
        independent = (
            independent_sources(None, later, copied) if articles_in_all > 2 else articles_in_all
        )
        return later, articles_in_all, independent
    # The earliest and the last few of the suffix are all that is read: not a copy of it for
    # every target.
    n = len(reports.claims)
    later = reports.claims[cut : cut + 1] + reports.claims[max(cut + 1, n - EVIDENCE_LIMIT) :]
    return later, reports.articles[cut], reports.independent[cut]


def _still(commit: _Commitment, c: Claim, timeline: Timeline) -> str:
    w = when_in(timeline.when, c.article_id)
    what = "it" if c.event == commit.event else timeline.label(c.event)
    words = f" (“{c.target_text}”)" if c.target_text else ""
    days = ((w.low or commit.target) - commit.target).days
    return (
        f"{w.article()} still reports {what} as {c.status.replace('_', ' ')}{words}, "
        f"{'' if w.known else 'at least '}{plural(days, 'day')} after the target"
    )


def _slipped(
    commit: _Commitment,
    later: list[Claim],
    articles_in_all: int,
    independent: int,
    timeline: Timeline,
) -> Finding:
    earliest, latest = later[0], later[-1]
    days = ((when_in(timeline.when, latest.article_id).low or commit.target) - commit.target).days
    summary = (
        f"{commit.label}: announced for {target_text(commit.first)} in {commit.start.article()}; "
        f"{_still(commit, earliest, timeline)}"
    )
    if latest.article_id != earliest.article_id:
        summary += f"; the latest, {_still(commit, latest, timeline)}"
    if articles_in_all > 2:
        summary += (
            f" ({articles_in_all} later articles in all"
            + (f", {independent} independent" if independent < articles_in_all else "")
            + ")"
        )
    return claims_finding(
        "slippage",
        commit.event,
        [*commit.announced[:EVIDENCE_LIMIT], earliest, *later[-EVIDENCE_LIMIT:]],
        summary + ".",
        days,
    )


def slippage_and_late(
    commits: dict[tuple[str, date], list[Claim]], timeline: Timeline, copies: list[CopyPair]
) -> list[Finding]:
    findings: list[Finding] = []
    copied = copy_index(copies)
    suffixes: dict[str, _LaterReports] = {}
    for (event, target), announced in sorted(commits.items()):
        first = first_announced(announced, timeline)
        commit = _Commitment(
            event,
            target,
            announced,
            first,
            when_in(timeline.when, first.article_id),
            timeline.label(event),
        )
        any_done, report = _delivery(commit, timeline)
        if any_done:
            late = _late(commit, report, timeline) if report is not None else None
            findings += [late] if late is not None else []
            continue
        reports = suffixes.get(event) or suffixes.setdefault(
            event, _LaterReports(event, timeline, copied)
        )
        later, articles_in_all, independent = _later_reports(commit, reports, timeline, copied)
        if later:
            findings.append(_slipped(commit, later, articles_in_all, independent, timeline))
    return findings


def no_follow_up(commits: dict[tuple[str, date], list[Claim]], timeline: Timeline) -> list[Finding]:
    when = timeline.when
    latest = max((w.low for w in when.values() if w.low), default=None)
    if latest is None:
        return []
    findings = []
    for (event, target), committed in sorted(commits.items()):
        # A proposal ("a vice president proposed a forum early next year") that nobody took up
        # is not a promise left unmentioned: only a date someone set counts.
        announced = [c for c in committed if c.status in SET]
        if target >= latest or not announced:
            continue
        first = first_announced(announced, timeline)
        start = when_in(when, first.article_id)
        announcers = {c.article_id for c in announced}
        # Conservative: a mention in any article that is not surely earlier counts as a follow-up.
        if timeline.mentioned_after(event, start, announcers):
            continue
        days = (latest - target).days
        findings.append(
            claims_finding(
                "no_follow_up",
                event,
                announced[:EVIDENCE_LIMIT],
                f"{timeline.label(event)}: set for {target_text(first)} in {start.article()}; no later "
                f"article in the corpus mentions it, though the corpus runs to {latest}, "
                f"{plural(days, 'day')} after the target.",
                days,
            )
        )
    return findings


def find(corpus: Corpus) -> list[Finding]:
    # "The commission will meet in May" and a later "the commission is still to meet" may be
    # of two sessions: only an occurrence named by number or date slips or comes late.
    known = {k: v for k, v in corpus.commits.items() if corpus.one_occurrence(k[0])}
    return slippage_and_late(known, corpus.timeline, corpus.copies) + no_follow_up(
        corpus.commits, corpus.timeline
    )


FAMILY = Family(("slippage", "fulfilled_late", "no_follow_up"), find)
