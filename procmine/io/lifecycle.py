"""Lifecycle rows: a step written as a start row and a complete row becomes one event.

Some systems log each step twice, once when it starts and once when it completes, with a
column saying which (XES ``lifecycle:transition`` = ``start`` / ``complete``; an audit log's
状態 = 開始 / 完了). Counted as they are, every step would be two events, each map would
loop on every activity and handling times would be the gap to the next row. The loader
pairs them instead: each start row with the next complete row of the same case and
activity; the pair is one event from the start to the completion, holding the data of both
rows (the completion's where both have a value: what the step recorded at its end). The
completion row is then accounted as ``merged lifecycle row``; a start or completion without
its partner stays an event of its own (no end time). Rows of other transitions (schedule,
assign, suspend, resume …) are accounted as ``other lifecycle transition``.

A column is a lifecycle column by its values alone: all of them lifecycle words
(:data:`START_WORDS`, :data:`COMPLETE_WORDS`, :data:`OTHER_WORDS`), with at least one start
and one completion. A log holding only ``complete`` (BPIC 2015) has nothing to pair.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "COMPLETE_WORDS",
    "OTHER_WORDS",
    "START_WORDS",
    "Lifecycle",
    "find_column",
    "is_lifecycle",
    "merge_data",
    "pair",
    "plausible",
]

#: Values that mark the row written when a step starts.
START_WORDS: frozenset[str] = frozenset({"start", "begin", "started", "開始", "着手", "受付開始"})
#: Values that mark the row written when a step completes.
COMPLETE_WORDS: frozenset[str] = frozenset(
    {"complete", "completed", "end", "finish", "finished", "done", "完了", "終了", "処理完了"}
)
#: Other transitions of the XES lifecycle model (and their Japanese names).
OTHER_WORDS: frozenset[str] = frozenset(
    {
        "schedule",
        "assign",
        "reassign",
        "suspend",
        "resume",
        "withdraw",
        "abort",
        "ate_abort",
        "pi_abort",
        "autoskip",
        "manualskip",
        "unknown",
        "中断",
        "再開",
        "割当",
        "取消",
    }
)
#: At most this many distinct values in a lifecycle column.
_MAX_VALUES = 12
#: Rows looked at before a column's values are all read.
_HEAD = 2000
_KNOWN = START_WORDS | COMPLETE_WORDS | OTHER_WORDS


def _word(value: object) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip().lower()


def find_column(frame: pd.DataFrame, candidates: list[str]) -> str | None:
    """The first of ``candidates`` whose values are all lifecycle words, with at least one
    start and one completion; None when there is none.

    Examples
    --------
    >>> frame = pd.DataFrame({"備考": ["開始", "メモ"], "状態": ["開始", "完了"]})
    >>> find_column(frame, ["備考", "状態"])
    '状態'
    >>> find_column(pd.DataFrame({"lifecycle:transition": ["complete"] * 3}),
    ...             ["lifecycle:transition"]) is None
    True
    """
    return next((c for c in candidates if is_lifecycle(frame[c])), None)


def is_lifecycle(column: pd.Series) -> bool:
    """Whether the values of ``column`` are all lifecycle words, with at least one start
    and one completion (a look at the first rows first, so other columns cost little)."""
    head = column.iloc[:_HEAD].dropna()
    if head.empty or not {_word(v) for v in head.astype(str).unique()[:_MAX_VALUES]} & _KNOWN:
        return False
    distinct = column.dropna().astype(str).unique()
    if len(distinct) > _MAX_VALUES:
        return False
    words = {_word(v) for v in distinct} - {""}
    return bool(words <= _KNOWN and words & START_WORDS and words & COMPLETE_WORDS)


@dataclass(frozen=True)
class Lifecycle:
    """What :func:`pair` found, per row of the frame."""

    #: The completion time of each start row that was paired (NaT elsewhere).
    end: pd.Series
    #: Completion rows merged into their start row's event.
    merged: np.ndarray
    #: Rows of other transitions (schedule, assign …).
    other: np.ndarray
    #: Row index of each pair's start and completion.
    starts: np.ndarray
    completions: np.ndarray
    #: Start rows that took part, paired or not.
    start_rows: int = 0


def _kinds(kinds: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start, completion and other-transition masks (each distinct value read once)."""
    codes, values = pd.factorize(kinds, use_na_sentinel=True)
    words = [_word(v) for v in values]
    table = np.array(
        [[w in START_WORDS, w in COMPLETE_WORDS, w in OTHER_WORDS] for w in words] + [[0, 0, 0]],
        dtype=bool,
    )
    hit = table[np.where(codes < 0, len(words), codes)]
    return hit[:, 0], hit[:, 1], hit[:, 2]


