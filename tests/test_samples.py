"""procmine.samples.generate: determinism, encodings, planted ground truth, cleaning."""

from __future__ import annotations

import csv
import io
import re
import tomllib
from datetime import datetime
from pathlib import Path

import pytest

from procmine.errors import ConfigError
from procmine.samples import generate
from procmine.samples.koyo import KOYO
from procmine.samples.people import mynumber_check_digit

CASE = ("受付番号", "申請番号", "ケース番号", "管理番号")
ACTIVITY = ("処理内容", "手続", "作業名", "処理名")
TIMESTAMP = ("処理日時", "日時", "受付日時", "実施日時")
RESOURCE = ("担当者", "担当", "処理者")
PERSON = ("宛名番号", "住民番号", "個人コード", "宛名コード")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    out = tmp_path_factory.mktemp("tiny")
    return out, generate(out, size="tiny", seed=7)


def _config(folder: Path) -> dict[str, dict[str, object]]:
    return tomllib.loads((folder / "procmine.toml").read_text(encoding="utf-8"))["files"]


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    enc = str(_config(folder)[name].get("encoding", "utf-8"))
    text = (folder / name).read_bytes().decode(enc)
    return list(csv.DictReader(io.StringIO(text)))


def _truth(folder: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / "truth" / name).read_text("utf-8"))))


def _role(header: list[str], names: tuple[str, ...]) -> str:
    found = [h for h in header if h in names]
    assert len(found) == 1, f"expected one of {names} in {header}"
    return found[0]


def _by_department(folder: Path) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """department -> (file, row) for every exported row, department from config or column."""
    out: dict[str, list[tuple[str, dict[str, str]]]] = {}
    for name, settings in _config(folder).items():
        rows = _read(folder, name)
        dept_col = settings.get("columns", {}).get("department")  # type: ignore[union-attr]
        for row in rows:
            dept = row[dept_col] if dept_col else str(settings["department"])
            out.setdefault(dept, []).append((name, row))
    return out


