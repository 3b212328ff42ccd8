"""The DataTables include: the bundle stands inside <script> without ending it early, and a
script the escaping cannot make safe is refused with a message, not embedded."""

from __future__ import annotations

import re

import pytest

from newsbrief.core.errors import InputError
from newsbrief.render.interactive import include_html, script_text

HAZARD = re.compile(r"<(!--|/?script)", re.IGNORECASE)


def test_markup_inside_a_script_can_no_longer_end_or_confuse_it():
    source = 'const a = "</script><!-- <SCRIPT>"; const b = /<script\\b[^<]*<\\/script>/i;'
    safe = script_text(source, "x.js")
    assert not HAZARD.search(safe)
    # Only the `<` that the HTML parser reads changes, to an escape JavaScript reads as `<`.
    assert safe.replace("\\x3C", "<") == source


def test_markup_after_a_backslash_is_refused():
    with pytest.raises(InputError, match=r"x\.js: .*after a backslash"):
        script_text('const a = "\\<script>";', "x.js")


def test_the_include_holds_one_style_and_two_scripts_whole():
    page = include_html()
    bodies = re.findall(r"<script[^>]*>(.*?)</script>", page, re.DOTALL)
    assert len(bodies) == 2 and page.count("</script>") == 2
    assert all(not HAZARD.search(body) for body in bodies)
    assert page.count("<style>") == page.count("</style>") == 1
    assert 'id="datatables-bundle"' in page and "export{" in bodies[0]
