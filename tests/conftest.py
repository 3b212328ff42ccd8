"""Shared fixtures: one full build of the real seeds in a scratch copy of the project."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsbrief.core import provenance

ROOT = Path(__file__).resolve().parent.parent


def copy_project(target: Path) -> Path:
    """The tracked inputs of the project, without build outputs, as a fresh clone would have."""
    return provenance.copy_project(ROOT, target)


def run_make(
    project: Path, *targets: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """`make` in `project` with this interpreter's environment as VENV (no second install)."""
    venv = Path(sys.prefix)
    return subprocess.run(
        ["make", f"VENV={venv}", *targets],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=900,
    )


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("build") / "project")
    result = run_make(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project
