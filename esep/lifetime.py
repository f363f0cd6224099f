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


# --- Ctrl-C ------------------------------------------------------------------------
# Python turns SIGINT into KeyboardInterrupt wherever the main thread happens to be,
# and one raised inside a finaliser or a callback is printed and lost: a run went on
# and finished as if never interrupted. The flag remembers the signal, so the run can
# check it where it matters (between documents, before it writes OUT).
_interrupted = False


def _on_sigint(signum: int, frame: object) -> None:
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def _quiet_lost_interrupts(hook: Callable) -> Callable:
    """An unraisable-exception hook that drops KeyboardInterrupt: Python prints one raised
    in an at-fork handler or a finaliser as "Exception ignored in ...", a traceback the
    user need not see; the flag keeps it, and `check_interrupted` raises it again."""
    def hook_(unraisable: object) -> None:
        if not isinstance(getattr(unraisable, "exc_value", None), KeyboardInterrupt):
            hook(unraisable)
    return hook_


def catch_interrupts() -> None:
    """Remember every Ctrl-C (see `interrupted`) and raise KeyboardInterrupt as usual."""
    global _interrupted
    _interrupted = False
    signal.signal(signal.SIGINT, _on_sigint)
    if not getattr(sys.unraisablehook, "_esep", False):
        sys.unraisablehook = _quiet_lost_interrupts(sys.unraisablehook)
        sys.unraisablehook._esep = True  # type: ignore[attr-defined]


def interrupted() -> bool:
    """True once Ctrl-C was pressed since `catch_interrupts`, even if its exception was lost."""
    return _interrupted


def check_interrupted() -> None:
    """Raise KeyboardInterrupt if Ctrl-C was pressed and its exception got lost on the way."""
    if _interrupted:
        raise KeyboardInterrupt


__all__ = ["PRCTL", "catch_interrupts", "check_interrupted", "die_with_parent", "interrupted"]
