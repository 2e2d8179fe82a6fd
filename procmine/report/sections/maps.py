"""The As-Is process maps, one per department, each with its activity table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from procmine.report import facts
from procmine.report.document import Block, Cell, Figure, Para, Section, Sub, Table
from procmine.report.sections.common import Strings, capped, label, num
from procmine.report.values import fmt_int, fmt_num, number, plain, text_list

if TYPE_CHECKING:  # pragma: no cover
    from procmine.analysis import Analysis


def maps_section(
    analysis: Analysis,
    t: Strings,
    dept_facts: dict[str, dict[str, Any]],
    svgs: dict[str, str],
    map_files: dict[str, str],
) -> Section:
    """One figure and one activity table per department, duplicated activities coloured."""
    blocks: list[Block] = [Para(t["maps_text"])]
    highlight = facts.highlight(analysis)
    depts = sorted(analysis.maps)
    if not depts:
        blocks.append(Para(t["no_maps"]))
    for i, dept in enumerate(depts, start=1):
        f = dept_facts.get(dept, {})
        blocks.append(Sub(dept, f"map-{i}"))
        caption = t["map_caption"].format(
            department=dept,
            events=fmt_int(f.get("events")),
            cases=fmt_int(f.get("cases")),
            activities=fmt_int(f.get("activities")),
            duration=label(t, "duration", f.get("duration_source")),
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
        blocks.append(activity_table(t, analysis.maps[dept].graph, highlight.get(dept, {})))
    return Section("maps", t["h_maps"], blocks)


def activity_table(t: Strings, graph: Any, clusters: dict[str, int]) -> Table:
    """Activities of one map, most hours first: events, cases, minutes, hours, performer, fields."""
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
                    num(data.get("events")),
                    num(data.get("cases")),
                    num(data.get("median_minutes"), fmt_num),
                    num(data.get("total_hours"), fmt_num),
                    Cell(performer_text(t, plain(data.get("performer")))),
                    capped(t, text_list(data.get("fields"))),
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


def performer_text(t: Strings, performer: Any) -> str:
    """Who performs a step; for a system step, that its time is the wait until the next
    step (a queue ticket's time is the resident's wait), not staff handling time.

    Examples
    --------
    >>> from procmine.report.i18n import strings
    >>> performer_text(strings("ja"), "system"), performer_text(strings("ja"), "staff")
    ('システム（時間は次の業務までの待ち）', '職員')
    """
    if performer == "system":
        return t["performer_system_wait"]
    return label(t, "performer", performer)


__all__ = ["activity_table", "maps_section", "performer_text"]
