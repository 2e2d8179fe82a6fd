"""The framing sections: summary, scope, workload, method and the appendix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from procmine.io.messages import (
    Dropped,
    More,
    Notice,
    Param,
    Place,
    Repeat,
    Row,
    Sample,
    Term,
    split_how,
)
from procmine.model import ROLES
from procmine.report import facts
from procmine.report.document import Block, Bullets, Cell, Para, Section, Stat, Stats, Sub, Table
from procmine.report.sections.common import (
    Strings,
    joined,
    label,
    num,
    period_text,
    principle_names,
)
from procmine.report.sections.journeys import MIN_GROUP
from procmine.report.values import fmt_int, fmt_num, fmt_pct, number, plain, text

if TYPE_CHECKING:  # pragma: no cover
    from procmine.analysis import Analysis


def summary_section(analysis: Analysis, t: Strings, s: dict[str, Any], period: str) -> Section:
    """Headline numbers, one paragraph and the three largest candidates."""
    hours = fmt_num(s["redundant_hours_per_year"], none="0")
    saved_fte = _fmt_fte(s["saved_fte"], none="0")
    saved_staff = fmt_num(s["saved_staff_hours_per_year"], none="0")
    saved_resident = fmt_num(s["saved_resident_hours_per_year"], none="0")
    zero = _zero_candidates(analysis)
    blocks: list[Block] = [
        Stats(
            [
                Stat(t["stat_departments"], fmt_int(s["departments"])),
                Stat(t["stat_events"], fmt_int(s["events"])),
                Stat(t["stat_cases"], fmt_int(s["cases"]), t["stat_cases_note"]),
                Stat(t["stat_period"], period),
                Stat(
                    t["stat_staff_hours"],
                    _hours(t, s["staff_hours_per_year"]),
                    t["stat_staff_hours_note"].format(fte=_fmt_fte(s["staff_fte"], none="0")),
                ),
                Stat(
                    t["stat_clusters"],
                    fmt_int(s["duplicate_clusters"]),
                    t["stat_clusters_note"].format(activities=fmt_int(s["duplicated_activities"])),
                ),
                Stat(
                    t["stat_silos"],
                    fmt_int(s["silo_fields"]),
                    t["stat_silos_note"].format(inconsistent=fmt_int(s["inconsistent_fields"])),
                ),
                *_journey_stats(analysis, t),
                Stat(
                    t["stat_candidates"],
                    t["stat_candidates_value"].format(n=fmt_int(s["candidates"])),
                    t["stat_candidates_note"].format(zero=fmt_int(zero)) if zero else "",
                ),
                Stat(
                    t["stat_saved_staff"],
                    _hours(t, s["saved_staff_hours_per_year"]),
                    t["stat_saved_staff_note"].format(fte=saved_fte),
                ),
                Stat(t["stat_saved_resident"], _hours(t, s["saved_resident_hours_per_year"])),
            ]
        ),
        Para(
            t["summary_text"].format(
                departments=fmt_int(s["departments"]),
                events=fmt_int(s["events"]),
                period=period,
                staff_hours=fmt_num(s["staff_hours_per_year"], none="0"),
                staff_fte=_fmt_fte(s["staff_fte"], none="0"),
                clusters=fmt_int(s["duplicate_clusters"]),
                silos=fmt_int(s["silo_fields"]),
                candidates=fmt_int(s["candidates"]),
                hours=hours,
                saved_staff=saved_staff,
                saved_resident=saved_resident,
                fte=saved_fte,
            )
        ),
        Sub(t["h_top_candidates"], "top-candidates"),
    ]
    top = facts.records(analysis.candidates, list(facts.CANDIDATE_COLUMNS))[:3]
    if top:
        blocks.append(
            Bullets(
                [
                    t["top_candidate"].format(
                        rank=text(r["rank"], none="—"),
                        title=text(r["title"], none="—"),
                        principle=principle_names(t, r["principle"]),
                        hours=fmt_num(r["hours_saved_per_year"]),
                    )
                    for r in top
                ]
            )
        )
    else:
        blocks.append(Para(t["no_candidates"]))
    return Section("summary", t["h_summary"], blocks)


def _hours(t: Strings, value: Any) -> str:
    """Hours with their unit: ``490時間`` / ``490 h``."""
    return t["unit_hours"].format(value=fmt_num(value, none="0"))


def _zero_candidates(analysis: Analysis) -> int:
    """Candidates whose estimate saves no hour (named under the candidates table)."""
    rows = facts.records(analysis.candidates, ["hours_saved_per_year"])
    return sum(1 for r in rows if number(r["hours_saved_per_year"]) == 0)


def _journey_stats(analysis: Analysis, t: Strings) -> list[Stat]:
    """A headline card for the journeys, when the analysis has them."""
    journeys = getattr(analysis, "journeys", None)
    table = getattr(journeys, "journeys", None)
    if not facts.has(table):
        return []
    kpis = getattr(journeys, "kpis", None)
    minutes = None
    if facts.has(kpis, "kpi", "journey_type", "median"):
        row = kpis[(kpis["kpi"] == "minutes_on_site_per_visit") & (kpis["journey_type"] == "all")]
        minutes = row["median"].iloc[0] if len(row) else None
    note = t["stat_journeys_note"].format(minutes=fmt_num(minutes)) if minutes is not None else ""
    return [Stat(t["stat_journeys"], fmt_int(len(table)), note)]


def scope_section(analysis: Analysis, t: Strings, dept_facts: dict[str, dict[str, Any]]) -> Section:
    """Departments analysed, the row totals and the warnings; per-file detail is in the appendix."""
    blocks: list[Block] = [Para(t["scope_text"]), Sub(t["h_departments"], "departments")]
    if dept_facts:
        starts = facts.case_starts(analysis)
        blocks.append(
            Table(
                [
                    t["col_department"],
                    t["col_sources"],
                    t["col_events"],
                    t["col_cases"],
                    t["col_activities"],
                    t["col_case_starts"],
                    t["col_period"],
                    t["col_duration"],
                ],
                [
                    [
                        Cell(dept),
                        Cell(joined(t, f["sources"])),
                        num(f["events"]),
                        num(f["cases"]),
                        num(f["activities"]),
                        Cell(period_text(t, *starts.get(dept, (None, None)))),
                        Cell(period_text(t, f["start"], f["end"])),
                        Cell(label(t, "duration", f["duration_source"])),
                    ]
                    for dept, f in dept_facts.items()
                ],
            )
        )
    else:
        blocks.append(Para(t["no_data"]))
    tot = facts.row_accounting(analysis)["totals"]
    blocks.append(
        Para(
            t["accounting_summary"].format(
                read=fmt_int(tot["rows_read"]),
                loaded=fmt_int(tot["rows_loaded"]),
                dropped=fmt_int(tot["rows_dropped"]),
            )
        )
    )
    blocks.append(Sub(t["h_warnings"], "warnings"))
    warnings = [warning_text(t, w) for w in (getattr(analysis.dataset, "warnings", []) or [])]
    blocks.append(Bullets(warnings) if warnings else Para(t["no_warnings"]))
    return Section("scope", t["h_scope"], blocks)


def how_text(t: Strings, how: str | None) -> str:
    """How a column of the mapping was found, in the report's language, with the column its
    time of day came from (:func:`~procmine.io.messages.split_how`).

    Examples
    --------
    >>> from procmine.report.i18n import strings
    >>> how_text(strings("ja"), "header; time of day from 処理時刻")
    '列名から判定（時刻は「処理時刻」から）'
    >>> how_text(strings("en"), "values")
    'guessed from values'
    """
    if how is None:
        return t["none"]
    found, column = split_how(how)
    text = label(t, "how", found)
    return text if column is None else t["how_time_of_day"].format(how=text, column=column)


def warning_text(t: Strings, warning: str) -> str:
    """A loader warning in the report's language: a :class:`~procmine.io.messages.Notice`
    from its template ``warn_<code>``; any other warning (or one whose template does not
    fit) as its English text.

    Examples
    --------
    >>> from procmine.report.i18n import strings
    >>> n = Notice("a.csv: skipped (hidden or temporary file)", "skipped",
    ...            place=Place("a.csv"), why=Term("hidden"))
    >>> warning_text(strings("ja"), n)
    'a.csv: 読み込みませんでした（隠しファイルまたは一時ファイル）'
    >>> warning_text(strings("ja"), "x.csv: something new")
    'x.csv: something new'
    """
    if not isinstance(warning, Notice) or (template := t.get(f"warn_{warning.code}")) is None:
        return str(warning)
    try:
        return template.format(**{k: _notice_part(t, v) for k, v in warning.params.items()})
    except (KeyError, IndexError, ValueError):
        return str(warning)


def _notice_part(t: Strings, value: Param) -> str:
    """One parameter of a notice in the report's language."""
    if isinstance(value, tuple):
        return t["list_sep"].join(_notice_part(t, item) for item in value)
    if isinstance(value, Place):
        if value.row is None:
            return value.file
        if value.row.label == "line":  # FILE:LINE, as editors and compilers write it
            return f"{value.file}:{value.row.number}"
        return f"{value.file}: {_notice_part(t, value.row)}"
    if isinstance(value, Row):
        template = t.get(f"notice_{value.label}")
        return template.format(n=value.number) if template else f"{value.label} {value.number}"
    if isinstance(value, Repeat):
        return t["notice_repeat"].format(
            row=_notice_part(t, value.row), first=_notice_part(t, value.first)
        )
    if isinstance(value, Sample):
        return t["notice_sample"].format(row=_notice_part(t, value.row), value=value.value)
    if isinstance(value, Dropped):
        reason = label(t, "drop", value.reason.replace(" ", "_"))
        return t["notice_dropped"].format(reason=reason, count=value.count)
    if isinstance(value, More):
        return t["notice_more"].format(n=value.count) if value.count > 0 else ""
    if isinstance(value, Term):
        return t[f"notice_{value.key}"]
    return str(value)


