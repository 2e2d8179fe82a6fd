"""``load``: read exported event logs (files or folders) into a :class:`~procmine.model.Dataset`."""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from .._keys import KEYS_APART, MIN_KEYS, distinct_keys, shared_counts
from ..errors import ColumnError, ConfigError, InputError, ProcmineError
from ..model import (
    ACTIVITY,
    CASE,
    DEPARTMENT,
    END,
    PERSON,
    REQUIRED_ROLES,
    RESERVED_COLUMNS,
    RESOURCE,
    ROLES,
    ROW,
    SOURCE,
    TIMESTAMP,
    ColumnMapping,
    Dataset,
    EventLog,
    RowAccounting,
)
from . import lifecycle, wide
from .columns import (
    detect_roles,
    header_key,
    names_time_of_day,
    pair_times_of_day,
    time_of_day_columns,
)
from .config import CONFIG_NAME, FileConfig, FolderConfig, read_config
from .delimited import check_text_encoding
from .messages import (
    Dropped,
    More,
    Notice,
    Place,
    Repeat,
    Row,
    Sample,
    Term,
    at,
    counted,
    moved,
    show,
    with_time_of_day,
)
from .readers import LOG_SUFFIXES, MODEL_SUFFIXES, RawTable, file_format, read_table
from .table import blank_rows, place, place_of
from .timestamps import (
    EXCEL_EPOCH,
    LOCAL_TIMEZONE,
    parse_times_of_day,
    parse_timestamps,
    year_last_order,
)

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["DROP_REASONS", "MISSING_MARKERS", "describe_mapping", "load"]

#: Why a row is dropped, in the order the reasons are checked (a row counts once).
#: ``too many fields`` comes from the CSV reader (a row with more fields than the header);
#: ``duplicate row`` is a row identical in every column to an earlier row of the same file.
#: ``merged lifecycle row`` is a completion row merged into its start row's event, and
#: ``other lifecycle transition`` a schedule, assign, suspend … row of such a log (see
#: :mod:`procmine.io.lifecycle`): accounted like dropped rows, though their steps are kept.
DROP_REASONS: tuple[str, ...] = (
    "too many fields",
    "blank line",
    "missing case",
    "missing activity",
    "missing timestamp",
    "unparsable timestamp",
    "merged lifecycle row",
    "other lifecycle transition",
    "duplicate row",
)

#: Values that mean "no value" in a role column (compared without case and surrounding
#: spaces), as written by databases and spreadsheets. Data columns keep them as they are.
MISSING_MARKERS: frozenset[str] = frozenset(
    {"nan", "null", "none", "nat", "n/a", "#n/a", "<na>", "(null)"}
)

#: Roles that may name one column: a system whose case is the resident (a register kept per
#: person) has its resident key as the case id.
_SHARED_ROLES = ({"case", "person"},)

_TEXT = pd.StringDtype()


def _constant(value: str, n: int) -> pd.Series:
    """A column holding ``value`` on each of ``n`` rows, as a category: one byte a row
    instead of a string each (the department and source file columns)."""
    categories = pd.Index([value], dtype=_TEXT)
    return pd.Series(pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories))


_EXAMPLES = 3
_MAX_LISTED_COLUMNS = 20
# What to pass when most rows of a file are dropped for a reason.
_HINTS = {
    "missing case": "pass --case COLUMN with the right column",
    "missing activity": "pass --activity COLUMN with the right column",
    "missing timestamp": "pass --timestamp COLUMN with the right column",
    "unparsable timestamp": "pass --timestamp COLUMN with the right column",
    "blank line": "export the rows too",
    "too many fields": "check the delimiter and quoting",
    "duplicate row": "export each event once",
}


