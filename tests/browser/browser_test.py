#!/usr/bin/env python3
"""The HTML report in a real browser: headless Chromium, driven over the DevTools protocol.

For each fixture report (and a document that tries to inject markup) it checks:
- no console error, no uncaught exception, no CSP violation, no dialog, and no network
  request but the page itself;
- every change of the JSON report is a visible row, in order, with its kind; moved
  sentences link to their old place and back (real clicks);
- n / p move the focus from change to change, and skip rows a filter hides;
- the filters, the folded unchanged text and the layout work without JavaScript;
- WCAG AA contrast (4.5:1) for every visible text, screen-reader words for del/ins;
- at phone width (390x844) nothing overflows sideways and old/new stack; in print the
  controls are gone;
and saves screenshots at desktop (1280x900) and phone (390x844) widths, and a PDF print,
into --out as artifacts.

  browser_test.py --chromium /usr/bin/chromium --accordiff build/accordiff \
      --fixtures fixtures --out build/browser-artifacts
"""
import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser, CDPError  # noqa: E402

CASES = ["gis/es", "gis/en", "cases/split", "cases/merge", "cases/move-only",
         "cases/near-duplicates", "cases/typography"]

INJECTION_OLD = (
    "Intro <script>alert(1)</script> and </style><img src=x onerror=alert(2)>.\n\n"
    "A \"quoted\" 'attr' & <!-- comment --> <a href=\"javascript:alert(3)\">link</a>.\n\n"
    "<link rel=stylesheet href=https://example.org/x.css> <iframe src=https://example.org>.\n")
INJECTION_NEW = (
    "Intro <script>alert(1)</script> and </style><img src=x onerror=alert(2)> changed.\n\n"
    "A \"quoted\" 'attr' & <!-- comment --> <a href=\"javascript:alert(3)\">link</a>.\n\n"
    "</script><script src=\"https://example.org/x.js\"></script><style>body{display:none}"
    "</style> <meta http-equiv=refresh content=\"0;url=https://example.org\">.\n")

results = {"passed": 0, "failed": 0}


def check(ok, what):
    if ok:
        results["passed"] += 1
    else:
        results["failed"] += 1
        print("FAIL: " + what, file=sys.stderr)
    return ok


STATE_JS = r"""(() => {
  // checkVisibility: not display:none, and not inside a closed <details>.
  const vis = el => el.checkVisibility();
  const rows = [...document.querySelectorAll('main .row:not(.cols):not(.ghost)')].map(r => ({
    id: r.id, cls: r.className, visible: vis(r)}));
  return {
    rows, ghosts: [...document.querySelectorAll('main .ghost')].map(g => g.id),
    changes: [...document.querySelectorAll('main .chg')].filter(vis).map(r => r.id),
    scripts: document.scripts.length, styles: document.querySelectorAll('style').length,
    foreign: document.querySelectorAll('img,iframe,link,object,embed,meta[http-equiv=refresh]').length,
    jsbar: vis(document.getElementById('jsbar')),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    srDel: getComputedStyle(document.querySelector('del') || document.body, '::before').content,
    srIns: getComputedStyle(document.querySelector('ins') || document.body, '::before').content,
  };
})()"""

ACTIVE_JS = r"""(() => {
  const a = document.activeElement, r = a.getBoundingClientRect();
  return {id: a.id, top: r.top, bottom: r.bottom, inView: r.top >= 0 && r.top < innerHeight};
})()"""

CONTRAST_JS = r"""(() => {
  const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(',').map(parseFloat); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lin = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = c => 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  // A striped background is checked against its darker stripe.
  const bg = el => { for (let e = el; e; e = e.parentElement) { const s = getComputedStyle(e);
      if (s.backgroundImage !== 'none') return {r: 246, g: 248, b: 250, a: 1};
      const c = parse(s.backgroundColor); if (c && c.a > 0) return c; }
    return {r: 255, g: 255, b: 255, a: 1}; };
  const bad = [], seen = new Set();
  for (const el of document.querySelectorAll('body *')) {
    if (!el.checkVisibility()) continue;
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const fg = parse(getComputedStyle(el).color), b = bg(el);
    const x = lum(fg), y = lum(b), ratio = (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    const key = el.tagName + '.' + el.className;
    if (ratio < 4.5 && !seen.has(key)) { seen.add(key);
      bad.push(key + ' "' + el.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2)); }
  }
  return bad;
})()"""


def load(page, path, timeout=60):
    url = "file://" + os.path.abspath(path)
    t0 = time.monotonic()
    page.open(url, timeout)
    return url, time.monotonic() - t0


