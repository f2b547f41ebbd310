#!/usr/bin/env python3
"""The summary of benchmarks/run_e2e.sh: runs.tsv in, the table, the targets and
results.json out. Not meant to be run by hand: run_e2e.sh passes its settings in BENCH_*
environment variables.

    e2e_summary.py RUNS_TSV RESULTS_JSON
"""

import csv
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

MAIN_TOOLS = ("accordiff", "accordiff-text", "accordiff-similar", "git-word-diff")
# Issue 7's targets.
MAX_X_GIT = 2.0  # accordiff wall / git diff --word-diff wall
MIN_X_FASTER = 10.0  # wdiff, difflib, diff-match-patch wall / accordiff wall
SLOW_BASELINES = ("wdiff", "difflib-paragraphs", "dmp-words")
MAX_RSS_X_INPUT = 3.0  # peak RSS / (old + new bytes)
MAX_50_OVER_10 = 6.0  # 50MB wall / 10MB wall
MAX_UNRELATED_X = 3.0  # unrelated 10MB wall / normal 10MB wall
TARGET_SIZES = ("10MB", "50MB")

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


def ram_gib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def main():
    runs_path, results_path = sys.argv[1], sys.argv[2]
    with open(runs_path, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    kinds = {}
    for line in env.get("BENCH_CASES", "").splitlines():
        shape, size, kind = line.split()
        kinds[(shape, size)] = kind

    cases = {}  # (shape, size) -> tool -> rows, in first-seen order
    for r in rows:
        cases.setdefault((r["shape"], r["size"]), {}).setdefault(r["tool"], []).append(r)

    results = []
    for (shape, size), tools in cases.items():
        truth_path = os.path.join(env["BENCH_DATA"], f'{env["BENCH_LANG"]}-{shape}-{size}',
                                  "truth.json")
        with open(truth_path) as f:
            truth = json.load(f)
        entries = {}
        for tool, rs in tools.items():
            ok = [r for r in rs if r["status"] == "ok"]
            bad = [r for r in rs if r["status"] in ("timeout", "error")]
            # Not run because it timed out at a smaller size: a timeout here too.
            inferred = [r for r in rs if r["note"].startswith("not run: timed out")]
            status = bad[0]["status"] if bad else "timeout" if inferred else "ok"
            limit = env["BENCH_MAIN_TIMEOUT" if tool in MAIN_TOOLS else "BENCH_TIMEOUT"]
            e = {"tool": tool, "status": status,
                 "runs": [{"rep": int(r["rep"]), "status": r["status"],
                           "wall_s": float(r["wall_s"]) if r["wall_s"] else None,
                           "peak_rss_mib": round(int(r["rss_kib"]) / 1024, 1)
                           if r["rss_kib"] else None,
                           "exit": int(r["rc"]) if r["rc"] else None,
                           "note": r["note"] or None} for r in rs],
                 "timed_runs": len(ok),
                 "median_wall_s": None, "median_peak_rss_mib": None,
                 "max_peak_rss_mib": None, "ratio_to_git": None,
                 "timeout_s": int(limit) if status == "timeout" else None,
                 "note": inferred[0]["note"] if inferred else None}
            if status == "ok" and ok:
                e["median_wall_s"] = round(statistics.median(float(r["wall_s"]) for r in ok), 3)
                rss = [int(r["rss_kib"]) for r in ok]
                e["median_peak_rss_mib"] = round(statistics.median(rss) / 1024, 1)
                e["max_peak_rss_mib"] = round(max(rss) / 1024, 1)
            entries[tool] = e
        git = entries.get("git-word-diff", {}).get("median_wall_s")
        for e in entries.values():
            # (accordiff-similar ran on another pair than the row's git)
            if e["median_wall_s"] is not None and git and e["tool"] != "accordiff-similar":
                e["ratio_to_git"] = round(e["median_wall_s"] / git, 2)
        results.append({"shape": shape, "size": size, "lang": env["BENCH_LANG"],
                        "kind": kinds.get((shape, size), "main"),
                        "old_bytes": truth["old"]["bytes"], "new_bytes": truth["new"]["bytes"],
                        "truth": {"unit": truth["unit"], "units": truth["units"],
                                  "sentences": truth["sentences"]},
                        "tools": list(entries.values())})

    targets = check_targets(results)
    callgrind = load_json(env.get("BENCH_CALLGRIND", ""))
    stages = load_json(env.get("BENCH_STAGES", ""))

    dmp_py = env.get("BENCH_DMP_PY") or None
    dmp_version = None
    if dmp_py:
        dmp_version = first_line(["dpkg-query", "-W", "-f=${Version}", "python3-diff-match-patch"])
    commit = env.get("BENCH_COMMIT") or None  # at the start of the run
    dirty = env.get("BENCH_DIRTY")
    uname = platform.uname()
    doc = {
        "benchmark": "accordiff end-to-end (benchmarks/run_e2e.sh)",
        "format": 2,
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "repository_commit": commit,
        "repository_dirty": bool(dirty),
        "machine": {
            "cpu": cpu_model(), "cpus": os.cpu_count(), "ram_gib": ram_gib(),
            "kernel": f"{uname.system} {uname.release}", "system": platform.platform(),
            "load_average_before": env.get("BENCH_LOAD_BEFORE") or None,
            "load_average_after": env.get("BENCH_LOAD_AFTER") or None,
        },
        "accordiff": env["BENCH_ACCORDIFF"],
        "versions": {
            "accordiff": first_line([env["BENCH_ACCORDIFF"], "--version"]),
            "git": first_line(["git", "--version"]),
            "gnu-diff": first_line(["diff", "--version"]),
            "wdiff": first_line(["wdiff", "--version"]),
            "dwdiff": first_line(["dwdiff", "--version"]),
            "python3": platform.python_version(),
            "python3-diff-match-patch": dmp_version,
            "python3 for diff-match-patch": dmp_py,
            "valgrind": first_line(["valgrind", "--version"]),
        },
        "reps": int(env["BENCH_REPS"]),
        "timeout_s": {"baselines": int(env["BENCH_TIMEOUT"]),
                      "accordiff_and_git": int(env["BENCH_MAIN_TIMEOUT"])},
        "baselines_run_once_after_s": int(env["BENCH_ONCE_AFTER"]),
        "timed_runs_seconds": int(env.get("BENCH_SECONDS") or 0),
        "skipped_tools": [s for s in env.get("BENCH_SKIPPED", "").splitlines() if s],
        "measure": "GNU time: wall = %e (s), peak RSS = %M (KiB, shown in MiB); medians over "
                   "ok runs; ratio = median wall / git diff --word-diff median wall",
        "cases": results,
        "targets": targets,
        "callgrind": callgrind,
        "stages": stages,
    }
    with open(results_path, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")

    print_table(results)
    if callgrind:
        print(f'\ncallgrind: accordiff -f json on {callgrind["pair"]}: '
              f'{callgrind["ir"]:,} instructions (Ir)')
    if stages:
        print_stages(stages)
    print("\ntargets (issue 7):")
    for t in targets:
        print(f'  {t["verdict"]:<4}  {t["size"]:<5} {t["target"]}: {t["measured"]}')
    m = doc["machine"]
    print(f'\nmachine: {m["cpu"]}, {m["cpus"]} CPUs, {m["ram_gib"]} GiB, {m["kernel"]}; '
          f'load average {m["load_average_before"]} before, {m["load_average_after"]} after')
    print(f"results: {results_path}")


def tool_entry(results, shape, size, tool):
    for c in results:
        if c["shape"] == shape and c["size"] == size:
            for e in c["tools"]:
                if e["tool"] == tool:
                    return c, e
    return None, None


def check_targets(results):
    out = []

    def add(size, target, verdict, measured):
        out.append({"size": size, "target": target, "verdict": verdict, "measured": measured})

    for size in TARGET_SIZES:
        case, acc = tool_entry(results, "normal", size, "accordiff")
        if acc is None:
            add(size, "all targets", "n/a", f"normal {size} pair not measured")
            continue
        a = acc["median_wall_s"]
        if a is None:
            add(size, "all targets", "FAIL", f'accordiff did not finish ({acc["status"]})')
            continue
        _, git = tool_entry(results, "normal", size, "git-word-diff")
        g = git["median_wall_s"] if git else None
        if g:
            add(size, f"accordiff <= {MAX_X_GIT:g}x git diff --word-diff wall",
                "PASS" if a <= MAX_X_GIT * g else "FAIL",
                f"{a:.2f} s / {g:.2f} s = {a / g:.2f}x")
        else:
            add(size, f"accordiff <= {MAX_X_GIT:g}x git diff --word-diff wall", "n/a",
                "git did not finish")
        for tool in SLOW_BASELINES:
            _, b = tool_entry(results, "normal", size, tool)
            what = f"accordiff >= {MIN_X_FASTER:g}x faster than {tool}"
            if b is None:
                add(size, what, "n/a", f"{tool} not run (not installed?)")
            elif b["median_wall_s"] is not None:
                x = b["median_wall_s"] / a
                add(size, what, "PASS" if x >= MIN_X_FASTER else "FAIL",
                    f'{b["median_wall_s"]:.2f} s / {a:.2f} s = {x:.1f}x')
            elif b["status"] == "timeout":
                # Only a lower bound on the baseline's time: enough when accordiff is fast.
                limit = b["timeout_s"]
                if limit / a >= MIN_X_FASTER:
                    add(size, what, "PASS", f"{tool} > {limit} s (timeout) / {a:.2f} s "
                        f"> {limit / a:.1f}x")
                else:
                    add(size, what, "n/a", f"{tool} > {limit} s (timeout), accordiff "
                        f"{a:.2f} s: at least {limit / a:.1f}x, cannot tell")
            else:
                add(size, what, "n/a", f'{tool} {b["status"]}')
        inputs = case["old_bytes"] + case["new_bytes"]
        rss = acc["max_peak_rss_mib"] * 1024 * 1024
        add(size, f"accordiff peak RSS <= {MAX_RSS_X_INPUT:g}x input (old + new)",
            "PASS" if rss <= MAX_RSS_X_INPUT * inputs else "FAIL",
            f'{acc["max_peak_rss_mib"]:.0f} MiB / {inputs / 1048576:.0f} MiB = '
            f"{rss / inputs:.2f}x (worst run)")
    _, a10 = tool_entry(results, "normal", "10MB", "accordiff")
    _, a50 = tool_entry(results, "normal", "50MB", "accordiff")
    what = f"accordiff 50MB <= {MAX_50_OVER_10:g}x 10MB wall"
    if a10 and a50 and a10["median_wall_s"] and a50["median_wall_s"]:
        x = a50["median_wall_s"] / a10["median_wall_s"]
        add("50MB", what, "PASS" if x <= MAX_50_OVER_10 else "FAIL",
            f'{a50["median_wall_s"]:.2f} s / {a10["median_wall_s"]:.2f} s = {x:.2f}x')
    else:
        add("50MB", what, "n/a", "needs both the 10MB and 50MB pairs, finished")
    _, u10 = tool_entry(results, "unrelated", "10MB", "accordiff")
    what = f"accordiff unrelated 10MB < {MAX_UNRELATED_X:g}x the similar 10MB pair"
    # the similar pair as timed in turn with the unrelated one when it was (the same
    # minutes), else its own row's
    _, s10 = tool_entry(results, "unrelated", "10MB", "accordiff-similar")
    similar, beside = a10, ""
    if s10 and s10["median_wall_s"]:
        similar, beside = s10, " (the similar pair timed in turn with it)"
    if similar and u10 and similar["median_wall_s"] and u10["median_wall_s"]:
        x = u10["median_wall_s"] / similar["median_wall_s"]
        add("10MB", what, "PASS" if x < MAX_UNRELATED_X else "FAIL",
            f'{u10["median_wall_s"]:.2f} s / {similar["median_wall_s"]:.2f} s = {x:.2f}x{beside}')
    elif a10 and u10 and u10["status"] == "timeout":
        add("10MB", what, "FAIL", "unrelated pair timed out")
    else:
        add("10MB", what, "n/a", "needs the normal and unrelated 10MB pairs, finished")
    return out


def print_table(results):
    head = ["size", "shape", "tool", "median wall s", "median peak RSS MiB", "x git wall", "runs"]
    lines = []
    for c in results:
        for e in c["tools"]:
            runs = str(e["timed_runs"])
            if e["status"] == "timeout":
                why = f'timeout (>{e["timeout_s"]} s)'
                if e["note"]:
                    why += " " + e["note"].replace("not run: timed out at", "at")
                lines.append([c["size"], c["shape"], e["tool"], why, "-", "-", runs])
            elif e["status"] != "ok":
                lines.append([c["size"], c["shape"], e["tool"], "error", "-", "-", runs])
            else:
                ratio = f'{e["ratio_to_git"]:.2f}' if e["ratio_to_git"] is not None else "n/a"
                lines.append([c["size"], c["shape"], e["tool"], f'{e["median_wall_s"]:.2f}',
                              f'{e["median_peak_rss_mib"]:.1f}', ratio, runs])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines)]

    def fmt(row):
        return "  ".join(str(x).ljust(w) if i < 3 else str(x).rjust(w)
                         for i, (x, w) in enumerate(zip(row, widths))).rstrip()

    print(fmt(head))
    print("  ".join("-" * w for w in widths))
    previous = None
    for row in lines:
        if previous is not None and row[:2] != previous:
            print()
        previous = row[:2]
        print(fmt(row))


def print_stages(stages):
    ctx = stages.get("context", {})
    print(f'\nstages (benchmarks/stages.cpp) on {ctx.get("pair", "?")}, '
          f'{int(ctx.get("old_bytes", 0)) + int(ctx.get("new_bytes", 0)):,} input bytes:')
    # CPU time tells more than wall time on a loaded machine; MB/s is Google Benchmark's
    # (from CPU time, but from wall time for compare, which runs two threads).
    rows = [["stage", "cpu ms", "wall ms", "MB/s"]]
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
    for b in stages.get("benchmarks", []):
        if b.get("run_type", "iteration") != "iteration":
            continue
        k = scale.get(b.get("time_unit", "ns"), 1e-6)
        rows.append([b["name"].removeprefix("BM_").removesuffix("/real_time"),
                     f'{b["cpu_time"] * k:.1f}', f'{b["real_time"] * k:.1f}',
                     f'{b.get("bytes_per_second", 0) / 1e6:.1f}'])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  " + r[0].ljust(widths[0]) + "".join(
            "  " + x.rjust(w) for x, w in zip(r[1:], widths[1:])))


if __name__ == "__main__":
    main()
