"""Grouping the data columns of different systems that hold the same field of the same
residents (see :func:`group_copies`)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz

from procmine.text.values import nfkc

from ._copies import (
    MAX_CHANCE_OF_FULL_AGREEMENT,
    Codebook,
    Copy,
    Pair,
    comparable,
    compare,
    conflict,
    equal_codes,
)
from ._profile import japanese_header, person_role, roles_apart


def wilson_bounds(successes: float, n: float, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of a proportion.

    >>> [round(b, 3) for b in wilson_bounds(10, 10)], [round(b, 3) for b in wilson_bounds(1, 5)]
    ([0.722, 1.0], [0.036, 0.624])
    """
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * ((p * (1 - p) + z2 / (4 * n)) / n) ** 0.5
    return max(0.0, (centre - spread) / (1 + z2 / n)), min(1.0, (centre + spread) / (1 + z2 / n))


def binomial_tail(k: float, n: float, p: float) -> float:
    """``P(X ≥ k)`` for ``X ~ Binomial(n, p)``: how likely chance alone gives ``k`` or more
    agreements among ``n`` residents.

    >>> round(binomial_tail(2, 2, 0.1), 4), round(binomial_tail(3, 4, 0.5), 4)
    (0.01, 0.3125)
    >>> binomial_tail(0, 5, 0.3)
    1.0
    """
    k, n = round(k), round(n)
    if k <= 0:
        return 1.0
    if k > n or p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    logs = [
        math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
        + i * math.log(p) + (n - i) * math.log1p(-p)
        for i in range(k, n + 1)
    ]  # fmt: skip
    top = max(logs)
    return min(1.0, math.exp(top) * sum(math.exp(x - top) for x in logs))


#: How a column joined its group (the ``matched_by`` column of the silo table).
BY_VALUES, BY_HEADER, BY_PART = "values", "header", "part"
#: A column sharing no (or too few) residents whose values are category labels found
#: only in the group's columns (要介護5, 視覚障害 2級 …).
BY_VOCABULARY = "vocabulary"


@dataclass
class _Link:
    """Evidence between two groups, pooled over their measured column pairs."""

    shared: int = 0
    agree: float = 0.0
    expected: float = 0.0  # Σ shared × chance agreement
    vetoed: bool = False  # a pair disagrees beyond doubt
    conflict: bool = False
    header: float = 0.0  # best header similarity (0–100), a tie-breaker only

    def add(self, other: _Link) -> _Link:
        return _Link(
            self.shared + other.shared,
            self.agree + other.agree,
            self.expected + other.expected,
            self.vetoed or other.vetoed,
            self.conflict or other.conflict,
            max(self.header, other.header),
        )

    def kappa(self, share: float | None = None) -> float:
        if self.shared == 0:
            return float("nan")
        chance = self.expected / self.shared
        observed = self.agree / self.shared if share is None else share
        return 0.0 if chance >= 1.0 else (observed - chance) / (1.0 - chance)

    def kappa_lower(self) -> float:
        return self.kappa(wilson_bounds(self.agree, self.shared)[0])

    def kappa_upper(self) -> float:
        return self.kappa(wilson_bounds(self.agree, self.shared)[1])

    def chance(self) -> float:
        """Probability that chance alone gives this many agreements."""
        if self.shared == 0:
            return 1.0
        return binomial_tail(self.agree, self.shared, self.expected / self.shared)

    def overlaps(self, other: _Link) -> bool:
        """Whether the confidence intervals of the two kappas overlap."""
        return (
            self.kappa_upper() >= other.kappa_lower() and other.kappa_upper() >= self.kappa_lower()
        )


def _header(text: str) -> str:
    return re.sub(r"[\s()（）［］\[\]「」・_\-]+", "", nfkc(text).casefold())


