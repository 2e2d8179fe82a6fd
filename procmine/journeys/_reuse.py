"""The what-if's KPI means from the base table's marks: only the days that change are
marked again (:func:`procmine.journeys.kpi_means_without`, used by :mod:`procmine.whatif`).

A scenario's event table is the base table less some rows (``kept_rows`` in
``_events.py``), in the same order. The journey rules are local, so most of the base
table's marks hold in the scenario as they are:

* whether a step is a queue ticket or shows the resident present looks at the steps of
  the same resident, day and department, and beyond them only at the step's own label
  (where labels name the tickets), at whether the step's file has resident or system
  steps at all (a silent file) and at the first time of the step's case;
* a visit lies within one resident's day, and its figures (minutes on site, waiting,
  counters) depend on that day's steps and marks only;
* a step's identity check (the checks are given), form write and staff minutes depend on
  the step alone.

So a resident's day that loses no step, and none of whose steps changes its silent-file
first-step mark, keeps its marks, visits and visit figures; the other days are marked again
with the very functions of the full run (``_marks.py``, ``_stops.py``) on their rows alone.
The journeys (a resident's cases within a window) are numbered again on the whole table,
and the per-journey sums taken again. The visits are put in the order the full run
numbers them (start, resident, then window; visits tie only within one resident's day, so
a day's visits keep their own order), so the means add up the same values in the same
order as :func:`procmine.journeys.kpi_means` on the scenario's table: the same figures,
bit for bit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._events import PackedEvents, _days
from ._marks import Keys, assign_visits, journey_numbers, presence, ticket_followed
from ._segments import stable_order
from ._stops import visit_parts
from ._visits import queue_worded

#: The columns of the lean visits table :func:`procmine.journeys.kpi_means` averages.
LEAN_VISITS = ["visit", "journey", "counters", "minutes_on_site", "waiting_minutes"]


@dataclass
class VisitFigures:
    """Per visit (ascending ``ids``: visit or window numbers): what the KPI means and the
    order of the visits need."""

    ids: np.ndarray
    start: np.ndarray  # int64 time of its first step
    who: np.ndarray
    first: np.ndarray  # row of its first step
    first_present: np.ndarray  # row of its first presence step (-1: none)
    day: np.ndarray  # (resident, day) group of its rows (base visits only)
    counters: np.ndarray
    minutes: np.ndarray
    waiting: np.ndarray


@dataclass
class BaseMarks:
    """The base table's marks and per-step figures that the scenarios reuse."""

    system: np.ndarray
    resident: np.ndarray
    #: system steps whose label names a queue ticket
    named: np.ndarray
    queue: np.ndarray
    present: np.ndarray
    ident: np.ndarray
    form: np.ndarray
    #: staff minutes of each step (0 where not done by staff or an external body)
    staff: np.ndarray
    #: first steps of cases in silent files
    opens_silent: np.ndarray
    #: (resident, day) group of each row
    day: np.ndarray
    #: per file key: has a resident or system step
    speaking: np.ndarray
    #: per case key: the time of its first step (int64)
    first: np.ndarray
    visits: VisitFigures


def text_flags(base: PackedEvents, name: str, test: Callable[[Any], bool]) -> np.ndarray:
    """Per row, ``test(value)`` of the text column ``name`` (missing values as None)."""
    packed = base.columns[name]
    if isinstance(packed, tuple):
        codes, uniques = packed
    else:
        codes, uniques = pd.factorize(np.asarray(packed, dtype=object))
    hit = np.asarray([bool(test(v)) for v in uniques] + [bool(test(None))], dtype=bool)
    return hit[codes]


