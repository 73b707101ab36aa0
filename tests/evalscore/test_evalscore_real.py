"""`migkg eval` on the project's own hand-read set against the real build (slow: one build).

The figures belong to the extractor; what the scorer guarantees is checked exactly (the set's
counts, every events table read in full), and the acceptance thresholds of issue 6 hold.
"""

from __future__ import annotations

import json

import pytest

from migkg.cli import main
from migkg.settings import Settings, project_root
from tests.helpers import built_corpus

pytestmark = pytest.mark.slow
OWN_SET = project_root() / "tests" / "eval" / "own-set.yaml"


@pytest.fixture(scope="module")
def report() -> dict:  # type: ignore[type-arg]
    import contextlib
    import io

    settings: Settings = built_corpus()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["eval", str(OWN_SET), "--format", "json", "--data-dir",
                     str(settings.data_dir)])  # fmt: skip
    assert code == 0
    return json.loads(out.getvalue())


def test_own_set_counts(report: dict) -> None:  # type: ignore[type-arg]
    assert report["entries"] == {"instrument": 239, "process": 24, "events": 5}
    assert report["warnings"] == []


def test_own_set_events_tables_read_in_full(report: dict) -> None:  # type: ignore[type-arg]
    assert [(e["id"], e["found"], e["expected"]) for e in report["events"]] == [
        ("EV001", 14, 14), ("EV002", 21, 21), ("EV003", 21, 21), ("EV004", 20, 20),
        ("EV005", 39, 39),
    ]  # fmt: skip


def test_text_report_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["eval", str(OWN_SET), "--data-dir", str(built_corpus().data_dir)])
    out = capsys.readouterr().out
    assert code == 0
    assert "instrument facts (95 % Wilson intervals):" in out
    assert "  EV002 council-2024-5484 SENEGAL lines 314-336: " in out


def test_acceptance_thresholds(report: dict) -> None:  # type: ignore[type-arg]
    overall = report["instrument"]["overall"]
    assert overall["key"]["recall"]["value"] >= 0.95
    assert overall["key"]["precision"]["value"] >= 0.97
    assert overall["strict"]["recall"]["value"] >= 0.85
