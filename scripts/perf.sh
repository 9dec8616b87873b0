#!/usr/bin/env bash
# Reproduces the command-line numbers in docs/PERFORMANCE.md: `overture list --json` against merely reading the
# plan files, at 1,000, 10,000 and 50,000 plans, with warm and cold caches, and peak memory.
#   scripts/perf.sh                 # all sizes
#   SIZES="10000" scripts/perf.sh   # one size
# Needs hyperfine (apt-get install hyperfine). Cold runs drop the page cache, which needs root; without it they
# are skipped and the report says so.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin overture --example gen
BIN=$PWD/target/release/overture
GEN=$PWD/target/release/examples/gen
ROOT=${PERF_DIR:-/tmp/overture-perf}
SIZES=${SIZES:-"1000 10000 50000"}
OUT=${PERF_OUT:-$ROOT/results}
mkdir -p "$ROOT" "$OUT"
export OVERTURE_CONFIG_DIR=$ROOT/config
mkdir -p "$OVERTURE_CONFIG_DIR"

can_drop=0
if sync && echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; then can_drop=1; fi
drop='sync; echo 3 > /proc/sys/vm/drop_caches'

for n in $SIZES; do
  d=$ROOT/wb$n
  [ -d "$d/plans" ] || "$GEN" --plans "$n" --dir "$d"
  cd "$d"
  # The shell cannot pass 50,000 names to one cat (the argument list is too long): find batches them.
  if [ "$n" -gt 20000 ]; then read_all="find plans -name '*.toml' -exec cat {} + > /dev/null"
  else read_all="cat plans/*.toml > /dev/null"; fi
  list="$BIN --data-dir $d list --json > /dev/null"
  "$BIN" --data-dir "$d" list --json > /dev/null   # build the index
  echo "== $n plans: warm page cache, index present"
  hyperfine --warmup 3 --runs 20 --export-markdown "$OUT/warm-$n.md" -n cat "$read_all" -n "list --json" "$list"
  echo "== $n plans: warm page cache, no index (first run, or after the cache folder was removed)"
  hyperfine --runs 5 --prepare "rm -f $d/cache/index" --export-markdown "$OUT/noindex-$n.md" \
    -n cat "$read_all" -n "list --json" "$list"
  "$BIN" --data-dir "$d" list --json > /dev/null
  if [ "$can_drop" = 1 ]; then
    echo "== $n plans: cold page cache (dropped before each run), index present"
    hyperfine --runs 5 --prepare "$drop" --export-markdown "$OUT/cold-$n.md" -n cat "$read_all" -n "list --json" "$list"
  else
    echo "== $n plans: cold runs skipped (cannot drop the page cache here)"
  fi
  echo "== $n plans: peak memory (KB)"
  for args in "list" "list --json" "stakeholders" "stats"; do
    kb=$( { /usr/bin/time -f "%M" "$BIN" --data-dir "$d" $args > /dev/null; } 2>&1 | tail -1)
    echo "$args: $kb" | tee -a "$OUT/memory-$n.txt"
  done
  cd - > /dev/null
done
