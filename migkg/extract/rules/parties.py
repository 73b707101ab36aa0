"""Party rules: who the third party and the counterpart of a status claim are.

The third party is every country, territory, group or mission the sentence names (not a Member
State), else the actor whose section holds the sentence; the counterpart is the agency a working
arrangement is with, a Member State for a bilateral instrument, else the EU.
"""

from __future__ import annotations

import re

from migkg.extract.rules.model import (
    AGENCY_TYPED,
    AGENCY_TYPES,
    PARTY_KINDS,
    Context,
    Draft,
    Tables,
    dist,
    in_parens,
    quote_window,
)
from migkg.extract.sentences import Unit
from migkg.extract.status_scope import scene_end
from migkg.extract.triggers import Actor, Hit
from migkg.loaders.base import DateValue


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


def unit_parties(unit: Unit, ctx: Context, t: Tables, types: list[Hit]) -> list[tuple[Hit, Actor]]:
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


def party_segment(
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
    if paren := in_parens(text, s.start):
        end = min(end, paren[1])
    mine = [(h, a) for h, a in parties if s.end <= h.start < end]
    return mine or parties


# A negotiating status carried to the instrument just named must say what is negotiated:


def drafts_for(
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
                agencies, key=lambda p: dist((p[0].start, p[0].end), (inst.start, inst.end))
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
    paren = in_parens(unit.text, s.start) if s.start >= 0 else None
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


def dedupe(drafts: list[Draft]) -> list[Draft]:
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
