"""Case tables in wide form: one row per application with the date of each step in a column.

Many department systems export a list of applications (申請一覧) rather than a log: one row
per case, with 申請日 / 受付日時, 審査日, 決定日, 通知発送日 … side by side. Read as a log, such a
file has one event per case (the step of its timestamp column) and the other steps' dates as
data. :func:`find_steps` recognises the form; the loader then writes one event per dated step
(see :func:`step_events`), each named by its column's header without the date word (審査日 →
審査), with the staff of a column named after the step (審査担当) as its resource.

A file is read so only when nothing names its activity (no activity header, no option, no
``procmine.toml`` entry), its case ids are (nearly) all different rows, and besides its
timestamp at least one column is a step's date: a header ending in a date word (日, 日時,
年月日, 日付, date) whose rest names a step of administrative work (an action such as 審査,
決定, 通知, 交付, 入力, or what :func:`procmine.text.normalize.label_terms` reads as one),
filled on enough rows with dates. Dates that are data (生年月日, 異動日, 期限日) are not steps.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from ..model import ACTIVITY, CASE, END, RESOURCE, ROW, TIMESTAMP
from .columns import timestamp_share
from .timestamps import parse_timestamps

#: Case ids at least this share distinct over the rows: one row per case.
UNIQUE_CASES = 0.95
#: A step's column is dated on at least this share of the rows.
MIN_FILLED = 0.2
#: ... and this share of its values are dates.
MIN_DATES = 0.9
_DATE_WORD = re.compile(r"(?:年月日|日時|日付|日|date|datetime|time)$", re.IGNORECASE)
#: Words of the steps of a procedure (what a step's date column says beside the date word).
STEP_WORDS = (
    "受付",
    "申請",
    "審査",
    "決定",
    "認定",
    "決裁",
    "承認",
    "通知",
    "発送",
    "送付",
    "交付",
    "支給",
    "完了",
    "処理",
    "入力",
    "登録",
    "確認",
    "照会",
    "調査",
    "判定",
    "受理",
    "起案",
    "receiv",
    "review",
    "decision",
    "decid",
    "approv",
    "notif",
    "sent",
    "issu",
    "complet",
)
#: Dates that are data, not steps (a birth, a move, a deadline, a period).
NOT_STEPS = (
    "生年月日",
    "誕生",
    "birth",
    "期限",
    "予定",
    "有効",
    "満了",
    "開始日",
    "終了日",
    "異動日",
    "前回",
    "前年",
)
_STAFF = ("担当者", "担当", "者")


def step_name(header: str) -> str:
    """The step a date column names: its header without the date word.

    >>> step_name("審査日"), step_name("受付日時"), step_name("通知発送日"), step_name("決定年月日")
    ('審査', '受付', '通知発送', '決定')
    """
    text = unicodedata.normalize("NFKC", str(header)).strip()
    name = _DATE_WORD.sub("", text).strip(" _-・:")
    return name or text


def _names_a_step(header: str) -> bool:
    text = unicodedata.normalize("NFKC", str(header)).lower()
    if not _DATE_WORD.search(text) or any(w in text for w in NOT_STEPS):
        return False
    step = step_name(header).lower()
    return any(w in step for w in STEP_WORDS)


def find_steps(
    frame: pd.DataFrame, roles: dict[str, str], how: dict[str, str]
) -> dict[str, str] | None:
    """``{column: step}`` of a wide case table, its timestamp column first; None when the
    file is not one (see the module docstring). ``how`` says how each role was found: an
    activity named by a header, an option or the configuration keeps the file a log.

    >>> frame = pd.DataFrame({"申請番号": ["A1", "A2", "A3"], "申請種別": ["認定", "認定", "変更"],
    ...     "受付日時": ["2025/04/01 09:00", "2025/04/02 10:00", "2025/04/03 11:00"],
    ...     "審査日": ["2025/04/03", "2025/04/08", ""], "生年月日": ["1980/01/01"] * 3})
    >>> find_steps(frame, {"case": "申請番号", "activity": "申請種別", "timestamp": "受付日時"},
    ...            {"case": "header", "activity": "values", "timestamp": "header"})
    {'受付日時': '受付', '審査日': '審査'}
    """
    if "case" not in roles or "timestamp" not in roles or len(frame) == 0:
        return None
    if "activity" in roles and how.get("activity") != "values":
        return None
    if how.get("case") == "person":  # a register kept per resident: its dates are data
        return None
    cases = frame[roles["case"]].dropna()
    if len(cases) == 0 or cases.nunique() < UNIQUE_CASES * len(cases):
        return None
    # an end whose header names a step (完了日) is that step, not the first step's end
    taken = {c for r, c in roles.items() if not (r == "end" and _names_a_step(c))}
    named = [c for c in frame.columns if c not in taken and _names_a_step(c)]
    if not named:  # (most files: nothing to parse)
        return None
    ts = roles["timestamp"]
    first = parse_timestamps(frame[ts], compact=True)
    steps: dict[str, str] = {}
    for column in named:
        values = frame[column]
        filled = values.notna() & values.astype(str).str.strip().ne("")
        if filled.mean() < MIN_FILLED or timestamp_share(values[filled], compact=True) < MIN_DATES:
            continue
        # a later step of the case: dated on or after its first step (a 前回認定日, a
        # resident's 住民登録日 lie before it: data)
        when = parse_timestamps(values, compact=True)
        both = when.notna() & first.notna()
        if not both.any() or (when[both].dt.normalize() >= first[both].dt.normalize()).mean() < 0.9:
            continue
        steps[column] = step_name(column)
    if not steps:
        return None
    return {ts: step_name(ts), **steps}


def staff_columns(frame: pd.DataFrame, steps: dict[str, str]) -> dict[str, str]:
    """``{date column: staff column}``: the column naming who did a step (審査担当 for 審査日).

    >>> frame = pd.DataFrame(columns=["審査日", "審査担当", "決定日"])
    >>> staff_columns(frame, {"審査日": "審査", "決定日": "決定"})
    {'審査日': '審査担当'}
    """
    out: dict[str, str] = {}
    for column, step in steps.items():
        for suffix in _STAFF:
            name = f"{step}{suffix}"
            if name in frame.columns:
                out[column] = name
                break
    return out


def step_events(
    events: pd.DataFrame,
    stamps: dict[str, pd.Series],
    names: dict[str, str],
    staff: dict[str, pd.Series],
    data: list[str],
) -> pd.DataFrame:
    """The events of a wide case table: ``events`` (one per row, its first step) and, for
    each other step column, one event per row dated there (``stamps``: parsed dates in
    the order of ``events``), named ``names[column]``, done by ``staff[column]`` where
    given (else by nobody known), without the row's ``data`` columns (the data was taken in at the first step).
    Ordered by case, time and file row; the columns of repeated values stay categories."""
    parts = [events]
    for column, when in stamps.items():
        present = when.notna().to_numpy()
        if not present.any():
            continue
        extra = events.loc[present].copy()
        extra[ACTIVITY] = names[column]
        extra[TIMESTAMP] = when[present].to_numpy()
        extra[END] = pd.NaT
        # done by the step's own staff where a column names them, else by someone unknown
        # (not the clerk who took the application in)
        extra[RESOURCE] = staff[column][present].to_numpy() if column in staff else pd.NA
        for c in data:
            extra[c] = pd.NA
        parts.append(extra)
    categories = [c for c in events.columns if isinstance(events[c].dtype, pd.CategoricalDtype)]
    out = pd.concat([p.astype(dict.fromkeys(categories, object)) for p in parts], ignore_index=True)
    order = np.lexsort(
        (out[ROW].to_numpy(), out[TIMESTAMP].to_numpy(), out[CASE].astype(str).to_numpy())
    )
    out = out.iloc[order].reset_index(drop=True)
    for c in categories:
        out[c] = out[c].astype(events[c].dtype.categories.dtype).astype("category")
    for c in data:
        out[c] = out[c].astype(events[c].dtype)
    return out