def workload_section(analysis: Analysis, t: Strings, hours_per_fte: float) -> Section:
    """業務量 per department: events, cases, staff hours (period and year), FTE, resident hours."""
    work = facts.workload(analysis, hours_per_fte=hours_per_fte)
    blocks: list[Block] = [
        Para(
            t["workload_text"].format(
                days=fmt_int(work["period_days"]), hours_per_fte=fmt_num(hours_per_fte)
            )
        )
    ]
    if not work["departments"]:
        blocks.append(Para(t["no_data"]))
        return Section("workload", t["h_workload"], blocks)
    unknown = facts.unknown_time_events(analysis)
    unknown["_total"] = sum(unknown.values())

    def unknown_cell(key: str, events: Any) -> Cell:
        n = unknown.get(key, 0)
        total = number(events)
        if not n or not total:
            return num(n)
        return Cell(
            t["unknown_time_cell"].format(n=fmt_int(n), share=fmt_pct(n / total)), sort=float(n)
        )

    def line(first: Cell, r: dict[str, Any], key: str) -> list[Cell]:
        return [
            first,
            num(r["events"]),
            num(r["cases"]),
            num(r["activities"]),
            num(r["staff_hours"], fmt_num),
            num(r["staff_hours_per_year"], fmt_num),
            num(r["fte"], _fmt_fte),
            num(r["resident_hours_per_year"], fmt_num),
            unknown_cell(key, r["events"]),
        ]

    # a department that handed over a model only has no events: nothing was measured
    models_only = sorted(set(analysis.dataset.models) - set(analysis.dataset.logs))
    rows = sorted(
        (r for r in work["departments"] if r["department"] not in models_only),
        key=lambda r: (-r["staff_hours_per_year"], r["department"]),
    )
    blocks.append(
        Table(
            [
                t["col_department"],
                t["col_events"],
                t["col_cases"],
                t["col_activities"],
                t["col_staff_hours"],
                t["col_staff_hours_year"],
                t["col_fte"],
                t["col_resident_hours_year"],
                t["col_unknown_time"],
            ],
            [line(Cell(r["department"]), r, r["department"]) for r in rows],
            footer=line(Cell(t["total"]), work["total"], "_total"),
            cls="workload",
        )
    )
    if unknown["_total"]:
        blocks.append(Para(t["workload_unknown_text"], note=True))
    if models_only:
        blocks.append(
            Para(
                t["workload_models_only"].format(departments=t["list_sep"].join(models_only)),
                note=True,
            )
        )
    return Section("workload", t["h_workload"], blocks)


