"""Cluster-level steps of activity matching: votes of best partners, same-kind merges and
members that record other data than their cluster."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from procmine.match._cluster import (
    attach_voted,
    drop_incoherent,
    merge_mutual,
    merge_same_kind,
    one_to_one,
)


def _pairs(rows: list[tuple[int, int, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    i = np.array([r[0] for r in rows], dtype=np.int64)
    j = np.array([r[1] for r in rows], dtype=np.int64)
    return i, j, np.array([r[2] for r in rows], dtype=float)


# --------------------------------------------------------------------------- votes

# cluster [0, 1, 2, 3] spans departments 0..3; cluster [5, 6] departments 4 and 5;
# activity 4 (department 6) is left out; 7 is a second activity of department 0
VOTE_DEPT = np.array([0, 1, 2, 3, 6, 4, 5, 0])
VOTE_CLUSTERS = [[0, 1, 2, 3], [5, 6]]


def _vote(
    rows: list[tuple[int, int, float]], action: list[int] | None = None, **options: float
) -> list[list[int]]:
    settings: dict[str, float] = {"threshold": 0.5, "floor": 0.3, "share": 2 / 3, "mean": 0.0}
    settings.update(options)
    return attach_voted(
        VOTE_CLUSTERS,
        _pairs(rows),
        VOTE_DEPT,
        threshold=settings["threshold"],
        floor=settings["floor"],
        share=settings["share"],
        action=None if action is None else np.array(action, dtype=np.int64),
        mean_floor=settings["mean"],
    )


def test_a_left_out_activity_joins_the_cluster_most_departments_vote_for() -> None:
    """Moderate partners in three departments of one cluster and one strong partner: the
    activity joins, although its mean over the cluster stays under the threshold."""
    rows = [(0, 4, 0.55), (1, 4, 0.35), (2, 4, 0.32), (3, 4, 0.0)]
    assert _vote(rows) == [[0, 1, 2, 3, 4], [5, 6]]


#: the members of the first vote cluster all score 0.9 with one another
COHERENT = [(a, b, 0.9) for a in range(4) for b in range(a + 1, 4)]


def test_votes_need_a_strong_partner_a_majority_and_two_voters() -> None:
    # no partner at the threshold, and far less alike than the members are
    assert _vote(COHERENT + [(0, 4, 0.45), (1, 4, 0.4), (2, 4, 0.4)]) == VOTE_CLUSTERS
    # votes split: 2 of 4 for the first cluster is under two thirds
    split = [(0, 4, 0.6), (1, 4, 0.4), (5, 4, 0.4), (6, 4, 0.4)]
    assert _vote(split) == VOTE_CLUSTERS
    # a tie between two clusters
    assert _vote([(0, 4, 0.6), (1, 4, 0.4), (5, 4, 0.4), (6, 4, 0.4)], share=0.5) == VOTE_CLUSTERS
    # a single voter is not a group
    assert _vote([(0, 4, 0.9)]) == VOTE_CLUSTERS
    # partners under the floor do not vote
    assert _vote([(0, 4, 0.6), (1, 4, 0.2), (2, 4, 0.2)]) == VOTE_CLUSTERS


def test_without_a_strong_partner_an_activity_as_coherent_as_a_member_joins() -> None:
    """No vote reaches the threshold: the activity joins when its best scores per
    department of the cluster average at least what its least coherent member's do."""
    core = [(0, 1, 0.9), (0, 2, 0.9), (1, 2, 0.9)]
    votes = [(0, 4, 0.45), (1, 4, 0.4), (2, 4, 0.4)]  # (0.45 + 0.4 + 0.4 + 0) / 4 = 0.3125
    weak_member = [(m, 3, 0.3) for m in range(3)]  # member 3: (0.3 + 0.3 + 0.3) / 3
    assert _vote(core + weak_member + votes) == [[0, 1, 2, 3, 4], [5, 6]]
    firmer_member = [(m, 3, 0.4) for m in range(3)]
    assert _vote(core + firmer_member + votes) == VOTE_CLUSTERS


