"""Where the per-article work runs (ingest, dating, time expressions, themes, claims, copy
shingling, the name-variant scan): on Dask, over contiguous partitions of the corpus.

A stage calls `map_chunks(function, items, *args)`: `function(partition, *args)` runs once per
partition and the results come back in corpus order, so the output is the same wherever it ran,
byte for byte. Where it runs:

- On an existing dask.distributed cluster when one is named: the environment variable
  `NEWSBRIEF_SCHEDULER=tcp://host:port`, else the key `scheduler: tcp://host:port` in the config
  file (the YAML file that `NEWSBRIEF_CONFIG` names, else `newsbrief.yml` at the project root, if
  there is one; `scheduler` is its only key). Every call goes there, whatever the corpus size;
  the workers must be able to import the package. An address that cannot be reached is an
  InputError. The extra arguments go to each worker once (scattered, broadcast).
- Otherwise in this process, synchronously, as one partition, below PARALLEL_FROM items (the
  usual brief of a few dozen articles starts no process) or when `NEWSBRIEF_WORKERS=1`.
- Otherwise on Dask's multiprocessing scheduler, one forked worker process per CPU this process
  may use (`NEWSBRIEF_WORKERS=N` sets N), PARTITIONS_PER_WORKER partitions each. The workers are
  forked for the call and inherit its items and arguments in memory; a task carries only its
  partition's bounds and only the results are pickled back. Measured at 10,000 articles on two
  cores (benchmarks/results.md): 22.4 s for the analysis without issue 21's parse, against 26.2 s
  when each partition was pickled to its worker, and 142 s on a LocalCluster of two processes,
  whose per-call scatter of the corpus to the workers took most of it.

A call that runs longer than PROGRESS_AFTER seconds shows a progress bar on stderr when stderr is
a terminal (Dask's ProgressBar; tqdm over the futures on a cluster); otherwise it is quiet.
"""

from __future__ import annotations

import contextlib
import difflib
import itertools
import os
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from newsbrief.core.errors import InputError
from newsbrief.core.paths import ANALYSIS

T = TypeVar("T")
R = TypeVar("R")

# Items (articles or sentences) below which a call runs in this process: starting the cluster
# and moving the corpus to it cost more than two processes save (benchmarks/results.md).
PARALLEL_FROM = 2000
PARTITIONS_PER_WORKER = 4  # a slow partition leaves the other workers a few to take meanwhile
PROGRESS_AFTER = 2.0  # seconds a stage runs before its progress bar appears
CONNECT_TIMEOUT = "10s"  # how long a named scheduler may take to answer
CONFIG_FILE = ANALYSIS.parent / "newsbrief.yml"
_CONFIG_KEYS = ("scheduler",)


