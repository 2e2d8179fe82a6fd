"""The one-call API: :func:`analyze` runs every stage and returns an :class:`Analysis`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from procmine.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from procmine._forks import Pending
    from procmine.journeys import JourneyResult
    from procmine.journeys._events import PackedEvents
    from procmine.model import Dataset, ProcessMap
    from procmine.whatif import Started

_T = TypeVar("_T")


@dataclass
class Analysis:
    """Result of :func:`procmine.analyze`.

    Attributes
    ----------
    dataset : Dataset
        What was loaded: logs per department, column mappings, row accounting.
    maps : dict[str, ProcessMap]
        Discovered process map per department (also available as ``models``).
    silos : DataFrame
        One row per (field, department, column): columns ``field, department, column``
        then figures (``field_type, values, persons, coverage, inconsistency_rate`` …).
    duplicates : DataFrame
        One row per pair of activities in different departments judged to be the same
        work: ``department_a, activity_a, department_b, activity_b, score, cluster``,
        then evidence columns and ``evidence`` (a sentence).
    clusters : DataFrame
        ``cluster, department, activity`` for every activity in a duplicate cluster.
    candidates : DataFrame
        ``rank, title, principle, departments, activities, hours_saved_per_year`` then
        the savings arithmetic and basis.
    options : dict
        The options the analysis ran with.
    silo_values : DataFrame or None
        Per field, department and column: persons compared and how many copies are exact,
        format-only different, stale, in conflict or missing (counts only, never values).
    linkage : DataFrame or None
        Per department: how its residents were linked to the other systems (person key or
        name + birth date) and how many were linked.
    whatif : DataFrame or None
        For the top candidates built on duplicate clusters: the mean journey KPIs before
        and after removing their redundant executions (:func:`procmine.whatif.what_if`).
    journeys : JourneyResult or None
        Resident visits and life-event journeys with their KPIs and the department ×
        department hand-over matrix (:func:`procmine.journeys.journeys`); pseudonyms only.
    """

    dataset: Dataset
    maps: dict[str, ProcessMap]
    silos: pd.DataFrame
    duplicates: pd.DataFrame
    clusters: pd.DataFrame
    candidates: pd.DataFrame
    options: dict[str, Any] = field(default_factory=dict)
    journeys: Any = None
    silo_values: pd.DataFrame | None = None
    linkage: pd.DataFrame | None = None
    whatif: pd.DataFrame | None = None

    @property
    def models(self) -> dict[str, ProcessMap]:
        """Process map per department (same as :attr:`maps`)."""
        return self.maps

    def write(
        self,
        out_dir: str | Path,
        *,
        lang: str | None = None,
        force: bool = False,
        show_values: bool = False,
        parallel: bool = True,
    ) -> list[Path]:
        """Write the report, CSVs, findings.json, report.xlsx and maps into ``out_dir``.

        Returns the paths written. ``lang`` defaults to the language the analysis was run
        with (``"ja"``). ``show_values=True`` lets the report show example resident values
        (format-only differences in the silo section) and says so on its first page;
        by default no resident value appears in any output. ``parallel=False`` builds
        report.xlsx in this process instead of a forked helper (same bytes).
        """
        from procmine.candidates import candidate_titles
        from procmine.report.writer import refuse_inputs, write_report

        refuse_inputs(out_dir, self.options.get("inputs", []))
        lang = lang or self.options.get("lang", "ja")
        target = self
        if lang != self.options.get("lang", "ja"):
            titles = (
                candidate_titles(self.candidates, lang)
                if len(self.candidates)
                else self.candidates.get("title")
            )
            target = replace(
                self,
                candidates=self.candidates.assign(title=titles),
                options={**self.options, "lang": lang},
            )
        return write_report(
            target,  # type: ignore[arg-type]
            out_dir,
            lang=lang,  # type: ignore[arg-type]
            force=force,
            show_values=show_values,
            parallel=parallel,
        )

    def map(self, department: str) -> Any:
        """The process map of ``department``, duplicated activities coloured (shows in Jupyter)."""
        from procmine.report.notebook import map_view

        return map_view(self, department)

    def cluster(self, cluster: int) -> Any:
        """Duplicate cluster ``cluster``: activities, evidence pairs, map excerpts."""
        from procmine.report.notebook import cluster_view

        return cluster_view(self, cluster)

    def silo(self, field: str) -> Any:
        """Field ``field`` kept by several departments: its copies and their rates."""
        from procmine.report.notebook import silo_view

        return silo_view(self, field)

    def summary(self) -> dict[str, Any]:
        """Headline numbers: departments, events, cases, duplicates, silos, candidates."""
        events = sum(pm.events for pm in self.maps.values())
        cases = sum(pm.cases for pm in self.maps.values())
        hours = (
            float(self.candidates["hours_saved_per_year"].sum()) if len(self.candidates) else 0.0
        )
        return {
            "departments": len(self.maps),
            "events": events,
            "cases": cases,
            "duplicate_pairs": len(self.duplicates),
            "duplicate_clusters": int(self.clusters["cluster"].nunique())
            if len(self.clusters)
            else 0,
            "silo_fields": int(self.silos["field"].nunique()) if len(self.silos) else 0,
            "candidates": len(self.candidates),
            "hours_saved_per_year": round(hours, 1),
            "journeys": 0 if self.journeys is None else len(self.journeys.journeys),
        }

    def __repr__(self) -> str:
        s = self.summary()
        return (
            f"<Analysis {s['departments']} departments, {s['events']:,} events, "
            f"{s['duplicate_clusters']} duplicate clusters, {s['silo_fields']} silo fields, "
            f"{s['candidates']} candidates>"
        )

    def _repr_html_(self) -> str:
        from procmine.report.notebook import analysis_html

        return analysis_html(self)


def analyze(
    inputs: str | Path | Sequence[str | Path],
    *,
    case: str | None = None,
    activity: str | None = None,
    timestamp: str | None = None,
    end: str | None = None,
    resource: str | None = None,
    department: str | None = None,
    person: str | None = None,
    encoding: str | None = None,
    lang: str = "ja",
    window_days: float = 14.0,
    period_days: float | None = None,
    hours_per_fte: float = 1800.0,
    hourly_rate: float | None = None,
    top: int | None = None,
    salt: str | bytes | None = None,
    whatif_top: int = 3,
    progress: Callable[[str], None] | None = None,
    engine: str = "duckdb",
    spark_master: str | None = None,
    parallel: bool = True,
) -> Analysis:
    """Load department exports and run every stage of procmine.

    Parameters
    ----------
    inputs : path or list of paths
        Files (CSV, TSV, XES, XES.gz, Parquet, BPMN, PNML, EPML) or folders holding them.
    case, activity, timestamp, end, resource, department, person : str, optional
        Column names that override detection and ``procmine.toml``.
    encoding : str, optional
        Encoding of CSV files (default: detected among UTF-8, UTF-8 with BOM and CP932).
    lang : {"ja", "en"}, default "ja"
        Language of the report written by :meth:`Analysis.write`.
    window_days, period_days, hours_per_fte, hourly_rate, top
        Savings model options, see :func:`procmine.candidates.rank_candidates`.
    salt : str or bytes, optional
        Secret key of the residents' pseudonyms. With it, the same resident gets the same
        pseudonym in every run (and ``journeys.csv`` lists them); without it, a random
        per-run key is used and pseudonyms are left out of the CSVs.
    whatif_top : int, default 3
        Simulate the effect on the journeys of this many top candidates (one more journeys
        run each); 0 skips it.
    progress : callable, optional
        Called with a short message as each stage starts.
    engine : {"duckdb", "pandas", "spark"}, default "duckdb"
        Where the aggregation of the events into process maps runs (directly-follows
        graphs, start and end activities, variants; see :mod:`procmine.engine`). Every
        engine gives the same results.
    spark_master : str, optional
        Spark master URL for ``engine="spark"`` (default ``local[2]``, e.g.
        ``spark://host:7077`` for a standalone cluster).
    parallel : bool, default True
        Run independent stages side by side in a forked helper process, on a second core:
        half of the files are read, the data columns matched while the maps are discovered,
        the candidates ranked while the residents are followed, most what-if scenarios
        simulated while the journey tables are built (:func:`procmine.whatif.start_scenarios`),
        the Excel workbook built while the rest of the report is written. The results are
        the same either way (``procmine/_forks.py``). Needs ``os.fork`` and two cores;
        no helper starts while twice the memory the run holds would exceed
        ``procmine._forks.DEFAULT_BUDGET`` (4 GiB, at most half the machine's memory), so
        large logs run more of their stages one after the other; not with
        ``engine="spark"``.

    Returns
    -------
    Analysis

    Notes
    -----
    The stages, in order, each a function of this module: loading
    (:func:`procmine.io.load`); the maps, with the data columns matched beside them
    (:func:`_maps_and_silos`); the duplicate activities (:func:`_match`); the residents'
    journeys (:func:`procmine.journeys.journeys`, :func:`_follow_residents`) with the
    candidates ranked beside them (:class:`_Ranking`); the what-if (:func:`_add_whatif`).
    Every helper process started is stopped if a stage raises.
    """
    from procmine._forks import can_fork
    from procmine.candidates import DEFAULT_HOURLY_RATE
    from procmine.engine import get_engine
    from procmine.io import load

    if lang not in ("ja", "en"):
        raise ConfigError(f"unknown language {lang!r}: use 'ja' or 'en'")
    aggregator = get_engine(engine, spark_master=spark_master)
    say = progress or (lambda _msg: None)
    paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    # Independent stages run side by side (procmine._forks): half of the files are read,
    # the data columns matched, the candidates ranked and most what-if scenarios simulated
    # in forked helpers while this process does the rest. Spark keeps one process: its
    # session must not be forked.
    fork = parallel and engine != "spark" and can_fork()
    say("loading")
    dataset = load(
        paths,
        case=case,
        activity=activity,
        timestamp=timestamp,
        end=end,
        resource=resource,
        department=department,
        person=person,
        encoding=encoding,
        parallel=fork,
    )
    savings = _Savings(
        window_days=window_days,
        period_days=period_days,
        hours_per_fte=hours_per_fte,
        hourly_rate=DEFAULT_HOURLY_RATE if hourly_rate is None else hourly_rate,
        top=top,
        lang=lang,
    )
    run = _Run(dataset=dataset, say=say, fork=fork)
    try:
        found = _maps_and_silos(run, aggregator)
        matched = _match(run, found)
        ranking = _Ranking(run, found, matched, savings=savings, whatif_top=whatif_top)
        journey_result = _follow_residents(run, found, matched, ranking, salt=salt)
        if not ranking.forked:
            run.say("ranking consolidation candidates")
        candidates, redundant = ranking.result()
        analysis = Analysis(
            dataset=run.dataset,
            maps=found.maps,
            silos=found.silos,
            duplicates=matched.duplicates,
            clusters=matched.clusters,
            candidates=candidates,
            options=_options(paths, savings, stable_pseudonyms=salt is not None),
            journeys=journey_result,
            silo_values=found.silo_values,
            linkage=found.linkage,
        )
        if whatif_top > 0:
            _add_whatif(run, analysis, top=whatif_top, started=ranking.started, redundant=redundant)
    finally:
        run.stop_helpers()
    return analysis


# The stages of analyze(), in the order they run. Each gets the _Run (dataset, progress,
# the helpers started) and the results of the stages before it.

_Ranked = tuple["pd.DataFrame", "pd.DataFrame | None"]
"""What :func:`_rank` returns: the candidates, and the executions the what-if removes
(None when no what-if is asked for)."""


@dataclass
class _Run:
    """What every stage of one :func:`analyze` call shares."""

    #: what was loaded
    dataset: Dataset
    #: the progress callback (a no-op without one)
    say: Callable[[str], None]
    #: whether stages may run in forked helpers (``parallel``, not Spark, ``os.fork`` here)
    fork: bool
    #: every helper started so far, stopped by :meth:`stop_helpers`
    helpers: list[Pending[Any]] = field(default_factory=list)

    def start(self, fn: Callable[[], _T]) -> Pending[_T]:
        """``fn()`` in a forked helper when :attr:`fork` and there is memory to spare
        (:func:`procmine._forks.has_room`), else here when its result is asked for."""
        from procmine._forks import has_room, start

        pending = start(fn, fork=self.fork and has_room())
        self.helpers.append(pending)
        return pending

    def stop_helpers(self) -> None:
        """Stop every helper still running (they all have when :func:`analyze` succeeds;
        after an error, none is left behind)."""
        for pending in self.helpers:
            pending.cancel()


@dataclass(frozen=True)
class _Savings:
    """The savings model's options, as :func:`procmine.candidates.rank_candidates` takes them."""

    window_days: float
    period_days: float | None
    hours_per_fte: float
    hourly_rate: float
    top: int | None
    lang: str


@dataclass
class _Found:
    """What :func:`_maps_and_silos` found: the maps and the data columns' matches."""

    maps: dict[str, ProcessMap]
    #: :func:`procmine.match.cooccurrence` of the maps
    cooccurrence: Any
    silos: pd.DataFrame
    silo_values: pd.DataFrame
    linkage: pd.DataFrame


@dataclass
class _Matched:
    """What :func:`_match` found: the duplicate activities."""

    #: ``column_fields`` of the silos: (department, column) → field
    fields: dict[tuple[str, str], str]
    #: pairs of activities judged the same work, with their evidence
    duplicates: pd.DataFrame
    #: the clusters of those pairs, with their confidence
    clusters: pd.DataFrame


def _maps_and_silos(run: _Run, aggregator: Any) -> _Found:
    """Discover the process maps (and their co-occurrence) while a helper matches the data
    columns across departments (:func:`_fields_stage`); models without events get a map
    of their labels."""
    from procmine.discover import discover_all
    from procmine.engine import using
    from procmine.match import cooccurrence

    fields_job = run.start(lambda: _fields_stage(run.dataset))
    run.say(
        "discovering process maps"
        + (" (data columns matched alongside)" if fields_job.forked else "")
    )
    with using(aggregator):
        maps = discover_all(run.dataset.logs)
    for dept, graph in run.dataset.models.items():
        maps.setdefault(dept, _map_from_model(dept, graph))
    co = cooccurrence(run.dataset, maps)
    if not fields_job.forked:
        run.say("matching data columns (silos)")
    silos, silo_table, linkage, residents = fields_job.result()
    run.dataset = _with_residents(run.dataset, residents)
    return _Found(maps, co, silos, silo_table, linkage)


def _with_residents(dataset: Dataset, residents: dict[str, pd.Series]) -> Dataset:
    """``dataset`` with the resident of each event of the departments linked by name +
    birth date (:func:`procmine.fields.resident_keys`) in their person column, so that the
    journeys, the candidates and the what-if follow those residents too."""
    if not residents:
        return dataset
    import pandas as pd

    from procmine.model import PERSON

    logs = dict(dataset.logs)
    for department, keys in residents.items():
        log = logs[department]
        events = log.events.copy(deep=False)
        person = pd.Series(keys.to_numpy(dtype=object), index=events.index, dtype="string")
        events[PERSON] = person.astype("category")
        logs[department] = replace(log, events=events)
    return replace(dataset, logs=logs)


def _match(run: _Run, found: _Found) -> _Matched:
    """Match the activities of different departments (:func:`procmine.match.match_activities`),
    with the data columns' fields and co-occurrence as evidence."""
    from procmine.fields import column_fields
    from procmine.match import match_activities

    run.say("matching activities (duplicates)")
    silos = found.silos
    fields = column_fields(silos)
    if run.dataset.models and not run.dataset.logs:
        # process models only: matched as models (their elements, with an EPC's events),
        # then read per label as their maps hold them
        from procmine.match import match_models

        by_label = match_models(run.dataset.models).by_label()
        return _Matched(fields, by_label.pairs, by_label.clusters_with_confidence())
    authoritative = silos[silos["authoritative"].astype(bool)] if len(silos) else silos
    result = match_activities(
        found.maps,
        column_fields=fields,
        authoritative_columns=set(
            zip(
                authoritative.get("department", []),
                authoritative.get("column", []),
                strict=True,
            )
        ),
        cooccurrence=found.cooccurrence,
    )
    return _Matched(fields, result.pairs, result.clusters_with_confidence())


def _rank(
    dataset: Dataset, found: _Found, matched: _Matched, savings: _Savings, *, whatif: bool
) -> _Ranked:
    """Rank the consolidation candidates; with ``whatif``, also find the executions the
    what-if removes (:func:`procmine.candidates.redundant_events`), which the ranking
    finds anyway: sent back with it when it runs in a helper."""
    from procmine.candidates import rank_candidates, redundant_events

    ranked = rank_candidates(
        dataset,
        found.maps,
        matched.clusters,
        found.silos,
        window_days=savings.window_days,
        period_days=savings.period_days,
        hours_per_fte=savings.hours_per_fte,
        hourly_rate=savings.hourly_rate,
        top=savings.top,
        lang=savings.lang,
    )
    if not whatif:
        return ranked, None
    redundant = redundant_events(
        dataset,
        found.maps,
        matched.clusters,
        window_days=savings.window_days,
        silos=found.silos,
        candidates=ranked,
    )
    return ranked, redundant


class _Ranking:
    """The candidates, ranked (:func:`_rank`) in a helper beside the journeys, or here when
    first asked for when no helper starts.

    With a helper and a what-if, :meth:`marked` is the journeys' ``marked`` callback: once
    their events are marked it takes the ranking and starts the later what-if scenarios
    (:func:`procmine.whatif.start_scenarios`) in another helper, kept in :attr:`started`,
    while this process builds the journey tables.
    """

    def __init__(
        self,
        run: _Run,
        found: _Found,
        matched: _Matched,
        *,
        savings: _Savings,
        whatif_top: int,
    ) -> None:
        self._run, self._found, self._matched = run, found, matched
        self._whatif_top = whatif_top
        self._job = run.start(
            lambda: _rank(run.dataset, found, matched, savings, whatif=whatif_top > 0)
        )
        self._ranked: _Ranked | None = None
        #: the what-if scenarios :meth:`marked` started, if any
        self.started: Started | None = None

    @property
    def forked(self) -> bool:
        """Whether the ranking runs in a helper."""
        return self._job.forked

    @property
    def starts_whatif_early(self) -> bool:
        """Whether :meth:`marked` should be handed to the journeys: only when the ranking
        runs in a helper (else it is computed after the journeys) and a what-if is asked."""
        return self.forked and self._whatif_top > 0

    def result(self) -> _Ranked:
        """The candidates and the executions the what-if removes (waits for the helper the
        first time; later calls return the same values)."""
        if self._ranked is None:
            self._ranked = self._job.result()
        return self._ranked

    def marked(self, base: PackedEvents, members: tuple[tuple[str, str], ...]) -> None:
        """Start the later what-if scenarios on the journeys' marked events ``base``."""
        from procmine.whatif import start_scenarios

        candidates, redundant = self.result()
        if redundant is None:
            return
        found, matched = self._found, self._matched
        self.started = start_scenarios(
            self._run.dataset,
            found.maps,
            matched.clusters,
            found.silos,
            candidates,
            redundant,
            base,
            members,
            top=self._whatif_top,
        )
        if self.started is not None:
            self._run.helpers.append(self.started.pending)


def _follow_residents(
    run: _Run,
    found: _Found,
    matched: _Matched,
    ranking: _Ranking,
    *,
    salt: str | bytes | None,
) -> JourneyResult:
    """Follow the residents across departments (:func:`procmine.journeys.journeys`) while
    the candidates are ranked; the later what-if scenarios may start on the way
    (:meth:`_Ranking.marked`)."""
    from procmine.journeys import journeys as follow

    run.say(
        "following residents across departments (journeys"
        + ("; candidates ranked alongside)" if ranking.forked else ")")
    )
    return follow(
        run.dataset,
        found.maps,
        matched.clusters,
        column_fields=matched.fields,
        salt=salt.encode("utf-8") if isinstance(salt, str) else salt,
        marked=ranking.marked if ranking.starts_whatif_early else None,
    )


def _options(
    paths: Sequence[str | Path], savings: _Savings, *, stable_pseudonyms: bool
) -> dict[str, Any]:
    """:attr:`Analysis.options` (written into findings.json, so in this order)."""
    return {
        "inputs": [str(p) for p in paths],
        "lang": savings.lang,
        "window_days": savings.window_days,
        "period_days": savings.period_days,
        "hours_per_fte": savings.hours_per_fte,
        "hourly_rate": savings.hourly_rate,
        "top": savings.top,
        "stable_pseudonyms": stable_pseudonyms,
    }


def _add_whatif(
    run: _Run,
    analysis: Analysis,
    *,
    top: int,
    started: Started | None,
    redundant: pd.DataFrame | None,
) -> None:
    """Simulate the top ``top`` candidates on the journeys (:func:`procmine.whatif.what_if`,
    using the scenarios ``started`` early and the executions ``redundant`` the ranking
    found) and add the KPI changes to the candidates."""
    from procmine.whatif import what_if

    run.say("estimating the effect of the top candidates (what-if)")
    analysis.whatif = what_if(
        analysis, top=top, parallel=run.fork, started=started, redundant=redundant
    )
    analysis.candidates = _with_whatif(analysis.candidates, analysis.whatif)


def _fields_stage(
    dataset: Dataset,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, pd.Series]]:
    """Silos, silo values, linkage quality and the residents of the departments linked by
    name + birth date: one stage, since the last three reuse the columns
    :func:`procmine.fields.match_fields` prepared (kept on ``dataset``)."""
    from procmine.fields import linkage_quality, match_fields, resident_keys, silo_values

    silos = match_fields(dataset)
    return silos, silo_values(dataset, silos), linkage_quality(dataset), resident_keys(dataset)


def _with_whatif(candidates: pd.DataFrame, whatif: pd.DataFrame) -> pd.DataFrame:
    """Add a ``whatif`` column: the KPI changes simulated for each candidate."""
    import pandas as pd

    text: dict[int, str] = {}
    for rank, group in whatif.groupby("rank", sort=True):
        text[int(rank)] = "; ".join(
            f"{r.kpi} {r.before:.2f}→{r.after:.2f}"
            + ("" if pd.isna(r.change_pct) else f" ({r.change_pct:+.0f}%)")
            for r in group.itertuples(index=False)
        )
    return candidates.assign(whatif=[text.get(int(r), "") for r in candidates["rank"]])


def _map_from_model(department: str, graph: Any) -> ProcessMap:
    """A ProcessMap for a BPMN/PNML/EPML model: labels and graph, no events."""
    import networkx as nx
    import pandas as pd

    from procmine.model import ProcessMap

    g = nx.DiGraph(department=department)
    for node, attrs in graph.nodes(data=True):
        g.add_node(
            attrs.get("label") or str(node), events=0, cases=0, fields=(), performer="unknown"
        )
    for a, b in graph.edges():
        la, lb = graph.nodes[a].get("label") or str(a), graph.nodes[b].get("label") or str(b)
        if la != lb:
            g.add_edge(la, lb, count=0)
    table = pd.DataFrame(index=pd.Index(sorted(g.nodes), name="activity"))
    return ProcessMap(
        department, g, table, pd.DataFrame(columns=["variant", "cases", "share"]), 0, 0
    )
