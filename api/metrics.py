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
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from starlette.responses import Response

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

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
        ):
            out += [f"# HELP {name} {help_}", f"# TYPE {name} counter", f"{name} {pool[key]}"]
        out += [
            "# HELP migkg_workers_alive Worker processes running.",
            "# TYPE migkg_workers_alive gauge",
            f"migkg_workers_alive {pool['alive']}",
        ]
        return "\n".join(out) + "\n"


def route_name(request: Request) -> str:
    """The route template (not the raw path), so canned query names do not explode labels."""
    route = request.scope.get("route")
    return getattr(route, "path", "unmatched")


def install(app: FastAPI, metrics: Metrics) -> None:
    """Request ids, access log, metrics and X-Build-Id on every response."""

    @app.middleware("http")
    async def observe(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        given = request.headers.get("x-request-id", "")
        rid = given if _REQUEST_ID.match(given) else uuid.uuid4().hex[:16]
        request.state.request_id = rid
        start = time.perf_counter()
        response = await call_next(request)
        elapsed = time.perf_counter() - start
        response.headers["X-Request-Id"] = rid
        response.headers["X-Build-Id"] = request.app.state.store.build_id
        route = route_name(request)
        metrics.observe(route, request.method, response.status_code, elapsed)
        access_log.info(
            "%s %s %s %d %.1fms",
            rid,
            request.method,
            request.url.path,
            response.status_code,
            elapsed * 1000,
        )
        return response


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
