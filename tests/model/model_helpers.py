"""Helpers for the model tests: the ontology files and the corpus as a person reads it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph

from migkg.text import display_text

PROJECT = Path(__file__).resolve().parents[2]
ONTOLOGY_IRI = "https://w3id.org/migkg/ontology"
MKG = ONTOLOGY_IRI + "#"
VOCAB = "https://w3id.org/migkg/vocab/"


@cache
def ontology_graph() -> Graph:
    g = Graph()
    for path in sorted((PROJECT / "ontology").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


@cache
def corpus() -> str:
    """All source documents' display text (markup removed, whitespace collapsed), joined."""
    return "\n".join(
        display_text(p.read_text(encoding="utf-8"))
        for p in sorted((PROJECT / "sources").glob("*.txt"))
    )
