"""Plain facts drawn from an :class:`~procmine.analysis.Analysis` for every output.

The HTML/Markdown report and ``findings.json`` are built from the same functions here, so
they always agree. Everything returned is plain Python (str, int, float, None, list, dict).
No function here returns resident values: only names of departments, activities and
columns, counts and rates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeGuard

import procmine.candidates as _candidates
from procmine.report.values import number, plain, text_list

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from procmine.analysis import Analysis

#: Leading columns of each output table, in this order.
DUPLICATE_COLUMNS: tuple[str, ...] = (
    "department_a",
    "activity_a",
    "department_b",
    "activity_b",
    "score",
)
SILO_COLUMNS: tuple[str, ...] = ("field", "department", "column")
CANDIDATE_COLUMNS: tuple[str, ...] = (
    "rank",
    "title",
    "principle",
    "departments",
    "activities",
    "hours_saved_per_year",
)
#: Text columns of the silo table that never hold resident values; other silo columns are
#: written only when numeric or boolean (see :func:`silo_columns`).
SILO_TEXT_COLUMNS: tuple[str, ...] = (
    "field",
    "department",
    "column",
    "field_type",
    "authoritative",
    "source",
    "role",
    "basis",
    "linkage",
    "matched_by",
)


def has(frame: object, *columns: str) -> TypeGuard[pd.DataFrame]:
    """True when ``frame`` is a non-empty DataFrame holding every one of ``columns``."""
    import pandas as pd

    return (
        isinstance(frame, pd.DataFrame)
        and len(frame) > 0
        and all(c in frame.columns for c in columns)
    )


def ordered_columns(frame: pd.DataFrame | None, leading: Sequence[str]) -> list[str]:
    """``leading`` columns first (always, even when missing), then the frame's others.

    Examples
    --------
    >>> import pandas as pd
    >>> ordered_columns(pd.DataFrame(columns=["x", "b", "a"]), ["a", "b", "c"])
    ['a', 'b', 'c', 'x']
    """
    rest = [] if frame is None else [str(c) for c in frame.columns if str(c) not in leading]
    return list(leading) + rest


def records(frame: pd.DataFrame | None, columns: Sequence[str]) -> list[dict[str, Any]]:
    """Rows of ``frame`` as dicts over ``columns`` (missing columns give None), plain values."""
    if frame is None or len(frame) == 0:
        return []
    present = [c for c in columns if c in frame.columns]
    out = []
    for row in frame[present].itertuples(index=False, name=None):
        values = dict(zip(present, row, strict=True))
        out.append({c: plain(values.get(c)) for c in columns})
    return out


def silo_columns(frame: pd.DataFrame | None) -> list[str]:
    """Columns of the silo table safe to publish: known name columns plus numeric ones.

    Any other text column could hold example values, so it is left out.
    """
    cols = ordered_columns(frame, SILO_COLUMNS)
    if frame is None:
        return cols
    import pandas as pd

    def numeric(c: str) -> bool:
        return bool(pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_bool_dtype(frame[c]))

    return [c for c in cols if c in SILO_TEXT_COLUMNS or c not in frame.columns or numeric(c)]


def departments(analysis: Analysis) -> list[str]:
    """Every department with a log, a model or a map, sorted."""
    return sorted(set(analysis.maps) | set(analysis.dataset.departments))


def department_facts(analysis: Analysis) -> dict[str, dict[str, Any]]:
    """Per department: events, cases, activities, sources, first/last date, duration basis."""
    out: dict[str, dict[str, Any]] = {}
    logs = getattr(analysis.dataset, "logs", {}) or {}
    for dept in departments(analysis):
        pmap = analysis.maps.get(dept)
        log = logs.get(dept)
        events = cases = activities = None
        start = end = None
        sources: list[str] = []
        if log is not None:
            ev = log.events
            events = len(ev)
            cases = int(ev["case"].nunique()) if "case" in ev.columns else None
            activities = int(ev["activity"].nunique()) if "activity" in ev.columns else None
            start, end = _period(ev)
            sources = sorted(str(s) for s in log.sources)
        if pmap is not None:
            events = int(pmap.events)
            cases = int(pmap.cases)
            activities = pmap.graph.number_of_nodes()
        out[dept] = {
            "events": events,
            "cases": cases,
            "activities": activities,
            "sources": sources,
            "start": start,
            "end": end,
            "duration_source": pmap.duration_source if pmap is not None else None,
        }
    return out


def _period(events: pd.DataFrame) -> tuple[str | None, str | None]:
    stamps = []
    for col in ("timestamp", "end"):
        if col in events.columns and len(events):
            s = events[col].dropna()
            if len(s):
                stamps += [s.min(), s.max()]
    if not stamps:
        return None, None
    try:
        first, last = min(stamps), max(stamps)
    except TypeError:  # mixed time zones; leave the period out
        return None, None
    return _date(first), _date(last)


def _date(value: Any) -> str | None:
    v = plain(value)
    return v[:10] if isinstance(v, str) else None


def case_starts(analysis: Analysis) -> dict[str, tuple[str | None, str | None]]:
    """Per department: the first and the last day a case started (ISO dates), from the
    loaded events; ``(None, None)`` without events.

    One export may run longer than the others (batch steps months after the last counter
    case): the case starts show it, where the period of the events does not.
    """
    out: dict[str, tuple[str | None, str | None]] = {}
    logs = getattr(analysis.dataset, "logs", {}) or {}
    for dept in departments(analysis):
        log = logs.get(dept)
        ev = log.events if log is not None else None
        if ev is None or not len(ev) or "case" not in ev.columns or "timestamp" not in ev.columns:
            out[dept] = (None, None)
            continue
        starts = ev.groupby("case", sort=False)["timestamp"].min().dropna()
        try:
            out[dept] = (_date(starts.min()), _date(starts.max())) if len(starts) else (None, None)
        except TypeError:  # mixed time zones
            out[dept] = (None, None)
    return out


def unknown_time_events(analysis: Analysis) -> dict[str, int]:
    """Per department: events of the steps counted in the workload (staff and resident
    steps) without a measured handling time (no end time: ``duration_measured`` false, or
    no ``total_hours``; a graph without ``duration_measured``: ``median_minutes`` missing),
    which the workload and the savings count as 0 hours."""
    out: dict[str, int] = {}
    for dept in departments(analysis):
        n = 0
        pmap = analysis.maps.get(dept)
        if pmap is not None:
            for _, data in pmap.graph.nodes(data=True):
                performer = plain(data.get("performer")) or "unknown"
                counted = performer in STAFF_PERFORMERS or performer == RESIDENT_PERFORMER
                if counted and not _measured(data):
                    n += int(number(data.get("events")) or 0)
        out[dept] = n
    return out


def _measured(data: dict[str, Any]) -> bool:
    """Whether a process-map node's handling time was measured (from end times)."""
    if "duration_measured" not in data:
        return number(data.get("median_minutes")) is not None
    return bool(plain(data["duration_measured"])) and number(data.get("total_hours")) is not None


