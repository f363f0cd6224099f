"""The review page: one self-contained HTML file for auditors (`esep report OUT --html FILE`)."""
from __future__ import annotations

from esep.review.build import ReviewStats, write_review
from esep.review.data import ReviewError

__all__ = ["ReviewError", "ReviewStats", "write_review"]
