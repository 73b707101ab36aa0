"""Event tables of the 2024 state-of-play note: row counts, golden rows, a made-up section."""

from __future__ import annotations

import os
import re

import pytest

from migkg.loaders.council_note import read
from tests.loaders.conftest import GOLDEN

NOTE = "council-2024-5484"
GOLDEN_SECTIONS = (
    "SENEGAL",
    "THE RABAT PROCESS",
    "MAURITANIA",  # "7 and 9 December 2022 December, 8 January, 8 March 2023"
    "JORDAN",  # three rows without a year
    "BANGLADESH",  # "1-2 March", "1 st Semester 2024 TBC"
    "UNITED STATES OF AMERICA",  # "5-6 16-17 March 2023 (Stockholm)"
    "THE PRAGUE PROCESS",  # "04 March 2021 15 April 2021", continuation row
    "THE AFRICA-EU MIGRATION AND MOBILITY DIALOGUE",  # "March/April (tbc)"
)
FIELDS = "line\tdateText\tedtf\tearliest\tlatest\tprecision\ttbc\tyearInferred\tplace\ttitle"


def independent_tables(text: str) -> list[tuple[int, int, int]]:
    """(caption line, last table line, logical rows) for each event table, from raw lines.

    A line with a non-empty first tab cell starts a row, a line with an empty first cell
    continues it, blank lines are ignored, and the table ends at the first non-blank line
    without a tab.
    """
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if line.strip() != "Key past and upcoming events":
            continue
        rows, last, j = 0, i + 1, i + 1
        while j < len(lines) and ("\t" in lines[j] or not lines[j].strip()):
            if "\t" in lines[j]:
                last = j + 1
                rows += lines[j].split("\t")[0].strip() != ""
            j += 1
        out.append((i + 1, last, rows))
    return out


def test_one_event_per_logical_row_in_every_table(corpus) -> None:
    _doc, text, reading = corpus[NOTE]
    tables = independent_tables(text)
    assert len(tables) == 50
    for caption, last, rows in tables:
        events = [e for e in reading.events if caption < e.passage.first_line <= last]
        assert len(events) == rows, f"table after line {caption}"
    assert sum(r for _, _, r in tables) == len(reading.events) == 836


def test_continuation_lines_belong_to_the_previous_row(corpus) -> None:
    _doc, _text, reading = corpus[NOTE]
    ev = next(e for e in reading.events if e.passage.first_line == 1318)
    assert (ev.passage.first_line, ev.passage.last_line) == (1318, 1320)
    assert ev.comment.endswith("planned for the second half of 2022")
    assert ev.date.text == "11 May 2021"


def golden_rows(reading) -> str:
    rows = [FIELDS]
    for section in GOLDEN_SECTIONS:
        rows.append(f"# {section}")
        for e in reading.events:
            if e.subject != section:
                continue
            d = e.date
            rows.append(
                "\t".join(
                    [
                        str(e.passage.first_line),
                        d.text,
                        d.edtf,
                        d.earliest,
                        d.latest,
                        d.precision,
                        str(d.tbc).lower(),
                        str(d.year_inferred).lower(),
                        e.place,
                        e.title,
                    ]
                )
            )
    return "\n".join(rows) + "\n"


