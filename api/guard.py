"""What the endpoint accepts: read-only, portable SPARQL 1.1 over this store, decided on the parse.

Every check runs on rdflib's parse tree and algebra, never on the text: SPARQL keywords are
case-insensitive, comments can sit anywhere and `\\u` escapes are expanded before parsing, so a
regular expression is defeated by `sErViCe`, `SERV#x\\nICE` or `\\u0053ERVICE`. rdflib is the
portability gate too: its grammar is plain SPARQL 1.1, so syntax only Oxigraph accepts (SPARQL
1.2 triple terms, extension functions) is refused here, and the remote backend can answer every
query the endpoint accepts. rdflib only PARSES here; it never evaluates, so it never fetches.

Refusals by policy (updates, LOAD, SERVICE, remote FROM) are 403; a malformed or non-portable
query is 400 with the line and column.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pyparsing import ParseBaseException
from rdflib import BNode, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

XSD = "http://www.w3.org/2001/XMLSchema#"
FORMS = {
    "SelectQuery": "select",
    "AskQuery": "ask",
    "ConstructQuery": "construct",
    "DescribeQuery": "describe",
}
UPDATE_NAMES = {
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
}


class Malformed(Exception):
    """Not SPARQL 1.1 as the standard defines it: 400 with where."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class Refused(Exception):
    """Valid SPARQL that this read-only, self-contained endpoint will not run: 403."""


@dataclass(frozen=True)
class Checked:
    form: str  # select | ask | construct | describe
    query_dataset: bool  # the query has FROM / FROM NAMED
    normalised: str  # a canonical rendering of the parse: whitespace, comments, case gone

    @property
    def kind(self) -> str:
        return "results" if self.form in ("select", "ask") else "graph"


