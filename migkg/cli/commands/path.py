"""`migkg path FROM TO`: how two actors are connected in the current build, with evidence.

FROM and TO are names (any label, accents and case ignored), ISO codes or IRIs. An unknown
name exits 2 with close names ("Nigera": did you mean Nigeria, Niger?).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from migkg.settings import MigkgError, Settings


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    from migkg.views.paths import (
        DEFAULT_DEADLINE,
        DEFAULT_LIMIT,
        DEFAULT_MAX_LENGTH,
        MAX_LENGTH_CAP,
    )

    p = sub.add_parser(
        "path",
        parents=[common],
        help="shortest connections between two actors, with their evidence",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    p.add_argument("source", metavar="FROM", help="name, ISO code or IRI")
    p.add_argument("target", metavar="TO", help="name, ISO code or IRI")
    p.add_argument(
        "--max-length",
        type=int,
        default=DEFAULT_MAX_LENGTH,
        help=f"longest path in hops (1-{MAX_LENGTH_CAP}, default {DEFAULT_MAX_LENGTH})",
    )
    p.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, help=f"paths (default {DEFAULT_LIMIT})"
    )
    p.add_argument("--hubs", action="store_true", help="allow paths through the EU")
    p.add_argument("--events", action="store_true", help="allow paths through events")
    p.add_argument("--deadline", type=float, default=DEFAULT_DEADLINE, help="seconds")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_path)


def load_projection(settings: Settings):  # type: ignore[no-untyped-def]
    """The current build's saved projection, or one computed from its store."""
    from migkg.build.dirs import current_build
    from migkg.store import open_store
    from migkg.views.projection import Projection, build_projection

    build = current_build(settings)
    saved = build.path / "projection.json"
    if saved.is_file():
        return Projection.load(saved)
    store = open_store(build.path, build.id)
    try:
        return build_projection(store)
    finally:
        store.close()


def cmd_path(args: argparse.Namespace) -> int:
    from migkg.views.paths import AmbiguousActor, PathError, UnknownActor, find_paths

    projection = load_projection(Settings.from_args(args.data_dir))
    try:
        answer = find_paths(
            projection,
            args.source,
            args.target,
            max_length=args.max_length,
            limit=args.limit,
            deadline=args.deadline,
            hubs=args.hubs,
            events=args.events,
        )
    except (UnknownActor, AmbiguousActor, PathError) as err:
        raise MigkgError(str(err)) from err
    if args.format == "json":
        sys.stdout.write(json.dumps(answer, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render(answer))
    return 0


def _evidence(ev: dict[str, Any]) -> str:
    if "passage" in ev:
        where = f"{ev.get('documentId')} line {ev.get('firstLine')}"
        return f'{where}: "{ev["quote"]}"' if ev.get("quote") else where
    return str(ev.get("source"))


def render(answer: dict[str, Any]) -> str:
    """Plain text: one block per path, one line per relation, evidence indented under it."""
    head = f"{answer['from']['label']} -> {answer['to']['label']}"
    if not answer["paths"]:
        note = {"deadline": " (deadline reached)", "excluded": " (an end is a hub: --hubs)"}
        return (
            f"{head}: no path of at most {answer['maxLength']} hops"
            + note.get(answer["truncated"] or "", "")
            + "\n"
        )
    lines = [head]
    for i, path in enumerate(answer["paths"], start=1):
        names = " - ".join(n["label"] for n in path["nodes"])
        lines.append(f"\n{i}. {names} ({path['length']} hops)")
        for hop in path["hops"]:
            for rel in hop["relations"]:
                period = ""
                if rel.get("start") or rel.get("end"):
                    period = f" [{rel.get('start') or '?'} .. {rel.get('end') or ''}]"
                lines.append(f"   {rel['text']}{period}")
                for ev in rel["evidence"]:
                    lines.append(f"      {_evidence(ev)}")
    if answer["truncated"] == "deadline":
        lines.append("\n(deadline reached: more paths may exist)")
    return "\n".join(lines) + "\n"
