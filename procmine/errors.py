"""Exceptions raised by procmine.

Every error procmine raises on purpose is a :class:`ProcmineError`. Its message is one
line that names the file, row or column at fault and says what to do; the CLI prints it
as ``Error: <message>`` and exits with :attr:`ProcmineError.exit_code`.

Hierarchy::

    ProcmineError            exit 1 — something procmine could not do
    ├── InputError           exit 2 — an input file is unreadable or malformed
    │   └── ColumnError      exit 2 — a required column is missing or unusable
    ├── ConfigError          exit 2 — procmine.toml or an option is wrong
    └── OutputError          exit 2 — the output folder cannot be written
"""

from __future__ import annotations


class ProcmineError(Exception):
    """Base class of procmine's own errors; ``str(err)`` is the one-line message."""

    exit_code = 1


class InputError(ProcmineError):
    """An input file cannot be read or does not hold an event log."""

    exit_code = 2


class ColumnError(InputError):
    """A required column is missing, or its values cannot be used."""


class ConfigError(ProcmineError):
    """``procmine.toml`` or a command-line option is invalid."""

    exit_code = 2


class OutputError(ProcmineError):
    """The output folder cannot be created or written."""

    exit_code = 2


__all__ = ["ColumnError", "ConfigError", "InputError", "OutputError", "ProcmineError"]
