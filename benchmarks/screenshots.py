"""Render the sample city's report in headless Chromium, for people to look at.

Usage::

    .venv/bin/python benchmarks/screenshots.py [INPUT] [--out reports/screenshots]
                                               [--lang ja --lang en] [--width 1366]

Runs ``procmine analyze INPUT`` (default ``sample_logs``) once per language into a
temporary folder and saves, under ``--out`` (git-ignored ``reports/screenshots``):

* ``<lang>-top.png``: the first screen of report.html at ``--width`` × 1800 px;
* ``<lang>-<section>[-<n>].png``: each section alone (the others hidden), trimmed of the
  blank bottom and cut into tiles of at most 2,000 px height;
* ``<lang>-report.pdf``: the report printed on A4, and ``<lang>-pdf-<page>.png`` for its
  first pages when ``pdftoppm`` (poppler-utils) is installed;
* with ``--sizes 20,40,60``: ``maps-<n>.png``, the map of a made-up department with ``n``
  activities (branches, loops, duplicated activities), to check that large maps stay
  readable.

Prints the path of every file written. Needs ``/usr/bin/chromium`` (Debian package
``chromium``) and Pillow (installed with pm4py) for trimming and tiling.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
TILE = 2000
SECTION = re.compile(r'<section id="([\w-]+)"')


def chromium(url: str, profile: Path, *args: str, timeout: float = 120) -> None:
    """Run headless Chromium once with a throw-away profile."""
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, url]
    subprocess.run(cmd, check=True, timeout=timeout, capture_output=True)


def trim_and_tile(png: Path, stem: Path) -> list[Path]:
    """Cut the blank bottom off ``png`` and split it into tiles of at most :data:`TILE` px."""
    from PIL import Image, ImageChops

    with Image.open(png) as img:
        rgb = img.convert("RGB")
    background = Image.new("RGB", rgb.size, (255, 255, 255))
    box = ImageChops.difference(rgb, background).getbbox()
    bottom = min(rgb.height, (box[3] + 24) if box else 1)
    rgb = rgb.crop((0, 0, rgb.width, bottom))
    tiles = []
    for i, top in enumerate(range(0, bottom, TILE)):
        tile = stem.with_name(f"{stem.name}-{i + 1}.png" if bottom > TILE else f"{stem.name}.png")
        rgb.crop((0, top, rgb.width, min(bottom, top + TILE))).save(tile, optimize=True)
        tiles.append(tile)
    png.unlink()
    return tiles


def section_views(report: Path, work: Path) -> dict[str, Path]:
    """One copy of report.html per section showing only that section; the maps section
    gives one view per department (its map and its activity table)."""
    html = report.read_text("utf-8")
    hide = "header, nav.toc, footer, main > section { display: none !important; }"
    rules = {}
    for anchor in SECTION.findall(html):
        if anchor != "maps":
            rules[anchor] = f"main > section#{anchor} {{ display: block !important; }}"
            continue
        for n in re.findall(r'<figure class="map" id="m(\d+)"', html):
            rules[f"maps-{int(n):02d}"] = (
                "section#maps > * { display: none !important; } "
                f"main > section#maps, section#maps > #map-{n}, section#maps > figure#m{n}, "
                f"section#maps > figure#m{n} + .table-wrap {{ display: block !important; }}"
            )
    views = {}
    for name, rule in rules.items():
        view = work / f"view-{name}.html"
        view.write_text(html.replace("</head>", f"<style>{hide} {rule}</style></head>", 1), "utf-8")
        views[name] = view
    return views


def shoot(inputs: str, lang: str, out: Path, work: Path, width: int) -> list[Path]:
    """Analyse ``inputs`` in ``lang`` and write every picture of its report into ``out``."""
    report_dir = work / f"report-{lang}"
    subprocess.run(
        [sys.executable, "-m", "procmine", "analyze", inputs, "--out", str(report_dir),
         "--lang", lang, "--quiet", "--force"],
        check=True,
    )  # fmt: skip
    report = report_dir / "report.html"
    profile = work / "profile"
    made: list[Path] = []

    top = out / f"{lang}-top.png"
    chromium(report.as_uri(), profile, f"--window-size={width},1800", f"--screenshot={top}")
    made.append(top)

    for anchor, view in section_views(report, work).items():
        raw = work / f"{lang}-{anchor}.png"
        chromium(view.as_uri(), profile, f"--window-size={width},16000", f"--screenshot={raw}")
        made += trim_and_tile(raw, out / f"{lang}-{anchor}")

    pdf = out / f"{lang}-report.pdf"
    chromium(
        report.as_uri(), profile, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
        "--run-all-compositor-stages-before-draw",
    )  # fmt: skip
    made.append(pdf)
    if shutil.which("pdftoppm"):
        prefix = out / f"{lang}-pdf"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "8", str(pdf), str(prefix)],
            check=True,
        )
        made += sorted(out.glob(f"{lang}-pdf-*.png"))
    return made


_SUBJECTS = ("児童手当", "国民健康保険", "介護保険", "住民票", "印鑑登録", "就学援助",
             "障害者手帳", "生活保護", "後期高齢者医療", "子ども医療費")  # fmt: skip
_STEPS = (
    "申請書記入",
    "申請受付",
    "本人確認",
    "所得照会",
    "審査",
    "決定",
    "台帳登録",
    "通知書発送",
)


def synthetic_analysis(sizes: list[int]) -> object:
    """An analysis of made-up departments with ``sizes`` activities each (maps only)."""
    import networkx as nx
    import pandas as pd

    from procmine.analysis import Analysis
    from procmine.model import Dataset, ProcessMap

    maps, members = {}, []
    for size in sizes:
        dept = f"架空課{size}"
        g = nx.DiGraph()
        labels = [f"{_SUBJECTS[i // len(_STEPS) % len(_SUBJECTS)]}{_STEPS[i % len(_STEPS)]}"
                  for i in range(size)]  # fmt: skip
        for i, name in enumerate(labels):
            g.add_node(name, events=1000 - 15 * i, cases=900, median_minutes=3.0 + i % 7,
                       total_hours=(1000 - 15 * i) * (3 + i % 7) / 60, performer="staff",
                       start=500 if i == 0 else 0, end=300 if i >= size - 3 else 0)  # fmt: skip
        for i in range(size - 1):
            g.add_edge(labels[i], labels[i + 1], count=900 - 10 * i, median_wait_minutes=5.0)
            if i % 3 == 0 and i + 2 < size:
                g.add_edge(labels[i], labels[i + 2], count=40, median_wait_minutes=5.0)
            if i % 5 == 4:
                g.add_edge(labels[i], labels[i - 3], count=12, median_wait_minutes=5.0)
        members += [(1, dept, labels[2]), (2, dept, labels[4]), (3, dept, labels[size // 2])]
        maps[dept] = ProcessMap(dept, g, pd.DataFrame(), pd.DataFrame(), 900, 900 * size)
    clusters = pd.DataFrame(members, columns=["cluster", "department", "activity"])
    empty = pd.DataFrame()
    return Analysis(Dataset({}, [], []), maps, empty, empty, clusters, empty, {})


def shoot_sizes(sizes: list[int], out: Path, work: Path, width: int) -> list[Path]:
    """Write the synthetic report and screenshot each of its maps alone."""
    from procmine.report import write_report

    report_dir = work / "synthetic"
    write_report(synthetic_analysis(sizes), report_dir, force=True)  # type: ignore[arg-type]
    html = (report_dir / "report.html").read_text("utf-8")
    made = []
    for i, size in enumerate(sizes, start=1):
        css = (
            "<style>header, nav.toc, footer, main > section, section#maps > *, "
            "section#maps .table-wrap { display: none !important; } "
            f"main > section#maps, figure#m{i} {{ display: block !important; }}</style></head>"
        )
        view = work / f"synthetic-{size}.html"
        view.write_text(html.replace("</head>", css, 1), "utf-8")
        raw = work / f"maps-{size}.png"
        chromium(view.as_uri(), work / "profile", f"--window-size={width},16000",
                 f"--screenshot={raw}")  # fmt: skip
        made += trim_and_tile(raw, out / f"maps-{size}")
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", default="sample_logs")
    parser.add_argument("--out", default="reports/screenshots")
    parser.add_argument("--lang", action="append", choices=["ja", "en"])
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--sizes", help="also draw made-up maps of these sizes, e.g. 20,40,60")
    parser.add_argument("--no-report", action="store_true", help="skip the sample's report")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} not found: install Debian's chromium package")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="procmine-shots-") as tmp:
        if args.sizes:
            sizes = [int(x) for x in args.sizes.split(",")]
            for path in shoot_sizes(sizes, out, Path(tmp), args.width):
                print(path)
        for lang in [] if args.no_report else args.lang or ["ja", "en"]:
            for path in shoot(args.input, lang, out, Path(tmp), args.width):
                print(path)
    print(f"done in {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
