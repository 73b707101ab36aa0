"""The compiler of SHACL Core shapes into SPARQL queries (decision 0010; run by shacl_sparql).

Each (shape, constraint) of the subset the project's shapes use becomes one SELECT that
returns the violating rows, or the candidates a pySHACL rule then decides in Python; a shape
outside the subset goes to `Plan.fallback` with the reason.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from migkg.validate.shacl_rules import (
    Verify,
    datatype_verify,
    pair_verify,
    range_verify,
    value_string,
)

log = logging.getLogger(__name__)

TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
# Parameters that change no result: they may sit on any shape.
INERT = {RDF.type, SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group}
INERT |= {RDFS.label, RDFS.comment, RDFS.isDefinedBy, *TARGETS}
VALUE_PARAMS = {SH.nodeKind, SH["class"], SH.datatype, SH["in"], SH.pattern, SH.languageIn}
VALUE_PARAMS |= {SH["or"], SH["not"], SH.minLength, SH.maxLength}
RANGES = {
    SH.minInclusive: ("MinInclusive", ">=", lambda c: c >= 0),
    SH.minExclusive: ("MinExclusive", ">", lambda c: c > 0),
    SH.maxInclusive: ("MaxInclusive", "<=", lambda c: c <= 0),
    SH.maxExclusive: ("MaxExclusive", "<", lambda c: c < 0),
}
PAIRS = {SH.lessThan: ("LessThan", "<"), SH.lessThanOrEquals: ("LessThanOrEquals", "<=")}
TOP_PARAMS = VALUE_PARAMS | set(RANGES) | set(PAIRS) | {SH.path, SH.minCount, SH.maxCount}
TOP_PARAMS |= {SH.hasValue, SH.uniqueLang, SH.qualifiedValueShape, SH.qualifiedMinCount}
TOP_PARAMS |= {SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint}
NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
# Literals of these datatypes that rdflib certainly reads as a value of the right Python type
# (pySHACL's datatype rule); the others go to Python. isNumeric holds only for a valid lexical
# form (Oxigraph stores those canonical: -?[0-9]+); a date also needs Oxigraph's cast to succeed
# (no 30 February).
DATE_LEXICAL = "^[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
SURE_LEXICAL = {
    XSD.integer: "isNumeric({v})",
    XSD.boolean: 'REGEX(STR({v}), "^(true|false)$")',
    XSD.date: f'REGEX(STR({{v}}), "{DATE_LEXICAL}") && castable_date',
}
ASCII_ONLY = "^[ -~]*$"  # strings on which Python's and Oxigraph's regex syntax agree
TRUE = Literal(True)
PREFIX = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
PREFIX += "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


class Unsupported(Exception):
    """A construct this engine does not compile: the shape falls back to pySHACL."""


@dataclass(frozen=True)
class Query:
    """One query of a shape. With one part, rows are (focus[, value[, other]]) and each row is
    one result of that constraint; with several (the value-node constraints of a shape, checked
    in one pass over the path), rows are (focus, value, flag...) and each true flag is one
    result of its part. A part's `verify` (pySHACL's own rule, in Python) may clear a row that
    SPARQL could only call a candidate."""

    shape: Node
    parts: tuple[Part, ...]
    sparql: str


@dataclass(frozen=True)
class Part:
    """One constraint component of a query; `name` is the component's local name minus
    "ConstraintComponent"."""

    name: str
    verify: Verify | None = None

    @property
    def component(self) -> str:
        return self.name + "ConstraintComponent"


@dataclass
class Plan:
    queries: list[Query] = field(default_factory=list)
    fallback: dict[Node, str] = field(default_factory=dict)  # shape -> why pySHACL runs it
    results: dict[Node, tuple[str, str, str]] = field(default_factory=dict)  # path, sev, msg


def n3(term: Node) -> str:
    """A term as SPARQL text (rdflib's N3 form is valid SPARQL for IRIs and literals)."""
    if isinstance(term, BNode):
        raise Unsupported("a blank node as a constraint parameter")
    return term.n3()


def one(shapes: Graph, node: Node, pred: URIRef) -> Node | None:
    values = list(shapes.objects(node, pred))  # type: ignore[arg-type]
    if len(values) > 1:
        raise Unsupported(f"more than one {pred.n3()}")
    return values[0] if values else None


def items(shapes: Graph, head: Node) -> list[Node]:
    return list(Collection(shapes, head))  # type: ignore[arg-type]


def integer(shapes: Graph, node: Node, pred: URIRef) -> int | None:
    value = one(shapes, node, pred)
    if value is None:
        return None
    if not isinstance(value, Literal) or not isinstance(value.value, int):
        raise Unsupported(f"{pred.n3()} is not an integer")
    return int(value.value)


def sure(expr: str) -> str:
    """An expression that is false, never an error, when SPARQL cannot evaluate it."""
    return f"COALESCE({expr}, false)"


class Compiler:
    """Turns the shapes graph into queries; one instance per validation run."""

    def __init__(self, shapes: Graph, explicit_strings: bool = False) -> None:
        self.shapes = shapes
        # rdflib keeps "x" and "x"^^xsd:string apart (pySHACL's sh:in and sh:hasValue see two
        # terms), Oxigraph does not: with such literals in the data those two cannot be exact.
        self.explicit_strings = explicit_strings
        self.fresh = 0

    def qname(self, term: Node) -> str:
        return self.shapes.namespace_manager.normalizeUri(term)  # type: ignore[arg-type]

    def var(self) -> str:
        self.fresh += 1
        return f"?n{self.fresh}"

    def plan(self) -> Plan:
        plan = Plan()
        g = self.shapes
        top = {s for t in TARGETS for s in g.subjects(t, None)}
        # a shape that is also a class targets its instances (pySHACL: rdfs:Class or a subclass
        # the shapes graph declares); these fall back, but must not be forgotten
        classes = {RDFS.Class, *g.subjects(RDFS.subClassOf, RDFS.Class)}
        top |= {
            s
            for c in classes
            for s in g.subjects(RDF.type, c)
            if any(str(p).startswith(str(SH)) for p in g.predicates(s, None))  # type: ignore[arg-type]
        }
        for node in sorted(top, key=str):
            try:
                if isinstance(node, BNode):
                    raise Unsupported("a top-level shape that is a blank node")
                queries, result = self.shape(node)
            except Unsupported as err:
                plan.fallback[node] = str(err)
                log.info("shape %s falls back to pySHACL: %s", node, err)
                continue
            plan.queries.extend(queries)
            plan.results[node] = result
        return plan

    # -- top-level shapes: one query per constraint -------------------------------------------

    def shape(self, node: Node) -> tuple[list[Query], tuple[str, str, str]]:
        g = self.shapes
        unknown = {p for p in g.predicates(node, None) if p not in INERT | TOP_PARAMS}  # type: ignore[arg-type]
        if unknown:
            raise Unsupported(
                "unsupported parameters " + ", ".join(sorted(self.qname(p) for p in unknown))
            )
        types = set(g.objects(node, RDF.type))  # type: ignore[arg-type]
        if types - {SH.NodeShape, SH.PropertyShape, SH.Shape}:
            raise Unsupported("typed as a class (implicit class target)")
        messages = list(g.objects(node, SH.message))  # type: ignore[arg-type]
        if len(messages) != 1:
            raise Unsupported(
                f"{len(messages)} sh:message values (pySHACL's own texts are not made)"
            )
        severity = one(g, node, SH.severity) or SH.Violation
        path = one(g, node, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise Unsupported("a complex sh:path")
        focus = self.focus_pattern(node)
        values = f"?focus {n3(path)} ?v ." if path is not None else "BIND(?focus AS ?v)"
        queries = [
            Query(node, parts, PREFIX + sparql)
            for parts, sparql in self.constraints(node, path, focus, values)
        ]
        sev = str(severity).rsplit("#", 1)[-1]
        return queries, ("" if path is None else str(path), sev, str(messages[0]))

    def focus_pattern(self, node: Node) -> str:
        g, parts = self.shapes, []
        for c in g.objects(node, SH.targetClass):  # type: ignore[arg-type]
            parts.append(f"{{ ?focus rdf:type/rdfs:subClassOf* {n3(c)} . }}")
        for p in g.objects(node, SH.targetObjectsOf):  # type: ignore[arg-type]
            parts.append(f"{{ ?fs {n3(p)} ?focus . }}")
        for p in g.objects(node, SH.targetSubjectsOf):  # type: ignore[arg-type]
            parts.append(f"{{ ?focus {n3(p)} ?fo . }}")
        nodes = [n3(n) for n in g.objects(node, SH.targetNode)]  # type: ignore[arg-type]
        if nodes:
            parts.append(f"{{ VALUES ?focus {{ {' '.join(sorted(nodes))} }} }}")
        return " UNION ".join(parts)

    def constraints(
        self, node: Node, path: Node | None, focus: str, values: str
    ) -> Iterable[tuple[tuple[Part, ...], str]]:
        g = self.shapes
        merged: list[tuple[Part, str]] = []  # value-node constraints: one pass over the path

        # Value nodes are found from the path's triples first and only the failing ones are
        # checked against the targets (FILTER EXISTS): most paths have few bad values, and
        # joining every focus node first costs five times more in Oxigraph. MINUS, not
        # FILTER NOT EXISTS, for the same reason (Oxigraph turns it into an anti-join).
        def per_value(cond: str | None, distinct: str = "?focus ?v", minus: str = "") -> str:
            test = f"FILTER(!{sure(cond)})" if cond is not None else ""
            if path is None:
                return f"SELECT DISTINCT {distinct} WHERE {{ {focus} {values} {minus} {test} }}"
            return (
                f"SELECT DISTINCT {distinct} WHERE {{ {values} {minus} {test} "
                f"FILTER EXISTS {{ {focus} }} }}"
            )

        for comp, param in (("NodeKind", SH.nodeKind), ("Datatype", SH.datatype)):
            if one(g, node, param) is not None:
                cond, verify = self.value_rule(node, param, "?v", top=True)
                merged.append((Part(comp, verify), cond))
        for c in g.objects(node, SH["class"]):  # type: ignore[arg-type]
            minus = f"MINUS {{ ?v rdf:type/rdfs:subClassOf* {n3(c)} }}"
            yield (Part("Class"),), per_value(None, minus=minus)
        for comp, param in (("In", SH["in"]), ("LanguageIn", SH.languageIn)):
            if one(g, node, param) is not None:
                merged.append((Part(comp), self.value_rule(node, param, "?v")[0]))
        if one(g, node, SH.pattern) is not None:
            cond, verify = self.pattern(node, "?v", top=True)
            merged.append((Part("Pattern", verify), cond))
        for comp, param in (("MinLength", SH.minLength), ("MaxLength", SH.maxLength)):
            if one(g, node, param) is not None:
                cond = self.value_rule(node, param, "?v")[0]
                if cond != "true":
                    merged.append((Part(comp), cond))
        for param, (comp, op, accept) in RANGES.items():
            for limit in g.objects(node, param):  # type: ignore[arg-type]
                merged.append((Part(comp, range_verify(limit, accept)), self.range_sure(limit, op)))
        for member in g.objects(node, SH["or"]):  # type: ignore[arg-type]
            merged.append((Part("Or"), self.or_cond(member, "?v")))
        for member in g.objects(node, SH["not"]):  # type: ignore[arg-type]
            merged.append((Part("Not"), f"!{self.conforms(member, '?v')}"))
        if len(merged) == 1:
            yield (merged[0][0],), per_value(merged[0][1])
        elif merged:
            flags = " ".join(f"BIND(!{sure(cond)} AS ?b{i})" for i, (_, cond) in enumerate(merged))
            names = " ".join(f"?b{i}" for i in range(len(merged)))
            any_flag = " || ".join(f"?b{i}" for i in range(len(merged)))
            sparql = per_value(None, f"?focus ?v {names}", f"{flags} FILTER({any_flag})")
            yield tuple(part for part, _ in merged), sparql
        if path is None:
            used = set(g.predicates(node, None))  # type: ignore[arg-type]
            if used & {SH.minCount, SH.maxCount, SH.uniqueLang, SH.qualifiedValueShape, *PAIRS}:
                raise Unsupported("a property-shape constraint on a node shape")
            for hv in g.objects(node, SH.hasValue):  # type: ignore[arg-type]
                self.check_string_terms([hv])
                yield (Part("HasValue"),), per_value(f"sameTerm(?v, {n3(hv)})", "?focus")
            return
        p = n3(path)
        low, high = integer(g, node, SH.minCount), integer(g, node, SH.maxCount)
        if low == 1:
            yield (
                (Part("MinCount"),),
                f"SELECT DISTINCT ?focus WHERE {{ {focus} MINUS {{ ?focus {p} ?v }} }}",
            )
        elif low:
            yield (
                (Part("MinCount"),),
                count_query(focus, f"OPTIONAL {{ ?focus {p} ?v }}", f"< {low}"),
            )
        if high is not None:
            yield (
                (Part("MaxCount"),),
                f"SELECT ?focus WHERE {{ {{ SELECT ?focus WHERE {{ ?focus {p} ?v }} "
                f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) > {high}) }} "
                f"FILTER EXISTS {{ {focus} }} }}",
            )
        for hv in g.objects(node, SH.hasValue):  # type: ignore[arg-type]
            self.check_string_terms([hv])
            yield (
                (Part("HasValue"),),
                f"SELECT DISTINCT ?focus WHERE {{ {focus} MINUS {{ ?focus {p} {n3(hv)} }} }}",
            )
        unique = one(g, node, SH.uniqueLang)
        if unique is not None and bool(getattr(unique, "value", False)):
            yield (
                (Part("UniqueLang"),),
                (
                    f"SELECT ?focus ?lang WHERE {{ {{ SELECT ?focus ?lang WHERE {{ {values} "
                    'FILTER(isLiteral(?v) && LANG(?v) != "") BIND(LCASE(LANG(?v)) AS ?lang) } '
                    "GROUP BY ?focus ?lang HAVING (COUNT(DISTINCT ?v) > 1) } "
                    f"FILTER EXISTS {{ {focus} }} }}"
                ),
            )
        for param, (comp, op) in PAIRS.items():
            for other in g.objects(node, param):  # type: ignore[arg-type]
                sure_ok = pair_sure(op)
                yield (
                    (Part(comp, pair_verify(op)),),
                    (
                        f"SELECT DISTINCT ?focus ?v ?w WHERE {{ {values} ?focus {n3(other)} ?w . "
                        f"FILTER(!{sure(sure_ok)}) FILTER EXISTS {{ {focus} }} }}"
                    ),
                )
        yield from self.qualified(node, p, focus)

    def qualified(self, node: Node, p: str, focus: str) -> Iterable[tuple[tuple[Part, ...], str]]:
        g = self.shapes
        shape = one(g, node, SH.qualifiedValueShape)
        if shape is None:
            return
        disjoint = one(g, node, SH.qualifiedValueShapesDisjoint)
        if disjoint is not None and bool(getattr(disjoint, "value", False)):
            raise Unsupported("sh:qualifiedValueShapesDisjoint")
        low = integer(g, node, SH.qualifiedMinCount)
        high = integer(g, node, SH.qualifiedMaxCount)
        matching = f"OPTIONAL {{ ?focus {p} ?v . FILTER({self.conforms(shape, '?v')}) }}"
        if high is not None:
            yield (Part("QualifiedMaxCount"),), count_query(focus, matching, f"> {high}")
        if low is not None:
            yield (Part("QualifiedMinCount"),), count_query(focus, matching, f"< {low}")

    # -- conditions on one value node ---------------------------------------------------------

    def value_rule(
        self, node: Node, param: URIRef, v: str, top: bool = False
    ) -> tuple[str, Verify | None]:
        """A boolean SPARQL expression that holds when value `v` passes `param` of `node`."""
        g = self.shapes
        rule = one(g, node, param)
        assert rule is not None
        if param == SH.nodeKind:
            if rule not in NODE_KINDS:
                raise Unsupported(f"sh:nodeKind {rule.n3()}")
            return NODE_KINDS[rule].format(v=v), None  # type: ignore[index]
        if param == SH.datatype:
            return self.datatype(rule, v, top)
        if param == SH["in"]:
            members = items(g, rule)
            self.check_string_terms(members)
            if not members:
                return "false", None
            if all(isinstance(m, URIRef) or plain_string(m) for m in members):
                # SPARQL's = is term equality on IRIs and plain strings, and IN is much faster
                # in Oxigraph than a chain of sameTerm
                return f"({v} IN ({', '.join(n3(m) for m in members)}))", None
            return "(" + " || ".join(f"sameTerm({v}, {n3(m)})" for m in members) + ")", None
        if param == SH.languageIn:
            tags = [str(t).lower() for t in items(g, rule)]
            if "*" in tags:
                return f'(isLiteral({v}) && LANG({v}) != "")', None
            quoted = ", ".join(Literal(t).n3() for t in tags) or '""'
            return (
                f'(isLiteral({v}) && LANG({v}) != "" && (LCASE(LANG({v})) IN ({quoted}) || '
                f'LCASE(STRBEFORE(LANG({v}), "-")) IN ({quoted})))'
            ), None
        if param in (SH.minLength, SH.maxLength):
            n = integer(g, node, param)
            if param == SH.minLength and n == 0:
                return "true", None
            op = ">=" if param == SH.minLength else "<="
            return f"(!isBlank({v}) && STRLEN(STR({v})) {op} {n})", None
        raise Unsupported(f"{param.n3()}")  # pragma: no cover

    def datatype(self, rule: Node, v: str, top: bool) -> tuple[str, Verify | None]:
        if rule == RDFS.Literal:
            return f"isLiteral({v})", None
        if rule == RDF.langString:
            return f'(isLiteral({v}) && LANG({v}) != "")', None
        exact = f"(isLiteral({v}) && DATATYPE({v}) = {n3(rule)})"
        if rule == XSD.string or not str(rule).startswith(str(XSD)):
            return exact, None  # rdflib converts no lexical form here: nothing can be ill-typed
        if not top:
            raise Unsupported(f"sh:datatype {rule.n3()} inside another shape")
        lexical = SURE_LEXICAL.get(rule)  # type: ignore[call-overload]
        if lexical is None:
            return "false", datatype_verify(rule)  # every value goes to pySHACL's rule
        lexical = lexical.replace("castable_date", castable_date(v)).replace("{v}", v)
        return f"({exact} && {lexical})", datatype_verify(rule)

    def pattern(self, node: Node, v: str, top: bool) -> tuple[str, Verify | None]:
        g = self.shapes
        if one(g, node, SH.flags) is not None:
            raise Unsupported("sh:flags")
        patterns = list(g.objects(node, SH.pattern))  # type: ignore[arg-type]
        if len(patterns) != 1 or not top:
            raise Unsupported("sh:pattern inside another shape, or more than one")
        pat = str(patterns[0])
        regex = re.compile(pat)
        cond = (
            f"(!isBlank({v}) && REGEX(STR({v}), {Literal(pat).n3()}) "
            f"&& REGEX(STR({v}), {Literal(ASCII_ONLY).n3()}))"
        )

        def verify(row: tuple[Node | None, ...]) -> bool:
            value = row[1]
            if isinstance(value, BNode) or value is None:
                return True
            return not regex.search(value_string(value))

        return cond, verify

    def range_sure(self, limit: Node, op: str) -> str:
        if not isinstance(limit, Literal):
            raise Unsupported("a range limit that is not a literal")
        if limit.datatype != XSD.integer:
            return "false"  # every value goes to pySHACL's rule
        return (
            f"(isLiteral(?v) && DATATYPE(?v) = <{XSD.integer}> && "
            f"isNumeric(?v) && ?v {op} {limit.n3()})"
        )

    def class_cond(self, cls: Node, v: str) -> str:
        return f"EXISTS {{ {v} rdf:type/rdfs:subClassOf* {n3(cls)} }}"

    def or_cond(self, head: Node, v: str) -> str:
        members = items(self.shapes, head)
        if not members:
            raise Unsupported("an empty sh:or list")
        return "(" + " || ".join(self.conforms(m, v) for m in members) + ")"

    def check_string_terms(self, terms: Iterable[Node]) -> None:
        if self.explicit_strings and any(
            isinstance(t, Literal) and t.datatype is None and not t.language for t in terms
        ):
            raise Unsupported("plain string parameters while the data has ^^xsd:string literals")

    # -- whether a node conforms to a nested shape (sh:or, sh:not, sh:qualifiedValueShape) ---

    def conforms(self, shape: Node, x: str, depth: int = 0) -> str:
        if depth > 8:
            raise Unsupported("nested shapes deeper than 8 (recursive?)")
        g = self.shapes
        nested = {SH.minCount, SH.maxCount, SH.hasValue} | VALUE_PARAMS
        preds = set(g.predicates(shape, None))  # type: ignore[arg-type]
        if not preds:
            raise Unsupported(f"a nested shape {shape.n3()} with no description")
        unknown = preds - INERT - nested - {SH.path}
        if unknown:
            raise Unsupported(
                "unsupported nested parameters " + ", ".join(sorted(self.qname(p) for p in unknown))
            )
        path = one(g, shape, SH.path)
        v = x if path is None else self.var()
        conds: list[str] = []
        for param in (
            SH.nodeKind,
            SH.datatype,
            SH["in"],
            SH.languageIn,
            SH.minLength,
            SH.maxLength,
        ):
            if one(g, shape, param) is not None:
                conds.append(sure(self.value_rule(shape, param, v)[0]))
        if one(g, shape, SH.pattern) is not None:
            self.pattern(shape, v, top=False)
        conds += [self.class_cond(c, v) for c in g.objects(shape, SH["class"])]  # type: ignore[arg-type]
        conds += [self.or_cond(m, v) for m in g.objects(shape, SH["or"])]  # type: ignore[arg-type]
        conds += [f"!{self.conforms(m, v, depth + 1)}" for m in g.objects(shape, SH["not"])]  # type: ignore[arg-type]
        if path is None:
            if {SH.minCount, SH.maxCount} & preds:
                raise Unsupported("sh:minCount on a nested node shape")
            for hv in g.objects(shape, SH.hasValue):  # type: ignore[arg-type]
                self.check_string_terms([hv])
                conds.append(f"sameTerm({x}, {n3(hv)})")
            return "(" + (" && ".join(conds) or "true") + ")"
        if not isinstance(path, URIRef):
            raise Unsupported("a complex sh:path in a nested shape")
        p = n3(path)
        outer: list[str] = []
        if conds:
            outer.append(f"NOT EXISTS {{ {x} {p} {v} . FILTER(!({' && '.join(conds)})) }}")
        low, high = integer(g, shape, SH.minCount), integer(g, shape, SH.maxCount)
        if (low is not None and low > 1) or (high is not None and high > 0):
            raise Unsupported("a nested sh:minCount above 1 or sh:maxCount above 0")
        if low == 1:
            outer.append(f"EXISTS {{ {x} {p} {self.var()} }}")
        if high == 0:
            outer.append(f"NOT EXISTS {{ {x} {p} {self.var()} }}")
        for hv in g.objects(shape, SH.hasValue):  # type: ignore[arg-type]
            self.check_string_terms([hv])
            outer.append(f"EXISTS {{ {x} {p} {n3(hv)} }}")
        return "(" + (" && ".join(outer) or "true") + ")"


