#!/usr/bin/env bash
# End-to-end benchmark of issue 7: accordiff against git diff --word-diff (the reference)
# and, when installed, GNU diff, wdiff, dwdiff, the difflib paragraph baseline and
# diff-match-patch word by word, on generated pairs, with the targets checked PASS/FAIL.
#
#   benchmarks/run_e2e.sh [--accordiff PATH] [--sizes "100KB 1MB 10MB 50MB"] [--reps 3]
#                         [--out DIR] [--data DIR] [--lang es|en] [--shapes "normal"]
#                         [--adversarial "unrelated repeated nobreaks tiny"]
#                         [--adversarial-size 10MB] [--timeout 120] [--main-timeout 1800]
#                         [--once-after 30] [--stages PATH] [--no-callgrind] [--quick]
#
# What runs, per pair (old.txt, new.txt), every tool on the same files in the same run:
#   accordiff           accordiff compare OLD NEW -f json -o /dev/null (the full comparison)
#   accordiff-text      accordiff compare OLD NEW -f text -o /dev/null
#   git-word-diff       git diff --no-index --word-diff=porcelain   (the reference: "x git")
#   gnu-diff            diff OLD NEW                                (line diff, for scale)
#   wdiff, dwdiff       word diffs (packages wdiff, dwdiff)
#   difflib-paragraphs  benchmarks/difflib_paragraphs.py (Python difflib on paragraphs)
#   dmp-words           benchmarks/dmp_words.py: diff-match-patch, word mode, no deadline;
#                       the Python port (python3-diff-match-patch): Debian has no Node one
#   accordiff-similar   on the unrelated pair only: accordiff -f json on the normal pair of
#                       the same size, in turn with the unrelated runs (the unrelated
#                       target's denominator, timed in the same minutes: a run's figures
#                       drift by 10% over the quarter of an hour between the two rows)
# Missing tools are skipped and listed; scripts/setup.sh --bench installs them all.
#
# Pairs come from benchmarks/gen_pair.py, cached in --data (default build/bench-data) and
# reused while the generator is unchanged: the --shapes at every --sizes, then the
# --adversarial shapes at --adversarial-size (accordiff, git and GNU diff only: the slow
# baselines would only time out). For each pair every tool runs --reps times, alternating
# tools within each repetition so that drift in machine load hits all of them alike.
# Wall time and peak RSS come from GNU time; the table shows medians. Every tool's output
# goes to /dev/null, as the issue asks (git's and the others' on standard output): a
# report written to a file also times the file system (the 10MB pair's JSON report is
# 92 MB, which took 41 ms more to write into a new file than to /dev/null). Before its
# timed runs on a pair, accordiff writes its JSON report once to a file, untimed, which is
# checked to parse (runs.tsv notes its size on the first run).
#
# Limits: the baselines get --timeout seconds (reported "timeout", not retried, and not
# run at the larger sizes of that shape); accordiff and git get --main-timeout. A baseline
# whose first run takes more than --once-after seconds is not repeated (the targets ask
# for ratios of 10, which one run settles).
#
# Then: callgrind's total instruction count (Ir) of accordiff -f json on the 1MB pair,
# which repeats exactly on a loaded machine (needs valgrind; --no-callgrind skips it);
# with --stages PATH, the stage benchmarks (benchmarks/stages.cpp, built by the bench
# preset) on the 1MB pair; and the targets of issue 7 at 10MB and 50MB, PASS or FAIL:
#   accordiff (-f json) median wall <= 2x git diff --word-diff's, in the same run
#   accordiff at least 10x faster than wdiff, difflib-paragraphs and dmp-words
#   accordiff peak RSS (worst run) <= 3x the combined input size
#   accordiff 50MB median <= 6x its 10MB median
#   accordiff on the unrelated 10MB pair < 3x the normal 10MB pair (accordiff-similar's
#     median when it ran, the normal 10MB row's otherwise)
# A target whose measurements are missing prints "n/a" and why.
#
# --quick is --sizes "100KB 1MB" --reps 1 --adversarial-size 1MB --timeout 30: a smoke
# run of a minute or two (the targets are then n/a).
#
# Writes DIR/results.json (everything above, plus the machine: CPU, cores, RAM, kernel,
# load average before and after, tool versions), DIR/runs.tsv (every run) and, for
# failed runs, DIR/logs/. Exit status 0 (also when a target fails: it is a measurement,
# not a test), 2 on bad usage or a missing requirement. Paths given on the command line
# are relative to the current directory; the defaults are relative to the repository.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root=$(dirname -- "$script_dir")

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}
die() {
  echo "run_e2e: $*" >&2
  exit 2
}
abspath() {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$PWD/$1" ;;
  esac
}

