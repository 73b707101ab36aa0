"""dates.py over every date form the issue lists, plus the corpus' own odd cells."""

from __future__ import annotations

import pytest
from edtf import parse_edtf

from migkg.loaders.dates import parse_date, parse_date_cell, valid_edtf

# text -> (edtf, earliest, latest, precision, tbc, occurrences)
CASES = {
    "12-13 March 2024": ("2024-03-12/2024-03-13", "2024-03-12", "2024-03-13", "range", False, ()),
    "March 2024": ("2024-03", "2024-03-01", "2024-03-31", "month", False, ()),
    "Q1 2024": ("2024-33", "2024-01-01", "2024-03-31", "quarter", False, ()),
    "Q3/Q4 2024 (tbc)": (
        "[2024-07..2024-09,2024-10..2024-12]",
        "2024-07-01",
        "2024-12-31",
        "range",
        True,
        (),
    ),
    "Autumn 2020": ("2020-23", "2020-09-01", "2020-11-30", "season", False, ()),
    "Fall 2022 (tbc)": ("2022-23", "2022-09-01", "2022-11-30", "season", True, ()),
    "second half of 2022": ("2022-41", "2022-07-01", "2022-12-31", "half-year", False, ()),
    "1 st Semester 2024 TBC": ("2024-40", "2024-01-01", "2024-06-30", "half-year", True, ()),
    "Last quarter 2023": ("2023-36", "2023-10-01", "2023-12-31", "quarter", False, ()),
    "December 2022 – February 2023": (
        "2022-12/2023-02",
        "2022-12-01",
        "2023-02-28",
        "range",
        False,
        (),
    ),
    "30 November or 1 December 2023": (
        "[2023-11-30,2023-12-01]",
        "2023-11-30",
        "2023-12-01",
        "range",
        False,
        (),
    ),
    "05 January, 24 February, 17 March, 22 May 2023": (
        "{2023-01-05,2023-02-24,2023-03-17,2023-05-22}",
        "2023-01-05",
        "2023-05-22",
        "day",
        False,
        ("2023-01-05", "2023-02-24", "2023-03-17", "2023-05-22"),
    ),
    "March 2020-cancelled, new date tbc": (
        "2020-03",
        "2020-03-01",
        "2020-03-31",
        "month",
        True,
        (),
    ),
    "7-8 February 2024, Nairobi": (
        "2024-02-07/2024-02-08",
        "2024-02-07",
        "2024-02-08",
        "range",
        False,
        (),
    ),
    "2023 (tbc)": ("2023", "2023-01-01", "2023-12-31", "year", True, ()),
    "2022 – TBC": ("2022", "2022-01-01", "2022-12-31", "year", True, ()),
    "23 April (TBC) 2024": ("2024-04-23", "2024-04-23", "2024-04-23", "day", True, ()),
    "06 May, 2023": ("2023-05-06", "2023-05-06", "2023-05-06", "day", False, ()),
    "16/03/2023": ("2023-03-16", "2023-03-16", "2023-03-16", "day", False, ()),
    "29-30/03/2023": ("2023-03-29/2023-03-30", "2023-03-29", "2023-03-30", "range", False, ()),
    "20 /21 May 2021": ("2021-05-20/2021-05-21", "2021-05-20", "2021-05-21", "range", False, ()),
    "27 August – 2 September 2021": (
        "2021-08-27/2021-09-02",
        "2021-08-27",
        "2021-09-02",
        "range",
        False,
        (),
    ),
    "April/May 2024 (TBC)": ("[2024-04,2024-05]", "2024-04-01", "2024-05-31", "range", True, ()),
    "May-June 2024": ("2024-05/2024-06", "2024-05-01", "2024-06-30", "range", False, ()),
    "Q1 2023-Q1 2024": ("2023-01/2024-03", "2023-01-01", "2024-03-31", "range", False, ()),
    "04 March 2021 15 April 2021": (
        "{2021-03-04,2021-04-15}",
        "2021-03-04",
        "2021-04-15",
        "day",
        False,
        ("2021-03-04", "2021-04-15"),
    ),
    "5-6 16-17 March 2023 (Stockholm)": (
        "{2023-03-05..2023-03-06,2023-03-16..2023-03-17}",
        "2023-03-05",
        "2023-03-17",
        "range",
        False,
        ("2023-03-05/2023-03-06", "2023-03-16/2023-03-17"),
    ),
    "7 and 9 December 2022 December, 8 January, 8 March 2023": (
        "{2022-12-07,2022-12-09,2022-12,2023-01-08,2023-03-08}",
        "2022-12-01",
        "2023-03-08",
        "range",
        False,
        ("2022-12-07", "2022-12-09", "2022-12", "2023-01-08", "2023-03-08"),
    ),
    "7 July and 13-14 October 2021": (
        "{2021-07-07,2021-10-13..2021-10-14}",
        "2021-07-07",
        "2021-10-14",
        "range",
        False,
        ("2021-07-07", "2021-10-13/2021-10-14"),
    ),
}


