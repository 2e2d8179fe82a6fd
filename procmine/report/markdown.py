"""Render a report :class:`~procmine.report.document.Document` as Markdown (GitHub flavour).

Same content as the HTML report; maps are linked as ``maps/<file>.svg``. Text from the input
is escaped so that it shows as written: Markdown punctuation gets a backslash and ``<``,
``>`` and ``&`` become entities, so a label like ``<script>`` never turns into HTML.

Examples
--------
>>> print(md_escape("<script>alert(1)</script> | *x*"))
&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\*
>>> print(md_escape("1. 転入"), md_escape("1. 転入", line_start=False))
1\\. 転入 1. 転入
"""

from __future__ import annotations

import re
from urllib.parse import quote

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

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_escape(text: str, *, line_start: bool = True) -> str:
    """Escape ``text`` for Markdown, on one line.

    ``line_start`` also escapes what only matters at the start of a line (``#``, ``+``,
    ``-``, ``=``, ``1.``); headings and table cells do not need it.
    """
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = " ".join(_SPECIAL.sub(r"\\\1", text).split())
    if line_start:
        text = re.sub(r"^([#+=-])", r"\\\1", text)
        text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def _cell(cell: Cell) -> str:
    return md_escape(cell.text, line_start=False) or " "


def _table(table: Table) -> str:
    numeric = [
        any(
            row[i].sort is not None and row[i].cluster is None for row in table.rows if i < len(row)
        )
        for i in range(len(table.headers))
    ]
    lines = [
        "| " + " | ".join(md_escape(h, line_start=False) for h in table.headers) + " |",
        "|" + "|".join("---:" if n else "---" for n in numeric) + "|",
    ]
    for row in table.rows:
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    if table.footer:
        lines.append(
            "| " + " | ".join(f"**{_cell(c)}**" if c.text else " " for c in table.footer) + " |"
        )
    return "\n".join(lines)


def _block(block: Block) -> str:
    if isinstance(block, Para):
        return f"*{md_escape(block.text)}*" if block.note else md_escape(block.text)
    if isinstance(block, Bullets):
        return "\n".join(f"- {md_escape(i)}" for i in block.items)
    if isinstance(block, Sub):
        return f"### {md_escape(block.title, line_start=False)}"
    if isinstance(block, Stats):
        return "\n".join(
            f"- **{md_escape(s.label, line_start=False)}**: {md_escape(s.value, line_start=False)}"
            + (f" ({md_escape(s.note, line_start=False)})" if s.note else "")
            for s in block.items
        )
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        alt = md_escape(block.alt, line_start=False)
        caption = md_escape(block.caption, line_start=False)
        return f"![{alt}]({quote(block.path)})\n\n*{caption}*"
    raise TypeError(f"unknown block {type(block).__name__}")  # pragma: no cover


def render_markdown(doc: Document) -> str:
    """Return the report as Markdown text."""
    out = [
        f"# {md_escape(doc.title, line_start=False)}",
        md_escape(doc.subtitle),
        f"> {md_escape(doc.notice)}",
        f"## {md_escape(doc.toc_title, line_start=False)}",
        "\n".join(f"- [{md_escape(s.title, line_start=False)}](#{s.anchor})" for s in doc.sections),
    ]
    for s in doc.sections:
        out.append(f'<a id="{s.anchor}"></a>\n\n## {md_escape(s.title, line_start=False)}')
        out.extend(_block(b) for b in s.blocks)
    out.append(f"---\n\n{md_escape(doc.footer)}")
    return "\n\n".join(out) + "\n"


__all__ = ["md_escape", "render_markdown"]
