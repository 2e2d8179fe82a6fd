"""Deterministic sample cities: department exports with planted duplicates and silos.

:func:`generate` writes the exports of a fictional city — one CSV per department system
with its own headers and encoding, ``procmine.toml``, a README and the ground truth in
``truth/``. Two cities exist: 光陽市 (``"koyo"``, koyo-city.md §3, the committed
``sample_logs/``) and 湊川町 (``"other"``, a held-out town with other departments, systems,
headers and activity labels for testing that the analysis generalises). Each can be
generated As-Is or To-Be (after a 書かない・ワンストップ窓口 reform, same residents and life
events). A city is data (:mod:`procmine.samples.koyo`, :mod:`procmine.samples.minato`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from procmine.errors import ConfigError, OutputError
from procmine.samples.generator import Generator
from procmine.samples.koyo import KOYO
from procmine.samples.schema import City
from procmine.samples.writer import write

Size = Literal["tiny", "small", "year"]
CityName = Literal["koyo", "other"]
VariantName = Literal["asis", "tobe"]
SIZES: dict[str, int] = dict(KOYO.sizes)
VARIANTS: tuple[str, ...] = ("asis", "tobe")
CITIES: tuple[str, ...] = ("koyo", "other")

__all__ = ["CITIES", "SIZES", "VARIANTS", "generate"]


def _city(name: str) -> City:
    if name == "koyo":
        return KOYO
    if name == "other":
        from procmine.samples.minato import MINATO

        return MINATO
    raise ConfigError(f"unknown sample city {name!r}; use one of {', '.join(CITIES)}")


def generate(
    out_dir: str | Path,
    *,
    size: Size | int = "small",
    seed: int = 7,
    variant: VariantName = "asis",
    city: CityName = "koyo",
) -> dict[str, object]:
    """Write a sample city's exports and ground truth into ``out_dir``.

    Parameters
    ----------
    out_dir : str or Path
        Folder to write into (created if missing). Files a previous run wrote there are
        replaced; nothing else is touched.
    size : {"tiny", "small", "year"} or int, default "small"
        Number of life-event cases: ``tiny`` 100 (unit tests), ``small`` 1,000 (the
        committed ``sample_logs/``), ``year`` a whole year (8,240 in 光陽市, 3,325 in
        湊川町), or an explicit count.
    seed : int, default 7
        Seed of the random streams; the same seed gives byte-identical files.
    variant : {"asis", "tobe"}, default "asis"
        ``asis``: the unreformed city (a queue, an identity check and a form at every
        counter). ``tobe``: the same residents, life events and days after a
        書かない・ワンストップ窓口 reform (koyo-city §3.8), with the same export layouts.
    city : {"koyo", "other"}, default "koyo"
        ``koyo``: 光陽市. ``other``: 湊川町, a town the analysis has never seen (other
        departments, systems, headers, labels and residents).

    Returns
    -------
    dict
        Summary: ``out_dir``, ``size``, ``seed``, ``city``, ``variant``, ``cases``,
        ``life_events`` (cases per life event), ``events``, ``files`` (per export:
        department, encoding, events, cases, bytes), ``truth`` (ground-truth files),
        ``bytes`` and ``missing_activities`` (catalog activities of a duplicate cluster
        that did not occur; empty from 30 cases).

    Raises
    ------
    ConfigError
        If ``size``, ``seed``, ``variant`` or ``city`` is not valid.
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
    chosen = _city(city)
    if isinstance(size, str):
        if size not in SIZES:
            raise ConfigError(
                f"unknown sample size {size!r}; use one of {', '.join(SIZES)} or a number"
            )
        n = chosen.sizes[size]
    else:
        n = size
    if n < 1:
        raise ConfigError(f"sample size {size!r} must be at least 1 case")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ConfigError(f"seed {seed!r} must be a non-negative integer")
    if variant not in VARIANTS:
        raise ConfigError(f"unknown sample variant {variant!r}; use one of {', '.join(VARIANTS)}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file, not a folder; pass a folder for the sample exports")
    result = Generator(chosen, n, seed, variant).run()
    try:
        return write(out, chosen, result, seed=seed, size=str(size))
    except OSError as exc:
        raise OutputError(f"cannot write the sample city into {out}: {exc.strerror}") from exc
