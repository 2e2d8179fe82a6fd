"""The report's content as a small document tree, rendered to HTML and Markdown.

:func:`build_document` turns an :class:`~procmine.analysis.Analysis` into a
:class:`~procmine.report.document.Document` of sections and blocks (paragraphs, tables,
figures …) holding plain text; :mod:`procmine.report.html` and
:mod:`procmine.report.markdown` only lay the blocks out and escape them. Both files
therefore carry the same content.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from procmine.model import ROLES
from procmine.report import facts
from procmine.report.document import (
    Block,
    Bullets,
    Cell,
    Document,
    Figure,
    Para,
    Section,
    Stat,
    Stats,
    Sub,
    Table,
)
from procmine.report.i18n import strings
from procmine.report.values import (
    fmt_int,
    fmt_num,
    fmt_pct,
    fmt_score,
    number,
    plain,
    text,
    text_list,
)

if TYPE_CHECKING:  # pragma: no cover
    from procmine.analysis import Analysis


# ----------------------------------------------------------------------------- helpers
def _num(value: Any, fmt: Any = fmt_int) -> Cell:
    x = number(value)
    return Cell(fmt(value), sort=x)


def _txt(value: Any) -> Cell:
    return Cell(text(value, none="—") or "—")


def _join(t: dict[str, str], value: Any) -> str:
    return t["list_sep"].join(text_list(value)) or t["none"]


def _capped(t: dict[str, str], items: list[str], limit: int = 6) -> Cell:
    """At most ``limit`` names, then "+N more"; the full list goes into the cell's title."""
    if len(items) <= limit:
        return Cell(t["list_sep"].join(items) or t["none"])
    shown = t["list_sep"].join(items[:limit])
    more = t["more_items"].format(n=len(items) - limit)
    return Cell(f"{shown}{t['list_sep']}{more}", title=t["list_sep"].join(items))


def _period_text(t: dict[str, str], start: str | None, end: str | None) -> str:
    if not start and not end:
        return t["none"]
    return f"{start or '?'} – {end or '?'}"


def _label(t: dict[str, str], prefix: str, key: Any) -> str:
    """Translate a code (``performer_staff`` …) or show it as it is when unknown."""
    if key is None:
        return t["none"]
    return t.get(f"{prefix}_{key}", str(key))


# ----------------------------------------------------------------------------- builder
def build_document(
    analysis: Analysis,
    *,
    lang: str = "ja",
    svgs: dict[str, str] | None = None,
    map_files: dict[str, str] | None = None,
    version: str = "",
    hours_per_fte: float = 1800.0,
) -> Document:
    """Build the report's document tree.

    Parameters
    ----------
    analysis : Analysis
        What to report.
    lang : {"ja", "en"}, default "ja"
        Language of every heading and sentence.
    svgs : dict[str, str], optional
        Department → rendered SVG of its map; departments without one get no figure.
    map_files : dict[str, str], optional
        Department → file stem of its map under ``maps/``.
    version : str
        procmine version shown in the footer.
    hours_per_fte : float, default 1800
        Working hours per person-year used to express hours as FTE (人工).
    """
    t = strings(lang)
    svgs = svgs or {}
    map_files = map_files or {}
    dept_facts = facts.department_facts(analysis)
    summary = facts.summary(analysis, hours_per_fte=hours_per_fte)
    period = _period_text(t, summary["period"]["start"], summary["period"]["end"])
    sections = [
        _summary_section(analysis, t, summary, period),
        _scope_section(analysis, t, dept_facts),
        _maps_section(analysis, t, dept_facts, svgs, map_files),
        _duplicates_section(analysis, t),
        _silos_section(analysis, t),
        _candidates_section(analysis, t),
        _method_section(analysis, t, hours_per_fte),
    ]
    return Document(
        lang=lang,
        title=t["title"],
        subtitle=t["subtitle"].format(
            departments=fmt_int(summary["departments"]),
            events=fmt_int(summary["events"]),
            period=period,
        ),
        notice=t["personal_data"],
        sections=sections,
        footer=t["footer"].format(version=version).strip(),
        toc_title=t["toc"],
        sort_hint=t["sort_hint"],
    )


