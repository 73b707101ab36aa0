"""The decision records exist, and the code that implements each one names it."""

from __future__ import annotations

import re

import pytest

from tests.helpers import ROOT

RECORDS = sorted((ROOT / "docs" / "decisions").glob("[0-9][0-9][0-9][0-9]-*.md"))
CODE = [
    p
    for folder in ("migkg", "loaders", "api")
    for p in (ROOT / folder).rglob("*.py")
    if "__pycache__" not in p.parts
]


def test_the_seven_founding_records_exist() -> None:
    numbers = {r.name[:4] for r in RECORDS}
    assert {f"{n:04d}" for n in range(1, 8)} <= numbers


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.name)
def test_each_record_has_alternatives_and_is_named_in_code(record) -> None:  # type: ignore[no-untyped-def]
    text = record.read_text(encoding="utf-8")
    assert "## Decision" in text and "## Alternatives" in text
    number = record.name[:4]
    pattern = re.compile(rf"\b{number}\b|{re.escape(record.stem)}")
    naming = [p.relative_to(ROOT).as_posix() for p in CODE if pattern.search(p.read_text("utf-8"))]
    assert naming, f"no module names decision {record.name}"
