"""The DuckDB engine: the aggregates as SQL over integer codes, in process, on every core.

The events are handed to DuckDB as a DataFrame of integer codes (:func:`encode`), which
DuckDB scans without copying; only the aggregates (one row per edge, activity or variant)
come back. Medians are taken from the sorted list of an edge's waits, so they are the
exact middle value (or the mean of the two middle values) that pandas computes.
:func:`procmine.discover.discover` asks for both aggregates at once
(:meth:`~procmine.engine.base.Engine.aggregate`): the events are encoded once, DuckDB
computes the directly-follows graph, and start/end activities and variants are counted
from the same codes in one pass over the cases (:meth:`~procmine.engine.base.Coded.traces`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from procmine.engine.base import DirectlyFollows, Engine, encode

__all__ = ["DuckDBEngine"]

#: Nanoseconds per day and per second.
_DAY, _SECOND = 86_400_000_000_000, 1_000_000_000

# Waits in seconds exactly as pm4py computes them from a timedelta (days, seconds,
# microseconds, nanoseconds), so that the floats are bit for bit the same.
_DFG = f"""
WITH pairs AS (
    SELECT a, lead(a) OVER w AS b, (lead(t) OVER w) - t AS d
    FROM ev
    WINDOW w AS (PARTITION BY c ORDER BY t, i)
), waits AS (
    SELECT a, b,
           CAST(86400 * (d // {_DAY}) + (d % {_DAY}) // {_SECOND} AS DOUBLE)
           + CAST((d % {_SECOND}) // 1000 AS DOUBLE) * 1e-6
           + CAST(d % 1000 AS DOUBLE) * 1e-9 AS s
    FROM pairs
    WHERE b IS NOT NULL
), edges AS (
    SELECT a, b, count(*) AS n, list_sort(list(s)) AS s
    FROM waits
    GROUP BY a, b
)
SELECT a, b, n, (s[(n + 1) // 2] + s[n // 2 + 1]) / 2 AS median
FROM edges
"""

# Start (kind 0) and end (kind 1) activity counts: first and last event of a case in row order.
_BOUNDS = """
WITH bounds AS (SELECT arg_min(a, i) AS first, arg_max(a, i) AS last FROM ev GROUP BY c)
SELECT 0 AS kind, first AS a, count(*) AS n FROM bounds GROUP BY first
UNION ALL
SELECT 1 AS kind, last AS a, count(*) AS n FROM bounds GROUP BY last
"""

_VARIANTS = """
SELECT v, count(*) AS n
FROM (SELECT list(a ORDER BY i) AS v FROM ev GROUP BY c)
GROUP BY v
"""


class DuckDBEngine(Engine):
    """Aggregates with an in-memory DuckDB database (multi-threaded, columnar).

    Parameters
    ----------
    threads : int, optional
        Threads DuckDB may use (default: DuckDB's own, the number of cores).

    Examples
    --------
    >>> ev = pd.DataFrame({"case": ["1", "1", "2"], "activity": ["受付", "審査", "受付"],
    ...                    "timestamp": pd.to_datetime(["2026-04-01 09:00", "2026-04-01 09:10",
    ...                                                 "2026-04-01 10:00"])})
    >>> DuckDBEngine().directly_follows(ev)
    DirectlyFollows(edges={('受付', '審査'): (1, 10.0)}, starts={'受付': 2}, ends={'受付': 1, '審査': 1})
    """

    name = "duckdb"

    def __init__(self, *, threads: int | None = None) -> None:
        self._threads = threads
        self._con: Any = None

    def _connection(self) -> Any:
        if self._con is None:
            import duckdb

            config: dict[str, Any] = {} if self._threads is None else {"threads": self._threads}
            self._con = duckdb.connect(":memory:", config=config)
        return self._con

    def _query(self, frame: pd.DataFrame, *sqls: str) -> list[list[tuple[Any, ...]]]:
        """The rows of each query in ``sqls`` over ``frame`` (registered as ``ev``)."""
        con = self._connection()
        con.register("ev", frame)
        try:
            return [con.execute(sql).fetchall() for sql in sqls]
        finally:
            con.unregister("ev")

    def _directly_follows(self, events: pd.DataFrame) -> DirectlyFollows:
        coded = encode(events)
        edges, bounds = self._query(coded.frame, _DFG, _BOUNDS)
        starts = [(a, n) for kind, a, n in bounds if kind == 0]
        return coded.decode(edges, starts, [(a, n) for kind, a, n in bounds if kind == 1])

    def _variants(self, events: pd.DataFrame) -> dict[str, int]:
        coded = encode(events)
        return coded.variants(self._query(coded.frame, _VARIANTS)[0])

    def _aggregate(self, events: pd.DataFrame) -> tuple[DirectlyFollows, dict[str, int]]:
        # Encoded once for both; start and end activities and variants are counted from
        # the codes in one pass over the cases (Coded.traces), a few times cheaper than
        # fetching DuckDB's lists of codes.
        coded = encode(events)
        (edges,) = self._query(coded.frame, _DFG)
        starts, ends, variants = coded.traces()
        return coded.decode(edges, starts, ends), variants

    def close(self) -> None:
        """Close the DuckDB connection (a new one opens on the next call)."""
        if self._con is not None:
            self._con.close()
            self._con = None
