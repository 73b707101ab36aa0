"""Fixtures for the canned queries: the hand-written fixture graph and one real build per session.

The fixture is TriG (readable, with named graphs); rdflib turns it into N-Quads for the same
embedded store the build uses. The real build goes to a temporary data dir once per session and
is shared by every real-build test (tests/evalscore uses it too, through built_corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

from migkg.settings import Settings, project_root
from migkg.store import OxigraphStore
from migkg.store.base import Store
from migkg.views.queries import CannedQuery, bind_on, canned_queries

DATA = Path(__file__).parent / "data"


def store_from_trig(path: Path) -> OxigraphStore:
    ds = Dataset()
    ds.parse(path, format="trig")
    return OxigraphStore.from_nquads(ds.serialize(format="nquads"), build_id=path.stem)


def run_canned(store: Store, name: str, **params: str) -> list[tuple[str, ...]]:
    """Rows as plain strings ("" for unbound), bound exactly as `migkg query NAME --param`."""
    query: CannedQuery = canned_queries(project_root())[name]
    bindings = bind_on(query, params, store)
    result = store.query(query.text, bindings=bindings)
    return [tuple("" if t is None else str(t) for t in row) for row in result.rows]


@pytest.fixture(scope="session")
def fixture_store() -> OxigraphStore:
    return store_from_trig(DATA / "instruments.trig")


@pytest.fixture(scope="session")
def real_store(real_build: Settings) -> Store:
    from migkg.build.dirs import current_build
    from migkg.store import open_store

    build = current_build(real_build)
    return open_store(build.path, build.id)
