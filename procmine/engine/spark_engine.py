"""The Spark engine: the same aggregates as Spark SQL, on a local or a remote cluster.

The driver encodes the events as integers (:func:`encode`), ships them to Spark as an
Arrow table and collects only the aggregates. The SQL mirrors the DuckDB engine's; waits
are computed from integer nanoseconds and medians from the sorted list of an edge's waits,
so the results equal the other engines' exactly. ``pip install 'procmine[spark]'``
installs pyspark; Spark needs Java 17 or later.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from procmine.engine.base import Coded, DirectlyFollows, Engine, encode
from procmine.errors import ConfigError

__all__ = ["DEFAULT_MASTER", "SparkEngine", "check_spark"]

#: Spark master used when none is given: Spark inside this process, on two cores.
DEFAULT_MASTER = "local[2]"

_DAY, _SECOND = 86_400_000_000_000, 1_000_000_000

_DFG = f"""
WITH pairs AS (
    SELECT a, lead(a) OVER w AS b, (lead(t) OVER w) - t AS d
    FROM {{view}}
    WINDOW w AS (PARTITION BY c ORDER BY t, i)
), waits AS (
    SELECT a, b,
           CAST(86400 * (d div {_DAY}) + (d % {_DAY}) div {_SECOND} AS DOUBLE)
           + CAST((d % {_SECOND}) div 1000 AS DOUBLE) * 1e-6
           + CAST(d % 1000 AS DOUBLE) * 1e-9 AS s
    FROM pairs
    WHERE b IS NOT NULL
), edges AS (
    SELECT a, b, count(*) AS n, sort_array(collect_list(s)) AS s
    FROM waits
    GROUP BY a, b
)
SELECT a, b, n,
       (element_at(s, CAST((n + 1) div 2 AS INT)) + element_at(s, CAST(n div 2 + 1 AS INT))) / 2 AS median
FROM edges
"""

_BOUNDS = """
WITH bounds AS (SELECT min_by(a, i) AS first, max_by(a, i) AS last FROM {view} GROUP BY c)
SELECT 0 AS kind, first AS a, count(*) AS n FROM bounds GROUP BY first
UNION ALL
SELECT 1 AS kind, last AS a, count(*) AS n FROM bounds GROUP BY last
"""

_VARIANTS = """
SELECT v, count(*) AS n
FROM (SELECT transform(sort_array(collect_list(struct(i, a))), x -> x.a) AS v FROM {view} GROUP BY c)
GROUP BY v
"""

#: Name of the temporary view that holds one department's coded events.
_VIEW = "procmine_events"


def check_spark() -> None:
    """Raise :class:`~procmine.errors.ConfigError` when pyspark or Java is missing."""
    if not _installed("pyspark"):
        raise ConfigError(
            "--engine spark needs pyspark, which is not installed: pip install 'procmine[spark]'"
        )
    java_home = os.environ.get("JAVA_HOME")
    if shutil.which("java") is None and not (
        java_home and (Path(java_home) / "bin" / "java").exists()
    ):
        raise ConfigError(
            "--engine spark needs Java 17 or later, and no 'java' is on PATH (nor in JAVA_HOME): "
            "install a JDK (e.g. apt-get install openjdk-17-jre-headless) or use --engine duckdb"
        )


def _installed(module: str) -> bool:
    """Whether ``module`` can be imported (without importing it)."""
    return importlib.util.find_spec(module) is not None


class SparkEngine(Engine):
    """Aggregates with Apache Spark (pyspark).

    Parameters
    ----------
    master : str, default "local[2]"
        The Spark master URL: ``local[N]`` runs Spark on this machine on N cores,
        ``spark://host:7077`` a standalone cluster, ``yarn`` or ``k8s://…`` others.

    The session starts on first use (a few seconds) and is shared by every engine of the
    process (Spark allows one per process); :meth:`close` stops it.
    """

    name = "spark"

    def __init__(self, *, master: str = DEFAULT_MASTER) -> None:
        check_spark()
        self.master = master
        self._spark: Any = None
        # Variants computed along with the directly-follows graph of these very events.
        self._memo: tuple[pd.DataFrame, dict[str, int]] | None = None
        atexit.register(self.close)

    def session(self) -> Any:
        """The running SparkSession (started, or restarted after :meth:`close`)."""
        if self._spark is None or self._spark.sparkContext._jsc is None:
            from pyspark.sql import SparkSession

            builder = (
                SparkSession.builder.master(self.master)
                .appName("procmine")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.session.timeZone", "UTC")
            )
            if self.master.startswith("local"):
                # Everything stays on this machine: no web UI, loopback only, few partitions,
                # errors only in the log (a cluster keeps its own settings).
                os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
                log4j = Path(__file__).with_name("spark-log4j2.properties").as_uri()
                builder = (
                    builder.config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log4j}")
                )
            with _quiet():
                try:
                    self._spark = builder.getOrCreate()
                except Exception as err:  # py4j and Spark raise many kinds; all mean "no Spark"
                    first = (
                        str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
                    )
                    raise ConfigError(
                        f"--engine spark could not start Spark with master {self.master!r}: {first} "
                        "— check --spark-master and that the cluster is reachable"
                    ) from err
            running = self._spark.sparkContext.master
            if running != self.master:
                self._spark = None
                raise ConfigError(
                    f"--engine spark: this process already runs a Spark session with master {running!r}, "
                    f"not {self.master!r}; stop it first (one Spark session per process)"
                )
            self._spark.sparkContext.setLogLevel("ERROR")
        return self._spark

    def _query(self, frame: pd.DataFrame, *sqls: str) -> list[list[Any]]:
        """The rows of each query in ``sqls`` over ``frame`` (shipped to Spark once)."""
        import pyarrow as pa

        spark = self.session()
        with _quiet():
            table = pa.Table.from_pandas(frame, preserve_index=False)
            spark.createDataFrame(table).createOrReplaceTempView(_VIEW)
            try:
                return [spark.sql(sql.format(view=_VIEW)).collect() for sql in sqls]
            finally:
                spark.catalog.dropTempView(_VIEW)

    def _directly_follows(self, events: pd.DataFrame) -> DirectlyFollows:
        coded = encode(events)
        rows, bounds, variants = self._query(coded.frame, _DFG, _BOUNDS, _VARIANTS)
        # discover() asks for the variants of the same events next: keep them (one entry,
        # used once) rather than ship the events to Spark again.
        self._memo = (events, _variant_counts(coded, variants))
        edges = [(r["a"], r["b"], r["n"], r["median"]) for r in rows]
        starts = [(r["a"], r["n"]) for r in bounds if r["kind"] == 0]
        return coded.decode(edges, starts, [(r["a"], r["n"]) for r in bounds if r["kind"] == 1])

    def _variants(self, events: pd.DataFrame) -> dict[str, int]:
        memo, self._memo = self._memo, None
        if memo is not None and memo[0] is events:
            return memo[1]
        coded = encode(events)
        return _variant_counts(coded, self._query(coded.frame, _VARIANTS)[0])

    def close(self) -> None:
        """Stop the Spark session (a new one starts on the next call)."""
        self._memo = None
        if self._spark is not None:
            self._spark.stop()
            self._spark = None


def _variant_counts(coded: Coded, rows: list[Any]) -> dict[str, int]:
    return coded.variants((r["v"], r["n"]) for r in rows)


@contextmanager
def _quiet() -> Iterator[None]:
    """Hide pyspark's warning that it does not fully support pandas 3 (procmine hands it
    Arrow tables and integers only)."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="PySpark does not yet fully support pandas", category=FutureWarning
        )
        yield
