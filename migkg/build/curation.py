"""The curation overlay: reviewed corrections that survive rebuilds (issue 6, 0005).

``graphs/curation/*.yaml`` files hold a list of entries, applied after extraction in file and
entry order:

```yaml
- action: retract                 # remove a claim the rules made wrongly
  claim: id/claim/0123456789abcdef   # relative to the base IRI, or absolute
  reason: "..."                   # required: why (shown in the build report)
- action: add                     # a claim the rules miss
  id: cv-vfa-2014                 # unique within the file: the claim IRI is a hash of file+id
  reason: "..."
  country: CPV                    # ISO alpha-3 (or `party: mission/eubam-libya`, IRI path)
  instrument: VisaFacilitationAgreement
  counterpart: org/eu             # IRI path under id/
  status: in_force
  date: "December 2014"           # optional, read by loaders/dates.py
  negated: false                  # optional
  line: 117                       # evidence: the line (or `passage: id/passage/...`) and a
  quote: "..."                    # quote (checked like every quote), or `source: <URL>`
  document: council-2024-5484     # gives mkg:asOf (or `as_of: 2024-02-29`)
```

A retraction removes the claim's triples (and its ``#...`` nodes) from every source graph and
fails when the claim is not there (a stale correction must be noticed). Added claims go to
``graph/curation`` with ``mkg:method`` curated and the reason as ``mkg:note``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import PROV

from migkg.extract.triggers import objects
from migkg.iris import EDTF, MKG, Iris, concept
from migkg.loaders.dates import parse_date
from migkg.rdf.nquads import bool_literal, date_literal
from migkg.settings import MigkgError


@dataclass
class Applied:
    files: list[str] = field(default_factory=list)
    added: int = 0
    retracted: int = 0
    entries: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "added": self.added,
            "retracted": self.retracted,
            "entries": self.entries,
        }


def _iri(iris: Iris, ref: str) -> URIRef:
    if ref.startswith(("http://", "https://")):
        return URIRef(ref)
    ref = ref.removeprefix("/")
    return URIRef(f"{iris.base}{ref}" if ref.startswith("id/") else f"{iris.base}id/{ref}")


def _last(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _fail(path: Path, n: int, msg: str) -> MigkgError:
    return MigkgError(f"{path} entry {n}: {msg}")


def apply(ds: Dataset, iris: Iris, folder: Path) -> Applied:
    out = Applied()
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        entries = yaml.safe_load(path.read_text("utf-8")) or []
        if not isinstance(entries, list):
            raise MigkgError(f"{path}: expected a list of entries")
        out.files.append(path.name)
        seen: set[str] = set()
        for n, entry in enumerate(entries, 1):
            if not isinstance(entry, dict) or not str(entry.get("reason", "")).strip():
                raise _fail(path, n, "every entry needs an action and a reason")
            action = entry.get("action")
            if action == "retract":
                claim = _iri(iris, str(entry.get("claim", "")))
                removed = retract(ds, iris, claim)
                if not removed:
                    raise _fail(path, n, f"claim {claim} is not in the graph (stale correction?)")
                out.retracted += 1
                out.entries.append({"file": path.name, "action": "retract", "claim": str(claim)})
            elif action == "add":
                key = str(entry.get("id", ""))
                if not key or key in seen:
                    raise _fail(path, n, f"missing or repeated id {key!r}")
                seen.add(key)
                claim = add(ds, iris, path.name, entry, path, n)
                out.added += 1
                out.entries.append({"file": path.name, "action": "add", "claim": str(claim)})
            else:
                raise _fail(path, n, f"unknown action {action!r} (add | retract)")
    return out


def retract(ds: Dataset, iris: Iris, claim: URIRef) -> int:
    """Remove the claim's triples from every source and curation graph; returns how many."""
    removed = 0
    frag = f"{claim}#"
    for g in list(ds.graphs()):
        gid = str(g.identifier)
        if not gid.startswith((str(iris.graph("source")), str(iris.graph("curation")))):
            continue
        for s, p, o in list(g.triples((None, None, None))):
            if s == claim or str(s).startswith(frag):
                g.remove((s, p, o))
                removed += 1
    return removed


