"""The visit, stop and journey tables, from the marked-up event table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ._marks import usable
from ._segments import Segments, stable_order
from ._stops import visit_parts
from ._visits import location_marks

VISIT_COLUMNS = [
    "visit",
    "journey",
    "pseudonym",
    "date",
    "start",
    "end",
    "n_departments",
    "departments",
    "route",
    "counters",
    "minutes_on_site",
    "waiting_minutes",
    "forms_written",
    "fields_written_again",
    "identity_checks",
    "hand_offs",
    "back_and_forth",
    "cluster_executions",
]
STOP_COLUMNS = [
    "visit",
    "journey",
    "stop",
    "department",
    "arrival",
    "departure",
    "arrival_minute",
    "minutes",
    "counters",
    "waiting_minutes",
]
JOURNEY_COLUMNS = [
    "journey",
    "pseudonym",
    "journey_type",
    "life_event",
    "start",
    "first_department",
    "n_departments",
    "departments",
    "cases",
    "visits",
    "revisits",
    "counters",
    "minutes_on_site",
    "waiting_minutes",
    "forms_written",
    "fields_written_again",
    "identity_checks",
    "hand_offs",
    "back_and_forth",
    "staff_minutes",
    "form_steps",
    "form_minutes",
]
QUEUE_COLUMNS = [
    "visit",
    "journey",
    "department",
    "date",
    "ticket",
    "service",
    "queue_minutes",
]
#: Columns of JOURNEY_COLUMNS added after :func:`journey_table` (procmine.journeys).
LATER_COLUMNS = ("life_event", "staff_minutes", "form_steps", "form_minutes")


def stable_by(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``frame`` stably sorted by ``column`` alone (no missing values). Rows of the event
    table are in time order per resident, so for a key that belongs to one resident
    (case, visit, journey) this equals sorting by the key, then by time."""
    return frame.iloc[np.argsort(frame[column].to_numpy(), kind="stable")]


def _minutes(delta: pd.Series) -> pd.Series:
    return delta.dt.total_seconds() / 60.0


def _ordered_unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _map_distinct(values: pd.Series, fn: Callable[[Any], Any]) -> pd.Series:
    """``values.map(fn)``, calling ``fn`` once per distinct value (routes and department
    tuples repeat across visits and journeys)."""
    codes, uniques = pd.factorize(values)
    if (codes < 0).any():  # missing values: as map gives them
        return values.map(fn)
    distinct = pd.Series(list(uniques), dtype="object").map(fn)
    return pd.Series(distinct.to_numpy()[codes], index=values.index, dtype=distinct.dtype)


def _tuples(keys: pd.Series, values: pd.Series) -> pd.Series:
    """Tuple of ``values`` per key; rows of one key must be contiguous and in order."""
    k = keys.to_numpy()
    if not len(k):
        return pd.Series(dtype="object")
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    ends = np.r_[starts[1:], len(k)].tolist()
    vals = values.tolist()
    parts = [tuple(vals[a:b]) for a, b in zip(starts.tolist(), ends, strict=True)]
    return pd.Series(parts, index=k[starts], dtype="object")


def event_figures(
    ev: pd.DataFrame, captures: pd.DataFrame, field_codes: np.ndarray | None = None
) -> pd.DataFrame:
    """Per event: is it a form write, and how many of its fields are written again.
    ``field_codes``: the captures' fields as integer codes (one per field), if known."""
    n = len(ev)
    eid = captures["eid"].to_numpy(dtype="int64")  # ev is indexed by eid
    if field_codes is not None and len(field_codes) == len(eid):
        field = np.asarray(field_codes, dtype="int64")  # only equal fields compare equal
    else:
        field = pd.factorize(captures["field"])[0]
    journey = ev["journey"].to_numpy(dtype="float64")[eid]
    e = eid
    if len(eid) and not (np.diff(eid) >= 0).all():  # captures come sorted by event
        order = np.argsort(eid, kind="stable")
        e, field, journey = eid[order], field[order], journey[order]
    # Written again: an earlier event (in time order) of the same journey captured the
    # field; the first capture of each (journey, field) in event order is not.
    known = ~np.isnan(journey)
    width = int(field.max()) + 1 if len(field) else 1
    pair = np.where(known, np.nan_to_num(journey).astype("int64") * width + field, -1)
    again = pd.Series(pair).duplicated().to_numpy() & known
    resident = (ev["performer"].to_numpy(dtype=object) == "resident")[e]
    forms = np.bincount(e[resident], minlength=n) > 0
    rewrites = np.bincount(e[resident & again], minlength=n)
    return pd.DataFrame({"form": forms, "again": rewrites.astype("int64")}, index=ev.index)


