"""Group-wise operations on integer keys with numpy, for the hot paths of the journey rules.

A :class:`Segments` groups the rows of the event table by an integer key and offers the
few group-wise operations the rules use (``shift``, ``ffill``/``bfill`` of the valid rows,
``cumsum``, ``any``/``min`` per group), each giving what the pandas ``groupby`` of the same
key gives, in row order. The key is sorted once (stably, so rows keep their order inside a
group) and every operation works on contiguous runs; rows already ordered by the key are
not moved at all.
"""

from __future__ import annotations

from typing import Any

import numpy as np


class Segments:
    """Rows grouped by ``key`` (int64, one value per row; rows keep their order in a group).

    >>> s = Segments(np.array([2, 1, 2, 1]))
    >>> s.shift(np.array([10.0, 11.0, 12.0, 13.0])).tolist()
    [nan, nan, 10.0, 11.0]
    >>> s.cumsum(np.array([1, 1, 1, 1])).tolist()
    [1, 1, 2, 2]
    """

    def __init__(self, key: np.ndarray) -> None:
        key = np.asarray(key, dtype="int64")
        self.n = len(key)
        ordered = bool((key[1:] >= key[:-1]).all()) if self.n else True
        self.order = None if ordered else stable_order(key)
        k = key if self.order is None else key[self.order]
        self.new = np.ones(self.n, dtype=bool)  # first row of its group (sorted order)
        if self.n:
            self.new[1:] = k[1:] != k[:-1]
        self.starts = np.flatnonzero(self.new)
        self.gid = np.cumsum(self.new) - 1  # group number per row (sorted order)

    def _in(self, values: np.ndarray) -> np.ndarray:
        return values if self.order is None else values[self.order]

    def _out(self, values: np.ndarray) -> np.ndarray:
        if self.order is None:
            return values
        out = np.empty_like(values)
        out[self.order] = values
        return out

    def split(self, breaks: np.ndarray) -> Segments:
        """The same rows in finer groups: a new group also starts at each row where
        ``breaks`` (row order) is true."""
        out = Segments.__new__(Segments)
        out.n, out.order = self.n, self.order
        out.new = self.new | self._in(np.asarray(breaks, dtype=bool))
        out.starts = np.flatnonzero(out.new)
        out.gid = np.cumsum(out.new) - 1
        return out

    def groups(self) -> np.ndarray:
        """Group number of every row (0 … in order of the key)."""
        return self._out(self.gid)

    def shift(self, values: np.ndarray, fill: object = np.nan) -> np.ndarray:
        """The previous row's value in the group (``fill`` for a group's first row)."""
        v = self._in(values)
        out = np.empty(self.n, dtype=np.result_type(v.dtype, np.asarray(fill).dtype))
        if self.n:
            out[1:] = v[:-1]
            out[self.new] = fill
        return self._out(out)

    def last_valid(self, valid: np.ndarray) -> np.ndarray:
        """Row (position in row order) of the latest valid row at or before each row in its
        group, -1 where there is none (``ffill``)."""
        v = self._in(np.asarray(valid, dtype=bool))
        pos = np.arange(self.n) if self.order is None else self.order
        at = np.where(v, np.arange(self.n), -1)
        np.maximum.accumulate(at, out=at)
        ok = at >= 0
        ok[ok] = self.gid[at[ok]] == self.gid[ok]
        return self._out(np.where(ok, pos[np.where(ok, at, 0)], -1))

    def next_valid(self, valid: np.ndarray) -> np.ndarray:
        """Row of the earliest valid row at or after each row in its group, -1 where there
        is none (``bfill``)."""
        v = self._in(np.asarray(valid, dtype=bool))[::-1]
        pos = np.arange(self.n) if self.order is None else self.order
        at = np.where(v, np.arange(self.n), -1)
        np.maximum.accumulate(at, out=at)
        gid = self.gid[::-1]
        ok = at >= 0
        ok[ok] = gid[at[ok]] == gid[ok]
        found = np.where(ok, pos[::-1][np.where(ok, at, 0)], -1)
        return self._out(found[::-1])

    def cumsum(self, values: np.ndarray) -> np.ndarray:
        """Running sum of integer ``values`` within each group."""
        v = self._in(np.asarray(values, dtype="int64"))
        total = np.cumsum(v)
        before = (total - v)[self.starts]
        return self._out(total - before[self.gid])

    def reduce(self, ufunc: np.ufunc, values: np.ndarray) -> np.ndarray:
        """``ufunc.reduceat`` over each group (one value per group, in key order)."""
        if not self.n:
            return np.asarray(values)[:0]
        return ufunc.reduceat(self._in(values), self.starts)

    def spread(self, per_group: np.ndarray) -> np.ndarray:
        """A value per group back on every row of the group."""
        return self._out(np.asarray(per_group)[self.gid])


def first_seen(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(codes, return_index=True)`` (each code and its first position) of
    non-negative integer codes, by a pass over them instead of a sort where the codes are
    dense."""
    n = len(codes)
    if not n or int(codes.min()) < 0 or int(codes.max()) >= 4 * n:
        return np.unique(codes, return_index=True)
    first = np.full(int(codes.max()) + 1, n, dtype="int64")
    np.minimum.at(first, codes, np.arange(n))
    used = np.flatnonzero(first < n)
    return used.astype(codes.dtype, copy=False), first[used]


def distinct(ids: np.ndarray, *, inverse: bool = False) -> Any:
    """``np.unique(ids)`` (with ``inverse``: ``np.unique(ids, return_inverse=True)``) of
    non-negative integers, counted instead of sorted where they are dense.

    >>> distinct(np.array([4, 1, 4])).tolist()
    [1, 4]
    """
    n = len(ids)
    if not n or int(ids.min()) < 0 or int(ids.max()) >= 4 * n + 1024:
        if inverse:
            return np.unique(ids, return_inverse=True)
        return np.unique(ids)
    used = np.bincount(ids) > 0
    values = np.flatnonzero(used).astype(ids.dtype, copy=False)
    if not inverse:
        return values
    return values, (np.cumsum(used) - 1)[ids]


def stable_order(key: np.ndarray) -> np.ndarray:
    """``np.argsort(key, kind="stable")``, the same order; for many non-negative integers
    below 2**32 that are far from sorted (where numpy sorts wide integers slowest), by two
    stable passes over their 16-bit halves, which numpy sorts by radix.

    >>> stable_order(np.array([3, 1, 2, 1])).tolist()
    [1, 3, 2, 0]
    """
    n = len(key)
    if n < 4096 or key.dtype.kind not in "iu":
        return np.argsort(key, kind="stable")
    if int(key.min()) < 0 or int(key.max()) >= 2**32:
        return np.argsort(key, kind="stable")
    if np.count_nonzero(key[1:] < key[:-1]) < n // 64:  # nearly sorted: runs merge fast
        return np.argsort(key, kind="stable")
    k = key.astype("int64", copy=False)
    order = np.argsort((k & 0xFFFF).astype(np.uint16), kind="stable")
    if int(key.max()) >= 2**16:
        order = order[np.argsort((k[order] >> 16).astype(np.uint16), kind="stable")]
    return order
