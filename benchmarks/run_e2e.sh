#!/usr/bin/env bash
# End-to-end benchmark: accordiff against git diff --word-diff (the reference) and, when
# installed, GNU diff, wdiff and the difflib paragraph baseline, on generated pairs.
#
#   benchmarks/run_e2e.sh [--accordiff PATH] [--sizes "10MB"] [--reps 3] [--out DIR]
#                         [--data DIR] [--lang es|en] [--shapes "normal"]
#                         [--timeout 120] [--main-timeout 1800]
#
# Pairs come from benchmarks/gen_pair.py, cached in --data (default build/bench-data)
# and reused while the generator is unchanged. For each (shape, size) every tool runs
# --reps times, alternating tools within each repetition so that drift in machine load
# hits all of them alike. Wall time and peak RSS come from GNU time. The baselines get
# --timeout seconds (reported "timeout", and not retried); accordiff and git get
# --main-timeout. Prints a table and writes DIR/results.json, DIR/runs.tsv and, for
# failed runs, DIR/logs/. Paths given on the command line are relative to the current
# directory; the defaults are relative to the repository root.
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
sizes="10MB"
reps=3
out="$root/build/bench-e2e"
data="$root/build/bench-data"
lang="es"
shapes="normal"
timeout_s=120
main_timeout_s=1800

while [[ $# -gt 0 ]]; do
  case $1 in
    -h | --help) usage && exit 0 ;;
    --accordiff | --sizes | --reps | --out | --data | --lang | --shapes | --timeout | --main-timeout)
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
  esac
  shift 2
done

[[ $reps =~ ^[1-9][0-9]*$ ]] || die "--reps must be a positive integer"
[[ $timeout_s =~ ^[1-9][0-9]*$ && $main_timeout_s =~ ^[1-9][0-9]*$ ]] ||
  die "timeouts are whole seconds"
[[ $lang == es || $lang == en ]] || die "--lang is es or en"
for s in $sizes; do
  [[ $s =~ ^[0-9]+(\.[0-9]+)?([KkMmGg](i?[Bb])?)?$ ]] || die "bad size '$s' (try 100KB 1MB 10MB 50MB)"
done
for s in $shapes; do
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

tools=(accordiff git-word-diff)
skipped=()
if command -v diff >/dev/null && diff --version 2>/dev/null | grep -q GNU; then
  tools+=(gnu-diff)
else
  skipped+=("gnu-diff (not installed: package diffutils)")
fi
if command -v wdiff >/dev/null; then
  tools+=(wdiff)
else
  skipped+=("wdiff (not installed: package wdiff)")
fi
tools+=(difflib-paragraphs)

mkdir -p "$out" "$data"
rm -rf "$out/logs" "$out/scratch"
mkdir -p "$out/logs" "$out/scratch"
runs_tsv="$out/runs.tsv"
printf 'shape\tsize\ttool\trep\tstatus\twall_s\trss_kib\trc\tnote\n' >"$runs_tsv"
# accordiff writes its report here rather than to /dev/null: a tool that writes its
# output atomically (temp file + rename) would replace /dev/null itself when run as root.
report="$out/scratch/accordiff.json"

# --- pairs -------------------------------------------------------------------------------
gen="$script_dir/gen_pair.py"
gen_stamp=$(sha256sum "$gen" | cut -d' ' -f1)
pair_dir() { printf '%s/%s-%s-%s\n' "$data" "$lang" "$1" "$2"; }

for shape in $shapes; do
  for size in $sizes; do
    dir=$(pair_dir "$shape" "$size")
    if [[ -f $dir/truth.json && -f $dir/.generator && $(<"$dir/.generator") == "$gen_stamp" ]]; then
      echo "run_e2e: reusing $dir" >&2
      continue
    fi
    echo "run_e2e: generating $dir" >&2
    rm -f "$dir/.generator"
    "$py" "$gen" --size "$size" --lang "$lang" --shape "$shape" --out "$dir"
    echo "$gen_stamp" >"$dir/.generator"
  done
done

