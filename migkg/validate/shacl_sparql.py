"""SHACL Core compiled to SPARQL: the fast validator (docs/decisions/0010-shacl-on-sparql.md).

pySHACL walks the graph node by node in Python and was the build's bottleneck (tens of seconds of
CPU on ~160k quads). Here each (shape, constraint) of the subset the project's shapes use becomes
one SPARQL SELECT over the embedded store that returns the violating rows only, so the work runs
in Oxigraph. The results must be the ones pySHACL gives -- same (focus, path, component,
severity, message), one finding per value node as pySHACL reports them -- so where SPARQL and
rdflib could disagree (ill-typed literals, rdflib's Python comparisons, Python regular
expressions) the query only narrows the rows down to the candidates SPARQL cannot prove fine and
pySHACL's own rule decides them in Python (`verify`). Anything outside the subset (complex paths,
sh:node, sh:property, generated messages, ...) is never skipped: the shape is named in
`Plan.fallback` with the reason, logged, and validated by pySHACL itself.

Known differences, all outside what the build emits: a blank-node focus carries the store's
label, not rdflib's; Oxigraph lower-cases language tags, where rdflib keeps "a"@EN and "a"@en
apart when counting values.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from rdflib import Graph
from rdflib.term import Node

from migkg.store import OxigraphStore
from migkg.store.base import StoreError
from migkg.validate.findings import Finding
from migkg.validate.shacl_compile import TARGETS, TRUE, Compiler, Plan

log = logging.getLogger(__name__)


def run_plan(store: OxigraphStore, plan: Plan) -> tuple[list[Finding], set[Node]]:
    """Run the queries; a shape whose query the store refuses falls back as well."""
    findings: list[Finding] = []
    failed: set[Node] = set()
    by_shape: dict[Node, list[Finding]] = {}
    for q in plan.queries:
        if q.shape in failed:
            continue
        path, severity, message = plan.results[q.shape]
        try:
            rows = store.query(q.sparql).rows
        except (StoreError, SyntaxError, ValueError, RuntimeError, OSError) as err:
            log.warning(
                "shape %s falls back to pySHACL: the store refused a query: %s",
                q.shape,
                err,
            )
            failed.add(q.shape)
            by_shape.pop(q.shape, None)
            continue
        out = by_shape.setdefault(q.shape, [])
        for row in rows:
            if len(q.parts) == 1:
                hits = [(q.parts[0], row)]
            else:  # (focus, value, flag per part)
                hits = [
                    (part, row[:2])
                    for part, flag in zip(q.parts, row[2:], strict=True)
                    if flag == TRUE
                ]
            for part, candidate in hits:
                if part.verify is None or part.verify(candidate):
                    out.append(Finding(str(row[0]), path, part.component, severity, message))
    for shape_findings in by_shape.values():
        findings.extend(shape_findings)
    return findings, failed


def sparql_findings(
    store: OxigraphStore,
    shapes: Graph,
    pyshacl: Callable[[Graph], list[Finding]],
    *,
    explicit_strings: bool = False,
) -> tuple[list[Finding], dict[str, str]]:
    """Validate the store against the shapes; returns the findings (sorted as pySHACL's are in
    migkg.validate.checks) and the shapes pySHACL validated instead, with the reason.

    `pyshacl(shapes_graph)` runs pySHACL; it is called only when something falls back (so the
    rdflib data graph is built only then), on the shapes graph without the targets of the shapes
    compiled here: pySHACL then validates just the others, with every shape they refer to
    intact. (pySHACL's own `use_shapes` option is not used: on a shape with sh:node it reports
    nothing where a full run reports two results.)"""
    plan = Compiler(shapes, explicit_strings).plan()
    findings, failed = run_plan(store, plan)
    fallback = {str(s): why for s, why in plan.fallback.items()}
    fallback.update({str(s): "the store refused a query" for s in failed})
    if fallback:
        done = set(plan.results) - failed
        rest = Graph()
        for prefix, namespace in shapes.namespaces():  # pySHACL's own messages use them
            rest.bind(prefix, namespace, override=True, replace=True)
        for s, p, o in shapes:
            if not (s in done and p in TARGETS):
                rest.add((s, p, o))
        findings += pyshacl(rest)
    return sort_findings(findings), fallback


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.severity, f.focus, f.path, f.component, f.message))
