"""docs/benchmarks.md from one run's figures: machine, versions, tables, ratios, targets.

Targets are reported against the figures, never asserted. Ratios compare medians measured in
the same run on the same graph; a system whose rows differ from the reference is shown as a
parity failure and gets no timing.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata as md
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

import psutil

from migkg.bench.run import BASELINE, QUERIES, RDFLIB, SERVICE, SERVICE_CANNED, SizeResult

SYSTEMS = (SERVICE_CANNED, SERVICE, BASELINE, RDFLIB)
LABEL = {
    SERVICE_CANNED: "migkg `/queries/{name}`",
    SERVICE: "migkg `/sparql`",
    BASELINE: "bare pyoxigraph ASGI",
    RDFLIB: "rdflib-endpoint",
}
PACKAGES = ("pyoxigraph", "rdflib", "rdflib-endpoint", "fastapi", "uvicorn", "httpx", "psutil")


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "commit": commit or "unknown",
    }


def versions() -> str:
    out = []
    for name in ("migkg", *PACKAGES):
        try:
            out.append(f"{name} {md.version(name)}")
        except md.PackageNotFoundError:
            out.append(f"{name} (not installed)")
    return ", ".join(out)


def size_label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def ms(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.1f}" if x < 100 else f"{x:.0f}"


def mb(x: int | None) -> str:
    return "-" if not x else f"{x / 2**20:.0f} MB"


def cell(stats: dict[str, Any] | None) -> str:
    if not stats or "median_ms" not in stats:
        return "-"
    return (
        f"{ms(stats['median_ms'])} (p95 {ms(stats['p95_ms'])}, IQR {ms(stats['iqr_ms'])}, "
        f"n={stats['n']})"
    )


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def corpus_section(c: Any) -> list[str]:
    lines = ["## 1. Corpus build (`migkg build --force`, cold interpreter)", ""]
    if c is None:
        return [*lines, "Not run (`--no-corpus` or `--smoke`).", ""]
    if c.error:
        lines += [f"**The build failed**: {c.error}", ""]
        if c.peak_rss:
            lines += [f"Peak RSS until then: {mb(max(c.peak_rss))}.", ""]
        return lines
    total = sum(c.timings.values()) or 1.0
    runs = ", ".join(f"{r:.2f}" for r in c.runs)
    target = "met" if c.median_s is not None and c.median_s <= 5 else "**missed**"
    lines += [
        f"- wall clock, median of {len(c.runs)}: **{c.median_s:.2f} s** (runs: {runs} s); "
        f"target under 5 s: {target}",
        f"- peak RSS (process tree, sampled): {mb(max(c.peak_rss))}; kernel high-water mark of "
        f"children: {mb(c.maxrss_children)}",
        f"- quads: {c.quads}",
        "",
        "| stage | seconds | share |",
        "|---|---:|---:|",
    ]
    for stage, secs in sorted(c.timings.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {stage} | {secs:.2f} | {100 * secs / total:.0f}% |")
    lines += ["", "Artefacts: " + ", ".join(f"`{k}` {v:,} B" for k, v in c.artefacts.items()), ""]
    return lines


def workers_label(sizes: list[SizeResult]) -> str:
    counts = sorted({s.workers for s in sizes if s.workers})
    return "/".join(str(n) for n in counts) or "?"


def load_section(sizes: list[SizeResult]) -> list[str]:
    lines = [
        "## 2. Load time and memory at each size",
        "",
        "Bulk load: N-Quads into the on-disk store, what `migkg build` does once per build; "
        "projection: the networkx projection the build saves for /path and /network "
        "(`projection.json`). Ready: process start to the first 200 from its health check (the "
        f"service with its default pool of {workers_label(sizes)} workers up). RSS: whole process "
        "tree (server + workers) when ready, and peak over the run.",
        "",
        "| size | quads | bulk load | projection | system | ready | RSS ready | peak RSS |",
        "|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for s in sizes:
        for name, st in s.start.items():
            lines.append(
                f"| {size_label(s.target)} | {s.quads:,} | {s.bulk_load_s:.1f} s "
                f"| {s.projection_s:.1f} s | {LABEL[name]} "
                f"| {st['ready_s']:.2f} s | {mb(st['rss_ready'])} | {mb(s.peak_rss.get(name))} |"
            )
    return [*lines, ""]


def query_section(sizes: list[SizeResult]) -> list[str]:
    lines = [
        "## 3. Canned queries over HTTP",
        "",
        "Sequential latency in ms: median (p95, interquartile range, n requests). Systems "
        "interleaved request by request. Parity: each system's rows compared with the service's "
        "canned route before its time counts.",
        "",
    ]
    for s in sizes:
        lines += [
            f"### {size_label(s.target)} ({s.quads:,} quads)",
            "",
            "| query | rows | " + " | ".join(LABEL[k] for k in SYSTEMS) + " | parity |",
            "|---|---:|" + "---|" * len(SYSTEMS) + "---|",
        ]
        for name, rec in s.queries.items():
            seq = rec.get("sequential", {})
            cells = [cell(seq.get(k)) if k in rec["parity"] else "not run" for k in SYSTEMS]
            par = ", ".join(f"{k}: {v}" for k, v in rec["parity"].items() if v != "ok")
            lines.append(
                f"| {name} | {rec.get('rows', '-')} | "
                + " | ".join(cells)
                + f" | {par or 'all equal'} |"
            )
        lines += [
            "",
            f"Throughput with {8} concurrent clients (requests/s, median over rounds; latency "
            "under load):",
            "",
            "| query | " + " | ".join(LABEL[k] for k in SYSTEMS) + " |",
            "|---|" + "---|" * len(SYSTEMS),
        ]
        for name, rec in s.queries.items():
            conc = rec.get("concurrent", {})
            cells = []
            for k in SYSTEMS:
                c = conc.get(k)
                cells.append(
                    f"{c['rps']:.1f}/s (median {ms(c.get('load_median_ms'))} ms, n={c['n']})"
                    if c
                    else "-"
                )
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def ratio_section(sizes: list[SizeResult]) -> tuple[list[str], list[str]]:
    """The ratio table and the target verdicts."""
    lines = [
        "## Ratios and targets",
        "",
        "| size | query | added ms vs baseline | ratio vs baseline | throughput vs baseline "
        "| rdflib-endpoint / service |",
        "|---|---|---:|---:|---:|---:|",
    ]
    verdicts: list[str] = []
    for s in sizes:
        for name, rec in s.queries.items():
            seq, conc = rec.get("sequential", {}), rec.get("concurrent", {})
            svc = seq.get(SERVICE_CANNED, {}).get("median_ms")
            base = seq.get(BASELINE, {}).get("median_ms")
            rdf = seq.get(RDFLIB, {}).get("median_ms")
            added = svc - base if svc is not None and base is not None else None
            r = ratio(svc, base)
            tp = ratio(conc.get(SERVICE_CANNED, {}).get("rps"), conc.get(BASELINE, {}).get("rps"))
            vs_rdf = ratio(rdf, svc)
            lines.append(
                f"| {size_label(s.target)} | {name} | {ms(added)} | "
                f"{f'{r:.2f}x' if r else '-'} | {f'{tp:.2f}x' if tp else '-'} | "
                f"{f'{vs_rdf:.0f}x' if vs_rdf else '-'} |"
            )
            tag = f"{size_label(s.target)} {name}"
            if added is not None and r is not None and not (added <= 2 or r <= 1.3):
                verdicts.append(
                    f"{tag}: added latency {added:.1f} ms, ratio {r:.2f}x (target "
                    "<= 2 ms or <= 1.3x) **missed**"
                )
            if tp is not None and tp < 0.8:
                verdicts.append(f"{tag}: throughput {tp:.2f}x baseline (target >= 0.8x) **missed**")
            if vs_rdf is not None and vs_rdf < 30:
                verdicts.append(
                    f"{tag}: {vs_rdf:.0f}x faster than rdflib-endpoint (target >= 30x) **missed**"
                )
            if s.target >= 1_000_000 and svc is not None and svc > 100:
                verdicts.append(f"{tag}: median {svc:.0f} ms at 1M (target < 100 ms) **missed**")
        if s.target >= 1_000_000:
            svc_start = s.start.get(SERVICE, {})
            peak = s.peak_rss.get(SERVICE, 0)
            if svc_start and svc_start["ready_s"] > 15:
                verdicts.append(
                    f"1M: service ready in {svc_start['ready_s']:.1f} s (target < 15 s) **missed**"
                )
            if s.bulk_load_s > 15:
                verdicts.append(
                    f"1M: bulk load {s.bulk_load_s:.0f} s (if 'load' means the build's "
                    "store stage: target < 15 s **missed**)"
                )
            if peak > 1.5 * 2**30:
                verdicts.append(f"1M: service peak RSS {mb(peak)} (target < 1.5 GB) **missed**")
            for view, v in s.views.items():
                if v.get("available") and v.get("median_ms", 0) > 200:
                    verdicts.append(
                        f"1M {view}: {v['median_ms']:.0f} ms (target < 200 ms) **missed**"
                    )
    return [*lines, ""], verdicts


def views_section(sizes: list[SizeResult]) -> list[str]:
    lines = [
        "## 4. Graph views",
        "",
        "| size | view | first request | sequential |",
        "|---|---|---:|---|",
    ]
    for s in sizes:
        for view, v in s.views.items():
            if not v.get("available"):
                lines.append(f"| {size_label(s.target)} | `/{view}` | not available yet | - |")
            elif "error" in v:
                lines.append(f"| {size_label(s.target)} | `/{view}` | {v['error']} | - |")
            else:
                lines.append(
                    f"| {size_label(s.target)} | `/{view}` | {ms(v['first_ms'])} ms | {cell(v)} |"
                )
    return [*lines, ""]


def cache_section(sizes: list[SizeResult]) -> list[str]:
    lines = [
        "## 5. The caching layer: `/queries/instrument-status` answered in full and as 304",
        "",
        "| size | 200 (full answer) | 304 (If-None-Match) |",
        "|---|---|---|",
    ]
    for s in sizes:
        c = s.cache
        if "error" in c:
            lines.append(f"| {size_label(s.target)} | {c['error']} | - |")
        else:
            lines.append(
                f"| {size_label(s.target)} | {cell(c.get('200'))} | {cell(c.get('304'))} |"
            )
    return [*lines, ""]


def render(figures: dict[str, Any], command: str) -> str:
    sizes: list[SizeResult] = figures["sizes"]
    m = machine()
    plan = figures["plan"]
    when = dt.datetime.fromtimestamp(figures["started"], dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    ratios, verdicts = ratio_section(sizes)
    cpu = sum(s.loadgen_cpu_s for s in sizes)
    wall = sum(s.loadgen_wall_s for s in sizes) or 1.0
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `{command}` on {when} (commit {m['commit']}, "
        f"{figures['duration_s']:.0f} s). Reproduce with that command; figures from other "
        "runs are not mixed in.",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM; {m['os']}; Python "
        f"{m['python']}",
        f"- Versions: {versions()}",
        f"- Method: one run, one graph per size, loopback only, systems interleaved (A B A B), "
        f"{plan.reps} sequential requests per system and query (rdflib-endpoint: as many as fit "
        f"{plan.budget_s:g} s, n shown), {plan.clients} concurrent clients x {plan.per_client} "
        f"requests x {plan.rounds} rounds for throughput. The load generator (asyncio + httpx, "
        f"this process) used {cpu:.1f} s of CPU over {wall:.1f} s of measuring "
        f"({100 * cpu / wall:.0f}% of one core) on the same {m['cores']} cores as the servers. "
        "Load average (1, 5, 15 min) at start "
        + ", ".join(f"{x:.1f}" for x in figures["load"][0])
        + " and end "
        + ", ".join(f"{x:.1f}" for x in figures["load"][-1])
        + ": other processes on the machine share the cores; interleaving spreads them over "
        "every system alike, but absolute figures are higher than on an idle machine.",
        "- Graphs: `bench/synthetic.py` (seed "
        f"{plan.seed}): a fixed world (250 countries, 20 processes, 240 memberships) while "
        "passages, instruments, status claims, events and mentions grow.",
        "- Same question everywhere: the service's canned route binds parameters as RDF terms "
        "(`asOf` defaults to the build's `mkg:latestAsOf`, 2025-03-31); the baselines and "
        "migkg `/sparql` get the effective text, with each bound parameter written as `VALUES "
        "?p { term }` at the start of every `WHERE {` and `MINUS {` group "
        "(bench/parity.py). Parameters sent: "
        + "; ".join(f"{k} {v or '(defaults)'}" for k, v in QUERIES.items())
        + ".",
        "- Baseline: bench/baseline_app.py, raw ASGI under uvicorn, pyoxigraph in-process on the "
        "same on-disk store (read-only, union default graph), pyoxigraph's own JSON. "
        "rdflib-endpoint: `rdflib-endpoint serve graph.nq` (an rdflib `Dataset` with "
        "`default_union=True`), at 10k and 100k only.",
        "",
        *corpus_section(figures.get("corpus")),
        *load_section(sizes),
        *query_section(sizes),
        *views_section(sizes),
        *cache_section(sizes),
        *ratios,
        "### Targets missed",
        "",
        *([f"- {v}" for v in verdicts] or ["- none"]),
        "",
    ]
    return "\n".join(lines)