# --- runs --------------------------------------------------------------------------------
# Sets cmd (argv) and limit (seconds) for a tool on a pair.
set_cmd() {
  local tool=$1 old=$2 new=$3
  limit=$timeout_s
  case $tool in
    accordiff)
      limit=$main_timeout_s
      cmd=("$accordiff" compare "$old" "$new" -f json -o "$report")
      ;;
    git-word-diff)
      limit=$main_timeout_s
      # No system or user git config: the default diff algorithm, whoever runs this.
      cmd=(env GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
        git --no-pager diff --no-index --word-diff=porcelain "$old" "$new")
      ;;
    gnu-diff) cmd=(diff "$old" "$new") ;;
    wdiff) cmd=(wdiff "$old" "$new") ;;
    difflib-paragraphs) cmd=("$py" "$script_dir/difflib_paragraphs.py" "$old" "$new") ;;
    *) die "internal: unknown tool $tool" ;;
  esac
}

declare -A timed_out=()
tfile="$out/scratch/time.txt"
for shape in $shapes; do
  for size in $sizes; do
    dir=$(pair_dir "$shape" "$size")
    old="$dir/old.txt" new="$dir/new.txt"
    cat "$old" "$new" >/dev/null # into the page cache, so no tool pays for the first read
    for ((rep = 1; rep <= reps; rep++)); do
      for tool in "${tools[@]}"; do
        key="$shape/$size/$tool"
        if [[ -n ${timed_out[$key]:-} ]]; then
          printf '%s\t%s\t%s\t%d\tskipped\t\t\t\tearlier run timed out\n' \
            "$shape" "$size" "$tool" "$rep" >>"$runs_tsv"
          continue
        fi
        set_cmd "$tool" "$old" "$new"
        rm -f "$report" "$tfile"
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
            timed_out[$key]=1
            note="limit ${limit}s"
            ;;
          *) status=error note="exit $rc, see logs/${log##*/}" ;;
        esac
        if [[ $tool == accordiff && $status == ok && $rep -eq 1 ]]; then
          if [[ ! -s $report ]]; then
            note="wrote no report"
          elif "$py" -c 'import json,sys; json.load(open(sys.argv[1]))' "$report" 2>/dev/null; then
            note="report $(stat -c %s "$report") bytes, exit $rc"
          else
            note="report is not JSON"
          fi
        fi
        [[ $status == error ]] || rm -f "$log"
        printf '%s\t%s\t%s\t%d\t%s\t%s\t%s\t%d\t%s\n' \
          "$shape" "$size" "$tool" "$rep" "$status" "${wall:-}" "${rss:-}" "$rc" "$note" >>"$runs_tsv"
        printf 'run_e2e: %s %s rep %d/%d %-18s %s %ss %s KiB %s\n' \
          "$shape" "$size" "$rep" "$reps" "$tool" "$status" "${wall:-?}" "${rss:-?}" "$note" >&2
      done
    done
  done
done
rm -rf "$out/scratch"
rmdir "$out/logs" 2>/dev/null || true # only kept when a run failed

for s in "${skipped[@]}"; do echo "run_e2e: skipped $s" >&2; done

# --- summary -----------------------------------------------------------------------------
BENCH_ACCORDIFF=$accordiff BENCH_ROOT=$root BENCH_DATA=$data BENCH_LANG=$lang \
  BENCH_REPS=$reps BENCH_TIMEOUT=$timeout_s BENCH_MAIN_TIMEOUT=$main_timeout_s \
  BENCH_SKIPPED=$(printf '%s\n' "${skipped[@]}") \
  "$py" - "$runs_tsv" "$out/results.json" <<'PY'
import csv, datetime, json, os, platform, statistics, subprocess, sys

runs_path, results_path = sys.argv[1], sys.argv[2]
env = os.environ

def first_line(argv):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=10)
        return (p.stdout or p.stderr).strip().splitlines()[0] if p.returncode == 0 else None
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return None

def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None

with open(runs_path, newline="") as f:
    rows = list(csv.DictReader(f, delimiter="\t"))

cases = {}  # (shape, size) -> tool -> rows, in first-seen order
for r in rows:
    cases.setdefault((r["shape"], r["size"]), {}).setdefault(r["tool"], []).append(r)

