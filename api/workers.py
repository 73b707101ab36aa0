"""Queries run in worker processes that can be killed: pyoxigraph cannot cancel a query.

A query left running in a thread keeps a core busy after its client is gone; a process can be
killed. Each worker is `python -m migkg.api.workers`, holding the current build's store open
read-only (reopened when a job names another build, which is how SIGHUP reloads reach it). The
parent speaks to it over stdin/stdout with length-prefixed pickles; the waiting happens in a
thread so the event loop never blocks. At the deadline the worker gets SIGKILL, the request a
503, and a fresh worker takes its place. Figures: docs/decisions/0009-query-workers.md.

Hardening (issue 13, docs/security.md): the parent watches each busy worker's RSS and kills it
over `max_worker_mb` (503 with its own message); a worker dies with its server (the kernel's
parent-death signal); a worker found dead is replaced and the job retried once; a job whose
client went away (ClientGone, fed by the app's middleware) stops and frees its worker; a job
that finds every worker busy waits in a queue of `queue_limit` for `queue_wait` seconds at
most, then is told the service is busy, not that its query was stopped.
"""

from __future__ import annotations

import asyncio
import contextvars
import ctypes
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from migkg.api import guard
from migkg.api.guard import Checked
from migkg.api.results import GRAPH_FORMATS, serialize
from migkg.store.base import Store, StoreError, Term

HEADER = struct.Struct("!Q")
READY = "ready"
PARENT_ENV = "MIGKG_WORKER_PARENT"
PR_SET_PDEATHSIG = 1
WATCH_EVERY = 0.1  # seconds between RSS checks of a busy worker
DEFAULT_MAX_WORKER_MB = 768
# Set per request by the app's middleware: waits until the request's client has gone away.
CLIENT_GONE: contextvars.ContextVar[Callable[[], Awaitable[None]] | None] = contextvars.ContextVar(
    "client_gone", default=None
)


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
    """The query ran past the deadline (its worker was killed)."""


class WorkerCrashed(Exception):
    """The worker died or answered garbage: an engine fault."""


class Unavailable(Exception):
    """503 with the message given: the service, not the query's running time, is the cause."""


class PoolBusy(Unavailable):
    """Every worker was busy and the queue full, or no worker came free in `queue_wait`: the
    request never reached a worker, so it must not be told its query was stopped."""


class MemoryExceeded(Unavailable):
    """The worker's RSS passed the limit: it was killed."""


class ClientGone(Exception):
    """The client closed the connection while its job ran: the worker was freed."""


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


def _read_exact(
    fd: int, n: int, deadline: float | None, watch: Callable[[], None] | None = None
) -> bytes:
    chunks: list[bytes] = []
    while n:
        while deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise QueryTimeout
            if select.select([fd], [], [], min(left, WATCH_EVERY))[0]:
                break
            if watch is not None:
                watch()
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise WorkerCrashed("worker closed its pipe")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_frame(
    fd: int, deadline: float | None = None, watch: Callable[[], None] | None = None
) -> object:
    (size,) = HEADER.unpack(_read_exact(fd, HEADER.size, deadline, watch))
    return pickle.loads(_read_exact(fd, size, deadline))  # our own child: trusted


# --- the worker process ---------------------------------------------------------------------


