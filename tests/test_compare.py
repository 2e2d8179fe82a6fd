"""As-Is vs To-Be comparison: tables, report files, CLI."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from procmine.cli import cli


@pytest.fixture(scope="module")
def cities(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from procmine.samples import generate

    root = tmp_path_factory.mktemp("cmp")
    generate(root / "asis", size="tiny", seed=5)
    generate(root / "tobe", size="tiny", seed=5, variant="tobe")
    return root / "asis", root / "tobe"


def test_compare_writes_tables_and_report(cities: tuple[Path, Path], tmp_path: Path) -> None:
    before, after = cities
    out = tmp_path / "cmp"
    result = CliRunner().invoke(cli, ["compare", str(before), str(after), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    for name in ("comparison.html", "comparison.md", "kpi_comparison.csv", "department_comparison.csv",
                 "activity_changes.csv"):
        assert (out / name).is_file(), name
    acts = pd.read_csv(out / "activity_changes.csv", encoding="utf-8-sig")
    assert set(acts["status"]) <= {"removed", "added", "kept"}
    # the reform replaces resident-written forms by an interview and a signature
    assert (acts["status"] == "added").any() and (acts["status"] == "removed").any()
    page = (out / "comparison.html").read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page


def test_compare_analyses_marks_removed_and_added_activities(two_departments) -> None:
    from procmine.analysis import Analysis
    from procmine.compare import compare_analyses
    from procmine.discover import discover_all

    maps = discover_all(two_departments.logs)
    empty = pd.DataFrame()
    before = Analysis(two_departments, maps, empty, empty, empty, empty)
    after_maps = dict(maps)
    after_maps.pop("保険年金課")
    after = Analysis(two_departments, after_maps, empty, empty, empty, empty)
    cmp = compare_analyses(before, after)
    removed = cmp.activities[cmp.activities["status"] == "removed"]
    assert set(removed["department"]) == {"保険年金課"}
    row = cmp.departments.set_index("department").loc["保険年金課"]
    assert row["events_before"] == 8 and row["events_after"] == 0
