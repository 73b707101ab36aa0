"""Score the build's facts against hand-read evaluation sets (../shared/evaluation/README.md).

An evaluation set is a YAML list of entries (`kind: instrument | process | events`), read by a
person from the source files. This module reads a set, resolves its names through the build's
own gazetteer (the skos pref/alt/hidden labels of the reference graphs), takes the extracted
facts from `queries/instrument-facts.rq` and PROCESS_FACTS below, and computes key and strict
precision and recall per document and overall, each with a 95 % Wilson interval.

Choices the contract leaves open, made here (also in docs/evaluation.md):
- Matching is within one document: an entry read from document D is matched only by facts whose
  passage lies in D (the strict rule's "line inside the fact's passage span" already implies it;
  for key matching it keeps per-document figures honest). Reference claims (no passage) are
  never extracted facts.
- Coverage (what precision is judged on), when the set has no `coverage:` key:
  * every passage of the build that holds an entry's line (any kind, uncertain ones too: the
    reader read that passage);
  * every `kind: events` entry's [first_line, last_line], and, when it names a `section`, every
    passage of that document whose `mkg:section` is that heading: an events entry says the
    reader went through the whole section (how tests/eval/own-set.yaml reads four country
    sections and the Rabat Process exhaustively, and samples single lines elsewhere).
  A set written as a mapping `{entries: [...], coverage: [...]}` may instead list coverage
  items `{source, first_line, last_line}`, `{source, section}` or `{source}` (whole document);
  they replace the derived coverage. A fact counts when its passage overlaps a covered range.
- Precision leaves out facts of type Other (the set does not score them either) and facts whose
  only key match is an "uncertain" entry: neither right nor wrong. Recall credits a match with
  any fact of the entry's document, covered or not.
- Process entries: key = same process, same fact (a role whose notation contains "chair" is a
  chair fact, any other role a member fact) and, for member and chair, the same actor
  (`value` resolved through the labels); for the other facts (launched, ministerial_conference,
  declaration, action_plan) the value is free text, so the date stands in for it (equal at the
  coarser precision, null matches). Strict adds the date and the line inside the passage span.
  Entries with `fact: other` are not scored.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migkg.evaluation.sets import Entry, EvalSet
from migkg.store.base import Store

COUNTERPARTS = {"eu": "EU", "frontex": "Frontex", "europol": "Europol", "euaa": "EUAA"}
PROCESS_FACTS_SCORED = (
    "launched",
    "member",
    "chair",
    "ministerial_conference",
    "declaration",
    "action_plan",
)
Z95 = 1.959963984540054

PREFIXES = """PREFIX mkg: <https://w3id.org/migkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
"""

LABELS = (
    PREFIXES
    + """SELECT DISTINCT ?x ?cls ?labelKind ?label ?iso3 WHERE {
  VALUES ?cls { mkg:Country mkg:Territory mkg:Group mkg:EUInstitution mkg:EUAgency mkg:EUMission
                mkg:InternationalOrganisation mkg:Organisation mkg:RegionalProcess
                mkg:GlobalProcess mkg:Process }
  VALUES (?p ?labelKind) { (skos:prefLabel 0) (skos:altLabel 1) (skos:hiddenLabel 2) }
  ?x a ?cls ; ?p ?label .
  OPTIONAL { ?x mkg:isoAlpha3 ?iso3 }
}"""
)

PASSAGES = (
    PREFIXES
    + """SELECT DISTINCT ?document ?first ?last ?section WHERE {
  ?p a mkg:Passage ; mkg:document ?d ; mkg:firstLine ?first ; mkg:lastLine ?last .
  ?d dcterms:identifier ?document .
  OPTIONAL { ?p mkg:section ?section }
}"""
)

EVENTS = (
    PREFIXES
    + """SELECT DISTINCT ?e ?document ?first ?last WHERE {
  ?e a mkg:Event ; prov:wasDerivedFrom ?p .
  ?p a mkg:Passage ; mkg:document ?d ; mkg:firstLine ?first ; mkg:lastLine ?last .
  ?d dcterms:identifier ?document .
}"""
)

PROCESS_FACTS = (
    PREFIXES
    + """SELECT DISTINCT ?c ?process ?fact ?value ?actor ?date ?document ?line ?lastLine ?quote
