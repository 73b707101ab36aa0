"""Subject rules: what a status phrase is about, and what the sentence says it is.

Whether a status belongs to the instrument or to something else the sentence names (a project,
a contract, an operation), which instrument a sentence without one continues, and the status a
sentence restates ("projects in support of the Talent Partnership were signed": the partnership
is implemented).
"""

from __future__ import annotations

import re

from migkg.extract.rules.model import BETWEEN_STOP, CLAUSE_BREAK, UNSIGNED, Context, Tables
from migkg.extract.status_scope import OTHER_THING
from migkg.extract.triggers import NEGATION, Hit

# "several strands of cooperation are progressing" is about something else.
NEGOTIATION_NOUN = re.compile(r"negotiat|talks|round|finalis|discussion", re.I)
# Steps of ratification ("European Parliament consented to conclusion") concern the text just
# named, as a negotiation round does.
STEP = re.compile(r"consent|vot|ratif|adopted\s+by", re.I)
HEAD_NOUN = re.compile(r"\b(both\s+)?(agreement|arrangement|partnership|dialogue)s?\b", re.I)


def carried_types(text: str, ctx: Context, t: Tables) -> tuple[str, ...]:
    """The instruments a sentence without one continues: those just named, or, when the
    sentence says which kind ("both agreements", "the dialogue"), the recent ones of that kind."""
    m = HEAD_NOUN.search(text)
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


# programme, contract or operation ("EUR 4.8 million projects in support of the Talent
# Partnership were signed").
_OTHER_SUBJECT = OTHER_THING
# A status in a clause of time or condition is not asserted ("until new one concluded").
NOT_ASSERTED = re.compile(
    r"\b(?:until|once|pending|upon|before|prospects?\s+(?:for|of)|possibility\s+of"
    r"|would\s+be|will\s+be|to\s+be)\s+(?:\w+\s+){0,3}$",
    re.I,
)
# A status followed, in its clause, by a modal is planned, not reported ("Negotiations with
# Europol should start in 2024").
FUTURE_AFTER = re.compile(
    r"^[^,;.()]{0,40}?\b(?:(?:should|will|shall)\s+(?:start|begin|be)"
    r"|to\s+be\s+(?:confirmed|decided|agreed|defined|determined)|to\s+take\s+place)\b",
    re.I,
)


def about_something_else(text: str, inst: Hit, s: Hit) -> bool:
    if BASIS.search(s.surface):
        return False  # "operations ... on the basis of the Status Agreement": it is applied
    a, b = (inst.end, s.start) if inst.end <= s.start else (s.end, inst.start)
    if inst.surface == "":  # a carried instrument: look at the clause before the status
        if _OTHER_SUBJECT.search(" ".join(text[: s.start].split()[:4])):
            return True  # "The contract of the NDICI-action ... is under negotiation"
        a, b = max(0, s.start - 60), s.start
        a = max([a] + [m.end() for m in CLAUSE_BREAK.finditer(text, a, b)])
        if re.search(r"\bengagements?\b", text[a:b], re.I):
            return True  # "any ongoing or planned bilateral engagement ... has been suspended"
    if _OTHER_SUBJECT.search(text[a:b]):
        return not supports(text, inst, s)
    if inst.surface and inst.end <= s.start:
        # "projects in support of the Talent Partnership were signed": the instrument sits in
        # a prepositional phrase of the subject, which is a project
        head = text[: inst.start]
        start = max([0] + [m.end() for m in CLAUSE_BREAK.finditer(head)])
        if re.search(r"\b(?:of|for|support|under|to)\s+(?:the\s+|an?\s+)?(?:\S+-\S+\s+)?$", head):
            return bool(_OTHER_SUBJECT.search(head[start:])) and not supports(text, inst, s)
    if inst.surface and s.end <= inst.start:
        # "An EUR 3 million programme ... was signed ... to support the Talent Partnership"
        subject = text[: s.start]
        start = max([0] + [m.end() for m in CLAUSE_BREAK.finditer(subject)])
        if _OTHER_SUBJECT.search(subject[start:]) and not supports(text, inst, s):
            return True
    return False


SUPPORT = re.compile(
    r"\b(?:in\s+support\s+of|to\s+support|supporting|support\s+to)\s+(?:the\s+|an?\s+)?(?:\S+-\S+\s+)?$",
    re.I,
)


BASIS = re.compile(r"on\s+(?:the\s+)?basis\s+of", re.I)


def supports(text: str, inst: Hit, s: Hit) -> bool:
    """Whether the instrument is what a project or programme supports ("projects in support of
    the Talent Partnership", "a programme ... to support the EU-Pakistan Talent Partnership"):
    the project's signature or launch is the instrument's implementation."""
    return (
        bool(inst.surface)
        and bool(SUPPORT.search(text[: inst.start]))
        and (s.key in ("signed", "launched", "implemented"))
    )


def restated_statuses(text: str, s: Hit, chosen: list[Hit]) -> dict[int, str]:
    """Per instrument (by offset), the status the sentence gives it when it is not the phrase's
    own: a supporting project signed or launched is the instrument implemented; a partnership
    or dialogue "concluded" is launched (it has no text to sign); the first meeting of a
    partnership or dialogue ("The first Talent Partnership roundtable occurred") launches it."""
    out: dict[int, str] = {}
    for inst in chosen:
        if supports(text, inst, s):
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


def is_negated(text: str, h: Hit) -> bool:
    if h.negative:
        return True
    window = text[max(0, h.start - 30) : h.start]
    window = BETWEEN_STOP.split(window)[-1]
    return bool(NEGATION.search(window))
