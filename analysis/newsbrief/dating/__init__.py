"""Dating: publication dates and bounds, time expressions, and the cited context facts."""

from newsbrief.dating import accuracy
from newsbrief.dating.context import Context, load_context
from newsbrief.dating.stage import Dated, run

__all__ = ["Context", "Dated", "accuracy", "load_context", "run"]
