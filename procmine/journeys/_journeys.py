"""Life-event journeys: which cases of a resident belong together, and their type."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from procmine.model import ProcessMap


def assign_journeys(ev: pd.DataFrame, contact: pd.Series, *, window: pd.Timedelta) -> pd.Series:
    """Journey number (1 …) of every event; missing for cases outside every journey.

    A journey starts with the first case of a resident that shows contact with the
    resident (a step on site or one the resident performed); every contact case that
    starts within ``window`` of the journey's first event joins it, and the next one opens
    a new journey. Cases without contact (back-office work such as answering an income
    inquiry) join the journey whose window they start in, or none.
    """
    if ev.empty:
        return pd.Series(np.nan, index=ev.index)
    cases = ev.groupby("ckey", sort=True).agg(who=("who", "first"), start=("ts", "min"))
    cases["contact"] = contact.groupby(ev["ckey"]).any()
    open_ = cases[cases["contact"]].sort_values(["who", "start"], kind="stable")
    jstart = pd.Series(pd.NaT, index=open_.index, dtype=cases["start"].dtype)
    left = open_
    while len(left):
        first = left.groupby("who", sort=False)["start"].transform("min")
        take = left["start"] <= first + window
        jstart[left.index[take]] = first[take].to_numpy()
        left = left[~take]
    journeys = pd.DataFrame({"who": open_["who"], "jstart": jstart}).drop_duplicates()
    journeys = journeys.sort_values(["jstart", "who"], kind="stable", ignore_index=True)
    journeys["journey"] = np.arange(1, len(journeys) + 1)
    other = cases[~cases["contact"]]
    if len(other):
        hit = pd.merge_asof(
            other.reset_index().sort_values("start", kind="stable"),
            journeys.sort_values("jstart", kind="stable"),
            left_on="start",
            right_on="jstart",
            by="who",
            direction="backward",
        )
        hit = hit[hit["start"] <= hit["jstart"] + window]
        other_j = pd.Series(hit["journey"].to_numpy(), index=hit["ckey"].to_numpy())
    else:
        other_j = pd.Series(dtype="float64")
    open_j = pd.DataFrame({"who": open_["who"], "jstart": jstart}).merge(
        journeys, on=["who", "jstart"], how="left"
    )
    per_case = pd.concat([pd.Series(open_j["journey"].to_numpy(), index=open_.index), other_j])
    return ev["ckey"].map(per_case).astype("float64")


def canonical_labels(
    clusters: pd.DataFrame, maps: Mapping[str, ProcessMap]
) -> dict[tuple[str, str], str]:
    """(department, activity) → the most frequent member of its duplicate cluster in the
    same department (old and new labels of one form name one journey type)."""
    if clusters is None or clusters.empty:
        return {}
    rows = []
    for cid, dept, act in zip(
        clusters["cluster"], clusters["department"], clusters["activity"], strict=True
    ):
        pm = maps.get(dept)
        events = pm.graph.nodes[act].get("events", 0) if pm is not None and act in pm.graph else 0
        rows.append((str(cid), str(dept), str(act), int(events or 0)))
    members = pd.DataFrame(rows, columns=["cluster", "department", "activity", "events"])
    members = members.sort_values(
        ["cluster", "department", "events", "activity"], ascending=[True, True, False, True]
    )
    lead = members.groupby(["cluster", "department"], sort=False)["activity"].transform("first")
    return {
        (d, a): c
        for d, a, c in zip(members["department"], members["activity"], lead, strict=True)
        if a != c
    }


def journey_types(ev: pd.DataFrame, canonical: Mapping[tuple[str, str], str]) -> pd.Series:
    """Type label per journey, from its first case (see procmine.journeys).

    The first case's first resident-performed activity (else its first activity not done
    by a system, else its first activity), followed by `` / `` and the value of the
    case-type column of its file if it has one.
    """
    j = ev[ev["journey"].notna()]
    if j.empty:
        return pd.Series(dtype="object")
    starts = j.groupby("ckey", sort=False).agg(
        journey=("journey", "first"), start=("ts", "min"), dept=("department", "first")
    )
    starts = starts.reset_index().sort_values(["journey", "start", "dept", "ckey"], kind="stable")
    first_case = starts.drop_duplicates("journey").set_index("ckey")["journey"]
    fc = j[j["ckey"].isin(first_case.index)].assign(label=lambda f: f["activity"])
    first = fc.drop_duplicates("ckey").set_index("ckey")["label"]
    human = fc[fc["performer"].ne("system")].drop_duplicates("ckey").set_index("ckey")["label"]
    resident = fc[fc["performer"].eq("resident")].drop_duplicates("ckey").set_index("ckey")["label"]
    label = resident.reindex(first.index).fillna(human.reindex(first.index)).fillna(first)
    dept = fc.drop_duplicates("ckey").set_index("ckey")["department"].reindex(first.index)
    label = pd.Series(
        [canonical.get((d, a), a) for d, a in zip(dept, label, strict=True)],
        index=first.index,
        dtype="object",
    )
    ctype = (
        fc.dropna(subset=["ctype"])
        .drop_duplicates("ckey")
        .set_index("ckey")["ctype"]
        .reindex(first.index)
    )
    label = label.where(ctype.isna(), label + " / " + ctype.astype(str))
    return pd.Series(
        label.to_numpy(), index=first_case.reindex(label.index).to_numpy()
    ).sort_index()