def _measure(
    copies: list[Copy], books: dict[str, Codebook], min_agreement: float
) -> tuple[dict[int, dict[int, _Link]], dict[tuple[int, int], Pair]]:
    """Evidence between every two columns: conflicts, and agreement where comparable."""
    pairs: dict[tuple[int, int], Pair] = {}
    links: dict[int, dict[int, _Link]] = {i: {} for i in range(len(copies))}
    headers = [_header(c.column) for c in copies]
    roles = [person_role(c.column) for c in copies]
    for i, j in combinations(range(len(copies)), 2):
        x, y = copies[i], copies[j]
        if conflict(x, y) or roles_apart(roles[i], roles[j]):  # a spouse's name is no 世帯主
            links[i][j] = links[j][i] = _Link(conflict=True)
            continue
        if not comparable(x, y):
            continue
        pair = compare(x, y, books.get(x.family))
        if pair.shared == 0:
            continue
        pairs[(i, j)] = pair
        header = fuzz.ratio(headers[i], headers[j])
        if pair.expected**pair.shared > MAX_CHANCE_OF_FULL_AGREEMENT:
            links[i][j] = links[j][i] = _Link(header=header)
            continue
        link = _Link(
            shared=pair.shared,
            agree=pair.agreement * pair.shared,
            expected=pair.expected * pair.shared,
            header=header,
        )
        link.vetoed = link.kappa_upper() < min_agreement
        links[i][j] = links[j][i] = link
    return links, pairs


def group_copies(
    copies: list[Copy],
    books: dict[str, Codebook],
    *,
    min_agreement: float,
    min_persons: int,
    twins: set[frozenset[str]] | None = None,
) -> tuple[list[list[int]], dict[int, str], dict[tuple[int, int], Pair]]:
    """Group the columns; returns the groups, how each column joined and the pair figures.

    1. Average-linkage agglomeration on values: groups are merged best first by the lower
       confidence bound of their pooled chance-corrected agreement (well-measured pairs form
       a group's core before thinly measured ones join), ties broken by header similarity.
       Two groups merge only if their pooled agreement reaches ``min_agreement`` on at
       least ``min_persons`` shared residents, no column pair between them disagrees beyond
       doubt (upper confidence bound below ``min_agreement``) and no two of their columns
       conflict (same export, same part).
    2. A column that fits two groups (a claimant who is mostly the head of household
       fits both the names and the heads of household) is moved to the group its values
       prefer on the *decisive* residents, those whose values in the two groups differ;
       when there are none, or too few to tell, and the two agreements are within each
       other's confidence interval, the headers decide (English words read in Japanese:
       Household Head → 世帯主), and a lead too small to be sure moves a column only if
       the headers do not object. Two columns of one export are swapped between two
       groups the same way, the two arrangements compared as a whole (:func:`_reassign`).
    3. A column left alone joins a group of two or more columns of the same kind if the
       few residents they share agree well beyond chance (fewer than ``min_persons``;
       chance from both columns' value frequencies), else if its header is near-identical
       to one of the group's (rapidfuzz ratio ≥ 85, same field type) and the values do not
       disagree beyond doubt. Columns still alone pair up the same way.
    4. A column still alone whose values are category labels (要介護5, 視覚障害 2級 …)
       found in one group's columns only joins that group (``matched_by = "vocabulary"``):
       a copy held for residents no other system shares.

    Before step 1 the columns of one export that hold different parts of a bank account
    (金融機関・支店・種別・番号・名義 in separate columns) are put in one group. After it, the
    same column of two ward offices of one department (``twins``, see
    :func:`procmine.match.branches`) joins one group (:func:`_join_twins`).
    """
    links, pairs = _measure(copies, books, min_agreement)
    column_links = {i: dict(row) for i, row in links.items()}
    members: dict[int, list[int]] = {i: [i] for i in range(len(copies))}
    how = {i: BY_VALUES for i in range(len(copies))}

    def rank(g: int, h: int, link: _Link) -> tuple[float, float, int, tuple[str, str]]:
        first = min(copies[k].ident for k in members[g] + members[h])
        return (round(link.kappa_lower(), 3), link.header, link.shared, first)

    def merge(g: int, h: int) -> None:
        members[g] = members[g] + members.pop(h)
        merged = links.pop(h)
        links[g].pop(h, None)
        for k, link in merged.items():
            if k == g:
                continue
            del links[k][h]
            combined = links[g][k].add(link) if k in links[g] else link
            links[g][k] = links[k][g] = combined

    # the parts of a bank account kept in separate columns of one export are one field
    for g, h in _export_parts(copies):
        if g in members and h in members:
            merge(g, h)
            how[h] = BY_PART

    while True:
        best: tuple[tuple[float, float, int, tuple[str, str]], int, int] | None = None
        for g, row in links.items():
            for h, link in row.items():
                if h <= g or link.conflict or link.vetoed or link.shared < min_persons:
                    continue
                if link.kappa() < min_agreement:
                    continue
                key = rank(g, h, link)
                if best is None or _better(key, best[0]):
                    best = (key, g, h)
        if best is None:
            break
        merge(best[1], best[2])

    _join_twins(copies, members, column_links, twins or set(), merge)
    if _reassign(copies, books, members, column_links, min_agreement):
        links.clear()
        links.update(_group_links(members, column_links))
    _join_lone(copies, members, links, how, min_agreement, merge)
    _join_vocabulary(copies, books, members, links, how, merge)
    _reassign(copies, books, members, column_links, min_agreement)
    groups = sorted(sorted(m) for m in members.values() if m)
    return groups, how, pairs


