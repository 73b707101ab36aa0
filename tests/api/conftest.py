"""Fixtures for the endpoint tests: a real on-disk build, a real uvicorn server, a canary.

The server is session-scoped because starting its two worker processes costs about a second.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from migkg.api.app import ServiceSettings, create_app
from migkg.store import open_store
from tests.api.api_support import (
    BUILD_ID,
    DATA,
    MAX_ROWS,
    TIMEOUT,
    Canary,
    Reference,
    Server,
    make_build,
)


@pytest.fixture(scope="session")
def canary() -> Iterator[Canary]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.settimeout(0.2)
    c = Canary(sock.getsockname()[1])
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            c.connections += 1
            conn.close()

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    yield c
    stop.set()
    t.join(2)
    sock.close()


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_build(tmp_path_factory.mktemp("data"), DATA / "fixture.nq")


@pytest.fixture(scope="session")
def server(fixture_build: Path) -> Iterator[Server]:
    store = open_store(fixture_build, BUILD_ID)
    settings = ServiceSettings(
        max_rows=MAX_ROWS, timeout=TIMEOUT, workers=2, project_dir=DATA, cache_max_age=60
    )
    with Server(create_app(store, settings)) as srv:
        yield srv


@pytest.fixture(scope="session")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


@pytest.fixture(scope="session")
def endpoint(server: Server) -> str:
    return f"{server.url}/sparql"


@pytest.fixture(scope="session")
def reference() -> Reference:
    return Reference(DATA / "fixture.nq")
