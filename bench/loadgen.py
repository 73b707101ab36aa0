"""The load generator: an asyncio httpx client with fixed request counts, bounded in time.

Systems are interleaved request by request (A B A B ...) so that a noisy neighbour, a page-cache
warm-up or thermal drift lands on every system alike. Every request must answer the expected
status; a wrong one is counted as an error, and the figure it belongs to is not reported as a
timing. The client's own CPU time is measured too: on a 2-core machine it competes with the
servers, and a reader should know by how much.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx
import psutil


@dataclass(frozen=True)
class Call:
    """One HTTP GET to repeat: where, with what, and the status it must answer."""

    url: str
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200


@dataclass
class Timings:
    """Latencies (seconds) of one cell, and how many requests failed."""

    samples: list[float] = field(default_factory=list)
    errors: int = 0
    stopped_early: bool = False

    @property
    def n(self) -> int:
        return len(self.samples)

    def summary(self) -> dict[str, float]:
        """Median, p95, min, max and the interquartile spread, in milliseconds."""
        return summarise(self.samples)


def summarise(samples: Sequence[float]) -> dict[str, float]:
    if not samples:
        return {}
    xs = sorted(samples)
    q = statistics.quantiles(xs, n=20, method="inclusive") if len(xs) > 1 else [xs[0]] * 19
    q4 = statistics.quantiles(xs, n=4, method="inclusive") if len(xs) > 1 else [xs[0]] * 3
    return {
        "median_ms": statistics.median(xs) * 1000,
        "p95_ms": q[18] * 1000,
        "min_ms": xs[0] * 1000,
        "max_ms": xs[-1] * 1000,
        "iqr_ms": (q4[2] - q4[0]) * 1000,
    }


class CpuMeter:
    """CPU seconds this process (the load generator) spent between start() and stop()."""

    def __init__(self) -> None:
        self.proc = psutil.Process()
        self.cpu = 0.0
        self.wall = 0.0
        self._t0 = 0.0
        self._c0 = 0.0

    def _cpu(self) -> float:
        t = self.proc.cpu_times()
        return t.user + t.system

    def start(self) -> None:
        self._t0, self._c0 = time.perf_counter(), self._cpu()

    def stop(self) -> None:
        self.wall += time.perf_counter() - self._t0
        self.cpu += self._cpu() - self._c0


def client(connections: int = 8, timeout: float = 300.0) -> httpx.AsyncClient:
    """Keep-alive connections to loopback only; no proxies from the environment."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    return httpx.AsyncClient(limits=limits, timeout=timeout, trust_env=False)


async def once(http: httpx.AsyncClient, call: Call) -> tuple[float, httpx.Response]:
    t0 = time.perf_counter()
    response = await http.get(call.url, params=call.params, headers=call.headers)
    await response.aread()
    return time.perf_counter() - t0, response


async def sequential(
    http: httpx.AsyncClient,
    calls: dict[str, Call],
    reps: dict[str, int],
    budget_s: float,
) -> dict[str, Timings]:
    """One request at a time, systems interleaved; at most reps[name] each, within budget_s.

    The budget bounds the slow systems: a system stops once its own time spent would pass the
    budget, and the figure shows its n.
    """
    out = {name: Timings() for name in calls}
    spent = dict.fromkeys(calls, 0.0)
    for i in range(max(reps.values())):
        for name, call in calls.items():
            if i >= reps[name]:
                continue
            if spent[name] > budget_s:
                out[name].stopped_early = True
                continue
            dt, response = await once(http, call)
            spent[name] += dt
            if response.status_code == call.status:
                out[name].samples.append(dt)
            else:
                out[name].errors += 1
    return out


async def concurrent(
    http: httpx.AsyncClient,
    calls: dict[str, Call],
    clients: int,
    per_client: dict[str, int],
    rounds: int,
    budget_s: float,
) -> dict[str, dict[str, float]]:
    """Throughput with `clients` concurrent clients: rounds of clients x per_client requests.

    Systems alternate round by round (A B A B). Returns, per system, the median throughput over
    rounds (requests per second), the median latency under load and the request count.
    """
    rates: dict[str, list[float]] = {name: [] for name in calls}
    lats: dict[str, list[float]] = {name: [] for name in calls}
    errors = dict.fromkeys(calls, 0)
    spent = dict.fromkeys(calls, 0.0)
    for _ in range(rounds):
        for name, call in calls.items():
            if spent[name] > budget_s or per_client[name] < 1:
                continue

            async def one_client(call: Call = call, name: str = name) -> None:
                for _ in range(per_client[name]):
                    dt, response = await once(http, call)
                    if response.status_code == call.status:
                        lats[name].append(dt)
                    else:
                        errors[name] += 1

            t0 = time.perf_counter()
            await asyncio.gather(*(one_client() for _ in range(clients)))
            wall = time.perf_counter() - t0
            spent[name] += wall
            rates[name].append(clients * per_client[name] / wall)
    out: dict[str, dict[str, float]] = {}
    for name in calls:
        if not rates[name]:
            continue
        out[name] = {
            "rps": statistics.median(rates[name]),
            "rounds": len(rates[name]),
            "n": len(lats[name]),
            "errors": errors[name],
            **{f"load_{k}": v for k, v in summarise(lats[name]).items()},
        }
    return out
