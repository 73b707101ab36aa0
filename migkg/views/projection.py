"""The networkx projection of a build: who is connected to whom, and on what evidence.

Paths (migkg/views/paths.py) and network views (migkg/views/network.py) read this projection instead
of the store, so it is computed once per build (at build time, saved as ``projection.json`` next to
the graph; or lazily from the store) and shared. What becomes a node or an edge is fixed here and
documented in docs/views.md:

- an actor (country, territory, group, mission, organisation, process) is a node with its
  kind (from the IRI), class, ISO code, region and label;
- a membership claim (mkg:MembershipClaim / org:Membership) is one edge member -> organisation
  per (member, organisation, role, start, end), relation ``membership``, labelled with role and
  period; every claim saying the same is evidence on that one edge;
- an instrument (mkg:Instrument) is one edge party -> counterpart, relation ``instrument``,
  labelled with its type and current status (the latest status claim), with the history;
- an event (mkg:Event with mkg:about) is an ``event`` node with an ``about`` edge to each actor,
  used only when a caller asks for events;
- passages, documents, literals and mentions are never nodes (they are evidence on edges);
  negated claims (mkg:negated true) are left out.

Hubs (the EU ``id/org/eu``, EU institutions such as the Commission, EU agencies such as
Frontex) are nodes like any other but carry ``hub=True``; paths leave them out unless asked,
because "both deal with the EU" or "both have a Frontex working arrangement" connects dozens of
countries and explains little. Network views keep them (the counterparts are the point there).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from migkg.iris import MKG, VOCAB
from migkg.store.base import Store

FORMAT_VERSION = 1
ACTOR_CLASSES = (
    "Country",
    "Territory",
    "Group",
    "EUInstitution",
    "EUAgency",
    "EUMission",
    "InternationalOrganisation",
    "Organisation",
    "RegionalProcess",
    "GlobalProcess",
    "Process",
)
HUB_KEYS = frozenset({"org/eu", "org/commission", "org/european-commission"})
HUB_CLASSES = frozenset({"EUInstitution", "EUAgency"})

PREFIXES = f"""
PREFIX mkg: <{MKG}>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

_BUILD = PREFIXES + "SELECT ?b ?id WHERE { ?b a mkg:Build . OPTIONAL { ?b mkg:buildId ?id } }"

_ACTORS = (
    PREFIXES
    + """
SELECT ?n ?cls ?a2 ?a3 ?region ?country WHERE {{
  ?n a ?cls .
  VALUES ?cls {{ {} }}
  OPTIONAL {{ ?n mkg:isoAlpha2 ?a2 }}
  OPTIONAL {{ ?n mkg:isoAlpha3 ?a3 }}
  OPTIONAL {{ ?n mkg:region ?region }}
  OPTIONAL {{ ?n mkg:country ?country }}
}}""".format(" ".join(f"mkg:{c}" for c in ACTOR_CLASSES))
)

_LABELS = (
    PREFIXES
    + """
SELECT DISTINCT ?n ?p ?label WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel skos:hiddenLabel rdfs:label }
  ?n ?p ?label .
  FILTER(isIRI(?n) && (lang(?label) = "" || langMatches(lang(?label), "en")))
}"""
)

_CLAIM_CLASSES = "mkg:MembershipClaim org:Membership mkg:StatusClaim mkg:Event"

# Flat queries, joined in Python: nested OPTIONALs and FILTER NOT EXISTS made the same answers
# take minutes on the real build (oxigraph evaluates them per row). Each triple pattern of a
# join is its own DISTINCT subquery: the union default graph of a build's store repeats a
# triple once per named graph holding it, and a join of five patterns over an instrument
# stated in six graphs made 6^5 rows of each answer (minutes at 1M triples). On the build's
# deduplicated store the subqueries change nothing.
_CLAIMS = (
    f"{{ SELECT DISTINCT ?claim WHERE {{ VALUES ?cls {{ {_CLAIM_CLASSES} }} ?claim a ?cls }} }}"
)


def _each(subject: str, *patterns: str, optional: bool = False) -> str:
    """``{ SELECT DISTINCT ?s ?o WHERE { ?s <p> ?o } }`` per pattern ``"<p> ?o"`` (or
    ``"a <Class>"``)."""
    out = []
    for pattern in patterns:
        obj = pattern.split()[-1]
        chosen = f"{subject} {obj}" if obj.startswith("?") else subject
        block = f"{{ SELECT DISTINCT {chosen} WHERE {{ {subject} {pattern} }} }}"
        out.append(f"OPTIONAL {block}" if optional else block)
    return "\n  ".join(out)


