"""Discovery: directly-follows graph, activity statistics, performers, fields, variants."""

from __future__ import annotations

import pandas as pd

from procmine.discover import discover, discover_all, merge_aliases, performer_of
from procmine.model import EventLog
from tests.conftest import make_log


def test_directly_follows_counts_and_waits(two_departments):
    pm = discover(two_departments.logs["市民課"])
    g = pm.graph
    assert g.edges["番号札発券", "住民異動届記入"]["count"] == 2
    # waits 10 and 5 minutes -> median 7.5
    assert g.edges["番号札発券", "住民異動届記入"]["median_wait_minutes"] == 7.5
    assert not g.has_edge("異動入力", "番号札発券")
    assert pm.cases == 2 and pm.events == 8


def test_start_end_and_variants(two_departments):
    pm = discover(two_departments.logs["市民課"])
    assert pm.graph.nodes["番号札発券"]["start"] == 2
    assert pm.graph.nodes["異動入力"]["end"] == 2
    assert list(pm.variants["cases"]) == [2]
    assert pm.variants.loc[0, "share"] == 1.0


def test_performer_and_fields(two_departments):
    pm = discover(two_departments.logs["市民課"])
    form = pm.graph.nodes["住民異動届記入"]
    assert form["performer"] == "resident"
    assert form["fields"] == ("氏名", "住所")
    assert pm.graph.nodes["番号札発券"]["performer"] == "system"
    assert pm.graph.nodes["本人確認"]["performer"] == "staff"
    assert pm.graph.nodes["本人確認"]["fields"] == ()


def test_handling_time_from_end_column():
    log = make_log(
        "課",
        [
            ("1", "受付", "2026-04-01 09:00", "A", None),
            ("1", "審査", "2026-04-01 09:30", "B", None),
        ],
    )
    log.events["end"] = log.events["timestamp"] + pd.Timedelta(minutes=4)
    pm = discover(log)
    assert pm.duration_source == "end"
    assert pm.graph.nodes["受付"]["median_minutes"] == 4.0
    assert round(pm.graph.nodes["受付"]["total_hours"], 4) == round(4 / 60, 4)


def test_label_variants_are_merged_into_the_most_frequent_spelling():
    log = make_log(
        "課",
        [
            ("1", "本人確認", "2026-04-01 09:00", "A", None),
            ("2", "本人確認", "2026-04-01 10:00", "A", None),
            ("3", "本人確認_窓口", "2026-04-01 11:00", "A", None),
        ],
    )
    pm = discover(log)
    assert set(pm.graph.nodes) == {"本人確認"}
    assert pm.graph.nodes["本人確認"]["events"] == 3
    assert pm.aliases == {"本人確認_窓口": "本人確認"}


def test_merge_aliases_keeps_different_work_apart():
    assert merge_aliases(pd.Series(["転入届受付", "転出届受付"])) == {}


def test_performer_words():
    assert performer_of("住民") == "resident"
    assert performer_of("batch-job") == "system"
    assert performer_of("田中") == "staff"
    # a reception machine hands out tickets: no staff time (北浦市's 市民税課)
    assert performer_of("受付機") == performer_of("受付機2") == "system"
    assert performer_of("受付 田中") == "staff"


def test_discover_all_orders_departments(two_departments):
    assert list(discover_all(two_departments.logs)) == ["保険年金課", "市民課"]


def test_long_gaps_without_end_column_are_waiting_not_handling():
    log = make_log(
        "課",
        [
            ("1", "照会", "2026-04-01 09:00", "A", None),
            ("1", "回答", "2026-04-03 09:00", "B", None),
            ("2", "照会", "2026-04-01 10:00", "A", None),
            ("2", "回答", "2026-04-01 10:10", "B", None),
        ],
    )
    pm = discover(log)
    assert pm.duration_source == "next_event"
    assert pm.graph.nodes["照会"]["median_minutes"] == 10.0


def test_a_handling_time_from_a_few_timed_executions_is_unknown():
    # Ten hand-outs end their cases; once, something follows an hour later.
    rows = [(str(i), "一覧配布", f"2026-04-{i + 1:02d} 09:00", "A", None) for i in range(10)]
    rows.append(("0", "相談", "2026-04-01 10:00", "B", None))
    pm = discover(make_log("課", rows))
    assert pm.graph.nodes["一覧配布"]["median_minutes"] is None
    rows += [(str(i), "相談", f"2026-04-{i + 1:02d} 09:05", "B", None) for i in range(1, 5)]
    pm = discover(make_log("課", rows))  # five of ten timed: trusted
    assert pm.graph.nodes["一覧配布"]["median_minutes"] == 5.0


def test_department_merging_systems_with_and_without_end_times():
    with_end = make_log(
        "課",
        [
            ("1", "受付", "2026-04-01 09:00", "A", None),
            ("1", "審査", "2026-04-01 09:30", "B", None),
        ],
    )
    with_end.events["end"] = with_end.events["timestamp"] + pd.Timedelta(minutes=4)
    without = make_log(
        "課",
        [
            ("2", "戸籍受付", "2026-04-01 10:00", "A", None),
            ("2", "戸籍審査", "2026-04-01 10:12", "B", None),
        ],
    )
    merged = pd.concat([with_end.events, without.events], ignore_index=True)
    pm = discover(EventLog("課", merged, (), ("a.csv", "b.csv")))
    assert pm.duration_source == "mixed"
    assert (
        pm.graph.nodes["受付"]["median_minutes"] == 4.0
        and pm.graph.nodes["受付"]["duration_measured"]
    )
    assert pm.graph.nodes["戸籍受付"]["median_minutes"] == 12.0  # estimated from the next event
    assert not pm.graph.nodes["戸籍受付"]["duration_measured"]


def test_night_share_is_known_only_for_events_with_a_time_of_day():
    """A batch run at 02:00 is night work; a log of dates only (00:00) says nothing about
    the hour, so it must not look like a night batch to the matcher."""

    timed = discover(make_log("課", [
        ("1", "税額計算", "2026-04-01 02:10", "BATCH", None),
        ("2", "税額計算", "2026-04-02 01:50", "BATCH", None),
        ("3", "整理券発行", "2026-04-02 09:05", "発券機", None),
    ]))  # fmt: skip
    assert timed.graph.nodes["税額計算"]["night"] == 1.0
    assert timed.graph.nodes["整理券発行"]["night"] == 0.0
    dates = discover(make_log("課", [("1", "受付", "2026-04-01", "A", None)]))
    assert dates.graph.nodes["受付"]["night"] is None  # unknown (NaN is stored as None)


def test_label_variants_merge_but_step_codes_stay_apart() -> None:
    """01_受付番号札 is 受付番号札 written with its step number; 08_AWB45_010 and
    08_AWB45_030 (BPIC 2015's codes) are two steps, as are HOOFD_010 and HOOFD_020."""
    from procmine.discover import merge_aliases

    labels = pd.Series(
        ["受付番号札", "受付番号札", "01_受付番号札", "08_AWB45_010", "08_AWB45_030"]
        + ["01_HOOFD_010", "01_HOOFD_020"]
    )
    assert merge_aliases(labels) == {"01_受付番号札": "受付番号札"}


def test_labels_led_by_their_procedure_stay_apart() -> None:
    """児手_本確 and 児手_請求書記入 (procedure, underscore, step) are two steps: the step is not
    a tag to strip; a short Latin tag (_A, _v2) still is."""
    labels = pd.Series(["児手_本確", "児手_請求書記入", "児手_本確", "本人確認", "本人確認_A"])
    assert merge_aliases(labels) == {"本人確認_A": "本人確認"}
