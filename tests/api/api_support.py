"""Helpers for the endpoint tests: a build directory, a uvicorn server, a canary, rdflib.

The server runs in a thread of the test process on a free 127.0.0.1 port with two real worker
processes and a 2 s timeout (tests/api/conftest.py starts one per session).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from rdflib import Graph
from rdflib.term import Node

from migkg.store import build_store

DATA = Path(__file__).parent / "data"
BUILD_ID = "fixture-1"
MAX_ROWS = 20
TIMEOUT = 2.0


def make_build(root: Path, nquads: Path, build_id: str = BUILD_ID) -> Path:
    """A build directory as migkg/build/dirs.py lays it out: graph.nq and an on-disk store/."""
    build = root / "builds" / build_id
    build.mkdir(parents=True)
    shutil.copy(nquads, build / "graph.nq")
    build_store(build / "graph.nq", build / "store")
    return build


@dataclass
class Canary:
    """A loopback TCP listener that refused queries name: it must never be contacted."""

    port: int
    connections: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A uvicorn server in a thread, stopped at the end of the session."""

    def __init__(self, app: object) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.app = app

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(30)


class Reference:
    """rdflib over the exported graph: the engine the endpoint's answers are checked against.

    rdflib's FROM fetching is switched off (SPARQL_LOAD_GRAPHS) so that it, too, never leaves
    the machine; its default graph is the union of the named graphs, as the store's is.
    """

    def __init__(self, nquads: Path) -> None:
        import rdflib.plugins.sparql as rdflib_sparql
        from rdflib import Dataset

        rdflib_sparql.SPARQL_LOAD_GRAPHS = False
        self.ds = Dataset(default_union=True)
        self.ds.parse(nquads, format="nquads")

    def select(self, query: str, bindings: dict[str, object] | None = None) -> list[tuple]:
        res = self.ds.query(query, initBindings=bindings or {})
        return rows_key([row.asdict() for row in res])

    def ask(self, query: str) -> bool:
        return bool(self.ds.query(query).askAnswer)

    def graph(self, query: str) -> Graph:
        g = Graph()
        for t in self.ds.query(query):
            g.add(t)
        return g


def rows_key(rows: list[dict[str, Node]]) -> list[tuple]:
    """Rows as sorted tuples of (variable, N-Triples term): order- and engine-independent."""
    return sorted(
        tuple(sorted((str(k), v.n3()) for k, v in row.items() if v is not None)) for row in rows
    )
