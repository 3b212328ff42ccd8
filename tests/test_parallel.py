"""Where the per-article stages run: the same artifacts in this process, on local worker processes
and on a dask.distributed cluster; errors reach the user intact; the small brief starts nothing."""

import os
import pickle
import shutil
from datetime import date

import pytest

from newsbrief.core import parallel
from newsbrief.core.errors import InputError

# What a partition function did in this process: a worker process's appends are not seen here.
_seen_here: list[int] = []


def _noted_times_ten(items):
    _seen_here.extend(items)
    return [n * 10 for n in items]


def _fails_on_second(items, path):
    if 2 in items:
        raise InputError(path, "holds something wrong", "fix it", line=3)
    return [n * 10 for n in items]


@pytest.fixture(autouse=True)
def no_scheduler(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSBRIEF_SCHEDULER", raising=False)
    monkeypatch.setenv("NEWSBRIEF_CONFIG", str(tmp_path / "no-config.yml"))
    monkeypatch.delenv("NEWSBRIEF_WORKERS", raising=False)
    (tmp_path / "no-config.yml").write_text("{}\n", encoding="utf-8")
    _seen_here.clear()


@pytest.fixture
def large(monkeypatch):
    """Every list counts as a large corpus, on two local worker processes."""
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setenv("NEWSBRIEF_WORKERS", "2")


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=40,
    ) as running:
        yield running.scheduler_address


def test_a_small_corpus_runs_in_this_process_as_one_partition():
    assert parallel.map_chunks(_noted_times_ten, list(range(20))) == [[n * 10 for n in range(20)]]
    assert _seen_here == list(range(20))


