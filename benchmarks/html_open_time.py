#!/usr/bin/env python3
"""How long an HTML report takes to open in headless Chromium: first paint, first
contentful paint, DOM ready and load (the browser's own Performance timeline), the wall
time from navigation to the load event, and the time of one press of n on the loaded page.
Each run opens the page in a fresh tab; medians are printed, and JSON with --json.

  benchmarks/html_open_time.py --report build/r.html [--runs 5] [--chromium /usr/bin/chromium]

To time a report of a 1 MB pair:
  python3 benchmarks/gen_pair.py --size 1MB --out /tmp/pair
  build/dev/accordiff compare /tmp/pair/old.txt /tmp/pair/new.txt -f html -o /tmp/pair/r.html
  benchmarks/html_open_time.py --report /tmp/pair/r.html
"""
import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "browser"))
from cdp import Browser  # noqa: E402

TIMING_JS = r"""(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));
  return {first_paint: paint['first-paint'], first_contentful_paint: paint['first-contentful-paint'],
          dom_content_loaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          rows: document.querySelectorAll('main .row').length};
})()"""

NEXT_JS = r"""(() => {
  const t0 = performance.now();
  document.dispatchEvent(new KeyboardEvent('keydown', {key: 'n', bubbles: true}));
  document.body.getBoundingClientRect();
  return performance.now() - t0;
})()"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=900)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    url = "file://" + os.path.abspath(args.report)
    runs = []
    with Browser(args.chromium) as b:
        for _ in range(args.runs):
            page = b.new_page(args.width, args.height)
            t0 = time.monotonic()
            page.open(url, timeout=120)
            wall = (time.monotonic() - t0) * 1000
            # Paint entries are recorded after the frame; wait for the next one.
            page.evaluate("new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")
            t = page.evaluate(TIMING_JS)
            t["wall_to_load"] = wall
            t["next_change"] = page.evaluate(NEXT_JS)
            runs.append(t)
            page.close()
    keys = ["first_paint", "first_contentful_paint", "dom_content_loaded", "load", "wall_to_load",
            "next_change"]
    # Chromium records no paint entry for a page it painted before the timeline was read
    # (a small report, a fast machine): such a figure is reported as missing, not as 0.
    med = {}
    for k in keys:
        values = [r[k] for r in runs if r.get(k) is not None]
        med[k] = statistics.median(values) if values else None
    size = os.path.getsize(args.report)
    if args.json:
        print(json.dumps({"report": args.report, "bytes": size, "rows": runs[0]["rows"],
                          "runs": runs, "median_ms": med}, indent=1))
    else:
        print("%s: %d bytes, %d rows, %d runs (median ms)" % (args.report, size, runs[0]["rows"],
                                                             len(runs)))
        for k in keys:
            print("  %-24s %8s" % (k, "-" if med[k] is None else "%.0f" % med[k]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
