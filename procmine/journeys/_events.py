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

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

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
    if len(missing) and not np.equal(missing, None).all():  # NaN and None must stay apart
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

    def rows(self, idx: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(table, captures) of the rows ``idx`` (ascending), renumbered as ``eid`` 0 … k-1;
        equal to ``table.iloc[idx]`` of the unpacked table with a fresh index and ``eid``."""
        cols: dict[str, Any] = {}
        for name, dtype in self.dtypes.items():
            if name in self.columns:
                values = _unpack_column(self.columns[name], dtype, idx)
                cols[name] = _obj(values) if dtype.kind == "O" else values
        if "eid" not in self.columns:
            cols["eid"] = np.arange(len(idx))
        if "day" in self.dtypes and "day" not in self.columns:
            cols["day"] = pd.Series(cols["ts"]).dt.normalize().to_numpy()
        table = pd.DataFrame({name: cols[name] for name in self.dtypes}, copy=False)
        new = np.full(self.n, -1, dtype="int64")
        new[idx] = np.arange(len(idx))
        eid = new[self.packed_captures["eid"]]
        kept = np.flatnonzero(eid >= 0)
        field_ = _unpack_column(self.packed_captures["field"], np.dtype(object), kept)
        captures = pd.DataFrame({"eid": eid[kept], "field": _obj(field_)})
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
            and np.array_equal(
                values, pd.Series(table["ts"].to_numpy()).dt.normalize().to_numpy(), equal_nan=True
            )
        ):
            continue
        columns[name] = _pack_column(values)
    captures = {
        "eid": _small_int(events.captures["eid"].to_numpy(dtype="int64")),
        "field": _pack_column(events.captures["field"].to_numpy(dtype=object)),
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


def _obj(values: object, index: pd.Index | None = None) -> pd.Series:
    """An object-dtype Series (pandas would otherwise infer its string dtype)."""
    return pd.Series(np.asarray(values, dtype=object), index=index, dtype="object")


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
    typed = [c for c in attrs if 2 <= distinct[c] <= CASE_TYPE_MAX_VALUES]
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


def _lookup(values: np.ndarray, table: Mapping[Any, object], default: object) -> np.ndarray:
    """``table.get(v, default)`` for every value, computed once per distinct value."""
    codes, uniques = pd.factorize(values)
    mapped = np.array([table.get(u, default) for u in uniques] + [default], dtype=object)
    return mapped[codes]


def _performers(
    activity: np.ndarray, resource: pd.Series | None, pm: ProcessMap | None
) -> np.ndarray:
    node_perf = (
        {}
        if pm is None
        else {a: d.get("performer", "unknown") for a, d in pm.graph.nodes(data=True)}
    )
    out = _lookup(activity, node_perf, "unknown")
    if resource is not None:
        res = resource.astype("string")
        known = (res.notna() & res.str.strip().ne("").fillna(False)).to_numpy(dtype=bool)
        codes, names = pd.factorize(res[known])
        classes = np.array([performer_of(r) for r in names], dtype=object)
        out[np.flatnonzero(known)] = classes[codes]
    return out


def _ends(
    ts: np.ndarray,
    end: np.ndarray,
    activity: np.ndarray,
    performer: np.ndarray,
    pm: ProcessMap | None,
) -> tuple[np.ndarray, np.ndarray]:
    """(fin, fin_est) of each step: ``end`` where known, else the start; ``fin_est`` also
    estimates an unknown end of a step done by a person as its start plus the activity's
    median handling minutes in the process map (else the median over the map's
    activities not done by a system)."""
    known = pd.notna(end) & (end >= ts)
    fin = np.where(known, end, ts).astype(ts.dtype)
    if pm is None or known.all():
        return fin, fin
    medians = {a: d.get("median_minutes") for a, d in pm.graph.nodes(data=True)}
    people = [m for a, m in medians.items() if pm.graph.nodes[a].get("performer") != "system"]
    known_medians = pd.to_numeric(pd.Series(people, dtype="object"), errors="coerce")
    typical = float(known_medians.median()) if known_medians.notna().any() else np.nan
    # Once per distinct activity (as _lookup), then spread to the events.
    codes, uniques = pd.factorize(activity)
    missing = [None] if (codes < 0).any() else []  # code -1: no activity
    per_label = pd.Series([*(medians.get(u) for u in uniques), *missing], dtype="object")
    per_label = pd.to_numeric(per_label, errors="coerce").fillna(typical).to_numpy()
    minutes = per_label[codes]
    estimate = ~known & (performer != "system") & np.isfinite(minutes)
    delta = (np.where(estimate, minutes, 0.0) * 60e9).astype("int64").astype("timedelta64[ns]")
    return fin, np.where(estimate, ts + delta, fin).astype(ts.dtype)


def _text(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(object array with None for missing or blank values, mask of present values)."""
    s = values.astype("string")
    present = (s.notna() & s.str.strip().ne("").fillna(False)).to_numpy(dtype=bool)
    return s.to_numpy(dtype=object, na_value=None), present


def _one_log(
    dept: str,
    raw: pd.DataFrame,
    pm: ProcessMap | None,
    data_columns: tuple[str, ...],
    names: Mapping[tuple[str, str], str],
    clusters: Mapping[str, object],
) -> tuple[
    pd.DataFrame,
    list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    set[str],
    list[tuple[list[str], str | None]],
    np.ndarray,
]:
    n = len(raw)
    codes, uniques = pd.factorize(raw[ACTIVITY].astype("string"), use_na_sentinel=False)
    aliases = pm.aliases if pm is not None else {}
    labels = [aliases.get(str(u), str(u)) if pd.notna(u) else "" for u in uniques]
    activity = np.array(labels, dtype=object)[codes]
    ts = pd.to_datetime(raw[TIMESTAMP]).to_numpy()
    end = (
        pd.to_datetime(raw[END]).to_numpy()
        if END in raw
        else np.full(n, np.datetime64("NaT"), dtype=ts.dtype)
    )
    performer = _performers(activity, raw[RESOURCE] if RESOURCE in raw else None, pm)
    fin, fin_est = _ends(ts, end, activity, performer, pm)
    if SOURCE in raw:
        src_code, src_names = pd.factorize(raw[SOURCE].astype("string"), use_na_sentinel=False)
        src_names = np.array([str(x) for x in src_names], dtype=object)
    else:
        src_code, src_names = np.zeros(n, dtype="int64"), np.array([dept], dtype=object)
    case_raw, case_names = pd.factorize(raw[CASE].astype("string"), use_na_sentinel=False)
    case_code = pd.factorize(src_code.astype("int64") * (n + 1) + case_raw)[0]
    if PERSON in raw:
        person, present = _text(raw[PERSON])
    else:
        person, present = np.full(n, None, dtype=object), np.zeros(n, dtype=bool)
    # The case's first person key, by integer codes (groupby(...).transform("first")).
    pcode, pnames = pd.factorize(pd.Series(person, dtype="object").where(present))
    valid = np.flatnonzero(pcode >= 0)
    cases_with, first_at = np.unique(case_code[valid], return_index=True)
    first_code = np.full(int(case_code.max()) + 1 if n else 0, -1, dtype=np.int64)
    first_code[cases_with] = pcode[valid[first_at]]
    who = np.append(np.asarray(pnames, dtype=object), np.array([None]))[first_code[case_code]]
    missing = np.flatnonzero(pd.isna(who))
    if len(missing):
        who[missing] = [
            f"\x1fcase\x1f{dept}\x1f{s}\x1f{c}"
            for s, c in zip(
                src_names[src_code[missing]], np.asarray(case_names)[case_raw[missing]], strict=True
            )
        ]
    ev = pd.DataFrame(
        {
            "case": case_code,
            "file": src_code,
            "activity": _obj(activity),
            "ts": ts,
            "fin": fin,
            "fin_est": fin_est,
            "row": raw[ROW].to_numpy() if ROW in raw else np.arange(n),
            "performer": _obj(performer),
            "key": _obj(who),
            "ctype": _obj(np.full(n, None, dtype=object)),
            "cluster": _obj(_lookup(activity, clusters, None)),
            "rpos": np.arange(n, dtype="int64"),
            "pcode": pcode.astype("int64"),
        }
    )
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
            values, here = _text(pd.Series(raw[ctype].to_numpy(dtype=object)[pos]))
            values[~here] = None
            codes, uniques = pd.factorize(values)  # one object per distinct value, not per row
            values = np.append(np.asarray(uniques, dtype=object), None)[codes]
            ev.iloc[pos, ev.columns.get_loc("ctype")] = values
        keep = [i for i, c in enumerate(cols_all) if c not in attrs]
        if keep:
            rows, which = np.nonzero(filled_all[pos][:, keep])
            fields = np.array(
                [names.get((dept, cols_all[i]), cols_all[i]) for i in keep], dtype=object
            )
            captures.append((pos[rows], which, fields))
    return ev, captures, attrs_all, per_file, filled_all


def _field_codes(which: np.ndarray, fields: np.ndarray, codes: dict[object, int]) -> np.ndarray:
    """Codes of the fields ``fields[which]`` of captures, numbering new fields in ``codes`` in
    order of first appearance (as ``pd.factorize`` of all captures' fields would), without
    an array of one object per capture."""
    seen, first = np.unique(which, return_index=True)
    local = np.zeros(len(fields), dtype="int64")
    for w in seen[np.argsort(first, kind="stable")]:
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
    pos_parts: list[np.ndarray] = []
    field_parts: list[np.ndarray] = []  # codes into field_names
    field_names: dict[object, int] = {}  # in order of first appearance (as pd.factorize)
    attributes: dict[str, set[str]] = {}
    per_file: dict[str, list[tuple[list[str], str | None]]] = {}
    filled: dict[str, np.ndarray] = {}  # the data cells, for without_events
    offset, cases, files = 0, 0, 0
    depts = [d for d in sorted(dataset.logs) if not dataset.logs[d].events.empty]
    for code, dept in enumerate(depts):
        log = dataset.logs[dept]
        ev, captures, attrs, per_file[dept], filled[dept] = _one_log(
            dept, log.events, maps.get(dept), log.data_columns, names, members.get(dept, {})
        )
        attributes[dept] = attrs
        for pos, which, fields in captures:
            pos_parts.append(pos + offset)
            field_parts.append(_field_codes(which, fields, field_names))
        ev["dcode"] = code
        ev["fkey"] = ev.pop("file") + files
        files += int(ev["fkey"].max()) - files + 1
        ev["ckey"] = ev.pop("case") + cases
        cases += int(ev["ckey"].max()) - cases + 1
        offset += len(ev)
        frames.append({c: ev[c].to_numpy() for c in ev.columns})
        del ev
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
    codes, uniques = pd.factorize(cols.pop("key"))
    order_keys = np.argsort(np.asarray(uniques, dtype=str), kind="stable")
    rank_keys = np.empty(len(uniques), dtype="int64")
    rank_keys[order_keys] = np.arange(len(uniques))
    cols["who"] = rank_keys[codes]
    keys = np.asarray(uniques, dtype=object)[order_keys]
    order = np.lexsort((cols["row"], cols["ckey"], cols["dcode"], cols["ts"], cols["who"]))
    del cols["row"]
    for c in list(cols):
        cols[c] = cols[c][order]
    rpos, pcode = cols.pop("rpos"), cols.pop("pcode")
    cols["department"] = np.asarray(depts, dtype=object)[cols["dcode"]]
    cols["eid"] = np.arange(len(order))
    cols["day"] = pd.Series(cols["ts"]).dt.normalize().to_numpy()
    objects = ("department", "activity", "performer", "cluster", "ctype")
    ev = pd.DataFrame(
        {
            c: pd.Series(cols[c], dtype="object", copy=False) if c in objects else cols[c]
            for c in EVENT_COLUMNS
        },
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
    return Events(ev, captures, keys, attributes, rpos, pcode, per_file, filled)


def without_events(
    events: Events | PackedEvents, dataset: Dataset, drop: Mapping[str, np.ndarray]
) -> Events | None:
    """``events`` without the rows ``drop[department]`` (positions in its ``EventLog.events``).

    The result equals :func:`event_table` on the logs without those rows, made by masking
    ``events`` (best packed by :func:`pack`: then only the kept rows are unpacked) instead
    of rebuilding it. Returns None where masking cannot give that table: a department or
    file left without events, a case whose first person key changes, cases whose first rows
    change order, or a file whose case attributes change.
    """
    if isinstance(events, Events):
        events = pack(events)
    depts = [d for d in sorted(dataset.logs) if not dataset.logs[d].events.empty]
    dcode = events.column("dcode")
    keep = np.ones(events.n, dtype=bool)
    for dept, pos in drop.items():
        if dept not in depts or not len(pos):
            continue
        gone = np.zeros(len(dataset.logs[dept].events), dtype=bool)
        gone[pos] = True
        here = np.flatnonzero(dcode == depts.index(dept))
        keep[here] = ~gone[events.rpos[here]]
    changed = np.unique(dcode[~keep]).tolist()
    for code in changed:
        here = dcode == code
        dept = depts[code]
        if not keep[here].any() or not _same_attributes(
            dept, dataset.logs[dept], events.files.get(dept, []), events, here, keep
        ):
            return None
    if not _same_cases(events, keep, np.isin(dcode, changed)):
        return None
    idx = np.flatnonzero(keep)
    table, captures = events.rows(idx)
    return Events(
        table,
        captures,
        events.keys,
        events.attributes,
        events.rpos[idx].astype("int64"),
        events.pcode[idx].astype("int64"),
        events.files,
    )


def _same_cases(events: PackedEvents, keep: np.ndarray, changed: np.ndarray) -> bool:
    """Do the kept cases keep their first person key and the order of their first rows?"""
    ckey = events.column("ckey").astype("int64")
    size = int(ckey.max()) + 1 if len(ckey) else 0
    rows = keep & changed
    # A case lies in one department: order its first kept rows by case number.
    first = np.full(size, np.iinfo("int64").max, dtype="int64")
    np.minimum.at(first, ckey[rows], events.rpos[rows])
    dcode = np.zeros(size, dtype="int64")
    dcode[ckey[rows]] = events.column("dcode").astype("int64")[rows]
    cases = np.flatnonzero(np.bincount(ckey[rows], minlength=size) > 0)
    step = np.diff(first[cases])
    if not ((step > 0) | (np.diff(dcode[cases]) != 0)).all():
        return False
    hit = np.zeros(size, dtype=bool)
    hit[ckey[~keep]] = True
    touched = hit[ckey]
    known = touched & (events.pcode >= 0)
    before = _first_code(events, ckey, known, size)
    after = _first_code(events, ckey, known & keep, size)
    kept = np.zeros(size, dtype=bool)
    kept[ckey[touched & keep]] = True
    return bool(np.array_equal(before[kept], after[kept]))


def _first_code(events: PackedEvents, ckey: np.ndarray, rows: np.ndarray, size: int) -> np.ndarray:
    """Per case, the person key code of its first row (in its file) among ``rows``; -1."""
    first = np.full(size, np.iinfo("int64").max, dtype="int64")
    np.minimum.at(first, ckey[rows], events.rpos[rows])
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
    keep: np.ndarray,
) -> bool:
    """Do the files of ``dept``'s ``log`` (rows ``here`` of the table; ``per_file``: their case
    attributes and case-type column) keep them when only the rows ``keep`` remain?"""
    raw = log.events
    cols = [c for c in log.data_columns if c in raw]
    fkey = events.column("fkey")[here].astype("int64")
    file_code = np.empty(len(raw), dtype="int64")
    case_code = np.empty(len(raw), dtype="int64")
    kept = np.zeros(len(raw), dtype=bool)
    rpos = events.rpos[here]
    file_code[rpos] = fkey - fkey.min()
    case_code[rpos] = events.column("ckey")[here]
    kept[rpos] = keep[here]
    if not np.isin(np.arange(len(per_file)), file_code[kept]).all():
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
