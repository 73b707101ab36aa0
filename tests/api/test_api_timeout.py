"""A runaway query is stopped for real: 503 at the timeout, its worker killed, the rest unaffected.

The fixture server has a 2 s timeout and two workers. The bounds below are behaviour checks
with generous margins (a query that is never stopped runs for minutes), not benchmarks.
"""

from __future__ import annotations

import threading
import time

import httpx
import psutil

from tests.api.api_support import TIMEOUT, Server

# A cross product of the 27 fixture quads seven times over: ~10^10 solutions to count.
SLOW = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u }"
)
SMALL = "SELECT ?code WHERE { ?c <https://w3id.org/migkg/ontology#isoAlpha3> ?code } ORDER BY ?code"


def busy_worker(pids: list[int]) -> int:
    """The worker whose CPU time grows: the one running the slow query."""
    before = {p: sum(psutil.Process(p).cpu_times()[:2]) for p in pids}
    time.sleep(0.3)
    growth = {p: sum(psutil.Process(p).cpu_times()[:2]) - before[p] for p in pids}
    return max(growth, key=lambda p: growth[p])


def test_slow_query_is_stopped_and_the_service_keeps_answering(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        health = c.get("/health").json()
        pids = health["workers"]["pids"]
        respawns = health["workers"]["respawns"]
        timeouts = health["workers"]["timeouts"]
        assert len(pids) == 2
        slow: dict[str, httpx.Response] = {}

        def run_slow() -> None:
            with httpx.Client(base_url=server.url, timeout=30) as c2:
                slow["r"] = c2.get("/sparql", params={"query": SLOW})

        t = threading.Thread(target=run_slow)
        started = time.monotonic()
        t.start()
        time.sleep(0.3)
        victim = busy_worker(pids)

        # meanwhile the service answers: health and a small query, each well within 1 s
        t0 = time.monotonic()
        assert c.get("/health").status_code == 200
        assert time.monotonic() - t0 < 1.0
        t0 = time.monotonic()
        r = c.get("/sparql", params={"query": SMALL}, headers={"Accept": "text/csv"})
        assert r.status_code == 200 and r.text == "code\r\nMAR\r\nNER\r\nTUN\r\n"
        assert time.monotonic() - t0 < 1.0

        t.join(30)
        r = slow["r"]
        assert r.status_code == 503
        assert r.json()["error"].startswith(f"the query did not finish within {TIMEOUT:g} s")
        assert TIMEOUT <= time.monotonic() - started < TIMEOUT + 5

        # the killed worker's CPU stops within 1 s: the process is gone (or no longer runs)
        deadline = time.monotonic() + 1.0
        while psutil.pid_exists(victim) and time.monotonic() < deadline:
            time.sleep(0.05)
        if psutil.pid_exists(victim):
            proc = psutil.Process(victim)
            assert proc.status() == psutil.STATUS_ZOMBIE

        # the next query succeeds, and the pool is whole again
        r = c.get("/sparql", params={"query": SMALL}, headers={"Accept": "text/csv"})
        assert r.status_code == 200
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            workers = c.get("/health").json()["workers"]
            if workers["alive"] == 2 and workers["idle"] == 2:
                break
            time.sleep(0.1)
        assert workers["respawns"] == respawns + 1
        assert victim not in workers["pids"]
        assert len(workers["pids"]) == 2
        metrics = c.get("/metrics").text
        assert f"migkg_query_timeouts_total {timeouts + 1}" in metrics.splitlines()
        assert f"migkg_worker_respawns_total {respawns + 1}" in metrics.splitlines()
