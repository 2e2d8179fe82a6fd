"""procmine.io.load: formats, encodings, column detection, procmine.toml, departments,
row accounting and the error messages."""

from __future__ import annotations

import gzip
import sys
import types
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from procmine.errors import ColumnError, ConfigError, InputError
from procmine.io import describe_mapping, load
from procmine.model import Dataset

HEADER = "受付番号,処理内容,処理日時,担当者,宛名番号,備考"
ROWS = [
    "0012,受付,2024/04/01 09:00,田中,000123,急ぎ",
    "0012,審査,2024/04/01 09:30,佐藤,000123,",
    "0007,受付,2024/04/02 10:00,田中,000456,",
]
STANDARD = [
    "case",
    "activity",
    "timestamp",
    "end",
    "resource",
    "person",
    "department",
    "source",
    "row",
]


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8", sep: str = ",") -> Path:
    text = "\n".join(line.replace(",", sep) for line in lines) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


def only_log(data: Dataset) -> pd.DataFrame:
    assert len(data.logs) == 1
    return next(iter(data.logs.values())).events


# --------------------------------------------------------------------------- formats


def test_utf8_csv_standard_columns_types_and_order(tmp_path: Path) -> None:
    write_csv(tmp_path / "shimin.csv", [HEADER, *ROWS])
    data = load([tmp_path])
    events = data.logs["shimin"].events
    assert list(events.columns) == STANDARD + ["備考"]
    # sorted by case, timestamp, row; leading zeros kept
    assert events["case"].tolist() == ["0007", "0012", "0012"]
    assert events["activity"].tolist() == ["受付", "受付", "審査"]
    assert events["row"].tolist() == [4, 2, 3]
    assert events["person"].tolist() == ["000456", "000123", "000123"]
    assert events["timestamp"].dtype == np.dtype("datetime64[ns]")
    assert events["end"].isna().all() and events["end"].dtype == np.dtype("datetime64[ns]")
    assert events["source"].unique().tolist() == ["shimin.csv"]
    assert events["備考"].isna().tolist() == [True, False, True]
    assert data.logs["shimin"].data_columns == ("備考",)
    assert data.logs["shimin"].sources == ("shimin.csv",)
    mapping = data.mappings[0]
    assert mapping.encoding == "utf-8" and mapping.format == "csv"
    assert mapping.roles == {
        "case": "受付番号",
        "activity": "処理内容",
        "timestamp": "処理日時",
        "resource": "担当者",
        "person": "宛名番号",
    }
    assert set(mapping.how.values()) == {"header"}


def test_missing_optional_roles_are_na(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", ["case,activity,timestamp", "1,x,2024-04-01"])
    events = only_log(load([tmp_path / "a.csv"]))
    assert events["resource"].isna().all() and events["person"].isna().all()
    assert events["resource"].iloc[0] is pd.NA


def test_bom_csv(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [HEADER, *ROWS], encoding="utf-8-sig")
    data = load([tmp_path])
    assert data.mappings[0].encoding == "utf-8-sig"
    assert data.mappings[0].roles["case"] == "受付番号"  # no BOM glued to the header


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp"])
def test_japanese_legacy_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    write_csv(tmp_path / "a.csv", [HEADER, *ROWS], encoding=encoding)
    data = load([tmp_path])
    assert data.mappings[0].encoding == encoding
    assert "審査" in only_log(data)["activity"].tolist()


@pytest.mark.parametrize(("suffix", "sep"), [(".tsv", "\t"), (".csv", "\t"), (".csv", ";")])
def test_delimiters_are_sniffed(tmp_path: Path, suffix: str, sep: str) -> None:
    write_csv(tmp_path / f"a{suffix}", [HEADER, *ROWS], sep=sep)
    data = load([tmp_path])
    assert len(only_log(data)) == 3
    assert data.mappings[0].format == suffix[1:]


def test_quoted_fields_with_commas_and_newlines(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        'case,activity,timestamp,memo\n1,受付,2024-04-01 09:00,"a, b"\n1,交付,2024-04-01 10:00,"x\ny"\n',
        encoding="utf-8",
    )
    events = only_log(load([tmp_path]))
    assert events["memo"].tolist() == ["a, b", "x\ny"]


XES = """<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="event"><string key="concept:name" value="__INVALID__"/></global>
  <string key="concept:name" value="log name"/>
  <trace>
    <string key="concept:name" value="c2"/>
    <string key="申請種別" value="新規"/>
    <event>
      <string key="concept:name" value="審査"/>
      <date key="time:timestamp" value="2024-04-01T10:00:00.000+09:00"/>
      <string key="org:resource" value="田中"/>
      <string key="org:group" value="市民課"/>
      <string key="lifecycle:transition" value="complete"/>
      <list key="items"><values><string key="x" value="1"/></values></list>
    </event>
    <event>
      <string key="concept:name" value="受付"/>
      <date key="time:timestamp" value="2024-04-01T00:30:00Z"/>
      <string key="org:group" value="市民課"/>
      <int key="件数" value="007"/>
    </event>
  </trace>
  <trace><string key="concept:name" value="c1"/><event><string key="concept:name" value="受付"/><date key="time:timestamp" value="2024-03-01T09:00:00+09:00"/><string key="org:group" value="税務課"/></event></trace>
</log>
"""


def check_xes(data: Dataset, source: str) -> None:
    assert data.departments == ["市民課", "税務課"]
    events = data.logs["市民課"].events
    assert events["case"].tolist() == ["c2", "c2"]
    assert events["activity"].tolist() == ["受付", "審査"]
    assert events["timestamp"].tolist() == [
        pd.Timestamp("2024-04-01 09:30"),
        pd.Timestamp("2024-04-01 10:00"),
    ]
    assert events["resource"].isna().tolist() == [True, False]
    assert events["case:申請種別"].tolist() == ["新規", "新規"]
    assert events["件数"].iloc[0] == "007" and pd.isna(events["件数"].iloc[1])
    assert events["source"].iloc[0] == source
    mapping = data.mappings[0]
    assert mapping.roles == {
        "case": "case:concept:name",
        "activity": "concept:name",
        "timestamp": "time:timestamp",
        "resource": "org:resource",
        "department": "org:group",
    }
    assert set(mapping.data_columns) == {"case:申請種別", "lifecycle:transition", "件数"}
    assert data.logs["税務課"].events["row"].tolist() == [3]


def test_xes(tmp_path: Path) -> None:
    (tmp_path / "log.xes").write_text(XES, encoding="utf-8")
    data = load([tmp_path])
    check_xes(data, "log.xes")
    assert data.mappings[0].format == "xes"


def test_xes_gz_without_newlines(tmp_path: Path) -> None:
    flat = "".join(line.strip() for line in XES.splitlines())
    (tmp_path / "log.xes.gz").write_bytes(gzip.compress(flat.encode("utf-8")))
    data = load([tmp_path])
    check_xes(data, "log.xes.gz")
    assert data.mappings[0].format == "xes.gz"


def test_xes_without_department_uses_stem(tmp_path: Path) -> None:
    (tmp_path / "kokuho.xes.gz").write_bytes(gzip.compress(XES.replace("org:group", "g").encode()))
    assert load([tmp_path]).departments == ["kokuho"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<log><trace><event></trace></log>", r"bad\.xes:1: not well-formed XML \("),
        (
            '<?xml version="1.0"?><!DOCTYPE log [<!ENTITY a "aaaa">]><log>&a;</log>',
            r"bad\.xes: XES files with a DOCTYPE or entity declarations are refused",
        ),
        ("<html><body/></html>", r"bad\.xes: not an XES log \(root element is <html>"),
        ("<log></log>", r"bad\.xes: the XES log holds no events"),
        ("", r"bad\.xes: is empty"),
    ],
)
def test_bad_xes(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "bad.xes").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load([tmp_path / "bad.xes"])


def test_broken_gzip_xes(tmp_path: Path) -> None:
    (tmp_path / "bad.xes.gz").write_bytes(b"not gzip at all")
    with pytest.raises(InputError, match=r"bad\.xes\.gz: not a complete gzip file"):
        load([tmp_path])


def test_parquet(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "case_id": ["0012", "0012", "0007"],
            "activity": ["受付", "審査", "受付"],
            "timestamp": pd.to_datetime(
                ["2024-04-01 09:00", "2024-04-01 09:30", "2024-04-02 10:00"]
            ),
            "amount": [1, 2, 3],
            "ratio": [0.5, None, 2.0],
        }
    )
    frame.to_parquet(tmp_path / "zei.parquet")
    data = load([tmp_path])
    events = data.logs["zei"].events
    assert events["case"].tolist() == ["0007", "0012", "0012"]
    assert events["timestamp"].iloc[0] == pd.Timestamp("2024-04-02 10:00")
    assert events["amount"].tolist() == ["3", "1", "2"]
    assert events["ratio"].iloc[0] == "2" and pd.isna(events["ratio"].iloc[2])
    assert events["row"].tolist() == [3, 1, 2]
    assert data.mappings[0].format == "parquet" and data.mappings[0].encoding is None


