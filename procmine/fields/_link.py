"""Which resident each event is about, across department systems.

The ``person`` column is the cross-system key. Where it is missing (for a whole system or
for some events) residents are linked by their normalised name and birth date instead:
a name+birth-date key seen with exactly one person elsewhere is read as that person, any
other one stands for itself. Within a case that concerns a single resident, that resident
is given to the case's events without a key. A system whose keys are a numbering of its own
(a 国保 system keyed by 個人番号 among systems keyed by 宛名番号) is linked through a keyed
system that keeps the same numbers as data, where one does, else by name and birth date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from procmine._codes import as_text
from procmine._keys import KEYS_APART, MIN_KEYS, shared_counts
from procmine.model import CASE, PERSON, Dataset
from procmine.text.values import address_key, nfkc, normalize_digits, normalize_many

from ._profile import ColumnCodes, non_empty, non_empty_mask

#: How the events of a department were linked to residents.
PERSON_KEY = "person key"
NAME_BIRTH = "name+birth date"
NAME_ADDRESS = "name+address"
NO_LINK = "none"
#: A department numbered apart, linked through a keyed department's column of its numbers.
KEY_VIA = "person key via another system"

#: A department whose events carry the person key this often is linked by that key.
_KEYED_SHARE = 0.5
#: (name, birth date) column pairs tried per department without a person key.
_MAX_ALTERNATIVES = 4


@dataclass
class Linkage:
    """Resident key per event (``keys[department]``, by position in the events, missing
    where unknown) and how each department was linked."""

    keys: dict[str, pd.Series]
    how: dict[str, str]
    #: departments without a person key: resident keys by each candidate (name, birth
    #: date) column pair, most hits first (``keys`` holds the first)
    alternatives: dict[str, list[pd.Series]] = field(default_factory=dict)
    #: name+birth-date keys seen with two or more persons of the keyed systems
    ambiguous: frozenset[str] = frozenset()
    #: events per department that carried the person key themselves
    keyed_events: dict[str, int] = field(default_factory=dict)
    #: departments linked :data:`KEY_VIA` another's column: ``(department, column)``
    via: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: :meth:`present` by department, with the keys it was found for
    _present: dict[str, tuple[pd.Series, np.ndarray]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def present(self, department: str) -> np.ndarray:
        """Where ``keys[department]`` holds a resident (``notna``), as a read-only array
        found once per keys (the keys of a department may be replaced, never changed)."""
        keys = self.keys[department]
        found = self._present.get(department)
        if found is None or found[0] is not keys:
            mask = keys.notna().to_numpy(dtype=bool)
            mask.flags.writeable = False
            found = self._present[department] = (keys, mask)
        return found[1]


#: Columns of :func:`linkage_table`, in order.
LINKAGE_COLUMNS: tuple[str, ...] = (
    "department",
    "linkage",
    "events",
    "keyed_events",
    "linked_events",
    "persons",
    "shared_persons",
    "linked_share",
    "matched_persons",
    "unmatched_persons",
    "ambiguous_persons",
)


def linkage_table(linkage: Linkage) -> pd.DataFrame:
    """How well each department's events were linked to residents (see
    :func:`procmine.fields.linkage_quality`)."""
    linked = {d: linkage.present(d) for d in linkage.keys}
    persons = {d: _distinct_keys(k, linked[d]) for d, k in linkage.keys.items()}
    # in how many departments each resident appears: shared when in two or more
    departments = Counter(k for keys in persons.values() for k in keys)
    rows = []
    for department in sorted(linkage.keys):
        keys = linkage.keys[department]
        mine = persons[department]
        shared = sum(1 for k in mine if departments[k] > 1)
        by_name = {k for k in mine if k.startswith("~")}
        ambiguous = {k for k in by_name if k[1:] in linkage.ambiguous}
        nb = linkage.how[department] == NAME_BIRTH
        rows.append(
            {
                "department": department,
                "linkage": linkage.how[department]
                + (f" ({': '.join(linkage.via[department])})" if department in linkage.via else ""),
                "events": len(keys),
                "keyed_events": linkage.keyed_events.get(department, 0),
                "linked_events": int(linked[department].sum()),
                "persons": len(mine),
                "shared_persons": shared,
                "linked_share": shared / len(mine) if mine else float("nan"),
                "matched_persons": len(mine - by_name) if nb else pd.NA,
                "unmatched_persons": len(by_name - ambiguous) if nb else pd.NA,
                "ambiguous_persons": len(ambiguous) if nb else pd.NA,
            }
        )
    table = pd.DataFrame(rows, columns=list(LINKAGE_COLUMNS))
    for column in ("matched_persons", "unmatched_persons", "ambiguous_persons"):
        table[column] = table[column].astype("Int64")
    return table


def _distinct_keys(keys: pd.Series, present: np.ndarray) -> set[str]:
    """The distinct non-empty resident keys, as text (``present``: where ``keys`` has one)."""
    distinct = pd.unique(keys.to_numpy(dtype=object)[present])
    return {k if isinstance(k, str) else str(k) for k in distinct.tolist()} - {""}


def _clean_keys(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The keys stripped (None where blank or missing) and where there is one."""
    cells = np.full(len(values), None, dtype=object)
    mask = non_empty_mask(values)
    present = values if mask.all() else values[mask]
    text = as_text(present)
    if isinstance(text.dtype, pd.CategoricalDtype):
        # each category stripped once (the same call on a column holding each once)
        each = pd.Categorical.from_codes(np.arange(len(text.cat.categories)), dtype=text.dtype)
        stripped = pd.Series(each).str.strip().to_numpy(dtype=object)
        cells[mask] = stripped[text.cat.codes.to_numpy()]
    else:
        cells[mask] = text.str.strip().to_numpy(dtype=object)
    return pd.Series(cells, index=values.index, dtype=object), mask


