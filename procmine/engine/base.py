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

from procmine._codes import factorize_text
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
        return _sorted(self._directly_follows(events))

    def variants(self, events: pd.DataFrame) -> dict[str, int]:
        """Trace variants (activities in row order joined with ``" → "``) → number of cases,
        sorted by variant."""
        if events.empty:
            return {}
        return dict(sorted(self._variants(events).items()))

    def aggregate(self, events: pd.DataFrame) -> tuple[DirectlyFollows, dict[str, int]]:
        """:meth:`directly_follows` and :meth:`variants` of the same events at once (an
        engine may share the work, such as encoding the events, between the two)."""
        if events.empty:
            return DirectlyFollows({}, {}, {}), {}
        result, variants = self._aggregate(events)
        return _sorted(result), dict(sorted(variants.items()))

    def _aggregate(self, events: pd.DataFrame) -> tuple[DirectlyFollows, dict[str, int]]:
        """Both aggregates of non-empty ``events`` (by default one after the other)."""
        return self._directly_follows(events), self._variants(events)

    def close(self) -> None:  # noqa: B027 - engines without resources need nothing
        """Release what the engine holds (connections, a Spark session)."""

    @abc.abstractmethod
    def _directly_follows(self, events: pd.DataFrame) -> DirectlyFollows: ...

    @abc.abstractmethod
    def _variants(self, events: pd.DataFrame) -> dict[str, int]: ...

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


def _sorted(result: DirectlyFollows) -> DirectlyFollows:
    """``result`` with edges, starts and ends sorted by key."""
    return DirectlyFollows(
        dict(sorted(result.edges.items())),
        dict(sorted(result.starts.items())),
        dict(sorted(result.ends.items())),
    )


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
        names = [str(label) for label in self.labels]
        out: dict[str, int] = {}
        for codes, n in rows:
            key = VARIANT_SEPARATOR.join([names[c] for c in codes])
            out[key] = out.get(key, 0) + int(n)
        return out

    def traces(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]], dict[str, int]]:
        """Start and end activities ``(activity code, cases)`` and the variants (as
        :meth:`variants` returns them) of :attr:`frame`, counted here without a query:
        each case's activity codes in row order become one byte string, and equal
        strings are one variant.

        >>> ev = pd.DataFrame({"case": ["x", "y", "x", "y", "z"],
        ...                    "activity": ["受付", "受付", "審査", "審査", "受付"],
        ...                    "timestamp": pd.to_datetime(["2026-04-01"] * 5)})
        >>> encode(ev).traces()
        ([(0, 3)], [(0, 1), (1, 2)], {'受付 → 審査': 2, '受付': 1})
        """
        cases = self.frame["c"].to_numpy()
        if not len(cases):
            return [], [], {}
        order = np.argsort(cases, kind="stable")  # row order within each case
        cases = cases[order]
        acts = self.frame["a"].to_numpy()[order]
        cut = np.flatnonzero(cases[1:] != cases[:-1]) + 1
        first, stop = np.append(0, cut), np.append(cut, len(cases))
        n_labels = len(self.labels)
        bounds = [np.bincount(acts[at], minlength=n_labels) for at in (first, stop - 1)]
        starts, ends = ([(int(k), int(n[k])) for k in np.flatnonzero(n)] for n in bounds)
        width = np.min_scalar_type(max(n_labels - 1, 0))
        text = acts.astype(width).tobytes()
        size = width.itemsize
        runs: dict[bytes, int] = {}
        for begin, end in zip((first * size).tolist(), (stop * size).tolist(), strict=True):
            key = text[begin:end]
            runs[key] = runs.get(key, 0) + 1
        if size > 1:
            rows = ((np.frombuffer(key, dtype=width).tolist(), n) for key, n in runs.items())
            return starts, ends, self.variants(rows)
        # One byte per activity: each byte becomes its label and a separator in one
        # str.translate, and the last separator is cut off.
        table = {k: f"{label}{VARIANT_SEPARATOR}" for k, label in enumerate(self.labels)}
        cut_off = len(VARIANT_SEPARATOR)
        out: dict[str, int] = {}
        for key, n in runs.items():
            variant = key.decode("latin-1").translate(table)[:-cut_off]
            out[variant] = out.get(variant, 0) + n
        return starts, ends, out


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
    cases = factorize_text(events[CASE])[0]
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
