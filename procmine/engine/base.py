"""The interface every aggregation engine implements, and what the engines share.

An engine turns one department's events (a pandas DataFrame with the columns of
:mod:`procmine.model`) into aggregates whose size depends on the number of activities and
variants, not events: the directly-follows graph with counts and median waits, start and
end activities, and trace variants. Every engine must return exactly what the pandas
engine returns for the same events: the same keys, the same integers and the same floats.

The definitions all engines follow:

* **directly follows**: within a case, events are ordered by timestamp and, for equal
  timestamps, by their row order (pm4py's stable sort); each pair of consecutive events
  is one directly-follows occurrence. Its wait is the time between the two timestamps in
  seconds, computed as pm4py does (``86400 × days + seconds + 1e-6 × microseconds +
  1e-9 × nanoseconds`` of the difference); an edge's wait is the median of its waits
  (the mean of the two middle values when their number is even) divided by 60.
* **start / end activity**: a case's first and last event in row order.
* **variant**: a case's activities in row order, joined with ``" → "``.

The SQL engines (DuckDB, Spark) work on integer codes (:func:`encode`): case and
activity codes, timestamps as nanoseconds since the epoch and the row number. Integers
travel exactly between pandas, DuckDB, Arrow and the JVM, so no time zone or timestamp
precision can change a result; labels are put back on the driver (:meth:`Coded.decode`).
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd

from procmine.model import ACTIVITY, CASE, TIMESTAMP

__all__ = ["VARIANT_SEPARATOR", "Coded", "DirectlyFollows", "Engine", "encode"]

#: Joins the activities of a trace variant.
VARIANT_SEPARATOR = " → "


@dataclass(frozen=True)
class DirectlyFollows:
    """Directly-follows graph of one department.

    Attributes
    ----------
    edges : dict
        ``(activity, next activity) → (count, median wait in minutes)``, sorted by key.
    starts, ends : dict
        ``activity → number of cases`` that begin / finish with it, sorted by activity.
    """

    edges: dict[tuple[str, str], tuple[int, float]]
    starts: dict[str, int]
    ends: dict[str, int]


class Engine(abc.ABC):
    """An aggregation engine: the data-sized part of :func:`procmine.discover.discover`.

    Subclasses implement :meth:`_directly_follows` and :meth:`_variants` for non-empty
    events; the public methods handle empty input and fix the order of the results.
    """

    #: The engine's name as given to ``--engine``.
    name: ClassVar[str]

    def directly_follows(self, events: pd.DataFrame) -> DirectlyFollows:
        """Directly-follows counts and median waits, start and end activities.

        Parameters
        ----------
        events : DataFrame
            One department's events with ``case``, ``activity`` and ``timestamp``.
        """
        if events.empty:
            return DirectlyFollows({}, {}, {})
        result = self._directly_follows(events)
        return DirectlyFollows(
            dict(sorted(result.edges.items())),
            dict(sorted(result.starts.items())),
            dict(sorted(result.ends.items())),
        )

    def variants(self, events: pd.DataFrame) -> dict[str, int]:
        """Trace variants (activities in row order joined with ``" → "``) → number of cases,
        sorted by variant."""
        if events.empty:
            return {}
        return dict(sorted(self._variants(events).items()))

    def close(self) -> None:  # noqa: B027 - engines without resources need nothing
        """Release what the engine holds (connections, a Spark session)."""

    @abc.abstractmethod
    def _directly_follows(self, events: pd.DataFrame) -> DirectlyFollows: ...

    @abc.abstractmethod
    def _variants(self, events: pd.DataFrame) -> dict[str, int]: ...

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


@dataclass(frozen=True)
class Coded:
    """Events as integers: what the SQL engines aggregate.

    Attributes
    ----------
    frame : DataFrame
        ``c`` case code, ``a`` activity code, ``t`` timestamp in nanoseconds since the
        epoch (UTC for time-zone aware timestamps), ``i`` row number; all int64.
    labels : ndarray
        Activity label of each activity code.
    """

    frame: pd.DataFrame
    labels: np.ndarray

    def label(self, code: int) -> str:
        """The activity label of ``code``."""
        return str(self.labels[code])

    def decode(
        self,
        edges: list[tuple[int, int, int, float]],
        starts: list[tuple[int, int]],
        ends: list[tuple[int, int]],
    ) -> DirectlyFollows:
        """Labels for the rows ``(a, b, count, median seconds)`` and ``(a, count)``."""
        return DirectlyFollows(
            {(self.label(a), self.label(b)): (int(n), float(sec) / 60.0) for a, b, n, sec in edges},
            {self.label(a): int(n) for a, n in starts},
            {self.label(a): int(n) for a, n in ends},
        )

    def variants(self, rows: Iterable[tuple[Sequence[int], int]]) -> dict[str, int]:
        """Variant strings and case counts from ``(activity codes, cases)`` rows.

        Two code sequences can spell the same string when a label contains the separator
        (``"A → B"`` alone, ``"A"`` then ``"B"``); their cases add up, as in pandas.
        """
        out: dict[str, int] = {}
        for codes, n in rows:
            key = VARIANT_SEPARATOR.join(self.label(c) for c in codes)
            out[key] = out.get(key, 0) + int(n)
        return out


def encode(events: pd.DataFrame) -> Coded:
    """Integer codes of ``events`` (see :class:`Coded`).

    Examples
    --------
    >>> ev = pd.DataFrame({"case": ["x", "x", "y"], "activity": ["受付", "審査", "受付"],
    ...                    "timestamp": pd.to_datetime(["1970-01-01 00:00:01"] * 3)})
    >>> coded = encode(ev)
    >>> coded.frame.to_dict("list"), list(coded.labels)
    ({'c': [0, 0, 1], 'a': [0, 1, 0], 't': [1000000000, 1000000000, 1000000000], 'i': [0, 1, 2]}, ['受付', '審査'])
    """
    cases = pd.factorize(events[CASE].astype(str), sort=False)[0]
    acts, labels = pd.factorize(events[ACTIVITY].astype(str), sort=False)
    ts = pd.DatetimeIndex(events[TIMESTAMP]).as_unit("ns").asi8
    frame = pd.DataFrame(
        {
            "c": cases.astype(np.int64),
            "a": acts.astype(np.int64),
            "t": ts.astype(np.int64),
            "i": np.arange(len(events), dtype=np.int64),
        }
    )
    return Coded(frame, np.asarray(labels, dtype=object))
