"""Process maps as Graphviz DOT and SVG.

:func:`map_dot` writes the DOT source of one department's map: activities with their event
count and median minutes, transitions with their count (line width by frequency), start and
end markers, and duplicated activities filled in one colour per cluster. :func:`render_svg`
lays it out with Graphviz's ``dot`` program.

Colours come from the Okabe–Ito palette, which stays distinguishable for the common forms of
colour blindness; every highlighted activity also carries its cluster number (``C3``) so the
map does not rely on colour alone.

Examples
--------
>>> import networkx as nx, pandas as pd
>>> from procmine.model import ProcessMap
>>> g = nx.DiGraph()
>>> g.add_node("受付", events=10, median_minutes=5.0, start=10)
>>> g.add_node("審査", events=10, median_minutes=12.5, end=10)
>>> g.add_edge("受付", "審査", count=10)
>>> pmap = ProcessMap("市民課", g, pd.DataFrame(), pd.DataFrame(), cases=10, events=20)
>>> dot = map_dot(pmap, highlight={"審査": 1}, lang="en")
>>> 'rankdir="LR"' in dot, "dup. C1" in dot, 'fontname="Noto Sans CJK JP"' in dot
(True, True, True)
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from procmine.errors import ProcmineError
from procmine.report.i18n import strings
from procmine.report.values import fmt_int, fmt_num, number

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from procmine.model import ProcessMap

#: Okabe–Ito colour-blind-safe palette (black left out), used in cluster order.
PALETTE: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
)
FONT = "Noto Sans CJK JP"
#: Maps with more nodes than this are drawn top-to-bottom, smaller ones left-to-right.
LR_MAX_NODES = 10
#: Default number of transitions drawn before rare ones are hidden.
MAX_EDGES = 40
#: Default number of activities drawn before the least frequent are hidden.
MAX_NODES = 40


def cluster_colours(cluster: int) -> tuple[str, str]:
    """Return ``(fill, text colour)`` for a duplicate cluster.

    The fill cycles through :data:`PALETTE`; the text colour (black or white) is the one
    with the higher contrast on that fill.

    Examples
    --------
    >>> cluster_colours(1)
    ('#E69F00', '#000000')
    >>> cluster_colours(5)
    ('#0072B2', '#FFFFFF')
    """
    fill = PALETTE[(int(cluster) - 1) % len(PALETTE)]
    return fill, _text_colour(fill)


def _text_colour(fill: str) -> str:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    on_black = (lum + 0.05) / 0.05
    on_white = 1.05 / (lum + 0.05)
    return "#000000" if on_black >= on_white else "#FFFFFF"


def edge_floor(graph: nx.DiGraph, *, max_edges: int = MAX_EDGES) -> int:
    """Return the smallest transition count still drawn (0 when every edge is drawn).

    When the graph has more than ``max_edges`` edges, the rarest are hidden so that at most
    ``max_edges`` remain; edges with the same count are kept or hidden together (if that
    would hide every edge, all are drawn).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_edges_from([("a", "b", {"count": 9}), ("b", "c", {"count": 5}),
    ...                   ("c", "a", {"count": 1})])
    >>> edge_floor(g, max_edges=3), edge_floor(g, max_edges=2), edge_floor(g, max_edges=1)
    (0, 5, 9)
    """
    return _floor([_count(d) for _, _, d in graph.edges(data=True)], max_edges)


def _floor(counts: list[int], limit: int) -> int:
    if limit < 1:
        raise ValueError("the number of edges or activities to draw must be at least 1")
    counts = sorted(counts, reverse=True)
    if len(counts) <= limit:
        return 0
    kept = [c for c in counts if c > counts[limit]]
    return kept[-1] if kept else 0


def visible_activities(
    graph: nx.DiGraph, *, max_nodes: int = MAX_NODES, keep: Iterable[str] = ()
) -> list[Any]:
    """Activities drawn on a map: all of them, or the ``max_nodes`` with most events.

    Activities in ``keep`` (the duplicated ones) are always drawn. The graph's order is kept.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_nodes_from([("a", {"events": 5}), ("b", {"events": 1}), ("c", {"events": 9})])
    >>> visible_activities(g, max_nodes=2), visible_activities(g, max_nodes=2, keep=["b"])
    (['a', 'c'], ['b', 'c'])
    """
    nodes = list(graph.nodes)
    if len(nodes) <= max_nodes:
        return nodes
    keep = set(keep)
    ranked = sorted(
        (n for n in nodes if n not in keep),
        key=lambda n: (-(number(graph.nodes[n].get("events")) or 0.0), str(n)),
    )
    chosen = keep | set(ranked[: max(max_nodes - len(keep), 0)])
    return [n for n in nodes if n in chosen]


def _count(data: Mapping[str, Any]) -> int:
    x = number(data.get("count"))
    return 0 if x is None else round(x)


def map_dot(
    pmap: ProcessMap,
    *,
    highlight: Mapping[str, int] | None = None,
    lang: Literal["ja", "en"] = "ja",
    max_nodes: int = MAX_NODES,
    max_edges: int = MAX_EDGES,
    rankdir: Literal["auto", "LR", "TB"] = "auto",
) -> str:
    """Return the Graphviz DOT source of a department's process map.

    Parameters
    ----------
    pmap : ProcessMap
        The department's map; node attributes ``events``, ``median_minutes``, ``start`` and
        ``end`` and edge attribute ``count`` are used when present.
    highlight : Mapping[str, int], optional
        Duplicated activities: activity label → cluster number. These are filled with the
        cluster's colour, labelled ``C<n>`` and always drawn.
    lang : {"ja", "en"}, default "ja"
        Language of the node statistics, markers and caption.
    max_nodes : int, default 40
        Draw at most this many activities (those with the most events, plus every
        highlighted one); a caption says how many are hidden.
    max_edges : int, default 40
        Draw at most this many transitions; rarer ones are hidden and a caption says so.
    rankdir : {"auto", "LR", "TB"}, default "auto"
        Layout direction; ``"auto"`` draws maps of up to 10 activities left-to-right and
        larger ones top-to-bottom.

    Returns
    -------
    str
        DOT source (UTF-8 text), the same for the same map.
    """
    t = strings(lang)
    if rankdir not in ("auto", "LR", "TB"):
        raise ValueError(f"rankdir must be 'auto', 'LR' or 'TB', not {rankdir!r}")
    graph = pmap.graph
    highlight = dict(highlight or {})
    nodes = visible_activities(
        graph, max_nodes=max_nodes, keep=[n for n in graph.nodes if n in highlight]
    )
    if rankdir == "auto":
        rankdir = "LR" if len(nodes) <= LR_MAX_NODES else "TB"
    ids = {node: f"n{i}" for i, node in enumerate(nodes)}

    lines = [
        f"digraph {_q(pmap.department)} {{",
        f'  graph [rankdir="{rankdir}", fontname="{FONT}", fontsize=11, nodesep=0.3, '
        'ranksep=0.3, pad=0.1, bgcolor="white"];',
        f'  node [fontname="{FONT}", fontsize=11, shape=box, style="rounded,filled", '
        'fillcolor="#F4F4F4", color="#555555", margin="0.12,0.06"];',
        f'  edge [fontname="{FONT}", fontsize=9, color="#666666", fontcolor="#333333", '
        "arrowsize=0.6];",
    ]

    starts: list[tuple[str, int | None]] = []
    ends: list[tuple[str, int | None]] = []
    for node in nodes:
        data = graph.nodes[node]
        lines.append(f"  {ids[node]} [{', '.join(_node_attrs(node, data, highlight, t))}];")
        for marker, bucket in (("start", starts), ("end", ends)):
            flag = _marker(data.get(marker))
            if flag is not False:
                bucket.append((ids[node], flag))

    marker = (
        'shape=oval, style=filled, fillcolor="#333333", fontcolor="#FFFFFF", '
        'color="#333333", fontsize=10'
    )
    if starts:  # first rank, so the map reads from its start
        lines.append(f"  {{ rank=source; start [label={_q(t['map_start'])}, {marker}]; }}")
    if ends:  # last rank
        lines.append(f"  {{ rank=sink; end [label={_q(t['map_end'])}, {marker}]; }}")

    edges = [(u, v, d) for u, v, d in graph.edges(data=True) if u in ids and v in ids]
    floor = _floor([_count(d) for _, _, d in edges], max_edges)
    top = max((_count(d) for _, _, d in edges), default=0)
    shown = 0
    for u, v, data in edges:
        count = _count(data)
        if count < floor:
            continue
        shown += 1
        width = 1.0 + 4.0 * math.sqrt(count / top) if top > 0 else 1.0
        lines.append(f"  {ids[u]} -> {ids[v]} [label={_q(fmt_int(count))}, penwidth={width:.2f}];")
    for node_id, flag in starts:
        label = f", label={_q(fmt_int(flag))}" if flag is not None else ""
        lines.append(f'  start -> {node_id} [style=dashed, color="#999999"{label}];')
    for node_id, flag in ends:
        label = f", label={_q(fmt_int(flag))}" if flag is not None else ""
        lines.append(f'  {node_id} -> end [style=dashed, color="#999999"{label}];')

    captions = []
    total_nodes = graph.number_of_nodes()
    if len(nodes) < total_nodes:
        captions.append(
            t["map_hidden_nodes"].format(
                hidden=fmt_int(total_nodes - len(nodes)),
                shown=fmt_int(len(nodes)),
                total=fmt_int(total_nodes),
            )
        )
    if floor:
        captions.append(
            t["map_hidden_edges"].format(
                floor=fmt_int(floor),
                hidden=fmt_int(len(edges) - shown),
                shown=fmt_int(shown),
                total=fmt_int(len(edges)),
            )
        )
    if captions:
        caption = _q("\n".join(captions) + "\n").replace("\\n", "\\l")  # left-aligned lines
        lines.append(f'  graph [label={caption}, labelloc="b", labeljust="l", fontsize=10];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node_attrs(
    node: Any, data: Mapping[str, Any], highlight: Mapping[str, int], t: Mapping[str, str]
) -> list[str]:
    events = number(data.get("events"))
    minutes = number(data.get("median_minutes"))
    stats = []  # one line under the name: events × minutes, and the duplicate cluster
    if events is not None and minutes is not None:
        stats.append(t["map_node_stats"].format(events=fmt_int(events), minutes=fmt_num(minutes)))
    elif events is not None:
        stats.append(t["map_node_events"].format(events=fmt_int(events)))
    cluster = int(highlight[node]) if node in highlight else None
    if cluster is not None:
        stats.append(t["map_dup"].format(cluster=cluster))
    label = "\n".join([_wrap(str(node)), t["map_sep"].join(stats)] if stats else [_wrap(str(node))])
    if cluster is None:
        return [f"label={_q(label)}", f"tooltip={_q(str(node))}"]
    fill, ink = cluster_colours(cluster)
    return [
        f"label={_q(label)}",
        f"tooltip={_q(str(node))}",
        f'fillcolor="{fill}"',
        f'fontcolor="{ink}"',
        'color="#222222"',
        "penwidth=2",
    ]


def _marker(value: Any) -> int | Literal[False] | None:
    """``start``/``end`` attribute → count (int), ``None`` (true, no count) or False."""
    if isinstance(value, bool):
        return None if value else False
    x = number(value)
    if x is None:
        return False
    return round(x) if x > 0 else False


def _q(text: str) -> str:
    r"""Quote ``text`` as a DOT string; ``\n`` in the text becomes a line break.

    Backslashes and quotes are escaped, and ``&`` is written as ``&amp;`` because Graphviz
    reads HTML entities inside ordinary labels.
    """
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def _wrap(label: str, width: int = 16) -> str:
    """Break long labels: at spaces when there are any, else every ``width`` characters."""
    if len(label) <= width + 4:
        return label
    if " " in label.strip():
        out: list[str] = []
        line = ""
        for word in label.split():
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
        return "\n".join(out)
    return "\n".join(label[i : i + width] for i in range(0, len(label), width))


def render_svg(dot: str) -> str:
    """Lay out DOT source with Graphviz and return the SVG text.

    Raises
    ------
    ProcmineError
        If Graphviz's ``dot`` program is not installed, or cannot lay out the source.
    """
    import graphviz

    try:
        svg = graphviz.Source(dot).pipe(format="svg", encoding="utf-8", quiet=True)
    except graphviz.ExecutableNotFound:
        raise ProcmineError(
            "Graphviz's 'dot' program was not found; install it "
            "(apt-get install graphviz, brew install graphviz or winget install graphviz) "
            "and run again"
        ) from None
    except graphviz.CalledProcessError as err:
        detail = (err.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise ProcmineError(
            f"Graphviz could not draw a process map: {detail[0] if detail else err}"
        ) from None
    return str(svg)


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\s]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(10)}


def safe_filename(name: str, *, max_chars: int = 60) -> str:
    """Return ``name`` as a readable file name that every common file system accepts.

    Japanese and other letters are kept; characters Windows or POSIX forbid, whitespace and
    control characters become ``_``; leading dots are removed; reserved Windows names get
    a trailing ``_``. The result is never empty.

    Examples
    --------
    >>> safe_filename("市民課"), safe_filename("Tax / 税務"), safe_filename("..")
    ('市民課', 'Tax_税務', 'department')
    >>> safe_filename("CON")
    'CON_'
    """
    text = unicodedata.normalize("NFC", str(name))
    text = _UNSAFE.sub("_", text).strip("._ ")
    text = text[:max_chars].rstrip("._ ")
    if not text:
        return "department"
    if text.split(".")[0].upper() in _RESERVED:
        text += "_"
    return text


def map_filenames(departments: Iterable[str]) -> dict[str, str]:
    """Give each department a distinct file stem for its map (case-insensitively distinct).

    Departments are taken in sorted order; a stem already taken gets ``-2``, ``-3`` ….

    Examples
    --------
    >>> map_filenames(["a/b", "a:b", "市民課"])
    {'a/b': 'a_b', 'a:b': 'a_b-2', '市民課': '市民課'}
    """
    out: dict[str, str] = {}
    taken: set[str] = set()
    for dept in sorted(set(departments)):
        base = safe_filename(dept)
        stem, n = base, 1
        while stem.casefold() in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem.casefold())
        out[dept] = stem
    return out


__all__ = [
    "FONT",
    "PALETTE",
    "cluster_colours",
    "edge_floor",
    "map_dot",
    "map_filenames",
    "render_svg",
    "safe_filename",
    "visible_activities",
]
