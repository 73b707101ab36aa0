"""Write a synthetic N-Quads file shaped like the migkg graph, for measurements (seeded).

`python bench/gen_triples.py /tmp/bench.nq --triples 1000000 --seed 7` writes exactly that
many quads over ten named graphs: typed resources with labels (some language-tagged), dates,
integers and links between resources, so that joins and filters have something to chew on.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

BASE = "https://w3id.org/migkg/"
MKG = f"{BASE}ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
XSD = "http://www.w3.org/2001/XMLSchema#"
CLASSES = ("Country", "Instrument", "StatusClaim", "Event", "Passage", "Mention")
WORDS = ("readmission", "agreement", "mobility", "partnership", "border", "asylum", "return")


def quads(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    i = 0
    while len(out) < n:
        cls = CLASSES[i % len(CLASSES)]
        s = f"<{BASE}id/{cls.lower()}/{i}>"
        g = f"<{BASE}graph/source/doc{i % 10}>"
        label = " ".join(rng.choice(WORDS) for _ in range(3))
        year, month, day = rng.randint(2000, 2024), rng.randint(1, 12), rng.randint(1, 28)
        other = f"<{BASE}id/{CLASSES[rng.randrange(len(CLASSES))].lower()}/{rng.randrange(i + 1)}>"
        out += [
            f"{s} <{RDF_TYPE}> <{MKG}{cls}> {g} .",
            f'{s} <{LABEL}> "{label} {i}"@en {g} .',
            f'{s} <{MKG}asOf> "{year:04d}-{month:02d}-{day:02d}"^^<{XSD}date> {g} .',
            f'{s} <{MKG}startOffset> "{rng.randrange(10**6)}"^^<{XSD}integer> {g} .',
            f"{s} <{MKG}about> {other} {g} .",
        ]
        i += 1
    return out[:n]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("output", type=Path)
    p.add_argument("--triples", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args()
    lines = quads(args.triples, args.seed)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} quads to {args.output}")


if __name__ == "__main__":
    main()
