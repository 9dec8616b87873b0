#!/usr/bin/env bash
# Peak memory (KB, /usr/bin/time's %M) of the full-screen workbook on DATA_DIR: started in a 200 x 60 tmux session,
# given WAIT seconds to load the whole catalog, then /fortnight, the reflection (R), the stakeholders (S), quit.
#   scripts/workbook_peak.sh BINARY DATA_DIR [WAIT]
# Used for the workbook column of docs/PERFORMANCE.md; needs tmux. The config folder is a temporary one.
set -euo pipefail
bin=$1; dir=$2; wait=${3:-8}
session=overture-peak-$$
out=$(mktemp); config=$(mktemp -d)
tmux new -d -s "$session" -x 200 -y 60 \
  "OVERTURE_CONFIG_DIR=$config /usr/bin/time -f %M -o $out $bin --data-dir $dir"
sleep "$wait"
tmux send -t "$session" / ; sleep 0.5; tmux send -t "$session" -l fortnight; sleep 2
tmux send -t "$session" Escape; sleep 1
tmux send -t "$session" R; sleep 4; tmux send -t "$session" Escape; sleep 1
tmux send -t "$session" S; sleep 4; tmux send -t "$session" Escape; sleep 1
tmux send -t "$session" C-c; sleep 2
tmux kill-session -t "$session" 2>/dev/null || true
cat "$out"; rm -rf "$out" "$config"
