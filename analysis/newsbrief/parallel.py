"""Both cores for the per-article work: ingest, dating, time expressions, themes, claims, copy
shingling and the name-variant scan. Called by those stages: a stage function runs on chunks of
the corpus in forked workers, and the chunk results come back in corpus order, so the output is
the same as a serial run, byte for byte.

Small corpora (the usual brief) run serially: forking costs more than it saves below PARALLEL_FROM
items. Workers are forked, not spawned, so they inherit the loaded rules and the corpus itself;
only chunk bounds go out and only results come back. Where fork is unavailable (Windows, macOS
defaults aside) everything runs serially. NEWSBRIEF_WORKERS=1 forces a serial run.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 2000  # items (articles or sentences) below which a stage runs serially
CHUNKS_PER_WORKER = 4  # several chunks each, so one slow chunk does not leave a core idle

# What the forked workers read: the function, the items and the extra arguments of the current call.
_job: tuple[Callable[..., Any], Sequence[Any], tuple[Any, ...]] | None = None


def workers() -> int:
    """How many processes a stage may use: NEWSBRIEF_WORKERS, else the machine's cores (at most 2
    are ever useful here: the project's machines have two)."""
    configured = os.environ.get("NEWSBRIEF_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return min(os.cpu_count() or 1, 2)


def _run_chunk(bounds: tuple[int, int]) -> Any:
    assert _job is not None
    function, items, args = _job
    return function(items[bounds[0]:bounds[1]], *args)


def map_chunks(function: Callable[..., R], items: Sequence[T], *args: Any) -> list[R]:
    """`function(chunk, *args)` for consecutive chunks of `items`, results in order. `function`
    must be a module-level function (it is named, not pickled, for the workers)."""
    global _job
    n = workers()
    if n < 2 or len(items) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [function(items, *args)]
    chunks = n * CHUNKS_PER_WORKER
    edges = [len(items) * i // chunks for i in range(chunks + 1)]
    _job = (function, items, args)
    # Frozen objects are skipped by the garbage collector: the workers then never scan (and so never
    # copy, page by page) the corpus they inherit, and the parent's collections skip it meanwhile.
    # The results unpickled here are plain data without reference cycles: collecting while they
    # arrive would only rescan them, so the collector waits until they are all in. The workers,
    # forked meanwhile, inherit that: they too build only acyclic results (worker memory at
    # 100,000 articles is unchanged by it, benchmarks/results.md).
    gc.freeze()
    collecting = gc.isenabled()
    gc.disable()
    try:
        with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run_chunk, zip(edges, edges[1:])))
    finally:
        if collecting:
            gc.enable()
        gc.unfreeze()
        _job = None


__all__ = ["PARALLEL_FROM", "map_chunks", "workers"]
