"""``load``: read exported event logs (files or folders) into a :class:`~procmine.model.Dataset`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import ColumnError, ConfigError, InputError
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
from .columns import detect_roles, header_key
from .config import CONFIG_NAME, FileConfig, FolderConfig, read_config
from .readers import LOG_SUFFIXES, MODEL_SUFFIXES, RawTable, file_format, read_table
from .timestamps import parse_timestamps

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["DROP_REASONS", "describe_mapping", "load"]

#: Why a row is dropped, in the order the reasons are checked (a row counts once).
DROP_REASONS: tuple[str, ...] = (
    "blank line",
    "missing case",
    "missing activity",
    "missing timestamp",
    "unparsable timestamp",
)

_TEXT = pd.StringDtype()
_EXAMPLES = 3


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
    __slots__ = ("accounting", "mapping", "parts", "warnings")

    def __init__(
        self,
        parts: dict[str, pd.DataFrame],
        mapping: ColumnMapping,
        accounting: RowAccounting,
        warnings: list[str],
    ) -> None:
        self.parts = parts
        self.mapping = mapping
        self.accounting = accounting
        self.warnings = warnings


def _collect(
    inputs: Sequence[str | Path],
) -> tuple[list[tuple[Path, FolderConfig | None]], list[Path]]:
    """Expand inputs into (log file, its folder's config) pairs and model files."""
    logs: list[tuple[Path, FolderConfig | None]] = []
    models: list[Path] = []
    seen: set[Path] = set()
    configs: dict[Path, FolderConfig | None] = {}

    def config_of(folder: Path) -> FolderConfig | None:
        key = folder.resolve()
        if key not in configs:
            configs[key] = read_config(folder)
        return configs[key]

    for item in inputs:
        path = Path(item)
        if path.is_dir():
            config = config_of(path)
            entries = sorted(p for p in path.iterdir() if p.is_file())
            found = 0
            for entry in entries:
                fmt = file_format(entry)
                if fmt is None or entry.resolve() in seen:
                    continue
                seen.add(entry.resolve())
                found += 1
                if fmt == "model":
                    models.append(entry)
                else:
                    logs.append((entry, config))
            if found == 0:
                raise InputError(
                    f"{path}: the folder holds no event logs or process models; put "
                    f"{', '.join('*' + s for s in LOG_SUFFIXES + MODEL_SUFFIXES)} files in it"
                )
        elif path.is_file():
            fmt = file_format(path)
            if fmt is None:
                raise InputError(
                    f"{path.name}: unsupported file type; use one of "
                    f"{', '.join('*' + s for s in LOG_SUFFIXES + MODEL_SUFFIXES)}"
                )
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            if fmt == "model":
                models.append(path)
            else:
                logs.append((path, config_of(path.parent)))
        else:
            raise InputError(f"{path}: no such file or folder; check the path")
    return logs, models


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
            hint = f'fix {role} in [files."{source}".columns] of {CONFIG_NAME}'
        elif folder_config is not None and role in folder_config.columns:
            wanted, origin = folder_config.columns[role], "config"
            hint = (
                f'set {role} in [files."{source}".columns] of {CONFIG_NAME} '
                f"or pass {_option_flag(role)} COLUMN"
            )
        else:
            continue
        column = _find_column(frame, wanted)
        if column is None:
            given = f"{_option_flag(role)}" if origin == "option" else CONFIG_NAME
            raise ColumnError(
                f"{source}: column '{wanted}' for {role} (from {given}) not found; columns are "
                f"{', '.join(map(str, frame.columns))}; {hint}"
            )
        fixed[role] = column
        how[role] = origin
    return fixed, how


def _strip(values: pd.Series) -> pd.Series:
    text = values.astype(_TEXT).str.strip()
    return text.mask(text == "")


def _examples(rows: np.ndarray, values: pd.Series, label: str) -> str:
    shown = [f"{label} {r}: '{v}'" for r, v in zip(rows[:_EXAMPLES], values.iloc[:_EXAMPLES])]
    more = "" if len(rows) <= _EXAMPLES else f" and {len(rows) - _EXAMPLES} more"
    return ", ".join(shown) + more


def _load_file(
    path: Path,
    source: str,
    *,
    options: dict[str, str],
    encoding: str | None,
    folder_config: FolderConfig | None,
    max_bad_share: float,
) -> _FileResult:
    file_config = folder_config.for_file(path.name) if folder_config else FileConfig()
    if encoding:
        chosen_encoding, origin = encoding, "--encoding"
    elif file_config.encoding:
        chosen_encoding, origin = file_config.encoding, CONFIG_NAME
    else:
        chosen_encoding, origin = None, ""
    raw: RawTable = read_table(path, encoding=chosen_encoding, encoding_origin=origin)
    frame = raw.frame
    frame.columns = [str(c) for c in frame.columns]
    warnings = [w.replace(path.name, source, 1) for w in raw.warnings]
    fixed, how = _fixed_roles(frame, source, options, folder_config, file_config)
    skip = ("department",) if file_config.department and "department" not in fixed else ()
    roles, detected = detect_roles(frame, fixed=fixed, skip=skip)
    how.update(detected)
    for role in REQUIRED_ROLES:
        if role not in roles:
            raise ColumnError(
                f"{source}: no {role} column found; columns are "
                f"{', '.join(frame.columns)}; pass {_option_flag(role)} COLUMN "
                f"(or set {role} under [columns] in {CONFIG_NAME})"
            )

    n = len(frame)
    rows = raw.rows
    label = raw.row_label
    blank = frame.isna().all(axis=1).to_numpy()
    case = _strip(frame[roles["case"]])
    activity = _strip(frame[roles["activity"]])
    ts_column = roles["timestamp"]
    ts_raw = frame[ts_column]
    is_datetime = pd.api.types.is_datetime64_any_dtype(ts_raw.dtype)
    ts_present = ts_raw.notna() if is_datetime else _strip(ts_raw).notna()
    timestamp = parse_timestamps(ts_raw, column=ts_column, source=source)

    reasons = {
        "blank line": blank,
        "missing case": case.isna().to_numpy(),
        "missing activity": activity.isna().to_numpy(),
        "missing timestamp": (~ts_present).to_numpy(),
        "unparsable timestamp": (ts_present & timestamp.isna()).to_numpy(),
    }
    dropped_mask = np.zeros(n, dtype=bool)
    dropped: dict[str, int] = {}
    for reason in DROP_REASONS:
        hit = reasons[reason] & ~dropped_mask
        count = int(hit.sum())
        if count:
            dropped[reason] = count
        dropped_mask |= hit

    content_rows = n - int(blank.sum())
    bad = reasons["unparsable timestamp"] & ~blank
    bad_count = int(bad.sum())
    if bad_count and bad_count > max_bad_share * content_rows:
        raise ColumnError(
            f"{source}: column '{ts_column}' (timestamp) has {bad_count} of {content_rows} "
            f"values that are not dates/times ({_examples(rows[bad], ts_raw[bad], label)}); "
            f"pass --timestamp COLUMN if another column holds the time, or fix the format "
            f"(e.g. 2024-04-01 09:30)"
        )
    if bad_count:
        warnings.append(
            f"{source}: {bad_count} values of {ts_column} are not dates/times; their rows "
            f"were dropped ({_examples(rows[bad], ts_raw[bad], label)})"
        )
    keep = ~dropped_mask
    if not keep.any():
        reason = max(dropped, key=lambda r: dropped[r])
        role = reason.split()[-1]
        raise ColumnError(
            f"{source}: no usable rows ({n} rows, all dropped; mostly {reason}: column "
            f"'{roles.get(role, '?')}'); pass {_option_flag(role)} COLUMN with the right column"
        )
    other = {r: c for r, c in dropped.items() if r not in ("unparsable timestamp", "blank line")}
    if other:
        detail = ", ".join(f"{count} {reason}" for reason, count in other.items())
        warnings.append(f"{source}: dropped {sum(other.values())} of {n} rows ({detail})")

    kept_index = np.flatnonzero(keep)
    all_kept = bool(keep.all())

    def kept(values: pd.Series) -> pd.Series:
        chosen = values if all_kept else values.iloc[kept_index]
        return chosen.reset_index(drop=True)

    columns: dict[str, pd.Series] = {
        CASE: kept(case).astype(_TEXT),
        ACTIVITY: kept(activity).astype(_TEXT),
        TIMESTAMP: kept(timestamp).astype("datetime64[ns]"),
    }
    kept_rows = rows[kept_index].astype(np.int64)
    if "end" in roles:
        end_raw = kept(frame[roles["end"]])
        end = parse_timestamps(end_raw, column=roles["end"], source=source)
        if pd.api.types.is_datetime64_any_dtype(end_raw.dtype):
            end_bad = np.zeros(len(end_raw), dtype=bool)
        else:
            end_bad = end.isna().to_numpy() & _strip(end_raw).notna().to_numpy()
        if end_bad.any():
            warnings.append(
                f"{source}: {int(end_bad.sum())} values of {roles['end']} (end) are not "
                f"dates/times and were left empty "
                f"({_examples(kept_rows[end_bad], end_raw[end_bad], label)})"
            )
        columns[END] = end.astype("datetime64[ns]")
    else:
        columns[END] = pd.Series(pd.NaT, index=range(len(kept_rows)), dtype="datetime64[ns]")
    for role in (RESOURCE, PERSON):
        if role in roles:
            columns[role] = kept(_strip(frame[roles[role]])).astype(_TEXT)
        else:
            columns[role] = pd.Series(pd.NA, index=range(len(kept_rows)), dtype=_TEXT)
    fallback = file_config.department or _stem(path)
    if "department" in roles:
        dept = kept(_strip(frame[roles["department"]]))
        missing = int(dept.isna().sum())
        if missing:
            warnings.append(
                f"{source}: {missing} rows have no {roles['department']} (department); "
                f"they were put in department '{fallback}'"
            )
        columns[DEPARTMENT] = dept.fillna(fallback).astype(_TEXT)
    else:
        columns[DEPARTMENT] = pd.Series(fallback, index=range(len(kept_rows)), dtype=_TEXT)
    columns[SOURCE] = pd.Series(source, index=range(len(kept_rows)), dtype=_TEXT)
    columns[ROW] = pd.Series(kept_rows)

    used = set(roles.values())
    data_columns: list[str] = []
    renamed: list[str] = []
    for column in frame.columns:
        if column in used:
            continue
        name = column
        if name in RESERVED_COLUMNS:
            name = f"{column} (data)"
            renamed.append(f"{column} → {name}")
        values = kept(frame[column])
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            values = values.dt.strftime("%Y-%m-%dT%H:%M:%S")
        columns[name] = values.astype(_TEXT)
        data_columns.append(name)
    if renamed:
        warnings.append(
            f"{source}: data columns named like standard columns were renamed: {', '.join(renamed)}"
        )
    events = pd.DataFrame(columns)

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
        source=source, rows_read=n, rows_loaded=int(keep.sum()), dropped=dropped
    )
    return _FileResult(parts, mapping, accounting, warnings)


