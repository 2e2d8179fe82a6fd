"""The same inputs and options give byte-identical findings.json and CSVs.

``procmine analyze`` runs twice on a tiny generated city, in two processes with different
hash seeds (so any dependence on the iteration order of sets of strings shows up), and the
outputs are compared byte for byte. Files a later version may add (journeys.csv, kpis.csv …) are
compared when present."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
REQUIRED = ["findings.json", "duplicates.csv", "silos.csv", "candidates.csv"]


def _other_hash_seed() -> str:
    """A hash seed different from this process's (a random one when it has none set)."""
    current = os.environ.get("PYTHONHASHSEED", "")
    return str(int(current) + 1) if current.isdigit() else "1"


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One run in this process and one in a child process with another hash seed, in parallel."""
    from click.testing import CliRunner

    from procmine.cli import cli
    from procmine.samples import generate

    root = tmp_path_factory.mktemp("determinism")
    city = root / "city"
    generate(city, size="tiny", seed=3)
    first, second = root / "run1", root / "run2"
    child = subprocess.Popen(
        [sys.executable, "-m", "procmine", "analyze", str(city), "--out", str(second), "-q"],
        cwd=REPO,
        env={**os.environ, "PYTHONHASHSEED": _other_hash_seed()},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        result = CliRunner().invoke(cli, ["analyze", str(city), "--out", str(first), "-q"])
        assert result.exit_code == 0, result.output
    finally:
        _, stderr = child.communicate(timeout=300)
    assert child.returncode == 0, stderr.decode("utf-8", "replace")
    return first, second


def test_findings_and_csvs_are_byte_identical(two_runs: tuple[Path, Path]) -> None:
    first, second = two_runs
    for name in REQUIRED:
        assert (first / name).is_file(), name
    names = sorted({p.name for p in first.glob("*.csv")} | {p.name for p in second.glob("*.csv")})
    assert names == sorted({p.name for p in second.glob("*.csv")}), "different files written"
    for name in ["findings.json", *names]:
        a, b = (first / name).read_bytes(), (second / name).read_bytes()
        assert a == b, f"{name} differs between two runs"


def test_outputs_are_not_trivially_empty(two_runs: tuple[Path, Path]) -> None:
    """Identical empty files would prove nothing: the city has duplicates and silos."""
    import json

    first, _ = two_runs
    findings = json.loads((first / "findings.json").read_text(encoding="utf-8"))
    assert findings["departments"]
    for name in ("duplicates.csv", "silos.csv", "candidates.csv"):
        assert len((first / name).read_text(encoding="utf-8-sig").splitlines()) > 1, name


def test_maps_are_byte_identical_too(two_runs: tuple[Path, Path]) -> None:
    first, second = two_runs
    dots = sorted(p.relative_to(first) for p in (first / "maps").glob("*.dot"))
    assert dots
    for rel in dots:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
