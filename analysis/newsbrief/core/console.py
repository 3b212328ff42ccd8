"""The build's log: one line per stage, so a rebuild reads as a log.

Stages call `log`; nothing else in the package prints.
"""

from __future__ import annotations

import time


def log(stage: str, message: str, started: float) -> None:
    print(f"[{stage}] {message} ({time.perf_counter() - started:.2f} s)", flush=True)
