"""Data silos: the same field of the same residents kept by several department systems.

:func:`match_fields` finds, across departments, the data columns that hold the same field
(address, name, birth date, phone, bank account …) of the same residents, whatever their
headers, and measures how far the copies have drifted apart:

1. **Profile** every data column: its field type is read from the shape of a sample of its
   values (12 digits → 個人番号, ``090-…`` → phone, 和暦 dates, 丁目/番地 addresses, katakana
   names, 銀行/支店 …) with the header as a secondary signal (:func:`profile_columns`).
2. **Link residents** across systems by the ``person`` key, or, where a system has none,
   by normalised name + birth date (the ``linkage`` column says which;
   :func:`linkage_quality` says how many residents were matched, left unmatched or were
   ambiguous).
3. **Compare values** of the same residents (each resident's latest value per column,
   normalised by :mod:`procmine.text.values`): for two columns of comparable types, the
   share of shared residents whose values agree, corrected for chance (Cohen's kappa, the
   chance taken from both columns' value frequencies).
4. **Group** columns best-supported first (average linkage over pooled agreement, never two
   columns of one export holding the same thing, never with a column that clearly
   disagrees). A column that looks alike but holds other data (a facility's address, a
   child's name, an employer's phone) disagrees with the residents' copies and stays out;
   it may form a group of its own with columns it agrees with (a child's name kept by two
   departments is a silo too). A column that fits two groups (a claimant who is mostly
   the head of household) goes where the residents whose values in the two groups differ
   say, and where none do (or too few to be sure), where its header fits, English headers
   read in Japanese (Household Head → 世帯主). Columns whose values cannot be compared
   (too few shared residents, no resident link) join a group of their type when the few
   residents they share agree well beyond chance, on a near-identical header
   (``matched_by = "header"``), or by category labels found only in that group
   (``"vocabulary"``: 要介護度 copied for residents no other system holds).
5. **Measure** every copy against the other systems holding the same residents (one vote
   per system, each weighted by its estimated accuracy): the share of its residents whose
   value agrees (``exact`` or ``format_only``), is a value another system held earlier
   (``stale``) or differs otherwise (``conflict``); :func:`silo_values` gives the counts.

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

import dataclasses
import hashlib
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from procmine.errors import ColumnError, ConfigError
from procmine.model import CASE, PERSON, Dataset, EventLog

from . import _split
from ._copies import Codebook, Copy, build_copies, equal_codes, shared_positions
from ._group import BY_PART, group_copies
from ._link import (
    KEY_VIA,
    LINKAGE_COLUMNS,
    NAME_ADDRESS,
    NAME_BIRTH,
    NO_LINK,
    PERSON_KEY,
    Linkage,
    link_persons,
    linkage_table,
)
from ._measure import COINCIDE, Counts, measure_group
from ._profile import (
    FIELD_LABELS,
    FIELD_TYPES,
    ColumnCodes,
    field_label,
    header_type,
    profile_all,
    profile_columns,
    value_shape,
)

__all__ = [
    "COINCIDE",
    "FIELD_LABELS",
    "FIELD_TYPES",
    "KEY_VIA",
    "LINKAGE_COLUMNS",
    "NAME_ADDRESS",
    "NAME_BIRTH",
    "NO_LINK",
    "PERSON_KEY",
    "SILO_COLUMNS",
    "SILO_VALUE_COLUMNS",
    "column_fields",
    "field_label",
    "header_type",
    "linkage_quality",
    "match_fields",
    "profile_columns",
    "resident_keys",
    "silo_values",
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
    "stale_rate",
    "conflict_rate",
    "missing_rate",
    "linked_share",
)

#: Columns of the table returned by :func:`silo_values`, in order.
SILO_VALUE_COLUMNS: tuple[str, ...] = (
    "field",
    "department",
    "column",
    "authoritative",
    "persons",
    "compared",
    "exact",
    "format_only",
    "stale",
    "conflict",
    "missing",
    "tied",
)

#: Copies whose number of residents is within this share of the largest count as
#: "equally complete" when choosing the authoritative copy.
_TIE = 0.01


@dataclass
class _State:
    """Every data column reduced to one value per resident (see :mod:`._copies`)."""

    linkage: Linkage
    copies: list[Copy]
    books: dict[str, Codebook]
    raw_books: dict[str, Codebook]
    #: :func:`measure_group` results by (members in order, authoritative copy)
    measured: dict[tuple[tuple[int, ...], int], dict[int, Counts]] = dataclasses.field(
        default_factory=dict
    )
    #: :func:`linkage_table` of ``linkage``, once made
    linkage_rows: pd.DataFrame | None = None

    def measure(self, members: list[int], auth: int) -> dict[int, Counts]:
        """:func:`measure_group` of ``members`` against ``auth``, computed once per state
        (:func:`match_fields` and :func:`silo_values` measure the same groups). The copies
        do not change once the state is built and measuring only adds codes for new texts
        to the codebooks, never changes one, so a second measurement would give the same
        counts; each call gets its own copies of them."""
        key = (tuple(members), auth)
        if key not in self.measured:
            self.measured[key] = measure_group(
                self.copies, members, auth, self.books, self.raw_books
            )
        return {i: dataclasses.replace(n) for i, n in self.measured[key].items()}

    def linkage_quality(self) -> pd.DataFrame:
        """:func:`linkage_table` of ``linkage``, made once."""
        if self.linkage_rows is None:
            self.linkage_rows = linkage_table(self.linkage)
        return self.linkage_rows.copy()


def _prepare(dataset: Dataset, sample_size: int) -> _State | None:
    """The prepared columns of ``dataset``, built once per dataset and sample size:
    :func:`match_fields`, :func:`silo_values` and :func:`linkage_quality` all start here."""
    cache = dataset.__dict__.setdefault("_fields_prepared", {})
    if sample_size not in cache:
        cache[sample_size] = _build_state(dataset, sample_size)
    return cache[sample_size]


def _with_registers(dataset: Dataset) -> Dataset:
    """``dataset`` whose departments' events are followed by their registers' rows (a
    register alone is a department of its own): the columns of both are copies of the
    department's, and the events keep their positions."""
    if not dataset.registers:
        return dataset
    logs = dict(dataset.logs)
    for department, register in sorted(dataset.registers.items()):
        log = logs.get(department)
        if log is None:
            logs[department] = register
            continue
        columns = tuple(dict.fromkeys((*log.data_columns, *register.data_columns)))
        # a register's rows are no cases of the log, whatever their ids (宛名番号 1 … beside
        # case numbers 1 …)
        rows = register.events.assign(**{CASE: "台帳:" + register.events[CASE].astype(str)})
        events = pd.concat([log.events, rows], ignore_index=True)
        logs[department] = EventLog(
            department, events, columns, tuple(dict.fromkeys((*log.sources, *register.sources)))
        )
    return dataclasses.replace(dataset, logs=logs, registers={})