WHERE {
  {
    ?c a mkg:MembershipClaim ; org:organization ?process ; org:member ?actor .
    OPTIONAL { ?c org:role ?role }
    BIND(IF(CONTAINS(LCASE(STR(COALESCE(?role, ""))), "chair"), "chair", "member") AS ?fact)
    OPTIONAL { ?actor skos:prefLabel ?value FILTER(LANGMATCHES(LANG(?value), "en")) }
    OPTIONAL { ?c mkg:startDate ?start }
  } UNION {
    ?c a mkg:ProcessFact ; mkg:process ?process ; mkg:factType ?type .
    BIND(REPLACE(STR(?type), "^.*[/#]", "") AS ?fact)
    OPTIONAL { ?c mkg:value ?value }
  }
  OPTIONAL { ?c mkg:edtf ?edtf }
  BIND(COALESCE(STR(?edtf), STR(?start)) AS ?date)
  OPTIONAL { ?c mkg:quote ?quote }
  ?c prov:wasDerivedFrom ?p .
  ?p a mkg:Passage ; mkg:document ?d ; mkg:firstLine ?line ; mkg:lastLine ?lastLine .
  ?d dcterms:identifier ?document .
}"""
)


# ----------------------------------------------------------------------------- the build side


def norm(label: str) -> str:
    """Compare names without case, accents or punctuation ("Türkiye" = "turkiye")."""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def last_segment(iri: str) -> str:
    return re.sub(r"^.*[/#]", "", iri.rstrip("/"))


class Gazetteer:
    """Names to IRIs from the build's labels; pref beats alt beats hidden, then IRI order."""

    COUNTRY_CLASSES = frozenset({"Country", "Territory", "Group", "EUMission"})
    PROCESS_CLASSES = frozenset({"RegionalProcess", "GlobalProcess", "Process"})

    def __init__(self, store: Store) -> None:
        self.by_label: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        self.iso3: dict[str, str] = {}
        for x, cls, kind, label, iso3 in store.query(LABELS).rows:
            self.by_label[norm(str(label))].append((int(str(kind)), str(x), last_segment(cls)))
            if iso3 is not None:
                self.iso3[str(x)] = str(iso3)
        for candidates in self.by_label.values():
            candidates.sort()

    def resolve(self, name: str, classes: frozenset[str] | None = None) -> str | None:
        for _kind, iri, cls in self.by_label.get(norm(name), []):
            if classes is None or cls in classes:
                return iri
        return None

    def key(self, iri: str) -> str:
        """What a country is compared by: its alpha-3 when it has one, else the IRI."""
        return self.iso3.get(iri) or (last_segment(iri) if "/id/country/" in iri else iri)

    def country(self, name: str) -> str | None:
        if re.fullmatch(r"[A-Z]{3}", name) and name in self.iso3.values():
            return name
        iri = self.resolve(name, self.COUNTRY_CLASSES)
        return self.key(iri) if iri else None

    def counterpart(self, name: str) -> str | None:
        """EU | Frontex | Europol | EUAA | MS:{alpha-3} | other, or None when unresolvable."""
        fixed = {v.casefold(): v for v in COUNTERPARTS.values()}
        if name.casefold() in fixed:
            return fixed[name.casefold()]
        if name.casefold() == "other":
            return "other"
        iri = self.resolve(name)
        return counterpart_class(iri, self.iso3) if iri else None


def counterpart_class(iri: str, iso3: dict[str, str]) -> str:
    seg = last_segment(iri).casefold()
    if seg in COUNTERPARTS and "/id/org/" in iri:
        return COUNTERPARTS[seg]
    if "/id/country/" in iri:
        return "MS:" + (iso3.get(iri) or last_segment(iri))
    return "other"


@dataclass(frozen=True)
class Fact:
    """An extracted fact as the scorer sees it (instrument or process)."""

    kind: str
    document: str
    line: int
    last_line: int
    quote: str
    date: str | None
    country: str = ""
    instrument: str = ""
    status: str = ""
    counterpart: str = ""
    process: str = ""
    fact: str = ""
    actor: str = ""
    value: str = ""

    def label(self) -> str:
        if self.kind == "instrument":
            what = f"{self.country} {self.instrument} {self.status} {self.counterpart}"
        else:
            what = f"{last_segment(self.process)} {self.fact} {self.value or self.actor}"
        return f"{self.document}:{self.line} {what} {self.date or '-'}"


def edtf_prefix(edtf: str | None) -> str | None:
    """The calendar part of an EDTF date as YYYY[-MM[-DD]]: a range by its start, seasons and
    quarters (21-41) and unspecified digits (X) by what is left; None when nothing is."""
    if not edtf:
        return None
    start = edtf.split("/")[0].strip().lstrip("[{").rstrip("]}~?%")
    out: list[str] = []
    for i, part in enumerate(start.split("-")[:3]):
        part = part.rstrip("~?%")
        if not part.isdigit() or (i == 1 and int(part) > 12):
            break
        out.append(part)
    return "-".join(out) if out and len(out[0]) == 4 else None


