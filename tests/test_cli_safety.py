"""The command line never deletes or mixes what the user holds, and says what it dropped.

``compare`` refuses an --out that is (or holds) one of its inputs, ``sample`` refuses a folder
it did not write unless ``--force`` and never mixes two cities in one folder, ``-q`` keeps
warnings, the --out folder is checked before the inputs are read, and a comparison of two
inputs without a department in common says so.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from procmine.cli import cli

STEPS = ("受付", "本人確認", "入力", "交付")
REPO = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def error_line(stderr: str) -> str:
    """The one error line; progress lines may precede it, nothing may follow it."""
    lines = [line for line in stderr.strip().splitlines() if not line.startswith("procmine: ")]
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Warning: ")]


def mini_city(folder: Path, departments: tuple[str, ...], *, repeat_a_row: bool = False) -> Path:
    """One small export per department (file stem = department); optionally with a row
    that repeats the one before it, which the loader drops with a warning."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, dept in enumerate(departments):
        rows = ["受付番号,処理内容,処理日時,担当者"]
        for c in range(6):
            rows += [
                f"{dept[0].upper()}{c},{step},2024-04-0{1 + c % 5} {9 + k:02d}:{10 * j:02d},S{j}"
                for j, step in enumerate(STEPS)
            ]
        if repeat_a_row and k == 0:
            rows.append(rows[-1])
        (folder / f"{dept}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def cities(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two small cities with no department in common; the first has a repeated row."""
    root = tmp_path_factory.mktemp("safety")
    before = mini_city(root / "before", ("shimin", "hoken"), repeat_a_row=True)
    after = mini_city(root / "after", ("zeimu", "fukushi"))
    return before, after


# --------------------------------------------------------------------------- compare --out


def test_compare_refuses_an_out_that_is_an_input_even_with_force(
    cities: tuple[Path, Path], tmp_path: Path
) -> None:
    city = tmp_path / "city"
    shutil.copytree(cities[0], city)
    before = snapshot(city)
    for args in (
        (str(city), str(city)),  # the probe's case: one folder as BEFORE, AFTER and --out
        (str(city), str(cities[1])),
        (str(cities[1]), str(city)),
    ):
        code, _, stderr = run("compare", *args, "--out", str(city), "--force", "-q")
        assert code == 2, stderr
        line = error_line(stderr)
        assert "holds the input" in line and "--out" in line
        assert snapshot(city) == before, "an input was changed"


def test_compare_refuses_an_out_that_holds_an_input(
    cities: tuple[Path, Path], tmp_path: Path
) -> None:
    root = tmp_path / "root"
    shutil.copytree(cities[0], root / "before")
    before = snapshot(root)
    code, _, stderr = run(
        "compare",
        str(root / "before" / "shimin.csv"),
        str(cities[1]),
        "--out",
        str(root),
        "--force",
    )
    assert code == 2 and "holds the input" in error_line(stderr)
    assert snapshot(root) == before


def test_compare_writes_into_a_new_folder_inside_an_input_as_analyze_does(
    cities: tuple[Path, Path], tmp_path: Path
) -> None:
    """A new subfolder deletes nothing and is not read back (folders are read one level)."""
    city = tmp_path / "city"
    shutil.copytree(cities[0], city)
    before = snapshot(city)
    code, _, stderr = run("compare", str(city), str(city), "--out", str(city / "cmp"), "-q")
    assert code == 0, stderr
    assert (city / "cmp" / "comparison.html").is_file()
    assert {k: v for k, v in snapshot(city).items() if not k.startswith("cmp/")} == before


def test_comparison_write_refuses_its_inputs(cities: tuple[Path, Path], tmp_path: Path) -> None:
    from procmine.compare import compare
    from procmine.errors import OutputError

    city = tmp_path / "city"
    shutil.copytree(cities[1], city)
    result = compare(cities[0], city)
    with pytest.raises(OutputError, match="holds the input"):
        result.write(city, force=True)
    assert (city / "zeimu.csv").is_file()


# --------------------------------------------------------------------------- --out up front


@pytest.mark.parametrize("command", ["analyze", "discover", "compare"])
def test_out_is_checked_before_the_inputs_are_read(
    command: str, cities: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import procmine.analysis
    import procmine.io

    read: list[str] = []

    def reads(*_args: Any, **_kwargs: Any) -> Any:
        read.append(command)
        raise AssertionError("the inputs were read before --out was checked")

    monkeypatch.setattr(procmine.analysis, "analyze", reads)
    monkeypatch.setattr(procmine.io, "load", reads)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    inputs = [str(cities[0])] + ([str(cities[1])] if command == "compare" else [])
    code, _, stderr = run(command, *inputs, "--out", str(out))
    assert code == 2, stderr
    line = error_line(stderr)
    assert "already exists and is not a procmine report" in line
    assert ("--force" in line) == (command != "discover")  # discover has no --force
    assert read == [] and (out / "keep.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("command", ["analyze", "compare"])
def test_out_that_is_a_file_is_refused_before_the_inputs_are_read(
    command: str, cities: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import procmine.analysis

    monkeypatch.setattr(procmine.analysis, "analyze", lambda *a, **k: pytest.fail("read"))
    (tmp_path / "out").write_text("x", encoding="utf-8")
    inputs = [str(cities[0])] + ([str(cities[1])] if command == "compare" else [])
    code, _, stderr = run(command, *inputs, "--out", str(tmp_path / "out"), "--force")
    assert code == 2 and "exists and is not a folder" in error_line(stderr)
    assert (tmp_path / "out").read_text(encoding="utf-8") == "x"


# --------------------------------------------------------------------------- -q and warnings


@pytest.mark.parametrize("command", ["analyze", "discover"])
def test_quiet_keeps_warnings_and_drops_progress_and_mapping(
    command: str, cities: tuple[Path, Path], tmp_path: Path
) -> None:
    code, stdout, stderr = run(command, str(cities[0]), "--out", str(tmp_path / "o"), "-q")
    assert code == 0, stderr
    assert stdout == ""
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Warning: shimin.csv:"), stderr
    assert "dropped" in lines[0]


def test_without_quiet_the_mapping_and_the_warning_are_printed(
    cities: tuple[Path, Path], tmp_path: Path
) -> None:
    code, _, stderr = run("discover", str(cities[0]), "--out", str(tmp_path / "o"))
    assert code == 0, stderr
    assert any(line.startswith("shimin.csv") for line in stderr.splitlines()), stderr
    assert len(warnings(stderr)) == 1


def test_compare_prints_the_warnings_of_its_inputs(
    cities: tuple[Path, Path], tmp_path: Path
) -> None:
    code, _, stderr = run(
        "compare", str(cities[0]), str(cities[0]), "--out", str(tmp_path / "c"), "-q"
    )
    assert code == 0, stderr
    dropped = [w for w in warnings(stderr) if "dropped" in w]
    assert len(dropped) == 2 and "BEFORE" in dropped[0] and "AFTER" in dropped[1], stderr


# --------------------------------------------------------------------------- compare: nothing in common


def test_compare_without_a_department_in_common_warns_naming_both_sides(
    cities: tuple[Path, Path], tmp_path: Path
) -> None:
    code, _, stderr = run(
        "compare", str(cities[0]), str(cities[1]), "--out", str(tmp_path / "c"), "-q"
    )
    assert code == 0, stderr
    common = [w for w in warnings(stderr) if "no department in common" in w]
    assert len(common) == 1, stderr
    for dept in ("shimin", "hoken", "zeimu", "fukushi"):
        assert dept in common[0]
    assert (tmp_path / "c" / "comparison.html").is_file()


def test_compare_with_departments_in_common_does_not_warn(
    cities: tuple[Path, Path], tmp_path: Path
) -> None:
    after = mini_city(tmp_path / "after", ("shimin", "zeimu"))
    code, _, stderr = run("compare", str(cities[1]), str(after), "--out", str(tmp_path / "c"))
    assert code == 0, stderr
    assert not [w for w in warnings(stderr) if "in common" in w], stderr


# --------------------------------------------------------------------------- sample --out


def test_sample_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "u"
    out.mkdir()
    (out / "juki.csv").write_text("mine", encoding="utf-8")
    for size in ("3", "1k"):
        code, _, stderr = run("sample", "--size", size, "--out", str(out))
        assert code == 2, stderr
        line = error_line(stderr)
        assert "not a procmine sample" in line and "--force" in line
        assert sorted(p.name for p in out.iterdir()) == ["juki.csv"]
        assert (out / "juki.csv").read_text(encoding="utf-8") == "mine"


def test_sample_refuses_a_report_folder(tmp_path: Path) -> None:
    out = tmp_path / "report"
    out.mkdir()
    (out / ".procmine-report").write_text("procmine report\n", encoding="utf-8")
    (out / "findings.json").write_text("{}", encoding="utf-8")
    code, _, stderr = run("sample", "--size", "3", "--out", str(out))
    assert code == 2 and "not a procmine sample" in error_line(stderr)


def test_sample_force_replaces_only_what_a_sample_writes(tmp_path: Path) -> None:
    out = tmp_path / "u"
    out.mkdir()
    (out / "juki.csv").write_text("mine", encoding="utf-8")
    (out / "notes.txt").write_text("keep", encoding="utf-8")
    code, _, stderr = run("sample", "--size", "3", "--out", str(out), "--force")
    assert code == 0, stderr
    assert (out / "juki.csv").read_bytes() != b"mine"
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep"
    fresh = tmp_path / "fresh"
    assert run("sample", "--size", "3", "--out", str(fresh))[0] == 0
    assert snapshot(out) == {**snapshot(fresh), "notes.txt": b"keep"}


def test_sample_writes_into_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "e").mkdir()
    code, _, stderr = run("sample", "--size", "3", "--out", str(tmp_path / "e"))
    assert code == 0, stderr
    assert (tmp_path / "e" / "procmine.toml").is_file()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("--size", "3"), ("--size", "3", "--city", "other")),
        (("--size", "3", "--city", "other"), ("--size", "3")),
        (("--size", "3"), ("--size", "1k")),
        (("--size", "1k"), ("--size", "3", "--city", "other")),
        (("--size", "1k"), ("--size", "2k", "--seed", "3")),
    ],
)
def test_an_earlier_sample_is_replaced_without_force_and_never_mixed(
    first: tuple[str, ...], second: tuple[str, ...], tmp_path: Path
) -> None:
    out, fresh = tmp_path / "s", tmp_path / "fresh"
    assert run("sample", *first, "--out", str(out))[0] == 0
    code, _, stderr = run("sample", *second, "--out", str(out))
    assert code == 0, stderr
    assert run("sample", *second, "--out", str(fresh))[0] == 0
    assert snapshot(out) == snapshot(fresh)


def test_the_scale_city_leaves_a_marker_the_loader_skips(tmp_path: Path) -> None:
    from procmine.io import load

    code, _, stderr = run("sample", "--size", "1k", "--out", str(tmp_path / "s"))
    assert code == 0, stderr
    assert (tmp_path / "s" / ".procmine-sample").is_file()
    assert not load([tmp_path / "s"]).warnings


@pytest.mark.parametrize("size", ["0k", "0", "-5", "2X", "huge"])
def test_bad_size_names_every_form(size: str, tmp_path: Path) -> None:
    code, _, stderr = run("sample", "--size", size, "--out", str(tmp_path / "o"))
    assert code == 2
    assert (
        "use tiny, small, year, a positive number of cases, or a number of events such as "
        "100k or 1M" in error_line(stderr)
    )
    assert not (tmp_path / "o").exists()


def test_discover_refusing_a_foreign_out_does_not_offer_a_force_it_lacks(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, stderr = run("discover", str(REPO / "sample_logs"), "--out", str(out), "-q")
    assert code == 2
    assert "not a procmine report" in stderr and "--force" not in stderr
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
