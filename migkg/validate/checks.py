"""SHACL shapes, check queries and report queries over a built graph (0006)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import rdflib.plugins.sparql
from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph
from rdflib.namespace import SH

from migkg.store import OxigraphStore
from migkg.validate.findings import Finding, Validation
from migkg.validate.shacl_sparql import sparql_findings

# pySHACL evaluates SPARQL through rdflib, which would fetch FROM graphs from the web otherwise.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


def load_shapes(project: Path) -> Graph:
    shapes = Graph()
    for path in sorted((project / "shapes").glob("*.ttl")):
        shapes.parse(path, format="turtle")
    return shapes


def pyshacl_findings(data: Graph, shapes: Graph) -> list[Finding]:
    """Validate with pySHACL itself, inference off; the caller puts the ontology in the data
    graph. The reference the fast engine (migkg/validate/shacl_sparql.py) is tested against, its
    fallback for the shapes it does not compile, and `validate --engine pyshacl`."""
    if len(shapes) == 0:
        return []
    _conforms, results, _text = shacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True
    )
    return findings_from_report(results)


shacl_findings = pyshacl_findings  # the earlier name, kept for the shape tests


def findings_from_report(results: Graph) -> list[Finding]:
    out = []
    for r in results.subjects(SH.resultSeverity, None):

        def one(p: object, r: object = r) -> str:
            v = results.value(r, p)  # type: ignore[arg-type]
            return "" if v is None else str(v)

        out.append(
            Finding(
                focus=one(SH.focusNode),
                path=one(SH.resultPath),
                component=one(SH.sourceConstraintComponent).rsplit("#", 1)[-1],
                severity=one(SH.resultSeverity).rsplit("#", 1)[-1],
                message=one(SH.resultMessage),
            )
        )
    return sorted(out, key=lambda f: (f.severity, f.focus, f.path, f.component, f.message))


def union_graph(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def run_queries(store: OxigraphStore, folder: Path) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for path in sorted(folder.glob("*.rq")):
        result = store.query(path.read_text(encoding="utf-8"))
        out[path.stem] = [
            {k: ("" if v is None else str(v)) for k, v in row.items()} for row in result.as_dicts()
        ]
    return out


def read_expected(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def row_key(row: dict[str, str]) -> str:
    return " | ".join(f"{k}={row[k]}" for k in sorted(row))


ENGINES = ("sparql", "pyshacl")
XSD_STRING_SUFFIX = b"^^<http://www.w3.org/2001/XMLSchema#string>"


def fast_findings(
    store: OxigraphStore,
    nquads: bytes,
    shapes: Graph,
    data: Callable[[], Graph],
    progress: Callable[[str], None] = lambda _m: None,
) -> list[Finding]:
    """The SPARQL engine on the loaded store; `data()` builds pySHACL's rdflib graph, called
    only when a shape falls back (each one is named through `progress`)."""

    if len(shapes) == 0:
        return []
    findings, fallback = sparql_findings(
        store,
        shapes,
        lambda rest: pyshacl_findings(data(), rest),
        explicit_strings=XSD_STRING_SUFFIX in nquads,
    )
    for shape, why in sorted(fallback.items()):
        progress(f"shape {shape} validated by pySHACL: {why}")
    return findings


def nquads_graph(nquads: bytes) -> Graph:
    """The union of a build's graphs as an rdflib Graph, read back from its N-Quads."""
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    return union_graph(ds)


def validate_build(
    nquads: Path,
    project: Path,
    progress: Callable[[str], None],
    engine: str = "sparql",
    data: bytes | None = None,
) -> Validation:
    """Shapes, checks and reports over one in-memory store loaded once from the N-Quads file.

    engine "sparql" (default) compiles the shapes to SPARQL (migkg/validate/shacl_sparql.py, 0010)
    and builds no rdflib graph unless a shape falls back to pySHACL; "pyshacl" runs pySHACL on the
    union of the graphs read back from the N-Quads. `data` is the file's content when the
    caller has it already (the build has just written it)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}: one of {', '.join(ENGINES)}")
    v = Validation()
    if data is None:
        data = nquads.read_bytes()
    store = OxigraphStore.from_nquads(data)
    shapes = load_shapes(project)

    def rdflib_data() -> Graph:
        return nquads_graph(data)

    progress(f"validating shapes ({engine})")
    if engine == "sparql":
        v.findings = fast_findings(store, data, shapes, rdflib_data, progress)
    else:
        v.findings = pyshacl_findings(rdflib_data(), shapes)
    progress("running checks and reports")
    v.checks = run_queries(store, project / "queries" / "checks")
    v.reports = run_queries(store, project / "queries" / "reports")
    for name, rows in v.reports.items():
        expected = {
            row_key(r) for r in read_expected(project / "queries/reports/expected" / f"{name}.csv")
        }
        actual = {row_key(r) for r in rows}
        if expected != actual:
            v.report_diffs[name] = {
                "new": sorted(actual - expected),
                "gone": sorted(expected - actual),
            }
    return v