def test_one_worker_runs_a_large_corpus_in_this_process(large, monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_WORKERS", "1")
    assert parallel.map_chunks(_noted_times_ten, list(range(20))) == [[n * 10 for n in range(20)]]
    assert _seen_here == list(range(20))


def test_a_large_corpus_runs_in_worker_processes_and_comes_back_in_order(large):
    chunks = parallel.map_chunks(_noted_times_ten, list(range(50)))
    assert len(chunks) > 1 and [n for chunk in chunks for n in chunk] == [n * 10 for n in range(50)]
    assert _seen_here == []  # the work was done elsewhere


def test_the_worker_count_is_the_machines_unless_set(monkeypatch):
    assert parallel.workers() == len(os.sched_getaffinity(0))
    monkeypatch.setenv("NEWSBRIEF_WORKERS", "7")
    assert parallel.workers() == 7


def test_an_input_error_in_a_worker_reaches_the_user_intact(large):
    with pytest.raises(InputError) as raised:
        parallel.map_chunks(_fails_on_second, list(range(8)), "seeds/x.txt")
    assert (raised.value.path, raised.value.line, raised.value.fix) == ("seeds/x.txt", 3, "fix it")


def test_input_errors_survive_pickling():
    error = pickle.loads(pickle.dumps(InputError("a.yml", "is bad", "mend it", line=2)))
    assert str(error) == "a.yml:2: is bad. Fix: mend it"


def test_records_cross_to_a_worker_with_every_field():
    from newsbrief.core.records import Article, PublicationDate, Sentence, Timex

    day = date(2024, 5, 1)
    sentence = Sentence("a1", 2, 1, "Flights begin in May.", 10, 31, boilerplate=True)
    records = [
        sentence,
        PublicationDate(day, day, date(2024, 5, 2), "dateline", "ALMATY, 1 May 2024"),
        Timex("in May", 15, 21, day, date(2024, 5, 31), "month", "future"),
        Article(
            *("a1", "seeds/a1.txt", "text", "ab12", ["p0", "p1"], "key", "Dawn", "Title"),
            *("https://x.pk/a1", "Almaty", day, "dateline", "ALMATY, 1 May", day, True, (0, 7)),
            *(1, "build/texts/a1.txt", "headline", "the URL", [sentence], ["a note"]),
        ),
    ]
    for record in records:
        assert pickle.loads(pickle.dumps(record)) == record


def test_the_scheduler_comes_from_the_environment_before_the_config_file(monkeypatch, tmp_path):
    config = tmp_path / "newsbrief.yml"
    config.write_text("scheduler: tcp://10.0.0.5:8786\n", encoding="utf-8")
    monkeypatch.setenv("NEWSBRIEF_CONFIG", str(config))
    assert parallel.scheduler_address() == "tcp://10.0.0.5:8786"
    monkeypatch.setenv("NEWSBRIEF_SCHEDULER", "tcp://10.0.0.6:8786")
    assert parallel.scheduler_address() == "tcp://10.0.0.6:8786"


def test_a_misspelt_config_key_is_an_error_that_names_the_key(monkeypatch, tmp_path):
    config = tmp_path / "newsbrief.yml"
    config.write_text("schedular: tcp://10.0.0.5:8786\n", encoding="utf-8")
    monkeypatch.setenv("NEWSBRIEF_CONFIG", str(config))
    with pytest.raises(InputError, match="unknown field 'schedular' \\(did you mean 'scheduler'"):
        parallel.scheduler_address()


def test_an_unreachable_scheduler_is_a_one_line_input_error(monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_SCHEDULER", "tcp://127.0.0.1:9")  # the discard port: no dask
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(InputError) as raised:
        parallel.map_chunks(_noted_times_ten, [1, 2])
    message = str(raised.value)
    assert "tcp://127.0.0.1:9" in message and "cannot be reached" in message
    assert "\n" not in message


def test_a_cluster_takes_every_call_whatever_its_size(cluster, monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_SCHEDULER", cluster)
    chunks = parallel.map_chunks(_noted_times_ten, list(range(5)))
    assert [n for chunk in chunks for n in chunk] == [n * 10 for n in range(5)]
    assert _seen_here == []
    with pytest.raises(InputError) as raised:
        parallel.map_chunks(_fails_on_second, list(range(8)), "seeds/x.txt")
    assert (raised.value.path, raised.value.line) == ("seeds/x.txt", 3)


# A small corpus with work for every stage: dates in datelines and text, flights announced, begun
# and postponed, and a republished article (a copy).
_MONTHS = ["April", "May", "June", "July", "August", "September"]
_KZ = ["Almaty", "Astana", "Shymkent"]
_PK = ["Lahore", "Karachi", "Islamabad"]


def _article(n: int) -> str:
    kz, pk, month = _KZ[n % 3], _PK[(n + 1) % 3], _MONTHS[n % 6]
    return (
        f"Islamabad, {n + 1} March 2023 (TDI): Ambassador of Kazakhstan to Pakistan Yerzhan "
        f"Kistafin met officials to discuss cooperation between Kazakhstan and Pakistan.\n"
        f"Direct flights between {kz} and {pk} will begin in {month} 2023, he said.\n"
        f"During the visit, {n + 2} memorandums of understanding will be signed in {month}.\n"
        f"Trade between the two countries grew by {n + 3} percent last year, officials said.\n"
        f"The launch of flights between {kz} and {pk} was postponed.\n"
    )


def _analyse(root):
    """Every per-article stage on root/seeds, writing root/build/data; the artifacts' bytes."""
    from newsbrief.checks import stage as checks
    from newsbrief.claims import stage as claims
    from newsbrief.core.paths import Paths
    from newsbrief.dating import stage as dating
    from newsbrief.dating.context import load_context
    from newsbrief.ingest import stage as ingest
    from newsbrief.themes.coding import code_sentences, load_codebook
    from newsbrief.themes.stage import codes_table

    paths = Paths.at(root)
    paths.data.mkdir(parents=True, exist_ok=True)
    context = load_context()
    corpus = ingest.run(paths, context.gazetteer_names)
    dating.run(paths, corpus, context, today=date(2024, 1, 1))
    codes = code_sentences([s for a in corpus.articles for s in a.sentences], load_codebook())
    codes_table(codes).to_csv(paths.data / "codes.csv", index=False)
    checks.run(paths, claims.run(paths))
    return {f.name: f.read_bytes() for f in sorted(paths.data.iterdir())}


def test_the_analysis_on_a_cluster_of_two_processes_equals_the_synchronous_one(
    cluster, monkeypatch, tmp_path
):
    seeds = tmp_path / "one" / "seeds"
    seeds.mkdir(parents=True)
    for n in range(12):
        (seeds / f"{n:03d}_test.txt").write_text(_article(n), encoding="utf-8")
    (seeds / "012_copy.txt").write_text(_article(4).replace("he said", "the envoy said"))
    shutil.copytree(tmp_path / "one", tmp_path / "two")
    alone = _analyse(tmp_path / "one")
    monkeypatch.setenv("NEWSBRIEF_SCHEDULER", cluster)
    assert _analyse(tmp_path / "two") == alone
    assert {"claims.csv", "copies.csv", "findings.csv", "timex.csv", "codes.csv"} <= set(alone)
    assert all(len(alone[name].splitlines()) > 1 for name in ("claims.csv", "copies.csv"))
