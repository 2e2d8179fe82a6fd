"""What-if masks the journeys' event table instead of rebuilding it: same table, same means."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import procmine
from procmine.candidates import redundant_events
from procmine.fields import column_fields
from procmine.journeys import journeys, kpi_means
from procmine.journeys._events import event_table, without_events
from procmine.model import Dataset, EventLog
from procmine.whatif import WHATIF_KPIS, _means, _positions, _without
from tests.conftest import analyse_tiny_city


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> procmine.Analysis:
    return analyse_tiny_city(tmp_path_factory, "masked", 4)


def _dense(table: pd.DataFrame) -> pd.DataFrame:
    """Integer keys as dense ranks (masking leaves gaps where rebuilding renumbers)."""
    return table.assign(
        **{c: pd.factorize(table[c], sort=True)[0] for c in ("who", "ckey", "fkey")}
    )


def _removals(analysis: procmine.Analysis) -> list[pd.DataFrame]:
    red = redundant_events(analysis.dataset, analysis.maps, analysis.clusters, silos=analysis.silos)
    parts = [part for _, part in red.groupby("cluster", sort=True)]
    if not parts:
        pytest.skip("no redundant events in this city")
    return parts


def test_masked_table_equals_the_rebuilt_one(analysis: procmine.Analysis) -> None:
    fields = column_fields(analysis.silos)
    base = event_table(analysis.dataset, analysis.maps, analysis.clusters, fields)
    masked_any = False
    for removed in _removals(analysis):
        masked = without_events(base, analysis.dataset, _positions(analysis.dataset, removed))
        rebuilt = event_table(
            _without(analysis.dataset, removed), analysis.maps, analysis.clusters, fields
        )
        if masked is None:
            continue
        masked_any = True
        assert len(masked.table) == len(base.table) - len(removed)
        pd.testing.assert_frame_equal(_dense(masked.table), _dense(rebuilt.table))
        order = ["eid", "field"]
        pd.testing.assert_frame_equal(
            masked.captures.sort_values(order, ignore_index=True),
            rebuilt.captures.sort_values(order, ignore_index=True),
        )
        assert (masked.keys[masked.table["who"]] == rebuilt.keys[rebuilt.table["who"]]).all()
        assert masked.attributes == rebuilt.attributes
    assert masked_any


def test_lean_means_equal_the_full_journeys_run(analysis: procmine.Analysis) -> None:
    fields = column_fields(analysis.silos)
    checks = analysis.journeys.identity_members or None
    base = event_table(analysis.dataset, analysis.maps, analysis.clusters, fields)
    removed = _removals(analysis)[0]
    events = without_events(base, analysis.dataset, _positions(analysis.dataset, removed))
    assert events is not None
    lean = kpi_means(events, analysis.maps, analysis.clusters, identity_checks=checks)
    full = _means(
        journeys(
            _without(analysis.dataset, removed),
            analysis.maps,
            analysis.clusters,
            column_fields=fields,
            identity_checks=checks,
            salt=b"test",
        )
    )
    assert lean.pop("staff_minutes") / 60.0 == full["staff_hours_per_journey"]
    for kpi in WHATIF_KPIS[:-1]:
        assert lean.get(kpi) == full.get(kpi), kpi  # exactly: the bytes of whatif.csv


def _log(dept: str, rows: list[tuple[str, str, str, str, str | None]]) -> EventLog:
    ev = pd.DataFrame(rows, columns=["case", "activity", "timestamp", "resource", "person"])
    ev["timestamp"] = pd.to_datetime(ev["timestamp"])
    return EventLog(dept, ev.assign(department=dept), (), (dept,))


def test_a_case_whose_first_person_changes_is_rebuilt() -> None:
    rows = [
        ("1", "ticket", "2026-04-01 09:00", "SYSTEM", "P9"),  # the case's first person key
        ("1", "serve", "2026-04-01 09:20", "A-01", "P1"),
        ("2", "serve", "2026-04-01 09:30", "A-01", "P1"),
    ]
    ds = Dataset({"A": _log("A", rows)}, [], [])
    base = event_table(ds, {}, pd.DataFrame(), None)
    assert without_events(base, ds, {"A": np.array([0])}) is None
    kept = without_events(base, ds, {"A": np.array([2])})
    assert kept is not None and kept.table["activity"].tolist() == ["ticket", "serve"]


def test_cases_whose_first_rows_change_order_are_rebuilt() -> None:
    rows = [
        ("1", "a", "2026-04-01 09:00", "A-01", "P1"),  # case 1 first at row 0 …
        ("2", "a", "2026-04-01 09:10", "A-01", "P1"),
        ("1", "b", "2026-04-01 09:10", "A-01", "P1"),  # … after its removal, at row 2
    ]
    ds = Dataset({"A": _log("A", rows)}, [], [])
    base = event_table(ds, {}, pd.DataFrame(), None)
    assert without_events(base, ds, {"A": np.array([0])}) is None


def test_visit_windows_match_merge_asof() -> None:
    from procmine.journeys._visits import _in_windows

    rng = np.random.default_rng(3)
    who = np.sort(rng.integers(0, 40, 600))
    ts = pd.to_datetime("2026-04-01") + pd.to_timedelta(rng.integers(0, 3000, 600), unit="min")
    ev = pd.DataFrame({"who": who, "ts": ts}).sort_values(["who", "ts"], ignore_index=True)
    rows = []
    for w, part in ev.groupby("who"):
        starts = np.unique(part["ts"].sample(frac=0.3, random_state=int(w)).to_numpy())
        rows += [(int(w), s, s + pd.Timedelta(minutes=int(rng.integers(0, 300)))) for s in starts]
    windows = pd.DataFrame(rows, columns=["who", "start", "stop"]).sort_values(["who", "start"])
    windows.index = pd.RangeIndex(1, len(windows) + 1, name="seq")
    left = ev[["who", "ts"]].assign(idx=ev.index).sort_values("ts", kind="stable")
    right = windows.reset_index().sort_values("start", kind="stable")
    hit = pd.merge_asof(left, right, left_on="ts", right_on="start", by="who", direction="backward")
    expected = pd.Series(
        hit["seq"].where(hit["ts"].le(hit["stop"])).to_numpy(), index=hit["idx"].to_numpy()
    ).reindex(ev.index)
    got = _in_windows(ev, windows)
    assert got.notna().sum() > 100
    pd.testing.assert_series_equal(got, expected, check_names=False)
