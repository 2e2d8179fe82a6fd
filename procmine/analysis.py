"""The one-call API: :func:`analyze` runs every stage and returns an :class:`Analysis`."""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from procmine.errors import ConfigError, InputError
from procmine.model import Dataset, EventLog

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from procmine._forks import Pending
    from procmine.journeys import JourneyResult
    from procmine.journeys._events import PackedEvents
    from procmine.model import ProcessMap
    from procmine.whatif import Started

_T = TypeVar("_T")


@dataclass(eq=False)
class Analysis:
    """Result of :func:`procmine.analyze`.

    Two analyses are equal only when they are the same object (``eq=False``: comparing
    their DataFrames would be ambiguous).

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

        if not isinstance(out_dir, (str, os.PathLike)):
            raise ConfigError(
                f"write() takes a folder (str or pathlib.Path), not {type(out_dir).__name__}"
            )
        if lang is not None and lang not in ("ja", "en"):
            raise ConfigError(f"unknown language {lang!r}: use 'ja' or 'en'")
        # DataFrames are recorded by name ("市民課 (DataFrame)"), not as paths
        inputs = [p for p in self.options.get("inputs", []) if Path(p).exists()]
        refuse_inputs(out_dir, inputs)
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
        """Field ``field`` kept by several departments: its copies and their rates.

        ``field`` is procmine's name of the field (``"住所"``) or the report's name of it in
        either language (``"Address"``, matched without regard to case)."""
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
            f"{s['candidates']} candidates; {loading_note(self.dataset)}>"
        )

    def _repr_html_(self) -> str:
        from procmine.report.notebook import analysis_html

        return analysis_html(self)


#: The name of a lone DataFrame's department (``<name>.parquet`` in messages).
DATAFRAME_DEPARTMENT = "dataframe"

_ACCEPTED = (
    "a file or folder (str or pathlib.Path), a list of them, a pandas DataFrame or a "
    "mapping {department name: DataFrame}"
)


@dataclass(frozen=True)
class _Number:
    """What a numeric option of :func:`analyze` accepts: an integer or a real number,
    finite, above ``low`` (or from it, ``low_open=False``), up to ``high``; ``none``
    says what ``None`` means (``None`` is refused without it)."""

    integer: bool
    low: float
    low_open: bool = False
    high: float | None = None
    none: str | None = None

    def describe(self) -> str:
        kind = "an integer" if self.integer else "a number"
        low = f"{self.low:g}"
        bound = f"> {low}" if self.low_open else f"≥ {low}"
        return kind + " " + bound + ("" if self.high is None else f" and ≤ {self.high:g}")


#: The numeric options of :func:`analyze` and their ranges (documented there).
NUMBERS: dict[str, _Number] = {
    "window_days": _Number(integer=False, low=0, low_open=True),
    "period_days": _Number(integer=False, low=0, low_open=True, none="the logs' time span"),
    "hours_per_fte": _Number(integer=False, low=0, low_open=True, high=24 * 366),
    "hourly_rate": _Number(integer=False, low=0, none="3,400 yen"),
    "top": _Number(integer=True, low=1, none="every candidate"),
    "whatif_top": _Number(integer=True, low=0),
}


def check_numbers(names: Mapping[str, str] | None = None, **values: Any) -> dict[str, Any]:
    """The numeric options of :func:`analyze` checked against :data:`NUMBERS` and
    normalised to ``int`` or ``float`` (numpy numbers too), so that they are written the
    same whatever type they were given as.

    ``names`` maps an option to the name to use in messages (the CLI's ``--top``).

    Raises
    ------
    ConfigError
        One line naming the option and its allowed range.

    Examples
    --------
    >>> check_numbers(hourly_rate=4000, top=5)
    {'hourly_rate': 4000.0, 'top': 5}
    >>> check_numbers(top=0)
    Traceback (most recent call last):
    procmine.errors.ConfigError: top must be an integer ≥ 1, or None for every candidate (got 0)
    >>> check_numbers({"top": "--top"}, top=-2)
    Traceback (most recent call last):
    procmine.errors.ConfigError: --top must be an integer ≥ 1; omit it for every candidate (got -2)
    """
    out: dict[str, Any] = {}
    for key, value in values.items():
        rule = NUMBERS[key]
        name = (names or {}).get(key, key)
        if value is None and rule.none is not None:
            out[key] = None
            continue
        if _fits(rule, value):
            out[key] = int(value) if rule.integer else float(value)
            continue
        if rule.none is None:
            alternative = ""
        elif names:
            alternative = f"; omit it for {rule.none}"
        else:
            alternative = f", or None for {rule.none}"
        simple = value is None or isinstance(value, (str, bytes, numbers.Number))
        shown = repr(value)[:40] if simple else type(value).__name__
        raise ConfigError(f"{name} must be {rule.describe()}{alternative} (got {shown})")
    return out


def _fits(rule: _Number, value: Any) -> bool:
    """Whether ``value`` is of the rule's type (never a bool) and in its range."""
    kind = numbers.Integral if rule.integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        return False
    number = float(value)
    if not math.isfinite(number):
        return False
    if number < rule.low or (rule.low_open and number == rule.low):
        return False
    return rule.high is None or number <= rule.high


def analyze(
    inputs: str
    | os.PathLike[str]
    | Sequence[str | os.PathLike[str]]
    | pd.DataFrame
    | Mapping[str, pd.DataFrame]
    | Dataset,
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
    inputs : path, list of paths, DataFrame, mapping of DataFrames or Dataset
        Files (CSV, TSV, XES, XES.gz, Parquet, BPMN, PNML, EPML) or folders holding them;
        or tables already in memory, as :func:`load` takes them (a pandas DataFrame, or
        ``{department name: DataFrame}``); or a :class:`~procmine.model.Dataset` that
        :func:`load` returned (then without the column options and ``encoding``).
    case, activity, timestamp, end, resource, department, person : str, optional
        Column names that override detection and ``procmine.toml``.
    encoding : str, optional
        Encoding of CSV files (default: detected among UTF-8, UTF-8 with BOM and CP932).
    lang : {"ja", "en"}, default "ja"
        Language of the report written by :meth:`Analysis.write`.
    window_days : float, default 14
        A repeat of the same work for the same resident within this many days is
        redundant; a finite number > 0.
    period_days : float, optional
        Days the logs cover, > 0; default (None): the days over which the cases started.
    hours_per_fte : float, default 1800
        Working hours of one full-time employee per year (人工); > 0 and ≤ 8,784 (the hours
        of a leap year).
    hourly_rate : float, optional
        Staff cost per hour in yen, ≥ 0; default (None) 3,400.
    top : int, optional
        Keep the first ``top`` candidates, ≥ 1; default (None): every candidate.
    salt : str or bytes, optional
        Secret key of the residents' pseudonyms. With it, the same resident gets the same
        pseudonym in every run (and ``journeys.csv`` lists them); without it, a random
        per-run key is used and pseudonyms are left out of the CSVs.
    whatif_top : int, default 3
        Simulate the effect on the journeys of this many top candidates (one more journeys
        run each), ≥ 0; 0 skips it.
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

    Raises
    ------
    ConfigError
        Before any work, when an option has the wrong type or is out of its range (the
        savings model's numbers are normalised to ``float``, ``top`` and ``whatif_top`` to
        ``int``, see :func:`check_numbers`), or ``inputs`` is of another kind.
    InputError, ColumnError
        When an input cannot be read (see :func:`procmine.io.load`).

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

    if lang not in ("ja", "en"):
        raise ConfigError(f"unknown language {lang!r}: use 'ja' or 'en'")
    numbers_ = check_numbers(
        window_days=window_days,
        period_days=period_days,
        hours_per_fte=hours_per_fte,
        hourly_rate=hourly_rate,
        top=top,
        whatif_top=whatif_top,
    )
    whatif_top = numbers_["whatif_top"]
    columns = {
        "case": case,
        "activity": activity,
        "timestamp": timestamp,
        "end": end,
        "resource": resource,
        "department": department,
        "person": person,
        "encoding": encoding,
    }
    _check_inputs(inputs, columns)
    if salt is not None and not isinstance(salt, (str, bytes)):
        raise ConfigError(f"salt must be text (str) or bytes, not {type(salt).__name__}")
    if progress is not None and not callable(progress):
        raise ConfigError(
            f"progress must be a function taking a message (e.g. print), not "
            f"{type(progress).__name__}"
        )
    aggregator = get_engine(engine, spark_master=spark_master)
    say = progress or (lambda _msg: None)
    # Independent stages run side by side (procmine._forks): half of the files are read,
    # the data columns matched, the candidates ranked and most what-if scenarios simulated
    # in forked helpers while this process does the rest. Spark keeps one process: its
    # session must not be forked.
    fork = parallel and engine != "spark" and can_fork()
    say("loading")
    if isinstance(inputs, Dataset):
        dataset, paths = inputs, sorted({a.source for a in inputs.accounting})
    else:
        with _as_paths(inputs, department=department) as (files, paths):
            dataset = _io_load(files, columns, parallel=fork)
    savings = _Savings(
        window_days=numbers_["window_days"],
        period_days=numbers_["period_days"],
        hours_per_fte=numbers_["hours_per_fte"],
        hourly_rate=(
            DEFAULT_HOURLY_RATE if numbers_["hourly_rate"] is None else numbers_["hourly_rate"]
        ),
        top=numbers_["top"],
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


def load(
    inputs: str
    | os.PathLike[str]
    | Sequence[str | os.PathLike[str]]
    | pd.DataFrame
    | Mapping[str, pd.DataFrame],
    *,
    case: str | None = None,
    activity: str | None = None,
    timestamp: str | None = None,
    end: str | None = None,
    resource: str | None = None,
    department: str | None = None,
    person: str | None = None,
    encoding: str | None = None,
    max_bad_share: float = 0.05,
    duplicates: Literal["drop", "keep"] = "drop",
    parallel: bool = False,
) -> Dataset:
    """Read event logs: files and folders, or pandas DataFrames (``procmine.load``).

    Files and folders are read by :func:`procmine.io.load`, which documents the options.
    A DataFrame is one department's export: it is written to a temporary Parquet file
    named after its department and read from there like any file, so its columns are
    recognised, its rows accounted for and its problems warned about exactly as for a
    file — and messages, warnings and the row accounting name it ``<department>.parquet``.
    A lone DataFrame's department is ``"dataframe"``; name it with a mapping
    ``{department name: DataFrame}`` (one or more). ``department=`` keeps its meaning
    everywhere: the column holding the department (which splits the table by its values).

    Raises
    ------
    ConfigError
        ``inputs`` is of another kind (one line saying what is accepted), or a department
        name cannot name a file.
    InputError, ColumnError
        As :func:`procmine.io.load`; a DataFrame that cannot be stored as Parquet (column
        names that are not text, values of mixed types in one column).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"受付番号": ["1", "1"], "処理内容": ["受付", "交付"],
    ...                       "処理日時": ["2026-04-01 09:00", "2026-04-01 09:30"]})
    >>> data = load({"市民課": frame})
    >>> data.departments, data.accounting[0].source, data.accounting[0].rows_loaded
    (['市民課'], '市民課.parquet', 2)
    >>> load(42)
    Traceback (most recent call last):
    procmine.errors.ConfigError: inputs must be a file or folder (str or pathlib.Path), a list of them, a pandas DataFrame or a mapping {department name: DataFrame}; got int
    """
    columns = {
        "case": case,
        "activity": activity,
        "timestamp": timestamp,
        "end": end,
        "resource": resource,
        "department": department,
        "person": person,
        "encoding": encoding,
    }
    if isinstance(inputs, Dataset):
        raise ConfigError(
            "inputs is already a loaded Dataset — pass it to procmine.analyze, or load the "
            "files it came from"
        )
    _check_inputs(inputs, columns)
    with _as_paths(inputs, department=department) as (files, _labels):
        return _io_load(
            files, columns, parallel=parallel, max_bad_share=max_bad_share, duplicates=duplicates
        )


def discover(log: EventLog, **options: Any) -> ProcessMap:
    """The process map of one department's :class:`~procmine.model.EventLog`
    (``procmine.discover``): :func:`procmine.discover.discover`, whose keyword options it
    takes, after checking that ``log`` is an EventLog (``dataset.logs["市民課"]``).

    Raises
    ------
    ConfigError
        ``log`` is not an EventLog (a department's name, a DataFrame, a Dataset …).
    """
    from procmine.discover import discover as discover_log

    if not isinstance(log, EventLog):
        hint = (
            " — take one department's log: dataset.logs[name]"
            if isinstance(log, (str, Dataset))
            else ""
        )
        raise ConfigError(f"discover() takes an EventLog, not {type(log).__name__}{hint}")
    return discover_log(log, **options)


def loading_note(dataset: Dataset) -> str:
    """The loader's warnings and rows dropped, and where to see them (counts only).

    >>> loading_note(Dataset({}, [], [], warnings=["a", "b"]))
    '2 loader warnings, 0 rows dropped (see analysis.dataset.warnings, analysis.dataset.accounting)'
    """
    dropped = sum(a.rows_read - a.rows_loaded for a in dataset.accounting)
    warnings = len(dataset.warnings)
    return (
        f"{warnings} loader warning{'' if warnings == 1 else 's'}, {dropped:,} "
        f"row{'' if dropped == 1 else 's'} dropped (see analysis.dataset.warnings, "
        "analysis.dataset.accounting)"
    )


def _check_inputs(inputs: object, columns: Mapping[str, str | None]) -> None:
    """Refuse ``inputs`` of a kind :func:`load` does not take, column options that are not
    column names, and column options with a Dataset, with one line saying what is accepted."""
    for key, value in columns.items():
        if value is not None and not isinstance(value, str):
            what = "an encoding's name" if key == "encoding" else "a column name"
            raise ConfigError(f"{key} must be {what} (str), not {type(value).__name__}")
    if isinstance(inputs, Dataset):
        given = sorted(k for k, v in columns.items() if v is not None)
        if given:
            raise ConfigError(
                f"{', '.join(given)}: column options apply when loading — pass them to "
                "procmine.load, or pass the files to procmine.analyze"
            )
        return
    if _is_frame(inputs) or isinstance(inputs, (str, os.PathLike)):
        return
    if isinstance(inputs, Mapping):
        for name, frame in inputs.items():
            if not isinstance(name, str) or not _is_frame(frame):
                raise ConfigError(
                    f"inputs: a mapping must be {{department name (str): DataFrame}}; got "
                    f"{type(name).__name__}: {type(frame).__name__}"
                )
        return
    if isinstance(inputs, (bytes, bytearray)) or not isinstance(inputs, (Sequence, Iterator)):
        raise ConfigError(f"inputs must be {_ACCEPTED}; got {type(inputs).__name__}")


def _is_frame(value: object) -> bool:
    """Whether ``value`` is a pandas DataFrame (without importing pandas for paths)."""
    import sys

    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(value, pandas.DataFrame)


@contextmanager
def _as_paths(
    inputs: Any, *, department: str | None
) -> Iterator[tuple[list[str | os.PathLike[str]], list[str]]]:
    """The files to load for ``inputs`` and the names to record as
    :attr:`Analysis.options` ``inputs``: paths as given; DataFrames written, for as long
    as the ``with`` block lasts, to ``<department>.parquet`` in a temporary folder and
    recorded as ``<department> (DataFrame)``."""
    if _is_frame(inputs):
        if department is not None and department not in inputs.columns:
            raise ConfigError(
                f"department={department!r} is not a column of the DataFrame (department= "
                "names the column holding the department) — to name the DataFrame's "
                f"department, pass {{{department!r}: frame}}"
            )
        inputs = {DATAFRAME_DEPARTMENT: inputs}
    if not isinstance(inputs, Mapping):
        items = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
        for item in items:
            if _is_frame(item):
                raise ConfigError(
                    "inputs: several DataFrames are passed as a mapping "
                    "{department name: DataFrame}, not a list"
                )
            if not isinstance(item, (str, os.PathLike)):
                raise ConfigError(
                    f"inputs must be {_ACCEPTED}; got a list holding {type(item).__name__}"
                )
        yield items, [str(p) for p in items]
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="procmine-frames-") as folder:
        files: list[str | os.PathLike[str]] = []
        for name, frame in inputs.items():
            path = Path(folder) / f"{_file_stem(name)}.parquet"
            _write_frame(frame, path)
            files.append(path)
        yield files, [f"{name} (DataFrame)" for name in inputs]


def _file_stem(name: str) -> str:
    """``name`` when it can name a file that the loader reads (not hidden, no folder)."""
    bad = (
        not name.strip()
        or name != name.strip()
        or any(c in name for c in "/\\\0")
        or name.startswith((".", "~$"))
        or len(name.encode("utf-8")) > 200
    )
    if bad:
        raise ConfigError(
            f"department name {name[:40]!r} cannot name a file: use a name without '/', "
            "'\\', a leading '.' or '~$' or surrounding spaces, of at most 200 bytes"
        )
    return name


def _write_frame(frame: pd.DataFrame, path: Path) -> None:
    """``frame`` as a Parquet file (its index kept only when named, as the loader reads it)."""
    import pyarrow as pa

    named = any(n is not None for n in frame.index.names)
    try:
        frame.to_parquet(path, index=named)
    except (ValueError, TypeError, pa.ArrowException) as err:
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputError(
            f"{path.name}: the DataFrame cannot be stored as Parquet ({message[:120]}) — give "
            "its columns text names and one type each (e.g. frame.astype(str))"
        ) from None


def _io_load(
    files: Sequence[str | os.PathLike[str]], columns: Mapping[str, Any], **options: Any
) -> Dataset:
    """:func:`procmine.io.load` of ``files`` with the column options."""
    from procmine.io import load as load_files

    return load_files([Path(f) for f in files], **columns, **options)


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
    from procmine.match import branches

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
        branches=branches(run.dataset, found.maps),
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
