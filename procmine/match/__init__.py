"""Cross-department activity matching: the same work done under different labels.

:func:`match_activities` compares the activities of discovered process maps (event logs);
:func:`match_models` the labelled elements of process models (BPMN / PNML / EPML). Both
use one scoring core (see :mod:`procmine.match._score`): every piece of evidence adds to
the log-odds that two activities are one task — label similarity (Japanese and English
terms, Sudachi synonym groups, a few administrative concepts, character n-grams, all
IDF-weighted), the common data fields filled, the performer mix, the step's role in its
cases (counter vs back office, position, wait, first capture vs re-keying), handling
time, similarity flooding over directly- and eventually-follows neighbours and,
optionally, co-occurrence in the same resident visits (:func:`cooccurrence`). Counter-
evidence keeps similar-looking work apart: the update of the system of record vs the
re-keying of its copies (given the authoritative columns), off-site steps (batch notices,
external boards) whose labels name different objects, and different kinds of action
(a check vs keying into a register). The confidence of a pair is the logistic of the sum.

Up to :data:`ALL_PAIRS_LIMIT` activities every cross-department pair is scored (in
vectorised blocks); beyond, candidates come from blocking: shared rare label terms and
fields, each activity's nearest neighbours by data fields, and the first steps of every
department (on PMMC blocking finds exactly the duplicates that scoring every pair finds;
on the two sample cities a little less). Clusters
are seeded from one-to-one edges above the threshold (for process models, every pair of
equal labels too: a model may hold one element twice) and grown by mean linkage across
departments (an activity joins only when its mean confidence with the cluster's members
of other departments reaches the threshold, which keeps chains apart); groups that are
each other's best partner are then joined when their confidence nearly reaches it (the
mean over their pairs of departments of the best pair between those departments' members:
a department with two members counts once), or when most members of each have a
counterpart at the threshold in the other (groups
of at least three model elements, or two event-log activities). For event logs four
more steps follow. Two clusters whose members all take one kind of action (check, key
into a register, take in a filing …) and all fill one common field are joined when each
is the other's best such partner and one pair of them reaches the threshold, even with
a low mean confidence (two halves of one task whose steps sit in different places). An
activity left out whose best partners in two departments both reach the threshold and
both belong to one cluster joins it, and so does a member of a two-activity cluster
when those partners both beat its own. Last,
an activity still left out joins the cluster that most of its best partners per
department vote for (partners at 0.3 or more; at least two votes and two thirds of
them, one partner at the threshold or a resemblance to the cluster's departments no
weaker than its least coherent member's, a mean confidence with the cluster of at least
0.1 and a kind of action some member takes; repeated until none joins, so that those
attached vote in the next round): a large, varied cluster's mean dilutes the evidence of
a member that resembles every part of it moderately. Both group steps score
from local evidence the pairs they need that blocking or the partner limit left out.
Finally a member of a large cluster leaves it when it records data but not a field that
nearly all the other members fill and that its own department fills in another member
(taking in a filing that records no address is not one more address form).
A label that names the data its step fills (the head word of a filled column's header)
also gets the words of that column's common field, so labels in different languages
agree through their data.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from procmine.match._cluster import (
    ONE_TO_ONE_TOLERANCE,
    attach_consistent,
    attach_voted,
    average_linkage,
    block,
    components,
    drop_incoherent,
    merge_mutual,
    merge_same_kind,
    one_to_one,
)
from procmine.match._cooccur import cooccurrence
from procmine.match._profile import Profiles, from_maps, from_models
from procmine.match._score import MatchWeights, PairTable, Scorer, describe

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from procmine.model import Dataset, ProcessMap

__all__ = [
    "DEFAULT_THRESHOLD",
    "MatchResult",
    "MatchWeights",
    "branches",
    "cooccurrence",
    "match_activities",
    "match_models",
]

#: Default minimum mean score for activities to be clustered as one task.
DEFAULT_THRESHOLD = 0.5
#: Added to the evidence of a pair whose own score is under the threshold: it is in one
#: cluster because of its members' other pairs (mean linkage, group steps), not by itself.
VIA_CLUSTER = (
    "; in one cluster through its other members (this pair alone scores under {threshold:g})"
)

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

    def clusters_with_confidence(self) -> pd.DataFrame:
        """``clusters`` with ``confidence``: the mean score of each cluster's pairs, to
        four decimals like the scores (unchanged when there are no scored pairs)."""
        if not len(self.pairs) or not {"cluster", "score"} <= set(self.pairs.columns):
            return self.clusters
        confidence = self.pairs.groupby("cluster")["score"].mean().round(4).rename("confidence")
        return self.clusters.merge(confidence, left_on="cluster", right_index=True, how="left")

    def by_label(self) -> MatchResult:
        """The result of :func:`match_models` with the elements of one label in one model
        taken as one activity, as a process map holds them (``procmine analyze`` on model
        files): element ids dropped, clusters that share such an activity joined (numbered
        by their first cluster), each pair of activities once, with its best score.
        Results without element ids are returned as they are."""
        if "node" not in self.clusters.columns:
            return self
        import networkx as nx

        c = self.clusters
        g = nx.Graph()
        for cid, dept, act in zip(c["cluster"], c["department"], c["activity"], strict=True):
            g.add_edge(("cluster", int(cid)), ("activity", str(dept), str(act)))
        joined = sorted(
            sorted(int(n[1]) for n in comp if n[0] == "cluster")
            for comp in nx.connected_components(g)
        )
        number = {cid: k for k, ids in enumerate(joined, start=1) for cid in ids}
        clusters = (
            c.drop(columns="node")
            .assign(cluster=c["cluster"].map(number))
            .sort_values(["cluster", "department", "activity"], kind="stable")
            .drop_duplicates(["cluster", "department", "activity"])
        )
        clusters["size"] = clusters.groupby("cluster")["activity"].transform("size")
        pairs = self.pairs.drop(columns=["node_a", "node_b"], errors="ignore")
        pairs = pairs.assign(cluster=pairs["cluster"].map(number))
        key = [
            tuple(sorted([(da, aa), (db, ab)]))
            for da, aa, db, ab in zip(
                pairs["department_a"],
                pairs["activity_a"],
                pairs["department_b"],
                pairs["activity_b"],
                strict=True,
            )
        ]
        pairs = (
            pairs.assign(_key=key)
            .sort_values(["cluster", "score"], ascending=[True, False], kind="stable")
            .drop_duplicates("_key")
            .drop(columns="_key")
            .reset_index(drop=True)
        )
        return MatchResult(
            pairs, clusters.reset_index(drop=True), dict(self.aliases), self.candidates
        )


def match_activities(
    maps: Mapping[str, ProcessMap],
    *,
    column_fields: Mapping[tuple[str, str], str] | None = None,
    authoritative_columns: Collection[tuple[str, str]] | None = None,
    cooccurrence: pd.DataFrame | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    weights: MatchWeights | None = None,
    branches: Collection[Collection[str]] | None = None,
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
    authoritative_columns : Collection[(department, column)], optional
        The columns that are the system of record of their field (the ``authoritative``
        rows of :func:`procmine.fields.match_fields`). A staff step that fills the system
        of record is the update itself, not a re-keying of it: it is then kept apart from
        the steps that copy the same data into other departments' systems.
    cooccurrence : DataFrame, optional
        Columns ``department_a, activity_a, department_b, activity_b, cooccurrence``
        (a share in [0, 1], e.g. of visits with both activities).
    threshold : float, default 0.5
        Minimum mean score (in [0, 1]) between a cluster's members of different
        departments.
    weights : MatchWeights, optional
        Evidence weights; :class:`MatchWeights` holds the documented defaults.
    branches : Collection of department pairs, optional
        Departments that are branches of one (ward offices running the same procedures
        for their own residents, see :func:`branches`): their steps are never listed as a
        pair, though both may be in one cluster with a third department's step (the
        clustering itself does not change).

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
    profiles = from_maps(maps, column_fields, authoritative_columns)
    cooc = _cooccurrence_index(profiles, cooccurrence)
    return _run(
        profiles,
        threshold=threshold,
        weights=weights or MatchWeights(),
        cooc=cooc,
        branches={frozenset(map(str, b)) for b in branches or ()},
    )


#: Departments whose activities and data columns are (nearly) the same — at least this
#: share of the labels (normalised) and of the column headers of the two together, one
#: system exported per office — ...
BRANCH_ALIKE = 0.8
#: ... and who serve different residents — at most this share of the smaller one's
#: residents in both, each holding at least :data:`procmine._keys.MIN_KEYS` — are branches
#: of one department (a 政令市's 区役所).
BRANCH_OVERLAP = 0.05
#: ... and whose names share a beginning or an end of at least this many characters (the
#: department's name beside the office's).
BRANCH_NAME = 3


def _shared_start(a: str, b: str) -> int:
    """How many characters two texts share from their start.

    >>> _shared_start("kumin_kita", "kumin_minami")
    6
    """
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def branches(
    dataset: Dataset,
    maps: Mapping[str, ProcessMap] | None = None,
    *,
    twins_only: bool = False,
) -> set[frozenset[str]]:
    """Pairs of departments that do their work for different residents in a city of
    branch offices: ward offices running the same system (北区役所_区民課 and 南区役所_区民課:
    nearly the same activities and columns, nearly no resident in both, one name with the
    office's in front), and then any
    two departments of which one is such a branch and which share nearly no resident (北区
    役所_区民課 and 南区役所_保険年金課). Their steps are the same work done for other people,
    not work done again for the same resident, so :func:`match_activities` does not pair
    them. Needs person keys (a department without them is nobody's branch); a city without
    branch offices has none (children's and elderly people's departments share few
    residents, but are no branches). Without ``maps`` the activities are the logs' labels;
    with ``twins_only``, the ward offices of one department only (not the second kind).

    Examples
    --------
    >>> from procmine.model import Dataset
    >>> branches(Dataset(logs={}, mappings=[], accounting=[]), {})
    set()
    """
    from procmine._keys import MIN_KEYS, distinct_keys
    from procmine.model import ACTIVITY, PERSON
    from procmine.text.normalize import normalize_label

    logs = {d: log for d, log in dataset.logs.items() if PERSON in log.events.columns}
    if maps is not None:
        nodes = {d: [str(n) for n in maps[d].graph.nodes] for d in logs if d in maps}
    else:
        nodes = {
            d: [str(a) for a in log.events[ACTIVITY].dropna().unique()] for d, log in logs.items()
        }
    labels = {d: {normalize_label(n) for n in names} for d, names in nodes.items()}
    headers = {d: {normalize_label(str(c)) for c in logs[d].data_columns} for d in labels}

    def alike(x: set[str], y: set[str]) -> bool:
        return len(x & y) >= BRANCH_ALIKE * len(x | y)

    def named_alike(a: str, b: str) -> bool:
        # one department's name with the office's in front or behind (北区役所_区民課, 南区
        # 役所_区民課; kumin_kita, kumin_minami): not 保育課 and 高齢課
        return max(_shared_start(a, b), _shared_start(a[::-1], b[::-1])) >= BRANCH_NAME

    # the residents are read only for departments that look like one department's offices
    look_alike = [
        (a, b)
        for a, b in combinations(sorted(labels), 2)
        if min(len(labels[a]), len(labels[b])) >= 3
        and named_alike(a, b)
        and alike(labels[a], labels[b])
        and alike(headers[a], headers[b])
    ]
    if not look_alike:
        return set()
    people = {d: distinct_keys(log.events[PERSON]) for d, log in logs.items()}
    people = {d: keys for d, keys in people.items() if len(keys) >= MIN_KEYS}

    def apart(a: str, b: str) -> bool:
        pa, pb = people[a], people[b]
        return len(pa & pb) <= BRANCH_OVERLAP * min(len(pa), len(pb))

    pairs = list(combinations(sorted(people), 2))
    twins = {
        frozenset((a, b)) for a, b in look_alike if a in people and b in people and apart(a, b)
    }
    if twins_only:
        return twins
    branched = set().union(*twins) if twins else set()
    return twins | {
        frozenset((a, b)) for a, b in pairs if (a in branched or b in branched) and apart(a, b)
    }


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
    threshold : float, default 0.5
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


#: Log-odds margin below the lowest score that context could still lift to a cluster: pairs
#: under it are dropped before similarity flooding (their contribution is negligible).
KEEP_MARGIN = 0.5
#: Clusters that are each other's best partner are joined when their mean score reaches
#: this share of the threshold and exceeds every other partner's by :data:`MERGE_RATIO`.
MERGE_FLOOR = 0.9
MERGE_RATIO = 1.0
#: ... or when at least this share of their members has a counterpart at the threshold in
#: the other (two halves of one kind of work).
COUNTERPART_SHARE = 2 / 3
#: Smallest clusters that :func:`procmine.match._cluster.merge_mutual` joins. A process
#: model's elements carry labels and structure only, so a pair of them stays a one-to-one
#: correspondence; an event log's pair is backed by data, performers and roles, so two
#: activities (an address-only update, say) may join the group of the same work.
MODEL_MERGE_SIZE = 3
LOG_MERGE_SIZE = 2
#: An unclustered activity of an event log joins a cluster when its best partners in this
#: many departments all reach the threshold and all belong to that cluster (see
#: :func:`procmine.match._cluster.attach_consistent`); 0 turns attaching off.
ATTACH_WITNESSES = 2
#: Event logs: two clusters whose members all take one kind of action and all fill a
#: common field are joined when each is the other's best such partner, one of their
#: pairs reaches the threshold and their mean score reaches this share of the threshold
#: (see :func:`procmine.match._cluster.merge_same_kind`).
KIND_FLOOR = 0.3
#: Event logs: an unclustered activity's best partner in each department votes for its
#: cluster when it scores at least this share of the threshold; the activity joins the
#: cluster holding at least two votes and :data:`VOTE_SHARE` of them, given one partner
#: at the threshold (or a resemblance to the cluster's departments no weaker than that
#: of its least coherent member), a mean score with the cluster of at least
#: :data:`VOTE_MEAN` of the threshold and a kind of action some member takes (see
#: :func:`procmine.match._cluster.attach_voted`); repeated until no activity joins, so
#: that activities attached in one round vote in the next.
VOTE_FLOOR = 0.6
VOTE_SHARE = 2 / 3
VOTE_MEAN = 0.2
#: Candidate partners kept per activity before flooding: this many per department, at
#: least :data:`MIN_PARTNERS` (a task rarely has more counterparts than that).
PARTNERS_PER_DEPARTMENT = 3
MIN_PARTNERS = 40
#: Event logs: a field filled by at least this share of a member's fellow members (at
#: least :data:`CORE_OTHERS` of them) and by one of its own department is what the cluster
#: is about; a member that records common data but not that field leaves it (see
#: :func:`procmine.match._cluster.drop_incoherent`).
CORE_SHARE = 0.9
CORE_OTHERS = 5
#: Above this many activities, candidate pairs come from blocking instead of all pairs.
#: (BPIC 2015, 1,785 activities: every pair 6.4 s CPU, blocking 1.3 s with the same pairs of
#: one step code and a tenth of the pairs of two.)
ALL_PAIRS_LIMIT = 1000


def _run(
    profiles: Profiles,
    *,
    threshold: float,
    weights: MatchWeights,
    cooc: dict[tuple[int, int], float] | None,
    branches: set[frozenset[str]] | None = None,
) -> MatchResult:
    from procmine.errors import ConfigError

    if not 0.0 <= threshold <= 1.0:
        raise ConfigError(f"match threshold {threshold} is outside [0, 1]; pass a value like 0.5")
    items = profiles.items
    scorer = Scorer(items, weights, cooc, branches=branches)
    pairs = _scored_pairs(scorer, threshold * MERGE_FLOOR)
    edges = one_to_one(
        [
            ((int(a), int(b)), float(p))
            for a, b, p in zip(pairs.i, pairs.j, pairs.score, strict=True)
            if p >= threshold
        ],
        scorer.dept,
        tolerance=ONE_TO_ONE_TOLERANCE,
        # models: elements are never merged, so one model may hold one label twice
        same_label=scorer.norm_code if profiles.from_models else None,
    )
    clusters: list[list[int]] = []
    owner = np.full(len(items), -1, dtype=np.int64)
    comps = components(len(items), edges)
    for c, comp in enumerate(comps):
        owner[comp] = c
    inside = (owner[pairs.i] >= 0) & (owner[pairs.i] == owner[pairs.j])
    scored: dict[int, list[tuple[int, int, float]]] = {}
    for a, b, s in zip(
        pairs.i[inside].tolist(),
        pairs.j[inside].tolist(),
        pairs.score[inside].tolist(),
        strict=True,
    ):
        scored.setdefault(int(owner[a]), []).append((a, b, s))
    for c, comp in enumerate(comps):
        clusters.extend(average_linkage(comp, pairs.get, scorer.dept, threshold, scored.get(c, [])))
    clusters = merge_mutual(
        clusters,
        (pairs.i, pairs.j, pairs.score),
        scorer.dept,
        floor=MERGE_FLOOR * threshold,
        ratio=MERGE_RATIO,
        threshold=threshold,
        counterpart_share=COUNTERPART_SHARE,
        min_size=MODEL_MERGE_SIZE if profiles.from_models else LOG_MERGE_SIZE,
        action=None if profiles.from_models else scorer.action,
    )
    if not profiles.from_models:
        # event logs only: a model element has too little evidence to vouch for a group
        # (votes among model elements lowered precision on PMMC 2015) and fills no data
        arrays = (pairs.i, pairs.j, pairs.score)
        complete = _local_confidence(scorer)
        clusters = merge_same_kind(
            clusters,
            arrays,
            scorer.dept,
            scorer.action,
            scorer.fields,
            floor=KIND_FLOOR * threshold,
            threshold=threshold,
            complete=complete,
        )
        if ATTACH_WITNESSES > 0:
            clusters = attach_consistent(
                clusters, arrays, scorer.dept, threshold=threshold, witnesses=ATTACH_WITNESSES
            )
        while True:  # attachments vote in the next round; each round only adds
            before = clusters
            clusters = attach_voted(
                clusters,
                arrays,
                scorer.dept,
                threshold=threshold,
                floor=VOTE_FLOOR * threshold,
                share=VOTE_SHARE,
                action=scorer.action,
                mean_floor=VOTE_MEAN * threshold,
                complete=complete,
            )
            if clusters == before:
                break
        clusters = drop_incoherent(
            clusters, scorer.fields, scorer.dept, share=CORE_SHARE, min_others=CORE_OTHERS
        )
    return _tables(profiles, scorer, clusters, pairs, threshold)


def _local_confidence(scorer: Scorer) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Confidence of pairs from local evidence only (no neighbourhood), for the group
    steps to score pairs that blocking or the partner limit left out."""

    def confidence(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        local = scorer.local(np.minimum(i, j), np.maximum(i, j))
        return scorer.combine(local["z"], None)

    return confidence


class _Pairs:
    """Scored candidate pairs: parallel arrays plus a lookup by item indices."""

    def __init__(self, i: np.ndarray, j: np.ndarray, signals: dict[str, np.ndarray]) -> None:
        self.i, self.j = i, j
        self.signals = signals
        self.score = signals["score"]
        self.index = {(int(a), int(b)): k for k, (a, b) in enumerate(zip(i, j, strict=True))}

    def get(self, a: int, b: int) -> float | None:
        k = self.index.get((min(a, b), max(a, b)))
        return None if k is None else float(self.score[k])

    def row(self, a: int, b: int) -> dict[str, float] | None:
        k = self.index.get((min(a, b), max(a, b)))
        if k is None:
            return None
        return {name: float(col[k]) for name, col in self.signals.items()}


def _scored_pairs(scorer: Scorer, lowest: float = 0.45) -> _Pairs:
    """Local evidence for every cross-department pair (or the blocked candidates), then
    ``context_rounds`` rounds of similarity flooding."""
    chunks_i: list[np.ndarray] = []
    chunks_j: list[np.ndarray] = []
    chunks: list[dict[str, np.ndarray]] = []
    if scorer.n <= ALL_PAIRS_LIMIT:
        source = scorer.all_pairs()
    else:
        ci, cj = block(scorer)
        source = iter([{"i": ci, "j": cj}])
    w = scorer.w
    lowest = min(max(lowest, 1e-6), 1 - 1e-6)
    floor = (
        float(np.log(lowest / (1 - lowest)))
        - max(0.0, w.context * (1.0 - w.context_neutral))
        - KEEP_MARGIN
    )
    for chunk in source:
        i, j = chunk["i"], chunk["j"]
        head = scorer.head(i, j, chunk)
        live = head["bound"] >= floor  # the rest of the evidence cannot lift the others
        if not live.all():
            i, j = i[live], j[live]
            head = {k: v[live] for k, v in head.items()}
        sig = scorer.local(i, j, head=head)
        keep = sig["z"] >= floor
        chunks_i.append(i[keep])
        chunks_j.append(j[keep])
        chunks.append({k: v[keep] for k, v in sig.items()})
    if chunks_i:
        i = np.concatenate(chunks_i)
        j = np.concatenate(chunks_j)
        local = {k: np.concatenate([c[k] for c in chunks]) for k in chunks[0]}
    else:
        i = j = np.zeros(0, dtype=np.int64)
        local = {k: np.zeros(0) for k in scorer.local(i, j)}
    keep = _top_partners(
        i,
        j,
        local["z"],
        max(MIN_PARTNERS, PARTNERS_PER_DEPARTMENT * len(set(scorer.dept.tolist()))),
    )
    if not keep.all():
        i, j = i[keep], j[keep]
        local = {k: v[keep] for k, v in local.items()}
    score = scorer.combine(local["z"], None)
    ctx = np.full(len(i), np.nan)
    mixed = scorer.behaviour[i] != scorer.behaviour[j]  # a model element against a log's step
    for _ in range(scorer.w.context_rounds):
        ctx = scorer.context(i, j, PairTable(scorer.n, i, j, score))
        score = scorer.combine(local["z"], ctx, local["gate"], mixed)
    local.pop("z")
    local["context_similarity"] = ctx
    local["score"] = score
    return _Pairs(i, j, local)


def _rank_within(owner: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Rank (0 = best) of each pair among the pairs of the same owner, by ``z``."""
    by_z = np.argsort(-z, kind="stable")
    order = by_z[np.argsort(owner[by_z], kind="stable")]
    ranks = np.empty(len(z), dtype=np.int64)
    sorted_owner = owner[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_owner)) + 1]
    run = np.diff(np.r_[starts, len(z)])
    ranks[order] = np.arange(len(z)) - np.repeat(starts, run)
    return ranks


def _top_partners(i: np.ndarray, j: np.ndarray, z: np.ndarray, k: int) -> np.ndarray:
    """Pairs among the ``k`` best of either activity (bounds the work on large inputs)."""
    if len(z) == 0:
        return np.ones(0, dtype=bool)
    return (_rank_within(i, z) < k) | (_rank_within(j, z) < k)


def _tables(
    profiles: Profiles,
    scorer: Scorer,
    clusters: list[list[int]],
    pairs: _Pairs,
    threshold: float,
) -> MatchResult:
    items = profiles.items

    def order(k: int) -> tuple[str, str, str]:
        return (items[k].department, items[k].name, str(items[k].node))

    # a cluster of branches' steps alone (two wards' tickets) lists no pair: it is not one
    clusters = [
        sorted(c, key=order)
        for c in clusters
        if any(not scorer.apart(a, b) for x, a in enumerate(c) for b in c[x + 1 :])
    ]
    clusters.sort(key=lambda c: order(c[0]))
    unscored = _single(
        scorer,
        [
            (a, b)
            for members in clusters
            for x, a in enumerate(members)
            for b in members[x + 1 :]
            if not scorer.apart(a, b) and pairs.get(a, b) is None
        ],
    )
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
                if scorer.apart(a, b):
                    continue
                sig = pairs.row(a, b) or unscored[(min(a, b), max(a, b))]
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
                    "evidence": describe(items, a, b, sig)
                    + (VIA_CLUSTER.format(threshold=threshold) if sig["score"] < threshold else ""),
                }
                if profiles.from_models:
                    row["node_a"], row["node_b"] = items[a].node, items[b].node
                pair_rows.append(row)
    pair_cols = PAIR_COLUMNS + (["node_a", "node_b"] if profiles.from_models else [])
    member_cols = ["cluster", "department", "activity", "size"] + (
        ["node"] if profiles.from_models else []
    )
    pairs_frame = pd.DataFrame(pair_rows, columns=pair_cols)
    if len(pairs_frame):
        pairs_frame = pairs_frame.sort_values(
            ["cluster", "score", "department_a", "activity_a", "department_b", "activity_b"],
            ascending=[True, False, True, True, True, True],
            ignore_index=True,
        )
    return MatchResult(
        pairs=pairs_frame,
        clusters=pd.DataFrame(member_rows, columns=member_cols),
        aliases=profiles.aliases,
        candidates=len(pairs.i),
    )


def _single(
    scorer: Scorer, pairs: list[tuple[int, int]]
) -> dict[tuple[int, int], dict[str, float]]:
    """Signals of pairs that were not kept, by ``(min, max)`` item indices (their
    confidence is that of local evidence), computed in one vectorised batch."""
    keys = sorted({(min(a, b), max(a, b)) for a, b in pairs})
    if not keys:
        return {}
    i = np.array([a for a, _ in keys], dtype=np.int64)
    j = np.array([b for _, b in keys], dtype=np.int64)
    local = scorer.local(i, j)
    score = scorer.combine(local.pop("z"), None)
    out: dict[tuple[int, int], dict[str, float]] = {}
    for k, key in enumerate(keys):
        sig = {name: float(col[k]) for name, col in local.items()}
        sig["score"] = float(score[k])
        sig["context_similarity"] = float("nan")
        out[key] = sig
    return out


def _round(x: float) -> float:
    return float("nan") if x is None or np.isnan(x) else round(float(x), 4)
