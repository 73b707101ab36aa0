"""Process facts and chairs: what the documents say about regional and global processes.

A sentence speaks about a process when it lies in the section a process heads or names the
process itself. From such sentences:

- ``mkg:ProcessFact`` with ``mkg:factType``: ``ministerial_conference`` (a ministerial
  conference or meeting), ``declaration``, ``action_plan`` (an action plan or programme of
  action), ``launched`` (the process launched/established/started, with a date);
- ``mkg:MembershipClaim`` with ``org:role`` chair or co-chair: "handover of the presidency
  from A to B" (B chairs from the row's date, A until it), "X, current chair of ...",
  "chaired by X", "co-chaired by X".

The fact types are the closed list of docs/model.md, so their cue patterns live here; the
actors come from the gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import RDF, Literal, URIRef

from migkg.build.emit import Emitter, as_of_bounds
from migkg.extract.instruments import QUOTE_MAX, Tables, find_dates, quote_window
from migkg.extract.sentences import Unit, units
from migkg.extract.triggers import Actor, Hit
from migkg.iris import MKG, ORG, Iris, concept
from migkg.loaders.base import DateValue, Passage, Reading
from migkg.rdf.nquads import date_literal

TIME = "http://www.w3.org/2006/time#"
FACT_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "ministerial_conference",
        re.compile(
            r"(?:\b(?:first|second|third|fourth|fifth|sixth|seventh|\d+(?:st|nd|rd|th))\s+)?"
            r"(?:[\w-]+\s+)?Ministerial\s+(?:Conference|Meeting)\b",
            re.I,
        ),
    ),
    (
        "declaration",
        re.compile(r"(?:\b[\w-]+\s+)?(?:Ministerial|political|Joint)\s+Declaration\b", re.I),
    ),
    (
        "action_plan",
        re.compile(r"(?:\b[\w-]+\s+)?(?:Action\s+Plan|Programme\s+of\s+Action)\b", re.I),
    ),
]
LAUNCH = re.compile(r"\b(?:was\s+)?(?:launched|established|set up|created|initiated)\b", re.I)
HANDOVER = re.compile(
    r"\bhand(?:ing)?[\s-]?over\s+of\s+(?:the\s+)?(presidency|chair(?:manship)?)\s+from\s+(.+?)"
    r"\s+to\s+(.+?)(?=[.;,(]|\s+[-–]\s+|$)",
    re.I,
)
CURRENT_CHAIR = re.compile(r"(?:,\s*)?\b(?:the\s+)?current\s+(co-?chair|chair|presidency)\b", re.I)
CHAIRED_BY = re.compile(r"\b(co-?chaired|chaired|presided)\s+by\s+(.+?)(?=[.;,]|\s+and\s+|$)", re.I)


@dataclass
class Facts:
    process_facts: int = 0
    memberships: int = 0
    sections: dict[str, str] = field(default_factory=dict)


def _date(unit: Unit, at: int, tables: Tables, hint: str) -> DateValue | None:
    dates = find_dates(unit.text)
    if dates:
        d = min(dates, key=lambda d: abs(d[0] - at))
        value = tables.parse_date(d[2].rstrip(","), previous=hint)
        if value.earliest:
            return value
    if unit.row_date:
        value = tables.parse_date(unit.row_date, previous=hint)
        if value.earliest:
            return value
    return None


def _quote(text: str, start: int, end: int) -> str:
    if len(text) <= QUOTE_MAX:
        return text
    a = max(0, min(start, len(text) - QUOTE_MAX))
    while a > 0 and not text[a - 1].isspace() and a < start:
        a += 1
    piece = text[a : a + QUOTE_MAX]
    if a + QUOTE_MAX < len(text) and " " in piece[QUOTE_MAX // 2 :]:
        piece = piece[: piece.rfind(" ")]
    return piece.strip()


def _role(name: str) -> str:
    return "co-chair" if name.lower().replace("-", "").startswith("co") else "chair"


def extract_document(
    reading: Reading, as_of: str, tables: Tables, em: Emitter, iris: Iris
) -> Facts:
    from migkg.build.claims import cite, outermost, passages_in_order, section_actors

    facts = Facts()
    passages = passages_in_order(reading)
    sections = section_actors(passages, tables.actors)
    hint = as_of_bounds(as_of)[0]
    for outer, inner in outermost(passages):
        section = sections[(outer.start, outer.end)]
        for unit in units(outer.raw):
            p = cite(unit.text, outer, inner)
            piri = iris.passage(p.doc_id, p.start, p.end)
            if unit.row_date and unit.cell == 0:
                row = tables.parse_date(unit.row_date, previous=hint)
                if row.earliest:
                    hint = row.earliest
            found = tables.actors.find(unit.text)
            named = [a for _, a in found if a.kind == "process"]
            process = (
                named[0] if named else section if section and section.kind == "process" else None
            )
            if process is None:
                continue
            if section is not None and section.kind == "process":
                facts.sections[str(piri)] = section.iri
            for kind, rx in FACT_CUES:
                for m in rx.finditer(unit.text):
                    date = _date(unit, m.start(), tables, hint)
                    if _fact(
                        em,
                        iris,
                        piri,
                        p,
                        process,
                        kind,
                        m.group().strip(),
                        date,
                        unit,
                        m,
                        named_span(found, process, section),
                    ):
                        facts.process_facts += 1
                    break
            launch = LAUNCH.search(unit.text)
            if launch and named:
                date = _date(unit, launch.start(), tables, hint)
                if (
                    date is not None
                    and any(h.start < launch.start() for h, a in found if a.iri == process.iri)
                    and _fact(
                        em,
                        iris,
                        piri,
                        p,
                        process,
                        "launched",
                        process.label,
                        date,
                        unit,
                        launch,
                        named_span(found, process, section),
                    )
                ):
                    facts.process_facts += 1
            facts.memberships += _chairs(em, iris, piri, p, process, unit, tables, hint)
    return facts


_LEAD = re.compile(r"^(?:(?:and|where|the|an?|its|process|next|new)\s+)+", re.I)


def clean_value(value: str) -> str:
    """ "where Ministerial Declaration" -> "Ministerial Declaration": the fact's name only."""
    return _LEAD.sub("", value).strip() or value


