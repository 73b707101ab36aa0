"""Rules that turn one sentence into instrument status claims (issue 6).

The rules know no country, no line and no section name: they see a sentence (a ``Unit``), the
phrase tables read from the schemes and the reference graphs (``migkg.extract.triggers``), and the
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
from dataclasses import replace

from migkg.extract.rules.dating import date_for, pair_respectively
from migkg.extract.rules.mentions import (
    inventory_hits,
    status_hits,
    type_hits,
    unknown_instruments,
    with_coordinated,
)
from migkg.extract.rules.model import (
    CARRIED,
    CARRY_UNITS,
    PARTY_KINDS,
    QUOTE_MAX,
    Context,
    Draft,
    Tables,
    dist,
    find_dates,
    quote_window,
)
from migkg.extract.rules.parties import dedupe, drafts_for, party_segment, unit_parties
from migkg.extract.rules.subject import (
    BASIS,
    FUTURE_AFTER,
    HEAD_NOUN,
    NEGOTIATION_NOUN,
    NOT_ASSERTED,
    STEP,
    SUPPORT,
    about_something_else,
    carried_types,
    is_negated,
    restated_statuses,
)
from migkg.extract.sentences import Unit
from migkg.extract.status_scope import (
    about_accession,
    aside_apart,
    authorised_after,
    denied_after,
    governed,
    mood,
    negated_status,
    occasion,
)
from migkg.extract.triggers import Hit

# what other modules take from here (the claims stage, evidence, process facts)
__all__ = [
    "PARTY_KINDS",
    "QUOTE_MAX",
    "Context",
    "Draft",
    "Tables",
    "extract_unit",
    "find_dates",
    "quote_window",
]


def extract_unit(unit: Unit, ctx: Context, t: Tables) -> list[Draft]:
    """The status claims one sentence makes; updates ``ctx.carry``."""
    text = unit.text
    dates = find_dates(text)
    types = type_hits(text, t)
    statuses = [h for h in status_hits(text, t, dates) if h.key]
    unknown = unknown_instruments(text, types)
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
    statuses = statuses or inventory_hits(text, types)
    found = unit_parties(unit, ctx, t, types)
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
        if object_hits == [] and any(SUPPORT.search(text[: h.start]) for h in types):
            object_hits = None  # "launch of the contracts ... in support of the partnership"
        governs[s.start] = object_hits
    # statuses of other things ("on the basis of the EBCG Regulation") take no date away
    live = [s for s in statuses if governs[s.start] != [] and not about_accession(text, s)]
    for s in live:
        chosen: list[Hit] = []
        rule = "instrument-sentence"
        object_hits = governs[s.start]
        if object_hits:
            chosen = with_coordinated(text, object_hits[0], types)
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
            near = min(main, key=lambda h: (dist((h.start, h.end), (s.start, s.end)), h.start))
            if any(
                dist(u, (s.start, s.end)) < dist((near.start, near.end), (s.start, s.end))
                for u in unknown
                if not aside_apart(text, u[0], u[1], s)
            ):
                continue  # "the new Partnership Agreement, signed ...": an unlisted instrument
            chosen = with_coordinated(text, near, types)
        elif unknown:
            continue
        elif agency_noun and s.key in CARRIED:
            # "An Agreement on ... Cooperation with Europol was signed": the agency's instrument
            chosen = [Hit(agency_noun.start(), agency_noun.end(), "Other", agency_noun.group())]
            rule = "instrument-agency"
        elif (
            (ctx.carry or ctx.topic)
            and s.key in CARRIED
            and (s.key != "other" or s.negative or HEAD_NOUN.search(text) or STEP.search(s.surface))
            and (s.key != "negotiating" or NEGOTIATION_NOUN.search(s.surface))
            and not (members and not mentions_eu)  # Member States' own texts
        ):
            chosen = [Hit(s.start, s.start, k, "") for k in carried_types(text, ctx, t)]
            rule = "instrument-carried"
        chosen = [
            h for h in chosen if not about_something_else(text, h, s) and not occasion(text, h, s)
        ]
        if not chosen or NOT_ASSERTED.search(text[: s.start]):
            continue
        if s.key not in ("in_force", "proposed") and FUTURE_AFTER.search(text[s.end :]):
            continue
        held = mood(text, s)
        if held == "unasserted":
            continue
        date, dated_here = date_for(s, live, dates, unit, ctx, t)
        if BASIS.search(s.surface):
            # applied "on the basis of" it: in force then, not entered into force then
            date, dated_here = None, False
        if held == "proposed":
            s = Hit(s.start, s.end, "proposed", s.surface)
        elif authorised_after(text, s):
            s = Hit(s.start, s.end, "mandate", s.surface)
        status = restated_statuses(text, s, chosen)
        negated = is_negated(text, s) or denied_after(text, s)
        who = party_segment(text, parties, s, statuses)
        for inst in chosen:
            st = status.get(inst.start, s.key)
            if negated and inst.surface:
                st = negated_status(st)  # the quote names the instrument: the evidence holds
            hit = s if st == s.key else Hit(s.start, s.end, st, s.surface)
            drafts.extend(
                replace(d, dated_in_text=dated_here)
                for d in drafts_for(
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
    return pair_respectively(text, dedupe(drafts), dates, t, ctx)
