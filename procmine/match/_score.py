"""The scoring core: evidence that two activities of different departments are one task.

Every signal is a similarity in [0, 1] with a weight; a signal that is unknown for a pair
(no durations in a process model, no data fields) is left out of the weighted mean
rather than counted as zero.

label
    TF-IDF cosine of word terms plus Sudachi synonym groups, averaged with the cosine of
    character n-grams. Inverse document frequency is taken over all activities being
    matched, so a word that many activities share (確認, 受付, 交付, 通知, "send") weighs
    little and a shared generic word is weak evidence.
fields
    Mean of the Jaccard index and the containment of the data fields filled, counting only
    fields that several departments capture. Its weight grows with the information (IDF)
    in the two field sets: two activities both filling a rare field (本人確認書類) are
    strong evidence, both filling only 住所 is weak; filling different rare fields is
    strong counter-evidence.
performer
    The same performer class is evidence in proportion to the rarity of the class (two
    resident-performed steps say more than two staff steps); different classes remove
    ``performer_penalty`` of the score.
duration
    ``exp(-|log((1 + m_a) / (1 + m_b))|)`` of the median minutes, only where both maps
    measured handling time from an end column; very different times remove up to
    ``duration_penalty`` of the score.
context
    One round of similarity propagation: for predecessors (and successors) as weight
    distributions, each neighbour's best score (without context) among the other
    activity's neighbours, averaged both ways; the virtual start and end match each
    other.
cooccurrence
    Optional share of cases or visits in which both activities occur.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from procmine.match._profile import Item

#: Fields information (nats, mean of the two sets) at which the field signal gets full weight.
FIELD_INFO_FULL = 2.0


@dataclass(frozen=True)
class MatchWeights:
    """Weights of the evidence combined into a match score (a weighted mean).

    Agreement signals are averaged (each with its weight, left out when unknown); the
    mean is then multiplied by the penalties for counter-evidence.

    Attributes
    ----------
    label : float, default 1.0
        Label similarity (always present).
    fields : float, default 2.0
        Data fields filled, scaled by how informative the two field sets are.
    performer : float, default 1.0
        Same performer class, scaled by how rare the class is (two resident-performed
        steps say more than two staff steps).
    context : float, default 0.6
        Similar predecessors and successors (and start / end position).
    cooccurrence : float, default 0.3
        Co-occurrence in the same cases or visits, when given.
    performer_penalty : float, default 0.3
        Share of the score removed when the performer classes differ.
    duration_penalty : float, default 0.3
        Share removed at totally different median handling times (scaled by
        ``1 - duration similarity``).
    word_share : float, default 0.7
        Share of word terms (vs. character n-grams) in the label similarity.
    """

    label: float = 1.0
    fields: float = 2.0
    performer: float = 1.0
    context: float = 0.6
    cooccurrence: float = 0.3
    performer_penalty: float = 0.3
    duration_penalty: float = 0.3
    word_share: float = 0.7


def _idf(df: np.ndarray, n: int) -> np.ndarray:
    out: np.ndarray = np.log((n + 1.0) / (df + 1.0)) + 0.2
    return out


def _matrix(docs: Sequence[Sequence[str]]) -> tuple[object, np.ndarray]:
    """Row-normalised TF-IDF (binary tf) CSR matrix and document frequencies."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for r, doc in enumerate(docs):
        for term in dict.fromkeys(doc):
            rows.append(r)
            cols.append(vocab.setdefault(term, len(vocab)))
    n = len(docs)
    df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(vocab)).astype(float)
    idf = _idf(df, n)
    data = idf[np.asarray(cols, dtype=np.int64)] if cols else np.zeros(0)
    mat = sparse.csr_matrix((data, (rows, cols)), shape=(n, len(vocab)), dtype=float)
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    normed = sparse.diags(1.0 / norms) @ mat
    return normed.tocsr(), df


