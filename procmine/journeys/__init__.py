"""Resident visits and life-event journeys across departments, and their KPIs.

:func:`journeys` follows residents through the departments' logs: which days they came to
the city hall, which counters they went to in which order, how long they stayed and
waited, how often they wrote data the city already had and showed their identity again,
and how the visits of one life event (転入, 死亡 …) add up. The KPIs are grouped by the four
principles of フロントヤード改革 (書かせない・待たせない・迷わせない・行かせない).
Residents appear only under pseudonyms (:mod:`procmine.privacy`).

Rules
-----
The rules use what every log has: the resident key (``person``), who performs each step
(resident, staff, system, external, from the resource or the process map), the data
columns a step fills, the time stamps and the duplicate clusters. Nothing depends on
department names; activity labels are read only for the common words that name queue
tickets and identity checks, with a rule from the log's structure where no label has them.

Presence
    A step shows that the resident is at the city hall when it is

    * a **queue ticket**: a system step followed, the same day, by a step of the same
      resident in the same department done by someone else (a batch run at night is not),
      of an activity whose label names a ticket (番号札, 順番札, 整理券, 整理票, 受付票,
      呼出, 発券, ticket, queue); where no system step's label does (another language,
      codes), of an activity whose events mostly open the resident's day at the department
      and are mostly so followed (a system update during the service does not open it);
    * a step **the resident performs** (writing a form) with a staff or system step of
      the same resident in the same department within ``visit_gap_hours`` the same day
      (an online or mailed form handled days later is not a visit);
    * an **identity check** (below): a check needs the resident;
    * in a file without any resident- or system-performed step (a register without queue
      tickets such as a 戸籍 system, an export without resources), the first step of each
      case: the case was opened at the counter (the service that follows is on site by
      the rule below; later steps are back office).

Visit
    The resident's presence steps of one calendar day; a break of more than
    ``visit_gap_hours`` between two of them (not counting the wait after a queue ticket)
    starts a new visit. Without a ``person`` key a case is its own resident, so its visits
    are its days at the counter.

On site
    The steps between the first and the last presence step of a visit (including steps of
    other departments meanwhile), plus the steps of a presence step's department that
    continue it without a break longer than ``service_gap_minutes`` (the wait after a
    queue ticket is no break) until the resident shows up at another department: the
    counter still serves the resident after their last own step (hands over a
    certificate, explains the next procedures). Back-office steps done later, after the
    resident left, are not on site; days without presence steps are back-office days, not
    visits.

Counters and route
    In a visit with queue tickets, each ticket opens a counter at its department, and
    presence steps before the first ticket mark where the resident started; steps of other
    departments between tickets are served at the current counter (a one-stop counter
    where departments come to the resident) or are back office. In a visit without tickets
    every presence step marks its department. The resident is at the department of their
    latest mark, or already at the one of their next mark once a step there has started;
    each change of department is a new stop. ``route`` lists the stops in order,
    ``departments`` the distinct ones in order of first arrival. ``hand_offs`` = stops − 1;
    ``back_and_forth`` = stops − distinct departments (re-entering a department already
    visited during the visit).
    ``counters`` = the counters the resident queued at: each queue ticket is one counter
    (a department with several counters issues several tickets); a visit without any
    ticket counts its stops. ``n_departments`` counts distinct departments.

Times
    ``minutes_on_site`` = end of the last on-site step − start of the first; where a log
    has no end time, a step done by a person is taken to last its activity's median
    handling time in the process map (else the median over the map's activities done by
    people; a system step: no time). The wait at a counter is the longest idle gap after
    its queue ticket, until the next ticket (from the end of one step to the start of the
    next: the gap from the ticket to the next step, unless the resident writes a form
    while waiting to be called); ``waiting_minutes`` adds up the visit's counters. Without
    end times, a gap includes the handling time of the step before it.

Queue wait
    The wait of koyo-city §3.8 (queue ticket → first service), one row per ticket in
    ``queues``: from the ticket to the start of the first step of its department after
    it (before the visit's next ticket) done by staff, an external body or an unknown
    performer. A step right after the ticket that fills no data column and is followed
    directly by a form the resident writes is the guidance handing out the form, not the
    service: the resident writes while waiting to be called, so the writing is part of
    the wait (unlike ``waiting_minutes``, which counts idle time only).

Writing
    A **form write** is a resident-performed step that fills at least one data column
    (case attributes such as 受付区分 that repeat on every row of a case do not count). A
    **field written again** is a field such a step fills that the city already captured
    for the same resident earlier in the journey (by any step). Fields are the common
    names of ``column_fields`` (the silo groups: 氏名 in one system and 被保険者氏名 in
    another are one field), else the column headers.

Identity checks
    Steps done by staff that capture at most two data columns (a check records at most the
    document shown). Where activity labels name identity checks (本人 … 確認, 身元, 身分,
    identity, identification), the identity checks are those activities plus the members
    of the duplicate clusters most of whose members are so named (a check named
    「届出人確認」 that the matcher grouped with 本人確認 counts too); the **identity-like
    cluster** reported is the one of these with most executions on days the resident is
    present. Where no label does (another language, codes), the identity-like cluster is
    the duplicate cluster of such steps (mostly staff-performed, median at most two data
    columns) with most executions on days the resident is present, and its members are the
    checks. ``identity_checks`` counts executions; ``identity_checks=`` overrides the
    choice (to count the same checks before and after a reform, where the check is no
    longer duplicated); ``cluster_executions`` gives every cluster's executions per visit.
    With no checks found, ``identity_checks`` is missing.

Journey
    A resident's cases that start within ``journey_window_days`` of the journey's first
    event. A journey starts with a case that shows contact (a step on site or one the
    resident performed); the first such case after the window opens the next journey.
    Cases without contact (back-office work such as an income inquiry) join the journey
    whose window they start in, or none. ``revisits`` = visits that return to a department
    already visited on an earlier visit of the journey (so within the window).

Journey type
    From the journey's first case: the label of its first resident-performed step (else of
    its first step not done by a system, else of its first step; of two members of one
    duplicate cluster in the same department, the more frequent label), followed by
    `` / `` and the value of its file's case-type column if there is one (a column
    repeated on every row of a case with 2–20 values, such as 受付区分 or 届出種別). A log
    without such a column still gives a type. Such a column may hold the channel (窓口,
    オンライン, 代理) rather than the life event; the label says which.

Life event
    What the resident came for, named so that it stays the same when a reform renames the
    counter steps: the departments of the journey's procedures joined by `` + ``, then
    `` / `` and the most specific case type among them (the value fewest cases of the log
    have), e.g. ``保険年金課 + 市民課 / 窓口``. A procedure is a case with a step that is
    neither a queue ticket nor an identity check and that the resident performs, or that
    staff do on a day the resident came, filling at least two data columns (see
    ``life_events`` in ``_journeys.py``).

Work
    ``staff_minutes``: handling minutes of the journey's steps done by staff or external
    bodies. A **form step** is a resident-performed step on site, together with the staff
    step just before it in the same case when that one is on site, fills data and ends at
    most a minute before (the interview whose printed form the resident signs);
    ``form_steps`` counts them and ``form_minutes`` is their mean length.

Pseudonyms
    ``pseudonym`` columns hold :func:`procmine.privacy.pseudonymise` of the resident key
    with ``salt``. Without a salt, every call draws a new one and forgets it, so
    pseudonyms differ from one run to the next and cannot be traced back; pass your own
    secret salt (e.g. ``procmine.privacy.new_salt()`` kept in a safe place) to keep them
    stable across runs. Keep it secret: resident keys have few digits, so whoever holds
    the salt can recompute every pseudonym. No table holds a resident key or a case
    number.

Examples
--------
>>> import pandas as pd
>>> from procmine.model import Dataset, EventLog
>>> from procmine.discover import discover_all
>>> def log(dept, rows):
...     ev = pd.DataFrame(rows, columns=["case", "activity", "timestamp", "resource", "person"])
...     ev["timestamp"] = pd.to_datetime(ev["timestamp"])
...     return EventLog(dept, ev.assign(department=dept), (), (dept,))
>>> ds = Dataset({"A": log("A", [("1", "ticket", "2026-04-01 09:00", "SYSTEM", "P1"),
...                              ("1", "serve", "2026-04-01 09:20", "A-01", "P1")]),
...               "B": log("B", [("2", "ticket", "2026-04-01 09:30", "SYSTEM", "P1"),
...                              ("2", "serve", "2026-04-01 09:35", "B-01", "P1")])}, [], [])
>>> result = journeys(ds, discover_all(ds.logs), pd.DataFrame(), salt=b"secret")
>>> result.visits[["departments", "counters", "minutes_on_site", "waiting_minutes"]]
  departments  counters  minutes_on_site  waiting_minutes
0      (A, B)         2             35.0             25.0
>>> result.handover.loc["A", "B"]
np.int64(1)
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from procmine._memory import release_memory
from procmine.errors import ConfigError
from procmine.model import Dataset, ProcessMap
from procmine.privacy import new_salt, pseudonymise

from . import _marks, _reuse
from ._events import Events, PackedEvents, event_table, pack
from ._journeys import assign_journeys, canonical_labels, journey_types, life_events, work_figures
from ._kpis import ALL_TYPES, KPI_COLUMNS, KPIS, PATH_COLUMNS, handover_matrix, kpi_table
from ._kpis import check_type as _check_type
from ._kpis import typical_paths as _typical_paths
from ._segments import distinct, first_seen
from ._tables import (
    JOURNEY_COLUMNS,
    QUEUE_COLUMNS,
    STOP_COLUMNS,
    VISIT_COLUMNS,
    event_figures,
    journey_table,
    queue_table,
    visit_tables,
)
from ._visits import assign_visits, identity_activities, primary_presence

__all__ = [
    "ALL_TYPES",
    "JOURNEY_COLUMNS",
    "KPIS",
    "KPI_COLUMNS",
    "PATH_COLUMNS",
    "QUEUE_COLUMNS",
    "STOP_COLUMNS",
    "VISIT_COLUMNS",
    "JourneyResult",
    "journeys",
    "kpi_table",
]


@dataclass
class JourneyResult:
    """Result of :func:`journeys`; every table uses pseudonyms only.

    Attributes
    ----------
    visits : DataFrame
        One row per visit, columns :data:`VISIT_COLUMNS`: ``visit`` (number), ``journey``,
        ``pseudonym``, ``date``, ``start``, ``end``, ``n_departments``, ``departments``
        (tuple, order of first arrival), ``route`` (tuple of stops, re-entries included),
        ``counters``, ``minutes_on_site``, ``waiting_minutes``, ``forms_written``,
        ``fields_written_again``, ``identity_checks``, ``hand_offs``, ``back_and_forth``,
        ``cluster_executions`` (dict cluster → executions on site).
    journeys : DataFrame
        One row per life-event journey, columns :data:`JOURNEY_COLUMNS`. Writes and
        identity checks count every step of the journey's cases (also online ones); times,
        hand-offs and back-and-forth add up its visits.
    kpis : DataFrame
        :data:`KPI_COLUMNS`: per principle and KPI (:data:`KPIS`), per journey type and over
        all journeys (``journey_type == "all"``): n, mean, median, p25, p75.
    handover : DataFrame
        Department × department: how often residents went from the row's department
        straight to the column's during a visit.
    stops : DataFrame
        One row per stop of a visit at a department (:data:`STOP_COLUMNS`): arrival and
        departure, minutes from the start of the visit, minutes spent there, queue
        tickets taken (``counters``) and minutes waited there.
    identity_cluster : object or None
        The identity-like duplicate cluster (see the module docstring), if any.
    identity_members : tuple of (department, activity)
        The activities counted as identity checks (pass them as ``identity_checks`` to
        count the same ones in another run).
    life_event_kpis : DataFrame
        As ``kpis``, grouped by the journeys' ``life_event`` instead of ``journey_type``
        (column ``life_event``).
    queues : DataFrame
        One row per queue ticket of a visit (:data:`QUEUE_COLUMNS`): ``visit``,
        ``journey``, ``department``, ``date``, ``ticket`` and ``service`` (times) and
        ``queue_minutes``, the wait from the ticket to the first service (see Queue wait
        in the module docstring).
    """

    visits: pd.DataFrame
    journeys: pd.DataFrame
    kpis: pd.DataFrame
    handover: pd.DataFrame
    stops: pd.DataFrame
    identity_cluster: object | None = None
    identity_members: tuple[tuple[str, str], ...] = ()
    queues: pd.DataFrame = field(default_factory=lambda: _empty_frame(QUEUE_COLUMNS))
    life_event_kpis: pd.DataFrame = field(
        default_factory=lambda: _empty_frame(
            ["life_event" if c == "journey_type" else c for c in KPI_COLUMNS]
        )
    )

    def __repr__(self) -> str:
        types = self.journeys["journey_type"].nunique() if len(self.journeys) else 0
        return (
            f"<JourneyResult {len(self.visits):,} visits, {len(self.journeys):,} journeys, "
            f"{types} journey types>"
        )

    def typical_path(self, journey_type: str) -> pd.DataFrame:
        """The most common ordered list of stops of a journey type, with median times.

        Returns :data:`PATH_COLUMNS`: ``step``, ``visit`` (1 = the journey's first visit),
        ``department``, ``arrival_minute`` (median minutes from the start of that visit),
        ``minutes`` (median minutes at the department), ``journeys`` following exactly this
        path and their ``share`` of the type's journeys. Raises ConfigError for an unknown
        type.
        """
        cache = self.__dict__.setdefault("_paths", {})  # the report asks for every type
        if journey_type not in cache:
            _check_type(self.journeys, journey_type)
            known = self.journeys["journey_type"].dropna().unique().tolist()
            cache.update(_typical_paths(self.journeys, self.visits, self.stops, known))
        return cache[journey_type].copy()


def journeys(
    dataset: Dataset,
    maps: Mapping[str, ProcessMap],
    clusters: pd.DataFrame,
    *,
    visit_gap_hours: float = 3.0,
    journey_window_days: float = 30.0,
    service_gap_minutes: float = 15.0,
    column_fields: Mapping[tuple[str, str], str] | None = None,
    identity_checks: Collection[tuple[str, str]] | None = None,
    salt: bytes | None = None,
    marked: Callable[[PackedEvents, tuple[tuple[str, str], ...]], None] | None = None,
) -> JourneyResult:
    """Resident visits and life-event journeys, their KPIs and hand-overs.

    Parameters
    ----------
    dataset : Dataset
        The loaded logs.
    maps : dict[str, ProcessMap]
        Process map per department (performers, label aliases, fields).
    clusters : DataFrame
        ``cluster, department, activity`` of the duplicate clusters (may be empty).
    visit_gap_hours : float, default 3
        A break longer than this between two presence steps of a day (not counting the
        wait after a queue ticket) starts a new visit.
    journey_window_days : float, default 30
        Cases starting within this many days of a journey's first event belong to it.
    service_gap_minutes : float, default 15
        Steps of a presence step's department that follow it (or precede it) with breaks of
        at most this many minutes are on site too: the counter still serves the resident.
    column_fields : dict, optional
        ``(department, column) → field`` (:func:`procmine.fields.column_fields`), so that
        the same field written in two systems counts as written again.
    identity_checks : collection of (department, activity), optional
        The activities to count as identity checks instead of the automatic choice, e.g.
        ``identity_members`` of a run on the logs before a reform, to count the same checks
        after it.
    salt : bytes, optional
        Secret key of the pseudonyms; pass the same salt for the same pseudonyms across
        runs. Default: a new random salt per call, not kept anywhere.
    marked : callable, optional
        Called once the events are marked, before the tables are built, with the packed
        event table (before the marks; its ``marks`` keep them, for
        :func:`kpi_means_without`) and the identity check members: what
        :mod:`procmine.whatif` needs to start its scenarios (``procmine.analysis`` starts
        them in a helper process there). Not called when there are no events.

    Returns
    -------
    JourneyResult
        See the module docstring for the rules.
    """
    for name, value in (
        ("visit_gap_hours", visit_gap_hours),
        ("journey_window_days", journey_window_days),
        ("service_gap_minutes", service_gap_minutes),
    ):
        if not value > 0:
            raise ConfigError(f"{name} must be positive (got {value!r})")
    salt = new_salt() if salt is None else salt
    pseudonymise(pd.Series([], dtype="object"), salt=salt)  # a bad salt fails before the work
    clusters = (
        clusters
        if clusters is not None
        else pd.DataFrame(columns=["cluster", "department", "activity"])
    )
    events = event_table(dataset, maps, clusters, column_fields)
    ev, captures = events.table, events.captures
    departments = sorted(set(dataset.logs))
    if ev.empty:
        empty = pd.DataFrame(
            0, index=pd.Index(departments, name="from"), columns=pd.Index(departments, name="to")
        )
        frames = {
            c: pd.DataFrame({k: pd.Series(dtype="object") for k in cols})
            for c, cols in (("v", VISIT_COLUMNS), ("j", JOURNEY_COLUMNS), ("s", STOP_COLUMNS))
        }
        return JourneyResult(
            frames["v"],
            frames["j"],
            kpi_table(frames["v"], frames["j"]),
            empty,
            frames["s"],
        )

    base = pack(events)  # before the marks, in less memory
    release_memory()  # what building the table took and let go of
    identity, members = _mark(
        events,
        maps,
        clusters,
        identity_checks,
        visit_gap_hours=visit_gap_hours,
        service_gap_minutes=service_gap_minutes,
        journey_window_days=journey_window_days,
    )
    settings = _settings(visit_gap_hours, service_gap_minutes, journey_window_days, members)
    if members and _marks.usable(ev):  # for the what-if's scenarios (kpi_means_without)
        base.marks[settings] = _marked(ev)
    if marked is not None:
        marked(base, members)
    names = pseudonymise(pd.Series(events.keys, dtype="object"), salt=salt).to_numpy(dtype=object)
    ev["pseudonym"] = pd.Series(names[ev["who"].to_numpy()], index=ev.index, dtype="object")

    coded = events.coded.get("field")  # the captures' fields as event_table coded them
    known = coded is not None and not pd.isna(coded[1]).any()  # factorize: -1 for missing
    figures = event_figures(ev, captures, coded[0] if known and coded is not None else None)
    visits, stops = visit_tables(ev, figures, bool(members))
    if isinstance(base.marks.get(settings), tuple):  # and their visits' figures
        base.marks[settings] += (_visit_columns(visits),)
    # data columns each event fills, by eid (0 … n-1): as captures.groupby("eid").size(),
    # with the events without any at 0
    nfields = pd.Series(np.bincount(captures["eid"].to_numpy(dtype="int64"), minlength=len(ev)))
    queues = queue_table(ev, figures, nfields)
    types = journey_types(ev, canonical_labels(clusters, maps))
    table = journey_table(ev, figures, visits, stops, types, bool(members))
    table = _with_life_events(table, life_events(ev, captures), work_figures(ev, captures))
    shared: dict = {}  # the figures over all journeys, for both KPI tables
    result = JourneyResult(
        visits=visits,
        journeys=table,
        kpis=kpi_table(visits, table, shared=shared),
        handover=handover_matrix(stops, departments),
        stops=stops,
        identity_cluster=identity,
        identity_members=members,
        queues=queues,
        life_event_kpis=kpi_table(visits, table, by="life_event", shared=shared),
    )
    # procmine.whatif masks this table instead of building it again (see base_events). It
    # is kept beside the result, not in it: it holds the raw resident keys. Packed, it
    # takes about a third of the table's memory while the later stages run.
    _HANDOVER[id(result)] = (dataset, maps, clusters, dict(column_fields or {}), base)
    weakref.finalize(result, _HANDOVER.pop, id(result), None)
    del ev, events, captures, figures
    release_memory()
    return result


#: The event tables of live JourneyResults (by id) until procmine.whatif takes them.
_HANDOVER: dict[int, tuple] = {}


def base_events(
    result: JourneyResult,
    dataset: Dataset,
    maps: Mapping[str, ProcessMap],
    clusters: pd.DataFrame,
    column_fields: Mapping[tuple[str, str], str] | None,
) -> PackedEvents | None:
    """The event table :func:`journeys` built for ``result`` (before its marks, packed), if it was
    built from these very objects (and equal ``column_fields``); else None. The table is
    handed over once and then let go of (as when ``result`` is garbage-collected), so that
    it does not stay in memory."""
    kept = _HANDOVER.pop(id(result), None)
    if kept is None:
        return None
    ds, mp, cl, fields, events = kept
    if ds is dataset and mp is maps and cl is clusters and fields == dict(column_fields or {}):
        return events
    return None


def _mark(
    events: Events,
    maps: Mapping[str, ProcessMap],
    clusters: pd.DataFrame,
    identity_checks: Collection[tuple[str, str]] | None,
    *,
    visit_gap_hours: float,
    service_gap_minutes: float,
    journey_window_days: float,
) -> tuple[object | None, tuple[tuple[str, str], ...]]:
    """Add ``ident``, ``queue``, ``present``, ``journey``, ``visit`` and ``vjourney`` to the
    (non-empty) event table; returns (identity-like cluster, identity check members)."""
    gap = pd.Timedelta(hours=visit_gap_hours)
    service_gap = pd.Timedelta(minutes=service_gap_minutes)
    window = pd.Timedelta(days=journey_window_days)
    ev = events.table
    keys = _marks.Keys.from_events(ev) if _marks.usable(ev) else None
    if keys is not None:
        q, p = _marks.primary_presence(ev, keys, gap=gap)
        queue, present = pd.Series(q, index=ev.index), pd.Series(p, index=ev.index)
    else:
        queue, present = primary_presence(ev, gap=gap)
    if identity_checks is None:
        identity, members = identity_activities(ev, present, clusters, maps, events.attributes)
    else:
        identity, members = None, tuple(sorted({(str(d), str(a)) for d, a in identity_checks}))
    ev["ident"] = _is_member(ev, members)
    present = present | ev["ident"]
    ev["queue"], ev["present"] = queue.to_numpy(), present.to_numpy()
    if keys is not None:
        _marks.mark_visits(ev, keys, gap=gap, service_gap=service_gap, window=window)
        return identity, members
    seq = assign_visits(ev, present, queue, gap=gap, service_gap=service_gap)
    contact = present | ev["performer"].eq("resident")
    ev["journey"] = assign_journeys(ev, contact, window=window)
    ev["visit"] = _number_visits(ev, seq)
    first_presence = ev[ev["present"] & ev["visit"].notna()].drop_duplicates("visit")
    ev["vjourney"] = ev["visit"].map(first_presence.set_index("visit")["journey"])
    return identity, members


def kpi_means(
    events: Events,
    maps: Mapping[str, ProcessMap],
    clusters: pd.DataFrame,
    *,
    identity_checks: Collection[tuple[str, str]] | None = None,
    visit_gap_hours: float = 3.0,
    journey_window_days: float = 30.0,
    service_gap_minutes: float = 15.0,
) -> dict[str, float]:
    """Mean over all journeys of the KPIs of :data:`KPIS` and ``staff_minutes`` (per
    journey), as ``kpis`` (``journey_type == "all"``) and ``journeys`` of :func:`journeys`
    on the same events give them, computing only what they need (no pseudonyms, queues,
    journey types, life events or per-type figures). Used by :mod:`procmine.whatif`.

    ``events`` (from ``event_table`` or ``without_events`` in ``_events.py``) gets the marks of the
    journey rules as new columns. Every journey has a type (its first case's label), so
    the means over all journeys count every journey, and every visit that has one.
    """
    ev = events.table
    if ev.empty:
        return {}
    _, members = _mark(
        events,
        maps,
        clusters,
        identity_checks,
        visit_gap_hours=visit_gap_hours,
        service_gap_minutes=service_gap_minutes,
        journey_window_days=journey_window_days,
    )
    ev["pseudonym"] = ev["who"]  # not reported; visit_tables carries it along
    figures = event_figures(ev, events.captures)
    visits, _ = visit_tables(ev, figures, bool(members), full=False)
    fin_est, ts = ev["fin_est"].to_numpy(), ev["ts"].to_numpy()
    performer = ev["performer"].to_numpy(dtype=object)

    def staff(rows: np.ndarray) -> pd.Series:
        length = pd.Series(fin_est[rows] - ts[rows])
        by = performer[rows]
        minutes = length.dt.total_seconds() / 60.0
        return minutes.where((by == "staff") | (by == "external"), 0.0).fillna(0.0)

    return _lean_means(
        ev["journey"].to_numpy(dtype="float64"),
        figures["form"].to_numpy(dtype=bool),
        ev["ident"].to_numpy(dtype=bool) if members else None,
        staff,
        visits,
    )


def kpi_means_without(
    base: PackedEvents,
    rows: np.ndarray,
    *,
    identity_checks: Collection[tuple[str, str]],
    visit_gap_hours: float = 3.0,
    journey_window_days: float = 30.0,
    service_gap_minutes: float = 15.0,
) -> dict[str, float] | None:
    """:func:`kpi_means` of the rows ``rows`` (ascending, ``kept_rows`` in ``_events.py``) of
    the base table ``base``, with the identity checks given, marking again only the
    residents' days that change (``_reuse.py``); the same figures. The base table's marks
    are computed once (or taken from :func:`journeys`, which keeps them on ``base``) and
    kept on ``base`` for the next call. None where the reuse does not apply (no checks
    given, queue tickets not named by their labels, time stamps unknown): then call
    :func:`kpi_means`."""
    members = tuple(sorted({(str(d), str(a)) for d, a in identity_checks}))
    if not members or not base.n:
        return None
    settings = _settings(visit_gap_hours, service_gap_minutes, journey_window_days, members)
    gap, service_gap, window, _ = settings
    marks = base.marks.get(settings)
    if marks is None or isinstance(marks, tuple):
        marked = (
            marks
            if marks is not None
            else _base_marks(
                base,
                members,
                visit_gap_hours=visit_gap_hours,
                service_gap_minutes=service_gap_minutes,
                journey_window_days=journey_window_days,
            )
        )
        marks = None if marked is None else _reuse.build(base, marked)
        base.marks[settings] = marks if marks is not None else False
    if not marks:
        return None
    found = _reuse.scenario(base, marks, rows, gap=gap, service_gap=service_gap, window=window)
    if found is None:
        return None
    return _lean_means(
        found.journey, found.form, found.ident, lambda r: pd.Series(found.staff[r]), found.visits
    )


def reuses_marks(base: PackedEvents, identity_checks: Collection[tuple[str, str]] | None) -> bool:
    """Whether :func:`kpi_means_without` (default settings) will reuse the marks that
    :func:`journeys` kept on ``base`` (a cheap test: :mod:`procmine.whatif` decides with it
    where its scenarios run)."""
    members = tuple(sorted({(str(d), str(a)) for d, a in identity_checks or ()}))
    marks = base.marks.get(_settings(3.0, 15.0, 30.0, members)) if members else None
    if isinstance(marks, tuple):
        return _reuse.named_tickets(base) is not None
    return bool(marks)


def _settings(
    visit_gap_hours: float,
    service_gap_minutes: float,
    journey_window_days: float,
    members: tuple[tuple[str, str], ...],
) -> tuple[pd.Timedelta, pd.Timedelta, pd.Timedelta, tuple[tuple[str, str], ...]]:
    """The key of a table's marks in ``PackedEvents.marks``: the rules' settings."""
    return (
        pd.Timedelta(hours=visit_gap_hours),
        pd.Timedelta(minutes=service_gap_minutes),
        pd.Timedelta(days=journey_window_days),
        members,
    )


def _base_marks(
    base: PackedEvents,
    members: tuple[tuple[str, str], ...],
    *,
    visit_gap_hours: float,
    service_gap_minutes: float,
    journey_window_days: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """(queue, present, ident, visit) of the rules on ``base``; None where the numpy rules
    do not apply (``_marks.usable``)."""
    table = base.table
    if not _marks.usable(table):
        return None
    _mark(
        Events(table, pd.DataFrame(), base.keys, base.attributes),
        {},
        pd.DataFrame(),
        members,
        visit_gap_hours=visit_gap_hours,
        service_gap_minutes=service_gap_minutes,
        journey_window_days=journey_window_days,
    )
    return _marked(table)


def _marked(ev: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(queue, present, ident, visit) of a marked event table, as arrays of their own."""
    return (
        ev["queue"].to_numpy(dtype=bool, copy=True),
        ev["present"].to_numpy(dtype=bool, copy=True),
        ev["ident"].to_numpy(dtype=bool, copy=True),
        ev["visit"].to_numpy(dtype="float64", copy=True),
    )


def _visit_columns(visits: pd.DataFrame) -> tuple[np.ndarray, ...]:
    """``visit``, ``start``, ``counters``, ``minutes_on_site`` and ``waiting_minutes`` of a
    visits table, as arrays (what ``_reuse.py`` takes from it)."""
    return tuple(
        visits[c].to_numpy()
        for c in ("visit", "start", "counters", "minutes_on_site", "waiting_minutes")
    )


def _lean_means(
    number: np.ndarray,
    form: np.ndarray,
    ident: np.ndarray | None,
    staff: Callable[[np.ndarray], pd.Series],
    visits: pd.DataFrame,
) -> dict[str, float]:
    """The means of :func:`kpi_means` from each event's journey ``number``, form write,
    identity check (None: no checks known) and staff minutes (``staff(rows)``), and the
    lean visits table."""
    rows = np.flatnonzero(~np.isnan(number))
    if not len(rows):
        return {}
    ids = number[rows].astype("int64")
    journeys_, at = distinct(ids, inverse=True)
    index = pd.Index(journeys_, name="journey")

    forms = np.bincount(at, weights=form[rows], minlength=len(index))
    table = pd.DataFrame({"forms_written": forms.astype("int64")}, index)
    if ident is not None:
        checks = np.bincount(at, weights=ident[rows], minlength=len(index))
        table["identity_checks"] = pd.array(checks.astype("int64"), "Int64")
    minutes = staff(rows)
    del rows, at, number  # one value per event: let go of first
    staff_minutes = minutes.groupby(ids).sum()
    del minutes, ids
    tables = {"journeys": table, "visits": visits[visits["journey"].notna()]}
    means: dict[str, float] = {}
    for _, kpi, name, column in KPIS:
        if column not in tables[name]:
            continue
        values = tables[name][column].dropna().to_numpy(dtype="float64")
        if values.size:
            means[kpi] = float(values.sum() / values.size)
    staff_all = pd.Series(table.index, index=table.index).map(staff_minutes).fillna(0.0)
    means["staff_minutes"] = float(staff_all.astype("float64").mean())
    return means


def _empty_frame(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


def _with_life_events(table: pd.DataFrame, life: pd.Series, work: pd.DataFrame) -> pd.DataFrame:
    """``table`` with ``life_event``, ``staff_minutes``, ``form_steps`` and ``form_minutes``."""
    ids = table["journey"]
    out = table.assign(
        life_event=ids.map(life).astype("object"),
        staff_minutes=ids.map(work["staff_minutes"]).fillna(0.0).astype("float64"),
        form_steps=ids.map(work["form_steps"]).fillna(0).astype("int64"),
        form_minutes=ids.map(work["form_minutes"]).astype("float64"),
    )
    return out[JOURNEY_COLUMNS]


def _is_member(ev: pd.DataFrame, members: tuple[tuple[str, str], ...]) -> pd.Series:
    """Is each event an execution of one of ``members`` (department, activity)?"""
    hit = np.zeros(len(ev), dtype=bool)
    wanted: dict[str, list[str]] = {}
    for dept, act in members:
        wanted.setdefault(dept, []).append(act)
    if wanted and len(ev):
        dcode = ev["dcode"].to_numpy(dtype="int64")  # one code per department
        codes, first = first_seen(dcode)
        names = ev["department"].to_numpy(dtype=object)[first]
        position = dict(zip(names.tolist(), codes.tolist(), strict=True))
        activity = ev["activity"].to_numpy(dtype=object)
        for dept, acts in wanted.items():
            if dept not in position:
                continue
            here = np.flatnonzero(dcode == position[dept])
            hit[here] = pd.Series(activity[here], dtype="object").isin(acts).to_numpy()
    return pd.Series(hit, index=ev.index)


def _number_visits(ev: pd.DataFrame, seq: pd.Series) -> pd.Series:
    """Visit numbers 1 … n in order of start time (then resident key): deterministic."""
    on = pd.DataFrame({"seq": seq, "ts": ev["ts"], "who": ev["who"]}).dropna(subset=["seq"])
    if on.empty:
        return pd.Series(np.nan, index=ev.index)
    first = (
        on.groupby("seq")
        .agg(ts=("ts", "min"), who=("who", "first"))
        .sort_values(["ts", "who"], kind="stable")
    )
    number = pd.Series(np.arange(1, len(first) + 1, dtype="float64"), index=first.index)
    return seq.map(number)
