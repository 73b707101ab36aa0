"""The app factory: no module-level app or store (CONVENTIONS).

`create_app(store, settings)` returns a FastAPI app answering from that store; `reload` swaps
in another build's store, which is how a running service picks up a new build (SIGHUP in
`migkg serve`). Queries run in a pool of worker processes that reopen the build read-only
(api/workers.py); the pool starts and stops with the app's lifespan.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from migkg.api import canned, metrics, sparql
from migkg.api.workers import (
    CLIENT_GONE,
    DEFAULT_MAX_WORKER_MB,
    InlineRunner,
    WorkerPool,
    default_workers,
)
from migkg.settings import MigkgError, project_root
from migkg.store.base import Store
from migkg.views.queries import CannedQuery, canned_queries


@dataclass(frozen=True)
class ServiceSettings:
    """Everything the service is told; nothing is read from the environment below this."""

    max_rows: int = 10000
    title: str = "migkg: EU external cooperation on migration"
    timeout: float = 10.0  # seconds a query may run before its worker is killed (503)
    # query worker processes; 0: threads on the app's store (not killable; tests only)
    workers: int = field(default_factory=default_workers)
    cors_origins: tuple[str, ...] = ()  # CORS is off unless origins are listed
    cache_max_age: int = 300
    # rdflib's parser needs ~0.45 ms per character of expression: 16,000 characters (twice the
    # largest canned query) bound a parse to seconds; longer queries are a 400 (issue 13)
    max_query_chars: int = 16_000
    project_dir: Path | None = None  # where queries/ lives (default: the checkout)
    max_worker_mb: int = DEFAULT_MAX_WORKER_MB  # a busy worker over this RSS is killed (503)
    queue_limit: int | None = None  # requests waiting for a worker (default: 4 per worker)
    queue_wait: float | None = None  # seconds one waits for a worker (default: min(timeout, 5))


class ClientWatch:
    """Lets a running job notice that its client went away (workers.CLIENT_GONE).

    Once the request's body has been read, the next ASGI message can only be
    `http.disconnect`; the worker pool waits for it alongside the job and, if it comes
    first, kills the worker instead of holding it to the timeout. Before the body is read
    nothing is taken from the connection, so uvicorn's flow control is untouched.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        body_done = [
            headers.get(b"content-length", b"0") == b"0" and (b"transfer-encoding" not in headers)
        ]

        async def tracked() -> Message:
            message = await receive()
            if message["type"] == "http.request" and not message.get("more_body", False):
                body_done[0] = True
            return message

        async def gone() -> None:
            if not body_done[0]:
                await asyncio.Event().wait()  # the body is still the app's to read
            while (await receive())["type"] != "http.disconnect":
                pass

        token = CLIENT_GONE.set(gone)
        try:
            await self.app(scope, tracked, send)
        finally:
            CLIENT_GONE.reset(token)


