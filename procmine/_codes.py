"""Text columns as integer codes without a string per row.

The loader keeps the columns that repeat over millions of events (case, activity, staff,
resident, department, source file) as pandas categories. ``values.astype(str)`` would make
a Python string for every row again; these helpers work on the categories instead and give
exactly what the string versions give.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["as_text", "factorize_text"]


def as_text(values: pd.Series) -> pd.Series:
    """``values.astype(str)`` for a column without missing values; a categorical column
    stays one, only its categories turned to text.

    >>> as_text(pd.Series(pd.Categorical([2, 1, 2]))).tolist(), as_text(pd.Series([1])).tolist()
    (['2', '1', '2'], ['1'])
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.rename_categories(values.cat.categories.astype(str))
    return values.astype(str)


def factorize_text(values: pd.Series, *, sort: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values.astype(str), sort=sort)``: the codes, and the distinct texts
    as an object array (in order of first appearance, or sorted); for a categorical
    column without missing values, computed on its categories.

    >>> s = pd.Series(pd.Categorical(["b", "a", "b", "c"], categories=["c", "b", "a"]))
    >>> [x.tolist() for x in factorize_text(s)], [x.tolist() for x in factorize_text(s, sort=True)]
    ([[0, 1, 0, 2], ['b', 'a', 'c']], [[1, 0, 1, 2], ['a', 'b', 'c']])
    """
    if not isinstance(values.dtype, pd.CategoricalDtype) or bool(values.isna().any()):
        codes, uniques = pd.factorize(values.astype(str), sort=sort)
        return np.asarray(codes, dtype=np.intp), np.asarray(uniques, dtype=object)
    local, first = pd.factorize(values.cat.codes.to_numpy())
    texts = np.asarray(values.cat.categories.astype(str), dtype=object)[first]
    if not sort:
        return np.asarray(local, dtype=np.intp), texts
    order = np.argsort(texts, kind="stable")
    rank = np.empty(len(order), dtype=np.intp)
    rank[order] = np.arange(len(order))
    return rank[local], texts[order]
