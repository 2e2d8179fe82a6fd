"""集約候補と効果試算: ranked candidates with their principle, savings and arithmetic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from procmine.report import facts
from procmine.report.document import Block, Cell, Para, Section, Table
from procmine.report.sections.common import (
    Strings,
    capped,
    label,
    names,
    num,
    principle_names,
    txt,
)
from procmine.report.values import fmt_int, fmt_num, number, plain
from procmine.report.wording import assumption

if TYPE_CHECKING:  # pragma: no cover
    from procmine.analysis import Analysis


def arithmetic(t: Strings, r: dict[str, Any]) -> str:
    """``redundant/year × minutes ÷ 60 = hours``, with ``=`` only when the numbers as shown
    give the hours as shown (``≈`` otherwise).

    Examples
    --------
    >>> from procmine.report.i18n import strings
    >>> arithmetic(strings("en"), {"redundant_executions_per_year": 362.517,
    ...     "minutes_per_execution": 8.0617, "hours_saved_per_year": 48.7085})
    '362.5/year × 8.06 min ÷ 60 = 48.7 h'
    >>> arithmetic(strings("en"), {"basis": "silo 住所"})
    'silo 住所'
    """
    redundant = number(r.get("redundant_executions_per_year"))
    minutes = number(r.get("minutes_per_execution"))
    hours = number(r.get("hours_saved_per_year"))
    occurrences = number(r.get("executions_per_year", r.get("occurrences_per_year")))
    if redundant is None or minutes is None:
        return str(plain(r.get("basis")) or t["none"])
    shown = {
        "redundant": f"{redundant:,.1f}",
        "minutes": f"{minutes:,.2f}",
        "hours": f"{hours:,.1f}" if hours is not None else t["none"],
        "occurrences": f"{occurrences:,.1f}" if occurrences is not None else t["none"],
    }
    if hours is None:
        out = t["arith_inputs"].format(**shown)
    else:
        from_shown = round(redundant, 1) * round(minutes, 2) / 60
        if abs(from_shown - hours) > 0.01 * max(abs(hours), 1.0):
            out = t["arith_inputs"].format(**shown)  # the inputs do not explain the hours
        elif f"{from_shown:,.1f}" == shown["hours"]:
            out = t["arith_full"].format(**shown)
        else:
            out = t["arith_approx"].format(**shown)
    if occurrences is not None:
        out += t["arith_occurrences"].format(**shown)
    return out


def activity_names(t: Strings, departments: list[str], activities: list[str]) -> list[str]:
    """``dept:activity`` items grouped by activity: ``番号札発券（7課）``, first-seen order.

    Examples
    --------
    >>> from procmine.report.i18n import strings
    >>> activity_names(strings("ja"), ["A", "B:x"], ["A:受付", "B:x:受付", "A:確認"])
    ['受付（2課）', '確認']
    """
    by_activity: dict[str, set[str]] = {}
    for item in activities:
        dept = next(
            (d for d in sorted(departments, key=len, reverse=True) if item.startswith(f"{d}:")),
            None,
        )
        activity = item[len(dept) + 1 :] if dept else item
        by_activity.setdefault(activity, set()).add(dept or "")
    return [
        t["activity_in_depts"].format(activity=a, n=len(d)) if len(d) > 1 else a
        for a, d in by_activity.items()
    ]


def dx_theme_name(t: Strings, value: Any) -> str:
    """The priority theme of the 自治体DX推進計画 a candidate serves, in the report's language.

    Examples
    --------
    >>> from procmine.report.i18n import strings
    >>> dx_theme_name(strings("ja"), "mynumber_card")
    'マイナンバーカードの普及促進・利用の推進'
    >>> dx_theme_name(strings("en"), None)
    '—'
    """
    value = plain(value)
    return label(t, "dx", value) if isinstance(value, str) and value else t["none"]


def _two_decimals(value: Any, *, none: str = "—") -> str:
    x = number(value)
    return none if x is None else f"{x:,.2f}"


def candidates_section(analysis: Analysis, t: Strings) -> Section:
    """Every candidate: title, principle, departments, activities, hours (staff/resident),
    FTE, cost, the arithmetic and the assumption its hours rest on."""
    blocks: list[Block] = [Para(t["candidates_text"])]
    columns = facts.ordered_columns(analysis.candidates, facts.CANDIDATE_COLUMNS)
    rows = facts.records(analysis.candidates, columns)
    if not rows:
        blocks.append(Para(t["no_candidates"]))
        return Section("candidates", t["h_candidates"], blocks)
    have = set(analysis.candidates.columns)
    optional: list[tuple[str, str, Any]] = [
        ("staff_hours_per_year", "col_staff_hours_saved", fmt_num),
        ("resident_hours_per_year", "col_resident_hours_saved", fmt_num),
        ("fte", "col_fte_saved", _two_decimals),
        ("cost_saved_per_year", "col_cost", fmt_int),
    ]
    optional = [o for o in optional if o[0] in have]
    # The assumption differs by kind (a repeat window, every inquiry, minutes per silo
    # value …): each candidate shows its own, in the report's language.
    assumptions = "assumption" in have
    confidence = "confidence" in have and bool(analysis.candidates["confidence"].notna().any())
    themes = "dx_theme" in have
    table_rows = []
    # Candidates whose log shows no redundant execution are named, not tabulated: a table of
    # zero rows hides the ones a city can act on.
    zero = [r for r in rows if number(r["hours_saved_per_year"]) == 0]
    for r in rows:
        if number(r["hours_saved_per_year"]) == 0:
            continue
        line = [
            num(r["rank"]),
            txt(r["title"]),
            Cell(principle_names(t, r["principle"])),
            *([Cell(dx_theme_name(t, r.get("dx_theme")))] if themes else []),
            capped(t, names(r["departments"]), limit=3, more="more_departments"),
            capped(t, activity_names(t, names(r["departments"]), names(r["activities"])), 3),
            num(r["hours_saved_per_year"], fmt_num),
            Cell(arithmetic(t, r)),
            *[num(r.get(key), fmt) for key, _, fmt in optional],
        ]
        if confidence:
            value = plain(r.get("confidence"))
            if isinstance(value, int | float):
                line.append(num(value, _two_decimals))
            else:
                line.append(Cell(label(t, "confidence", value)))
        if assumptions:
            line.append(txt(assumption(t, r.get("assumption"))))
        table_rows.append(line)
    headers = [
        t["col_rank"],
        t["col_title"],
        t["col_principle"],
        *([t["col_dx_theme"]] if themes else []),
        t["col_departments"],
        t["col_activities_list"],
        t["col_hours"],
        t["col_arithmetic"],
        *[t[head] for _, head, _ in optional],
        *([t["col_confidence"]] if confidence else []),
        *([t["col_assumption"]] if assumptions else []),
    ]
    blocks.append(Table(headers, table_rows, cls="candidates"))
    if zero:
        listed = t["list_sep"].join(
            t["candidate_zero_item"].format(rank=fmt_int(r["rank"]), title=plain(r["title"]))
            for r in zero
        )
        blocks.append(Para(t["candidates_zero"].format(n=fmt_int(len(zero)), names=listed)))
    return Section("candidates", t["h_candidates"], blocks)


__all__ = ["arithmetic", "candidates_section", "dx_theme_name"]
