"""Resident visits and journeys: presence, on-site time, waits, routes, revisits, KPIs."""

from __future__ import annotations

import pandas as pd
import pytest

from procmine.discover import discover_all
from procmine.errors import ConfigError
from procmine.journeys import (
    ALL_TYPES,
    JOURNEY_COLUMNS,
    KPI_COLUMNS,
    KPIS,
    PATH_COLUMNS,
    STOP_COLUMNS,
    VISIT_COLUMNS,
    JourneyResult,
    journeys,
)
from procmine.model import Dataset, EventLog, ProcessMap
from tests.conftest import make_dataset, make_log

P1, P2, P3 = "9900000001", "9900000002", "9900000003"
A_COLUMNS = ("区分", "氏名", "住所")
B_COLUMNS = ("被保険者氏名", "現住所")
FIELDS = {
    ("市民課", "氏名"): "氏名",
    ("市民課", "住所"): "住所",
    ("保険年金課", "被保険者氏名"): "氏名",
    ("保険年金課", "現住所"): "住所",
}
CLUSTERS = pd.DataFrame(
    [
        (1, "市民課", "本人確認"),
        (1, "保険年金課", "窓口での本人確認"),
        (2, "市民課", "番号札発券"),
        (2, "保険年金課", "番号札発券"),
        (3, "市民課", "異動届記入"),
        (3, "保険年金課", "国保届記入"),
        (4, "市民課", "異動入力"),
        (4, "保険年金課", "資格入力"),
    ],
    columns=["cluster", "department", "activity"],
)


def instant(log: EventLog) -> EventLog:
    """Steps that end when they start: on-site times without estimated handling times."""
    log.events["end"] = log.events["timestamp"]
    return log


# fmt: off
def city() -> Dataset:
    """P1: a day at 市民課 → 保険年金課 → 市民課, a return to 保険年金課 nine days later,
    a new life event seven weeks later; P2 files online; P3 comes in the morning and again
    in the afternoon."""
    a = make_log(
        "市民課",
        [
            ("CASE-A-001", "番号札発券", "2026-04-01 09:00", "SYSTEM", P1, "窓口"),
            ("CASE-A-001", "異動届記入", "2026-04-01 09:05", "RESIDENT", P1, "窓口", "光陽太郎", "本町1-2"),
            ("CASE-A-001", "本人確認", "2026-04-01 09:30", "A-01", P1, "窓口"),
            ("CASE-A-001", "異動入力", "2026-04-01 09:35", "A-02", P1, "窓口", "光陽太郎", "本町1-2"),
            ("CASE-A-001", "異動通知", "2026-04-01 15:00", "A-03", P1, "窓口"),  # back office, later
            ("CASE-A-002", "番号札発券", "2026-04-01 10:30", "SYSTEM", P1, "窓口"),
            ("CASE-A-002", "住民票交付", "2026-04-01 10:45", "A-01", P1, "窓口"),
            ("CASE-A-003", "番号札発券", "2026-05-20 09:00", "SYSTEM", P1, "窓口"),
            ("CASE-A-003", "異動届記入", "2026-05-20 09:10", "RESIDENT", P1, "窓口", "光陽太郎", "東町3-4"),
            ("CASE-A-003", "本人確認", "2026-05-20 09:30", "A-01", P1, "窓口"),
            ("CASE-A-004", "異動届記入", "2026-04-02 22:00", "RESIDENT", P2, "オンライン", "光陽花子", "西町5"),
            ("CASE-A-004", "異動入力", "2026-04-04 10:00", "A-02", P2, "オンライン", "光陽花子", "西町5"),
            ("CASE-A-005", "番号札発券", "2026-04-06 09:00", "SYSTEM", P3, "窓口"),
            ("CASE-A-005", "本人確認", "2026-04-06 09:10", "A-01", P3, "窓口"),
            ("CASE-A-006", "番号札発券", "2026-04-06 15:00", "SYSTEM", P3, "窓口"),
            ("CASE-A-006", "本人確認", "2026-04-06 15:10", "A-01", P3, "窓口"),
        ],
        A_COLUMNS,
    )
    b = make_log(
        "保険年金課",
        [
            ("CASE-B-001", "番号札発券", "2026-04-01 09:50", "SYSTEM", P1),
            ("CASE-B-001", "国保届記入", "2026-04-01 09:55", "RESIDENT", P1, "光陽太郎", "本町1-2"),
            ("CASE-B-001", "窓口での本人確認", "2026-04-01 10:10", "B-01", P1),
            ("CASE-B-001", "資格入力", "2026-04-01 10:15", "B-02", P1, "光陽太郎", "本町1-2"),
            ("CASE-B-001", "国保税賦課", "2026-04-03 14:00", "B-03", P1),  # back-office day
            ("CASE-B-002", "番号札発券", "2026-04-10 09:00", "SYSTEM", P1),
            ("CASE-B-002", "窓口での本人確認", "2026-04-10 09:20", "B-01", P1),
        ],
        B_COLUMNS,
    )
    return make_dataset(instant(a), instant(b))
