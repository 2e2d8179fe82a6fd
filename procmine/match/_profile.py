"""Activity profiles: what the matcher knows about each activity of each department.

Process maps (from event logs) give labels, counts, durations, performers, filled data
fields and directly-follows edges; process models (BPMN/PNML/EPML) give labels and
structure only (and, for EPCs, the states around each function). Both become a list of :class:`Item` with neighbour distributions, so one
scoring core serves both.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from procmine.text.kana import spell_kana
from procmine.text.normalize import LabelTerms, label_terms, normalize_label

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from procmine.model import ProcessMap

#: Neighbour index of the virtual start (before the first activity) and end.
START = -1
END = -2
#: A column filled by at least this share of a department's activities is a case attribute.
WIDE_COLUMN_SHARE = 0.75
#: ... judged only in departments with at least this many activities.
MIN_ACTIVITIES_FOR_WIDE = 5
#: Neighbours kept per side (by weight); the rest carry little of the distribution.
MAX_NEIGHBOURS = 5
#: Performer classes, in the order of :attr:`Item.shares`.
PERFORMERS = ("resident", "staff", "system", "external")
#: Role statistics read from discovered maps (see :func:`procmine.discover.discover`).
ROLE_KEYS = ("position", "relative_position", "same_day", "night", "wait_minutes", "recapture")


@dataclass
class Item:
    """One activity of one department (after merging spelling variants)."""

    department: str
    node: Hashable
    name: str
    terms: LabelTerms
    fields: frozenset[str] = frozenset()
    performer: str | None = None
    median: float | None = None
    events: float = 0.0
    shares: tuple[float, ...] | None = None
    role: dict[str, float] = field(default_factory=dict)
    preds: dict[int, float] = field(default_factory=dict)
    succs: dict[int, float] = field(default_factory=dict)
    before: dict[int, float] = field(default_factory=dict)
    after: dict[int, float] = field(default_factory=dict)
    #: The fields it fills in columns that are the system of record of the field (None
    #: when unknown: no authoritative columns given).
    authoritative: frozenset[str] | None = None
    #: Word terms of the states that a process model puts right before and after the
    #: element (the events of an EPC: "Invoice received" before "Verify invoice"); empty
    #: when the model gives none.
    states: tuple[str, ...] = ()


@dataclass
class Profiles:
    """All items plus the aliases merged within each department."""

    items: list[Item]
    aliases: dict[str, dict[str, str]]
    from_models: bool


def _num(value: Any) -> float | None:
    if value is None:
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def _shares(weights: dict[int, float]) -> dict[int, float]:
    total = sum(weights.values())
    if total <= 0:
        return {}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_NEIGHBOURS]
    kept = sum(w for _, w in top)
    return {k: w / kept for k, w in top}


def from_maps(
    maps: Mapping[str, ProcessMap],
    column_fields: Mapping[tuple[str, str], str] | None,
    authoritative_columns: Collection[tuple[str, str]] | None = None,
) -> Profiles:
    """Profiles of the activities in discovered process maps.

    ``authoritative_columns``: ``(department, column)`` of the columns that are the system
    of record of their field; each item then records the fields it fills in such columns
    (:attr:`Item.authoritative`).
    """
    auth_cols = {(str(d), str(c)) for d, c in authoritative_columns or ()}
    items: list[Item] = []
    filled: list[dict[str, str]] = []  # per item: column → field
    aliases: dict[str, dict[str, str]] = {}
    for dept in sorted(maps):
        graph = maps[dept].graph
        wide = department_wide_columns(graph)
        # handling times measured as "time to the next event" include waiting (days for
        # batch and back-office steps): only durations measured from an end column count
        timed = getattr(maps[dept], "duration_source", "none") in ("end", "mixed")
        groups: dict[str, list[Hashable]] = {}
        for node in graph.nodes:
            groups.setdefault(normalize_label(str(node)), []).append(node)
        rep_of: dict[Hashable, int] = {}
        dept_aliases = {str(raw): str(canon) for raw, canon in (maps[dept].aliases or {}).items()}
        for key in sorted(groups):
            nodes = sorted(
                groups[key],
                key=lambda n: (-(_num(graph.nodes[n].get("events")) or 0.0), str(n)),
            )
            rep = nodes[0]
            for other in nodes[1:]:
                dept_aliases[str(other)] = str(rep)
            attrs = [graph.nodes[n] for n in nodes]
            events = [(_num(a.get("events")) or 0.0) for a in attrs]
            medians = [
                (_num(a.get("median_minutes")), w) for a, w in zip(attrs, events, strict=True)
            ]
            # per activity when discovery says so (a department may merge systems with and
            # without end times)
            node_timed = [a.get("duration_measured", timed) for a in attrs]
            known = [
                (m, w) for (m, w), t in zip(medians, node_timed, strict=True) if m is not None and t
            ]
            if known:
                total_w = sum(w for _, w in known)
                median = sum(m * w for m, w in known) / total_w if total_w > 0 else known[0][0]
            else:
                median = None
            performer = attrs[0].get("performer")
            shares = _shares_of(attrs, events)
            role = _role_of(attrs, events)
            fields: set[str] = set()
            held: set[str] = set()
            columns: dict[str, str] = {}
            for a in attrs:
                for col in a.get("fields") or ():
                    if str(col) in wide:
                        continue
                    name = (column_fields or {}).get((dept, str(col)))
                    named = name if name else normalize_label(str(col))
                    fields.add(named)
                    columns.setdefault(str(col), named)
                    if (dept, str(col)) in auth_cols:
                        held.add(named)
            idx = len(items)
            filled.append(columns)
            for n in nodes:
                rep_of[n] = idx
            items.append(
                Item(
                    department=dept,
                    node=rep,
                    name=str(rep),
                    terms=label_terms(str(rep)),
                    fields=frozenset(fields),
                    performer=(str(performer) if performer and performer != "unknown" else None),
                    median=median,
                    events=sum(events),
                    shares=shares,
                    role=role,
                    authoritative=frozenset(held) if auth_cols else None,
                )
            )
        # rewrite chained aliases (raw → discovered label → merged label)
        for raw, canon in list(dept_aliases.items()):
            seen = {raw}
            while canon in dept_aliases and canon not in seen:
                seen.add(canon)
                canon = dept_aliases[canon]
            dept_aliases[raw] = canon
        if dept_aliases:
            aliases[dept] = dict(sorted(dept_aliases.items()))
        # maps made from process models carry no counts: use the structure alone
        counted = any((_num(d.get("count")) or 0.0) > 0 for _, _, d in graph.edges(data=True))
        _neighbours(graph, rep_of, items, weighted=counted)
        _precedence(graph, rep_of, items)
    _spell_kana(items)
    _name_data(items, filled)
    return Profiles(items, aliases, from_models=False)


def _spell_kana(items: list[Item]) -> None:
    """Compare a label written in kana only (ﾎﾝﾆﾝ ｶｸﾆﾝ) by the words it spells (本人確認),
    read from the other labels and the vocabulary (:func:`procmine.text.kana.spell_kana`)."""
    spelled = spell_kana(item.name for item in items)
    for item in items:
        if item.name in spelled:
            item.terms = label_terms(spelled[item.name])


def _name_data(items: list[Item], filled: list[dict[str, str]]) -> None:
    """Add to each label the words of the fields it names: a label word that is the head
    word of a filled column's header (its last word: *Taxable Income*, 振込口座) and, in
    the headers of every department, heads only columns of that one field names the
    field ("income check" filling *Taxable Income*, matched to 所得); the label then
    also gets the field's words (所得) and agrees with labels in other languages or
    words (所得確認). Words that head headers of several fields (*Account Number*, *My
    Number*) add nothing."""
    fields_of: dict[str, set[str]] = {}
    for columns in filled:
        for column, field_name in columns.items():
            head = _head_word(column)
            if head:
                fields_of.setdefault(head, set()).add(field_name)
    for item, columns in zip(items, filled, strict=True):
        words = set(item.terms.words)
        extra: list[str] = []
        for column, field_name in sorted(columns.items()):
            head = _head_word(column)
            if head in words and fields_of[head] == {field_name}:
                extra.extend(w for w in label_terms(field_name).words if w not in words)
        extra = [w for w in dict.fromkeys(extra) if w not in item.terms.synonyms]
        if extra:
            item.terms = replace(item.terms, synonyms=item.terms.synonyms + tuple(extra))


def _head_word(column: str) -> str:
    """The word a column header ends with, its head noun in Japanese and in English
    compounds (*Taxable Income*, 振込口座); ``""`` when none."""
    terms = label_terms(column)
    norm = terms.normalized
    if norm[-1:].isascii():
        latin = [w for w in terms.words if w.isascii()]
        return latin[-1] if latin else ""
    ends = [w for w in terms.words if not w.isascii() and norm.endswith(w)]
    return min(ends, key=len) if ends else ""


def _precedence(graph: nx.DiGraph, rep_of: dict[Hashable, int], items: list[Item]) -> None:
    """Fill ``before`` / ``after`` from the eventually-follows shares that discovery
    records (``before``/``after`` node attributes), with the virtual start / end weighted
    by the share of cases the activity starts / ends."""
    by_label = {str(node): idx for node, idx in rep_of.items()}
    acc: dict[int, dict[str, dict[int, float]]] = {}
    for node, idx in rep_of.items():
        attrs = graph.nodes[node]
        weight = _num(attrs.get("events")) or 1.0
        slot = acc.setdefault(idx, {"before": {}, "after": {}, "w": {0: 0.0}})
        slot["w"][0] += weight
        for side in ("before", "after"):
            table = attrs.get(side)
            if not isinstance(table, Mapping):
                continue
            for other, share in table.items():
                q = by_label.get(str(other))
                value = _num(share)
                if q is None or q == idx or value is None:
                    continue
                slot[side][q] = slot[side].get(q, 0.0) + weight * value
        cases = _num(attrs.get("cases")) or _num(attrs.get("events")) or 0.0
        if cases > 0:
            for side, key, virtual in (("before", "start", START), ("after", "end", END)):
                share = min(1.0, (_num(attrs.get(key)) or 0.0) / cases)
                if share > 0:
                    slot[side][virtual] = slot[side].get(virtual, 0.0) + weight * share
    for idx, slot in acc.items():
        total = slot["w"][0] or 1.0
        for side in ("before", "after"):
            shares = {q: v / total for q, v in slot[side].items()}
            top = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))[: 2 * MAX_NEIGHBOURS]
            setattr(items[idx], side, dict(top))


def _weighted(values: list[tuple[float | None, float]]) -> float | None:
    known = [(v, w) for v, w in values if v is not None]
    if not known:
        return None
    total = sum(w for _, w in known)
    if total <= 0:
        return sum(v for v, _ in known) / len(known)
    return sum(v * w for v, w in known) / total


def _shares_of(attrs: list[dict[str, Any]], events: list[float]) -> tuple[float, ...] | None:
    """Event-weighted performer shares of merged nodes; None when unknown."""
    rows = []
    for a, w in zip(attrs, events, strict=True):
        vals = [_num(a.get(f"{p}_share")) for p in PERFORMERS]
        if all(v is not None for v in vals) and sum(vals) > 0:  # type: ignore[arg-type]
            rows.append(([float(v) for v in vals], w))  # type: ignore[arg-type]
    if not rows:
        return None
    total = sum(w for _, w in rows) or float(len(rows))
    out = [
        sum(v[k] * (w if sum(x for _, x in rows) else 1.0) for v, w in rows) / total
        for k in range(len(PERFORMERS))
    ]
    return tuple(out)


def _role_of(attrs: list[dict[str, Any]], events: list[float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for key in ROLE_KEYS:
        value = _weighted([(_num(a.get(key)), w) for a, w in zip(attrs, events, strict=True)])
        if value is not None:
            out[key] = value
    return out


def department_wide_columns(graph: nx.DiGraph) -> set[str]:
    """Columns filled by nearly every activity of a department: case attributes (受付区分,
    届出種別), not data that an activity captures."""
    n = graph.number_of_nodes()
    if n < MIN_ACTIVITIES_FOR_WIDE:
        return set()
    counts: dict[str, int] = {}
    for _, attrs in graph.nodes(data=True):
        for col in set(map(str, attrs.get("fields") or ())):
            counts[col] = counts.get(col, 0) + 1
    return {col for col, k in counts.items() if k >= WIDE_COLUMN_SHARE * n}


def from_models(graphs: Mapping[str, nx.DiGraph]) -> Profiles:
    """Profiles of the labelled elements of process models (every element is its own item)."""
    items: list[Item] = []
    for dept in sorted(graphs):
        graph = graphs[dept]
        rep_of: dict[Hashable, int] = {}
        for node in sorted(graph.nodes, key=str):
            label = str(graph.nodes[node].get("label", node))
            rep_of[node] = len(items)
            items.append(
                Item(
                    department=dept,
                    node=node,
                    name=label,
                    terms=label_terms(label),
                    states=_state_terms(graph.nodes[node]),
                )
            )
        _neighbours(graph, rep_of, items, weighted=False)
    _spell_kana(items)
    return Profiles(items, {}, from_models=True)


def _state_terms(attrs: Mapping[str, Any]) -> tuple[str, ...]:
    """Word terms of the labels of the states before and after a model element (node
    attributes ``events_before`` and ``events_after``, see
    :mod:`procmine.io.processmodels`)."""
    labels = [str(x) for key in ("events_before", "events_after") for x in attrs.get(key) or ()]
    return tuple(dict.fromkeys(w for text in labels for w in label_terms(text).words))


def _neighbours(
    graph: nx.DiGraph, rep_of: dict[Hashable, int], items: list[Item], *, weighted: bool
) -> None:
    """Fill ``preds`` / ``succs`` as weight shares, with virtual START / END."""
    preds: dict[int, dict[int, float]] = {i: {} for i in set(rep_of.values())}
    succs: dict[int, dict[int, float]] = {i: {} for i in set(rep_of.values())}
    for u, v, data in graph.edges(data=True):
        a, b = rep_of[u], rep_of[v]
        if a == b:
            continue
        w = (_num(data.get("count")) or 0.0) if weighted else 1.0
        if weighted and w <= 0:
            continue
        succs[a][b] = succs[a].get(b, 0.0) + w
        preds[b][a] = preds[b].get(a, 0.0) + w
    for node, idx in rep_of.items():
        attrs = graph.nodes[node]
        if weighted:
            start = _num(attrs.get("start")) or 0.0
            end = _num(attrs.get("end")) or 0.0
        else:
            start = 1.0 if graph.in_degree(node) == 0 else 0.0
            end = 1.0 if graph.out_degree(node) == 0 else 0.0
        if start > 0:
            preds[idx][START] = preds[idx].get(START, 0.0) + start
        if end > 0:
            succs[idx][END] = succs[idx].get(END, 0.0) + end
    for idx, weights in preds.items():
        items[idx].preds = _shares(weights)
        items[idx].succs = _shares(succs[idx])
