"""Routes for paths, network views, dereferenceable IRIs, dumps, VoID and search (issue 8).

`add_view_routes(app, settings)` mounts them on an app made by `create_app`; everything they
need per build (the projection, the search index, the dumps' checksums, the withheld
passages) is loaded lazily on first use and kept per build id, so a reload to a new build
(SIGHUP) is picked up at the next request. Build artefacts come from `write_view_artefacts`
(migkg/build/dumps.py, with migkg/views/published.py); a store without a build directory (in
memory) still answers /path, /network and /id from a projection computed from the store.
"""

from __future__ import annotations

import email.utils
import hashlib
import html
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS
from starlette.concurrency import run_in_threadpool

from migkg.api.conneg import parse_accept
from migkg.api.sparql import error
from migkg.iris import KINDS, MKG
from migkg.store.base import Store
from migkg.views import params
from migkg.views.network import FORMATS, VIEWS, ViewError, build_view, render
from migkg.views.paths import (
    DEFAULT_DEADLINE,
    DEFAULT_LIMIT,
    DEFAULT_MAX_LENGTH,
    AmbiguousActor,
    NameIndex,
    PathError,
    UnknownActor,
    find_paths,
)
from migkg.views.projection import Projection, build_projection
from migkg.views.published import (
    CONTEXT,
    DUMPS_DIR,
    compact,
    jsonld_bytes,
    load_index,
    plain,
    withheld_passages,
)
from migkg.views.search import SearchIndex

ENTITY_FORMATS = {
    "html": "text/html; charset=utf-8",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
}
_FORMAT_NAMES = {
    "html": "html",
    "ttl": "turtle",
    "turtle": "turtle",
    "jsonld": "jsonld",
    "json-ld": "jsonld",
    "json": "jsonld",
    "nt": "ntriples",
    "ntriples": "ntriples",
    "n-triples": "ntriples",
}
_MEDIA_TO_FORMAT = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "turtle",
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
}
_ORDER = ("html", "turtle", "jsonld", "ntriples")

_PREFIXES = f"""
PREFIX mkg: <{MKG}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
# What an entity's page shows, one simple query each (?e bound to the entity): a single
# CONSTRUCT with these as UNION branches took over 30 s on the real build.
_DESCRIBE = (
    "SELECT ?e ?s ?p ?o WHERE { ?e ?p ?o BIND(?e AS ?s) }",
    "SELECT ?e ?s ?p ?o WHERE { ?e oa:hasSelector ?s . ?s ?p ?o }",
    "SELECT ?e ?s ?p ?o WHERE { ?s ?r ?e . ?s a mkg:Claim ; ?p ?o }",
    "SELECT ?e ?s ?p ?o WHERE { ?s mkg:party|mkg:country|mkg:counterpart ?e . ?s ?p ?o }",
    "SELECT ?e ?s ?p ?o WHERE {"
    " ?i mkg:party|mkg:country|mkg:counterpart ?e . ?s mkg:instrument ?i ; ?p ?o }",
)
_PASSAGE_FACTS = (
    "SELECT ?e ?p ?o WHERE { ?e ?p ?o VALUES ?p { mkg:document mkg:firstLine mkg:lastLine } }"
)


@dataclass(frozen=True)
class ViewSettings:
    """What the view routes are told: where builds live and the path deadline."""

    builds_dir: Path | None = None
    path_deadline: float = DEFAULT_DEADLINE
    search_limit: int = 20
    max_age: int = 300


@dataclass
class BuildViews:
    """One build's view state, loaded once and shared by requests."""

    build_id: str
    build_dir: Path | None
    projection: Projection
    names: NameIndex
    withheld: set[str]
    search: SearchIndex | None = None
    dumps: dict[str, dict[str, Any]] = field(default_factory=dict)


