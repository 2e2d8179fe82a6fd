"""Savings are measured work: handling times come from end columns only, and no candidate
(nor all of them together) saves more than the workload of the steps it removes.

The unit tests build logs in code; the city tests run the whole analysis on the sample city,
the second town and はやせ市 (a town most of whose exports have no end times) and check the
inequalities on each (``test_savings_towns.py``: the same on the other towns of
``benchmarks/independent_towns.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from procmine.candidates import CLUSTER_SEP, rank_candidates
from procmine.discover import discover_all
from procmine.model import Dataset, EventLog
from procmine.report import facts
from tests.conftest import make_dataset, make_log

REPO = Path(__file__).resolve().parents[1]

#: Rounding room for sums of floats.
EPS = 1e-6


def _clusters(*members: tuple[int, str, str]) -> pd.DataFrame:
    return pd.DataFrame(members, columns=["cluster", "department", "activity"])


def _with_minutes(log: EventLog, minutes: dict[str, list[float]]) -> EventLog:
    """``log`` with end times: the k-th event of an activity in ``minutes`` takes
    ``minutes[activity][k]`` minutes; other events keep no end."""
    ev = log.events.copy()
    ends = pd.Series(pd.NaT, index=ev.index, dtype=ev["timestamp"].dtype)
    for activity, values in minutes.items():
        rows = ev.index[ev["activity"] == activity]
        assert len(rows) == len(values), activity
        ends[rows] = ev.loc[rows, "timestamp"] + pd.to_timedelta(values, unit="min")
    ev["end"] = ends
    return EventLog(log.department, ev, log.data_columns, log.sources)


# ----------------------------------------------------------------------------- unit tests
def test_gaps_to_the_next_event_are_not_handling_times(two_departments: Dataset) -> None:
    """No end column: the identity checks are repeated (2 redundant executions) but their
    time is not measured, so they save 0 h and the candidate says why; the workload counts
    the same steps as 0 h."""
    maps = discover_all(two_departments.logs)
    node = maps["保険年金課"].graph.nodes["窓口での本人確認"]
    assert node["median_minutes"] == 5.0  # the gap still describes the map (and matching)
    assert node["total_hours"] is None  # but adds up to no hours of work
    clusters = _clusters((1, "市民課", "本人確認"), (1, "保険年金課", "窓口での本人確認"))
    row = rank_candidates(two_departments, maps, clusters, pd.DataFrame(), period_days=365).iloc[0]
    assert row["redundant_executions_per_year"] == 2
    assert row["hours_saved_per_year"] == 0 and row["minutes_per_execution"] == 0
    assert (
        "2.0 of 2.0 redundant executions a year have no measured handling time"
        in (row["assumption"])
    )


def test_a_step_without_end_times_does_not_borrow_its_clusters_time() -> None:
    """課A measures its check (3 min), 課B exports no end times: 課B's repeats count 0 h,
    not 課A's 3 min (nor the 50-minute gap to 課B's next step, a back-office wait)."""

    def rows(dept: str, hour: int) -> list[tuple]:
        return [
            (f"{dept}{p}", "本人確認", f"2026-04-01 {hour + k:02d}:00", "S-1", p)
            for k, p in enumerate(("P1", "P2"))
        ] + [
            (f"{dept}{p}", "審査", f"2026-04-01 {hour + k:02d}:50", "S-2", p)
            for k, p in enumerate(("P1", "P2"))
        ]

    a = _with_minutes(make_log("課A", rows("A", 9)), {"本人確認": [3.0, 3.0]})
    b = make_log("課B", rows("B", 12))
    data = make_dataset(a, b)
    maps = discover_all(data.logs)
    clusters = _clusters((1, "課A", "本人確認"), (1, "課B", "本人確認"))
    later = rank_candidates(data, maps, clusters, pd.DataFrame(), period_days=365).iloc[0]
    assert later["redundant_executions_per_year"] == 2  # 課B's checks repeat 課A's
    assert later["hours_saved_per_year"] == 0
    # the other way round (課B first), 課A's repeats save their measured 3 minutes each
    swapped = make_dataset(
        _with_minutes(make_log("課A", rows("A", 13)), {"本人確認": [3.0, 3.0]}), b
    )
    first = rank_candidates(
        swapped, discover_all(swapped.logs), clusters, pd.DataFrame(), period_days=365
    ).iloc[0]
    assert first["hours_saved_per_year"] == pytest.approx(2 * 3 / 60)
    assert "no measured handling time" not in first["assumption"]


def test_a_step_never_saves_more_than_its_measured_time() -> None:
    """Every inquiry is redundant; with times 1, 10 and 10 minutes the median (10) times 3
    would claim 30 minutes of a step that took 21: the saving is capped at 21."""

    def rows(dept: str, day: int) -> list[tuple]:
        return [
            (f"{dept}{k}", "住基照会", f"2026-04-{day:02d} {9 + k:02d}:00", "S-1", f"P{k}")
            for k in range(3)
        ]

    data = make_dataset(
        _with_minutes(make_log("課A", rows("A", 1)), {"住基照会": [1.0, 10.0, 10.0]}),
        _with_minutes(make_log("課B", rows("B", 20)), {"住基照会": [2.0, 2.0, 2.0]}),
    )
    maps = discover_all(data.logs)
    clusters = _clusters((1, "課A", "住基照会"), (1, "課B", "住基照会"))
    row = rank_candidates(data, maps, clusters, pd.DataFrame(), period_days=365).iloc[0]
    assert row["kind"] == "inquiry" and row["redundant_executions_per_year"] == 6
    assert row["hours_saved_per_year"] == pytest.approx((21 + 6) / 60)
    assert "capped at the steps' measured handling time" in row["assumption"]


def test_silo_values_count_within_the_measured_time_of_the_steps_that_capture_them() -> None:
    """課B re-captures three fields in a 1-minute step (0.5 min a value would make 1.5 min)
    and two in a step without end times: the three silo candidates together save 課B's
    measured minute per execution, and nothing for the untimed step."""

    def rows(dept: str) -> list[tuple]:
        out = []
        for k in range(4):
            values = ("光陽太郎", "本町1-2-3", "0479-20-0000")
            out.append((f"{dept}{k}", "届出受付", f"2026-04-01 {9 + k:02d}:00", "S-1", f"P{k}"))
            out.append((f"{dept}{k}", "台帳記載", f"2026-04-01 {9 + k:02d}:10", "S-2", f"P{k}"))
            out[-1] = (*out[-1], *values)
            out.append((f"{dept}{k}", "照合記録", f"2026-04-01 {9 + k:02d}:20", "S-2", f"P{k}"))
            out[-1] = (*out[-1], *values[:2])
        return out

    columns = ("氏名", "住所", "電話番号")
    a = make_log("課A", rows("A"), columns)
    b = _with_minutes(make_log("課B", rows("B"), columns), {"台帳記載": [1.0] * 4})
    data = make_dataset(a, b)
    maps = discover_all(data.logs)
    silos = pd.DataFrame(
        {
            "field": [f for f in columns for _ in range(2)],
            "department": ["課A", "課B"] * 3,
            "column": [c for c in columns for _ in range(2)],
            "authoritative": [True, False] * 3,
        }
    )
    empty = pd.DataFrame(columns=["cluster", "department", "activity"])
    out = rank_candidates(data, maps, empty, silos, period_days=365, minutes_per_field_entry=0.5)
    assert set(out["kind"]) == {"silo"}
    assert out["hours_saved_per_year"].sum() == pytest.approx(4 * 1.0 / 60)
    name = out[out["lead"] == "氏名"].iloc[0]
    assert name["redundant_executions_per_year"] == 8  # 台帳記載 and 照合記録, 4 each
    assert (
        "4.0 of 8.0 values a year are captured by steps without a measured" in (name["assumption"])
    )
    assert "capped at the steps' measured handling time" in name["assumption"]


def test_batch_steps_cost_no_ones_time_even_when_something_follows_soon() -> None:
    """Notices mailed by a batch run: in 課A, where the notice repeats 課B's, a counter visit
    follows it within the hour, which is no queue; the batch candidate saves no one's time."""
    data = make_dataset(
        make_log(
            "課A",
            [
                ("A1", "通知書発送", "2026-04-01 09:00", "SYSTEM", "P1"),
                ("A1", "問合せ対応", "2026-04-01 09:40", "S-1", "P1"),
            ],
        ),
        make_log("課B", [("B1", "通知書発送", "2026-04-01 08:00", "SYSTEM", "P1")]),
    )
    maps = discover_all(data.logs)
    clusters = _clusters((1, "課A", "通知書発送"), (1, "課B", "通知書発送"))
    row = rank_candidates(data, maps, clusters, pd.DataFrame(), period_days=365).iloc[0]
    assert row["kind"] == "batch" and row["redundant_executions_per_year"] == 1
    assert row["hours_saved_per_year"] == 0


