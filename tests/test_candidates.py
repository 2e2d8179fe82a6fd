"""Savings model: redundant executions, hours per year, principle, ranking."""

from __future__ import annotations

import pandas as pd
import pytest

from procmine.candidates import CANDIDATE_COLUMNS, rank_candidates
from procmine.discover import discover_all
from procmine.model import Dataset, EventLog


def _ended(data: Dataset) -> Dataset:
    """``data`` with each event ending when the next event of its case starts: measured
    handling times equal to the gaps these tests were written with (the savings model counts
    measured times only; the last event of a case gets none)."""
    logs = {}
    for dept, log in data.logs.items():
        ev = log.events.copy()
        ev["end"] = ev.groupby("case", sort=False)["timestamp"].shift(-1)
        logs[dept] = EventLog(dept, ev, log.data_columns, log.sources)
    return Dataset(logs=logs, mappings=data.mappings, accounting=data.accounting)


@pytest.fixture
def two_departments(two_departments: Dataset) -> Dataset:
    """The shared two counters, with end times (see :func:`_ended`)."""
    return _ended(two_departments)


def _clusters(*members: tuple[int, str, str]) -> pd.DataFrame:
    return pd.DataFrame(members, columns=["cluster", "department", "activity"])


def test_second_identity_check_of_the_day_is_redundant(two_departments):
    maps = discover_all(two_departments.logs)
    clusters = _clusters((1, "市民課", "本人確認"), (1, "保険年金課", "窓口での本人確認"))
    out = rank_candidates(two_departments, maps, clusters, pd.DataFrame(), period_days=365)
    assert list(out.columns) == CANDIDATE_COLUMNS
    row = out.iloc[0]
    # two residents, each checked twice on one day -> 2 redundant executions (the 保険年金課 ones)
    assert row["redundant_executions_per_year"] == 2
    assert row["executions_per_year"] == 4
    # 保険年金課 checks take 6 and 4 minutes (end times) -> median 5 min each
    assert row["hours_saved_per_year"] == pytest.approx(2 * 5 / 60, abs=0.01)
    assert row["principle"] == "matasenai"
    assert row["rank"] == 1


def test_extrapolation_to_a_year(two_departments):
    maps = discover_all(two_departments.logs)
    clusters = _clusters((1, "市民課", "本人確認"), (1, "保険年金課", "窓口での本人確認"))
    month = rank_candidates(two_departments, maps, clusters, pd.DataFrame(), period_days=36.5)
    year = rank_candidates(two_departments, maps, clusters, pd.DataFrame(), period_days=365)
    assert month.iloc[0]["hours_saved_per_year"] == pytest.approx(
        10 * year.iloc[0]["hours_saved_per_year"], rel=0.01
    )


def test_resident_forms_map_to_kakasenai_and_repeats_outside_window_are_not_redundant(
    two_departments,
):
    maps = discover_all(two_departments.logs)
    clusters = _clusters((1, "市民課", "住民異動届記入"), (1, "保険年金課", "国保届記入"))
    out = rank_candidates(two_departments, maps, clusters, pd.DataFrame(), period_days=365)
    assert out.iloc[0]["principle"] == "kakasenai"
    none = rank_candidates(
        two_departments, maps, clusters, pd.DataFrame(), period_days=365, window_days=0.01
    )
    assert none.iloc[0]["redundant_executions_per_year"] == 0


def test_ranked_by_hours_and_fte(two_departments):
    maps = discover_all(two_departments.logs)
    clusters = _clusters(
        (1, "市民課", "本人確認"),
        (1, "保険年金課", "窓口での本人確認"),
        (2, "市民課", "住民異動届記入"),
        (2, "保険年金課", "国保届記入"),
    )
    out = rank_candidates(
        two_departments, maps, clusters, pd.DataFrame(), period_days=1, hours_per_fte=100
    )
    assert list(out["rank"]) == [1, 2]
    assert out["hours_saved_per_year"].is_monotonic_decreasing
    for _, row in out.iterrows():
        assert row["fte"] == pytest.approx(row["staff_hours_per_year"] / 100)
        assert row["hours_saved_per_year"] == pytest.approx(
            row["staff_hours_per_year"] + row["resident_hours_per_year"]
        )
    form = out[out["kind"] == "form"].iloc[0]
    assert form["staff_hours_per_year"] == 0 and form["resident_hours_per_year"] > 0


