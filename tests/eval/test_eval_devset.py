"""The development set (tests/eval/devset/) is a well-formed whole-corpus reading: every entry
parses, every quote stands verbatim on its line, and the set declares its coverage.

Each file was settled from two independent readings (tests/eval/readings/, agreement figures in
each header); docs/reading.md gives the measured scores. The scores are information, not a gate
here: the figures that count are the independent set's."""

from __future__ import annotations

from pathlib import Path

import pytest

from migkg.evaluation.sets import load_set
from migkg.sources.manifest import load_manifest
from tests.helpers import ROOT

DEVSET = sorted((Path(__file__).parent / "devset").glob("*.yaml"))
READINGS = sorted((Path(__file__).parent / "readings").glob("*.yaml"))


@pytest.mark.parametrize("path", DEVSET + READINGS, ids=lambda p: p.name)
def test_every_quote_is_on_its_line(path: Path) -> None:
    docs = load_manifest(ROOT / "sources", verify=False)
    s = load_set(path, docs)
    assert not s.warnings, s.warnings[:10]
    assert len(s.entries) >= 20


@pytest.mark.parametrize("path", DEVSET, ids=lambda p: p.name)
def test_a_settled_set_declares_its_coverage_and_agreement(path: Path) -> None:
    head = path.read_text(encoding="utf-8").split("\n- ", 1)[0]
    assert "coverage" in head.lower()
    assert "agreement" in head.lower() and "dice" in head.lower()
