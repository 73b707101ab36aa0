"""The benchmark on the 10k graph with tiny counts: every system answers, every answer agrees.

CI's guard that `migkg bench` still runs end to end (real servers on loopback: `migkg serve`
with its workers, the bare pyoxigraph baseline, rdflib-endpoint). No timing is asserted: the
figures belong in docs/benchmarks.md, not in a pass/fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from migkg.bench.report import render
from migkg.bench.run import BASELINE, QUERIES, RDFLIB, SERVICE, SERVICE_CANNED, Plan, run

pytest.importorskip("rdflib_endpoint", reason="rdflib-endpoint is a test dependency of bench")

# Rows of each canned query on the seed-20261123 10k graph (asOf 2025-03-31; events in 2024).
EXPECTED_ROWS = {
    "instrument-status": 114,
    "readmission-without-frontex-status": 4,
    "process-members": 240,
    "events": 5,
}


@pytest.mark.slow
def test_bench_smoke_every_system_present_and_parity_passed(tmp_path: Path) -> None:
    plan = Plan(
        sizes=[10_000],
        reps=2,
        per_client=1,
        rounds=1,
        budget_s=2.0,
        slow_min_reps=0,
        corpus=False,
        workdir=tmp_path,
    )
    figures = run(plan)
    (size,) = figures["sizes"]
    assert size.quads == 9_971
    assert set(size.start) == {SERVICE, BASELINE, RDFLIB}
    assert set(size.queries) == set(QUERIES)
    for name, record in size.queries.items():
        assert record["rows"] == EXPECTED_ROWS[name], name
        assert record["parity"] == dict.fromkeys(
            (SERVICE_CANNED, SERVICE, BASELINE, RDFLIB), "ok"
        ), name
        for system in (SERVICE_CANNED, SERVICE, BASELINE):
            assert record["sequential"][system]["n"] == 2, (name, system)
            assert record["sequential"][system]["errors"] == 0, (name, system)
    assert size.cache["304"]["n"] == 2 and size.cache["304"]["errors"] == 0
    assert set(size.views) == {"path", "network/processes"}
    text = render(figures, "migkg bench --smoke")
    assert "| instrument-status | 114 |" in text
    assert text.count("all equal") == len(QUERIES)
    assert "rdflib-endpoint" in text and "bare pyoxigraph ASGI" in text
