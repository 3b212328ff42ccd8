"""What became of each commitment, read from tracker.csv, claims.csv, findings.csv, articles.csv.

Gathers, per commitment, every report of it in date order with the claim each report makes, the
findings on it, and how much it matters; the key findings and the brief's subsections tell it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from newsbrief.core.events import event_label
from newsbrief.core.schema import Row, records
from newsbrief.report.wording import article_when

# Statuses that state a commitment and can carry a promised date (the claims stage's COMMITTED).
PROMISING = ("proposed", "planned", "postponed")
# Findings about a commitment itself; the rest (copies, names, undated articles) are about sources.
COMMITMENT_CHECKS = ("slippage", "fulfilled_late", "no_follow_up", "downgraded", "conflict")
NOT_DELIVERED = ("Stalled", "Promise Broken")


@dataclass(frozen=True)
class Mention:
    """One article's report of a commitment: its status there and the claim that says so."""

    article_id: str
    status: str
    low: str  # publication date, or its bounds when the article is undated
    high: str
    claim: Row | None

    def target(self) -> tuple[str, str]:
        if self.claim is None:
            return "", ""
        return self.claim.text("target_start"), self.claim.text("target_end")


def _overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two periods (ISO start, end; an empty end is the start) share a day."""
    return a[0] <= (b[1] or b[0]) and b[0] <= (a[1] or a[0])


def _moves_to_a_new_date(m: Mention, before: list[Mention], delivered: str) -> bool:
    """Whether a report promises a date of its own: not after the delivery (another occasion),
    not one already past when a later report gives it (a recollection), not overlapping the date
    before (a restatement)."""
    start, end = m.target()
    if m.status not in PROMISING or not start or (delivered and start > delivered):
        return False
    if not before:
        return True
    return (end or start) >= m.low and not _overlap(before[-1].target(), (start, end))


@dataclass(frozen=True)
class Dispute:
    """A conflict finding and the two reports it sets against each other, by what they disagree
    on: status, figures, route or date."""

    kind: str
    finding: Row
    claims: tuple[Row, Row]


@dataclass(frozen=True)
class Commitment:
    """A commitment with its reports in date order, its findings and its verdict."""

    event: str
    label: str
    verdict: str  # PolitiFact's scale, from tracker.csv; "" when no article promised it
    mentions: tuple[Mention, ...]
    findings: tuple[Row, ...]
    high_level: bool
    disputes: tuple[Dispute, ...] = ()
    promise: Row | None = None  # its tracker.csv row

    def checks(self) -> set[str]:
        return {f.text("check") for f in self.findings}

    def days(self, *checks: str, resting_on: Mention | None = None) -> int:
        """The largest day count the findings of `checks` give (how late, how long unremarked);
        with `resting_on`, of those findings only that cite that report's claim."""
        claim = resting_on.claim if resting_on is not None else None
        claim_id = claim.text("claim_id") if claim is not None else None
        found = [
            int(f.text("days"))
            for f in self.findings
            if f.text("check") in checks
            and f.text("days").lstrip("-").isdigit()
            and (claim_id is None or claim_id in f.text("claim_ids").split(";"))
        ]
        return max(found, default=0)

    def promised_dates(self) -> list[Mention]:
        """Each report that gave the commitment a new date, in date order, up to the report of
        its delivery. A date that overlaps the one before ("April 2023" after "21 April 2023")
        restates it, not a move; a date promised after the delivery is for another occasion; and
        a later report of a date already past when it was published ("the session promised
        flights by March 2023", written after) recalls an old promise, not a new one."""
        done = self.delivery()
        until = done.low if done is not None else ""
        delivered = (done.target()[1] or done.target()[0] or done.low) if done is not None else ""
        out: list[Mention] = []
        for m in self.mentions:
            if until and m.low > until:
                break
            if _moves_to_a_new_date(m, out, delivered):
                out.append(m)
        return out

    def moves(self) -> int:
        return max(len(self.promised_dates()) - 1, 0)

    def delivery(self) -> Mention | None:
        """The first report that it was done: of the event itself or, for a country-level
        commitment, of one of its routes (as tracker.csv's verdict counts it), and of a time not
        before the commitment was first reported (a visit "since 2003" is an earlier one). A
        report that dates it (its own date, or its article's) comes before an undated one,
        whose place in time is only a range."""
        since = self.mentions[0].low if self.mentions else ""
        done = [m for m in self.mentions if self._delivers(m, since)]
        dated = [m for m in done if m.target()[0] or (m.low and m.low == m.high)]
        first = dated or done
        return first[0] if first else None

    def _delivers(self, m: Mention, since: str) -> bool:
        if m.status != "happened" or m.claim is None:
            return False
        event, country = m.claim.text("event"), m.claim.text("country_event")
        ended = m.target()[1] or m.target()[0] or m.low
        return self.event in (event, country) and (not since or not ended or ended >= since)

    def latest(self) -> Mention | None:
        return self.mentions[-1] if self.mentions else None

    def consequences(self) -> tuple[bool, bool, bool, bool, bool]:
        """What makes it matter, weightiest first: a high-level commitment, delivered late
        or not at all, a date that moved, reports that conflict, figures that disagree."""
        checks = self.checks()
        return (
            self.high_level,
            bool(checks & {"slippage", "no_follow_up", "fulfilled_late"})
            or self.verdict in NOT_DELIVERED,
            self.moves() > 0,
            bool(self.status_conflicts()) or "downgraded" in checks,
            bool(self.figure_conflicts()),
        )

    def figure_conflicts(self) -> list[Dispute]:
        return [d for d in self.disputes if d.kind == "figures"]

    def status_conflicts(self) -> list[Dispute]:
        return [d for d in self.disputes if d.kind != "figures"]

    def rank(self) -> tuple[int, tuple[bool, ...], int, int, str, str]:
        """Most consequential first: more of the consequences, then the weightier one, then the
        longer delay, then the more reported."""
        found = self.consequences()
        first = self.mentions[0].low if self.mentions else ""
        return (
            -sum(found),
            tuple(not f for f in found),
            -self.days(*COMMITMENT_CHECKS),
            -len(self.mentions),
            first,
            self.event,
        )