def period(facts: dict[str, dict[str, Any]]) -> tuple[str | None, str | None]:
    """First and last date over all departments (ISO ``YYYY-MM-DD``) or None."""
    starts = [f["start"] for f in facts.values() if f["start"]]
    ends = [f["end"] for f in facts.values() if f["end"]]
    return (min(starts) if starts else None, max(ends) if ends else None)


def row_accounting(analysis: Analysis) -> dict[str, Any]:
    """Per input file (sorted by name): rows read/loaded/dropped by reason; and totals."""
    files = []
    totals: dict[str, Any] = {"rows_read": 0, "rows_loaded": 0, "rows_dropped": 0, "dropped": {}}
    for acc in sorted(getattr(analysis.dataset, "accounting", []) or [], key=lambda a: a.source):
        dropped = {str(k): int(v) for k, v in sorted(acc.dropped.items())}
        files.append(
            {
                "source": acc.source,
                "rows_read": int(acc.rows_read),
                "rows_loaded": int(acc.rows_loaded),
                "rows_dropped": sum(dropped.values()),
                "dropped": dropped,
                "balanced": bool(acc.balanced),
            }
        )
        totals["rows_read"] += int(acc.rows_read)
        totals["rows_loaded"] += int(acc.rows_loaded)
        for reason, n in dropped.items():
            totals["dropped"][reason] = totals["dropped"].get(reason, 0) + n
    totals["rows_dropped"] = sum(totals["dropped"].values())
    totals["dropped"] = dict(sorted(totals["dropped"].items()))
    totals["balanced"] = all(f["balanced"] for f in files)
    return {"files": files, "totals": totals}


