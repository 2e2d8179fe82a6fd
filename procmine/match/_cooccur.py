"""Co-occurrence of activities of different departments in the same resident visits.

A *visit* is one resident (the ``person`` key) on one calendar day. Work that every
counter repeats (queue ticket, identity check, the form with the resident's basic data)
happens in nearly every visit that touches both departments; work tied to one procedure
or done in the back office on other days rarely meets in one visit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from procmine._codes import as_text, factorize_text
from procmine.discover import apply_aliases
from procmine.model import ACTIVITY, PERSON, TIMESTAMP

if TYPE_CHECKING:  # pragma: no cover
    from procmine.model import Dataset, ProcessMap

COLUMNS = ["department_a", "activity_a", "department_b", "activity_b", "cooccurrence"]

#: Department pairs sharing fewer visits than this are not measured.
MIN_SHARED_VISITS = 5
#: Visits added to the denominator of the Jaccard index: a share measured on a handful of
#: visits (a department rarely visited together with another) is shrunk towards 0, so two
#: activities that met in 3 of 3 visits do not count like two that met in 300 of 300.
PSEUDO_VISITS = 5


def cooccurrence(
    dataset: Dataset,
    maps: Mapping[str, ProcessMap] | None = None,
    *,
    min_shared_visits: int = MIN_SHARED_VISITS,
) -> pd.DataFrame:
    """Share of shared visits in which two activities of different departments both occur.

    For two departments, the *shared visits* are the (person, day) pairs with events in
    both. For activities ``a`` and ``b`` of those departments, with ``n_a`` and ``n_b``
    the shared visits that contain them and ``n_ab`` those that contain both, the
    co-occurrence is the Jaccard index ``n_ab / (n_a + n_b − n_ab + PSEUDO_VISITS)``: near
    1 when they always come together in many visits, near 0 when they belong to different
    visits (other procedures, back office on other days) or met in too few visits to tell
    (:data:`PSEUDO_VISITS` shrinks shares measured on a handful of visits).

    Parameters
    ----------
    dataset : Dataset
        Loaded logs; only departments whose events carry a ``person`` key count.
    maps : Mapping[str, ProcessMap], optional
        Discovered maps; their ``aliases`` rename spelling variants to the activity names
        the maps use.
    min_shared_visits : int, default 5
        Department pairs with fewer shared visits are left out (too little to measure).

    Returns
    -------
    DataFrame
        ``department_a, activity_a, department_b, activity_b, cooccurrence`` for every
        pair of activities that occur in shared visits (``department_a <
        department_b``), sorted; empty without person keys.

    Examples
    --------
    >>> from procmine.model import Dataset, EventLog
    >>> def log(dept, rows):
    ...     ev = pd.DataFrame(rows, columns=["case", "activity", "timestamp", "person"])
    ...     ev["timestamp"] = pd.to_datetime(ev["timestamp"])
    ...     return EventLog(dept, ev, (), (f"{dept}.csv",))
    >>> a = log("A", [(1, "本人確認", "2026-04-01 09:00", "p1"), (2, "本人確認", "2026-04-02 09:00", "p2")])
    >>> b = log("B", [(7, "申請者確認", "2026-04-01 11:00", "p1"), (8, "申請者確認", "2026-04-02 10:00", "p2")])
    >>> cooccurrence(Dataset({"A": a, "B": b}, [], []), min_shared_visits=1)
      department_a activity_a department_b activity_b  cooccurrence
    0            A       本人確認            B      申請者確認        0.2857
    """
    persons: list[pd.Series] = []
    days: list[np.ndarray] = []
    key_codes: list[np.ndarray] = []
    key_dept: list[int] = []
    key_act: list[str] = []
    depts: list[str] = []
    for dept in sorted(dataset.logs):
        ev = dataset.logs[dept].events
        if PERSON not in ev or ev[PERSON].isna().all() or ev.empty:
            continue
        ev = ev[ev[PERSON].notna()]
        aliases = maps[dept].aliases if maps is not None and dept in maps else {}
        # the aliases and the sorted codes, worked out once per distinct label
        raw, texts = factorize_text(ev[ACTIVITY])
        acts = apply_aliases(pd.Series(texts, dtype="string"), aliases)
        codes, labels = pd.factorize(acts, sort=True)
        codes = codes[raw]
        key_codes.append(codes.astype(np.int64) + len(key_act))
        key_dept.extend([len(depts)] * len(labels))
        key_act.extend(str(a) for a in labels)
        depts.append(dept)
        persons.append(as_text(ev[PERSON]).reset_index(drop=True))
        # The calendar day of each event (NaT stays one value of its own).
        days.append(ev[TIMESTAMP].to_numpy().astype("datetime64[D]").astype(np.int64))
    if len(depts) < 2:
        return pd.DataFrame(columns=COLUMNS)
    # A visit is one (person, day); each (visit, activity key) counts once.
    person = pd.factorize(pd.concat(persons, ignore_index=True))[0].astype(np.int64)
    day_code, day_values = pd.factorize(np.concatenate(days))
    visit = person * len(day_values) + day_code
    key = np.concatenate(key_codes)
    pairs = _sorted_distinct(visit * len(key_act) + key)
    v, k = pairs // len(key_act), pairs % len(key_act)
    v = _dense_rank(v)
    key_dept_arr = np.asarray(key_dept, dtype=np.int64)
    from scipy import sparse

    n_visits = int(v.max()) + 1
    incid = sparse.csr_matrix((np.ones(len(v)), (v, k)), shape=(n_visits, len(key_act)))
    present = np.zeros((n_visits, len(depts)), dtype=bool)
    present[v, key_dept_arr[k]] = True
    rows: list[tuple[str, str, str, str, float]] = []
    for x, da in enumerate(depts):
        for y in range(x + 1, len(depts)):
            db = depts[y]
            shared = present[:, x] & present[:, y]
            if shared.sum() < min_shared_visits:
                continue
            sub = incid[np.flatnonzero(shared)]
            ka = np.flatnonzero(key_dept_arr == x)
            kb = np.flatnonzero(key_dept_arr == y)
            sa, sb = sub[:, ka], sub[:, kb]
            na = np.asarray(sa.sum(axis=0)).ravel()
            nb = np.asarray(sb.sum(axis=0)).ravel()
            both = (sa.T @ sb).toarray()
            union = na[:, None] + nb[None, :] - both + PSEUDO_VISITS
            with np.errstate(invalid="ignore", divide="ignore"):
                jac = np.where(union > 0, both / union, 0.0)
            for r, c in zip(*np.nonzero(both), strict=True):
                rows.append((da, key_act[ka[r]], db, key_act[kb[c]], round(float(jac[r, c]), 4)))
    out = pd.DataFrame(rows, columns=COLUMNS)
    return out.sort_values(COLUMNS[:4], ignore_index=True)


def _sorted_distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` of a 1-d integer array: sorting and dropping repeats is many
    times faster than numpy's hash-based ``unique`` on a million codes.

    >>> _sorted_distinct(np.array([5, 1, 5, 3, 1])).tolist()
    [1, 3, 5]
    """
    ordered = np.sort(values)
    first = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def _dense_rank(ordered: np.ndarray) -> np.ndarray:
    """Codes 0, 1, … of the runs of equal values in a sorted array (= ``pd.factorize``
    of sorted values).

    >>> _dense_rank(np.array([2, 2, 7, 9, 9])).tolist()
    [0, 0, 1, 2, 2]
    """
    if not len(ordered):
        return np.zeros(0, dtype=np.int64)
    change = np.ones(len(ordered), dtype=np.int64)
    np.not_equal(ordered[1:], ordered[:-1], out=change[1:], casting="unsafe")
    return np.cumsum(change) - 1
