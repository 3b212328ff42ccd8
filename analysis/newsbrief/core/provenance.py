"""Provenance: a manifest of every input's SHA-256 and the tool versions, and rebuild verification.

The brief prints the seed hashes and the manifest's digest, so a reader can check what it
follows from.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import platform
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

INPUT_GLOBS = (
    "seeds/*.txt",
    "seeds/*.html",
    "seeds/*.htm",
    "seeds/catalog.yml",
    "analysis/codebook.yml",
    "analysis/claim_rules.yml",
    "analysis/ingest.yml",
    "analysis/context/*.yml",
    "analysis/validation/*.csv",
    "analysis/validation/*.yml",
    "tests/fixtures/realistic/*",  # scored for the brief's metadata accuracy
    "tests/fixtures/fresh/*",  # scored for the claims' accuracy on fresh held-out sets
    "tests/fixtures/fresh3/*",
    "tests/fixtures/gold/*.yml",
    "tests/fixtures/gold/claim*",
    "analysis/newsbrief/**/*.py",
    "analysis/newsbrief/render/assets/*",
    "analysis/*.ipynb",
    "report/brief.qmd",
    "report/_quarto.yml",
    "report/style.css",
    "report/*.lua",
    "requirements.txt",
)
# The claims gold and the published articles it labels are inputs of the brief's methods section
# (build/data/claims_accuracy.csv), so a fresh copy has them too.
PROJECT_FILES = (
    "Makefile",
    "requirements-pip.txt",
    "requirements.txt",
    "pyproject.toml",
    "seeds",
    "analysis",
    "report",
    "tests/fixtures",  # the realistic corpus and gold that the brief's accuracy figures come from
)
COMPARED = ("build/data", "report/_generated")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_files(root: Path) -> list[Path]:
    found = {p for pattern in INPUT_GLOBS for p in root.glob(pattern) if p.is_file()}
    return sorted(p for p in found if "__pycache__" not in p.parts)


def manifest(root: Path, versions: dict[str, str]) -> dict[str, Any]:
    files = {p.relative_to(root).as_posix(): sha256_file(p) for p in input_files(root)}
    return {"files": files, "tools": versions}


def digest(data: dict[str, Any]) -> str:
    """The manifest's own fingerprint: SHA-256 of its canonical JSON."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _compare_trees(left: Path, right: Path) -> list[str]:
    differences = []
    left_files = (
        {p.relative_to(left) for p in left.rglob("*") if p.is_file()} if left.exists() else set()
    )
    right_files = (
        {p.relative_to(right) for p in right.rglob("*") if p.is_file()} if right.exists() else set()
    )
    for missing in sorted(left_files ^ right_files):
        differences.append(f"{missing}: present in only one build")
    for common in sorted(left_files & right_files):
        if not filecmp.cmp(left / common, right / common, shallow=False):
            differences.append(f"{common}: differs")
    return differences


def copy_project(root: Path, target: Path) -> Path:
    """The project's inputs as a fresh clone has them (no build outputs), copied to `target`."""
    target.mkdir(parents=True, exist_ok=True)
    # Build outputs, caches, and what Quarto leaves in report/ (.quarto/ and its .gitignore).
    ignore = shutil.ignore_patterns(
        "_output",
        "_generated",
        ".quarto",
        ".gitignore",
        "__pycache__",
        "*.pyc",
        ".ipynb_checkpoints",
        "_work",
    )
    for name in PROJECT_FILES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


def verify(root: Path) -> list[str]:
    """Rebuild the project in a temporary copy and compare data, includes, HTML and PDF byte for
    byte (the PDF is stable because the Makefile fixes SOURCE_DATE_EPOCH)."""
    with tempfile.TemporaryDirectory(prefix="newsbrief-verify-") as scratch:
        copy = copy_project(root, Path(scratch) / "project")
        result = subprocess.run(
            ["make", f"VENV={sys.prefix}", "--no-print-directory"],
            cwd=copy,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            return [f"the rebuild failed: {result.stderr.strip() or result.stdout.strip()}"]
        differences = []
        for tree in COMPARED:
            differences += [f"{tree}/{d}" for d in _compare_trees(root / tree, copy / tree)]
        for output in (Path("report/_output/brief.html"), Path("report/_output/brief.pdf")):
            if not (root / output).exists():
                differences.append(f"{output}: missing in the current build (run make first)")
            elif not filecmp.cmp(root / output, copy / output, shallow=False):
                differences.append(f"{output}: differs")
        return differences


def build_date(epoch: str | None) -> date:
    """The build's date from SOURCE_DATE_EPOCH, so two builds of one commit print the same date."""
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return datetime.now(tz=UTC).date()


def software_versions() -> dict[str, str]:
    """Versions of the tools that shaped the outputs, for the methods section and the manifest."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"Python": platform.python_version()}
    for name in (
        "pandas",
        "numpy",
        "dateparser",
        "krippendorff",
        "matplotlib",
        "PyYAML",
        "nbclient",
        "pypandoc-binary",
        "typst",
    ):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    try:
        import pypandoc

        found["Pandoc"] = pypandoc.get_pandoc_version()
    except (ImportError, OSError):
        found["Pandoc"] = "not found"
    quarto = shutil.which("quarto")
    if quarto:
        done = subprocess.run([quarto, "--version"], capture_output=True, text=True)
        found["Quarto"] = done.stdout.strip() or "unknown"
    else:
        found["Quarto"] = "not installed (offline renderer used)"
    return found
