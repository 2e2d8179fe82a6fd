"""Cross-department activity matching: evidence, aliases, clusters, hard negatives."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from procmine.errors import ConfigError
from procmine.match import MatchResult, match_activities, match_models
from procmine.model import Dataset, ProcessMap
from tests.conftest import line_map

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
    a.add_edge("番号札発券", "本人確認")
    b.add_edge("番号札発券", "申請者の本人確認")
    maps = {
        "A": ProcessMap("A", a, pd.DataFrame(), pd.DataFrame(), 0, 0),
        "B": ProcessMap("B", b, pd.DataFrame(), pd.DataFrame(), 0, 0),
    }
    result = match_activities(maps)
    pairs = result.pairs
    assert ((pairs["activity_a"] == "番号札発券") & (pairs["activity_b"] == "番号札発券")).any()
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


def test_blocking_keeps_first_steps_and_data_matches_whose_labels_differ(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Blocked candidates (used for large inputs) find the same duplicates as scoring every
    pair: queue tickets under unrelated labels (整理券 / 順番札 / 番号札) and forms that share
    their data but no label word."""
    import procmine.match as pm

    first = ("番号札発券", "整理券発行", "順番札の交付")
    forms = ("住民異動届記入", "介護保険資格取得届記入", "Claim form filled in")
    last = ("審査会資料作成", "納税通知書発送", "学齢簿照合")
    ticket = {"same_day": 1.0, "relative_position": 0.0, "position": 0.0, **_shares(0, 0, 1)}
    middle = (("総合案内", "用件聞き取り"), ("待合呼出", "番号表示"), ("Greeting", "Triage"))
    step = {"same_day": 1.0, "relative_position": 0.3, "position": 1.0, **_shares(0, 1)}
    form = {"same_day": 1.0, "relative_position": 0.6, "position": 3.0, **_shares(1, 0)}
    back = {"same_day": 0.0, "relative_position": 1.0, "position": 4.0, **_shares(0, 1)}
    maps = {
        f"D{d}": line_map(
            f"D{d}",
            [
                (first[d], ticket, ()),
                *((label, step, ()) for label in middle[d]),
                (forms[d], form, FOUR + ("電話番号",)),
                (last[d], back, ()),
            ],
        )
        for d in range(3)
    }

    def pairs(limit: int) -> set[frozenset[str]]:
        monkeypatch.setattr(pm, "ALL_PAIRS_LIMIT", limit)
        result = match_activities(maps)
        return {
            frozenset((a, b))
            for a, b in zip(result.pairs["activity_a"], result.pairs["activity_b"], strict=True)
        }

    everything = pairs(10**6)
    assert frozenset(("整理券発行", "順番札の交付")) in everything
    assert frozenset(("住民異動届記入", "Claim form filled in")) in everything
    assert pairs(0) == everything
    # in a large city every personal field is common: too frequent to block on
    monkeypatch.setattr(pm._cluster, "MAX_BLOCK_DF", 0)
    assert pairs(0) == everything


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


# ----------------------------------------------------------------- evidence from the logs


def _shares(resident: float, staff: float, system: float = 0.0) -> dict[str, float]:
    return {
        "resident_share": resident,
        "staff_share": staff,
        "system_share": system,
        "external_share": 0.0,
    }


#: A staff step at the counter, on the day of the visit (role attributes for line_map).
_COUNTER = {"same_day": 1.0, **_shares(0, 1)}
#: The queue ticket that opens a counter visit.
_QUEUE = ("番号札発券", {"same_day": 1.0, "relative_position": 0.0, **_shares(0, 0, 1)}, ())


def test_data_less_steps_at_the_end_need_matching_labels() -> None:
    """Issuing different documents at the end of a visit is not the same work, although
    both steps are staff steps without data at the same place; a check right after the
    queue ticket is the same work under different labels."""
    counter = _COUNTER
    queue = _QUEUE
    maps = {
        "介護保険課": line_map(
            "介護保険課",
            [
                queue,
                ("来庁者確認", {**counter, "relative_position": 0.2}, ()),
                ("被保険者証交付", {**counter, "relative_position": 1.0}, ()),
            ],
        ),
        "教育委員会": line_map(
            "教育委員会",
            [
                queue,
                ("保護者確認", {**counter, "relative_position": 0.2}, ()),
                ("転入学通知書交付", {**counter, "relative_position": 1.0}, ()),
            ],
        ),
    }
    result = match_activities(maps)
    checks = cluster_of(result, "介護保険課", "来庁者確認")
    assert checks is not None and checks == cluster_of(result, "教育委員会", "保護者確認")
    issued = cluster_of(result, "介護保険課", "被保険者証交付")
    assert issued is None or issued != cluster_of(result, "教育委員会", "転入学通知書交付")


def test_first_capture_and_rekeying_of_the_same_data_stay_apart() -> None:
    """A form the resident fills and a clerk re-keying the same fields are different tasks."""
    person = ("氏名", "住所", "生年月日", "電話番号")
    form = {"same_day": 1.0, "relative_position": 0.3, "recapture": 0.0}
    key = {"same_day": 1.0, "relative_position": 0.8, "recapture": 1.0}
    maps = {
        dept: line_map(
            dept,
            [
                ("番号札発券", {"same_day": 1.0, "relative_position": 0.0, **_shares(0, 0, 1)}, ()),
                (f"{topic}届記入", {**form, **_shares(1, 0)}, person),
                (f"{topic}台帳入力", {**key, **_shares(0, 1)}, person),
            ],
        )
        for dept, topic in (("保険年金課", "国保"), ("介護保険課", "介護"), ("障害福祉課", "手帳"))
    }
    result = match_activities(maps)
    forms = {
        cluster_of(result, d, f"{t}届記入")
        for d, t in (("保険年金課", "国保"), ("介護保険課", "介護"), ("障害福祉課", "手帳"))
    }
    keys = {
        cluster_of(result, d, f"{t}台帳入力")
        for d, t in (("保険年金課", "国保"), ("介護保険課", "介護"), ("障害福祉課", "手帳"))
    }
    assert len(forms) == 1 and None not in forms
    assert len(keys) == 1 and None not in keys
    assert forms != keys


