"""Date text as printed in the documents -> DateValue (decision 0004).

The tables write dates every way a person would: "12-13 March 2024", "Q3/Q4 2024 (tbc)",
"30 November or 1 December 2023", "05 January, 24 February, 17 March, 22 May 2023",
"7-8 February 2024, Nairobi", "2-3 May". The text is kept verbatim; we derive an EDTF string
(validated with the ``edtf`` package), earliest/latest ISO bounds that queries filter on, a
precision, and flags (tbc, year inferred, cancelled). A text we cannot read is not an error: it
gets precision ``unknown`` and empty bounds, so the event is still in the graph.

How it works: the text is cleaned of flags (tbc, cancelled) and places ("..., Nairobi",
"(Stockholm)"), tokenised into days, months, years, quarters, halves and seasons, grouped into
points separated by ranges ("-"), alternatives ("or", "/") and lists (",", "and", or two dates
side by side), then missing months/years are filled from the right ("7 and 9 December 2022"),
and, only when the text has no year at all, from the neighbouring rows (``previous`` /
``following``). docs/reading.md lists the choices (seasons, "/" between days, precision of a
list of dates...).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from functools import cache

from edtf import parse_edtf

from migkg.loaders.base import DateValue

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            (),
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
# Meteorological (northern) seasons: first and last month; winter runs into the next year.
SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}

_TBC = re.compile(r"\(?\b(?:tbc|tbd|to be confirmed)\b\)?", re.I)
_CANCELLED = re.compile(r"\bcancell?ed\b", re.I)
_NEW_DATE = re.compile(r"\bnew date\b", re.I)
_PAREN = re.compile(r"\(([^()]*)\)")
_NUMERIC_RANGE = re.compile(r"\b(\d{1,2})\s*-\s*(\d{1,2})/(\d{1,2})/(\d{4})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_ORDINAL = re.compile(r"\b(\d)\s*(?:st|nd|rd|th)\b", re.I)
_PHRASES = [
    (re.compile(r"\b(?:1|first)\s+(?:semester|half)(?:\s+of)?\b", re.I), " H1 "),
    (re.compile(r"\b(?:2|second)\s+(?:semester|half)(?:\s+of)?\b", re.I), " H2 "),
    (re.compile(r"\b(?:last|fourth|4)\s+quarter(?:\s+of)?\b", re.I), " Q4 "),
    (re.compile(r"\b(?:first|1)\s+quarter(?:\s+of)?\b", re.I), " Q1 "),
    (re.compile(r"\b(?:second|2)\s+quarter(?:\s+of)?\b", re.I), " Q2 "),
    (re.compile(r"\b(?:third|3)\s+quarter(?:\s+of)?\b", re.I), " Q3 "),
]
_TOKEN = re.compile(r"Q[1-4]|H[12]|\d{4}|\d{1,2}|[A-Za-z]+|[-/,&]", re.I)
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_FILLER = {"of", "the", "in", "on", "date"}


@dataclass(frozen=True)
class Point:
    """One calendar unit: a day, month, season, quarter, half-year or year."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    unit: str = ""  # "quarter" | "half-year" | "season" when the point is a sub-year group
    group: int = 0  # EDTF sub-year code (21-24 seasons, 33-36 quarters, 40-41 halves)
    year_given: bool = True

    @property
    def precision(self) -> str:
        if self.unit:
            return self.unit
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def bounds(self) -> tuple[str, str]:
        y = self.year
        assert y is not None
        if self.unit:
            first, last = _group_months(self.group)
            ly, lm = y + (last - 1) // 12, (last - 1) % 12 + 1
            return f"{y:04d}-{first:02d}-01", _last_day(ly, lm)
        if self.day is not None:
            return (f"{y:04d}-{self.month:02d}-{self.day:02d}",) * 2
        if self.month is not None:
            return f"{y:04d}-{self.month:02d}-01", _last_day(y, self.month)
        return f"{y:04d}-01-01", f"{y:04d}-12-31"

    def edtf(self) -> str:
        y = f"{self.year:04d}"
        if self.unit:
            return f"{y}-{self.group}"
        if self.day is not None:
            return f"{y}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{y}-{self.month:02d}"
        return y

    def month_span(self) -> str:
        """The point as an EDTF month interval ``YYYY-MM..YYYY-MM`` (fallback for groups)."""
        start, end = self.bounds()
        return f"{start[:7]}..{end[:7]}"