def _stem(path: Path) -> str:
    """The file name without its log or model extension (``kokuho.xes.gz`` → ``kokuho``)."""
    name = path.name
    for suffix in sorted(LOG_SUFFIXES + MODEL_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _option_flag(role: str) -> str:
    return f"--{role}"


class _FileResult:
    __slots__ = ("accounting", "mapping", "parts", "per_resident", "warnings")

    def __init__(
        self,
        parts: dict[str, pd.DataFrame],
        mapping: ColumnMapping,
        accounting: RowAccounting,
        warnings: list[str],
        per_resident: bool = False,
    ) -> None:
        self.parts = parts
        self.mapping = mapping
        self.accounting = accounting
        self.warnings = warnings
        #: one row per resident and its activity found by its values only: a register,
        #: if its department has a log of steps too (see :func:`_registers`)
        self.per_resident = per_resident


#: Why a folder entry is not read: the words of the warning, by ``notice_<term>``.
_SKIP_REASONS = {
    "hidden": "hidden or temporary file",
    "broken_link": "broken symbolic link",
    "not_file": "not a regular file",
}


#: Files beside the logs that look like exports procmine does not read (by the end of the
#: name): what they are and what to do, as ``notice_<term>`` words.
_UNREAD_EXPORTS: tuple[tuple[tuple[str, ...], str], ...] = (
    ((".xlsx", ".xlsm", ".xls", ".ods"), "workbook"),
    ((".csv.gz", ".tsv.gz", ".gz", ".bz2", ".xz"), "compressed"),
    ((".zip", ".7z", ".rar", ".lzh"), "archive"),
    ((".txt", ".dat", ".prn"), "plain_text"),
    ((".json", ".jsonl", ".ndjson", ".xml"), "structured"),
    ((".mdb", ".accdb", ".sqlite", ".db"), "database"),
)
_UNREAD_WHAT = {
    "workbook": "a spreadsheet workbook",
    "compressed": "a compressed file",
    "archive": "an archive",
    "plain_text": "a text file not named *.csv or *.tsv",
    "structured": "JSON or XML, not an event-log format read here",
    "database": "a database file",
}
_UNREAD_TODO = {
    "workbook": "save the sheet as CSV (UTF-8)",
    "compressed": "decompress it into the folder",
    "archive": "extract its files into the folder",
    "plain_text": "rename it to .csv or .tsv if it holds an event log",
    "structured": "export the log as CSV (a process model is read as *.bpmn or *.pnml)",
    "database": "export the log as CSV",
}


#: Files that the operating system leaves in folders (thumbnails, folder settings): not
#: named in any message.
_SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store"})


def _unread_export(entry: Path) -> tuple[str, str] | None:
    """The kind (a key of :data:`_UNREAD_WHAT`) and the end of the name (``.xlsx``) of a
    file that looks like an export procmine does not read, or None (:func:`_collect` has
    skipped the operating system's files)."""
    name = entry.name.lower()
    if name.startswith((".", "~$")):
        return None
    for ends, kind in _UNREAD_EXPORTS:
        ending = next((end for end in ends if name.endswith(end)), None)
        if ending is not None:
            return kind, ending
    return None


def _unread_notices(folder: Path, unread: dict[tuple[str, str], int]) -> list[str]:
    """One warning for each kind and name ending of the files of ``folder`` that look like
    exports but are not read (``unread``: how many of each). The files are counted, not
    named: a stray file is often named after a resident (山田花子_申請.xlsx), and the
    warnings go into the report."""
    name = at(folder.name or folder.resolve().name or str(folder))
    notices: list[str] = []
    for (kind, ending), count in sorted(unread.items()):
        what, todo = _UNREAD_WHAT[kind], _UNREAD_TODO[kind]
        if count == 1:
            text = f"{name}: 1 file in this folder was not read: {what} (*{ending}) — {todo}"
        else:
            text = (
                f"{name}: {count} files in this folder were not read, each {what} "
                f"(*{ending}) — {todo}"
            )
        notices.append(
            Notice(
                text,
                "unread_export" if count == 1 else "unread_exports",
                place=Place(name),
                count=count,
                what=Term(kind),
                suffix=show(ending),
                todo=Term(f"{kind}_todo"),
            )
        )
    return notices


def _skippable(entry: Path) -> str | None:
    """Why (a key of :data:`_SKIP_REASONS`) a folder entry with a log or model suffix is not
    read, or None."""
    if entry.name.startswith((".", "~$")):
        return "hidden"
    if entry.is_symlink() and not entry.exists():
        return "broken_link"
    if not entry.is_file():
        return "not_file" if entry.exists() and not entry.is_dir() else None
    return None


#: A file to read and the configuration of its folder (procmine.toml, None without one).
_Configured = tuple[Path, FolderConfig | None]


def _collect(
    inputs: Sequence[str | Path],
) -> tuple[list[_Configured], list[_Configured], list[str]]:
    """Expand inputs into (log file, its folder's config) pairs, the same for model files,
    and warnings."""
    logs: list[_Configured] = []
    models: list[_Configured] = []
    warnings: list[str] = []
    seen: set[Path] = set()
    configs: dict[Path, FolderConfig | None] = {}
    suffixes = ", ".join("*" + s for s in LOG_SUFFIXES + MODEL_SUFFIXES)

    def config_of(folder: Path) -> FolderConfig | None:
        key = folder.resolve()
        if key not in configs:
            configs[key] = read_config(folder)
        return configs[key]

    for item in inputs:
        path = Path(item)
        if path.is_dir():
            config = config_of(path)
            try:
                entries = sorted(path.iterdir())
            except OSError as err:
                raise InputError(
                    f"{at(str(path))}: the folder cannot be read ({err.strerror or err}) — "
                    "check its permissions"
                ) from None
            found = 0
            unread: list[str] = []
            exports: dict[tuple[str, str], int] = {}
            for entry in entries:
                fmt = file_format(entry)
                if entry.is_dir():
                    if not entry.name.startswith("."):
                        unread.append(f"{show(entry.name)}/, a subfolder (not read)")
                    continue
                if entry.name.lower() in _SYSTEM_FILES:
                    continue
                if fmt is None:
                    export = _unread_export(entry) if entry.is_file() else None
                    if export is not None:
                        unread.append(f"{show(entry.name)}, {_UNREAD_WHAT[export[0]]}")
                        exports[export] = exports.get(export, 0) + 1
                    elif entry.name != CONFIG_NAME and _skippable(entry) != "hidden":
                        unread.append(show(entry.name))  # named if the folder has no log
                    continue
                why = _skippable(entry)
                if why is not None:
                    warnings.append(
                        Notice(
                            f"{at(str(entry))}: skipped ({_SKIP_REASONS[why]})",
                            "skipped",
                            place=Place(at(str(entry))),
                            why=Term(why),
                        )
                    )
                    continue
                if entry.resolve() in seen:
                    continue
                seen.add(entry.resolve())
                found += 1
                (models if fmt == "model" else logs).append((entry, config))
            if found:
                warnings.extend(_unread_notices(path, exports))
            if found == 0:
                held = " (it is empty)" if not entries else ""
                if unread:
                    shown = "; ".join(unread[:4])
                    more = "" if len(unread) <= 4 else f" and {len(unread) - 4} more"
                    held = f" (found: {shown}{more})"
                raise InputError(
                    f"{at(str(path))}: the folder holds no event logs or process models{held} "
                    f"— put {suffixes} files in it"
                )
        elif path.is_file():
            fmt = file_format(path)
            if fmt is None:
                raise InputError(f"{at(path.name)}: unsupported file type — use one of {suffixes}")
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            (models if fmt == "model" else logs).append((path, config_of(path.parent)))
        elif path.is_symlink() and not path.exists():
            raise InputError(
                f"{at(str(path))}: a broken symbolic link — point it at a file or give the file"
            )
        elif path.exists():
            raise InputError(
                f"{at(str(path))}: not a regular file (a device, pipe or socket) — give a file "
                "or a folder"
            )
        else:
            raise InputError(f"{at(str(path))}: no such file or folder — check the path")
    return logs, models, warnings


def _source_names(paths: list[Path]) -> dict[Path, str]:
    """File names, with the parent folder added where two inputs share a name."""
    names: dict[Path, str] = {}
    counts: dict[str, int] = {}
    for path in paths:
        counts[path.name] = counts.get(path.name, 0) + 1
    for path in paths:
        names[path] = path.name if counts[path.name] == 1 else f"{path.parent.name}/{path.name}"
    return names


def _find_column(frame: pd.DataFrame, wanted: str) -> str | None:
    columns = [str(c) for c in frame.columns]
    if wanted in columns:
        return wanted
    key = header_key(wanted)
    matches = [c for c in columns if header_key(c) == key]
    return matches[0] if len(matches) == 1 else None


def _columns_list(frame: pd.DataFrame) -> str:
    names = [show(c) for c in frame.columns]
    if len(names) > _MAX_LISTED_COLUMNS:
        names = names[:_MAX_LISTED_COLUMNS] + [f"… ({len(frame.columns)} columns)"]
    return ", ".join(names)


def _fixed_roles(
    frame: pd.DataFrame,
    source: str,
    options: dict[str, str],
    folder_config: FolderConfig | None,
    file_config: FileConfig,
) -> tuple[dict[str, str], dict[str, str]]:
    """Roles given by option or procmine.toml, checked against the file's columns."""
    fixed: dict[str, str] = {}
    how: dict[str, str] = {}
    for role in ROLES:
        if role in options:
            wanted, origin, hint = options[role], "option", f"pass {_option_flag(role)} COLUMN"
        elif role in file_config.columns:
            wanted, origin = file_config.columns[role], "config"
            hint = f'fix {role} in [files."{show(source)}".columns] of {CONFIG_NAME}'
        elif folder_config is not None and role in folder_config.columns:
            wanted, origin = folder_config.columns[role], "config"
            hint = (
                f'set {role} in [files."{show(source)}".columns] of {CONFIG_NAME} '
                f"or pass {_option_flag(role)} COLUMN"
            )
        else:
            continue
        column = _find_column(frame, wanted)
        if column is None:
            given = f"{_option_flag(role)}" if origin == "option" else CONFIG_NAME
            raise ColumnError(
                f"{at(source)}: column '{show(wanted)}' for {role} (from {given}) not found; "
                f"columns are {_columns_list(frame)} — {hint}"
            )
        taken = next(
            (r for r, c in fixed.items() if c == column and {r, role} not in _SHARED_ROLES), None
        )
        if taken is not None:
            named = [
                _option_flag(r) if o == "option" else f"{r} in {CONFIG_NAME}"
                for r, o in ((taken, how[taken]), (role, origin))
            ]
            raise ConfigError(
                f"{at(source)}: {named[0]} and {named[1]} both name column '{show(column)}' "
                "— each role "
                "needs a column of its own; give one of them another column"
            )
        fixed[role] = column
        how[role] = origin
    return fixed, how


def _strip(values: pd.Series) -> pd.Series:
    """Text without surrounding spaces; empty strings and :data:`MISSING_MARKERS` → NA."""
    text = values.astype(_TEXT)
    if not _needs_strip(text):
        return text
    text = text.str.strip()
    missing = (text == "") | text.str.lower().isin(MISSING_MARKERS)
    return text.mask(missing.fillna(False).astype(bool))


def _needs_strip(text: pd.Series) -> bool:
    """Whether any distinct value of ``text`` has surrounding spaces, is empty or is one of
    :data:`MISSING_MARKERS` (most role columns repeat a few values: checked once each)."""
    distinct = pd.Series(text.unique(), dtype=_TEXT)
    stripped = distinct.str.strip()
    return bool(
        (stripped != distinct).any()
        or (stripped == "").any()
        or stripped.str.lower().isin(MISSING_MARKERS).any()
    )


#: A value that starts like a date or time (a 4-digit year from 1800 on, an era name or
#: letter, or a clock time) is shown in messages as it is; anything else — a name, a phone
#: or My Number in a column mapped as a time by mistake — is shown by its shape only.
_DATE_LIKE = re.compile(
    r"^\s*(?:(?:1[89]|2\d)\d\d\D|[明大昭平令][治正和成]|[MTSHR]\s*\d|\d{1,2}:\d\d)"
)


#: A date written with a year of four digits that no timestamp can hold (``9999-12-31``,
#: ``0001-01-01``): shown as it is (it is not a birth date or a name); see :func:`_hint`.
_DATE_SHAPED = re.compile(r"^\s*(\d{4})[-/.年]\d{1,2}[-/.月]\d{1,2}(?:\D|$)")


def _masked(value: object) -> str:
    """``value`` for an error message: as it is when it looks like a date or time,
    otherwise its shape (digits → 9, letters → x, other characters → ＊).

    >>> _masked("2026-02-30"), _masked("田中　太郎"), _masked("090-1234-5678")
    ('2026-02-30', '＊＊＊＊＊', '999-9999-9999')
    >>> _masked("9999-12-31 00:00:00")
    '9999-12-31 00:00:00'
    """
    text = str(value)
    normal = unicodedata.normalize("NFKC", text)
    if _DATE_LIKE.match(normal) or _DATE_SHAPED.match(normal):
        return show(text)
    return show(
        "".join(
            "9"
            if c.isdigit()
            else "x"
            if c.isascii() and c.isalpha()
            else c
            if c in "-/:. "
            else "＊"
            for c in text
        )
    )


_FIX_FORMAT = (
    "pass --timestamp COLUMN if another column holds the time, or fix the format "
    "(e.g. 2024-04-01 09:30)"
)
_EXCEL_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_EPOCH = re.compile(r"^[1-9]\d{8,9}(?:\.\d+)?$|^[1-9]\d{12}$")


_HINT_SAMPLE = 10_000
#: Excel serial day numbers read as dates and times: 1990-01-01 to 2099-12-31.
_SERIAL_RANGE = (32_874, 73_050)


def _excel_serials(
    raw: pd.Series, parsed: pd.Series, column: str, source: str, warnings: list[str]
) -> pd.Series:
    """``parsed`` with a column written as Excel serial day numbers (46113.3854 =
    2026-04-01 09:14:59, what Excel saves for a date column not formatted as one) read as
    dates and times, with a warning; unchanged unless every value left unparsed is such a
    number (within :data:`_SERIAL_RANGE`) and they are most of the column's values.

    Examples
    --------
    >>> raw = pd.Series(["46113.3854", "46114", None])
    >>> out = _excel_serials(raw, parse_timestamps(raw), "受付日時", "a.csv", notes := [])
    >>> [str(v) for v in out], notes[0].code
    (['2026-04-01 09:14:59', '2026-04-02 00:00:00', 'NaT'], 'excel_serial_times')
    """
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        return parsed
    text = _strip(raw)
    left = text.notna() & parsed.isna()
    if not left.any() or left.sum() < 0.5 * text.notna().sum():
        return parsed
    values = text[left].astype(str).str.normalize("NFKC").str.strip()
    if not values.str.fullmatch(r"\d{5}(?:\.\d+)?").all():
        return parsed
    days = values.astype(float)
    if not days.between(*_SERIAL_RANGE).all():
        return parsed
    out = parsed.copy()
    stamps = pd.Timestamp(EXCEL_EPOCH) + pd.to_timedelta(days.to_numpy(), unit="D")
    out[left] = stamps.round("s")
    count = int(left.sum())
    warnings.append(
        Notice(
            f"{at(source)}: {count} values of {show(column)} were read as Excel serial dates "
            "(days since 1899-12-30)",
            "excel_serial_times",
            place=place_of(source, "line", None),
            count=count,
            column=show(column),
        )
    )
    return out


#: Unix times read as dates and times: 2000-01-01 to 2030-03-17 (seconds since 1970-01-01
#: UTC); beyond, ten digits may be a date and hour (2025040109: YYYYMMDDHH).
_UNIX_RANGE = (946_684_800, 1_900_000_000)


def _numeric_times(
    raw: pd.Series, parsed: pd.Series, column: str, source: str, warnings: list[str]
) -> pd.Series:
    """``parsed`` with a column of numbers read as times: Excel serial days
    (:func:`_excel_serials`) or Unix times (:func:`_unix_times`)."""
    if not parsed.isna().any():  # every value read already (the usual case: nothing to do)
        return parsed
    parsed = _excel_serials(raw, parsed, column, source, warnings)
    return _unix_times(raw, parsed, column, source, warnings)


def _unix_times(
    raw: pd.Series, parsed: pd.Series, column: str, source: str, warnings: list[str]
) -> pd.Series:
    """``parsed`` with a column written as Unix times — seconds (10 digits) or milliseconds
    (13 digits) since 1970-01-01 UTC, what cloud systems often export — read as dates and
    times in :data:`~procmine.io.timestamps.LOCAL_TIMEZONE` (as times with a UTC offset
    are), with a warning; unchanged unless every value left unparsed is such a number, all
    of one unit, within :data:`_UNIX_RANGE`, and they are most of the column's values.

    Examples
    --------
    >>> raw = pd.Series([1743479778000, 1743480054000, None], dtype="Int64")
    >>> out = _unix_times(raw, parse_timestamps(raw), "startedAt", "a.parquet", notes := [])
    >>> [str(v) for v in out], notes[0].code
    (['2025-04-01 12:56:18', '2025-04-01 13:00:54', 'NaT'], 'unix_times')
    """
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        return parsed
    if pd.api.types.is_numeric_dtype(raw.dtype):  # numbers (Parquet): no text to read
        left = raw.notna() & parsed.isna()
        if not left.any() or left.sum() < 0.5 * raw.notna().sum():
            return parsed
        numbers = raw[left].astype(float)
        millis = bool((numbers >= 1e12).all() and (numbers % 1 == 0).all())
        if not millis and not (numbers < 1e10).all():
            return parsed
    else:
        text = _strip(raw)
        left = text.notna() & parsed.isna()
        if not left.any() or left.sum() < 0.5 * text.notna().sum():
            return parsed
        values = text[left].astype(str).str.normalize("NFKC").str.strip()
        millis = bool(values.str.fullmatch(r"[1-9]\d{12}").all())
        if not (millis or values.str.fullmatch(r"[1-9]\d{9}(?:\.\d+)?").all()):
            return parsed
        numbers = values.astype(float)
    seconds = numbers / (1000.0 if millis else 1.0)
    if not seconds.between(*_UNIX_RANGE).all():
        return parsed
    out = parsed.copy()
    stamps = pd.to_datetime((seconds * 1000).round().astype(np.int64), unit="ms", utc=True)
    out[left] = stamps.dt.tz_convert(LOCAL_TIMEZONE).dt.tz_localize(None).to_numpy()
    count = int(left.sum())
    warnings.append(
        Notice(
            f"{at(source)}: {count} values of {show(column)} were read as Unix times "
            f"(seconds or milliseconds since 1970-01-01 UTC), in Japan time ({LOCAL_TIMEZONE})",
            "unix_times",
            place=place_of(source, "line", None),
            count=count,
            column=show(column),
        )
    )
    return out


def _hint(values: pd.Series) -> str:
    """What to do about unparsable timestamps ``values``, by what most of them are: dates
    outside the range of a timestamp, Excel serial day numbers, Unix times, or other
    (judged on at most ``_HINT_SAMPLE`` values, evenly spaced)."""
    present = values.dropna()
    if len(present) > _HINT_SAMPLE:  # evenly spaced, so the same file gives the same hint
        present = present.iloc[np.linspace(0, len(present) - 1, _HINT_SAMPLE).astype(np.int64)]
    counts = present.astype(str).value_counts(sort=False)  # each value normalised once
    if counts.empty:
        return _FIX_FORMAT
    texts = pd.Series([unicodedata.normalize("NFKC", v).strip() for v in counts.index])
    weights = counts.to_numpy(dtype=np.int64)
    total = int(weights.sum())
    found = texts.str.extract(_DATE_SHAPED, expand=False)
    dated = found.notna().to_numpy(dtype=bool)
    if weights[dated].sum() >= 0.5 * total:
        years = found[dated].astype(int).to_numpy()
        outside = (years < 1678) | (years > 2261)
        if weights[dated][outside].sum() >= 0.5 * weights[dated].sum():
            return (
                "these dates are outside the range 1677–2262 that can be represented "
                "(9999-12-31 often stands for 'no date'); leave such cells empty in the "
                "export, or " + _FIX_FORMAT
            )
    is_serial = texts.str.match(_EXCEL_SERIAL).to_numpy(dtype=bool)
    serial = texts[is_serial].astype(float)
    if weights[is_serial].sum() >= 0.9 * total and serial.between(20_000, 80_000).all():
        return (
            "the values look like Excel serial date numbers (days since 1899-12-30, "
            "45756.5 = 2025-04-09 12:00); format the column as date and time in Excel "
            "before saving as CSV"
        )
    if weights[texts.str.match(_EPOCH).to_numpy(dtype=bool)].sum() >= 0.9 * total:
        return (
            "the values look like Unix times (seconds or milliseconds since 1970); export "
            "them as dates and times (e.g. 2024-04-01 09:30)"
        )
    return _FIX_FORMAT


def _examples(rows: np.ndarray, values: pd.Series, label: str) -> str:
    shown = [
        f"{label} {r}: '{_masked(v)}'"
        for r, v in zip(rows[:_EXAMPLES], values.iloc[:_EXAMPLES], strict=True)
    ]
    more = "" if len(rows) <= _EXAMPLES else f" and {len(rows) - _EXAMPLES} more"
    return ", ".join(shown) + more


def _samples(rows: np.ndarray, values: pd.Series, label: str) -> dict[str, Any]:
    """The rows and values of :func:`_examples` as a notice's ``samples`` and ``more``."""
    shown = tuple(
        Sample(Row(label, int(r)), _masked(v))
        for r, v in zip(rows[:_EXAMPLES], values.iloc[:_EXAMPLES], strict=True)
    )
    return {"samples": shown, "more": More(max(len(rows) - _EXAMPLES, 0))}


def _duplicates(
    frame: pd.DataFrame, candidates: np.ndarray
) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Rows among ``candidates`` equal in every column to an earlier candidate.

    Returns a mask over the whole frame and (duplicate, first occurrence) positions for
    the first few duplicates.
    """
    mask = np.zeros(len(frame), dtype=bool)
    if len(candidates) < 2:
        return mask, []
    # A row equal to another in every column is equal to it in the first few columns too:
    # only rows repeated there are compared in full.
    narrowed = _repeated_prefix(frame, candidates)
    if len(narrowed) < 2:
        return mask, []
    candidates = narrowed
    subset = frame if len(candidates) == len(frame) else frame.iloc[candidates]
    repeated = subset.duplicated(keep="first").to_numpy(dtype=bool)
    if not repeated.any():
        return mask, []
    mask[candidates[repeated]] = True
    hashes = pd.util.hash_pandas_object(subset, index=False).to_numpy()
    pairs = [
        (int(position), int(candidates[int(np.argmax(hashes == value))]))
        for position, value in zip(
            candidates[repeated][:_EXAMPLES], hashes[repeated][:_EXAMPLES], strict=True
        )
    ]
    return mask, pairs


def _repeated_prefix(frame: pd.DataFrame, candidates: np.ndarray) -> np.ndarray:
    """The ``candidates`` whose values in the first :data:`_PREFIX_COLUMNS` columns
    repeat those of another candidate (all of them when the frame has no more columns)."""
    if frame.shape[1] <= _PREFIX_COLUMNS:
        return candidates
    rows = candidates if len(candidates) < len(frame) else slice(None)
    prefix = frame.iloc[rows, :_PREFIX_COLUMNS]
    again = prefix.duplicated(keep=False).to_numpy(dtype=bool)
    return candidates[again]


#: Columns compared first when looking for repeated rows (see :func:`_duplicates`).
_PREFIX_COLUMNS = 3


#: The ``how`` of a register's activity (see :func:`_is_register`), and the label its rows
#: carry as their activity.
REGISTER = "register"
REGISTER_ACTIVITY = "台帳"


def _is_register(frame: pd.DataFrame, roles: dict[str, str], how: dict[str, str]) -> bool:
    """Whether a file may be a register kept per resident (対象者台帳, 宛名マスタ) rather than
    an event log: a person key and a date, no activity column by its header (one found by
    its values means little when each case has one row: bank names, or 転入 / 転居), and
    each resident on one row. It is read as one when its department has a log of steps
    too (:func:`_registers`).

    >>> frame = pd.DataFrame({"宛名番号": ["1", "2", "3"], "金融機関名": ["A銀行", "B銀行", "A銀行"],
    ...                       "更新日": ["2025/04/01"] * 3})
    >>> roles = {"case": "宛名番号", "activity": "金融機関名", "timestamp": "更新日", "person": "宛名番号"}
    >>> _is_register(frame, roles, {"activity": "values"})
    True
    >>> _is_register(frame, roles, {"activity": "header"})
    False
    """
    if "person" not in roles or "timestamp" not in roles or how.get("activity") != "values":
        return False
    people = frame[roles["person"]].dropna()
    people = people[people.astype(str).str.strip() != ""]
    return len(people) >= 2 and people.nunique() >= 0.99 * len(people)


def _unique_name(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{name} ({n})"
        n += 1
    return candidate


def _warn_end_before_start(
    end: pd.Series,
    start: pd.Series,
    rows: np.ndarray,
    roles: dict[str, str],
    *,
    source: str,
    label: str,
    warnings: list[str],
) -> None:
    """Warn about rows whose end time is earlier than their timestamp (their handling time
    is not counted), with their count and first rows. ``end``, ``start`` and ``rows`` are
    the kept rows in file order."""
    before = end.to_numpy(dtype="datetime64[ns]") < start.to_numpy(dtype="datetime64[ns]")
    count = int(before.sum())
    if not count:
        return
    hit = rows[before].astype(np.int64)
    shown = tuple(Row(label, int(r)) for r in hit[:_EXAMPLES])
    more = More(count - len(shown))
    listed = ", ".join(f"{label} {r.number}" for r in shown)
    if more.count:
        listed += f" and {more.count} more"
    verb, its = (
        ("ends before it starts", "its") if count == 1 else ("end before they start", "their")
    )
    warnings.append(
        Notice(
            f"{place(source, label, int(hit[0]))}: {counted(count, 'row')} {verb} "
            f"({show(roles['end'])} is earlier than {show(roles['timestamp'])}); {its} "
            f"handling time is not counted ({listed}) — check the two columns in the export",
            "end_before_start_one" if count == 1 else "end_before_start",
            place=place_of(source, label, int(hit[0])),
            count=count,
            end=show(roles["end"]),
            start=show(roles["timestamp"]),
            rows=shown,
            more=more,
        )
    )


def _dates_only(stamps: pd.Series) -> bool:
    """Whether every parsed timestamp falls at midnight (the column holds dates only)."""
    present = stamps.dropna().to_numpy(dtype="datetime64[ns]")
    if not len(present):
        return False
    return bool((present.astype(np.int64) % (86_400 * 10**9) == 0).all())


def _times_of_day(
    frame: pd.DataFrame,
    roles: dict[str, str],
    timestamp: pd.Series,
    source: str,
    warnings: list[str],
) -> dict[str, str]:
    """The columns of times of day that complete the timestamp and end columns holding
    dates only (role → column; the date and the time exported as two columns; see
    :func:`~procmine.io.columns.pair_times_of_day`). A date column left without its time
    while times of day are there is named in a warning. When both columns hold dates only,
    both get their time or neither does: a time of day on one side only would make each
    handling time the time since midnight."""
    dates: dict[str, str] = {}
    if _dates_only(timestamp):
        dates["timestamp"] = roles["timestamp"]
    if "end" in roles:
        sample = frame[roles["end"]].dropna().iloc[:2000]
        if _dates_only(parse_timestamps(sample)):
            dates["end"] = roles["end"]
    if not dates:
        return {}
    used = set(roles.values())
    times = time_of_day_columns(frame, [c for c in frame.columns if c not in used])
    pairs = pair_times_of_day(dates, times)
    if pairs and len(pairs) < len(dates):
        (paired, time), (role, column) = (
            next(iter(pairs.items())),
            next((r, c) for r, c in dates.items() if r not in pairs),
        )
        warnings.append(
            Notice(
                f"{at(source)}: column {show(column)} ({role}) holds dates only and no column "
                f"of times of day is sure to complete it, so the time of day in {show(time)} "
                f"was not added to {show(dates[paired])} ({paired}) either; handling times "
                "cannot be measured — put the date and the time of each event in one column "
                "of the export",
                "times_of_day_partial",
                place=Place(at(source)),
                column=show(column),
                role=Term(f"role_{role}"),
                time=show(time),
                paired=show(dates[paired]),
                paired_role=Term(f"role_{paired}"),
            )
        )
        return {}
    for role, column in dates.items():
        if role in pairs or not times:
            continue
        names = ", ".join(show(c) for c in times)
        warnings.append(
            Notice(
                f"{at(source)}: column {show(column)} ({role}) holds dates only, and it is not "
                f"sure which of the columns of times of day ({names}) completes it; no time "
                "was added, so durations cannot be measured — put the date and the time of "
                "each event in one column of the export",
                "times_of_day_unpaired",
                place=Place(at(source)),
                column=show(column),
                role=Term(f"role_{role}"),
                times=tuple(show(c) for c in times),
            )
        )
    return pairs


def _add_time_of_day(
    stamps: pd.Series, clock: pd.Series, role: str, column: str, how: dict[str, str]
) -> pd.Series:
    """``stamps`` (dates only) plus the times of day ``clock`` (text, same index); ``how``
    of ``role`` then names ``column`` (:func:`~procmine.io.messages.with_time_of_day`).
    Dates without a time stay at midnight."""
    if not _dates_only(stamps):  # a sample held dates only, the column does not
        return stamps
    how[role] = with_time_of_day(how[role], show(column, limit=80))
    compact = names_time_of_day(column)  # 処理時刻 0905 (see time_of_day_columns)
    return stamps + parse_times_of_day(clock, compact=compact).fillna(pd.Timedelta(0))


#: Headers of a column saying what kind of performer took a step (窓口, 発券機, 申請者).
_PERFORMER_HEADERS = frozenset(
    header_key(h)
    for h in (
        "役割",
        "役割区分",
        "職種",
        "処理者区分",
        "実施者区分",
        "担当区分",
        "performer type",
        "performer role",
        "role",
        "actor type",
    )
)


#: Most kinds a performer column holds (more: it names people, not kinds).
_MAX_PERFORMER_KINDS = 30


def _performer_column(frame: pd.DataFrame, taken: set[str]) -> str | None:
    """A data column saying what kind of performer took each step: named so (役割, role)
    and holding a few kinds, of which one at least is not staff (発券機: a machine, 申請者:
    the resident — see :func:`procmine.discover.performer_of`). None when there is none."""
    from procmine.discover import performer_of

    for column in frame.columns:
        if column in taken or header_key(column) not in _PERFORMER_HEADERS:
            continue
        kinds = _strip(frame[column]).dropna().unique()
        if 2 <= len(kinds) <= _MAX_PERFORMER_KINDS and any(
            performer_of(str(k)) != "staff" for k in kinds
        ):
            return str(column)
    return None


def _with_performers(resource: pd.Series, kind: pd.Series) -> pd.Series:
    """The resources with the steps that a machine, the resident or an outsider took
    named by their kind (発券機, 申請者): a machine numbered like a clerk (M01) or a form
    with no clerk on it is then not taken for staff work."""
    from procmine.discover import performer_of

    distinct = kind.dropna().unique()
    other = {k for k in distinct if performer_of(str(k)) != "staff"}
    mask = kind.isin(list(other)).to_numpy(dtype=bool)
    out = resource.astype(object).copy()
    out[mask] = kind[mask].to_numpy(dtype=object)
    return out.astype(_TEXT).astype("category")


def _lifecycle(
    frame: pd.DataFrame,
    roles: dict[str, str],
    clocks: dict[str, str],
    how: dict[str, str],
    keys: tuple[pd.Series, pd.Series, pd.Series],
    usable: np.ndarray,
) -> lifecycle.Lifecycle | None:
    """Pair a file's lifecycle rows (a start row and a complete row per step) into one
    event each (see :mod:`procmine.io.lifecycle`): the column becomes the ``lifecycle``
    role and the paired start rows get the completion's data (and its person key and
    resource where the start row has none). ``keys``: case, activity and timestamp;
    ``usable``: rows not dropped for another reason. None when the file has an end
    column, no lifecycle column, or pairs that do not look like steps (most starts
    unpaired, or a median step of more than a day: a 区分 of 開始 / 終了, not a lifecycle)."""
    if "end" in roles:
        return None
    taken = set(roles.values()) | set(clocks.values())
    column = lifecycle.find_column(frame, [c for c in frame.columns if c not in taken])
    if column is None:
        return None
    found = lifecycle.pair(frame[column], *keys, usable)
    if not lifecycle.plausible(found, keys[2]):
        return None
    data = [c for c in frame.columns if c not in taken and c != column]
    fill = [roles[r] for r in ("resource", "person", "department") if r in roles]
    lifecycle.merge_data(frame, data, found, fill)
    roles["lifecycle"] = column
    how["lifecycle"] = "values"
    return found


def _load_file(
    path: Path,
    source: str,
    *,
    options: dict[str, str],
    encoding: str | None,
    folder_config: FolderConfig | None,
    max_bad_share: float,
    duplicates: str,
    register: bool = False,
) -> _FileResult:
    file_config = folder_config.for_file(path.name) if folder_config else FileConfig()
    if encoding:
        chosen_encoding, origin = encoding, "--encoding"
    elif file_config.encoding:
        chosen_encoding, origin = file_config.encoding, CONFIG_NAME
    else:
        chosen_encoding, origin = None, ""
    raw: RawTable = read_table(
        path, encoding=chosen_encoding, encoding_origin=origin, max_bad_share=max_bad_share
    )
    frame = raw.frame
    frame.columns = [str(c) for c in frame.columns]
    own = at(path.name)
    warnings = [moved(w, own, at(source)) for w in raw.warnings]
    fixed, how = _fixed_roles(frame, source, options, folder_config, file_config)
    skip = ("department",) if file_config.department and "department" not in fixed else ()
    roles, detected = detect_roles(frame, fixed=fixed, skip=skip)
    how.update(detected)

    performer = _performer_column(frame, set(roles.values()))
    if performer is not None:
        roles["performer"] = performer
        how["performer"] = "header"
    steps = wide.find_steps(frame, roles, how)
    step_staff: dict[str, str] = {}
    if steps is not None:
        # a case table in wide form (申請一覧: one row per case, a date per step): the steps
        # are the activities; a column of kinds found as the activity is the case's data
        roles.pop("activity", None)
        if roles.get("end") in steps:  # 完了日: a step of its own, not the first step's end
            roles.pop("end")
        activity_column = _unique_name("工程", {str(c) for c in frame.columns})
        frame[activity_column] = steps[roles["timestamp"]]
        roles["activity"], how["activity"] = activity_column, "wide"
        later = {c: n for c, n in steps.items() if c != roles["timestamp"]}
        step_staff = wide.staff_columns(frame, later)
        if roles.get("resource") in step_staff.values():  # 審査担当 reviews; it takes nothing in
            roles.pop("resource")
        roles = {role: roles[role] for role in ROLES if role in roles}
        warnings.append(
            Notice(
                f"{at(source)}: one row per case with the dates of {len(steps)} steps "
                f"({', '.join(show(c) for c in steps)}): read as one event per dated step",
                "wide_case_table",
                place=Place(at(source)),
                count=len(steps),
                columns=tuple(show(c) for c in steps),
            )
        )
    per_resident = steps is None and _is_register(frame, roles, how)
    if register and per_resident:
        # a register (対象者台帳: one row per resident, no column of steps): its rows are
        # the residents' records, compared with the other systems' copies; no events
        roles.pop("activity", None)
        activity_column = _unique_name(REGISTER_ACTIVITY, {str(c) for c in frame.columns})
        frame[activity_column] = REGISTER_ACTIVITY
        roles["activity"], how["activity"] = activity_column, REGISTER
        roles = {role: roles[role] for role in ROLES if role in roles}
        warnings.append(
            Notice(
                f"{at(source)}: one row per resident and no column of steps: read as a "
                "register, its columns compared with the other systems' copies (no events)",
                "register_file",
                place=Place(at(source)),
            )
        )
    for role in REQUIRED_ROLES:
        if role not in roles:
            raise ColumnError(
                f"{at(source)}: no {role} column found; columns are {_columns_list(frame)} — "
                f"pass {_option_flag(role)} COLUMN (or set {role} under [columns] in "
                f"{CONFIG_NAME})"
            )

    n = len(frame)
    rows = raw.rows
    label = raw.row_label
    blank = blank_rows(frame)
    case = _strip(frame[roles["case"]])
    activity = _strip(frame[roles["activity"]])
    ts_column = roles["timestamp"]
    ts_raw = frame[ts_column]
    is_datetime = pd.api.types.is_datetime64_any_dtype(ts_raw.dtype)
    ts_present = ts_raw.notna() if is_datetime else _strip(ts_raw).notna()
    # a file writes its dates one way: start and end decide the day/month order together
    day_first = year_last_order(*(frame[roles[r]] for r in ("timestamp", "end") if r in roles))
    named = {r for r in ("timestamp", "end") if how.get(r) != "values"}  # by header or option
    timestamp = parse_timestamps(
        ts_raw, column=ts_column, source=source, day_first=day_first, compact="timestamp" in named
    )
    timestamp = _numeric_times(ts_raw, timestamp, ts_column, source, warnings)
    clocks = _times_of_day(frame, roles, timestamp, source, warnings)
    if "timestamp" in clocks:
        clock = frame[clocks["timestamp"]]
        timestamp = _add_time_of_day(timestamp, clock, "timestamp", clocks["timestamp"], how)

    reasons = {
        "blank line": blank,
        "missing case": case.isna().to_numpy(dtype=bool),
        "missing activity": activity.isna().to_numpy(dtype=bool),
        "missing timestamp": (~ts_present).to_numpy(dtype=bool),
        "unparsable timestamp": (ts_present & timestamp.isna()).to_numpy(dtype=bool),
    }
    dropped_mask = np.zeros(n, dtype=bool)
    dropped: dict[str, int] = {}
    skipped = {reason: lines for reason, lines in raw.skipped.items() if len(lines)}
    for reason, lines in skipped.items():
        dropped[reason] = len(lines)
    for reason in DROP_REASONS:
        if reason not in reasons:
            continue
        hit = reasons[reason] & ~dropped_mask
        count = int(hit.sum())
        if count:
            dropped[reason] = count
        dropped_mask |= hit

    content_rows = n - int(blank.sum())
    bad = reasons["unparsable timestamp"] & ~blank
    bad_count = int(bad.sum())
    if bad_count and bad_count > max_bad_share * content_rows:
        first = int(rows[bad][0])
        raise ColumnError(
            f"{place(source, label, first)}: column '{show(ts_column)}' (timestamp) has "
            f"{bad_count} of {content_rows} values that are not dates/times "
            f"({_examples(rows[bad], ts_raw[bad], label)}) — {_hint(ts_raw[bad])}"
        )
    if bad_count:
        warnings.append(
            Notice(
                f"{place(source, label, int(rows[bad][0]))}: {bad_count} values of "
                f"{show(ts_column)} are not dates/times; their rows were dropped "
                f"({_examples(rows[bad], ts_raw[bad], label)})",
                "bad_timestamps",
                place=place_of(source, label, int(rows[bad][0])),
                count=bad_count,
                column=show(ts_column),
                **_samples(rows[bad], ts_raw[bad], label),
            )
        )

    repeated, pairs = _duplicates(frame, np.flatnonzero(~dropped_mask))
    count = int(repeated.sum())
    if count:
        shown = ", ".join(f"{label} {rows[d]} = {label} {rows[f]}" for d, f in pairs)
        more = "" if count <= len(pairs) else f" and {count - len(pairs)} more"
        where = place(source, label, int(rows[pairs[0][0]]))
        rows_repeat = "1 row repeats" if count == 1 else f"{count} rows repeat"
        params: dict[str, Any] = {
            "place": place_of(source, label, int(rows[pairs[0][0]])),
            "count": count,
            "pairs": tuple(
                Repeat(Row(label, int(rows[d])), Row(label, int(rows[f]))) for d, f in pairs
            ),
            "more": More(count - len(pairs)),
        }
        if duplicates == "drop":
            dropped["duplicate row"] = count
            dropped_mask |= repeated
            fate = "was dropped" if count == 1 else "were dropped"
            warnings.append(
                Notice(
                    f"{where}: {rows_repeat} an earlier row in every column and {fate} "
                    f"({shown}{more})",
                    "duplicate_row_dropped" if count == 1 else "duplicate_rows_dropped",
                    **params,
                )
            )
        else:
            fate = "it was kept" if count == 1 else "they were kept"
            warnings.append(
                Notice(
                    f"{where}: {rows_repeat} an earlier row in every column; {fate} ({shown}{more})",
                    "duplicate_row_kept" if count == 1 else "duplicate_rows_kept",
                    **params,
                )
            )

    # start and complete rows of one step: paired once every other reason has been applied
    life = _lifecycle(frame, roles, clocks, how, (case, activity, timestamp), ~dropped_mask)
    if life is not None:
        for reason, hit in (
            ("merged lifecycle row", life.merged),
            ("other lifecycle transition", life.other),
        ):
            if hit.any():
                dropped[reason] = int(hit.sum())
                dropped_mask |= hit
        dropped = {r: dropped[r] for r in DROP_REASONS if r in dropped}

    keep = ~dropped_mask
    if not keep.any():
        reason = max(dropped, key=lambda r: (dropped[r], r))
        role = reason.split()[-1]
        column = f": column '{show(roles[role])}'" if role in roles else ""
        raise ColumnError(
            f"{at(source)}: no usable rows ({n + sum(len(v) for v in skipped.values())} rows, all "
            f"dropped; mostly {reason}{column}) — {_HINTS.get(reason, 'check the file')}"
        )
    other = {
        r: c
        for r, c in dropped.items()
        if r
        not in (
            "unparsable timestamp",
            "blank line",
            "duplicate row",
            "too many fields",
            "merged lifecycle row",
        )
    }
    if other:
        detail = ", ".join(f"{count} {reason}" for reason, count in other.items())
        warnings.append(
            Notice(
                f"{at(source)}: dropped {sum(other.values())} of {n} rows ({detail})",
                "rows_dropped",
                place=Place(at(source)),
                count=sum(other.values()),
                total=n,
                detail=tuple(Dropped(reason, count) for reason, count in other.items()),
            )
        )

    # The kept rows in the order of the department's events (case, timestamp, row; see
    # _sorted_events): every column is picked in that order at once, not picked then sorted.
    in_file = np.flatnonzero(keep)
    order = _event_order(case, timestamp, rows, in_file, every=bool(keep.all()))
    kept_index = in_file[order]
    all_kept = len(kept_index) == n and bool((kept_index == np.arange(n)).all())

    def kept(values: pd.Series) -> pd.Series:
        chosen = values if all_kept else values.iloc[kept_index]
        return chosen.reset_index(drop=True)

    columns: dict[str, pd.Series] = {
        CASE: kept(case).astype(_TEXT).astype("category"),
        ACTIVITY: kept(activity).astype(_TEXT).astype("category"),
        TIMESTAMP: kept(timestamp).astype("datetime64[ns]"),
    }
    kept_rows = rows[kept_index].astype(np.int64)
    if "end" in roles:
        # parsed in file order (a format is read from the first values), then ordered
        end_raw = frame[roles["end"]]
        end_raw = (end_raw if len(in_file) == n else end_raw.iloc[in_file]).reset_index(drop=True)
        end = parse_timestamps(
            end_raw, column=roles["end"], source=source, day_first=day_first, compact="end" in named
        )
        end = _numeric_times(end_raw, end, roles["end"], source, warnings)
        if "end" in clocks:
            clock = frame[clocks["end"]]
            clock = (clock if len(in_file) == n else clock.iloc[in_file]).reset_index(drop=True)
            end = _add_time_of_day(end, clock, "end", clocks["end"], how)
        if pd.api.types.is_datetime64_any_dtype(end_raw.dtype):
            end_bad = end.isna().to_numpy() & end_raw.notna().to_numpy()
        else:
            end_bad = end.isna().to_numpy() & _strip(end_raw).notna().to_numpy()
        if end_bad.any():
            file_rows = rows[in_file].astype(np.int64)
            warnings.append(
                Notice(
                    f"{place(source, label, int(file_rows[end_bad][0]))}: {int(end_bad.sum())} "
                    f"values of {show(roles['end'])} (end) are not dates/times and were left "
                    f"empty ({_examples(file_rows[end_bad], end_raw[end_bad], label)})",
                    "bad_end_times",
                    place=place_of(source, label, int(file_rows[end_bad][0])),
                    count=int(end_bad.sum()),
                    column=show(roles["end"]),
                    **_samples(file_rows[end_bad], end_raw[end_bad], label),
                )
            )
        start = timestamp if len(in_file) == n else timestamp.iloc[in_file]
        _warn_end_before_start(
            end, start, rows[in_file], roles, source=source, label=label, warnings=warnings
        )
        if not all_kept:
            end = end.iloc[order].reset_index(drop=True)
        columns[END] = end.astype("datetime64[ns]")
    elif life is not None:
        columns[END] = kept(life.end).astype("datetime64[ns]")
    else:
        columns[END] = pd.Series(pd.NaT, index=range(len(kept_rows)), dtype="datetime64[ns]")
    for role in (RESOURCE, PERSON):
        if role in roles:
            values = kept(_strip(frame[roles[role]])).astype(_TEXT)
            # staff and residents repeat over many rows: categories, not a string a row
            columns[role] = values.astype("category")
        else:
            columns[role] = pd.Series(pd.NA, index=range(len(kept_rows)), dtype=_TEXT)
    if "performer" in roles:
        columns[RESOURCE] = _with_performers(
            columns[RESOURCE], kept(_strip(frame[roles["performer"]]))
        )
    fallback = file_config.department or _stem(path)
    if "department" in roles:
        dept = kept(_strip(frame[roles["department"]]))
        missing = int(dept.isna().sum())
        if missing:
            warnings.append(
                Notice(
                    f"{at(source)}: {missing} rows have no {show(roles['department'])} "
                    f"(department); they were put in department '{show(fallback)}'",
                    "department_missing",
                    place=Place(at(source)),
                    count=missing,
                    column=show(roles["department"]),
                    fallback=show(fallback),
                )
            )
        columns[DEPARTMENT] = dept.fillna(fallback).astype(_TEXT).astype("category")
    else:
        columns[DEPARTMENT] = _constant(fallback, len(kept_rows))
    columns[SOURCE] = _constant(source, len(kept_rows))
    columns[ROW] = pd.Series(kept_rows)

    used = set(roles.values()) | set(clocks.values())  # a time of day is in the timestamp
    used |= set(steps or ()) | set(step_staff.values())  # a wide table's steps are events
    data_columns: list[str] = []
    renamed: list[str] = []
    taken = set(RESERVED_COLUMNS) | {c for c in frame.columns if c not in used}
    for column in frame.columns:
        if column in used:
            continue
        name = column
        if name in RESERVED_COLUMNS:
            name = _unique_name(f"{column} (data)", taken | set(data_columns))
            renamed.append(f"{show(column)} → {show(name)}")
        values = kept(frame[column])
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            values = values.dt.strftime("%Y-%m-%dT%H:%M:%S")
        columns[name] = values.astype(_TEXT)
        data_columns.append(name)
    if renamed:
        warnings.append(
            Notice(
                f"{at(source)}: data columns named like standard columns were renamed: "
                f"{', '.join(renamed)}",
                "data_columns_renamed",
                place=Place(at(source)),
                renamed=tuple(renamed),
            )
        )
    events = pd.DataFrame(columns)
    if steps is not None:
        others = {c: n for c, n in steps.items() if c != roles["timestamp"]}
        stamps = {}
        for c in others:
            raw_dates = kept(frame[c])
            stamps[c] = parse_timestamps(
                raw_dates, column=c, source=source, day_first=day_first, compact=True
            )
            unread = int((stamps[c].isna() & _strip(raw_dates).notna()).sum())
            if unread:  # the row's other steps stay; this one is left out, and said so
                warnings.append(
                    Notice(
                        f"{at(source)}: {unread} values of {show(c)} are not dates; those "
                        "steps were left out",
                        "wide_bad_dates",
                        place=Place(at(source)),
                        count=unread,
                        column=show(c),
                    )
                )
        events = wide.step_events(
            events,
            stamps,
            others,
            {c: kept(_strip(frame[s])).astype(_TEXT) for c, s in step_staff.items()},
            data_columns,
        )

    if "department" in roles:
        parts = {
            str(name): group.reset_index(drop=True)
            for name, group in events.groupby(DEPARTMENT, sort=True, observed=True)
        }
    else:
        parts = {fallback: events}
    mapping = ColumnMapping(
        source=source,
        format=raw.format,
        encoding=raw.encoding,
        roles=dict(roles),
        how={role: how[role] for role in roles},
        data_columns=tuple(data_columns),
        departments=tuple(parts),
    )
    accounting = RowAccounting(
        source=source,
        rows_read=n + sum(len(v) for v in skipped.values()),
        rows_loaded=int(keep.sum()),
        dropped={r: dropped[r] for r in DROP_REASONS if r in dropped},
    )
    return _FileResult(parts, mapping, accounting, warnings, per_resident and not register)


def _load_models(paths: list[_Configured], warnings: list[str]) -> dict[str, nx.DiGraph]:
    models: dict[str, nx.DiGraph] = {}
    if not paths:
        return models
    try:
        from . import processmodels
    except ImportError as err:
        for path, _ in paths:
            warnings.append(
                Notice(
                    f"{at(path.name)}: skipped; process models cannot be read here ({err})",
                    "models_unreadable",
                    place=Place(at(path.name)),
                    error=str(err),
                )
            )
        return models
    for path, config in paths:
        # the department procmine.toml names for the file, as for a log
        named = config.for_file(path.name).department if config is not None else None
        name = named or _stem(path)
        if name in models:
            name = path.name
            warnings.append(
                Notice(
                    f"{at(path.name)}: another model has the same name; keyed as '{show(name)}'",
                    "model_name_taken",
                    place=Place(at(path.name)),
                    name=show(name),
                )
            )
        graph = processmodels.load_model(path)
        if graph.number_of_nodes() == 0:
            warnings.append(
                Notice(
                    f"{at(path.name)}: skipped; the model has no named activities (unnamed "
                    "tasks, gateways and places are not activities) — name its tasks",
                    "model_no_activities",
                    place=Place(at(path.name)),
                )
            )
            continue
        models[name] = graph
    return models


def _read_files(
    log_files: list[tuple[Path, FolderConfig | None]],
    names: dict[Path, str],
    *,
    parallel: bool,
    **options: Any,
) -> list[_FileResult]:
    """:func:`_load_file` of each file, in order. With ``parallel``, a forked helper reads
    every other file by size (largest first) while this process reads the rest."""
    from procmine._forks import has_room, start

    def read(indices: list[int]) -> list[_FileResult | BaseException]:
        out: list[_FileResult | BaseException] = []
        for i in indices:
            path, folder_config = log_files[i]
            try:
                out.append(_load_file(path, names[path], folder_config=folder_config, **options))
            except ProcmineError as err:  # the files after it in order are not needed
                out.append(err)
                break
        return out

    order = list(range(len(log_files)))
    if parallel and len(order) > 1:
        order.sort(key=lambda i: (-_file_size(log_files[i][0]), i))
    mine, theirs = (order[0::2], order[1::2]) if parallel else (order, [])
    helper = start(lambda: read(sorted(theirs)), fork=bool(theirs) and has_room())
    try:
        here = read(sorted(mine))
        there = helper.result() if theirs else []
    finally:
        helper.cancel()
    results: dict[int, _FileResult | BaseException] = {}
    for indices, side in ((sorted(mine), here), (sorted(theirs), there)):
        results.update(zip(indices, side, strict=False))
    out: list[_FileResult] = []
    for i in range(len(log_files)):
        got = results[i]  # present up to the first failure of either side
        if isinstance(got, BaseException):
            raise got
        out.append(got)
    return out


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def load(
    inputs: Sequence[str | Path],
    *,
    case: str | None = None,
    activity: str | None = None,
    timestamp: str | None = None,
    end: str | None = None,
    resource: str | None = None,
    department: str | None = None,
    person: str | None = None,
    encoding: str | None = None,
    max_bad_share: float = 0.05,
    duplicates: Literal["drop", "keep"] = "drop",
    parallel: bool = False,
) -> Dataset:
    """Read event logs and process models from files and folders.

    A folder contributes every ``*.csv``, ``*.tsv``, ``*.xes``, ``*.xes.gz`` and
    ``*.parquet`` file directly inside it (sorted, not recursive) plus ``*.bpmn``,
    ``*.pnml`` and ``*.epml`` process models; other files are ignored, and those that look
    like exports it cannot read (``.xlsx``, ``.csv.gz``, ``.zip``, ``.txt`` …) are named in a
    warning with what to do. A
    ``procmine.toml`` in the folder (or in the folder of a file given directly) sets
    columns, department names and encodings (see :mod:`procmine.io.config`).

    Columns are chosen per role in this order: keyword options, then procmine.toml
    (``[files."NAME".columns]`` before ``[columns]``), then known header names, then the
    values. Every other column is kept as a data column (text) under its own header.
    A department column splits a file by its values; otherwise the department is the
    name in procmine.toml, otherwise the file name without extension. Files of the same
    department are concatenated (a warning names two such files with different columns that
    share case ids). A timestamp or end column that holds dates only is completed with the
    column of times of day that pairs with it (see
    :func:`~procmine.io.columns.pair_times_of_day`; the mapping's ``how`` says so). Rows whose
    end is earlier than their timestamp are kept and counted in a warning.

    Every row read is either loaded or dropped with a reason, counted per file in
    :attr:`Dataset.accounting` (``rows_read == rows_loaded + sum(dropped.values())``) and
    named with its first rows in :attr:`Dataset.warnings`. The reasons, checked in this
    order (a row counts once), are :data:`DROP_REASONS`: more fields than the header (CSV),
    a blank line, a missing case, activity or timestamp (empty, or one of
    :data:`MISSING_MARKERS` such as ``NULL``), an unparsable timestamp (including
    impossible ones such as 2026-02-30 or 25:00, and times outside 1677–2262 such as
    9999-12-31), and a row identical in every column to an earlier row of the same file
    (unless ``duplicates="keep"``). ``row`` is the line the record starts on for CSV/TSV
    (header = line 1; line breaks inside quoted values are counted), the event's ordinal
    for XES and the record's ordinal for Parquet.

    Parameters
    ----------
    inputs
        Files and folders.
    case, activity, timestamp, end, resource, department, person
        Column (header) to use for the role in every file; ``None`` (default) detects it.
    encoding
        Text encoding of every CSV/TSV file (``utf-8``, ``utf-8-sig``, ``cp932``,
        ``euc_jp`` …); ``None`` (default) detects it per file.
    max_bad_share
        Largest share of a file's rows whose timestamp may be unparsable, or (CSV) that
        may have more fields than the header; those rows are dropped with a warning, above
        it the file is refused. Default 0.05.
    duplicates
        ``"drop"`` (default): a row identical in every column to an earlier row of the same
        file is dropped as ``duplicate row`` (double exports would otherwise count as work
        done twice); ``"keep"``: such rows are kept and only named in a warning.
    parallel
        Read the files in two processes (``procmine._forks``): the larger files here, the
        others in a forked helper. The same Dataset either way (the same error, too: the
        first file in order that fails). Default False.

    Returns
    -------
    Dataset
        One :class:`~procmine.model.EventLog` per department, sorted by case, timestamp
        and row, with mappings, row accounting, warnings and models.

    Raises
    ------
    InputError, ColumnError, ConfigError
        With one line naming the file, column or key and what to do.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "shimin.csv").write_text(
    ...     "受付番号,処理内容,処理日時\\n001,受付,2024/04/01 09:00\\n001,交付,2024/04/01 09:30\\n",
    ...     encoding="utf-8")
    >>> data = load([folder])
    >>> data.departments
    ['shimin']
    >>> data.logs["shimin"].events[["case", "activity", "timestamp", "row"]]
      case activity           timestamp  row
    0  001       受付 2024-04-01 09:00:00    2
    1  001       交付 2024-04-01 09:30:00    3
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    if not inputs:
        raise InputError("no input given — name event-log files or folders")
    if not 0 <= max_bad_share <= 1:
        raise ConfigError(f"max_bad_share must be between 0 and 1, not {max_bad_share}")
    if duplicates not in ("drop", "keep"):
        raise ConfigError(f"duplicates must be 'drop' or 'keep', not {duplicates!r}")
    given = {
        "case": case,
        "activity": activity,
        "timestamp": timestamp,
        "end": end,
        "resource": resource,
        "department": department,
        "person": person,
    }
    options: dict[str, str] = {}
    for role, value in given.items():
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f"{_option_flag(role)} must name a column, not {show(repr(value))} — give a "
                "column header"
            )
        options[role] = value.strip()
    if encoding is not None:
        check_text_encoding(encoding, where="--encoding", origin="")
    log_files, model_files, warnings = _collect(inputs)
    names = _source_names([p for p, _ in log_files + model_files])
    mappings: list[ColumnMapping] = []
    accounting: list[RowAccounting] = []
    by_department: dict[str, list[pd.DataFrame]] = {}
    sources: dict[str, list[str]] = {}
    read = _read_files(
        log_files,
        names,
        options=options,
        encoding=encoding,
        max_bad_share=max_bad_share,
        duplicates=duplicates,
        parallel=parallel,
    )
    _registers(read, log_files, names, options, encoding, max_bad_share, duplicates)
    if "person" not in options:
        _person_keys_by_values(read)
    warnings.extend(_align_person_keys(read, [names[p] for p, _ in log_files]))
    # registers (one row per resident, no steps) apart from the event logs
    register_parts: dict[str, list[pd.DataFrame]] = {}
    register_sources: dict[str, list[str]] = {}
    for (path, _), result in zip(log_files, read, strict=True):
        source = names[path]
        warnings.extend(result.warnings)
        mappings.append(result.mapping)
        accounting.append(result.accounting)
        register = result.mapping.how.get("activity") == REGISTER
        for dept, part in result.parts.items():
            (register_parts if register else by_department).setdefault(dept, []).append(part)
            (register_sources if register else sources).setdefault(dept, []).append(source)

    logged = [
        (result, names[path])
        for (path, _), result in zip(log_files, read, strict=True)
        if result.mapping.how.get("activity") != REGISTER
    ]  # (a register's rows are no cases)
    warnings.extend(_shared_case_ids([r for r, _ in logged], [n for _, n in logged]))
    logs = _event_logs(by_department, sources)
    registers = _event_logs(register_parts, register_sources)
    models = _load_models(model_files, warnings)
    return Dataset(
        logs=logs,
        mappings=mappings,
        accounting=accounting,
        warnings=warnings,
        models=models,
        registers=registers,
    )