def instrument_facts(store: Store, project: Path, gaz: Gazetteer) -> list[Fact]:
    text = (project / "queries" / "instrument-facts.rq").read_text(encoding="utf-8")
    out = []
    for row in store.query(text).as_dicts():
        if row.get("line") is None:
            continue  # reference claims: not extracted from a document
        country = str(row["country"])
        out.append(
            Fact(
                kind="instrument",
                document=str(row["document"]),
                line=int(str(row["line"])),
                last_line=int(str(row.get("lastLine") or row["line"])),
                quote=str(row.get("quote") or ""),
                date=edtf_prefix(str(row["date"]) if row.get("date") is not None else None),
                country=str(row["iso3"]) if row.get("iso3") else gaz.key(country),
                instrument=str(row["instrumentType"]),
                status=str(row["status"]),
                counterpart=counterpart_class(str(row["counterpart"]), gaz.iso3),
            )
        )
    return out


def process_facts(store: Store) -> list[Fact]:
    out = []
    for row in store.query(PROCESS_FACTS).as_dicts():
        date = str(row["date"]) if row.get("date") is not None else None
        out.append(
            Fact(
                kind="process",
                document=str(row["document"]),
                line=int(str(row["line"])),
                last_line=int(str(row["lastLine"])),
                quote=str(row.get("quote") or ""),
                date=edtf_prefix(date),
                process=str(row["process"]),
                fact=str(row["fact"]),
                actor=str(row["actor"]) if row.get("actor") is not None else "",
                value=str(row.get("value") or ""),
            )
        )
    return out


# ----------------------------------------------------------------------------- matching


def dates_agree(expected: str | None, found: str | None) -> bool:
    """Equal at the coarser precision of the two; a null expected date matches anything."""
    if expected is None:
        return True
    if found is None:
        return False
    n = min(len(expected), len(found))
    return expected[:n] == found[:n]


@dataclass(frozen=True)
class Resolved:
    """An entry with its names resolved; `why` is set when the entry is not scored."""

    entry: Entry
    country: str | None = None
    counterpart: str | None = None
    process: str | None = None
    actor: str | None = None
    why: str = ""


def resolve_entry(e: Entry, gaz: Gazetteer) -> Resolved:
    if e.kind == "instrument":
        country = gaz.country(e.country)
        why = (
            "uncertain"
            if e.uncertain
            else "instrument Other"
            if e.instrument == "Other"
            else f"country {e.country!r} does not resolve"
            if country is None
            else ""
        )
        return Resolved(e, country=country, counterpart=gaz.counterpart(e.counterpart), why=why)
    process = gaz.resolve(e.process, Gazetteer.PROCESS_CLASSES)
    actor = gaz.resolve(e.value) if e.fact in ("member", "chair") else None
    why = (
        "uncertain"
        if e.uncertain
        else f"fact {e.fact!r} is not scored"
        if e.fact not in PROCESS_FACTS_SCORED
        else f"process {e.process!r} does not resolve"
        if process is None
        else f"value {e.value!r} does not resolve"
        if e.fact in ("member", "chair") and actor is None
        else ""
    )
    return Resolved(e, process=process, actor=actor, why=why)


def key_match(r: Resolved, f: Fact) -> bool:
    e = r.entry
    if f.kind != e.kind or f.document != e.source:
        return False
    if e.kind == "instrument":
        statuses = {e.status, "provisionally_applied"} if e.status == "in_force" else {e.status}
        return f.country == r.country and f.instrument == e.instrument and f.status in statuses
    if f.process != r.process or f.fact != e.fact:
        return False
    if e.fact in ("member", "chair"):
        return f.actor == r.actor
    return dates_agree(e.date, f.date) or f.date is None


def strict_match(r: Resolved, f: Fact) -> bool:
    e = r.entry
    if not key_match(r, f) or not f.line <= e.line <= f.last_line:
        return False
    if e.kind == "instrument" and r.counterpart != f.counterpart:
        return False
    return dates_agree(e.date, f.date)


# ----------------------------------------------------------------------------- coverage


