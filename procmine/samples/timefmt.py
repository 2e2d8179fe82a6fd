"""Calendar (working days) and the date/time notations the city's systems write."""

from __future__ import annotations

from datetime import date, datetime, timedelta

#: (first day, kanji name, abbreviation) of the Japanese eras, newest first.
ERAS: tuple[tuple[date, str, str], ...] = (
    (date(2019, 5, 1), "令和", "R"),
    (date(1989, 1, 8), "平成", "H"),
    (date(1926, 12, 25), "昭和", "S"),
    (date(1912, 7, 30), "大正", "T"),
    (date(1868, 1, 25), "明治", "M"),
)

OPEN = 8 * 60 + 30  # minutes after midnight
CLOSE = 17 * 60 + 15


class Calendar:
    """Working days of the city office: weekdays that are not holidays."""

    def __init__(self, holidays: tuple[str, ...]) -> None:
        self._holidays = {date.fromisoformat(h) for h in holidays}

    def is_open(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self._holidays

    def next_open(self, d: date) -> date:
        """``d`` itself if it is a working day, else the next working day."""
        while not self.is_open(d):
            d += timedelta(days=1)
        return d

    def add_days(self, d: date, days: int) -> date:
        """Calendar days later, rolled forward to a working day."""
        return self.next_open(d + timedelta(days=days))


def era(d: date) -> tuple[str, str, int]:
    """Era name, abbreviation and year of a date.

    Examples
    --------
    >>> era(date(1980, 3, 2))
    ('昭和', 'S', 55)
    >>> era(date(2019, 5, 1))
    ('令和', 'R', 1)
    """
    for start, name, abbr in ERAS:
        if d >= start:
            return name, abbr, d.year - start.year + 1
    raise ValueError(f"date before 明治: {d}")


def format_date(d: date, style: str) -> str:
    """Write a date the way a system does.

    Examples
    --------
    >>> [format_date(date(1980, 3, 2), s) for s in ("slash", "slash_nopad", "iso", "compact")]
    ['1980/03/02', '1980/3/2', '1980-03-02', '19800302']
    >>> format_date(date(1980, 3, 2), "era_kanji"), format_date(date(1989, 5, 1), "era_abbr")
    ('昭和55年3月2日', 'H1.5.1')
    >>> format_date(date(2019, 6, 1), "era_kanji")
    '令和元年6月1日'
    """
    if style in ("slash", ""):
        return f"{d.year:04d}/{d.month:02d}/{d.day:02d}"
    if style == "slash_nopad":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "iso":
        return d.isoformat()
    if style == "compact":
        return f"{d.year:04d}{d.month:02d}{d.day:02d}"
    name, abbr, year = era(d)
    if style == "era_kanji":
        y = "元" if year == 1 else str(year)
        return f"{name}{y}年{d.month}月{d.day}日"
    if style == "era_abbr":
        return f"{abbr}{year}.{d.month}.{d.day}"
    raise ValueError(f"unknown date style {style!r}")


def format_timestamp(t: datetime, style: str) -> str:
    """Write a time stamp the way a system does.

    Examples
    --------
    >>> t = datetime(2026, 4, 1, 9, 30, 5)
    >>> [format_timestamp(t, s) for s in ("slash", "iso", "iso_t", "era")]
    ['2026/04/01 09:30:05', '2026-04-01 09:30:05', '2026-04-01T09:30:05', '令和8年4月1日 9時30分']
    >>> [format_timestamp(t, s) for s in ("kanji", "era_abbr", "slash_min")]
    ['2026年4月1日 9時30分', 'R8.4.1 9:30', '2026/4/1 9:30']
    """
    if style == "slash":
        return t.strftime("%Y/%m/%d %H:%M:%S")
    if style == "iso":
        return t.strftime("%Y-%m-%d %H:%M:%S")
    if style == "iso_t":
        return t.strftime("%Y-%m-%dT%H:%M:%S")
    if style == "era":
        return f"{format_date(t.date(), 'era_kanji')} {t.hour}時{t.minute:02d}分"
    if style == "kanji":
        return f"{t.year}年{t.month}月{t.day}日 {t.hour}時{t.minute:02d}分"
    if style == "era_abbr":
        return f"{format_date(t.date(), 'era_abbr')} {t.hour}:{t.minute:02d}"
    if style == "slash_min":
        return f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}"
    raise ValueError(f"unknown timestamp style {style!r}")