def workers() -> int:
    """Processes a large corpus runs on: NEWSBRIEF_WORKERS, else the CPUs this process may use."""
    configured = os.environ.get("NEWSBRIEF_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def scheduler_address() -> str:
    """The dask.distributed scheduler to run on, or "" for none: NEWSBRIEF_SCHEDULER, else the
    config file's `scheduler` key."""
    address = os.environ.get("NEWSBRIEF_SCHEDULER", "").strip()
    if address:
        return address
    named = os.environ.get("NEWSBRIEF_CONFIG", "")
    path = Path(named) if named else CONFIG_FILE
    if not named and not path.exists():
        return ""
    return str(_config(path).get("scheduler", "")).strip()


def _config(path: Path) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise InputError(
            path, f"cannot be read as YAML ({err})", "fix or remove the file"
        ) from None
    if not isinstance(loaded, dict):
        raise InputError(path, "is not a mapping of keys to values", "write `scheduler: ADDRESS`")
    for key in loaded:
        if key not in _CONFIG_KEYS:
            close = difflib.get_close_matches(str(key), _CONFIG_KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise InputError(
                path, f"unknown field '{key}'{hint}", f"use only: {', '.join(_CONFIG_KEYS)}"
            )
    return loaded


def map_chunks(
    function: Callable[..., R], items: Sequence[T], *args: Any, size: int | None = None
) -> list[R]:
    """`function(partition, *args)` for consecutive partitions of `items`, results in order.
    `function` must be a module-level function (the workers import it by name). `size` is how
    much work the items stand for, in PARALLEL_FROM's units, when an item is far from one (the
    claims parse sentences: a thousand articles are twenty thousand sentences)."""
    address = scheduler_address()
    work = len(items) if size is None else size
    if not address and (workers() < 2 or work < PARALLEL_FROM):
        return [function(list(items), *args)]
    if address:
        return _on_cluster(_client(address), function, list(items), args)
    return _on_local_processes(function, list(items), args, workers())


def _on_local_processes(
    function: Callable[..., R], items: list[T], args: tuple[Any, ...], processes: int
) -> list[R]:
    import uuid

    import dask.config
    from dask.base import compute
    from dask.delayed import delayed
    from dask.diagnostics.progress import ProgressBar

    run = uuid.uuid4().hex
    edges = _edges(len(items), processes * PARTITIONS_PER_WORKER)
    tasks = [
        delayed(_inherited_partition, pure=False)(run, start, stop)
        for start, stop in itertools.pairwise(edges)
    ]
    bar: contextlib.AbstractContextManager[Any] = contextlib.nullcontext()
    if sys.stderr.isatty():
        bar = ProgressBar(minimum=PROGRESS_AFTER, out=sys.stderr)  # type: ignore[no-untyped-call]
    # The workers are forked inside compute(), after this: each inherits the call's function,
    # items and arguments in its memory, so a task carries only its bounds, and only results
    # cross a pipe.
    _INHERITED[run] = (function, items, args)
    try:
        with dask.config.set({"multiprocessing.context": "fork"}), bar:
            return list(
                compute(  # type: ignore[no-untyped-call]
                    *tasks, scheduler="processes", num_workers=processes, chunksize=1
                )
            )
    finally:
        del _INHERITED[run]


# What each local call's forked workers inherit: run id -> (function, items, extra arguments).
_INHERITED: dict[str, tuple[Callable[..., Any], list[Any], tuple[Any, ...]]] = {}


def _inherited_partition(run: str, start: int, stop: int) -> Any:
    function, items, args = _INHERITED[run]
    return function(items[start:stop], *args)


def _edges(length: int, count: int) -> list[int]:
    """Bounds of `count` consecutive slices of `length` items, of nearly equal length (none
    empty)."""
    count = max(1, min(count, length))
    size, extra = divmod(length, count)
    edges = [0]
    for number in range(count):
        edges.append(edges[-1] + size + (number < extra))
    return edges


def _partitions(items: list[T], count: int) -> list[list[T]]:
    """`items` cut into `count` consecutive slices of nearly equal length (none empty)."""
    return [items[a:b] for a, b in itertools.pairwise(_edges(len(items), count))]


def _on_cluster(
    client: Any, function: Callable[..., R], items: list[T], args: tuple[Any, ...]
) -> list[R]:
    processes = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
    shared = client.scatter(list(args), broadcast=True, hash=False) if args else []
    parts = client.scatter(_partitions(items, processes * PARTITIONS_PER_WORKER), hash=False)
    futures = [client.submit(function, part, *shared, pure=False) for part in parts]
    _show_progress(futures, getattr(function, "__module__", ""))
    results: list[R] = client.gather(futures)
    client.cancel([*futures, *parts, *shared])
    return results


def _show_progress(futures: list[Any], stage: str) -> None:
    """Waits for `futures`, with a bar after PROGRESS_AFTER seconds on a terminal."""
    from distributed import as_completed
    from tqdm import tqdm

    shown = sys.stderr.isatty()
    with tqdm(
        total=len(futures), desc=stage, delay=PROGRESS_AFTER, disable=not shown, file=sys.stderr
    ) as bar:
        for _ in as_completed(futures, loop=futures[0].client.loop):  # type: ignore[no-untyped-call]
            bar.update()


@cache
def _client(address: str) -> Any:
    """A client of the cluster at `address`, one per process."""
    from distributed import Client

    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as err:
        raise InputError(
            "NEWSBRIEF_SCHEDULER" if os.environ.get("NEWSBRIEF_SCHEDULER") else "newsbrief.yml",
            f"names the dask scheduler {address}, which cannot be reached ({type(err).__name__})",
            "start the scheduler there, or unset the address to run on this machine",
        ) from None


__all__ = ["PARALLEL_FROM", "map_chunks", "scheduler_address", "workers"]
