"""Read process models (BPMN 2.0, PNML, EPML) into activity graphs.

A model becomes a :class:`networkx.DiGraph` whose nodes are its labelled elements (tasks and
named events of BPMN, labelled transitions of PNML, functions of EPML).
Everything else — gateways, connectors, places, silent transitions, unnamed events, EPC
events — is collapsed: an edge ``a → b`` means that ``b`` can follow ``a`` with only such
elements in between. Node ids are the element ids of the file; node attributes are ``label``
(the name, whitespace collapsed) and ``kind`` (``"task"``, ``"event"``, ``"transition"`` or
``"function"``); BPMN nodes also carry ``lane`` (the lane or pool they sit in, or ``""``).
EPC events are states, not work: each EPML function carries the labels of the events right
before and after it (through connectors only) as ``events_before`` and ``events_after``
(sorted tuples; "Invoice received" before "Verify invoice"), which describe the function.
Edges carry ``flow``: ``"sequence"`` or, for BPMN message flows, ``"message"``.

Files with a document type declaration or entity declarations are refused (they are the
vehicle of XML entity-expansion attacks and never needed by these formats).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from procmine.errors import InputError
from procmine.io.messages import at, show

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["MODEL_SUFFIXES", "load_model", "parse_model"]

#: File name endings recognised as process models.
MODEL_SUFFIXES: tuple[str, ...] = (".bpmn", ".pnml", ".epml")

_BPMN_TASKS = {
    "task",
    "userTask",
    "serviceTask",
    "sendTask",
    "receiveTask",
    "manualTask",
    "businessRuleTask",
    "scriptTask",
    "callActivity",
    "subProcess",
    "adHocSubProcess",
    "transaction",
}
_BPMN_EVENTS = {
    "startEvent",
    "endEvent",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
    "implicitThrowEvent",
}
_BPMN_GATEWAYS = {
    "exclusiveGateway",
    "inclusiveGateway",
    "parallelGateway",
    "eventBasedGateway",
    "complexGateway",
}
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def load_model(path: Path | str) -> nx.DiGraph:
    """Read a BPMN (``.bpmn``), PNML (``.pnml``) or EPML (``.epml``) file.

    Parameters
    ----------
    path : Path or str
        The model file. The format is chosen by the file name ending; other endings
        (``.xml``) are recognised by the root element.

    Returns
    -------
    networkx.DiGraph
        Labelled elements as nodes (attributes ``label``, ``kind``), edges between
        elements that directly follow each other once gateways, places, connectors and
        unlabelled elements are collapsed. ``graph.graph["name"]`` is the file stem.

    Raises
    ------
    InputError
        When the file cannot be read, is not well-formed XML, declares a DTD or entities,
        or is not one of the three formats.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(
            f"{at(str(path))}: the process model cannot be read ({err.strerror or err}) — "
            "check the path and that it is a file you may read"
        ) from None
    return parse_model(data, name=path.name)


