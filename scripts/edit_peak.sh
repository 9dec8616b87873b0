#!/usr/bin/env bash
# Peak memory (KB, /usr/bin/time's %M) of the full-screen workbook on DATA_DIR through two saves: started in a
# 200 x 60 tmux session, given WAIT seconds to load, then the newest plan dropped (x, then Enter for no reason)
# and reopened (x), each save followed by the reload every save brings, then quit. CHANGES THE DATA: use a scratch copy
# (`cp -a`, then one `overture --data-dir COPY list` so that the copy's indexes are its own).
#   scripts/edit_peak.sh BINARY DATA_DIR [WAIT]
set -euo pipefail
bin=$1; dir=$2; wait=${3:-8}
session=overture-edit-$$
out=$(mktemp); config=$(mktemp -d)
tmux new -d -s "$session" -x 200 -y 60 \
  "OVERTURE_CONFIG_DIR=$config /usr/bin/time -f %M -o $out $bin --data-dir $dir"
sleep "$wait"
tmux send -t "$session" x; sleep 1; tmux send -t "$session" Enter; sleep 5
tmux send -t "$session" x; sleep 5
tmux send -t "$session" q; sleep 2
tmux kill-session -t "$session" 2>/dev/null || true
cat "$out"; rm -rf "$out" "$config"
