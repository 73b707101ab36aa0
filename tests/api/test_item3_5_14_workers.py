"""Issue 13, items 3, 5 and 14: workers bounded in memory, abandoned requests freeing their
worker, a queue with its own message, workers that die with their server, retries on a dead
worker, a bounded metrics label. Real uvicorn servers on loopback with real worker processes."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from migkg.api.app import ServiceSettings, create_app
from migkg.store import open_store
from tests.api.api_support import BUILD_ID, DATA, Server

# DISTINCT over a 5-way cross product of the fixture's quads: memory grows without bound
GREEDY = (
    "SELECT DISTINCT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o } "
    "ORDER BY ?a LIMIT 1"
)
SLOW = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u }"
)
SMALL = "SELECT ?code WHERE { ?c <https://w3id.org/migkg/ontology#isoAlpha3> ?code } ORDER BY ?code"


def serve(build: Path, **settings: object) -> Server:
    store = open_store(build, BUILD_ID)
    return Server(create_app(store, ServiceSettings(project_dir=DATA, **settings)))  # type: ignore[arg-type]


def wait_for(cond, seconds: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def small_pool(fixture_build: Path) -> Iterator[Server]:
    """One worker, 20 s timeout, 300 MB per worker, a queue of one waiting 1 s."""
    with serve(
        fixture_build, workers=1, timeout=20.0, max_worker_mb=300, queue_limit=1, queue_wait=1.0
    ) as srv:
        yield srv


def test_item3_greedy_query_killed_at_the_memory_limit(small_pool: Server) -> None:
    with httpx.Client(base_url=small_pool.url, timeout=60) as c:
        pid = c.get("/health").json()["workers"]["pids"][0]
        peak = [0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                try:
                    peak[0] = max(peak[0], psutil.Process(pid).memory_info().rss)
                except psutil.Error:
                    return
                time.sleep(0.02)

        t = threading.Thread(target=sample)
        t.start()
        r = c.get("/sparql", params={"query": GREEDY})
        stop.set()
        t.join()
        assert r.status_code == 503
        assert "more than 300 MB of memory" in r.json()["error"]
        assert peak[0] < 600 * 1024 * 1024  # killed near the limit, not at the timeout
        assert wait_for(lambda: c.get("/health").json()["workers"]["idle"] == 1)
        assert c.get("/sparql", params={"query": SMALL}).status_code == 200


def test_item3_default_timeout_is_lower_and_documented() -> None:
    assert ServiceSettings().timeout == 10.0
    out = subprocess.run(
        [sys.executable, "-m", "migkg.cli", "serve", "--help"], capture_output=True, text=True
    ).stdout
    assert "default 10" in out and "--worker-memory" in out and "--queue" in out
    assert "`--timeout`" in (DATA.parents[2] / "docs" / "security.md").read_text()


def test_item5_abandoned_request_frees_its_worker(small_pool: Server) -> None:
    with httpx.Client(base_url=small_pool.url, timeout=60) as c:
        before = c.get("/health").json()["workers"]
        with pytest.raises(httpx.ReadTimeout):  # the client gives up after 0.5 s
            httpx.get(f"{small_pool.url}/sparql", params={"query": SLOW}, timeout=0.5)
        # the worker that ran it is killed and replaced long before the 20 s timeout
        assert wait_for(lambda: not all(psutil.pid_exists(p) for p in before["pids"]), 5.0)
        # once its replacement is up the pool answers again (on a loaded machine the
        # replacement takes a moment: the pool may say busy meanwhile)
        ok = lambda: c.get("/sparql", params={"query": SMALL}, headers={"Accept": "text/csv"})  # noqa: E731
        assert wait_for(lambda: ok().status_code == 200, 10.0)
        r = ok()
        assert r.status_code == 200 and r.text == "code\r\nMAR\r\nNER\r\nTUN\r\n"
        assert c.get("/health").json()["workers"]["clientGone"] == before["clientGone"] + 1


def test_item5_a_request_that_never_got_a_worker_is_told_so(small_pool: Server) -> None:
    with httpx.Client(base_url=small_pool.url, timeout=60) as c:
        statuses: list[httpx.Response] = []

        def runaway() -> None:
            with httpx.Client(base_url=small_pool.url, timeout=60) as c2:
                statuses.append(c2.get("/sparql", params={"query": SLOW + " LIMIT 1"}))

        t = threading.Thread(target=runaway)
        t.start()
        assert wait_for(lambda: c.get("/health").json()["workers"]["idle"] == 0, 10)
        waits = [
            threading.Thread(
                target=lambda: statuses.append(
                    httpx.get(f"{small_pool.url}/sparql", params={"query": SMALL}, timeout=30)
                )
            )
            for _ in range(3)
        ]
        for w in waits:
            w.start()
        for w in waits:
            w.join()
        busy = [r for r in statuses if r.status_code == 503]
        assert len(busy) == 3  # one waited its 1 s in the queue, two found it full
        for r in busy:
            message = r.json()["error"]
            assert "busy" in message and "stopped" not in message.replace("not started", "")
            assert r.headers["retry-after"]
        t.join(60)


def dead(pid: int) -> bool:
    """Killed: a zombie not yet reaped, or already gone (the pool may reap it first)."""
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_item14_worker_killed_while_idle_is_not_a_500(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        assert wait_for(lambda: c.get("/health").json()["workers"]["idle"] == 2)
        pids = c.get("/health").json()["workers"]["pids"]
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        for pid in pids:
            assert wait_for(lambda p=pid: dead(p), 5)
        r = c.get("/sparql", params={"query": SMALL}, headers={"Accept": "text/csv"})
        assert r.status_code == 200 and r.text == "code\r\nMAR\r\nNER\r\nTUN\r\n"


def test_item14_metrics_method_label_bounded(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port)) as s:
        s.sendall(b"XYZZY123 /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        s.recv(4096)
    text = httpx.get(f"{server.url}/metrics").text
    assert 'method="XYZZY123"' not in text
    assert 'method="OTHER"' in text


SERVE = """
import sys, uvicorn
from pathlib import Path
from migkg.api.app import ServiceSettings, create_app
from migkg.store import open_store
settings = ServiceSettings(workers=2, timeout=60.0, project_dir=Path(sys.argv[3]))
app = create_app(open_store(Path(sys.argv[1]), sys.argv[2]), settings)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[4]), log_level="warning")
"""


@pytest.mark.slow  # its own server process
def test_item14_workers_die_with_their_server(fixture_build: Path) -> None:
    from tests.api.api_support import free_port

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(fixture_build), BUILD_ID, str(DATA), str(port)]
    )
    try:
        url = f"http://127.0.0.1:{port}"

        def up() -> bool:
            try:
                return httpx.get(f"{url}/health").json()["workers"]["idle"] == 2
            except httpx.HTTPError:
                return False

        assert wait_for(up, 60)
        pids = httpx.get(f"{url}/health").json()["workers"]["pids"]
        def runaway() -> None:
            with contextlib.suppress(httpx.HTTPError):  # the server is killed under it
                httpx.get(f"{url}/sparql", params={"query": SLOW}, timeout=5)

        t = threading.Thread(target=runaway, daemon=True)
        t.start()
        time.sleep(0.5)  # the runaway is running in a worker
        proc.kill()
        proc.wait()
        assert wait_for(lambda: not any(psutil.pid_exists(p) for p in pids), 5), [
            (p, psutil.Process(p).cpu_percent(0.2)) for p in pids if psutil.pid_exists(p)
        ]
    finally:
        proc.kill()
        proc.wait()
