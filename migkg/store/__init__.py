"""The store interface and its implementations; nothing else imports pyoxigraph.

Callers import from here (`from migkg.store import ...`), never from an implementation module,
so that a second backend changes no caller.
"""

from pathlib import Path

from migkg.store.base import QueryResult, Store, StoreError
from migkg.store.oxigraph import OxigraphStore, build_store, json_rows_at_most, turtle_tokens


def open_store(build_dir: Path, build_id: str) -> Store:
    """The embedded store of a complete build (the remote backend comes later)."""
    return OxigraphStore.open_build(build_dir, build_id)


__all__ = [
    "OxigraphStore",
    "QueryResult",
    "Store",
    "StoreError",
    "build_store",
    "json_rows_at_most",
    "open_store",
    "turtle_tokens",
]
