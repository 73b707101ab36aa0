"""The figures README.md and docs/ state, computed from a build, so a test can hold them current.

A figure in a Markdown file is written between two HTML comments, `<!-- fig:NAME -->1,234<!--
/fig -->` (invisible when rendered). `current(store, project)` computes every figure from the
store and `migkg eval` on the project's own hand-read set; `stale(...)` lists the places where a
file says something else, and `python -m migkg.evaluation.figures --write` rewrites them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from migkg.store import Store

FILES = ("README.md", "docs/evaluation.md", "docs/reading.md")
MARK = re.compile(r"<!-- fig:([a-z0-9-]+) -->(.*?)<!-- /fig -->", re.S)
OWN_SET = "tests/eval/own-set.yaml"

# distinct nodes per class across the named graphs (the union default graph repeats a node
# once per graph that holds it)
CLASSES = {
    "passages": "Passage",
    "events": "Event",
    "status-claims": "StatusClaim",
    "instruments": "Instrument",
    "memberships": "MembershipClaim",
    "process-facts": "ProcessFact",
    "mentions": "Mention",
    "documents": "Document",
}


def count(store: Store, cls: str) -> int:
    q = (
        "PREFIX mkg: <https://w3id.org/migkg/ontology#>\n"
        f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a mkg:{cls} }} }}"
    )
    (row,) = store.query(q).rows
    return int(str(row[0]))


def current(store: Store, project: Path) -> dict[str, str]:
    from migkg.evaluation.scoring import evaluate
    from migkg.evaluation.sets import load_set
    from migkg.sources.manifest import load_manifest

    figs = {name: f"{count(store, cls):,}" for name, cls in CLASSES.items()}
    docs = load_manifest(project / "sources", verify=False)
    report = evaluate(load_set(project / OWN_SET, docs), store, project)
    for kind in ("instrument", "process"):
        overall = report[kind]["overall"]
        for match in ("key", "strict"):
            for measure in ("recall", "precision"):
                value = overall[match][measure]["value"]
                figs[f"own-{kind}-{match}-{measure}"] = "n/a" if value is None else f"{value:.3f}"
    return figs


def marked_files(root: Path) -> Iterator[tuple[str, Path, str]]:
    for rel in FILES:
        path = root / rel
        if path.exists():
            yield rel, path, path.read_text(encoding="utf-8")


def stale(root: Path, figs: dict[str, str]) -> list[str]:
    """Every `file: name says X, the build gives Y` (unknown names included)."""
    out = []
    for rel, _path, text in marked_files(root):
        for m in MARK.finditer(text):
            name, said = m.group(1), m.group(2)
            if name not in figs:
                out.append(f"{rel}: unknown figure {name}")
            elif said != figs[name]:
                out.append(f"{rel}: {name} says {said}, the build gives {figs[name]}")
    return out


def write(root: Path, figs: dict[str, str]) -> list[str]:
    changed = []
    for rel, path, text in marked_files(root):
        new = MARK.sub(
            lambda m: f"<!-- fig:{m.group(1)} -->{figs.get(m.group(1), m.group(2))}<!-- /fig -->",
            text,
        )
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(rel)
    return changed


def main(argv: list[str]) -> int:
    from migkg.build.dirs import current_build
    from migkg.settings import Settings
    from migkg.store import open_store

    settings = Settings.from_args(None)
    build = current_build(settings)
    store = open_store(build.path, build.id)
    try:
        figs = current(store, settings.project_dir)
    finally:
        store.close()
    if "--write" in argv:
        print("rewrote:", ", ".join(write(settings.project_dir, figs)) or "nothing")
        return 0
    problems = stale(settings.project_dir, figs)
    print("\n".join(problems) or "every figure is current")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
