"""Resident values, only for reports written with ``show_values=True``.

By default no output of procmine holds a resident value. With ``show_values`` the silo
section of the HTML/Markdown report shows, per held copy of a field, the most common
*format-only* differences from the authoritative copy (the same resident, values that
normalise to the same data but are written differently: ``１丁目２番`` vs ``1-2``), each with
one example. Residents appear only under a pseudonym (:class:`Pseudonyms`), never under
their key.

Examples
--------
>>> diff_pattern("光陽市本町１－２", "光陽市本町1-2")
'９－９→9-9'
>>> names = Pseudonyms()
>>> names("宛名000123"), names("宛名000999"), names("宛名000123")
('R0001', 'R0002', 'R0001')
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any

from procmine.report import facts
from procmine.report.values import plain

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from procmine.analysis import Analysis


class Pseudonyms:
    """Stable stand-ins for resident keys: ``R0001``, ``R0002`` … in order of first use.

    The numbers say nothing about the keys, so a report can refer to "the same resident"
    without showing who it is.
    """

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def __call__(self, key: Any) -> str:
        key = str(key)
        if key not in self._names:
            self._names[key] = f"R{len(self._names) + 1:04d}"
        return self._names[key]


_KANJI_DIGITS = "〇一二三四五六七八九十"


def _shape(ch: str) -> str:
    """A character's class for a difference pattern: digits by their script, others kept."""
    if ch.isdigit():
        return "９" if unicodedata.east_asian_width(ch) in "FW" else "9"
    return "九" if ch in _KANJI_DIGITS else ch


_RUNS = re.compile(r"(9|９|九)\1+")


def diff_pattern(a: str, b: str, *, max_parts: int = 4) -> str:
    """The edits turning ``a`` into ``b``, with digits masked by script (``9 ９ 九``).

    Runs of the same masked digit collapse, so every address written in full-width digits
    gives the same pattern; ``∅`` stands for nothing (an insertion or deletion).
    """
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    parts = []
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            continue
        left = _RUNS.sub(r"\1", "".join(_shape(c) for c in a[i1:i2])) or "∅"
        right = _RUNS.sub(r"\1", "".join(_shape(c) for c in b[j1:j2])) or "∅"
        parts.append(f"{left}→{right}")
    if len(parts) > max_parts:
        return " ".join(parts[:max_parts]) + " …"
    return " ".join(parts)


def _first_values(events: pd.DataFrame, column: str) -> dict[str, str]:
    """Person key → the first non-empty value of ``column``."""
    frame = events[["person", column]].dropna()
    frame = frame[frame["person"].astype(str).str.len().gt(0)]
    values = frame[column].astype(str).str.strip()
    frame = frame.assign(_v=values)[values.str.len().gt(0)]
    first = frame.drop_duplicates("person")
    return dict(zip(first["person"].astype(str), first["_v"], strict=True))


def format_only_examples(
    analysis: Analysis, *, per_copy: int = 3, pseudonyms: Pseudonyms | None = None
) -> list[dict[str, Any]]:
    """The most common format-only differences of each held copy from the authoritative one.

    Residents are linked by the ``person`` key; copies without it give no examples.

    Returns
    -------
    list of dict
        ``field, department, column, pattern, persons, authoritative_value, value, person``
        (``person`` is a pseudonym), at most ``per_copy`` per copy, most common first.
    """
    from procmine.text.values import normalize_many, values_equal

    names = pseudonyms or Pseudonyms()
    logs = getattr(analysis.dataset, "logs", {}) or {}
    cols = ["field", "department", "column", "field_type", "authoritative"]
    out: list[dict[str, Any]] = []
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in facts.records(analysis.silos, cols):
        groups.setdefault(str(r["field"]), []).append(r)
    for field, copies in groups.items():
        auth = next((c for c in copies if c["authoritative"] is True), None)
        if auth is None:
            continue
        auth_log = logs.get(str(auth["department"]))
        if auth_log is None or str(auth["column"]) not in auth_log.events.columns:
            continue
        if "person" not in auth_log.events.columns:
            continue
        field_type = str(plain(auth["field_type"]) or "text")
        reference = _first_values(auth_log.events, str(auth["column"]))
        for copy in copies:
            if copy is auth:
                continue
            log = logs.get(str(copy["department"]))
            column = str(copy["column"])
            if log is None or column not in log.events.columns or "person" not in log.events:
                continue
            held = _first_values(log.events, column)
            shared = sorted(p for p in held if p in reference and held[p] != reference[p])
            if not shared:
                continue
            left = normalize_many([reference[p] for p in shared], field_type)
            right = normalize_many([held[p] for p in shared], field_type)
            found: Counter[str] = Counter()
            example: dict[str, str] = {}
            for person, x, y in zip(shared, left, right, strict=True):
                if not values_equal(x, y, field_type):
                    continue
                pattern = diff_pattern(reference[person], held[person])
                found[pattern] += 1
                example.setdefault(pattern, person)
            for pattern, n in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:per_copy]:
                person = example[pattern]
                out.append(
                    {
                        "field": field,
                        "department": str(copy["department"]),
                        "column": column,
                        "pattern": pattern,
                        "persons": n,
                        "authoritative_value": reference[person],
                        "value": held[person],
                        "person": names(person),
                    }
                )
    return out


__all__ = ["Pseudonyms", "diff_pattern", "format_only_examples"]