def test_parquet_with_tz_aware_timestamps(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "case": ["1"],
            "activity": ["a"],
            "timestamp": pd.to_datetime(["2024-04-01T00:30:00Z"], utc=True),
        }
    )
    frame.to_parquet(tmp_path / "a.parquet")
    assert only_log(load([tmp_path]))["timestamp"].iloc[0] == pd.Timestamp("2024-04-01 09:30")


def test_corrupt_parquet(tmp_path: Path) -> None:
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(InputError, match=r"bad\.parquet: not a readable Parquet file"):
        load([tmp_path])


# --------------------------------------------------------------------------- folders


def test_folder_reads_logs_sorted_ignores_other_files_and_subfolders(tmp_path: Path) -> None:
    write_csv(tmp_path / "b.csv", [HEADER, *ROWS])
    write_csv(tmp_path / "a.tsv", [HEADER, *ROWS], sep="\t")
    (tmp_path / "README.md").write_text("# logs")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "truth").mkdir()
    write_csv(tmp_path / "truth" / "c.csv", [HEADER, *ROWS])
    data = load([str(tmp_path)])
    assert [m.source for m in data.mappings] == ["a.tsv", "b.csv"]
    assert data.departments == ["a", "b"]


def test_single_path_instead_of_a_list(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [HEADER, *ROWS])
    assert load(tmp_path).departments == ["a"]  # type: ignore[arg-type]


def test_file_given_twice_is_read_once(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [HEADER, *ROWS])
    data = load([tmp_path, tmp_path / "a.csv"])
    assert len(data.mappings) == 1 and len(only_log(data)) == 3


# --------------------------------------------------------------------------- headers


@pytest.mark.parametrize(
    ("role", "headers"),
    [
        (
            "case",
            [
                "受付番号",
                "申請番号",
                "ケース番号",
                "管理番号",
                "整理番号",
                "case",
                "Case ID",
                "case_id",
                "CaseID",
                "case:concept:name",
                "uketsuke_no",
                "Application No",
            ],
        ),
        (
            "activity",
            [
                "処理内容",
                "手続",
                "手続き",
                "作業",
                "作業名",
                "処理名",
                "業務",
                "activity",
                "Task",
                "event",
                "concept:name",
                "Activity Name",
                "gyomu",
            ],
        ),
        (
            "timestamp",
            [
                "処理日時",
                "日時",
                "受付日時",
                "実施日時",
                "開始日時",
                "timestamp",
                "time",
                "date",
                "DateTime",
                "time:timestamp",
                "start_timestamp",
                "申請日時",
                "shori_nichiji",
                "ProcessedAt",
            ],
        ),
        (
            "end",
            [
                "終了日時",
                "処理終了日時",
                "完了日時",
                "end",
                "end_timestamp",
                "complete_timestamp",
                "CompletedAt",
                "FinishedAt",
            ],
        ),
        (
            "resource",
            [
                "担当者",
                "担当",
                "処理者",
                "職員",
                "resource",
                "org:resource",
                "user",
                "performer",
                "担当者名",
                "tantosha",
                "Officer",
                "clerk",
                "Worker",
            ],
        ),
        (
            "department",
            [
                "課",
                "部署",
                "担当課",
                "所属",
                "所属名",
                "部門",
                "department",
                "org:group",
                "dept",
                "担当係",
            ],
        ),
        (
            "person",
            [
                "宛名番号",
                "住民番号",
                "個人コード",
                "宛名コード",
                "住民コード",
                "person",
                "person_id",
                "resident_id",
                "Customer ID",
                "atena_no",
                "atena_cd",
                "Atena Code",
                "jumin_no",
                "Resident No",
            ],
        ),
    ],
)
def test_header_variants(tmp_path: Path, role: str, headers: list[str]) -> None:
    base = {
        "case": ("ID", ["1", "1", "2"]),
        "activity": ("NAME", ["a", "b", "a"]),
        "timestamp": ("WHEN", ["2024-04-01 09:00", "2024-04-01 10:00", "2024-04-02 09:00"]),
    }
    values = {
        "case": ["1", "1", "2"],
        "activity": ["受付", "交付", "受付"],
        "timestamp": ["2024-04-01 09:00", "2024-04-01 10:00", "2024-04-02 09:00"],
        "end": ["2024-04-01 09:10", "2024-04-01 10:10", "2024-04-02 09:10"],
        "resource": ["田中", "佐藤", "田中"],
        "department": ["市民課", "市民課", "市民課"],
        "person": ["P1", "P1", "P2"],
    }
    for i, header in enumerate(headers):
        columns = {}
        for other, (_name, vals) in base.items():
            if other != role:
                columns[
                    {"case": "受付番号", "activity": "処理内容", "timestamp": "処理日時"}[other]
                ] = vals
        columns[header] = values[role]
        folder = tmp_path / f"t{i}"
        folder.mkdir()
        pd.DataFrame(columns).to_csv(folder / "x.csv", index=False)
        data = load([folder])
        assert data.mappings[0].roles[role] == header, header
        assert data.mappings[0].how[role] == "header"
        assert header not in data.mappings[0].data_columns


def test_exact_header_beats_contains(tmp_path: Path) -> None:
    # 処理終了日時 contains 日時 (timestamp) but is exactly an end header.
    write_csv(
        tmp_path / "a.csv",
        ["処理終了日時,受付日時,手続,申請番号", "2024-04-01 10:00,2024-04-01 09:00,受付,1"],
    )
    roles = load([tmp_path]).mappings[0].roles
    assert roles["timestamp"] == "受付日時" and roles["end"] == "処理終了日時"


def test_birth_date_is_not_a_timestamp(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "a.csv",
        ["申請番号,手続,生年月日,受付日", "1,受付,S55.3.2,2024-04-01", "1,交付,S55.3.2,2024-04-02"],
    )
    mapping = load([tmp_path]).mappings[0]
    assert mapping.roles["timestamp"] == "受付日"
    assert "生年月日" in mapping.data_columns


