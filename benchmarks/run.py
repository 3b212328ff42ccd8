"""Benchmark: every analysis stage on synthetic corpora of growing size, in a fresh process each.

Run with `make bench` (or `python benchmarks/run.py 1000 10000`); results go to
benchmarks/results.json and benchmarks/results_table.md (benchmarks/results.md is the written
analysis that quotes them). Sizes are article counts. `python benchmarks/run.py --spacy 1000 10000`
(REPEATS=N in the environment) times the whole analysis against spaCy's full en_core_web_sm
pipeline over the same corpora, in turns, into benchmarks/results_spacy.md.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "analysis"))
sys.path.insert(0, str(HERE))

STAGES = ("ingest", "dating", "timex", "themes", "claims", "copies", "checks", "tracker")


def _tree_pss_mb(pid: int) -> float:
    """Proportional set size of a process and its descendants: shared pages are split between the
    processes sharing them, so the sum is the memory the whole run really holds."""
    total = 0.0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1]) / 1024
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += _tree_pss_mb(int(child))
    except (OSError, ValueError):
        pass  # the process ended while it was being read
    return total


def measure_one(size: int) -> dict:
    """Run every stage on `size` synthetic articles in this process; per-stage wall, CPU, memory.

    With NEWSBRIEF_BENCH_CLUSTER=N the stages run on a LocalCluster of N worker processes that
    this process starts first (untimed) and names in NEWSBRIEF_SCHEDULER."""
    if os.environ.get("NEWSBRIEF_BENCH_CLUSTER", "").isdigit():
        from distributed import LocalCluster

        cluster = LocalCluster(
            n_workers=int(os.environ["NEWSBRIEF_BENCH_CLUSTER"]),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=40,
        )
        os.environ["NEWSBRIEF_SCHEDULER"] = cluster.scheduler_address
    from synth import write_corpus

    from newsbrief.checks.stage import run_checks
    from newsbrief.checks.tracker import promise_tracker
    from newsbrief.claims.copies import find_copies
    from newsbrief.claims.extract import extract_claims, load_claim_rules
    from newsbrief.core.parallel import workers
    from newsbrief.core.paths import CLAIM_RULES, Paths
    from newsbrief.dating.context import load_context
    from newsbrief.dating.stage import date_articles, find_article_timexes
    from newsbrief.ingest.files import read_corpus
    from newsbrief.ingest.rules import load_ingest_rules
    from newsbrief.themes.coding import code_sentences, load_codebook

    work = HERE / "_work" / str(size)
    if not (work / "seeds").exists() or len(list((work / "seeds").glob("*.txt"))) != size:
        write_corpus(work, size)
    paths = Paths.at(work)
    context = load_context()
    themes = load_codebook()
    rules = load_claim_rules(CLAIM_RULES)
    results: dict[str, dict] = {}
    state: dict[str, object] = {}

    def cpu() -> tuple[float, float]:
        # The stages fork workers for large corpora: their CPU counts too, kept apart from this
        # process's own (the serial part, which grows differently). A LocalCluster's workers
        # live until the end: their CPU is not counted here, only the wall time.
        return tuple(
            u.ru_utime + u.ru_stime
            for u in (
                resource.getrusage(resource.RUSAGE_SELF),
                resource.getrusage(resource.RUSAGE_CHILDREN),
            )
        )

    def stage(name: str, run) -> None:
        main0, workers0 = cpu()
        wall0 = time.perf_counter()
        state[name] = run()
        main1, workers1 = cpu()
        results[name] = {
            "wall_s": round(time.perf_counter() - wall0, 3),
            "cpu_s": round(main1 - main0 + workers1 - workers0, 3),
            "main_cpu_s": round(main1 - main0, 3),
            "workers_cpu_s": round(workers1 - workers0, 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            # The largest worker's peak (shared pages inherited by fork included).
            "worker_peak_rss_mb": round(
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
            ),
        }

    stage("ingest", lambda: read_corpus(paths.seeds, load_ingest_rules(), context.gazetteer_names))
    corpus = state["ingest"]
    stage("dating", lambda: date_articles(corpus, context))
    dates = state["dating"]
    stage("timex", lambda: find_article_timexes(corpus, dates))
    sentences = [s for a in corpus.articles for s in a.sentences]
    stage("themes", lambda: code_sentences(sentences, themes))
    stage("claims", lambda: extract_claims(corpus.articles, dates, state["timex"], context, rules))
    stage("copies", lambda: find_copies(corpus.articles))
    stage(
        "checks",
        lambda: run_checks(state["claims"], corpus.articles, dates, state["copies"], context),
    )
    stage("tracker", lambda: promise_tracker(state["claims"], state["checks"], dates))
    total_wall = round(sum(r["wall_s"] for r in results.values()), 3)
    return {
        "size": size,
        "stages": results,
        "total_wall_s": total_wall,
        "total_cpu_s": round(sum(r["cpu_s"] for r in results.values()), 3),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in results.values()),
        "worker_peak_rss_mb": max(r["worker_peak_rss_mb"] for r in results.values()),
        "workers": workers(),
        "sentences": len(sentences),
        "claims": len(state["claims"]),
        "copies": len(state["copies"]),
        "findings": len(state["checks"]),
    }


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB RAM; Python {platform.python_version()} "
        f"on {platform.system()} {platform.release()}"
    )


def exponent(a: dict, b: dict, key: str = "total_wall_s") -> float:
    return math.log(b[key] / a[key]) / math.log(b["size"] / a["size"])


def write_markdown(runs: list[dict]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}.",
        "",
        "Each size runs in a fresh process (`python benchmarks/run.py SIZE`) on synthetic articles of "
        "about 400 words from `benchmarks/synth.py` (codebook terms, varied dates, routes, people "
        "and figures, 5% near-copies). With `--repeats N` each size runs N times and the run with the "
        "median total is shown (every run's total beside it). Times are wall-clock seconds of the analysis stages "
        "(rendering excluded), CPU includes the forked workers; memory is the main process's peak "
        "resident set size, and separately the largest worker's (pages shared with the main "
        "process by fork are counted in both); the PSS column samples the whole process tree "
        "from outside it (every 0.5 s, less often when a sample is slow, so sampling stays under 2% "
        "of a core), shared pages split between their sharers: the run's real total, highest of all runs.",
        "",
        "| Articles | Sentences | "
        + " | ".join(STAGES)
        + " | Total wall (s) | Every run (s) | Total CPU (s) "
        "| Peak RSS (MB) | Largest worker RSS (MB) | Peak PSS, all processes (MB) |",
        "|" + "---:|" * (len(STAGES) + 8),
    ]
    for run in runs:
        lines.append(
            f"| {run['size']:,} | {run['sentences']:,} | "
            + " | ".join(f"{run['stages'][s]['wall_s']:.2f}" for s in STAGES)
            + f" | {run['total_wall_s']:.1f} | "
            + ", ".join(f"{t:.1f}" for t in run.get("all_total_wall_s", [run["total_wall_s"]]))
            + f" | {run['total_cpu_s']:.1f} | {run['peak_rss_mb']:.0f} "
            f"| {run.get('worker_peak_rss_mb', 0):.0f} | {run.get('max_peak_pss_mb', run.get('peak_pss_mb', 0)):.0f} |"
        )
    lines.append("")
    reads = ", ".join(f"{r.get('seed_read_s', 0):.1f} s ({r['size']:,} articles)" for r in runs)
    lines.append(
        "- Before each run the corpus's files were read once, untimed, so every size starts "
        f"with them in the page cache; that read took {reads}."
    )
    if all("all_reference" in r for r in runs):
        speeds = "; ".join(
            f"{r['size']:,} articles: "
            + ", ".join(f"{t['compute_s']:.3f} / {t['memory_s']:.3f}" for t in r["all_reference"])
            for r in runs
        )
        lines.append(
            "- The machine's speed: two fixed one-core reference workloads (`reference_seconds` in "
            "`run.py`, independent of the package's code; in the caches / missing them), timed "
            f"just before each run, took (seconds, runs in order) {speeds}. Divide a time by "
            "them to compare machines."
        )
    lines += [
        "",
        "CPU seconds of the median runs, this process (the serial part) / the forked workers:",
        "",
        "| Articles | " + " | ".join(STAGES) + " |",
        "|" + "---:|" * (len(STAGES) + 1),
    ]
    for run in runs:
        lines.append(
            f"| {run['size']:,} | "
            + " | ".join(
                f"{run['stages'][s].get('main_cpu_s', 0):.2f} / {run['stages'][s].get('workers_cpu_s', 0):.2f}"
                for s in STAGES
            )
            + " |"
        )
    lines.append("")
    for a, b in itertools.pairwise(runs):
        lines.append(
            f"- Scaling exponent of total wall time from {a['size']:,} to {b['size']:,} articles: "
            f"{exponent(a, b):.2f} (1.0 is linear); time ratio "
            f"{b['total_wall_s'] / a['total_wall_s']:.1f}× for {b['size'] / a['size']:.0f}× the articles."
        )
        per_stage = ", ".join(
            f"{s} {math.log(max(b['stages'][s]['wall_s'], 1e-3) / max(a['stages'][s]['wall_s'], 1e-3)) / math.log(b['size'] / a['size']):.2f}"
            for s in STAGES
        )
        lines.append(f"  Per stage: {per_stage}.")
        rounds = [
            f"{tb / ta:.1f}×"
            for ta, tb in zip(
                a.get("all_total_wall_s", []), b.get("all_total_wall_s", []), strict=False
            )
        ]
        if len(rounds) > 1:
            lines.append(
                f"  Within each round of runs (the sizes take turns): {', '.join(rounds)}."
            )
    return "\n".join(lines) + "\n"


def read_seeds(size: int) -> float:
    """Read the corpus's files once, untimed by the run, and say how long that took.

    The 10,000-article corpus (30 MB) stays in this machine's page cache between runs; the
    100,000-article one (400 MB of pages) does not, and reading it from disk added about 20 s to
    ingest, a cost of the disk and cache, not of the code. Reading first puts every size on the
    same footing; the time of this read is recorded beside the run."""
    seeds = HERE / "_work" / str(size) / "seeds"
    started = time.perf_counter()
    for path in sorted(seeds.glob("*.txt")):
        path.read_bytes()
    return round(time.perf_counter() - started, 1)


def reference_seconds(repeats: int = 3) -> dict[str, float]:
    """Median times of two fixed one-core workloads built from the standard library alone, so they
    do not change when the package does and measure the machine instead.

    `compute_s`: regex scans of sentences, dictionary counts and string slicing, in the caches.
    `memory_s`: random look-ups in a dictionary of a million entries (about 250 MB), where most
    of them miss the caches, as the stages' look-ups in a large corpus's heap do. The same code
    has run 1.7-2.1x slower on one of these "2-core AMD EPYC" machines than on another, and 20%
    slower from one benchmark to the next on the same one while the first workload did not change
    (benchmarks/results.md): the second is there to see whether the memory is what changed. A
    run's times divided by them compare across machines; both are noisy, so compare medians."""
    rng = random.Random(1)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(2000)]
    sentences = [" ".join(rng.choice(words) for _ in range(25)) + "." for _ in range(3000)]
    pattern = re.compile(r"\b(?:" + "|".join(sorted(set(words[:300]))) + r")\b")
    size = 1_000_000
    table = {i * 7919: (i, str(i)) for i in range(size)}  # spread keys: no run of neighbours
    keys = [rng.randrange(size) * 7919 for _ in range(size // 4)]
    compute, memory = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        counts: dict[str, int] = {}
        for sentence in sentences:
            for match in pattern.finditer(sentence):
                counts[match.group()] = counts.get(match.group(), 0) + 1
            for word in sentence.split():
                counts[word[:3]] = counts.get(word[:3], 0) + 1
        compute.append(time.perf_counter() - started)
        started = time.perf_counter()
        total = 0
        for key in keys:
            total += table[key][0]
        memory.append(time.perf_counter() - started)
    return {
        "compute_s": round(statistics.median(compute), 3),
        "memory_s": round(statistics.median(memory), 3),
    }


def run_once(size: int, env: dict[str, str] | None = None) -> dict:
    """One measured run in a child process, its whole tree's PSS sampled from out here (so the
    sampling takes no time from the run itself)."""
    seed_read_s = read_seeds(size)
    # The machine's speed just before this run, in a process of its own: a run forked from one
    # that held the reference's 250 MB would start with that as its peak resident set.
    reference = json.loads(
        subprocess.run(
            [sys.executable, __file__, "--reference"], check=True, capture_output=True, text=True
        ).stdout
    )
    child = subprocess.Popen(
        [sys.executable, __file__, "--one", str(size)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    peak = 0.0
    while child.poll() is None:
        started = time.perf_counter()
        peak = max(peak, _tree_pss_mb(child.pid))
        # Reading PSS walks every page table of the tree (70 ms for a 5 GB process) and holds
        # its memory map's lock: at a fixed 0.5 s it took a core's third from a 100,000-article
        # run (499 s against 392 s unsampled). Samples are spaced to keep it under 2%.
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=max(0.5, 50 * (time.perf_counter() - started)))
    output = child.stdout.read() if child.stdout else ""
    if child.returncode != 0:
        raise SystemExit(f"[bench] {size:,} articles: the run failed (exit {child.returncode})")
    return {
        **json.loads(output.strip().splitlines()[-1]),
        "peak_pss_mb": round(peak, 1),
        "seed_read_s": seed_read_s,
        "reference": reference,
    }


# How the stages run, for the throughput comparison (environment of the measured process).
LAYOUTS = {
    "1 worker (in this process)": {"NEWSBRIEF_WORKERS": "1"},
    "2 local worker processes": {"NEWSBRIEF_WORKERS": "2"},
    "2 workers in a LocalCluster": {"NEWSBRIEF_BENCH_CLUSTER": "2"},
}
MACHINE_GB = 24


def scaling(sizes: list[int], repeats: int) -> str:
    """Throughput (articles/s of the analysis stages) for each layout at each size, and memory
    per article (peak PSS of all processes over the article count), with the largest corpus that
    fits in MACHINE_GB extrapolated from the growth between the two largest sizes."""
    lines = [
        "| Articles | Layout | Wall (s), median | Articles/s | Peak PSS, all processes (MB) "
        "| PSS per article (KB) |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    pss: dict[int, float] = {}
    for size in sizes:
        tries: dict[str, list[dict]] = {name: [] for name in LAYOUTS}
        for _ in range(repeats):  # the layouts take turns, as the sizes do in main
            for name, env in LAYOUTS.items():
                tries[name].append(run_once(size, env))
                print(
                    f"[bench] {size:,} {name}: {tries[name][-1]['total_wall_s']:.1f} s", flush=True
                )
        for name, runs in tries.items():
            wall = statistics.median(r["total_wall_s"] for r in runs)
            peak = max(r["peak_pss_mb"] for r in runs)
            if "local" in name:
                pss[size] = peak
            lines.append(
                f"| {size:,} | {name} | {wall:.1f} | {size / wall:.0f} | {peak:.0f} "
                f"| {peak * 1024 / size:.0f} |"
            )
    if len(pss) > 1:
        (small, a), (large, b) = sorted(pss.items())[-2:]
        per_article = (b - a) / (large - small)  # MB per added article
        base = a - per_article * small
        fits = (MACHINE_GB * 1024 - base) / per_article if per_article > 0 else math.inf
        lines += [
            "",
            f"- Memory grows by {per_article * 1024:.0f} KB per article (peak PSS of all "
            f"processes, 2 local workers, from {small:,} to {large:,} articles) over {base:.0f} MB "
            f"at none. Extrapolated, not measured: the largest corpus that fits in "
            f"{MACHINE_GB} GB is about {fits:,.0f} articles.",
        ]
    return "\n".join(lines) + "\n"


def spacy_one(size: int) -> dict:
    """spaCy's whole en_core_web_sm pipeline (every component, named entities included) over the
    same corpus's articles, on as many processes as the analysis uses: the yardstick the claims'
    parse is held to (issue 21: the whole analysis in at most half its time). Loading the model
    counts, as it does in the analysis."""
    from newsbrief.claims.syntax import MODELS
    from newsbrief.core.parallel import workers

    started = time.perf_counter()
    import importlib

    nlp = None
    for name in MODELS:
        with contextlib.suppress(ImportError):
            nlp = importlib.import_module(name).load()
            break
    if nlp is None:
        raise SystemExit(f"[bench] none of {', '.join(MODELS)} is installed")
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((HERE / "_work" / str(size) / "seeds").glob("*.txt"))
    ]
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64, n_process=workers()))
    return {
        "size": size,
        "spacy_wall_s": round(time.perf_counter() - started, 3),
        "tokens": tokens,
        "components": list(nlp.pipe_names),
        "workers": workers(),
    }


def spacy_once(size: int) -> dict:
    """One run of the spaCy yardstick in a child process of its own."""
    read_seeds(size)
    result = subprocess.run(
        [sys.executable, __file__, "--spacy-one", str(size)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def against_spacy(sizes: list[int], repeats: int) -> str:
    """The whole analysis and spaCy's full pipeline over the same corpora, in one benchmark run:
    each size's analysis and spaCy runs take turns (analysis, spaCy, next size, then again), so
    both meet the same stretches of the machine; the medians and their ratio per size."""
    lines = [
        "| Articles | Sentences | Analysis wall (s), median | of which claims (s) "
        "| spaCy en_core_web_sm, all components (s), median | Ratio | Every pair (s) |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for size in sizes:
        if not (HERE / "_work" / str(size) / "seeds").exists():
            from synth import write_corpus

            write_corpus(HERE / "_work" / str(size), size)
    tries: dict[int, list[tuple[dict, dict]]] = {size: [] for size in sizes}
    for _ in range(repeats):
        for size in sizes:
            analysis, spacy = run_once(size), spacy_once(size)
            tries[size].append((analysis, spacy))
            print(
                f"[bench] {size:,} articles: analysis {analysis['total_wall_s']:.1f} s, "
                f"spaCy {spacy['spacy_wall_s']:.1f} s",
                flush=True,
            )
    for size in sizes:
        pairs = tries[size]
        analysis_wall = statistics.median(a["total_wall_s"] for a, _ in pairs)
        claims_wall = statistics.median(a["stages"]["claims"]["wall_s"] for a, _ in pairs)
        spacy_wall = statistics.median(s["spacy_wall_s"] for _, s in pairs)
        every = ", ".join(f"{a['total_wall_s']:.1f} / {s['spacy_wall_s']:.1f}" for a, s in pairs)
        lines.append(
            f"| {size:,} | {pairs[0][0]['sentences']:,} | {analysis_wall:.1f} | {claims_wall:.1f} "
            f"| {spacy_wall:.1f} | **{analysis_wall / spacy_wall:.2f}** | {every} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--one":
        print(json.dumps(measure_one(int(argv[1]))))
        return 0
    if argv and argv[0] == "--spacy-one":
        print(json.dumps(spacy_one(int(argv[1]))))
        return 0
    if argv and argv[0] == "--spacy":
        repeats = int(os.environ.get("REPEATS", "1"))
        table = against_spacy([int(a) for a in argv[1:]] or [1000, 10000], repeats)
        (HERE / "results_spacy.md").write_text(table, encoding="utf-8")
        print(table)
        return 0
    if argv and argv[0] == "--reference":
        print(json.dumps(reference_seconds()))
        return 0
    if argv and argv[0] == "--scaling":
        repeats = int(os.environ.get("REPEATS", "1"))
        table = scaling([int(a) for a in argv[1:]] or [1000, 10000], repeats)
        (HERE / "results_scaling.md").write_text(table, encoding="utf-8")
        print(table)
        return 0
    repeats = 1
    if argv and argv[0] == "--repeats" and len(argv) > 1 and argv[1].isdigit():
        repeats, argv = int(argv[1]), argv[2:]
    if not all(a.isdigit() and int(a) > 0 for a in argv) or repeats < 1:
        print(
            "usage: python benchmarks/run.py [--repeats N] [SIZE ...]  (sizes are article counts, "
            'default 1000 10000; or make bench SIZES="1000 10000" REPEATS=3)',
            file=sys.stderr,
        )
        return 2
    sizes = [int(a) for a in argv] or [1000, 10000]
    # Shared virtual machines vary by 10-30% from minute to minute. With repeats, the sizes take
    # turns (1,000, 10,000, 100,000, then again), so each size's runs are spread over the same
    # stretch of time and each ratio between sizes can be taken within one round; the run with
    # the median total stands for its size, and every run's total is kept beside it.
    tries: dict[int, list[dict]] = {size: [] for size in sizes}
    for _ in range(repeats):
        for size in sizes:
            tries[size].append(run_once(size))
            print(
                f"[bench] {size:,} articles: {tries[size][-1]['total_wall_s']:.1f} s, "
                f"peak {tries[size][-1]['peak_rss_mb']:.0f} MB "
                f"(all processes: {tries[size][-1]['peak_pss_mb']:.0f} MB PSS)",
                flush=True,
            )
    runs = []
    for size in sizes:
        median = sorted(tries[size], key=lambda r: r["total_wall_s"])[len(tries[size]) // 2]
        runs.append(
            {
                **median,
                "all_total_wall_s": [r["total_wall_s"] for r in tries[size]],
                "all_reference": [r["reference"] for r in tries[size]],
                "max_peak_pss_mb": max(r["peak_pss_mb"] for r in tries[size]),
            }
        )
    (HERE / "results.json").write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")
    # The table goes to results_table.md; results.md is the written analysis that quotes it.
    (HERE / "results_table.md").write_text(write_markdown(runs), encoding="utf-8")
    print(write_markdown(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