def _load_models(paths: list[Path], warnings: list[str]) -> dict[str, nx.DiGraph]:
    models: dict[str, nx.DiGraph] = {}
    if not paths:
        return models
    try:
        from . import processmodels
    except ImportError as err:
        for path in paths:
            warnings.append(f"{path.name}: skipped; process models cannot be read here ({err})")
        return models
    for path in paths:
        name = _stem(path)
        if name in models:
            name = path.name
            warnings.append(f"{path.name}: another model has the same name; keyed as '{name}'")
        models[name] = processmodels.load_model(path)
    return models


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
) -> Dataset:
    """Read event logs and process models from files and folders.

    A folder contributes every ``*.csv``, ``*.tsv``, ``*.xes``, ``*.xes.gz`` and
    ``*.parquet`` file directly inside it (sorted, not recursive) plus ``*.bpmn``,
    ``*.pnml`` and ``*.epml`` process models; other files are ignored. A
    ``procmine.toml`` in the folder (or in the folder of a file given directly) sets
    columns, department names and encodings (see :mod:`procmine.io.config`).

    Columns are chosen per role in this order: keyword options, then procmine.toml
    (``[files."NAME".columns]`` before ``[columns]``), then known header names, then the
    values. Every other column is kept as a data column (text) under its own header.
    A department column splits a file by its values; otherwise the department is the
    name in procmine.toml, otherwise the file name without extension. Files of the same
    department are concatenated.

    Rows without case, activity or timestamp, or with an unparsable timestamp, are
    dropped and counted in :attr:`Dataset.accounting`. ``row`` is the line number for
    CSV/TSV (header = line 1), the event's ordinal for XES and the record's ordinal for
    Parquet.

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
        Largest share of a file's rows whose timestamp may be unparsable (those rows are
        dropped with a warning); above it the file is refused. Default 0.05.

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
        raise InputError("no input given; name event-log files or folders")
    if not 0 <= max_bad_share <= 1:
        raise ConfigError(f"max_bad_share must be between 0 and 1, not {max_bad_share}")
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
            raise ConfigError(f"{_option_flag(role)} must name a column, not {value!r}")
        options[role] = value.strip()
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ConfigError(
                f"--encoding: unknown encoding '{encoding}'; use utf-8, utf-8-sig, cp932 or "
                "euc_jp, or leave it out to detect it"
            ) from None

    log_files, model_files = _collect(inputs)
    names = _source_names([p for p, _ in log_files] + model_files)
    warnings: list[str] = []
    mappings: list[ColumnMapping] = []
    accounting: list[RowAccounting] = []
    by_department: dict[str, list[pd.DataFrame]] = {}
    sources: dict[str, list[str]] = {}
    for path, folder_config in log_files:
        source = names[path]
        result = _load_file(
            path,
            source,
            options=options,
            encoding=encoding,
            folder_config=folder_config,
            max_bad_share=max_bad_share,
        )
        warnings.extend(result.warnings)
        mappings.append(result.mapping)
        accounting.append(result.accounting)
        for dept, part in result.parts.items():
            by_department.setdefault(dept, []).append(part)
            sources.setdefault(dept, []).append(source)

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
        events = events.sort_values([CASE, TIMESTAMP, ROW], kind="stable").reset_index(drop=True)
        logs[dept] = EventLog(
            department=dept,
            events=events,
            data_columns=tuple(data_columns),
            sources=tuple(dict.fromkeys(sources[dept])),
        )
    models = _load_models(model_files, warnings)
    return Dataset(
        logs=logs,
        mappings=mappings,
        accounting=accounting,
        warnings=warnings,
        models=models,
    )


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
        depts = ", ".join(mapping.departments)
        roles = " ".join(
            f"{role}={column} [{mapping.how.get(role, '?')}]"
            for role, column in mapping.roles.items()
        )
        line = f"{mapping.source} ({kind}, {depts}): {roles}"
        if mapping.data_columns:
            line += f"; data: {', '.join(mapping.data_columns)}"
        account = rows.get(mapping.source)
        if account is not None:
            line += f"; {account.rows_loaded} of {account.rows_read} rows loaded"
            if account.dropped:
                detail = ", ".join(f"{n} {reason}" for reason, n in account.dropped.items())
                line += f" ({detail})"
        lines.append(line)
    for name in sorted(dataset.models):
        graph = dataset.models[name]
        lines.append(f"{name}: process model ({graph.number_of_nodes()} activities)")
    return lines
