"""The what-if's scenarios reuse the base table's marks and mark again only the residents'
days that change (``procmine/journeys/_reuse.py``): the same means as marking the whole
scenario table (issue 7)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import procmine
from procmine.discover import discover_all
from procmine.fields import column_fields
from procmine.journeys import (
    base_events,
    journeys,
    kpi_means,
    kpi_means_without,
    reuses_marks,
)
from procmine.journeys._events import Events, PackedEvents, event_table, pack
from procmine.model import Dataset
from procmine.whatif import what_if
from tests.conftest import analyse_tiny_city
from tests.test_speed_journeys import _random_dataset


def _full(base: PackedEvents, idx: np.ndarray, maps: dict, checks: tuple) -> dict[str, float]:
    """:func:`kpi_means` on the whole table of the rows ``idx``."""
    table, captures = base.rows(idx)
    events = Events(table, captures, base.keys, base.attributes)
    return kpi_means(events, maps, pd.DataFrame(), identity_checks=checks)


def _removals(base: PackedEvents, rng: np.random.Generator) -> list[np.ndarray]:
    """Rows kept after removing: a few rows, many rows, the first rows of cases (their
    starts move), a resident's whole days, every step of a file but the staff's (it turns
    silent) and nothing at all."""
    n = base.n
    ckey, who = base.column("ckey").astype("int64"), base.column("who").astype("int64")
    performer = base.table["performer"].to_numpy(dtype=object)
    firsts = np.flatnonzero(np.r_[True, ckey[1:] != ckey[:-1]])
    speaking = (performer == "system") | (performer == "resident")
    fkey = base.column("fkey").astype("int64")
    file_ = fkey[np.flatnonzero(speaking)[0]]
    drops = [
        rng.random(n) < 0.02,
        rng.random(n) < 0.3,
        np.isin(np.arange(n), rng.choice(firsts, size=max(1, len(firsts) // 4), replace=False)),
        np.isin(who, rng.choice(np.unique(who), size=3, replace=False)) & (rng.random(n) < 0.7),
        (fkey == file_) & speaking,
        np.zeros(n, dtype=bool),
    ]
    return [np.flatnonzero(~drop) for drop in drops]


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5])
def test_reused_marks_give_the_means_of_the_whole_table(seed: int) -> None:
    ds = _random_dataset(seed, ticket_words=True)
    maps = discover_all(ds.logs)
    checks = (("A", "本人確認"),)
    base = pack(event_table(ds, maps, pd.DataFrame(), None))
    window = 30.0 if seed % 2 else 2.0  # a short window: chains of many journeys
    rng = np.random.default_rng(seed)
    for idx in _removals(base, rng):
        got = kpi_means_without(base, idx, identity_checks=checks, journey_window_days=window)
        table, captures = base.rows(idx)
        events = Events(table, captures, base.keys, base.attributes)
        want = kpi_means(
            events, maps, pd.DataFrame(), identity_checks=checks, journey_window_days=window
        )
        assert got is not None
        assert got == want  # exactly: the bytes of whatif.csv
        assert "minutes_on_site_per_visit" in got


def test_the_journeys_marks_are_the_ones_computed_again() -> None:
    ds = _random_dataset(7, ticket_words=True)
    maps = discover_all(ds.logs)
    checks = (("A", "本人確認"),)
    clusters = pd.DataFrame()
    result = journeys(ds, maps, clusters, identity_checks=checks, salt=b"s")
    handed = base_events(result, ds, maps, clusters, None)
    assert handed is not None and handed.marks  # the journeys kept their marks
    assert reuses_marks(handed, checks) and not reuses_marks(handed, None)
    assert not reuses_marks(pack(event_table(ds, maps, clusters, None)), checks)  # none kept
    fresh = pack(event_table(ds, maps, pd.DataFrame(), None))
    idx = np.flatnonzero(np.random.default_rng(7).random(fresh.n) > 0.1)
    got = kpi_means_without(handed, idx, identity_checks=checks)
    assert got == kpi_means_without(fresh, idx, identity_checks=checks)
    assert got == _full(fresh, idx, maps, checks)


def test_no_reuse_without_named_tickets_or_checks() -> None:
    ds: Dataset = _random_dataset(1, ticket_words=False)
    maps = discover_all(ds.logs)
    base = pack(event_table(ds, maps, pd.DataFrame(), None))
    idx = np.arange(1, base.n)
    assert kpi_means_without(base, idx, identity_checks=(("A", "本人確認"),)) is None
    assert kpi_means_without(base, idx, identity_checks=()) is None
    clusters = pd.DataFrame()
    result = journeys(ds, maps, clusters, identity_checks=(("A", "本人確認"),), salt=b"s")
    handed = base_events(result, ds, maps, clusters, None)
    assert handed is not None and not reuses_marks(handed, (("A", "本人確認"),))


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> procmine.Analysis:
    return analyse_tiny_city(tmp_path_factory, "reuse", 5, salt="k")


def test_what_if_figures_do_not_depend_on_the_reuse(
    monkeypatch: pytest.MonkeyPatch, analysis: procmine.Analysis
) -> None:
    import procmine.journeys as pj

    fields = column_fields(analysis.silos)
    analysis.journeys = journeys(
        analysis.dataset, analysis.maps, analysis.clusters, column_fields=fields, salt=b"k"
    )
    reuse = pj.kpi_means_without
    reused_means: list[dict] = []

    def counted(*args: object, **kwargs: object) -> dict | None:
        means = reuse(*args, **kwargs)  # type: ignore[arg-type]
        if means is not None:
            reused_means.append(means)
        return means

    with monkeypatch.context() as m:
        m.setattr(pj, "kpi_means_without", counted)
        reused = what_if(analysis, top=3)
    assert reused_means  # the scenarios reused the marks
    assert len(reused) and reused["after"].ne(reused["before"]).any()
    with monkeypatch.context() as m:
        m.setattr(pj, "kpi_means_without", lambda *a, **k: None)
        whole = what_if(analysis, top=3)
    pd.testing.assert_frame_equal(reused, whole, check_exact=True)


@pytest.mark.parametrize(("n", "codes"), [(1000, 50), (40, 1000), (5000, 4000), (0, 1)])
def test_first_seen_equals_unique_with_index(n: int, codes: int) -> None:
    from procmine.journeys._segments import first_seen

    values = np.random.default_rng(n).integers(0, codes, n)
    got, want = first_seen(values), np.unique(values, return_index=True)
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
    assert got[0].dtype == want[0].dtype


@pytest.mark.parametrize("spread", [False, True])
def test_distinct_keys_per_group_equal_unique_pairs(spread: bool) -> None:
    from procmine.journeys._tables import _distinct_per_group

    rng = np.random.default_rng(int(spread))
    key = rng.integers(0, 300, 2000)
    # one group per key (cases in their journeys), or keys spread over groups
    gid = rng.integers(0, 40, 2000) if spread else key % 37
    pairs = np.unique(gid * 300 + key)
    want = np.bincount(pairs // 300, minlength=45)
    assert np.array_equal(_distinct_per_group(gid, key, 45), want)


def test_kpi_table_per_group_equals_the_pandas_groupby() -> None:
    from procmine.journeys import KPIS
    from procmine.journeys._kpis import kpi_table

    rng = np.random.default_rng(9)

    def column(n: int) -> np.ndarray:
        values = rng.gamma(2.0, 7.0, n).round(rng.integers(0, 3))
        values[rng.random(n) < 0.15] = np.nan  # KPIs without a value for some rows
        return values

    n = 400
    types = np.array(["転入", "出生", "死亡", None], dtype=object)[rng.integers(0, 4, n)]
    journeys_ = pd.DataFrame({"journey": np.arange(n), "journey_type": types})
    visits = pd.DataFrame({"visit": np.arange(900), "journey": rng.integers(-20, n, 900)})
    visits["journey"] = visits["journey"].where(visits["journey"] >= 0)  # off any journey
    for _, _, table, name in KPIS:
        frame = journeys_ if table == "journeys" else visits
        frame[name] = column(len(frame))
    got = kpi_table(visits, journeys_)
    group = {"journeys": journeys_["journey_type"]}
    group["visits"] = visits["journey"].map(journeys_.set_index("journey")["journey_type"])
    for _, kpi, table, name in KPIS:
        frame = journeys_ if table == "journeys" else visits
        for label, part in frame[name].groupby(group[table], sort=True):
            values = part.dropna()
            if not len(values):
                continue
            row = got[(got["kpi"] == kpi) & (got["journey_type"] == label)].iloc[0]
            assert row["n"] == len(values)
            assert row["mean"] == values.mean() and row["median"] == values.median()
            assert row["p25"] == values.quantile(0.25) and row["p75"] == values.quantile(0.75)


@pytest.mark.parametrize(
    "kind", ["wide", "narrow", "nearly sorted", "negative", "huge", "small", "unsigned"]
)
def test_stable_order_equals_the_stable_argsort(kind: str) -> None:
    from procmine.journeys._segments import stable_order

    rng = np.random.default_rng(len(kind))
    n = 50_000
    key = {
        "wide": rng.integers(0, 3_000_000, n),
        "narrow": rng.integers(0, 900, n),  # many ties: stability shows
        "nearly sorted": np.sort(rng.integers(0, 200_000, n)),
        "negative": rng.integers(-5, 70_000, n),
        "huge": rng.integers(0, 2**40, n),
        "small": rng.integers(0, 100_000, 300),
        "unsigned": rng.integers(0, 2**31, n).astype("uint32"),
    }[kind]
    if kind == "nearly sorted":
        key[::997] = 0
    assert np.array_equal(stable_order(key), np.argsort(key, kind="stable"))
