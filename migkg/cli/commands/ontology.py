"""`migkg ontology-page`: regenerate docs/ontology.html from ontology/*.ttl (issue 4).

The page is a generated file under review: run this after editing the ontology or a scheme;
`--check` exits 1 when the committed page is stale (tests/model/test_model_page.py does the same).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from migkg.settings import project_root


def cmd_ontology_page(args: argparse.Namespace) -> int:
    from migkg.views.ontology_page import render_page, write_page

    project = project_root()
    if args.check:
        page = project / "docs" / "ontology.html"
        current = page.read_text(encoding="utf-8") if page.is_file() else ""
        if current != render_page(project):
            print(f"{page} is stale; run `migkg ontology-page`")
            return 1
        print(f"{page} is up to date")
        return 0
    path = write_page(project, Path(args.output) if args.output else None)
    print(f"wrote {path}")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "ontology-page", help="regenerate docs/ontology.html from the ontology and its schemes"
    )
    p.add_argument("--check", action="store_true", help="exit 1 if docs/ontology.html is stale")
    p.add_argument("-o", "--output", help="write the page here instead of docs/ontology.html")
    p.set_defaults(func=cmd_ontology_page)
