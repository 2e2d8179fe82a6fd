"""Presence, visits and visit numbers with numpy: the rules of ``primary_presence``,
``assign_visits`` (``_visits.py``) and ``_number_visits`` (``__init__.py``), with the same
results, on integer codes and contiguous runs instead of pandas groupbys.

They need an event table as :func:`procmine.journeys._events.event_table` builds it
(sorted by resident and time, index 0 … n-1) whose time stamps are all known, which the
loader guarantees (it drops rows without one); :func:`usable` says whether a table is
such, else the pandas functions do the work.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._segments import Segments
from ._visits import QUEUE_SHARE, queue_worded

_TIMES = ("ts", "fin", "fin_est", "day")


def usable(ev: pd.DataFrame) -> bool:
    """Is ``ev`` a non-empty event table with known, naive time stamps and index 0 … n-1?"""
    if ev.empty or not isinstance(ev.index, pd.RangeIndex) or ev.index.start != 0:
        return False
    if ev.index.step != 1:
        return False
    for col in _TIMES:
        values = ev[col].to_numpy()
        if values.dtype.kind != "M" or np.isnat(values).any():
            return False
    return True


class Keys:
    """The arrays and groupings of one event table that the rules use again and again."""

    def __init__(
        self,
        who: np.ndarray,
        dcode: np.ndarray,
        times: tuple[np.ndarray, np.ndarray, np.ndarray],
        day: np.ndarray,
        system: np.ndarray,
        resident: np.ndarray,
    ) -> None:
        """The keys of a table given as arrays (``times``: ``ts``, ``fin``, ``fin_est``;
        rows in (resident, time) order, as the event table's)."""
        self.n = len(who)
        self.who = np.asarray(who, dtype="int64")
        self.dcode = np.asarray(dcode, dtype="int64")
        self.ts, self.fin, self.fin_est = times
        self.day = day
        self.system, self.resident = system, resident
        days = (self.day - self.day.min()) // np.timedelta64(1, "D")
        # Rows are in (resident, time) order: a resident's day is a contiguous run.
        self.whoday = Segments(self.who * (int(days.max()) + 1) + days.astype("int64"))
        width = int(self.dcode.max()) + 1
        self.dept_day = Segments(self.whoday.groups() * width + self.dcode)  # (who, day, dept)

    @classmethod
    def from_events(cls, ev: pd.DataFrame) -> Keys:
        """The keys of an event table (``procmine/journeys/_events.py``)."""
        performer = ev["performer"].to_numpy(dtype=object)
        return cls(
            ev["who"].to_numpy(dtype="int64"),
            ev["dcode"].to_numpy(dtype="int64"),
            (ev["ts"].to_numpy(), ev["fin"].to_numpy(), ev["fin_est"].to_numpy()),
            ev["day"].to_numpy(),
            performer == "system",
            performer == "resident",
        )


def primary_presence(
    ev: pd.DataFrame, keys: Keys, *, gap: pd.Timedelta
) -> tuple[np.ndarray, np.ndarray]:
    """(queue, present) as :func:`procmine.journeys._visits.primary_presence` gives them."""
    followed = ticket_followed(keys)
    system = keys.system
    sys_rows = np.flatnonzero(system)
    codes, labels = pd.factorize(ev["activity"].to_numpy(dtype=object)[sys_rows])
    named = np.array([queue_worded(x) for x in labels], dtype=bool)
    ticket_like = np.zeros(keys.n, dtype=bool)
    if named.any():
        ticket_like[sys_rows] = named[codes]
    else:
        g = keys.dept_day
        gid = g.groups()
        opens = np.ones(keys.n, dtype=bool)
        opens[1:] = gid[1:] != gid[:-1]
        by_act = pd.DataFrame({"followed": followed[sys_rows], "opens": opens[sys_rows]}).groupby(
            [keys.dcode[sys_rows], codes]
        )
        share = by_act.transform("mean")
        ticket_like[sys_rows] = (share["followed"].to_numpy() >= QUEUE_SHARE) & (
            share["opens"].to_numpy() >= QUEUE_SHARE
        )
    fkey = ev["fkey"].to_numpy(dtype="int64")
    speaking = np.bincount(fkey[system | keys.resident], minlength=int(fkey.max()) + 1) > 0
    silent = ~speaking[fkey]
    ckey = ev["ckey"].to_numpy(dtype="int64")
    ts = keys.ts.view("int64")
    first = np.full(int(ckey.max()) + 1, np.iinfo("int64").max, dtype="int64")
    np.minimum.at(first, ckey, ts)
    opening = ts == first[ckey]
    return presence(keys, followed & ticket_like, silent & opening, gap=gap)


def ticket_followed(keys: Keys) -> np.ndarray:
    """System steps followed, the same day, by a step of the same resident in the same
    department done by someone else (a queue ticket must be)."""
    system = keys.system
    return system & (keys.dept_day.next_valid(~system) >= 0)


def presence(
    keys: Keys, ticket: np.ndarray, opens_silent: np.ndarray, *, gap: pd.Timedelta
) -> tuple[np.ndarray, np.ndarray]:
    """(queue, present) from the followed ticket-like system steps ``ticket`` and the
    first steps of cases in files without resident or system steps ``opens_silent``; the
    rest of the rule looks only at each (resident, day, department)'s own steps."""
    resident = keys.resident
    queue = keys.system & ticket
    g = keys.dept_day
    gap64 = np.timedelta64(gap.value, "ns")
    prev = g.last_valid(~resident)
    nxt = g.next_valid(~resident)
    near_prev = (prev >= 0) & (keys.ts - keys.fin[np.maximum(prev, 0)] <= gap64)
    near_next = (nxt >= 0) & (keys.ts[np.maximum(nxt, 0)] - keys.fin <= gap64)
    on_site_form = resident & (near_prev | near_next)
    return queue, queue | on_site_form | opens_silent


def mark_visits(
    ev: pd.DataFrame,
    keys: Keys,
    *,
    gap: pd.Timedelta,
    service_gap: pd.Timedelta,
    window: pd.Timedelta,
) -> None:
    """Add ``journey``, ``visit`` and ``vjourney`` to ``ev`` (which has ``queue`` and
    ``present``), as ``_mark`` in ``__init__.py`` does with the pandas functions."""
    present, queue = ev["present"].to_numpy(dtype=bool), ev["queue"].to_numpy(dtype=bool)
    seq = assign_visits(keys, present, queue, gap=gap, service_gap=service_gap)
    contact = present | keys.resident
    ev["journey"] = assign_journeys(
        keys, ev["ckey"].to_numpy(dtype="int64"), contact, window=window
    )
    ev["visit"] = number_visits(keys, seq)
    ev["vjourney"] = visit_journeys(present, ev["visit"].to_numpy(), ev["journey"].to_numpy())


def assign_visits(
    keys: Keys,
    present: np.ndarray,
    queue: np.ndarray,
    *,
    gap: pd.Timedelta,
    service_gap: pd.Timedelta,
) -> np.ndarray:
    """Window number (1 …, float; NaN off site) of every event, as
    :func:`procmine.journeys._visits.assign_visits` gives it."""
    n = keys.n
    rows = np.flatnonzero(present)
    if not len(rows):
        return np.full(n, np.nan)
    who, ts, fin, day, q = (
        keys.who[rows],
        keys.ts[rows],
        keys.fin[rows],
        keys.day[rows],
        queue[rows],
    )
    new = np.ones(len(rows), dtype=bool)
    new[1:] = (
        (who[1:] != who[:-1])
        | (day[1:] != day[:-1])
        | ((ts[1:] - fin[:-1] > np.timedelta64(gap.value, "ns")) & ~q[:-1])
    )
    starts = np.flatnonzero(new)
    w_who = who[starts]
    w_stop = np.maximum.reduceat(ts.view("int64"), starts)
    del who, ts, fin, day, q, new  # arrays of n rows are let go of as soon as used
    # Per event, the latest window of its resident starting at or before it: the last
    # window whose first row comes before the end of the event's run of equal
    # (resident, time) rows (starts of one resident's windows are distinct times).
    opened = np.full(n, -1, dtype="int64")
    opened[rows[starts]] = np.arange(len(starts))
    np.maximum.accumulate(opened, out=opened)
    t = keys.ts.view("int64")
    run_end = np.ones(n, dtype=bool)
    run_end[:-1] = (keys.who[1:] != keys.who[:-1]) | (t[1:] != t[:-1])
    ends = np.flatnonzero(run_end)
    run = np.cumsum(run_end) - run_end  # each row's run: the run ends before it
    del run_end
    cand = opened[ends[run]]
    del opened, ends, run
    safe = np.maximum(cand, 0)
    ok = (cand >= 0) & (w_who[safe] == keys.who) & (t <= w_stop[safe])
    del safe
    visit = np.where(ok, cand + 1.0, np.nan)
    del cand, ok
    return _service_chain(keys, visit, present, queue, service_gap)


def _service_chain(
    keys: Keys,
    visit: np.ndarray,
    present: np.ndarray,
    queue: np.ndarray,
    service_gap: pd.Timedelta,
) -> np.ndarray:
    """``visit`` filled along the service chains of the presence steps' departments."""
    day, g = keys.whoday, keys.dept_day
    seen = day.cumsum(queue)
    ticketed = day.spread(day.reduce(np.maximum, queue.astype("int8"))) > 0
    mark = queue | (present & (~ticketed | (seen == 0)))
    del seen, ticketed  # arrays of n rows are let go of as soon as used
    at = day.last_valid(mark)
    del mark
    loc = np.where(at >= 0, keys.dcode[np.maximum(at, 0)], -1)  # -1: no location yet
    del at
    before = day.shift(loc, fill=-1)
    epoch = day.cumsum((before >= 0) & (loc != before))
    del loc, before
    prev_fin = g.shift(keys.fin_est, fill=np.datetime64("NaT"))
    after_queue = g.shift(queue, fill=False)
    has_prev = g.shift(np.ones(keys.n, dtype=bool), fill=False)
    same_epoch = g.shift(epoch, fill=-1) == epoch
    del epoch
    gap64 = np.timedelta64(service_gap.value, "ns")
    close = np.zeros(keys.n, dtype=bool)
    close[has_prev] = (keys.ts[has_prev] - prev_fin[has_prev]) <= gap64
    del prev_fin
    cont = has_prev & same_epoch & (close | after_queue)
    del has_prev, same_epoch, close, after_queue
    chain = g.split(~cont)
    del cont
    lowest = chain.reduce(np.fmin, np.where(present, visit, np.nan))
    return np.where(np.isnan(visit), chain.spread(lowest), visit)


def number_visits(keys: Keys, seq: np.ndarray) -> np.ndarray:
    """Visit numbers 1 … n in order of start time, then resident key, then window (as
    ``_number_visits`` in ``__init__.py``); NaN off site."""
    on = ~np.isnan(seq)
    if not on.any():
        return np.full(keys.n, np.nan)
    w = seq[on].astype("int64") - 1
    count = int(w.max()) + 1
    start = np.full(count, np.iinfo("int64").max, dtype="int64")
    np.minimum.at(start, w, keys.ts.view("int64")[on])
    who = np.zeros(count, dtype="int64")
    who[w] = keys.who[on]  # one resident per window
    used = np.zeros(count, dtype=bool)
    used[w] = True
    ids = np.flatnonzero(used)
    order = np.lexsort((who[ids], start[ids]))
    number = np.full(count, np.nan)
    number[ids[order]] = np.arange(1, len(ids) + 1, dtype="float64")
    out = np.full(keys.n, np.nan)
    out[on] = number[w]
    return out


def visit_journeys(present: np.ndarray, visit: np.ndarray, journey: np.ndarray) -> np.ndarray:
    """Per event, the journey of its visit's first presence step (NaN off site)."""
    out = np.full(len(visit), np.nan)
    rows = np.flatnonzero(present & ~np.isnan(visit))
    if not len(rows):
        return out
    v = visit[rows].astype("int64")
    first = np.full(int(v.max()) + 1, len(v), dtype="int64")  # each visit's first row
    np.minimum.at(first, v, np.arange(len(v)))
    used = np.flatnonzero(first < len(v))
    per_visit = np.full(int(v.max()) + 1, np.nan)
    per_visit[used] = journey[rows[first[used]]]
    on = ~np.isnan(visit)
    out[on] = per_visit[visit[on].astype("int64")]
    return out


def assign_journeys(
    keys: Keys, ckey: np.ndarray, contact: np.ndarray, *, window: pd.Timedelta
) -> np.ndarray:
    """Journey number (1 …, float; NaN outside every journey) of every event, as
    :func:`procmine.journeys._journeys.assign_journeys` gives it."""
    return journey_numbers(keys.who, keys.ts, ckey, contact, window=window)


def journey_numbers(
    who_: np.ndarray, ts: np.ndarray, ckey: np.ndarray, contact: np.ndarray, *, window: pd.Timedelta
) -> np.ndarray:
    """:func:`assign_journeys` on the residents' codes ``who_`` and the times ``ts``."""
    size = int(ckey.max()) + 1
    start = np.full(size, np.iinfo("int64").max, dtype="int64")
    np.minimum.at(start, ckey, ts.view("int64"))
    who = np.zeros(size, dtype="int64")
    who[ckey] = who_  # one resident per case
    cases = np.flatnonzero(np.bincount(ckey, minlength=size) > 0)
    touched = np.bincount(ckey[contact], minlength=size) > 0
    unit = np.datetime_data(ts.dtype)[0]  # ts as integers in its own unit
    width = np.timedelta64(window.value, "ns").astype(f"m8[{unit}]").astype("int64")
    open_ = cases[touched[cases]]
    open_ = open_[np.lexsort((start[open_], who[open_]))]
    o_who, o_start = who[open_], start[open_]
    # A journey opens at a resident's earliest case not yet taken; the cases starting
    # within the window of it join it, and the next one opens the next journey. Journey
    # starts grow along (resident, start), so each resident's chain of openers is
    # followed one step per round: the rounds cost the journeys, not the cases.
    jstart = o_start[_openers(o_who, o_start, width)]
    new = np.ones(len(open_), dtype=bool)
    new[1:] = (o_who[1:] != o_who[:-1]) | (jstart[1:] != jstart[:-1])
    j_who, j_start = o_who[new], jstart[new]
    number = np.empty(len(j_who), dtype="float64")
    number[np.lexsort((j_who, j_start))] = np.arange(1, len(j_who) + 1)
    per_case = np.full(size, np.nan)
    per_case[open_] = number[np.cumsum(new) - 1]
    other = cases[~touched[cases]]
    if len(other) and len(j_who):
        # The resident's latest journey starting at or before the case, within its window.
        c_who, c_start = who[other], start[other]
        kind = np.r_[np.zeros(len(j_who), dtype="int8"), np.ones(len(other), dtype="int8")]
        order = np.lexsort((kind, np.r_[j_start, c_start], np.r_[j_who, c_who]))
        at = np.where(kind[order] == 0, order, -1)
        np.maximum.accumulate(at, out=at)
        is_case = kind[order] == 1
        cand = np.empty(len(other), dtype="int64")
        cand[order[is_case] - len(j_who)] = at[is_case]
        safe = np.maximum(cand, 0)
        ok = (cand >= 0) & (j_who[safe] == c_who) & (c_start <= j_start[safe] + width)
        per_case[other[ok]] = number[safe[ok]]
    return per_case[ckey]


def _openers(who: np.ndarray, start: np.ndarray, width: int) -> np.ndarray:
    """Per case (sorted by resident, then start), the position of the case that opened its
    journey: a resident's first case, then the first case starting more than ``width``
    after the latest opener."""
    n = len(who)
    if not n:
        return np.zeros(0, dtype="int64")
    # The first case after each case's window: search (resident, start + width) in the
    # sorted (resident, start) pairs, on ranks of the times.
    _, rank = np.unique(np.concatenate([start, start + width]), return_inverse=True)
    span = int(rank.max()) + 2
    key = who * span + rank[:n]
    after = np.searchsorted(key, who * span + rank[n:], side="right")
    opener = np.zeros(n, dtype=bool)
    first = np.ones(n, dtype=bool)
    first[1:] = who[1:] != who[:-1]
    active = np.flatnonzero(first)
    while len(active):
        opener[active] = True
        nxt = after[active]
        ok = nxt < n
        ok[ok] = who[nxt[ok]] == who[active[ok]]
        active = nxt[ok]
    at = np.where(opener, np.arange(n), -1)
    return np.maximum.accumulate(at)
