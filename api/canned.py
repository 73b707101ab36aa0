"""Canned queries over HTTP: `GET /queries` lists them, `GET /queries/{name}` runs one.

The queries are the `queries/**/*.rq` files (migkg.views.queries reads their `#+` headers).
Parameters come from the URL and are bound as typed RDF terms (pyoxigraph substitutions),
never spliced into the text; a date parameter defaults to the build's latest asOf (0004), so an
answer does not drift with today's date. Running goes through the same pipeline as /sparql:
same guard, formats, ETags, workers. Values are judged by migkg/views/params.py; where a parameter
is an actor (an IRI), a name or an ISO code is resolved to one as `migkg path` does.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from migkg.api.sparql import answer, error
from migkg.settings import MigkgError
from migkg.views import params
from migkg.views.paths import AmbiguousActor, UnknownActor, resolve
from migkg.views.queries import BUILD_AS_OF, CannedQuery, bind

router = APIRouter()
RESERVED = {"format"}


def listing(q: CannedQuery, url: str) -> dict[str, object]:
    return {
        "name": q.name,
        "title": q.title,
        "description": q.description,
        "params": [{"name": p.name, "type": p.type, "default": p.default} for p in q.params],
        "tags": list(q.tags),
        "url": url,
    }


@router.get("/queries", name="queries_list")
async def list_queries(request: Request) -> JSONResponse:
    canned: dict[str, CannedQuery] = request.app.state.canned
    out = [
        listing(q, str(request.url_for("queries_run", name=q.name)))
        for q in sorted(canned.values(), key=lambda q: q.name)
    ]
    return JSONResponse({"queries": out})


@router.get("/queries/{name:path}", name="queries_run")
async def run_query(request: Request, name: str) -> Response:
    canned: dict[str, CannedQuery] = request.app.state.canned
    q = canned.get(name)
    if q is None:
        return error(request, 404, f"no canned query {name!r}", available=sorted(canned))
    given: dict[str, str] = {}
    for k, v in request.query_params.multi_items():
        if k in RESERVED:
            continue
        if k in given:
            return error(request, 400, f"parameter {k} given twice")
        given[k] = v
    actors = [p.name for p in q.params if p.type == "iri" and given.get(p.name)]
    if any(not params.looks_like_iri(given[name]) for name in actors):
        views = await run_in_threadpool(request.app.state.views.get, request.app.state.store)
        for name in actors:
            if params.looks_like_iri(given[name]):
                continue
            try:  # a name or an ISO code where an actor is expected, as `migkg path` takes
                given[name] = resolve(views.projection, given[name], views.names)
            except UnknownActor as err:
                return error(request, 400, f"parameter {name}: {err}", suggestions=err.suggestions)
            except AmbiguousActor as err:
                return error(request, 400, f"parameter {name}: {err}", candidates=err.candidates)
    info = await request.app.state.build_info(request.app.state.store)
    try:
        bindings = bind(q, given, {BUILD_AS_OF: info.latest_as_of})
    except MigkgError as err:
        return error(request, 400, str(err))
    return await answer(
        request, q.text, formats=request.query_params.getlist("format"), bindings=bindings
    )