def test_queue_ticket_saves_the_residents_wait(two_departments):
    maps = discover_all(two_departments.logs)
    clusters = _clusters((1, "市民課", "番号札発券"), (1, "保険年金課", "番号札発券"))
    row = rank_candidates(two_departments, maps, clusters, pd.DataFrame(), period_days=365).iloc[0]
    assert row["kind"] == "queue" and row["principle"] == "matasenai"
    # 保険年金課 tickets are followed by 10 and 8 minutes of waiting
    assert row["resident_hours_per_year"] == pytest.approx(2 * 9 / 60)
    assert row["staff_hours_per_year"] == 0


def test_silo_candidate_counts_copies_outside_the_authoritative_source(two_departments):
    maps = discover_all(two_departments.logs)
    silos = _silo_of_two(
        "住所", departments=("市民課", "保険年金課"), inconsistency_rate=[0.0, 0.1]
    )
    out = rank_candidates(
        two_departments,
        maps,
        pd.DataFrame(columns=["cluster", "department", "activity"]),
        silos,
        period_days=365,
        minutes_per_field_entry=6,
    )
    row = out.iloc[0]
    assert row["kind"] == "silo" and row["principle"] == "kakasenai"
    assert row["redundant_executions_per_year"] == 2  # two values kept by 保険年金課
    assert row["hours_saved_per_year"] == pytest.approx(0.2)


def test_batch_system_steps_are_not_queues():
    from tests.conftest import make_dataset, make_log

    rows = lambda dept: [  # noqa: E731
        (f"{dept}1", "通知書発送", "2026-04-01 02:00", "SYSTEM", "P1"),
        (f"{dept}1", "問合せ対応", "2026-04-09 10:00", "S-1", "P1"),
    ]
    data = make_dataset(make_log("課A", rows("A")), make_log("課B", rows("B")))
    maps = discover_all(data.logs)
    clusters = _clusters((1, "課A", "通知書発送"), (1, "課B", "通知書発送"))
    row = rank_candidates(data, maps, clusters, pd.DataFrame(), period_days=365).iloc[0]
    assert row["kind"] == "batch"
    assert row["hours_saved_per_year"] == 0


def test_silo_does_not_count_values_a_duplicate_cluster_already_counts(two_departments):
    maps = discover_all(two_departments.logs)
    silos = _silo_of_two(
        "住所", departments=("市民課", "保険年金課"), inconsistency_rate=[0.0, 0.1]
    )
    clusters = _clusters((1, "市民課", "住民異動届記入"), (1, "保険年金課", "国保届記入"))
    out = rank_candidates(
        two_departments, maps, clusters, silos, period_days=365, minutes_per_field_entry=6
    )
    silo = out[out["kind"] == "silo"].iloc[0]
    assert silo["redundant_executions_per_year"] == 0 and silo["hours_saved_per_year"] == 0


def _lookups(label_a: str, label_b: str):
    """Two departments look up the same field once per resident, weeks apart (no repeat)."""
    from tests.conftest import make_dataset, make_log

    def rows(dept: str, label: str, day: int) -> list[tuple]:
        return [
            (f"{dept}1", "受付", f"2026-04-{day:02d} 09:00", "S-1", "P1"),
            (f"{dept}1", label, f"2026-04-{day:02d} 09:10", "S-2", "P1", "光陽市本町1-2-3"),
            (f"{dept}1", "決定", f"2026-04-{day:02d} 09:20", "S-3", "P1"),
        ]

    data = make_dataset(
        make_log("課A", rows("A", label_a, 1), ("住所",)),
        make_log("課B", rows("B", label_b, 28), ("現住所",)),
    )
    return data, discover_all(data.logs)