def column_mappings(analysis: Analysis) -> list[dict[str, Any]]:
    """Column mapping per input file, sorted by file name."""
    out = []
    for m in sorted(getattr(analysis.dataset, "mappings", []) or [], key=lambda m: m.source):
        out.append(
            {
                "source": m.source,
                "format": m.format,
                "encoding": m.encoding,
                "roles": {str(k): str(v) for k, v in m.roles.items()},
                "how": {str(k): str(v) for k, v in m.how.items()},
                "data_columns": [str(c) for c in m.data_columns],
                "departments": [str(d) for d in m.departments],
            }
        )
    return out


def highlight(analysis: Analysis) -> dict[str, dict[str, int]]:
    """Department → {activity → cluster number} for every activity in a duplicate cluster."""
    out: dict[str, dict[str, int]] = {}
    for member in cluster_rows(analysis):
        out.setdefault(member["department"], {})[member["activity"]] = member["cluster"]
    return out


def cluster_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """``cluster, department, activity`` rows, from ``clusters`` or else from ``duplicates``."""
    rows: list[dict[str, Any]] = []
    if has(analysis.clusters, "cluster", "department", "activity"):
        for r in records(analysis.clusters, ["cluster", "department", "activity"]):
            rows.append(r)
    elif has(analysis.duplicates, "cluster", *DUPLICATE_COLUMNS[:4]):
        for r in records(analysis.duplicates, ["cluster", *DUPLICATE_COLUMNS[:4]]):
            rows.append(
                {
                    "cluster": r["cluster"],
                    "department": r["department_a"],
                    "activity": r["activity_a"],
                }
            )
            rows.append(
                {
                    "cluster": r["cluster"],
                    "department": r["department_b"],
                    "activity": r["activity_b"],
                }
            )
    out = []
    seen = set()
    for r in rows:
        c = number(r["cluster"])
        if c is None or r["department"] is None or r["activity"] is None:
            continue
        key = (int(c), str(r["department"]), str(r["activity"]))
        if key not in seen:
            seen.add(key)
            out.append({"cluster": key[0], "department": key[1], "activity": key[2]})
    return sorted(out, key=lambda r: (r["cluster"], r["department"], r["activity"]))


def clusters(analysis: Analysis) -> list[dict[str, Any]]:
    """One entry per duplicate cluster: ``cluster, size, departments, members``."""
    grouped: dict[int, list[dict[str, str]]] = {}
    for r in cluster_rows(analysis):
        grouped.setdefault(r["cluster"], []).append(
            {"department": r["department"], "activity": r["activity"]}
        )
    return [
        {
            "cluster": c,
            "size": len(members),
            "departments": sorted({m["department"] for m in members}),
            "members": members,
        }
        for c, members in sorted(grouped.items())
    ]


def silo_summary(analysis: Analysis) -> dict[str, Any]:
    """Fields held by two or more departments, and how many of them disagree."""
    if not has(analysis.silos, "field", "department"):
        return {"fields": [], "inconsistent": []}
    depts: dict[str, set[str]] = {}
    worst: dict[str, float] = {}
    for r in records(analysis.silos, ["field", "department", "inconsistency_rate"]):
        f = str(r["field"])
        depts.setdefault(f, set()).add(str(r["department"]))
        rate = number(r["inconsistency_rate"])
        if rate is not None:
            worst[f] = max(worst.get(f, 0.0), rate)
    fields = sorted(f for f, d in depts.items() if len(d) >= 2)
    return {"fields": fields, "inconsistent": [f for f in fields if worst.get(f, 0.0) > 0]}


