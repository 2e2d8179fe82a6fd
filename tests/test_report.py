"""Tests for procmine.report: every file the report writes, built from an Analysis made here."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

import networkx as nx
import pandas as pd
import pytest

from procmine.analysis import Analysis
from procmine.errors import ConfigError, OutputError, ProcmineError
from procmine.model import ColumnMapping, Dataset, EventLog, ProcessMap, RowAccounting
from procmine.report import map_dot, render_svg, write_report
from procmine.report import maps as maps_mod
from procmine.report.csvjson import guard_cell
from procmine.report.i18n import HEADING_KEYS, STRINGS
from procmine.report.writer import MARKER

XSS = "<script>alert(1)</script>"
RESIDENT_NAME = "光陽太郎"  # a resident value present in the events, never in the report
RESIDENT_ADDRESS = "光陽市中央1-2-3"


# ----------------------------------------------------------------------------- fixture
def _events(dept: str, source: str, rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "case": [r[0] for r in rows],
            "activity": [r[1] for r in rows],
            "timestamp": pd.to_datetime([r[2] for r in rows]),
            "end": pd.NaT,
            "resource": "staff01",
            "person": "P001",
            "department": dept,
            "source": source,
            "row": range(2, len(rows) + 2),
            "氏名": RESIDENT_NAME,
            "住所": RESIDENT_ADDRESS,
        }
    )


def _map(dept: str, nodes: dict[str, dict], edges: list[tuple[str, str, int]]) -> ProcessMap:
    g = nx.DiGraph()
    for name, attrs in nodes.items():
        g.add_node(name, **attrs)
    for u, v, c in edges:
        g.add_edge(u, v, count=c, median_wait_minutes=3.0)
    activities = pd.DataFrame.from_dict(nodes, orient="index")
    variants = pd.DataFrame({"variant": ["x"], "cases": [1], "share": [1.0]})
    events = sum(a.get("events", 0) for a in nodes.values())
    return ProcessMap(
        dept, g, activities, variants, cases=12, events=events, duration_source="next_event"
    )


def node(events: int, minutes: float, **kw) -> dict:
    base = {
        "events": events,
        "cases": events,
        "median_minutes": minutes,
        "total_hours": events * minutes / 60,
        "resources": 2,
        "performer": "staff",
        "start": 0,
        "end": 0,
        "fields": ("氏名", "住所"),
    }
    base.update(kw)
    return base


def make_analysis(*, options: dict | None = None) -> Analysis:
    shimin = _events(
        "市民課",
        "shimin.csv",
        [
            ("c1", "転入届受付", "2024-04-01 09:00"),
            ("c1", "本人確認", "2024-04-01 09:10"),
            ("c2", "転入届受付", "2024-04-02 10:00"),
            ("c2", XSS, "2025-03-31 11:00"),
        ],
    )
    hoken = _events(
        "保険年金課",
        "hoken.csv",
        [
            ("k1", "国保加入受付", "2024-04-03 09:00"),
            ("k1", "本人確認書類の確認", "2024-04-03 09:20"),
        ],
    )
    dataset = Dataset(
        logs={
            "市民課": EventLog("市民課", shimin, ("氏名", "住所"), ("shimin.csv",)),
            "保険年金課": EventLog("保険年金課", hoken, ("氏名", "住所"), ("hoken.csv",)),
        },
        mappings=[
            ColumnMapping(
                "shimin.csv",
                "csv",
                "cp932",
                {"case": "受付番号", "activity": "業務", "timestamp": "日時"},
                {"case": "header", "activity": "header", "timestamp": "values"},
                ("氏名", "住所"),
                ("市民課",),
            ),
            ColumnMapping(
                "hoken.csv",
                "csv",
                "utf-8",
                {"case": "case_id", "activity": "act", "timestamp": "ts", "resource": "担当"},
                {
                    "case": "option",
                    "activity": "config",
                    "timestamp": "header",
                    "resource": "header",
                },
                ("氏名", "住所"),
                ("保険年金課",),
            ),
        ],
        accounting=[
            RowAccounting("shimin.csv", 6, 4, {"missing_timestamp": 1, "empty_activity": 1}),
            RowAccounting("hoken.csv", 2, 2, {}),
        ],
        warnings=["shimin.csv: 1 row with an unreadable date (row 5)"],
    )
    maps = {
        "市民課": _map(
            "市民課",
            {
                "転入届受付": node(2, 6.0, start=2),
                "本人確認": node(1, 4.5),
                XSS: node(1, 12.0, end=2),
            },
            [("転入届受付", "本人確認", 1), ("転入届受付", XSS, 1), ("本人確認", XSS, 1)],
        ),
        "保険年金課": _map(
            "保険年金課",
            {
                "国保加入受付": node(1, 8.0, start=True),
                "本人確認書類の確認": node(1, 5.0, end=True, performer="resident"),
            },
            [("国保加入受付", "本人確認書類の確認", 1)],
        ),
        # a department name that is not a safe file name
        "税務/課 <b>": _map("税務/課 <b>", {"課税": node(3, 2.0)}, []),
    }
    duplicates = pd.DataFrame(
        {
            "department_a": ["保険年金課"],
            "activity_a": ["本人確認書類の確認"],
            "department_b": ["市民課"],
            "activity_b": ["本人確認"],
            "score": [0.87],
            "cluster": [1],
            "label_similarity": [0.62],
            "field_similarity": [1.0],
            "shared_fields": [("氏名", "住所")],
            "evidence": ["=both check the same ID documents and fill 氏名, 住所"],
        }
    )
    clusters = pd.DataFrame(
        {
            "cluster": [1, 1],
            "department": ["保険年金課", "市民課"],
            "activity": ["本人確認書類の確認", "本人確認"],
            "size": [2, 2],
        }
    )
    silos = pd.DataFrame(
        {
            "field": ["address", "address", "name"],
            "department": ["市民課", "保険年金課", "市民課"],
            "column": ["住所", "@住所", "氏名"],
            "field_type": ["address", "address", "name"],
            "values": [120, 118, 120],
            "persons": [100, 98, 100],
            "coverage": [1.0, 0.98, 1.0],
            "inconsistency_rate": [0.0, 0.12, 0.0],
            "authoritative": [True, False, True],
            "examples": [RESIDENT_ADDRESS, RESIDENT_ADDRESS, RESIDENT_NAME],  # must not be written
        }
    )
    candidates = pd.DataFrame(
        {
            "rank": [1, 2],
            "title": ["本人確認の一本化", "-1+1"],
            "principle": ["kakasenai", "ikasenai"],
            "departments": [("市民課", "保険年金課"), ("市民課",)],
            "activities": [("本人確認", "本人確認書類の確認"), ("転入届受付",)],
            "hours_saved_per_year": [150.0, -2.5],
            "occurrences_per_year": [1200, 30],
            "redundant_executions_per_year": [1200, 30],
            "minutes_per_execution": [7.5, -5.0],
            "basis": ["count × median", "=cmd|' /C calc'!A0"],
            "confidence": ["high", "low"],
            "assumption": ["one check per resident", ""],
        }
    )
    return Analysis(
        dataset,
        maps,
        silos,
        duplicates,
        clusters,
        candidates,
        options=options if options is not None else {"threshold": 0.7, "lang": "ja"},
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("r") / "report"
    return out, write_report(make_analysis(), out)


@pytest.fixture(scope="module")
def report_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("r") / "report-en"
    write_report(make_analysis(), out, lang="en")
    return out


def _csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no UTF-8 BOM"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


# ----------------------------------------------------------------------------- files
def test_all_files_are_written_and_listed(report):
    out, written = report
    names = {p.relative_to(out).as_posix() for p in written}
    assert {
        "report.html",
        "report.md",
        "report.xlsx",
        "duplicates.csv",
        "silos.csv",
        "candidates.csv",
        "findings.json",
    } <= names
    svgs = {n for n in names if n.startswith("maps/") and n.endswith(".svg")}
    dots = {n for n in names if n.startswith("maps/") and n.endswith(".dot")}
    assert svgs == {"maps/市民課.svg", "maps/保険年金課.svg", "maps/税務_課_b.svg"}
    assert {d[:-4] for d in dots} == {s[:-4] for s in svgs}
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)
    assert written == sorted(written)
    assert (out / MARKER).is_file()
    assert not [p for p in out.parent.iterdir() if "procmine-tmp" in p.name]


def test_map_file_names_are_recorded_in_findings(report):
    out, _ = report
    data = json.loads((out / "findings.json").read_text("utf-8"))
    assert data["maps"]["税務/課 <b>"] == "税務_課_b"
    assert data["departments"]["市民課"]["map"] == {
        "dot": "maps/市民課.dot",
        "svg": "maps/市民課.svg",
    }
    for stem in data["maps"].values():
        assert (out / "maps" / f"{stem}.svg").is_file()


# ----------------------------------------------------------------------------- html
def test_html_is_self_contained(report):
    html = (Path(report[0]) / "report.html").read_text("utf-8")
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    assert "<svg" in html and "<style>" in html
    assert html.count("<svg") == 3  # one inline map per department
    assert "Content-Security-Policy" in html


def test_html_escapes_input_values(report):
    out, _ = report
    html = (out / "report.html").read_text("utf-8")
    assert XSS not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>" not in html.replace("<body>", "")
    assert html.count("<script>") == 1  # only the report's own sortable-table script
    md = (out / "report.md").read_text("utf-8")
    assert XSS not in md and "&lt;script&gt;" in md
    svg = (out / "maps" / "市民課.svg").read_text("utf-8")
    assert XSS not in svg


def _h2(html: str) -> list[str]:
    return re.findall(r'<h2 id="[\w-]+-h">(.*?)</h2>', html)


def test_html_has_every_section_in_order_numbered(report):
    html = (report[0] / "report.html").read_text("utf-8").replace("<wbr>", "")
    ja = STRINGS["ja"]
    keys = [
        "h_summary",
        "h_scope",
        "h_workload",
        "h_maps",
        "h_duplicates",
        "h_silos",
        "h_candidates",
        "h_kpis",
        "h_method",
        "h_appendix",
    ]  # no journeys section: the analysis has none
    assert _h2(html) == [f"{i}. {ja[k]}" for i, k in enumerate(keys, start=1)]
    assert ja["h_journeys"] not in html
    assert "書かせない" in html and "行かせない" in html  # principles in Japanese
    assert "1,200" in html and "7.5" in html and "= 150" in html  # the savings arithmetic
    assert "日時なし: 1" in html  # dropped rows by reason, in Japanese
    assert "受付番号" in html  # column mapping
    assert "12.0%" in html  # silo inconsistency rate
    # evidence in Japanese from the evidence columns; the English report keeps the sentence
    assert "共通のデータ項目：氏名、住所" in html and "業務名の類似度 0.62" in html
    assert "both check the same ID documents" not in html
    assert 'class="sw c0"' in html  # cluster swatch in the palette colour


def output_texts(paths: list[Path]) -> dict[str, str]:
    """Every byte written, as text: files decoded, report.xlsx unzipped (every XML part)."""
    texts = {}
    for path in paths:
        raw = path.read_bytes()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(io.BytesIO(raw)) as z:
                for name in z.namelist():
                    texts[f"{path.name}!{name}"] = z.read(name).decode("utf-8")
        else:
            texts[path.name] = raw.decode("utf-8-sig")
    return texts


def test_no_resident_values_in_any_output(report):
    _, written = report
    for name, content in output_texts(written).items():
        assert RESIDENT_NAME not in content, name
        assert RESIDENT_ADDRESS not in content, name
        assert "P001" not in content and "staff01" not in content, name


def test_english_and_japanese_reports_do_not_mix_headings(report, report_en):
    ja_html = (report[0] / "report.html").read_text("utf-8")
    en_html = (report_en / "report.html").read_text("utf-8")
    for key in HEADING_KEYS:
        ja_heading, en_heading = (
            STRINGS["ja"][key].format_map(defaultdict(lambda: "X")),
            STRINGS["en"][key].format_map(defaultdict(lambda: "X")),
        )
        assert ja_heading not in en_html, key
        assert en_heading not in ja_html, key
    assert '<html lang="en">' in en_html and '<html lang="ja">' in ja_html
    assert ">1. Summary</h2>" in en_html
    assert "No duplicates found." not in en_html


def test_english_headings_contain_no_japanese():
    cjk = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for key in HEADING_KEYS:
        assert not cjk.search(STRINGS["en"][key]), key
        assert cjk.search(STRINGS["ja"][key]), key


def test_i18n_tables_have_the_same_keys_and_placeholders():
    fields = re.compile(r"\{(\w+)\}")
    assert STRINGS["ja"].keys() == STRINGS["en"].keys()
    for key in STRINGS["ja"]:
        assert set(fields.findall(STRINGS["ja"][key])) == set(fields.findall(STRINGS["en"][key])), (
            key
        )


def test_every_loader_warning_code_has_templates_with_the_same_placeholders():
    from procmine.io.messages import CODES

    fields = re.compile(r"\{(\w+)\}")
    for lang in ("ja", "en"):
        templates = {k for k in STRINGS[lang] if k.startswith("warn_")}
        assert templates == {f"warn_{code}" for code in CODES}, lang
    for code in CODES:
        ja, en = STRINGS["ja"][f"warn_{code}"], STRINGS["en"][f"warn_{code}"]
        assert set(fields.findall(ja)) == set(fields.findall(en)), code
        assert fields.findall(en)[:1] == ["place"], code  # FILE[:LINE]: first, as printed
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", ja), code


def test_warning_words_follow_the_language():
    from procmine.io.messages import Dropped, More, Notice, Place, Row, Sample
    from procmine.report.sections.overview import warning_text

    notice = Notice(
        "log.xes: event 12: 2 values of time are not dates/times; their rows were dropped "
        "(event 12: '2024-13-01', event 15: '25:00' and 1 more)",
        "bad_timestamps",
        place=Place("log.xes", Row("event", 12)),
        count=2,
        column="time",
        samples=(Sample(Row("event", 12), "2024-13-01"), Sample(Row("event", 15), "25:00")),
        more=More(1),
    )
    assert warning_text(STRINGS["en"], notice) == notice
    assert warning_text(STRINGS["ja"], notice) == (
        "log.xes: 12件目のイベント: 列「time」の値2件が日時として読めないため、その行を除外"
        "しました（12件目のイベント: 「2024-13-01」、15件目のイベント: 「25:00」ほか1件）"
    )
    dropped = Notice(
        "a.parquet: dropped 3 of 9 rows (1 missing case, 2 missing timestamp)",
        "rows_dropped",
        place=Place("a.parquet"),
        count=3,
        total=9,
        detail=(Dropped("missing case", 1), Dropped("missing timestamp", 2)),
    )
    assert warning_text(STRINGS["en"], dropped) == dropped
    assert warning_text(STRINGS["ja"], dropped) == (
        "a.parquet: 9行のうち3行を除外しました（ケースIDなし1行、日時なし2行）"
    )


def test_loader_warnings_are_in_the_language_of_the_report(tmp_path: Path) -> None:
    from procmine.io import load

    header = "受付番号,処理内容,処理日時"
    lines = [header, "C1,受付,2024-04-01 09:00", "C1,交付,2024-04-01 09:30"]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "dup.csv").write_text("\n".join([*lines, lines[2]]) + "\n", encoding="utf-8")
    analysis = make_analysis()
    analysis.dataset.warnings = load([tmp_path / "in"]).warnings + ["x.csv: an older warning"]
    english = (
        "dup.csv:4: 1 row repeats an earlier row in every column and was dropped (line 4 = line 3)"
    )
    japanese = "dup.csv:4: 全列が既出の行と同じ行が1行あり、除外しました（4行目 = 3行目）"
    assert analysis.dataset.warnings[0] == english
    write_report(analysis, tmp_path / "ja")
    write_report(analysis, tmp_path / "en", lang="en")
    for name in ("report.md", "report.html"):
        ja = (tmp_path / "ja" / name).read_text(encoding="utf-8")
        en = (tmp_path / "en" / name).read_text(encoding="utf-8")
        assert japanese in ja and "repeats an earlier row" not in ja, name
        assert english in en and "全列が既出の行と同じ" not in en, name
        # a warning without a code (not from procmine.io) is shown as it is in both
        assert "x.csv: an older warning" in ja and "x.csv: an older warning" in en


# ----------------------------------------------------------------------------- csv
def test_csv_headers_are_exact(report):
    out, _ = report
    dup = _csv(out / "duplicates.csv")
    assert dup[0] == [
        "department_a",
        "activity_a",
        "department_b",
        "activity_b",
        "score",
        "cluster",
        "label_similarity",
        "field_similarity",
        "shared_fields",
        "evidence",
    ]
    assert dup[1][:5] == ["保険年金課", "本人確認書類の確認", "市民課", "本人確認", "0.87"]
    assert dup[1][8] == "氏名; 住所"
    silos = _csv(out / "silos.csv")
    assert silos[0][:3] == ["field", "department", "column"]
    assert "examples" not in silos[0]  # free-text columns could hold resident values
    assert silos[0] == [
        "field",
        "department",
        "column",
        "field_type",
        "values",
        "persons",
        "coverage",
        "inconsistency_rate",
        "authoritative",
    ]
    cand = _csv(out / "candidates.csv")
    assert cand[0][:6] == [
        "rank",
        "title",
        "principle",
        "departments",
        "activities",
        "hours_saved_per_year",
    ]
    assert cand[1][:6] == [
        "1",
        "本人確認の一本化",
        "kakasenai",
        "市民課; 保険年金課",
        "本人確認; 本人確認書類の確認",
        "150.0",
    ]
    assert (out / "duplicates.csv").read_bytes().count(b"\r\n") == 2


def test_csv_guards_formula_injection_but_keeps_numbers(report):
    out, _ = report
    cand = _csv(out / "candidates.csv")
    header = cand[0]
    row = dict(zip(header, cand[2], strict=True))
    assert row["title"] == "'-1+1"
    assert row["basis"] == "'=cmd|' /C calc'!A0"
    assert row["hours_saved_per_year"] == "-2.5"  # a number stays a number
    assert row["minutes_per_execution"] == "-5.0"
    dup = _csv(out / "duplicates.csv")
    assert dup[1][-1].startswith("'=both")
    silos = _csv(out / "silos.csv")
    assert silos[2][2] == "'@住所"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+81 3", "'+81 3"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("-12.5", "-12.5"),
        (-12.5, "-12.5"),
        (3, "3"),
        (None, ""),
        (True, "TRUE"),
        (float("nan"), ""),
        ("a=b", "a=b"),
    ],
)
def test_guard_cell(value, expected):
    assert guard_cell(value) == expected


def test_empty_tables_write_headers_and_say_nothing_found(tmp_path):
    a = make_analysis()
    a.duplicates = pd.DataFrame()
    a.clusters = pd.DataFrame()
    a.silos = pd.DataFrame()
    a.candidates = pd.DataFrame()
    out = tmp_path / "empty"
    write_report(a, out, lang="en")
    assert _csv(out / "duplicates.csv") == [
        ["department_a", "activity_a", "department_b", "activity_b", "score"]
    ]
    assert _csv(out / "silos.csv") == [["field", "department", "column"]]
    assert _csv(out / "candidates.csv")[0][:6] == [
        "rank",
        "title",
        "principle",
        "departments",
        "activities",
        "hours_saved_per_year",
    ]
    html = (out / "report.html").read_text("utf-8")
    assert "No duplicates found." in html
    assert STRINGS["en"]["no_silos"] in html and STRINGS["en"]["no_candidates"] in html
    data = json.loads((out / "findings.json").read_text("utf-8"))
    assert data["duplicates"] == {"pairs": [], "clusters": []}
    assert data["summary"]["redundant_hours_per_year"] == 0


# ----------------------------------------------------------------------------- json
def test_findings_json_schema_and_accounting(report):
    out, _ = report
    data = json.loads((out / "findings.json").read_text("utf-8"))
    assert data["schema_version"] == "1.0"
    assert set(data) >= {
        "generated_with",
        "inputs",
        "departments",
        "column_mappings",
        "row_accounting",
        "warnings",
        "duplicates",
        "silos",
        "candidates",
        "options",
        "maps",
    }
    files = {f["source"]: f for f in data["row_accounting"]["files"]}
    assert files["shimin.csv"] == {
        "source": "shimin.csv",
        "rows_read": 6,
        "rows_loaded": 4,
        "rows_dropped": 2,
        "balanced": True,
        "dropped": {"empty_activity": 1, "missing_timestamp": 1},
    }
    assert data["row_accounting"]["totals"] == {
        "rows_read": 8,
        "rows_loaded": 6,
        "rows_dropped": 2,
        "balanced": True,
        "dropped": {"empty_activity": 1, "missing_timestamp": 1},
    }
    dept = data["departments"]["市民課"]
    assert (dept["events"], dept["cases"], dept["activities"]) == (4, 12, 3)
    assert dept["period"] == {"start": "2024-04-01", "end": "2025-03-31"}
    assert data["duplicates"]["clusters"][0]["members"] == [
        {"department": "保険年金課", "activity": "本人確認書類の確認"},
        {"department": "市民課", "activity": "本人確認"},
    ]
    assert data["duplicates"]["pairs"][0]["shared_fields"] == ["氏名", "住所"]
    assert data["options"] == {"lang": "ja", "threshold": 0.7}
    assert data["column_mappings"][0]["source"] == "hoken.csv"
    assert "examples" not in data["silos"][0]
    assert data["summary"]["silo_fields"] == 1 and data["summary"]["inconsistent_fields"] == 1


def test_output_is_byte_identical_across_runs(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    files_a = write_report(make_analysis(), a)
    write_report(make_analysis(), b)
    for path in files_a:
        rel = path.relative_to(a)
        assert path.read_bytes() == (b / rel).read_bytes(), rel


# ----------------------------------------------------------------------------- folder
def test_refuses_to_overwrite_a_folder_that_is_not_a_report(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("precious")
    with pytest.raises(OutputError, match=r"not a procmine report.*--force"):
        write_report(make_analysis(), out)
    assert (out / "thesis.docx").read_text() == "precious"
    write_report(make_analysis(), out, force=True)
    assert not (out / "thesis.docx").exists() and (out / "report.html").is_file()


def test_refuses_a_file_as_output(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        write_report(make_analysis(), target, force=True)


def test_rerun_replaces_an_earlier_report(tmp_path):
    out = tmp_path / "rep"
    write_report(make_analysis(), out)
    (out / "stale.txt").write_text("from an earlier run")
    write_report(make_analysis(), out, lang="en")
    assert not (out / "stale.txt").exists()
    assert '<html lang="en">' in (out / "report.html").read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rep"]  # no temporary leftovers


def test_empty_existing_folder_is_used(tmp_path):
    out = tmp_path / "new"
    out.mkdir()
    write_report(make_analysis(), out)
    assert (out / "report.md").is_file()


def test_unwritable_location_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError) as err:
        write_report(make_analysis(), blocker / "sub" / "report")
    assert "\n" not in str(err.value)


def test_failed_run_keeps_the_earlier_report(tmp_path, monkeypatch):
    out = tmp_path / "rep"
    write_report(make_analysis(), out)
    before = (out / "report.html").read_bytes()

    def boom(dot: str) -> str:
        raise ProcmineError("Graphviz's 'dot' program was not found")

    monkeypatch.setattr("procmine.report.writer.render_svg", boom)
    with pytest.raises(ProcmineError):
        write_report(make_analysis(), out, lang="en")
    assert (out / "report.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rep"]


def test_unknown_language_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="ja, en"):
        write_report(make_analysis(), tmp_path / "x", lang="fr")  # type: ignore[arg-type]
    assert not (tmp_path / "x").exists()


# ----------------------------------------------------------------------------- maps
def test_map_dot_marks_duplicates_starts_ends_and_font():
    pmap = make_analysis().maps["市民課"]
    dot = map_dot(pmap, highlight={"本人確認": 1}, lang="ja")
    assert 'fontname="Noto Sans CJK JP"' in dot
    assert 'fillcolor="#E69F00"' in dot and "重複C1" in dot
    assert "start -> n0" in dot and "n2 -> end" in dot
    assert 'rankdir="LR"' in dot
    assert '"\\<script\\>' not in dot  # no stray escaping of < in DOT strings
    en = map_dot(pmap, highlight={"本人確認": 1}, lang="en")
    assert "dup. C1" in en and "重複" not in en


def test_large_map_hides_rare_edges_and_says_so():
    g = nx.DiGraph()
    names = [f"a{i}" for i in range(20)]
    for n in names:
        g.add_node(n, events=10, median_minutes=1.0)
    for i, u in enumerate(names):
        for j, v in enumerate(names[i + 1 : i + 6]):
            g.add_edge(u, v, count=100 - 10 * j)
    pmap = ProcessMap("X", g, pd.DataFrame(), pd.DataFrame(), cases=10, events=200)
    dot = map_dot(pmap, lang="en", max_edges=40)
    assert 'rankdir="TB"' in dot
    drawn = re.findall(r"n\d+ -> n\d+", dot)
    assert 0 < len(drawn) <= 40
    assert "are hidden" in dot and f"of {g.number_of_edges()} shown" in dot
    widths = [float(w) for w in re.findall(r"penwidth=([\d.]+)", dot)]
    assert max(widths) > min(widths)


def test_map_dot_escapes_quotes_and_backslashes():
    g = nx.DiGraph()
    g.add_node('say "hi" \\N', events=1)
    pmap = ProcessMap("Q", g, pd.DataFrame(), pd.DataFrame(), cases=1, events=1)
    svg = render_svg(map_dot(pmap))
    assert "say &quot;hi&quot; \\N" in svg or 'say "hi" \\N' in svg


def test_render_svg_without_graphviz_raises_a_hint(monkeypatch):
    import graphviz

    def missing(*args, **kwargs):
        raise graphviz.ExecutableNotFound(("dot",))

    monkeypatch.setattr(graphviz.Source, "pipe", missing)
    with pytest.raises(ProcmineError, match="apt-get install graphviz") as err:
        render_svg("digraph { a }")
    assert "\n" not in str(err.value)


def test_palette_is_distinct_and_cycles():
    fills = [maps_mod.cluster_colours(c)[0] for c in range(1, 8)]
    assert len(set(fills)) == 7
    assert maps_mod.cluster_colours(8) == maps_mod.cluster_colours(1)


def test_write_maps_writes_only_maps_and_replaces_atomically(tmp_path):
    from procmine.report import write_maps

    maps = make_analysis().maps
    out = tmp_path / "maps-only"
    written = write_maps(maps, out, highlight={"市民課": {"本人確認": 2}})
    assert {p.relative_to(out).as_posix() for p in written} == {
        f"maps/{stem}.{ext}"
        for stem in ("市民課", "保険年金課", "税務_課_b")
        for ext in ("dot", "svg")
    }
    assert "重複C2" in (out / "maps" / "市民課.dot").read_text("utf-8")
    assert (out / MARKER).is_file()
    write_maps(maps, out)  # a second run replaces the folder
    assert "重複" not in (out / "maps" / "市民課.dot").read_text("utf-8")


def test_very_large_map_draws_the_most_frequent_activities_and_every_duplicate():
    g = nx.DiGraph()
    for i in range(100):
        g.add_node(f"act{i:03d}", events=1000 - i)
    g.add_edge("act000", "act001", count=5)
    g.add_edge("act098", "act099", count=5)
    pmap = ProcessMap("X", g, pd.DataFrame(), pd.DataFrame(), cases=1, events=1)
    dot = map_dot(pmap, highlight={"act099": 3}, lang="en", max_nodes=10)
    drawn = re.findall(r'tooltip="(act\d+)"', dot)
    assert len(drawn) == 10
    assert "act099" in drawn and "act000" in drawn and "act050" not in drawn
    assert "90 less frequent activities are hidden (10 of 100 shown)" in dot
    assert "n0 -> n1" in dot and len(re.findall(r"-> n\d+", dot)) == 1  # act098 is hidden


# ----------------------------------------------------------------------------- sections
XSS_IMG = "<img src=x onerror=alert(1)>"


def fake_journeys() -> SimpleNamespace:
    """What procmine.journeys returns (a JourneyResult), as far as the report reads it."""
    kpis = pd.DataFrame(
        {
            "principle": ["mayowasenai", "mayowasenai", "matasenai", "matasenai"],
            "kpi": ["counters_per_visit", "counters_per_visit", XSS_IMG, XSS_IMG],
            "journey_type": ["all", "転入", "all", "転入"],
            "n": [50, 40, 50, 40],
            "mean": [3.2, 3.3, 45.0, 46.0],
            "median": [3.0, 3.0, 40.0, 41.0],
            "p25": [2.0, 2.0, 30.0, 31.0],
            "p75": [4.0, 4.0, 55.0, 56.0],
        }
    )
    journeys = pd.DataFrame(
        {"journey_type": ["転入"] * 4 + ["出生"], "pseudonym": ["p-0123456789ab"] * 5}
    )
    handover = pd.DataFrame(
        [[0, 12], [3, 0]], index=["市民課", "保険年金課"], columns=["市民課", "保険年金課"]
    )

    def typical_path(journey_type: str) -> pd.DataFrame:
        if journey_type == "出生":
            raise ConfigError(f"unknown journey type {journey_type!r}")
        return pd.DataFrame(
            {
                "step": [1, 2, 3],
                "visit": [1, 1, 2],
                "department": ["市民課", "保険年金課", XSS_IMG],
                "arrival_minute": [0.0, 35.0, 0.0],
                "minutes": [30.0, 20.0, 15.0],
                "journeys": [3, 3, 3],
                "share": [0.75, 0.75, 0.75],
            }
        )

    return SimpleNamespace(
        kpis=kpis, journeys=journeys, handover=handover, typical_path=typical_path,
        visits=pd.DataFrame({"pseudonym": ["p-0123456789ab"]}),
    )  # fmt: skip


@pytest.fixture(scope="module")
def journeys_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    a = make_analysis()
    a.journeys = fake_journeys()  # type: ignore[attr-defined]
    out = tmp_path_factory.mktemp("r") / "with-journeys"
    return out, write_report(a, out)


def test_workload_counts_staff_hours_only_and_scales_to_a_year():
    from procmine.report import facts

    a = make_analysis(options={"period_days": 73.0})
    work = facts.workload(a, hours_per_fte=1800)
    assert work["period_days"] == 73.0
    rows = {r["department"]: r for r in work["departments"]}
    hoken = rows["保険年金課"]
    assert hoken["staff_hours"] == pytest.approx(8 / 60)  # the resident's form is not staff time
    assert hoken["staff_hours_per_year"] == pytest.approx(8 / 60 * 5)
    assert hoken["resident_hours_per_year"] == pytest.approx(5 / 60 * 5)
    assert hoken["fte"] == pytest.approx(8 / 60 * 5 / 1800)
    assert work["total"]["staff_hours"] == pytest.approx((12 + 4.5 + 12 + 8 + 6) / 60)


def test_workload_section_shows_hours_and_fte(report):
    html = (report[0] / "report.html").read_text("utf-8")
    ja = STRINGS["ja"]
    assert f'<th scope="col">{ja["col_staff_hours_year"]}</th>' in html
    assert f'<th scope="col">{ja["col_fte"]}</th>' in html
    section = html.split('id="workload"')[1].split("</section>")[0]
    assert "市民課" in section and ja["total"] in section


def test_heatmap_counts_clusters_and_pairs_between_departments(report):
    from procmine.report import facts

    grid = facts.department_pairs(make_analysis())
    assert grid["clusters"]["市民課"]["保険年金課"] == 1 == grid["clusters"]["保険年金課"]["市民課"]
    assert grid["pairs"]["市民課"]["保険年金課"] == 1
    assert grid["clusters"]["市民課"]["市民課"] == 1 and grid["pairs"]["市民課"]["市民課"] == 0
    assert grid["clusters"]["税務/課 <b>"]["市民課"] == 0
    html = (report[0] / "report.html").read_text("utf-8")
    heat = html.split('class="heatmap"')[1].split("</table>")[0]
    assert "1（1）" in heat and 'class="num q5"' in heat  # the largest shared count, darkest
    assert "sortable" not in html.split('class="heatmap"')[0][-40:]


def test_silo_matrix_marks_the_reference_copy(report, report_en):
    ja = (report[0] / "report.html").read_text("utf-8")
    matrix = ja.split('class="sortable matrix"')[1].split("</table>")[0]
    assert "住所（基準）" in matrix and "@住所（12.0%）" in matrix and "（正）" not in matrix
    en = (report_en / "report.html").read_text("utf-8")
    assert "住所 (reference)" in en and "authoritative" not in en


def test_candidates_show_staff_resident_hours_fte_cost_and_exact_arithmetic(tmp_path):
    a = make_analysis()
    a.candidates = a.candidates.assign(
        hours_saved_per_year=[150.0, 0.5],
        staff_hours_per_year=[100.0, 0.5],
        resident_hours_per_year=[50.0, 0.0],
        fte=[100.0 / 1800, 0.5 / 1800],
        cost_saved_per_year=[340000.0, 1700.0],
        minutes_per_execution=[7.5, 1.0],
    )
    write_report(a, tmp_path / "r")
    html = (tmp_path / "r" / "report.html").read_text("utf-8").replace("<wbr>", "")
    table = html.split('class="sortable candidates"')[1].split("</table>")[0]
    ja = STRINGS["ja"]
    for key in ("col_staff_hours_saved", "col_resident_hours_saved", "col_fte_saved", "col_cost"):
        assert ja[key] in table
    assert "340,000" in table and "0.06" in table  # cost and FTE (100 h / 1,800 h)
    assert "年1,200.0回 × 7.50分 ÷ 60 = 150.0時間" in table
    assert "年30.0回 × 1.00分 ÷ 60 = 0.5時間" in table


def test_no_journeys_section_without_journeys_but_kpis_from_the_logs(report):
    html = (report[0] / "report.html").read_text("utf-8")
    assert "住民の行程" not in html and not (report[0] / "journeys").exists()
    kpis = html.split('id="kpis"')[1].split("</section>")[0]
    assert STRINGS["ja"]["kpi_redundant"] in kpis and "1,230回" in kpis  # 1,200 + 30
    assert STRINGS["ja"]["h_kpi_journeys"] not in kpis


def test_journeys_section_draws_the_typical_journey_and_kpis(journeys_report):
    out, written = journeys_report
    html = (out / "report.html").read_text("utf-8")
    titles = _h2(html)
    assert titles[5:8] == [
        "6. データ保有マトリクス（データのサイロ化）",
        "7. 住民の行程（窓口体験）",
        "8. 集約候補と効果試算",
    ]
    section = html.split('id="journeys"')[1].split("</section>")[0]
    types = section.split('class="sortable journey-types"')[1].split("</table>")[0]
    assert "転入" in types and ">all<" not in types
    # 出生 has one journey: merged into "Other", its own figures not shown
    assert "出生" not in types and "その他（1行程）" in types
    assert section.count('<figure class="journey"') == 1  # 出生 has no typical path
    assert (
        "典型的な行程：転入" in section and "来庁2回・窓口3か所" in section and "75.0%" in section
    )
    assert "35分〜 滞在20分" in section  # arrival offset and minutes spent at the 2nd counter
    assert "2回目の来庁" in section  # the second visit starts its own times
    svg = (out / "journeys" / "journey-1.svg").read_text("utf-8")
    assert svg.startswith("<svg") and "&lt;img" in svg and "<img" not in svg
    assert "12" in section.split('class="heatmap"')[1]  # the handover matrix
    kpis = html.split('id="kpis"')[1].split("</section>")[0]
    assert STRINGS["ja"]["h_kpi_journeys"] in kpis and "迷わせない" in kpis
    assert "窓口数（来庁当たり）" in kpis and "2 – 4" in kpis and "31 – 56" not in kpis
    md = (out / "report.md").read_text("utf-8")
    assert "](journeys/journey-1.svg)" in md
    assert any(p.name == "journey-1.svg" for p in written)
    for name, content in output_texts(written).items():
        assert "p-0123456789ab" not in content, name  # residents are never listed


def test_xlsx_has_journey_sheets_when_the_analysis_has_journeys(journeys_report):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(journeys_report[0] / "report.xlsx")
    assert "行程" in wb.sheetnames and "KPI" in wb.sheetnames
    rows = list(wb["行程"].iter_rows(values_only=True))
    assert rows[0][:4] == ("行程の種類（最初の手続）", "順番", "来庁", "課")
    assert rows[3][:4] == ("転入", 3, 2, XSS_IMG)
    kpi = [r for r in wb["KPI"].iter_rows(values_only=True) if r[2] == "窓口数（来庁当たり）"]
    assert {r[4] for r in kpi} == {"全体", "転入", "その他（1行程）"}  # 出生: one journey


def test_html_and_markdown_escape_every_injected_label(journeys_report, tmp_path):
    a = make_analysis()
    a.journeys = fake_journeys()  # type: ignore[attr-defined]
    a.silos = a.silos.assign(column=["住所", XSS_IMG, "氏名"])
    a.candidates = a.candidates.assign(title=[XSS_IMG, XSS])
    a.duplicates = a.duplicates.assign(evidence=[XSS_IMG])
    written = write_report(a, tmp_path / "x", lang="en")
    for name, content in output_texts(written).items():
        if name.endswith((".html", ".md", ".svg")):
            assert "<img" not in content and XSS not in content, name
    html = (tmp_path / "x" / "report.html").read_text("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html.replace("<wbr>", "")
    assert html.count("<script>") == 1


# ----------------------------------------------------------------------------- xlsx
def test_xlsx_has_one_sheet_per_table_with_localised_headers(report, report_en):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(report[0] / "report.xlsx")
    assert wb.sheetnames == [
        "概要", "業務量", "重複業務", "重複クラスタ", "データ保有", "集約候補", "KPI", "読込行数",
        "列対応",
    ]  # fmt: skip
    en = openpyxl.load_workbook(report_en / "report.xlsx")
    assert en.sheetnames[:3] == ["Summary", "Workload", "Duplicates"]
    cand = wb["集約候補"]
    headers = [c.value for c in cand[1]]
    assert headers[:3] == ["順位", "施策", "原則"]
    assert [c.value for c in en["Candidates"][1]][:3] == ["Rank", "Candidate", "Principle"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref == ws.dimensions, ws.title
        assert ws.column_dimensions["A"].width >= 8, ws.title
    col = {h: i for i, h in enumerate(headers)}
    hours = cand.cell(row=2, column=col["削減時間（年間）"] + 1)
    assert hours.value == 150.0 and hours.number_format == "#,##0.0"
    assert cand.cell(row=2, column=col["原則"] + 1).value == "書かせない"
    silos = wb["データ保有"]
    rate_col = [c.value for c in silos[1]].index("不整合率") + 1
    assert silos.cell(row=3, column=rate_col).number_format == "0.0%"
    assert wb["重複業務"]["A2"].value == "保険年金課"


def test_xlsx_never_stores_a_formula(report):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(report[0] / "report.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value: c for c in cells if isinstance(c.value, str)}
    for dangerous in ("-1+1", "=cmd|' /C calc'!A0", "@住所"):
        assert texts[dangerous].data_type == "s" and texts[dangerous].quotePrefix, dangerous
    with zipfile.ZipFile(report[0] / "report.xlsx") as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert "<f>" not in xml and "<f " not in xml
    assert "<dcterms:created" in xml and "2000-01-01T00:00:00Z" in xml  # fixed, not "now"


# ----------------------------------------------------------------------------- personal data
PERSONS = 30
SURNAMES = ("蝶野", "鰐淵", "蛭間", "鶴来", "鴨志田", "雉子牟田")
GIVEN = ("ゼブロン", "鷹之進", "雲母", "鱗太郎", "霞")


def _resident(i: int) -> dict[str, str]:
    return {
        "person": f"PX{700100 + i}",
        "name": f"{SURNAMES[i % 6]}{GIVEN[i % 5]}{i}",
        "address": f"光陽市架空町{i % 9 + 1}丁目{i % 7 + 1}番{i + 10}号",
        "address_fw": f"光陽市架空町{i % 9 + 1}－{i % 7 + 1}－{i + 10}".translate(
            str.maketrans("0123456789", "０１２３４５６７８９")
        ),
        "phone": f"090-{5500 + i:04d}-{7700 + i:04d}",
        "mynumber": f"{987654320000 + i:012d}",
        "account": f"{7650000 + i:07d}",
        "birth": f"19{60 + i % 30}-0{1 + i % 9}-{10 + i % 18}",
    }


def _write_city(folder: Path) -> list[dict[str, str]]:
    """Two department exports sharing residents, with every kind of personal value."""
    residents = [_resident(i) for i in range(PERSONS)]
    juki = ["受付番号,処理内容,処理日時,担当者,宛名番号,氏名,住所,電話番号,個人番号,生年月日"]
    kokuho = ["申請番号,手続,日時,担当,宛名番号,被保険者氏名,現住所,連絡先電話,口座番号,生年月日"]
    for i, r in enumerate(residents):
        day = f"2025-04-{1 + i % 20:02d}"
        for k, act in enumerate(("番号札発券", "住民異動届記入", "本人確認", "異動入力")):
            data = (
                f"{r['name']},{r['address']},{r['phone']},{r['mynumber']},{r['birth']}"
                if act == "住民異動届記入"
                else ",,,,"
            )
            who = "RESIDENT" if act == "住民異動届記入" else f"S-{k:02d}"
            juki.append(f"J{i},{act},{day} 09:{10 * k:02d},{who},{r['person']},{data}")
        for k, act in enumerate(("番号札発券", "国保届記入", "窓口での本人確認", "資格入力")):
            data = (
                f"{r['name']},{r['address_fw']},{r['phone']},{r['account']},{r['birth']}"
                if act == "国保届記入"
                else ",,,,"
            )
            who = "RESIDENT" if act == "国保届記入" else f"H-{k:02d}"
            kokuho.append(f"K{i},{act},{day} 11:{10 * k:02d},{who},{r['person']},{data}")
    (folder / "juki.csv").write_text("\n".join(juki) + "\n", encoding="utf-8")
    (folder / "kokuho.csv").write_text("\n".join(kokuho) + "\n", encoding="utf-8")
    return residents


@pytest.fixture(scope="module")
def pii_city(tmp_path_factory: pytest.TempPathFactory):
    import procmine

    folder = tmp_path_factory.mktemp("city")
    residents = _write_city(folder)
    return procmine.analyze(folder), residents


def _planted(residents: list[dict[str, str]]) -> list[str]:
    values = []
    for r in residents:
        values += [r["person"], r["name"], r["address"], r["address_fw"], r["phone"],
                   r["phone"].replace("-", ""), r["mynumber"], r["account"], r["birth"]]  # fmt: skip
    return values


def test_default_report_holds_no_personal_value_in_any_byte(pii_city, tmp_path):
    analysis, residents = pii_city
    assert len(analysis.silos) > 0  # the planted copies were found, so the test means something
    written = write_report(analysis, tmp_path / "r")
    texts = output_texts(written)
    assert any(n.startswith("report.xlsx!xl/worksheets/") for n in texts)
    assert {".dot", ".svg", ".csv", ".json", ".md", ".html"} <= {Path(n).suffix for n in texts}
    for value in _planted(residents):
        for name, content in texts.items():
            assert value not in content, (value, name)
    html = texts["report.html"]
    assert STRINGS["ja"]["personal_data"] in html and "--show-values" not in html


def test_show_values_shows_examples_only_in_the_report_and_says_so(pii_city, tmp_path):
    analysis, residents = pii_city
    written = write_report(analysis, tmp_path / "r", show_values=True, lang="en")
    texts = output_texts(written)
    html = texts["report.html"]
    first_page = html.split("<main>")[0]
    assert "Contains personal data (--show-values)" in first_page
    assert 'class="notice personal"' in first_page
    examples = html.split('id="silo-examples"')[1].split("</section>")[0]
    assert "R0001" in examples  # residents by pseudonym
    assert any(r["address_fw"] in examples for r in residents)  # a format-only difference
    for r in residents:
        for content in texts.values():
            assert r["person"] not in content  # never the resident key
    for name, content in texts.items():
        if not name.startswith(("report.html", "report.md")):
            for value in _planted(residents):
                assert value not in content, (value, name)
    data = json.loads(texts["findings.json"])
    assert data["personal_data"]["report_shows_examples"] is True
    ja = write_report(analysis, tmp_path / "ja", show_values=True)
    assert "個人情報を含みます（--show-values）" in output_texts(ja)["report.html"]


def test_english_report_has_no_japanese_in_its_own_headings_and_table_headers(report_en):
    html = (report_en / "report.html").read_text("utf-8")
    cjk = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    headings = re.findall(r"<h([1-3]) id=\"([\w-]+)\">(.*?)</h\1>", html)
    own = [text for _, anchor, text in headings if not anchor.startswith(("map-", "journey-"))]
    assert own and not [h for h in own if cjk.search(h)]
    # table headers: every table but those whose headers are department names (matrices)
    for table in re.findall(r'<table class="([^"]*)"><thead>(.*?)</thead>', html):
        if "matrix" in table[0]:
            continue
        assert not cjk.search(table[1]), table[0]


def test_findings_json_carries_the_journeys_without_residents(journeys_report, report):
    out, _ = journeys_report
    data = json.loads((out / "findings.json").read_text("utf-8"))
    assert data["journeys"]["types"] == [
        {"journey_type": "転入", "journeys": 4},
        {"journey_type": "出生", "journeys": 1},
    ]
    assert [p["department"] for p in data["journeys"]["typical_paths"]["転入"]][:2] == [
        "市民課",
        "保険年金課",
    ]
    assert data["journeys"]["handover"]["市民課"]["保険年金課"] == 12
    plain_report = json.loads((report[0] / "findings.json").read_text("utf-8"))
    assert plain_report["journeys"] is None


def test_injected_labels_are_text_in_the_parsed_dom(tmp_path):
    """Parse the report as a browser would build its DOM: the injected markup is text, never an
    element or an event-handler attribute."""
    from html.parser import HTMLParser

    class Dom(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.tags: list[str] = []
            self.handlers: list[str] = []
            self.text: list[str] = []

        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            self.tags.append(tag)
            self.handlers += [name for name, _ in attrs if name.lower().startswith("on")]

        def handle_data(self, data):  # type: ignore[no-untyped-def]
            self.text.append(data)

    a = make_analysis()
    a.candidates = a.candidates.assign(title=[XSS_IMG, XSS])
    write_report(a, tmp_path / "x", lang="en")
    dom = Dom()
    dom.feed((tmp_path / "x" / "report.html").read_text("utf-8"))
    assert dom.tags.count("script") == 1 and "img" not in dom.tags
    assert not dom.handlers
    text = "".join(dom.text)
    assert XSS in text and XSS_IMG in text.replace("\u200b", "")


def test_evidence_says_when_a_pair_is_joined_through_its_cluster():
    from procmine.report.i18n import STRINGS
    from procmine.report.sections.duplicates import evidence_text

    analysis = make_analysis()  # ran with threshold 0.7
    row = {"shared_fields": "氏名", "label_similarity": 0.2, "score": 0.55}
    assert "クラスタの他の業務を介して" in evidence_text(analysis, STRINGS["ja"], row)
    assert "基準（0.70）" in evidence_text(analysis, STRINGS["ja"], row)
    row["score"] = 0.87
    assert "クラスタの他の業務を介して" not in evidence_text(analysis, STRINGS["ja"], row)


def test_candidates_saving_nothing_are_named_below_the_table_not_tabulated():
    from procmine.report.document import Para, Table
    from procmine.report.i18n import strings
    from procmine.report.sections.candidates import candidates_section

    analysis = make_analysis()
    analysis.candidates.loc[1, "hours_saved_per_year"] = 0.0
    blocks = candidates_section(analysis, strings("en")).blocks
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert [row[1].text for row in table.rows] == ["本人確認の一本化"]
    assert any(isinstance(b, Para) and "2. -1+1" in b.text for b in blocks)
    # with every candidate saving time, nothing is left out
    full = candidates_section(make_analysis(), strings("en")).blocks
    assert len(next(b for b in full if isinstance(b, Table)).rows) == 2
    assert not any(isinstance(b, Para) and "left out" in b.text for b in full)
