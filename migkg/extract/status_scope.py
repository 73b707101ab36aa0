"""What a status phrase governs in its sentence: its object, its mood, its negation (issue 6).

``migkg.extract.instruments`` pairs a status phrase with the nearest instrument mention. English
often says more: "Signature of the Joint Action Plan" signs the plan, not the agreement named
before; "ready to relaunch the negotiations" offers negotiations, it does not report them; "Formal
negotiation ... has not started yet" denies them. These rules read that grammar. They know no
country, no section and no line: only English function words and the heads of noun phrases
that name things other than instruments (projects, contracts, plans, operations...).
"""

from __future__ import annotations

import re

from migkg.extract.triggers import Hit

# Heads of noun phrases that name something other than an instrument: a status they govern
# belongs to that thing ("the signature of two border management contracts", "Amendment of
# EUBAM's mandate was signed", "Launch of Frontex JO ...", "the 2nd phase of the ... project").
OTHER_THING = re.compile(
    r"\b(?:projects?|programmes?|contracts?|operations?|JOs?|EUR"
    r"|letters?|(?:action\s+)?plans?|JAP|polic(?:y|ies)|waivers?|phases?|stages?|accession"
    r"|chapters?|visits?|\w+'s\s+mandate)\b",
    re.I,
)
# Nouns that take up an instrument already named ("the agreement", "both texts", "it").
ANAPHOR = re.compile(
    r"\b(?:agreements?|arrangements?|texts?|partnerships?|dialogues?|declarations?|memorandum"
    r"|MoU|roadmaps?|cooperation|it|them)\b",
    re.I,
)
_OF_OBJECT = re.compile(r"^\s*(?:of|for)\s+")
_DATE_SKIP = re.compile(r"^\s+(?:(?:in|on)\s+(?:\w+\s+){0,2}(?:19|20)\d\d\s+)?")
_DETERMINER = re.compile(
    r"(?:the|a|an|any|two|three|four|\d+|its|their|this|these|additional|new)\b", re.I
)
_TRANSITIVE = re.compile(
    r"(?:signed|launched|started|concluded|suspended|initial+ed|finalised|relaunched"
    r"|inaugurated|signing|launching)$",
    re.I,
)
_ON_TOPIC = re.compile(
    r"^\s+(?:with\s+(?:\S+\s+){1,4}?)?on\s+"
    r"(?![\d(]|(?:the\s+)?\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)"
)
_HAVE_OBJECT = re.compile(r"^\s+(?:have|has|had)\s+(?=(?:a|an|the|any)\b)", re.I)
# "the Commission has started assessing ...": the verb starts another activity
_GERUND = re.compile(
    r"^\s+(?!(?:during|following|including|regarding|concerning|according)\b)\w+ing\b", re.I
)
_OBJECT_END = re.compile(r"[,;:()]|\s[-–]\s")


def object_span(text: str, s: Hit, statuses: list[Hit]) -> tuple[int, int] | None:
    """Where the thing a status phrase governs is named: after "of" ("Signature of X",
    "implementation of X") or after a signing verb's determiner ("signed the X"), up to the
    clause's end or the next status. None when the phrase governs nothing in the text."""
    after = text[s.end :]
    skip = -1
    if s.surface.lower().endswith(" of"):
        skip = len(after) - len(after.lstrip())
    elif (m := _OF_OBJECT.match(after)) and (
        m.group().strip() == "of" or s.key in ("negotiating", "mandate", "proposed")
    ):
        skip = m.end()  # "for" governs a negotiation's object, not "in force for nationals"
    elif s.key == "negotiating" and (m := _ON_TOPIC.match(after)):
        skip = m.end()  # "Discussions are ongoing with Iraq on returns"
    elif s.negative and (m := _HAVE_OBJECT.match(after)):
        skip = m.end()  # "does not yet have a national migration policy"
    elif _TRANSITIVE.search(s.surface):
        m = _DATE_SKIP.match(after)
        if m is not None and _DETERMINER.match(after, m.end()):
            skip = m.end()
    if skip < 0:
        return None
    a = s.end + skip
    b = min([len(text)] + [h.start for h in statuses if h.start >= a])
    end = _OBJECT_END.search(text, a, b)
    b = end.start() if end else b
    return (a, min(b, a + 120)) if b > a else None


