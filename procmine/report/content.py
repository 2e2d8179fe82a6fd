"""The report's content as a small document tree, rendered to HTML and Markdown.

:func:`build_document` turns an :class:`~procmine.analysis.Analysis` into a
:class:`~procmine.report.document.Document` of sections and blocks (paragraphs, tables,
figures …) holding plain text; :mod:`procmine.report.html` and
:mod:`procmine.report.markdown` only lay the blocks out and escape them. Both files
therefore carry the same content.

The sections follow a consultant's deliverable (調査概要 → 業務量 → 現状業務フロー → 重複業務一覧
→ データ保有マトリクス → 住民の行程 → 集約候補・効果試算 → KPI → 手法 → 付録); the journeys section
appears only when the analysis has journeys. Sections are numbered in the order shown.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from procmine.report import facts
from procmine.report.document import Document, Section
from procmine.report.i18n import strings
from procmine.report.sections.candidates import candidates_section
from procmine.report.sections.common import period_text
from procmine.report.sections.duplicates import duplicates_section
from procmine.report.sections.journeys import journeys_section
from procmine.report.sections.kpis import kpis_section
from procmine.report.sections.maps import maps_section
from procmine.report.sections.overview import (
    appendix_section,
    method_section,
    scope_section,
    summary_section,
    workload_section,
)
from procmine.report.sections.silos import silos_section
from procmine.report.values import fmt_int

if TYPE_CHECKING:  # pragma: no cover
    from procmine.analysis import Analysis


def build_document(
    analysis: Analysis,
    *,
    lang: str = "ja",
    svgs: dict[str, str] | None = None,
    map_files: dict[str, str] | None = None,
    version: str = "",
    hours_per_fte: float = 1800.0,
    show_values: bool = False,
) -> Document:
    """Build the report's document tree.

    Parameters
    ----------
    analysis : Analysis
        What to report.
    lang : {"ja", "en"}, default "ja"
        Language of every heading and sentence.
    svgs : dict[str, str], optional
        Department → rendered SVG of its map; departments without one get no figure.
    map_files : dict[str, str], optional
        Department → file stem of its map under ``maps/``.
    version : str
        procmine version shown in the footer.
    hours_per_fte : float, default 1800
        Working hours per person-year used to express hours as FTE (人工).
    show_values : bool, default False
        Show example resident values in the silo section; the first page then says the
        report contains personal data.
    """
    t = strings(lang)
    dept_facts = facts.department_facts(analysis)
    summary = facts.summary(analysis, hours_per_fte=hours_per_fte)
    period = period_text(t, summary["period"]["start"], summary["period"]["end"])
    parts: list[Section | None] = [
        summary_section(analysis, t, summary, period),
        scope_section(analysis, t, dept_facts),
        workload_section(analysis, t, hours_per_fte),
        maps_section(analysis, t, dept_facts, svgs or {}, map_files or {}),
        duplicates_section(analysis, t, sentences=lang == "en"),
        silos_section(analysis, t, show_values=show_values),
        journeys_section(analysis, t),
        candidates_section(analysis, t),
        kpis_section(analysis, t),
        method_section(analysis, t, hours_per_fte, show_values=show_values),
        appendix_section(analysis, t),
    ]
    sections = [
        replace(s, title=f"{i}. {s.title}")
        for i, s in enumerate((p for p in parts if p is not None), start=1)
    ]
    return Document(
        lang=lang,
        title=t["title"],
        subtitle=t["subtitle"].format(
            departments=fmt_int(summary["departments"]),
            events=fmt_int(summary["events"]),
            period=period,
        ),
        notice=t["personal_data_shown" if show_values else "personal_data"],
        sections=sections,
        footer=t["footer"].format(version=version).strip(),
        toc_title=t["toc"],
        sort_hint=t["sort_hint"],
        personal=show_values,
    )


__all__ = ["build_document"]
