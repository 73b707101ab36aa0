"""The build pipeline: sources -> loaders -> RDF -> checks -> store, atomically (issue 3).

Each stage adds named graphs to one accumulator of N-Quads tokens (migkg/rdf/quads.py); the result
is serialised once (migkg/rdf/nquads.py), validated, loaded into the embedded store and only then
made current.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, Literal

from migkg.build import dirs as builds
from migkg.build.claims import extract
from migkg.build.context import BuildContext, Progress, stderr_progress
from migkg.build.derive import derive
from migkg.build.dumps import write_view_artefacts
from migkg.build.emit import Emitter, as_of_bounds
from migkg.build.forked import ForkedCall
from migkg.build.link import link
from migkg.build.reference import add_ontology, add_reference_graphs
from migkg.iris import MKG, Iris
from migkg.loaders.base import LoaderError
from migkg.loaders.shapes import reader_for
from migkg.rdf.nquads import date_literal
from migkg.rdf.quads import Quads
from migkg.settings import MigkgError, Settings
from migkg.sources.inputs import build_id as compute_build_id
from migkg.sources.manifest import load_manifest
from migkg.store import build_store
from migkg.views.ontology_page import write_page

if TYPE_CHECKING:
    from migkg.validate.findings import Validation

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
            ctx = BuildContext(settings, Iris(settings.base_iri), Quads(), documents)
            timings: dict[str, float] = {}
            for name, stage in STAGES:
                t0 = time.perf_counter()
                progress(f"stage {name}")
                stage(ctx, progress)
                timings[name] = round(time.perf_counter() - t0, 3)
            add_build_graph(ctx, bid, inputs)
            t0 = time.perf_counter()
            builds.checkpoint("before-serialise")
            nquads = staging / "graph.nq"
            count, data = ctx.dataset.write(nquads)
            timings["serialise"] = round(time.perf_counter() - t0, 3)
            progress(f"wrote {count} quads")
            validation, views = check_and_load(staging, nquads, data, settings, timings, progress)
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


def _views(staging: Path, nquads: Path, settings: Settings) -> tuple[dict[str, object], float]:
    t0 = time.perf_counter()
    views = write_view_artefacts(staging, nquads, settings)
    return views, round(time.perf_counter() - t0, 3)


def _store(nquads: Path, target: Path, timings: dict[str, float]) -> None:
    t0 = time.perf_counter()
    build_store(nquads, target)
    timings["store"] = round(time.perf_counter() - t0, 3)


def check_and_load(
    staging: Path,
    nquads: Path,
    data: bytes,
    settings: Settings,
    timings: dict[str, float],
    progress: Progress,
) -> tuple[Validation, dict[str, object]]:
    """Validate, load the store and write the views, all from graph.nq, on both cores.

    The views stage runs in a forked child (migkg/build/forked.py); the on-disk store loads in a
    thread (pyoxigraph releases the GIL while it loads); validation runs on an in-memory store
    here. Timings overlap: each is its own stage's wall clock. A failed validation (or any
    error) kills the child and raises, and the caller removes the staging folder.
    """
    from migkg.validate.checks import validate_build

    views_call = ForkedCall(_views, staging, nquads, settings)
    loader: threading.Thread | None = None
    errors: list[BaseException] = []
    try:
        builds.checkpoint("before-store")

        def load() -> None:
            try:
                _store(nquads, staging / "store", timings)
            except BaseException as err:  # raised again in the build thread
                errors.append(err)

        loader = threading.Thread(target=load, name="migkg-store")
        loader.start()
        t0 = time.perf_counter()
        validation = validate_build(nquads, settings.project_dir, progress, data=data)
        timings["validate"] = round(time.perf_counter() - t0, 3)
        if not validation.ok:
            raise MigkgError("build failed validation:\n" + validation.summary())
        loader.join()
        if errors:
            raise errors[0]
        # the ontology page travels with the build it describes (docs/ontology.html is the
        # committed copy, which a test keeps equal to it)
        write_page(settings.project_dir, staging / "ontology.html")
        views, timings["views"] = views_call.result()
    except BaseException:
        views_call.kill()
        if loader is not None:
            loader.join()  # the store's files must be closed before the folder is removed
        raise
    return validation, views


def write_json(path: Path, data: object) -> None:
    path.write_text(
        json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