def test_inquiries_are_redundant_in_full_and_replaced_by_data_linkage():
    data, maps = _lookups("世帯状況確認（住記照会）", "住民記録照会")
    clusters = _clusters((1, "課A", "世帯状況確認（住記照会）"), (1, "課B", "住民記録照会"))
    row = rank_candidates(data, maps, clusters, pd.DataFrame(), period_days=365).iloc[0]
    assert row["kind"] == "inquiry" and row["dx_theme"] == "standardization"
    # no execution repeats within 14 days, yet data linkage replaces both inquiries
    assert row["redundant_executions_per_year"] == 2
    assert "情報連携" in row["title"]


def test_checks_that_are_not_inquiries_keep_the_window_rule():
    data, maps = _lookups("住所確認", "現住所確認")
    clusters = _clusters((1, "課A", "住所確認"), (1, "課B", "現住所確認"))
    row = rank_candidates(data, maps, clusters, pd.DataFrame(), period_days=365).iloc[0]
    assert row["kind"] == "check" and row["dx_theme"] == "frontyard"
    assert row["redundant_executions_per_year"] == 0


def _silo_of_two(
    field: str, departments: tuple[str, str] = ("課A", "課B"), **columns: object
) -> pd.DataFrame:
    """A silo field kept by two departments, the first authoritative; ``columns`` adds
    columns (a list: one value per department; else the same value for both)."""
    frame: dict[str, object] = {
        "field": [field, field],
        "department": list(departments),
        "column": ["住所", "現住所"],
        "authoritative": [True, False],
    }
    for name, value in columns.items():
        frame[name] = value if isinstance(value, list) else [value, value]
    return pd.DataFrame(frame)


def test_my_number_checks_are_told_by_the_field_type_and_name_the_silo():
    data, maps = _lookups("番号確認", "番号チェック")
    clusters = _clusters((1, "課A", "番号確認"), (1, "課B", "番号チェック"))
    silos = _silo_of_two("個人番号", field_type="my_number")
    out = rank_candidates(data, maps, clusters, silos, period_days=365)
    row = out[out["kind"] != "silo"].iloc[0]
    assert row["kind"] == "mynumber" and row["dx_theme"] == "mynumber_card"
    assert "silo 個人番号 (2 departments)" in row["basis"]
    untyped = rank_candidates(
        data, maps, clusters, silos.assign(field_type="address"), period_days=365
    )
    assert untyped[untyped["kind"] != "silo"].iloc[0]["kind"] == "check"


def test_every_kind_has_a_dx_theme_and_a_title():
    from procmine.candidates import _EFFORT, _TITLES, DX_THEMES

    assert set(DX_THEMES) == set(_EFFORT) == set(_TITLES["ja"]) == set(_TITLES["en"])


def test_account_registrations_are_told_by_the_field_type():
    data, maps = _lookups("口座登録", "振込口座確認")
    clusters = _clusters((1, "課A", "口座登録"), (1, "課B", "振込口座確認"))
    silos = _silo_of_two("口座", field_type="bank_account")
    out = rank_candidates(data, maps, clusters, silos, period_days=365)
    row = out[out["kind"] != "silo"].iloc[0]
    assert row["kind"] == "account" and row["principle"] == "kakasenai"


def _keying(dept_a: str = "課A", dept_b: str = "課B"):
    """Two departments key in the same resident's name, address and birth date, weeks apart."""
    from tests.conftest import make_dataset, make_log

    def rows(dept: str, label: str, day: int) -> list[tuple]:
        return [
            (f"{dept}1", "受付", f"2026-04-{day:02d} 09:00", "S-1", "P1"),
            (
                f"{dept}1",
                label,
                f"2026-04-{day:02d} 09:10",
                "S-2",
                "P1",
                "光陽太郎",
                "光陽市本町1-2-3",
                "1980-01-02",
            ),
            (f"{dept}1", "決定", f"2026-04-{day:02d} 09:20", "S-3", "P1"),
        ]

    data = make_dataset(
        make_log(dept_a, rows("A", "記載入力", 1), ("氏名", "住所", "生年月日")),
        make_log(dept_b, rows("B", "台帳入力", 28), ("氏名", "住所", "生年月日")),
    )
    silos = pd.DataFrame(
        {
            "field": ["氏名", "氏名", "住所", "住所", "生年月日", "生年月日"],
            "department": [dept_a, dept_b] * 3,
            "column": ["氏名", "氏名", "住所", "住所", "生年月日", "生年月日"],
            "authoritative": [True, False] * 3,
        }
    )
    clusters = _clusters((1, dept_a, "記載入力"), (1, dept_b, "台帳入力"))
    return data, discover_all(data.logs), clusters, silos


