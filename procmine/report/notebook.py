"""Rich displays for Jupyter: a department's map, a duplicate cluster, a silo, an analysis.

Each view is a small object with ``_repr_html_`` (and, for maps, ``_repr_svg_``), so a
notebook shows it when it is the last expression of a cell; its tables are also available
as DataFrames. :class:`~procmine.analysis.Analysis` exposes them as
``analysis.map(department)``, ``analysis.cluster(number)`` and ``analysis.silo(field)``,
and displays itself with :func:`analysis_html`.

Everything shown is what the report shows: names, counts and rates, never resident values.
All text from the input is escaped.

Examples
--------
>>> import networkx as nx, pandas as pd
>>> from procmine.model import ProcessMap
>>> g = nx.DiGraph()
>>> g.add_edge("受付", "<審査>", count=3)
>>> view = MapView(ProcessMap("市民課", g, pd.DataFrame(), pd.DataFrame(), 3, 6))
>>> view
<MapView 市民課: 2 activities>
>>> "<審査>" in view.dot, "<審査>" in view._repr_html_(), "&lt;審査&gt;" in view._repr_html_()
(True, False, True)
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from html import escape
from typing import TYPE_CHECKING

from procmine.errors import ConfigError
from procmine.fields._profile import field_label
from procmine.report import facts
from procmine.report.document import Block, Cell, Stat, Stats, Table
from procmine.report.html import inline_svg, render_block
from procmine.report.i18n import strings
from procmine.report.maps import MAX_NODES, map_dot, render_svg
from procmine.report.sections.candidates import activity_names
from procmine.report.sections.common import (
    capped,
    label,
    names,
    num,
    period_text,
    principle_names,
)
from procmine.report.sections.duplicates import EVIDENCE_COLUMNS, evidence_text
from procmine.report.sections.silos import matrix_table
from procmine.report.values import fmt_int, fmt_num, fmt_pct, fmt_score, text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from procmine.analysis import Analysis
    from procmine.model import ProcessMap

#: Styles of the notebook displays, scoped to ``.procmine``.
CSS = """<style>
.procmine { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; }
.procmine .stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr));
  gap: 8px; padding: 0; list-style: none; margin: 8px 0; }