def _cases(events: pd.DataFrame) -> Callable[[], pd.Series]:
    """The events' case ids as text, made on first use (most departments need none: every
    event has its key)."""
    made: list[pd.Series] = []

    def cases() -> pd.Series:
        if not made:
            made.append(events[CASE].astype(str).reset_index(drop=True))
        return made[0]

    return cases


def _fill_within_case(
    cases: Callable[[], pd.Series], keys: pd.Series, missing: pd.Series | None = None
) -> pd.Series:
    """Give events without a key the key of their case when the case has only one
    (``cases``: gives the events' case ids, see :func:`_cases`; ``missing``:
    ``keys.isna()``, when known)."""
    missing = keys.isna() if missing is None else missing
    if not missing.any() or missing.all():
        return keys
    case_ids = cases()
    known = pd.DataFrame({"case": case_ids[~missing], "key": keys[~missing]})
    per_case = known.drop_duplicates().groupby("case", sort=False)["key"]
    single = per_case.first()[per_case.size() == 1]
    filled = case_ids[missing].map(single)
    out = keys.copy()
    out[missing] = filled
    return out.where(out.notna(), None).astype(object)


def _name_birth_keys(
    events: pd.DataFrame,
    name_column: str,
    other_column: str,
    masks: tuple[np.ndarray | None, np.ndarray | None] = (None, None),
    kind: str = "birth_date",
) -> pd.Series:
    """``name|YYYY-MM-DD`` per event that has both values (missing elsewhere; ``masks``:
    :func:`non_empty_mask` of the two columns, when known); with ``kind="address"``,
    ``name|@normalised address`` from an address column instead of a birth date."""
    names = non_empty(events[name_column], mask=masks[0])
    births = non_empty(events[other_column], mask=masks[1])
    both = names.index.intersection(births.index)
    out = pd.Series(None, index=pd.RangeIndex(len(events)), dtype=object)
    if both.empty:
        return out
    n_uni = pd.unique(names.loc[both].to_numpy(dtype=object))
    b_uni = pd.unique(births.loc[both].to_numpy(dtype=object))
    n_map = dict(zip(n_uni, normalize_many(list(n_uni), "name"), strict=True))
    b_map = dict(zip(b_uni, normalize_many(list(b_uni), kind), strict=True))
    if kind != "birth_date":  # never equal to a name + birth date key
        places = {k: address_key(v) for k, v in b_map.items()}
        b_map = {k: f"@{place}" if place else "" for k, place in places.items()}
    n_norm = names.loc[both].map(n_map)
    b_norm = births.loc[both].map(b_map)
    good = (n_norm != "") & (b_norm != "")
    out.loc[both[good.to_numpy()]] = (n_norm[good] + "|" + b_norm[good]).to_numpy()
    return out


