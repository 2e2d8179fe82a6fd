"""Aggregation engines: the data-sized part of process discovery on pandas, DuckDB or Spark.

:func:`procmine.discover.discover` asks the *current* engine for the aggregates whose
input is every event and whose output is small: the directly-follows graph (counts and
median waits), start and end activities, and trace variants. pm4py's and networkx's work
then runs on those aggregates, whose size depends on the number of activities, not events.

=========  ==========================================================================
engine     where the aggregation runs
=========  ==========================================================================
duckdb     in process, multi-threaded, columnar (the default)
pandas     in process, pm4py's directly-follows discovery and pandas group-bys
spark      Apache Spark (``pip install 'procmine[spark]'``): ``local[2]`` by default,
           or a cluster given by its master URL (``spark://host:7077``, ``yarn`` …)
=========  ==========================================================================

All three return identical results (:mod:`procmine.engine.base` defines them); the tests
compare them. Choose one for a block of code with :func:`using`, which
:func:`procmine.analyze` does for its ``engine`` option:

>>> from procmine.engine import current, using
>>> with using("pandas"):
...     current().name
'pandas'
>>> current().name
'duckdb'
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal, get_args

from procmine.engine.base import DirectlyFollows, Engine
from procmine.engine.spark_engine import DEFAULT_MASTER as DEFAULT_SPARK_MASTER
from procmine.errors import ConfigError

__all__ = [
    "DEFAULT_ENGINE",
    "DEFAULT_SPARK_MASTER",
    "ENGINES",
    "DirectlyFollows",
    "Engine",
    "EngineName",
    "current",
    "get_engine",
    "using",
]

#: Names accepted by ``--engine`` and ``analyze(engine=...)``.
EngineName = Literal["duckdb", "pandas", "spark"]
ENGINES: tuple[str, ...] = get_args(EngineName)
#: The engine used when none is chosen.
DEFAULT_ENGINE: EngineName = "duckdb"

_engines: dict[tuple[str, str | None], Engine] = {}
_current: ContextVar[Engine | None] = ContextVar("procmine_engine", default=None)


def get_engine(name: str = DEFAULT_ENGINE, *, spark_master: str | None = None) -> Engine:
    """The engine called ``name`` (one instance per name and Spark master per process).

    Parameters
    ----------
    name : {"duckdb", "pandas", "spark"}, default "duckdb"
        The engine.
    spark_master : str, optional
        Spark master URL for the ``spark`` engine (default ``local[2]``); ignored by the
        others.

    Raises
    ------
    ConfigError
        For an unknown name, or ``spark`` without pyspark or Java.

    Examples
    --------
    >>> get_engine("pandas")
    <PandasEngine 'pandas'>
    >>> get_engine("polars")
    Traceback (most recent call last):
    ...
    procmine.errors.ConfigError: unknown engine 'polars': use duckdb, pandas or spark
    """
    if name not in ENGINES:
        raise ConfigError(
            f"unknown engine {name!r}: use {', '.join(ENGINES[:-1])} or {ENGINES[-1]}"
        )
    master = (spark_master or DEFAULT_SPARK_MASTER) if name == "spark" else None
    key = (name, master)
    if key not in _engines:
        _engines[key] = _make(name, master)
    return _engines[key]


def _make(name: str, master: str | None) -> Engine:
    if name == "pandas":
        from procmine.engine.pandas_engine import PandasEngine

        return PandasEngine()
    if name == "duckdb":
        from procmine.engine.duckdb_engine import DuckDBEngine

        return DuckDBEngine()
    from procmine.engine.spark_engine import SparkEngine

    return SparkEngine(master=master or DEFAULT_SPARK_MASTER)


def current() -> Engine:
    """The engine chosen by the innermost :func:`using` block, else the default engine."""
    chosen = _current.get()
    return chosen if chosen is not None else get_engine(DEFAULT_ENGINE)


@contextmanager
def using(
    engine: str | Engine = DEFAULT_ENGINE, *, spark_master: str | None = None
) -> Iterator[Engine]:
    """Run the enclosed discovery on ``engine`` (a name, see :func:`get_engine`, or an engine)."""
    chosen = engine if isinstance(engine, Engine) else get_engine(engine, spark_master=spark_master)
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)
