"""Consistency checks: claims, near copies and publication dates in; findings for the brief out.
Every finding names its articles and claims, quotes its evidence verbatim and states its summary
from the data.

Checks (the `check` column):

- slippage: a commitment's target date passed before a later article was published, and that article
  still reports the event as not done; `days` runs from the target's end to the latest such article.
- fulfilled_late: a later article reports the event done on a stated date after the target; `days`
  is the delay. (A report of the event done without a date of its own proves nothing about lateness.)
- conflict: articles disagree about one event at overlapping times: reported done, then not done by an
  article published after that; different target dates given before either came; different counts
  for one occasion; different single routes named for one launch.
- downgraded: an article published after one that reported the event planned reports it only as
  proposed or under discussion.
- no_follow_up: a dated commitment whose target lies before the corpus's latest article, and that no
  article that may be later mentions again (neither the event nor its country-level event).
- duplicate_source: a near-copied paragraph pair; its claims are one source, not two.
- name_variant: a word spelled close to, but not as, a known place or person name, or a person named by
  a spelling of their name that is not a part of their full name.
- undated_source: an article whose date is inferred or unknown, with the bounds used.

Events relate as the claims module keys them: a city route's "done" is also its country-level
event's (flights between the two countries began), and a country-level "not yet" is also every
route's. "Later" is strict: an article is later than another only when its earliest possible date
(its date, or date_min when undated) is after the other's latest (date, or date_max); undated
articles appear in summaries with their bounds, and their day counts as "at least".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from calendar import monthrange
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from operator import attrgetter

from rapidfuzz.distance import JaroWinkler, Levenshtein

from newsbrief.claims.copies import SHINGLE, CopyPair, shingles
from newsbrief.claims.copies import kind as copy_kind
from newsbrief.claims.extract import (
    COMMITTED,
    NOT_DONE,
    Claim,
    ClaimRules,
    VariantRules,
    load_claim_rules,
)
from newsbrief.core.events import CHECKS, event_label
from newsbrief.core.parallel import map_chunks
from newsbrief.core.paths import CLAIM_RULES
from newsbrief.core.patterns import fold, may_match
from newsbrief.core.records import Article, PublicationDate
from newsbrief.dating.context import Context, person_index, strip_possessive
from newsbrief.dating.publication import deciding_facts, fact_cues, listed_facts, set_aside_facts

ORDER = CHECKS
OCCASION_DAYS = (
    60  # counts given without a target date, by articles this close, describe one occasion
)
EVIDENCE_LIMIT = 3  # later mentions quoted per finding; the summary gives the full count
WEAKER = ("proposed", "under_discussion")
INFLECTIONS = (
    "s",
    "es",
    "i",
    "is",
    "ian",
    "ians",
)  # endings that make a known name plural or a demonym


@dataclass(frozen=True, slots=True)
class Finding:
    finding_id: str  # f"{check}-{n:03d}", numbered in ORDER, then by event and articles
    check: str  # one of ORDER
    event: str
    article_ids: tuple[str, ...]
    claim_ids: tuple[str, ...]
    summary: str
    evidence: tuple[tuple[str, str], ...]  # (article_id, verbatim quote)
    days: int | None


# Time ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class When:
    """An article's place in time: between `low` and `high` (equal when the date is known)."""

    low: date | None
    high: date | None

    @property
    def known(self) -> bool:
        return self.low is not None and self.low == self.high

    def text(self) -> str:
        if self.known and self.low is not None:
            return self.low.isoformat()
        if self.low is None and self.high is None:
            return "undated"
        return f"undated, {self.low or '?'} to {self.high or 'now'}"

    def article(self) -> str:
        """How a summary names an article by its date."""
        if self.known:
            return f"an article of {self.low}"
        if self.low is None and self.high is None:
            return "an undated article"
        return f"an undated article (published {self.low or '?'} to {self.high or 'now'})"

    def surely_after(self, other: When) -> bool:
        return self.low is not None and other.high is not None and self.low > other.high

    def surely_after_day(self, day: date) -> bool:
        return self.low is not None and self.low > day


def when_of(dates: dict[str, PublicationDate]) -> dict[str, When]:
    return {a: When(d.date or d.date_min, d.date or d.date_max) for a, d in dates.items()}


def _when(when: dict[str, When], article_id: str) -> When:
    return when.get(article_id) or When(None, None)


def _month_end(day: date) -> date:
    return day.replace(day=monthrange(day.year, day.month)[1])


def target_text(claim: Claim) -> str:
    """A claim's target as a reader says it: "April 2023", "2023", or the dates and the words."""
    start, end = claim.target_start, claim.target_end
    if start is None or end is None:
        return f"“{claim.target_text}”" if claim.target_text else "no stated date"
    if start == end:
        return start.isoformat()
    if start.day == 1 and end == _month_end(start):
        return start.strftime("%B %Y")
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{start} to {end} (“{claim.target_text}”)"


