"""The per-article stages give the same result on both cores as on one, errors included."""

import dataclasses
import inspect
import os
import pickle
import time
from datetime import date

import pytest
from test_claims_checks import CONTEXT, RULES, corpus

from newsbrief.claims.extract import extract_claims
from newsbrief.core import parallel
from newsbrief.core.errors import InputError
from newsbrief.dating.timex import find_timexes


def _fails_on_second(items, path):
    if any(n == 2 for n in items):
        raise InputError(path, "holds something wrong", "fix it", line=3)
    return [n * 10 for n in items]


def _times_ten(items):
    return [n * 10 for n in items]


@pytest.fixture
def two_workers(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setenv("NEWSBRIEF_WORKERS", "2")


def test_chunks_come_back_in_order(two_workers):
    chunks = parallel.map_chunks(_times_ten, list(range(20)))
    assert len(chunks) > 1
    assert [n for chunk in chunks for n in chunk] == [n * 10 for n in range(20)]


def test_a_long_list_is_cut_into_more_chunks_not_larger_ones(two_workers):
    chunks = parallel.map_chunks(_times_ten, list(range(100)), most=7)
    assert max(map(len, chunks)) == 7 and len(chunks) >= 15
    assert [n for chunk in chunks for n in chunk] == [n * 10 for n in range(100)]
    assert len(parallel.map_chunks(_times_ten, list(range(100)))) >= 2 * parallel.CHUNKS_PER_WORKER


def test_chunks_shrink_towards_the_end_so_the_workers_finish_together():
    for count in (1, 2, 17, 100, 2000, 10_000, 100_000, 224_896):
        for processes in (1, 2, 3):
            for most in (7, 1500, 30_000):
                edges = parallel.chunk_edges(count, processes, most)
                sizes = [b - a for a, b in zip(edges, edges[1:])]
                assert edges[0] == 0 and edges[-1] == count and min(sizes) > 0
                assert max(sizes) <= most and sizes == sorted(sizes, reverse=True)
                if count >= 2 * processes * parallel.CHUNKS_PER_WORKER:
                    assert len(sizes) >= processes * parallel.CHUNKS_PER_WORKER
                    assert sizes[-1] <= sizes[0] // 2  # the last worker to finish waits on little
    ten_thousand = parallel.chunk_edges(10_000, 2, 1500)
    assert ten_thousand[1] == 1500 and ten_thousand[-1] - ten_thousand[-2] < 1500 // 4


def _signals_then_times_ten(items, flag):
    flag.touch()
    return [n * 10 for n in items]


def test_the_workers_run_while_the_block_does_its_own_work(two_workers, tmp_path):
    flag = tmp_path / "a worker ran"
    with parallel.mapped_meanwhile(_signals_then_times_ten, list(range(20)), flag) as results:
        deadline = time.monotonic() + 30
        while not flag.exists() and time.monotonic() < deadline:
            time.sleep(0.01)  # results() is not called yet: only a worker started meanwhile can run
        assert flag.exists()
        assert [n for chunk in results() for n in chunk] == [n * 10 for n in range(20)]
        assert results() == results()  # asked again, the same results (not a rerun)


def _pid_after_a_pause(items):
    time.sleep(0.05)
    return os.getpid()


def test_work_started_meanwhile_leaves_a_core_for_the_block(two_workers, monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_WORKERS", "3")
    with parallel.mapped_meanwhile(_pid_after_a_pause, list(range(24))) as results:
        pids = set(results())
    assert len(pids) == 2 and os.getpid() not in pids
    assert len(set(parallel.map_chunks(_pid_after_a_pause, list(range(24))))) == 3


def test_a_serial_run_computes_when_asked(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSBRIEF_WORKERS", "1")
    flag = tmp_path / "ran"
    with parallel.mapped_meanwhile(_signals_then_times_ten, [1, 2], flag) as results:
        assert not flag.exists()
        assert results() == [[10, 20]] and flag.exists()


def test_name_variants_on_two_workers_equal_name_variants_on_one(two_workers, monkeypatch):
    from dataclasses import replace

    from newsbrief.checks.consistency import name_variants

    spelt = replace(CONTEXT.tenures[0], aliases=("Dana Sample", "Dana Sampel"))
    context = replace(CONTEXT, tenures=(spelt,))
    texts = [
        (
            f"Dana Sampel said Pak-Kazik trade with Kazakhstan grew by {n} percent, Lahori traders said.",
            date(2023, 1, n + 1),
        )
        for n in range(6)
    ]
    articles, _, _ = corpus(*texts)
    both = name_variants(articles, context)
    monkeypatch.setenv("NEWSBRIEF_WORKERS", "1")
    assert both == name_variants(articles, context)
    assert sorted(f.event for f in both) == ["name:kazakh", "name:lahore", "person:Dana Sample"]
    assert "6 times in 6 articles" in both[0].summary


def test_an_input_error_in_a_worker_reaches_the_user_intact(two_workers):
    with pytest.raises(InputError) as raised:
        parallel.map_chunks(_fails_on_second, list(range(8)), "seeds/x.txt")
    assert (raised.value.path, raised.value.line, raised.value.fix) == ("seeds/x.txt", 3, "fix it")


def test_input_errors_survive_pickling():
    error = pickle.loads(pickle.dumps(InputError("a.yml", "is bad", "mend it", line=2)))
    assert str(error) == "a.yml:2: is bad. Fix: mend it"


def test_claims_on_two_workers_equal_claims_on_one(two_workers, monkeypatch):
    texts = [
        (f"Direct flights between Almaty and Lahore will begin in {month}.", date(2023, 1, n + 1))
        for n, month in enumerate(["April", "May", "June", "July", "August", "September"])
    ]
    articles, dates, _ = corpus(*texts)
    timexes = {
        (s.article_id, s.paragraph, s.sentence): find_timexes(s.text, dates[a.article_id].date)
        for a in articles
        for s in a.sentences
    }
    both = extract_claims(articles, dates, timexes, CONTEXT, RULES)
    monkeypatch.setenv("NEWSBRIEF_WORKERS", "1")
    assert both == extract_claims(articles, dates, timexes, CONTEXT, RULES) and len(both) == 6


def test_copies_on_two_workers_equal_copies_on_one(two_workers, monkeypatch):
    from newsbrief.claims.copies import find_copies

    base = (
        "The ambassador said that direct flights between Almaty and Lahore would begin in April and "
        "that the business communities of both countries should prepare for new opportunities."
    )
    texts = [
        (base.replace("April", month), date(2023, 1, n + 1))
        for n, month in enumerate(["April", "May", "June", "July", "August", "September"])
    ]
    articles, _, _ = corpus(*texts)
    both = find_copies(articles)
    monkeypatch.setenv("NEWSBRIEF_WORKERS", "1")
    assert both == find_copies(articles) and len(both) == 15


def test_records_from_workers_unpickle_equal_and_frozen(two_workers):
    articles, dates, _ = corpus(
        ("Direct flights between Almaty and Lahore will begin in April 2024.", date(2023, 1, 1))
    )
    sentence = articles[0].sentences[0]
    timex = find_timexes(sentence.text, dates[articles[0].article_id].date)[0]
    claim = extract_claims(
        articles,
        dates,
        {(sentence.article_id, sentence.paragraph, sentence.sentence): [timex]},
        CONTEXT,
        RULES,
    )[0]
    for record in (sentence, dates[articles[0].article_id], timex, claim):
        copy = pickle.loads(pickle.dumps(record))
        assert copy == record and hash(copy) == hash(record) and type(copy) is type(record)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(copy, dataclasses.fields(copy)[0].name, None)


@parallel.built_through_slots
@dataclasses.dataclass(frozen=True, slots=True)
class _Built:
    name: str
    count: int
    note: str = "none"


@dataclasses.dataclass(frozen=True, slots=True)
class _Generated:
    name: str
    count: int
    note: str = "none"


def test_a_record_built_through_its_slots_equals_one_built_by_dataclasses():
    for args, kwargs in (
        (("a", 1), {}),
        (("a", 1, "b"), {}),
        (("a",), {"count": 2}),
        ((), {"note": "c", "count": 3, "name": "d"}),
    ):
        built, generated = _Built(*args, **kwargs), _Generated(*args, **kwargs)
        assert dataclasses.astuple(built) == dataclasses.astuple(generated)
        assert repr(built).replace("_Built", "_Generated") == repr(generated)
    assert hash(_Built("a", 1)) == hash(_Built("a", 1)) and _Built("a", 1) != _Built("a", 2)
    assert str(inspect.signature(_Built)) == str(inspect.signature(_Generated))
    with pytest.raises(dataclasses.FrozenInstanceError):
        _Built("a", 1).count = 2


def test_a_record_built_through_its_slots_rejects_the_arguments_dataclasses_rejects():
    for args, kwargs in (
        ((), {}),
        (("a", 1, "b", "extra"), {}),
        (("a",), {"name": "b"}),
        (("a", 1), {"colour": "red"}),
    ):
        with pytest.raises(TypeError) as generated:
            _Generated(*args, **kwargs)
        with pytest.raises(TypeError) as built:
            _Built(*args, **kwargs)
        assert str(built.value).split("()")[-1] == str(generated.value).split("()")[-1]


def test_only_an_init_that_just_stores_its_arguments_is_replaced():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Listed:
        items: list = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        count: int

        def __post_init__(self):
            assert self.count >= 0

    @dataclasses.dataclass(slots=True)
    class Mutable:
        count: int

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        count: int

    for cls in (Listed, Checked, Mutable, Unslotted):
        with pytest.raises(TypeError, match=cls.__name__):
            parallel.built_through_slots(cls)


def test_the_bulk_records_are_built_through_their_slots():
    from newsbrief.checks.consistency import When
    from newsbrief.claims.extract import Claim, Mention, Reading
    from newsbrief.core.records import PublicationDate, Sentence, Timex
    from newsbrief.themes.coding import Code

    for cls in (Sentence, PublicationDate, Timex, Claim, Mention, Reading, Code, When):
        assert "_store_" in " ".join(cls.__init__.__code__.co_names), cls.__name__


def test_the_collector_is_back_as_it_was_after_a_pause():
    import gc

    was = gc.isenabled()
    with parallel.collector_paused():
        with parallel.collector_paused():  # a stage that pauses, calling map_chunks
            pass
        assert not gc.isenabled() and gc.get_freeze_count() > 0
    assert gc.isenabled() == was and gc.get_freeze_count() == 0


def test_what_a_pause_made_is_not_left_for_the_youngest_generation_to_scan():
    import gc

    gc.collect()
    young = gc.get_stats()[0]["collections"]
    with parallel.collector_paused():
        made = [[i] for i in range(50_000)]  # lists are tracked by the collector
    assert gc.get_stats()[0]["collections"] == young  # none of them scanned on the way out
    assert all(gc.is_tracked(m) for m in made[:10])  # still collectable: only their age changed


def test_a_cycle_made_during_a_pause_is_still_collected_later():
    import gc
    import weakref

    class Node:
        pass

    with parallel.collector_paused():
        node = Node()
        node.self = node
        alive = weakref.ref(node)
        del node
    gc.collect()
    assert alive() is None


def _slow_at_the_end(items, done_flag):
    if 19 in items:
        time.sleep(1.0)
        done_flag.touch()
    return [n * 10 for n in items]


def test_chunks_can_be_taken_one_by_one_before_the_last_is_done(two_workers, tmp_path):
    flag = tmp_path / "the last chunk is done"
    chunks = parallel.iter_chunks(_slow_at_the_end, list(range(20)), flag)
    first = next(chunks)
    assert not flag.exists()  # the first chunk came while the last one still ran
    rest = list(chunks)
    assert flag.exists() and [n for chunk in [first, *rest] for n in chunk] == [
        n * 10 for n in range(20)
    ]
    assert [first, *rest] == parallel.map_chunks(_times_ten, list(range(20)))


def test_chunks_taken_one_by_one_in_a_serial_run_are_the_one_chunk(monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_WORKERS", "1")
    assert list(parallel.iter_chunks(_times_ten, [1, 2])) == [[10, 20]]
