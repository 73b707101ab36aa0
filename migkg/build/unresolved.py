"""docs/unresolved.md: the reviewed list of names the linker could not resolve, refreshed.

Runs the build's stages up to linking, so it sits above the pipeline and not inside the link
stage (which the pipeline imports).
"""

from __future__ import annotations

import sys
from pathlib import Path

from migkg.build.context import BuildContext
from migkg.build.link import parse_unresolved, render_unresolved
from migkg.build.pipeline import STAGES
from migkg.iris import Iris
from migkg.rdf.quads import Quads
from migkg.settings import Settings, project_root
from migkg.sources.manifest import load_manifest


def refresh_unresolved(path: Path, project: Path) -> int:
    """Rewrite the table of a reviewed list (docs/unresolved.md) from the corpus as it links now.

    Runs the build's stages up to linking (no store, no data dir), keeps the text above the
    table and every review note whose name is still listed; returns the number of rows.
    """
    settings = Settings(data_dir=project / "data", project_dir=project)
    ctx = BuildContext(
        settings, Iris(settings.base_iri), Quads(), load_manifest(settings.sources_dir)
    )
    for name, stage in STAGES:
        stage(ctx, lambda _m: None)
        if name == "link":
            break
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    head = old.split("\n| name |", 1)[0].rstrip("\n") + "\n\n" if old else ""
    reviews = {row["name"]: row.get("review", "") for row in parse_unresolved(old)}
    rows: list[dict[str, object]] = ctx.report["unresolved"]  # type: ignore[assignment]
    path.write_text(head + render_unresolved(rows, reviews), encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/unresolved.md")
    print(f"{target}: {refresh_unresolved(target, project_root())} unresolved names")
