"""CSV and TSV exports: encodings, delimiters, quoting and exact line numbers.

* **Encodings**: UTF-8 (with or without BOM), UTF-16 with a BOM, CP932 (Shift_JIS) and
  EUC-JP are detected by strict decoding. A file whose lines mix UTF-8 with another
  encoding is refused with the first line that is not UTF-8 (instead of being read as
  mojibake). Files that are ZIP/Excel, gzip, PDF or Parquet are recognised and refused.
* **Delimiters**: comma, tab, semicolon and ``|`` are sniffed from the first lines.
* **Line numbers**: each record's ``row`` is the line it starts on (header = line 1 when it
  is the first line), counting the line breaks inside quoted values, so numbers stay right
  after a quoted newline. Blank lines before the header are skipped; blank lines after it
  are rows (dropped as ``blank line``); blank lines at the end are not rows.
* **Ragged rows**: a row with more fields than the header is not read; it is counted as
  dropped (``too many fields``) with a warning naming its lines, and the file is refused
  when more than ``max_bad_share`` of its rows are ragged (the delimiter is then wrong).
  Extra fields that are all empty (trailing delimiters) are ignored; missing trailing
  fields are empty.
* A value whose opening quote is never closed is refused with the line it starts on; a
  quoted value whose lines look like whole records (as many delimiters as a row) is named in
  a warning with its lines (an unbalanced quote has joined rows).
* **Header**: the first line that is not blank. It is refused when it looks like a data row
  (a date or time above a column of dates, ids shaped like the ids below, and no known
  column name), and so is a line of blank names above a data row: the values of a
  resident must not become column names.
* **Encodings forced** with ``--encoding`` or procmine.toml are used as given, except that a
  single-byte encoding (latin-1 …) on a file that is UTF-8 is refused.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ConfigError, InputError
from .columns import HEADER_NAMES, header_key
from .limits import field_limit
from .messages import More, Notice, Term, at, show
from .table import CONTROL, RawTable, blank_rows, clean_table, place_of, unique_headers
from .timestamps import parse_timestamps

__all__ = ["AUTO_ENCODINGS", "decode_auto", "detect_encoding", "read_delimited"]

#: Encodings tried, in order, when none is given (UTF-16 is used when the file has its BOM).
AUTO_ENCODINGS: tuple[str, ...] = ("utf-8-sig", "utf-8", "cp932", "euc_jp")

_DELIMITERS = (",", "\t", ";", "|")
#: The word for each delimiter in a warning (``notice_<term>`` in the report's strings).
_SEPARATOR_TERMS = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}
_TOO_MANY = "too many fields"
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook?)", "save it as CSV (UTF-8)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel .xls workbook", "save it as CSV (UTF-8)"),
    (b"\x1f\x8b", "gzip-compressed", "decompress it first"),
    (b"%PDF", "a PDF document", "export the log as CSV"),
    (b"PAR1", "a Parquet file", "name it *.parquet"),
    (b"SQLite format 3\x00", "an SQLite database", "export the log as CSV"),
)
_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
_LINE_BREAK = r"\r\n|\r|\n"


# --------------------------------------------------------------------------- encodings


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
    so the one with fewer half-width katakana wins. A UTF-16 byte-order mark selects UTF-16.

    Examples
    --------
    >>> decode_auto("受付番号,処理内容".encode("cp932"))
    ('cp932', '受付番号,処理内容')
    >>> decode_auto("受付番号,処理内容".encode("euc_jp"))[0]
    'euc_jp'
    >>> decode_auto(codecs.BOM_UTF8 + "a,b".encode())
    ('utf-8-sig', 'a,b')
    >>> decode_auto("受付番号".encode("utf-16"))
    ('utf-16', '受付番号')
    >>> detect_encoding("受付番号".encode("utf-8"))
    'utf-8'
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", data.decode("utf-16")
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


def check_text_encoding(encoding: str, *, where: str, origin: str) -> str:
    """The codec name of ``encoding``; :class:`ConfigError` unless it is a text encoding.

    ``base64``, ``zlib`` and the like are codecs but not text encodings (and ``zlib`` would
    decompress without a limit): they are refused.
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        source = f" (from {origin})" if origin else ""
        raise ConfigError(
            f"{where}: unknown text encoding '{show(encoding)}'{source} — use one of "
            f"{', '.join(AUTO_ENCODINGS)}, utf-16, or leave it out to detect it"
        )
    return info.name


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, max(offset, 0)) + 1


