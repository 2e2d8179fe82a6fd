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
unpacks only the rows it keeps and the columns it reads (no copy of the logs; a rebuild
only where masking would not give the same table, see ``without_events`` there; what
every scenario's checks share is computed once) and computes only the compared
means (``procmine.journeys.kpi_means``). Where the identity checks are known and labels
name the queue tickets, a scenario reuses the base table's marks (those of the journeys
run, else computed once) and marks again only the residents' days it changes
(``procmine.journeys.kpi_means_without``): the same figures, bit for bit. On two cores,
the scenarios run side by side in forked helper processes (``procmine._forks``):
:func:`procmine.analyze` starts the later two thirds (all of them where they reuse the
marks; :func:`start_scenarios`) as soon as the journeys' events are marked, while it still
builds the journey tables; the figures are the same as one after the other.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from procmine.model import Dataset, EventLog, ProcessMap

if TYPE_CHECKING:  # pragma: no cover
    from procmine.analysis import Analysis
    from procmine.journeys import JourneyResult
    from procmine.journeys._events import PackedEvents

__all__ = ["WHATIF_COLUMNS", "WHATIF_KPIS", "Started", "start_scenarios", "what_if"]

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
        values = labels.to_numpy()
        if isinstance(index, pd.RangeIndex) and index.step == 1 and values.dtype.kind in "iu":
            # positions are the labels less the start: no search (as isin finds them)
            hit = np.zeros(len(index), dtype=bool)
            hit[values[(values >= index.start) & (values < index.stop)] - index.start] = True
            out[str(dept)] = np.flatnonzero(hit)
        else:
            out[str(dept)] = np.flatnonzero(index.isin(values))
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


@dataclass(frozen=True)
class Started:
    """Scenarios a helper process simulates already (:func:`start_scenarios`)."""

    #: ranks of the candidates simulated, in order
    ranks: tuple[int, ...]
    #: their KPI means, once in (``procmine._forks.Pending``)
    pending: Any


def _scenarios(
    candidates: pd.DataFrame, redundant: pd.DataFrame, top: int
) -> list[tuple[int, pd.DataFrame]]:
    """(rank, redundant executions) of the top ``top`` cluster candidates that remove any."""
    from procmine.candidates import CLUSTER_SEP

    chosen = candidates[candidates["cluster"].notna()]
    scenarios = []
    for cand in chosen.head(top).itertuples(index=False):
        # a reform's candidate removes the executions of every cluster it rests on
        ids = str(getattr(cand, "clusters", "") or cand.cluster).split(CLUSTER_SEP)
        removed = redundant[redundant["cluster"].astype(str).isin(ids)]
        if not removed.empty:
            scenarios.append((int(cand.rank), removed))
    return scenarios


def _simulate(
    part: list[tuple[int, pd.DataFrame]],
    base: PackedEvents,
    dataset: Dataset,
    maps: Mapping[str, ProcessMap],
    clusters: pd.DataFrame,
    fields: Mapping[tuple[str, str], str],
    checks: Collection[tuple[str, str]] | None,
) -> list[dict[str, float]]:
    """The KPI means (:func:`procmine.journeys.kpi_means`) without each scenario's events."""
    from procmine._memory import release_memory
    from procmine.journeys import kpi_means, kpi_means_without
    from procmine.journeys._events import Events, event_table, kept_rows

    out = []
    # kpi_means reads neither the case types nor, with the checks given, the clusters;
    # it only compares the captured fields
    skip = ("ctype", "cluster") if checks else ("ctype",)
    for _, removed in part:
        rows = kept_rows(base, dataset, _positions(dataset, removed))
        events: Events | None = None
        if rows is None:  # masking would not give the same table: rebuild it
            events = event_table(_without(dataset, removed), maps, clusters, fields)
        elif checks:  # only the residents' days that change are marked again
            means = kpi_means_without(base, rows, identity_checks=checks)
            if means is not None:
                out.append(means)
                continue
        if events is None:
            assert rows is not None  # rebuilt above otherwise
            table, captures = base.rows(rows, skip=skip, field_codes=True)
            events = Events(table, captures, base.keys, base.attributes)
        out.append(kpi_means(events, maps, clusters, identity_checks=checks))
        del events
        release_memory()
    return out