_SOURCES = (
    PREFIXES
    + f"""
SELECT ?claim ?src ?doc ?first ?last WHERE {{
  {_CLAIMS}
  {_each("?claim", "prov:wasDerivedFrom ?src")}
  {_each("?src", "mkg:document ?doc", "mkg:firstLine ?first", "mkg:lastLine ?last", optional=True)}
}}"""
)

_QUOTES = (
    PREFIXES
    + f"""
SELECT ?claim ?quote ?asOf WHERE {{
  {_CLAIMS}
  {_each("?claim", "mkg:quote ?quote", "mkg:asOf ?asOf", optional=True)}
}}"""
)

_DOCUMENTS = (
    PREFIXES
    + "SELECT ?doc ?id WHERE { ?doc a mkg:Document ; <http://purl.org/dc/terms/identifier> ?id }"
)
_NEGATED = PREFIXES + "SELECT ?claim WHERE { ?claim mkg:negated true }"

_MEMBERSHIPS = (
    PREFIXES
    + f"""
SELECT ?claim ?member ?org ?role ?start ?end WHERE {{
  {_each("?claim", "org:member ?member", "org:organization ?org")}
  {_each("?claim", "org:role ?role", "mkg:startDate ?start", "mkg:endDate ?end", optional=True)}
}}"""
)

_INSTRUMENTS = (
    PREFIXES
    + f"""
SELECT ?inst ?type ?party ?counterpart ?country ?label WHERE {{
  {_each("?inst", "a mkg:Instrument", "mkg:party ?party", "mkg:counterpart ?counterpart")}
  {
        _each(
            "?inst",
            "mkg:instrumentType ?type",
            "mkg:country ?country",
            "rdfs:label ?label",
            optional=True,
        )
    }
}}"""
)

_STATUSES = (
    PREFIXES
    + f"""
SELECT ?claim ?inst ?status ?earliest ?dateText WHERE {{
  {_each("?claim", "a mkg:StatusClaim", "mkg:instrument ?inst", "mkg:status ?status")}
  {_each("?claim", "mkg:earliest ?earliest", "mkg:dateText ?dateText", optional=True)}
}}"""
)

_EVENTS = (
    PREFIXES
    + f"""
SELECT ?claim ?about ?label ?earliest ?dateText WHERE {{
  {_each("?claim", "a mkg:Event", "mkg:about ?about")}
  {
        _each(
            "?claim",
            "rdfs:label ?label",
            "mkg:earliest ?earliest",
            "mkg:dateText ?dateText",
            optional=True,
        )
    }
}}"""
)


def select(store: Store, sparql: str) -> list[tuple[str | None, ...]]:
    """A SELECT's rows as IRIs and lexical forms: making rdflib terms of every row cost more
    than running the queries (the projection and the search index need only the strings)."""
    return [tuple(None if t is None else t[1] for t in row) for row in store.query_raw(sparql).rows]


def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def notation(concept_iri: str | None) -> str | None:
    """The notation of a controlled concept (``vocab/role/chair`` -> ``chair``)."""
    if concept_iri is None:
        return None
    return concept_iri.rsplit("/", 1)[-1] if concept_iri.startswith(VOCAB) else concept_iri


def edge_id(*parts: str | None) -> str:
    """A stable edge id: the same edge gets the same id in every build and every format."""
    digest = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()
    return digest[:12]