def _rowdot(mat: object, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    if len(i) == 0:
        return np.zeros(0)
    prod = mat[i].multiply(mat[j])  # type: ignore[index]
    return np.asarray(prod.sum(axis=1)).ravel()


class Scorer:
    """Vectorised similarity of item pairs; built once per matching run."""

    def __init__(
        self,
        items: list[Item],
        weights: MatchWeights,
        cooccurrence: dict[tuple[int, int], float] | None = None,
    ) -> None:
        from scipy import sparse

        self.items = items
        self.w = weights
        self.n = len(items)
        self.words, self.word_df = _matrix([it.terms.words + it.terms.synonyms for it in items])
        self.grams, self.gram_df = _matrix([it.terms.grams for it in items])
        self.norm = [it.terms.normalized for it in items]
        codes = {d: k for k, d in enumerate(sorted({it.department for it in items}))}
        self.dept = np.array([codes[it.department] for it in items], dtype=np.int64)
        # fields: binary matrix, IDF over the activities that fill any field
        fvocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        # only fields that several departments capture can make two departments' work
        # the same; a department's own fields (障害名, 学校名) say nothing either way
        depts_of: dict[str, set[str]] = {}
        for it in items:
            for f in it.fields:
                depts_of.setdefault(f, set()).add(it.department)
        shared_fields = {f for f, ds in depts_of.items() if len(ds) > 1}
        for r, it in enumerate(items):
            for f in sorted(it.fields & shared_fields):
                rows.append(r)
                cols.append(fvocab.setdefault(f, len(fvocab)))
        self.field_names = sorted(fvocab, key=fvocab.__getitem__)
        fdf = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(fvocab)).astype(float)
        self.field_idf = _idf(fdf, self.n)
        self.fields = sparse.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(self.n, len(fvocab)), dtype=float
        )
        self.field_df = fdf
        self.field_info = (
            np.asarray(self.fields @ self.field_idf).ravel() if len(fvocab) else np.zeros(self.n)
        )
        self.has_fields = np.array([bool(it.fields & shared_fields) for it in items])
        self.field_count = np.asarray(self.fields.sum(axis=1)).ravel()
        self.any_fields = bool(self.has_fields.any())
        perf = sorted({it.performer for it in items if it.performer})
        pcode = {p: k for k, p in enumerate(perf)}
        self.performer = np.array(
            [pcode[it.performer] if it.performer else -1 for it in items], dtype=np.int64
        )
        known = self.performer[self.performer >= 0]
        counts = np.bincount(known, minlength=len(perf)).astype(float)
        with np.errstate(divide="ignore"):
            self.perf_info = (
                np.log(max(1, len(known)) / np.maximum(counts, 1.0)) if len(perf) else np.zeros(1)
            )
        self.median = np.array(
            [it.median if it.median is not None else np.nan for it in items], dtype=float
        )
        self.cooc = cooccurrence or {}

    # ------------------------------------------------------------------ signals

    def label(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        ws = self.w.word_share
        words = _rowdot(self.words, i, j)
        sim = ws * words + (1 - ws) * _rowdot(self.grams, i, j)
        same = np.array([self.norm[a] == self.norm[b] for a, b in zip(i, j, strict=True)], bool)
        sim = np.where(same, 1.0, sim)
        return np.clip(sim, 0.0, 1.0)

    def field(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Field similarity and its evidence strength (0 when unknown)."""
        if not self.any_fields or len(i) == 0:
            return np.full(len(i), np.nan), np.zeros(len(i))
        info_i, info_j = self.field_info[i], self.field_info[j]
        shared = np.asarray(
            (self.fields[i].multiply(self.fields[j])).sum(axis=1)  # type: ignore[index]
        ).ravel()
        ci, cj = self.field_count[i], self.field_count[j]
        union = ci + cj - shared
        smaller = np.minimum(ci, cj)
        with np.errstate(invalid="ignore", divide="ignore"):
            jaccard = np.where(union > 0, shared / union, np.nan)
            contained = np.where(smaller > 0, shared / smaller, 0.0)
        sim = (jaccard + contained) / 2.0
        both = self.has_fields[i] & self.has_fields[j]
        one = self.has_fields[i] ^ self.has_fields[j]
        strength = np.minimum(1.0, (info_i + info_j) / 2.0 / FIELD_INFO_FULL)
        strength = np.where(both, strength, np.where(one, 0.5 * strength, 0.0))
        sim = np.where(both | one, np.nan_to_num(sim), np.nan)
        return sim, strength

    def signals(
        self, i: np.ndarray, j: np.ndarray, *, context: bool = True
    ) -> dict[str, np.ndarray]:
        """All signals and the combined score for pairs ``(i[k], j[k])``."""
        w = self.w
        lab = self.label(i, j)
        fsim, fstr = self.field(i, j)
        pi, pj = self.performer[i], self.performer[j]
        perf_known = (pi >= 0) & (pj >= 0)
        perf = np.where(perf_known, (pi == pj).astype(float), np.nan)
        mi, mj = self.median[i], self.median[j]
        with np.errstate(invalid="ignore"):
            dur = np.exp(-np.abs(np.log1p(np.maximum(mi, 0)) - np.log1p(np.maximum(mj, 0))))
        cooc = (
            np.array(
                [
                    self.cooc.get((a, b), self.cooc.get((b, a), np.nan))
                    for a, b in zip(i, j, strict=True)
                ],
                dtype=float,
            )
            if self.cooc
            else np.full(len(i), np.nan)
        )
        # performer agreement is evidence in proportion to how rare the class is
        perf_strength = np.where(
            perf == 1.0,
            np.minimum(1.0, self.perf_info[np.maximum(pi, 0)] / FIELD_INFO_FULL),
            0.0,
        )
        num = w.label * lab
        den = np.full(len(i), w.label)
        for sim, weight in (
            (fsim, w.fields * fstr),
            (np.where(perf == 1.0, 1.0, np.nan), w.performer * perf_strength),
            (cooc, np.full(len(i), w.cooccurrence)),
        ):
            ok = ~np.isnan(sim)
            num = num + np.where(ok, weight * np.nan_to_num(sim), 0.0)
            den = den + np.where(ok, weight, 0.0)
        ctx = np.full(len(i), np.nan)
        if context and len(i):
            ctx = self.context(i, j)
            ok = ~np.isnan(ctx)
            num = num + np.where(ok, w.context * np.nan_to_num(ctx), 0.0)
            den = den + np.where(ok, w.context, 0.0)
        # a different performer or a very different handling time is counter-evidence
        penalty = np.where(perf == 0.0, 1.0 - w.performer_penalty, 1.0)
        penalty = penalty * np.where(
            np.isnan(dur), 1.0, 1.0 - w.duration_penalty * (1.0 - np.nan_to_num(dur))
        )
        num = num * penalty
        return {
            "score": num / den,
            "label_similarity": lab,
            "field_similarity": np.where(fstr > 0, fsim, np.nan),
            "field_strength": fstr,
            "performer": perf,
            "duration_similarity": dur,
            "context_similarity": ctx,
            "cooccurrence": cooc,
        }

    def context(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Neighbourhood similarity from one round of propagation of ``content``."""
        items = self.items
        need: set[tuple[int, int]] = set()
        for a, b in zip(i, j, strict=True):
            for side_a, side_b in (
                (items[a].preds, items[b].preds),
                (items[a].succs, items[b].succs),
            ):
                for p in side_a:
                    if p < 0:
                        continue
                    for q in side_b:
                        if q >= 0:
                            need.add((p, q))
        keys = sorted(need)
        if keys:
            arr = np.array(keys, dtype=np.int64)
            vals = self.signals(arr[:, 0], arr[:, 1], context=False)["score"]
            sim = dict(zip(keys, vals.tolist(), strict=True))
        else:
            sim = {}

        def m(p: int, q: int) -> float:
            if p < 0 or q < 0:
                return 1.0 if p == q else 0.0
            return sim[(p, q)]

        out = np.full(len(i), np.nan)
        for k, (a, b) in enumerate(zip(i, j, strict=True)):
            sides = []
            for da, db in ((items[a].preds, items[b].preds), (items[a].succs, items[b].succs)):
                if not da or not db:
                    if da or db:
                        sides.append(0.0)
                    continue
                fwd = sum(wp * max(m(p, q) for q in db) for p, wp in da.items())
                bwd = sum(wq * max(m(p, q) for p in da) for q, wq in db.items())
                sides.append((fwd + bwd) / 2.0)
            if sides:
                out[k] = sum(sides) / len(sides)
        return out


def describe(
    items: list[Item],
    a: int,
    b: int,
    sig: dict[str, float],
) -> str:
    """One readable sentence of the evidence for a pair."""
    parts: list[str] = []
    fa, fb = items[a].fields, items[b].fields
    shared = sorted(fa & fb)
    if shared:
        parts.append("same fields: " + " ".join(shared))
    if fa ^ fb and (fa or fb):
        only = sorted(fa ^ fb)
        parts.append("fields differ: " + " ".join(only[:6]) + (" …" if len(only) > 6 else ""))
    pa, pb = items[a].performer, items[b].performer
    if pa and pb:
        if pa == pb:
            parts.append(f"both performed by {_PERFORMER_PLURAL.get(pa, pa)}")
        else:
            parts.append(f"performed by {pa} vs {pb}")
    ma, mb = items[a].median, items[b].median
    if ma is not None and mb is not None:
        parts.append(f"median {_minutes(ma)} vs {_minutes(mb)} min")
    ctx = sig.get("context_similarity", math.nan)
    if not math.isnan(ctx):
        parts.append(f"neighbours {ctx:.2f}")
    parts.append(f"label {sig['label_similarity']:.2f}")
    return "; ".join(parts)


_PERFORMER_PLURAL = {
    "resident": "residents",
    "staff": "staff",
    "system": "the system",
    "external": "external parties",
}


def _minutes(x: float) -> str:
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}"