def test_roles_detected_from_values(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    rows = []
    for case in range(30):
        start = pd.Timestamp("2024-04-01") + pd.Timedelta(hours=case)
        for step, act in enumerate(["受付", "審査", "決裁", "交付"]):
            rows.append(
                {
                    "c1": f"R{case:04d}",
                    "c2": "担当" + str(rng.integers(0, 3)),
                    "c3": act,
                    "c4": (start + pd.Timedelta(minutes=10 * step)).strftime("%Y/%m/%d %H:%M"),
                    "c5": "窓口",
                }
            )
    pd.DataFrame(rows).to_csv(tmp_path / "x.csv", index=False)
    mapping = load([tmp_path]).mappings[0]
    assert mapping.roles == {"case": "c1", "activity": "c3", "timestamp": "c4"}
    assert mapping.how == {"case": "values", "activity": "values", "timestamp": "values"}
    assert mapping.data_columns == ("c2", "c5")


def _keyed_files(folder: Path, header: str, keys: list[str]) -> None:
    """a.csv with a recognised person key (P0000 …) and b.csv holding ``keys`` under
    ``header`` beside a name column."""
    folder.mkdir(exist_ok=True)
    write_csv(
        folder / "a.csv",
        ["受付番号,処理内容,処理日時,宛名番号,氏名"]
        + [f"A{i},受付,2024/04/01 09:{i % 60:02d},P{i:04d},山田 太郎" for i in range(40)],
    )
    write_csv(
        folder / "b.csv",
        [f"受付番号,処理内容,処理日時,{header},氏名"]
        + [f"B{i},申請,2024/04/02 09:{i % 60:02d},{k},山田 太郎" for i, k in enumerate(keys)],
    )


def test_person_key_under_a_plain_header_is_found_by_the_other_files_keys(tmp_path: Path) -> None:
    _keyed_files(tmp_path, "番号", [f"P{i:04d}" for i in range(5, 45)])
    data = load([tmp_path])
    mapping = data.mappings[1]
    assert mapping.roles["person"] == "番号" and mapping.how["person"] == "values"
    assert mapping.data_columns == ("氏名",)
    events = data.logs["b"].events
    assert "番号" not in events and events["person"].astype(str).str.startswith("P").all()


@pytest.mark.parametrize(
    "keys",
    [
        [f"P{i:04d}" for i in range(35, 75)],  # 5 of 40 are the other file's keys
        [f"X{i:04d}" for i in range(40)],  # none
    ],
)
def test_a_column_of_few_other_keys_is_not_a_person_key(tmp_path: Path, keys: list[str]) -> None:
    _keyed_files(tmp_path, "番号", keys)
    mapping = load([tmp_path]).mappings[1]
    assert "person" not in mapping.roles
    assert "番号" in mapping.data_columns


def _keys_of(data: Dataset, department: str) -> set[str]:
    """The person keys of one department's events, as loaded."""
    return set(data.logs[department].events["person"].astype(str))


def test_zero_padded_person_keys_are_one_key_and_unmatched_keys_are_named(tmp_path: Path) -> None:
    rows = "受付番号,処理内容,処理日時,宛名番号"
    write_csv(
        tmp_path / "a.csv", [rows] + [f"A{i},受付,2024/04/01 09:00,{i:010d}" for i in range(40)]
    )
    write_csv(
        tmp_path / "b.csv", [rows] + [f"B{i},申請,2024/04/02 09:00,{i}" for i in range(5, 45)]
    )
    write_csv(tmp_path / "c.csv", [rows] + [f"C{i},申請,2024/04/03 09:00,X{i}" for i in range(40)])
    data = load([tmp_path])
    a = _keys_of(data, "a")
    b = _keys_of(data, "b")
    assert len(a & b) == 35  # 0000000005 … 0000000039 are 5 … 39
    assert [w.code for w in data.warnings] == ["person_keys_apart"]
    assert data.warnings[0].startswith("c.csv: its person keys (宛名番号) match almost none")


def test_compact_date_times_of_vendor_exports_are_read(tmp_path: Path) -> None:
    """EXEC_DATETIME 20250401120616 (yyyymmddHHMMSS, no separators) is a date and time."""
    write_csv(
        tmp_path / "a.csv",
        ["受付番号,処理内容,EXEC_DATETIME", "A1,受付,20250401120616", "A1,審査,20250402093000"],
    )
    events = load([tmp_path]).logs["a"].events
    assert events["timestamp"].astype(str).tolist() == [
        "2025-04-01 12:06:16",
        "2025-04-02 09:30:00",
    ]


def _residents_file(path: Path, residents: list[tuple[str, str]], day: str = "01") -> None:
    """A log of one step per resident: (person key under 宛名番号, name under 氏名)."""
    write_csv(
        path,
        ["受付番号,処理内容,処理日時,宛名番号,氏名"]
        + [
            f"R{i},受付,2024/04/{day} 09:00,{key},{name}" for i, (key, name) in enumerate(residents)
        ],
    )


def test_person_keys_grouped_by_a_hyphen_are_the_same_keys(tmp_path: Path) -> None:
    """住基 writes 0012-3456 where the other systems write 00123456: one resident, no warning."""
    _residents_file(tmp_path / "a.csv", [(f"{i:04d}-{i:04d}", f"住民{i}") for i in range(1, 41)])
    _residents_file(
        tmp_path / "b.csv", [(f"{i:04d}{i:04d}", f"住民{i}") for i in range(5, 45)], "02"
    )
    data = load([tmp_path])
    a = _keys_of(data, "a")
    b = _keys_of(data, "b")
    assert len(a & b) == 36 and data.warnings == []
    # household members 1001-1 … are not residents 10011 …: their names disagree
    _residents_file(tmp_path / "a.csv", [(f"{1000 + i}-1", f"世帯員{i}") for i in range(1, 41)])
    _residents_file(
        tmp_path / "b.csv", [(f"{10000 + 10 * i + 1}", f"住民{i}") for i in range(1, 41)]
    )
    data = load([tmp_path])
    a = _keys_of(data, "a")
    b = _keys_of(data, "b")
    assert not a & b


def test_person_keys_with_a_check_digit_are_the_same_keys(tmp_path: Path) -> None:
    """国保 writes 0012345-6 (the number and its check digit) where 住基 writes 00012345: one
    resident, no warning; but only where the residents' names agree."""
    _residents_file(
        tmp_path / "a.csv", [(f"{i:07d}-{i * 7 % 10}", f"住民{i}") for i in range(1, 41)]
    )
    _residents_file(tmp_path / "b.csv", [(f"{i:08d}", f"住民{i}") for i in range(5, 45)], "02")
    data = load([tmp_path])
    assert len(_keys_of(data, "a") & _keys_of(data, "b")) == 36 and data.warnings == []
    _residents_file(tmp_path / "b.csv", [(f"{i:08d}", f"別人{i}") for i in range(5, 45)], "02")
    data = load([tmp_path])
    assert not _keys_of(data, "a") & _keys_of(data, "b")


# --------------------------------------------------------------------------- options and config

CONFIG_ROWS = [
    "受付番号,申請番号,処理内容,手続,処理日時,日付,担当者",
    "A1,B1,受付,手続1,2024-04-01 09:00,2024-05-01,田中",
    "A1,B2,交付,手続2,2024-04-01 10:00,2024-05-02,佐藤",
]


def test_option_beats_file_config_beats_folder_config_beats_header(tmp_path: Path) -> None:
    write_csv(tmp_path / "kokuho.csv", CONFIG_ROWS)
    write_csv(tmp_path / "other.csv", CONFIG_ROWS)
    (tmp_path / "procmine.toml").write_text(
        "[columns]\n"
        'case = "申請番号"\n'
        'activity = "手続"\n'
        '[files."kokuho.csv"]\n'
        'department = "国保年金課"\n'
        'encoding = "utf-8"\n'
        '[files."kokuho.csv".columns]\n'
        'case = "受付番号"\n',
        encoding="utf-8",
    )
    data = load([tmp_path], activity="処理内容")
    kokuho, other = data.mappings
    assert kokuho.roles["case"] == "受付番号" and kokuho.how["case"] == "config"
    assert other.roles["case"] == "申請番号" and other.how["case"] == "config"
    assert kokuho.roles["activity"] == "処理内容" and kokuho.how["activity"] == "option"
    assert kokuho.roles["timestamp"] == "処理日時" and kokuho.how["timestamp"] == "header"
    assert kokuho.departments == ("国保年金課",)
    assert other.departments == ("other",)
    assert data.departments == ["other", "国保年金課"]
    assert "申請番号" in kokuho.data_columns and "受付番号" in other.data_columns


def test_option_column_name_matching_tolerates_width_and_case(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", ["Case_ID,Activity,Time", "1,a,2024-04-01"])
    assert load([tmp_path], case="case id").mappings[0].roles["case"] == "Case_ID"


def test_option_column_not_found(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [HEADER, *ROWS])
    with pytest.raises(
        ColumnError,
        match=r"a\.csv: column '申請番号' for case \(from --case\) not found; columns are 受付番号, 処理内容.* — pass --case COLUMN",
    ):
        load([tmp_path], case="申請番号")


def test_config_column_not_found(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [HEADER, *ROWS])
    (tmp_path / "procmine.toml").write_text('[columns]\ntimestamp = "日時"\n', encoding="utf-8")
    with pytest.raises(
        ColumnError,
        match=r"a\.csv: column '日時' for timestamp \(from procmine\.toml\) not found; columns are 受付番号, 処理内容, 処理日時, 担当者, 宛名番号, 備考 — set timestamp in \[files\.\"a\.csv\"\.columns\] of procmine\.toml or pass --timestamp COLUMN",
    ):
        load([tmp_path])


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[columns\ncase = 1", r"procmine\.toml:1: invalid TOML"),
        ('[colums]\ncase = "x"\n', r"procmine\.toml: unknown key 'colums'"),
        (
            '[columns]\ncases = "x"\n',
            r"procmine\.toml: \[columns\] unknown key 'cases' — use one of case, activity",
        ),
        ("[columns]\ncase = 3\n", r"\[columns\] 'case' must be a column name"),
        (
            '[files."a.csv"]\ndept = "x"\n',
            r"\[files\.\"a\.csv\"\] unknown key 'dept' — use one of department, encoding, columns",
        ),
        (
            '[files."a.csv".columns]\nwho = "x"\n',
            r"\[files\.\"a\.csv\"\.columns\] unknown key 'who'",
        ),
        (
            '[files."missing.csv"]\ndepartment = "x"\n',
            r"\[files\.\"missing\.csv\"\] names a file that is not in",
        ),
        (
            '[files."a.csv"]\nencoding = "klingon"\n',
            r"\[files\.\"a\.csv\"\]: unknown text encoding 'klingon'",
        ),
        ('[files."a.csv"]\ndepartment = 5\n', r"'department' must be a name"),
    ],
)
def test_config_errors(tmp_path: Path, toml: str, message: str) -> None:
    write_csv(tmp_path / "a.csv", [HEADER, *ROWS])
    (tmp_path / "procmine.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load([tmp_path])


def test_config_applies_to_a_file_given_directly(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [HEADER, *ROWS])
    (tmp_path / "procmine.toml").write_text(
        '[files."a.csv"]\ndepartment = "市民課"\n', encoding="utf-8"
    )
    assert load([tmp_path / "a.csv"]).departments == ["市民課"]


def test_config_encoding_is_used(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [HEADER, *ROWS], encoding="cp932")
    (tmp_path / "procmine.toml").write_text(
        '[files."a.csv"]\nencoding = "utf-8"\n', encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"a\.csv:1: not valid utf-8 \(from procmine\.toml\)"):
        load([tmp_path])
    assert load([tmp_path], encoding="cp932").mappings[0].encoding == "cp932"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"encoding": "klingon"}, r"--encoding: unknown text encoding 'klingon'"),
        ({"case": ""}, r"--case must name a column"),
        ({"max_bad_share": 1.5}, r"max_bad_share must be between 0 and 1"),
    ],
)
def test_bad_options(tmp_path: Path, kwargs: dict, message: str) -> None:
    write_csv(tmp_path / "a.csv", [HEADER, *ROWS])
    with pytest.raises(ConfigError, match=message):
        load([tmp_path], **kwargs)