#: How an activity column was chosen by someone or by its header: a file with such steps
#: says its department keeps an event log.
_STEPS_NAMED = ("header", "option", "config", "wide")


def _registers(
    read: list[_FileResult],
    log_files: list[tuple[Path, FolderConfig | None]],
    names: dict[Path, str],
    options: dict[str, str],
    encoding: str | None,
    max_bad_share: float,
    duplicates: str,
) -> None:
    """Read again, as registers, the files of one row per resident whose activity was
    guessed from their values (a column of bank names) in a department whose other file
    names its steps (a 対象者台帳 exported beside the department's log); in place."""
    logged = {
        d
        for r in read
        if r.mapping.how.get("activity") in _STEPS_NAMED
        for d in r.mapping.departments
    }
    for i, result in enumerate(read):
        if result.per_resident and set(result.mapping.departments) & logged:
            path, folder_config = log_files[i]
            read[i] = _load_file(
                path, names[path], options=options, encoding=encoding,
                folder_config=folder_config, max_bad_share=max_bad_share,
                duplicates=duplicates, register=True,
            )  # fmt: skip


def _event_logs(
    by_department: dict[str, list[pd.DataFrame]], sources: dict[str, list[str]]
) -> dict[str, EventLog]:
    """One :class:`EventLog` per department from its files' events (``sources``: the files
    of each department, in order)."""
    logs: dict[str, EventLog] = {}
    for dept in sorted(by_department):
        parts = by_department[dept]
        data_columns: list[str] = []
        for part in parts:
            for column in part.columns[len(_STANDARD) :]:
                if column not in data_columns:
                    data_columns.append(column)
        events = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        for column in data_columns:
            events[column] = events[column].astype(_TEXT)
        events = events[list(_STANDARD) + data_columns]
        # one file's events come in this order already (see _load_file); several are merged
        events = _sorted_events(events) if len(parts) > 1 else events.reset_index(drop=True)
        logs[dept] = EventLog(
            department=dept,
            events=events,
            data_columns=tuple(data_columns),
            sources=tuple(dict.fromkeys(sources[dept])),
        )
    return logs


