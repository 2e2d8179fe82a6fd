"""Presence, visits and the counters a resident stops at (rules in procmine.journeys)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import numpy as np
import pandas as pd

from procmine.model import ProcessMap
from procmine.text.normalize import queue_worded

#: Without such labels, a system step is a queue ticket when most of its events open the
#: resident's day at the department and most are followed, the same day, by a step of the
#: same resident in the same department done by someone else.
QUEUE_SHARE = 0.5
#: Identity-like clusters capture at most this many data columns (median over members).
IDENTITY_MAX_FIELDS = 2


def _groups(ev: pd.DataFrame) -> pd.Series:
    """Group number of (resident, day, department); rows stay in time order inside."""
    return ev.groupby(["who", "day", "dcode"], sort=False).ngroup()


def primary_presence(ev: pd.DataFrame, *, gap: pd.Timedelta) -> tuple[pd.Series, pd.Series]:
    """(queue, present): queue-ticket steps and steps that show the resident on site."""
    g = _groups(ev)
    system = ev["performer"].eq("system")
    resident = ev["performer"].eq("resident")
    followed = system & ev["ts"].where(~system).groupby(g).bfill().notna()
    sub = ev[system]
    codes, labels = pd.factorize(sub["activity"])
    named = np.array([queue_worded(x) for x in labels], dtype=bool)
    if named.any():
        ticket_like = pd.Series(named[codes], index=sub.index)
    else:
        opens = g.ne(g.shift())
        by_act = pd.DataFrame({"followed": followed, "opens": opens})[system].groupby(
            [sub["dcode"], sub["activity"]]
        )
        ticket_like = (by_act["followed"].transform("mean") >= QUEUE_SHARE) & (
            by_act["opens"].transform("mean") >= QUEUE_SHARE
        )
    queue = pd.Series(False, index=ev.index)
    queue[system] = (followed[system] & ticket_like).to_numpy()
    prev_other = ev["fin"].where(~resident).groupby(g).ffill()
    next_other = ev["ts"].where(~resident).groupby(g).bfill()
    near = ((ev["ts"] - prev_other) <= gap) | ((next_other - ev["fin"]) <= gap)
    on_site_form = resident & near.fillna(False)
    # A file without any resident or system step (a register without queue tickets, an
    # export without resources) says nothing about presence: the first step of each case
    # counts as presence (the case was opened at the counter); the service that follows
    # it is on site through the service chain (see assign_visits).
    silent = ~(system | resident).groupby(ev["fkey"]).transform("any").astype(bool)
    opening = ev["ts"].eq(ev.groupby("ckey")["ts"].transform("min"))
    return queue, queue | on_site_form | (silent & opening)


#: Words that mark an identity check in an activity label (Japanese and English).
IDENTITY_WORDS: tuple[str, ...] = (
    "身元",
    "身分",
    "identity",
    "identification",
    "id check",
    "verify id",
)


def identity_worded(label: str) -> bool:
    """Does an activity label name an identity check?

    >>> identity_worded("窓口での本人確認"), identity_worded("Identity check"), identity_worded("健康保険加入確認")
    (True, True, False)
    """
    text = unicodedata.normalize("NFKC", str(label)).lower()
    return ("本人" in text and "確認" in text) or any(w in text for w in IDENTITY_WORDS)


def identity_activities(
    ev: pd.DataFrame,
    present: pd.Series,
    clusters: pd.DataFrame,
    maps: Mapping[str, ProcessMap],
    attributes: Mapping[str, set[str]],
) -> tuple[object | None, tuple[tuple[str, str], ...]]:
    """(identity-like cluster or None, the (department, activity) pairs counted as checks).

    Checks are staff-performed and capture at most :data:`IDENTITY_MAX_FIELDS` data
    columns. Where activity labels name identity checks (:func:`identity_worded`), the
    checks are those activities plus the members of clusters most of whose members are so
    named (the cluster with most executions on days the resident is present is reported).
    Elsewhere, the checks are the members of the most executed such cluster.
    """
    nodes = []
    for dept, pm in maps.items():
        for act, attrs in pm.graph.nodes(data=True):
            fields = [
                f for f in attrs.get("fields", ()) or () if f not in attributes.get(dept, set())
            ]
            nodes.append((str(dept), str(act), attrs.get("performer", "unknown"), len(fields)))
    table = pd.DataFrame(nodes, columns=["department", "activity", "performer", "nfields"])
    table["check"] = table["performer"].eq("staff") & (table["nfields"] <= IDENTITY_MAX_FIELDS)
    table["worded"] = table["check"] & table["activity"].map(identity_worded).astype(bool)
    best: object | None = None
    members: set[tuple[str, str]] = set()
    if clusters is not None and not clusters.empty and not ev.empty:
        cl = clusters[["cluster", "department", "activity"]].astype(
            {"department": str, "activity": str}
        )
        cl = cl.merge(table, on=["department", "activity"], how="left")
        stats = cl.groupby("cluster").agg(
            check=("check", lambda c: float(c.fillna(False).mean())),
            worded=("activity", lambda a: float(a.map(identity_worded).mean())),
        )
        eligible = stats[stats["check"] > 0.5]
        if table["worded"].any():
            eligible = eligible[eligible["worded"] > 0.5]
        if len(eligible):
            day_present = _day_any(ev, present)
            hits = ev.loc[day_present & ev["cluster"].isin(list(eligible.index)), "cluster"]
            counts = hits.value_counts().reindex(eligible.index).fillna(0)
            best = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]
            chosen = cl["cluster"].isin(list(eligible.index) if table["worded"].any() else [best])
            members |= set(
                zip(cl.loc[chosen, "department"], cl.loc[chosen, "activity"], strict=True)
            )
    members |= set(
        zip(
            table.loc[table["worded"], "department"],
            table.loc[table["worded"], "activity"],
            strict=True,
        )
    )
    return best, tuple(sorted(members))


def _day_any(ev: pd.DataFrame, present: pd.Series) -> pd.Series:
    """``present.groupby([ev["who"], ev["day"]]).transform("any")``: whether the resident was
    present that day, per event; by contiguous runs where the rows are in (resident, day)
    order (as the event table is), else by the groupby."""
    who, day = ev["who"].to_numpy(), ev["day"].to_numpy()
    flags = present.to_numpy()
    if (
        len(who) > 1
        and who.dtype.kind in "iu"
        and day.dtype.kind == "M"
        and flags.dtype == bool
        and not np.isnat(day).any()
    ):
        same = who[1:] == who[:-1]
        if ((who[1:] > who[:-1]) | (same & (day[1:] >= day[:-1]))).all():
            new = np.ones(len(who), dtype=bool)
            new[1:] = ~same | (day[1:] != day[:-1])
            runs = np.logical_or.reduceat(flags, np.flatnonzero(new))
            return pd.Series(runs[np.cumsum(new) - 1], index=present.index)
    return present.groupby([ev["who"], ev["day"]]).transform("any")


def location_marks(frame: pd.DataFrame, keys: list[pd.Series]) -> pd.Series:
    """Department code where the resident shows up at a counter, per step (else missing).

    Within each group of ``keys`` (a visit, or a resident's day) with queue tickets, each
    ticket opens a counter at its department and presence steps before the first ticket
    mark where the resident starts; steps of other departments between tickets are served
    at the current counter (a one-stop counter). Without tickets, every presence step marks
    its department. ``frame`` has ``dcode``, ``queue`` and ``present``.
    """
    queue = frame["queue"].astype(bool)
    seen = queue.astype("int64").groupby(keys).cumsum()
    ticketed = queue.groupby(keys).transform("any").astype(bool)
    mark = queue | (frame["present"].astype(bool) & (~ticketed | seen.eq(0)))
    return frame["dcode"].where(mark)


def _in_windows(ev: pd.DataFrame, windows: pd.DataFrame) -> pd.Series:
    """Per event, the window (index ``seq``; ``who``, ``start``, ``stop``, sorted by resident
    and start, starts distinct per resident) of its resident with the latest start at or
    before it, where the event is not after its stop; else missing. The same as
    ``merge_asof(by="who", direction="backward")``, by one search on (resident, time rank)."""
    ts, start = ev["ts"].to_numpy(), windows["start"].to_numpy()
    if pd.isna(ts).any() or pd.isna(start).any():  # no time order for missing stamps
        left = ev[["who", "ts"]].assign(idx=ev.index).sort_values("ts", kind="stable")
        right = windows.reset_index().sort_values("start", kind="stable")
        hit = pd.merge_asof(
            left, right, left_on="ts", right_on="start", by="who", direction="backward"
        )
        inside = hit["ts"].le(hit["stop"])
        values = hit["seq"].where(inside).to_numpy()
        return pd.Series(values, index=hit["idx"].to_numpy()).reindex(ev.index)
    times, rank = np.unique(np.concatenate([ts, start]), return_inverse=True)
    width = len(times) + 1
    who_ev = ev["who"].to_numpy(dtype="int64")
    who_w = windows["who"].to_numpy(dtype="int64")
    keys = who_w * width + rank[len(ts) :]
    at = np.searchsorted(keys, who_ev * width + rank[: len(ts)], side="right") - 1
    found = at >= 0
    at = np.where(found, at, 0)
    ok = found & (who_w[at] == who_ev) & (ts <= windows["stop"].to_numpy()[at])
    seq = windows.index.to_numpy(dtype="float64")
    return pd.Series(np.where(ok, seq[at], np.nan), index=ev.index)


def assign_visits(
    ev: pd.DataFrame,
    present: pd.Series,
    queue: pd.Series,
    *,
    gap: pd.Timedelta,
    service_gap: pd.Timedelta,
) -> pd.Series:
    """Visit number (1 …) of every on-site event; missing for events off site."""
    p = ev.loc[present, ["who", "ts", "fin", "day"]]
    if p.empty:
        return pd.Series(np.nan, index=ev.index)
    by = p.groupby("who", sort=False)
    prev_fin = by["fin"].shift()
    prev_day = by["day"].shift()
    prev_queue = queue[present].groupby(p["who"], sort=False).shift().fillna(False).astype(bool)
    new = prev_fin.isna() | p["day"].ne(prev_day) | (((p["ts"] - prev_fin) > gap) & ~prev_queue)
    seq = new.cumsum()
    windows = (
        p.assign(seq=seq)
        .groupby("seq", sort=True)
        .agg(who=("who", "first"), start=("ts", "min"), stop=("ts", "max"))
    )
    visit = _in_windows(ev, windows)
    # Service continues at the same counter: steps of the same department that follow (or
    # precede) a presence step without a break longer than service_gap after the (known or
    # estimated) end of the step before (the wait after a
    # queue ticket does not break it) are on site too, until the resident shows up at
    # another department (a presence step there); steps of other departments in between
    # (back office meanwhile) do not break it.
    day_key = [ev["who"], ev["day"]]
    marks = location_marks(ev[["dcode"]].assign(queue=queue, present=present), day_key)
    loc = marks.groupby(day_key).ffill()
    before = loc.groupby(day_key).shift()
    epoch = (loc.ne(before) & before.notna()).astype("int64").groupby(day_key).cumsum()
    g = _groups(ev)
    by_dept = pd.DataFrame({"fin": ev["fin_est"], "epoch": epoch, "queue": queue}).groupby(g)
    prev_fin = by_dept["fin"].shift()
    after_queue = by_dept["queue"].shift().fillna(False).astype(bool)
    cont = (
        prev_fin.notna()
        & epoch.eq(by_dept["epoch"].shift())
        & (((ev["ts"] - prev_fin) <= service_gap) | after_queue)
    )
    chain = g.astype("int64") * (len(ev) + 1) + (~cont).astype("int64").groupby(g).cumsum()
    return visit.fillna(visit.where(present).groupby(chain).transform("min"))
