#!/usr/bin/env bash
# Side-by-side benchmark of two checkouts: the analysis stages on the same synthetic corpus, the
# checkouts taking turns (A B A B ...), so both see the same stretch of a shared machine's time.
#
#   benchmarks/compare.sh OLD_CHECKOUT NEW_CHECKOUT [SIZE=10000] [REPEATS=3]
#
# Each checkout runs with its own benchmarks/run.py (`--one SIZE`), PYTHONPATH=<checkout>/analysis
# and its own interpreter, in a fresh process per run: PYTHON_OLD and PYTHON_NEW, by default each
# checkout's .venv/bin/python (two checkouts may pin different requirements); PYTHON, when set,
# runs both. The corpus is made once, here, and linked into each checkout's benchmarks/_work/SIZE
# (gitignored) unless it already has one of that size. Prints every run, then the medians (wall
# time per stage and in total, and the total CPU time of all processes), the new/old ratio and the
# claims, copies and findings counts of both (which must be equal).
set -euo pipefail
[ $# -ge 2 ] || { sed -n 4,5p "$0" >&2; exit 2; }
OLD=$(cd "$1" && pwd); NEW=$(cd "$2" && pwd); SIZE=${3:-10000}; REPEATS=${4:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
PYTHON_OLD=${PYTHON:-${PYTHON_OLD:-$OLD/.venv/bin/python}}
PYTHON_NEW=${PYTHON:-${PYTHON_NEW:-$NEW/.venv/bin/python}}
PYTHON=$PYTHON_NEW  # makes the corpus and the summary
CORPUS=$HERE/_work/$SIZE
if [ "$(ls "$CORPUS/seeds" 2>/dev/null | wc -l)" != "$SIZE" ]; then
  "$PYTHON" -c "import sys; sys.path.insert(0, '$HERE'); from pathlib import Path; \
from synth import write_corpus; write_corpus(Path('$CORPUS'), $SIZE)"
fi
for checkout in "$OLD" "$NEW"; do
  target=$checkout/benchmarks/_work/$SIZE
  if [ "$target" != "$CORPUS" ] && [ "$(ls "$target/seeds" 2>/dev/null | wc -l)" != "$SIZE" ]; then
    mkdir -p "$checkout/benchmarks/_work" && rm -rf "$target" && ln -s "$CORPUS" "$target"
  fi
done
cat "$CORPUS"/seeds/*.txt > /dev/null  # into the page cache before the first run
OUT=$(mktemp -d)
for round in $(seq "$REPEATS"); do
  for side in old new; do
    checkout=$OLD python=$PYTHON_OLD
    [ $side = new ] && checkout=$NEW python=$PYTHON_NEW
    PYTHONPATH=$checkout/analysis "$python" "$checkout/benchmarks/run.py" --one "$SIZE" \
      2>>"$OUT/$side.err" | tail -1 > "$OUT/$side.$round.json"
    "$PYTHON" -c "import json; r = json.load(open('$OUT/$side.$round.json')); \
print(f\"[compare] round $round $side: {r['total_wall_s']:.1f} s\", \
{k: v['wall_s'] for k, v in r['stages'].items()})"
  done
done
"$PYTHON" - "$OUT" "$REPEATS" "$SIZE" "$OLD" "$NEW" <<'PY'
import json, statistics, sys
out, repeats, size, old, new = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *sys.argv[4:]
runs = {s: [json.load(open(f"{out}/{s}.{n}.json")) for n in range(1, repeats + 1)] for s in ("old", "new")}
median = {s: statistics.median(r["total_wall_s"] for r in rs) for s, rs in runs.items()}
stages = list(runs["old"][0]["stages"])
print(f"\n{size:,} articles, {repeats} alternating runs each; old = {old}, new = {new}\n")
print("| | " + " | ".join(stages) + " | total (median) | every run | CPU (median) | claims | copies | findings |")
print("|---|" + "---:|" * (len(stages) + 6))
for side, rs in runs.items():
    per_stage = " | ".join(f"{statistics.median(r['stages'][s]['wall_s'] for r in rs):.2f}" for s in stages)
    counts = {(r["claims"], r["copies"], r["findings"]) for r in rs}
    c = " | ".join(map(str, sorted(counts)[0])) if len(counts) == 1 else f"differ: {counts}"
    cpu = statistics.median(r["total_cpu_s"] for r in rs)
    print(f"| {side} | {per_stage} | {median[side]:.1f} | "
          + ", ".join(f"{r['total_wall_s']:.1f}" for r in rs) + f" | {cpu:.1f} | {c} |")
same = {(r["claims"], r["copies"], r["findings"]) for rs in runs.values() for r in rs}
cpu = {s: statistics.median(r["total_cpu_s"] for r in rs) for s, rs in runs.items()}
print(f"\nnew/old = {median['new'] / median['old']:.2f} (wall), {cpu['new'] / cpu['old']:.2f} (CPU); counts "
      + ("identical" if len(same) == 1 else f"DIFFER {same}"))
PY