#: A data column of a file without a person key is its person key when at least this share
#: of its distinct values are person keys of other files, and at least
#: :data:`_KEY_MIN_VALUES` of them are (宛名番号 under a plain header such as 番号 or ID).
_KEY_SHARE = 0.5
_KEY_MIN_VALUES = MIN_KEYS


_HOUSEHOLD = re.compile(r"世帯|household", re.IGNORECASE)


def _small_numbers(keys: set[str]) -> bool:
    """Whether the keys are whole numbers counted from about 1 (a village's 1 … 5,000):
    such keys include the small numbers that a column of ages, counts or sizes holds."""
    if not keys or not all(k.isdigit() for k in keys):
        return False
    numbers = [int(k) for k in keys]
    return len(numbers) / (max(numbers) - min(numbers) + 1) > 0.1


def _beyond_chance(values: set[str], known: set[str], hits: int) -> bool:
    """Whether a column's share of values that are keys beats what numbers drawn at random
    over its range would hit, when the keys are :func:`_small_numbers` (a village's 1 …
    5,000 fill their range: any number in it is "a key"): chance-corrected share of at
    least :data:`_KEY_SHARE`. Values that are not whole numbers are not keys then.

    >>> keys = {str(k) for k in range(1, 3001)}
    >>> _beyond_chance({str(k) for k in range(1001, 1300)}, keys, 299)  # serials in range
    False
    >>> village = {str(k) for k in range(1000, 5000, 3)}
    >>> _beyond_chance({str(k) for k in range(1000, 5000, 3)}, village, len(village))
    True
    """
    numbers = [int(v) for v in values if v.isdigit()]
    if not numbers:
        return False
    lo, hi = min(numbers), max(numbers)
    inside = sum(1 for k in known if k.isdigit() and lo <= int(k) <= hi)
    chance = min(1.0, inside / (hi - lo + 1))
    if chance >= 1.0:
        return False
    share = hits / len(values)
    return (share - chance) / (1.0 - chance) >= _KEY_SHARE