# fmt: on


@pytest.fixture(scope="module")
def data() -> Dataset:
    return city()


@pytest.fixture(scope="module")
def maps(data: Dataset) -> dict[str, ProcessMap]:
    return discover_all(data.logs)


@pytest.fixture(scope="module")
def result(data: Dataset, maps: dict[str, ProcessMap]) -> JourneyResult:
    return journeys(data, maps, CLUSTERS, column_fields=FIELDS, salt=b"test salt")


def _visits_of(result: JourneyResult, person: str, salt: bytes = b"test salt") -> pd.DataFrame:
    from procmine.privacy import pseudonymise

    p = pseudonymise(pd.Series([person]), salt=salt)[0]
    return result.visits[result.visits["pseudonym"] == p].reset_index(drop=True)


def _journeys_of(result: JourneyResult, person: str) -> pd.DataFrame:
    from procmine.privacy import pseudonymise

    p = pseudonymise(pd.Series([person]), salt=b"test salt")[0]
    return result.journeys[result.journeys["pseudonym"] == p].reset_index(drop=True)


def test_tables_have_their_columns(result: JourneyResult) -> None:
    assert repr(result) == "<JourneyResult 5 visits, 4 journeys, 3 journey types>"
    assert list(result.visits.columns) == VISIT_COLUMNS
    assert list(result.journeys.columns) == JOURNEY_COLUMNS
    assert list(result.stops.columns) == STOP_COLUMNS
    assert list(result.kpis.columns) == KPI_COLUMNS


def test_visits_are_split_by_day_and_back_office_days_are_no_visits(result: JourneyResult) -> None:
    v = _visits_of(result, P1)
    # 4/1 at the counters, 4/10 back at 保険年金課, 5/20 a new life event; 4/3 (国保税賦課,
    # staff only) is back office.
    assert [d.strftime("%m-%d") for d in v["date"]] == ["04-01", "04-10", "05-20"]


def test_minutes_on_site_exclude_back_office_steps_after_the_resident_left(
    result: JourneyResult,
) -> None:
    first = _visits_of(result, P1).iloc[0]
    # 09:00 ticket … 10:45 住民票交付; the 15:00 異動通知 is back office, not on site
    assert first["minutes_on_site"] == pytest.approx(105.0)
    assert first["end"] == pd.Timestamp("2026-04-01 10:45")


def test_service_continues_after_the_last_own_step_but_back_office_elsewhere_does_not() -> None:
    a = make_log(
        "A",
        [
            ("A1", "ticket", "2026-04-01 09:00", "SYSTEM", P1),
            ("A1", "form", "2026-04-01 09:05", "RESIDENT", P1, "x"),
            ("A1", "check", "2026-04-01 09:20", "A-01", P1),
            # back office at A while the resident is at B, and after they left
            ("A1", "entry", "2026-04-01 09:35", "A-02", P1),
            ("A1", "entry 2", "2026-04-01 09:45", "A-02", P1),
            ("A1", "entry 3", "2026-04-01 09:55", "A-02", P1),
            ("A1", "notice", "2026-04-01 10:05", "A-02", P1),
        ],
        ("name",),
    )
    b = make_log(
        "B",
        [
            ("B1", "ticket", "2026-04-01 09:30", "SYSTEM", P1),
            ("B1", "serve", "2026-04-01 09:40", "B-01", P1),
            ("B1", "hand over", "2026-04-01 09:50", "B-01", P1),
        ],
    )
    ds = make_dataset(instant(a), instant(b))
    visit = journeys(ds, discover_all(ds.logs), pd.DataFrame(), salt=b"s").visits.iloc[0]
    assert visit["end"] == pd.Timestamp("2026-04-01 09:50")
    assert visit["minutes_on_site"] == pytest.approx(50.0)
    assert visit["route"] == ("A", "B") and visit["back_and_forth"] == 0


