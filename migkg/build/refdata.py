"""Generate the reference graphs `graphs/*.ttl` from pycountry and `graphs/reference/*.yaml`.

The reference graphs are the gazetteer (every name the linker knows) and the public facts the
documents lack (EU and Schengen membership, process membership, agreement dates). They are
generated, never typed: the ISO codes come from pycountry, the curated facts from small YAML
files that say where each fact was read, and this module turns both into sorted Turtle so that
two runs give the same bytes and a review diff shows only real changes.

Instance IRIs are written relative (`<id/country/SEN>`): the build parses the files with the
base IRI as publicID (migkg/build/reference.py), so the base stays a build input (0001).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import pycountry
import yaml
from edtf import parse_edtf

from migkg.iris import VOCAB, Iris
from migkg.settings import MigkgError

OUTPUTS = ("countries", "eu", "organisations", "processes", "agreements")
ACTIVITY = "id/activity/reference/1"
PO_COUNTRY = "http://publications.europa.eu/resource/authority/country/"

# ISO 3166-1 entries that are not sovereign states (UN members or observer states): they are
# mkg:Territory at id/territory/{alpha-3}. Taiwan is here because the EU does not recognise it
# as a state; Western Sahara because its status is undetermined.
# fmt: off
TERRITORIES = frozenset([
    "ALA", "ASM", "AIA", "ATA", "ABW", "BMU", "BES", "BVT", "IOT", "CYM", "CXR", "CCK", "COK",
    "CUW", "FLK", "FRO", "GUF", "PYF", "ATF", "GIB", "GRL", "GLP", "GUM", "GGY", "HMD", "HKG",
    "IMN", "JEY", "MAC", "MTQ", "MYT", "MSR", "NCL", "NIU", "NFK", "MNP", "PCN", "PRI", "REU",
    "BLM", "SHN", "MAF", "SPM", "SXM", "SGS", "SJM", "TWN", "TKL", "TCA", "UMI", "VGB", "VIR",
    "WLF", "ESH",
])
# fmt: on

# Short names as the EU's Interinstitutional Style Guide (Annex A5) writes them, where they
# differ from pycountry's common name. pycountry's names then become altLabels. Keep this table
# small: everything else (former names, demonyms) lives in graphs/reference/countries.yaml.
STYLE_GUIDE_NAMES = {
    "BRN": "Brunei",
    "COD": "Democratic Republic of the Congo",
    "FLK": "Falkland Islands",
    "FSM": "Micronesia",
    "MAF": "Saint Martin",
    "MDA": "Republic of Moldova",  # the style guide's short form is "Moldova": Council usage wins
    "PSE": "Palestine",
    "RUS": "Russia",
    "STP": "São Tomé and Príncipe",
    "SXM": "Sint Maarten",
    "VAT": "Holy See",
    "VGB": "British Virgin Islands",
    "VIR": "United States Virgin Islands",
    "VNM": "Vietnam",
}

# The EU's standard footnotes, carried as rdfs:comment on the node.
FOOTNOTES = {
    "XKX": "*This designation is without prejudice to positions on status, and is in line with "
    "UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.",
    "PSE": "*This designation shall not be construed as recognition of a State of Palestine and "
    "is without prejudice to the individual positions of the Member States on this issue.",
}

# Kosovo has no ISO 3166-1 entry: XK/XKX are the user-assigned codes the Commission uses
# (0001). There is no numeric code, and no Publications Office IRI is asserted because the
# authority table's code for Kosovo could not be confirmed here.
KOSOVO = {"alpha_2": "XK", "alpha_3": "XKX", "name": "Kosovo"}

PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "mkg": "https://w3id.org/migkg/ontology#",
    "itype": f"{VOCAB}instrument-type/",
    "method": f"{VOCAB}method/",
    "precision": f"{VOCAB}precision/",
    "role": f"{VOCAB}role/",
    "status": f"{VOCAB}status/",
}
EDTF_TYPE = "http://id.loc.gov/datatypes/edtf/EDTF"
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")

INSTRUMENT_LABELS = {
    "ReadmissionAgreement": "EU readmission agreement with {party}",
    "VisaFacilitationAgreement": "EU visa facilitation agreement with {party}",
    "FrontexWorkingArrangement": "Frontex working arrangement with {party}",
    "FrontexStatusAgreement": "Frontex status agreement with {party}",
    "MobilityPartnership": "Mobility partnership with {party}",
}
STATUS_KEYS = ("signed", "provisionally_applied", "in_force")


@dataclass(frozen=True)
class Ref:
    """An IRI: relative (`id/...`, resolved against the base at build time) or absolute."""

    iri: str


@dataclass(frozen=True)
class Lit:
    text: str
    lang: str = ""
    datatype: str = ""


Term = Ref | Lit


@dataclass
class TurtleDoc:
    """Triples grouped by subject, written in one canonical order (stable bytes by design)."""

    triples: dict[str, dict[str, set[Term]]] = field(default_factory=dict)

    def add(self, subject: str, predicate: str, obj: Term | None) -> None:
        if obj is None or (isinstance(obj, Lit) and not obj.text):
            return
        self.triples.setdefault(subject, {}).setdefault(predicate, set()).add(obj)

    def labels(self, subject: str, pref: str, alt: Iterable[str], hidden: Iterable[str]) -> None:
        """SKOS labels with the disjointness SKOS requires: pref, then alt, then hidden."""
        self.add(subject, "skos:prefLabel", Lit(pref, "en"))
        seen = {pref}
        for predicate, names in (("skos:altLabel", alt), ("skos:hiddenLabel", hidden)):
            for name in names:
                if name not in seen:
                    seen.add(name)
                    self.add(subject, predicate, Lit(name, "en"))

    def render(self, header: str) -> str:
        out = [f"# {line}".rstrip() + "\n" for line in header.splitlines()]
        out += [f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items() if p != "rdf"]
        for subject in sorted(self.triples):
            out.append(f"\n{_iri(subject)}\n")
            preds = self.triples[subject]
            order = sorted(preds, key=lambda p: (p != "rdf:type", p))
            for i, pred in enumerate(order):
                objs = ", ".join(sorted(_term(o) for o in preds[pred]))
                end = " ." if i == len(order) - 1 else " ;"
                out.append(f"    {'a' if pred == 'rdf:type' else pred} {objs}{end}\n")
        return "".join(out)


def _iri(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and _LOCAL.match(iri[len(ns) :]):
            return f"{prefix}:{iri[len(ns) :]}"
    if re.search(r'[\x00-\x20<>"{}|^`\\]', iri):
        raise MigkgError(f"IRI with characters Turtle forbids: {iri!r}")
    return f"<{iri}>"


def _term(term: Term) -> str:
    if isinstance(term, Ref):
        return _iri(term.iri)
    text = term.text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if term.lang:
        return f'"{text}"@{term.lang}'
    return f'"{text}"^^{_iri(term.datatype)}' if term.datatype else f'"{text}"'


def xsd_date(value: str) -> Lit:
    try:
        date.fromisoformat(value)  # refuse anything that is not a real day
    except ValueError as err:
        raise MigkgError(f"reference data has a date that is not a day: {value!r}") from err
    return Lit(value, datatype=PREFIXES["xsd"] + "date")


def concept(scheme: str, notation: str) -> Ref:
    return Ref(f"{VOCAB}{scheme}/{notation}")


# --- dates (0004) -------------------------------------------------------------------------


@dataclass(frozen=True)
class DateSpec:
    text: str
    edtf: str
    earliest: str
    latest: str
    precision: str

    @classmethod
    def parse(cls, edtf_text: str, text: str = "") -> DateSpec:
        """EDTF day/month/year or an open interval; bounds are the first and last day covered."""
        _check_edtf(edtf_text)
        if "/" in edtf_text:
            start, end = edtf_text.split("/")
            lo = "" if start == ".." else _bounds(start)[0]
            hi = "" if end == ".." else _bounds(end)[1]
            return cls(text or edtf_text, edtf_text, lo, hi, "range")
        lo, hi = _bounds(edtf_text)
        precision = {4: "year", 7: "month", 10: "day"}[len(edtf_text)]
        return cls(text or edtf_text, edtf_text, lo, hi, precision)

    def add_to(self, doc: TurtleDoc, subject: str) -> None:
        doc.add(subject, "mkg:dateText", Lit(self.text))
        doc.add(subject, "mkg:edtf", Lit(self.edtf, datatype=EDTF_TYPE))
        if self.earliest:
            doc.add(subject, "mkg:earliest", xsd_date(self.earliest))
        if self.latest:
            doc.add(subject, "mkg:latest", xsd_date(self.latest))
        doc.add(subject, "mkg:precision", concept("precision", self.precision))


@cache
def _check_edtf(text: str) -> None:
    """Refuse what EDTF does not allow (the parser is slow: each distinct string once)."""
    try:
        parse_edtf(text)
    except Exception as err:  # the edtf package's exceptions share no base but Exception
        raise MigkgError(f"reference data has a date EDTF does not allow: {text!r}") from err


def _bounds(value: str) -> tuple[str, str]:
    if len(value) == 4:
        return f"{value}-01-01", f"{value}-12-31"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return f"{value}-01", date.fromordinal(nxt.toordinal() - 1).isoformat()
    date.fromisoformat(value)
    return value, value


def date_spec(raw: Any) -> DateSpec | None:
    if raw is None:
        return None
    if isinstance(raw, dict):
        return DateSpec.parse(str(raw["edtf"]), str(raw.get("text", "")))
    return DateSpec.parse(str(raw))


# --- countries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    kind: str  # "country" or "territory"
    alpha2: str
    alpha3: str
    numeric: str
    pref: str
    alt: tuple[str, ...]

    @property
    def iri(self) -> str:
        return f"id/{self.kind}/{self.alpha3}"


@cache
def places() -> tuple[Place, ...]:
    """Every ISO 3166-1 entry plus Kosovo, with its style-guide name and pycountry's others."""
    result = []
    for c in pycountry.countries:
        common = getattr(c, "common_name", None) or c.name
        pref = STYLE_GUIDE_NAMES.get(c.alpha_3, common)
        names = (c.name, common, getattr(c, "official_name", None) or "")
        alt = tuple(dict.fromkeys(n for n in names if n and n != pref))
        kind = "territory" if c.alpha_3 in TERRITORIES else "country"
        result.append(Place(kind, c.alpha_2, c.alpha_3, c.numeric, pref, alt))
    result.append(Place("country", KOSOVO["alpha_2"], KOSOVO["alpha_3"], "", KOSOVO["name"], ()))
    return tuple(sorted(result, key=lambda p: p.alpha3))


