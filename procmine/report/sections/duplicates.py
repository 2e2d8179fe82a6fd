"""重複業務一覧: the department × department heat map, the clusters and the pairs with evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from procmine.fields._profile import field_label
from procmine.match import DEFAULT_THRESHOLD
from procmine.report import facts
from procmine.report.document import Block, Cell, Para, Section, Sub, Table
from procmine.report.sections.common import Strings, label, names, num, shade, txt
from procmine.report.values import fmt_int, fmt_num, fmt_score, number, text

if TYPE_CHECKING:  # pragma: no cover
    from procmine.analysis import Analysis


def duplicates_section(analysis: Analysis, t: Strings, *, sentences: bool = True) -> Section:
    """Heat map of departments sharing duplicated work, then clusters, then pairs.

    ``sentences``: show the matcher's evidence sentence (English); otherwise, or when there
    is none, the evidence is written from the evidence columns in the report's language.
    """
    blocks: list[Block] = [Para(t["duplicates_text"])]
    clusters = facts.clusters(analysis)
    pairs = facts.records(
        analysis.duplicates, [*facts.DUPLICATE_COLUMNS, "cluster", *EVIDENCE_COLUMNS]
    )
    if not clusters and not pairs:
        blocks.append(Para(t["no_duplicates"]))
        return Section("duplicates", t["h_duplicates"], blocks)
    blocks += [Sub(t["h_heatmap"], "heatmap"), Para(t["heatmap_text"]), heatmap_table(analysis, t)]
    blocks.append(Sub(t["h_clusters"], "clusters"))
    if clusters:
        blocks.append(
            Table(
                [t["col_cluster"], t["col_size"], t["col_departments"], t["col_members"]],
                [
                    [
                        Cell(f"C{c['cluster']}", sort=c["cluster"], cluster=c["cluster"]),
                        num(c["size"]),
                        Cell(t["list_sep"].join(c["departments"])),
                        Cell(
                            t["list_sep"].join(
                                f"{m['department']}: {m['activity']}" for m in c["members"]
                            )
                        ),
                    ]
                    for c in clusters
                ],
                cls="clusters",
            )
        )
    else:
        blocks.append(Para(t["no_data"]))
    blocks.append(Sub(t["h_pairs"], "pairs"))
    if pairs:
        blocks.append(Para(t["pairs_text"].format(n=fmt_int(PAIRS_PER_CLUSTER))))
        rows = []
        for r, more in shown_pairs(pairs):
            cl = number(r["cluster"])
            if more:
                cells = [
                    Cell(f"C{int(cl)}", sort=cl, cluster=int(cl)) if cl is not None else Cell("")
                ]
                cells.append(Cell(t["pairs_more"].format(n=fmt_int(more))))
                rows.append(cells + [Cell("") for _ in range(5)])
                continue
            rows.append(
                [
                    Cell(f"C{int(cl)}", sort=cl, cluster=int(cl)) if cl is not None else Cell(""),
                    txt(r["department_a"]),
                    txt(r["activity_a"]),
                    txt(r["department_b"]),
                    txt(r["activity_b"]),
                    num(r["score"], fmt_score),
                    Cell(
                        text(r["evidence"])
                        if sentences and text(r["evidence"])
                        else evidence_text(analysis, t, r)
                    ),
                ]
            )
        blocks.append(
            Table(
                [
                    t["col_cluster"],
                    t["col_department_a"],
                    t["col_activity_a"],
                    t["col_department_b"],
                    t["col_activity_b"],
                    t["col_score"],
                    t["col_evidence"],
                ],
                rows,
                cls="pairs",
                sortable=False,  # the pairs are grouped by cluster, best first
            )
        )
    else:
        blocks.append(Para(t["no_data"]))
    return Section("duplicates", t["h_duplicates"], blocks)


#: Pairs of a cluster shown in the report (highest scores); duplicates.csv and report.xlsx
#: hold them all.
PAIRS_PER_CLUSTER = 3


def shown_pairs(
    pairs: list[dict[str, Any]], per_cluster: int = PAIRS_PER_CLUSTER
) -> list[tuple[dict[str, Any], int]]:
    """The pairs to show: per cluster (in order of first appearance) the ``per_cluster``
    highest scores, each as ``(pair, 0)``, then ``(last pair, n)`` for the ``n`` left out.
    Pairs without a cluster follow, all of them.

    Examples
    --------
    >>> rows = [{"cluster": 1, "score": s} for s in (0.2, 0.9, 0.5, 0.7)]
    >>> [(r["score"], more) for r, more in shown_pairs(rows, 2)]
    [(0.9, 0), (0.7, 0), (0.7, 2)]
    """
    groups: dict[Any, list[dict[str, Any]]] = {}
    loose: list[dict[str, Any]] = []
    for r in pairs:
        cl = number(r.get("cluster"))
        if cl is None:
            loose.append(r)
        else:
            groups.setdefault(cl, []).append(r)
    out: list[tuple[dict[str, Any], int]] = []
    for members in groups.values():
        best = sorted(members, key=lambda r: -(number(r.get("score")) or 0.0))
        out += [(r, 0) for r in best[:per_cluster]]
        if len(best) > per_cluster:
            out.append((best[per_cluster - 1], len(best) - per_cluster))
    return out + [(r, 0) for r in loose]


EVIDENCE_COLUMNS = (
    "evidence",
    "shared_fields",
    "performer",
    "context_similarity",
    "label_similarity",
)


def evidence_text(analysis: Analysis, t: Strings, r: dict[str, Any]) -> str:
    """The evidence of a pair from its evidence columns, in the report's language."""
    parts = []
    shared = names(r.get("shared_fields"))
    if len(shared) == 1:
        shared = shared[0].split()
    if shared:
        shown = [field_label(f, t["lang"]) for f in shared]
        parts.append(t["ev_shared"].format(fields=t["list_sep"].join(shown)))
    performer = text(r.get("performer"))
    if performer:
        who = t["list_sep"].join(label(t, "performer", p) for p in performer.split("/"))
        parts.append(t["ev_performer"].format(performer=who))
    medians = [
        _median(analysis, r.get(f"department_{side}"), r.get(f"activity_{side}"))
        for side in ("a", "b")
    ]
    if all(m is not None for m in medians):
        parts.append(t["ev_median"].format(a=fmt_num(medians[0]), b=fmt_num(medians[1])))
    for key, column in (("ev_context", "context_similarity"), ("ev_label", "label_similarity")):
        value = number(r.get(column))
        if value is not None:
            parts.append(t[key].format(value=fmt_score(value)))
    score = number(r.get("score"))
    threshold = number(analysis.options.get("threshold")) or DEFAULT_THRESHOLD
    if score is not None and score < threshold:
        parts.append(t["ev_via_cluster"].format(threshold=fmt_score(threshold)))
    return t["ev_sep"].join(parts) or t["none"]