def _join_twins(
    copies: list[Copy],
    members: dict[int, list[int]],
    column_links: dict[int, dict[int, _Link]],
    twins: set[frozenset[str]],
    merge: Callable[[int, int], None],
) -> None:
    """Join the groups holding the same column (header and field type) of two ward offices
    of one department: one system exported per ward, whose residents seldom meet in both
    (and then after a move between wards, their addresses apart), so no resident can tell
    that the two copies agree — the system does. Not when another pair of their columns
    disagrees beyond doubt or conflicts, nor when one department would hold the field
    twice."""
    if not twins:
        return
    same = [
        (i, j)
        for i, j in combinations(range(len(copies)), 2)
        if frozenset((copies[i].department, copies[j].department)) in twins
        and _header(copies[i].column) == _header(copies[j].column)
        and copies[i].field_type == copies[j].field_type
    ]
    for i, j in same:
        owner = {k: g for g, m in members.items() for k in m}
        g, h = sorted((owner[i], owner[j]))
        if g == h:
            continue
        against = [
            link
            for a in members[g]
            for b in members[h]
            if (link := column_links.get(a, {}).get(b)) is not None
            and frozenset((copies[a].department, copies[b].department)) not in twins
        ]
        if any(link.vetoed or link.conflict for link in against):
            continue
        if {copies[k].department for k in members[g]} & {copies[k].department for k in members[h]}:
            continue
        merge(g, h)


def _pooled(column_links: dict[int, dict[int, _Link]], a: list[int], b: list[int]) -> _Link:
    link = _Link()
    for u in a:
        row = column_links[u]
        for v in b:
            if v in row:
                link = link.add(row[v])
    return link


def _group_links(
    members: dict[int, list[int]], column_links: dict[int, dict[int, _Link]]
) -> dict[int, dict[int, _Link]]:
    out: dict[int, dict[int, _Link]] = {g: {} for g in members}
    for g, h in combinations(sorted(members), 2):
        link = _pooled(column_links, members[g], members[h])
        if link.shared or link.conflict or link.header:
            out[g][h] = out[h][g] = link
    return out


def _header_fit(copies: list[Copy], i: int, group: list[int]) -> float:
    """How well column ``i``'s header fits the group's best: English words are read in
    Japanese first (Household Head → 世帯主), so an English-labelled export is compared."""
    others = [k for k in group if k != i]
    if not others:
        return 0.0
    mine = _header(japanese_header(copies[i].column))
    return max(fuzz.ratio(mine, _header(japanese_header(copies[k].column))) for k in others)