def test_a_vote_against_counts_even_from_an_unclustered_partner() -> None:
    """Partners outside every cluster are votes for none: two of four is no majority."""
    dept = np.array([0, 1, 2, 3, 6, 4, 5, 0, 7, 8])
    rows = [(0, 4, 0.6), (1, 4, 0.4), (8, 4, 0.6), (9, 4, 0.6)]
    got = attach_voted(VOTE_CLUSTERS, _pairs(rows), dept, threshold=0.5, floor=0.3, share=2 / 3)
    assert got == VOTE_CLUSTERS


def test_a_vote_needs_the_kind_of_action_and_the_mean_of_the_cluster() -> None:
    """The activity must take a kind of action some member takes (or none, when some
    member names none) and resemble the cluster as a whole, not only its voters."""
    rows = [(0, 4, 0.55), (1, 4, 0.35), (2, 4, 0.32), (3, 4, 0.0)]
    joined = [[0, 1, 2, 3, 4], [5, 6]]
    checks = [0, 0, 0, 0, 0, 1, 1, 0]
    assert _vote(rows, action=checks) == joined
    assert _vote(rows, action=[0, 0, 0, 0, 2, 1, 1, 0]) == VOTE_CLUSTERS  # an answer
    assert _vote(rows, action=[0, 0, 0, 0, -1, 1, 1, 0]) == VOTE_CLUSTERS  # no action
    assert _vote(rows, action=[0, -1, 0, 0, -1, 1, 1, 0]) == joined  # a member names none
    # mean over the four members (0.55 + 0.35 + 0.32 + 0) / 4 = 0.305
    assert _vote(rows, action=checks, mean=0.3) == joined
    assert _vote(rows, action=checks, mean=0.31) == VOTE_CLUSTERS


def test_a_one_to_one_cluster_takes_no_second_activity_of_a_department() -> None:
    rows = [(1, 7, 0.8), (2, 7, 0.7), (3, 7, 0.6)]
    assert _vote(rows) == VOTE_CLUSTERS


def test_attachments_do_not_vote_for_each_other() -> None:
    """Activity 7 votes through 4, which is itself only attached in this run: no chain."""
    dept = np.array([0, 1, 2, 3, 6, 4, 5, 7])
    rows = [(0, 4, 0.6), (1, 4, 0.4), (2, 4, 0.4), (4, 7, 0.9), (0, 7, 0.35)]
    got = attach_voted(VOTE_CLUSTERS, _pairs(rows), dept, threshold=0.5, floor=0.3, share=2 / 3)
    assert got == [[0, 1, 2, 3, 4], [5, 6]]


def test_attachments_vote_when_voting_is_repeated() -> None:
    """Event logs repeat the votes until none joins: an activity attached in one round
    votes in the next (7's partners are 4, attached first, and member 0)."""
    dept = np.array([0, 1, 2, 3, 6, 4, 5, 7])
    rows = COHERENT + [(0, 4, 0.6), (1, 4, 0.4), (2, 4, 0.4), (4, 7, 0.9), (0, 7, 0.55)]
    once = attach_voted(VOTE_CLUSTERS, _pairs(rows), dept, threshold=0.5, floor=0.3, share=2 / 3)
    assert once == [[0, 1, 2, 3, 4], [5, 6]]
    twice = attach_voted(once, _pairs(rows), dept, threshold=0.5, floor=0.3, share=2 / 3)
    assert twice == [[0, 1, 2, 3, 4, 7], [5, 6]]