# ----------------------------------------------------------------------------- every city
def _node_hours(analysis: Any, dept: str, activity: str) -> tuple[float, float, float]:
    """(staff, resident, wait) hours in the logs of one step: its measured handling time by
    who performs it, and for a system step the longest median wait after it × its events."""
    pm = analysis.maps[dept]
    data = pm.graph.nodes[activity]
    hours = float(data.get("total_hours") or 0.0)
    performer = data.get("performer") or "unknown"
    if performer == "system":
        waits = [
            w
            for _, _, d in pm.graph.out_edges(activity, data=True)
            if (w := d.get("median_wait_minutes")) is not None
        ]
        return 0.0, 0.0, max(waits, default=0.0) * float(data.get("events") or 0) / 60.0
    if performer == "resident":
        return 0.0, hours, 0.0
    return (hours, 0.0, 0.0) if performer in facts.STAFF_PERFORMERS else (0.0, 0.0, 0.0)


def _steps_of(analysis: Any, row: dict[str, Any]) -> set[tuple[str, str]]:
    """The (department, activity) steps a candidate removes executions of: its clusters'
    members; for a silo (and the account register, which owns the bank-account silo) every
    step of its departments outside the duplicate clusters too."""
    clusters = analysis.clusters
    ids = {s for s in str(row.get("clusters") or "").split(CLUSTER_SEP) if s}
    steps = {
        (str(d), str(a))
        for c, d, a in zip(
            clusters["cluster"], clusters["department"], clusters["activity"], strict=True
        )
        if str(c) in ids
    }
    if row["kind"] in ("silo", "account"):
        clustered = set(
            zip(clusters["department"].astype(str), clusters["activity"].astype(str), strict=True)
        )
        for dept in str(row["departments"]).split(" / "):
            if dept in analysis.maps:
                steps |= {(dept, str(a)) for a in analysis.maps[dept].graph.nodes} - clustered
    return steps


