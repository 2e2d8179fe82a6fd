"""Readers that turn one input file into a table of text values.

Each reader returns a :class:`~procmine.io.table.RawTable`: every column holds strings
(missing values are NA; an empty cell is missing), except Parquet datetime columns, which
stay datetimes. ``rows`` gives each record's position in the file: the line it starts on
for CSV/TSV (header = line 1), the event's ordinal for XES and the record's ordinal for
Parquet. The formats live in :mod:`procmine.io.delimited` and :mod:`procmine.io.xes`;
Parquet is read here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from .delimited import AUTO_ENCODINGS, decode_auto, detect_encoding, read_delimited
from .limits import expansion_limit
from .messages import Notice, Place, at, show
from .table import RawTable, clean_table, unique_headers
from .xes import read_xes

__all__ = [
    "AUTO_ENCODINGS",
    "LOG_SUFFIXES",
    "MODEL_SUFFIXES",
    "RawTable",
    "decode_auto",
    "detect_encoding",
    "file_format",
    "read_table",
]

#: Event-log file name endings that :func:`read_table` understands.
LOG_SUFFIXES: tuple[str, ...] = (".csv", ".tsv", ".xes", ".xes.gz", ".parquet")
#: Process-model file name endings (read by procmine.io.processmodels).
MODEL_SUFFIXES: tuple[str, ...] = (".bpmn", ".pnml", ".epml")


def file_format(path: Path) -> str | None:
    """``csv``, ``tsv``, ``xes``, ``xes.gz``, ``parquet``, ``model`` or None (unsupported)."""
    name = path.name.lower()
    if name.endswith(".xes.gz"):
        return "xes.gz"
    for suffix in (".csv", ".tsv", ".xes", ".parquet"):
        if name.endswith(suffix):
            return suffix[1:]
    if name.endswith(MODEL_SUFFIXES):
        return "model"
    return None


def read_table(
    path: Path,
    *,
    encoding: str | None = None,
    encoding_origin: str = "",
    max_bad_share: float = 0.05,
) -> RawTable:
    """Read one event-log file (CSV, TSV, XES, XES.GZ or Parquet) as text columns.

    ``encoding`` applies to CSV/TSV only; ``encoding_origin`` says where it came from
    (for messages). ``max_bad_share`` is the largest share of CSV rows with more fields
    than the header that are dropped rather than refusing the file.
    """
    fmt = file_format(path)
    if fmt in ("csv", "tsv"):
        return read_delimited(
            path,
            fmt=fmt,
            encoding=encoding,
            encoding_origin=encoding_origin,
            max_bad_share=max_bad_share,
        )
    if fmt in ("xes", "xes.gz"):
        return read_xes(path, fmt=fmt)
    if fmt == "parquet":
        return _read_parquet(path)
    raise InputError(
        f"{at(path.name)}: unsupported file type — use one of "
        f"{', '.join('*' + s for s in LOG_SUFFIXES + MODEL_SUFFIXES)}"
    )


# --------------------------------------------------------------------------- Parquet


def _parquet_size_check(path: Path, source: str) -> None:
    """Refuse a Parquet file whose decoded table would be far larger than the file."""
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception:
        return
    cells = int(meta.num_rows) * max(int(meta.num_columns), 1)
    limit = expansion_limit(path.stat().st_size)
    if cells * 8 > limit:
        raise InputError(
            f"{at(source)}: holds {int(meta.num_rows):,} rows × {int(meta.num_columns)} "
            f"columns, more than {limit:,} bytes once decoded — procmine refuses files that "
            "expand this far; raise PROCMINE_MAX_EXPANDED_BYTES / PROCMINE_MAX_EXPANSION_RATIO "
            "if it is genuine"
        )


def _parquet_frame(path: Path) -> pd.DataFrame:
    """The file as a DataFrame; repeated column names (which pandas refuses) are numbered."""
    import pyarrow.parquet as pq

    names = list(pq.read_schema(path).names)
    if len(set(names)) == len(names):
        return pd.read_parquet(path)
    table = pq.ParquetFile(path).read()
    unique, _ = unique_headers(names)
    return table.replace_schema_metadata(None).rename_columns(unique).to_pandas()


def _read_parquet(path: Path) -> RawTable:
    source = path.name
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        raise InputError(
            f"{at(source)}: reading Parquet needs pyarrow — pip install pyarrow"
        ) from None
    try:
        _parquet_size_check(path, source)
        frame = _parquet_frame(path)
    except InputError:
        raise
    except (
        ValueError,
        OSError,
        TypeError,
        KeyError,
        IndexError,
        NotImplementedError,
        pa.ArrowException,
    ) as err:
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputError(
            f"{at(source)}: not a readable Parquet file ({show(message, limit=100)}) — re-export it"
        ) from None
    if len(frame.columns) == 0:
        raise InputError(f"{at(source)}: the Parquet file has no columns — re-export it")
    if frame.empty:
        raise InputError(f"{at(source)}: has columns but no rows — export the rows too")
    # A named index (df.set_index("case").to_parquet()) is data; a default one is not.
    named = any(name is not None for name in frame.index.names)
    frame = frame.reset_index(drop=not named)
    import pyarrow.parquet as pq

    names, renamed = unique_headers([str(c) for c in frame.columns])
    if not renamed:
        _, renamed = unique_headers(list(pq.read_schema(path).names))
    warnings: list[str] = []
    if renamed:
        warnings.append(
            Notice(
                f"{at(source)}: repeated column names were renamed: {', '.join(renamed)}",
                "headers_renamed",
                place=Place(at(source)),
                renamed=tuple(renamed),
            )
        )
    out: dict[str, pd.Series] = {}
    for position, name in enumerate(names):
        column = frame.iloc[:, position]
        if isinstance(column.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(
            column.dtype
        ):
            out[name] = column
            continue
        if pd.api.types.is_string_dtype(column.dtype) and column.dtype != object:
            text = column
        elif pd.api.types.is_integer_dtype(column.dtype) or pd.api.types.is_bool_dtype(
            column.dtype
        ):
            text = column.astype(object).where(column.notna(), None)
            text = text.map(str, na_action="ignore")
        else:
            text = column.astype(object).where(column.notna(), None)
            text = text.map(_to_text, na_action="ignore")
        text = text.astype(pd.StringDtype(na_value=np.nan))
        if (text == "").any():  # replacing copies every value: only when there is one
            text = text.replace("", np.nan)
        out[name] = text
    table = RawTable(
        frame=pd.DataFrame(out),
        rows=np.arange(1, len(frame) + 1, dtype=np.int64),
        format="parquet",
        encoding=None,
        row_label="row",
        warnings=warnings,
    )
    return clean_table(table, source=source)


def _to_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)
