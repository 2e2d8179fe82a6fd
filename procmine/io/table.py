"""The table every reader returns, and the checks every reader applies to it.

:class:`RawTable` holds one file's records as text. :func:`clean_table` then makes the
values safe to carry on: control characters are replaced (and counted in a warning) and a
field longer than :func:`~procmine.io.limits.field_limit` refuses the file with its row
and column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputError
from .limits import field_limit
from .messages import Notice, Place, Row, at, show

__all__ = ["CONTROL", "RawTable", "blank_rows", "clean_table", "place", "unique_headers"]

#: Control characters replaced in every value and header (tab, line feed and carriage
#: return are kept: they are ordinary in free text).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_REPLACEMENT = "\ufffd"


@dataclass
class RawTable:
    """One file's records as text, before roles are assigned.

    ``rows`` gives each record's place in the file (see ``row_label``); ``skipped`` maps a
    reason (``"too many fields"``) to the places of records that could not be read as a
    row and are therefore not in ``frame`` — they count as read and dropped.
    """

    frame: pd.DataFrame
    rows: np.ndarray
    format: str
    encoding: str | None
    row_label: str  # "line", "event" or "row": how ``rows`` are named in messages
    warnings: list[str]
    skipped: dict[str, np.ndarray] = field(default_factory=dict)


def place(source: str, label: str, number: int | None) -> str:
    """``kokuho.csv:12`` for lines, ``log.xes: event 12`` for other kinds of rows.

    Examples
    --------
    >>> place("a.csv", "line", 3), place("a.xes", "event", 3), place("a.csv", "line", None)
    ('a.csv:3', 'a.xes: event 3', 'a.csv')
    """
    if number is None:
        return at(source)
    if label == "line":
        return at(source, int(number))
    return f"{at(source)}: {label} {int(number)}"


def place_of(source: str, label: str, number: int | None) -> Place:
    """:func:`place` as a :class:`~procmine.io.messages.Place`, for a notice's parameters.

    Examples
    --------
    >>> place_of("a.xes", "event", 3)
    Place(file='a.xes', row=Row(label='event', number=3))
    """
    return Place(at(source), None if number is None else Row(label, int(number)))


def unique_headers(names: Sequence[object]) -> tuple[list[str], list[str]]:
    """Headers stripped, empty ones named ``column N``, repeats suffixed ``.1``, ``.2`` ….

    Returns the names and the descriptions of the renamed repeats (for a warning).

    Examples
    --------
    >>> unique_headers(["case", " case ", None, "case.1", "x"])
    (['case', 'case.2', 'column 3', 'case.1', 'x'], ['case → case.2'])
    """
    cleaned: list[str] = []
    for i, name in enumerate(names):
        text = "" if name is None or (isinstance(name, float) and np.isnan(name)) else str(name)
        text = text.strip()
        cleaned.append(text if text else f"column {i + 1}")
    taken = set(cleaned)
    seen: set[str] = set()
    out: list[str] = []
    renamed: list[str] = []
    for name in cleaned:
        if name not in seen:
            seen.add(name)
            out.append(name)
            continue
        n = 1
        while f"{name}.{n}" in taken or f"{name}.{n}" in seen:
            n += 1
        new = f"{name}.{n}"
        seen.add(new)
        taken.add(new)
        out.append(new)
        renamed.append(f"{show(name)} → {show(new)}")
    return out, renamed


def _is_text(column: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(column.dtype) or column.dtype == object


def _distinct(column: pd.Series) -> pd.Series:
    """The distinct values of a text column, with its dtype: checks that hold for every
    value are made once per distinct value (most columns repeat their values)."""
    try:
        return pd.Series(column.unique(), dtype=column.dtype)
    except TypeError:  # unhashable objects: check every value
        return column


def blank_rows(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose every value is missing or only spaces.

    Examples
    --------
    >>> blank_rows(pd.DataFrame({"a": ["x", " ", None], "b": [None, None, None]})).tolist()
    [False, True, True]
    """
    blank = np.ones(len(frame), dtype=bool)
    for position in range(frame.shape[1]):
        if not blank.any():  # every row already has a value
            break
        column = frame.iloc[:, position]
        present = np.array(column.notna(), dtype=bool)
        if present.any() and _is_text(column):
            stripped = column[present].astype(str).str.strip()
            present[present] = np.array(stripped != "", dtype=bool)
        blank &= ~present
    return blank


