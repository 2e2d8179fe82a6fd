"""How well :func:`procmine.fields.match_fields` finds the planted silos of a sample city.

Usage::

    .venv/bin/python benchmarks/silos.py [FOLDER] [--min-agreement X] [--min-persons N]

FOLDER (default ``sample_logs``) holds the exports and ``truth/silos.csv`` and
``truth/decoys.csv``. The columns of one truth ``field`` are the resident field's copies.
Scores are pairwise: two (department, column) pairs in the same predicted group form a
predicted pair, two in the same truth field a true pair.

* ``resident columns``: precision, recall and F1 over pairs of columns that are in the
  truth or among the decoys (groups of other columns — 学校名, 要介護度, dates … — are not
  rated; they are listed below);
* ``all predicted pairs``: the same with every predicted pair counted, so a group of other
  columns lowers precision;
* ``decoys grouped``: decoys in a group with a truth column (must be 0) and decoys in a
  group of decoys only (allowed: a child's name may be a silo of its own).

This is evaluation code: only it and the tests read ``truth/``.
"""

from __future__ import annotations

import argparse
import csv
import time
from itertools import combinations
from pathlib import Path

import pandas as pd

from procmine.fields import match_fields
from procmine.io import load


def _pairs(groups: dict[str, set[tuple[str, str]]]) -> set[frozenset[tuple[str, str]]]:
    out: set[frozenset[tuple[str, str]]] = set()
    for members in groups.values():
        out |= {frozenset(p) for p in combinations(sorted(members), 2)}
    return out


def _prf(predicted: set, truth: set) -> tuple[float, float, float]:
    tp = len(predicted & truth)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(truth) if truth else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default="sample_logs")
    parser.add_argument("--min-agreement", type=float, default=None)
    parser.add_argument("--min-persons", type=int, default=None)
    parser.add_argument("--show", action="store_true", help="print the silo table")
    args = parser.parse_args()
    folder = Path(args.folder)

    with open(folder / "truth" / "silos.csv", encoding="utf-8") as fh:
        truth_rows = list(csv.DictReader(fh))
    with open(folder / "truth" / "decoys.csv", encoding="utf-8") as fh:
        decoys = {(r["department"], r["column"]) for r in csv.DictReader(fh)}
    truth: dict[str, set[tuple[str, str]]] = {}
    for r in truth_rows:
        truth.setdefault(r["field"], set()).add((r["department"], r["column"]))
    truth_cols = set().union(*truth.values())

    t0 = time.perf_counter()
    dataset = load([folder])
    t1 = time.perf_counter()
    options = {}
    if args.min_agreement is not None:
        options["min_agreement"] = args.min_agreement
    if args.min_persons is not None:
        options["min_persons"] = args.min_persons
    silos = match_fields(dataset, **options)
    t2 = time.perf_counter()

    predicted: dict[str, set[tuple[str, str]]] = {
        f: set(zip(g["department"], g["column"], strict=True)) for f, g in silos.groupby("field")
    }
    rated = truth_cols | decoys
    pred_pairs = _pairs(predicted)
    true_pairs = _pairs(truth)
    rated_pairs = {p for p in pred_pairs if p <= rated and not p <= decoys}
    p, r, f = _prf(rated_pairs, true_pairs)
    pa, ra, fa = _prf(pred_pairs, true_pairs)

    events = sum(len(log.events) for log in dataset.logs.values())
    print(f"{folder}: {events:,} events, {len(dataset.logs)} departments; "
          f"load {t1 - t0:.1f} s, match_fields {t2 - t1:.1f} s")  # fmt: skip
    print(f"resident columns:    precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  "
          f"({len(rated_pairs & true_pairs)}/{len(rated_pairs)} predicted, {len(true_pairs)} true pairs)")  # fmt: skip
    print(f"all predicted pairs: precision {pa:.3f}  recall {ra:.3f}  F1 {fa:.3f}")

    grouped_with_truth = sorted(
        d for d in decoys
        if any(d in g and g & truth_cols for g in predicted.values())
    )  # fmt: skip
    decoy_only = sorted(
        (name, sorted(g)) for name, g in predicted.items() if g & decoys and not g & truth_cols
    )
    print(f"decoys grouped with a resident field: {len(grouped_with_truth)} {grouped_with_truth}")
    print(f"groups of decoys only: {decoy_only}")

    # per truth field: which columns were found together, missed or added
    field_of = {c: f for f, cols in truth.items() for c in cols}
    for field, cols in sorted(truth.items()):
        best = max(predicted.items(), key=lambda kv: (len(kv[1] & cols), kv[0]), default=None)
        found = best[1] & cols if best else set()
        name = best[0] if best else "-"
        extra = sorted((best[1] - cols) if best else [])
        missing = sorted(cols - found)
        print(f"  {field:7s} → {name:10s} {len(found)}/{len(cols)}"
              + (f"  missing {missing}" if missing else "")
              + (f"  extra {[(c, field_of.get(c, 'other')) for c in extra]}" if extra else ""))  # fmt: skip
    others = sorted((name, sorted(g)) for name, g in predicted.items() if not g & rated)
    print(f"other groups (not rated): {len(others)}")
    for name, g in others:
        print(f"  {name}: {g}")
    if args.show:
        with pd.option_context("display.width", 250, "display.max_rows", 500,
                               "display.max_columns", 30):  # fmt: skip
            print(silos)


if __name__ == "__main__":
    main()
