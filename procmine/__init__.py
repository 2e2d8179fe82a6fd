"""procmine: find duplicated work and data silos across the departments of one organisation.

>>> import procmine
>>> sorted(procmine.__all__)
['Analysis', 'Dataset', 'EventLog', 'ProcessMap', 'ProcmineError', 'analyze', 'discover', 'load']
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from procmine.analysis import Analysis, analyze
from procmine.errors import ProcmineError
from procmine.model import Dataset, EventLog, ProcessMap

if TYPE_CHECKING:  # pragma: no cover
    from procmine.analysis import discover, load

__version__ = "0.1.0"
__all__ = [
    "Analysis",
    "Dataset",
    "EventLog",
    "ProcessMap",
    "ProcmineError",
    "analyze",
    "discover",
    "load",
]


class _Package(types.ModuleType):
    """The package module: ``procmine.discover`` stays the function when the submodule of
    the same name is imported (the import system binds a submodule to its package's
    attribute; the submodule itself stays importable as ``procmine.discover``)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "discover" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    # Heavy modules load on first use so `import procmine` and `procmine --help` stay fast.
    # Both check what they are given, then call procmine.io.load and
    # procmine.discover.discover (procmine.analysis.load also takes DataFrames).
    if name == "load":
        from procmine.analysis import load

        return load
    if name == "discover":
        from procmine.analysis import discover

        return discover
    raise AttributeError(f"module 'procmine' has no attribute {name!r}")
