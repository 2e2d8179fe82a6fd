"""The report as a small document tree: sections of paragraphs, tables and figures.

:mod:`procmine.report.content` fills it from an analysis; :mod:`procmine.report.html` and
:mod:`procmine.report.markdown` lay it out. Every string here is plain text, escaped only by
the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    """A table cell: display ``text``; ``sort`` makes it numeric (right-aligned, sortable);
    ``cluster`` adds the cluster's colour swatch; ``heat`` (a 0–1 rate) shades the cell from
    green (0) to orange; ``shade`` (0–1, share of the table's largest value) shades it in
    blue, for heat maps; ``title`` is a tooltip (HTML only)."""

    text: str
    sort: float | None = None
    cluster: int | None = None
    heat: float | None = None
    title: str | None = None
    shade: float | None = None


@dataclass(frozen=True)
class Para:
    text: str
    note: bool = False


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Sub:
    """A sub-heading (h3)."""

    title: str
    anchor: str


@dataclass(frozen=True)
class Stat:
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Stats:
    items: list[Stat]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[Cell]]
    cls: str = ""
    footer: list[Cell] | None = None
    sortable: bool = True


@dataclass(frozen=True)
class Figure:
    """A picture (process map, journey chart): ``svg`` inline in HTML, ``path`` (relative
    to the report folder) linked from Markdown. The writer writes ``svg`` to ``path``."""

    svg: str
    path: str
    alt: str
    caption: str
    anchor: str
    cls: str = "map"


Block = Para | Bullets | Sub | Stats | Table | Figure


@dataclass
class Section:
    anchor: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    lang: str
    title: str
    subtitle: str
    notice: str
    sections: list[Section]
    footer: str
    toc_title: str
    sort_hint: str
    #: True when the report shows resident values (``show_values``): the notice says so.
    personal: bool = False

    def figures(self) -> list[Figure]:
        """Every figure of the document, in order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]


__all__ = [
    "Block",
    "Bullets",
    "Cell",
    "Document",
    "Figure",
    "Para",
    "Section",
    "Stat",
    "Stats",
    "Sub",
    "Table",
]