def _telling(value: str) -> bool:
    """Whether a key found in a column says the column holds keys: not a small whole number
    (below 1,000), which a column of ages, counts or sizes holds too.

    >>> _telling("4475"), _telling("0004475"), _telling("87"), _telling("A0087")
    (True, True, False, True)
    """
    return not value.isdigit() or int(value) >= 1000


def _file_keys(result: _FileResult) -> set[str]:
    """The distinct person keys of one file (empty without a person column)."""
    keys: set[str] = set()
    if PERSON in result.mapping.roles:
        for part in result.parts.values():
            keys |= distinct_keys(part[PERSON])
    return keys


def _person_keys_by_values(results: list[_FileResult]) -> None:
    """Give the files without a person column the data column whose values are the other
    files' person keys (in place: the parts, the mapping); and a file whose person column,
    taken by its header, holds keys of its own (a 個人番号 beside the 納税義務者番号 the
    other systems share) the data column that does hold the others' keys, when one does
    (its header column becomes data)."""
    own = [_file_keys(result) for result in results]
    known = set().union(*own)
    if len(known) < _KEY_MIN_VALUES:
        return
    small = _small_numbers(known)
    shared = shared_counts(own)
    for k, result in enumerate(results):
        mapping = result.mapping
        if not result.parts:
            continue
        if PERSON in mapping.roles:
            mine = own[k]
            if mapping.how.get(PERSON) != "header" or shared[k] >= KEYS_APART * len(mine):
                continue  # (the keys of most files match as written: nothing else to read)
            others = set().union(*(keys for j, keys in enumerate(own) if j != k))
            bare = {_unpadded(x) for x in others}
            if not mine or len({_unpadded(x) for x in mine} & bare) >= KEYS_APART * len(mine):
                continue
            column = _key_column(result, bare, unpadded=True, small=small)
        else:
            column = _key_column(result, known, small=small)
        if column is not None:
            _take_person_column(result, column)