def _fmt_fte(value: Any, *, none: str = "—") -> str:
    """FTE with two decimals (0.04 人工 must show neither as 0.0 nor as 0.1), 0 as 0."""
    x = plain(value)
    if not isinstance(x, int | float):
        return none
    return "0" if x == 0 else f"{x:,.2f}"


def method_section(
    analysis: Analysis, t: Strings, hours_per_fte: float, *, show_values: bool
) -> Section:
    """How the figures were made, the assumptions and the options of the run."""
    options = plain(analysis.options or {})
    rate = options.get("hourly_rate")
    window = options.get("window_days", 14)
    items = (
        t["method_items"]
        .format(
            hours_per_fte=fmt_num(hours_per_fte),
            hourly_rate=fmt_int(rate if isinstance(rate, int | float) else 3400),
            window=fmt_num(window if isinstance(window, int | float) else 14),
            personal=t["method_personal_shown" if show_values else "method_personal"],
        )
        .split("|")
    )
    if getattr(analysis, "journeys", None) is not None:
        items.insert(-1, t["method_journeys"])
        items.insert(-1, t["method_small_groups"].format(min=fmt_int(MIN_GROUP)))
    blocks: list[Block] = [Sub(t["h_assumptions"], "assumptions"), Bullets(items)]
    blocks.append(Sub(t["h_options"], "options"))
    if options:
        rows = [
            [Cell(label(t, "opt", key)), Cell(option_text(analysis, t, key, options[key]))]
            for key in sorted(options)
        ]
        blocks.append(Table([t["col_option"], t["col_value"]], rows))
    else:
        blocks.append(Para(t["options_none"]))
    return Section("method", t["h_method"], blocks)


