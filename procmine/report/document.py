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
    ``cluster`` adds the cluster's colour swatch; ``heat`` (0–1) shades the cell; ``title``
    is a tooltip (HTML only)."""

    text: str
    sort: float | None = None
    cluster: int | None = None
    heat: float | None = None
    title: str | None = None


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


@dataclass(frozen=True)
class Figure:
    """A process map: ``svg`` inline in HTML, ``path`` (relative) linked from Markdown."""

    svg: str
    path: str
    alt: str
    caption: str
    anchor: str


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
