"""Which resident each event is about, across department systems.

The ``person`` column is the cross-system key. Where it is missing (for a whole system or
for some events) residents are linked by their normalised name and birth date instead:
a name+birth-date key seen with exactly one person elsewhere is read as that person, any
other one stands for itself. Within a case that concerns a single resident, that resident
is given to the case's events without a key.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from procmine._codes import as_text
from procmine.model import CASE, PERSON, Dataset
from procmine.text.values import normalize_many

from ._profile import non_empty, non_empty_mask

#: How the events of a department were linked to residents.
PERSON_KEY = "person key"
NAME_BIRTH = "name+birth date"
NO_LINK = "none"

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
    linked = {d: k.notna().to_numpy(dtype=bool) for d, k in linkage.keys.items()}
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
                "linkage": linkage.how[department],
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
    cells[mask] = as_text(present).str.strip().to_numpy(dtype=object)
    return pd.Series(cells, index=values.index, dtype=object), mask


def _cases(events: pd.DataFrame) -> pd.Series:
    return events[CASE].astype(str).reset_index(drop=True)


def _fill_within_case(cases: pd.Series, keys: pd.Series) -> pd.Series:
    """Give events without a key the key of their case when the case has only one."""
    missing = keys.isna()
    if not missing.any() or missing.all():
        return keys
    known = pd.DataFrame({"case": cases[~missing], "key": keys[~missing]})
    per_case = known.drop_duplicates().groupby("case", sort=False)["key"]
    single = per_case.first()[per_case.size() == 1]
    filled = cases[missing].map(single)
    out = keys.copy()
    out[missing] = filled
    return out.where(out.notna(), None).astype(object)


def _name_birth_keys(events: pd.DataFrame, name_column: str, birth_column: str) -> pd.Series:
    """``name|YYYY-MM-DD`` per event that has both values (missing elsewhere)."""
    names = non_empty(events[name_column])
    births = non_empty(events[birth_column])
    both = names.index.intersection(births.index)
    out = pd.Series(None, index=pd.RangeIndex(len(events)), dtype=object)
    if both.empty:
        return out
    n_uni = pd.unique(names.loc[both].to_numpy(dtype=object))
    b_uni = pd.unique(births.loc[both].to_numpy(dtype=object))
    n_map = dict(zip(n_uni, normalize_many(list(n_uni), "name"), strict=True))
    b_map = dict(zip(b_uni, normalize_many(list(b_uni), "birth_date"), strict=True))
    n_norm = names.loc[both].map(n_map)
    b_norm = births.loc[both].map(b_map)
    good = (n_norm != "") & (b_norm != "")
    out.loc[both[good.to_numpy()]] = (n_norm[good] + "|" + b_norm[good]).to_numpy()
    return out


def link_persons(dataset: Dataset, profiles: pd.DataFrame) -> Linkage:
    """Resident keys for every event of every department (see the module docstring)."""
    keys: dict[str, pd.Series] = {}
    how: dict[str, str] = {}
    keyed: dict[str, int] = {}
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
        keys[department] = _fill_within_case(_cases(events), raw)

    if not any(k.isna().any() for k in keys.values()):
        return Linkage(keys, how, keyed_events=keyed)

    # candidate (name, birth date) column pairs per department
    pairs: dict[str, list[tuple[str, str]]] = {}
    for department in keys:
        prof = profiles[profiles["department"] == department]
        names = prof.loc[prof["field_type"] == "name"].sort_values("values", ascending=False)
        births = prof.loc[prof["field_type"] == "birth_date"].sort_values("values", ascending=False)
        pairs[department] = [
            (n, b) for n in names["column"].tolist() for b in births["column"].tolist()
        ]

    # name+birth date → person, from every (name, birth date) pair of the keyed events;
    # a name+birth date seen with two persons is dropped
    known: list[pd.DataFrame] = []
    for department, key in keys.items():
        events = dataset.logs[department].events
        for name_column, birth_column in pairs[department]:
            nb = _name_birth_keys(events, name_column, birth_column)
            ok = nb.notna() & key.notna()
            known.append(pd.DataFrame({"nb": nb[ok], "person": key[ok]}))
    lookup = pd.Series(dtype=object)
    ambiguous: frozenset[str] = frozenset()
    if known:
        table = pd.concat(known, ignore_index=True).drop_duplicates()
        counts = table.groupby("nb")["person"].transform("size")
        lookup = table[counts == 1].set_index("nb")["person"]
        ambiguous = frozenset(table.loc[counts > 1, "nb"].astype(str))

    alternatives: dict[str, list[pd.Series]] = {}
    for department, key in keys.items():
        if not key.isna().any() or not pairs[department]:
            continue
        events = dataset.logs[department].events
        cases = _cases(events)
        options: list[tuple[int, int, str, str, pd.Series]] = []
        for name_column, birth_column in pairs[department]:
            nb = _name_birth_keys(events, name_column, birth_column)
            filled = int(nb.notna().sum())
            if filled:
                hits = int(nb.dropna().drop_duplicates().isin(lookup.index).sum())
                options.append((-hits, -filled, name_column, birth_column, nb))
        options.sort(key=lambda o: o[:4])
        filled_keys = []
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
                how[department] = NAME_BIRTH
    return Linkage(keys, how, alternatives, ambiguous, keyed)