# --------------------------------------------------------------------------- departments


def test_department_column_splits_the_file(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "all.csv",
        [
            "申請番号,手続,日時,担当課",
            "1,受付,2024-04-01 09:00,市民課",
            "2,受付,2024-04-01 09:00,税務課",
            "1,交付,2024-04-01 10:00,市民課",
            "3,受付,2024-04-01 09:00,",
        ],
    )
    data = load([tmp_path])
    assert data.departments == ["all", "市民課", "税務課"]
    assert data.logs["市民課"].events["case"].tolist() == ["1", "1"]
    assert data.mappings[0].departments == ("all", "市民課", "税務課")
    assert any("1 rows have no 担当課 (department)" in w for w in data.warnings)


def test_two_files_of_one_department_are_concatenated(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "a.csv",
        ["case,activity,timestamp,memo", "1,受付,2024-04-01 09:00,x", "2,受付,2024-04-01 08:00,y"],
    )
    write_csv(tmp_path / "b.csv", ["case,activity,timestamp,note", "1,交付,2024-04-01 08:30,z"])
    (tmp_path / "procmine.toml").write_text(
        '[files."a.csv"]\ndepartment = "市民課"\n[files."b.csv"]\ndepartment = "市民課"\n',
        encoding="utf-8",
    )
    data = load([tmp_path])
    log = data.logs["市民課"]
    assert data.departments == ["市民課"]
    assert log.sources == ("a.csv", "b.csv")
    assert log.data_columns == ("memo", "note")
    events = log.events
    assert events[["case", "activity", "source"]].values.tolist() == [
        ["1", "交付", "b.csv"],
        ["1", "受付", "a.csv"],
        ["2", "受付", "a.csv"],
    ]
    assert events["note"].isna().tolist() == [False, True, True]


def test_same_file_names_in_two_folders_get_distinct_sources(tmp_path: Path) -> None:
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        write_csv(tmp_path / name / "a.csv", [HEADER, *ROWS])
    data = load([tmp_path / "x", tmp_path / "y"])
    assert [m.source for m in data.mappings] == ["x/a.csv", "y/a.csv"]
    assert data.logs["a"].sources == ("x/a.csv", "y/a.csv")


# --------------------------------------------------------------------------- rows


def test_unsorted_input_is_sorted_stably(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "a.csv",
        [
            "case,activity,timestamp",
            "2,c,2024-04-01 09:00",
            "1,b,2024-04-01 10:00",
            "1,a,2024-04-01 09:00",
            "1,z,2024-04-01 10:00",
        ],
    )
    events = only_log(load([tmp_path]))
    assert events["activity"].tolist() == ["a", "b", "z", "c"]
    assert events["row"].tolist() == [4, 3, 5, 2]


