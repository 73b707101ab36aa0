"""The quote rules: each one broken once, and the build stage failing with claim and rule named."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Literal, URIRef
from rdflib.namespace import PROV

from migkg.build.claims import extract
from migkg.build.evidence import check_claims
from migkg.build.pipeline import BuildContext
from migkg.iris import MKG, OA, Iris, concept
from migkg.settings import MigkgError, Settings
from migkg.text import display_text
from tests.facts.facts_fixture import BASE, dataset, tables

IRIS = Iris(BASE)
RAW = (
    "The readmission agreement with Cabo Verde was signed in 2013. "
    "It entered into force in December 2014.\tThe two sides met in Praia."
)
PASSAGE = IRIS.passage("doc", 0, len(RAW))


def add_passage(ds: Dataset) -> None:
    g = ds.graph(IRIS.graph("source", "doc"))
    g.add((PASSAGE, RDF.type, MKG.Passage))
    g.add((PASSAGE, MKG.displayText, Literal(display_text(RAW))))
    g.add((URIRef(f"{PASSAGE}#quote"), OA.exact, Literal(RAW)))


def add_claim(ds: Dataset, name: str, quote: str, status: str = "in_force") -> URIRef:
    g = ds.graph(IRIS.graph("source", "doc"))
    claim = IRIS.claim("test", name)
    inst = IRIS.instrument("ReadmissionAgreement", IRIS.country("CPV"), IRIS.entity("org", "eu"))
    g.add((inst, MKG.instrumentType, concept("instrument-type", "ReadmissionAgreement")))
    g.add((inst, MKG.party, IRIS.country("CPV")))
    g.add((inst, MKG.country, IRIS.country("CPV")))
    g.add((inst, MKG.counterpart, IRIS.entity("org", "eu")))
    g.add((claim, RDF.type, MKG.StatusClaim))
    g.add((claim, MKG.instrument, inst))
    g.add((claim, MKG.status, concept("status", status)))
    g.add((claim, MKG.quote, Literal(quote)))
    g.add((claim, PROV.wasDerivedFrom, PASSAGE))
    return claim


@pytest.fixture(scope="module")
def base_ds() -> Dataset:
    return dataset()


def problems_for(quote: str, status: str = "in_force", sections: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    ds = dataset()
    add_passage(ds)
    claim = add_claim(ds, quote, quote, status)
    found = check_claims(ds, IRIS, tables(ds), sections or {})
    return claim, [(p.claim, p.rule) for p in found]


def test_a_good_quote_passes() -> None:
    _claim, found = problems_for(
        "The readmission agreement with Cabo Verde was signed in 2013.", "signed"
    )
    assert found == []


def test_too_long() -> None:
    claim, found = problems_for("Cabo Verde entered into force " + "x" * 280)
    assert (str(claim), "quote-length") in found


def test_not_in_passage() -> None:
    claim, found = problems_for(
        "The readmission agreement with Cabo Verde entered into force in 2015."
    )
    assert (str(claim), "quote-in-passage") in found


def test_no_trigger() -> None:
    claim, found = problems_for(
        "The two sides met in Praia.", sections={str(PASSAGE): BASE + "id/country/CPV"}
    )
    assert found == [(str(claim), "quote-trigger")]


def test_no_mention_and_not_in_section() -> None:
    claim, found = problems_for("It entered into force in December 2014.")
    assert found == [(str(claim), "quote-mention")]


def test_in_the_countrys_section_a_mention_is_not_needed() -> None:
    _claim, found = problems_for(
        "It entered into force in December 2014.", sections={str(PASSAGE): BASE + "id/country/CPV"}
    )
    assert found == []


def test_spans_two_sentences() -> None:
    claim, found = problems_for("Cabo Verde was signed in 2013. It entered into force")
    assert found == [(str(claim), "quote-one-sentence")]


def test_build_stage_fails_naming_claim_and_rule(tmp_path: Path) -> None:
    """A curated claim whose quote proves nothing stops the claims stage of the build."""
    curation = tmp_path / "graphs" / "curation"
    curation.mkdir(parents=True)
    (curation / "bad.yaml").write_text(
        "- action: add\n"
        "  id: bad-quote\n"
        "  reason: test of the quote rules\n"
        "  country: CPV\n"
        "  instrument: ReadmissionAgreement\n"
        "  status: in_force\n"
        f"  passage: {PASSAGE}\n"
        "  quote: The two sides met in Praia.\n"
        "  as_of: 2024-02-29\n",
        encoding="utf-8",
    )
    ds = dataset()
    add_passage(ds)
    ctx = BuildContext(Settings(data_dir=tmp_path / "data", project_dir=tmp_path), IRIS, ds, [])
    claim = IRIS.claim("curated", "bad.yaml", "bad-quote")
    with pytest.raises(MigkgError) as err:
        extract(ctx, lambda _m: None)
    assert f"claim {claim}: rule quote-trigger" in str(err.value)
    assert f"claim {claim}: rule quote-mention" in str(err.value)
