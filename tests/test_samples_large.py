"""procmine.samples.large: the synthetic scale city (`procmine sample --size 1M`)."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from procmine.cli import cli
from procmine.samples.large import generate, parse_events


def _read(folder: Path) -> dict[str, object]:
    return {p.stem: pq.read_table(p).to_pandas() for p in sorted(folder.glob("*.parquet"))}


def test_cli_writes_parquet_departments_with_the_events_asked_for(tmp_path):
    result = CliRunner().invoke(cli, ["sample", "--size", "30k", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    tables = _read(tmp_path)
    assert len(tables) == 10
    rows = sum(len(t) for t in tables.values())
    assert 29_000 < rows < 31_000
    assert f"{rows:,} events" in result.output


def test_chunked_writing_keeps_cases_and_resident_copies_consistent(tmp_path):
    whole = generate(20_000, tmp_path / "whole", chunk_events=10**9)
    chunked = generate(20_000, tmp_path / "chunked", chunk_events=700)
    assert whole["events"] == sum(len(t) for t in _read(tmp_path / "whole").values())
    tables = _read(tmp_path / "chunked")
    assert chunked["events"] == sum(len(t) for t in tables.values())
    meta = pq.read_metadata(tmp_path / "chunked" / "市民課.parquet")
    assert meta.num_row_groups > 1  # really written in pieces
    ev = tables["市民課"]
    # case ids go on across chunks: restarting them would merge two cases into one id,
    # longer than the 15 events a case has at most
    assert ev.groupby("受付番号").size().between(1, 15).all()
    # each resident has one copy of the address in this system, whatever the chunk
    addresses = ev.dropna(subset=["住所"]).groupby("宛名番号")["住所"].nunique()
    assert (addresses == 1).all()


def test_same_size_and_seed_give_the_same_files(tmp_path):
    generate(5_000, tmp_path / "a", seed=3)
    generate(5_000, tmp_path / "b", seed=3)
    for name in ("市民課", "上下水道課"):
        a = pq.read_table(tmp_path / "a" / f"{name}.parquet")
        b = pq.read_table(tmp_path / "b" / f"{name}.parquet")
        assert a.equals(b)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--size", "1M", "--variant", "tobe"], "--variant and --city apply"),
        (["--size", "2X"], "use tiny, small, year, a positive number of cases, or a number"),
    ],
)
def test_bad_sizes_and_combinations_fail_in_one_line(tmp_path, args, message):
    result = CliRunner().invoke(cli, ["sample", "--out", str(tmp_path / "o"), *args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("o/*.parquet"))


def test_parse_events():
    assert parse_events("20M") == 20_000_000
    assert parse_events("1.5k") == 1_500
    assert parse_events("0M") is None and parse_events("M") is None and parse_events("year") is None
