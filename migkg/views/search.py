"""Full-text search over passages and entity labels: SQLite FTS5, built at build time.

The ``unicode61`` tokenizer with ``remove_diacritics 2`` folds accents on both sides, so a
user who types "Turkiye" or "Sao Tome" finds "Türkiye" and "São Tomé" without the index
storing a second, folded copy of the text. A query is read as one phrase (its words in that
order); FTS5 syntax typed by a user is never interpreted, so "AND", quotes or a stray ``*``
cannot make a query fail.

Passages of ``excerpts`` documents that back no claim are not indexed (docs/decisions/0007).
A passage is also returned when it mentions an entity whose label matches the query, so a
search for "Türkiye" finds a passage that says "Turkey" and is linked to Türkiye.
"""

from __future__ import annotations

import html
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from migkg.iris import MKG
from migkg.store.base import Store
from migkg.views.projection import select

TOKENIZER = "unicode61 remove_diacritics 2"
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"

_PASSAGES = f"""
PREFIX mkg: <{MKG}>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?p ?doc ?docId ?first ?last ?text WHERE {{
  ?p a mkg:Passage ; mkg:document ?doc ; mkg:displayText ?text ;
     mkg:firstLine ?first ; mkg:lastLine ?last .
  OPTIONAL {{ ?doc dcterms:identifier ?docId }}
}}"""

_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?n ?p ?label WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel skos:hiddenLabel }
  ?n ?p ?label .
  FILTER(isIRI(?n) && (lang(?label) = "" || langMatches(lang(?label), "en")))
}"""

_MENTIONS = f"""
PREFIX mkg: <{MKG}>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?p ?e WHERE {{
  ?m a mkg:Mention ; mkg:mentions ?e ; prov:wasDerivedFrom ?p .
  OPTIONAL {{ ?m mkg:negated ?negated }}
  FILTER(!BOUND(?negated) || ?negated = false)
}}"""

_SCHEMA = f"""
CREATE VIRTUAL TABLE passage_fts USING fts5(
  text, passage UNINDEXED, document UNINDEXED, document_id UNINDEXED,
  first_line UNINDEXED, last_line UNINDEXED, tokenize="{TOKENIZER}");