def _summary_section(
    analysis: Analysis, t: dict[str, str], s: dict[str, Any], period: str
) -> Section:
    fte = fmt_num(s["redundant_fte"], none="0")
    hours = fmt_num(s["redundant_hours_per_year"], none="0")
    blocks: list[Block] = [
        Stats(
            [
                Stat(t["stat_departments"], fmt_int(s["departments"])),
                Stat(t["stat_events"], fmt_int(s["events"])),
                Stat(t["stat_cases"], fmt_int(s["cases"]), t["stat_cases_note"]),
                Stat(t["stat_period"], period),
                Stat(
                    t["stat_clusters"],
                    fmt_int(s["duplicate_clusters"]),
                    t["stat_clusters_note"].format(activities=fmt_int(s["duplicated_activities"])),
                ),
                Stat(t["stat_hours"], hours, t["stat_hours_note"].format(fte=fte)),
                Stat(
                    t["stat_silos"],
                    fmt_int(s["silo_fields"]),
                    t["stat_silos_note"].format(inconsistent=fmt_int(s["inconsistent_fields"])),
                ),
                Stat(t["stat_candidates"], fmt_int(s["candidates"])),
            ]
        ),
        Para(
            t["summary_text"].format(
                departments=fmt_int(s["departments"]),
                events=fmt_int(s["events"]),
                period=period,
                clusters=fmt_int(s["duplicate_clusters"]),
                silos=fmt_int(s["silo_fields"]),
                candidates=fmt_int(s["candidates"]),
                hours=hours,
                fte=fte,
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
                        principle=t["list_sep"].join(
                            _label(t, "principle", p) for p in facts.principles(r["principle"])
                        )
                        or t["none"],
                        hours=fmt_num(r["hours_saved_per_year"]),
                    )
                    for r in top
                ]
            )
        )
    else:
        blocks.append(Para(t["no_candidates"]))
    return Section("summary", t["h_summary"], blocks)


