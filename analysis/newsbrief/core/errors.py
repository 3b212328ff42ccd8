"""The one exception type the build reports to the user without a traceback.

Raised where input is bad; the CLI and the notebook runner print its message and exit non-zero.
"""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: names the file, the line where there is one, what is wrong and how to fix it."""

    def __init__(self, path: str | Path, problem: str, fix: str, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}. Fix: {fix}")

    def __reduce__(self) -> tuple[type, tuple[str, str, str, int | None]]:
        # Raised in a worker process, it must cross back intact (Exception pickles only args).
        return (InputError, (self.path, self.problem, self.fix, self.line))
