"""One function run in a forked child process, so a build uses both cores (issue 9).

The build forks the views stage as soon as graph.nq is written and validates and loads the
store meanwhile. The child shares nothing with the parent after the fork but the files it
writes; its return value (or its exception) comes back through a pipe. It dies with its parent
(a build killed by SIGKILL must not leave a child writing into a staging folder the next build
removes), and the parent kills it when the build fails.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from migkg.settings import MigkgError

_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this process when its parent dies (a no-op elsewhere)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _run(parent: int, send: Connection, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    _die_with_parent(parent)
    try:
        out: tuple[str, Any] = ("ok", fn(*args))
    except BaseException as err:  # every failure goes back to the parent
        out = ("error", err)
    try:
        send.send(out)
    except Exception:  # an unpicklable result or exception: its text is enough
        send.send(("error", MigkgError(f"{fn.__name__} failed in a child process: {out[1]!r}")))
    finally:
        send.close()


class ForkedCall:
    """``fn(*args)`` running in a forked child; ``result()`` waits for it, ``kill()`` ends it."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        ctx = multiprocessing.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        self._name = fn.__name__
        self._proc = ctx.Process(target=_run, args=(os.getpid(), send, fn, args), daemon=True)
        self._proc.start()
        send.close()

    def result(self) -> Any:
        """The function's value; its exception is raised here."""
        try:
            kind, value = self._recv.recv()
        except EOFError:
            self._proc.join()
            raise MigkgError(
                f"{self._name} died in a child process (exit code {self._proc.exitcode})"
            ) from None
        finally:
            self._recv.close()
        self._proc.join()
        if kind == "error":
            raise value
        return value

    def kill(self) -> None:
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()
