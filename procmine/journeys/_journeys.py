"""Life-event journeys: which cases of a resident belong together, and their type."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from procmine.model import ProcessMap

from ._marks import usable
from ._segments import Segments, distinct, first_seen, stable_order
from ._stops import minutes
from ._tables import stable_by


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
    if usable(ev):
        return _journey_types(ev, canonical)
    j = ev.loc[
        ev["journey"].notna(),
        ["ckey", "journey", "ts", "department", "activity", "performer", "ctype"],
    ]
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


def _firsts(rows: np.ndarray, ckey: np.ndarray, slot: np.ndarray, size: int) -> np.ndarray:
    """Per case (``slot[case]``: its position among ``size`` cases), its first row among
    ``rows`` (row order); -1 where it has none."""
    out = np.full(size, -1, dtype="int64")
    cases, at = first_seen(ckey[rows])
    out[slot[cases]] = rows[at]
    return out


def _journey_types(ev: pd.DataFrame, canonical: Mapping[tuple[str, str], str]) -> pd.Series:
    """:func:`journey_types` on integer codes (time stamps all known)."""
    journey = ev["journey"].to_numpy(dtype="float64")
    rows = np.flatnonzero(~np.isnan(journey))
    if not len(rows):
        return pd.Series(dtype="object")
    ckey = ev["ckey"].to_numpy(dtype="int64")
    ck = ckey[rows]
    cases, at = first_seen(ck)
    slot = np.searchsorted(cases, ck)
    start = np.full(len(cases), np.iinfo("int64").max, dtype="int64")
    np.minimum.at(start, slot, ev["ts"].to_numpy().view("int64")[rows])
    first_row = rows[at]
    dcode = ev["dcode"].to_numpy(dtype="int64")[first_row]  # order of department names
    c_journey = journey[first_row]
    order = np.lexsort((cases, dcode, start, c_journey))
    new = np.ones(len(order), dtype=bool)
    new[1:] = c_journey[order][1:] != c_journey[order][:-1]
    chosen = order[new]  # each journey's first case
    wanted = np.zeros(int(ckey.max()) + 1, dtype=bool)
    wanted[cases[chosen]] = True
    fc = rows[wanted[ck]]
    # Per chosen case (in the order of chosen): its first row, first human and resident
    # row, first row with a case type.
    where = np.full(len(wanted), -1, dtype="int64")
    where[cases[chosen]] = np.arange(len(chosen))
    performer = ev["performer"].to_numpy(dtype=object)
    ctype = ev["ctype"].to_numpy(dtype=object)
    first = _firsts(fc, ckey, where, len(chosen))
    human = _firsts(fc[performer[fc] != "system"], ckey, where, len(chosen))
    resident = _firsts(fc[performer[fc] == "resident"], ckey, where, len(chosen))
    typed = _firsts(fc[~pd.isna(ctype[fc])], ckey, where, len(chosen))
    row = np.where(resident >= 0, resident, np.where(human >= 0, human, first))
    activity = ev["activity"].to_numpy(dtype=object)[row].tolist()
    department = ev["department"].to_numpy(dtype=object)[first].tolist()
    no_type = np.array(None, dtype=object)  # None as the object scalar np.where makes of it
    kind = np.where(typed >= 0, ctype[np.maximum(typed, 0)], no_type).tolist()
    # One label per distinct (department, activity, case type), not per journey.
    made: dict[tuple[object, object, object], str] = {}
    labels = []
    for key in zip(department, activity, kind, strict=True):
        label = made.get(key)
        if label is None:
            d, a, t = key
            label = canonical.get((d, a), a)
            if t is not None:
                label = label + " / " + str(t)
            made[key] = label
        labels.append(label)
    index = c_journey[chosen]
    return pd.Series(labels, index=index).sort_index()


#: Data columns a step must fill to count as a procedure's work when it is done on site.
PROCEDURE_MIN_FIELDS = 2


def life_events(ev: pd.DataFrame, captures: pd.DataFrame) -> pd.Series:
    """Life-event label per journey: the departments of its procedures, and their case types.

    A case of the journey is a **procedure** when the resident asked for it: it has a step
    that is neither a queue ticket nor an identity check and that the resident performs
    (a form, also online) or that staff do on a day the resident came, filling at least
    :data:`PROCEDURE_MIN_FIELDS` data columns. A case holding only what every counter does
    (ticket, identity or number check, triage, guidance) is not one, nor back-office work
    that follows from another procedure (re-keying an address, an income inquiry), which
    a reform may automate away. The label is the sorted departments of the
    procedures joined by `` + ``, then `` / `` and the most specific case type of the
    procedures (of the values of their files' case-type columns, such as 窓口 and 婚姻届,
    the one fewest cases of the log have) if any. Neither activity labels nor
    the order of the counters enter it, so the same household's life event gets the same
    label before and after a reform that renames the counter steps (written forms replaced
    by an interview and a signature) or moves the checks to one front counter. Journeys
    without a procedure are labelled by all their departments.
    """
    if usable(ev):
        return _life_events(ev, captures)
    j = ev.loc[
        ev["journey"].notna(),
        ["who", "day", "queue", "ident", "performer", "ckey", "journey", "department", "ctype"],
    ]
    if j.empty:
        return pd.Series(dtype="object")
    nfields = captures.groupby("eid").size().reindex(j.index, fill_value=0) if len(captures) else 0
    present = ev.loc[ev["present"].astype(bool), ["who", "day"]].drop_duplicates()
    came = pd.MultiIndex.from_frame(j[["who", "day"]]).isin(pd.MultiIndex.from_frame(present))
    work = (
        ~j["queue"].astype(bool)
        & ~j["ident"].astype(bool)
        & (j["performer"].eq("resident") | (came & (nfields >= PROCEDURE_MIN_FIELDS)))
    )
    procedure = work.groupby(j["ckey"]).transform("any")
    has_any = procedure.groupby(j["journey"]).transform("any")
    chosen = j[procedure | ~has_any]
    depts = _department_sets(chosen)
    typed = ev.dropna(subset=["ctype"]).drop_duplicates("ckey")
    rarity = typed["ctype"].astype(str).value_counts()  # cases per case type in the log
    return _labels(chosen, depts, rarity)


def _life_events(ev: pd.DataFrame, captures: pd.DataFrame) -> pd.Series:
    """:func:`life_events` on integer codes (rows in resident and time order)."""
    number = ev["journey"].to_numpy(dtype="float64")
    rows = np.flatnonzero(~np.isnan(number))
    if not len(rows):
        return pd.Series(dtype="object")
    # Did the resident come that day? Rows of a resident's day are contiguous.
    who, day = ev["who"].to_numpy(dtype="int64"), ev["day"].to_numpy()
    new = np.ones(len(ev), dtype=bool)
    new[1:] = (who[1:] != who[:-1]) | (day[1:] != day[:-1])
    wday = np.cumsum(new) - 1
    came = np.bincount(wday, weights=ev["present"].to_numpy(dtype=bool))[wday] > 0
    nfields = np.bincount(captures["eid"].to_numpy(dtype="int64"), minlength=len(ev))
    performer = ev["performer"].to_numpy(dtype=object)
    work = (
        ~ev["queue"].to_numpy(dtype=bool)
        & ~ev["ident"].to_numpy(dtype=bool)
        & ((performer == "resident") | (came & (nfields >= PROCEDURE_MIN_FIELDS)))
    )[rows]
    del who, day, new, wday, came, nfields, performer  # one value per event: let go of early
    ckey = ev["ckey"].to_numpy(dtype="int64")[rows]
    journey = number[rows].astype("int64")
    procedure = (np.bincount(ckey, weights=work) > 0)[ckey]
    has_any = (np.bincount(journey, weights=procedure) > 0)[journey]
    pick = rows[procedure | ~has_any]
    del work, ckey, journey, procedure, has_any, rows
    chosen = pd.DataFrame(
        {
            "journey": number[pick],
            "department": _obj(ev["department"].to_numpy(dtype=object)[pick]),
            "ctype": _obj(ev["ctype"].to_numpy(dtype=object)[pick]),
        }
    )
    depts = _department_sets(chosen)
    ctype = ev["ctype"].to_numpy(dtype=object)
    typed = np.flatnonzero(~pd.isna(ctype))
    _, first = first_seen(ev["ckey"].to_numpy(dtype="int64")[typed])
    rarity = pd.Series(ctype[typed[first]], dtype="object").astype(str).value_counts()
    return _labels(chosen, depts, rarity)


def _labels(chosen: pd.DataFrame, depts: pd.Series, rarity: pd.Series) -> pd.Series:
    """Journey → its departments, and the rarest case type among its chosen steps (the
    life event it is about): ``"保険年金課 + 市民課 / 出生届"``."""
    cand = chosen.dropna(subset=["ctype"]).drop_duplicates(["journey", "ctype"])
    cand = cand.assign(ctype=cand["ctype"].astype(str))
    cand = cand.assign(cases=cand["ctype"].map(rarity))
    ctypes = (
        cand.sort_values(["journey", "cases", "ctype"], kind="stable")
        .drop_duplicates("journey")
        .set_index("journey")["ctype"]
    )
    label = depts.where(
        ~depts.index.isin(ctypes.index), depts + " / " + ctypes.reindex(depts.index)
    )
    label.index = label.index.astype("int64")
    return label.astype("object").sort_index()


def _obj(values: np.ndarray) -> pd.Series:
    return pd.Series(values, dtype="object")


def _department_sets(chosen: pd.DataFrame) -> pd.Series:
    """Per journey, its sorted distinct departments joined by `` + `` (as
    ``groupby("journey")["department"].agg(lambda d: " + ".join(sorted(set(d))))``),
    with one join per distinct set of departments rather than per journey."""
    codes, names = pd.factorize(chosen["department"], sort=True)
    number = chosen["journey"].to_numpy()
    if _whole_numbers(number) and len(codes) and bool((codes >= 0).all()):
        # Distinct (journey, department) pairs in that order, as one integer key each.
        width = len(names) + 1
        low = int(number.min())
        key = distinct((number.astype("int64") - low) * width + codes)
        journey = (key // width + low).astype(number.dtype)
        d = (key % width).tolist()
    else:
        pairs = pd.DataFrame({"journey": number, "d": codes})
        pairs = pairs.drop_duplicates().sort_values(["journey", "d"], kind="stable")
        journey, d = pairs["journey"].to_numpy(), pairs["d"].tolist()
    new = np.ones(len(d), dtype=bool)
    new[1:] = journey[1:] != journey[:-1]
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], len(d)).tolist() if len(d) else []
    sets = [tuple(d[a:b]) for a, b in zip(starts.tolist(), ends, strict=True)]
    labels = {s: " + ".join(str(names[k]) for k in s) for s in set(sets)}
    index = pd.Index(journey[starts], name="journey")
    return pd.Series([labels[s] for s in sets], index=index, name="department")


def _whole_numbers(values: np.ndarray) -> bool:
    """Are ``values`` integers, or floats without missing or fractional values?"""
    if values.dtype.kind in "iu":
        return True
    if values.dtype.kind != "f":
        return False
    return bool(np.isfinite(values).all() and (values == np.floor(values)).all())


def work_figures(ev: pd.DataFrame, captures: pd.DataFrame) -> pd.DataFrame:
    """Per journey: ``staff_minutes`` (handling minutes of the steps staff and external
    bodies do, from start to end), ``form_steps`` and ``form_minutes``.

    A **form step** is what the resident does to hand over their data on a form at the
    counter: a resident-performed step on site, together with the step just before it in
    the same case when that one is done by staff on site, fills data columns and ends at
    most a minute before (the interview of a 書かない窓口 whose printed form the resident
    signs). ``form_minutes`` is the mean length of the journey's form steps, from the start
    of the first of the two to the end of the resident's step (missing without any).
    """
    if usable(ev) and "visit" in ev:
        return _work_figures(ev, captures)
    used = ["journey", "visit", "ckey", "ts", "fin_est", "performer"]
    j = ev.loc[ev["journey"].notna(), [c for c in used if c in ev]]
    cols = ["staff_minutes", "form_steps", "form_minutes"]
    if j.empty:
        return pd.DataFrame(columns=cols, dtype="float64")
    length = (j["fin_est"] - j["ts"]).dt.total_seconds() / 60.0
    staff = length.where(j["performer"].isin(["staff", "external"]), 0.0).fillna(0.0)
    staff_minutes = staff.groupby(j["journey"]).sum()
    fills = captures["eid"].value_counts().reindex(j.index, fill_value=0) if len(captures) else 0
    on_site = j["visit"].notna() if "visit" in j else pd.Series(False, index=j.index)
    by_case = stable_by(j[["ckey", "ts", "fin_est", "performer", "journey"]], "ckey")
    prev = by_case.groupby("ckey", sort=False)[["ts", "fin_est", "performer"]].shift(1)
    prev_fills = (
        pd.Series(fills, index=j.index).reindex(prev.index).groupby(by_case["ckey"]).shift(1)
    )
    prev_on = (
        on_site.reindex(prev.index).groupby(by_case["ckey"]).shift(1).fillna(False).astype(bool)
    )
    resident = by_case["performer"].eq("resident") & on_site.reindex(by_case.index)
    joined = (
        resident
        & prev["performer"].eq("staff")
        & prev_on
        & (prev_fills.fillna(0) > 0)
        & ((by_case["ts"] - prev["fin_est"]) <= pd.Timedelta(minutes=1))
    )
    start = prev["ts"].where(joined, by_case["ts"])
    span = ((by_case["fin_est"] - start).dt.total_seconds() / 60.0)[resident]
    journey = by_case.loc[resident, "journey"]
    forms = span.groupby(journey).agg(["size", "mean"])
    out = pd.DataFrame({"staff_minutes": staff_minutes})
    out["form_steps"] = forms["size"].reindex(out.index).fillna(0).astype("int64")
    out["form_minutes"] = forms["mean"].reindex(out.index)
    out.index = out.index.astype("int64")
    return out


def _work_figures(ev: pd.DataFrame, captures: pd.DataFrame) -> pd.DataFrame:
    """:func:`work_figures` on integer codes (time stamps all known, visits marked)."""
    cols = ["staff_minutes", "form_steps", "form_minutes"]
    number = ev["journey"].to_numpy(dtype="float64")
    rows = np.flatnonzero(~np.isnan(number))
    if not len(rows):
        return pd.DataFrame(columns=cols, dtype="float64")
    journey = number[rows].astype("int64")
    ts, fin = ev["ts"].to_numpy()[rows], ev["fin_est"].to_numpy()[rows]
    performer = ev["performer"].to_numpy(dtype=object)[rows]
    staffish = (performer == "staff") | (performer == "external")
    staff = np.zeros(len(rows))
    staff[staffish] = minutes(fin[staffish] - ts[staffish])  # the others count 0
    staff_minutes = pd.Series(np.nan_to_num(staff, nan=0.0)).groupby(journey).sum()
    del staff, staffish, number  # one value per event: let go of early
    by_staff = performer == "staff"
    resident = performer == "resident"
    del performer  # flags instead of labels from here on
    fills = np.bincount(captures["eid"].to_numpy(dtype="int64"), minlength=len(ev))[rows]
    on_site = ~np.isnan(ev["visit"].to_numpy(dtype="float64")[rows])
    # In the order of the cases (then time), as the groupby of work_figures sees them:
    # sorted once, the steps of a case are contiguous.
    ckey = ev["ckey"].to_numpy(dtype="int64")[rows]
    order = stable_order(ckey)
    ckey, journey, ts, fin = ckey[order], journey[order], ts[order], fin[order]
    by_staff, resident = by_staff[order], resident[order]
    fills, on_site = fills[order], on_site[order]
    del order
    by = Segments(ckey)
    prev_ts = by.shift(ts, fill=np.datetime64("NaT"))
    prev_fin = by.shift(fin, fill=np.datetime64("NaT"))
    resident = resident & on_site
    joined = (
        resident
        & by.shift(by_staff, fill=False)
        & by.shift(on_site, fill=False)
        & (by.shift(fills, fill=0) > 0)
    )
    del fills, on_site, by_staff
    joined[joined] = (ts[joined] - prev_fin[joined]) <= np.timedelta64(60, "s")
    del prev_fin
    pick = np.flatnonzero(resident)
    span = minutes(fin[pick] - np.where(joined[pick], prev_ts[pick], ts[pick]))
    del prev_ts, joined, ts, fin
    forms = pd.Series(span).groupby(journey[pick]).agg(["size", "mean"])
    out = pd.DataFrame({"staff_minutes": staff_minutes})
    out["form_steps"] = forms["size"].reindex(out.index).fillna(0).astype("int64")
    out["form_minutes"] = forms["mean"].reindex(out.index)
    out.index = out.index.astype("int64")
    return out
