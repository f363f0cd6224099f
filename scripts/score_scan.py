"""Score esep on scans of the seed against the seed's golden facts.

    python scripts/score_scan.py                      # kk and ru at 300 and 200 dpi
    python scripts/score_scan.py --lang kk --dpi 300 --keep /tmp/scans
    python scripts/score_scan.py --pdf some_scan.pdf --golden tests/golden/seed_kk.facts.json

Each scan is made from the born-digital fixture (tests/fixtures/seed_<lang>.pdf)
by scripts/make_scan.py: rasterised, skewed a little per page, noised and
JPEG-compressed, with no text layer. The figure is the share of the golden
file's fields (tests/golden/seed_<lang>.facts.json, the same file the
born-digital test asserts) that esep reads exactly. Rows are aligned within
each table before fields are compared, so one lost row costs its own fields,
not those of every row after it. `documents.ocr` is left out: it is true for a
scan by design.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from make_scan import make_scan  # noqa: E402
from tests.facts import extract_and_audit, rows  # noqa: E402

SKIP_FIELDS = {("documents", "ocr")}


@dataclass
class Score:
    table: str
    right: int
    total: int
    wrong: list[str]


def fields_of(table: str, row: dict) -> list[str]:
    return [k for k in row if not k.startswith("_") and (table, k) not in SKIP_FIELDS]


def matches(table: str, e: dict, g: dict) -> int:
    return sum(1 for k in fields_of(table, e) if g.get(k) == e[k])


def align(table: str, expected: list[dict], got: list[dict]) -> list[tuple[int, int]]:
    """Pairs (expected index, got index) in order, maximising matched fields (an LCS)."""
    n, m = len(expected), len(got)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = matches(table, expected[i], got[j])
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + pair if pair else 0)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        pair = matches(table, expected[i], got[j])
        if pair and best[i][j] == best[i + 1][j + 1] + pair:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def score_table(table: str, expected: list[dict], got: list[dict]) -> Score:
    pairs = dict(align(table, expected, got))
    right, total, wrong = 0, 0, []
    for i, e in enumerate(expected):
        g = got[pairs[i]] if i in pairs else {}
        for k in fields_of(table, e):
            total += 1
            if g.get(k) == e[k]:
                right += 1
            else:
                wrong.append(f"{table}[{i}].{k}: got {g.get(k)!r}, expected {e[k]!r}")
    return Score(table, right, total, wrong)


def score_pdf(pdf: Path, golden: Path) -> tuple[list[Score], float]:
    facts = json.loads(golden.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    ex = extract_and_audit(pdf)
    seconds = time.perf_counter() - t0
    scores = [score_table(t, facts[t], rows(ex, t)) for t in facts if not t.startswith("_")]
    return scores, seconds


def report(name: str, scores: list[Score], seconds: float, verbose: bool) -> float:
    right, total = sum(s.right for s in scores), sum(s.total for s in scores)
    pct = 100.0 * right / total if total else 100.0
    by_table = ", ".join(f"{s.table} {s.right}/{s.total}" for s in scores if s.total and s.right < s.total)
    print(f"{name}: {pct:.1f}% of golden fields ({right}/{total}) in {seconds:.1f} s"
          + (f"; short: {by_table}" if by_table else ""))
    if verbose:
        for s in scores:
            for w in s.wrong:
                print("   ", w)
    return pct


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=["kk", "ru"], action="append")
    ap.add_argument("--dpi", type=int, action="append")
    ap.add_argument("--skew", type=float, default=0.7)
    ap.add_argument("--pdf", type=Path, help="score this PDF instead of making scans")
    ap.add_argument("--golden", type=Path)
    ap.add_argument("--keep", type=Path, help="folder to keep the scans in")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every wrong field")
    a = ap.parse_args(argv)
    if a.pdf:
        golden = a.golden or ROOT / "tests/golden/seed_kk.facts.json"
        report(a.pdf.name, *score_pdf(a.pdf, golden), a.verbose)
        return 0
    folder = a.keep or Path(tempfile.mkdtemp(prefix="esep-scan-"))
    for lang in a.lang or ["kk", "ru"]:
        for dpi in a.dpi or [300, 200]:
            scan = folder / f"seed_{lang}_{dpi}dpi.pdf"
            if not scan.exists():
                make_scan(ROOT / f"tests/fixtures/seed_{lang}.pdf", scan, dpi=dpi, around=a.skew)
            report(scan.name, *score_pdf(scan, ROOT / f"tests/golden/seed_{lang}.facts.json"), a.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
