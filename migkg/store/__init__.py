"""The store interface and its implementations; nothing else imports pyoxigraph."""

from migkg.store.base import QueryResult, Store, StoreError, open_store

__all__ = ["QueryResult", "Store", "StoreError", "open_store"]
