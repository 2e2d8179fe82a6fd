"""The per-visit figures and the stops of ``visit_tables`` (``_tables.py``) with numpy.

:func:`visit_parts` gives what ``visit_tables`` computes with pandas groupbys (the visit's
first values and time span, where the resident is, the stops and their waits), with the
same values, from integer visit numbers and contiguous runs. Sums of floats go through the
same pandas group sums as before, so that they add up in the same order and the same way.
It needs an event table whose time stamps are all known (``_marks.usable``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._segments import Segments


def minutes(delta: np.ndarray) -> np.ndarray:
    """Minutes of timedelta64 values, as ``Series.dt.total_seconds() / 60.0`` gives them."""
    return pd.TimedeltaIndex(delta).total_seconds().to_numpy() / 60.0


@dataclass
class VisitParts:
    """Per visit (sorted by number): ``ids``, ``first`` (row of its first event),
    ``start``, ``end``, ``tickets``, ``entries`` (stops), ``waiting``; per stop (sorted
    by visit, then stop): the ``stops`` table's columns before ``journey``."""

    ids: np.ndarray
    first: np.ndarray
    start: np.ndarray
    end: np.ndarray
    tickets: np.ndarray
    entries: np.ndarray
    waiting: np.ndarray
    stops: pd.DataFrame


def visit_parts(
    visit: np.ndarray,
    dcode: np.ndarray,
    department: np.ndarray,
    queue: np.ndarray,
    present: np.ndarray,
    ts: np.ndarray,
    fin: np.ndarray,
    fin_est: np.ndarray,
) -> VisitParts:
    """Figures of the visits of the on-site events given (row order; ``visit`` int64)."""
    by = Segments(visit)
    ids = by.reduce(np.minimum, visit)
    first = by.reduce(np.minimum, np.arange(len(visit)))
    start = by.reduce(np.minimum, ts)
    end = by.reduce(np.maximum, fin_est)
    tickets = by.reduce(np.add, queue.astype("int64"))
    # Where the resident is (see visit_tables): latest mark, or the next one's department
    # once a step there has started.
    seen = by.cumsum(queue)
    ticketed = by.spread(tickets) > 0
    mark = queue | (present & (~ticketed | (seen == 0)))
    last, nxt_at = by.last_valid(mark), by.next_valid(mark)
    nxt = np.where(nxt_at >= 0, dcode[np.maximum(nxt_at, 0)], -1)
    loc = np.where(last >= 0, dcode[np.maximum(last, 0)], nxt)
    arrived = (nxt >= 0) & (dcode == nxt) & (nxt != loc)
    switched = by.split(present).cumsum(arrived) > 0
    where = np.where(switched, nxt, loc)
    rows = np.flatnonzero((where >= 0) & (dcode == where))
    # Arrays of one value per event are let go of as soon as used (memory at scale).
    del seen, ticketed, mark, last, nxt_at, nxt, loc, arrived, switched, where, present
    picked = [a[rows] for a in (visit, dcode, department, queue, ts, fin, fin_est)]
    del dcode, department, queue, ts, fin, fin_est, rows
    stops, waiting = _stops(*picked)
    del picked
    at = np.searchsorted(ids, stops["visit"].to_numpy())
    count = np.bincount(at, minlength=len(ids))
    return VisitParts(
        ids,
        first,
        start,
        end,
        tickets,
        count,
        waiting.reindex(ids).fillna(0.0).to_numpy(),
        stops,
    )


def _stops(
    visit: np.ndarray,
    dcode: np.ndarray,
    department: np.ndarray,
    queue: np.ndarray,
    ts: np.ndarray,
    fin: np.ndarray,
    fin_est: np.ndarray,
) -> tuple[pd.DataFrame, pd.Series]:
    """The stops of the steps at the resident's location and their visits' waiting
    minutes."""
    by = Segments(visit)
    change = by.shift(dcode, fill=-1) != dcode
    stop = by.cumsum(change)
    at_stop = by.split(change)
    # Each queue ticket is a counter; the wait at a counter is the longest idle gap after
    # its ticket, until the next ticket.
    ticket_no = at_stop.cumsum(queue)
    counter = at_stop.split(queue)
    cid = counter.groups()
    prev_fin = pd.Series(fin).groupby(cid).cummax().to_numpy()
    del cid
    prev_fin = counter.shift(prev_fin, fill=np.datetime64("NaT"))
    known = ~np.isnat(prev_fin)
    idle = np.full(len(visit), np.nan)
    idle[known] = minutes(ts[known] - prev_fin[known])
    del known, prev_fin
    idle = np.where(ticket_no > 0, np.clip(idle, 0.0, None), np.nan)
    del ticket_no
    longest = counter.reduce(np.fmax, idle)
    stop_of_counter = counter.reduce(np.minimum, at_stop.groups())
    wait = pd.Series(longest).groupby(stop_of_counter, sort=True).sum()
    s_visit = at_stop.reduce(np.minimum, visit)
    table = pd.DataFrame(
        {
            "visit": s_visit,
            "stop": at_stop.reduce(np.minimum, stop),
            "department": pd.Series(
                department[at_stop.reduce(np.minimum, np.arange(len(visit)))], dtype="object"
            ),
            "arrival": at_stop.reduce(np.minimum, ts),
            "departure": at_stop.reduce(np.maximum, fin_est),
            "counters": at_stop.reduce(np.add, queue.astype("int64")),
            "waiting_minutes": wait.to_numpy(),
        }
    )
    waiting = pd.Series(table["waiting_minutes"].to_numpy()).groupby(s_visit, sort=True).sum()
    return table, waiting