def test_rekeying_data_held_elsewhere_is_redundant_every_time():
    data, maps, clusters, silos = _keying()
    out = rank_candidates(data, maps, clusters, silos, period_days=365)
    row = out[out["kind"] != "silo"].iloc[0]
    assert row["kind"] == "rekey"
    # 課B keys copies of fields 課A holds: redundant although 27 days after 課A's keying;
    # 課A's own keying is the first capture at the authoritative source and stays
    assert row["redundant_executions_per_year"] == 1
    assert "authoritative copy another department keeps" in row["assumption"]
    # without silo evidence (who holds the data) the window rule applies: no repeat
    bare = rank_candidates(data, maps, clusters, pd.DataFrame(), period_days=365).iloc[0]
    assert bare["kind"] == "rekey" and bare["redundant_executions_per_year"] == 0


def test_a_form_the_resident_writes_is_not_rekeying_even_in_a_rekeying_cluster():
    """A resident's filing matched into a re-keying cluster: data linkage replaces the
    clerks' keying, not the filing, so the form keeps the window rule (a month later it is
    no repeat), while 課B's keying of 課A's data stays redundant every time."""
    from tests.conftest import make_dataset, make_log

    data, _, clusters, silos = _keying()
    form = make_log(
        "課C",
        [
            ("C1", "受付", "2026-05-30 09:00", "S-1", "P1"),
            (
                "C1",
                "届書記入",
                "2026-05-30 09:10",
                "RESIDENT",
                "P1",
                "光陽太郎",
                "本町1-2-3",
                "1980",
            ),
            ("C1", "決定", "2026-05-30 09:20", "S-3", "P1"),
        ],
        ("氏名", "住所", "生年月日"),
    )
    data = make_dataset(*data.logs.values(), form)
    maps = discover_all(data.logs)
    clusters = pd.concat([clusters, _clusters((1, "課C", "届書記入"))], ignore_index=True)
    copies = pd.DataFrame({"field": ["氏名", "住所", "生年月日"], "department": "課C"})
    copies = copies.assign(column=copies["field"], authoritative=False)
    silos = pd.concat([silos, copies], ignore_index=True)
    row = rank_candidates(data, maps, clusters, silos, period_days=365)
    row = row[row["kind"] != "silo"].iloc[0]
    assert row["kind"] == "rekey"
    assert row["redundant_executions_per_year"] == 1  # 課B's keying; not 課C's form


def test_keying_one_field_again_is_rekeying_not_a_check():
    """A new address keyed into each ledger (住変入力, 住所異動入力) fills one field: still
    re-keying data another department holds; a check of one field stays a check."""
    from tests.conftest import make_dataset, make_log

    def city(label_a: str, label_b: str):
        def rows(dept: str, label: str, day: int) -> list[tuple]:
            return [
                (f"{dept}1", "受付", f"2026-04-{day:02d} 09:00", "S-1", "P1"),
                (f"{dept}1", label, f"2026-04-{day:02d} 09:10", "S-2", "P1", "光陽市本町1-2-3"),
                (f"{dept}1", "決定", f"2026-04-{day:02d} 09:20", "S-3", "P1"),
            ]

        data = make_dataset(
            make_log("課A", rows("A", label_a, 1), ("住所",)),
            make_log("課B", rows("B", label_b, 28), ("住所",)),
        )
        clusters = _clusters((1, "課A", label_a), (1, "課B", label_b))
        out = rank_candidates(
            data, discover_all(data.logs), clusters, pd.DataFrame(), period_days=365
        )
        return out.iloc[0]["kind"]

    assert city("住変入力", "住所異動入力") == "rekey"
    assert city("住所確認", "住所地確認") == "check"


