"""Phrases the extractor looks for, read from the graphs, never listed in code (issue 6).

Two kinds of phrase tables:
- scheme phrases: every ``skos:prefLabel``/``altLabel``/``hiddenLabel`` of the concepts of a
  SKOS scheme (instrument-type, status) in the build's dataset, keyed by the concept notation;
- actor phrases: the labels of the actors in the reference graphs, keyed by the actor IRI.

Matching is leftmost-longest on word boundaries; a phrase with an upper-case letter after its
first character (an acronym: "VFA", "MoU", "EU") matches case-sensitively, any other phrase
ignores case. Whitespace and hyphens inside a phrase match any run of whitespace or hyphens, so
"anti-smuggling" matches "anti smuggling".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import RDF, Dataset, URIRef
from rdflib.namespace import SKOS

from migkg.iris import MKG, ORG, VOCAB

LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
# negation cues: grammar of English, not data; a status phrase holding one is a stated negative
NEGATION = re.compile(r"\b(?:no|not|never|nor|yet to|without)\b|n't\b", re.I)


@dataclass(frozen=True)
class Hit:
    start: int  # offsets in the text searched
    end: int
    key: str  # notation (schemes) or IRI (actors)
    surface: str  # the text matched

    @property
    def negative(self) -> bool:
        return bool(NEGATION.search(self.surface))


def _case_sensitive(phrase: str) -> bool:
    return any(c.isupper() for c in phrase[1:])


def _norm(phrase: str) -> str:
    return re.sub(r"[\s\-]+", " ", phrase.strip())


def _pattern(phrase: str) -> str:
    parts = [re.escape(p) for p in re.split(r"[\s\-]+", phrase.strip()) if p]
    return r"[\s\-]+".join(parts)


class PhraseTable:
    """Phrase -> key, compiled into two regexes (case-sensitive and case-insensitive)."""

    def __init__(self, phrases: dict[str, str]) -> None:
        self.phrases = dict(phrases)
        sensitive = sorted((p for p in phrases if _case_sensitive(p)), key=lambda p: -len(p))
        folded = sorted((p for p in phrases if not _case_sensitive(p)), key=lambda p: -len(p))
        self._folded = {_norm(p).lower(): k for p, k in phrases.items() if not _case_sensitive(p)}
        self._exact = {_norm(p): k for p, k in phrases.items() if _case_sensitive(p)}
        self._res = []
        if sensitive:
            alt = "|".join(_pattern(p) for p in sensitive)
            self._res.append((re.compile(rf"(?<!\w)(?:{alt})(?!\w)"), False))
        if folded:
            alt = "|".join(_pattern(p) for p in folded)
            self._res.append((re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.I), True))

    def _key(self, surface: str, folded: bool) -> str:
        return self._folded[_norm(surface).lower()] if folded else self._exact[_norm(surface)]

    def find(self, text: str) -> list[Hit]:
        """Non-overlapping hits, leftmost-longest across both regexes, in text order."""
        cands: list[Hit] = []
        for rx, folded in self._res:
            for m in rx.finditer(text):
                cands.append(Hit(m.start(), m.end(), self._key(m.group(), folded), m.group()))
        cands.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[Hit] = []
        last_end = -1
        for h in cands:
            if h.start >= last_end:
                out.append(h)
                last_end = h.end
        return out

    def phrases_of(self, key: str) -> list[str]:
        return [p for p, k in self.phrases.items() if k == key]


def objects(ds: Dataset, s: object, p: object) -> list[object]:
    """Objects of (s, p) in any named graph (the Dataset's own default graph is empty)."""
    return sorted({o for _s, _p, o, _g in ds.quads((s, p, None, None))})  # type: ignore[arg-type]


def subjects(ds: Dataset, p: object, o: object) -> list[object]:
    return sorted({s for s, _p, _o, _g in ds.quads((None, p, o, None))})  # type: ignore[arg-type]


def english(labels: list[object]) -> str:
    """The English label of a list (the first in order when none is tagged @en)."""
    for label in labels:
        if getattr(label, "language", None) == "en":
            return str(label)
    return str(labels[0]) if labels else ""


def scheme_phrases(ds: Dataset, scheme: str) -> dict[str, str]:
    """Every label of every concept of ``vocab/{scheme}`` in any graph -> the notation."""
    scheme_iri = URIRef(f"{VOCAB}{scheme}")
    out: dict[str, str] = {}
    for concept in subjects(ds, SKOS.inScheme, scheme_iri):
        notation = str(concept).rsplit("/", 1)[-1]
        for prop in LABELS:
            for label in objects(ds, concept, prop):
                text = str(label).strip()
                if text:
                    out.setdefault(text, notation)
    return out


def scheme_notations(ds: Dataset, scheme: str) -> set[str]:
    scheme_iri = URIRef(f"{VOCAB}{scheme}")
    return {str(c).rsplit("/", 1)[-1] for c in subjects(ds, SKOS.inScheme, scheme_iri)}


@dataclass(frozen=True)
class Actor:
    iri: str
    kind: str  # country | territory | group | mission | org | process
    label: str  # skos:prefLabel
    host: str = ""  # a mission's host country IRI
    member_state: bool = False  # an EU Member State (member of a group of the EU's members)
    agency: bool = False  # an mkg:EUAgency (Frontex, Europol, EUAA, CEPOL...)


def _kind(iri: str) -> str:
    parts = iri.rstrip("/").split("/")
    return parts[-2] if len(parts) >= 2 else ""


class Actors:
    """The gazetteer as the extractor needs it: which actor a text names, and what kind it is.

    Matching is the entity linker's (``migkg.extract.gazetteer``); this class adds what the rules
    need to know of an actor: its kind (from its IRI), a mission's host country, and whether it is
    an EU Member State (a current member of ``id/org/eu`` by a reference membership claim, or a
    member of a reference group of the Member States).
    """

    def __init__(self, ds: Dataset, base: str) -> None:
        from migkg.extract.gazetteer import Gazetteer

        self.base = base
        self.gazetteer = Gazetteer.from_dataset(ds, f"{base}graph/reference/")
        self.by_iri: dict[str, Actor] = {}
        self.memberships = self._member_states(ds, base)
        prefix = f"{base}id/"
        for s in subjects(ds, SKOS.prefLabel, None):
            iri = str(s)
            if not iri.startswith(prefix):
                continue
            kind = _kind(iri)
            if kind not in ("country", "territory", "group", "mission", "org", "process"):
                continue
            pref = english(objects(ds, s, SKOS.prefLabel))
            host = next((str(o) for o in objects(ds, s, MKG.country)), "")
            agency = MKG.EUAgency in objects(ds, s, RDF.type)
            self.by_iri[iri] = Actor(iri, kind, pref, host, iri in self.memberships, agency)
        self.group_members: dict[str, set[str]] = {}
        for iri, actor in self.by_iri.items():
            if actor.kind == "group":
                g = URIRef(iri)
                members = {str(m) for m in objects(ds, g, SKOS.member)}
                for claim in subjects(ds, ORG.organization, g):
                    members.update(str(m) for m in objects(ds, claim, ORG.member))
                self.group_members[iri] = members

    @staticmethod
    def _member_states(ds: Dataset, base: str) -> dict[str, list[tuple[str, str]]]:
        """Member State -> its membership periods (ISO start, end; "" when open)."""
        out: dict[str, list[tuple[str, str]]] = {}
        eu = URIRef(f"{base}id/org/eu")
        for claim in subjects(ds, ORG.organization, eu):
            start = next((str(o) for o in objects(ds, claim, MKG.startDate)), "")
            end = next((str(o) for o in objects(ds, claim, MKG.endDate)), "")
            for m in objects(ds, claim, ORG.member):
                out.setdefault(str(m), []).append((start, end))
        for group in subjects(ds, RDF.type, MKG.Group):
            names = " ".join(str(o) for p in LABELS for o in objects(ds, group, p))
            if "member-states" in str(group) or "Member States" in names:
                for m in objects(ds, group, SKOS.member):
                    out.setdefault(str(m), []).append(("", ""))
        return out

    def third_party(self, actor: Actor, on: str) -> bool:
        """Whether the actor can be the third party of an instrument on ``on``: not a Member
        State, and not a group with Member States in it (the Schengen area)."""
        if actor.kind == "group":
            return not any(self.member_state(m, on) for m in self.group_members.get(actor.iri, ()))
        return not self.member_state(actor.iri, on)

    def member_state(self, iri: str, on: str) -> bool:
        """Whether the actor was an EU Member State on the ISO date ``on`` (the doc's asOf)."""
        return any(
            (not start or start <= on) and (not end or on <= end)
            for start, end in self.memberships.get(iri, ())
        )

    def find(self, text: str) -> list[tuple[Hit, Actor]]:
        out = []
        for m in self.gazetteer.find(text):
            actor = self.by_iri.get(str(m.entity))
            if actor is not None:
                out.append((Hit(m.start, m.end, actor.iri, text[m.start : m.end]), actor))
        return out

    def resolve(self, name: str) -> Actor | None:
        """The actor a whole heading names, or None ("A. AFRICAN COUNTRIES" names none)."""
        clean = re.sub(r"^\s*(?:[A-Z]|[IVX]+)\.\s+", "", name.strip()).strip(" .:")
        clean = re.sub(r"\s*\([^)]*\)\s*$", "", clean)
        found = self.find(clean)
        if len(found) != 1:
            return None
        rest = re.sub(r"(?i)\bthe\b|[\W_]", "", clean)
        named = re.sub(r"[\W_]", "", found[0][0].surface)
        return found[0][1] if len(rest) - len(named) <= 2 else None

    def org(self, slug: str) -> str:
        return f"{self.base}id/org/{slug}"