def build(base: PackedEvents, marked: tuple) -> BaseMarks | None:
    """The :class:`BaseMarks` of ``base`` from its marks ``marked`` (``queue``, ``present``,
    ``ident`` and ``visit`` of the full rules, then optionally the ``visit``, ``start``,
    ``counters``, ``minutes_on_site`` and ``waiting_minutes`` columns of their visits
    table); None where the reuse does not apply (labels do not name the queue tickets, or
    a system step has no label)."""
    queue, present, ident, visit = marked[:4]
    system = text_flags(base, "performer", lambda v: v == "system")
    resident = text_flags(base, "performer", lambda v: v == "resident")
    named = named_tickets(base, system)
    if named is None:
        return None
    ts, fin_est = base.column("ts"), base.column("fin_est")
    staffish = text_flags(base, "performer", lambda v: v in ("staff", "external"))
    length = pd.Series(fin_est - ts)
    staff = (length.dt.total_seconds() / 60.0).where(staffish, 0.0).fillna(0.0).to_numpy()
    eid = base.packed_captures["eid"].astype("int64")
    form = resident & (np.bincount(eid, minlength=base.n) > 0)
    fkey = base.column("fkey").astype("int64")
    speaking = np.bincount(fkey[system | resident], minlength=int(fkey.max()) + 1) > 0
    ckey = base.column("ckey").astype("int64")
    t = ts.view("int64")
    first = np.full(int(ckey.max()) + 1, np.iinfo("int64").max, dtype="int64")
    np.minimum.at(first, ckey, t)
    opens_silent = ~speaking[fkey] & (t == first[ckey])
    keys = _keys(base, np.arange(base.n), system, resident)
    day = keys.whoday.groups()
    if len(marked) > 4:  # the visits table of the journeys run: the same figures
        visits = _from_table(keys, visit, present, marked[4])
    else:
        visits = figures(keys, visit, queue, present)
    visits.day = day[visits.first]
    return BaseMarks(
        system,
        resident,
        named,
        queue,
        present,
        ident,
        form,
        staff,
        opens_silent,
        day,
        speaking,
        first,
        visits,
    )


def named_tickets(base: PackedEvents, system: np.ndarray | None = None) -> np.ndarray | None:
    """The system steps whose label names a queue ticket; None where no label does (the
    tickets are then found by the share of their steps, over the whole table) or a system
    step has no label."""
    if system is None:
        system = text_flags(base, "performer", lambda v: v == "system")
    if (text_flags(base, "activity", lambda v: v is None) & system).any():
        return None
    named = system & text_flags(base, "activity", lambda v: v is not None and queue_worded(v))
    return named if named.any() else None


def _keys(base: PackedEvents, rows: np.ndarray, system: np.ndarray, resident: np.ndarray) -> Keys:
    """The :class:`Keys` of the base table's rows ``rows``."""
    ts = base.column("ts")[rows]
    day = base.column("day")[rows] if "day" in base.columns else _days(ts)  # as rows() does
    return Keys(
        base.column("who")[rows],
        base.column("dcode")[rows],
        (ts, base.column("fin")[rows], base.column("fin_est")[rows]),
        day,
        system[rows],
        resident[rows],
    )


def figures(keys: Keys, visit: np.ndarray, queue: np.ndarray, present: np.ndarray) -> VisitFigures:
    """Per visit of the rows of ``keys`` (``visit``: number per row, NaN off site), its
    figures as ``visit_tables`` (``_tables.py``) computes them."""
    rows = np.flatnonzero(~np.isnan(visit))
    if not len(rows):
        return _no_visits()
    by_visit = stable_order(visit[rows].astype("int64"))  # whole numbers: the same order
    rows = rows[by_visit]
    number = visit[rows].astype("int64")
    dcode = keys.dcode[rows]
    parts = visit_parts(
        number,
        dcode,
        dcode,  # the departments' names only label the stops
        queue[rows],
        present[rows],
        keys.ts[rows],
        keys.fin[rows],
        keys.fin_est[rows],
    )
    counters = np.where(parts.tickets > 0, parts.tickets, parts.entries).astype("int64")
    delta = pd.Series(parts.end) - pd.Series(parts.start)
    minutes = (delta.dt.total_seconds() / 60.0).to_numpy()
    on = rows[present[rows]]  # by visit, then row
    first_present = np.full(len(parts.ids), -1, dtype="int64")
    if len(on):
        v = visit[on].astype("int64")
        new = np.r_[True, v[1:] != v[:-1]]
        first_present[np.searchsorted(parts.ids, v[new])] = on[new]
    return VisitFigures(
        parts.ids,
        parts.start.view("int64"),
        keys.who[rows[parts.first]],
        rows[parts.first],
        first_present,
        np.zeros(len(parts.ids), dtype="int64"),
        counters,
        minutes,
        parts.waiting,
    )


def _from_table(
    keys: Keys, visit: np.ndarray, present: np.ndarray, table: tuple[np.ndarray, ...]
) -> VisitFigures:
    """:func:`figures` from the columns of the visits table of the same marks (``visit``,
    ``start``, ``counters``, ``minutes_on_site``, ``waiting_minutes``)."""
    ids, start, counters, minutes, waiting = table
    on = ~np.isnan(visit)
    first = _first_rows(visit, on, ids)
    return VisitFigures(
        ids,
        start.view("int64"),
        keys.who[first],
        first,
        _first_rows(visit, on & present, ids),
        np.zeros(len(ids), dtype="int64"),
        counters,
        minutes,
        waiting,
    )


