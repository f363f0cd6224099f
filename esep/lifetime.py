"""Child processes that end when the process that started them ends, however it ends.

On Linux the kernel signals a child when its parent dies (``PR_SET_PDEATHSIG``),
even when the parent was killed by SIGKILL (the OOM killer) and ran no cleanup
of its own. Without it a batch's forked workers outlived a killed run, kept
its output lock and made the next run fail with "another esep run is writing
OUT". Elsewhere `die_with_parent` is a no-op and the caller's own cleanup is
all there is.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
from typing import Callable

PR_SET_PDEATHSIG = 1


def _prctl() -> Callable[..., int] | None:
    """libc's prctl on Linux, else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


PRCTL = _prctl()


def die_with_parent(parent: int, sig: int = signal.SIGKILL) -> None:
    """In a child just forked from ``parent``: receive ``sig`` when the parent dies.

    The parent may have died between the fork and this call: then the child is
    already an orphan (its parent pid changed) and exits at once.
    """
    if PRCTL is not None:
        PRCTL(PR_SET_PDEATHSIG, int(sig))
    if os.getppid() != parent:
        os._exit(1)


__all__ = ["die_with_parent", "PRCTL"]
