"""Issue 13 item 9: client limits are 400s, and a request has one deadline.

Deep nesting used to reach rdflib's recursive parser and come back as a 500 ("the query checker
failed", a RecursionError); a long expression cost a full timeout to parse; and a query got one
full deadline for its check and another for its run.
"""

from __future__ import annotations

import time

import httpx
import pytest

from migkg.api.workers import Check, Job

CSV = {"Accept": "text/csv"}


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 25 + "?o" + ")" * 25 + ") }",
        "SELECT * WHERE " + "{ " * 40 + "?s ?p ?o" + " }" * 40,
    ],
    ids=["25-parentheses", "40-groups"],
)
def test_item09_deep_nesting_is_400_not_500(client: httpx.Client, query: str) -> None:
    r = client.get("/sparql", params={"query": query}, headers=CSV)
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["status"] == 400 and "deep" in body["error"]
    assert body["requestId"] == r.headers["x-request-id"]


def test_item09_recursion_without_brackets_is_400(client: httpx.Client) -> None:
    """300 unary negations nest the parser without a bracket: still a 400, never a 500."""
    q = "ASK { ?s ?p ?o FILTER(" + "!" * 300 + "BOUND(?o)) }"
    r = client.get("/sparql", params={"query": q}, headers=CSV)
    assert r.status_code == 400, r.text
    assert r.json()["status"] == 400


def test_item09_nesting_within_the_limit_still_runs(client: httpx.Client) -> None:
    q = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 10 + "?o = ?o" + ")" * 10 + ") } LIMIT 1"
    assert client.get("/sparql", params={"query": q}, headers=CSV).status_code == 200


def test_item09_oversized_query_is_400_before_parsing(client: httpx.Client) -> None:
    """40 KB of expression: refused on its size in the error shape, never parsed."""
    expr = " || ".join(f"?o = {i}" for i in range(4000))
    q = f"SELECT * WHERE {{ ?s ?p ?o FILTER({expr}) }}"
    assert len(q) > 40_000
    r = client.post("/sparql", data={"query": q}, headers=CSV)
    assert r.status_code == 400, r.text
    assert "characters" in r.json()["error"]
    assert r.json()["status"] == 400


class Recording:
    """The app's real runner, noting when each job was handed over and with what timeout."""

    def __init__(self, runner: object) -> None:
        self.runner = runner
        self.calls: list[tuple[str, float, float | None]] = []

    def __getattr__(self, name: str) -> object:
        return getattr(self.runner, name)

    async def run(self, job: object, timeout: float | None = None) -> object:
        self.calls.append((type(job).__name__, time.monotonic(), timeout))
        return await self.runner.run(job, timeout)  # type: ignore[attr-defined]


def test_item09_check_and_run_share_one_deadline(server: object, client: httpx.Client) -> None:
    app = server.app  # type: ignore[attr-defined]
    real = app.state.runner
    spy = Recording(real)
    app.state.runner = spy
    try:
        q = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 2 # one deadline"
        assert client.get("/sparql", params={"query": q}, headers=CSV).status_code == 200
    finally:
        app.state.runner = real
    kinds = [c[0] for c in spy.calls]
    assert kinds == [Check.__name__, Job.__name__]
    (_, t_check, check_timeout), (_, t_job, job_timeout) = spy.calls
    assert check_timeout is not None and job_timeout is not None
    # both end at the request's one deadline (up to the moments between computing the time
    # left and handing the job over); two full deadlines would end a whole timeout apart
    assert abs((t_job + job_timeout) - (t_check + check_timeout)) < 0.25
    assert job_timeout < check_timeout
