"""Savings stay within the workload measured on the towns of
``benchmarks/independent_towns.py`` (written without procmine's generator; some of their
exports have no end times), as on the sample cities (``test_savings_honest.py``)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

from tests.test_savings_honest import REPO, _analyse, check_savings_within_workload


def _town(monkeypatch: pytest.MonkeyPatch, tmp: Path, script: str, folder: str, *args: str) -> Path:
    """Run a town's script as ``python SCRIPT ARGS`` would (in this process: no second start
    of Python and pandas) and return the folder of its exports."""
    path = REPO / "benchmarks" / script
    monkeypatch.setattr(sys, "argv", [str(path), *args])
    runpy.run_path(str(path), run_name="__main__")
    return tmp / folder


#: The towns of benchmarks/independent_towns.py but はやせ市 (in ``test_savings_honest.py``),
#: three of them smaller than there: (script, folder, size options); the script's output
#: folder is passed first (--out for さくら台市).
TOWNS = {
    "kawabe": ("kawabe_city.py", "city", ()),
    "umikaze": ("umikaze_town.py", "town", ("--residents", "500")),
    "hibarigaoka": ("hibarigaoka_city.py", "city", ("--residents", "500")),
    "midorino": ("midorino_town.py", "town", ()),
    "sazanami": ("sazanami_city.py", "city", ()),
    "sakuradai": ("sakuradai_city.py", "city", ("--residents", "500")),
}


@pytest.mark.slow
@pytest.mark.parametrize("town", sorted(TOWNS))
def test_savings_stay_within_the_workload_on_the_independent_towns(
    town: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script, folder, size = TOWNS[town]
    where = ("--out", str(tmp_path)) if town == "sakuradai" else (str(tmp_path),)
    exports = _town(monkeypatch, tmp_path, script, folder, *where, *size)
    check_savings_within_workload(_analyse(exports))
