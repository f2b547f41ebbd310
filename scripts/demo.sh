#!/usr/bin/env bash
# The demo of `make demo`: compares the McAllen communiqué of the Security
# Implementation Group with the 11 December one, prints the text report and writes
# the JSON report beside it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/build/dev/accordiff}"
out="$root/build/demo"
mkdir -p "$out"
old="fixtures/gis/es/old.txt"
new="fixtures/gis/es/new.txt"
cd "$root"
echo "\$ accordiff compare $old $new"
status=0
"$bin" compare "$old" "$new" --color=auto || status=$?
[[ $status -le 1 ]] || exit "$status"
"$bin" compare "$old" "$new" -f json -o "$out/gis-es.json" || [[ $? -eq 1 ]]
"$bin" compare fixtures/gis/en/old.txt fixtures/gis/en/new.txt -f json -o "$out/gis-en.json" ||
  [[ $? -eq 1 ]]
echo
echo "compared:     $root/$old"
echo "        with: $root/$new"
echo "JSON report:  $out/gis-es.json (English pair: $out/gis-en.json)"
echo "exit status:  $status (0 no change, 1 changed, 2 trouble)"
