"""Issue 13, item 12: a reload (what SIGHUP does) while requests are in flight closes the old
store only after they have drained: no 500 "'OxigraphStore' object has no attribute '_store'".
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from migkg.api.app import ServiceSettings, create_app, reload
from migkg.api.views import ViewSettings, add_view_routes
from migkg.store import open_store
from tests.api.api_support import Server
from tests.helpers import ROOT
from tests.views.fixtures import FIXTURE_BUILD_ID


def test_item12_reload_drains_requests_in_flight(fixture_build: Path) -> None:
    app = create_app(
        open_store(fixture_build, FIXTURE_BUILD_ID), ServiceSettings(workers=0, project_dir=ROOT)
    )
    add_view_routes(app, ViewSettings(path_deadline=5.0))
    statuses: list[tuple[int, str]] = []
    stop = threading.Event()
    with Server(app) as srv:

        def hammer() -> None:
            with httpx.Client(base_url=srv.url, timeout=30) as c:
                while not stop.is_set():
                    r = c.get("/id/country/SEN", params={"format": "nt"})
                    statuses.append((r.status_code, r.text[:200]))

        threads = [threading.Thread(target=hammer) for _ in range(6)]
        for t in threads:
            t.start()
        reloads = 0
        until = time.monotonic() + 3.0
        while time.monotonic() < until:
            reload(app, open_store(fixture_build, FIXTURE_BUILD_ID))
            reloads += 1
            time.sleep(0.05)
        stop.set()
        for t in threads:
            t.join(30)
    assert reloads >= 10 and len(statuses) > 50
    failed = [s for s in statuses if s[0] != 200]
    assert failed == [], failed[:3]