def check_savings_within_workload(analysis: Any) -> dict[str, float]:
    """Assert that every candidate saves at most the workload of the steps it removes and
    that all of them together save at most the workload measured; return the totals."""
    per_year = 365.0 / facts.period_days(analysis)
    work = facts.workload(analysis, hours_per_fte=1800.0)["total"]
    rows = analysis.candidates.to_dict(orient="records")
    waits = 0.0
    seen: set[tuple[str, str]] = set()
    for row in rows:
        steps = _steps_of(analysis, row)
        staff, resident, wait = (
            (
                sum(x) * per_year
                for x in zip(*(_node_hours(analysis, *s) for s in steps), strict=True)
            )
            if steps
            else (0.0, 0.0, 0.0)
        )
        name = f"{row['rank']}. {row['title']}"
        assert row["staff_hours_per_year"] <= staff * (1 + EPS) + EPS, name
        assert row["resident_hours_per_year"] <= (resident + wait) * (1 + EPS) + EPS, name
        assert row["hours_saved_per_year"] == pytest.approx(
            row["staff_hours_per_year"] + row["resident_hours_per_year"]
        ), name
        if row["kind"] != "silo":
            waits += sum(_node_hours(analysis, *s)[2] for s in steps - seen) * per_year
            seen |= steps
    saved_staff = sum(r["staff_hours_per_year"] for r in rows)
    saved_resident = sum(r["resident_hours_per_year"] for r in rows)
    assert saved_staff <= work["staff_hours_per_year"] * (1 + EPS) + EPS
    assert saved_resident <= (work["resident_hours_per_year"] + waits) * (1 + EPS) + EPS
    summary = facts.summary(analysis, hours_per_fte=1800.0)
    assert summary["saved_fte"] <= summary["staff_fte"]
    return {"saved": saved_staff, "workload": work["staff_hours_per_year"]}


def _analyse(inputs: Path) -> Any:
    import procmine

    return procmine.analyze(inputs, whatif_top=0, salt="fixed")


def test_savings_stay_within_the_workload_on_the_sample_city() -> None:
    totals = check_savings_within_workload(_analyse(REPO / "sample_logs"))
    assert 0 < totals["saved"] < totals["workload"]


def test_savings_stay_within_the_workload_on_the_second_town(tmp_path: Path) -> None:
    from procmine.samples import generate

    generate(tmp_path, size="tiny", seed=7, city="other")
    check_savings_within_workload(_analyse(tmp_path))


def test_savings_stay_within_the_workload_on_the_town_without_end_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """はやせ市 (``benchmarks/hayase_city.py``): six of its nine exports have no end column;
    its gaps to the next event once made one candidate worth more than the whole workload."""
    from tests.test_savings_towns import _town

    exports = _town(monkeypatch, tmp_path, "hayase_city.py", "city", str(tmp_path))
    totals = check_savings_within_workload(_analyse(exports))
    assert 0 < totals["saved"] < totals["workload"]
