"""Score duplicate-activity pairs against a ground-truth folder.

The truth folder holds

``duplicates.csv``
    ``cluster, department, activity``: activities of one cluster are one task. Truth
    pairs are all pairs of a cluster's activities that lie in different departments.
``negatives.csv`` (optional)
    ``group, department, activity``: hard negatives, similar-looking work that must not
    be merged.
``aliases.csv`` (optional)
    ``department, alias, activity``: spelling variants; predicted names are mapped
    through it (and through :func:`procmine.text.normalize_label`) before comparison.

Only evaluation code reads a truth folder; the matcher never does.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from procmine.errors import InputError
from procmine.text.normalize import normalize_label

__all__ = ["evaluate_duplicates", "evaluate_report"]

Key = tuple[str, str]


def _read(path: Path, columns: list[str], *, required: bool) -> pd.DataFrame | None:
    if not path.exists():
        if required:
            raise InputError(f"{path} not found; the truth folder needs {path.name}")
        return None
    try:
        frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as err:
        raise InputError(f"cannot read {path}: {err}") from err
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"{path} lacks column(s) {', '.join(missing)}; "
            f"columns are {', '.join(map(str, frame.columns))}"
        )
    return frame


def evaluate_duplicates(pairs: pd.DataFrame, truth_dir: Path | str) -> dict[str, float]:
    """Precision, recall and F1 of predicted duplicate pairs, and hard-negative hits.

    Parameters
    ----------
    pairs : DataFrame
        Predicted pairs with ``department_a, activity_a, department_b, activity_b``
        (as in :attr:`procmine.match.MatchResult.pairs` or ``duplicates.csv``).
    truth_dir : Path or str
        Folder with ``duplicates.csv`` and optionally ``negatives.csv`` and
        ``aliases.csv``.

    Returns
    -------
    dict
        ``precision, recall, f1, tp, fp, fn`` over unordered cross-department pairs,
        ``hard_negative_pairs`` (predicted pairs, not in the truth, that join two members
        of one hard-negative group or a hard negative to a member of another group or
        cluster), ``truth_pairs`` and ``predicted_pairs``.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "duplicates.csv").write_text(
    ...     "cluster,department,activity\\nID,A,本人確認\\nID,B,申請者確認\\n", encoding="utf-8")
    >>> _ = (d / "negatives.csv").write_text(
    ...     "group,department,activity\\n通知,A,納税通知\\n通知,B,保険料通知\\n", encoding="utf-8")
    >>> pred = pd.DataFrame({"department_a": ["A", "A"], "activity_a": ["本人確認", "納税通知"],
    ...                      "department_b": ["B", "B"], "activity_b": ["申請者確認", "保険料通知"]})
    >>> r = evaluate_duplicates(pred, d)
    >>> r["tp"], r["fp"], r["fn"], r["hard_negative_pairs"], r["precision"]
    (1, 1, 0, 1, 0.5)
    """
    truth_dir = Path(truth_dir)
    dup = _read(truth_dir / "duplicates.csv", ["cluster", "department", "activity"], required=True)
    neg = _read(truth_dir / "negatives.csv", ["group", "department", "activity"], required=False)
    ali = _read(truth_dir / "aliases.csv", ["department", "alias", "activity"], required=False)
    assert dup is not None
    need = ["department_a", "activity_a", "department_b", "activity_b"]
    missing = [c for c in need if c not in pairs.columns]
    if missing:
        raise InputError(
            f"predicted pairs lack column(s) {', '.join(missing)}; "
            f"columns are {', '.join(map(str, pairs.columns))}"
        )

    members: dict[str, set[Key]] = {}
    for cluster, dept, act in dup[["cluster", "department", "activity"]].itertuples(index=False):
        members.setdefault(str(cluster), set()).add((str(dept), str(act)))
    truth: set[frozenset[Key]] = set()
    for group in members.values():
        ordered = sorted(group)
        for x, a in enumerate(ordered):
            for b in ordered[x + 1 :]:
                if a[0] != b[0]:
                    truth.add(frozenset((a, b)))
    negatives: dict[Key, set[str]] = {}
    if neg is not None:
        for group, dept, act in neg[["group", "department", "activity"]].itertuples(index=False):
            negatives.setdefault((str(dept), str(act)), set()).add(f"neg:{group}")
    groups_of: dict[Key, set[str]] = {}
    for cluster, group in members.items():
        for key in group:
            groups_of.setdefault(key, set()).add(f"dup:{cluster}")
    for key, groups in negatives.items():
        groups_of.setdefault(key, set()).update(groups)

    known: dict[Key, Key] = {}
    for key in groups_of:
        known.setdefault((key[0], normalize_label(key[1])), key)
    if ali is not None:
        for dept, alias, act in ali[["department", "alias", "activity"]].itertuples(index=False):
            known[(str(dept), str(alias))] = (str(dept), str(act))
            known.setdefault((str(dept), normalize_label(str(alias))), (str(dept), str(act)))

    def canon(dept: object, act: object) -> Key:
        key = (str(dept), str(act))
        if key in groups_of:
            return key
        if key in known:
            return known[key]
        return known.get((key[0], normalize_label(key[1])), key)

    predicted: set[frozenset[Key]] = set()
    for da, aa, db, ab in pairs[need].itertuples(index=False):
        a, b = canon(da, aa), canon(db, ab)
        if a[0] != b[0]:
            predicted.add(frozenset((a, b)))

    tp = len(predicted & truth)
    fp = len(predicted - truth)
    fn = len(truth - predicted)
    hard = 0
    for pair in predicted - truth:
        a, b = sorted(pair)
        ga, gb = groups_of.get(a, set()), groups_of.get(b, set())
        na, nb = a in negatives, b in negatives
        if (
            negatives.get(a, set()) & negatives.get(b, set())
            or (na and gb - negatives.get(a, set()))
            or (nb and ga - negatives.get(b, set()))
        ):
            hard += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "hard_negative_pairs": hard,
        "truth_pairs": len(truth),
        "predicted_pairs": len(predicted),
    }


def evaluate_report(report_dir: Path | str, truth_dir: Path | str) -> dict[str, float]:
    """:func:`evaluate_duplicates` on ``REPORT_DIR/duplicates.csv``.

    Raises
    ------
    InputError
        When the report has no ``duplicates.csv`` or the truth folder is incomplete.
    """
    path = Path(report_dir) / "duplicates.csv"
    frame = _read(path, ["department_a", "activity_a", "department_b", "activity_b"], required=True)
    assert frame is not None
    return evaluate_duplicates(frame, truth_dir)
