"""One tiny inline graph per supported construct: the fast engine finds exactly the expected
results, pySHACL finds the same, and nothing fell back (unless the case is about falling back).

Each case is a property shape (or node shape) on ex:Thing with sh:message "m"; the data holds a
few things, some breaking the constraint. Expected rows are (focus, path, component, severity),
one per value node where pySHACL reports one per value node.
"""

from __future__ import annotations

import logging

import pytest
from rdflib import Graph

from tests.validation.validation_support import both

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
EX = "http://example.org/"


def graph(text: str) -> Graph:
    g = Graph()
    g.parse(data=PREFIXES + text, format="turtle")
    return g


def prop(body: str, path: str = "ex:p", target: str = "sh:targetClass ex:Thing") -> str:
    return f'ex:S a sh:PropertyShape ; {target} ; sh:path {path} ; {body} ; sh:message "m" .'


def things(*lines: str) -> str:
    return "\n".join(f"ex:{line} ." for line in lines)


# name: (shapes, data, expected (focus local name, component local name minus suffix))
CASES: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "nodeKind": (
        prop("sh:nodeKind sh:IRI"),
        things("a a ex:Thing ; ex:p ex:x", 'b a ex:Thing ; ex:p "x"', "c a ex:Thing ; ex:p [ ]"),
        [("b", "NodeKind"), ("c", "NodeKind")],
    ),
    "datatype integer, ill-typed and string": (
        prop("sh:datatype xsd:integer"),
        things(
            'a a ex:Thing ; ex:p 1, "2"^^xsd:integer',
            'b a ex:Thing ; ex:p "x"^^xsd:integer',  # ill-typed: rdflib has no value
            'c a ex:Thing ; ex:p "3", 4.5',  # a string, a decimal
            "d a ex:Thing ; ex:p ex:x",
        ),
        [("b", "Datatype"), ("c", "Datatype"), ("c", "Datatype"), ("d", "Datatype")],
    ),
    "datatype date (30 February)": (
        prop("sh:datatype xsd:date"),
        things(
            'a a ex:Thing ; ex:p "2020-02-29"^^xsd:date',
            'b a ex:Thing ; ex:p "2021-02-30"^^xsd:date',
            'c a ex:Thing ; ex:p "2021-02-03T00:00:00"^^xsd:dateTime',
        ),
        [("b", "Datatype"), ("c", "Datatype")],
    ),
    "datatype string": (
        prop("sh:datatype xsd:string"),
        things('a a ex:Thing ; ex:p "x", "y"^^xsd:string', 'b a ex:Thing ; ex:p "x"@en, 1'),
        [("b", "Datatype"), ("b", "Datatype")],
    ),
    "datatype outside XSD": (
        prop("sh:datatype ex:Code"),
        things('a a ex:Thing ; ex:p "x"^^ex:Code', 'b a ex:Thing ; ex:p "x"'),
        [("b", "Datatype")],
    ),
    "class through subClassOf": (
        prop("sh:class ex:Animal"),
        things(
            "Dog rdfs:subClassOf ex:Animal",
            "a a ex:Thing ; ex:p ex:rex",
            "rex a ex:Dog",
            "b a ex:Thing ; ex:p ex:stone",
            'c a ex:Thing ; ex:p "rex"',
        ),
        [("b", "Class"), ("c", "Class")],
    ),
    "in (IRIs and strings)": (
        prop('sh:in ( ex:x "y" )'),
        things('a a ex:Thing ; ex:p ex:x, "y"', 'b a ex:Thing ; ex:p ex:z, "y"@en, "x"'),
        [("b", "In"), ("b", "In"), ("b", "In")],
    ),
    "in (typed literals: term equality)": (
        prop("sh:in ( 1 )"),
        things("a a ex:Thing ; ex:p 1", 'b a ex:Thing ; ex:p 1.0, "1"'),
        [("b", "In"), ("b", "In")],
    ),
    "pattern (ASCII and not)": (
        prop('sh:pattern "^[A-Z]{3}$"'),
        things(
            'a a ex:Thing ; ex:p "ABC"',
            'b a ex:Thing ; ex:p "ABCD", "ÀBC"',
            "c a ex:Thing ; ex:p [ ]",
        ),
        [("b", "Pattern"), ("b", "Pattern"), ("c", "Pattern")],
    ),
    "languageIn": (
        prop('sh:languageIn ( "en" )'),
        things('a a ex:Thing ; ex:p "x"@en, "y"@en-GB', 'b a ex:Thing ; ex:p "x"@fr, "y"'),
        [("b", "LanguageIn"), ("b", "LanguageIn")],
    ),
    "uniqueLang": (
        prop("sh:uniqueLang true"),
        things('a a ex:Thing ; ex:p "x"@en, "y"@fr, "z"', 'b a ex:Thing ; ex:p "x"@en, "y"@en'),
        [("b", "UniqueLang")],
    ),
    "minCount and maxCount": (
        prop("sh:minCount 2 ; sh:maxCount 2"),
        things("a a ex:Thing ; ex:p 1, 2", "b a ex:Thing ; ex:p 1", "c a ex:Thing ; ex:p 1, 2, 3"),
        [("b", "MinCount"), ("c", "MaxCount")],
    ),
    "minCount 1 with no value at all": (
        prop("sh:minCount 1"),
        things("a a ex:Thing ; ex:p 1", "b a ex:Thing"),
        [("b", "MinCount")],
    ),
    "minInclusive (integers, a decimal, a string)": (
        prop("sh:minInclusive 0"),
        things(
            "a a ex:Thing ; ex:p 0, 5", "b a ex:Thing ; ex:p -1, -0.5", 'c a ex:Thing ; ex:p "7"'
        ),
        [("b", "MinInclusive"), ("b", "MinInclusive"), ("c", "MinInclusive")],
    ),
    "minLength": (
        prop("sh:minLength 1"),
        things(
            'a a ex:Thing ; ex:p "x", ex:x', 'b a ex:Thing ; ex:p ""', "c a ex:Thing ; ex:p [ ]"
        ),
        [("b", "MinLength"), ("c", "MinLength")],
    ),
    "lessThan (integers)": (
        prop("sh:lessThan ex:q"),
        things(
            "a a ex:Thing ; ex:p 1 ; ex:q 2",
            "b a ex:Thing ; ex:p 2 ; ex:q 2, 3",
            "c a ex:Thing ; ex:p 5",
        ),
        [("b", "LessThan")],
    ),
    "lessThanOrEquals (dates and strings)": (
        prop("sh:lessThanOrEquals ex:q"),
        things(
            'a a ex:Thing ; ex:p "2020-01-01"^^xsd:date ; ex:q "2020-01-01"^^xsd:date',
            'b a ex:Thing ; ex:p "2020-01-02"^^xsd:date ; ex:q "2020-01-01"^^xsd:date',
            'c a ex:Thing ; ex:p "b" ; ex:q "a", ex:z',
        ),
        [("b", "LessThanOrEquals"), ("c", "LessThanOrEquals")],
    ),
    "hasValue": (
        prop("sh:hasValue ex:x"),
        things("a a ex:Thing ; ex:p ex:x, ex:y", "b a ex:Thing ; ex:p ex:y", "c a ex:Thing"),
        [("b", "HasValue"), ("c", "HasValue")],
    ),
    "or of classes": (
        prop("sh:or ( [ sh:class ex:A ] [ sh:class ex:B ] )"),
        things(
            "a a ex:Thing ; ex:p ex:x, ex:y", "x a ex:A", "y a ex:B", "b a ex:Thing ; ex:p ex:z"
        ),
        [("b", "Or")],
    ),
    "or of property shapes on a node shape": (
        "ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:or ( ex:HasQ ex:NotFromA ) ;"
        ' sh:message "m" .'
        " ex:HasQ a sh:PropertyShape ; sh:path ex:q ; sh:minCount 1 ."
        " ex:NotFromA a sh:PropertyShape ; sh:path ex:p ; sh:not [ sh:class ex:A ] .",
        things(
            "a a ex:Thing ; ex:p ex:x ; ex:q 1",
            "x a ex:A",
            "b a ex:Thing ; ex:p ex:y",
            "c a ex:Thing ; ex:p ex:x",
        ),
        [("c", "Or")],
    ),
    "not": (
        prop("sh:not [ sh:class ex:A ]"),
        things("a a ex:Thing ; ex:p ex:y", "x a ex:A", "b a ex:Thing ; ex:p ex:x"),
        [("b", "Not")],
    ),
    "qualifiedMinCount": (
        prop('sh:qualifiedValueShape [ sh:languageIn ( "en" ) ] ; sh:qualifiedMinCount 1'),
        things('a a ex:Thing ; ex:p "x"@en, "y"@fr', 'b a ex:Thing ; ex:p "y"@fr', "c a ex:Thing"),
        [("b", "QualifiedMinCount"), ("c", "QualifiedMinCount")],
    ),
    "node shape nodeKind": (
        'ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:nodeKind sh:IRI ; sh:message "m" .',
        "ex:a a ex:Thing . [] a ex:Thing .",
        [("_:", "NodeKind")],
    ),
    "targetObjectsOf and targetSubjectsOf": (
        prop("sh:minCount 1", target="sh:targetObjectsOf ex:r ; sh:targetSubjectsOf ex:s"),
        things("a ex:r ex:b", "b ex:p 1", "c ex:r ex:d", "e ex:s 1"),
        [("d", "MinCount"), ("e", "MinCount")],
    ),
    "targetNode": (
        prop("sh:minCount 1", target="sh:targetNode ex:a, ex:ghost"),
        things("a ex:p 1"),
        [("ghost", "MinCount")],
    ),
}


