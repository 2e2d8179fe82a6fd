"""Write every output of an analysis into one folder, atomically.

:func:`write_report` builds the whole report in a hidden sibling folder and then swaps it in
place of ``out_dir``, so a reader never sees half a report and a failed run leaves the
previous report untouched. A marker file (``.procmine-report``) identifies folders procmine
wrote; any other existing, non-empty folder is only replaced with ``force=True``.

Files written::

    report.html        one self-contained page (inline CSS/SVG/JS), prints on A4
    report.md          the same content in Markdown, maps linked from maps/
    report.xlsx        every table as a sheet (formula-safe, deterministic)
    duplicates.csv     duplicate activity pairs   (UTF-8 with BOM, formula-safe)
    silos.csv          field × department holdings
    candidates.csv     consolidation candidates with the savings arithmetic
    findings.json      everything above as data (schema_version "1.0"), deterministic
    maps/<dept>.dot    Graphviz source of each department's map
    maps/<dept>.svg    the map drawn by Graphviz
    journeys/*.svg     the typical journey per life event (when the analysis has journeys)

Personal data: by default no output contains resident values (names, addresses, dates of
birth …); only column names, activity and department names, counts and rates. With
``show_values=True`` the silo section of report.html/report.md shows examples of values
(residents by pseudonym) and its first page says so; the other files stay free of values.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from procmine.errors import ConfigError, OutputError
from procmine.report import csvjson, facts
from procmine.report.content import build_document
from procmine.report.html import render_html
from procmine.report.i18n import strings
from procmine.report.maps import map_dot, map_filenames, render_svg
from procmine.report.markdown import render_markdown
from procmine.report.xlsx import workbook_bytes

if TYPE_CHECKING:  # pragma: no cover
    from procmine._forks import Pending
    from procmine.analysis import Analysis
    from procmine.model import ProcessMap

MARKER = ".procmine-report"
#: Working hours per person-year used for FTE (人工) figures; an assumption the report states.
HOURS_PER_FTE = 1800.0


def procmine_version() -> str:
    """The installed procmine version, or ``"unknown"``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("procmine")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def refuse_inputs(out_dir: str | Path, inputs: Sequence[str | Path]) -> None:
    """Refuse an output folder that is an input or holds one: replacing it would delete
    the exports (even with ``force``)."""
    from procmine.io.messages import show

    target = Path(out_dir).resolve()
    for path in inputs:
        source = Path(path).resolve()
        if source == target or target in source.parents:
            raise OutputError(
                f"'{show(out_dir, limit=200)}' holds the input {show(path, limit=200)}, which replacing it would "
                "delete — choose an --out folder outside the inputs"
            )


def check_target(
    out: Path,
    *,
    force: bool,
    ours: Callable[[Path], bool] | None = None,
    what: str = "procmine report",
    replace: str | None = "replace it",
) -> None:
    """Refuse an ``--out`` that is a file, a broken link, or a non-empty folder not written
    by procmine (``ours``: whether it was; default: it holds a report's marker) unless
    ``force``; ``what`` and ``replace`` name the kind of output and what --force does
    (``None``: the command has no --force)."""
    if not out.exists():
        if out.is_symlink():
            raise OutputError(
                f"'{out}' is a broken symbolic link; remove it or choose another --out"
            )
        return
    if not out.is_dir():
        raise OutputError(f"'{out}' exists and is not a folder; choose another --out")
    if force or (ours(out) if ours is not None else (out / MARKER).is_file()):
        return
    try:
        empty = not any(out.iterdir())
    except OSError as err:
        raise OutputError(f"cannot read '{out}': {err.strerror}; choose another --out") from None
    if not empty:
        offer = f" or pass --force to {replace}" if replace else ""
        raise OutputError(
            f"'{out}' already exists and is not a {what}; choose another --out{offer}"
        )


