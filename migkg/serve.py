"""`migkg serve`: build when there is no build, open the current one, run uvicorn.

The service keeps answering from the build it opened. SIGHUP makes it open whatever `current`
points at now (a new build), swapping stores between requests; a failed reload keeps the old one.
"""

from __future__ import annotations

import signal
import sys

from migkg.settings import MigkgError, Settings


def serve(settings: Settings, host: str, port: int) -> int:
    import uvicorn

    from migkg.api.app import create_app, reload
    from migkg.build import run_build
    from migkg.builds import current_build
    from migkg.store import open_store

    if not settings.current_link.exists():
        print("migkg: no build yet, building first", file=sys.stderr)
        run_build(settings)
    build = current_build(settings)
    app = create_app(open_store(build.path, build.id))

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

    signal.signal(signal.SIGHUP, on_hup)
    print(f"migkg: serving build {build.id} on http://{host}:{port}/", file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