def test_rekey_redundancy_feeds_the_what_if_events():
    from procmine.candidates import redundant_events

    data, maps, clusters, silos = _keying()
    ev = redundant_events(data, maps, clusters, silos=silos)
    assert ev[["department", "activity"]].values.tolist() == [["課B", "台帳入力"]]


def test_the_performer_of_most_executions_decides_the_kind():
    from procmine.candidates import _kind

    members = pd.DataFrame(
        {
            "activity": ["申請書記入", "届記入", "申請受付", "届出受付"],
            "performer": ["resident", "resident", "staff", "staff"],
            "nfields": [4, 4, 4, 4],
            "wait_after": [None] * 4,
            "events": [300, 200, 20, 10],
        }
    )
    # two resident and two staff members: the residents' 500 writings outweigh 30 receipts
    assert _kind(members)[0] == "form"
    assert _kind(members.assign(events=[10, 20, 300, 200]))[0] == "rekey"


def test_labels_that_say_what_the_work_is_decide_over_a_record_carried_on_every_row():
    """A log writing the resident's record (with the account) on every row makes an identity
    check and a form look like account registrations by their data; their labels say what
    they are."""
    from procmine.candidates import _kind

    members = pd.DataFrame(
        {
            "activity": ["本人確認", "来所者本人確認", "Visitor identity check"],
            "performer": ["staff"] * 3,
            "nfields": [8, 8, 8],
            "wait_after": [None] * 3,
            "events": [100, 100, 100],
            "my_number": [False] * 3,
            "account": [True] * 3,
        }
    )
    assert _kind(members)[0] == "identity"
    forms = members.assign(
        activity=["国保異動届記入", "認定請求書記入", "Application form filled in"]
    )
    assert _kind(forms)[0] == "form"
    assert (
        _kind(forms.assign(activity=["口座登録", "振込口座の登録", "口座振替受付"]))[0] == "account"
    )
    # labels that also name keying the data in are re-keying, as the data says
    keyed = members.assign(
        activity=["本人確認・転入届入力", "本人確認後 住所異動入力", "記入内容の入力"]
    )
    assert _kind(keyed.assign(account=False))[0] == "rekey"


def test_redundant_executions_are_handed_to_the_what_if_once_for_the_same_inputs():
    from procmine import candidates as cand

    data, maps, clusters, silos = _keying()
    ranked = rank_candidates(data, maps, clusters, silos, period_days=365)
    fresh = cand.redundant_events(data, maps, clusters, silos=silos)
    kept = cand._HANDOVER[id(ranked)][-1]
    # other inputs (a window of 1 day) do not get it: found again for that window
    other = cand.redundant_events(
        data, maps, clusters, silos=silos, window_days=1.0, candidates=ranked
    )
    assert other is not kept and id(ranked) not in cand._HANDOVER
    ranked = rank_candidates(data, maps, clusters, silos, period_days=365)
    kept = cand._HANDOVER[id(ranked)][-1]
    handed = cand.redundant_events(data, maps, clusters, silos=silos, candidates=ranked)
    assert handed is kept
    pd.testing.assert_frame_equal(handed, fresh)
    again = cand.redundant_events(data, maps, clusters, silos=silos, candidates=ranked)
    assert again is not kept  # handed over once, then found again
    pd.testing.assert_frame_equal(again, fresh)
    key = id(ranked)
    del ranked
    assert key not in cand._HANDOVER


