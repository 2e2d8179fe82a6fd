"""One field kept in adjacent columns of one export, read as one column.

Systems built to the national standard (標準準拠システム) keep a resident's 氏 and 名 apart,
older ones an address in 住所1 / 住所2 (town, then 番地), and account lists the 全銀 codes of
the bank and the branch beside the account number. Each part alone agrees with no other
system's whole value, so the field would be missed in that system. Adjacent columns of one
department that could be such parts are joined into one column (``姓＋名``); the joined
column is kept only where its values agree with another system's column of the same field
at least as well as each part's (:func:`settle`), else the parts stay as they are. The silo
table lists the parts, not the joined column: the export's first part as matched by its
values, the others as ``matched_by = "part"``.

The candidates, by values only (headers are never read):

* two name (or two kana) columns whose values hold no space: 氏, 名;
* an address column, or a column of places naming a city, ward or town (光陽市本町), followed
  by a column of 番地 (``5-25-4``, ``3丁目2番1号``, ``12番地``);
* a column of 4-digit codes followed by one of 3-digit codes (a 全銀 bank and branch code),
  with up to two following account columns (type, number).

Each pair must be filled on the same rows (nine in ten of the rows holding either).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from procmine.model import Dataset, EventLog

from ._copies import Codebook, Copy, best_agreement
from ._profile import ColumnCodes

#: Joins the parts' headers in the joined column's name.
JOIN = "＋"
#: Values examined per column to decide whether it is a part.
_SAMPLE = 300
#: Share of the examined values that must look like the part.
_SHARE = 0.9
#: Rows holding both parts, over the rows holding either.
_TOGETHER = 0.9
#: Least rows holding both parts.
_MIN_ROWS = 10
#: A joined column is kept when it agrees with another system this well beyond chance
#: (Cohen's kappa) …
_MIN_KAPPA = 0.5
#: … and no worse than its best part (agreement times the share compared), less this.
_SLACK = 0.05

_BANCHI = re.compile(
    r"[0-9０-９〇一二三四五六七八九十百千]{1,4}"
    r"(?:(?:丁目|番地|番|号|の|[-‐－−ー])[0-9０-９〇一二三四五六七八九十百千]{0,4})*[号番地]?"
)
#: Columns of these types are never the 番地 of an address (a phone number is digits and
#: hyphens too).
_NOT_BANCHI = ("phone", "postal_code", "my_number", "bank_account", "birth_date")
_DIGITS = re.compile(r"[0-9０-９]+")
#: An address without its 番地 (光陽市本町, 北海道旭川市東一条) reads as a category or text,
#: but names a prefecture, city, ward, town or village.
_TOWN = re.compile(r"[都道府県市区町村郡]")
_TOWN_TYPES = ("category", "text", "unknown")


@dataclass(frozen=True)
class Joined:
    """Columns of one department read together as ``column``."""

    department: str
    column: str
    sources: tuple[str, ...]
    field_type: str
    separator: str


def _texts(columns: ColumnCodes, department: str, column: str) -> list[str]:
    """Up to :data:`_SAMPLE` distinct non-empty values of a column, as text."""
    coded = columns.coded(department, column)
    if coded.codes is not None:
        return [str(t) for t in coded.texts(np.arange(min(coded.size, _SAMPLE))).tolist()]
    values = columns.dataset.logs[department].events[column][coded.mask]
    return [str(v) for v in pd.unique(values.astype(str).to_numpy())[:_SAMPLE].tolist()]


def _share(texts: list[str], test: Callable[[str], object]) -> bool:
    """Whether nearly all of ``texts`` (:data:`_SHARE`) pass ``test``."""
    return bool(texts) and sum(1 for t in texts if test(t.strip())) >= _SHARE * len(texts)


def _one_word(text: str) -> bool:
    return bool(text) and not re.search(r"\s", text)


def _banchi(text: str) -> bool:
    """A 番地 (``5-25-4``, ``3丁目2番1号``): numbers and their marks only, eight digits at most
    (a phone number has ten or more)."""
    return bool(_BANCHI.fullmatch(text)) and sum(c.isdigit() for c in text) <= 8


def _digits(n: int) -> Callable[[str], bool]:
    """A test of ``n`` digits exactly (a 全銀 code: 4 for a bank, 3 for a branch)."""
    return lambda text: bool(_DIGITS.fullmatch(text)) and len(text) == n


def _together(columns: ColumnCodes, department: str, a: str, b: str) -> bool:
    ma, mb = columns.mask(department, a), columns.mask(department, b)
    both = int((ma & mb).sum())
    return both >= _MIN_ROWS and both >= _TOGETHER * int((ma | mb).sum())


def candidates(dataset: Dataset, profiles: pd.DataFrame, columns: ColumnCodes) -> list[Joined]:
    """The adjacent columns that may hold the parts of one field (see the module
    docstring), per department in the export's column order."""
    out: list[Joined] = []
    for department in sorted(dataset.logs):
        prof = profiles[profiles["department"] == department]
        types = dict(zip(prof["column"].astype(str), prof["field_type"].astype(str), strict=True))
        order = [c for c in dataset.logs[department].data_columns if c in types]
        taken: set[str] = set()
        for i, (a, b) in enumerate(itertools.pairwise(order)):
            if a in taken or b in taken or not _together(columns, department, a, b):
                continue
            ta, tb = types[a], types[b]
            ia, ib = _texts(columns, department, a), _texts(columns, department, b)
            parts: tuple[str, ...] = ()
            if ta == tb and ta in ("name", "kana"):
                if _share(ia, _one_word) and _share(ib, _one_word):
                    parts, ftype, sep = (a, b), ta, " "
            elif (
                (ta == "address" or (ta in _TOWN_TYPES and _share(ia, _TOWN.search)))
                and tb not in _NOT_BANCHI
                and _share(ib, _banchi)
                and not _share(ia, _banchi)
            ):
                parts, ftype, sep = (a, b), "address", ""
            elif _share(ia, _digits(4)) and _share(ib, _digits(3)):
                more = [
                    c
                    for c in order[i + 2 : i + 4]
                    if types[c] == "bank_account" and _together(columns, department, a, c)
                ]
                parts, ftype, sep = (a, b, *more), "bank_account", "-"
            if parts:
                taken.update(parts)
                name, n, exported = JOIN.join(parts), 2, set(dataset.logs[department].events)
                while name in exported:  # never over an exported column of that name
                    name, n = f"{JOIN.join(parts)} ({n})", n + 1
                out.append(Joined(department, name, parts, ftype, sep))
    return out