def plain_string(term: Node) -> bool:
    return (
        isinstance(term, Literal) and term.language is None and term.datatype in (None, XSD.string)
    )


def castable_date(v: str) -> str:
    """Oxigraph reads the lexical form as a real calendar date (no 30 February)."""
    return f"COALESCE(DATATYPE(<{XSD.date}>(STR({v}))) = <{XSD.date}>, false)"


def count_query(focus: str, pattern: str, having: str) -> str:
    return (
        f"SELECT ?focus WHERE {{ {focus} {pattern} }} "
        f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) {having})"
    )


def pair_sure(op: str) -> str:
    """Pairs SPARQL proves in order: two canonical integers, or two valid plain dates."""
    same = "isLiteral(?v) && isLiteral(?w) && DATATYPE(?v) = DATATYPE(?w)"
    integers = f"DATATYPE(?v) = <{XSD.integer}> && isNumeric(?v) && isNumeric(?w)"
    date = DATE_LEXICAL
    dates = (
        f"DATATYPE(?v) = <{XSD.date}> && REGEX(STR(?v), {Literal(date).n3()}) "
        f"&& REGEX(STR(?w), {Literal(date).n3()}) && {castable_date('?v')} && {castable_date('?w')}"
    )
    return f"({same} && (({integers}) || ({dates})) && ?v {op} ?w)"