def test_system_updates_during_service_and_night_batches_are_no_queue_tickets() -> None:
    rows = []
    for i in range(3):
        day = f"2026-04-0{i + 1}"
        rows += [
            (f"C{i}", "ticket", f"{day} 09:00", "SYSTEM", f"R{i}"),
            (f"C{i}", "serve", f"{day} 09:10", "S-1", f"R{i}"),
            (f"C{i}", "register update", f"{day} 09:12", "SYSTEM", f"R{i}"),
            (f"C{i}", "hand over", f"{day} 09:13", "S-1", f"R{i}"),
            (f"C{i}", "notice batch", f"{day} 22:00", "SYSTEM", f"R{i}"),
        ]
    ds = make_dataset(instant(make_log("課", rows)))
    visits = journeys(ds, discover_all(ds.logs), pd.DataFrame(), salt=b"s").visits
    assert visits["counters"].tolist() == [1, 1, 1]
    assert visits["waiting_minutes"].tolist() == pytest.approx([10.0] * 3)
    assert visits["minutes_on_site"].tolist() == pytest.approx([13.0] * 3)


def test_old_and_new_labels_of_one_form_name_one_journey_type() -> None:
    rows = [
        (f"C{i}", label, f"2026-04-0{i + 1} 09:00", "RESIDENT", f"R{i}", "x")
        for i, label in enumerate(["届記入", "届記入", "届記入", "旧届記入"])
    ] + [(f"C{i}", "受付", f"2026-04-0{i + 1} 09:10", "S-1", f"R{i}") for i in range(4)]
    ds = make_dataset(make_log("課", rows, ("name",)))
    clusters = pd.DataFrame(
        {"cluster": [7, 7], "department": ["課", "課"], "activity": ["届記入", "旧届記入"]}
    )
    res = journeys(ds, discover_all(ds.logs), clusters, salt=b"s")
    assert set(res.journeys["journey_type"]) == {"届記入"}


def test_at_a_one_stop_counter_departments_come_to_the_resident() -> None:
    front = make_log(
        "総合窓口",
        [
            ("F1", "ticket", "2026-04-01 09:00", "SYSTEM", P1),
            ("F1", "interview", "2026-04-01 09:10", "F-1", P1),
        ],
    )
    others = [
        make_log(
            dept,
            [
                (f"{dept}1", "interview", f"2026-04-01 09:{m}", "F-1", P1),
                (f"{dept}1", "signature", f"2026-04-01 09:{m + 2}", "RESIDENT", P1, "x"),
            ],
            ("name",),
        )
        for dept, m in (("保険", 20), ("子ども", 30))
    ]
    ds = make_dataset(instant(front), *(instant(o) for o in others))
    visit = journeys(ds, discover_all(ds.logs), pd.DataFrame(), salt=b"s").visits.iloc[0]
    assert visit["route"] == ("総合窓口",)
    assert visit["counters"] == 1 and visit["hand_offs"] == 0
    assert visit["forms_written"] == 2
    assert visit["end"] == pd.Timestamp("2026-04-01 09:32")


def test_each_ticket_is_a_counter_with_its_own_wait() -> None:
    log = make_log(
        "A",
        [
            ("A1", "ticket", "2026-04-01 09:00", "SYSTEM", P1),
            ("A1", "serve", "2026-04-01 09:20", "A-01", P1),  # waited 20 min
            ("A1", "ticket", "2026-04-01 09:25", "SYSTEM", P1),  # the next counter
            ("A1", "serve 2", "2026-04-01 09:35", "A-02", P1),  # waited 10 min
        ],
    )
    ds = make_dataset(log)
    res = journeys(ds, discover_all(ds.logs), pd.DataFrame(), salt=b"s")
    visit = res.visits.iloc[0]
    assert visit["counters"] == 2 and visit["n_departments"] == 1 and visit["hand_offs"] == 0
    assert visit["waiting_minutes"] == pytest.approx(30.0)
    assert res.stops["counters"].tolist() == [2]


def test_without_end_times_the_last_step_lasts_its_median_handling_time() -> None:
    rows = []
    for i, minutes in enumerate((4, 6, 8, None)):
        day = f"2026-04-0{i + 1}"
        rows += [
            (f"C{i}", "ticket", f"{day} 09:00", "SYSTEM", f"R{i}"),
            (f"C{i}", "serve", f"{day} 09:10", "S-1", f"R{i}"),
        ]
        if minutes:
            rows.append((f"C{i}", "close", f"{day} 09:{10 + minutes}", "S-1", f"R{i}"))
    ds = make_dataset(make_log("課", rows))
    visits = journeys(ds, discover_all(ds.logs), pd.DataFrame(), salt=b"s").visits
    # "serve" takes 4, 6 and 8 min until "close": median 6 min, also on 4/4 where it is last
    assert visits["minutes_on_site"].iloc[3] == pytest.approx(16.0)
    assert visits["waiting_minutes"].tolist() == pytest.approx([10.0] * 4)


