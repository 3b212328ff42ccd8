"""The artifact contract: one declared schema per table under build/data/, for writing and reading.

A stage writes a table through its schema (the columns, in order, and their types) and a later
stage reads it back through the same schema, so a column cannot be dropped or retyped silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from newsbrief.core.errors import InputError
from newsbrief.core.store import write_text

# How each type is kept in the CSV: text as it is, ints in decimal, dates in ISO (empty when
# unknown), flags as yes/no, lists joined by ";", floats as written by the producer.
DTYPES = ("str", "int", "date", "flag", "list", "float", "json")


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table read back through its schema, its cells typed by the schema."""

    cells: dict[str, Any]

    def text(self, name: str) -> str:
        return str(self.cells[name])

    def number(self, name: str) -> int:
        return int(self.cells[name])

    def has(self, name: str) -> bool:
        """True when the row has the column and its cell is text (not a missing value)."""
        return isinstance(self.cells.get(name), str)

    def optional(self, name: str) -> str:
        """A text cell, or '' when the column is absent or the cell is not text (missing)."""
        value = self.cells.get(name)
        return value if isinstance(value, str) else ""


def records(frame: pd.DataFrame) -> list[Row]:
    """A frame's rows, in order, as typed rows (what `Schema.rows` gives for a table on disk)."""
    return [Row({str(k): v for k, v in r.items()}) for r in frame.to_dict("records")]


@dataclass(frozen=True)
class Schema:
    """A table's name (its file is build/data/<name>.csv) and its columns with their types."""

    name: str
    columns: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        bad = [f"{n}: {t}" for n, t in self.columns if t not in DTYPES]
        if bad:
            raise ValueError(f"{self.name}: unknown column types {bad}")

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self.columns]

    def path(self, data: Path) -> Path:
        return data / f"{self.name}.csv"

    def frame(self, rows: list[dict[str, Any]]) -> pd.DataFrame:
        """Rows (dicts of already-encoded cells) as a frame with exactly this schema's columns."""
        return pd.DataFrame(rows, columns=self.names)

    def write(self, frame: pd.DataFrame, data: Path) -> Path:
        if list(frame.columns) != self.names:
            raise ValueError(
                f"{self.name}: columns {list(frame.columns)} are not the schema's {self.names}"
            )
        return write_text(self.path(data), frame.to_csv(index=False, lineterminator="\n"))

    def read(self, data: Path) -> pd.DataFrame:
        """The table as written: text cells as text ('' when empty), int columns as ints."""
        path = self.path(data)
        if not path.exists():
            raise InputError(path, "is missing", "run `make` to build the stages before this one")
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        if list(table.columns) != self.names:
            raise InputError(
                path,
                f"has columns {list(table.columns)}, not {self.names}",
                "it was written by another version of the package: run `make clean` and `make`",
            )
        for name, kind in self.columns:
            if kind == "int" and len(table):
                table[name] = table[name].astype(int)
        return table

    def rows(self, data: Path) -> list[Row]:
        """The table as written, row by row (ints as ints, every other cell as text)."""
        return records(self.read(data))


def iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def from_iso(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def joined(values: Any) -> str:
    return ";".join(str(v) for v in values)


def split(cell: str) -> tuple[str, ...]:
    return tuple(cell.split(";")) if cell else ()


def flag(value: bool) -> str:
    return "yes" if value else "no"


S, N, D, F, L = "str", "int", "date", "flag", "list"  # text, number, date, flag, list

ARTICLES = Schema(
    "articles",
    (
        ("article_id", S),
        ("citekey", S),
        ("outlet", S),
        ("title", S),
        ("date", D),
        ("date_min", D),
        ("date_max", D),
        ("date_basis", S),
        ("date_evidence", S),
        ("sha256", S),
        ("url", S),
        ("place", S),
        ("catalogued", F),
        ("paragraphs", N),
        ("sentences", N),
        ("path", S),
        # What ingest read from the header and the catalog, kept so a later stage loses nothing.
        ("header_date", D),
        ("header_basis", S),
        ("header_evidence", S),
        ("catalog_date", D),
        ("dateline_start", S),
        ("dateline_end", S),
        # Where the analysed text is (a saved page's is extracted into build/texts/), the
        # dateline's paragraph, and how title and outlet are known.
        ("dateline_paragraph", N),
        ("text_path", S),
        ("title_source", S),
        ("outlet_source", S),
    ),
)
SENTENCES = Schema(
    "sentences",
    (
        ("article_id", S),
        ("paragraph", N),
        ("sentence", N),
        ("start", N),
        ("end", N),
        ("boilerplate", F),
        ("text", S),
    ),
)
TIMEX = Schema(
    "timex",
    (
        ("article_id", S),
        ("paragraph", N),
        ("sentence", N),
        ("text", S),
        ("start", D),
        ("end", D),
        ("granularity", S),
        ("direction", S),
        ("char_start", N),
        ("char_end", N),
        ("approximate", "flag"),
    ),
)
NOTES = Schema("ingest_notes", (("article_id", S), ("note", S)))
CODES = Schema(
    "codes", (("article_id", S), ("paragraph", N), ("sentence", N), ("theme", S), ("term", S))
)
VALIDATION = Schema(
    "validation",
    (
        ("split", S),
        ("theme", S),
        ("units", N),
        ("tp", N),
        ("fp", N),
        ("fn", N),
        ("precision", "float"),
        ("recall", "float"),
        ("f1", "float"),
        ("alpha", "float"),
        ("reference", S),
        ("who", S),
        ("blind", S),
        ("caveat", S),
    ),
)
METADATA_ACCURACY = Schema(
    "metadata_accuracy",
    (
        ("half", S),  # development | heldout
        ("measure", S),  # date | headline | outlet | contradiction_noted
        ("right", N),
        ("total", N),
        ("share", "float"),
        ("target", "float"),
        ("misses", S),  # the files it got wrong, for whoever tunes next (development only)
    ),
)
INTERCODER = Schema(
    "intercoder", (("theme", S), ("units", N), ("agreement", "float"), ("alpha", "float"))
)
CLAIMS = Schema(
    "claims",
    (
        ("claim_id", S),
        ("article_id", S),
        ("paragraph", N),
        ("sentence", N),
        ("event", S),
        ("country_event", S),
        ("kind", S),
        ("status", S),
        ("target_start", D),
        ("target_end", D),
        ("target_text", S),
        ("actors", L),
        ("figures", L),
        ("quote", S),
        # The states taking part; only events of both focus countries are in scope (the checks
        # and the tracker read no others).
        ("participants", L),
        ("in_scope", F),
        ("target_approximate", F),  # an undated article's relative target, over its date bounds
        ("recalled", F),  # a promise whose date had passed when the article appeared
    ),
)
# The claims measured against the independent coder's gold (claims/evaluation.py), one row per
# split; empty when the gold is not in the project.
CLAIMS_ACCURACY = Schema(
    "claims_accuracy",
    (
        ("split", S),
        ("sentences", N),
        ("gold_events", N),
        ("claims", N),
        ("tp", N),
        ("fp", N),
        ("fn", N),
        ("precision", "float"),
        ("recall", "float"),
        ("targets", N),
        ("targets_right", N),
        ("target_accuracy", "float"),
    ),
)
COPIES = Schema(
    "copies",
    (
        ("article_a", S),
        ("paragraph_a", N),
        ("article_b", S),
        ("paragraph_b", N),
        ("similarity", "float"),
        ("text_a", S),
        ("text_b", S),
    ),
)
FINDINGS = Schema(
    "findings",
    (
        ("finding_id", S),
        ("check", S),
        ("event", S),
        ("article_ids", L),
        ("summary", S),
        ("claim_ids", L),
        ("days", S),
        ("evidence", "json"),
    ),
)
TRACKER = Schema(
    "tracker",
    (
        ("event", S),
        ("kind", S),
        ("label", S),
        ("first_article", S),
        ("first_date", D),
        ("first_when", S),
        ("target_start", D),
        ("target_end", D),
        ("target_text", S),
        ("mentions", S),
        ("verdict", S),
        ("done_date", D),
    ),
)
