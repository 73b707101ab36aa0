"""Turn a loader's Reading into the triples of a source graph (0002, 0003, 0004).

The emitter writes N-Quads tokens (migkg/rdf/nquads.py) into the build's graphs
(migkg/rdf/quads.py): a passage is some twenty triples, and building rdflib terms for them cost more
than the rest of reading a document.
"""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from migkg.iris import EDTF, MKG, OA, Iris, concept
from migkg.loaders.base import DateValue, EventRow, Passage, Reading
from migkg.rdf.nquads import (
    bool_token,
    date_literal,
    date_token,
    int_token,
    iri_token,
    literal_token,
)
from migkg.sources.manifest import SourceDocument

if TYPE_CHECKING:
    from migkg.rdf.quads import GraphView

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


# the terms every passage, claim and date repeats, as tokens (migkg/rdf/nquads.py)
_T = {
    name: iri_token(term)
    for name, term in {
        "type": RDF.type,
        "label": RDFS.label,
        "comment": RDFS.comment,
        "identifier": DCTERMS.identifier,
        "title": DCTERMS.title,
        "publisher": DCTERMS.publisher,
        "language": DCTERMS.language,
        "accessRights": DCTERMS.accessRights,
        "license": DCTERMS.license,
        "wasDerivedFrom": PROV.wasDerivedFrom,
        "wasGeneratedBy": PROV.wasGeneratedBy,
        "hasSelector": OA.hasSelector,
        "TextPositionSelector": OA.TextPositionSelector,
        "TextQuoteSelector": OA.TextQuoteSelector,
        "start": OA.start,
        "end": OA.end,
        "exact": OA.exact,
        "prefix": OA.prefix,
        "suffix": OA.suffix,
        "methodRule": concept("method", "rule"),
    }.items()
}
_MKG_NAMES = (
    "Document",
    "Passage",
    "Claim",
    "Event",
    "referenceNumber",
    "issuedText",
    "registered",
    "asOf",
    "asOfText",
    "asOfReason",
    "fullText",
    "shape",
    "sha256",
    "originalFileName",
    "attribution",
    "document",
    "firstLine",
    "lastLine",
    "startOffset",
    "endOffset",
    "role",
    "displayText",
    "section",
    "part",
    "column",
    "quote",
    "ruleId",
    "method",
    "dateText",
    "edtf",
    "earliest",
    "latest",
    "precision",
    "tbc",
    "yearInferred",
    "occurrence",
    "place",
    "subjectText",
    "planned",
)
_M = {name: iri_token(MKG[name]) for name in _MKG_NAMES}
_EDTF = str(EDTF)