def _rekeying_city() -> dict[str, ProcessMap]:
    """市民課 updates the resident record; three departments re-key it into their ledgers."""
    person = ("氏名", "住所", "生年月日", "個人番号")
    key = {"same_day": 1.0, "relative_position": 0.6, "recapture": 1.0, **_shares(0, 1)}
    queue = _QUEUE
    maps = {
        "市民課": line_map("市民課", [queue, ("住民記録異動入力", key, person)]),
    }
    for dept, label in (
        ("保険年金課", "国保資格異動入力"),
        ("介護保険課", "介護資格異動入力"),
        ("障害福祉課", "手帳台帳異動入力"),
    ):
        maps[dept] = line_map(dept, [queue, (label, key, person)])
    return maps


def test_the_authoritative_update_is_not_a_rekeying_of_itself() -> None:
    """Without authoritative columns the record update looks like the re-keys; with them
    it stays apart while the re-keys still form one task."""
    maps = _rekeying_city()
    plain = match_activities(maps)
    assert cluster_of(plain, "市民課", "住民記録異動入力") is not None
    record = {("市民課", c) for c in ("氏名", "住所", "生年月日", "個人番号")}
    result = match_activities(maps, authoritative_columns=record)
    assert cluster_of(result, "市民課", "住民記録異動入力") is None
    keys = {
        cluster_of(result, d, a)
        for d, a in (
            ("保険年金課", "国保資格異動入力"),
            ("介護保険課", "介護資格異動入力"),
            ("障害福祉課", "手帳台帳異動入力"),
        )
    }
    assert len(keys) == 1 and None not in keys


def test_a_single_reference_column_does_not_make_a_record_update() -> None:
    """One field kept as the reference copy by one department (an account) does not
    separate that department's step from the others capturing the same field."""
    maps = _rekeying_city()
    result = match_activities(maps, authoritative_columns={("保険年金課", "住所")})
    assert cluster_of(result, "市民課", "住民記録異動入力") == cluster_of(
        result, "保険年金課", "国保資格異動入力"
    )


def test_identity_checks_at_the_record_counter_are_not_record_updates() -> None:
    """The check at the counter of the system of record reads the record (氏名 and 生年月日
    are its columns) like every other department's check; it is not an update of it."""
    counter = {"same_day": 1.0, "relative_position": 0.2, **_shares(0, 1)}
    queue = _QUEUE
    seen = ("氏名", "生年月日")
    maps = {
        dept: line_map(dept, [queue, (label, counter, seen)])
        for dept, label in (
            ("市民課", "窓口での本人確認"),
            ("保険年金課", "来庁者の身元確認"),
            ("子育て支援課", "身分証明書の確認"),
        )
    }
    result = match_activities(maps, authoritative_columns={("市民課", c) for c in seen})
    checks = {
        cluster_of(result, d, a)
        for d, a in (
            ("市民課", "窓口での本人確認"),
            ("保険年金課", "来庁者の身元確認"),
            ("子育て支援課", "身分証明書の確認"),
        )
    }
    assert len(checks) == 1 and None not in checks


def test_a_form_written_for_the_reference_system_is_a_form_like_the_others() -> None:
    """A form the resident writes (…記入) for the department keeping the reference copy, with
    no staff on it, is the resident writing the same data again like the other forms: it
    is not the record's update, which staff key from it later."""
    form = {"same_day": 1.0, "relative_position": 0.3}
    queue = _QUEUE
    person = ("氏名", "住所", "生年月日", "個人番号")
    labels = (
        ("市税課", "申告書記入"),
        ("保険年金課", "国保異動届記入"),
        ("介護保険課", "介護保険届記入"),
    )
    maps = {dept: line_map(dept, [queue, (label, form, person)]) for dept, label in labels}
    result = match_activities(maps, authoritative_columns={("市税課", c) for c in person})
    forms = {cluster_of(result, d, a) for d, a in labels}
    assert len(forms) == 1 and None not in forms


def test_counters_taking_in_different_filings_without_common_data_stay_apart() -> None:
    """Each department taking in its own application (国保 資格取得届, 市営住宅 入居申込,
    要介護認定申請) at the counter, in the same place of the visit and recording nothing
    in common, runs its own procedure: not one task done three times."""
    counter = {"same_day": 1.0, "relative_position": 0.3, **_shares(0, 1)}
    queue = _QUEUE
    # the logs record data (the check reads the resident's name): "nothing in common" is seen
    check = ("本人確認", {"same_day": 1.0, "relative_position": 0.2, **_shares(0, 1)}, ("氏名",))
    labels = (
        ("保険年金課", "資格取得届受付", ("保険区分",)),
        ("住宅課", "入居申込受付", ("希望住戸",)),
        ("介護保険課", "要介護認定申請受付", ("主治医",)),
    )
    maps = {
        dept: line_map(dept, [queue, check, (label, counter, own)]) for dept, label, own in labels
    }
    result = match_activities(maps)
    found = [cluster_of(result, d, a) for d, a, _ in labels]
    assert all(c is None for c in found) or len(set(found)) == len(found), found
    assert cluster_of(result, "保険年金課", "本人確認") == cluster_of(result, "住宅課", "本人確認")


