"""How well :func:`procmine.fields.match_fields` finds the planted silos of a sample city,
and how closely it measures their planted inconsistency rates.

Usage::

    .venv/bin/python benchmarks/silos.py [FOLDER ...] [--min-agreement X] [--min-persons N]
                                         [--show]

FOLDER (default ``sample_logs``, and ``/tmp/other`` when it holds a generated town: make
it with ``procmine sample --city other --size small --out /tmp/other``) holds the exports
and ``truth/silos.csv`` and ``truth/decoys.csv``. The columns of one truth ``field`` are
the resident field's copies. Scores are pairwise: two (department, column) pairs in the
same predicted group form a predicted pair, two in the same truth field a true pair.

* ``resident columns``: precision, recall and F1 over pairs of columns that are in the
  truth or among the decoys (groups of other columns — 学校名, dates … — are not rated;
  they are listed below);
* ``all predicted pairs``: the same with every predicted pair counted, so a group of other
  columns lowers precision;
* ``decoys grouped``: decoys in a group with a truth column (must be 0) and decoys in a
  group of decoys only (allowed: a child's name may be a silo of its own);
* ``rates``: per truth column, the planted inconsistency rate (over all its residents)
  next to the measured ``inconsistency_rate`` (over the residents shared with another
  system, ``n``), with the measured rate's 95 % Wilson interval; ``±2`` says whether the
  two are within 2 percentage points, ``CI`` whether the planted rate lies in the interval
  (the measured rate is a sample of the column's residents). Per field, both are pooled
  over the field's copies (weighted by ``n``).

This is evaluation code: only it and the tests read ``truth/``.
"""

from __future__ import annotations

import argparse
import csv
import math
import time
from itertools import combinations
from pathlib import Path

import pandas as pd

from procmine.fields import match_fields
from procmine.io import load

OTHER_TOWN = Path("/tmp/other")


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


