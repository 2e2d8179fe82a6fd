"""Reading exported event logs: CSV/TSV, XES, Parquet and process models, with column
detection, encodings, timestamps (including 和暦) and procmine.toml."""

from __future__ import annotations

from .loader import describe_mapping, load
from .timestamps import parse_date, parse_timestamps

__all__ = ["describe_mapping", "load", "parse_date", "parse_timestamps"]
