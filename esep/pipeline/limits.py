"""What one document may cost a worker: time without progress, time in all, memory.

As Apache Tika's pipes do it: a document that hangs, runs too long or grows
its worker past the memory limit fails alone, with the reason; its worker is
killed and replaced and the batch goes on.

Memory is watched from the parent, not set with ``RLIMIT_AS``: address space
is not memory (pdfium, Tesseract's threads and the allocator's arenas reserve
far more than they touch), so a cap on it fails good documents. What counts
is the worker's private memory, the pages it wrote itself: a forked worker
shares the parent's pages, which its plain RSS would count as its own.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY_MB = 2048
# A long-lived worker is replaced after this many documents: what an allocator
# holds on to after big files goes back to the system, and a slow leak stays small.
DEFAULT_MAX_DOCS = 200
POLL_SECONDS = 0.2  # how often a busy worker's memory is read


@dataclass(frozen=True)
class Limits:
    """The limits of one document in a worker; None switches one off."""

    timeout: float = DEFAULT_TIMEOUT  # seconds without progress (an OCR page is progress)
    total_timeout: float | None = None  # seconds in all, however much progress
    memory_mb: float | None = DEFAULT_MEMORY_MB  # the worker's private memory
    max_docs: int = DEFAULT_MAX_DOCS  # documents per worker before it is replaced


def private_mb(pid: int) -> float | None:
    """Memory the process wrote itself (private pages and their swap), in MB; None when gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            text = f.read()
    except OSError:
        return _rss_mb(pid)
    kb = 0
    for line in text.splitlines():
        if line.startswith((b"Private_Clean:", b"Private_Dirty:", b"Swap:")):
            kb += int(line.split()[1])
    return kb / 1024


def over_mb(pid: int, limit_mb: float) -> bool:
    """Whether the process's private memory is past ``limit_mb``.

    Resident pages (``statm``: two counters) are never fewer than the private ones,
    so the private count, whose ``smaps_rollup`` walks the page tables (~1 ms for a
    worker), is read only when the resident count is past the limit already.
    """
    rss = _rss_mb(pid)
    if rss is not None and rss <= limit_mb:
        return False
    return (private_mb(pid) or 0) > limit_mb


def _rss_mb(pid: int) -> float | None:
    # No smaps_rollup (not Linux, or an older kernel): resident pages, shared ones too.
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


def memory_reason(limit_mb: float) -> str:
    return f"out of memory: the worker used more than {limit_mb:g} MB (--memory-limit)"


def total_reason(total: float) -> str:
    return f"timed out: more than {total:g} s in all (--total-timeout)"


def stall_reason(timeout: float, progressed: bool) -> str:
    if progressed:
        return f"timed out: no progress for {timeout:g} s (OCR of a page)"
    return f"timed out after {timeout:g} s"
