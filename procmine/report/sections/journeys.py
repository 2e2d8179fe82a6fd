"""住民の行程: rendered from ``analysis.journeys`` (a :class:`procmine.journeys.JourneyResult`)
when the analysis has one.

What is read:

* ``journeys`` — one row per journey with ``journey_type``;
* ``kpis`` — ``principle, kpi, journey_type, n, mean, median, p25, p75`` (``journey_type``
  ``"all"`` for every journey);
* ``handover`` — department × department counts (rows: from, columns: to);
* ``typical_path(journey_type)`` — the stops in order: ``visit`` (1 = first visit),
  ``department``, ``arrival_minute`` (from the start of that visit), ``minutes`` (spent
  there) and the ``share`` of the type's journeys that follow it.

The journeys tables name residents only by pseudonym; the report lists no resident at all.
"""

from __future__ import annotations

import math
from html import escape
from typing import TYPE_CHECKING, Any

from procmine.errors import ProcmineError
from procmine.report import facts
from procmine.report.document import Block, Cell, Figure, Para, Section, Sub, Table
from procmine.report.sections.common import Strings, num, shade
from procmine.report.values import fmt_int, fmt_num, fmt_pct, number, text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from procmine.analysis import Analysis

#: ``journey_type`` of the KPI rows over all journeys.
ALL_TYPES = "all"
#: Journey types drawn as charts (the most frequent first); the table lists every type.
MAX_CHARTS = 6
#: Groups (journey types, life events) of fewer journeys than this are merged into one row
#: "Other (N journeys)" in the report's journey tables: a group of one or two journeys
#: would show those residents' own figures (re-identification).
MIN_GROUP = 3
#: Group label of the merged small groups while their KPIs are computed (no real label
#: starts with a NUL character).
OTHER = "\x00other"
#: Per-type medians shown in the table of journey types: KPI → header key.
TYPE_KPIS: tuple[tuple[str, str], ...] = (
    ("visits_per_journey", "col_visits_median"),
    ("counters_per_visit", "col_counters_median"),
    ("minutes_on_site_per_visit", "col_on_site_median"),
    ("waiting_minutes_per_visit", "col_waiting_median"),
    ("forms_per_journey", "col_forms_median"),
)


def journeys_of(analysis: Analysis) -> Any:
    """``analysis.journeys`` or None (before the journeys stage is wired, or without it)."""
    return getattr(analysis, "journeys", None)


def _frame(obj: Any, name: str) -> pd.DataFrame | None:
    frame = getattr(obj, name, None)
    return frame if facts.has(frame) else None


def journey_types(journeys: Any) -> list[str]:
    """Journey types, most journeys first (from ``journeys``, else from ``kpis``)."""
    for name in ("journeys", "kpis"):
        frame = _frame(journeys, name)
        if frame is not None and "journey_type" in frame.columns:
            counts = frame["journey_type"].dropna().astype(str).value_counts()
            kinds = [k for k in counts.index if k != ALL_TYPES]
            return sorted(kinds, key=lambda k: (-int(counts[k]), k))
    return []


def typical_path(journeys: Any, journey_type: str) -> list[dict[str, Any]]:
    """The typical path as ``[{visit, department, arrival, minutes, share}]`` (empty when
    the type has none)."""
    method = getattr(journeys, "typical_path", None)
    if not callable(method):
        return []
    try:
        frame = method(journey_type)
    except (ProcmineError, KeyError, ValueError):
        return []
    cols = ["visit", "department", "arrival_minute", "minutes", "share"]
    out = []
    for r in facts.records(frame, cols):
        arrival, minutes = number(r["arrival_minute"]), number(r["minutes"])
        if arrival is None or minutes is None:
            continue
        out.append(
            {
                "visit": int(number(r["visit"]) or 1),
                "department": text(r["department"]),
                "arrival": arrival,
                "minutes": max(minutes, 0.0),
                "share": number(r["share"]),
            }
        )
    return out


# ----------------------------------------------------------------------------- chart
_W, _LABEL, _RIGHT, _ROW, _TOP = 760, 200, 70, 30, 34
FONT = "'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', sans-serif"