def _key_column(
    result: _FileResult, known: set[str], *, unpadded: bool = False, small: bool = False
) -> str | None:
    """The data column of a file whose values are, for the most part, ``known`` keys (at
    least :data:`_KEY_MIN_VALUES` of them, and of them :func:`_telling` ones when the keys
    are ``small`` numbers); compared without padding with ``unpadded``."""
    from procmine.fields._profile import header_type

    best: tuple[float, int, str] | None = None
    for column in result.mapping.data_columns:
        # an identifier, not a field (an amount, a date), nor a household's number
        # (世帯番号: often the head's key, so it matches without being the resident's)
        if header_type(column) not in (None, "id") or _HOUSEHOLD.search(column):
            continue
        values = set()
        for part in result.parts.values():
            if column in part:
                values.update(_strip(part[column]).dropna().astype(str).unique().tolist())
        if unpadded:
            values = {_unpadded(v) for v in values}
        found = values & known
        hits = len(found)
        telling = sum(_telling(v) for v in found) if small else hits
        if small and not _beyond_chance(values, known, hits):
            continue
        if telling >= _KEY_MIN_VALUES and hits >= _KEY_SHARE * len(values):
            candidate = (hits / len(values), hits, column)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return None if best is None else best[2]


def _take_person_column(result: _FileResult, column: str) -> None:
    """Make ``column`` the file's person key (in place); a person column it had becomes a
    data column again, under its header."""
    mapping = result.mapping
    old = mapping.roles.get(PERSON)
    for dept, part in result.parts.items():
        if old is not None and PERSON in part:
            part[old] = part[PERSON]
        part[PERSON] = _strip(part[column]).astype(_TEXT).astype("category")
        result.parts[dept] = part.drop(columns=[column])
    data = tuple(c for c in mapping.data_columns if c != column)
    result.mapping = dataclasses.replace(
        mapping,
        roles={**mapping.roles, PERSON: column},
        how={**mapping.how, PERSON: "values"},
        data_columns=data + ((old,) if old is not None else ()),
    )


