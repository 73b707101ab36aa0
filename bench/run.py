"""One benchmark run: the corpus build, then at each size the three systems side by side.

At each size: a synthetic graph (bench/synthetic.py), a build dir made from it, and three
servers on loopback started from cold interpreters: `migkg serve` (its worker pool running),
the bare pyoxigraph ASGI baseline (bench/baseline_app.py) over the same on-disk store, and
rdflib-endpoint run as its README runs it (`rdflib-endpoint serve FILE`) on the same N-Quads.
Each canned query is answered by every system and the rows compared (bench/parity.py) before
any time counts; then sequential latency and 8-client throughput, systems interleaved; then the
graph views and the 304 path. Nothing here asserts a timing: targets are reported.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from migkg.bench import loadgen, parity, synthetic, systems
from migkg.bench.loadgen import Call
from migkg.settings import project_root
from migkg.views.queries import BUILD_AS_OF, bind, canned_queries

JSON = {"Accept": "application/sparql-results+json"}
BASE = "https://w3id.org/migkg/"
# The canned queries under test and the parameters sent (the asOf default is the build's).
QUERIES: dict[str, dict[str, str]] = {
    "instrument-status": {},
    "readmission-without-frontex-status": {},
    "process-members": {},
    "events": {"from": "2024-01-01", "to": "2024-12-31"},
}
PATH_PARAMS = {"from": "MAR", "to": "NGA"}
SERVICE, SERVICE_CANNED, BASELINE, RDFLIB = "service", "service-canned", "baseline", "rdflib"
RDFLIB_MAX_TRIPLES = 100_000  # rdflib-endpoint is compared at 10k and 100k (the ratios)


@dataclass
class Plan:
    """What to run: sizes, repetitions, budgets; `smoke` is the CI variant (tiny counts)."""

    sizes: list[int]
    reps: int = 20
    clients: int = 8
    per_client: int = 4
    rounds: int = 3
    budget_s: float = 30.0  # per system and figure: bounds the slow ones (n is shown)
    slow_min_reps: int = 1  # timed requests of a system slower than the budget (0: parity only)
    answer_timeout_s: float = 180.0  # a parity answer slower than this gives the system up
    gave_up: dict[str, str] = field(default_factory=dict)  # per size: systems given up, why
    corpus_runs: int = 3
    corpus: bool = True
    workdir: Path = Path("/tmp/migkg-bench")
    seed: int = 20261123


@dataclass
class SizeResult:
    """Everything measured at one size."""

    target: int
    quads: int = 0
    generate_s: float = 0.0
    bulk_load_s: float = 0.0
    projection_s: float = 0.0
    start: dict[str, dict[str, float]] = field(default_factory=dict)
    peak_rss: dict[str, int] = field(default_factory=dict)
    queries: dict[str, dict[str, Any]] = field(default_factory=dict)
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)
    loadgen_cpu_s: float = 0.0
    loadgen_wall_s: float = 0.0
    errors: list[str] = field(default_factory=list)
    workers: int = 0  # the service's worker pool, as its /health reports it


def worker_count(svc: systems.Server) -> int:
    """How many query workers the service started (its default: twice the cores)."""
    try:
        return int(httpx.get(f"{svc.url}/health", timeout=30).json()["workers"]["size"])
    except (httpx.HTTPError, KeyError, ValueError):
        return 0


def start_systems(
    nquads: Path, build: Path, data_dir: Path, logs: Path, with_rdflib: bool
) -> dict[str, systems.Server]:
    """Start the systems one after the other (a start is measured alone, not against another)."""
    import sys

    out: dict[str, systems.Server] = {}
    port = systems.free_port()
    out[SERVICE] = systems.start(
        SERVICE,
        [*systems.migkg_argv(), "serve", "--data-dir", str(data_dir), "--port", str(port)],
        "/health",
        "/sparql",
        port,
        logs,
    )
    port = systems.free_port()
    out[BASELINE] = systems.start(
        BASELINE,
        [
            *(sys.executable, "-m", "migkg.bench.baseline_app"),
            *(str(build / "store"), "--port", str(port)),
        ],
        "/health",
        "/sparql",
        port,
        logs,
    )
    argv = systems.rdflib_endpoint_argv()
    if with_rdflib and argv is not None:
        port = systems.free_port()
        out[RDFLIB] = systems.start(
            RDFLIB,
            [*argv, "serve", str(nquads), "--host", systems.HOST, "--port", str(port)],
            "/?query=ASK%7B%7D",
            "/",
            port,
            logs,
        )
    return out


def query_calls(
    servers: dict[str, systems.Server], name: str, given: dict[str, str], text: str
) -> dict[str, Call]:
    """The same question to each system: the service's canned route, and the effective text."""
    svc = servers[SERVICE]
    calls = {
        SERVICE_CANNED: Call(f"{svc.url}/queries/{name}", dict(given), JSON),
        SERVICE: Call(svc.sparql, {"query": text}, JSON),
        BASELINE: Call(servers[BASELINE].sparql, {"query": text}, JSON),
    }
    if RDFLIB in servers:
        calls[RDFLIB] = Call(servers[RDFLIB].sparql, {"query": text}, JSON)
    return calls


