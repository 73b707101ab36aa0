"""Validate exported files with pySHACL's own command-line tool (docs/validation.md).

`migkg validate` runs pySHACL in-process over the union of the built graph. A user without
migkg can do the same with the `pyshacl` command over `migkg export` output; this module holds
the two pieces that needs -- one shapes file (the CLI takes a single `-s`) and the parsing of
the CLI's Turtle report into the same findings -- so a test can prove both ways agree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from rdflib import Graph

from migkg.validate.checks import findings_from_report
from migkg.validate.findings import Finding


def bundle_shapes(project: Path) -> str:
    """shapes/*.ttl as one Turtle text: what `cat shapes/*.ttl` gives (prefixes agree)."""
    return "".join(
        path.read_text(encoding="utf-8") + "\n"
        for path in sorted((project / "shapes").glob("*.ttl"))
    )


def pyshacl_executable() -> str:
    """The `pyshacl` script next to this interpreter (the venv's), else the one on PATH."""
    local = Path(sys.executable).with_name("pyshacl")
    if local.is_file():
        return str(local)
    found = shutil.which("pyshacl")
    if not found:
        raise FileNotFoundError("the pyshacl command is not installed")
    return found


def cli_command(shapes_file: Path, data_files: list[Path]) -> list[str]:
    """The documented command: inference off, Turtle report, warnings do not fail."""
    return [
        pyshacl_executable(),
        "-s",
        str(shapes_file),
        "-i",
        "none",
        "-w",
        "-f",
        "turtle",
        *map(str, data_files),
    ]


def cli_findings(shapes_file: Path, data_files: list[Path]) -> list[Finding]:
    """Run the pyshacl CLI and read its report as migkg findings."""
    proc = subprocess.run(
        cli_command(shapes_file, data_files), capture_output=True, text=True, check=False
    )
    # pyshacl exits 0 (conforms), 1 (does not conform) or 2+ (error)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"pyshacl failed ({proc.returncode}): {proc.stderr.strip()}")
    report = Graph()
    report.parse(data=proc.stdout, format="turtle")
    return findings_from_report(report)