def problems(page, url):
    """Console errors, exceptions, CSP violations, dialogs and network requests so far."""
    out = []
    for e in page.events("Runtime.consoleAPICalled"):
        if e["type"] in ("error", "warning", "assert"):
            out.append("console %s: %s" % (e["type"], " ".join(
                str(a.get("value", a.get("description", ""))) for a in e["args"])))
    for e in page.events("Runtime.exceptionThrown"):
        out.append("exception: %s" % e["exceptionDetails"].get("text"))
    for e in page.events("Log.entryAdded"):
        if e["entry"]["level"] in ("error", "warning"):
            out.append("log %s: %s" % (e["entry"]["level"], e["entry"]["text"]))
    for e in page.events("Network.requestWillBeSent"):
        if e["request"]["url"] != url:
            out.append("network request: %s" % e["request"]["url"])
    for e in page.events("Page.javascriptDialogOpening"):
        out.append("dialog: %s" % e.get("message"))
    return out


def reset(page):
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur && "
                  "document.activeElement.blur(); history.replaceState(null, '', location.pathname)")


def click(page, selector):
    """A real mouse click in the middle of the element (scrolled into view first)."""
    # Rows out of sight are laid out when they come into sight (content-visibility), which
    # moves what follows: read the position once it stays put. (No requestAnimationFrame:
    # it never fires in a page whose scripts are off.)
    sel = json.dumps(selector)
    if not page.evaluate("(() => { const e = document.querySelector(%s); if (!e) return false;"
                         " e.scrollIntoView({block: 'center'}); return true; })()" % sel):
        return False
    rect = "(() => { const r = document.querySelector(%s).getBoundingClientRect();" \
           " return [r.left + r.width / 2, r.top + r.height / 2]; })()" % sel
    box, deadline = None, time.monotonic() + 3
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = page.evaluate(rect)
        if now == box:
            break
        box = now
    if box is None:
        return False
    page.click_at(box[0], box[1])
    return True


def expected_changes(report):
    return [g for g in report["sentences"] if g["kind"] != "unchanged" or g["moved"]]


