"""Readers that turn one input file into a table of text values.

Each reader returns a :class:`RawTable`: every column holds strings (missing values are
NA; an empty cell is missing), except Parquet datetime columns, which stay datetimes.
``rows`` gives each record's position in the file: the line number for CSV/TSV (header =
line 1), the event's ordinal for XES and the record's ordinal for Parquet.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import io
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError

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
#: Encodings tried, in order, when none is given.
AUTO_ENCODINGS: tuple[str, ...] = ("utf-8-sig", "utf-8", "cp932", "euc_jp")

_XES_ATTRIBUTES = frozenset({"string", "date", "int", "float", "boolean", "id"})
_XES_NESTED = frozenset({"list", "container", "values"})


@dataclass
class RawTable:
    """One file's records as text, before roles are assigned."""

    frame: pd.DataFrame
    rows: np.ndarray
    format: str
    encoding: str | None
    row_label: str  # "line", "event" or "row": how ``rows`` are named in messages
    warnings: list[str]


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


def read_table(path: Path, *, encoding: str | None = None, encoding_origin: str = "") -> RawTable:
    """Read one event-log file (CSV, TSV, XES, XES.GZ or Parquet) as text columns.

    ``encoding`` applies to CSV/TSV only; ``encoding_origin`` says where it came from
    (for messages).
    """
    fmt = file_format(path)
    if fmt in ("csv", "tsv"):
        return _read_delimited(path, fmt=fmt, encoding=encoding, encoding_origin=encoding_origin)
    if fmt in ("xes", "xes.gz"):
        return _read_xes(path, fmt=fmt)
    if fmt == "parquet":
        return _read_parquet(path)
    raise InputError(
        f"{path.name}: unsupported file type; use one of "
        f"{', '.join('*' + s for s in LOG_SUFFIXES + MODEL_SUFFIXES)}"
    )


# --------------------------------------------------------------------------- CSV / TSV


def _halfwidth_kana_share(text: str) -> float:
    sample = text[:200_000]
    if not sample:
        return 0.0
    kana = sum(1 for ch in sample if "\uff61" <= ch <= "\uff9f")
    return kana / len(sample)


def detect_encoding(data: bytes) -> str:
    """See :func:`decode_auto`; returns only the encoding's name."""
    return decode_auto(data)[0]


