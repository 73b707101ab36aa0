"""`/sparql` and the answer pipeline it shares with the canned queries.

One path for every query: guard (parse, refuse) -> negotiate -> ETag (304 before any work) ->
a worker -> bytes. Each failure maps to its honest status: 400 malformed (with line and
column), 403 refused by policy, 406 no acceptable format, 415 wrong body, 500 engine fault
(with the request id that the access log also names), 503 timeout.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Mapping

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response

from migkg.api import cache, conneg, results, service_description
from migkg.api.protocol import ProtocolError, SparqlRequest, read_request
from migkg.api.workers import (
    Check,
    ClientGone,
    Job,
    Outcome,
    QueryTimeout,
    Unavailable,
    Verdict,
    WorkerCrashed,
)
from migkg.store.base import Store, Term

log = logging.getLogger("migkg.api")
router = APIRouter()


class VerdictCache:
    """The guard's verdicts on recent queries (per app): a repeated query is not parsed again,
    so a 304 costs no worker round trip."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._items: OrderedDict[tuple[object, ...], Verdict] = OrderedDict()

    @staticmethod
    def key(check: Check) -> tuple[object, ...]:
        """What a verdict depends on: not the build id, so a reload keeps the cache warm."""
        return (check.sparql, check.graphs, check.default_graphs, check.named_graphs)

    def get(self, check: Check) -> Verdict | None:
        verdict = self._items.get(self.key(check))
        if verdict is not None:
            self._items.move_to_end(self.key(check))
        return verdict

    def put(self, check: Check, verdict: Verdict) -> None:
        self._items[self.key(check)] = verdict
        while len(self._items) > self.size:
            self._items.popitem(last=False)


async def prewarm(app: FastAPI, texts: list[str]) -> None:
    """Vet the canned queries once at start-up, one at a time on one worker, so that their
    first caller does not wait for rdflib's parser (seconds for the larger ones)."""
    store: Store = app.state.store
    info = await app.state.build_info(store)
    for text in texts:
        check = Check(str(store.build_dir or ""), store.build_id, text, info.graphs)
        try:
            verdict = await app.state.runner.run(check)
        except (QueryTimeout, WorkerCrashed):
            continue
        if isinstance(verdict, Verdict):
            app.state.verdicts.put(check, verdict)


def left(deadline: float) -> float:
    """Seconds left before a request's deadline (never negative)."""
    return max(0.0, deadline - time.monotonic())


def error(
    request: Request,
    status: int,
    message: str,
    headers: Mapping[str, str] | None = None,
    **extra: object,
) -> JSONResponse:
    rid = getattr(request.state, "request_id", "")
    body = {"error": message, "status": status, "requestId": rid, **extra}
    out = {"Cache-Control": "no-store", **(headers or {})}
    return JSONResponse(body, status_code=status, headers=out)


