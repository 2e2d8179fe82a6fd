"""As-Is vs To-Be: the same KPIs, workload and activities for two sets of logs.

:func:`compare` analyses a BEFORE and an AFTER set of exports (for example today's city
and the same city after a 書かない・ワンストップ reform, or two years of the same city) and
puts side by side:

* the journey KPIs per principle and per life event (median before, after, change):
  forms written and the minutes of a form step, time on site, waiting (also in the
  busiest season), identity checks, counters, visits and the staff hours per journey;
* the queue wait of koyo-city §3.8 (queue ticket → first service at that counter,
  :attr:`procmine.journeys.JourneyResult.queues`) in the busiest season of the BEFORE
  log: mean and median over every counter and at the busiest counter (the department
  with most queue tickets in that season BEFORE), the same department AFTER;
* the workload per department (events, cases, staff hours);
* the activities of each department: removed, added or kept, with their counts and
  median handling times.

When BEFORE and AFTER have no department in common, the comparison is still made (a reform
may rename every department, and the journey KPIs do not depend on department names) but
:attr:`Comparison.warnings` says so, naming both sides' departments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from procmine.analysis import Analysis

__all__ = ["QUEUE_COLUMNS", "Comparison", "compare", "compare_analyses", "peak_days"]

#: Columns of :attr:`Comparison.queues`.
QUEUE_COLUMNS = [
    "counter",
    "busiest",
    "tickets_before",
    "mean_before",
    "median_before",
    "tickets_after",
    "mean_after",
    "median_after",
    "change_pct_mean",
    "change_pct_median",
]
#: Label of the :attr:`Comparison.queues` row over every counter.
ALL_COUNTERS = "all"

KPI_COLUMNS = [
    "principle",
    "kpi",
    "life_event",
    "n_before",
    "before",
    "n_after",
    "after",
    "change",
    "change_pct",
]

#: Departments named per side in the warning about no department in common.
NAMED_DEPARTMENTS = 8

#: Peak season: days whose visits, averaged over PEAK_WINDOW_DAYS, reach this quantile of
#: the BEFORE log's days (see :func:`peak_days`).
PEAK_QUANTILE = 0.9
PEAK_WINDOW_DAYS = 14

#: KPIs per journey beyond :data:`procmine.journeys.KPIS`: (principle, kpi, column of the
#: journeys table, factor). ``staff`` is the staff time, not a principle.
EXTRA_KPIS: tuple[tuple[str, str, str, float], ...] = (
    ("kakasenai", "form_step_minutes", "form_minutes", 1.0),
    ("matasenai", "minutes_on_site_per_journey", "minutes_on_site", 1.0),
    ("matasenai", "waiting_minutes_per_journey", "waiting_minutes", 1.0),
    ("mayowasenai", "counters_per_journey", "counters", 1.0),
    ("staff", "staff_hours_per_journey", "staff_minutes", 1.0 / 60.0),
)


@dataclass
class Comparison:
    """Result of :func:`compare`.

    Attributes
    ----------
    before, after : Analysis
        The two analyses.
    kpis : DataFrame
        ``principle, kpi, life_event, n_before, before, n_after, after, change,
        change_pct``: medians of each journey KPI per life event (the journeys'
        ``life_event`` label, the same before and after a reform) and over all journeys
        (``life_event == "all"``); besides the KPIs of :data:`procmine.journeys.KPIS`,
        :data:`EXTRA_KPIS` and ``peak_waiting_minutes_per_visit`` (visits in the busiest
        season of the BEFORE log, :func:`peak_days`), ``peak_queue_minutes_per_counter``
        and ``peak_queue_minutes_busiest_counter`` (queue tickets on those days, ticket →
        first service; a ticket counts for the life event of its visit's journey).
    departments : DataFrame
        ``department, events_before, events_after, cases_before, cases_after,
        staff_hours_before, staff_hours_after``.
    activities : DataFrame
        ``department, activity, status (removed | added | kept), events_before,
        events_after, median_minutes_before, median_minutes_after, performer``.
    queues : DataFrame
        :data:`QUEUE_COLUMNS`: queue waits (ticket → first service, minutes) on the peak
        days of the BEFORE log (:func:`peak_days`), one row over every counter
        (``counter == "all"``), then one per department that issued tickets on those
        days, the busiest first (``busiest`` marks the department with most tickets
        BEFORE; the same department is read AFTER, whatever the reform made of it).
    warnings : list of str
        Problems of the comparison itself (not of the inputs, which are in each analysis's
        ``dataset.warnings``): BEFORE and AFTER without a department in common.
    """

    before: Analysis
    after: Analysis
    kpis: pd.DataFrame
    departments: pd.DataFrame
    activities: pd.DataFrame
    queues: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=QUEUE_COLUMNS))
    warnings: list[str] = field(default_factory=list)

    def write(self, out_dir: str | Path, *, lang: str = "ja", force: bool = False) -> list[Path]:
        """Write ``comparison.html``, ``comparison.md`` and the tables as CSV into ``out_dir``.

        An ``out_dir`` that is an input of either analysis, or holds one, is refused (an
        :class:`~procmine.errors.OutputError`), even with ``force``: replacing it would
        delete the exports.
        """
        from procmine.report.compare import write_comparison
        from procmine.report.writer import refuse_inputs

        refuse_inputs(
            out_dir,
            [*self.before.options.get("inputs", []), *self.after.options.get("inputs", [])],
        )
        return write_comparison(self, out_dir, lang=lang, force=force)

    def _repr_html_(self) -> str:
        return self.kpis[self.kpis["life_event"] == "all"].to_html(index=False)


def _staff_hours(analysis: Analysis) -> pd.DataFrame:
    rows = []
    for dept, pm in analysis.maps.items():
        staff = sum(
            float(attrs.get("total_hours") or 0.0)
            for _, attrs in pm.graph.nodes(data=True)
            if attrs.get("performer") in ("staff", "external", "unknown")
        )
        rows.append(
            {"department": dept, "events": pm.events, "cases": pm.cases, "staff_hours": staff}
        )
    return pd.DataFrame(rows, columns=["department", "events", "cases", "staff_hours"])


def _activities(analysis: Analysis) -> pd.DataFrame:
    rows = []
    for dept, pm in analysis.maps.items():
        for act, attrs in pm.graph.nodes(data=True):
            rows.append(
                {
                    "department": dept,
                    "activity": act,
                    "events": attrs.get("events", 0),
                    "median_minutes": attrs.get("median_minutes"),
                    "performer": attrs.get("performer", "unknown"),
                }
            )
    return pd.DataFrame(
        rows, columns=["department", "activity", "events", "median_minutes", "performer"]
    )


def peak_days(
    analysis: Analysis, *, quantile: float = PEAK_QUANTILE, window_days: int = PEAK_WINDOW_DAYS
) -> set[pd.Timestamp]:
    """The days of the busiest season of an analysis.

    Visits per calendar day (days without visits count 0) are averaged over a centred
    window of ``window_days`` days, so that a season (the moving season of March–April)
    counts and not one busy day; the days with visits whose average reaches ``quantile``
    of all days' averages are the peak. The same days are then looked at in the other log.
    """
    result = getattr(analysis, "journeys", None)
    if result is None or result.visits.empty:
        return set()
    per_day = pd.to_datetime(result.visits["date"]).dt.normalize().value_counts().sort_index()
    every_day = pd.date_range(per_day.index.min(), per_day.index.max(), freq="D")
    smooth = (
        per_day.reindex(every_day, fill_value=0)
        .rolling(window_days, center=True, min_periods=1)
        .mean()
    )
    busy = set(smooth.index[smooth >= smooth.quantile(quantile)])
    return busy & set(per_day.index)


def _stats(
    rows: list[dict[str, Any]], principle: str, kpi: str, groups: pd.Series, values: pd.Series
) -> None:
    data = pd.DataFrame({"g": groups, "v": values}).dropna()
    for label, series in [("all", data["v"]), *data["v"].groupby(data["g"], sort=True)]:
        if len(series):
            rows.append(
                {
                    "principle": principle,
                    "kpi": kpi,
                    "life_event": label,
                    "n": int(series.size),
                    "median": float(series.median()),
                }
            )


def _kpis(analysis: Analysis, peak: set[pd.Timestamp], busiest: str | None) -> pd.DataFrame:
    """Median of each journey KPI per life event and over all journeys ("all")."""
    from procmine.journeys import KPIS

    result = getattr(analysis, "journeys", None)
    if result is None or result.journeys.empty:
        return pd.DataFrame(columns=["principle", "kpi", "life_event", "n", "median"])
    j, v = result.journeys, result.visits
    life = j.set_index("journey")["life_event"]
    visit_life = v["journey"].map(life)
    rows: list[dict[str, Any]] = []
    for principle, kpi, table, column in KPIS:
        if table == "journeys":
            _stats(rows, principle, kpi, j["life_event"], j[column].astype("float64"))
        else:
            _stats(rows, principle, kpi, visit_life, v[column].astype("float64"))
    for principle, kpi, column, factor in EXTRA_KPIS:
        values = j[column].astype("float64") * factor
        _stats(rows, principle, kpi, j["life_event"], values)
    on_peak = pd.to_datetime(v["date"]).dt.normalize().isin(list(peak))
    _stats(
        rows,
        "matasenai",
        "peak_waiting_minutes_per_visit",
        visit_life[on_peak],
        v.loc[on_peak, "waiting_minutes"].astype("float64"),
    )
    q = _peak_queues(analysis, peak)
    _stats(
        rows,
        "matasenai",
        "peak_queue_minutes_per_counter",
        q["journey"].map(life),
        q["queue_minutes"],
    )
    if busiest is not None:
        at = q[q["department"] == busiest]
        _stats(
            rows,
            "matasenai",
            "peak_queue_minutes_busiest_counter",
            at["journey"].map(life),
            at["queue_minutes"],
        )
    return pd.DataFrame(rows, columns=["principle", "kpi", "life_event", "n", "median"])


def _peak_queues(analysis: Analysis, peak: set[pd.Timestamp]) -> pd.DataFrame:
    """Queue tickets with a service on the ``peak`` days: department, journey, minutes."""
    result = getattr(analysis, "journeys", None)
    q = getattr(result, "queues", None)
    if q is None or q.empty:
        return pd.DataFrame(
            {
                "department": pd.Series(dtype="object"),
                "journey": pd.Series(dtype="Int64"),
                "queue_minutes": pd.Series(dtype="float64"),
            }
        )
    q = q.dropna(subset=["queue_minutes"])
    on = pd.to_datetime(q["date"]).dt.normalize().isin(list(peak))
    return q.loc[on, ["department", "journey", "queue_minutes"]].astype(
        {"queue_minutes": "float64"}
    )


def busiest_counter(analysis: Analysis, peak: set[pd.Timestamp]) -> str | None:
    """The department with most queue tickets on the ``peak`` days (ties: by name)."""
    counts = _peak_queues(analysis, peak)["department"].value_counts()
    if counts.empty:
        return None
    top = counts[counts == counts.max()].index
    return str(sorted(top.astype(str))[0])


def _queue_stats(q: pd.DataFrame) -> pd.DataFrame:
    """tickets, mean and median of ``queue_minutes`` over all counters and per department."""
    groups = [(ALL_COUNTERS, q["queue_minutes"])]
    groups += [(str(d), s) for d, s in q["queue_minutes"].groupby(q["department"], sort=True)]
    return pd.DataFrame(
        [
            {
                "counter": name,
                "tickets": int(s.size),
                "mean": float(s.mean()),
                "median": float(s.median()),
            }
            for name, s in groups
            if len(s)
        ],
        columns=["counter", "tickets", "mean", "median"],
    )


def queue_comparison(
    before: Analysis, after: Analysis, peak: set[pd.Timestamp], busiest: str | None
) -> pd.DataFrame:
    """The :attr:`Comparison.queues` table (see there)."""
    qb = _queue_stats(_peak_queues(before, peak))
    qa = _queue_stats(_peak_queues(after, peak))
    out = qb.merge(qa, on="counter", how="outer", suffixes=("_before", "_after"))
    if out.empty:
        return pd.DataFrame(columns=QUEUE_COLUMNS)
    out["busiest"] = out["counter"].eq(busiest) if busiest is not None else False
    for stat in ("mean", "median"):
        base = out[f"{stat}_before"].where(out[f"{stat}_before"] != 0)
        out[f"change_pct_{stat}"] = (out[f"{stat}_after"] - base) / base * 100.0
    out = out.fillna({"tickets_before": 0, "tickets_after": 0}).astype(
        {"tickets_before": "int64", "tickets_after": "int64"}
    )
    out["_order"] = [
        (0 if c == ALL_COUNTERS else 1 if b else 2, -n, c)
        for c, b, n in zip(out["counter"], out["busiest"], out["tickets_before"], strict=True)
    ]
    return out.sort_values("_order", kind="stable", ignore_index=True)[QUEUE_COLUMNS]


def _named(departments: list[str]) -> str:
    """``a, b, c`` — at most :data:`NAMED_DEPARTMENTS` names, then how many more."""
    shown = ", ".join(departments[:NAMED_DEPARTMENTS])
    more = len(departments) - NAMED_DEPARTMENTS
    return f"{shown} and {more} more" if more > 0 else shown


def _department_warnings(before: Analysis, after: Analysis) -> list[str]:
    """A warning when BEFORE and AFTER have departments but none in common."""
    b, a = sorted(map(str, before.maps)), sorted(map(str, after.maps))
    if not b or not a or set(b) & set(a):
        return []
    return [
        f"BEFORE and AFTER have no department in common (BEFORE: {_named(b)}; AFTER: "
        f"{_named(a)}): every department and activity shows as removed or added; only the "
        "journey KPIs line up — check the inputs (expected only if a reorganisation renamed "
        "every department)"
    ]


def compare_analyses(before: Analysis, after: Analysis) -> Comparison:
    """Put two finished analyses side by side (see :func:`compare`)."""
    peak = peak_days(before)
    busiest = busiest_counter(before, peak)
    kb, ka = _kpis(before, peak, busiest), _kpis(after, peak, busiest)
    kpis = kb.merge(
        ka, on=["principle", "kpi", "life_event"], how="outer", suffixes=("_before", "_after")
    )
    kpis = kpis.rename(columns={"median_before": "before", "median_after": "after"})
    kpis["change"] = kpis["after"] - kpis["before"]
    base = kpis["before"].where(kpis["before"] != 0)
    kpis["change_pct"] = kpis["change"] / base * 100.0
    kpis["_all"] = kpis["life_event"].ne("all")
    kpis = kpis.sort_values(
        ["_all", "life_event", "principle", "kpi"], kind="stable", ignore_index=True
    )[KPI_COLUMNS]

    db, da = _staff_hours(before), _staff_hours(after)
    departments = (
        db.merge(da, on="department", how="outer", suffixes=("_before", "_after"))
        .fillna(
            {
                "events_before": 0,
                "events_after": 0,
                "cases_before": 0,
                "cases_after": 0,
                "staff_hours_before": 0.0,
                "staff_hours_after": 0.0,
            }
        )
        .sort_values("department", ignore_index=True)
    )

    ab, aa = _activities(before), _activities(after)
    acts = ab.merge(aa, on=["department", "activity"], how="outer", suffixes=("_before", "_after"))
    acts["status"] = "kept"
    acts.loc[acts["events_after"].isna(), "status"] = "removed"
    acts.loc[acts["events_before"].isna(), "status"] = "added"
    acts["performer"] = acts["performer_after"].fillna(acts["performer_before"])
    acts = acts.fillna({"events_before": 0, "events_after": 0})
    acts = acts.astype({"events_before": int, "events_after": int})
    acts = acts[
        [
            "department",
            "activity",
            "status",
            "events_before",
            "events_after",
            "median_minutes_before",
            "median_minutes_after",
            "performer",
        ]
    ]
    acts = acts.sort_values(["department", "status", "activity"], ignore_index=True)
    return Comparison(
        before=before,
        after=after,
        kpis=kpis,
        departments=departments,
        activities=acts,
        queues=queue_comparison(before, after, peak, busiest),
        warnings=_department_warnings(before, after),
    )


def compare(before: Any, after: Any, **options: Any) -> Comparison:
    """Analyse a BEFORE and an AFTER set of exports and compare them.

    Parameters
    ----------
    before, after : path or list of paths
        Inputs as for :func:`procmine.analyze`.
    **options
        Passed to :func:`procmine.analyze` for both (column names, encoding, salt …).

    Returns
    -------
    Comparison
    """
    from procmine.analysis import analyze

    progress = options.pop("progress", None)
    say = progress or (lambda _msg: None)
    say("analysing BEFORE")
    a = analyze(before, progress=progress, **options)
    say("analysing AFTER")
    b = analyze(after, progress=progress, **options)
    if a.journeys is not None and a.journeys.identity_members:
        # After a reform the identity check is no longer duplicated, so the AFTER run cannot
        # find it as a cluster: count the activities the BEFORE run counted.
        from procmine.fields import column_fields
        from procmine.journeys import journeys as follow

        salt = options.get("salt")
        b.journeys = follow(
            b.dataset,
            b.maps,
            b.clusters,
            column_fields=column_fields(b.silos),
            identity_checks=a.journeys.identity_members,
            salt=salt.encode("utf-8") if isinstance(salt, str) else salt,
        )
    return compare_analyses(a, b)
