"""docs/ontology.html is generated from the ontology: a stale committed page fails here."""

from __future__ import annotations

from pathlib import Path

from model_helpers import PROJECT

from migkg.cli import main
from migkg.views.ontology_page import render_page, write_page


def test_committed_page_is_up_to_date(tmp_path: Path) -> None:
    fresh = write_page(PROJECT, tmp_path / "ontology.html")
    committed = PROJECT / "docs" / "ontology.html"
    assert committed.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
        "docs/ontology.html is stale: run `migkg ontology-page`"
    )


def test_page_lists_every_class_property_and_concept() -> None:
    page = render_page(PROJECT)
    for needle in (
        'id="mkg-StatusClaim"',
        'id="mkg-statedMemberCount"',
        'id="status-provisionally_applied"',
        'id="role-co-chair"',
        'id="instrument-type-VisaCodeArticle25a"',
        "https://w3id.org/migkg/ontology/0.1.0",
    ):
        assert needle in page
    assert page.count('<tr id="') == 48 + page.count('<tr id="mkg-')


def test_page_leaves_out_trigger_phrases() -> None:
    """Hidden labels feed the extractor, never the pages."""
    assert "Resumption of the negotiations" not in render_page(PROJECT)


def test_cli_check_reports_up_to_date(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["ontology-page", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out