def test_batch_notices_of_different_documents_stay_apart() -> None:
    """Off-site batch notices share the verb (通知書発送) but not the object (納税 vs
    入学); identity checks at the counter still match."""
    batch = {"same_day": 0.0, "relative_position": 1.0, **_shares(0, 0, 1)}
    counter = {"same_day": 1.0, "relative_position": 0.2, **_shares(0, 1)}
    queue = _QUEUE
    maps = {
        "税務課": line_map(
            "税務課", [queue, ("申請者確認", counter, ()), ("納税通知書発送", batch, ())]
        ),
        "保険年金課": line_map(
            "保険年金課",
            [queue, ("窓口での本人確認", counter, ()), ("国保税納税通知書発送", batch, ())],
        ),
        "教育委員会": line_map(
            "教育委員会", [queue, ("保護者確認", counter, ()), ("入学通知書発送", batch, ())]
        ),
    }
    result = match_activities(maps)
    notices = [
        cluster_of(result, "税務課", "納税通知書発送"),
        cluster_of(result, "保険年金課", "国保税納税通知書発送"),
        cluster_of(result, "教育委員会", "入学通知書発送"),
    ]
    assert len({c for c in notices if c is not None}) == sum(c is not None for c in notices)
    assert cluster_of(result, "税務課", "申請者確認") is not None
    # the same labels done at the counter keep their verb-level similarity
    at_counter = {
        d: line_map(d, [queue, (a, counter, ())])
        for d, a in (("税務課", "納税通知書交付"), ("保険年金課", "国保税納税通知書交付"))
    }
    near = match_activities(at_counter).pairs
    far = match_activities(
        {
            d: line_map(d, [queue, (a, batch, ())])
            for d, a in (("税務課", "納税通知書交付"), ("保険年金課", "国保税納税通知書交付"))
        },
        threshold=0.0,
    ).pairs
    score = lambda p, a: float(p.loc[p["activity_a"].eq(a) | p["activity_b"].eq(a), "score"].max())  # noqa: E731
    assert score(far, "納税通知書交付") < score(near, "納税通知書交付")


def test_a_check_is_not_keying_into_a_register() -> None:
    """Checking an address and updating it in a ledger capture the same field, but the
    head actions differ (照合 vs 更新): less alike than two checks."""
    step = {"same_day": 1.0, "relative_position": 0.5, "recapture": 1.0, **_shares(0, 1)}
    queue = _QUEUE

    def score(other: str) -> float:
        maps = {
            "教育委員会": line_map("教育委員会", [queue, ("学齢簿住所照合", step, ("住所",))]),
            "障害福祉課": line_map("障害福祉課", [queue, (other, step, ("住所",))]),
        }
        return float(
            pair_row(match_activities(maps, threshold=0.0), "学齢簿住所照合", other)["score"]
        )

    assert score("手帳台帳住所更新") < score("手帳台帳住所確認") - 0.05


def test_taking_in_a_filing_is_not_keying_it_into_a_register() -> None:
    """Receiving an application and keying the same data into a ledger capture the same
    fields; the head actions differ (受付 vs 登録), while two receptions of filings of
    different procedures share theirs."""
    step = {"same_day": 1.0, "relative_position": 0.5, "recapture": 0.5, **_shares(0, 1)}
    queue = _QUEUE

    def row(other: str) -> pd.Series:
        maps = {
            "保険年金課": line_map("保険年金課", [queue, ("国民年金の届出受付", step, FOUR)]),
            "介護保険課": line_map("介護保険課", [queue, (other, step, FOUR)]),
        }
        return pair_row(match_activities(maps, threshold=0.0), "国民年金の届出受付", other)

    filing, entry = row("要介護認定申請の受付"), row("被保険者資格の異動登録")
    assert filing["score"] > entry["score"] + 0.2
    assert "same action (filing)" in filing["evidence"]
    assert "different actions (entry vs filing)" in entry["evidence"]


def test_answering_an_inquiry_is_not_making_it() -> None:
    """The department that answers income inquiries (回答) provides the data the others
    ask for (照会): the same field, the other side of the exchange."""
    back = {"same_day": 0.0, "relative_position": 0.9, **_shares(0, 1)}
    queue = _QUEUE

    def score(other: str) -> float:
        maps = {
            "保険年金課": line_map(
                "保険年金課", [queue, ("国保税賦課（所得照会）", back, ("所得",))]
            ),
            "税務課": line_map("税務課", [queue, (other, back, ("所得",))]),
        }
        return float(
            pair_row(match_activities(maps, threshold=0.0), "国保税賦課（所得照会）", other)[
                "score"
            ]
        )

    assert score("課税状況照会回答") < score("課税状況照会") - 0.2


def test_confidence_is_a_probability_with_a_readable_evidence_sentence() -> None:
    result = match_activities(city_maps(), column_fields=COLUMN_FIELDS)
    assert result.pairs["score"].between(0.0, 1.0).all()
    row = result.pairs.iloc[0]
    assert "label" in row["evidence"]


def test_eventually_follows_context_is_read_from_maps() -> None:
    from procmine.match._profile import from_maps

    pm = process_map("市民課", CITY["市民課"])
    pm.graph.nodes["本人確認"]["before"] = {"番号札発券": 1.0, "住民異動届記入": 0.9}
    items = from_maps({"市民課": pm}, None).items
    names = {k: it.name for k, it in enumerate(items)}
    check = next(it for it in items if it.name == "本人確認")
    assert {names[k] for k in check.before if k >= 0} == {"番号札発券", "住民異動届記入"}


def test_cooccurrence_measures_shared_visits() -> None:
    from procmine.match import cooccurrence
    from procmine.model import Dataset, EventLog

    def log(dept: str, rows: list[tuple[str, str, str, str]]) -> EventLog:
        ev = pd.DataFrame(rows, columns=["case", "activity", "timestamp", "person"])
        ev["timestamp"] = pd.to_datetime(ev["timestamp"])
        return EventLog(dept, ev, (), (f"{dept}.csv",))

    a = log(
        "A",
        [(f"a{p}", "本人確認", f"2026-04-0{p} 09:00", f"p{p}") for p in range(1, 7)]
        + [("a1", "交付", "2026-04-01 09:30", "p1")],
    )
    b = log(
        "B",
        [(f"b{p}", "申請者確認", f"2026-04-0{p} 11:00", f"p{p}") for p in range(1, 7)]
        + [("b9", "通知発送", "2026-04-20 10:00", "p1")],
    )
    from procmine.match._cooccur import PSEUDO_VISITS

    table = cooccurrence(Dataset({"A": a, "B": b}, [], []))
    got = {(r.activity_a, r.activity_b): r.cooccurrence for r in table.itertuples()}
    # 6 of 6 shared visits, shrunk by the pseudo-visits (few visits tell little)
    assert got[("本人確認", "申請者確認")] == pytest.approx(6 / (6 + PSEUDO_VISITS), abs=1e-3)
    assert got[("交付", "申請者確認")] == pytest.approx(1 / (6 + PSEUDO_VISITS), abs=1e-3)
    assert got[("本人確認", "申請者確認")] > 3 * got[("交付", "申請者確認")]
    assert ("本人確認", "通知発送") not in got  # a back-office day is not a shared visit
    assert list(table.columns) == [
        "department_a",
        "activity_a",
        "department_b",
        "activity_b",
        "cooccurrence",
    ]
    empty = cooccurrence(Dataset({"A": a}, [], []))
    assert empty.empty and "cooccurrence" in empty.columns


