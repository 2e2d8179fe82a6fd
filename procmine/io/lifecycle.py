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


def pair(
    kinds: pd.Series,
    case: pd.Series,
    activity: pd.Series,
    timestamp: pd.Series,
    usable: np.ndarray,
) -> Lifecycle:
    """Pair each start row with the next completion of the same case and activity.

    ``kinds`` is the lifecycle column; only ``usable`` rows (with case, activity and a
    parsed timestamp) take part. Rows are taken in time order (file order among equal
    times); a completion pairs with the earliest unpaired start of its case and activity
    at or before it.

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
    word = kinds.map(lambda v: _word(v) if pd.notna(v) else "").to_numpy(dtype=object)
    is_start = np.fromiter((w in START_WORDS for w in word), dtype=bool, count=n) & usable
    is_done = np.fromiter((w in COMPLETE_WORDS for w in word), dtype=bool, count=n) & usable
    other = np.fromiter((w in OTHER_WORDS for w in word), dtype=bool, count=n) & usable
    live = np.flatnonzero(is_start | is_done)
    stamp = timestamp.to_numpy(dtype="datetime64[ns]")[live]
    order = live[np.lexsort((live, stamp))]  # by time, then file row
    waiting: dict[tuple[object, object], list[int]] = {}
    starts: list[int] = []
    completions: list[int] = []
    case_values = case.to_numpy(dtype=object)
    activity_values = activity.to_numpy(dtype=object)
    for row in order.tolist():
        key = (case_values[row], activity_values[row])
        if is_start[row]:
            waiting.setdefault(key, []).append(row)
            continue
        queue = waiting.get(key)
        if queue:
            starts.append(queue.pop(0))
            completions.append(row)
    start_rows = np.asarray(starts, dtype=np.int64)
    done_rows = np.asarray(completions, dtype=np.int64)
    end = pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    if len(start_rows):
        values = timestamp.to_numpy(dtype="datetime64[ns]")
        end_values = end.to_numpy(copy=True)
        end_values[start_rows] = values[done_rows]
        end = pd.Series(end_values, dtype="datetime64[ns]")
    merged = np.zeros(n, dtype=bool)
    merged[done_rows] = True
    return Lifecycle(end, merged, other, start_rows, done_rows)


def merge_data(frame: pd.DataFrame, columns: list[str], found: Lifecycle) -> None:
    """Give each paired start row the data of its completion row (in place): the
    completion's value where it has one, the start's otherwise."""
    if not len(found.starts):
        return
    for column in columns:
        values = frame[column]
        done = values.iloc[found.completions]
        has = done.notna().to_numpy(dtype=bool, copy=True)
        if isinstance(values.dtype, pd.StringDtype):
            has &= (done.str.strip() != "").fillna(False).to_numpy(dtype=bool)
        if not has.any():
            continue
        target = frame.columns.get_loc(column)
        frame.iloc[found.starts[has], target] = done.to_numpy()[has]
