"""The canned queries of issue 6 on the real build (one build per session: slow).

What is asserted comes from the reference graphs or from the documents' own words, so it holds
whatever the extractor's recall; the committed answers are compared byte for byte.
"""

from __future__ import annotations

import pytest

from migkg.cli import main
from migkg.evaluation.competency import render, stale
from migkg.settings import Settings, project_root
from migkg.store.base import Store
from tests.queries.conftest import run_canned

pytestmark = pytest.mark.slow

B = "https://w3id.org/migkg/id/"
ANSWER = project_root() / "docs" / "answers" / "readmission-without-frontex-status.csv"


def test_instrument_facts_one_row_per_status_claim(real_store: Store) -> None:
    rows = run_canned(real_store, "instrument-facts")
    count = real_store.query(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) "
        "WHERE { ?c a <https://w3id.org/migkg/ontology#StatusClaim> }"
    ).rows[0][0]
    assert len(rows) == int(str(count)) > 0
    assert len({r[12] for r in rows}) == len(rows)
    for r in rows:
        if r[8] == "reference":
            assert (r[9], r[10], r[11]) == ("", "", "")
        else:
            assert int(r[9]) <= int(r[11]) and r[10], r


def test_readmission_answer_file_is_current_and_cites_evidence(real_store: Store) -> None:
    from migkg.views.formats import to_csv
    from migkg.views.queries import bind_on, canned_queries

    q = canned_queries(project_root())["readmission-without-frontex-status"]
    result = real_store.query(q.text, bindings=bind_on(q, {}, real_store))
    assert to_csv(result) == ANSWER.read_bytes().decode("utf-8")
    rows = result.as_dicts()
    assert all(r["evidence"] is not None for r in rows)
    iso3 = {str(r["iso3"]) for r in rows}
    # the reference agreements alone put these in the answer ...
    assert {"HKG", "MAC", "LKA", "RUS", "UKR", "PAK"} <= iso3
    # ... and these have a Frontex status agreement in force
    assert not iso3 & {"ALB", "MNE", "SRB", "MKD", "MDA"}


def test_cli_query_binds_the_default_as_of(
    real_build: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["query", "readmission-without-frontex-status", "--format", "csv",
         "--data-dir", str(real_build.data_dir)]
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert out == ANSWER.read_bytes().decode("utf-8")


def test_rabat_and_khartoum_share_the_member_states(real_store: Store) -> None:
    rows = run_canned(
        real_store,
        "process-overlap",
        a=f"{B}process/rabat-process",
        b=f"{B}process/khartoum-process",
    )
    assert {"FRA", "DEU", "ITA", "ESP"} <= {r[2] for r in rows}
    assert {(r[5], r[6]) for r in rows} == {
        (f"{B}process/rabat-process", f"{B}process/khartoum-process")
    }


def test_senegal_is_a_member_of_the_rabat_process(real_store: Store) -> None:
    rows = run_canned(real_store, "process-members", process=f"{B}process/rabat-process")
    assert f"{B}country/SEN" in {r[2] for r in rows}
    assert {r[0] for r in rows} == {f"{B}process/rabat-process"}


def test_senegal_timeline_since_2019_is_in_order(real_store: Store) -> None:
    rows = run_canned(real_store, "country-timeline", country=f"{B}country/SEN", since="2019-01-01")
    dated = [r[0] for r in rows if r[0]]
    assert dated == sorted(dated) and dated[0] >= "2019-01-01"
    assert {"event", "mention"} <= {r[1] for r in rows}


def test_instrument_status_one_effective_date_per_instrument(real_store: Store) -> None:
    rows = run_canned(real_store, "instrument-status", asOf="2023-12-31")
    since: dict[str, set[str]] = {}
    for r in rows:
        since.setdefault(r[0], set()).add(r[7])
        assert r[7] <= "2023-12-31"
    assert all(len(v) == 1 for v in since.values())


def test_competency_page_and_answers_are_current(real_build: Settings, real_store: Store) -> None:
    files = render(real_store, project_root(), real_build.base_iri)
    assert stale(files, project_root()) == [], (
        "regenerate with: python -m migkg.evaluation.competency --write --data-dir DIR"
    )
