"""Text columns as integer codes without a string per row.

The loader keeps the columns that repeat over millions of events (case, activity, staff,
resident, department, source file) as pandas categories. ``values.astype(str)`` would make
a Python string for every row again; these helpers work on the categories instead and give
exactly what the string versions give.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["as_text", "factorize_strings", "factorize_text"]


def as_text(values: pd.Series) -> pd.Series:
    """``values.astype(str)`` for a column without missing values; a categorical column
    stays one, only its categories turned to text.

    >>> as_text(pd.Series(pd.Categorical([2, 1, 2]))).tolist(), as_text(pd.Series([1])).tolist()
    (['2', '1', '2'], ['1'])
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.rename_categories(values.cat.categories.astype(str))
    return values.astype(str)


def factorize_strings(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(column.astype("string"), use_na_sentinel=False)`` (codes in order of
    first appearance, missing values coded too, as ``pd.NA``), with the values as an
    object array; a categorical column is coded through its categories.

    >>> s = pd.Series(pd.Categorical(["b", None, "b", "a"]))
    >>> [x.tolist() for x in factorize_strings(s)]
    [[0, 1, 0, 2], ['b', <NA>, 'a']]
    """
    if not isinstance(column.dtype, pd.CategoricalDtype):
        codes, uniques = pd.factorize(column.astype("string"), use_na_sentinel=False)
        return np.asarray(codes, dtype=np.intp), np.asarray(uniques, dtype=object)
    categories = pd.Categorical.from_codes(
        np.arange(len(column.cat.categories)), dtype=column.dtype
    )
    text = pd.Series(categories).astype("string")  # each category's text, as the rows get it
    same, texts = pd.factorize(text, use_na_sentinel=False)  # equal texts, one code
    per_row = np.append(same, -1)[column.cat.codes.to_numpy()]  # -1: missing
    codes, first = pd.factorize(per_row)  # -1 is a value here: missing gets its code
    names = np.append(np.asarray(texts, dtype=object), np.array([pd.NA], dtype=object))
    return np.asarray(codes, dtype=np.intp), names[first]


def factorize_text(values: pd.Series, *, sort: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values.astype(str), sort=sort)``: the codes, and the distinct texts
    as an object array (in order of first appearance, or sorted); for a categorical
    column without missing values, computed on its categories (:func:`factorize_strings`).

    >>> s = pd.Series(pd.Categorical(["b", "a", "b", "c"], categories=["c", "b", "a"]))
    >>> [x.tolist() for x in factorize_text(s)], [x.tolist() for x in factorize_text(s, sort=True)]
    ([[0, 1, 0, 2], ['b', 'a', 'c']], [[1, 0, 1, 2], ['a', 'b', 'c']])
    """
    if not isinstance(values.dtype, pd.CategoricalDtype) or bool(values.isna().any()):
        codes, uniques = pd.factorize(values.astype(str), sort=sort)
        return np.asarray(codes, dtype=np.intp), np.asarray(uniques, dtype=object)
    local, texts = factorize_strings(values)
    if not sort:
        return local, texts
    order = np.argsort(texts, kind="stable")
    rank = np.empty(len(order), dtype=np.intp)
    rank[order] = np.arange(len(order))
    return rank[local], texts[order]
