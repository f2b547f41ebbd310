#!/usr/bin/env bash
# Adversarial inputs: accordiff must stay near-linear in time and memory, degrade (and
# say so in the report's "degraded") or refuse with exit 2 — never run out of memory or
# time. Runs `accordiff compare OLD NEW -f json -o …` under GNU time on pairs made by
# benchmarks/gen_pair.py and prints wall time, peak memory and what the report says.
#
#   benchmarks/adversarial.sh [--accordiff PATH] [--size 10MB] [--data DIR]
#                             [--shapes "repeated nobreaks tiny unrelated html"]
#                             [--timeout 600]
#
# Shapes (gen_pair.py --help has the details):
#   repeated   one sentence repeated to the size, with the usual edit mix
#   nobreaks   no full stop anywhere: one single-line paragraph of comma-joined clauses
#   tiny       one-word paragraphs (about a million at 10MB)
#   unrelated  two independent documents
#   html       the `normal` pair as HTML pages (site chrome around every 50 paragraphs,
#              entities in the text): the cost of the HTML reader
# Pairs are cached in --data (default build/bench-data, shared with run_e2e.sh). A run
# past --timeout seconds is killed and reported "timeout". Exit status 0 when every
# run ended with status 0 or 1 within the time limit, 1 otherwise.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root=$(dirname -- "$script_dir")

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }
die() {
  echo "adversarial: $*" >&2
  exit 2
}
abspath() {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$PWD/$1" ;;
  esac
}

accordiff="$root/build/release/accordiff"
size="10MB"
data="$root/build/bench-data"
shapes="repeated nobreaks tiny unrelated html"
timeout_s=600
while [[ $# -gt 0 ]]; do
  case $1 in
    -h | --help) usage && exit 0 ;;
    --accordiff | --size | --data | --shapes | --timeout)
      [[ $# -ge 2 ]] || die "$1 needs a value (see --help)" ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  case $1 in
    --accordiff) accordiff=$(abspath "$2") ;;
    --size) size=$2 ;;
    --data) data=$(abspath "$2") ;;
    --shapes) shapes=$2 ;;
    --timeout) timeout_s=$2 ;;
  esac
  shift 2
done
[[ -x $accordiff ]] || die "no accordiff at $accordiff (make release, or --accordiff PATH)"
[[ -x /usr/bin/time ]] || die "needs GNU time (apt-get install time)"
command -v python3 >/dev/null || die "needs python3"

# The pair for a shape, generated once (truth.json is written last: its presence means
# the pair is complete).
pair() {
  local shape=$1 dir="$data/$1-$size"
  if [[ ! -f $dir/truth.json ]]; then
    python3 "$script_dir/gen_pair.py" --shape "$shape" --size "$size" --out "$dir" >/dev/null
  fi
  printf '%s\n' "$dir"
}

# The `normal` pair as HTML pages: paragraphs in <p>, "&" as &amp;, a navigation bar and
# a footer around every 50 paragraphs (a long page of articles), so that the reader's
# main-content search and entity decoding are on the clock.
html_pair() {
  local src dir="$data/html-$size"
  src=$(pair normal)
  if [[ ! -f $dir/done ]]; then
    mkdir -p "$dir"
    for side in old new; do
      python3 - "$src/$side.txt" "$dir/$side.html" <<'EOF'
import html, sys
text = open(sys.argv[1], encoding="utf-8").read()
paras = [p for p in text.split("\n\n") if p.strip()]
out = ['<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>Diario</title>',
       '<script>var tracking = {"page": "diario"};</script></head><body>',
       '<nav><ul><li><a href="/">Inicio</a></li><li><a href="/prensa">Prensa</a></li></ul></nav>',
       '<main>']
for k, p in enumerate(paras):
    if k % 50 == 0:
        out.append('<article><h2>Publicaci&oacute;n %d</h2>' % (k // 50 + 1))
    out.append("<p>" + html.escape(p, quote=False).replace("\n", "\n  ") + "</p>")
    if k % 50 == 49 or k == len(paras) - 1:
        out.append('<div class="share">Compartir: <a href="#">X</a></div></article>')
out.append('</main><footer>&copy; Gobierno de M&eacute;xico</footer></body></html>')
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out) + "\n")
EOF
    done
    touch "$dir/done"
  fi
  printf '%s\n' "$dir"
}

mkdir -p "$data"
out_dir=$(mktemp -d)
trap 'rm -rf "$out_dir"' EXIT
failed=0
printf '%-10s %9s %9s %10s %6s  %s\n' shape "input MB" "wall s" "peak MiB" status "report"
for shape in $shapes; do
  case $shape in
    html)
      dir=$(html_pair)
      old="$dir/old.html" new="$dir/new.html"
      ;;
    repeated | nobreaks | tiny | unrelated | normal)
      dir=$(pair "$shape")
      old="$dir/old.txt" new="$dir/new.txt"
      ;;
    *) die "unknown shape $shape" ;;
  esac
  report="$out_dir/$shape.json"
  set +e
  /usr/bin/time -f '%e %M' -o "$out_dir/time" timeout "$timeout_s" \
    "$accordiff" compare "$old" "$new" -f json -o "$report" 2>"$out_dir/err"
  status=$?
  set -e
  # GNU time prints "Command exited with non-zero status N" first when N != 0
  wall=$(tail -n 1 "$out_dir/time" | cut -d' ' -f1)
  kb=$(tail -n 1 "$out_dir/time" | cut -d' ' -f2)
  mb=$(python3 -c "import os,sys; print('%.1f' % ((os.path.getsize(sys.argv[1]) + os.path.getsize(sys.argv[2])) / 2 / 1048576))" "$old" "$new")
  if [[ $status -eq 124 ]]; then
    what="timeout after ${timeout_s}s"
    failed=1
  elif [[ $status -eq 0 || $status -eq 1 ]]; then
    what=$(python3 - "$report" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
s = r["summary"]
print("%d+%d paragraphs, %d+%d sentences; %s" % (
    r["old"]["paragraphs"], r["new"]["paragraphs"], r["old"]["sentences"], r["new"]["sentences"],
    "degraded: " + " | ".join(r["degraded"]) if r.get("degraded") else "not degraded"))
EOF
    )
  else
    what="exit $status: $(head -c 200 "$out_dir/err")"
    [[ $status -eq 2 ]] || failed=1
  fi
  printf '%-10s %9s %9s %10.0f %6s  %s\n' "$shape" "$mb" "$wall" "$(( kb / 1024 ))" "$status" "$what"
done
exit $failed
