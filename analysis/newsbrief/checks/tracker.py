"""The promise tracker: one row per commitment, what later articles said of it, and a verdict.
Reads the claims, the findings and the dates; the brief's tracker table and figure are drawn from it.

A commitment is an event some article reports as proposed, planned or postponed. Its row starts at the
earliest such article; its mentions are every claim on the event (or, for a city route, on its
country-level event; for a country-level event, on its routes) in articles not surely published
before that one, in date order.

Verdicts use PolitiFact's scale and mean "as far as this corpus shows", tried in this order:

- Promise Kept: a later article reports the event done.
- Compromise: done only in part: a different route between the same two countries is reported done
  while this route is not, or the event is reported done with a smaller count than promised.
- Promise Broken: a later article reports it cancelled (and none reports it done).
- Stalled: a slippage (or a weakened commitment) is found for it, or a later article reports it
  postponed, and no article reports it done.
- In the Works: still proposed or planned and its target has not passed by the latest article's
  date; or, with no target, later articles still report it as coming.
- Not Yet Rated: no later evidence at all (its target passed unremarked, or it never had one).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from newsbrief.checks.finding import Finding
from newsbrief.checks.timeline import Timeline, When, when_of
from newsbrief.claims.extract import COMMITTED, Claim
from newsbrief.core.records import PublicationDate

VERDICTS = (
    "Stalled",
    "Promise Broken",
    "In the Works",
    "Compromise",
    "Promise Kept",
    "Not Yet Rated",
)


@dataclass(frozen=True)
class Promise:
    """One commitment row of the promise tracker."""

    event: str
    kind: str
    label: str  # "Direct flights Almaty–Lahore"
    first_article: str
    first_date: date | None  # None when the first article is undated (its bounds are in first_when)
    first_when: str  # the date, or "undated, <low> to <high>"
    target_start: date | None
    target_end: date | None
    target_text: str
    # (article_id, status, low, high) by date: the article's date is low == high; bounds when undated
    mentions: tuple[tuple[str, str, str, str], ...]
    verdict: str  # one of VERDICTS
    done_date: date | None


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _delivered(first: Claim, done: list[Claim]) -> str:
    """Done: kept, or a compromise when fewer were delivered than promised (3 of 5 MoUs)."""
    delivered = [high for c in done for _, high in c.counts]
    promised = [low for low, _ in first.counts]
    # An open range ("more than 30 delivered") is never fewer than promised.
    bounded = [h for h in delivered if h is not None]
    fewer = bool(promised) and bounded == delivered != [] and max(bounded) < min(promised)
    return "Compromise" if fewer else "Promise Kept"


def _pending(first: Claim, later: list[Claim], latest: date | None) -> str:
    """Not done and not stalled: in the works while its target is ahead or a later article
    still commits to it; else too little to rate."""
    target = first.target_end
    if target is not None and latest is not None and target >= latest:
        return "In the Works"
    if target is None and any(c.status in COMMITTED for c in later):
        return "In the Works"
    return "Not Yet Rated"


def _verdict(
    first: Claim,
    later: list[Claim],
    done: list[Claim],
    checks: set[str],
    latest: date | None,
    other_route_done: bool,
) -> str:
    if done:
        return _delivered(first, done)
    own = [c for c in later if c.event == first.event]
    if other_route_done:
        return "Compromise"  # another route between the two countries was launched instead
    if any(c.status == "cancelled" for c in own):
        return "Promise Broken"
    if checks & {"slippage", "downgraded"} or any(c.status == "postponed" for c in own):
        return "Stalled"
    return _pending(first, later, latest)


def promise_tracker(
    claims: list[Claim], findings: list[Finding], dates: dict[str, PublicationDate]
) -> list[Promise]:
    """Commitments, with what followed; stalled first, then by first date and event."""
    return _promises(claims, findings, dates)


@dataclass(frozen=True)
class _Corpus:
    """What every commitment's row reads: the claims in time, each article's bounds (as text,
    and an unknown upper bound as date.max), the checks per event, the latest article's date."""

    timeline: Timeline
    when: dict[str, When]
    iso: dict[str, tuple[str, str]]
    high: dict[str, date]
    checks: dict[str, set[str]]
    latest: date | None


def _promises(
    claims: list[Claim], findings: list[Finding], dates: dict[str, PublicationDate]
) -> list[Promise]:
    when = when_of(dates)
    unknown = When(None, None)
    for c in claims:
        if c.article_id not in when:
            when[c.article_id] = unknown
    checks_by_event: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        checks_by_event[f.event].add(f.check)
    corpus = _Corpus(
        timeline=Timeline(claims, when),
        when=when,
        iso={a: (_iso(w.low), _iso(w.high)) for a, w in when.items()},
        high={a: w.high or date.max for a, w in when.items()},
        checks=checks_by_event,
        latest=max((w.low for w in when.values() if w.low), default=None),
    )
    promises = [
        _promise(event, corpus)
        for event in sorted({c.event for c in claims if c.status in COMMITTED})
    ]
    return sorted(
        promises, key=lambda p: (VERDICTS.index(p.verdict), p.first_date or date.max, p.event)
    )


def _supports(claim: Claim, event: str, timeline: Timeline) -> bool:
    """A claim about the event itself, or about one of its routes (its country-level event)."""
    return claim.event == event or timeline.country.get(claim.event) == event


def _first(event: str, timeline: Timeline) -> Claim:
    """The earliest article's commitment, the claim in it that gives a date if one does."""
    commitments = [c for c in timeline.by_event[event] if c.status in COMMITTED]
    earliest = commitments[0].article_id
    return min(
        (c for c in commitments if c.article_id == earliest),
        key=lambda c: (c.target_end is None, c.claim_id),
    )


def _other_route_done(event: str, first: Claim, corpus: _Corpus) -> bool:
    """Whether a different route between the same two countries is reported done in an article
    not surely published before the first. A route's mentions leave its sibling routes out, so
    they are read here, from the country-level event's reports of done."""
    country = corpus.timeline.country.get(event)
    if country is None:
        return False
    since = corpus.when[first.article_id].low or date.min
    return any(
        c.event not in (event, country)
        and c.article_id != first.article_id
        and corpus.high[c.article_id] >= since
        for c in corpus.timeline.done(country)
    )


def _promise(event: str, corpus: _Corpus) -> Promise:
    timeline, when = corpus.timeline, corpus.when
    first = _first(event, timeline)
    start = when[first.article_id]
    # Not surely published before the first article: no upper bound, or one on or after its start.
    since = start.low or date.min
    later = [
        c
        for c in timeline.mentions(event)
        if c.article_id != first.article_id and corpus.high[c.article_id] >= since
    ]
    done = [c for c in later if c.status == "happened" and _supports(c, event, timeline)]
    return Promise(
        event=event,
        kind=first.kind,
        label=timeline.label(event),
        first_article=first.article_id,
        first_date=start.low if start.known else None,
        first_when=start.text(),
        target_start=first.target_start,
        target_end=first.target_end,
        target_text=first.target_text,
        mentions=tuple(
            dict.fromkeys((c.article_id, c.status, *corpus.iso[c.article_id]) for c in later)
        ),
        verdict=_verdict(
            first,
            later,
            done,
            corpus.checks[event],
            corpus.latest,
            _other_route_done(event, first, corpus),
        ),
        done_date=(done[0].target_start or when[done[0].article_id].low) if done else None,
    )


__all__ = ["VERDICTS", "Promise", "promise_tracker"]