def test_waiting_is_the_longest_idle_gap_after_each_queue_ticket(result: JourneyResult) -> None:
    first = _visits_of(result, P1).iloc[0]
    # 市民課: 25 min before 本人確認; 保険年金課: 15 min before 本人確認; 市民課 again: 15 min
    assert first["waiting_minutes"] == pytest.approx(25.0 + 15.0 + 15.0)
    stops = result.stops[result.stops["visit"] == first["visit"]]
    assert stops["waiting_minutes"].tolist() == pytest.approx([25.0, 15.0, 15.0])


def test_route_counters_hand_offs_and_back_and_forth(result: JourneyResult) -> None:
    first = _visits_of(result, P1).iloc[0]
    assert first["route"] == ("市民課", "保険年金課", "市民課")
    assert first["departments"] == ("市民課", "保険年金課")
    assert first["n_departments"] == 2
    assert first["counters"] == 3  # three queue tickets
    assert first["hand_offs"] == 2
    assert first["back_and_forth"] == 1
    assert result.handover.loc["市民課", "保険年金課"] == 1
    assert result.handover.loc["保険年金課", "市民課"] == 1


def test_forms_fields_written_again_and_identity_checks(result: JourneyResult) -> None:
    first = _visits_of(result, P1).iloc[0]
    assert first["forms_written"] == 2
    # 保険年金課's form asks again for 氏名 and 住所, which 市民課 already holds
    assert first["fields_written_again"] == 2
    assert result.identity_cluster == 1
    assert set(result.identity_members) == {
        ("市民課", "本人確認"),
        ("保険年金課", "窓口での本人確認"),
    }
    assert first["identity_checks"] == 2
    assert first["cluster_executions"][1] == 2 and first["cluster_executions"][2] == 3


def _coded_city() -> Dataset:
    """Labels are codes: no word says which step is an identity check."""
    rows: dict[str, list[tuple]] = {"A": [], "B": []}
    for i in range(4):
        day = f"2026-04-0{i + 1}"
        for dept, hour in (("A", "09"), ("B", "10")):
            case = f"{dept}{i}"
            rows[dept] += [
                (case, f"{dept}-01", f"{day} {hour}:00", "SYSTEM", f"R{i}"),
                (case, f"{dept}-02", f"{day} {hour}:10", f"{dept}-S", f"R{i}"),  # the check
                (case, f"{dept}-05", f"{day} {hour}:12", "SYSTEM", f"R{i}"),  # register update
                (case, f"{dept}-03", f"{day} {hour}:15", f"{dept}-S", f"R{i}"),
                (case, f"{dept}-09", f"2026-04-2{i} 15:00", f"{dept}-S", f"R{i}"),  # back office
            ]
    return make_dataset(instant(make_log("A", rows["A"])), instant(make_log("B", rows["B"])))


def test_identity_like_cluster_from_performer_fields_and_presence_when_labels_say_nothing() -> None:
    ds = _coded_city()
    clusters = pd.DataFrame(
        [(1, "A", "A-09"), (1, "B", "B-09"), (2, "A", "A-02"), (2, "B", "B-02")],
        columns=["cluster", "department", "activity"],
    )
    res = journeys(ds, discover_all(ds.logs), clusters, salt=b"s")
    # both clusters are staff steps without data; only cluster 2 runs while the resident is there
    assert res.identity_cluster == 2
    assert res.identity_members == (("A", "A-02"), ("B", "B-02"))
    assert res.journeys["identity_checks"].tolist() == [2, 2, 2, 2]
    # no label names a ticket: the system step that opens each counter is the ticket,
    # not the register update during the service
    assert res.visits["counters"].tolist() == [2, 2, 2, 2]
    assert res.visits["waiting_minutes"].tolist() == pytest.approx([20.0] * 4)


