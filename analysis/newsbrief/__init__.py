"""newsbrief: news articles in, a cited and consistency-checked policy brief out.

Each module is one stage or concept of the flow in DESIGN.md; notebooks and the CLI call them.
"""

__version__ = "0.1.0"