def _scope_section(
    analysis: Analysis, t: dict[str, str], dept_facts: dict[str, dict[str, Any]]
) -> Section:
    blocks: list[Block] = [Para(t["scope_text"]), Sub(t["h_departments"], "departments")]
    if dept_facts:
        blocks.append(
            Table(
                [
                    t["col_department"],
                    t["col_sources"],
                    t["col_events"],
                    t["col_cases"],
                    t["col_activities"],
                    t["col_period"],
                    t["col_duration"],
                ],
                [
                    [
                        Cell(dept),
                        Cell(_join(t, f["sources"])),
                        _num(f["events"]),
                        _num(f["cases"]),
                        _num(f["activities"]),
                        Cell(_period_text(t, f["start"], f["end"])),
                        Cell(_label(t, "duration", f["duration_source"])),
                    ]
                    for dept, f in dept_facts.items()
                ],
            )
        )
    else:
        blocks.append(Para(t["no_data"]))

    acc = facts.row_accounting(analysis)
    blocks.append(Sub(t["h_accounting"], "accounting"))
    if acc["files"]:
        formats = {m["source"]: m for m in facts.column_mappings(analysis)}

        def reasons(dropped: dict[str, int]) -> Cell:
            return Cell(
                t["list_sep"].join(f"{k}: {fmt_int(v)}" for k, v in dropped.items()) or t["none"]
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
                    _num(f["rows_read"]),
                    _num(f["rows_loaded"]),
                    _num(f["rows_dropped"]),
                    reasons(f["dropped"]),
                    balanced(f["balanced"]),
                ]
            )
        tot = acc["totals"]
        footer = [
            Cell(t["total"]),
            Cell(""),
            Cell(""),
            _num(tot["rows_read"]),
            _num(tot["rows_loaded"]),
            _num(tot["rows_dropped"]),
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
    mappings = facts.column_mappings(analysis)
    if mappings:
        rows = []
        for m in mappings:
            roles = sorted(m["roles"], key=lambda r: (ROLES.index(r) if r in ROLES else 99, r))
            for role in roles:
                rows.append(
                    [
                        Cell(m["source"]),
                        Cell(_label(t, "role", role)),
                        Cell(m["roles"][role]),
                        Cell(_label(t, "how", m["how"].get(role))),
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
                [t["col_file"], t["col_role"], t["col_column"], t["col_how"]],
                rows,
                cls="mapping",
            )
        )
    else:
        blocks.append(Para(t["no_data"]))

    blocks.append(Sub(t["h_warnings"], "warnings"))
    warnings = [str(w) for w in (getattr(analysis.dataset, "warnings", []) or [])]
    blocks.append(Bullets(warnings) if warnings else Para(t["no_warnings"]))
    return Section("scope", t["h_scope"], blocks)


def _maps_section(
    analysis: Analysis,
    t: dict[str, str],
    dept_facts: dict[str, dict[str, Any]],
    svgs: dict[str, str],
    map_files: dict[str, str],
) -> Section:
    blocks: list[Block] = [Para(t["maps_text"])]
    highlight = facts.highlight(analysis)
    depts = sorted(analysis.maps)
    if not depts:
        blocks.append(Para(t["no_maps"]))
    for i, dept in enumerate(depts, start=1):
        pmap = analysis.maps[dept]
        f = dept_facts.get(dept, {})
        anchor = f"map-{i}"
        blocks.append(Sub(dept, anchor))
        caption = t["map_caption"].format(
            department=dept,
            events=fmt_int(f.get("events")),
            cases=fmt_int(f.get("cases")),
            activities=fmt_int(f.get("activities")),
            duration=_label(t, "duration", f.get("duration_source")),
        )
        if dept in svgs:
            blocks.append(
                Figure(
                    svg=svgs[dept],
                    path=f"maps/{map_files.get(dept, dept)}.svg",
                    alt=t["map_alt"].format(department=dept),
                    caption=caption,
                    anchor=f"m{i}",
                )
            )
        else:
            blocks.append(Para(caption, note=True))
        blocks.append(_activity_table(t, pmap.graph, highlight.get(dept, {})))
    return Section("maps", t["h_maps"], blocks)


def _activity_table(t: dict[str, str], graph: Any, clusters: dict[str, int]) -> Table:
    rows = []
    for node, data in graph.nodes(data=True):
        cluster = clusters.get(str(node))
        rows.append(
            (
                -(number(data.get("total_hours")) or 0.0),
                -(number(data.get("events")) or 0.0),
                str(node),
                [
                    Cell(str(node)),
                    _num(data.get("events")),
                    _num(data.get("cases")),
                    _num(data.get("median_minutes"), fmt_num),
                    _num(data.get("total_hours"), fmt_num),
                    Cell(_label(t, "performer", plain(data.get("performer")))),
                    _capped(t, text_list(data.get("fields"))),
                    Cell(f"C{cluster}", sort=cluster, cluster=cluster)
                    if cluster is not None
                    else Cell(""),
                ],
            )
        )
    rows.sort(key=lambda r: r[:3])
    return Table(
        [
            t["col_activity"],
            t["col_events"],
            t["col_cases"],
            t["col_median_minutes"],
            t["col_total_hours"],
            t["col_performer"],
            t["col_fields"],
            t["col_cluster"],
        ],
        [r[3] for r in rows],
        cls="activities",
    )


def _duplicates_section(analysis: Analysis, t: dict[str, str]) -> Section:
    blocks: list[Block] = [Para(t["duplicates_text"])]
    clusters = facts.clusters(analysis)
    pairs = facts.records(analysis.duplicates, [*facts.DUPLICATE_COLUMNS, "cluster", "evidence"])
    if not clusters and not pairs:
        blocks.append(Para(t["no_duplicates"]))
        return Section("duplicates", t["h_duplicates"], blocks)
    blocks.append(Sub(t["h_clusters"], "clusters"))
    if clusters:
        blocks.append(
            Table(
                [t["col_cluster"], t["col_size"], t["col_departments"], t["col_members"]],
                [
                    [
                        Cell(f"C{c['cluster']}", sort=c["cluster"], cluster=c["cluster"]),
                        _num(c["size"]),
                        Cell(t["list_sep"].join(c["departments"])),
                        Cell(
                            t["list_sep"].join(
                                f"{m['department']}: {m['activity']}" for m in c["members"]
                            )
                        ),
                    ]
                    for c in clusters
                ],
            )
        )
    else:
        blocks.append(Para(t["no_data"]))
    blocks.append(Sub(t["h_pairs"], "pairs"))
    if pairs:
        rows = []
        for r in pairs:
            cl = number(r["cluster"])
            rows.append(
                [
                    Cell(f"C{int(cl)}", sort=cl, cluster=int(cl)) if cl is not None else Cell(""),
                    _txt(r["department_a"]),
                    _txt(r["activity_a"]),
                    _txt(r["department_b"]),
                    _txt(r["activity_b"]),
                    _num(r["score"], fmt_score),
                    _txt(r["evidence"]),
                ]
            )
        blocks.append(
            Table(
                [
                    t["col_cluster"],
                    t["col_department_a"],
                    t["col_activity_a"],
                    t["col_department_b"],
                    t["col_activity_b"],
                    t["col_score"],
                    t["col_evidence"],
                ],
                rows,
                cls="pairs",
            )
        )
    else:
        blocks.append(Para(t["no_data"]))
    return Section("duplicates", t["h_duplicates"], blocks)


def _silos_section(analysis: Analysis, t: dict[str, str]) -> Section:
    blocks: list[Block] = [Para(t["silos_text"])]
    silo = facts.silo_summary(analysis)
    rows = facts.records(analysis.silos, facts.silo_columns(analysis.silos))
    if not rows:
        blocks.append(Para(t["no_silos"]))
        return Section("silos", t["h_silos"], blocks)
    if not silo["fields"]:
        blocks.append(Para(t["no_silos"]))

    # field × department matrix
    depts = sorted({str(r["department"]) for r in rows if r["department"] is not None})
    fields: list[str] = []
    cells: dict[tuple[str, str], list[tuple[str, float | None]]] = {}
    for r in rows:
        f, d = str(r["field"]), str(r["department"])
        if f not in fields:
            fields.append(f)
        cells.setdefault((f, d), []).append(
            (text(r["column"], none="?"), number(r.get("inconsistency_rate")))
        )
    matrix_rows = []
    for f in fields:
        line = [Cell(f)]
        for d in depts:
            entries = cells.get((f, d), [])
            parts = []
            worst: float | None = None
            for column, rate in entries:
                if rate is None:
                    parts.append(column)
                else:
                    parts.append(t["silo_cell"].format(column=column, rate=fmt_pct(rate)))
                    worst = rate if worst is None else max(worst, rate)
            line.append(Cell(t["list_sep"].join(parts), heat=worst))
        matrix_rows.append(line)
    blocks.append(Sub(t["h_silo_matrix"], "silo-matrix"))
    blocks.append(Table([t["col_field"], *depts], matrix_rows, cls="matrix"))

    # detail
    spec: list[tuple[str, str, Any]] = [
        ("field", "col_field", None),
        ("department", "col_department", None),
        ("column", "col_column", None),
        ("field_type", "col_field_type", None),
        ("values", "col_values", fmt_int),
        ("persons", "col_persons", fmt_int),
        ("coverage", "col_coverage", fmt_pct),
        ("agreement", "col_agreement", fmt_pct),
        ("inconsistency_rate", "col_inconsistency", fmt_pct),
        ("format_only_rate", "col_format_only", fmt_pct),
        ("authoritative", "col_authoritative", "flag"),
    ]
    published = facts.silo_columns(analysis.silos)
    present = [s for s in spec if s[0] in published]
    detail = []
    for r in rows:
        line = []
        for key, _, fmt in present:
            value = r.get(key)
            if fmt == "flag":
                if isinstance(value, bool):
                    line.append(Cell(t["authoritative_yes"] if value else ""))
                else:
                    line.append(Cell(text(value)))
            elif fmt is None:
                line.append(_txt(value))
            else:
                line.append(_num(value, fmt))
        detail.append(line)
    blocks.append(Sub(t["h_silo_detail"], "silo-detail"))
    blocks.append(Table([t[s[1]] for s in present], detail))
    return Section("silos", t["h_silos"], blocks)


def _arithmetic(t: dict[str, str], r: dict[str, Any]) -> str:
    redundant = number(r.get("redundant_executions_per_year"))
    minutes = number(r.get("minutes_per_execution"))
    hours = number(r.get("hours_saved_per_year"))
    occurrences = number(r.get("occurrences_per_year"))
    if redundant is None or minutes is None:
        return text(r.get("basis"), none=t["none"]) or t["none"]
    values = {
        "redundant": fmt_num(redundant),
        "minutes": fmt_num(minutes),
        "hours": fmt_num(hours),
        "occurrences": fmt_num(occurrences),
    }
    if hours is None:
        out = t["arith_inputs"].format(**values)
    else:
        product = redundant * minutes / 60
        exact = abs(product - hours) <= 0.05 + 1e-9 * abs(hours)
        close = abs(product - hours) <= 0.01 * max(abs(hours), 1.0)
        key = "arith_full" if exact else "arith_approx" if close else "arith_inputs"
        out = t[key].format(**values)
    if occurrences is not None:
        out += t["arith_occurrences"].format(**values)
    return out


def _candidates_section(analysis: Analysis, t: dict[str, str]) -> Section:
    blocks: list[Block] = [Para(t["candidates_text"])]
    columns = facts.ordered_columns(analysis.candidates, facts.CANDIDATE_COLUMNS)
    rows = facts.records(analysis.candidates, columns)
    if not rows:
        blocks.append(Para(t["no_candidates"]))
        return Section("candidates", t["h_candidates"], blocks)
    extra = [
        (key, label)
        for key, label in (
            ("basis", "col_basis"),
            ("confidence", "col_confidence"),
            ("assumption", "col_assumption"),
        )
        if key in analysis.candidates.columns
    ]
    table_rows = []
    for r in rows:
        line = [
            _num(r["rank"]),
            _txt(r["title"]),
            Cell(
                t["list_sep"].join(
                    _label(t, "principle", p) for p in facts.principles(r["principle"])
                )
                or t["none"]
            ),
            Cell(_join(t, r["departments"])),
            Cell(_join(t, r["activities"])),
            _num(r["hours_saved_per_year"], fmt_num),
            Cell(_arithmetic(t, r)),
        ]
        for key, _ in extra:
            if key == "confidence":
                line.append(Cell(_label(t, "confidence", plain(r.get(key)))))
            else:
                line.append(_txt(r.get(key)))
        table_rows.append(line)
    blocks.append(
        Table(
            [
                t["col_rank"],
                t["col_title"],
                t["col_principle"],
                t["col_departments"],
                t["col_activities_list"],
                t["col_hours"],
                t["col_arithmetic"],
                *[t[label] for _, label in extra],
            ],
            table_rows,
            cls="candidates",
        )
    )
    return Section("candidates", t["h_candidates"], blocks)


def _method_section(analysis: Analysis, t: dict[str, str], hours_per_fte: float) -> Section:
    items = t["method_items"].format(hours_per_fte=fmt_num(hours_per_fte)).split("|")
    blocks: list[Block] = [Sub(t["h_assumptions"], "assumptions"), Bullets(items)]
    blocks.append(Sub(t["h_options"], "options"))
    options = plain(analysis.options or {})
    if options:
        rows = []
        for key in sorted(options):
            value = options[key]
            shown = (
                json.dumps(value, ensure_ascii=False, sort_keys=True)
                if isinstance(value, dict | list)
                else text(value, none="null")
            )
            rows.append([Cell(key), Cell(shown)])
        blocks.append(Table([t["col_option"], t["col_value"]], rows))
    else:
        blocks.append(Para(t["options_none"]))
    return Section("method", t["h_method"], blocks)


__all__ = ["build_document"]