def option_text(analysis: Analysis, t: Strings, key: str, value: Any) -> str:
    """An option of the run as a reader wants it: yes/no, "none", numbers with thousands
    separators, the period actually used when none was set, the language by name, and
    input paths as given (an absolute path relative to the current folder, else its name).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from procmine.report.i18n import strings
    >>> t = strings("ja")
    >>> a = SimpleNamespace(options={})
    >>> [option_text(a, t, k, v) for k, v in [("hourly_rate", 3400.0), ("x", True),
    ...                                        ("top", None), ("lang", "en")]]
    ['3,400', 'はい', 'なし（全件）', '英語']
    """
    if key == "period_days" and value is None:
        return t["opt_period_used"].format(days=fmt_int(round(facts.period_days(analysis))))
    if key == "top" and value is None:
        return t["opt_top_all"]
    if key == "lang" and isinstance(value, str):
        return t.get(f"lang_{value}", value)
    if key == "inputs":
        paths = value if isinstance(value, list) else [value]
        return t["list_sep"].join(_input_name(str(p)) for p in paths if p is not None)
    return _option_value(t, value)


def _option_value(t: Strings, value: Any) -> str:
    if value is None:
        return t["opt_none"]
    if isinstance(value, bool):
        return t["opt_yes" if value else "opt_no"]
    if isinstance(value, int | float):
        return fmt_int(value) if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    if isinstance(value, list):
        return t["list_sep"].join(_option_value(t, v) for v in value) or t["opt_none"]
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text(value, none=t["opt_none"])


