"""`migkg`: build, validate, query, export and serve the graph; path, ingest, eval, bench and more.

User mistakes (a changed source, an unknown query, a bad parameter) print one clear line and
exit 2; only bugs show a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from migkg.settings import MigkgError, Settings

EXPORT_FORMATS = ("nq", "trig", "ttl", "nt", "jsonld")
QUERY_FORMATS = ("table", "csv", "tsv", "json")


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_args(args.data_dir, getattr(args, "base_iri", None))


def cmd_build(args: argparse.Namespace) -> int:
    from migkg.build.pipeline import run_build

    outcome = run_build(_settings(args), force=args.force)
    v = outcome.report.get("validation", {})
    print(
        f"build {outcome.build.id}: {outcome.report['quads']} quads, "
        f"{v.get('violations', 0)} violations, {v.get('warnings', 0)} warnings"
        + (" (reused)" if outcome.reused else "")
    )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:

    from migkg.build.context import stderr_progress
    from migkg.build.dirs import check_complete, current_build
    from migkg.validate.checks import validate_build

    settings = _settings(args)
    build = current_build(settings)
    check_complete(build, deep=True)
    result = validate_build(build.nquads, settings.project_dir, stderr_progress, args.engine)
    print(
        f"build {build.id}: {len(result.violations)} violations, {len(result.warnings)} warnings, "
        f"{len(result.failed_checks)} failing checks, {len(result.report_diffs)} changed reports"
    )
    if result.findings or result.failed_checks or result.report_diffs:
        print(result.summary())
    ok = result.strict_ok() if args.strict else result.ok
    return 0 if ok else 1


def _open_current(settings: Settings):  # type: ignore[no-untyped-def]
    from migkg.build.dirs import current_build
    from migkg.store import open_store

    build = current_build(settings)
    return build, open_store(build.path, build.id)


def resolve_query_text(spec: str, project: Path) -> tuple[str, object | None]:
    """A file path, a canned query name, or inline SPARQL."""
    from migkg.views.queries import canned_queries, load_query

    path = Path(spec)
    if spec.endswith(".rq") and path.is_file():
        try:
            return path.read_text(encoding="utf-8"), load_query(
                path.resolve(), path.resolve().parent
            )
        except MigkgError:
            return path.read_text(encoding="utf-8"), None
    canned = canned_queries(project)
    if spec in canned:
        return canned[spec].text, canned[spec]
    if any(k in spec.upper() for k in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        return spec, None
    raise MigkgError(
        f"{spec!r} is neither a .rq file, a canned query nor SPARQL text; "
        f"canned queries: {', '.join(sorted(canned)) or 'none'}"
    )


def cmd_query(args: argparse.Namespace) -> int:
    from migkg.store import StoreError
    from migkg.views.formats import to_csv, to_json, to_table, to_tsv
    from migkg.views.queries import bind_on

    settings = _settings(args)
    text, canned = resolve_query_text(args.query, settings.project_dir)
    given = {}
    for item in args.param or []:
        if "=" not in item:
            raise MigkgError(f"--param takes name=value, got {item!r}")
        k, v = item.split("=", 1)
        given[k] = v
    _build, store = _open_current(settings)
    bindings = {}
    if canned is not None:
        bindings = bind_on(canned, given, store)  # type: ignore[arg-type]
    elif given:
        raise MigkgError(
            "--param works with canned queries only (their header declares parameters)"
        )
    try:
        result = store.query(text, bindings=bindings)
    except StoreError as err:
        raise MigkgError(f"query failed: {err}") from err
    if result.kind == "graph":
        from rdflib import Graph

        g = Graph()
        for t in result.triples:
            g.add(t)
        sys.stdout.write(g.serialize(format="turtle"))
        return 0
    render = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json}[args.format]
    out = render(result)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    settings = _settings(args)
    build, store = _open_current(settings)
    data = build.nquads.read_bytes() if args.format == "nq" else store.export(args.format)
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"wrote {args.output} ({len(data)} bytes, build {build.id})", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from migkg.cli.serve import serve

    return serve(
        _settings(args),
        args.host,
        args.port,
        workers=args.workers,
        timeout=args.timeout,
        max_rows=args.max_rows,
        max_worker_mb=args.worker_memory,
        queue_limit=args.queue,
        cors_origins=tuple(args.cors_origin or ()),
        access_log=args.access_log,
    )


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        help="where builds live (default: $MIGKG_DATA_DIR or ./data in the checkout)",
    )
    p = argparse.ArgumentParser(prog="migkg", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", parents=[common], help="build the graph from the sources")
    b.add_argument("--base-iri", help="base of instance IRIs (default https://w3id.org/migkg/)")
    b.add_argument("--force", action="store_true", help="rebuild even if this build exists")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", parents=[common], help="re-validate the current build")
    v.add_argument("--strict", action="store_true", help="fail on warnings and changed reports")
    v.add_argument(
        "--engine",
        choices=("sparql", "pyshacl"),
        default="sparql",
        help="SHACL engine: shapes compiled to SPARQL (default) or pySHACL itself (0010)",
    )
    v.set_defaults(func=cmd_validate)

    q = sub.add_parser("query", parents=[common], help="run a SPARQL query on the current build")
    q.add_argument("query", help="a .rq file, a canned query name, or SPARQL text")
    q.add_argument("--param", action="append", help="name=value for a canned query parameter")
    q.add_argument("--format", choices=QUERY_FORMATS, default="table")
    q.set_defaults(func=cmd_query)

    e = sub.add_parser("export", parents=[common], help="write the current graph")
    e.add_argument("--format", choices=EXPORT_FORMATS, default="nq")
    e.add_argument("-o", "--output", help="file to write (default: standard output)")
    e.set_defaults(func=cmd_export)

    s = sub.add_parser("serve", parents=[common], help="serve the current build over HTTP")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument(
        "--workers", type=int, help="query worker processes (default: twice the cores, at least 2)"
    )
    s.add_argument(
        "--timeout", type=float, default=10.0, help="seconds per query (default 10; 503 after)"
    )
    s.add_argument(
        "--worker-memory",
        type=int,
        help="MB of RSS a query worker may use before it is killed (default 768; 503)",
    )
    s.add_argument(
        "--queue", type=int, help="requests that may wait for a worker (default 4 per worker)"
    )
    s.add_argument("--max-rows", type=int, default=10000, help="row cap per answer")
    s.add_argument("--cors-origin", action="append", help="allow this origin (CORS; repeatable)")
    s.add_argument("--access-log", action="store_true", help="log every request with its id")
    s.set_defaults(func=cmd_serve)

    from migkg.cli.commands import register_all

    register_all(sub, common)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except MigkgError as err:
        print(f"migkg: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
