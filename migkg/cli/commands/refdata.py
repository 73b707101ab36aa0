"""`migkg refdata`: regenerate graphs/*.ttl from pycountry and graphs/reference/*.yaml.

The reference graphs are generated files under review: run this after editing the YAML (or
after a pycountry upgrade), and `--check` in CI to fail when a committed file is stale.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from migkg.settings import MigkgError, project_root


def cmd_refdata(args: argparse.Namespace) -> int:
    try:
        from migkg.build.refdata import stale, write
    except ModuleNotFoundError as err:
        raise MigkgError(f"migkg refdata needs {err.name}: pip install 'migkg[refdata]'") from err

    project = project_root()
    if args.check:
        names = stale(project)
        if names:
            print(f"stale reference graphs: {', '.join(names)}; run `migkg refdata`")
            return 1
        print("reference graphs are up to date")
        return 0
    out = Path(args.output) if args.output else None
    changed = write(project, out)
    where = out or project / "graphs"
    print(f"wrote {len(changed)} changed file(s) to {where}: {', '.join(changed) or 'none'}")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "refdata",
        help="regenerate the reference graphs graphs/*.ttl from pycountry and graphs/reference/",
    )
    p.add_argument("--check", action="store_true", help="exit 1 if a generated file is stale")
    p.add_argument("-o", "--output", help="write to this folder instead of graphs/")
    p.set_defaults(func=cmd_refdata)
