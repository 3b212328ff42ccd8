"""Themes: codebook coding of every sentence, validated against hand coders."""

from newsbrief.themes.stage import Themed, run, validation_headline

__all__ = ["Themed", "run", "validation_headline"]
