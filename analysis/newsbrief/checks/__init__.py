"""Checks: slippage, late delivery, conflicts, copies, names, undated sources; the tracker."""

from newsbrief.checks.stage import Checked, run

__all__ = ["Checked", "run"]
