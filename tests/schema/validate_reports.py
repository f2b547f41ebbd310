#!/usr/bin/env python3
"""Validates JSON reports against docs/report.schema.json (draft 2020-12).

  validate_reports.py --schema docs/report.schema.json --fixtures fixtures \
      [--accordiff build/dev/accordiff --work DIR]

Checks, failing with a message naming the report and the path of the first error:
- the schema is a valid draft 2020-12 schema, and every property and definition has a
  "description";
- every golden report (fixtures/*/*/expected.json) validates, with every object closed
  (unevaluatedProperties: false), so that a field accordiff writes but the schema does
  not describe fails here;
- with --accordiff: fresh reports (each fixture both ways and against itself, options,
  standard input, Markdown input) validate too; `accordiff schema` prints the schema file
  byte for byte; and reports broken on purpose are rejected (so that this test can fail).

Needs python3-jsonschema (Debian; scripts/setup.sh installs it).
"""
import argparse
import copy
import glob
import json
import os
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate_reports: python3-jsonschema is missing; run scripts/setup.sh "
             "(apt-get install python3-jsonschema)")

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def closed(schema):
    """The schema with every object that lists properties closed to others."""
    s = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node.setdefault("unevaluatedProperties", False)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(s)
    return s


def undocumented(schema):
    """Paths of properties and definitions without a description."""
    missing = []

    def has_description(node):
        if "description" in node:
            return True
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/"):
            return "description" in schema["$defs"].get(ref[len("#/$defs/"):], {})
        return False

    def walk(node, path):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                # Properties inside if/then/not only restrict ones described elsewhere.
                if "/if" in path or "/then" in path or "/not" in path:
                    continue
                if isinstance(sub, dict) and not has_description(sub):
                    missing.append(path + "/properties/" + name)
            for k, v in node.items():
                walk(v, path + "/" + k)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, path + "/" + str(i))

    walk(schema, "#")
    for name, sub in schema.get("$defs", {}).items():
        if "description" not in sub:
            missing.append("#/$defs/" + name)
    if "description" not in schema:
        missing.append("#")
    return missing


def validate(validator, report, name):
    errors = list(validator.iter_errors(report))
    if errors:
        # The deepest error says what is wrong; the objects around it only repeat that one
        # of their properties failed.
        e = max(errors, key=lambda x: len(x.absolute_path))
        where = "/".join(str(p) for p in e.absolute_path)
        fail("%s: %s (at /%s; %d error(s))" % (name, e.message[:300], where, len(errors)))
        return False
    return True


