"""Rules that turn one sentence into instrument status claims (issue 6).

The rules know no country, no line and no section name: they see a sentence (a ``Unit``), the
phrase tables read from the schemes and the reference graphs (``migkg.triggers``), and the
context the document gives (the actor whose section the sentence lies in, the date of the table
row, the instruments named just before). In one sentence:

1. instrument mentions are the instrument-type phrases; "visa facilitation and readmission
   agreements" names two (a coordinated head noun is shared);
2. status mentions are the status phrases; two status phrases in one stretch of words with no
   date, comma or "and" between them are one status (the stronger: "mandate to negotiate" is a
   mandate, "negotiations started" is negotiating);
3. each status pairs with the nearest instrument mention; when the sentence names none, with
   the instruments of the sentence just before (a table row's "Initialing of agreement text"
   continues the rows above) -- only for statuses of a legal life cycle;
4. the date is the date expression nearest the status (not nearer another status), else the
   table row's date;
5. the third party is every country, territory, group or mission the sentence names (not a
   Member State), else the actor whose section holds the sentence;
6. the counterpart is the agency a working arrangement is with (Frontex, Europol, EUAA, or
   another agency, which makes the type Other), a Member State when the sentence says the
   instrument is bilateral or between that State and the party, else the EU;
7. a status phrase holding a negation, or preceded by one in its clause, is a stated
   negative: the claim keeps that status and is marked negated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from migkg.loaders.base import DateValue
from migkg.sentences import Unit
from migkg.status_scope import (
    OTHER_THING,
    about_accession,
    aside_apart,
    authorised_after,
    denied_after,
    governed,
    mood,
    negated_status,
    occasion,
    scene_end,
)
from migkg.triggers import NEGATION, Actor, Actors, Hit, PhraseTable

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
_BETWEEN_STOP = re.compile(
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


def _dist(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def _type_hits(text: str, t: Tables) -> list[Hit]:
    """Instrument mentions, with coordinated ones ("visa facilitation and readmission
    agreements", "an operational anti-smuggling as well as a talent partnership") added on the
    word that names them, and split ones ("dialogue with the EU on migration", "the mobility
    EU-Morocco dialogue") on their head noun."""
    hits = t.types.find(text)
    extra: list[Hit] = []
    for h in hits:
        for m in re.finditer(
            rf"(\w+(?:[ -]\w+){{0,2}}){_AND}(?:of\s+)?(?:the\s+|a\s+|an\s+)?$", text[: h.start]
        ):
            extra.extend(_coordinated(m.group(1), m.start(1), t, h.surface))
        m = re.match(rf"{_AND}(?:the\s+|a\s+|an\s+)?(\w+(?:[ -]\w+)?)", text[h.end :])
        if m:
            extra.extend(
                _coordinated(m.group(1), h.end + m.start(1), t, h.surface, text[: h.start])
            )
    extra.extend(_split_hits(text, t))
    known = {(h.start, h.key) for h in hits}
    for e in extra:
        if (e.start, e.key) not in known and not any(
            h.start <= e.start < h.end or e.start <= h.start < e.end for h in hits
        ):
            hits.append(e)
            known.add((e.start, e.key))
    return sorted(hits, key=lambda h: h.start)


_AND = r"\s+(?:and|as\s+well\s+as)\s+"
_SPLIT_HEADS = ("dialogue", "dialogues", "partnership", "partnerships")
# What may stand between a phrase's words: a prepositional phrase naming the parties ("with
# the EU", "between the EU and Türkiye") or a name of the parties ("EU-Morocco").
_PARTIES_PP = r"\s+(?:with|between)\s+(?:[\w'’-]+\s+){1,6}?"
_PARTIES_NAME = r"\s+(?:[A-Z][\w'’]*[-–])?[A-Z][\w'’]*"


def _split_patterns(t: Tables) -> list[tuple[re.Pattern[str], str]]:
    """From each type phrase "<head> on <topic>" ("dialogue on migration") the pattern of the
    head and its topic with the parties in between; from each phrase "<words> <head>"
    ("Migration Dialogue") the pattern with a name of the parties before the head. Built from
    the scheme's labels, once per table."""
    cached = getattr(t.types, "_split_cache", None)
    if cached is not None:
        return cached
    out: list[tuple[re.Pattern[str], str]] = []
    for phrase, key in sorted(t.types.phrases.items()):
        words = phrase.split()
        if len(words) == 3 and words[1].lower() == "on" and words[0].lower() in _SPLIT_HEADS:
            rx = rf"\b{re.escape(words[0])}{_PARTIES_PP}on\s+{re.escape(words[2])}\b"
            out.append((re.compile(rx, re.I), key))
        elif len(words) >= 2 and words[-1].lower() in _SPLIT_HEADS and words[-2].isalpha():
            word, head = re.escape(words[-2].lower()), re.escape(words[-1].lower())
            rx = rf"\b{word}(?={_PARTIES_NAME}\s+{head}\b)"
            out.append((re.compile(rx), key))
    t.types._split_cache = out  # type: ignore[attr-defined]
    return out


def _split_hits(text: str, t: Tables) -> list[Hit]:
    out = []
    for rx, key in _split_patterns(t):
        for m in rx.finditer(text):
            out.append(Hit(m.start(), m.end(), key, m.group()))
    return out


def _coordinated(words: str, start: int, t: Tables, head_surface: str, text: str = "") -> list[Hit]:
    heads = (
        "agreement",
        "agreements",
        "arrangement",
        "arrangements",
        "partnership",
        "partnerships",
    )
    head_before = re.search(r"\b(?:agreements?|arrangements?)\s+on\s+(?:the\s+)?\S*$", text)
    if not head_surface.lower().endswith(heads) and not head_before:
        return []
    # the coordinated word takes the head noun of the phrase it is joined to
    noun = re.search(r"(agreement|arrangement|partnership)s?$", head_surface.lower())
    if noun:
        heads = tuple(h for h in heads if h.startswith(noun.group(1)))
    tokens = words.split()
    cands = [" ".join(tokens[-n:]) for n in range(len(tokens), 0, -1)] + [tokens[0]]
    for cand in cands:
        for head in heads:
            key = t.types.phrases.get(f"{cand} {head}") or t.types.phrases.get(
                f"{cand.lower()} {head}"
            )
            if key:
                off = start + words.find(cand)
                return [Hit(off, off + len(cand), key, cand)]
    return []


def _status_hits(text: str, t: Tables, dates: list[tuple[int, int, str]]) -> list[Hit]:
    # "the report concluded that ...": a status verb followed by "that" reports, not a status
    # "the Visa Suspension Mechanism": a status word inside the name of a mechanism
    # "co-signed by the Commissioner": the co-signers sign a letter, not an instrument
    hits = [
        h
        for h in t.statuses.find(text)
        if not re.match(r"\s+that\b|\s+Mechanism\b", text[h.end :])
        and not text[max(0, h.start - 3) : h.start].lower().endswith("co-")
    ]
    merged: list[Hit] = []
    for h in hits:
        if merged:
            prev = merged[-1]
            gap = text[prev.end : h.start]
            dated = any(prev.end <= d[0] < h.start for d in dates)
            if len(gap) <= 40 and not dated and not _BETWEEN_STOP.search(gap):
                if prev.negative != h.negative:
                    keep = prev if prev.negative else h
                elif prev.key == "proposed" and h.key not in HALTS:
                    keep = prev  # "explore ... to negotiate": the proposal governs
                elif prev.key == "proposed" and re.search(
                    r"\bproposed\s+(?:an?|the)\b", prev.surface + gap, re.I
                ):
                    # "proposed a partial suspension": a halt proposed is no halt yet, and no
                    # proposal of the instrument either
                    keep = Hit(prev.start, h.end, "", "")
                else:
                    keep = prev if rank(prev.key) <= rank(h.key) else h
                merged[-1] = Hit(prev.start, h.end, keep.key, text[prev.start : h.end])
                continue
        merged.append(h)
    return merged


_INVENTORY = re.compile(r"\b\d{1,3}\s+(?:[\w-]+\s+){0,3}$")


def _inventory(text: str, types: list[Hit]) -> list[Hit]:
    """ "18 readmission agreements with A, B, C": a count of instruments with a list of
    parties states that they exist, i.e. are in force; the status is pinned on the type."""
    out = []
    for h in types:
        if _INVENTORY.search(text[: h.start]) and re.match(r"\s+with\b", text[h.end :]):
            out.append(Hit(h.start, h.end, "in_force", ""))
    return out


def _negated(text: str, h: Hit) -> bool:
    if h.negative:
        return True
    window = text[max(0, h.start - 30) : h.start]
    window = _BETWEEN_STOP.split(window)[-1]
    return bool(NEGATION.search(window))


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


def _parties(unit_text: str, t: Tables, on: str) -> list[tuple[Hit, Actor]]:
    """The third parties a sentence names; a group followed by the list of the countries it
    means ("the EU candidate countries (Croatia, ... and Turkey)") gives way to them."""
    found = [
        (h, a)
        for h, a in t.actors.find(unit_text)
        if a.kind in PARTY_KINDS and t.actors.third_party(a, on)
    ]
    out = []
    for h, a in found:
        if a.kind == "group" and re.match(r"\s*\(", unit_text[h.end :]):
            close = unit_text.find(")", h.end)
            if any(h.end < h2.start < close and a2.kind == "country" for h2, a2 in found):
                continue
        out.append((h, a))
    return out


def extract_unit(unit: Unit, ctx: Context, t: Tables) -> list[Draft]:
    """The status claims one sentence makes; updates ``ctx.carry``."""
    text = unit.text
    dates = find_dates(text)
    types = _type_hits(text, t)
    statuses = [h for h in _status_hits(text, t, dates) if h.key]
    unknown = _unknown_instruments(text, types)
    if types:
        ctx.carry_units = [tuple(dict.fromkeys(h.key for h in types)), *ctx.carry_units][
            :CARRY_UNITS
        ]
        ctx.carry = ctx.carry_units[0]
        ctx.carry_age = 0
    elif unknown:
        # another instrument is the one just named: nothing carries over, though "the
        # readmission agreement" may still take up one named before it
        ctx.carry, ctx.carry_age = (), 0
        ctx.carry_units = [(), *ctx.carry_units][:CARRY_UNITS]
    elif unit.row_date and unit.cell == 0:
        pass  # a table row's date cell says nothing about instruments
    else:
        ctx.carry_age += 1
        if ctx.carry_age > CARRY_UNITS:
            ctx.carry = ()
            ctx.carry_units = []
    statuses = statuses or _inventory(text, types)
    found = _unit_parties(unit, ctx, t, types)
    if not statuses or found is None:
        return []
    parties = found
    actors = t.actors.find(text)
    orgs = [(h, a) for h, a in actors if a.kind == "org"]
    members = [(h, a) for h, a in actors if t.actors.member_state(a.iri, ctx.as_of)]
    mentions_eu = any(a.iri == t.actors.org("eu") for _, a in orgs)
    drafts: list[Draft] = []
    agency_noun = None
    if any(a.agency for _h, a in orgs):
        # "a Joint Roadmap with the EUAA"; not the idiom "in agreement with DG HOME"
        agency_noun = re.search(r"(?<!in )\b(?:agreement|arrangement|roadmap)s?\b", text, re.I)
    governs: dict[int, list[Hit] | None] = {}
    for s in statuses:
        object_hits = governed(text, s, statuses, types)
        if object_hits == [] and any(_SUPPORT.search(text[: h.start]) for h in types):
            object_hits = None  # "launch of the contracts ... in support of the partnership"
        governs[s.start] = object_hits
    # statuses of other things ("on the basis of the EBCG Regulation") take no date away
    live = [s for s in statuses if governs[s.start] != [] and not about_accession(text, s)]
    for s in live:
        chosen: list[Hit] = []
        rule = "instrument-sentence"
        object_hits = governs[s.start]
        if object_hits:
            chosen = _with_coordinated(text, object_hits[0], types)
        elif types:
            # an instrument named in an aside ("including ...", brackets) is not the subject of
            # a status outside it, unless it is all the sentence names
            main = [h for h in types if not aside_apart(text, h.start, h.end, s)]
            if not main and any(
                u[1] <= types[0].start < s.start and not aside_apart(text, u[0], u[1], s)
                for u in unknown
            ):
                continue  # "A Joint Declaration ..., including a dialogue on migration, was signed"
            main = main or types
            near = min(main, key=lambda h: (_dist((h.start, h.end), (s.start, s.end)), h.start))
            if any(
                _dist(u, (s.start, s.end)) < _dist((near.start, near.end), (s.start, s.end))
                for u in unknown
                if not aside_apart(text, u[0], u[1], s)
            ):
                continue  # "the new Partnership Agreement, signed ...": an unlisted instrument
            chosen = _with_coordinated(text, near, types)
        elif unknown:
            continue
        elif agency_noun and s.key in CARRIED:
            # "An Agreement on ... Cooperation with Europol was signed": the agency's instrument
            chosen = [Hit(agency_noun.start(), agency_noun.end(), "Other", agency_noun.group())]
            rule = "instrument-agency"
        elif (
            (ctx.carry or ctx.topic)
            and s.key in CARRIED
            and (s.key != "other" or s.negative or _HEAD.search(text) or _STEP.search(s.surface))
            and (s.key != "negotiating" or _NEGOTIATION_NOUN.search(s.surface))
            and not (members and not mentions_eu)  # Member States' own texts
        ):
            chosen = [Hit(s.start, s.start, k, "") for k in _carried(text, ctx, t)]
            rule = "instrument-carried"
        chosen = [
            h for h in chosen if not _about_something_else(text, h, s) and not occasion(text, h, s)
        ]
        if not chosen or _NOT_ASSERTED.search(text[: s.start]):
            continue
        if s.key not in ("in_force", "proposed") and _FUTURE_AFTER.search(text[s.end :]):
            continue
        held = mood(text, s)
        if held == "unasserted":
            continue
        date, dated_here = _date_for(s, live, dates, unit, ctx, t)
        if _BASIS.search(s.surface):
            # applied "on the basis of" it: in force then, not entered into force then
            date, dated_here = None, False
        if held == "proposed":
            s = Hit(s.start, s.end, "proposed", s.surface)
        elif authorised_after(text, s):
            s = Hit(s.start, s.end, "mandate", s.surface)
        status = _restated(text, s, chosen)
        negated = _negated(text, s) or denied_after(text, s)
        who = _segment(text, parties, s, statuses)
        for inst in chosen:
            st = status.get(inst.start, s.key)
            if negated and inst.surface:
                st = negated_status(st)  # the quote names the instrument: the evidence holds
            hit = s if st == s.key else Hit(s.start, s.end, st, s.surface)
            drafts.extend(
                replace(d, dated_in_text=dated_here)
                for d in _drafts_for(
                    inst,
                    hit,
                    date,
                    negated,
                    rule,
                    unit,
                    ctx,
                    t,
                    who,
                    orgs,
                    members,
                    mentions_eu,
                )
            )
    return _respectively(text, _dedupe(drafts), dates, t, ctx)


_COORDINATION = re.compile(
    r"\s*(?:and|,|/|and/or|as\s+well\s+as(?:\s+of)?)\s*(?:the\s+|a\s+|an\s+|of\s+the\s+)?|\s*"
)


def _with_coordinated(text: str, near: Hit, types: list[Hit]) -> list[Hit]:
    """The instrument and those coordinated with it: same stretch, joined by "and"."""
    return [
        h
        for h in types
        if h is near
        or (
            _COORDINATION.fullmatch(text[min(h.end, near.end) : max(h.start, near.start)])
            and h.key != near.key
        )
    ]


# Instruments the schemes do not list, named by a capitalised title ("the new Partnership
# Agreement", "the 2019 Joint Action Plan", "EU-China Agreement on Cooperation in ..."): a status
# next to one is that instrument's, and a sentence naming one continues no other.
_UNKNOWN = re.compile(
    r"\b(?!(?:A|An|The|This|That|These|Those|Its|Their|New|Both|Each|Any)\s)"
    r"[A-Z][\w'’-]*\s+(?:Agreement|Arrangement|Declaration|Plan|Protocol|Convention|Compact"
    r"|Pact|Framework)s?\b"
)


def _unknown_instruments(text: str, types: list[Hit]) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for m in _UNKNOWN.finditer(text)
        if not any(h.start < m.end() and m.start() < h.end for h in types)
    ]


def _unit_parties(unit: Unit, ctx: Context, t: Tables, types: list[Hit]) -> list[tuple[Hit, Actor]]:
    """The third parties of a sentence, as grammar allows:

    - a name inside a listed instrument's name ("the Samoa Agreement") is no party;
    - a group gives way to the countries the sentence names, and in a country's section to
      that country ("the Joint Action Plan ... for the Western Balkans" in Montenegro's);
    - a clause after a semicolon that names no party speaks of the party the clauses before
      named: when that is not the section's actor, the clause makes no claim (None), since
      its quote could not name its party.
    """
    text = unit.text
    found = _parties(text, t, ctx.as_of)
    named = [
        (h, a)
        for h, a in found
        if not any(x.key == "Other" and x.start <= h.start < x.end for x in types)
    ]
    in_country = ctx.section is not None and ctx.section.kind == "country"
    if in_country or any(a.kind == "country" for _h, a in named):
        named = [(h, a) for h, a in named if a.kind != "group"] or ([] if in_country else named)
    clause, before = ctx.clause_parties
    if unit.clause_of != clause:
        before = []
    if named:
        ctx.clause_parties = (unit.clause_of, named)
        return named
    ctx.clause_parties = (unit.clause_of, before)
    if before and (ctx.section is None or all(a.iri != ctx.section.iri for _h, a in before)):
        return None  # "BiH has not appointed ...; negotiations have yet to commence"
    return []


def _segment(
    text: str, parties: list[tuple[Hit, Actor]], s: Hit, statuses: list[Hit]
) -> list[tuple[Hit, Actor]]:
    """The parties of one status phrase.

    A country in a clause that opens the sentence ("Following the invasion of Ukraine,") sets
    the scene of a status after it: the main clause's parties, or the section's, are the
    parties. "signed with A and B, close to signature with C, not started with D": when every
    party follows the first status, each status has the parties up to the next one."""
    scene = scene_end(text)
    if scene and s.start >= scene:
        parties = [(h, a) for h, a in parties if h.start < 0 or h.start >= scene]
    if len(statuses) < 2 or not parties or any(h.start < statuses[0].end for h, _a in parties):
        return parties
    later = [h.start for h in statuses if h.start >= s.end]
    end = min(later) if later else 10**9
    if paren := _in_parens(text, s.start):
        end = min(end, paren[1])
    mine = [(h, a) for h, a in parties if s.end <= h.start < end]
    return mine or parties


# A negotiating status carried to the instrument just named must say what is negotiated:
# "several strands of cooperation are progressing" is about something else.
_NEGOTIATION_NOUN = re.compile(r"negotiat|talks|round|finalis|discussion", re.I)
# Steps of ratification ("European Parliament consented to conclusion") concern the text just
# named, as a negotiation round does.
_STEP = re.compile(r"consent|vot|ratif|adopted\s+by", re.I)
_HEAD = re.compile(r"\b(both\s+)?(agreement|arrangement|partnership|dialogue)s?\b", re.I)


def _carried(text: str, ctx: Context, t: Tables) -> tuple[str, ...]:
    """The instruments a sentence without one continues: those just named, or, when the
    sentence says which kind ("both agreements", "the dialogue"), the recent ones of that kind."""
    m = _HEAD.search(text)
    if not m:
        return (ctx.topic,) if ctx.topic else ctx.carry
    if m.group(2)[0].isupper() and re.search(r"\b[A-Z][\w-]*\s+$", text[: m.start(2)]):
        return ()  # "The Administrative Arrangement establishing ...": another named text
    noun = m.group(2).lower()
    want = 2 if m.group(1) else 1
    found: list[str] = []
    for keys in ctx.carry_units:
        for k in keys:
            if k not in found and any(noun in ph.lower() for ph in t.types.phrases_of(k)):
                found.append(k)
        if len(found) >= want:
            break
    if found:
        return tuple(found[:want])
    return (ctx.topic,) if ctx.topic else ()


_CLAUSE_BREAK = re.compile(r",|;|\band\b|\bbut\b|\bwhile\b", re.I)


def _in_parens(text: str, at: int) -> tuple[int, int] | None:
    """The (start, end) of the parenthesis around offset ``at``, if any."""
    open_ = text.rfind("(", 0, at)
    if open_ < 0 or text.rfind(")", open_, at) >= 0:
        return None
    close = text.find(")", at)
    return (open_, close if close >= 0 else len(text))


# The status belongs to something else named between it and the instrument: a project,
# programme, contract or operation ("EUR 4.8 million projects in support of the Talent
# Partnership were signed").
_OTHER_SUBJECT = OTHER_THING
# A status in a clause of time or condition is not asserted ("until new one concluded").
_NOT_ASSERTED = re.compile(
    r"\b(?:until|once|pending|upon|before|prospects?\s+(?:for|of)|possibility\s+of"
    r"|would\s+be|will\s+be|to\s+be)\s+(?:\w+\s+){0,3}$",
    re.I,
)
# A status followed, in its clause, by a modal is planned, not reported ("Negotiations with
# Europol should start in 2024").
_FUTURE_AFTER = re.compile(
    r"^[^,;.()]{0,40}?\b(?:(?:should|will|shall)\s+(?:start|begin|be)"
    r"|to\s+be\s+(?:confirmed|decided|agreed|defined|determined)|to\s+take\s+place)\b",
    re.I,
)


def _about_something_else(text: str, inst: Hit, s: Hit) -> bool:
    if _BASIS.search(s.surface):
        return False  # "operations ... on the basis of the Status Agreement": it is applied
    a, b = (inst.end, s.start) if inst.end <= s.start else (s.end, inst.start)
    if inst.surface == "":  # a carried instrument: look at the clause before the status
        if _OTHER_SUBJECT.search(" ".join(text[: s.start].split()[:4])):
            return True  # "The contract of the NDICI-action ... is under negotiation"
        a, b = max(0, s.start - 60), s.start
        a = max([a] + [m.end() for m in _CLAUSE_BREAK.finditer(text, a, b)])
        if re.search(r"\bengagements?\b", text[a:b], re.I):
            return True  # "any ongoing or planned bilateral engagement ... has been suspended"
    if _OTHER_SUBJECT.search(text[a:b]):
        return not _supports(text, inst, s)
    if inst.surface and inst.end <= s.start:
        # "projects in support of the Talent Partnership were signed": the instrument sits in
        # a prepositional phrase of the subject, which is a project
        head = text[: inst.start]
        start = max([0] + [m.end() for m in _CLAUSE_BREAK.finditer(head)])
        if re.search(r"\b(?:of|for|support|under|to)\s+(?:the\s+|an?\s+)?(?:\S+-\S+\s+)?$", head):
            return bool(_OTHER_SUBJECT.search(head[start:])) and not _supports(text, inst, s)
    if inst.surface and s.end <= inst.start:
        # "An EUR 3 million programme ... was signed ... to support the Talent Partnership"
        subject = text[: s.start]
        start = max([0] + [m.end() for m in _CLAUSE_BREAK.finditer(subject)])
        if _OTHER_SUBJECT.search(subject[start:]) and not _supports(text, inst, s):
            return True
    return False


_SUPPORT = re.compile(
    r"\b(?:in\s+support\s+of|to\s+support|supporting|support\s+to)\s+(?:the\s+|an?\s+)?(?:\S+-\S+\s+)?$",
    re.I,
)


_BASIS = re.compile(r"on\s+(?:the\s+)?basis\s+of", re.I)


def _supports(text: str, inst: Hit, s: Hit) -> bool:
    """Whether the instrument is what a project or programme supports ("projects in support of
    the Talent Partnership", "a programme ... to support the EU-Pakistan Talent Partnership"):
    the project's signature or launch is the instrument's implementation."""
    return (
        bool(inst.surface)
        and bool(_SUPPORT.search(text[: inst.start]))
        and (s.key in ("signed", "launched", "implemented"))
    )


def _restated(text: str, s: Hit, chosen: list[Hit]) -> dict[int, str]:
    """Per instrument (by offset), the status the sentence gives it when it is not the phrase's
    own: a supporting project signed or launched is the instrument implemented; a partnership
    or dialogue "concluded" is launched (it has no text to sign); the first meeting of a
    partnership or dialogue ("The first Talent Partnership roundtable occurred") launches it."""
    out: dict[int, str] = {}
    for inst in chosen:
        if _supports(text, inst, s):
            out[inst.start] = "implemented"
        elif (inst.key in UNSIGNED and s.key == "signed" and "conclu" in s.surface.lower()) or (
            inst.key in UNSIGNED
            and s.key in ("other", "implemented")
            and not s.negative
            and inst.surface
            and re.search(
                r"\bfirst\b(?:[\s-]+[\w-]+){0,2}(?:\s+(?:of|under)\s+the(?:\s+[\w-]+){0,2})?\s*$",
                text[: inst.start],
                re.I,
            )
        ):
            out[inst.start] = "launched"
    return out


def _respectively(
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
    score = _dist((s.start, s.end), (d[0], d[1]))
    if d[1] <= s.start:
        score += 8
        if _CLAUSE_BREAK.search(text[d[1] : s.start]):
            score += 40
    elif _CLAUSE_BREAK.search(text[s.end : d[0]]) and len(text[s.end : d[0]]) > 25:
        score += 20
    paren = _in_parens(text, d[0])
    if paren and not (paren[0] <= s.start < paren[1]):
        score += 30
    own = _in_parens(text, s.start)
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


def _date_for(
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


def _drafts_for(
    inst: Hit,
    s: Hit,
    date: DateValue | None,
    negated: bool,
    rule: str,
    unit: Unit,
    ctx: Context,
    t: Tables,
    parties: list[tuple[Hit, Actor]],
    orgs: list[tuple[Hit, Actor]],
    members: list[tuple[Hit, Actor]],
    mentions_eu: bool,
) -> list[Draft]:
    itype = inst.key
    counterpart = t.actors.org("eu")
    agencies = [(h, a) for h, a in orgs if a.agency]
    # a listed instrument of type Other (the Cotonou Agreement) stays Other; only an agency's
    # unnamed "agreement" or "roadmap" takes the agency's type
    if itype in AGENCY_TYPED or (itype == "Other" and rule.startswith("instrument-agency")):
        if agencies:
            h, agency = min(
                agencies, key=lambda p: _dist((p[0].start, p[0].end), (inst.start, inst.end))
            )
            slug = agency.iri.rsplit("/", 1)[-1]
            itype = AGENCY_TYPES.get(slug, "Other")
            counterpart = agency.iri
        elif len(ctx.agencies) == 1:
            slug = ctx.agencies[0].rsplit("/", 1)[-1]
            itype = AGENCY_TYPES.get(slug, "Other")
            counterpart = ctx.agencies[0]
        elif itype in AGENCY_TYPED:
            slug = next(k for k, v in AGENCY_TYPES.items() if v == itype)
            counterpart = t.actors.org(slug)
    elif members and not mentions_eu and re.search(r"\bbilateral\b|\bbetween\b", unit.text, re.I):
        counterpart = members[0][1].iri
    if itype == "Other" and counterpart == t.actors.org("eu"):
        return []
    spans = [(inst.start, inst.end), (s.start, s.end)]
    who = parties
    paren = _in_parens(unit.text, s.start) if s.start >= 0 else None
    if paren and len(who) > 1:
        before = [(h, a) for h, a in who if h.end <= paren[0]]
        who = before[-1:] or who
    if not who and ctx.section and ctx.section.kind in PARTY_KINDS:
        who = [(Hit(-1, -1, ctx.section.iri, ""), ctx.section)]
        rule += "+section"
    elif len(who) > 1:
        rule += "+list"
    out = []
    for h, actor in dict((a.iri, (h, a)) for h, a in who).values():
        q_spans = spans + ([(h.start, h.end)] if h.start >= 0 else [])
        country = actor.host if actor.kind == "mission" and actor.host else actor.iri
        out.append(
            Draft(
                itype,
                s.key,
                actor.iri,
                country,
                counterpart,
                date,
                negated,
                quote_window(unit.text, q_spans),
                rule,
                inst.surface,
                s.surface,
            )
        )
    return out


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One claim per (type, status, party, counterpart) in a sentence, the one with a date;
    two dates the sentence states are two claims ("started in October 2019 and were concluded
    on 24 July 2020"), a table row's date is no date of its own."""
    best: dict[tuple[str, str, str, str], list[Draft]] = {}
    for d in drafts:
        key = (d.instrument_type, d.status, d.party, d.counterpart)
        kept = best.setdefault(key, [])
        if d.dated_in_text and d.date is not None:
            kept[:] = [k for k in kept if k.dated_in_text and k.date is not None]
            if all(k.date is None or k.date.text != d.date.text for k in kept):
                kept.append(d)
        elif not kept or (kept[0].date is None and d.date is not None):
            kept[:] = [d]
    return [d for kept in best.values() for d in kept]
