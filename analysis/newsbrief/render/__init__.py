"""Render: the brief through Quarto when it is installed, else the offline Pandoc/Typst path."""

from newsbrief.render.engine import render

__all__ = ["render"]
