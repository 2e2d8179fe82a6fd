"""Render a report :class:`~procmine.report.document.Document` as one self-contained HTML file.

The page carries its CSS, its SVG maps and a few lines of JavaScript (sortable tables)
inline, refers to no external URL and forbids loading any through a Content-Security-Policy,
so it opens offline and can be mailed as one file. Every text from the input goes through
:func:`html.escape`.

Examples
--------
>>> from procmine.report.document import Cell, Table
>>> html = _table(Table(["<b>"], [[Cell("<script>alert(1)</script>")]]))
>>> "<script>" in html, "<td>&lt;script&gt;alert(1)" in html
(False, True)
"""

from __future__ import annotations

import math
import re
from html import escape
from importlib.resources import files

from procmine.report.document import (
    Block,
    Bullets,
    Cell,
    Document,
    Figure,
    Para,
    Stats,
    Sub,
    Table,
)
from procmine.report.maps import PALETTE, cluster_colours

#: Nothing may be loaded from anywhere: styles and scripts are inline, images are inline SVG.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _asset(name: str) -> str:
    return files("procmine.report").joinpath(name).read_text(encoding="utf-8")


def _swatch_css() -> str:
    rules = []
    for i, fill in enumerate(PALETTE):
        rules.append(f".sw.c{i}{{background:{fill}}}")
    return "\n".join(rules) + "\n"


def _heat_class(heat: float) -> str:
    if heat <= 0:
        return "h0"
    if heat <= 0.05:
        return "h1"
    if heat <= 0.2:
        return "h2"
    return "h3"


def _shade_class(share: float) -> str:
    """Five blue steps for a heat-map cell holding ``share`` of the table's largest value."""
    return f"q{min(5, max(1, math.ceil(share * 5)))}"


_LONG_TOKEN = re.compile(r"[^\s<>]{17,}")
_BREAK_AT = re.compile(r"(?<=[_:/.)\]-])(?=\S)|(?<=[a-z])(?=[A-Z])")


def _breakable(escaped: str) -> str:
    """Let long identifiers wrap after ``_ : / . ) ] -`` and inside camelCase.

    Works on already escaped text; ``<wbr>`` is the only markup added.

    Examples
    --------
    >>> _breakable("(case)_Permit_OrganizationalEntity")
    '(case)<wbr>_<wbr>Permit_<wbr>Organizational<wbr>Entity'
    >>> _breakable("PrepaidTravelCost:Request")
    'Prepaid<wbr>Travel<wbr>Cost:<wbr>Request'
    >>> _breakable("short_name")
    'short_name'
    """
    return _LONG_TOKEN.sub(lambda m: _BREAK_AT.sub("<wbr>", m.group(0)), escaped)


def _cell(cell: Cell, tag: str = "td") -> str:
    classes = []
    attrs = ""
    if cell.sort is not None:
        classes.append("num" if cell.cluster is None else "cl")
        attrs += f' data-v="{cell.sort!r}"'
    if cell.heat is not None:
        classes.append(_heat_class(cell.heat))
    if cell.shade is not None:
        classes.append(_shade_class(cell.shade))
    if classes:
        attrs = f' class="{" ".join(classes)}"' + attrs
    if cell.title:
        attrs += f' title="{_e(cell.title)}"'
    body = _breakable(_e(cell.text))
    if cell.cluster is not None:
        fill, _ = cluster_colours(cell.cluster)
        body = f'<span class="sw c{PALETTE.index(fill)}" aria-hidden="true"></span>{body}'
    return f"<{tag}{attrs}>{body}</{tag}>"


def _table(table: Table) -> str:
    cls = " ".join(c for c in ("sortable" if table.sortable else "", table.cls) if c)
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in table.headers)
    body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in table.rows)
    foot = ""
    if table.footer:
        foot = "<tfoot><tr>" + "".join(_cell(c) for c in table.footer) + "</tr></tfoot>"
    return (
        f'<div class="table-wrap"><table class="{cls}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody>{foot}</table></div>"
    )


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_XMLNS = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')


