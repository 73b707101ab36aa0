"""Dumps, their gzip twins and checksums, the withheld passages, VoID/DCAT, search."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import sqlite3
import urllib.request
from pathlib import Path

import pytest
from pyld import jsonld
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic

from migkg.build.dumps import MEDIA_TYPES, write_view_artefacts
from migkg.settings import Settings
from migkg.views.queries import canned_queries
from migkg.views.search import SearchIndex
from tests.helpers import ROOT
from tests.views.canary import loopback_canary

WITHHELD = "https://w3id.org/migkg/id/passage/fixture-limite/100-190"
SPDX = Namespace("http://spdx.org/rdf/terms#")


def nquads_dataset(path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(path, format="nquads")
    return ds


def assert_same_dataset(a: Dataset, b: Dataset) -> None:
    names_a = {g.identifier for g in a.graphs() if len(g)}
    names_b = {g.identifier for g in b.graphs() if len(g)}
    assert names_a == names_b
    for name in names_a:
        assert isomorphic(a.graph(name), b.graph(name)), name
    assert set(a.quads()) == set(b.quads())


def test_canary_catches_a_fetch() -> None:
    """Positive control: a plain HTTP fetch under the canary reaches the listener."""
    with loopback_canary() as canary:
        with pytest.raises(OSError):
            # a fresh opener reads the proxy settings now (urlopen caches its opener)
            urllib.request.build_opener().open("http://example.org/context.jsonld", timeout=2)
        with pytest.raises(jsonld.JsonLdError):
            jsonld.expand({"@context": "http://example.org/ctx.jsonld", "@id": "http://x"})
    assert len(canary.connections) >= 1
    assert canary.fetched == ["http://example.org/ctx.jsonld"]


def check_jsonld_offline(build_dir: Path) -> None:
    dumps = build_dir / "dumps"
    reference = nquads_dataset(dumps / "graph.nq")
    with loopback_canary() as canary:
        via_rdflib = Dataset()
        via_rdflib.parse(dumps / "graph.jsonld", format="json-ld")
        doc = json.loads((dumps / "graph.jsonld").read_text(encoding="utf-8"))
        nq = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    assert canary.connections == []
    assert canary.fetched == []
    assert_same_dataset(via_rdflib, reference)
    via_pyld = Dataset()
    via_pyld.parse(data=nq, format="nquads")
    assert_same_dataset(via_pyld, reference)


def test_jsonld_dump_parses_offline_to_the_nquads_graph(fixture_build: Path) -> None:
    check_jsonld_offline(fixture_build)


def test_every_dump_holds_the_same_graph(fixture_build: Path) -> None:
    dumps = fixture_build / "dumps"
    reference = nquads_dataset(dumps / "graph.nq")
    trig = Dataset()
    trig.parse(dumps / "graph.trig", format="trig")
    assert_same_dataset(trig, reference)
    union = {(s, p, o) for s, p, o, _g in reference.quads()}
    for ext, fmt in (("ttl", "turtle"), ("nt", "nt")):
        g = Graph()
        g.parse(dumps / f"graph.{ext}", format=fmt)
        assert set(g) == union, ext


def test_excerpt_documents_are_not_republished_whole(fixture_build: Path) -> None:
    source = (fixture_build / "graph.nq").read_text(encoding="utf-8")
    assert f"<{WITHHELD}> " in source
    for ext in MEDIA_TYPES:
        text = (fixture_build / "dumps" / f"graph.{ext}").read_text(encoding="utf-8")
        assert "must stay unpublished" not in text, ext
        assert "backs nothing" not in text, ext
    nq = (fixture_build / "dumps" / "graph.nq").read_text(encoding="utf-8")
    # the passage backing the status claim of the excerpts document is kept
    assert "entered into force on 1 October 2014" in nq
    assert not any(line.startswith(f"<{WITHHELD}") for line in nq.splitlines())


def test_gzip_twins_and_checksums(fixture_build: Path) -> None:
    dumps = fixture_build / "dumps"
    index = json.loads((dumps / "index.json").read_text(encoding="utf-8"))
    assert sorted(index) == sorted(f"graph.{ext}{gz}" for ext in MEDIA_TYPES for gz in ("", ".gz"))
    sums = (dumps / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(sums) == 10
    for line in sums:
        digest, name = line.split("  ")
        data = (dumps / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest == index[name]["sha256"]
        assert len(data) == index[name]["size"]
        if name.endswith(".gz"):
            assert gzip.decompress(data) == (dumps / name[:-3]).read_bytes()
            # no file name (FLG.FNAME unset) and MTIME 0
            assert data[3] & 0x08 == 0 and data[4:8] == b"\0\0\0\0"


def test_artefacts_are_byte_identical_across_runs(fixture_build: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    again.mkdir()
    shutil.copy(fixture_build / "graph.nq", again / "graph.nq")
    write_view_artefacts(again, again / "graph.nq", Settings(tmp_path, ROOT))
    for f in sorted((fixture_build / "dumps").iterdir()):
        assert (again / "dumps" / f.name).read_bytes() == f.read_bytes(), f.name
    assert (again / "projection.json").read_bytes() == (
        fixture_build / "projection.json"
    ).read_bytes()


def test_void_and_dcat_describe_the_dumps(fixture_build: Path) -> None:
    g = Graph()
    g.parse(fixture_build / "dumps" / "void.ttl", format="turtle")
    ds = URIRef("https://w3id.org/migkg/dataset")
    assert (ds, ns.RDF.type, ns.DCAT.Dataset) in g
    assert (ds, ns.DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in g
    assert g.value(ds, URIRef("http://rdfs.org/ns/void#sparqlEndpoint")) == URIRef(
        "https://w3id.org/migkg/sparql"
    )
    period = g.value(ds, ns.DCTERMS.temporal)
    assert g.value(period, ns.DCAT.startDate) == Literal("2024-01-01", datatype=ns.XSD.date)
    assert g.value(period, ns.DCAT.endDate) == Literal("2024-12-31", datatype=ns.XSD.date)
    index = json.loads((fixture_build / "dumps" / "index.json").read_text(encoding="utf-8"))
    dists = set(g.objects(ds, ns.DCAT.distribution))
    assert len(dists) == 10
    nq = URIRef("https://w3id.org/migkg/dumps/graph.nq")
    assert g.value(nq, ns.DCAT.byteSize) == Literal(
        str(index["graph.nq"]["size"]), datatype=ns.XSD.nonNegativeInteger
    )
    checksum = g.value(nq, SPDX.checksum)
    assert str(g.value(checksum, SPDX.checksumValue)) == index["graph.nq"]["sha256"]
    executables = set(g.subjects(ns.RDF.type, ns.SH.SPARQLExecutable))
    canned = canned_queries(ROOT)
    assert len(executables) == len(canned)
    for name, q in canned.items():
        node = URIRef(f"https://w3id.org/migkg/queries/{name}")
        assert node in executables, name
        body = (
            g.value(node, ns.SH.select)
            or g.value(node, ns.SH.ask)
            or g.value(node, ns.SH.construct)
        )
        assert str(body) == q.text, name


def test_search_folds_diacritics_and_skips_withheld_passages(fixture_build: Path) -> None:
    index = SearchIndex(fixture_build / "search.sqlite")
    try:
        hits = index.search("Turkiye")["passages"]
        assert [(h["documentId"], h["firstLine"], h["matchedBy"]) for h in hits] == [
            ("fixture-limite", 2, "text"),
            ("fixture-public", 7, "text"),
            ("fixture-public", 12, "entity"),
        ]
        assert "<mark>Türkiye</mark>" in hits[0]["highlight"]
        assert [e["label"] for e in hits[1]["entities"]] == ["São Tomé and Príncipe", "Türkiye"]
        sao = index.search("Sao Tome")["passages"]
        assert [h["firstLine"] for h in sao] == [7]
        assert "<mark>São Tomé</mark>" in sao[0]["highlight"]
        # FTS5 syntax is not interpreted: this is the phrase "Spain OR Türkiye", found nowhere
        assert index.search('Spain" OR "Türkiye')["passages"] == []
        assert index.search('"(*')["passages"] == []
    finally:
        index.close()
    con = sqlite3.connect(fixture_build / "search.sqlite")
    rows = con.execute("SELECT passage FROM passage_fts").fetchall()
    con.close()
    assert (WITHHELD,) not in rows
    assert len(rows) == 4