def check_page(browser, name, html, report, out_dir):
    slug = name.replace("/", "-")
    page = browser.new_page(1280, 900)
    url, _ = load(page, html)
    state = page.evaluate(STATE_JS)
    want = expected_changes(report)
    check(state["scripts"] == 1 and state["styles"] == 1 and state["foreign"] == 0,
          "%s: the page has %d scripts, %d styles, %d foreign elements" %
          (name, state["scripts"], state["styles"], state["foreign"]))
    rows = {r["id"]: r for r in state["rows"]}
    for g in report["sentences"]:
        r = rows.get(g["id"])
        if not check(r is not None, "%s: no row %s" % (name, g["id"])):
            continue
        check("k-" + g["kind"] in r["cls"].split(), "%s %s: row is %s, not %s" %
              (name, g["id"], r["cls"], g["kind"]))
    check(state["changes"] == [g["id"] for g in want],
          "%s: visible changes %s, expected %s" % (name, state["changes"], [g["id"] for g in want]))
    check(sorted(state["ghosts"]) == sorted("from-" + g["id"] for g in want if g["moved"]),
          "%s: old places of moved sentences %s" % (name, state["ghosts"]))
    check(state["jsbar"], "%s: the navigation buttons are not shown with JavaScript" % name)
    if report["summary"]["reworded"]:
        check("deleted" in state["srDel"] and "inserted" in state["srIns"],
              "%s: del/ins say nothing to screen readers (%s, %s)" %
              (name, state["srDel"], state["srIns"]))
    check(state["overflow"] <= 0, "%s: desktop page overflows by %dpx" % (name, state["overflow"]))

    bad = page.evaluate(CONTRAST_JS)
    check(not bad, "%s: contrast below 4.5:1: %s" % (name, bad[:5]))

    page.screenshot(os.path.join(out_dir, slug + "-desktop.png"))

    # n / p: from the top, n goes to the first changes in order; p goes back.
    ids = [g["id"] for g in want]
    if ids:
        reset(page)
        for i in range(min(3, len(ids))):
            page.key("n")
            a = page.evaluate(ACTIVE_JS)
            check(a["id"] == ids[i] and a["inView"],
                  "%s: n #%d focused %s (in view: %s), expected %s" %
                  (name, i + 1, a["id"], a["inView"], ids[i]))
        if len(ids) >= 2:
            at = min(3, len(ids)) - 1
            page.key("p")
            a = page.evaluate(ACTIVE_JS)
            check(a["id"] == ids[at - 1], "%s: p focused %s, expected %s" %
                  (name, a["id"], ids[at - 1]))
        for _ in range(len(ids) + 2):
            page.key("n")
        a = page.evaluate(ACTIVE_JS)
        check(a["id"] == ids[-1] and a["inView"], "%s: n past the end focused %s" % (name, a["id"]))
        reset(page)
        page.key("n")
        page.screenshot(os.path.join(out_dir, slug + "-desktop-change.png"))
        # Side by side: old on the left, new on the right, on one line.
        lr = page.evaluate("(() => { const r = document.activeElement;"
                           " const o = r.querySelector('.o').getBoundingClientRect();"
                           " const n = r.querySelector('.n').getBoundingClientRect();"
                           " return [o.top, n.top, o.right, n.left]; })()")
        check(abs(lr[0] - lr[1]) < 2 and lr[2] <= lr[3],
              "%s: old and new are not side by side on the desktop: %s" % (name, lr))

    # A moved sentence links to its old place and back: real clicks.
    moved = [g for g in want if g["moved"]]
    if moved:
        m = moved[0]["id"]
        reset(page)
        if check(click(page, "#%s a[href='#from-%s']" % (m, m)), "%s: no link from %s" % (name, m)):
            a = page.evaluate("[location.hash, document.activeElement.id,"
                              " document.getElementById('from-%s').getBoundingClientRect().top,"
                              " innerHeight]" % m)
            check(a[0] == "#from-" + m and a[1] == "from-" + m and 0 <= a[2] < a[3],
                  "%s: the link from %s did not go to its old place: %s" % (name, m, a))
            click(page, "#from-%s a[href='#%s']" % (m, m))
            a = page.evaluate("[location.hash, document.getElementById(%s).getBoundingClientRect()"
                              ".top, innerHeight]" % json.dumps(m))
            check(a[0] == "#" + m and 0 <= a[1] < a[2],
                  "%s: the link back did not go to %s: %s" % (name, m, a))

    # Filters: hiding a kind hides its rows, and n skips them.
    kinds = sorted({g["kind"] for g in want})
    if len(kinds) >= 2:
        k = kinds[0]
        reset(page)
        click(page, "label[for=f-%s]" % k)
        state = page.evaluate(STATE_JS)
        hidden = [r["id"] for r in state["rows"] if "k-" + k in r["cls"].split() and r["visible"]]
        check(not hidden, "%s: rows %s still shown with %s unchecked" % (name, hidden, k))
        rest = [g["id"] for g in want if g["kind"] != k]
        reset(page)
        page.key("n")
        a = page.evaluate(ACTIVE_JS)
        check(a["id"] == rest[0], "%s: with %s hidden, n went to %s, not %s" %
              (name, k, a["id"], rest[0]))
        click(page, "label[for=f-%s]" % k)
        click(page, "label[for=f-subst]")
        state = page.evaluate(STATE_JS)
        shown = [r["id"] for r in state["rows"] if r["visible"]]
        check(all("subst" in rows[i]["cls"].split() for i in shown),
              "%s: 'only substantive' shows %s" % (name, shown))
        click(page, "label[for=f-subst]")

    # Print: the controls go, the rows stay.
    page.call("Emulation.setEmulatedMedia", media="print")
    p = page.evaluate("[getComputedStyle(document.getElementById('bar')).display,"
                      " document.querySelectorAll('main .chg').length]")
    check(p[0] == "none", "%s: the bar is printed" % name)
    if name == "gis/es":
        import base64
        pdf = page.call("Page.printToPDF", 60, printBackground=True)["data"]
        with open(os.path.join(out_dir, slug + "-print.pdf"), "wb") as f:
            f.write(base64.b64decode(pdf))
    page.call("Emulation.setEmulatedMedia", media="")

    issues = problems(page, url)
    check(not issues, "%s: %s" % (name, issues[:5]))
    page.close()

    # A phone: one column, nothing wider than the screen.
    phone = browser.new_page(390, 844, scale=2, mobile=True)
    url, _ = load(phone, html)
    state = phone.evaluate(STATE_JS)
    check(state["overflow"] <= 0, "%s: phone page overflows sideways by %dpx" %
          (name, state["overflow"]))
    phone.screenshot(os.path.join(out_dir, slug + "-phone.png"))
    if ids:
        phone.key("n")
        phone.screenshot(os.path.join(out_dir, slug + "-phone-change.png"))
        tb = phone.evaluate("(() => { const r = document.activeElement;"
                            " const o = r.querySelector('.o'), n = r.querySelector('.n');"
                            " const vis = e => e.getClientRects().length > 0;"
                            " return [vis(o), vis(n), o.getBoundingClientRect().bottom,"
                            " n.getBoundingClientRect().top]; })()")
        check(not (tb[0] and tb[1]) or tb[2] <= tb[3] + 1,
              "%s: old and new are not stacked on a phone: %s" % (name, tb))
    bad = phone.evaluate(CONTRAST_JS)
    check(not bad, "%s (phone): contrast below 4.5:1: %s" % (name, bad[:5]))
    issues = problems(phone, url)
    check(not issues, "%s (phone): %s" % (name, issues[:5]))
    phone.close()


