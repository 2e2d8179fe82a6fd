"""Cross-department activity matching: evidence, aliases, clusters, hard negatives."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pandas as pd
import pytest

from procmine.errors import ConfigError
from procmine.match import MatchResult, match_activities, match_models
from procmine.model import ProcessMap

# (label, performer, fields, median minutes)
Step = tuple[str, str, tuple[str, ...], float]


def process_map(dept: str, steps: list[Step], *, cases: int = 20) -> ProcessMap:
    """A straight-line process map whose nodes carry discovery's attributes."""
    g = nx.DiGraph()
    for k, (label, performer, fields, minutes) in enumerate(steps):
        g.add_node(
            label,
            events=cases,
            cases=cases,
            median_minutes=minutes,
            performer=performer,
            start=cases if k == 0 else 0,
            end=cases if k == len(steps) - 1 else 0,
            fields=fields,
        )
    for (a, *_), (b, *_) in itertools.pairwise(steps):
        g.add_edge(a, b, count=cases)
    return ProcessMap(dept, g, pd.DataFrame(), pd.DataFrame(), cases, cases * len(steps))


FOUR = ("氏名", "住所", "生年月日")

CITY = {
    "市民課": [
        ("番号札発券", "system", (), 0.0),
        ("住民異動届記入", "resident", FOUR, 8.0),
        ("本人確認", "staff", ("本人確認書類",), 2.0),
        ("届書審査", "staff", (), 4.0),
        ("住民記録異動入力", "staff", FOUR + ("個人番号",), 7.0),
    ],
    "税務課": [
        ("番号札発券", "system", (), 0.0),
        ("課税証明書交付申請書記入", "resident", FOUR, 3.0),
        ("申請者確認", "staff", ("確認書類",), 2.0),
        ("課税台帳住所補正", "staff", ("住所",), 4.0),
        ("納税通知書発送", "system", (), 1.0),
    ],
    "介護保険課": [
        ("番号札発券", "system", (), 0.0),
        ("介護保険資格取得届記入", "resident", FOUR, 5.0),
        ("来庁者確認", "staff", ("本人確認書類",), 2.0),
        ("介護認定審査会", "external", ("要介護度",), 10080.0),
        ("認定結果通知", "staff", ("要介護度",), 30.0),
    ],
}
COLUMN_FIELDS = {("税務課", "確認書類"): "本人確認書類"}


def city_maps() -> dict[str, ProcessMap]:
    return {dept: process_map(dept, steps) for dept, steps in CITY.items()}


def cluster_of(result: MatchResult, dept: str, activity: str) -> int | None:
    rows = result.clusters[
        (result.clusters["department"] == dept) & (result.clusters["activity"] == activity)
    ]
    return None if rows.empty else int(rows["cluster"].iloc[0])


def pair_row(result: MatchResult, a: str, b: str) -> pd.Series:
    p = result.pairs
    rows = p[
        ((p["activity_a"] == a) & (p["activity_b"] == b))
        | ((p["activity_a"] == b) & (p["activity_b"] == a))
    ]
    assert len(rows) == 1, (a, b)
    return rows.iloc[0]


def test_label_different_activities_with_same_fields_and_position_match() -> None:
    result = match_activities(city_maps(), column_fields=COLUMN_FIELDS)
    ids = {
        cluster_of(result, d, a)
        for d, a in [("市民課", "本人確認"), ("税務課", "申請者確認"), ("介護保険課", "来庁者確認")]
    }
    assert len(ids) == 1 and None not in ids
    forms = {
        cluster_of(result, d, a)
        for d, a in [
            ("市民課", "住民異動届記入"),
            ("税務課", "課税証明書交付申請書記入"),
            ("介護保険課", "介護保険資格取得届記入"),
        ]
    }
    assert len(forms) == 1 and None not in forms
    assert forms != ids


def test_hard_negatives_stay_apart() -> None:
    result = match_activities(city_maps(), column_fields=COLUMN_FIELDS)
    review = cluster_of(result, "市民課", "届書審査")
    board = cluster_of(result, "介護保険課", "介護認定審査会")
    assert review is None or review != board
    notices = {
        cluster_of(result, "税務課", "納税通知書発送"),
        cluster_of(result, "介護保険課", "認定結果通知"),
    }
    assert notices == {None} or len(notices) == 2
    # every reported pair is in one cluster and in different departments
    assert (result.pairs["department_a"] != result.pairs["department_b"]).all()


