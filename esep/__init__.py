"""esep: Kazakhstan's grant reports (Kazakh and Russian) into linked Parquet tables."""

__version__ = "0.1.0"
