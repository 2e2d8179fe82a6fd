"""Aggregation engines: DuckDB and Spark give exactly what the pandas engine (pm4py) gives.

Compared on the sample city and on generated logs with ties in timestamps, sub-second
times, single-event cases, unsorted rows and a label that contains the variant separator;
then whole ``procmine analyze`` runs on two engines must write byte-identical files.
Spark runs in local mode, one session for this module; its tests skip when pyspark or
Java is missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import procmine
from procmine.cli import cli
from procmine.discover import discover
from procmine.engine import ENGINES, current, get_engine, using
from procmine.engine.base import DirectlyFollows
from procmine.errors import ConfigError
from procmine.model import EventLog

REPO = Path(__file__).resolve().parents[1]


def _spark_missing() -> str | None:
    """Why Spark cannot run here, or None."""
    try:
        from procmine.engine.spark_engine import check_spark

        check_spark()
    except ConfigError as err:
        return str(err)
    return None


@pytest.fixture(scope="module")
def spark_engine():
    """One local Spark session for the whole module, stopped at its end."""
    reason = _spark_missing()
    if reason:
        pytest.skip(f"Spark unavailable: {reason}")
    engine = get_engine("spark", spark_master="local[2]")
    yield engine
    engine.close()


@pytest.fixture(params=[name for name in ENGINES if name != "pandas"])
def engine(request: pytest.FixtureRequest):
    """Each engine that must equal the pandas engine."""
    if request.param == "spark":
        return request.getfixturevalue("spark_engine")
    return get_engine(request.param)


@pytest.fixture(scope="module")
def sample() -> procmine.Dataset:
    return procmine.load(REPO / "sample_logs")


def generated_logs(seed: int, departments: int = 3) -> dict[str, pd.DataFrame]:
    """Small department logs that stress the definitions: equal timestamps within a case,
    sub-second and nanosecond times, one-event cases, a label with " → " in it, and (in the
    last department) rows that are not sorted by case and time."""
    rng = np.random.default_rng(seed)
    labels = np.array(["受付", "審査", "本人確認", "入力", "A → B", "A", "B", "交付"])
    out = {}
    for d in range(departments):
        lengths = rng.choice([1, 1, 2, 3, 4, 6, 9], size=int(rng.integers(20, 60)))
        n = int(lengths.sum())
        case = np.repeat([f"D{d}-{k:03d}" for k in range(len(lengths))], lengths)
        start = rng.integers(0, 30, len(lengths)) * np.timedelta64(1, "D")
        # Steps of 0 (a tie), whole minutes, or a few nanoseconds to seconds.
        step = (
            rng.choice([0, 0, 60, 600, 3600], size=n)
            .astype("timedelta64[s]")
            .astype("timedelta64[ns]")
        )
        step += rng.choice([0, 0, 1, 500_000, 1_234_567_891], size=n).astype("timedelta64[ns]")
        first = np.r_[0, np.cumsum(lengths)[:-1]]
        step[first] = np.timedelta64(0, "ns")
        offset = np.cumsum(step)
        offset -= np.repeat(offset[first], lengths)
        ts = np.datetime64("2026-04-01T09:00", "ns") + np.repeat(start, lengths) + offset
        frame = pd.DataFrame(
            {
                "case": pd.array(case, dtype="string"),
                "activity": pd.array(labels[rng.integers(0, len(labels), n)], dtype="string"),
                "timestamp": ts,
            }
        )
        if d == departments - 1:
            frame = frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)
        out[f"課{d}"] = frame
    return out


def test_each_engine_equals_pandas_on_the_sample_city(engine, sample: procmine.Dataset) -> None:
    reference = get_engine("pandas")
    assert len(sample.logs) == 8
    for dept, log in sample.logs.items():
        expected = reference.directly_follows(log.events)
        assert expected.edges and expected.starts and expected.ends, dept
        assert engine.directly_follows(log.events) == expected, dept
        assert engine.variants(log.events) == reference.variants(log.events), dept


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_engine_equals_pandas_on_generated_logs(engine, seed: int) -> None:
    reference = get_engine("pandas")
    for dept, events in generated_logs(seed).items():
        expected = reference.directly_follows(events)
        got = engine.directly_follows(events)
        assert got.edges == expected.edges, dept
        assert (got.starts, got.ends) == (expected.starts, expected.ends), dept
        assert engine.variants(events) == reference.variants(events), dept


def _definition_log() -> pd.DataFrame:
    rows = [
        ("x", "A", "2026-04-01 09:00:00"),
        ("x", "B", "2026-04-01 09:00:00"),  # a tie: row order decides A → B
        ("x", "C", "2026-04-01 09:30:00"),
        ("y", "B", "2026-04-01 10:00:00"),
        ("y", "A", "2026-04-01 10:00:00"),
        ("y", "C", "2026-04-01 10:00:00.5"),
        ("z", "C", "2026-04-01 11:00:00"),  # a case of one event
        ("w", "A", "2026-04-01 12:00:00"),
        ("w", "B", "2026-04-01 12:10:00"),
        ("v", "A → B", "2026-04-01 13:00:00"),  # spells the same variant as "A" then "B"
    ]
    frame = pd.DataFrame(rows, columns=["case", "activity", "timestamp"])
    return frame.assign(timestamp=pd.to_datetime(frame["timestamp"], format="ISO8601")).astype(
        {"case": "string", "activity": "string"}
    )


@pytest.mark.parametrize("name", ["pandas", "duckdb", "spark"])
def test_engines_follow_the_documented_definitions(
    name: str, request: pytest.FixtureRequest
) -> None:
    chosen = request.getfixturevalue("spark_engine") if name == "spark" else get_engine(name)
    result = chosen.directly_follows(_definition_log())
    assert result == DirectlyFollows(
        edges={
            ("A", "B"): (2, 5.0),  # waits 0 and 10 min: the median of two is their mean
            ("A", "C"): (1, 1e-6 * 500_000 / 60),  # pm4py's seconds: … + 1e-6 × microseconds
            ("B", "A"): (1, 0.0),
            ("B", "C"): (1, 30.0),
        },
        starts={"A": 2, "A → B": 1, "B": 1, "C": 1},
        ends={"A → B": 1, "B": 1, "C": 3},
    )
    assert chosen.variants(_definition_log()) == {
        "A → B": 2,
        "A → B → C": 1,
        "B → A → C": 1,
        "C": 1,
    }


def test_empty_events_give_empty_aggregates(engine) -> None:
    empty = _definition_log().iloc[:0]
    assert engine.directly_follows(empty) == DirectlyFollows({}, {}, {})
    assert engine.variants(empty) == {}


def _log(dept: str, events: pd.DataFrame) -> EventLog:
    events = events.assign(end=pd.NaT, resource=pd.NA, person=pd.NA)
    return EventLog(dept, events, (), (f"{dept}.csv",))


def test_discover_gives_the_same_process_map_on_every_engine(
    engine, sample: procmine.Dataset
) -> None:
    logs = [
        sample.logs["市民課"],
        *(_log(d, e) for d, e in generated_logs(4, departments=2).items()),
    ]
    for log in logs:
        with using("pandas"):
            expected = discover(log)
        with using(engine):
            got = discover(log)
        assert nx.utils.graphs_equal(got.graph, expected.graph), log.department
        assert sorted(got.graph.edges(data=True)) == sorted(expected.graph.edges(data=True))
        pd.testing.assert_frame_equal(got.variants, expected.variants)
        pd.testing.assert_frame_equal(got.activities, expected.activities)


def test_using_restores_the_previous_engine() -> None:
    before = current()
    with using("pandas") as chosen:
        assert current() is chosen and chosen.name == "pandas"
        with using("duckdb"):
            assert current().name == "duckdb"
        assert current() is chosen
    assert current() is before


def test_unknown_engine_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown engine 'polars': use duckdb, pandas or spark"):
        get_engine("polars")
    with pytest.raises(ConfigError, match="unknown engine"):
        procmine.analyze(REPO / "sample_logs", engine="polars")


@pytest.fixture(scope="module")
def tiny_city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from procmine.samples import generate

    out = tmp_path_factory.mktemp("city")
    generate(out, size="tiny", seed=5)
    return out


def _analyze(city: Path, out: Path, *options: str) -> Path:
    result = CliRunner().invoke(
        cli, ["analyze", str(city), "--out", str(out), "-q", "--what-if", "0", *options]
    )
    assert result.exit_code == 0, result.output
    return out


def _outputs(folder: Path) -> dict[str, bytes]:
    names = ["findings.json", *sorted(p.name for p in folder.glob("*.csv"))]
    return {name: (folder / name).read_bytes() for name in names}


@pytest.fixture(scope="module")
def duckdb_report(tiny_city: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _outputs(
        _analyze(tiny_city, tmp_path_factory.mktemp("duckdb") / "r", "--engine", "duckdb")
    )


def test_analyze_on_duckdb_writes_the_same_files_as_on_pandas(
    tiny_city: Path, duckdb_report: dict[str, bytes], tmp_path: Path
) -> None:
    pandas_report = _outputs(_analyze(tiny_city, tmp_path / "r", "--engine", "pandas"))
    assert {"findings.json", "duplicates.csv", "silos.csv", "candidates.csv"} <= set(duckdb_report)
    assert pandas_report.keys() == duckdb_report.keys()
    for name, data in pandas_report.items():
        assert data == duckdb_report[name], name


def test_analyze_on_spark_writes_the_same_files_as_on_duckdb(
    spark_engine, tiny_city: Path, duckdb_report: dict[str, bytes], tmp_path: Path
) -> None:
    spark_report = _outputs(
        _analyze(
            tiny_city, tmp_path / "r", "--engine", "spark", "--spark-master", spark_engine.master
        )
    )
    assert spark_report.keys() == duckdb_report.keys()
    for name, data in spark_report.items():
        assert data == duckdb_report[name], name


def test_spark_refuses_a_second_master_in_the_same_process(spark_engine) -> None:
    from procmine.engine.spark_engine import SparkEngine

    spark_engine.session()
    with pytest.raises(
        ConfigError,
        match="already runs a Spark session with master 'local\\[2\\]', not 'local\\[1\\]'",
    ):
        SparkEngine(master="local[1]").session()
    assert spark_engine.session().sparkContext.master == "local[2]"


def _error(result) -> str:
    lines = [
        line for line in result.stderr.strip().splitlines() if not line.startswith("procmine: ")
    ]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_spark_without_pyspark_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import procmine.engine as engines
    from procmine.engine import spark_engine

    monkeypatch.setattr(engines, "_engines", {})
    monkeypatch.setattr(spark_engine, "_installed", lambda module: module != "pyspark")
    result = CliRunner().invoke(
        cli,
        ["analyze", str(REPO / "sample_logs"), "--out", str(tmp_path / "r"), "--engine", "spark"],
    )
    assert result.exit_code == 2
    assert _error(result) == (
        "Error: --engine spark needs pyspark, which is not installed: pip install 'procmine[spark]'"
    )
    assert not (tmp_path / "r").exists()


def test_spark_without_java_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import procmine.engine as engines
    from procmine.engine import spark_engine

    monkeypatch.setattr(engines, "_engines", {})
    monkeypatch.setattr(spark_engine, "_installed", lambda module: True)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    result = CliRunner().invoke(
        cli,
        ["analyze", str(REPO / "sample_logs"), "--out", str(tmp_path / "r"), "--engine", "spark"],
    )
    assert result.exit_code == 2
    assert _error(result).startswith("Error: --engine spark needs Java 17 or later")


def test_cli_refuses_unknown_engines_and_a_master_without_spark(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["analyze", "sample_logs", "--out", str(tmp_path / "r"), "--engine", "polars"]
    )
    assert result.exit_code == 2 and "'polars' is not one of" in result.stderr
    result = runner.invoke(
        cli, ["analyze", "sample_logs", "--out", str(tmp_path / "r"), "--spark-master", "local[1]"]
    )
    assert result.exit_code == 2 and "--spark-master needs --engine spark" in result.stderr