def governed(text: str, s: Hit, statuses: list[Hit], types: list[Hit]) -> list[Hit] | None:
    """The instruments a status phrase governs when it names its object: those named in the
    object (none when the object is something else: a plan, a contract, a project); None when
    it names no object, or only takes up an instrument named before ("signature of the
    agreement"), and the usual pairing applies."""
    if (
        _TRANSITIVE.search(s.surface)
        and _GERUND.match(text[s.end :])
        and not any(0 <= h.start - s.end < 3 for h in [*statuses, *types])
    ):
        return []  # "started assessing ...", not "concluded working arrangements"
    span = object_span(text, s, statuses)
    if span is None:
        return None
    a, b = span
    inside = [h for h in types if a <= h.start < b]
    head = text[a : inside[0].start] if inside else text[a:b]
    if OTHER_THING.search(head) or re.search(r"\bengagements?\b", head, re.I):
        return []
    if inside:
        return inside
    return None if ANAPHOR.search(head) or not head.strip() else []


# Offers, invitations and possibilities: the instrument is proposed, nothing more ("ready to
# relaunch the negotiation process", "an interest in starting the negotiations", "possible
# parallel negotiations", "the feasibility of launching a Talent Partnership").
_OFFER = re.compile(
    r"\b(?:invit\w*|ready|willing\w*|interest\w*\s+in|feasibility\s+of|possib\w*|potential"
    r"|explor\w*|consider(?:s|ing)?|offer\w*)\b(?:\s+[\w'’-]+){0,8}\s*$",
    re.I,
)
# Aims, duties and commitments: a stage wished for or owed, not reached ("commitment to resume
# readmission negotiations", "working towards launching", "has to open negotiations").
_AIM = re.compile(
    r"(?:\b(?:ha(?:s|ve|d)|needs?|aims?|aiming|commit\w*|intends?|intention|plans?|planning"
    r"|seeks?|wish\w*|hopes?|asked|request\w*|will|decided|agreed)\s+to"
    r"|\b(?:call\w*\s+on|urg\w*|encourag\w*|invit\w*)\s+(?:\S+\s+){1,3}?to"
    r"|\b(?:towards|ahead\s+of|prior\s+to|in\s+order\s+to))\s+(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
# A stage reached before the aim: "need to quickly conclude the negotiations" reports them.
_ONGOING = re.compile(r"conclu|finalis|continu|pursu|complet|accelerat", re.I)
# Plans: "the next Talent Partnership roundtable", "will hold a conference ... for the signature".
_PLANNED_BEFORE = re.compile(
    r"\b(?:next|upcoming|forthcoming|future)\b(?:\s+[\w'’-]+){0,5}\s*$|\b(?:will|shall)\b", re.I
)
_PLANNED_AFTER = re.compile(
    r"^[^;.()]{0,40}?\b(?:to\s+take\s+place|planned\s+(?:for|in)|scheduled\s+(?:for|in)"
    r"|foreseen\s+(?:for|in))\b",
    re.I,
)
# A condition or time clause opening the sentence ("Once the agreement enters into force, ...").
_CONDITION = re.compile(r"^\s*(?:Once|Until|If|Unless|Pending)\b")
_CLAUSE_BREAK = re.compile(r"[,;]|\bbut\b|\bwhile\b|\bhowever\b", re.I)


def clause_before(text: str, at: int, reach: int = 120) -> str:
    a = max(0, at - reach)
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(text, a, at)]
    return text[max([a, *starts]) : at]


def mood(text: str, s: Hit) -> str:
    """How the sentence holds a status phrase: "asserted", "proposed" (offered, invited,
    possible) or "unasserted" (aimed at, owed, planned, conditional)."""
    before = clause_before(text, s.start)
    if _CONDITION.match(text) and "," in text[s.end :]:
        return "unasserted"  # the main clause follows the condition
    if s.key in ("in_force", "provisionally_applied", "terminated", "suspended", "on_hold"):
        return "asserted"  # a planned entry into force keeps its date (tbc); halts are reported
    if _OFFER.search(before) and s.key in ("negotiating", "launched", "mandate", "signed"):
        return "proposed"
    if s.key != "proposed" and _AIM.search(before):  # "in order to explore ways": a proposal
        if s.key == "negotiating" and _ONGOING.search(before[-40:] + s.surface):
            return "asserted"
        return "unasserted"
    if _PLANNED_BEFORE.search(before) or (
        s.key not in ("proposed",) and _PLANNED_AFTER.search(text[s.end :])
    ):
        return "unasserted"
    return "asserted"


# A status noun whose predicate is denied: "Formal negotiation ..., has not started yet",
# "negotiations have yet to commence", "No negotiations have so far taken place".
_DENIED_PREDICATE = re.compile(
    r"^(?P<gap>[^;.]{0,90}?)\b(?:ha(?:s|ve)|had|is|are|was|were|did|does|do)\s+(?:so\s+far\s+)?"
    r"(?:not|never|yet\s+to)\b",
    re.I,
)
_NOUN_STATUS = re.compile(r"negotiation|talks|discussion|signature|launch|round", re.I)


