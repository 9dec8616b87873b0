#!/usr/bin/env bash
# Medians over RUNS alternating runs of: reading every plan file (cat), `list --json` with the indexes present, and
# `list --json` with no index (the cache folder removed first: a first run); then the first run's peak memory.
#   scripts/first_run.sh BINARY DATA_DIR [RUNS]
# Used for docs/PERFORMANCE.md where hyperfine is not installed. It removes DATA_DIR/cache.
set -euo pipefail
bin=$1; dir=$2; runs=${3:-5}
export OVERTURE_CONFIG_DIR=${OVERTURE_CONFIG_DIR:-$(mktemp -d)}
n=$(find "$dir/plans" -maxdepth 1 -name '*.toml' | wc -l)
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { local s; s=$(date +%s%N); eval "$1" > /dev/null 2>&1; echo $(( ($(date +%s%N) - s) / 1000000 )); }
# Past about 20,000 names the shell cannot pass them all to one cat.
read_all="find '$dir/plans' -name '*.toml' -exec cat {} + > /dev/null"
list="'$bin' --data-dir '$dir' list --json"
eval "$list" > /dev/null
c=(); w=(); x=()
for _ in $(seq "$runs"); do
  c+=("$(ms "$read_all")")
  w+=("$(ms "$list")")
  rm -rf "$dir/cache"
  x+=("$(ms "$list")")
done
rm -rf "$dir/cache"
peak=$( { /usr/bin/time -f %M "$bin" --data-dir "$dir" list --json > /dev/null; } 2>&1 | tail -1)
echo "$n plans: cat $(printf '%s\n' "${c[@]}" | med) ms | list --json $(printf '%s\n' "${w[@]}" | med) ms" \
  "| no index $(printf '%s\n' "${x[@]}" | med) ms (runs: ${x[*]}; cat: ${c[*]}) | no-index peak $peak KB"