def test_pairs_carry_evidence_columns_and_a_sentence() -> None:
    result = match_activities(city_maps(), column_fields=COLUMN_FIELDS)
    row = pair_row(result, "本人確認", "来庁者確認")
    assert row["shared_fields"] == "本人確認書類"
    assert row["performer"] == "staff"
    assert row["field_similarity"] == 1.0
    assert (
        "same fields: 本人確認書類" in row["evidence"]
        and "both performed by staff" in row["evidence"]
    )
    assert 0.0 <= row["score"] <= 1.0
    assert list(result.clusters.columns) == ["cluster", "department", "activity", "size"]


def test_column_fields_name_common_fields_across_headers() -> None:
    with_map = match_activities(city_maps(), column_fields=COLUMN_FIELDS)
    without = match_activities(city_maps())

    assert pair_row(with_map, "本人確認", "申請者確認")["field_similarity"] == 1.0
    p = without.pairs
    rows = p[(p["activity_a"] == "申請者確認") | (p["activity_b"] == "申請者確認")]
    assert rows.empty or (rows["field_similarity"] < 1.0).all()


def test_spelling_variants_merge_within_a_department() -> None:
    steps_a = [("番号札発券", "system", (), 0.0), ("本人確認", "staff", ("本人確認書類",), 2.0)]
    pm = process_map("市民課", steps_a)
    pm.graph.add_node(
        "本人確認_窓口", events=3, cases=3, performer="staff", fields=("本人確認書類",)
    )
    pm.graph.add_node("本人確認（窓口）", events=2, cases=2, performer="staff")
    pm.graph.add_edge("番号札発券", "本人確認_窓口", count=3)
    other = process_map(
        "税務課", [("番号札発券", "system", (), 0.0), ("本人確認", "staff", ("本人確認書類",), 2.0)]
    )
    result = match_activities({"市民課": pm, "税務課": other})
    assert result.aliases["市民課"] == {"本人確認_窓口": "本人確認", "本人確認（窓口）": "本人確認"}
    assert "本人確認_窓口" not in set(result.pairs["activity_a"]) | set(result.pairs["activity_b"])
    assert (
        (result.pairs["activity_a"] == "本人確認") & (result.pairs["activity_b"] == "本人確認")
    ).any()


def test_aliases_found_by_discovery_are_reported_too() -> None:
    pm = process_map("市民課", [("本人確認", "staff", (), 2.0)])
    pm.aliases = {"本人確認 ": "本人確認"}
    result = match_activities(
        {"市民課": pm, "税務課": process_map("税務課", [("受付", "staff", (), 2.0)])}
    )
    assert result.aliases == {"市民課": {"本人確認 ": "本人確認"}}


def test_missing_attributes_count_as_unknown() -> None:
    a, b = nx.DiGraph(), nx.DiGraph()
    a.add_edge("受付", "本人確認")
    b.add_edge("受付", "申請者の本人確認")
    maps = {
        "A": ProcessMap("A", a, pd.DataFrame(), pd.DataFrame(), 0, 0),
        "B": ProcessMap("B", b, pd.DataFrame(), pd.DataFrame(), 0, 0),
    }
    result = match_activities(maps)
    assert ((result.pairs["activity_a"] == "受付") & (result.pairs["activity_b"] == "受付")).any()
    assert result.pairs["performer"].eq("").all()
    assert result.pairs["duration_similarity"].isna().all()


def test_output_is_deterministic() -> None:
    first = match_activities(city_maps(), column_fields=COLUMN_FIELDS)
    second = match_activities(
        dict(reversed(list(city_maps().items()))), column_fields=COLUMN_FIELDS
    )
    pd.testing.assert_frame_equal(first.pairs, second.pairs)
    pd.testing.assert_frame_equal(first.clusters, second.clusters)


