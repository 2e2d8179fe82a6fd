"""The vectorised paths written for speed (issue 7) give exactly what the plain ones gave.

Each test compares a fast function with the row-by-row code it replaced, on data that
covers the awkward cases (missing values, formula-like text, ties).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from procmine.io.loader import _sorted_events
from procmine.io.xes import read_xes
from procmine.journeys._journeys import _department_sets
from procmine.journeys._kpis import _most_common_route
from procmine.model import CASE, ROW, TIMESTAMP
from procmine.report import facts
from procmine.report.csvjson import csv_text, frame_csv


def _awkward_frame(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    texts = np.array(
        ["=SUM(A1)", "+81", "-3", "-x", "@home", "\tx", "市民課", "", "1e5", "'q"], dtype=object
    )
    text = pd.Series(texts[rng.integers(0, len(texts), n)], dtype="string")
    text[rng.random(n) < 0.2] = pd.NA
    floats = rng.normal(0, 1e6, n)
    floats[rng.random(n) < 0.2] = np.nan
    floats[rng.random(n) < 0.05] = np.inf
    floats[rng.random(n) < 0.05] = -0.0
    times = pd.Series(
        pd.to_datetime("2025-04-01") + pd.to_timedelta(rng.integers(0, 10**6, n), unit="s")
    )
    times[rng.random(n) < 0.2] = pd.NaT
    times[rng.random(n) < 0.2] = pd.Timestamp("2025-04-02")  # midnight: date only
    objects = [("a", "b"), None, ["=x", 2], {"k": 1}, 3.5, "-1", np.nan]
    return pd.DataFrame(
        {
            "int": rng.integers(-5, 5, n),
            "uint": rng.integers(0, 5, n).astype(np.uint8),
            "float": floats,
            "bool": rng.random(n) < 0.5,
            "text": text,
            "str": pd.Series(texts[rng.integers(0, len(texts), n)]).astype("str"),
            "time": times,
            "gap": pd.to_timedelta(rng.integers(0, 10**4, n), unit="s"),
            "nullable": pd.array(rng.integers(0, 9, n), dtype="Int64"),
            "category": pd.Categorical(texts[rng.integers(0, 3, n)]),
            "fraction": times + pd.to_timedelta(rng.integers(0, 3, n) * 250, unit="ms"),
            "never": pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]"),
            "texts": pd.Series(
                [[None, np.nan, "=x", "市民課", np.str_("-1")][k] for k in rng.integers(0, 5, n)],
                dtype=object,
            ),
            "tuples": pd.Series(
                [[("市民課", "税務課"), ("=a",), (), None][k] for k in rng.integers(0, 4, n)],
                dtype=object,
            ),
            "object": pd.Series(
                [objects[k] for k in rng.integers(0, len(objects), n)], dtype=object
            ),
        }
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_frame_csv_is_csv_text_of_records(seed):
    frame = _awkward_frame(300, seed)
    columns = [*frame.columns, "absent"]
    assert frame_csv(frame, columns) == csv_text(columns, facts.records(frame, columns))


def test_frame_csv_of_an_empty_or_missing_frame_is_the_header():
    assert frame_csv(None, ["a", "=b"]) == csv_text(["a", "=b"], [])
    assert frame_csv(pd.DataFrame({"a": []}), ["a"]) == "a\r\n"


def _old_route(s: pd.DataFrame) -> tuple[set, int]:
    """The route choice as typical_path made it before (one tuple per journey)."""
    routes = s.groupby("journey", sort=True).apply(
        lambda g: tuple(zip(g["visit_no"], g["department"], strict=True)), include_groups=False
    )
    counts = routes.value_counts()
    best, n = sorted(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
    return set(routes[routes == best].index), int(n)


@pytest.mark.parametrize("seed", range(6))
def test_most_common_route_matches_the_per_journey_tuples(seed):
    rng = np.random.default_rng(seed)
    rows = []
    for journey in rng.permutation(60) + 1:
        for stop in range(int(rng.integers(1, 4))):
            rows.append(
                (
                    int(journey),
                    int(rng.integers(1, 3)),
                    ["市民課", "税務課", "A課"][rng.integers(0, 3)],
                    stop,
                )
            )
    s = pd.DataFrame(rows, columns=["journey", "visit_no", "department", "stop"])
    s["department"] = s["department"].astype("string")
    s = s.sort_values(["journey", "stop"], kind="stable", ignore_index=True)
    members, n = _most_common_route(s)
    assert (set(members.tolist()), n) == _old_route(s)


@pytest.mark.parametrize("n", [0, 1, 7, 2000])
def test_sorted_events_is_the_stable_sort_by_case_time_and_row(n):
    rng = np.random.default_rng(n)
    cases = ["b", "a", "Ａ", "10", "9", "ア", "a b", "亜"]
    events = pd.DataFrame(
        {
            CASE: pd.array([*rng.choice(cases, n - n // 50), *[None] * (n // 50)], dtype="string"),
            TIMESTAMP: pd.to_datetime("2025-01-01")
            + pd.to_timedelta(rng.integers(0, 5, n), unit="h"),
            ROW: rng.integers(0, 3, n),
            "order": np.arange(n),
        },
        index=np.arange(n) + 7,
    )
    expected = events.sort_values([CASE, TIMESTAMP, ROW], kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(_sorted_events(events), expected)


@pytest.mark.parametrize("n", [0, 1, 9, 400])
def test_department_sets_are_the_sorted_distinct_departments(n):
    rng = np.random.default_rng(n)
    chosen = pd.DataFrame(
        {
            "journey": rng.integers(1, 30, n).astype(float),
            "department": pd.Series(
                rng.choice(["税務課", "市民課", "A", "b", "Ａ"], n), dtype=object
            ),
        }
    )
    expected = chosen.groupby("journey")["department"].agg(lambda d: " + ".join(sorted(set(d))))
    pd.testing.assert_series_equal(_department_sets(chosen), expected, check_dtype=n > 0)


ODD_XES = """<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <string key="log-level" value="x"/>
  <global scope="event"><string key="concept:name" value="default"/></global>
  <trace>
    <string key="concept:name" value="c1"/>
    <event>
      <string key="concept:name" value="受付"/>
      <date key="time:timestamp" value="2024-04-01T09:00:00"/>
      <list key="items"><values><string key="a" value="nested"/></values></list>
      <string key="meta" value="m"><string key="inner" value="hidden"/></string>
      <wrapper><string key="wrapped" value="w"/></wrapper>
    </event>
    <event>
      <string key="concept:name" value="交付"/>
      <date key="time:timestamp" value="2024-04-01T09:30:00"/>
      <string key="concept:name" value="交付2"/>
    </event>
    <string key="late" value="after events"/>
  </trace>
  <trace><string key="concept:name" value="empty"/></trace>
  <event>
    <string key="concept:name" value="loose"/>
    <date key="time:timestamp" value="2024-04-02T09:00:00"/>
  </event>
  <trace>
    <string key="concept:name" value="c2"/>
    <event><string key="concept:name" value="受付"/><date key="time:timestamp" value="2024-04-03T09:00:00"/></event>
  </trace>
</log>
"""


def test_xes_reader_keeps_the_attribute_rules_of_the_streaming_parser(tmp_path):
    """Nested values, wrapper elements, trace attributes after the events and events
    outside any trace are read as the element-by-element reader read them."""
    path = tmp_path / "odd.xes"
    path.write_text(ODD_XES, encoding="utf-8")
    frame = read_xes(path, fmt="xes").frame
    assert frame.astype(object).where(frame.notna(), None).to_dict(orient="list") == {
        "case:concept:name": ["c1", "c1", None, "c2"],
        "case:late": ["after events", "after events", None, None],
        "concept:name": ["受付", "交付2", "loose", "受付"],
        "time:timestamp": [
            "2024-04-01T09:00:00",
            "2024-04-01T09:30:00",
            "2024-04-02T09:00:00",
            "2024-04-03T09:00:00",
        ],
        "meta": ["m", None, None, None],
        "wrapped": ["w", None, None, None],
    }