def test_mutual_groups_link_through_the_closer_member_of_a_department() -> None:
    """Two members of department 0 in one group: the department counts once, by its
    closer member, so its weaker one does not keep two halves of one task apart."""
    dept = np.array([0, 0, 1, 2, 3])
    groups = [[0, 1, 2], [3, 4]]
    inner = [(0, 2, 0.9), (1, 2, 0.9), (3, 4, 0.9)]
    cross = [(2, 3, 0.5), (2, 4, 0.5), (1, 3, 0.0), (1, 4, 0.0)]
    # plain mean (0.6 + 0.6 + 0.5 + 0.5 + 0 + 0) / 6 = 0.37; by department 0.55
    joined = merge_mutual(
        groups, _pairs(inner + cross + [(0, 3, 0.6), (0, 4, 0.6)]), dept, floor=0.45, ratio=1.0,
        min_size=2,
    )  # fmt: skip
    assert joined == [[0, 1, 2, 3, 4]]
    # by department (0.3 + 0.3 + 0.5 + 0.5) / 4 = 0.4: under the floor
    apart = merge_mutual(
        groups, _pairs(inner + cross + [(0, 3, 0.3), (0, 4, 0.3)]), dept, floor=0.45, ratio=1.0,
        min_size=2,
    )  # fmt: skip
    assert apart == groups
    # a third member of department 0: a group of several procedures, linked by the plain mean
    crowded_dept = np.array([0, 0, 1, 2, 3, 0])
    crowded = merge_mutual(
        [[0, 1, 2, 5], [3, 4]], _pairs(inner + cross + [(0, 3, 0.6), (0, 4, 0.6), (2, 5, 0.9)]),
        crowded_dept, floor=0.45, ratio=1.0, min_size=2,
    )  # fmt: skip
    assert crowded == [[0, 1, 2, 5], [3, 4]]


def test_mutual_groups_of_successive_steps_stay_apart() -> None:
    """Forms (kind 0) and the records keyed from them (kind 1) in the same three
    departments: two steps of each department's procedure, not two halves of one kind of
    work, so they are not joined however alike; without the kinds they are."""
    dept = np.array([0, 1, 2, 0, 1, 2])
    groups = [[0, 1, 2], [3, 4, 5]]
    inner = [(0, 1, 0.9), (0, 2, 0.9), (1, 2, 0.9), (3, 4, 0.9), (3, 5, 0.9), (4, 5, 0.9)]
    cross = [(a, b, 0.8) for a in (0, 1, 2) for b in (3, 4, 5) if dept[a] != dept[b]]
    pairs = _pairs(inner + cross)
    kinds = np.array([0, 0, 0, 1, 1, 1])
    options = {"floor": 0.45, "ratio": 1.0, "min_size": 2}
    assert merge_mutual(groups, pairs, dept, action=kinds, **options) == groups
    assert merge_mutual(groups, pairs, dept, **options) == [[0, 1, 2, 3, 4, 5]]
    # the same kind in each department (two halves of one kind of work) are joined
    same = np.array([0, 0, 0, 0, 0, 0])
    assert merge_mutual(groups, pairs, dept, action=same, **options) == [[0, 1, 2, 3, 4, 5]]
    # an unknown kind (-1) tells nothing: joined
    unknown = np.array([0, 0, 0, -1, -1, -1])
    assert merge_mutual(groups, pairs, dept, action=unknown, **options) == [[0, 1, 2, 3, 4, 5]]


# --------------------------------------------------------------------------- same kind

# clusters [0, 1] (departments 0, 1) and [2, 3] (departments 2, 3); [4, 5] in 4 and 5
KIND_DEPT = np.array([0, 1, 2, 3, 4, 5])
KIND_CLUSTERS = [[0, 1], [2, 3], [4, 5]]
# the two halves meet weakly (mean 0.2); the third cluster scores 0 with both
KIND_ROWS = [(0, 1, 0.9), (2, 3, 0.9), (4, 5, 0.9), (0, 2, 0.5), (1, 3, 0.3)]


def _fields(rows: list[list[int]], width: int = 3) -> sparse.csr_matrix:
    dense = np.zeros((len(rows), width))
    for r, cols in enumerate(rows):
        dense[r, cols] = 1.0
    return sparse.csr_matrix(dense)


def _kind(action: list[int], fields: list[list[int]], floor: float = 0.15) -> list[list[int]]:
    return merge_same_kind(
        [list(c) for c in KIND_CLUSTERS],
        _pairs(KIND_ROWS),
        KIND_DEPT,
        np.array(action, dtype=np.int64),
        _fields(fields),
        floor=floor,
    )


