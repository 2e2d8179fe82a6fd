"""Process models as matching input: the states (EPC events) around each function, strict
one-to-one pairs between models, and English qualifiers in brackets."""

from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import numpy as np

from procmine.io.processmodels import load_model
from procmine.match import match_models
from procmine.match._profile import from_models
from procmine.match._score import MatchWeights, Scorer
from procmine.text.normalize import label_terms
from tests.conftest import chain_models

EPML = """<?xml version="1.0" encoding="UTF-8"?>
<epml:epml xmlns:epml="http://www.epml.de"><epc EpcId="1" name="x">
 <event id="1"><name>Invoice received</name></event>
 <event id="7"><name>Invoice copy received</name></event>
 <and id="8"><name/></and>
 <function id="2"><name>Check invoice</name></function>
 <xor id="3"><name/></xor>
 <event id="9"><name>Invoice correct</name></event>
 <event id="10"><name>Invoice wrong</name></event>
 <function id="4"><name>Pay invoice</name></function>
 <function id="5"><name>Return invoice</name></function>
 <event id="6"><name>Invoice paid</name></event>
 <arc id="a1"><flow source="1" target="8"/></arc>
 <arc id="a2"><flow source="7" target="8"/></arc>
 <arc id="a3"><flow source="8" target="2"/></arc>
 <arc id="a4"><flow source="2" target="3"/></arc>
 <arc id="a5"><flow source="3" target="9"/></arc>
 <arc id="a6"><flow source="3" target="10"/></arc>
 <arc id="a7"><flow source="9" target="4"/></arc>
 <arc id="a8"><flow source="10" target="5"/></arc>
 <arc id="a9"><flow source="4" target="6"/></arc>
</epc></epml:epml>
"""


def epc(functions: list[tuple[str, str, str]]) -> nx.DiGraph:
    """A chain of EPC functions ``(label, event before, event after)``."""
    g = nx.DiGraph()
    ids = [str(k) for k in range(len(functions))]
    for node, (label, before, after) in zip(ids, functions, strict=True):
        g.add_node(
            node, label=label, kind="function", events_before=(before,), events_after=(after,)
        )
    g.add_edges_from(itertools.pairwise(ids))
    return g


def test_epml_functions_carry_the_events_around_them(tmp_path: Path) -> None:
    path = tmp_path / "m.epml"
    path.write_text(EPML, encoding="utf-8")
    g = load_model(path)
    assert sorted(g.nodes) == ["2", "4", "5"]  # events are states, not nodes
    assert g.nodes["2"]["events_before"] == ("Invoice copy received", "Invoice received")
    assert g.nodes["2"]["events_after"] == ("Invoice correct", "Invoice wrong")
    assert g.nodes["4"]["events_before"] == ("Invoice correct",)
    assert g.nodes["4"]["events_after"] == ("Invoice paid",)
    assert g.nodes["5"]["events_after"] == ()


def test_functions_between_the_same_events_are_matched_whatever_their_labels() -> None:
    a = epc(
        [
            ("Imputed Costs - Plan", "Cost center plan data exists", "Planned costs accrued"),
            ("Order Settlement", "Order to be settled", "Order settled"),
            ("Receive invoice", "Goods received", "Invoice posted"),
        ]
    )
    b = epc(
        [
            ("Cost Accrual - Plan", "Cost center plan data exists", "Planned costs accrued"),
            ("Overhead Calculation", "Overheads to be calculated", "Overheads calculated"),
            ("Vendor payment", "Payment due", "Payment made"),
        ]
    )
    found = match_models({"A": a, "B": b}).pairs
    assert found[["activity_a", "activity_b"]].values.tolist() == [
        ["Imputed Costs - Plan", "Cost Accrual - Plan"]
    ]
    assert "events around 1.00" in found["evidence"].iloc[0]
    # the events are what matches them: without their evidence the labels fall short
    assert match_models({"A": a, "B": b}, weights=MatchWeights(states=0.0)).pairs.empty


