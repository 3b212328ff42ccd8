"""How an event key reads for people: the one naming rule the checks and the report share.

Event keys are the claims stage's (`direct_flights:almaty-lahore`); labels are derived from them.
"""

from __future__ import annotations


def event_label(event: str, labels: dict[str, str] | None = None) -> str:
    """A reader's name for an event: the claims' label, else one made from the key."""
    if labels and event in labels:
        return labels[event]
    kind, _, key = event.partition(":")
    name = kind.replace("_", " ").capitalize()
    if "->" in key:
        who, _, where = key.partition("->")
        origin = who.replace("-", " ").title().replace(" Of ", " of ")
        return f"{name}: {origin} to {where.replace('-', ' ').title()}"
    return f"{name} {'–'.join(p.title() for p in key.split('-'))}" if key else name


# The checks' names, most consequential first: the order of findings.csv and of the brief.
CHECKS = (
    "slippage",
    "conflict",
    "downgraded",
    "no_follow_up",
    "fulfilled_late",
    "duplicate_source",
    "undated_source",
    "name_variant",
)