def clean_table(
    table: RawTable, *, source: str, check_controls: bool = True, check_lengths: bool = True
) -> RawTable:
    """Refuse over-long fields and replace control characters, in place; returns ``table``.

    ``check_controls`` and ``check_lengths`` may be turned off by a reader that knows its
    text holds no control character or is shorter than the field limit.

    Raises
    ------
    InputError
        A value is longer than the field limit (``FILE:ROW: …`` naming the column).
    """
    frame = table.frame
    limit = field_limit()
    distinct: dict[int, pd.Series] = {}
    for position, name in enumerate(frame.columns if check_lengths else ()):
        column = frame.iloc[:, position]
        if not _is_text(column):
            continue
        # the longest value is the longest distinct one; rows are read only to name it
        distinct[position] = _distinct(column)
        longest = distinct[position].str.len().max()
        if pd.isna(longest) or int(longest) <= limit:
            continue
        lengths = column.str.len()
        longest = lengths.max()
        if pd.notna(longest) and int(longest) > limit:
            first = int(np.flatnonzero((lengths > limit).fillna(False).to_numpy(dtype=bool))[0])
            raise InputError(
                f"{place(source, table.row_label, int(table.rows[first]))}: a value of "
                f"{int(lengths.iloc[first]):,} characters in column '{show(name)}' (at most "
                f'{limit:,} are read) — look for an unbalanced quote (") before it or remove '
                "the value; PROCMINE_MAX_FIELD_CHARS raises the limit"
            )
    if not check_controls:
        return table
    headers = [str(c) for c in frame.columns]
    count = 0
    first_row: int | None = None
    example = ""
    char_name = column_name = ""
    replaced: dict[str, pd.Series] = {}
    for position, name in enumerate(headers):
        column = frame.iloc[:, position]
        if not _is_text(column):
            continue
        values = distinct[position] if position in distinct else _distinct(column)
        if not values.str.contains(CONTROL, regex=True).fillna(False).to_numpy(dtype=bool).any():
            continue  # no distinct value holds one, so no row does
        hit = column.str.contains(CONTROL, regex=True).fillna(False).to_numpy(dtype=bool)
        if not hit.any():
            continue
        count += int(hit.sum())
        index = int(np.flatnonzero(hit)[0])
        row = int(table.rows[index])
        if first_row is None or row < first_row:
            first_row = row
            char = CONTROL.search(str(column.iloc[index]))
            code = ord(char.group()) if char else 0
            char_name, column_name = f"U+{code:04X}", show(name)
            example = f"{char_name} in column '{column_name}'"
        replaced[name] = column.str.replace(CONTROL, _REPLACEMENT, regex=True)
    if replaced:
        columns = {name: replaced.get(name, frame.iloc[:, i]) for i, name in enumerate(headers)}
        frame = pd.DataFrame(columns, index=frame.index)
    new_headers = [CONTROL.sub(_REPLACEMENT, h) for h in headers]
    if new_headers != headers:
        new_headers, _ = unique_headers(new_headers)
        frame.columns = new_headers
        table.warnings.append(
            Notice(
                f"{at(source)}: column names held control characters; they were replaced by "
                "U+FFFD (�) — clean the header of the export",
                "header_controls",
                place=Place(at(source)),
            )
        )
    if count:
        table.warnings.append(
            Notice(
                f"{place(source, table.row_label, first_row)}: {count:,} values held control "
                f"characters (first {example}); they were replaced by U+FFFD (�)",
                "value_controls",
                place=place_of(source, table.row_label, first_row),
                count=f"{count:,}",
                char=char_name,
                column=column_name,
            )
        )
    table.frame = frame
    return table