async def measure_query(
    http: Any, name: str, calls: dict[str, Call], plan: Plan, record: dict[str, Any]
) -> None:
    """Parity first (one answer from each system against the canned route), then timings."""
    first: dict[str, float] = {}
    bodies: dict[str, bytes] = {}
    for sys_name, call in calls.items():
        if sys_name in plan.gave_up:
            record["parity"][sys_name] = plan.gave_up[sys_name]
            continue
        try:
            dt, response = await asyncio.wait_for(loadgen.once(http, call), plan.answer_timeout_s)
        except (TimeoutError, httpx.TransportError) as err:
            # a single-threaded server keeps computing the abandoned query: give it up for
            # the rest of this size rather than time its queue
            why = f"no answer within {plan.answer_timeout_s:g} s ({type(err).__name__})"
            record["parity"][sys_name] = why
            plan.gave_up[sys_name] = f"skipped: gave up earlier at this size ({name})"
            continue
        first[sys_name] = dt
        if response.status_code != 200:
            record["parity"][sys_name] = f"HTTP {response.status_code}: {response.text[:200]}"
        else:
            bodies[sys_name] = response.content
    reference = bodies.get(SERVICE_CANNED)
    if reference is None:
        record["error"] = "the service's canned route did not answer"
        return
    record["rows"] = len(parity.rows(reference)[1])
    for sys_name, body in bodies.items():
        record["parity"][sys_name] = parity.compare(reference, body) or "ok"
    record["first_ms"] = {k: v * 1000 for k, v in first.items()}
    timed = {k: c for k, c in calls.items() if record["parity"].get(k) == "ok"}
    reps = {k: plan.reps for k in timed}
    if RDFLIB in timed:  # bounded: as many as fit the budget, at least one
        fit = int(plan.budget_s / max(first[RDFLIB], 1e-3))
        reps[RDFLIB] = max(plan.slow_min_reps, min(plan.reps, fit))
    seq = await loadgen.sequential(http, timed, reps, plan.budget_s)
    record["sequential"] = {
        k: {"n": t.n, "errors": t.errors, **t.summary()} for k, t in seq.items()
    }
    per_client = dict.fromkeys(timed, plan.per_client)
    rounds = plan.rounds
    if RDFLIB in timed:
        # one request per client, and only when eight of them fit the budget
        per_client[RDFLIB] = 1 if first[RDFLIB] * plan.clients < plan.budget_s else 0
    record["concurrent"] = await loadgen.concurrent(
        http, timed, plan.clients, per_client, rounds, plan.budget_s
    )