def _wilson(k: float, n: float, z: float = 1.96) -> tuple[float, float]:
    if n <= 0:
        return 0.0, 1.0
    p = k / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (centre - spread) / (1 + z * z / n)), min(
        1.0, (centre + spread) / (1 + z * z / n)
    )


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def evaluate(folder: Path, options: dict[str, object], show: bool) -> None:
    truth_rows = _read(folder / "truth" / "silos.csv")
    decoys = {(r["department"], r["column"]) for r in _read(folder / "truth" / "decoys.csv")}
    truth: dict[str, set[tuple[str, str]]] = {}
    for r in truth_rows:
        truth.setdefault(r["field"], set()).add((r["department"], r["column"]))
    truth_cols = set().union(*truth.values())

    t0 = time.perf_counter()
    dataset = load([folder])
    t1 = time.perf_counter()
    silos = match_fields(dataset, **options)  # type: ignore[arg-type]
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
    print(f"== {folder}: {events:,} events, {len(dataset.logs)} departments; "
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
    print(f"groups of decoys only: {len(decoy_only)} {[name for name, _ in decoy_only]}")

    # per truth field: which columns were found together, missed or added
    field_of = {c: f for f, cols in truth.items() for c in cols}
    for field, cols in sorted(truth.items()):
        best = max(predicted.items(), key=lambda kv: (len(kv[1] & cols), kv[0]), default=None)
        found = best[1] & cols if best else set()
        name = best[0] if best and found else "-"
        extra = sorted((best[1] - cols) if best and found else [])
        missing = sorted(cols - found)
        print(f"  {field:7s} → {name:10s} {len(found)}/{len(cols)}"
              + (f"  missing {missing}" if missing else "")
              + (f"  extra {[(c, field_of.get(c, 'other')) for c in extra]}" if extra else ""))  # fmt: skip
    others = sorted((name, sorted(g)) for name, g in predicted.items() if not g & rated)
    print(f"other groups (not rated): {len(others)}")
    for name, g in others:
        print(f"  {name}: {g}")
    same = _same_residents(folder, dataset, truth)
    _rates(truth_rows, silos, same)
    if show:
        with pd.option_context("display.width", 250, "display.max_rows", 500,
                               "display.max_columns", 30):  # fmt: skip
            print(silos)


#: truth/persons.csv column holding each field's true value (fields not listed: no check)
_PERSON_FIELDS = {"NAME": "name", "KANA": "kana", "DOB": "dob", "SEX": "sex", "ADDR": "address",
                  "TEL": "tel", "MYNUM": "mynumber", "BANK": "bank", "INCOME": "income"}  # fmt: skip
_TYPES = {"NAME": "name", "KANA": "kana", "DOB": "birth_date", "SEX": "sex", "ADDR": "address",
          "TEL": "phone", "MYNUM": "my_number", "BANK": "bank_account", "INCOME": "income"}  # fmt: skip


def _same_residents(
    folder: Path, dataset: object, truth: dict[str, set[tuple[str, str]]]
) -> dict[tuple[str, str], tuple[float, int]]:
    """Per truth column: the share of its residents shared with another copy of the field
    whose value differs from the true value in truth/persons.csv once normalised (what
    the measurement should find on the residents it can compare)."""
    from procmine.model import PERSON, TIMESTAMP
    from procmine.text.values import normalize_many, values_equal

    path = folder / "truth" / "persons.csv"
    if not path.is_file():
        return {}
    people = pd.read_csv(path, dtype=str, keep_default_na=False).set_index("person")
    logs = dataset.logs  # type: ignore[attr-defined]
    out: dict[tuple[str, str], tuple[float, int]] = {}
    for field, cols in truth.items():
        source = _PERSON_FIELDS.get(field)
        if source is None or source not in people:
            continue
        ftype = _TYPES[field]
        latest: dict[tuple[str, str], dict[str, str]] = {}
        for dept, col in cols:
            log = logs.get(dept)
            if log is None or col not in log.events or PERSON not in log.events:
                continue
            ev = log.events[[PERSON, col, TIMESTAMP]].dropna()
            ev = ev[ev[col].astype(str).str.strip() != ""].sort_values(TIMESTAMP, kind="stable")
            latest[(dept, col)] = {
                str(p): str(v) for p, v in ev.groupby(PERSON)[col].last().items()
            }
        for key, values in latest.items():
            others = set().union(*(set(v) for k, v in latest.items() if k != key))
            shared = [p for p in values if p in others and p in people.index]
            if not shared:
                continue
            true = [people.loc[p, source] for p in shared]
            if field == "ADDR" and "kata" in people:
                true = [
                    f"{t} {people.loc[p, 'kata']}".strip()
                    for t, p in zip(true, shared, strict=True)
                ]
            mine = normalize_many([values[p] for p in shared], ftype)
            theirs = normalize_many(true, ftype)
            wrong = sum(not values_equal(a, b, ftype) for a, b in zip(mine, theirs, strict=True))
            out[key] = (wrong / len(shared), len(shared))
    return out


def _rates(
    truth_rows: list[dict[str, str]],
    silos: pd.DataFrame,
    same: dict[tuple[str, str], tuple[float, int]],
) -> None:
    measured = silos.set_index(["department", "column"])
    print("rates: planted vs measured inconsistency (n = residents compared; 'same' = share of")
    print("  the residents shared with another copy whose value differs from persons.csv)")
    print(f"  {'field':7s} {'department':12s} {'column':22s} {'planted':>8s} {'measured':>8s} "
          f"{'95% CI':>15s} {'n':>5s} {'same':>6s} {'stale':>6s} {'fmt':>6s}  ±2  CI")  # fmt: skip
    per_field: dict[str, list[tuple[float, float, int]]] = {}
    within = inside = total = checked_within = checked_total = 0
    for row in truth_rows:
        key = (row["department"], row["column"])
        planted = float(row["planted_inconsistency_rate"])
        if key not in measured.index:
            print(f"  {row['field']:7s} {row['department']:12s} {row['column']:22s} "
                  f"{planted:8.3f}   (not grouped)")  # fmt: skip
            continue
        m = measured.loc[key]
        n = int(m["shared_persons"])
        rate = float(m["inconsistency_rate"])
        if n == 0 or math.isnan(rate):
            print(f"  {row['field']:7s} {row['department']:12s} {row['column']:22s} "
                  f"{planted:8.3f}   (no resident shared with another system)")  # fmt: skip
            continue
        lo, hi = _wilson(round(rate * n), n)
        check = same.get(key)
        same_text = f"{check[0]:6.3f}" if check else "     -"
        ok2 = abs(rate - planted) <= 0.02
        okci = lo - 1e-9 <= planted <= hi + 1e-9
        total += 1
        within += ok2
        inside += okci
        if check:
            checked_total += 1
            checked_within += abs(rate - check[0]) <= 0.02
        per_field.setdefault(row["field"], []).append(
            (planted, rate, n, check[0] if check else float("nan"))
        )
        print(f"  {row['field']:7s} {row['department']:12s} {row['column']:22s} {planted:8.3f} "
              f"{rate:8.3f} [{lo:5.3f}, {hi:5.3f}] {n:5d} {same_text} {float(m['stale_rate']):6.3f} "
              f"{float(m['format_only_rate']):6.3f}  {'y' if ok2 else '-'}   "
              f"{'y' if okci else '-'}")  # fmt: skip
    print(f"  copies within ±2 pp: {within}/{total}; planted rate inside the 95 % CI: "
          f"{inside}/{total}; within ±2 pp of the same residents' truth: "
          f"{checked_within}/{checked_total}")  # fmt: skip
    print("  per field (pooled, weighted by n): planted → measured (same residents: truth)")
    for field, items in sorted(per_field.items()):
        n = sum(x[2] for x in items)
        planted = sum(x[0] * x[2] for x in items) / n
        rate = sum(x[1] * x[2] for x in items) / n
        checked = [x for x in items if not math.isnan(x[3])]
        truth_rate = (
            f"{sum(x[3] * x[2] for x in checked) / sum(x[2] for x in checked):6.3f}"
            if checked
            else "     -"
        )
        flag = "" if abs(rate - planted) <= 0.02 else "  (off by more than 2 pp)"
        print(f"    {field:7s} {planted:6.3f} → {rate:6.3f}  (same residents {truth_rate}; "
              f"n={n}){flag}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--min-agreement", type=float, default=None)
    parser.add_argument("--min-persons", type=int, default=None)
    parser.add_argument("--show", action="store_true", help="print the silo table")
    args = parser.parse_args()
    folders = [Path(f) for f in args.folders] or [Path("sample_logs")] + (
        [OTHER_TOWN] if (OTHER_TOWN / "truth" / "silos.csv").is_file() else []
    )
    options: dict[str, object] = {}
    if args.min_agreement is not None:
        options["min_agreement"] = args.min_agreement
    if args.min_persons is not None:
        options["min_persons"] = args.min_persons
    for folder in folders:
        evaluate(folder, options, args.show)


if __name__ == "__main__":
    main()
