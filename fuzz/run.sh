#!/usr/bin/env bash
# Runs every fuzz target for a bounded time on its corpus (what `make fuzz` and .ci/run
# do after building the `fuzz` preset).
#
#   fuzz/run.sh [BUILD_DIR] [SECONDS_PER_TARGET]     (defaults: build/fuzz, 12)
#
# New inputs go to a scratch folder, not into fuzz/corpus/: a reviewer adds the
# interesting ones by hand. A crash, a leak, undefined behaviour, a timeout (10 s for one
# input) or a violated invariant stops that target; its reproducer is kept in
# BUILD_DIR/fuzz-artifacts/ and the script exits 1 after running the others. Prints, per
# target, the executions, their rate and the coverage reached.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/fuzz}
seconds=${2:-12}
targets="fuzz_read_text fuzz_read_html fuzz_read_pdf fuzz_compare"
artifacts="$build/fuzz-artifacts"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$artifacts"
failed=0
printf '%-16s %10s %9s %8s  %s\n' target executions "exec/s" coverage result
for t in $targets; do
  bin="$build/$t"
  if [[ ! -x $bin ]]; then
    echo "fuzz: $bin is missing (cmake --preset fuzz && cmake --build --preset fuzz)" >&2
    exit 2
  fi
  mkdir -p "$scratch/$t"
  log="$scratch/$t.log"
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$t-" "$scratch/$t" "fuzz/corpus/$t" \
    >"$log" 2>&1
  status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  if [[ $status -eq 0 ]]; then
    result="ok"
  else
    result="FAILED (status $status): $(grep -m1 -E 'ERROR|invariant violated|Timeout|runtime error' "$log")"
    grep -A30 -m1 -E 'ERROR|invariant violated|runtime error' "$log" >&2
    failed=1
  fi
  printf '%-16s %10s %9s %8s  %s\n' "$t" "${runs:-?}" "${rate:-?}" "${cov:-?}" "$result"
done
exit $failed
