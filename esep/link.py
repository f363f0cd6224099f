"""Batch-level linking: organisations and people across every document."""
from __future__ import annotations

from esep.records import Extraction, OrganizationRow, PersonRow


def build_entities(extractions: list[Extraction]) -> tuple[list[OrganizationRow], list[PersonRow]]:
    """The organizations and people tables of a batch. (Stub: filled in by the lead.)

    The pipeline calls this on every run over the whole output folder (the
    documents read back from OUT plus the new batch), so the tables are
    always rebuilt from everything. It may also fill the records' id fields
    (``recipient_org_id``, ``org_id``, ...) in place: they are written after.
    """
    return [], []
