#!/usr/bin/env python3
"""Renders accordiff's Markdown reports with cmark-gfm (GitHub's Markdown renderer) and
checks that they read as meant:

- only the expected elements come out (headings, paragraphs, lists, tables, quotes,
  del/ins/strong/em, rules, autolinks): nothing of the inputs turns into markup;
- each change is one quote of one paragraph, in the order of the JSON report;
- in it, the text outside <del> is the new wording and the text outside <strong>/<ins>
  the old one (white space aside), and dropped sentences are struck through whole: so
  every escape worked and every ~~/** delimiter was recognised;
- the documents table has three cells a row (pipes in the inputs escaped);
- no "@name" in the text (GitHub would mention that user).

  markdown_render_test.py --accordiff BIN --fixtures DIR --work DIR [--cmark cmark-gfm]
"""
import argparse
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys

ALLOWED = {"h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "ul", "li",
           "blockquote", "del", "ins", "strong", "em", "hr", "a", "br"}
VOID = {"hr", "br"}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


class Node:
    def __init__(self, tag, parent=None):
        self.tag, self.parent, self.children = tag, parent, []

    def text(self, skip=()):
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif c.tag not in skip:
                out.append(c.text(skip))
        return "".join(out)

    def find_all(self, tag):
        for c in self.children:
            if isinstance(c, Node):
                if c.tag == tag:
                    yield c
                yield from c.find_all(tag)


class Builder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.cur = self.root
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        n = Node(tag, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)

    def handle_comment(self, data):
        self.tags.add("<!--")


def squash(s):
    return re.sub(r"\s+", "", s.replace("\u200b", ""))


def side(group, which):
    return " ".join(s["text"] for s in group[which])


def check(name, md, report, cmark):
    r = subprocess.run([cmark, "--unsafe", "-e", "table", "-e", "strikethrough", "-e",
                        "autolink", "-e", "tagfilter"], input=md, capture_output=True,
                       timeout=60)
    if r.returncode != 0:
        fail("%s: cmark-gfm failed: %s" % (name, r.stderr.decode()[:200]))
        return
    b = Builder()
    b.feed(r.stdout.decode("utf-8"))
    extra = b.tags - ALLOWED
    if extra:
        fail("%s: unexpected elements %s" % (name, sorted(extra)))
    root = b.root
    tables = list(root.find_all("table"))
    if not tables:
        fail("%s: no documents table" % name)
    else:
        for tr in tables[0].find_all("tr"):
            cells = [c for c in tr.children if isinstance(c, Node)]
            if len(cells) != 3:
                fail("%s: a row of the documents table has %d cells" % (name, len(cells)))
    mention = re.search(r"(?<![\w.])@\w", root.text())
    if mention:
        fail("%s: '%s' would mention someone on GitHub" % (name, root.text()[mention.start():][:20]))
    changes = [g for g in report["sentences"] if g["kind"] != "unchanged" or g["moved"]]
    quotes = list(root.find_all("blockquote"))
    if len(quotes) != len(changes):
        fail("%s: %d quotes for %d changes" % (name, len(quotes), len(changes)))
        return
    for g, q in zip(changes, quotes):
        kids = [c for c in q.children if isinstance(c, Node)]
        if [k.tag for k in kids] != ["p"]:
            fail("%s %s: the quote holds %s, not one paragraph" % (name, g["id"],
                                                                   [k.tag for k in kids]))
            continue
        p = kids[0]
        if g["kind"] == "dropped":
            struck = "".join(d.text() for d in p.find_all("del"))
            if squash(p.text(skip=("del",))) or squash(struck) != squash(side(g, "old")):
                fail("%s %s: the dropped sentence is not struck through whole: %r"
                     % (name, g["id"], p.text()[:120]))
            continue
        want_new = side(g, "new")
        got_new = p.text(skip=("del",))
        if squash(got_new) != squash(want_new):
            fail("%s %s: new text reads %r, not %r" % (name, g["id"], got_new[:200],
                                                       want_new[:200]))
        if g["kind"] in ("reworded", "split", "merged"):
            want_old = side(g, "old")
            got_old = p.text(skip=("strong", "ins"))
            if squash(got_old) != squash(want_old):
                fail("%s %s: old text reads %r, not %r" % (name, g["id"], got_old[:200],
                                                           want_old[:200]))
            if not list(p.find_all("del")) and not list(p.find_all("strong")) \
                    and not list(p.find_all("ins")):
                fail("%s %s: no word marked" % (name, g["id"]))


