"""Data silos in real public event logs: which fields several logs keep, and how far the
copies agree.

Usage::

    .venv/bin/python benchmarks/silos_real.py [--root DIR] [--only bpic2020|bpic15] [--events]

``DIR`` (default ``/work/shared/real_logs``) holds ``bpic2020/*.xes.gz`` (BPI Challenge 2020:
travel declarations and permits of one university, five logs that share cases and events)
and ``bpic15/BPIC15_*.xes.gz`` (BPI Challenge 2015: building permits of five Dutch
municipalities). A missing folder is skipped. Loading takes about a minute per set.

BPIC 2020 has no person: the entity the logs share is the *travel permit*. The script first
shows which identifiers the logs share (values of one log's id column found in another's),
then links every log by its permit id — what ``[files."X.xes.gz".columns] person = "…"`` in a
``procmine.toml`` would do — and runs :func:`procmine.fields.match_fields`. ``--events``
also links by the event id (the same event exported in several logs; slower).

BPIC 2015 has no shared entity at all (five municipalities, no common case or land-register
id), so columns can only be grouped by header and no agreement can be measured.
"""

from __future__ import annotations

import argparse
import time
from itertools import combinations
from pathlib import Path

import pandas as pd

from procmine.fields import linkage_quality, match_fields, silo_values
from procmine.io import load
from procmine.model import PERSON, Dataset, EventLog

BPIC2020 = (
    "DomesticDeclarations.xes.gz",
    "InternationalDeclarations.xes.gz",
    "PermitLog.xes.gz",
    "PrepaidTravelCost.xes.gz",
    "RequestForPayment.xes.gz",
)
#: The column of each BPIC 2020 log that names the travel permit (found by the overlap
#: table printed first); DomesticDeclarations and RequestForPayment have none.
PERMIT = {
    "PermitLog": "(case)_id",
    "InternationalDeclarations": "(case)_Permit_ID",
    "PrepaidTravelCost": "(case)_Permit_id",
}
_ID_COLUMNS = ("id", "(case)_id", "(case)_Permit_ID", "(case)_Permit_id", "(case)_Permit_id2",
               "(case)_Rfp_id", "(case)_Rfp_id_0", "(case)_dec_id_0")  # fmt: skip

_SHOW = ["field", "department", "column", "field_type", "persons", "shared_persons",
         "agreement", "inconsistency_rate", "authoritative", "matched_by"]  # fmt: skip


def _with_person(dataset: Dataset, keys: dict[str, str]) -> Dataset:
    """The dataset with each log's ``keys[department]`` column as its person key."""
    logs = {}
    for department, log in dataset.logs.items():
        events = log.events.copy()
        column = keys.get(department)
        events[PERSON] = events[column] if column in events else None
        columns = tuple(c for c in log.data_columns if c != column)
        logs[department] = EventLog(department, events, columns, log.sources)
    return Dataset(logs=logs, mappings=dataset.mappings, accounting=dataset.accounting)


def _shared_identifiers(dataset: Dataset) -> None:
    print("identifiers shared between logs (distinct values found in both):")
    values = {
        (d, c): set(log.events[c].dropna().astype(str))
        for d, log in dataset.logs.items()
        for c in _ID_COLUMNS
        if c in log.events
    }
    for a, b in combinations(sorted(values), 2):
        if a[0] == b[0]:
            continue
        both = len(values[a] & values[b])
        if both:
            print(f"  {a[0]}[{a[1]}] ∩ {b[0]}[{b[1]}]: {both:,}")


def _summary(silos: pd.DataFrame) -> None:
    fields = silos.groupby("field")
    measured = silos[silos["shared_persons"] > 0]
    print(f"fields kept in two or more logs: {fields.ngroups} "
          f"({measured['field'].nunique()} compared by values, the rest by header only)")  # fmt: skip
    for field, group in measured.groupby("field"):
        rows = group.sort_values("department")
        parts = [
            f"{r.department}[{r.column}] {r.agreement:.1%} of {int(r.shared_persons):,}"
            + (" (authoritative)" if r.authoritative else "")
            for r in rows.itertuples()
        ]
        print(f"  {field}: " + "; ".join(parts))


def run_bpic2020(folder: Path, events: bool) -> None:
    files = [folder / f for f in BPIC2020 if (folder / f).is_file()]
    if not files:
        print(f"{folder}: not found, skipped")
        return
    t0 = time.perf_counter()
    dataset = load(files)
    print(f"== BPIC 2020 ({len(files)} logs, "
          f"{sum(len(log.events) for log in dataset.logs.values()):,} events): "
          f"load {time.perf_counter() - t0:.0f} s")  # fmt: skip
    _shared_identifiers(dataset)
    linked = _with_person(dataset, PERMIT)
    t1 = time.perf_counter()
    silos = match_fields(linked)
    values = silo_values(linked, silos)
    print(f"linked by travel permit: match_fields + silo_values {time.perf_counter() - t1:.0f} s")
    with pd.option_context("display.width", 250, "display.max_rows", 300,
                           "display.max_columns", 20):  # fmt: skip
        print(linkage_quality(linked)[["department", "linkage", "events", "persons",
                                       "shared_persons", "linked_share"]].to_string(index=False))  # fmt: skip
        print(silos[_SHOW].to_string(index=False))
        counts = values.groupby("field")[["compared", "exact", "format_only", "stale",
                                          "conflict", "missing"]].sum()  # fmt: skip
        print(counts[counts["compared"] > 0].to_string())
    _summary(silos)
    if events:
        t2 = time.perf_counter()
        by_event = match_fields(_with_person(dataset, {d: "id" for d in dataset.logs}))
        print(f"linked by event id: match_fields {time.perf_counter() - t2:.0f} s")
        _summary(by_event)


def run_bpic15(folder: Path) -> None:
    files = sorted(folder.glob("BPIC15_*.xes.gz"))
    if not files:
        print(f"{folder}: not found, skipped")
        return
    t0 = time.perf_counter()
    dataset = load(files)
    print(f"== BPIC 2015 ({len(files)} municipalities, "
          f"{sum(len(log.events) for log in dataset.logs.values()):,} events): "
          f"load {time.perf_counter() - t0:.0f} s")  # fmt: skip
    cases = {d: set(log.events["case"].astype(str)) for d, log in dataset.logs.items()}
    shared = sum(len(cases[a] & cases[b]) for a, b in combinations(sorted(cases), 2))
    print(f"case ids shared between municipalities: {shared} (no common entity: no person key)")
    t1 = time.perf_counter()
    silos = match_fields(dataset)
    print(f"match_fields {time.perf_counter() - t1:.0f} s")
    spread = silos.groupby("field")["department"].nunique().sort_values(ascending=False)
    print(f"fields kept in two or more municipalities: {len(spread)}, by header only "
          f"(matched_by: {silos['matched_by'].value_counts().to_dict()})")  # fmt: skip
    for field, n in spread.items():
        group = silos[silos["field"] == field]
        types = ", ".join(sorted(set(group["field_type"])))
        print(f"  {field}: {n} municipalities ({types})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default="/work/shared/real_logs")
    parser.add_argument("--only", choices=["bpic2020", "bpic15"], default=None)
    parser.add_argument("--events", action="store_true", help="also link BPIC 2020 by event id")
    args = parser.parse_args()
    root = Path(args.root)
    if args.only in (None, "bpic2020"):
        run_bpic2020(root / "bpic2020", args.events)
    if args.only in (None, "bpic15"):
        run_bpic15(root / "bpic15")


if __name__ == "__main__":
    main()
