"""Network views on the fixture: filters, multi-edges, format parity, GEXF 1.3 validity."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from migkg.views.network import ViewError, build_view, render
from migkg.views.projection import Projection

XSD = Path(__file__).parent / "xsd" / "gexf.xsd"
BASE = "https://w3id.org/migkg/id/"


@pytest.fixture(scope="module")
def projection(fixture_build: Path) -> Projection:
    return Projection.load(fixture_build / "projection.json")


@pytest.fixture(scope="module")
def gexf_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def edges(view) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [
        (link["source"].rsplit("/", 1)[-1], link["target"].rsplit("/", 1)[-1], link["label"])
        for link in view.links
    ]


def test_processes_view_has_every_membership_with_role_and_period(projection: Projection) -> None:
    view = build_view(projection, "processes")
    assert edges(view) == [
        ("ESP", "rabat-process", "chair"),
        ("ESP", "rabat-process", "partner"),
        ("LBY", "khartoum-process", "partner"),
        ("MAR", "rabat-process", "partner"),
        ("NGA", "khartoum-process", "observer"),
        ("NGA", "rabat-process", "partner"),
        ("SEN", "rabat-process", "partner"),
    ]
    spain = [link for link in view.links if link["source"].endswith("/ESP")]
    assert len({link["id"] for link in spain}) == 2
    nga = next(link for link in view.links if link["label"] == "observer")
    assert (nga["start"], nga["end"]) == ("2014-11-28", "2019-12-31")
    rabat = next(n for n in view.nodes if n["id"] == f"{BASE}process/rabat-process")
    assert (rabat["label"], rabat["kind"], rabat["type"], rabat["degree"]) == (
        "Rabat Process",
        "process",
        "RegionalProcess",
        5,
    )
    sen = next(n for n in view.nodes if n["id"] == f"{BASE}country/SEN")
    assert (sen["iso"], sen["region"], sen["degree"]) == ("SEN", "Western Africa", 1)


def test_process_and_date_filters(projection: Projection) -> None:
    khartoum = build_view(projection, "processes", process="Khartoum Process")
    assert edges(khartoum) == [
        ("LBY", "khartoum-process", "partner"),
        ("NGA", "khartoum-process", "observer"),
    ]
    in_2021 = build_view(projection, "processes", process="khartoum-process", date="2021-01-01")
    assert edges(in_2021) == [("LBY", "khartoum-process", "partner")]
    with pytest.raises(ViewError):
        build_view(projection, "processes", date="2021")
    with pytest.raises(ViewError):
        build_view(projection, "processes", process="Valletta")


def test_instruments_view_current_status_type_status_and_date(projection: Projection) -> None:
    view = build_view(projection, "instruments")
    assert edges(view) == [
        ("MAR", "eu", "TalentPartnership"),
        ("MAR", "frontex", "WorkingArrangement negotiating"),
        ("TUR", "eu", "ReadmissionAgreement in_force"),
    ]
    in_2014 = build_view(projection, "instruments", date="2014-01-01")
    assert edges(in_2014) == [("TUR", "eu", "ReadmissionAgreement signed")]
    assert edges(build_view(projection, "instruments", status="in_force")) == [
        ("TUR", "eu", "ReadmissionAgreement in_force")
    ]
    assert edges(build_view(projection, "instruments", instrument_type="WorkingArrangement")) == [
        ("MAR", "frontex", "WorkingArrangement negotiating")
    ]


@pytest.mark.parametrize("name", ["processes", "instruments"])
def test_graphml_reads_back_with_the_json_counts(projection: Projection, name: str) -> None:
    view = build_view(projection, name)
    body = json.loads(render(view, "json")[0])
    graphml = render(view, "graphml")[0]
    graph = nx.read_graphml(io.BytesIO(graphml))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (
        len(body["nodes"]),
        len(body["links"]),
    )
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = [e.get("id") for e in etree.fromstring(graphml).findall(".//g:edge", ns)]
    assert ids == [link["id"] for link in body["links"]]


@pytest.mark.parametrize("name", ["processes", "instruments"])
def test_gexf_validates_against_gexf_1_3(
    projection: Projection, gexf_schema: etree.XMLSchema, name: str
) -> None:
    body = render(build_view(projection, name), "gexf")[0]
    doc = etree.fromstring(body)
    assert gexf_schema.validate(doc), gexf_schema.error_log
    assert doc.get("version") == "1.3"
    ns = {"g": "http://gexf.net/1.3"}
    view = build_view(projection, name)
    assert len(doc.findall(".//g:node", ns)) == len(view.nodes)
    assert [e.get("id") for e in doc.findall(".//g:edge", ns)] == [x["id"] for x in view.links]


def test_the_schema_rejects_what_networkx_writes(gexf_schema: etree.XMLSchema) -> None:
    """The vendored schema is not vacuous: networkx's default GEXF (1.2draft) fails it."""
    g = nx.MultiDiGraph()
    g.add_edge("a", "b")
    buf = io.BytesIO()
    nx.write_gexf(g, buf)
    assert not gexf_schema.validate(etree.fromstring(buf.getvalue()))


def test_formats_are_deterministic(projection: Projection, fixture_build: Path) -> None:
    again = Projection.load(fixture_build / "projection.json")
    for fmt in ("json", "cytoscape", "graphml", "gexf"):
        first = render(build_view(projection, "processes"), fmt)[0]
        assert first == render(build_view(again, "processes"), fmt)[0]
        assert b"lastmodifieddate" not in first
    cyto = json.loads(render(build_view(projection, "processes"), "cytoscape")[0])
    assert len(cyto["elements"]["edges"]) == 7
