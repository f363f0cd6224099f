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
from esep.entry import INTERRUPTED
from esep.lifetime import interrupted
from esep.money import Money, money
from esep.paths import samples_dir
from esep.pipeline import InputError, ingest
from esep.pipeline.datamodel import BatchResult
from esep.pipeline.limits import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from esep.pipeline.staging import DEFAULT_EVERY, DEFAULT_SECONDS
from esep.pipeline.remote import has_protocol
from esep.pipeline.run import EXECUTORS
from esep.pipeline.writer import OutputError
from esep.progress import make_reporter
from esep.records import Extraction
from esep.say import LANGS, pick_lang, say, severity
from esep.sql import FORMATS as SQL_FORMATS  # DuckDB itself is imported on use

from esep.schemas.contract import SEVERITIES, TABLES
from esep.schemas.validate import validate_output

DEFAULT_OUT = Path("esep-out")


def _err(message: str) -> None:
    print(f"esep: {message}", file=sys.stderr)


def _number(kind: Callable[[str], float], zero: bool = False) -> Callable[[str], float]:
    """An argparse type: a number above 0 (or at least 0 when ``zero``)."""
    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < 0 or (value == 0 and not zero):
            raise argparse.ArgumentTypeError(f"must be {'0 or more' if zero else 'positive'}: {text!r}")
        return value
    return parse


def _path_or_url(text: str) -> Path | str:
    return text if has_protocol(text) else Path(text)  # Path() would fold a URL's "//"


def _add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=LANGS, default=None,
                   help="language of the messages: en, kk, ru (default: the locale's, else en)")


def _quiet_stdout() -> None:
    """After a reader closed our stdout (`| head`): later writes go nowhere, not to a traceback."""
    import os
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


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
    p.add_argument("--out", type=_path_or_url, default=DEFAULT_OUT,
                   help="output folder, or an fsspec URL (s3://bucket/out/) it is published to "
                        "(default: ./esep-out)")
    p.add_argument("--jobs", type=_number(int), default=None, help="worker processes (default: CPUs)")
    p.add_argument("--timeout", type=_number(float), default=DEFAULT_TIMEOUT,
                   help=f"seconds one file may go without progress; each page OCR reads is "
                        f"progress (default: {DEFAULT_TIMEOUT:g})")
    p.add_argument("--total-timeout", type=_number(float), default=None, metavar="SECONDS",
                   help="seconds one file may take in all, however much progress (default: no limit)")
    p.add_argument("--memory-limit", type=_number(float, zero=True), default=DEFAULT_MEMORY_MB, metavar="MB",
                   help=f"memory one worker may use; a file that needs more fails alone "
                        f"(default: {DEFAULT_MEMORY_MB}; 0: no limit)")
    p.add_argument("--commit-every", type=_number(int), default=DEFAULT_EVERY, metavar="N",
                   help=f"commit finished files every N files (default: {DEFAULT_EVERY}) ...")
    p.add_argument("--commit-seconds", type=_number(float), default=DEFAULT_SECONDS, metavar="S",
                   help=f"... or every S seconds (default: {DEFAULT_SECONDS:g}); a rerun after a "
                        "crash resumes after the last commit")
    p.add_argument("--force", action="store_true", help="process files OUT already holds again")
    p.add_argument("--executor", choices=EXECUTORS, default="local",
                   help="local worker processes (default) or dask: a Dask cluster, "
                        "local (--jobs workers) unless --scheduler is given; needs esep[dask]")
    p.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                   help="the Dask scheduler to run on (implies --executor dask)")
    p.add_argument("--quiet", action="store_true", help="print failures only")
    _add_lang(p)
    p.add_argument("--log", type=Path, default=None, metavar="FILE",
                   help="append a JSON line per finished file to FILE (also with --quiet)")
    p.set_defaults(func=cmd_ingest)


def money_line(cash: Money, lang: str = "en") -> str:
    """The summary's money: each grant once however many documents state it (esep.money)."""
    line = say("money", lang, kzt=format_kzt(cash.total), grants=cash.grants,
               grant_word=say("grant_one" if cash.grants == 1 else "grant_many", lang))
    if cash.restated:
        line += say("restated", lang, n=cash.restated,
                    figure_word=say("figure_one" if cash.restated == 1 else "figure_many", lang))
    return line