accordiff="$root/build/release/accordiff"
sizes="100KB 1MB 10MB 50MB"
reps=3
out="$root/build/bench-e2e"
data="$root/build/bench-data"
lang="es"
shapes="normal"
timeout_s=120
main_timeout_s=1800
adversarial="unrelated repeated nobreaks tiny"
adversarial_size="10MB"
once_after=30
stages_bin=""
callgrind=1

while [[ $# -gt 0 ]]; do
  case $1 in
    -h | --help) usage && exit 0 ;;
    --no-callgrind)
      callgrind=0
      shift
      continue
      ;;
    --quick)
      sizes="100KB 1MB" reps=1 adversarial_size="1MB" timeout_s=30
      shift
      continue
      ;;
    --accordiff | --sizes | --reps | --out | --data | --lang | --shapes | --timeout | \
      --main-timeout | --adversarial | --adversarial-size | --once-after | --stages)
      [[ $# -ge 2 ]] || die "$1 needs a value (see --help)"
      ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  case $1 in
    --accordiff) accordiff=$(abspath "$2") ;;
    --sizes) sizes=$2 ;;
    --reps) reps=$2 ;;
    --out) out=$(abspath "$2") ;;
    --data) data=$(abspath "$2") ;;
    --lang) lang=$2 ;;
    --shapes) shapes=$2 ;;
    --timeout) timeout_s=$2 ;;
    --main-timeout) main_timeout_s=$2 ;;
    --adversarial) adversarial=$2 ;;
    --adversarial-size) adversarial_size=$2 ;;
    --once-after) once_after=$2 ;;
    --stages) stages_bin=$(abspath "$2") ;;
  esac
  shift 2
done

[[ $reps =~ ^[1-9][0-9]*$ ]] || die "--reps must be a positive integer"
[[ $timeout_s =~ ^[1-9][0-9]*$ && $main_timeout_s =~ ^[1-9][0-9]*$ && $once_after =~ ^[0-9]+$ ]] ||
  die "--timeout, --main-timeout and --once-after are whole seconds"
[[ $lang == es || $lang == en ]] || die "--lang is es or en"
for s in $sizes $adversarial_size; do
  [[ $s =~ ^[0-9]+(\.[0-9]+)?([KkMmGg](i?[Bb])?)?$ ]] || die "bad size '$s' (try 100KB 1MB 10MB 50MB)"
done
for s in $shapes $adversarial; do
  case $s in normal | unrelated | repeated | nobreaks | tiny) ;; *) die "unknown shape '$s'" ;; esac
done

# --- what we need ---------------------------------------------------------------------
gnu_time=/usr/bin/time
if [[ ! -x $gnu_time ]] || ! "$gnu_time" --version 2>&1 | grep -q 'GNU'; then
  die "GNU time is missing at $gnu_time (the shell keyword 'time' cannot report peak RSS).
Install the Debian package 'time': apt-get install time   (or: scripts/setup.sh --bench)"
fi
command -v python3 >/dev/null || die "python3 is needed (pair generator, summary)"
# The interpreter itself, not a launcher: a pyenv shim would add ~0.5 s to every timed
# run of the difflib baseline.
py=$(python3 -c 'import sys; print(sys.executable)')
command -v git >/dev/null || die "git is needed: git diff --word-diff is the reference"
command -v timeout >/dev/null || die "timeout (coreutils) is needed"
[[ -x $accordiff && ! -d $accordiff ]] ||
  die "no accordiff binary at $accordiff: build it (build/release/accordiff) or pass --accordiff PATH"
if [[ -n $stages_bin ]]; then
  [[ -x $stages_bin && ! -d $stages_bin ]] ||
    die "no stage benchmark at $stages_bin: cmake --build --preset bench --target accordiff_stages_bench"
fi

tools=(accordiff accordiff-text git-word-diff)
skipped=()
if command -v diff >/dev/null && diff --version 2>/dev/null | grep -q GNU; then
  tools+=(gnu-diff)
else
  skipped+=("gnu-diff (not installed: package diffutils)")
fi
for t in wdiff dwdiff; do
  if command -v "$t" >/dev/null; then
    tools+=("$t")
  else
    skipped+=("$t (not installed: package $t)")
  fi