def test_discovery_records_the_role_of_each_step() -> None:
    """Performer shares, position, same-day share and re-keying come from the events."""
    from procmine.discover import discover
    from tests.conftest import make_log

    log = make_log(
        "課",
        [
            ("1", "番号札発券", "2026-04-01 09:00", "SYSTEM", "p1"),
            ("1", "届記入", "2026-04-01 09:10", "RESIDENT", "p1", "光陽太郎"),
            ("1", "台帳入力", "2026-04-01 09:20", "S-01", "p1", "光陽太郎"),
            ("1", "通知発送", "2026-04-05 09:00", "SYSTEM", "p1"),
            ("2", "番号札発券", "2026-04-02 09:00", "SYSTEM", "p2"),
            ("2", "届記入", "2026-04-02 09:30", "S-02", "p2", "光陽花子"),
            ("2", "台帳入力", "2026-04-02 09:40", "S-01", "p2", "光陽花子"),
        ],
        ("氏名",),
    )
    g = discover(log).graph
    form, key, notice = g.nodes["届記入"], g.nodes["台帳入力"], g.nodes["通知発送"]
    assert form["resident_share"] == 0.5 and form["staff_share"] == 0.5
    assert form["recapture"] == 0.0 and key["recapture"] == 1.0
    assert form["position"] == 1.0 and g.nodes["番号札発券"]["relative_position"] == 0.0
    assert form["after_system"] == 1.0 and key["after_system"] == 0.0
    assert notice["same_day"] == 0.0 and key["same_day"] == 1.0
    assert form["wait_minutes"] == 20.0  # median of 10 and 30
    assert notice["recapture"] is None
    assert key["before"] == {"番号札発券": 1.0, "届記入": 1.0}
    assert form["after"] == {"台帳入力": 1.0, "通知発送": 0.5}


def test_groups_whose_members_each_have_a_counterpart_are_joined() -> None:
    """Two halves of one kind of work: every member has one strong counterpart in the other
    group, so the mean over all cross pairs stays low; they are joined on the counterparts,
    but not when only one member of a group has one."""
    import numpy as np

    from procmine.match._cluster import merge_mutual

    dept = np.arange(6)
    groups = [[0, 1, 2], [3, 4, 5]]
    within = [(0, 1, 0.9), (0, 2, 0.9), (1, 2, 0.9), (3, 4, 0.9), (3, 5, 0.9), (4, 5, 0.9)]

    def run(across: list[tuple[int, int, float]], **options: float) -> list[list[int]]:
        rows = within + across
        arrays = tuple(np.array([r[k] for r in rows]) for k in range(3))
        pairs = (arrays[0].astype(np.int64), arrays[1].astype(np.int64), arrays[2])
        return merge_mutual(groups, pairs, dept, floor=0.45, ratio=1.0, **options)

    matched = [(0, 3, 0.9), (1, 4, 0.9), (2, 5, 0.9)]
    assert run(matched) == groups
    assert run(matched, threshold=0.5, counterpart_share=2 / 3) == [[0, 1, 2, 3, 4, 5]]
    assert run([(0, 3, 0.9)], threshold=0.5, counterpart_share=2 / 3) == groups


def test_an_activity_joins_the_cluster_its_best_partners_agree_on() -> None:
    """An activity whose best partners in two departments both reach the threshold and
    both belong to one cluster joins it; partners in different clusters, a partner below
    the threshold or a single witness are not enough."""
    import numpy as np

    from procmine.match._cluster import attach_consistent

    # departments 0..3 hold the cluster [0, 1, 2, 3]; 4..6 are in department 4, 5, 6;
    # cluster [7, 8] lies in departments 1 and 2; 9 is a second activity of department 1
    dept = np.array([0, 1, 2, 3, 4, 5, 6, 1, 2, 1])
    clusters = [[0, 1, 2, 3], [7, 8]]

    def run(rows: list[tuple[int, int, float]], witnesses: int = 2) -> list[list[int]]:
        arrays = tuple(np.array([r[k] for r in rows]) for k in range(3))
        pairs = (arrays[0].astype(np.int64), arrays[1].astype(np.int64), arrays[2])
        return attach_consistent(clusters, pairs, dept, threshold=0.5, witnesses=witnesses)

    assert run([(0, 4, 0.8), (1, 4, 0.6), (2, 4, 0.1)]) == [[0, 1, 2, 3, 4], [7, 8]]
    assert run([(0, 4, 0.8), (1, 4, 0.6)], witnesses=3) == clusters  # one witness short
    assert run([(0, 4, 0.8), (1, 4, 0.4)]) == clusters  # second partner below threshold
    assert run([(0, 4, 0.8), (8, 4, 0.7), (1, 4, 0.6)]) == clusters  # partners disagree
    # a one-to-one task takes no second activity of a department it already holds
    assert run([(0, 9, 0.8), (2, 9, 0.7)]) == clusters
    # attachments do not vouch for each other (5 is judged against the clusters as given)
    assert run([(0, 4, 0.8), (1, 4, 0.6), (4, 5, 0.55), (2, 5, 0.9)]) == [
        [0, 1, 2, 3, 4],
        [7, 8],
    ]