class Leases:
    """How many requests in flight use each store; a store replaced by `reload` is closed
    when its last request ends, not under it (a reload used to close it mid-request: 500
    "'OxigraphStore' object has no attribute '_store'")."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[int, int] = {}
        self._retired: dict[int, Store] = {}

    def acquire(self, store: Store) -> None:
        with self._lock:
            self._counts[id(store)] = self._counts.get(id(store), 0) + 1

    def release(self, store: Store) -> None:
        with self._lock:
            left = self._counts[id(store)] - 1
            if left:
                self._counts[id(store)] = left
                return
            del self._counts[id(store)]
            retired = self._retired.pop(id(store), None)
        if retired is not None:
            retired.close()

    def retire(self, store: Store) -> None:
        """Close `store` now if no request uses it, else when the last one ends."""
        with self._lock:
            if self._counts.get(id(store)):
                self._retired[id(store)] = store
                return
        store.close()


class Drain:
    """Each request holds a lease on the store that was current when it arrived."""

    def __init__(self, app: ASGIApp, service: FastAPI) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        leases: Leases = self.service.state.leases
        store: Store = self.service.state.store
        leases.acquire(store)
        try:
            await self.app(scope, receive, send)
        finally:
            leases.release(store)


@dataclass(frozen=True)
class BuildInfo:
    """Facts about a build the request path needs often: computed once per build."""

    graphs: frozenset[str]
    latest_as_of: str
    quads: int


def _build_info(store: Store) -> BuildInfo:
    from migkg.views.queries import latest_as_of

    return BuildInfo(frozenset(store.graph_names()), latest_as_of(store), store.quad_count())


def _canned(settings: ServiceSettings) -> dict[str, CannedQuery]:
    try:
        project = settings.project_dir or project_root()
    except MigkgError:
        return {}
    if not (project / "queries").is_dir():
        return {}
    return canned_queries(project)


def create_app(store: Store, settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or ServiceSettings()
    if store.build_dir is not None and settings.workers > 0:
        runner: WorkerPool | InlineRunner = WorkerPool(
            settings.workers,
            settings.timeout,
            (str(store.build_dir), store.build_id),
            max_worker_mb=settings.max_worker_mb,
            queue_limit=settings.queue_limit,
            queue_wait=settings.queue_wait,
        )
    else:
        runner = InlineRunner(lambda: app.state.store, settings.timeout)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await runner.start()
        warm = None
        if isinstance(runner, WorkerPool) and app.state.canned:
            texts = [q.text for q in app.state.canned.values()]
            warm = asyncio.get_running_loop().create_task(sparql.prewarm(app, texts))
        try:
            yield
        finally:
            if warm is not None:
                warm.cancel()
            await runner.close()

    app = FastAPI(title=settings.title, lifespan=lifespan)
    app.state.store = store
    app.state.leases = Leases()
    app.state.settings = settings
    app.state.runner = runner
    app.state.canned = _canned(settings)
    app.state.metrics = metrics.Metrics()
    app.state.verdicts = sparql.VerdictCache()
    infos: dict[str, BuildInfo] = {}

    async def build_info(s: Store) -> BuildInfo:
        if s.build_id not in infos:
            infos.clear()
            infos[s.build_id] = await asyncio.get_running_loop().run_in_executor(
                None, _build_info, s
            )
        return infos[s.build_id]

    app.state.build_info = build_info

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        """A missing or mistyped parameter: 400 in the service's error shape, not FastAPI's 422."""
        problems = [
            f"{'.'.join(str(x) for x in e.get('loc', ()) if x != 'query')}: {e.get('msg', '')}"
            for e in exc.errors()
        ]
        return sparql.error(request, 400, "bad parameter: " + "; ".join(problems))

    app.add_middleware(ClientWatch)
    app.add_middleware(Drain, service=app)
    metrics.install(app, app.state.metrics)
    metrics.install_cors(app, settings.cors_origins)
    app.include_router(sparql.router)
    app.include_router(canned.router)

    @app.get("/health")
    async def health(request: Request) -> dict[str, object]:
        s: Store = request.app.state.store
        return {
            "status": "ok",
            "buildId": s.build_id,
            "quads": (await request.app.state.build_info(s)).quads,
            "workers": request.app.state.runner.stats(),
        }

    @app.get("/metrics")
    async def prometheus(request: Request) -> PlainTextResponse:
        text = request.app.state.metrics.render(request.app.state.runner.stats())
        return PlainTextResponse(text, media_type="text/plain; version=0.0.4")

    from migkg.api.views import ViewSettings, add_view_routes

    add_view_routes(app, ViewSettings())
    return app


def reload(app: FastAPI, store: Store) -> None:
    """Serve another build: new requests get it at once, workers reopen it at their next job
    (each job names its build); the old store is closed once its requests have drained."""
    old: Store = app.state.store
    app.state.store = store
    if old is not store:
        app.state.leases.retire(old)
