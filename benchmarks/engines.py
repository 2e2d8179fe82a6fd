"""How long the aggregation stage takes on each engine, and whether the results are equal.

Usage::

    .venv/bin/python benchmarks/engines.py [--sizes 100k 1M] [--engines pandas duckdb spark]
                                           [--repeat 3] [--spark-master local[2]] [--keep DIR]

For each size it writes the synthetic city of ``benchmarks/scale.py`` (10 departments,
Parquet, same generator and seed), loads it once with :func:`procmine.load`, and then times,
per engine, the aggregation stage as :func:`procmine.discover.discover` runs it: for every
department ``directly_follows(events)`` then ``variants(events)``. Each engine runs
``--repeat`` times; the table shows the best and the median wall time and the CPU time of
this process for the best run (Spark's and DuckDB's worker threads in the JVM or in DuckDB
count only as far as this process's CPU time sees them: DuckDB's threads do, the JVM's do
not). ``equal`` says whether every department's aggregates equal the pandas engine's
exactly (same keys, counts and floats). Spark's session start is timed separately
(``spark session``) and not included. Finally it times the whole of ``discover_all`` on the
pandas and DuckDB engines (aggregation plus everything that runs on the driver).

Engines that are not installed (pyspark, Java) are reported and skipped. This is
measurement code: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scale import generate

import procmine
from procmine.discover import discover_all
from procmine.engine import ENGINES, get_engine, using
from procmine.errors import ConfigError


def _size(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * factor)


def _label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1_000}k"


def aggregate(engine: Any, logs: dict[str, Any]) -> dict[str, tuple[Any, dict[str, int]]]:
    """The aggregation stage of every department on ``engine``."""
    out = {}
    for dept in sorted(logs):
        events = logs[dept].events
        out[dept] = (engine.directly_follows(events), engine.variants(events))
    return out


def timed(fn: Any, repeat: int) -> tuple[Any, list[float], float]:
    """Result, wall times of each run, CPU time of the fastest run."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return result, walls, cpus[walls.index(min(walls))]


def row(
    label: str, what: str, walls: list[float] | None, cpu: float | None, note: str = ""
) -> None:
    best = f"{min(walls):8.2f}" if walls else "       —"
    median = f"{statistics.median(walls):8.2f}" if walls else "       —"
    cpu_text = f"{cpu:8.2f}" if cpu is not None else "       —"
    print(f"{label:>6}  {what:<22} {best} {median} {cpu_text}  {note}", flush=True)


def bench(n: int, work: Path, args: argparse.Namespace) -> None:
    folder = work / f"city_{_label(n)}"
    if not folder.exists():
        generate(n, folder)
    dataset = procmine.load([folder])
    logs = dataset.logs
    events = sum(len(log.events) for log in logs.values())
    label = _label(n)
    print(
        f"# {label}: {events:,} events in {len(logs)} departments, load {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    reference = None
    for name in args.engines:
        try:
            engine = get_engine(name, spark_master=args.spark_master)
        except ConfigError as err:
            row(label, name, None, None, f"skipped: {err}")
            continue
        if name == "spark":
            _, walls, cpu = timed(engine.session, 1)
            row(label, "spark session", walls, cpu, f"master {engine.master}")
        result, walls, cpu = timed(lambda engine=engine: aggregate(engine, logs), args.repeat)
        if name == "pandas":
            reference = result
        equal = "—" if reference is None else ("yes" if result == reference else "NO")
        row(label, f"{name} aggregation", walls, cpu, f"equal to pandas: {equal}")
    for name in ("pandas", "duckdb"):
        if name not in args.engines:
            continue
        with using(name):
            _, walls, cpu = timed(lambda: discover_all(logs), args.repeat)
        row(label, f"{name} discover_all", walls, cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["100k", "1M"])
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--spark-master", default=None)
    parser.add_argument(
        "--keep", type=Path, help="Keep the generated cities in DIR (and reuse them)."
    )
    args = parser.parse_args(argv)
    args.engines = sorted(args.engines, key=lambda e: e != "pandas")  # pandas first: the reference
    work = args.keep or Path(tempfile.mkdtemp(prefix="procmine-engines-"))
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M:%S %Z')}  cores {os.cpu_count()}  seconds: best, median of {args.repeat}, CPU"
    )
    print(f"{'events':>6}  {'what':<22} {'best':>8} {'median':>8} {'cpu':>8}  note")
    try:
        for size in args.sizes:
            bench(_size(size), work, args)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