def test_identity_checks_named_as_such_count_without_a_cluster_and_can_be_given() -> None:
    ds = make_dataset(
        instant(
            make_log(
                "窓口",
                [
                    ("C1", "番号札", "2026-04-01 09:00", "SYSTEM", P1),
                    ("C1", "本人確認", "2026-04-01 09:05", "S-1", P1),
                    ("C1", "受付", "2026-04-01 09:10", "S-1", P1),
                ],
            )
        )
    )
    maps = discover_all(ds.logs)
    res = journeys(ds, maps, pd.DataFrame(), salt=b"s")
    assert res.identity_cluster is None and res.identity_members == (("窓口", "本人確認"),)
    assert res.visits["identity_checks"].tolist() == [1]
    given = journeys(ds, maps, pd.DataFrame(), identity_checks=[("窓口", "受付")], salt=b"s")
    assert given.identity_members == (("窓口", "受付"),)
    assert given.journeys["identity_checks"].tolist() == [1]


def test_without_common_field_names_different_headers_are_different_fields(
    data: Dataset, maps: dict[str, ProcessMap]
) -> None:
    res = journeys(data, maps, CLUSTERS, salt=b"s")
    first = _visits_of(res, P1, salt=b"s").iloc[0]
    assert first["fields_written_again"] == 0


def test_revisit_within_the_window_and_a_new_journey_after_it(result: JourneyResult) -> None:
    j = _journeys_of(result, P1)
    assert len(j) == 2
    first, later = j.iloc[0], j.iloc[1]
    assert first["visits"] == 2 and first["revisits"] == 1  # back at 保険年金課 on 4/10
    assert first["cases"] == 4 and first["departments"] == ("市民課", "保険年金課")
    assert first["counters"] == 4 and first["identity_checks"] == 3
    assert first["minutes_on_site"] == pytest.approx(105.0 + 20.0)
    assert later["visits"] == 1 and later["revisits"] == 0


def test_journey_window_is_a_parameter(data: Dataset, maps: dict[str, ProcessMap]) -> None:
    res = journeys(data, maps, CLUSTERS, journey_window_days=5, salt=b"s")
    from procmine.privacy import pseudonymise

    p = pseudonymise(pd.Series([P1]), salt=b"s")[0]
    j = res.journeys[res.journeys["pseudonym"] == p]
    assert j["visits"].tolist() == [1, 1, 1]  # 4/10 is more than 5 days after 4/1
    assert j["revisits"].tolist() == [0, 0, 0]


def test_an_online_form_is_a_journey_without_a_visit(result: JourneyResult) -> None:
    assert _visits_of(result, P2).empty
    j = _journeys_of(result, P2).iloc[0]
    assert j["visits"] == 0 and j["forms_written"] == 1
    assert j["journey_type"] == "異動届記入 / オンライン"


def test_a_long_break_in_the_day_starts_a_new_visit(
    data: Dataset, maps: dict[str, ProcessMap]
) -> None:
    assert len(_visits_of(journeys(data, maps, CLUSTERS, salt=b"s"), P3, salt=b"s")) == 2
    assert (
        len(_visits_of(journeys(data, maps, CLUSTERS, visit_gap_hours=8, salt=b"s"), P3, salt=b"s"))
        == 1
    )


def test_journey_type_from_the_case_type_column_else_the_first_resident_step() -> None:
    a = make_log(
        "窓口課",
        [
            ("C1", "ticket", "2026-04-01 09:00", "SYSTEM", P1),
            ("C1", "reception", "2026-04-01 09:10", "S-1", P1),
            ("C1", "application form", "2026-04-01 09:15", "RESIDENT", P1, "Taro"),
            ("C2", "ticket", "2026-04-01 09:00", "SYSTEM", P2),
            ("C2", "reception", "2026-04-01 09:10", "S-1", P2),
        ],
        ("name",),
    )
    ds = make_dataset(a)
    res = journeys(ds, discover_all(ds.logs), pd.DataFrame(), salt=b"s")
    assert sorted(res.journeys["journey_type"]) == ["application form", "reception"]
    assert res.identity_cluster is None
    assert res.journeys["identity_checks"].isna().all()
    assert "identity_checks_per_journey" not in set(res.kpis["kpi"])


def test_without_a_person_key_a_case_is_its_own_resident() -> None:
    log = make_log(
        "課",
        [
            ("C1", "ticket", "2026-04-01 09:00", "SYSTEM", None),
            ("C1", "serve", "2026-04-01 09:20", "S-1", None),
            ("C1", "ticket", "2026-04-02 09:00", "SYSTEM", None),
            ("C1", "serve", "2026-04-02 09:10", "S-1", None),
            ("C2", "ticket", "2026-04-01 09:05", "SYSTEM", None),
            ("C2", "serve", "2026-04-01 09:30", "S-1", None),
        ],
    )
    ds = make_dataset(log)
    res = journeys(ds, discover_all(ds.logs), pd.DataFrame(), salt=b"s")
    assert len(res.visits) == 3 and len(res.journeys) == 2
    assert sorted(res.journeys["visits"]) == [1, 2]
    assert res.journeys["pseudonym"].str.startswith("p-").all()


