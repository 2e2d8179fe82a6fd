"""The numpy paths of the journey rules give what the pandas paths give (issue 7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

import procmine
from procmine.candidates import redundant_events
from procmine.discover import discover_all
from procmine.fields import column_fields
from procmine.journeys import JourneyResult, _marks, _tables, base_events, journeys, kpi_means
from procmine.journeys._events import Events, event_table, without_events
from procmine.journeys._segments import Segments
from procmine.model import Dataset, EventLog
from procmine.whatif import _positions
from tests.conftest import analyse_tiny_city

TABLES = ("visits", "journeys", "kpis", "handover", "stops", "queues", "life_event_kpis")


def _pandas_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_marks, "usable", lambda ev: False)
    monkeypatch.setattr(_tables, "usable", lambda ev: False)


def _random_dataset(seed: int, *, ticket_words: bool) -> Dataset:
    """Three departments, residents with several visits, ties in time, unknown ends, a
    file without resident or system steps; ticket steps named or not."""
    rng = np.random.default_rng(seed)
    ticket = "番号札発券" if ticket_words else "SYS-01"
    acts = {
        "A": [(ticket, "SYSTEM"), ("届書記入", "RESIDENT"), ("本人確認", "S-01"), ("入力", "S-02")],
        "B": [(ticket, "SYSTEM"), ("申請書記入", "RESIDENT"), ("審査", "S-03"), ("交付", "S-04")],
        "C": [("登録", "S-05"), ("照会", "S-06")],  # no resident or system step
    }
    logs = {}
    for dept, steps in acts.items():
        rows = []
        for case in range(int(rng.integers(25, 40))):
            person = None if rng.random() < 0.1 else f"P{int(rng.integers(0, 15))}"
            t = pd.Timestamp("2026-04-01 08:30") + pd.Timedelta(
                days=int(rng.integers(0, 40)), minutes=int(rng.integers(0, 9 * 60))
            )
            for k in range(int(rng.integers(1, 6))):
                act, res = steps[int(rng.integers(0, len(steps)))] if k else steps[0]
                t = t + pd.Timedelta(minutes=int(rng.choice([0, 0, 3, 10, 20, 200, 600])))
                end = t + pd.Timedelta(minutes=int(rng.integers(1, 15)))
                rows.append(
                    (
                        f"{dept}{case}",
                        act,
                        t,
                        end if rng.random() < 0.5 else pd.NaT,
                        res,
                        person,
                        "値" if rng.random() < 0.5 else None,
                    )
                )
        frame = pd.DataFrame(
            rows, columns=["case", "activity", "timestamp", "end", "resource", "person", "氏名"]
        )
        frame["department"] = dept
        frame["source"] = f"{dept}.csv"
        frame["row"] = range(2, len(frame) + 2)
        frame["氏名"] = frame["氏名"].astype("string")
        frame = frame.sort_values(["case", "timestamp", "row"], ignore_index=True)
        logs[dept] = EventLog(dept, frame, ("氏名",), (f"{dept}.csv",))
    return Dataset(logs=logs, mappings=[], accounting=[])


def _both(monkeypatch: pytest.MonkeyPatch, run: Callable[[], Any]) -> tuple[Any, Any]:
    """``run()`` on the numpy paths, then on the pandas paths."""
    fast = run()
    with monkeypatch.context() as m:
        _pandas_only(m)
        slow = run()
    return fast, slow


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("ticket_words", [True, False])
def test_journeys_numpy_path_equals_pandas_path(
    monkeypatch: pytest.MonkeyPatch, seed: int, ticket_words: bool
) -> None:
    ds = _random_dataset(seed, ticket_words=ticket_words)
    maps = discover_all(ds.logs)
    checks = [("A", "本人確認")] if seed % 2 else None
    window = 30.0 if seed < 2 else 2.0  # a short window: chains of many journeys

    def run() -> JourneyResult:
        return journeys(
            ds,
            maps,
            pd.DataFrame(),
            identity_checks=checks,
            journey_window_days=window,
            salt=b"s",
        )

    fast, slow = _both(monkeypatch, run)
    assert len(fast.visits) > 0
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(fast, name), getattr(slow, name), check_exact=True)


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> procmine.Analysis:
    return analyse_tiny_city(tmp_path_factory, "speed", 11, salt="k")


def test_sample_city_numpy_path_equals_pandas_path(
    monkeypatch: pytest.MonkeyPatch, analysis: procmine.Analysis
) -> None:
    fields = column_fields(analysis.silos)

    def run() -> JourneyResult:
        return journeys(
            analysis.dataset, analysis.maps, analysis.clusters, column_fields=fields, salt=b"k"
        )

    fast, slow = _both(monkeypatch, run)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(fast, name), getattr(slow, name), check_exact=True)
    # The what-if's means on masked tables, too.
    red = redundant_events(analysis.dataset, analysis.maps, analysis.clusters, silos=analysis.silos)
    checks = fast.identity_members or None
    for _, removed in list(red.groupby("cluster", sort=True))[:3]:
        base = event_table(analysis.dataset, analysis.maps, analysis.clusters, fields)
        drop = _positions(analysis.dataset, removed)

        def lean(base: Events = base, drop: dict = drop) -> dict[str, float]:
            events = without_events(base, analysis.dataset, drop) or base
            return kpi_means(events, analysis.maps, analysis.clusters, identity_checks=checks)

        after_fast, after_slow = _both(monkeypatch, lean)
        assert after_fast == after_slow


def test_journeys_hand_their_event_table_to_the_what_if_once(analysis: procmine.Analysis) -> None:
    fields = column_fields(analysis.silos)
    args = (analysis.dataset, analysis.maps, analysis.clusters)
    result = journeys(*args, column_fields=fields, salt=b"k")
    assert base_events(result, *args[:2], analysis.clusters.copy(), fields) is None  # not these
    result = journeys(*args, column_fields=fields, salt=b"k")
    kept = base_events(result, *args, fields)
    rebuilt = event_table(*args, fields)
    assert kept is not None
    pd.testing.assert_frame_equal(kept.table, rebuilt.table)
    pd.testing.assert_frame_equal(kept.captures, rebuilt.captures)
    assert base_events(result, *args, fields) is None  # handed over once


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_segments_match_pandas_groupby(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 300
    key = rng.integers(0, 12, n)
    values = rng.integers(0, 50, n).astype("float64")
    valid = rng.random(n) < 0.4
    s = Segments(key)
    by = pd.Series(values).groupby(key)
    assert np.array_equal(s.shift(values), by.shift().to_numpy(), equal_nan=True)
    assert np.array_equal(s.cumsum(values.astype("int64")), by.cumsum().to_numpy())
    masked = pd.Series(np.where(valid, np.arange(n), np.nan))
    ffill = masked.groupby(key).ffill().fillna(-1).to_numpy()
    bfill = masked.groupby(key).bfill().fillna(-1).to_numpy()
    assert np.array_equal(s.last_valid(valid), ffill)
    assert np.array_equal(s.next_valid(valid), bfill)
    assert np.array_equal(s.spread(s.reduce(np.minimum, values)), by.transform("min").to_numpy())