@dataclass(frozen=True)
class Corpus:
    """The tables a commitment is read from, indexed once."""

    articles: dict[str, Row]
    claims: dict[str, Row]  # by claim_id
    by_article: dict[str, list[Row]]
    labels: dict[str, str]  # event to the tracker's label
    high_level: tuple[str, ...]  # lower-case office words (analysis/scope.yml)
    officeholders: dict[str, str]  # person to office (analysis/context/officeholders.yml)

    def article(self, article_id: str) -> Row | None:
        return self.articles.get(article_id)

    def when(self, article_id: str) -> tuple[str, str]:
        article = self.articles.get(article_id)
        return article_when(article) if article is not None else ("", "")

    def label(self, event: str) -> str:
        return event_label(event, self.labels)

    def claims_of(self, claim_ids: str) -> list[Row]:
        return [self.claims[c] for c in claim_ids.split(";") if c in self.claims]


def corpus_of(
    articles: pd.DataFrame,
    claims: pd.DataFrame,
    tracker: pd.DataFrame,
    high_level: tuple[str, ...] = (),
    officeholders: dict[str, str] | None = None,
) -> Corpus:
    by_article: dict[str, list[Row]] = defaultdict(list)
    claim_rows = records(claims)
    for c in claim_rows:
        by_article[c.text("article_id")].append(c)
    return Corpus(
        articles={r.text("article_id"): r for r in records(articles)},
        claims={c.text("claim_id"): c for c in claim_rows},
        by_article=dict(by_article),
        labels=dict(zip(tracker.event, tracker.label, strict=True)),
        high_level=tuple(w.lower() for w in high_level),
        officeholders=officeholders or {},
    )


def _related(event: str, corpus: Corpus) -> frozenset[str]:
    """The event, its country-level event and its routes: the claims that speak of it."""
    related = {event}
    for claims in corpus.by_article.values():
        for c in claims:
            if c.text("event") == event and c.text("country_event"):
                related.add(c.text("country_event"))
            elif c.text("country_event") == event:
                related.add(c.text("event"))
    return frozenset(related)


def _claim_for(
    article_id: str, status: str, related: frozenset[str], own: str, corpus: Corpus
) -> Row | None:
    """The claim behind an article's report: its own event's before a related one's, one that
    gives a date before one that does not."""
    found = [
        c
        for c in corpus.by_article.get(article_id, [])
        if c.text("status") == status and c.text("event") in related
    ]
    found.sort(
        key=lambda c: (c.text("event") != own, not c.text("target_start"), c.text("claim_id"))
    )
    return found[0] if found else None


