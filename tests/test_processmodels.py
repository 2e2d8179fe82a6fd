"""Reading BPMN, PNML and EPML process models into activity graphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from procmine.errors import InputError
from procmine.io.processmodels import load_model, parse_model

BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <collaboration id="c">
    <participant id="p1" name="University" processRef="proc"/>
    <participant id="p2" name="Applicant" processRef="proc2"/>
    <messageFlow id="m1" sourceRef="t0" targetRef="t1"/>
  </collaboration>
  <process id="proc">
    <laneSet id="ls"><lane id="l1" name="Office"><flowNodeRef>t1</flowNodeRef></lane></laneSet>
    <startEvent id="s" name="Application received"/>
    <task id="t1" name="Check  documents"/>
    <exclusiveGateway id="g1"/>
    <userTask id="t2" name="Send acceptance"/>
    <sendTask id="t3" name="Send rejection"/>
    <exclusiveGateway id="g2"/>
    <endEvent id="e"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>
    <sequenceFlow id="f2" sourceRef="t1" targetRef="g1"/>
    <sequenceFlow id="f3" sourceRef="g1" targetRef="t2"/>
    <sequenceFlow id="f4" sourceRef="g1" targetRef="t3"/>
    <sequenceFlow id="f5" sourceRef="t2" targetRef="g2"/>
    <sequenceFlow id="f6" sourceRef="t3" targetRef="g2"/>
    <sequenceFlow id="f7" sourceRef="g2" targetRef="e"/>
  </process>
  <process id="proc2"><task id="t0" name="Apply online"/></process>
</definitions>
"""

PNML = """<?xml version="1.0"?>
<pnml><net id="n" type="http://www.pnml.org/version-2009/grammar/ptnet">
 <page id="pg">
  <place id="p0"/><place id="p1"/><place id="p2"/><place id="p3"/>
  <transition id="a"><name><text>受付</text></name></transition>
  <transition id="tau"><name><text>tau</text></name>
    <toolspecific tool="ProM" version="6.4" activity="$invisible$"/></transition>
  <transition id="b"><name><text>審査</text></name></transition>
  <transition id="c"/>
  <arc id="x1" source="p0" target="a"/><arc id="x2" source="a" target="p1"/>
  <arc id="x3" source="p1" target="tau"/><arc id="x4" source="tau" target="p2"/>
  <arc id="x5" source="p2" target="b"/><arc id="x6" source="b" target="p3"/>
  <arc id="x7" source="p3" target="c"/>
 </page></net></pnml>
"""

EPML = """<?xml version="1.0" encoding="UTF-8"?>
<epml:epml xmlns:epml="http://www.epml.de"><epc EpcId="1" name="x">
 <event id="1"><name>Invoice received</name></event>
 <function id="2"><name>Check invoice</name></function>
 <xor id="3"><name/></xor>
 <function id="4"><name>Pay invoice</name></function>
 <function id="5"><name>Return invoice</name></function>
 <event id="6"><name>Invoice paid</name></event>
 <arc id="a1"><flow source="1" target="2"/></arc>
 <arc id="a2"><flow source="2" target="3"/></arc>
 <arc id="a3"><flow source="3" target="4"/></arc>
 <arc id="a4"><flow source="3" target="5"/></arc>
 <arc id="a5"><flow source="4" target="6"/></arc>
</epc></epml:epml>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bpmn_tasks_and_named_events_become_nodes(tmp_path: Path) -> None:
    g = load_model(_write(tmp_path, "uni.bpmn", BPMN))
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    assert labels == {
        "s": "Application received",
        "t0": "Apply online",
        "t1": "Check documents",
        "t2": "Send acceptance",
        "t3": "Send rejection",
    }
    assert g.nodes["s"]["kind"] == "event" and g.nodes["t2"]["kind"] == "task"
    assert g.graph["name"] == "uni"


def test_bpmn_gateways_are_collapsed_into_activity_edges(tmp_path: Path) -> None:
    g = load_model(_write(tmp_path, "uni.bpmn", BPMN))
    assert {("s", "t1"), ("t1", "t2"), ("t1", "t3")} <= set(g.edges)
    assert g.edges["t0", "t1"]["flow"] == "message"
    assert g.out_degree("t2") == 0  # the unnamed end event is not a node


def test_bpmn_lanes_and_pools_are_kept(tmp_path: Path) -> None:
    g = load_model(_write(tmp_path, "uni.bpmn", BPMN))
    assert g.nodes["t1"]["lane"] == "Office"
    assert g.nodes["t2"]["lane"] == "University"
    assert g.nodes["t0"]["lane"] == "Applicant"


def test_pnml_silent_and_unlabelled_transitions_are_collapsed(tmp_path: Path) -> None:
    g = load_model(_write(tmp_path, "net.pnml", PNML))
    assert sorted(g.nodes) == ["a", "b"]
    assert list(g.edges) == [("a", "b")]
    assert g.nodes["a"] == {"label": "受付", "kind": "transition"}


def test_epml_functions_become_nodes_and_connectors_collapse(tmp_path: Path) -> None:
    g = load_model(_write(tmp_path, "m.epml", EPML))
    assert sorted(g.nodes) == ["2", "4", "5"]
    assert set(g.edges) == {("2", "4"), ("2", "5")}
    assert g.nodes["2"]["kind"] == "function"


def test_format_is_recognised_by_root_for_xml_files(tmp_path: Path) -> None:
    g = load_model(_write(tmp_path, "m.xml", EPML))
    assert g.number_of_nodes() == 3


def test_malformed_xml_is_one_line_input_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.bpmn", "<definitions><task id='a'></definitions>")
    with pytest.raises(InputError) as err:
        load_model(path)
    assert "broken.bpmn" in str(err.value) and "\n" not in str(err.value)


def test_dtd_and_entities_are_refused() -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><pnml>&a;</pnml>'
    with pytest.raises(InputError, match="DTD"):
        parse_model(bomb, name="bomb.pnml")


def test_unknown_root_is_refused() -> None:
    with pytest.raises(InputError, match="not BPMN, PNML or EPML"):
        parse_model("<html/>", name="page.xml")


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothere\.bpmn"):
        load_model(tmp_path / "nothere.bpmn")


def test_a_model_file_takes_the_department_procmine_toml_names(tmp_path: Path) -> None:
    """`[files."jidou_teate.bpmn"] department = "子育て支援課"` names the model's department,
    as it does a log's."""
    from procmine.io import load

    (tmp_path / "jidou_teate.bpmn").write_text(BPMN, encoding="utf-8")
    (tmp_path / "procmine.toml").write_text(
        '[files."jidou_teate.bpmn"]\ndepartment = "子育て支援課"\n', encoding="utf-8"
    )
    assert list(load([tmp_path]).models) == ["子育て支援課"]
