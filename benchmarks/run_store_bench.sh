#!/usr/bin/env bash
# Store benchmarks: predecessor discovery (precision@1, lookup time) over generated stores
# of --docs documents, and `accordiff track` throughput on a folder of fixture-like
# publications (--families × --versions files, discovered without --source).
#
#   benchmarks/run_store_bench.sh [--docs 10000,100000] [--queries 300]
#                                 [--reword 0.3] [--words 0.25]
#                                 [--families 100] [--versions 10] [--out DIR]
#                                 [--skip-throughput]
#
# --reword: share of a successor's paragraphs reworded; --words: share of the words
# replaced in each (harder successors: --reword 0.6 --words 0.4).
#
# Builds the `bench` preset (Release, LTO). Prints a table per size and the throughput;
# the stores and the folder stay in --out (default build/bench-store).
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root=$(dirname -- "$script_dir")
docs=10000,100000
queries=300
reword=0.3
words=0.25
throughput=1
families=100
versions=10
out=$root/build/bench-store
while [[ $# -gt 0 ]]; do
  case $1 in
    --docs) docs=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --reword) reword=$2; shift 2 ;;
    --words) words=$2; shift 2 ;;
    --skip-throughput) throughput=0; shift ;;
    --families) families=$2; shift 2 ;;
    --versions) versions=$2; shift 2 ;;
    --out) out=$(realpath -m -- "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run_store_bench: unknown option $1" >&2; exit 2 ;;
  esac
done

cd "$root"
cmake --preset bench >/dev/null
cmake --build --preset bench -j "$(nproc)" >/dev/null
bin=$root/build/bench
mkdir -p "$out"

echo "== predecessor discovery (stores of generated communiqués, families of 5)"
"$bin/accordiff_store_bench" --store "$out/bench.db" --docs "$docs" --queries "$queries" \
  --reword "$reword" --words "$words" |
  tee "$out/discovery.tsv" | { command -v column >/dev/null && column -t -s $'\t' || cat; }

[[ $throughput == 1 ]] || exit 0
echo
echo "== track throughput: $families sources x $versions versions, found by similarity"
rm -rf "$out/folder" "$out/track.db" "$out/track.db-wal" "$out/track.db-shm" "$out/reports"
"$bin/accordiff_store_bench" --write-folder "$out/folder" --families "$families" --versions "$versions"
n=$(ls "$out/folder" | wc -l)
bytes=$(cat "$out/folder"/*.txt | wc -c)
start=$(date +%s.%N)
status=0
"$bin/accordiff" track --store "$out/track.db" --report-dir "$out/reports" -q "$out/folder"/*.txt || status=$?
end=$(date +%s.%N)
[[ $status -le 1 ]] || { echo "run_store_bench: track failed ($status)" >&2; exit 2; }
awk -v n="$n" -v kb=$((bytes / 1024)) -v s="$start" -v e="$end" \
  'BEGIN { printf "%d publications (%d KB) in %.2f s: %.0f publications/s\n", n, kb, e - s, n / (e - s) }'
sources=$("$bin/accordiff" history --store "$out/track.db" | wc -l)
whole=$("$bin/accordiff" history --store "$out/track.db" | grep -c "  $versions versions," || true)
echo "sources found: $sources (expected $families), with all $versions versions: $whole"
