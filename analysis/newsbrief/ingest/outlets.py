"""Which outlet published an article: from its URL's domain, a dateline tag, a credit line or a
phrase such as "Trend reports", through the cited entries of analysis/context/outlets.yml.

Ingest records the outlet with the evidence that named it; the report cites by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from newsbrief.core.config import OutletsConfig, load_config
from newsbrief.core.paths import CONTEXT_DIR
from newsbrief.core.patterns import fold, may_match, trie


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...]
    country: str
    wire: bool
    tags: tuple[str, ...]


@dataclass(frozen=True)
class OutletMention:
    """An outlet named by an article, how (url | dateline | credit | phrase | site) and where."""

    outlet: Outlet
    how: str
    evidence: str


@dataclass(frozen=True)
class Outlets:
    entries: tuple[Outlet, ...]

    @cached_property
    def by_domain(self) -> dict[str, Outlet]:
        return {d.casefold(): o for o in self.entries for d in o.domains}

    @cached_property
    def by_tag(self) -> dict[str, Outlet]:
        tags = {o.name.casefold(): o for o in self.entries}
        tags.update({t.casefold(): o for o in self.entries for t in o.tags})
        return tags

    @cached_property
    def _names(self) -> str:
        names = {n for o in self.entries for n in (o.name, *o.tags)}
        return trie(sorted(names, key=len, reverse=True))

    @cached_property
    def phrases(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """How a text names its outlet, most telling first (a credit beats a passing mention)."""
        # Names are matched as written ("Trend", not "trend"), the words around them in any case.
        name = rf"(?P<name>{self._names})"
        # "© 2023 Dunya News", "Published in Dawn, ...", "Copyright of materials of ... X".
        credit = r"(?i:©|\(c\)|copyright|published\s+in)[^.\n]{0,40}?(?<![\w])"
        # The publisher of a syndicated feed: "... has not been edited by ThePrint staff", and a
        # site's own sign-off: "Follow ProPakistani on Google News".
        staff = r"\b(?i:edited\s+by|produced\s+by)\s+"
        follow = r"^\W*(?i:follow)\s+"
        reports = r"(?:\s+(?i:news\s+agency))?\s+(?i:reports|reported|has\s+learn[et]d?|learnt)\b"
        cites = r"\b(?i:told|citing|according\s+to|speaking\s+to(?:\s+the)?|in\s+an\s+interview\s+with)\s+"
        return (
            ("credit", re.compile(rf"{credit}{name}\b")),
            ("credit", re.compile(rf"{staff}{name}\s+(?i:staff|team|desk)\b")),
            ("credit", re.compile(rf"{follow}{name}\s+(?i:on)\b")),
            ("phrase", re.compile(rf"\b{name}{reports}")),
            ("phrase", re.compile(rf"{cites}{name}\b")),
        )

    def of_url(self, url: str) -> Outlet | None:
        """The outlet whose domain the URL is on (a subdomain counts: en.trend.az is trend.az)."""
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").casefold()
        host = host.removeprefix("www.")
        while host:
            if host in self.by_domain:
                return self.by_domain[host]
            _, _, host = host.partition(".")
        return None

    def of_tag(self, tag: str) -> Outlet | None:
        return self.by_tag.get(" ".join(tag.split()).casefold())

    def named_in(self, lines: list[str]) -> OutletMention | None:
        """The outlet the article's own lines name: a publisher's credit, then a line that is only
        an outlet's name (a site header), then "X reports", "told X". Among credits and site
        lines a wire agency loses to a publisher: ThePrint runs PTI's copy under a "PTI" line."""
        signed = [*self._credits(lines, "credit"), *self._sites(lines)]
        publisher = next((m for m in signed if not m.outlet.wire), None)
        if publisher or signed:
            return publisher or signed[0]
        phrases = self._credits(lines, "phrase")
        return phrases[0] if phrases else None

    def _sites(self, lines: list[str]) -> list[OutletMention]:
        found = []
        for line in lines:
            if len(line.split()) <= 6 and (alone := self.of_tag(line.strip(" -–—|"))) is not None:
                found.append(OutletMention(alone, "site", line.strip()))
        return found

    def _credits(self, lines: list[str], how: str) -> list[OutletMention]:
        found = []
        folded = [fold(line) for line in lines]
        for kind, pattern in self.phrases:
            if kind != how:
                continue
            for line, line_folded in zip(lines, folded, strict=True):
                # A test for the words a pattern needs costs a fraction of a scan that finds none.
                hit = may_match(pattern, line_folded) and pattern.search(line)
                if hit and (outlet := self.of_tag(hit["name"])) is not None:
                    found.append(OutletMention(outlet, how, hit.group().strip()))
        return found


def load_outlets(path: Path = CONTEXT_DIR / "outlets.yml") -> Outlets:
    config = load_config(path, OutletsConfig)
    return Outlets(
        tuple(
            Outlet(o.name, tuple(o.domains), o.country, o.wire, tuple(o.tags))
            for o in config.outlets
        )
    )
