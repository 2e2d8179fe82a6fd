"""The plain data passed between procmine's stages (no logic here).

Data flows one way::

    load ─▶ Dataset (EventLog per department, column mappings, row accounting)
    discover ─▶ ProcessMap per department (networkx DiGraph + tables)
    fields ─▶ column ↔ field groups across systems (silos)
    match ─▶ duplicate activity pairs and clusters, with evidence
    candidates ─▶ ranked consolidation candidates with savings

Every table is a :class:`pandas.DataFrame` and every graph a :class:`networkx.DiGraph`, so
notebooks can use them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

# Standard column names inside EventLog.events. Data columns keep their original header.
CASE = "case"
ACTIVITY = "activity"
TIMESTAMP = "timestamp"
END = "end"
RESOURCE = "resource"
DEPARTMENT = "department"
PERSON = "person"
ROW = "row"
SOURCE = "source"

#: Roles a column can play. ``case``, ``activity`` and ``timestamp`` are required.
Role = Literal["case", "activity", "timestamp", "end", "resource", "department", "person"]
ROLES: tuple[str, ...] = (
    "case",
    "activity",
    "timestamp",
    "end",
    "resource",
    "department",
    "person",
)
REQUIRED_ROLES: tuple[str, ...] = ("case", "activity", "timestamp")
RESERVED_COLUMNS: tuple[str, ...] = ROLES + (ROW, SOURCE)

#: Who performs an activity, derived from its resources.
Performer = Literal["resident", "staff", "system", "external", "unknown"]

#: The four principles of フロントヤード改革.
Principle = Literal["kakasenai", "matasenai", "mayowasenai", "ikasenai"]
PRINCIPLES: dict[str, str] = {
    "kakasenai": "書かせない",
    "matasenai": "待たせない",
    "mayowasenai": "迷わせない",
    "ikasenai": "行かせない",
}


@dataclass(frozen=True)
class ColumnMapping:
    """How the columns of one input file were understood.

    ``roles`` maps a role (``case``, ``activity`` …) to the file's own header; ``how`` says
    where each choice came from: ``"option"`` (command line / API), ``"config"``
    (procmine.toml), ``"header"`` (recognised header name) or ``"values"`` (guessed from
    the values).
    """

    source: str
    format: str
    encoding: str | None
    roles: dict[str, str]
    how: dict[str, str]
    data_columns: tuple[str, ...]
    departments: tuple[str, ...]


@dataclass(frozen=True)
class RowAccounting:
    """Rows of one input file: ``rows_read == rows_loaded + sum(dropped.values())``."""

    source: str
    rows_read: int
    rows_loaded: int
    dropped: dict[str, int] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.rows_loaded + sum(self.dropped.values())


@dataclass(eq=False, repr=False)
class EventLog:
    """The events of one department system.

    ``events`` has the standard columns ``case``, ``activity`` (str), ``timestamp``
    (datetime64), ``end`` (datetime64, may be all NaT), ``resource``, ``person`` (str or
    missing), ``department``, ``source`` (file name) and ``row`` (line number in the file,
    header = 1), followed by the data columns under their original headers. Rows are sorted
    by case, timestamp and row.

    It displays as counts only, never an event's values (they hold residents' data), and
    equals only itself.
    """

    department: str
    events: pd.DataFrame
    data_columns: tuple[str, ...]
    sources: tuple[str, ...]

    def __repr__(self) -> str:
        cases = self.events[CASE].nunique() if CASE in self.events else 0
        return (
            f"<EventLog {self.department}: {_count(len(self.events), 'event')}, "
            f"{_count(cases, 'case')}, {_count(len(self.data_columns), 'data column')}; "
            f"from {', '.join(self.sources)}>"
        )


@dataclass(eq=False, repr=False)
class Dataset:
    """Everything :func:`procmine.load` read.

    ``models`` holds process models given as BPMN/PNML/EPML files: a DiGraph per
    department whose nodes are activity labels (no events).

    It displays as a summary (departments, events, rows read, loaded and dropped,
    warnings), never an event's values, and equals only itself.
    """

    logs: dict[str, EventLog]
    mappings: list[ColumnMapping]
    accounting: list[RowAccounting]
    warnings: list[str] = field(default_factory=list)
    models: dict[str, nx.DiGraph] = field(default_factory=dict)
    #: registers kept per resident (対象者台帳: one row per resident, no steps) by department:
    #: their columns are compared with the other systems' copies (:mod:`procmine.fields`);
    #: they hold no events of a process
    registers: dict[str, EventLog] = field(default_factory=dict)

    @property
    def departments(self) -> list[str]:
        return sorted(set(self.logs) | set(self.models))

    def __repr__(self) -> str:
        events = sum(len(log.events) for log in self.logs.values())
        read = sum(a.rows_read for a in self.accounting)
        loaded = sum(a.rows_loaded for a in self.accounting)
        models = f", {_count(len(self.models), 'process model')}" if self.models else ""
        return (
            f"<Dataset {_count(len(self.departments), 'department')}, "
            f"{_count(events, 'event')}{models}; {_count(len(self.accounting), 'file')}: "
            f"{_count(read, 'row')} read, {loaded:,} loaded, {read - loaded:,} dropped; "
            f"{_count(len(self.warnings), 'warning')} (see .warnings and .accounting)>"
        )


def _count(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless one (for the displays)."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


@dataclass(eq=False, repr=False)
class ProcessMap:
    """A department's discovered process map.

    ``graph`` nodes are activity labels with attributes ``events``, ``cases``,
    ``median_minutes``, ``total_hours``, ``duration_measured``, ``resources``,
    ``performer``, ``start``, ``end`` and ``fields`` (data columns the activity fills), plus
    the role evidence described in :mod:`procmine.discover` (performer shares, position,
    ``same_day``, ``wait_minutes``, ``after_system``, ``recapture``, ``before``/``after``);
    edges carry ``count`` and ``median_wait_minutes``. ``activities`` is the same node data as a table indexed by
    activity; ``variants`` lists trace variants with ``cases`` and ``share``. ``aliases``
    maps raw labels merged into one activity onto that activity's label. It displays as
    counts and equals only itself.
    """

    department: str
    graph: nx.DiGraph
    activities: pd.DataFrame
    variants: pd.DataFrame
    cases: int
    events: int
    aliases: dict[str, str] = field(default_factory=dict)
    duration_source: Literal["end", "next_event", "mixed", "none"] = "none"

    def __repr__(self) -> str:
        return (
            f"<ProcessMap {self.department}: {self.graph.number_of_nodes():,} activities, "
            f"{_count(self.cases, 'case')}, {_count(self.events, 'event')}>"
        )
