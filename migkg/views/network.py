"""Network views of a build: process membership and instruments, as JSON, GraphML or GEXF 1.3.

A view is a filtered slice of the projection (migkg/views/projection.py): the ``processes`` view
keeps membership edges (member -> process or organisation, with role and period), the
``instruments`` view keeps instrument edges (party -> counterpart, with type and the status
current at the date asked, or the latest). Nodes are the ends of the kept edges, with their
type, ISO code, region and degree in the view.

Every format carries the same nodes and edges, with explicit edge ids (a country can be
partner and chair of one process: two edges between the same pair), and the bytes depend only
on the build and the filters: no generation timestamp anywhere.

networkx writes GEXF 1.2 by default, and its 1.3 mode names a schema location that does not
validate; the GEXF writer here is our own and is checked against the GEXF 1.3 XSDs vendored in
tests/views/xsd/.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree as ET

import networkx as nx

from migkg.views.projection import Projection

GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GEXF_SCHEMA_LOCATION = f"{GEXF_NS} {GEXF_NS}/gexf.xsd"
VIEWS = ("processes", "instruments")
FORMATS = {
    "json": "application/json",
    "cytoscape": "application/json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
}
NODE_ATTRS: tuple[tuple[str, str], ...] = (
    ("kind", "string"),
    ("type", "string"),
    ("iso", "string"),
    ("region", "string"),
    ("iri", "string"),
    ("degree", "integer"),
)
EDGE_ATTRS: dict[str, tuple[tuple[str, str], ...]] = {
    "processes": (
        ("relation", "string"),
        ("role", "string"),
        ("start", "string"),
        ("end", "string"),
        ("evidenceCount", "integer"),
    ),
    "instruments": (
        ("relation", "string"),
        ("instrument", "string"),
        ("instrumentType", "string"),
        ("status", "string"),
        ("statusDate", "string"),
        ("title", "string"),
        ("evidenceCount", "integer"),
    ),
}


class ViewError(Exception):
    """A filter that names nothing or a malformed value (status 400)."""


@dataclass
class View:
    """Nodes and links of one view, in a fixed order (sorted by id)."""

    name: str
    filters: dict[str, str]
    build_id: str
    nodes: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)


def _active(start: str | None, end: str | None, date: str) -> bool:
    return (start is None or start <= date) and (end is None or end >= date)


def status_at(history: list[dict[str, Any]], date: str | None) -> dict[str, Any] | None:
    """The latest status claim whose status took effect on or before ``date`` (or the last)."""
    chosen = None
    for entry in history:  # sorted by projection.status_order
        when = entry.get("date") or entry.get("asOf")
        if date is None or (when is not None and when <= date):
            chosen = entry
    return chosen


def _check_date(date: str | None) -> None:
    if date is not None and not (
        len(date) == 10 and date[4] == "-" and date[7] == "-" and date.replace("-", "").isdigit()
    ):
        raise ViewError(f"date must be YYYY-MM-DD, got {date!r}")


def build_view(
    projection: Projection,
    name: str,
    *,
    process: str | None = None,
    instrument_type: str | None = None,
    status: str | None = None,
    date: str | None = None,
) -> View:
    """Select the edges of a view with its filters; nodes are the ends of the kept edges."""
    from migkg.views.paths import AmbiguousActor, UnknownActor, resolve

    if name not in VIEWS:
        raise ViewError(f"unknown view {name!r}; views: {', '.join(VIEWS)}")
    _check_date(date)
    filters = {
        k: v
        for k, v in (
            ("process", process),
            ("instrumentType", instrument_type),
            ("status", status),
            ("date", date),
        )
        if v
    }
    process_iri = None
    if process:
        try:
            process_iri = resolve(projection, process)
        except (UnknownActor, AmbiguousActor) as err:
            raise ViewError(str(err)) from err
    g = projection.graph
    links: list[dict[str, Any]] = []
    for u, v, key, data in g.edges(keys=True, data=True):
        rel = data["relation"]
        link: dict[str, Any] = {"id": key, "source": u, "target": v, "relation": rel}
        if name == "processes":
            if rel != "membership":
                continue
            if process_iri and v != process_iri:
                continue
            if date and not _active(data.get("start"), data.get("end"), date):
                continue
            link["label"] = data.get("role") or "member"
            for k in ("role", "start", "end"):
                if data.get(k):
                    link[k] = data[k]
        else:
            if rel != "instrument":
                continue
            if instrument_type and data.get("instrumentType") != instrument_type:
                continue
            current = status_at(data.get("history", []), date)
            if date and current is None:
                continue
            current_status = current["status"] if current else None
            if status and current_status != status:
                continue
            for k in ("instrument", "instrumentType", "title"):
                if data.get(k):
                    link[k] = data[k]
            if current:
                link["status"] = current_status
                link["statusDate"] = current.get("date") or current.get("asOf")
            link["label"] = " ".join(x for x in (data.get("instrumentType"), current_status) if x)
            data = {**data, "evidence": current["evidence"] if current else []}
        link["evidenceCount"] = len(data.get("evidence", []))
        link["evidence"] = data.get("evidence", [])
        links.append(link)
    links.sort(key=lambda x: (x["source"], x["target"], x["id"]))
    degree: dict[str, int] = {}
    for link in links:
        for end in (link["source"], link["target"]):
            degree[end] = degree.get(end, 0) + 1
    nodes = []
    for iri in sorted(degree):
        data = g.nodes[iri]
        node: dict[str, Any] = {"id": iri, "iri": iri, "label": projection.label(iri)}
        for k in ("kind", "type", "iso", "region"):
            if data.get(k):
                node[k] = data[k]
        node["degree"] = degree[iri]
        nodes.append(node)
    return View(name, filters, projection.build_id, nodes, links)


def to_json(view: View) -> bytes:
    """d3-style ``nodes`` and ``links`` (``source``/``target`` are node ids)."""
    body = {
        "view": view.name,
        "buildId": view.build_id,
        "filters": view.filters,
        "nodes": view.nodes,
        "links": view.links,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def to_cytoscape(view: View) -> bytes:
    """cytoscape.js ``elements``: the same nodes and links wrapped in ``data``."""
    body = {
        "view": view.name,
        "buildId": view.build_id,
        "filters": view.filters,
        "elements": {
            "nodes": [{"data": n} for n in view.nodes],
            "edges": [{"data": link} for link in view.links],
        },
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def _flat(value: Any, kind: str) -> Any:
    return int(value) if kind == "integer" else str(value)


def to_networkx(view: View) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n in view.nodes:
        attrs = {k: _flat(n[k], t) for k, t in NODE_ATTRS if k in n}
        g.add_node(n["id"], label=n["label"], **attrs)
    for link in view.links:
        attrs = {k: _flat(link[k], t) for k, t in EDGE_ATTRS[view.name] if k in link}
        g.add_edge(link["source"], link["target"], key=link["id"], label=link["label"], **attrs)
    return g


def to_graphml(view: View) -> bytes:
    """GraphML with edge ids; networkx's ElementTree writer, whose output is deterministic."""
    buf = io.BytesIO()
    nx.write_graphml_xml(to_networkx(view), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def _gexf_type(kind: str) -> str:
    return {"integer": "integer", "string": "string"}[kind]


def to_gexf(view: View) -> bytes:
    """GEXF 1.3 (namespace http://gexf.net/1.3), static, directed, with explicit edge ids.

    No ``lastmodifieddate``: the file must not change when nothing in the graph changed.
    """
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("xsi", XSI_NS)
    q = f"{{{GEXF_NS}}}"
    root = ET.Element(
        f"{q}gexf", {"version": "1.3", f"{{{XSI_NS}}}schemaLocation": GEXF_SCHEMA_LOCATION}
    )
    meta = ET.SubElement(root, f"{q}meta")
    ET.SubElement(meta, f"{q}creator").text = "migkg"
    filters = ", ".join(f"{k}={v}" for k, v in sorted(view.filters.items())) or "none"
    ET.SubElement(
        meta, f"{q}description"
    ).text = f"migkg {view.name} network, build {view.build_id}, filters: {filters}"
    graph = ET.SubElement(root, f"{q}graph", {"defaultedgetype": "directed", "mode": "static"})
    for cls, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS[view.name])):
        decl = ET.SubElement(graph, f"{q}attributes", {"class": cls, "mode": "static"})
        for name, kind in attrs:
            ET.SubElement(
                decl, f"{q}attribute", {"id": name, "title": name, "type": _gexf_type(kind)}
            )
    nodes = ET.SubElement(graph, f"{q}nodes", {"count": str(len(view.nodes))})
    for n in view.nodes:
        el = ET.SubElement(nodes, f"{q}node", {"id": n["id"], "label": n["label"]})
        _attvalues(el, q, n, NODE_ATTRS)
    edges = ET.SubElement(graph, f"{q}edges", {"count": str(len(view.links))})
    for link in view.links:
        el = ET.SubElement(
            edges,
            f"{q}edge",
            {
                "id": link["id"],
                "source": link["source"],
                "target": link["target"],
                "label": link["label"],
            },
        )
        _attvalues(el, q, link, EDGE_ATTRS[view.name])
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", xml_declaration=False)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def _attvalues(
    el: ET.Element, q: str, item: dict[str, Any], attrs: tuple[tuple[str, str], ...]
) -> None:
    present = [(k, t) for k, t in attrs if item.get(k) is not None]
    if not present:
        return
    values = ET.SubElement(el, f"{q}attvalues")
    for k, t in present:
        ET.SubElement(values, f"{q}attvalue", {"for": k, "value": str(_flat(item[k], t))})


def render(view: View, fmt: str) -> tuple[bytes, str]:
    """The view in a format, with its media type."""
    writers = {"json": to_json, "cytoscape": to_cytoscape, "graphml": to_graphml, "gexf": to_gexf}
    if fmt not in writers:
        raise ViewError(f"unknown format {fmt!r}; formats: {', '.join(writers)}")
    return writers[fmt](view), FORMATS[fmt]
