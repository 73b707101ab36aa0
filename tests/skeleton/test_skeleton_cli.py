"""The CLI speaks to users: clear one-line errors, no tracebacks for their mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli


def test_query_without_a_build_says_to_build(tmp_path: Path) -> None:
    result = run_cli("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert "no build in" in result.stderr and "migkg build" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def built_mini(mini_project: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    env = {"MIGKG_PROJECT_DIR": str(mini_project)}
    data = tmp_path / "data"
    assert run_cli("build", "--data-dir", str(data), env=env).returncode == 0
    return data, env


def test_unknown_query_name_lists_the_canned_queries(
    built_mini: tuple[Path, dict[str, str]],
) -> None:
    data, env = built_mini
    result = run_cli("query", "no-such-query", "--data-dir", str(data), env=env)
    assert result.returncode == 2
    assert "neither a .rq file, a canned query nor SPARQL text" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_sparql_is_a_clear_error(built_mini: tuple[Path, dict[str, str]]) -> None:
    data, env = built_mini
    result = run_cli("query", "SELECT ?s WHERE { ?s ", "--data-dir", str(data), env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("migkg: error: query failed:")


def test_query_counts_passages_of_the_mini_document(
    built_mini: tuple[Path, dict[str, str]],
) -> None:
    data, env = built_mini
    q = (
        "PREFIX mkg: <https://w3id.org/migkg/ontology#> "
        "SELECT ?line ?text WHERE { ?p a mkg:Passage ; mkg:firstLine ?line ; "
        "mkg:displayText ?text } "
        "ORDER BY ?line"
    )
    result = run_cli("query", q, "--format", "csv", "--data-dir", str(data), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "line,text",
        "1,A small test document",
        "3,The EU and Cabo Verde signed a readmission agreement in 2013.",
        "5,It entered into force on 1 December 2014.",
    ]


def test_export_formats_parse_back_to_the_same_triples(
    built_mini: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    from rdflib import Dataset, Graph

    data, env = built_mini
    out = {}
    for fmt in ("nq", "trig", "ttl", "nt", "jsonld"):
        target = tmp_path / f"g.{fmt}"
        result = run_cli(
            "export", "--format", fmt, "-o", str(target), "--data-dir", str(data), env=env
        )
        assert result.returncode == 0, result.stderr
        out[fmt] = target
    ds = Dataset()
    ds.parse(out["nq"], format="nquads")
    quads = len(list(ds.quads((None, None, None, None))))
    trig = Dataset()
    trig.parse(out["trig"], format="trig")
    assert len(list(trig.quads((None, None, None, None)))) == quads
    triples = {(s, p, o) for s, p, o, _g in ds.quads((None, None, None, None))}
    for fmt, rdflib_format in (("ttl", "turtle"), ("nt", "nt")):
        g = Graph()
        g.parse(out[fmt], format=rdflib_format)
        assert set(g) == triples


def test_build_with_a_bad_base_iri_is_refused(tmp_path: Path) -> None:
    result = run_cli("build", "--data-dir", str(tmp_path), "--base-iri", "https://example.org/x")
    assert result.returncode == 2
    assert "base IRI must end with" in result.stderr
