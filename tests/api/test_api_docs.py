"""docs/api.md is true: its curl examples run against the real server, and every route is there.

Each `sh` block is split at its `# -> NNN` comments; each piece runs in bash with
`http://localhost:8000` pointed at the test server, and its last curl must answer NNN.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from fastapi.routing import APIRoute

from migkg.settings import project_root
from tests.api.api_support import Server

DOC = project_root() / "docs" / "api.md"
BLOCK = re.compile(r"```sh\n(.*?)```", re.S)
EXPECT = re.compile(r"^# -> (\d{3})$", re.M)
WRAP = "curl() { command curl -w '\\n%{http_code}' \"$@\"; }\n"


def examples(doc: Path) -> list[tuple[str, int]]:
    out = []
    for block in BLOCK.findall(doc.read_text(encoding="utf-8")):
        pieces = EXPECT.split(block)
        for script, status in zip(pieces[0::2], pieces[1::2], strict=False):
            out.append((script.strip(), int(status)))
    return out


EXAMPLES = examples(DOC)


def test_docs_have_examples() -> None:
    assert len(EXAMPLES) >= 14


@pytest.mark.parametrize("script,status", EXAMPLES, ids=[f"ex{i}" for i in range(len(EXAMPLES))])
def test_curl_example(server: Server, script: str, status: int) -> None:
    code = WRAP + script.replace("http://localhost:8000", server.url)
    run = subprocess.run(["bash", "-c", code], capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == str(status), run.stdout


def test_every_route_is_documented(server: Server) -> None:
    text = DOC.read_text(encoding="utf-8")
    routes = [r for r in server.app.routes if isinstance(r, APIRoute)]  # type: ignore[attr-defined]
    documented = {"/queries/{name:path}": "/queries/{name}"}
    for route in routes:
        if route.path in ("/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"):
            continue
        for method in route.methods:
            heading = f"{method} {documented.get(route.path, route.path)}"
            assert heading in text, f"docs/api.md does not document {heading}"
