"""Writing an As-Is vs To-Be comparison (:class:`procmine.compare.Comparison`).

Files: ``comparison.html`` (self-contained), ``comparison.md``, ``kpi_comparison.csv``,
``queue_comparison.csv``, ``department_comparison.csv`` and ``activity_changes.csv`` (UTF-8 with BOM, formula-guarded),
written atomically like the report.
"""

from __future__ import annotations

import html
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from procmine.errors import ConfigError
from procmine.report.csvjson import csv_text
from procmine.report.values import fmt_num
from procmine.report.writer import _replace_atomically, _write

if TYPE_CHECKING:  # pragma: no cover
    from procmine.compare import Comparison

__all__ = ["write_comparison"]

_T = {
    "ja": {
        "title": "As-Is / To-Be 比較",
        "lead": (
            "同じ指標を改革前（BEFORE）と改革後（AFTER）のログで計算し、並べて示します。値は中央値です。"
            "ライフイベントは行程の手続がある課と届出種別で表し、改革で業務名が変わっても同じ名前になります。"
            "繁忙期はBEFOREの来庁数（14日移動平均）が上位10%の日です。"
            "窓口の待ち時間は番号札から同じ課の職員による最初の対応までで、待つ間の申請書記入を含みます。"
            "最も混む窓口は繁忙期のBEFOREで番号札が最も多い課です。"
        ),
        "kpis": "住民の行程指標（原則別）",
        "kpis_type": "ライフイベント別の主な指標（BEFOREの行程数が多い{n}件）",
        "queues": "繁忙期の窓口の待ち時間（番号札から最初の対応まで、分）",
        "counter": "窓口（課）",
        "busiest": "BEFOREで最も混む窓口",
        "tickets": "番号札",
        "mean": "平均",
        "median": "中央値",
        "depts": "課別の業務量",
        "acts": "業務の変化",
        "principle": "原則",
        "kpi": "指標",
        "life_event": "ライフイベント（手続の課・届出種別）",
        "staff": "職員の時間",
        "before": "BEFORE",
        "after": "AFTER",
        "change": "増減",
        "change_pct": "増減率（%）",
        "n": "件数",
        "department": "課",
        "events": "イベント数",
        "cases": "ケース数",
        "staff_hours": "職員の処理時間（時間）",
        "activity": "業務",
        "status": "変化",
        "minutes": "中央処理時間（分）",
        "performer": "実施者",
        "removed": "廃止",
        "added": "新設",
        "kept": "継続",
        "none": "行程の指標がありません（住民キーのあるログが必要です）。",
        "kakasenai": "書かせない",
        "matasenai": "待たせない",
        "mayowasenai": "迷わせない",
        "ikasenai": "行かせない",
    },
    "en": {
        "title": "As-Is / To-Be comparison",
        "lead": (
            "The same measures computed on the logs before (BEFORE) and after (AFTER) a reform, side by side. "
            "Values are medians. A life event is named by the departments and case types of its procedures, "
            "so it keeps its name when a reform renames the counter steps. Peak days are the 10 % of days "
            "with most visits BEFORE (14-day moving average). The queue wait at a counter runs from the "
            "queue ticket to the first step of that department's staff (forms written while waiting "
            "included); the busiest counter is the department with most tickets on the peak days BEFORE."
        ),
        "kpis": "Resident journey KPIs by principle",
        "kpis_type": "Main KPIs by life event (the {n} with most journeys BEFORE)",
        "queues": "Queue wait in the peak season (queue ticket to first service, minutes)",
        "counter": "Counter (department)",
        "busiest": "Busiest counter BEFORE",
        "tickets": "Tickets",
        "mean": "Mean",
        "median": "Median",
        "depts": "Workload by department",
        "acts": "Changes in activities",
        "principle": "Principle",
        "kpi": "KPI",
        "life_event": "Life event (departments and case types of its procedures)",
        "staff": "Staff time",
        "before": "BEFORE",
        "after": "AFTER",
        "change": "Change",
        "change_pct": "Change (%)",
        "n": "n",
        "department": "Department",
        "events": "Events",
        "cases": "Cases",
        "staff_hours": "Staff hours",
        "activity": "Activity",
        "status": "Change",
        "minutes": "Median minutes",
        "performer": "Performer",
        "removed": "removed",
        "added": "added",
        "kept": "kept",
        "none": "No journey KPIs (they need logs with a resident key).",
        "kakasenai": "No re-writing (書かせない)",
        "matasenai": "No waiting (待たせない)",
        "mayowasenai": "No getting lost (迷わせない)",
        "ikasenai": "No extra trips (行かせない)",
    },
}


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [dict(zip(frame.columns, row, strict=True)) for row in frame.itertuples(index=False)]


