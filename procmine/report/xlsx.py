"""``report.xlsx``: every table of the report as a sheet, for people who work in Excel.

One sheet per table (概要, 業務量, 重複業務, 重複クラスタ, データ保有, 集約候補, 行程 when the
analysis has journeys, KPI, 読込行数, 列対応), headers in the report's language, the header row
frozen, an autofilter, column widths fitted to the contents and number formats for counts
(``#,##0``), hours (``#,##0.0``), rates (``0.0%``) and scores (``0.00``).

Safety: no cell is ever a formula. Text that a spreadsheet would run as one (``=``, ``+``,
``-``, ``@`` …) is stored as a text cell, with Excel's quote prefix, as typed by the user.

Determinism: the workbook's created/modified dates are fixed and the zip entries carry a
fixed time stamp, so the same analysis gives the same bytes.

Like the CSV files, the workbook holds no resident values.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from procmine.report import facts
from procmine.report.csvjson import kpis_both
from procmine.report.sections.common import period_text
from procmine.report.sections.journeys import (
    ALL_TYPES,
    journey_types,
    journeys_of,
    merged_kpis,
    small_groups,
    typical_path,
)
from procmine.report.sections.kpis import KPI_COLUMNS
from procmine.report.sections.overview import how_text
from procmine.report.values import plain
from procmine.report.wording import assumption, basis, whatif

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet.worksheet import Worksheet

    from procmine.analysis import Analysis

#: Created/modified date written into every workbook (its value carries no meaning).
FIXED_DATE = datetime(2000, 1, 1)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

COUNT, HOURS, RATE, SCORE, YEN = "#,##0", "#,##0.0", "0.0%", "0.00", "#,##0"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: Column → (header key, number format) for every column the sheets may hold.
COLUMNS: dict[str, tuple[str, str | None]] = {
    "department": ("col_department", None),
    "department_a": ("col_department_a", None),
    "activity_a": ("col_activity_a", None),
    "department_b": ("col_department_b", None),
    "activity_b": ("col_activity_b", None),
    "activity": ("col_activity", None),
    "score": ("col_score", SCORE),
    "cluster": ("xl_cluster", COUNT),
    "clusters": ("xl_clusters", None),
    "label_similarity": ("xl_label_similarity", SCORE),
    "field_similarity": ("xl_field_similarity", SCORE),
    "shared_fields": ("xl_shared_fields", None),
    "context_similarity": ("xl_context_similarity", SCORE),
    "performer": ("col_performer", None),
    "duration_similarity": ("xl_duration_similarity", SCORE),
    "evidence": ("col_evidence", None),
    "size": ("col_size", COUNT),
    "events": ("col_events", COUNT),
    "cases": ("col_cases", COUNT),
    "activities": ("col_activities", COUNT),
    "median_minutes": ("col_median_minutes", HOURS),
    "total_hours": ("col_total_hours", HOURS),
    "staff_hours": ("col_staff_hours", HOURS),
    "staff_hours_per_year": ("xl_staff_hours_per_year", HOURS),
    "resident_hours_per_year": ("xl_resident_hours_per_year", HOURS),
    "fte": ("col_fte", SCORE),
    "unknown_time_events": ("col_unknown_time", COUNT),
    "field": ("col_field", None),
    "column": ("col_column", None),
    "field_type": ("col_field_type", None),
    "values": ("col_values", COUNT),
    "persons": ("col_persons", COUNT),
    "coverage": ("col_coverage", RATE),
    "agreement": ("col_agreement", RATE),
    "inconsistency_rate": ("col_inconsistency", RATE),
    "format_only_rate": ("col_format_only", RATE),
    "stale_rate": ("col_stale", RATE),
    "conflict_rate": ("col_conflict", RATE),
    "missing_rate": ("col_missing", RATE),
    "linked_share": ("col_linked_share", RATE),
    "authoritative": ("col_authoritative", None),
    "departments_in_group": ("xl_departments_in_group", COUNT),
    "linkage": ("xl_linkage", None),
    "matched_by": ("xl_matched_by", None),
    "shared_persons": ("xl_shared_persons", COUNT),
    "rank": ("col_rank", COUNT),
    "title": ("col_title", None),
    "principle": ("col_principle", None),
    "dx_theme": ("col_dx_theme", None),
    "departments": ("col_departments", None),
    "hours_saved_per_year": ("col_hours", HOURS),
    "cost_saved_per_year": ("col_cost", YEN),
    "executions_per_year": ("xl_executions_per_year", HOURS),
    "redundant_executions_per_year": ("xl_redundant_executions_per_year", HOURS),
    "minutes_per_execution": ("xl_minutes_per_execution", SCORE),
    "kind": ("xl_kind", None),
    "basis": ("col_basis", None),
    "confidence": ("col_confidence", SCORE),
    "effort": ("xl_effort", COUNT),
    "whatif": ("xl_whatif", None),
    "assumption": ("col_assumption", None),
    "lead": ("xl_lead", None),
    "n_departments": ("xl_n_departments", COUNT),
    "source": ("col_file", None),
    "format": ("col_format", None),
    "encoding": ("col_encoding", None),
    "rows_read": ("col_rows_read", COUNT),
    "rows_loaded": ("col_rows_loaded", COUNT),
    "rows_dropped": ("col_rows_dropped", COUNT),
    "dropped": ("col_drop_reasons", None),
    "balanced": ("col_balanced", None),
    "role": ("col_role", None),
    "how": ("col_how", None),
    "journey_type": ("col_journey_type", None),
    "life_event": ("col_life_event", None),
    "journeys": ("col_journeys", COUNT),
    "order": ("xl_order", COUNT),
    "visit": ("xl_visit", COUNT),
    "share": ("xl_share", RATE),
    "arrival": ("xl_arrival", HOURS),
    "minutes": ("xl_minutes", HOURS),
    "area": ("xl_area", None),
    "kpi": ("col_kpi", None),
    "n": ("col_n", COUNT),
    "mean": ("col_mean", HOURS),
    "median": ("col_median", HOURS),
    "p25": ("xl_p25", HOURS),
    "p75": ("xl_p75", HOURS),
    "baseline": ("col_baseline", None),
    "item": ("xl_item", None),
    "value": ("xl_value", None),
}


#: Columns holding codes shown in the report's language: column → i18n key prefix.
CODES: dict[str, str] = {
    "field_type": "ftype",
    "performer": "performer",
    "kind": "kind",
    "dx_theme": "dx",
}


@dataclass
class Sheet:
    """One sheet: its name key, its columns and its rows (dicts over the columns)."""

    name: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    formats: dict[str, str | None] = field(default_factory=dict)


def _summary_sheet(analysis: Analysis, t: dict[str, str], hours_per_fte: float) -> Sheet:
    s = facts.summary(analysis, hours_per_fte=hours_per_fte)
    start, end = s["period"]["start"], s["period"]["end"]
    period = period_text(t, start, end) if start or end else ""
    items: list[tuple[str, Any, str | None]] = [
        (t["stat_departments"], s["departments"], COUNT),
        (t["stat_events"], s["events"], COUNT),
        (t["stat_cases"], s["cases"], COUNT),
        (t["stat_period"], period or None, None),
        (t["stat_staff_hours"], s["staff_hours_per_year"], HOURS),
        (t["col_fte"], s["staff_fte"], SCORE),
        (t["stat_clusters"], s["duplicate_clusters"], COUNT),
        (t["stat_silos"], s["silo_fields"], COUNT),
        (t["stat_candidates"], s["candidates"], COUNT),
        (t["stat_hours"], s["redundant_hours_per_year"], HOURS),
        (t["xl_staff_hours_per_year"], s["saved_staff_hours_per_year"], HOURS),
        (t["xl_resident_hours_per_year"], s["saved_resident_hours_per_year"], HOURS),
        (t["col_cost"], s["saved_cost_per_year"], YEN),
    ]
    sheet = Sheet("xl_sheet_summary", ["item", "value"])
    for label, value, fmt in items:
        sheet.rows.append({"item": label, "value": value, "_format": fmt})
    return sheet


def _frame_sheet(name: str, frame: Any, columns: Sequence[str]) -> Sheet:
    return Sheet(name, list(columns), facts.records(frame, columns))


def build_sheets(
    analysis: Analysis, *, lang: str = "ja", hours_per_fte: float = 1800.0
) -> list[Sheet]:
    """The sheets of ``report.xlsx`` as plain rows (no openpyxl needed)."""
    from procmine.report.i18n import strings

    t = strings(lang)
    work = facts.workload(analysis, hours_per_fte=hours_per_fte)
    workload_cols = [
        "department", "events", "cases", "activities", "staff_hours", "staff_hours_per_year",
        "fte", "resident_hours_per_year", "unknown_time_events",
    ]  # fmt: skip
    unknown = facts.unknown_time_events(analysis)
    workload_rows = [
        {**r, "unknown_time_events": unknown.get(r["department"])} for r in work["departments"]
    ]
    sheets = [
        _summary_sheet(analysis, t, hours_per_fte),
        Sheet("xl_sheet_workload", workload_cols, workload_rows),
        _frame_sheet(
            "xl_sheet_duplicates",
            analysis.duplicates,
            facts.ordered_columns(analysis.duplicates, facts.DUPLICATE_COLUMNS),
        ),
        _clusters_sheet(analysis),
        _silos_sheet(analysis, t),
        _candidates_sheet(analysis, t),
    ]
    journeys = journeys_of(analysis)
    if journeys is not None:
        sheets.append(_journeys_sheet(journeys, t))
    sheets.append(_kpi_sheet(analysis, t, journeys))
    acc = facts.row_accounting(analysis)
    accounting = Sheet(
        "xl_sheet_accounting",
        ["source", "format", "encoding", "rows_read", "rows_loaded", "rows_dropped", "dropped"],
    )
    formats = {m["source"]: m for m in facts.column_mappings(analysis)}
    for f in acc["files"]:
        m = formats.get(f["source"], {})
        accounting.rows.append(
            {
                **f,
                "format": m.get("format"),
                "encoding": m.get("encoding"),
                "dropped": "; ".join(
                    f"{t.get('drop_' + k.replace(' ', '_'), k)}: {v}"
                    for k, v in f["dropped"].items()
                )
                or None,
            }
        )
    sheets.append(accounting)
    mapping = Sheet("xl_sheet_mapping", ["source", "role", "column", "how"])
    for m in facts.column_mappings(analysis):
        for role, column in m["roles"].items():
            mapping.rows.append(
                {
                    "source": m["source"],
                    "role": t.get(f"role_{role}", role),
                    "column": column,
                    "how": how_text(t, how) if (how := m["how"].get(role)) else None,
                }
            )
        for column in m["data_columns"]:
            mapping.rows.append(
                {"source": m["source"], "role": t["role_data"], "column": column, "how": None}
            )
    sheets.append(mapping)
    return sheets


def _clusters_sheet(analysis: Analysis) -> Sheet:
    sheet = Sheet(
        "xl_sheet_clusters",
        ["cluster", "department", "activity", "events", "median_minutes", "total_hours"],
    )
    for r in facts.cluster_rows(analysis):
        pmap = analysis.maps.get(r["department"])
        node = pmap.graph.nodes[r["activity"]] if pmap and r["activity"] in pmap.graph else {}
        sheet.rows.append(
            {
                **r,
                "events": plain(node.get("events")),
                "median_minutes": plain(node.get("median_minutes")),
                "total_hours": plain(node.get("total_hours")),
            }
        )
    return sheet


def _silos_sheet(analysis: Analysis, t: dict[str, str]) -> Sheet:
    """The silo table; the reference copy marked as in the report (基準 / reference), not
    TRUE/FALSE."""
    sheet = _frame_sheet("xl_sheet_silos", analysis.silos, facts.silo_columns(analysis.silos))
    for r in sheet.rows:
        if isinstance(r.get("authoritative"), bool):
            r["authoritative"] = t["authoritative_yes"] if r["authoritative"] else None
    return sheet


#: Candidate columns written in English by procmine.candidates / procmine.analysis, and
#: how each is put in the report's language (:mod:`procmine.report.wording`).
_WORDED = {"assumption": assumption, "basis": basis, "whatif": whatif}


def _candidates_sheet(analysis: Analysis, t: dict[str, str]) -> Sheet:
    cols = facts.ordered_columns(analysis.candidates, facts.CANDIDATE_COLUMNS)
    rows = facts.records(analysis.candidates, cols)
    for r in rows:
        r["principle"] = t["list_sep"].join(
            t.get(f"principle_{p}", p) for p in facts.principles(r["principle"])
        )
        for column, words in _WORDED.items():
            if column in r:
                r[column] = words(t, r[column])
    return Sheet("xl_sheet_candidates", cols, rows)


def _journeys_sheet(journeys: Any, t: dict[str, str]) -> Sheet:
    """Typical paths of the journey types; none for a type of fewer than MIN_GROUP
    journeys (its path would be those residents' own)."""
    cols = ["journey_type", "order", "visit", "department", "arrival", "minutes", "share"]
    sheet = Sheet("xl_sheet_journeys", cols)
    small = small_groups(getattr(journeys, "journeys", None), "journey_type")
    for journey_type in journey_types(journeys):
        if journey_type in small:
            continue
        for i, step in enumerate(typical_path(journeys, journey_type), start=1):
            sheet.rows.append({"journey_type": journey_type, "order": i, **step})
    return sheet


def _merged_kpi_rows(
    journeys: Any, t: dict[str, str], by: str, other: str
) -> tuple[set[str], list[dict[str, Any]]]:
    """The groups of ``by`` merged as small, and the KPI rows of their merged "Other (N
    journeys)" group (figures blank when even the merged group is under MIN_GROUP)."""
    from procmine.journeys._kpis import KPIS

    small = small_groups(getattr(journeys, "journeys", None), by)
    if not small:
        return set(), []
    name = t["journeys_other"].format(n=f"{sum(small.values()):,}")
    merged = merged_kpis(journeys, by, small)
    if merged is not None:
        rows = facts.records(merged, [*KPI_COLUMNS[:2], by, *KPI_COLUMNS[3:]])
    else:
        rows = [{"principle": p, "kpi": k} for p, k, _, _ in KPIS]
    for r in rows:
        r[by], r[other] = name, ALL_TYPES
    return set(small), rows


def _kpi_sheet(analysis: Analysis, t: dict[str, str], journeys: Any) -> Sheet:
    first, second, kind, *stats = KPI_COLUMNS  # principle, kpi, journey type, the figures
    kpis = kpis_both(journeys) if facts.has(getattr(journeys, "kpis", None)) else None
    by_event = ["life_event"] if facts.has(kpis, "life_event") else []
    sheet = Sheet("xl_sheet_kpis", ["area", first, second, "baseline", kind, *by_event, *stats])
    formats = {"times": COUNT, "hours": HOURS, "values": COUNT, "rate": RATE}
    for k in facts.backoffice_kpis(analysis):
        sheet.rows.append(
            {
                "area": t["h_kpi_backoffice"],
                "principle": t.get(f"principle_{k['principle']}") if k["principle"] else None,
                "kpi": t[k["key"]],
                "baseline": k["value"],
                "_formats": {"baseline": formats[k["unit"]]},
            }
        )
    rows = facts.records(kpis, [*KPI_COLUMNS, *by_event]) if facts.has(kpis) else []
    if rows:  # groups of fewer than MIN_GROUP journeys: one merged row per KPI
        small_types, merged = _merged_kpi_rows(journeys, t, "journey_type", "life_event")
        small_events, merged_events = (
            _merged_kpi_rows(journeys, t, "life_event", "journey_type") if by_event else (set(), [])
        )
        rows = [
            r
            for r in rows
            if r["journey_type"] not in small_types and r.get("life_event") not in small_events
        ]
        rows += merged + merged_events
    for r in rows:
        r["principle"] = t.get(f"principle_{r['principle']}", r["principle"])
        r["kpi"] = t.get(f"kpi_{r['kpi']}", r["kpi"])
        for column in ("journey_type", *by_event):
            if r[column] == ALL_TYPES:
                r[column] = t["journey_all"]
        sheet.rows.append({"area": t["h_kpi_journeys"], **r})
    return sheet


# ----------------------------------------------------------------------------- writing
def _width(value: Any) -> int:
    """Display width of a cell: East Asian wide characters count two."""
    return _text_width(f"{value:,.1f}" if isinstance(value, float) else str(value))


@lru_cache(maxsize=65536)
def _text_width(text: str) -> int:
    """Display width of ``text``, measured once per distinct text (cells repeat); ASCII
    holds no wide character.

    >>> _text_width("ab"), _text_width("受付1")
    (2, 5)
    """
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cell_value(value: Any) -> tuple[Any, bool]:
    """``(value for openpyxl, is_text)``: lists joined, bools kept, text cleaned of characters
    XML cannot hold. ``is_text`` marks strings, which are always stored as text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = plain(value)
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value), True
    return value, False


def _fill(ws: Worksheet, sheet: Sheet, t: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    headers = [t.get(COLUMNS.get(c, (c, None))[0], c) for c in sheet.columns]
    ws.append(headers)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="F6F8FA")
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    widths = [_width(h) for h in headers]
    for r, row in enumerate(sheet.rows, start=2):
        for c, column in enumerate(sheet.columns, start=1):
            value, is_text = cell_value(row.get(column))
            if is_text and column in CODES:
                value = t.get(f"{CODES[column]}_{value}", value)
            cell = ws.cell(row=r, column=c)
            cell.value = value
            if is_text:
                cell.data_type = "s"  # never a formula, whatever the text starts with
                if value.startswith(_FORMULA_START):
                    cell.quotePrefix = True
            elif isinstance(value, int | float) and not isinstance(value, bool):
                fmt = (row.get("_formats") or {}).get(column) or row.get("_format")
                fmt = fmt or sheet.formats.get(column) or COLUMNS.get(column, ("", None))[1]
                if fmt:
                    cell.number_format = fmt
            if value is not None:
                widths[c - 1] = max(widths[c - 1], _width(value))
    for c, width in enumerate(widths, start=1):
        from openpyxl.utils import get_column_letter

        ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def workbook_bytes(analysis: Analysis, *, lang: str = "ja", hours_per_fte: float = 1800.0) -> bytes:
    """``report.xlsx`` as bytes, the same for the same analysis."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    from procmine.report.i18n import strings

    t = strings(lang)
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in build_sheets(analysis, lang=lang, hours_per_fte=hours_per_fte):
        _fill(wb.create_sheet(t[sheet.name][:31]), sheet, t)
    wb.properties.creator = "procmine"
    wb.properties.created = wb.properties.modified = FIXED_DATE
    raw = io.BytesIO()
    # stored, not compressed: _fixed_zip_times compresses every entry when it rewrites them
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(wb, archive).save()  # unlike Workbook.save, keeps our modified date
    return _fixed_zip_times(raw.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite a zip with every entry dated :data:`_ZIP_DATE` (entries keep their order)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


__all__ = ["COLUMNS", "FIXED_DATE", "Sheet", "build_sheets", "cell_value", "workbook_bytes"]
