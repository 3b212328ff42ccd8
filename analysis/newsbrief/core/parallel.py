"""Both cores for the per-article work: ingest, dating, time expressions, themes, claims, copy
shingling and the name-variant scan. Called by those stages: a stage function runs on chunks of
the corpus in forked workers, and the chunk results come back in corpus order, so the output is
the same as a serial run, byte for byte (all at once from map_chunks, one by one as they arrive
from iter_chunks).

Small corpora (the usual brief) run serially: forking costs more than it saves below PARALLEL_FROM
items. Workers are forked, not spawned, so they inherit the loaded rules and the corpus itself;
only chunk bounds go out and only results come back; chunks have a bounded size, so a larger
corpus means more chunks, not larger ones. A stage with serial work of its own (the checks) starts
the workers with mapped_meanwhile and does that work on the core it leaves free. Where fork is
unavailable (Windows, macOS defaults aside) everything runs serially. NEWSBRIEF_WORKERS=1 forces a
serial run.

What makes millions of results cheap to make, move and keep lives here too: records built through
their slots (built_through_slots), pickled as their field values (pickled_as_fields), and pauses
of the garbage collector (collector_paused).
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import operator
import os
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 2000  # items (articles or sentences) below which a stage runs serially
CHUNKS_PER_WORKER = 4  # several chunks each at least, so one slow chunk does not leave a core idle
# Items per chunk at most (articles; a stage over sentences passes its own bound). A chunk's results
# cross back as one pickled message, whose buffers glibc maps afresh past 32 MB, the kernel zeroing
# every page on first touch; smaller ones are reused. So a large corpus gets more chunks, none
# larger than a 10,000-article corpus's: per chunk, the work and memory stay the same.
MOST_PER_CHUNK = 1_500

# What the forked workers read: the function, the items and the extra arguments of the current call.
_job: tuple[Callable[..., Any], Sequence[Any], tuple[Any, ...]] | None = None
_pauses = 0  # depth of nested collector_paused blocks


def workers() -> int:
    """How many processes a stage may use: NEWSBRIEF_WORKERS, else the machine's cores (at most 2
    are ever useful here: the project's machines have two)."""
    configured = os.environ.get("NEWSBRIEF_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return min(os.cpu_count() or 1, 2)


def chunk_edges(count: int, processes: int, most: int = MOST_PER_CHUNK) -> list[int]:
    """Where the chunks of `count` items start and end: each takes a 1/(2 x processes) share of
    the items still left, at most `most`, so the chunks shrink towards the end (guided
    scheduling). The workers finish their last chunks close together: with equal chunks, one
    worker went on with a whole one (about 1.7 s of claims at 10,000 articles) while the other
    core idled. The shrinking stops at a fifth of `most`, or at 1/(2 x CHUNKS_PER_WORKER) of a
    worker's share for small inputs, where a chunk's own cost (a task, a message) would show."""
    least = max(1, min(most // 5, count // (2 * CHUNKS_PER_WORKER * processes)))
    edges = [0]
    while edges[-1] < count:
        left = count - edges[-1]
        edges.append(edges[-1] + min(left, most, max(least, -(-left // (2 * processes)))))
    return edges


def _run_chunk(bounds: tuple[int, int]) -> Any:
    assert _job is not None
    function, items, args = _job
    return function(items[bounds[0] : bounds[1]], *args)


def map_chunks(
    function: Callable[..., R], items: Sequence[T], *args: Any, most: int = MOST_PER_CHUNK
) -> list[R]:
    """`function(chunk, *args)` for consecutive chunks of `items` (at most `most` items each when
    run in workers), results in order. `function` must be a module-level function (it is named,
    not pickled, for the workers)."""
    with _mapped(function, items, args, most, workers()) as results:
        return list(results())


def iter_chunks(
    function: Callable[..., R], items: Sequence[T], *args: Any, most: int = MOST_PER_CHUNK
) -> Iterator[R]:
    """map_chunks's chunk results one at a time, in order, each as soon as it and those before it
    are done: what the caller does with a chunk (building records from the tuples that crossed)
    overlaps the workers' work on the later ones, instead of following it on one core."""
    with _mapped(function, items, args, most, workers(), one_by_one=True) as results:
        yield from results()


def mapped_meanwhile(
    function: Callable[..., R], items: Sequence[T], *args: Any, most: int = MOST_PER_CHUNK
) -> AbstractContextManager[Callable[[], list[R]]]:
    """map_chunks started in the background: the workers run while the block does work of its own
    in this process (a stage's serial part need not wait for them, nor leave a core idle), and the
    function the block receives waits for the chunk results, in order. Serial runs compute them
    when they are first asked for. The workers are forked on entry, so they see the state then.

    The block keeps a core busy itself, so one worker fewer runs: a third process on two cores
    slowed the checks' serial part more than the worker gained (checks at 100,000 articles 22 s
    with two workers, 18-20 s with one; the same at 10,000)."""
    return _mapped(function, items, args, most, max(1, workers() - 1))


@contextmanager
def _mapped(
    function: Callable[..., R],
    items: Sequence[T],
    args: tuple[Any, ...],
    most: int,
    processes: int,
    one_by_one: bool = False,
) -> Iterator[Callable[[], Iterable[R]]]:
    global _job
    if (
        workers() < 2
        or len(items) < PARALLEL_FROM
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        yield _once(lambda: [function(items, *args)])
        return
    edges = chunk_edges(len(items), processes, most)
    _job = (function, items, args)
    try:
        with collector_paused(), ProcessPoolExecutor(
            processes, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            pending = pool.map(_run_chunk, zip(edges, edges[1:]))  # forks every worker now
            yield (lambda: pending) if one_by_one else _once(lambda: list(pending))
    finally:
        _job = None


def _once(compute: Callable[[], R]) -> Callable[[], R]:
    """`compute`, run at the first call; later calls return the same value."""
    done: list[R] = []

    def value() -> R:
        if not done:
            done.append(compute())
        return done[0]

    return value


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while a stage builds its (acyclic) results from a large corpus.

    The objects already alive are frozen: collections skip them, and forked workers then never scan
    (and so never copy, page by page) the corpus they inherit. New results (worker output, or the
    records a stage builds from it) are plain data without reference cycles, so collecting while
    they arrive would only rescan them: on 100,000 articles that rescanning was a tenth of the theme
    coding stage (benchmarks/results.md). Workers forked meanwhile inherit the pause; they too build
    only acyclic results. At the end the new objects join the old ones unscanned: left in the
    youngest generation, millions of them would be scanned at the first allocation and promoted into
    a full collection of the whole heap (1.5 s after ingest at 100,000 articles). A cycle made
    meanwhile is not lost, only collected at the next full collection.
    Pauses nest (a stage that pauses may call map_chunks): the outermost restores the state."""
    global _pauses
    if _pauses:
        _pauses += 1
        try:
            yield
        finally:
            _pauses -= 1
        return
    gc.freeze()
    collecting = gc.isenabled()
    gc.disable()
    _pauses = 1
    try:
        yield
    finally:
        _pauses = 0
        gc.freeze()  # the objects made meanwhile too: unfrozen below, into the oldest generation
        if collecting:
            gc.enable()
        gc.unfreeze()


def pickled_as_fields(cls: type[T]) -> type[T]:
    """Class decorator for the frozen, slotted records that cross from workers in bulk (sentences,
    dates, time expressions, claims): pickle an instance as its class and its field values, so
    unpickling is one constructor call. The default for a frozen slotted dataclass sets each field
    through a Python-level __setstate__, about twice as slow both ways; that was most of the main
    process's work in ingest at 100,000 articles. Put it above @dataclass."""
    values = operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))
    if len(dataclasses.fields(cls)) == 1:

        def reduce(self):  # attrgetter of one name returns the value, not a tuple
            return (cls, (values(self),))
    else:

        def reduce(self):
            return (cls, values(self))

    cls.__reduce__ = reduce  # type: ignore[method-assign]
    return cls


def built_through_slots(cls: type[T]) -> type[T]:
    """Class decorator for the frozen, slotted records built by the hundred thousand (sentences,
    time expressions, claims, codes): an __init__ that stores each field through its slot's own
    descriptor. The generated one goes through object.__setattr__, which looks the name up on the
    class first: 1.7 us against 0.7 us for a Sentence, and every record is built twice when it
    crosses from a worker. Same parameters, defaults and stored values; the class stays frozen
    (only __init__ writes). Refuses what the generated __init__ does beyond storing each argument
    (default factories, init=False or keyword-only fields, __post_init__). Put it above @dataclass."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen:
        raise TypeError(f"built_through_slots: {cls.__name__} is not a frozen dataclass")
    fields = dataclasses.fields(cls)
    if hasattr(cls, "__post_init__") or any(
        not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING for f in fields
    ):
        raise TypeError(
            f"built_through_slots: {cls.__name__}'s __init__ does more than store its "
            "arguments (__post_init__, default_factory, init=False or kw_only)"
        )
    namespace: dict[str, Any] = {}
    for f in fields:
        slot = cls.__dict__.get(f.name)
        if not isinstance(slot, types.MemberDescriptorType):
            raise TypeError(
                f"built_through_slots: {cls.__name__}.{f.name} is not a slot (slots=True)"
            )
        namespace[f"_store_{f.name}"] = slot.__set__
        if f.default is not dataclasses.MISSING:
            namespace[f"_default_{f.name}"] = f.default
    parameters = ", ".join(
        f.name if f.default is dataclasses.MISSING else f"{f.name}=_default_{f.name}"
        for f in fields
    )
    body = (
        "".join(f"    _store_{f.name}(__dataclass_self__, {f.name})\n" for f in fields)
        or "    pass\n"
    )
    # Generated source, as dataclasses itself builds __init__: one plain call per field.
    exec(f"def __init__(__dataclass_self__, {parameters}):\n{body}", namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = dict(cls.__init__.__annotations__)
    cls.__init__ = init  # type: ignore[misc]
    return cls


__all__ = [
    "MOST_PER_CHUNK",
    "PARALLEL_FROM",
    "built_through_slots",
    "chunk_edges",
    "collector_paused",
    "iter_chunks",
    "map_chunks",
    "mapped_meanwhile",
    "pickled_as_fields",
    "workers",
]
