"""The pandas engine: pm4py's directly-follows discovery and pandas group-bys, in process.

This is the reference the other engines are compared with: its results define what
"identical" means (see :mod:`procmine.engine.base`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from procmine.engine.base import VARIANT_SEPARATOR, DirectlyFollows, Engine
from procmine.model import ACTIVITY, CASE, TIMESTAMP

__all__ = ["PandasEngine"]


class PandasEngine(Engine):
    """Aggregates with pm4py (directly-follows graph) and pandas (variants).

    Examples
    --------
    >>> ev = pd.DataFrame({"case": ["1", "1", "2"], "activity": ["受付", "審査", "受付"],
    ...                    "timestamp": pd.to_datetime(["2026-04-01 09:00", "2026-04-01 09:10",
    ...                                                 "2026-04-01 10:00"])})
    >>> PandasEngine().directly_follows(ev)
    DirectlyFollows(edges={('受付', '審査'): (1, 10.0)}, starts={'受付': 2}, ends={'受付': 1, '審査': 1})
    >>> PandasEngine().variants(ev)
    {'受付': 1, '受付 → 審査': 1}
    """

    name = "pandas"

    def _directly_follows(self, events: pd.DataFrame) -> DirectlyFollows:
        import pm4py

        frame = pd.DataFrame(
            {
                "case:concept:name": events[CASE].astype(str).to_numpy(),
                "concept:name": events[ACTIVITY].astype(str).to_numpy(),
                "time:timestamp": events[TIMESTAMP].to_numpy(),
                "@@index": np.arange(len(events)),
            }
        )
        keys = {
            "case_id_key": "case:concept:name",
            "activity_key": "concept:name",
            "timestamp_key": "time:timestamp",
        }
        dfg, starts, ends = pm4py.discover_dfg(frame, **keys)
        perf, _, _ = pm4py.discover_performance_dfg(frame, perf_aggregation_key="median", **keys)
        return DirectlyFollows(
            {
                (str(a), str(b)): (int(n), float(perf.get((a, b), float("nan"))) / 60.0)
                for (a, b), n in dfg.items()
            },
            {str(k): int(v) for k, v in starts.items()},
            {str(k): int(v) for k, v in ends.items()},
        )

    def _variants(self, events: pd.DataFrame) -> dict[str, int]:
        traces = events.groupby(CASE, sort=False)[ACTIVITY].agg(VARIANT_SEPARATOR.join)
        counts = traces.value_counts()
        return {str(v): int(n) for v, n in zip(counts.index, counts.to_numpy(), strict=True)}
