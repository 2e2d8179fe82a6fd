"""Loader review fixes: times of day, mapping wording, plurals, the joined-lines check."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from procmine.io import load
from procmine.io.columns import pair_times_of_day
from procmine.io.delimited import _joined_records
from procmine.io.loader import describe_mapping
from procmine.io.messages import counted, split_how, with_time_of_day
from procmine.report.i18n import STRINGS
from procmine.report.sections.overview import appendix_section, how_text
from procmine.report.xlsx import build_sheets
from tests.test_report import make_analysis


@pytest.mark.parametrize(
    ("dates", "times", "expected"),
    [
        ({"timestamp": "処理日"}, ["処理時刻"], {"timestamp": "処理時刻"}),
        ({"timestamp": "開始日"}, ["開始時刻"], {"timestamp": "開始時刻"}),
        ({"timestamp": "Date"}, ["Time"], {"timestamp": "Time"}),
        ({"timestamp": "Start date"}, ["Start time"], {"timestamp": "Start time"}),
        ({"timestamp": "処理日"}, ["時刻"], {"timestamp": "時刻"}),
        ({"timestamp": "日付"}, ["作業時間"], {}),
        ({"timestamp": "処理日"}, ["処理時間"], {}),
        ({"timestamp": "受付日"}, ["予約時刻"], {}),
        ({"timestamp": "処理日"}, ["受付時刻"], {}),
        ({"timestamp": "開始日"}, ["終了時刻"], {}),
        ({"timestamp": "日付"}, ["予定時刻"], {}),
        (
            {"timestamp": "日付", "end": "終了日"},
            ["時刻", "終了時刻"],
            {"timestamp": "時刻", "end": "終了時刻"},
        ),
        ({"timestamp": "日付", "end": "date"}, ["時刻"], {}),  # two date columns, one stem
    ],
)
def test_a_time_of_day_pairs_only_with_header_evidence(dates, times, expected) -> None:
    assert pair_times_of_day(dates, times) == expected


def test_durations_and_other_events_times_are_not_combined(tmp_path: Path) -> None:
    for header in ("作業時間", "処理時間", "対応時間", "予約時刻"):
        folder = tmp_path / f"f{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        (folder / "a.csv").write_text(
            f"受付番号,処理内容,処理日,{header}\nC1,受付,2024/04/01,0:45\n"
            "C1,交付,2024/04/02,1:30\n",
            encoding="utf-8",
        )
        data = load([folder])
        stamps = [str(t) for t in data.logs["a"].events.sort_values("row")["timestamp"]]
        assert stamps == ["2024-04-01 00:00:00", "2024-04-02 00:00:00"], header
        assert "time of day" not in data.mappings[0].how["timestamp"], header


def test_handling_time_is_not_the_time_since_midnight(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        "受付番号,処理内容,処理日,処理時刻,終了日,終了時分\n"
        "C1,受付,2024/04/01,9:00,2024/04/01,9:20\n",
        encoding="utf-8",
    )
    events = load([tmp_path]).logs["a"].events
    assert (events["end"] - events["timestamp"]).tolist() == [pd.Timedelta(minutes=20)]


def test_a_time_of_day_in_the_timestamp_is_not_a_data_column(tmp_path: Path) -> None:
    # it is the event's time, not data the step records about a resident
    (tmp_path / "a.csv").write_text(
        "受付番号,処理内容,処理日,処理時刻,氏名\nC1,受付,2024/04/01,9:00,山田 太郎\n",
        encoding="utf-8",
    )
    log = load([tmp_path]).logs["a"]
    assert log.data_columns == ("氏名",)
    assert "処理時刻" not in log.events.columns


def test_a_time_of_day_column_is_never_the_activity(tmp_path: Path) -> None:
    """処理時刻 (digits: 1010) beside 処理日 says when a step was done: it is not the activity
    though its header contains 処理; the steps are found by their values (処理区分)."""
    rows = [
        f"{70001 + k},{'開栓申込受付' if k % 2 else '閉栓作業'},2025/04/0{1 + k % 3},{1010 + k},田村"
        for k in range(12)
    ]
    (tmp_path / "suido.csv").write_text(
        "受付番号,処理区分,処理日,処理時刻,担当者\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    data = load([tmp_path])
    roles = data.mappings[0].roles
    assert roles["activity"] == "処理区分" and roles["timestamp"] == "処理日"
    events = data.logs["suido"].events
    assert events["timestamp"].iloc[0] == pd.Timestamp("2025-04-01 10:10")


def test_unix_times_are_read_in_japan_time_with_a_warning(tmp_path: Path) -> None:
    """A cloud system's Parquet with start and end as milliseconds since 1970 (int64) and
    its resident as subject_no: read, not refused; the times in Japan time, as offsets are."""
    start = 1743479778000  # 2025-04-01 03:56:18 UTC
    frame = pd.DataFrame(
        {
            "applicationId": ["A1", "A1", "A2"],
            "subject_no": ["0001", "0001", "0002"],
            "taskName": ["受付", "審査", "受付"],
            "startedAt": pd.array([start, start + 600_000, start + 60_000], dtype="Int64"),
            "endedAt": pd.array([start + 120_000, start + 900_000, None], dtype="Int64"),
        }
    )
    frame.to_parquet(tmp_path / "zeimu.parquet")
    data = load([tmp_path])
    events = data.logs["zeimu"].events
    assert str(events["timestamp"].iloc[0]) == "2025-04-01 12:56:18"
    assert events["end"].iloc[0] - events["timestamp"].iloc[0] == pd.Timedelta(minutes=2)
    assert data.mappings[0].roles["person"] == "subject_no"
    assert [w.code for w in data.warnings if "Unix" in w] == ["unix_times", "unix_times"]


def test_the_time_column_is_kept_apart_in_the_mapping_and_said_in_each_language() -> None:
    how = with_time_of_day("header", "処理時刻")
    assert split_how(how) == ("header", "処理時刻")
    assert how_text(STRINGS["ja"], how) == "列名から判定（時刻は「処理時刻」から）"
    assert how_text(STRINGS["en"], how) == "header name; time of day from 処理時刻"
    analysis = make_analysis()
    first = analysis.dataset.mappings[0]
    analysis.dataset.mappings[0] = replace(first, how={**first.how, "timestamp": how})
    appendix = repr(appendix_section(analysis, STRINGS["ja"]))
    assert "列名から判定（時刻は「処理時刻」から）" in appendix
    assert "time of day" not in appendix
    sheet = next(s for s in build_sheets(analysis) if s.name == "xl_sheet_mapping")
    hows = [row["how"] for row in sheet.rows]
    assert "列名から判定（時刻は「処理時刻」から）" in hows
    assert not any("time of day" in str(h) for h in hows)


def test_counts_in_the_mapping_line_are_singular_or_plural(tmp_path: Path) -> None:
    assert counted(1, "duplicate row") == "1 duplicate row"
    assert counted(3, "duplicate row") == "3 duplicate rows"
    rows = ["C1,受付,2024-04-01 09:00", "C1,交付,2024-04-01 10:00"]
    for n in (1, 3):
        folder = tmp_path / str(n)
        folder.mkdir()
        text = "\n".join(["受付番号,処理内容,処理日時", *rows, *[rows[1]] * n]) + "\n"
        (folder / "a.csv").write_text(text, encoding="utf-8")
        line = describe_mapping(load([folder]))[0]
        assert line.endswith(f"({n} duplicate row{'s' if n > 1 else ''})"), line


def test_the_joined_lines_check_still_finds_records_that_span_lines() -> None:
    """It returns early when each record is one line (a speed-up, measured, not tested)."""
    frame = pd.DataFrame({"a": ["1", "x\n1,2,3"], "b": ["2", "y"], "c": ["3", "z"]})
    assert _joined_records(frame, ",", np.array([2, 3])) == [(1, 1, 1)]  # last record spans
    joined = pd.DataFrame({"a": ["x\n1,2,3", "1"], "b": ["y", "2"], "c": ["z", "3"]})
    assert _joined_records(joined, ",", np.array([2, 4])) == [(0, 1, 1)]


def test_a_register_kept_per_resident_may_use_its_resident_key_as_the_case(tmp_path: Path) -> None:
    """--case and --person may name one column (a case per resident); other roles may not."""
    (tmp_path / "a.csv").write_text(
        "宛名番号,処理内容,処理日時\nP1,受付,2025/04/01 09:00\nP1,交付,2025/04/01 09:30\n"
        "P2,受付,2025/04/02 10:00\n",
        encoding="utf-8",
    )
    from procmine.model import CASE, PERSON

    events = load([tmp_path], case="宛名番号", person="宛名番号").logs["a"].events
    assert events[PERSON].astype(str).tolist() == events[CASE].astype(str).tolist()
    assert events[PERSON].astype(str).tolist() == ["P1", "P1", "P2"]


def test_a_department_is_named_by_its_name_column_not_its_code(tmp_path: Path) -> None:
    # both headers contain 担当部署: the report names departments, not their codes
    (tmp_path / "a.csv").write_text(
        "受付番号,処理内容,処理日時,担当部署CD,担当部署名\n"
        "C1,受付,2024/04/01 09:00,0110,住民課\nC2,受付,2024/04/01 10:00,0210,税務課\n",
        encoding="utf-8",
    )
    data = load([tmp_path])
    assert data.departments == ["住民課", "税務課"]
    assert data.mappings[0].roles["department"] == "担当部署名"


def test_start_and_end_named_by_bare_words_and_the_clerk_as_taiousha(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        "整理番号,事務内容,開始,終了,対応者\nC1,受付,2025/04/01 09:05,2025/04/01 09:10,K1\n",
        encoding="utf-8",
    )
    roles = load([tmp_path]).mappings[0].roles
    assert (roles["timestamp"], roles["end"], roles["resource"]) == ("開始", "終了", "対応者")
    # 開始時刻 holding full timestamps is the start; beside a date column it is its time
    (tmp_path / "a.csv").write_text(
        "受付番号,手続名,開始日,開始時刻,終了時刻\nC1,受付,2025/04/01,9:05,9:10\n",
        encoding="utf-8",
    )
    log = load([tmp_path]).logs["a"]
    assert log.events["timestamp"].iloc[0] == pd.Timestamp("2025-04-01 09:05")


def test_bare_start_and_end_headers_holding_flags_or_dates_only_are_data(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        "受付番号,手続名,日付,開始,終了\nC1,受付,2025/04/01 09:05,済,2025/04/01\n"
        "C2,受付,2025/04/02 10:05,未,2025/04/02\n",
        encoding="utf-8",
    )
    data = load([tmp_path])
    assert data.mappings[0].roles["timestamp"] == "日付"
    assert "end" not in data.mappings[0].roles
    assert set(data.logs["a"].data_columns) == {"開始", "終了"}
