"""Timestamp and date parsing for exported event logs, including Japanese era dates (和暦).

Accepted forms (after Unicode NFKC normalisation, so full-width digits and separators work):

* ISO 8601: ``2024-04-01``, ``2024-04-01 09:30``, ``2024-04-01T09:30:15.250`` and the same
  with a UTC offset (``Z``, ``+09:00``, ``+0900``);
* slashes or dots: ``2024/04/01``, ``2024/4/1 9:30``, ``2024.4.1 9:30:15``;
* Japanese: ``2024年4月1日``, ``2024年4月1日 9時30分``, ``2024年4月1日(月) 9時30分15秒``,
  with an optional ``午前``/``午後`` before the hour;
* era dates (和暦): ``令和8年4月1日 9時30分``, ``令和元年5月1日``, ``R8.4.1 9:30``,
  ``R08/04/01``, ``H31.4.30``, ``平成``, ``昭和`` (``S55.3.2``), ``大正``, ``明治``.

Without an era a year must have four digits (``24/4/1`` is ambiguous and left unparsed).
Impossible dates and times (``2026-02-30``, ``25:00``) and times outside the range of
``datetime64[ns]`` (before 1677-09-22 or after 2262-04-10, such as the ``9999-12-31`` that
systems write for "no end") are unparsable (NaT), never an error.
Era years are converted without checking the era's end (``平成32年`` is read as 2020, as
such dates do occur in exports). Values with a UTC offset are converted to Japan time
(Asia/Tokyo) and then made naive, so every result is a naive local ``datetime64[ns]``.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

import numpy as np
import pandas as pd

from ..errors import ColumnError

__all__ = [
    "LOCAL_TIMEZONE",
    "parse_date",
    "parse_times_of_day",
    "parse_timestamps",
    "year_last_order",
]

#: Time zone that offset-carrying timestamps are converted to before being made naive.
LOCAL_TIMEZONE = "Asia/Tokyo"

_ERA_BASE = {
    "明治": 1868,
    "M": 1868,
    "大正": 1912,
    "T": 1912,
    "昭和": 1926,
    "S": 1926,
    "平成": 1989,
    "H": 1989,
    "令和": 2019,
    "R": 2019,
}

_ISO_NAIVE = r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?$"
_ISO_OFFSET = (
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?\s?(?:Z|[+-]\d{2}(?::?\d{2})?)$"
)

# One pattern for everything else: optional era, year, month, day, optional weekday,
# optional time written with colons or with 時/分/秒.
_GENERAL = re.compile(
    r"^(?:(?P<era>令和|平成|昭和|大正|明治|[RHSTMrhstm])\.?\s*)?"
    r"(?P<y>\d{1,4}|元)\s*(?:年|/|\.|-)\s*"
    r"(?P<m>\d{1,2})\s*(?:月|/|\.|-)\s*"
    r"(?P<d>\d{1,2})\s*日?\s*"
    r"(?:\([月火水木金土日](?:曜日?)?\)\s*)?"
    r"(?:(?:T|\s)?\s*(?P<ampm>午前|午後|AM|PM|am|pm)?\s*"
    r"(?P<H>\d{1,2})\s*(?::|時)\s*(?:(?P<M>\d{1,2})\s*(?::|分)?\s*"
    r"(?:(?P<S>\d{1,2})(?:\.(?P<f>\d{1,9}))?\s*秒?)?)?\s*(?P<ampm2>AM|PM|am|pm)?)?$"
)
# Day and month before a four-digit year, as English-language systems write them
# (04/01/2024 09:05 AM, 31.03.2024 14:00): see _parse_year_last.
_YEAR_LAST = re.compile(
    r"^(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})"
    r"(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?$"
)


def _normalise(text: str) -> str:
    """NFKC, strip and collapse inner whitespace."""
    if text.isascii():
        return " ".join(text.split())
    return " ".join(unicodedata.normalize("NFKC", text).split())


#: Range of datetime64[ns]; times outside it (9999-12-31 "no end" markers …) become NaT.
_FIRST = np.datetime64("1677-09-22T00:00:00", "us")
_LAST = np.datetime64("2262-04-10T23:59:59", "us")


def _as_naive_ns(parsed: pd.Series) -> pd.Series:
    """Convert a datetime Series (naive or tz-aware, any unit) to naive local datetime64[ns].

    Values outside the range of ``datetime64[ns]`` (years before 1677 or after 2261, such
    as the ``9999-12-31`` that systems write for "no end") become NaT.
    """
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.as_unit("us").dt.tz_convert(LOCAL_TIMEZONE).dt.tz_localize(None)
    if parsed.dtype != np.dtype("datetime64[ns]"):
        parsed = parsed.astype("datetime64[us]")
        values = parsed.to_numpy()
        inside = (values >= _FIRST) & (values <= _LAST)
        if not inside.all():
            parsed = parsed.where(inside)
    return parsed.astype("datetime64[ns]")


_SNIFF_FORMATS = (
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M:%S.%f",
    "%Y年%m月%d日 %H時%M分%S秒",
    "%Y年%m月%d日 %H時%M分",
    "%Y年%m月%d日%H時%M分%S秒",
    "%Y年%m月%d日%H時%M分",
    "%Y年%m月%d日",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y.%m.%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
)
_MAX_SNIFF_ROUNDS = 6


def _sniff_format(sample: str) -> str | None:
    """The first of the fixed formats that parses ``sample`` (a four-digit year first)."""
    if not (len(sample) > 4 and sample[:4].isdigit() and not sample[4].isdigit()):
        return None
    for fmt in _SNIFF_FORMATS:
        try:
            _dt.datetime.strptime(sample, fmt)
        except ValueError:
            continue
        return fmt
    return None


def _parse_general(texts: pd.Series) -> pd.Series:
    """Parse normalised strings with the general pattern; NaT where it does not match."""
    out = pd.Series(pd.NaT, index=texts.index, dtype="datetime64[ns]")
    rows: list[tuple[int, int, int, int, int, int, int]] = []
    index: list[object] = []
    for key, text in zip(texts.index, texts.to_numpy(dtype=object), strict=True):
        parts = _GENERAL.match(text)
        if parts is None:
            continue
        era, year_text = parts["era"], parts["y"]
        if era:
            if year_text != "元" and int(year_text) == 0:
                continue  # an era starts at 元年 (1): year 0 is a typo, not the year before
            base = _ERA_BASE[era.upper()]
            year = base + (1 if year_text == "元" else int(year_text)) - 1
        elif len(year_text) == 4:
            year = int(year_text)
        else:
            continue  # two-digit years without an era are ambiguous
        hour = _twelve_hour(int(parts["H"] or 0), parts["ampm"] or parts["ampm2"])
        if hour is None:
            continue
        minute, second = int(parts["M"] or 0), int(parts["S"] or 0)
        if hour > 23 or minute > 59 or second > 59 or not 1678 <= year <= 2261:
            continue
        nanos = int((parts["f"] or "0").ljust(9, "0")[:9])
        rows.append((year, int(parts["m"]), int(parts["d"]), hour, minute, second, nanos))
        index.append(key)
    return _put(out, rows, index)


def _put(
    out: pd.Series, rows: list[tuple[int, int, int, int, int, int, int]], index: list[object]
) -> pd.Series:
    """``out`` with the timestamps of ``rows`` (year, month, day, hour, minute, second,
    nanoseconds) at ``index``; an impossible date (2月30日) stays NaT."""
    if not rows:
        return out
    frame = pd.DataFrame(
        rows, index=index, columns=["year", "month", "day", "hour", "minute", "second", "ns"]
    )
    stamps = _as_naive_ns(pd.to_datetime(frame.drop(columns="ns"), errors="coerce"))
    if frame["ns"].any():
        stamps = stamps + pd.to_timedelta(frame["ns"], unit="ns")
    out.loc[stamps.index] = stamps
    return out


def _twelve_hour(hour: int, ampm: str | None) -> int | None:
    """The hour on the 24-hour clock (``None``: not an hour of a 12-hour clock)."""
    mark = (ampm or "").upper().replace(".", "")
    if not mark:
        return hour
    if hour > 12:
        return None
    if mark in ("午後", "PM") and hour < 12:
        return hour + 12
    if mark in ("午前", "AM") and hour == 12:
        return 0
    return hour


_YEAR_LAST_START = r"^(\d{1,2})[/.\-](\d{1,2})[/.\-]\d{4}"


def year_last_order(*columns: pd.Series) -> bool | None:
    """Whether dates written day and month before the year (04/01/2024) put the day first,
    judged over all ``columns`` together (a file's start and end): ``True`` when a value
    starts with a number above 12, which only a day can be (31/03/2024), ``False`` when
    one's second number is, else ``None`` (each column then reads month first).

    >>> import pandas as pd
    >>> year_last_order(pd.Series(["12/04/2024"]), pd.Series(["13/04/2024 10:00"]))
    True
    >>> year_last_order(pd.Series(["04/13/2024"])), year_last_order(pd.Series(["2024-04-01"]))
    (False, None)
    """
    day = month = False
    for column in columns:
        if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):
            continue  # datetimes, numbers
        present = column.dropna()
        if not present.head(200).astype(str).str.strip().str.match(_YEAR_LAST_START).any():
            continue  # other formats (a file writes its dates one way)
        texts = pd.Series(present.unique()).astype(str).str.strip()
        parts = texts.str.extract(_YEAR_LAST_START).dropna().astype(int)
        if len(parts):
            day |= bool((parts[0] > 12).any())
            month |= bool((parts[1] > 12).any())
    return True if day and not month else False if month and not day else None


def _parse_year_last(texts: pd.Series, day_first: bool | None = None) -> pd.Series:
    """Parse dates written day and month before a four-digit year; NaT where they are not.

    Month first, as US systems write them (04/01/2024 = 1 April), unless ``day_first`` says
    otherwise or (``None``) one of the values starts with a number above 12, which only a
    day can be (31/03/2024: the column writes the day first).
    """
    out = pd.Series(pd.NaT, index=texts.index, dtype="datetime64[ns]")
    found = [
        (key, parts)
        for key, text in zip(texts.index, texts.to_numpy(dtype=object), strict=True)
        if (parts := _YEAR_LAST.match(text)) is not None
    ]
    if not found:
        return out
    if day_first is None:
        day_first = any(int(parts["a"]) > 12 for _, parts in found)
    rows: list[tuple[int, int, int, int, int, int, int]] = []
    index: list[object] = []
    for key, parts in found:
        first, second = int(parts["a"]), int(parts["b"])
        month, day = (second, first) if day_first else (first, second)
        hour = _twelve_hour(int(parts["H"] or 0), parts["ampm"])
        minute, second_ = int(parts["M"] or 0), int(parts["S"] or 0)
        if hour is None or hour > 23 or minute > 59 or second_ > 59:
            continue
        rows.append((int(parts["y"]), month, day, hour, minute, second_, 0))
        index.append(key)
    return _put(out, rows, index)


#: Day 0 of Excel's serial day numbers (in its 1900 date system, as read by every other tool).
EXCEL_EPOCH = _dt.date(1899, 12, 30)
#: A compact date and time, yyyymmddHHMMSS, of the years 1900–2099.
_COMPACT_STAMP = (
    r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])[0-5]\d[0-5]\d"
)


def _parse_unique(
    texts: pd.Series, day_first: bool | None = None, *, compact: bool = False
) -> pd.Series:
    """Parse a Series of distinct normalised strings (index kept); NaT where unparsable."""
    result = pd.Series(pd.NaT, index=texts.index, dtype="datetime64[ns]")
    rest = texts[texts != ""]
    if rest.empty:
        return result
    # Fast path 1: ISO 8601 (the most common export format), with or without a UTC offset.
    iso_like = rest.str.slice(4, 5) == "-"
    if iso_like.any():
        candidates = rest[iso_like]
        naive = candidates.str.match(_ISO_NAIVE)
        offset = ~naive & candidates.str.match(_ISO_OFFSET)
        for mask, utc in ((naive, False), (offset, True)):
            if mask.any():
                parsed = pd.to_datetime(
                    candidates[mask], format="ISO8601", errors="coerce", utc=utc
                )
                result.loc[parsed.index] = _as_naive_ns(parsed)
        rest = rest.drop(candidates.index[naive | offset])
    # Compact date and time of 14 digits (20250401120616, mainframe and vendor exports), in
    # a column whose header names a time (``compact``: an id such as 20250401000123 is not
    # one), read only where every field is in range.
    packed = rest.str.fullmatch(_COMPACT_STAMP) if compact else None
    if packed is not None and packed.any():
        parsed = pd.to_datetime(rest[packed], format="%Y%m%d%H%M%S", errors="coerce")
        hit = parsed.notna()
        result.loc[parsed.index[hit]] = _as_naive_ns(parsed[hit])
        rest = rest.drop(parsed.index[hit])
    # Fast path 2: sniff a fixed format from a sample and parse all values with it.
    for _ in range(_MAX_SNIFF_ROUNDS):
        if rest.empty:
            break
        fmt = next((f for f in map(_sniff_format, rest.iloc[:3]) if f), None)
        if fmt is None:
            break
        parsed = pd.to_datetime(rest, format=fmt, errors="coerce")
        hit = parsed.notna() & (parsed.dt.year >= 1000)
        if not hit.any():
            break
        result.loc[parsed.index[hit]] = _as_naive_ns(parsed[hit])
        rest = rest[~hit]
    # Day and month before the year (04/01/2024 09:05 AM), read together.
    if not rest.empty and rest.str.match(_YEAR_LAST_START).any():
        parsed = _parse_year_last(rest, day_first)
        hit = parsed.notna()
        result.loc[parsed.index[hit]] = parsed[hit]
        rest = rest[~hit]
    # Everything else (era dates, 午後, odd spacing …) through the general pattern.
    if not rest.empty:
        parsed = _parse_general(rest)
        hit = parsed.notna()
        result.loc[parsed.index[hit]] = parsed[hit]
    return result


def parse_timestamps(
    values: pd.Series,
    *,
    column: str = "",
    source: str = "",
    day_first: bool | None = None,
    compact: bool = False,
) -> pd.Series:
    """Parse exported timestamps into naive local ``datetime64[ns]``; NaT where unparsable.

    Each distinct value is parsed once. ISO 8601 and ``YYYY/MM/DD`` values go through
    pandas' vectorised parsers; Japanese and era forms through one vectorised pattern.
    Values with a UTC offset are converted to Asia/Tokyo and made naive. Empty strings
    and missing values become NaT.

    Parameters
    ----------
    values
        Strings (or datetimes) to parse; the index is kept.
    column, source
        Column and file name, used only in the message of the :class:`ColumnError`
        raised when ``values`` holds something that is neither text nor a datetime
        (for instance timedeltas).
    day_first
        For dates with the day and month before the year (04/01/2024): whether the day
        comes first; ``None`` (default) lets the values decide (:func:`year_last_order`).
    compact
        Also read 14 digits as ``yyyymmddHHMMSS`` (20250401120616): for a column whose
        header names a time; elsewhere such digits may be ids.

    Returns
    -------
    pandas.Series
        ``datetime64[ns]`` with the index of ``values``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series(["2024-04-01T09:30:00+09:00", "2024/4/1 9:30", "令和8年4月1日 9時30分",
    ...                "R8.4.1 9:30", "H31.4.30", "２０２４年４月１日", "not a date", ""])
    >>> for value in parse_timestamps(s):
    ...     print(value)
    2024-04-01 09:30:00
    2024-04-01 09:30:00
    2026-04-01 09:30:00
    2026-04-01 09:30:00
    2019-04-30 00:00:00
    2024-04-01 00:00:00
    NaT
    NaT
    >>> parse_timestamps(pd.Series(["2024-04-01T00:30:00Z"])).iloc[0]
    Timestamp('2024-04-01 09:30:00')
    >>> parse_timestamps(pd.Series(["20250401120616", "20251301120616"]), compact=True).tolist()
    [Timestamp('2025-04-01 12:06:16'), NaT]
    """
    if not isinstance(values, pd.Series):
        values = pd.Series(values)
    dtype = values.dtype
    if isinstance(dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(dtype):
        return _as_naive_ns(values)
    if pd.api.types.is_timedelta64_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
        where = f" in {source}" if source else ""
        name = f"column '{column}'" if column else "values"
        raise ColumnError(
            f"{name}{where} holds {dtype} values, not timestamps; pass --timestamp with a "
            "column of dates and times"
        )
    present = values.notna()
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    if not present.any():
        return out
    raw = values[present]
    if raw.dtype == object:
        # Mixed Python objects: datetimes are converted directly, the rest as text.
        is_dt = raw.map(lambda v: isinstance(v, (_dt.datetime, _dt.date, np.datetime64)))
        if is_dt.any():
            stamps = pd.to_datetime(raw[is_dt], errors="coerce", utc=True)
            naive = (
                raw[is_dt]
                .map(lambda v: not isinstance(v, _dt.datetime) or v.tzinfo is None)
                .astype(bool)
            )
            converted = _as_naive_ns(stamps)
            local = _as_naive_ns(pd.to_datetime(raw[is_dt][naive], errors="coerce"))
            converted.loc[local.index] = local
            out.loc[converted.index] = converted
            raw = raw[~is_dt]
    texts = raw if pd.api.types.is_string_dtype(raw.dtype) else raw.astype(str)
    codes, uniques = pd.factorize(texts, use_na_sentinel=True)
    parsed = _parse_unique(
        _normalise_all(pd.Series(uniques, dtype="str")), day_first, compact=compact
    )
    mapped = parsed.to_numpy()[codes]
    mapped[codes < 0] = np.datetime64("NaT")
    out.loc[texts.index] = mapped
    return out


def _normalise_all(texts: pd.Series) -> pd.Series:
    """:func:`_normalise` on every value; vectorised for the (usual) ASCII values."""
    ascii_mask = texts.str.isascii().fillna(True).astype(bool)
    out = texts.copy()
    if ascii_mask.any():
        plain = texts[ascii_mask].str.strip()
        spaced = pd.Series(False, index=plain.index)
        for needle in ("  ", "\t", "\n", "\r", "\f", "\v"):
            spaced |= plain.str.contains(needle, regex=False).fillna(False).astype(bool)
        if spaced.any():
            plain[spaced] = plain[spaced].str.replace(r"\s+", " ", regex=True)
        out[ascii_mask] = plain
    if not ascii_mask.all():
        other = texts[~ascii_mask]
        out[~ascii_mask] = [_normalise(t) for t in other.to_numpy(dtype=object)]
    return out


def parse_date(text: object) -> _dt.date | None:
    """Parse one date (or timestamp) by the rules of :func:`parse_timestamps`.

    Parameters
    ----------
    text
        The value, for instance a birth date ``"S55.3.2"``; missing values give ``None``.

    Returns
    -------
    datetime.date or None
        The date part, or ``None`` when the value is missing or unparsable.

    Examples
    --------
    >>> parse_date("S55.3.2")
    datetime.date(1980, 3, 2)
    >>> parse_date("令和元年5月1日")
    datetime.date(2019, 5, 1)
    >>> parse_date("昭和５５年３月２日")
    datetime.date(1980, 3, 2)
    >>> parse_date("1980-03-02T10:00:00")
    datetime.date(1980, 3, 2)
    >>> parse_date("2月30日") is None
    True
    """
    if text is None:
        return None
    if isinstance(text, _dt.datetime):
        return text.date()
    if isinstance(text, _dt.date):
        return text
    if not isinstance(text, str) and pd.api.types.is_scalar(text) and pd.isna(text):
        return None
    value = parse_timestamps(pd.Series([str(text)], dtype=object)).iloc[0]
    if pd.isna(value):
        return None
    date: _dt.date = value.date()
    return date


_TIME_OF_DAY = re.compile(
    r"^(?P<H>\d{1,2})\s*(?::|時)\s*(?P<M>\d{1,2})\s*分?\s*(?:(?::)?\s*(?P<S>\d{1,2})\s*秒?)?$"
)


_COMPACT_TIME = re.compile(r"^(?P<H>\d{1,2})(?P<M>\d{2})(?P<S>\d{2})?$")


def parse_times_of_day(values: pd.Series, *, compact: bool = False) -> pd.Series:
    """Parse times of day (``9:30``, ``09:30:15``, ``9時30分``) into ``timedelta64[ns]``;
    with ``compact``, also digits alone (``0905``, ``905``, ``090512``: what a column headed
    処理時刻 holds in some exports; elsewhere such digits are codes or amounts).

    Missing, empty and unparsable values (``25:00``, ``2024-04-01``) become NaT; each
    distinct value is parsed once.

    Examples
    --------
    >>> import pandas as pd
    >>> parse_times_of_day(pd.Series(["9:30", "12:16:59", "１３時５分", "25:00", None])).tolist()
    [Timedelta('0 days 09:30:00'), Timedelta('0 days 12:16:59'), Timedelta('0 days 13:05:00'), NaT, NaT]
    >>> parse_times_of_day(pd.Series(["0905", "1730", "2460"]), compact=True).tolist()
    [Timedelta('0 days 09:05:00'), Timedelta('0 days 17:30:00'), NaT]
    >>> parse_times_of_day(pd.Series(["0905"])).tolist()
    [NaT]
    """
    present = values.dropna()
    out = pd.Series(pd.NaT, index=values.index, dtype="timedelta64[ns]")
    if present.empty:
        return out
    codes, uniques = pd.factorize(present.astype(str), use_na_sentinel=True)
    seconds = np.full(len(uniques), np.nan)
    for i, text in enumerate(uniques):
        text = _normalise(str(text))
        parts = _TIME_OF_DAY.match(text) or (_COMPACT_TIME.match(text) if compact else None)
        if parts is None:
            continue
        hour, minute, second = int(parts["H"]), int(parts["M"]), int(parts["S"] or 0)
        if hour <= 23 and minute <= 59 and second <= 59:
            seconds[i] = hour * 3600 + minute * 60 + second
    out.loc[present.index] = pd.to_timedelta(seconds[codes], unit="s")
    return out
