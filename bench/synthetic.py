"""A deterministic synthetic graph that follows the ontology, for benchmarks at any size.

Scaling model: a fixed world (250 countries from ISO 3166, 20 processes, the EU and four
agencies, about 12 memberships per process) while documents, passages, instruments, status
claims, events and mentions grow with the requested size. One "unit" is a passage with one
status claim and its instrument, an event and two mentions (56 triples); the fixed world takes
about 3,200, so 10k, 100k and 1M triples are about 120, 1,700 and 17,800 units. Same seed and
size, same bytes. A build graph names the observation date (mkg:latestAsOf 2025-03-31), as a real
build does, so that the canned queries' asOf default resolves the same way.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pycountry
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

from migkg.iris import EDTF, MKG, OA, Iris, concept
from migkg.rdf.nquads import Quad, bool_literal, date_literal, int_literal, quad_lines

BASE = "https://w3id.org/migkg/"
TYPES = (
    "ReadmissionAgreement",
    "FrontexWorkingArrangement",
    "FrontexStatusAgreement",
    "MobilityPartnership",
    "VisaFacilitationAgreement",
    "EuropolAgreement",
    "TalentPartnership",
    "MemorandumOfUnderstanding",
)
STATUSES = ("mandate", "negotiating", "initialled", "signed", "provisionally_applied", "in_force")
COUNTERPARTS = ("eu", "frontex", "europol", "euaa")
FIXED_TRIPLES = 3_200  # what the fixed world takes
AS_OF = "2025-03-31"  # every synthetic document's observation date, and the build's latestAsOf
UNIT_TRIPLES = 56  # one passage, instrument, status claim, event and two mentions


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2005, 2025):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def quads(target_triples: int, seed: int = 20261123) -> Iterator[Quad]:
    """The quads of a graph of about `target_triples`, in generation order (write() sorts)."""
    rng = random.Random(seed)
    iris = Iris(BASE)
    build = iris.graph("build")
    yield build, RDF.type, MKG.Build, build
    yield build, MKG.buildId, Literal(f"synthetic-{target_triples}-{seed}"), build
    yield build, MKG.latestAsOf, date_literal(AS_OF), build
    ref = iris.graph("reference", "synthetic")
    countries = sorted(c.alpha_3 for c in pycountry.countries)[:250]
    country_iris = [iris.country(a3) for a3 in countries]
    for a3, node in zip(countries, country_iris, strict=True):
        yield node, RDF.type, MKG.Country, ref
        yield node, MKG.isoAlpha3, Literal(a3), ref
        yield node, SKOS.prefLabel, Literal(f"Country {a3}", lang="en"), ref
        yield node, MKG.region, Literal(f"Region {a3[0]}"), ref
    orgs = {k: iris.entity("org", k) for k in COUNTERPARTS}
    for key, node in orgs.items():
        yield node, RDF.type, MKG.EUAgency if key != "eu" else MKG.Organisation, ref
        yield node, SKOS.prefLabel, Literal(key.upper(), lang="en"), ref
    processes = [iris.entity("process", f"process-{i:02d}") for i in range(20)]
    for i, proc in enumerate(processes):
        yield proc, RDF.type, MKG.RegionalProcess, ref
        yield proc, SKOS.prefLabel, Literal(f"Process {i:02d}", lang="en"), ref
        for member in rng.sample(country_iris, 12):
            m = iris.claim("membership", proc, member)
            yield m, RDF.type, MKG.MembershipClaim, ref
            yield m, RDF.type, ORG.Membership, ref
            yield m, RDF.type, MKG.Claim, ref
            yield m, ORG.member, member, ref
            yield m, ORG.organization, proc, ref
            yield (
                m,
                ORG.role,
                concept("role", rng.choice(("member", "member", "observer", "chair"))),
                ref,
            )
            yield m, MKG.startDate, date_literal(_date(rng)), ref
            yield m, PROV.wasDerivedFrom, URIRef(f"https://example.org/process-{i:02d}"), ref
            yield m, MKG.method, concept("method", "reference"), ref
    units = max(1, (target_triples - FIXED_TRIPLES) // UNIT_TRIPLES)
    docs = max(1, units // 500)
    for u in range(units):
        doc_id = f"synthetic-{u % docs:04d}"
        graph = iris.graph("source", doc_id)
        doc = iris.document(doc_id)
        if u < docs:
            yield doc, RDF.type, MKG.Document, graph
            yield doc, DCTERMS.identifier, Literal(doc_id), graph
            yield doc, MKG.asOf, date_literal(AS_OF), graph
        start = u * 400
        passage = iris.passage(doc_id, start, start + 300)
        country = rng.choice(country_iris)
        text = f"Passage {u} about a {rng.choice(TYPES)} with {country.rsplit('/', 1)[-1]}."
        yield passage, RDF.type, MKG.Passage, graph
        yield passage, MKG.document, doc, graph
        yield passage, MKG.firstLine, int_literal(u + 1), graph
        yield passage, MKG.lastLine, int_literal(u + 1), graph
        yield passage, MKG.startOffset, int_literal(start), graph
        yield passage, MKG.endOffset, int_literal(start + 300), graph
        yield passage, MKG.displayText, Literal(text), graph
        yield passage, MKG.section, Literal(f"SECTION {u % 40}"), graph
        sel = URIRef(f"{passage}#position")
        yield passage, OA.hasSelector, sel, graph
        yield sel, RDF.type, OA.TextPositionSelector, graph
        yield sel, OA.start, int_literal(start), graph
        yield sel, OA.end, int_literal(start + 300), graph
        itype = rng.choice(TYPES)
        counterpart = (
            orgs["frontex"] if itype.startswith("Frontex") else orgs[rng.choice(COUNTERPARTS)]
        )
        inst = iris.instrument(itype, country, counterpart)
        yield inst, RDF.type, MKG.Instrument, graph
        yield inst, MKG.instrumentType, concept("instrument-type", itype), graph
        yield inst, MKG.party, country, graph
        yield inst, MKG.country, country, graph
        yield inst, MKG.counterpart, counterpart, graph
        day = _date(rng)
        claim = iris.claim("status", doc_id, u)
        for s, p, o in (
            (claim, RDF.type, MKG.StatusClaim),
            (claim, RDF.type, MKG.Claim),
            (claim, MKG.instrument, inst),
            (claim, MKG.status, concept("status", rng.choice(STATUSES))),
            (claim, MKG.dateText, Literal(day)),
            (claim, MKG.edtf, Literal(day, datatype=EDTF)),
            (claim, MKG.earliest, date_literal(day)),
            (claim, MKG.latest, date_literal(day)),
            (claim, MKG.precision, concept("precision", "day")),
            (claim, PROV.wasDerivedFrom, passage),
            (claim, MKG.quote, Literal(text[:40])),
            (claim, MKG.asOf, date_literal(AS_OF)),
            (claim, MKG.method, concept("method", "rule")),
            (claim, MKG.ruleId, Literal("synthetic")),
        ):
            yield s, p, o, graph
        event = iris.claim("event", doc_id, u)
        eday = _date(rng)
        for s, p, o in (
            (event, RDF.type, MKG.Event),
            (event, RDF.type, MKG.Claim),
            (event, RDFS.label, Literal(f"Meeting {u}")),
            (event, MKG.about, country),
            (event, MKG.dateText, Literal(eday)),
            (event, MKG.earliest, date_literal(eday)),
            (event, MKG.latest, date_literal(eday)),
            (event, MKG.precision, concept("precision", "day")),
            (event, MKG.tbc, bool_literal(False)),
            (event, MKG.planned, bool_literal(eday > AS_OF)),
            (event, PROV.wasDerivedFrom, passage),
            (event, MKG.quote, Literal(text[:30])),
            (event, MKG.asOf, date_literal(AS_OF)),
        ):
            yield s, p, o, graph
        for k, target in enumerate((country, rng.choice(processes))):
            mention = iris.claim("mention", doc_id, u, k)
            yield mention, RDF.type, MKG.Mention, graph
            yield mention, RDF.type, MKG.Claim, graph
            yield mention, MKG.mentions, target, graph
            yield mention, PROV.wasDerivedFrom, passage, graph
            yield mention, MKG.surface, Literal("name"), graph
            yield mention, MKG.asOf, date_literal(AS_OF), graph


def write(path: Path, target_triples: int, seed: int = 20261123) -> int:
    """Write sorted canonical N-Quads; returns the number of lines (duplicates removed)."""
    lines = quad_lines(quads(target_triples, seed))
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(lines)
    return len(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("triples", type=int, help="target size, e.g. 10000, 100000, 1000000")
    p.add_argument("output", type=Path)
    p.add_argument("--seed", type=int, default=20261123)
    args = p.parse_args(argv)
    n = write(args.output, args.triples, args.seed)
    print(f"wrote {n} quads to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