@pytest.mark.parametrize("text", sorted(CASES))
def test_date_forms(text: str) -> None:
    d = parse_date(text)
    got = (d.edtf, d.earliest, d.latest, d.precision, d.tbc, d.occurrences)
    assert got == CASES[text]
    assert d.text == text
    assert not d.year_inferred


@pytest.mark.parametrize("text", sorted(CASES))
def test_every_edtf_parses_and_agrees_with_the_bounds(text: str) -> None:
    d = parse_date(text)
    parsed = parse_edtf(d.edtf)
    lower = parsed.lower_strict()
    assert f"{lower.tm_year:04d}-{lower.tm_mon:02d}-{lower.tm_mday:02d}" == d.earliest


def test_cancelled_is_flagged() -> None:
    assert parse_date("March 2020-cancelled, new date tbc").cancelled
    assert not parse_date("March 2020").cancelled


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("7-8 February 2024, Nairobi", "Nairobi"),
        ("20-21 June 2023 (Stockholm)", "Stockholm"),
        ("15 - 16 March 2023, Berlin.", "Berlin"),
        ("16 December 2021, Washington D.C", "Washington D.C"),
        ("February 2023, Dakar tbc", "Dakar"),
        ("March 2020-cancelled, new date tbc", ""),
        ("12-13 March 2024", ""),
    ],
)
def test_place_in_the_date_cell(text: str, place: str) -> None:
    assert parse_date_cell(text)[1] == place


def test_no_year_is_inferred_from_the_previous_row() -> None:
    d = parse_date("2-3 May", previous="2023-02-27", following="2023-06-07")
    assert (d.edtf, d.earliest, d.latest, d.precision, d.year_inferred) == (
        "2023-05-02/2023-05-03",
        "2023-05-02",
        "2023-05-03",
        "range",
        True,
    )


def test_no_year_rolls_over_when_the_previous_row_is_later_in_the_year() -> None:
    d = parse_date("March/April (tbc)", previous="2022-11-28")
    assert (d.edtf, d.tbc, d.year_inferred) == ("[2023-03,2023-04]", True, True)


def test_no_year_from_the_following_row_when_first() -> None:
    d = parse_date("13 March", following="2023-04-27")
    assert (d.edtf, d.year_inferred) == ("2023-03-13", True)


def test_no_year_and_no_neighbours_is_unknown() -> None:
    d = parse_date("2-3 May")
    assert (d.edtf, d.earliest, d.latest, d.precision) == ("", "", "", "unknown")


@pytest.mark.parametrize("text", ["", "ongoing", "after the elections", "31-2 March 2020"])
def test_unreadable_text_is_unknown_not_an_error(text: str) -> None:
    d = parse_date(text)
    assert (d.text, d.edtf, d.earliest, d.latest, d.precision) == (text, "", "", "", "unknown")


def test_valid_edtf_rejects_what_the_package_rejects() -> None:
    assert valid_edtf("2024-33")
    assert not valid_edtf("2023-33/2024-33")
