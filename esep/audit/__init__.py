"""Audit: links inside a document, then the rules of CONTRACT.md over its records."""
from __future__ import annotations

from esep.audit.link import link_contracts
from esep.audit.rules import RULES
from esep.records import Extraction, Finding


def audit(ex: Extraction) -> list[Finding]:
    """Link what the document leaves implicit, then return its findings, worst first."""
    link_contracts(ex)
    found = [f for rule in RULES for f in rule(ex)]
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(found, key=lambda f: order[f.severity])
