"""How procmine.io names places and quotes values in its one-line messages.

Every message of :mod:`procmine.io` reads ``FILE:LINE: what is wrong — what to do`` (or
``FILE: …`` when no line applies). Values, headers and file names come from the inputs, so
they are quoted with :func:`show`: shortened, and with control, format and line-separator
characters escaped, so a message stays one line and cannot drive the terminal (ANSI escape
sequences) or reorder text (bidi overrides).

A warning is a :class:`Notice`: its English text (what the command line prints and
findings.json keeps) with a :data:`Code` and the parameters it was built from, so that the
report can say it in its own language (``warn_<code>`` in :mod:`procmine.report.i18n`).
Parameters hold text already made safe with :func:`show` and :func:`at`, numbers, and the
small types below for the parts whose wording depends on the language (rows, lists).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal, TypeAlias, get_args

__all__ = [
    "CODES",
    "Code",
    "Dropped",
    "More",
    "Notice",
    "Param",
    "Place",
    "Repeat",
    "Row",
    "Sample",
    "Term",
    "at",
    "counted",
    "moved",
    "show",
    "split_how",
    "with_time_of_day",
]

# C0/C1 controls, DEL, zero-width and bidi formatting characters, line/paragraph separators,
# BOM and interlinear annotation characters.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb]"
)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def show(value: object, *, limit: int = 40) -> str:
    """``value`` as text that is safe to print on one line, cut to ``limit`` characters.

    Examples
    --------
    >>> show("受付\\x1b[2J")
    '受付\\\\x1b[2J'
    >>> show("a" * 50, limit=10)
    'aaaaaaaaaa…'
    >>> show("x\\ny")
    'x\\\\ny'
    """
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return _UNSAFE.sub(_escape, text)


#: Between how a date column was found and the column its time of day came from, in a
#: :class:`~procmine.model.ColumnMapping`'s ``how`` (``header; time of day from 処理時刻``).
_TIME_OF_DAY_FROM = "; time of day from "


def with_time_of_day(how: str, column: str) -> str:
    """``how`` a date column was found, with the ``column`` its time of day came from.

    Examples
    --------
    >>> with_time_of_day("header", "処理時刻")
    'header; time of day from 処理時刻'
    """
    return f"{how}{_TIME_OF_DAY_FROM}{column}"


def split_how(how: str) -> tuple[str, str | None]:
    """A mapping's ``how`` as (how the column was found, the column its time of day came
    from or None): the inverse of :func:`with_time_of_day`.

    Examples
    --------
    >>> split_how("header; time of day from 処理時刻"), split_how("values")
    (('header', '処理時刻'), ('values', None))
    """
    found, sep, column = how.partition(_TIME_OF_DAY_FROM)
    return (found, column) if sep else (how, None)


_COUNTABLE = ("department", "event", "file", "id", "line", "row", "timestamp", "value")


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, in the plural unless ``n`` is 1 (a reason that is no noun, such
    as ``missing case``, stays as it is).

    Examples
    --------
    >>> counted(1, "duplicate row"), counted(3, "duplicate row"), counted(2, "missing case")
    ('1 duplicate row', '3 duplicate rows', '2 missing case')
    >>> counted(12345, "event")
    '12,345 events'
    """
    if n != 1 and noun.endswith(_COUNTABLE):
        noun += "s"
    return f"{n:,} {noun}"


def at(source: str, line: int | None = None) -> str:
    """``FILE:LINE`` (or ``FILE``), with the file name made safe to print.

    Examples
    --------
    >>> at("kokuho.csv", 12), at("kokuho.csv")
    ('kokuho.csv:12', 'kokuho.csv')
    """
    name = show(source, limit=200)
    return f"{name}:{line}" if line is not None else name


