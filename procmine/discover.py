"""Process discovery: the one doorway into pm4py.

:func:`discover` turns a department's :class:`~procmine.model.EventLog` into a
:class:`~procmine.model.ProcessMap`: a directly-follows graph with frequencies and
waiting times (pm4py), activity statistics (events, cases, handling time, resources,
who performs the step, which data columns it fills), trace variants and the start and
end activities. The rest of procmine only sees pandas and networkx objects.

Handling time of a step
    An event with an end time takes ``end - timestamp``. Without one, it is estimated as
    the time until the next event of the same case. That gap includes waiting, so gaps
    longer than ``max_gap_minutes`` (default 240: half a working day) are taken as waiting,
    not handling, and left out. ``duration_source`` says which applies to a department
    (``end``, ``next_event``, or ``mixed`` when it merges systems with and without end
    times); per activity, ``duration_measured`` says whether most of its times were
    measured. ``total_hours`` is the sum of the measured times only (None when no execution
    has an end time): a gap is an upper bound of a step's handling time that includes the
    wait for the next step (seconds at a counter, hours in a back office), so it describes
    the map and serves as matching evidence but never adds up to hours of work. A median
    estimated from fewer than ``MIN_TIMED_SHARE`` of the executions, or from fewer than
    ``MIN_TIMED`` of them (half of them for rare steps), is left unknown (NaN).

Role of a step (evidence for cross-department matching)
    Besides counts and times, every node carries ``resident_share``, ``staff_share``,
    ``system_share``, ``external_share`` (performer mix), ``position`` and
    ``relative_position`` (where in its cases), ``same_day`` (share on the day the case
    began), ``night`` (share between 22:00 and 06:00: batch runs, not counter work; of
    the events with a time of day),
    ``wait_minutes`` (median gap after the previous event), ``after_system`` and
    ``recapture`` (share of the data it fills that the case already held), and the
    eventually-follows shares ``before`` / ``after`` (dicts: other activity → share of
    this activity's cases in which it came first / later).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Literal, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from procmine._codes import factorize_text
from procmine.model import ACTIVITY, CASE, END, PERSON, RESOURCE, TIMESTAMP, EventLog, ProcessMap

#: Resource names that mean the resident did the step (form writing, walking …).
RESIDENT_WORDS = (
    "resident",
    "citizen",
    "applicant",
    "customer",
    "住民",
    "申請者",
    "本人",
    "届出人",
    "来庁者",
    "来所者",
    "来訪者",
    "申請人",
    "申込者",
    "申込人",
    "被保険者",
    "受給者",
    "届出者",
    "申出人",
    "申出者",
    "申告者",
    "請求者",
    "相談者",
    "保護者",
    "代理人",
    "お客様",
    "visitor",
    "claimant",
)
#: Names of organisational units inside a resource name (住民課 佐藤, 自動車税係-02, 住民窓口03):
#: removed before the words above are looked for, so that a clerk of 住民課 is staff.
#: What follows a resident word in the code of one clerk's account (住民-01, 住民ア): a
#: number, a letter or one katakana. The resident side has no number (住民, 申請者本人).
_NUMBERED = re.compile(r"[\s\-_#.]*(?:\d{1,4}|[a-z]|[ァ-ヶ])")
_UNITS = re.compile(r"[^\s\-_・/()（）\d]*?(?:課|係|室|班|グループ|センター|窓口)")
#: Resource names that mean a system or batch did the step.
SYSTEM_WORDS = (
    "system",
    "sys",
    "batch",
    "auto",
    "kiosk",
    "machine",
    "rpa",
    "robot",
    "システム",
    "バッチ",
    "自動",
    "一括",
    "発券機",
    "整理券機",
    "券売機",
    "受付機",
    "ロボット",
)
#: Resource names that mean someone outside the organisation did the step.
EXTERNAL_WORDS = ("external", "外部", "委託", "医師", "審査会", "調査員", "相談所")

__all__ = ["apply_aliases", "discover", "discover_all", "merge_aliases", "performer_of"]


def _says(word: str, text: str) -> bool:
    """Whether ``text`` holds ``word`` as a word of its own: a machine (…機) not inside 機能
    (a function: 受付機能担当 is a clerk)."""
    at = text.find(word)
    while at >= 0:
        if not (word.endswith("機") and text[at + len(word) : at + len(word) + 1] == "能"):
            return True
        at = text.find(word, at + 1)
    return False


def performer_of(resource: str) -> Literal["resident", "staff", "system", "external"]:
    """Classify one resource name as resident, system, external or staff.

    Examples
    --------
    >>> performer_of("RESIDENT"), performer_of("SYSTEM"), performer_of("SHIMIN-受付-03")
    ('resident', 'system', 'staff')
    >>> performer_of("発券機"), performer_of("Ticket Machine"), performer_of("一括発送")
    ('system', 'system', 'system')
    >>> performer_of("住民課 佐藤"), performer_of("自動車税係-02"), performer_of("請求者")
    ('staff', 'staff', 'resident')
    >>> performer_of("住民-01"), performer_of("住民ア"), performer_of("申請者本人")
    ('staff', 'staff', 'resident')
    >>> performer_of("申込者"), performer_of("被保険者")
    ('resident', 'resident')
    >>> performer_of("認定調査員-02"), performer_of("KIOSK01"), performer_of("sys2")
    ('external', 'system', 'system')
    >>> performer_of("受付機2"), performer_of("受付機能担当")
    ('system', 'staff')
    """
    text = _UNITS.sub(" ", unicodedata.normalize("NFKC", str(resource)).lower())
    # words of letters, apart from the digits numbering them (KIOSK01: kiosk)
    tokens = set(re.split(r"[^a-z]+", text))
    said = [w for w in RESIDENT_WORDS if (w in text if not w.isascii() else w in tokens)]
    if said and not any(_NUMBERED.fullmatch(text.split(w, 1)[1]) for w in said):
        return "resident"
    if any(_says(w, text) if not w.isascii() else w in tokens for w in SYSTEM_WORDS):
        return "system"
    if any(w in text if not w.isascii() else w in tokens for w in EXTERNAL_WORDS):
        return "external"
    return "staff"


def merge_aliases(labels: pd.Series) -> dict[str, str]:
    """Map every raw label to the most frequent label with the same normalised form.

    Labels that differ only in width, brackets, spacing or department affixes (see
    :func:`procmine.text.normalize.normalize_label`) are one activity.

    Examples
    --------
    >>> merge_aliases(pd.Series(["本人確認", "本人確認", "本人確認_窓口"]))
    {'本人確認_窓口': '本人確認'}
    """
    from procmine.text.normalize import normalize_label

    counts = labels.value_counts()
    frame = pd.DataFrame({"label": counts.index.astype(str), "n": counts.to_numpy()})
    frame["key"] = [normalize_label(x) for x in frame["label"]]
    frame = frame.sort_values(["key", "n", "label"], ascending=[True, False, True])
    canonical = frame.groupby("key", sort=False)["label"].transform("first")
    return {
        label: canon
        for label, canon in zip(frame["label"], canonical, strict=True)
        if label != canon
    }


def apply_aliases(labels: pd.Series, aliases: Mapping[str, str]) -> pd.Series:
    """``labels.replace(aliases)`` (see :func:`merge_aliases`), looked up once per distinct
    label rather than once per alias.

    Examples
    --------
    >>> apply_aliases(pd.Series(["本人確認_窓口", "受付", None]), {"本人確認_窓口": "本人確認"}).tolist()
    ['本人確認', '受付', nan]
    """
    if not aliases:
        return labels
    if not isinstance(labels.dtype, pd.StringDtype):
        return labels.replace(aliases)
    codes, uniques = pd.factorize(labels)
    mapped = pd.array([aliases.get(u, u) for u in uniques], dtype=labels.dtype)
    return pd.Series(mapped.take(codes, allow_fill=True), index=labels.index, name=labels.name)


def _durations(
    events: pd.DataFrame, max_gap_minutes: float
) -> tuple[pd.Series, pd.Series, Literal["end", "next_event", "mixed", "none"]]:
    """Handling time of each event in minutes (NaN where unknown), whether it was measured
    from an end time, and where the department's handling times come from.

    Events with an end time use ``end - timestamp``; the others (a department may merge a
    system that exports end times with one that does not) use the gap to the next event of
    the case, when it is at most ``max_gap_minutes``.
    """
    from_end = events[END].notna() if END in events else pd.Series(False, index=events.index)
    measured = (
        (events[END] - events[TIMESTAMP]).dt.total_seconds() / 60.0 if END in events else None
    )
    nxt = events.groupby(CASE, sort=False)[TIMESTAMP].shift(-1)
    gap = (nxt - events[TIMESTAMP]).dt.total_seconds() / 60.0
    gap = gap.where(gap <= max_gap_minutes)
    minutes = gap if measured is None else measured.where(measured >= 0).where(from_end, gap)
    if from_end.all() and len(events):
        source: Literal["end", "next_event", "mixed", "none"] = "end"
    elif from_end.any():
        source = "mixed"
    elif gap.notna().any():
        source = "next_event"
    else:
        source = "none"
    return minutes, from_end, source


def _performers(events: pd.DataFrame) -> pd.Series:
    """Majority performer class per activity."""
    if RESOURCE not in events or events[RESOURCE].isna().all():
        return pd.Series("unknown", index=pd.Index(events[ACTIVITY].unique(), name=ACTIVITY))
    res = events[[ACTIVITY, RESOURCE]].dropna()
    act_codes, acts = pd.factorize(res[ACTIVITY])
    res_codes, names = pd.factorize(res[RESOURCE])
    ordered = sorted(PERFORMER_CLASSES)  # ties go to the first class in name order
    classes = np.array([ordered.index(performer_of(r)) for r in names], dtype=np.int64)
    width = len(ordered)
    counts = np.bincount(act_codes * width + classes[res_codes], minlength=len(acts) * width)
    counts = counts.reshape(len(acts), width)
    top = pd.Series(np.asarray(ordered, dtype=object)[counts.argmax(axis=1)], index=acts)
    return top.reindex(events[ACTIVITY].unique()).fillna("unknown")


#: A handling time estimated from the gap to the next event is trusted only when at least
#: ``MIN_TIMED_SHARE`` of the executions have one, and at least ``MIN_TIMED`` of them (or half,
#: for a step with fewer than ``2 × MIN_TIMED`` executions). A step that usually ends its case is timed only in the rare cases in
#: which something follows it soon, and those gaps say little about the step itself (one timed
#: execution out of 149 once gave a 65-minute "handling time" to a hand-out).
MIN_TIMED = 5
MIN_TIMED_SHARE = 0.2
#: Night hours (local time, from ``NIGHT_FROM`` to ``NIGHT_UNTIL``): no counter is open,
#: so a step done then is a batch run or mailing, whatever its label.
NIGHT_FROM = 22
NIGHT_UNTIL = 6

#: Performer classes whose shares :func:`discover` records per activity (``<class>_share``).
PERFORMER_CLASSES = ("resident", "staff", "system", "external")


def _role_stats(
    events: pd.DataFrame,
    data_columns: tuple[str, ...],
    filled: np.ndarray | None = None,
    coded: _Codes | None = None,
) -> pd.DataFrame:
    """Where and how each activity happens in its cases (evidence for cross-department matching).

    Per activity: the shares of its events performed by each performer class
    (``resident_share`` …; NaN without resources), ``position`` (median number of earlier
    events in the case), ``relative_position`` (median of position / (case length − 1)),
    ``same_day`` (share of events on the calendar day the case began: counter work rather
    than back office), ``night`` (share of events between :data:`NIGHT_FROM` and
    :data:`NIGHT_UNTIL` o'clock, of those with a time of day; NaN without),
    ``wait_minutes`` (median minutes since the previous event of the case),
    ``after_system`` (share of events right after a system-performed event) and
    ``recapture`` (mean share of the data columns an event fills that an earlier event of
    the same case already filled: re-keying rather than first capture; NaN when it fills
    none). ``events`` must be sorted by case and time; ``coded``: :func:`_codes` of them
    when already computed.
    """
    coded = _codes(events) if coded is None else coded
    codes, labels, case_codes = coded.activity, coded.labels, coded.cases
    n = len(codes)
    new_case = np.ones(n, dtype=bool)
    if n > 1:
        new_case[1:] = case_codes[1:] != case_codes[:-1]
    starts = np.flatnonzero(new_case)
    run = np.diff(np.append(starts, n))
    first_of = np.repeat(starts, run)
    idx = np.arange(n) - first_of
    length = np.repeat(run, run)
    rel = np.where(length > 1, idx / np.maximum(length - 1, 1), 0.0)
    ts = events[TIMESTAMP]
    ts_values = ts.to_numpy()
    day = ts.dt.normalize().to_numpy()
    same_day = day == day[first_of]
    hour = ts.dt.hour.to_numpy()
    # a date without a time of day (00:00:00) says nothing about the hour
    timed = (ts_values - day) != np.timedelta64(0, "ns")
    night = np.where(timed, (hour >= NIGHT_FROM) | (hour < NIGHT_UNTIL), np.nan)
    wait = np.full(n, np.nan)
    later = ~new_case
    if later.any():
        gap = (ts_values[1:] - ts_values[:-1]) / np.timedelta64(1, "m")
        wait[1:] = np.where(later[1:], gap.astype(float), np.nan)
    # Performer class of each event as a code into PERFORMER_CLASSES (−1: no resource).
    perf = np.full(n, -1, dtype=np.int64)
    if RESOURCE in events and events[RESOURCE].notna().any():
        res_codes, names = pd.factorize(events[RESOURCE])
        classes = np.array(
            [PERFORMER_CLASSES.index(performer_of(r)) for r in names], dtype=np.int64
        )
        perf = np.where(res_codes >= 0, np.append(classes, -1)[res_codes], -1)
    after_system = np.zeros(n)
    if n > 1:
        system = PERFORMER_CLASSES.index("system")
        after_system[1:] = np.where(later[1:], perf[:-1] == system, 0.0)
    frame = pd.DataFrame(
        {
            "position": idx.astype(float),
            "relative_position": rel,
            "same_day": same_day.astype(float),
            "night": night,
            "wait_minutes": wait,
            "after_system": after_system,
        }
    )
    cols = [c for c in data_columns if c in events]
    if cols:
        if filled is None or filled.shape[1] != len(cols):
            filled = _filled_matrix(events, cols)
        filled = filled.astype(np.int64)
        total = np.cumsum(filled, axis=0)
        before = total - filled
        base = np.vstack([np.zeros((1, len(cols)), dtype=np.int64), total])[first_of]
        earlier = (before - base) > 0
        count = filled.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            frame["recapture"] = np.where(count > 0, (filled * earlier).sum(axis=1) / count, np.nan)
    else:
        frame["recapture"] = np.nan
    grouped = frame.groupby(codes, sort=True)
    out = grouped[["position", "relative_position"]].median()
    out["same_day"] = grouped["same_day"].mean()
    out["night"] = grouped["night"].mean()
    out["wait_minutes"] = grouped["wait_minutes"].median()
    out["after_system"] = grouped["after_system"].mean()
    out["recapture"] = grouped["recapture"].mean()
    known = perf >= 0
    width = len(PERFORMER_CLASSES)
    counts = np.bincount(codes[known] * width + perf[known], minlength=len(labels) * width)
    counts = counts.reshape(len(labels), width)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts / counts.sum(axis=1, keepdims=True)  # NaN: no known performer
    for k, cls in enumerate(PERFORMER_CLASSES):
        out[f"{cls}_share"] = shares[out.index.to_numpy(), k] if known.any() else np.nan
    out.index = pd.Index(np.asarray(labels, dtype=object)[out.index.to_numpy()], name=ACTIVITY)
    return out


class _Codes(NamedTuple):
    """Integer codes of a department's events, computed once per :func:`discover`."""

    activity: np.ndarray  # code of each event's activity (labels sorted)
    labels: np.ndarray  # activity label of each code
    cases: np.ndarray  # code of each event's case, in order of first appearance (−1: none)
    n_cases: int  # distinct cases


def _codes(events: pd.DataFrame) -> _Codes:
    """The activity and case codes of ``events`` (see :class:`_Codes`)."""
    activity, labels = factorize_text(events[ACTIVITY], sort=True)
    cases, case_names = pd.factorize(events[CASE], sort=False)
    return _Codes(activity, labels, cases, len(case_names))


def _non_empty(values: pd.Series) -> np.ndarray:
    """Cells holding a value that is not the empty string."""
    return (values.notna() & values.astype("string").ne("")).fillna(False).to_numpy(dtype=bool)


#: Activities kept per side in the ``before`` / ``after`` node attributes.
MAX_PRECEDENCE = 8


def _precedence(
    events: pd.DataFrame, coded: _Codes | None = None
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Eventually-follows shares: for each activity, the share of its cases in which each
    other activity first happened earlier (``before``) or later (``after``) than its own
    first event; the :data:`MAX_PRECEDENCE` largest per side. ``events`` must be sorted by
    case and time (``coded``: :func:`_codes` of them when already computed)."""
    if events.empty:
        return {}, {}
    coded = _codes(events) if coded is None else coded
    codes, labels, cases = coded.activity, coded.labels, coded.cases
    first = pd.DataFrame({"case": cases, "act": codes, "order": np.arange(len(codes))})
    first = first.drop_duplicates(["case", "act"])  # first occurrence of each activity per case
    n_act = len(labels)
    per_case = np.bincount(first["act"].to_numpy(), minlength=n_act).astype(float)
    counts = np.zeros(n_act * n_act, dtype=np.int64)
    case_arr = first["case"].to_numpy()
    act_arr = first["act"].to_numpy()
    bounds = np.flatnonzero(np.diff(np.append(-1, case_arr)) != 0)
    sizes = np.diff(np.append(bounds, len(case_arr)))
    for size in np.unique(sizes):
        if size < 2:
            continue
        starts = bounds[sizes == size]
        block = act_arr[starts[:, None] + np.arange(size)]  # cases × size, in time order
        x, y = np.triu_indices(size, 1)
        counts += np.bincount((block[:, x] * n_act + block[:, y]).ravel(), minlength=n_act * n_act)
    mat = counts.reshape(n_act, n_act).astype(float)  # mat[a, b]: a first before b

    def top(row: np.ndarray, denom: float) -> dict[str, float]:
        if denom <= 0:
            return {}
        order = np.argsort(-row, kind="stable")[:MAX_PRECEDENCE]
        return {str(labels[k]): round(float(row[k] / denom), 4) for k in order if row[k] > 0}

    before = {str(labels[b]): top(mat[:, b], per_case[b]) for b in range(n_act)}
    after = {str(labels[a]): top(mat[a, :], per_case[a]) for a in range(n_act)}
    return before, after


def _filled_fields(
    events: pd.DataFrame,
    data_columns: tuple[str, ...],
    *,
    min_share: float,
    filled: np.ndarray | None = None,
) -> pd.Series:
    """Data columns filled on at least ``min_share`` of an activity's events (``filled``:
    :func:`_filled_matrix` of ``data_columns`` when already computed)."""
    acts = events[ACTIVITY]
    if not data_columns:
        return pd.Series([()] * acts.nunique(), index=pd.Index(acts.unique(), name=ACTIVITY))
    if filled is None:
        filled = _filled_matrix(events, list(data_columns))
    codes, labels = pd.factorize(acts, sort=True)
    counts = np.bincount(codes, minlength=len(labels)).astype(float)
    share = np.column_stack(
        [
            np.bincount(codes, weights=filled[:, k], minlength=len(labels)) / counts
            for k in range(len(data_columns))
        ]
    )
    fields = [
        tuple(c for c, ok in zip(data_columns, row, strict=True) if ok)
        for row in (share >= min_share).tolist()
    ]
    return pd.Series(fields, index=pd.Index(labels, name=ACTIVITY), dtype="object")


def _filled_matrix(events: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Events × ``columns``: whether the cell holds a value other than the empty string."""
    if not columns:
        return np.zeros((len(events), 0), dtype=bool)
    return np.column_stack([_non_empty(events[c]) for c in columns])


def discover(
    log: EventLog,
    *,
    merge_label_variants: bool = True,
    min_field_share: float = 0.5,
    max_gap_minutes: float = 240.0,
) -> ProcessMap:
    """Discover the process map of one department.

    Parameters
    ----------
    log : EventLog
        One department's events, sorted by case and time.
    merge_label_variants : bool, default True
        Merge labels that differ only in width, brackets or affixes into one activity
        (the most frequent spelling), recorded in ``ProcessMap.aliases``.
    min_field_share : float, default 0.5
        A data column counts as filled by an activity when at least this share of the
        activity's events have a value in it.
    max_gap_minutes : float, default 240
        Without an ``end`` column, the time to the next event of the case estimates the
        handling time; longer gaps are waiting and do not count.

    Returns
    -------
    ProcessMap

    Examples
    --------
    >>> ev = pd.DataFrame({
    ...     "case": ["1", "1", "2", "2"], "activity": ["受付", "審査", "受付", "審査"],
    ...     "timestamp": pd.to_datetime(["2026-04-01 09:00", "2026-04-01 09:10",
    ...                                  "2026-04-01 10:00", "2026-04-01 10:20"]),
    ...     "end": pd.NaT, "resource": ["A", "B", "A", "B"], "person": pd.NA,
    ... })
    >>> pm = discover(EventLog("市民課", ev, (), ("x.csv",)))
    >>> pm.graph.edges["受付", "審査"]["count"], pm.graph.nodes["受付"]["median_minutes"]
    (2, 15.0)
    """
    events = log.events
    aliases: dict[str, str] = {}
    if merge_label_variants and len(events):
        aliases = merge_aliases(events[ACTIVITY])
        if aliases:
            events = events.assign(**{ACTIVITY: apply_aliases(events[ACTIVITY], aliases)})
    minutes, from_end, source = _durations(events, max_gap_minutes)
    events = events.assign(_minutes=minutes, _from_end=from_end)

    graph = nx.DiGraph(department=log.department)
    acts = events.groupby(ACTIVITY, sort=True)
    stats = pd.DataFrame(
        {
            "events": acts.size(),
            "cases": acts[CASE].nunique(),
            "median_minutes": acts["_minutes"].median(),
            "resources": acts[RESOURCE].nunique() if RESOURCE in events else 0,
        }
    )
    stats["duration_measured"] = acts["_from_end"].mean() >= 0.5
    # An estimate from too few executions is not one (see MIN_TIMED): unknown instead.
    timed = acts["_minutes"].count()
    too_few = (timed < MIN_TIMED_SHARE * stats["events"]) | (
        (timed < MIN_TIMED) & (timed < stats["events"] / 2)
    )
    stats["median_minutes"] = stats["median_minutes"].mask(~stats["duration_measured"] & too_few)
    # Only measured handling times add up to hours (the workload, the savings): a gap to
    # the next event includes the wait for that step. Without any end time: None.
    measured = events["_minutes"].where(events["_from_end"])
    stats["total_hours"] = measured.groupby(events[ACTIVITY]).sum(min_count=1) / 60.0
    stats["persons"] = acts[PERSON].nunique() if PERSON in events else 0
    stats["performer"] = _performers(events).reindex(stats.index).fillna("unknown")
    present = [c for c in log.data_columns if c in events]
    filled = _filled_matrix(events, present)
    fields = _filled_fields(
        events,
        log.data_columns,
        min_share=min_field_share,
        filled=filled if len(present) == len(log.data_columns) else None,
    )
    stats["fields"] = fields.reindex(stats.index)
    coded = _codes(events)
    if len(events):
        stats = stats.join(_role_stats(events, log.data_columns, filled, coded))

    (dfg, starts, ends), variant_counts = _aggregates(events)
    stats["start"] = pd.Series(starts, dtype="int64").reindex(stats.index).fillna(0).astype(int)
    stats["end"] = pd.Series(ends, dtype="int64").reindex(stats.index).fillna(0).astype(int)
    stats.index.name = ACTIVITY

    for act, row in stats.iterrows():
        attrs = row.to_dict()
        for key in ("median_minutes", "total_hours", *_ROLE_KEYS):
            if key in attrs:
                attrs[key] = _none_if_nan(attrs[key])
        attrs["fields"] = tuple(attrs["fields"]) if isinstance(attrs["fields"], tuple) else ()
        graph.add_node(act, **attrs)
    before, after = _precedence(events, coded)
    for act in graph.nodes:
        graph.nodes[act]["before"] = before.get(str(act), {})
        graph.nodes[act]["after"] = after.get(str(act), {})
    for (a, b), (count, wait) in dfg.items():
        graph.add_edge(a, b, count=count, median_wait_minutes=_none_if_nan(wait))

    return ProcessMap(
        department=log.department,
        graph=graph,
        activities=stats,
        variants=_variants(variant_counts),
        cases=coded.n_cases,
        events=len(events),
        aliases=aliases,
        duration_source=source,
    )


_ROLE_KEYS = (
    "position",
    "relative_position",
    "same_day",
    "night",
    "wait_minutes",
    "after_system",
    "recapture",
    *(f"{cls}_share" for cls in PERFORMER_CLASSES),
)


def _none_if_nan(x: object) -> float | None:
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else float(x)  # type: ignore[arg-type]


def _aggregates(
    events: pd.DataFrame,
) -> tuple[
    tuple[dict[tuple[str, str], tuple[int, float]], dict[str, int], dict[str, int]],
    dict[str, int],
]:
    """Directly-follows counts and median waits, start and end activities, and the case
    count of each trace variant, from the current aggregation engine in one call
    (:func:`procmine.engine.current`; pm4py on the pandas engine)."""
    from procmine.engine import current

    result, variants = current().aggregate(events)
    return (result.edges, result.starts, result.ends), variants


def _variants(counts: dict[str, int]) -> pd.DataFrame:
    """Trace variants (activity sequences) with their case counts and shares."""
    if not counts:
        return pd.DataFrame(columns=["variant", "cases", "share"])
    # most cases first, then by variant (text order: code points, as pandas sorts text)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    frame = pd.DataFrame(
        {
            "variant": pd.Index([variant for variant, _ in ordered]).astype(str),
            "cases": np.fromiter((n for _, n in ordered), np.int64, len(ordered)),
        }
    )
    frame["share"] = frame["cases"] / frame["cases"].sum()
    return frame


def discover_all(logs: dict[str, EventLog], **options: object) -> dict[str, ProcessMap]:
    """:func:`discover` every department, in department order."""
    return {dept: discover(logs[dept], **options) for dept in sorted(logs)}  # type: ignore[arg-type]
