"""Benchmark of cross-department activity matching, with the DEFAULT configuration.

Runs :func:`procmine.match.match_activities` on the sample city (``sample_logs/``, scored
against ``sample_logs/truth/`` when present), on a second town (``procmine sample --city
other``; ``--other DIR`` or generated into a temporary folder: with the default seed its errors
were read while the matcher was built, so for a town never seen pass a draw made with another
``--seed``), and :func:`procmine.match.match_models` on
the Process Model Matching Contest 2015 data sets (University Admission, BPMN; Asset
Management, EPML) found in ``../shared/pmmc``, scored as the contest did: micro precision,
recall and F1 over the correspondences of all model pairs of a data set, each predicted
pair counted once, against ``goldstandard/*.rdf``.

Usage::

    .venv/bin/python benchmarks/matching.py [--sample DIR] [--other DIR] [--pmmc DIR]
                                            [--skip-sample] [--skip-other] [--no-cooccurrence]
                                            [--scale N]

``--scale N`` times the matcher alone on N synthetic activities in 20 departments (labels
only, then with data fields, performers and roles), with the default candidate selection
and with blocking forced on and off, and prints CPU seconds and the number of candidate
pairs scored.

Only this script reads the gold standards; the matcher never sees them.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterable
from itertools import combinations, pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from procmine.io.processmodels import load_model  # noqa: E402 - after the sys.path line
from procmine.match import match_activities, match_models  # noqa: E402

#: Published micro P / R / F1 (PMMC 2015 and OAEI 2016/17), from shared/pmmc/README.md.
ANCHORS = {
    "university_admission": [
        ("AML (OAEI 2016/17), best", 0.715, 0.681, 0.698),
        ("RMM-NHCM", 0.686, 0.651, 0.668),
        ("pm4py map_labels_from_second_model", 0.689, 0.496, 0.576),
        ("exact label equality", 0.887, 0.440, 0.588),
    ],
    "asset_management": [
        ("AML-PM, best", 0.786, 0.595, 0.677),
        ("RMM-NHCM", 0.957, 0.505, 0.661),
        ("pm4py map_labels_from_second_model", 0.966, 0.518, 0.674),
        ("exact label equality", 0.990, 0.459, 0.628),
    ],
}

_CELL = re.compile(
    r"<entity1\s+rdf:resource=['\"]([^'\"]+)['\"]\s*/>\s*"
    r"<entity2\s+rdf:resource=['\"]([^'\"]+)['\"]\s*/>\s*<relation>\s*=\s*</relation>"
)


def gold_cells(path: Path) -> list[tuple[str, str]]:
    """``(entity1, entity2)`` URIs of the ``=`` cells of an Alignment-API RDF file."""
    return _CELL.findall(path.read_text(encoding="utf-8"))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(pred: Iterable[frozenset[str]], gold: Iterable[frozenset[str]]) -> dict[str, float]:
    ps, gs = set(pred), set(gold)
    tp, fp, fn = len(ps & gs), len(ps - gs), len(gs - ps)
    p, r, f = prf(tp, fp, fn)
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def _predicted(
    models: dict, prefix: Callable[[str, object], str], *, per_label: bool
) -> set[frozenset[str]]:
    """The element pairs :func:`match_models` finds, as gold-standard URIs; with
    ``per_label``, as ``procmine analyze`` reads models (:meth:`MatchResult.by_label`):
    each pair of labels stands for every pair of elements that carry them."""
    result = match_models(models)
    if not per_label:
        return {
            frozenset({prefix(r.department_a, r.node_a), prefix(r.department_b, r.node_b)})
            for r in result.pairs.itertuples()
        }
    nodes: dict[tuple[str, str], list[object]] = {}
    for dept, graph in models.items():
        for node, attrs in graph.nodes(data=True):
            nodes.setdefault((dept, str(attrs.get("label") or node)), []).append(node)
    out: set[frozenset[str]] = set()
    for r in result.by_label().pairs.itertuples():
        for na in nodes[(r.department_a, r.activity_a)]:
            for nb in nodes[(r.department_b, r.activity_b)]:
                out.add(frozenset({prefix(r.department_a, na), prefix(r.department_b, nb)}))
    return out


def university_admission(root: Path, *, per_label: bool = False) -> dict[str, float]:
    """All 9 models matched together (N-way), scored over the 36 gold model pairs."""
    models = {p.stem: load_model(p) for p in sorted((root / "models").glob("*.bpmn"))}
    pred = _predicted(models, lambda d, n: f"http://{d}#{n}", per_label=per_label)
    gold: set[frozenset[str]] = set()
    pairs: set[frozenset[str]] = set()
    for f in sorted((root / "goldstandard").glob("*.rdf")):
        a, b = f.stem.split("-")
        pairs.add(frozenset({a, b}))
        gold.update(frozenset(c) for c in gold_cells(f))
    assert len(pairs) == len(list(combinations(models, 2))), "expected every model pair"
    return score(pred, gold)


def asset_management(root: Path, *, per_label: bool = False) -> dict[str, float]:
    """Each test case (a source and a target EPC) matched on its own."""
    pred: set[frozenset[str]] = set()
    gold: set[frozenset[str]] = set()
    for f in sorted((root / "goldstandard").glob("*.rdf")):
        case = f.stem
        folder = root / "models" / case
        models = {
            "source": load_model(folder / "source-model.epml"),
            "target": load_model(folder / "target-model.epml"),
        }
        pred |= _predicted(
            models, lambda d, n, case=case: f"http://sap/{case}/{d}/{n}", per_label=per_label
        )
        gold.update(frozenset(c) for c in gold_cells(f))
    return score(pred, gold)


def sample_city(folder: Path, *, with_cooccurrence: bool = False) -> dict[str, float] | None:
    """Load, discover and match a city; score against ``truth/`` if present."""
    import procmine.io as pio

    dataset = pio.load([folder])  # type: ignore[attr-defined]
    from procmine.discover import discover_all

    maps = discover_all(dataset.logs)
    cooc = None
    if with_cooccurrence:
        from procmine.match import cooccurrence

        cooc = cooccurrence(dataset, maps)
    column_fields = None
    authoritative = None
    try:  # field matching, when available, names the common fields and the records
        from procmine.fields import column_fields as to_column_fields
        from procmine.fields import match_fields

        silos = match_fields(dataset)
        column_fields = to_column_fields(silos)
        if "authoritative" in silos:
            flagged = silos[silos["authoritative"].astype(bool)]
            authoritative = set(zip(flagged["department"], flagged["column"], strict=True))
    except ImportError:  # pragma: no cover - fields not there yet
        pass
    started = time.perf_counter()
    result = match_activities(
        maps,
        column_fields=column_fields,
        authoritative_columns=authoritative,
        cooccurrence=cooc,
    )
    seconds = time.perf_counter() - started
    truth = folder / "truth"
    out: dict[str, float] = {
        "activities": float(sum(m.graph.number_of_nodes() for m in maps.values())),
        "pairs": float(len(result.pairs)),
        "clusters": float(result.clusters["cluster"].nunique()) if len(result.clusters) else 0.0,
        "seconds": seconds,
    }
    if (truth / "duplicates.csv").exists():
        from procmine.evaluate import evaluate_duplicates

        out.update(evaluate_duplicates(result.pairs, truth))
    return out


def synthetic_maps(n: int, *, rich: bool, departments: int = 20, seed: int = 7) -> dict:
    """``n`` activities in ``departments`` straight-line process maps with random
    Japanese labels (four shared by every department); ``rich`` adds data fields,
    performers and role statistics (the most evidence each pair can collect)."""
    import random

    import networkx as nx
    import pandas as pd

    from procmine.model import ProcessMap

    rng = random.Random(seed)
    kanji = list("申請届出受付確認審査交付通知登録変更入力照会発行証明記入調査決定支給認定更新手続")
    nouns = ["".join(rng.sample(kanji, 2)) + "".join(rng.sample(kanji, 2)) for _ in range(3000)]
    shared = ["番号札発券", "本人確認", "口座登録", "所得照会"]
    fields = ["氏名", "住所", "生年月日", "電話番号", "口座", "所得", "個人番号", "世帯主"]
    per = n // departments
    maps = {}
    for d in range(departments):
        labels = list(
            dict.fromkeys(shared + [rng.choice(nouns) + rng.choice(nouns) for _ in range(2 * per)])
        )[:per]
        g = nx.DiGraph()
        for k, label in enumerate(labels):
            attrs: dict[str, object] = {"events": 20, "cases": 20, "median_minutes": 5.0}
            attrs["start"] = 20 if k == 0 else 0
            attrs["end"] = 20 if k == len(labels) - 1 else 0
            if rich:
                attrs["fields"] = tuple(rng.sample(fields, rng.randint(1, 4)))
                attrs["performer"] = rng.choice(["resident", "staff", "system"])
                attrs["same_day"] = rng.random()
                attrs["relative_position"] = k / max(1, len(labels) - 1)
                attrs["wait_minutes"] = rng.uniform(0, 60)
                attrs["recapture"] = rng.random()
            g.add_node(label, **attrs)
        for a, b in pairwise(labels):
            g.add_edge(a, b, count=20)
        maps[f"D{d:02d}"] = ProcessMap(f"D{d:02d}", g, pd.DataFrame(), pd.DataFrame(), 20, 20 * per)
    return maps


def scale(n: int) -> None:
    """CPU seconds and candidate pairs of :func:`match_activities` on ``n`` activities."""
    import procmine.match as pm

    default_limit = pm.ALL_PAIRS_LIMIT
    for rich in (False, True):
        maps = synthetic_maps(n, rich=rich)
        for mode, limit in (("default", default_limit), ("blocked", 0), ("all pairs", 10**9)):
            pm.ALL_PAIRS_LIMIT = limit
            try:
                started = time.process_time()
                result = match_activities(maps)
                cpu = time.process_time() - started
            finally:
                pm.ALL_PAIRS_LIMIT = default_limit
            kind = "labels, fields, roles" if rich else "labels only"
            print(
                f"  {n} activities, 20 departments, {kind:<21} {mode:<9}: "
                f"{cpu:5.1f} s CPU, {result.candidates:,} candidate pairs kept, "
                f"{result.clusters['cluster'].nunique() if len(result.clusters) else 0} clusters"
            )


def _show(key: str, value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{key} {value:.3f}"
    return f"{key} {int(value)}"


def _fmt(name: str, p: float, r: float, f: float) -> str:
    return f"  {name:<38} P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=Path, default=ROOT / "sample_logs")
    parser.add_argument("--pmmc", type=Path, default=ROOT.parent / "shared" / "pmmc")
    parser.add_argument("--other", type=Path, default=None)
    parser.add_argument("--skip-sample", action="store_true")
    parser.add_argument("--skip-other", action="store_true")
    parser.add_argument(
        "--no-cooccurrence",
        dest="cooccurrence",
        action="store_false",
        help="leave out visit co-occurrence (procmine analyze passes it)",
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=0,
        metavar="N",
        help="also time the matcher on N synthetic activities (e.g. 5000)",
    )
    args = parser.parse_args(argv)
    if args.scale:
        from procmine.match import ALL_PAIRS_LIMIT

        print(
            f"Scale (match_activities on synthetic maps; default: blocking above "
            f"{ALL_PAIRS_LIMIT} activities)"
        )
        scale(args.scale)

    if not args.skip_sample:
        print("Sample city (match_activities, default settings)")
        if not args.sample.exists() or not any(args.sample.glob("*")):
            print(f"  skipped: {args.sample} has no logs")
        else:
            res = sample_city(args.sample, with_cooccurrence=args.cooccurrence)
            if res is not None:
                print("  " + ", ".join(_show(k, v) for k, v in res.items()))
    if not args.skip_other:
        print(
            "Second town (procmine sample --city other; its errors were read while building the"
            " matcher: for a town never seen use other --seed draws)"
        )
        other = args.other
        if other is None:
            import tempfile

            from procmine.samples import generate

            try:
                other = Path(tempfile.mkdtemp(prefix="procmine-other-")) / "city"
                generate(other, size="small", city="other")  # type: ignore[call-arg]
            except TypeError:  # pragma: no cover - generator without cities
                other = None
        if other is None or not other.exists():
            print("  skipped: no second town")
        else:
            res = sample_city(other, with_cooccurrence=args.cooccurrence)
            if res is not None:
                print("  " + ", ".join(_show(k, v) for k, v in res.items()))
    for name, func in (
        ("university_admission", university_admission),
        ("asset_management", asset_management),
    ):
        root = args.pmmc / name
        print(f"PMMC 2015 {name} (match_models, default settings)")
        if not root.exists():
            print(f"  skipped: {root} not found")
            continue
        started = time.perf_counter()
        res = func(root)
        took = time.perf_counter() - started
        print(
            _fmt("procmine", res["precision"], res["recall"], res["f1"])
            + f"   (tp {res['tp']}, fp {res['fp']}, fn {res['fn']}; {took:.1f} s)"
        )
        res = func(root, per_label=True)
        print(
            _fmt("procmine analyze (per label)", res["precision"], res["recall"], res["f1"])
            + f"   (tp {res['tp']}, fp {res['fp']}, fn {res['fn']}: every element of a label)"
        )
        for anchor in ANCHORS[name]:
            print(_fmt(*anchor))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
