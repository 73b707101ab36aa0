"""The build's accumulator: named graphs of N-Quads tokens, cheap to add to (issue 9).

rdflib's Dataset spends 15-25 us on each added triple (six indexes, context bookkeeping); a
whole-corpus build adds 160k quads and reads few of them. Here a quad is a tuple of N-Quads
tokens (migkg/rdf/nquads.py), each graph an insertion-ordered dict of triples, and graph.nq is
these tokens joined and sorted. Emitters that know their terms add tokens directly
(``GraphView.add_tokens``); ``add`` takes rdflib terms, as rdflib's Graph does.

The reads the stages make (labels for the phrase tables and the gazetteer, the claims the
evidence check, the flags and the curation overlay look at) go through indexes built on the
first read and brought up to date from the log of additions; they return rdflib terms. The read
API is the subset of rdflib's Dataset and Graph the stages use, so a function that reads a build
works on an rdflib Dataset too (the tests' fixtures are rdflib Datasets).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import RDF, Dataset, URIRef
from rdflib.term import Node

from migkg.rdf.nquads import iri_token, parse_term, term_nq, write_lines
from migkg.settings import MigkgError

Token = str
TokenTriple = tuple[Token, Token, Token]
TokenQuad = tuple[Token, Token, Token, Token]
Pattern = tuple[Node | None, Node | None, Node | None]


class Quads:
    """Named graphs of token triples; see the module docstring."""

    def __init__(self) -> None:
        self._graphs: dict[Token, dict[TokenTriple, None]] = {}
        self._views: dict[Token, GraphView] = {}
        self._log: list[TokenQuad] = []  # every addition, in order; indexes catch up from it
        self._indexed = 0
        self._by_p: dict[Token, _Predicate] = {}
        self._removed = False
        self._tokens: dict[Node, Token] = {}
        self._terms: dict[Token, Node] = {}

    @classmethod
    def from_rdflib(cls, ds: Dataset) -> Quads:
        """A copy of an rdflib Dataset (fixtures build theirs with rdflib)."""
        out = cls()
        for s, p, o, g in ds.quads((None, None, None, None)):
            out.graph(g).add((s, p, o))  # type: ignore[arg-type]
        return out

    # --- terms and tokens

    def token(self, term: Node) -> Token:
        """The token of an rdflib term (cached: terms repeat a lot)."""
        tok = self._tokens.get(term)
        if tok is None:
            tok = self._tokens[term] = term_nq(term)
        return tok

    def term(self, token: Token) -> Node:
        term = self._terms.get(token)
        if term is None:
            term = self._terms[token] = parse_term(token)
        return term

    def _pattern_token(self, term: Node | None) -> Token | None:
        return None if term is None else self.token(term)

    # --- graphs

    def graph(self, identifier: URIRef | str) -> GraphView:
        """The named graph (created empty when new), as rdflib's Dataset.graph."""
        if not isinstance(identifier, str) or str(identifier).startswith("urn:x-rdflib:"):
            raise MigkgError(f"triple outside a named graph: graph {identifier!r}")
        tok = iri_token(identifier)
        view = self._views.get(tok)
        if view is None:
            self._graphs.setdefault(tok, {})
            view = self._views[tok] = GraphView(self, tok, URIRef(identifier))
        return view

    def graphs(self) -> Iterator[GraphView]:
        for tok in list(self._graphs):
            yield self._views[tok]

    def __len__(self) -> int:
        return sum(len(t) for t in self._graphs.values())

    # --- reads

    def _catch_up(self) -> None:
        log = self._log
        if self._indexed == len(log):
            return
        by_p = self._by_p
        for q in log[self._indexed :]:
            pred = by_p.get(q[1])
            if pred is None:
                pred = by_p[q[1]] = _Predicate()
            pred.quads.append(q)
        self._indexed = len(log)

    def match(
        self, s: Token | None, p: Token | None, o: Token | None, g: Token | None
    ) -> list[TokenQuad]:
        """Token quads matching a pattern (None: any), in order of addition."""
        graphs = self._graphs
        cands: Iterable[TokenQuad]
        if p is not None and s is None and o is None and g is not None:
            self._catch_up()
            pred = self._by_p.get(p)
            if pred is None:
                return []
            if len(graphs.get(g, ())) < len(pred.quads):  # a small graph: scan it
                return [(a, b, c, g) for a, b, c in graphs.get(g, ()) if b == p]
        if p is None:
            if g is not None:
                cands = [(a, b, c, g) for a, b, c in graphs.get(g, ())]
            else:
                cands = [(a, b, c, gg) for gg, ts in graphs.items() for a, b, c in ts]
            return [q for q in cands if (s is None or q[0] == s) and (o is None or q[2] == o)]
        self._catch_up()
        pred = self._by_p.get(p)
        if pred is None:
            return []
        if s is not None:
            cands = pred.with_subject(s)
        elif o is not None:
            cands = pred.with_object(o)
        else:
            cands = pred.quads
        out = [
            q
            for q in cands
            if (s is None or q[0] == s)
            and (o is None or q[2] == o)
            and (g is None or q[3] == g)
            and (q[0], q[1], q[2]) in graphs[q[3]]  # not removed since
        ]
        return list(dict.fromkeys(out)) if self._removed else out

    def quads(
        self, pattern: tuple[Node | None, Node | None, Node | None, Node | None]
    ) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        """(s, p, o, graph IRI) as rdflib terms, as rdflib's Dataset.quads."""
        s, p, o, g = pattern
        term = self.term
        found = self.match(
            self._pattern_token(s),
            self._pattern_token(p),
            self._pattern_token(o),
            None if g is None else iri_token(g),  # type: ignore[arg-type]
        )
        for a, b, c, d in found:
            yield term(a), term(b), term(c), term(d)  # type: ignore[misc]

    # --- writes

    def _remove(self, quad: TokenQuad) -> None:
        s, p, o, g = quad
        del self._graphs[g][(s, p, o)]
        self._removed = True  # the indexes keep it: reads check the graph, and deduplicate

    # --- output

    def nquads_lines(self) -> list[str]:
        """The sorted lines of graph.nq (migkg/rdf/nquads.py: one routine, sorted by code point)."""
        lines = [
            f"{s} {p} {o} {g} .\n" for g, triples in self._graphs.items() for s, p, o in triples
        ]
        lines.sort()
        return lines

    def write(self, path: Path) -> tuple[int, bytes]:
        """Write graph.nq; returns the number of quads and the bytes written."""
        lines = self.nquads_lines()
        return len(lines), write_lines(lines, path)


