"""Conflicting reports: done then not done, rival dates, counts or routes for one event.
Reads the timeline; checks conflict and downgraded (a plan later reported only as proposed).

- conflict: articles disagree about one event at overlapping times: reported done, then not done by an
  article published after that; different target dates given before either came; different counts
  for one occasion; different single routes named for one launch; a republished copy that changes
  a date or a figure of the text it copies.
- downgraded: an article published after one that reported the event planned reports it only as
  proposed or under discussion.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from newsbrief.checks.duplicates import republished_changes
from newsbrief.checks.finding import EVIDENCE_LIMIT, Corpus, Family, Finding, claims_finding, plural
from newsbrief.checks.timeline import Timeline, When, target_text, when_in
from newsbrief.claims.extract import COMMITTED, NOT_DONE, Claim, Count

OCCASION_DAYS = (
    60  # counts given without a target date, by articles this close, describe one occasion
)
WEAKER = ("proposed", "under_discussion")


def _done_then_not(event: str, timeline: Timeline, stepwise: frozenset[str]) -> Finding | None:
    """A report of the event done, then a later one of it not done."""
    when = timeline.when
    done = [
        c for c in timeline.by_event.get(event, []) if c.status == "happened" and timeline.low(c)
    ]
    if not done:
        return None
    report = done[0]  # the earliest report of it done
    denials = _denials(event, report, timeline, stepwise)
    if not denials:
        return None
    latest = max(denials, key=timeline.order)
    done_at = f" ({target_text(report)})" if report.target_start else ""
    return claims_finding(
        "conflict",
        event,
        [report, latest],
        f"{timeline.label(event)}: {when_in(when, report.article_id).article()} reports it done{done_at}, "
        f"but {when_in(when, latest.article_id).article()}, published later, reports "
        f"{'it' if latest.event == event else timeline.label(latest.event)} as {latest.status.replace('_', ' ')}"
        + (
            f" ({plural(len({c.article_id for c in denials}), 'later article')} in all)."
            if len(denials) > 1
            else "."
        ),
        None,
    )


def _denials(
    event: str, report: Claim, timeline: Timeline, stepwise: frozenset[str]
) -> list[Claim]:
    """The reports, surely later than `report` of the event done, of it not done. Of a kind done
    step by step (a corridor's trial run), only a postponement denies it: a later plan is of the
    next step."""
    cutoff = max(
        filter(None, (when_in(timeline.when, report.article_id).high, report.target_end)),
        default=None,
    )
    if cutoff is None:
        return []
    denying = ("postponed",) if report.kind in stepwise else NOT_DONE
    return [
        c
        for c in timeline.not_done_after(event, cutoff)
        if c.status in denying
        and c.article_id != report.article_id
        and not _may_be_a_sibling(event, c, timeline)
    ]


def _may_be_a_sibling(route: str, denial: Claim, timeline: Timeline) -> bool:
    """A country-level report of not done ("flights between the two countries will begin
    shortly") may be about another route between them that is still to come: then it does not
    contradict this route's being done. A route's own reports never stand for a sibling's."""
    country = timeline.country.get(route)
    if country is None or denial.event != country:
        return False
    return any(
        c.status != "happened"
        for sibling in sorted(timeline.routes.get(country, set()) - {route})
        for c in timeline.by_event.get(sibling, [])
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
            and (high := when_in(when, c.article_id).high)
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
            and _after(earliest.target_start, when_in(when, c.article_id).high)
        ),
        None,
    )
    if rival is None:
        return None
    return claims_finding(
        "conflict",
        event,
        [earliest, rival],
        f"Two articles give different dates for {timeline.label(event)}: {target_text(earliest)} "
        f"({when_in(when, earliest.article_id).article()}) and {target_text(rival)} "
        f"({when_in(when, rival.article_id).article()}), both published before either date.",
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
    """Counts that cannot all be right: one occasion (overlapping targets, or articles close in
    time when no target is given) and two articles with no number in common (37 MoUs against 30).
    One finding per occasion, listing every count with its article."""
    counted = []
    for c in timeline.by_event.get(event, []):
        if c.counts and (span := _occasion(c, when_in(timeline.when, c.article_id))) is not None:
            counted.append((span, c))
    counted.sort(key=lambda x: (x[0], x[1].claim_id))
    for occasion in _occasions(counted):
        if _disagree(occasion):
            return claims_finding(
                "conflict",
                event,
                occasion,
                f"Articles disagree on the count for {timeline.label(event)}: "
                + "; ".join(
                    f"“{'; '.join(c.figures)}” ({when_in(timeline.when, c.article_id).article()}, "
                    f"{c.article_id})"
                    for c in occasion
                )
                + ".",
                None,
            )
    return None


def _occasions(counted: list[tuple[tuple[date, date], Claim]]) -> list[list[Claim]]:
    """The claims, sorted by span, in groups whose spans overlap: one occasion each."""
    groups: list[list[Claim]] = []
    end: date | None = None
    for (start, stop), claim in counted:
        if end is None or start > end:
            groups.append([])
            end = stop
        groups[-1].append(claim)
        end = max(end, stop)
    return groups


def _disagree(occasion: list[Claim]) -> bool:
    """Two or more articles of the occasion, and no number that every one of them allows: 37
    and 30 disagree, 37 and "more than 30" do not."""
    by_article: dict[str, set[Count]] = defaultdict(set)
    for c in occasion:
        by_article[c.article_id].update(c.counts)
    if len(by_article) < 2:
        return False
    # If some value fits every article, the largest of the lows that admit it is one: try those.
    lows = sorted({low for counts in by_article.values() for low, _ in counts})
    return not any(
        all(any(_allows(count, value) for count in counts) for counts in by_article.values())
        for value in lows
    )


def _allows(count: Count, value: int) -> bool:
    low, high = count
    return low <= value and (high is None or value <= high)


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
                high = when_in(when, c.article_id).high
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
                claims_finding(
                    "conflict",
                    country,
                    shown[:EVIDENCE_LIMIT],
                    f"Articles name different routes for the launch of {timeline.label(country)} in "
                    f"{month.strftime('%B %Y')}: "
                    + "; ".join(
                        f"{c.label} ({when_in(when, c.article_id).article()})"
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


def conflicts(
    timeline: Timeline,
    stepwise: frozenset[str] = frozenset(),
    one_occurrence: Callable[[str], bool] = lambda event: True,
) -> list[Finding]:
    found = []
    for event in filter(one_occurrence, sorted(timeline.by_event)):
        done_then_not = _done_then_not(event, timeline, stepwise)
        found += [done_then_not] if done_then_not is not None else []
        for check in (_different_dates, _different_counts):
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
        planned = [c for c in group if c.status == "planned" and when_in(when, c.article_id).high]
        weaker = [c for c in group if c.status in WEAKER and when_in(when, c.article_id).low]
        if not planned or not weaker:
            continue
        w = max(weaker, key=timeline.order)
        before = [
            c
            for c in planned
            if when_in(when, w.article_id).surely_after(when_in(when, c.article_id))
        ]
        if before:
            p = max(before, key=lambda c: (when_in(when, c.article_id).high, c.claim_id))
            findings.append(
                claims_finding(
                    "downgraded",
                    event,
                    [p, w],
                    f"{timeline.label(event)}: reported as planned ({target_text(p)}) in "
                    f"{when_in(when, p.article_id).article()}; {when_in(when, w.article_id).article()}, published "
                    f"later, reports it only as {w.status.replace('_', ' ')}.",
                    None,
                )
            )
    return findings


def find(corpus: Corpus) -> list[Finding]:
    articles = {a.article_id: a for a in corpus.articles}
    republished = republished_changes(corpus.copies, corpus.claims, articles, corpus.timeline)
    return (
        conflicts(corpus.timeline, corpus.stepwise, corpus.one_occurrence)
        + republished
        + downgrades(corpus.timeline)
    )


FAMILY = Family(("conflict", "downgraded"), find)