def test_dropped_rows_are_counted_and_accounting_balances(tmp_path: Path) -> None:
    lines = ["case,activity,timestamp,end"] + [
        f"{i},a,2024-04-01 09:{i:02d},2024-04-01 10:00" for i in range(40)
    ]
    lines += [
        ",a,2024-04-01 09:00,",
        "9,,2024-04-01 09:00,",
        "9,a,,",
        "9,a,bad time,",
        ",,,",
        "9,a,2024-04-02,not an end",
    ]
    write_csv(tmp_path / "a.csv", lines)
    data = load([tmp_path], max_bad_share=0.05)
    account = data.accounting[0]
    assert account.rows_read == 46
    assert account.rows_loaded == 41
    assert account.dropped == {
        "blank line": 1,
        "missing case": 1,
        "missing activity": 1,
        "missing timestamp": 1,
        "unparsable timestamp": 1,
    }
    assert account.balanced
    # values that do not look like a time are shown by their shape only (they may be personal)
    assert any("line 45: 'xxx xxxx'" in w for w in data.warnings)
    assert any("(end) are not dates/times" in w and "line 47" in w for w in data.warnings)


def test_too_many_bad_timestamps(tmp_path: Path) -> None:
    lines = (
        ["申請番号,手続,処理日時"]
        + [f"{i},a,2024-04-01" for i in range(8)]
        + ["1,a,昨日", "2,a,2024-13-45", "3,a,??"]
    )
    write_csv(tmp_path / "kokuho.csv", lines)
    with pytest.raises(
        ColumnError,
        match=(
            r"kokuho\.csv:10: column '処理日時' \(timestamp\) has 3 of 11 values that are not dates/times "
            r"\(line 10: '＊＊', line 11: '2024-13-45', line 12: '＊＊'\) — pass --timestamp COLUMN.*fix the format"
        ),
    ):
        load([tmp_path])
    assert load([tmp_path], max_bad_share=0.5).accounting[0].dropped == {"unparsable timestamp": 3}


def test_no_usable_rows(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "a.csv", ["case,activity,timestamp,x", ",a,2024-04-01,1", ",b,2024-04-01,2"]
    )
    with pytest.raises(
        ColumnError, match=r"a\.csv: no usable rows .*missing case: column 'case'.*--case"
    ):
        load([tmp_path])


def test_reserved_data_column_names_are_renamed(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", ["申請番号,手続,日時,source,row", "1,a,2024-04-01,web,7"])
    data = load([tmp_path])
    events = only_log(data)
    assert events["source"].iloc[0] == "a.csv" and events["source (data)"].iloc[0] == "web"
    assert events["row (data)"].iloc[0] == "7"
    assert any("renamed" in w for w in data.warnings)


# --------------------------------------------------------------------------- input errors


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", r"a\.csv: is empty"),
        (b"\n \n", r"a\.csv: is empty"),
        (b"case,activity,timestamp\n", r"a\.csv:1: has a header line but no rows"),
        (
            b"a,b\n\x81\x20,1\n",
            r"a\.csv:2: cannot detect the text encoding \(tried utf-8-sig, utf-8, cp932, euc_jp\) — pass --encoding NAME",
        ),
    ],
)
def test_unreadable_csv(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "a.csv").write_bytes(content)
    with pytest.raises(InputError, match=message):
        load([tmp_path])


def test_missing_required_column(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", ["申請番号,手続,備考", "1,a,x", "1,b,y"])
    with pytest.raises(
        ColumnError,
        match=r"a\.csv: no timestamp column found; columns are 申請番号, 手続, 備考 — pass --timestamp COLUMN",
    ):
        load([tmp_path])


def test_wrong_explicit_encoding(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [HEADER, *ROWS], encoding="cp932")
    with pytest.raises(InputError, match=r"a\.csv:1: not valid utf-8 \(from --encoding\)"):
        load([tmp_path], encoding="utf-8")


def test_path_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.csv: no such file or folder"):
        load([tmp_path / "nope.csv"])
    (tmp_path / "a.xlsx").write_bytes(b"x")
    with pytest.raises(InputError, match=r"a\.xlsx: unsupported file type — use one of \*\.csv"):
        load([tmp_path / "a.xlsx"])
    with pytest.raises(InputError, match=r"the folder holds no event logs"):
        load([tmp_path])
    with pytest.raises(InputError, match=r"no input given"):
        load([])


# --------------------------------------------------------------------------- models


def test_process_models_are_read_with_processmodels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_csv(tmp_path / "a.csv", [HEADER, *ROWS])
    (tmp_path / "juminhyo.bpmn").write_text("<bpmn/>")
    (tmp_path / "nenkin.pnml").write_text("<pnml/>")
    fake = types.ModuleType("procmine.io.processmodels")

    def load_model(path: Path) -> nx.DiGraph:
        graph = nx.DiGraph()
        graph.add_edge("受付", Path(path).suffix)
        return graph

    fake.load_model = load_model  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "procmine.io.processmodels", fake)
    import procmine.io as io_package

    monkeypatch.setattr(io_package, "processmodels", fake, raising=False)
    data = load([tmp_path])
    assert sorted(data.models) == ["juminhyo", "nenkin"]
    assert set(data.models["nenkin"].nodes) == {"受付", ".pnml"}
    assert data.departments == ["a", "juminhyo", "nenkin"]
    assert "juminhyo: process model (2 activities)" in describe_mapping(data)


def test_process_models_skipped_when_reader_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "juminhyo.bpmn").write_text("<bpmn/>")
    monkeypatch.setitem(sys.modules, "procmine.io.processmodels", None)
    import procmine.io as io_package

    monkeypatch.delattr(io_package, "processmodels", raising=False)
    data = load([tmp_path])
    assert data.models == {} and data.logs == {}
    assert any(w.startswith("juminhyo.bpmn: skipped") for w in data.warnings)


# --------------------------------------------------------------------------- describe and speed


def test_describe_mapping(tmp_path: Path) -> None:
    write_csv(tmp_path / "kokuho.csv", CONFIG_ROWS, encoding="cp932")
    (tmp_path / "procmine.toml").write_text(
        '[files."kokuho.csv"]\ndepartment = "保険年金課"\n[files."kokuho.csv".columns]\ncase = "申請番号"\n',
        encoding="utf-8",
    )
    lines = describe_mapping(load([tmp_path]))
    assert lines == [
        (
            "kokuho.csv (cp932, 保険年金課): case=申請番号 [config] activity=処理内容 [header] "
            "timestamp=処理日時 [header] resource=担当者 [header]; data: 受付番号, 手続, 日付; "
            "2 of 2 rows loaded"
        )
    ]


def test_many_rows_all_loaded_with_leading_zeros_kept(tmp_path: Path) -> None:
    n = 20_000
    rng = np.random.default_rng(1)
    stamps = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365 * 86400, n), unit="s")
    pd.DataFrame(
        {
            "受付番号": [f"{i:07d}" for i in rng.integers(0, 30_000, n)],
            "処理内容": rng.choice(["受付", "審査", "決裁", "交付"], n),
            "処理日時": stamps.strftime("%Y/%m/%d %H:%M:%S"),
            "担当者": rng.choice(["田中", "佐藤", "鈴木"], n),
        }
    ).to_csv(tmp_path / "big.csv", index=False, encoding="cp932")
    data = load([tmp_path])
    assert data.accounting[0].rows_loaded == n
    assert data.logs["big"].events["case"].str.len().eq(7).all()


def test_columns_of_repeated_values_are_categories(tmp_path: Path) -> None:
    """Department, source file, activity, staff, case and resident repeat over millions of
    events: they are categories, not a string a row (hundreds of megabytes at that size)."""
    rows = "".join(
        f"c{k % 10},{('Check', 'Enter')[k % 2]},2025-04-0{1 + k % 9} 09:00,clerk{k % 3},p{k % 7}\n"
        for k in range(50)
    )
    (tmp_path / "tax.csv").write_text(
        "case,activity,timestamp,resource,person\n" + rows, encoding="utf-8"
    )
    events = load(tmp_path, person="person").logs["tax"].events
    for column in ("department", "source", "activity", "resource", "case", "person"):
        assert isinstance(events[column].dtype, pd.CategoricalDtype), column
        assert events[column].memory_usage(deep=True, index=False) < 50 * 8, column
    assert set(events["activity"].astype(str)) == {"Check", "Enter"}
    assert set(events["person"].astype(str)) == {f"p{k}" for k in range(7)}