def _labels(folder: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for dept, rows in _by_department(folder).items():
        for name, row in rows:
            act = _role(list(row), ACTIVITY)
            out.setdefault(dept, set()).add(row[act])
    return out


def test_two_runs_with_the_same_seed_are_byte_identical(tmp_path: Path, tiny) -> None:
    first, _ = tiny
    generate(tmp_path, size="tiny", seed=7)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (tmp_path / rel).read_bytes(), rel


def test_another_seed_gives_other_data(tmp_path: Path, tiny) -> None:
    first, _ = tiny
    generate(tmp_path, size="tiny", seed=8)
    assert (first / "juki.csv").read_bytes() != (tmp_path / "juki.csv").read_bytes()


def test_files_are_in_the_encodings_procmine_toml_declares(tiny) -> None:
    folder, summary = tiny
    config = _config(folder)
    encodings = {name: settings.get("encoding", "utf-8") for name, settings in config.items()}
    assert sorted(encodings) == sorted(summary["files"])  # type: ignore[call-overload]
    assert list(encodings.values()).count("cp932") >= 2
    assert "utf-8-sig" in encodings.values()
    for name, enc in encodings.items():
        data = (folder / name).read_bytes()
        if enc == "cp932":
            data.decode("cp932")
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
        elif enc == "utf-8-sig":
            assert data.startswith(b"\xef\xbb\xbf")
            data.decode("utf-8")
        else:
            assert enc == "utf-8" and not data.startswith(b"\xef\xbb\xbf")
            data.decode("utf-8")


def test_every_export_has_recognisable_role_headers_and_its_own_layout(tiny) -> None:
    folder, _ = tiny
    headers = {}
    for name in _config(folder):
        header = list(_read(folder, name)[0])
        for names in (CASE, ACTIVITY, TIMESTAMP, RESOURCE, PERSON):
            _role(header, names)
        headers[name] = tuple(header)
    assert len(set(headers.values())) == len(headers)
    assert sum(1 for h in headers.values() if {"処理終了日時", "完了日時"} & set(h)) >= 3


def test_the_resident_key_links_departments(tiny) -> None:
    folder, _ = tiny
    persons: dict[str, set[str]] = {}
    for dept, rows in _by_department(folder).items():
        for _, row in rows:
            persons.setdefault(row[_role(list(row), PERSON)], set()).add(dept)
    assert max(len(d) for d in persons.values()) >= 5
    assert all(re.fullmatch(r"\d{10}", p) for p in persons)


def test_every_truth_activity_occurs_in_its_departments_export(tiny) -> None:
    folder, summary = tiny
    labels = _labels(folder)
    assert len(labels) >= 8
    dup = _truth(folder, "duplicates.csv")
    assert {r["cluster"] for r in dup} >= {
        "ID", "NUM", "FORM", "ADDR", "KEY", "INCOME", "ACCT", "GUIDE", "COPY", "QUEUE"
    }  # fmt: skip
    for row in dup + _truth(folder, "negatives.csv"):
        assert row["activity"] in labels[row["department"]], row
    assert {r["group"] for r in _truth(folder, "negatives.csv")} == {
        "審査",
        "訪問",
        "住所",
        "通知",
        "交付",
    }
    assert summary["missing_activities"] == []
    activities = _truth(folder, "activities.csv")
    assert len(activities) >= 140
    for row in activities:
        assert row["activity"] in labels[row["department"]], row


def test_aliases_are_noisy_labels_that_occur_beside_their_primary_label(tiny) -> None:
    folder, _ = tiny
    labels = _labels(folder)
    aliases = _truth(folder, "aliases.csv")
    assert len(aliases) >= 20
    for row in aliases:
        assert row["alias"] != row["activity"]
        assert row["alias"] in labels[row["department"]], row
    old_system = {alias for a in KOYO.activities for alias in a.aliases}
    assert "国保加入届受付" in old_system
    assert any(r["alias"] in old_system for r in aliases)
    assert any(r["alias"].endswith("_窓口") for r in aliases)
    assert any("(" in r["alias"] for r in aliases)


def test_planted_decoys_exist_and_hold_values(tiny) -> None:
    folder, _ = tiny
    by_dept = _by_department(folder)
    decoys = _truth(folder, "decoys.csv")
    assert {(r["column"], r["looks_like"]) for r in decoys} >= {
        ("施設住所", "ADDR"), ("児童氏名", "NAME"), ("勤務先電話", "TEL")
    }  # fmt: skip
    for row in decoys:
        values = [r[row["column"]] for _, r in by_dept[row["department"]] if row["column"] in r]
        assert values, row
        assert any(values), row


def test_silo_truth_names_real_columns_with_rates(tiny) -> None:
    folder, _ = tiny
    by_dept = _by_department(folder)
    silos = _truth(folder, "silos.csv")
    fields = {r["field"] for r in silos}
    assert fields >= {"NAME", "KANA", "DOB", "ADDR", "TEL", "MYNUM", "BANK", "INCOME"}
    for row in silos:
        assert any(row["column"] in r for _, r in by_dept[row["department"]]), row
        assert 0.0 <= float(row["planted_inconsistency_rate"]) <= 1.0
        if row["department"] == "市民課":
            assert float(row["planted_inconsistency_rate"]) == 0.0
    assert any(float(r["planted_inconsistency_rate"]) > 0 for r in silos)
    assert any(float(r["format_variant_rate"]) > 0 for r in silos if r["field"] == "ADDR")


def test_each_row_fills_only_the_fields_its_activity_captures(tiny) -> None:
    folder, _ = tiny
    rows = _read(folder, "juki.csv")
    tickets = [r for r in rows if r["処理内容"] == "番号札発券"]
    assert tickets and all(r["氏名"] == "" and r["住所"] == "" for r in tickets)
    assert all(r["担当者"] == "SYSTEM" for r in tickets)
    entries = [r for r in rows if r["処理内容"] == "住民記録異動入力"]
    assert entries and all(r["氏名"] and r["住所"] for r in entries)


def test_my_numbers_carry_a_valid_check_digit(tiny) -> None:
    folder, _ = tiny
    numbers = [r["個人番号"] for r in _read(folder, "juki.csv") if r["個人番号"]]
    assert numbers
    for n in numbers:
        assert len(n) == 12 and int(n[-1]) == mynumber_check_digit(n[:11])


def test_time_stamps_follow_each_systems_habits(tiny) -> None:
    folder, _ = tiny
    kaigo = _read(folder, "kaigo.csv")
    assert all(re.fullmatch(r"令和\d+年\d+月\d+日 \d+時\d\d分", r["実施日時"]) for r in kaigo)
    assert any(re.match(r"(昭和|大正)\d+年", r["生年月日（和暦）"]) for r in kaigo)
    kokuho = [datetime.fromisoformat(r["日時"]) for r in _read(folder, "kokuho.csv")]
    assert kokuho != sorted(kokuho)
    juki = _read(folder, "juki.csv")
    staff = [datetime.strptime(r["処理日時"], "%Y/%m/%d %H:%M:%S") for r in juki
             if r["担当者"].startswith("SHIMIN-")]  # fmt: skip
    assert all(t.weekday() < 5 and (8, 30) <= (t.hour, t.minute) for t in staff)
    resources = {r["担当者"] for r in juki}
    assert {"RESIDENT", "SYSTEM"} <= resources
    assert any(re.fullmatch(r"SHIMIN-受付-\d\d", r) for r in resources)


def test_summary_counts_match_the_files(tiny) -> None:
    folder, summary = tiny
    assert summary["cases"] == 100
    files = summary["files"]
    assert isinstance(files, dict)
    for name, info in files.items():
        assert info["events"] == len(_read(folder, name))
    assert summary["events"] == sum(info["events"] for info in files.values())


def test_regenerating_replaces_own_files_and_keeps_others(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    (tmp_path / "truth").mkdir()
    (tmp_path / "truth" / "mine.csv").write_text("keep me too")
    (tmp_path / "juki.csv").write_text("stale")
    summary = generate(tmp_path, size=40, seed=3)
    assert summary["cases"] == 40
    assert (tmp_path / "notes.txt").read_text() == "keep me"
    assert (tmp_path / "truth" / "mine.csv").read_text() == "keep me too"
    assert (tmp_path / "juki.csv").read_bytes() != b"stale"


@pytest.mark.parametrize("size", ["huge", 0, -5, 2.5, True])
def test_bad_sizes_are_refused(tmp_path: Path, size: object) -> None:
    with pytest.raises(ConfigError, match="size"):
        generate(tmp_path, size=size, seed=1)  # type: ignore[arg-type]
