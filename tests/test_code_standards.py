"""The code's own standards, as the issue tracker states them: no function of the package above
cyclomatic complexity 15 (radon's count), so every function stays readable on its own."""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit

PACKAGE = Path(__file__).resolve().parents[1] / "analysis" / "newsbrief"
MOST = 15


def _blocks(blocks):
    for block in blocks:
        yield block
        yield from _blocks(getattr(block, "methods", []) + getattr(block, "closures", []))


def test_no_function_of_the_package_is_above_complexity_15():
    too_complex = [
        f"{path.relative_to(PACKAGE)}:{block.lineno} {block.name} ({block.complexity})"
        for path in sorted(PACKAGE.rglob("*.py"))
        for block in _blocks(cc_visit(path.read_text(encoding="utf-8")))
        if block.complexity > MOST
    ]
    assert too_complex == []


def test_every_notebook_validates_without_warnings():
    import warnings

    import nbformat

    for path in sorted((Path(__file__).parents[1] / "analysis").glob("*.ipynb")):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. a cell without an id, which nbformat warns of
            nbformat.validate(nbformat.read(path, as_version=4))
