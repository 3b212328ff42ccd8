"""Escaping of article text placed into the brief's Markdown, so it prints literally everywhere.

Pandoc then escapes for HTML and Typst itself; Markdown is the one layer we must neutralise.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in Pandoc Markdown, and escaping all
# of them also stops smart-quote, dash and ellipsis rewriting, so a quote stays verbatim.
_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
_SPACE = re.compile(r"\s+")


def md_text(text: str) -> str:
    """Inline Markdown that renders as exactly `text` (whitespace runs folded to one space)."""
    return _PUNCTUATION.sub(r"\\\1", _SPACE.sub(" ", text).strip())


def md_quote(text: str) -> str:
    """`text` in typographic quotation marks, escaped."""
    return f"“{md_text(text)}”"


def cite(*citekeys: str) -> str:
    """A Pandoc/Quarto parenthetical citation of one or more articles."""
    keys = sorted(dict.fromkeys(k for k in citekeys if k))
    return "[" + "; ".join(f"@{k}" for k in keys) + "]" if keys else ""


def md_table(
    header: list[str],
    rows: list[list[str]],
    align: list[str] | None = None,
    widths: list[int] | None = None,
) -> str:
    """A pipe table from cells that are already Markdown (escape text cells with md_text).
    `widths` are the columns' relative widths: Pandoc reads them from the dashes of the rule under
    the header when a row is longer than a line, and otherwise gives every column the same."""
    align = align or ["l"] * len(header)
    dashes = widths or [1] * len(header)
    rule = {"l": ":{}", "r": "{}:", "c": ":{}:"}
    lines = [
        "| " + " | ".join(header) + " |",
        "|"
        + "|".join(rule[a].format("-" * max(2, d)) for a, d in zip(align, dashes, strict=True))
        + "|",
    ]
    lines += ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def searchable_table(table: str) -> str:
    """A Markdown table that the HTML brief makes searchable, sortable and filterable (the
    wrapper is raw HTML, so the PDF prints the plain table; render/assets/tables.js does the rest)."""
    return (
        '```{=html}\n<div class="searchable-table">\n```\n\n'
        + table
        + "\n```{=html}\n</div>\n```\n"
    )
