"""A small Python API for the output folder: the tables as pandas DataFrames.

    >>> import esep.api
    >>> contracts = esep.api.table("esep-out", "contracts")
    >>> contracts[["contract_no", "grant_kzt", "page", "evidence"]]

Money columns come back as Python `Decimal` (object dtype), as Arrow's
decimal128 maps to pandas; dates as `datetime.date`.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds

from esep.schemas.contract import TABLES


def table(out: str | Path, name: str) -> pd.DataFrame:
    """One table of an esep output folder as a DataFrame."""
    if name not in TABLES:
        raise ValueError(f"no table {name!r}; the tables are {', '.join(TABLES)}")
    return ds.dataset(Path(out) / name, format="parquet", partitioning="hive").to_table().to_pandas()


def tables(out: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of an esep output folder, by name."""
    return {name: table(out, name) for name in TABLES}
