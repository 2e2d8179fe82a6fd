"""Cell and text helpers shared by the report's sections."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from procmine.report.document import Cell
from procmine.report.values import fmt_int, number, text, text_list

Strings = dict[str, str]


def num(value: Any, fmt: Callable[..., str] = fmt_int) -> Cell:
    """A numeric cell: formatted text, sortable by the number."""
    return Cell(fmt(value), sort=number(value))


def txt(value: Any) -> Cell:
    """A text cell; missing values show as a dash."""
    return Cell(text(value, none="—") or "—")


def names(value: Any) -> list[str]:
    """A cell holding several names: a list, or one string joined with ``" / "``.

    Examples
    --------
    >>> names("市民課 / 税務課"), names(["a", "b"]), names(None)
    (['市民課', '税務課'], ['a', 'b'], [])
    """
    out: list[str] = []
    for item in text_list(value):
        out.extend(part.strip() for part in item.split(" / ") if part.strip())
    return out


def joined(t: Strings, value: Any) -> str:
    """Names joined with the language's list separator (``、`` / ``, ``)."""
    return t["list_sep"].join(names(value)) or t["none"]


def capped(t: Strings, items: list[str], limit: int = 6, *, more: str = "more_items") -> Cell:
    """At most ``limit`` names, then "+N more" (the template ``t[more]``: ``more_items`` ほか
    N件, ``more_departments`` ほかN課); the full list goes into the cell's title."""
    if len(items) <= limit:
        return Cell(t["list_sep"].join(items) or t["none"])
    shown = t["list_sep"].join(items[:limit])
    more = t[more].format(n=len(items) - limit)
    return Cell(f"{shown}{t['list_sep']}{more}", title=t["list_sep"].join(items))


def date_text(t: Strings, iso: str | None) -> str:
    """An ISO date (``YYYY-MM-DD``) in the report's style: ``2025年4月1日`` in Japanese, as it
    is in English; ``?`` when unknown.

    Examples
    --------
    >>> from procmine.report.i18n import strings
    >>> date_text(strings("ja"), "2025-04-01"), date_text(strings("en"), "2025-04-01")
    ('2025年4月1日', '2025-04-01')
    """
    if not iso:
        return "?"
    parts = iso[:10].split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return iso
    if t["date_padded"] == "yes":  # two-digit month and day (ISO)
        return t["date"].format(y=parts[0], m=parts[1], d=parts[2])
    return t["date"].format(y=int(parts[0]), m=int(parts[1]), d=int(parts[2]))


def period_text(t: Strings, start: str | None, end: str | None) -> str:
    """``start – end`` (``2025年4月1日～2027年1月20日`` in Japanese) or a dash when both are
    unknown."""
    if not start and not end:
        return t["none"]
    return t["period_range"].format(start=date_text(t, start), end=date_text(t, end))


def label(t: Strings, prefix: str, key: Any) -> str:
    """Translate a code (``performer_staff`` …) or show it as it is when unknown."""
    if key is None:
        return t["none"]
    return t.get(f"{prefix}_{key}", str(key))


def principle_names(t: Strings, value: Any) -> str:
    """The candidate's principles in the report's language."""
    from procmine.report.facts import principles

    return t["list_sep"].join(label(t, "principle", p) for p in principles(value)) or t["none"]


def shade(value: float, top: float) -> float | None:
    """Share of the table's largest value, for a heat-map cell (None for 0)."""
    return value / top if value > 0 and top > 0 else None


__all__ = [
    "Strings",
    "capped",
    "date_text",
    "joined",
    "label",
    "names",
    "num",
    "period_text",
    "principle_names",
    "shade",
    "txt",
]
