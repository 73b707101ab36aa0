"""Writing answers: SPARQL JSON, XML, CSV, TSV from plain terms; graphs as the store wrote them.

This runs inside the worker processes, so the parent only moves bytes. The writers work on
plain string tuples (`migkg.store.base.PlainTerm`), not rdflib terms: at the row cap (10,000
rows) building rdflib terms would cost more than the query itself.
"""

from __future__ import annotations

import csv
import io
import json
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from migkg.store.base import PlainTerm, RawResult

# Format keys used throughout the API (conneg chooses one, the worker writes it).
SELECT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")

SPARQL_NS = "http://www.w3.org/2005/sparql-results#"


def _json_term(t: PlainTerm) -> dict[str, str]:
    kind, value, datatype, lang = t
    out = {"type": kind, "value": value}
    if lang:
        out["xml:lang"] = lang
    elif datatype:
        out["datatype"] = datatype
    return out


def to_sparql_json(raw: RawResult) -> bytes:
    if raw.kind == "ask":
        return json.dumps({"head": {}, "boolean": raw.boolean}).encode()
    names = raw.variables
    bindings = [
        {v: _json_term(t) for v, t in zip(names, row, strict=True) if t is not None}
        for row in raw.rows
    ]
    doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
    # compact, like the engine's own writer (migkg/store/oxigraph.py), so one query gives the
    # same bytes on either path
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml_term(t: PlainTerm) -> str:
    kind, value, datatype, lang = t
    if kind == "uri":
        return f"<uri>{escape(value)}</uri>"
    if kind == "bnode":
        return f"<bnode>{escape(value)}</bnode>"
    if lang:
        return f"<literal xml:lang={quoteattr(lang)}>{escape(value)}</literal>"
    if datatype:
        return f"<literal datatype={quoteattr(datatype)}>{escape(value)}</literal>"
    return f"<literal>{escape(value)}</literal>"


def to_sparql_xml(raw: RawResult) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sparql xmlns="{SPARQL_NS}">']
    if raw.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if raw.boolean else 'false'}</boolean>"]
    else:
        out.append("<head>")
        out += [f"<variable name={quoteattr(v)}/>" for v in raw.variables]
        out += ["</head>", "<results>"]
        for row in raw.rows:
            out.append("<result>")
            for v, t in zip(raw.variables, row, strict=True):
                if t is not None:
                    out.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return ("\n".join(out) + "\n").encode("utf-8")


def to_sparql_csv(raw: RawResult) -> bytes:
    """SPARQL 1.1 CSV: plain values, CRLF line ends, RFC 4180 quoting (bnodes as _:label)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if raw.kind == "ask":
        w.writerow(["_askResult"])
        w.writerow(["true" if raw.boolean else "false"])
        return buf.getvalue().encode("utf-8")
    w.writerow(raw.variables)
    for row in raw.rows:
        w.writerow(["" if t is None else (f"_:{t[1]}" if t[0] == "bnode" else t[1]) for t in row])
    return buf.getvalue().encode("utf-8")


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _tsv_term(t: PlainTerm | None) -> str:
    if t is None:
        return ""
    kind, value, datatype, lang = t
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    text = f'"{value.translate(_TSV_ESCAPES)}"'
    if lang:
        return f"{text}@{lang}"
    if datatype:
        return f"{text}^^<{datatype}>"
    return text


def to_sparql_tsv(raw: RawResult) -> bytes:
    """SPARQL 1.1 TSV: terms in Turtle syntax, `?var` header, LF line ends."""
    if raw.kind == "ask":
        return f"?_askResult\n{'true' if raw.boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{v}" for v in raw.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in raw.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


WRITERS = {
    "json": to_sparql_json,
    "xml": to_sparql_xml,
    "csv": to_sparql_csv,
    "tsv": to_sparql_tsv,
}


def serialize(raw: RawResult, fmt: str) -> bytes:
    """The body of an answer in format key `fmt` (graph answers come serialised already)."""
    if raw.kind == "graph":
        return raw.graph
    if raw.json is not None and fmt == "json":
        return raw.json
    return WRITERS[fmt](raw)


def well_formed_xml(body: bytes) -> bool:
    """Whether bytes are well-formed XML (expat, no DTD or entity fetching).

    The engine's RDF/XML writer emits an element that is not XML for a predicate IRI with no
    local name (`<http://example.org/p/1>`, `<...#>`) and writes characters XML 1.0 forbids
    (U+0001, U+FFFE) as they are; such an answer is refused rather than sent broken.
    """
    parser = expat.ParserCreate(namespace_separator=" ")  # namespaces: `<p:>` is no name
    try:
        parser.Parse(body, True)
    except expat.ExpatError:
        return False
    return True
