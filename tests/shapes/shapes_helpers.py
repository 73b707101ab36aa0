"""Helpers for the shape tests: fixtures are validated with the ontology in the data graph,
exactly as the build does (docs/decisions/0006), with the project's own shapes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph

from migkg.validate.checks import Finding, load_shapes, shacl_findings

PROJECT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
MUTATIONS = DATA / "mutations"


@cache
def ontology_triples() -> tuple[tuple[object, object, object], ...]:
    g = Graph()
    for path in sorted((PROJECT / "ontology").glob("*.ttl")):
        g.parse(path, format="turtle")
    return tuple(g)


@cache
def shapes() -> Graph:
    return load_shapes(PROJECT)


def data_graph(*files: Path) -> Graph:
    g = Graph()
    for t in ontology_triples():
        g.add(t)  # type: ignore[arg-type]
    for f in files:
        g.parse(f, format="turtle")
    return g


def findings(*files: Path) -> list[Finding]:
    return shacl_findings(data_graph(*files), shapes())


@dataclass(frozen=True)
class Mutation:
    path: Path
    shape_file: str
    focus: str  # "_:" stands for any blank node
    result_path: str
    component: str


def read_mutation(path: Path) -> Mutation:
    """A mutation fixture says in its header which shape file it breaks and what it raises."""
    text = path.read_text(encoding="utf-8")
    shape_file = re.search(r"^# shapes: (\S+)$", text, re.M)
    expect = re.search(r"^# expect: (.*)$", text, re.M)
    assert shape_file and expect, f"{path.name}: header needs '# shapes:' and '# expect:'"
    focus, result_path, component = (part.strip() for part in expect.group(1).split("|"))
    return Mutation(path, shape_file.group(1), focus, result_path, component)


def mutations() -> list[Mutation]:
    return [read_mutation(p) for p in sorted(MUTATIONS.glob("*.ttl"))]
