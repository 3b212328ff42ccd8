"""The I/O edge for tables: deterministic, atomic CSV and JSON writes under build/ and report/.

Every artifact goes through here so two builds from the same inputs are byte-identical.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from newsbrief.core.errors import InputError


def write_text(path: Path, text: str) -> Path:
    """Write via a temporary file and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    return write_text(path, frame.to_csv(index=False, lineterminator="\n"))


def write_json(data: Any, path: Path) -> Path:
    return write_text(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def read_csv(path: Path) -> pd.DataFrame:
    """Read an artifact back with every cell as text (empty cells as ''), as it was written."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def read_yaml(path: Path, first_key: str) -> dict[str, Any]:
    """A YAML file that must hold a mapping; bad YAML is an InputError with its line, and a file
    that is not a mapping one that says how it should start (`first_key:`)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(
            path,
            f"is not valid YAML ({err})",
            "correct the YAML syntax",
            line=None if mark is None else mark.line + 1,
        ) from None
    if not isinstance(raw, dict):
        raise InputError(path, "does not hold a mapping at the top", f"start with `{first_key}:`")
    return raw
