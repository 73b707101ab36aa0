"""The real corpus build from a cold interpreter: wall clock, peak RSS, stage shares, artefacts.

`migkg build --force` runs in a subprocess (a fresh interpreter pays its imports, as a user's
does); a thread samples the RSS of its process tree every 50 ms for the peak, and
`resource.getrusage(RUSAGE_CHILDREN)` gives the kernel's own high-water mark as a cross-check.
The stage timings come from the build's report.json.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from migkg.bench.systems import PeakSampler, migkg_argv


@dataclass
class CorpusBuild:
    """Figures of `runs` builds; `error` is set when a build failed (its figures are partial)."""

    runs: list[float] = field(default_factory=list)
    peak_rss: list[int] = field(default_factory=list)
    maxrss_children: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    artefacts: dict[str, int] = field(default_factory=dict)
    quads: int | None = None
    error: str | None = None

    @property
    def median_s(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None


def artefacts(build_dir: Path) -> dict[str, int]:
    """Every file a build wrote, with its size (the store counted as one folder)."""
    out: dict[str, int] = {}
    for f in sorted(build_dir.rglob("*")):
        if not f.is_file():
            continue
        rel = f.relative_to(build_dir).as_posix()
        key = "store/" if rel.startswith("store/") else rel
        out[key] = out.get(key, 0) + f.stat().st_size
    return out


def measure(data_dir: Path, runs: int = 3) -> CorpusBuild:
    """Build the corpus `runs` times with --force; median wall clock, peak RSS, stage shares."""
    result = CorpusBuild()
    for _ in range(runs):
        argv = [*migkg_argv(), "build", "--force", "--data-dir", str(data_dir)]
        with PeakSampler() as sampler:
            t0 = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            sampler.watch("build", proc.pid)
            _out, err = proc.communicate()
            wall = time.perf_counter() - t0
        result.peak_rss.append(sampler.peak.get("build", 0))
        if proc.returncode != 0:
            lines = [ln for ln in err.decode(errors="replace").splitlines() if ln.strip()]
            result.error = f"exit {proc.returncode} after {wall:.1f} s: " + " / ".join(lines[-3:])
            return result
        result.runs.append(wall)
    result.maxrss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    current = (data_dir / "current").resolve()
    report = json.loads((current / "report.json").read_text(encoding="utf-8"))
    result.timings = {k: float(v) for k, v in report.get("timings", {}).items()}
    result.artefacts = artefacts(current)
    quads = report.get("quads")
    result.quads = int(quads) if isinstance(quads, int) else None
    return result