.procmine .stats li { border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 10px; }
.procmine .stats .label, .procmine .stats .sub { display: block; color: #59636e; font-size: 0.85em; }
.procmine .stats .value { display: block; font-size: 1.35em; font-weight: 700; }
.procmine td.num, .procmine td.cl { text-align: right; }
.procmine td.h1 { background: #fdf3d8; } .procmine td.h2 { background: #fbdcb4; }
.procmine td.h3 { background: #f6b990; }
.procmine .sw { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.3em;
  border: 1px solid #333; }
.procmine h4 { margin: 12px 0 4px; }
.procmine th, .procmine td { word-break: keep-all; overflow-wrap: anywhere; vertical-align: top; }
.procmine svg { max-width: 100%; height: auto; }
</style>"""


def _lang(analysis: Analysis | None, lang: str | None) -> str:
    chosen = lang or ((analysis.options or {}).get("lang") if analysis is not None else None)
    return chosen if chosen in ("ja", "en") else "ja"


def _html(title: str, blocks: list[Block | str]) -> str:
    body = "".join(b if isinstance(b, str) else render_block(b) for b in blocks)
    return f'{CSS}<div class="procmine"><h4>{escape(title)}</h4>{body}</div>'


def _sub(title: str) -> str:
    return f"<h4>{escape(title)}</h4>"


class MapView:
    """A department's process map, drawn inline (duplicated activities coloured by cluster).

    Parameters
    ----------
    pmap : ProcessMap
        The map to draw.
    highlight : Mapping[str, int], optional
        Activity → duplicate cluster number, for the colours.
    lang : {"ja", "en"}, default "ja"
        Language of the node statistics.
    max_nodes : int, default 40
        Draw at most this many activities (see :func:`procmine.report.map_dot`).
    """

    def __init__(
        self,
        pmap: ProcessMap,
        highlight: Mapping[str, int] | None = None,
        *,
        lang: str = "ja",
        max_nodes: int = MAX_NODES,
    ) -> None:
        self.pmap = pmap
        self.highlight = dict(highlight or {})
        self.lang = lang if lang in ("ja", "en") else "ja"
        self.dot = map_dot(pmap, highlight=self.highlight, lang=self.lang, max_nodes=max_nodes)  # type: ignore[arg-type]
        self._svg: str | None = None

    def svg(self) -> str:
        """The map drawn by Graphviz (SVG text); drawn once, then kept."""
        if self._svg is None:
            self._svg = render_svg(self.dot)
        return self._svg

    def _repr_svg_(self) -> str:
        return self.svg()

    def _repr_html_(self) -> str:
        prefix = "pm" + hashlib.sha1(self.dot.encode("utf-8")).hexdigest()[:10]
        alt = strings(self.lang)["map_alt"].format(department=self.pmap.department)
        return f'<div class="procmine">{inline_svg(self.svg(), prefix=prefix, label=alt)}</div>'

    def __repr__(self) -> str:
        return f"<MapView {self.pmap.department}: {self.pmap.graph.number_of_nodes()} activities>"


def map_view(analysis: Analysis, department: str, *, lang: str | None = None) -> MapView:
    """The map of ``department`` with its duplicated activities coloured (``analysis.map``).

    Raises
    ------
    ConfigError
        ``department`` has no map; the message lists those that have one.
    """
    if department not in analysis.maps:
        known = ", ".join(sorted(analysis.maps)) or "none"
        raise ConfigError(f"no process map for department {department!r}; departments: {known}")
    highlight = facts.highlight(analysis).get(department, {})
    return MapView(analysis.maps[department], highlight, lang=_lang(analysis, lang))


def _excerpt(pmap: ProcessMap, activities: list[str]) -> ProcessMap:
    """The part of a map around ``activities``: them, their predecessors and successors."""
    from dataclasses import replace

    keep = set(activities)
    for activity in activities:
        if activity in pmap.graph:
            keep |= set(pmap.graph.predecessors(activity)) | set(pmap.graph.successors(activity))
    graph = pmap.graph.subgraph(n for n in pmap.graph.nodes if n in keep).copy()
    for node in graph.nodes:  # markers of the whole map would mislead in an excerpt
        graph.nodes[node].pop("start", None)
        graph.nodes[node].pop("end", None)
    return replace(pmap, graph=graph)


class ClusterView:
    """One duplicate cluster: its activities, the pairs judged duplicates with their
    evidence, and an excerpt of each department's map around them.

    Attributes
    ----------
    members : DataFrame
        ``department, activity, events, median_minutes, total_hours, performer``.
    pairs : DataFrame
        The rows of ``analysis.duplicates`` of this cluster.
    maps : dict[str, MapView]
        Department → excerpt of its map (the cluster's activities and their neighbours).
    """

    def __init__(self, analysis: Analysis, cluster: int, *, lang: str | None = None) -> None:
        import pandas as pd

        rows = [r for r in facts.cluster_rows(analysis) if r["cluster"] == int(cluster)]
        if not rows:
            known = sorted({r["cluster"] for r in facts.cluster_rows(analysis)})
            shown = ", ".join(str(c) for c in known) or "none"
            raise ConfigError(f"no duplicate cluster {cluster!r}; clusters: {shown}")
        self.cluster = int(cluster)
        self.lang = _lang(analysis, lang)
        self._analysis = analysis
        members = []
        for r in rows:
            pmap = analysis.maps.get(r["department"])
            node = pmap.graph.nodes[r["activity"]] if pmap and r["activity"] in pmap.graph else {}
            members.append(
                {
                    "department": r["department"],
                    "activity": r["activity"],
                    "events": node.get("events"),
                    "median_minutes": node.get("median_minutes"),
                    "total_hours": node.get("total_hours"),
                    "performer": node.get("performer"),
                }
            )
        self.members = pd.DataFrame(members)
        dup = analysis.duplicates
        if facts.has(dup, "cluster"):
            self.pairs = dup[dup["cluster"] == self.cluster].reset_index(drop=True)
        else:
            self.pairs = pd.DataFrame(columns=list(facts.DUPLICATE_COLUMNS))
        self.maps: dict[str, MapView] = {}
        for dept in sorted({r["department"] for r in rows}):
            if dept in analysis.maps:
                acts = [r["activity"] for r in rows if r["department"] == dept]
                excerpt = _excerpt(analysis.maps[dept], acts)
                self.maps[dept] = MapView(excerpt, {a: self.cluster for a in acts}, lang=self.lang)

    def _evidence(self, t: dict[str, str], r: dict[str, object]) -> str:
        """The matcher's sentence in English; in Japanese, built from the evidence columns."""
        if self.lang == "en" and text(r.get("evidence")):
            return text(r.get("evidence"))
        return evidence_text(self._analysis, t, r)

    def _repr_html_(self) -> str:
        t = strings(self.lang)
        member_rows = [
            [
                Cell(text(r["department"])),
                Cell(text(r["activity"])),
                num(r["events"]),
                num(r["median_minutes"], fmt_num),
                num(r["total_hours"], fmt_num),
                Cell(label(t, "performer", r["performer"])),
            ]
            for r in facts.records(self.members, list(self.members.columns))
        ]
        blocks: list[Block | str] = [
            Table(
                [
                    t["col_department"],
                    t["col_activity"],
                    t["col_events"],
                    t["col_median_minutes"],
                    t["col_total_hours"],
                    t["col_performer"],
                ],
                member_rows,
                sortable=False,
            ),
            _sub(t["h_pairs"]),
        ]
        cols = [*facts.DUPLICATE_COLUMNS, *EVIDENCE_COLUMNS]
        blocks.append(
            Table(
                [
                    t["col_department_a"],
                    t["col_activity_a"],
                    t["col_department_b"],
                    t["col_activity_b"],
                    t["col_score"],
                    t["col_evidence"],
                ],
                [
                    [
                        Cell(text(r["department_a"])),
                        Cell(text(r["activity_a"])),
                        Cell(text(r["department_b"])),
                        Cell(text(r["activity_b"])),
                        num(r["score"], fmt_score),
                        Cell(self._evidence(t, r)),
                    ]
                    for r in facts.records(self.pairs, cols)
                ],
                sortable=False,
            )
        )
        for dept, view in self.maps.items():
            blocks += [_sub(dept), view._repr_html_()]
        return _html(f"{t['col_cluster']} C{self.cluster}", blocks)

    def __repr__(self) -> str:
        return f"<ClusterView C{self.cluster}: {len(self.members)} activities>"


class SiloView:
    """One field held by several departments: its copies with their rates.

    Attributes
    ----------
    copies : DataFrame
        The rows of ``analysis.silos`` for this field (published columns only).
    """

    def __init__(self, analysis: Analysis, field: str, *, lang: str | None = None) -> None:
        silos = analysis.silos
        self.lang = _lang(analysis, lang)
        field = _held_field(silos, field, self.lang)
        self.field = field
        columns = facts.silo_columns(silos)
        self.copies = silos.loc[silos["field"].astype(str) == field, columns].reset_index(drop=True)

    def _repr_html_(self) -> str:
        t = strings(self.lang)
        records = facts.records(self.copies, list(self.copies.columns))
        worst = facts.worst_inconsistency(self.copies, one_value=False)
        owner = next(
            (str(r["department"]) for r in records if r.get("authoritative") is True), None
        )
        stats = Stats(
            [
                Stat(t["col_departments"], fmt_int(len({r["department"] for r in records}))),
                Stat(t["col_authoritative"], owner or t["none"]),
                Stat(t["col_worst_copy"], fmt_pct(worst)),
            ]
        )
        detail = Table(
            [
                t["col_department"],
                t["col_column"],
                t["col_values"],
                t["col_persons"],
                t["col_coverage"],
                t["col_agreement"],
                t["col_inconsistency"],
                t["col_format_only"],
                t["col_authoritative"],
            ],
            [
                [
                    Cell(text(r["department"])),
                    Cell(text(r["column"])),
                    num(r.get("values")),
                    num(r.get("persons")),
                    num(r.get("coverage"), fmt_pct),
                    num(r.get("agreement"), fmt_pct),
                    num(r.get("inconsistency_rate"), fmt_pct),
                    num(r.get("format_only_rate"), fmt_pct),
                    Cell(t["authoritative_yes"] if r.get("authoritative") is True else ""),
                ]
                for r in records
            ],
            sortable=False,
        )
        shown = field_label(self.field, self.lang)
        return _html(f"{t['col_field']}: {shown}", [stats, detail, matrix_table(records, t)])

    def __repr__(self) -> str:
        return f"<SiloView {self.field}: {len(self.copies)} copies>"


def _held_field(silos: pd.DataFrame, field: object, lang: str) -> str:
    """The silo field named ``field``: by procmine's own name (住所) or the report's name of
    it in either language (Address, ``address``).

    Raises
    ------
    ConfigError
        No such field; the message lists the fields, in ``lang`` (and in Japanese).
    """
    known = sorted(set(silos["field"].astype(str))) if facts.has(silos, "field") else []
    if not isinstance(field, str):
        raise ConfigError(f"silo() takes a field's name (str), not {type(field).__name__}")
    if field in known:
        return field
    wanted = field.strip().casefold()
    for name in known:
        if wanted in {name.casefold(), field_label(name, "en").casefold()}:
            return name
    shown = [
        name if field_label(name, lang) == name else f"{field_label(name, lang)} ({name})"
        for name in known
    ]
    raise ConfigError(f"no held field {field!r}; fields: {', '.join(shown) or 'none'}")


def cluster_view(analysis: Analysis, cluster: int, *, lang: str | None = None) -> ClusterView:
    """Duplicate cluster ``cluster`` (``analysis.cluster``); ConfigError when unknown."""
    return ClusterView(analysis, cluster, lang=lang)


def silo_view(analysis: Analysis, field: str, *, lang: str | None = None) -> SiloView:
    """Held field ``field`` (``analysis.silo``); ConfigError when unknown."""
    return SiloView(analysis, field, lang=lang)


def analysis_html(analysis: Analysis, *, lang: str | None = None, top: int = 5) -> str:
    """An analysis as HTML for Jupyter: headline figures and the top candidates (no links)."""
    t = strings(_lang(analysis, lang))
    hours_per_fte = float((analysis.options or {}).get("hours_per_fte") or 1800.0)
    s = facts.summary(analysis, hours_per_fte=hours_per_fte)
    stats = Stats(
        [
            Stat(t["stat_departments"], fmt_int(s["departments"])),
            Stat(t["stat_events"], fmt_int(s["events"])),
            Stat(t["stat_cases"], fmt_int(s["cases"])),
            Stat(t["stat_period"], period_text(t, s["period"]["start"], s["period"]["end"])),
            Stat(t["stat_clusters"], fmt_int(s["duplicate_clusters"])),
            Stat(t["stat_silos"], fmt_int(s["silo_fields"])),
            Stat(t["stat_candidates"], fmt_int(s["candidates"])),
            Stat(t["stat_hours"], fmt_num(s["redundant_hours_per_year"], none="0")),
        ]
    )
    blocks: list[Block | str] = [stats, _loading_note(analysis, t["lang"])]
    blocks.append(_sub(t["h_top_candidates"]))
    rows = facts.records(analysis.candidates, list(facts.CANDIDATE_COLUMNS))[:top]
    if rows:
        blocks.append(
            Table(
                [
                    t["col_rank"],
                    t["col_title"],
                    t["col_principle"],
                    t["col_activities_list"],
                    t["col_hours"],
                ],
                [
                    [
                        num(r["rank"]),
                        Cell(text(r["title"], none="—")),
                        Cell(principle_names(t, r["principle"])),
                        capped(
                            t, activity_names(t, names(r["departments"]), names(r["activities"])), 3
                        ),
                        num(r["hours_saved_per_year"], fmt_num),
                    ]
                    for r in rows
                ],
                sortable=False,
            )
        )
    else:
        blocks.append(f"<p>{escape(t['no_candidates'])}</p>")
    return _html(f"procmine · {t['title']}", blocks)


#: The loader's warnings and dropped rows under an analysis (counts, and where to look).
_LOADING_NOTE = {
    "ja": "読込時の警告 {warnings} 件、除外した行 {dropped} 行"
    "（内容は analysis.dataset.warnings、行数は analysis.dataset.accounting）",
    "en": "{warnings} loader warning(s), {dropped} row(s) dropped "
    "(see analysis.dataset.warnings and analysis.dataset.accounting)",
}


def _loading_note(analysis: Analysis, lang: str) -> str:
    """A paragraph counting the loader's warnings and the rows it dropped (no values)."""
    dataset = analysis.dataset
    dropped = sum(a.rows_read - a.rows_loaded for a in getattr(dataset, "accounting", []))
    warnings = len(getattr(dataset, "warnings", []) or [])
    note = _LOADING_NOTE["en" if lang == "en" else "ja"]
    return f"<p>{escape(note.format(warnings=fmt_int(warnings), dropped=fmt_int(dropped)))}</p>"


__all__ = [
    "CSS",
    "ClusterView",
    "MapView",
    "SiloView",
    "analysis_html",
    "cluster_view",
    "map_view",
    "silo_view",
]