def _group_months(group: int) -> tuple[int, int]:
    if group in SEASON_MONTHS:
        return SEASON_MONTHS[group]
    if 33 <= group <= 36:
        q = group - 33
        return 3 * q + 1, 3 * q + 3
    if group in (40, 41):
        return (1, 6) if group == 40 else (7, 12)
    raise ValueError(f"unsupported EDTF group {group}")


def _days(p: Point) -> int:
    return calendar.monthrange(p.year or 2000, p.month or 1)[1]


def _last_day(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


_D = r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
_FAST = re.compile(
    rf"{_D}|\d{{4}}-(?:2[1-4]|3[3-6]|4[01])|{_D}/{_D}"
    rf"|[\[{{]{_D}(?:\.\.{_D})?(?:,{_D}(?:\.\.{_D})?)*[\]}}]"
)


@cache
def valid_edtf(value: str) -> bool:
    """True when the string is EDTF as the ``edtf`` package reads it.

    ``parse_edtf`` costs 15-100 ms a call (pyparsing), too slow for 800 table rows, so the few
    forms this module builds (dates, sub-year groups, date intervals, sets of dates and date
    ranges) are checked with a regular expression; the tests check each form, and every EDTF
    of the corpus, with ``parse_edtf`` itself. Anything else goes to ``parse_edtf``.
    """
    if _FAST.fullmatch(value):
        return True
    try:
        parse_edtf(value)
    except Exception:
        return False
    return True


@dataclass
class Cleaned:
    """The date text with flags and place taken out."""

    core: str
    tbc: bool
    cancelled: bool
    place: str


def clean(text: str) -> Cleaned:
    """Separate the date proper from flags ("(tbc)", "cancelled") and a place.

    A place is a parenthesised word that is not a flag ("(Stockholm)") or a trailing
    comma-separated segment holding no date word ("7-8 February 2024, Nairobi").
    """
    s = _DASHES.sub("-", text).replace("\u00a0", " ")
    tbc = bool(_TBC.search(s))
    s = _TBC.sub(" ", s)
    cancelled = bool(_CANCELLED.search(s))
    s = _CANCELLED.sub(" ", s)
    s = _NEW_DATE.sub(" ", s)
    places: list[str] = []

    def paren(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        if inner and not _has_date_word(inner):
            places.append(inner)
            return " "
        return f" {inner} "

    s = _PAREN.sub(paren, s)
    segments = s.split(",")
    while len(segments) > 1 and not _has_date_word(segments[-1]):
        tail = segments.pop().strip(" .-")
        if tail:
            places.insert(0, tail)
    s = ",".join(segments)
    s = re.sub(r"[\s,.\-/]+$", "", s).strip()
    s = re.sub(r"^[\s,.\-/]+", "", s)
    return Cleaned(s, tbc, cancelled, ", ".join(places))


def _has_date_word(s: str) -> bool:
    for tok in _TOKEN.findall(s):
        low = tok.lower()
        if tok[0].isdigit() or low in MONTHS or low in SEASONS or re.fullmatch(r"[qh]\d", low):
            return True
    return bool(re.search(r"\b(?:semester|half|quarter)\b", s, re.I))


# --- tokens and points --------------------------------------------------------------------


def _normalise(core: str) -> str:
    s = _NUMERIC_RANGE.sub(
        lambda m: f"{m.group(1)}-{m.group(2)} {_month_name(int(m.group(3)))} {m.group(4)}", core
    )
    s = _NUMERIC.sub(lambda m: f"{m.group(1)} {_month_name(int(m.group(2)))} {m.group(3)}", s)
    s = _ORDINAL.sub(r"\1", s)
    for pattern, repl in _PHRASES:
        s = pattern.sub(repl, s)
    # "06 May, 2023": a comma before a lone year belongs to the same date.
    s = re.sub(r",\s*(?=\d{4}\b)", " ", s)
    return s


def _month_name(m: int) -> str:
    return calendar.month_name[m] if 1 <= m <= 12 else "?"


class Unreadable(ValueError):
    """The text holds something that is not a date word."""


def _points(core: str) -> tuple[list[Point], list[str]]:
    """Points and the separator before each point after the first ("range", "alt", "list")."""
    points: list[Point] = []
    seps: list[str] = []
    cur: dict[str, int] = {}
    pending_sep = ["list"]  # the separator met since the last point was closed

    def close() -> None:
        nonlocal cur
        if cur:
            if points:
                seps.append(pending_sep[0])
            points.append(_make_point(cur))
            pending_sep[0] = "list"
        cur = {}

    words = _TOKEN.findall(_normalise(core))
    for i, tok in enumerate(words):
        low = tok.lower()
        if tok in "-/,&" or low in ("and", "or", "to"):
            close()
            if tok == "-" or low == "to":
                pending_sep[0] = "range"
            elif tok == "/":
                nxt = words[i + 1] if i + 1 < len(words) else ""
                prev_day = bool(points) and points[-1].day is not None
                prev_day = prev_day and points[-1].month is None
                pending_sep[0] = "range" if prev_day and nxt.isdigit() else "alt"
            elif low == "or":
                pending_sep[0] = "alt"
            else:
                pending_sep[0] = "list"
            continue
        if re.fullmatch(r"\d{4}", tok):
            if "year" in cur:
                close()
            cur["year"] = int(tok)
            close()
        elif tok.isdigit():
            if cur:
                close()
            day = int(tok)
            if not 1 <= day <= 31:
                raise Unreadable(tok)
            cur["day"] = day
        elif low in MONTHS:
            if "month" in cur or "group" in cur:
                close()
            cur["month"] = MONTHS[low]
        elif re.fullmatch(r"q[1-4]", low):
            if cur:
                close()
            cur["group"] = 32 + int(low[1])
        elif re.fullmatch(r"h[12]", low):
            if cur:
                close()
            cur["group"] = 39 + int(low[1])
        elif low in SEASONS:
            if cur:
                close()
            cur["group"] = SEASONS[low]
        elif low in _FILLER:
            continue
        else:
            raise Unreadable(tok)
    close()
    return points, seps


def _make_point(cur: dict[str, int]) -> Point:
    group = cur.get("group", 0)
    unit = ""
    if group:
        unit = "season" if group < 30 else "quarter" if group < 40 else "half-year"
    return Point(
        year=cur.get("year"),
        month=cur.get("month"),
        day=cur.get("day"),
        unit=unit,
        group=group,
        year_given="year" in cur,
    )


def _fill(points: list[Point]) -> list[Point]:
    """Give each point the month and year of the next point that has them (right to left)."""
    out = list(points)
    month: int | None = None
    year: int | None = None
    for i in range(len(out) - 1, -1, -1):
        p = out[i]
        month_given = p.month is not None
        if p.day is not None and p.month is None and month is not None:
            p = replace(p, month=month)
        if p.year is None and year is not None:
            p = replace(p, year=year)
            # chronological order within one cell: "December, 8 January, 8 March 2023"
            later = i + 1 < len(out) and p.bounds()[0] > out[i + 1].bounds()[0]
            if later and month_given:
                p = replace(p, year=year - 1)
        if p.month is not None and not p.unit:
            month = p.month if p.day is not None or month is None else month
        if out[i].month is not None:
            month = out[i].month
        if p.year is not None:
            year = p.year
        out[i] = p
    return out


def _infer_year(points: list[Point], previous: str, following: str) -> list[Point] | None:
    """Give a year-less text the year that keeps the table in date order, or None."""
    if previous:
        year = int(previous[:4])
        cand = [replace(p, year=year) for p in points]
        if cand[0].bounds()[0] < previous:
            cand = [replace(p, year=year + 1) for p in points]
        return _fill(cand)
    if following:
        year = int(following[:4])
        cand = [replace(p, year=year) for p in points]
        if cand[0].bounds()[0] > following:
            cand = [replace(p, year=year - 1) for p in points]
        return _fill(cand)
    return None


# --- from points to a DateValue ---------------------------------------------------------


def _interval(a: Point, b: Point) -> tuple[str, str]:
    """EDTF interval and its set-member form ("a/b", "a..b"); groups fall back to months."""
    if not a.unit and not b.unit:
        return f"{a.edtf()}/{b.edtf()}", f"{a.edtf()}..{b.edtf()}"
    start, end = a.bounds()[0][:7], b.bounds()[1][:7]
    return f"{start}/{end}", f"{start}..{end}"


def _member(p: Point) -> str:
    """A point as a member of an EDTF set: sub-year groups are not accepted there."""
    return p.month_span() if p.unit else p.edtf()


def parse_date(text: str, *, previous: str = "", following: str = "") -> DateValue:
    """Read a date text; ``previous``/``following`` are ISO dates of the neighbouring rows,
    used only when the text itself has no year (then ``year_inferred`` is set)."""
    return parse_date_cell(text, previous=previous, following=following)[0]


def parse_date_cell(text: str, *, previous: str = "", following: str = "") -> tuple[DateValue, str]:
    """Read a table's date cell: the DateValue and the place printed in the cell, if any."""
    verbatim = text.strip()
    c = clean(verbatim)
    unknown = DateValue(verbatim, "", "", "", "unknown", tbc=c.tbc, cancelled=c.cancelled)
    try:
        points, seps = _points(c.core)
    except Unreadable:
        return unknown, c.place
    if not points:
        return unknown, c.place
    points = _fill(points)
    inferred = False
    if any(p.year is None for p in points):
        filled = _infer_year(points, previous, following)
        if filled is None:
            return unknown, c.place
        points, inferred = filled, True
    if any(p.day is not None and (p.month is None or p.day > _days(p)) for p in points):
        return unknown, c.place
    items = _group(points, seps)
    value = _value(items)
    if value is None:
        return unknown, c.place
    edtf, earliest, latest, precision, occurrences = value
    if edtf and not valid_edtf(edtf):  # pragma: no cover - a bug in this module
        raise AssertionError(f"produced invalid EDTF {edtf!r} for {verbatim!r}")
    return (
        DateValue(
            verbatim,
            edtf,
            earliest,
            latest,
            precision,
            tbc=c.tbc,
            year_inferred=inferred,
            occurrences=occurrences,
            cancelled=c.cancelled,
        ),
        c.place,
    )


Item = tuple[str, list[Point]]  # ("point" | "range" | "alt", points)


def _group(points: list[Point], seps: list[str]) -> list[Item]:
    items: list[Item] = [("point", [points[0]])]
    for sep, p in zip(seps, points[1:], strict=True):
        kind, members = items[-1]
        if sep == "range" and kind == "point":
            items[-1] = ("range", [*members, p])
        elif sep == "alt" and kind in ("point", "alt"):
            items[-1] = ("alt", [*members, p])
        else:
            items.append(("point", [p]))
    return items


def _value(items: list[Item]) -> tuple[str, str, str, str, tuple[str, ...]] | None:
    earliest = min(p.bounds()[0] for _, ps in items for p in ps)
    latest = max(p.bounds()[1] for _, ps in items for p in ps)
    for kind, ps in items:
        if kind == "range" and ps[0].bounds()[0] > ps[-1].bounds()[1]:
            return None  # "30-2 March": not a range we can trust
    if len(items) == 1:
        kind, ps = items[0]
        if kind == "point":
            return ps[0].edtf(), earliest, latest, ps[0].precision, ()
        if kind == "range":
            return _interval(ps[0], ps[-1])[0], earliest, latest, "range", ()
        plain = f"[{','.join(p.edtf() for p in ps)}]"
        edtf = plain if valid_edtf(plain) else f"[{','.join(_member(p) for p in ps)}]"
        return edtf, earliest, latest, "range", ()
    occurrences: list[str] = []
    members: list[str] = []
    units: set[str] = set()
    for kind, ps in items:
        if kind == "point":
            occurrences.append(ps[0].edtf())
            members.append(_member(ps[0]))
            units.add(ps[0].precision)
        elif kind == "range":
            whole, member = _interval(ps[0], ps[-1])
            occurrences.append(whole)
            members.append(member)
            units.add("range")
        else:
            return None  # alternatives inside a list: too ambiguous to encode honestly
    edtf = "{" + ",".join(members) + "}"
    precision = units.pop() if len(units) == 1 else "range"
    return edtf, earliest, latest, precision, tuple(occurrences)
