"""Turn a loader's Reading into the triples of a source graph (0002, 0003, 0004)."""

from __future__ import annotations

import calendar

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from migkg.iris import EDTF, MKG, OA, Iris, concept
from migkg.loaders.base import DateValue, EventRow, Passage, Reading
from migkg.manifest import SourceDocument
from migkg.nquads import bool_literal, date_literal, int_literal

CONTEXT = 32  # code points of prefix/suffix in a TextQuoteSelector
QUOTE_MAX = 300


def as_of_bounds(as_of: str) -> tuple[str, str]:
    """Earliest and latest day of a YYYY[-MM[-DD]] period."""
    parts = [int(p) for p in as_of.split("-")]
    if len(parts) == 3:
        return as_of, as_of
    if len(parts) == 2:
        y, m = parts
        return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
    return f"{parts[0]:04d}-01-01", f"{parts[0]:04d}-12-31"


def short_quote(display: str, limit: int = QUOTE_MAX) -> str:
    """The longest prefix of a display text up to limit, cut at a word boundary."""
    if len(display) <= limit:
        return display
    cut = display[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


class Emitter:
    def __init__(self, iris: Iris, graph: Graph, doc: SourceDocument, text: str) -> None:
        self.iris = iris
        self.g = graph
        self.doc = doc
        self.text = text
        self.doc_iri = iris.document(doc.id)
        self.as_of = date_literal(as_of_bounds(doc.as_of)[1])

    def document(self) -> None:
        g, d, meta = self.g, self.doc_iri, self.doc.meta
        g.add((d, RDF.type, MKG.Document))
        g.add((d, DCTERMS.identifier, Literal(self.doc.id)))
        g.add((d, DCTERMS.title, Literal(self.doc.title, lang="en")))
        g.add((d, DCTERMS.publisher, Literal(str(meta["issuingBody"]))))
        if meta["referenceNumber"]:
            g.add((d, MKG.referenceNumber, Literal(str(meta["referenceNumber"]))))
        g.add((d, MKG.issuedText, Literal(str(meta["issued"]))))
        for reg in meta["registered"]:  # type: ignore[attr-defined]
            g.add((d, MKG.registered, Literal(str(reg))))
        g.add((d, MKG.asOf, self.as_of))
        g.add((d, MKG.asOfText, Literal(self.doc.as_of)))
        g.add((d, MKG.asOfReason, Literal(str(meta["asOfReason"]))))
        g.add((d, DCTERMS.language, Literal(str(meta["language"]))))
        g.add((d, DCTERMS.accessRights, Literal(str(meta["accessRights"]))))
        g.add((d, MKG.fullText, Literal(self.doc.full_text)))
        g.add((d, MKG.shape, Literal(self.doc.shape)))
        g.add((d, MKG.sha256, Literal(self.doc.sha256)))
        g.add((d, MKG.originalFileName, Literal(str(meta["originalFileName"]))))
        g.add((d, DCTERMS.license, Literal(str(meta["license"]))))
        g.add((d, MKG.attribution, Literal(str(meta["attribution"]))))

    def passage(self, p: Passage) -> URIRef:
        g = self.g
        node = self.iris.passage(p.doc_id, p.start, p.end)
        pos, quote = URIRef(f"{node}#position"), URIRef(f"{node}#quote")
        g.add((node, RDF.type, MKG.Passage))
        g.add((node, MKG.document, self.doc_iri))
        g.add((node, MKG.firstLine, int_literal(p.first_line)))
        g.add((node, MKG.lastLine, int_literal(p.last_line)))
        g.add((node, MKG.startOffset, int_literal(p.start)))
        g.add((node, MKG.endOffset, int_literal(p.end)))
        g.add((node, MKG.role, Literal(p.role)))
        g.add((node, MKG.displayText, Literal(p.display)))
        for prop, value in (
            (MKG.section, p.section),
            (MKG.part, p.part),
            (MKG.column, p.column),
        ):
            if value:
                g.add((node, prop, Literal(value)))
        g.add((node, OA.hasSelector, pos))
        g.add((pos, RDF.type, OA.TextPositionSelector))
        g.add((pos, OA.start, int_literal(p.start)))
        g.add((pos, OA.end, int_literal(p.end)))
        g.add((node, OA.hasSelector, quote))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(p.raw)))
        g.add((quote, OA.prefix, Literal(self.text[max(0, p.start - CONTEXT) : p.start])))
        g.add((quote, OA.suffix, Literal(self.text[p.end : p.end + CONTEXT])))
        return node

    def provenance(self, claim: URIRef, passage: URIRef, quote: str, rule: str) -> None:
        from migkg.loaders.shapes import LOADER_VERSION

        g = self.g
        g.add((claim, RDF.type, MKG.Claim))
        g.add((claim, PROV.wasDerivedFrom, passage))
        g.add((claim, MKG.quote, Literal(quote)))
        g.add((claim, MKG.asOf, self.as_of))
        g.add((claim, PROV.wasGeneratedBy, self.iris.activity(self.doc.shape, LOADER_VERSION)))
        g.add((claim, MKG.ruleId, Literal(rule)))
        g.add((claim, MKG.method, concept("method", "rule")))

    def date(self, node: URIRef, d: DateValue) -> None:
        g = self.g
        g.add((node, MKG.dateText, Literal(d.text)))
        if d.edtf:
            g.add((node, MKG.edtf, Literal(d.edtf, datatype=EDTF)))
        if d.earliest:
            g.add((node, MKG.earliest, date_literal(d.earliest)))
        if d.latest:
            g.add((node, MKG.latest, date_literal(d.latest)))
        g.add((node, MKG.precision, concept("precision", d.precision)))
        g.add((node, MKG.tbc, bool_literal(d.tbc)))
        g.add((node, MKG.yearInferred, bool_literal(d.year_inferred)))
        for occ in d.occurrences:
            g.add((node, MKG.occurrence, Literal(occ, datatype=EDTF)))

    def event(self, ev: EventRow, passage: URIRef) -> URIRef:
        g = self.g
        node = self.iris.claim("event", self.doc.id, ev.passage.start, ev.passage.end)
        g.add((node, RDF.type, MKG.Event))
        self.provenance(node, passage, short_quote(ev.passage.display), "event-table-row")
        self.date(node, ev.date)
        g.add((node, RDFS.label, Literal(ev.title or ev.date.text)))
        if ev.comment:
            g.add((node, RDFS.comment, Literal(ev.comment)))
        if ev.place:
            g.add((node, MKG.place, Literal(ev.place)))
        g.add((node, MKG.subjectText, Literal(ev.subject)))
        planned = bool(ev.date.earliest) and ev.date.earliest > str(self.as_of)
        g.add((node, MKG.planned, bool_literal(planned)))
        return node

    def reading(self, reading: Reading) -> dict[str, int]:
        self.document()
        iris_by_span: dict[tuple[int, int], URIRef] = {}
        for p in reading.passages:
            iris_by_span[(p.start, p.end)] = self.passage(p)
        for ev in reading.events:
            key = (ev.passage.start, ev.passage.end)
            passage = iris_by_span.get(key) or self.passage(ev.passage)
            iris_by_span[key] = passage
            self.event(ev, passage)
        return {"passages": len(iris_by_span), "events": len(reading.events)}


__all__ = ["XSD", "Emitter", "as_of_bounds", "short_quote"]