def test_a_register_without_tickets_counts_from_the_step_that_opens_the_case() -> None:
    koseki = make_log(
        "戸籍係",
        [
            ("K1", "届書受付", "2026-04-01 10:00", "K-01", P1),
            ("K1", "届出人確認", "2026-04-01 10:05", "K-01", P1),
            ("K1", "戸籍記載", "2026-04-01 12:00", "K-02", P1),  # back office, same day
            ("K1", "戸籍記載", "2026-04-03 10:00", "K-02", P1),  # back office, later
        ],
    )
    koseki.events["end"] = koseki.events["timestamp"] + pd.Timedelta(minutes=2)
    ds = make_dataset(koseki)
    res = journeys(ds, discover_all(ds.logs), pd.DataFrame(), salt=b"s")
    assert len(res.visits) == 1
    assert res.visits.iloc[0]["minutes_on_site"] == pytest.approx(7.0)
    assert res.journeys.iloc[0]["journey_type"] == "届書受付"


def test_kpis_per_principle_and_type_and_overall(result: JourneyResult) -> None:
    k = result.kpis
    assert set(k["principle"]) == {"kakasenai", "matasenai", "mayowasenai", "ikasenai"}
    assert {kpi for _, kpi, _, _ in KPIS} == set(k["kpi"])
    overall = k[(k["journey_type"] == ALL_TYPES) & (k["kpi"] == "visits_per_journey")].iloc[0]
    assert overall["n"] == len(result.journeys)
    assert overall["mean"] == pytest.approx(result.journeys["visits"].mean())
    per_visit = k[
        (k["journey_type"] == ALL_TYPES) & (k["kpi"] == "minutes_on_site_per_visit")
    ].iloc[0]
    assert per_visit["n"] == len(result.visits)
    assert per_visit["p25"] <= per_visit["median"] <= per_visit["p75"]
    assert "異動届記入 / 窓口" in set(k["journey_type"])


def test_typical_path_is_the_most_common_route_with_median_times() -> None:
    rows_a, rows_b = [], []
    for i, (start, to_b) in enumerate([("09:00", True), ("10:00", True), ("11:00", False)]):
        h, m = start.split(":")
        rows_a += [
            (f"A{i}", "ticket", f"2026-04-0{i + 1} {start}", "SYSTEM", f"R{i}"),
            (
                f"A{i}",
                "form",
                f"2026-04-0{i + 1} {h}:{int(m) + 10 + i:02d}",
                "RESIDENT",
                f"R{i}",
                "x",
            ),
        ]
        if to_b:
            rows_b += [
                (f"B{i}", "ticket", f"2026-04-0{i + 1} {h}:30", "SYSTEM", f"R{i}"),
                (f"B{i}", "serve", f"2026-04-0{i + 1} {h}:40", "B-1", f"R{i}"),
            ]
    ds = make_dataset(make_log("A", rows_a, ("name",)), make_log("B", rows_b))
    res = journeys(ds, discover_all(ds.logs), pd.DataFrame(), salt=b"s")
    path = res.typical_path("form")
    assert list(path.columns) == PATH_COLUMNS
    assert path["department"].tolist() == ["A", "B"]
    assert path["visit"].tolist() == [1, 1]
    assert path["arrival_minute"].tolist() == [0.0, 30.0]
    assert path["minutes"].tolist() == pytest.approx([10.5, 10.0])  # A: 10 and 11 min
    assert path["journeys"].tolist() == [2, 2] and path["share"].iloc[0] == pytest.approx(2 / 3)
    with pytest.raises(ConfigError, match="unknown journey type"):
        res.typical_path("no such type")


def test_no_resident_key_or_case_number_in_any_output(result: JourneyResult) -> None:
    frames = [
        result.visits,
        result.journeys,
        result.kpis,
        result.handover,
        result.stops,
        result.typical_path("異動届記入 / 窓口"),
    ]
    text = "\n".join(f.astype(str).to_csv() + " ".join(map(str, f.index)) for f in frames)
    for secret in (P1, P2, P3, "CASE-A-001", "CASE-B-002"):
        assert secret not in text


