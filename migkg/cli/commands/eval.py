"""`migkg eval FILE.yaml ...`: score the current build against hand-read evaluation sets.

The figures are information, not a gate: the command exits 0 whenever it could score, and 2
(with the file, line and entry id) when a set is malformed or there is no build.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from migkg.settings import MigkgError, Settings

FIGURES = (("key", "recall"), ("key", "precision"), ("strict", "recall"), ("strict", "precision"))


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "eval",
        parents=[common],
        help="score the current build against hand-read evaluation sets (YAML)",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    p.add_argument("files", nargs="+", metavar="FILE.yaml", help="evaluation set(s)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_eval)


def cmd_eval(args: argparse.Namespace) -> int:
    from migkg.build.dirs import current_build
    from migkg.evaluation.scoring import evaluate
    from migkg.evaluation.sets import load_set
    from migkg.sources.manifest import load_manifest
    from migkg.store import open_store

    settings = Settings.from_args(args.data_dir)
    docs = load_manifest(settings.sources_dir, verify=False)
    sets = [load_set(Path(f), docs) for f in args.files]  # all files checked before scoring
    build = current_build(settings)
    store = open_store(build.path, build.id)
    try:
        reports = [evaluate(s, store, settings.project_dir) for s in sets]
    finally:
        store.close()
    if args.format == "json":
        out = json.dumps(reports if len(reports) > 1 else reports[0], indent=2, ensure_ascii=False)
        sys.stdout.write(out + "\n")
    else:
        sys.stdout.write("\n\n".join(render(r) for r in reports) + "\n")
    return 0


def cell(fig: dict[str, Any]) -> str:
    if not fig["total"]:
        return "-  (0/0)"
    lo, hi = fig["interval"]
    return f"{fig['value']:.3f} ({fig['matched']}/{fig['total']}) [{lo:.3f}, {hi:.3f}]"


def table(title: str, part: dict[str, Any]) -> list[str]:
    head = ["document"] + [f"{a} {b}" for a, b in FIGURES]
    rows = [head]
    for name, figs in [*part["documents"].items(), ("overall", part["overall"])]:
        rows.append([name] + [cell(figs[a][b]) for a, b in FIGURES])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [f"{title}:"]
    lines += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return [line.rstrip() for line in lines]


def render(report: dict[str, Any]) -> str:
    e, s = report["entries"], report["scored"]
    lines = [
        f"set {report['set']} on build {report['build']}",
        f"entries: {e['instrument']} instrument ({s['instrument']} scored), "
        f"{e['process']} process ({s['process']} scored), {e['events']} events",
        f"coverage: {', '.join(f'{d} ({len(r)} ranges)' for d, r in report['coverage'].items())}",
        "",
    ]
    for kind in ("instrument", "process"):
        part = report[kind]
        lines += table(f"{kind} facts (95 % Wilson intervals)", part)
        lines.append(
            f"  facts judged for precision: {part['covered_facts']} "
            f"(left out, matching only uncertain entries: "
            f"{part['facts_matching_only_uncertain_entries']})"
        )
        lines.append("")
    if report["events"]:
        lines.append("events tables (events found in the lines / rows read):")
        for ev in report["events"]:
            a, b = ev["lines"]
            lines.append(
                f"  {ev['id']} {ev['source']} {ev['section'] or '-'} lines {a}-{b}: "
                f"{ev['found']}/{ev['expected']}"
            )
        lines.append("")
    for kind in ("instrument", "process"):
        part = report[kind]
        if part["unmatched_entries"]:
            lines.append(f"unmatched {kind} entries ({len(part['unmatched_entries'])}):")
            for u in part["unmatched_entries"]:
                lacks = f"  lacks {u['lacks']}" if u.get("lacks") else ""
                lines.append(f"  [{u['level']}] {u['id']} {u['entry']}{lacks}")
            lines.append("")
        if part["unmatched_facts"]:
            lines.append(f"unmatched extracted {kind} facts ({len(part['unmatched_facts'])}):")
            for u in part["unmatched_facts"]:
                lines.append(f'  [{u["level"]}] {u["fact"]}  "{u["quote"][:80]}"')
            lines.append("")
    if report["unscored"]:
        lines.append(f"not scored ({len(report['unscored'])}):")
        lines += [f"  {u['id']}: {u['why']}" for u in report["unscored"]]
        lines.append("")
    if report["warnings"]:
        lines.append(f"warnings ({len(report['warnings'])}):")
        lines += [f"  {w}" for w in report["warnings"]]
    return "\n".join(lines).rstrip()


__all__ = ["MigkgError", "cmd_eval", "register", "render"]
