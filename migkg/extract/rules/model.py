"""What the sentence rules share: the draft claim, the document context, the phrase tables,
the ranking of statuses, dates and quote windows (issue 15: the rules' common ground, so that
each family of rules can live in a module of its own)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from migkg.extract.triggers import Actor, Actors, Hit, PhraseTable
from migkg.loaders.base import DateValue

QUOTE_MAX = 300
# Statuses stronger first: when two phrases fall in one stretch of words, the stronger wins.
RANK = [
    "terminated",
    "suspended",
    "in_force",
    "provisionally_applied",
    "signed",
    "initialled",
    "on_hold",
    "stalled",
    "mandate",
    "negotiating",
    "launched",
    "implemented",
    "proposed",
    "other",
]
# A sentence without an instrument continues the previous one only for these statuses.
CARRIED = {
    "mandate",
    "negotiating",
    "initialled",
    "signed",
    "provisionally_applied",
    "in_force",
    "on_hold",
    "stalled",
    "suspended",
    "other",
}
# Statuses that stop what came before: "the proposal is put on hold" is on hold.
HALTS = {"on_hold", "stalled", "suspended", "terminated"}
# Types with no text to sign: partnerships and dialogues are launched, even when "concluded"
# (scheme: "signed texts use signed"; launched covers "dialogues, ASOPs, Talent Partnerships").
UNSIGNED = {"AntiSmugglingOperationalPartnership", "TalentPartnership", "MigrationDialogue"}
CARRY_UNITS = 3  # how many units a named instrument stays "the one just named"
# Working arrangements and agreements with an agency: the agency decides the type.
AGENCY_TYPES = {
    "frontex": "FrontexWorkingArrangement",
    "europol": "EuropolAgreement",
    "euaa": "EUAACooperation",
}
AGENCY_TYPED = set(AGENCY_TYPES.values())
PARTY_KINDS = ("country", "territory", "group", "mission")
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE_RX = re.compile(
    rf"(?<![\w-])(?:(?:{_DAY}(?:\s*[-–]\s*{_DAY})?\s+(?:of\s+)?)?{_MONTH}"
    rf"(?:\s+{_DAY}(?!\d),?)?(?:\s+(?:19|20)\d{{2}})?(?![\w-])"
    rf"|(?:19|20)\d{{2}}(?![\w-]|-\d))"
)
BETWEEN_STOP = re.compile(
    r",|;|\band\b|\bbut\b|\bwhile\b|\bwhereas\b|\bassess\w*|\bfeasibility\b", re.I
)


@dataclass(frozen=True)
class Draft:
    """A status claim before it becomes triples."""

    instrument_type: str
    status: str
    party: str  # IRI of the country, territory, group or mission
    country: str  # IRI of the country concerned (a mission's host)
    counterpart: str  # IRI
    date: DateValue | None
    negated: bool
    quote: str
    rule: str
    type_phrase: str
    status_phrase: str
    dated_in_text: bool = False  # the sentence gives the date (else the table row does)


@dataclass
class Context:
    """What the document around a unit tells: its section's actor, instruments just named."""

    section: Actor | None = None
    carry: tuple[str, ...] = ()  # types named in the recent units, most recent first
    carry_units: list[tuple[str, ...]] = field(default_factory=list)
    carry_age: int = 0
    year_hint: str = ""  # ISO date used to give a year-less date its year
    as_of: str = ""  # the document's asOf (ISO, last day): who is a Member State then
    agencies: tuple[str, ...] = ()  # agencies (not the EU) the passage names
    topic: str = ""  # the instrument type a heading or a "Label:" opening makes the topic
    # the parties the clauses before in the same sentence named ("A; negotiations ...")
    clause_parties: tuple[tuple[int, int], list[tuple[Hit, Actor]]] = ((-1, -1), [])


@dataclass
class Tables:
    types: PhraseTable
    statuses: PhraseTable
    actors: Actors
    parse_date: Callable[..., DateValue]


def rank(status: str) -> int:
    return RANK.index(status) if status in RANK else len(RANK)


def find_dates(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in DATE_RX.finditer(text)]


def dist(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def quote_window(text: str, spans: list[tuple[int, int]]) -> str:
    """The unit, or the shortest word-aligned window of it holding the spans (<= 300)."""
    if len(text) <= QUOTE_MAX:
        return text
    a = min(s[0] for s in spans)
    b = max(s[1] for s in spans)
    if b - a > QUOTE_MAX:
        b = a + QUOTE_MAX
    pad = (QUOTE_MAX - (b - a)) // 2
    a2, b2 = max(0, a - pad), min(len(text), b + pad)
    while a2 > 0 and a2 < a and not text[a2 - 1].isspace():
        a2 += 1
    while b2 < len(text) and b2 > b and not text[b2].isspace():
        b2 -= 1
    return text[a2:b2].strip()


CLAUSE_BREAK = re.compile(r",|;|\band\b|\bbut\b|\bwhile\b", re.I)


def in_parens(text: str, at: int) -> tuple[int, int] | None:
    """The (start, end) of the parenthesis around offset ``at``, if any."""
    open_ = text.rfind("(", 0, at)
    if open_ < 0 or text.rfind(")", open_, at) >= 0:
        return None
    close = text.find(")", at)
    return (open_, close if close >= 0 else len(text))


# The status belongs to something else named between it and the instrument: a project,