done
tools+=(difflib-paragraphs)
# diff-match-patch from Debian lives in /usr/lib/python3/dist-packages, which another
# python3 (pyenv, a venv) does not see: use the first interpreter that can import it.
dmp_py=""
for candidate in "$py" /usr/bin/python3; do
  if [[ -x $candidate ]] && "$candidate" -c 'import diff_match_patch' 2>/dev/null; then
    dmp_py=$candidate
    break
  fi
done
if [[ -n $dmp_py ]]; then
  tools+=(dmp-words)
else
  skipped+=("dmp-words (not installed: package python3-diff-match-patch)")
fi
# Tools timed on the adversarial pairs: the slow baselines would only time out there.
adversarial_tools=(accordiff git-word-diff)
[[ " ${tools[*]} " == *" gnu-diff "* ]] && adversarial_tools+=(gnu-diff)
valgrind_bin=""
if ((callgrind)); then
  valgrind_bin=$(command -v valgrind || true)
  [[ -n $valgrind_bin ]] || skipped+=("callgrind (not installed: package valgrind)")
fi

mkdir -p "$out" "$data"
rm -rf "$out/logs" "$out/scratch"
mkdir -p "$out/logs" "$out/scratch"
runs_tsv="$out/runs.tsv"
printf 'shape\tsize\ttool\trep\tstatus\twall_s\trss_kib\trc\tnote\n' >"$runs_tsv"
# accordiff's report of each pair, written once untimed and checked (the timed runs write
# to /dev/null, which accordiff writes in place: it renames only over regular files).
report="$out/scratch/accordiff.json"

# --- pairs -------------------------------------------------------------------------------
gen="$script_dir/gen_pair.py"
gen_stamp=$(sha256sum "$gen" | cut -d' ' -f1)
pair_dir() { printf '%s/%s-%s-%s\n' "$data" "$lang" "$1" "$2"; }
ensure_pair() {
  local dir
  dir=$(pair_dir "$1" "$2")
  if [[ -f $dir/truth.json && -f $dir/.generator && $(<"$dir/.generator") == "$gen_stamp" ]]; then
    echo "run_e2e: reusing $dir" >&2
    return
  fi
  echo "run_e2e: generating $dir" >&2
  rm -f "$dir/.generator"
  "$py" "$gen" --size "$2" --lang "$lang" --shape "$1" --out "$dir" >/dev/null
  echo "$gen_stamp" >"$dir/.generator"
}

# The cases, in order: "shape size kind", kind main (every tool) or adversarial.
cases=()
for shape in $shapes; do
  for size in $sizes; do cases+=("$shape $size main"); done
done
for shape in $adversarial; do
  [[ " ${cases[*]} " == *" $shape $adversarial_size main "* ]] || cases+=("$shape $adversarial_size adversarial")
done
for c in "${cases[@]}"; do
  read -r shape size _ <<<"$c"
  ensure_pair "$shape" "$size"
  # (accordiff-similar times the normal pair of the unrelated one's size beside it)
  [[ $shape != unrelated ]] || ensure_pair normal "$size"
done
callgrind_size=1MB
[[ -z $valgrind_bin && -z $stages_bin ]] || ensure_pair normal "$callgrind_size"