def _mixed_lines(data: bytes) -> tuple[int, int] | None:
    """(first line that is not UTF-8, a line that is UTF-8 Japanese) for a mixed file."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = _line_of(data, err.start)
    else:
        return None
    text = data.decode("utf-8", errors="replace")
    for number, line in enumerate(text.split("\n"), start=1):
        if "\ufffd" in line or line.isascii():
            continue
        if len(_JAPANESE.findall(line)) >= 2:
            return bad, number
    return None


_C1 = re.compile("[\x80-\x9f]")


def _refuse_utf8_read_as_single_byte(
    data: bytes, text: str, source: str, encoding: str, origin: str
) -> None:
    """Refuse a forced single-byte encoding (latin-1, cp1252 …) on a file that is UTF-8.

    Every byte of such an encoding is one character, so UTF-8 Japanese read with it turns
    into C1 control characters and accented letters (a garbled report, no error). The file
    is refused when the text has one character per byte, holds C1 controls or the bytes
    are UTF-8 Japanese, and the bytes are valid, non-ASCII UTF-8.
    """
    if len(text) != len(data) or data.isascii():
        return
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if not (_C1.search(text) or _JAPANESE.search(utf8)):
        return
    first = re.search(rb"[\x80-\xff]", data)
    bad = first.start() if first else 0
    given = origin or "--encoding"
    todo = "drop --encoding" if given == "--encoding" else f"remove the encoding from {given}"
    raise InputError(
        f"{at(source, _line_of(data, bad))}: the file is UTF-8, but {show(encoding)} (from "
        f"{given}) would garble its text — {todo} to read it as UTF-8"
    )


def _decode(data: bytes, source: str, encoding: str | None, origin: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding used."""
    if encoding:
        check_text_encoding(encoding, where=at(source), origin=origin)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            where = f" (from {origin})" if origin else ""
            raise InputError(
                f"{at(source, _line_of(data, err.start))}: not valid {show(encoding)}{where} — "
                f"give the right encoding (one of {', '.join(AUTO_ENCODINGS)}) or leave it "
                "out to detect it"
            ) from None
        _refuse_utf8_read_as_single_byte(data, text, source, encoding, origin)
        return text, encoding
    head = data[:65_536]
    if (
        not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        and head.count(b"\x00") > len(head) // 8
    ):
        raise InputError(
            f"{at(source)}: holds many NUL bytes, so it is UTF-16 without a byte-order mark "
            "or not a text file — pass --encoding utf-16-le (or utf-16-be) if it is UTF-16, "
            "else re-export it as CSV in UTF-8"
        )
    try:
        used, text = decode_auto(data)
    except (ValueError, UnicodeDecodeError):
        used, text = "", ""
    if used not in ("utf-8", "utf-8-sig", "utf-16"):
        mixed = _mixed_lines(data)
        if mixed is not None:
            bad, good = mixed
            raise InputError(
                f"{at(source, bad)}: not UTF-8, while line {good} is — the file mixes "
                "encodings or has damaged bytes; re-export it in one encoding, or pass "
                "--encoding to read all of it as one"
            )
    if not used:
        try:
            data.decode("utf-8")
            line = 1
        except UnicodeDecodeError as err:
            line = _line_of(data, err.start)
        raise InputError(
            f"{at(source, line)}: cannot detect the text encoding (tried "
            f"{', '.join(AUTO_ENCODINGS)}) — pass --encoding NAME or set encoding in "
            "procmine.toml"
        )
    return text, used


# --------------------------------------------------------------------------- parsing


def _sniff_delimiter(text: str, fmt: str) -> str:
    """Pick the delimiter (comma, tab, semicolon, ``|``) from the first lines."""
    default = "\t" if fmt == "tsv" else ","
    lines = [line for line in text[:65_536].splitlines()[:20] if line.strip()]
    if not lines:
        return default
    # the first line holding a delimiter (a title line above the header may hold none)
    first = next((line for line in lines if any(d in line for d in _DELIMITERS)), lines[0])
    counts = {d: first.count(d) for d in _DELIMITERS}
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines), delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed in _DELIMITERS and counts[sniffed] > 0:
        return sniffed
    if counts[default] > 0:
        return default
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else default