def test_different_events_count_nothing_against_a_pair() -> None:
    a = epc([("Verify invoice", "Invoice received", "Invoice verified")])
    b = epc([("Verify invoice", "Goods receipt posted", "Invoice parked")])
    items = from_models({"A": a, "B": b}).items
    scorer = Scorer(items, MatchWeights(), None)
    unaware = Scorer(items, MatchWeights(states=0.0), None)
    i, j = np.array([0]), np.array([1])
    assert scorer.state_similarity(i, j)[0] < 0.35
    assert scorer.local(i, j)["z"][0] == unaware.local(i, j)["z"][0]


def test_variants_between_the_same_events_are_not_second_counterparts() -> None:
    def model() -> nx.DiGraph:
        g = nx.DiGraph()
        g.add_node(
            "p",
            label="Activity Type Planning",
            events_before=("Activity types to be planned",),
            events_after=("Activity types planned",),
        )
        for node, label in (
            ("x1", "Plan Indirect Activity Allocation (Manual Entry)"),
            ("x2", "Plan Indirect Activity Allocation (Indirect Entry)"),
        ):
            g.add_node(
                node,
                label=label,
                events_before=("Activity types planned",),
                events_after=("Activity allocation planned",),
            )
            g.add_edge("p", node)
            g.add_edge(node, "s")
        g.add_node(
            "s",
            label="Plan Reconciliation",
            events_before=("Activity allocation planned",),
            events_after=("Plan reconciled",),
        )
        return g

    pairs = match_models({"A": model(), "B": model()}).pairs
    # the two variants score within 0.01 of each other across the models, yet each is
    # matched to its own label only
    assert (pairs["activity_a"] == pairs["activity_b"]).all()
    assert len(pairs) == 4


def test_english_words_in_brackets_are_a_qualifier() -> None:
    terms = label_terms("Picking (Lean WM)")
    assert terms.bracketed == ("lean", "wm") and " wm" in terms.bracketed_grams
    assert not {" pi", "pic"} & set(terms.bracketed_grams)
    assert label_terms("Picking").bracketed == ()
    assert label_terms("(Lean WM)").bracketed == ()  # nothing outside the brackets
    assert label_terms("住民票交付（窓口）").bracketed == ()
    graphs = {
        "A": epc([("Picking", "", ""), ("Packing", "", "")]),
        "B": epc([("Picking (Lean WM)", "", ""), ("Goods Issue", "", "")]),
    }
    items = from_models(graphs).items
    pick = [k for k, it in enumerate(items) if it.name.startswith("Picking")]
    i, j = np.array([pick[0]]), np.array([pick[1]])
    half = Scorer(items, MatchWeights(), None).label(i, j)[0]
    full = Scorer(items, MatchWeights(bracketed=1.0), None).label(i, j)[0]
    assert half > full + 0.1


def test_by_label_reads_model_matches_per_label_as_maps_hold_them() -> None:
    # model A holds "Accepted" twice (two end events): one activity of its map
    graphs = chain_models(
        ["Receive application", "Check documents", "Accepted"],
        ["Receive application", "Examine documents", "Accepted"],
    )
    graphs["A"].add_node("9", label="Accepted")
    graphs["A"].add_edge("0-1", "9")
    result = match_models(graphs)
    assert {"node", "cluster"} <= set(result.clusters.columns)
    labels = result.by_label()
    assert "node" not in labels.clusters.columns
    assert "node_a" not in labels.pairs.columns
    keys = [
        tuple(sorted([(r.department_a, r.activity_a), (r.department_b, r.activity_b)]))
        for r in labels.pairs.itertuples()
    ]
    assert len(keys) == len(set(keys))  # each pair of activities once
    assert (("A", "Accepted"), ("B", "Accepted")) in keys
    members = labels.clusters[["department", "activity"]].apply(tuple, axis=1)
    assert not members.duplicated().any()  # an activity in one cluster only
    assert (
        labels.clusters.groupby("cluster").size()
        == labels.clusters.groupby("cluster")["size"].first()
    ).all()


