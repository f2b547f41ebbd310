#!/usr/bin/env python3
"""Baseline paragraph differ: what a careful Python script with difflib would do.

    benchmarks/difflib_paragraphs.py OLD NEW [-o FILE]

The baseline of /work/shared/eval/README.md: paragraphs are blank-line separated blocks,
compared after whitespace normalisation with SequenceMatcher over the paragraph lists;
inside a replace block, leftovers are paired as reworded when their word-level ratio is
at least 0.6 (best partner first); a dropped paragraph whose exact text was added
elsewhere is moved. Prints a JSON report (one group per paragraph, and the counts).
Exit status like diff: 0 no change, 1 changed, 2 trouble. Standard library only.
"""

import argparse
import difflib
import json
import re
import sys

PAIR_RATIO = 0.6
BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraphs(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read().replace("\r\n", "\n")
    return [p for p in (" ".join(b.split()) for b in BLANK_LINE.split(text)) if p]


def pair_block(old, new, i1, i2, j1, j2):
    """Pair old[i1:i2] with new[j1:j2] at word ratio >= PAIR_RATIO, best first.
    Quadratic in the block size, as such scripts are."""
    words_new = [new[j].split() for j in range(j1, j2)]
    cands = []
    for i in range(i1, i2):
        sm = difflib.SequenceMatcher(None, autojunk=False)
        sm.set_seq2(old[i].split())  # seq2 is the one SequenceMatcher indexes: reuse it
        for k, wn in enumerate(words_new):
            sm.set_seq1(wn)
            if sm.real_quick_ratio() >= PAIR_RATIO and sm.quick_ratio() >= PAIR_RATIO:
                r = sm.ratio()
                if r >= PAIR_RATIO:
                    cands.append((-r, i, j1 + k))
    cands.sort()
    used_old, used_new, pairs = set(), set(), []
    for neg_r, i, j in cands:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j, -neg_r))
    return pairs, used_old, used_new


def compare(old, new):
    groups, dropped, added = [], [], []
    sm = difflib.SequenceMatcher(None, old, new)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            groups += [{"kind": "unchanged", "old": [i], "new": [j1 + k]}
                       for k, i in enumerate(range(i1, i2))]
            continue
        used_old, used_new = set(), set()
        if tag == "replace":
            pairs, used_old, used_new = pair_block(old, new, i1, i2, j1, j2)
            groups += [{"kind": "reworded", "old": [i], "new": [j], "ratio": round(r, 3)}
                       for i, j, r in pairs]
        dropped += [i for i in range(i1, i2) if i not in used_old]
        added += [j for j in range(j1, j2) if j not in used_new]
    # Exact text dropped in one place and added in another: moved.
    added_at = {}
    for j in added:
        added_at.setdefault(new[j], []).append(j)
    moved_new = set()
    for i in dropped:
        spots = added_at.get(old[i])
        if spots:
            j = spots.pop(0)
            moved_new.add(j)
            groups.append({"kind": "moved", "old": [i], "new": [j]})
        else:
            groups.append({"kind": "dropped", "old": [i], "new": []})
    groups += [{"kind": "added", "old": [], "new": [j]} for j in added if j not in moved_new]
    groups.sort(key=lambda g: (g["old"] or [float("inf")], g["new"] or [-1]))
    counts = {}
    for g in groups:
        counts[g["kind"]] = counts.get(g["kind"], 0) + 1
    return groups, counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("-o", "--output", help="write the JSON report here (default stdout)")
    a = ap.parse_args()
    try:
        old, new = paragraphs(a.old), paragraphs(a.new)
    except OSError as e:
        print(f"difflib_paragraphs: {e}", file=sys.stderr)
        return 2
    groups, counts = compare(old, new)
    report = {"tool": "difflib_paragraphs", "old_paragraphs": len(old),
              "new_paragraphs": len(new), "counts": counts, "paragraphs": groups}
    out = open(a.output, "w", encoding="utf-8") if a.output else sys.stdout
    with out:
        json.dump(report, out, ensure_ascii=False)
        out.write("\n")
    return 0 if set(counts) <= {"unchanged"} else 1


if __name__ == "__main__":
    sys.exit(main())
