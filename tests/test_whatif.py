"""What-if: removing a candidate's redundant work changes the journeys it should change."""

from __future__ import annotations

import pandas as pd
import pytest

import procmine
from procmine.whatif import WHATIF_COLUMNS, what_if
from tests.conftest import analyse_tiny_city


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> procmine.Analysis:
    return analyse_tiny_city(tmp_path_factory, "whatif", 4)


def _kind_rank(analysis: procmine.Analysis, kind: str) -> int:
    rows = analysis.candidates[analysis.candidates["kind"] == kind]
    if rows.empty:
        pytest.skip(f"no {kind} candidate in this city")
    return int(rows.iloc[0]["rank"])


def test_one_ticket_per_visit_means_fewer_counters(analysis: procmine.Analysis) -> None:
    rank = _kind_rank(analysis, "queue")
    table = what_if(analysis, top=len(analysis.candidates))
    assert list(table.columns) == WHATIF_COLUMNS
    row = table[(table["rank"] == rank) & (table["kpi"] == "counters_per_visit")].iloc[0]
    assert row["after"] < row["before"] and row["removed_events"] > 0
    forms = table[(table["rank"] == rank) & (table["kpi"] == "forms_per_journey")].iloc[0]
    assert forms["after"] == pytest.approx(forms["before"])  # tickets are not forms


def test_writing_once_means_fewer_forms(analysis: procmine.Analysis) -> None:
    rank = _kind_rank(analysis, "form")
    table = what_if(analysis, top=len(analysis.candidates))
    row = table[(table["rank"] == rank) & (table["kpi"] == "forms_per_journey")].iloc[0]
    assert row["after"] < row["before"]


def test_inquiries_removed_show_in_staff_hours(analysis: procmine.Analysis) -> None:
    rank = _kind_rank(analysis, "inquiry")
    table = what_if(analysis, top=len(analysis.candidates))
    row = table[(table["rank"] == rank) & (table["kpi"] == "staff_hours_per_journey")].iloc[0]
    # back-office work the resident never sees: only the staff time moves
    assert row["after"] < row["before"] and row["removed_events"] > 0


def test_no_journeys_no_what_if(analysis: procmine.Analysis) -> None:
    from dataclasses import replace

    assert what_if(replace(analysis, journeys=None)).empty
    assert isinstance(what_if(analysis, top=0), pd.DataFrame) and what_if(analysis, top=0).empty


def test_redundant_events_follow_the_inquiry_rule() -> None:
    from procmine.candidates import redundant_events
    from procmine.discover import discover_all
    from tests.test_candidates import _clusters, _lookups

    data, _ = _lookups("住記照会", "住民記録照会")
    clusters = _clusters((1, "課A", "住記照会"), (1, "課B", "住民記録照会"))
    removed = redundant_events(data, discover_all(data.logs), clusters)
    assert sorted(removed["department"]) == ["課A", "課B"]


def test_a_reform_removes_the_executions_of_every_cluster_it_rests_on() -> None:
    from procmine.whatif import _scenarios

    candidates = pd.DataFrame(
        {
            "rank": [1, 2],
            "cluster": [9, None],
            "clusters": ["9 / 8", ""],
            "kind": ["identity", "silo"],
        }
    )
    redundant = pd.DataFrame({"cluster": [8, 9, 9, 4], "pos": [10, 11, 12, 13]})
    [(rank, removed)] = _scenarios(candidates, redundant, top=3)
    assert rank == 1 and sorted(removed["pos"]) == [10, 11, 12]
