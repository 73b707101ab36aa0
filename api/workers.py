"""Queries run in worker processes that can be killed: pyoxigraph cannot cancel a query.

A query left running in a thread keeps a core busy after its client is gone; a process can be
killed. Each worker is `python -m migkg.api.workers`, holding the current build's store open
read-only (reopened when a job names another build, which is how SIGHUP reloads reach it). The
parent speaks to it over stdin/stdout with length-prefixed pickles; the waiting happens in a
thread so the event loop never blocks. At the deadline the worker gets SIGKILL, the request a
503, and a fresh worker takes its place. Figures: docs/decisions/0009-query-workers.md.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import select
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from migkg.api import guard
from migkg.api.guard import Checked
from migkg.api.results import GRAPH_FORMATS, serialize
from migkg.store.base import Store, StoreError, Term

HEADER = struct.Struct("!Q")
READY = "ready"


@dataclass(frozen=True)
class Job:
    """Everything a worker needs; picklable (bindings are rdflib terms)."""

    build_dir: str
    build_id: str
    sparql: str
    fmt: str
    max_rows: int | None
    bindings: Mapping[str, Term] = field(default_factory=dict)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    query_dataset: bool = False


@dataclass(frozen=True)
class Outcome:
    body: bytes = b""
    truncated: bool = False
    error: str | None = None
    syntax: bool = False  # the engine refused the text (400), else an engine fault (500)


@dataclass(frozen=True)
class Check:
    """Parse and vet a query (api/guard.py) in a worker: rdflib's parser needs ~1.5 s of CPU
    for a 6 KB query, which must neither hold the server's GIL nor escape the timeout."""

    build_dir: str
    build_id: str
    sparql: str
    graphs: frozenset[str]
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """A Check's answer: the checked query, or why it is refused (403) or malformed (400)."""

    checked: Checked | None = None
    refused: str | None = None
    malformed: str | None = None
    line: int | None = None
    column: int | None = None


def default_workers() -> int:
    """Twice the cores this process may run on (at least 2).

    Measured at 100k quads with 8 clients (decision 0009): with one worker per core the pool
    reached 0.64-0.77x the throughput of pyoxigraph in threads; with two per core, 1.01-1.03x.
    A worker waits for its next job while the server answers the last one, and on a shared
    machine the CPU is divided per runnable process: one worker per core leaves cores idle
    in both cases. Each extra worker costs ~60 MB (the OS page cache is shared).
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(2, 2 * cores)


class QueryTimeout(Exception):
    """The query ran past the deadline (its worker was killed) or no worker came free."""


class WorkerCrashed(Exception):
    """The worker died or answered garbage: an engine fault."""


def vet(store: Store, check: Check) -> Verdict:
    """Run the guard on one query, with the engine's parser to word a 400."""
    try:
        checked = guard.inspect(
            check.sparql,
            check.graphs,
            check.default_graphs,
            check.named_graphs,
            store.syntax_error,
        )
    except guard.Refused as err:
        return Verdict(refused=str(err))
    except guard.Malformed as err:
        return Verdict(malformed=str(err), line=err.line, column=err.column)
    return Verdict(checked=checked)


def handle(store: Store, job: Job | Check) -> Outcome | Verdict:
    return vet(store, job) if isinstance(job, Check) else execute(store, job)


def execute(store: Store, job: Job) -> Outcome:
    """Run one job on an open store and write the answer (in a worker, or inline)."""
    graph_format = job.fmt if job.fmt in GRAPH_FORMATS else "turtle"
    try:
        raw = store.query_raw(
            job.sparql,
            graph_format=graph_format,
            max_rows=job.max_rows,
            bindings=job.bindings or None,
            default_graphs=list(job.default_graphs) or None,
            named_graphs=list(job.named_graphs) or None,
            query_dataset=job.query_dataset,
            select_json=job.fmt == "json",
        )
    except StoreError as err:
        return Outcome(error=str(err), syntax=err.syntax)
    return Outcome(body=serialize(raw, job.fmt), truncated=raw.truncated)


# --- the wire: 8-byte length, then a pickle -------------------------------------------------


