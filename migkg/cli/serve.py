"""`migkg serve`: build when there is no build, open the current one, run uvicorn.

The service keeps answering from the build it opened. SIGHUP makes it open whatever `current`
points at now (a new build), swapping stores between requests; a failed reload keeps the old one.
Queries run in a pool of worker processes (api/workers.py): `--workers` of them, each stopped
after `--timeout` seconds or over `--worker-memory` MB; `--queue` requests may wait for one.
Limits and their defaults: docs/security.md.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from migkg.settings import MigkgError, Settings


def serve(
    settings: Settings,
    host: str,
    port: int,
    *,
    workers: int | None = None,
    timeout: float = 10.0,
    max_rows: int = 10000,
    max_worker_mb: int | None = None,
    queue_limit: int | None = None,
    cors_origins: tuple[str, ...] = (),
    access_log: bool = False,
) -> int:
    import uvicorn

    from migkg.api.app import ServiceSettings, create_app, reload
    from migkg.api.workers import DEFAULT_MAX_WORKER_MB, default_workers
    from migkg.build.dirs import current_build
    from migkg.build.pipeline import run_build
    from migkg.store import open_store

    if workers is None:
        workers = default_workers()
    if workers < 1:
        raise MigkgError("--workers must be at least 1 (queries run in killable processes)")
    if timeout <= 0:
        raise MigkgError("--timeout must be a positive number of seconds")
    if not settings.current_link.exists():
        print("migkg: no build yet, building first", file=sys.stderr)
        run_build(settings)
    build = current_build(settings)
    service = ServiceSettings(
        max_rows=max_rows,
        timeout=timeout,
        workers=workers,
        cors_origins=cors_origins,
        project_dir=settings.project_dir,
        max_worker_mb=max_worker_mb or DEFAULT_MAX_WORKER_MB,
        queue_limit=queue_limit,
    )
    app = create_app(open_store(build.path, build.id), service)
    if access_log:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        logging.getLogger("migkg.access").setLevel(logging.INFO)

    def on_hup(_signum: int, _frame: object) -> None:
        try:
            new = current_build(settings)
            if new.id != app.state.store.build_id:
                reload(app, open_store(new.path, new.id))
            print(f"migkg: serving build {new.id}", file=sys.stderr, flush=True)
        except MigkgError as err:
            print(
                f"migkg: reload refused, keeping {app.state.store.build_id}: {err}", file=sys.stderr
            )

    print(
        f"migkg: serving build {build.id} on http://{host}:{port}/ "
        f"({workers} workers, {timeout:g} s timeout, {service.max_worker_mb} MB per worker)",
        file=sys.stderr,
        flush=True,
    )
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))

    async def main() -> None:
        # SIGHUP handled by the event loop, between requests' steps, never inside one
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, on_hup, signal.SIGHUP, None)
        await server.serve()

    asyncio.run(main())
    return 0