def _masks(
    columns: ColumnCodes, department: str, name_column: str, birth_column: str
) -> tuple[np.ndarray, np.ndarray]:
    return columns.mask(department, name_column), columns.mask(department, birth_column)


def _distinct_keys_by_department(
    keys: dict[str, pd.Series], how: dict[str, str]
) -> dict[str, set[str]]:
    """The distinct keys, as text, of each keyed department or department with some keys."""
    return {
        d: set(k.dropna().astype(str).unique())
        for d, k in sorted(keys.items())
        if how[d] == PERSON_KEY or k.notna().any()
    }


def _numbered_apart(
    keys: dict[str, pd.Series], how: dict[str, str], distinct: dict[str, set[str]] | None = None
) -> list[str]:
    """The departments whose person keys are of a numbering of their own (a system keyed
    by 個人番号 among systems keyed by 宛名番号, or a claimant's 個人番号 written on a few rows
    of a system keyed by household): at least :data:`procmine._keys.MIN_KEYS` keys, of
    which under :data:`procmine._keys.KEYS_APART` and fewer than ``MIN_KEYS`` another
    department holds, as the loader's ``person_keys_apart`` warning reads it. When no keyed
    department shares keys with another, the keyed one with most keys keeps its numbering
    (``distinct``: :func:`_distinct_keys_by_department`, when known)."""
    distinct = _distinct_keys_by_department(keys, how) if distinct is None else distinct
    if len(distinct) < 2:
        return []
    apart = [
        department
        for (department, own), shared in zip(
            distinct.items(), shared_counts(list(distinct.values())), strict=True
        )
        if len(own) >= MIN_KEYS and shared < KEYS_APART * len(own) and shared < MIN_KEYS
    ]
    keyed = [d for d in distinct if how[d] == PERSON_KEY]
    keyed_apart = [d for d in apart if how[d] == PERSON_KEY]
    if keyed_apart and len(keyed_apart) == len(keyed):
        apart.remove(max(keyed_apart, key=lambda d: len(distinct[d])))
    return apart


def _key_groups(distinct: dict[str, set[str]], how: dict[str, str]) -> list[list[str]]:
    """The groups of departments whose keys join residents, each with a keyed department,
    most distinct keys first (several systems keyed by 個人番号 beside two keyed by 宛名番号,
    or systems whose residents are simply others). Two departments join when they share
    :data:`procmine._keys.MIN_KEYS` keys or :data:`procmine._keys.KEYS_APART` of the
    smaller one's, as the loader's ``person_keys_apart`` warning reads "almost none"
    (``distinct``: :func:`_distinct_keys_by_department`)."""
    names = list(distinct)
    group = {d: d for d in names}  # union-find over departments sharing keys

    def root(d: str) -> str:
        while group[d] != d:
            group[d] = group[group[d]]
            d = group[d]
        return d

    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            shared = len(distinct[a] & distinct[b])
            smaller = min(len(distinct[a]), len(distinct[b]))
            if shared and (shared >= MIN_KEYS or shared >= KEYS_APART * smaller):
                group[root(b)] = root(a)
    members: dict[str, list[str]] = {}
    for d in names:
        members.setdefault(root(d), []).append(d)
    keyed = [m for m in members.values() if any(how[d] == PERSON_KEY for d in m)]
    return sorted(keyed, key=lambda m: (-len(set().union(*(distinct[d] for d in m))), sorted(m)))


