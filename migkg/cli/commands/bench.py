"""`migkg bench`: the benchmarks of docs/benchmarks.md (the code lives in the checkout's bench/).

bench/ is not installed with the package (it starts servers and generates large graphs: a
developer's tool), so the command puts the checkout on sys.path and runs it from there.
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "bench",
        help="benchmark the service against a bare pyoxigraph app and rdflib-endpoint",
        description=(
            "Corpus build, load, canned queries (sequential and 8 clients), graph views and "
            "the 304 path, at each synthetic graph size; writes docs/benchmarks.md with --out."
        ),
    )
    from migkg.settings import MigkgError, project_root

    try:
        root = str(project_root())
    except MigkgError:
        return  # not in a checkout: no bench/ to run
    sys.path.insert(0, root)
    try:
        from migkg.bench.__main__ import add_arguments
    finally:
        sys.path.remove(root)
    add_arguments(p)
    p.set_defaults(func=cmd_bench)


def cmd_bench(args: argparse.Namespace) -> int:
    from migkg.settings import project_root

    root = str(project_root())
    if root not in sys.path:
        sys.path.insert(0, root)
    from migkg.bench.__main__ import execute

    return execute(args, "migkg bench")