def add(ds: Dataset, iris: Iris, file: str, e: dict[str, object], path: Path, n: int) -> URIRef:
    g = ds.graph(iris.graph("curation"))
    claim = iris.claim("curated", file, e["id"])
    try:
        itype, status = str(e["instrument"]), str(e["status"])
        party = _iri(iris, str(e["party"])) if "party" in e else iris.country(str(e["country"]))
        counterpart = _iri(iris, str(e.get("counterpart", "org/eu")))
    except KeyError as err:
        raise _fail(path, n, f"missing field {err}") from err
    country = next(iter(objects(ds, party, MKG.country)), party)
    inst = iris.instrument(itype, party, counterpart)
    g.add((inst, RDF.type, MKG.Instrument))
    g.add((inst, MKG.instrumentType, concept("instrument-type", itype)))
    g.add((inst, MKG.party, party))
    g.add((inst, MKG.country, country))  # type: ignore[arg-type]
    g.add((inst, MKG.counterpart, counterpart))
    g.add((inst, RDFS.label, Literal(f"{itype}: {_last(party)} – {_last(counterpart)}")))
    g.add((claim, RDF.type, MKG.Claim))
    g.add((claim, RDF.type, MKG.StatusClaim))
    g.add((claim, MKG.instrument, inst))
    g.add((claim, MKG.status, concept("status", status)))
    g.add((claim, MKG.method, concept("method", "curated")))
    g.add((claim, MKG.ruleId, Literal(f"curation:{file}#{e['id']}")))
    g.add((claim, MKG.note, Literal(str(e["reason"]))))
    g.add((claim, MKG.negated, bool_literal(bool(e.get("negated", False)))))
    g.add((claim, PROV.wasGeneratedBy, iris.activity("curation", Path(file).stem)))
    if "passage" in e or "line" in e:
        if "quote" not in e:
            raise _fail(path, n, "a passage needs a quote")
        if "passage" in e:
            passage = _iri(iris, str(e["passage"]))
        else:
            found = passage_at(
                ds, iris, str(e.get("document", "")), int(str(e["line"])), str(e["quote"])
            )
            if found is None:
                raise _fail(
                    path,
                    n,
                    f"no passage of {e.get('document')!r} at line {e['line']} holds the quote",
                )
            passage = found
        g.add((claim, PROV.wasDerivedFrom, passage))
        g.add((claim, MKG.quote, Literal(str(e["quote"]))))
    elif "source" in e:
        g.add((claim, PROV.wasDerivedFrom, URIRef(str(e["source"]))))
    else:
        raise _fail(path, n, "an added claim needs its evidence: a passage and quote, or a source")
    if "document" in e:
        doc = iris.document(str(e["document"]))
        for _s, _p, o, _g in ds.quads((doc, MKG.asOf, None, None)):
            g.add((claim, MKG.asOf, o))
    elif "as_of" in e:
        g.add((claim, MKG.asOf, date_literal(str(e["as_of"]))))
    else:
        raise _fail(path, n, "an added claim needs `document` (its asOf) or `as_of`")
    if e.get("date"):
        d = parse_date(str(e["date"]))
        g.add((claim, MKG.dateText, Literal(d.text)))
        if d.edtf:
            g.add((claim, MKG.edtf, Literal(d.edtf, datatype=EDTF)))
        if d.earliest:
            g.add((claim, MKG.earliest, date_literal(d.earliest)))
            g.add((claim, MKG.latest, date_literal(d.latest)))
        g.add((claim, MKG.precision, concept("precision", d.precision)))
    return claim


def passage_at(ds: Dataset, iris: Iris, doc: str, line: int, quote: str) -> URIRef | None:
    """The smallest passage of a document over a line whose display text holds the quote: a
    reviewer cites a line and a quote, which survive changes of the loaders' passage offsets."""
    g = ds.graph(iris.graph("source", doc))
    first = {p: int(v) for p, v in g.subject_objects(MKG.firstLine)}  # type: ignore[call-overload]
    last = {p: int(v) for p, v in g.subject_objects(MKG.lastLine)}  # type: ignore[call-overload]
    best: tuple[int, URIRef] | None = None
    for p in g.subjects(RDF.type, MKG.Passage):
        if p not in first or p not in last or not first[p] <= line <= last[p]:
            continue
        text = g.value(p, MKG.displayText)
        if text is not None and quote in str(text):
            size = int(g.value(p, MKG.endOffset) or 0) - int(g.value(p, MKG.startOffset) or 0)
            if best is None or (size, str(p)) < (best[0], str(best[1])):
                best = (size, p)  # type: ignore[assignment]
    return best[1] if best else None
