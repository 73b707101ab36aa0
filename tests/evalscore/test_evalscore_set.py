"""Reading evaluation sets: what is accepted, and the message a malformed file gets (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migkg.cli import main
from migkg.evaluation.scoring import Gazetteer, dates_agree, edtf_prefix, norm
from migkg.evaluation.sets import load_set
from migkg.settings import MigkgError, project_root
from migkg.sources.manifest import SourceDocument, load_manifest
from tests.queries.conftest import DATA, store_from_trig

GOOD = """\
- id: A1
  kind: instrument
  country: Senegal
  instrument: ReadmissionAgreement
  counterpart: EU
  status: in_force
  date: 2022-07-01
  as_of: 2024-02
  source: "001"
  line: 296
"""


@pytest.fixture(scope="module")
def docs() -> list[SourceDocument]:
    return load_manifest(project_root() / "sources", verify=False)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "set.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unquoted_yaml_dates_and_prefix_sources_are_read_as_written(
    tmp_path: Path, docs: list[SourceDocument]
) -> None:
    entry = load_set(write(tmp_path, GOOD), docs).entries[0]
    assert (entry.date, entry.as_of, entry.source, entry.line) == (
        "2022-07-01", "2024-02", "council-2024-5484", 296,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("kind: instrument", "kind: treaty"), r"set.yaml:1 \(entry A1\): kind must be one of"),
        (("  status: in_force\n", ""), r"set.yaml:1 \(entry A1\): missing status"),
        (('source: "001"', "source: council-1999"), r"\(entry A1\): unknown document 'council-"),
        (("date: 2022-07-01", "date: July 2022"), r"\(entry A1\): date must be YYYY, YYYY-MM"),
        (("line: 296", "line: 0"), r"\(entry A1\): line must be a positive integer"),
        (("- id: A1", "- id: ''"), r"set.yaml:1: entry without an id"),
    ],
)  # fmt: skip
def test_bad_entries_name_the_line_and_entry(
    tmp_path: Path, docs: list[SourceDocument], change: tuple[str, str], message: str
) -> None:
    with pytest.raises(MigkgError, match=message):
        load_set(write(tmp_path, GOOD.replace(*change)), docs)


def test_duplicate_ids_point_at_both(tmp_path: Path, docs: list[SourceDocument]) -> None:
    with pytest.raises(MigkgError, match=r"set.yaml:11 \(entry A1\): duplicate id A1 \(first at"):
        load_set(write(tmp_path, GOOD + GOOD), docs)


def test_not_a_list(tmp_path: Path, docs: list[SourceDocument]) -> None:
    with pytest.raises(MigkgError, match="needs an 'entries' list"):
        load_set(write(tmp_path, "id: A1\n"), docs)
    with pytest.raises(MigkgError, match="not valid YAML"):
        load_set(write(tmp_path, "- id: [unclosed\n"), docs)


def test_cli_exits_2_on_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, GOOD + GOOD.replace("A1", "A2").replace("line: 296", "line: -3"))
    code = main(["eval", str(path), "--data-dir", str(tmp_path / "data")])
    err = capsys.readouterr().err
    assert code == 2
    assert "set.yaml:11 (entry A2): line must be a positive integer, got -3" in err


def test_cli_exits_2_without_a_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["eval", str(write(tmp_path, GOOD)), "--data-dir", str(tmp_path / "none")])
    assert code == 2
    assert "no build in" in capsys.readouterr().err


def test_names_resolve_through_pref_alt_and_hidden_labels() -> None:
    gaz = Gazetteer(store_from_trig(DATA / "instruments.trig"))
    assert [gaz.country(n) for n in ("Türkiye", "Turkey", "TURKIYE", "Cape Verde", "Senegalese",
                                     "Hong Kong", "HKG", "Atlantis")] == [
        "TUR", "TUR", "TUR", "CPV", "SEN", "HKG", "HKG", None,
    ]  # fmt: skip
    assert [gaz.counterpart(n) for n in ("EU", "frontex", "Italy", "other", "Atlantis",
                                         "European Border and Coast Guard Agency")] == [
        "EU", "Frontex", "MS:ITA", "other", None, "Frontex",
    ]  # fmt: skip
    assert norm("  Côte d’Ivoire ") == "cote d ivoire"


@pytest.mark.parametrize(
    ("edtf", "prefix"),
    [
        ("2022-07", "2022-07"),
        ("2021-03-12/2021-03-13", "2021-03-12"),
        ("2024-21", "2024"),  # spring 2024: a season is a year to the scorer
        ("2024-XX-XX", "2024"),
        ("2019~", "2019"),
        ("2006/..", "2006"),
        ("", None),
        (None, None),
    ],
)
def test_edtf_prefix(edtf: str | None, prefix: str | None) -> None:
    assert edtf_prefix(edtf) == prefix


@pytest.mark.parametrize(
    ("expected", "found", "agree"),
    [
        ("2022", "2022-07", True),
        ("2022-06", "2022-07", False),
        ("2022-07-01", "2022-07", True),
        (None, "2022-07", True),
        (None, None, True),
        ("2022", None, False),
    ],
)
def test_dates_agree_at_the_coarser_precision(
    expected: str | None, found: str | None, agree: bool
) -> None:
    assert dates_agree(expected, found) is agree