def _input_name(path: str) -> str:
    """An input by its name alone (``sample_logs``, ``kokuho.csv``), whatever folder it was
    given from: the report neither depends on the current folder nor discloses where the
    files were kept."""
    p = Path(path)
    return p.name or p.resolve().name or path


def appendix_section(analysis: Analysis, t: Strings) -> Section:
    """Rows read, loaded and dropped per file, and the column mapping used."""
    blocks: list[Block] = [Para(t["appendix_text"]), Sub(t["h_accounting"], "accounting")]
    acc = facts.row_accounting(analysis)
    mappings = facts.column_mappings(analysis)
    if acc["files"]:
        formats = {m["source"]: m for m in mappings}

        def reasons(dropped: dict[str, int]) -> Cell:
            return Cell(
                t["list_sep"].join(
                    f"{label(t, 'drop', k.replace(' ', '_'))}: {fmt_int(v)}"
                    for k, v in dropped.items()
                )
                or t["none"]
            )

        def balanced(ok: bool) -> Cell:
            return Cell(t["balanced_yes"] if ok else t["balanced_no"])

        rows = []
        for f in acc["files"]:
            m = formats.get(f["source"], {})
            rows.append(
                [
                    Cell(f["source"]),
                    Cell(text(m.get("format"), none=t["none"]) or t["none"]),
                    Cell(text(m.get("encoding"), none=t["none"]) or t["none"]),
                    num(f["rows_read"]),
                    num(f["rows_loaded"]),
                    num(f["rows_dropped"]),
                    reasons(f["dropped"]),
                    balanced(f["balanced"]),
                ]
            )
        tot = acc["totals"]
        footer = [
            Cell(t["total"]),
            Cell(""),
            Cell(""),
            num(tot["rows_read"]),
            num(tot["rows_loaded"]),
            num(tot["rows_dropped"]),
            reasons(tot["dropped"]),
            balanced(tot["balanced"]),
        ]
        blocks.append(
            Table(
                [
                    t["col_file"],
                    t["col_format"],
                    t["col_encoding"],
                    t["col_rows_read"],
                    t["col_rows_loaded"],
                    t["col_rows_dropped"],
                    t["col_drop_reasons"],
                    t["col_balanced"],
                ],
                rows,
                footer=footer,
            )
        )
    else:
        blocks.append(Para(t["no_data"]))

    blocks.append(Sub(t["h_mappings"], "mappings"))
    if mappings:
        rows = []
        for m in mappings:
            for role in sorted(m["roles"], key=lambda r: (ROLES.index(r) if r in ROLES else 99, r)):
                rows.append(
                    [
                        Cell(m["source"]),
                        Cell(label(t, "role", role)),
                        Cell(m["roles"][role]),
                        Cell(how_text(t, m["how"].get(role))),
                    ]
                )
            if m["data_columns"]:
                rows.append(
                    [
                        Cell(m["source"]),
                        Cell(t["role_data"]),
                        Cell(t["list_sep"].join(m["data_columns"])),
                        Cell(t["none"]),
                    ]
                )
        blocks.append(
            Table(
                [t["col_file"], t["col_role"], t["col_column"], t["col_how"]], rows, cls="mapping"
            )
        )
    else:
        blocks.append(Para(t["no_data"]))
    return Section("appendix", t["h_appendix"], blocks)


__all__ = [
    "appendix_section",
    "how_text",
    "method_section",
    "scope_section",
    "summary_section",
    "workload_section",
]