def test_role_statistics_of_a_handful_of_events_count_less() -> None:
    """Counter-evidence from a step's role (back office vs counter, position) counts in
    proportion to how many events measured it: one late claim is not a pattern."""
    import numpy as np

    from procmine.match._profile import from_maps
    from procmine.match._score import MatchWeights, Scorer

    def maps(events: int) -> dict[str, ProcessMap]:
        out = {}
        for dept, label, role in (
            ("保険年金課", "国保届受付", {"same_day": 1.0, "relative_position": 0.2}),
            ("こども家庭課", "手当請求受付", {"same_day": 0.0, "relative_position": 0.9}),
        ):
            pm = line_map(dept, [(label, {**role, **_shares(0, 1)}, ("氏名", "住所"))])
            pm.graph.nodes[label]["events"] = events
            out[dept] = pm
        return out

    def role_evidence(events: int) -> float:
        items = from_maps(maps(events), None).items
        scorer = Scorer(items, MatchWeights())
        return float(scorer.local(np.array([0]), np.array([1]))["role"][0])

    many, one = role_evidence(200), role_evidence(1)
    assert many < one < 0.0
    assert one == pytest.approx(many * (1 / 6) / (200 / 205), rel=1e-6)


def test_a_label_naming_its_data_gets_the_common_field_words() -> None:
    """An "Income review" filling *Taxable Income* (matched to the field 所得) names that
    field: its terms gain 所得, so it agrees with a Japanese 所得審査. A word that heads
    headers of two fields (*Account Number*, *My Number*) or is not a header's head word
    (taxable) names no field."""
    from procmine.match._profile import from_maps

    maps = {
        "子育て課": process_map(
            "子育て課",
            [
                ("Income review", "staff", ("Taxable Income",), 5.0),
                ("Number check", "staff", ("Account Number", "My Number"), 2.0),
                ("Taxable status check", "staff", ("Taxable Income",), 2.0),
            ],
        ),
        "福祉課": process_map("福祉課", [("所得審査", "staff", ("所得額",), 5.0)]),
    }
    fields = {
        ("子育て課", "Taxable Income"): "所得",
        ("子育て課", "Account Number"): "口座",
        ("子育て課", "My Number"): "個人番号",
        ("福祉課", "所得額"): "所得",
    }
    items = {it.name: it for it in from_maps(maps, fields).items}
    assert "所得" in items["Income review"].terms.synonyms
    assert not {"口座", "個人番号", "個人", "番号"} & set(items["Number check"].terms.synonyms)
    assert "所得" not in items["Taxable status check"].terms.synonyms
    assert "所得" in items["所得審査"].terms.words
    result = match_activities(maps, column_fields=fields)
    assert pair_row(result, "Income review", "所得審査")["label_similarity"] > 0.3


def test_a_member_of_a_pair_moves_to_the_cluster_its_stronger_partners_agree_on() -> None:
    """Mean linkage paired 4 with a weaker counterpart 5 after 4's strong partners (0, 1)
    formed a group: 4 moves there when both witnesses beat its partner, and 5 is left
    alone; a partner as strong as the witnesses keeps the pair."""
    import numpy as np

    from procmine.match._cluster import attach_consistent

    dept = np.array([0, 1, 2, 3, 4, 5])
    clusters = [[0, 1, 2, 3], [4, 5]]

    def run(partner: float) -> list[list[int]]:
        rows = [(0, 4, 0.85), (1, 4, 0.7), (4, 5, partner)]
        arrays = tuple(np.array([r[k] for r in rows]) for k in range(3))
        pairs = (arrays[0].astype(np.int64), arrays[1].astype(np.int64), arrays[2])
        return attach_consistent(clusters, pairs, dept, threshold=0.5)

    assert run(0.55) == [[0, 1, 2, 3, 4]]
    assert run(0.9) == clusters


def _chain(labels: list[str]) -> nx.DiGraph:
    g = nx.DiGraph()
    for k, name in enumerate(labels):
        g.add_node(f"n{k}", label=name)
    g.add_edges_from((f"n{k}", f"n{k + 1}") for k in range(len(labels) - 1))
    return g


@pytest.mark.parametrize(
    ("steps", "negated"),
    [
        (["Receive application", "Take interview", "Send decision"], "Not take interview"),
        (["申請受付", "課税証明書交付", "手数料収納"], "非課税証明書交付"),
    ],
)
def test_a_negated_action_does_not_match_the_plain_one(steps: list[str], negated: str) -> None:
    """B negates the middle step of A and C: A and C still match, B stays apart."""
    from procmine.match import _scored_pairs
    from procmine.match._profile import from_models
    from procmine.match._score import MatchWeights, Scorer, describe

    models = {
        "A": _chain(steps),
        "B": _chain([steps[0], negated, steps[2]]),
        "C": _chain(steps),
    }
    result = match_models(models)
    plain = steps[1]
    assert pair_row(result, plain, plain)["score"] >= 0.5
    assert cluster_of(result, "B", negated) != cluster_of(result, "A", plain)
    # the pair's own score, before clustering, is under the threshold
    profiles = from_models(models)
    scorer = Scorer(profiles.items, MatchWeights())
    pairs = _scored_pairs(scorer, 0.01)
    names = [(it.department, it.name) for it in profiles.items]
    a, b = names.index(("A", plain)), names.index(("B", negated))
    score = pairs.get(a, b)
    assert score is not None and score < 0.5
    row = pairs.row(a, b)
    assert row is not None and row["negation"] == 1.0
    assert "one label negates" in describe(profiles.items, a, b, row)


def test_a_negated_issue_stays_apart_even_with_the_same_data_and_neighbours() -> None:
    def steps(issue: str) -> list[Step]:
        return [
            ("番号札発券", "system", (), 0.0),
            ("交付申請書記入", "resident", FOUR, 3.0),
            (issue, "staff", FOUR, 4.0),
        ]

    maps = {
        "A": process_map("A", steps("課税証明書交付")),
        "B": process_map("B", steps("非課税証明書交付")),
        "C": process_map("C", steps("課税証明書交付")),
    }
    result = match_activities(maps)
    assert pair_row(result, "課税証明書交付", "課税証明書交付")["score"] >= 0.5
    assert cluster_of(result, "B", "非課税証明書交付") != cluster_of(result, "A", "課税証明書交付")


