"""newsbrief: news articles in, a cited and consistency-checked policy brief out.

One subpackage per stage of the flow in docs/ARCHITECTURE.md; notebooks and the CLI call them.
"""

__version__ = "0.1.0"
