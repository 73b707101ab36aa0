"""The embedded store on pyoxigraph: the only module that talks to pyoxigraph."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from migkg.iris import PREFIXES
from migkg.store.base import PlainTerm, QueryResult, RawResult, Store, StoreError, Term

DATASET_FORMATS = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
TRIPLE_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
GRAPH_RESULT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_ox(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot convert {term!r}")


def from_ox(term: object) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unsupported term {term!r}")


def plain_ox(term: object) -> PlainTerm | None:
    """A pyoxigraph term as a plain tuple, without building rdflib terms (the fast path)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value, None, None)
    if isinstance(term, ox.Literal):
        if term.language:
            return ("literal", term.value, None, term.language)
        dt = term.datatype.value
        return ("literal", term.value, None if dt == XSD_STRING else dt, None)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value, None, None)
    raise TypeError(f"unsupported term {term!r}")


def turtle_tokens(path: Path, base: str) -> list[tuple[str, str, str]]:
    """A Turtle file's triples as N-Quads tokens (migkg/rdf/nquads.py), parsed here at ten times
    rdflib's speed. A typed literal's lexical form is rdflib's (rdflib writes ``"01"^^xsd:integer``
    as ``"1"``), so the tokens are those of rdflib's parse; blank nodes are refused (0001)."""
    from migkg.rdf.nquads import iri_token, literal_token, term_nq
    from migkg.settings import MigkgError

    typed: dict[tuple[str, str], str] = {}

    def token(term: object) -> str:
        if isinstance(term, ox.NamedNode):
            return iri_token(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return literal_token(term.value, term.language)
            dt = term.datatype.value
            if dt == XSD_STRING:
                return literal_token(term.value)
            key = (term.value, dt)
            if key not in typed:
                typed[key] = term_nq(from_ox(term))
            return typed[key]
        raise MigkgError(f"{path}: blank node in {triple}; give every node an IRI (0001)")

    try:
        triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base))
    except (SyntaxError, OSError, ValueError) as err:
        raise MigkgError(f"{path}: cannot parse Turtle: {err}") from err
    out = []
    for triple in triples:
        out.append((token(triple.subject), token(triple.predicate), token(triple.object)))
    return out


def materialise_default_graph(store: ox.Store) -> None:
    """Write every triple of the named graphs once into the store's default graph.

    The union default graph repeats a triple once per named graph that holds it (an
    instrument's identity stands in every graph that has a claim about it), so a user's own
    query got one row per copy (issue 13, item 10); Oxigraph does the same for a list of
    default graphs or FROM clauses. The store's real default graph is the RDF merge instead:
    each triple once, and queries that ask for named graphs still have them.
    """
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def build_store(nquads: Path, target: Path) -> None:
    """Bulk-load a build's N-Quads into an on-disk store (used by the build only)."""
    store = ox.Store(str(target))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    materialise_default_graph(store)
    store.flush()
    store.optimize()
    del store