def _counter_day(*steps: tuple[str, str | None, str | None]):
    """Two residents visit 課A then 課B on one day; each counter runs ``steps`` — (label,
    My Number, account) — after a reception step, so every step repeats within the day."""
    from tests.conftest import make_dataset, make_log

    def rows(dept: str, hour: int) -> list[tuple]:
        out = []
        for person in ("P1", "P2"):
            case = f"{dept}-{person}"
            out.append((case, "受付", f"2026-04-01 {hour:02d}:00", "S-1", person, None, None))
            for k, (label, number, account) in enumerate(steps, start=1):
                stamp = f"2026-04-01 {hour:02d}:{5 * k:02d}"
                out.append((case, label, stamp, "S-2", person, number, account))
            out.append((case, "決定", f"2026-04-01 {hour:02d}:55", "S-3", person, None, None))
        return out

    data = _ended(
        make_dataset(
            make_log("課A", rows("A", 9), ("個人番号", "口座")),
            make_log("課B", rows("B", 11), ("マイナンバー", "振込口座")),
        )
    )
    silos = pd.DataFrame(
        {
            "field": ["個人番号", "個人番号", "口座", "口座"],
            "department": ["課A", "課B", "課A", "課B"],
            "column": ["個人番号", "マイナンバー", "口座", "振込口座"],
            "field_type": ["my_number", "my_number", "bank_account", "bank_account"],
            "authoritative": [True, False, True, False],
        }
    )
    return data, discover_all(data.logs), silos


def test_identity_and_my_number_checks_are_one_reform_at_the_counter():
    data, maps, silos = _counter_day(
        ("本人確認", None, None), ("番号確認", "123456789018", None), ("資格確認", None, None)
    )
    clusters = _clusters(
        (1, "課A", "本人確認"),
        (1, "課B", "本人確認"),
        (2, "課A", "番号確認"),
        (2, "課B", "番号確認"),
        (3, "課A", "資格確認"),
        (3, "課B", "資格確認"),
    )
    out = rank_candidates(data, maps, clusters, silos, period_days=365)
    steps = out[out["kind"] != "silo"]
    identity = steps[steps["kind"] == "identity"]
    assert len(identity) == 1  # one candidate for both clusters
    row = identity.iloc[0]
    assert row["clusters"].split(" / ") == ["1", "2"]
    assert "マイナンバーカード" in row["title"] and row["dx_theme"] == "frontyard"
    # each cluster: two residents checked again at 課B (5 min each) -> 4 redundant, 20 min
    assert row["redundant_executions_per_year"] == 4
    assert row["hours_saved_per_year"] == pytest.approx(20 / 60)
    assert "duplicate clusters" in row["basis"] and "silo 個人番号" in row["basis"]
    # a check that names no person (an eligibility check) stays a candidate of its own
    other = steps[steps["kind"] == "check"]
    assert list(other["clusters"]) == ["3"]


def test_my_number_checks_alone_stay_my_number_candidates():
    data, maps, silos = _counter_day(("番号確認", "123456789018", None))
    clusters = _clusters((2, "課A", "番号確認"), (2, "課B", "番号確認"))
    out = rank_candidates(data, maps, clusters, silos, period_days=365)
    assert list(out.loc[out["kind"] != "silo", "kind"]) == ["mynumber"]


def test_one_account_register_rests_on_every_account_cluster_and_owns_the_silo():
    data, maps, silos = _counter_day(
        ("口座登録", None, "普通 1234567"), ("振込口座確認", None, "普通 1234567")
    )
    clusters = _clusters(
        (1, "課A", "口座登録"),
        (1, "課B", "口座登録"),
        (2, "課A", "振込口座確認"),
        (2, "課B", "振込口座確認"),
    )
    split = rank_candidates(data, maps, clusters.iloc[:2], silos, period_days=365)
    out = rank_candidates(data, maps, clusters, silos, period_days=365)
    register = out[out["kind"] == "account"]
    assert len(register) == 1 and sorted(register.iloc[0]["clusters"].split(" / ")) == ["1", "2"]
    # the bank-account silo is the register's own field: no candidate of its own
    assert "口座" not in set(out.loc[out["kind"] == "silo", "lead"])
    # with cluster 2 left out of every cluster, its account values are re-captures of the
    # silo, which the register takes over: 課B's two values at 0.5 min
    alone = split[split["kind"] == "account"].iloc[0]
    assert "silo 口座" in alone["basis"]
    assert alone["redundant_executions_per_year"] == 2 + 2
    assert alone["hours_saved_per_year"] == pytest.approx((2 * 5 + 2 * 0.5) / 60)
    assert alone["minutes_per_execution"] * alone["redundant_executions_per_year"] == (
        pytest.approx(11)
    )


