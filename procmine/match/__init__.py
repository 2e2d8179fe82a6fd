"""Cross-department activity matching: the same work done under different labels.

:func:`match_activities` compares the activities of discovered process maps (event logs);
:func:`match_models` the labelled elements of process models (BPMN / PNML / EPML). Both
use one scoring core (see :mod:`procmine.match._score`): label similarity (Japanese and
English terms, Sudachi synonym groups, character n-grams, all IDF-weighted so generic
words such as 確認・受付・交付・通知 count little), data fields filled, performer,
handling time, one round of neighbourhood propagation and, optionally, co-occurrence.

Pairs are found through an inverted index (blocking), scored, and grouped into N-way
clusters by mean-linkage agglomeration across departments: an activity joins a cluster
only when its mean score with the cluster's members of other departments reaches the
threshold, which keeps chains of loosely similar activities apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from procmine.match._cluster import (
    MAX_DENSE_COMPONENT,
    ONE_TO_ONE_TOLERANCE,
    average_linkage,
    block,
    components,
    one_to_one,
)
from procmine.match._profile import Profiles, from_maps, from_models
from procmine.match._score import MatchWeights, Scorer, describe

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from procmine.model import ProcessMap

__all__ = ["DEFAULT_THRESHOLD", "MatchResult", "MatchWeights", "match_activities", "match_models"]

#: Default minimum mean score for activities to be clustered as one task.
DEFAULT_THRESHOLD = 0.6

PAIR_COLUMNS = [
    "department_a",
    "activity_a",
    "department_b",
    "activity_b",
    "score",
    "cluster",
    "label_similarity",
    "field_similarity",
    "shared_fields",
    "context_similarity",
    "performer",
    "duration_similarity",
    "evidence",
]


@dataclass
class MatchResult:
    """Duplicate activities across departments.

    Attributes
    ----------
    pairs : DataFrame
        Every pair of activities of different departments that share a cluster:
        ``department_a, activity_a, department_b, activity_b, score, cluster``, the
        evidence columns ``label_similarity, field_similarity, shared_fields,
        context_similarity, performer, duration_similarity`` and ``evidence`` (one
        sentence). Model matches add ``node_a, node_b`` (element ids).
    clusters : DataFrame
        ``cluster, department, activity, size`` for each member of each cluster (models
        add ``node``).
    aliases : dict
        department → raw label → merged label, for spelling variants merged within a
        department before matching.
    candidates : int
        Number of candidate pairs scored after blocking.
    """

    pairs: pd.DataFrame
    clusters: pd.DataFrame
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    candidates: int = 0


def match_activities(
    maps: Mapping[str, ProcessMap],
    *,
    column_fields: Mapping[tuple[str, str], str] | None = None,
    cooccurrence: pd.DataFrame | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    weights: MatchWeights | None = None,
) -> MatchResult:
    """Find activities of different departments that are the same work.

    Parameters
    ----------
    maps : Mapping[str, ProcessMap]
        Process map per department (node attributes as made by
        :func:`procmine.discover.discover`; missing attributes count as unknown).
    column_fields : Mapping[(department, column), str], optional
        Common field name of each department's data column (from field matching).
        Without it a column's normalised header is its field name.
    cooccurrence : DataFrame, optional
        Columns ``department_a, activity_a, department_b, activity_b, cooccurrence``
        (a share in [0, 1], e.g. of visits with both activities).
    threshold : float, default 0.6
        Minimum mean score (in [0, 1]) between a cluster's members of different
        departments.
    weights : MatchWeights, optional
        Evidence weights; :class:`MatchWeights` holds the documented defaults.

    Returns
    -------
    MatchResult

    Examples
    --------
    >>> import networkx as nx
    >>> from procmine.model import ProcessMap
    >>> def pm(dept, labels):
    ...     g = nx.DiGraph()
    ...     for k, label in enumerate(labels):
    ...         g.add_node(label, events=10, cases=10, performer="staff", median_minutes=2.0,
    ...                    start=10 * (k == 0), end=10 * (k == len(labels) - 1),
    ...                    fields=("本人確認書類",) if "確認" in label else ())
    ...     nx.add_path(g, labels, count=10)
    ...     return ProcessMap(dept, g, pd.DataFrame(), pd.DataFrame(), 10, 30)
    >>> res = match_activities({"市民課": pm("市民課", ["番号札発券", "本人確認", "住民票交付"]),
    ...                         "税務課": pm("税務課", ["番号札発券", "申請者確認", "課税証明書交付"])},
    ...                        threshold=0.5)
    >>> res.pairs[["activity_a", "activity_b"]].values.tolist()
    [['本人確認', '申請者確認'], ['番号札発券', '番号札発券']]
    """
    if cooccurrence is not None:
        _check_columns(cooccurrence)
    profiles = from_maps(maps, column_fields)
    cooc = _cooccurrence_index(profiles, cooccurrence)
    return _run(profiles, threshold=threshold, weights=weights or MatchWeights(), cooc=cooc)


def match_models(
    graphs: Mapping[str, nx.DiGraph],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    weights: MatchWeights | None = None,
) -> MatchResult:
    """Match the labelled elements of process models (see :func:`procmine.io.processmodels.load_model`).

    Parameters
    ----------
    graphs : Mapping[str, networkx.DiGraph]
        Model per department (or per model name); nodes carry ``label``.
    threshold : float, default 0.6
        As in :func:`match_activities`.
    weights : MatchWeights, optional
        Evidence weights; only label and context apply to models.

    Returns
    -------
    MatchResult
        ``pairs`` and ``clusters`` also have the element ids (``node_a``, ``node_b``,
        ``node``); ``aliases`` is empty (elements are never merged).

    Examples
    --------
    >>> import networkx as nx
    >>> a = nx.DiGraph([("1", "2")]); b = nx.DiGraph([("x", "y")])
    >>> nx.set_node_attributes(a, {"1": "Receive application", "2": "Check documents"}, "label")
    >>> nx.set_node_attributes(b, {"x": "Application received", "y": "Documents checked"}, "label")
    >>> match_models({"A": a, "B": b}).pairs[["node_a", "node_b"]].values.tolist()
    [['2', 'y'], ['1', 'x']]
    """
    profiles = from_models(graphs)
    return _run(profiles, threshold=threshold, weights=weights or MatchWeights(), cooc=None)


# --------------------------------------------------------------------------- core


def _check_columns(frame: pd.DataFrame) -> None:
    from procmine.errors import ConfigError

    need = ["department_a", "activity_a", "department_b", "activity_b", "cooccurrence"]
    missing = [c for c in need if c not in frame.columns]
    if missing:
        raise ConfigError(
            f"co-occurrence table lacks columns {', '.join(missing)}; "
            f"it has {', '.join(map(str, frame.columns))}"
        )


def _cooccurrence_index(
    profiles: Profiles, frame: pd.DataFrame | None
) -> dict[tuple[int, int], float] | None:
    if frame is None or frame.empty:
        return None
    index = {(it.department, it.name): k for k, it in enumerate(profiles.items)}
    for dept, table in profiles.aliases.items():
        for raw, canon in table.items():
            if (dept, canon) in index:
                index[(dept, raw)] = index[(dept, canon)]
    out: dict[tuple[int, int], float] = {}
    for da, aa, db, ab, value in frame[
        ["department_a", "activity_a", "department_b", "activity_b", "cooccurrence"]
    ].itertuples(index=False):
        a, b = index.get((str(da), str(aa))), index.get((str(db), str(ab)))
        if a is None or b is None or a == b or pd.isna(value):
            continue
        out[(min(a, b), max(a, b))] = max(out.get((min(a, b), max(a, b)), 0.0), float(value))
    return out


def _run(
    profiles: Profiles,
    *,
    threshold: float,
    weights: MatchWeights,
    cooc: dict[tuple[int, int], float] | None,
) -> MatchResult:
    from procmine.errors import ConfigError

    if not 0.0 <= threshold <= 1.0:
        raise ConfigError(f"match threshold {threshold} is outside [0, 1]; pass a value like 0.5")
    items = profiles.items
    scorer = Scorer(items, weights, cooc)
    ci, cj = block(scorer)
    scores: dict[tuple[int, int], dict[str, float]] = {}
    _score_pairs(scorer, ci, cj, scores)
    edges = one_to_one(
        [(k, sig["score"]) for k, sig in scores.items() if sig["score"] >= threshold],
        scorer.dept,
        tolerance=ONE_TO_ONE_TOLERANCE,
    )
    clusters: list[list[int]] = []
    for comp in components(len(items), edges):
        if len(comp) <= MAX_DENSE_COMPONENT:
            missing = [
                (a, b)
                for x, a in enumerate(comp)
                for b in comp[x + 1 :]
                if scorer.dept[a] != scorer.dept[b] and (a, b) not in scores
            ]
            if missing:
                arr = np.array(missing, dtype=np.int64)
                _score_pairs(scorer, arr[:, 0], arr[:, 1], scores)

        def get(a: int, b: int) -> float | None:
            sig = scores.get((min(a, b), max(a, b)))
            return None if sig is None else sig["score"]

        clusters.extend(average_linkage(comp, get, scorer.dept, threshold))
    return _tables(profiles, scorer, clusters, scores, len(ci))


def _score_pairs(
    scorer: Scorer,
    i: np.ndarray,
    j: np.ndarray,
    into: dict[tuple[int, int], dict[str, float]],
) -> None:
    if len(i) == 0:
        return
    sig = scorer.signals(i, j)
    names = list(sig)
    cols = [sig[k].tolist() for k in names]
    for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
        into[(a, b)] = {name: col[k] for name, col in zip(names, cols, strict=True)}


def _tables(
    profiles: Profiles,
    scorer: Scorer,
    clusters: list[list[int]],
    scores: dict[tuple[int, int], dict[str, float]],
    n_candidates: int,
) -> MatchResult:
    items = profiles.items

    def order(k: int) -> tuple[str, str, str]:
        return (items[k].department, items[k].name, str(items[k].node))

    clusters = [sorted(c, key=order) for c in clusters]
    clusters.sort(key=lambda c: order(c[0]))
    pair_rows: list[dict[str, object]] = []
    member_rows: list[dict[str, object]] = []
    for number, members in enumerate(clusters, start=1):
        for k in members:
            row: dict[str, object] = {
                "cluster": number,
                "department": items[k].department,
                "activity": items[k].name,
                "size": len(members),
            }
            if profiles.from_models:
                row["node"] = items[k].node
            member_rows.append(row)
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                if items[a].department == items[b].department:
                    continue
                key = (min(a, b), max(a, b))
                if key not in scores:
                    _score_pairs(scorer, np.array([key[0]]), np.array([key[1]]), scores)
                sig = scores[key]
                perf_a, perf_b = items[a].performer, items[b].performer
                row = {
                    "department_a": items[a].department,
                    "activity_a": items[a].name,
                    "department_b": items[b].department,
                    "activity_b": items[b].name,
                    "score": round(sig["score"], 4),
                    "cluster": number,
                    "label_similarity": round(sig["label_similarity"], 4),
                    "field_similarity": _round(sig["field_similarity"]),
                    "shared_fields": " ".join(sorted(items[a].fields & items[b].fields)),
                    "context_similarity": _round(sig["context_similarity"]),
                    "performer": (
                        (perf_a if perf_a == perf_b else f"{perf_a}/{perf_b}")
                        if perf_a and perf_b
                        else ""
                    ),
                    "duration_similarity": _round(sig["duration_similarity"]),
                    "evidence": describe(items, a, b, sig),
                }
                if profiles.from_models:
                    row["node_a"], row["node_b"] = items[a].node, items[b].node
                pair_rows.append(row)
    pair_cols = PAIR_COLUMNS + (["node_a", "node_b"] if profiles.from_models else [])
    member_cols = ["cluster", "department", "activity", "size"] + (
        ["node"] if profiles.from_models else []
    )
    pairs = pd.DataFrame(pair_rows, columns=pair_cols)
    if len(pairs):
        pairs = pairs.sort_values(
            ["cluster", "score", "department_a", "activity_a", "department_b", "activity_b"],
            ascending=[True, False, True, True, True, True],
            ignore_index=True,
        )
    return MatchResult(
        pairs=pairs,
        clusters=pd.DataFrame(member_rows, columns=member_cols),
        aliases=profiles.aliases,
        candidates=n_candidates,
    )


def _round(x: float) -> float:
    return float("nan") if x is None or np.isnan(x) else round(float(x), 4)
