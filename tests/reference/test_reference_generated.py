"""graphs/*.ttl are generated: up to date, byte-stable, parseable with any base, no blank nodes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, URIRef

from migkg.build.refdata import OUTPUTS, generate, stale, write
from migkg.build.reference import add_reference_graphs
from migkg.iris import Iris
from migkg.settings import MigkgError
from tests.helpers import ROOT, run_cli


def test_committed_files_equal_a_fresh_generation(tmp_path: Path) -> None:
    changed = write(ROOT, tmp_path)
    assert sorted(changed) == sorted(OUTPUTS)  # a fresh folder: every file is new
    for name in OUTPUTS:
        fresh = (tmp_path / f"{name}.ttl").read_bytes()
        committed = (ROOT / "graphs" / f"{name}.ttl").read_bytes()
        assert fresh == committed, f"graphs/{name}.ttl is stale: run `migkg refdata`"
    assert stale(ROOT) == []


def test_two_generations_give_identical_bytes() -> None:
    assert generate(ROOT) == generate(ROOT)


def test_cli_check_passes_and_output_folder_is_used(tmp_path: Path) -> None:
    check = run_cli("refdata", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.strip() == "reference graphs are up to date"
    out = run_cli("refdata", "--output", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.ttl" for n in OUTPUTS)


def test_every_file_parses_with_the_default_base_and_has_no_blank_nodes() -> None:
    ds = Dataset()
    add_reference_graphs(ds, Iris("https://w3id.org/migkg/"), ROOT)  # refuses blank nodes
    names = sorted(str(g.identifier) for g in ds.graphs() if len(g))
    assert names == sorted(f"https://w3id.org/migkg/graph/reference/{n}" for n in OUTPUTS)
    assert not any(isinstance(t, BNode) for q in ds.quads((None, None, None, None)) for t in q)


def test_instance_iris_move_with_the_base() -> None:
    ds = Dataset(default_union=True)
    add_reference_graphs(ds, Iris("http://example.org/kg/"), ROOT)
    subjects = {str(s) for s in ds.subjects() if isinstance(s, URIRef)}
    assert "http://example.org/kg/id/country/SEN" in subjects
    assert "http://example.org/kg/id/instrument/ReadmissionAgreement/HKG/eu" in subjects
    assert not any(s.startswith("https://w3id.org/migkg/id/") for s in subjects)


def test_an_unknown_actor_in_the_yaml_is_refused_with_its_name(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "graphs" / "reference", tmp_path / "graphs" / "reference")
    eu = tmp_path / "graphs" / "reference" / "eu.yaml"
    eu.write_text(eu.read_text("utf-8").replace("member: HRV,", "member: HRX,"), "utf-8")
    with pytest.raises(MigkgError, match="unknown actor 'HRX'"):
        generate(tmp_path)


def test_a_date_edtf_does_not_allow_is_refused(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "graphs" / "reference", tmp_path / "graphs" / "reference")
    ag = tmp_path / "graphs" / "reference" / "agreements.yaml"
    ag.write_text(ag.read_text("utf-8").replace('"2002-11-27"', '"2002-13-27"'), "utf-8")
    with pytest.raises(MigkgError, match="'2002-13-27'"):
        generate(tmp_path)
