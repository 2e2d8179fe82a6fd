"""Give memory a stage freed back to the operating system."""

from __future__ import annotations

import ctypes
import sys
from functools import cache
from typing import Any


@cache
def _libc() -> Any | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:  # not glibc (musl …)
        return None


def release_memory() -> None:
    """Give the memory freed by a stage back to the operating system (glibc's
    ``malloc_trim``; elsewhere nothing). Freed heap memory otherwise stays in the
    process and adds to the next stage's peak, which the big arrays of the next stage
    (memory-mapped by the allocator) cannot reuse. Changes no result."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
