"""The ``procmine`` command line: thin click commands over the library.

Errors raised by procmine become one line on stderr (``Error: …``) and exit code 2 for
input and usage errors, 1 otherwise; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from procmine.errors import ProcmineError

__all__ = ["cli", "main"]


def _one_line(message: object) -> str:
    """A message from procmine as one line that is safe to print (no control characters)."""
    from procmine.io.messages import show

    return show(message, limit=2000)


#: ``--quiet``/``-q`` of the commands that print progress.
_quiet_option = click.option(
    "--quiet", "-q", is_flag=True, help="No progress messages (warnings are still printed)."
)


class _Cli(click.Group):
    """A group that turns procmine's errors into one-line messages."""

    def invoke(self, ctx: click.Context) -> Any:
        debug = "--debug" in sys.argv[1:] or bool(ctx.params.get("debug"))
        try:
            return super().invoke(ctx)
        except ProcmineError as err:
            if debug:
                raise
            click.echo(f"Error: {_one_line(err)}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("Error: interrupted; no report was written", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader of our output went away (`procmine … | head`): stop quietly.
            sys.stderr.close()
            ctx.exit(0)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as err:
            if debug:
                raise
            msg = _one_line(str(err).splitlines()[0] if str(err) else "")
            click.echo(
                f"Error: internal error ({type(err).__name__}: {msg}) — please report it; "
                "run again with --debug for the traceback",
                err=True,
            )
            ctx.exit(1)


def _column_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options that name the columns of the inputs (override detection and procmine.toml)."""
    options = [
        click.option(
            "--case", metavar="COL", help="Column with the case id (受付番号, case:concept:name …)."
        ),
        click.option(
            "--activity", metavar="COL", help="Column with the activity label (処理内容 …)."
        ),
        click.option("--timestamp", metavar="COL", help="Column with the event time (処理日時 …)."),
        click.option(
            "--end", "end", metavar="COL", help="Column with the end time of the step, if any."
        ),
        click.option("--resource", metavar="COL", help="Column with who did the step (担当者 …)."),
        click.option("--department", metavar="COL", help="Column with the department (課 …)."),
        click.option(
            "--person",
            metavar="COL",
            help="Column with the resident key shared by systems (宛名番号 …).",
        ),
        click.option(
            "--encoding", metavar="ENC", help="Encoding of CSV files (utf-8, utf-8-sig, cp932 …)."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _report_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options of every command that writes a report: its language and ``--force``."""
    func = click.option(
        "--force", is_flag=True, help="Replace --out even if it is not an earlier procmine report."
    )(func)
    return click.option(
        "--lang",
        type=click.Choice(["ja", "en"]),
        default="ja",
        show_default=True,
        help="Report language.",
    )(func)


def _parallel_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--parallel/--no-parallel``, passed to :func:`procmine.analyze` as ``parallel``."""
    return click.option(
        "--parallel/--no-parallel",
        default=True,
        show_default=True,
        help="Run independent stages in forked helper processes on a second core (same "
        "results); --no-parallel runs the analysis stages one after the other.",
    )(func)


def _progress(quiet: bool) -> Callable[[str], None]:
    if quiet:
        return lambda _msg: None
    return lambda msg: click.echo(f"procmine: {msg} …", err=True)


def _inputs(inputs: tuple[str, ...]) -> list[Path]:
    if not inputs:
        raise click.UsageError("give at least one input file or folder")
    return [Path(p) for p in inputs]


def _check_out(
    out: str, inputs: list[Path], *, force: bool = False, has_force: bool = True
) -> None:
    """Refuse --out before any input is read, with the writer's own messages: it is (or
    holds) an input, the root of a file system, a file, or a folder that is not an earlier
    procmine report (unless ``force``). The writer checks again when it replaces it."""
    import os

    from procmine.errors import OutputError
    from procmine.report.writer import check_target, refuse_inputs

    refuse_inputs(out, inputs)
    target = Path(os.path.abspath(out))
    if target.parent == target:
        raise OutputError(f"'{target}' is the root of a file system; choose a folder for --out")
    check_target(target, force=force, replace="replace it" if has_force else None)


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="procmine")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def cli(debug: bool) -> None:
    """Find duplicated work and data silos across departments from their event logs.

    \b
    Quick start:
      procmine analyze sample_logs --out reports/sample
      procmine validate exports/          # show how the columns were understood
    """


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--out", "out", required=True, type=click.Path(), help="Folder for the report.")
@_column_options
@_report_options
@click.option(
    "--hourly-rate",
    type=float,
    help="Staff cost per hour in yen for the savings estimate, ≥ 0 [default: 3400].",
)
@click.option(
    "--fte-hours",
    type=float,
    default=1800.0,
    show_default=True,
    help="Working hours per FTE (人工) per year, > 0 and ≤ 8784.",
)
@click.option(
    "--period",
    "period",
    type=float,
    help="Days the logs cover, > 0 (default: their time span).",
)
@click.option(
    "--top", type=int, help="Keep the top N consolidation candidates, N ≥ 1 (default: all)."
)
@click.option(
    "--what-if",
    "whatif_top",
    type=int,
    default=3,
    show_default=True,
    help="Simulate the top N candidates on the journeys (remove their redundant work), "
    "N ≥ 0; 0 skips.",
)
@click.option(
    "--salt",
    metavar="SECRET",
    help="Secret for resident pseudonyms, stable across runs with the same secret; journeys.csv lists them only when it is given.",
)
@click.option(
    "--show-values",
    is_flag=True,
    help="Show example resident values (format-only differences) in the silo section; "
    "the report then says on its first page that it contains personal data.",
)
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "pandas", "spark"]),
    default="duckdb",
    show_default=True,
    help="Where events are aggregated into process maps (same results; spark needs pip install 'procmine[spark]').",
)
@click.option(
    "--spark-master",
    metavar="URL",
    help="Spark master for --engine spark: local[N] (default local[2]), spark://host:7077, yarn …",
)
@_parallel_option
@_quiet_option
def analyze(
    inputs: tuple[str, ...],
    out: str,
    lang: str,
    force: bool,
    hourly_rate: float | None,
    fte_hours: float,
    period: float | None,
    top: int | None,
    whatif_top: int,
    salt: str | None,
    show_values: bool,
    engine: str,
    spark_master: str | None,
    parallel: bool,
    quiet: bool,
    **columns: Any,
) -> None:
    """Analyse department exports and write a report into --out."""
    from procmine.analysis import analyze as run
    from procmine.analysis import check_numbers

    say = _progress(quiet)
    if spark_master and engine != "spark":
        raise click.UsageError("--spark-master needs --engine spark")
    check_numbers(
        _NUMBER_OPTIONS,
        hourly_rate=hourly_rate,
        hours_per_fte=fte_hours,
        period_days=period,
        top=top,
        whatif_top=whatif_top,
    )
    paths = _inputs(inputs)
    _check_out(out, paths, force=force)
    result = run(
        paths,
        lang=lang,
        hourly_rate=hourly_rate,
        hours_per_fte=fte_hours,
        period_days=period,
        top=top,
        salt=salt,
        whatif_top=whatif_top,
        progress=say,
        engine=engine,
        spark_master=spark_master,
        parallel=parallel,
        **columns,
    )
    _print_mapping(result.dataset, quiet=quiet)
    say("writing the report")
    result.write(out, lang=lang, force=force, show_values=show_values, parallel=parallel)
    s = result.summary()
    if not quiet:
        click.echo(
            f"{s['departments']} departments, {s['events']:,} events; "
            f"{s['duplicate_clusters']} duplicate clusters ({s['duplicate_pairs']} pairs), "
            f"{s['silo_fields']} silo fields, {s['candidates']} candidates "
            f"({s['hours_saved_per_year']:,} h/year). Report: {Path(out) / 'report.html'}"
        )


#: The options of ``analyze`` checked by :func:`procmine.analysis.check_numbers`, by the
#: argument of :func:`procmine.analyze` they set.
_NUMBER_OPTIONS = {
    "hourly_rate": "--hourly-rate",
    "hours_per_fte": "--fte-hours",
    "period_days": "--period",
    "top": "--top",
    "whatif_top": "--what-if",
}


def _print_mapping(dataset: Any, *, quiet: bool) -> None:
    """How the columns were understood (not with ``quiet``), then the warnings (always)."""
    from procmine.io import describe_mapping

    if not quiet:
        for line in describe_mapping(dataset):
            click.echo(line, err=True)
    _print_warnings(dataset.warnings)


def _print_warnings(warnings: Any, prefix: str = "") -> None:
    """One ``Warning:`` line on stderr per warning, ``-q`` or not."""
    for warning in warnings:
        click.echo(f"Warning: {prefix}{_one_line(warning)}", err=True)


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@_column_options
def validate(inputs: tuple[str, ...], **columns: Any) -> None:
    """Show how the inputs are understood (mapping, rows, problems); writes nothing."""
    from procmine.io import describe_mapping, load
    from procmine.io.messages import counted

    dataset = load(_inputs(inputs), **columns)
    for line in describe_mapping(dataset):
        click.echo(line)
    for acc in dataset.accounting:
        dropped = (
            ", ".join(counted(n, reason) for reason, n in sorted(acc.dropped.items()))
            or "none dropped"
        )
        click.echo(
            f"{_one_line(acc.source)}: {counted(acc.rows_read, 'row')} read, {acc.rows_loaded:,} loaded ({dropped})"
        )
    for warning in dataset.warnings:
        click.echo(f"Warning: {_one_line(warning)}")
    events = sum(len(x.events) for x in dataset.logs.values())
    click.echo(f"OK: {counted(len(dataset.logs), 'department')}, {counted(events, 'event')}")


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--out", "out", required=True, type=click.Path(), help="Folder for the maps.")
@_column_options
@_quiet_option
def discover(inputs: tuple[str, ...], out: str, quiet: bool, **columns: Any) -> None:
    """Discover each department's process map and write maps/<department>.svg and .dot."""
    from procmine.discover import discover_all
    from procmine.io import load
    from procmine.report.writer import write_maps

    say = _progress(quiet)
    paths = _inputs(inputs)
    _check_out(out, paths, has_force=False)  # write_maps replaces only earlier procmine output
    say("loading")
    dataset = load(paths, **columns)
    _print_mapping(dataset, quiet=quiet)
    say("discovering process maps")
    maps = discover_all(dataset.logs)
    written = write_maps(maps, out)
    if not quiet:
        click.echo(
            f"{len(maps)} maps written to {out}: "
            + ", ".join(p.name for p in written if p.suffix == ".svg")
        )


