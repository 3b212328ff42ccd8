"""The HTML brief's interactive tables: DataTables from itables' offline bundle, embedded once.

Writes report/_generated/datatables.html, which brief.qmd includes after the body under Quarto and
the offline renderer alike; the PDF never sees it.
"""

from __future__ import annotations

import re
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from newsbrief.core.errors import InputError
from newsbrief.core.store import write_text

ASSETS = Path(__file__).resolve().parent / "assets"
INCLUDE = "datatables.html"
# Inside <script> the HTML parser ends the element or changes state only at `<!--`, `<script` and
# `</script`; JavaScript reads `\x3C` as `<` in the strings and regular expressions where the
# bundle has them (after a backslash it would not: those are left, and refused below).
_SCRIPT_HAZARD = re.compile(r"(?<!\\)<(?=!--|/?script)", re.IGNORECASE)
_LEFT_HAZARD = re.compile(r"<(!--|/?script)", re.IGNORECASE)
_STYLE_END = re.compile(r"</style", re.IGNORECASE)
_PIN = "use the itables version pinned in requirements.txt"


def _bundle_file(name: str) -> Traversable:
    return resources.files("itables") / "html" / name


def script_text(javascript: str, origin: str) -> str:
    """JavaScript that can stand inside a <script> element and still mean the same."""
    text = _SCRIPT_HAZARD.sub(r"\\x3C", javascript)
    if _LEFT_HAZARD.search(text):
        raise InputError(origin, "has '<!--' or '<script' after a backslash", _PIN)
    return text


def style_text(css: str, origin: str) -> str:
    if _STYLE_END.search(css):
        raise InputError(origin, "contains '</style', which would end its element early", _PIN)
    return css


def include_html() -> str:
    """The bundle as an inert script (read by tables.js, never run as it stands), its CSS, and
    tables.js, which turns every table inside `div.searchable-table` into a DataTable."""
    js, css, init = (
        _bundle_file("dt_bundle.js"),
        _bundle_file("dt_bundle.css"),
        ASSETS / "tables.js",
    )
    return (
        f"<style>\n{style_text(css.read_text(encoding='utf-8'), str(css))}\n</style>\n"
        '<script type="text/plain" id="datatables-bundle">\n'
        f"{script_text(js.read_text(encoding='utf-8'), str(js))}\n</script>\n"
        f"<script>\n{script_text(init.read_text(encoding='utf-8'), str(init))}</script>\n"
    )


def write_include(generated: Path) -> Path:
    return write_text(generated / INCLUDE, include_html())
