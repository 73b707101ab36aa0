"""Convenience triples derived by rule into the derived graph (0003): queries/derive/*.rq.

Each file is a CONSTRUCT over the union of everything built so far; loaders never assert these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from migkg.store import OxigraphStore

if TYPE_CHECKING:
    from migkg.build.context import BuildContext


def derive(ctx: BuildContext, progress: Callable[[str], None]) -> None:
    rules = sorted((ctx.settings.project_dir / "queries" / "derive").glob("*.rq"))
    counts: dict[str, int] = {}
    if rules:
        store = OxigraphStore.from_nquads("".join(ctx.dataset.nquads_lines()))
        graph = ctx.dataset.graph(ctx.iris.graph("derived"))
        for rule in rules:
            result = store.query(rule.read_text(encoding="utf-8"))
            for triple in result.triples:
                graph.add(triple)
            counts[rule.stem] = len(result.triples)
    ctx.report["derived"] = counts
