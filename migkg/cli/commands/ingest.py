"""`migkg ingest FILE --shape SHAPE --id ID --title TITLE --as-of DATE`: add a document, rebuild.

The work is in migkg/build/ingest.py; this module only maps options to an IngestRequest.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from migkg.settings import Settings


def cmd_ingest(args: argparse.Namespace) -> int:
    from migkg.build.ingest import IngestRequest, ingest

    settings = Settings.from_args(args.data_dir)
    req = IngestRequest(
        file=Path(args.file),
        shape=args.shape,
        doc_id=args.id,
        title=args.title,
        as_of=args.as_of,
        issuing_body=args.issuing_body,
        reference_number=args.reference_number,
        issued=args.issued,
        as_of_reason=args.as_of_reason,
        language=args.language,
        access_rights=args.access_rights,
        full_text=args.full_text,
        license=args.license,
        attribution=args.attribution,
    )
    result = ingest(settings, req, accept_warnings=args.accept_warnings)
    print("\n".join(result.lines()))
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "ingest",
        parents=[common],
        help="add a document of a known shape to the corpus and rebuild",
        description="Check a text document, copy it into sources/, append it to the manifest "
        "and rebuild. A document that cannot be read changes nothing.",
    )
    p.add_argument("file", help="the UTF-8 text file to add")
    p.add_argument("--shape", required=True, help="the loader that reads it (loaders/shapes.py)")
    p.add_argument("--id", required=True, help="document id: lower-case letters, digits, hyphens")
    p.add_argument("--title", required=True)
    p.add_argument("--as-of", required=True, help="date the content describes: YYYY[-MM[-DD]]")
    p.add_argument("--issuing-body", default="Not stated")
    p.add_argument("--reference-number", default="")
    p.add_argument("--issued", default="", help="the date as printed (default: --as-of)")
    p.add_argument("--as-of-reason", default="Given by the user at ingest.")
    p.add_argument("--language", default="en")
    p.add_argument("--access-rights", default="Not stated")
    p.add_argument("--full-text", choices=("public", "excerpts"), default="excerpts")
    p.add_argument("--license", default="Not stated")
    p.add_argument("--attribution", default="")
    p.add_argument(
        "--accept-warnings",
        action="store_true",
        help="ingest even when headings have no body or table rows miss cells",
    )
    p.set_defaults(func=cmd_ingest)