def test_steps_alone_in_their_cases_have_no_neighbourhood() -> None:
    """Two one-step cases (a phone call, a stop of a direct debit) share only the virtual
    start and end: no evidence, not a perfect neighbourhood; with a real predecessor the
    neighbourhood counts as before."""
    from procmine.match._profile import from_maps
    from procmine.match._score import MatchWeights, PairTable, Scorer

    def pm(dept: str, labels: list[str]) -> ProcessMap:
        g = nx.DiGraph()
        for k, label in enumerate(labels):
            g.add_node(label, events=50, cases=50, performer="staff",
                       start=50 * (k == 0), end=50 * (k == len(labels) - 1))  # fmt: skip
        nx.add_path(g, labels, count=50)
        return ProcessMap(dept, g, pd.DataFrame(), pd.DataFrame(), 50, 50)

    def context(a: list[str], b: list[str]) -> float:
        items = from_maps({"A": pm("A", a), "B": pm("B", b)}, None, None).items
        scorer = Scorer(items, MatchWeights())
        x = next(k for k, it in enumerate(items) if it.name == a[-1])
        y = next(k for k, it in enumerate(items) if it.name == b[-1])
        i, j = np.array([min(x, y)]), np.array([max(x, y)])
        return float(scorer.context(i, j, PairTable(scorer.n, i, j, np.array([0.5])))[0])

    assert np.isnan(context(["電話受付"], ["口座振替停止"]))
    assert context(["番号札", "電話受付"], ["番号札", "口座振替停止"]) > 0.5


def test_steps_alone_in_their_cases_count_as_counter_work_only_in_the_day() -> None:
    """A ticket machine's one-step cases open a counter visit (behaviour counts in full);
    a night batch's one-step cases do not, though both are 'first' in their cases."""
    from procmine.match._profile import from_maps
    from procmine.match._score import MatchWeights, Scorer

    def pm(dept: str, label: str, night: float) -> ProcessMap:
        g = nx.DiGraph()
        g.add_node(label, events=50, cases=50, performer="system", start=50, end=50,
                   night=night, relative_position=0.0)  # fmt: skip
        return ProcessMap(dept, g, pd.DataFrame(), pd.DataFrame(), 50, 50)

    def gate(night: float) -> float:
        maps = {"A": pm("A", "整理券発行", night), "B": pm("B", "呼出票発券", night)}
        scorer = Scorer(from_maps(maps, None, None).items, MatchWeights())
        return float(scorer.gate(np.array([0]), np.array([1]))[0])

    assert gate(0.0) == 1.0
    assert gate(1.0) == 0.0


def test_a_step_alone_in_its_case_is_not_a_visit_opener_beside_one() -> None:
    """A batch run alone in its cases (by day) and the ticket opening another department's
    visits are both 'first' and both run by the system: that is no evidence of one work
    (ことぶき市's batches had joined the tickets); two openers of visits still are."""
    from procmine.match._profile import from_maps
    from procmine.match._score import MatchWeights, Scorer

    def pm(dept: str, labels: list[str]) -> ProcessMap:
        g = nx.DiGraph()
        for k, label in enumerate(labels):
            g.add_node(label, events=50, cases=50, performer="system" if k == 0 else "staff",
                       start=50 * (k == 0), end=50 * (k == len(labels) - 1), night=0.0,
                       relative_position=k / max(len(labels) - 1, 1))  # fmt: skip
        nx.add_path(g, labels, count=50)
        return ProcessMap(dept, g, pd.DataFrame(), pd.DataFrame(), 50, 50)

    def gate(a: list[str], b: list[str]) -> float:
        items = from_maps({"A": pm("A", a), "B": pm("B", b)}, None, None).items
        x = next(k for k, it in enumerate(items) if it.name == a[0])
        y = next(k for k, it in enumerate(items) if it.name == b[0])
        scorer = Scorer(items, MatchWeights())
        return float(scorer.gate(np.array([min(x, y)]), np.array([max(x, y)]))[0])

    assert gate(["番号札発券", "受付", "交付"], ["納税通知書発送"]) == 0.0
    assert gate(["番号札発券", "受付", "交付"], ["整理券発行", "審査"]) == 1.0


def test_payments_of_different_benefits_differ_though_they_share_the_addressee() -> None:
    """Two back-office payments carry the same name, address and account (the addressee):
    what is paid must agree, so the different objects count against the pair."""

    def pm(dept: str, labels: list[str]) -> ProcessMap:
        g = nx.DiGraph()
        for k, label in enumerate(labels):
            fields = (
                ("氏名", "住所", "口座") if k == len(labels) - 1 else ("氏名", "住所", "生年月日")
            )
            g.add_node(label, events=80, cases=80, performer="staff", median_minutes=3.0,
                       start=80 * (k == 0), end=80 * (k == len(labels) - 1),
                       same_day=1.0 if k < 1 else 0.0, relative_position=k / (len(labels) - 1),
                       fields=fields)  # fmt: skip
        nx.add_path(g, labels, count=80)
        return ProcessMap(dept, g, pd.DataFrame(), pd.DataFrame(), 80, 80)

    maps = {
        "生活支援課": pm("生活支援課", ["保護申請書記入", "保護決定", "保護費支給"]),
        "長寿介護課": pm(
            "長寿介護課", ["介護保険届出書記入", "給付審査", "高額介護サービス費支給"]
        ),
    }
    pairs = match_activities(maps, threshold=0.0).pairs
    paid = pairs[
        pairs["activity_a"].str.endswith("支給") & pairs["activity_b"].str.endswith("支給")
    ]
    assert "different things sent" in paid["evidence"].iloc[0]


def _ward_city() -> tuple[dict[str, ProcessMap], Dataset]:
    """Two ward offices running the same procedures for their own residents, and a city
    hall department serving residents of both."""
    from procmine.model import EventLog

    counter = {"same_day": 1.0, "relative_position": 0.2, **_shares(0, 1)}
    steps = [("番号札発券", counter, ()), ("本人確認", counter, ()), ("住民票交付", counter, ())]
    maps = {d: line_map(d, steps) for d in ("北区役所_区民課", "南区役所_区民課")}
    maps["介護保険課"] = line_map(
        "介護保険課", [("番号札発券", counter, ()), ("来庁者の本人確認", counter, ())]
    )
    north = [f"N{i}" for i in range(40)]
    south = [f"S{i}" for i in range(40)]
    people = {
        "北区役所_区民課": north,
        "南区役所_区民課": south,
        "介護保険課": north[:20] + south[:20],
    }
    logs = {
        d: EventLog(d, pd.DataFrame({"person": pd.Series(p, dtype="string")}), (), ())
        for d, p in people.items()
    }
    return maps, Dataset(logs=logs, mappings=[], accounting=[])