#: A department linked through another's 個人番号 column: its keys, and that column.
_Walked = tuple[pd.Series, tuple[str, str]]


def _outside_main(
    dataset: Dataset,
    profiles: pd.DataFrame,
    keys: dict[str, pd.Series],
    how: dict[str, str],
    distinct: dict[str, set[str]],
) -> dict[str, _Walked | None]:
    """The departments with at least :data:`procmine._keys.MIN_KEYS` keys outside the group
    that keeps its numbering (:func:`_key_groups`), each with its link through a 個人番号
    column of that group (:func:`_crosswalk`; ``None`` where there is none). The group
    keeping its numbering is the one into which most departments of the other groups can
    be linked so (the one that keeps the others' numbers as data), else the one with most
    keys."""
    groups = _key_groups(distinct, how)
    if not groups:
        return {}

    def links(group: list[str]) -> dict[str, _Walked | None]:
        others = [d for d in sorted(distinct) if d not in group and len(distinct[d]) >= MIN_KEYS]
        keyed = [d for d in keys if how[d] == PERSON_KEY and d not in others]
        return {d: _crosswalk(dataset, profiles, keys, keyed, keys[d]) for d in others}

    tried = [links(g) for g in (groups if len(groups) > 1 else groups[:1])]
    # most departments linked, then the group with most keys (groups come in that order)
    return max(tried, key=lambda t: (sum(w is not None for w in t.values()), -tried.index(t)))


def _digits(values: pd.Series) -> pd.Series:
    """Numbers as their digits only (:func:`procmine.text.values.normalize_digits`: full-width
    digits read, hyphens and spaces dropped): ``1234 5678 9012``, ``１２３４-５６７８-９０１２``
    and ``123456789012`` are one number; anything else (a letter in it) is missing. Each
    distinct value is read once."""
    codes, uniques = pd.factorize(as_text(values).astype(str))
    read = [normalize_digits(u) if _NUMBER.fullmatch(nfkc(u)) else None for u in uniques]
    return pd.Series(np.array([*read, None], dtype=object)[codes], index=values.index)


#: A number written with spaces or hyphens between its digits.
_NUMBER = re.compile(r"[\s\-‐－ー]*\d[\d\s\-‐－ー]*")


#: A keyed department's column whose numbers another department is keyed by: only numbers
#: of a person (個人番号), never serials that count from 1 like anyone's keys.
_CROSSWALK_TYPES = ("my_number",)


def _crosswalk(
    dataset: Dataset,
    profiles: pd.DataFrame,
    keys: dict[str, pd.Series],
    keyed: list[str],
    own: pd.Series,
) -> tuple[pd.Series, tuple[str, str]] | None:
    """The residents of a department numbered apart, found through a 個人番号 column of a
    keyed department that holds the same numbers (a 国保 system keyed by 個人番号, where
    市民課 keeps 個人番号 beside its 宛名番号): each of ``own``'s keys held by exactly one
    resident there becomes that resident's key; a key held by none stays as it is (the
    same resident in the departments keyed by that number). ``None`` when no column holds
    at least :data:`procmine._keys.MIN_KEYS` and half of the department's distinct keys."""
    mine = _digits(own)
    distinct = set(mine.dropna().unique())
    if len(distinct) < MIN_KEYS:
        return None
    best: tuple[int, pd.Series, tuple[str, str]] | None = None
    numbers = profiles[profiles["field_type"].isin(_CROSSWALK_TYPES)]
    for department, column in zip(numbers["department"], numbers["column"], strict=True):
        if department not in keyed:
            continue
        events = dataset.logs[department].events
        held = pd.DataFrame(
            {"number": _digits(events[column]).to_numpy(), "person": keys[department].to_numpy()}
        ).dropna()
        held = held[held["number"].isin(distinct)].drop_duplicates()
        if held.empty:
            continue
        owners = held.groupby("number")["person"].agg(["first", "size"])
        table = owners.loc[owners["size"] == 1, "first"]
        if len(table) >= max(MIN_KEYS, len(distinct) / 2) and (
            best is None or len(table) > best[0]
        ):
            best = (len(table), table, (department, column))
    if best is None:
        return None
    found = mine.map(best[1])
    found = found.where(found.notna(), own)  # not held there: the department's own key
    return found.where(found.notna(), None).astype(object), best[2]


