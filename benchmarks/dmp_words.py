#!/usr/bin/env python3
"""Baseline word differ: Google's diff-match-patch, word by word.

    benchmarks/dmp_words.py OLD NEW

diff-match-patch diffs characters; for a word diff its documented recipe
(diff_linesToChars) is to map each distinct token to one character, diff those strings
and map back. Tokens here are runs of white space and runs of anything else, so the
diff rebuilds both texts. Diff_Timeout is 0 (no deadline): with its default 1 s it
stops early and returns a coarse diff, which would not be the same work as the others'.
Prints the number of equal, deleted and inserted tokens. Exit status like diff: 0 no
change, 1 changed, 2 trouble.

The Python port is the one Debian packages (python3-diff-match-patch); Debian has no
Node.js package of it. Run it with an interpreter that sees Debian's dist-packages
(/usr/bin/python3).
"""

import re
import sys

try:
    from diff_match_patch import diff_match_patch
except ImportError:
    sys.exit("dmp_words.py: needs python3-diff-match-patch (scripts/setup.sh --bench)")

TOKEN = re.compile(r"\s+|\S+")


def main():
    if len(sys.argv) != 3 or sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(sys.argv) == 2 else 2
    texts = []
    for path in sys.argv[1:3]:
        with open(path, encoding="utf-8", errors="replace") as f:
            texts.append(f.read())
    ids = {}
    encoded = []
    for text in texts:
        chars = []
        for tok in TOKEN.findall(text):
            k = ids.get(tok)
            if k is None:
                k = ids[tok] = len(ids)
                if k > sys.maxunicode:
                    sys.exit("dmp_words.py: more distinct tokens than characters")
            chars.append(chr(k))
        encoded.append("".join(chars))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(encoded[0], encoded[1], False)
    counts = {-1: 0, 0: 0, 1: 0}
    for op, run in diffs:
        counts[op] += len(run)
    print(f"equal {counts[0]} deleted {counts[-1]} inserted {counts[1]} tokens")
    return 1 if counts[-1] or counts[1] else 0


if __name__ == "__main__":
    sys.exit(main())