def total_hours(analysis: Analysis) -> float:
    """Sum of ``hours_saved_per_year`` over the candidates (0 when there are none)."""
    if not has(analysis.candidates, "hours_saved_per_year"):
        return 0.0
    values = (number(v) for v in analysis.candidates["hours_saved_per_year"].tolist())
    return float(sum(v for v in values if v is not None))


def summary(analysis: Analysis, *, hours_per_fte: float) -> dict[str, Any]:
    """The headline numbers of the report."""
    facts = department_facts(analysis)
    first, last = period(facts)
    silos = silo_summary(analysis)
    cl = clusters(analysis)
    hours = total_hours(analysis)
    saved = candidate_totals(analysis)
    work = workload(analysis, hours_per_fte=hours_per_fte)["total"]
    return {
        "departments": len(facts),
        "events": sum(f["events"] or 0 for f in facts.values()),
        "cases": sum(f["cases"] or 0 for f in facts.values()),
        "period": {"start": first, "end": last},
        "duplicate_pairs": len(analysis.duplicates) if analysis.duplicates is not None else 0,
        "duplicate_clusters": len(cl),
        "duplicated_activities": sum(c["size"] for c in cl),
        "redundant_hours_per_year": round(hours, 1),
        # an FTE is staff time: residents' hours (forms, waits) are no one's post
        "redundant_fte": (
            round(saved["staff_hours_per_year"] / hours_per_fte, 2) if hours_per_fte > 0 else None
        ),
        "saved_staff_hours_per_year": round(saved["staff_hours_per_year"], 1),
        "saved_resident_hours_per_year": round(saved["resident_hours_per_year"], 1),
        "saved_fte": round(saved["staff_hours_per_year"] / hours_per_fte, 2),
        "saved_cost_per_year": round(saved["cost_saved_per_year"]),
        "staff_hours_per_year": round(work["staff_hours_per_year"], 1),
        "staff_fte": round(work["fte"], 2),
        "hours_per_fte": hours_per_fte,
        "silo_fields": len(silos["fields"]),
        "inconsistent_fields": len(silos["inconsistent"]),
        "candidates": len(analysis.candidates) if analysis.candidates is not None else 0,
    }


#: Performers whose handling time is staff time, and the one counted as residents' time
#: (the savings model's, so that workload and savings count the same steps).
STAFF_PERFORMERS: tuple[str, ...] = _candidates.STAFF_PERFORMERS
RESIDENT_PERFORMER = _candidates.RESIDENT_PERFORMER


def period_days(analysis: Analysis) -> float:
    """Days the logs cover: the ``period_days`` option, else the days over which the cases
    started (:func:`procmine.candidates.observed_period_days`) — the rule the savings model
    uses, so workload and savings are on one scale."""
    from procmine.candidates import observed_period_days

    option = number((analysis.options or {}).get("period_days"))
    if option is not None and option > 0:
        return option
    # Every part of the report asks; the logs are read once per dataset object.
    cache = analysis.__dict__.setdefault("_observed_period_days", {})
    key = id(analysis.dataset)
    if key not in cache:
        cache.clear()
        cache[key] = (analysis.dataset, observed_period_days(analysis.dataset))
    return cache[key][1]


