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
    return run()


if __name__ == "__main__":
    sys.exit(main())
