"""Issue 13, item 6: the body cap is enforced before the body is in memory: refused on its
Content-Length before a byte is read, and counted while a chunked body streams in."""

from __future__ import annotations

import select
import socket

from migkg.api.protocol import MAX_BODY
from tests.api.api_support import Server


def response_head(s: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def test_item6_declared_length_refused_before_reading(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 1000000000\r\n\r\nASK {}"
        )  # 1 GB announced, 6 bytes sent: the answer must come without waiting for the rest
        head = response_head(s)
    assert head.startswith(b"HTTP/1.1 413"), head[:200]


def test_item6_chunked_body_counted_while_streaming(server: Server) -> None:
    chunk = b"x" * 65536
    frame = b"%x\r\n%s\r\n" % (len(chunk), chunk)
    sent = 0
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        answered = False
        while sent < 200 * MAX_BODY:  # 200 MB unless the server answers first
            if select.select([s], [], [], 0)[0]:
                answered = True
                break
            try:
                s.sendall(frame)
            except OSError:  # the server closed the connection after its answer
                answered = True
                break
            sent += len(chunk)
        assert answered, "the server read 200 MB without answering"
        head = response_head(s)
    assert head.startswith(b"HTTP/1.1 413"), head[:200]
    assert sent < 20 * MAX_BODY  # stopped near the cap (plus what the sockets buffer)
