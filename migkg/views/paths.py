"""How are two actors connected? Shortest and next-shortest simple paths over the projection.

Paths are found on an undirected simple view of the projection (migkg/views/projection.py) with
networkx's ``shortest_simple_paths`` (Yen's algorithm), which yields simple paths in order of
length; each hop then lists every relation between its two ends (a country can be partner and
chair of one process), with its direction and its evidence.

A dense graph can make a single step of Yen's algorithm slow, so the deadline is checked inside
the search (a weight function called for every edge the search relaxes), not only between
paths: when it passes, the answer is what was found so far, marked ``truncated``.
"""

from __future__ import annotations

import difflib
import itertools
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from migkg.views.projection import Projection

MAX_LENGTH_CAP = 6
DEFAULT_MAX_LENGTH = 4
DEFAULT_LIMIT = 3
MAX_LIMIT = 50
DEFAULT_DEADLINE = 5.0


class PathError(Exception):
    """A request that cannot be answered as asked (bad parameter); status 400."""


class UnknownActor(Exception):
    """A name, code or IRI that resolves to nothing; carries close matches for a 404."""

    def __init__(self, given: str, suggestions: list[dict[str, str]]) -> None:
        hint = ", ".join(s["label"] for s in suggestions)
        super().__init__(f"unknown actor {given!r}" + (f"; did you mean {hint}?" if hint else ""))
        self.given = given
        self.suggestions = suggestions


class AmbiguousActor(Exception):
    """A name several actors carry (say, an alternative label); the caller must pick one."""

    def __init__(self, given: str, candidates: list[dict[str, str]]) -> None:
        names = ", ".join(f"{c['label']} <{c['iri']}>" for c in candidates)
        super().__init__(f"{given!r} names several actors: {names}")
        self.given = given
        self.candidates = candidates


class _Deadline(Exception):
    pass


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name: "Türkiye" and "turkiye" meet here."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("’", "'").split())


@dataclass
class NameIndex:
    """Names, ISO codes and IRI keys of a projection's actors (not events)."""

    by_fold: dict[str, set[str]] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, projection: Projection) -> NameIndex:
        idx = cls()
        for iri, data in projection.graph.nodes(data=True):
            if data.get("kind") == "event":
                continue
            key = projection.key(iri)
            names = [key, key.rsplit("/", 1)[-1]]
            names += [str(data[k]) for k in ("iso", "iso2") if data.get(k)]
            names += [text for _prop, text in projection.labels.get(iri, [])]
            if data.get("label"):
                names.append(str(data["label"]))
            for name in names:
                idx.by_fold.setdefault(fold(name), set()).add(iri)
            for _prop, text in projection.labels.get(iri, []):
                if _prop in ("prefLabel", "altLabel", "label"):
                    idx.shown.setdefault(fold(text), text)
        return idx


def resolve(projection: Projection, given: str, index: NameIndex | None = None) -> str:
    """An IRI, an ``/id/`` path, a key (``process/rabat-process``) or slug, an ISO code or a
    label (preferred, alternative or hidden; case and accents ignored) -> the node's IRI."""
    text = given.strip()
    graph = projection.graph
    if text in graph:
        return text
    if "/id/" in text:
        key = text.split("/id/", 1)[1]
        candidate = f"{projection.base}id/{key}"
        if candidate in graph:
            return candidate
    index = index or NameIndex.of(projection)
    hits = sorted(index.by_fold.get(fold(text), set()))
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise AmbiguousActor(given, [{"iri": h, "label": projection.label(h)} for h in hits])
    raise UnknownActor(given, suggest(projection, text, index))


def suggest(
    projection: Projection, text: str, index: NameIndex, n: int = 5
) -> list[dict[str, str]]:
    """Close names (difflib ratio >= 0.6) to an unknown one: "Nigera" -> Nigeria, Niger."""
    shown = index.shown
    matches = difflib.get_close_matches(fold(text), sorted(shown), n=n, cutoff=0.6)
    out: list[dict[str, str]] = []
    for m in matches:
        for iri in sorted(index.by_fold.get(m, ())):
            item = {"iri": iri, "label": projection.label(iri), "matched": shown[m]}
            if item not in out:
                out.append(item)
    return out[:n]