def _consensus(
    copies: list[Copy], books: dict[str, Codebook], keys: np.ndarray, group: list[int], ftype: str
) -> np.ndarray:
    """The value (norm code) a group's columns agree on for each resident of ``keys``; −1
    where none of them holds one, −2 where they disagree."""
    out = np.full(len(keys), -1, dtype=np.int64)
    for k in group:
        y = copies[k]
        ix, iy = np.intersect1d(keys, y.keys, assume_unique=True, return_indices=True)[1:]
        v = y.norm[iy]
        ok = v >= 0
        ix, v = ix[ok], v[ok]
        now = out[ix]
        fresh = now == -1
        out[ix[fresh]] = v[fresh]
        held = now >= 0
        if held.any():
            same = equal_codes(now[held], v[held], ftype, books.get(y.family))
            out[ix[held][~same]] = -2
    return out


def _evidence(
    copies: list[Copy], books: dict[str, Codebook], c: int, stay: list[int], go: list[int]
) -> tuple[int, int]:
    """On the *decisive* residents of column ``c`` (those on whom the columns of ``stay``
    agree on one value and the columns of ``go`` on another): how often ``c`` holds the
    value of ``stay`` and how often that of ``go``."""
    x = copies[c]
    book = books.get(x.family)
    stay = [k for k in stay if copies[k].family == x.family]
    go = [k for k in go if copies[k].family == x.family]
    if not stay or not go:
        return 0, 0
    a = _consensus(copies, books, x.keys, stay, x.field_type)
    b = _consensus(copies, books, x.keys, go, x.field_type)
    ok = (a >= 0) & (b >= 0) & (x.norm >= 0)
    if not ok.any():
        return 0, 0
    mine, a, b = x.norm[ok], a[ok], b[ok]
    differ = ~equal_codes(a, b, x.field_type, book)
    mine, a, b = mine[differ], a[differ], b[differ]
    return (
        int(equal_codes(mine, a, x.field_type, book).sum()),
        int(equal_codes(mine, b, x.field_type, book).sum()),
    )


def _close(a: _Link, b: _Link) -> bool:
    """Two agreements the values cannot tell apart: within each other's confidence
    interval and measured on comparable numbers of residents (a group that shares a few
    residents with a column is no match for one that shares many)."""
    return a.overlaps(b) and 2 * min(a.shared, b.shared) >= max(a.shared, b.shared)


def _reassign(
    copies: list[Copy],
    books: dict[str, Codebook],
    members: dict[int, list[int]],
    column_links: dict[int, dict[int, _Link]],
    min_agreement: float,
) -> bool:
    """Step 2 of :func:`group_copies`; returns whether a column moved."""
    changed = False
    moved: set[int] = set()
    for c in sorted(range(len(copies)), key=lambda i: copies[i].ident):
        if c in moved:
            continue
        group_of = {k: g for g, m in members.items() for k in m}
        home = group_of[c]
        rest = [k for k in members[home] if k != c]
        now = _pooled(column_links, [c], rest)
        if not rest or not now.shared or now.conflict:
            continue
        best: tuple[tuple[int, float], int, int | None] | None = None
        for other in sorted(members):
            group = members[other]
            if other == home or not group:
                continue
            partner = [k for k in group if conflict(copies[c], copies[k])]
            their = [k for k in group if k not in partner]
            if len(partner) > 1 or not their:
                continue
            alt = _pooled(column_links, [c], their)
            if alt.conflict or alt.vetoed or not alt.shared or alt.kappa() < min_agreement:
                continue
            stay, go = _evidence(copies, books, c, rest, their)
            header_now = _header_fit(copies, c, members[home])
            header_new = _header_fit(copies, c, [*their, c])
            close = _close(now, alt)
            if partner:
                v = partner[0]
                v_now = _pooled(column_links, [v], their)
                v_new = _pooled(column_links, [v], rest)
                if v_new.conflict or v_new.vetoed or not v_new.shared:
                    continue
                if v_new.kappa() < min_agreement:
                    continue
                v_stay, v_go = _evidence(copies, books, v, their, rest)
                stay, go = stay + v_stay, go + v_go
                header_now += _header_fit(copies, v, group)
                header_new += _header_fit(copies, v, [*rest, v])
                # both columns hold the same residents: the two arrangements as a whole
                # are what the values must tell apart
                close = _close(now.add(v_now), alt.add(v_new))
            sure = go > stay and binomial_tail(go, go + stay, 0.5) <= MAX_CHANCE_OF_FULL_AGREEMENT
            # a lead too small to be sure moves a column only if the headers do not object
            tie_break = (go > stay and header_new >= header_now) or (
                go == stay and header_new > header_now
            )
            if sure or (close and tie_break):
                key = (go - stay, header_new - header_now)
                if best is None or key > best[0]:
                    best = (key, other, partner[0] if partner else None)
        if best is None:
            continue
        _, other, swap = best
        members[home] = sorted(k for k in members[home] if k != c)
        members[other] = sorted([*members[other], c])
        moved.add(c)
        if swap is not None:
            members[other] = [k for k in members[other] if k != swap]
            members[home] = sorted([*members[home], swap])
            moved.add(swap)
        changed = True
    return changed


