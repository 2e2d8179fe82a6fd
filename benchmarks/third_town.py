"""A third town, さくら台市, written without procmine's generator: end to end from the CLI.

Usage::

    .venv/bin/python benchmarks/third_town.py [--seed 7] [--residents 3000] [--out DIR]

Builds the town with :mod:`sakuradai_city` (six exports: romaji and English headers, a
Shift_JIS file with 和暦 times, yyyymmdd birth dates, date and time of day in two
columns, 全銀-code accounts; no ``procmine.toml``), runs ``procmine analyze`` on it and
prints:

* duplicates: ``procmine evaluate`` (precision, recall, F1, hard-negative pairs);
* silos: pairwise precision, recall and F1 of the (department, column) copies grouped in
  one ``field`` of ``silos.csv`` against ``truth/silos.csv``, per field, and the decoy
  columns (a guarantor's name, an employer's phone …) grouped with a resident field
  (must be 0).

The town's errors were read once to improve procmine (2026-11-28): it is a development
set, like 湊川町; other ``--seed`` draws change the residents and events, not the
vocabulary.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from itertools import combinations
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sakuradai_city import make

from procmine.evaluate import evaluate_report


def _pairs(frame: pd.DataFrame) -> set[frozenset[tuple[str, str]]]:
    out: set[frozenset[tuple[str, str]]] = set()
    for _, group in frame.groupby("field", sort=True):
        columns = sorted(set(zip(group["department"], group["column"], strict=True)))
        out |= {frozenset(p) for p in combinations(columns, 2) if p[0][0] != p[1][0]}
    return out


def score_silos(report: Path, truth: Path) -> None:
    predicted = pd.read_csv(report / "silos.csv", dtype=str, encoding="utf-8-sig")
    true = pd.read_csv(truth / "silos.csv", dtype=str)
    decoys = pd.read_csv(truth / "decoys.csv", dtype=str)
    p, t = _pairs(predicted), _pairs(true)
    tp, fp, fn = len(p & t), len(p - t), len(t - p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"silos: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  "
          f"(tp {tp}, fp {fp}, fn {fn})")  # fmt: skip
    for field, group in true.groupby("field", sort=True):
        print(f"  {field}: {len(_pairs(group) & p)}/{len(_pairs(group))} pairs")
    columns = set(zip(true["department"], true["column"], strict=True))
    field_of = dict(
        zip(
            zip(predicted["department"], predicted["column"], strict=True),
            predicted["field"],
            strict=True,
        )
    )
    grouped = [
        (d, c)
        for d, c in decoys.itertuples(index=False)
        if (d, c) in field_of
        and any(field_of.get(m) == field_of[(d, c)] for m in columns)
    ]  # fmt: skip
    print(f"decoys grouped with a resident field: {len(grouped)} of {len(decoys)} {grouped}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--residents", type=int, default=3000)
    parser.add_argument("--out", type=Path, default=None, help="keep the town and report here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        print(make(out, args.seed, args.residents))
        report = out / "report"
        subprocess.run(
            [sys.executable, "-m", "procmine", "analyze", str(out / "city"), "--out", str(report),
             "--force", "--salt", "fixed", "-q"],
            check=True,
        )  # fmt: skip
        scores = evaluate_report(report, out / "truth")
        print("duplicates: " + "  ".join(
            f"{k} {scores[k]:.3f}" if isinstance(scores[k], float) else f"{k} {scores[k]}"
            for k in ("precision", "recall", "f1", "hard_negative_pairs")
        ))  # fmt: skip
        score_silos(report, out / "truth")


if __name__ == "__main__":
    main()