def _load(store: Store, settings: ViewSettings) -> BuildViews:
    build_dir = store.build_dir
    if build_dir is None and settings.builds_dir is not None:
        candidate = settings.builds_dir / store.build_id
        build_dir = candidate if candidate.is_dir() else None
    saved = build_dir / "projection.json" if build_dir else None
    if saved is not None and saved.is_file():
        projection = Projection.load(saved)
    else:
        projection = build_projection(store)
    search = None
    dumps: dict[str, dict[str, Any]] = {}
    if build_dir is not None:
        if (build_dir / "search.sqlite").is_file():
            search = SearchIndex(build_dir / "search.sqlite")
        if (build_dir / DUMPS_DIR / "index.json").is_file():
            dumps = load_index(build_dir / DUMPS_DIR)
    return BuildViews(
        store.build_id,
        build_dir,
        projection,
        NameIndex.of(projection),
        withheld_passages(store),
        search,
        dumps,
    )


class ViewCache:
    """Per-build state, keyed by build id; the previous build's state is dropped on reload."""

    def __init__(self, settings: ViewSettings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._current: BuildViews | None = None

    def get(self, store: Store) -> BuildViews:
        with self._lock:
            if self._current is None or self._current.build_id != store.build_id:
                old = self._current
                self._current = _load(store, self.settings)
                if old is not None and old.search is not None:
                    old.search.close()
            return self._current


def _error(request: Request, status: int, message: str, **extra: object) -> JSONResponse:
    """The service's one error shape (api/sparql.py's error): message, status, request id."""
    return error(request, status, message, **extra)


def entity_format(accept: str | None, fmt: str | None) -> str | None:
    """``format=`` first (browsers cannot set Accept), then Accept with q-values."""
    if fmt:
        return _FORMAT_NAMES.get(fmt.strip().lower())
    best, best_q, best_rank = None, 0.0, len(_ORDER)
    for r in parse_accept(accept):
        if r.q <= 0:
            continue
        if r.type == "*" and r.subtype == "*":
            candidates = ["turtle"] if accept and "html" not in accept else ["html"]
        elif r.subtype == "*":
            candidates = [f for m, f in _MEDIA_TO_FORMAT.items() if m.startswith(f"{r.type}/")]
        else:
            candidates = [_MEDIA_TO_FORMAT[r.full]] if r.full in _MEDIA_TO_FORMAT else []
        for f in candidates:
            rank = _ORDER.index(f)
            if r.q > best_q or (r.q == best_q and rank < best_rank):
                best, best_q, best_rank = f, r.q, rank
    return best


def _local(iri: str, base: str) -> str:
    prefix = f"{base}id/"
    return "/id/" + iri[len(prefix) :] if iri.startswith(prefix) else iri


def _short(iri: str) -> str:
    return compact(iri)


def entity_html(g: Graph, iri: str, base: str, label: str) -> str:
    """A plain page: the entity's own statements, then each claim, instrument and passage."""
    labels = {str(s): str(o) for s, p, o in g if p in (SKOS.prefLabel, RDFS.label)}

    def show(o: object) -> str:
        if isinstance(o, URIRef):
            text = labels.get(str(o)) or _short(str(o))
            return f'<a href="{html.escape(_local(str(o), base))}">{html.escape(text)}</a>'
        return html.escape(str(o))

    subjects = sorted({str(s) for s in g.subjects()}, key=lambda s: (s != iri, s))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(label)} · migkg</title>",
        '<link rel="alternate" type="text/turtle" href="?format=turtle">',
        '<link rel="alternate" type="application/ld+json" href="?format=jsonld">',
        '<link rel="alternate" type="application/n-triples" href="?format=nt">',
        "</head><body>",
        f"<h1>{html.escape(label)}</h1>",
        f"<p><code>{html.escape(iri)}</code></p>",
    ]
    for s in subjects:
        node = URIRef(s)
        types = sorted(_short(str(t)) for t in g.objects(node, RDF.type))
        heading = labels.get(s) or _short(s)
        if s != iri:
            parts.append(
                f'<h2><a href="{html.escape(_local(s, base))}">{html.escape(heading)}</a>'
                f" <small>{html.escape(', '.join(types))}</small></h2>"
            )
        parts.append("<table>")
        for p, o in sorted(g.predicate_objects(node), key=lambda x: (str(x[0]), str(x[1]))):
            if p == RDF.type and s != iri:
                continue
            cell = show(o)
            if p == MKG.quote:
                cell = f"<blockquote>{html.escape(str(o))}</blockquote>"
            parts.append(f"<tr><th>{html.escape(_short(str(p)))}</th><td>{cell}</td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def describe(store: Store, iri: str, projection: Projection) -> Graph:
    """The entity's statements, the claims about it (with quotes), its instruments and their
    status claims, where each claim's passage is (document, lines), and actors' labels."""
    e = URIRef(iri)
    g = Graph()
    for query in _DESCRIBE:
        for row in store.query(_PREFIXES + query, bindings={"e": e}).rows:
            g.add(row[1:])  # type: ignore[arg-type]
    passage_prefix = f"{projection.base}id/passage/"
    for src in sorted({str(o) for o in g.objects(None, PROV.wasDerivedFrom)}):
        if src.startswith(passage_prefix) and src != iri:
            for row in store.query(_PREFIXES + _PASSAGE_FACTS, bindings={"e": URIRef(src)}).rows:
                g.add((URIRef(src), row[1], row[2]))  # type: ignore[arg-type]
    for o in set(g.objects()):
        if isinstance(o, URIRef) and str(o) in projection.graph:
            label = projection.graph.nodes[str(o)].get("label")
            if label and projection.graph.nodes[str(o)].get("kind") != "event":
                g.add((o, SKOS.prefLabel, Literal(label, lang="en")))
    return g


def _sorted_nt(g: Graph) -> bytes:
    from migkg.rdf.nquads import term_nq

    lines = sorted({f"{term_nq(s)} {term_nq(p)} {term_nq(o)} .\n" for s, p, o in g})
    return "".join(lines).encode("utf-8")


def _etag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def _not_modified(request: Request, tag: str) -> bool:
    header = request.headers.get("if-none-match")
    if not header:
        return False
    return any(t.strip() in ("*", tag, f"W/{tag}") for t in header.split(","))


def _accepts_gzip(header: str | None) -> bool:
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        if fields[0].lower() in ("gzip", "*"):
            q = 1.0
            for f in fields[1:]:
                k, _, v = f.partition("=")
                if k.strip() == "q":
                    try:
                        q = float(v)
                    except ValueError:
                        q = 0.0
            if q > 0:
                return True
    return False


def build_router(cache: ViewCache) -> APIRouter:
    router = APIRouter()
    settings = cache.settings

    def state(request: Request) -> BuildViews:
        return cache.get(request.app.state.store)

    @router.get("/path")
    async def path(
        request: Request,
        from_: str = Query(alias="from"),
        to: str = Query(),
        max_length: str = Query(default=str(DEFAULT_MAX_LENGTH), alias="max_length"),
        limit: str = Query(default=str(DEFAULT_LIMIT)),
        hubs: str = Query(default="false"),
        events: str = Query(default="false"),
    ) -> Response:
        try:
            length_n = params.integer("max_length", max_length)
            limit_n = params.integer("limit", limit)
            hubs_b, events_b = params.boolean("hubs", hubs), params.boolean("events", events)
        except params.ParamError as err:
            return _error(request, 400, str(err))
        views = await run_in_threadpool(state, request)
        try:
            answer = await run_in_threadpool(
                lambda: find_paths(
                    views.projection,
                    from_,
                    to,
                    max_length=length_n,
                    limit=limit_n,
                    deadline=settings.path_deadline,
                    hubs=hubs_b,
                    events=events_b,
                    index=views.names,
                )
            )
        except UnknownActor as err:
            return _error(request, 404, str(err), given=err.given, suggestions=err.suggestions)
        except AmbiguousActor as err:
            return _error(request, 400, str(err), given=err.given, candidates=err.candidates)
        except PathError as err:
            return _error(request, 400, str(err))
        if answer["truncated"] == "deadline" and not answer["paths"]:
            return _error(
                request, 503, "no path found before the deadline", deadline=settings.path_deadline
            )
        answer["buildId"] = views.build_id
        return JSONResponse(answer)

    @router.get("/network/{view}")
    async def network(
        request: Request,
        view: str,
        format: str = Query(default="json"),
        process: str | None = Query(default=None),
        instrument_type: str | None = Query(default=None, alias="instrumentType"),
        type_: str | None = Query(default=None, alias="type"),
        status: str | None = Query(default=None),
        date: str | None = Query(default=None),
    ) -> Response:
        if view not in VIEWS:
            return _error(request, 404, f"unknown view {view!r}; views: {', '.join(VIEWS)}")
        if format not in FORMATS:
            return _error(request, 400, f"unknown format {format!r}; formats: {', '.join(FORMATS)}")
        try:
            date = None if date is None else params.date("date", date)
        except params.ParamError as err:
            return _error(request, 400, str(err))
        views = await run_in_threadpool(state, request)
        try:
            v = build_view(
                views.projection,
                view,
                process=process,
                instrument_type=instrument_type or type_,
                status=status,
                date=date,
            )
        except ViewError as err:
            return _error(request, 400, str(err))
        body, media = render(v, format)
        tag = _etag(body)
        headers = {"ETag": tag, "Cache-Control": f"public, max-age={settings.max_age}"}
        if _not_modified(request, tag):
            return Response(status_code=304, headers=headers)
        if format in ("graphml", "gexf"):
            headers["Content-Disposition"] = f'inline; filename="{view}.{format}"'
        return Response(body, media_type=media, headers=headers)

    @router.api_route("/id/{kind}/{key:path}", methods=["GET", "HEAD"])
    async def entity(request: Request, kind: str, key: str, format: str | None = None) -> Response:
        if kind not in KINDS:
            return _error(request, 404, f"no such kind of entity: {kind!r}")
        try:  # on the decoded path itself: Starlette's route regex ends in `$`, which lets a
            # trailing newline through (the `key` it hands over has it stripped)
            params.entity_key(request.scope["path"].split("/", 3)[3])
        except params.ParamError as err:
            return _error(request, 400, str(err))
        choice = entity_format(request.headers.get("accept"), format)
        if choice is None:
            return _error(
                request,
                406,
                "cannot answer in the format asked",
                offered=list(ENTITY_FORMATS.values()),
            )
        views = await run_in_threadpool(state, request)
        iri = f"{views.projection.base}id/{kind}/{key}"
        if iri in views.withheld:
            return _error(request, 404, "this passage is not published (docs/decisions/0007)")
        store: Store = request.app.state.store
        g = await run_in_threadpool(describe, store, iri, views.projection)
        if not any(True for _ in g.predicate_objects(URIRef(iri))):
            return _error(request, 404, f"no entity {iri}")
        if choice == "html":
            label = views.projection.label(iri) if iri in views.projection.graph else None
            label = label or next(
                (
                    str(o)
                    for p, o in g.predicate_objects(URIRef(iri))
                    if isinstance(o, Literal) and str(p).endswith(("prefLabel", "#label", "title"))
                ),
                f"{kind}/{key}",
            )
            body = entity_html(g, iri, views.projection.base, label).encode("utf-8")
        elif choice == "turtle":
            for prefix, ns in CONTEXT["@context"].items():
                g.bind(prefix, ns)
            body = g.serialize(format="turtle", encoding="utf-8")
        elif choice == "jsonld":
            body = jsonld_bytes((plain(s), plain(p), plain(o), None) for s, p, o in g)
        else:
            body = _sorted_nt(g)
        tag = _etag(body)
        headers = {"ETag": tag, "Vary": "Accept", "Link": f'<{iri}>; rel="canonical"'}
        if _not_modified(request, tag):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type=ENTITY_FORMATS[choice], headers=headers)

    @router.api_route("/dumps/{name}", methods=["GET", "HEAD"])
    async def dump(request: Request, name: str) -> Response:
        views = await run_in_threadpool(state, request)
        if views.build_dir is None or not views.dumps:
            return _error(request, 404, "this build has no dumps")
        folder = views.build_dir / DUMPS_DIR
        if name not in views.dumps:
            return _error(request, 404, f"no dump {name!r}", dumps=sorted(views.dumps))
        info = views.dumps[name]
        chosen, encoding = name, None
        gz = f"{name}.gz"
        if (
            not name.endswith(".gz")
            and gz in views.dumps
            and _accepts_gzip(request.headers.get("accept-encoding"))
        ):
            chosen, encoding = gz, "gzip"
        sha = views.dumps[chosen]["sha256"]
        path = folder / chosen
        headers = {
            "ETag": f'"{sha}"',
            "Last-Modified": email.utils.formatdate(path.stat().st_mtime, usegmt=True),
            "Vary": "Accept-Encoding",
            "Cache-Control": f"public, max-age={settings.max_age}",
            "Digest": f"sha-256={sha}",
        }
        if _not_modified(request, headers["ETag"]):
            return Response(status_code=304, headers=headers)
        if encoding:
            headers["Content-Encoding"] = encoding
        media = "application/gzip" if name.endswith(".gz") else str(info["mediaType"])
        return FileResponse(path, media_type=media, headers=headers)

    @router.get("/dumps")
    async def dumps_index(request: Request) -> Response:
        views = await run_in_threadpool(state, request)
        return JSONResponse({"buildId": views.build_id, "dumps": views.dumps})

    @router.get("/.well-known/void")
    async def void(request: Request, format: str | None = None) -> Response:
        views = await run_in_threadpool(state, request)
        path = views.build_dir / DUMPS_DIR / "void.ttl" if views.build_dir else None
        if path is None or not path.is_file():
            return _error(request, 404, "this build has no VoID description")
        choice = entity_format(request.headers.get("accept"), format) or "turtle"
        body = path.read_bytes()
        media = ENTITY_FORMATS["turtle"]
        if choice == "jsonld":
            g = Graph()
            g.parse(data=body, format="turtle")
            body, media = (
                jsonld_bytes((plain(s), plain(p), plain(o), None) for s, p, o in g),
                ENTITY_FORMATS["jsonld"],
            )
        elif choice == "ntriples":
            g = Graph()
            g.parse(data=body, format="turtle")
            body, media = _sorted_nt(g), ENTITY_FORMATS["ntriples"]
        tag = _etag(body)
        headers = {"ETag": tag, "Vary": "Accept"}
        if _not_modified(request, tag):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type=media, headers=headers)

    @router.get("/context.jsonld")
    async def context() -> Response:
        import json

        body = (json.dumps(CONTEXT, indent=1) + "\n").encode("utf-8")
        return Response(
            body,
            media_type="application/ld+json",
            headers={"ETag": _etag(body), "Cache-Control": f"public, max-age={settings.max_age}"},
        )

    @router.get("/search")
    async def search(
        request: Request, q: str = Query(default=""), limit: str | None = None
    ) -> Response:
        try:
            wanted = None if limit is None else params.integer("limit", limit)
        except params.ParamError as err:
            return _error(request, 400, str(err))
        views = await run_in_threadpool(state, request)
        if views.search is None:
            return _error(request, 404, "this build has no search index")
        if not q.strip():
            return _error(request, 400, "missing 'q' parameter")
        n = max(1, min(wanted or settings.search_limit, 100))
        answer = await run_in_threadpool(views.search.search, q, n)
        answer["buildId"] = views.build_id
        return JSONResponse(answer)

    return router


def add_view_routes(app: FastAPI, settings: ViewSettings | None = None) -> ViewCache:
    """Mount the view routes on an app made by ``create_app``; returns the per-build cache."""
    cache = ViewCache(settings or ViewSettings())
    app.state.views = cache
    app.include_router(build_router(cache))
    return cache
