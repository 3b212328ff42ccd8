"""Where a build reads and writes: the project's folders and the analysis' data files.

Every stage starts from `Paths.at(root)`; the data files' locations are named once, here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ANALYSIS = Path(__file__).resolve().parents[2]
CODEBOOK = ANALYSIS / "codebook.yml"
CLAIM_RULES = ANALYSIS / "claim_rules.yml"
INGEST_RULES = ANALYSIS / "ingest.yml"
CONTEXT_DIR = ANALYSIS / "context"
VALIDATION_DIR = ANALYSIS / "validation"


@dataclass(frozen=True)
class Paths:
    """A build's folders; every notebook starts from `Paths.at(Path.cwd())`."""

    root: Path

    @classmethod
    def at(cls, root: Path) -> Paths:
        return cls(root=root.resolve())

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def data(self) -> Path:
        return self.root / "build" / "data"

    @property
    def generated(self) -> Path:
        return self.root / "report" / "_generated"

    @property
    def realistic(self) -> Path:
        """The realistic development corpus: articles in real outlets' formats (tests/fixtures)."""
        return self.root / "tests" / "fixtures" / "realistic"

    @property
    def gold(self) -> Path:
        """An independent coder's gold labels for the realistic corpus, and their guides."""
        return self.root / "tests" / "fixtures" / "gold"

    @property
    def claims_gold(self) -> Path:
        """The independent coder's claims gold (claims/evaluation.py reads it when present)."""
        return self.root / "tests" / "fixtures" / "gold"

    @property
    def gold_articles(self) -> tuple[Path, ...]:
        """The published articles the claims gold labels, beside the seeds: the realistic corpus,
        and fresh sets written and coded after the first held-out half had been seen."""
        fixtures = self.root / "tests" / "fixtures"
        return (fixtures / "realistic", fixtures / "fresh", fixtures / "fresh3")

    @property
    def validation(self) -> Path:
        return self.root / "analysis" / "validation" / "hand_codes.csv"
