"""西山市: a held-out town mixing documented process models (BPMN, PNML) with event logs.

Usage::

    .venv/bin/python benchmarks/nishiyama_city.py OUT [--seed N]

Written by an outside reviewer without reading procmine's source, generator or word lists.
Seven departments. Three hand over event logs exported by their systems (CSV, system labels
such as 受付・本人確認・住基照会, a person key, data columns and decoys):

* 市民課 (``shimin.csv``, 宛名番号), 保険年金課 (``kokuho.csv``, 住民番号),
  介護保険課 (``kaigo.csv``, 宛名番号).

Four hand over only their documented process model, exported from a modelling tool, with
labels in documentation style (「申請書を受け付ける」「本人確認書類を確認する」):

* 子育て支援課 (``jidou_teate.bpmn``: lanes, user / service tasks, gateways),
* 障害福祉課 (``shogai_shien.bpmn``), 学務課 (``shugaku_enjo.bpmn``),
* 生活福祉課 (``seikatsu_hogo.pnml``: a Petri net, two silent transitions).

A ``procmine.toml`` names the department of every file. The truth (``OUT/truth``) is fixed
by this script: duplicate clusters (koyo-city §3.6 conventions) across log↔model and
model↔model, hard negatives (受付・審査・通知・交付・調査 of other procedures, 扶養照会 against
income inquiries), silo columns of the logs and decoys (a notifier's name, an employer's
phone, a facility's address, a doctor's name). Models carry no data, so silos are among logs.
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

SURNAMES = (
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 松本 井上 木村 林 清水 森".split()
)
GIVEN = "翔太 美咲 大輔 陽子 健一 由美 誠 恵子 拓也 真由美 浩二 直子 隆 明美 亮 綾".split()
STREETS = "西山町 東山町 川原町 本町 栄町 緑が丘 桜台 旭町".split()

# ---------------------------------------------------------------- event logs (system labels)
# Each log: (file, department, header names, steps). A step is (label, minutes, role).
SHIMIN = [
    ("番号札発行", 1),
    ("受付", 3),
    ("本人確認", 2),
    ("異動届記入", 8),
    ("住記更新", 6),
    ("他課案内", 4),
    ("証明書交付", 3),
    ("手数料収納", 2),
]
KOKUHO = [
    ("番号札発行", 1),
    ("受付", 3),
    ("本人確認", 2),
    ("資格取得届記入", 6),
    ("住基照会", 2),
    ("所得照会", 3),
    ("資格情報入力", 5),
    ("口座登録", 4),
    ("保険証交付", 2),
    ("他課案内", 3),
]
KAIGO = [
    ("受付", 3),
    ("本人確認", 2),
    ("申請書記入", 7),
    ("住基照会", 2),
    ("被保険者情報入力", 5),
    ("所得照会", 3),
    ("口座登録", 4),
    ("訪問調査", 60),
    ("結果通知", 2),
]

# ---------------------------------------------------------------- models (documentation labels)
# (id, kind, name, lane); kinds are BPMN element tags.
JIDOU = [
    ("StartEvent_1", "startEvent", "請求者が来庁した", "窓口担当"),
    ("Task_ticket", "serviceTask", "番号札を発券する", "窓口担当"),
    ("Task_receive", "task", "認定請求書を受け付ける", "窓口担当"),
    ("Task_id", "userTask", "請求者の本人確認書類を確認する", "窓口担当"),
    ("Task_form", "userTask", "請求書に氏名・住所を記入してもらう", "窓口担当"),
    ("Gateway_ok", "exclusiveGateway", "記載に不備があるか", "窓口担当"),
    ("Task_fix", "userTask", "不備箇所の補正を依頼する", "窓口担当"),
    ("Task_juki", "serviceTask", "住民基本台帳を照会する", "審査担当"),
    ("Task_income", "serviceTask", "所得課税状況を照会する", "審査担当"),
    ("Task_acct", "userTask", "振込口座を登録する", "審査担当"),
    ("Task_review", "userTask", "認定内容を審査する", "審査担当"),
    ("Task_notice", "task", "認定通知書を送付する", "審査担当"),
    ("Task_guide", "userTask", "関係課の手続きを案内する", "窓口担当"),
    ("EndEvent_1", "endEvent", "認定完了", "審査担当"),
]
JIDOU_FLOW = [
    ("StartEvent_1", "Task_ticket"),
    ("Task_ticket", "Task_receive"),
    ("Task_receive", "Task_id"),
    ("Task_id", "Task_form"),
    ("Task_form", "Gateway_ok"),
    ("Gateway_ok", "Task_fix", "不備あり"),
    ("Task_fix", "Task_form"),
    ("Gateway_ok", "Task_guide", "不備なし"),
    ("Task_guide", "Task_juki"),
    ("Task_juki", "Task_income"),
    ("Task_income", "Task_acct"),
    ("Task_acct", "Task_review"),
    ("Task_review", "Task_notice"),
    ("Task_notice", "EndEvent_1"),
]
SHOGAI = [
    ("StartEvent_1", "startEvent", "支給申請の相談を受けた", "相談支援係"),
    ("Task_receive", "task", "申請書を受け付ける", "相談支援係"),
    ("Task_id", "userTask", "本人確認書類を確認する", "相談支援係"),
    ("Task_form", "userTask", "申請書に氏名・住所・生年月日を記入してもらう", "相談支援係"),
    ("Task_key", "userTask", "申請者の基本情報を福祉システムに入力する", "給付係"),
    ("Task_juki", "serviceTask", "住民記録を照会して世帯構成を確認する", "給付係"),
    ("Task_income", "serviceTask", "世帯の課税状況を照会する", "給付係"),
    ("Gateway_split", "parallelGateway", "", "給付係"),
    ("Task_survey", "userTask", "障害支援区分の認定調査を行う", "相談支援係"),
    ("Task_plan", "task", "サービス等利用計画案の提出を求める", "相談支援係"),
    ("Gateway_join", "parallelGateway", "", "給付係"),
    ("Task_decide", "userTask", "支給決定を行う", "給付係"),
    ("Task_card", "task", "受給者証を交付する", "給付係"),
    ("EndEvent_1", "endEvent", "支給決定済み", "給付係"),
]
SHOGAI_FLOW = [
    ("StartEvent_1", "Task_receive"),
    ("Task_receive", "Task_id"),
    ("Task_id", "Task_form"),
    ("Task_form", "Task_key"),
    ("Task_key", "Task_juki"),
    ("Task_juki", "Task_income"),
    ("Task_income", "Gateway_split"),
    ("Gateway_split", "Task_survey"),
    ("Gateway_split", "Task_plan"),
    ("Task_survey", "Gateway_join"),
    ("Task_plan", "Gateway_join"),
    ("Gateway_join", "Task_decide"),
    ("Task_decide", "Task_card"),
    ("Task_card", "EndEvent_1"),
]
GAKUMU = [
    ("StartEvent_1", "startEvent", "保護者から申請があった", "学務係"),
    ("Task_receive", "task", "申請書を受け付ける", "学務係"),
    ("Task_id", "userTask", "保護者の本人確認を行う", "学務係"),
    ("Task_juki", "serviceTask", "住民基本台帳で世帯の状況を確認する", "学務係"),
    ("Task_income", "serviceTask", "保護者の所得状況を照会する", "学務係"),
    ("Gateway_ok", "exclusiveGateway", "認定基準を満たすか", "学務係"),
    ("Task_review", "userTask", "援助の可否を審査する", "学務係"),
    ("Task_acct", "userTask", "振込先口座を登録する", "学務係"),
    ("Task_notice", "task", "認定結果を通知する", "学務係"),
    ("Task_school", "task", "学校へ認定者名簿を送付する", "学務係"),
    ("EndEvent_1", "endEvent", "認定終了", "学務係"),
]
GAKUMU_FLOW = [
    ("StartEvent_1", "Task_receive"),
    ("Task_receive", "Task_id"),
    ("Task_id", "Task_juki"),
    ("Task_juki", "Task_income"),
    ("Task_income", "Task_review"),
    ("Task_review", "Gateway_ok"),
    ("Gateway_ok", "Task_acct", "認定"),
    ("Gateway_ok", "Task_notice", "否認"),
    ("Task_acct", "Task_notice"),
    ("Task_notice", "Task_school"),
    ("Task_school", "EndEvent_1"),
]
# PNML: transitions (id, name or "" for silent), arcs through places.
SEIHO = [
    ("t1", "面接相談を行う"),
    ("t2", "保護申請書を受理する"),
    ("t3", "申請者の本人確認を行う"),
    ("t4", "住民登録の状況を照会する"),
    ("t5", "課税台帳で収入を調査する"),
    ("t6", "扶養義務者に扶養照会を行う"),
    ("t7", "預貯金を金融機関に照会する"),
    ("tau1", ""),
    ("t8", "保護の要否を決定する"),
    ("t9", "決定通知書を送付する"),
    ("tau2", ""),
]
SEIHO_NET = [  # (place before, transition, place after)
    ("p0", "t1", "p1"),
    ("p1", "t2", "p2"),
    ("p2", "t3", "p3"),
    ("p3", "t4", "p4"),
    ("p4", "t5", "p5"),
    ("p4", "t6", "p6"),
    ("p4", "t7", "p7"),
    ("p5", "tau1", "p8"),
    ("p6", "tau1", "p8"),
    ("p7", "tau1", "p8"),
    ("p8", "t8", "p9"),
    ("p9", "t9", "p10"),
    ("p9", "tau2", "p10"),
]

DEPT = {
    "shimin.csv": "市民課",
    "kokuho.csv": "保険年金課",
    "kaigo.csv": "介護保険課",
    "jidou_teate.bpmn": "子育て支援課",
    "shogai_shien.bpmn": "障害福祉課",
    "shugaku_enjo.bpmn": "学務課",
    "seikatsu_hogo.pnml": "生活福祉課",
}
SHI, KOK, KAI = "市民課", "保険年金課", "介護保険課"
JID, SHO, GAK, SEI = "子育て支援課", "障害福祉課", "学務課", "生活福祉課"

DUPLICATES = {
    "QUEUE": [(SHI, "番号札発行"), (KOK, "番号札発行"), (JID, "番号札を発券する")],
    "ID": [
        (SHI, "本人確認"),
        (KOK, "本人確認"),
        (KAI, "本人確認"),
        (JID, "請求者の本人確認書類を確認する"),
        (SHO, "本人確認書類を確認する"),
        (GAK, "保護者の本人確認を行う"),
        (SEI, "申請者の本人確認を行う"),
    ],
    "FORM": [
        (SHI, "異動届記入"),
        (KOK, "資格取得届記入"),
        (KAI, "申請書記入"),
        (JID, "請求書に氏名・住所を記入してもらう"),
        (SHO, "申請書に氏名・住所・生年月日を記入してもらう"),
    ],
    "ADDR": [
        (KOK, "住基照会"),
        (KAI, "住基照会"),
        (JID, "住民基本台帳を照会する"),
        (SHO, "住民記録を照会して世帯構成を確認する"),
        (GAK, "住民基本台帳で世帯の状況を確認する"),
        (SEI, "住民登録の状況を照会する"),
    ],
    "KEY": [
        (KOK, "資格情報入力"),
        (KAI, "被保険者情報入力"),
        (SHO, "申請者の基本情報を福祉システムに入力する"),
    ],
    "INCOME": [
        (KOK, "所得照会"),
        (KAI, "所得照会"),
        (JID, "所得課税状況を照会する"),
        (SHO, "世帯の課税状況を照会する"),
        (GAK, "保護者の所得状況を照会する"),
        (SEI, "課税台帳で収入を調査する"),
    ],
    "ACCT": [
        (KOK, "口座登録"),
        (KAI, "口座登録"),
        (JID, "振込口座を登録する"),
        (GAK, "振込先口座を登録する"),
    ],
    "GUIDE": [(SHI, "他課案内"), (KOK, "他課案内"), (JID, "関係課の手続きを案内する")],
}
NEGATIVES = {
    "受付": [
        (SHI, "受付"),
        (KOK, "受付"),
        (KAI, "受付"),
        (JID, "認定請求書を受け付ける"),
        (SHO, "申請書を受け付ける"),
        (GAK, "申請書を受け付ける"),
        (SEI, "保護申請書を受理する"),
    ],
    "審査": [
        (JID, "認定内容を審査する"),
        (SHO, "支給決定を行う"),
        (GAK, "援助の可否を審査する"),
        (SEI, "保護の要否を決定する"),
    ],
    "通知": [
        (KAI, "結果通知"),
        (JID, "認定通知書を送付する"),
        (GAK, "認定結果を通知する"),
        (SEI, "決定通知書を送付する"),
        (GAK, "学校へ認定者名簿を送付する"),
    ],
    "交付": [(SHI, "証明書交付"), (KOK, "保険証交付"), (SHO, "受給者証を交付する")],
    "調査": [(KAI, "訪問調査"), (SHO, "障害支援区分の認定調査を行う")],
    "扶養照会": [
        (SEI, "扶養義務者に扶養照会を行う"),
        (SEI, "預貯金を金融機関に照会する"),
        (KOK, "所得照会"),
        (KAI, "所得照会"),
        (GAK, "保護者の所得状況を照会する"),
    ],
    "住記": [(SHI, "住記更新"), (KOK, "資格情報入力"), (KAI, "被保険者情報入力")],
}
SILOS = [  # field, department, column, file
    ("NAME", SHI, "氏名", "shimin.csv"),
    ("NAME", KOK, "被保険者氏名", "kokuho.csv"),
    ("NAME", KAI, "氏名", "kaigo.csv"),
    ("DOB", SHI, "生年月日", "shimin.csv"),
    ("DOB", KOK, "生年月日", "kokuho.csv"),
    ("DOB", KAI, "生年月日", "kaigo.csv"),
    ("ADDR", SHI, "住所", "shimin.csv"),
    ("ADDR", KOK, "住所", "kokuho.csv"),
    ("ADDR", KAI, "現住所", "kaigo.csv"),
    ("TEL", SHI, "電話番号", "shimin.csv"),
    ("TEL", KOK, "連絡先電話", "kokuho.csv"),
    ("TEL", KAI, "電話", "kaigo.csv"),
    ("BANK", KOK, "口座番号", "kokuho.csv"),
    ("BANK", KAI, "振込口座", "kaigo.csv"),
]
DECOYS = [
    (SHI, "届出人氏名", "NAME", "shimin.csv"),
    (KOK, "勤務先電話", "TEL", "kokuho.csv"),
    (KAI, "施設住所", "ADDR", "kaigo.csv"),
    (KAI, "主治医氏名", "NAME", "kaigo.csv"),
]


def _residents(rng: random.Random, n: int) -> list[dict[str, str]]:
    out = []
    for i in range(n):
        birth = datetime(1935, 1, 1) + timedelta(days=rng.randrange(0, 365 * 70))
        out.append(
            {
                "key": f"{100000 + i * 7:08d}",
                "name": f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                "dob": birth.strftime("%Y-%m-%d"),
                "addr": f"西山市{rng.choice(STREETS)}{rng.randint(1, 5)}丁目{rng.randint(1, 30)}"
                f"番{rng.randint(1, 20)}号",
                "tel": f"0{rng.randint(70, 90)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                "acct": f"{rng.randint(1000000, 9999999)}",
            }
        )
    return out


def _other(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"


def _write_log(
    path: Path,
    header: list[str],
    steps: list[tuple[str, int]],
    people: list[dict[str, str]],
    rng: random.Random,
    row_of,
) -> int:
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for n, person in enumerate(people):
            t = datetime(2026, 4, 1, 8, 30) + timedelta(
                days=rng.randrange(0, 90), minutes=rng.randrange(0, 420)
            )
            staff = f"職員{rng.randint(1, 6):02d}"
            extra = {
                "decoy1": _other(rng),
                "decoy2": _other(rng),
                "facility": f"西山市{rng.choice(STREETS)}{rng.randint(1, 5)}丁目 特養にしやま荘",
            }
            for label, minutes in steps:
                if label in ("他課案内", "口座登録", "所得照会") and rng.random() < 0.2:
                    continue
                dur = max(1, round(minutes * rng.uniform(0.6, 1.6)))
                end = t + timedelta(minutes=dur)
                w.writerow(row_of(n, label, t, end, staff, person, extra))
                rows += 1
                t = end + timedelta(minutes=rng.randint(0, 15))
    return rows


def write_logs(city: Path, rng: random.Random, pool: list[dict[str, str]]) -> int:
    fmt = "%Y/%m/%d %H:%M"
    total = 0

    def shimin(n, label, t, end, staff, p, extra):
        return [f"S{n + 1:05d}", label, t.strftime(fmt), end.strftime(fmt), staff, p["key"],
                p["name"], p["dob"], p["addr"], p["tel"], extra["decoy1"]]  # fmt: skip

    total += _write_log(
        city / "shimin.csv",
        [
            "受付番号",
            "処理内容",
            "処理日時",
            "完了日時",
            "担当者",
            "宛名番号",
            "氏名",
            "生年月日",
            "住所",
            "電話番号",
            "届出人氏名",
        ],
        SHIMIN,
        rng.sample(pool, 420),
        rng,
        shimin,
    )
    kok_people = rng.sample(pool, 360)
    stale_k = {p["key"]: rng.random() < 0.08 for p in kok_people}

    def kokuho(n, label, t, end, staff, p, extra):
        addr = p["addr"].replace("丁目", "-").replace("番", "-").replace("号", "")
        if stale_k[p["key"]]:
            addr = f"西山市{STREETS[0]}9-9-9"
        work = f"03-{1000 + n % 9000:04d}-{5000 + n % 4000:04d}"
        return [f"K{26000 + n}", label, t.strftime(fmt), end.strftime(fmt), staff, p["key"],
                p["name"], p["dob"], addr, p["tel"], p["acct"], work]  # fmt: skip

    total += _write_log(
        city / "kokuho.csv",
        [
            "申請番号",
            "手続",
            "日時",
            "終了日時",
            "担当",
            "住民番号",
            "被保険者氏名",
            "生年月日",
            "住所",
            "連絡先電話",
            "口座番号",
            "勤務先電話",
        ],
        KOKUHO,
        kok_people,
        rng,
        kokuho,
    )
    kai_people = [p for p in pool if p["dob"] < "1961-01-01"]
    kai_people = rng.sample(kai_people, min(300, len(kai_people)))

    def kaigo(n, label, t, end, staff, p, extra):
        return [f"C-{n + 1:05d}", label, t.strftime(fmt), end.strftime(fmt), staff, p["key"],
                p["name"], p["dob"], p["addr"], p["tel"].replace("-", ""), p["acct"],
                extra["facility"], extra["decoy2"]]  # fmt: skip

    total += _write_log(
        city / "kaigo.csv",
        [
            "受付No",
            "処理",
            "処理日時",
            "終了時刻",
            "担当者",
            "宛名番号",
            "氏名",
            "生年月日",
            "現住所",
            "電話",
            "振込口座",
            "施設住所",
            "主治医氏名",
        ],
        KAIGO,
        kai_people,
        rng,
        kaigo,
    )
    return total


NS = (
    'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
    'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
    'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)


def bpmn(process_id: str, title: str, nodes: list, flows: list) -> str:
    """A BPMN 2.0 file as a modelling tool exports it (collaboration, lanes, flows, DI)."""
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for i, flow in enumerate(flows):
        outgoing.setdefault(flow[0], []).append(f"Flow_{i + 1}")
        incoming.setdefault(flow[1], []).append(f"Flow_{i + 1}")
    lanes: dict[str, list[str]] = {}
    for node_id, _, _, lane in nodes:
        lanes.setdefault(lane, []).append(node_id)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<bpmn:definitions {NS} id="Definitions_{process_id}" '
        'targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" '
        'exporterVersion="5.17.0">',
        '  <bpmn:collaboration id="Collaboration_1">',
        f'    <bpmn:participant id="Participant_1" name="{escape(title)}" '
        f'processRef="{process_id}" />',
        "  </bpmn:collaboration>",
        f'  <bpmn:process id="{process_id}" name="{escape(title)}" isExecutable="false">',
        '    <bpmn:laneSet id="LaneSet_1">',
    ]
    for j, (lane, members) in enumerate(lanes.items()):
        out.append(f'      <bpmn:lane id="Lane_{j + 1}" name="{escape(lane)}">')
        out += [f"        <bpmn:flowNodeRef>{m}</bpmn:flowNodeRef>" for m in members]
        out.append("      </bpmn:lane>")
    out.append("    </bpmn:laneSet>")
    for node_id, kind, name, _ in nodes:
        attr = f' name="{escape(name)}"' if name else ""
        out.append(f'    <bpmn:{kind} id="{node_id}"{attr}>')
        out += [f"      <bpmn:incoming>{f}</bpmn:incoming>" for f in incoming.get(node_id, [])]
        out += [f"      <bpmn:outgoing>{f}</bpmn:outgoing>" for f in outgoing.get(node_id, [])]
        out.append(f"    </bpmn:{kind}>")
    for i, flow in enumerate(flows):
        name = f' name="{escape(flow[2])}"' if len(flow) > 2 else ""
        out.append(
            f'    <bpmn:sequenceFlow id="Flow_{i + 1}"{name} sourceRef="{flow[0]}" '
            f'targetRef="{flow[1]}" />'
        )
    out.append("  </bpmn:process>")
    out.append('  <bpmndi:BPMNDiagram id="BPMNDiagram_1">')
    out.append('    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Collaboration_1">')
    for k, (node_id, _, _, _) in enumerate(nodes):
        out.append(
            f'      <bpmndi:BPMNShape id="{node_id}_di" bpmnElement="{node_id}">'
            f'<dc:Bounds x="{160 + 140 * k}" y="100" width="100" height="80" />'
            "</bpmndi:BPMNShape>"
        )
    out.append("    </bpmndi:BPMNPlane>")
    out.append("  </bpmndi:BPMNDiagram>")
    out.append("</bpmn:definitions>")
    return "\n".join(out) + "\n"


def pnml(title: str, transitions: list, net: list) -> str:
    """A place/transition net in PNML (ISO/IEC 15909-2); silent transitions have no name."""
    places = sorted({a for a, _, _ in net} | {b for _, _, b in net}, key=lambda p: int(p[1:]))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<pnml xmlns="http://www.pnml.org/version-2009/grammar/pnml">',
        '  <net id="net1" type="http://www.pnml.org/version-2009/grammar/ptnet">',
        f"    <name><text>{escape(title)}</text></name>",
        '    <page id="page1">',
    ]
    for p in places:
        mark = "<initialMarking><text>1</text></initialMarking>" if p == "p0" else ""
        out.append(f'      <place id="{p}">{mark}</place>')
    for t, name in transitions:
        label = f"<name><text>{escape(name)}</text></name>" if name else ""
        out.append(f'      <transition id="{t}">{label}</transition>')
    arcs = sorted({(a, t) for a, t, _ in net} | {(t, b) for _, t, b in net})
    for i, (src, dst) in enumerate(arcs):
        out.append(f'      <arc id="a{i + 1}" source="{src}" target="{dst}" />')
    out += ["    </page>", '    <finalmarkings><marking><place idref="p10">'
            "<text>1</text></place></marking></finalmarkings>", "  </net>", "</pnml>"]  # fmt: skip
    return "\n".join(out) + "\n"


def write_truth(truth: Path) -> None:
    truth.mkdir(parents=True, exist_ok=True)
    with (truth / "duplicates.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["cluster", "department", "activity"])
        for cluster, members in DUPLICATES.items():
            w.writerows([cluster, d, a] for d, a in members)
    with (truth / "negatives.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["group", "department", "activity"])
        for group, members in NEGATIVES.items():
            w.writerows([group, d, a] for d, a in members)
    with (truth / "aliases.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(["department", "alias", "activity"])
    with (truth / "silos.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["field", "department", "column", "file"])
        w.writerows(SILOS)
    with (truth / "decoys.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["department", "column"])  # the two columns independent_towns.py reads
        w.writerows((d, c) for d, c, _, _ in DECOYS)


def make(out: Path, seed: int = 7) -> str:
    rng = random.Random(seed)
    city = out / "city"
    city.mkdir(parents=True, exist_ok=True)
    pool = _residents(rng, 900)
    events = write_logs(city, rng, pool)
    (city / "jidou_teate.bpmn").write_text(
        bpmn("Process_jidou_teate", "児童手当認定請求", JIDOU, JIDOU_FLOW), encoding="utf-8"
    )
    (city / "shogai_shien.bpmn").write_text(
        bpmn("Process_shogai", "障害福祉サービス支給申請", SHOGAI, SHOGAI_FLOW), encoding="utf-8"
    )
    (city / "shugaku_enjo.bpmn").write_text(
        bpmn("Process_shugaku", "就学援助申請", GAKUMU, GAKUMU_FLOW), encoding="utf-8"
    )
    (city / "seikatsu_hogo.pnml").write_text(
        pnml("生活保護の申請から決定まで", SEIHO, SEIHO_NET), encoding="utf-8"
    )
    toml = "".join(f'[files."{name}"]\ndepartment = "{dept}"\n\n' for name, dept in DEPT.items())
    (city / "procmine.toml").write_text(toml, encoding="utf-8")
    write_truth(out / "truth")
    return f"3 event logs ({events:,} events), 3 BPMN models, 1 PNML net in {city}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(make(args.out, args.seed))


if __name__ == "__main__":
    main()