def test_counts_and_amounts_are_not_person_keys_found_by_values(tmp_path: Path) -> None:
    """Keys 1 … 300 are small numbers that any column of counts or amounts holds too; a
    household's number (世帯番号, often the head's key) is not the resident's."""
    write_csv(
        tmp_path / "a.csv",
        ["受付番号,処理内容,処理日時,宛名番号"]
        + [f"A{i},受付,2024/04/01 09:00,{i}" for i in range(1, 301)],
    )
    write_csv(
        tmp_path / "b.csv",
        ["受付番号,処理内容,処理日時,amount"]
        + [f"B{i},申請,2024/04/02 09:00,{i}" for i in range(1, 301)],
    )
    assert "person" not in load([tmp_path]).mappings[1].roles
    _keyed_files(tmp_path / "c", "世帯番号", [f"P{i:04d}" for i in range(40)])
    assert "person" not in load([tmp_path / "c"]).mappings[1].roles


def test_a_village_numbering_its_residents_from_one_is_keyed_by_values(tmp_path: Path) -> None:
    """A village numbers its 2,000 residents 1 … 5,000: a tax file keyed under a header of
    its own (納税義務者番号) holding those numbers is keyed by them; a column of ages (small
    numbers found among the keys too) is not."""
    write_csv(
        tmp_path / "a.csv",
        ["受付番号,処理内容,処理日時,宛名番号"]
        + [f"A{i},受付,2024/04/01 09:00,{1000 + 7 * i}" for i in range(300)],
    )
    write_csv(
        tmp_path / "b.csv",
        ["受付番号,処理内容,処理日時,納税義務者番号,年齢"]
        + [f"B{i},申告,2024/04/02 09:00,{1000 + 7 * i},{20 + i % 60}" for i in range(300)],
    )
    mapping = load([tmp_path]).mappings[1]
    assert mapping.roles["person"] == "納税義務者番号"
    write_csv(
        tmp_path / "a.csv",
        ["受付番号,処理内容,処理日時,宛名番号"]
        + [f"A{i},受付,2024/04/01 09:00,{i}" for i in range(1, 301)],
    )
    write_csv(
        tmp_path / "b.csv",
        ["受付番号,処理内容,処理日時,年齢"]
        + [f"B{i},申告,2024/04/02 09:00,{1 + i % 90}" for i in range(300)],
    )
    assert "person" not in load([tmp_path]).mappings[1].roles
    # keys 1 … 3,000 fill their range: serial numbers 1001 … 1300 are all "keys" by chance
    write_csv(
        tmp_path / "a.csv",
        ["受付番号,処理内容,処理日時,宛名番号"]
        + [f"A{i},受付,2024/04/01 09:00,{i}" for i in range(1, 3001)],
    )
    write_csv(
        tmp_path / "b.csv",
        ["受付番号,処理内容,処理日時,交付番号"]
        + [f"B{i},交付,2024/04/02 09:00,{1001 + i}" for i in range(300)],
    )
    assert "person" not in load([tmp_path]).mappings[1].roles


def test_a_register_kept_per_resident_takes_the_resident_as_the_case(tmp_path: Path) -> None:
    """宛名番号 + 処理 + 日時 and the resident's data, no case column: the resident is the case.
    A column of accounts (repeated per resident, filled on most rows) is never the case, and
    the rows without an account are not dropped."""
    rows = ["宛名番号,処理,日時,被保険者名,振込口座"]
    for i in range(60):
        account = "" if i % 10 == 0 else f"北浦銀行 本店 普通 {1000000 + i}"
        for k, step in enumerate(("整理券の発行", "住所入力", "口座登録")):
            rows.append(f"{1000 + i},{step},2025-04-{1 + i % 20:02d} 09:{10 * k:02d},北浦 太郎{i},"
                        f"{account if k else ''}")  # fmt: skip
    write_csv(tmp_path / "kaigo.csv", rows)
    data = load([tmp_path])
    mapping = data.mappings[0]
    assert mapping.roles["case"] == "宛名番号" == mapping.roles["person"]
    assert mapping.how["case"] == "person"
    assert data.accounting[0].rows_loaded == 180


def test_a_case_table_in_wide_form_is_read_as_one_event_per_dated_step(tmp_path: Path) -> None:
    """申請一覧: one row per application, a date per step. Each dated step is an event named
    by its header (審査日 → 審査), done by the staff column named after it (審査担当); the
    application's data belongs to its first step; the kind (申請種別) is data; every row is
    accounted for; a warning says so."""
    rows = [
        "申請番号,宛名番号,申請種別,受付日時,受付担当,審査日,審査担当,決定日,請求者氏名,生年月日"
    ]
    for i in range(40):
        decided = f"2025/04/{10 + i % 10:02d}" if i % 4 else ""
        rows.append(
            f"K{i:04d},{1000 + i},児童手当認定請求,2025/04/01 09:{i:02d},田中,2025/04/05,"
            f"佐藤,{decided},北浦 花子{i},1985/01/0{1 + i % 9}"
        )
    write_csv(tmp_path / "kosodate.csv", rows)
    data = load([tmp_path])
    events = data.logs["kosodate"].events
    assert data.accounting[0].rows_loaded == 40 and data.accounting[0].balanced
    counts = events["activity"].astype(str).value_counts().to_dict()
    assert counts == {"受付": 40, "審査": 40, "決定": 30}
    review = events[events["activity"].astype(str) == "審査"]
    assert set(review["resource"].astype(str)) == {"佐藤"}
    decided = events[events["activity"].astype(str) == "決定"]
    assert decided["resource"].isna().all()  # not the clerk who took the application in
    assert review["請求者氏名"].isna().all()
    intake = events[events["activity"].astype(str) == "受付"]
    assert intake["請求者氏名"].notna().all() and "申請種別" in data.mappings[0].data_columns
    assert "生年月日" in data.mappings[0].data_columns  # a birth date is data, not a step
    assert [getattr(w, "code", None) for w in data.warnings] == ["wide_case_table"]
    # one row per case with a deadline beside (期限日): a log of one-step cases, not wide
    rows = ["受付番号,処理内容,処理日時,納期限日"]
    rows += [f"A{i},督促状発送,2025/04/01 09:00,2025/04/30" for i in range(40)]
    write_csv(tmp_path / "kosodate.csv", rows)
    assert len(load([tmp_path]).logs["kosodate"].events) == 40


def test_a_wide_table_s_dates_must_be_steps_of_the_case(tmp_path: Path) -> None:
    """前回認定日 (the previous decision, years before the application) is data; 完了日 taken
    as the end is a step of its own; the staff of one step (審査担当) is not the whole
    file's resource; a per-resident register's dates are data."""
    rows = ["受付番号,手続種別,受付日時,前回認定日"]
    rows += [
        f"K{i},{('更新', '新規')[i % 2]},2025/04/01 09:00,2023/04/0{1 + i % 9}" for i in range(30)
    ]
    write_csv(tmp_path / "a.csv", rows)
    data = load([tmp_path])
    assert data.mappings[0].roles["activity"] == "手続種別"
    rows = ["申請番号,受付日時,審査日,審査担当,完了日"]
    rows += [f"A{i},2025/04/01 09:00,2025/04/03,佐藤,2025/04/10" for i in range(30)]
    write_csv(tmp_path / "a.csv", rows)
    events = load([tmp_path]).logs["a"].events
    steps = events.groupby(events["activity"].astype(str))["resource"].first().to_dict()
    assert set(steps) == {"受付", "審査", "完了"} and events["end"].isna().all()
    assert pd.isna(steps["受付"]) and steps["審査"] == "佐藤" and pd.isna(steps["完了"])
    rows = ["宛名番号,届出,届出日,住民登録日"]
    rows += [
        f"{1000 + i},{('転入', '転居')[i % 2]},2025/04/0{1 + i % 9},2025/04/01" for i in range(30)
    ]
    write_csv(tmp_path / "a.csv", rows)
    assert len(load([tmp_path]).logs["a"].events) == 30