def _build_state(dataset: Dataset, sample_size: int) -> _State | None:
    dataset = _with_registers(dataset)
    columns = ColumnCodes(dataset)  # each column's non-empty values, found once
    profiles = profile_all(dataset, columns, sample_size=sample_size)
    if profiles.empty:
        return None
    linkage = link_persons(dataset, profiles, columns)
    joined = _split.candidates(dataset, profiles, columns)
    numbers = _numbers_kept_as_keys(dataset, linkage, profiles)
    if joined or numbers:
        # one field in adjacent columns, tried as one column too; and the numbers a system
        # linked through another's column keeps as its key (個人番号): a copy of that field
        added_values = _split.joined_values(dataset, joined)
        for department, column, _, values in numbers:
            added_values.setdefault(department, {})[column] = values
        dataset = _split.with_columns(dataset, added_values)
        known = columns
        columns = ColumnCodes(dataset)
        columns.adopt(known)
        added = [(j.department, j.column, j.field_type) for j in joined]
        added += [(d, c, t) for d, c, t, _ in numbers]
        profiles = pd.concat([profiles, _split.profile_rows(added, columns)], ignore_index=True)
    copies, books, raw_books = build_copies(dataset, profiles, linkage, columns)
    if joined:
        copies = _split.settle(copies, joined, books)
    return _State(linkage, copies, books, raw_books)


