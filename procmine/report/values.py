"""Turning table cells of any type into plain Python values and display text.

Analysis tables come from pandas (numpy scalars, ``NaN``, ``NaT``, ``pd.NA``, tuples, sets),
so every writer goes through :func:`plain` before formatting or serialising.

Examples
--------
>>> import numpy as np
>>> plain(np.int64(3)), plain(np.float64("nan")), plain(("b", "a"))
(3, None, ['b', 'a'])
>>> fmt_int(1234567), fmt_num(3.14159), fmt_num(1234.6), fmt_pct(0.1234)
('1,234,567', '3.1', '1,235', '12.3%')
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def plain(value: Any) -> Any:
    """Return ``value`` as a JSON-able Python value (None for missing).

    Numpy scalars become int/float/bool, missing values (NaN, NaT, pd.NA) become None,
    timestamps become ISO strings, tuples and lists become lists, sets become sorted lists
    and mappings become dicts with string keys.

    Examples
    --------
    >>> plain({"b": {2, 1}, "a": float("inf")})
    {'b': [1, 2], 'a': None}
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v) for v in value), key=lambda v: (str(type(v)), str(v)))
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    # numpy / pandas without importing them at module level
    dtype = getattr(value, "dtype", None)
    tolist = getattr(value, "tolist", None)
    if dtype is not None and callable(tolist):  # numpy scalar or array
        if getattr(dtype, "kind", "") in ("M", "m"):  # datetime64 / timedelta64
            import pandas as pd

            if getattr(value, "ndim", 0):
                return [
                    plain(pd.Timestamp(v) if dtype.kind == "M" else pd.Timedelta(v)) for v in value
                ]
            value = pd.Timestamp(value) if dtype.kind == "M" else pd.Timedelta(value)
            return plain(value)
        return plain(tolist())
    if _missing(value):
        return None
    if callable(getattr(value, "isoformat", None)):  # datetime, date, pandas Timestamp
        return _iso(value)
    return str(value)


def _missing(value: Any) -> bool:
    """True for NaT, pd.NA and other scalar "missing" markers."""
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _iso(value: Any) -> str:
    text = str(value.isoformat())
    return text[: -len("T00:00:00")] if text.endswith("T00:00:00") else text


def number(value: Any) -> float | None:
    """Return ``value`` as a float, or None when missing or not a number.

    Examples
    --------
    >>> number("3"), number(None), number(True), number(2)
    (None, None, None, 2.0)
    """
    value = plain(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def is_number(value: Any) -> bool:
    """True for int/float values (not bool, not missing)."""
    return number(value) is not None


def fmt_int(value: Any, *, none: str = "—") -> str:
    """Format a count with thousands separators."""
    x = number(value)
    return none if x is None else f"{round(x):,}"


def fmt_num(value: Any, *, none: str = "—") -> str:
    """Format a measure: one decimal below 100, none from 100 on, with separators."""
    x = number(value)
    if x is None:
        return none
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if x == int(x):
        return f"{int(x)}"
    return f"{x:,.1f}"


def fmt_score(value: Any, *, none: str = "—") -> str:
    """Format a 0–1 score with two decimals."""
    x = number(value)
    return none if x is None else f"{x:.2f}"


def fmt_pct(value: Any, *, none: str = "—") -> str:
    """Format a 0–1 rate as a percentage with one decimal."""
    x = number(value)
    return none if x is None else f"{x * 100:.1f}%"


def text_list(value: Any) -> list[str]:
    """Return a cell holding one or several names as a list of strings.

    Lists, tuples and sets are returned element by element; a string is one item.

    Examples
    --------
    >>> text_list(("市民課", "税務課")), text_list("市民課"), text_list(None)
    (['市民課', '税務課'], ['市民課'], [])
    """
    value = plain(value)
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def text(value: Any, *, none: str = "") -> str:
    """Return a cell as display text (lists joined with ``", "``)."""
    value = plain(value)
    if value is None:
        return none
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


__all__ = [
    "fmt_int",
    "fmt_num",
    "fmt_pct",
    "fmt_score",
    "is_number",
    "number",
    "plain",
    "text",
    "text_list",
]
