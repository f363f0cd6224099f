"""Audit: rules over one document's records, and links across a batch."""
from __future__ import annotations

from esep.records import Extraction, Finding


def audit(ex: Extraction) -> list[Finding]:
    """The findings of one document. (Stub: the lead is writing the rules.)"""
    return []