def test_cooccurrence_is_used_and_validated() -> None:
    cooc = pd.DataFrame(
        {
            "department_a": ["市民課"],
            "activity_a": ["本人確認"],
            "department_b": ["税務課"],
            "activity_b": ["申請者確認"],
            "cooccurrence": [0.9],
        }
    )
    base = match_activities(city_maps(), column_fields=COLUMN_FIELDS)
    boosted = match_activities(city_maps(), column_fields=COLUMN_FIELDS, cooccurrence=cooc)

    assert (
        pair_row(boosted, "本人確認", "申請者確認")["score"]
        > pair_row(base, "本人確認", "申請者確認")["score"]
    )
    with pytest.raises(ConfigError, match="cooccurrence"):
        match_activities(city_maps(), cooccurrence=cooc.drop(columns="cooccurrence"))


def test_threshold_outside_unit_interval_is_rejected() -> None:
    with pytest.raises(ConfigError, match="threshold"):
        match_activities(city_maps(), threshold=1.5)


def test_single_department_gives_empty_tables() -> None:
    result = match_activities({"市民課": process_map("市民課", CITY["市民課"])})
    assert result.pairs.empty and result.clusters.empty
    assert "evidence" in result.pairs.columns


def test_models_match_on_labels_and_structure_and_report_element_ids() -> None:
    a, b = nx.DiGraph(), nx.DiGraph()
    for g, names in (
        (a, ["Receive application", "Check documents", "Send rejection", "Send acceptance"]),
        (b, ["Application received", "Documents checked", "Rejection sent", "Acceptance sent"]),
    ):
        ids = [f"{id(g)}-{k}" for k in range(4)]
        for node, name in zip(ids, names, strict=True):
            g.add_node(node, label=name)
        g.add_edges_from([(ids[0], ids[1]), (ids[1], ids[2]), (ids[1], ids[3])])
    result = match_models({"A": a, "B": b})
    matched = {(r.activity_a, r.activity_b) for r in result.pairs.itertuples()}
    assert ("Send rejection", "Rejection sent") in matched
    assert ("Send rejection", "Acceptance sent") not in matched
    assert {"node_a", "node_b"} <= set(result.pairs.columns)
    assert result.aliases == {}


def test_models_never_merge_elements_with_equal_labels() -> None:
    a = nx.DiGraph()
    a.add_node("x1", label="Accepted")
    a.add_node("x2", label="Accepted")
    b = nx.DiGraph()
    b.add_node("y", label="Accepted")
    result = match_models({"A": a, "B": b})
    assert sorted(result.clusters["node"]) == ["x1", "x2", "y"]


def test_blocking_scales_to_5000_activities_in_20_departments() -> None:
    rng = random.Random(7)
    kanji = list("申請届出受付確認審査交付通知登録変更入力照会発行証明記入調査決定支給認定更新手続")
    nouns = ["".join(rng.sample(kanji, 2)) + "".join(rng.sample(kanji, 2)) for _ in range(3000)]
    shared = ["番号札発券", "本人確認", "口座登録", "所得照会"]
    maps = {}
    for d in range(20):
        dept = f"D{d:02d}"
        labels = list(
            dict.fromkeys(shared + [rng.choice(nouns) + rng.choice(nouns) for _ in range(260)])
        )[:250]
        steps: list[Step] = [(label, "staff", (), 5.0) for label in labels]
        maps[dept] = process_map(dept, steps)
    result = match_activities(maps)
    total = sum(pm.graph.number_of_nodes() for pm in maps.values())
    assert total == 5000
    assert result.candidates < total * total // 20  # blocking prunes most pairs
    for label in shared:
        members = result.clusters[result.clusters["activity"] == label]
        assert members["department"].nunique() >= 15, label


def test_maps_without_counts_use_the_graph_structure() -> None:
    """Maps built from process models have count=0 edges and no start/end counts."""

    def model_map(dept: str, labels: list[str]) -> ProcessMap:
        g = nx.DiGraph()
        for label in labels:
            g.add_node(label, events=0, cases=0, fields=(), performer="unknown")
        nx.add_path(g, labels, count=0)
        return ProcessMap(dept, g, pd.DataFrame(), pd.DataFrame(), 0, 0)

    maps = {
        "A": model_map("A", ["Receive application", "Check documents", "Send decision"]),
        "B": model_map("B", ["Application received", "Verify papers", "Decision sent"]),
    }
    result = match_activities(maps)
    assert result.pairs["context_similarity"].notna().all()
    assert (result.pairs["context_similarity"] > 0).any()