#: What a warning of :mod:`procmine.io` is about; the report's template is ``warn_<code>``.
Code: TypeAlias = Literal[
    "skipped",
    "unread_export",
    "unread_exports",
    "headers_renamed",
    "title_lines",
    "too_many_fields",
    "long_record",
    "joined_lines",
    "bad_timestamps",
    "excel_serial_times",
    "unix_times",
    "wide_case_table",
    "register_file",
    "wide_bad_dates",
    "duplicate_row_dropped",
    "duplicate_rows_dropped",
    "duplicate_row_kept",
    "duplicate_rows_kept",
    "rows_dropped",
    "bad_end_times",
    "times_of_day_unpaired",
    "times_of_day_partial",
    "end_before_start",
    "end_before_start_one",
    "shared_case_ids",
    "person_keys_apart",
    "department_missing",
    "data_columns_renamed",
    "models_unreadable",
    "model_name_taken",
    "model_no_activities",
    "header_controls",
    "value_controls",
]
CODES: tuple[str, ...] = get_args(Code)


@dataclass(frozen=True)
class Row:
    """A row named in a message: ``label`` is ``"line"`` (CSV/TSV, a line of the file),
    ``"row"`` (Parquet) or ``"event"`` (XES); ``number`` counts from 1."""

    label: str
    number: int


@dataclass(frozen=True)
class Place:
    """Where a message points: a file (made safe with :func:`at`) and perhaps a row."""

    file: str
    row: Row | None = None


@dataclass(frozen=True)
class Repeat:
    """A row that repeats an earlier one (``line 5 = line 2``)."""

    row: Row
    first: Row


@dataclass(frozen=True)
class Sample:
    """A row and its value (made safe with :func:`show`, masked where it may be personal)."""

    row: Row
    value: str


@dataclass(frozen=True)
class Dropped:
    """How many rows were dropped for a reason of :data:`procmine.model.DROP_REASONS`."""

    reason: str
    count: int


@dataclass(frozen=True)
class More:
    """How many items a list leaves out (nothing is said when 0)."""

    count: int


@dataclass(frozen=True)
class Term:
    """A word of the report's vocabulary (``notice_<key>`` in :mod:`procmine.report.i18n`)."""

    key: str


Item: TypeAlias = str | int | Row | Repeat | Sample | Dropped | Term
#: What a parameter of a :class:`Notice` may be: an item, a list of items, a place, a count
#: of left-out items.
Param: TypeAlias = Item | tuple[Item, ...] | Place | More


class Notice(str):
    """A warning: its English text, with the :data:`Code` and parameters it was built from.

    It is a ``str`` (the English text), so it is printed, compared and stored like one, and
    it pickles with its code (for procmine's forked helpers).

    Examples
    --------
    >>> import pickle
    >>> n = Notice("a.csv: skipped (hidden or temporary file)", "skipped",
    ...            place=Place("a.csv"), why=Term("hidden"))
    >>> n == "a.csv: skipped (hidden or temporary file)", n.code
    (True, 'skipped')
    >>> pickle.loads(pickle.dumps(n)).params["why"]
    Term(key='hidden')
    """

    code: Code
    params: dict[str, Param]

    def __new__(cls, text: str, code: Code, **params: Param) -> Notice:
        if code not in CODES:
            raise ValueError(f"unknown notice code {code!r}")
        self = super().__new__(cls, text)
        self.code = code
        self.params = params
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (str(self), self.code, self.params))


def _rebuild(text: str, code: Code, params: dict[str, Param]) -> Notice:
    return Notice(text, code, **params)


def moved(warning: str, old: str, new: str) -> str:
    """``warning`` with the file name ``old`` it starts with named ``new`` (text and place).

    Examples
    --------
    >>> n = moved(Notice("a.csv:3: x", "long_record", place=Place("a.csv", Row("line", 3))),
    ...           "a.csv", "b/a.csv")
    >>> n, n.params["place"].file
    ('b/a.csv:3: x', 'b/a.csv')
    """
    if not warning.startswith(old):
        return warning
    text = warning.replace(old, new, 1)
    if not isinstance(warning, Notice):
        return text
    params = {
        key: replace(value, file=new) if isinstance(value, Place) and value.file == old else value
        for key, value in warning.params.items()
    }
    return Notice(text, warning.code, **params)
