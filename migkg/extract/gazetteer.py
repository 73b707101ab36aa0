"""The gazetteer: actor and process labels from the reference graphs, and a matcher over text.

The reference graphs are the only list of names (docs/model.md): every `skos:prefLabel`,
`skos:altLabel` and `skos:hiddenLabel` of an instance of an `mkg:Actor` or `mkg:Process`
subclass. Nothing in code lists a country, organisation or process.

Matching works on word tokens (a dict of token n-grams, longest first), which is what keeps the
whole corpus under a second and makes the ambiguity rules fall out of one mechanism:

- longest match first: "Guinea-Bissau", "Equatorial Guinea", "EUCAP Sahel Niger" win over
  "Guinea" and "Niger" at the same place;
- word boundaries: "Nigeria" and "Nigerien" are single tokens, so "Niger" never matches inside
  them (a demonym links only when the graph lists it as a label);
- hyphens, apostrophes and line breaks separate tokens, so "EU-Tunisia" mentions Tunisia, and
  "Guinea Bissau" matches the label "Guinea-Bissau";
- single-word labels are case-sensitive (exactly as written, or ALL CAPS as in headings), so
  "chad" or "turkey" in lower case never link; multi-word labels are case-insensitive;
- diacritics are folded on both sides ("Turkiye" matches "Türkiye") while the caller records the
  surface exactly as the file writes it;
- an all-capitals label split by one space ("NA TO", an OCR slip) matches the label.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Dataset, URIRef
from rdflib.namespace import SKOS

from migkg.iris import MKG

# Label kinds in order of preference when two entities share a label.
KINDS = ("pref", "alt", "hidden", "variant")
_PREDICATES = {SKOS.prefLabel: "pref", SKOS.altLabel: "alt", SKOS.hiddenLabel: "hidden"}
ROOT_CLASSES = (MKG.Actor, MKG.Process)
# The classes docs/model.md names, in case the ontology graph is not loaded (fixtures).
KNOWN_CLASSES = frozenset(
    MKG[name]
    for name in (
        "Actor",
        "Country",
        "Territory",
        "Group",
        "Organisation",
        "EUInstitution",
        "EUAgency",
        "EUMission",
        "InternationalOrganisation",
        "Process",
        "RegionalProcess",
        "GlobalProcess",
    )
)

_TOKEN = re.compile(r"\w+")
# What may stand between two tokens of one name: spaces, line breaks, hyphens, apostrophes.
_JOINER = re.compile(r"[\s\-\u2010\u2011\u2012\u2013'\u2019]{1,4}")
_ACRONYM = re.compile(r"^[A-Z]{4,}$")


def fold(token: str) -> str:
    """Remove diacritics (NFKD, combining marks dropped): "Türkiye" -> "Turkiye"."""
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def _fold_cached(token: str) -> str:
    return token if token.isascii() else fold(token)


def _joined(text: str, end: int, start: int) -> bool:
    """Whether the gap text[end:start] may stand inside a name (not ", " or ". ")."""
    return _JOINER.fullmatch(text, end, start) is not None


def tokens(text: str) -> list[str]:
    return [fold(m.group()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class Entry:
    """One label of one entity, as the graph gives it."""

    entity: URIRef
    label: str
    kind: str  # pref | alt | hidden | variant


@dataclass(frozen=True)
class Match:
    """A label found in a text: [start, end) are offsets in that text."""

    start: int
    end: int
    entity: URIRef
    label: str
    rule: str  # which kind of label matched: gazetteer-pref, ..., ocr-split-acronym


@dataclass
class Gazetteer:
    """Token n-gram dictionaries built from labels; see the module docstring for the rules."""

    exact: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    loose: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    size: int = 0
    _found: dict[str, list[Match]] = field(default_factory=dict, repr=False, compare=False)
    _exact1: dict[str, Entry] | None = field(default=None, repr=False, compare=False)
    _first: set[str] = field(default_factory=set, repr=False, compare=False)

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> Gazetteer:
        gaz = cls()
        candidates: dict[tuple[bool, tuple[str, ...]], list[Entry]] = {}
        for entry in sorted(set(entries), key=lambda e: (str(e.entity), e.kind, e.label)):
            gaz.size += 1
            for label, kind in [(entry.label, entry.kind)] + [
                (v, "variant") for v in _variants(entry.label)
            ]:
                toks = tokens(label)
                if not toks:
                    continue
                e = Entry(entry.entity, entry.label, kind)
                if len(toks) == 1:
                    keys = {(True, tuple(toks)), (True, tuple(t.upper() for t in toks))}
                else:
                    keys = {(False, tuple(t.casefold() for t in toks))}
                for key in keys:
                    candidates.setdefault(key, []).append(e)
        for (exact, key), found in sorted(candidates.items()):
            chosen = _prefer(found)
            if chosen is None:
                gaz.ambiguous[" ".join(key)] = sorted({str(e.entity) for e in found})
                continue
            (gaz.exact if exact else gaz.loose)[key] = chosen
            if not exact:
                gaz.prefixes.update(key[:j] for j in range(1, len(key) + 1))
        return gaz

    @classmethod
    def from_dataset(cls, ds: Dataset, reference_prefix: str) -> Gazetteer:
        """Labels of actors and processes in the graphs whose IRI starts with reference_prefix."""
        return cls.from_entries(dataset_entries(ds, reference_prefix))

    def find(self, text: str) -> list[Match]:
        """Every label occurrence in text, leftmost-longest, non-overlapping.

        Multi-word labels are walked as a trie of casefolded token prefixes, so each position
        costs a set lookup or two, whatever the number of labels. The rules ask about the same
        texts again and again (a passage, its sentences, a quote), so answers are kept.
        """
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = self._find(text)
        return list(found)

    def _find(self, text: str) -> list[Match]:
        if text.isascii():  # nothing to fold
            toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        else:
            toks = [(m.start(), m.end(), _fold_cached(m.group())) for m in _TOKEN.finditer(text)]
        low = [t[2].casefold() for t in toks]
        if self._exact1 is None or len(self._exact1) != len(self.exact):
            self._exact1 = {key[0]: entry for key, entry in self.exact.items()}
            self._first = {key[0] for key in self.prefixes if len(key) == 1}
        exact1, first, prefixes, loose = self._exact1, self._first, self.prefixes, self.loose
        out: list[Match] = []
        i, n = 0, len(toks)
        while i < n:
            hit: tuple[int, Entry, str] | None = None
            if low[i] in first:  # a multi-word label may start here: walk the trie
                key: tuple[str, ...] = (low[i],)
                k = 1
                while key in prefixes:
                    if k > 1 and key in loose:
                        entry = loose[key]
                        hit = (k, entry, f"gazetteer-{entry.kind}")
                    if i + k >= n or not _joined(text, toks[i + k - 1][1], toks[i + k][0]):
                        break
                    key = (*key, low[i + k])
                    k += 1
            if hit is None and i + 1 < n:
                a, b = toks[i], toks[i + 1]
                if b[0] - a[1] == 1 and a[2].isupper() and b[2].isupper():
                    split = self._split_acronym(text, a, b)
                    if split is not None:
                        hit = (2, split, "ocr-split-acronym")
            if hit is None:
                found = exact1.get(toks[i][2])
                if found is not None:
                    hit = (1, found, f"gazetteer-{found.kind}")
            if hit is None:
                i += 1
                continue
            k, entry, rule = hit
            out.append(Match(toks[i][0], toks[i + k - 1][1], entry.entity, entry.label, rule))
            i += k
        return out

    def _split_acronym(
        self, text: str, a: tuple[int, int, str], b: tuple[int, int, str]
    ) -> Entry | None:
        """ "NA TO" -> NATO: two capital fragments one space apart forming an acronym label."""
        if b[0] - a[1] != 1 or text[a[1]] != " " or len(a[2]) + len(b[2]) < 4:
            return None
        word = a[2] + b[2]
        if not _ACRONYM.match(word) or not a[2].isupper() or not b[2].isupper():
            return None
        entry = self.exact.get((word,))
        return entry if entry is not None and entry.label == word else None

    def resolve(self, name: str) -> URIRef | None:
        """The entity a heading or short name stands for: its longest match, if any.

        "THE RABAT PROCESS" -> the Rabat Process; "DEMOCRATIC REPUBLIC OF THE CONGO (DRC)" -> the
        DRC (the longer name wins over "Republic of the Congo" and both name the same entity).
        """
        matches = self.find(name)
        if not matches:
            return None
        best = max(matches, key=lambda m: (m.end - m.start, -m.start))
        return best.entity


def _prefer(found: list[Entry]) -> Entry | None:
    """The entry to use for a label several entries share: pref over alt over hidden."""
    entities = {e.entity for e in found}
    if len(entities) == 1:
        return min(found, key=lambda e: KINDS.index(e.kind))
    best_rank = min(KINDS.index(e.kind) for e in found)
    best = {e.entity for e in found if KINDS.index(e.kind) == best_rank}
    if len(best) > 1:
        return None
    return min((e for e in found if KINDS.index(e.kind) == best_rank), key=lambda e: e.label)


def _variants(label: str) -> list[str]:
    """Spelling variants every name has: "Republic of the Congo" <-> "Republic of Congo"."""
    out = []
    if " of the " in label:
        out.append(label.replace(" of the ", " of ", 1))
    elif " of " in label:
        out.append(label.replace(" of ", " of the ", 1))
    return out


def actor_classes(ds: Dataset) -> set[URIRef]:
    """mkg:Actor, mkg:Process and every class the loaded ontology makes a subclass of them."""
    classes: set[URIRef] = set(KNOWN_CLASSES)
    changed = True
    while changed:
        changed = False
        for sub, _p, sup, _g in ds.quads((None, RDFS.subClassOf, None, None)):
            if sup in classes and isinstance(sub, URIRef) and sub not in classes:
                classes.add(sub)
                changed = True
    return classes


def dataset_entries(ds: Dataset, reference_prefix: str) -> list[Entry]:
    classes = actor_classes(ds)
    graphs = [g for g in ds.graphs() if str(g.identifier).startswith(reference_prefix)]
    typed: set[URIRef] = set()
    entries: list[Entry] = []
    for g in graphs:
        for s, o in g.subject_objects(RDF.type):
            if o in classes and isinstance(s, URIRef):
                typed.add(s)
    for predicate, kind in _PREDICATES.items():
        for g in graphs:
            for s, o in g.subject_objects(predicate):
                if s in typed:
                    entries.append(Entry(s, str(o), kind))  # type: ignore[arg-type]
    return entries