async def measure_views(http: Any, svc: systems.Server, plan: Plan) -> dict[str, dict[str, Any]]:
    """/path between two countries and /network/processes, if the service has those routes."""
    out: dict[str, dict[str, Any]] = {}
    for label, call in (
        ("path", Call(f"{svc.url}/path", PATH_PARAMS)),
        ("network/processes", Call(f"{svc.url}/network/processes")),
    ):
        dt, response = await loadgen.once(http, call)
        if response.status_code == 404 and response.json().get("detail") == "Not Found":
            out[label] = {"available": False}
            continue
        if response.status_code != 200:
            out[label] = {"available": True, "error": f"HTTP {response.status_code}"}
            continue
        seq = await loadgen.sequential(http, {label: call}, {label: plan.reps}, plan.budget_s)
        t = seq[label]
        out[label] = {"available": True, "first_ms": dt * 1000, "n": t.n, **t.summary()}
    return out


async def measure_cache(http: Any, svc: systems.Server, plan: Plan) -> dict[str, Any]:
    """The same canned query answered in full (200) and as 304 Not Modified, interleaved."""
    url = f"{svc.url}/queries/instrument-status"
    _dt, response = await loadgen.once(http, Call(url, {}, JSON))
    tag = response.headers.get("etag")
    if response.status_code != 200 or not tag:
        return {"error": f"HTTP {response.status_code}, ETag {tag!r}"}
    calls = {
        "200": Call(url, {}, JSON),
        "304": Call(url, {}, {**JSON, "If-None-Match": tag}, status=304),
    }
    seq = await loadgen.sequential(http, calls, dict.fromkeys(calls, plan.reps), plan.budget_s)
    return {k: {"n": t.n, "errors": t.errors, **t.summary()} for k, t in seq.items()}


async def measure_http(
    servers: dict[str, systems.Server], plan: Plan, result: SizeResult, as_of: str
) -> None:
    queries = canned_queries(project_root())
    cpu = loadgen.CpuMeter()
    async with loadgen.client(plan.clients) as http:
        cpu.start()
        for name, given in QUERIES.items():
            q = queries[name]
            text = parity.effective_text(q.text, bind(q, given, {BUILD_AS_OF: as_of}))
            record: dict[str, Any] = {"params": given, "parity": {}}
            result.queries[name] = record
            await measure_query(http, name, query_calls(servers, name, given, text), plan, record)
        result.views = await measure_views(http, servers[SERVICE], plan)
        result.cache = await measure_cache(http, servers[SERVICE], plan)
        cpu.stop()
    result.loadgen_cpu_s, result.loadgen_wall_s = cpu.cpu, cpu.wall


def measure_size(target: int, plan: Plan) -> SizeResult:
    result = SizeResult(target)
    plan.gave_up.clear()
    root = plan.workdir / f"size-{target}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    nquads = root / "synthetic.nq"
    t0 = time.perf_counter()
    result.quads = synthetic.write(nquads, target, plan.seed)
    result.generate_s = time.perf_counter() - t0
    data_dir = root / "data"
    build, result.bulk_load_s, result.projection_s = systems.make_build(
        nquads, data_dir, f"synthetic-{target}"
    )
    with systems.PeakSampler() as sampler:
        servers = start_systems(
            nquads, build, data_dir, root, with_rdflib=target <= RDFLIB_MAX_TRIPLES
        )
        try:
            for name, server in servers.items():
                sampler.watch(name, server.proc.pid)
                result.start[name] = {"ready_s": server.ready_s, "rss_ready": server.rss_ready}
            result.workers = worker_count(servers[SERVICE])
            asyncio.run(measure_http(servers, plan, result, synthetic.AS_OF))
        finally:
            for server in servers.values():
                systems.stop(server)
    result.peak_rss = dict(sampler.peak)
    shutil.rmtree(root, ignore_errors=True)
    return result


def run(plan: Plan) -> dict[str, Any]:
    """The whole benchmark; returns the figures (bench/report.py writes them up)."""
    from migkg.bench import corpus

    plan.workdir.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {"plan": plan, "started": time.time(), "load": [os.getloadavg()]}
    if plan.corpus:
        out["corpus"] = corpus.measure(plan.workdir / "corpus-data", plan.corpus_runs)
    out["sizes"] = [measure_size(size, plan) for size in plan.sizes]
    out["duration_s"] = time.time() - out["started"]
    out["load"].append(os.getloadavg())
    return out