class _Predicate:
    """The quads of one predicate, with lookups by subject and by object built when first
    asked for (most predicates are never read) and brought up to date on each read."""

    __slots__ = ("_by_o", "_by_s", "_o_done", "_s_done", "quads")

    def __init__(self) -> None:
        self.quads: list[TokenQuad] = []
        self._by_s: dict[Token, list[TokenQuad]] = {}
        self._s_done = 0
        self._by_o: dict[Token, list[TokenQuad]] = {}
        self._o_done = 0

    def with_subject(self, s: Token) -> list[TokenQuad]:
        quads, index = self.quads, self._by_s
        for q in quads[self._s_done :]:
            index.setdefault(q[0], []).append(q)
        self._s_done = len(quads)
        return index.get(s, [])

    def with_object(self, o: Token) -> list[TokenQuad]:
        quads, index = self.quads, self._by_o
        for q in quads[self._o_done :]:
            index.setdefault(q[2], []).append(q)
        self._o_done = len(quads)
        return index.get(o, [])


class GraphView:
    """One named graph of a Quads: rdflib's Graph API for what the stages use."""

    __slots__ = ("_ds", "_log", "_triples", "identifier", "tok", "token")

    def __init__(self, ds: Quads, tok: Token, identifier: URIRef) -> None:
        self._ds = ds
        self._triples = ds._graphs[tok]
        self._log = ds._log
        self.tok = tok
        self.identifier = identifier
        self.token = ds.token

    def add_tokens(self, s: Token, p: Token, o: Token) -> None:
        """Add a triple given as tokens (the emitters' fast path: no rdflib terms)."""
        key = (s, p, o)
        if key not in self._triples:
            self._triples[key] = None
            self._log.append((s, p, o, self.tok))

    def add(self, triple: tuple[Node, Node, Node]) -> GraphView:
        s, p, o = triple
        tok = self.token
        self.add_tokens(tok(s), tok(p), tok(o))
        return self

    def _match(self, pattern: Pattern) -> list[TokenQuad]:
        s, p, o = pattern
        ds = self._ds
        return ds.match(ds._pattern_token(s), ds._pattern_token(p), ds._pattern_token(o), self.tok)

    def remove(self, pattern: Pattern) -> GraphView:
        for q in self._match(pattern):
            self._ds._remove(q)
        return self

    def set(self, triple: tuple[Node, Node, Node]) -> GraphView:
        """Replace every (s, p, *) of this graph by the triple, as rdflib's Graph.set."""
        s, p, _o = triple
        self.remove((s, p, None))
        return self.add(triple)

    def triples(self, pattern: Pattern) -> Iterator[tuple[Node, Node, Node]]:
        term = self._ds.term
        for s, p, o, _g in self._match(pattern):
            yield term(s), term(p), term(o)

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]:
        return self.triples((None, None, None))

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: tuple[Node, Node, Node]) -> bool:
        return bool(self._match(triple))

    def subjects(self, predicate: Node | None = None, object: Node | None = None) -> Iterator[Node]:
        for s, _p, _o in self.triples((None, predicate, object)):
            yield s

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        for _s, _p, o in self.triples((subject, predicate, None)):
            yield o

    def predicate_objects(self, subject: Node | None = None) -> Iterator[tuple[Node, Node]]:
        for _s, p, o in self.triples((subject, None, None)):
            yield p, o

    def subject_objects(self, predicate: Node | None = None) -> Iterator[tuple[Node, Node]]:
        for s, _p, o in self.triples((None, predicate, None)):
            yield s, o

    def value(
        self,
        subject: Node | None = None,
        predicate: Node = RDF.value,
        object: Node | None = None,
        default: Node | None = None,
    ) -> Node | None:
        """One value of the missing term, the first added (rdflib's Graph.value, any=True)."""
        for s, p, o in self.triples((subject, predicate, object)):
            return o if object is None else s if subject is None else p
        return default
