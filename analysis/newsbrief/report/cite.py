"""Citation data: CSL-JSON entries for every article, built from the catalog and the dating stage.

Pandoc's citeproc (and Quarto) turn these into the brief's reference list.
"""

from __future__ import annotations

from datetime import date
from typing import Any


def csl_entry(
    citekey: str,
    title: str,
    outlet: str,
    url: str,
    published: date | None,
    date_min: date | None,
    date_max: date | None,
    basis: str,
) -> dict[str, Any]:
    """One CSL-JSON item; undated articles carry their inferred bounds in a note, not as a date.
    Titles are kept as the outlet wrote them: the style's title case would change quoted text
    ("said" to "Said"), so each title is marked `nocase` for citeproc."""
    entry: dict[str, Any] = {
        "id": citekey,
        "type": "article-newspaper",
        "title": _as_written(title),
    }
    if outlet:
        entry["container-title"] = outlet
        # Chicago cites an unsigned news article by its outlet in place of an author.
        entry["author"] = [{"literal": outlet}]
    else:
        words = title.strip("[]").split()
        entry["title-short"] = _as_written(
            ("[" if title.startswith("[") else "")
            + " ".join(words[:4])
            + ("…]" if title.startswith("[") else "…")
            if len(words) > 4
            else title
        )
    if url:
        entry["URL"] = url
    if published is not None:
        entry["issued"] = {"date-parts": [[published.year, published.month, published.day]]}
    elif date_min or date_max:
        low = date_min.isoformat() if date_min else "?"
        high = date_max.isoformat() if date_max else "?"
        entry["note"] = f"Undated; publication inferred between {low} and {high}"
    else:
        entry["note"] = "Undated; publication date unknown"
    if basis == "inferred" and published is None:
        entry.setdefault("note", "Undated")
    return entry


def _as_written(title: str) -> str:
    # citeproc reads a title as CSL rich text: <span class="nocase"> keeps its case; anything else
    # in it, "<script>" included, stays literal text that each writer escapes.
    return f'<span class="nocase">{title}</span>'