@dataclass
class Projection:
    """One build's actors and their relations as a networkx MultiDiGraph, plus a name index.

    Edge direction follows the data (member -> organisation, party -> counterpart,
    event -> actor); paths walk it in both directions and say which way each hop goes.
    """

    build_id: str
    base: str
    graph: nx.MultiDiGraph
    labels: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _simple: dict[tuple[bool, bool], nx.Graph] = field(default_factory=dict, repr=False)

    def key(self, iri: str) -> str:
        """``{base}id/country/SEN`` -> ``country/SEN`` (the part after ``id/``)."""
        prefix = f"{self.base}id/"
        return iri[len(prefix) :] if iri.startswith(prefix) else iri

    def label(self, iri: str) -> str:
        data = self.graph.nodes.get(iri)
        if data and data.get("label"):
            return str(data["label"])
        return self.key(iri)

    def simple(self, *, hubs: bool = False, events: bool = False) -> nx.Graph:
        """An undirected simple graph for path search; parallel edges listed on each pair."""
        cache_key = (hubs, events)
        if cache_key not in self._simple:
            g = nx.Graph()
            for node, data in self.graph.nodes(data=True):
                if (data.get("hub") and not hubs) or (data.get("kind") == "event" and not events):
                    continue
                g.add_node(node)
            for u, v, k, data in self.graph.edges(keys=True, data=True):
                if u not in g or v not in g or u == v:
                    continue
                if data["relation"] == "about" and not events:
                    continue
                if not g.has_edge(u, v):
                    g.add_edge(u, v, keys=[])
                g[u][v]["keys"].append((u, v, k))
            self._simple[cache_key] = g
        return self._simple[cache_key]

    def to_json(self) -> bytes:
        """Deterministic bytes: nodes and edges in insertion order, which is sorted order."""
        data = {
            "formatVersion": FORMAT_VERSION,
            "buildId": self.build_id,
            "base": self.base,
            "nodes": [{"id": n, **d} for n, d in self.graph.nodes(data=True)],
            "edges": [
                {"source": u, "target": v, "key": k, **d}
                for u, v, k, d in self.graph.edges(keys=True, data=True)
            ],
            "labels": self.labels,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Projection:
        data = json.loads(raw)
        if data.get("formatVersion") != FORMAT_VERSION:
            raise ValueError("projection file of another format version")
        g = nx.MultiDiGraph()
        for node in data["nodes"]:
            g.add_node(node.pop("id"), **node)
        for edge in data["edges"]:
            g.add_edge(edge.pop("source"), edge.pop("target"), key=edge.pop("key"), **edge)
        labels = {k: [tuple(x) for x in v] for k, v in data["labels"].items()}
        return cls(data["buildId"], data["base"], g, labels)  # type: ignore[arg-type]

    def save(self, path: Path) -> None:
        path.write_bytes(self.to_json())

    @classmethod
    def load(cls, path: Path) -> Projection:
        return cls.from_json(path.read_bytes())


@dataclass
class Evidence:
    """What backs each claim: passages (document, lines, quote) or reference pages."""

    sources: dict[str, list[dict[str, Any]]]
    as_of: dict[str, str]
    negated: set[str]

    @classmethod
    def read(cls, store: Store) -> Evidence:
        doc_ids = {doc: ident for doc, ident in select(store, _DOCUMENTS)}
        quotes: dict[str, str] = {}
        as_of: dict[str, str] = {}
        for claim, quote, date in select(store, _QUOTES):
            if quote is not None:
                quotes[claim] = quote  # type: ignore[index]
            if date is not None:
                as_of[claim] = date  # type: ignore[index]
        sources: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for claim, src, doc, first, last in select(store, _SOURCES):
            c = str(claim)
            if doc is not None:
                item: dict[str, Any] = {
                    "passage": src,
                    "document": doc,
                    "documentId": doc_ids.get(doc),
                    "firstLine": _int(first),
                    "lastLine": _int(last),
                }
            else:
                item = {"source": src}
            item["quote"] = quotes.get(c)
            item["claim"] = c
            _add_evidence(sources[c], item)
        negated = {str(r[0]) for r in select(store, _NEGATED)}
        return cls(dict(sources), as_of, negated)

    def of(self, claim: str) -> list[dict[str, Any]]:
        return self.sources.get(claim, [])


def _add_evidence(target: list[dict[str, Any]], ev: dict[str, Any]) -> None:
    if ev not in target:
        target.append(ev)


def _sort_evidence(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda e: json.dumps(e, sort_keys=True))


def base_of(store: Store) -> tuple[str, str]:
    """The build's base IRI and id, read from the build graph (``{base}graph/build``)."""
    for iri, build_id in select(store, _BUILD):
        if iri and iri.endswith("graph/build"):
            return iri[: -len("graph/build")], build_id or store.build_id
    raise ValueError("the graph has no mkg:Build node; is this a migkg build?")


def build_projection(store: Store) -> Projection:
    """Read actors, memberships, instruments and events from a store into a Projection."""
    base, build_id = base_of(store)
    g = nx.MultiDiGraph()
    nodes: dict[str, dict[str, Any]] = {}
    prefix = f"{base}id/"

    def kind_of(iri: str) -> str:
        return iri[len(prefix) :].split("/", 1)[0] if iri.startswith(prefix) else "external"

    def ensure(iri: str) -> dict[str, Any]:
        if iri not in nodes:
            key = iri[len(prefix) :] if iri.startswith(prefix) else iri
            nodes[iri] = {"kind": kind_of(iri), "label": None, "hub": key in HUB_KEYS}
        return nodes[iri]

    for iri, cls_iri, a2, a3, region, country in select(store, _ACTORS):
        n = ensure(str(iri))
        cls = str(cls_iri).rsplit("#", 1)[-1]
        n.setdefault("classes", set()).add(cls)
        for attr, value in (("iso", a3), ("iso2", a2), ("region", region), ("host", country)):
            if value is not None:
                n[attr] = value
        if cls in HUB_CLASSES:
            n["hub"] = True

    labels: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for iri, prop, text in select(store, _LABELS):
        labels[str(iri)].append((str(prop).rsplit("#", 1)[-1], str(text)))
    for iri, items in labels.items():
        items.sort(key=lambda x: (("prefLabel", "label", "altLabel", "hiddenLabel").index(x[0]), x))
        if iri in nodes:
            shown = [t for p, t in items if p in ("prefLabel", "label")]
            nodes[iri]["label"] = shown[0] if shown else None

    evidence = Evidence.read(store)
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for claim, member, org, role_iri, start, end in select(store, _MEMBERSHIPS):
        if claim in evidence.negated:
            continue
        member, org = str(member), str(org)
        role = notation(role_iri)
        key = edge_id("membership", member, org, role, start, end)
        edge = edges.setdefault(
            (member, org, key),
            {"relation": "membership", "role": role, "start": start, "end": end, "evidence": []},
        )
        for ev in evidence.of(str(claim)):
            _add_evidence(edge["evidence"], ev)
        ensure(member)
        ensure(org)

    statuses: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim, inst, status, earliest, date_text in select(store, _STATUSES):
        inst, claim = str(inst), str(claim)
        if claim in evidence.negated or any(s["claim"] == claim for s in statuses[inst]):
            continue
        statuses[inst].append(
            {
                "claim": claim,
                "status": notation(status),
                "date": earliest,
                "dateText": date_text,
                "asOf": evidence.as_of.get(claim),
                "evidence": list(evidence.of(claim)),
            }
        )
    # An instrument with several labels (a curated title and a generated one) or types gets
    # the first in code-point order, whatever order the store answers in.
    described: dict[tuple[str, str, str], list[set[str]]] = {}
    for inst, inst_type, party, counterpart, country, title in select(store, _INSTRUMENTS):
        values = described.setdefault(
            (str(inst), str(party), str(counterpart)), [set(), set(), set()]
        )
        for found, value in zip(values, (inst_type, country, title), strict=True):
            if value is not None:
                found.add(value)
    for (inst, party, counterpart), values in described.items():
        inst_type, country, title = (min(v) if v else None for v in values)
        history = sorted(statuses.get(inst, []), key=status_order)
        for s in history:
            s["evidence"] = _sort_evidence(s["evidence"])
        current = history[-1] if history else None
        edges[(party, counterpart, edge_id("instrument", inst))] = {
            "relation": "instrument",
            "instrument": inst,
            "instrumentType": notation(inst_type),
            "country": country,
            "title": title,
            "status": current["status"] if current else None,
            "statusDate": (current["date"] or current["asOf"]) if current else None,
            "history": history,
            "evidence": current["evidence"] if current else [],
        }
        ensure(party)
        ensure(counterpart)

    events: dict[str, dict[str, Any]] = {}
    for claim, about, label, earliest, date_text in select(store, _EVENTS):
        claim = str(claim)
        if claim in evidence.negated:
            continue
        ev = events.setdefault(
            claim,
            {
                "label": label,
                "date": earliest,
                "dateText": date_text,
                "about": set(),
                "evidence": list(evidence.of(claim)),
            },
        )
        ev["about"].add(str(about))

    for iri in sorted(nodes):
        data = nodes[iri]
        data["classes"] = sorted(data.get("classes", ()), key=ACTOR_CLASSES.index)
        data["type"] = data["classes"][0] if data["classes"] else None
        g.add_node(iri, **{k: v for k, v in data.items() if v is not None})
    for claim in sorted(events):
        ev = events[claim]
        g.add_node(
            claim,
            kind="event",
            hub=False,
            label=ev["label"] or ev["dateText"] or claim,
            **({"date": ev["date"]} if ev["date"] else {}),
        )
        for about in sorted(ev["about"]):
            if about not in g:
                continue
            g.add_edge(
                claim,
                about,
                key=edge_id("about", claim, about),
                relation="about",
                evidence=_sort_evidence(ev["evidence"]),
            )
    for u, v, key in sorted(edges):
        data = edges[(u, v, key)]
        data["evidence"] = _sort_evidence(data["evidence"])
        g.add_edge(u, v, key=key, **{k: val for k, val in data.items() if val is not None})
    for iri, data in g.nodes(data=True):
        if data.get("kind") != "event":
            data["degree"] = sum(
                1 for _u, _v, d in g.in_edges(iri, data=True) if d["relation"] != "about"
            ) + sum(1 for _u, _v, d in g.out_edges(iri, data=True) if d["relation"] != "about")
    return Projection(build_id, base, g, {k: labels[k] for k in sorted(labels) if k in g})


def status_order(s: dict[str, Any]) -> tuple[str, str, str]:
    """Order of status claims: by the date the status took effect, then the observation date.

    The last one is the instrument's current status; a status without its own date counts as
    of the document's date (a document saying "in force" observes it on its asOf date).
    """
    return (s.get("date") or s.get("asOf") or "", s.get("asOf") or "", s["claim"])
