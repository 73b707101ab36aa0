"""Dating rules: the date of each status, bound to its own step.

A date goes to the status it is nearest to, not across a clause break, not into or out of a
bracket; a year-less date takes a year only when the text makes it certain; "respectively"
pairs dates with parties in order.
"""

from __future__ import annotations

import re
from dataclasses import replace

from migkg.extract.rules.model import CLAUSE_BREAK, Context, Draft, Tables, dist, in_parens
from migkg.extract.sentences import Unit
from migkg.extract.triggers import Hit
from migkg.loaders.base import DateValue


def pair_respectively(
    text: str, drafts: list[Draft], dates: list[tuple[int, int, str]], t: Tables, ctx: Context
) -> list[Draft]:
    """ "with Morocco and Algeria since September 2000 and November 2002 respectively": as many
    dates as parties, paired in order."""
    if not re.search(r"\brespectively\b", text):
        return drafts
    groups: dict[tuple[str, str, str], list[Draft]] = {}
    for d in drafts:
        groups.setdefault((d.instrument_type, d.status, d.counterpart), []).append(d)
    order = {a.iri: h.start for h, a in t.actors.find(text)}
    out: list[Draft] = []
    for group in groups.values():
        mine = [x for x in dates if group[0].date is not None and x[2].rstrip(",") in text]
        if len(group) > 1 and len(group) == len(mine):
            group = sorted(group, key=lambda d: order.get(d.party, 0))
            for d, x in zip(group, mine, strict=True):
                value = t.parse_date(x[2].rstrip(","), following=ctx.as_of)
                out.append(replace(d, date=value) if value.earliest else d)
        else:
            out.extend(group)
    return out


def _date_score(text: str, s: Hit, d: tuple[int, int, str]) -> int:
    """How unlikely the date is the status's date: distance, plus penalties for a date before
    the status across a clause break ("launched ... in 2023 and explore"), and for a date in
    brackets the status is not in ("(first dialogue scheduled in November)")."""
    score = dist((s.start, s.end), (d[0], d[1]))
    if d[1] <= s.start:
        score += 8
        if CLAUSE_BREAK.search(text[d[1] : s.start]):
            score += 40
    elif CLAUSE_BREAK.search(text[s.end : d[0]]) and len(text[s.end : d[0]]) > 25:
        score += 20
    paren = in_parens(text, d[0])
    if paren and not (paren[0] <= s.start < paren[1]):
        score += 30
    own = in_parens(text, s.start)
    if own and not (own[0] <= d[0] < own[1]):
        score += 60  # "(entry into force in 2009)": the bracket holds its own date
    return score


_SHARED_YEAR = re.compile(r"\s*(?:and|to|-|–)\s+[^,;()]{0,25}?(?:19|20)\d\d")


def _later_year(text: str, dates: list[tuple[int, int, str]], value: DateValue, t: Tables) -> bool:
    """Whether the sentence dates something after the date the asOf gave a year-less date:
    the year-less one is then likely later still, and no year is guessed for it."""
    if not value.latest:
        return False
    for d in dates:
        if re.search(r"(?:19|20)\d\d", d[2]):
            other = t.parse_date(d[2].rstrip(","))
            if other.earliest and other.earliest > value.latest:
                return True
    return False


def date_for(
    s: Hit,
    statuses: list[Hit],
    dates: list[tuple[int, int, str]],
    unit: Unit,
    ctx: Context,
    t: Tables,
) -> tuple[DateValue | None, bool]:
    """The status's date and whether the sentence itself gives it (not the table row)."""
    text = unit.text
    mine = [d for d in dates if min(statuses, key=lambda o: _date_score(text, o, d)) is s]
    hint = ctx.year_hint
    row: DateValue | None = None
    if unit.row_date:
        row = t.parse_date(unit.row_date, previous=ctx.year_hint)
        if row.earliest:
            hint = row.earliest
        else:
            row = None
    if mine:
        d = min(mine, key=lambda d: _date_score(text, s, d))
        if not (row is not None and unit.cell > 0 and _date_score(text, s, d) >= 30):
            if unit.row_date:
                value = t.parse_date(d[2].rstrip(","), previous=hint)
            else:  # prose reports the past: a year-less date falls on or before the asOf
                value = t.parse_date(d[2].rstrip(","), following=ctx.as_of)
                if (
                    not re.search(r"(?:19|20)\d\d", d[2])
                    and not _SHARED_YEAR.match(text[d[1] :])  # "in March and April 2024"
                    and _later_year(text, dates, value, t)
                ):
                    return None, False  # "entry into force in April (signed in June 2024)"
            if value.earliest:
                return value, True
    if row is not None and unit.cell > 0:
        return row, False
    return None, False
