"""The report as a reader reads it (a consultant's review): the reference copy of a field,
rates with their n, readable options, units, honest workload, short pair lists, each
candidate's assumption, per-visit medians, small journey groups merged, case-start periods.

Most tests read the document tree the report is rendered from (so no Markdown escaping is in
the way), built once from an analysis of ``sample_logs``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from procmine.model import ProcessMap
from procmine.report import facts
from procmine.report.content import build_document
from procmine.report.document import Document, Figure, Para, Section, Stats, Table
from procmine.report.i18n import STRINGS, strings
from procmine.report.sections.common import date_text, period_text
from procmine.report.sections.duplicates import PAIRS_PER_CLUSTER, shown_pairs
from procmine.report.sections.journeys import MIN_GROUP
from procmine.report.sections.maps import performer_text
from procmine.report.sections.overview import option_text
from procmine.report.sections.silos import matrix_cell
from procmine.report.values import fmt_num
from procmine.report.wording import assumption, basis, whatif
from procmine.report.xlsx import build_sheets

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample() -> Any:
    import procmine

    return procmine.analyze(REPO / "sample_logs", salt="fixed", whatif_top=0)


@pytest.fixture(scope="module")
def ja(sample) -> Document:
    return build_document(sample, lang="ja")


@pytest.fixture(scope="module")
def en(sample) -> Document:
    return build_document(sample, lang="en")


def _section(doc: Document, anchor: str) -> Section:
    return next(s for s in doc.sections if s.anchor == anchor)


def _tables(section: Section) -> list[Table]:
    return [b for b in section.blocks if isinstance(b, Table)]


def _texts(section: Section) -> str:
    """Every paragraph of a section, joined."""
    return "\n".join(b.text for b in section.blocks if isinstance(b, Para))


def _column(table: Table, header: str) -> list[str]:
    i = table.headers.index(header)
    return [row[i].text for row in table.rows]


def _stats(doc: Document) -> dict[str, tuple[str, str]]:
    stats = next(b for b in _section(doc, "summary").blocks if isinstance(b, Stats))
    return {s.label: (s.value, s.note) for s in stats.items}


# ----------------------------------------------------------------------------- 1. reference copy
def test_silo_reference_copy_is_called_so_not_authoritative(ja, en, sample):
    t = STRINGS["ja"]
    section = _section(ja, "silos")
    matrix, detail = _tables(section)
    cells = " ".join(c.text for row in matrix.rows for c in row)
    # the reference copy's own rate is given too (口座 has no master: its reference copy errs)
    assert re.search(r"（基準、\d+\.\d%、n=", cells) and "（正）" not in cells
    assert re.search(r"口座（基準、[1-9]\d*\.\d%、n=", cells)
    header = t["col_authoritative"]
    assert header.startswith("基準の課") and header in detail.headers
    assert set(_column(detail, header)) == {"基準", ""}
    intro = _texts(section)
    assert "正本（マスター）を持つ課とは限りません" in intro and "電話番号や口座" in intro
    assert "推定" in intro  # rates are measured against an estimate, not the reference copy
    en_section = _section(en, "silos")
    en_cells = " ".join(c.text for row in _tables(en_section)[0].rows for c in row)
    assert "(reference, " in en_cells and "authoritative" not in en_cells
    assert any(h.startswith("Reference copy") for h in _tables(en_section)[1].headers)
    assert "not necessarily a master" in _texts(en_section)


def test_xlsx_marks_the_reference_copy_as_the_report_does(sample):
    for lang in ("ja", "en"):
        t = strings(lang)
        sheet = next(s for s in build_sheets(sample, lang=lang) if s.name == "xl_sheet_silos")
        marks = {r["authoritative"] for r in sheet.rows}
        assert marks == {t["authoritative_yes"], None}, lang  # not True/False


# ----------------------------------------------------------------------------- 2. rates with n
def test_silo_rates_carry_the_residents_they_rest_on(ja, sample):
    matrix, detail = _tables(_section(ja, "silos"))
    silos = sample.silos
    assert "比較できた住民数" in detail.headers
    i = detail.headers.index("比較できた住民数")
    assert detail.headers[i - 1] == STRINGS["ja"]["col_inconsistency"]  # next to the rate
    assert [int(x.replace(",", "")) for x in _column(detail, "比較できた住民数")] == [
        int(n) for n in silos["shared_persons"]
    ]
    # every compared copy's cell gives its rate and n, e.g. 住所（15.4%、n=13）
    cells = [c.text for row in matrix.rows for c in row[1:] if c.text.strip()]
    for r in silos.itertuples(index=False):
        if not r.authoritative and pd.notna(r.inconsistency_rate):
            wanted = f"{r.column}（{r.inconsistency_rate:.1%}、n={r.shared_persons:,}）"
            assert any(wanted in c for c in cells), wanted
    # a copy with no resident compared says so instead of showing a bare column name
    none = silos[silos["inconsistency_rate"].isna() & ~silos["authoritative"]]
    assert len(none)
    for r in none.itertuples(index=False):
        assert any(f"{r.column}：比較不可（n=0）" in c for c in cells), r.column
    assert "比較不可（n=0）" in _column(detail, STRINGS["ja"]["col_inconsistency"])


def test_matrix_cell_in_both_languages():
    ja, en = strings("ja"), strings("en")
    assert matrix_cell(ja, "住所", 0.154, False, 13) == "住所（15.4%、n=13）"
    assert matrix_cell(en, "住所", 0.154, False, 13) == "住所 (15.4%, n=13)"
    assert matrix_cell(en, "x", None, False, 0) == "x: not comparable (n=0)"
    assert matrix_cell(ja, "x", None, True, 0) == "x（基準）：比較不可（n=0）"


# ----------------------------------------------------------------------------- 3. options
def test_method_options_are_readable(ja, en, sample):
    for doc, yes, days_word in ((ja, "はい", "日を使用"), (en, "yes", "days over which")):
        table = _tables(_section(doc, "method"))[0]
        values = dict(
            zip(_column(table, table.headers[0]), _column(table, table.headers[1]), strict=True)
        )
        shown = " ".join(values.values())
        for raw in ("null", "3400.0", "1800.0", "true", "false", "14.0"):
            assert raw not in shown.split(), raw
        assert "stable_pseudonyms" not in values  # every option key has a label
        assert "3,400" in shown and "1,800" in shown and yes in shown
        days = f"{round(facts.period_days(sample)):,}"
        period = values[strings(doc.lang)["opt_period_days"]]
        assert days in period and days_word in period
        assert str(REPO) not in shown


def test_inputs_are_shown_by_name_whatever_the_current_folder(tmp_path, monkeypatch):
    t = strings("ja")
    a = type("A", (), {"options": {}})()
    inside = tmp_path / "logs" / "city"
    outside = Path("/srv/secret/place/exports")
    shown = []
    for here in (tmp_path, tmp_path / "logs"):
        here.mkdir(exist_ok=True)
        monkeypatch.chdir(here)
        shown.append(option_text(a, t, "inputs", [str(inside), str(outside), "../rel/dir"]))
    assert shown == ["city、exports、dir"] * 2
    assert option_text(a, t, "x", None) == "なし" and option_text(a, t, "x", False) == "いいえ"


# ----------------------------------------------------------------------------- 4. units, wording
def test_summary_gives_units_and_staff_and_resident_savings_apart(ja, en, sample):
    s = facts.summary(sample, hours_per_fte=1800.0)
    stats = _stats(ja)
    assert re.fullmatch(r"[\d,.]+時間", stats["職員の処理時間（年間換算）"][0])
    staff = stats["職員の削減時間（年間・推計）"][0]
    resident = stats["住民の削減時間（年間・推計）"][0]
    assert staff == f"{fmt_num(s['saved_staff_hours_per_year'])}時間"
    assert resident == f"{fmt_num(s['saved_resident_hours_per_year'])}時間"
    assert "集約による削減時間（年間・推計）" not in stats  # not only their sum
    zero = int((sample.candidates["hours_saved_per_year"] == 0).sum())
    assert zero > 0
    assert stats["集約候補"] == (f"{len(sample.candidates)}件", f"うち効果0の{zero}件")
    assert re.fullmatch(r"[\d,.]+ h", _stats(en)["Staff hours per year"][0])


def test_department_lists_say_departments_and_map_totals_say_in_the_logs(ja):
    table = _tables(_section(ja, "candidates"))[0]
    departments = _column(table, STRINGS["ja"]["col_departments"])
    capped = [d for d in departments if "ほか" in d]
    assert capped and all(re.search(r"ほか\d+課$", d) for d in capped)
    maps = _tables(_section(ja, "maps"))[0]
    assert "合計時間（期間内）" in maps.headers


# ----------------------------------------------------------------------------- 5. workload
def test_workload_counts_events_without_a_known_time(ja, en, sample):
    expected: dict[str, int] = {}
    for dept, pmap in sample.maps.items():
        expected[dept] = sum(
            int(d["events"])
            for _, d in pmap.graph.nodes(data=True)
            if not (d.get("duration_measured") and d.get("total_hours") is not None)
            and d.get("performer") not in ("system", "external")
        )  # fmt: skip
    section = _section(ja, "workload")
    table = _tables(section)[0]
    column = _column(table, STRINGS["ja"]["col_unknown_time"])
    for dept, cell in zip(_column(table, "課"), column, strict=True):
        assert cell.split("（")[0] == f"{expected[dept]:,}", dept
    assert max(expected.values()) > 0  # the sample has such steps (税務課)
    assert "下限" in _texts(section)
    assert "lower bound" in _texts(_section(en, "workload"))


def test_unknown_time_events_counts_staff_and_resident_steps_only():
    g = nx.DiGraph()
    g.add_node("a", events=10, median_minutes=None, performer="staff")
    g.add_node("b", events=5, median_minutes=3.0, performer="staff")
    g.add_node("c", events=7, median_minutes=None, performer="system")
    g.add_node("d", events=2, median_minutes=None, performer="resident")
    pm = ProcessMap("X", g, pd.DataFrame(), pd.DataFrame(), 1, 24)
    a = type("A", (), {"maps": {"X": pm}, "dataset": type("D", (), {"departments": []})()})()
    assert facts.unknown_time_events(a) == {"X": 12}


def test_system_steps_say_their_time_is_a_wait(ja):
    assert performer_text(strings("ja"), "system") == "システム（時間は次の業務までの待ち）"
    assert performer_text(strings("en"), "system").startswith("system (time = wait")
    performers = set()
    for table in _tables(_section(ja, "maps")):
        performers |= set(_column(table, STRINGS["ja"]["col_performer"]))
    assert "システム（時間は次の業務までの待ち）" in performers and "システム" not in performers


# ----------------------------------------------------------------------------- 6. pairs
def test_pairs_show_the_best_three_per_cluster_and_point_to_the_csv(ja, en, sample):
    t = STRINGS["ja"]
    pairs = next(
        b for b in _section(ja, "duplicates").blocks if isinstance(b, Table) and b.cls == "pairs"
    )
    per_cluster = sample.duplicates.groupby("cluster").size()
    shown: dict[str, int] = {}
    more: dict[str, str] = {}
    for row in pairs.rows:
        if row[1].text.startswith("ほか"):
            more[row[0].text] = row[1].text
        else:
            shown[row[0].text] = shown.get(row[0].text, 0) + 1
    for cluster, n in per_cluster.items():
        key = f"C{int(cluster)}"
        assert shown[key] == min(n, PAIRS_PER_CLUSTER)
        if n > PAIRS_PER_CLUSTER:
            assert more[key] == t["pairs_more"].format(n=f"{n - PAIRS_PER_CLUSTER:,}")
        else:
            assert key not in more
    assert len(pairs.rows) < len(sample.duplicates) / 3
    # report.xlsx keeps every pair
    sheet = next(s for s in build_sheets(sample, lang="ja") if s.name == "xl_sheet_duplicates")
    assert len(sheet.rows) == len(sample.duplicates)
    en_pairs = next(
        b for b in _section(en, "duplicates").blocks if isinstance(b, Table) and b.cls == "pairs"
    )
    assert any("more pairs in duplicates.csv" in row[1].text for row in en_pairs.rows)


def test_shown_pairs_keeps_the_highest_scores():
    rows = [{"cluster": 1, "score": s} for s in (0.1, 0.9, 0.5, 0.7, 0.3)] + [
        {"cluster": 2, "score": 0.4}
    ]
    out = [(r["cluster"], r["score"], more) for r, more in shown_pairs(rows)]
    assert out == [(1, 0.9, 0), (1, 0.7, 0), (1, 0.5, 0), (1, 0.5, 2), (2, 0.4, 0)]


# ----------------------------------------------------------------------------- 7. assumptions
def test_each_candidate_shows_its_assumption_in_the_report_language(ja, en, sample):
    table = _tables(_section(ja, "candidates"))[0]
    shown = _column(table, STRINGS["ja"]["col_assumption"])
    text = " ".join(shown)
    assert "同じ住民に14日以内の繰り返しを重複とみなす" in text
    assert "庁内照会は全て重複とみなす" in text
    assert not re.search(r"[a-z]{4,}", text)  # no English left
    en_text = " ".join(_column(_tables(_section(en, "candidates"))[0], "Assumption"))
    assert "every inquiry is redundant" in en_text
    # the method section names more than the 14-day rule
    method = " ".join(
        i for b in _section(ja, "method").blocks if hasattr(b, "items") for i in b.items
    )
    assert "庁内照会は全ての実行を重複とみなし" in method and "データ保有の候補" in method


def test_every_assumption_form_of_the_candidates_is_translated(sample):
    t = strings("ja")
    for value in sample.candidates["assumption"].dropna().unique():
        out = assumption(t, value)
        assert out != value and not re.search(r"[a-z]{4,}", out), value
    assert assumption(t, "a brand new rule") == "a brand new rule"  # English when unknown
    assert assumption(t, "median handling time; a brand new rule") == (
        "median handling time; a brand new rule"
    )  # never half translated
    assert assumption(strings("en"), "median handling time") == "median handling time"


def test_japanese_xlsx_translates_basis_assumption_and_whatif(sample):
    t = strings("ja")
    sheet = next(s for s in build_sheets(sample, lang="ja") if s.name == "xl_sheet_candidates")
    for r in sheet.rows:
        for column in ("assumption", "basis"):
            assert not re.search(r"redundant|duplicate cluster|silo ", str(r[column])), r[column]
    assert basis(t, "silo 住所: A.x, B.y") == "データ保有「住所」：A.x、B.y"
    assert (
        whatif(t, "counters_per_visit 1.56→1.01 (-35%)") == "窓口数（来庁当たり） 1.56→1.01（-35%）"
    )


# ----------------------------------------------------------------------------- 8. journeys
def test_journey_tables_say_what_each_median_is_over(ja, en):
    tables = _tables(_section(ja, "journeys"))
    headers = tables[0].headers
    assert "窓口数（来庁1回当たり・中央値）" in headers
    assert "来庁回数（行程当たり・中央値）" in headers
    assert _stats(ja)["住民の行程"][1].startswith("来庁1回当たりの滞在時間（中央値）")
    assert "Counters per visit (median)" in _tables(_section(en, "journeys"))[0].headers
    # times restart at each visit: a caption over several visits gives the longest one
    captions = [b.caption for b in _section(ja, "journeys").blocks if isinstance(b, Figure)]
    several = [c for c in captions if "来庁1回・" not in c]
    assert several and all("最も長い来庁で" in c for c in several)
    assert not any("最も長い来庁で" in c for c in captions if "来庁1回・" in c)


# ----------------------------------------------------------------------------- 9. small groups
def test_small_journey_groups_are_merged_with_their_figures(ja, sample):
    table = sample.journeys.journeys
    journeys = _tables(_section(ja, "journeys"))
    for by, shown in (("journey_type", journeys[0]), ("life_event", journeys[1])):
        counts = table[by].dropna().astype(str).value_counts()
        small = counts[counts < MIN_GROUP]
        assert len(small), by  # the sample has such groups
        names = [row[0].text for row in shown.rows]
        assert not set(small.index) & set(names)
        n = int(small.sum())
        other = next(row for row in shown.rows if row[0].text == f"その他（{n:,}行程）")
        merged = table[table[by].astype(str).isin(small.index)]
        assert other[1].text == f"{n:,}"
        assert float(other[2].text) == merged["visits"].median()  # visits per journey
        assert float(other[6].text) == merged["forms_written"].median()
        for row in shown.rows:
            if not row[0].text.startswith("その他"):
                assert int(row[1].text.replace(",", "")) >= MIN_GROUP
    assert "3件未満" in _texts(_section(ja, "journeys"))


def test_xlsx_journey_groups_are_merged_too(sample):
    table = sample.journeys.journeys
    sheets = {s.name: s for s in build_sheets(sample, lang="ja")}
    small_types = {
        k for k, n in table["journey_type"].astype(str).value_counts().items() if n < MIN_GROUP
    }
    small_events = {
        k for k, n in table["life_event"].astype(str).value_counts().items() if n < MIN_GROUP
    }
    kpi_rows = sheets["xl_sheet_kpis"].rows
    assert not {r.get("journey_type") for r in kpi_rows} & small_types
    assert not {r.get("life_event") for r in kpi_rows} & small_events
    assert any(str(r.get("life_event", "")).startswith("その他（") for r in kpi_rows)
    assert not {r["journey_type"] for r in sheets["xl_sheet_journeys"].rows} & small_types


# ----------------------------------------------------------------------------- 10. periods
def test_departments_show_when_their_cases_started(ja, sample):
    table = _tables(_section(ja, "scope"))[0]
    t = strings("ja")
    for dept, cell in zip(
        _column(table, "課"), _column(table, "ケースの開始（最初～最後）"), strict=True
    ):
        events = sample.dataset.logs[dept].events
        starts = events.groupby("case")["timestamp"].min()
        first, last = starts.min().date().isoformat(), starts.max().date().isoformat()
        assert cell == period_text(t, first, last), dept
    s = facts.summary(sample, hours_per_fte=1800.0)["period"]
    y, m, d = (int(x) for x in s["start"].split("-"))
    assert ja.subtitle.endswith(f"{y}年{m}月{d}日～" + date_text(t, s["end"]))


def test_dates_follow_the_report_language():
    assert date_text(strings("ja"), "2025-04-01") == "2025年4月1日"
    assert date_text(strings("en"), "2025-04-01") == "2025-04-01"
    assert period_text(strings("ja"), "2025-04-01", "2027-01-20") == "2025年4月1日～2027年1月20日"
    assert period_text(strings("en"), "2025-04-01", None) == "2025-04-01 – ?"
