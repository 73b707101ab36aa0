"""The app factory: no module-level app or store (CONVENTIONS).

`create_app(store, settings)` returns a FastAPI app answering from that store; `reload` swaps
in another build's store, which is how a running service picks up a new build (SIGHUP in
`migkg serve`).
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response

from migkg.formats import to_json
from migkg.store.base import Store, StoreError

SPARQL_JSON = "application/sparql-results+json"


@dataclass(frozen=True)
class ServiceSettings:
    max_rows: int = 10000
    title: str = "migkg: EU external cooperation on migration"


def create_app(store: Store, settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or ServiceSettings()
    app = FastAPI(title=settings.title)
    app.state.store = store
    app.state.settings = settings

    @app.middleware("http")
    async def build_header(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers["X-Build-Id"] = request.app.state.store.build_id
        return response

    @app.get("/health")
    def health(request: Request) -> dict[str, object]:
        s: Store = request.app.state.store
        return {"status": "ok", "buildId": s.build_id, "quads": s.quad_count()}

    @app.get("/sparql")
    def sparql(request: Request, query: str | None = Query(default=None)) -> Response:
        s: Store = request.app.state.store
        if not query:
            return JSONResponse({"error": "missing 'query' parameter"}, status_code=400)
        try:
            result = s.query(query)
        except StoreError as err:
            status = 400 if err.syntax else 500
            return JSONResponse({"error": str(err)}, status_code=status)
        if result.kind == "graph":
            return JSONResponse(
                {"error": "CONSTRUCT/DESCRIBE need the full endpoint"}, status_code=406
            )
        return Response(to_json(result), media_type=SPARQL_JSON)

    return app


def reload(app: FastAPI, store: Store) -> None:
    old: Store = app.state.store
    app.state.store = store
    if old is not store:
        old.close()
