"""Build stage "claims": instrument status claims and process facts with their evidence (0003).

Runs after reading and linking. For every document it walks the passages in order, keeps track
of the section an actor heads (the loader's ``section``, or for loaders without one a heading
passage that names an actor), cuts each passage into sentences (``migkg.extract.sentences``) and
applies the sentence rules (``migkg.extract.instruments``, ``migkg.build.processfacts``). Each
result becomes a claim node in the document's source graph with the provenance every claim carries
(``Emitter``). Then the curation overlay is applied (``migkg.build.curation``) and every quote is
checked (``migkg.build.evidence``); a broken quote stops the build, naming the claim and the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import SKOS

from migkg.build.emit import Emitter, as_of_bounds
from migkg.extract.instruments import PARTY_KINDS, Context, Draft, Tables, extract_unit
from migkg.extract.sentences import units
from migkg.extract.triggers import Actor, Actors, PhraseTable, english, objects, scheme_phrases
from migkg.iris import MKG, Iris, concept
from migkg.loaders.base import Passage, Reading
from migkg.loaders.dates import parse_date
from migkg.rdf.nquads import bool_literal
from migkg.settings import MigkgError

if TYPE_CHECKING:
    from migkg.build.context import BuildContext

_HEADING = re.compile(r"^[^a-z]{3,80}$")
# Page furniture between passages (a letter's footer, a reference, a page number): no heading.
_FURNITURE = re.compile(r"^\s*(?:Ref\.|Commission europ|Europese|-?\s*\d)")


@dataclass(frozen=True)
class Located:
    """A draft with the passage it was read from."""

    passage: Passage
    draft: Draft
    unit_text: str


def load_tables(ds: Dataset, base: str) -> Tables:
    """Phrase tables from the build's graphs: nothing here lists a name or a trigger."""
    types = scheme_phrases(ds, "instrument-type")
    statuses = scheme_phrases(ds, "status")
    if not types or not statuses:
        raise MigkgError(
            "the instrument-type and status schemes have no labels in the ontology graph: "
            "the claims stage needs ontology/vocab-instrument-type.ttl and vocab-status.ttl"
        )
    return Tables(PhraseTable(types), PhraseTable(statuses), Actors(ds, base), parse_date)


def passages_in_order(reading: Reading) -> list[Passage]:
    spans: dict[tuple[int, int], Passage] = {}
    for p in list(reading.passages) + [ev.passage for ev in reading.events]:
        spans.setdefault((p.start, p.end), p)
    return [spans[k] for k in sorted(spans)]


def outermost(passages: list[Passage]) -> list[tuple[Passage, list[Passage]]]:
    """Passages not inside another one, each with the passages nested in it (rows hold cells,
    cells hold bullets): the rules read the outer text once, with its row date, and cite the
    smallest passage that holds the quote."""
    out: list[tuple[Passage, list[Passage]]] = []
    for p in sorted(passages, key=lambda p: (p.start, -p.end)):
        if out and out[-1][0].start <= p.start and p.end <= out[-1][0].end:
            out[-1][1].append(p)
        else:
            out.append((p, []))
    return out


def cite(quote: str, outer: Passage, inner: list[Passage]) -> Passage:
    """The smallest passage whose display text holds the quote (the outer one at worst)."""
    best = outer
    for p in inner:
        if (p.end - p.start) < (best.end - best.start) and quote in p.display:
            best = p
    return best


def sole_party(heading: str, actors: Actors) -> Actor | None:
    """The one third party a short section heading is about ("Cooperation with Egypt",
    "Implementation of MoU with Tunisia"), or None when it names none or several."""
    if len(heading) > 80:
        return None
    named = {a.iri: a for _h, a in actors.find(heading) if a.kind in PARTY_KINDS}
    return next(iter(named.values())) if len(named) == 1 else None


def section_actors(passages: list[Passage], actors: Actors) -> dict[tuple[int, int], Actor | None]:
    """The actor whose section each passage lies in.

    A loader that knows sections says so in ``Passage.section``; otherwise a short passage in
    capitals (a heading) opens a section, which names an actor or none ("A. AFRICAN COUNTRIES").
    A loader section that names no actor ("2.3. Cooperation with various regions") may hold
    sub-headings that do ("Russian Federation"): those open a section until the next heading
    or the end of the loader's section.
    """
    out: dict[tuple[int, int], Actor | None] = {}
    current: Actor | None = None
    cache: dict[str, Actor | None] = {}
    loader_section = ""
    for p in passages:
        text = p.display
        if p.section != loader_section:
            loader_section, current = p.section, None
        if p.section:
            if p.section not in cache:
                cache[p.section] = actors.resolve(p.section) or sole_party(p.section, actors)
            if cache[p.section] is not None:
                out[(p.start, p.end)] = cache[p.section]
                continue
        if (_HEADING.match(text) and any(c.isalpha() for c in text)) or (
            p.section and is_heading(p)
        ):
            current = actors.resolve(text)
        out[(p.start, p.end)] = current
    return out


_LABEL = re.compile(r"^([^:.;]{2,60}?)\s*(?:\([^)]{1,20}\))?\s*:\s")


