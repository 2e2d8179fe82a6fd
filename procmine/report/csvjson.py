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
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from procmine.report import facts
from procmine.report.values import plain

if TYPE_CHECKING:  # pragma: no cover
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


def duplicates_csv(analysis: Analysis) -> str:
    """``duplicates.csv``: every column of ``analysis.duplicates``, the pair columns first."""
    cols = facts.ordered_columns(analysis.duplicates, facts.DUPLICATE_COLUMNS)
    return csv_text(cols, facts.records(analysis.duplicates, cols))


def silos_csv(analysis: Analysis) -> str:
    """``silos.csv``: ``field, department, column`` then the published figures."""
    cols = facts.silo_columns(analysis.silos)
    return csv_text(cols, facts.records(analysis.silos, cols))


def candidates_csv(analysis: Analysis) -> str:
    """``candidates.csv``: ``rank, title, principle, …`` then the savings arithmetic."""
    cols = facts.ordered_columns(analysis.candidates, facts.CANDIDATE_COLUMNS)
    return csv_text(cols, facts.records(analysis.candidates, cols))


def silo_value_csvs(analysis: Analysis) -> dict[str, str]:
    """``silo_values.csv`` (per field, department and column: counts of exact, format-only,
    stale, conflicting and missing copies — never the values), ``linkage.csv`` and
    ``whatif.csv`` (journey KPIs before and after each simulated candidate)."""
    out = {}
    for name, frame in (("silo_values.csv", getattr(analysis, "silo_values", None)),
                        ("linkage.csv", getattr(analysis, "linkage", None)),
                        ("whatif.csv", getattr(analysis, "whatif", None))):
        if frame is not None:
            cols = [str(c) for c in frame.columns]
            out[name] = csv_text(cols, facts.records(frame, cols))
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
    cols = [c for c in table.columns if c != "pseudonym" or analysis.options.get("stable_pseudonyms")]
    handover = result.handover.reset_index()
    return {
        "journeys.csv": csv_text(cols, facts.records(table, cols)),
        "kpis.csv": csv_text(list(result.kpis.columns), facts.records(result.kpis, list(result.kpis.columns))),
        "handover.csv": csv_text([str(c) for c in handover.columns], facts.records(handover, list(handover.columns))),
    }


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
    "guard_cell",
    "silos_csv",
]