def decode_auto(data: bytes) -> tuple[str, str]:
    """Guess the encoding of ``data`` among :data:`AUTO_ENCODINGS` by strict decoding.

    Returns the encoding's name and the decoded text; raises :class:`ValueError` when
    none decodes the bytes. EUC-JP bytes also decode as CP932 (as half-width katakana),
    so the one with fewer half-width katakana wins.

    Examples
    --------
    >>> decode_auto("受付番号,処理内容".encode("cp932"))
    ('cp932', '受付番号,処理内容')
    >>> decode_auto("受付番号,処理内容".encode("euc_jp"))[0]
    'euc_jp'
    >>> decode_auto(codecs.BOM_UTF8 + "a,b".encode())
    ('utf-8-sig', 'a,b')
    >>> detect_encoding("受付番号".encode("utf-8"))
    'utf-8'
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    decoded: dict[str, str] = {}
    for enc in ("cp932", "euc_jp"):
        try:
            decoded[enc] = data.decode(enc)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise ValueError("no encoding fits")
    if len(decoded) == 2:
        if _halfwidth_kana_share(decoded["cp932"]) > _halfwidth_kana_share(decoded["euc_jp"]):
            return "euc_jp", decoded["euc_jp"]
        return "cp932", decoded["cp932"]
    enc = next(iter(decoded))
    return enc, decoded[enc]


def _sniff_delimiter(text: str, fmt: str) -> str:
    """Pick the delimiter (comma, tab, semicolon) from the first lines."""
    lines = [line for line in text[:65_536].splitlines()[:20] if line.strip()]
    if not lines:
        return "\t" if fmt == "tsv" else ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",\t;").delimiter
    except csv.Error:
        pass
    counts = {d: lines[0].count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0:
        return "\t" if fmt == "tsv" else ","
    return best


def _check_encoding_name(encoding: str, path: Path, origin: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        from ..errors import ConfigError

        where = f" ({origin})" if origin else ""
        raise ConfigError(
            f"{path.name}: unknown encoding '{encoding}'{where}; use one of "
            f"{', '.join(AUTO_ENCODINGS)} or leave it out to detect it"
        ) from None


def _read_delimited(
    path: Path, *, fmt: str, encoding: str | None, encoding_origin: str
) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path.name}: cannot be read ({err.strerror or err})") from None
    if not data.strip():
        raise InputError(f"{path.name} is empty; export the log with a header line and rows")
    if encoding:
        _check_encoding_name(encoding, path, encoding_origin)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            where = f" ({encoding_origin})" if encoding_origin else ""
            raise InputError(
                f"{path.name}: line {line} is not valid {encoding}{where}; "
                f"give the right encoding (one of {', '.join(AUTO_ENCODINGS)}) or leave it out"
            ) from None
        used = encoding
    else:
        try:
            used, text = decode_auto(data)
        except (ValueError, UnicodeDecodeError):
            raise InputError(
                f"{path.name}: cannot detect the text encoding (tried "
                f"{', '.join(AUTO_ENCODINGS)}); pass --encoding NAME or set encoding in "
                "procmine.toml"
            ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(f"{path.name} is empty; export the log with a header line and rows")
    delimiter = _sniff_delimiter(text, fmt)
    try:
        frame = _parse_delimited(text, delimiter)
    except pd.errors.ParserError as err:
        raise InputError(
            f"{path.name}: not a valid delimited file ({err}); check the quoting"
        ) from None
    except pd.errors.EmptyDataError:
        raise InputError(
            f"{path.name} is empty; export the log with a header line and rows"
        ) from None
    warnings: list[str] = []
    frame.columns = [str(c).strip() for c in frame.columns]
    # Trailing blank lines are not rows.
    blank = frame.isna().all(axis=1).to_numpy()
    last = len(blank)
    while last > 0 and blank[last - 1]:
        last -= 1
    frame = frame.iloc[:last]
    if frame.empty:
        raise InputError(f"{path.name} has a header line but no rows")
    rows = np.arange(2, len(frame) + 2, dtype=np.int64)
    duplicated = [c for c in frame.columns if _looks_mangled(c, frame.columns)]
    if duplicated:
        warnings.append(f"{path.name}: repeated column names were renamed: {', '.join(duplicated)}")
    return RawTable(
        frame=frame,
        rows=rows,
        format=fmt,
        encoding=used,
        row_label="line",
        warnings=warnings,
    )


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def _parse_delimited(text: str, delimiter: str) -> pd.DataFrame:
    """Parse delimited text as strings; blank lines become all-missing rows.

    The pyarrow engine is used when the text has no blank lines (it skips them, which
    would shift line numbers) and the C engine otherwise or when pyarrow refuses the file.
    """
    options = {"sep": delimiter, "dtype": str, "keep_default_na": False, "na_values": [""]}
    if not _BLANK_LINE.search(text.rstrip()):
        # pyarrow refuses some files (ragged rows …) with ArrowInvalid, a ValueError:
        # the C engine then reads them or says what is wrong.
        with contextlib.suppress(ValueError):
            return pd.read_csv(io.BytesIO(text.encode("utf-8")), engine="pyarrow", **options)
    return pd.read_csv(io.StringIO(text), engine="c", skip_blank_lines=False, **options)


def _looks_mangled(column: str, columns: pd.Index) -> bool:
    head, dot, tail = column.rpartition(".")
    return bool(dot) and tail.isdigit() and head in columns


# --------------------------------------------------------------------------- XES

_PRECHECK_BYTES = 65_536


def _open_xes(path: Path, fmt: str) -> io.BufferedIOBase:
    if fmt == "xes.gz":
        return gzip.open(path, "rb")
    return open(path, "rb")


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _read_xes(path: Path, *, fmt: str) -> RawTable:
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - lxml comes with pm4py
        raise InputError(
            f"{path.name}: reading XES needs the lxml package; pip install lxml"
        ) from None
    try:
        with _open_xes(path, fmt) as handle:
            head = handle.read(_PRECHECK_BYTES)
    except (OSError, EOFError, zlib.error) as err:
        raise InputError(
            f"{path.name}: cannot be read as {fmt} ({err}); re-export the log"
        ) from None
    if not head.strip():
        raise InputError(f"{path.name} is empty; export the log with traces and events")
    upper = head.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise InputError(
            f"{path.name}: XES files with a DOCTYPE or entity declarations are refused; "
            "re-export the log without them"
        )
    records: list[dict[str, str]] = []
    trace_attrs: dict[str, str] | None = None
    trace_events: list[dict[str, str]] = []
    event: dict[str, str] | None = None
    depth_in_attr = 0
    root_checked = False
    encoding: str | None = None
    try:
        with _open_xes(path, fmt) as handle:
            context = etree.iterparse(
                handle,
                events=("start", "end"),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=True,
                remove_comments=True,
            )
            for action, elem in context:
                tag = _local(elem.tag)
                if not root_checked:
                    root_checked = True
                    if tag != "log":
                        raise InputError(
                            f"{path.name}: not an XES log (root element is <{tag}>, expected <log>)"
                        )
                    continue
                if action == "start":
                    if tag in _XES_ATTRIBUTES or tag in _XES_NESTED:
                        if depth_in_attr == 0:
                            key = elem.get("key")
                            value = elem.get("value")
                            if key is not None and value is not None:
                                if event is not None:
                                    event[key] = value
                                elif trace_attrs is not None:
                                    trace_attrs["case:" + key] = value
                        depth_in_attr += 1
                    elif tag == "trace" and depth_in_attr == 0:
                        trace_attrs, trace_events = {}, []
                    elif tag == "event" and depth_in_attr == 0:
                        event = {}
                    continue
                # end events
                if tag in _XES_ATTRIBUTES or tag in _XES_NESTED:
                    depth_in_attr -= 1
                elif tag == "event" and depth_in_attr == 0 and event is not None:
                    if trace_attrs is not None:
                        trace_events.append(event)
                    else:
                        records.append(event)
                    event = None
                    elem.clear()
                elif tag == "trace" and depth_in_attr == 0 and trace_attrs is not None:
                    for item in trace_events:
                        records.append({**trace_attrs, **item})
                    trace_attrs, trace_events = None, []
                    elem.clear()
                    parent = elem.getparent()
                    if parent is not None:
                        while elem.getprevious() is not None:
                            del parent[0]
            info = getattr(context, "root", None)
            if info is not None:
                encoding = info.getroottree().docinfo.encoding
    except etree.XMLSyntaxError as err:
        line = err.lineno if err.lineno else "?"
        raise InputError(
            f"{path.name}: not well-formed XML (line {line}: {err.msg}); re-export the log"
        ) from None
    except (OSError, EOFError, zlib.error) as err:
        raise InputError(
            f"{path.name}: cannot be read as {fmt} ({err}); re-export the log"
        ) from None
    if not records:
        raise InputError(f"{path.name}: the XES log holds no events")
    # Columns in order of first appearance.
    columns: dict[str, None] = {}
    for item in records:
        for key in item:
            columns.setdefault(key, None)
    frame = pd.DataFrame.from_records(records, columns=list(columns))
    frame = frame.astype(pd.StringDtype(na_value=np.nan)) if len(frame.columns) else frame
    frame = frame.replace("", np.nan)
    return RawTable(
        frame=frame,
        rows=np.arange(1, len(frame) + 1, dtype=np.int64),
        format=fmt,
        encoding=encoding,
        row_label="event",
        warnings=[],
    )


# --------------------------------------------------------------------------- Parquet


def _read_parquet(path: Path) -> RawTable:
    try:
        frame = pd.read_parquet(path)
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        raise InputError(
            f"{path.name}: reading Parquet needs pyarrow; pip install pyarrow"
        ) from None
    except (ValueError, OSError, TypeError, KeyError) as err:  # ArrowInvalid is a ValueError
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputError(
            f"{path.name}: not a readable Parquet file ({message}); re-export it"
        ) from None
    if len(frame.columns) == 0:
        raise InputError(f"{path.name}: the Parquet file has no columns")
    if frame.empty:
        raise InputError(f"{path.name} has columns but no rows")
    frame = frame.reset_index(drop=True)
    out: dict[str, pd.Series] = {}
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(
            column.dtype
        ):
            out[str(name)] = column
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
        out[str(name)] = text.astype(pd.StringDtype(na_value=np.nan)).replace("", np.nan)
    return RawTable(
        frame=pd.DataFrame(out),
        rows=np.arange(1, len(frame) + 1, dtype=np.int64),
        format="parquet",
        encoding=None,
        row_label="row",
        warnings=[],
    )


def _to_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)
