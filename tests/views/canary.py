"""A loopback canary: proves that parsing a dump fetches nothing.

Any HTTP(S) fetch made while the canary is active goes to a TCP listener on 127.0.0.1 (through
the proxy environment variables every HTTP client here honours), and pyld's document loader is
replaced by one that records and refuses every URL. A test asserts both stayed silent.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from pyld import jsonld


@dataclass
class Canary:
    port: int
    connections: list[tuple[str, int]] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)


@contextlib.contextmanager
def loopback_canary() -> Iterator[Canary]:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.05)
    canary = Canary(listener.getsockname()[1])
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, addr = listener.accept()
            except (TimeoutError, OSError):
                continue
            canary.connections.append(addr)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()

    def refuse(url: str, options: object = None) -> dict[str, object]:
        canary.fetched.append(url)
        raise jsonld.JsonLdError(
            "network access refused in tests",
            "loading document failed",
            code="loading document failed",
        )

    proxy = f"http://127.0.0.1:{canary.port}"
    saved = {
        k: os.environ.get(k)
        for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY")
    }
    old_loader = jsonld.get_document_loader()
    for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        os.environ[k] = proxy
    for k in ("no_proxy", "NO_PROXY"):
        os.environ.pop(k, None)
    jsonld.set_document_loader(refuse)
    try:
        yield canary
    finally:
        jsonld.set_document_loader(old_loader)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        stop.set()
        thread.join(timeout=2)
        # a connection still in the backlog (a loaded machine) counts too
        listener.setblocking(False)
        with contextlib.suppress(BlockingIOError, OSError):
            while True:
                conn, addr = listener.accept()
                canary.connections.append(addr)
                conn.close()
        listener.close()
