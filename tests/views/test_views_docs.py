"""docs/views.md documents every view route and the `migkg path` command."""

from __future__ import annotations

from migkg.api.views import ViewCache, ViewSettings, build_router
from tests.helpers import ROOT


def test_every_view_route_is_in_the_docs() -> None:
    text = (ROOT / "docs" / "views.md").read_text(encoding="utf-8")
    router = build_router(ViewCache(ViewSettings()))
    paths = sorted({route.path for route in router.routes})  # type: ignore[attr-defined]
    assert paths == [
        "/.well-known/void",
        "/context.jsonld",
        "/dumps",
        "/dumps/{name}",
        "/id/{kind}/{key:path}",
        "/network/{view}",
        "/path",
        "/search",
    ]
    documented = {
        "/dumps/{name}": "/dumps/{file}",
        "/id/{kind}/{key:path}": "/id/{kind}/{key}",
        "/network/{view}": "/network/processes",
    }
    for path in paths:
        assert f"`GET {documented.get(path, path)}" in text, path
    assert "/network/instruments" in text
    assert "migkg path FROM TO" in text
