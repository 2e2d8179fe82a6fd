"""Limits that keep a hostile or broken input from exhausting memory or time.

=============================  ===========================  =================================
limit                          default                      environment variable
=============================  ===========================  =================================
bytes a ``.gz`` may expand to  2 GiB                        ``PROCMINE_MAX_EXPANDED_BYTES``
… and relative to its size     200 × the compressed size    ``PROCMINE_MAX_EXPANSION_RATIO``
                               (never below 10 MiB)
characters in one field        1,000,000                    ``PROCMINE_MAX_FIELD_CHARS``
=============================  ===========================  =================================

A compressed input is decompressed as a stream and refused as soon as it passes
``min(PROCMINE_MAX_EXPANDED_BYTES, max(PROCMINE_MAX_EXPANSION_RATIO × compressed size,
10 MiB))`` bytes, before it is parsed. A field (a CSV cell, an XES attribute value, a
Parquet value) longer than ``PROCMINE_MAX_FIELD_CHARS`` characters makes the file refused
with its row and column: no export holds such values (a spreadsheet cell holds at most
32,767), they come from an unbalanced quote or a binary blob. XML is parsed by libxml2 and
expat with their own limits on depth, node size and entity amplification left on.
"""

from __future__ import annotations

import os

from ..errors import ConfigError

__all__ = [
    "MAX_EXPANDED_BYTES",
    "MAX_EXPANSION_RATIO",
    "MAX_FIELD_CHARS",
    "MIN_EXPANSION_ALLOWANCE",
    "expansion_limit",
    "field_limit",
]

#: Bytes a compressed input may expand to, at most.
MAX_EXPANDED_BYTES = 2 * 1024**3
#: How many times its own size a compressed input may expand to.
MAX_EXPANSION_RATIO = 200
#: Expansion always allowed, whatever the ratio (small archives of repetitive XML).
MIN_EXPANSION_ALLOWANCE = 10 * 1024**2
#: Characters one field may hold.
MAX_FIELD_CHARS = 1_000_000


def _setting(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    text = raw.strip().replace("_", "").replace(",", "")
    if not text.isdigit() or int(text) <= 0:
        raise ConfigError(
            f"environment variable {name}={raw[:40]!r} is not a positive whole number "
            f"— set it to e.g. {default} or unset it"
        )
    return int(text)


def expansion_limit(compressed_size: int) -> int:
    """Bytes an input of ``compressed_size`` compressed bytes may expand to.

    Examples
    --------
    >>> expansion_limit(1_000) == MIN_EXPANSION_ALLOWANCE
    True
    >>> expansion_limit(1_000_000)
    200000000
    >>> expansion_limit(100 * 1024**2) == MAX_EXPANDED_BYTES
    True
    """
    cap = _setting("PROCMINE_MAX_EXPANDED_BYTES", MAX_EXPANDED_BYTES)
    ratio = _setting("PROCMINE_MAX_EXPANSION_RATIO", MAX_EXPANSION_RATIO)
    return min(cap, max(ratio * max(compressed_size, 0), MIN_EXPANSION_ALLOWANCE))


def field_limit() -> int:
    """Characters one field may hold (``PROCMINE_MAX_FIELD_CHARS``, default 1,000,000)."""
    return _setting("PROCMINE_MAX_FIELD_CHARS", MAX_FIELD_CHARS)
