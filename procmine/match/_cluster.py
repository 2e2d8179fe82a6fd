"""Candidate blocking and N-way clustering of matched activities."""

from __future__ import annotations

import heapq
from collections.abc import Callable

import numpy as np

from procmine.match._score import Scorer

#: Terms (and fields) shared by more activities than this are not used to block pairs.
MAX_BLOCK_DF = 50
#: Minimum overlap (partial cosine of the rarer terms) for a label-blocked candidate.
BLOCK_FLOOR = 0.1
#: Score difference within which a second partner in the same department is still kept.
ONE_TO_ONE_TOLERANCE = 0.02
#: Components larger than this are clustered from the scored candidate pairs only.
MAX_DENSE_COMPONENT = 400


def block(scorer: Scorer) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs ``i < j`` in different departments, from an inverted index.

    A pair is a candidate when its labels share rare terms or character n-grams whose
    partial cosine reaches :data:`BLOCK_FLOOR`, when the normalised labels are equal, or
    when both fill a rare data field. Terms used by more than ``max(MAX_BLOCK_DF, 1 % of
    the activities)`` activities are too generic to block on.
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
    sim = (wb @ wb.T) * ws + (gb @ gb.T) * (1 - ws)
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


def one_to_one(
    scored: list[tuple[tuple[int, int], float]],
    dept: np.ndarray,
    *,
    tolerance: float,
) -> list[tuple[int, int]]:
    """Greedy max-weight one-to-one edges per pair of departments.

    Pairs are taken best first; a pair is kept when neither activity already has a
    partner in the other's department, or when its score is within ``tolerance`` of that
    partner's (near ties stay, so a department may hold several members of a cluster).
    Clusters are seeded from these edges only, so an activity is not pulled towards a
    second-best counterpart whose own best match lies elsewhere.
    """
    best: dict[tuple[int, int], float] = {}
    kept: list[tuple[int, int]] = []
    for (a, b), s in sorted(scored, key=lambda kv: (-kv[1], kv[0])):
        ka, kb = (a, int(dept[b])), (b, int(dept[a]))
        ok_a = ka not in best or s >= best[ka] - tolerance
        ok_b = kb not in best or s >= best[kb] - tolerance
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
) -> list[list[int]]:
    """Agglomerative clustering: merge while the mean cross-department score ≥ threshold.

    ``score(a, b)`` gives the score of a cross-department pair (``None`` = not scored,
    counted as 0). Pairs within one department do not count, so a cluster may hold
    several activities of one department when each resembles the others' counterparts.
    Mean linkage keeps chains of pairwise-similar but mutually different activities apart.
    """
    clusters: dict[int, list[int]] = {k: [m] for k, m in enumerate(members)}
    sums: dict[tuple[int, int], float] = {}
    counts: dict[tuple[int, int], int] = {}
    for x in range(len(members)):
        for y in range(x + 1, len(members)):
            a, b = members[x], members[y]
            if dept[a] == dept[b]:
                continue
            s = score(a, b)
            sums[(x, y)] = s if s is not None else 0.0
            counts[(x, y)] = 1
    heap = [(-sums[k] / counts[k], k) for k in sums]
    heapq.heapify(heap)
    alive = set(clusters)
    while heap:
        neg, key = heapq.heappop(heap)
        x, y = key
        if x not in alive or y not in alive or key not in sums:
            continue
        current = sums[key] / counts[key]
        if abs(current + neg) > 1e-12:
            continue  # stale entry
        if current < threshold:
            break
        clusters[x].extend(clusters.pop(y))
        alive.discard(y)
        del sums[key], counts[key]
        for z in sorted(alive):
            if z == x:
                continue
            kxz = (min(x, z), max(x, z))
            kyz = (min(y, z), max(y, z))
            s = sums.pop(kxz, 0.0) + sums.pop(kyz, 0.0)
            c = counts.pop(kxz, 0) + counts.pop(kyz, 0)
            if c:
                sums[kxz], counts[kxz] = s, c
                heapq.heappush(heap, (-s / c, kxz))
    return [sorted(c) for c in clusters.values() if len({int(dept[m]) for m in c}) > 1]