def _fact(
    em: Emitter,
    iris: Iris,
    piri: URIRef,
    p: Passage,
    process: Actor,
    kind: str,
    value: str,
    date: DateValue | None,
    unit: Unit,
    m: re.Match[str],
    need: tuple[int, int] | None,
) -> bool:
    spans = [(m.start(), m.end())] + ([need] if need else [])
    quote = quote_window(unit.text, spans)
    if need and unit.text[need[0] : need[1]] not in quote:
        return False
    claim = iris.claim(
        "process",
        p.doc_id,
        p.start,
        p.end,
        process.iri,
        kind,
        value,
        date.text if date else "",
        quote,
    )
    g = em.g
    g.add((claim, RDF.type, MKG.ProcessFact))
    em.provenance(claim, piri, quote, f"process-{kind}")
    g.add((claim, MKG.process, URIRef(process.iri)))
    g.add((claim, MKG.factType, Literal(kind)))
    g.add((claim, MKG.value, Literal(clean_value(value))))
    if date is not None:
        em.date(claim, date)
    return True


def named_span(
    found: list[tuple[Hit, Actor]], process: Actor, section: Actor | None
) -> tuple[int, int] | None:
    """Where the quote must reach: the process's name, unless its section holds the unit."""
    if section is not None and section.iri == process.iri:
        return None
    for h, a in found:
        if a.iri == process.iri:
            return (h.start, h.end)
    return None


def _chairs(
    em: Emitter,
    iris: Iris,
    piri: URIRef,
    p: Passage,
    process: Actor,
    unit: Unit,
    tables: Tables,
    hint: str,
) -> int:
    text = unit.text
    out: list[tuple[Actor, str, str, str, int, int]] = []  # actor, role, start, end, span
    m = HANDOVER.search(text)
    if m:
        date = _date(unit, m.start(), tables, hint)
        day = date.earliest if date and date.precision in ("day", "range") else ""
        for grp, is_new in ((2, False), (3, True)):
            for _h, a in tables.actors.find(m.group(grp)):
                if a.kind in ("country", "territory", "org", "group"):
                    role = _role(m.group(1))
                    out.append(
                        (a, role, day if is_new else "", "" if is_new else day, m.start(), m.end())
                    )
    for m2 in CURRENT_CHAIR.finditer(text):
        before = [(h, a) for h, a in tables.actors.find(text[: m2.start()]) if a.kind != "process"]
        if before:
            h, a = before[-1]
            out.append((a, _role(m2.group(1)), "", "", h.start, m2.end()))
    for m3 in CHAIRED_BY.finditer(text):
        for _h, a in tables.actors.find(m3.group(2)):
            if a.kind != "process":
                out.append((a, _role(m3.group(1)), "", "", m3.start(), m3.end()))
    for actor, role, start, end, a, b in out:
        quote = _quote(text, a, b)
        claim = iris.claim(
            "membership",
            p.doc_id,
            p.start,
            p.end,
            actor.iri,
            process.iri,
            role,
            start,
            end,
            quote,
        )
        g = em.g
        g.add((claim, RDF.type, MKG.MembershipClaim))
        g.add((claim, RDF.type, ORG.Membership))
        em.provenance(claim, piri, quote, f"process-{role}")
        g.add((claim, ORG.member, URIRef(actor.iri)))
        g.add((claim, ORG.organization, URIRef(process.iri)))
        g.add((claim, ORG.role, concept("role", role)))
        if start or end:
            period = URIRef(f"{claim}#period")
            g.add((claim, ORG.memberDuring, period))
            g.add((period, RDF.type, URIRef(f"{TIME}ProperInterval")))
            for value, prop, frag, tprop in (
                (start, MKG.startDate, "start", "hasBeginning"),
                (end, MKG.endDate, "end", "hasEnd"),
            ):
                if value:
                    g.add((claim, prop, date_literal(value)))
                    inst = URIRef(f"{claim}#{frag}")
                    g.add((period, URIRef(f"{TIME}{tprop}"), inst))
                    g.add((inst, RDF.type, URIRef(f"{TIME}Instant")))
                    g.add((inst, URIRef(f"{TIME}inXSDDate"), date_literal(value)))
    return len(out)