def inline_svg(svg: str, *, prefix: str, label: str) -> str:
    """Prepare Graphviz SVG for inlining in HTML.

    Drops the XML prolog, DOCTYPE, comments, ``<title>`` elements and namespace declarations
    (HTML knows SVG; this also removes the only ``http://`` strings Graphviz writes), prefixes
    element ids with ``prefix`` so several maps can share a page, and labels the image for
    screen readers.

    Examples
    --------
    >>> inline_svg('<?xml version="1.0"?><!-- c --><svg xmlns="http://www.w3.org/2000/svg">'
    ...            '<g id="node1"><title>n0</title></g></svg>', prefix="m1", label="<x>")
    '<svg role="img" aria-label="&lt;x&gt;"><g id="m1-node1"></g></svg>'
    """
    start = svg.find("<svg")
    if start < 0:
        return ""
    svg = svg[start:]
    svg = _COMMENT.sub("", svg)
    svg = _TITLE.sub("", svg)
    svg = _XMLNS.sub("", svg)
    svg = svg.replace(' id="', f' id="{prefix}-')
    svg = svg.replace('href="#', f'href="#{prefix}-').replace("url(#", f"url(#{prefix}-")
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{_e(label)}"', 1)
    return svg.strip()


def render_block(block: Block) -> str:
    """One block as HTML (also used by the notebook displays)."""
    if isinstance(block, Para):
        cls = ' class="note"' if block.note else ""
        return f"<p{cls}>{_e(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_e(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Sub):
        return f'<h3 id="{_e(block.anchor)}">{_e(block.title)}</h3>'
    if isinstance(block, Stats):
        items = []
        for s in block.items:
            wide = ' class="wide"' if len(s.value) > 12 else ""
            sub = f'<span class="sub">{_e(s.note)}</span>' if s.note else ""
            items.append(
                f'<li{wide}><span class="label">{_e(s.label)}</span>'
                f'<span class="value">{_e(s.value)}</span>{sub}</li>'
            )
        return '<ul class="stats">' + "".join(items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        svg = inline_svg(block.svg, prefix=block.anchor, label=block.alt)
        return (
            f'<figure class="{_e(block.cls)}" id="{_e(block.anchor)}"><div class="svg">{svg}</div>'
            f"<figcaption>{_e(block.caption)}</figcaption></figure>"
        )
    raise TypeError(f"unknown block {type(block).__name__}")  # pragma: no cover


def render_html(doc: Document) -> str:
    """Return the report as one HTML document (UTF-8 text, no external references)."""
    toc = "".join(f'<li><a href="#{_e(s.anchor)}">{_e(s.title)}</a></li>' for s in doc.sections)
    sections = []
    for s in doc.sections:
        body = "\n".join(render_block(b) for b in s.blocks)
        sections.append(
            f'<section id="{_e(s.anchor)}" aria-labelledby="{_e(s.anchor)}-h">\n'
            f'<h2 id="{_e(s.anchor)}-h">{_e(s.title)}</h2>\n{body}\n</section>'
        )
    css = _asset("report.css") + _swatch_css()
    js = _asset("sortable.js")
    notice = "notice personal" if doc.personal else "notice"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(doc.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="procmine">\n'
        f"<title>{_e(doc.title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{_e(doc.title)}</h1>\n"
        f'<p class="subtitle">{_e(doc.subtitle)}</p>\n'
        f'<p class="{notice}">{_e(doc.notice)}</p>\n</header>\n'
        f'<main>\n<nav class="toc" aria-label="{_e(doc.toc_title)}">'
        f"<h2>{_e(doc.toc_title)}</h2><ol>{toc}</ol>"
        f'<p class="note">{_e(doc.sort_hint)}</p></nav>\n'
        + "\n".join(sections)
        + f"\n</main>\n<footer>{_e(doc.footer)}</footer>\n"
        f"<script>\n{js}</script>\n</body>\n</html>\n"
    )


__all__ = ["CSP", "inline_svg", "render_block", "render_html"]
