"""The machine-readable outputs: CSV tables for Excel and ``findings.json``.

CSV files are UTF-8 with a byte-order mark (Excel then reads Japanese correctly) and CRLF
line ends. Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return) get a leading apostrophe; numbers are written as
numbers.

``findings.json`` holds everything the report shows, as plain data, with sorted keys and no
run timestamp, so the same input always gives the same bytes.

Examples
--------
>>> guard_cell("=HYPERLINK(\\"x\\")"), guard_cell(-3), guard_cell("-3"), guard_cell("転入")
('\\'=HYPERLINK("x")', '-3', '-3', '転入')
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from procmine.report import facts
from procmine.report.values import plain

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from procmine.analysis import Analysis

SCHEMA_VERSION = "1.0"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def guard_cell(value: Any) -> str:
    """Return one CSV cell as text, safe to open in a spreadsheet.

    Missing values are empty; numbers keep their shortest exact form; lists are joined with
    ``"; "``; text that could start a formula gets a leading ``'`` unless it is a plain
    number.
    """
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, list):
        text = "; ".join(guard_cell(v).removeprefix("'") for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    """Return a CSV table (header + rows, CRLF line ends, no BOM) as text."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([guard_cell(c) for c in columns])
    for row in rows:
        writer.writerow([guard_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def frame_csv(frame: pd.DataFrame | None, columns: Sequence[str]) -> str:
    """Return ``frame`` as a CSV table over ``columns``, column by column.

    The same text as ``csv_text(columns, facts.records(frame, columns))`` (missing columns
    give empty cells), without building a dict per row: numeric, boolean, text and time
    columns are converted as whole arrays (text and times once per distinct value), other
    columns cell by cell.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"n": [1, -2], "x": [0.5, float("nan")], "t": ["=1+1", None]})
    >>> frame_csv(frame, ["n", "x", "t", "absent"]).splitlines()
    ['n,x,t,absent', "1,0.5,'=1+1,", '-2,,,']
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([guard_cell(c) for c in columns])
    if frame is None or len(frame) == 0:
        return buf.getvalue()
    empty = [""] * len(frame)
    cells = [_column_cells(frame[c]) if c in frame.columns else empty for c in columns]
    writer.writerows(zip(*cells, strict=True))
    return buf.getvalue()


def _column_cells(values: pd.Series) -> list[str]:
    """:func:`guard_cell` of every value of one column, vectorised where the dtype allows."""
    import numpy as np
    import pandas as pd

    dtype = values.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":
        if dtype.kind == "b":
            return ["TRUE" if v else "FALSE" for v in values.to_numpy().tolist()]
        codes, uniques = pd.factorize(values.to_numpy())  # counts repeat: once per value
        return np.array([str(v) for v in uniques.tolist()], dtype=object)[codes].tolist()
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        # once per distinct bit pattern (0.0 and -0.0 print differently)
        bits = values.to_numpy().astype(np.float64).view(np.int64)
        codes, uniques = pd.factorize(bits)
        printed = [repr(v) if math.isfinite(v) else "" for v in uniques.view(np.float64).tolist()]
        return np.array(printed, dtype=object)[codes].tolist()
    if isinstance(dtype, np.dtype) and dtype.kind == "M":
        stamps = values.to_numpy()
        whole = stamps.astype("datetime64[s]")
        if (whole == stamps)[~np.isnat(stamps)].all():  # no fractions of a second
            text = np.datetime_as_string(whole, unit="s").astype(object)
            midnight = np.strings.endswith(text.astype(str), "T00:00:00")
            text[midnight] = [t[:10] for t in text[midnight].tolist()]
            text[np.isnat(stamps)] = ""
            return text.tolist()
    if isinstance(dtype, pd.StringDtype) or (isinstance(dtype, np.dtype) and dtype.kind in "Mm"):
        return _by_distinct_value(values)
    if isinstance(dtype, pd.api.extensions.ExtensionDtype) and (
        pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)
    ):  # nullable integers and booleans (Int64, boolean): missing cells are empty
        return _nullable_cells(values)
    if isinstance(dtype, np.dtype) and dtype.kind == "O":
        try:
            codes, uniques = pd.factorize(values, use_na_sentinel=True)
        except TypeError:  # unhashable cells (lists, dicts)
            codes, uniques = None, []
        if codes is not None and all(_text_like(u) for u in uniques):
            # Only text (or tuples of text) equals text, so equal cells print the same.
            shown = np.array([*(guard_cell(v) for v in uniques), ""], dtype=object)
            return shown[codes].tolist()
    return [guard_cell(v) for v in values]


def _nullable_cells(values: pd.Series) -> list[str]:
    """:func:`guard_cell` of every value of a nullable integer or boolean column."""
    import numpy as np

    present = values.notna().to_numpy(dtype=bool)
    known = values[present].to_numpy(dtype=object).tolist()
    if values.dtype.kind == "b":
        shown = ["TRUE" if v else "FALSE" for v in known]
    else:
        shown = [str(int(v)) for v in known]
    cells = np.full(len(values), "", dtype=object)
    cells[present] = shown
    return cells.tolist()


def _by_distinct_value(values: pd.Series) -> list[str]:
    """:func:`guard_cell` of every value, computed once per distinct value."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    shown = np.array([*(guard_cell(v) for v in uniques), ""], dtype=object)  # -1: missing
    return shown[codes].tolist()


def _text_like(value: Any) -> bool:
    """A str, or a tuple of str: values whose equality means the same printed text."""
    if isinstance(value, str):
        return True
    return isinstance(value, tuple) and all(isinstance(v, str) for v in value)


def duplicates_csv(analysis: Analysis) -> str:
    """``duplicates.csv``: every column of ``analysis.duplicates``, the pair columns first."""
    cols = facts.ordered_columns(analysis.duplicates, facts.DUPLICATE_COLUMNS)
    return frame_csv(analysis.duplicates, cols)


def silos_csv(analysis: Analysis) -> str:
    """``silos.csv``: ``field, department, column`` then the published figures."""
    cols = facts.silo_columns(analysis.silos)
    return frame_csv(analysis.silos, cols)


def candidates_csv(analysis: Analysis) -> str:
    """``candidates.csv``: ``rank, title, principle, …`` then the savings arithmetic."""
    cols = facts.ordered_columns(analysis.candidates, facts.CANDIDATE_COLUMNS)
    return frame_csv(analysis.candidates, cols)


def silo_value_csvs(analysis: Analysis) -> dict[str, str]:
    """``silo_values.csv`` (per field, department and column: counts of exact, format-only,
    stale, conflicting and missing copies — never the values), ``linkage.csv`` and
    ``whatif.csv`` (journey KPIs before and after each simulated candidate)."""
    out = {}
    for name, frame in (
        ("silo_values.csv", getattr(analysis, "silo_values", None)),
        ("linkage.csv", getattr(analysis, "linkage", None)),
        ("whatif.csv", getattr(analysis, "whatif", None)),
    ):
        if frame is not None:
            cols = [str(c) for c in frame.columns]
            out[name] = frame_csv(frame, cols)
    return out


def journeys_csvs(analysis: Analysis) -> dict[str, str]:
    """``journeys.csv`` (one row per journey), ``kpis.csv`` and ``handover.csv``.

    Residents appear only as pseudonyms, and only when the analysis ran with a salt of the
    user's (``stable_pseudonyms``); otherwise the journey number is the only id.
    """
    result = getattr(analysis, "journeys", None)
    if result is None:
        return {}
    table = result.journeys
    cols = [
        c for c in table.columns if c != "pseudonym" or analysis.options.get("stable_pseudonyms")
    ]
    handover = result.handover.reset_index()
    kpis = kpis_both(result)
    return {
        "journeys.csv": frame_csv(table, cols),
        "kpis.csv": frame_csv(kpis, list(kpis.columns)),
        "handover.csv": csv_text(
            [str(c) for c in handover.columns], facts.records(handover, list(handover.columns))
        ),
    }


def kpis_both(result: object) -> pd.DataFrame:
    """``kpis.csv``: the KPIs per journey type (``life_event`` = "all"), then per life
    event (``journey_type`` = "all"); the overall row once."""
    import pandas as pd

    by_type = result.kpis.assign(life_event="all")  # type: ignore[attr-defined]
    by_life = getattr(result, "life_event_kpis", None)
    if by_life is None or by_life.empty:
        return by_type
    by_life = by_life[by_life["life_event"] != "all"].assign(journey_type="all")
    both = pd.concat([by_type, by_life[list(by_type.columns)]], ignore_index=True)
    first = ["principle", "kpi", "journey_type", "life_event"]
    return both[first + [c for c in both.columns if c not in first]]


def findings(
    analysis: Analysis,
    *,
    version: str,
    map_files: dict[str, str],
    lang: str,
    hours_per_fte: float,
    show_values: bool = False,
) -> dict[str, Any]:
    """Everything the report states, as a JSON-able dict (schema :data:`SCHEMA_VERSION`).

    Resident values are never included, even when the report shows examples
    (``show_values``); ``personal_data`` records which it was.
    """
    dept_facts = facts.department_facts(analysis)
    mappings = facts.column_mappings(analysis)
    dup_cols = facts.ordered_columns(analysis.duplicates, facts.DUPLICATE_COLUMNS)
    cand_cols = facts.ordered_columns(analysis.candidates, facts.CANDIDATE_COLUMNS)
    departments = {}
    for dept, f in dept_facts.items():
        entry = dict(f)
        entry["period"] = {"start": entry.pop("start"), "end": entry.pop("end")}
        if dept in map_files:
            entry["map"] = {
                "dot": f"maps/{map_files[dept]}.dot",
                "svg": f"maps/{map_files[dept]}.svg",
            }
        departments[dept] = entry
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_with": {"procmine": version},
        "report_language": lang,
        "inputs": [
            {
                "source": m["source"],
                "format": m["format"],
                "encoding": m["encoding"],
                "departments": m["departments"],
            }
            for m in mappings
        ],
        "departments": departments,
        "column_mappings": mappings,
        "row_accounting": facts.row_accounting(analysis),
        "warnings": [str(w) for w in (getattr(analysis.dataset, "warnings", []) or [])],
        "summary": facts.summary(analysis, hours_per_fte=hours_per_fte),
        "workload": facts.workload(analysis, hours_per_fte=hours_per_fte),
        "department_pairs": facts.department_pairs(analysis),
        "duplicates": {
            "pairs": facts.records(analysis.duplicates, dup_cols),
            "clusters": facts.clusters(analysis),
        },
        "silos": facts.records(analysis.silos, facts.silo_columns(analysis.silos)),
        "candidates": facts.records(analysis.candidates, cand_cols),
        "journeys": _journeys(analysis),
        "options": plain(analysis.options or {}),
        "maps": {dept: stem for dept, stem in sorted(map_files.items())},
        "personal_data": {
            "resident_values_included": False,
            "report_shows_examples": show_values,
            "note": "column names, activity and department names, counts and rates only",
        },
    }


def _journeys(analysis: Analysis) -> dict[str, Any] | None:
    """Journey types, KPIs, typical paths and hand-overs (no resident, not even a pseudonym);
    None when the analysis has no journeys."""
    from procmine.report.sections.journeys import journey_types, journeys_of, typical_path
    from procmine.report.sections.kpis import KPI_COLUMNS

    journeys = journeys_of(analysis)
    if journeys is None:
        return None
    table = getattr(journeys, "journeys", None)
    counts = (
        table["journey_type"].astype(str).value_counts()
        if facts.has(table, "journey_type")
        else None
    )
    types = journey_types(journeys)
    handover = getattr(journeys, "handover", None)
    return {
        "types": [
            {"journey_type": k, "journeys": int(counts[k]) if counts is not None else None}
            for k in types
        ],
        "kpis": facts.records(getattr(journeys, "kpis", None), list(KPI_COLUMNS)),
        "typical_paths": {k: typical_path(journeys, k) for k in types},
        "handover": {
            str(a): {str(b): plain(v) for b, v in row.items()}
            for a, row in (handover.to_dict(orient="index").items() if facts.has(handover) else [])
        },
    }


def findings_json(data: dict[str, Any]) -> str:
    """Serialise :func:`findings` deterministically (sorted keys, 2-space indent, UTF-8)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2, allow_nan=False) + "\n"


__all__ = [
    "SCHEMA_VERSION",
    "candidates_csv",
    "csv_text",
    "duplicates_csv",
    "findings",
    "findings_json",
    "frame_csv",
    "guard_cell",
    "silos_csv",
]