def test_pseudonyms_stable_with_a_salt_and_different_without(
    data: Dataset, maps: dict[str, ProcessMap]
) -> None:
    one = journeys(data, maps, CLUSTERS, salt=b"k")
    two = journeys(data, maps, CLUSTERS, salt=b"k")
    pd.testing.assert_frame_equal(one.journeys, two.journeys)
    pd.testing.assert_frame_equal(one.visits, two.visits)
    fresh = journeys(data, maps, CLUSTERS)
    assert set(fresh.journeys["pseudonym"]).isdisjoint(one.journeys["pseudonym"])
    # only the pseudonyms differ
    pd.testing.assert_frame_equal(
        fresh.journeys.drop(columns="pseudonym"), one.journeys.drop(columns="pseudonym")
    )


def test_empty_inputs_give_empty_tables() -> None:
    ds = make_dataset(make_log("課", []))
    res = journeys(ds, {}, pd.DataFrame(), salt=b"s")
    assert res.visits.empty and res.journeys.empty and res.kpis.empty
    assert list(res.visits.columns) == VISIT_COLUMNS
    assert res.handover.shape == (1, 1)


def test_options_are_checked(data: Dataset) -> None:
    with pytest.raises(ConfigError, match="visit_gap_hours"):
        journeys(data, {}, CLUSTERS, visit_gap_hours=0)
    with pytest.raises(ConfigError, match="salt"):
        journeys(data, {}, CLUSTERS, salt="not bytes")  # type: ignore[arg-type]


def _reform_pair() -> tuple[Dataset, Dataset]:
    """The same resident's 国保 procedure before and after a 書かない・ワンストップ reform."""
    asis = make_log(
        "保険年金課",
        [
            ("B1", "番号札発券", "2026-04-01 09:00", "SYSTEM", "P1"),
            ("B1", "国保届記入", "2026-04-01 09:10", "RESIDENT", "P1", "光陽太郎", "本町1"),
            ("B1", "窓口での本人確認", "2026-04-01 09:17", "H-01", "P1"),
            ("B1", "資格入力", "2026-04-01 09:20", "H-02", "P1", "光陽太郎", "本町1"),
        ],
        ("氏名", "住所"),
    )
    front = make_log(  # the one-stop counter of another department: ticket and check only
        "市民課",
        [
            ("F1", "番号札発券", "2026-04-01 09:00", "SYSTEM", "P1"),
            ("F1", "本人確認", "2026-04-01 09:08", "S-01", "P1", "運転免許証"),
        ],
        ("確認書類",),
    )
    tobe = make_log(
        "保険年金課",
        [
            ("B1", "聞き取り・申請書作成", "2026-04-01 09:10", "F-01", "P1", "光陽太郎", "本町1"),
            ("B1", "署名", "2026-04-01 09:13", "RESIDENT", "P1"),
            ("B1", "資格入力", "2026-04-01 09:14", "H-02", "P1", "光陽太郎", "本町1"),
        ],
        ("氏名", "住所"),
    )
    return make_dataset(asis), make_dataset(front, tobe)


def test_life_event_label_is_the_same_before_and_after_a_reform() -> None:
    before, after = _reform_pair()
    a = journeys(before, discover_all(before.logs), pd.DataFrame(), salt=b"s").journeys
    b = journeys(after, discover_all(after.logs), pd.DataFrame(), salt=b"s").journeys
    # the first resident step differs (国保届記入 vs 署名), the procedures do not; the front
    # counter's ticket and identity check are no procedure of their own
    assert list(a["journey_type"]) != list(b["journey_type"])
    assert list(a["life_event"]) == list(b["life_event"]) == ["保険年金課"]


def test_form_step_covers_the_interview_the_resident_signs() -> None:
    before, after = _reform_pair()
    a = journeys(before, discover_all(before.logs), pd.DataFrame(), salt=b"s").journeys.iloc[0]
    b = journeys(after, discover_all(after.logs), pd.DataFrame(), salt=b"s").journeys.iloc[0]
    assert a["form_steps"] == 1 and b["form_steps"] == 1
    # as-is: the form alone (no end time: until the next step, 7 min); to-be: interview + signature
    assert b["form_minutes"] < a["form_minutes"]
    assert b["staff_minutes"] > 0