def _first_rows(visit: np.ndarray, rows: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Per visit of ``ids``, its first row among ``rows`` (a mask); -1 where none."""
    at = np.flatnonzero(rows)
    out = np.full(len(ids), -1, dtype="int64")
    if not len(at) or not len(ids):
        return out
    number = visit[at].astype("int64")
    first = np.full(max(int(number.max()), int(ids.max())) + 1, len(visit), dtype="int64")
    np.minimum.at(first, number, at.astype("int64"))
    found = first[ids]
    return np.where(found < len(visit), found, -1)


def _no_visits() -> VisitFigures:
    none = np.zeros(0, dtype="int64")
    return VisitFigures(none, none, none, none, none, none, none, none * 0.0, none * 0.0)


@dataclass
class Scenario:
    """What :func:`procmine.journeys.kpi_means` averages, for the base table's rows kept."""

    #: journey number of each kept row (NaN outside every journey)
    journey: np.ndarray
    form: np.ndarray
    ident: np.ndarray
    staff: np.ndarray
    #: the lean visits table, in the order of the visit numbers
    visits: pd.DataFrame


def scenario(
    base: PackedEvents,
    marks: BaseMarks,
    idx: np.ndarray,
    *,
    gap: pd.Timedelta,
    service_gap: pd.Timedelta,
    window: pd.Timedelta,
) -> Scenario | None:
    """The journeys and visits of the base table's rows ``idx`` (ascending); None where
    the reuse does not apply (no queue ticket named among the steps kept)."""
    named = marks.named[idx]
    if not named.any():
        return None
    keep = np.zeros(base.n, dtype=bool)
    keep[idx] = True
    who, ts = base.column("who")[idx], base.column("ts")[idx]
    ckey, fkey = base.column("ckey")[idx].astype("int64"), base.column("fkey")[idx]
    system, resident = marks.system[idx], marks.resident[idx]
    # The marks that look beyond a (resident, day, department): silent files, case starts.
    speaking = np.bincount(fkey[system | resident], minlength=len(marks.speaking)) > 0
    lost = np.zeros(len(marks.first), dtype=bool)
    lost[base.column("ckey")[~keep]] = True
    first = marks.first.copy()
    first[lost] = np.iinfo("int64").max
    t = ts.view("int64")
    hit = lost[ckey]
    np.minimum.at(first, ckey[hit], t[hit])
    opens_silent = ~speaking[fkey] & (t == first[ckey])
    # Days marked again: those that lose steps or where such a mark changes.
    dirty = np.zeros(int(marks.day.max()) + 1, dtype=bool)
    dirty[marks.day[~keep]] = True
    day = marks.day[idx]
    dirty[day[opens_silent != marks.opens_silent[idx]]] = True
    again = np.flatnonzero(dirty[day])
    on = marks.present[idx]
    if len(again):
        rows = idx[again]
        keys = _keys(base, rows, marks.system, marks.resident)
        ticket = ticket_followed(keys) & marks.named[rows]
        queue, present = presence(keys, ticket, opens_silent[again], gap=gap)
        present |= marks.ident[rows]
        on[again] = present
        seq = assign_visits(keys, present, queue, gap=gap, service_gap=service_gap)
        new = figures(keys, seq, queue, present)
    else:
        new = _no_visits()
    journey = journey_numbers(who, ts, ckey, on | resident, window=window)
    old = marks.visits
    clean = ~dirty[old.day]
    at = np.full(base.n, -1, dtype="int64")
    at[idx] = np.arange(len(idx))
    first_row = np.r_[at[old.first_present[clean]], again[new.first_present]]
    has = np.r_[old.first_present[clean] >= 0, new.first_present >= 0]
    order = np.lexsort(
        (
            np.r_[old.ids[clean], new.ids],
            np.r_[old.who[clean], new.who],
            np.r_[old.start[clean], new.start],
        )
    )
    vjourney = np.where(has, journey[np.maximum(first_row, 0)], np.nan)[order]
    visits = pd.DataFrame(
        {
            "visit": np.arange(1, len(order) + 1),
            "journey": pd.Series(vjourney).astype("Int64"),
            "counters": np.r_[old.counters[clean], new.counters][order],
            "minutes_on_site": np.r_[old.minutes[clean], new.minutes][order],
            "waiting_minutes": np.r_[old.waiting[clean], new.waiting][order],
        }
    )
    return Scenario(journey, marks.form[idx], marks.ident[idx], marks.staff[idx], visits)
