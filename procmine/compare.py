"""As-Is vs To-Be: the same KPIs, workload and activities for two sets of logs.

:func:`compare` analyses a BEFORE and an AFTER set of exports (for example today's city
and the same city after a 書かない・ワンストップ reform, or two years of the same city) and
puts side by side:

* the journey KPIs per principle and per journey type (median before, after, change);
* the workload per department (events, cases, staff hours);
* the activities of each department: removed, added or kept, with their counts and
  median handling times.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from procmine.analysis import Analysis

__all__ = ["Comparison", "compare", "compare_analyses"]

KPI_COLUMNS = ["principle", "kpi", "journey_type", "n_before", "before", "n_after", "after", "change", "change_pct"]


@dataclass
class Comparison:
    """Result of :func:`compare`.

    Attributes
    ----------
    before, after : Analysis
        The two analyses.
    kpis : DataFrame
        ``principle, kpi, journey_type, n_before, before, n_after, after, change,
        change_pct``: medians of each journey KPI.
    departments : DataFrame
        ``department, events_before, events_after, cases_before, cases_after,
        staff_hours_before, staff_hours_after``.
    activities : DataFrame
        ``department, activity, status (removed | added | kept), events_before,
        events_after, median_minutes_before, median_minutes_after, performer``.
    """

    before: Analysis
    after: Analysis
    kpis: pd.DataFrame
    departments: pd.DataFrame
    activities: pd.DataFrame

    def write(self, out_dir: str | Path, *, lang: str = "ja", force: bool = False) -> list[Path]:
        """Write ``comparison.html``, ``comparison.md`` and the tables as CSV into ``out_dir``."""
        from procmine.report.compare import write_comparison

        return write_comparison(self, out_dir, lang=lang, force=force)

    def _repr_html_(self) -> str:
        return self.kpis[self.kpis["journey_type"] == "all"].to_html(index=False)


def _staff_hours(analysis: Analysis) -> pd.DataFrame:
    rows = []
    for dept, pm in analysis.maps.items():
        staff = sum(
            float(attrs.get("total_hours") or 0.0)
            for _, attrs in pm.graph.nodes(data=True)
            if attrs.get("performer") in ("staff", "external", "unknown")
        )
        rows.append({"department": dept, "events": pm.events, "cases": pm.cases, "staff_hours": staff})
    return pd.DataFrame(rows, columns=["department", "events", "cases", "staff_hours"])


def _activities(analysis: Analysis) -> pd.DataFrame:
    rows = []
    for dept, pm in analysis.maps.items():
        for act, attrs in pm.graph.nodes(data=True):
            rows.append(
                {
                    "department": dept, "activity": act, "events": attrs.get("events", 0),
                    "median_minutes": attrs.get("median_minutes"), "performer": attrs.get("performer", "unknown"),
                }
            )
    return pd.DataFrame(rows, columns=["department", "activity", "events", "median_minutes", "performer"])


def _kpis(analysis: Analysis) -> pd.DataFrame:
    result = getattr(analysis, "journeys", None)
    if result is None or result.kpis.empty:
        return pd.DataFrame(columns=["principle", "kpi", "journey_type", "n", "median"])
    return result.kpis[["principle", "kpi", "journey_type", "n", "median"]]


def compare_analyses(before: Analysis, after: Analysis) -> Comparison:
    """Put two finished analyses side by side (see :func:`compare`)."""
    kb, ka = _kpis(before), _kpis(after)
    kpis = kb.merge(ka, on=["principle", "kpi", "journey_type"], how="outer", suffixes=("_before", "_after"))
    kpis = kpis.rename(columns={"median_before": "before", "median_after": "after"})
    kpis["change"] = kpis["after"] - kpis["before"]
    base = kpis["before"].where(kpis["before"] != 0)
    kpis["change_pct"] = kpis["change"] / base * 100.0
    kpis = kpis.sort_values(["journey_type", "principle", "kpi"], kind="stable", ignore_index=True)[KPI_COLUMNS]

    db, da = _staff_hours(before), _staff_hours(after)
    departments = db.merge(da, on="department", how="outer", suffixes=("_before", "_after")).fillna(
        {"events_before": 0, "events_after": 0, "cases_before": 0, "cases_after": 0,
         "staff_hours_before": 0.0, "staff_hours_after": 0.0}
    ).sort_values("department", ignore_index=True)

    ab, aa = _activities(before), _activities(after)
    acts = ab.merge(aa, on=["department", "activity"], how="outer", suffixes=("_before", "_after"))
    acts["status"] = "kept"
    acts.loc[acts["events_after"].isna(), "status"] = "removed"
    acts.loc[acts["events_before"].isna(), "status"] = "added"
    acts["performer"] = acts["performer_after"].fillna(acts["performer_before"])
    acts = acts.fillna({"events_before": 0, "events_after": 0})
    acts = acts.astype({"events_before": int, "events_after": int})
    acts = acts[["department", "activity", "status", "events_before", "events_after",
                 "median_minutes_before", "median_minutes_after", "performer"]]
    acts = acts.sort_values(["department", "status", "activity"], ignore_index=True)
    return Comparison(before=before, after=after, kpis=kpis, departments=departments, activities=acts)


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
            b.dataset, b.maps, b.clusters, column_fields=column_fields(b.silos),
            identity_checks=a.journeys.identity_members,
            salt=salt.encode("utf-8") if isinstance(salt, str) else salt,
        )
    return compare_analyses(a, b)