def _step(total: float) -> float:
    """A round tick step giving at most 8 ticks over ``total`` minutes."""
    for step in (1, 2, 5, 10, 15, 20, 30, 60, 120, 240, 480):
        if total / step <= 8:
            return step
    return 10 ** math.ceil(math.log10(total / 8))


def _short(name: str, limit: int = 12) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def journey_svg(path: list[dict[str, Any]], t: Strings) -> str:
    """A Gantt-like picture of one journey: a row per counter, a bar from the arrival for
    the minutes spent there, dashed links for walking and waiting between counters. A
    journey of several visits gets a heading row per visit (times restart at each visit).

    Examples
    --------
    >>> from procmine.report.i18n import strings
    >>> svg = journey_svg([{"department": "市民課", "arrival": 0, "minutes": 30},
    ...                    {"department": "<b>", "arrival": 35, "minutes": 10}],
    ...                   strings("en"))
    >>> svg.startswith("<svg") and "&lt;b&gt;" in svg and "<b>" not in svg
    True
    """
    visits = sorted({p.get("visit", 1) for p in path})
    rows: list[tuple[str, Any]] = []
    for visit in visits:
        if len(visits) > 1:
            rows.append(("visit", visit))
        rows += [("stop", p) for p in path if p.get("visit", 1) == visit]
    total = max((p["arrival"] + p["minutes"] for p in path), default=0.0) or 1.0
    scale = (_W - _LABEL - _RIGHT) / total
    height = _TOP + _ROW * len(rows) + 28
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{height}" '
        f'viewBox="0 0 {_W} {height}" font-family="{FONT}" font-size="12">',
        f'<rect width="{_W}" height="{height}" fill="#ffffff"/>',
    ]
    step = _step(total)
    tick = 0.0
    while tick <= total + 1e-9:
        x = _LABEL + tick * scale
        out.append(
            f'<line x1="{x:.1f}" y1="{_TOP - 6}" x2="{x:.1f}" y2="{height - 26}" '
            'stroke="#e1e4e8" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{_TOP - 10}" text-anchor="middle" fill="#59636e">'
            f"{escape(fmt_num(tick))}</text>"
        )
        tick += step
    out.append(
        f'<text x="{_LABEL}" y="{height - 8}" fill="#59636e">{escape(t["journey_axis"])}</text>'
    )
    previous: tuple[float, float] | None = None
    counter = 0
    for i, (kind, item) in enumerate(rows):
        y = _TOP + i * _ROW
        mid = y + _ROW / 2
        if kind == "visit":
            heading = escape(t["journey_visit"].format(n=item))
            out.append(
                f'<text x="8" y="{mid + 4:.1f}" font-weight="bold" fill="#1f2328">{heading}</text>'
            )
            previous = None
            continue
        counter += 1
        x = _LABEL + item["arrival"] * scale
        w = max(item["minutes"] * scale, 2.0)
        if previous is not None:
            out.append(
                f'<path d="M{previous[0]:.1f},{previous[1]:.1f} H{x:.1f} V{y + 5:.1f}" '
                'fill="none" stroke="#8c959f" stroke-width="1.2" stroke-dasharray="4 3"/>'
            )
        name = escape(f"{counter}. {_short(item['department'])}")
        out.append(
            f'<text x="{_LABEL - 8}" y="{mid + 4:.1f}" text-anchor="end" fill="#1f2328">'
            f"{name}</text>"
        )
        out.append(
            f'<rect x="{x:.1f}" y="{y + 5}" width="{w:.1f}" height="{_ROW - 10}" rx="3" '
            'fill="#0072b2"/>'
        )
        bar = t["journey_bar"].format(
            start=fmt_num(item["arrival"]), minutes=fmt_num(item["minutes"])
        )
        inside = w > 8 * len(bar)
        tx, anchor, fill = (
            (x + 6, "start", "#ffffff") if inside else (x + w + 6, "start", "#1f2328")
        )
        if not inside and tx + 7 * len(bar) > _W:
            tx, anchor = x - 6, "end"
        out.append(
            f'<text x="{tx:.1f}" y="{mid + 4:.1f}" text-anchor="{anchor}" fill="{fill}">'
            f"{escape(bar)}</text>"
        )
        previous = (x + w, y + _ROW - 5)
    out.append("</svg>")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------- section
