"""Ctrl-C that lands where Python cannot raise it (an at-fork handler, a finaliser)."""
from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import gc, signal
from esep import lifetime
lifetime.catch_interrupts()
class Finaliser:
    def __del__(self):
        raise KeyboardInterrupt   # as `_on_sigint` does when SIGINT lands in a finaliser
class Broken:
    def __del__(self):
        raise ValueError("a real bug")
Finaliser(); gc.collect()
Broken(); gc.collect()
"""


def test_a_lost_keyboard_interrupt_prints_no_traceback_but_other_errors_still_do():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "KeyboardInterrupt" not in done.stderr
    assert "ValueError: a real bug" in done.stderr  # the default hook still reports the rest
