"""Claims: commitments and events read from the sentences, and near-copied paragraphs."""

from newsbrief.claims.stage import Claimed, run

__all__ = ["Claimed", "run"]