def denied_after(text: str, s: Hit) -> bool:
    """Whether the status noun is the subject of a denied predicate later in its clause."""
    if not _NOUN_STATUS.search(s.surface):
        return False
    m = _DENIED_PREDICATE.match(text[s.end :])
    # the gap holds no verb or subject of its own ("... is such that the prospects do not")
    return bool(m) and not re.search(
        r"\b(?:and|but|while|is|are|was|were|that|which|such)\b", m.group("gap")
    )


# Negated stages: a denied stage is no stage (scope note of "other": "not yet signed", "not
# yet even been formally launched" are other, negated); stalls and halts keep their status
# ("negotiations have not resumed" is stalled).
STAGES = {
    "mandate",
    "negotiating",
    "initialled",
    "signed",
    "provisionally_applied",
    "in_force",
    "launched",
    "implemented",
}


# "Negotiation of a Status Agreement ... was authorised by the Council": a mandate.
_AUTHORISED = re.compile(r"^[^;.]{0,240}?\b(?:was|were|ha(?:s|ve)\s+been)\s+authori[sz]ed\b", re.I)


def authorised_after(text: str, s: Hit) -> bool:
    return s.key == "negotiating" and bool(_AUTHORISED.match(text[s.end :]))


def negated_status(status: str) -> str:
    return "other" if status in STAGES else status


# Accession to the EU is no instrument: "accession negotiations", "negotiating chapters".
_ACCESSION = re.compile(
    r"\baccession\s+(?:\w+\s+){0,1}$|^\s*(?:\w+\s+){0,1}chapters?\b|^\s*conference", re.I
)


def about_accession(text: str, s: Hit) -> bool:
    return bool(_ACCESSION.search(text[max(0, s.start - 30) : s.start])) or bool(
        re.match(r"\s*chapters?\b", text[s.end :], re.I)
    )


# The occasion of a status, not its subject: "a Roadmap ... was finalised during the 2nd
# meeting of the Migration and Mobility Dialogue", "to hold technical discussions under the
# Dialogue".
_OCCASION = re.compile(
    r"^\s*(?:\S+\s+){0,2}?(?:during|at|under|within|in\s+the\s+(?:framework|context|margins)"
    r"\s+of|on\s+the\s+margins\s+of)\s",
    re.I,
)


def occasion(text: str, inst: Hit, s: Hit) -> bool:
    """Meetings and roundtables "under" a partnership are its implementation: only the stages
    of a text or a negotiation have an occasion apart from their subject."""
    return (
        s.key in _OCCASIONED
        and bool(inst.surface)
        and s.end <= inst.start
        and bool(_OCCASION.match(text[s.end :]))
    )


_OCCASIONED = {"negotiating", "signed", "initialled", "mandate", "launched", "in_force"}


# An instrument named in an aside ("A Joint Declaration ..., including a sectoral dialogue on
# migration, was signed"): the status outside the aside is the main subject's.
_ASIDE_OPEN = re.compile(
    r"(?:,|\()\s*(?:including|incl\.|such\s+as|among\s+which|replacing|succeeding|to\s+replace"
    r"|which\s+replaces)\s",
    re.I,
)


def aside_apart(text: str, a: int, b: int, s: Hit) -> bool:
    """Whether text[a:b] lies in an aside (brackets, or ", including ... ,") that does not
    hold the status phrase."""
    open_ = text.rfind("(", 0, a)
    if open_ >= 0 and text.rfind(")", open_, a) < 0:
        close = text.find(")", b)
        close = len(text) if close < 0 else close
        if not (open_ <= s.start < close):
            return True
    opens = list(_ASIDE_OPEN.finditer(text, 0, a))
    if not opens:
        return False
    start = opens[-1].start()
    closer = ")" if text[start] == "(" else ","
    if text.find(closer, opens[-1].end(), a) >= 0:
        return False  # the aside closed before
    end = text.find(closer, b)
    if end < 0:
        return False  # an aside running to the end holds the rest of the sentence
    return not (start <= s.start < end)


# A country in a clause that opens the sentence ("Following the invasion of Ukraine, ...",
# "Since the takeover of Afghanistan by the Taliban in August 2021, ...") sets the scene.
_SCENE = re.compile(
    r"^\s*(?:Following|After|Since|Due\s+to|Given|In\s+light\s+of|In\s+view\s+of|Despite"
    r"|In\s+response\s+to|Because\s+of)\b[^,;]{0,160},",
)


def scene_end(text: str) -> int:
    """The end of a sentence-opening clause of time or cause (0 when none)."""
    m = _SCENE.match(text)
    return m.end() if m else 0
