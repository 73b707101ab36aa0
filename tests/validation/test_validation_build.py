"""validate_build with the fast engine: one store for shapes, checks and reports, and no rdflib
graph at all unless a shape falls back; `migkg validate --engine` picks the engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from migkg.store import OxigraphStore
from migkg.validate import checks as validate
from tests.shapes.shapes_helpers import DATA, PROJECT, data_graph
from tests.validation.validation_support import nquads_of


@pytest.fixture
def broken_nquads(tmp_path: Path) -> Path:
    """The valid world with one broken fixture (a membership ending before it starts)."""
    path = tmp_path / "graph.nq"
    mutation = DATA / "mutations" / "14-membership-ends-before-start.ttl"
    path.write_bytes(nquads_of(data_graph(DATA / "base.ttl", mutation)))
    return path


def test_fast_engine_builds_no_rdflib_graph(
    broken_nquads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("the fast engine built an rdflib graph")

    monkeypatch.setattr(validate, "union_graph", refuse)
    monkeypatch.setattr(validate, "nquads_graph", refuse)
    v = validate.validate_build(broken_nquads, PROJECT, lambda _m: None)
    assert [(f.focus, f.path, f.component) for f in v.findings] == [
        (
            "https://w3id.org/migkg/id/claim/00000000000000b4",
            "https://w3id.org/migkg/ontology#startDate",
            "LessThanOrEqualsConstraintComponent",
        )
    ]


def test_engines_agree_through_validate_build(broken_nquads: Path) -> None:
    fast = validate.validate_build(broken_nquads, PROJECT, lambda _m: None)
    slow = validate.validate_build(broken_nquads, PROJECT, lambda _m: None, "pyshacl")
    assert fast.findings == slow.findings
    assert fast.checks == slow.checks and fast.reports == slow.reports


def test_one_store_serves_shapes_checks_and_reports(
    broken_nquads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[int] = []
    original = OxigraphStore.from_nquads.__func__  # type: ignore[attr-defined]

    def counting(cls: type[OxigraphStore], data: bytes | str, build_id: str = "memory"):  # type: ignore[no-untyped-def]
        loads.append(len(data))
        return original(cls, data, build_id)

    monkeypatch.setattr(OxigraphStore, "from_nquads", classmethod(counting))
    v = validate.validate_build(broken_nquads, PROJECT, lambda _m: None)
    assert len(loads) == 1
    assert set(v.checks) == {p.stem for p in (PROJECT / "queries" / "checks").glob("*.rq")}
    assert set(v.reports) == {p.stem for p in (PROJECT / "queries" / "reports").glob("*.rq")}


def test_unknown_engine_is_refused(broken_nquads: Path) -> None:
    with pytest.raises(ValueError, match="unknown SHACL engine 'jena'"):
        validate.validate_build(broken_nquads, PROJECT, lambda _m: None, "jena")


def test_a_fallback_is_announced_and_still_validated(broken_nquads: Path, tmp_path: Path) -> None:
    """A shape the engine does not compile is named on the progress channel, and pySHACL
    finds its results (here: sh:node on the parties of the valid world's two instruments)."""
    project = tmp_path / "project"
    for name in ("shapes", "queries"):
        shutil.copytree(PROJECT / name, project / name)
    (project / "shapes" / "zz-extra.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix mkg: <https://w3id.org/migkg/ontology#> .\n"
        "<urn:x:S> a sh:PropertyShape ; sh:targetClass mkg:Instrument ; sh:path mkg:party ;\n"
        '    sh:node [ sh:class mkg:Document ] ; sh:message "a party is a document" .\n',
        encoding="utf-8",
    )
    said: list[str] = []
    v = validate.validate_build(broken_nquads, project, said.append)
    assert "shape urn:x:S validated by pySHACL: unsupported parameters sh:node" in said
    # pySHACL's own way with sh:node: the nested shape's results come too, with its own text
    assert [(f.focus.rsplit("/id/", 1)[1], f.component, f.message) for f in v.findings[1:]] == [
        ("country/CPV", "ClassConstraintComponent", "Value does not have class mkg:Document"),
        (
            "group/western-balkans",
            "ClassConstraintComponent",
            "Value does not have class mkg:Document",
        ),
        (
            "instrument/FrontexWorkingArrangement/western-balkans/frontex",
            "NodeConstraintComponent",
            "a party is a document",
        ),
        (
            "instrument/ReadmissionAgreement/CPV/eu",
            "NodeConstraintComponent",
            "a party is a document",
        ),
    ]