def visit_tables(
    ev: pd.DataFrame, figures: pd.DataFrame, identity: bool, *, full: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(visits, stops); ``ev`` carries ``visit``, ``vjourney``, ``present``, ``queue``,
    ``ident`` and ``pseudonym``; ``identity`` says whether identity checks are known.
    With ``full=False``, visits has only ``visit``, ``journey``, ``counters``,
    ``minutes_on_site`` and ``waiting_minutes`` (as with ``full=True``), and stops may
    lack ``journey``, ``arrival_minute`` and ``minutes``."""
    if usable(ev):
        return _visit_tables_fast(ev, figures, identity, full=full)
    on = ev[ev["visit"].notna()].join(figures)
    if on.empty:
        return _empty(VISIT_COLUMNS), _empty(STOP_COLUMNS)
    on = on.assign(visit=on["visit"].astype("int64"))
    by = on.groupby("visit", sort=True)
    base = by.agg(
        pseudonym=("pseudonym", "first"),
        date=("day", "first"),
        start=("ts", "min"),
        end=("fin_est", "max"),
        journey=("vjourney", "first"),
    )

    # Where the resident is: at the counter of their latest location mark (a queue ticket,
    # or a presence step where no ticket says otherwise) until a step of the department of
    # their next mark starts (served there before the mark); steps of other departments
    # meanwhile are back-office work or served at the current counter.
    marks = location_marks(on, [on["visit"]])
    loc = marks.groupby(on["visit"]).ffill()
    nxt = marks.groupby(on["visit"]).bfill()
    loc = loc.fillna(nxt)
    segment = on["present"].astype("int64").groupby(on["visit"]).cumsum()
    arrived = (on["dcode"].eq(nxt) & nxt.ne(loc)).astype("int64")
    switched = arrived.groupby([on["visit"], segment]).cummax().astype(bool)
    where = loc.where(~switched, nxt)
    at = on[on["dcode"].eq(where)]
    change = at["dcode"].ne(at.groupby("visit")["dcode"].shift())
    at = at.assign(stop=change.astype(int).groupby(at["visit"]).cumsum())
    # Each queue ticket is a counter. The wait at a counter: the longest idle gap (end of
    # one step to the start of the next) after its ticket, until the next ticket.
    ticket_no = at["queue"].astype("int64").groupby([at["visit"], at["stop"]]).cumsum()
    skey = (
        pd.DataFrame({"v": at["visit"], "s": at["stop"], "t": ticket_no})
        .groupby(["v", "s", "t"], sort=False)
        .ngroup()
    )
    prev_fin = at["fin"].groupby(skey).cummax().groupby(skey).shift()
    idle = _minutes(at["ts"] - prev_fin).clip(lower=0.0).where(ticket_no > 0)
    wait = idle.groupby([at["visit"], at["stop"], skey]).max().groupby(level=[0, 1]).sum()
    stops = (
        at.groupby(["visit", "stop"], sort=True)
        .agg(
            department=("department", "first"),
            arrival=("ts", "min"),
            departure=("fin_est", "max"),
            counters=("queue", "sum"),
        )
        .reset_index()
    )
    stops["counters"] = stops["counters"].astype("int64")
    stops["waiting_minutes"] = wait.reindex(
        pd.MultiIndex.from_frame(stops[["visit", "stop"]])
    ).to_numpy()
    stops["waiting_minutes"] = stops["waiting_minutes"].fillna(0.0)
    stops["journey"] = stops["visit"].map(base["journey"])
    stops["arrival_minute"] = _minutes(stops["arrival"] - stops["visit"].map(base["start"]))
    stops["minutes"] = _minutes(stops["departure"] - stops["arrival"])

    sv = stops.groupby("visit", sort=True)
    visits = base.copy()
    visits["waiting_minutes"] = sv["waiting_minutes"].sum().reindex(visits.index).fillna(0.0)
    tickets = on[on["queue"]].groupby("visit").size().reindex(visits.index).fillna(0)
    if not full:
        entries = sv.size().reindex(visits.index)  # = len(route)
        visits["counters"] = tickets.where(tickets > 0, entries).astype("int64")
        visits["minutes_on_site"] = _minutes(visits["end"] - visits["start"])
        visits["journey"] = visits["journey"].astype("Int64")
        lean = ["visit", "journey", "counters", "minutes_on_site", "waiting_minutes"]
        return visits.reset_index()[lean], stops[STOP_COLUMNS]
    route = _tuples(stops["visit"], stops["department"])
    departments = _map_distinct(route, _ordered_unique)
    visits["route"] = route.reindex(visits.index)
    visits["departments"] = departments.reindex(visits.index)
    visits["n_departments"] = visits["departments"].map(len)
    entries = visits["route"].map(len)
    visits["hand_offs"] = entries - 1
    visits["back_and_forth"] = entries - visits["n_departments"]
    visits["counters"] = tickets.where(tickets > 0, entries).astype("int64")
    visits["minutes_on_site"] = _minutes(visits["end"] - visits["start"])
    visits["forms_written"] = by["form"].sum().astype("int64")
    visits["fields_written_again"] = by["again"].sum().astype("int64")
    if not identity:
        visits["identity_checks"] = pd.array([pd.NA] * len(visits), dtype="Int64")
    else:
        visits["identity_checks"] = on["ident"].groupby(on["visit"]).sum().astype("Int64")
    counted = on.dropna(subset=["cluster"]).groupby(["visit", "cluster"]).size()
    executions: dict[int, dict[object, int]] = {v: {} for v in visits.index.tolist()}
    for v, c, n in zip(
        counted.index.get_level_values(0).tolist(),
        counted.index.get_level_values(1).tolist(),
        counted.tolist(),
        strict=True,
    ):
        executions[v][c] = n
    visits["cluster_executions"] = pd.Series(executions, dtype="object")
    visits["journey"] = visits["journey"].astype("Int64")
    visits = visits.reset_index()[VISIT_COLUMNS]
    stops["journey"] = stops["journey"].astype("Int64")
    return visits, stops[STOP_COLUMNS]


def _visit_tables_fast(
    ev: pd.DataFrame, figures: pd.DataFrame, identity: bool, *, full: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`visit_tables` on integer visit numbers (``_stops.visit_parts``)."""
    number = ev["visit"].to_numpy(dtype="float64")
    rows = np.flatnonzero(~np.isnan(number))
    if not len(rows):
        return _empty(VISIT_COLUMNS), _empty(STOP_COLUMNS)
    # By visit, stably (a visit's rows keep their time order): sorted once here, the
    # group-wise steps of visit_parts and _stops need not sort nor reorder again.
    by_visit = stable_order(number[rows].astype("int64"))  # whole numbers: the same order
    rows = rows[by_visit]
    del by_visit
    visit = number[rows].astype("int64")
    parts = visit_parts(
        visit,
        ev["dcode"].to_numpy(dtype="int64")[rows],
        ev["department"].to_numpy(dtype=object)[rows],
        ev["queue"].to_numpy(dtype=bool)[rows],
        ev["present"].to_numpy(dtype=bool)[rows],
        ev["ts"].to_numpy()[rows],
        ev["fin"].to_numpy()[rows],
        ev["fin_est"].to_numpy()[rows],
    )
    first = rows[parts.first]
    index = pd.Index(parts.ids, name="visit")
    visits = pd.DataFrame(
        {
            "pseudonym": pd.Series(
                ev["pseudonym"].to_numpy()[first], index=index, dtype=ev["pseudonym"].dtype
            ),
            "date": ev["day"].to_numpy()[first],
            "start": parts.start,
            "end": parts.end,
            "journey": ev["vjourney"].to_numpy(dtype="float64")[first],
        },
        index=index,
    )
    stops = parts.stops
    visits["waiting_minutes"] = parts.waiting
    counters = np.where(parts.tickets > 0, parts.tickets, parts.entries).astype("int64")
    if not full:
        visits["counters"] = counters
        visits["minutes_on_site"] = _minutes(visits["end"] - visits["start"])
        visits["journey"] = visits["journey"].astype("Int64")
        lean = ["visit", "journey", "counters", "minutes_on_site", "waiting_minutes"]
        return visits.reset_index()[lean], stops
    stops["journey"] = stops["visit"].map(visits["journey"])
    stops["arrival_minute"] = _minutes(stops["arrival"] - stops["visit"].map(visits["start"]))
    stops["minutes"] = _minutes(stops["departure"] - stops["arrival"])
    entries = pd.Series(parts.entries, index=index)
    route = _tuples(stops["visit"], stops["department"])
    visits["route"] = route.reindex(index)
    visits["departments"] = _map_distinct(route, _ordered_unique).reindex(index)
    visits["n_departments"] = _map_distinct(visits["departments"], len)
    visits["hand_offs"] = entries - 1
    visits["back_and_forth"] = entries - visits["n_departments"]
    visits["counters"] = counters
    visits["minutes_on_site"] = _minutes(visits["end"] - visits["start"])
    at = np.searchsorted(parts.ids, visit)
    sums = {
        c: np.bincount(at, weights=figures[c].to_numpy()[rows], minlength=len(index))
        for c in ("form", "again")
    }
    visits["forms_written"] = sums["form"].astype("int64")
    visits["fields_written_again"] = sums["again"].astype("int64")
    if not identity:
        visits["identity_checks"] = pd.array([pd.NA] * len(visits), dtype="Int64")
    else:
        checks = np.bincount(
            at, weights=ev["ident"].to_numpy(dtype=bool)[rows], minlength=len(index)
        )
        visits["identity_checks"] = pd.array(checks.astype("int64"), dtype="Int64")
    visits["cluster_executions"] = _executions(
        ev["cluster"].to_numpy(dtype=object)[rows], at, index
    )
    visits["journey"] = visits["journey"].astype("Int64")
    visits = visits.reset_index()[VISIT_COLUMNS]
    stops["journey"] = stops["journey"].astype("Int64")
    return visits, stops[STOP_COLUMNS]


def _executions(cluster: np.ndarray, at: np.ndarray, index: pd.Index) -> pd.Series:
    """Per visit (``at``: each event's position in ``index``), its executions per cluster
    (dict in cluster order, as ``groupby(["visit", "cluster"]).size()`` gives them)."""
    named = np.flatnonzero(~pd.isna(cluster))
    codes, labels = pd.factorize(pd.Series(cluster[named], dtype="object"), sort=True)
    width = len(labels) + 1
    key = at[named] * width + codes
    if len(index) * width <= 4 * len(key) + 1024:  # dense: counted, not sorted
        every = np.bincount(key, minlength=len(index) * width)
        pairs = np.flatnonzero(every)
        counts = every[pairs]
    else:
        pairs, counts = np.unique(key, return_counts=True)
    executions: list[dict[object, int]] = [{} for _ in range(len(index))]
    names = labels.tolist()
    for p, n, k in zip(
        (pairs // width).tolist(), (pairs % width).tolist(), counts.tolist(), strict=True
    ):
        executions[p][names[n]] = k
    return pd.Series(executions, index=index, dtype="object")


def queue_table(ev: pd.DataFrame, figures: pd.DataFrame, nfields: pd.Series) -> pd.DataFrame:
    """One row per queue ticket of a visit: the wait from the ticket to the first service.

    The first service is the first step of the ticket's department after the ticket, before
    the visit's next ticket, done by staff, an external body or an unknown performer
    (not by the resident, not by a system). A step right after the ticket that fills no
    data column and is followed directly by a form the resident writes is not the service
    but the guidance that hands out the form (the resident writes while waiting to be
    called). ``service`` and ``queue_minutes`` are missing where no service follows.
    ``ev`` carries ``visit``, ``vjourney`` and ``queue``; ``nfields`` counts the data
    columns each event fills.
    """
    if usable(ev):
        return _queue_table(ev, figures, nfields)
    cols = ["visit", "vjourney", "queue", "dcode", "department", "performer", "day", "ts"]
    on = ev.loc[ev["visit"].notna(), cols]
    if on.empty or not on["queue"].any():
        return _empty(QUEUE_COLUMNS)
    on = on.assign(
        visit=on["visit"].astype("int64"),
        nf=nfields.reindex(on.index, fill_value=0).to_numpy(),
        form=figures["form"].reindex(on.index, fill_value=False).to_numpy(),
    )
    on = stable_by(on, "visit")  # = by visit, ts
    seg = on["queue"].astype("int64").groupby(on["visit"]).cumsum()
    on = on[seg > 0].assign(seg=seg[seg > 0])
    key = [on["visit"], on["seg"]]
    tickets = on[on["queue"]]
    tdept = pd.Series(
        tickets["dcode"].to_numpy(), index=pd.MultiIndex.from_frame(tickets[["visit", "seg"]])
    )
    same = on[on["dcode"].to_numpy() == tdept.reindex(pd.MultiIndex.from_arrays(key)).to_numpy()]
    same = same[~same["queue"]]
    pos = same.groupby(["visit", "seg"]).cumcount()
    nxt_form = same.groupby(["visit", "seg"])["form"].shift(-1).fillna(False).astype(bool)
    served_by = same["performer"].isin(["staff", "external", "unknown"])
    guide = pos.eq(0) & same["nf"].eq(0) & nxt_form
    service = same[served_by & ~guide].drop_duplicates(["visit", "seg"])
    out = tickets[["visit", "seg", "vjourney", "department", "day", "ts"]].merge(
        service[["visit", "seg", "ts"]].rename(columns={"ts": "service"}),
        on=["visit", "seg"],
        how="left",
    )
    out = out.rename(columns={"vjourney": "journey", "day": "date", "ts": "ticket"})
    out["queue_minutes"] = _minutes(out["service"] - out["ticket"])
    out["journey"] = out["journey"].astype("Int64")
    return out.sort_values(["visit", "seg"], kind="stable", ignore_index=True)[QUEUE_COLUMNS]


def _queue_table(ev: pd.DataFrame, figures: pd.DataFrame, nfields: pd.Series) -> pd.DataFrame:
    """:func:`queue_table` on integer codes (time stamps all known)."""
    number = ev["visit"].to_numpy(dtype="float64")
    queue = ev["queue"].to_numpy(dtype=bool)
    rows = np.flatnonzero(~np.isnan(number))
    if not len(rows) or not queue[rows].any():
        return _empty(QUEUE_COLUMNS)
    by = Segments(number[rows].astype("int64"))
    seg = by.cumsum(queue[rows])
    order = rows if by.order is None else rows[by.order]  # by visit, then time
    seg = seg if by.order is None else seg[by.order]
    order, seg = order[seg > 0], seg[seg > 0]
    # Each ticket opens a run (its visit, its number in the visit) that it starts.
    opens = queue[order]
    run = np.cumsum(opens) - 1
    tickets = order[opens]
    dcode = ev["dcode"].to_numpy(dtype="int64")
    same = order[(dcode[order] == dcode[tickets][run]) & ~opens]
    s_run = run[(dcode[order] == dcode[tickets][run]) & ~opens]
    first = np.ones(len(same), dtype=bool)
    first[1:] = s_run[1:] != s_run[:-1]
    form = figures["form"].to_numpy(dtype=bool)
    nxt_form = np.zeros(len(same), dtype=bool)
    nxt_form[:-1] = form[same[1:]] & (s_run[1:] == s_run[:-1])
    nf = nfields.reindex(ev.index, fill_value=0).to_numpy()
    performer = ev["performer"].to_numpy(dtype=object)[same]
    served_by = (performer == "staff") | (performer == "external") | (performer == "unknown")
    guide = first & (nf[same] == 0) & nxt_form
    hit = served_by & ~guide
    runs, at = np.unique(s_run[hit], return_index=True)
    ts = ev["ts"].to_numpy()
    service = np.full(len(tickets), np.datetime64("NaT"), dtype=ts.dtype)
    service[runs] = ts[same[hit][at]]
    out = pd.DataFrame(
        {
            "visit": number[tickets].astype("int64"),
            "journey": pd.array(ev["vjourney"].to_numpy(dtype="float64")[tickets]).astype("Int64"),
            "department": pd.Series(
                ev["department"].to_numpy(dtype=object)[tickets], dtype="object"
            ),
            "date": ev["day"].to_numpy()[tickets],
            "ticket": ts[tickets],
            "service": service,
        }
    )
    out["queue_minutes"] = _minutes(out["service"] - out["ticket"])
    return out[QUEUE_COLUMNS]


def journey_table(
    ev: pd.DataFrame,
    figures: pd.DataFrame,
    visits: pd.DataFrame,
    stops: pd.DataFrame,
    types: pd.Series,
    identity: bool,
) -> pd.DataFrame:
    """One row per journey (see procmine.journeys for the columns)."""
    if usable(ev):
        out = _journey_base(ev, figures, identity)
        if out is None:
            return _empty(JOURNEY_COLUMNS)
    else:
        cols = ["journey", "pseudonym", "ts", "ckey", "dcode", "department", "ident"]
        j = ev.loc[ev["journey"].notna(), cols].join(figures)
        if j.empty:
            return _empty(JOURNEY_COLUMNS)
        j = j.assign(journey=j["journey"].astype("int64"))
        by = j.groupby("journey", sort=True)
        out = by.agg(
            pseudonym=("pseudonym", "first"),
            start=("ts", "min"),
            cases=("ckey", "nunique"),
            forms_written=("form", "sum"),
            fields_written_again=("again", "sum"),
        )
        # = sorted by journey, ts, dcode: a journey's rows are in (ts, dcode) order already
        firsts = stable_by(j[["journey", "dcode", "department"]], "journey").drop_duplicates(
            ["journey", "dcode"]
        )
        out["departments"] = _tuples(firsts["journey"], firsts["department"])
        if not identity:
            out["identity_checks"] = pd.array([pd.NA] * len(out), dtype="Int64")
        else:
            out["identity_checks"] = j["ident"].groupby(j["journey"]).sum().astype("Int64")
    out["first_department"] = _map_distinct(out["departments"], lambda d: d[0])
    out["n_departments"] = _map_distinct(out["departments"], len)
    out["journey_type"] = types.reindex(out.index)
    vj = visits.dropna(subset=["journey"]).assign(journey=lambda v: v["journey"].astype("int64"))
    sums = vj.groupby("journey").agg(
        visits=("visit", "size"),
        minutes_on_site=("minutes_on_site", "sum"),
        waiting_minutes=("waiting_minutes", "sum"),
        hand_offs=("hand_offs", "sum"),
        back_and_forth=("back_and_forth", "sum"),
        counters=("counters", "sum"),
    )
    out = out.join(sums)
    for col in ("visits", "hand_offs", "back_and_forth"):
        out[col] = out[col].fillna(0).astype("int64")
    for col in ("minutes_on_site", "waiting_minutes"):
        out[col] = out[col].fillna(0.0)
    out["revisits"] = _revisits(stops).reindex(out.index).fillna(0).astype("int64")
    out["counters"] = out["counters"].fillna(0).astype("int64")
    for col in ("forms_written", "fields_written_again"):
        out[col] = out[col].astype("int64")
    return out.reset_index()[[c for c in JOURNEY_COLUMNS if c not in LATER_COLUMNS]]


def _journey_base(ev: pd.DataFrame, figures: pd.DataFrame, identity: bool) -> pd.DataFrame | None:
    """The per-journey figures of the events in :func:`journey_table` (None without any),
    on integer codes: ``pseudonym``, ``start``, ``cases``, ``forms_written``,
    ``fields_written_again``, ``departments`` and ``identity_checks``."""
    number = ev["journey"].to_numpy(dtype="float64")
    rows = np.flatnonzero(~np.isnan(number))
    if not len(rows):
        return None
    by = Segments(number[rows].astype("int64"))
    ids = by.reduce(np.minimum, number[rows].astype("int64"))
    index = pd.Index(ids, name="journey")
    first = rows[by.reduce(np.minimum, np.arange(len(rows)))]
    gid = by.groups()
    ckey = ev["ckey"].to_numpy(dtype="int64")[rows]
    out = pd.DataFrame(
        {
            "pseudonym": pd.Series(
                ev["pseudonym"].to_numpy()[first], index=index, dtype=ev["pseudonym"].dtype
            ),
            "start": by.reduce(np.minimum, ev["ts"].to_numpy()[rows]),
            "cases": _distinct_per_group(gid, ckey, len(ids)),
            "forms_written": np.bincount(
                gid, weights=figures["form"].to_numpy()[rows], minlength=len(ids)
            ).astype("int64"),
            "fields_written_again": np.bincount(
                gid, weights=figures["again"].to_numpy()[rows], minlength=len(ids)
            ).astype("int64"),
        },
        index=index,
    )
    # Departments in order of first arrival: the first row of each (journey, department).
    dcode = ev["dcode"].to_numpy(dtype="int64")[rows]
    order = np.arange(len(rows)) if by.order is None else by.order
    key = gid[order] * (int(dcode.max()) + 1) + dcode[order]
    firsts = order[~pd.Series(key).duplicated().to_numpy()]
    department = ev["department"].to_numpy(dtype=object)[rows]
    out["departments"] = _tuples(
        pd.Series(ids[gid[firsts]]), pd.Series(department[firsts], dtype="object")
    )
    if not identity:
        out["identity_checks"] = pd.array([pd.NA] * len(out), dtype="Int64")
    else:
        checks = np.bincount(
            gid, weights=ev["ident"].to_numpy(dtype=bool)[rows], minlength=len(ids)
        )
        out["identity_checks"] = pd.array(checks.astype("int64"), dtype="Int64")
    return out


def _distinct_per_group(gid: np.ndarray, key: np.ndarray, groups: int) -> np.ndarray:
    """How many distinct ``key`` values (non-negative integers) each group of ``gid`` has.
    A key that lies in one group only (a case in its journey) counts once there, found
    without sorting the pairs."""
    first = np.full(int(key.max()) + 1, len(key), dtype="int64")
    np.minimum.at(first, key, np.arange(len(key)))
    if np.array_equal(gid, gid[first[key]]):  # each key in one group
        return np.bincount(gid[first[first < len(key)]], minlength=groups).astype("int64")
    width = int(key.max()) + 1
    pairs = np.unique(gid * width + key)
    return np.bincount(pairs // width, minlength=groups).astype("int64")


def _revisits(stops: pd.DataFrame) -> pd.Series:
    """Visits that come back to a department already visited earlier in the journey."""
    s = stops.dropna(subset=["journey"])
    if s.empty:
        return pd.Series(dtype="int64")
    first = s.groupby(["journey", "department"])["visit"].transform("min")
    back = s[s["visit"] > first]
    return back.groupby("journey")["visit"].nunique()


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