def test_queue_wait_runs_from_the_ticket_to_the_first_service_writing_included() -> None:
    rows = [
        ("A1", "ticket", "2026-04-01 09:00", "SYSTEM", P1, None),
        ("A1", "guide", "2026-04-01 09:01", "A-09", P1, None),  # hands out the form
        ("A1", "write form", "2026-04-01 09:02", "RESIDENT", P1, "Yamada"),
        ("A1", "serve", "2026-04-01 09:20", "A-01", P1, "Yamada"),  # called after 20 min
    ]
    ds = make_dataset(make_log("A", rows, ("name",)))
    res = journeys(ds, discover_all(ds.logs), pd.DataFrame(), salt=b"s")
    assert res.queues["queue_minutes"].tolist() == [pytest.approx(20.0)]
    assert res.queues["department"].tolist() == ["A"]
    # without a form after it, the step right after the ticket is the service
    ds = make_dataset(make_log("A", [rows[0], rows[1], rows[3]], ("name",)))
    res = journeys(ds, discover_all(ds.logs), pd.DataFrame(), salt=b"s")
    assert res.queues["queue_minutes"].tolist() == [pytest.approx(1.0)]


def test_kpis_are_also_grouped_by_life_event(result: JourneyResult) -> None:
    kpis = result.life_event_kpis
    assert "life_event" in kpis.columns and "journey_type" not in kpis.columns
    assert set(kpis["life_event"]) - {"all"} == set(result.journeys["life_event"].dropna())


def test_a_department_without_person_key_joins_journeys_by_name_and_birth_date(
    tmp_path,
) -> None:
    """教育 exports no resident key; its events are linked to the residents of the keyed
    department by name + birth date, so a resident's visit to both is one journey — and
    the key that stands for an unmatched name + birth date carries neither."""
    import procmine

    surnames = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村"]
    given = ["太郎", "花子", "一郎", "次郎", "三郎"]
    people = [
        (f"P{i:04d}", f"{surnames[i % 8]} {given[i // 8]}", f"19{60 + i}-0{1 + i % 9}-1{i % 9}")
        for i in range(40)
    ]
    a = ["受付番号,処理内容,処理日時,宛名番号,氏名,生年月日"]
    b = ["整理番号,事務,日時,保護者氏名,保護者生年月日"]
    for i, (pid, name, dob) in enumerate(people):
        day = f"2024-04-{1 + i % 20:02d}"
        a += [f"A{i},転入届受付,{day} 09:00,{pid},{name},{dob}",
              f"A{i},住民票記載,{day} 09:20,{pid},{name},{dob}"]  # fmt: skip
        b += [f"B{i},就学手続受付,{day} 10:00,{name},{dob}",
              f"B{i},学齢簿登載,{day} 10:20,{name},{dob}"]  # fmt: skip
    b += ["B99,就学手続受付,2024-05-01 10:00,未登録 花子,2015-01-01"]
    (tmp_path / "shimin.csv").write_text("\n".join(a) + "\n", encoding="utf-8")
    (tmp_path / "kyoiku.csv").write_text("\n".join(b) + "\n", encoding="utf-8")
    analysis = procmine.analyze(tmp_path, whatif_top=0)
    table = analysis.journeys.journeys
    both = table[table["departments"].map(lambda d: "kyoiku" in d) & (table["n_departments"] == 2)]
    assert len(both) >= 30
    person = analysis.dataset.logs["kyoiku"].events["person"].astype(str)
    assert not person.str.contains("未登録|2015").any()


def test_linked_residents_replace_a_sparse_categorical_person_column() -> None:
    """A department linked by name + birth date may carry the key on a few rows (a
    categorical column): the linked keys it did not hold are kept, not turned into NA."""
    from procmine.analysis import _with_residents

    log = make_log("B", [(f"C{i}", "受付", "2026-04-01 09:00", "S", p) for i, p in
                         enumerate(["1", None, "77", None])])  # fmt: skip
    log.events["person"] = log.events["person"].astype("category")
    data = make_dataset(log)
    keys = pd.Series(["1", "~abc", "77", None], dtype=object)
    out = _with_residents(data, {"B": keys}).logs["B"].events["person"]
    assert out.astype(object).where(out.notna(), None).tolist() == ["1", "~abc", "77", None]


def test_typical_paths_of_all_types_at_once_equal_one_type_at_a_time(result: JourneyResult) -> None:
    """The report asks for every type's path: ordering the stops once for all the types
    must give each type the path it gets alone."""
    from procmine.journeys._kpis import typical_paths

    types = result.journeys["journey_type"].dropna().unique().tolist()
    assert len(types) > 1
    together = typical_paths(result.journeys, result.visits, result.stops, types)
    for t in types:
        alone = typical_paths(result.journeys, result.visits, result.stops, [t])[t]
        pd.testing.assert_frame_equal(together[t], alone)
        pd.testing.assert_frame_equal(result.typical_path(t), alone)
