"""The SKOS schemes: notations exactly as issue 4 lists them, every concept defined with a
scope note whose example is quoted verbatim from the corpus, and trigger phrases (hidden
labels) that are unambiguous within a scheme and found in the documents' own language."""

from __future__ import annotations

import re

import pytest
from model_helpers import VOCAB, corpus, ontology_graph
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

NOTATIONS = {
    "instrument-type": {
        "ReadmissionAgreement", "ReadmissionArrangement", "VisaFacilitationAgreement",
        "VisaLiberalisation", "VisaCodeArticle25a", "MobilityPartnership",
        "CommonAgendaMigrationMobility", "FrontexWorkingArrangement", "FrontexStatusAgreement",
        "EuropolAgreement", "EUAACooperation", "AntiSmugglingOperationalPartnership",
        "TalentPartnership", "AssociationAgreement", "MemorandumOfUnderstanding",
        "MigrationDialogue", "Other",
    },
    "status": {
        "mandate", "negotiating", "stalled", "initialled", "signed", "provisionally_applied",
        "in_force", "suspended", "terminated", "launched", "proposed", "on_hold", "implemented",
        "other",
    },
    "role": {"partner", "member", "observer", "chair", "co-chair", "secretariat"},
    "method": {"rule", "curated", "reference"},
    "precision": {
        "day", "month", "season", "quarter", "half-year", "year", "range", "unknown",
    },
}  # fmt: skip
TRIGGER_SCHEMES = ("instrument-type", "status", "role")


def concepts(scheme: str) -> list[URIRef]:
    g = ontology_graph()
    return sorted(g.subjects(SKOS.inScheme, URIRef(VOCAB + scheme)), key=str)  # type: ignore[arg-type]


def english(node: URIRef, prop: URIRef) -> list[str]:
    return [
        str(v)
        for v in ontology_graph().objects(node, prop)
        if isinstance(v, Literal) and v.language == "en"
    ]


@pytest.mark.parametrize("scheme", sorted(NOTATIONS))
def test_notations_are_exactly_the_issues(scheme: str) -> None:
    g = ontology_graph()
    found = {str(g.value(c, SKOS.notation)) for c in concepts(scheme)}
    assert found == NOTATIONS[scheme]
    for c in concepts(scheme):
        assert str(c) == f"{VOCAB}{scheme}/{g.value(c, SKOS.notation)}"
        assert (URIRef(VOCAB + scheme), SKOS.hasTopConcept, c) in g


@pytest.mark.parametrize("scheme", sorted(NOTATIONS))
def test_every_concept_is_labelled_defined_and_scoped(scheme: str) -> None:
    for c in concepts(scheme):
        assert len(english(c, SKOS.prefLabel)) == 1, c
        assert english(c, SKOS.definition), c
        notes = english(c, SKOS.scopeNote)
        assert len(notes) == 1 and notes[0].startswith("Rule: ") and "Example: " in notes[0], c


@pytest.mark.parametrize("scheme", sorted(NOTATIONS))
def test_scope_note_examples_are_verbatim_from_the_corpus(scheme: str) -> None:
    text = corpus()
    for c in concepts(scheme):
        example = english(c, SKOS.scopeNote)[0].split("Example: ", 1)[1]
        quotes = re.findall(r"\"([^\"]+)\"", example)
        assert quotes, f"{c}: the example quotes nothing"
        assert any(q in text for q in quotes), f"{c}: {quotes} not in the corpus"


@pytest.mark.parametrize("scheme", TRIGGER_SCHEMES)
def test_every_concept_has_trigger_phrases_found_in_the_corpus(scheme: str) -> None:
    text = corpus().lower()
    for c in concepts(scheme):
        hidden = english(c, SKOS.hiddenLabel)
        assert hidden, f"{c} has no trigger phrase"
        assert any(h.lower() in text for h in hidden), f"{c}: no trigger phrase in the corpus"


@pytest.mark.parametrize("scheme", sorted(NOTATIONS))
def test_labels_are_unambiguous_within_a_scheme(scheme: str) -> None:
    """The extractor maps each label to one notation: no label may name two concepts."""
    owner: dict[str, str] = {}
    for c in concepts(scheme):
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in english(c, prop):
                key = re.sub(r"[\s\-]+", " ", label.strip()).lower()
                assert owner.setdefault(key, str(c)) == str(c), f"{label!r}: {owner[key]}, {c}"


def test_scope_notes_map_the_issues_phrases() -> None:
    """The three mappings issue 4 spells out are written into the scope notes."""
    g = ontology_graph()

    def note(notation: str) -> str:
        return str(g.value(URIRef(f"{VOCAB}status/{notation}"), SKOS.scopeNote))

    assert "negotiations have not resumed" in note("stalled")
    assert "no response yet" in note("proposed")
    assert "no working arrangement yet" in note("other") and "mkg:negated true" in note("other")