def test_ward_offices_are_branches_not_duplicates_of_each_other() -> None:
    """The same step of two wards is the same work done for other residents: never a pair;
    a ward's step still pairs with the city hall's, which serves residents of both."""
    from procmine.match import branches

    maps, data = _ward_city()
    found = branches(data, maps)
    assert found == {frozenset({"北区役所_区民課", "南区役所_区民課"})}
    pairs = match_activities(maps, branches=found).pairs
    wards = {(a, b) for a, b in zip(pairs["department_a"], pairs["department_b"], strict=True)}
    assert ("北区役所_区民課", "南区役所_区民課") not in wards
    assert ("南区役所_区民課", "北区役所_区民課") not in wards
    checks = pairs[
        pairs["activity_a"].str.contains("確認") & pairs["activity_b"].str.contains("確認")
    ]
    assert len(checks) == 2  # each ward's check with the city hall's
    # without the branches, the wards' identical steps pair
    plain = match_activities(maps).pairs
    assert {"北区役所_区民課", "南区役所_区民課"} <= set(plain["department_a"]) | set(
        plain["department_b"]
    )
    assert (
        (plain["activity_a"] == plain["activity_b"]) & (plain["activity_a"] == "住民票交付")
    ).any()


def test_departments_sharing_one_package_in_a_city_without_wards_are_no_branches() -> None:
    """保育課 and 高齢課 use one package's generic labels and columns for parents and for the
    elderly, who share no resident: they are two departments, not one department's offices."""
    from procmine.match import branches

    maps, data = _ward_city()
    rename = {"北区役所_区民課": "保育課", "南区役所_区民課": "高齢課"}
    maps = {rename.get(d, d): m for d, m in maps.items()}
    logs = {rename.get(d, d): log for d, log in data.logs.items()}
    assert branches(Dataset(logs=logs, mappings=[], accounting=[]), maps) == set()


def test_a_department_recording_its_data_on_every_row_does_not_say_a_step_captures_nothing() -> (
    None
):
    """保険年金課 writes the resident's record on every row of its export: its columns are the
    case's, so its steps capture no data of their own — that is not evidence against pairing
    its forms with a form that does capture data; a department recording data in some steps
    and not in this one is."""
    from procmine.match._profile import from_maps
    from procmine.match._score import MatchWeights, Scorer

    def pm(dept: str, labels: list[str], fields: dict[str, tuple[str, ...]]) -> ProcessMap:
        g = nx.DiGraph()
        for k, label in enumerate(labels):
            g.add_node(label, events=50, cases=50, performer="staff", median_minutes=5.0,
                       start=50 * (k == 0), end=50 * (k == len(labels) - 1),
                       fields=fields.get(label, ()))  # fmt: skip
        nx.add_path(g, labels, count=50)
        return ProcessMap(dept, g, pd.DataFrame(), pd.DataFrame(), 50, 50)

    record = ("氏名", "住所", "生年月日")
    steps = ["番号札", "本人確認", "資格取得届の受付", "資格審査", "保険証交付"]
    kinds = {
        "on every row": dict.fromkeys(steps, record),
        "in another step": {"資格審査": record},
    }
    strength = {}
    for kind, fields in kinds.items():
        maps = {
            "A": pm("A", steps, fields),
            "B": pm("B", ["申請書の受付"], {"申請書の受付": record}),
            "C": pm("C", ["届出書の記入"], {"届出書の記入": record}),
        }
        items = from_maps(maps, None, None).items
        scorer = Scorer(items, MatchWeights())
        a = next(k for k, it in enumerate(items) if it.name == "資格取得届の受付")
        b = next(k for k, it in enumerate(items) if it.name == "申請書の受付")
        i, j = np.array([min(a, b)]), np.array([max(a, b)])
        strength[kind] = float(scorer.field(i, j)[1][0])
    assert strength["on every row"] == 0.0
    assert strength["in another step"] > 0.0


def test_night_batches_of_different_work_differ_though_they_carry_the_same_addressee() -> None:
    """A tax calculation and a dunning run, both at night, both carrying the resident's name
    and address: what each computes or sends must agree; the shared data is the addressee."""
    from procmine.match._profile import from_maps
    from procmine.match._score import MatchWeights, Scorer

    def pm(dept: str, label: str) -> ProcessMap:
        g = nx.DiGraph()
        g.add_node("受付", events=80, cases=80, performer="staff", start=80, end=0,
                   fields=("氏名", "住所", "生年月日"))  # fmt: skip
        g.add_node(label, events=80, cases=80, performer="system", start=0, end=80, night=1.0,
                   fields=("氏名", "住所"))  # fmt: skip
        nx.add_path(g, ["受付", label], count=80)
        return ProcessMap(dept, g, pd.DataFrame(), pd.DataFrame(), 80, 80)

    def score(a: str, b: str) -> float:
        items = from_maps({"A": pm("A", a), "B": pm("B", b)}, None, None).items
        scorer = Scorer(items, MatchWeights())
        x = next(k for k, it in enumerate(items) if it.name == a and it.department == "A")
        y = next(k for k, it in enumerate(items) if it.name == b and it.department == "B")
        return float(scorer.local(np.array([x]), np.array([y]))["object_difference"][0])

    assert score("税額計算", "督促状発送") > 0.5
    assert score("督促状発送", "督促状発送") == 0.0