def _declares_dtd(raw: bytes) -> bool:
    """Whether ``raw`` declares a DTD or entities, also when it is UTF-16 encoded."""
    if _DTD.search(raw):
        return True
    head = raw[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
            text = raw.decode(encoding, errors="ignore")
            if _DTD.search(text.encode("utf-8", errors="ignore")):
                return True
    return False


def parse_model(data: bytes | str, *, name: str = "model") -> nx.DiGraph:
    """Parse the text of a process model; ``name`` is used in messages and as graph name.

    Examples
    --------
    >>> xml = '''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
    ... <process id="p"><startEvent id="s"/><task id="a" name="Check  form"/>
    ... <exclusiveGateway id="g"/><task id="b" name="Send letter"/><endEvent id="e" name="Done"/>
    ... <sequenceFlow id="f1" sourceRef="s" targetRef="a"/>
    ... <sequenceFlow id="f2" sourceRef="a" targetRef="g"/>
    ... <sequenceFlow id="f3" sourceRef="g" targetRef="b"/>
    ... <sequenceFlow id="f4" sourceRef="b" targetRef="e"/></process></definitions>'''
    >>> g = parse_model(xml, name="tiny.bpmn")
    >>> [(g.nodes[u]["label"], g.nodes[v]["label"]) for u, v in sorted(g.edges)]
    [('Check form', 'Send letter'), ('Send letter', 'Done')]
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if _declares_dtd(raw):
        raise InputError(
            f"{at(name)}: the file declares a DTD or entities, which procmine does not read — "
            "remove the <!DOCTYPE>/<!ENTITY> declarations"
        )
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as err:
        line = err.position[0] if getattr(err, "position", None) else None
        detail = re.sub(r":? line \d+, column \d+$", "", str(err))
        raise InputError(
            f"{at(name, line)}: not well-formed XML ({show(detail, limit=80)}) — the file is "
            "damaged or truncated; re-export the model"
        ) from None
    tag = _local(root.tag)
    suffix = Path(name).suffix.lower()
    expected = {".bpmn": "definitions", ".pnml": "pnml", ".epml": "epml"}.get(suffix)
    if expected is not None and tag != expected:
        raise InputError(
            f"{at(name)}: root element <{show(tag)}> is not <{expected}>, so this is not a "
            f"{suffix[1:].upper()} file — export the model as {suffix[1:].upper()}"
        )
    if suffix == ".bpmn" or (suffix not in MODEL_SUFFIXES and tag == "definitions"):
        graph = _bpmn(root)
    elif suffix == ".pnml" or (suffix not in MODEL_SUFFIXES and tag == "pnml"):
        graph = _pnml(root)
    elif suffix == ".epml" or (suffix not in MODEL_SUFFIXES and tag == "epml"):
        graph = _epml(root)
    else:
        raise InputError(
            f"{at(name)}: root element <{show(tag)}> is not BPMN, PNML or EPML — "
            "pass a .bpmn, .pnml or .epml file"
        )
    graph.graph["name"] = Path(name).stem
    return graph


# --------------------------------------------------------------------------- helpers


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if "}" in tag else tag


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _collapse(
    kept: dict[str, dict[str, str]],
    edges: Iterable[tuple[str, str, str]],
) -> nx.DiGraph:
    """Graph on ``kept`` nodes; ``a → b`` when ``b`` is reachable through non-kept nodes."""
    import networkx as nx

    succ: dict[str, list[tuple[str, str]]] = {}
    for src, dst, flow in edges:
        succ.setdefault(src, []).append((dst, flow))
    graph = nx.DiGraph()
    for node in sorted(kept):
        graph.add_node(node, **kept[node])
    for node in sorted(kept):
        seen: set[str] = set()
        stack = list(succ.get(node, ()))
        while stack:
            dst, flow = stack.pop()
            if dst in kept:
                if not graph.has_edge(node, dst) or flow == "sequence":
                    graph.add_edge(node, dst, flow=flow)
                continue
            if dst in seen:
                continue
            seen.add(dst)
            stack.extend(succ.get(dst, ()))
    return graph


# --------------------------------------------------------------------------- BPMN


def _bpmn(root: ET.Element) -> nx.DiGraph:
    kept: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str, str]] = []
    lane_of: dict[str, str] = {}
    pool_of_process: dict[str, str] = {}
    for el in root.iter():
        tag = _local(el.tag)
        if tag == "participant" and el.get("processRef"):
            pool_of_process[el.get("processRef", "")] = _clean(el.get("name"))
    for el in root.iter():
        tag = _local(el.tag)
        if tag == "process":
            pool = pool_of_process.get(el.get("id", ""), "") or _clean(el.get("name"))
            for sub in el.iter():
                if _local(sub.tag) in _BPMN_TASKS | _BPMN_EVENTS and sub.get("id"):
                    lane_of.setdefault(sub.get("id", ""), pool)
        if tag == "lane":
            lane_name = _clean(el.get("name"))
            if lane_name:
                for ref in el:
                    if _local(ref.tag) == "flowNodeRef" and ref.text:
                        lane_of[ref.text.strip()] = lane_name
    for el in root.iter():
        tag = _local(el.tag)
        ident = el.get("id")
        if not ident:
            continue
        label = _clean(el.get("name"))
        if tag in _BPMN_TASKS and label:
            kept[ident] = {"label": label, "kind": "task"}
        elif tag in _BPMN_EVENTS and label:
            kept[ident] = {"label": label, "kind": "event"}
        if tag == "sequenceFlow" and el.get("sourceRef") and el.get("targetRef"):
            edges.append((el.get("sourceRef", ""), el.get("targetRef", ""), "sequence"))
        elif tag == "messageFlow" and el.get("sourceRef") and el.get("targetRef"):
            edges.append((el.get("sourceRef", ""), el.get("targetRef", ""), "message"))
        elif tag == "boundaryEvent" and el.get("attachedToRef"):
            edges.append((el.get("attachedToRef", ""), ident, "sequence"))
    for ident, attrs in kept.items():
        attrs["lane"] = lane_of.get(ident, "")
    return _collapse(kept, edges)


# --------------------------------------------------------------------------- PNML


def _pnml_name(el: ET.Element) -> str:
    for child in el:
        if _local(child.tag) == "name":
            for text in child:
                if _local(text.tag) == "text":
                    return _clean(text.text)
            return _clean(child.text)
    return ""


def _pnml_silent(el: ET.Element, label: str) -> bool:
    if not label:
        return True
    for child in el.iter():
        if _local(child.tag) == "toolspecific" and child.get("activity") == "$invisible$":
            return True
    return False


def _pnml(root: ET.Element) -> nx.DiGraph:
    kept: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str, str]] = []
    for el in root.iter():
        tag = _local(el.tag)
        ident = el.get("id")
        if tag == "transition" and ident:
            label = _pnml_name(el)
            if not _pnml_silent(el, label):
                kept[ident] = {"label": label, "kind": "transition"}
        elif tag == "arc" and el.get("source") and el.get("target"):
            edges.append((el.get("source", ""), el.get("target", ""), "sequence"))
    return _collapse(kept, edges)


# --------------------------------------------------------------------------- EPML


#: EPC connectors: the states on their far side still belong to the function.
_EPC_CONNECTORS = {"xor", "and", "or"}


def _epml(root: ET.Element) -> nx.DiGraph:
    kept: dict[str, dict[str, str]] = {}
    events: dict[str, str] = {}
    connectors: set[str] = set()
    edges: list[tuple[str, str, str]] = []
    for el in root.iter():
        tag = _local(el.tag)
        ident = el.get("id")
        if tag in ("function", "event") and ident:
            label = ""
            for child in el:
                if _local(child.tag) == "name":
                    label = _clean(child.text)
            if label and tag == "function":
                kept[ident] = {"label": label, "kind": "function"}
            elif label:
                events[ident] = label
        elif tag in _EPC_CONNECTORS and ident:
            connectors.add(ident)
        elif tag == "arc":
            for flow in el:
                if _local(flow.tag) == "flow" and flow.get("source") and flow.get("target"):
                    edges.append((flow.get("source", ""), flow.get("target", ""), "sequence"))
    graph = _collapse(kept, edges)
    forward: dict[str, list[str]] = {}
    backward: dict[str, list[str]] = {}
    for src, dst, _ in edges:
        forward.setdefault(src, []).append(dst)
        backward.setdefault(dst, []).append(src)
    for node in graph.nodes:
        graph.nodes[node]["events_before"] = _states(node, backward, events, connectors)
        graph.nodes[node]["events_after"] = _states(node, forward, events, connectors)
    return graph


def _states(
    node: str, step: dict[str, list[str]], events: dict[str, str], connectors: set[str]
) -> tuple[str, ...]:
    """Labels of the events reached from ``node`` along ``step`` through connectors only."""
    found: set[str] = set()
    seen: set[str] = set()
    stack = list(step.get(node, ()))
    while stack:
        here = stack.pop()
        if here in seen:
            continue
        seen.add(here)
        if here in events:
            found.add(events[here])
        elif here in connectors:
            stack.extend(step.get(here, ()))
    return tuple(sorted(found))
