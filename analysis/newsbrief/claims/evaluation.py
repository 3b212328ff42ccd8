"""The claims measured against an independent coder's gold: precision and recall of (event, status)
and the accuracy of targets, per split. Run by the claims stage when the gold is present.

The gold (tests/fixtures/gold/: claim_sentences.jsonl, claims_gold.yml, coded from CLAIMS_GUIDE.md)
labels sentences of the realistic fixtures (tests/fixtures/realistic/, split into a development and
a held-out half before any tuning), of the seeds, and of three fresh sets (tests/fixtures/fresh/,
held-out half `heldout_fresh`; tests/fixtures/fresh3/, `heldout_fresh3`): articles written and
coded after the first held-out half's totals had been seen. The unit is the sentence: the set of
(kind, status) of its events between the two focus countries (the coder's participants hold
both), against the set of (kind, status) of the claims the package keeps in scope. A target is
right when the claim's time expression overlaps the coder's words and, where the coder fixed ISO
dates, gives them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from newsbrief.claims.extract import Claim, ClaimRules, extract_claims, load_claim_rules
from newsbrief.core.errors import InputError
from newsbrief.core.paths import CLAIM_RULES, Paths
from newsbrief.core.provenance import build_date
from newsbrief.core.records import Article
from newsbrief.dating.context import Context, load_context

# The kinds the coding guide asks the coder to label (CLAIMS_GUIDE.md, "Event kinds"). A claim of
# another kind (business_council, transport_conference) cannot be judged against this gold.
GUIDE_KINDS = frozenset(
    {
        "direct_flights",
        "official_visit",
        "agreement",
        "visa",
        "business_delegation",
        "trade_mission",
        "business_forum",
        "joint_commission",
        "corridor",
        "trade_target",
    }
)
Unit = tuple[str, str]  # (kind, status)


@dataclass(frozen=True)
class GoldEvent:
    kind: str
    status: str
    participants: frozenset[str]
    target: str
    target_start: date | None
    target_end: date | None
    visitor: str = ""
    destination: str = ""


@dataclass(frozen=True)
class GoldSentence:
    sentence_id: str  # "<file>#<paragraph>.<sentence>"
    file: str
    half: str  # development | heldout | heldout_fresh | heldout_fresh3
    text: str
    events: tuple[GoldEvent, ...]


def _day(value: Any) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


# The package has no status "not happened": what "has still not taken place" or "there are no
# flights" says is that the event is still expected, and it reads that as planned (claim_rules.yml,
# planned_not_yet), so that the slippage check sets it against its target. The coder's label is
# scored as the package's status that stands for it.
GOLD_STATUS = {"not_happened": "planned"}


def _event(raw: dict[str, Any]) -> GoldEvent:
    return GoldEvent(
        kind=str(raw["kind"]),
        status=GOLD_STATUS.get(str(raw["status"]), str(raw["status"])),
        participants=frozenset(str(p) for p in raw.get("participants") or ()),
        target=str(raw.get("target") or ""),
        target_start=_day(raw.get("target_start")),
        target_end=_day(raw.get("target_end")),
        visitor=str(raw.get("visitor") or ""),
        destination=str(raw.get("destination") or ""),
    )


def load_gold(gold_dir: Path) -> list[GoldSentence]:
    """The coder's sentences and labels, in the order given; [] when the gold is not there."""
    sentences_path, labels_path = gold_dir / "claim_sentences.jsonl", gold_dir / "claims_gold.yml"
    if not (sentences_path.exists() and labels_path.exists()):
        return []
    try:
        labels = {e["id"]: e for e in yaml.safe_load(labels_path.read_text(encoding="utf-8"))}
    except (yaml.YAMLError, KeyError, TypeError) as err:
        raise InputError(
            labels_path, f"is not a list of labelled sentences ({err})", "see CLAIMS_GUIDE.md"
        ) from None
    gold = []
    for n, line in enumerate(sentences_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        label = labels.get(row["id"])
        if label is None:
            raise InputError(
                labels_path,
                f"has no label for sentence {row['id']} (line {n} of the sentences)",
                "label every sentence of claim_sentences.jsonl",
            )
        events = tuple(_event(e) for e in label.get("events") or ())
        gold.append(GoldSentence(row["id"], row["file"], row["half"], row["text"], events))
    return gold


# Scoring ----------------------------------------------------------------------------------------


def gold_units(sentence: GoldSentence, focus: tuple[str, str]) -> dict[Unit, GoldEvent]:
    """The (kind, status) of the sentence's events between the focus countries, first event of
    each."""
    units: dict[Unit, GoldEvent] = {}
    for e in sentence.events:
        if set(focus) <= e.participants and e.kind in GUIDE_KINDS:
            units.setdefault((e.kind, e.status), e)
    return units


def claim_units(claims: Iterable[Claim]) -> dict[Unit, Claim]:
    units: dict[Unit, Claim] = {}
    for c in claims:
        if c.in_scope and c.kind in GUIDE_KINDS:
            units.setdefault((c.kind, c.status), c)
    return units


def _span(text: str, words: str) -> tuple[int, int] | None:
    at = text.casefold().find(words.casefold()) if words else -1
    return (at, at + len(words)) if at >= 0 else None


def target_right(text: str, gold: GoldEvent, claim: Claim) -> bool:
    """The claim's target overlaps the coder's words and, where the coder fixed ISO dates, has
    them; no target on either side is right only when both give none."""
    if not gold.target or not claim.target_text:
        return not gold.target and not claim.target_text
    a, b = _span(text, gold.target), _span(text, claim.target_text)
    if a is None or b is None or not (a[0] < b[1] and b[0] < a[1]):
        return False
    if gold.target_start is not None:
        return (claim.target_start, claim.target_end) == (gold.target_start, gold.target_end)
    return True


@dataclass
class Tally:
    sentences: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    targets: int = 0  # matched events where the coder or the claim gives a target
    targets_right: int = 0

    def add(self, text: str, gold: dict[Unit, GoldEvent], found: dict[Unit, Claim]) -> None:
        self.sentences += 1
        self.tp += len(gold.keys() & found.keys())
        self.fp += len(found.keys() - gold.keys())
        self.fn += len(gold.keys() - found.keys())
        for unit in gold.keys() & found.keys():
            g, c = gold[unit], found[unit]
            if g.target or c.target_text:
                self.targets += 1
                self.targets_right += target_right(text, g, c)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else float("nan")


COLUMNS = [
    "split",
    "sentences",
    "gold_events",
    "claims",
    "tp",
    "fp",
    "fn",
    "precision",
    "recall",
    "targets",
    "targets_right",
    "target_accuracy",
]


def sentence_claims(gold: list[GoldSentence], found: Found) -> dict[str, list[Claim]]:
    """The claims of each gold sentence, by the gold's sentence id."""
    aligned = align(gold, found.texts)
    return {s.sentence_id: found.claims.get(aligned.get(s.sentence_id, ""), []) for s in gold}


def score(gold: list[GoldSentence], found: Found, focus: tuple[str, str]) -> pd.DataFrame:
    """One row per split (development, heldout): counts, precision, recall, target accuracy, over
    the gold sentences of the articles in `found`."""
    files = found.files
    gold = [s for s in gold if s.file in files]
    claims = sentence_claims(gold, found)
    tallies: dict[str, Tally] = {}
    for s in gold:
        tally = tallies.setdefault(s.half, Tally())
        tally.add(s.text, gold_units(s, focus), claim_units(claims[s.sentence_id]))
    rows = [
        [
            half,
            t.sentences,
            t.tp + t.fn,
            t.tp + t.fp,
            t.tp,
            t.fp,
            t.fn,
            _ratio(t.tp, t.tp + t.fp),
            _ratio(t.tp, t.tp + t.fn),
            t.targets,
            t.targets_right,
            _ratio(t.targets_right, t.targets),
        ]
        for half, t in sorted(tallies.items())
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


# Reading the gold's articles --------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """The claims of the gold's articles by sentence id, and each sentence's text by id."""

    claims: dict[str, list[Claim]]
    texts: dict[str, str]

    def joined(self, other: Found) -> Found:
        return Found({**self.claims, **other.claims}, {**self.texts, **other.texts})

    @property
    def files(self) -> set[str]:
        return {key.split("#", 1)[0] for key in self.texts}


def gold_claims(
    article_dirs: Iterable[Path], context: Context, rules: ClaimRules, built: date
) -> Found:
    """Claims of every article in the folders, by sentence id ("<file>#<paragraph>.<sentence>")."""
    from newsbrief.dating.stage import date_articles, find_article_timexes
    from newsbrief.ingest.files import read_corpus
    from newsbrief.ingest.outlets import load_outlets
    from newsbrief.ingest.rules import load_ingest_rules

    found = Found({}, {})
    for folder in article_dirs:
        corpus = read_corpus(
            folder, load_ingest_rules(), context.gazetteer_names, load_outlets(), built
        )
        dates = date_articles(corpus, context, built)
        timexes = find_article_timexes(corpus, dates)
        found = found.joined(
            corpus_found(
                corpus.articles, extract_claims(corpus.articles, dates, timexes, context, rules)
            )
        )
    return found


def corpus_found(articles: Iterable[Article], claims: Iterable[Claim]) -> Found:
    """The claims and sentences of a corpus, by sentence id."""
    files = {a.article_id: Path(a.path).name for a in articles}
    texts = {
        f"{files[a.article_id]}#{s.paragraph}.{s.sentence}": s.text
        for a in articles
        for s in a.sentences
    }
    by_sentence: dict[str, list[Claim]] = {}
    for c in claims:
        by_sentence.setdefault(f"{files[c.article_id]}#{c.paragraph}.{c.sentence}", []).append(c)
    return Found(by_sentence, texts)


def align(gold: list[GoldSentence], texts: dict[str, str]) -> dict[str, str]:
    """The package's sentence for each gold sentence: the one with the same id and text, else the
    sentence of the same file whose text the coder's contains (the coder's copy kept datelines,
    "ISLAMABAD: ...", that ingest takes off, which shifts a few ids)."""
    by_file: dict[str, list[tuple[str, str]]] = {}
    for key, text in texts.items():
        by_file.setdefault(key.split("#", 1)[0], []).append((key, text))
    out: dict[str, str] = {}
    for s in gold:
        if texts.get(s.sentence_id) == s.text:
            out[s.sentence_id] = s.sentence_id
            continue
        inside = [k for k, t in by_file.get(s.file, []) if len(t) > 20 and t in s.text]
        if inside:
            out[s.sentence_id] = max(inside, key=lambda k: len(texts[k]))
    return out


def evaluate(paths: Paths, articles: list[Article], claims: list[Claim]) -> pd.DataFrame:
    """The claims' accuracy on the gold (`paths.claims_gold`): its published articles
    (`paths.gold_articles`) read here, the seeds' claims as the build read them. Only sentences of
    articles present count; an empty table when the gold is not there."""
    gold = load_gold(paths.claims_gold)
    if not gold:
        return pd.DataFrame(columns=COLUMNS)
    context, rules = load_context(), load_claim_rules(CLAIM_RULES)
    built = build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    published = [folder for folder in paths.gold_articles if folder.is_dir()]
    found = gold_claims(published, context, rules, built).joined(corpus_found(articles, claims))
    return score(gold, found, rules.focus)
