#!/usr/bin/env python3
"""Generate a variety corpus of grant reports with ground truth.

    python scripts/make_corpus.py --out build/corpus --n 40 --seed 1 [--no-pdf] [--kinds K,..] [--langs kk,ru]
                                  [--variety 2]

Writes, for each document NAME (e.g. 007_operator_report_ru):
  NAME.docx          rendered with scripts/_render_docx.py (merged cells, repeat header rows)
  NAME.pdf           the same through LibreOffice (one soffice call for the batch)
  NAME.truth.json    the facts it holds, in the format of tests/golden/seed_kk.facts.json,
                     plus "_meta": kind, language, variations applied, planted inconsistencies
and index.json listing them. Deterministic by --seed: the same seed gives the same
documents and truth (DOCX bytes pinned; PDF dates/IDs pinned).

Kinds cycle operator_report, project_report, competition_results (weights 2:1:1),
languages alternate kk/ru. About one document in five carries one planted
inconsistency, recorded in its truth `findings` with the contract's rule name;
every other document is internally consistent, so any finding on it is a false
positive. Score esep on it with scripts/score_corpus.py.

--variety 2 adds the layouts and wordings of scripts/corpus/forms.py, ngo.py, protocol.py
and operator2.py (form fields in six layouts with inflected labels, protocol extracts and
final conclusions, winners as lists and prose, partners in project reports, ...); the
default, 1, draws exactly as before, so an old seed gives the same corpus.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus.builder import CONVENTIONS  # noqa: E402
from corpus.docs import KINDS, make  # noqa: E402
from corpus.render import convert_batch, pick_layout, write_docx  # noqa: E402

PLAN = ("operator_report", "project_report", "operator_report", "competition_results")


def plan(n: int, kinds: list[str], langs: list[str]) -> list[tuple[str, str]]:
    """(kind, lang) for each document: kinds in the 2:1:1 cycle, languages alternating."""
    cycle = [k for k in PLAN if k in kinds] or kinds
    out = []
    for i in range(n):
        kind = cycle[i % len(cycle)]
        lang = langs[(i // len(cycle) + i) % len(langs)]
        out.append((kind, lang))
    return out


def generate(out: Path, n: int, seed: int, pdf: bool = True, kinds=KINDS, langs=("kk", "ru"),
             plant_rate: float = 0.2, quiet: bool = False, variety: int = 1) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    index = []
    docx_paths = []
    t0 = time.time()
    for i, (kind, lang) in enumerate(plan(n, list(kinds), list(langs)), start=1):
        rng = random.Random(f"{seed}:{i}:{kind}:{lang}")
        name = f"{i:03d}_{kind}_{lang}"
        doc = make(name, kind, lang, rng, plant_rate, variety=variety)
        layout, layout_meta = pick_layout(rng)
        path = out / f"{name}.docx"
        write_docx(doc, layout, path)
        docx_paths.append(path)
        meta = {"name": name, "kind": kind, "language": lang, "seed": seed, **({"variety": variety} if variety > 1 else {}),
                "variations": sorted(doc.variations),
                "planted": doc.planted, "layout": layout_meta}
        truth = {"_about": f"Ground truth of {name}, written by scripts/make_corpus.py from the facts it printed.",
                 "_conventions": CONVENTIONS, "_meta": meta, **doc.truth}
        (out / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
        files = [path.name] + ([f"{name}.pdf"] if pdf else [])
        index.append({**meta, "files": files, "truth": f"{name}.truth.json",
                      "rows": {t: len(v) for t, v in doc.truth.items()}})
    if not quiet:
        print(f"docx: {len(docx_paths)} documents in {time.time() - t0:.1f} s")
    if pdf and docx_paths:
        t1 = time.time()
        convert_batch(docx_paths, out)
        if not quiet:
            print(f"pdf: {len(docx_paths)} documents in {time.time() - t1:.1f} s (one soffice call)")
    (out / "index.json").write_text(json.dumps({"seed": seed, "n": n, **({"variety": variety} if variety > 1 else {}), "documents": index}, ensure_ascii=False,
                                               indent=1) + "\n", encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("build/corpus"))
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-pdf", action="store_true", help="DOCX only (no LibreOffice)")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--langs", default="kk,ru")
    ap.add_argument("--plant-rate", type=float, default=0.2, help="share of documents with a planted inconsistency")
    ap.add_argument("--variety", type=int, choices=(1, 2), default=1,
                    help="2: also the layouts and wordings of corpus.forms/.ngo/.protocol/.operator2")
    args = ap.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        ap.error(f"unknown kinds {bad}; known: {', '.join(KINDS)}")
    index = generate(args.out, args.n, args.seed, pdf=not args.no_pdf, kinds=kinds,
                     langs=[x for x in args.langs.split(",") if x], plant_rate=args.plant_rate,
                     variety=args.variety)
    print(f"wrote {len(index)} documents to {args.out} (index.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