def _numbers_kept_as_keys(
    dataset: Dataset, linkage: Linkage, profiles: pd.DataFrame
) -> list[tuple[str, str, str, pd.Series]]:
    """Per department linked :data:`KEY_VIA` another system's column (a 国保 system keyed by
    個人番号, where 市民課 keeps 個人番号 as data): its person column as read, under its
    header, typed as that column — the department's own copy of the number. ``(department,
    header, field type, values)``; none where the header is already a data column."""
    types = {
        (str(d), str(c)): str(t)
        for d, c, t in zip(profiles["department"], profiles["column"], profiles["field_type"],
                           strict=True)
    }  # fmt: skip
    out = []
    for department, via in sorted(linkage.via.items()):
        log = dataset.logs[department]
        header = next(
            (m.roles[PERSON] for m in dataset.mappings
             if department in m.departments and PERSON in m.roles),
            None,
        )  # fmt: skip
        if header is None or header in log.data_columns or PERSON not in log.events.columns:
            continue
        values = log.events[PERSON].astype("string").str.strip()
        out.append((department, header, types.get(via, "id"), values.where(values != "")))
    return out


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
        every group joins one only if those few agree well beyond chance, on a
        near-identical header, or by its category labels. Default 10.
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
            Over the residents the copy shares with the other systems of the group
            (``shared_persons``; each resident's latest value, normalised): the share whose
            value agrees with the other systems', the share whose value differs even after
            normalisation (``stale_rate + conflict_rate``) and the share whose value
            agrees but is written otherwise than the reference (丁目 vs hyphen, 髙 vs 高,
            an omitted 方書, 和暦 vs 西暦 …). Which value is right is estimated: every
            system holding the resident votes with the weight of its accuracy, itself
            estimated from how often it agrees with the others (a one-coin Dawid–Skene
            model; ``COINCIDE`` is the chance that two wrong copies hold the same wrong
            value). A master such as 住基 comes out near 1 and decides; a field without
            one (phones, accounts) is measured against what most systems hold, so the
            authoritative copy can be inconsistent too. Two copies that disagree with
            nothing else to go by share the resident according to their accuracies; the
            authoritative copy starts from a higher one. Rates are expected shares
            (sums of probabilities). The authoritative copy's ``format_only_rate`` is 0.
        ``authoritative``
            One per group: the copy with most residents; near-ties (within 1 %) go to the
            copy whose values were recorded first.
        ``departments_in_group``
            Departments holding the field.
        ``linkage``
            How the department's events were linked to residents: ``"person key"``,
            ``"person key via another system"``, ``"name+birth date"``,
            ``"name+address"`` or ``"none"``.
        ``matched_by``
            How the column joined the group: ``"values"`` (agreement of values),
            ``"header"`` (values could not be compared; near-identical header and same
            type), ``"part"`` (one part of a field kept in separate columns of an export
            — a bank account's 金融機関・支店・番号, 氏 and 名, a town and its 番地 —, grouped
            with the export's other parts; see :mod:`procmine.fields._split`) or ``"vocabulary"`` (no
            resident to compare; category labels found only in the group's columns).
        ``shared_persons``
            Residents compared (held by this and another system of the group).
        ``stale_rate``, ``conflict_rate``
            The inconsistent residents split: *stale* when the copy holds a value another
            system held for the resident earlier (changed there, not here), *conflict*
            otherwise.
        ``missing_rate``
            Residents with an event of a step that fills the column (in half of its events
            or more) but never a value, over them and the residents with a value.
        ``linked_share``
            Share of the department's residents also found in another department (see
            :func:`linkage_quality`).

    Raises
    ------
    ConfigError
        If ``min_agreement`` is outside 0–1 or ``min_persons`` is below 1.
    """
    if not 0.0 <= min_agreement <= 1.0:
        raise ConfigError(f"min_agreement must be between 0 and 1, got {min_agreement}")
    if min_persons < 1:
        raise ConfigError(f"min_persons must be at least 1, got {min_persons}")
    state = _prepare(dataset, sample_size)
    if state is None:
        return pd.DataFrame(columns=list(SILO_COLUMNS))
    from procmine.match import branches

    copies = state.copies
    groups, how, _pairs = group_copies(
        copies,
        state.books,
        min_agreement=min_agreement,
        min_persons=min_persons,
        twins=branches(dataset, twins_only=True),
    )
    silos = [g for g in groups if len({copies[i].department for i in g}) >= 2]
    names = _group_names(copies, silos)
    linked = state.linkage_quality().set_index("department")["linked_share"]
    rows: list[dict[str, object]] = []
    auths = _registers(copies, silos, [_authoritative(copies, m, state.books) for m in silos])
    for members, name, auth in zip(silos, names, auths, strict=True):
        counts = state.measure(members, auth)
        rows.extend(_group_rows(copies, members, auth, counts, name, how, linked))
    table = pd.DataFrame(rows, columns=list(SILO_COLUMNS))
    # Rates are estimates (expected shares): four decimals, so float noise such as 3e-12
    # does not read as a finding.
    rates = [
        c
        for c in table.columns
        if c.endswith(("_rate", "_share")) or c in ("coverage", "agreement")
    ]
    table[rates] = table[rates].astype(float).round(4)
    return table.sort_values(["field", "department", "column"], kind="stable").reset_index(
        drop=True
    )


def linkage_quality(dataset: Dataset, *, sample_size: int = 2000) -> pd.DataFrame:
    """How well the events of each department were linked to residents across systems.

    Parameters
    ----------
    dataset
        The loaded logs.
    sample_size
        Events per column examined to find the name and birth-date columns (see
        :func:`profile_columns`). Default 2000.

    Returns
    -------
    pandas.DataFrame
        One row per department, columns :data:`LINKAGE_COLUMNS`: ``linkage`` (``"person
        key"``, ``"person key via another system (department: column)"``, ``"name+birth
        date"``, ``"name+address"`` or ``"none"``), ``events``, ``keyed_events`` (with
        the person key in the export), ``linked_events`` (with a resident after filling
        from the case and from name + birth date), ``persons`` (distinct residents),
        ``shared_persons`` and ``linked_share`` (residents also found in another
        department, and their share), and, for departments linked by name + birth date,
        ``matched_persons`` (name + birth date found with exactly one resident of a keyed
        system), ``unmatched_persons`` (found with none) and ``ambiguous_persons`` (found
        with two or more, so left unlinked).

    Examples
    --------
    >>> import pandas as pd
    >>> from procmine.model import Dataset, EventLog
    >>> def log(dept, person):
    ...     events = pd.DataFrame({"case": ["1", "2"], "activity": "受付",
    ...         "timestamp": pd.Timestamp("2024-04-01"), "person": person})
    ...     return EventLog(dept, events, (), (f"{dept}.csv",))
    >>> ds = Dataset(logs={"A": log("A", ["p1", "p2"]), "B": log("B", ["p2", "p3"])},
    ...              mappings=[], accounting=[])
    >>> linkage_quality(ds)[["department", "linkage", "persons", "shared_persons"]]
      department     linkage  persons  shared_persons
    0          A  person key        2               1
    1          B  person key        2               1
    """
    state = _prepare(dataset, sample_size)  # also settles the name + birth-date pairing
    if state is None:
        return linkage_table(_linkage(dataset, sample_size))
    return state.linkage_quality()


def _linkage(dataset: Dataset, sample_size: int) -> Linkage:
    """The residents' linkage, as the prepared columns settled it (or found alone when
    there are no columns to prepare)."""
    state = _prepare(dataset, sample_size)
    if state is not None:
        return state.linkage
    return link_persons(dataset, profile_columns(dataset, sample_size=sample_size))


def resident_keys(dataset: Dataset, *, sample_size: int = 2000) -> dict[str, pd.Series]:
    """The resident of each event of the departments linked by name + birth date (or
    through another system's 個人番号 column), for following residents across departments
    (:mod:`procmine.journeys`).

    By position in the department's events: the person key of the keyed systems where the
    event's name + birth date is found with exactly one of their residents (or its case
    has one), else a key standing for that name + birth date alone — a digest, so that
    neither the name nor the birth date travels with it — and missing where neither is
    known. Departments with a person key of their own are not in the result.

    Examples
    --------
    >>> from procmine.model import Dataset
    >>> resident_keys(Dataset(logs={}, mappings=[], accounting=[]))
    {}
    """
    linkage = _linkage(dataset, sample_size)
    out: dict[str, pd.Series] = {}
    for department, how in sorted(linkage.how.items()):
        if how not in (NAME_BIRTH, NAME_ADDRESS, KEY_VIA):
            continue
        keys = linkage.keys[department].astype(object)
        own = keys.notna() & keys.astype(str).str.startswith("~")
        keys[own] = [
            "~" + hashlib.blake2b(str(k).encode("utf-8"), digest_size=8).hexdigest()
            for k in keys[own]
        ]
        if department in dataset.logs:  # (a register's rows follow the events: left out)
            out[department] = keys.iloc[: len(dataset.logs[department].events)].reset_index(
                drop=True
            )
    return out


def silo_values(dataset: Dataset, silos: pd.DataFrame, *, sample_size: int = 2000) -> pd.DataFrame:
    """Per copy of each silo, how many residents' values agree, differ in notation only,
    are stale, conflict or are missing: counts only, never a value.

    Parameters
    ----------
    dataset
        The loaded logs the ``silos`` were found in.
    silos
        :func:`match_fields`' table (``field``, ``department``, ``column`` and
        ``authoritative`` are used; a table whose groups were corrected by hand works
        too). A group without an authoritative row gets one as :func:`match_fields`
        would choose it.
    sample_size
        See :func:`match_fields`. Default 2000.

    Returns
    -------
    pandas.DataFrame
        One row per row of ``silos`` found in ``dataset``, sorted by ``field, department,
        column``; columns :data:`SILO_VALUE_COLUMNS`: ``persons`` (residents with a
        value), ``compared`` (residents held by another system of the group too), then
        how many of them hold a value that agrees with the other systems' (see
        :func:`match_fields`) and is written the same (``exact``) or otherwise
        (``format_only``), that is one another system held earlier (``stale``) or that
        differs otherwise (``conflict``) — expected numbers rounded to whole residents,
        so that ``compared = exact + format_only + stale + conflict`` — ``missing``
        (residents with an event of a step that fills the column but no value) and
        ``tied`` (compared residents held by only one other system of the group, with
        another value: which of the two is wrong cannot be told from them, so each copy
        counts such a resident as inconsistent with the probability its estimated
        accuracy gives, and the rest as consistent: the two copies' shares of one tied
        resident add up to one, but a copy with many tied residents has a less certain
        rate).

    Raises
    ------
    ColumnError
        If ``silos`` lacks ``field``, ``department`` or ``column``.
    """
    needed = ("field", "department", "column")
    absent = [c for c in needed if c not in silos.columns]
    if absent:
        raise ColumnError(
            f"silo table: column {absent[0]!r} not found; columns are "
            f"{', '.join(map(str, silos.columns))}; pass the table of match_fields()"
        )
    if silos.empty:
        return pd.DataFrame(columns=list(SILO_VALUE_COLUMNS))
    state = _prepare(dataset, sample_size)
    index = {} if state is None else {c.ident: i for i, c in enumerate(state.copies)}
    if state is not None:  # the parts of a joined column (氏 and 名) are that column
        index.update({(c.department, s): i for i, c in enumerate(state.copies) for s in c.sources})
    rows: list[dict[str, object]] = []
    for field, group in silos.groupby("field", sort=True):
        found = [
            (index[(str(d), str(c))], str(c), bool(a) if "authoritative" in group else False)
            for d, c, a in zip(group["department"], group["column"],
                               group.get("authoritative", pd.Series(False, index=group.index)),
                               strict=True)
            if (str(d), str(c)) in index
        ]  # fmt: skip
        if not found or state is None:
            continue
        copies = state.copies
        flagged = [i for i, _, a in found if a]
        members = list(dict.fromkeys(i for i, _, _ in found))
        auth = flagged[0] if flagged else _authoritative(copies, members, state.books)
        family = copies[auth].family
        same = [i for i in members if copies[i].family == family]
        counts = state.measure(same, auth)
        for i, column in sorted(
            {(i, column) for i, column, _ in found}, key=lambda k: (copies[k[0]].department, k[1])
        ):
            n = counts.get(i, Counts(missing=copies[i].missing))
            c = copies[i]
            exact, format_only, stale, conflict = _whole(
                n.compared, [n.exact, n.format_only, n.stale, n.conflict]
            )
            rows.append(
                {
                    "field": str(field),
                    "department": c.department,
                    "column": column,
                    "authoritative": i == auth,
                    "persons": c.persons if c.linkage != NO_LINK else 0,
                    "compared": n.compared,
                    "exact": exact,
                    "format_only": format_only,
                    "stale": stale,
                    "conflict": conflict,
                    "missing": n.missing,
                    "tied": n.tied,
                }
            )
    table = pd.DataFrame(rows, columns=list(SILO_VALUE_COLUMNS))
    return table.sort_values(["field", "department", "column"], kind="stable").reset_index(
        drop=True
    )


def _whole(total: int, parts: list[float]) -> list[int]:
    """Expected counts rounded to whole residents that still add up to ``total`` (largest
    remainders first).

    >>> _whole(10, [6.3, 2.3, 1.4, 0.0])
    [6, 2, 2, 0]
    """
    floors = [int(p) for p in parts]
    left = total - sum(floors)
    order = sorted(range(len(parts)), key=lambda k: (-(parts[k] - floors[k]), k))
    for k in order[: max(left, 0)]:
        floors[k] += 1
    return floors


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


#: Field types of the resident register's core (4情報 and sex): kept together, so the system
#: shown to record address changes first is the reference copy of all of them.
_REGISTER_TYPES = frozenset({"name", "kana", "birth_date", "sex", "address"})


def _registers(copies: list[Copy], groups: list[list[int]], auths: list[int]) -> list[int]:
    """The reference copies of ``groups`` (``auths``, see :func:`_authoritative`) with the
    register's core read together: where an address's reference copy is one that records
    the residents' moves first rather than the most complete one, its department holds the
    register, and its copy of a name, kana, birth date or sex (values that seldom change,
    so no copy can show it records them first) is their reference too, when it holds at
    least :data:`_NEARLY_COMPLETE` of the most complete copy's residents."""
    register = {
        copies[auth].department
        for members, auth in zip(groups, auths, strict=True)
        if copies[auth].field_type == "address" and auth != _most_complete(copies, members)
    }
    if len(register) != 1:
        return auths
    (department,) = register
    out = list(auths)
    for k, members in enumerate(groups):
        auth = auths[k]
        if copies[auth].field_type not in _REGISTER_TYPES or copies[auth].department == department:
            continue
        most = copies[auth].persons
        held = [
            i for i in members
            if copies[i].department == department and copies[i].persons >= _NEARLY_COMPLETE * most
        ]  # fmt: skip
        if held:
            out[k] = min(held, key=lambda i: (-copies[i].persons, copies[i].ident))
    return out


