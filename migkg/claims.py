"""Instrument and process claims extracted from passages (issue 6).

Placeholder until the extractor lands: extracts nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from migkg.build import BuildContext


def extract(ctx: BuildContext, progress: Callable[[str], None]) -> None:
    ctx.report["claims"] = {}
