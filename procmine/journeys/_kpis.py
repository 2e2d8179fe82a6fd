"""KPIs per principle, the hand-over matrix and the typical path of a journey type."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from procmine.errors import ConfigError

#: Label of the rows of :func:`kpi_table` computed over every journey type.
ALL_TYPES = "all"
KPI_COLUMNS = ["principle", "kpi", "journey_type", "n", "mean", "median", "p25", "p75"]
PATH_COLUMNS = ["step", "visit", "department", "arrival_minute", "minutes", "journeys", "share"]

#: (principle, kpi, table, column): which column of which table measures each KPI.
KPIS: tuple[tuple[str, str, str, str], ...] = (
    ("kakasenai", "forms_per_journey", "journeys", "forms_written"),
    ("kakasenai", "fields_written_again_per_journey", "journeys", "fields_written_again"),
    ("matasenai", "waiting_minutes_per_visit", "visits", "waiting_minutes"),
    ("matasenai", "minutes_on_site_per_visit", "visits", "minutes_on_site"),
    ("matasenai", "identity_checks_per_journey", "journeys", "identity_checks"),
    ("mayowasenai", "counters_per_visit", "visits", "counters"),
    ("mayowasenai", "back_and_forth_per_visit", "visits", "back_and_forth"),
    ("mayowasenai", "hand_offs_per_visit", "visits", "hand_offs"),
    ("ikasenai", "visits_per_journey", "journeys", "visits"),
    ("ikasenai", "revisits_per_journey", "journeys", "revisits"),
)


def kpi_table(
    visits: pd.DataFrame,
    journeys: pd.DataFrame,
    *,
    by: str = "journey_type",
    shared: dict[tuple[str, str], tuple[np.ndarray, dict[str, float]]] | None = None,
) -> pd.DataFrame:
    """n, mean, median, p25 and p75 of every KPI, per value of the journeys' column ``by``
    (``journey_type`` or ``life_event``; a visit counts for its journey's) and over all
    journeys (``ALL_TYPES``). The group column of the result is named ``by``.

    ``shared``: a dict kept across calls on the same tables with another ``by``; the
    figures over all journeys are computed once where both count the same rows."""
    groups = journeys.set_index("journey")[by] if len(journeys) else pd.Series(dtype="object")
    tables = {
        "journeys": journeys.assign(_g=journeys[by] if by in journeys else None),
        "visits": visits.assign(_g=visits["journey"].map(groups)),
    }
    # Group codes once per table (sorted labels; -1: no group), each KPI takes its rows.
    coded = {name: pd.factorize(t["_g"], sort=True) for name, t in tables.items()}
    # Rows by group (stably) once per table; each KPI takes the rows it keeps.
    by_code = {name: np.argsort(codes, kind="stable") for name, (codes, _) in coded.items()}
    frames = []
    for principle, kpi, table, column in KPIS:
        codes, labels = coded[table]
        raw = tables[table][column].to_numpy(dtype="float64", na_value=np.nan)
        keep = (codes >= 0) & ~np.isnan(raw)
        if not keep.any():
            continue
        values = raw[keep]
        before = None if shared is None else shared.get((table, column))
        if before is not None and np.array_equal(before[0], keep):
            overall = before[1]
        else:
            overall = _figures(values)
            if shared is not None:
                shared[(table, column)] = (keep, overall)
        full = by_code[table]
        order = (np.cumsum(keep) - 1)[full[keep[full]]]  # = argsort(codes[keep], stable)
        parts = [
            (label, _figures(part))
            for label, part in _by_group(values, codes[keep], labels, order=order)
        ]
        for label, figures in [(ALL_TYPES, overall), *parts]:
            frames.append({"principle": principle, "kpi": kpi, by: label, **figures})
    columns = [by if c == "journey_type" else c for c in KPI_COLUMNS]
    out = pd.DataFrame(frames, columns=columns)
    return out.astype({"n": "int64"})


def _figures(part: np.ndarray) -> dict[str, float]:
    """n, mean, median, p25 and p75 of ``part``, with the same arithmetic as
    Series.mean / median / quantile."""
    q25, q75 = np.quantile(part, np.array([0.25, 0.75]), method="linear")
    return {
        "n": int(part.size),
        "mean": float(part.sum() / part.size),
        "median": float(np.median(part)),
        "p25": float(q25),
        "p75": float(q75),
    }


def _by_group(
    values: np.ndarray,
    codes: np.ndarray,
    labels: Collection[object],
    *,
    order: np.ndarray | None = None,
) -> list[tuple[object, np.ndarray]]:
    """``values`` split by their group ``codes`` into ``labels`` (sorted; each part in its
    original order, as ``groupby(groups, sort=True)`` gives them; empty groups left out).
    ``order``: ``np.argsort(codes, kind="stable")``, if known."""
    if order is None:
        order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(labels) + 1))
    ordered = values[order]
    return [
        (label, ordered[bounds[k] : bounds[k + 1]])
        for k, label in enumerate(labels)
        if bounds[k + 1] > bounds[k]
    ]


def handover_matrix(stops: pd.DataFrame, departments: list[str]) -> pd.DataFrame:
    """How often residents go from one department (rows) to the next (columns) in a visit."""
    s = stops.sort_values(["visit", "stop"], kind="stable")
    nxt = s.groupby("visit")["department"].shift(-1)
    moves = pd.DataFrame({"from": s["department"], "to": nxt}).dropna()
    matrix = pd.crosstab(moves["from"], moves["to"]) if len(moves) else pd.DataFrame()
    matrix = (
        matrix.reindex(index=departments, columns=departments, fill_value=0)
        .fillna(0)
        .astype("int64")
    )
    matrix.index.name, matrix.columns.name = "from", "to"
    return matrix


def typical_path(
    journeys: pd.DataFrame, visits: pd.DataFrame, stops: pd.DataFrame, journey_type: str
) -> pd.DataFrame:
    """The most common ordered list of counters of one journey type, with median times."""
    check_type(journeys, journey_type)
    return typical_paths(journeys, visits, stops, [journey_type])[journey_type]


def check_type(journeys: pd.DataFrame, journey_type: str) -> None:
    """Raise ConfigError, listing the types, unless ``journey_type`` is one."""
    known = sorted(set(journeys["journey_type"].dropna().unique())) if len(journeys) else []
    if journey_type not in known:
        shown = ", ".join(known[:10]) + (" …" if len(known) > 10 else "")
        raise ConfigError(f"unknown journey type {journey_type!r}; types are {shown or '(none)'}")


def typical_paths(
    journeys: pd.DataFrame, visits: pd.DataFrame, stops: pd.DataFrame, types: list[str]
) -> dict[str, pd.DataFrame]:
    """:func:`typical_path` of each of ``types`` (known journey types), the stops ordered
    once for all of them."""
    type_of = journeys.set_index("journey")["journey_type"]
    s = stops[stops["journey"].isin(journeys.loc[journeys["journey_type"].isin(types), "journey"])]
    s = s.copy()
    order = visits.set_index("visit")["start"]
    s["vstart"] = s["visit"].map(order)
    s = s.sort_values(["journey", "vstart", "stop"], kind="stable")
    s["visit_no"] = s.groupby("journey")["vstart"].rank(method="dense").astype("int64")
    s["step"] = s.groupby("journey").cumcount() + 1
    s["jtype"] = s["journey"].map(type_of)
    by_type = dict(iter(s.groupby("jtype", sort=False, observed=True)))
    counts = journeys["journey_type"].value_counts()
    return {
        t: _path(by_type[t].drop(columns="jtype"), int(counts[t]))
        if t in by_type
        else pd.DataFrame({c: pd.Series(dtype="object") for c in PATH_COLUMNS})
        for t in types
    }


def _path(s: pd.DataFrame, journeys_of_type: int) -> pd.DataFrame:
    """The typical path of one type's stops (ordered, numbered: see :func:`typical_paths`)."""
    members, n = _most_common_route(s)
    on_path = s[s["journey"].isin(members)]
    path = (
        on_path.groupby("step", sort=True)
        .agg(
            visit=("visit_no", "first"),
            department=("department", "first"),
            arrival_minute=("arrival_minute", "median"),
            minutes=("minutes", "median"),
        )
        .reset_index()
    )
    path["journeys"] = int(n)
    path["share"] = n / journeys_of_type
    return path[PATH_COLUMNS]


def _most_common_route(s: pd.DataFrame) -> tuple[np.ndarray, int]:
    """The journeys following the most common route (the ordered (visit_no, department)
    stops of a journey) and how many they are; ties go to the shorter route, then to the
    smaller one in tuple order. ``s`` is sorted by journey, then by stop order."""
    journey = s["journey"].to_numpy()
    visit_no = s["visit_no"].to_numpy(dtype=np.int64)
    dept_codes, depts = pd.factorize(s["department"], use_na_sentinel=False)
    pair = visit_no * (len(depts) + 1) + dept_codes
    starts = np.flatnonzero(np.r_[True, journey[1:] != journey[:-1]])
    ends = np.r_[starts[1:], len(journey)]
    keys = [pair[a:b].tobytes() for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object), sort=False)
    counts = np.bincount(codes, minlength=len(uniques))
    top = np.flatnonzero(counts == counts.max())
    first = np.full(len(uniques), -1, dtype=np.int64)
    first[codes] = starts  # a journey of each route
    labels = s["department"].to_numpy(dtype=object)

    def route(k: int) -> tuple:
        a = int(first[k])
        size = len(uniques[k]) // pair.itemsize
        return tuple(
            zip(visit_no[a : a + size].tolist(), labels[a : a + size].tolist(), strict=True)
        )

    best = min(top.tolist(), key=lambda k: (len(uniques[k]), route(k)))
    return journey[starts[codes == best]], int(counts[best])
