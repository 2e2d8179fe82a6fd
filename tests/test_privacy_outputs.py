"""No resident value of the sample city appears in any output byte by default."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from procmine.cli import cli


def _texts(folder: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    out[f"{path.name}!{name}"] = z.read(name).decode("utf-8", "replace")
        else:
            out[str(path.relative_to(folder))] = path.read_bytes().decode("utf-8", "replace")
    return out


@pytest.fixture(scope="module")
def city_and_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from procmine.samples import generate

    root = tmp_path_factory.mktemp("pii")
    generate(root / "city", size="tiny", seed=11)
    result = CliRunner().invoke(
        cli, ["analyze", str(root / "city"), "--out", str(root / "report"), "-q"]
    )
    assert result.exit_code == 0, result.stderr
    return root / "city", root / "report"


def _personal_values(city: Path) -> set[str]:
    """Every value of the resident-data columns of the exports (per the ground truth), and the
    resident keys, long enough not to match by chance."""
    from procmine.io import load

    truth = pd.read_csv(city / "truth" / "silos.csv", dtype=str)
    data = load([city])
    values: set[str] = set()
    for dept, log in data.logs.items():
        values |= {str(v) for v in log.events["person"].dropna().unique()}
        for column in truth.loc[truth["department"] == dept, "column"]:
            if column in log.events:
                values |= {str(v) for v in log.events[column].dropna().unique()}
    persons = pd.read_csv(city / "truth" / "persons.csv", dtype=str)
    for col in ("name", "kana", "address", "tel", "mynumber", "bank", "dob"):
        values |= set(persons[col].dropna())
    return {v.strip() for v in values if len(v.strip()) >= 6}


def _occurs(value: str, text: str) -> bool:
    """Whether ``value`` is in ``text``; an all-digit value (an income, an account number)
    must stand as a number of its own, not inside the digits of another number such as
    openpyxl's ``0.9451000000000001`` (a match score, not an income of 451000)."""
    if value.isdigit():
        return re.search(rf"(?<![0-9]){re.escape(value)}(?![0-9])", text) is not None
    return value in text


def test_occurs_tells_a_number_from_digits_inside_another() -> None:
    assert _occurs("451000", "所得 451000 円") and _occurs("451000", '"451000",')
    assert not _occurs("451000", "<v>0.9451000000000001</v>")
    assert _occurs("光陽市本町1-2", "住所: 光陽市本町1-2-3")


def test_no_personal_value_in_any_output(city_and_report: tuple[Path, Path]) -> None:
    city, report = city_and_report
    values = _personal_values(city)
    assert len(values) > 200  # the scan has something to find
    texts = _texts(report)
    assert {"report.html", "report.md", "findings.json", "journeys.csv", "silos.csv"} <= set(texts)
    assert any(name.startswith("report.xlsx!xl/worksheets/") for name in texts)
    leaks = sorted({(v, name) for name, text in texts.items() for v in values if _occurs(v, text)})
    assert not leaks, leaks[:10]
