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
    for name in (
        "comparison.html",
        "comparison.md",
        "kpi_comparison.csv",
        "queue_comparison.csv",
        "department_comparison.csv",
        "activity_changes.csv",
    ):
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


def test_kpis_per_life_event_line_up_before_and_after(cities: tuple[Path, Path]) -> None:
    from procmine.compare import compare

    before, after = cities
    kpis = compare(before, after, salt="s").kpis
    assert {"life_event", "n_before", "n_after"} <= set(kpis.columns)
    assert {
        "form_step_minutes",
        "peak_waiting_minutes_per_visit",
        "staff_hours_per_journey",
        "minutes_on_site_per_journey",
        "counters_per_journey",
    } <= set(kpis["kpi"])
    overall = kpis[kpis["life_event"] == "all"].set_index("kpi")
    # the reform replaces writing by an interview and a signature: shorter, and no forms
    assert overall.loc["form_step_minutes", "after"] < overall.loc["form_step_minutes", "before"]
    assert overall.loc["forms_per_journey", "after"] < overall.loc["forms_per_journey", "before"]
    # the life events are named alike in both logs: most have journeys on both sides
    per = kpis[(kpis["life_event"] != "all") & (kpis["kpi"] == "visits_per_journey")]
    both = per["n_before"].notna() & per["n_after"].notna()
    assert per.loc[both, "n_before"].sum() >= 0.8 * per["n_before"].sum()


def test_peak_queue_wait_is_compared_overall_and_at_the_busiest_counter(
    cities: tuple[Path, Path],
) -> None:
    from procmine.compare import QUEUE_COLUMNS, compare

    result = compare(*cities, salt="s")
    q = result.queues
    assert list(q.columns) == QUEUE_COLUMNS
    assert q["counter"].iloc[0] == "all" and int(q["busiest"].sum()) == 1
    busiest = q[q["busiest"]].iloc[0]
    # the busiest counter BEFORE has the most tickets of the departments on the peak days
    assert busiest["tickets_before"] == q["tickets_before"].iloc[1:].max()
    kpis = result.kpis[result.kpis["life_event"] == "all"].set_index("kpi")
    assert kpis.loc["peak_queue_minutes_busiest_counter", "before"] == pytest.approx(
        busiest["median_before"]
    )
