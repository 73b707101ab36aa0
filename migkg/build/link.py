"""Entity linking: mentions of actors and processes in passages, and what events are about.

The build calls `link` after the documents are read (issue 5). Each passage (every passage of
every Reading, event rows included) is matched against the gazetteer built from the reference
graphs' labels (migkg/extract/gazetteer.py); each match becomes an `mkg:Mention` claim in the
document's source graph, with its span in the file and a quote from the passage's display text
(0002, 0003). Each event gets `mkg:about` from its table's section heading.

Capitalised names that look like a country, organisation or process but match no label are
collected for the build report (`unresolved`); the list for the real corpus is committed in
docs/unresolved.md and compared by a test, so a new or vanished name shows in review.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import RDF, URIRef

from migkg.build.emit import QUOTE_MAX, Emitter
from migkg.extract.gazetteer import Gazetteer, Match
from migkg.iris import MKG, Iris
from migkg.loaders.base import Passage, Reading
from migkg.rdf.nquads import int_token, iri_token, literal_token
from migkg.text import display_text

if TYPE_CHECKING:
    from migkg.build.context import BuildContext
    from migkg.rdf.quads import GraphView
    from migkg.sources.manifest import SourceDocument

LINKER = "linker"
LINKER_VERSION = "0.1.0"

_CAP = r"[A-Z][\w'\u2019\-]*"
_SEP = r"(?: |\n)"
# Each pattern has a `key` group: the candidate is resolved when a mention overlaps the key.
_TAIL = rf"(?:{_SEP}(?:for|of|on)(?:{_SEP}the)?(?:{_SEP}{_CAP}){{1,4}})?"
# CSDP missions and operations are named by these prefixes (EUCAP Sahel Niger, EUBAM Libya).
_MISSION = r"EU(?:CAP|BAM|TM|NAVFOR|FOR|MM|AM|PM|LEX|SEC|POL|MPM|MAM)"
# Each pattern has a `key` group: the candidate is resolved when a mention overlaps the key.
CANDIDATES: list[tuple[str, re.Pattern[str]]] = [
    (
        "country-like",
        re.compile(
            rf"\b(?:Republic|Kingdom|Federation|Principality|Sultanate|Emirate){_SEP}of"
            rf"{_SEP}(?:the{_SEP})?(?P<key>{_CAP}(?:{_SEP}{_CAP}){{0,3}})"
        ),
    ),
    ("country-like", re.compile(rf"(?P<key>\b(?:{_CAP}{_SEP}){{1,3}}Republic)\b(?!{_SEP}of)")),
    ("process-like", re.compile(rf"\b(?:{_CAP}{_SEP}){{1,5}}(?P<key>Process)\b")),
    (
        "organisation-like",
        re.compile(
            rf"\b(?:{_CAP}{_SEP}){{1,4}}(?P<key>Organisation|Organization|Agency|Bank|"
            rf"Secretariat|Institute|Alliance|League|Community)\b{_TAIL}"
        ),
    ),
    (
        "mission-like",
        re.compile(rf"(?P<key>\b{_MISSION})\b(?:{_SEP}(?:[A-Z][a-z]+|[A-Z]{{3,}}))?\b"),
    ),
    ("ocr-split", re.compile(r"(?<![\w-])(?P<key>[A-Z]{2} [A-Z]{2})(?![\w-])")),
]
# Words that open a capitalised run without being part of the name ("The Ohrid Process").
_LEAD_WORDS = (
    "The A An This That These Its Their Our Under With Within For From In On At By First Second "
    "Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Annual Next Last"
)
_LEAD = frozenset(_LEAD_WORDS.split())


@dataclass(frozen=True)
class Unresolved:
    name: str
    kind: str
    document: str
    line: int


@dataclass(frozen=True)
class Mention:
    """One mention in a file: offsets are code points in the whole file."""

    start: int
    end: int
    entity: URIRef
    rule: str
    passage: Passage


def gazetteer_for(ds: object, iris: Iris) -> Gazetteer:
    """The gazetteer of a build: labels of the graphs under {base}graph/reference/."""
    return Gazetteer.from_dataset(ds, str(iris.graph("reference")) + "/")  # type: ignore[arg-type]


def all_passages(reading: Reading) -> list[Passage]:
    """Every passage the emitter writes for a reading, event rows included, once each."""
    spans: dict[tuple[int, int], Passage] = {}
    for p in list(reading.passages) + [ev.passage for ev in reading.events]:
        spans.setdefault((p.start, p.end), p)
    return [spans[k] for k in sorted(spans)]


def find_mentions(found: Iterable[tuple[Passage, list[Match]]]) -> list[Mention]:
    """Mentions in passages; where passages overlap, the narrowest passage keeps a mention."""
    best: dict[tuple[int, int, URIRef], Mention] = {}
    for p, matches in found:
        for m in matches:
            key = (p.start + m.start, p.start + m.end, m.entity)
            old = best.get(key)
            if old is None or (p.end - p.start) < (old.passage.end - old.passage.start):
                best[key] = Mention(key[0], key[1], m.entity, m.rule, p)
    return [best[k] for k in sorted(best, key=lambda k: (k[0], k[1], str(k[2])))]


def quote_around(display: str, surface: str, near: int, limit: int = QUOTE_MAX) -> str:
    """A verbatim piece of display (at most limit code points) that contains surface.

    near is the surface's approximate position in display; the occurrence closest to it is used,
    and the window is cut at spaces so that the quote reads as words.
    """
    if len(display) <= limit:
        return display
    hits = [m.start() for m in re.finditer(re.escape(surface), display)]
    if not hits:
        return display[:limit]
    at = min(hits, key=lambda h: (abs(h - near), h))
    room = max(0, limit - len(surface))
    lo = max(0, at - room // 2)
    hi = min(len(display), lo + limit)
    lo = max(0, hi - limit)
    if lo > 0:
        space = display.find(" ", lo, at)
        lo = space + 1 if space != -1 else lo
    if hi < len(display):
        space = display.rfind(" ", at + len(surface), hi)
        hi = space if space != -1 else hi
    return display[lo:hi]


def mention_quote(m: Mention, display: str | None = None) -> str:
    """The mention's evidence: a piece of its passage's display text around the surface (0002).

    ``display`` is the passage's display text when the caller has it (a passage holds many
    mentions)."""
    raw = m.passage.raw
    s, e = m.start - m.passage.start, m.end - m.passage.start
    if display is None:
        display = display_text(raw)
    if len(display) <= QUOTE_MAX:
        return display
    surface = display_text(raw[s:e])
    return quote_around(display, surface, len(display_text(raw[:s])))


def emit_mentions(
    iris: Iris, graph: GraphView, doc: SourceDocument, text: str, mentions: list[Mention]
) -> None:
    """Mention claims into a document's source graph.

    The provenance triples are the emitter's (one way to write a claim); only the activity is
    the linker's, since the linker, not the loader, made the mention.
    """
    emitter = Emitter(iris, graph, doc, text)
    put = graph.add_tokens
    activity = iri_token(iris.activity(LINKER, LINKER_VERSION))
    mention, mentions_p, surface = (iri_token(t) for t in (MKG.Mention, MKG.mentions, MKG.surface))
    start_p, end_p, type_p = (iri_token(t) for t in (MKG.startOffset, MKG.endOffset, RDF.type))
    entities: dict[URIRef, str] = {}
    displays: dict[str, str] = {}
    for m in mentions:
        display = displays.get(m.passage.raw)
        if display is None:
            display = displays[m.passage.raw] = display_text(m.passage.raw)
        node = iri_token(iris.claim("mention", doc.id, m.start, m.end, m.entity))
        passage = iri_token(iris.passage(doc.id, m.passage.start, m.passage.end))
        entity = entities.get(m.entity)
        if entity is None:
            entity = entities[m.entity] = iri_token(m.entity)
        put(node, type_p, mention)
        emitter.provenance_tokens(node, passage, mention_quote(m, display), m.rule, activity)
        put(node, mentions_p, entity)
        put(node, surface, literal_token(text[m.start : m.end]))
        put(node, start_p, int_token(m.start))
        put(node, end_p, int_token(m.end))


def clean_name(text: str) -> str:
    """A candidate as a person reads it: spaces collapsed, leading articles and ordinals off."""
    words = display_text(text).split(" ")
    while len(words) > 1 and words[0] in _LEAD:
        words.pop(0)
    return " ".join(words)


def unresolved_in(raw: str, matches: list[Match]) -> list[tuple[str, str, int]]:
    """(name, kind, offset in raw) of name-like phrases whose key no match overlaps."""
    out: dict[tuple[int, int], tuple[str, str, int]] = {}
    for kind, pattern in CANDIDATES:
        for c in pattern.finditer(raw):
            ks, ke = c.span("key")
            if any(m.start < ke and ks < m.end for m in matches):
                continue
            if any(s <= c.start() and c.end() <= e for s, e in out):
                continue
            out[c.span()] = (clean_name(c.group()), kind, c.start())
    return [out[k] for k in sorted(out)]


def link_document(
    ctx: BuildContext, gaz: Gazetteer, doc: SourceDocument, reading: Reading
) -> tuple[dict[str, int], list[Unresolved], list[str]]:
    """Mentions and event subjects of one document; returns counts, unresolved names, subjects."""
    text = ctx.texts[doc.id]
    graph = ctx.dataset.graph(ctx.iris.graph("source", doc.id))
    found = [(p, gaz.find(p.raw)) for p in all_passages(reading)]
    mentions = find_mentions(found)
    emit_mentions(ctx.iris, graph, doc, text, mentions)
    unresolved: dict[tuple[int, str], Unresolved] = {}
    for p, matches in found:  # overlapping passages (a row and its cells) report a name once
        for name, kind, offset in unresolved_in(p.raw, matches):
            line = p.first_line + p.raw.count("\n", 0, offset)
            unresolved.setdefault((p.start + offset, name), Unresolved(name, kind, doc.id, line))
    about = 0
    subjects: dict[str, URIRef | None] = {}
    missing: list[str] = []
    for ev in reading.events:
        if ev.subject not in subjects:
            subjects[ev.subject] = gaz.resolve(ev.subject)
            if subjects[ev.subject] is None:
                missing.append(ev.subject)
        entity = subjects[ev.subject]
        if entity is not None:
            node = ctx.iris.claim("event", doc.id, ev.passage.start, ev.passage.end)
            graph.add((node, MKG.about, entity))
            about += 1
    counts = {
        "mentions": len(mentions),
        "entities": len({m.entity for m in mentions}),
        "eventsAbout": about,
    }
    return counts, list(unresolved.values()), missing


def summarise(items: list[Unresolved]) -> list[dict[str, object]]:
    """The report's list: one row per (name, kind), with documents, count and first place."""
    rows: dict[tuple[str, str], dict[str, object]] = {}
    for u in sorted(items, key=lambda u: (u.name, u.kind, u.document, u.line)):
        row = rows.setdefault(
            (u.name, u.kind),
            {"name": u.name, "kind": u.kind, "count": 0, "documents": [], "first": ""},
        )
        row["count"] = int(row["count"]) + 1  # type: ignore[call-overload]
        docs: list[str] = row["documents"]  # type: ignore[assignment]
        if u.document not in docs:
            docs.append(u.document)
        if not row["first"]:
            row["first"] = f"{u.document}:{u.line}"
    return [rows[k] for k in sorted(rows)]


