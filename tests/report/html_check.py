#!/usr/bin/env python3
"""Static checks of the HTML report, without a browser (the browser tests do the rest):

- the page's Content-Security-Policy names the SHA-256 of its one <style> and its one
  <script> exactly, refuses everything else (default-src 'none') and allows no
  'unsafe-inline': so the page's own style and script run and nothing else can;
- the markup is well formed: every element closed in order, ids unique, every fragment
  link has its target, no attribute outside a known set, no URL but "#…";
- every sentence group of the JSON report is a row with its id and kind.

  html_check.py --accordiff BIN --fixtures DIR
"""
import argparse
import base64
import hashlib
import html.parser
import json
import os
import re
import subprocess
import sys

VOID = {"meta", "input", "br", "hr", "img", "link"}
ATTRS = {"charset", "name", "content", "http-equiv", "lang", "class", "id", "href", "for",
         "type", "checked", "disabled", "hidden", "tabindex", "aria-label", "aria-labelledby",
         "aria-hidden", "aria-pressed", "role", "scope", "open"}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


class Checker(html.parser.HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name, self.stack, self.ids, self.hrefs = name, [], set(), []
        self.rows, self.csp, self.raw = {}, None, {"style": [], "script": []}
        self.cur_raw = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k, _ in attrs:
            if k not in ATTRS:
                fail("%s: <%s> has attribute %s" % (self.name, tag, k))
        if "id" in a:
            if a["id"] in self.ids:
                fail("%s: duplicate id %s" % (self.name, a["id"]))
            self.ids.add(a["id"])
            if tag == "div" and "row" in a.get("class", "").split():
                self.rows[a["id"]] = a["class"].split()
        if "href" in a:
            self.hrefs.append(a["href"])
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a.get("content")
        if tag in self.raw:
            self.cur_raw = tag
            self.raw[tag].append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            fail("%s: </%s> closes <%s>" % (self.name, tag, self.stack[-1] if self.stack else "-"))
            return
        self.stack.pop()
        self.cur_raw = None

    def handle_data(self, data):
        if self.cur_raw:
            self.raw[self.cur_raw][-1] += data

    def handle_comment(self, data):
        fail("%s: a comment in the page" % self.name)


def sha(text):
    return "'sha256-%s'" % base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def check(name, page, report):
    c = Checker(name)
    c.feed(page)
    c.close()
    if c.stack:
        fail("%s: unclosed %s" % (name, c.stack))
    if len(c.raw["style"]) != 1 or len(c.raw["script"]) != 1:
        fail("%s: %d style and %d script elements" % (name, len(c.raw["style"]),
                                                       len(c.raw["script"])))
        return
    csp = dict((d.strip().split(" ", 1) + [""])[:2] for d in (c.csp or "").split(";") if d.strip())
    if csp.get("default-src") != "'none'":
        fail("%s: CSP default-src is %r" % (name, csp.get("default-src")))
    if csp.get("style-src") != sha(c.raw["style"][0]):
        fail("%s: CSP style-src %r is not the style's hash %s" % (name, csp.get("style-src"),
                                                                    sha(c.raw["style"][0])))
    if csp.get("script-src") != sha(c.raw["script"][0]):
        fail("%s: CSP script-src %r is not the script's hash" % (name, csp.get("script-src")))
    if "unsafe" in (c.csp or ""):
        fail("%s: CSP allows unsafe sources" % name)
    for h in c.hrefs:
        if not h.startswith("#") or h[1:] not in c.ids:
            fail("%s: link %r leads nowhere in the page" % (name, h))
    if re.search(r"url\(|@import", c.raw["style"][0]):
        fail("%s: the style loads something" % name)
    for g in report["sentences"]:
        cls = c.rows.get(g["id"])
        if cls is None or "k-" + g["kind"] not in cls:
            fail("%s: %s is not a %s row (%s)" % (name, g["id"], g["kind"], cls))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--accordiff", required=True)
    ap.add_argument("--fixtures", required=True)
    args = ap.parse_args()
    n = 0
    for set_ in ("gis", "cases"):
        base = os.path.join(args.fixtures, set_)
        for d in sorted(os.listdir(base)):
            old, new = os.path.join(base, d, "old.txt"), os.path.join(base, d, "new.txt")
            if not os.path.exists(old):
                continue
            for a, b in ((old, new), (new, old), (old, old)):
                h = subprocess.run([args.accordiff, "compare", a, b, "-f", "html"],
                                   capture_output=True, timeout=60)
                j = subprocess.run([args.accordiff, "compare", a, b, "-f", "json"],
                                   capture_output=True, timeout=60)
                if h.returncode not in (0, 1) or j.returncode != h.returncode:
                    fail("%s/%s: exit %d: %s" % (set_, d, h.returncode, h.stderr.decode()[:200]))
                    continue
                check("%s/%s %s" % (set_, d, os.path.basename(a)), h.stdout.decode("utf-8"),
                      json.loads(j.stdout))
                n += 1
    print("html_check: %d reports checked, %d failure(s)" % (n, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
