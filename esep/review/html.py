"""The review page as one self-contained HTML file: template, style and script
inlined, the data embedded as JSON.

The page's index (one small record per document: its summary line and the rule
and severity of each finding, all the filters need) is parsed at load; each
document's full data sits in its own ``<script type="application/json">`` and is
parsed and turned into DOM only when its section is opened, so a page of
1 000 documents loads as fast as its index. A Content-Security-Policy forbids
every fetch: the page works offline and cannot call out.
"""
from __future__ import annotations

import html
import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from esep import __version__
from esep.audit.report import SEVERITY_ORDER
from esep.review.data import DocReview, counts
from esep.schemas.contract import RULES

ASSETS = Path(__file__).resolve().parent
SLOT = re.compile(r"(?:/\*)?\{\{([A-Z]+)\}\}(?:\*/)?")  # {{NAME}}, or /*{{NAME}}*/ in CSS/JS
OPEN_UP_TO = 12  # documents: a page with this many or fewer opens them all at load


def asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def embed(value: Any) -> str:
    """JSON safe inside a <script> element: no "<" can close it or open a comment."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def rules_of(reviews: list[DocReview]) -> list[str]:
    """The contract's rules, in its order, then any other rule the findings name."""
    seen = {f.rule for r in reviews for f in r.findings}
    return [r for r in RULES if r in seen] + sorted(seen - set(RULES))


def index_entry(r: DocReview, rules: list[str]) -> dict[str, Any]:
    """A document's line in the index: its summary and its findings as [rule, severity] codes."""
    s = r.payload["summary"]
    entry = {k: s[k] for k in ("source_path", "doc_kind", "language", "region", "reporting_year",
                               "grant_total_kzt", "status", "error", "pages", "file_type") if k in s}
    entry["n"] = counts(r.findings)
    entry["f"] = [[rules.index(f.rule), SEVERITY_ORDER.index(f.severity)
                   if f.severity in SEVERITY_ORDER else len(SEVERITY_ORDER)] for f in r.findings]
    return entry


def index_json(reviews: list[DocReview], title: str) -> dict[str, Any]:
    rules = rules_of(reviews)
    return {"title": title, "version": __version__, "rules": rules, "severities": list(SEVERITY_ORDER),
            "written": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "open": len(reviews) <= OPEN_UP_TO, "docs": [index_entry(r, rules) for r in reviews]}


def doc_script(i: int, r: DocReview) -> str:
    """Document ``i``'s data as the JSON script ``d<i>`` its section is rendered from."""
    return f'<script type="application/json" id="d{i}">{embed(r.payload)}</script>\n'


def page_parts(reviews: list[DocReview], title: str = "esep review", lang: str = "en") -> tuple[str, str]:
    """The page before and after the documents' data scripts (the slots filled in one pass:
    no data is read as a slot)."""
    fill = {"LANG": html.escape(lang), "TITLE": html.escape(title), "CSS": asset("review.css"),
            "INDEX": embed(index_json(reviews, title)), "JS": asset("review.js")}
    head, tail = asset("review.html").split("{{DOCS}}")
    return tuple(SLOT.sub(lambda m: fill[m.group(1)], part) for part in (head, tail))


def render_page(reviews: list[DocReview], title: str = "esep review", lang: str = "en") -> str:
    """The whole page as one string."""
    head, tail = page_parts(reviews, title, lang)
    return head + "".join(doc_script(i, r) for i, r in enumerate(reviews)) + tail
