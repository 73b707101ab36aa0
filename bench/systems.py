"""The systems under test as real server processes on loopback, and their memory.

Each system runs in its own process tree (the service with its worker processes), started from
a cold interpreter, so that time-to-healthy and RSS are what a user would see. Memory is the sum
of RSS over the whole tree, sampled every 50 ms by a thread for the peak.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

from migkg.build.dirs import complete, staging_dir, switch_current
from migkg.settings import Settings, project_root
from migkg.store import build_store

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def tree_rss(pid: int) -> int:
    """RSS in bytes of a process and all its descendants (0 when it is gone)."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += p.memory_info().rss
    return total


class PeakSampler:
    """Samples the tree RSS of registered processes in a thread; keeps the peak of each."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.pids: dict[str, int] = {}
        self.peak: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="rss-sampler")

    def watch(self, name: str, pid: int) -> None:
        self.pids[name] = pid
        self.peak.setdefault(name, 0)

    def _loop(self) -> None:
        while not self._stop.is_set():
            for name, pid in list(self.pids.items()):
                self.peak[name] = max(self.peak.get(name, 0), tree_rss(pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Server:
    """One running system: its process, base URL, and how long it took to answer /health."""

    name: str
    proc: subprocess.Popen[bytes]
    url: str
    sparql_path: str
    ready_s: float = 0.0
    rss_ready: int = 0
    log: Path | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def sparql(self) -> str:
        return self.url + self.sparql_path


def start(
    name: str,
    argv: list[str],
    health: str,
    sparql_path: str,
    port: int,
    log_dir: Path,
    *,
    timeout: float = 600.0,
) -> Server:
    """Start a server and wait until `health` (a path) answers 200; time and RSS at that moment."""
    log = log_dir / f"{name}.log"
    fh = log.open("wb")
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    fh.close()
    url = f"http://{HOST}:{port}"
    server = Server(name, proc, url, sparql_path, log=log)
    deadline = t0 + timeout
    with httpx.Client(timeout=5.0) as client:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {proc.returncode}: {tail(log)}")
            try:
                if client.get(url + health).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.perf_counter() > deadline:
                stop(server)
                raise RuntimeError(f"{name} not healthy after {timeout:g} s: {tail(log)}")
            time.sleep(0.02)
    server.ready_s = time.perf_counter() - t0
    server.rss_ready = tree_rss(proc.pid)
    return server


def tail(log: Path, n: int = 5) -> str:
    try:
        return " | ".join(log.read_text(errors="replace").strip().splitlines()[-n:])
    except OSError:
        return ""


def stop(server: Server) -> None:
    """Terminate the server (its workers die with it), kill it if it does not go."""
    if server.proc.poll() is None:
        server.proc.terminate()
        try:
            server.proc.wait(10)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait()


def migkg_argv() -> list[str]:
    """The `migkg` console script of this interpreter's environment."""
    script = Path(sys.executable).parent / "migkg"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from migkg.cli import main; sys.exit(main())"]


def rdflib_endpoint_argv() -> list[str] | None:
    """rdflib-endpoint's own CLI, as its README runs it; None when it is not installed."""
    script = Path(sys.executable).parent / "rdflib-endpoint"
    if script.exists():
        return [str(script)]
    found = shutil.which("rdflib-endpoint")
    return [found] if found else None


def make_build(nquads: Path, data_dir: Path, build_id: str) -> tuple[Path, float, float]:
    """A complete build dir for a synthetic graph (graph.nq + store/ + projection.json +
    COMPLETE, `current`).

    `projection.json` is there because `migkg build` writes it (migkg/build/dumps.py): without it
    the service's first /path or /network request computes the projection from the store, which a
    served build never does. Returns the build path, the seconds the bulk load into the on-disk
    store took (what `migkg build` spends on its store stage) and the seconds the projection
    took (part of the build's views stage).
    """
    from migkg.store import open_store
    from migkg.views.projection import build_projection

    settings = Settings(data_dir=data_dir.resolve(), project_dir=project_root())
    staging = staging_dir(settings, build_id)
    shutil.copyfile(nquads, staging / "graph.nq")
    t0 = time.perf_counter()
    build_store(staging / "graph.nq", staging / "store")
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    store = open_store(staging, build_id)
    try:
        build_projection(store).save(staging / "projection.json")
    finally:
        store.close()
    projection_s = time.perf_counter() - t0
    build = complete(staging, settings, build_id)
    switch_current(settings, build)
    return build.path, load_s, projection_s


@contextlib.contextmanager
def running(servers: list[Server]) -> Iterator[list[Server]]:
    try:
        yield servers
    finally:
        for s in servers:
            stop(s)
