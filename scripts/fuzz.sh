#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (default 60 s each) on stable Rust, without a sanitizer.
#   scripts/fuzz.sh [seconds-per-target] [target...]
# Seeds each corpus from the test fixtures. A crash stops the run and leaves the input in
# fuzz/artifacts/TARGET/; turn it into a regression test in tests/ before fixing it.
# Not part of CI (CI runs the proptest properties instead): cargo-fuzz needs its own build.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(plan_parse render_update_roundtrip ladder_from_toml)
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is missing; installing it (cargo install cargo-fuzz --locked)" >&2
  cargo install cargo-fuzz --locked
fi

seed() {
  local target="$1" dir="fuzz/corpus/$1"
  mkdir -p "$dir"
  case "$target" in
    ladder_from_toml) cp -f assets/ladder.toml "$dir/seed-embedded-ladder.toml" ;;
    *)
      for f in tests/fixtures/invalid/*.toml tests/fixtures/hostile/*.toml; do
        if [ -f "$f" ]; then cp -f "$f" "$dir/seed-$(basename "$f")"; fi
      done
      ;;
  esac
}

for t in "${targets[@]}"; do
  seed "$t"
  echo "== $t for ${secs}s" >&2
  # -s none: no sanitizer, so this works on stable Rust. -rss_limit_mb and -timeout turn a memory blow-up or a
  # hang (an input that takes over 10 s) into a reported failure instead of a stuck machine.
  cargo fuzz run "$t" -s none --release -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1
done
echo "fuzz: all targets ran ${secs}s each without a crash" >&2