def workload(analysis: Analysis, *, hours_per_fte: float) -> dict[str, Any]:
    """業務量 per department: events, cases, activities, staff and resident hours, FTE.

    Staff hours are the ``total_hours`` of the activities staff perform (performer
    ``staff`` or ``unknown``); resident hours those of activities residents perform; system
    and external steps count in neither. ``total_hours`` adds up measured handling times
    only (end columns; never the gap to the next event), so a department's hours are a
    lower bound (:func:`unknown_time_events`), and the savings model counts the same
    times: no candidate saves more than the steps it removes take. Per-year figures scale
    by 365 / :func:`period_days`.
    """
    days = period_days(analysis)
    scale = 365.0 / days
    rows = []
    dept_facts = department_facts(analysis)
    for dept, f in dept_facts.items():
        staff = resident = 0.0
        pmap = analysis.maps.get(dept)
        if pmap is not None:
            for _, data in pmap.graph.nodes(data=True):
                hours = number(data.get("total_hours")) or 0.0
                performer = plain(data.get("performer")) or "unknown"
                if performer in STAFF_PERFORMERS:
                    staff += hours
                elif performer == RESIDENT_PERFORMER:
                    resident += hours
        rows.append(
            {
                "department": dept,
                "events": f["events"],
                "cases": f["cases"],
                "activities": f["activities"],
                "staff_hours": staff,
                "staff_hours_per_year": staff * scale,
                "resident_hours_per_year": resident * scale,
                "fte": staff * scale / hours_per_fte,
            }
        )
    total = {
        key: sum(r[key] or 0 for r in rows)
        for key in (
            "events",
            "cases",
            "activities",
            "staff_hours",
            "staff_hours_per_year",
            "resident_hours_per_year",
            "fte",
        )
    }
    return {"period_days": days, "departments": rows, "total": total}


def department_pairs(analysis: Analysis) -> dict[str, Any]:
    """Duplicated work shared by each pair of departments (the heat map).

    ``clusters[a][b]`` counts the duplicate clusters with members in both ``a`` and ``b``
    (on the diagonal: the clusters ``a`` takes part in); ``pairs[a][b]`` counts the
    duplicate activity pairs between ``a`` and ``b`` (0 on the diagonal).
    """
    depts = departments(analysis)
    members: dict[int, set[str]] = {}
    for r in cluster_rows(analysis):
        members.setdefault(r["cluster"], set()).add(r["department"])
    clusters_shared = {a: {b: 0 for b in depts} for a in depts}
    for found in members.values():
        for a in found:
            for b in found:
                if a in clusters_shared and b in clusters_shared[a]:
                    clusters_shared[a][b] += 1
    pairs = {a: {b: 0 for b in depts} for a in depts}
    for r in records(analysis.duplicates, ["department_a", "department_b"]):
        a, b = str(r["department_a"]), str(r["department_b"])
        if a != b and a in pairs and b in pairs:
            pairs[a][b] += 1
            pairs[b][a] += 1
    return {"departments": depts, "clusters": clusters_shared, "pairs": pairs}


def candidate_totals(analysis: Analysis) -> dict[str, float]:
    """Sums over the candidates: total, staff and resident hours, FTE, cost, executions."""
    out = {
        "hours_saved_per_year": 0.0,
        "staff_hours_per_year": 0.0,
        "resident_hours_per_year": 0.0,
        "fte": 0.0,
        "cost_saved_per_year": 0.0,
        "redundant_executions_per_year": 0.0,
        "recaptured_values_per_year": 0.0,
    }
    frame = analysis.candidates
    if frame is None or not len(frame):
        return out
    cols = [c for c in out if c in frame.columns] + (["kind"] if "kind" in frame.columns else [])
    for r in records(frame, cols):
        silo = r.get("kind") == "silo"
        for key in out:
            if key == "recaptured_values_per_year":
                continue
            value = number(r.get(key))
            if value is None:
                continue
            if key == "redundant_executions_per_year":
                out["recaptured_values_per_year" if silo else key] += value
            else:
                out[key] += value
    if "staff_hours_per_year" not in frame.columns:  # an older candidates table
        out["staff_hours_per_year"] = out["hours_saved_per_year"]
    return out