def test_golden_event_rows(corpus) -> None:
    _doc, _text, reading = corpus[NOTE]
    path = GOLDEN / f"events-{NOTE}.tsv"
    got = golden_rows(reading)
    if os.environ.get("MIGKG_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_every_edtf_of_the_corpus_parses_with_the_edtf_package(corpus) -> None:
    """The loader checks EDTF with a fast pattern; here the package itself checks each one."""
    from edtf import parse_edtf

    values = {e.date.edtf for e in corpus[NOTE][2].events if e.date.edtf}
    values |= {o for e in corpus[NOTE][2].events for o in e.date.occurrences}
    for value in sorted(values):
        parse_edtf(value)


def test_every_date_cell_parses_or_is_listed_as_unknown(corpus) -> None:
    _doc, _text, reading = corpus[NOTE]
    unknown = [e.date.text for e in reading.events if e.date.precision == "unknown"]
    assert unknown == []


SYNTHETIC = """Part 1- Bilateral dialogues

A. IMAGINARY COUNTRIES

ZEMBLA

The EU and Zembla agreed a Mobility Partnership in 2021. Talks on readmission continue.

Key past and upcoming events

3 March 2023\tFirst EU-Zembla migration dialogue – Onhava\tBoth sides agreed a roadmap
14-15 June 2023\tJoint Readmission Committee\tThe committee met in

\t\tOnhava and reviewed the roadmap.
2-3 May\tTechnical meeting\t
Q2/Q3 2024 (tbc)\tSecond migration dialogue, Brussels\t

Part 2- The regional processes

A. THE ZEMBLA PROCESS

The Zembla Process is a dialogue of the EU with the countries of the Zemblan route.

Key past and upcoming events

5-6 March 2024, Onhava\tSenior Officials Meeting\t
"""


def test_a_new_country_in_the_same_style() -> None:
    reading = read("synthetic", SYNTHETIC, "2024-02")
    got = [
        (
            e.subject,
            e.passage.first_line,
            e.passage.last_line,
            e.date.edtf,
            e.date.precision,
            e.date.tbc,
            e.date.year_inferred,
            e.place,
            e.title,
            e.comment,
        )
        for e in reading.events
    ]
    assert got == [
        ("ZEMBLA", 11, 11, "2023-03-03", "day", False, False, "",
         "First EU-Zembla migration dialogue – Onhava", "Both sides agreed a roadmap"),
        ("ZEMBLA", 12, 14, "2023-06-14/2023-06-15", "range", False, False, "",
         "Joint Readmission Committee",
         "The committee met in Onhava and reviewed the roadmap."),
        ("ZEMBLA", 15, 15, "2024-05-02/2024-05-03", "range", False, True, "",
         "Technical meeting", ""),
        ("ZEMBLA", 16, 16, "[2024-04..2024-06,2024-07..2024-09]", "range", True, False, "",
         "Second migration dialogue, Brussels", ""),
        ("THE ZEMBLA PROCESS", 26, 26, "2024-03-05/2024-03-06", "range", False, False,
         "Onhava", "Senior Officials Meeting", ""),
    ]  # fmt: skip
    paragraphs = [(p.section, p.part, p.display) for p in reading.passages if p.role == "paragraph"]
    assert paragraphs == [
        ("ZEMBLA", "Part 1- Bilateral dialogues",
         "The EU and Zembla agreed a Mobility Partnership in 2021. Talks on readmission continue."),
        ("THE ZEMBLA PROCESS", "Part 2- The regional processes",
         "The Zembla Process is a dialogue of the EU with the countries of the Zemblan route."),
    ]  # fmt: skip
    cells = [(p.column, p.display) for p in reading.passages if p.first_line == 12]
    assert cells == [
        ("", "14-15 June 2023 Joint Readmission Committee The committee met in Onhava and "
             "reviewed the roadmap."),
        ("date", "14-15 June 2023"),
        ("event", "Joint Readmission Committee"),
        ("comment", "The committee met in Onhava and reviewed the roadmap."),
    ]  # fmt: skip
    assert [s for s in reading.skipped] == [
        (1, 1, "heading (part)"),
        (3, 3, "heading (lettered)"),
        (5, 5, "heading (upper)"),
        (9, 9, "heading (caption)"),
        (18, 18, "heading (part)"),
        (20, 20, "heading (lettered)"),
        (24, 24, "heading (caption)"),
    ]


@pytest.mark.parametrize("name", ["council_note", "events", "dates", "numbered", "letter"])
def test_loaders_hold_no_line_numbers_of_a_file(name: str) -> None:
    """No file-specific offsets: a loader must not compare line numbers with constants."""
    from pathlib import Path

    src = (Path(__file__).resolve().parents[2] / "loaders" / f"{name}.py").read_text("utf-8")
    assert not re.search(r"\b(?:number|first_line|last_line|line)\s*[<>=!]=?\s*\d{2,}", src)