def test_a_case_column_beside_a_person_key_is_found_by_its_values(tmp_path: Path) -> None:
    """ケース holds two cases of each resident: it is the case, not the resident; a case id
    written as 20250401000001 is not a time."""
    rows = ["宛名番号,ケース,処理,処理日時"]
    rows += [
        f"{1000 + i},C{i}-{k},{step},2025/04/{1 + i % 20:02d} 09:{k}{j}"
        for i in range(40)
        for k in range(2)
        for j, step in enumerate(("受付", "審査"))
    ]
    write_csv(tmp_path / "a.csv", rows)
    data = load([tmp_path])
    assert data.mappings[0].roles["case"] == "ケース"
    rows = ["相談番号,処理,処理日時"]
    rows += [f"2025040100{i:04d},{step},2025/04/01 09:0{j}" for i in range(30)
             for j, step in enumerate(("受付", "相談"))]  # fmt: skip
    write_csv(tmp_path / "a.csv", rows)
    assert load([tmp_path]).mappings[0].roles["case"] == "相談番号"


def test_excel_serial_times_are_read_as_dates_with_a_warning(tmp_path: Path) -> None:
    """A sheet saved as CSV without formatting its date column writes 46113.3854 for
    2026-04-01 09:15: read as dates and times, said in a warning (no value of the column
    could be read otherwise)."""
    write_csv(
        tmp_path / "a.csv",
        ["受付番号,処理内容,受付日時,終了日時"]
        + ["1,受付,46113.375,46113.3800", "2,審査,46114.5,46114.5100"],
    )
    data = load([tmp_path])
    events = data.logs["a"].events
    assert events["timestamp"].astype(str).tolist() == [
        "2026-04-01 09:00:00",
        "2026-04-02 12:00:00",
    ]
    assert events["end"].astype(str).tolist()[0] == "2026-04-01 09:07:12"
    codes = [getattr(w, "code", None) for w in data.warnings]
    assert codes.count("excel_serial_times") == 2
    write_csv(tmp_path / "a.csv", ["受付番号,処理内容,受付日時", "1,受付,25000", "2,審査,78000"])
    with pytest.raises(ColumnError, match="Excel serial"):
        load([tmp_path])


def test_of_two_known_headers_the_one_listed_first_wins(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "a.csv",
        [
            "受付番号,処理内容,処理日時,担当係,担当課,completed",
            "1,受付,2024/04/01 09:00,住民係,市民課,yes",
        ],
    )
    mapping = load([tmp_path]).mappings[0]
    assert mapping.roles["department"] == "担当課"
    assert "end" not in mapping.roles and "completed" in mapping.data_columns


def test_person_keys_behind_one_letter_prefix_are_the_same_numbering(tmp_path: Path) -> None:
    """A0000005 (one prefix, one width) is resident 5 of the systems writing 0000005 when the
    residents' names agree; X5, X12 … (widths vary) are a numbering of their own."""
    names = [f"住民{i:03d} 太郎" for i in range(50)]
    rows = "受付番号,処理内容,処理日時,宛名番号,氏名"
    write_csv(
        tmp_path / "a.csv",
        [rows] + [f"A{i},受付,2024/04/01 09:00,{i:07d},{names[i]}" for i in range(40)],
    )
    write_csv(
        tmp_path / "b.csv",
        [rows] + [f"B{i},申請,2024/04/02 09:00,A{i:07d},{names[i]}" for i in range(5, 45)],
    )
    write_csv(
        tmp_path / "c.csv", [rows] + [f"C{i},申請,2024/04/03 09:00,X{i},他人" for i in range(40)]
    )
    data = load([tmp_path])
    a = _keys_of(data, "a")
    b = _keys_of(data, "b")
    assert len(a & b) == 35
    assert [w[:6] for w in data.warnings] == ["c.csv:"]


def test_a_prefixed_numbering_whose_names_disagree_stays_apart(tmp_path: Path) -> None:
    """A water bureau's customers W000001 … and the residents 0000000001 … both count from 1:
    their names say they are other people, so the keys stay as written (and are warned)."""
    _residents_file(tmp_path / "juki.csv", [(f"{i:010d}", f"住民{i:03d}") for i in range(1, 41)])
    _residents_file(
        tmp_path / "suido.csv", [(f"W{i:06d}", f"顧客{i:03d}") for i in range(1, 41)], "02"
    )
    data = load([tmp_path])
    suido = _keys_of(data, "suido")
    assert suido == {f"W{i:06d}" for i in range(1, 41)}
    assert sorted(w[:9] for w in data.warnings) == ["juki.csv:", "suido.csv"]


def test_a_header_naming_a_number_is_not_the_activity_and_my_number_yields(
    tmp_path: Path,
) -> None:
    """事務番号 contains 事務 but numbers the case; 個人識別番号 is a resident key; beside a
    column named person, 個人番号 (My Number) is data."""
    write_csv(
        tmp_path / "a.tsv",
        ["事務番号\t事務処理\t開始\t個人識別番号\t個人番号"]
        + [
            f"KG{i // 3:04d}\t{'受付確認入力'[i % 3 * 2 : i % 3 * 2 + 2]}\t2024/04/01 09:{i % 60:02d}\t{i // 3}\t"
            for i in range(60)
        ],
    )
    write_csv(
        tmp_path / "b.csv",
        ["case,activity,timestamp,person,個人番号"]
        + [f"C{i},受付,2024-04-02 09:00,{i},{100000000000 + i}" for i in range(20)],
    )
    a, b = load([tmp_path]).mappings
    assert a.roles["activity"] == "事務処理" and a.roles["person"] == "個人識別番号"
    assert a.roles["case"] == "事務番号"
    assert b.roles["person"] == "person" and "個人番号" in b.data_columns


def test_a_column_of_performer_kinds_names_machines_and_residents(tmp_path: Path) -> None:
    """役割 (窓口 / 発券機 / 申請者) says who took each step: a ticket machine numbered like a
    clerk (M01) and a form with no clerk on it are the machine and the resident, and 役割 is
    not data the steps capture."""
    rows = ["受付番号,処理内容,処理日時,職員番号,役割,氏名"]
    for i in range(10):
        rows += [
            f"J{i},番号札発行,2024/04/01 09:{i:02d},M01,発券機,",
            f"J{i},異動届の記入,2024/04/01 09:{i + 10:02d},,申請者,山田 太郎",
            f"J{i},本人確認,2024/04/01 09:{i + 20:02d},E{i % 3},窓口,",
        ]
    write_csv(tmp_path / "a.csv", rows)
    data = load([tmp_path])
    mapping = data.mappings[0]
    assert mapping.roles["performer"] == "役割" and "役割" not in mapping.data_columns
    events = data.logs["a"].events
    by_step = events.groupby("activity", observed=True)["resource"].agg(
        lambda s: set(s.astype(str))
    )
    assert by_step["番号札発行"] == {"発券機"} and by_step["異動届の記入"] == {"申請者"}
    assert by_step["本人確認"] == {"E0", "E1", "E2"}