def start_scenarios(
    dataset: Dataset,
    maps: Mapping[str, ProcessMap],
    clusters: pd.DataFrame,
    silos: pd.DataFrame,
    candidates: pd.DataFrame,
    redundant: pd.DataFrame,
    base: PackedEvents,
    identity_members: tuple[tuple[str, str], ...],
    *,
    top: int = 3,
    fork: bool = True,
) -> Started | None:
    """Start simulating the later two thirds of the scenarios :func:`what_if` will simulate
    (all of them when there are fewer than three, or when they reuse the journeys' marks,
    see :func:`procmine.journeys.reuses_marks`: then each costs a fraction of a journeys
    run) in a forked helper process, while the journeys are still being built (their
    tables): ``base`` and ``identity_members`` are what
    :func:`procmine.journeys.journeys` hands to its ``marked`` callback, ``redundant``
    :func:`procmine.candidates.redundant_events` of ``candidates``. Pass the result to
    :func:`what_if` as ``started``. None when there is nothing to simulate; without a
    helper (``fork`` false, or no room, see ``procmine._forks.has_room``) the scenarios
    run when their results are asked for."""
    from procmine._forks import has_room, start
    from procmine.fields import column_fields
    from procmine.journeys import reuses_marks

    scenarios = _scenarios(candidates, redundant, top)
    cheap = reuses_marks(base, identity_members)
    later = scenarios if cheap else scenarios[len(scenarios) // 3 :]
    if not later:
        return None
    fields = column_fields(silos)
    checks = identity_members or None
    pending = start(
        lambda: _simulate(later, base, dataset, maps, clusters, fields, checks),
        fork=fork and has_room(),
    )
    return Started(tuple(rank for rank, _ in later), pending)


def what_if(
    analysis: Analysis,
    *,
    top: int = 3,
    window_days: float | None = None,
    parallel: bool = False,
    started: Started | None = None,
    redundant: pd.DataFrame | None = None,
) -> pd.DataFrame:
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
    parallel : bool, default False
        Simulate the later half of the candidates in a forked process (``procmine._forks``)
        while this one simulates the first half: the same figures, on two cores.
    started : Started, optional
        The later scenarios, started already by :func:`start_scenarios` for this analysis
        (used when they are the ones this call simulates, else stopped).
    redundant : DataFrame, optional
        :func:`procmine.candidates.redundant_events` of this analysis and window, when the
        caller has it already (:func:`procmine.analyze` gets it with the ranking); else it
        is found here.

    Returns
    -------
    DataFrame with :data:`WHATIF_COLUMNS`: per simulated candidate (its ``rank``) and KPI,
    the mean over all journeys before and after, the change, and how many events were
    removed.
    """
    from procmine._forks import has_room, start
    from procmine.candidates import redundant_events
    from procmine.fields import column_fields
    from procmine.journeys import base_events
    from procmine.journeys._events import event_table, pack

    result = analysis.journeys
    if result is None or analysis.candidates.empty or top <= 0:
        return pd.DataFrame(columns=WHATIF_COLUMNS)
    window = (
        window_days if window_days is not None else float(analysis.options.get("window_days", 14.0))
    )
    if redundant is None:
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
    scenarios = _scenarios(analysis.candidates, redundant, top)
    if scenarios and base is None:
        base = pack(event_table(analysis.dataset, analysis.maps, analysis.clusters, fields))

    def simulate(part: list[tuple[int, pd.DataFrame]]) -> list[dict[str, float]]:
        if not part:
            return []
        assert base is not None  # built above when there is a scenario
        return _simulate(
            part, base, analysis.dataset, analysis.maps, analysis.clusters, fields, checks
        )

    ranks = tuple(rank for rank, _ in scenarios)
    if started is not None and started.ranks and ranks[-len(started.ranks) :] == started.ranks:
        # the later scenarios run in a helper already (start_scenarios): this process
        # simulates the first ones meanwhile
        later, half = started.pending, len(scenarios) - len(started.ranks)
    else:
        if started is not None:
            started.pending.cancel()
        # Two at a time when a helper process may run (procmine._forks): the later half
        # in a forked child. Figures and their order do not depend on it.
        half = (len(scenarios) + 1) // 2 if parallel and len(scenarios) > 1 else len(scenarios)
        part = scenarios[half:]
        later = start(lambda: simulate(part), fork=parallel and bool(part) and has_room())
    try:
        afters = simulate(scenarios[:half]) + later.result()
    finally:
        later.cancel()
    rows: list[dict[str, object]] = []
    for (rank, removed), after in zip(scenarios, afters, strict=True):
        if "staff_minutes" in after:
            after["staff_hours_per_journey"] = after.pop("staff_minutes") / 60.0
        for kpi in WHATIF_KPIS:
            b, a = before.get(kpi), after.get(kpi)
            if b is None or a is None:
                continue
            rows.append(
                {
                    "rank": rank,
                    "kpi": kpi,
                    "before": b,
                    "after": a,
                    "change": a - b,
                    "change_pct": (a - b) / b * 100.0 if b else None,
                    "removed_events": len(removed),
                }
            )
    return pd.DataFrame(rows, columns=WHATIF_COLUMNS)
