"""The console script's start (esep.entry): what it does before the command runs."""
from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from esep.entry import skip_pandas_probe
skip_pandas_probe()
import pyarrow as pa
table = pa.table({"a": [1, 2], "b": ["x", None]})
print("pandas" in sys.modules)
frame = table.to_pandas()  # pandas imported now, when it is really needed
print("pandas" in sys.modules, list(frame["a"]))
import pandas as pd
print(pa.array(pd.Series([3, 4])).to_pylist())
"""


def test_arrow_converts_lists_without_importing_pandas_and_still_converts_to_pandas():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True,
                         cwd="/")
    assert out.stdout.split("\n")[:3] == ["False", "True [1, 2]", "[3, 4]"]
