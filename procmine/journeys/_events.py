"""One table of every department's events, with what the journey rules need.

Columns of the table built by :func:`event_table` (one row per event, sorted by resident,
time, department, case and row):

``eid``        position of the event (0 … n-1) after sorting
``who``        integer code of the resident key: the case's ``person`` (its first non-empty
               value), else a per-case key; ``keys[who]`` is the raw key, which never
               leaves this package except through :func:`procmine.privacy.pseudonymise`
``department``, ``activity`` (labels merged as in the department's process map)
``dcode``      integer code of the department (its position in sorted order)
``fkey``       integer key of the file (department, source file)
``ckey``       integer key of the case (department, file, case number)
``ts``, ``fin`` start of the step and its end (``end`` where known, else ``ts``)
``fin_est``    ``fin``, or where the end is unknown and a person did the step, the start
               plus the activity's median handling minutes in the process map (else the
               median over the map's activities not done by a system)
``day``        calendar day of ``ts``
``performer``  resident / staff / system / external / unknown, from the event's own
               resource (:func:`procmine.discover.performer_of`), else the activity's
               performer in the process map
``cluster``    duplicate cluster of the activity (or None)
``ctype``      value of the case-type column of the event's file (or missing)

:func:`event_table` also returns the **captures**: one row per (event, field) for every
data column an event fills, the field being the common name from ``column_fields`` (a
silo group) or else the column's header. Case attributes are not captures.

Case attributes
    A column that is filled on at least 95 % of a file's rows and has one value per case in
    at least 99 % of its cases (受付区分, 届出種別 …) describes the case, not data the step
    captures. The one with most distinct values (2 to 20) is the file's **case-type
    column**, used to name journey types.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from procmine._codes import factorize_strings
from procmine.discover import performer_of
from procmine.model import (
    ACTIVITY,
    CASE,
    END,
    PERSON,
    RESOURCE,
    ROW,
    SOURCE,
    TIMESTAMP,
    Dataset,
    EventLog,
    ProcessMap,
)

from ._segments import first_seen

EVENT_COLUMNS = [
    "eid",
    "who",
    "department",
    "dcode",
    "fkey",
    "ckey",
    "activity",
    "ts",
    "fin",
    "fin_est",
    "day",
    "performer",
    "cluster",
    "ctype",
]
#: A case attribute is filled on at least this share of a file's rows …
CASE_ATTRIBUTE_FILLED = 0.95
#: … and has a single value in at least this share of the file's cases.
CASE_ATTRIBUTE_CONSTANT = 0.99
#: A case-type column has between 2 and this many distinct values.
CASE_TYPE_MAX_VALUES = 20


@dataclass
class Events:
    """The event table, the captures, the raw keys and the case attributes per department.

    ``rpos`` (each event's row position in its department's ``EventLog.events``),
    ``pcode`` (its own person key code in its department, -1 without one) and ``files``
    (per department and file code, the case attributes and case-type column) are aligned
    with ``table`` and let :func:`without_events` drop events without rebuilding it.
    """

    table: pd.DataFrame
    captures: pd.DataFrame
    keys: np.ndarray
    attributes: dict[str, set[str]]
    rpos: np.ndarray = field(default_factory=lambda: np.array([], dtype="int64"))
    pcode: np.ndarray = field(default_factory=lambda: np.array([], dtype="int64"))
    files: dict[str, list[tuple[list[str], str | None]]] = field(default_factory=dict)
    filled: dict[str, np.ndarray] = field(default_factory=dict, repr=False)  # without_events cache
    #: the text columns of ``table`` (and ``field`` of ``captures``) as :func:`event_table`
    #: built them, as (codes, values): ``values[codes]`` is the column. :func:`pack` takes
    #: them instead of coding the columns again; drop them when changing those columns.
    coded: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)


class _Vocab:
    """Integer codes of the values of a column with few distinct values (in order of
    first coding; equal values, one code)."""

    def __init__(self) -> None:
        self._index: dict[object, int] = {}

    def codes(self, values: Iterable[object]) -> np.ndarray:
        """The code of each value (new values get the next codes)."""
        index = self._index
        return np.array([index.setdefault(v, len(index)) for v in values], dtype="int64")

    def names(self) -> np.ndarray:
        """The values by code (object array)."""
        out = np.empty(len(self._index), dtype=object)
        for i, v in enumerate(self._index):
            out[i] = v
        return out


def _small_int(values: np.ndarray) -> np.ndarray:
    """``values`` (integers) in the narrowest integer type that holds them."""
    if not len(values):
        return values
    low, high = int(values.min()), int(values.max())
    for kind in ("int8", "int16", "int32"):
        info = np.iinfo(kind)
        if info.min <= low and high <= info.max:
            return values.astype(kind)
    return values


def _pack_column(values: np.ndarray) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """A column in less memory: integers narrowed, objects as (codes, distinct values)
    with code -1 for None; other columns (and objects with other missing values) as is."""
    if values.dtype.kind in "iu":
        return _small_int(values)
    if values.dtype != object:
        return values
    codes, uniques = pd.factorize(values)
    missing = values[codes < 0]
    # NaN and None must stay apart (None as the object scalar np.equal makes of it)
    if len(missing) and not np.equal(missing, np.array(None, dtype=object)).all():
        return values
    return _small_int(codes), np.asarray(uniques, dtype=object)


def _unpack_column(
    packed: np.ndarray | tuple[np.ndarray, np.ndarray], dtype: np.dtype, rows: np.ndarray
) -> np.ndarray:
    """The rows ``rows`` of a column packed by :func:`_pack_column`, in its own dtype."""
    if isinstance(packed, tuple):
        codes, uniques = packed
        return np.append(uniques, np.array([None], dtype=object))[codes[rows]]
    return packed[rows].astype(dtype, copy=False)


@dataclass
class PackedEvents:
    """:class:`Events` in less memory, for keeping between :func:`procmine.journeys.journeys`
    and the what-if: integer columns narrowed, text columns as codes, ``eid`` and ``day``
    dropped (both follow from the others). :func:`without_events` takes it and builds
    only the rows it keeps."""

    n: int
    columns: dict[str, Any]
    dtypes: dict[str, np.dtype]
    packed_captures: dict[str, Any]
    keys: np.ndarray
    attributes: dict[str, set[str]]
    rpos: np.ndarray
    pcode: np.ndarray
    files: dict[str, list[tuple[list[str], str | None]]]
    filled: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    #: the journey rules' marks of this table, by their settings (``_reuse.py``), kept
    #: for the what-if's scenarios
    marks: dict[tuple, Any] = field(default_factory=dict, repr=False)

    def column(self, name: str) -> np.ndarray:
        """The whole column ``name``, integers possibly narrowed (not for ``eid``/``day``)."""
        packed = self.columns[name]
        if isinstance(packed, tuple):
            return _unpack_column(packed, self.dtypes[name], np.arange(self.n))
        return packed

    @property
    def table(self) -> pd.DataFrame:
        """The whole event table, unpacked (a new frame each time)."""
        return self.rows(np.arange(self.n))[0]

    @property
    def captures(self) -> pd.DataFrame:
        """All the captures, unpacked (a new frame each time)."""
        return self.rows(np.arange(self.n))[1]

    def rows(
        self, idx: np.ndarray, *, skip: Collection[str] = (), field_codes: bool = False
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(table, captures) of the rows ``idx`` (ascending), renumbered as ``eid`` 0 … k-1;
        equal to ``table.iloc[idx]`` of the unpacked table with a fresh index and ``eid``.

        ``skip`` leaves out columns the caller does not read; with ``field_codes``, the
        captures' ``field`` holds an integer code per field (one field, one code) instead
        of its name, where the names allow it (none missing)."""
        cols: dict[str, Any] = {}
        names = [name for name in self.dtypes if name not in skip]
        for name in names:
            if name in self.columns:
                dtype = self.dtypes[name]
                values = _unpack_column(self.columns[name], dtype, idx)
                cols[name] = _obj(values) if dtype.kind == "O" else values
        if "eid" not in self.columns:
            cols["eid"] = np.arange(len(idx))
        if "day" in names and "day" not in self.columns:
            cols["day"] = _days(cols["ts"])
        table = pd.DataFrame({name: cols[name] for name in names}, copy=False)
        new = np.full(self.n, -1, dtype="int64")
        new[idx] = np.arange(len(idx))
        eid = new[self.packed_captures["eid"]]
        kept = np.flatnonzero(eid >= 0)
        packed = self.packed_captures["field"]
        if field_codes and isinstance(packed, tuple) and not (packed[0] < 0).any():
            field_: Any = packed[0][kept].astype("int64")
        else:
            field_ = _obj(_unpack_column(packed, np.dtype(object), kept))
        captures = pd.DataFrame({"eid": eid[kept], "field": field_}, copy=False)
        return table, captures


