"""The command line, end to end: outputs, errors, help."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from procmine._forks import can_fork as _can_fork
from procmine.cli import cli

REPO = Path(__file__).resolve().parents[1]
OUTPUTS = [
    "report.html",
    "report.md",
    "report.xlsx",
    "duplicates.csv",
    "silos.csv",
    "candidates.csv",
    "journeys.csv",
    "kpis.csv",
    "handover.csv",
    "silo_values.csv",
    "linkage.csv",
    "whatif.csv",
    "findings.json",
]


@pytest.fixture(scope="module")
def tiny_city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from procmine.samples import generate

    out = tmp_path_factory.mktemp("city")
    generate(out, size="tiny", seed=3)
    return out


def error_line(stderr: str) -> str:
    """The one error line; progress lines may precede it, nothing may follow it."""
    lines = [line for line in stderr.strip().splitlines() if not line.startswith("procmine: ")]
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_every_command_has_help() -> None:
    for command in cli.commands:
        code, out, _ = run(command, "--help")
        assert code == 0 and "Usage:" in out, command


def test_analyze_writes_every_output(tiny_city: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    code, stdout, stderr = run("analyze", str(tiny_city), "--out", str(out))
    assert code == 0, stderr
    for name in OUTPUTS:
        assert (out / name).is_file(), name
    assert list((out / "maps").glob("*.svg")) and list((out / "maps").glob("*.dot"))
    dup = pd.read_csv(out / "duplicates.csv", encoding="utf-8-sig")
    assert list(dup.columns[:5]) == [
        "department_a",
        "activity_a",
        "department_b",
        "activity_b",
        "score",
    ]
    silos = pd.read_csv(out / "silos.csv", encoding="utf-8-sig")
    assert list(silos.columns[:3]) == ["field", "department", "column"]
    cand = pd.read_csv(out / "candidates.csv", encoding="utf-8-sig")
    assert list(cand.columns[:6]) == [
        "rank",
        "title",
        "principle",
        "departments",
        "activities",
        "hours_saved_per_year",
    ]
    assert set(cand["principle"]) <= {"kakasenai", "matasenai", "mayowasenai", "ikasenai"}
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert "schema_version" in findings
    # the mapping used is printed
    assert "case=" in stderr and "Report:" in stdout


def test_pseudonyms_only_with_a_salt_and_then_stable(tiny_city: Path, tmp_path: Path) -> None:
    code, _, stderr = run("analyze", str(tiny_city), "--out", str(tmp_path / "a"), "-q")
    assert code == 0, stderr
    plain = pd.read_csv(tmp_path / "a" / "journeys.csv", encoding="utf-8-sig")
    assert "pseudonym" not in plain.columns and len(plain) > 0
    for name in ("b", "c"):
        code, _, stderr = run(
            "analyze", str(tiny_city), "--out", str(tmp_path / name), "-q", "--salt", "s3cret"
        )
        assert code == 0, stderr
    b = pd.read_csv(tmp_path / "b" / "journeys.csv", encoding="utf-8-sig")
    c = pd.read_csv(tmp_path / "c" / "journeys.csv", encoding="utf-8-sig")
    assert b["pseudonym"].str.startswith("p-").all()
    assert list(b["pseudonym"]) == list(c["pseudonym"])
    persons = {
        str(v)
        for log in __import__("procmine").load([tiny_city]).logs.values()
        for v in log.events["person"].dropna().unique()
    }
    assert not persons & set(b["pseudonym"])


def test_quiet_prints_no_progress(tiny_city: Path, tmp_path: Path) -> None:
    code, stdout, stderr = run("analyze", str(tiny_city), "--out", str(tmp_path / "r"), "--quiet")
    assert code == 0 and stdout == "" and stderr == ""


def test_validate_writes_nothing_and_reports_rows(tiny_city: Path) -> None:
    before = sorted(p.name for p in tiny_city.rglob("*"))
    code, stdout, _ = run("validate", str(tiny_city))
    assert code == 0
    assert "rows read" in stdout and stdout.strip().splitlines()[-1].startswith("OK:")
    assert sorted(p.name for p in tiny_city.rglob("*")) == before


def test_discover_writes_maps_only(tiny_city: Path, tmp_path: Path) -> None:
    code, _, stderr = run("discover", str(tiny_city), "--out", str(tmp_path / "maps"), "-q")
    assert code == 0, stderr
    assert list((tmp_path / "maps").rglob("*.svg"))
    assert not list((tmp_path / "maps").rglob("report.html"))


def test_missing_input_is_one_line_exit_2(tmp_path: Path) -> None:
    code, _, stderr = run("analyze", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "r"))
    assert code == 2
    assert "nope.csv" in error_line(stderr)


def test_missing_required_column_names_file_and_option(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("受付番号,処理内容\n1,受付\n", encoding="utf-8")
    code, _, stderr = run("validate", str(tmp_path / "x.csv"))
    assert code == 2
    line = error_line(stderr)
    assert "x.csv" in line and "--timestamp" in line


def test_unknown_column_option_lists_columns(tiny_city: Path) -> None:
    code, _, stderr = run("validate", str(tiny_city / "kokuho.csv"), "--case", "存在しない列")
    assert code == 2 and "存在しない列" in error_line(stderr)


def test_sample_size_must_be_known(tmp_path: Path) -> None:
    code, _, stderr = run("sample", "--size", "huge", "--out", str(tmp_path))
    assert code == 2 and "--size" in error_line(stderr)


def test_a_city_never_seen_runs_without_code_change(tiny_city: Path, tmp_path: Path) -> None:
    """Other department names, English headers, no procmine.toml: still analysed."""
    from procmine.io import load

    data = load([tiny_city])
    city = tmp_path / "other"
    city.mkdir()
    english = {
        "case": "Case ID",
        "activity": "Task",
        "timestamp": "Start Time",
        "resource": "Handled By",
        "person": "Resident ID",
    }
    for i, (_dept, log) in enumerate(sorted(data.logs.items())):
        frame = log.events.rename(columns=english)
        keep = list(english.values()) + [f"field_{j}" for j in range(len(log.data_columns))]
        frame = frame.rename(columns={c: f"field_{j}" for j, c in enumerate(log.data_columns)})
        frame[keep].to_csv(city / f"division_{i}.csv", index=False)
    out = tmp_path / "report"
    code, _, stderr = run("analyze", str(city), "--out", str(out), "-q")
    assert code == 0, stderr
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert len(findings["departments"]) == len(data.logs)
    assert len(pd.read_csv(out / "duplicates.csv", encoding="utf-8-sig")) > 0


def test_python_m_procmine_help() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "procmine", "--help"], capture_output=True, text=True, cwd=REPO
    )
    assert done.returncode == 0 and "analyze" in done.stdout


def test_a_name_column_taken_for_the_time_is_not_echoed(tmp_path: Path) -> None:
    rows = ["受付番号,処理内容,処理日時,氏名,電話番号"] + [
        f"{i},受付,2026-04-01 09:00,光陽花子{i},090-5555-{i:04d}" for i in range(20)
    ]
    (tmp_path / "x.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for column in ("氏名", "電話番号"):
        code, _, stderr = run("validate", str(tmp_path / "x.csv"), "--timestamp", column)
        line = error_line(stderr)
        assert code == 2 and column in line
        assert "光陽花子" not in stderr and "090-5555" not in stderr


def _helpers_started(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Count the helper processes procmine starts (analysis stages and the report's
    workbook); returns the list each of them appends to."""
    from procmine import _forks

    started: list[bool] = []
    spawn = _forks.Pending._spawn

    def counting(self: _forks.Pending[object]) -> None:
        started.append(True)
        spawn(self)

    monkeypatch.setattr(_forks.Pending, "_spawn", counting)
    return started


