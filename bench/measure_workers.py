"""Figures for docs/decisions/0009-query-workers.md: IPC cost, store per worker, RSS with N workers.

`python bench/measure_workers.py /tmp/bench.nq /tmp/bench-build` (the N-Quads from
bench/gen_triples.py). Prints one JSON object; nothing here is asserted, it informs a decision.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

from migkg.api.results import serialize
from migkg.api.workers import Job, WorkerPool
from migkg.store import build_store, open_store

BUILD_ID = "bench-1"
SMALL = "SELECT ?s WHERE { ?s a <https://w3id.org/migkg/ontology#Country> } LIMIT 5"
ROWS = "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } LIMIT 10000"
JOIN = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/migkg/ontology#Event> ; "
    "<https://w3id.org/migkg/ontology#about> ?o . ?o a <https://w3id.org/migkg/ontology#Country> }"
)

LOAD_IN_MEMORY = """
import sys, time, psutil, pyoxigraph as ox
t = time.perf_counter(); s = ox.Store(); s.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
load = time.perf_counter() - t
t = time.perf_counter(); n = list(s.query(sys.argv[2], use_default_graph_as_union=True))
print(load, time.perf_counter() - t, psutil.Process().memory_info().rss)
"""
OPEN_ON_DISK = """
import sys, time, psutil, pyoxigraph as ox
t = time.perf_counter(); s = ox.Store.read_only(sys.argv[1]); open_ = time.perf_counter() - t
t = time.perf_counter(); n = list(s.query(sys.argv[2], use_default_graph_as_union=True))
print(open_, time.perf_counter() - t, psutil.Process().memory_info().rss)
"""


def timed(fn, n: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def ms(xs: list[float]) -> dict[str, float]:
    xs = sorted(xs)
    return {
        "median_ms": round(statistics.median(xs) * 1000, 2),
        "p90_ms": round(xs[int(len(xs) * 0.9)] * 1000, 2),
    }


def subprocess_figures(script: str, *args: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    return [float(x) for x in out.stdout.split()]


async def pool_figures(build: Path, store_direct) -> dict[str, object]:  # type: ignore[no-untyped-def]
    figures: dict[str, object] = {}
    pool = WorkerPool(1, 60.0, (str(build), BUILD_ID))
    await pool.start()
    for name, q, fmt, n in (("small", SMALL, "json", 200), ("10k_rows", ROWS, "json", 20)):
        job = Job(str(build), BUILD_ID, q, fmt, 10000)
        await pool.run(job)  # warm
        via = []
        for _ in range(n):
            t = time.perf_counter()
            await pool.run(job)
            via.append(time.perf_counter() - t)
        direct = timed(
            lambda q=q, fmt=fmt: serialize(store_direct.query_raw(q, max_rows=10000), fmt), n
        )
        figures[name] = {"via_worker": ms(via), "in_process": ms(direct)}
    await pool.close()
    for size in (1, 2, 4):
        pool = WorkerPool(size, 60.0, (str(build), BUILD_ID))
        await pool.start()
        jobs = [Job(str(build), BUILD_ID, q, "json", 10000) for q in (SMALL, ROWS, JOIN)] * size
        await asyncio.gather(*(pool.run(j) for j in jobs))
        procs = [psutil.Process(p) for p in pool.stats()["pids"]]  # type: ignore[union-attr]
        rss = [p.memory_info().rss for p in procs]
        uss = [p.memory_full_info().uss for p in procs]
        figures[f"workers_{size}"] = {
            "rss_mb_each": [round(r / 2**20) for r in rss],
            "uss_mb_total": round(sum(uss) / 2**20),
            "rss_mb_total": round(sum(rss) / 2**20),
        }
        await pool.close()
    return figures


def main() -> None:
    nquads, root = Path(sys.argv[1]), Path(sys.argv[2])
    build = root / "builds" / BUILD_ID
    if not (build / "store").is_dir():
        shutil.rmtree(build, ignore_errors=True)
        build.mkdir(parents=True)
        t = time.perf_counter()
        build_store(nquads, build / "store")
        print(f"bulk load into an on-disk store: {time.perf_counter() - t:.1f} s", file=sys.stderr)
    store = open_store(build, BUILD_ID)
    figures: dict[str, object] = {"quads": store.quad_count()}
    load, query, rss = subprocess_figures(LOAD_IN_MEMORY, str(nquads), JOIN)
    figures["in_memory_worker"] = {
        "load_s": round(load, 1),
        "join_query_s": round(query, 3),
        "rss_mb": round(rss / 2**20),
    }
    open_, query, rss = subprocess_figures(OPEN_ON_DISK, str(build / "store"), JOIN)
    figures["on_disk_worker"] = {
        "open_s": round(open_, 3),
        "join_query_s": round(query, 3),
        "rss_mb": round(rss / 2**20),
    }
    figures.update(asyncio.run(pool_figures(build, store)))
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
