"""SPARQL result formats the CLI and the service share (JSON, CSV, TSV, a text table)."""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from migkg.store.base import QueryResult


def json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: QueryResult) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings = [
        {v: json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False
    )


def plain(term: Node | None) -> str:
    return "" if term is None else str(term)


def tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    return term.n3()


def to_csv(result: QueryResult) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(result.variables)
    for row in result.rows:
        w.writerow([plain(t) for t in row])
    return buf.getvalue()


def to_tsv(result: QueryResult) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join(tsv_term(t) for t in row))
    return "\n".join(lines) + "\n"


def to_table(result: QueryResult, width: int = 60) -> str:
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    cells = [[plain(t)[:width] for t in row] for row in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(result.variables)]
    sep = "  "
    out = [sep.join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True))]
    out.append(sep.join("-" * w for w in widths))
    out += [sep.join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    out.append(f"({len(cells)} rows)")
    return "\n".join(out)