def _table(t: dict[str, str], frame: pd.DataFrame, columns: list[tuple[str, str]]) -> str:
    head = "".join(f"<th>{html.escape(t.get(label, label))}</th>" for _, label in columns)
    body = []
    for row in _rows(frame):
        cells = []
        for col, _ in columns:
            value = row.get(col)
            if col in ("principle", "status"):
                text = t.get(str(value), str(value))
            elif col == "busiest":
                text, value = ("●" if value else ""), None
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                text = fmt_num(value)
            else:
                text = (
                    ""
                    if value is None or (isinstance(value, float) and pd.isna(value))
                    else str(value)
                )
            cls = (
                ' class="num"'
                if isinstance(value, (int, float)) and not isinstance(value, bool)
                else ""
            )
            cells.append(f"<td{cls}>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _md_table(t: dict[str, str], frame: pd.DataFrame, columns: list[tuple[str, str]]) -> str:
    def cell(col: str, value: Any) -> str:
        if col in ("principle", "status"):
            return t.get(str(value), str(value))
        if col == "busiest":
            return "●" if value else ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return fmt_num(value)
        return (
            ""
            if value is None or (isinstance(value, float) and pd.isna(value))
            else str(value).replace("|", "\\|")
        )

    lines = [
        "| " + " | ".join(t.get(label, label) for _, label in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    lines += [
        "| " + " | ".join(cell(c, row.get(c)) for c, _ in columns) + " |" for row in _rows(frame)
    ]
    return "\n".join(lines)


_KPI_COLS = [
    ("principle", "principle"),
    ("kpi", "kpi"),
    ("n_before", "n"),
    ("before", "before"),
    ("after", "after"),
    ("change", "change"),
    ("change_pct", "change_pct"),
]
_KPI_TYPE_COLS = [("life_event", "life_event")] + _KPI_COLS
#: Life events shown in the report (all of them are in kpi_comparison.csv) …
TOP_LIFE_EVENTS = 8
#: … with these KPIs (koyo-city §3.8 / §3.11: forms, form step, checks, counters, time).
HEADLINE_KPIS = (
    "forms_per_journey",
    "form_step_minutes",
    "identity_checks_per_journey",
    "counters_per_journey",
    "minutes_on_site_per_journey",
    "peak_waiting_minutes_per_visit",
    "peak_queue_minutes_per_counter",
    "staff_hours_per_journey",
)
_QUEUE_COLS = [
    ("counter", "counter"),
    ("busiest", "busiest"),
    ("tickets_before", "tickets"),
    ("mean_before", "mean"),
    ("median_before", "median"),
    ("tickets_after", "tickets"),
    ("mean_after", "mean"),
    ("median_after", "median"),
    ("change_pct_mean", "change_pct"),
]
_DEPT_COLS = [
    ("department", "department"),
    ("events_before", "before"),
    ("events_after", "after"),
    ("staff_hours_before", "staff_hours"),
    ("staff_hours_after", "staff_hours"),
]
_ACT_COLS = [
    ("department", "department"),
    ("activity", "activity"),
    ("status", "status"),
    ("events_before", "before"),
    ("events_after", "after"),
    ("median_minutes_before", "minutes"),
    ("median_minutes_after", "minutes"),
    ("performer", "performer"),
]


def _sections(comparison: Comparison) -> list[tuple[str, pd.DataFrame, list[tuple[str, str]]]]:
    kpis = comparison.kpis
    changed = comparison.activities[
        (comparison.activities["status"] != "kept")
        | (
            comparison.activities["median_minutes_before"]
            != comparison.activities["median_minutes_after"]
        )
    ]
    overall = kpis[kpis["life_event"] == "all"]
    per_event = kpis[(kpis["life_event"] != "all") & kpis["kpi"].isin(HEADLINE_KPIS)]
    sizes = (
        kpis[(kpis["kpi"] == "visits_per_journey") & (kpis["life_event"] != "all")]
        .sort_values(["n_before", "life_event"], ascending=[False, True], kind="stable")
        .dropna(subset=["n_before"])["life_event"]
        .head(TOP_LIFE_EVENTS)
        .tolist()
    )
    per_event = per_event[per_event["life_event"].isin(sizes)].copy()
    per_event["_order"] = per_event["life_event"].map({e: i for i, e in enumerate(sizes)})
    per_event["_kpi"] = per_event["kpi"].map({k: i for i, k in enumerate(HEADLINE_KPIS)})
    per_event = per_event.sort_values(["_order", "_kpi"], kind="stable").drop(
        columns=["_order", "_kpi"]
    )
    return [
        ("kpis", overall, _KPI_COLS),
        ("kpis_type", per_event, _KPI_TYPE_COLS),
        ("queues", comparison.queues, _QUEUE_COLS),
        ("depts", comparison.departments, _DEPT_COLS),
        ("acts", changed, _ACT_COLS),
    ]


def write_comparison(
    comparison: Comparison, out_dir: str | Path, *, lang: str = "ja", force: bool = False
) -> list[Path]:
    """Write the comparison report and its tables into ``out_dir`` (replaced atomically)."""
    if lang not in _T:
        raise ConfigError(f"unknown language {lang!r}: use 'ja' or 'en'")
    t = _T[lang]
    css = files("procmine.report").joinpath("report.css").read_text(encoding="utf-8")

    def build(tmp: Path) -> list[Path]:
        parts_html = [f"<h1>{html.escape(t['title'])}</h1>", f"<p>{html.escape(t['lead'])}</p>"]
        parts_md = [f"# {t['title']}", "", t["lead"], ""]
        for key, frame, cols in _sections(comparison):
            heading = t[key].format(n=TOP_LIFE_EVENTS)
            parts_html.append(f"<h2>{html.escape(heading)}</h2>")
            parts_md += [f"## {heading}", ""]
            if frame.empty:
                parts_html.append(f"<p>{html.escape(t['none'])}</p>")
                parts_md += [t["none"], ""]
            else:
                parts_html.append(_table(t, frame, cols))
                parts_md += [_md_table(t, frame, cols), ""]
        page = (
            f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            f"<title>{html.escape(t['title'])}</title>\n<style>\n{css}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(parts_html)
            + "\n</main>\n</body>\n</html>\n"
        )
        written = [
            _write(tmp / "comparison.html", page),
            _write(tmp / "comparison.md", "\n".join(parts_md)),
        ]
        for name, frame in (
            ("kpi_comparison.csv", comparison.kpis),
            ("queue_comparison.csv", comparison.queues),
            ("department_comparison.csv", comparison.departments),
            ("activity_changes.csv", comparison.activities),
        ):
            written.append(
                _write(tmp / name, csv_text(list(frame.columns), _rows(frame)), bom=True)
            )
        return written

    return _replace_atomically(out_dir, force=force, build=build)
