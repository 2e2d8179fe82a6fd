"""Savings model: redundant executions, hours per year, principle, ranking."""

from __future__ import annotations

import pandas as pd
import pytest

from procmine.candidates import CANDIDATE_COLUMNS, rank_candidates
from procmine.discover import discover_all


def _clusters(*members: tuple[int, str, str]) -> pd.DataFrame:
    return pd.DataFrame(members, columns=["cluster", "department", "activity"])


def test_second_identity_check_of_the_day_is_redundant(two_departments):
    maps = discover_all(two_departments.logs)
    clusters = _clusters((1, "市民課", "本人確認"), (1, "保険年金課", "窓口での本人確認"))
    out = rank_candidates(two_departments, maps, clusters, pd.DataFrame(), period_days=365)
    assert list(out.columns) == CANDIDATE_COLUMNS
    row = out.iloc[0]
    # two residents, each checked twice on one day -> 2 redundant executions (the 保険年金課 ones)
    assert row["redundant_executions_per_year"] == 2
    assert row["executions_per_year"] == 4
    # 保険年金課 checks take 6 and 4 minutes (gap to the next event) -> median 5 min each
    assert row["hours_saved_per_year"] == pytest.approx(2 * 5 / 60, abs=0.01)
    assert row["principle"] == "matasenai"
    assert row["rank"] == 1


def test_extrapolation_to_a_year(two_departments):
    maps = discover_all(two_departments.logs)
    clusters = _clusters((1, "市民課", "本人確認"), (1, "保険年金課", "窓口での本人確認"))
    month = rank_candidates(two_departments, maps, clusters, pd.DataFrame(), period_days=36.5)
    year = rank_candidates(two_departments, maps, clusters, pd.DataFrame(), period_days=365)
    assert month.iloc[0]["hours_saved_per_year"] == pytest.approx(10 * year.iloc[0]["hours_saved_per_year"], rel=0.01)


def test_resident_forms_map_to_kakasenai_and_repeats_outside_window_are_not_redundant(two_departments):
    maps = discover_all(two_departments.logs)
    clusters = _clusters((1, "市民課", "住民異動届記入"), (1, "保険年金課", "国保届記入"))
    out = rank_candidates(two_departments, maps, clusters, pd.DataFrame(), period_days=365)
    assert out.iloc[0]["principle"] == "kakasenai"
    none = rank_candidates(two_departments, maps, clusters, pd.DataFrame(), period_days=365, window_days=0.01)
    assert none.iloc[0]["redundant_executions_per_year"] == 0


def test_ranked_by_hours_and_fte(two_departments):
    maps = discover_all(two_departments.logs)
    clusters = _clusters(
        (1, "市民課", "本人確認"), (1, "保険年金課", "窓口での本人確認"),
        (2, "市民課", "住民異動届記入"), (2, "保険年金課", "国保届記入"),
    )
    out = rank_candidates(two_departments, maps, clusters, pd.DataFrame(), period_days=1, hours_per_fte=100)
    assert list(out["rank"]) == [1, 2]
    assert out["hours_saved_per_year"].is_monotonic_decreasing
    for _, row in out.iterrows():
        assert row["fte"] == pytest.approx(row["staff_hours_per_year"] / 100)
        assert row["hours_saved_per_year"] == pytest.approx(row["staff_hours_per_year"] + row["resident_hours_per_year"])
    form = out[out["kind"] == "form"].iloc[0]
    assert form["staff_hours_per_year"] == 0 and form["resident_hours_per_year"] > 0


def test_queue_ticket_saves_the_residents_wait(two_departments):
    maps = discover_all(two_departments.logs)
    clusters = _clusters((1, "市民課", "番号札発券"), (1, "保険年金課", "番号札発券"))
    row = rank_candidates(two_departments, maps, clusters, pd.DataFrame(), period_days=365).iloc[0]
    assert row["kind"] == "queue" and row["principle"] == "matasenai"
    # 保険年金課 tickets are followed by 10 and 8 minutes of waiting
    assert row["resident_hours_per_year"] == pytest.approx(2 * 9 / 60)
    assert row["staff_hours_per_year"] == 0


def test_silo_candidate_counts_copies_outside_the_authoritative_source(two_departments):
    maps = discover_all(two_departments.logs)
    silos = pd.DataFrame(
        {
            "field": ["住所", "住所"], "department": ["市民課", "保険年金課"], "column": ["住所", "現住所"],
            "authoritative": [True, False], "inconsistency_rate": [0.0, 0.1],
        }
    )
    out = rank_candidates(two_departments, maps, pd.DataFrame(columns=["cluster", "department", "activity"]), silos,
                          period_days=365, minutes_per_field_entry=6)
    row = out.iloc[0]
    assert row["kind"] == "silo" and row["principle"] == "kakasenai"
    assert row["redundant_executions_per_year"] == 2  # two values kept by 保険年金課
    assert row["hours_saved_per_year"] == pytest.approx(0.2)


def test_batch_system_steps_are_not_queues():
    from tests.conftest import make_dataset, make_log

    rows = lambda dept: [  # noqa: E731
        (f"{dept}1", "通知書発送", "2026-04-01 02:00", "SYSTEM", "P1"),
        (f"{dept}1", "問合せ対応", "2026-04-09 10:00", "S-1", "P1"),
    ]
    data = make_dataset(make_log("課A", rows("A")), make_log("課B", rows("B")))
    maps = discover_all(data.logs)
    clusters = _clusters((1, "課A", "通知書発送"), (1, "課B", "通知書発送"))
    row = rank_candidates(data, maps, clusters, pd.DataFrame(), period_days=365).iloc[0]
    assert row["kind"] == "batch"
    assert row["hours_saved_per_year"] == 0


def test_silo_does_not_count_values_a_duplicate_cluster_already_counts(two_departments):
    maps = discover_all(two_departments.logs)
    silos = pd.DataFrame(
        {
            "field": ["住所", "住所"], "department": ["市民課", "保険年金課"], "column": ["住所", "現住所"],
            "authoritative": [True, False], "inconsistency_rate": [0.0, 0.1],
        }
    )
    clusters = _clusters((1, "市民課", "住民異動届記入"), (1, "保険年金課", "国保届記入"))
    out = rank_candidates(two_departments, maps, clusters, silos, period_days=365, minutes_per_field_entry=6)
    silo = out[out["kind"] == "silo"].iloc[0]
    assert silo["redundant_executions_per_year"] == 0 and silo["hours_saved_per_year"] == 0