def _median(analysis: Analysis, department: Any, activity: Any) -> float | None:
    pmap = analysis.maps.get(str(department))
    if pmap is None or activity not in pmap.graph:
        return None
    return number(pmap.graph.nodes[activity].get("median_minutes"))


def heatmap_table(analysis: Analysis, t: Strings) -> Table:
    """Department × department: clusters shared (pairs in brackets), shaded by clusters.

    Columns are numbered so that the table stays narrow however long the names are; the
    row labels carry the numbers and the names.
    """
    grid = facts.department_pairs(analysis)
    depts = grid["departments"]
    # the diagonal (clusters a department takes part in) is not shaded: it would set the scale
    top = max((grid["clusters"][a][b] for a in depts for b in depts if a != b), default=0)
    rows = []
    for i, a in enumerate(depts, start=1):
        line = [Cell(f"{i}. {a}")]
        for b in depts:
            n_clusters = grid["clusters"][a][b]
            n_pairs = grid["pairs"][a][b]
            shown = (
                fmt_int(n_clusters)
                if a == b or not n_pairs
                else t["heatmap_cell"].format(clusters=fmt_int(n_clusters), pairs=fmt_int(n_pairs))
            )
            tint = None if a == b else shade(n_clusters, top)
            line.append(Cell(shown, sort=float(n_clusters), shade=tint))
        rows.append(line)
    headers = [t["col_department"], *(str(i) for i in range(1, len(depts) + 1))]
    return Table(headers, rows, cls="heatmap", sortable=False)


__all__ = [
    "EVIDENCE_COLUMNS",
    "PAIRS_PER_CLUSTER",
    "duplicates_section",
    "evidence_text",
    "heatmap_table",
    "shown_pairs",
]