def _read_pyarrow(text: str, delimiter: str) -> pd.DataFrame:
    """Parse with pyarrow (fast, multi-threaded): every column as text, header included."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    first = next(csv.reader(io.StringIO(text[:65_536], newline=""), delimiter=delimiter), [])
    if not first:
        raise ValueError("no first line")
    names = [f"f{i}" for i in range(len(first))]
    table = pacsv.read_csv(
        io.BytesIO(text.encode("utf-8")),
        read_options=pacsv.ReadOptions(column_names=names),
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in names},
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            null_values=[""],
        ),
    )
    return table.to_pandas()


def _read_c(text: str, delimiter: str) -> pd.DataFrame:
    """Parse with pandas' C engine: every column as text, blank lines as missing rows."""
    return pd.read_csv(
        io.StringIO(text),
        engine="c",
        sep=delimiter,
        header=None,
        dtype=str,
        keep_default_na=False,
        na_values=[""],
        skip_blank_lines=False,
        quotechar='"',
    )


def _breaks(frame: pd.DataFrame) -> np.ndarray:
    """Line breaks inside the values of each record."""
    total = np.zeros(len(frame), dtype=np.int64)
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        has = column.str.contains(r"[\r\n]", regex=True).fillna(False).to_numpy(dtype=bool)
        if has.any():
            counts = column[has].str.count(_LINE_BREAK).to_numpy(dtype=np.int64)
            total[has] += counts
    return total


def _parse_pandas(text: str, delimiter: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Records (header included, blank lines as all-missing rows) and their first lines."""
    frame: pd.DataFrame | None = None
    if text.count('"') % 2 == 0:
        # pyarrow accepts a quote left open at the end of the file, so it is used only when
        # the quotes pair up. It refuses ragged rows and lines of spaces with ArrowInvalid (a
        # ValueError): the C engine then reads them or says what is wrong.
        with contextlib.suppress(ValueError, csv.Error):
            frame = _read_pyarrow(text, delimiter)
    if frame is None:
        frame = _read_c(text, delimiter)
    frame.columns = range(frame.shape[1])
    lengths = 1 + (_breaks(frame) if '"' in text else np.zeros(len(frame), dtype=np.int64))
    starts = np.ones(len(frame), dtype=np.int64)
    if len(frame) > 1:
        starts[1:] = 1 + np.cumsum(lengths[:-1])
    return frame, starts


def _unbalanced(source: str, line: int) -> InputError:
    return InputError(
        f"{at(source, line)}: a quoted value starts here and is never closed — add the "
        'missing closing quote (") or re-export the file'
    )


def _parse_csv_module(
    text: str, delimiter: str, source: str, offset: int = 0
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Slower parse used when pandas refuses the file: records, their lines, ragged lines."""
    limit = field_limit()
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, limit + 1))
    records: list[list[str]] = []
    starts: list[int] = []
    previous = 0
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
        try:
            for record in reader:
                records.append(record)
                starts.append(previous + 1)
                previous = reader.line_num
        except csv.Error as err:
            raise InputError(
                f"{at(source, offset + previous + 1)}: cannot be read as delimited text "
                f"({show(err, limit=80)}) — check the quoting of this line"
            ) from None
    finally:
        csv.field_size_limit(old_limit)
    if records and text.count('"') % 2 == 1 and any("\n" in v or "\r" in v for v in records[-1]):
        raise _unbalanced(source, offset + starts[-1])
    header_at = next((i for i, r in enumerate(records) if any(v.strip() for v in r)), None)
    if header_at is None:
        return pd.DataFrame(), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    width = len(records[header_at])
    kept: list[list[str | None]] = []
    kept_starts: list[int] = []
    ragged: list[int] = []
    for i, record in enumerate(records):
        if i > header_at and len(record) > width:
            if any(v.strip() for v in record[width:]):
                ragged.append(starts[i])
                continue
            record = record[:width]
        row: list[str | None] = [v if v != "" else None for v in record]
        row.extend([None] * (width - len(row)))
        kept.append(row)
        kept_starts.append(starts[i])
    text_dtype = pd.StringDtype(na_value=np.nan)
    columns = {j: pd.Series([r[j] for r in kept], dtype=text_dtype) for j in range(width)}
    frame = pd.DataFrame(columns)
    return frame, np.asarray(kept_starts, dtype=np.int64), np.asarray(ragged, dtype=np.int64)


