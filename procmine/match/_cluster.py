"""Candidate blocking and N-way clustering of matched activities."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from procmine.match._score import Scorer

if TYPE_CHECKING:  # pragma: no cover
    from scipy import sparse

#: Terms (and fields) shared by more activities than this are not used to block pairs.
MAX_BLOCK_DF = 50
#: Minimum overlap (partial cosine of the rarer terms) for a label-blocked candidate.
BLOCK_FLOOR = 0.1
#: Activities of other departments with the most similar data fields added as candidates
#: for each activity when blocking (labels that share nothing can still be one task).
FIELD_NEIGHBOURS = 10
#: Earliest steps of each department paired with those of every other when blocking.
FIRST_STEPS = 3
#: Members of one department in a cluster that count as one department's work when two
#: clusters are linked (the best of them counts; see :func:`_department_links`).
SAME_TASK_MEMBERS = 2
#: Score difference within which a second partner in the same department is still kept.
ONE_TO_ONE_TOLERANCE = 0.02


def block(scorer: Scorer) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs ``i < j`` in different departments, from an inverted index.

    A pair is a candidate when its labels share rare terms or character n-grams (or rare
    English words that WordNet relates, counted as in the label similarity) whose partial
    cosine reaches :data:`BLOCK_FLOOR`, when the normalised labels are equal, when
    both fill a rare data field, when one is among the other's :data:`FIELD_NEIGHBOURS`
    most similar activities by data fields, or when both are among the
    :data:`FIRST_STEPS` earliest steps of their departments. Terms used by more than
    ``max(MAX_BLOCK_DF, 1 % of the activities)`` activities are too generic to block on.
    """
    from scipy import sparse

    n = scorer.n
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    limit = max(MAX_BLOCK_DF, n // 100)
    ws = scorer.w.word_share

    def restricted(mat: sparse.csr_matrix, df: np.ndarray) -> sparse.csr_matrix:
        keep = np.flatnonzero(df <= limit)
        return mat[:, keep]

    wb = restricted(scorer.words, scorer.word_df)
    gb = restricted(scorer.grams, scorer.gram_df)
    # words that WordNet relates (Enrollment / Matriculate) are keys of one another, as
    # in the soft cosine of the label similarity (rare terms only, here too)
    sb = wb
    if scorer.synonymy is not None:
        rare = np.flatnonzero(scorer.word_df <= limit)
        sb = wb @ scorer.synonymy[rare][:, rare]  # type: ignore[index]
    sim = (sb @ wb.T) * ws + (gb @ gb.T) * (1 - ws)
    sim = sparse.triu(sim, k=1).tocoo()
    keep = (sim.data >= BLOCK_FLOOR) & (scorer.dept[sim.row] != scorer.dept[sim.col])
    pairs = {(int(a), int(b)) for a, b in zip(sim.row[keep], sim.col[keep], strict=True)}
    if scorer.fields.shape[1]:
        fb = restricted(scorer.fields, scorer.field_df)
        fsim = sparse.triu(fb @ fb.T, k=1).tocoo()
        cross = scorer.dept[fsim.row] != scorer.dept[fsim.col]
        pairs.update(
            (int(a), int(b)) for a, b in zip(fsim.row[cross], fsim.col[cross], strict=True)
        )
        pairs.update(_field_neighbours(scorer, FIELD_NEIGHBOURS))
    pairs.update(_first_steps(scorer, FIRST_STEPS))
    by_norm: dict[str, list[int]] = {}
    for k, key in enumerate(scorer.norm):
        by_norm.setdefault(key, []).append(k)
    for members in by_norm.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                if scorer.dept[a] != scorer.dept[b]:
                    pairs.add((a, b))
    ordered = sorted(pairs)
    arr = np.array(ordered, dtype=np.int64).reshape(-1, 2)
    return arr[:, 0], arr[:, 1]


def _field_neighbours(scorer: Scorer, k: int, rows: int = 512) -> set[tuple[int, int]]:
    """Pairs ``i < j`` where ``j`` is among the ``k`` activities of other departments whose
    common fields are most like ``i``'s (IDF-weighted cosine over every field, however
    common): forms that capture the same personal data under unrelated labels."""
    from scipy import sparse

    fw = scorer.fields_w
    norms = np.sqrt(np.asarray(fw.multiply(fw).sum(axis=1)).ravel())
    has = np.flatnonzero(norms > 0)
    out: set[tuple[int, int]] = set()
    if len(has) < 2 or k <= 0:
        return out
    unit = (sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ fw).tocsr()[has]
    dept = scorer.dept[has]
    for start in range(0, len(has), rows):
        block = (unit[start : start + rows] @ unit.T).toarray()
        block[dept[start : start + rows, None] == dept[None, :]] = 0.0
        take = min(k, block.shape[1])
        top = np.argpartition(-block, take - 1, axis=1)[:, :take]
        for r in range(block.shape[0]):
            a = int(has[start + r])
            for c in top[r]:
                if block[r, c] > 0:
                    b = int(has[c])
                    out.add((min(a, b), max(a, b)))
    return out


def _first_steps(scorer: Scorer, k: int) -> set[tuple[int, int]]:
    """Every cross-department pair among the ``k`` earliest steps of each department (by
    median position in the case, else by the share of cases they start): queue tickets,
    reception and identity checks are the same work everywhere under any label."""
    from procmine.match._profile import START

    early: dict[int, list[tuple[float, float, int]]] = {}
    for x, item in enumerate(scorer.items):
        position = item.role.get("position")
        starts = item.preds.get(START, 0.0)
        if position is None and starts <= 0:
            continue
        key = (position if position is not None else 1.0 - starts, -starts, x)
        early.setdefault(int(scorer.dept[x]), []).append(key)
    chosen = [x for keys in early.values() for *_, x in sorted(keys)[:k]]
    return {
        (min(a, b), max(a, b))
        for n, a in enumerate(chosen)
        for b in chosen[n + 1 :]
        if scorer.dept[a] != scorer.dept[b]
    }


def one_to_one(
    scored: list[tuple[tuple[int, int], float]],
    dept: np.ndarray,
    *,
    tolerance: float,
    same_label: np.ndarray | None = None,
) -> list[tuple[int, int]]:
    """Greedy max-weight one-to-one edges per pair of departments.

    Pairs are taken best first; a pair is kept when neither activity already has a
    partner in the other's department, or when its score is within ``tolerance`` of that
    partner's (near ties stay, so a department may hold several members of a cluster).
    Clusters are seeded from these edges only, so an activity is not pulled towards a
    second-best counterpart whose own best match lies elsewhere.

    ``same_label`` (a code per activity, equal for equal normalised labels; given for
    process models) keeps every pair of one label: a process model may hold one element
    twice (two end events "Accepted"), and neither copy is a second-best counterpart of
    the other model's element of that label. It also drops the near-tie rule: two model
    elements whose labels differ and score alike ("Cost Element Planning (Order)" and
    "… (Order with Integrated Planning)", between the same events) are variants of which
    only one is the other model's element, however close their scores.
    """
    if same_label is not None:
        tolerance = 0.0
    best: dict[tuple[int, int], float] = {}
    kept: list[tuple[int, int]] = []
    for (a, b), s in sorted(scored, key=lambda kv: (-kv[1], kv[0])):
        ka, kb = (a, int(dept[b])), (b, int(dept[a]))
        twin = same_label is not None and same_label[a] == same_label[b]
        ok_a = twin or ka not in best or s >= best[ka] - tolerance
        ok_b = twin or kb not in best or s >= best[kb] - tolerance
        if ok_a and ok_b:
            best.setdefault(ka, s)
            best.setdefault(kb, s)
            kept.append((a, b))
    return kept


def components(n: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    """Connected components (union-find), each sorted, in order of their first member."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for x in range(n):
        groups.setdefault(find(x), []).append(x)
    return [sorted(g) for _, g in sorted(groups.items()) if len(g) > 1]


def average_linkage(
    members: list[int],
    score: Callable[[int, int], float | None],
    dept: np.ndarray,
    threshold: float,
    scored: list[tuple[int, int, float]] | None = None,
) -> list[list[int]]:
    """Agglomerative clustering: merge while the mean cross-department score ≥ threshold.

    ``score(a, b)`` gives the score of a cross-department pair (``None`` = not scored,
    counted as 0). Pairs within one department do not count, so a cluster may hold
    several activities of one department when each resembles the others' counterparts.
    Mean linkage keeps chains of pairwise-similar but mutually different activities apart.
    Only scored pairs are stored; the number of cross-department pairs between two
    clusters comes from their department counts, so large components stay cheap.
    """
    comp: dict[int, dict[int, int]] = {}
    size: dict[int, int] = {}
    clusters: dict[int, list[int]] = {}
    for k, m in enumerate(members):
        comp[k], size[k], clusters[k] = {int(dept[m]): 1}, 1, [m]
    sums: dict[tuple[int, int], float] = {}
    if scored is not None:
        local = {m: k for k, m in enumerate(members)}
        for a, b, s in scored:
            x, y = local.get(a), local.get(b)
            if x is not None and y is not None and dept[a] != dept[b] and s:
                sums[(min(x, y), max(x, y))] = s
    else:
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                if dept[a] == dept[b]:
                    continue
                value = score(a, b)
                if value:
                    sums[(x, y)] = value
    nbrs: dict[int, set[int]] = {k: set() for k in clusters}
    for x, y in sums:
        nbrs[x].add(y)
        nbrs[y].add(x)

    def count(x: int, y: int) -> float:
        cx, cy = comp[x], comp[y]
        if len(cx) > len(cy):
            cx, cy = cy, cx
        return float(size[x] * size[y] - sum(n * cy.get(d, 0) for d, n in cx.items()))

    heap = [(-sums[k] / count(*k), k) for k in sums]
    heapq.heapify(heap)
    alive = set(clusters)
    while heap:
        neg, key = heapq.heappop(heap)
        x, y = key
        if x not in alive or y not in alive or key not in sums:
            continue
        current = sums[key] / count(x, y)
        if abs(current + neg) > 1e-12:
            continue  # stale entry
        if current < threshold:
            break
        clusters[x].extend(clusters.pop(y))
        for d, n in comp.pop(y).items():
            comp[x][d] = comp[x].get(d, 0) + n
        size[x] += size.pop(y)
        alive.discard(y)
        del sums[key]
        nbrs[x].discard(y)
        nbrs[y].discard(x)
        for z in sorted((nbrs[x] | nbrs.pop(y)) - {x, y}):
            kxz = (min(x, z), max(x, z))
            kyz = (min(y, z), max(y, z))
            total = sums.pop(kxz, 0.0) + sums.pop(kyz, 0.0)
            nbrs[z].discard(y)
            nbrs[z].add(x)
            nbrs[x].add(z)
            sums[kxz] = total
            heapq.heappush(heap, (-total / count(*kxz), kxz))
    return [sorted(c) for c in clusters.values() if len({int(dept[m]) for m in c}) > 1]


def merge_mutual(
    clusters: list[list[int]],
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    dept: np.ndarray,
    *,
    floor: float,
    ratio: float,
    min_size: int = 3,
    threshold: float | None = None,
    counterpart_share: float = 1.0,
    action: np.ndarray | None = None,
) -> list[list[int]]:
    """Join clusters that are each other's clearly best partner.

    Average linkage keeps apart two groups of one kind of work whose members resemble
    each other only moderately across the groups (forms the resident writes vs forms the
    clerk receives). The link of two clusters is the mean, over their pairs of departments,
    of the best score between the members of those departments (``pairs``: item indices
    ``i``, ``j`` and scores; unscored pairs count 0): a department with two members in a
    group (the filer's identity check and the visitor's) counts once, by its closer one;
    a group holding more than two members of one department (forms of several procedures)
    is linked by the plain mean of its pairs. Two clusters are joined when their link reaches ``floor``, each is the other's best
    partner, and the link is at least ``ratio`` times either cluster's link with any other
    cluster. Only groups are joined (at least
    ``min_size`` activities each): single pairs stay one-to-one correspondences.
    Two mutually best groups are also joined when at least ``counterpart_share`` of the
    members of each have a counterpart scoring ``threshold`` or more in the other group (two
    halves of one kind of work, e.g. forms the resident writes and applications the clerk
    receives, whose mean is lowered by pairs of unrelated procedures).
    Repeats until stable.
    """
    clusters = [sorted(c) for c in clusters]
    pi, pj, ps = pairs
    while len(clusters) > 1:
        k = len(clusters)
        link = _department_links(clusters, pairs, dept)
        owner, ca, cb, ok = _cross_cluster(clusters, pairs, len(dept))
        sizes = np.array([len(c) for c in clusters], dtype=float)
        # members with a counterpart at the threshold in each other cluster
        reach = np.zeros((k, k))
        if threshold is not None:
            strong = ok & (ps >= threshold)
            hit = np.zeros((len(dept), k), dtype=bool)
            hit[pi[strong], cb[strong]] = True
            hit[pj[strong], ca[strong]] = True
            members_of = owner
            rows = np.flatnonzero(members_of >= 0)
            np.add.at(reach, members_of[rows], hit[rows].astype(float))
            # share of each cluster's members with a counterpart in the other; both must reach it
            reach = reach / np.maximum(sizes[:, None], 1.0)
            reach = np.minimum(reach, reach.T)
            np.fill_diagonal(reach, 0.0)
        best = link.argmax(axis=1)
        merged: set[int] = set()
        joins: list[tuple[int, int]] = []
        for x in range(k):
            y = int(best[x])
            if x >= y or int(best[y]) != x:
                continue
            if link[x, y] < floor and reach[x, y] < counterpart_share:
                continue
            if min(len(clusters[x]), len(clusters[y])) < min_size:
                continue
            others_x = np.delete(link[x], [x, y]).max(initial=0.0)
            others_y = np.delete(link[y], [x, y]).max(initial=0.0)
            clear = link[x, y] >= ratio * max(others_x, others_y, 1e-9)
            if action is not None and _successive(clusters[x], clusters[y], dept, action):
                continue
            if (clear or reach[x, y] >= counterpart_share) and not {x, y} & merged:
                joins.append((x, y))
                merged |= {x, y}
        if not joins:
            break
        clusters = _joined(clusters, joins)
    return clusters


def _successive(x: list[int], y: list[int], dept: np.ndarray, action: np.ndarray) -> bool:
    """Whether two groups are two steps of the same departments' procedures rather than
    two halves of one kind of work: most departments of the smaller group also act in the
    other, and in each of those the two groups' members take different kinds of action
    (the form the resident writes, then the record the clerk keys from it)."""
    kinds_x: dict[int, set[int]] = {}
    kinds_y: dict[int, set[int]] = {}
    for members, kinds in ((x, kinds_x), (y, kinds_y)):
        for m in members:
            kinds.setdefault(int(dept[m]), set()).add(int(action[m]))
    shared = set(kinds_x) & set(kinds_y)
    if len(shared) < 2 or 2 * len(shared) <= min(len(kinds_x), len(kinds_y)):
        return False
    apart = [
        d for d in shared
        if -1 not in kinds_x[d] | kinds_y[d] and not kinds_x[d] & kinds_y[d]
    ]  # fmt: skip
    return 2 * len(apart) > len(shared)


def attach_consistent(
    clusters: list[list[int]],
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    dept: np.ndarray,
    *,
    threshold: float,
    witnesses: int = 2,
) -> list[list[int]]:
    """Attach unclustered activities whose best counterparts all agree on one cluster.

    Mean linkage keeps an activity out of a large cluster when it resembles only some of
    its members (a late application step resembles the other application steps, not the
    forms of unrelated procedures). Such an activity joins a cluster when its best partner
    in each of its ``witnesses`` best departments (``pairs``: item indices ``i``, ``j`` and
    scores) scores ``threshold`` or more and all of them belong to that one cluster — a
    mutually consistent group, not a chain through one similar pair. A cluster that holds
    a member of the activity's department takes it only when it already holds several
    activities of one department (a kind of work, like forms, not a one-to-one task).
    Activities are taken in index order and judged against the clusters as they were
    (attachments do not vouch for each other).

    A member of a cluster of two moves the same way when its witnesses all score more
    than its own partner: mean linkage pairs an activity with a weaker counterpart once
    the group of its stronger ones has grown past it (the identity check of one department
    paired with another's, while its best matches check identity in a larger group). The
    partner left alone is then unclustered.
    """
    if not clusters:
        return clusters
    pi, pj, ps = pairs
    owner = _owners(clusters, len(dept))
    # members of two-activity clusters and their partner's score
    paired: dict[int, float] = {}
    for a, b, s in zip(pi.tolist(), pj.tolist(), ps.tolist(), strict=True):
        if owner[a] >= 0 and owner[a] == owner[b] and len(clusters[int(owner[a])]) == 2:
            paired[a] = paired[b] = s
    # best partner score per (activity, other department)
    best: dict[int, dict[int, tuple[float, int]]] = {}
    for a, b, s in zip(pi.tolist(), pj.tolist(), ps.tolist(), strict=True):
        for x, y in ((a, b), (b, a)):
            if owner[x] >= 0 and x not in paired:
                continue
            slot = best.setdefault(x, {})
            d = int(dept[y])
            if d not in slot or (s, -y) > (slot[d][0], -slot[d][1]):
                slot[d] = (s, y)
    out = [list(c) for c in clusters]
    left: set[int] = set()  # pair clusters a member has left
    joined: set[int] = set()  # clusters that took an activity (they are not dissolved)
    for x in sorted(best):
        top = sorted(best[x].values(), key=lambda sy: (-sy[0], sy[1]))[:witnesses]
        if len(top) < witnesses or top[-1][0] < max(threshold, paired.get(x, 0.0)):
            continue
        homes = {int(owner[y]) for _, y in top}
        if len(homes) != 1 or -1 in homes or int(owner[x]) in homes:
            continue
        home = homes.pop()
        if home in left or (x in paired and int(owner[x]) in left | joined):
            continue
        counts = np.bincount(dept[clusters[home]], minlength=int(dept.max()) + 1)
        if counts[int(dept[x])] > 0:
            # a department joins a second time only a kind of work that already holds
            # several activities of one department (forms of several procedures)
            if counts.max() < 2:
                continue
        if x in paired:
            left.add(int(owner[x]))
            out[int(owner[x])] = []
        out[home].append(x)
        joined.add(home)
    return [sorted(c) for c in out if len({int(dept[m]) for m in c}) > 1]


def attach_voted(
    clusters: list[list[int]],
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    dept: np.ndarray,
    *,
    threshold: float,
    floor: float,
    share: float,
    votes: int = 2,
    action: np.ndarray | None = None,
    mean_floor: float = 0.0,
    complete: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
) -> list[list[int]]:
    """Attach unclustered activities whose partners in most departments vote for one cluster.

    Mean linkage over a large, varied cluster (forms of many procedures, identity checks
    under many labels) dilutes an activity's evidence: it resembles some members well and
    the rest moderately. Here each unclustered activity asks its best partner in every
    other department (``pairs``: item indices ``i``, ``j`` and scores); partners scoring
    ``floor`` or more vote for their cluster (or for none). The activity joins the cluster
    with the most votes when that cluster has at least ``votes`` of them and at least
    ``share`` of all votes cast, no other cluster ties it, and at least one vote reaches
    ``threshold`` (one strong link, not only moderate ones) or the activity is as
    coherent with the cluster as its members are (below). The cluster must also be
    one the activity resembles as a whole: its mean score with the cluster's members of
    other departments (unscored pairs count 0) reaches ``mean_floor``, and its kind of
    action (``action``: code per item, ``-1`` for none) is one that a member already takes
    (an answer to an inquiry does not join the inquiries; a step naming no action does
    not join a cluster of filings). A cluster that holds a member of the activity's
    department takes it only when it already holds several activities of one
    department, as in :func:`attach_consistent`. Activities are judged against the
    clusters as they were (attachments do not vote in the same call; calling again lets
    them). Without a vote at ``threshold``, the activity must resemble the cluster as a
    whole at least as much as its least coherent member does: the activity's best score
    in each department of the cluster, averaged over those departments, reaches that
    member's (an identity check under an unusual label whose partners all score a little
    under the threshold, in a cluster that already holds such members). With ``complete``
    (item indices ``i``, ``j`` → confidences), an activity's pairs with the members of
    each cluster where it has a partner at ``threshold`` are scored first when ``pairs``
    lacks them (left out by candidate blocking).

    Examples
    --------
    >>> import numpy as np
    >>> dept = np.array([0, 1, 2, 3])
    >>> pairs = (np.array([0, 0, 1, 1, 2]), np.array([3, 3, 2, 3, 3]),
    ...          np.array([0.0, 0.0, 0.9, 0.6, 0.35]))
    >>> attach_voted([[1, 2]], pairs, dept, threshold=0.5, floor=0.3, share=2 / 3)
    [[1, 2, 3]]
    >>> attach_voted([[1, 2]], pairs, dept, threshold=0.5, floor=0.3, share=2 / 3,
    ...              action=np.array([-1, 0, 0, 1]))
    [[1, 2]]
    """
    if not clusters:
        return clusters
    owner = _owners(clusters, len(dept))
    if complete is not None:
        pairs = _completed(pairs, _anchored(clusters, pairs, owner, dept, threshold), complete)
    pi, pj, ps = pairs
    loose = (owner[pi] < 0) | (owner[pj] < 0)
    # best partner per department of each unclustered activity, among those that can vote
    best: dict[int, dict[int, tuple[float, int]]] = {}
    lone = (owner < 0).tolist()
    strong = np.flatnonzero(loose & (ps >= floor))
    for a, b, s in zip(pi[strong].tolist(), pj[strong].tolist(), ps[strong].tolist(), strict=True):
        for x, y in ((a, b), (b, a)):
            if not lone[x]:
                continue
            slot = best.setdefault(x, {})
            d = int(dept[y])
            if d not in slot or (s, -y) > (slot[d][0], -slot[d][1]):
                slot[d] = (s, y)
    asked = np.asarray(sorted(best), dtype=np.int64)
    mine = np.flatnonzero(loose & (np.isin(pi, asked) | np.isin(pj, asked)))
    score = {
        (min(a, b), max(a, b)): s
        for a, b, s in zip(pi[mine].tolist(), pj[mine].tolist(), ps[mine].tolist(), strict=True)
    }
    out = [list(c) for c in clusters]
    width = int(dept.max()) + 1
    weakest = _least_coherent(clusters, pairs, owner, dept)
    for x in sorted(best):
        voters = list(best[x].values())
        tally: dict[int, int] = {}
        for _, y in voters:
            tally[int(owner[y])] = tally.get(int(owner[y]), 0) + 1
        ranked = sorted(((n, c) for c, n in tally.items() if c >= 0), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            continue
        n, home = ranked[0]
        if n < votes or n < share * len(voters):
            continue
        counts = np.bincount(dept[clusters[home]], minlength=width)
        if counts[int(dept[x])] > 0 and counts.max() < 2:
            continue
        if action is not None and int(action[x]) not in set(action[clusters[home]].tolist()):
            continue
        others = [m for m in clusters[home] if dept[m] != dept[x]]
        mean = sum(score.get((min(x, m), max(x, m)), 0.0) for m in others) / max(len(others), 1)
        if mean < mean_floor:
            continue
        if max(s for s, _ in voters) < threshold:
            # no strong link: the activity must resemble the cluster as a whole at least
            # as much as its least coherent member does
            best_of: dict[int, float] = {}
            for m in others:
                d = int(dept[m])
                best_of[d] = max(best_of.get(d, 0.0), score.get((min(x, m), max(x, m)), 0.0))
            if sum(best_of.values()) / max(len(best_of), 1) < weakest[home]:
                continue
        out[home].append(x)
    return [sorted(c) for c in out if len({int(dept[m]) for m in c}) > 1]


def _least_coherent(
    clusters: list[list[int]],
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    owner: np.ndarray,
    dept: np.ndarray,
) -> np.ndarray:
    """Per cluster, the lowest coherence of a member: its best score in each other
    department of the cluster, averaged over those departments (unscored pairs count 0)."""
    pi, pj, ps = pairs
    width = int(dept.max()) + 1 if len(dept) else 1
    inside = (owner[pi] >= 0) & (owner[pi] == owner[pj]) & (dept[pi] != dept[pj])
    a = np.r_[pi[inside], pj[inside]]
    b = np.r_[pj[inside], pi[inside]]
    s = np.r_[ps[inside], ps[inside]]
    best = np.zeros((len(dept), width))
    np.maximum.at(best, (a, dept[b]), s)
    out = np.zeros(len(clusters))
    for c, members in enumerate(clusters):
        idx = np.asarray(members, dtype=np.int64)
        present = np.zeros(width, dtype=bool)
        present[dept[idx]] = True
        others = present.sum() - 1
        if others <= 0:
            continue
        total = (best[idx] * present[None, :]).sum(axis=1)
        out[c] = float((total / others).min())
    return out


def _anchored(
    clusters: list[list[int]],
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    owner: np.ndarray,
    dept: np.ndarray,
    threshold: float,
) -> list[tuple[int, int]]:
    """Pairs ``(x, m)`` of each unclustered activity ``x`` with every member ``m`` (of
    another department) of the clusters where ``x`` has a partner at ``threshold``."""
    pi, pj, ps = pairs
    homes: dict[int, set[int]] = {}
    for a, b, s in zip(pi.tolist(), pj.tolist(), ps.tolist(), strict=True):
        if s < threshold:
            continue
        for x, y in ((a, b), (b, a)):
            if owner[x] < 0 <= owner[y]:
                homes.setdefault(x, set()).add(int(owner[y]))
    return [
        (min(x, m), max(x, m))
        for x in sorted(homes)
        for c in sorted(homes[x])
        for m in clusters[c]
        if dept[m] != dept[x]
    ]


def _completed(
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    wanted: list[tuple[int, int]],
    complete: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``pairs`` plus the ``wanted`` pairs ``(i, j)``, ``i < j``, they lack, scored by
    ``complete`` (candidate blocking or the partner limit may have left them out)."""
    pi, pj, ps = pairs
    if not wanted:
        return pairs
    want = np.asarray(wanted, dtype=np.int64).reshape(-1, 2)
    n = int(max(want.max(), pi.max(initial=0), pj.max(initial=0))) + 1
    have = np.minimum(pi, pj).astype(np.int64) * n + np.maximum(pi, pj)
    missing = np.setdiff1d(want[:, 0] * n + want[:, 1], have)  # sorted, unique
    if not len(missing):
        return pairs
    mi, mj = missing // n, missing % n
    return np.r_[pi, mi], np.r_[pj, mj], np.r_[ps, complete(mi, mj)]


def _joined(clusters: list[list[int]], joins: list[tuple[int, int]]) -> list[list[int]]:
    """``clusters`` with each ``(x, y)`` of ``joins`` (disjoint) merged into ``x``."""
    clusters = list(clusters)
    for x, y in joins:
        clusters[x] = sorted(clusters[x] + clusters[y])
    drop = {y for _, y in joins}
    return [c for n, c in enumerate(clusters) if n not in drop]


def _owners(clusters: list[list[int]], n: int) -> np.ndarray:
    """Cluster number of each of ``n`` items (-1 outside every cluster)."""
    owner = np.full(n, -1, dtype=np.int64)
    for c, members in enumerate(clusters):
        owner[members] = c
    return owner


def _cross_cluster(
    clusters: list[list[int]], pairs: tuple[np.ndarray, np.ndarray, np.ndarray], n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The owners of ``n`` items (:func:`_owners`), the clusters of both ends of each pair,
    and where a pair links two different clusters."""
    pi, pj, _ = pairs
    owner = _owners(clusters, n)
    ca, cb = owner[pi], owner[pj]
    return owner, ca, cb, (ca >= 0) & (cb >= 0) & (ca != cb)


def _per_cross_pair(link: np.ndarray, comp: np.ndarray) -> np.ndarray:
    """Summed links between clusters (one direction each) divided by the number of their
    cross-department pairs of units (``comp``: clusters × departments, units per
    department), made symmetric, 0 on the diagonal."""
    link = link + link.T
    sizes = comp.sum(axis=1)
    cross = np.outer(sizes, sizes) - comp @ comp.T
    with np.errstate(invalid="ignore", divide="ignore"):
        link = np.where(cross > 0, link / cross, 0.0)
    np.fill_diagonal(link, 0.0)
    return link


def _mean_links(
    clusters: list[list[int]],
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    dept: np.ndarray,
) -> np.ndarray:
    """Mean cross-department score between every two clusters (unscored pairs count 0;
    0 on the diagonal)."""
    ps = pairs[2]
    k = len(clusters)
    comp = np.zeros((k, int(dept.max()) + 1 if len(dept) else 1))
    for c, members in enumerate(clusters):
        np.add.at(comp[c], dept[members], 1.0)
    _, ca, cb, ok = _cross_cluster(clusters, pairs, len(dept))
    link = np.zeros((k, k))
    np.add.at(link, (ca[ok], cb[ok]), ps[ok])
    link = _per_cross_pair(link, comp)
    return link


def _department_links(
    clusters: list[list[int]],
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    dept: np.ndarray,
    most: int = SAME_TASK_MEMBERS,
) -> np.ndarray:
    """Mean over the department pairs of every two clusters of the best score between
    their members of those departments (unscored pairs count 0; 0 on the diagonal).

    A department with two members in one cluster (the identity check of the filer and
    that of the visitor's document) is one department's work: its weaker member does not
    dilute the link, as it does in :func:`_mean_links`. Where either cluster holds more
    than ``most`` members of one department (forms of several procedures), the link is the
    plain mean of :func:`_mean_links`: the best of many members would let a large group
    take in every group that resembles one of them.
    """
    pi, pj, ps = pairs
    k = len(clusters)
    width = int(dept.max()) + 1 if len(dept) else 1
    comp = np.zeros((k, width))
    crowded = np.zeros(k, dtype=bool)
    for c, members in enumerate(clusters):
        comp[c, dept[members]] = 1.0
        crowded[c] = np.bincount(dept[members]).max() > most
    _, ca, cb, ok = _cross_cluster(clusters, pairs, len(dept))
    ca, cb, ps = ca[ok], cb[ok], ps[ok]
    da, db = dept[pi[ok]], dept[pj[ok]]
    swap = ca > cb
    ca, cb = np.where(swap, cb, ca), np.where(swap, ca, cb)
    da, db = np.where(swap, db, da), np.where(swap, da, db)
    key = ((ca * width + da) * k + cb) * width + db
    uniq, inverse = np.unique(key, return_inverse=True)
    best = np.zeros(len(uniq))
    np.maximum.at(best, inverse, ps)
    x = uniq // width // width // k
    y = uniq // width % k
    link = np.zeros((k, k))
    np.add.at(link, (x, y), best)
    link = _per_cross_pair(link, comp)
    if crowded.any():
        plain = crowded[:, None] | crowded[None, :]
        link = np.where(plain, _mean_links(clusters, pairs, dept), link)
    return link


def _strong_links(
    clusters: list[list[int]],
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    dept: np.ndarray,
    threshold: float,
) -> np.ndarray:
    """Clusters × clusters: True where some cross pair scores ``threshold`` or more."""
    k = len(clusters)
    _, ca, cb, cross = _cross_cluster(clusters, pairs, len(dept))
    ok = cross & (pairs[2] >= threshold)
    out = np.zeros((k, k), dtype=bool)
    out[ca[ok], cb[ok]] = True
    return out | out.T


def merge_same_kind(
    clusters: list[list[int]],
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    dept: np.ndarray,
    action: np.ndarray,
    fields: sparse.spmatrix,
    *,
    floor: float,
    threshold: float | None = None,
    complete: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
) -> list[list[int]]:
    """Join clusters that do one kind of step on the same data.

    Pairwise evidence can keep two halves of one task apart when their labels share
    nothing and their steps sit in different places (an address check on the day vs one
    in the back office; keying the whole record vs keying only a changed address). As
    groups they agree in two ways a single pair may not show: every member takes the same
    kind of action (``action``: code per item, ``-1`` for none; see
    :data:`procmine.text.normalize.ACTIONS`) and some common field is filled by every
    member of both (``fields``: items × common fields). Two such clusters are joined when
    each is the other's best partner among the clusters that agree with it this way and
    their mean cross-department score (``pairs``: item indices ``i``, ``j`` and scores;
    unscored pairs count 0) reaches ``floor``. With ``threshold``, they must also share one
    cross pair scoring that much (one strong link, not only a shared kind of work). With
    ``complete`` (item indices ``i``, ``j`` → confidences), the cross pairs of agreeing
    clusters that ``pairs`` lacks (left out by candidate blocking) are scored first.
    Repeats until stable.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> dept = np.array([0, 1, 2, 3])
    >>> action = np.array([0, 0, 0, 0])
    >>> fields = sparse.csr_matrix(np.ones((4, 1)))
    >>> pairs = (np.array([0, 0, 1]), np.array([1, 2, 3]), np.array([0.9, 0.3, 0.9]))
    >>> merge_same_kind([[0, 1], [2, 3]], pairs, dept, action, fields, floor=0.1)
    [[0, 1, 2, 3]]
    >>> merge_same_kind([[0, 1], [2, 3]], pairs, dept, np.array([0, 0, 1, 1]), fields,
    ...                 floor=0.1)
    [[0, 1], [2, 3]]
    """
    from scipy import sparse

    fmat = sparse.csr_matrix(fields, dtype=float)
    clusters = [sorted(c) for c in clusters]
    while len(clusters) > 1:
        members = np.concatenate([np.asarray(c, dtype=np.int64) for c in clusters])
        sizes = np.array([len(c) for c in clusters], dtype=np.int64)
        starts = np.r_[0, np.cumsum(sizes)[:-1]]
        low = np.minimum.reduceat(action[members], starts)
        kinds = np.where(low == np.maximum.reduceat(action[members], starts), low, -1)
        # fields filled by every member of a cluster (clusters × fields)
        which = sparse.csr_matrix(
            (np.ones(len(members)), (np.repeat(np.arange(len(clusters)), sizes), members)),
            shape=(len(clusters), fmat.shape[0]),
        )
        full = sparse.csr_matrix((which @ fmat).toarray() >= sizes[:, None], dtype=float)
        shared = (full @ full.T).toarray() > 0
        agree = shared & (kinds[:, None] == kinds[None, :]) & (kinds[:, None] >= 0)
        np.fill_diagonal(agree, False)
        if threshold is not None:
            agree &= _strong_links(clusters, pairs, dept, threshold)
        if complete is not None:
            wanted = [
                (min(a, b), max(a, b))
                for x, y in zip(*np.nonzero(np.triu(agree)), strict=True)
                for a in clusters[x]
                for b in clusters[y]
                if dept[a] != dept[b]
            ]
            pairs = _completed(pairs, wanted, complete)
        link = np.where(agree, _mean_links(clusters, pairs, dept), -1.0)
        best = link.argmax(axis=1)
        joins: list[tuple[int, int]] = []
        for x in range(len(clusters)):
            y = int(best[x])
            if x < y and int(best[y]) == x and agree[x, y] and link[x, y] >= floor:
                joins.append((x, y))  # mutual best pairs are disjoint
        if not joins:
            break
        clusters = _joined(clusters, joins)
    return clusters


def drop_incoherent(
    clusters: list[list[int]],
    fields: sparse.spmatrix,
    dept: np.ndarray,
    *,
    share: float,
    min_others: int,
) -> list[list[int]]:
    """Take out of each cluster the activities that record data but not the data the
    cluster is about.

    A large cluster whose members nearly all fill one common field (the resident's
    address) is work on that data: the forms on which residents write their address.
    An activity that records common data but not that field (``fields``: items × common
    fields) resembles the members in label, action and role only: taking in a filing
    that records no address is not one more copy of the address form. A field is the
    cluster's when at least ``share`` of the activity's fellow members fill it (at least
    ``min_others`` of them) and so does a fellow member of its own department: a
    department whose columns were matched to other fields lacks the field in all its
    steps, which says nothing about any one of them. Activities that record no common
    data are kept (their logs may not show it).

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> fields = sparse.csr_matrix(np.array([[1, 1], [1, 0], [1, 1], [1, 0], [0, 1], [0, 0]]))
    >>> dept = np.array([0, 1, 2, 3, 0, 4])
    >>> drop_incoherent([[0, 1, 2, 3, 4, 5]], fields, dept, share=0.75, min_others=4)
    [[0, 1, 2, 3, 5]]
    >>> drop_incoherent([[0, 1, 2, 3, 4, 5]], fields, np.arange(6), share=0.75, min_others=4)
    [[0, 1, 2, 3, 4, 5]]
    """
    from scipy import sparse

    fmat = sparse.csr_matrix(fields, dtype=float)
    has = np.asarray(fmat.sum(axis=1)).ravel() > 0
    out: list[list[int]] = []
    for members in clusters:
        idx = np.asarray(members, dtype=np.int64)
        if len(idx) - 1 < min_others or not fmat.shape[1]:
            out.append(sorted(members))
            continue
        rows = fmat[idx].toarray() > 0  # members × fields
        total = rows.sum(axis=0)
        others = (total[None, :] - rows) / (len(idx) - 1)  # share among fellow members
        codes = dept[idx]
        same = np.zeros_like(rows, dtype=np.int64)
        for d in np.unique(codes):
            mine = codes == d
            same[mine] = rows[mine].sum(axis=0)[None, :] - rows[mine]
        core = (others >= share) & (same > 0)
        drop = has[idx] & np.any(core & ~rows, axis=1)
        keep = sorted(idx[~drop].tolist())
        if len(set(dept[keep].tolist())) > 1:
            out.append(keep)
    return out