CREATE VIRTUAL TABLE label_fts USING fts5(label, entity UNINDEXED, tokenize="{TOKENIZER}");
CREATE TABLE entity (iri TEXT PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE mention (passage TEXT NOT NULL, entity TEXT NOT NULL, PRIMARY KEY (passage, entity));
CREATE INDEX mention_entity ON mention(entity);
"""


def build_search_index(store: Store, path: Path, withheld: set[str]) -> dict[str, int]:
    """Write ``search.sqlite``: rows inserted in sorted order, so equal builds give equal files."""
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        con.executescript(_SCHEMA)
        rows = sorted(
            (str(p), str(doc), doc_id or "", int(str(first)), int(str(last)), str(text))
            for p, doc, doc_id, first, last, text in select(store, _PASSAGES)
            if p not in withheld
        )
        con.executemany(
            "INSERT INTO passage_fts (passage, document, document_id, first_line, last_line, text)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        labels: dict[str, list[tuple[int, str]]] = {}
        order = {"prefLabel": 0, "altLabel": 1, "hiddenLabel": 2}
        for n, p, label in select(store, _LABELS):
            labels.setdefault(str(n), []).append((order[str(p).rsplit("#", 1)[-1]], str(label)))
        entity_rows, label_rows = [], []
        for iri in sorted(labels):
            items = sorted(set(labels[iri]))
            shown = [t for rank, t in items if rank == 0] or [items[0][1]]
            entity_rows.append((iri, shown[0]))
            label_rows.extend((t, iri) for _rank, t in items)
        con.executemany("INSERT INTO entity VALUES (?, ?)", entity_rows)
        con.executemany("INSERT INTO label_fts (label, entity) VALUES (?, ?)", label_rows)
        published = {r[0] for r in rows}
        mentions = sorted((str(p), str(e)) for p, e in select(store, _MENTIONS) if p in published)
        con.executemany("INSERT OR IGNORE INTO mention VALUES (?, ?)", mentions)
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
    return {"passages": len(rows), "labels": len(label_rows), "mentions": len(mentions)}


@dataclass
class PassageHit:
    passage: str
    document: str
    document_id: str
    first_line: int
    last_line: int
    text: str
    highlight: str
    entities: list[dict[str, str]] = field(default_factory=list)
    matched_by: str = "text"

    def as_dict(self) -> dict[str, object]:
        return {
            "passage": self.passage,
            "document": self.document,
            "documentId": self.document_id,
            "firstLine": self.first_line,
            "lastLine": self.last_line,
            "text": self.text,
            "highlight": self.highlight,
            "entities": self.entities,
            "matchedBy": self.matched_by,
        }


def phrase(q: str) -> str | None:
    """The user's words as one FTS5 phrase; None when no word is left."""
    words = re.findall(r"\w+", q)
    if not words:
        return None
    return '"' + " ".join(words) + '"'


def _highlight(marked: str) -> str:
    """HTML-escape the text, then turn the private-use markers into <mark> elements."""
    return html.escape(marked).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


class SearchIndex:
    """A read-only handle on one build's ``search.sqlite``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def close(self) -> None:
        self._con.close()

    def entities(self, q: str, limit: int = 20) -> list[dict[str, str]]:
        match = phrase(q)
        if match is None:
            return []
        rows = self._con.execute(
            "SELECT DISTINCT e.iri, e.label FROM label_fts"
            " JOIN entity e ON e.iri = label_fts.entity WHERE label_fts MATCH ?"
            " ORDER BY e.label, e.iri LIMIT ?",
            (match, limit),
        ).fetchall()
        return [{"iri": iri, "label": label} for iri, label in rows]

    def _mentioned(self, passage: str) -> list[dict[str, str]]:
        rows = self._con.execute(
            "SELECT e.iri, e.label FROM mention m JOIN entity e ON e.iri = m.entity"
            " WHERE m.passage = ? ORDER BY e.label, e.iri",
            (passage,),
        ).fetchall()
        return [{"iri": iri, "label": label} for iri, label in rows]

    def search(self, q: str, limit: int = 20) -> dict[str, object]:
        """Passages whose text matches the phrase, then passages mentioning a matched entity."""
        match = phrase(q)
        if match is None:
            return {"query": q, "entities": [], "passages": []}
        rows = self._con.execute(
            "SELECT passage, document, document_id, first_line, last_line, text,"
            " highlight(passage_fts, 0, ?, ?) FROM passage_fts WHERE passage_fts MATCH ?"
            " ORDER BY bm25(passage_fts), document_id, first_line, passage LIMIT ?",
            (MARK_OPEN, MARK_CLOSE, match, limit),
        ).fetchall()
        hits = [PassageHit(r[0], r[1], r[2], r[3], r[4], r[5], _highlight(r[6])) for r in rows]
        entities = self.entities(q)
        seen = {h.passage for h in hits}
        if entities and len(hits) < limit:
            marks = ",".join("?" for _ in entities)
            extra = self._con.execute(
                "SELECT DISTINCT p.passage, p.document, p.document_id, p.first_line, p.last_line,"
                f" p.text FROM mention m JOIN passage_fts p ON p.passage = m.passage"
                f" WHERE m.entity IN ({marks}) ORDER BY p.document_id, p.first_line, p.passage",
                [e["iri"] for e in entities],
            ).fetchall()
            for r in extra:
                if r[0] in seen:
                    continue
                if len(hits) >= limit:
                    break
                hits.append(
                    PassageHit(
                        r[0], r[1], r[2], r[3], r[4], r[5], html.escape(r[5]), matched_by="entity"
                    )
                )
                seen.add(r[0])
        for h in hits:
            h.entities = self._mentioned(h.passage)
        return {"query": q, "entities": entities, "passages": [h.as_dict() for h in hits]}
