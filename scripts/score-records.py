#!/usr/bin/env python3
"""Scores a pdfrecon JSON document's records against an expected records CSV.

    scripts/score-records.py OUT.json EXPECTED.csv [--label NAME]

Prints one tab-separated line: label, expected, found, exact, record F1,
target accuracy, silently wrong figures (No., unit or target wrong and the
record not flagged needs_review) and right records flagged anyway. Records
are paired in order by their indicator (a longest matching subsequence), so
one lost or extra record costs itself, not every record after it.

Standard library only: used by scripts/sweep-classes.sh.
"""
import csv
import difflib
import json
import sys
import unicodedata

FIELDS = ["section", "no", "unit", "objective", "indicator", "target"]
FIGURES = ["no", "unit", "target"]


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s or "").split())


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    label = argv[argv.index("--label") + 1] if "--label" in argv else argv[1]
    try:
        with open(argv[1], encoding="utf-8") as f:
            got = json.load(f).get("records", [])
    except (OSError, ValueError) as e:
        print(f"{label}\tunreadable output: {e}")
        return 1
    with open(argv[2], encoding="utf-8", newline="") as f:
        want = list(csv.DictReader(f))
    key = lambda r: norm(r.get("indicator")).lower()
    matcher = difflib.SequenceMatcher(None, [key(r) for r in want], [key(r) for r in got],
                                      autojunk=False)
    pairs = []
    for block in matcher.get_matching_blocks():
        pairs += [(block.a + k, block.b + k) for k in range(block.size)]
    exact = targets = silent = flagged_right = 0
    for a, b in pairs:
        w, g = want[a], got[b]
        wrong = [f for f in FIELDS if norm(w.get(f)) != norm(g.get(f))]
        flagged = "needs_review" in g.get("flags", [])
        exact += not wrong
        targets += "target" not in wrong
        silent += bool(set(wrong) & set(FIGURES)) and not flagged
        flagged_right += not wrong and flagged
    precision = exact / len(got) if got else 0.0
    recall = exact / len(want) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    target_acc = targets / len(want) if want else 0.0
    print(f"{label}\t{len(want)}\t{len(got)}\t{exact}\t{f1:.3f}\t{target_acc:.3f}\t{silent}"
          f"\t{flagged_right}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
