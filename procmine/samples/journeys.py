"""The residents' journeys through the city: per life-event case KPIs (koyo-city §3.11).

Computed from the generated events themselves (the truth, not an analysis of the exports):

``counters``
    queue tickets drawn during the case's counter visits: every counter (窓口) the resident
    queues at, including a second ticket at the same department's other counter;
``departments``
    distinct departments at which a ticket was drawn (§3.11's literal definition);
``form_writes``
    forms on which the resident wrote name and address (rewrites after 記入不備 included);
``id_checks``, ``num_checks``
    identity and My Number checks;
``signatures``
    signatures on forms the staff printed (To-Be);
``minutes_on_site``
    per counter visit, first step to last step (waiting and walking included), summed
    over the case's visits.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from procmine.samples.generator import Event, Result

#: Columns of ``truth/journeys.csv``.
COLUMNS: tuple[str, ...] = (
    "life_event_case",
    "life_event",
    "person",
    "date",
    "peak",
    "household",
    "children",
    "school_children",
    "procedures",
    "visits",
    "counters",
    "departments",
    "form_writes",
    "id_checks",
    "num_checks",
    "signatures",
    "minutes_on_site",
)
KPIS: tuple[str, ...] = ("counters", "departments", "form_writes", "id_checks", "minutes_on_site")


def journeys(result: Result) -> list[dict[str, object]]:
    """One row per life-event case with the KPIs of its journey, in case order."""
    by_case: dict[int, list[Event]] = defaultdict(list)
    for e in result.events:
        by_case[int(e.case_key[0])].append(e)  # type: ignore[call-overload]
    rows: list[dict[str, object]] = []
    for idx, info in sorted(result.case_info.items()):
        events = by_case.get(idx, [])
        visits: dict[int, list[Event]] = defaultdict(list)
        for e in events:
            if e.on_site:
                visits[e.visit].append(e)
        minutes = sum(
            (max(e.end for e in v) - min(e.start for e in v)).total_seconds() / 60
            for v in visits.values()
        )
        on_site = [e for v in visits.values() for e in v]
        tickets = [e for e in on_site if e.act.cluster == "QUEUE"]
        rows.append(
            {
                "life_event_case": info.name,
                "life_event": info.life_event,
                "person": info.person,
                "date": info.day.isoformat(),
                "peak": int(info.peak),
                "household": info.household,
                "children": info.children,
                "school_children": info.school_children,
                "procedures": ";".join(info.flags),
                "visits": len(visits),
                "counters": len(tickets),
                "departments": len({e.dept for e in tickets}),
                "form_writes": sum(
                    1
                    for e in events
                    if e.act.cluster == "FORM" and {"NAME", "ADDR"} <= set(e.act.fields)
                ),
                "id_checks": sum(1 for e in on_site if e.act.cluster == "ID"),
                "num_checks": sum(1 for e in on_site if e.act.cluster == "NUM"),
                "signatures": sum(1 for e in on_site if e.act.cluster == "SIGN"),
                "minutes_on_site": round(minutes, 1),
            }
        )
    return rows


def kpi_table(rows: list[dict[str, object]]) -> list[tuple[str, int, dict[str, str]]]:
    """Median and interquartile range of each KPI per group of cases.

    Groups: 転入 with children, 転入 with children on a normal day and in the peak, then
    every life event with counter visits. Each KPI is written ``median [p25–p75]``.

    Examples
    --------
    >>> rows = [{"life_event": "出生", "children": 1, "peak": 0, "visits": 1, "counters": c,
    ...          "departments": 2, "form_writes": 3, "id_checks": 2, "minutes_on_site": 60.0}
    ...         for c in (2, 3, 4)]
    >>> kpi_table(rows)[0]
    ('出生', 3, {'counters': '3 [2.5–3.5]', 'departments': '2 [2–2]', 'form_writes': '3 [3–3]', 'id_checks': '2 [2–2]', 'minutes_on_site': '60 [60–60]'})
    """
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    order: list[str] = []

    def add(name: str, row: dict[str, object]) -> None:
        if name not in groups:
            order.append(name)
        groups[name].append(row)

    visited = [r for r in rows if int(r["visits"]) > 0]  # type: ignore[call-overload]
    for r in visited:
        if r["life_event"] == "転入" and int(r["children"]) > 0:  # type: ignore[call-overload]
            add("転入 with children", r)
            add("転入 with children, peak" if r["peak"] else "転入 with children, normal day", r)
    for r in sorted(visited, key=lambda r: str(r["life_event"])):
        add(str(r["life_event"]), r)
    order = [n for n in order if n.startswith("転入 ")] + sorted(
        (n for n in order if not n.startswith("転入 ")), key=lambda n: -len(groups[n])
    )
    out = []
    for name in order:
        stats = {}
        for k in KPIS:
            x = np.array([float(r[k]) for r in groups[name]])  # type: ignore[arg-type]
            q = np.percentile(x, [50, 25, 75])
            stats[k] = f"{_num(q[0])} [{_num(q[1])}–{_num(q[2])}]"
        out.append((name, len(groups[name]), stats))
    return out


def _num(x: float) -> str:
    return f"{x:.0f}" if abs(x - round(x)) < 1e-9 or x >= 20 else f"{x:.1f}"