def die_with_parent() -> None:
    """Ask the kernel for SIGKILL when the server dies (Linux prctl PR_SET_PDEATHSIG), so that
    a `kill -9` of the server cannot leave a runaway query burning a core; then check that
    the parent did not die before the request took effect."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the pipe's EOF still ends an idle worker
        pass
    parent = os.environ.get(PARENT_ENV)
    if parent and os.getppid() != int(parent):
        os._exit(0)


def worker_main() -> None:
    """Loop: read a Job, answer an Outcome. Opens each build once; stdout is the wire only."""
    from migkg.store import open_store

    die_with_parent()
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
    def __init__(self, build: tuple[str, str] | None, max_mb: int = DEFAULT_MAX_WORKER_MB) -> None:
        args = [sys.executable, "-m", "migkg.api.workers", *(build or ())]
        env = {**os.environ, PARENT_ENV: str(os.getpid())}
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.wire_out = self.proc.stdin.fileno()
        self.wire_in = self.proc.stdout.fileno()
        self.max_bytes = max_mb * 1024 * 1024
        self._ps = psutil.Process(self.proc.pid)

    def watch(self) -> None:
        """Called while the worker is busy: over the memory limit, kill it now."""
        try:
            rss = self._ps.memory_info().rss
        except psutil.Error:
            return  # gone: the read sees the closed pipe
        if rss > self.max_bytes:
            self.proc.kill()
            raise MemoryExceeded(
                f"the query needed more than {self.max_bytes // (1024 * 1024)} MB of memory "
                "and was stopped; narrow it (LIMIT, fewer variables, no cross products) or "
                "use the downloadable dumps"
            )

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
        out = read_frame(self.wire_in, deadline, self.watch)
        if not isinstance(out, Outcome | Verdict):
            raise WorkerCrashed("worker answered garbage")
        return out

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()

    def stop(self) -> None:
        """Kill without closing the pipes: a thread may still be reading them."""
        self.proc.kill()


class WorkerPool:
    """A fixed number of workers; a job waits for a free one in a bounded queue."""

    def __init__(
        self,
        size: int,
        timeout: float,
        build: tuple[str, str] | None = None,
        *,
        max_worker_mb: int = DEFAULT_MAX_WORKER_MB,
        queue_limit: int | None = None,
        queue_wait: float | None = None,
    ) -> None:
        self.size = size
        self.timeout = timeout
        self.build = build
        self.max_worker_mb = max_worker_mb
        self.queue_limit = 4 * size if queue_limit is None else queue_limit
        self.queue_wait = min(timeout, 5.0) if queue_wait is None else queue_wait
        self.respawns = 0
        self.timeouts = 0
        self.busy_refusals = 0
        self.memory_kills = 0
        self.client_gone = 0
        self.retries = 0
        self.waiting = 0
        self.workers: set[Worker] = set()
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._threads = ThreadPoolExecutor(max_workers=size * 2 + 2, thread_name_prefix="wire")
        self._closed = False
        self._spawning: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        await asyncio.gather(*(self._spawn() for _ in range(self.size)))

    async def _spawn(self) -> None:
        loop = asyncio.get_running_loop()
        # Started from the event loop's thread, which lives as long as the server: the
        # parent-death signal fires when the *thread* that forked the worker ends.
        worker = Worker(self.build, self.max_worker_mb)
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

    def _respawn(self) -> None:
        self.respawns += 1
        if not self._closed:
            task = asyncio.get_running_loop().create_task(self._spawn())
            self._spawning.add(task)  # keep a reference until it is done
            task.add_done_callback(self._spawning.discard)

    async def _replace(self, worker: Worker) -> None:
        """Kill a worker and start another (the kill is synchronous: its CPU stops now)."""
        self.workers.discard(worker)
        await asyncio.get_running_loop().run_in_executor(self._threads, worker.kill)
        self._respawn()

    async def _take(self, deadline: float) -> Worker:
        """A live idle worker, waiting in the queue until `deadline`; PoolBusy otherwise."""
        if self._idle.empty() and self.waiting >= self.queue_limit:
            self.busy_refusals += 1
            raise PoolBusy(
                f"all {self.size} query workers are busy and {self.waiting} requests are "
                "waiting; try again in a few seconds"
            )
        self.waiting += 1
        try:
            while True:
                left = deadline - time.monotonic()
                try:
                    worker = await asyncio.wait_for(self._idle.get(), timeout=max(left, 0))
                except TimeoutError:
                    self.busy_refusals += 1
                    raise PoolBusy(
                        f"all {self.size} query workers stayed busy for {self.queue_wait:g} s; "
                        "the query was not started: try again in a few seconds"
                    ) from None
                if worker.proc.poll() is None:
                    return worker
                await self._replace(worker)  # killed while idle: take another
        finally:
            self.waiting -= 1

    async def run(self, job: Job | Check, timeout: float | None = None) -> Outcome | Verdict:
        """The job's outcome. QueryTimeout after `timeout` seconds of running; PoolBusy when no
        worker came free; MemoryExceeded; ClientGone; WorkerCrashed after one retry."""
        seconds = self.timeout if timeout is None else timeout
        for attempt in (0, 1):
            worker = await self._take(time.monotonic() + min(self.queue_wait, seconds))
            try:
                return await self._call(worker, job, time.monotonic() + seconds)
            except WorkerCrashed:
                if attempt:
                    raise
                self.retries += 1  # found dead (or died): once more on another worker
        raise AssertionError("unreachable")

    async def _call(self, worker: Worker, job: Job | Check, deadline: float) -> Outcome | Verdict:
        loop = asyncio.get_running_loop()
        call = loop.run_in_executor(self._threads, worker.call, job, deadline)
        gone_wait = CLIENT_GONE.get()
        gone = loop.create_task(gone_wait()) if gone_wait is not None else None
        try:
            waits: set[asyncio.Future[object]] = {call, *((gone,) if gone else ())}
            done, _ = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            if call not in done:  # the client went away: free the worker now
                self.client_gone += 1
                worker.stop()
                self.workers.discard(worker)
                call.add_done_callback(lambda _f: worker.kill())
                self._respawn()
                raise ClientGone
            outcome = call.result()
        except QueryTimeout:
            self.timeouts += 1
            await self._replace(worker)
            raise
        except MemoryExceeded:
            self.memory_kills += 1
            await self._replace(worker)
            raise
        except WorkerCrashed:
            await self._replace(worker)
            raise
        except ClientGone:
            raise
        except BaseException:  # cancelled mid-call: the worker's state is unknown
            worker.stop()
            self.workers.discard(worker)
            call.add_done_callback(lambda _f: worker.kill())
            self._respawn()
            raise
        finally:
            if gone is not None:
                gone.cancel()
        self._idle.put_nowait(worker)
        return outcome

    def stats(self) -> dict[str, object]:
        return {
            "size": self.size,
            "alive": sum(1 for w in self.workers if w.proc.poll() is None),
            "idle": self._idle.qsize(),
            "respawns": self.respawns,
            "timeouts": self.timeouts,
            "busy": self.busy_refusals,
            "memoryKills": self.memory_kills,
            "clientGone": self.client_gone,
            "retries": self.retries,
            "waiting": self.waiting,
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
            "busy": 0,
            "memoryKills": 0,
            "clientGone": 0,
            "retries": 0,
            "waiting": 0,
            "pids": [],
        }

    async def close(self) -> None:
        return None


if __name__ == "__main__":
    # Run from the imported module, not __main__: pickled Jobs and Outcomes must name
    # migkg.api.workers classes on both sides of the wire.
    from migkg.api.workers import worker_main as main

    main()
