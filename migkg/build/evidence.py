"""The build's quote checks: every claim's quote must prove something (0002, issue 6).

For every status claim, membership claim and process fact that cites a passage:

- ``quote-length``: at most 300 characters;
- ``quote-in-passage``: a substring of the passage's display text;
- ``quote-one-sentence``: inside one sentence, cell or bullet of that passage (the units of
  ``migkg.extract.sentences``);
- ``quote-trigger``: holds a trigger phrase of the claim's instrument type or status (the
  schemes' labels); for process facts and chairs, the cue of the fact type or role;
- ``quote-mention``: names the country, party or counterpart (the process or member for
  process claims), or the passage lies in that actor's section.

``check_claims`` returns the problems (each names the claim and the rule); the claims stage
raises when there is any, so a build never publishes a quote that proves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, Dataset, URIRef
from rdflib.namespace import PROV

from migkg.build.processfacts import CHAIRED_BY, CURRENT_CHAIR, FACT_CUES, HANDOVER, LAUNCH
from migkg.extract.instruments import QUOTE_MAX, Tables
from migkg.extract.sentences import units
from migkg.iris import MKG, OA, ORG, Iris

RULES = ("quote-length", "quote-in-passage", "quote-one-sentence", "quote-trigger", "quote-mention")
CLAIM_CLASSES = (MKG.StatusClaim, MKG.MembershipClaim, MKG.ProcessFact)


@dataclass(frozen=True)
class Problem:
    claim: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"claim {self.claim}: rule {self.rule}: {self.detail}"


def _notation(node: object) -> str:
    return str(node).rsplit("/", 1)[-1] if node is not None else ""


def _in_one_unit(quote: str, raw: str, display: str) -> bool:
    spans = sorted({u.clause_of for u in units(raw)})
    start = display.find(quote)
    while start >= 0:
        end = start + len(quote)
        if any(a <= start and end <= b for a, b in spans):
            return True
        start = display.find(quote, start + 1)
    return False


def _trigger(ds_g: object, claim: URIRef, kind: URIRef, quote: str, tables: Tables) -> bool:
    g = ds_g
    if kind == MKG.StatusClaim:
        inst = g.value(claim, MKG.instrument)  # type: ignore[attr-defined]
        itype = _notation(g.value(inst, MKG.instrumentType))  # type: ignore[attr-defined]
        status = _notation(g.value(claim, MKG.status))  # type: ignore[attr-defined]
        if any(h.key == status for h in tables.statuses.find(quote)):
            return True
        return any(h.key == itype for h in tables.types.find(quote))
    if kind == MKG.ProcessFact:
        fact = str(g.value(claim, MKG.factType))  # type: ignore[attr-defined]
        cues = [rx for k, rx in FACT_CUES if k == fact] + ([LAUNCH] if fact == "launched" else [])
        return any(rx.search(quote) for rx in cues)
    return any(rx.search(quote) for rx in (HANDOVER, CURRENT_CHAIR, CHAIRED_BY))


def _subjects(g: object, claim: URIRef, kind: URIRef) -> set[str]:
    if kind == MKG.StatusClaim:
        inst = g.value(claim, MKG.instrument)  # type: ignore[attr-defined]
        return {
            str(o)
            for p in (MKG.party, MKG.country, MKG.counterpart)
            for o in g.objects(inst, p)  # type: ignore[attr-defined]
        }
    if kind == MKG.ProcessFact:
        return {str(o) for o in g.objects(claim, MKG.process)}  # type: ignore[attr-defined]
    return {
        str(o)
        for p in (ORG.member, ORG.organization)
        for o in g.objects(claim, p)  # type: ignore[attr-defined]
    }


def check_claims(
    ds: Dataset, iris: Iris, tables: Tables, sections: dict[str, str]
) -> list[Problem]:
    """Every rule broken by every claim with a passage, in a stable order."""
    problems: list[Problem] = []
    prefixes = (str(iris.graph("source")) + "/", str(iris.graph("curation")))
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if not str(g.identifier).startswith(prefixes):
            continue
        for kind in CLAIM_CLASSES:
            for claim in sorted(set(g.subjects(RDF.type, kind))):
                quote = g.value(claim, MKG.quote)
                passage = g.value(claim, PROV.wasDerivedFrom)
                if quote is None or passage is None:
                    continue
                problems.extend(
                    _check_one(ds, g, claim, kind, str(quote), passage, tables, sections)
                )
    return problems


def _passage_texts(ds: Dataset, passage: URIRef) -> tuple[str, str]:
    display = raw = ""
    for _s, _p, o, _g in ds.quads((passage, MKG.displayText, None, None)):
        display = str(o)
    for _s, _p, o, _g in ds.quads((URIRef(f"{passage}#quote"), OA.exact, None, None)):
        raw = str(o)
    return display, raw


def _check_one(
    ds: Dataset,
    g: object,
    claim: URIRef,
    kind: URIRef,
    quote: str,
    passage: URIRef,
    tables: Tables,
    sections: dict[str, str],
) -> list[Problem]:
    name = str(claim)
    out: list[Problem] = []
    if len(quote) > QUOTE_MAX:
        out.append(Problem(name, "quote-length", f"{len(quote)} characters (max {QUOTE_MAX})"))
    display, raw = _passage_texts(ds, passage)
    if quote not in display:
        out.append(Problem(name, "quote-in-passage", f"not in the display text of {passage}"))
    elif not _in_one_unit(quote, raw, display):
        out.append(Problem(name, "quote-one-sentence", "spans more than one sentence/cell"))
    if not _trigger(g, claim, kind, quote, tables):
        out.append(Problem(name, "quote-trigger", f"no trigger phrase in {quote!r}"))
    subjects = _subjects(g, claim, kind)
    named = {a.iri for _h, a in tables.actors.find(quote)}
    if not (named & subjects) and sections.get(str(passage)) not in subjects:
        out.append(
            Problem(
                name, "quote-mention", f"names none of {sorted(subjects)} outside their section"
            )
        )
    return out
