"""Data silos: the same field of the same residents kept by several department systems.

:func:`match_fields` finds, across departments, the data columns that hold the same field
(address, name, birth date, phone, bank account …) of the same residents, whatever their
headers, and measures how far the copies have drifted apart:

1. **Profile** every data column: its field type is read from the shape of a sample of its
   values (12 digits → 個人番号, ``090-…`` → phone, 和暦 dates, 丁目/番地 addresses, katakana
   names, 銀行/支店 …) with the header as a secondary signal (:func:`profile_columns`).
2. **Link residents** across systems by the ``person`` key, or, where a system has none,
   by normalised name + birth date (the ``linkage`` column says which).
3. **Compare values** of the same residents (each resident's latest value per column,
   normalised by :mod:`procmine.text.values`): for two columns of comparable types, the
   share of shared residents whose values agree, corrected for chance (Cohen's kappa).
4. **Group** columns best-supported first (average linkage over pooled agreement, never two
   columns of one export holding the same thing, never with a column that clearly
   disagrees). A column that looks alike but holds other data (a facility's address, a
   child's name, an employer's phone) disagrees with the residents' copies and stays out;
   it may form a group of its own with columns it agrees with (a child's name kept by two
   departments is a silo too). Columns whose values cannot be compared (too few shared
   residents, no resident link) join a group of their type only on a near-identical header
   (``matched_by = "header"``).

Examples
--------
>>> import pandas as pd
>>> from procmine.model import Dataset, EventLog
>>> def log(dept, header, values):
...     events = pd.DataFrame({"case": [f"{dept}{i}" for i in range(len(values))],
...         "activity": "受付", "timestamp": pd.Timestamp("2024-04-01"),
...         "person": [f"p{i}" for i in range(len(values))], header: values})
...     return EventLog(dept, events, (header,), (f"{dept}.csv",))
>>> addr = [f"光陽市本町{i}丁目{i + 1}番{i + 2}号" for i in range(1, 9)]
>>> ds = Dataset(logs={"SHIMIN": log("SHIMIN", "住所", addr),
...     "ZEIMU": log("ZEIMU", "現住所", [a.replace("丁目", "-").replace("番", "-")
...                                      .replace("号", "") for a in addr])},
...     mappings=[], accounting=[])
>>> silos = match_fields(ds, min_persons=5)
>>> silos[["field", "department", "column", "agreement", "format_only_rate"]]
  field department column  agreement  format_only_rate
0    住所     SHIMIN     住所        1.0               0.0
1    住所      ZEIMU    現住所        1.0               1.0
>>> column_fields(silos)
{('SHIMIN', '住所'): '住所', ('ZEIMU', '現住所'): '住所'}
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from procmine.errors import ConfigError
from procmine.model import Dataset

from ._copies import Codebook, Copy, build_copies, equal_codes, shared_positions
from ._group import group_copies
from ._link import NAME_BIRTH, NO_LINK, PERSON_KEY, link_persons
from ._profile import FIELD_LABELS, FIELD_TYPES, header_type, profile_columns, value_shape

__all__ = [
    "FIELD_LABELS",
    "FIELD_TYPES",
    "NAME_BIRTH",
    "NO_LINK",
    "PERSON_KEY",
    "SILO_COLUMNS",
    "column_fields",
    "header_type",
    "match_fields",
    "profile_columns",
    "value_shape",
]

#: Columns of the table returned by :func:`match_fields`, in order.
SILO_COLUMNS: tuple[str, ...] = (
    "field",
    "department",
    "column",
    "field_type",
    "values",
    "persons",
    "coverage",
    "agreement",
    "inconsistency_rate",
    "format_only_rate",
    "authoritative",
    "departments_in_group",
    "linkage",
    "matched_by",
    "shared_persons",
)

#: Copies whose number of residents is within this share of the largest count as
#: "equally complete" when choosing the authoritative copy.
_TIE = 0.01


def match_fields(
    dataset: Dataset,
    *,
    min_agreement: float = 0.3,
    min_persons: int = 10,
    sample_size: int = 2000,
) -> pd.DataFrame:
    """Find the fields that several department systems each keep their own copy of.

    Parameters
    ----------
    dataset
        The loaded logs (:func:`procmine.load`).
    min_agreement
        Least chance-corrected agreement (Cohen's kappa, 0–1) between columns of different
        systems, pooled over the residents they share, for them to hold the same field.
        Copies of one field agree on most residents, but not all: stale values, a home and
        a mobile phone, or a second bank account in 20–35 % of residents per department
        bring two copies of an account down to about 0.5. Columns about other people agree
        on almost none (kappa ≈ 0). Default 0.3.
    min_persons
        Least number of shared residents (pooled over the columns of two groups) on which
        two groups may be merged by their values. A column sharing fewer residents with
        every group joins one only if those few agree, or on a near-identical header.
        Default 10.
    sample_size
        Events per column examined to decide its field type. Default 2000.

    Returns
    -------
    pandas.DataFrame
        One row per (field group, department, column) for groups spanning at least two
        departments, sorted by ``field, department, column``; columns :data:`SILO_COLUMNS`:

        ``field``
            Group name: the Japanese name of the field type (住所, 氏名, 生年月日 …) for the
            largest group of a recognised type, otherwise the most common header.
        ``department``, ``column``
            The data column.
        ``field_type``
            One of :data:`FIELD_TYPES`.
        ``values``, ``persons``, ``coverage``
            Non-empty values; residents with a value; their share of the department's
            residents.
        ``agreement``, ``inconsistency_rate``, ``format_only_rate``
            Over the residents shared with the authoritative copy: the share whose
            normalised values agree, the share whose values differ even after
            normalisation (real differences: stale, typo, another account …) and the share
            whose raw values differ only in notation (丁目 vs hyphen, 髙 vs 高, an omitted
            方書, 和暦 vs 西暦 …). The authoritative row has 1, 0, 0.
        ``authoritative``
            One per group: the copy with most residents; near-ties (within 1 %) go to the
            copy whose values were recorded first.
        ``departments_in_group``
            Departments holding the field.
        ``linkage``
            How the department's events were linked to residents: ``"person key"``,
            ``"name+birth date"`` or ``"none"``.
        ``matched_by``
            How the column joined the group: ``"values"`` (agreement of values),
            ``"header"`` (values could not be compared; near-identical header and same
            type) or ``"part"`` (one part of a bank account kept in separate columns of
            an export, grouped with the export's other parts).
        ``shared_persons``
            Residents compared with the authoritative copy.

    Raises
    ------
    ConfigError
        If ``min_agreement`` is outside 0–1 or ``min_persons`` is below 1.
    """
    if not 0.0 <= min_agreement <= 1.0:
        raise ConfigError(f"min_agreement must be between 0 and 1, got {min_agreement}")
    if min_persons < 1:
        raise ConfigError(f"min_persons must be at least 1, got {min_persons}")
    profiles = profile_columns(dataset, sample_size=sample_size)
    if profiles.empty:
        return pd.DataFrame(columns=list(SILO_COLUMNS))
    linkage = link_persons(dataset, profiles)
    copies, books = build_copies(dataset, profiles, linkage)
    groups, how, _pairs = group_copies(
        copies, books, min_agreement=min_agreement, min_persons=min_persons
    )
    silos = [g for g in groups if len({copies[i].department for i in g}) >= 2]
    names = _group_names(copies, silos)
    rows: list[dict[str, object]] = []
    for members, name in zip(silos, names, strict=True):
        rows.extend(_group_rows(copies, books, members, name, how))
    table = pd.DataFrame(rows, columns=list(SILO_COLUMNS))
    return table.sort_values(["field", "department", "column"], kind="stable").reset_index(
        drop=True
    )


def column_fields(silos: pd.DataFrame) -> dict[tuple[str, str], str]:
    """``(department, column) → field`` for every column of :func:`match_fields`' table.

    >>> import pandas as pd
    >>> column_fields(pd.DataFrame({"field": ["住所"], "department": ["ZEIMU"],
    ...                             "column": ["現住所"]}))
    {('ZEIMU', '現住所'): '住所'}
    """
    return {
        (str(d), str(c)): str(f)
        for f, d, c in zip(silos["field"], silos["department"], silos["column"], strict=True)
    }


def _dominant_type(copies: list[Copy], members: list[int]) -> str:
    weight: Counter[str] = Counter()
    for i in members:
        weight[copies[i].field_type] += max(copies[i].persons, 1)
    return min(weight.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _common_header(copies: list[Copy], members: list[int]) -> str:
    counts = Counter(copies[i].column for i in members)
    return min(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]


def _group_names(copies: list[Copy], groups: list[list[int]]) -> list[str]:
    """A distinct name per group; the largest group of a type gets the type's label."""
    order = sorted(
        range(len(groups)),
        key=lambda g: (
            -sum(copies[i].persons for i in groups[g]),
            min(copies[i].ident for i in groups[g]),
        ),
    )
    taken: set[str] = set()
    names = [""] * len(groups)
    for g in order:
        ftype = _dominant_type(copies, groups[g])
        candidates = [FIELD_LABELS[ftype]] if ftype in FIELD_LABELS else []
        candidates.append(_common_header(copies, groups[g]))
        name = next((c for c in candidates if c not in taken), None)
        if name is None:
            base, n = candidates[-1], 2
            while f"{base} ({n})" in taken:
                n += 1
            name = f"{base} ({n})"
        taken.add(name)
        names[g] = name
    return names


def _authoritative(copies: list[Copy], members: list[int]) -> int:
    """Most residents; near-ties go to the copy whose values were recorded first."""
    most = max(copies[i].persons for i in members)
    tied = [i for i in members if copies[i].persons >= (1 - _TIE) * most and most > 0]
    if len(tied) <= 1:
        return tied[0] if tied else min(members, key=lambda i: copies[i].ident)
    score = dict.fromkeys(tied, 0)
    for a in tied:
        for b in tied:
            if a < b:
                ia, ib = shared_positions(copies[a], copies[b])
                ta, tb = copies[a].since[ia], copies[b].since[ib]
                wins = int((ta < tb).sum()) - int((tb < ta).sum())
                score[a] += wins
                score[b] -= wins
    return min(tied, key=lambda i: (-score[i], copies[i].ident))


def _group_rows(
    copies: list[Copy],
    books: dict[str, Codebook],
    members: list[int],
    name: str,
    how: dict[int, str],
) -> list[dict[str, object]]:
    auth = _authoritative(copies, members)
    ref = copies[auth]
    departments = len({copies[i].department for i in members})
    rows = []
    for i in sorted(members, key=lambda k: copies[k].ident):
        c = copies[i]
        linked = c.linkage != NO_LINK
        agreement = inconsistency = format_only = float("nan")
        shared = 0
        if i == auth:
            agreement, inconsistency, format_only = 1.0, 0.0, 0.0
        elif linked and c.family == ref.family:
            ic, ir = shared_positions(c, ref)
            shared = len(ic)
            if shared:
                eq = equal_codes(c.norm[ic], ref.norm[ir], ref.field_type, books.get(ref.family))
                raw_differs = c.raw[ic] != ref.raw[ir]
                agreement = float(eq.mean())
                inconsistency = 1.0 - agreement
                format_only = float((eq & raw_differs).mean())
        coverage = c.persons / c.dept_persons if linked and c.dept_persons else float("nan")
        rows.append(
            {
                "field": name,
                "department": c.department,
                "column": c.column,
                "field_type": c.field_type,
                "values": c.values,
                "persons": c.persons if linked else 0,
                "coverage": coverage,
                "agreement": agreement,
                "inconsistency_rate": inconsistency,
                "format_only_rate": format_only,
                "authoritative": i == auth,
                "departments_in_group": departments,
                "linkage": c.linkage,
                "matched_by": how[i],
                "shared_persons": shared if i != auth else c.persons,
            }
        )
    return rows
