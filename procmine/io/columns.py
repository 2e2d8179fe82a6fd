"""Which column of a file plays which role: from header names, then from the values.

Header names are compared after NFKC normalisation and lower-casing, with spaces,
underscores, hyphens and dots removed (``Case ID`` = ``case_id`` = ``caseid``). An exact
match with a known name scores higher than a header that merely contains one
(``申請日時`` contains ``日時``); each column gets at most one role and each role one
column, best scores first.

When no header names a required role, the values decide: the timestamp is the column
whose values parse as dates, the case the column of repeated ids with several rows each,
the activity the low-cardinality text column whose value changes most within a case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from ..model import ROLES
from .lifecycle import is_lifecycle
from .timestamps import parse_times_of_day, parse_timestamps

__all__ = [
    "HEADER_NAMES",
    "detect_roles",
    "header_key",
    "pair_times_of_day",
    "time_of_day_columns",
    "timestamp_share",
]

#: Known header names per role (Japanese, English, romaji; compared by :func:`header_key`).
#: When a file has two columns named exactly as a role, the one listed first here takes it
#: (the XES standard key first, 課 before 係).
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "case": (
        "case:concept:name",
        "受付番号",
        "申請番号",
        "ケース番号",
        "管理番号",
        "整理番号",
        "案件番号",
        "事案番号",
        "受付id",
        "申請id",
        "ケースid",
        "受付no",
        "申請no",
        "申込番号",
        "申込no",
        "案件no",
        "case",
        "case id",
        "case number",
        "case no",
        "trace id",
        "process instance",
        "uketsuke no",
        "uketsuke bango",
        "shinsei no",
        "shinsei bango",
        "kanri no",
        "kanri bango",
        "seiri no",
        "seiri bango",
        "application no",
        "application number",
        "application id",
    ),
    "activity": (
        "concept:name",
        "処理内容",
        "手続",
        "手続き",
        "手続名",
        "手続き名",
        "作業",
        "作業名",
        "処理名",
        "処理",
        "業務",
        "業務名",
        "事務",
        "事務名",
        "アクティビティ",
        "activity",
        "activity name",
        "task",
        "task name",
        "event",
        "event name",
        "action",
        "step",
        "gyomu",
        "gyomu mei",
        "gyoumu",
        "tetsuzuki",
        "tetsuzuki mei",
        "shori naiyo",
        "shori naiyou",
        "jimu naiyo",
    ),
    "timestamp": (
        "time:timestamp",
        "処理日時",
        "日時",
        "受付日時",
        "実施日時",
        "開始日時",
        "開始",
        "処理日",
        "実施日",
        "日付",
        "タイムスタンプ",
        "timestamp",
        "time",
        "date",
        "datetime",
        "start_timestamp",
        "start time",
        "start",
        "start date",
        "event time",
        "started at",
        "processed at",
        "received at",
        "created at",
        "start datetime",
        "nichiji",
        "shori nichiji",
        "uketsuke nichiji",
        "hizuke",
    ),
    "end": (
        "終了日時",
        "終了",
        "処理終了日時",
        "完了日時",
        "終了日",
        "完了日",
        "end",
        "end_timestamp",
        "complete_timestamp",
        "end time",
        "completion time",
        "end date",
        "completed at",
        "finished at",
        "ended at",
        "closed at",
        "end datetime",
        "shuryo nichiji",
        "kanryo nichiji",
    ),
    "resource": (
        "org:resource",
        "担当者",
        "担当",
        "処理者",
        "職員",
        "担当職員",
        "担当者名",
        "入力者",
        "操作者",
        "係員",
        "担当係員",
        "受付者",
        "対応者",
        "応対者",
        "resource",
        "user",
        "user id",
        "performer",
        "staff",
        "employee",
        "operator",
        "worker",
        "staff id",
        "staff name",
        "user name",
        "tantosha",
        "tantousha",
        "tanto",
        "shokuin",
        "officer",
        "clerk",
        "handler",
        "handled by",
        "processed by",
        "caseworker",
        "case worker",
        "assignee",
    ),
    "department": (
        "org:group",
        "課",
        "部署",
        "担当課",
        "所属",
        "部門",
        "課名",
        "部署名",
        "所属課",
        "所属名",
        "部門名",
        "担当課名",
        "department",
        "dept",
        "division",
        "section",
        "担当係",
        "係名",
        "所属係",
        "担当室",
        "担当部署",
        "所属部署",
        "所管課",
        "主管課",
        "担当班",
        "busho",
        "kamei",
        "tanto ka",
    ),
    "person": (
        "宛名番号",
        "住民番号",
        "個人コード",
        "宛名コード",
        "住民コード",
        "個人識別番号",
        "住民識別番号",
        "住民id",
        "person",
        "person id",
        "resident",
        "resident id",
        "customer",
        "customer id",
        "client id",
        "citizen id",
        "atena no",
        "atena code",
        "atena cd",
        "atena bango",
        "atena id",
        "jumin no",
        "jumin code",
        "jumin cd",
        "jumin bango",
        "kojin code",
        "resident no",
        "resident number",
        "person no",
        "person number",
        "citizen no",
        "citizen number",
        "subject no",
        "subject id",
        "subject number",
        "subject cd",
        # the national My Number: a system keyed by it has no other key (a column
        # 個人番号 beside 宛名番号 or person is data)
        "個人番号",
    ),
}

# Headers containing one of these are never a timestamp or end (birth dates and the like).
_NOT_EVENT_TIME = ("生年月日", "誕生", "birth", "dob")

# Headers containing one of these hold lengths of time (0:30), not times of day.
_DURATION_WORDS = ("所要", "経過", "待ち", "待機", "滞在", "duration", "elapsed", "wait", "spent")

_SEPARATORS = re.compile(r"[\s_\-.・･]+")
_ASCII_TOKEN = re.compile(r"[a-z0-9:]+")
_EXACT = 100.0
#: A header ending like a code column (所属CD, 部署コード, dept_no): a department's code,
#: taken only when no column names the department.
_CODE_SUFFIX = re.compile(r"(cd|code|コード|番号|no|id)$")
#: A header naming a kind or class (手続種別, 業務区分, request type): a case's category.
_KIND_WORDS = re.compile(r"(種別|区分|分類|種類|type|category|kind)$")
_CONTAINS = 50.0
_SAMPLE = 2000
_TIMESTAMP_SHARE = 0.9
_CONTAINS_TIMESTAMP_SHARE = 0.5
#: Bare words that name a start or an end only when the column holds dates with times of
#: day (a column 開始 of flags, or 終了 of dates only, is data).
_BARE_TIMES = frozenset({"開始", "終了"})


def header_key(name: str) -> str:
    """Normalise a header for comparison.

    Examples
    --------
    >>> header_key(" Case_ID "), header_key("ケース　番号"), header_key("Time:Timestamp")
    ('caseid', 'ケース番号', 'time:timestamp')
    """
    text = unicodedata.normalize("NFKC", str(name)).strip().lower()
    return _SEPARATORS.sub("", text)


def _tokens(name: str) -> list[str]:
    text = unicodedata.normalize("NFKC", str(name)).lower()
    return _ASCII_TOKEN.findall(text)


def _contains(header: str, alias: str) -> bool:
    """Whether ``header`` contains the known name ``alias`` (as whole words for ASCII)."""
    if alias.isascii():
        words = _tokens(alias)
        tokens = _tokens(header)
        n = len(words)
        if not words or len(tokens) <= n:
            return False
        return any(tokens[i : i + n] == words for i in range(len(tokens) - n + 1))
    key = header_key(alias)
    return len(key) >= 2 and key in header_key(header) and key != header_key(header)


def _is_exact(score: float) -> bool:
    """Whether a :func:`_header_score` is that of an exact name (ranked within 1 point)."""
    return score > _EXACT - 1


def _header_score(header: str, role: str) -> float:
    key = header_key(header)
    best = 0.0
    for rank, alias in enumerate(HEADER_NAMES[role]):
        if key == header_key(alias):
            return _EXACT - rank / 1000  # two exact names: the one listed first (課 before 係)
        if _contains(header, alias):
            best = max(best, _CONTAINS + len(header_key(alias)))
    if best and role == "department" and _CODE_SUFFIX.search(key):
        best -= 0.5  # 所属名 before 所属CD: the report names a department, not its code
    if best and not _is_exact(best) and role == "activity" and _CODE_SUFFIX.search(key):
        return 0.0  # 事務番号, 業務コード: the number of a case or a task, not its name
    if best and not _is_exact(best) and role == "activity" and _KIND_WORDS.search(key):
        return 0.0  # 手続種別, 業務区分: the kind of procedure a case is, not its steps
    if best and not _is_exact(best) and role == "activity" and names_time_of_day(header):
        return 0.0  # 処理時刻 beside 処理日: the time the step was done, not the step
    return best


def _sample(column: pd.Series) -> pd.Series:
    values = column.dropna()
    if len(values) > _SAMPLE:
        step = len(values) // _SAMPLE
        values = values.iloc[::step].iloc[:_SAMPLE]
    return values


def timestamp_share(column: pd.Series, *, compact: bool = False) -> float:
    """Share of the non-missing values (sampled) that parse as timestamps (``compact``: 14
    digits too, for a column whose header names a time; see
    :func:`~procmine.io.timestamps.parse_timestamps`)."""
    values = _sample(column)
    if values.empty:
        return 0.0
    return float(parse_timestamps(values, compact=compact).notna().mean())


def _has_times_of_day(column: pd.Series) -> bool:
    """Whether the sampled values, read as timestamps, carry a time of day (not all 00:00)."""
    stamps = parse_timestamps(_sample(column)).dropna()
    return bool(len(stamps)) and bool((stamps != stamps.dt.normalize()).any())


def _is_event_time_header(header: str) -> bool:
    text = unicodedata.normalize("NFKC", header).lower()
    return not any(word in text for word in _NOT_EVENT_TIME)


def detect_roles(
    frame: pd.DataFrame, *, fixed: dict[str, str], skip: Iterable[str] = ()
) -> tuple[dict[str, str], dict[str, str]]:
    """Choose a column for each role not in ``fixed``.

    Parameters
    ----------
    frame
        The file's records as text.
    fixed
        Roles already chosen by option or configuration (role → column); kept as they are.
    skip
        Roles not to detect (for instance ``department`` when the file's department is
        named in procmine.toml).

    Returns
    -------
    (roles, how)
        ``roles`` maps each role found (including ``fixed``) to its column; ``how`` maps
        each detected role to ``"header"`` or ``"values"``.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"受付番号": ["1", "1"], "手続": ["受付", "交付"],
    ...                       "処理日時": ["2024-04-01 09:00", "2024-04-01 10:00"]})
    >>> detect_roles(frame, fixed={})[0]
    {'case': '受付番号', 'activity': '手続', 'timestamp': '処理日時'}
    """
    roles = dict(fixed)
    how: dict[str, str] = {}
    used = set(fixed.values())
    skipped = set(skip)
    columns = [str(c) for c in frame.columns]
    candidates: list[tuple[float, int, int, str, str]] = []
    for role_index, role in enumerate(ROLES):
        if role in roles or role in skipped:
            continue
        for column_index, column in enumerate(columns):
            score = _header_score(column, role)
            if score > 0:
                candidates.append((-score, role_index, column_index, role, column))
    candidates.sort()
    share_cache: dict[str, float] = {}
    for neg_score, _, _, role, column in candidates:
        if role in roles or column in used:
            continue
        if role in ("timestamp", "end"):
            if not _is_event_time_header(column):
                continue
            bare = header_key(column) in _BARE_TIMES
            if not _is_exact(-neg_score) or bare:
                if column not in share_cache:
                    # the header names a time: compact digits (20250401120616) are one
                    share_cache[column] = timestamp_share(frame[column], compact=True)
                if share_cache[column] < _CONTAINS_TIMESTAMP_SHARE:
                    continue
            if bare and not _has_times_of_day(frame[column]):
                continue
        roles[role] = column
        how[role] = "header"
        used.add(column)

    # a start / complete column is never the case or the activity
    free = [c for c in columns if c not in used and not is_lifecycle(frame[c])]
    if "timestamp" not in roles and "timestamp" not in skipped:
        found = _timestamp_by_values(frame, free, share_cache)
        if found is not None:
            roles["timestamp"], how["timestamp"] = found, "values"
            used.add(found)
            free.remove(found)
    if "case" not in roles and "case" not in skipped:
        person = frame[roles["person"]] if "person" in roles else None
        found = _case_by_values(frame, free, share_cache, person=person)
        if found is not None:
            roles["case"], how["case"] = found, "values"
            used.add(found)
            free.remove(found)
        elif "person" in roles:
            # a register kept per resident (宛名番号 + 処理 + 日時): the resident is the case
            roles["case"], how["case"] = roles["person"], "person"
    if "activity" not in roles and "activity" not in skipped and "case" in roles:
        found = _activity_by_values(frame, free, roles["case"], share_cache)
        if found is not None:
            roles["activity"], how["activity"] = found, "values"
            used.add(found)
    ordered = {role: roles[role] for role in ROLES if role in roles}
    return ordered, {role: how[role] for role in ROLES if role in how}


def _share(frame: pd.DataFrame, column: str, cache: dict[str, float]) -> float:
    if column not in cache:
        cache[column] = timestamp_share(frame[column])
    return cache[column]


def _timestamp_by_values(
    frame: pd.DataFrame, free: list[str], cache: dict[str, float]
) -> str | None:
    best, best_share = None, 0.0
    for column in free:
        if not _is_event_time_header(column):
            continue
        if frame[column].notna().mean() < 0.5:
            continue
        share = _share(frame, column, cache)
        if share >= _TIMESTAMP_SHARE and share > best_share:
            best, best_share = column, share
    return best


def _numeric_share(values: pd.Series) -> float:
    if values.empty:
        return 0.0
    return float(pd.to_numeric(values, errors="coerce").notna().mean())


def _case_by_values(
    frame: pd.DataFrame,
    free: list[str],
    cache: dict[str, float],
    *,
    person: pd.Series | None = None,
) -> str | None:
    """The column of case ids among ``free`` ones when no header names it: nearly always
    filled, each value repeated, the most distinct values; never a column whose header
    names a resident's data (振込口座, 電話, 住所: one per resident, not per case). Beside a
    ``person`` key (the case otherwise), a column whose header names no number or code
    must hold cases of one resident each, clearly more of them than residents
    (:func:`_nests_in`)."""
    from procmine.fields._profile import header_type

    best, best_unique = None, 0
    clocks = set(time_of_day_columns(frame, free))  # 時刻 beside a date: the time, not a case
    for column in free:
        kind = header_type(column)
        if column in clocks or kind not in (None, "id"):
            continue
        if person is not None and kind is None and not _nests_in(frame[column], person):
            continue
        values = frame[column].dropna()
        if len(values) < 0.9 * len(frame) or len(values) == 0:
            continue
        if _share(frame, column, cache) >= 0.5:
            continue
        unique = int(values.nunique())
        if unique < 2 or len(values) / unique < 1.5:
            continue
        if unique > best_unique:
            best, best_unique = column, unique
    return best


#: Cases per resident a column beside a person key must hold to be the case (a resident's
#: own data holds one value each).
_CASES_PER_PERSON = 1.2


def _nests_in(values: pd.Series, person: pd.Series) -> bool:
    """Whether the values of a column are cases of the residents ``person`` names: each
    value (nearly always) one resident's, and at least :data:`_CASES_PER_PERSON` times as
    many values as residents.

    >>> who = pd.Series(["p1", "p1", "p2", "p2"])
    >>> _nests_in(pd.Series(["c1", "c2", "c3", "c4"]), who), _nests_in(pd.Series(["a", "a", "b", "b"]), who)
    (True, False)
    """
    pairs = pd.DataFrame({"v": values, "p": person}).dropna().drop_duplicates()
    if pairs.empty:
        return False
    owners = pairs.groupby("v", sort=False)["p"].nunique()
    one_owner = float((owners == 1).mean())
    return one_owner >= 0.95 and len(owners) >= _CASES_PER_PERSON * pairs["p"].nunique()


def _activity_by_values(
    frame: pd.DataFrame, free: list[str], case: str, cache: dict[str, float]
) -> str | None:
    cases = frame[case]
    best, best_score = None, 0.0
    for column in free:
        values = frame[column]
        present = values.dropna()
        if len(present) < 0.9 * len(frame) or present.empty:
            continue
        unique = int(present.nunique())
        if unique < 2 or unique > max(2, min(1000, len(present) // 2)):
            continue
        if _numeric_share(_sample(present)) >= 0.5 or _share(frame, column, cache) >= 0.5:
            continue
        pairs = pd.DataFrame({"case": cases, "value": values}).dropna()
        distinct = pairs.drop_duplicates().shape[0]
        score = distinct / max(1, len(pairs))
        if score > best_score + 1e-12:
            best, best_score = column, score
    return best if best_score > 0 else None


def time_of_day_columns(frame: pd.DataFrame, columns: Iterable[str]) -> list[str]:
    """The ``columns`` that hold only times of day (``12:16``, ``9時30分``), in order.

    Such a column completes a timestamp column that holds dates only (the date and the
    time exported as two columns). A column counts when at least half of the rows have a
    value and every value (sampled) parses with
    :func:`~procmine.io.timestamps.parse_times_of_day`, unless its header names a length
    of time (所要時間, 作業時間, 待ち時間, duration …; 時間 without 時刻).

    Examples
    --------
    >>> frame = pd.DataFrame({"処理日": ["2025/04/09"] * 2, "処理時刻": ["12:16:59", "9:05"],
    ...                       "件数": ["1", "2"]})
    >>> frame["所要時間"] = ["0:30", "1:05"]
    >>> frame["作業時間"] = ["0:30", "1:05"]
    >>> time_of_day_columns(frame, ["処理時刻", "件数", "所要時間", "作業時間"])
    ['処理時刻']

    Digits alone (``0905``) are times of day under a header naming one (処理時刻, 時分,
    time), never elsewhere:

    >>> frame = pd.DataFrame({"処理時刻": ["0905", "1730"], "番号": ["0905", "1730"]})
    >>> time_of_day_columns(frame, ["処理時刻", "番号"])
    ['処理時刻']
    """
    found: list[str] = []
    for column in columns:
        text = unicodedata.normalize("NFKC", column).lower()
        if any(word in text for word in _DURATION_WORDS) or ("時間" in text and "時刻" not in text):
            continue  # 所要時間, 作業時間 0:30 is a length of time, not a time of day
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values.dtype) or values.notna().mean() < 0.5:
            continue
        sample = _sample(values)
        compact = names_time_of_day(column)  # 処理時刻 0905
        if not sample.empty and bool(parse_times_of_day(sample, compact=compact).notna().all()):
            found.append(column)
    return found


# A header of dates ends in one of these words and one of times of day in one of those;
# what comes before is the stem (処理日 and 処理時刻, Start date and Start time: 処理, start).
_DATE_ENDINGS = ("年月日", "日付", "月日", "日時", "日", "date", "day")
_TIME_ENDINGS = ("時分秒", "時刻", "時分", "time")


def names_time_of_day(header: str) -> bool:
    """Whether ``header`` ends in a word for a time of day (処理時刻, 時分, Start time):
    under such a header, digits alone (``0905``) are a time.

    >>> names_time_of_day("処理時刻"), names_time_of_day("受付番号"), names_time_of_day("Start time")
    (True, False, True)
    >>> names_time_of_day("所要時分"), names_time_of_day("Overtime"), names_time_of_day("runtime")
    (False, False, False)
    """
    text = unicodedata.normalize("NFKC", header).lower()
    if any(word in text for word in _DURATION_WORDS) or re.search(r"[a-z]time$", text.strip()):
        return False  # a length of time (所要時分, overtime), not a time of day
    return _stem(header, _TIME_ENDINGS) is not None


def _stem(header: str, endings: tuple[str, ...]) -> str | None:
    """``header`` (by :func:`header_key`) without its last word, when that word is one of
    ``endings``; None when it ends in none of them."""
    key = header_key(header)
    ending = next((e for e in endings if key.endswith(e)), None)
    return None if ending is None else key[: len(key) - len(ending)]


def pair_times_of_day(dates: dict[str, str], times: list[str]) -> dict[str, str]:
    """Which column of times of day completes each column of dates (role → time column).

    ``dates`` maps a role (``timestamp``, ``end``) to its column, which holds dates only;
    ``times`` are the columns of times of day (:func:`time_of_day_columns`). A time column
    pairs with a date column when both headers have the same stem, what comes before the
    word for a date (日, 日付, date …) and the word for a time of day (時刻, 時分, time):
    処理日 and 処理時刻, 終了日 and 終了時刻, 日付 and 時刻, Start date and Start time. A
    single date column and a single time column also pair when the time header is that
    word alone (処理日 and 時刻). A header that names something else before the word
    (予約時刻, 受付時刻 for a 処理日) or a length of time (作業時間) does not pair, and
    neither does a stem that two columns share: a pairing that is not sure is not made.

    Examples
    --------
    >>> pair_times_of_day({"timestamp": "処理日"}, ["処理時刻"])
    {'timestamp': '処理時刻'}
    >>> pair_times_of_day({"timestamp": "開始日", "end": "終了日"}, ["開始時刻", "終了時刻"])
    {'timestamp': '開始時刻', 'end': '終了時刻'}
    >>> pair_times_of_day({"timestamp": "日付"}, ["開始時刻", "終了時刻"])
    {}
    >>> pair_times_of_day({"timestamp": "受付日"}, ["予約時刻"]), pair_times_of_day(
    ...     {"timestamp": "処理日"}, ["時刻"])
    ({}, {'timestamp': '時刻'})
    """
    date_stems = {role: _stem(column, _DATE_ENDINGS) for role, column in dates.items()}
    time_stems = {time: _stem(time, _TIME_ENDINGS) for time in times}
    pairs: dict[str, str] = {}
    for role, stem in date_stems.items():
        if stem is None or list(date_stems.values()).count(stem) != 1:
            continue
        chosen = [time for time, other in time_stems.items() if other == stem]
        if len(chosen) == 1:
            pairs[role] = chosen[0]
    if not pairs and len(dates) == 1 and len(times) == 1 and time_stems[times[0]] == "":
        pairs[next(iter(dates))] = times[0]  # 処理日 and 時刻: the one time of day there is
    return pairs