class Coverage:
    """Line ranges per document that a set judges precision on."""

    def __init__(self) -> None:
        self.ranges: dict[str, set[tuple[int, int]]] = defaultdict(set)

    def add(self, doc: str, first: int, last: int) -> None:
        self.ranges[doc].add((first, last))

    def covers(self, doc: str, first: int, last: int) -> bool:
        return any(a <= last and first <= b for a, b in self.ranges.get(doc, ()))

    def as_dict(self) -> dict[str, list[list[int]]]:
        return {d: [list(r) for r in sorted(rs)] for d, rs in sorted(self.ranges.items())}


Passages = list[tuple[str, int, int, str]]  # (document, first line, last line, section)


def build_passages(store: Store) -> Passages:
    return [
        (str(d), int(str(a)), int(str(b)), str(s) if s is not None else "")
        for d, a, b, s in store.query(PASSAGES).rows
    ]


def derive_coverage(s: EvalSet, passages: Passages) -> Coverage:
    """The rule in the module docstring: explicit `coverage:` or passages and read sections."""
    cov = Coverage()
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for doc, first, last, section in passages:
        by_doc[doc].append((first, last, norm(section)))

    def section(doc: str, name: str) -> None:
        for first, last, sec in by_doc.get(doc, []):
            if sec and sec == norm(name):
                cov.add(doc, first, last)

    if s.coverage is not None:
        for item in s.coverage:
            if item.section:
                section(item.source, item.section)
            elif item.first_line:
                cov.add(item.source, item.first_line, item.last_line)
            else:
                cov.add(item.source, 1, 10**9)
        return cov
    for e in s.entries:
        if e.kind == "events":
            cov.add(e.source, e.first_line, e.last_line)
            if e.section:
                section(e.source, e.section)
            continue
        holding = [(a, b) for a, b, _ in by_doc.get(e.source, []) if a <= e.line <= b]
        for a, b in holding or [(e.line, e.line)]:
            cov.add(e.source, a, b)
    return cov