@pytest.mark.parametrize(
    ("label", "identity"),
    [
        ("本人確認", True),
        ("身元確認書類チェック", True),
        ("来庁者確認", True),
        ("届出人の本人確認", True),
        ("身分証確認", True),
        ("申請者本人の確認", True),
        ("Verify ID", True),
        ("Check applicant identity", True),
        ("Applicant check", True),
        ("ID check", True),
        ("Check photo ID", True),
        ("Verify applicant's ID", True),
        ("ID確認", True),
        ("届出者確認", True),
        ("窓口で身元を確認", True),
        ("運転免許証等の確認", True),
        ("Validate invoice ID", False),
        ("Check claim ID", False),
        ("Verify order id number", False),
        ("Applicant check-in", False),
        ("申請者の所得確認", False),
        ("資格確認", False),
        ("Check the applicant's income", False),
        ("Identify applicant needs", False),
        ("Check idle accounts", False),
    ],
)
def test_identity_checks_are_labels_that_check_who_the_person_is(label, identity):
    from procmine.candidates import _names_identity

    assert _names_identity(label) is identity


def test_a_bank_account_silo_without_an_account_register_stays_a_silo_candidate():
    data, maps, silos = _counter_day(("口座登録", None, "普通 1234567"))
    out = rank_candidates(data, maps, _clusters(), silos, period_days=365)
    silo = out[(out["kind"] == "silo") & (out["lead"] == "口座")]
    assert len(silo) == 1 and silo.iloc[0]["redundant_executions_per_year"] == 2
    untyped = rank_candidates(
        data, maps, _clusters(), silos.drop(columns="field_type"), period_days=365
    )
    assert "口座" in set(untyped.loc[untyped["kind"] == "silo", "lead"])


def test_a_record_carried_on_every_row_does_not_make_checks_rekeying():
    """Two systems export the resident's name, address and birth date on every row of a
    case: the identity check at each counter does not capture them (it would otherwise
    count as keying three fields, a re-keying); it stays an identity check."""
    from tests.conftest import make_dataset, make_log

    record = ("山田 太郎", "光陽市本町1-2-3", "1980-01-02")
    steps = ("受付", "本人確認", "審査", "決裁", "通知", "完了")

    def rows(dept: str, hour: int) -> list[tuple]:
        out = []
        for person in ("P1", "P2"):
            for k, label in enumerate(steps):
                stamp = f"2026-04-01 {hour:02d}:{5 * k:02d}"
                out.append((f"{dept}-{person}", label, stamp, "S-1", person, *record))
        return out

    columns = ("氏名", "住所", "生年月日")
    data = make_dataset(
        make_log("課A", rows("A", 9), columns), make_log("課B", rows("B", 11), columns)
    )
    maps = discover_all(data.logs)
    clusters = _clusters((1, "課A", "本人確認"), (1, "課B", "本人確認"))
    out = rank_candidates(data, maps, clusters, pd.DataFrame(), period_days=365)
    assert list(out["kind"]) == ["identity"]


def test_silo_titles_name_the_common_fields_in_the_report_language():
    from procmine.candidates import candidate_titles

    frame = pd.DataFrame(
        {"kind": ["silo", "silo"], "lead": ["住所", "代理人氏名"], "n_departments": [3, 2]}
    )
    en = candidate_titles(frame, "en").tolist()
    assert "“Address”" in en[0] and "“代理人氏名”" in en[1]
    assert "「住所」" in candidate_titles(frame, "ja").iloc[0]
