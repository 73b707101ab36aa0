"""What validation finds: SHACL results, check rows and report differences, one shape for all.

Its own module so that the two SHACL engines (pySHACL in `checks`, the SPARQL compiler in
`shacl_sparql`) and the build share the result types without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    focus: str
    path: str
    component: str
    severity: str
    message: str


@dataclass
class Validation:
    findings: list[Finding] = field(default_factory=list)
    checks: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    reports: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    report_diffs: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "Violation"]

    @property
    def failed_checks(self) -> dict[str, list[dict[str, str]]]:
        return {k: v for k, v in self.checks.items() if v}

    @property
    def ok(self) -> bool:
        return not self.violations and not self.failed_checks

    def strict_ok(self) -> bool:
        return self.ok and not self.warnings and not self.report_diffs

    def summary(self, limit: int = 20) -> str:
        lines = []
        for f in self.violations[:limit]:
            lines.append(f"  SHACL {f.severity}: {f.focus} {f.path} ({f.component}): {f.message}")
        if len(self.violations) > limit:
            lines.append(f"  ... {len(self.violations) - limit} more violations")
        for name, rows in self.failed_checks.items():
            lines.append(f"  check {name}: {len(rows)} rows, first: {rows[0]}")
        for name, diff in self.report_diffs.items():
            lines.append(f"  report {name}: new {diff['new'][:3]} gone {diff['gone'][:3]}")
        return "\n".join(lines) or "  no findings"

    def as_dict(self) -> dict[str, object]:
        return {
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "findings": [f.__dict__ for f in self.findings[:200]],
            "checks": {k: len(v) for k, v in sorted(self.checks.items())},
            "reports": {k: v for k, v in sorted(self.reports.items())},
            "reportDiffs": self.report_diffs,
        }