# ----------------------------------------------------------------------------- figures


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The 95 % Wilson score interval of k successes in n trials (None when n is 0)."""
    if n == 0:
        return None
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def ratio(k: int, n: int) -> dict[str, Any]:
    interval = wilson(k, n)
    return {
        "matched": k,
        "total": n,
        "value": round(k / n, 3) if n else None,
        "interval": [round(interval[0], 3), round(interval[1], 3)] if interval else None,
    }


@dataclass
class Score:
    """Key and strict recall and precision of one kind of fact over one set."""

    entries: list[Resolved]
    facts: list[Fact]  # the facts inside the coverage, Other excluded
    key_of: dict[int, list[int]] = field(default_factory=dict)  # entry -> facts
    strict_of: dict[int, list[int]] = field(default_factory=dict)
    key_found: dict[int, bool] = field(default_factory=dict)  # entry matched by any fact
    strict_found: dict[int, bool] = field(default_factory=dict)
    dropped: int = 0  # covered facts matching only uncertain entries

    def figures(self, doc: str | None = None) -> dict[str, Any]:
        idx = [i for i, r in enumerate(self.entries) if doc in (None, r.entry.source)]
        fidx = [j for j, f in enumerate(self.facts) if doc in (None, f.document)]
        out: dict[str, Any] = {}
        for name, table, found in (
            ("key", self.key_of, self.key_found),
            ("strict", self.strict_of, self.strict_found),
        ):
            matched_facts = {j for js in table.values() for j in js}
            out[name] = {
                "recall": ratio(sum(1 for i in idx if found.get(i)), len(idx)),
                "precision": ratio(sum(1 for j in fidx if j in matched_facts), len(fidx)),
            }
        return out

    def documents(self) -> list[str]:
        return sorted({r.entry.source for r in self.entries} | {f.document for f in self.facts})


def score(resolved: list[Resolved], all_facts: list[Fact], coverage: Coverage) -> Score:
    """Match the scored entries with the facts; precision only over the covered facts.

    Recall counts a match with any fact of the entry's document, covered or not: coverage
    bounds what precision judges, not what the extractor may be credited for.
    """
    scored = [r for r in resolved if not r.why]
    uncertain = [r for r in resolved if r.why == "uncertain"]
    covered: list[Fact] = []
    dropped = 0
    for f in all_facts:
        if f.instrument == "Other" or f.fact == "other":
            continue
        if not coverage.covers(f.document, f.line, f.last_line):
            continue
        if not any(key_match(r, f) for r in scored) and any(key_match(r, f) for r in uncertain):
            dropped += 1
            continue
        covered.append(f)
    result = Score(scored, covered, dropped=dropped)
    for i, r in enumerate(scored):
        result.key_of[i] = [j for j, f in enumerate(covered) if key_match(r, f)]
        result.strict_of[i] = [j for j, f in enumerate(covered) if strict_match(r, f)]
        result.key_found[i] = bool(result.key_of[i]) or any(key_match(r, f) for f in all_facts)
        result.strict_found[i] = bool(result.strict_of[i]) or any(
            strict_match(r, f) for f in all_facts
        )
    return result


def why_not_strict(r: Resolved, facts: list[Fact]) -> str:
    """What the nearest key match lacks: counterpart, date or line (for the listing)."""
    reasons = []
    for f in facts:
        if not key_match(r, f):
            continue
        lacks = []
        if r.entry.kind == "instrument" and r.counterpart != f.counterpart:
            lacks.append(f"counterpart {f.counterpart} (expected {r.counterpart or '?'})")
        if not dates_agree(r.entry.date, f.date):
            lacks.append(f"date {f.date or 'none'} (expected {r.entry.date})")
        if not f.line <= r.entry.line <= f.last_line:
            lacks.append(f"passage lines {f.line}-{f.last_line}")
        reasons.append((len(lacks), ", ".join(lacks)))
    return min(reasons)[1] if reasons else ""


def describe(e: Entry) -> str:
    if e.kind == "instrument":
        what = f"{e.country} {e.instrument} {e.status} {e.counterpart}"
    else:
        what = f"{e.process} {e.fact} {e.value}"
    return f"{e.source}:{e.line} {what} {e.date or '-'}"


def section_report(sc: Score, all_facts: list[Fact]) -> dict[str, Any]:
    unmatched_entries = []
    for i, r in enumerate(sc.entries):
        if not sc.key_found[i]:
            unmatched_entries.append({"id": r.entry.id, "level": "key", "entry": describe(r.entry)})
        elif not sc.strict_found[i]:
            unmatched_entries.append(
                {
                    "id": r.entry.id,
                    "level": "strict",
                    "entry": describe(r.entry),
                    "lacks": why_not_strict(r, all_facts),
                }
            )
    key_hit = {j for js in sc.key_of.values() for j in js}
    strict_hit = {j for js in sc.strict_of.values() for j in js}
    unmatched_facts = [
        {"level": "key" if j not in key_hit else "strict", "fact": f.label(), "quote": f.quote}
        for j, f in enumerate(sc.facts)
        if j not in strict_hit
    ]
    return {
        "overall": sc.figures(),
        "documents": {d: sc.figures(d) for d in sc.documents()},
        "covered_facts": len(sc.facts),
        "facts_matching_only_uncertain_entries": sc.dropped,
        "unmatched_entries": unmatched_entries,
        "unmatched_facts": unmatched_facts,
    }


def events_report(s: EvalSet, store: Store) -> list[dict[str, Any]]:
    spans = [(str(d), int(str(a)), int(str(b))) for _e, d, a, b in store.query(EVENTS).rows]
    out = []
    for e in s.entries:
        if e.kind != "events":
            continue
        found = sum(
            1 for d, a, b in spans if d == e.source and e.first_line <= a and b <= e.last_line
        )
        out.append(
            {
                "id": e.id,
                "source": e.source,
                "section": e.section,
                "lines": [e.first_line, e.last_line],
                "expected": e.rows,
                "found": found,
            }
        )
    return out


def evaluate(s: EvalSet, store: Store, project: Path) -> dict[str, Any]:
    """The whole report for one set against one build (a plain dict: the CLI prints it)."""
    gaz = Gazetteer(store)
    coverage = derive_coverage(s, build_passages(store))
    resolved = [resolve_entry(e, gaz) for e in s.entries if e.kind != "events"]
    inst_facts = instrument_facts(store, project, gaz)
    proc_facts = process_facts(store)
    inst = score([r for r in resolved if r.entry.kind == "instrument"], inst_facts, coverage)
    proc = score([r for r in resolved if r.entry.kind == "process"], proc_facts, coverage)
    counts = {k: sum(1 for e in s.entries if e.kind == k) for k in ("instrument", "process")}
    counts["events"] = sum(1 for e in s.entries if e.kind == "events")
    return {
        "set": str(s.path),
        "build": store.build_id,
        "entries": counts,
        "scored": {"instrument": len(inst.entries), "process": len(proc.entries)},
        "coverage": coverage.as_dict(),
        "instrument": section_report(inst, inst_facts),
        "process": section_report(proc, proc_facts),
        "events": events_report(s, store),
        "unscored": [
            {"id": r.entry.id, "kind": r.entry.kind, "why": r.why} for r in resolved if r.why
        ],
        "warnings": s.warnings,
    }
