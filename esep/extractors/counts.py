"""Counts a report states in words: "4 ҮЕҰ-дан 4 өтінім", "7 заявок (6 НПО)"."""
from __future__ import annotations

import re

from esep.labels import labels


def text_counts(text: str) -> tuple[int | None, int | None]:
    """(applications, applicant NGOs) as the text states them ("4 ҮЕҰ-дан 4 өтінім")."""
    spec = labels("document")
    for pattern, order in zip(spec["applications_re"], spec["applications_order"]):
        m = re.search(pattern, text, re.I)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            return (b, a) if order == "ngos_first" else (a, b)
    return None, None