def summary(result: BatchResult, lang: str = "en") -> list[str]:
    """The lines `esep ingest` prints about the batch it ran, in ``lang``."""
    docs = [ex.document for ex in result.processed]
    status = Counter(d.status for d in docs)
    contracts = sum(1 for ex in result.processed for c in ex.contracts if not c.is_total)
    findings = Counter(f.severity for ex in result.processed for f in ex.findings)
    by_severity = ", ".join(say("severity", lang, severity=severity(s, lang), n=findings[s])
                            for s in ("error", "warning", "info") if s in SEVERITIES)
    return [
        say("documents", lang, n=len(docs), ok=status["ok"], partial=status["partial"],
            failed=status["failed"], skipped=len(result.skipped))
        + (say("resumed", lang, n=result.resumed) if result.resumed else ""),
        say("contracts", lang, n=contracts),
        money_line(money(result.processed), lang),
        say("events", lang, n=sum(len(ex.events) for ex in result.processed)),
        say("findings", lang, n=sum(findings.values()), by_severity=by_severity),
        say("output", lang, out=result.where or result.out, n=result.documents),
    ]


def unrecognised(ex: Extraction) -> bool:
    """A document esep read but does not know as a grant report: no kind, and no
    contract, recipient, winner or grant total found in it (a recipe, a letter)."""
    d = ex.document
    return (d.status != "failed" and d.doc_kind == "unknown" and d.grant_total_kzt is None
            and not (ex.contracts or ex.recipients or ex.winners))


def cmd_ingest(args: argparse.Namespace) -> int:
    paths, lang = args.paths or [samples_dir()], pick_lang(args.lang)
    # the reporter prints each failure as the file finishes (see esep.progress)
    with make_reporter(sys.stderr, args.quiet, args.log, lang=lang) as report:
        result = ingest(paths, args.out, jobs=args.jobs, timeout=args.timeout,
                        total_timeout=args.total_timeout, memory_mb=args.memory_limit or None,
                        commit_every=args.commit_every, commit_seconds=args.commit_seconds,
                        force=args.force, on_progress=report, executor=args.executor,
                        scheduler=args.scheduler)
        report.finish(result.processed)
    if not args.quiet:
        for ex in filter(unrecognised, result.processed):
            _err(say("unrecognised", lang, path=ex.document.source_path))
        print("\n".join(summary(result, lang)))
    return 1 if any(ex.document.status == "failed" for ex in result.processed) else 0


# --- validate ----------------------------------------------------------------