results = []
for (shape, size), tools in cases.items():
    truth_path = os.path.join(env["BENCH_DATA"], f'{env["BENCH_LANG"]}-{shape}-{size}', "truth.json")
    with open(truth_path) as f:
        truth = json.load(f)
    entries = {}
    for tool, rs in tools.items():
        ok = [r for r in rs if r["status"] == "ok"]
        bad = [r for r in rs if r["status"] in ("timeout", "error")]
        e = {"tool": tool,
             "status": bad[0]["status"] if bad else "ok",
             "runs": [{"rep": int(r["rep"]), "status": r["status"],
                       "wall_s": float(r["wall_s"]) if r["wall_s"] else None,
                       "peak_rss_mib": round(int(r["rss_kib"]) / 1024, 1) if r["rss_kib"] else None,
                       "exit": int(r["rc"]) if r["rc"] else None,
                       "note": r["note"] or None} for r in rs],
             "median_wall_s": None, "median_peak_rss_mib": None, "ratio_to_git": None}
        if not bad and ok:
            e["median_wall_s"] = round(statistics.median(float(r["wall_s"]) for r in ok), 3)
            e["median_peak_rss_mib"] = round(
                statistics.median(int(r["rss_kib"]) for r in ok) / 1024, 1)
        entries[tool] = e
    git = entries.get("git-word-diff", {}).get("median_wall_s")
    for e in entries.values():
        if e["median_wall_s"] is not None and git:
            e["ratio_to_git"] = round(e["median_wall_s"] / git, 2)
    results.append({"shape": shape, "size": size, "lang": env["BENCH_LANG"],
                    "old_bytes": truth["old"]["bytes"], "new_bytes": truth["new"]["bytes"],
                    "truth": {"unit": truth["unit"], "units": truth["units"],
                              "sentences": truth["sentences"]},
                    "tools": list(entries.values())})

commit = first_line(["git", "-C", env["BENCH_ROOT"], "rev-parse", "--short", "HEAD"])
doc = {
    "benchmark": "accordiff end-to-end (benchmarks/run_e2e.sh)",
    "format": 1,
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "repository_commit": commit,
    "host": {"cpus": os.cpu_count(), "cpu": cpu_model(), "system": platform.platform()},
    "accordiff": env["BENCH_ACCORDIFF"],
    "versions": {"git": first_line(["git", "--version"]),
                 "gnu-diff": first_line(["diff", "--version"]),
                 "wdiff": first_line(["wdiff", "--version"]),
                 "python3": platform.python_version()},
    "reps": int(env["BENCH_REPS"]),
    "timeout_s": {"baselines": int(env["BENCH_TIMEOUT"]),
                  "accordiff_and_git": int(env["BENCH_MAIN_TIMEOUT"])},
    "skipped_tools": [s for s in env.get("BENCH_SKIPPED", "").splitlines() if s],
    "measure": "GNU time: wall = %e (s), peak RSS = %M (KiB, shown in MiB); medians over "
               "ok runs; ratio = median wall / git diff --word-diff median wall",
    "cases": results,
}
with open(results_path, "w") as f:
    json.dump(doc, f, indent=2)
    f.write("\n")

# The table.
head = ["tool", "shape", "size", "median wall s", "median peak RSS MiB", "x git wall"]
lines = []
for c in results:
    for e in c["tools"]:
        if e["status"] != "ok":
            limit = env["BENCH_MAIN_TIMEOUT" if e["tool"] in ("accordiff", "git-word-diff")
                        else "BENCH_TIMEOUT"]
            why = f"timeout (>{limit} s)" if e["status"] == "timeout" else "error"
            lines.append([e["tool"], c["shape"], c["size"], why, "-", "-"])
        else:
            ratio = f'{e["ratio_to_git"]:.2f}' if e["ratio_to_git"] is not None else "n/a"
            lines.append([e["tool"], c["shape"], c["size"], f'{e["median_wall_s"]:.2f}',
                          f'{e["median_peak_rss_mib"]:.1f}', ratio])
widths = [max(len(str(x)) for x in col) for col in zip(head, *lines)]
fmt = lambda row: "  ".join(str(x).ljust(w) if i < 3 else str(x).rjust(w)
                            for i, (x, w) in enumerate(zip(row, widths)))
print(fmt(head))
print("  ".join("-" * w for w in widths))
for row in lines:
    print(fmt(row))
print(f"\nresults: {results_path}")
PY
