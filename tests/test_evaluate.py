"""Scoring predicted duplicate pairs against a truth folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from procmine.errors import InputError
from procmine.evaluate import evaluate_duplicates, evaluate_report


@pytest.fixture
def truth(tmp_path: Path) -> Path:
    (tmp_path / "duplicates.csv").write_text(
        "cluster,department,activity\n"
        "ID,市民課,本人確認\nID,税務課,申請者確認\nID,保険年金課,窓口での本人確認\n"
        "FORM,市民課,住民異動届記入\nFORM,市民課,印鑑登録申請書記入\nFORM,税務課,住民税申告受付\n",
        encoding="utf-8",
    )
    (tmp_path / "negatives.csv").write_text(
        "group,department,activity\n通知,税務課,納税通知書発送\n通知,保険年金課,国保税納税通知書発送\n"
        "審査,市民課,届書審査\n",
        encoding="utf-8",
    )
    (tmp_path / "aliases.csv").write_text(
        "department,alias,activity\n保険年金課,窓口本人確認,窓口での本人確認\n", encoding="utf-8"
    )
    return tmp_path


def _pairs(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["department_a", "activity_a", "department_b", "activity_b"])


def test_truth_pairs_are_cross_department_pairs_of_each_cluster(truth: Path) -> None:
    r = evaluate_duplicates(_pairs([]), truth)
    # ID: 3 departments → 3 pairs; FORM: 2 in 市民課 × 1 in 税務課 → 2 pairs
    assert r["truth_pairs"] == 5
    assert r["fn"] == 5 and r["recall"] == 0.0 and r["precision"] == 0.0


def test_perfect_prediction_through_aliases_and_spelling(truth: Path) -> None:
    pred = _pairs(
        [
            ("市民課", "本人確認", "税務課", "申請者確認"),
            ("保険年金課", "窓口本人確認", "市民課", "本人確認"),  # alias, reversed order
            ("税務課", "申請者確認", "保険年金課", "窓口での本人確認"),
            ("市民課", "住民異動届記入", "税務課", "住民税申告受付"),
            ("市民課", "印鑑登録申請書記入_窓口", "税務課", "住民税申告受付"),  # affix variant
            ("市民課", "本人確認", "税務課", "申請者確認"),  # duplicate row counts once
        ]
    )
    r = evaluate_duplicates(pred, truth)
    assert (r["tp"], r["fp"], r["fn"]) == (5, 0, 0)
    assert r["f1"] == 1.0 and r["hard_negative_pairs"] == 0


def test_hard_negative_pairs_are_counted(truth: Path) -> None:
    pred = _pairs(
        [
            ("税務課", "納税通知書発送", "保険年金課", "国保税納税通知書発送"),  # same group
            ("市民課", "届書審査", "税務課", "申請者確認"),  # negative joined to a cluster
            (
                "市民課",
                "住民異動届記入",
                "市民課",
                "印鑑登録申請書記入",
            ),  # same department: ignored
            ("市民課", "本人確認", "税務課", "住民税申告受付"),  # plain false positive
        ]
    )
    r = evaluate_duplicates(pred, truth)
    assert r["fp"] == 3 and r["hard_negative_pairs"] == 2 and r["predicted_pairs"] == 3


def test_missing_duplicates_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"duplicates\.csv"):
        evaluate_duplicates(_pairs([]), tmp_path)


def test_missing_columns_are_reported(truth: Path) -> None:
    with pytest.raises(InputError, match="activity_b"):
        evaluate_duplicates(pd.DataFrame({"department_a": [], "activity_a": []}), truth)


def test_report_folder_is_scored_from_its_duplicates_csv(truth: Path, tmp_path: Path) -> None:
    report = tmp_path / "report"
    report.mkdir()
    _pairs([("市民課", "本人確認", "税務課", "申請者確認")]).to_csv(
        report / "duplicates.csv", index=False
    )
    r = evaluate_report(report, truth)
    assert (r["tp"], r["fp"], r["fn"]) == (1, 0, 4)
    with pytest.raises(InputError, match=r"duplicates\.csv"):
        evaluate_report(tmp_path / "nothing", truth)
