"""Memory of the journeys, candidates and what-if stages (issue 7): the compact forms give
exactly what the full tables gave."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import procmine
from procmine.candidates import _all_events
from procmine.fields import column_fields
from procmine.journeys import base_events, journeys
from procmine.journeys._events import Events, event_table, pack, without_events
from procmine.whatif import _positions
from tests.conftest import analyse_tiny_city


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> procmine.Analysis:
    return analyse_tiny_city(tmp_path_factory, "memory", 5, salt="k")


def _table() -> Events:
    table = pd.DataFrame(
        {
            "eid": np.arange(5),
            "who": np.array([0, 0, 1, 2, 2]),
            "ts": pd.to_datetime(["2026-04-01 09:00"] * 3 + ["2026-04-02 10:30"] * 2).to_numpy(),
            "day": pd.to_datetime(["2026-04-01"] * 3 + ["2026-04-02"] * 2).to_numpy(),
            "activity": pd.Series(["a", "b", "a", "c", "b"], dtype="object"),
            "cluster": pd.Series([None, 3, None, 3, None], dtype="object"),
            "mixed": pd.Series([None, np.nan, "x", None, "x"], dtype="object"),
            "big": np.array([0, 2**40, 5, 7, 9]),
        }
    )
    captures = pd.DataFrame(
        {
            "eid": np.array([0, 0, 3, 4]),
            "field": pd.Series(["氏名", "住所", "氏名", "電話"], dtype="object"),
        }
    )
    return Events(
        table,
        captures,
        np.array(["K1", "K2", "K3"], dtype=object),
        {},
        np.arange(5),
        np.array([0, 0, -1, 1, 1]),
    )


def test_pack_gives_back_the_same_table_and_captures() -> None:
    events = _table()
    packed = pack(events)
    pd.testing.assert_frame_equal(packed.table, events.table, check_exact=True)
    pd.testing.assert_frame_equal(packed.captures, events.captures, check_exact=True)
    # None and NaN in one text column stay apart: such a column is kept as it is.
    assert packed.table["mixed"].iloc[0] is None and packed.table["mixed"].iloc[1] is not None
    assert packed.columns["mixed"] is not None and not isinstance(packed.columns["mixed"], tuple)
    assert isinstance(packed.columns["cluster"], tuple)  # None only: codes
    assert packed.columns["who"].dtype == np.int8 and packed.columns["big"].dtype == np.int64
    assert "eid" not in packed.columns and "day" not in packed.columns  # both follow


def test_packed_rows_equal_the_masked_table() -> None:
    events = _table()
    idx = np.array([1, 3, 4])
    table, captures = pack(events).rows(idx)
    expected = events.table.iloc[idx].reset_index(drop=True).assign(eid=np.arange(3))
    pd.testing.assert_frame_equal(table, expected, check_exact=True)
    assert captures["eid"].tolist() == [1, 2] and captures["field"].tolist() == ["氏名", "電話"]


def test_a_day_that_is_not_the_start_day_is_kept() -> None:
    events = _table()
    events.table.loc[0, "day"] = pd.Timestamp("2026-03-31")
    packed = pack(events)
    assert "day" in packed.columns
    pd.testing.assert_frame_equal(packed.table, events.table, check_exact=True)


def test_the_handed_over_table_is_packed_and_smaller(analysis: procmine.Analysis) -> None:
    fields = column_fields(analysis.silos)
    args = (analysis.dataset, analysis.maps, analysis.clusters)
    result = journeys(*args, column_fields=fields, salt=b"k")
    kept = base_events(result, *args, fields)
    full = event_table(*args, fields)
    assert kept is not None
    packed_bytes = sum(
        sum(a.nbytes for a in v) if isinstance(v, tuple) else v.nbytes
        for v in kept.columns.values()
    )
    assert packed_bytes < full.table.memory_usage(deep=False).sum() / 2
    pd.testing.assert_frame_equal(kept.table, full.table, check_exact=True)


def test_masking_the_packed_table_equals_masking_the_full_one(
    analysis: procmine.Analysis,
) -> None:
    fields = column_fields(analysis.silos)
    full = event_table(analysis.dataset, analysis.maps, analysis.clusters, fields)
    dept = sorted(analysis.dataset.logs)[0]
    removed = pd.DataFrame(
        {"department": dept, "pos": analysis.dataset.logs[dept].events.index[1::7]}
    )
    drop = _positions(analysis.dataset, removed)
    a = without_events(pack(full), analysis.dataset, drop)
    b = without_events(full, analysis.dataset, drop)
    assert a is not None and b is not None
    assert len(a.table) < len(full.table)
    pd.testing.assert_frame_equal(a.table, b.table, check_exact=True)
    pd.testing.assert_frame_equal(a.captures, b.captures, check_exact=True)
    assert np.array_equal(a.rpos, b.rpos) and np.array_equal(a.pcode, b.pcode)


def test_candidates_copy_only_the_events_of_clusters(analysis: procmine.Analysis) -> None:
    clusters = analysis.clusters
    assert len(clusters)
    events = _all_events(analysis.dataset, analysis.maps, clusters)
    members = set(zip(clusters["department"], clusters["activity"], strict=True))
    pairs = set(zip(events["department"], events["activity"], strict=True))
    assert pairs and pairs <= members
    total = sum(len(log.events) for log in analysis.dataset.logs.values())
    assert len(events) < total
    none = _all_events(analysis.dataset, analysis.maps, clusters.iloc[:0])
    assert none.empty