def _medians(
    kpis: pd.DataFrame | None, by: str = "journey_type"
) -> dict[tuple[str, str], float | None]:
    if kpis is None or by not in kpis.columns:
        return {}
    return {
        (str(r[by]), str(r["kpi"])): number(r["median"])
        for r in facts.records(kpis, [by, "kpi", "median"])
    }


def small_groups(table: pd.DataFrame | None, by: str) -> dict[str, int]:
    """Groups of ``table[by]`` with fewer than :data:`MIN_GROUP` journeys → journeys."""
    if table is None or by not in table.columns:
        return {}
    counts = table[by].dropna().astype(str).value_counts()
    return {str(k): int(n) for k, n in counts.items() if int(n) < MIN_GROUP}


def merged_kpis(journeys: Any, by: str, small: dict[str, int]) -> pd.DataFrame | None:
    """The KPI rows (n, mean, median, p25, p75 per KPI) over the journeys of the ``small``
    groups together, as :func:`procmine.journeys.kpi_table` computes them for a group; None
    when they are fewer than :data:`MIN_GROUP` journeys (their figures are not shown) or
    when the journeys result lacks the per-journey tables to compute them."""
    if not small or sum(small.values()) < MIN_GROUP:
        return None
    from procmine.journeys import kpi_table

    table = _frame(journeys, "journeys")
    visits = getattr(journeys, "visits", None)
    if table is None or visits is None or by not in table.columns:
        return None
    labels = table[by].astype("object")
    relabelled = table.assign(**{by: labels.where(~labels.astype(str).isin(small), OTHER)})
    try:
        kpis = kpi_table(visits, relabelled, by=by)
    except (KeyError, ValueError, TypeError):  # a result without the per-journey columns
        return None
    return kpis[kpis[by] == OTHER].reset_index(drop=True)


def _group_rows(
    journeys: Any, keys: list[str], counts: Any, kpis: pd.DataFrame | None, by: str, t: Strings
) -> list[list[Cell]]:
    """One row per group of ``keys`` with its median KPIs; the small groups merged into one
    "Other (N journeys)" row last."""
    small = {k: int(counts.get(k, 0)) for k in keys if int(counts.get(k, 0)) < MIN_GROUP}
    medians = _medians(kpis, by)
    rows = [
        [
            Cell(k),
            num(int(counts.get(k, 0))),
            *(num(medians.get((k, kpi)), fmt_num) for kpi, _ in TYPE_KPIS),
        ]
        for k in keys
        if k not in small
    ]
    if small:
        n = sum(small.values())
        merged = _medians(merged_kpis(journeys, by, small), by)
        rows.append(
            [
                Cell(t["journeys_other"].format(n=fmt_int(n))),
                num(n),
                *(num(merged.get((OTHER, kpi)), fmt_num) for kpi, _ in TYPE_KPIS),
            ]
        )
    return rows


def _small_note(t: Strings, *tables: dict[str, int]) -> list[Block]:
    """The rule for small groups, said once under the journey tables that merged any."""
    merged = [small for small in tables if small]
    if not merged:
        return []
    blank = any(sum(small.values()) < MIN_GROUP for small in merged)
    return [
        Para(
            t["journeys_small_note"].format(
                min=fmt_int(MIN_GROUP),
                blank=t["journeys_small_blank"].format(min=fmt_int(MIN_GROUP)) if blank else "",
            ),
            note=True,
        )
    ]


def _group_table(
    journeys: Any,
    table: pd.DataFrame,
    kpis: pd.DataFrame | None,
    by: str,
    header: str,
    t: Strings,
) -> Table:
    """Journeys per value of ``by`` (most frequent first) with their median KPIs, small
    groups merged (see :data:`MIN_GROUP`)."""
    counts = table[by].dropna().astype(str).value_counts()
    keys = sorted(counts.index, key=lambda k: (-int(counts[k]), k))
    return Table(
        [header, t["col_journeys"], *(t[h] for _, h in TYPE_KPIS)],
        _group_rows(journeys, keys, counts, kpis, by, t),
        cls="journey-types",
    )


