"""The SPARQL 1.1 Protocol's three ways to send a query, read into one object.

GET `?query=`, POST `application/x-www-form-urlencoded` and POST `application/sparql-query`
(with the dataset in the URL). Any other body is 415. An update (`update=` or an
`application/sparql-update` body) is recognised here so that the guard can refuse it with a
clear message instead of a confusing "missing query". The form body is parsed with the
standard library: no python-multipart dependency for one encoding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from starlette.requests import Request

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
MAX_BODY = 1_000_000


class ProtocolError(Exception):
    """A request the protocol does not allow (status 400, 413 or 415)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class SparqlRequest:
    query: str | None = None
    update: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    params: list[tuple[str, str]] = field(default_factory=list)


def _collect(req: SparqlRequest, pairs: list[tuple[str, str]]) -> None:
    for k, v in pairs:
        if k == "query":
            if req.query is not None:
                raise ProtocolError(400, "more than one 'query' parameter")
            req.query = v
        elif k == "update":
            req.update = v
        elif k == "default-graph-uri":
            req.default_graphs.append(v)
        elif k == "named-graph-uri":
            req.named_graphs.append(v)
        elif k == "format":
            req.formats.append(v)
        req.params.append((k, v))


def media_type(header: str | None) -> str:
    return (header or "").split(";", 1)[0].strip().lower()


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused (413) on its Content-Length before a byte is read, and counted while
    it streams in (chunked bodies have no length): never more than `limit` bytes in memory."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isascii() or not declared.isdigit():
            raise ProtocolError(400, f"bad Content-Length {declared!r}")
        if int(declared) > limit:
            raise ProtocolError(413, f"request body larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ProtocolError(413, f"request body larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_request(request: Request) -> SparqlRequest:
    """A SparqlRequest from GET or POST; raises ProtocolError for what the protocol forbids."""
    req = SparqlRequest()
    _collect(req, list(request.query_params.multi_items()))
    if request.method in ("GET", "HEAD"):
        return req
    ctype = media_type(request.headers.get("content-type"))
    body = await read_body(request, MAX_BODY)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "request body is not UTF-8") from None
    if ctype == FORM:
        _collect(req, parse_qsl(text, keep_blank_values=True))
    elif ctype == SPARQL_QUERY:
        if req.query is not None:
            raise ProtocolError(400, "a 'query' parameter and a sparql-query body: send one")
        req.query = text
    elif ctype == SPARQL_UPDATE:
        req.update = text
    else:
        raise ProtocolError(
            415,
            f"unsupported request body {ctype or '(none)'}: send {FORM} or {SPARQL_QUERY}",
        )
    return req
