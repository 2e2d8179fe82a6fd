"""KPI・モニタリング: baselines of the indicators, from the logs and from the journeys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from procmine.report import facts
from procmine.report.document import Block, Cell, Para, Section, Sub, Table
from procmine.report.sections.common import Strings, label, num
from procmine.report.sections.journeys import ALL_TYPES, journeys_of
from procmine.report.values import fmt_int, fmt_num, fmt_pct, number, plain, text

if TYPE_CHECKING:  # pragma: no cover
    from procmine.analysis import Analysis

#: Journey KPI columns read from ``analysis.journeys.kpis``.
KPI_COLUMNS = ("principle", "kpi", "journey_type", "n", "mean", "median", "p25", "p75")


def kpis_section(analysis: Analysis, t: Strings) -> Section:
    """Back-office indicators from the logs, then the journeys' KPIs when there are any."""
    window = number((analysis.options or {}).get("window_days"))
    how = {"window": fmt_num(window if window is not None else 14)}
    shown = {
        "times": lambda v: t["unit_times"].format(value=fmt_int(v)),
        "hours": lambda v: t["unit_hours"].format(value=fmt_num(v)),
        "values": lambda v: t["unit_values"].format(value=fmt_int(v)),
        "rate": fmt_pct,
    }
    rows = [
        [
            Cell(label(t, "principle", k["principle"])),
            Cell(t[k["key"]]),
            Cell(shown[k["unit"]](k["value"])),
            Cell(t[f"{k['key']}_how"].format(**how)),
        ]
        for k in facts.backoffice_kpis(analysis)
    ]
    blocks: list[Block] = [
        Para(t["kpis_text"]),
        Sub(t["h_kpi_backoffice"], "kpi-backoffice"),
        Table(
            [t["col_principle"], t["col_kpi"], t["col_baseline"], t["col_how_measured"]],
            rows,
            cls="kpis",
            sortable=False,
        ),
    ]
    journeys = journeys_of(analysis)
    kpis = getattr(journeys, "kpis", None) if journeys is not None else None
    if facts.has(kpis, "journey_type"):
        overall_mask = kpis["journey_type"].astype(str) == ALL_TYPES
        if "life_event" in kpis:  # rows per life event carry journey_type "all" too
            overall_mask &= kpis["life_event"].astype(str) == ALL_TYPES
        overall = kpis[overall_mask]
        blocks += [
            Sub(t["h_kpi_journeys"], "kpi-journeys"),
            Para(t["kpi_journeys_text"]),
            journey_kpi_table(overall if len(overall) else kpis, t),
        ]
    return Section("kpis", t["h_kpis"], blocks)


def journey_kpi_table(kpis: object, t: Strings) -> Table:
    """One row per KPI: principle, KPI, n, median, quartiles, mean."""
    rows = []
    for r in facts.records(kpis, list(KPI_COLUMNS)):  # type: ignore[arg-type]
        p25, p75 = number(r["p25"]), number(r["p75"])
        quartiles = t["none"] if p25 is None and p75 is None else f"{fmt_num(p25)} – {fmt_num(p75)}"
        kpi = plain(r["kpi"])
        rows.append(
            [
                Cell(label(t, "principle", plain(r["principle"]))),
                Cell(t.get(f"kpi_{kpi}", text(kpi, none=t["none"]))),
                num(r["n"]),
                num(r["median"], fmt_num),
                Cell(quartiles),
                num(r["mean"], fmt_num),
            ]
        )
    headers = [
        t["col_principle"],
        t["col_kpi"],
        t["col_n"],
        t["col_median"],
        t["col_iqr"],
        t["col_mean"],
    ]
    return Table(headers, rows, cls="kpis")


__all__ = ["KPI_COLUMNS", "journey_kpi_table", "kpis_section"]