def _relation(projection: Projection, u: str, v: str, key: str, node_from: str) -> dict[str, Any]:
    data = projection.graph.edges[u, v, key]
    rel: dict[str, Any] = {
        "id": key,
        "relation": data["relation"],
        "direction": "forward" if u == node_from else "backward",
        "source": u,
        "target": v,
    }
    if data["relation"] == "membership":
        rel["role"] = data.get("role")
        rel["start"] = data.get("start")
        rel["end"] = data.get("end")
        rel["text"] = (
            f"{projection.label(u)} is {data.get('role') or 'member'} of {projection.label(v)}"
        )
    elif data["relation"] == "instrument":
        for k in ("instrument", "instrumentType", "status", "statusDate", "title"):
            rel[k] = data.get(k)
        rel["text"] = (
            f"{data.get('title') or data.get('instrumentType')}: "
            f"{data.get('status') or 'no status'}"
        )
    else:
        rel["text"] = f"{projection.label(u)} is about {projection.label(v)}"
    rel["evidence"] = data.get("evidence", [])
    return rel


def _node(projection: Projection, iri: str) -> dict[str, Any]:
    data = projection.graph.nodes[iri]
    out = {"iri": iri, "label": projection.label(iri), "kind": data.get("kind")}
    if data.get("iso"):
        out["iso"] = data["iso"]
    return out


def describe_path(projection: Projection, simple: nx.Graph, path: list[str]) -> dict[str, Any]:
    hops = []
    for a, b in itertools.pairwise(path):
        relations = [_relation(projection, u, v, k, a) for u, v, k in sorted(simple[a][b]["keys"])]
        hops.append(
            {"from": _node(projection, a), "to": _node(projection, b), "relations": relations}
        )
    return {"length": len(path) - 1, "nodes": [_node(projection, n) for n in path], "hops": hops}


def find_paths(
    projection: Projection,
    source: str,
    target: str,
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
    limit: int = DEFAULT_LIMIT,
    deadline: float = DEFAULT_DEADLINE,
    hubs: bool = False,
    events: bool = False,
    index: NameIndex | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> dict[str, Any]:
    """The shortest path and the next shortest simple paths, at most ``limit`` of them, none
    longer than ``max_length`` hops (capped at 6), found within ``deadline`` seconds.

    ``clock`` is read each time the search relaxes an edge; tests pass a counter to make the
    deadline deterministic.
    """
    if not 1 <= max_length <= MAX_LENGTH_CAP:
        raise PathError(f"max_length must be between 1 and {MAX_LENGTH_CAP}, got {max_length}")
    if not 1 <= limit <= MAX_LIMIT:
        raise PathError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    index = index or NameIndex.of(projection)
    a = resolve(projection, source, index)
    b = resolve(projection, target, index)
    if a == b:
        raise PathError("from and to are the same actor")
    simple = projection.simple(hubs=hubs, events=events)
    answer: dict[str, Any] = {
        "from": _node(projection, a),
        "to": _node(projection, b),
        "maxLength": max_length,
        "limit": limit,
        "hubs": hubs,
        "events": events,
        "paths": [],
        "truncated": None,
    }
    for iri in (a, b):
        if iri not in simple:
            answer["excluded"] = iri
            answer["truncated"] = "excluded"
            return answer
    stop_at = clock() + deadline

    def weight(_u: str, _v: str, _d: dict[str, Any]) -> int:
        if clock() >= stop_at:
            raise _Deadline
        return 1

    paths: list[list[str]] = []
    try:
        for path in nx.shortest_simple_paths(simple, a, b, weight=weight):
            if len(path) - 1 > max_length:
                break
            paths.append(path)
            if len(paths) >= limit:
                break
    except nx.NetworkXNoPath:
        pass
    except _Deadline:
        answer["truncated"] = "deadline"
    answer["paths"] = [describe_path(projection, simple, p) for p in paths]
    return answer
