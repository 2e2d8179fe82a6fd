"""The journeys' event table on integer codes (issue 7): the shortcuts give what the
general computations give."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

import procmine
from procmine._codes import factorize_strings
from procmine.fields import column_fields
from procmine.journeys._events import (
    _CACHE,
    Events,
    _days,
    _event_order,
    _first_code,
    _first_row,
    event_table,
    pack,
)
from procmine.journeys._journeys import _department_sets
from procmine.journeys._kpis import kpi_table
from procmine.journeys._segments import distinct, first_seen
from procmine.journeys._visits import _day_any
from tests.conftest import analyse_tiny_city


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> procmine.Analysis:
    return analyse_tiny_city(tmp_path_factory, "codes", 5, parallel=False)


@pytest.fixture(scope="module")
def events(analysis: procmine.Analysis) -> Events:
    fields = column_fields(analysis.silos)
    return event_table(analysis.dataset, analysis.maps, analysis.clusters, fields)


@pytest.mark.parametrize("unit", ["ns", "us", "s"])
def test_days_are_what_normalize_gives(unit: str) -> None:
    rng = np.random.default_rng(1)
    seconds = rng.integers(-(10**9), 10**9, 5000)  # before and after 1970
    ts = (seconds * {"ns": 10**9, "us": 10**6, "s": 1}[unit]).astype(f"M8[{unit}]")
    ts[::7] = np.datetime64("NaT")
    expected = pd.Series(ts).dt.normalize().to_numpy()
    got = _days(ts)
    assert got.dtype == expected.dtype
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("negative_rows", [False, True])
def test_event_order_is_the_order_by_every_key(negative_rows: bool) -> None:
    rng = np.random.default_rng(2)
    n = 4000
    dcode = np.sort(rng.integers(0, 4, n))
    ckey = dcode * 100 + rng.integers(0, 100, n)  # case keys grow with the department
    who = rng.integers(0, 30, n)
    ts = rng.integers(0, 50, n).astype("M8[m]")
    row = rng.integers(-5 if negative_rows else 0, 20, n)
    expected = np.lexsort((row, ckey, dcode, ts, who))
    np.testing.assert_array_equal(_event_order(who, ts, ckey, row), expected)


def test_counting_uniques_give_what_np_unique_gives() -> None:
    rng = np.random.default_rng(3)
    for n in (0, 1, 7, 3000):
        ids = rng.integers(1, max(2, n // 4), n)
        for got, want in zip(
            distinct(ids, inverse=True), np.unique(ids, return_inverse=True), strict=True
        ):
            np.testing.assert_array_equal(got, want)
        codes = np.repeat(rng.integers(0, 9, n), 3)
        for got, want in zip(first_seen(codes), np.unique(codes, return_index=True), strict=True):
            np.testing.assert_array_equal(got, want)


def test_event_table_keeps_each_cases_first_row_and_person(events: Events) -> None:
    packed = pack(events)
    ckey = packed.column("ckey").astype("int64")
    size = int(ckey.max()) + 1
    first_row = events.filled[_CACHE + "first_row"]
    first_code = events.filled[_CACHE + "first_code"]
    np.testing.assert_array_equal(first_row, _first_row(packed, ckey, size))
    np.testing.assert_array_equal(first_code, _first_code(packed, ckey, packed.pcode >= 0, size))
    assert (first_code >= 0).any() and len(first_row) == size


def test_packing_from_the_codes_equals_packing_the_columns(events: Events) -> None:
    assert {"activity", "performer", "department", "field"} <= set(events.coded)
    fast = pack(events)
    slow = pack(dataclasses.replace(events, coded={}))
    pd.testing.assert_frame_equal(fast.table, slow.table)
    pd.testing.assert_frame_equal(fast.captures, slow.captures)
    pd.testing.assert_frame_equal(fast.table, events.table)
    assert fast.columns["activity"][0].dtype.itemsize <= 2  # narrowed codes


def test_rows_for_the_means_leave_out_columns_and_code_fields(events: Events) -> None:
    packed = pack(events)
    idx = np.flatnonzero(np.arange(packed.n) % 3 != 0)
    table, captures = packed.rows(idx)
    lean, coded = packed.rows(idx, skip=("ctype", "cluster"), field_codes=True)
    assert "ctype" not in lean and "cluster" not in lean
    pd.testing.assert_frame_equal(lean, table.drop(columns=["ctype", "cluster"]))
    assert coded["field"].dtype.kind == "i"
    np.testing.assert_array_equal(coded["eid"].to_numpy(), captures["eid"].to_numpy())
    # one code per field name, one field name per code
    pairs = pd.DataFrame({"name": captures["field"], "code": coded["field"]}).drop_duplicates()
    assert pairs["name"].is_unique and pairs["code"].is_unique


def test_department_sets_by_codes_equal_the_frame_path() -> None:
    rng = np.random.default_rng(4)
    n = 500
    chosen = pd.DataFrame(
        {
            "journey": rng.integers(1, 60, n).astype("float64"),
            "department": pd.Series(
                np.array(["市民課", "税務課", "福祉課", "環境課"], dtype=object)[
                    rng.integers(0, 4, n)
                ],
                dtype="object",
            ),
        }
    )
    fast = _department_sets(chosen)
    slow = _department_sets(chosen.assign(journey=chosen["journey"].astype(object)))
    assert fast.index.dtype == np.float64
    np.testing.assert_array_equal(
        fast.index.to_numpy(dtype="float64"), slow.index.to_numpy(dtype="float64")
    )
    np.testing.assert_array_equal(fast.to_numpy(), slow.to_numpy())


@pytest.mark.parametrize("ordered", [True, False])
def test_day_presence_by_runs_equals_the_groupby(ordered: bool) -> None:
    rng = np.random.default_rng(6)
    n = 2000
    who = rng.integers(0, 40, n)
    day = (rng.integers(0, 5, n) * 86400).astype("M8[s]").astype("M8[ns]")
    if ordered:
        at = np.lexsort((day, who))
        who, day = who[at], day[at]
    ev = pd.DataFrame({"who": who, "day": day})
    present = pd.Series(rng.random(n) < 0.1)
    expected = present.groupby([ev["who"], ev["day"]]).transform("any")
    pd.testing.assert_series_equal(_day_any(ev, present), expected)


def test_kpi_tables_share_the_figures_over_all_journeys(analysis: procmine.Analysis) -> None:
    result = analysis.journeys
    shared: dict = {}
    by_type = kpi_table(result.visits, result.journeys, shared=shared)
    assert shared  # the second table may take them
    by_event = kpi_table(result.visits, result.journeys, by="life_event", shared=shared)
    pd.testing.assert_frame_equal(by_type, kpi_table(result.visits, result.journeys))
    pd.testing.assert_frame_equal(
        by_event, kpi_table(result.visits, result.journeys, by="life_event")
    )
    pd.testing.assert_frame_equal(by_event, result.life_event_kpis)


@pytest.mark.parametrize("kind", ["string", "category", "unused categories", "numbers"])
def test_text_codes_of_a_categorical_equal_those_of_its_text(kind: str) -> None:
    rng = np.random.default_rng(7)
    values = np.array(["受付", "審査", " ", "", "交付", None], dtype=object)[
        rng.integers(0, 6, 800)
    ]
    column = {
        "string": pd.Series(values, dtype="string"),
        "category": pd.Series(values, dtype="category"),
        "unused categories": pd.Series(
            pd.Categorical(values, categories=["廃止", "交付", "審査", "受付", " ", ""])
        ),
        "numbers": pd.Series(rng.integers(0, 5, 800)).astype("category"),
    }[kind]
    codes, names = factorize_strings(column)
    want_codes, want_names = pd.factorize(column.astype("string"), use_na_sentinel=False)
    np.testing.assert_array_equal(codes, want_codes)
    assert [None if x is pd.NA else x for x in names] == [
        None if x is pd.NA else x for x in np.asarray(want_names, dtype=object)
    ]