#: Two files whose person keys match for less than :data:`KEYS_APART` of the smaller one's
#: as written, and for at least this share without padding or prefix, are read so (see
#: :func:`_align_person_keys`): two systems, or two groups of systems, numbering the same
#: residents each their own way.
_KEYS_MATCH = 0.5
#: … or, where fewer match (a small department among many, a town whose systems share
#: few residents), at least :data:`MIN_KEYS` keys and this many times as many as two sets of
#: numbers spread over the same range would share by chance (see :func:`_above_chance`).
_CHANCE_FACTOR = 5.0


#: A short letter prefix of a numeric person key (A0001234, S-000123): the system's mark.
_KEY_PREFIX = re.compile(r"^([A-Za-z]{1,3}-?)(\d+)$")


def _unpadded(key: str) -> str:
    """A key of digits without its leading zeros and the hyphens grouping them (0000012345,
    0001-2345 → 12345); others unchanged.

    >>> _unpadded("0000012345"), _unpadded("0001-2345"), _unpadded("A-12"), _unpadded("12--3")
    ('12345', '12345', 'A-12', '12--3')
    """
    if _GROUPED_DIGITS.fullmatch(key):
        key = key.replace("-", "")
    return (key.lstrip("0") or "0") if key.isdigit() else key


#: Digits in groups joined by single hyphens (0012-3456).
_GROUPED_DIGITS = re.compile(r"\d+(?:-\d+)+")
#: A number and its check digit (0012345-6).
_CHECK_DIGIT = re.compile(r"^(\d{3,})-(\d)$")


#: Residents compared by name to vouch for keys read without their prefix, and the share of
#: them whose names must agree.
_NAMES_COMPARED = 10
_NAMES_AGREE = 0.5


def _key_numbers(keys: set[str]) -> np.ndarray | None:
    """A file's keys, read bare, as numbers (for :func:`_above_chance`); ``None`` unless all
    are ASCII digits of at most 18 (a 64-bit integer).

    >>> _key_numbers({"12", "0034"}).tolist(), _key_numbers({"12", "²"})
    ([12, 34], None)
    """
    if not all(_KEY_DIGITS.fullmatch(k) for k in keys):
        return None
    return np.unique(np.fromiter((int(k) for k in keys), dtype=np.int64, count=len(keys)))


#: A person key of ASCII digits that fits a 64-bit integer.
_KEY_DIGITS = re.compile(r"[0-9]{1,18}")


def _above_chance(x: np.ndarray | None, y: np.ndarray | None) -> bool:
    """Whether two files' keys (:func:`_key_numbers`) share far more numbers than chance
    would: at least :data:`MIN_KEYS` and :data:`_CHANCE_FACTOR` times ``|x|·|y| / range``
    (two sets drawn at random from the range the numbers of both span, its lowest and
    highest hundredth left out so that a placeholder such as 9999999999 does not stretch
    it). Two numberings that both count from 1 (a water bureau's customers, a department's
    own ids) share about as many as chance does and stay apart; keys that are not all
    digits (``None``) never pass.

    >>> residents = _key_numbers({str(n) for n in range(1_000_000, 1_020_000, 40)})  # 500
    >>> taxed = _key_numbers({str(n) for n in range(1_000_000, 1_020_000, 50)})  # 400; 100 shared
    >>> _above_chance(residents, taxed)
    True
    >>> _above_chance(_key_numbers({str(n) for n in range(1, 500)}),
    ...               _key_numbers({str(n) for n in range(1, 300)}))
    False
    >>> own = _key_numbers({str(n) for n in range(1, 1001)} | {"9999999999"})
    >>> _above_chance(own, _key_numbers({str(n) for n in range(10, 4001, 10)}))
    False
    >>> _above_chance(None, taxed)
    False
    """
    if x is None or y is None or len(np.intersect1d(x, y, assume_unique=True)) < MIN_KEYS:
        return False
    low, high = np.percentile(np.concatenate([x, y]), [1, 99])
    x, y = x[(x >= low) & (x <= high)], y[(y >= low) & (y <= high)]
    shared = len(np.intersect1d(x, y, assume_unique=True))
    span = float(high - low) + 1.0
    return bool(shared >= MIN_KEYS and shared >= _CHANCE_FACTOR * len(x) * len(y) / span)


def _name_column(result: _FileResult) -> str | None:
    """A file's first column of names, by header (for vouching keys by names)."""
    from procmine.fields._profile import header_type

    return next((c for c in result.mapping.data_columns if header_type(c) == "name"), None)


def _names_agree(
    a: _FileResult, b: _FileResult, bare_a: dict[str, str], bare_b: dict[str, str]
) -> bool:
    """Whether the residents two files share once their keys are read bare mostly have the
    same name in both (NFKC, without spaces; the first name column of each file, by
    header); False when either file has no name column or too few residents tell."""

    def names(result: _FileResult, bare: dict[str, str]) -> dict[str, str]:
        column = _name_column(result)
        out: dict[str, str] = {}
        if column is None:
            return out
        for part in result.parts.values():
            if column not in part or PERSON not in part:
                continue
            both = part[[PERSON, column]].dropna().drop_duplicates(PERSON)  # one a resident
            for key, name in zip(both[PERSON].astype(str), both[column].astype(str), strict=True):
                text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
                if text:
                    out.setdefault(bare.get(key, key), text)
        return out

    x, y = names(a, bare_a), names(b, bare_b)
    shared = x.keys() & y.keys()
    if len(shared) < _NAMES_COMPARED:
        return False
    return sum(x[k] == y[k] for k in shared) >= _NAMES_AGREE * len(shared)