@cli.command()
@click.option(
    "--size",
    default="small",
    show_default=True,
    help="tiny (≈100 cases), small (≈1,000), year (≈8,240) or a number of cases; or a number "
    "of events with k or M (100k, 1M, 20M): the synthetic scale city, in Parquet.",
)
@click.option(
    "--out", "out", required=True, type=click.Path(), help="Folder to write the city into."
)
@click.option(
    "--seed", default=7, show_default=True, type=int, help="Random seed (same seed, same files)."
)
@click.option(
    "--variant",
    type=click.Choice(["asis", "tobe"]),
    default="asis",
    show_default=True,
    help="asis: today's city; tobe: the same residents after a 書かない・ワンストップ reform.",
)
@click.option(
    "--city",
    type=click.Choice(["koyo", "other"]),
    default="koyo",
    show_default=True,
    help="koyo: 光陽市 (as in sample_logs/); other: a town with other departments, labels and headers.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Write into --out even if it is a folder with other files (only the files a sample "
    "writes are replaced; an earlier procmine sample is replaced without --force).",
)
def sample(size: str, out: str, seed: int, variant: str, city: str, force: bool) -> None:
    """Generate a fictional city (department exports + ground truth): 光陽市 by default."""
    from procmine.errors import ConfigError
    from procmine.samples import generate
    from procmine.samples.large import parse_events
    from procmine.samples.writer import check_target

    events = parse_events(size)
    if events is not None:
        _large_sample(events, out, seed, variant, city, force)
        return
    chosen: Any = size
    if size not in ("tiny", "small", "year"):
        if not size.isdigit() or int(size) <= 0:
            raise ConfigError(
                f"--size {size!r}: use tiny, small, year, a positive number of cases, "
                "or a number of events such as 100k or 1M"
            )
        chosen = int(size)
    check_target(Path(out), force=force)
    summary = generate(out, size=chosen, seed=seed, variant=variant, city=city)  # type: ignore[arg-type]
    click.echo(
        f"{city} ({variant}) written to {out}: "
        + ", ".join(f"{k}={v}" for k, v in summary.items() if not isinstance(v, (dict, list)))
    )