# The claims, indexed -------------------------------------------------------------------------------


class Timeline:
    """Claims by event, ordered by the earliest date of their article, with the links between a city
    route and its country-level event, so each check looks up what it needs (no pairwise scans)."""

    def __init__(self, claims: list[Claim], when: dict[str, When]) -> None:
        self.when = when
        # Every check orders claims by their article's earliest date, millions of times on a large
        # corpus: one dictionary lookup each.
        self._article_low: dict[str, date | None] = {a: w.low for a, w in when.items()}
        self.by_event: dict[str, list[Claim]] = defaultdict(list)
        self.country: dict[str, str] = {}  # route event -> its country-level event
        self.routes: dict[str, set[str]] = defaultdict(set)  # country-level event -> its routes
        self.labels: dict[str, str] = {}
        # Each claim's place in that order, so a list of claims sorts on plain integers. Two stable
        # sorts give the order of (date, claim id) without a tuple per claim, whose date comparisons
        # made the one sort three times slower (650,000 claims at 100,000 articles).
        ordered = sorted(claims, key=attrgetter("claim_id"))
        ordered.sort(key=self._day)
        self.rank: dict[str, int] = {}
        for c in ordered:
            self.rank[c.claim_id] = len(self.rank)
            self.by_event[c.event].append(c)
            self.labels.setdefault(c.event, c.label)
            if c.country_event:
                self.country[c.event] = c.country_event
                self.routes[c.country_event].add(c.event)
        self._done: dict[str, list[Claim]] = {}
        self._done_highs: dict[str, list[date]] = {}
        self._latest_first: dict[str, list[tuple[date | None, str]]] = {}
        # An event's dated reports of not being done, and their dates: built on first use (the
        # tracker shares this class and never asks for them).
        self._not_done: dict[str, tuple[list[Claim], list[date]]] = {}

    def low(self, claim: Claim) -> date | None:
        return self._article_low.get(claim.article_id)

    def _day(self, claim: Claim) -> date:
        return self._article_low.get(claim.article_id) or date.max

    def order(self, claim: Claim) -> int:
        """Sort key of a claim of the timeline: by the earliest date of its article (undated last),
        then claim id."""
        return self.rank[claim.claim_id]

    def label(self, event: str) -> str:
        return event_label(event, self.labels)

    def _not_done_after(self, event: str, day: date) -> list[Claim]:
        if event not in self._not_done:
            dated = [
                c
                for c in self.by_event.get(event, [])
                if c.status in NOT_DONE and self.low(c) is not None
            ]
            self._not_done[event] = (dated, [self._day(c) for c in dated])
        dated, lows = self._not_done[event]
        return dated[bisect_right(lows, day) :]

    def not_done_after(self, event: str, day: date) -> list[Claim]:
        """Reports of the event as not done, from articles surely published after `day`: the
        event's own, and its country-level event's (no flights between the two countries yet
        means no flights on any route between them)."""
        found = self._not_done_after(event, day)
        if event in self.country:
            found = found + self._not_done_after(self.country[event], day)
        return found

    def done(self, event: str) -> list[Claim]:
        """Reports of the event as done: its own, and for a country-level event, any route's."""
        if event not in self._done:
            found = [c for c in self.by_event.get(event, []) if c.status == "happened"]
            for route in sorted(self.routes.get(event, ())):
                found += [c for c in self.by_event[route] if c.status == "happened"]
            self._done[event] = sorted(found, key=self.order)
        return self._done[event]

    def done_from(self, event: str, start: When) -> int:
        """Where in `done(event)` the reports not surely published before `start` begin: every
        report before this position is surely earlier (one bisect on the running latest date,
        instead of reading them all for each of thousands of targets); later ones may still be."""
        if start.low is None:
            return 0
        highs = self._done_highs.get(event)
        if highs is None:
            highs, top = [], date.min
            for c in self.done(event):
                high = _when(self.when, c.article_id).high
                top = date.max if high is None else max(top, high)
                highs.append(top)
            self._done_highs[event] = highs
        return bisect_left(highs, start.low)

    def mentioned_after(self, event: str, start: When, besides: set[str]) -> bool:
        """Whether an article other than `besides`, not surely published before `start`, mentions
        the event. Mentions are kept latest first, so the scan stops at the first one too early."""
        if event not in self._latest_first:
            highs = [
                (_when(self.when, c.article_id).high, c.article_id) for c in self.mentions(event)
            ]
            # Unknown upper bounds first (they may be the latest), then by upper bound, latest first.
            self._latest_first[event] = sorted(
                set(highs), key=lambda h: (h[0] is not None, -(h[0] or date.min).toordinal(), h[1])
            )
        for high, article in self._latest_first[event]:
            if start.low is not None and high is not None and high < start.low:
                return False
            if article not in besides:
                return True
        return False

    def mentions(self, event: str) -> list[Claim]:
        """Every claim that speaks of the event: its own, its country-level event's, its routes';
        in the timeline's order."""
        related = [
            event,
            *([self.country[event]] if event in self.country else []),
            *sorted(self.routes.get(event, ())),
        ]
        found = [c for e in related for c in self.by_event.get(e, [])]
        if len(related) > 1:  # each event's claims are in order already
            found.sort(key=self.order)
        return found