def check_without_javascript(browser, name, html, report):
    """Without JavaScript: every change shown, filters and folds work (CSS only). The page's
    scripts are off; the test still asks the page questions through DevTools."""
    page = browser.new_page(1280, 900)
    page.call("Emulation.setScriptExecutionDisabled", value=True)
    url, _ = load(page, html)

    def visible(selector):
        return page.evaluate("[...document.querySelectorAll(%s)].map(e => e.checkVisibility())"
                             % json.dumps(selector))

    want = expected_changes(report)
    shown = visible("main .chg")
    check(len(shown) == len(want) and all(shown),
          "%s (no JS): %d of %d change rows shown, %d expected" %
          (name, sum(shown), len(shown), len(want)))
    check(visible("#jsbar") == [False], "%s (no JS): the JavaScript buttons are shown" % name)
    kinds = sorted({g["kind"] for g in want})
    if kinds:
        click(page, "label[for=f-%s]" % kinds[0])
        rows = visible("main .row.k-%s" % kinds[0])
        check(rows and not any(rows),
              "%s (no JS): unchecking %s does not hide its rows" % (name, kinds[0]))
        click(page, "label[for=f-%s]" % kinds[0])
    if visible("details.same"):
        check(not any(visible("details.same .row")),
              "%s (no JS): unchanged text is not folded" % name)
        click(page, "details.same > summary")
        check(visible("details.same .row")[0], "%s (no JS): a fold does not open" % name)
    issues = [i for i in problems(page, url) if "dialog" in i or "network" in i]
    check(not issues, "%s (no JS): %s" % (name, issues[:5]))
    page.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chromium", required=True)
    ap.add_argument("--accordiff", required=True)
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    reports = []
    for name in CASES:
        d = os.path.join(args.fixtures, name)
        reports.append((name, os.path.join(d, "old.txt"), os.path.join(d, "new.txt")))
    inj_old = os.path.join(args.out, "injection-old.txt")
    inj_new = os.path.join(args.out, "injection-new.txt")
    with open(inj_old, "w") as f:
        f.write(INJECTION_OLD)
    with open(inj_new, "w") as f:
        f.write(INJECTION_NEW)
    reports.append(("injection", inj_old, inj_new))
    es = os.path.join(args.fixtures, "gis", "es", "old.txt")
    reports.append(("identical", es, es))

    started = time.monotonic()
    with Browser(args.chromium, os.path.join(args.out, "chromium.log")) as browser:
        for name, old, new in reports:
            slug = name.replace("/", "-")
            html = os.path.join(args.out, slug + ".html")
            r = subprocess.run([args.accordiff, "compare", old, new, "-f", "html", "-o", html],
                               capture_output=True, timeout=60)
            j = subprocess.run([args.accordiff, "compare", old, new, "-f", "json"],
                               capture_output=True, timeout=60)
            if not check(r.returncode in (0, 1) and j.returncode == r.returncode,
                         "%s: accordiff exited %d: %s" % (name, r.returncode, r.stderr.decode())):
                continue
            report = json.loads(j.stdout)
            try:
                check_page(browser, name, html, report, args.out)
                check_without_javascript(browser, name, html, report)
                if name == "injection":
                    page = browser.new_page()
                    url, _ = load(page, html)
                    # textContent, not innerText: innerText depends on layout, and the rows are
                    # content-visibility: auto (CI's sanitizer run once read the header but no
                    # row's text; not reproduced here). Markup the page had parsed would not be
                    # in textContent with its angle brackets either.
                    text = page.evaluate("document.querySelector('main').textContent")
                    check("<script>alert(1)</script>" in text and "</style><img src=x" in text,
                          "injection: the input's markup is not in the page as text: %r" % text[:600])
                    check(not page.events("Page.javascriptDialogOpening"),
                          "injection: a script of the input ran")
                    page.close()
            except CDPError as e:
                check(False, "%s: %s" % (name, e))
    print("browser_test: %d reports in %s, %.1fs; screenshots in %s" %
          (len(reports), args.chromium, time.monotonic() - started, args.out))
    print("%d passed, %d failed" % (results["passed"], results["failed"]))
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
