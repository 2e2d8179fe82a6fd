"""Shared fixtures: small event logs built in code."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd
import pytest

from procmine.model import Dataset, EventLog, ProcessMap, RowAccounting

if TYPE_CHECKING:
    from procmine.analysis import Analysis


def make_log(department: str, rows: list[tuple], data_columns: tuple[str, ...] = ()) -> EventLog:
    """rows: (case, activity, 'YYYY-MM-DD HH:MM', resource, person, *data values)."""
    frame = pd.DataFrame(
        [r[:5] for r in rows], columns=["case", "activity", "timestamp", "resource", "person"]
    )
    frame["timestamp"] = pd.to_datetime(frame["timestamp"])
    frame["end"] = pd.NaT
    frame["department"] = department
    frame["source"] = f"{department}.csv"
    frame["row"] = range(2, len(frame) + 2)
    for i, col in enumerate(data_columns):
        frame[col] = pd.array([r[5 + i] if len(r) > 5 + i else None for r in rows], dtype="string")
    frame = frame.sort_values(["case", "timestamp", "row"], ignore_index=True)
    return EventLog(department, frame, data_columns, (f"{department}.csv",))


def chain_models(*chains: list[str]) -> dict[str, nx.DiGraph]:
    """One straight-line process model per chain of labels, departments A, B, …"""
    out = {}
    for k, labels in enumerate(chains):
        g = nx.DiGraph()
        ids = [f"{k}-{n}" for n in range(len(labels))]
        for node, label in zip(ids, labels, strict=True):
            g.add_node(node, label=label)
        g.add_edges_from(itertools.pairwise(ids))
        out[chr(ord("A") + k)] = g
    return out


def line_map(dept: str, steps: list[tuple[str, dict[str, object], tuple[str, ...]]]) -> ProcessMap:
    """A straight-line process map of ``steps`` — (label, node attributes, data columns) —
    whose nodes carry discovery's statistics (20 events each, done by staff unless the
    attributes say otherwise)."""
    g = nx.DiGraph()
    for k, (label, attrs, fields) in enumerate(steps):
        node = {
            "events": 20,
            "cases": 20,
            "performer": "staff",
            "fields": fields,
            "start": 20 if k == 0 else 0,
            "end": 20 if k == len(steps) - 1 else 0,
        }
        g.add_node(label, **(node | attrs))
    for (a, *_), (b, *_) in itertools.pairwise(steps):
        g.add_edge(a, b, count=20)
    return ProcessMap(dept, g, pd.DataFrame(), pd.DataFrame(), 20, 20 * len(steps))


def analyse_tiny_city(
    tmp_path_factory: pytest.TempPathFactory, name: str, seed: int, **options: object
) -> Analysis:
    """:func:`procmine.analyze` (without what-if unless ``options`` say so) of a tiny sample
    city generated with ``seed`` in a fresh folder ``name``."""
    import procmine
    from procmine.samples import generate

    city = tmp_path_factory.mktemp(name)
    generate(city, size="tiny", seed=seed)
    return procmine.analyze(city, **({"whatif_top": 0} | options))  # type: ignore[arg-type]


def make_dataset(*logs: EventLog) -> Dataset:
    return Dataset(
        logs={log.department: log for log in logs},
        mappings=[],
        accounting=[
            RowAccounting(f"{log.department}.csv", len(log.events), len(log.events)) for log in logs
        ],
    )


@pytest.fixture
def two_departments() -> Dataset:
    """Two counters that both check identity of the same residents on the same day."""
    a = make_log(
        "市民課",
        [
            ("A1", "番号札発券", "2026-04-01 09:00", "SYSTEM", "P1"),
            (
                "A1",
                "住民異動届記入",
                "2026-04-01 09:10",
                "RESIDENT",
                "P1",
                "光陽太郎",
                "光陽市本町1-2-3",
            ),
            ("A1", "本人確認", "2026-04-01 09:20", "S-01", "P1"),
            ("A1", "異動入力", "2026-04-01 09:24", "S-02", "P1"),
            ("A2", "番号札発券", "2026-04-02 10:00", "SYSTEM", "P2"),
            (
                "A2",
                "住民異動届記入",
                "2026-04-02 10:05",
                "RESIDENT",
                "P2",
                "光陽花子",
                "光陽市本町2-3-4",
            ),
            ("A2", "本人確認", "2026-04-02 10:15", "S-01", "P2"),
            ("A2", "異動入力", "2026-04-02 10:19", "S-02", "P2"),
        ],
        ("氏名", "住所"),
    )
    b = make_log(
        "保険年金課",
        [
            ("B1", "番号札発券", "2026-04-01 10:00", "SYSTEM", "P1"),
            (
                "B1",
                "国保届記入",
                "2026-04-01 10:10",
                "RESIDENT",
                "P1",
                "光陽太郎",
                "光陽市本町1-2-3",
            ),
            ("B1", "窓口での本人確認", "2026-04-01 10:20", "H-01", "P1"),
            ("B1", "資格入力", "2026-04-01 10:26", "H-02", "P1"),
            ("B2", "番号札発券", "2026-04-02 11:00", "SYSTEM", "P2"),
            (
                "B2",
                "国保届記入",
                "2026-04-02 11:08",
                "RESIDENT",
                "P2",
                "光陽花子",
                "光陽市本町2-3-4",
            ),
            ("B2", "窓口での本人確認", "2026-04-02 11:16", "H-01", "P2"),
            ("B2", "資格入力", "2026-04-02 11:20", "H-02", "P2"),
        ],
        ("被保険者氏名", "現住所"),
    )
    return make_dataset(a, b)