def journeys_section(analysis: Analysis, t: Strings) -> Section | None:
    """Journeys per life event with their medians, the typical journey of the most frequent
    types as charts, and the department-to-department moves."""
    journeys = journeys_of(analysis)
    if journeys is None:
        return None
    blocks: list[Block] = [Para(t["journeys_text"])]
    types = journey_types(journeys)
    table = _frame(journeys, "journeys")
    small_types = small_groups(table, "journey_type")
    small_events: dict[str, int] = {}
    if table is not None and "journey_type" in table.columns and types:
        counts = table["journey_type"].dropna().astype(str).value_counts()
        blocks += [
            Sub(t["h_journey_types"], "journey-types"),
            Table(
                [t["col_journey_kind"], t["col_journeys"], *(t[h] for _, h in TYPE_KPIS)],
                _group_rows(journeys, types, counts, _frame(journeys, "kpis"), "journey_type", t),
                cls="journey-types",
            ),
        ]
    if table is not None and "life_event" in table.columns and table["life_event"].notna().any():
        small_events = small_groups(table, "life_event")
        blocks += [
            Sub(t["h_journey_life_events"], "journey-life-events"),
            _group_table(
                journeys,
                table,
                _frame(journeys, "life_event_kpis"),
                "life_event",
                t["col_life_event"],
                t,
            ),
        ]
    blocks += _small_note(t, small_types, small_events)
    charts = 0
    for i, journey_type in enumerate(types, start=1):
        if charts == MAX_CHARTS:
            blocks.append(Para(t["journeys_more"].format(n=fmt_int(len(types) - i + 1)), note=True))
            break
        path = [] if journey_type in small_types else typical_path(journeys, journey_type)
        if not path:
            continue
        charts += 1
        total = max(p["arrival"] + p["minutes"] for p in path)
        share = path[0]["share"]
        visits = len({p["visit"] for p in path})
        # times restart at each visit: over several visits the total is the longest visit's
        caption = t["journey_caption" if visits == 1 else "journey_caption_visits"]
        blocks += [
            Sub(t["h_journey_path"].format(journey_type=journey_type), f"journey-{i}"),
            Figure(
                svg=journey_svg(path, t),
                path=f"journeys/journey-{i}.svg",
                alt=t["journey_alt"].format(journey_type=journey_type),
                caption=caption.format(
                    journey_type=journey_type,
                    counters=fmt_int(len(path)),
                    visits=fmt_int(visits),
                    total=fmt_num(total),
                    share=fmt_pct(share) if share is not None else t["none"],
                ),
                anchor=f"j{i}",
                cls="journey",
            ),
        ]
    handover = _frame(journeys, "handover")
    if handover is not None:
        blocks += [Sub(t["h_handover"], "handover"), Para(t["handover_text"])]
        blocks.append(handover_table(handover, t))
    if len(blocks) == 1:
        blocks.append(Para(t["no_data"]))
    return Section("journeys", t["h_journeys"], blocks)


def handover_table(frame: pd.DataFrame, t: Strings) -> Table:
    """From-department rows × numbered to-department columns, shaded by count."""
    sources = [str(x) for x in frame.index]
    targets = [str(x) for x in frame.columns]
    values = [[number(v) or 0.0 for v in row] for row in frame.itertuples(index=False, name=None)]
    top = max((v for row in values for v in row), default=0.0)
    legend = {d: i for i, d in enumerate(targets, start=1)}
    rows = []
    for name, row in zip(sources, values, strict=True):
        no = legend.get(name)
        first = Cell(f"{no}. {name}" if no else name)
        rows.append([first, *[Cell(fmt_int(v), sort=v, shade=shade(v, top)) for v in row]])
    # a column is named by its number when a row carries that number, else by its name too
    headers = [t["col_from_to"]] + [
        str(legend[d]) if d in sources else f"{legend[d]}. {d}" for d in targets
    ]
    return Table(headers, rows, cls="heatmap", sortable=False)


__all__ = [
    "ALL_TYPES",
    "MIN_GROUP",
    "OTHER",
    "handover_table",
    "journey_svg",
    "journey_types",
    "journeys_of",
    "journeys_section",
    "merged_kpis",
    "small_groups",
    "typical_path",
]