def link_persons(
    dataset: Dataset, profiles: pd.DataFrame, columns: ColumnCodes | None = None
) -> Linkage:
    """Resident keys for every event of every department (see the module docstring;
    ``columns``: the data columns' non-empty values, when already found)."""
    columns = ColumnCodes(dataset) if columns is None else columns
    keys: dict[str, pd.Series] = {}
    how: dict[str, str] = {}
    keyed: dict[str, int] = {}
    via: dict[str, tuple[str, str]] = {}  # linked through another's number column: which
    # where the keys as read are present, for the departments whose keys stay as read
    as_read: dict[str, tuple[pd.Series, np.ndarray]] = {}
    for department, log in sorted(dataset.logs.items()):
        events = log.events
        if PERSON in events.columns:
            raw, present = _clean_keys(events[PERSON].reset_index(drop=True))
        else:
            raw = pd.Series(None, index=pd.RangeIndex(len(events)), dtype=object)
            present = np.zeros(len(events), dtype=bool)
        share = float(present.mean()) if len(raw) else 0.0
        how[department] = PERSON_KEY if len(raw) and share >= _KEYED_SHARE else NO_LINK
        keyed[department] = int(present.sum())
        missing = pd.Series(~present, index=raw.index)
        keys[department] = _fill_within_case(_cases(events), raw, missing)
        if keys[department] is raw:
            as_read[department] = (raw, present)
    distinct = _distinct_keys_by_department(keys, how)
    outside = _outside_main(dataset, profiles, keys, how, distinct)
    # (the group that keeps its numbering is never apart, even when it is one department)
    apart = set(_numbered_apart(keys, how, distinct))
    for department, walked in sorted(outside.items()):
        log = dataset.logs[department]
        if walked is not None:  # the same numbers kept by a keyed department
            keys[department] = _fill_within_case(_cases(log.events), walked[0])
            how[department] = KEY_VIA
            via[department] = walked[1]
        elif department not in apart:  # other residents, or a numbering no one keeps
            continue
        else:
            keys[department] = pd.Series(None, index=pd.RangeIndex(len(log.events)), dtype=object)
            how[department] = NO_LINK
            keyed[department] = 0
        as_read.pop(department, None)

    if not any(
        not as_read[d][1].all() if d in as_read else k.isna().any() for d, k in keys.items()
    ):
        return _with_present(Linkage(keys, how, keyed_events=keyed, via=via), as_read)

    # candidate (name, birth date) column pairs per department; a department recording no
    # birth date (a water bureau's customers) is linked by name and address instead, so
    # the keyed departments offer that pair too
    pairs: dict[str, list[tuple[str, str, str]]] = {}
    undated = set()
    for department in keys:
        prof = profiles[profiles["department"] == department]
        names = prof.loc[prof["field_type"] == "name"].sort_values("values", ascending=False)
        births = prof.loc[prof["field_type"] == "birth_date"].sort_values("values", ascending=False)
        pairs[department] = [
            (n, b, "birth_date")
            for n in names["column"].tolist()
            for b in births["column"].tolist()
        ]
        if births.empty and not names.empty and keys[department].isna().all():
            undated.add(department)
    if undated:
        for department in keys:
            if how[department] == NO_LINK and department not in undated:
                continue
            prof = profiles[profiles["department"] == department]
            names = prof.loc[prof["field_type"] == "name"].sort_values("values", ascending=False)
            places = prof.loc[prof["field_type"] == "address"].sort_values(
                "values", ascending=False
            )
            pairs[department] += [
                (n, a, "address")
                for n in names["column"].tolist()
                for a in places["column"].tolist()
            ]

    # name+birth date (or name+address) → person, from every such pair of columns of the
    # keyed events; a key seen with two persons is dropped
    known: list[pd.DataFrame] = []
    for department, key in keys.items():
        events = dataset.logs[department].events
        for name_column, birth_column, kind in pairs[department]:
            nb = _name_birth_keys(
                events,
                name_column,
                birth_column,
                _masks(columns, department, name_column, birth_column),
                kind,
            )
            ok = nb.notna() & key.notna()
            known.append(pd.DataFrame({"nb": nb[ok], "person": key[ok], "department": department}))
    lookup = pd.Series(dtype=object)
    # in how many departments each name+birth date key was seen with a resident
    seen_in = pd.Series(dtype="int64")
    ambiguous: frozenset[str] = frozenset()
    if known:
        table = pd.concat(known, ignore_index=True).drop_duplicates()
        seen_in = table.drop_duplicates(["nb", "department"])["nb"].value_counts()
        table = table.drop_duplicates(["nb", "person"])
        counts = table.groupby("nb")["person"].transform("size")
        lookup = table[counts == 1].set_index("nb")["person"]
        ambiguous = frozenset(table.loc[counts > 1, "nb"].astype(str))

    alternatives: dict[str, list[pd.Series]] = {}
    for department, key in keys.items():
        if not key.isna().any() or not pairs[department]:
            continue
        events = dataset.logs[department].events
        cases = _cases(events)
        options: list[tuple[int, int, int, str, str, str, pd.Series]] = []
        for name_column, birth_column, kind in pairs[department]:
            if kind != "birth_date" and department not in undated:
                continue  # (offered to the undated departments only)
            nb = _name_birth_keys(
                events,
                name_column,
                birth_column,
                _masks(columns, department, name_column, birth_column),
                kind,
            )
            filled = int(nb.notna().sum())
            if filled:
                hits = int(nb.dropna().drop_duplicates().isin(lookup.index).sum())
                options.append(
                    (-_confirmed(nb, key, lookup, seen_in), -hits, -filled, name_column,
                     birth_column, kind, nb)
                )  # fmt: skip
        options.sort(key=lambda o: o[:6])
        filled_keys = []
        kinds = [o[5] for o in options[:_MAX_ALTERNATIVES]]
        for *_, nb in options[:_MAX_ALTERNATIVES]:
            missing = key.isna() & nb.notna()
            resolved = nb[missing].map(lookup)
            resolved = resolved.where(resolved.notna(), "~" + nb[missing].astype(str))
            new = key.copy()
            new[missing] = resolved
            filled_keys.append(_fill_within_case(cases, new))
        if not filled_keys:
            continue
        keys[department] = filled_keys[0]
        if how[department] == NO_LINK:
            alternatives[department] = filled_keys
            if keys[department].notna().any():
                how[department] = NAME_BIRTH if kinds[0] == "birth_date" else NAME_ADDRESS
    return _with_present(Linkage(keys, how, alternatives, ambiguous, keyed, via), as_read)


def _confirmed(nb: pd.Series, key: pd.Series, lookup: pd.Series, seen_in: pd.Series) -> int:
    """How many of a department's residents with a key of their own the name+birth date
    pair finds again as the same resident in another department: the pair that names the
    keyed resident (a claimant's name and birth date, not a child's, nor the child's name
    with the claimant's birth date). 0 for a department without keys."""
    both = pd.DataFrame({"nb": nb, "key": key}).dropna().drop_duplicates()
    if both.empty:
        return 0
    found = both["nb"].map(lookup)
    # seen in this department and at least one other
    elsewhere = both["nb"].map(seen_in).fillna(0).to_numpy() >= 2
    return int(((found == both["key"]).to_numpy() & elsewhere).sum())


def _with_present(linkage: Linkage, as_read: dict[str, tuple[pd.Series, np.ndarray]]) -> Linkage:
    """``linkage`` knowing where the keys kept as read are present (see
    :meth:`Linkage.present`)."""
    for department, (raw, present) in as_read.items():
        if linkage.keys[department] is raw:
            mask = present.copy()
            mask.flags.writeable = False
            linkage._present[department] = (raw, mask)
    return linkage