def is_heading(p: Passage) -> bool:
    """A heading: a loader says so, or a short single line without a final full stop."""
    if p.role in ("heading", "title"):
        return True
    d = p.display
    return p.role == "paragraph" and len(d) < 80 and "\n" not in p.raw.strip() and d[-1:] != "."


def _names_type(text: str, tables: Tables) -> str:
    """The instrument type a short text names all by itself ("Readmission Agreements (RA)")."""
    core = re.sub(r"\s*\([^)]*\)\s*$", "", text.strip()).strip(" :")
    hits = tables.types.find(core)
    if len(hits) == 1 and len(core) - (hits[0].end - hits[0].start) <= 3:
        return hits[0].key
    return ""


def heading_topic(text: str, tables: Tables, topic: str) -> str:
    """A heading naming an instrument type makes it the topic; an actor's heading keeps the
    topic (a country under "Anti-Smuggling Operational Partnerships"); any other ends it."""
    named = _names_type(text, tables)
    if named:
        return named
    if tables.actors.resolve(text) is not None:
        return topic
    kinds = {h.key for h in tables.types.find(text)}
    return kinds.pop() if len(kinds) == 1 else ""


def opening_label(text: str, tables: Tables) -> tuple[Actor | None, str]:
    """ "Morocco: key steps ...", "Readmission Agreements (RA): 18 ...": what a passage's
    opening label names, an actor (the passage's subject) or an instrument type (its topic)."""
    m = _LABEL.match(text)
    if not m:
        return None, ""
    label = m.group(1)
    actor = tables.actors.resolve(label)
    if actor is not None and actor.kind in ("country", "territory", "group", "mission"):
        return actor, ""
    return None, _names_type(label, tables)


def document_drafts(
    reading: Reading,
    as_of: str,
    tables: Tables,
    subjects: dict[tuple[int, int], str] | None = None,
    text: str = "",
) -> Iterator[tuple[Located, Actor | None]]:
    """Every status claim a document makes, with the section actor of its passage.

    ``subjects`` receives the actor whose section (or opening label) holds each passage: the
    evidence check accepts a quote without a name there. ``text`` (the document) lets the
    headings a loader keeps in no passage (a letter's annex: "Anti-Smuggling Operation
    Partnerships (ASOPs)" above "Niger") set the topic, as heading passages do."""
    passages = passages_in_order(reading)
    sections = section_actors(passages, tables.actors)
    on = as_of_bounds(as_of)[1]
    ctx = Context(year_hint=as_of_bounds(as_of)[0], as_of=on)
    last_section: Actor | None = None
    topic = ""
    loader_section = ""
    previous_end = 0
    gap_actor: Actor | None = None
    for p, inner in outermost(passages):
        if p.section != loader_section:
            gap_actor = None
        for line in text[previous_end : p.start].splitlines():
            if (
                len(line.strip()) >= 80
                or not re.search(r"[A-Za-z]{3}", line)
                or _FURNITURE.match(line)
            ):
                continue
            named = _names_type(line, tables)
            if named:
                topic = named
                continue
            actor = tables.actors.resolve(line)
            gap_actor = actor if actor is not None and actor.kind in PARTY_KINDS else None
        previous_end = max(previous_end, p.end)
        section = sections[(p.start, p.end)] or gap_actor
        if p.section != loader_section:
            loader_section = p.section
            if p.section and not is_heading(p):
                topic = heading_topic(p.section, tables, topic)
        if p.role == "paragraph" and not is_heading(p):
            ctx.carry, ctx.carry_units = (), []  # a new paragraph names its own instruments
        if is_heading(p):
            topic = heading_topic(p.display, tables, topic)
        label_actor, label_type = opening_label(p.display, tables)
        if label_actor is not None:
            section = label_actor
        if subjects is not None and section is not None:
            for q in [p, *inner]:
                subjects[(q.start, q.end)] = section.iri
        if section != last_section:
            ctx = Context(section=section, year_hint=ctx.year_hint, as_of=on)
            last_section = section
        ctx.topic = label_type or topic
        if is_heading(p) and p.display.endswith(":"):
            continue  # "Frontex Status Agreements to conclude:" introduces the list below
        ctx.agencies = tuple(sorted({a.iri for _h, a in tables.actors.find(p.display) if a.agency}))
        for unit in units(p.raw):
            if unit.row_date and unit.cell == 0:
                row = tables.parse_date(unit.row_date, previous=ctx.year_hint)
                if row.earliest:
                    ctx.year_hint = row.earliest
            for d in extract_unit(unit, ctx, tables):
                yield Located(cite(d.quote, p, inner), d, unit.text), section


def _label(ds: Dataset, node: URIRef) -> str:
    return english(objects(ds, node, SKOS.prefLabel)) or str(node).rsplit("/", 1)[-1]