def run(cmd, stdin=None):
    r = subprocess.run(cmd, input=stdin, capture_output=True, timeout=120)
    if r.returncode not in (0, 1):
        fail("%s exited %d: %s" % (" ".join(cmd), r.returncode, r.stderr.decode()[:300]))
        return None
    return r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schema", required=True)
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--accordiff")
    ap.add_argument("--work")
    args = ap.parse_args()

    with open(args.schema, "rb") as f:
        schema_bytes = f.read()
    schema = json.loads(schema_bytes)
    V = jsonschema.Draft202012Validator
    try:
        V.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        fail("the schema is not a valid draft 2020-12 schema: %s" % e.message)
        return 1
    if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
        fail("the schema does not declare draft 2020-12")
    for path in undocumented(schema):
        fail("no description: " + path)
    strict = V(closed(schema))
    open_v = V(schema)

    goldens = sorted(glob.glob(os.path.join(args.fixtures, "*", "*", "expected.json")))
    if not goldens:
        fail("no golden report under " + args.fixtures)
    for path in goldens:
        with open(path, encoding="utf-8") as f:
            validate(strict, json.load(f), os.path.relpath(path, os.path.dirname(args.fixtures)))
    checked = len(goldens)

    if args.accordiff:
        bin_ = args.accordiff
        out = run([bin_, "schema"])
        if out is not None and out != schema_bytes:
            fail("`accordiff schema` does not print %s byte for byte" % args.schema)
        pairs = sorted(os.path.dirname(p) for p in goldens)
        fresh = []
        for d in pairs:
            old, new = os.path.join(d, "old.txt"), os.path.join(d, "new.txt")
            fresh.append(([bin_, "compare", old, new, "-f", "json"], None))
            fresh.append(([bin_, "compare", new, old, "-f", "json"], None))
            fresh.append(([bin_, "compare", old, old, "-f", "json"], None))
        es = os.path.join(args.fixtures, "gis", "es")
        with open(os.path.join(es, "new.txt"), "rb") as f:
            es_new = f.read()
        fresh.append(([bin_, "compare", os.path.join(es, "old.txt"), "-", "-f", "json",
                       "--lang", "es", "--ignore-accents", "--ignore-punctuation",
                       "--ignore-number-format", "--case-sensitive", "--reword-local", "0.4",
                       "--reword-global", "0.6", "--split-threshold", "0.5", "--split-piece",
                       "0.7"], es_new))
        if args.work:
            os.makedirs(args.work, exist_ok=True)
            md_old = os.path.join(args.work, "old.md")
            md_new = os.path.join(args.work, "new.md")
            with open(md_old, "w", encoding="utf-8") as f:
                f.write("# Título\n\n- Uno acordaron evaluar.\n- Dos.\n\nTexto *final* aquí.\n")
            with open(md_new, "w", encoding="utf-8") as f:
                f.write("# Título nuevo\n\n- Uno acordaron instalar.\n\nTexto *final* aquí. Más.\n")
            fresh.append(([bin_, "compare", md_old, md_new, "-f", "json"], None))
            empty = os.path.join(args.work, "empty.txt")
            open(empty, "w").close()
            fresh.append(([bin_, "compare", empty, md_new, "-f", "json", "--allow-empty"], None))
        sample = None
        for cmd, stdin in fresh:
            out = run(cmd, stdin)
            if out is None:
                continue
            try:
                report = json.loads(out)
            except ValueError as e:
                fail("%s: not JSON: %s" % (" ".join(cmd), e))
                continue
            validate(strict, report, " ".join(cmd[1:]))
            checked += 1
            if sample is None or len(report.get("sentences", [])) > len(sample["sentences"]):
                sample = report

        # Reports broken on purpose must be rejected: the validation can fail.
        if sample is not None:
            def broken(change):
                r = copy.deepcopy(sample)
                change(r)
                return r

            def first_reworded(r):
                return next(g for g in r["sentences"] if g["kind"] == "reworded")

            cases = {
                "an undocumented field": (lambda r: r.update(surprise=1), strict),
                "an unknown kind": (lambda r: r["sentences"][0].update(kind="renamed"), open_v),
                "no sentences": (lambda r: r.pop("sentences"), open_v),
                "another schema": (lambda r: r.update(schema="accordiff.report/2"), open_v),
                "an edit op": (lambda r: first_reworded(r)["edits"][0].update(op="*"), open_v),
                "a similarity above 1": (lambda r: r["sentences"][0].update(similarity=1.5),
                                         open_v),
                "a bad id": (lambda r: r["sentences"][0].update(id="p1"), open_v),
                "an added group with an old side": (
                    lambda r: next(g for g in r["sentences"] if g["kind"] == "added")["old"]
                    .append({"start": 0, "end": 1, "text": "x"}), open_v),
                "a short hash": (lambda r: r["old"].update(xxh3_128="abc"), open_v),
                "a negative count": (lambda r: r["summary"].update(added=-1), open_v),
                "an undocumented span field": (
                    lambda r: r["sentences"][0]["new"][0].update(line=3), strict),
            }
            for what, (change, v) in cases.items():
                try:
                    bad = broken(change)
                except StopIteration:
                    continue
                if not list(v.iter_errors(bad)):
                    fail("a report with %s validates" % what)

    print("validate_reports: %d reports checked against %s, %d failure(s)"
          % (checked, args.schema, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