def countries_doc(curated: dict[str, Any]) -> TurtleDoc:
    """Every country and territory: ISO codes, M49 sub-region, authority IRI, labels."""
    region_of = {code: region for region, codes in curated["regions"].items() for code in codes}
    labels = curated.get("labels", {})
    doc = TurtleDoc()
    for p in places():
        s = p.iri
        doc.add(s, "rdf:type", Ref(PREFIXES["mkg"] + p.kind.capitalize()))
        doc.add(s, "mkg:isoAlpha2", Lit(p.alpha2))
        doc.add(s, "mkg:isoAlpha3", Lit(p.alpha3))
        doc.add(s, "mkg:isoNumeric", Lit(p.numeric))
        if p.alpha3 in region_of:
            doc.add(s, "mkg:region", Lit(region_of[p.alpha3]))
        if p.alpha3 != KOSOVO["alpha_3"]:
            doc.add(s, "skos:exactMatch", Ref(PO_COUNTRY + p.alpha3))
        extra = labels.get(p.alpha3, {})
        doc.labels(s, p.pref, [*p.alt, *extra.get("alt", [])], extra.get("hidden", []))
        if p.alpha3 in FOOTNOTES:
            doc.add(s, "rdfs:comment", Lit(FOOTNOTES[p.alpha3], "en"))
    unknown = set(region_of) - {p.alpha3 for p in places()}
    if unknown:
        raise MigkgError(f"countries.yaml: regions name unknown codes {sorted(unknown)}")
    return doc


