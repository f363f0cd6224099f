"""Where esep finds its data files (label dictionaries, gazetteer, samples)."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The top-level ``data/`` folder of the checkout (or ``$ESEP_DATA``)."""
    env = os.environ.get("ESEP_DATA")
    if env:
        return Path(env)
    return PACKAGE_DIR.parent / "data"


def samples_dir() -> Path:
    return data_dir() / "samples"