def joined_values(dataset: Dataset, joined: list[Joined]) -> dict[str, dict[str, pd.Series]]:
    """Each joined column's values by department (the value where every part has one), for
    :func:`with_columns`."""
    added: dict[str, dict[str, pd.Series]] = {}
    for j in joined:
        events = dataset.logs[j.department].events
        parts = [events[c].astype("string").str.strip() for c in j.sources]
        value = parts[0]
        for p in parts[1:]:
            value = value + j.separator + p
        present = np.logical_and.reduce([(p.notna() & (p != "")).to_numpy() for p in parts])
        added.setdefault(j.department, {})[j.column] = value.where(present).astype("string")
    return added


def with_columns(dataset: Dataset, added: dict[str, dict[str, pd.Series]]) -> Dataset:
    """``dataset`` with data columns added to some departments' events (``added``:
    department → header → values, aligned with the events); the other columns and the
    events are the same objects."""
    logs = dict(dataset.logs)
    for department, columns in added.items():
        log = logs[department]
        logs[department] = EventLog(
            log.department,
            log.events.assign(**columns),
            (*log.data_columns, *columns),
            log.sources,
        )
    return dataclasses.replace(dataset, logs=logs)


def profile_rows(added: list[tuple[str, str, str]], columns: ColumnCodes) -> pd.DataFrame:
    """Profile rows (as :func:`procmine.fields.profile_columns` makes them) of added columns,
    each ``(department, column, field type)``."""
    rows = []
    for department, column, field_type in added:
        coded = columns.coded(department, column)
        rows.append(
            {
                "department": department,
                "column": column,
                "field_type": field_type,
                "shape": field_type,
                "shape_share": 1.0,
                "header_type": None,
                "values": int(coded.mask.sum()),
                "distinct": coded.size,
            }
        )
    return pd.DataFrame(rows)


def settle(copies: list[Copy], joined: list[Joined], books: dict[str, Codebook]) -> list[Copy]:
    """``copies`` with each joined column kept, and its parts left out, where it agrees with
    another system well beyond chance (kappa at least :data:`_MIN_KAPPA`) and no worse
    than its best part; else the joined column left out. A kept joined column knows its
    parts (``Copy.sources``)."""
    at = {c.ident: i for i, c in enumerate(copies)}
    drop: set[int] = set()
    keep: dict[int, tuple[str, ...]] = {}
    for j in joined:
        v = at.get((j.department, j.column))
        if v is None:
            continue
        parts = [at[(j.department, s)] for s in j.sources if (j.department, s) in at]
        whole, kappa = best_agreement(copies[v], copies, books)
        best_part = max((best_agreement(copies[p], copies, books)[0] for p in parts), default=0.0)
        if kappa >= _MIN_KAPPA and whole >= best_part - _SLACK:
            drop.update(parts)
            keep[v] = j.sources
        else:
            drop.add(v)
    return [
        dataclasses.replace(c, sources=keep[i]) if i in keep else c
        for i, c in enumerate(copies)
        if i not in drop
    ]
