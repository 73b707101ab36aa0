"""Operations: request ids and access logs, Prometheus counters, the latency histogram, CORS.

Written by hand (a few counters do not need prometheus_client): `GET /metrics` is the
Prometheus text format 0.0.4. Every response carries `X-Request-Id` (the client's, if it sent a
sane one) and the access log line names it, so a 500's id leads to its traceback.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections import Counter

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Any token is a valid HTTP method: labelled as sent, a client could mint one series each.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"})

access_log = logging.getLogger("migkg.access")


class Metrics:
    """Counters of one running service (per app: no module-level state)."""

    def __init__(self) -> None:
        self.requests: Counter[tuple[str, str, int]] = Counter()
        self.bucket_counts = [0] * len(BUCKETS)
        self.latency_sum = 0.0
        self.latency_count = 0

    def observe(self, route: str, method: str, status: int, seconds: float) -> None:
        self.requests[(route, method, status)] += 1
        self.latency_sum += seconds
        self.latency_count += 1
        for i, bound in enumerate(BUCKETS):
            if seconds <= bound:
                self.bucket_counts[i] += 1

    def render(self, pool: dict[str, object]) -> str:
        out = [
            "# HELP migkg_requests_total HTTP requests by route, method and status.",
            "# TYPE migkg_requests_total counter",
        ]
        for (route, method, status), n in sorted(self.requests.items()):
            out.append(
                f'migkg_requests_total{{route="{route}",method="{method}",status="{status}"}} {n}'
            )
        out += [
            "# HELP migkg_request_seconds Request latency.",
            "# TYPE migkg_request_seconds histogram",
        ]
        for bound, n in zip(BUCKETS, self.bucket_counts, strict=True):
            out.append(f'migkg_request_seconds_bucket{{le="{bound}"}} {n}')
        out.append(f'migkg_request_seconds_bucket{{le="+Inf"}} {self.latency_count}')
        out.append(f"migkg_request_seconds_sum {self.latency_sum:.6f}")
        out.append(f"migkg_request_seconds_count {self.latency_count}")
        for name, key, help_ in (
            ("migkg_query_timeouts_total", "timeouts", "Queries stopped at the timeout."),
            ("migkg_worker_respawns_total", "respawns", "Worker processes replaced."),
            ("migkg_queue_refusals_total", "busy", "Requests refused: every worker busy."),
            ("migkg_memory_kills_total", "memoryKills", "Workers killed over the memory limit."),
            ("migkg_client_gone_total", "clientGone", "Jobs stopped: the client went away."),
            ("migkg_worker_retries_total", "retries", "Jobs retried on a worker found dead."),
        ):
            out += [f"# HELP {name} {help_}", f"# TYPE {name} counter", f"{name} {pool[key]}"]
        out += [
            "# HELP migkg_workers_alive Worker processes running.",
            "# TYPE migkg_workers_alive gauge",
            f"migkg_workers_alive {pool['alive']}",
            "# HELP migkg_queue_waiting Requests waiting for a worker.",
            "# TYPE migkg_queue_waiting gauge",
            f"migkg_queue_waiting {pool['waiting']}",
        ]
        return "\n".join(out) + "\n"


class Observe:
    """Request ids, access log, metrics and X-Build-Id on every response.

    A plain ASGI middleware, not `@app.middleware("http")`: Starlette's BaseHTTPMiddleware
    runs every response through an extra task and memory stream, which cost about a
    millisecond of the server's CPU per request (measured in issue 9).
    """

    def __init__(self, app: ASGIApp, service: FastAPI, metrics: Metrics) -> None:
        self.app = app
        self.service = service
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = ""
        for key, value in scope["headers"]:
            if key == b"x-request-id":
                given = value.decode("latin-1")
                break
        rid = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = rid
        start = time.perf_counter()
        status = 500  # what the client gets if the app raises before answering
        build_id = self.service.state.store.build_id.encode("latin-1")

        async def send_observed(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", ()))
                headers += [(b"x-request-id", rid.encode("latin-1")), (b"x-build-id", build_id)]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_observed)
        finally:
            elapsed = time.perf_counter() - start
            route = getattr(scope.get("route"), "path", "unmatched")
            method = scope["method"] if scope["method"] in KNOWN_METHODS else "OTHER"
            self.metrics.observe(route, method, status, elapsed)
            if access_log.isEnabledFor(logging.INFO):
                access_log.info(
                    "%s %s %s %d %.1fms", rid, method, scope["path"], status, elapsed * 1000
                )


def install(app: FastAPI, metrics: Metrics) -> None:
    """Request ids, access log, metrics and X-Build-Id on every response (see Observe)."""
    app.add_middleware(Observe, service=app, metrics=metrics)


def install_cors(app: FastAPI, origins: tuple[str, ...]) -> None:
    """CORS only when configured: an open endpoint is a choice, not a default."""
    if not origins:
        return
    from starlette.middleware.cors import CORSMiddleware

    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(origins),
        allow_methods=["GET", "POST"],
        allow_headers=["Accept", "Content-Type", "If-None-Match", "X-Request-Id"],
        expose_headers=["ETag", "X-Build-Id", "X-Request-Id", "X-Result-Truncated"],
    )
