"""The scorer on a small synthetic set against the query fixture graph, with exact figures.

The fixture (tests/queries/data/instruments.trig) holds four extracted instrument facts in
council-2024-5484 (Cabo Verde lines 117 and 126-127, Senegal line 296) and two process facts
(line 1405); the set below is written so that each matching rule is exercised once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from migkg.evaluation.scoring import evaluate
from migkg.evaluation.sets import load_set
from migkg.settings import project_root
from migkg.sources.manifest import load_manifest
from migkg.store import OxigraphStore
from tests.queries.conftest import DATA, store_from_trig

SET = """\
- id: E1            # key and strict: a year matches the fact's month (coarser precision)
  kind: instrument
  country: Cabo Verde
  instrument: ReadmissionAgreement
  counterpart: EU
  status: in_force
  date: "2014"
  source: council-2024-5484
  line: 117
  quote: "In December 2014, a visa facilitation and a readmission agreement, entered into force"
- id: E2            # no such fact: unmatched; the alias resolves
  kind: instrument
  country: Cape Verde
  instrument: VisaFacilitationAgreement
  counterpart: EU
  status: in_force
  date: 2014-12
  source: council-2024-5484
  line: 117
  quote: "In December 2014, a visa facilitation and a readmission agreement, entered into force"
- id: E3            # key only: April is not March
  kind: instrument
  country: Cabo Verde
  instrument: FrontexStatusAgreement
  counterpart: EU
  status: signed
  date: "2023-04"
  source: council-2024-5484
  line: 126
  quote: "Signing of the Status Agreement"
- id: E5            # key only: line 300 is outside the fact's passage (296)
  kind: instrument
  country: Senegal
  instrument: FrontexWorkingArrangement
  counterpart: Frontex
  status: negotiating
  date: null
  source: council-2024-5484
  line: 300
  quote: "not a quote of line 300"
- id: E6            # uncertain: not scored, and the fact it alone matches leaves precision
  kind: instrument
  country: Cabo Verde
  instrument: FrontexStatusAgreement
  counterpart: EU
  status: negotiating
  date: "2019-10"
  source: council-2024-5484
  line: 117
  note: uncertain  # started or only mandated?
- id: E7            # the country does not resolve: not scored
  kind: instrument
  country: Atlantis
  instrument: ReadmissionAgreement
  counterpart: EU
  status: in_force
  source: council-2024-5484
  line: 117
- id: E8            # type Other: not scored
  kind: instrument
  country: Senegal
  instrument: Other
  counterpart: other
  status: signed
  source: council-2024-5484
  line: 296
- id: E9            # no fact; no passage holds line 1120 in the fixture: the line is covered
  kind: instrument
  country: Turkey
  instrument: ReadmissionAgreement
  counterpart: EU
  status: in_force
  source: council-2024-5484
  line: 1120
- id: E10           # another document, named by its original 3-digit prefix
  kind: instrument
  country: Türkiye
  instrument: FrontexWorkingArrangement
  counterpart: Frontex
  status: mandate
  source: "000"
  line: 101
- id: P1
  kind: process
  process: Rabat Process
  fact: chair
  value: Senegal
  date: "2023"
  source: council-2024-5484
  line: 1405
- id: P2
  kind: process
  process: rabat process
  fact: launched
  value: Rabat, first Euro-African Ministerial Conference
  date: "2006-07"
  source: council-2024-5484
  line: 1405
- id: P3            # membership only in the reference graph: not extracted
  kind: process
  process: Rabat Process
  fact: member
  value: Italy
  source: council-2024-5484
  line: 1405
- id: P4
  kind: process
  process: Rabat Process
  fact: other
  value: anything
  source: council-2024-5484
  line: 1405
- id: EV1
  kind: events
  section: SENEGAL
  source: council-2024-5484
  first_line: 314
  last_line: 336
  rows: 21