#: The highest inconsistency rate is taken over copies compared on at least this many
#: residents: a rate over a handful of them (3 of 4) says little and would lead the KPIs.
MIN_COMPARED_FOR_KPI = 30
#: Field types of which a resident may rightly have several values (a home and a mobile
#: phone, a second bank account): their differences are mostly not inconsistencies, so they
#: do not lead the KPI (their rates stay in the silo table).
SEVERAL_VALUES = frozenset({"phone", "bank_account", "email"})


def worst_inconsistency(silos: pd.DataFrame | None, *, one_value: bool = True) -> float | None:
    """The highest ``inconsistency_rate`` of the copies in ``silos`` compared on at least
    :data:`MIN_COMPARED_FOR_KPI` residents (``shared_persons``), with ``one_value`` of
    fields with one value per resident only (not :data:`SEVERAL_VALUES`), or None.

    Examples
    --------
    >>> import pandas as pd
    >>> worst_inconsistency(pd.DataFrame({"inconsistency_rate": [0.9, 0.2, 0.1, 0.4],
    ...                                   "shared_persons": [4, 120, 300, 200],
    ...                                   "field_type": ["name", "address", "name", "phone"]}))
    0.2
    """
    if silos is None or "inconsistency_rate" not in silos:
        return None
    rows = records(silos, ["inconsistency_rate", "shared_persons", "field_type"])
    rates = [
        number(r["inconsistency_rate"])
        for r in rows
        if (number(r.get("shared_persons")) or 0) >= MIN_COMPARED_FOR_KPI
        and not (one_value and r.get("field_type") in SEVERAL_VALUES)
    ]
    return max((r for r in rates if r is not None), default=None)


def backoffice_kpis(analysis: Analysis) -> list[dict[str, Any]]:
    """Baselines of the back-office KPIs that the logs give (koyo-city.md §4.3).

    Each entry: ``key`` (the indicator, e.g. ``kpi_redundant``), ``value``, ``unit``
    (``times``, ``hours``, ``values`` or ``rate``) and ``principle`` (or None).
    """
    totals = candidate_totals(analysis)
    worst = worst_inconsistency(analysis.silos)
    return [
        {"key": "kpi_redundant", "value": totals["redundant_executions_per_year"],
         "unit": "times", "principle": "matasenai"},
        {"key": "kpi_staff_hours", "value": totals["staff_hours_per_year"],
         "unit": "hours", "principle": None},
        {"key": "kpi_resident_hours", "value": totals["resident_hours_per_year"],
         "unit": "hours", "principle": "matasenai"},
        {"key": "kpi_recaptured", "value": totals["recaptured_values_per_year"],
         "unit": "values", "principle": "kakasenai"},
        {"key": "kpi_inconsistency", "value": worst, "unit": "rate", "principle": "kakasenai"},
    ]  # fmt: skip


def principles(value: Any) -> list[str]:
    """Principle codes of a candidate cell (one code, a list, or ``a|b`` / Japanese names).

    Examples
    --------
    >>> principles("kakasenai"), principles("書かせない|ikasenai"), principles("other")
    (['kakasenai'], ['kakasenai', 'ikasenai'], ['other'])
    """
    from procmine.model import PRINCIPLES

    by_name = {v: k for k, v in PRINCIPLES.items()}
    out = []
    for item in text_list(value):
        for part in item.replace("、", "|").replace(",", "|").replace("/", "|").split("|"):
            part = part.strip()
            if part:
                out.append(by_name.get(part, part))
    return out


__all__ = [
    "CANDIDATE_COLUMNS",
    "DUPLICATE_COLUMNS",
    "SILO_COLUMNS",
    "backoffice_kpis",
    "candidate_totals",
    "case_starts",
    "cluster_rows",
    "clusters",
    "column_mappings",
    "department_facts",
    "department_pairs",
    "departments",
    "has",
    "highlight",
    "ordered_columns",
    "period",
    "period_days",
    "principles",
    "records",
    "row_accounting",
    "silo_columns",
    "silo_summary",
    "summary",
    "total_hours",
    "unknown_time_events",
    "workload",
]
