"""Entity linking: mentions of actors and processes in passages (issue 5).

Placeholder until the gazetteer lands: links nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from migkg.build import BuildContext


def link(ctx: BuildContext, progress: Callable[[str], None]) -> None:
    ctx.report["mentions"] = {}