def _authoritative(
    copies: list[Copy], members: list[int], books: dict[str, Codebook] | None = None
) -> int:
    """Most residents; near-ties go to the copy whose values were recorded first; and a copy
    holding at least :data:`_NEARLY_COMPLETE` as many that clearly records the residents'
    changes first (see :func:`_updated_first`) is preferred to the most complete one (a
    register's counter log sees fewer residents than a tax office mailing everyone)."""
    best = _most_complete(copies, members)
    most = copies[best].persons
    rivals = [
        i for i in members
        if i != best and copies[i].department != copies[best].department
        and copies[i].persons >= _NEARLY_COMPLETE * most
    ]  # fmt: skip
    book = (books or {}).get(copies[best].family)
    leads = [(share, i) for i in rivals if (share := _updated_first(copies[i], copies[best], book))]
    return min(leads, key=lambda si: (-si[0], copies[si[1]].ident))[1] if leads else best


#: A copy holding at least this share of the most complete copy's residents may be the
#: authoritative one when it records changes first.
_NEARLY_COMPLETE = 0.25
#: ... over at least this many residents whose value changed and now agree ...
_MIN_CHANGES = 20
#: ... recording the current value first for at least this share of them.
_FIRST_SHARE = 2 / 3


def _changed(copy: Copy) -> np.ndarray:
    """Residents (keys) whose value in ``copy`` changed: two or more distinct values held."""
    keys, counts = np.unique(copy.hist_keys, return_counts=True)
    return keys[counts > 1]


