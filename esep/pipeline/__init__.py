"""The batch pipeline: discover files, process each in isolation, write Parquet atomically."""
from esep.pipeline.discover import InputError, discover
from esep.pipeline.process import process_file
from esep.pipeline.run import ingest

__all__ = ["InputError", "discover", "ingest", "process_file"]
