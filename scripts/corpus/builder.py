"""`Doc`: the blocks of one document and its truth, built side by side."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from _render_parse import Merge, Para, Run, Table

from corpus import fmt

TABLES = ("documents", "contracts", "applications", "winners", "recipients", "partners", "events",
          "indicators", "demographics", "amounts", "findings")

CONVENTIONS = (
    "Rows list the fields they assert; fields starting with '_' are notes, not asserted. "
    "Money is a string with two decimals, dates ISO, counts int, indicator values float. "
    "Text fields hold the text as printed with Latin look-alike letters folded back to Cyrillic, "
    "except recipients.name, amounts.raw and *_raw fields, which are verbatim (whitespace aside). "
    "Places are canonical Kazakh nominatives. Findings are only the inconsistencies the generator "
    "planted; a clean document has none."
)

FOLD = str.maketrans({v: k for k, v in fmt.LATIN.items()})


_CYR = re.compile(r"[а-яёәіңғүұқөһА-ЯЁӘІҢҒҮҰҚӨҺ]")


def fold(s: str | None) -> str | None:
    """Latin look-alikes back to Cyrillic, in words that hold Cyrillic letters only
    ("Sосiаl" stays a Latin word only if it was one: "Social" is left alone)."""
    if s is None:
        return None
    return re.sub(r"\w+", lambda m: m.group(0).translate(FOLD) if _CYR.search(m.group(0)) else m.group(0), s)


def money(v: Decimal | None) -> str | None:
    return None if v is None else f"{v:.2f}"


@dataclass
class Doc:
    name: str
    kind: str
    lang: str
    rng: random.Random
    blocks: list = field(default_factory=list)
    truth: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in TABLES})
    variations: list[str] = field(default_factory=list)
    planted: list[str] = field(default_factory=list)
    repeat_header: list[int] = field(default_factory=list)  # table ordinals whose row 0 repeats
    n_tables: int = 0
    latin_rate: float = 0.0
    nbsp: bool = False
    variety: int = 1  # 2: the layouts and wordings of make_corpus.py --variety 2 (corpus.forms, .protocol, .ngo)

    def vary(self, what: str) -> None:
        if what not in self.variations:
            self.variations.append(what)

    # --- blocks -----------------------------------------------------------
    def heading(self, text: str, level: int = 3) -> None:
        self.blocks.append(Para([Run(text, True)], level))

    def para(self, *parts: str | tuple[str, bool], prose: bool = False) -> None:
        """A paragraph of runs; a str is plain, (text, True) bold. `prose` paragraphs
        (no facts in them) may get Latin look-alike letters."""
        runs = []
        for p in parts:
            text, bold = (p, False) if isinstance(p, str) else p
            if prose and self.latin_rate:
                text = fmt.latinize_text(text, self.rng, self.latin_rate)
            runs.append(Run(text, bold))
        self.blocks.append(Para(runs))

    def bold(self, text: str) -> None:
        self.para((text, True))

    def table(self, rows: list[list[str]], merges: list[tuple] = (), bold_rows: tuple[int, ...] = (),
              repeat_header: bool = False) -> int:
        cells = [[[Run(c, r in bold_rows)] if c else [] for c in row] for r, row in enumerate(rows)]
        t = Table(cells, kinds=[], merges=[Merge(*m) for m in merges])
        self.blocks.append(t)
        if repeat_header:
            self.repeat_header.append(self.n_tables)
        self.n_tables += 1
        return self.n_tables - 1

    # --- truth ------------------------------------------------------------
    def add(self, table: str, **row: Any) -> dict[str, Any]:
        self.truth[table].append(row)
        return row

    def amount(self, value: Decimal, role: str, *, style: str | None = None, with_words: bool = False,
               words_value: Decimal | None = None, case: str = "", allow_mln: bool = True,
               currency: bool = True, nbsp: bool | None = None) -> str:
        """Print an amount and record it in `amounts`; returns the printed text."""
        style = style or fmt.pick_style(self.rng, value, allow_mln)
        if style != "space":
            self.vary(f"amount_{style}")
        nb = self.nbsp if nbsp is None else nbsp
        if currency:
            text, w, wv = fmt.money_text(value, self.lang, style, nbsp=nb, with_words=with_words,
                                         words_value=words_value, case=case)
        else:
            text, w, wv = fmt.digits(value, style, nb), None, None
        if with_words:
            self.vary("amount_words")
        self.add("amounts", value_kzt=money(value), raw=text, role=role, words=w,
                 words_kzt=money(wv) if wv is not None else None)
        return text

    def finding(self, rule: str, severity: str, why: str, expected: str | None = None,
                actual: str | None = None, assert_values: bool = True) -> None:
        row: dict[str, Any] = {"rule": rule, "severity": severity}
        if assert_values:
            row["expected"], row["actual"] = expected, actual
        row["_why"] = why
        self.truth["findings"].append(row)
        self.planted.append(rule)
