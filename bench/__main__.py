"""`python -m migkg.bench [--sizes 10k,100k,1m] [--reps 20] [--smoke] [--out docs/benchmarks.md]`.

The same entry point as `migkg bench` (migkg/cli/commands/bench.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Kept light: `migkg` imports this module for the arguments at every start; the benchmark's
# imports (httpx, the servers, the generator) wait for execute().
SMOKE = {"reps": 2, "per_client": 1, "rounds": 1, "budget_s": 2.0, "slow_min_reps": 0}


def parse_sizes(text: str) -> list[int]:
    """`10k,100k,1m` -> [10000, 100000, 1000000]."""
    out = []
    for part in text.lower().split(","):
        part = part.strip()
        mult = {"k": 1_000, "m": 1_000_000}.get(part[-1:], 1)
        out.append(int(float(part.rstrip("km")) * mult))
    return out


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sizes", default="10k,100k,1m", help="graph sizes (default 10k,100k,1m)")
    p.add_argument("--reps", type=int, default=20, help="sequential requests (at least 5)")
    p.add_argument("--smoke", action="store_true", help="10k, tiny counts, no corpus build (CI)")
    p.add_argument("--no-corpus", action="store_true", help="skip the corpus build figures")
    p.add_argument("--out", type=Path, default=None, help="write the report here (markdown)")
    p.add_argument("--workdir", type=Path, default=Path("/tmp/migkg-bench"))
    p.add_argument("--budget", type=float, default=30.0, help="seconds per system and figure")


def command_line(args: argparse.Namespace, prog: str) -> str:
    parts = [prog]
    if args.smoke:
        parts.append("--smoke")
    else:
        parts += ["--sizes", args.sizes, "--reps", str(args.reps), "--budget", f"{args.budget:g}"]
        if args.no_corpus:
            parts.append("--no-corpus")
    if args.out:
        parts += ["--out", str(args.out)]
    return " ".join(parts)


def execute(args: argparse.Namespace, prog: str = "migkg bench") -> int:
    from migkg.bench.report import render
    from migkg.bench.run import Plan, run

    if args.smoke:
        plan = Plan(sizes=[10_000], corpus=False, workdir=args.workdir, **SMOKE)  # type: ignore[arg-type]
    else:
        if args.reps < 5:
            print(
                "bench: --reps must be at least 5 (use --smoke for a quick check)", file=sys.stderr
            )
            return 2
        plan = Plan(
            sizes=parse_sizes(args.sizes),
            reps=args.reps,
            budget_s=args.budget,
            corpus=not args.no_corpus,
            workdir=args.workdir,
        )
    figures = run(plan)
    text = render(figures, command_line(args, prog))
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"bench: wrote {args.out}", file=sys.stderr)
    else:
        print(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m migkg.bench", description=__doc__.splitlines()[0])
    add_arguments(p)
    return execute(p.parse_args(argv), "python -m migkg.bench")


if __name__ == "__main__":
    sys.exit(main())
