"""Report: tables, figures, citations and escaping for the brief's generated includes."""

from newsbrief.report.stage import ReportInputs, run

__all__ = ["ReportInputs", "run"]
