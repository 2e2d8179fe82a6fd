"""How procmine.io names places and quotes values in its one-line messages.

Every message of :mod:`procmine.io` reads ``FILE:LINE: what is wrong — what to do`` (or
``FILE: …`` when no line applies). Values, headers and file names come from the inputs, so
they are quoted with :func:`show`: shortened, and with control, format and line-separator
characters escaped, so a message stays one line and cannot drive the terminal (ANSI escape
sequences) or reorder text (bidi overrides).
"""

from __future__ import annotations

import re

__all__ = ["at", "show"]

# C0/C1 controls, DEL, zero-width and bidi formatting characters, line/paragraph separators,
# BOM and interlinear annotation characters.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb]"
)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def show(value: object, *, limit: int = 40) -> str:
    """``value`` as text that is safe to print on one line, cut to ``limit`` characters.

    Examples
    --------
    >>> show("受付\\x1b[2J")
    '受付\\\\x1b[2J'
    >>> show("a" * 50, limit=10)
    'aaaaaaaaaa…'
    >>> show("x\\ny")
    'x\\\\ny'
    """
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return _UNSAFE.sub(_escape, text)


def at(source: str, line: int | None = None) -> str:
    """``FILE:LINE`` (or ``FILE``), with the file name made safe to print.

    Examples
    --------
    >>> at("kokuho.csv", 12), at("kokuho.csv")
    ('kokuho.csv:12', 'kokuho.csv')
    """
    name = show(source, limit=200)
    return f"{name}:{line}" if line is not None else name