class Emitter:
    """Writes a document's triples as tokens into its source graph (a migkg.rdf.quads.GraphView).

    ``g`` stays the graph, so a rule module adds its own triples with ``em.g.add((s, p, o))``.
    """

    def __init__(self, iris: Iris, graph: GraphView, doc: SourceDocument, text: str) -> None:
        self.iris = iris
        self.g = graph
        self.put = graph.add_tokens
        self.doc = doc
        self.text = text
        self.doc_iri = iris.document(doc.id)
        self._doc = iri_token(self.doc_iri)
        self.as_of = date_literal(as_of_bounds(doc.as_of)[1])
        self._as_of = date_token(str(self.as_of))
        self._activities: dict[str, str] = {}

    def document(self) -> None:
        put, d, meta, M, T = self.put, self._doc, self.doc.meta, _M, _T
        lit = literal_token
        put(d, T["type"], M["Document"])
        put(d, T["identifier"], lit(self.doc.id))
        put(d, T["title"], lit(self.doc.title, "en"))
        put(d, T["publisher"], lit(str(meta["issuingBody"])))
        if meta["referenceNumber"]:
            put(d, M["referenceNumber"], lit(str(meta["referenceNumber"])))
        put(d, M["issuedText"], lit(str(meta["issued"])))
        for reg in meta["registered"]:  # type: ignore[attr-defined]
            put(d, M["registered"], lit(str(reg)))
        put(d, M["asOf"], self._as_of)
        put(d, M["asOfText"], lit(self.doc.as_of))
        put(d, M["asOfReason"], lit(str(meta["asOfReason"])))
        put(d, T["language"], lit(str(meta["language"])))
        put(d, T["accessRights"], lit(str(meta["accessRights"])))
        put(d, M["fullText"], lit(self.doc.full_text))
        put(d, M["shape"], lit(self.doc.shape))
        put(d, M["sha256"], lit(self.doc.sha256))
        put(d, M["originalFileName"], lit(str(meta["originalFileName"])))
        put(d, T["license"], lit(str(meta["license"])))
        put(d, M["attribution"], lit(str(meta["attribution"])))

    def passage(self, p: Passage) -> URIRef:
        node = self.iris.passage(p.doc_id, p.start, p.end)
        self._passage(iri_token(node), p)
        return node

    def _passage(self, n: str, p: Passage) -> None:
        put, M, T, lit = self.put, _M, _T, literal_token
        pos, quote = f"{n[:-1]}#position>", f"{n[:-1]}#quote>"
        start, end = int_token(p.start), int_token(p.end)
        put(n, T["type"], M["Passage"])
        put(n, M["document"], self._doc)
        put(n, M["firstLine"], int_token(p.first_line))
        put(n, M["lastLine"], int_token(p.last_line))
        put(n, M["startOffset"], start)
        put(n, M["endOffset"], end)
        put(n, M["role"], lit(p.role))
        put(n, M["displayText"], lit(p.display))
        for prop, value in (("section", p.section), ("part", p.part), ("column", p.column)):
            if value:
                put(n, M[prop], lit(value))
        put(n, T["hasSelector"], pos)
        put(pos, T["type"], T["TextPositionSelector"])
        put(pos, T["start"], start)
        put(pos, T["end"], end)
        put(n, T["hasSelector"], quote)
        put(quote, T["type"], T["TextQuoteSelector"])
        put(quote, T["exact"], lit(p.raw))
        put(quote, T["prefix"], lit(self.text[max(0, p.start - CONTEXT) : p.start]))
        put(quote, T["suffix"], lit(self.text[p.end : p.end + CONTEXT]))

    def _activity(self) -> str:
        from migkg.loaders.shapes import LOADER_VERSION

        shape = self.doc.shape
        tok = self._activities.get(shape)
        if tok is None:
            tok = self._activities[shape] = iri_token(self.iris.activity(shape, LOADER_VERSION))
        return tok

    def provenance(
        self,
        claim: URIRef,
        passage: URIRef,
        quote: str,
        rule: str,
        activity: URIRef | None = None,
    ) -> None:
        """The triples every claim carries (0003); the activity is the loader's by default."""
        act = self._activity() if activity is None else self.g.token(activity)
        self.provenance_tokens(self.g.token(claim), self.g.token(passage), quote, rule, act)

    def provenance_tokens(self, c: str, passage: str, quote: str, rule: str, activity: str) -> None:
        put, M, T = self.put, _M, _T
        put(c, T["type"], M["Claim"])
        put(c, T["wasDerivedFrom"], passage)
        put(c, M["quote"], literal_token(quote))
        put(c, M["asOf"], self._as_of)
        put(c, T["wasGeneratedBy"], activity)
        put(c, M["ruleId"], literal_token(rule))
        put(c, M["method"], T["methodRule"])

    def date(self, node: URIRef, d: DateValue) -> None:
        self._date(self.g.token(node), d)

    def _date(self, n: str, d: DateValue) -> None:
        put, M, lit = self.put, _M, literal_token
        put(n, M["dateText"], lit(d.text))
        if d.edtf:
            put(n, M["edtf"], lit(d.edtf, datatype=_EDTF))
        if d.earliest:
            put(n, M["earliest"], date_token(d.earliest))
        if d.latest:
            put(n, M["latest"], date_token(d.latest))
        put(n, M["precision"], iri_token(concept("precision", d.precision)))
        put(n, M["tbc"], bool_token(d.tbc))
        put(n, M["yearInferred"], bool_token(d.year_inferred))
        for occ in d.occurrences:
            put(n, M["occurrence"], lit(occ, datatype=_EDTF))

    def event(self, ev: EventRow, passage: URIRef) -> URIRef:
        node = self.iris.claim("event", self.doc.id, ev.passage.start, ev.passage.end)
        self._event(iri_token(node), ev, self.g.token(passage))
        return node

    def _event(self, n: str, ev: EventRow, passage: str) -> None:
        put, M, T, lit = self.put, _M, _T, literal_token
        put(n, T["type"], M["Event"])
        self.provenance_tokens(
            n, passage, short_quote(ev.passage.display), "event-table-row", self._activity()
        )
        self._date(n, ev.date)
        put(n, T["label"], lit(ev.title or ev.date.text))
        if ev.comment:
            put(n, T["comment"], lit(ev.comment))
        if ev.place:
            put(n, M["place"], lit(ev.place))
        put(n, M["subjectText"], lit(ev.subject))
        planned = bool(ev.date.earliest) and ev.date.earliest > str(self.as_of)
        put(n, M["planned"], bool_token(planned))

    def reading(self, reading: Reading) -> dict[str, int]:
        self.document()
        by_span: dict[tuple[int, int], str] = {}
        for p in reading.passages:
            n = iri_token(self.iris.passage(p.doc_id, p.start, p.end))
            self._passage(n, p)
            by_span[(p.start, p.end)] = n
        for ev in reading.events:
            key = (ev.passage.start, ev.passage.end)
            passage = by_span.get(key)
            if passage is None:
                passage = by_span[key] = iri_token(
                    self.iris.passage(ev.passage.doc_id, ev.passage.start, ev.passage.end)
                )
                self._passage(passage, ev.passage)
            node = self.iris.claim("event", self.doc.id, ev.passage.start, ev.passage.end)
            self._event(iri_token(node), ev, passage)
        return {"passages": len(by_span), "events": len(reading.events)}


__all__ = ["XSD", "Emitter", "as_of_bounds", "short_quote"]
