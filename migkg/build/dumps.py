"""Dumps of a build (nq, trig, ttl, nt, jsonld + .gz twins), their checksums, VoID/DCAT.

Everything here runs at build time (`write_view_artefacts`), so the service only serves files:
a dump is never made on request. Bytes are deterministic: the dumps come from the sorted
canonical N-Quads (migkg/rdf/nquads.py), the gzip twins carry no file name and mtime 0, and no
artefact holds a timestamp, so two builds of the same inputs are byte-identical.

Documents whose manifest entry says ``fullText = "excerpts"`` are never republished whole
(docs/decisions/0007): their passages are kept only when they back a claim or an event (not a
mere mention), and the rest, with their selectors, are left out of every dump and of the
search index.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, SH, VOID, XSD

from migkg.iris import MKG
from migkg.settings import Settings
from migkg.store import OxigraphStore
from migkg.store.base import Store
from migkg.views.published import (
    _GRAPH_NAME_BYTES,
    CC_BY,
    CONTEXT,
    DUMP_NAME,
    DUMPS_DIR,
    MEDIA_TYPES,
    SPDX,
    Artefact,
    deterministic_gzip,
    jsonld_of_nquads,
    publishable_lines,
    triples_only,
    withheld_passages,
)
from migkg.views.queries import canned_queries


def _union_in_dump_order(store: OxigraphStore) -> bytes:
    """The store's quads without graph names, in the order the store lists them: loaded into a
    store of its own (which keeps the first of repeats), they come out in that order."""
    return _GRAPH_NAME_BYTES.sub(b" .", store.export("nq"))


def _rdf_dumps(out: Path, nq: bytes) -> list[Artefact]:
    """TriG and Turtle, written by oxigraph from a store of the publishable quads.

    The Turtle is the default graph of a store holding only the union triples, in the order the
    named-graph store lists them, written by oxigraph directly.
    """
    store = OxigraphStore.from_nquads(nq, "dump")
    try:
        trig = store.export("trig")
        union = OxigraphStore.from_nquads(_union_in_dump_order(store), "union")
    finally:
        store.close()
    try:
        ttl = union.export("ttl")
    finally:
        union.close()
    return [
        *_write_artefact(out, f"{DUMP_NAME}.trig", trig, "trig"),
        *_write_artefact(out, f"{DUMP_NAME}.ttl", ttl, "ttl"),
    ]


def _write_artefact(out: Path, name: str, data: bytes, ext: str) -> tuple[Artefact, Artefact]:
    """A dump and its gzip twin, written and summed (zlib and hashlib run outside the GIL)."""
    gz = deterministic_gzip(data)
    (out / name).write_bytes(data)
    (out / f"{name}.gz").write_bytes(gz)
    return (
        Artefact(name, hashlib.sha256(data).hexdigest(), len(data), MEDIA_TYPES[ext]),
        Artefact(f"{name}.gz", hashlib.sha256(gz).hexdigest(), len(gz), MEDIA_TYPES[ext], "gzip"),
    )


def write_dumps(
    nq_text: str, nt_text: str, out: Path, pool: Executor
) -> Callable[[], list[Artefact]]:
    """The five dumps and their gzip twins from the publishable N-Quads and N-Triples.

    Returns a function that waits for them: TriG, Turtle and the compression run on ``pool``
    while the JSON-LD, and whatever the caller does next, run on this thread.
    """
    out.mkdir(parents=True, exist_ok=True)
    nq = nq_text.encode("utf-8")
    rdf = pool.submit(_rdf_dumps, out, nq)
    plain_dumps = [
        pool.submit(_write_artefact, out, f"{DUMP_NAME}.nq", nq, "nq"),
        pool.submit(_write_artefact, out, f"{DUMP_NAME}.nt", nt_text.encode("utf-8"), "nt"),
    ]
    jsonld = jsonld_of_nquads(nq_text)
    plain_dumps.append(pool.submit(_write_artefact, out, f"{DUMP_NAME}.jsonld", jsonld, "jsonld"))

    def wait() -> list[Artefact]:
        made = [a for f in plain_dumps for a in f.result()] + rdf.result()
        order = list(MEDIA_TYPES)
        return sorted(made, key=lambda a: (order.index(a.name.split(".")[1]), a.name))

    return wait


def write_checksums(out: Path, artefacts: list[Artefact]) -> None:
    """``SHA256SUMS`` (for sha256sum -c) and ``index.json`` (what the service serves from)."""
    sums = "".join(f"{a.sha256}  {a.name}\n" for a in sorted(artefacts, key=lambda a: a.name))
    (out / "SHA256SUMS").write_text(sums, encoding="utf-8")
    index = {a.name: a.as_dict() for a in sorted(artefacts, key=lambda a: a.name)}
    (out / "index.json").write_text(
        json.dumps(index, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )



_COVERAGE = f"""
PREFIX mkg: <{MKG}>
SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {{ ?doc a mkg:Document ; mkg:asOf ?d }}"""


def void_graph(
    store: Store,
    base: str,
    build_id: str,
    artefacts: list[Artefact],
    project: Path,
    published_quads: int,
) -> Graph:
    """VoID + DCAT: what the dataset is, its dumps (size, checksum), licence, coverage, endpoint,
    and the canned queries as SHACL-SPARQL executables (so a client can discover and run them).
    """
    g = Graph()
    for prefix, ns in (
        ("void", VOID),
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("spdx", SPDX),
        ("sh", SH),
        ("mkg", MKG),
        ("xsd", XSD),
        ("rdfs", RDFS),
    ):
        g.bind(prefix, ns)
    ds = URIRef(f"{base}dataset")
    endpoint = URIRef(f"{base}sparql")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add(
        (ds, DCTERMS.title, Literal("migkg: the EU's external cooperation on migration", lang="en"))
    )
    g.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "A linked-data knowledge graph built from EU documents on external cooperation on "
                "migration; every fact "
                "is traced to the passage that states it.",
                lang="en",
            ),
        )
    )
    g.add((ds, DCTERMS.license, CC_BY))
    g.add((ds, MKG.buildId, Literal(build_id)))
    g.add((ds, VOID.sparqlEndpoint, endpoint))
    g.add((ds, VOID.uriSpace, Literal(f"{base}id/")))
    g.add((ds, VOID.vocabulary, URIRef(str(MKG))))
    g.add((ds, VOID.triples, Literal(str(published_quads), datatype=XSD.integer)))
    row = store.query(_COVERAGE).rows[0]
    if row[0] is not None and row[1] is not None:
        period = URIRef(f"{base}dataset#temporal")
        g.add((ds, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(f"{str(row[0])[:4]}-01-01", datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(f"{str(row[1])[:4]}-12-31", datatype=XSD.date)))
    service = endpoint
    g.add((ds, DCAT.accessService, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, DCAT.servesDataset, ds))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    for a in artefacts:
        dist = URIRef(f"{base}{DUMPS_DIR}/{a.name}")
        check = URIRef(f"{dist}#sha256")
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, dist))
        g.add(
            (
                dist,
                DCAT.mediaType,
                URIRef(f"https://www.iana.org/assignments/media-types/{a.media_type}"),
            )
        )
        if a.encoding:
            g.add(
                (
                    dist,
                    DCAT.compressFormat,
                    URIRef("https://www.iana.org/assignments/media-types/application/gzip"),
                )
            )
        else:
            g.add((ds, VOID.dataDump, dist))
        g.add((dist, DCAT.byteSize, Literal(str(a.size), datatype=XSD.nonNegativeInteger)))
        g.add((dist, DCTERMS.license, CC_BY))
        g.add((dist, SPDX.checksum, check))
        g.add((check, RDF.type, SPDX.Checksum))
        g.add((check, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((check, SPDX.checksumValue, Literal(a.sha256, datatype=XSD.hexBinary)))
    for name, q in sorted(canned_queries(project).items()):
        node = URIRef(f"{base}queries/{name}")
        kind = _query_kind(q.text)
        g.add((ds, MKG.cannedQuery, node))
        g.add((node, RDF.type, SH.SPARQLExecutable))
        g.add((node, RDFS.label, Literal(q.title, lang="en")))
        if q.description:
            g.add((node, RDFS.comment, Literal(q.description, lang="en")))
        for tag in q.tags:
            g.add((node, DCTERMS.subject, Literal(tag)))
        if kind == "select":
            g.add((node, RDF.type, SH.SPARQLSelectExecutable))
            g.add((node, SH.select, Literal(q.text)))
        elif kind == "ask":
            g.add((node, RDF.type, SH.SPARQLAskExecutable))
            g.add((node, SH.ask, Literal(q.text)))
        elif kind == "construct":
            g.add((node, RDF.type, SH.SPARQLConstructExecutable))
            g.add((node, SH.construct, Literal(q.text)))
    return g


def _query_kind(text: str) -> str:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    body = re.sub(r"(?is)^\s*((PREFIX|BASE)\s+[^\n]*\s*)*", "", body)
    m = re.match(r"\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.IGNORECASE)
    return m.group(1).lower() if m else "unknown"


def sorted_turtle(graph: Graph) -> bytes:
    """Turtle of a graph without blank nodes: rdflib sorts subjects, predicates and objects,
    so the bytes are stable across runs."""
    return graph.serialize(format="turtle", encoding="utf-8")


def write_view_artefacts(build_dir: Path, nquads: Path, settings: Settings) -> dict[str, object]:
    """Everything the views serve, written into a build directory before it is marked complete.

    - ``dumps/graph.{nq,trig,ttl,nt,jsonld}`` and ``.gz`` twins, ``dumps/SHA256SUMS``,
      ``dumps/index.json`` (checksums and sizes the service uses as ETags);
    - ``dumps/void.ttl`` (VoID + DCAT + canned queries) and ``dumps/context.jsonld``;
    - ``search.sqlite`` (FTS5 over publishable passages and labels, migkg/views/search.py);
    - ``projection.json`` (the networkx projection, migkg/views/projection.py).

    Returns counts for the build report.
    """
    from migkg.views.projection import base_of, build_projection
    from migkg.views.search import build_search_index

    all_lines = nquads.read_text(encoding="utf-8").splitlines(keepends=True)
    triples = triples_only(all_lines)
    store = OxigraphStore.from_nquads("".join(triples), build_dir.name)
    # Threads, not processes: zlib, hashlib and oxigraph's loading and writing release the GIL,
    # so the dumps' compression overlaps the JSON-LD, the projection and the search index.
    with ThreadPoolExecutor(max_workers=3) as pool:
        try:
            base, build_id = base_of(store)
            withheld = withheld_passages(store)
            lines = publishable_lines(all_lines, withheld)
            # a withheld passage is a subject, so a triple is published when its lines are
            nt_text = "".join(publishable_lines(triples, withheld))
            out = build_dir / DUMPS_DIR
            wait_dumps = write_dumps("".join(lines), nt_text, out, pool)
            projection = build_projection(store)
            projection.save(build_dir / "projection.json")
            search = build_search_index(store, build_dir / "search.sqlite", withheld)
            artefacts = wait_dumps()
            (out / "context.jsonld").write_text(
                json.dumps(CONTEXT, indent=1) + "\n", encoding="utf-8"
            )
            void = void_graph(store, base, build_id, artefacts, settings.project_dir, len(lines))
            (out / "void.ttl").write_bytes(sorted_turtle(void))
            write_checksums(out, artefacts)
        finally:
            store.close()
    return {
        "dumps": len(artefacts),
        "withheldPassages": len(withheld),
        "publishedQuads": len(lines),
        "projection": {
            "nodes": projection.graph.number_of_nodes(),
            "edges": projection.graph.number_of_edges(),
        },
        "search": search,
    }
