"""Lifecycle rows (a start row and a complete row per step) are one event each."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from procmine.io import load
from procmine.io.loader import describe_mapping

AUDIT = """受付No,所属CD,所属名,処理名,状態,記録日時,操作者,宛名コード,氏名,住所
F1,0110,住民課,本人確認,開始,2026/04/01 09:00:00,K01,00000001,,
F1,0110,住民課,本人確認,完了,2026/04/01 09:02:00,K01,00000001,山田 太郎,
F1,0110,住民課,異動届記入,開始,2026/04/01 09:03:00,K01,00000001,,
F1,0110,住民課,異動届記入,完了,2026/04/01 09:10:00,K01,00000001,山田 太郎,港町1-2-3
F1,0110,住民課,番号札発券,完了,2026/04/01 08:55:00,発券機,00000001,,
F2,0210,税務課,本人確認,開始,2026/04/01 10:00:00,Z01,00000002,,
F2,0210,税務課,本人確認,中断,2026/04/01 10:01:00,Z01,00000002,,
F2,0210,税務課,本人確認,完了,2026/04/01 10:04:00,Z01,00000002,佐藤 花子,
F2,0210,税務課,本人確認,開始,2026/04/01 11:00:00,Z01,00000002,,
"""


def test_start_and_complete_rows_are_one_event_with_both_times(tmp_path: Path) -> None:
    (tmp_path / "kikan.csv").write_text(AUDIT, encoding="utf-8")
    data = load([tmp_path])
    assert data.departments == ["住民課", "税務課"]  # the name column, not 所属CD
    events = data.logs["住民課"].events
    check = events[events["activity"] == "本人確認"].iloc[0]
    assert check["timestamp"] == pd.Timestamp("2026-04-01 09:00")
    assert check["end"] == pd.Timestamp("2026-04-01 09:02")
    assert check["氏名"] == "山田 太郎"  # recorded on the completion row
    form = events[events["activity"] == "異動届記入"].iloc[0]
    assert form["住所"] == "港町1-2-3"
    assert form["end"] - form["timestamp"] == pd.Timedelta(minutes=7)
    # a completion without a start (a system step) stays an event of its own
    ticket = events[events["activity"] == "番号札発券"]
    assert len(ticket) == 1 and pd.isna(ticket["end"].iloc[0])
    assert len(events) == 3
    tax = data.logs["税務課"].events
    # the second start has no completion: an event without an end; 中断 is not a step
    assert tax["end"].isna().tolist() == [False, True]
    assert "状態" not in data.logs["住民課"].data_columns
    assert "所属CD" in data.logs["住民課"].data_columns
    (acc,) = data.accounting
    assert acc.rows_read == 9 and acc.rows_loaded == 5
    assert acc.dropped == {"merged lifecycle row": 3, "other lifecycle transition": 1}
    assert acc.balanced
    line = describe_mapping(data)[0]
    assert "lifecycle=状態 [values]" in line
    assert "(3 merged lifecycle rows, 1 other lifecycle transition)" in line


def test_a_log_of_completions_only_is_left_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        "case,activity,timestamp,lifecycle:transition\n"
        "c1,A,2024-04-01 09:00,complete\nc1,B,2024-04-01 09:05,complete\n",
        encoding="utf-8",
    )
    data = load([tmp_path])
    events = data.logs["a"].events
    assert len(events) == 2 and events["end"].isna().all()
    assert data.accounting[0].dropped == {}


XES = """<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <trace>
    <string key="concept:name" value="w1"/>
    <event><string key="concept:name" value="使用開始申込受付"/>
      <date key="time:timestamp" value="2026-04-01T09:00:00+09:00"/>
      <string key="lifecycle:transition" value="start"/></event>
    <event><string key="concept:name" value="使用開始申込受付"/>
      <date key="time:timestamp" value="2026-04-01T09:06:00+09:00"/>
      <string key="lifecycle:transition" value="complete"/>
      <string key="使用者氏名" value="山田 太郎"/></event>
  </trace>
</log>
"""


def test_xes_lifecycle_transitions_are_paired(tmp_path: Path) -> None:
    (tmp_path / "suido.xes").write_text(XES, encoding="utf-8")
    events = load([tmp_path]).logs["suido"].events
    assert len(events) == 1
    assert events["end"].iloc[0] - events["timestamp"].iloc[0] == pd.Timedelta(minutes=6)
    assert events["使用者氏名"].iloc[0] == "山田 太郎"


def _events(tmp_path: Path, text: str) -> tuple[pd.DataFrame, dict[str, int]]:
    (tmp_path / "a.csv").write_text(text, encoding="utf-8")
    data = load([tmp_path])
    (log,) = data.logs.values()
    return log.events, data.accounting[0].dropped


def test_the_key_and_resource_written_only_on_the_completion_are_kept(tmp_path: Path) -> None:
    events, _ = _events(
        tmp_path,
        "受付番号,処理名,状態,記録日時,操作者,宛名番号\n"
        "F1,本人確認,開始,2026/04/01 09:00:00,,\n"
        "F1,本人確認,完了,2026/04/01 09:02:00,K01,00000001\n",
    )
    assert events[["resource", "person"]].to_numpy().tolist() == [["K01", "00000001"]]


def test_a_completion_written_before_its_start_at_the_same_time_is_paired(tmp_path: Path) -> None:
    # newest-first exports and date-only logs put both rows at one time
    events, dropped = _events(
        tmp_path,
        "受付番号,処理名,状態,記録日時\n"
        "F1,交付,完了,2026/04/01 09:10:00\nF1,交付,開始,2026/04/01 09:10:00\n",
    )
    assert len(events) == 1 and dropped == {"merged lifecycle row": 1}


def test_a_category_of_start_and_end_months_apart_is_data_not_a_lifecycle(
    tmp_path: Path,
) -> None:
    events, dropped = _events(
        tmp_path,
        "受付番号,処理内容,処理日時,振替区分,口座番号\n"
        "R1,口座振替申込受付,2024/04/01 09:00,開始,1234567\n"
        "R1,口座振替申込受付,2024/12/01 10:00,終了,7777777\n"
        "R2,口座振替申込受付,2024/05/01 09:00,開始,7654321\n",
    )
    assert len(events) == 3 and dropped == {}
    assert events["振替区分"].tolist() == ["開始", "終了", "開始"]


def test_a_repeated_completion_row_is_a_duplicate_not_a_step(tmp_path: Path) -> None:
    events, dropped = _events(
        tmp_path,
        "case,activity,timestamp,lifecycle,memo\n"
        "c1,A,2024-04-01 09:00,start,\n"
        "c1,A,2024-04-01 09:05,complete,x\nc1,A,2024-04-01 09:05,complete,x\n",
    )
    assert len(events) == 1
    assert dropped == {"merged lifecycle row": 1, "duplicate row": 1}


def test_many_open_starts_pair_first_in_first_out() -> None:
    from procmine.io.lifecycle import pair

    n = 4
    kinds = pd.Series(["start"] * n + ["complete"] * n)
    times = pd.Series(pd.date_range("2024-04-01 09:00", periods=2 * n, freq="min"))
    found = pair(kinds, pd.Series(["c"] * 2 * n), pd.Series(["A"] * 2 * n), times,
                 np.ones(2 * n, dtype=bool))  # fmt: skip
    assert found.starts.tolist() == [0, 1, 2, 3]
    assert found.completions.tolist() == [4, 5, 6, 7]
