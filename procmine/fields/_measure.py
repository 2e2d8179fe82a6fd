"""How far the copies of one field have drifted apart, resident by resident.

Every system holding a resident's value is one *voter* (the columns of one export that
hold the parts of a bank account vote together, as one account). Which value is right is
not known — a field may have a real master (住基 for the address) or none (phones,
accounts) — so it is estimated (a one-coin Dawid–Skene model): each voter ``j`` holds the
resident's true value with probability ``a_j`` (its *accuracy*), a wrong voter holds any
given wrong value with probability :data:`COINCIDE`; the probability that each value held
for the resident is the true one follows, and the accuracies are re-estimated from those
probabilities until they settle (a voter that agrees with the others on most residents
— a master — comes out near 1 and outweighs the rest; two voters that disagree with
nothing else to go by split the resident half and half). The authoritative copy (most
complete) starts from a higher accuracy than the others; the data decide the rest.

For one copy and one resident shared with another system, the probability that its value
is the true one is *consistent* — ``exact`` if written as the most accurate other system
holding that value writes it, else ``format_only`` (丁目 vs hyphen, 髙 vs 高, 和暦 vs 西暦)
— and the rest *inconsistent*: ``stale`` when its value is one another system held for
that resident earlier (changed there, not here), or the resident's former value in a column
outside the group whose header says so (前住所, 旧姓: :data:`_FORMER`), else ``conflict``. Counts are sums of
these probabilities (expected numbers of residents).

Addresses: an omitted 方書 is a difference of notation, except in a column that keeps 方書
itself (one in ten of its residents or more has one): there, an address without the 方書
another system holds for a value (in its address, or in a 方書 column of the same export)
does not count as that value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from procmine.text.values import BANK_PARTS, nfkc, split_address

from ._copies import AddressIndex, Codebook, Copy, equal_codes

#: Probability that a wrong copy holds one given wrong value (two stale copies of an
#: address hold the same former address; two wrong phones are often the same mobile).
COINCIDE = 0.5
#: Accuracy a copy (the authoritative copy) is assumed to have before the data speak, and
#: how many residents that assumption weighs.
_PRIOR, _PRIOR_AUTH, _PRIOR_WEIGHT = 0.9, 0.99, 5.0
_ACCURACY = (0.5, 0.999)
_ITERATIONS = 100
#: A voter's accuracy counts as measured when it holds this many residents that two other
#: systems hold too.
_RELIABLE = 10
#: An address column "keeps 方書" when at least this share of its residents have one.
_KEEPS_BUILDING = 0.10
#: Header of a column holding a resident's former value of a field (前住所, 転入前住所, 旧姓,
#: 旧口座, 変更前電話番号, previous address …): a copy holding that value is stale.
_FORMER = re.compile(
    r"前住所|転入前|転居前|変更前|従前|旧(?!字)|\b(?:previous|former|prior|old)\b", re.IGNORECASE
)
#: Header of a column holding only the 方書 (not 建物 alone: 建物所在地 is an address).
_BUILDING_HEADER = re.compile(
    r"方書|建物名|建物・|ビル名|アパート|マンション|部屋|号室|室番号|building|apartment|room"
)


@dataclass
class Counts:
    """Residents of one copy by how their value compares with the other systems' (sums of
    probabilities, see the module docstring).

    ``tied`` counts the compared residents held by one other voter only, with another
    value: nothing in them says which of the two is wrong, so each copy takes the share
    of the blame its accuracy gives it (in ``stale`` or ``conflict``, the rest in
    ``exact`` or ``format_only``).
    """

    compared: int = 0
    exact: float = 0.0
    format_only: float = 0.0
    stale: float = 0.0
    conflict: float = 0.0
    missing: int = 0
    tied: int = 0

    def rate(self, what: str) -> float:
        if not self.compared:
            return float("nan")
        return float(getattr(self, what)) / self.compared


@dataclass
class _Voter:
    """One system's values of the group's field: a copy, or the parts of an account."""

    members: tuple[int, ...]
    keys: np.ndarray
    norm: np.ndarray
    raw: np.ndarray
    prior: float = _PRIOR
    building: np.ndarray | None = None  # whether each resident's address has a 方書


def _text(book: Codebook | None, codes: np.ndarray) -> list[str]:
    if book is None:
        return [""] * len(codes)
    return [book.text[c] if c >= 0 else "" for c in codes.tolist()]


def _merge_parts(copies: list[Copy], members: list[int], norm: Codebook, raw: Codebook) -> _Voter:
    """The columns of one export holding parts of an account, as whole accounts."""
    keys = np.unique(np.concatenate([copies[i].keys for i in members]))
    parts = [[""] * len(BANK_PARTS) for _ in range(len(keys))]
    raws = [[] for _ in range(len(keys))]  # type: list[list[str]]
    for i in sorted(members, key=lambda k: copies[k].column):
        c = copies[i]
        pos = np.searchsorted(keys, c.keys)
        for p, n, r in zip(pos.tolist(), _text(norm, c.norm), _text(raw, c.raw), strict=True):
            raws[p].append(r)
            for j, piece in enumerate(n.split("|")[: len(BANK_PARTS)]):
                if piece and not parts[p][j]:
                    parts[p][j] = piece
    joined = np.array(["|".join(x) if any(x) else "" for x in parts], dtype=object)
    codes = norm.encode(joined)
    codes[joined == ""] = -1
    return _Voter(
        tuple(members),
        keys,
        codes,
        raw.encode(np.array([" ".join(x) for x in raws], dtype=object)),
    )


def _has_building(book: Codebook | None, codes: np.ndarray) -> np.ndarray:
    """Whether each normalised address (``street|方書``) holds a 方書 (−1: no address),
    read once per code."""
    if book is None:
        return np.zeros(len(codes), dtype=bool)
    if book.addresses is None:
        book.addresses = AddressIndex()
    return book.addresses.has_building(book.text, codes)


def _normalise_building(value: str) -> str:
    """A 方書 kept in its own column, written as :func:`split_address` writes one."""
    street, building = split_address(value)
    return (street + building) if street or building else ""


def _sibling_buildings(
    copies: list[Copy], members: list[int], raw_books: dict[str, Codebook]
) -> dict[frozenset[tuple[str, str]], tuple[np.ndarray, list[str]]]:
    """Per export: each resident's 方書 from a column holding only the 方書 (an address
    column whose header names the building, outside the group: a 方書 such as
    ``コーポ桜 203`` reads as an address by its shape, so the header decides)."""
    out: dict[frozenset[tuple[str, str]], tuple[np.ndarray, list[str]]] = {}
    inside = {copies[i].ident for i in members}
    for c in copies:
        if c.field_type != "address" or c.ident in inside or not c.units:
            continue
        if not _BUILDING_HEADER.search(nfkc(c.column).casefold()):
            continue
        book = raw_books.get(c.family)
        if book is None:
            texts = [_normalise_building("") for _ in range(len(c.raw))]
        else:  # once per distinct value: every group measured asks again
            texts = book.derived("building", _normalise_building, c.raw)
        out.setdefault(c.units, (c.keys, texts))
    return out


def _voters(
    copies: list[Copy],
    members: list[int],
    auth: int,
    books: dict[str, Codebook],
    raw_books: dict[str, Codebook],
    buildings: dict[frozenset[tuple[str, str]], tuple[np.ndarray, list[str]]],
) -> list[_Voter]:
    by_unit: dict[frozenset[tuple[str, str]], list[int]] = {}
    for i in sorted(members, key=lambda k: copies[k].ident):
        by_unit.setdefault(copies[i].units, []).append(i)
    voters: list[_Voter] = []
    for unit, cols in by_unit.items():
        first = copies[cols[0]]
        if len(cols) > 1 and first.field_type == "bank_account":
            found = [_merge_parts(copies, cols, books[first.family], raw_books[first.family])]
        else:  # (two columns of one export in one group: they vote separately)
            found = [_Voter((i,), copies[i].keys, copies[i].norm, copies[i].raw) for i in cols]
        for voter in found:
            if first.field_type == "address":
                voter.building = _buildings(voter, books.get(first.family), buildings.get(unit))
            if auth in voter.members:
                voter.prior = _PRIOR_AUTH
        voters.extend(found)
    # the authoritative copy first, then the larger ones: the order values are clustered in
    voters.sort(key=lambda v: (-v.prior, -len(v.keys), min(copies[i].ident for i in v.members)))
    return voters


def _buildings(
    voter: _Voter, book: Codebook | None, sibling: tuple[np.ndarray, list[str]] | None
) -> np.ndarray:
    own = _has_building(book, voter.norm)
    if sibling is not None:
        keys, texts = sibling
        ix, iy = np.intersect1d(voter.keys, keys, assume_unique=True, return_indices=True)[1:]
        extra = np.array(texts, dtype=object)[iy] if len(iy) else np.zeros(0, dtype=object)
        fill = ~own[ix]
        own[ix[fill]] = extra[fill] != ""
    return own


def _keeps_building(norm: np.ndarray, book: Codebook | None) -> bool:
    """Whether an address column keeps 方書 itself (see :data:`_KEEPS_BUILDING`)."""
    held = _has_building(book, norm[norm >= 0])
    return bool(len(held)) and int(held.sum()) >= _KEEPS_BUILDING * len(held)


def _history(copy: Copy, keys: np.ndarray, several: bool) -> tuple[np.ndarray, np.ndarray]:
    """Every (resident, value held) pair of ``copy`` for the residents ``keys`` (only those
    with two values or more when ``several``): which position of ``keys`` each pair is
    about, and the value."""
    none = np.zeros(0, dtype=np.int64)
    if not len(copy.hist_keys) or not len(keys):
        return none, none
    lo = np.searchsorted(copy.hist_keys, keys, side="left")
    hi = np.searchsorted(copy.hist_keys, keys, side="right")
    at = np.flatnonzero(hi - lo >= (2 if several else 1))
    if not len(at):
        return none, none
    sizes = (hi - lo)[at]
    pair = np.repeat(at, sizes)
    starts = np.repeat(lo[at] - (np.cumsum(sizes) - sizes), sizes)
    return pair, copy.hist_norm[starts + np.arange(len(pair))]


def _earlier(copy: Copy, keys: np.ndarray, values: np.ndarray, ftype: str,
             book: Codebook | None) -> np.ndarray:  # fmt: skip
    """Whether ``values[i]`` is a value ``copy`` held for resident ``keys[i]`` before its
    latest one."""
    out = np.zeros(len(keys), dtype=bool)
    pair, held = _history(copy, keys, several=True)
    if not len(pair):
        return out
    # the resident's latest value in ``copy`` is not an earlier one
    where = np.searchsorted(copy.keys, keys[pair])
    inside = np.flatnonzero(where < len(copy.keys))
    latest = np.full(len(pair), -1, dtype=np.int64)
    mine = inside[copy.keys[where[inside]] == keys[pair[inside]]]
    latest[mine] = copy.norm[where[mine]]
    has_latest = np.zeros(len(pair), dtype=bool)
    has_latest[mine] = True
    old = ~(has_latest & (held == latest))
    pair, held = pair[old], held[old]
    same = equal_codes(values[pair], held, ftype, book)
    out[pair[same]] = True
    return out


def _ever(copy: Copy, keys: np.ndarray, values: np.ndarray, ftype: str,
          book: Codebook | None) -> np.ndarray:  # fmt: skip
    """Whether ``values[i]`` is a value ``copy`` held for resident ``keys[i]`` at any time."""
    out = np.zeros(len(keys), dtype=bool)
    pair, held = _history(copy, keys, several=False)
    if len(pair):
        out[pair[equal_codes(values[pair], held, ftype, book)]] = True
    return out


def _former_columns(copies: list[Copy], members: list[int], ref: Copy) -> list[int]:
    """Columns outside the group that hold a former value of its field (前住所, 旧姓 …:
    :data:`_FORMER` in the header, the field's type in the values)."""
    inside = set(members)
    return [
        k
        for k, c in enumerate(copies)
        if k not in inside
        and c.family == ref.family
        and c.field_type == ref.field_type
        and len(c.hist_keys)
        and _FORMER.search(c.column)
    ]


def _clusters(
    values: np.ndarray, ftype: str, book: Codebook | None
) -> tuple[np.ndarray, np.ndarray]:
    """Per resident (row), which voters (columns) hold the same value: cluster ids (−1
    where a voter holds none) and each cluster's value (the first voter's)."""
    n, m = values.shape
    ids = np.full((n, m), -1, dtype=np.int64)
    reps = np.full((n, m), -1, dtype=np.int64)
    count = np.zeros(n, dtype=np.int64)
    for j in range(m):
        col = values[:, j]
        open_ = col >= 0
        for k in range(m):
            rows = np.flatnonzero(open_ & (reps[:, k] >= 0))
            if not len(rows):
                continue
            same = equal_codes(col[rows], reps[rows, k], ftype, book)
            ids[rows[same], j] = k
            open_[rows[same]] = False
        rows = np.flatnonzero(open_)
        reps[rows, count[rows]] = col[rows]
        ids[rows, j] = count[rows]
        count[rows] += 1
    return ids, reps


def _patterns(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of ``ids`` and the index of each row among them: residents whose
    voters hold the same clusters have the same posteriors, computed once per pattern."""
    n, m = ids.shape
    if n == 0 or m == 0:
        return ids, np.zeros(n, dtype=np.int64)
    if (m + 1) ** m < 2**62 and ids.min() >= -1 and ids.max() < m:
        # a row as one integer: cluster ids −1 … m−1 are its digits
        weights = (m + 1) ** np.arange(m - 1, -1, -1, dtype=np.int64)
        code = ((ids + 1) * weights).sum(axis=1)
        _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
        return ids[first], inverse.ravel()
    patterns, inverse = np.unique(ids, axis=0, return_inverse=True)
    return patterns, inverse.ravel()


def _posterior(
    ids: np.ndarray,
    accuracy: np.ndarray,
    patterns: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Probability that each cluster holds the resident's true value (``patterns``:
    :func:`_patterns` of ``ids`` when already computed)."""
    distinct, inverse = _patterns(ids) if patterns is None else patterns
    return _posterior_rows(distinct, accuracy)[inverse]


def _posterior_rows(ids: np.ndarray, accuracy: np.ndarray) -> np.ndarray:
    """:func:`_posterior` row by row (each row's result depends on that row only)."""
    n, m = ids.shape
    held = ids >= 0
    good = np.log(accuracy)[None, :]
    bad = np.log((1.0 - accuracy) * COINCIDE)[None, :]
    score = np.full((n, m), -np.inf)
    for k in range(m):
        inside = ids == k
        exists = inside.any(axis=1)
        total = np.where(inside, good, np.where(held, bad, 0.0)).sum(axis=1)
        score[exists, k] = total[exists]
    top = score.max(axis=1, keepdims=True)
    top[~np.isfinite(top)] = 0.0
    weight = np.exp(score - top)
    total = weight.sum(axis=1, keepdims=True)
    total[total == 0] = 1.0
    return np.asarray(weight / total)


def _accuracies(ids: np.ndarray, priors: np.ndarray) -> np.ndarray:
    """Each voter's accuracy.

    Two voters that disagree say nothing about which is right (either could be), so the
    accuracies are first re-estimated from the posteriors of the residents held by three
    voters or more, until they settle (each prior counts as :data:`_PRIOR_WEIGHT` such
    residents). A voter seen with fewer than :data:`_RELIABLE` of them is then fitted to
    how often it agrees with the voters whose accuracy is known (:func:`_from_pairs`).
    """
    accuracy = priors.astype(float).copy()
    several = (ids >= 0).sum(axis=1) >= 3
    sub = ids[several]
    rows = np.arange(len(sub))
    patterns = _patterns(sub)
    for _ in range(_ITERATIONS if len(sub) else 0):
        post = _posterior(sub, accuracy, patterns)
        new = accuracy.copy()
        for j in range(sub.shape[1]):
            held = sub[:, j] >= 0
            right = post[rows[held], sub[held, j]].sum()
            new[j] = (right + _PRIOR_WEIGHT * priors[j]) / (held.sum() + _PRIOR_WEIGHT)
        new = np.clip(new, *_ACCURACY)
        done = np.abs(new - accuracy).max() < 1e-5
        accuracy = new
        if done:
            break
    return _from_pairs(ids, accuracy, (sub >= 0).sum(axis=0))


def _from_pairs(ids: np.ndarray, accuracy: np.ndarray, measured: np.ndarray) -> np.ndarray:
    """Accuracies of the voters seen with too few residents held by three systems, from
    how often they agree with voters whose accuracy is known: two voters of accuracies
    ``a`` and ``b`` agree with probability ``ab + (1 − a)(1 − b)·COINCIDE`` (both right,
    or both wrong the same way)."""
    out = accuracy.copy()
    known = measured >= _RELIABLE
    for x in np.flatnonzero(~known).tolist():
        total = weight = 0.0
        for y in np.flatnonzero(known).tolist():
            both = (ids[:, x] >= 0) & (ids[:, y] >= 0)
            n = int(both.sum())
            if not n:
                continue
            agree = float((ids[both, x] == ids[both, y]).mean())
            b = accuracy[y]
            slope = b - (1.0 - b) * COINCIDE
            if slope <= 0.1:
                continue
            total += n * (agree - (1.0 - b) * COINCIDE) / slope
            weight += n
        if weight:
            seen = float(measured[x]) + _PRIOR_WEIGHT
            estimate = (total + seen * accuracy[x]) / (weight + seen)
            out[x] = float(np.clip(estimate, *_ACCURACY))
    return out


def measure_group(
    copies: list[Copy],
    members: list[int],
    auth: int,
    books: dict[str, Codebook],
    raw_books: dict[str, Codebook],
) -> dict[int, Counts]:
    """Counts of every copy of one group (see the module docstring)."""
    out = {i: Counts(missing=copies[i].missing) for i in members}
    linked = [i for i in members if copies[i].persons]
    if not linked or auth not in members:
        return out
    ref = copies[auth]
    ftype, book = ref.field_type, books.get(ref.family)
    linked = [i for i in linked if copies[i].family == ref.family]
    buildings = _sibling_buildings(copies, members, raw_books)
    voters = _voters(copies, linked, auth, books, raw_books, buildings)
    residents = np.unique(np.concatenate([v.keys for v in voters]))
    values = np.full((len(residents), len(voters)), -1, dtype=np.int64)
    for j, v in enumerate(voters):
        values[np.searchsorted(residents, v.keys), j] = v.norm
    ids, reps = _clusters(values, ftype, book)
    accuracy = _accuracies(ids, np.array([v.prior for v in voters]))
    post = _posterior(ids, accuracy)
    building = np.zeros(values.shape, dtype=bool)
    for j, v in enumerate(voters):
        if v.building is not None:
            building[np.searchsorted(residents, v.keys), j] = v.building
    former = _former_columns(copies, members, ref)
    for i in linked:
        out[i] = _measure_copy(
            copies, i, auth, voters, accuracy, residents, values, ids, reps, post, building,
            book, former, out[i],
        )  # fmt: skip
    return out


def _measure_copy(
    copies: list[Copy],
    i: int,
    auth: int,
    voters: list[_Voter],
    accuracy: np.ndarray,
    residents: np.ndarray,
    values: np.ndarray,
    ids: np.ndarray,
    reps: np.ndarray,
    post: np.ndarray,
    building: np.ndarray,
    book: Codebook | None,
    former: list[int],
    counts: Counts,
) -> Counts:
    x = copies[i]
    ftype = x.field_type
    mine = next(j for j, v in enumerate(voters) if i in v.members)
    valid = x.norm >= 0
    keys, norm, raw = x.keys[valid], x.norm[valid], x.raw[valid]
    rows = np.searchsorted(residents, keys)
    others = [j for j in range(len(voters)) if j != mine]
    if not others or not len(rows):
        return counts
    held_by = values[rows]  # each resident's values in every voter, row by row
    seen = (held_by[:, others] >= 0).any(axis=1)
    keys, norm, raw, rows = keys[seen], norm[seen], raw[seen], rows[seen]
    held_by = held_by[seen]
    counts.compared = len(rows)
    if not len(rows):
        return counts
    my_reps, my_post = reps[rows], post[rows]  # the rows of these residents, taken once
    # probability that this copy's value is the true one
    keeps = ftype == "address" and _keeps_building(norm, book)
    lacking = (
        ~_has_building(book, norm)
        if keeps and book is not None
        else np.zeros(len(rows), dtype=bool)
    )
    right = np.zeros(len(rows))
    m = len(voters)
    for k in range(m):
        exists = my_reps[:, k] >= 0
        if not exists.any():
            continue
        at = np.flatnonzero(exists)
        same = equal_codes(norm[at], my_reps[at, k], ftype, book)
        if lacking.any():
            held = ((ids[rows[at]] == k) & building[rows[at]]).any(axis=1)
            same &= ~(lacking[at] & held)
        right[at[same]] += my_post[at[same], k]
    right = np.minimum(right, 1.0)
    # consistent: written as the most accurate other system holding the same value?
    agree = np.zeros((len(rows), len(others)), dtype=bool)
    for n, j in enumerate(others):
        theirs = held_by[:, j]
        has = theirs >= 0
        if has.any():
            agree[has, n] = equal_codes(norm[has], theirs[has], ftype, book)
    alone = (held_by[:, others] >= 0).sum(axis=1) == 1
    counts.tied = int((alone & ~agree.any(axis=1)).sum())
    if i == auth:
        counts.exact = float(right.sum())
    else:
        ref_raw = np.full(len(rows), -1, dtype=np.int64)
        for n in sorted(range(len(others)), key=lambda n: -accuracy[others[n]]):
            v = voters[others[n]]
            take = agree[:, n] & (ref_raw == -1)
            if take.any():
                pos = np.searchsorted(v.keys, keys[take])
                ref_raw[take] = v.raw[pos]
        fmt = (ref_raw >= 0) & (ref_raw != raw)
        counts.format_only = float(right[fmt].sum())
        counts.exact = float(right[~fmt].sum())
    # inconsistent: a value another system held before it changed?
    stale = np.zeros(len(rows), dtype=bool)
    for n, j in enumerate(others):
        differ = ~agree[:, n] & (held_by[:, j] >= 0)
        if differ.any():
            at = np.flatnonzero(differ)
            for member in voters[j].members:
                stale[at] |= _earlier(copies[member], keys[at], norm[at], ftype, book)
    # … or the resident's former value, kept in a column of its own (前住所)?
    for k in former:
        at = np.flatnonzero(~stale & (right < 1.0))
        if len(at):
            stale[at] |= _ever(copies[k], keys[at], norm[at], ftype, book)
    wrong = 1.0 - right
    counts.stale = float(wrong[stale].sum())
    counts.conflict = float(wrong[~stale].sum())
    return counts