def expected_rows(case: str) -> list[tuple[str, str, str, str, str]]:
    shapes_text, _data, expected = CASES[case]
    path = "" if "NodeShape" in shapes_text else EX + "p"
    return sorted(
        (
            focus if focus == "_:" else EX + focus,
            path,
            comp + "ConstraintComponent",
            "Violation",
            "m",
        )
        for focus, comp in expected
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_component(case: str) -> None:
    shapes_text, data_text, _expected = CASES[case]
    reference, fast, fallback = both(graph(data_text), graph(shapes_text))
    assert fallback == {}
    assert fast == expected_rows(case)
    assert reference == fast


def test_severity_and_message_come_from_the_shape() -> None:
    shapes = graph(prop("sh:minCount 1 ; sh:severity sh:Warning").replace('"m"', '"no p"@en'))
    reference, fast, _fallback = both(graph(things("a a ex:Thing")), shapes)
    assert fast == [(EX + "a", EX + "p", "MinCountConstraintComponent", "Warning", "no p")]
    assert reference == fast


@pytest.mark.parametrize(
    ("shapes_text", "reason", "results"),
    [
        (
            prop("sh:node ex:Other") + " ex:Other sh:class ex:A .",
            "unsupported parameters sh:node",
            2,  # pySHACL also reports ex:Other's own result at ex:x
        ),
        (
            "ex:S a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:p ; sh:minCount 1 .",
            "0 sh:message",
            1,
        ),
        (prop("sh:minCount 1", path="[ sh:inversePath ex:p ]"), "a complex sh:path", 2),
    ],
    ids=["sh:node", "no message", "inverse path"],
)
def test_unsupported_shapes_fall_back_to_pyshacl(
    shapes_text: str, reason: str, results: int, caplog: pytest.LogCaptureFixture
) -> None:
    """Nothing is skipped silently: the shape is named, the reason logged, pySHACL decides."""
    data = graph(things("a a ex:Thing ; ex:p ex:x", "b a ex:Thing"))
    with caplog.at_level(logging.INFO, logger="migkg.validate.shacl_compile"):
        reference, fast, fallback = both(data, graph(shapes_text))
    assert list(fallback) == [EX + "S"]
    assert fallback[EX + "S"].startswith(reason)
    assert f"shape {EX}S falls back to pySHACL" in caplog.text
    assert fast == reference
    assert len(fast) == results


def test_a_shape_that_is_a_class_falls_back() -> None:
    """pySHACL targets the instances of a shape that is also an rdfs:Class (no sh:target*)."""
    shapes = graph(
        'ex:Thing a sh:NodeShape, rdfs:Class ; sh:nodeKind sh:BlankNode ; sh:message "m" .'
    )
    reference, fast, fallback = both(graph(things("a a ex:Thing", "b a ex:Thing")), shapes)
    assert fallback == {EX + "Thing": "typed as a class (implicit class target)"}
    assert (
        fast
        == reference
        == [(EX + focus, "", "NodeKindConstraintComponent", "Violation", "m") for focus in "ab"]
    )