def _better(
    key: tuple[float, float, int, tuple[str, str]], other: tuple[float, float, int, tuple[str, str]]
) -> bool:
    """Higher bound, then header similarity, then more residents; then the first columns."""
    if key[:3] != other[:3]:
        return key[:3] > other[:3]
    return key[3] < other[3]


_NOT_BY_HEADER = ("unknown", "text")
#: A header-only match of a field whose values never change (:data:`_UNCHANGING`) is not
#: made when at least this many shared residents compare and most of them disagree: the
#: column holds another person's data (an address, a phone may just be out of date).
_FEW_SAY_NO = 3
_UNCHANGING = frozenset({"birth_date", "sex", "my_number"})
#: Least rapidfuzz ratio between two normalised headers for a header-only match.
_HEADER_MATCH = 85
#: Field types read from few values that may hold the same data (a category column of a
#: small department may look like free text).
_LABELS = ("text", "category")


def _same_kind(a: str, b: str) -> bool:
    return a == b or (a in _LABELS and b in _LABELS)


def _join_lone(
    copies: list[Copy],
    members: dict[int, list[int]],
    links: dict[int, dict[int, _Link]],
    how: dict[int, str],
    min_agreement: float,
    merge: Callable[[int, int], None],
) -> None:
    """Step 3 of :func:`group_copies`."""
    headers = {i: _header(c.column) for i, c in enumerate(copies)}

    def alone(m: list[int]) -> bool:
        """One column, or the parts of one export's bank account (金融機関・支店・口座番号)."""
        return len(m) == 1 or all(
            copies[k].units == copies[m[0]].units
            and copies[k].field_type == "bank_account"
            and "all" not in copies[k].parts
            for k in m
        )

    def lone() -> list[int]:
        return sorted(
            (g for g, m in members.items() if alone(m) and copies[m[0]].field_type != "unknown"),
            key=lambda g: copies[g].ident,
        )

    for established in (True, False):
        for g in lone():
            if g not in members or not alone(members[g]):
                continue  # another lone column joined it
            c = copies[g]
            best: tuple[tuple[int, float, int], tuple[str, str], int, str] | None = None
            for h, group in members.items():
                if h == g or not group or (established and alone(group)):
                    continue
                if not any(_same_kind(copies[k].field_type, c.field_type) for k in group):
                    continue
                link = links[g].get(h, _Link())
                if link.conflict or link.vetoed:
                    continue
                first = min(copies[k].ident for k in group)
                if (
                    link.shared >= 2
                    and link.kappa() >= min_agreement
                    and link.chance() <= MAX_CHANCE_OF_FULL_AGREEMENT
                ):
                    key = (1, round(link.kappa_lower(), 3), link.shared)
                    how_ = BY_VALUES
                else:
                    if c.field_type in _NOT_BY_HEADER:
                        continue
                    # too few to prove a match, but the few say no: another person's data
                    # (a baby's birth date kept under the guardian's key)
                    if (
                        c.field_type in _UNCHANGING
                        and link.shared >= _FEW_SAY_NO
                        and link.agree < 0.5 * link.shared
                    ):
                        continue
                    if not any(copies[k].field_type == c.field_type for k in group):
                        continue
                    score = max(fuzz.ratio(headers[g], headers[k]) for k in group)
                    if score < _HEADER_MATCH:
                        continue
                    key = (0, score, sum(copies[k].persons for k in group))
                    how_ = BY_HEADER
                if best is None or key > best[0] or (key == best[0] and first < best[1]):
                    best = (key, first, h, how_)
            if best is not None:
                how[g] = best[3]
                if len(members[best[2]]) == 1:  # two lone columns: both joined this way
                    how[members[best[2]][0]] = best[3]
                merge(best[2], g)