def test_clusters_doing_one_kind_of_step_on_one_field_are_joined() -> None:
    """Both halves check (action 0) and every member fills field 0: joined at mean 0.2."""
    got = _kind([0, 0, 0, 0, 1, 1], [[0], [0, 1], [0], [0, 2], [0], [0]])
    assert got == [[0, 1, 2, 3], [4, 5]]


@pytest.mark.parametrize(
    ("action", "fields", "floor"),
    [
        # different kinds of action (a check vs keying into a register)
        ([0, 0, 1, 1, 2, 2], [[0], [0], [0], [0], [0], [0]], 0.15),
        # a cluster whose members take different actions has no kind
        ([0, 1, 0, 0, 2, 2], [[0], [0], [0], [0], [0], [0]], 0.15),
        # no field that every member of both fills
        ([0, 0, 0, 0, 1, 1], [[0], [0], [1], [1], [0], [0]], 0.15),
        ([0, 0, 0, 0, 1, 1], [[0], [1], [0], [0], [0], [0]], 0.15),
        # members without a kind of action
        ([-1, -1, -1, -1, 1, 1], [[0], [0], [0], [0], [0], [0]], 0.15),
        # mean score under the floor
        ([0, 0, 0, 0, 1, 1], [[0], [0], [0], [0], [0], [0]], 0.25),
    ],
)
def test_clusters_stay_apart_without_a_shared_kind_and_field(
    action: list[int], fields: list[list[int]], floor: float
) -> None:
    assert _kind(action, fields, floor) == KIND_CLUSTERS


def test_only_mutual_best_partners_of_the_same_kind_are_joined() -> None:
    """A third cluster of the same kind that is closer to the second one takes it instead."""
    rows = KIND_ROWS + [(2, 4, 0.9), (3, 5, 0.9), (2, 5, 0.9), (3, 4, 0.9)]
    got = merge_same_kind(
        [list(c) for c in KIND_CLUSTERS],
        _pairs(rows),
        KIND_DEPT,
        np.zeros(6, dtype=np.int64),
        _fields([[0]] * 6),
        floor=0.15,
    )
    # [2, 3] and [4, 5] are mutual best (0.9) and join; the union then meets [0, 1]
    # at (0.5 + 0.3) / 8 = 0.1, under the floor
    assert got == [[0, 1], [2, 3, 4, 5]]


def test_a_closer_cluster_of_another_kind_does_not_block_the_join() -> None:
    """Best partners are chosen among the clusters of the same kind and data only."""
    rows = KIND_ROWS + [(0, 4, 0.9), (1, 5, 0.9), (0, 5, 0.9), (1, 4, 0.9)]
    got = merge_same_kind(
        [list(c) for c in KIND_CLUSTERS],
        _pairs(rows),
        KIND_DEPT,
        np.array([0, 0, 0, 0, 1, 1], dtype=np.int64),
        _fields([[0]] * 6),
        floor=0.15,
    )
    assert got == [[0, 1, 2, 3], [4, 5]]


def test_one_strong_link_is_required_when_a_threshold_is_given() -> None:
    """The halves meet at 0.5 and 0.3: joined at threshold 0.5, not at 0.6."""
    rows = KIND_ROWS
    args = ([list(c) for c in KIND_CLUSTERS], _pairs(rows), KIND_DEPT, np.zeros(6, np.int64))
    fields = _fields([[0], [0], [0], [0], [1], [1]])
    assert merge_same_kind(*args, fields, floor=0.15, threshold=0.5)[0] == [0, 1, 2, 3]
    assert merge_same_kind(*args, fields, floor=0.15, threshold=0.6) == KIND_CLUSTERS


