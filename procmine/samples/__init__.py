"""Deterministic sample city: department exports with planted duplicates and silos.

:func:`generate` writes the exports of the fictional city 光陽市 (koyo-city.md §3) — one CSV
per department system with its own headers and encoding, ``procmine.toml``, a README and
the ground truth in ``truth/``. The city itself is data (:mod:`procmine.samples.koyo`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from procmine.errors import ConfigError, OutputError
from procmine.samples.generator import Generator
from procmine.samples.koyo import KOYO
from procmine.samples.writer import write

Size = Literal["tiny", "small", "year"]
SIZES: dict[str, int] = dict(KOYO.sizes)

__all__ = ["SIZES", "generate"]


def generate(
    out_dir: str | Path, *, size: Size | int = "small", seed: int = 7
) -> dict[str, object]:
    """Write the sample city's exports and ground truth into ``out_dir``.

    Parameters
    ----------
    out_dir : str or Path
        Folder to write into (created if missing). Files a previous run wrote there are
        replaced; nothing else is touched.
    size : {"tiny", "small", "year"} or int, default "small"
        Number of life-event cases: ``tiny`` 100 (unit tests), ``small`` 1,000 (the
        committed ``sample_logs/``), ``year`` 8,240 (a whole year), or an explicit count.
    seed : int, default 7
        Seed of the one random generator; the same seed gives byte-identical files.

    Returns
    -------
    dict
        Summary: ``out_dir``, ``size``, ``seed``, ``cases``, ``life_events`` (cases per
        life event), ``events``, ``files`` (per export: department, encoding, events,
        cases, bytes), ``truth`` (ground-truth files), ``bytes`` and
        ``missing_activities`` (catalog activities that did not occur; empty from 30 cases).

    Raises
    ------
    ConfigError
        If ``size`` is not one of the names or a positive integer.
    OutputError
        If ``out_dir`` cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     summary = generate(d, size="tiny", seed=1)
    >>> summary["cases"], summary["files"]["kokuho.csv"]["encoding"]
    (100, 'cp932')
    """
    if isinstance(size, bool) or not isinstance(size, (int, str)):
        raise ConfigError(f"sample size {size!r} is not valid; use tiny, small, year or a number")
    if isinstance(size, str):
        if size not in SIZES:
            raise ConfigError(
                f"unknown sample size {size!r}; use one of {', '.join(SIZES)} or a number"
            )
        n = SIZES[size]
    else:
        n = size
    if n < 1:
        raise ConfigError(f"sample size {size!r} must be at least 1 case")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ConfigError(f"seed {seed!r} must be a non-negative integer")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file, not a folder; pass a folder for the sample exports")
    result = Generator(KOYO, n, seed).run()
    try:
        return write(out, KOYO, result, seed=seed, size=str(size))
    except OSError as exc:
        raise OutputError(f"cannot write the sample city into {out}: {exc.strerror}") from exc