# --- runs --------------------------------------------------------------------------------
# Sets cmd (argv) and limit (seconds) for a tool on a pair.
set_cmd() {
  local tool=$1 old=$2 new=$3
  limit=$timeout_s
  case $tool in
    accordiff)
      limit=$main_timeout_s
      cmd=("$accordiff" compare "$old" "$new" -f json -o /dev/null)
      ;;
    accordiff-text)
      limit=$main_timeout_s
      cmd=("$accordiff" compare "$old" "$new" -f text -o /dev/null)
      ;;
    accordiff-similar)
      limit=$main_timeout_s
      local similar
      similar=$(pair_dir normal "$size")
      cmd=("$accordiff" compare "$similar/old.txt" "$similar/new.txt" -f json -o /dev/null)
      ;;
    git-word-diff)
      limit=$main_timeout_s
      # No system or user git config: the default diff algorithm, whoever runs this.
      cmd=(env GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
        git --no-pager diff --no-index --word-diff=porcelain "$old" "$new")
      ;;
    gnu-diff) cmd=(diff "$old" "$new") ;;
    wdiff) cmd=(wdiff "$old" "$new") ;;
    dwdiff) cmd=(dwdiff "$old" "$new") ;;
    difflib-paragraphs) cmd=("$py" "$script_dir/difflib_paragraphs.py" "$old" "$new") ;;
    dmp-words) cmd=("$dmp_py" "$script_dir/dmp_words.py" "$old" "$new") ;;
    *) die "internal: unknown tool $tool" ;;
  esac
}
is_main_tool() {
  [[ $1 == accordiff || $1 == accordiff-text || $1 == accordiff-similar || $1 == git-word-diff ]]
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true; }
load_before=$(loadavg)
# The commit measured: taken now, since the tree may move while a long run goes on.
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || true)
dirty=$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null | head -n 1 || true)
started=$(date +%s)
declare -A timed_out=() # shape/tool -> size it timed out at
declare -A once=()      # shape/size/tool -> first run was slower than --once-after
tfile="$out/scratch/time.txt"
for c in "${cases[@]}"; do
  read -r shape size kind <<<"$c"
  dir=$(pair_dir "$shape" "$size")
  old="$dir/old.txt" new="$dir/new.txt"
  if [[ $kind == main ]]; then case_tools=("${tools[@]}"); else case_tools=("${adversarial_tools[@]}"); fi
  if [[ $shape == unrelated ]]; then # accordiff-similar right after accordiff
    with=()
    for t in "${case_tools[@]}"; do
      with+=("$t")
      [[ $t != accordiff ]] || with+=(accordiff-similar)
    done
    case_tools=("${with[@]}")
    cat "$(pair_dir normal "$size")"/{old,new}.txt >/dev/null
  fi
  cat "$old" "$new" >/dev/null # into the page cache, so no tool pays for the first read
  # The report, once, untimed: it must be JSON (the timed runs write it to /dev/null).
  report_note=""
  if [[ " ${case_tools[*]} " == *" accordiff "* && -z ${timed_out[$shape/accordiff]:-} ]]; then
    rm -f "$report"
    rc=0
    timeout -k 5 "$main_timeout_s" "$accordiff" compare "$old" "$new" -f json -o "$report" \
      >/dev/null 2>"$out/logs/$shape-$size-report.stderr" || rc=$?
    if [[ $rc -gt 1 ]]; then
      report_note="report run: exit $rc, see logs/$shape-$size-report.stderr"
    elif [[ ! -s $report ]]; then
      report_note="wrote no report"
    elif "$py" -c 'import json,sys; json.load(open(sys.argv[1]))' "$report" 2>/dev/null; then
      report_note="report $(stat -c %s "$report") bytes, exit $rc"
      rm -f "$out/logs/$shape-$size-report.stderr"
    else
      report_note="report is not JSON"
    fi
    rm -f "$report"
  fi
  for ((rep = 1; rep <= reps; rep++)); do
    for tool in "${case_tools[@]}"; do
      key="$shape/$size/$tool"
      if [[ -n ${timed_out[$shape/$tool]:-} ]]; then
        if [[ ${timed_out[$shape/$tool]} == "$size" ]]; then
          note="earlier run timed out"
        else
          note="not run: timed out at ${timed_out[$shape/$tool]}"
        fi
        printf '%s\t%s\t%s\t%d\tskipped\t\t\t\t%s\n' "$shape" "$size" "$tool" "$rep" "$note" >>"$runs_tsv"
        continue
      fi
      if [[ -n ${once[$key]:-} ]]; then
        printf '%s\t%s\t%s\t%d\tskipped\t\t\t\tfirst run over %ss: run once\n' \
          "$shape" "$size" "$tool" "$rep" "$once_after" >>"$runs_tsv"
        continue
      fi
      set_cmd "$tool" "$old" "$new"
      rm -f "$tfile"
      log="$out/logs/$shape-$size-$tool-$rep.stderr"
      rc=0
      # timeout inside time: time still reports when the limit is hit, and timeout
      # kills the tool's whole process group (wdiff runs diff as a child).
      "$gnu_time" -f '%e %M' -o "$tfile" timeout -k 5 "$limit" "${cmd[@]}" >/dev/null 2>"$log" || rc=$?
      # time puts "Command exited with non-zero status N" first; the figures are last.
      wall="" rss=""
      read -r wall rss < <(tail -n 1 "$tfile" 2>/dev/null) || true
      note=""
      case $rc in
        0 | 1) status=ok ;; # diff tools: 0 same, 1 different
        124 | 137)
          status=timeout
          timed_out[$shape/$tool]=$size
          note="limit ${limit}s"
          ;;
        *) status=error note="exit $rc, see logs/${log##*/}" ;;
      esac
      if [[ $status == ok && $rep -eq 1 ]] && ! is_main_tool "$tool" &&
        [[ ${wall:-0} =~ ^[0-9]+ && ${BASH_REMATCH[0]} -ge $once_after ]]; then
        once[$key]=1
      fi
      [[ $tool != accordiff || $status != ok || $rep -ne 1 ]] || note=$report_note
      [[ $status == error ]] || rm -f "$log"
      printf '%s\t%s\t%s\t%d\t%s\t%s\t%s\t%d\t%s\n' \
        "$shape" "$size" "$tool" "$rep" "$status" "${wall:-}" "${rss:-}" "$rc" "$note" >>"$runs_tsv"
      printf 'run_e2e: %s %s rep %d/%d %-18s %s %ss %s KiB %s\n' \
        "$shape" "$size" "$rep" "$reps" "$tool" "$status" "${wall:-?}" "${rss:-?}" "$note" >&2
    done
  done
