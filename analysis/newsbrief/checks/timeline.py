"""The claims in time: each article's place in time, commitments, and the claims indexed by event.
Every check family and the promise tracker read the claims through this index.

Events relate as the claims stage keys them: a city route's "done" is also its country-level
event's (flights between the two countries began), and a country-level "not yet" is also every
route's until another route between them is reported done. "Later" is strict: an article is later
than another only when its earliest possible date (its date, or date_min when undated) is after
the other's latest (date, or date_max); undated articles appear in summaries with their bounds,
and their day counts as "at least".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from calendar import monthrange
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from newsbrief.claims.extract import COMMITTED, NOT_DONE, Claim
from newsbrief.core.events import event_label
from newsbrief.core.records import PublicationDate


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


def when_in(when: dict[str, When], article_id: str) -> When:
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
        # A recurring event's occurrences by the series they belong to: "joint_commission:x#2025"
        # and "joint_commission:x" are of the series "joint_commission:x".
        self.series: dict[str, list[str]] = defaultdict(list)
        for event in self.by_event:
            self.series[event.partition("#")[0]].append(event)
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
                if c.status in NOT_DONE and not c.recalled and self.low(c) is not None
            ]
            self._not_done[event] = (dated, [self._day(c) for c in dated])
        dated, lows = self._not_done[event]
        return dated[bisect_right(lows, day) :]

    def not_done_after(self, event: str, day: date) -> list[Claim]:
        """Reports of the event as not done, from articles surely published after `day`: the
        event's own, and its country-level event's (no flights between the two countries yet
        means no flights on any route between them), unless another route between them was
        reported done before: talk of launching flights then may be of any route."""
        found = self._not_done_after(event, day)
        country = self.country.get(event)
        if country is None:
            return found
        general = self._not_done_after(country, day)
        running = self._sibling_done_by(event, country)
        if running is not None:
            general = [c for c in general if not (self._day(c) > running)]
        return found + general

    def _sibling_done_by(self, route: str, country: str) -> date | None:
        """The earliest day by which an article reports another route of the country-level
        event done: its publication date, or its latest possible one when undated."""
        days = [
            high
            for sibling in self.routes.get(country, set()) - {route}
            for c in self.by_event[sibling]
            if c.status == "happened" and (high := when_in(self.when, c.article_id).high)
        ]
        return min(days, default=None)

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
                high = when_in(self.when, c.article_id).high
                top = date.max if high is None else max(top, high)
                highs.append(top)
            self._done_highs[event] = highs
        return bisect_left(highs, start.low)

    def mentioned_after(self, event: str, start: When, besides: set[str]) -> bool:
        """Whether an article other than `besides`, not surely published before `start`, mentions
        the event. Mentions are kept latest first, so the scan stops at the first one too early."""
        if event not in self._latest_first:
            highs = [
                (when_in(self.when, c.article_id).high, c.article_id)
                for c in [*self.mentions(event), *self._pending_in_series(event)]
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

    def _pending_in_series(self, event: str) -> list[Claim]:
        """For an occurrence of a recurring event, the claims of the series' other occurrences
        that are still to come: "the next session will be held in Astana in the second half of
        the year" follows up a session set for 2025 that has not met, under whatever year."""
        series = event.partition("#")[0]
        if series == event:
            return []
        return [
            c
            for other in sorted(self.series.get(series, ()))
            if other != event
            for c in self.by_event[other]
            if c.status != "happened"
        ]

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


def commitments(claims: list[Claim]) -> dict[tuple[str, date], list[Claim]]:
    """Dated commitments by (event, target end): several articles announcing one date are one."""
    grouped: dict[tuple[str, date], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.status in COMMITTED and c.target_end is not None:
            grouped[(c.event, c.target_end)].append(c)
    return grouped


def first_announced(announced: list[Claim], timeline: Timeline) -> Claim:
    return min(announced, key=timeline.order)