def _updated_first(x: Copy, y: Copy, book: Codebook | None = None) -> float | None:
    """The share of the residents whose value changed for whom ``x`` had the new value
    first: of those whose copies now agree (a change in either copy's history), the ones
    ``x`` recorded before ``y`` did (ties not counted); of those whose copies disagree, the
    ones whose value in ``y`` is one ``x`` held before (``y`` is stale), against the ones
    whose value in ``x`` is one ``y`` held before. None unless there are
    :data:`_MIN_CHANGES` of them or more and the share reaches :data:`_FIRST_SHARE` (the
    master: 住民記録 records a move before the copies hear of it)."""
    if x.family != y.family:
        return None
    ix, iy = shared_positions(x, y)
    same = equal_codes(x.norm[ix], y.norm[iy], x.field_type, book)
    changed = np.isin(x.keys[ix], np.union1d(_changed(x), _changed(y)))
    tx, ty = x.since[ix[same & changed]], y.since[iy[same & changed]]
    first, later = int((tx < ty).sum()), int((ty < tx).sum())
    apart = ~same & (x.norm[ix] >= 0) & (y.norm[iy] >= 0)
    keys = x.keys[ix[apart]]
    first += int(_held(x, keys, y.norm[iy[apart]]).sum())
    later += int(_held(y, keys, x.norm[ix[apart]]).sum())
    decided = first + later
    if decided < _MIN_CHANGES or first < _FIRST_SHARE * decided:
        return None
    return first / decided


