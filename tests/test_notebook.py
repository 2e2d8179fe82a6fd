"""The notebook API: rich displays, and examples/walkthrough.ipynb run top to bottom."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from procmine.analysis import Analysis
from procmine.errors import ConfigError
from procmine.model import Dataset, ProcessMap
from procmine.report import notebook

REPO = Path(__file__).resolve().parent.parent
WALKTHROUGH = REPO / "examples" / "walkthrough.ipynb"
XSS = '<img src=x onerror="alert(1)">'


def small_analysis() -> Analysis:
    g = nx.DiGraph()
    g.add_node("受付", events=10, median_minutes=5.0, total_hours=0.8, performer="staff")
    g.add_node(XSS, events=10, median_minutes=3.0, total_hours=0.5, performer="resident")
    g.add_node("審査", events=8, median_minutes=9.0, total_hours=1.2, performer="staff")
    g.add_edge("受付", XSS, count=10)
    g.add_edge(XSS, "審査", count=8)
    h = nx.DiGraph()
    h.add_node("本人確認", events=5, median_minutes=4.0, total_hours=0.3, performer="staff")
    maps = {
        "市民課": ProcessMap("市民課", g, pd.DataFrame(), pd.DataFrame(), 10, 28),
        "税務課": ProcessMap("税務課", h, pd.DataFrame(), pd.DataFrame(), 5, 5),
    }
    clusters = pd.DataFrame(
        {"cluster": [1, 1], "department": ["市民課", "税務課"], "activity": [XSS, "本人確認"]}
    )
    duplicates = pd.DataFrame(
        {
            "department_a": ["市民課"],
            "activity_a": [XSS],
            "department_b": ["税務課"],
            "activity_b": ["本人確認"],
            "score": [0.9],
            "cluster": [1],
            "evidence": ["<script>x</script>"],
        }
    )
    silos = pd.DataFrame(
        {
            "field": ["住所", "住所"],
            "department": ["市民課", "税務課"],
            "column": ["住所", "<b>現住所</b>"],
            "inconsistency_rate": [0.0, 0.25],
            "authoritative": [True, False],
            "examples": ["光陽市本町1-2-3", "光陽市本町１－２－３"],
        }
    )
    candidates = pd.DataFrame(
        {
            "rank": [1],
            "title": ["<script>alert(2)</script>"],
            "principle": ["matasenai"],
            "departments": ["市民課 / 税務課"],
            "activities": [f"市民課:{XSS} / 税務課:本人確認"],
            "hours_saved_per_year": [12.5],
        }
    )
    return Analysis(
        Dataset({}, [], []), maps, silos, duplicates, clusters, candidates, {"lang": "ja"}
    )


def _no_markup_from_input(html: str) -> None:
    assert "<script" not in html and "<img" not in html and "<b>" not in html


def test_map_view_draws_inline_svg_with_the_cluster_colour():
    view = notebook.map_view(small_analysis(), "市民課")
    html = view._repr_html_()
    assert html.count("<svg") == 1 and "<?xml" not in html
    assert "#e69f00" in html.lower()  # cluster 1 in the palette
    assert view._repr_svg_().lstrip().startswith("<?xml")
    _no_markup_from_input(html)
    assert repr(view) == "<MapView 市民課: 3 activities>"


def test_map_view_of_an_unknown_department_names_the_known_ones():
    with pytest.raises(ConfigError, match="市民課, 税務課"):
        notebook.map_view(small_analysis(), "福祉課")


def test_cluster_view_lists_members_pairs_and_map_excerpts():
    view = notebook.cluster_view(small_analysis(), 1)
    assert list(view.members["department"]) == ["市民課", "税務課"]
    assert len(view.pairs) == 1
    assert sorted(view.maps) == ["市民課", "税務課"]
    excerpt = view.maps["市民課"].pmap.graph
    assert set(excerpt.nodes) == {"受付", XSS, "審査"}  # the activity and its neighbours
    html = view._repr_html_()
    assert html.count("<svg") == 2 and "C1" in html
    _no_markup_from_input(html)
    with pytest.raises(ConfigError, match="clusters: 1"):
        notebook.cluster_view(small_analysis(), 7)


def test_silo_view_shows_copies_and_rates_but_no_values():
    view = notebook.silo_view(small_analysis(), "住所")
    assert "examples" not in view.copies.columns
    html = view._repr_html_()
    assert "25.0%" in html and "市民課" in html
    assert "光陽市本町" not in html
    _no_markup_from_input(html)
    with pytest.raises(ConfigError, match="fields: 住所"):
        notebook.silo_view(small_analysis(), "氏名")


def test_analysis_html_has_summary_cards_and_top_candidates_without_links():
    html = notebook.analysis_html(small_analysis())
    assert 'class="stats"' in html and "12.5" in html
    assert "待たせない" in html and "重複業務クラスタ" in html
    assert "<a " not in html and "href" not in html
    _no_markup_from_input(html)
    english = notebook.analysis_html(small_analysis(), lang="en")
    assert "Consolidation candidates" in english and "重複業務クラスタ" not in english


# ----------------------------------------------------------------------------- walkthrough
def test_walkthrough_notebook_runs_top_to_bottom(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")

    # The notebook reads ../sample_logs and writes ../reports/walkthrough: run it from a
    # folder beside a link to the sample, so nothing is written into the repository.
    (tmp_path / "examples").mkdir()
    (tmp_path / "sample_logs").symlink_to(REPO / "sample_logs", target_is_directory=True)
    nb = nbformat.read(WALKTHROUGH, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path / "examples")}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell

    outputs = "\n".join(
        str(out.get("data", {}).get("text/html", ""))
        + str(out.get("text", ""))
        + str(out.get("data", {}).get("text/plain", ""))
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )
    assert "procmine · " in outputs and 'class="stats"' in outputs  # the analysis summary
    assert outputs.count("<svg") >= 2  # a map and the cluster's map excerpts
    assert "report.xlsx" in outputs and "report.html" in outputs
    assert (tmp_path / "reports" / "walkthrough" / "report.html").is_file()
    assert not any(
        out.get("output_type") == "error" for c in nb.cells for out in c.get("outputs", [])
    )
    assert not re.search(r"Traceback|Error:", outputs)


def test_procmine_discover_stays_the_function_once_the_submodule_is_imported() -> None:
    """``procmine.discover(log)`` after ``procmine.analyze`` (which imports the submodule
    procmine.discover) — run in a fresh interpreter, where nothing imported it yet."""
    import subprocess
    import sys

    code = (
        "import procmine, procmine.discover\n"
        "from procmine.discover import discover_all\n"
        "assert callable(procmine.discover) and procmine.discover.__name__ == 'discover'\n"
        "assert callable(discover_all)\n"
        "print('ok')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"