def test_analyze_matches_model_files_as_match_models_does(tmp_path: Path) -> None:
    from procmine import analyze

    (tmp_path / "invoices.epml").write_text(EPML, encoding="utf-8")
    twin = EPML.replace("Check invoice", "Verify invoice").replace("Pay invoice", "Settle invoice")
    (tmp_path / "billing.epml").write_text(twin, encoding="utf-8")
    models = {p.stem: load_model(p) for p in sorted(tmp_path.glob("*.epml"))}
    expected = match_models(models).by_label().pairs
    got = analyze(tmp_path, parallel=False).duplicates
    cols = ["department_a", "activity_a", "department_b", "activity_b", "score"]
    assert len(expected) > 0
    assert got[cols].to_dict("records") == expected[cols].to_dict("records")


def test_two_labels_each_used_by_the_other_model_are_two_steps() -> None:
    """Both municipalities write HOOFD_010 and HOOFD_020: HOOFD_010 of one is the other's
    HOOFD_010, not its HOOFD_020, however alike the rest of the evidence (a label found
    in one model only is not held back)."""
    a = epc([("01_HOOFD_010", "x", "y"), ("01_HOOFD_020", "y", "z")])
    b = epc([("01_HOOFD_010", "x", "y"), ("01_HOOFD_020", "y", "z"), ("01_HOOFD_030", "z", "w")])
    items = from_models({"A": a, "B": b}).items
    names = [(it.department, it.name) for it in items]
    k = {n: names.index(n) for n in names}
    scorer = Scorer(items, MatchWeights(), None)
    i = np.array([k[("A", "01_HOOFD_010")], k[("A", "01_HOOFD_010")], k[("A", "01_HOOFD_020")]])
    j = np.array([k[("B", "01_HOOFD_010")], k[("B", "01_HOOFD_020")], k[("B", "01_HOOFD_030")]])
    assert scorer.local(i, j)["namesakes"].tolist() == [0.0, 1.0, 0.0]
    found = match_models({"A": a, "B": b}).pairs
    pairs = set(zip(found["activity_a"], found["activity_b"], strict=True))
    assert ("01_HOOFD_010", "01_HOOFD_020") not in pairs
    assert ("01_HOOFD_010", "01_HOOFD_010") in pairs


def _label_similarity(labels: list[str], i: list[int], j: list[int]) -> np.ndarray:
    """Label similarity (:meth:`Scorer.head`) of the pairs ``labels[i[k]]``, ``labels[j[k]]``,
    each label a model of one element."""
    graphs = {}
    for k, label in enumerate(labels):
        g = nx.DiGraph()
        g.add_node("1", label=label)
        graphs[str(k)] = g
    scorer = Scorer(from_models(graphs).items, MatchWeights(), None)
    return scorer.head(np.array(i), np.array(j))["lab"]


def test_the_same_action_on_the_same_concept_is_alike_however_worded() -> None:
    """来庁者確認 and 本人確認 share little but 確認; both check the party in front of the
    clerk. A check of income is another thing, and so is keying the party's data."""
    lab = _label_similarity(
        ["本人確認", "来庁者確認", "所得の確認", "申請者情報入力"], [0, 0, 0], [1, 2, 3]
    )
    assert lab[0] >= 0.6
    assert lab[1] < 0.6 and lab[2] < 0.6


def test_queue_tickets_are_alike_however_worded_and_apart_from_notices() -> None:
    """受付番号札 (read as 受付 + 番号札), 番号札発行 and 整理券を発行する each hand out a ticket;
    a tax notice sent (発送) shares the issuing verb with the second, not the ticket."""
    lab = _label_similarity(
        ["01_受付番号札", "番号札発行", "整理券を発行する", "税額決定通知書発送"],
        [0, 0, 1, 1],
        [1, 2, 2, 3],
    )
    assert lab[0] >= 0.6 and lab[1] >= 0.6 and lab[2] >= 0.6
    assert lab[3] < 0.6


def test_checks_of_the_register_are_alike_however_the_register_is_named() -> None:
    """住民記録照会 and 住基照会 share only 照会; both read the resident register, as a check of
    the address does. A check of income is another thing."""
    lab = _label_similarity(
        ["住民記録照会", "05_住基照会", "住所照会", "所得照会"], [0, 0, 1], [1, 2, 3]
    )
    assert lab[0] >= 0.6 and lab[1] >= 0.6
    assert lab[2] < 0.6


