"""The phrase tables of the small fixture dataset, shared by the sentence-rule tests."""

from __future__ import annotations

import pytest

from migkg.extract.instruments import Tables
from tests.facts.facts_fixture import tables


@pytest.fixture(scope="module")
def t() -> Tables:
    return tables()
