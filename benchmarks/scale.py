"""How long each stage of procmine takes at scale, and how much memory it needs (issue 7).

Usage::

    .venv/bin/python benchmarks/scale.py [--sizes 100k 1M 5M] [--no-baseline] [--no-cli]
                                         [--no-bpic] [--bpic-stages] [--no-help-timing]
                                         [--profile STAGE ... --profile-size 1M|bpic15]
                                         [--keep DIR]

For each size (default ``100k 1M``) it writes the synthetic city of
:mod:`procmine.samples.large` (the one ``procmine sample --size 1M`` writes): 10 department systems ×
30 activities as one Parquet file per department (headers procmine recognises: 受付番号 /
処理内容 / 処理日時 / 担当者 / 宛名番号 in eight files, case:concept:name / concept:name /
time:timestamp / org:resource / person id in two), with a resident key shared across
departments and six data columns (氏名, フリガナ, 生年月日, 住所, 電話番号 and one column of
the department's own) whose copies differ by format and by stale values, so that the silo
stage has work. Generation is vectorised numpy, one department and at most 1M events at a
time (5M events need well under 2 GB).

Then, each in its own fresh Python process (so that peak RSS belongs to what is measured):

* ``stages``: the calls :func:`procmine.analyze` makes, one by one: ``io.load``,
  ``discover.discover_all``, ``fields.match_fields``, ``match.cooccurrence`` and
  ``match.match_activities`` (with ``column_fields``, and ``authoritative_columns`` and
  ``cooccurrence`` when it takes them),
  ``journeys.journeys`` (when it imports; summed only when ``analyze`` runs it),
  ``candidates.rank_candidates``, ``fields.silo_values`` + ``fields.linkage_quality``
  (when ``Analysis`` holds them), ``whatif.what_if`` (top 3, when ``analyze`` runs it) and
  ``Analysis.write``, one after the other in one process (no helper processes, except
  the one ``Analysis.write`` forks for the Excel workbook, whose memory is not counted
  here; the ``cli`` row counts every process). Per stage: wall and CPU seconds,
  the process RSS after the stage and the stage's own peak RSS (the kernel's high-water
  mark is reset before each stage through ``/proc/self/clear_refs``; where that fails
  the column shows the peak so far);
* ``cli``: ``procmine analyze DIR --out OUT`` as a subprocess, wall time and peak memory:
  the larger of the largest single process's peak RSS (``/usr/bin/time -v``, else
  ``getrusage(RUSAGE_CHILDREN)``) and the peak of the PSS summed over the process and its
  descendants, sampled every 50 ms from ``/proc`` (``procmine analyze`` runs independent
  stages in forked helper processes, see ``procmine/_forks.py``; their memory counts), and
  the seconds between its progress messages (``cli: …`` rows: the CLI's own stage
  breakdown);
* ``baseline``: per department ``pd.read_parquet`` + ``pm4py.format_dataframe`` +
  ``pm4py.discover_dfg`` + ``pm4py.discover_performance_dfg``; ``ratio`` = procmine's
  whole CLI run / the baseline's whole process (both include interpreter start-up and
  imports), and, for reference, the sum of procmine's stages / the baseline's compute.

It also times ``procmine analyze`` on the five BPIC 2015 logs in
``/work/shared/real_logs/bpic15`` (skipped when absent) and ``procmine --help`` (best and
median of 5). The table shows the issue 7 targets next to the figures, and the load
average (``os.getloadavg``) when each measurement started: the machine may be shared,
and a load above the number of cores inflates wall times.

``--profile STAGE …`` runs pyinstrument (cProfile when pyinstrument is missing) on these
stages (``load, discover, fields, cooccurrence, match, journeys, candidates, silo_values,
whatif, write``) at
``--profile-size`` (a size, or ``bpic15`` with ``--bpic-stages``) and writes
``profile_STAGE.txt``/``.html`` (or ``.prof``) next to the run's report; profiled stages
run slower than unprofiled ones. This is measurement code: it changes nothing in procmine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from procmine.samples.large import EN_ROLES, JA_ROLES, SEED

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PROCMINE = str(Path(PY).with_name("procmine"))
BPIC15 = Path("/work/shared/real_logs/bpic15")
GB = 1024**3
STAGES = (
    "load",
    "discover",
    "fields",
    "cooccurrence",
    "match",
    "journeys",
    "candidates",
    "silo_values",
    "whatif",
    "write",
)
ANALYZE_STAGES = (
    "load",
    "discover",
    "fields",
    "cooccurrence",
    "match",
    "candidates",
    "silo_values",
    "whatif",
    "write",
)

# ----------------------------------------------------------------------------- data


def generate(total: int, folder: Path, *, seed: int = SEED) -> dict[str, float]:
    """Write the synthetic city (:mod:`procmine.samples.large`, the city
    ``procmine sample --size 1M`` writes) with ``total`` events into ``folder``."""
    from procmine.samples.large import generate as write_city

    info = write_city(total, folder, seed=seed)
    info["peak_gb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / GB
    return info


# ----------------------------------------------------------------------------- memory


def _status(key: str) -> float:
    """VmRSS / VmHWM of this process in bytes (0 when /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return float(line.split()[1]) * 1024
    except OSError:
        pass
    return 0.0


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


# ----------------------------------------------------------------------------- children


def run_stages(folder: str, out: str, profile: list[str]) -> dict:
    """Child process: every stage of procmine.analyze, timed (and one of them profiled)."""
    timings: dict[str, dict] = {}
    profiler = None
    t = time.perf_counter()
    import procmine  # noqa: F401
    from procmine.analysis import Analysis
    from procmine.candidates import DEFAULT_HOURLY_RATE, rank_candidates
    from procmine.discover import discover_all
    from procmine.fields import column_fields, match_fields
    from procmine.io import load
    from procmine.match import match_activities

    imports = time.perf_counter() - t
    state: dict = {}

    def stage(name: str, fn):
        nonlocal profiler
        exact = _reset_peak()
        load_avg = os.getloadavg()[0]
        if name in profile:
            try:
                from pyinstrument import Profiler

                profiler = ("pyinstrument", Profiler(interval=0.002))
                profiler[1].start()
            except ImportError:
                import cProfile

                profiler = ("cprofile", cProfile.Profile())
                profiler[1].enable()
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            value = fn()
            error = None
        except Exception as err:  # a failing stage is a result too
            value, error = (
                None,
                f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"[:200],
            )
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        if name in profile and profiler is not None:
            kind, p = profiler
            if kind == "pyinstrument":
                p.stop()
                Path(out).mkdir(parents=True, exist_ok=True)
                (Path(out) / f"profile_{name}.txt").write_text(
                    p.output_text(unicode=True, color=False, show_all=False), encoding="utf-8"
                )
                (Path(out) / f"profile_{name}.html").write_text(p.output_html(), encoding="utf-8")
            else:
                p.disable()
                p.dump_stats(str(Path(out) / f"profile_{name}.prof"))
        timings[name] = {
            "seconds": seconds,
            "cpu": cpu,
            "rss": _status("VmRSS"),
            "peak": _status("VmHWM"),
            "peak_exact": exact,
            "load": load_avg,
            "error": error,
        }
        state[name] = value
        return value

    import dataclasses
    import importlib
    import inspect

    import procmine.analysis as analysis_module

    # whether analyze runs a stage: asked of the module (its stages are module functions)
    source = inspect.getsource(analysis_module)
    wired = "procmine.journeys" in source
    has_field = "journeys" in {f.name for f in dataclasses.fields(Analysis)}
    dataset = stage("load", lambda: load([folder]))
    maps = stage("discover", lambda: discover_all(dataset.logs)) if dataset is not None else None
    silos = stage("fields", lambda: match_fields(dataset)) if dataset is not None else None
    result = None
    if maps is not None and silos is not None:
        options: dict = {"column_fields": column_fields(silos)}
        if (
            "authoritative_columns" in inspect.signature(match_activities).parameters
            and "authoritative" in silos
        ):
            auth = silos[silos["authoritative"].astype(bool)] if len(silos) else silos
            options["authoritative_columns"] = set(
                zip(auth.get("department", []), auth.get("column", []), strict=True)
            )
        params = inspect.signature(match_activities).parameters
        match_module = importlib.import_module("procmine.match")
        if "cooccurrence" in params and hasattr(match_module, "cooccurrence"):
            co = stage("cooccurrence", lambda: match_module.cooccurrence(dataset, maps))
            if co is not None:
                options["cooccurrence"] = co
        result = stage("match", lambda: match_activities(maps, **options))
    cands = journeys_result = None
    if result is not None:
        clusters = result.clusters_with_confidence()
        try:
            from procmine.journeys import journeys
        except Exception as err:
            timings["journeys"] = {"error": f"import failed: {type(err).__name__}: {err}"[:200]}
        else:
            journeys_result = stage(
                "journeys",
                lambda: journeys(dataset, maps, clusters, column_fields=column_fields(silos)),
            )
        cands = stage(
            "candidates",
            lambda: rank_candidates(
                dataset, maps, clusters, silos, hourly_rate=DEFAULT_HOURLY_RATE
            ),
        )
    if cands is not None:
        extra = {"journeys": journeys_result} if has_field else {}
        fields_module = importlib.import_module("procmine.fields")
        wanted = {f.name for f in dataclasses.fields(Analysis)}
        if {"silo_values", "linkage"} <= wanted and hasattr(fields_module, "silo_values"):
            both = stage(
                "silo_values",
                lambda: (
                    fields_module.silo_values(dataset, silos),
                    fields_module.linkage_quality(dataset),
                ),
            )
            if both is not None:
                extra.update(silo_values=both[0], linkage=both[1])
        analysis = Analysis(
            dataset=dataset,
            maps=maps,
            silos=silos,
            duplicates=result.pairs,
            clusters=clusters,
            candidates=cands,
            options={
                "inputs": [folder],
                "lang": "ja",
                "window_days": 14.0,
                "period_days": None,
                "hours_per_fte": 1800.0,
                "hourly_rate": DEFAULT_HOURLY_RATE,
                "top": None,
                "stable_pseudonyms": False,
            },
            **extra,
        )
        if "whatif" in wanted and "what_if" in source:
            from procmine.whatif import what_if

            whatif = stage("whatif", lambda: what_if(analysis, top=3))
            if whatif is not None:
                analysis.whatif = whatif
                if hasattr(analysis_module, "_with_whatif"):
                    analysis.candidates = analysis_module._with_whatif(analysis.candidates, whatif)
        stage("write", lambda: analysis.write(Path(out) / "report", force=True))
    summary = {}
    if result is not None:
        summary = {
            "duplicate_pairs": len(result.pairs),
            "silo_fields": int(silos["field"].nunique()) if len(silos) else 0,
            "candidates": len(cands) if cands is not None else None,
        }
    return {
        "imports": imports,
        "stages": timings,
        "summary": summary,
        "journeys_in_analyze": wired,
        "events": int(sum(len(log.events) for log in dataset.logs.values())) if dataset else None,
    }


def run_baseline(folder: str) -> dict:
    """Child process: pm4py DFG + performance DFG per department, on the same files."""
    import warnings

    t = time.perf_counter()
    import pandas as pd
    import pm4py

    imports = time.perf_counter() - t
    roles_ja, roles_en = JA_ROLES, EN_ROLES
    read = fmt = dfg = perf = 0.0
    events = 0
    for path in sorted(Path(folder).glob("*.parquet")):
        t0 = time.perf_counter()
        df = pd.read_parquet(path)
        t1 = time.perf_counter()
        case, act, ts = (roles_ja if roles_ja[0] in df.columns else roles_en)[:3]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            df = pm4py.format_dataframe(df, case_id=case, activity_key=act, timestamp_key=ts)
            t2 = time.perf_counter()
            pm4py.discover_dfg(df)
            t3 = time.perf_counter()
            pm4py.discover_performance_dfg(df)
            t4 = time.perf_counter()
        read += t1 - t0
        fmt += t2 - t1
        dfg += t3 - t2
        perf += t4 - t3
        events += len(df)
    return {
        "imports": imports,
        "read": read,
        "format_dataframe": fmt,
        "discover_dfg": dfg,
        "discover_performance_dfg": perf,
        "compute": fmt + dfg + perf,
        "events": events,
    }


def _tree(root: int) -> list[int]:
    """``root`` and its descendants (from /proc; just ``root`` where /proc is missing)."""
    children: dict[int, list[int]] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return [root]
    for name in names:
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _pss_rss(pid: int) -> tuple[float, float]:
    """Proportional and resident set size of ``pid`` in bytes (0 when unreadable)."""
    pss = rss = 0.0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = float(line.split()[1]) * 1024
            elif line.startswith("Rss:"):
                rss = float(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return pss, rss


class _TreeMemory:
    """Samples the summed PSS and RSS of a process and all its descendants every 50 ms
    (procmine runs some stages in forked helper processes: their memory counts too). PSS
    splits the pages a helper shares with its parent between them, so the summed PSS is the
    memory the run really holds; the summed RSS counts shared pages once per process."""

    def __init__(self, pid: int) -> None:
        import threading

        self.pid, self.pss, self.rss, self.processes = pid, 0.0, 0.0, 1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = _tree(self.pid)
            sizes = [_pss_rss(p) for p in pids]
            self.pss = max(self.pss, sum(a for a, _ in sizes))
            self.rss = max(self.rss, sum(b for _, b in sizes))
            self.processes = max(self.processes, len(pids))
            self._stop.wait(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _child(mode: str, *args: str) -> tuple[dict, float, float, float]:
    """Run this script in ``mode`` in a fresh process: (its JSON, wall s, peak RSS bytes, load)."""
    load_avg = os.getloadavg()[0]
    cmd = [PY, __file__, f"--_{mode}", *args]
    wall, peak, proc = _timed(cmd)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    line = [x for x in proc.stdout.splitlines() if x.startswith("{")][-1]
    return json.loads(line), wall, peak, load_avg


def _timed(
    cmd: list[str], env: dict | None = None, *, stream: bool = False
) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds and peak RSS (bytes) of ``cmd``.

    With ``stream``, stderr is read as it comes and each line is stamped with the seconds
    since the start: ``proc.stamps`` lists ``(seconds, line)``.
    """
    gnu_time = Path("/usr/bin/time").exists()
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        stats = tf.name
    full = ["/usr/bin/time", "-v", "-o", stats, *cmd] if gnu_time else cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    stamps: list[tuple[float, str]] = []
    if stream:
        with subprocess.Popen(
            full,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
            bufsize=1,
        ) as p:
            assert p.stderr is not None and p.stdout is not None
            tree = _TreeMemory(p.pid)
            err_lines = []
            for line in p.stderr:
                stamps.append((time.perf_counter() - t0, line.rstrip("\n")))
                err_lines.append(line)
            out_text = p.stdout.read()
            p.wait()
            tree.stop()
        proc = subprocess.CompletedProcess(full, p.returncode, out_text, "".join(err_lines))
    else:
        proc = subprocess.run(full, capture_output=True, text=True, cwd=ROOT, env=env)
        tree = None
    wall = time.perf_counter() - t0
    proc.stamps = stamps  # type: ignore[attr-defined]
    proc.tree = tree  # type: ignore[attr-defined]
    peak = 0.0
    if gnu_time:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", Path(stats).read_text())
        peak = float(m.group(1)) * 1024 if m else 0.0
    else:  # peak of all children so far: exact only when it grew
        peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) * 1024.0
    os.unlink(stats)
    return wall, peak, proc


def _cli_stages(proc: subprocess.CompletedProcess, wall: float) -> list[tuple[str, float]]:
    """Seconds between procmine's progress messages (``procmine: X …``) in a CLI run."""
    marks = [
        (t, line.removeprefix("procmine: ").rstrip(" …"))
        for t, line in getattr(proc, "stamps", [])
        if line.startswith("procmine: ")
    ]
    if not marks:
        return []
    out = [("start-up + imports", marks[0][0])]
    for (t, name), (t_next, _) in zip(marks, [*marks[1:], (wall, "")], strict=True):
        out.append((name, t_next - t))
    return out


def _cli(label: str, folder: Path, out: Path, target: str) -> float:
    shutil.rmtree(out, ignore_errors=True)
    ld = os.getloadavg()[0]
    wall, peak, proc = _timed([PROCMINE, "analyze", str(folder), "--out", str(out)], stream=True)
    note = (
        ""
        if proc.returncode == 0
        else f"exit {proc.returncode}: {proc.stderr.strip().splitlines()[-1][:160]}"
    )
    if proc.returncode == 0:
        note = (
            proc.stdout.strip().splitlines()[-1].split(". Report")[0][:150]
            if proc.stdout.strip()
            else ""
        )
    tree = getattr(proc, "tree", None)
    if tree is not None and tree.pss:
        # the CLI may fork helper processes: the run's memory is their sum (PSS, sampled)
        note += (
            f"; peak summed PSS {tree.pss / GB:.2f} GB over up to {tree.processes} "
            f"processes (summed RSS {tree.rss / GB:.2f} GB, largest one process "
            f"{peak / GB:.2f} GB)"
        )
        peak = max(peak, tree.pss)
    row(label, "procmine analyze (CLI, whole)", wall, peak, ld, target, note)
    for name, seconds in _cli_stages(proc, wall):
        row(label, f"  cli: {name.split(' (')[0][:29]}", seconds, None, None)
    return wall


# ----------------------------------------------------------------------------- report


def _size(text: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([kKmM]?)", text)
    if not m:
        raise argparse.ArgumentTypeError(f"size {text!r}: use e.g. 100k, 1M, 5M or 250000")
    return int(
        float(m.group(1)) * {"": 1, "k": 10**3, "K": 10**3, "m": 10**6, "M": 10**6}[m.group(2)]
    )


def _label(n: int) -> str:
    return f"{n / 10**6:g}M" if n >= 10**6 else f"{n / 10**3:g}k"


ROWS: list[tuple] = []


def row(
    events: str,
    what: str,
    seconds: float | None,
    peak: float | None,
    load: float | None,
    target: str = "",
    note: str = "",
) -> None:
    ROWS.append((events, what, seconds, peak, load, target, note))
    sec = "—" if seconds is None else f"{seconds:8.2f}"
    mem = "—" if not peak else f"{peak / GB:6.2f}"
    ld = "—" if load is None else f"{load:4.1f}"
    print(
        f"| {events:>8} | {what:<34} | {sec:>8} | {mem:>6} | {ld:>4} | {target:<28} | {note} |",
        flush=True,
    )


def header() -> None:
    print(
        "| events   | stage                              |  seconds | RSS GB | load | issue 7 target               | note |"
    )
    print("|---:|---|---:|---:|---:|---|---|")


def _profile_here(args: argparse.Namespace, label: str) -> bool:
    """Whether ``--profile-size`` names this run (a size such as 1M, or ``bpic15``)."""
    if args.profile_size == "bpic15":
        return label == "bpic15"
    return label != "bpic15" and _label(_size(args.profile_size)) == label


def bench_size(n: int, work: Path, args: argparse.Namespace) -> None:
    label = _label(n)
    folder = work / f"city_{label}"
    if not (folder.exists() and any(folder.glob("*.parquet"))):
        g = generate(n, folder)
        print(
            f"# generated {label}: {g['events']:,} events, {g['mb']:.1f} MB Parquet in {g['seconds']:.1f} s "
            f"(generator peak {g['peak_gb']:.2f} GB) → {folder}",
            file=sys.stderr,
            flush=True,
        )
    if not args.no_stages:
        res, wall, peak, ld = _child(
            "stages",
            str(folder),
            str(work / f"out_{label}"),
            ",".join(args.profile) if _profile_here(args, label) else "",
        )
        row(label, "import procmine stages", res["imports"], None, ld)
        total = 0.0
        for name in STAGES:
            st = res["stages"].get(name)
            if st is None:
                continue
            if "seconds" not in st:
                row(label, name, None, None, None, note=st.get("error", ""))
                continue
            in_analyze = name in ANALYZE_STAGES or (
                name == "journeys" and res["journeys_in_analyze"]
            )
            if in_analyze:
                total += st["seconds"]
            mark = "" if st["peak_exact"] else "≤"
            note = f"cpu {st['cpu']:.1f} s, RSS after {st['rss'] / GB:.2f} GB{(' peak so far' if mark else '')}"
            if st["error"]:
                note += f"; FAILED {st['error']}"
            if not in_analyze:
                note += "; not run by procmine.analyze, not summed"
            row(label, name, st["seconds"], st["peak"], st["load"], note=note)
        row(
            label,
            "sum of analyze stages",
            total,
            peak,
            None,
            note=f"child process peak; {res['summary']}",
        )
        STATE.setdefault(n, {})["stages"] = total
    if not args.no_cli:
        target = {10**6: "well under 15 s", 5 * 10**6: "≤ 1.0 × baseline, ≤ 4 GB"}.get(n, "")
        STATE.setdefault(n, {})["cli"] = _cli(label, folder, work / f"cli_{label}", target)
    if not args.no_baseline:
        res, wall, peak, ld = _child("baseline", str(folder))
        note = (
            f"read {res['read']:.2f} + format {res['format_dataframe']:.2f} + dfg {res['discover_dfg']:.2f} "
            f"+ perf dfg {res['discover_performance_dfg']:.2f} s; import pm4py {res['imports']:.2f} s"
        )
        row(label, "pm4py baseline (whole process)", wall, peak, ld, "", note)
        st = STATE.setdefault(n, {})
        if "cli" in st:
            row(
                label,
                "ratio CLI / baseline",
                st["cli"] / wall,
                None,
                None,
                "≤ 1.0 at 5M" if n >= 5 * 10**6 else "",
                "whole process vs whole process",
            )
        if "stages" in st:
            row(
                label,
                "ratio stages / baseline compute",
                st["stages"] / res["compute"],
                None,
                None,
                "",
                "sum of analyze stages vs format+dfg+perf dfg",
            )


STATE: dict[int, dict] = {}


def bench_bpic(work: Path, args: argparse.Namespace) -> None:
    if not BPIC15.is_dir() or not any(BPIC15.iterdir()):
        print(f"# {BPIC15} absent: BPIC 2015 skipped", file=sys.stderr)
        return
    _cli("bpic15", BPIC15, work / "cli_bpic15", "≤ 30 s")
    if args.bpic_stages:
        res, *_ = _child(
            "stages",
            str(BPIC15),
            str(work / "out_bpic15"),
            ",".join(args.profile) if _profile_here(args, "bpic15") else "",
        )
        for name in STAGES:
            st = res["stages"].get(name)
            if st and "seconds" in st:
                row(
                    "bpic15",
                    name,
                    st["seconds"],
                    st["peak"],
                    st["load"],
                    note=f"cpu {st['cpu']:.1f} s"
                    + (f"; FAILED {st['error']}" if st["error"] else ""),
                )


def bench_help() -> None:
    times = []
    ld = os.getloadavg()[0]
    peak = 0.0
    for _ in range(5):
        wall, p, _proc = _timed([PROCMINE, "--help"])
        times.append(wall)
        peak = max(peak, p)
    row(
        "—",
        "procmine --help",
        min(times),
        peak,
        ld,
        "< 0.5 s",
        f"median of 5: {statistics.median(times):.2f} s",
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--_stages":
        print(json.dumps(run_stages(argv[1], argv[2], argv[3].split(",") if argv[3] else [])))
        return 0
    if argv and argv[0] == "--_baseline":
        print(json.dumps(run_baseline(argv[1])))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sizes", nargs="+", default=["100k", "1M"], help="events per city (100k, 1M, 5M …)"
    )
    ap.add_argument(
        "--keep", type=Path, help="work folder to keep (default: a temp folder, removed)"
    )
    ap.add_argument("--no-stages", action="store_true")
    ap.add_argument("--no-cli", action="store_true")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--no-bpic", action="store_true")
    ap.add_argument("--bpic-stages", action="store_true", help="also time BPIC 2015 stage by stage")
    ap.add_argument("--no-help-timing", action="store_true")
    ap.add_argument(
        "--profile",
        nargs="+",
        choices=STAGES,
        default=[],
        help="profile these stages (pyinstrument, else cProfile)",
    )
    ap.add_argument("--profile-size", default="1M", help="the size to profile (e.g. 1M), or bpic15")
    args = ap.parse_args(argv)
    sizes = [_size(s) for s in args.sizes]
    work = args.keep or Path(tempfile.mkdtemp(prefix="procmine-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M:%S %Z')}  cores {os.cpu_count()}  "
        f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())}  work {work}",
        flush=True,
    )
    header()
    try:
        if not args.no_help_timing:
            bench_help()
        for n in sizes:
            bench_size(n, work, args)
        if not args.no_bpic:
            bench_bpic(work, args)
    finally:
        print(
            f"# done {time.strftime('%H:%M:%S')}  load {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
            flush=True,
        )
        if args.profile:
            where = "bpic15" if args.profile_size == "bpic15" else _label(_size(args.profile_size))
            print(f"# profiles in {work}/out_{where}/profile_*", flush=True)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