def write_frame(fd: int, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(HEADER.pack(len(data)) + data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _read_exact(fd: int, n: int, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    while n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise QueryTimeout
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise WorkerCrashed("worker closed its pipe")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int, deadline: float | None = None) -> object:
    (size,) = HEADER.unpack(_read_exact(fd, HEADER.size, deadline))
    return pickle.loads(_read_exact(fd, size, deadline))  # our own child: trusted


# --- the worker process ---------------------------------------------------------------------


def worker_main() -> None:
    """Loop: read a Job, answer an Outcome. Opens each build once; stdout is the wire only."""
    from migkg.store import open_store

    wire_in, wire_out = sys.stdin.fileno(), os.dup(sys.stdout.fileno())
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not corrupt the wire
    store: Store | None = None
    if len(sys.argv) == 3:
        store = open_store(Path(sys.argv[1]), sys.argv[2])
    write_frame(wire_out, READY)
    while True:
        try:
            job = read_frame(wire_in)
        except WorkerCrashed:
            return  # the parent closed the pipe: exit quietly
        assert isinstance(job, Job | Check)
        try:
            if store is None or store.build_id != job.build_id:
                if store is not None:
                    store.close()
                store = open_store(Path(job.build_dir), job.build_id)
            outcome: Outcome | Verdict = handle(store, job)
        except Exception as err:  # a fault is reported, the worker lives on
            outcome = Outcome(error=f"{type(err).__name__}: {err}")
        write_frame(wire_out, outcome)


# --- the parent side ------------------------------------------------------------------------


class Worker:
    def __init__(self, build: tuple[str, str] | None) -> None:
        args = [sys.executable, "-m", "migkg.api.workers", *(build or ())]
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.wire_out = self.proc.stdin.fileno()
        self.wire_in = self.proc.stdout.fileno()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_ready(self, seconds: float) -> None:
        if read_frame(self.wire_in, time.monotonic() + seconds) != READY:
            raise WorkerCrashed("worker did not start")

    def call(self, job: Job | Check, deadline: float) -> Outcome | Verdict:
        try:
            write_frame(self.wire_out, job)
        except OSError as err:
            raise WorkerCrashed(f"worker pipe: {err}") from err
        out = read_frame(self.wire_in, deadline)
        if not isinstance(out, Outcome | Verdict):
            raise WorkerCrashed("worker answered garbage")
        return out

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


class WorkerPool:
    """A fixed number of workers; a job waits for a free one within its own deadline."""

    def __init__(self, size: int, timeout: float, build: tuple[str, str] | None = None) -> None:
        self.size = size
        self.timeout = timeout
        self.build = build
        self.respawns = 0
        self.timeouts = 0
        self.workers: set[Worker] = set()
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._threads = ThreadPoolExecutor(max_workers=size * 2 + 2, thread_name_prefix="wire")
        self._closed = False
        self._spawning: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        await asyncio.gather(*(self._spawn() for _ in range(self.size)))

    async def _spawn(self) -> None:
        loop = asyncio.get_running_loop()
        worker = await loop.run_in_executor(self._threads, Worker, self.build)
        self.workers.add(worker)
        try:
            await loop.run_in_executor(self._threads, worker.wait_ready, 120.0)
        except (QueryTimeout, WorkerCrashed):
            self.workers.discard(worker)
            await loop.run_in_executor(self._threads, worker.kill)
            if self._closed:
                return  # killed by close() while starting
            raise
        if self._closed:
            await loop.run_in_executor(self._threads, worker.kill)
            return
        self._idle.put_nowait(worker)

    async def _replace(self, worker: Worker) -> None:
        """Kill a worker and start another (the kill is synchronous: its CPU stops now)."""
        loop = asyncio.get_running_loop()
        self.workers.discard(worker)
        await loop.run_in_executor(self._threads, worker.kill)
        self.respawns += 1
        if not self._closed:
            task = loop.create_task(self._spawn())
            self._spawning.add(task)  # keep a reference until it is done
            task.add_done_callback(self._spawning.discard)

    async def run(self, job: Job | Check, timeout: float | None = None) -> Outcome | Verdict:
        """The job's outcome; QueryTimeout after `timeout` seconds in all (queue included)."""
        seconds = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + seconds
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=seconds)
        except TimeoutError:
            self.timeouts += 1
            raise QueryTimeout from None
        loop = asyncio.get_running_loop()
        try:
            outcome = await loop.run_in_executor(self._threads, worker.call, job, deadline)
        except QueryTimeout:
            self.timeouts += 1
            await self._replace(worker)
            raise
        except WorkerCrashed:
            await self._replace(worker)
            raise
        except BaseException:  # cancelled mid-call: the worker's state is unknown
            await self._replace(worker)
            raise
        self._idle.put_nowait(worker)
        return outcome

    def stats(self) -> dict[str, object]:
        return {
            "size": self.size,
            "alive": sum(1 for w in self.workers if w.proc.poll() is None),
            "idle": self._idle.qsize(),
            "respawns": self.respawns,
            "timeouts": self.timeouts,
            "pids": sorted(w.pid for w in self.workers),
        }

    async def close(self) -> None:
        self._closed = True
        loop = asyncio.get_running_loop()
        for w in list(self.workers):
            await loop.run_in_executor(self._threads, w.kill)
        self.workers.clear()
        self._threads.shutdown(wait=False)


class InlineRunner:
    """Runs jobs in threads on the app's own store: for an in-memory store (no build dir to
    reopen) or `workers=0`. A timed-out query still gets its 503 but keeps its thread busy
    until it ends: pyoxigraph cannot cancel it. Never used by `migkg serve`."""

    def __init__(self, current_store: Callable[[], Store], timeout: float) -> None:
        self.current_store = current_store
        self.timeout = timeout
        self.timeouts = 0

    async def start(self) -> None:
        return None

    async def run(self, job: Job | Check, timeout: float | None = None) -> Outcome | Verdict:
        loop = asyncio.get_running_loop()
        store = self.current_store()
        future = loop.run_in_executor(None, handle, store, job)
        try:
            return await asyncio.wait_for(future, self.timeout if timeout is None else timeout)
        except TimeoutError:
            self.timeouts += 1
            raise QueryTimeout from None

    def stats(self) -> dict[str, object]:
        return {
            "size": 0,
            "alive": 0,
            "idle": 0,
            "respawns": 0,
            "timeouts": self.timeouts,
            "pids": [],
        }

    async def close(self) -> None:
        return None


if __name__ == "__main__":
    # Run from the imported module, not __main__: pickled Jobs and Outcomes must name
    # migkg.api.workers classes on both sides of the wire.
    from migkg.api.workers import worker_main as main

    main()