def _large_sample(events: int, out: str, seed: int, variant: str, city: str, force: bool) -> None:
    """``procmine sample --size 1M``: the synthetic scale city, streamed to Parquet."""
    from procmine.errors import ConfigError, OutputError
    from procmine.samples.large import generate
    from procmine.samples.writer import check_target

    if variant != "asis" or city != "koyo":
        raise ConfigError(
            "--variant and --city apply to cities sized in cases (tiny, small, year, a number); "
            f"--size {events:,} events writes the synthetic scale city: drop them"
        )
    if seed < 0:
        raise ConfigError(f"--seed {seed} must be a non-negative integer")
    folder = Path(out)
    check_target(folder, force=force)
    try:
        info = generate(events, folder, seed=seed)
    except OSError as exc:
        raise OutputError(f"cannot write the sample city into {folder}: {exc.strerror}") from exc
    click.echo(
        f"synthetic city written to {out}: {int(info['events']):,} events in "
        f"{int(info['files'])} Parquet files ({info['mb']:.1f} MB, {info['seconds']:.1f} s)"
    )


@cli.command()
@click.argument("before", type=click.Path())
@click.argument("after", type=click.Path())
@click.option("--out", "out", required=True, type=click.Path(), help="Folder for the comparison.")
@_column_options
@_report_options
@_parallel_option
@_quiet_option
def compare(
    before: str,
    after: str,
    out: str,
    lang: str,
    force: bool,
    parallel: bool,
    quiet: bool,
    **columns: Any,
) -> None:
    """Compare an As-Is (BEFORE) and a To-Be (AFTER) set of exports: KPIs, workload, activities."""
    from procmine.compare import compare as run

    say = _progress(quiet)
    _check_out(out, [Path(before), Path(after)], force=force)
    result = run(Path(before), Path(after), lang=lang, progress=say, parallel=parallel, **columns)
    _print_warnings(result.before.dataset.warnings, "BEFORE: ")
    _print_warnings(result.after.dataset.warnings, "AFTER: ")
    _print_warnings(result.warnings)
    say("writing the comparison")
    result.write(out, lang=lang, force=force)
    if not quiet:
        overall = result.kpis[result.kpis["life_event"] == "all"]
        for row in overall.itertuples(index=False):
            click.echo(f"{row.principle:12} {row.kpi:34} {row.before:8.1f} → {row.after:8.1f}")
        click.echo(f"Comparison: {Path(out) / 'comparison.html'}")


@cli.command()
@click.argument("report_dir", type=click.Path())
@click.option(
    "--truth",
    required=True,
    type=click.Path(),
    help="Ground-truth folder (duplicates.csv, negatives.csv, aliases.csv).",
)
def evaluate(report_dir: str, truth: str) -> None:
    """Score a report's duplicates.csv against a ground truth (precision, recall, F1)."""
    from procmine.evaluate import evaluate_report

    scores = evaluate_report(Path(report_dir), Path(truth))
    for key, value in scores.items():
        click.echo(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")


def main() -> None:
    """Entry point of the ``procmine`` console script."""
    cli(prog_name="procmine")
