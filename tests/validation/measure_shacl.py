"""Measure the SHACL engines on a build's N-Quads: CPU seconds, median of 3 (figures for
docs/decisions/0010-shacl-on-sparql.md).

    .venv/bin/python tests/validation/measure_shacl.py /path/to/graph.nq [runs]

Each run starts from the N-Quads bytes, as validate_build does: the fast engine loads the
in-memory store and validates; pySHACL parses the file into an rdflib graph and validates.
Loading is reported apart from validating. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from migkg.store import OxigraphStore
from migkg.validate.checks import (
    XSD_STRING_SUFFIX,
    load_shapes,
    nquads_graph,
    pyshacl_findings,
)

PROJECT = Path(__file__).resolve().parents[2]


def cpu(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.process_time()
    out = fn()
    return time.process_time() - t0, out


def main(nquads: Path, runs: int = 3) -> None:
    from migkg.validate.shacl_sparql import sparql_findings

    data = nquads.read_bytes()
    shapes = load_shapes(PROJECT)
    figures: dict[str, list[float]] = {
        k: [] for k in ("ox load", "sparql", "rdflib load", "pyshacl")
    }
    counts: dict[str, int] = {}
    for _ in range(runs):
        t, store = cpu(lambda: OxigraphStore.from_nquads(data))
        figures["ox load"].append(t)
        t, (found, fallback) = cpu(  # type: ignore[misc]
            lambda store=store: sparql_findings(  # type: ignore[misc]
                store,  # type: ignore[arg-type]
                shapes,
                lambda rest: pyshacl_findings(nquads_graph(data), rest),
                explicit_strings=XSD_STRING_SUFFIX in data,
            )
        )
        figures["sparql"].append(t)
        counts["sparql"], counts["fallback shapes"] = len(found), len(fallback)
        t, graph = cpu(lambda: nquads_graph(data))
        figures["rdflib load"].append(t)
        t, ref = cpu(lambda graph=graph: pyshacl_findings(graph, shapes))  # type: ignore[misc]
        figures["pyshacl"].append(t)
        counts["pyshacl"] = len(ref)  # type: ignore[arg-type]
        print({k: round(v[-1], 2) for k, v in figures.items()}, flush=True)
    print("quads:", sum(1 for line in data.splitlines() if line.strip()))
    for name, values in figures.items():
        runs_text = ", ".join(f"{v:.2f}" for v in values)
        print(f"{name}: median {statistics.median(values):.2f} s CPU ({runs_text})")
    print("findings:", counts)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 3)
