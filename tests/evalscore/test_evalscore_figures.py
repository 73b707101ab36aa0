"""Every figure README.md and docs/ state is the one the current build gives (issue 14)."""

from __future__ import annotations

from pathlib import Path

from migkg.evaluation.figures import MARK, current, stale, write
from migkg.settings import Settings
from migkg.store import open_store
from tests.helpers import ROOT


def test_readme_and_docs_state_the_builds_figures(real_build: Settings) -> None:
    from migkg.build.dirs import current_build

    build = current_build(real_build)
    store = open_store(build.path, build.id)
    try:
        figs = current(store, ROOT)
    finally:
        store.close()
    assert int(figs["passages"].replace(",", "")) > 0
    problems = stale(ROOT, figs)
    assert not problems, "run `python -m migkg.evaluation.figures --write`:\n" + "\n".join(problems)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert {"passages", "status-claims", "own-instrument-key-recall"} <= {
        m.group(1) for m in MARK.finditer(readme)
    }


def test_a_stale_figure_is_found_and_rewritten(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("holds <!-- fig:passages -->12<!-- /fig --> passages\n")
    figs = {"passages": "4,000"}
    assert stale(tmp_path, figs) == ["README.md: passages says 12, the build gives 4,000"]
    assert write(tmp_path, figs) == ["README.md"]
    assert stale(tmp_path, figs) == []
    assert "<!-- fig:passages -->4,000<!-- /fig -->" in (tmp_path / "README.md").read_text()