def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check an output folder against the contract",
                       description="Check the tables, types and values of OUT against the output contract.")
    p.add_argument("out", type=Path, metavar="OUT", help="an esep output folder")
    _add_lang(p)
    p.set_defaults(func=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    if not args.out.is_dir():
        raise InputError(f"not a folder: {args.out}")
    problems = validate_output(args.out)
    for p in problems:
        print(p)
    print(say("contract_check", pick_lang(args.lang), n=len(problems), tables=len(TABLES)))
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
    _add_lang(p)
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
        text = report.format_json(groups, pick_lang(args.lang))
    else:
        text = "\n".join(report.format_text(groups, pick_lang(args.lang), args.full, len(documents)))
    try:
        print(text, flush=True)
    except BrokenPipeError:  # `esep audit OUT | head`
        _quiet_stdout()
    return 1 if report.fails(groups, args.fail_on) else 0


# --- sql ---------------------------------------------------------------------

def _add_sql(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sql", help="run SQL (DuckDB) over an output folder",
                       description="Run a DuckDB query over OUT, each table a view of its name "
                                   "(documents, contracts, ...); without a query, an interactive prompt.")
    p.add_argument("out", type=Path, metavar="OUT", help="an esep output folder")
    p.add_argument("query", nargs="?", default=None, help="the query (default: a prompt)")
    p.add_argument("--format", choices=SQL_FORMATS, default="table",
                   help="table (default), csv, json (one object per line) or parquet (needs --output)")
    p.add_argument("--output", type=Path, default=None, metavar="FILE",
                   help="write the result to FILE instead of printing it")
    p.set_defaults(func=cmd_sql)


def cmd_sql(args: argparse.Namespace) -> int:
    from esep import sql
    if not (args.out / "manifest.json").is_file():
        raise InputError(f"not an esep output folder: {args.out}")
    con = sql.connect(args.out)
    if args.query is None:
        sql.prompt(con)
        return 0
    try:
        if args.format == "parquet":
            if args.output is None:
                raise InputError("--format parquet writes a file: give it with --output FILE")
            sql.copy_parquet(con, args.query, args.output)
            return 0
        result = sql.run(con, args.query)
    except sql.SqlError as e:
        _err(f"error: {e}")
        return 1
    if args.output is not None:
        with open(args.output, "w", encoding="utf-8", newline="") as f:
            sql.write_result(result, args.format, f)
    else:
        try:
            sql.write_result(result, args.format, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:  # `esep sql OUT "..." | head`
            _quiet_stdout()
    return 0


# --- export ------------------------------------------------------------------

def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="copy an output folder's tables, private persons pseudonymised",
                       description="Write OUT's contract tables and manifest to DEST; with --redact-pii "
                                   "private persons (NGO and partner leaders, speakers) and their phones "
                                   "become keyed pseudonyms, the same in every table (see esep.redact).")
    p.add_argument("out", type=Path, metavar="OUT", help="an esep output folder")
    p.add_argument("dest", type=Path, metavar="DEST", help="a new folder")
    p.add_argument("--redact-pii", action="store_true", help="pseudonymise private persons and phones")
    p.add_argument("--key-file", type=Path, default=Path("esep-pii.key"), metavar="FILE",
                   help="the secret key of the pseudonyms, created when missing; the same key gives "
                        "the same pseudonyms in every export (default: ./esep-pii.key)")
    _add_lang(p)
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from esep import redact
    if not (args.out / "manifest.json").is_file():
        raise InputError(f"not an esep output folder: {args.out}")
    if args.dest.exists() and (not args.dest.is_dir() or any(args.dest.iterdir())):
        raise InputError(f"{args.dest} exists and is not an empty folder")  # before a key is made
    key = redact.load_key(args.key_file) if args.redact_pii else None
    try:
        r = redact.export(args.out, args.dest, key)
    except FileExistsError as e:
        raise InputError(str(e)) from None
    if key is not None:
        print(f"{args.dest}: {len(r.person_ids)} private persons and {len(set(r.phones.values()))} phones "
              f"pseudonymised (key: {args.key_file})")
    return 0


# --- report ------------------------------------------------------------------

def _add_report(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write the review page of an output folder",
                       description="Write one self-contained HTML file for auditors: per document its "
                                   "summary, tables and findings, each with a crop of its PDF page.")
    p.add_argument("out", type=Path, metavar="OUT", help="an esep output folder")
    p.add_argument("--html", type=Path, required=True, metavar="FILE", help="the page to write")
    _add_lang(p)
    p.add_argument("--sources", type=Path, default=None, metavar="DIR",
                   help="folder the documents' relative paths start from (default: the current folder)")
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from esep.review import ReviewError, write_review
    try:
        stats = write_review(args.out, args.html, pick_lang(args.lang), args.sources)
    except ReviewError as e:
        _err(str(e))
        return 2
    print(f"{args.html}: {stats.documents} documents, {stats.findings} findings, {stats.crops} crops, "
          f"{stats.bytes / 1e6:.1f} MB in {stats.seconds:.1f} s")
    return 0


# --- main --------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="esep", description="Kazakhstan's NGO grant reports "
                                     "(Kazakh and Russian) into Parquet tables with provenance.")
    parser.add_argument("--version", action="version", version=f"esep {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_ingest(sub)
    _add_validate(sub)
    _add_audit(sub)
    _add_sql(sub)
    _add_export(sub)
    _add_report(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (argparse's own exits become return codes)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(argv)
    try:
        code = _run(argv, lang)
    except KeyboardInterrupt:
        code = INTERRUPTED
    if code == INTERRUPTED or interrupted():  # also a Ctrl-C whose exception got lost
        _err(say("interrupted", lang))
        return INTERRUPTED
    return code


def _lang_of(argv: list[str]) -> str:
    """The messages' language before argparse has run (errors and Ctrl-C need it too)."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in LANGS:
            return value
    return pick_lang(None)


def _run(argv: list[str], lang: str) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version, usage errors
        return int(e.code or 0)
    try:
        return args.func(args)
    except (InputError, OutputError) as e:
        _err(say("error", lang, message=e))
        return 2


if __name__ == "__main__":
    sys.exit(main())