done
runs_seconds=$(($(date +%s) - started))

# --- callgrind ---------------------------------------------------------------------------
# Instructions executed (Ir) do not depend on the machine's load, unlike wall time: the
# number to watch from commit to commit on a shared machine.
callgrind_json="$out/callgrind.json"
rm -f "$callgrind_json"
if [[ -n $valgrind_bin ]]; then
  dir=$(pair_dir normal "$callgrind_size")
  cg_out="$out/scratch/callgrind.out"
  echo "run_e2e: callgrind on normal $callgrind_size (about 50x slower than a plain run)" >&2
  rc=0
  "$gnu_time" -f '%e' -o "$tfile" "$valgrind_bin" --tool=callgrind --callgrind-out-file="$cg_out" \
    "$accordiff" compare "$dir/old.txt" "$dir/new.txt" -f json -o "$report" \
    >/dev/null 2>"$out/logs/callgrind.stderr" || rc=$?
  ir=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p; s/^summary: *\([0-9]*\).*/\1/p' "$cg_out" 2>/dev/null | head -n 1)
  if [[ ($rc -eq 0 || $rc -eq 1) && -n $ir ]]; then
    rm -f "$out/logs/callgrind.stderr"
    printf '{"pair": "normal-%s", "command": "accordiff compare OLD NEW -f json -o FILE", "ir": %s, "valgrind": "%s", "seconds_under_valgrind": %s}\n' \
      "$callgrind_size" "$ir" "$("$valgrind_bin" --version)" "$(tail -n 1 "$tfile")" >"$callgrind_json"
    echo "run_e2e: callgrind Ir = $ir" >&2
  else
    echo "run_e2e: callgrind failed (exit $rc), see $out/logs/callgrind.stderr" >&2
  fi
fi

# --- stage benchmarks --------------------------------------------------------------------
stages_json="$out/stages.json"
rm -f "$stages_json"
if [[ -n $stages_bin ]]; then
  echo "run_e2e: stage benchmarks on normal $callgrind_size ($stages_bin)" >&2
  "$stages_bin" --pair "$(pair_dir normal "$callgrind_size")" --benchmark_min_time=0.2 \
    --benchmark_out="$stages_json" --benchmark_out_format=json >&2 ||
    echo "run_e2e: the stage benchmarks failed" >&2
fi
load_after=$(loadavg)
rm -rf "$out/scratch"
rmdir "$out/logs" 2>/dev/null || true # only kept when a run failed

for s in "${skipped[@]}"; do echo "run_e2e: skipped $s" >&2; done

# --- summary -----------------------------------------------------------------------------
BENCH_ACCORDIFF=$accordiff BENCH_ROOT=$root BENCH_DATA=$data BENCH_LANG=$lang \
  BENCH_REPS=$reps BENCH_TIMEOUT=$timeout_s BENCH_MAIN_TIMEOUT=$main_timeout_s \
  BENCH_ONCE_AFTER=$once_after BENCH_CASES=$(printf '%s\n' "${cases[@]}") \
  BENCH_SKIPPED=$(printf '%s\n' "${skipped[@]}") BENCH_DMP_PY=$dmp_py \
  BENCH_LOAD_BEFORE=$load_before BENCH_LOAD_AFTER=$load_after BENCH_SECONDS=$runs_seconds \
  BENCH_CALLGRIND=$callgrind_json BENCH_STAGES=$stages_json \
  BENCH_COMMIT=$commit BENCH_DIRTY=$dirty \
  "$py" "$script_dir/e2e_summary.py" "$runs_tsv" "$out/results.json"