#: A column of category labels has at most this many distinct values.
_MAX_LABELS = 500


def _informative(text: str) -> bool:
    """A category label long enough to tell one coded field from another (not 有/無, 1/2)."""
    return len(text) >= 3 and any(ch.isalpha() for ch in text)


def _join_vocabulary(
    copies: list[Copy],
    books: dict[str, Codebook],
    members: dict[int, list[int]],
    links: dict[int, dict[int, _Link]],
    how: dict[int, str],
    merge: Callable[[int, int], None],
) -> None:
    """Step 4 of :func:`group_copies`: a lone label column joins the one group whose
    columns alone hold at least two of its labels, and half of them."""
    lone = sorted(
        (g for g, m in members.items()
         if len(m) == 1 and copies[m[0]].field_type in _LABELS
         and 0 < len(copies[m[0]].vocab) <= _MAX_LABELS),
        key=lambda g: copies[g].ident,
    )  # fmt: skip
    wanted: dict[str, set[int]] = {}  # family → the informative labels of lone columns
    for g in lone:
        c = copies[g]
        book = books.get(c.family)
        if book is not None:
            labels = {v for v in c.vocab.tolist() if _informative(book.text[v])}
            wanted.setdefault(c.family, set()).update(labels)
    holders: dict[tuple[str, int], set[int]] = {}
    for family, labels in wanted.items():
        codes = np.array(sorted(labels), dtype=np.int64)
        for i, c in enumerate(copies):
            if c.field_type in _LABELS and c.family == family:
                found = codes[np.isin(codes, c.vocab, assume_unique=True)]
                for v in found.tolist():
                    holders.setdefault((family, v), set()).add(i)
    for g in lone:
        if g not in members or len(members[g]) != 1:
            continue
        c = copies[g]
        book = books.get(c.family)
        if book is None or not len(c.vocab):
            continue
        group_of = {k: h for h, m in members.items() for k in m}
        specific: dict[int, int] = {}
        for v in c.vocab.tolist():
            if not _informative(book.text[v]):
                continue
            groups = {group_of[k] for k in holders.get((c.family, v), set()) if k != g}
            if len(groups) == 1:
                h = groups.pop()
                specific[h] = specific.get(h, 0) + 1
        candidates = [
            (n, h)
            for h, n in specific.items()
            if n >= 2
            and n >= 0.5 * len(c.vocab)
            and not any(conflict(c, copies[k]) for k in members[h])
            and not links[g].get(h, _Link()).vetoed
        ]
        if not candidates:
            continue
        candidates.sort(key=lambda t: (-t[0], min(copies[k].ident for k in members[t[1]])))
        h = candidates[0][1]
        how[g] = BY_VOCABULARY
        if len(members[h]) == 1:
            how[members[h][0]] = BY_VOCABULARY
        merge(h, g)


def _export_parts(copies: list[Copy]) -> list[tuple[int, int]]:
    """(first, other) column pairs holding different parts of a bank account in one export."""
    out: list[tuple[int, int]] = []
    by_unit: dict[frozenset[tuple[str, str]], list[int]] = {}
    for i, c in enumerate(copies):
        if c.field_type == "bank_account" and "all" not in c.parts and c.units:
            by_unit.setdefault(c.units, []).append(i)
    for unit in sorted(by_unit, key=sorted):
        columns = sorted(by_unit[unit], key=lambda i: copies[i].ident)
        held: set[str] = set(copies[columns[0]].parts)
        for i in columns[1:]:
            if held.isdisjoint(copies[i].parts):
                held |= copies[i].parts
                out.append((columns[0], i))
    return out
