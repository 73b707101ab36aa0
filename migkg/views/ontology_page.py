"""docs/ontology.html: the ontology and its SKOS schemes as a page a person reads (issue 4).

Generated from ontology/*.ttl only, so the page cannot say something the ontology does not.
The output is a pure function of those files (sorted, escaped, no timestamp): a test
regenerates it and compares it with the committed page, failing when the page is stale.
Hidden labels (the extractor's trigger phrases) are deliberately left out: they feed machines,
not pages.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

ONTOLOGY = URIRef("https://w3id.org/migkg/ontology")
SCHEMES = ("instrument-type", "status", "role", "method", "precision")
PREFIXES = {
    "https://w3id.org/migkg/ontology#": "mkg:",
    "http://www.w3.org/ns/org#": "org:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/2002/07/owl#": "owl:",
    "http://www.w3.org/2006/time#": "time:",
    "http://id.loc.gov/datatypes/edtf/": "edtf:",
}

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1b1b1b; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
th, td { border: 1px solid #ccc; padding: 0.35rem 0.5rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
code { font-size: 0.92em; }
.note { color: #444; font-size: 0.92em; }
"""


def load_ontology(project_dir: Path) -> Graph:
    """Every ontology/*.ttl file in one graph, as the build loads them into graph/ontology."""
    graph = Graph()
    for path in sorted((project_dir / "ontology").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def curie(term: object) -> str:
    text = str(term)
    for ns, prefix in PREFIXES.items():
        if text.startswith(ns):
            return prefix + text[len(ns) :]
    return text


def _anchor(term: object) -> str:
    return curie(term).replace(":", "-")


def _text(graph: Graph, node: object, prop: URIRef) -> str:
    values = sorted(str(v) for v in graph.objects(node, prop))  # type: ignore[arg-type]
    return " ".join(values)


def _link(term: object, local: set[str]) -> str:
    label = escape(curie(term))
    if str(term) in local:
        return f'<a href="#{escape(_anchor(term))}"><code>{label}</code></a>'
    return f"<code>{label}</code>"


def _terms(graph: Graph, kind: URIRef) -> list[URIRef]:
    return sorted((t for t in graph.subjects(RDF.type, kind) if isinstance(t, URIRef)), key=curie)


def _class_rows(graph: Graph, local: set[str]) -> list[str]:
    rows = []
    for cls in _terms(graph, OWL.Class):
        supers = ", ".join(
            _link(s, local) for s in sorted(graph.objects(cls, RDFS.subClassOf), key=curie)
        )
        rows.append(
            f'<tr id="{escape(_anchor(cls))}"><td><code>{escape(curie(cls))}</code></td>'
            f"<td>{escape(_text(graph, cls, RDFS.label))}</td><td>{supers}</td>"
            f"<td>{escape(_text(graph, cls, SKOS.definition))}</td></tr>"
        )
    return rows


def _property_rows(graph: Graph, kind: URIRef, local: set[str]) -> list[str]:
    rows = []
    for prop in _terms(graph, kind):
        domain = ", ".join(_link(d, local) for d in sorted(graph.objects(prop, RDFS.domain)))
        rng = ", ".join(_link(r, local) for r in sorted(graph.objects(prop, RDFS.range)))
        functional = "yes" if (prop, RDF.type, OWL.FunctionalProperty) in graph else ""
        rows.append(
            f'<tr id="{escape(_anchor(prop))}"><td><code>{escape(curie(prop))}</code></td>'
            f"<td>{escape(_text(graph, prop, RDFS.label))}</td><td>{domain}</td><td>{rng}</td>"
            f"<td>{functional}</td><td>{escape(_text(graph, prop, SKOS.definition))}</td></tr>"
        )
    return rows


def _scheme_section(graph: Graph, name: str) -> list[str]:
    scheme = URIRef(f"https://w3id.org/migkg/vocab/{name}")
    concepts = sorted(graph.subjects(SKOS.inScheme, scheme), key=str)
    out = [
        f'<h3 id="scheme-{escape(name)}">{escape(_text(graph, scheme, SKOS.prefLabel))} '
        f"<code>{escape(str(scheme))}</code></h3>",
        f"<p>{escape(_text(graph, scheme, SKOS.definition))}</p>",
        "<table><tr><th>notation</th><th>label</th><th>definition</th>"
        "<th>scope note (rule and example)</th></tr>",
    ]
    for c in concepts:
        out.append(
            f'<tr id="{escape(name)}-{escape(_text(graph, c, SKOS.notation))}">'
            f"<td><code>{escape(_text(graph, c, SKOS.notation))}</code></td>"
            f"<td>{escape(_text(graph, c, SKOS.prefLabel))}</td>"
            f"<td>{escape(_text(graph, c, SKOS.definition))}</td>"
            f"<td>{escape(_text(graph, c, SKOS.scopeNote))}</td></tr>"
        )
    out.append("</table>")
    return out


def render_page(project_dir: Path) -> str:
    """The whole page as text; deterministic for the same ontology files."""
    graph = load_ontology(project_dir)
    local = {
        str(t)
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for t in graph.subjects(RDF.type, kind)
    }
    version = graph.value(ONTOLOGY, OWL.versionIRI)
    title = _text(graph, ONTOLOGY, RDFS.label)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{escape(_text(graph, ONTOLOGY, SKOS.definition))}</p>",
        f"<p>Ontology IRI <code>{escape(str(ONTOLOGY))}</code>, version "
        f"<code>{escape(str(version))}</code>. Prefix <code>mkg:</code> = "
        "<code>https://w3id.org/migkg/ontology#</code>. Generated from "
        "<code>ontology/*.ttl</code> by <code>migkg ontology-page</code>; do not edit.</p>",
        '<p class="note">OWL-lite: classes, subclasses, object and datatype properties with '
        "domain and range, a few functional properties. Terms of ORG, PROV-O, SKOS, DCTERMS, "
        "OWL-Time and Web Annotation are reused, not redefined. The contract in words is "
        "<code>docs/model.md</code>; the shapes that check data against it are in "
        "<code>shapes/</code>.</p>",
        "<ul><li><a href='#classes'>Classes</a></li>"
        "<li><a href='#object-properties'>Object properties</a></li>"
        "<li><a href='#datatype-properties'>Datatype properties</a></li>"
        "<li><a href='#schemes'>Controlled vocabularies</a></li></ul>",
        '<h2 id="classes">Classes</h2>',
        "<table><tr><th>class</th><th>label</th><th>subclass of</th><th>definition</th></tr>",
        *_class_rows(graph, local),
        "</table>",
        '<h2 id="object-properties">Object properties</h2>',
        "<table><tr><th>property</th><th>label</th><th>domain</th><th>range</th>"
        "<th>functional</th><th>definition</th></tr>",
        *_property_rows(graph, OWL.ObjectProperty, local),
        "</table>",
        '<h2 id="datatype-properties">Datatype properties</h2>',
        "<table><tr><th>property</th><th>label</th><th>domain</th><th>range</th>"
        "<th>functional</th><th>definition</th></tr>",
        *_property_rows(graph, OWL.DatatypeProperty, local),
        "</table>",
        '<h2 id="schemes">Controlled vocabularies</h2>',
        "<p>Concept IRIs are <code>https://w3id.org/migkg/vocab/{scheme}/{notation}</code>.</p>",
    ]
    for name in SCHEMES:
        parts.extend(_scheme_section(graph, name))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_page(project_dir: Path, output: Path | None = None) -> Path:
    """Write the page (default docs/ontology.html) and return its path."""
    target = output or project_dir / "docs" / "ontology.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_page(project_dir), encoding="utf-8", newline="\n")
    return target
