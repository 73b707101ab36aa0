"""The build pipeline: sources -> loaders -> RDF -> checks -> store, atomically (issue 3).

Each stage adds named graphs to one rdflib Dataset; the result is serialised once
(migkg/nquads.py), validated, loaded into the embedded store and only then made current.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Dataset, Literal

from migkg import builds
from migkg.claims import extract
from migkg.derive import derive
from migkg.dumps import write_view_artefacts
from migkg.emit import Emitter, as_of_bounds
from migkg.inputs import build_id as compute_build_id
from migkg.iris import MKG, Iris
from migkg.linking import link
from migkg.loaders.base import LoaderError
from migkg.loaders.shapes import reader_for
from migkg.manifest import SourceDocument, load_manifest
from migkg.nquads import dataset_quads, date_literal, write_nquads
from migkg.ontology_page import write_page
from migkg.reference import add_ontology, add_reference_graphs
from migkg.settings import MigkgError, Settings
from migkg.store.oxigraph import build_store

Progress = Callable[[str], None]


def stderr_progress(message: str) -> None:
    print(f"migkg: {message}", file=sys.stderr, flush=True)


@dataclass
class BuildContext:
    settings: Settings
    iris: Iris
    dataset: Dataset
    documents: list[SourceDocument]
    texts: dict[str, str] = field(default_factory=dict)
    readings: dict[str, object] = field(default_factory=dict)
    report: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class BuildOutcome:
    build: builds.Build
    reused: bool
    report: dict[str, object]


def read_documents(ctx: BuildContext, progress: Progress) -> None:
    stats: dict[str, object] = {}
    for doc in ctx.documents:
        text = doc.read_text()
        try:
            reading = reader_for(doc.shape)(doc.id, text, doc.as_of)
        except LoaderError as err:
            raise MigkgError(f"{doc.path.name} (document {doc.id}): {err}") from err
        graph = ctx.dataset.graph(ctx.iris.graph("source", doc.id))
        counts = Emitter(ctx.iris, graph, doc, text).reading(reading)
        ctx.texts[doc.id] = text
        ctx.readings[doc.id] = reading
        stats[doc.id] = {**counts, "warnings": reading.warnings}
        progress(f"read {doc.id}: {counts['passages']} passages, {counts['events']} events")
    ctx.report["documents"] = stats


def add_build_graph(ctx: BuildContext, bid: str, inputs: dict[str, str]) -> None:
    g = ctx.dataset.graph(ctx.iris.graph("build"))
    node = ctx.iris.graph("build")
    g.add((node, RDF.type, MKG.Build))
    g.add((node, MKG.buildId, Literal(bid)))
    latest = max(as_of_bounds(d.as_of)[1] for d in ctx.documents)
    g.add((node, MKG.latestAsOf, date_literal(latest)))
    for rel, digest in sorted(inputs.items()):
        g.add((node, MKG.input, Literal(f"{rel} {digest}")))


STAGES: list[tuple[str, Callable[[BuildContext, Progress], None]]] = [
    ("ontology", lambda ctx, _p: add_ontology(ctx.dataset, ctx.iris, ctx.settings.project_dir)),
    (
        "reference",
        lambda ctx, _p: add_reference_graphs(ctx.dataset, ctx.iris, ctx.settings.project_dir),
    ),
    ("read", read_documents),
    ("link", link),
    ("claims", extract),
    ("derive", derive),
]


def run_build(
    settings: Settings, *, force: bool = False, progress: Progress = stderr_progress
) -> BuildOutcome:
    """Build the graph from the project's inputs into settings.data_dir and make it current."""
    documents = load_manifest(settings.sources_dir, verify=True)
    bid, inputs = compute_build_id(settings.project_dir, settings.base_iri)
    with builds.build_lock(settings):
        removed = builds.clean_stale(settings)
        if removed:
            progress(f"removed leftovers of interrupted builds: {', '.join(removed)}")
        existing = builds.find_build(settings, bid)
        if existing and not force:
            builds.check_complete(existing, deep=True)
            builds.switch_current(settings, existing)
            progress(f"build {bid} is up to date")
            return BuildOutcome(existing, True, json.loads(existing.report.read_text("utf-8")))
        staging = builds.staging_dir(settings, bid)
        try:
            ctx = BuildContext(settings, Iris(settings.base_iri), Dataset(), documents)
            timings: dict[str, float] = {}
            for name, stage in STAGES:
                t0 = time.perf_counter()
                progress(f"stage {name}")
                stage(ctx, progress)
                timings[name] = round(time.perf_counter() - t0, 3)
            add_build_graph(ctx, bid, inputs)
            t0 = time.perf_counter()
            builds.checkpoint("before-serialise")
            count = write_nquads(dataset_quads(ctx.dataset), staging / "graph.nq")
            timings["serialise"] = round(time.perf_counter() - t0, 3)
            progress(f"wrote {count} quads")
            from migkg.validate import validate_build

            t0 = time.perf_counter()
            validation = validate_build(
                ctx.dataset, staging / "graph.nq", settings.project_dir, progress
            )
            timings["validate"] = round(time.perf_counter() - t0, 3)
            if not validation.ok:
                raise MigkgError("build failed validation:\n" + validation.summary())
            t0 = time.perf_counter()
            builds.checkpoint("before-store")
            build_store(staging / "graph.nq", staging / "store")
            timings["store"] = round(time.perf_counter() - t0, 3)
            # the ontology page travels with the build it describes (docs/ontology.html is the
            # committed copy, which a test keeps equal to it)
            write_page(settings.project_dir, staging / "ontology.html")
            t0 = time.perf_counter()
            views = write_view_artefacts(staging, staging / "graph.nq", settings)
            timings["views"] = round(time.perf_counter() - t0, 3)
            report = {
                "buildId": bid,
                "quads": count,
                "baseIri": settings.base_iri,
                **ctx.report,
                "validation": validation.as_dict(),
                "views": views,
                "timings": timings,
            }
            write_json(staging / "report.json", report)
            build = builds.complete(staging, settings, bid)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        builds.switch_current(settings, build)
        progress(f"build {bid} complete and current")
        return BuildOutcome(build, False, report)


def write_json(path: Path, data: object) -> None:
    path.write_text(
        json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
