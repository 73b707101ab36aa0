"""The minimal baseline: a bare ASGI app handing each query to pyoxigraph in-process.

What a user gets by wrapping the embedded store themselves: no guard, no content negotiation,
no ETag, no worker processes, no row cap. `GET /sparql?query=...` runs the query on the same
on-disk store the service's workers open (read-only; its default graph is the merge of the
named graphs, each triple once) in a thread (pyoxigraph releases the GIL while it evaluates)
and answers pyoxigraph's own SPARQL JSON serialisation. The difference between this and
`migkg serve` is the price of the service.

`python -m migkg.bench.baseline_app STORE_DIR --port 8123` (bench/ may import pyoxigraph for this
baseline only; everything else goes through migkg.store).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

import pyoxigraph as ox

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
JSON = b"application/sparql-results+json"


def run_query(store: ox.Store, query: str) -> bytes:
    """One query, answered as SPARQL JSON by pyoxigraph's own serialiser."""
    result = store.query(query)  # the store's default graph: the build's merge of its graphs
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.N_TRIPLES) or b""
    return result.serialize(format=ox.QueryResultsFormat.JSON) or b""


def create_baseline(store: ox.Store) -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """A raw ASGI app over `store`: /sparql and /health, nothing else."""

    async def respond(send: Send, status: int, body: bytes, media: bytes) -> None:
        headers = [(b"content-type", media), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        path = scope["path"]
        if path == "/health":
            await respond(send, 200, b'{"status": "ok"}', b"application/json")
            return
        if path != "/sparql" or scope["method"] != "GET":
            await respond(send, 404, b"not found", b"text/plain")
            return
        params = parse_qs(scope["query_string"].decode("latin-1"))
        query = params.get("query", [""])[0]
        loop = asyncio.get_running_loop()
        try:
            body = await loop.run_in_executor(None, run_query, store, query)
        except SyntaxError as err:
            await respond(send, 400, str(err).encode(), b"text/plain")
            return
        except (OSError, ValueError, RuntimeError) as err:
            await respond(send, 500, str(err).encode(), b"text/plain")
            return
        await respond(send, 200, body, JSON)

    return app


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("store", help="an on-disk pyoxigraph store (a build's store/ folder)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8123)
    args = p.parse_args(argv)
    store = ox.Store.read_only(args.store)
    print(f"baseline: {len(store)} quads on http://{args.host}:{args.port}/", file=sys.stderr)
    uvicorn.run(create_baseline(store), host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
