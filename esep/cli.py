"""The `esep` command: a thin argparse layer over `esep.pipeline` and `esep.schemas`.

Exit codes: 0 success, 1 a document failed (ingest) or the contract does not
hold (validate), 2 usage error, 130 interrupted.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Callable, Sequence

from esep import __version__
from esep.paths import samples_dir
from esep.pipeline import InputError, ingest
from esep.pipeline.datamodel import BatchResult
from esep.pipeline.isolation import DEFAULT_TIMEOUT
from esep.pipeline.remote import has_protocol
from esep.pipeline.run import EXECUTORS
from esep.pipeline.writer import OutputError
from esep.records import Extraction
from esep.schemas.contract import SEVERITIES, TABLES
from esep.schemas.validate import validate_output

DEFAULT_OUT = Path("esep-out")


def _err(message: str) -> None:
    print(f"esep: {message}", file=sys.stderr)


def _positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
        return value
    return parse


def _path_or_url(text: str) -> Path | str:
    return text if has_protocol(text) else Path(text)  # Path() would fold a URL's "//"


def format_kzt(value: Decimal) -> str:
    """``10 000 000.00 KZT``: thousands split by spaces, as the reports print them."""
    return f"{value:,.2f}".replace(",", " ") + " KZT"


# --- ingest ------------------------------------------------------------------

def _add_ingest(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="read reports into Parquet tables",
                       description="Read reports (PDF, DOCX, DOC, text) into the Parquet tables of OUT. "
                                   "Files OUT already holds (same bytes) are skipped.")
    p.add_argument("paths", nargs="*", type=_path_or_url, metavar="PATHS",
                   help=f"files or folders, or URLs (s3://..., with --executor dask) "
                        f"(default: the bundled samples, {samples_dir()})")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: ./esep-out)")
    p.add_argument("--jobs", type=_positive(int), default=None, help="worker processes (default: CPUs)")
    p.add_argument("--timeout", type=_positive(float), default=DEFAULT_TIMEOUT,
                   help=f"seconds one file may take (default: {DEFAULT_TIMEOUT:g})")
    p.add_argument("--force", action="store_true", help="process files OUT already holds again")
    p.add_argument("--executor", choices=EXECUTORS, default="local",
                   help="local worker processes (default) or dask: a Dask cluster, "
                        "local (--jobs workers) unless --scheduler is given; needs esep[dask]")
    p.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                   help="the Dask scheduler to run on (implies --executor dask)")
    p.add_argument("--quiet", action="store_true", help="print failures only")
    p.set_defaults(func=cmd_ingest)


def _progress(done: int, total: int, ex: Extraction) -> None:
    print(f"[{done}/{total}] {ex.document.status}: {ex.document.source_path}", file=sys.stderr, flush=True)


def grant_money(processed: list[Extraction]) -> tuple[Decimal, int]:
    """The grants' total over the batch, each report once: the same report as a
    PDF, a DOCX and a Russian copy (same region, year and contract sums), or a
    document that restates another in the other language (``same_as_doc_id``,
    set by esep.link), is one."""
    seen: set[tuple] = set()
    total, copies = Decimal(0), 0
    for ex in processed:
        d = ex.document
        if d.grant_total_kzt is None:
            continue
        key = (d.doc_kind, d.region, d.reporting_year,
               tuple(sorted((c.contract_no or "", str(c.grant_kzt)) for c in ex.contracts)), d.grant_total_kzt)
        group = ("restated", d.same_as_doc_id or d.doc_id)
        if key in seen or group in seen:
            copies += 1
            continue
        seen.update((key, group))
        total += d.grant_total_kzt
    return total, copies


def summary(result: BatchResult) -> list[str]:
    """The lines `esep ingest` prints about the batch it ran."""
    docs = [ex.document for ex in result.processed]
    status = Counter(d.status for d in docs)
    contracts = sum(1 for ex in result.processed for c in ex.contracts if not c.is_total)
    money, copies = grant_money(result.processed)
    findings = Counter(f.severity for ex in result.processed for f in ex.findings)
    by_severity = ", ".join(f"{s} {findings[s]}" for s in ("error", "warning", "info") if s in SEVERITIES)
    return [
        f"documents: {len(docs)} (ok {status['ok']}, partial {status['partial']}, failed {status['failed']}); "
        f"skipped {len(result.skipped)} already ingested",
        f"contracts: {contracts}",
        f"money: {format_kzt(money)}" + (f" (counted once: the same report is in {copies} more "
                                         f"file{'s' if copies > 1 else ''})" if copies else ""),
        f"events: {sum(len(ex.events) for ex in result.processed)}",
        f"findings: {sum(findings.values())} ({by_severity})",
        f"output: {result.out} ({len(result.dataset.extractions)} documents in all)",
    ]


def unrecognised(ex: Extraction) -> bool:
    """A document esep read but does not know as a grant report: no kind, and no
    contract, recipient, winner or grant total found in it (a recipe, a letter)."""
    d = ex.document
    return (d.status != "failed" and d.doc_kind == "unknown" and d.grant_total_kzt is None
            and not (ex.contracts or ex.recipients or ex.winners))


def cmd_ingest(args: argparse.Namespace) -> int:
    paths = args.paths or [samples_dir()]
    result = ingest(paths, args.out, jobs=args.jobs, timeout=args.timeout, force=args.force,
                    on_progress=None if args.quiet else _progress, executor=args.executor,
                    scheduler=args.scheduler)
    for ex in result.processed:
        if ex.document.status == "failed":
            _err(f"failed: {ex.document.source_path}: {ex.document.error}")
    if not args.quiet:
        for ex in filter(unrecognised, result.processed):
            _err(f"warning: {ex.document.source_path}: not recognised as a grant report")
        print("\n".join(summary(result)))
    return 1 if any(ex.document.status == "failed" for ex in result.processed) else 0


# --- validate ----------------------------------------------------------------

def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check an output folder against the contract",
                       description="Check the tables, types and values of OUT against the output contract.")
    p.add_argument("out", type=Path, metavar="OUT", help="an esep output folder")
    p.set_defaults(func=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    if not args.out.is_dir():
        raise InputError(f"not a folder: {args.out}")
    problems = validate_output(args.out)
    for p in problems:
        print(p)
    print(f"contract: {len(problems)} problems in {len(TABLES)} tables")
    return 1 if problems else 0


# --- audit -------------------------------------------------------------------

def _add_audit(sub: argparse._SubParsersAction) -> None:
    from esep.audit import report
    p = sub.add_parser("audit", help="print the audit findings of an output folder",
                       description="Print the findings of OUT grouped by document, the worst first, "
                                   "each with its page, locator and evidence.")
    p.add_argument("out", type=Path, metavar="OUT", help="an esep output folder")
    p.add_argument("--severity", choices=report.SEVERITY_ORDER, default=None,
                   help="show findings of this severity or worse (default: all)")
    p.add_argument("--rule", type=report.rule_name, action="append", default=None, metavar="RULE",
                   help="show findings of this rule only (repeatable; rules: "
                        + ", ".join(report.RULES) + ")")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text for reading (default) or a JSON array of findings")
    p.add_argument("--lang", choices=report.LANGS, default="en",
                   help="language of the messages: en (default), kk, ru")
    p.add_argument("--full", action="store_true",
                   help=f"print evidence whole (default: cut at {report.EVIDENCE_LIMIT} characters)")
    p.add_argument("--fail-on", choices=report.FAIL_ON, default="never",
                   help="exit 1 when a shown finding is of this severity or worse (default: never)")
    p.set_defaults(func=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    from esep.audit import report
    try:
        documents, findings = report.load(args.out)
    except report.AuditError as e:
        _err(str(e))
        return 2
    groups = report.group(documents, report.select(findings, args.severity, args.rule))
    if args.format == "json":
        text = report.format_json(groups, args.lang)
    else:
        text = "\n".join(report.format_text(groups, args.lang, args.full, len(documents)))
    try:
        print(text, flush=True)
    except BrokenPipeError:  # `esep audit OUT | head`
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1 if report.fails(groups, args.fail_on) else 0


# --- main --------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="esep", description="Kazakhstan's NGO grant reports "
                                     "(Kazakh and Russian) into Parquet tables with provenance.")
    parser.add_argument("--version", action="version", version=f"esep {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_ingest(sub)
    _add_validate(sub)
    _add_audit(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (argparse's own exits become return codes)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version, usage errors
        return int(e.code or 0)
    try:
        return args.func(args)
    except (InputError, OutputError) as e:
        _err(f"error: {e}")
        return 2
    except KeyboardInterrupt:
        _err("interrupted; the output folder was left as it was")
        return 130


if __name__ == "__main__":
    sys.exit(main())