def emit_status_claim(em: Emitter, ds: Dataset, iris: Iris, loc: Located) -> URIRef:
    d, p = loc.draft, loc.passage
    party, counterpart = URIRef(d.party), URIRef(d.counterpart)
    inst = iris.instrument(d.instrument_type, party, counterpart)
    g = em.g
    g.add((inst, RDF.type, MKG.Instrument))
    g.add((inst, MKG.instrumentType, concept("instrument-type", d.instrument_type)))
    g.add((inst, MKG.party, party))
    g.add((inst, MKG.country, URIRef(d.country)))
    g.add((inst, MKG.counterpart, counterpart))
    type_label = _label(ds, concept("instrument-type", d.instrument_type))
    g.add(
        (
            inst,
            RDFS.label,
            Literal(f"{type_label}: {_label(ds, party)} – {_label(ds, counterpart)}"),
        )
    )
    claim = iris.claim(
        "status",
        p.doc_id,
        p.start,
        p.end,
        d.party,
        d.counterpart,
        d.instrument_type,
        d.status,
        d.date.text if d.date else "",
        d.negated,
        d.quote,
    )
    g.add((claim, RDF.type, MKG.StatusClaim))
    em.provenance(claim, iris.passage(p.doc_id, p.start, p.end), d.quote, d.rule)
    g.add((claim, MKG.instrument, inst))
    g.add((claim, MKG.status, concept("status", d.status)))
    g.add((claim, MKG.negated, bool_literal(d.negated)))
    if d.date is not None:
        em.date(claim, d.date)
    return claim


def flag_disagreements(ds: Dataset, graphs: list[URIRef]) -> int:
    """Flag claims of one instrument and status whose day dates differ by under a month.

    Both claims stay (a source is never corrected); the flag makes the disagreement visible to
    the report queries. Returns the number of claims flagged.
    """
    by_key: dict[tuple[str, str], list[tuple[URIRef, URIRef, str, str]]] = {}
    for g_iri in graphs:
        g = ds.graph(g_iri)
        for claim in g.subjects(RDF.type, MKG.StatusClaim):
            prec = g.value(claim, MKG.precision)
            if prec != concept("precision", "day") or g.value(claim, MKG.negated) == bool_literal(
                True
            ):
                continue
            key = (str(g.value(claim, MKG.instrument)), str(g.value(claim, MKG.status)))
            by_key.setdefault(key, []).append(
                (g_iri, claim, str(g.value(claim, MKG.earliest)), str(g.value(claim, MKG.dateText)))
            )
    flagged: set[URIRef] = set()
    for items in by_key.values():
        for g1, c1, d1, t1 in items:
            for _g2, c2, d2, t2 in items:
                if d1 == d2 or c1 == c2:
                    continue
                gap = abs((date.fromisoformat(d1) - date.fromisoformat(d2)).days)
                if gap <= 31:
                    g = ds.graph(g1)
                    g.add((c1, MKG.flag, Literal("date-disagreement")))
                    g.add((c1, MKG.note, Literal(f"another claim dates it {t2} ({c2}); here {t1}")))
                    flagged.add(c1)
    return len(flagged)


def extract(ctx: BuildContext, progress: Callable[[str], None]) -> None:
    from migkg.build import curation, evidence, processfacts

    tables = load_tables(ctx.dataset, ctx.iris.base)
    stats: dict[str, dict[str, int]] = {}
    sections: dict[str, str] = {}
    graphs: list[URIRef] = []
    for doc in ctx.documents:
        reading = ctx.readings.get(doc.id)
        if not isinstance(reading, Reading):
            continue
        g_iri = ctx.iris.graph("source", doc.id)
        graphs.append(g_iri)
        em = Emitter(ctx.iris, ctx.dataset.graph(g_iri), doc, ctx.texts[doc.id])
        n_status = 0
        subjects: dict[tuple[int, int], str] = {}
        for loc, _section in document_drafts(
            reading, doc.as_of, tables, subjects, ctx.texts[doc.id]
        ):
            emit_status_claim(em, ctx.dataset, ctx.iris, loc)
            n_status += 1
        for (start, end), actor in subjects.items():
            sections[str(ctx.iris.passage(doc.id, start, end))] = actor
        facts = processfacts.extract_document(reading, doc.as_of, tables, em, ctx.iris)
        for piri, actor in facts.sections.items():
            sections.setdefault(piri, actor)
        stats[doc.id] = {
            "statusClaims": n_status,
            "processFacts": facts.process_facts,
            "membershipClaims": facts.memberships,
        }
        progress(
            f"claims {doc.id}: {n_status} status claims, {facts.process_facts} process facts, "
            f"{facts.memberships} memberships"
        )
    flags = flag_disagreements(ctx.dataset, graphs)
    applied = curation.apply(
        ctx.dataset, ctx.iris, ctx.settings.project_dir / "graphs" / "curation"
    )
    problems = evidence.check_claims(ctx.dataset, ctx.iris, tables, sections)
    ctx.report["claims"] = {
        "documents": stats,
        "flagged": flags,
        "curation": applied.as_dict(),
        "evidenceProblems": len(problems),
    }
    if problems:
        raise MigkgError(
            f"{len(problems)} claim(s) break the quote rules (docs/decisions/0002):\n"
            + "\n".join(str(p) for p in problems[:50])
        )