async def answer(
    request: Request,
    text: str,
    *,
    formats: list[str],
    bindings: Mapping[str, Term] | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> Response:
    """Run one query through the whole pipeline and make the HTTP answer."""
    app = request.app
    settings = app.state.settings
    store: Store = app.state.store
    # One deadline for the whole request: the check and the run share it (issue 13 item 9).
    deadline = time.monotonic() + settings.timeout
    if len(text) > settings.max_query_chars:
        return error(
            request,
            400,
            f"query longer than {settings.max_query_chars} characters ({len(text)}): this "
            "endpoint does not parse longer queries (the standard parser needs about half a "
            "millisecond per character of expression)",
        )
    info = await app.state.build_info(store)
    check = Check(
        build_dir=str(store.build_dir or ""),
        build_id=store.build_id,
        sparql=text,
        graphs=info.graphs,
        default_graphs=tuple(default_graphs or ()),
        named_graphs=tuple(named_graphs or ()),
    )
    verdicts: VerdictCache = app.state.verdicts
    verdict = verdicts.get(check)
    if verdict is None:
        try:
            verdict = await app.state.runner.run(check, left(deadline))
        except Unavailable as err:  # busy, or over the memory limit: its own message
            return error(request, 503, str(err), headers={"Retry-After": "5"})
        except ClientGone:
            return error(request, 499, "the client closed the connection")
        except QueryTimeout:
            return error(
                request, 503, f"the query could not be parsed within {settings.timeout:g} s"
            )
        except WorkerCrashed as err:
            log.error("request %s: worker crashed: %s", request.state.request_id, err)
            return error(request, 500, "the query engine failed (worker crashed)")
        if not isinstance(verdict, Verdict):
            log.error("request %s: check failed: %s", request.state.request_id, verdict)
            return error(request, 500, "the query checker failed")
        verdicts.put(check, verdict)
    if verdict.malformed is not None:
        return error(request, 400, verdict.malformed, line=verdict.line, column=verdict.column)
    if verdict.refused is not None:
        return error(request, 403, verdict.refused)
    checked = verdict.checked
    assert checked is not None
    choice = conneg.choose(request.headers.get("accept"), formats, checked.kind)
    if choice is None:
        return error(
            request,
            406,
            f"no acceptable format for a {checked.form.upper()} answer; this endpoint writes "
            + ", ".join(conneg.offered(checked.kind)),
            offered=conneg.offered(checked.kind),
        )
    bound = sorted((k, v.n3()) for k, v in (bindings or {}).items())
    tag = cache.etag(
        store.build_id,
        checked.normalised,
        bound,
        default_graphs,
        named_graphs,
        choice.media_type,
        settings.max_rows,
    )
    headers = {
        "ETag": tag,
        "Cache-Control": cache.cache_control(settings.cache_max_age),
        "Vary": "Accept",
    }
    if cache.matches(request.headers.get("if-none-match"), tag):
        return Response(status_code=304, headers=headers)
    job = Job(
        build_dir=str(store.build_dir or ""),
        build_id=store.build_id,
        sparql=text,
        fmt=choice.fmt,
        max_rows=settings.max_rows,
        bindings=dict(bindings or {}),
        default_graphs=tuple(default_graphs or ()),
        named_graphs=tuple(named_graphs or ()),
        query_dataset=checked.query_dataset,
    )
    try:
        outcome = await app.state.runner.run(job, left(deadline))
        assert isinstance(outcome, Outcome)
    except Unavailable as err:  # busy, or over the memory limit: its own message
        return error(request, 503, str(err), headers={"Retry-After": "5"})
    except ClientGone:
        return error(request, 499, "the client closed the connection")
    except QueryTimeout:
        return error(
            request,
            503,
            f"the query did not finish within {settings.timeout:g} s and was stopped; "
            "narrow it (LIMIT, more specific patterns) or use the downloadable dumps",
        )
    except WorkerCrashed as err:
        log.error("request %s: worker crashed: %s", request.state.request_id, err)
        return error(request, 500, "the query engine failed (worker crashed)")
    if outcome.error is not None:
        if outcome.syntax:
            return error(request, 400, f"the query engine refused the query: {outcome.error}")
        log.error("request %s: engine fault: %s", request.state.request_id, outcome.error)
        return error(request, 500, f"the query engine failed: {outcome.error}")
    if choice.fmt == "rdfxml" and not results.well_formed_xml(outcome.body):
        others = [m for m in conneg.offered("graph") if m != choice.media_type]
        return error(
            request,
            406,
            "this graph cannot be written as RDF/XML (a predicate IRI without an XML local "
            "name, or a character XML 1.0 forbids); ask for " + ", ".join(others),
            offered=others,
        )
    if outcome.truncated:
        headers["X-Result-Truncated"] = "true"
    return Response(outcome.body, media_type=choice.media_type, headers=headers)


async def describe_service(request: Request) -> Response:
    app = request.app
    settings = app.state.settings
    store: Store = app.state.store
    info = await app.state.build_info(store)
    choice = conneg.choose(request.headers.get("accept"), [], "graph") or conneg.Choice("turtle")
    g = service_description.describe(
        str(request.url_for("sparql_get")),
        sorted(info.graphs),
        title=settings.title,
        max_rows=settings.max_rows,
        timeout=settings.timeout,
        build_id=store.build_id,
    )
    body = service_description.serialize(g, choice.fmt)
    return Response(body, media_type=choice.media_type, headers={"Vary": "Accept"})


async def handle(request: Request) -> Response:
    try:
        req: SparqlRequest = await read_request(request)
    except ProtocolError as err:
        return error(request, err.status, str(err))
    if req.update is not None:
        return error(request, 403, "this endpoint is read-only: SPARQL Update is not accepted")
    if req.query is None:
        if request.method in ("GET", "HEAD"):
            return await describe_service(request)
        return error(request, 400, "missing 'query' (form field or sparql-query body)")
    if not req.query.strip():
        return error(request, 400, "empty query")
    return await answer(
        request,
        req.query,
        formats=req.formats,
        default_graphs=req.default_graphs,
        named_graphs=req.named_graphs,
    )


@router.api_route("/sparql", methods=["GET", "HEAD", "POST"], name="sparql_get")
async def sparql(request: Request) -> Response:
    """The SPARQL 1.1 Protocol endpoint: one route for its three methods, so that a 405 for
    any other method names all three in `Allow` (HEAD answers GET's headers, no body)."""
    return await handle(request)