def _finding(
    check: str,
    event: str,
    claims: list[Claim],
    summary: str,
    days: int | None,
    extra_articles: tuple[str, ...] = (),
) -> Finding:
    claims = list(dict.fromkeys(claims))
    return Finding(
        "",
        check,
        event,
        tuple(sorted({c.article_id for c in claims} | set(extra_articles))),
        tuple(c.claim_id for c in claims),
        summary,
        tuple(dict.fromkeys((c.article_id, c.quote) for c in claims)),
        days,
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def commitments(claims: list[Claim]) -> dict[tuple[str, date], list[Claim]]:
    """Dated commitments by (event, target end): several articles announcing one date are one."""
    grouped: dict[tuple[str, date], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.status in COMMITTED and c.target_end is not None:
            grouped[(c.event, c.target_end)].append(c)
    return grouped


def _first(announced: list[Claim], timeline: Timeline) -> Claim:
    return min(announced, key=timeline.order)


# Slippage and late fulfilment --------------------------------------------------------------------


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
    Reports other than the announcers' and not surely before the first announcement are read in
    date order only as far as needed (a report done by the target ends it), since an event can
    have tens of thousands of them and a corpus thousands of targets."""
    when, any_done, report = timeline.when, False, None
    done = timeline.done(commit.event)
    for i in range(timeline.done_from(commit.event, commit.start), len(done)):
        c = done[i]
        if c.article_id in commit.announcers or commit.start.surely_after(
            _when(when, c.article_id)
        ):
            continue
        any_done = True
        if c.target_end is not None and c.target_end <= commit.target:
            return True, None
        if report is None and c.target_start is not None and c.target_start > commit.target:
            report = c
    return any_done, report


def _late(commit: _Commitment, report: Claim, timeline: Timeline) -> Finding | None:
    if report.target_start is None:
        return None
    days = (report.target_start - commit.target).days
    return _finding(
        "fulfilled_late",
        commit.event,
        [*commit.announced[:EVIDENCE_LIMIT], report],
        f"{commit.label}: announced for {target_text(commit.first)} in {commit.start.article()}; "
        f"{_when(timeline.when, report.article_id).article()} reports it done in "
        f"{target_text(report)}, {_plural(days, 'day')} after the target.",
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
    w = _when(timeline.when, c.article_id)
    what = "it" if c.event == commit.event else timeline.label(c.event)
    words = f" (“{c.target_text}”)" if c.target_text else ""
    days = ((w.low or commit.target) - commit.target).days
    return (
        f"{w.article()} still reports {what} as {c.status.replace('_', ' ')}{words}, "
        f"{'' if w.known else 'at least '}{_plural(days, 'day')} after the target"
    )


def _slipped(
    commit: _Commitment,
    later: list[Claim],
    articles_in_all: int,
    independent: int,
    timeline: Timeline,
) -> Finding:
    earliest, latest = later[0], later[-1]
    days = ((_when(timeline.when, latest.article_id).low or commit.target) - commit.target).days
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
    return _finding(
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
        first = _first(announced, timeline)
        commit = _Commitment(
            event,
            target,
            announced,
            first,
            _when(timeline.when, first.article_id),
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


# Conflicts ----------------------------------------------------------------------------------------


def _done_then_not(event: str, timeline: Timeline) -> Finding | None:
    when = timeline.when
    done = [
        c for c in timeline.by_event.get(event, []) if c.status == "happened" and timeline.low(c)
    ]
    if not done:
        return None
    report = done[0]  # the earliest report of it done
    cutoff = max(
        filter(None, (_when(when, report.article_id).high, report.target_end)), default=None
    )
    if cutoff is None:
        return None
    denials = [
        c for c in timeline.not_done_after(event, cutoff) if c.article_id != report.article_id
    ]
    if not denials:
        return None
    latest = max(denials, key=timeline.order)
    done_at = f" ({target_text(report)})" if report.target_start else ""
    return _finding(
        "conflict",
        event,
        [report, latest],
        f"{timeline.label(event)}: {_when(when, report.article_id).article()} reports it done{done_at}, "
        f"but {_when(when, latest.article_id).article()}, published later, reports "
        f"{'it' if latest.event == event else timeline.label(latest.event)} as {latest.status.replace('_', ' ')}"
        + (
            f" ({_plural(len({c.article_id for c in denials}), 'later article')} in all)."
            if len(denials) > 1
            else "."
        ),
        None,
    )


def _after(later: date | None, earlier: date | None) -> bool:
    return later is not None and earlier is not None and later > earlier


def _different_dates(event: str, timeline: Timeline) -> Finding | None:
    """Two articles, both published before either date, that give the event disjoint targets."""
    when = timeline.when
    dated = sorted(
        (
            c
            for c in timeline.by_event.get(event, [])
            if c.status in COMMITTED
            and c.target_start
            and (high := _when(when, c.article_id).high)
            and high < c.target_start
        ),
        key=lambda c: (c.target_start, c.claim_id),
    )
    if not dated:
        return None
    earliest = dated[0]
    rival = next(
        (
            c
            for c in dated
            if c.article_id != earliest.article_id
            and _after(c.target_start, earliest.target_end)
            and _after(earliest.target_start, _when(when, c.article_id).high)
        ),
        None,
    )
    if rival is None:
        return None
    return _finding(
        "conflict",
        event,
        [earliest, rival],
        f"Two articles give different dates for {timeline.label(event)}: {target_text(earliest)} "
        f"({_when(when, earliest.article_id).article()}) and {target_text(rival)} "
        f"({_when(when, rival.article_id).article()}), both published before either date.",
        None,
    )


def _occasion(claim: Claim, when: When) -> tuple[date, date] | None:
    if claim.target_start is not None and claim.target_end is not None:
        return claim.target_start, claim.target_end
    if when.low is None:
        return None
    return when.low - timedelta(days=OCCASION_DAYS // 2), (when.high or when.low) + timedelta(
        days=OCCASION_DAYS // 2
    )


def _different_counts(event: str, timeline: Timeline) -> Finding | None:
    """Counts that cannot both be right: one occasion (overlapping targets, or articles close in
    time when no target is given) and no number in common (37 MoUs against 30)."""
    counted = []
    for c in timeline.by_event.get(event, []):
        if c.counts and (span := _occasion(c, _when(timeline.when, c.article_id))) is not None:
            counted.append((span, c))
    counted.sort(key=lambda x: (x[0], x[1].claim_id))
    for i, (span, a) in enumerate(counted):  # a sweep: each claim meets only those overlapping it
        for other, b in counted[i + 1 :]:
            if other[0] > span[1]:
                break
            if b.article_id != a.article_id and not set(a.counts) & set(b.counts):
                return _finding(
                    "conflict",
                    event,
                    [a, b],
                    f"Articles disagree on the count for {timeline.label(event)}: "
                    f"“{'; '.join(a.figures)}” ({_when(timeline.when, a.article_id).article()}) against "
                    f"“{'; '.join(b.figures)}” ({_when(timeline.when, b.article_id).article()}).",
                    None,
                )
    return None


def _different_routes(timeline: Timeline) -> list[Finding]:
    """Articles that each name one route, a different one, for a launch in the same month, both
    before that month: e.g. Almaty–Lahore in one and Astana–Karachi in another."""
    when = timeline.when
    launches: dict[tuple[str, date], dict[str, list[Claim]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for country, routes in sorted(timeline.routes.items()):
        for route in sorted(routes):
            for c in timeline.by_event[route]:
                high = _when(when, c.article_id).high
                if c.status in COMMITTED and c.target_start and high and high < c.target_start:
                    launches[(country, c.target_start.replace(day=1))][c.article_id].append(c)
    findings = []
    for (country, month), by_article in sorted(launches.items()):
        single: dict[str, Claim] = {}
        for _article, named in sorted(by_article.items()):
            if len({c.event for c in named}) == 1:
                single.setdefault(named[0].event, named[0])
        if len(single) > 1:
            shown = sorted(single.values(), key=timeline.order)
            findings.append(
                _finding(
                    "conflict",
                    country,
                    shown[:EVIDENCE_LIMIT],
                    f"Articles name different routes for the launch of {timeline.label(country)} in "
                    f"{month.strftime('%B %Y')}: "
                    + "; ".join(
                        f"{c.label} ({_when(when, c.article_id).article()})"
                        for c in shown[:EVIDENCE_LIMIT]
                    )
                    + (
                        f"; and {len(shown) - EVIDENCE_LIMIT} more."
                        if len(shown) > EVIDENCE_LIMIT
                        else "."
                    ),
                    None,
                )
            )
    return findings


def conflicts(timeline: Timeline) -> list[Finding]:
    found = []
    for event in sorted(timeline.by_event):
        for check in (_done_then_not, _different_dates, _different_counts):
            finding = check(event, timeline)
            if finding is not None:
                found.append(finding)
    return found + _different_routes(timeline)


def downgrades(timeline: Timeline) -> list[Finding]:
    """An article published after one that reported the event planned reports it only as proposed or
    under discussion (e.g. a visit "set to" happen, later only "invited")."""
    when = timeline.when
    findings = []
    for event, group in sorted(timeline.by_event.items()):
        if any(c.status == "happened" for c in group):
            continue
        planned = [c for c in group if c.status == "planned" and _when(when, c.article_id).high]
        weaker = [c for c in group if c.status in WEAKER and _when(when, c.article_id).low]
        if not planned or not weaker:
            continue
        w = max(weaker, key=timeline.order)
        before = [
            c for c in planned if _when(when, w.article_id).surely_after(_when(when, c.article_id))
        ]
        if before:
            p = max(before, key=lambda c: (_when(when, c.article_id).high, c.claim_id))
            findings.append(
                _finding(
                    "downgraded",
                    event,
                    [p, w],
                    f"{timeline.label(event)}: reported as planned ({target_text(p)}) in "
                    f"{_when(when, p.article_id).article()}; {_when(when, w.article_id).article()}, published "
                    f"later, reports it only as {w.status.replace('_', ' ')}.",
                    None,
                )
            )
    return findings


def no_follow_up(commits: dict[tuple[str, date], list[Claim]], timeline: Timeline) -> list[Finding]:
    when = timeline.when
    latest = max((w.low for w in when.values() if w.low), default=None)
    if latest is None:
        return []
    findings = []
    for (event, target), announced in sorted(commits.items()):
        if target >= latest:
            continue
        first = _first(announced, timeline)
        start = _when(when, first.article_id)
        announcers = {c.article_id for c in announced}
        # Conservative: a mention in any article that is not surely earlier counts as a follow-up.
        if timeline.mentioned_after(event, start, announcers):
            continue
        days = (latest - target).days
        findings.append(
            _finding(
                "no_follow_up",
                event,
                announced[:EVIDENCE_LIMIT],
                f"{timeline.label(event)}: set for {target_text(first)} in {start.article()}; no later "
                f"article in the corpus mentions it, though the corpus runs to {latest}, "
                f"{_plural(days, 'day')} after the target.",
                days,
            )
        )
    return findings


# Copies -------------------------------------------------------------------------------------------

CopyIndex = dict[tuple[str, int], list[CopyPair]]


def copy_index(copies: list[CopyPair]) -> CopyIndex:
    """Copy pairs by each of their two paragraphs, so a lookup costs the pairs of one paragraph."""
    index: CopyIndex = defaultdict(list)
    for copy in copies:
        index[(copy.article_a, copy.paragraph_a)].append(copy)
        index[(copy.article_b, copy.paragraph_b)].append(copy)
    return index


def independent_sources(
    event: str | None, claims: list[Claim], copies: list[CopyPair] | CopyIndex
) -> int:
    """How many independent articles report `event` (None: every claim given): articles whose claims
    on it stand in paragraphs copied from one another count once."""
    chosen = [c for c in claims if event is None or c.event == event]
    parent = {c.article_id: c.article_id for c in chosen}
    paragraphs = {(c.article_id, c.paragraph) for c in chosen}
    index = copies if isinstance(copies, dict) else copy_index(copies)

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for paragraph in sorted(paragraphs):
        for copy in index.get(paragraph, ()):
            if (copy.article_a, copy.paragraph_a) in paragraphs and (
                copy.article_b,
                copy.paragraph_b,
            ) in paragraphs:
                parent[root(copy.article_a)] = root(copy.article_b)
    return len({root(a) for a in parent})


def _copied_sentence(
    article: Article | None, paragraph: int, other_text: str, word_hash: dict[str, int]
) -> str:
    """The sentence of the paragraph that shares most word sequences with the other paragraph; on a
    tie the first, as a reader meets it. `word_hash`: the words' hashes so far (copies.shingles)."""
    if article is None:
        return ""
    other = shingles(other_text, word_hash)
    sentences = [
        s.text for s in article.sentences if s.paragraph == paragraph and not s.boilerplate
    ]
    shared = [len(shingles(t, word_hash) & other) for t in sentences]
    return sentences[shared.index(max(shared))] if sentences else ""


def duplicate_sources(
    copies: list[CopyPair], claims: list[Claim], articles: dict[str, Article], timeline: Timeline
) -> list[Finding]:
    when = timeline.when
    by_paragraph: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        by_paragraph[(c.article_id, c.paragraph)].append(c)
    findings = []
    word_hash: dict[str, int] = {}  # most words recur across the copies: hash each once
    for copy in copies:
        a, b = _when(when, copy.article_a), _when(when, copy.article_b)
        copied = (
            by_paragraph[(copy.article_a, copy.paragraph_a)]
            + by_paragraph[(copy.article_b, copy.paragraph_b)]
        )
        events = sorted({c.event for c in copied})
        if b.surely_after(a) or a.surely_after(b):
            order = "the later one repeats the earlier"
        else:
            order = "which came first cannot be told from their dates"
        summary = (
            f"Paragraph {copy.paragraph_a + 1} of {a.article()} ({copy.article_a}) and paragraph "
            f"{copy.paragraph_b + 1} of {b.article()} ({copy.article_b}) are {copy_kind(copy.similarity)} "
            f"({copy.shared} {SHINGLE}-word sequences shared, {copy.similarity:.0%} of the shorter "
            f"paragraph's); {order}"
        )
        summary += (
            f"; their claims about {', '.join(timeline.label(e) for e in events)} are one source, "
            "not two."
            if events
            else "."
        )
        evidence = tuple(
            (article_id, quote)
            for article_id, quote in (
                (
                    copy.article_a,
                    _copied_sentence(
                        articles.get(copy.article_a), copy.paragraph_a, copy.text_b, word_hash
                    ),
                ),
                (
                    copy.article_b,
                    _copied_sentence(
                        articles.get(copy.article_b), copy.paragraph_b, copy.text_a, word_hash
                    ),
                ),
            )
            if quote
        )
        findings.append(
            Finding(
                "",
                "duplicate_source",
                ";".join(events),
                (copy.article_a, copy.article_b),
                tuple(c.claim_id for c in copied),
                summary,
                evidence,
                None,
            )
        )
    return findings


# Name variants ------------------------------------------------------------------------------------


# A capitalised word. The capital comes before the lookbehind (which then checks the character
# before it): a pattern that opens with a class lets the engine skip to the next capital, while one
# that opens with a lookbehind is tried at every character (the scan takes twice as long).
_TOKEN = re.compile(r"[A-Z](?<![\w’'].)[\w’']*(?:-[\w’']+)*")
_NAME_SPLIT = re.compile(r"[\s\-.]+")


@dataclass(frozen=True, eq=False)  # hashed by identity: it keys the per-process word reader
class Vocabulary:
    words: frozenset[str]  # every word of every known name: never itself a variant
    places: dict[str, str]  # one-word place names and adjectives -> the place
    people: dict[str, str]  # words of people's names -> the person


def vocabulary(context: Context) -> Vocabulary:
    """Known spellings, casefolded. A word can misspell a one-word place name or adjective
    ("Kazakh"), or a word of a person's name; the words of longer names ("Sultan" of "Nur Sultan")
    are known but not targets."""
    words: set[str] = set()
    places: dict[str, str] = {}
    for place in context.places:
        for name in (*place.aliases, *place.adjectives):
            words.update(w.casefold() for w in re.split(r"[\s\-’']+", name) if w)
            if not re.search(r"[\s\-’']", name):
                places.setdefault(name.casefold(), place.name)
    for era in context.place_names:
        for name in (era.name, *era.aliases):
            words.update(w.casefold() for w in re.split(r"[\s\-’']+", name) if w)
            if not re.search(r"[\s\-’']", name):
                places.setdefault(name.casefold(), era.refers_to)
    people: dict[str, str] = {}
    for tenure in context.tenures:
        for alias in tenure.aliases:
            for w in re.split(r"[\s\-’'.]+", alias):
                if len(w) > 1:
                    words.add(w.casefold())
                    people.setdefault(w.casefold(), tenure.person)
    return Vocabulary(frozenset(words), places, people)


def name_variants(
    articles: list[Article], context: Context, rules: VariantRules | None = None
) -> list[Finding]:
    """Words close to a known name but not one (e.g. "Kazik" in "Pak-Kazik" for "Kazakh"), and people
    named by a spelling that is not part of their full name ("Erzhan" for "Yerzhan Kistafin").
    Words on the rules' stoplist or the gazetteer's `not_variants` are never reported."""
    rules = rules or VariantRules()
    stop = rules.not_variants | getattr(context, "not_variants", frozenset())
    scanned = map_chunks(_name_mentions, articles, stop, vocabulary(context), rules, context)
    _word_reader.cache_clear()  # a serial run's judged words: no longer needed
    return _variant_findings([v for v, _ in scanned]) + _alias_findings([a for _, a in scanned])


def _name_mentions(
    articles: list[Article],
    stop: frozenset[str],
    known: Vocabulary,
    rules: VariantRules,
    context: Context,
) -> tuple[
    dict[tuple[str, str, str], list[tuple[str, str]]], dict[tuple[str, str], list[tuple[str, str]]]
]:
    # One worker job for both scans: one pool, and one set of forked workers, for the two.
    return _variant_mentions(articles, stop, known, rules), _alias_mentions(articles, context)


def _variant_findings(
    chunks: list[dict[tuple[str, str, str], list[tuple[str, str]]]],
) -> list[Finding]:
    seen: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
    for chunk in chunks:
        for key, where in chunk.items():
            seen[key] += where
    findings = []
    for (variant, name, refers), where in sorted(seen.items()):
        articles_with = tuple(sorted({a for a, _ in where}))
        findings.append(
            Finding(
                "",
                "name_variant",
                f"name:{name}",
                articles_with,
                (),
                f"“{variant}” ({_plural(len(where), 'time')} in {_plural(len(articles_with), 'article')}) looks like "
                f"a variant spelling of “{name.capitalize()}” ({refers}) and is read as {refers}.",
                tuple(dict.fromkeys(where))[:EVIDENCE_LIMIT],
                None,
            )
        )
    return findings


@lru_cache(maxsize=1)
def _word_reader(
    stop: frozenset[str], known: Vocabulary, rules: VariantRules
) -> Callable[[str], list[tuple[str, str, str]]]:
    """What a capitalised word reads as: (part, name, what it names) for each of its hyphenated
    parts that is a variant. Cached per word, and the reader per process: a worker's chunks share
    it, so each distinct word is judged once per worker, not once per chunk (twice the work)."""
    verdicts: dict[str, tuple[str, str] | None] = {}
    readings: dict[str, list[tuple[str, str, str]]] = {}

    def read(word: str) -> list[tuple[str, str, str]]:
        found = readings.get(word)
        if found is None:
            found = readings[word] = []
            for part in strip_possessive(word).split("-"):
                token = part.casefold()
                if token not in verdicts:
                    verdicts[token] = None if token in stop else closest_name(token, known, rules)
                verdict = verdicts[token]
                if verdict is not None:
                    found.append((part, *verdict))
        return found

    return read


def _variant_mentions(
    articles: list[Article], stop: frozenset[str], known: Vocabulary, rules: VariantRules
) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
    """(variant, name, what it names) -> (article, sentence) of each use, in reading order."""
    read = _word_reader(stop, known, rules)
    seen: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
    for article in articles:
        for s in article.sentences:
            if s.boilerplate:
                continue
            for word in _TOKEN.findall(s.text):
                for key in read(word):
                    seen[key].append((article.article_id, s.text))
    return seen


def _known_word(token: str, known: Vocabulary) -> bool:
    """A known word, or an inflection of one ("Kazakhs")."""
    return token in known.words or any(
        token.endswith(ending) and token[: -len(ending)] in known.words for ending in INFLECTIONS
    )


def _close_names(
    token: str, targets: dict[str, str], min_length: int, max_edits: int, rules: VariantRules
) -> Iterator[tuple[float, str, str]]:
    """(similarity, name, what it names) of each name `token` could misspell."""
    if len(token) < min_length:
        return
    for word, refers in targets.items():
        if word[0] != token[0] or len(word) < min_length or abs(len(word) - len(token)) > max_edits:
            continue
        # Standard Jaro-Winkler (the prefix bonus above a Jaro of 0.7) and Levenshtein edits.
        score = JaroWinkler.similarity(token, word)
        if score >= rules.min_similarity and Levenshtein.distance(token, word) <= max_edits:
            yield score, word, refers


def closest_name(token: str, known: Vocabulary, rules: VariantRules) -> tuple[str, str] | None:
    """(name, what it names) that `token` misspells, or None: the token is not itself a known word
    or an inflection of one ("Kazakhs"), and is close enough in similarity and edits. A person's
    name word must be longer and closer than a place's (first names are often ordinary words)."""
    if len(token) < rules.min_length or not token.isalpha() or _known_word(token, known):
        return None
    candidates = [
        *_close_names(token, known.places, rules.min_length, rules.max_edits, rules),
        *_close_names(token, known.people, rules.person_min_length, rules.person_max_edits, rules),
    ]
    # The closest; of equally close, the first found (places before people).
    best = max(candidates, key=lambda c: (c[0], c[1]), default=None)
    return (best[1], best[2]) if best else None


def _alias_mentions(
    articles: list[Article], context: Context
) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(person, alias) -> (article, sentence) of each use of an alias that is not part of the name."""
    pattern, names = person_index(context)
    seen: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for article in articles:
        for s in article.sentences:
            if s.boilerplate or not may_match(pattern, fold(s.text)):
                continue
            for m in pattern.finditer(s.text):
                alias = strip_possessive(m.group())
                for tenure in names.get(alias.casefold(), [])[:1]:
                    full = {w.casefold() for w in _NAME_SPLIT.split(tenure.person) if w}
                    words = {w.casefold() for w in _NAME_SPLIT.split(alias) if len(w) > 1}
                    if not words <= full:
                        seen[(tenure.person, alias)].append((article.article_id, s.text))
    return seen


def _alias_findings(chunks: list[dict[tuple[str, str], list[tuple[str, str]]]]) -> list[Finding]:
    """People named by an alias that is a different spelling, not a part, of their full name."""
    seen: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for chunk in chunks:
        for key, where in chunk.items():
            seen[key] += where
    findings = []
    for (person, alias), where in sorted(seen.items()):
        articles_with = tuple(sorted({a for a, _ in where}))
        findings.append(
            Finding(
                "",
                "name_variant",
                f"person:{person}",
                articles_with,
                (),
                f"{person} is written “{alias}” ({_plural(len(where), 'time')} in "
                f"{_plural(len(articles_with), 'article')}); both are read as the same person.",
                tuple(dict.fromkeys(where))[:EVIDENCE_LIMIT],
                None,
            )
        )
    return findings


# Undated sources ----------------------------------------------------------------------------------


def _undated_evidence(article: Article, facts: list[str], deciding: list[str]) -> list[str]:
    """The sentences behind the deciding facts first (a quoted phrase, or the officeholder's
    name), then the others'; the first sentence when none is found."""
    text = [s.text for s in article.sentences if not s.boilerplate]
    cues = [
        cue
        for fact in deciding + [f for f in facts if f not in deciding]
        for cue in fact_cues(fact)
    ]
    evidence = list(dict.fromkeys(t for q in cues if len(q) > 3 for t in text if q in t))
    return evidence[:EVIDENCE_LIMIT] or text[:1]


def _undated_summary(
    article_id: str, d: PublicationDate, facts: list[str], deciding: list[str]
) -> str:
    aside = set_aside_facts(d)
    if d.basis == "unknown" or (d.date_min is None and d.date_max is None):
        if aside:
            return f"{article_id} states no date, and the facts that would date it contradict each other: {aside}."
        return f"{article_id} states no date, and nothing in it bounds its date."
    if not deciding:  # the bounds contradict each other; the evidence says how
        return f"{article_id} states no date, and its text cannot date it: {d.evidence}"
    where = (
        f"it is dated {d.date} by inference"
        if d.date is not None
        else f"it is placed between {d.date_min or 'an unknown date'} and "
        f"{d.date_max or 'the present'}"
    )
    rest = (
        "; the other facts are in articles.csv (date_evidence)"
        if len(facts) > len(deciding)
        else ""
    )
    conflict = f" Set aside as contradicted by the other facts: {aside}." if aside else ""
    return f"{article_id} states no date; {where}: {'; '.join(deciding)}{rest}.{conflict}"


def undated_sources(articles: list[Article], dates: dict[str, PublicationDate]) -> list[Finding]:
    findings = []
    for article in articles:
        d = dates.get(article.article_id)
        if d is None or d.basis not in ("inferred", "unknown"):
            continue
        facts = listed_facts(d.evidence)
        deciding = deciding_facts(d, facts)
        evidence = _undated_evidence(article, facts, deciding)
        findings.append(
            Finding(
                "",
                "undated_source",
                "",
                (article.article_id,),
                (),
                _undated_summary(article.article_id, d, facts, deciding),
                tuple((article.article_id, t) for t in evidence),
                None,
            )
        )
    return findings


# All of them --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _default_variant_rules() -> VariantRules:
    return load_claim_rules(CLAIM_RULES).variants


def run_checks(
    claims: list[Claim],
    articles: list[Article],
    dates: dict[str, PublicationDate],
    copies: list[CopyPair],
    context: Context,
    rules: ClaimRules | None = None,
) -> list[Finding]:
    """Every check, numbered within its kind in a stable order. `rules` supplies the name-variant
    settings (the project's claim_rules.yml when not given)."""
    variant_rules = rules.variants if rules is not None else _default_variant_rules()
    when = when_of(dates)
    for a in articles:
        when.setdefault(a.article_id, When(None, None))
    timeline = Timeline(claims, when)
    commits = commitments(claims)
    found = (
        slippage_and_late(commits, timeline, copies)
        + conflicts(timeline)
        + downgrades(timeline)
        + no_follow_up(commits, timeline)
        + duplicate_sources(copies, claims, {a.article_id: a for a in articles}, timeline)
        + name_variants(articles, context, variant_rules)
        + undated_sources(articles, dates)
    )
    numbered = []
    counters: dict[str, int] = defaultdict(int)
    for f in sorted(found, key=lambda f: (ORDER.index(f.check), f.event, f.article_ids, f.summary)):
        counters[f.check] += 1
        numbered.append(
            Finding(
                f"{f.check}-{counters[f.check]:03d}",
                f.check,
                f.event,
                f.article_ids,
                f.claim_ids,
                f.summary,
                f.evidence,
                f.days,
            )
        )
    return numbered