def parse_mentions(cell: str) -> list[tuple[str, str, str, str]]:
    """tracker.csv's mentions: `article|status|low|high` items joined by `;`."""
    mentions = []
    for item in str(cell).split(";"):
        if item:
            article, status, low, high = [*item.split("|"), "", "", ""][:4]
            mentions.append((article, status, low, high))
    return mentions


def _tracked_mentions(promise: Row, related: frozenset[str], corpus: Corpus) -> list[Mention]:
    """The tracker's first report, then its later mentions, each with the claim that makes it."""
    event, first = promise.text("event"), promise.text("first_article")
    first_claims = [
        c
        for c in corpus.by_article.get(first, [])
        if c.text("event") == event and c.text("status") in PROMISING
    ]
    first_claims.sort(key=lambda c: (not c.text("target_start"), c.text("claim_id")))
    status = first_claims[0].text("status") if first_claims else "planned"
    low, high = corpus.when(first)
    out = [Mention(first, status, low, high, first_claims[0] if first_claims else None)]
    for article, said, low, high in parse_mentions(promise.text("mentions")):
        out.append(
            Mention(article, said, low, high, _claim_for(article, said, related, event, corpus))
        )
    return out


def _untracked_mentions(event: str, corpus: Corpus) -> list[Mention]:
    """For an event no article promised (only reported): every claim on it, by date."""
    seen: dict[tuple[str, str], Mention] = {}
    for claims in corpus.by_article.values():
        for c in claims:
            key = (c.text("article_id"), c.text("status"))
            if c.text("event") == event and key not in seen:
                seen[key] = Mention(*key, *corpus.when(key[0]), c)
    return sorted(seen.values(), key=lambda m: (m.low or "9999", m.article_id, m.status))


def _is_high_level(event: str, mentions: list[Mention], corpus: Corpus) -> bool:
    """A commitment of a head of state or government: its name holds one of the scope's office
    words, or one of its claims names a person who held such an office."""
    words = corpus.high_level
    if any(w in corpus.label(event).lower() for w in words):
        return True
    for m in mentions:
        actors = m.claim.text("actors").split(";") if m.claim is not None else []
        if any(w in corpus.officeholders.get(a, "").lower() for a in actors for w in words):
            return True
    return False


def commitments(tracker: pd.DataFrame, findings: pd.DataFrame, corpus: Corpus) -> list[Commitment]:
    """Every commitment that has a finding of its own, most consequential first."""
    by_event: dict[str, list[Row]] = defaultdict(list)
    for f in records(findings[findings.check.isin(COMMITMENT_CHECKS)]):
        for event in f.text("event").split(";"):
            if event:
                by_event[event].append(f)
    promises = {r.text("event"): r for r in records(tracker)}
    out = []
    for event, found in by_event.items():
        related = _related(event, corpus)
        promise = promises.get(event)
        mentions = (
            _tracked_mentions(promise, related, corpus)
            if promise is not None
            else _untracked_mentions(event, corpus)
        )
        out.append(
            Commitment(
                event=event,
                label=corpus.label(event),
                verdict=promise.text("verdict") if promise is not None else "",
                mentions=tuple(mentions),
                findings=tuple(found),
                high_level=_is_high_level(event, mentions, corpus),
                disputes=disputes_of(found, corpus),
                promise=promise,
            )
        )
    return sorted(out, key=Commitment.rank)


def _kind_of_conflict(a: Row, b: Row) -> str:
    """What two conflicting reports disagree on: status, figures, route, or date."""
    if a.text("status") != b.text("status"):
        return "status"
    if a.text("figures") and b.text("figures") and a.text("figures") != b.text("figures"):
        return "figures"
    return "route" if a.text("event") != b.text("event") else "date"


def disputes_of(findings: list[Row], corpus: Corpus) -> tuple[Dispute, ...]:
    """The conflict findings among `findings`, each with its two reports in publication order."""
    out = []
    for f in findings:
        claims = corpus.claims_of(f.text("claim_ids")) if f.text("check") == "conflict" else []
        if len(claims) >= 2:
            a, b = sorted(
                claims[:2], key=lambda c: (corpus.when(c.text("article_id")), c.text("claim_id"))
            )
            out.append(Dispute(_kind_of_conflict(a, b), f, (a, b)))
    return tuple(out)