@pytest.mark.skipif(not _can_fork(), reason="needs os.fork and two cores")
def test_no_parallel_starts_no_helper_and_writes_the_same_files(
    tiny_city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = _helpers_started(monkeypatch)
    code, _, stderr = run("analyze", str(tiny_city), "--out", str(tmp_path / "default"), "-q")
    assert code == 0, stderr
    assert started, "the default runs stages in helpers"
    started.clear()
    code, _, stderr = run(
        "analyze", str(tiny_city), "--out", str(tmp_path / "one"), "-q", "--no-parallel"
    )
    assert code == 0, stderr
    assert started == []

    default = sorted(p.relative_to(tmp_path / "default") for p in (tmp_path / "default").rglob("*"))
    one = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*"))
    assert default == one and "report.xlsx" in {p.name for p in default}
    for name in default:
        if (tmp_path / "default" / name).is_file():
            a = (tmp_path / "default" / name).read_bytes()
            assert a == (tmp_path / "one" / name).read_bytes(), f"{name} differs"


def test_compare_passes_no_parallel_to_analyze(
    tiny_city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import procmine.analysis
    from procmine.errors import ProcmineError

    asked: list[object] = []

    def stop(*_args: Any, **kwargs: Any) -> Any:
        asked.append(kwargs.get("parallel"))
        raise ProcmineError("stopped after the options were seen")

    monkeypatch.setattr(procmine.analysis, "analyze", stop)
    for flag, parallel in (("--no-parallel", False), ("--parallel", True)):
        asked.clear()
        code, _, stderr = run(
            "compare", str(tiny_city), str(tiny_city), "--out", str(tmp_path / "c"), "-q", flag
        )
        assert code == 1 and "stopped after the options were seen" in stderr
        assert asked == [parallel], flag
