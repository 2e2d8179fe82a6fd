"""Shortcuts taken for speed in loading, column matching and CSV writing (issue 7) give
exactly what the plain computations give.

Each test compares a fast function with the straightforward code it stands for, on data
that exercises the shortcut's edge (values repeated or not, missing values, ties).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from procmine.fields._copies import _distinct_codes, _distinct_pairs, _missing
from procmine.fields._link import Linkage, linkage_table
from procmine.fields._measure import _posterior, _posterior_rows
from procmine.fields._profile import non_empty, non_empty_mask
from procmine.io.loader import MISSING_MARKERS, _duplicates, _strip
from procmine.io.table import RawTable, clean_table
from procmine.model import ACTIVITY
from procmine.report.csvjson import _column_cells, guard_cell


def _plain_strip(values: pd.Series) -> pd.Series:
    text = values.astype(pd.StringDtype()).str.strip()
    missing = (text == "") | text.str.lower().isin(MISSING_MARKERS)
    return text.mask(missing.fillna(False).astype(bool))


@pytest.mark.parametrize(
    "values",
    [
        ["a", "b", "a", None],  # nothing to strip: the values as they are
        ["a", " a", "b ", None],
        ["x", "NULL", " n/a ", "x"],
        ["x", "", "x", "　全角　"],
        [None, None],
    ],
)
def test_strip_matches_the_plain_computation(values):
    column = pd.Series(values, dtype=pd.StringDtype(na_value=np.nan), name="受付番号")
    pd.testing.assert_series_equal(_strip(column), _plain_strip(column))


def _repeated_rows(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 400
    frame = pd.DataFrame(
        {
            "case": rng.integers(0, 5, n).astype(str),
            "activity": rng.choice(["受付", "審査"], n),
            "time": rng.integers(0, 3, n).astype(str),
            "note": rng.choice(["a", "b", "c"], n),  # rows equal in the first columns differ here
            "more": rng.choice(["x", "y"], n),
        }
    )
    return frame.astype(pd.StringDtype(na_value=np.nan))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_duplicates_match_a_full_comparison_of_the_candidates(seed):
    frame = _repeated_rows(seed)
    for candidates in (np.arange(len(frame)), np.flatnonzero(np.arange(len(frame)) % 3 != 0)):
        mask, pairs = _duplicates(frame, candidates)
        expected = np.zeros(len(frame), dtype=bool)
        expected[candidates[frame.iloc[candidates].duplicated().to_numpy()]] = True
        assert mask.tolist() == expected.tolist()
        assert mask.any()
        for duplicate, first in pairs:
            assert frame.iloc[duplicate].tolist() == frame.iloc[first].tolist()
            equal = (frame.iloc[candidates] == frame.iloc[duplicate]).all(axis=1).to_numpy()
            assert first == candidates[np.flatnonzero(equal)[0]]  # the first equal candidate


def test_clean_table_replaces_a_control_character_in_every_row_that_holds_it():
    values = ["a\x07b", "ok", "a\x07b", None, "ok"]
    frame = pd.DataFrame({"x": pd.Series(values, dtype=pd.StringDtype(na_value=np.nan))})
    table = RawTable(frame, np.arange(2, 7), "csv", "utf-8", "line", [])
    clean_table(table, source="a.csv")
    assert table.frame["x"].tolist()[:3] == ["a\ufffdb", "ok", "a\ufffdb"]
    assert "a.csv:2: 2 values held control characters" in table.warnings[0]


def test_posterior_per_pattern_is_bit_for_bit_the_row_by_row_one():
    rng = np.random.default_rng(7)
    for m in (1, 3, 9, 17):  # 17 voters: rows compared as rows, not as one integer
        pool = rng.integers(-1, m, size=(12, m))
        ids = pool[rng.integers(0, len(pool), 500)]
        accuracy = rng.uniform(0.5, 0.99, m)
        fast, plain = _posterior(ids, accuracy), _posterior_rows(ids, accuracy)
        assert fast.shape == plain.shape
        assert np.array_equal(fast.view(np.int64), plain.view(np.int64))


@pytest.mark.parametrize("codes", [[3, 1, 3, 0], [], [10**9, 2], [5, 5, 5], [-1, 2]], ids=str)
def test_distinct_codes_are_numpy_unique(codes):
    codes = np.asarray(codes, dtype=np.int64)
    assert np.array_equal(_distinct_codes(codes), np.unique(codes))


def test_distinct_pairs_are_sorted_and_distinct():
    keys = np.array([0, 0, 0, 1, 1, 3, 3], dtype=np.int64)
    norm = np.array([2, 2, -1, 5, 1, 0, 0], dtype=np.int64)
    out_keys, out_norm = _distinct_pairs(keys, norm)
    assert list(zip(out_keys.tolist(), out_norm.tolist(), strict=True)) == [
        (0, 2), (1, 1), (1, 5), (3, 0)
    ]  # fmt: skip


def test_missing_counts_residents_of_filling_steps_without_a_value():
    events = pd.DataFrame({ACTIVITY: ["受付", "受付", "受付", "審査", "審査", "審査"]})
    filled = np.array([True, True, False, False, False, False])
    key_codes = np.array([4, 7, 9, 2, 9, -1])
    holders = np.array([4, 7])
    # 受付 fills the column (2 of 3 events): resident 9 has its event but no value
    assert _missing(events, filled, key_codes, holders) == 1
    assert _missing(events, np.zeros(6, dtype=bool), key_codes, holders) == 0


def test_non_empty_without_blanks_is_the_column_as_text():
    full = pd.Series(["a", "b"], dtype=pd.StringDtype())
    mixed = pd.Series(["a", " ", None, "b"], dtype=pd.StringDtype())
    assert non_empty(full).tolist() == ["a", "b"]
    assert list(non_empty(full).index) == [0, 1]
    assert non_empty(mixed).tolist() == ["a", "b"] and list(non_empty(mixed).index) == [0, 3]
    assert non_empty_mask(mixed).tolist() == [True, False, False, True]
    assert non_empty(pd.Series([], dtype=pd.StringDtype())).empty


def test_linkage_table_counts_residents_shared_with_another_department():
    keys = {
        "A": pd.Series(["p1", "p2", None, "p2"], dtype=object),
        "B": pd.Series(["p2", "p3"], dtype=object),
        "C": pd.Series(["p1", "p4", ""], dtype=object),
    }
    table = linkage_table(Linkage(keys, dict.fromkeys(keys, "person key"))).set_index("department")
    assert table["persons"].to_dict() == {"A": 2, "B": 2, "C": 2}
    assert table["shared_persons"].to_dict() == {"A": 2, "B": 1, "C": 1}
    assert table["linked_events"].to_dict() == {"A": 3, "B": 2, "C": 3}


@pytest.mark.parametrize(
    "values",
    [
        pd.array([1, None, -3, 2**40], dtype="Int64"),
        pd.array([0, None, 7], dtype="UInt8"),
        pd.array([True, None, False], dtype="boolean"),
        pd.array([None, None], dtype="Int64"),
    ],
    ids=["Int64", "UInt8", "boolean", "all missing"],
)
def test_nullable_cells_are_guarded_cells(values):
    column = pd.Series(values)
    assert _column_cells(column) == [guard_cell(v) for v in column]


def test_rows_are_picked_in_event_order_with_their_end_times(tmp_path):
    from procmine.io import load

    lines = [
        "case,activity,timestamp,end",
        "B,受付,2024-04-01 10:00,2024-04-01 10:05",
        "A,審査,2024-04-01 11:00,later",
        "B,審査,2024-04-01 09:00,2024-04-01 09:30",
        "A,受付,2024-04-01 08:00,unknown",
        "C,受付,,2024-04-01 12:00",  # dropped: no timestamp
        "A,交付,2024-04-01 08:00,2024-04-01 08:10",
    ]
    (tmp_path / "x.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = load([tmp_path / "x.csv"])
    events = data.logs["x"].events
    assert events["row"].tolist() == [5, 7, 3, 4, 2]  # by case, timestamp, then row
    assert events["activity"].tolist() == ["受付", "交付", "審査", "審査", "受付"]
    ends = events["end"].dt.strftime("%H:%M").fillna("").tolist()
    assert ends == ["", "08:10", "", "09:30", "10:05"]
    # unparsable end times are named in file order, not event order
    assert any(
        w.startswith("x.csv:3: 2 values of end (end)") and "line 3" in w and "line 5" in w
        for w in data.warnings
    ), data.warnings


def test_files_of_one_department_are_merged_in_event_order(tmp_path):
    from procmine.io import load

    header = "case,activity,timestamp,課\n"
    (tmp_path / "a.csv").write_text(
        header + "B,受付,2024-04-01 10:00,市民課\nA,交付,2024-04-01 09:00,市民課\n",
        encoding="utf-8",
    )
    (tmp_path / "b.csv").write_text(
        header + "B,受付,2024-04-01 10:00,市民課\nA,受付,2024-04-01 08:00,市民課\n",
        encoding="utf-8",
    )
    events = load([tmp_path], department="課").logs["市民課"].events
    # by case, timestamp and row; the same case, time and row: the earlier file first
    assert list(zip(events["case"], events["source"], events["row"], strict=True)) == [
        ("A", "b.csv", 3), ("A", "a.csv", 3), ("B", "a.csv", 2), ("B", "b.csv", 2)
    ]  # fmt: skip