def test_a_role_column_of_staff_functions_only_is_data(tmp_path: Path) -> None:
    rows = ["受付番号,処理内容,処理日時,職員番号,役割"]
    rows += [
        f"J{i},受付,2024/04/01 09:{i:02d},E{i % 3},{'窓口審査'[i % 2 * 2 : i % 2 * 2 + 2]}"
        for i in range(10)
    ]
    write_csv(tmp_path / "a.csv", rows)
    mapping = load([tmp_path]).mappings[0]
    assert "performer" not in mapping.roles and "役割" in mapping.data_columns


def test_a_kind_of_procedure_is_not_the_activity(tmp_path: Path) -> None:
    """手続種別 (要介護認定申請 …) names the case's procedure; 処理 (受付, 入力 …) its steps."""
    rows = ["整理番号,手続種別,処理,処理日時"]
    for i in range(10):
        for k, step in enumerate(("受付", "本人確認", "入力")):
            rows.append(f"K{i},要介護認定申請,{step},2024/04/01 09:{i + k:02d}")
    write_csv(tmp_path / "a.csv", rows)
    mapping = load([tmp_path]).mappings[0]
    assert mapping.roles["activity"] == "処理" and "手続種別" in mapping.data_columns


def test_a_header_key_matching_no_one_yields_to_a_column_holding_the_others_keys(
    tmp_path: Path,
) -> None:
    """個人番号 is a person header, but in this file it holds My Numbers the other systems do
    not key by; 納税義務者番号 holds their resident numbers (unpadded): it is the key."""
    rows = "受付番号,処理内容,処理日時,宛名番号"
    write_csv(
        tmp_path / "a.csv", [rows] + [f"A{i},受付,2024/04/01 09:00,{i:010d}" for i in range(40)]
    )
    tax = ["受付番号,処理内容,処理日時,個人番号,納税義務者番号"]
    tax += [f"T{i},申告,2024/04/02 09:00,{500000000000 + i},{i}" for i in range(5, 45)]
    write_csv(tmp_path / "b.csv", tax)
    data = load([tmp_path])
    b = data.mappings[1]
    assert b.roles["person"] == "納税義務者番号" and b.how["person"] == "values"
    assert "個人番号" in b.data_columns
    shared = _keys_of(data, "a") & set(data.logs["b"].events["person"].astype(str))
    assert len(shared) == 35
    assert data.warnings == []


def test_two_groups_of_systems_padding_keys_differently_are_read_as_one(tmp_path: Path) -> None:
    """Two systems pad the resident number (0000000007), two do not (7): each pair matches
    within itself, so no file is "apart", but each matches the other pair only unpadded."""
    head = "受付番号,処理内容,処理日時,宛名番号"
    for name, width in (("a", 10), ("b", 10), ("c", 0), ("d", 0)):
        write_csv(
            tmp_path / f"{name}.csv",
            [head] + [f"{name}{i},受付,2024/04/01 09:00,{i:0{width}d}" for i in range(1, 41)],
        )
    data = load([tmp_path])
    a = _keys_of(data, "a")
    c = _keys_of(data, "c")
    assert len(a & c) == 40


def test_keys_padded_differently_are_one_key_where_few_residents_are_shared(
    tmp_path: Path,
) -> None:
    """A small town: 住民課 pads 宛名番号 to ten digits, 税務課 to eight; a third of 税務課's
    residents come to 住民課 (under the half a pair needs by share), but 1000007 … are 7-digit
    numbers of a range of 20,000, where two unrelated sets of that size would share about
    two: read as one numbering, no warning. Two numberings that both count from 1 and share
    no more than chance would (水道局's customers) stay apart."""
    names = {i: f"住民{i}" for i in range(1_000_000, 1_020_000)}
    shimin = list(range(1_000_000, 1_020_000, 100))  # 200 residents
    zeimu = list(range(1_000_000, 1_006_000, 100)) + list(range(1_000_050, 1_019_050, 200))
    _residents_file(tmp_path / "shimin.csv", [(f"{i:010d}", names[i]) for i in shimin])
    _residents_file(tmp_path / "zeimu.csv", [(f"{i:08d}", names[i]) for i in zeimu], "02")
    data = load([tmp_path])
    shared = _keys_of(data, "shimin") & _keys_of(data, "zeimu")
    assert len(shared) == 60 and not data.warnings
    # a department's own ids 1 … 1000 beside residents spread over 1 … 4000, no names to
    # tell: they share as many numbers as chance would (100), and stay apart, also with a
    # placeholder id 9999999999 stretching the range
    apart = tmp_path / "apart"
    apart.mkdir()
    head = "受付番号,処理内容,処理日時,宛名番号"
    own = [f"{i:06d}" for i in range(1, 1001)] + ["9999999999"]
    write_csv(apart / "own.csv", [head] + [f"W{k},受付,2024/04/01 09:00,{k}" for k in own])
    write_csv(
        apart / "res.csv", [head] + [f"R{i},受付,2024/04/02 09:00,{i}" for i in range(10, 4001, 10)]
    )
    data = load([apart])
    assert _keys_of(data, "own") == set(own)
    assert len(data.warnings) == 2


def test_a_register_kept_per_resident_is_read_as_a_register_not_as_events(tmp_path: Path) -> None:
    """介護保険課 exports its 対象者台帳 (one row per resident: key, name, bank, 更新日, no
    column of steps) beside its log. Its bank names are no activities: the rows are the
    department's register, compared in the silos, not events; the loader says so."""
    from procmine.fields import match_fields, resident_keys

    banks = ["みずほ銀行", "ひがし野信金", "埼玉りそな銀行"]
    residents = [(f"{i:08d}", f"住民{i}") for i in range(1, 61)]
    _residents_file(tmp_path / "shimin.csv", residents)
    write_csv(
        tmp_path / "kaigo_log.csv",
        ["受付番号,処理内容,処理日時,宛名番号"]
        + [f"K{i},認定申請受付,2024/05/01 10:00,{k}" for i, (k, _) in enumerate(residents[:40])],
    )
    write_csv(
        tmp_path / "kaigo_daicho.csv",
        ["宛名番号,氏名,金融機関名,更新日"]
        + [f"{k},{n},{banks[i % 3]},2024/03/0{1 + i % 9}" for i, (k, n) in enumerate(residents)],
    )
    (tmp_path / "procmine.toml").write_text(
        '[files."kaigo_log.csv"]\ndepartment = "介護保険課"\n'
        '[files."kaigo_daicho.csv"]\ndepartment = "介護保険課"\n',
        encoding="utf-8",
    )
    data = load([tmp_path])
    assert set(data.logs) == {"shimin", "介護保険課"} and set(data.registers) == {"介護保険課"}
    register = data.registers["介護保険課"]
    assert len(register.events) == 60 and "氏名" in register.data_columns
    assert not set(banks) & set(data.logs["介護保険課"].events["activity"].astype(str))
    assert any("read as a register" in str(w) for w in data.warnings)
    accounted = {a.source: (a.rows_read, a.rows_loaded) for a in data.accounting}
    assert accounted["kaigo_daicho.csv"] == (60, 60)
    silos = match_fields(data)
    names = silos[silos["field"] == silos.loc[silos["column"] == "氏名", "field"].iloc[0]]
    assert ("介護保険課", "氏名") in set(zip(names["department"], names["column"], strict=True))
    assert all(len(k) == len(data.logs[d].events) for d, k in resident_keys(data).items())
    # alone in its department, such a file is a log whose steps its values name (転入, 転居)
    (tmp_path / "procmine.toml").unlink()
    data = load([tmp_path])
    assert not data.registers and len(data.logs["kaigo_daicho"].events) == 60
