"""The fast engine gives pySHACL's findings on the real build (slow: pySHACL over the whole
graph twice, about a minute of CPU; marked slow).

The real build has no findings, so it is also damaged on purpose, deterministically: some quads
dropped (minCount, class and target changes), some typed literals retyped as strings
(datatype, ranges, lessThan), some IRI objects replaced by literals (nodeKind, class, sh:in)
and some values doubled (maxCount). Both engines must then agree on thousands of findings.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from migkg.build.dirs import current_build
from migkg.settings import Settings
from tests.validation.validation_support import both

pytestmark = pytest.mark.slow

TYPED = re.compile(rb'"(\^\^<http://www\.w3\.org/2001/XMLSchema#(integer|date|boolean)>)')
IRI_OBJECT = re.compile(rb"^(<[^>]+> <[^>]+> )<[^>]+>( <[^>]+> \.)$")


def damaged(nquads: bytes) -> bytes:
    """The build's N-Quads with every k-th line broken in one of four ways (no randomness)."""
    out: list[bytes] = []
    for i, line in enumerate(nquads.splitlines()):
        if i % 97 == 0:
            continue  # dropped
        if i % 89 == 0 and TYPED.search(line):
            line = TYPED.sub(b'"', line)  # "5"^^xsd:integer -> "5"
        elif i % 83 == 0 and b"#type>" not in line and IRI_OBJECT.match(line):
            line = IRI_OBJECT.sub(rb'\1"not an IRI"\2', line)
        elif i % 79 == 0:
            out.append(line.replace(b'" <', b' (again)" <', 1) if b'" <' in line else line)
        out.append(line)
    return b"\n".join(out) + b"\n"


def graph_of(nquads: bytes):  # type: ignore[no-untyped-def]
    from migkg.validate.checks import nquads_graph

    return nquads_graph(nquads)


@pytest.fixture(scope="module")
def real_nquads(real_build: Settings) -> bytes:
    return current_build(real_build).nquads.read_bytes()


def test_real_build_both_engines_agree(real_nquads: bytes) -> None:
    from migkg.validate.checks import load_shapes
    from tests.shapes.shapes_helpers import PROJECT

    reference, fast, fallback = both(graph_of(real_nquads), load_shapes(PROJECT))
    assert fallback == {}
    assert fast == reference == []


def test_damaged_real_build_both_engines_agree(real_nquads: bytes) -> None:
    from migkg.validate.checks import load_shapes
    from tests.shapes.shapes_helpers import PROJECT

    reference, fast, fallback = both(graph_of(damaged(real_nquads)), load_shapes(PROJECT))
    assert fallback == {}
    components = Counter(row[2] for row in fast)
    assert len(fast) > 1000, components
    assert {
        "ClassConstraintComponent",
        "DatatypeConstraintComponent",
        "InConstraintComponent",
        "LessThanConstraintComponent",
        "MaxCountConstraintComponent",
        "MinInclusiveConstraintComponent",
        "MinCountConstraintComponent",
        "NodeKindConstraintComponent",
    } <= set(components), components
    assert fast == reference
