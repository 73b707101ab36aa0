"""Each broken fixture raises exactly the one (focus node, path, component) its header names.

The fixtures under data/mutations/ are added to data/base.ttl (a valid world); the header of
each says which shape file it exercises and the single finding it must raise.
"""

from __future__ import annotations

import pytest
from shapes_helpers import DATA, PROJECT, Mutation, findings, mutations

MUTATIONS = mutations()


def test_the_suite_has_at_least_twelve_mutations() -> None:
    assert len(MUTATIONS) >= 12


def test_base_world_is_valid() -> None:
    assert findings(DATA / "base.ttl") == []


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.path.stem)
def test_mutation_raises_exactly_its_finding(mutation: Mutation) -> None:
    found = findings(DATA / "base.ttl", mutation.path)
    assert len(found) == 1, [(f.focus, f.path, f.component) for f in found]
    f = found[0]
    if mutation.focus == "_:":
        assert not f.focus.startswith(("http://", "https://")), f.focus
    else:
        assert f.focus == mutation.focus
    assert (f.path, f.component, f.severity) == (
        mutation.result_path,
        mutation.component,
        "Violation",
    )
    assert f.message, "every result carries the shape's sh:message"


def test_every_shape_file_has_a_valid_and_an_invalid_case() -> None:
    files = {p.name for p in (PROJECT / "shapes").glob("*.ttl")}
    broken = {m.shape_file for m in MUTATIONS}
    assert broken == files, f"shape files without an invalid case: {sorted(files - broken)}"
