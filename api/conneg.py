"""Content negotiation: Accept with q-values, `format=` for browsers, real clients' lists.

Result sets (SELECT, ASK) and graphs (CONSTRUCT, DESCRIBE, the service description) have
different formats; one table per kind lists the media types we write and the aliases real clients
send: SPARQLWrapper asks for JSON with `application/json, text/javascript,
application/javascript` and for Turtle with the non-standard `application/turtle`. An alias is
matched only when named exactly (never through a wildcard) and the answer carries the canonical
Content-Type. Nothing fitting is a 406, never a silent default.
"""

from __future__ import annotations

from dataclasses import dataclass

# format key -> canonical media type
MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}

# Server preference order (first = default for */* or a missing Accept).
RESULT_SET = ("json", "xml", "csv", "tsv")
GRAPH = ("turtle", "ntriples", "jsonld", "rdfxml")

RESULT_SET_ALIASES = {
    "application/json": "json",
    "text/javascript": "json",
    "application/javascript": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
GRAPH_ALIASES = {
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    "text/n3": "turtle",  # Turtle is a subset of N3: an N3 client reads it
    "text/rdf+n3": "turtle",
    "application/n3": "turtle",
    "text/plain": "ntriples",
    "application/x-json+ld": "jsonld",
    "application/json": "jsonld",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
}

# `format=` values (what SPARQLWrapper and browsers send), per kind; media types work too.
FORMAT_PARAM = {
    "results": {
        "json": "json",
        "xml": "xml",
        "csv": "csv",
        "tsv": "tsv",
    },
    "graph": {
        "turtle": "turtle",
        "ttl": "turtle",
        "n3": "turtle",
        "nt": "ntriples",
        "ntriples": "ntriples",
        "n-triples": "ntriples",
        "json-ld": "jsonld",
        "jsonld": "jsonld",
        "json": "jsonld",
        "rdf+xml": "rdfxml",
        "rdfxml": "rdfxml",
        "xml": "rdfxml",
    },
}


@dataclass(frozen=True)
class Choice:
    fmt: str

    @property
    def media_type(self) -> str:
        return MEDIA[self.fmt]


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    @property
    def full(self) -> str:
        return f"{self.type}/{self.subtype}"


def parse_accept(header: str | None) -> list[MediaRange]:
    """The ranges of an Accept header; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        mt = fields[0].lower()
        if not mt:
            continue
        if mt == "*":
            mt = "*/*"
        if "/" not in mt:
            continue
        t, s = mt.split("/", 1)
        q = 1.0
        for f in fields[1:]:
            k, _, v = f.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(v.strip())))
                except ValueError:
                    q = 1.0  # a malformed weight is no weight: the type stays asked for
                if q != q:  # NaN
                    q = 1.0
        out.append(MediaRange(t, s, q))
    return out


def _quality(ranges: list[MediaRange], media_type: str, alias: bool) -> tuple[float, int]:
    """q of the most specific range matching `media_type` and its specificity (-1: none)."""
    t, s = media_type.split("/", 1)
    best: tuple[float, int] = (0.0, -1)
    for r in ranges:
        if r.type == t and r.subtype == s:
            spec = 2
        elif alias:
            continue
        elif r.type == t and r.subtype == "*":
            spec = 1
        elif r.type == "*" and r.subtype == "*":
            spec = 0
        else:
            continue
        if spec > best[1]:
            best = (r.q, spec)
    return best


def negotiate(accept: str | None, kind: str) -> Choice | None:
    """The format for a query form ("results" or "graph"), or None for 406."""
    order = RESULT_SET if kind == "results" else GRAPH
    aliases = RESULT_SET_ALIASES if kind == "results" else GRAPH_ALIASES
    ranges = parse_accept(accept)
    best_fmt, best_q, best_rank = None, 0.0, len(order) + len(aliases)
    candidates = [(MEDIA[f], f, False) for f in order] + [(m, f, True) for m, f in aliases.items()]
    for rank, (media_type, fmt, alias) in enumerate(candidates):
        q, spec = _quality(ranges, media_type, alias)
        if spec < 0 or q <= 0:
            continue
        if q > best_q or (q == best_q and rank < best_rank):
            best_fmt, best_q, best_rank = fmt, q, rank
    return Choice(best_fmt) if best_fmt else None


def from_format_param(values: list[str], kind: str) -> Choice | None:
    """The first `format=` value meaningful for this kind (names or media types)."""
    table = FORMAT_PARAM[kind]
    order = RESULT_SET if kind == "results" else GRAPH
    aliases = RESULT_SET_ALIASES if kind == "results" else GRAPH_ALIASES
    for raw in values:
        v = raw.strip().lower()
        if v in table:
            return Choice(table[v])
        for f in order:
            if MEDIA[f] == v:
                return Choice(f)
        if v in aliases:
            return Choice(aliases[v])
    return None


def choose(accept: str | None, format_values: list[str], kind: str) -> Choice | None:
    """`format=` wins over Accept (a browser cannot set Accept); None means 406."""
    if [v for v in format_values if v.strip()]:
        return from_format_param(format_values, kind)
    return negotiate(accept, kind)


def offered(kind: str) -> list[str]:
    """Media types we write for a kind, for 406 messages and the service description."""
    return [MEDIA[f] for f in (RESULT_SET if kind == "results" else GRAPH)]
