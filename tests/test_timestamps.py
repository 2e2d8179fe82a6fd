"""procmine.io.timestamps: every accepted format, the rejects, time zones and speed."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from procmine.errors import ColumnError
from procmine.io.timestamps import parse_date, parse_timestamps

T = pd.Timestamp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ISO 8601
        ("2024-04-01T09:30:15", T("2024-04-01 09:30:15")),
        ("2024-04-01T09:30", T("2024-04-01 09:30")),
        ("2024-04-01 09:30", T("2024-04-01 09:30")),
        ("2024-04-01T09:30:15.250", T("2024-04-01 09:30:15.250")),
        ("2024-04-01T09:30:15.123456789", T("2024-04-01 09:30:15.123456789")),
        ("2024-04-01", T("2024-04-01")),
        # offsets → Japan time, naive
        ("2024-04-01T09:30:00+09:00", T("2024-04-01 09:30")),
        ("2024-04-01T00:30:00Z", T("2024-04-01 09:30")),
        ("2024-04-01T00:30:00.000+00:00", T("2024-04-01 09:30")),
        ("2024-04-01T09:30:00+0900", T("2024-04-01 09:30")),
        ("2024-03-31T20:30:00-04:00", T("2024-04-01 09:30")),
        # slashes and dots
        ("2024/04/01 09:30:15", T("2024-04-01 09:30:15")),
        ("2024/04/01 09:30", T("2024-04-01 09:30")),
        ("2024/4/1 9:30", T("2024-04-01 09:30")),
        ("2024/04/01", T("2024-04-01")),
        ("2024.4.1 9:30", T("2024-04-01 09:30")),
        ("2024-4-1 9:05", T("2024-04-01 09:05")),
        # Japanese
        ("2024年4月1日", T("2024-04-01")),
        ("2024年4月1日 9時30分", T("2024-04-01 09:30")),
        ("2024年04月01日09時30分15秒", T("2024-04-01 09:30:15")),
        ("2024年4月1日(月) 9時30分", T("2024-04-01 09:30")),
        ("2024年4月1日 午後3時5分", T("2024-04-01 15:05")),
        ("2024年4月1日 午前12時5分", T("2024-04-01 00:05")),
        # era dates (和暦)
        ("令和8年4月1日 9時30分", T("2026-04-01 09:30")),
        ("令和元年5月1日", T("2019-05-01")),
        ("R8.4.1 9:30", T("2026-04-01 09:30")),
        ("r8.4.1", T("2026-04-01")),
        ("R08/04/01", T("2026-04-01")),
        ("H31.4.30", T("2019-04-30")),
        ("平成31年4月30日", T("2019-04-30")),
        ("平成元年1月8日", T("1989-01-08")),
        ("昭和55年3月2日", T("1980-03-02")),
        ("S55.3.2", T("1980-03-02")),
        ("大正15年12月24日", T("1926-12-24")),
        ("T15.12.24", T("1926-12-24")),
        ("明治45年7月29日", T("1912-07-29")),
        # full-width digits and separators (NFKC)
        ("２０２４／０４／０１　０９：３０", T("2024-04-01 09:30")),
        ("令和８年４月１日　９時３０分", T("2026-04-01 09:30")),
        ("Ｒ８．４．１", T("2026-04-01")),
        ("  2024-04-01 09:30  ", T("2024-04-01 09:30")),
    ],
)
def test_accepted_formats(text: str, expected: pd.Timestamp) -> None:
    assert parse_timestamps(pd.Series([text])).iloc[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "24/4/1",  # two-digit year without era: ambiguous
        "2024/13/01",
        "2024/02/30",
        "2024-04-01 25:00",
        "2024年4月1日 午後13時",
        "R8.4",
        "12345",
        "2024",
        "2024-04",
        "X8.4.1",
        "令和0年4月1日",  # an era starts at 元年 (1)
        "H0.4.1",
    ],
)
def test_rejected_values_become_nat(text: str) -> None:
    assert pd.isna(parse_timestamps(pd.Series([text])).iloc[0])


def test_result_is_naive_ns_with_the_input_index() -> None:
    values = pd.Series(["2024-04-01", None, "bad", "R8.4.1"], index=[10, 11, 12, 13])
    result = parse_timestamps(values)
    assert result.dtype == np.dtype("datetime64[ns]")
    assert list(result.index) == [10, 11, 12, 13]
    assert result.isna().tolist() == [False, True, True, False]


def test_mixed_formats_and_offsets_in_one_series() -> None:
    values = pd.Series(
        ["2024-04-01 09:30", "2024-04-01T00:30:00Z", "令和6年4月1日 9時30分", "2024/4/1 9:30"] * 3
    )
    result = parse_timestamps(values)
    assert (result == T("2024-04-01 09:30")).all()


def test_tz_aware_datetimes_are_converted_to_japan_time() -> None:
    aware = pd.Series(pd.to_datetime(["2024-04-01T00:30:00Z"], utc=True))
    assert parse_timestamps(aware).iloc[0] == T("2024-04-01 09:30")
    naive = pd.Series(pd.to_datetime(["2024-04-01 09:30"]))
    assert parse_timestamps(naive).iloc[0] == T("2024-04-01 09:30")


def test_python_datetime_objects() -> None:
    values = pd.Series(
        [
            dt.datetime(2024, 4, 1, 9, 30),
            dt.datetime(2024, 4, 1, 0, 30, tzinfo=dt.UTC),
            "2024-04-01 09:30",
        ],
        dtype=object,
    )
    assert (parse_timestamps(values) == T("2024-04-01 09:30")).all()


def test_non_time_dtype_raises_column_error_naming_column_and_file() -> None:
    with pytest.raises(ColumnError, match=r"column '完了'.*in kokuho\.csv.*--timestamp"):
        parse_timestamps(pd.Series([True, False]), column="完了", source="kokuho.csv")


def test_common_formats_parse_every_value() -> None:
    rng = np.random.default_rng(3)
    stamps = T("2024-01-01") + pd.to_timedelta(rng.integers(0, 365 * 86400, 100_000), unit="s")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%dT%H:%M:%S+09:00"):
        values = pd.Series(stamps.strftime(fmt))
        result = parse_timestamps(values)
        assert result.notna().all()
        assert (
            (result.dt.floor("min") == stamps.floor("min")).all()
            if "%S" not in fmt
            else (result == stamps).all()
        )


def test_repeated_values_are_parsed_once_and_mapped_back() -> None:
    values = pd.Series(["R8.4.1 9:30", "2024/4/1 9:30"] * 50_000)
    result = parse_timestamps(values)
    assert result.iloc[0] == T("2026-04-01 09:30") and result.iloc[-1] == T("2024-04-01 09:30")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S55.3.2", dt.date(1980, 3, 2)),
        ("昭和55年3月2日", dt.date(1980, 3, 2)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("1980-03-02", dt.date(1980, 3, 2)),
        ("1980/3/2 10:00", dt.date(1980, 3, 2)),
        ("１９８０年３月２日", dt.date(1980, 3, 2)),
        (dt.datetime(1980, 3, 2, 10), dt.date(1980, 3, 2)),
        (dt.date(1980, 3, 2), dt.date(1980, 3, 2)),
    ],
)
def test_parse_date(text: object, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [None, float("nan"), pd.NA, "", "不明", "80/3/2"])
def test_parse_date_missing_or_unparsable_is_none(text: object) -> None:
    assert parse_date(text) is None


def test_month_and_day_before_the_year_are_read_as_the_column_writes_them() -> None:
    """English-language systems write 04/01/2024 09:05 AM (month first); a column with a
    first number above 12 writes the day first (31/03/2024)."""
    us = parse_timestamps(pd.Series(["04/01/2024 09:05 AM", "04/13/2024 01:30 PM", "12/31/2024"]))
    assert us.tolist() == [
        pd.Timestamp("2024-04-01 09:05"),
        pd.Timestamp("2024-04-13 13:30"),
        pd.Timestamp("2024-12-31"),
    ]
    uk = parse_timestamps(pd.Series(["31/03/2024 14:00", "01/04/2024 09:00"]))
    assert uk.tolist() == [pd.Timestamp("2024-03-31 14:00"), pd.Timestamp("2024-04-01 09:00")]
    assert parse_timestamps(pd.Series(["2024/04/01 09:05 PM"])).tolist() == [
        pd.Timestamp("2024-04-01 21:05")
    ]
    assert parse_timestamps(pd.Series(["13/13/2024", "04/01/2024 13:00 PM"])).isna().all()


def test_a_files_start_and_end_read_the_day_and_month_in_one_order(tmp_path) -> None:
    """Only the end column shows the day first (13/04); the start column, read alone, would
    be month first (12/04 = 4 December): the file decides once for both."""
    from procmine.io import load

    (tmp_path / "a.csv").write_text(
        "CaseID,Activity,StartedAt,CompletedAt\n"
        "1,a,12/04/2024 09:00,13/04/2024 10:00\n"
        "2,b,05/04/2024 09:00,05/04/2024 10:00\n",
        encoding="utf-8",
    )
    data = load([tmp_path])
    events = data.logs["a"].events
    assert events["timestamp"].tolist() == [
        pd.Timestamp("2024-04-12 09:00"),
        pd.Timestamp("2024-04-05 09:00"),
    ]
    assert not data.warnings  # no row ends before it starts
