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
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
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


def _update_refusal(text: str) -> Refused | None:
    try:
        parsed = parseUpdate(text)
    except ParseBaseException:
        return None
    ops = sorted(
        {UPDATE_NAMES.get(n.name, n.name) for n in walk(parsed) if isinstance(n, CompValue)}
        & set(UPDATE_NAMES.values())
    )
    return Refused(
        f"this endpoint is read-only: SPARQL Update ({', '.join(ops) or 'update'}) is not accepted"
    )


def canonical(tree: object) -> str:
    """A stable text of the parse tree: comments, layout and keyword case do not change it.

    Anonymous blank nodes get fresh random ids from the parser; they are renamed by order of
    appearance so that the same query always gives the same ETag.
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


# Deeper nesting than a person writes: rdflib's recursive parser and translator would reach
# Python's recursion limit (a 500) and spend a worker's whole deadline on the way (issue 13, 9).
MAX_NESTING = 16
_SKIP = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\''  # long strings
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''  # strings
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*'  # IRIs, comments
)


def nesting(text: str) -> int:
    """The deepest nesting of ( [ { in the query, strings, IRIs and comments left out."""
    depth = deepest = 0
    for ch in _SKIP.sub(" ", text):
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth = max(depth - 1, 0)
    return deepest


def blank(text: str) -> bool:
    """Nothing but layout and comments (rdflib parses that as an empty *update*)."""
    return not _SKIP.sub(lambda m: "" if m.group(0).startswith("#") else "x", text).strip()


@functools.lru_cache(maxsize=512)
def _parse(text: str) -> tuple[object, object]:
    """Parse and translate once per distinct text (the parse costs milliseconds).

    The tree returned is a parse of its own, never the one given to `translateQuery`: that
    function removes the FILTERs from the tree it translates (`collectAndRemoveFilters`), so a
    guard or an ETag reading that tree would not see what a FILTER holds (issue 13, items 1-2).
    """
    if nesting(text) > MAX_NESTING:
        raise Malformed(
            f"the query nests brackets more than {MAX_NESTING} deep; this endpoint does not "
            "accept deeper nesting (write the expression flatter)"
        )
    try:
        tree = parseQuery(text)
    except ParseBaseException as err:
        refusal = _update_refusal(text)
        if refusal is not None:
            raise refusal from None
        raise Malformed(f"not a SPARQL 1.1 query: {err.msg}", err.lineno, err.col) from None
    except RecursionError:
        raise Malformed("the query nests too deeply for this endpoint's parser") from None
    try:
        algebra = translateQuery(parseQuery(text))
    except RecursionError:
        raise Malformed("the query nests too deeply for this endpoint's parser") from None
    except Exception as err:  # rdflib raises bare Exceptions for unknown prefixes and the like
        raise Malformed(f"not a valid SPARQL 1.1 query: {err}") from None
    return tree, algebra


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
        tree, algebra = _parse(text)
    except Malformed as err:
        if engine_syntax is None or err.line is None:
            raise
        raise explain(err, engine_syntax(text)) from None
    # SERVICE is looked for in the untouched parse and again in the algebra, where the patterns
    # inside FILTER (NOT) EXISTS, MINUS and sub-selects stand as the engine will run them
    for n in [*walk(tree), *walk(algebra.algebra)]:  # type: ignore[attr-defined]
        if isinstance(n, CompValue) and n.name == "ServiceGraphPattern":
            raise Refused(
                "SERVICE is not accepted: this endpoint answers from its own graph only "
                f"(found {n.get('service_string', 'SERVICE').split('{')[0].strip()})"
            )
    for n in walk(algebra.algebra):  # type: ignore[attr-defined]
        if isinstance(n, CompValue) and n.name == "Function":
            iri = str(n.get("iri", ""))
            if not iri.startswith(XSD):
                raise Malformed(
                    f"function <{iri}> is not portable SPARQL 1.1 (only XSD casts take an IRI)"
                )
    clauses = algebra.algebra.get("datasetClause") or []  # type: ignore[attr-defined]
    for clause in clauses:
        # CompValue.get returns the key itself when absent: test membership instead
        keyword = "FROM" if "default" in clause else "FROM NAMED"
        iri = clause["default"] if "default" in clause else clause["named"]
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
    body = tree[1]  # type: ignore[index]
    form = FORMS.get(getattr(body, "name", ""), "")
    if not form:
        raise Malformed(f"unsupported query form {getattr(body, 'name', '?')}")
    return Checked(form=form, query_dataset=bool(clauses), normalised=canonical(tree))