def pack(events: Events) -> PackedEvents:
    """``events`` as :class:`PackedEvents` (the table as it is now: call before the marks)."""
    table = events.table
    n = len(table)
    columns: dict[str, Any] = {}
    for name in table.columns:
        values = table[name].to_numpy()
        if name == "eid" and np.array_equal(values, np.arange(n)):
            continue
        if (
            name == "day"
            and "ts" in table
            and table["ts"].dtype.kind == "M"
            and np.array_equal(values, _days(table["ts"].to_numpy()), equal_nan=True)
        ):
            continue
        columns[name] = _coded(events, name, n) or _pack_column(values)
    field_ = events.captures["field"]
    captures = {
        "eid": _small_int(events.captures["eid"].to_numpy(dtype="int64")),
        "field": _coded(events, "field", len(field_))
        or _pack_column(field_.to_numpy(dtype=object)),
    }
    return PackedEvents(
        n,
        columns,
        dict(table.dtypes),
        captures,
        events.keys,
        events.attributes,
        _small_int(events.rpos),
        _small_int(events.pcode),
        events.files,
        events.filled,
    )


def _coded(events: Events, name: str, n: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The column ``name`` packed from the codes :func:`event_table` kept (None without)."""
    kept = events.coded.get(name)
    if kept is None or len(kept[0]) != n:
        return None
    return _small_int(kept[0]), kept[1]


def _obj(values: object, index: pd.Index | None = None) -> pd.Series:
    """An object-dtype Series (pandas would otherwise infer its string dtype) holding
    ``values`` itself where it is an object array (callers pass arrays of their own)."""
    return pd.Series(np.asarray(values, dtype=object), index=index, dtype="object", copy=False)


def _days(ts: np.ndarray) -> np.ndarray:
    """The calendar day (midnight) of each time stamp, as ``Series.dt.normalize`` gives it."""
    if ts.dtype.kind != "M":
        return pd.Series(ts).dt.normalize().to_numpy()
    unit = np.datetime_data(ts.dtype)[0]
    day = np.timedelta64(1, "D").astype(f"m8[{unit}]").astype("int64")
    t = ts.view("int64")
    out = (t - t % day).view(ts.dtype)  # % rounds towards minus infinity: floor
    missing = np.isnat(ts)
    if missing.any():
        out[missing] = np.datetime64("NaT")
    return out


def _filled(frame: pd.DataFrame) -> np.ndarray:
    """Boolean matrix: the cell holds a value (not missing, not an empty string)."""
    return (frame.notna() & frame.ne("").fillna(False)).to_numpy(dtype=bool)


def case_attributes(
    events: pd.DataFrame, data_columns: tuple[str, ...]
) -> tuple[list[str], str | None]:
    """Case-attribute columns of one file's events and its case-type column (or None).

    >>> ev = pd.DataFrame({"case": ["1", "1", "2", "2"], "区分": ["窓口", "窓口", "代理", "代理"],
    ...                    "氏名": ["光陽太郎", None, "光陽花子", None]})
    >>> case_attributes(ev, ("区分", "氏名"))
    (['区分'], '区分')
    >>> ev["性別"] = ["男", "男", "女", "女"]
    >>> case_attributes(ev, ("性別", "区分"))
    (['性別', '区分'], '区分')
    """
    cols = [c for c in data_columns if c in events]
    if events.empty or not cols:
        return [], None
    pos = np.arange(len(events))
    return _attributes(events, cols, pos, _filled(events[cols]), pd.factorize(events[CASE])[0])


def _attributes(
    raw: pd.DataFrame,
    cols: list[str],
    pos: np.ndarray,
    filled: np.ndarray,
    case_code: np.ndarray,
    codes: Callable[[str], np.ndarray] | None = None,
) -> tuple[list[str], str | None]:
    """Case attributes among ``cols`` of the rows ``pos`` of ``raw`` (``filled``: their cells;
    ``codes(col)``: the value codes of a whole column, -1 where missing, if known)."""
    share = filled.mean(axis=0) if len(filled) else np.zeros(len(cols))
    attrs: list[str] = []
    distinct: dict[str, int] = {}
    for i, col in enumerate(cols):
        if share[i] < CASE_ATTRIBUTE_FILLED:
            continue
        if codes is None:
            values = pd.factorize(raw[col].to_numpy(dtype=object)[pos])[0]
        else:
            values = codes(col)[pos]
        constant, count = _constant_share(values, case_code)
        if constant >= CASE_ATTRIBUTE_CONSTANT:
            attrs.append(col)
            distinct[col] = count
    from procmine.fields._profile import header_type

    # a kind of case, not the resident's data (性別 is constant over a resident's case too)
    typed = [
        c
        for c in attrs
        if 2 <= distinct[c] <= CASE_TYPE_MAX_VALUES and header_type(c) in (None, "id")
    ]
    typed.sort(key=lambda c: (-distinct[c], cols.index(c)))
    return attrs, (typed[0] if typed else None)


def _constant_share(values: np.ndarray, case_code: np.ndarray) -> tuple[float, int]:
    """(share of the cases with a value that have a single one, number of distinct values)
    of value codes (-1: missing) per case; NaN share without any value."""
    ok = values >= 0
    v, c = values[ok].astype("int64"), case_code[ok].astype("int64")
    if not len(v):
        return float("nan"), 0
    width = int(v.max()) + 1
    pairs = np.unique((c - int(c.min())) * width + v)
    _, per_case = np.unique(pairs // width, return_counts=True)
    return float((per_case <= 1).sum() / len(per_case)), len(np.unique(v))


def _performers(
    codes: np.ndarray, names: np.ndarray, resource: pd.Series | None, pm: ProcessMap | None
) -> tuple[np.ndarray, np.ndarray]:
    """The performer of each step (activity ``names[codes]``) as (codes, performers): its
    own resource's class where it has one, else its activity's performer in the process
    map."""
    node_perf = (
        {}
        if pm is None
        else {a: d.get("performer", "unknown") for a, d in pm.graph.nodes(data=True)}
    )
    vocab = _Vocab()
    per_label = vocab.codes([*(node_perf.get(u, "unknown") for u in names), "unknown"])
    out = per_label[codes]  # code -1 (no activity): the last, "unknown"
    if resource is not None:
        rcodes, rvalues = factorize_strings(resource)  # once per distinct resource
        res = pd.Series(rvalues, dtype="string")
        known = (res.notna() & res.str.strip().ne("").fillna(False)).to_numpy(dtype=bool)
        classes = np.full(len(rvalues), -1, dtype="int64")
        classes[known] = vocab.codes(performer_of(r) for r in res[known])
        at = np.flatnonzero(known[rcodes])
        out[at] = classes[rcodes[at]]
    return out, vocab.names()


def _ends(
    ts: np.ndarray,
    end: np.ndarray,
    activity: tuple[np.ndarray, np.ndarray],
    system: np.ndarray,
    pm: ProcessMap | None,
) -> tuple[np.ndarray, np.ndarray]:
    """(fin, fin_est) of each step: ``end`` where known, else the start; ``fin_est`` also
    estimates an unknown end of a step done by a person as its start plus the activity's
    median handling minutes in the process map (else the median over the map's
    activities not done by a system). ``activity``: (codes, names) of the steps' labels;
    ``system``: whether a system did the step."""
    known = pd.notna(end) & (end >= ts)
    fin = np.where(known, end, ts).astype(ts.dtype)
    if pm is None or known.all():
        return fin, fin
    medians = {a: d.get("median_minutes") for a, d in pm.graph.nodes(data=True)}
    people = [m for a, m in medians.items() if pm.graph.nodes[a].get("performer") != "system"]
    known_medians = pd.to_numeric(pd.Series(people, dtype="object"), errors="coerce")
    typical = float(known_medians.median()) if known_medians.notna().any() else np.nan
    # Once per distinct activity, then spread to the events.
    codes, uniques = activity
    missing = [None] if (codes < 0).any() else []  # code -1: no activity
    per_label = pd.Series([*(medians.get(u) for u in uniques), *missing], dtype="object")
    per_label = pd.to_numeric(per_label, errors="coerce").fillna(typical).to_numpy()
    minutes = per_label[codes]
    estimate = ~known & ~system & np.isfinite(minutes)
    delta = (np.where(estimate, minutes, 0.0) * 60e9).astype("int64").astype("timedelta64[ns]")
    return fin, np.where(estimate, ts + delta, fin).astype(ts.dtype)


def _keys(
    dept: str,
    person: tuple[np.ndarray, np.ndarray],
    case: np.ndarray,
    source: tuple[np.ndarray, np.ndarray],
    number: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Each event's resident key as (codes, keys): its case's person key (``person``:
    (code, person keys), code -1 without one), else a key of its own for its case
    (department, file, case number; ``source`` and ``number``: (code, values) per event;
    ``case``: the case code). Only keys some event has."""
    person_code, persons = person
    missing = np.flatnonzero(person_code < 0)
    names = persons
    code = person_code.copy()
    if len(missing):
        cases, first, at = np.unique(case[missing], return_index=True, return_inverse=True)
        own = np.empty(len(cases), dtype=object)
        rows = missing[first]
        files, numbers = source[1][source[0][rows]], number[1][number[0][rows]]
        for i, (s, c) in enumerate(zip(files.tolist(), numbers.tolist(), strict=True)):
            own[i] = f"\x1fcase\x1f{dept}\x1f{s}\x1f{c}"
        names = np.concatenate([persons, own])
        code[missing] = len(persons) + at
    used = np.bincount(code, minlength=len(names)) > 0
    renumber = np.cumsum(used) - 1
    return renumber[code], names[used]


def _text_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, values) of the text of ``values``: -1 for missing or blank values, the
    others numbered in order of first appearance (as ``pd.factorize`` of the values as
    objects with None for those gives them), coded as text, without a detour through
    objects."""
    s = values.astype("string")
    present = (s.notna() & s.str.strip().ne("").fillna(False)).to_numpy(dtype=bool)
    codes, uniques = pd.factorize(s.where(present))
    return codes, np.asarray(uniques, dtype=object)


def _one_log(
    dept: str,
    raw: pd.DataFrame,
    pm: ProcessMap | None,
    data_columns: tuple[str, ...],
    names: Mapping[tuple[str, str], str],
    clusters: Mapping[str, object],
) -> tuple[
    dict[str, np.ndarray],
    dict[str, tuple[np.ndarray, np.ndarray]],
    list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    set[str],
    list[tuple[list[str], str | None]],
    np.ndarray,
    tuple[np.ndarray, np.ndarray],
]:
    """One department's columns of the event table (before sorting; the text columns as
    (codes, values), ``key`` without the keys no event has), its captures (rows, column
    numbers, fields), case attributes (all, and per file), data cells filled and per case
    its first row and first person key code (-1: none)."""
    n = len(raw)
    codes, uniques = factorize_strings(raw[ACTIVITY])
    aliases = pm.aliases if pm is not None else {}
    labels = [aliases.get(str(u), str(u)) if pd.notna(u) else "" for u in uniques]
    label_names = np.array(labels, dtype=object)
    ts = pd.to_datetime(raw[TIMESTAMP]).to_numpy()
    end = (
        pd.to_datetime(raw[END]).to_numpy()
        if END in raw
        else np.full(n, np.datetime64("NaT"), dtype=ts.dtype)
    )
    resource = raw[RESOURCE] if RESOURCE in raw else None
    performer, performers = _performers(codes, label_names, resource, pm)
    system = np.asarray(performers == "system", dtype=bool)[performer]
    fin, fin_est = _ends(ts, end, (codes, label_names), system, pm)
    del system
    if SOURCE in raw:
        src_code, src_names = factorize_strings(raw[SOURCE])
        src_names = np.array([str(x) for x in src_names], dtype=object)
    else:
        src_code, src_names = np.zeros(n, dtype="int64"), np.array([dept], dtype=object)
    case_raw, case_names = factorize_strings(raw[CASE])
    case_code = pd.factorize(src_code.astype("int64") * (n + 1) + case_raw)[0]
    if PERSON in raw:
        pcode, pnames = _text_codes(raw[PERSON])
    else:
        pcode, pnames = np.full(n, -1, dtype="int64"), np.array([], dtype=object)
    # The case's first person key, by integer codes (groupby(...).transform("first")).
    valid = np.flatnonzero(pcode >= 0)
    cases_with, first_at = first_seen(case_code[valid])
    first_code = np.full(int(case_code.max()) + 1 if n else 0, -1, dtype=np.int64)
    first_code[cases_with] = pcode[valid[first_at]]
    key = _keys(
        dept,
        (first_code[case_code], np.asarray(pnames, dtype=object)),
        case_code,
        (src_code, src_names),
        (case_raw, np.asarray(case_names)),
    )
    cols = {
        "case": case_code,
        "file": src_code,
        "ts": ts,
        "fin": fin,
        "fin_est": fin_est,
        "row": raw[ROW].to_numpy() if ROW in raw else np.arange(n),
        "rpos": np.arange(n, dtype="int64"),
        "pcode": pcode.astype("int64"),
    }
    cluster = _Vocab()
    per_label = cluster.codes([*(clusters.get(u) for u in label_names), None])  # -1: None
    coded = {
        "activity": (_small_int(codes), label_names),
        "performer": (_small_int(performer), performers),
        "key": (_small_int(key[0]), key[1]),
        "cluster": (_small_int(per_label[codes]), cluster.names()),
    }
    kinds = _Vocab()
    ctype_codes = np.full(n, kinds.codes([None])[0], dtype="int64")
    attrs_all: set[str] = set()
    per_file: list[tuple[list[str], str | None]] = []
    captures: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    cols_all = [c for c in data_columns if c in raw]
    filled_all = _filled(raw[cols_all]) if cols_all else np.zeros((n, 0), dtype=bool)
    for code in range(int(src_code.max()) + 1 if n else 0):
        pos = np.flatnonzero(src_code == code)
        attrs, ctype = (
            _attributes(raw, cols_all, pos, filled_all[pos], case_code[pos])
            if cols_all
            else ([], None)
        )
        attrs_all |= set(attrs)
        per_file.append((attrs, ctype))
        if ctype is not None:
            column = raw[ctype]
            if not isinstance(column.dtype, pd.StringDtype):  # as text, as objects would be
                column = pd.Series(column.to_numpy(dtype=object), dtype="object")
            vcodes, uniques = _text_codes(column.iloc[pos])  # -1: none
            ctype_codes[pos] = np.append(kinds.codes(uniques), ctype_codes[0])[vcodes]
        keep = [i for i, c in enumerate(cols_all) if c not in attrs]
        if keep:
            rows, which = np.nonzero(filled_all[pos][:, keep])
            fields = np.array(
                [names.get((dept, cols_all[i]), cols_all[i]) for i in keep], dtype=object
            )
            captures.append((pos[rows], which, fields))
    # Case codes number the cases in order of first appearance: a new highest code opens one.
    opens = np.ones(n, dtype=bool)
    opens[1:] = case_code[1:] > np.maximum.accumulate(case_code)[:-1]
    coded["ctype"] = (_small_int(ctype_codes), kinds.names())
    firsts = (np.flatnonzero(opens), first_code)
    return cols, coded, captures, attrs_all, per_file, filled_all, firsts


def _field_codes(which: np.ndarray, fields: np.ndarray, codes: dict[object, int]) -> np.ndarray:
    """Codes of the fields ``fields[which]`` of captures, numbering new fields in ``codes`` in
    order of first appearance (as ``pd.factorize`` of all captures' fields would), without
    an array of one object per capture."""
    first = np.full(len(fields), len(which), dtype="int64")  # first capture of each field
    np.minimum.at(first, which, np.arange(len(which)))
    seen = np.flatnonzero(first < len(which))
    local = np.zeros(len(fields), dtype="int64")
    for w in seen[np.argsort(first[seen], kind="stable")]:
        local[w] = codes.setdefault(fields[w], len(codes))
    return local[which]


def event_table(
    dataset: Dataset,
    maps: Mapping[str, ProcessMap],
    clusters: pd.DataFrame,
    column_fields: Mapping[tuple[str, str], str] | None,
) -> Events:
    """The event table and its companions; see the module docstring."""
    names = dict(column_fields or {})
    members: dict[str, dict[str, object]] = {}
    if clusters is not None and not clusters.empty:
        for cid, dept, act in zip(
            clusters["cluster"], clusters["department"], clusters["activity"], strict=True
        ):
            members.setdefault(str(dept), {}).setdefault(str(act), cid)
    frames: list[dict[str, np.ndarray]] = []  # per department, column by column
    texts: list[dict[str, tuple[np.ndarray, np.ndarray]]] = []  # per department, coded
    pos_parts: list[np.ndarray] = []
    field_parts: list[np.ndarray] = []  # codes into field_names
    field_names: dict[object, int] = {}  # in order of first appearance (as pd.factorize)
    attributes: dict[str, set[str]] = {}
    per_file: dict[str, list[tuple[list[str], str | None]]] = {}
    filled: dict[str, np.ndarray] = {}  # the data cells, for without_events
    case_firsts: list[tuple[np.ndarray, np.ndarray]] = []  # per department, for _same_cases
    offset, cases, files = 0, 0, 0
    depts = [d for d in sorted(dataset.logs) if not dataset.logs[d].events.empty]
    for code, dept in enumerate(depts):
        log = dataset.logs[dept]
        ev, text, captures, attrs, per_file[dept], filled[dept], firsts = _one_log(
            dept, log.events, maps.get(dept), log.data_columns, names, members.get(dept, {})
        )
        case_firsts.append(firsts)
        attributes[dept] = attrs
        for pos, which, fields in captures:
            pos_parts.append(pos + offset)
            field_parts.append(_field_codes(which, fields, field_names))
        ev["dcode"] = np.full(len(ev["ts"]), code, dtype="int64")
        ev["fkey"] = ev.pop("file") + files
        files += int(ev["fkey"].max()) - files + 1
        ev["ckey"] = ev.pop("case") + cases
        cases += int(ev["ckey"].max()) - cases + 1
        offset += len(ev["ts"])
        frames.append(ev)
        texts.append(text)
        del ev, text
    if not frames:
        table = pd.DataFrame({c: pd.Series(dtype="object") for c in EVENT_COLUMNS})
        captures = pd.DataFrame(
            {"eid": pd.Series(dtype="int64"), "field": pd.Series(dtype="object")}
        )
        return Events(table, captures, np.array([], dtype=object), attributes)
    # Column by column (numpy), sorted once: no concatenated frame to reorder.
    # Each department's column is let go of once concatenated, and each column once sorted:
    # no second copy of the whole table at any time.
    cols = {c: np.concatenate([f.pop(c) for f in frames]) for c in list(frames[0])}
    del frames
    # The text columns travel as integer codes (into the departments' values, one after
    # the other) and become objects once sorted.
    values: dict[str, np.ndarray] = {}
    for c in list(texts[0]):
        parts = [t.pop(c) for t in texts]
        starts = np.cumsum([0, *(len(v) for _, v in parts)])
        kind = _small_int(starts[-1:]).dtype  # narrow codes: less memory, faster sorting
        cols[c] = np.concatenate(
            [k.astype(kind) + kind.type(a) for (k, _), a in zip(parts, starts, strict=False)]
        )
        values[c] = np.concatenate([v for _, v in parts])
        del parts
    del texts
    # Residents numbered in the order of their keys.
    codes, uniques = pd.factorize(values.pop("key"))
    order_keys = np.argsort(np.asarray(uniques, dtype=str), kind="stable")
    rank_keys = np.empty(len(uniques), dtype="int64")
    rank_keys[order_keys] = np.arange(len(uniques))
    cols["who"] = rank_keys[codes][cols.pop("key")]
    keys = np.asarray(uniques, dtype=object)[order_keys]
    order = _event_order(cols["who"], cols["ts"], cols["ckey"], cols["row"])
    del cols["row"]
    for c in list(cols):
        cols[c] = cols[c][order]
    rpos, pcode = cols.pop("rpos"), cols.pop("pcode")
    cols["department"], values["department"] = cols["dcode"], np.asarray(depts, dtype=object)
    cols["eid"] = np.arange(len(order))
    cols["day"] = _days(cols["ts"])
    coded = {c: (cols[c], v) for c, v in values.items()}
    ev = pd.DataFrame(
        {c: _obj(values[c][cols[c]]) if c in values else cols[c] for c in EVENT_COLUMNS},
        copy=False,
    )
    del cols  # the frame holds the arrays themselves (no copy)
    rank = np.empty(len(order), dtype="int64")
    rank[order] = np.arange(len(order))
    pos = np.concatenate(pos_parts) if pos_parts else np.array([], dtype="int64")
    fcode = np.concatenate(field_parts) if field_parts else np.array([], dtype="int64")
    funiq = np.array(list(field_names), dtype=object)
    pair = rank[pos].astype("int64")
    del rank, pos
    pair *= len(funiq) + 1
    pair += fcode
    del fcode
    pair.sort()
    pair = pair[np.r_[True, pair[1:] != pair[:-1]]] if len(pair) else pair
    eid, which = np.divmod(pair, len(funiq) + 1)
    captures = pd.DataFrame({"eid": eid, "field": _obj(np.asarray(funiq, dtype=object)[which])})
    coded["field"] = (which, funiq)
    # Per case (by ckey): its first row in its file and its first person key code, as
    # _same_cases would find them on the whole table (each department's cases in turn).
    filled[_CACHE + "first_row"] = np.concatenate([r for r, _ in case_firsts])
    filled[_CACHE + "first_code"] = np.concatenate([c for _, c in case_firsts])
    return Events(ev, captures, keys, attributes, rpos, pcode, per_file, filled, coded)


def _event_order(who: np.ndarray, ts: np.ndarray, ckey: np.ndarray, row: np.ndarray) -> np.ndarray:
    """The order of the rows by resident, time, department, case and row. Case keys grow
    with the department code, so the case orders the departments too; case and row are
    one integer key where they fit."""
    if row.dtype.kind in "iu" and len(row) and int(row.min()) >= 0:
        width = int(row.max()) + 1
        if (int(ckey.max()) + 1) * width < 2**62:
            return np.lexsort((ckey.astype("int64") * width + row.astype("int64"), ts, who))
    return np.lexsort((row, ckey, ts, who))


def without_events(
    events: Events | PackedEvents,
    dataset: Dataset,
    drop: Mapping[str, np.ndarray],
    *,
    skip: Collection[str] = (),
    field_codes: bool = False,
) -> Events | None:
    """``events`` without the rows ``drop[department]`` (positions in its ``EventLog.events``).

    The result equals :func:`event_table` on the logs without those rows, made by masking
    ``events`` (best packed by :func:`pack`: then only the kept rows are unpacked) instead
    of rebuilding it. Returns None where masking cannot give that table: a department or
    file left without events, a case whose first person key changes, cases whose first rows
    change order, or a file whose case attributes change. ``skip`` and ``field_codes`` are
    passed to :meth:`PackedEvents.rows` (for a caller that reads fewer columns).
    """
    if isinstance(events, Events):
        events = pack(events)
    idx = kept_rows(events, dataset, drop)
    if idx is None:
        return None
    table, captures = events.rows(idx, skip=skip, field_codes=field_codes)
    return Events(
        table,
        captures,
        events.keys,
        events.attributes,
        events.rpos[idx].astype("int64"),
        events.pcode[idx].astype("int64"),
        events.files,
    )


def kept_rows(
    events: PackedEvents, dataset: Dataset, drop: Mapping[str, np.ndarray]
) -> np.ndarray | None:
    """The rows of ``events`` that :func:`without_events` keeps (ascending), or None where
    masking cannot give the rebuilt table (see there)."""
    depts = [d for d in sorted(dataset.logs) if not dataset.logs[d].events.empty]
    dcode = events.column("dcode")
    keep = np.ones(events.n, dtype=bool)
    kept: dict[int, np.ndarray] = {}  # per department code, its rows kept (in its log)
    for dept, pos in drop.items():
        if dept not in depts or not len(pos):
            continue
        gone = np.zeros(len(dataset.logs[dept].events), dtype=bool)
        gone[pos] = True
        code = depts.index(dept)
        here = np.flatnonzero(dcode == code)
        keep[here] = ~gone[events.rpos[here]]
        kept[code] = ~gone
    changed = np.unique(dcode[~keep]).tolist()
    for code in changed:
        dept = depts[code]
        if not kept[code].any() or not _same_attributes(
            dept, dataset.logs[dept], events.files.get(dept, []), events, dcode == code, kept[code]
        ):
            return None
    if not _same_cases(events, keep, changed):
        return None
    return np.flatnonzero(keep)


def _same_cases(events: PackedEvents, keep: np.ndarray, changed: list[int]) -> bool:
    """Do the kept cases keep their first person key and the order of their first rows
    (``changed``: the codes of the departments that lose rows)? Only the cases that lose
    rows can change either."""
    ckey = events.column("ckey")  # narrowed: only an index here
    size = int(ckey.max()) + 1 if len(ckey) else 0
    hit = np.zeros(size, dtype=bool)
    hit[ckey[~keep]] = True
    touched = hit[ckey] & keep
    # Each kept case's first kept row: its first row, unless it lost rows.
    first = _cached(events, "first_row", lambda: _first_row(events, ckey, size)).copy()
    first[hit] = np.iinfo("int64").max
    np.minimum.at(first, ckey[touched], events.rpos[touched].astype("int64"))  # one dtype: fast
    alive = first < np.iinfo("int64").max
    # A case lies in one department: order its first kept rows by case number.
    dcode = _cached(events, "case_dcode", lambda: _case_dcode(events, ckey, size))
    cases = np.flatnonzero(alive & np.isin(dcode, changed))
    step = np.diff(first[cases])
    if not ((step > 0) | (np.diff(dcode[cases]) != 0)).all():
        return False
    # Each case's first person key among all its rows, and among its kept rows.
    before = _cached(
        events, "first_code", lambda: _first_code(events, ckey, events.pcode >= 0, size)
    )
    after = _first_code(events, ckey, touched & (events.pcode >= 0), size)
    kept = hit & alive
    return bool(np.array_equal(before[kept], after[kept]))


#: Prefix of the names under which ``PackedEvents.filled`` keeps what every scenario
#: shares (no department's name starts with it).
_CACHE = "\x1e"


def _cached(events: PackedEvents, name: str, make: Callable[[], np.ndarray]) -> np.ndarray:
    """``make()``, kept in ``events.filled`` for the next scenario."""
    key = _CACHE + name
    if key not in events.filled:
        events.filled[key] = make()
    return events.filled[key]


def _first_row(events: PackedEvents, ckey: np.ndarray, size: int) -> np.ndarray:
    """Per case, its first row in its file (position in its department's events)."""
    first = np.full(size, np.iinfo("int64").max, dtype="int64")
    np.minimum.at(first, ckey, events.rpos.astype("int64"))
    return first


def _case_dcode(events: PackedEvents, ckey: np.ndarray, size: int) -> np.ndarray:
    """Per case, the code of its department."""
    dcode = np.zeros(size, dtype="int64")
    dcode[ckey] = events.column("dcode")
    return dcode


def _first_code(events: PackedEvents, ckey: np.ndarray, rows: np.ndarray, size: int) -> np.ndarray:
    """Per case, the person key code of its first row (in its file) among ``rows``; -1."""
    first = np.full(size, np.iinfo("int64").max, dtype="int64")
    np.minimum.at(first, ckey[rows], events.rpos[rows].astype("int64"))
    at = np.flatnonzero(rows)
    at = at[events.rpos[at] == first[ckey[at]]]
    code = np.full(size, -1, dtype="int64")
    code[ckey[at]] = events.pcode[at]
    return code


def _same_attributes(
    dept: str,
    log: EventLog,
    per_file: list[tuple[list[str], str | None]],
    events: PackedEvents,
    here: np.ndarray,
    kept: np.ndarray,
) -> bool:
    """Do the files of ``dept``'s ``log`` (rows ``here`` of the table; ``per_file``: their case
    attributes and case-type column) keep them when only its rows ``kept`` (a mask over
    ``log.events``) remain?"""
    raw = log.events
    cols = [c for c in log.data_columns if c in raw]
    name = f"codes\x1f{dept}"
    if _CACHE + name not in events.filled:  # the same for every scenario
        fkey = events.column("fkey")[here].astype("int64")
        rpos = events.rpos[here]
        file_code = np.empty(len(raw), dtype="int64")
        case_code = np.empty(len(raw), dtype="int64")
        file_code[rpos] = fkey - fkey.min()
        case_code[rpos] = events.column("ckey")[here]
        events.filled[_CACHE + name] = _small_int(file_code)
        events.filled[_CACHE + name + "\x1fcase"] = _small_int(case_code)
    file_code = events.filled[_CACHE + name]
    case_code = events.filled[_CACHE + name + "\x1fcase"]
    if not (np.bincount(file_code[kept], minlength=len(per_file))[: len(per_file)] > 0).all():
        return False
    if not cols:
        return True
    if dept not in events.filled:  # the same for every scenario
        events.filled[dept] = _filled(raw[cols])
    filled = events.filled[dept]

    def codes(col: str) -> np.ndarray:  # the same for every scenario
        key = f"{dept}\x1f{col}"
        if key not in events.filled:
            events.filled[key] = pd.factorize(raw[col].to_numpy(dtype=object))[0]
        return events.filled[key]

    for code, (attrs, ctype) in enumerate(per_file):
        pos = np.flatnonzero((file_code == code) & kept)
        if _attributes(raw, cols, pos, filled[pos], case_code[pos], codes) != (attrs, ctype):
            return False
    return True