# --- actors, memberships, instruments ------------------------------------------------------


class Resolver:
    """Turns the YAML's short references (`SEN`, `org/eu`) into relative IRIs, or refuses."""

    def __init__(self, entities: Iterable[str]) -> None:
        self.places = {p.alpha3: p for p in places()}
        self.entities = set(entities)

    def __call__(self, ref: str) -> str:
        if ref in self.places:
            return self.places[ref].iri
        if ref in self.entities:
            return f"id/{ref}"
        raise MigkgError(f"reference data names an unknown actor {ref!r}")

    def name(self, ref: str, names: dict[str, str]) -> str:
        return self.places[ref].pref if ref in self.places else names[ref]


def entities_doc(entities: list[dict[str, Any]], resolve: Resolver) -> TurtleDoc:
    """Organisations, missions, groups and processes: identity, labels and fixed attributes."""
    doc = TurtleDoc()
    for e in entities:
        s = f"id/{e['id']}"
        doc.add(s, "rdf:type", Ref(PREFIXES["mkg"] + e["type"]))
        doc.labels(s, e["pref"], e.get("alt", []), e.get("hidden", []))
        if "fr" in e:
            doc.add(s, "skos:prefLabel", Lit(e["fr"], "fr"))
        for name in e.get("altFr", []):
            doc.add(s, "skos:altLabel", Lit(name, "fr"))
        for code in e.get("country", []):
            doc.add(s, "mkg:country", Ref(resolve(code)))
        for code in e.get("members", []):
            doc.add(s, "skos:member", Ref(resolve(code)))
        if "launched" in e:
            doc.add(s, "mkg:launched", xsd_date(str(e["launched"])))
        if "statedMemberCount" in e:
            count = e["statedMemberCount"]["count"]
            doc.add(s, "mkg:statedMemberCount", Lit(str(int(count)), datatype=_xsd("integer")))
        doc.add(s, "rdfs:comment", Lit(e.get("comment", ""), "en"))
    return doc