ADVERSARIAL = (
    "Texto con *asteriscos*, _guiones_, `código`, [enlace](http://example.org) y <b>html</b>.\n\n"
    "- Empieza como lista.\n\n"
    "1. Empieza como lista numerada.\n\n"
    "# Parece un título.\n\n"
    "> Parece una cita.\n\n"
    "Una | tubería, ~~tachado~~, $x$ y \\ barra, @usuario y #12.\n\n"
    "Las partes acordaron el plan (evaluar) hoy.\n\n"
    "El costo es a*b por «evaluar» y 200.\n\n"
    "<script>alert(1)</script> y </style> dentro.\n",
    "Texto con *asteriscos*, _guiones_, `código`, [enlace](http://example.org) y <i>html</i>.\n\n"
    "- Empieza como lista, cambiada.\n\n"
    "1. Empieza como lista numerada, cambiada.\n\n"
    "# Parece un título nuevo.\n\n"
    "> Parece una cita distinta.\n\n"
    "Una | tubería, ~~tachado~~, $y$ y \\ barra, @otro y #13.\n\n"
    "Las partes acordaron, el plan (instalar) hoy.\n\n"
    "El costo es a*c por «instalar» y 350.\n\n"
    "<script>alert(2)</script> y </style> dentro.\n",
)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--accordiff", required=True)
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cmark", default=shutil.which("cmark-gfm"))
    args = ap.parse_args()
    if not args.cmark:
        sys.exit("markdown_render_test: cmark-gfm is missing; run scripts/setup.sh "
                 "(apt-get install cmark-gfm)")
    os.makedirs(args.work, exist_ok=True)
    pairs = []
    for set_ in ("gis", "cases"):
        base = os.path.join(args.fixtures, set_)
        for d in sorted(os.listdir(base)):
            if os.path.exists(os.path.join(base, d, "old.txt")):
                pairs.append(("%s/%s" % (set_, d), os.path.join(base, d, "old.txt"),
                              os.path.join(base, d, "new.txt")))
    adv_old = os.path.join(args.work, "adversarial-old.txt")
    adv_new = os.path.join(args.work, "adversarial-new.txt")
    with open(adv_old, "w", encoding="utf-8") as f:
        f.write(ADVERSARIAL[0])
    with open(adv_new, "w", encoding="utf-8") as f:
        f.write(ADVERSARIAL[1])
    pairs.append(("adversarial", adv_old, adv_new))
    for name, old, new in pairs:
        for a, b, tag in ((old, new, ""), (new, old, " (swapped)")):
            md = subprocess.run([args.accordiff, "compare", a, b, "-f", "markdown"],
                                capture_output=True, timeout=60)
            js = subprocess.run([args.accordiff, "compare", a, b, "-f", "json"],
                                capture_output=True, timeout=60)
            if md.returncode not in (0, 1) or js.returncode != md.returncode:
                fail("%s%s: exit %d/%d %s" % (name, tag, md.returncode, js.returncode,
                                             md.stderr.decode()[:200]))
                continue
            with open(os.path.join(args.work, name.replace("/", "-") + tag.replace(" ", "-")
                                   + ".md"), "wb") as f:
                f.write(md.stdout)
            check(name + tag, md.stdout, json.loads(js.stdout), args.cmark)
    print("markdown_render_test: %d reports rendered with %s, %d failure(s)"
          % (2 * len(pairs), args.cmark, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
