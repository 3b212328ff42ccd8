"""Ingest: seed files and catalog in, articles with paragraphs and sentences out."""

from newsbrief.ingest.stage import run

__all__ = ["run"]