def test_my_number_checks_worded_apart_are_one_kind_of_work() -> None:
    """個人番号の確認, マイナンバーの確認を行う and 番号確認 share no word Sudachi's dictionary
    relates to all three, yet check one number (番号法): one cluster, apart from the
    identity checks beside them."""
    steps = {
        "保険年金課": ("本人確認", "個人番号の確認", "国保資格取得届受付"),
        "介護保険課": ("来庁者確認", "マイナンバーの確認を行う", "要介護認定申請受付"),
        "税務課": ("申請者確認", "番号確認", "申告書受付"),
    }
    maps = {
        dept: process_map(
            dept,
            [
                ("番号札発券", "system", (), 0.0),
                (identity, "staff", (), 2.0),
                (number, "staff", (), 1.5),
                (filing, "staff", (), 6.0),
            ],
        )
        for dept, (identity, number, filing) in steps.items()
    }
    result = match_activities(maps)
    numbers = {cluster_of(result, d, s[1]) for d, s in steps.items()}
    identities = {cluster_of(result, d, s[0]) for d, s in steps.items()}
    assert len(numbers) == 1 and None not in numbers
    assert numbers.isdisjoint(identities)


def test_one_kind_of_work_late_in_the_case_counts_its_behaviour() -> None:
    """Income inquiries (課税状況の照会, 所得照会, 世帯の所得照会) done days after the counter, as
    the last step of their cases and without data in the logs: the labels name one kind of
    work on one concept, so the steps' alike behaviour counts as it does at the counter."""
    counter = _COUNTER
    back = {"same_day": 0.0, "relative_position": 1.0, **_shares(0, 1)}
    queue = _QUEUE
    steps = {
        "介護保険課": ("要介護認定申請受付", "課税状況の照会"),
        "保険年金課": ("国保加入届受付", "所得照会"),
        "障害福祉課": ("サービス支給申請受付", "世帯の所得照会"),
    }
    maps = {
        dept: line_map(
            dept,
            [
                queue,
                (filing, {**counter, "relative_position": 0.3}, ()),
                ("審査", {**back, "relative_position": 0.6}, ()),
                (inquiry, back, ()),
            ],
        )
        for dept, (filing, inquiry) in steps.items()
    }
    result = match_activities(maps)
    inquiries = {cluster_of(result, d, s[1]) for d, s in steps.items()}
    assert len(inquiries) == 1 and None not in inquiries


def test_forms_the_resident_writes_are_one_kind_of_work_however_named() -> None:
    """住異届記入, 国保資取届記入 and 申請書に必要事項を記入していただく: the resident writes their
    basic data once more on each department's form (書かせない); without data in the logs
    the forms' names share little, the writing is the work."""
    counter = _COUNTER
    queue = _QUEUE
    steps = {
        "住民課": ("本人確認", "住異届記入"),
        "保険年金課": ("窓口本人確認", "国保資取届記入"),
        "福祉課": ("申請者確認", "申請書に必要事項を記入していただく"),
    }
    maps = {
        dept: line_map(
            dept,
            [
                queue,
                (check, {**counter, "relative_position": 0.3}, ()),
                (form, {"same_day": 1.0, "relative_position": 0.6, **_shares(1, 0)}, ()),
                ("審査", {**counter, "relative_position": 1.0}, ()),
            ],
        )
        for dept, (check, form) in steps.items()
    }
    result = match_activities(maps)
    forms = {cluster_of(result, d, s[1]) for d, s in steps.items()}
    assert len(forms) == 1 and None not in forms


def test_one_kind_of_work_at_the_counter_and_in_the_back_office_is_one_work() -> None:
    """An income inquiry made at the counter while the resident waits (世帯の所得照会, first
    step, on the day) and one made days later in the back office (所得状況の照会, last step):
    where each falls in its case says nothing against their being one kind of work; two
    steps of different kinds placed so (a reception and a back-office decision) stay apart."""
    counter = _COUNTER
    back = {"same_day": 0.0, "wait_minutes": 4000.0, **_shares(0, 1)}
    queue = _QUEUE
    maps = {
        "障害福祉課": line_map(
            "障害福祉課",
            [
                queue,
                ("世帯の所得照会", {**counter, "relative_position": 0.2}, ()),
                ("サービス支給申請受付", {**counter, "relative_position": 0.5}, ()),
                ("支給決定", {**back, "relative_position": 1.0}, ()),
            ],
        ),
        "保険年金課": line_map(
            "保険年金課",
            [
                queue,
                ("国保加入届受付", {**counter, "relative_position": 0.3}, ()),
                ("賦課決定", {**back, "relative_position": 0.6}, ()),
                ("所得状況の照会", {**back, "relative_position": 1.0}, ()),
            ],
        ),
    }
    result = match_activities(maps)
    inquiry = cluster_of(result, "障害福祉課", "世帯の所得照会")
    assert inquiry is not None and inquiry == cluster_of(result, "保険年金課", "所得状況の照会")
    reception = cluster_of(result, "障害福祉課", "サービス支給申請受付")
    assert reception is None or reception != cluster_of(result, "保険年金課", "賦課決定")


def test_a_step_about_data_the_other_neither_names_nor_records_is_other_work() -> None:
    """An account registered (振込口座の登録, recording the account beside name and address) and
    a ledger entry recording name, address, birth date and phone but no account (母子台帳への
    登録) share most of their data, but the account is what the first is about: they are
    not one work. Two account registrations still are."""
    entry = {"same_day": 1.0, "relative_position": 0.6, "median_minutes": 5.0}
    person = ("氏名", "住所", "生年月日", "電話番号")
    maps = {
        "障害福祉課": line_map(
            "障害福祉課",
            [
                ("手帳交付申請受付", {"relative_position": 0.0}, ()),
                ("給付費振込先口座の登録", entry, (*person, "口座")),
                ("手帳交付", {"relative_position": 1.0}, ()),
            ],
        ),
        "健康づくり課": line_map(
            "健康づくり課",
            [
                ("妊娠届受付", {"relative_position": 0.0}, ()),
                ("母子台帳への登録", entry, person),
                ("母子健康手帳交付", {"relative_position": 1.0}, ()),
            ],
        ),
        "市民税課": line_map(
            "市民税課",
            [
                ("口座振替申込の登録", entry, (*person, "口座")),
                ("納税通知", {"relative_position": 1.0}, ()),
            ],
        ),
    }
    result = match_activities(maps)
    account = cluster_of(result, "障害福祉課", "給付費振込先口座の登録")
    assert account is not None and account == cluster_of(result, "市民税課", "口座振替申込の登録")
    assert cluster_of(result, "健康づくり課", "母子台帳への登録") != account
