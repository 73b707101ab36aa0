"""Move the flat `migkg/` package into rooms by pipeline stage (issue 14), rewriting imports.

A one-off, re-runnable tool: it moves each module of MOVES with `git mv` (so history follows the
file), then rewrites every dotted module name (`migkg.claims` -> `migkg.build.claims`), every
`from migkg import a, b` and every path in the docs (`migkg/claims.py`) across the checkout. A
module already moved is skipped, so running it twice changes nothing.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

# old dotted name (under migkg.) -> new dotted name (under migkg.)
MOVES: dict[str, str] = {
    # rdf: terms and the quad accumulator
    "quads": "rdf.quads",
    "nquads": "rdf.nquads",
    # sources: the corpus and its manifest (adding a document rebuilds, so ingest is in build)
    "manifest": "sources.manifest",
    "inputs": "sources.inputs",
    "ingest": "build.ingest",
    # extract: from text to drafts of facts
    "sentences": "extract.sentences",
    "triggers": "extract.triggers",
    "gazetteer": "extract.gazetteer",
    "instruments": "extract.instruments",
    "status_scope": "extract.status_scope",
    "processfacts": "build.processfacts",  # it emits claims: a stage of the build
    "rules": "extract.rules",
    # build: the pipeline and its stages
    "build": "build.pipeline",
    "builds": "build.dirs",
    "linking": "build.link",
    "claims": "build.claims",
    "emit": "build.emit",
    "evidence": "build.evidence",
    "curation": "build.curation",
    "reference": "build.reference",
    "refdata": "build.refdata",
    "derive": "build.derive",
    "forked": "build.forked",
    "dumps": "build.dumps",
    # validate: SHACL on SPARQL, checks, reports
    "validate": "validate.checks",
    "shacl_sparql": "validate.shacl_sparql",
    "shacl_rules": "validate.shacl_rules",
    "shacl_cli": "validate.shacl_cli",
    # views: what the service and the CLI read from a build
    "queries": "views.queries",
    "projection": "views.projection",
    "network": "views.network",
    "paths": "views.paths",
    "search": "views.search",
    "formats": "views.formats",
    "params": "views.params",
    "ontology_page": "views.ontology_page",
    # evaluation
    "evalset": "evaluation.sets",
    "evaluation": "evaluation.scoring",
    "competency": "evaluation.competency",
    # cli
    "commands": "cli.commands",
    "serve": "cli.serve",
}
ROOMS = {
    "rdf": "Terms and the quad accumulator: the one serialisation of the built graph.",
    "sources": "The corpus: its manifest, the build's inputs, and adding a document.",
    "extract": "From sentences to drafts of facts: phrases, the gazetteer, the named rules.",
    "build": "The build pipeline and its stages: link, claims, evidence, curation, dumps.",
    "validate": "SHACL compiled to SPARQL, pySHACL's rules, check and report queries.",
    "views": "What a build shows: canned queries, the projection, paths, networks, search.",
    "evaluation": "Hand-read evaluation sets, scoring, competency questions.",
    "cli": "The `migkg` command and its subcommands.",
}
TEXT_SUFFIXES = {".py", ".md", ".toml", ".cfg", ".ini", ".yaml", ".yml", ".txt", ""}
SKIP_DIRS = {".git", ".venv", "data", "builds", "node_modules", "__pycache__"}
# build inputs keep their bytes (the build id hashes them) and the changelog keeps its history
SKIP_TOP = {"graphs", "sources", "ontology", "shapes", "queries", "CHANGELOG.md"}


# packages (folders) that move whole
PACKAGES_MOVED = ("commands", "rules")


def git(*args: str) -> None:
    subprocess.run(["git", *args], check=True)


def move_files(root: Path) -> None:
    pkg = root / "migkg"
    for room, doc in ROOMS.items():
        d = pkg / room
        d.mkdir(exist_ok=True)
        init = d / "__init__.py"
        if not init.exists() and not (pkg / f"{room}.py").exists():
            init.write_text(f'"""{doc}"""\n')
            git("add", str(init))
    # modules that become packages of the same name move first, through a temporary name
    for old, new in MOVES.items():
        src = pkg / f"{old}.py"
        if old in PACKAGES_MOVED:
            src = pkg / old
        if not src.exists():
            continue
        dst = pkg / (new.replace(".", "/") + ("" if src.is_dir() else ".py"))
        if src.is_file() and (pkg / old).is_dir():
            tmp = pkg / f"_{old}_moving.py"
            git("mv", str(src), str(tmp))
            src = tmp
        dst.parent.mkdir(parents=True, exist_ok=True)
        git("mv", str(src), str(dst))
    for room, doc in ROOMS.items():
        init = pkg / room / "__init__.py"
        if not init.exists():
            init.write_text(f'"""{doc}"""\n')
            git("add", str(init))
    # cli.py becomes the package cli/ (its __init__), runnable with `python -m migkg.cli`
    if (pkg / "cli.py").exists():
        (pkg / "cli" / "__init__.py").unlink(missing_ok=True)
        git("mv", str(pkg / "cli.py"), str(pkg / "cli" / "__init__.py"))
        (pkg / "cli" / "__main__.py").write_text(
            '"""`python -m migkg.cli`: the same as the `migkg` command."""\n\n'
            "from migkg.cli import main\n\nraise SystemExit(main())\n"
        )
        git("add", str(pkg / "cli" / "__main__.py"))


DOTTED = re.compile(r"\bmigkg\.([a-z_]+)\b")
FROM_IMPORT = re.compile(r"^(\s*)from migkg import ([a-z_, ]+)$", re.M)


def rewrite_dotted(m: re.Match[str]) -> str:
    name = m.group(1)
    return f"migkg.{MOVES[name]}" if name in MOVES else m.group(0)


def rewrite_from(m: re.Match[str]) -> str:
    indent, names = m.group(1), [n.strip() for n in m.group(2).split(",") if n.strip()]
    kept = [n for n in names if n not in MOVES]
    lines = [f"{indent}from migkg import {', '.join(kept)}"] if kept else []
    for n in names:
        if n in MOVES:
            pkg, _, mod = MOVES[n].rpartition(".")
            alias = "" if mod == n else f" as {n}"
            lines.append(f"{indent}from migkg.{pkg} import {mod}{alias}")
    return "\n".join(lines)


# bench/ is installed as migkg.bench (pyproject's package-dir), like api/ and loaders/
BENCH = (
    (re.compile(r"(?<![\w.])from bench(\.| import)"), r"from migkg.bench\1"),
    (re.compile(r"(?<![\w.])import bench\b"), "import migkg.bench"),
    (re.compile(r'"-m", "bench\.'), '"-m", "migkg.bench.'),
    (re.compile(r"python -m bench\b"), "python -m migkg.bench"),
)


def rewrite_bench(text: str) -> str:
    for pattern, repl in BENCH:
        text = pattern.sub(repl, text)
    return text


def rewrite_paths(text: str) -> str:
    for old, new in MOVES.items():
        newp = new.replace(".", "/")
        if old in PACKAGES_MOVED:
            text = re.sub(rf"\bmigkg/{old}/", f"migkg/{newp}/", text)
        else:
            text = re.sub(rf"\bmigkg/{old}\.py\b", f"migkg/{newp}.py", text)
    return re.sub(r"\bmigkg/cli\.py\b", "migkg/cli/__init__.py", text)


def rewrite_all(root: Path) -> list[Path]:
    changed = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).parts
        if not path.is_file() or any(p in SKIP_DIRS for p in rel) or rel[0] in SKIP_TOP:
            continue
        if path.suffix not in TEXT_SUFFIXES or path.name == "relayout.py":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        new = text
        new = DOTTED.sub(rewrite_dotted, new)
        if path.suffix == ".py":
            new = FROM_IMPORT.sub(rewrite_from, new)
        new = rewrite_paths(rewrite_bench(new))
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def wrap_long_prose(root: Path, changed: list[Path], limit: int = 100) -> list[str]:
    """Re-flow docstring and comment lines that a longer module path pushed past the limit.

    Only prose lines naming a module are touched (a whole line inside a triple-quoted string, or a
    line that is only a comment, found with `tokenize`): the words past the limit move to the
    start of the next line of the same paragraph, or to a new line. A long code line is returned
    for a person to fix.
    """
    import io
    import tokenize

    left = []
    for path in changed:
        if path.suffix != ".py":
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        prose: set[int] = set()
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT and not tok.line[: tok.start[1]].strip():
                prose.add(tok.start[0] - 1)
            elif tok.type == tokenize.STRING and tok.string.lstrip("rbuRBU")[:3] in ('"""', "'''"):
                prose.update(range(tok.start[0], tok.end[0] - 1))
        i, carried = 0, -1
        while i < len(lines):
            line = lines[i]
            if len(line) <= limit or ("migkg" not in line and i != carried):
                i += 1
                continue
            if i not in prose:
                left.append(f"{path.relative_to(root)}:{i + 1}")
                i += 1
                continue
            indent = line[: len(line) - len(line.lstrip())]
            lead = indent + ("# " if line.lstrip().startswith("#") else "")
            cut = line.rfind(" ", len(lead) + 1, limit + 1)
            if cut <= len(lead):
                i += 1
                continue
            head, tail = line[:cut], line[cut + 1 :]
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            joinable = (
                i + 1 in prose
                and nxt.startswith(lead)
                and nxt[len(lead) :].strip()
                and not nxt[len(lead) :][:1].isspace()
                and not nxt[len(lead) :].lstrip().startswith(("-", "*", '"""', "|"))
            )
            lines[i] = head
            carried = i + 1
            if joinable:
                lines[i + 1] = f"{lead}{tail} {nxt[len(lead):]}"
            else:
                lines.insert(i + 1, lead + tail)
                prose = {j + 1 if j > i else j for j in prose} | {i + 1}
            i += 1
        new = "\n".join(lines)
        if new != text:
            path.write_text(new, encoding="utf-8")
    return left


MAPPED = ("migkg.loaders", "migkg.api", "migkg.bench")
DATA = ("sources", "ontology", "shapes", "graphs", "queries")
DATA_PACKAGES = tuple(f"migkg.project.{d}" for d in DATA)


def write_packages(root: Path) -> None:
    """pyproject's package list: every package folder under migkg/, then the mapped ones."""
    found = sorted(
        ".".join(p.parent.relative_to(root).parts)
        for p in (root / "migkg").rglob("__init__.py")
        if "__pycache__" not in p.parts
    )
    names = [*found, *MAPPED, *DATA_PACKAGES]
    body = "".join(f'  "{n}",\n' for n in names)
    path = root / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"(?ms)^packages = \[.*?\]$", f"packages = [\n{body}]", text, count=1)
    path.write_text(new, encoding="utf-8")


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    already = (root / "migkg" / "build" / "pipeline.py").exists()
    move_files(root)
    if not already:
        changed = rewrite_all(root)
        print(f"moved {len(MOVES)} modules; rewrote {len(changed)} files")
        for where in wrap_long_prose(root, changed):
            print(f"a code line over 100 characters, to fix by hand: {where}")
    else:
        print("already laid out: modules not moved again")
    write_packages(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
