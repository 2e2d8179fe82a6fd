"""KPIs per principle, the hand-over matrix and the typical path of a journey type."""

from __future__ import annotations

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


def kpi_table(visits: pd.DataFrame, journeys: pd.DataFrame) -> pd.DataFrame:
    """n, mean, median, p25 and p75 of every KPI, per journey type and over all journeys."""
    types = (
        journeys.set_index("journey")["journey_type"]
        if len(journeys)
        else pd.Series(dtype="object")
    )
    tables = {
        "journeys": journeys.assign(journey_type=journeys["journey_type"]),
        "visits": visits.assign(journey_type=visits["journey"].map(types)),
    }
    frames = []
    for principle, kpi, table, column in KPIS:
        data = tables[table][["journey_type", column]].dropna()
        if data.empty:
            continue
        values = data[column].astype("float64")
        for label, series in [
            (ALL_TYPES, values),
            *values.groupby(data["journey_type"], sort=True),
        ]:
            frames.append(
                {
                    "principle": principle,
                    "kpi": kpi,
                    "journey_type": label,
                    "n": int(series.size),
                    "mean": float(series.mean()),
                    "median": float(series.median()),
                    "p25": float(series.quantile(0.25)),
                    "p75": float(series.quantile(0.75)),
                }
            )
    out = pd.DataFrame(frames, columns=KPI_COLUMNS)
    return out.astype({"n": "int64"})


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
    known = sorted(set(journeys["journey_type"].dropna())) if len(journeys) else []
    if journey_type not in known:
        shown = ", ".join(known[:10]) + (" …" if len(known) > 10 else "")
        raise ConfigError(f"unknown journey type {journey_type!r}; types are {shown or '(none)'}")
    ids = journeys.loc[journeys["journey_type"] == journey_type, "journey"]
    s = stops[stops["journey"].isin(ids)].copy()
    if s.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in PATH_COLUMNS})
    order = visits.set_index("visit")["start"]
    s["vstart"] = s["visit"].map(order)
    s = s.sort_values(["journey", "vstart", "stop"], kind="stable")
    s["visit_no"] = s.groupby("journey")["vstart"].rank(method="dense").astype("int64")
    s["step"] = s.groupby("journey").cumcount() + 1
    routes = s.groupby("journey", sort=True).apply(
        lambda g: tuple(zip(g["visit_no"], g["department"], strict=True)), include_groups=False
    )
    counts = routes.value_counts()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
    best, n = ranked[0]
    members = routes[routes == best].index
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
    path["share"] = n / len(ids)
    return path[PATH_COLUMNS]
