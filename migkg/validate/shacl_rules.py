"""pySHACL's own rules, in Python, for the rows SPARQL cannot decide (0010).

The SPARQL engine (migkg/validate/shacl_sparql.py) proves most value nodes fine in the store; the
few it cannot (a literal rdflib might read as ill-typed, a comparison between literals of different
types, a non-ASCII string under a regular expression) come here as candidates and are judged
the way pySHACL 0.40 judges them, on the rdflib terms, so both engines agree to the result.
Each function returns a `Verify`: given a row (focus, value[, other]), True for a violation.
"""

from __future__ import annotations

from collections.abc import Callable

from pyshacl.rdfutil.compare import compare_literal
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

Verify = Callable[[tuple[Node | None, ...]], bool]


def value_string(v: Node) -> str:
    """pySHACL's string of a value node (StringBasedConstraintBase.value_node_to_string)."""
    if (
        isinstance(v, Literal)
        and v.value is not None
        and v.datatype in (None, RDF.langString, XSD.string)
    ):
        return str(v.value)
    return str(v)


def datatype_verify(rule: Node) -> Verify:
    """pySHACL's DatatypeConstraintComponent on one value: True when it is a violation."""
    from pyshacl.constraints.core.value_constraints import DatatypeConstraintComponent

    def verify(row: tuple[Node | None, ...]) -> bool:
        v = row[1]
        if not isinstance(v, Literal) or v.datatype != rule:
            return True  # other datatypes never match an XSD rule other than xsd:string
        if getattr(v, "ill_typed", None) is True:
            return True
        return not DatatypeConstraintComponent._assert_actual_datatype(None, v, rule)  # type: ignore[arg-type]

    return verify


def range_verify(limit: Node, accept: Callable[[int], bool]) -> Verify:
    """pySHACL's min/max inclusive/exclusive rule on one value: True when it is a violation."""

    def verify(row: tuple[Node | None, ...]) -> bool:
        v = row[1]
        if not isinstance(v, Literal) or not isinstance(limit, Literal):
            return True
        if isinstance(limit.value, str) != isinstance(v.value, str):
            return True
        try:
            return not accept(compare_literal(v, limit))
        except (TypeError, NotImplementedError):
            return True

    return verify


def pair_verify(op: str) -> Verify:
    """pySHACL's sh:lessThan / sh:lessThanOrEquals on one pair: True when it is a violation."""

    def plain(n: Node | None) -> tuple[object, bool]:
        if isinstance(n, BNode):
            raise ValueError("Cannot use sh:lessThan to compare a BlankNode.")  # as pySHACL
        if isinstance(n, URIRef):
            return str(n), True
        if isinstance(n, Literal) and isinstance(n.value, str):
            return n.value, True
        return n, False

    def verify(row: tuple[Node | None, ...]) -> bool:
        (v, v_str), (w, w_str) = plain(row[1]), plain(row[2])
        if v_str != w_str:
            return True
        return not (v < w if op == "<" else v <= w)  # type: ignore[operator]

    return verify