class OxigraphStore(Store):
    def __init__(self, store: ox.Store, build_id: str) -> None:
        self._store = store
        self.build_id = build_id
        # a store built before the default graph was materialised reads the union instead
        default = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        self._union = next(iter(default), None) is None

    @classmethod
    def open_build(cls, build_dir: Path, build_id: str) -> OxigraphStore:
        store = cls(ox.Store.read_only(str(build_dir / "store")), build_id)
        store.build_dir = build_dir
        return store

    @classmethod
    def from_nquads(cls, data: bytes | str, build_id: str = "memory") -> OxigraphStore:
        """An in-memory store, for tests and fixtures."""
        store = ox.Store()
        store.load(data, format=ox.RdfFormat.N_QUADS)
        materialise_default_graph(store)
        return cls(store, build_id)

    def _run(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
        query_dataset: bool = False,
    ) -> object:
        """Run a query. The protocol's graphs win over the query's FROM, which wins over the
        store's default graph: each triple of the named graphs once (materialise_default_graph);
        pyoxigraph's union flag, used only for a store without it, would override FROM."""
        kwargs: dict[str, object] = {}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        elif not query_dataset and self._union:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        if bindings:
            kwargs["substitutions"] = {ox.Variable(k): to_ox(v) for k, v in bindings.items()}
        try:
            return self._store.query(sparql, **kwargs)
        except SyntaxError as err:
            raise StoreError(str(err), syntax=True) from err
        except (OSError, ValueError, RuntimeError) as err:
            raise StoreError(str(err)) from err

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        result = self._run(sparql, bindings, default_graphs, named_graphs)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(kind="ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [tuple(from_ox(sol[v]) for v in variables) for sol in result]
            return QueryResult(kind="select", variables=variables, rows=rows)
        triples = [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in result]
        return QueryResult(kind="graph", triples=triples)  # type: ignore[arg-type]

    def query_raw(
        self,
        sparql: str,
        *,
        graph_format: str = "turtle",
        max_rows: int | None = None,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        query_dataset: bool = False,
        select_json: bool = False,
    ) -> RawResult:
        if graph_format not in GRAPH_RESULT_FORMATS:
            raise StoreError(f"unknown graph format {graph_format!r}")
        result = self._run(sparql, bindings, default_graphs, named_graphs, query_dataset)
        try:
            if isinstance(result, ox.QueryBoolean):
                return RawResult(kind="ask", boolean=bool(result))
            if isinstance(result, ox.QuerySolutions):
                variables = [v.value for v in result.variables]
                if select_json:
                    body = result.serialize(format=ox.QueryResultsFormat.JSON) or b""
                    body, truncated = cap_json_rows(body, max_rows)
                    return RawResult(
                        kind="select", variables=variables, json=body, truncated=truncated
                    )
                rows: list[tuple[PlainTerm | None, ...]] = []
                truncated = False
                for sol in result:
                    if max_rows is not None and len(rows) >= max_rows:
                        truncated = True
                        break
                    rows.append(tuple(plain_ox(sol[i]) for i in range(len(variables))))
                return RawResult(kind="select", variables=variables, rows=rows, truncated=truncated)
            triples: list[ox.Triple] = []
            truncated = False
            for t in result:  # type: ignore[attr-defined]
                if max_rows is not None and len(triples) >= max_rows:
                    truncated = True
                    break
                triples.append(t)
            fmt = GRAPH_RESULT_FORMATS[graph_format]
            prefixes = dict(PREFIXES) if fmt == ox.RdfFormat.TURTLE else None
            body = ox.serialize(triples, format=fmt, prefixes=prefixes)
            return RawResult(kind="graph", graph=body or b"", truncated=truncated)
        except (OSError, ValueError, RuntimeError) as err:  # evaluation is lazy: errors come here
            raise StoreError(str(err)) from err

    def syntax_error(self, sparql: str) -> str | None:
        try:
            ox.Store().query(sparql)  # an empty store: parses, evaluates lazily, costs nothing
        except SyntaxError as err:
            return str(err)
        except (OSError, ValueError, RuntimeError):
            return None
        return None

    def _named_quads(self) -> Iterator[ox.Quad]:
        """The build's quads: every named graph, never the materialised default graph."""
        return (q for q in self._store if not isinstance(q.graph_name, ox.DefaultGraph))

    def export(self, fmt: str) -> bytes:
        prefixes = dict(PREFIXES)
        if fmt in DATASET_FORMATS:
            out = ox.serialize(
                self._named_quads(),
                format=DATASET_FORMATS[fmt],
                prefixes=prefixes if fmt == "trig" else None,
            )
            return out or b""
        if fmt in TRIPLE_FORMATS:
            if self._union:
                merged = ox.Store()
                merged.extend(
                    ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                    for q in self._store
                )
            else:
                merged = self._store
            return merged.dump(
                format=TRIPLE_FORMATS[fmt],
                from_graph=ox.DefaultGraph(),
                prefixes=prefixes if fmt == "ttl" else None,
            )
        raise StoreError(f"unknown export format {fmt!r}")

    def quad_count(self) -> int:
        """The quads of the named graphs (what graph.nq holds), counted by the engine."""
        rows = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(rows))["n"].value)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def close(self) -> None:
        del self._store


def json_rows_at_most(body: bytes) -> int:
    """An upper bound on the rows of a compact SPARQL JSON answer, without parsing it.

    Inside a JSON string every '"' is escaped, so '},{"' (one row ending, the next one opening
    on a variable name) occurs only between rows; '{}' (a row with no bound variable) may also
    occur inside strings, which only raises the bound.
    """
    return 1 + body.count(b'},{"') + body.count(b"{}")


def cap_json_rows(body: bytes, max_rows: int | None) -> tuple[bytes, bool]:
    """The engine's JSON, cut to `max_rows` rows when it holds more (parsed only then)."""
    if max_rows is None or json_rows_at_most(body) <= max_rows:
        return body, False
    doc = json.loads(body)
    rows = doc["results"]["bindings"]
    if len(rows) <= max_rows:
        return body, False
    doc["results"]["bindings"] = rows[:max_rows]
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), True