def _held(copy: Copy, keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per (resident, normalised value code): whether ``copy`` ever held that value for that
    resident (its history of distinct values)."""
    if not len(keys) or not len(copy.hist_keys):
        return np.zeros(len(keys), dtype=bool)
    width = int(max(copy.hist_norm.max(initial=0), values.max(initial=0))) + 2
    held = copy.hist_keys.astype(np.int64) * width + (copy.hist_norm.astype(np.int64) + 1)
    asked = keys.astype(np.int64) * width + (values.astype(np.int64) + 1)
    return np.isin(asked, held)


def _most_complete(copies: list[Copy], members: list[int]) -> int:
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
    members: list[int],
    auth: int,
    counts: dict[int, Counts],
    name: str,
    how: dict[int, str],
    linked: pd.Series,
) -> list[dict[str, object]]:
    departments = len({copies[i].department for i in members})
    rows = []
    for i in sorted(members, key=lambda k: copies[k].ident):
        c = copies[i]
        n = counts[i]
        is_linked = c.linkage != NO_LINK
        coverage = c.persons / c.dept_persons if is_linked and c.dept_persons else float("nan")
        held = c.persons + n.missing
        for part, column in enumerate(c.sources or (c.column,)):  # a joined column: its parts
            rows.append(
                {
                    "field": name,
                    "department": c.department,
                    "column": column,
                    "field_type": c.field_type,
                    "values": c.values,
                    "persons": c.persons if is_linked else 0,
                    "coverage": coverage,
                    "agreement": (n.exact + n.format_only) / n.compared
                    if n.compared
                    else float("nan"),
                    "inconsistency_rate": (n.stale + n.conflict) / n.compared
                    if n.compared
                    else float("nan"),
                    "format_only_rate": n.rate("format_only"),
                    "authoritative": i == auth,
                    "departments_in_group": departments,
                    "linkage": c.linkage,
                    "matched_by": how[i] if not part else BY_PART,
                    "shared_persons": n.compared,
                    "stale_rate": n.rate("stale"),
                    "conflict_rate": n.rate("conflict"),
                    "missing_rate": n.missing / held if is_linked and held else float("nan"),
                    "linked_share": float(linked.get(c.department, float("nan"))),
                }
            )
    return rows
