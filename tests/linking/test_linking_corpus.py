"""The real corpus, linked: the reviewed unresolved list; every mention checkable in the file."""

from __future__ import annotations

from migkg.build.link import parse_unresolved
from migkg.text import display_text
from tests.helpers import ROOT
from tests.linking.linking_support import corpus_mentions, linked_corpus


def test_unresolved_names_match_the_reviewed_list() -> None:
    reviewed = parse_unresolved((ROOT / "docs" / "unresolved.md").read_text(encoding="utf-8"))
    built = linked_corpus().report["unresolved"]
    assert [(r["name"], r["kind"], r["documents"]) for r in reviewed] == [
        (r["name"], r["kind"], ", ".join(r["documents"]))
        for r in built  # type: ignore[index]
    ], "the corpus's unresolved names changed: run `python -m migkg.build.unresolved` and review"
    assert all(r["review"] and r["review"] != "TO REVIEW" for r in reviewed)


def test_every_mention_is_its_span_of_the_file_with_a_quote_from_its_passage() -> None:
    ctx = linked_corpus()
    passages = {
        str(ctx.iris.passage(doc_id, p.start, p.end)): p
        for doc_id, reading in ctx.readings.items()
        for p in list(reading.passages) + [ev.passage for ev in reading.events]  # type: ignore[attr-defined]
    }
    mentions = corpus_mentions()
    assert len(mentions) > 3000
    for m in mentions:
        doc_id = m["graph"].rsplit("/", 1)[1]
        start, end = int(m["startOffset"]), int(m["endOffset"])
        assert ctx.texts[doc_id][start:end] == m["surface"], m
        passage = passages[m["wasDerivedFrom"]]  # type: ignore[index]
        assert passage.start <= start < end <= passage.end, m
        assert m["quote"] in display_text(passage.raw), m
        assert display_text(m["surface"]) in m["quote"], m
        assert len(m["quote"]) <= 300, m
        assert m["wasGeneratedBy"].endswith("id/activity/linker/0.1.0")
        assert m["ruleId"] in (
            "gazetteer-pref",
            "gazetteer-alt",
            "gazetteer-hidden",
            "gazetteer-variant",
            "ocr-split-acronym",
        )


def test_every_event_of_the_2024_note_is_about_its_section() -> None:
    ctx = linked_corpus()
    events = len(ctx.readings["council-2024-5484"].events)  # type: ignore[attr-defined]
    assert events > 800
    assert ctx.report["mentions"]["council-2024-5484"]["eventsAbout"] == events  # type: ignore[index]
    assert ctx.report["unresolvedSubjects"] == {}


def test_event_subjects_resolve_to_the_section_s_actor() -> None:
    from migkg.iris import MKG

    ctx = linked_corpus()
    about: dict[str, set[str]] = {}
    for ev in ctx.readings["council-2024-5484"].events:  # type: ignore[attr-defined]
        node = ctx.iris.claim("event", "council-2024-5484", ev.passage.start, ev.passage.end)
        for _s, _p, o, _g in ctx.dataset.quads((node, MKG.about, None, None)):
            about.setdefault(ev.subject, set()).add(str(o).rsplit("id/", 1)[1])
    picked = {
        k: about[k]
        for k in (
            "SENEGAL",
            "NIGER",
            "NIGERIA",
            "REPUBLIC OF CONGO",
            "DEMOCRATIC REPUBLIC OF THE CONGO (DRC)",
            "GEORGIA",
            "TÜRKIYE",
            "THE RABAT PROCESS",
            "THE PRAGUE PROCESS",
        )
    }
    assert picked == {
        "SENEGAL": {"country/SEN"},
        "NIGER": {"country/NER"},
        "NIGERIA": {"country/NGA"},
        "REPUBLIC OF CONGO": {"country/COG"},
        "DEMOCRATIC REPUBLIC OF THE CONGO (DRC)": {"country/COD"},
        "GEORGIA": {"country/GEO"},
        "TÜRKIYE": {"country/TUR"},
        "THE RABAT PROCESS": {"process/rabat-process"},
        "THE PRAGUE PROCESS": {"process/prague-process"},
    }
