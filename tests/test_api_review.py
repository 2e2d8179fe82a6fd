"""The notebook API as an analyst meets it: DataFrames as inputs, displays without
residents' values, options checked before any work, the same files as the CLI in both
languages, one-line errors for wrong types, equality that does not raise."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import procmine
from procmine.analysis import Analysis
from procmine.cli import cli
from procmine.errors import ConfigError, InputError
from procmine.model import Dataset

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_logs"
README = REPO / "README.md"
WALKTHROUGH = REPO / "examples" / "walkthrough.ipynb"


@pytest.fixture(scope="module")
def sample() -> Analysis:
    return procmine.analyze(SAMPLE, whatif_top=0)


def export(prefix: str, cases: int = 12) -> pd.DataFrame:
    """A department's export as a notebook user would have it in memory: Japanese headers,
    text timestamps, a resident key and two data columns."""
    rows = []
    for n in range(cases):
        person = f"{n % 8 + 1:05d}"
        day = f"2026-04-{n % 20 + 1:02d}"
        for k, step in enumerate(["受付", "本人確認", f"{prefix}審査", "交付"]):
            rows.append(
                {
                    "受付番号": f"{prefix}-{n:03d}",
                    "処理内容": step,
                    "処理日時": f"{day} {9 + k}:{10 + n % 40:02d}",
                    "担当者": f"職員{k % 3}",
                    "宛名番号": person,
                    "氏名": f"住民{person}",
                    "住所": f"光陽市本町{int(person)}-1",
                }
            )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------- 2: DataFrames as inputs
def test_load_reads_a_mapping_of_dataframes_as_the_same_files(tmp_path: Path) -> None:
    frames = {"市民課": export("S"), "税務課": export("T")}
    from_frames = procmine.load(frames)
    for name, frame in frames.items():
        frame.to_parquet(tmp_path / f"{name}.parquet", index=False)
    from_files = procmine.load(tmp_path)
    assert from_frames.departments == ["市民課", "税務課"] == from_files.departments
    assert [m.source for m in from_frames.mappings] == ["市民課.parquet", "税務課.parquet"]
    assert [m.roles for m in from_frames.mappings] == [m.roles for m in from_files.mappings]
    assert from_frames.accounting == from_files.accounting
    assert from_frames.warnings == from_files.warnings
    for name in frames:
        pd.testing.assert_frame_equal(
            from_frames.logs[name].events, from_files.logs[name].events, check_categorical=False
        )


def test_analyze_takes_a_dataframe_and_a_loaded_dataset() -> None:
    frame = export("S")
    alone = procmine.analyze(frame, whatif_top=0, parallel=False)
    assert list(alone.maps) == [procmine.analysis.DATAFRAME_DEPARTMENT]
    assert alone.dataset.accounting[0].source == "dataframe.parquet"
    dataset = procmine.load({"市民課": frame, "税務課": export("T")})
    analysis = procmine.analyze(dataset, whatif_top=0, parallel=False)
    assert sorted(analysis.maps) == ["市民課", "税務課"]
    assert analysis.dataset.accounting == dataset.accounting


def test_a_dataframe_department_option_names_a_column_else_says_how_to_name_it() -> None:
    with pytest.raises(ConfigError, match=r"pass \{'市民課': frame\}"):
        procmine.load(export("S"), department="市民課")
    with pytest.raises(ConfigError, match="column options apply when loading"):
        procmine.analyze(procmine.load({"市民課": export("S")}), case="受付番号")


def test_a_dataframe_that_parquet_cannot_hold_is_one_input_error() -> None:
    frame = export("S")
    frame["混在"] = [1 if k % 2 else "a" for k in range(len(frame))]
    with pytest.raises(InputError, match=r"^市民課\.parquet: the DataFrame cannot be stored"):
        procmine.load({"市民課": frame})
    with pytest.raises(ConfigError, match="cannot name a file"):
        procmine.load({"../x": export("S")})


# ------------------------------------------------------------------- 8: wrong types
@pytest.mark.parametrize(
    "inputs", [123, None, b"sample_logs", [1], {"市民課": "juki.csv"}, 1.5], ids=repr
)
def test_inputs_of_another_kind_are_one_line_errors(inputs: object) -> None:
    for call in (procmine.analyze, procmine.load):
        with pytest.raises(ConfigError) as err:
            call(inputs)  # type: ignore[operator]
        assert "\n" not in str(err.value)
        assert "DataFrame" in str(err.value)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"case": 1}, "case must be a column name (str), not int"),
        ({"encoding": b"cp932"}, "encoding must be an encoding's name (str), not bytes"),
        ({"salt": 123}, "salt must be text (str) or bytes, not int"),
        ({"progress": "yes"}, "progress must be a function"),
    ],
    ids=repr,
)
def test_options_of_the_wrong_type_are_refused_before_loading(
    options: dict[str, object], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import procmine.io

    def no_loading(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("loaded before the options were checked")

    monkeypatch.setattr(procmine.io, "load", no_loading)
    with pytest.raises(ConfigError, match="^" + re.escape(message)):
        procmine.analyze(SAMPLE, **options)  # type: ignore[arg-type]


def test_a_list_of_dataframes_is_told_to_be_a_mapping() -> None:
    with pytest.raises(ConfigError, match=r"as a mapping \{department name: DataFrame\}"):
        procmine.load([export("S"), export("T")])  # type: ignore[list-item]


def test_load_refuses_a_dataset_and_discover_a_name(sample: Analysis) -> None:
    with pytest.raises(ConfigError, match="already a loaded Dataset"):
        procmine.load(sample.dataset)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match=r"discover\(\) takes an EventLog, not str"):
        procmine.discover("市民課")  # type: ignore[arg-type]
    assert procmine.discover(sample.dataset.logs["市民課"]).department == "市民課"


def test_write_refuses_a_non_path_and_an_unknown_language(sample: Analysis, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not int"):
        sample.write(123)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="unknown language 'fr'"):
        sample.write(tmp_path / "fr", lang="fr")
    assert not (tmp_path / "fr").exists()


# ------------------------------------------------------------------- 4, 10: displays
def _values(dataset: Dataset) -> set[str]:
    """Every data value of at least two characters (names, addresses, birth dates …)."""
    found: set[str] = set()
    for log in dataset.logs.values():
        for column in log.data_columns:
            found |= {str(v) for v in log.events[column].dropna().unique() if len(str(v)) >= 2}
    return found


def test_dataset_and_its_logs_display_counts_never_values(sample: Analysis) -> None:
    dataset = sample.dataset
    values = _values(dataset)
    assert values  # the sample holds residents' data
    shown = [repr(dataset), str(dataset)]
    shown += [repr(log) for log in dataset.logs.values()]
    shown += [repr(pm) for pm in sample.maps.values()]
    for text in shown:
        assert len(text) < 400
        assert not [v for v in values if v in text], text
    events = sum(len(log.events) for log in dataset.logs.values())
    assert f"{len(dataset.departments)} departments, {events:,} events" in repr(dataset)
    assert f"{len(dataset.warnings)} warning" in repr(dataset)


def test_analysis_display_counts_loader_warnings_and_dropped_rows(sample: Analysis) -> None:
    dataset = sample.dataset
    dropped = sum(a.rows_read - a.rows_loaded for a in dataset.accounting)
    warnings = len(dataset.warnings)
    assert warnings and dropped  # the sample has both (a title line, two bad rows)
    text = repr(sample)
    assert f"{warnings} loader warning" in text and f"{dropped} row" in text
    assert "analysis.dataset.warnings" in text and "analysis.dataset.accounting" in text
    html = sample._repr_html_()
    assert f"読込時の警告 {warnings} 件、除外した行 {dropped} 行" in html
    assert "analysis.dataset.warnings" in html
    values = _values(dataset)
    assert not [v for v in values if v in text]


# ------------------------------------------------------------------- 9: equality
def test_analyses_and_datasets_compare_by_identity_without_raising(sample: Analysis) -> None:
    other = procmine.load(SAMPLE)
    assert sample == sample and sample.dataset == sample.dataset
    assert (sample.dataset == other) is False
    assert (sample.dataset.logs["市民課"] == other.logs["市民課"]) is False
    assert len({sample, sample}) == 1


# ------------------------------------------------------------------- 5, 7: numeric options
BAD_NUMBERS = [
    ("top", -2),
    ("top", 0),
    ("top", "5"),
    ("top", 2.5),
    ("top", True),
    ("period_days", -30),
    ("period_days", 0),
    ("hourly_rate", -5),
    ("hourly_rate", float("nan")),
    ("hours_per_fte", 0),
    ("hours_per_fte", float("inf")),
    ("whatif_top", -1),
    ("window_days", "14"),
    ("window_days", 0),
]


@pytest.mark.parametrize(("name", "value"), BAD_NUMBERS, ids=repr)
def test_numeric_options_are_checked_before_any_work(
    name: str, value: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import procmine.io

    def no_loading(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("loaded before the options were checked")

    monkeypatch.setattr(procmine.io, "load", no_loading)
    with pytest.raises(ConfigError) as err:
        procmine.analyze(SAMPLE, **{name: value})  # type: ignore[arg-type]
    message = str(err.value)
    assert message.startswith(f"{name} must be ") and "\n" not in message


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--top", "-2"),
        ("--top", "0"),
        ("--period", "0"),
        ("--hourly-rate", "-5"),
        ("--fte-hours", "0"),
        ("--what-if", "-1"),
        ("--hourly-rate", "nan"),
    ],
)
def test_cli_numeric_options_are_one_line_exit_2(option: str, value: str, tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = CliRunner().invoke(cli, ["analyze", str(SAMPLE), "--out", str(out), option, value])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {option} must be "), result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_numbers_are_normalised_as_the_cli_gives_them() -> None:
    analysis = procmine.analyze(
        export("S"),
        hourly_rate=4000,
        period_days=np.int64(30),
        top=np.int64(2),
        whatif_top=0,
        parallel=False,
    )
    options = analysis.options
    assert options["hourly_rate"] == 4000.0 and type(options["hourly_rate"]) is float
    assert type(options["period_days"]) is float and type(options["top"]) is int
    assert json.dumps(options["hourly_rate"]) == "4000.0"


# ------------------------------------------------------------------- 6: API == CLI
def test_ranking_ties_do_not_depend_on_the_language(sample: Analysis) -> None:
    from procmine.candidates import rank_candidates

    args = (sample.dataset, sample.maps, sample.clusters, sample.silos)
    ja, en = rank_candidates(*args, lang="ja"), rank_candidates(*args, lang="en")
    ties = ja["hours_saved_per_year"].duplicated(keep=False)
    assert ties.sum() >= 2  # the sample has candidates tied (at 0 hours)
    key = ["kind", "lead", "departments"]
    pd.testing.assert_frame_equal(ja[key], en[key])


def test_api_writes_the_cli_files_byte_for_byte_in_english(
    sample: Analysis, tmp_path: Path
) -> None:
    sample.write(tmp_path / "api", lang="en")
    result = CliRunner().invoke(
        cli,
        ["analyze", str(SAMPLE), "--out", str(tmp_path / "cli"), "--lang", "en"]
        + ["--what-if", "0", "-q"],
    )
    assert result.exit_code == 0, result.stderr
    api = sorted(p.relative_to(tmp_path / "api") for p in (tmp_path / "api").rglob("*"))
    ours = sorted(p.relative_to(tmp_path / "cli") for p in (tmp_path / "cli").rglob("*"))
    assert api == ours
    for rel in api:
        if (tmp_path / "api" / rel).is_file():
            a, c = (tmp_path / "api" / rel).read_bytes(), (tmp_path / "cli" / rel).read_bytes()
            assert a == c, rel


# ------------------------------------------------------------------- 12: silo names
def test_silo_takes_a_field_by_its_english_name(sample: Analysis) -> None:
    from procmine.report.notebook import silo_view

    english = silo_view(sample, "Address", lang="en")
    assert english.field == "住所" and "Field: Address" in english._repr_html_()
    assert sample.silo("address").field == sample.silo("住所").field == "住所"
    with pytest.raises(ConfigError, match=r"Address \(住所\)"):
        silo_view(sample, "Adress", lang="en")
    with pytest.raises(ConfigError, match="not NoneType"):
        sample.silo(None)  # type: ignore[arg-type]


# ------------------------------------------------------------------- 13: documented calls
def test_readme_notebook_section_documents_compare_and_re_ranking(sample: Analysis) -> None:
    section = README.read_text(encoding="utf-8").split("## Notebook API", 1)[1]
    section = section.split("\n## ", 1)[0]
    assert "compare_analyses(before, after)" in section and "rank_candidates(" in section
    from procmine.candidates import rank_candidates
    from procmine.compare import compare_analyses

    again = rank_candidates(sample.dataset, sample.maps, sample.clusters, sample.silos)
    pd.testing.assert_frame_equal(again, sample.candidates)
    dearer = rank_candidates(
        sample.dataset, sample.maps, sample.clusters, sample.silos, hourly_rate=5000
    )
    assert dearer["cost_saved_per_year"].sum() == pytest.approx(
        sample.candidates["cost_saved_per_year"].sum() * 5000 / 3400
    )
    same = compare_analyses(sample, sample)
    assert len(same.kpis) and (same.kpis["change"].dropna() == 0).all()


# ------------------------------------------------------------------- 15: the walkthrough
def test_walkthrough_explains_rates_as_the_readme_does() -> None:
    cells = json.loads(WALKTHROUGH.read_text(encoding="utf-8"))["cells"]
    text = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    text = " ".join(text.split())
    assert "estimated true value" in text and "reference copy" in text
    assert "differ from the other copies" not in text
    assert "authoritative copy is the reference" not in text
    assert "When procmine has a journeys stage" not in text
    assert "analysis.dataset.warnings" in text
