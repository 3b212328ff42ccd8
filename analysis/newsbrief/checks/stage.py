"""Stage 3b, checks: the claims checked against each other and against time; the promise tracker.

Takes the claims stage's records (same notebook); writes build/data/findings.csv and tracker.csv.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsbrief.checks.consistency import Finding, run_checks
from newsbrief.checks.tracker import Promise, promise_tracker
from newsbrief.claims.stage import Claimed
from newsbrief.core import schema
from newsbrief.core.artifacts import findings_table, tracker_table
from newsbrief.core.paths import Paths


@dataclass(frozen=True)
class Checked:
    findings: list[Finding]
    promises: list[Promise]


def run(paths: Paths, claimed: Claimed) -> Checked:
    claims = claimed.pair_claims  # in scope; an event under way counts as delivered
    findings = run_checks(claims, claimed.articles, claimed.dates, claimed.copies, claimed.context)
    promises = promise_tracker(claims, findings, claimed.dates)
    schema.FINDINGS.write(findings_table(findings), paths.data)
    schema.TRACKER.write(tracker_table(promises), paths.data)
    return Checked(findings, promises)