"""


def fig(k: int, n: int, value: float | None, lo: float, hi: float) -> dict[str, object]:
    return {"matched": k, "total": n, "value": value, "interval": [lo, hi]}


NONE = {"matched": 0, "total": 0, "value": None, "interval": None}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    path = tmp_path_factory.mktemp("set") / "set.yaml"
    path.write_text(SET, encoding="utf-8")
    docs = load_manifest(project_root() / "sources", verify=False)
    store: OxigraphStore = store_from_trig(DATA / "instruments.trig")
    return evaluate(load_set(path, docs), store, project_root())


def test_counts_and_unscored(report: dict) -> None:
    assert report["entries"] == {"instrument": 9, "process": 4, "events": 1}
    assert report["scored"] == {"instrument": 6, "process": 3}
    assert report["unscored"] == [
        {"id": "E6", "kind": "instrument", "why": "uncertain"},
        {"id": "E7", "kind": "instrument", "why": "country 'Atlantis' does not resolve"},
        {"id": "E8", "kind": "instrument", "why": "instrument Other"},
        {"id": "P4", "kind": "process", "why": "fact 'other' is not scored"},
    ]


def test_instrument_figures_overall(report: dict) -> None:
    part = report["instrument"]
    assert part["overall"] == {
        "key": {
            "recall": fig(3, 6, 0.5, 0.188, 0.812),
            "precision": fig(3, 3, 1.0, 0.439, 1.0),
        },
        "strict": {
            "recall": fig(1, 6, 0.167, 0.030, 0.564),
            "precision": fig(1, 3, 0.333, 0.061, 0.792),
        },
    }
    # Cabo Verde's "negotiating" fact matches only the uncertain E6: left out of precision
    assert part["covered_facts"] == 3
    assert part["facts_matching_only_uncertain_entries"] == 1


def test_instrument_figures_per_document(report: dict) -> None:
    docs = report["instrument"]["documents"]
    assert sorted(docs) == ["council-2007-16239", "council-2024-5484"]
    assert docs["council-2024-5484"]["key"]["recall"] == fig(3, 5, 0.6, 0.231, 0.882)
    assert docs["council-2024-5484"]["strict"]["recall"] == fig(1, 5, 0.2, 0.036, 0.624)
    assert docs["council-2007-16239"]["key"] == {
        "recall": fig(0, 1, 0.0, 0.0, 0.793),
        "precision": NONE,
    }


def test_unmatched_entries_say_what_is_missing(report: dict) -> None:
    assert report["instrument"]["unmatched_entries"] == [
        {"id": "E2", "level": "key",
         "entry": "council-2024-5484:117 Cape Verde VisaFacilitationAgreement in_force EU 2014-12"},
        {"id": "E3", "level": "strict",
         "entry": "council-2024-5484:126 Cabo Verde FrontexStatusAgreement signed EU 2023-04",
         "lacks": "date 2023-03 (expected 2023-04)"},
        {"id": "E5", "level": "strict",
         "entry": "council-2024-5484:300 Senegal FrontexWorkingArrangement negotiating Frontex -",
         "lacks": "passage lines 296-296"},
        {"id": "E9", "level": "key",
         "entry": "council-2024-5484:1120 Turkey ReadmissionAgreement in_force EU -"},
        {"id": "E10", "level": "key",
         "entry": "council-2007-16239:101 Türkiye FrontexWorkingArrangement mandate Frontex -"},
    ]  # fmt: skip


def test_unmatched_facts_listed(report: dict) -> None:
    assert report["instrument"]["unmatched_facts"] == [
        {"level": "strict",
         "fact": "council-2024-5484:126 CPV FrontexStatusAgreement signed EU 2023-03",
         "quote": "Signature of the status agreement"},
        {"level": "strict",
         "fact": "council-2024-5484:296 SEN FrontexWorkingArrangement negotiating Frontex -",
         "quote": "no working arrangement yet"},
    ]  # fmt: skip


def test_process_figures(report: dict) -> None:
    part = report["process"]
    assert part["overall"]["key"] == {
        "recall": fig(2, 3, 0.667, 0.208, 0.939),
        "precision": fig(2, 2, 1.0, 0.342, 1.0),
    }
    assert part["overall"]["strict"]["recall"] == fig(2, 3, 0.667, 0.208, 0.939)
    assert [u["id"] for u in part["unmatched_entries"]] == ["P3"]


def test_events_counted_in_the_table_lines(report: dict) -> None:
    # three events in the fixture lie in lines 314-336 (318, 320 and 320)
    assert report["events"] == [
        {"id": "EV1", "source": "council-2024-5484", "section": "SENEGAL",
         "lines": [314, 336], "expected": 21, "found": 3},
    ]  # fmt: skip


def test_coverage_derived_from_entries_and_the_events_section(report: dict) -> None:
    assert report["coverage"] == {
        "council-2007-16239": [[101, 101]],
        "council-2024-5484": [
            [117, 117], [126, 127], [296, 296], [300, 300], [314, 336], [318, 318],
            [320, 320], [1120, 1120], [1405, 1405],
        ],
    }  # fmt: skip


def test_quote_warnings(report: dict) -> None:
    warnings = [w.split(": ", 1)[1] for w in report["warnings"]]
    assert warnings == [
        "quote not found on line 126 of council-2024-5484",
        "quote not found on line 300 of council-2024-5484",
    ]


def test_explicit_coverage_replaces_the_derived_one(tmp_path: Path) -> None:
    body = "entries:\n" + "\n".join("  " + line for line in SET.splitlines()) + "\n"
    body += "coverage:\n  - source: council-2024-5484\n    section: CABO VERDE\n"
    path = tmp_path / "set.yaml"
    path.write_text(body, encoding="utf-8")
    docs = load_manifest(project_root() / "sources", verify=False)
    report = evaluate(load_set(path, docs), store_from_trig(DATA / "instruments.trig"),
                      project_root())  # fmt: skip
    assert report["coverage"] == {"council-2024-5484": [[117, 117], [126, 127]]}
    # only the Cabo Verde facts are judged now: signed (key) and in force (strict)
    assert report["instrument"]["overall"]["key"]["precision"] == fig(2, 2, 1.0, 0.342, 1.0)
    assert report["instrument"]["overall"]["strict"]["precision"] == fig(1, 2, 0.5, 0.095, 0.905)