def link(ctx: BuildContext, progress: Callable[[str], None]) -> None:
    """The build stage: mentions, event subjects and the report's lists for every document."""
    gaz = gazetteer_for(ctx.dataset, ctx.iris)
    stats: dict[str, dict[str, int]] = {}
    unresolved: list[Unresolved] = []
    subjects: dict[str, list[str]] = {}
    for doc in ctx.documents:
        reading = ctx.readings.get(doc.id)
        if not isinstance(reading, Reading):
            continue
        counts, names, missing = link_document(ctx, gaz, doc, reading)
        stats[doc.id] = counts
        unresolved.extend(names)
        if missing:
            subjects[doc.id] = sorted(missing)
        progress(
            f"linked {doc.id}: {counts['mentions']} mentions of {counts['entities']} entities, "
            f"{counts['eventsAbout']} events with a subject"
        )
    ctx.report["mentions"] = stats
    ctx.report["unresolved"] = summarise(unresolved)
    ctx.report["unresolvedSubjects"] = subjects
    ctx.report["gazetteer"] = {"labels": gaz.size, "ambiguousLabels": gaz.ambiguous}


UNRESOLVED_COLUMNS = ("name", "kind", "documents", "first", "review")


def parse_unresolved(markdown: str) -> list[dict[str, str]]:
    """The rows of the table in docs/unresolved.md (the reviewed list)."""
    rows = []
    for line in markdown.splitlines():
        if not line.startswith("| ") or line.startswith(("| name ", "|---")):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        rows.append(dict(zip(UNRESOLVED_COLUMNS, cells, strict=False)))
    return rows


def render_unresolved(rows: list[dict[str, object]], reviews: dict[str, str]) -> str:
    """docs/unresolved.md's table for a build's list, keeping the review notes already written."""
    out = [
        "| " + " | ".join(UNRESOLVED_COLUMNS) + " |",
        "|" + "---|" * len(UNRESOLVED_COLUMNS),
    ]
    for row in rows:
        name = str(row["name"])
        docs = ", ".join(row["documents"])  # type: ignore[call-overload]
        review = reviews.get(name, "TO REVIEW")
        out.append(f"| {name} | {row['kind']} | {docs} | {row['first']} | {review} |")
    return "\n".join(out) + "\n"
