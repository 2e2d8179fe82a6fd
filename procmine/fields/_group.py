"""Grouping the data columns of different systems that hold the same field of the same
residents (see :func:`group_copies`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

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
)


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


#: How a column joined its group (the ``matched_by`` column of the silo table).
BY_VALUES, BY_HEADER, BY_PART = "values", "header", "part"


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


def _header(text: str) -> str:
    return re.sub(r"[\s()（）［］\[\]「」・_\-]+", "", nfkc(text).casefold())


def _measure(
    copies: list[Copy], books: dict[str, Codebook], min_agreement: float
) -> tuple[dict[int, dict[int, _Link]], dict[tuple[int, int], Pair]]:
    """Evidence between every two columns: conflicts, and agreement where comparable."""
    pairs: dict[tuple[int, int], Pair] = {}
    links: dict[int, dict[int, _Link]] = {i: {} for i in range(len(copies))}
    headers = [_header(c.column) for c in copies]
    for i, j in combinations(range(len(copies)), 2):
        x, y = copies[i], copies[j]
        if conflict(x, y):
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
    copies: list[Copy], books: dict[str, Codebook], *, min_agreement: float, min_persons: int
) -> tuple[list[list[int]], dict[int, str], dict[tuple[int, int], Pair]]:
    """Group the columns; returns the groups, how each column joined and the pair figures.

    1. Average-linkage agglomeration on values: groups are merged best first by the lower
       confidence bound of their pooled chance-corrected agreement (well-measured pairs form
       a group's core before thinly measured ones join), ties broken by header similarity.
       Two groups merge only if their pooled agreement reaches ``min_agreement`` on at
       least ``min_persons`` shared residents, no column pair between them disagrees beyond
       doubt (upper confidence bound below ``min_agreement``) and no two of their columns
       conflict (same export, same part).
    2. Two columns of one export whose values fit either of two groups equally well (a
       claimant who is always the head of household) are swapped between the groups when
       that matches their headers better.
    3. A column left alone joins a group of two or more columns of the same field type if
       the few residents they share agree (fewer than ``min_persons``), else if its header
       is near-identical to one of the group's (rapidfuzz ratio ≥ 85) and the values do not
       disagree beyond doubt. Columns still alone pair up by header the same way.

    Before step 1 the columns of one export that hold different parts of a bank account
    (金融機関・支店・種別・番号・名義 in separate columns) are put in one group.
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

    if _swap_ambiguous(copies, members, column_links):
        links.clear()
        links.update(_group_links(members, column_links))
    _join_lone(copies, members, links, how, min_agreement, merge)
    _swap_ambiguous(copies, members, column_links)
    groups = sorted(sorted(m) for m in members.values())
    return groups, how, pairs


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
    others = [k for k in group if k != i]
    if not others:
        return 0.0
    mine = _header(copies[i].column)
    return max(fuzz.ratio(mine, _header(copies[k].column)) for k in others)


def _swap_ambiguous(
    copies: list[Copy], members: dict[int, list[int]], column_links: dict[int, dict[int, _Link]]
) -> bool:
    """Swap two columns of one export between two groups when the values cannot tell
    them apart and the headers fit the swapped assignment better (see step 2)."""
    swapped = False
    group_of = {k: g for g, m in members.items() for k in m}
    candidates = sorted(
        (u, v)
        for u, v in combinations(range(len(copies)), 2)
        if copies[u].units & copies[v].units
        and copies[u].family == copies[v].family
        and group_of[u] != group_of[v]
        and len(members[group_of[u]]) > 1
        and len(members[group_of[v]]) > 1
    )
    for u, v in candidates:
        gu, gv = group_of[u], group_of[v]
        if gu == gv:
            continue
        rest_u = [k for k in members[gu] if k != u]
        rest_v = [k for k in members[gv] if k != v]
        now_u, now_v = _pooled(column_links, [u], rest_u), _pooled(column_links, [v], rest_v)
        new_u, new_v = _pooled(column_links, [u], rest_v), _pooled(column_links, [v], rest_u)
        if any(x.conflict or x.vetoed or not x.shared for x in (new_u, new_v)):
            continue
        if new_u.kappa() < now_u.kappa() - 1e-9 or new_v.kappa() < now_v.kappa() - 1e-9:
            continue  # the values prefer the present assignment
        now = _header_fit(copies, u, members[gu]) + _header_fit(copies, v, members[gv])
        new = _header_fit(copies, u, rest_v + [u]) + _header_fit(copies, v, rest_u + [v])
        if new > now:
            members[gu] = sorted(rest_u + [v])
            members[gv] = sorted(rest_v + [u])
            group_of[u], group_of[v] = gv, gu
            swapped = True
    return swapped


def _better(
    key: tuple[float, float, int, tuple[str, str]], other: tuple[float, float, int, tuple[str, str]]
) -> bool:
    """Higher bound, then header similarity, then more residents; then the first columns."""
    if key[:3] != other[:3]:
        return key[:3] > other[:3]
    return key[3] < other[3]


_NOT_BY_HEADER = ("unknown", "text")
#: Least rapidfuzz ratio between two normalised headers for a header-only match.
_HEADER_MATCH = 85


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

    def lone() -> list[int]:
        return sorted(
            (g for g, m in members.items()
             if len(m) == 1 and copies[m[0]].field_type not in _NOT_BY_HEADER),
            key=lambda g: copies[g].ident,
        )  # fmt: skip

    for established in (True, False):
        for g in lone():
            if g not in members or len(members[g]) != 1:
                continue  # another lone column joined it
            c = copies[g]
            best: tuple[tuple[int, float, int], tuple[str, str], int, str] | None = None
            for h, group in members.items():
                if h == g or (established and len(group) == 1):
                    continue
                if not any(copies[k].field_type == c.field_type for k in group):
                    continue
                link = links[g].get(h, _Link())
                if link.conflict or link.vetoed:
                    continue
                first = min(copies[k].ident for k in group)
                if established and link.shared >= 2 and link.kappa() >= min_agreement:
                    key = (1, round(link.kappa_lower(), 3), link.shared)
                    how_ = BY_VALUES
                else:
                    score = max(fuzz.ratio(headers[g], headers[k]) for k in group)
                    if score < _HEADER_MATCH:
                        continue
                    key = (0, score, sum(copies[k].persons for k in group))
                    how_ = BY_HEADER
                if best is None or key > best[0] or (key == best[0] and first < best[1]):
                    best = (key, first, h, how_)
            if best is not None:
                how[g] = best[3]
                merge(best[2], g)


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
