"""`migkg bench`: the benchmarks of docs/benchmarks.md (code: `bench/`, installed as migkg.bench).

Only the `bench` extra's packages (psutil, rdflib-endpoint) are needed to run them; without them
the command says which extra to install instead of failing on an import.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "bench",
        help="benchmark the service against a bare pyoxigraph app and rdflib-endpoint",
        description=(
            "Corpus build, load, canned queries (sequential and 8 clients), graph views and "
            "the 304 path, at each synthetic graph size; writes docs/benchmarks.md with --out."
        ),
    )
    from migkg.bench.__main__ import add_arguments

    add_arguments(p)
    p.set_defaults(func=cmd_bench)


def cmd_bench(args: argparse.Namespace) -> int:
    from migkg.settings import MigkgError

    try:
        from migkg.bench.__main__ import execute
    except ModuleNotFoundError as err:
        raise MigkgError(f"migkg bench needs {err.name}: pip install 'migkg[bench]'") from err
    return execute(args, "migkg bench")