def _write(path: Path, text: str, *, bom: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        fh.write(text)
    return path


def _maps_into(
    folder: Path,
    maps: Mapping[str, ProcessMap],
    *,
    lang: Literal["ja", "en"],
    highlight: Mapping[str, Mapping[str, int]],
) -> tuple[list[Path], dict[str, str], dict[str, str]]:
    """Write ``maps/<stem>.dot`` and ``.svg`` per department; return files, SVGs, stems.

    Graphviz lays the maps out in parallel (one ``dot`` process per map, at most one per
    core); the results are taken in department order, so a failure names the first map
    that failed, as when they are drawn one by one."""
    map_files = map_filenames(maps)
    svgs: dict[str, str] = {}
    written: list[Path] = []
    dots = {
        dept: map_dot(maps[dept], highlight=highlight.get(dept), lang=lang) for dept in sorted(maps)
    }
    workers = max(1, min(len(dots), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        drawn = list(pool.map(render_svg, dots.values()))
    for (dept, dot), svg in zip(dots.items(), drawn, strict=True):
        svgs[dept] = svg
        written.append(_write(folder / "maps" / f"{map_files[dept]}.dot", dot))
        written.append(_write(folder / "maps" / f"{map_files[dept]}.svg", svg))
    return written, svgs, map_files


def _build(
    analysis: Analysis,
    tmp: Path,
    *,
    lang: Literal["ja", "en"],
    hours_per_fte: float,
    show_values: bool,
    parallel: bool,
) -> list[Path]:
    from procmine._forks import has_room, start

    version = procmine_version()
    # The workbook is built in a forked child (procmine._forks) while this process draws
    # the maps and writes the rest: the same bytes, on a second core.
    workbook = start(
        lambda: workbook_bytes(analysis, lang=lang, hours_per_fte=hours_per_fte),
        fork=parallel and has_room(),
    )
    try:
        return _build_rest(
            analysis,
            tmp,
            workbook,
            version=version,
            lang=lang,
            hours_per_fte=hours_per_fte,
            show_values=show_values,
        )
    finally:
        workbook.cancel()


def _build_rest(
    analysis: Analysis,
    tmp: Path,
    workbook: Pending[bytes],
    *,
    version: str,
    lang: Literal["ja", "en"],
    hours_per_fte: float,
    show_values: bool,
) -> list[Path]:
    written, svgs, map_files = _maps_into(
        tmp, analysis.maps, lang=lang, highlight=facts.highlight(analysis)
    )
    doc = build_document(
        analysis,
        lang=lang,
        svgs=svgs,
        map_files=map_files,
        version=version,
        hours_per_fte=hours_per_fte,
        show_values=show_values,
    )
    done = {p.relative_to(tmp).as_posix() for p in written}
    for figure in doc.figures():  # charts drawn for the report (maps are written already)
        if figure.path not in done:
            written.append(_write(tmp / figure.path, figure.svg))
            done.add(figure.path)
    written.append(_write(tmp / "report.html", render_html(doc)))
    written.append(_write(tmp / "report.md", render_markdown(doc)))
    written.append(_write(tmp / "duplicates.csv", csvjson.duplicates_csv(analysis), bom=True))
    written.append(_write(tmp / "silos.csv", csvjson.silos_csv(analysis), bom=True))
    written.append(_write(tmp / "candidates.csv", csvjson.candidates_csv(analysis), bom=True))
    for name, text in {
        **csvjson.silo_value_csvs(analysis),
        **csvjson.journeys_csvs(analysis),
    }.items():
        written.append(_write(tmp / name, text, bom=True))
    data = csvjson.findings(
        analysis,
        version=version,
        map_files=map_files,
        lang=lang,
        hours_per_fte=hours_per_fte,
        show_values=show_values,
    )
    written.append(_write(tmp / "findings.json", csvjson.findings_json(data)))
    xlsx = tmp / "report.xlsx"  # last: the helper had the time the rest took
    xlsx.write_bytes(workbook.result())
    written.append(xlsx)
    return written


def _replace_atomically(
    out_dir: str | Path, *, force: bool, build: Callable[[Path], list[Path]]
) -> list[Path]:
    """Run ``build(tmp)`` in a sibling folder, add the marker, then swap it in as ``out_dir``."""
    out = Path(os.path.abspath(out_dir))
    if out.parent == out:
        raise OutputError(f"'{out}' is the root of a file system; choose a folder for --out")
    check_target(out, force=force)
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(
            f"cannot create '{parent}': {err.strerror}; choose a writable --out"
        ) from None

    token = uuid.uuid4().hex[:12]
    tmp = parent / f".{out.name}.procmine-tmp-{token}"
    old = parent / f".{out.name}.procmine-old-{token}"
    try:
        tmp.mkdir()
        written = build(tmp)
        _write(tmp / MARKER, f"procmine report\nschema_version {csvjson.SCHEMA_VERSION}\n")
        if out.exists() or out.is_symlink():
            os.replace(out, old)
        try:
            os.replace(tmp, out)
        except OSError:
            if old.exists() or old.is_symlink():
                os.replace(old, out)
            raise
    except OSError as err:
        raise OutputError(
            f"cannot write to '{out}': {err.strerror or err}; choose a writable --out"
        ) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.is_symlink():
            old.unlink()
        else:
            shutil.rmtree(old, ignore_errors=True)
    return sorted(out / p.relative_to(tmp) for p in written)


def write_report(
    analysis: Analysis,
    out_dir: str | Path,
    *,
    lang: Literal["ja", "en"] = "ja",
    force: bool = False,
    hours_per_fte: float | None = None,
    show_values: bool = False,
    parallel: bool = True,
) -> list[Path]:
    """Write the report of ``analysis`` into ``out_dir``, replacing it as a whole.

    Parameters
    ----------
    analysis : Analysis
        The result of :func:`procmine.analyze`.
    out_dir : str or Path
        Folder to create. An earlier procmine report there is replaced; an empty folder is
        used; any other existing folder is refused unless ``force``.
    lang : {"ja", "en"}, default "ja"
        Language of the report's headings and sentences (CSV/JSON are the same in both).
    force : bool, default False
        Replace ``out_dir`` even when it is not a procmine report. Its contents are deleted.
    hours_per_fte : float, optional
        Working hours per person-year for the FTE (人工) figures; default: the value the
        analysis ran with (``analysis.options["hours_per_fte"]``), else 1,800 h.
    show_values : bool, default False
        Show example resident values (the most common format-only differences of each held
        copy of a field, residents by pseudonym) in the silo section of report.html and
        report.md, and say on the first page that the report contains personal data. CSV,
        JSON and Excel files never hold values.
    parallel : bool, default True
        Build report.xlsx in a forked helper process (:mod:`procmine._forks`) while the rest
        is written; the same bytes either way. ``False`` writes everything in this process.

    Returns
    -------
    list[Path]
        The files written (inside ``out_dir``), sorted; the marker file is not listed.

    Raises
    ------
    OutputError
        ``out_dir`` is not a procmine report (and ``force`` is false), is a file, or cannot
        be written.
    ProcmineError
        Graphviz's ``dot`` program is missing.
    ConfigError
        ``lang`` is not ``"ja"`` or ``"en"``, or ``hours_per_fte`` is not positive.
    """
    strings(lang)  # validates lang
    if hours_per_fte is None:
        hours_per_fte = float(analysis.options.get("hours_per_fte") or HOURS_PER_FTE)
    if not hours_per_fte > 0:
        raise ConfigError(f"hours_per_fte must be a positive number of hours, not {hours_per_fte}")
    return _replace_atomically(
        out_dir,
        force=force,
        build=lambda tmp: _build(
            analysis,
            tmp,
            lang=lang,
            hours_per_fte=hours_per_fte,
            show_values=show_values,
            parallel=parallel,
        ),
    )


def write_maps(
    maps: Mapping[str, ProcessMap],
    out_dir: str | Path,
    *,
    lang: Literal["ja", "en"] = "ja",
    highlight: Mapping[str, Mapping[str, int]] | None = None,
    force: bool = False,
) -> list[Path]:
    """Write only the process maps: ``out_dir/maps/<department>.dot`` and ``.svg``.

    The folder is replaced atomically under the same rules as :func:`write_report`.

    Parameters
    ----------
    maps : Mapping[str, ProcessMap]
        Department → map (e.g. from :func:`procmine.discover.discover_all`).
    out_dir : str or Path
        Folder to create or replace.
    lang : {"ja", "en"}, default "ja"
        Language of the node statistics and markers.
    highlight : Mapping[str, Mapping[str, int]], optional
        Department → {activity → duplicate cluster} to colour.
    force : bool, default False
        Replace ``out_dir`` even when procmine did not write it.

    Returns
    -------
    list[Path]
        The files written, sorted.
    """
    strings(lang)
    return _replace_atomically(
        out_dir,
        force=force,
        build=lambda tmp: _maps_into(tmp, maps, lang=lang, highlight=highlight or {})[0],
    )


__all__ = ["HOURS_PER_FTE", "MARKER", "procmine_version", "write_maps", "write_report"]