def pair(
    kinds: pd.Series,
    case: pd.Series,
    activity: pd.Series,
    timestamp: pd.Series,
    usable: np.ndarray,
) -> Lifecycle:
    """Pair each start row with the next completion of the same case and activity.

    ``kinds`` is the lifecycle column; only ``usable`` rows (with case, activity and a
    parsed timestamp, not repeated) take part. Rows are taken in time order, a start
    before a completion at the same time, then in file order; a completion pairs with the
    earliest unpaired start of its case and activity at or before it (first in, first
    out), and one with no start open stays unpaired.

    Examples
    --------
    >>> kinds = pd.Series(["start", "start", "complete", "complete", "complete"])
    >>> case = pd.Series(["c1", "c1", "c1", "c1", "c2"])
    >>> act = pd.Series(["A", "B", "A", "B", "A"])
    >>> ts = pd.to_datetime(pd.Series(["2024-04-01 09:00", "2024-04-01 09:05",
    ...                                "2024-04-01 09:10", "2024-04-01 09:20",
    ...                                "2024-04-01 10:00"]))
    >>> found = pair(kinds, case, act, ts, np.ones(5, dtype=bool))
    >>> found.starts.tolist(), found.completions.tolist(), found.merged.tolist()
    ([0, 1], [2, 3], [False, False, True, True, False])
    """
    n = len(kinds)
    is_start, is_done, other = _kinds(kinds)
    is_start, is_done, other = is_start & usable, is_done & usable, other & usable
    live = np.flatnonzero(is_start | is_done)
    stamp = timestamp.to_numpy(dtype="datetime64[ns]")
    case_code = pd.factorize(case.iloc[live])[0].astype(np.int64)
    activity_code, labels = pd.factorize(activity.iloc[live])
    group = case_code * max(len(labels), 1) + activity_code
    # by case and activity, time, a start before a completion at the same time, file row
    order = np.lexsort((live, is_done[live], stamp[live], group))
    rows, grp = live[order], group[order]
    s, c = is_start[rows], is_done[rows]
    step = s.astype(np.int64) - c.astype(np.int64)
    frame = pd.DataFrame({"g": grp, "step": step})
    balance = frame.groupby("g")["step"].cumsum().to_numpy()
    low = np.minimum(frame.assign(b=balance).groupby("g")["b"].cummin().to_numpy(), 0)
    before = np.zeros(len(rows), dtype=np.int64)  # running minimum before each row (from 0)
    if len(rows):
        first = np.r_[True, grp[1:] != grp[:-1]]
        before[1:] = low[:-1]
        before[first] = 0
    # a completion that takes the balance below every earlier point has no start open
    matched = c & (balance >= before)
    start_rank = frame.assign(x=s).groupby("g")["x"].cumsum().to_numpy() - 1
    done_rank = frame.assign(x=matched).groupby("g")["x"].cumsum().to_numpy() - 1
    starts_by = pd.Series(rows[s], index=pd.MultiIndex.from_arrays([grp[s], start_rank[s]]))
    done_keys = pd.MultiIndex.from_arrays([grp[matched], done_rank[matched]])
    start_rows = starts_by.reindex(done_keys).to_numpy(dtype=np.int64)
    done_rows = rows[matched].astype(np.int64)
    sort = np.argsort(start_rows, kind="stable")
    start_rows, done_rows = start_rows[sort], done_rows[sort]
    end_values = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    end_values[start_rows] = stamp[done_rows]
    merged = np.zeros(n, dtype=bool)
    merged[done_rows] = True
    return Lifecycle(
        pd.Series(end_values), merged, other, start_rows, done_rows, int(is_start.sum())
    )


def plausible(found: Lifecycle, timestamp: pd.Series) -> bool:
    """Whether the pairs look like the start and end of steps: most starts found their
    completion, and the median step lasts at most a day (a 区分 of 開始 / 終了 of a direct
    debit, months apart, is data, not a lifecycle)."""
    if not found.start_rows or 2 * len(found.starts) < found.start_rows:
        return False
    stamp = timestamp.to_numpy(dtype="datetime64[ns]")
    lengths = stamp[found.completions] - stamp[found.starts]
    return bool(np.median(lengths) <= np.timedelta64(1, "D"))


def merge_data(
    frame: pd.DataFrame, columns: list[str], found: Lifecycle, fill: Sequence[str] = ()
) -> None:
    """Give each paired start row the data of its completion row (in place): the
    completion's value where it has one, the start's otherwise; for the ``fill`` columns
    (the resident's key, the resource), the start's value where it has one."""
    if not len(found.starts):
        return
    for column in [*columns, *fill]:
        values = frame[column]
        done = values.iloc[found.completions]
        has = _present(done)
        if column in fill:
            has &= ~_present(values.iloc[found.starts])
        if not has.any():
            continue
        target = frame.columns.get_loc(column)
        frame.iloc[found.starts[has], target] = done.to_numpy()[has]


def _present(values: pd.Series) -> np.ndarray:
    has = values.notna().to_numpy(dtype=bool, copy=True)
    if isinstance(values.dtype, pd.StringDtype) or values.dtype == object:
        text = values.astype("string").str.strip()
        has &= (text != "").fillna(False).to_numpy(dtype=bool)
    return has