def test_missing_pairs_are_scored_before_judging() -> None:
    """Pairs left out by blocking count 0 unless ``complete`` scores them."""
    rows = [(0, 1, 0.9), (2, 3, 0.9), (4, 5, 0.9), (0, 2, 0.6)]  # mean 0.6 / 4 = 0.15

    def complete(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return np.full(len(i), 0.4)

    def run(**options: object) -> list[list[int]]:
        return merge_same_kind(
            [list(c) for c in KIND_CLUSTERS],
            _pairs(rows),
            KIND_DEPT,
            np.zeros(6, dtype=np.int64),
            _fields([[0], [0], [0], [0], [1], [1]]),
            floor=0.3,
            threshold=0.5,
            **options,  # type: ignore[arg-type]
        )

    assert run() == KIND_CLUSTERS
    assert run(complete=complete) == [[0, 1, 2, 3], [4, 5]]  # (0.6 + 3 × 0.4) / 4 = 0.45
    # votes: activity 4 has one partner (0.6) in the cluster; the other members are scored
    vote_rows = [(0, 4, 0.6)]
    kwargs = {"threshold": 0.5, "floor": 0.3, "share": 2 / 3}
    assert attach_voted(VOTE_CLUSTERS, _pairs(vote_rows), VOTE_DEPT, **kwargs) == VOTE_CLUSTERS
    got = attach_voted(VOTE_CLUSTERS, _pairs(vote_rows), VOTE_DEPT, complete=complete, **kwargs)
    assert got == [[0, 1, 2, 3, 4], [5, 6]]


# --------------------------------------------------------------------------- data

# a cluster of forms: departments 0..5 each write the address (field 0) and the name
# (field 1); department 0 also takes in a register filing (item 6) that records the name
# and a field of its own (2) but no address
FORM_DEPT = np.array([0, 1, 2, 3, 4, 5, 0])
FORM_FIELDS = [[0, 1], [0, 1], [0, 1], [0, 1], [0, 1], [0, 1], [1, 2]]


def _incoherent(fields: list[list[int]], dept: np.ndarray = FORM_DEPT, **options: float) -> list:
    settings = {"share": 0.9, "min_others": 5}
    settings.update(options)
    return drop_incoherent(
        [list(range(len(fields)))],
        _fields(fields),
        dept,
        share=settings["share"],
        min_others=int(settings["min_others"]),
    )


def test_a_member_that_records_data_but_not_the_clusters_field_leaves() -> None:
    assert _incoherent(FORM_FIELDS) == [[0, 1, 2, 3, 4, 5]]


def test_members_stay_when_the_field_is_not_the_clusters_or_cannot_be_judged() -> None:
    # no fellow member of its own department fills the address: a department whose
    # columns were matched to other fields says nothing about one of its steps
    alone = np.array([0, 1, 2, 3, 4, 5, 6])
    assert _incoherent(FORM_FIELDS, alone) == [[0, 1, 2, 3, 4, 5, 6]]
    # a step that records no common data at all (its log may not show it)
    assert _incoherent(FORM_FIELDS[:6] + [[]]) == [[0, 1, 2, 3, 4, 5, 6]]
    # a field that fewer than `share` of the others fill is not the cluster's
    patchy = [[0, 1], [1], [0, 1], [0, 1], [0, 1], [0, 1], [1, 2]]
    assert _incoherent(patchy) == [[0, 1, 2, 3, 4, 5, 6]]
    # too small a cluster to tell what it is about
    assert _incoherent(FORM_FIELDS, min_others=7) == [[0, 1, 2, 3, 4, 5, 6]]


def _three_ticket_and_id_maps() -> dict:
    """Three departments' event-log maps, each 番号札発券 → 本人確認 by staff."""
    import networkx as nx
    import pandas as pd

    from procmine.model import ProcessMap

    def one(dept: str, labels: list[str]) -> ProcessMap:
        g = nx.DiGraph()
        for k, label in enumerate(labels):
            g.add_node(label, events=10, cases=10, performer="staff", median_minutes=2.0,
                       start=10 * (k == 0), end=10 * (k == len(labels) - 1))  # fmt: skip
        nx.add_path(g, labels, count=10)
        return ProcessMap(dept, g, pd.DataFrame(), pd.DataFrame(), 10, 20)

    return {d: one(d, ["番号札発券", "本人確認"]) for d in ("A", "B", "C")}


def test_event_logs_take_incoherent_members_out_last(monkeypatch: pytest.MonkeyPatch) -> None:
    """The data check runs on the final clusters of an event log and its result is used."""
    import procmine.match as pm

    maps = _three_ticket_and_id_maps()
    assert len(pm.match_activities(maps).clusters) > 0
    seen: list[list[list[int]]] = []

    def none_left(clusters: list[list[int]], *_args: object, **_kwargs: object) -> list:
        seen.append(clusters)
        return []

    monkeypatch.setattr(pm, "drop_incoherent", none_left)
    assert len(pm.match_activities(maps).clusters) == 0
    assert seen and seen[0]


def test_event_logs_repeat_the_votes_until_none_joins(monkeypatch: pytest.MonkeyPatch) -> None:
    """The vote step is called again after a round that attached an activity."""
    import procmine.match as pm

    maps = _three_ticket_and_id_maps()
    calls: list[int] = []

    def adds_once(clusters: list[list[int]], *_args: object, **_kwargs: object) -> list:
        calls.append(len(clusters))
        return [list(c) for c in clusters] + ([[98, 99]] if len(calls) == 1 else [])

    monkeypatch.setattr(pm, "attach_voted", adds_once)
    monkeypatch.setattr(pm, "drop_incoherent", lambda clusters, *a, **k: clusters[:-1])
    pm.match_activities(maps)
    assert len(calls) == 2 and calls[1] == calls[0] + 1


def test_models_never_use_the_event_log_cluster_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Process models carry no data fields or performers to vouch for a group."""
    import networkx as nx

    import procmine.match as pm

    def boom(*_args: object, **_kwargs: object) -> list[list[int]]:
        raise AssertionError("event-log step used for models")

    monkeypatch.setattr(pm, "merge_same_kind", boom)
    monkeypatch.setattr(pm, "attach_voted", boom)
    monkeypatch.setattr(pm, "drop_incoherent", boom)
    graphs = {}
    for name, labels in (("A", ["Receive application", "Check documents"]),
                         ("B", ["Application received", "Documents checked"]),
                         ("C", ["Applications received", "Document check"])):  # fmt: skip
        g = nx.DiGraph()
        g.add_edge("1", "2")
        nx.set_node_attributes(g, {"1": labels[0], "2": labels[1]}, "label")
        graphs[name] = g
    assert len(pm.match_models(graphs).pairs) > 0


def test_pairs_joined_through_their_cluster_say_so_in_their_evidence() -> None:
    from pathlib import Path

    import procmine
    from procmine.discover import discover_all
    from procmine.match import DEFAULT_THRESHOLD, match_activities

    data = procmine.load(Path(__file__).resolve().parents[1] / "sample_logs")
    pairs = match_activities(discover_all(data.logs)).pairs
    below = pairs["score"] < DEFAULT_THRESHOLD
    says = pairs["evidence"].str.contains("through its other members", regex=False)
    assert below.any()  # mean linkage and the group steps do join such pairs
    assert (below == says).all()


# --------------------------------------------------------------------------- seeds


def test_one_to_one_keeps_a_second_element_of_the_same_label_only() -> None:
    """Element 2 (model 1) matches 0 and 1 (model 0); 1 scores a little lower. Seeds stay
    one-to-one, except that a model holding one label twice keeps both copies."""
    dept = np.array([0, 0, 1])
    scored = [((0, 2), 0.96), ((1, 2), 0.9)]
    assert one_to_one(scored, dept, tolerance=0.02) == [(0, 2)]
    assert one_to_one(scored, dept, tolerance=0.02, same_label=np.array([3, 4, 3])) == [(0, 2)]
    both = one_to_one(scored, dept, tolerance=0.02, same_label=np.array([3, 3, 3]))
    assert both == [(0, 2), (1, 2)]