_LEADING_BLANK = re.compile(r"\A(?:[ \t]*(?:\r\n|\r|\n))+")


def _parse(text: str, delimiter: str, source: str) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Records, the line each starts on, and the lines of records with too many fields."""
    leading = _LEADING_BLANK.match(text)
    offset = 0
    if leading:
        offset = len(re.findall(_LINE_BREAK, leading.group()))
        text = text[leading.end() :]
    frame, starts, ragged = _parse_from_first_line(text, delimiter, source, offset)
    return frame, starts + offset, ragged + offset


def _parse_from_first_line(
    text: str, delimiter: str, source: str, offset: int
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    try:
        frame, starts = _parse_pandas(text, delimiter)
        return frame, starts, np.zeros(0, dtype=np.int64)
    except pd.errors.EmptyDataError:
        return pd.DataFrame(), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    except pd.errors.ParserError as err:
        found = re.search(r"EOF inside string starting at row (\d+)", str(err))
        if found:
            frame, starts, _ = _parse_csv_module(text, delimiter, source, offset)
            index = min(int(found.group(1)), len(starts) - 1)
            line = int(starts[index]) + offset if len(starts) else offset + 1
            raise _unbalanced(source, line) from None
    return _parse_csv_module(text, delimiter, source, offset)


#: Lines at the top of a file searched for the header under title lines (a system's name,
#: the date of the export), and the most title lines skipped.
_TITLE_SCAN = 20
_MAX_TITLES = 10


def _title_lines(text: str, delimiter: str) -> tuple[int, int]:
    """Where the header starts (a character index) and how many title lines are above it.

    Reports exported from a department system often start with a title (the system's or
    the list's name, the export date) above the header, alone on its line or padded with
    delimiters to the width of the table. The header is the first line with at least three
    names (a case, an activity, a time) filling half of the widest line's fields; the lines
    above it are titles when each holds at most two values. ``(0, 0)`` when the first line
    is the header, when no such line is found in the first :data:`_TITLE_SCAN` lines, or
    when only blank lines are above it.

    Examples
    --------
    >>> _title_lines("住民異動一覧\\n出力日,2026/04/01\\n\\na,b,c\\n1,2,3\\n", ",")
    (23, 2)
    >>> _title_lines("a,b,c\\n1,2,3\\n", ",")
    (0, 0)
    """
    starts = [0]
    for m in re.finditer(_LINE_BREAK, text[:65_536]):
        starts.append(m.end())
        if len(starts) > _TITLE_SCAN:
            break
    lines = [text[a:b].rstrip("\r\n") for a, b in itertools.pairwise(starts)]
    filled = []
    for line in lines:
        fields = next(csv.reader([line], delimiter=delimiter), [])
        filled.append((len(fields), sum(bool(v.strip()) for v in fields)))
    widest = max((n for n, _ in filled), default=0)
    header = next((k for k, (_, full) in enumerate(filled) if full >= 3 and 2 * full >= widest), 0)
    if not 0 < header <= _MAX_TITLES or any(full > 2 for _, full in filled[:header]):
        return 0, 0
    # the line found must be a header, not the first data row under a header with blank
    # names (申請番号,処理内容, above rows of three values)
    cells = next(csv.reader([lines[header]], delimiter=delimiter), [])
    below = pd.DataFrame(
        [next(csv.reader([line], delimiter=delimiter), []) for line in lines[header + 1 :]]
    )
    if len(below) and _data_row_evidence([c.strip() for c in cells], below) is not None:
        return 0, 0
    titles = sum(full > 0 for _, full in filled[:header])
    return (starts[header], titles) if titles else (0, 0)


def _content_bounds(records: pd.DataFrame) -> tuple[int, int]:
    """First and last records that are not blank (-1, -1 when all are)."""
    n = len(records)
    step = 64
    first = -1
    for start in range(0, n, step):
        blank = blank_rows(records.iloc[start : start + step])
        if not blank.all():
            first = start + int(np.flatnonzero(~blank)[0])
            break
    if first < 0:
        return -1, -1
    for stop in range(n, first, -step):
        begin = max(first, stop - step)
        blank = blank_rows(records.iloc[begin:stop])
        if not blank.all():
            return first, begin + int(np.flatnonzero(~blank)[-1])
    return first, first


# --------------------------------------------------------------------------- header

#: Known header names (see :data:`~procmine.io.columns.HEADER_NAMES`), normalised.
_KNOWN_HEADERS = frozenset(header_key(n) for names in HEADER_NAMES.values() for n in names)
#: Rows below the header compared with it (see :func:`_data_row_evidence`).
_HEADER_SAMPLE = 200
_DIGIT = re.compile(r"\d")


def _shape(value: str) -> str:
    """``value`` with digits as 9 and ASCII letters as a (``KS2025-00001`` → ``aa9999-99999``)."""
    return "".join("9" if c.isdigit() else "a" if c.isascii() and c.isalpha() else c for c in value)


def _data_row_evidence(cells: list[str], below: pd.DataFrame) -> str | None:
    """Why the header ``cells`` look like a data row (None when they look like a header).

    A header cell that is a known header name makes it a header. Otherwise a cell that
    parses as a date or time above a column of dates and times, or two cells with digits
    shaped like most values below them (``KS2025-00001`` above ``KS2025-00002`` …), make it
    a data row: column names are words, not values.
    """
    if any(header_key(cell) in _KNOWN_HEADERS for cell in cells if cell):
        return None
    sample = below.iloc[:_HEADER_SAMPLE]
    shaped: list[int] = []
    for position, cell in enumerate(cells):
        # (a header wider than the lines below it: nothing below to compare that cell with)
        if not cell or not _DIGIT.search(cell) or position >= sample.shape[1]:
            continue
        values = sample.iloc[:, position].dropna().astype(str).str.strip()
        values = values[values != ""]
        if values.empty:
            continue
        if parse_timestamps(pd.Series([cell], dtype=object)).notna().iloc[0]:
            if parse_timestamps(values).notna().mean() >= 0.5:
                return f"column {position + 1} holds a date or time, as on the lines below"
            continue
        if (values.map(_shape) == _shape(cell)).mean() >= 0.8:
            shaped.append(position + 1)
    if len(shaped) >= 2:
        columns = ", ".join(str(n) for n in shaped[:3])
        return f"columns {columns} hold values shaped like those on the lines below"
    return None


def _check_header(
    records: pd.DataFrame, header_at: int, last: int, starts: np.ndarray, source: str
) -> None:
    """Refuse a file whose header is missing: the first line is a data row, or a line whose
    names are all blank stands above the first data row."""
    cells = ["" if pd.isna(v) else str(v).strip() for v in records.iloc[header_at].tolist()]
    evidence = _data_row_evidence(cells, records.iloc[header_at + 1 : last + 1])
    if evidence is None:
        return
    line = int(starts[header_at])
    if header_at > 0:
        raise InputError(
            f"{at(source, int(starts[0]))}: the header has no column names (line {line} "
            f"is a data row: {evidence}) — write the column names on this line"
        )
    raise InputError(
        f"{at(source, line)}: line {line} looks like a data row, not a header ({evidence}) "
        "— add a header line that names the columns"
    )


# --------------------------------------------------------------------------- quotes


def _one_line_each(frame: pd.DataFrame, rows: np.ndarray) -> bool:
    """Whether every record of ``frame`` (first lines ``rows``) is a single line: each
    starts on the line after the previous one, and the last holds no line break."""
    if len(rows) > 1 and bool((np.diff(rows) != 1).any()):
        return False
    last = frame.iloc[-1].tolist() if len(frame) else []
    return not any(isinstance(v, str) and ("\n" in v or "\r" in v) for v in last)


def _joined_records(
    frame: pd.DataFrame, delimiter: str, rows: np.ndarray
) -> list[tuple[int, int, int]]:
    """Records whose quoted values hold lines that look like whole records.

    Returns (record, line breaks in it, lines that look like records) for each. A line
    inside a quoted value looks like a record when it holds at least as many delimiters as
    the header has columns minus one: an unbalanced quote (``"``) has then joined rows into
    one value. Only for files of three columns or more (one delimiter in a line of free
    text is ordinary), and only when a record spans lines (``rows``: each record's first
    line).
    """
    width = frame.shape[1]
    if width < 3 or frame.empty or _one_line_each(frame, rows):
        return []
    breaks = np.zeros(len(frame), dtype=np.int64)
    whole = np.zeros(len(frame), dtype=np.int64)
    for position in range(width):
        column = frame.iloc[:, position]
        has = column.str.contains(r"[\r\n]", regex=True).fillna(False).to_numpy(dtype=bool)
        has = has.copy()
        if has.any():  # only a value holding a row's delimiters can hold a row
            many = column[has].str.count(re.escape(delimiter)).to_numpy() >= width - 1
            has[np.flatnonzero(has)[~many]] = False
        if not has.any():
            continue
        values = column[has].reset_index(drop=True)
        lines = values.str.split(_LINE_BREAK, regex=True).explode()
        later = lines[lines.index.duplicated(keep="first")]  # the lines after the first
        counts = later.str.count(re.escape(delimiter)).to_numpy(dtype=np.int64)
        where = np.flatnonzero(has)
        np.add.at(breaks, where[later.index.to_numpy()], 1)
        np.add.at(whole, where[later.index.to_numpy()], (counts >= width - 1).astype(np.int64))
    return [(int(i), int(breaks[i]), int(whole[i])) for i in np.flatnonzero(whole)]


def _warn_joined(
    joined: list[tuple[int, int, int]],
    rows: np.ndarray,
    source: str,
    width: int,
    warnings: list[str],
) -> None:
    """Warn about :func:`_joined_records`: the first record and its lines, and how many
    other records hold such lines."""
    index, breaks, whole = joined[0]
    first = int(rows[index])
    last = int(rows[index + 1]) - 1 if index + 1 < len(rows) else first + breaks
    others = len(joined) - 1
    more = "" if others == 0 else f" and {others} more"
    warnings.append(
        Notice(
            f"{at(source, first)}: a quoted value runs over lines {first}–{last}, which were read "
            f"as one row, and {whole} of these lines look like whole records (each holds the "
            f'{width - 1} delimiters of a row) — look for an unbalanced quote (") on line '
            f"{first}{more}",
            "joined_lines",
            place=place_of(source, "line", first),
            first=first,
            last=last,
            whole=whole,
            delimiters=width - 1,
            more=More(others),
        )
    )


# --------------------------------------------------------------------------- reader


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(
            f"{at(path.name)}: cannot be read ({err.strerror or err}) — check that it is a "
            "file you may read"
        ) from None


def read_delimited(
    path: Path,
    *,
    fmt: str,
    encoding: str | None = None,
    encoding_origin: str = "",
    max_bad_share: float = 0.05,
) -> RawTable:
    """Read a CSV/TSV file as text columns with each record's first line number.

    Raises
    ------
    InputError
        Empty, binary, undecodable or mixed-encoding files, an unclosed quote, too many
        ragged rows, a single column, an over-long field.
    ConfigError
        ``encoding`` is not a text encoding.
    """
    source = path.name
    data = _read_bytes(path)
    empty = f"{at(source)}: is empty — export the log with a header line and rows"
    if not data.strip():
        raise InputError(empty)
    for magic, what, todo in _SIGNATURES:
        if data.startswith(magic):
            raise InputError(f"{at(source)}: is {what}, not {fmt.upper()} text — {todo}")
    text, used = _decode(data, source, encoding, encoding_origin)
    text = text.removeprefix("\ufeff").rstrip("\x1a")  # BOM; DOS end-of-file marker
    if not text.strip():
        raise InputError(empty)
    delimiter = _sniff_delimiter(text, fmt)
    header_from, titles = _title_lines(text, delimiter)
    records, starts, ragged = _parse(text[header_from:], delimiter, source)
    above = len(re.findall(_LINE_BREAK, text[:header_from]))
    starts, ragged = starts + above, ragged + above
    header_at, last = _content_bounds(records)
    if header_at < 0:
        raise InputError(empty)
    _check_header(records, header_at, last, starts, source)
    header_line = int(starts[header_at])
    names, renamed = unique_headers(records.iloc[header_at].tolist())
    frame = records.iloc[header_at + 1 : last + 1].reset_index(drop=True)
    rows = starts[header_at + 1 : last + 1].astype(np.int64)
    ragged = ragged[ragged > header_line]
    if len(names) < 2 and len(ragged):
        raise InputError(
            f"{at(source, header_line)}: the first line holds one value "
            f"('{show(names[0] if names else '', limit=60)}') but later lines hold more — "
            "remove title lines above the header so that the header is the first line"
        )
    if len(names) < 2:
        raise InputError(
            f"{at(source, header_line)}: only one column found (header "
            f"'{show(names[0] if names else '', limit=60)}') — procmine reads values separated "
            "by comma, tab, semicolon or '|'; re-export the file as CSV"
        )
    frame.columns = names
    total = len(frame) + len(ragged)
    if total == 0:
        raise InputError(
            f"{at(source, header_line)}: has a header line but no rows — export the rows too"
        )
    warnings: list[str] = []
    if titles:
        # (their text is not quoted: a title may name a resident, 氏名：…)
        warnings.append(
            Notice(
                f"{at(source, 1)}: {titles} title line(s) above the header (line "
                f"{header_line}) were skipped",
                "title_lines",
                place=place_of(source, "line", 1),
                count=titles,
                header=header_line,
            )
        )
    if renamed:
        warnings.append(
            Notice(
                f"{at(source, header_line)}: repeated column names were renamed: "
                f"{', '.join(renamed)}",
                "headers_renamed",
                place=place_of(source, "line", header_line),
                renamed=tuple(renamed),
            )
        )
    skipped: dict[str, np.ndarray] = {}
    if len(ragged):
        shown = ", ".join(str(n) for n in ragged[:3])
        more = "" if len(ragged) <= 3 else f" and {len(ragged) - 3} more"
        sep = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "'|'"}[delimiter]
        if len(ragged) > max_bad_share * total:
            raise InputError(
                f"{at(source, int(ragged[0]))}: {len(ragged)} of {total} rows have more "
                f"fields than the {len(names)} columns of the header (lines {shown}{more}) — "
                f"the file was read as {sep}-separated; quote values that contain a {sep} "
                "or check the delimiter"
            )
        skipped[_TOO_MANY] = ragged
        warnings.append(
            Notice(
                f"{at(source, int(ragged[0]))}: {len(ragged)} rows have more fields than the "
                f"{len(names)} columns of the header and were dropped (lines {shown}{more}) — "
                f"quote values that contain a {sep}",
                "too_many_fields",
                place=place_of(source, "line", int(ragged[0])),
                count=len(ragged),
                columns=len(names),
                lines=tuple(int(n) for n in ragged[:3]),
                more=More(max(len(ragged) - 3, 0)),
                sep=Term(_SEPARATOR_TERMS[delimiter]),
            )
        )
    if '"' in text:
        joined = _joined_records(frame, delimiter, rows)
        if joined:
            _warn_joined(joined, rows, source, len(names), warnings)
        spans = np.diff(np.append(rows, 0))[:-1] if len(rows) > 1 else np.zeros(0)
        spans[[i for i, _, _ in joined if i < len(spans)]] = 0  # said already
        long = np.flatnonzero(spans > 50)
        if len(long):
            i = int(long[0])
            warnings.append(
                Notice(
                    f"{at(source, int(rows[i]))}: one record spans lines {int(rows[i])}–"
                    f"{int(rows[i + 1]) - 1} (a quoted value holds many line breaks); if rows "
                    'are missing, look for an unbalanced quote (")',
                    "long_record",
                    place=place_of(source, "line", int(rows[i])),
                    first=int(rows[i]),
                    last=int(rows[i + 1]) - 1,
                )
            )
    table = RawTable(
        frame=frame,
        rows=rows,
        format=fmt,
        encoding=used,
        row_label="line",
        warnings=warnings,
        skipped=skipped,
    )
    return clean_table(
        table,
        source=source,
        check_controls=bool(CONTROL.search(text)),
        check_lengths=len(text) > field_limit(),
    )
