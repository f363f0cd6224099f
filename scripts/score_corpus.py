#!/usr/bin/env python3
"""Score esep on a corpus made by scripts/make_corpus.py.

    python scripts/score_corpus.py build/corpus [--json report.json] [--jobs 2] [--min-accuracy 0.99]
                                                [--formats docx,pdf] [--errors 10]

Every document file (NAME.docx, NAME.pdf, NAME.txt) next to a NAME.truth.json
is read with esep.readers.read, extracted with esep.extractors.extract and
audited with esep.audit.audit, then scored against the truth (alignment keys
and field rules: scripts/corpus/score.py). Prints, per table and overall:
truth rows, extracted rows, matched, missed, extra, field accuracy; then
accuracy by format and by kind/language, the most frequent field errors with
an example each, missed/extra rows by table, and the slowest documents.

A measurement: exits 0 whatever the figures, unless --min-accuracy is given
and some table (or the overall figure) is below it (exit 1). Exit 2 when the
folder holds no truth files.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.append(str(HERE.parent))  # last: an esep on PYTHONPATH (another checkout, say) wins over this one

from corpus.score import (TABLES, DocScore, TableScore, by_group, extraction_rows, overall, score_doc,  # noqa: E402
                          top_errors, top_rows, total)

FORMATS = ("docx", "pdf", "txt")


def run_one(path: str, truth_path: str) -> dict:
    """Read, extract, audit and score one file (in a worker process)."""
    from esep.audit import audit
    from esep.extractors import extract
    from esep.readers import read
    truth = json.loads(Path(truth_path).read_text(encoding="utf-8"))
    timings = {}
    error = None
    got = {t: [] for t in TABLES}
    try:
        t0 = time.perf_counter()
        doc = read(Path(path))
        t1 = time.perf_counter()
        ex = extract(doc)
        t2 = time.perf_counter()
        ex.findings = audit(ex)
        t3 = time.perf_counter()
        timings = {"read": t1 - t0, "extract": t2 - t1, "audit": t3 - t2}
        got = extraction_rows(ex)
    except Exception as e:  # a crash is a measurement too: every truth row missed
        error = f"{type(e).__name__}: {e}"
    s = score_doc(Path(path).name, truth, got)
    return {"doc": s.doc, "tables": {t: vars(v) for t, v in s.tables.items()}, "errors": s.errors,
            "missed": s.missed, "extra": s.extra, "timings": timings, "error": error,
            "meta": truth.get("_meta", {})}


def to_docscore(r: dict) -> DocScore:
    return DocScore(r["doc"], {t: TableScore(**v) for t, v in r["tables"].items()}, r["errors"], r["missed"],
                    r["extra"])


def pct(v: float | None) -> str:
    return "   —  " if v is None else f"{100 * v:6.2f}%"


def clip(v, n=60) -> str:
    s = json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else repr(v)
    return s if len(s) <= n else s[: n - 1] + "…"


def report(results: list[dict], n_errors: int, wall: float) -> tuple[str, dict]:
    scores = [to_docscore(r) for r in results]
    tables = total(scores)
    all_ = overall(tables)
    lines = []
    lines.append(f"{'table':<14}{'truth':>7}{'found':>7}{'matched':>8}{'missed':>7}{'extra':>7}{'fields':>8}"
                 f"{'accuracy':>10}")
    for t in TABLES:
        s = tables[t]
        lines.append(f"{t:<14}{s.truth_rows:>7}{s.got_rows:>7}{s.matched:>8}{s.missed:>7}{s.extra:>7}"
                     f"{s.fields:>8}{pct(s.accuracy):>10}")
    lines.append(f"{'overall':<14}{all_.truth_rows:>7}{all_.got_rows:>7}{all_.matched:>8}{all_.missed:>7}"
                 f"{all_.extra:>7}{all_.fields:>8}{pct(all_.accuracy):>10}")
    meta = {r["doc"]: r["meta"] for r in results}
    fmt_groups = by_group(scores, lambda d: d.rsplit(".", 1)[-1])
    kind_groups = by_group(scores, lambda d: f"{meta[d].get('kind', '?')}/{meta[d].get('language', '?')}")
    lines.append("")
    lines.append("accuracy by format:      " + "   ".join(f"{k} {pct(v.accuracy).strip()} ({v.missed} missed, "
                                                           f"{v.extra} extra)" for k, v in fmt_groups.items()))
    lines.append("accuracy by kind/language:")
    for k, v in kind_groups.items():
        lines.append(f"  {k:<28}{pct(v.accuracy)}  rows {v.matched}/{v.truth_rows} matched, {v.extra} extra")
    lines.append("worst variations (accuracy of the files that carry each; a file carries several):")
    var_groups = by_variation(scores, meta)
    for k, v in sorted(var_groups.items(), key=lambda kv: kv[1].accuracy or 0)[:n_errors]:
        lines.append(f"  {k:<40}{pct(v.accuracy)}  ({v.fields} fields)")
    lines.append("")
    lines.append(f"top {n_errors} field errors (in matched rows):")
    errs = top_errors(scores, n_errors)
    for (table, fld), c, e in errs:
        lines.append(f"  {c:>5}  {table}.{fld}: e.g. {e['doc']}: got {clip(e['got'])}, expected {clip(e['expected'])}")
    lines.append("")
    lines.append("missed rows by table (truth rows esep did not give):")
    for t, c, e in top_rows(scores, "missed"):
        lines.append(f"  {c:>5}  {t}: e.g. {e['doc']}: {clip(e['row'], 110)}")
    lines.append("extra rows by table (rows esep gave that the truth lacks):")
    for t, c, e in top_rows(scores, "extra"):
        lines.append(f"  {c:>5}  {t}: e.g. {e['doc']}: {clip(e['row'], 110)}")
    false = false_findings(results)
    lines.append("")
    lines.append(f"false findings: {false['clean_with_error']} of {false['clean']} clean files raise an error; "
                 "extra findings by rule/severity: "
                 + (", ".join(f"{k} {v}" for k, v in false["by_rule"].items()) or "none"))
    failed = [r for r in results if r["error"]]
    if failed:
        lines.append("")
        lines.append(f"{len(failed)} documents raised:")
        for r in failed[:10]:
            lines.append(f"  {r['doc']}: {r['error']}")
    timed = [r for r in results if r["timings"]]
    if timed:
        step = {k: sum(r["timings"][k] for r in timed) for k in ("read", "extract", "audit")}
        slow = sorted(timed, key=lambda r: -sum(r["timings"].values()))[:5]
        lines.append("")
        lines.append(f"time: {wall:.1f} s wall for {len(results)} files; summed over files: "
                     + ", ".join(f"{k} {v:.1f} s" for k, v in step.items()))
        lines.append("slowest: " + ", ".join(f"{r['doc']} {sum(r['timings'].values()):.1f} s "
                                              f"(read {r['timings']['read']:.1f})" for r in slow))
    data = {
        "tables": {t: {**vars(s), "accuracy": s.accuracy} for t, s in tables.items()},
        "overall": {**vars(all_), "accuracy": all_.accuracy},
        "by_format": {k: {**vars(v), "accuracy": v.accuracy} for k, v in fmt_groups.items()},
        "by_kind_language": {k: {**vars(v), "accuracy": v.accuracy} for k, v in kind_groups.items()},
        "false_findings": false,
        "top_errors": [{"table": t, "field": f, "count": c, "example": e} for (t, f), c, e in errs],
        "documents": results,
        "wall_seconds": wall,
        "esep": str(Path(__import__("esep").__file__).resolve().parent),
    }
    return "\n".join(lines), data


def by_variation(scores: list[DocScore], meta: dict) -> dict[str, TableScore]:
    """Overall score of the files carrying each variation (planted ones aside)."""
    out: dict[str, TableScore] = {}
    for d in scores:
        for v in meta[d.doc].get("variations", []):
            if not v.startswith("planted_"):
                out.setdefault(v, TableScore()).add(overall(d.tables))
    return out


def false_findings(results: list[dict]) -> dict:
    """Findings the truth lacks, by rule and severity, and how many clean files (no planted
    inconsistency) raise an error: the false alarms an auditor would see."""
    from collections import Counter
    by_rule: Counter = Counter()
    clean = clean_err = 0
    for r in results:
        extra = [e["row"] for e in r["extra"] if e["table"] == "findings"]
        by_rule.update(f"{x.get('rule')}/{x.get('severity')}" for x in extra)
        if not r["meta"].get("planted"):
            clean += 1
            clean_err += any(x.get("severity") == "error" for x in extra)
    return {"clean": clean, "clean_with_error": clean_err, "by_rule": dict(by_rule.most_common())}


def find_pairs(folder: Path, formats: list[str]) -> list[tuple[Path, Path]]:
    pairs = []
    for truth in sorted(folder.glob("*.truth.json")):
        stem = truth.name[: -len(".truth.json")]
        for f in formats:
            p = folder / f"{stem}.{f}"
            if p.exists():
                pairs.append((p, truth))
    return pairs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--json", type=Path, help="write the full report (every document, every error) here")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--min-accuracy", type=float, help="exit 1 if a table or the overall figure is below this")
    ap.add_argument("--formats", default="docx,pdf,txt")
    ap.add_argument("--errors", type=int, default=10, help="how many frequent field errors to list")
    args = ap.parse_args(argv)
    pairs = find_pairs(args.folder, [f for f in args.formats.split(",") if f])
    if not pairs:
        print(f"score_corpus: no documents with truth files in {args.folder}", file=sys.stderr)
        return 2
    t0 = time.time()
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(run_one, [str(p) for p, _ in pairs], [str(t) for _, t in pairs]))
    else:
        results = [run_one(str(p), str(t)) for p, t in pairs]
    text, data = report(results, args.errors, time.time() - t0)
    import esep
    print(f"{len(pairs)} files from {len({t for _, t in pairs})} documents in {args.folder}")
    print(f"esep from {Path(esep.__file__).resolve().parent}\n")
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    if args.min_accuracy is not None:
        low = [t for t, s in data["tables"].items() if s["accuracy"] is not None and s["accuracy"] < args.min_accuracy]
        if data["overall"]["accuracy"] is not None and data["overall"]["accuracy"] < args.min_accuracy:
            low.append("overall")
        if low:
            print(f"\nbelow {args.min_accuracy:.2%}: {', '.join(low)}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
