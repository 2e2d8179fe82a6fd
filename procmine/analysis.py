"""The one-call API: :func:`analyze` runs every stage and returns an :class:`Analysis`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from procmine.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from procmine._forks import Pending
    from procmine.model import Dataset, ProcessMap


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
    ) -> list[Path]:
        """Write the report, CSVs, findings.json, report.xlsx and maps into ``out_dir``.

        Returns the paths written. ``lang`` defaults to the language the analysis was run
        with (``"ja"``). ``show_values=True`` lets the report show example resident values
        (format-only differences in the silo section) and says so on its first page;
        by default no resident value appears in any output.
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
        return write_report(target, out_dir, lang=lang, force=force, show_values=show_values)  # type: ignore[arg-type]

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
    """
    from procmine._forks import can_fork, has_room, start
    from procmine.candidates import (
        DEFAULT_HOURLY_RATE,
        hand_over,
        rank_candidates,
        redundant_events,
    )
    from procmine.discover import discover_all
    from procmine.engine import get_engine, using
    from procmine.fields import column_fields
    from procmine.io import load
    from procmine.match import cooccurrence, match_activities

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
    rate = DEFAULT_HOURLY_RATE if hourly_rate is None else hourly_rate
    pending: list[Pending[Any]] = []
    try:
        fields_job = start(lambda: _fields_stage(dataset), fork=fork and has_room())
        pending.append(fields_job)
        say(
            "discovering process maps"
            + (" (data columns matched alongside)" if fields_job.forked else "")
        )
        with using(aggregator):
            maps = discover_all(dataset.logs)
        for dept, graph in dataset.models.items():
            maps.setdefault(dept, _map_from_model(dept, graph))
        co = cooccurrence(dataset, maps)
        if not fields_job.forked:
            say("matching data columns (silos)")
        silos, silo_table, linkage = fields_job.result()
        say("matching activities (duplicates)")
        fields = column_fields(silos)
        authoritative = silos[silos["authoritative"].astype(bool)] if len(silos) else silos
        result = match_activities(
            maps,
            column_fields=fields,
            authoritative_columns=set(
                zip(
                    authoritative.get("department", []),
                    authoritative.get("column", []),
                    strict=True,
                )
            ),
            cooccurrence=co,
        )
        clusters = result.clusters_with_confidence()

        def rank() -> tuple[pd.DataFrame, pd.DataFrame | None]:
            ranked = rank_candidates(
                dataset,
                maps,
                clusters,
                silos,
                window_days=window_days,
                period_days=period_days,
                hours_per_fte=hours_per_fte,
                hourly_rate=rate,
                top=top,
                lang=lang,
            )
            if whatif_top <= 0:
                return ranked, None
            # the executions the what-if removes, found by the ranking: sent back with it
            return ranked, redundant_events(
                dataset, maps, clusters, window_days=window_days, silos=silos, candidates=ranked
            )

        candidates_job = start(rank, fork=fork and has_room())
        pending.append(candidates_job)
        say(
            "following residents across departments (journeys"
            + ("; candidates ranked alongside)" if candidates_job.forked else ")")
        )
        from procmine.journeys import journeys as follow
        from procmine.whatif import Started, start_scenarios

        ranked: list[tuple[pd.DataFrame, pd.DataFrame | None]] = []
        early: list[Started] = []

        def marked(base: Any, members: tuple[tuple[str, str], ...]) -> None:
            """Once the journeys' events are marked: start the what-if's later scenarios
            in a helper while this process builds the journey tables."""
            ranked.append(candidates_job.result())
            cands, redundant = ranked[0]
            if redundant is None:
                return
            started = start_scenarios(
                dataset, maps, clusters, silos, cands, redundant, base, members, top=whatif_top
            )
            if started is not None:
                early.append(started)
                pending.append(started.pending)

        key = salt.encode("utf-8") if isinstance(salt, str) else salt
        journey_result = follow(
            dataset,
            maps,
            clusters,
            column_fields=fields,
            salt=key,
            marked=marked if candidates_job.forked and whatif_top > 0 else None,
        )
        if not candidates_job.forked:
            say("ranking consolidation candidates")
        if not ranked:
            ranked.append(candidates_job.result())
        candidates, redundant = ranked[0]
        if redundant is not None:
            hand_over(
                candidates,
                redundant,
                dataset=dataset,
                maps=maps,
                clusters=clusters,
                silos=silos,
                window_days=window_days,
            )
        options = {
            "inputs": [str(p) for p in paths],
            "lang": lang,
            "window_days": window_days,
            "period_days": period_days,
            "hours_per_fte": hours_per_fte,
            "hourly_rate": rate,
            "top": top,
            "stable_pseudonyms": salt is not None,
        }
        analysis = Analysis(
            dataset=dataset,
            maps=maps,
            silos=silos,
            duplicates=result.pairs,
            clusters=clusters,
            candidates=candidates,
            options=options,
            journeys=journey_result,
            silo_values=silo_table,
            linkage=linkage,
        )
        if whatif_top > 0:
            from procmine.whatif import what_if

            say("estimating the effect of the top candidates (what-if)")
            analysis.whatif = what_if(
                analysis, top=whatif_top, parallel=fork, started=early[0] if early else None
            )
            analysis.candidates = _with_whatif(analysis.candidates, analysis.whatif)
    finally:
        for job in pending:
            job.cancel()
    return analysis


def _fields_stage(dataset: Dataset) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Silos, silo values and linkage quality: one stage, since the last two reuse the
    columns :func:`procmine.fields.match_fields` prepared (kept on ``dataset``)."""
    from procmine.fields import linkage_quality, match_fields, silo_values

    silos = match_fields(dataset)
    return silos, silo_values(dataset, silos), linkage_quality(dataset)


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