def walk(node: object) -> Iterator[object]:
    """Every node of a parse tree or algebra (CompValues, ParseResults, lists), depth first."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        yield n
        if isinstance(n, dict):
            stack.extend(reversed(list(n.values())))
        elif isinstance(n, list | tuple | set | frozenset) or type(n).__name__ == "ParseResults":
            stack.extend(reversed(list(n)))


# The lexical units that can hold a bracket without opening a level: strings (long and short),
# IRIs and comments. Used only to measure nesting before the (recursive) parser runs; what a
# query may DO is decided on the parse below, never on the text.
_LEXEMES = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*"
    r"|[(){}\[\]]"
)
MAX_DEPTH = 16  # brackets inside brackets; the canned queries reach 9


def nesting(text: str) -> int:
    """How deep (, { and [ nest in a query, outside strings, IRIs and comments."""
    depth = deepest = 0
    for m in _LEXEMES.finditer(expandUnicodeEscapes(text)):
        c = m.group()
        if c in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif c in ")}]":
            depth -= 1
    return deepest


def _too_deep() -> Malformed:
    return Malformed(
        f"the query nests brackets more than {MAX_DEPTH} deep; this endpoint does not parse "
        "deeper queries (flatten the groups or expressions)"
    )


def _update_refusal(text: str) -> Exception | None:
    """Why a text that is not a query is refused: an update (403), or nothing at all (400).

    A text of comments and whitespace only parses as an update with no operation: that is an
    empty request, not an update.
    """
    try:
        parsed = parseUpdate(text)
    except ParseBaseException:
        return None
    if "request" not in parsed:  # CompValue.get returns the key itself when absent
        return Malformed("empty query: the text holds no query (only comments or whitespace)")
    ops = sorted(
        {UPDATE_NAMES.get(n.name, n.name) for n in walk(parsed) if isinstance(n, CompValue)}
        & set(UPDATE_NAMES.values())
    )
    return Refused(
        f"this endpoint is read-only: SPARQL Update ({', '.join(ops) or 'update'}) is not accepted"
    )


def canonical(tree: object) -> str:
    """A stable text of a FRESH parse tree: comments, layout and keyword case do not change it.

    It must be taken before `translateQuery`, which removes the FILTERs from the tree it is given
    (issue 13): two queries differing only in a FILTER would otherwise share one ETag. Anonymous
    blank nodes get fresh random ids from the parser; they are renamed by order of appearance
    so that the same query always gives the same ETag.
    """
    names: dict[str, str] = {}

    def render(n: object) -> str:
        if isinstance(n, CompValue):
            inner = ",".join(f"{k}={render(v)}" for k, v in n.items() if k != "_vars")
            return f"{n.name}({inner})"
        if isinstance(n, dict):
            return "{" + ",".join(f"{k}={render(v)}" for k, v in n.items()) + "}"
        if isinstance(n, list | tuple) or type(n).__name__ == "ParseResults":
            return "[" + ",".join(render(v) for v in n) + "]"
        if isinstance(n, BNode):
            return names.setdefault(str(n), f"_:b{len(names)}")
        if hasattr(n, "n3"):
            return n.n3()  # type: ignore[no-any-return]
        return repr(n)

    return render(tree)


def policy(node: object) -> None:
    """Refuse what a query may not do, found anywhere in a parse tree or an algebra.

    Run on both: the untouched parse (every FILTER, EXISTS, BIND and subquery still where the
    text put it) and the algebra (what would be evaluated). A SERVICE inside FILTER NOT EXISTS
    is found in either, a FROM in any clause, a non-XSD function IRI in any expression.
    """
    for n in walk(node):
        if not isinstance(n, CompValue):
            continue
        if n.name == "ServiceGraphPattern":
            found = str(n.get("service_string", "SERVICE")).split("{")[0].strip()
            raise Refused(
                "SERVICE is not accepted: this endpoint answers from its own graph only "
                f"(found {found or 'SERVICE'})"
            )
        if n.name in UPDATE_NAMES:
            raise Refused(f"this endpoint is read-only: {UPDATE_NAMES[n.name]} is not accepted")
        if n.name == "Function":
            iri = n.get("iri")
            if isinstance(iri, URIRef) and not str(iri).startswith(XSD):
                raise Malformed(
                    f"function <{iri}> is not portable SPARQL 1.1 (only XSD casts take an IRI)"
                )


@dataclass(frozen=True)
class Parsed:
    """What the guard keeps of one text: taken from the fresh parse, then the algebra."""

    form: str
    normalised: str
    datasets: tuple[tuple[str, object], ...]  # ("FROM" | "FROM NAMED", iri)


def _datasets(tree: object) -> tuple[tuple[str, object], ...]:
    out = []
    for n in walk(tree):
        if isinstance(n, CompValue) and n.name == "DatasetClause":
            # CompValue.get returns the key itself when absent: test membership instead
            if "default" in n:
                out.append(("FROM", n["default"]))
            else:
                out.append(("FROM NAMED", n["named"]))
    return tuple(out)


@functools.lru_cache(maxsize=512)
def _parse(text: str) -> Parsed:
    """Parse once per distinct text (the parse costs milliseconds); raise Refused/Malformed.

    The refusals and the canonical form are taken from the fresh tree before it is translated
    (translation mutates it), then the refusals again from the algebra.
    """
    if nesting(text) > MAX_DEPTH:
        raise _too_deep()
    try:
        try:
            tree = parseQuery(text)
        except ParseBaseException as err:
            refusal = _update_refusal(text)
            if refusal is not None:
                raise refusal from None
            raise Malformed(f"not a SPARQL 1.1 query: {err.msg}", err.lineno, err.col) from None
        policy(tree)
        normalised = canonical(tree)
        datasets = _datasets(tree)
        body = tree[1]  # type: ignore[index]
        form = FORMS.get(getattr(body, "name", ""), "")
        try:
            algebra = translateQuery(tree)
        except RecursionError:
            raise
        except Exception as err:  # rdflib raises bare Exceptions for unknown prefixes and such
            raise Malformed(f"not a valid SPARQL 1.1 query: {err}") from None
        policy(algebra.algebra)
    except RecursionError:
        raise _too_deep() from None
    if not form:
        raise Malformed(f"unsupported query form {getattr(body, 'name', '?')}")
    return Parsed(form, normalised, datasets)


_ENGINE_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)


def explain(err: Malformed, engine_error: str | None) -> Malformed:
    """The clearest 400: the engine's position when it fails too, a portability note if not.

    pyparsing reports the start of the alternative that failed; Oxigraph's parser reports the
    exact character, so its message is preferred when both refuse the text.
    """
    if engine_error is None:
        return Malformed(
            "not portable SPARQL 1.1: the embedded engine accepts this extension but the "
            f"standard grammar does not (line {err.line}, column {err.column}: {err})",
            err.line,
            err.column,
        )
    m = _ENGINE_POSITION.match(engine_error)
    if not m:
        return Malformed(f"{err} / {engine_error[:300]}", err.line, err.column)
    line, col, what = int(m.group(1)), int(m.group(2)), " ".join(m.group(3).split())
    if len(what) > 200:
        what = what[:200] + "..."
    return Malformed(f"syntax error at line {line}, column {col}: {what}", line, col)


def inspect(
    text: str,
    store_graphs: frozenset[str],
    default_graphs: list[str] | tuple[str, ...] = (),
    named_graphs: list[str] | tuple[str, ...] = (),
    engine_syntax: Callable[[str], str | None] | None = None,
) -> Checked:
    """Accept or refuse a query; the result says its form and whether it names a dataset.

    `engine_syntax` is the store's own parser (`Store.syntax_error`), consulted only to word
    a 400 well.
    """
    try:
        parsed = _parse(text)
    except Malformed as err:
        if engine_syntax is None or err.line is None:
            raise
        raise explain(err, engine_syntax(text)) from None
    for keyword, iri in parsed.datasets:
        if not isinstance(iri, URIRef) or str(iri) not in store_graphs:
            raise Refused(
                f"{keyword} <{iri}> names a graph that is not in this store; the endpoint "
                "never fetches remote data (GET /sparql lists the graphs)"
            )
    for iri in [*default_graphs, *named_graphs]:
        if iri not in store_graphs:
            raise Refused(
                f"graph <{iri}> (default-graph-uri / named-graph-uri) is not in this store; "
                "the endpoint never fetches remote data"
            )
    return Checked(
        form=parsed.form, query_dataset=bool(parsed.datasets), normalised=parsed.normalised
    )
