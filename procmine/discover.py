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
    measured, and ``total_hours`` is then their sum, else ``median × events``.

Role of a step (evidence for cross-department matching)
    Besides counts and times, every node carries ``resident_share``, ``staff_share``,
    ``system_share``, ``external_share`` (performer mix), ``position`` and
    ``relative_position`` (where in its cases), ``same_day`` (share on the day the case
    began), ``wait_minutes`` (median gap after the previous event), ``after_system`` and
    ``recapture`` (share of the data it fills that the case already held), and the
    eventually-follows shares ``before`` / ``after`` (dicts: other activity → share of
    this activity's cases in which it came first / later).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

import networkx as nx
import numpy as np
import pandas as pd

from procmine.model import ACTIVITY, CASE, END, PERSON, RESOURCE, TIMESTAMP, EventLog, ProcessMap

#: Resource names that mean the resident did the step (form writing, walking …).
RESIDENT_WORDS = ("resident", "citizen", "applicant", "customer", "住民", "申請者", "本人", "届出人", "来庁者")
#: Resource names that mean a system or batch did the step.
SYSTEM_WORDS = ("system", "sys", "batch", "auto", "システム", "バッチ", "自動")
#: Resource names that mean someone outside the organisation did the step.
EXTERNAL_WORDS = ("external", "外部", "委託", "医師", "審査会", "調査員", "相談所")

__all__ = ["discover", "discover_all", "merge_aliases", "performer_of"]


def performer_of(resource: str) -> Literal["resident", "staff", "system", "external"]:
    """Classify one resource name as resident, system, external or staff.

    Examples
    --------
    >>> performer_of("RESIDENT"), performer_of("SYSTEM"), performer_of("SHIMIN-受付-03")
    ('resident', 'system', 'staff')
    >>> performer_of("認定調査員-02")
    'external'
    """
    text = unicodedata.normalize("NFKC", str(resource)).lower()
    tokens = set(re.split(r"[^0-9a-z]+", text))
    if any(w in text if not w.isascii() else w in tokens for w in RESIDENT_WORDS):
        return "resident"
    if any(w in text if not w.isascii() else w in tokens for w in SYSTEM_WORDS):
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
    measured = (events[END] - events[TIMESTAMP]).dt.total_seconds() / 60.0 if END in events else None
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
    classes = {r: performer_of(r) for r in res[RESOURCE].unique()}
    res = res.assign(performer=res[RESOURCE].map(classes))
    top = (
        res.groupby([ACTIVITY, "performer"], sort=True).size().rename("n").reset_index()
        .sort_values([ACTIVITY, "n", "performer"], ascending=[True, False, True])
        .drop_duplicates(ACTIVITY)
        .set_index(ACTIVITY)["performer"]
    )
    return top.reindex(events[ACTIVITY].unique()).fillna("unknown")


#: Performer classes whose shares :func:`discover` records per activity (``<class>_share``).
PERFORMER_CLASSES = ("resident", "staff", "system", "external")


def _role_stats(events: pd.DataFrame, data_columns: tuple[str, ...]) -> pd.DataFrame:
    """Where and how each activity happens in its cases (evidence for cross-department matching).

    Per activity: the shares of its events performed by each performer class
    (``resident_share`` …; NaN without resources), ``position`` (median number of earlier
    events in the case), ``relative_position`` (median of position / (case length − 1)),
    ``same_day`` (share of events on the calendar day the case began: counter work rather
    than back office), ``wait_minutes`` (median minutes since the previous event of the
    case), ``after_system`` (share of events right after a system-performed event) and
    ``recapture`` (mean share of the data columns an event fills that an earlier event of
    the same case already filled: re-keying rather than first capture; NaN when it fills
    none). ``events`` must be sorted by case and time.
    """
    acts = events[ACTIVITY].astype(str).to_numpy()
    n = len(acts)
    case_codes = pd.factorize(events[CASE], sort=False)[0]
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
    wait = np.full(n, np.nan)
    later = ~new_case
    if later.any():
        gap = (ts_values[1:] - ts_values[:-1]) / np.timedelta64(1, "m")
        wait[1:] = np.where(later[1:], gap.astype(float), np.nan)
    if RESOURCE in events and events[RESOURCE].notna().any():
        res = events[RESOURCE]
        classes = {r: performer_of(r) for r in res.dropna().unique()}
        perf = res.map(classes).to_numpy(dtype=object)
    else:
        perf = np.full(n, None, dtype=object)
    after_system = np.zeros(n)
    if n > 1:
        after_system[1:] = np.where(later[1:], perf[:-1] == "system", 0.0)
    frame = pd.DataFrame(
        {
            ACTIVITY: acts,
            "position": idx.astype(float),
            "relative_position": rel,
            "same_day": same_day.astype(float),
            "wait_minutes": wait,
            "after_system": after_system,
        }
    )
    cols = [c for c in data_columns if c in events]
    if cols:
        block = events[cols]
        filled = (block.notna() & block.astype("string").fillna("").ne("")).to_numpy(dtype=np.int64)
        total = np.cumsum(filled, axis=0)
        before = total - filled
        base = np.vstack([np.zeros((1, len(cols)), dtype=np.int64), total])[first_of]
        earlier = (before - base) > 0
        count = filled.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            frame["recapture"] = np.where(count > 0, (filled * earlier).sum(axis=1) / count, np.nan)
    else:
        frame["recapture"] = np.nan
    grouped = frame.groupby(ACTIVITY, sort=True)
    out = grouped[["position", "relative_position"]].median()
    out["same_day"] = grouped["same_day"].mean()
    out["wait_minutes"] = grouped["wait_minutes"].median()
    out["after_system"] = grouped["after_system"].mean()
    out["recapture"] = grouped["recapture"].mean()
    known = pd.Series(perf, index=frame.index).notna().to_numpy()
    if known.any():
        shares = (
            pd.crosstab(acts[known], perf[known], normalize="index")
            .reindex(columns=list(PERFORMER_CLASSES), fill_value=0.0)
            .astype(float)
        )
    else:
        shares = pd.DataFrame(columns=list(PERFORMER_CLASSES), dtype=float)
    for cls in PERFORMER_CLASSES:
        out[f"{cls}_share"] = shares[cls].reindex(out.index) if len(shares) else np.nan
    return out


#: Activities kept per side in the ``before`` / ``after`` node attributes.
MAX_PRECEDENCE = 8


def _precedence(events: pd.DataFrame) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Eventually-follows shares: for each activity, the share of its cases in which each
    other activity first happened earlier (``before``) or later (``after``) than its own
    first event; the :data:`MAX_PRECEDENCE` largest per side. ``events`` must be sorted by
    case and time."""
    if events.empty:
        return {}, {}
    codes, labels = pd.factorize(events[ACTIVITY].astype(str), sort=True)
    cases = pd.factorize(events[CASE], sort=False)[0]
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


def _filled_fields(events: pd.DataFrame, data_columns: tuple[str, ...], *, min_share: float) -> pd.Series:
    """Data columns filled on at least ``min_share`` of an activity's events."""
    acts = events[ACTIVITY]
    if not data_columns:
        return pd.Series([()] * acts.nunique(), index=pd.Index(acts.unique(), name=ACTIVITY))
    filled = events[list(data_columns)].notna() & events[list(data_columns)].astype("string").ne("")
    share = filled.groupby(acts, sort=True).mean()
    return share.apply(lambda row: tuple(c for c in data_columns if row[c] >= min_share), axis=1)


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
            events = events.assign(**{ACTIVITY: events[ACTIVITY].replace(aliases)})
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
    # Measured handling times add up; estimated ones (gap to the next event) would add up
    # waiting too, so those activities count median × events.
    stats["duration_measured"] = acts["_from_end"].mean() >= 0.5
    stats["total_hours"] = (acts["_minutes"].sum() / 60.0).where(
        stats["duration_measured"], stats["median_minutes"].fillna(0) * stats["events"] / 60.0
    )
    stats["persons"] = acts[PERSON].nunique() if PERSON in events else 0
    stats["performer"] = _performers(events).reindex(stats.index).fillna("unknown")
    stats["fields"] = _filled_fields(events, log.data_columns, min_share=min_field_share).reindex(stats.index)
    stats = stats.join(_role_stats(events, log.data_columns)) if len(events) else stats

    dfg, starts, ends = _dfg(events)
    stats["start"] = pd.Series(starts, dtype="int64").reindex(stats.index).fillna(0).astype(int)
    stats["end"] = pd.Series(ends, dtype="int64").reindex(stats.index).fillna(0).astype(int)
    stats.index.name = ACTIVITY

    for act, row in stats.iterrows():
        attrs = row.to_dict()
        for key in ("median_minutes", *_ROLE_KEYS):
            if key in attrs:
                attrs[key] = _none_if_nan(attrs[key])
        attrs["fields"] = tuple(attrs["fields"]) if isinstance(attrs["fields"], tuple) else ()
        graph.add_node(act, **attrs)
    before, after = _precedence(events)
    for act in graph.nodes:
        graph.nodes[act]["before"] = before.get(str(act), {})
        graph.nodes[act]["after"] = after.get(str(act), {})
    for (a, b), (count, wait) in dfg.items():
        graph.add_edge(a, b, count=count, median_wait_minutes=_none_if_nan(wait))

    return ProcessMap(
        department=log.department,
        graph=graph,
        activities=stats,
        variants=_variants(events),
        cases=int(events[CASE].nunique()),
        events=len(events),
        aliases=aliases,
        duration_source=source,
    )


_ROLE_KEYS = (
    "position",
    "relative_position",
    "same_day",
    "wait_minutes",
    "after_system",
    "recapture",
    *(f"{cls}_share" for cls in PERFORMER_CLASSES),
)


def _none_if_nan(x: object) -> float | None:
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else float(x)  # type: ignore[arg-type]


def _dfg(events: pd.DataFrame) -> tuple[dict[tuple[str, str], tuple[int, float]], dict[str, int], dict[str, int]]:
    """Directly-follows counts and median waits, start and end activities (pm4py)."""
    if events.empty:
        return {}, {}, {}
    import pm4py

    frame = pd.DataFrame(
        {
            "case:concept:name": events[CASE].astype(str).to_numpy(),
            "concept:name": events[ACTIVITY].astype(str).to_numpy(),
            "time:timestamp": events[TIMESTAMP].to_numpy(),
            "@@index": np.arange(len(events)),
        }
    )
    keys = {"case_id_key": "case:concept:name", "activity_key": "concept:name", "timestamp_key": "time:timestamp"}
    dfg, starts, ends = pm4py.discover_dfg(frame, **keys)
    perf, _, _ = pm4py.discover_performance_dfg(frame, perf_aggregation_key="median", **keys)
    out = {
        (str(a), str(b)): (int(n), float(perf.get((a, b), float("nan"))) / 60.0)
        for (a, b), n in dfg.items()
    }
    return (
        dict(sorted(out.items())),
        {str(k): int(v) for k, v in starts.items()},
        {str(k): int(v) for k, v in ends.items()},
    )


def _variants(events: pd.DataFrame) -> pd.DataFrame:
    """Trace variants (activity sequences) with their case counts and shares."""
    if events.empty:
        return pd.DataFrame(columns=["variant", "cases", "share"])
    traces = events.groupby(CASE, sort=False)[ACTIVITY].agg(" → ".join)
    counts = traces.value_counts()
    frame = pd.DataFrame({"variant": counts.index.astype(str), "cases": counts.to_numpy()})
    frame = frame.sort_values(["cases", "variant"], ascending=[False, True], ignore_index=True)
    frame["share"] = frame["cases"] / frame["cases"].sum()
    return frame


def discover_all(logs: dict[str, EventLog], **options: object) -> dict[str, ProcessMap]:
    """:func:`discover` every department, in department order."""
    return {dept: discover(logs[dept], **options) for dept in sorted(logs)}  # type: ignore[arg-type]
