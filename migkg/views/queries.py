"""Canned queries are data: one .rq file each, with a `#+ key: value` header (CONVENTIONS)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from migkg.settings import MigkgError
from migkg.store.base import Store
from migkg.views import params

_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^(\w+)\s*(?:\(([^,)]+)(?:,\s*default:\s*([^)]*))?\))?$")
BUILD_AS_OF = "the build's asOf"  # the default a header names for the build's latest asOf


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # xsd:date | xsd:string | xsd:integer | iri
    default: str | None = None


@dataclass(frozen=True)
class CannedQuery:
    name: str
    path: Path
    text: str
    title: str
    description: str = ""
    params: tuple[Param, ...] = ()
    tags: tuple[str, ...] = field(default_factory=tuple)


def parse_params(value: str) -> tuple[Param, ...]:
    out = []
    for chunk in (c.strip() for c in re.split(r";|,(?![^(]*\))", value)):
        if not chunk:
            continue
        m = _PARAM.match(chunk)
        if not m:
            raise MigkgError(f"bad params header entry {chunk!r}")
        default = m.group(3).strip() if m.group(3) else None
        out.append(Param(m.group(1), (m.group(2) or "xsd:string").strip(), default))
    return tuple(out)


def load_query(path: Path, root: Path) -> CannedQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        m = _HEADER.match(line)
        if m:
            header[m.group(1)] = m.group(2)
        elif line.strip() and not line.startswith("#"):
            break
    name = path.relative_to(root).with_suffix("").as_posix()
    if "title" not in header:
        raise MigkgError(f"{path}: canned query has no '#+ title:' header")
    return CannedQuery(
        name=name,
        path=path,
        text=text,
        title=header["title"],
        description=header.get("description", ""),
        params=parse_params(header.get("params", "")),
        tags=tuple(t.strip() for t in header.get("tags", "").split(",") if t.strip()),
    )


def canned_queries(project: Path) -> dict[str, CannedQuery]:
    root = project / "queries"
    out = {}
    for path in sorted(root.rglob("*.rq")):
        if path.parent.name in ("derive",):
            continue
        q = load_query(path, root)
        out[q.name] = q
    return out


def bind(
    query: CannedQuery, given: dict[str, str], defaults: dict[str, str]
) -> dict[str, URIRef | Literal]:
    """Typed RDF terms for the parameters: never spliced into the query text."""
    known = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise MigkgError(
            f"query {query.name} has no parameter {', '.join(unknown)}; "
            f"parameters: {', '.join(known) or 'none'}"
        )
    out: dict[str, URIRef | Literal] = {}
    for p in query.params:
        raw = given.get(p.name)
        if raw is None and p.default is not None:
            raw = defaults.get(p.default, p.default)
        if raw is None or raw == "":
            continue
        out[p.name] = typed_term(p, raw)
    return out


def latest_as_of(store: Store) -> str:
    """The build's latest asOf (decision 0004): the default date of canned queries."""
    res = store.query(
        "PREFIX mkg: <https://w3id.org/migkg/ontology#> "
        "SELECT ?d WHERE { ?b mkg:latestAsOf ?d } LIMIT 1"
    )
    return str(res.rows[0][0]) if res.rows else ""


def bind_on(query: CannedQuery, given: dict[str, str], store: Store) -> dict[str, URIRef | Literal]:
    """bind() with the build's asOf read from the store the query will run on."""
    return bind(query, given, {BUILD_AS_OF: latest_as_of(store)})


def typed_term(p: Param, raw: str) -> URIRef | Literal:
    """The value as an RDF term of the parameter's type, judged by migkg/views/params.py."""
    if p.type == "xsd:date":
        return Literal(params.date(p.name, raw), datatype=XSD.date)
    if p.type == "xsd:integer":
        return Literal(str(params.integer(p.name, raw)), datatype=XSD.integer)
    if p.type == "iri":
        return URIRef(params.iri(p.name, raw))
    return Literal(raw)
