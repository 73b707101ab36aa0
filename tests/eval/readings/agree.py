"""Agreement between two independent readings of one document (key level, as the scorer matches).

Usage: python3 tests/eval/readings/agree.py A.yaml B.yaml [-v] -> per kind: entries, matched,
F1 (Dice), and the
unmatched entries of each side. Instrument entries match on (country, instrument, status) with
lines within 3 of each other (prose restated in a table counts separately); process entries on
(process, fact, value).
"""

import sys
from pathlib import Path

import yaml


def norm(s):
    return " ".join(str(s or "").lower().replace("the ", "").split())


def key(e):
    if e.get("kind") == "instrument":
        return ("instrument", norm(e.get("country")), e.get("instrument"), e.get("status"))
    if e.get("kind") == "process":
        return ("process", norm(e.get("process")), e.get("fact"), norm(e.get("value")))
    return ("events", e.get("section"), e.get("first_line"))


def scored(e):
    return "uncertain" not in str(e.get("note") or "")


def match(a, b):
    used, hits = set(), []
    for x in a:
        for j, y in enumerate(b):
            if j in used or key(x) != key(y):
                continue
            if x.get("kind") == "instrument" and abs(int(x["line"]) - int(y["line"])) > 3:
                continue
            used.add(j)
            hits.append((x, y))
            break
    return hits, used


def main(pa, pb):
    A = [e for e in yaml.safe_load(Path(pa).read_text(encoding="utf-8")) or [] if scored(e)]
    B = [e for e in yaml.safe_load(Path(pb).read_text(encoding="utf-8")) or [] if scored(e)]
    for kind in ("instrument", "process", "events"):
        a = [e for e in A if e.get("kind") == kind]
        b = [e for e in B if e.get("kind") == kind]
        hits, used = match(a, b)
        n = len(hits)
        f1 = 2 * n / (len(a) + len(b)) if a or b else 1.0
        print(f"{kind}: A {len(a)}, B {len(b)}, matched {n}, agreement (Dice) {f1:.3f}")
        if "-v" in sys.argv:
            got = {id(x) for x, _ in hits}
            for e in a:
                if id(e) not in got:
                    print("  only A:", e.get("id"), e.get("line"), key(e)[1:])
            for j, e in enumerate(b):
                if j not in used:
                    print("  only B:", e.get("id"), e.get("line"), key(e)[1:])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
