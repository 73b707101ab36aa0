"""The same question to every system, and a check that every system gave the same rows.

The service binds a canned query's parameters as RDF terms (pyoxigraph `substitutions=`, which
reach every group and every sub-select that projects the variable). The baselines only take
query text, so `effective_text` writes the binding into the text: `VALUES ?p { term }` as the
first element of every `WHERE {` and `MINUS {` group. A group is evaluated bottom-up, so the
value has to be present in each group that reads the variable; a sub-select that does not
project it ignores it. The service is sent the same text on `/sparql`; its canned route
(`/queries/{name}` with URL parameters) is the reference every answer is compared with.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping

from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_GROUP = re.compile(r"\b(WHERE|MINUS)\s*\{", re.IGNORECASE)
_COMMENT_LINE = re.compile(r"^\s*#.*$", re.MULTILINE)

Row = tuple[tuple[str, str, str | None, str | None] | None, ...]


def effective_text(text: str, bindings: Mapping[str, Node]) -> str:
    """The query with its parameters written in as VALUES rows (comment lines dropped)."""
    body = _COMMENT_LINE.sub("", text)
    if not bindings:
        return body
    values = " ".join(
        f"VALUES ?{name} {{ {term.n3()} }}" for name, term in sorted(bindings.items())
    )
    return _GROUP.sub(lambda m: f"{m.group(0)} {values}", body)


def _term(cell: Mapping[str, str] | None) -> tuple[str, str, str | None, str | None] | None:
    if cell is None:
        return None
    kind = cell["type"]
    if kind == "typed-literal":  # the pre-2013 JSON form some serialisers still write
        kind = "literal"
    if kind == "bnode":
        return ("bnode", "_", None, None)  # labels are local to an answer
    datatype = cell.get("datatype")
    if datatype == XSD_STRING:
        datatype = None
    return (kind, cell["value"], datatype, cell.get("xml:lang"))


def rows(body: bytes) -> tuple[list[str], list[Row]]:
    """Variables and rows of a SPARQL JSON answer, as plain comparable tuples."""
    data = json.loads(body)
    variables = list(data["head"].get("vars", []))
    out = [
        tuple(_term(b.get(v)) for v in variables)
        for b in data.get("results", {}).get("bindings", [])
    ]
    return variables, out


def compare(reference: bytes, other: bytes) -> str | None:
    """None when both answers hold the same variables and the same multiset of rows, else why.

    Order is not compared: ORDER BY leaves ties in engine order, which may differ.
    """
    ref_vars, ref_rows = rows(reference)
    vars_, rows_ = rows(other)
    if set(ref_vars) != set(vars_):
        return f"variables differ: {sorted(set(ref_vars) ^ set(vars_))}"
    index = [vars_.index(v) for v in ref_vars]
    aligned = Counter(tuple(r[i] for i in index) for r in rows_)
    expected = Counter(ref_rows)
    if aligned == expected:
        return None
    missing = sum((expected - aligned).values())
    extra = sum((aligned - expected).values())
    sample = next(iter((expected - aligned) or (aligned - expected)))
    return (
        f"{len(ref_rows)} rows expected, {len(rows_)} given: {missing} missing, {extra} extra "
        f"(e.g. {sample})"
    )
