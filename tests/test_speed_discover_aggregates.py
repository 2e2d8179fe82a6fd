"""Faster discovery paths give what the slower ones gave.

``Engine.aggregate`` (one encoding for the directly-follows graph and the variants; the
DuckDB engine counts start/end activities and variants from the codes) must equal
``directly_follows`` and ``variants`` called one by one on the pandas reference engine;
the co-occurrence helpers must equal ``np.unique`` and ``pd.factorize``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from procmine.engine import get_engine
from procmine.engine.base import VARIANT_SEPARATOR, encode
from procmine.match._cooccur import _dense_rank, _sorted_distinct


def _events(seed: int, n_activities: int, *, separator_label: bool = False) -> pd.DataFrame:
    """Random events: ties in time, single-event cases, rows out of case order."""
    rng = np.random.default_rng(seed)
    n = 3000
    labels = [f"作業{k:03d}" for k in range(n_activities)]
    if separator_label:
        labels[:3] = ["A", "B", f"A{VARIANT_SEPARATOR}B"]  # "A → B" alone = "A" then "B"
    case = rng.integers(0, 400, n).astype(str)
    acts = np.asarray(labels, dtype=object)[rng.integers(0, n_activities, n)]
    seconds = rng.integers(0, 50_000, n) // 7 * 7  # repeats: ties decided by row order
    ts = pd.Timestamp("2026-04-01") + pd.to_timedelta(seconds, unit="s")
    return pd.DataFrame({"case": case, "activity": acts, "timestamp": ts})


CASES = [
    pytest.param(1, 12, False, id="few-activities"),
    pytest.param(2, 3, True, id="separator-in-label"),
    pytest.param(3, 300, False, id="more-than-256-activities"),
]


@pytest.mark.parametrize("engine_name", ["duckdb", "pandas"])
@pytest.mark.parametrize(("seed", "n_activities", "separator_label"), CASES)
def test_aggregate_equals_the_two_calls_of_the_reference(
    engine_name: str, seed: int, n_activities: int, separator_label: bool
) -> None:
    events = _events(seed, n_activities, separator_label=separator_label)
    reference = get_engine("pandas")
    dfg, variants = get_engine(engine_name).aggregate(events)
    assert dfg == reference.directly_follows(events)
    assert variants == reference.variants(events)
    assert list(variants) == sorted(variants)
    assert list(dfg.edges) == sorted(dfg.edges)


def test_separator_in_a_label_merges_variants() -> None:
    events = pd.DataFrame(
        {
            "case": ["1", "1", "2"],
            "activity": ["A", "B", f"A{VARIANT_SEPARATOR}B"],
            "timestamp": pd.to_datetime(
                ["2026-04-01 09:00", "2026-04-01 09:05", "2026-04-01 10:00"]
            ),
        }
    )
    _, variants = get_engine("duckdb").aggregate(events)
    assert variants == {f"A{VARIANT_SEPARATOR}B": 2}


def test_aggregate_of_no_events() -> None:
    empty = _events(1, 4).iloc[:0]
    dfg, variants = get_engine("duckdb").aggregate(empty)
    assert (dfg.edges, dfg.starts, dfg.ends, variants) == ({}, {}, {}, {})


def test_traces_count_first_and_last_event_in_row_order() -> None:
    events = pd.DataFrame(
        {
            "case": ["x", "y", "x", "x"],
            "activity": ["審査", "受付", "受付", "交付"],
            # row order, not time order, decides a case's start and end
            "timestamp": pd.to_datetime(["2026-04-02", "2026-04-01", "2026-04-01", "2026-04-03"]),
        }
    )
    coded = encode(events)
    starts, ends, variants = coded.traces()
    assert {coded.label(a): n for a, n in starts} == {"審査": 1, "受付": 1}
    assert {coded.label(a): n for a, n in ends} == {"交付": 1, "受付": 1}
    assert variants == {"審査 → 受付 → 交付": 1, "受付": 1}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cooccurrence_helpers_equal_numpy_and_pandas(seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 5000, 20_000).astype(np.int64) * 1_000_003
    distinct = _sorted_distinct(values)
    assert np.array_equal(distinct, np.unique(values))
    assert np.array_equal(_dense_rank(distinct // 7), pd.factorize(distinct // 7)[0])
    assert _dense_rank(np.zeros(0, dtype=np.int64)).tolist() == []