def _bare_keys(keys: set[str]) -> dict[str, str]:
    """Each key of one file without its padding: digits without leading zeros, and keys
    of one letter prefix and one width (A0001234 … A0004840, a system's numbering of the
    same residents) without the prefix either. Keys of varied widths behind a prefix
    (X5, X12) are a numbering of their own and stay.

    Examples
    --------
    >>> _bare_keys({"A0001234", "A0000056"}) == {"A0001234": "1234", "A0000056": "56"}
    True
    >>> _bare_keys({"X5", "X12", "0042"}) == {"X5": "X5", "X12": "X12", "0042": "42"}
    True

    Keys that all end in one digit after a hyphen (0012345-6) carry a check digit: the
    number is what comes before it.

    >>> _bare_keys({"0012345-6", "0000456-0"}) == {"0012345-6": "12345", "0000456-0": "456"}
    True
    """
    checked = {k: m.group(1) for k in keys if (m := _CHECK_DIGIT.match(k))}
    if checked and len(checked) == len(keys):
        return {k: _unpadded(digits) for k, digits in checked.items()}
    out = {k: _unpadded(k) for k in keys}
    parts = {k: m.group(1, 2) for k in keys if (m := _KEY_PREFIX.match(k))}
    if len({p for p, _ in parts.values()}) == 1 and len({len(d) for _, d in parts.values()}) == 1:
        out.update({k: _unpadded(digits) for k, (_, digits) in parts.items()})
    return out


def _shared_shares(sets: list[set[str]]) -> list[float | None]:
    """Per file, the share of its keys found in another file (None without keys or others)."""
    others = sum(1 for s in sets if s)
    return [
        shared / len(keys) if keys and others > 1 else None
        for keys, shared in zip(sets, shared_counts(sets), strict=True)
    ]


def _align_person_keys(results: list[_FileResult], sources: list[str]) -> list[str]:
    """Read person keys written with and without zero padding, a short letter prefix or a
    check digit (0000012345 / 12345 / A0012345 / 0012345-6) as one key when two files' keys
    match only so (see :data:`_KEYS_MATCH`, or far above chance: :func:`_above_chance`, the
    names agreeing where both files keep them) and no two keys of a file become one (in
    place), and warn about files whose person keys still match almost none of the other
    files'."""
    raw = [_file_keys(result) for result in results]
    if sum(1 for s in raw if s) < 2:
        return []
    shares = _shared_shares(raw)
    apart = [
        (i, j)
        for i, j in itertools.combinations(range(len(raw)), 2)
        if len(raw[i] & raw[j]) < KEYS_APART * min(len(raw[i]), len(raw[j]))
        and min(len(raw[i]), len(raw[j])) >= MIN_KEYS
    ]
    # a file whose keys would collide without their prefix or padding keeps them
    bare: list[dict[str, str]] = [_bare_keys(keys) if apart else {} for keys in raw]
    bare = [b if len(set(b.values())) == len(b) else {} for b in bare]
    # without a letter prefix (A0001234 → 1234) only where the residents' names agree: two
    # numberings both counting from 1 (W000001, a water bureau's customers) match by chance
    prefixed = [any(not k.isdigit() and k != v for k, v in b.items()) for b in bare]
    plain = [set(b.values()) if b else keys for b, keys in zip(bare, raw, strict=True)]

    read_as_numbers: dict[int, np.ndarray | None] = {}

    def numbers(i: int) -> np.ndarray | None:  # each file's keys read once
        if i not in read_as_numbers:
            read_as_numbers[i] = _key_numbers(plain[i])
        return read_as_numbers[i]

    def vouched_by_names(i: int, j: int) -> bool:
        return _names_agree(results[i], results[j], bare[i], bare[j])

    def bare_match(i: int, j: int) -> bool:
        if len(plain[i] & plain[j]) >= _KEYS_MATCH * min(len(raw[i]), len(raw[j])):
            return not (prefixed[i] or prefixed[j]) or vouched_by_names(i, j)
        # fewer shared: far above chance, and the names agree where both files keep them
        if not (bare[i] and bare[j] and _above_chance(numbers(i), numbers(j))):
            return False
        names = _name_column(results[i]) is not None and _name_column(results[j]) is not None
        return (not names and not (prefixed[i] or prefixed[j])) or vouched_by_names(i, j)

    matched = [(i, j) for i, j in apart if bare_match(i, j)]
    if matched:
        vouched = {k for pair in matched for k in pair}
        for k, (result, b) in enumerate(zip(results, bare, strict=True)):
            if PERSON not in result.mapping.roles or not b:
                continue
            if prefixed[k] and k not in vouched:
                b = {key: key if not key.isdigit() else v for key, v in b.items()}
            for dept, part in result.parts.items():
                keys = part[PERSON].astype(_TEXT)
                part[PERSON] = keys.map(b, na_action="ignore").astype("category")
                result.parts[dept] = part
            plain[k] = set(b.values())
        shares = _shared_shares(
            [p if b else keys for p, b, keys in zip(plain, bare, raw, strict=True)]
        )
    out: list[str] = []
    for i, share in enumerate(shares):
        # a handful of residents sharing none says little
        if share is not None and share < KEYS_APART and len(raw[i]) >= MIN_KEYS:
            column = results[i].mapping.roles[PERSON]
            out.append(
                Notice(
                    f"{at(sources[i])}: its person keys ({show(column)}) match almost none of "
                    f"the other files' ({share:.0%} of its residents) — check that they are "
                    "the same resident numbers (prefixes, check digits), or name the right "
                    f"column with --person or in {CONFIG_NAME}; a department whose keys match almost "
                    "none of the others' is linked through another system's column of the same "
                    "numbers (個人番号) where one keeps them, else by name and birth date",
                    "person_keys_apart",
                    place=Place(at(sources[i])),
                    column=show(column),
                    share=f"{share:.0%}",
                )
            )
    return out


def _shared_case_ids(results: list[_FileResult], sources: list[str]) -> list[str]:
    """Warnings for files of one department with different columns that share case ids.

    Files of one department are concatenated, so the events of a case id found in both
    are one case. That is right for one system exported in parts (the same columns, a case
    running across two monthly files), wrong for two systems that number their cases
    alike (``1``, ``2`` …): files whose columns differ and that share ids are named.
    """
    out: list[str] = []
    files: dict[str, int] = {}
    for result in results:
        for dept in result.parts:
            files[dept] = files.get(dept, 0) + 1
    seen: dict[str, list[tuple[str, frozenset[str], set[str]]]] = {}
    for source, result in zip(sources, results, strict=True):
        mapping = result.mapping
        columns = frozenset(mapping.roles.values()) | frozenset(mapping.data_columns)
        for dept, part in result.parts.items():
            if files[dept] < 2:
                continue
            ids = set(part[CASE].dropna().unique())
            for other, other_columns, other_ids in seen.get(dept, []):
                if other_columns == columns:
                    continue
                shared = len(ids & other_ids)
                if shared:
                    out.append(
                        Notice(
                            f"{at(source)}: shares {counted(shared, 'case id')} with {at(other)}, a file "
                            f"of the same department ({show(dept)}) with other columns; the "
                            "events of each shared id were merged into one case — if the two "
                            "files come from different systems, give one of them its own "
                            f"department in {CONFIG_NAME}",
                            "shared_case_ids",
                            place=Place(at(source)),
                            count=shared,
                            other=at(other),
                            department=show(dept),
                        )
                    )
            seen.setdefault(dept, []).append((source, columns, ids))
    return out


def _event_order(
    case: pd.Series, timestamp: pd.Series, rows: np.ndarray, positions: np.ndarray, *, every: bool
) -> np.ndarray:
    """The order :func:`_sorted_events` gives the rows at ``positions`` (``every``: they are
    all the rows, in order): by case, timestamp and row."""

    def at(values: pd.Series) -> pd.Series:
        return values if every else values.iloc[positions]

    case_codes = pd.factorize(at(case).astype(_TEXT), sort=True)[0]
    case_codes[case_codes < 0] = len(case_codes)  # missing cases last, as sort_values puts them
    stamps = at(timestamp).astype("datetime64[ns]").to_numpy()
    return np.lexsort((rows[positions].astype(np.int64), stamps, case_codes))


def _sorted_events(events: pd.DataFrame) -> pd.DataFrame:
    """``events`` sorted by case, timestamp and row (stable), with a fresh index.

    The same order as ``sort_values([CASE, TIMESTAMP, ROW], kind="stable")``, computed on
    integer codes of the cases (sorted like the text) instead of the text itself.
    """
    case_codes = pd.factorize(events[CASE], sort=True)[0]
    case_codes[case_codes < 0] = len(case_codes)  # missing cases last, as sort_values puts them
    order = np.lexsort((events[ROW].to_numpy(), events[TIMESTAMP].to_numpy(), case_codes))
    if (order[1:] > order[:-1]).all():
        return events.reset_index(drop=True)
    return events.take(order).reset_index(drop=True)


_STANDARD: tuple[str, ...] = (
    CASE,
    ACTIVITY,
    TIMESTAMP,
    END,
    RESOURCE,
    PERSON,
    DEPARTMENT,
    SOURCE,
    ROW,
)


def describe_mapping(dataset: Dataset) -> list[str]:
    """One line per input file (and model) saying how it was read, for the CLI to print.

    Examples
    --------
    >>> from procmine.model import ColumnMapping, Dataset, RowAccounting
    >>> mapping = ColumnMapping(source="kokuho.csv", format="csv", encoding="cp932",
    ...     roles={"case": "申請番号", "activity": "手続", "timestamp": "日時"},
    ...     how={"case": "config", "activity": "header", "timestamp": "header"},
    ...     data_columns=("備考",), departments=("保険年金課",))
    >>> data = Dataset(logs={}, mappings=[mapping],
    ...     accounting=[RowAccounting("kokuho.csv", 10, 9, {"unparsable timestamp": 1})])
    >>> for line in describe_mapping(data):
    ...     print(line)
    kokuho.csv (cp932, 保険年金課): case=申請番号 [config] activity=手続 [header] timestamp=日時 [header]; data: 備考; 9 of 10 rows loaded (1 unparsable timestamp)
    """
    rows = {a.source: a for a in dataset.accounting}
    lines: list[str] = []
    for mapping in dataset.mappings:
        kind = mapping.encoding if mapping.format in ("csv", "tsv") else mapping.format
        kind = kind or mapping.format
        depts = ", ".join(show(d, limit=80) for d in mapping.departments)
        roles = " ".join(
            f"{role}={show(column, limit=80)} [{mapping.how.get(role, '?')}]"
            for role, column in mapping.roles.items()
        )
        line = f"{at(mapping.source)} ({kind}, {depts}): {roles}"
        if mapping.data_columns:
            line += f"; data: {', '.join(show(c, limit=80) for c in mapping.data_columns)}"
        account = rows.get(mapping.source)
        if account is not None:
            line += f"; {account.rows_loaded} of {account.rows_read} rows loaded"
            if account.dropped:
                detail = ", ".join(counted(n, reason) for reason, n in account.dropped.items())
                line += f" ({detail})"
        lines.append(line)
    for name in sorted(dataset.models):
        graph = dataset.models[name]
        lines.append(
            f"{show(name, limit=80)}: process model ({graph.number_of_nodes()} activities)"
        )
    return lines