def _xsd(name: str) -> str:
    return PREFIXES["xsd"] + name


@dataclass(frozen=True)
class Source:
    url: str
    as_of: str


def add_activity(doc: TurtleDoc) -> None:
    doc.add(ACTIVITY, "rdf:type", Ref("http://www.w3.org/ns/prov#Activity"))
    doc.add(ACTIVITY, "rdfs:label", Lit("Curation of public reference facts", "en"))


def add_provenance(doc: TurtleDoc, claim: str, source: Source, item: dict[str, Any]) -> None:
    """What every reference claim carries (0003): page, method, observation date, activity."""
    doc.add(claim, "rdf:type", Ref(PREFIXES["mkg"] + "Claim"))
    doc.add(claim, "prov:wasDerivedFrom", Ref(source.url))
    doc.add(claim, "mkg:method", concept("method", "reference"))
    doc.add(claim, "mkg:asOf", xsd_date(source.as_of))
    doc.add(claim, "prov:wasGeneratedBy", Ref(ACTIVITY))
    doc.add(claim, "mkg:ruleId", Lit("reference"))
    doc.add(claim, "mkg:note", Lit(item.get("note", "")))
    doc.add(claim, "mkg:flag", Lit(item.get("flag", "")))


def membership_rows(spec: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Flatten groups: each member inherits its group's organisation, role, source and note."""
    for group in spec:
        for member in group["members"]:
            item = member if isinstance(member, dict) else {"member": member}
            yield {k: v for k, v in group.items() if k != "members"} | item


def memberships_doc(
    spec: list[dict[str, Any]],
    sources: dict[str, Source],
    resolve: Resolver,
    doc: TurtleDoc | None = None,
) -> TurtleDoc:
    """Membership claims (0003) with their period (OWL-Time), added to `doc` or a new one."""
    doc = doc or TurtleDoc()
    add_activity(doc)
    for row in membership_rows(spec):
        source = sources[row["source"]]
        member, org = resolve(row["member"]), resolve(row["organization"])
        when = date_spec(row.get("date"))
        start, end = row.get("start", ""), row.get("end", "")
        key = ("reference", "membership", source.url, member, org, row["role"], start, end)
        claim = str(Iris("").claim(*key, when.text if when else ""))
        doc.add(claim, "rdf:type", Ref(PREFIXES["mkg"] + "MembershipClaim"))
        doc.add(claim, "rdf:type", Ref(PREFIXES["org"] + "Membership"))
        doc.add(claim, "org:member", Ref(member))
        doc.add(claim, "org:organization", Ref(org))
        doc.add(claim, "org:role", concept("role", row["role"]))
        add_provenance(doc, claim, source, row)
        if when:
            when.add_to(doc, claim)
        if start:
            add_period(doc, claim, str(start), str(end))
    return doc


def add_period(doc: TurtleDoc, claim: str, start: str, end: str) -> None:
    """mkg:startDate/endDate plus the same as an OWL-Time interval (org:memberDuring)."""
    period = f"{claim}#period"
    doc.add(claim, "mkg:startDate", xsd_date(start))
    doc.add(claim, "org:memberDuring", Ref(period))
    doc.add(period, "rdf:type", Ref(PREFIXES["time"] + "ProperInterval"))
    for name, day, link in (("start", start, "hasBeginning"), ("end", end, "hasEnd")):
        if day:
            instant = f"{claim}#{name}"
            doc.add(period, f"time:{link}", Ref(instant))
            doc.add(instant, "rdf:type", Ref(PREFIXES["time"] + "Instant"))
            doc.add(instant, "time:inXSDDate", xsd_date(day))
    if end:
        doc.add(claim, "mkg:endDate", xsd_date(end))


def agreements_doc(
    spec: list[dict[str, Any]], sources: dict[str, Source], resolve: Resolver
) -> TurtleDoc:
    """Instruments (identity only) and their dated status claims."""
    doc = TurtleDoc()
    add_activity(doc)
    for group in spec:
        itype = group["type"]
        counterpart = resolve(group["counterpart"])
        for item in group["instruments"]:
            party = resolve(item["party"])
            iri = str(Iris("").instrument(itype, party, counterpart, item.get("qualifier", "")))
            doc.add(iri, "rdf:type", Ref(PREFIXES["mkg"] + "Instrument"))
            doc.add(iri, "mkg:instrumentType", concept("instrument-type", itype))
            doc.add(iri, "mkg:party", Ref(party))
            if party.startswith(("id/country/", "id/territory/")):
                doc.add(iri, "mkg:country", Ref(party))
            doc.add(iri, "mkg:counterpart", Ref(counterpart))
            label = INSTRUMENT_LABELS[itype].format(party=resolve.name(item["party"], NAMES))
            if "label_note" in item:
                label += f" ({item['label_note']})"
            doc.add(iri, "rdfs:label", Lit(label, "en"))
            doc.add(iri, "rdfs:comment", Lit(item.get("note", ""), "en"))
            default_source = item.get("source", group["source"])
            add_status_claims(doc, iri, item, sources, default_source)
    return doc


def add_status_claims(
    doc: TurtleDoc, iri: str, item: dict[str, Any], sources: dict[str, Source], default: str
) -> None:
    """One mkg:StatusClaim per dated status of an instrument (a status may repeat: Türkiye)."""
    for status in STATUS_KEYS:
        raw = item.get(status)
        for fact in raw if isinstance(raw, list) else [raw] if raw else []:
            fact = fact if isinstance(fact, dict) else {"date": fact}
            source = sources[fact.get("source", default)]
            when = DateSpec.parse(str(fact["date"]), str(fact.get("text", "")))
            claim = str(Iris("").claim("reference", "status", source.url, iri, status, when.text))
            doc.add(claim, "rdf:type", Ref(PREFIXES["mkg"] + "StatusClaim"))
            doc.add(claim, "mkg:instrument", Ref(iri))
            doc.add(claim, "mkg:status", concept("status", status))
            when.add_to(doc, claim)
            add_provenance(doc, claim, source, fact)


# Names of organisation parties in instrument labels (countries use their prefLabel).
NAMES = {
    "org/cis-border-troop-commanders-council": "the CIS Border Troop Commanders Council",
    "org/marri": "the MARRI Regional Centre",
}


# --- the whole set ------------------------------------------------------------------------


def _load(path: Path) -> Any:
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe; the C one when built
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as err:
        raise MigkgError(f"{path}: {err}") from err


def generate(project: Path) -> dict[str, str]:
    """The text of every generated graphs/{name}.ttl, from the curated inputs of `project`."""
    src = project / "graphs" / "reference"
    data = {name: _load(src / f"{name}.yaml") for name in (*OUTPUTS, "sources")}
    sources = {k: Source(v["url"], str(v["asOf"])) for k, v in data["sources"].items()}
    entities = data["organisations"]["entities"] + data["processes"]["entities"]
    resolve = Resolver(e["id"] for e in entities)
    processes = entities_doc(data["processes"]["entities"], resolve)
    docs = {
        "countries": countries_doc(data["countries"]),
        "eu": memberships_doc(data["eu"]["memberships"], sources, resolve),
        "organisations": entities_doc(data["organisations"]["entities"], resolve),
        "processes": memberships_doc(data["processes"]["memberships"], sources, resolve, processes),
        "agreements": agreements_doc(data["agreements"]["groups"], sources, resolve),
    }
    version = metadata.version("pycountry")
    texts = {}
    for name, doc in docs.items():
        inputs = f"pycountry {version} and " if name == "countries" else ""
        header = (
            f"graph/reference/{name}: GENERATED by `migkg refdata` from {inputs}"
            f"graphs/reference/{name}.yaml.\nDo not edit: edit the YAML and regenerate. "
            "Instance IRIs are relative to the build's base IRI."
        )
        texts[name] = doc.render(header)
    return texts


def write(project: Path, out_dir: Path | None = None) -> list[str]:
    """Write the generated files; returns the names whose bytes changed."""
    target = out_dir or project / "graphs"
    target.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in generate(project).items():
        path = target / f"{name}.ttl"
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            changed.append(name)
    return changed


def stale(project: Path) -> list[str]:
    """Names of generated files that differ from what the generator would write now."""
    out = []
    for name, text in generate(project).items():
        path = project / "graphs" / f"{name}.ttl"
        if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
            out.append(name)
    return out
