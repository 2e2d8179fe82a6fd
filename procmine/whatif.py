"""What-if: the effect of a consolidation candidate on the residents' journeys, without a To-Be log.

For a candidate built on a duplicate cluster, :func:`what_if` removes the cluster's
redundant executions from the As-Is events (every execution after the first for the same
resident within the window — exactly those the savings model counts), follows the
residents again with the rules of :func:`procmine.journeys.journeys` (counting the same
activities as identity checks as the As-Is run), and compares the mean of each journey KPI
over all journeys before and after, and the staff hours per journey (so that back-office work such as
an inquiry, which residents do not see, shows too). Means, not medians: most journeys are short, so medians often
do not move even when the long journeys get much shorter.

Silo candidates remove no event, so they get no what-if.

The journeys' event table is built once (the one :func:`procmine.journeys.journeys` built
for the analysis, handed over by ``procmine.journeys.base_events``, else built here) and
kept packed (integer codes, ``pack`` in ``procmine/journeys/_events.py``); each scenario
unpacks only the rows it keeps (no copy of the logs; a rebuild only where masking would
not give the same table, see ``without_events`` there) and computes only the compared
means (``procmine.journeys.kpi_means``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from procmine.model import Dataset, EventLog

if TYPE_CHECKING:  # pragma: no cover
    from procmine.analysis import Analysis
    from procmine.journeys import JourneyResult

__all__ = ["WHATIF_COLUMNS", "WHATIF_KPIS", "what_if"]

#: KPIs compared (names of :data:`procmine.journeys.KPIS`).
WHATIF_KPIS = (
    "minutes_on_site_per_visit",
    "waiting_minutes_per_visit",
    "counters_per_visit",
    "forms_per_journey",
    "identity_checks_per_journey",
    "staff_hours_per_journey",
)
WHATIF_COLUMNS = ["rank", "kpi", "before", "after", "change", "change_pct", "removed_events"]


def _positions(dataset: Dataset, removed: pd.DataFrame) -> dict[str, np.ndarray]:
    """Row positions of the removed events in each department's ``EventLog.events``."""
    out = {}
    for dept, labels in removed.groupby("department", sort=True)["pos"]:
        index = dataset.logs[str(dept)].events.index
        out[str(dept)] = np.flatnonzero(index.isin(labels.to_numpy()))
    return out


def _without(dataset: Dataset, removed: pd.DataFrame) -> Dataset:
    logs = {}
    for dept, log in dataset.logs.items():
        drop = removed.loc[removed["department"] == dept, "pos"]
        events = log.events.drop(index=drop) if len(drop) else log.events
        logs[dept] = EventLog(dept, events, log.data_columns, log.sources)
    return Dataset(
        logs=logs,
        mappings=dataset.mappings,
        accounting=dataset.accounting,
        warnings=dataset.warnings,
        models=dataset.models,
    )


def _means(result: JourneyResult) -> dict[str, float]:
    """Mean of each journey KPI over all journeys, and the staff hours per journey."""
    overall = result.kpis[result.kpis["journey_type"] == "all"]
    means = {str(k): float(m) for k, m in zip(overall["kpi"], overall["mean"], strict=True)}
    if "staff_minutes" in result.journeys and len(result.journeys):
        means["staff_hours_per_journey"] = float(result.journeys["staff_minutes"].mean()) / 60.0
    return means


def what_if(analysis: Analysis, *, top: int = 3, window_days: float | None = None) -> pd.DataFrame:
    """Journey KPIs before and after removing the redundant work of the top candidates.

    Parameters
    ----------
    analysis : Analysis
        A finished analysis with journeys.
    top : int, default 3
        How many of the best-ranked cluster candidates to simulate (each costs one more
        journeys run).
    window_days : float, optional
        Redundancy window; default: the one the analysis used.

    Returns
    -------
    DataFrame with :data:`WHATIF_COLUMNS`: per simulated candidate (its ``rank``) and KPI,
    the mean over all journeys before and after, the change, and how many events were
    removed.
    """
    from procmine._memory import release_memory
    from procmine.candidates import redundant_events
    from procmine.fields import column_fields
    from procmine.journeys import base_events, kpi_means
    from procmine.journeys._events import event_table, pack, without_events

    result = analysis.journeys
    if result is None or analysis.candidates.empty or top <= 0:
        return pd.DataFrame(columns=WHATIF_COLUMNS)
    window = (
        window_days if window_days is not None else float(analysis.options.get("window_days", 14.0))
    )
    redundant = redundant_events(
        analysis.dataset,
        analysis.maps,
        analysis.clusters,
        window_days=window,
        silos=analysis.silos,
        candidates=analysis.candidates,
    )
    before = _means(result)
    fields = column_fields(analysis.silos)
    checks = result.identity_members or None
    base = base_events(result, analysis.dataset, analysis.maps, analysis.clusters, fields)
    rows: list[dict[str, object]] = []
    chosen = analysis.candidates[analysis.candidates["cluster"].notna()]
    for cand in chosen.head(top).itertuples(index=False):
        removed = redundant[redundant["cluster"] == cand.cluster]
        if removed.empty:
            continue
        if base is None:
            base = pack(event_table(analysis.dataset, analysis.maps, analysis.clusters, fields))
        events = without_events(base, analysis.dataset, _positions(analysis.dataset, removed))
        if events is None:  # masking would not give the same table: rebuild it
            events = event_table(
                _without(analysis.dataset, removed), analysis.maps, analysis.clusters, fields
            )
        after = kpi_means(events, analysis.maps, analysis.clusters, identity_checks=checks)
        del events
        release_memory()
        if "staff_minutes" in after:
            after["staff_hours_per_journey"] = after.pop("staff_minutes") / 60.0
        for kpi in WHATIF_KPIS:
            b, a = before.get(kpi), after.get(kpi)
            if b is None or a is None:
                continue
            rows.append(
                {
                    "rank": int(cand.rank),
                    "kpi": kpi,
                    "before": b,
                    "after": a,
                    "change": a - b,
                    "change_pct": (a - b) / b * 100.0 if b else None,
                    "removed_events": len(removed),
                }
            )
    return pd.DataFrame(rows, columns=WHATIF_COLUMNS)
