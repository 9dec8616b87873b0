#!/usr/bin/env bash
# Peak memory (KB, /usr/bin/time's %M) of the full-screen workbook on DATA_DIR, started in a 200 x 60 tmux session
# and given WAIT seconds to load the whole catalog, then one of:
#   browse (the default): /fortnight, the reflection (R), the stakeholders (S), quit;
#   save: the newest plan dropped (x, then Enter for no reason) and reopened (x), each a save, then quit.
#     This CHANGES THE DATA: use a scratch copy (`cp -a`, then one `overture --data-dir COPY list` so that the
#     copy's indexes are its own).
#   scripts/workbook_peak.sh BINARY DATA_DIR [WAIT] [browse|save]
# Used for the workbook's figures in docs/PERFORMANCE.md; needs tmux. The config folder is a temporary one.
set -euo pipefail
bin=$1; dir=$2; wait=${3:-8}; scenario=${4:-browse}
session=overture-peak-$$
out=$(mktemp); config=$(mktemp -d)
tmux new -d -s "$session" -x 200 -y 60 \
  "OVERTURE_CONFIG_DIR=$config /usr/bin/time -f %M -o $out $bin --data-dir $dir"
sleep "$wait"
case $scenario in
  browse)
    tmux send -t "$session" / ; sleep 0.5; tmux send -t "$session" -l fortnight; sleep 2
    tmux send -t "$session" Escape; sleep 1
    tmux send -t "$session" R; sleep 4; tmux send -t "$session" Escape; sleep 1
    tmux send -t "$session" S; sleep 4; tmux send -t "$session" Escape; sleep 1
    tmux send -t "$session" C-c; sleep 2 ;;
  save)
    tmux send -t "$session" x; sleep 1; tmux send -t "$session" Enter; sleep 5
    tmux send -t "$session" x; sleep 5
    tmux send -t "$session" q; sleep 2 ;;
  *) echo "unknown scenario: $scenario (browse or save)" >&2 ;;
esac
tmux kill-session -t "$session" 2>/dev/null || true
cat "$out"; rm -rf "$out" "$config"
