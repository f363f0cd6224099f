"""The `esep` console script: Ctrl-C is honoured from the first instant.

The command's modules take half a second to import; a Ctrl-C during that
time raised KeyboardInterrupt before `esep.cli.main` could catch it and
ended in a traceback. Here the import itself is guarded.
"""
from __future__ import annotations

import sys

INTERRUPTED = 130
INTERRUPTED_MESSAGE = "interrupted; the output folder holds the last complete run (run again to resume)"


def main() -> int:
    from esep.lifetime import catch_interrupts
    try:
        catch_interrupts()
        from esep.cli import main as run
    except KeyboardInterrupt:
        print(f"esep: {INTERRUPTED_MESSAGE}", file=sys.stderr)
        return INTERRUPTED
    skip_pandas_probe()
    return run()


def skip_pandas_probe() -> None:
    """Tell pyarrow that this process has no pandas objects to convert.

    pyarrow's first conversion of a Python list asks pandas whether the list is a
    pandas object, and imports pandas to ask: 0.35 s, a tenth of a small batch's
    run, in the one process that also links and writes. The command converts
    plain lists only. pyarrow records "no pandas" after a failed import and tries
    again whenever pandas is really needed (``to_pandas``), so nothing is lost.
    """
    if "pandas" in sys.modules:
        return
    import pyarrow as pa
    sys.meta_path.insert(0, _NoPandas)
    try:
        pa.array([0])
    finally:
        sys.meta_path.remove(_NoPandas)


class _NoPandas:
    """An import hook under which ``import pandas`` fails (for `skip_pandas_probe`)."""

    @staticmethod
    def find_spec(name: str, path=None, target=None):  # noqa: ANN001, ANN205 - importlib's protocol
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError(f"{name} is not imported by the esep command")
        return None


if __name__ == "__main__":
    sys.exit(main())