def test_account_registrations_are_alike_whether_taken_in_or_keyed() -> None:
    """口座振替申込受付 (a filing) and 振込口座の登録 (an entry) both register an account; a
    notice that a debit failed is another thing."""
    lab = _label_similarity(
        ["口座振替申込受付", "振込口座の登録", "口座振替不能通知"], [0, 0], [1, 2]
    )
    assert lab[0] >= 0.6
    assert lab[1] < 0.6


def test_guidance_worded_apart_is_alike() -> None:
    """手続案内 and 子育て支援サービスのご案内 share only 案内: both tell the resident what else to do."""
    lab = _label_similarity(["手続案内", "子育て支援サービスのご案内", "所得照会"], [0, 0], [1, 2])
    assert lab[0] >= 0.6
    assert lab[1] < 0.6


def test_two_bare_steps_share_a_verb_not_the_work() -> None:
    """受付 and 受付 of two departments running one vendor package for other procedures name
    no object: the same word is not evidence of the same work; 番号札発券 twice is."""
    lab = _label_similarity(["受付", "受付", "番号札発券", "番号札発券"], [0, 2], [1, 3])
    assert lab[0] <= 0.3
    assert lab[1] >= 0.9


_KOSODATE_BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <process id="p">
    <startEvent id="s"/>
    <task id="t1" name="番号札を発券する"/>
    <task id="t2" name="請求者の本人確認書類を確認する"/>
    <task id="t3" name="所得の状況を照会する"/>
    <task id="t4" name="認定通知書を送付する"/>
    <endEvent id="e"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>
    <sequenceFlow id="f2" sourceRef="t1" targetRef="t2"/>
    <sequenceFlow id="f3" sourceRef="t2" targetRef="t3"/>
    <sequenceFlow id="f4" sourceRef="t3" targetRef="t4"/>
    <sequenceFlow id="f5" sourceRef="t4" targetRef="e"/>
  </process>
</definitions>
"""


def test_a_documented_model_is_matched_with_the_logs_of_other_departments(tmp_path: Path) -> None:
    """子育て支援課 hands over its BPMN model only: its identity check, written as documentation
    (請求者の本人確認書類を確認する), is the identity check the logs record as 本人確認 — their
    neighbours, a documented flow and an observed one, are worded apart and do not count
    against it."""
    from procmine import analyze

    (tmp_path / "kosodate.bpmn").write_text(_KOSODATE_BPMN, encoding="utf-8")
    for dept, steps in (("shimin", ["番号札発券", "本人確認", "住民票交付"]),
                        ("kokuho", ["番号札発券", "本人確認", "所得照会", "保険証交付"])):  # fmt: skip
        rows = ["受付番号,処理内容,処理日時,終了日時,担当者,宛名番号"]
        for c in range(60):
            for k, step in enumerate(steps):
                t = f"2025-04-{1 + c % 20:02d} 09:{10 * k:02d}"
                end = f"2025-04-{1 + c % 20:02d} 09:{10 * k + 4:02d}"
                rows.append(f"{dept}{c},{step},{t},{end},clerk{k},{1000 + c}")
        (tmp_path / f"{dept}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    analysis = analyze(tmp_path, parallel=False)
    pairs = analysis.duplicates
    found = set(zip(pairs["activity_a"], pairs["activity_b"], strict=True))
    found |= {(b, a) for a, b in found}
    assert ("請求者の本人確認書類を確認する", "本人確認") in found
    assert ("番号札を発券する", "番号札発券") in found
    assert not any("認定通知書" in a and "交付" in b for a, b in found)
    # the model's department has no events: the workload says so instead of 0 hours measured
    analysis.write(tmp_path / "out")
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    workload = report.split('<a id="workload">')[1].split('<a id="maps">')[0]
    assert "| kosodate |" not in workload
    assert "プロセスモデル）のみが提供された課（kosodate）" in workload
