"""Fictional town みどり野町: department exports + ground truth (seeded, deterministic).

Written by a reviewer without procmine's generator or vocabulary: XES, Parquet, TSV and
cp932 exports; two sections in one file (担当係); the resident's record on every row in two
departments; no person key in one (name + birth date only), a plain 番号 / ID in others;
long formal, abbreviated and English labels. Used by :mod:`benchmarks.independent_towns`
(``--town midorino``); its errors were read once (2026-11-28), so it is a development set.

    .venv/bin/python benchmarks/midorino_town.py [OUT]   (default /tmp/midorino)

Writes OUT/town/* and OUT/truth/*.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pandas as pd

SEED = 20240401
rng = random.Random(SEED)
ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/midorino")
OUT = ROOT / "town"
TRUTH = ROOT / "truth"
START = dt.datetime(2024, 4, 1)
END = dt.datetime(2025, 3, 31)
N_HOUSEHOLDS = 1450

# ----------------------------------------------------------------------------- people
SEI = [
    ("髙橋", "タカハシ"),
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("田中", "タナカ"),
    ("渡邊", "ワタナベ"),
    ("伊藤", "イトウ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("齋藤", "サイトウ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("清水", "シミズ"),
    ("山﨑", "ヤマザキ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("阿部", "アベ"),
    ("石川", "イシカワ"),
    ("前田", "マエダ"),
    ("藤原", "フジワラ"),
    ("岡田", "オカダ"),
    ("後藤", "ゴトウ"),
    ("長谷川", "ハセガワ"),
    ("村上", "ムラカミ"),
    ("近藤", "コンドウ"),
    ("坂本", "サカモト"),
    ("遠藤", "エンドウ"),
    ("青木", "アオキ"),
    ("藤井", "フジイ"),
    ("西村", "ニシムラ"),
    ("福田", "フクダ"),
    ("太田", "オオタ"),
    ("三浦", "ミウラ"),
    ("髙木", "タカギ"),
]
MEI_M = [
    ("太郎", "タロウ"),
    ("健一", "ケンイチ"),
    ("誠", "マコト"),
    ("翔太", "ショウタ"),
    ("大輔", "ダイスケ"),
    ("浩", "ヒロシ"),
    ("隆", "タカシ"),
    ("蓮", "レン"),
    ("悠真", "ユウマ"),
    ("湊", "ミナト"),
    ("博之", "ヒロユキ"),
    ("修", "オサム"),
    ("拓也", "タクヤ"),
    ("陽翔", "ハルト"),
    ("茂", "シゲル"),
    ("勝", "マサル"),
]
MEI_F = [
    ("花子", "ハナコ"),
    ("陽子", "ヨウコ"),
    ("美咲", "ミサキ"),
    ("結衣", "ユイ"),
    ("恵子", "ケイコ"),
    ("由美", "ユミ"),
    ("さくら", "サクラ"),
    ("陽菜", "ヒナ"),
    ("凛", "リン"),
    ("久美子", "クミコ"),
    ("真由美", "マユミ"),
    ("和子", "カズコ"),
    ("芽依", "メイ"),
    ("幸子", "サチコ"),
    ("葵", "アオイ"),
    ("千尋", "チヒロ"),
]
VARIANT = {"髙": "高", "邊": "辺", "齋": "斎", "﨑": "崎"}
OAZA = ["東原", "西谷", "北沢", "南郷"]
CHOME = ["緑ケ丘", "桜台", "若葉町"]
BUILDINGS = ["コーポみどり", "ハイツ桜", "グリーンヒルズ", "メゾン若葉"]
BANKS = [
    ("みどり信用金庫", "0123", [("本店", "001"), ("東原支店", "012"), ("桜台支店", "015")]),
    ("南野銀行", "0456", [("みどり野支店", "210"), ("駅前支店", "221")]),
    ("ゆうちょ銀行", "9900", [("〇一八店", "018")]),
    ("南野農業協同組合", "3011", [("みどり野支所", "005")]),
]


class Address:
    def __init__(self) -> None:
        if rng.random() < 0.45:
            self.kind = "oaza"
            self.area = rng.choice(OAZA)
            self.a, self.b = rng.randint(100, 2999), rng.randint(1, 12)
        else:
            self.kind = "chome"
            self.area = rng.choice(CHOME)
            self.a, self.b, self.c = rng.randint(1, 4), rng.randint(1, 28), rng.randint(1, 20)
        self.bldg = (
            f"{rng.choice(BUILDINGS)}{rng.randint(1, 3)}0{rng.randint(1, 6)}"
            if rng.random() < 0.15
            else ""
        )


def addr_fmt(ad: Address, style: str) -> str:
    """One department's way of writing an address."""
    fw = str.maketrans("0123456789-", "０１２３４５６７８９－")
    kan = "〇一二三四五六七八九"
    town = "みどり野町"
    if ad.kind == "oaza":
        core = {
            "master": f"大字{ad.area}{ad.a}番地{ad.b}",
            "tax": f"{ad.area}{ad.a}-{ad.b}",
            "ins": f"大字{ad.area}{ad.a}番地{ad.b}".translate(fw),
            "wel": f"大字{ad.area}{ad.a}-{ad.b}",
            "kid": f"{ad.area}{ad.a}番地{ad.b}",
            "edu": f"大字{ad.area}{ad.a}番{ad.b}",
            "water": f"{ad.area}{ad.a}-{ad.b}",
        }[style]
    else:
        area = ad.area.replace("ケ", "ヶ") if style == "wel" else ad.area
        core = {
            "master": f"{area}{ad.a}丁目{ad.b}番{ad.c}号",
            "tax": f"{area}{ad.a}-{ad.b}-{ad.c}",
            "ins": f"{area}{ad.a}丁目{ad.b}番{ad.c}号".translate(fw),
            "wel": f"{area}{ad.a}-{ad.b}-{ad.c}",
            "kid": f"{area}{kan[ad.a]}丁目{ad.b}番{ad.c}号",
            "edu": f"{area}{ad.a}丁目{ad.b}-{ad.c}",
            "water": f"{area}{ad.a}-{ad.b}-{ad.c}",
        }[style]
    bldg = ad.bldg
    if bldg:
        if style == "tax":
            bldg = ""  # 方書 dropped
        elif style in ("wel", "edu"):
            bldg = " " + bldg + "号室"
        elif style == "ins":
            bldg = "　" + bldg.translate(fw)
        else:
            bldg = " " + bldg
    if style == "tax":
        return f"南野県{town}{core}"
    if style == "water":
        return f"{core}{bldg}"
    return f"{town}{core}{bldg}"


def phone_fmt(p: str, style: str) -> str:
    a, b, c = p.split("-")
    return {
        "master": p,
        "tax": a + b + c,
        "ins": p.translate(str.maketrans("0123456789-", "０１２３４５６７８９－")),
        "wel": f"({a}){b}-{c}",
        "kid": p,
        "edu": f"{a} {b} {c}",
        "water": p,
    }[style]


def birth_fmt(d: dt.date, style: str) -> str:
    if d.year >= 1989:
        era, y = ("H", d.year - 1988) if d < dt.date(2019, 5, 1) else ("R", d.year - 2018)
    else:
        era, y = "S", d.year - 1925
    ek = {"H": "平成", "R": "令和", "S": "昭和"}[era]
    return {
        "master": f"{ek}{y}年{d.month}月{d.day}日",
        "tax": d.isoformat(),
        "ins": f"{era}{y:02d}.{d.month:02d}.{d.day:02d}",
        "wel": d.strftime("%Y/%m/%d"),
        "kid": d.isoformat(),
        "edu": f"{era}{y}.{d.month}.{d.day}",
    }[style]


HALF = str.maketrans(
    dict(
        zip(
            "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー",
            "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ",
            strict=True,
        )
    )
)
DAKU = {
    "ガ": "ｶﾞ",
    "ギ": "ｷﾞ",
    "グ": "ｸﾞ",
    "ゲ": "ｹﾞ",
    "ゴ": "ｺﾞ",
    "ザ": "ｻﾞ",
    "ジ": "ｼﾞ",
    "ズ": "ｽﾞ",
    "ゼ": "ｾﾞ",
    "ゾ": "ｿﾞ",
    "ダ": "ﾀﾞ",
    "ヂ": "ﾁﾞ",
    "ヅ": "ﾂﾞ",
    "デ": "ﾃﾞ",
    "ド": "ﾄﾞ",
    "バ": "ﾊﾞ",
    "ビ": "ﾋﾞ",
    "ブ": "ﾌﾞ",
    "ベ": "ﾍﾞ",
    "ボ": "ﾎﾞ",
    "パ": "ﾊﾟ",
    "ピ": "ﾋﾟ",
    "プ": "ﾌﾟ",
    "ペ": "ﾍﾟ",
    "ポ": "ﾎﾟ",
}


def kana_fmt(p: Person, style: str) -> str:
    if style == "tax":
        s = f"{p.ksei} {p.kmei}"
        return "".join(DAKU.get(ch, ch) for ch in s).translate(HALF)
    if style == "kid":
        return "".join(
            chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in f"{p.ksei} {p.kmei}"
        )
    if style == "master":
        return f"{p.ksei}　{p.kmei}"
    return f"{p.ksei} {p.kmei}"


def name_fmt(p: Person, style: str) -> str:
    sei = p.sei
    if style in ("tax", "water", "edu"):
        for k, v in VARIANT.items():
            sei = sei.replace(k, v)
    return {
        "master": f"{sei}　{p.mei}",
        "tax": f"{sei} {p.mei}",
        "ins": f"{sei}　{p.mei}",
        "wel": f"{sei} {p.mei}",
        "kid": f"{sei}{p.mei}",
        "edu": f"{sei} {p.mei}",
        "water": f"{sei}　{p.mei}",
    }[style]


def bank_fmt(acc: tuple, style: str) -> str:
    bank, bcode, branch, brcode, num = acc
    return {
        "tax": f"{bank} {branch} 普通 {num}",
        "ins": f"{bcode}-{brcode}-{num}",
        "wel": f"{bank.replace('信用金庫', '信金')}{branch} 普通{num}",
        "kid": f"{bank}/{branch}/普通/{num}",
        "edu": f"{bcode} {brcode} {num}",
        "water": f"{bank} {branch} 普通 {num}",
    }[style]


def new_account() -> tuple:
    bank, bcode, branches = rng.choice(BANKS)
    branch, brcode = rng.choice(branches)
    return (bank, bcode, branch, brcode, f"{rng.randint(0, 9999999):07d}")


def new_phone() -> str:
    if rng.random() < 0.5:
        return f"0289-{rng.randint(10, 99)}-{rng.randint(0, 9999):04d}"
    return f"0{rng.choice([7, 8, 9])}0-{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}"


class Person:
    def __init__(self, pid: str, hh: Household, sei: tuple, age: int, sex: str) -> None:
        self.pid = pid
        self.hh = hh
        self.sei, self.ksei = sei
        self.mei, self.kmei = rng.choice(MEI_M if sex == "M" else MEI_F)
        self.sex = sex
        self.birth = dt.date(2024 - age, rng.randint(1, 12), rng.randint(1, 28))
        self.age = age
        self.phone = new_phone()
        self.phone2 = new_phone()
        self.acc = new_account()
        self.acc2 = new_account() if rng.random() < 0.12 else None
        # resident-level: departments where this person gives the second account/phone
        self.ledger: dict[str, dict] = {}


class Household:
    def __init__(self, hid: int) -> None:
        self.hid = hid
        self.addr_hist: list[tuple[dt.datetime, Address]] = [(dt.datetime(2000, 1, 1), Address())]
        self.members: list[Person] = []
        self.kokuho = rng.random() < 0.3
        self.moved_in: dt.datetime | None = None
        self.moved_out: dt.datetime | None = None
        self.moved: dt.datetime | None = None

    def addr_at(self, t: dt.datetime) -> Address:
        cur = self.addr_hist[0][1]
        for since, ad in self.addr_hist:
            if since <= t:
                cur = ad
        return cur


used_ids: set[str] = set()


def new_pid() -> str:
    while True:
        pid = f"{rng.randint(10**9, 10**10 - 1)}"
        if pid not in used_ids:
            used_ids.add(pid)
            return pid


households: list[Household] = []
people: list[Person] = []
for h in range(N_HOUSEHOLDS):
    hh = Household(h)
    sei = rng.choice(SEI)
    kind = rng.random()
    if kind < 0.3:  # single
        ages = [rng.randint(20, 90)]
    elif kind < 0.55:  # couple
        a = rng.randint(25, 85)
        ages = [a, max(20, a + rng.randint(-5, 5))]
    else:  # family with children
        a = rng.randint(28, 50)
        ages = [a, max(22, a + rng.randint(-5, 5))] + [
            rng.randint(0, 17) for _ in range(rng.randint(1, 3))
        ]
    for i, age in enumerate(ages):
        sex = "M" if i == 0 else ("F" if i == 1 else rng.choice("MF"))
        p = Person(new_pid(), hh, sei, age, sex)
        hh.members.append(p)
        people.append(p)
    households.append(hh)
    r = rng.random()
    if r < 0.09:
        hh.moved_in = START + dt.timedelta(days=rng.randint(0, 330))
        hh.addr_hist = [(hh.moved_in, Address())]
    elif r < 0.16:
        hh.moved = START + dt.timedelta(days=rng.randint(20, 300))
        hh.addr_hist.append((hh.moved, Address()))
    elif r < 0.20:
        hh.moved_out = START + dt.timedelta(days=rng.randint(30, 340))


def head(hh: Household) -> Person:
    return hh.members[0]


def adults(hh: Household) -> list[Person]:
    return [p for p in hh.members if p.age >= 18]


def kids(hh: Household) -> list[Person]:
    return [p for p in hh.members if p.age < 18]


# ----------------------------------------------------------------------------- departments
DEPTS = {
    "住民課": "master",
    "税務課": "tax",
    "保険医療課": "ins",
    "障害福祉係": "wel",
    "高齢福祉係": "wel",
    "こども課": "kid",
    "教育総務課": "edu",
    "上下水道課": "water",
}
STAFF = {d: [f"{d[:2]}{chr(0x30A2 + 2 * i)}" for i in range(6)] for d in DEPTS}
STAFF["高齢福祉係"] = [f"staff{i:02d}" for i in range(1, 6)]
RESIDENT_RES = {
    "住民課": "来庁者",
    "税務課": "申告者",
    "保険医療課": "被保険者本人",
    "障害福祉係": "申請者",
    "高齢福祉係": "Applicant",
    "こども課": "請求者",
    "教育総務課": "保護者",
    "上下水道課": "お客様",
}
TICKET_RES = {
    "住民課": "発券機",
    "保険医療課": "受付システム",
    "こども課": "整理券機",
    "税務課": "発券機",
    "障害福祉係": "発券機",
    "高齢福祉係": "ticket machine",
    "教育総務課": "",
    "上下水道課": "発券機",
}

events: dict[str, list[dict]] = {d: [] for d in DEPTS}
case_no = {d: 0 for d in DEPTS}
PREFIX = {
    "住民課": "J",
    "税務課": "Z",
    "保険医療課": "K",
    "障害福祉係": "F",
    "高齢福祉係": "F",
    "こども課": "C",
    "教育総務課": "E",
    "上下水道課": "W",
}


def new_case(d: str) -> str:
    case_no[d] += 1
    base = 2024000000 if PREFIX[d] != "F" else 2024500000
    n = case_no[d] + (0 if d != "高齢福祉係" else 100000)
    return f"{PREFIX[d]}{base + n}"


# data captured per field kind
def capture(d: str, p: Person, t: dt.datetime, fields: list[str]) -> dict:
    """Values this department writes at time t for resident p (its ledger copy)."""
    style = DEPTS[d]
    led = p.ledger.setdefault(d, {})
    if "addr" not in led:
        led["addr"] = p.hh.addr_at(t)
        led["second_phone"] = rng.random() < 0.15
        led["second_acc"] = p.acc2 is not None and rng.random() < 0.5
    if "addr" in fields:
        led["addr"] = p.hh.addr_at(t)  # a capture writes the address the resident gives now
    out = {}
    for f in fields:
        if (style, f) in (("water", "birth"), ("water", "kana"), ("edu", "kana")):
            continue
        if f == "name":
            out["name"] = name_fmt(p, style)
        elif f == "kana":
            out["kana"] = kana_fmt(p, style)
        elif f == "birth":
            out["birth"] = birth_fmt(p.birth, style)
        elif f == "addr":
            out["addr"] = addr_fmt(led["addr"], style)
        elif f == "phone":
            out["phone"] = phone_fmt(p.phone2 if led["second_phone"] else p.phone, style)
        elif f == "acc":
            out["acc"] = bank_fmt(p.acc2 if led["second_acc"] else p.acc, style)
    return out


def rekey(d: str, p: Person, t: dt.datetime) -> None:
    p.ledger.setdefault(d, {})["addr"] = p.hh.addr_at(t)


def visit_time(day: dt.datetime) -> dt.datetime:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day.replace(
        hour=rng.randint(8, 15), minute=rng.randint(30, 59) if False else rng.randint(0, 59)
    )


def back_time(t: dt.datetime, lo: int = 1, hi: int = 10) -> dt.datetime:
    u = t + dt.timedelta(days=rng.randint(lo, hi))
    while u.weekday() >= 5:
        u += dt.timedelta(days=1)
    return u.replace(hour=rng.randint(9, 16), minute=rng.randint(0, 59))


class Case:
    def __init__(self, d: str, p: Person, ctype: str = "") -> None:
        self.d, self.p, self.cid, self.ctype = d, p, new_case(d), ctype
        self.rows: list[dict] = []

    def add(self, act: str, t: dt.datetime, who: str, minutes: float, fields=(), extra=None):
        res = {
            "staff": lambda: rng.choice(STAFF[self.d]),
            "resident": lambda: RESIDENT_RES[self.d],
            "ticket": lambda: TICKET_RES[self.d],
            "system": lambda: "SYSTEM" if self.d in ("高齢福祉係",) else "バッチ",
        }[who]()
        row = {
            "case": self.cid,
            "act": act,
            "t": t,
            "end": t + dt.timedelta(minutes=minutes),
            "res": res,
            "pid": self.p.pid,
            "person": self.p,
            "ctype": self.ctype,
            "data": capture(self.d, self.p, t, list(fields)),
            "extra": extra or {},
        }
        self.rows.append(row)
        return t + dt.timedelta(minutes=minutes)

    def commit(self):
        events[self.d].extend(self.rows)


def gap(a: float = 1, b: float = 6) -> dt.timedelta:
    return dt.timedelta(minutes=rng.uniform(a, b))


FULL = ["name", "kana", "birth", "addr", "phone"]

# labels per department (duplicate work in different wording)
L = {
    "住民課": dict(
        ticket="番号札発行",
        guide="窓口案内",
        form="住民異動届記入",
        idc="本人確認",
        tennyu="転入届受理",
        tenshutsu="転出届受理",
        tenkyo="転居届受理",
        juki="住民記録異動処理",
        copy="住民票写し交付",
        card="マイナンバーカード交付",
        recard="マイナンバーカード再交付",
        inkan="印鑑登録申請受付",
        reqform="交付請求書記入",
    ),
    "税務課": dict(
        ticket="発券",
        idc="本確",
        form="申告書記入",
        shinkoku="申告受付",
        answer="所得照会回答",
        rekey="住変入力",
        acc="口振登録",
        cert="課証交付",
        recert="課証再交付",
        assess="賦課決定",
        reqform="課証交付申請書記入",
    ),
    "保険医療課": dict(
        ticket="番号札発券",
        guide="国民健康保険手続案内",
        form="国民健康保険被保険者資格取得届出書記入",
        idc="本人確認書類確認",
        get="国民健康保険被保険者資格取得届出書受理",
        lose="国民健康保険被保険者資格喪失届出書受理",
        card="国民健康保険被保険者証交付",
        recard="国民健康保険被保険者証再交付",
        inquiry="国民健康保険税算定に係る所得状況照会",
        rekey="国民健康保険被保険者住所変更入力",
        acc="国民健康保険税口座振替依頼書受付",
        entry="国民健康保険資格取得入力",
    ),
    "障害福祉係": dict(
        ticket="番号札発行",
        form="申請書記入",
        idc="本人確認（障害）",
        apply="障害福祉サービス支給申請受付",
        withdraw="障害福祉サービス支給申請取下げ",
        techo="障害者手帳交付",
        inquiry="所得照会",
        rekey="住所変更入力（障害台帳）",
        acc="給付口座登録",
        decide="支給決定",
    ),
    "高齢福祉係": dict(
        ticket="Ticket issued",
        guide="Counter guidance",
        form="Application form filled in",
        idc="Identity verification",
        apply="Care certification application received",
        inquiry="Income inquiry to tax",
        rekey="Address update (care ledger)",
        acc="Bank account registration",
        survey="Home visit survey",
        decide="Certification decided",
    ),
    "こども課": dict(
        ticket="整理券発行",
        guide="手続きのご案内",
        form="認定請求書記入",
        idc="請求者本人確認",
        apply="児童手当認定請求受付",
        inquiry="所得照会（税）",
        acc="受取口座登録",
        rekey="児童手当受給者住所変更処理",
        nursery="保育所入所申込受付",
        nwithdraw="保育所入所申込取下げ",
        medcard="子ども医療費受給者証交付",
        remedcard="子ども医療費受給者証再交付",
        decide="認定通知書発送",
    ),
    "教育総務課": dict(
        form="就学援助申請書記入",
        idc="身元確認",
        apply="就学援助申請受付",
        withdraw="就学援助申請取下げ",
        inquiry="所得照会依頼",
        rekey="学齢簿住所修正",
        acc="振込口座登録",
        decide="就学援助認定通知",
    ),
    "上下水道課": dict(
        ticket="番号札発行",
        guide="窓口案内",
        form="給水開始申込書記入",
        idc="本人確認（窓口）",
        start="給水開始申込受付",
        stop="給水中止申込受付",
        rekey="使用者住所変更入力",
        acc="口座振替登録",
        bill="料金精算",
    ),
}


def onsite(
    d: str,
    p: Person,
    day: dt.datetime,
    main: str,
    *,
    guide=False,
    form=True,
    acc=False,
    tail=(),
    ctype="",
    main_fields=(),
    form_label=None,
):
    """A counter visit: ticket, (guidance), form, identity check, main step, (account)."""
    c = Case(d, p, ctype)
    lab = L[d]
    t = visit_time(day)
    if "ticket" in lab and d != "教育総務課":
        c.add(lab["ticket"], t, "ticket", 0)
        t += dt.timedelta(minutes=rng.uniform(5, 40))
    if guide and "guide" in lab:
        t = c.add(lab["guide"], t, "staff", rng.uniform(2, 5)) + gap(0, 2)
    if form and "form" in lab:
        label = form_label or lab["form"]
        t = c.add(label, t, "resident", rng.uniform(5, 12), FULL) + gap(1, 5)
    t = c.add(lab["idc"], t, "staff", rng.uniform(1, 3)) + gap(0, 2)
    t = c.add(main, t, "staff", rng.uniform(5, 15), main_fields) + gap(0, 3)
    if acc and "acc" in lab:
        t = c.add(lab["acc"], t, "staff", rng.uniform(3, 6), ["acc"]) + gap(0, 2)
    for act, who, mins, fields, days in tail:
        if days:
            t = back_time(t, *days)
        t = c.add(act, t, who, mins, fields) + gap(0, 2)
    c.commit()
    return c


def tax_answer(p: Person, t: dt.datetime) -> None:
    c = Case("税務課", p, "照会")
    c.add(L["税務課"]["answer"], back_time(t, 1, 3), "staff", rng.uniform(5, 10))
    c.commit()


def backoffice(d: str, p: Person, t: dt.datetime, act: str, fields=("addr",), mins=(4, 9)):
    c = Case(d, p, "異動連携")
    c.add(act, t, "staff", rng.uniform(*mins), fields)
    c.commit()


def rnd_day() -> dt.datetime:
    return START + dt.timedelta(days=rng.randint(0, 360))


registered: dict[str, set[str]] = {d: set() for d in DEPTS}  # dept -> person ids with a ledger

for hh in households:
    h = head(hh)
    # ---- 住民課
    if hh.moved_in:
        t0 = hh.moved_in
        onsite(
            "住民課",
            h,
            t0,
            L["住民課"]["tennyu"],
            guide=True,
            ctype="転入",
            tail=[(L["住民課"]["juki"], "staff", 8, FULL, None)],
        )
    if hh.moved:
        onsite(
            "住民課",
            h,
            hh.moved,
            L["住民課"]["tenkyo"],
            ctype="転居",
            tail=[(L["住民課"]["juki"], "staff", 6, ["addr"], None)],
        )
    if hh.moved_out:
        onsite(
            "住民課",
            h,
            hh.moved_out,
            L["住民課"]["tenshutsu"],
            ctype="転出",
            tail=[(L["住民課"]["juki"], "staff", 5, ["addr"], None)],
        )
    for p in adults(hh):
        if rng.random() < 0.45:
            onsite(
                "住民課",
                p,
                rnd_day(),
                L["住民課"]["copy"],
                ctype="証明",
                guide=rng.random() < 0.3,
                form_label=L["住民課"]["reqform"],
            )
        if rng.random() < 0.12:
            onsite("住民課", p, rnd_day(), L["住民課"]["card"], form=False, ctype="カード")
        if rng.random() < 0.03:
            onsite("住民課", p, rnd_day(), L["住民課"]["recard"], form=False, ctype="カード")
        if rng.random() < 0.05:
            onsite(
                "住民課",
                p,
                rnd_day(),
                L["住民課"]["inkan"],
                ctype="印鑑",
                form_label=L["住民課"]["reqform"],
            )
    # ---- 税務課
    for p in adults(hh):
        if rng.random() < 0.35:
            day = dt.datetime(2025, 2, 17) + dt.timedelta(days=rng.randint(0, 26))
            onsite(
                "税務課",
                p,
                day,
                L["税務課"]["shinkoku"],
                acc=rng.random() < 0.2,
                ctype="申告",
                main_fields=["phone"],
                tail=[(L["税務課"]["assess"], "system", 1, [], (20, 40))],
            )
            registered["税務課"].add(p.pid)
        if rng.random() < 0.15:
            onsite(
                "税務課",
                p,
                rnd_day(),
                L["税務課"]["cert"],
                form=rng.random() < 0.5,
                ctype="証明",
                form_label=L["税務課"]["reqform"],
            )
        if rng.random() < 0.02:
            onsite("税務課", p, rnd_day(), L["税務課"]["recert"], form=False, ctype="証明")
        if rng.random() < 0.06:
            onsite("税務課", p, rnd_day(), L["税務課"]["acc"], form=False, ctype="口座")
            registered["税務課"].add(p.pid)
    # ---- 保険医療課 (every row carries the person master; see writer)
    if hh.kokuho:
        if hh.moved_in:
            onsite(
                "保険医療課",
                h,
                hh.moved_in + dt.timedelta(minutes=50),
                L["保険医療課"]["get"],
                guide=True,
                acc=rng.random() < 0.5,
                ctype="資格取得",
                tail=[
                    (L["保険医療課"]["entry"], "staff", 7, [], None),
                    (L["保険医療課"]["card"], "staff", 3, [], None),
                    (L["保険医療課"]["inquiry"], "staff", 6, [], (2, 8)),
                ],
            )
            tax_answer(h, hh.moved_in + dt.timedelta(days=5))
        elif rng.random() < 0.25:
            day = rnd_day()
            onsite(
                "保険医療課",
                h,
                day,
                L["保険医療課"]["get"],
                guide=rng.random() < 0.5,
                ctype="資格取得",
                tail=[
                    (L["保険医療課"]["entry"], "staff", 7, [], None),
                    (L["保険医療課"]["card"], "staff", 3, [], None),
                    (L["保険医療課"]["inquiry"], "staff", 6, [], (2, 8)),
                ],
            )
            tax_answer(h, day + dt.timedelta(days=5))
        if hh.moved_out:
            onsite(
                "保険医療課",
                h,
                hh.moved_out + dt.timedelta(minutes=40),
                L["保険医療課"]["lose"],
                form=True,
                ctype="資格喪失",
            )
        if rng.random() < 0.15:
            onsite(
                "保険医療課", h, rnd_day(), L["保険医療課"]["recard"], form=False, ctype="再交付"
            )
        if rng.random() < 0.2:
            onsite("保険医療課", h, rnd_day(), L["保険医療課"]["acc"], form=False, ctype="口座")
        registered["保険医療課"].add(h.pid)
    # ---- 福祉 (障害 / 高齢 in one file)
    for p in adults(hh):
        if rng.random() < 0.05:
            day = rnd_day()
            c = onsite(
                "障害福祉係",
                p,
                day,
                L["障害福祉係"]["apply"],
                acc=rng.random() < 0.6,
                ctype="サービス",
                tail=[
                    (L["障害福祉係"]["inquiry"], "staff", 5, [], (1, 5)),
                    (L["障害福祉係"]["decide"], "staff", 10, [], (10, 25)),
                ],
            )
            tax_answer(p, day + dt.timedelta(days=3))
            registered["障害福祉係"].add(p.pid)
            if rng.random() < 0.15:
                onsite(
                    "障害福祉係",
                    p,
                    day + dt.timedelta(days=7),
                    L["障害福祉係"]["withdraw"],
                    form=False,
                    ctype="サービス",
                )
        if rng.random() < 0.03:
            onsite("障害福祉係", p, rnd_day(), L["障害福祉係"]["techo"], form=False, ctype="手帳")
            registered["障害福祉係"].add(p.pid)
        if p.age >= 65 and rng.random() < 0.3:
            day = rnd_day()
            onsite(
                "高齢福祉係",
                p,
                day,
                L["高齢福祉係"]["apply"],
                guide=True,
                acc=rng.random() < 0.4,
                ctype="Care",
                tail=[
                    (L["高齢福祉係"]["inquiry"], "staff", 5, [], (1, 5)),
                    (L["高齢福祉係"]["survey"], "staff", 60, [], (5, 15)),
                    (L["高齢福祉係"]["decide"], "system", 1, [], (15, 30)),
                ],
            )
            tax_answer(p, day + dt.timedelta(days=3))
            registered["高齢福祉係"].add(p.pid)
    # ---- こども課 (XES, every row carries the person master)
    if kids(hh):
        g = hh.members[1] if len(hh.members) > 1 and rng.random() < 0.5 else h
        if hh.moved_in or rng.random() < 0.25:
            day = (hh.moved_in + dt.timedelta(minutes=90)) if hh.moved_in else rnd_day()
            onsite(
                "こども課",
                g,
                day,
                L["こども課"]["apply"],
                guide=True,
                acc=True,
                ctype="児童手当",
                tail=[
                    (L["こども課"]["medcard"], "staff", 4, [], None),
                    (L["こども課"]["inquiry"], "staff", 5, [], (1, 6)),
                    (L["こども課"]["decide"], "system", 1, [], (10, 20)),
                ],
            )
            tax_answer(g, day + dt.timedelta(days=4))
            registered["こども課"].add(g.pid)
        if rng.random() < 0.12:
            day = rnd_day()
            onsite("こども課", g, day, L["こども課"]["nursery"], ctype="保育")
            registered["こども課"].add(g.pid)
            if rng.random() < 0.2:
                onsite(
                    "こども課",
                    g,
                    day + dt.timedelta(days=12),
                    L["こども課"]["nwithdraw"],
                    form=False,
                    ctype="保育",
                )
        if rng.random() < 0.06:
            onsite("こども課", g, rnd_day(), L["こども課"]["remedcard"], form=False, ctype="再交付")
        # ---- 教育総務課 (no person key)
        if any(6 <= k.age <= 15 for k in kids(hh)) and (hh.moved_in or rng.random() < 0.18):
            day = (hh.moved_in + dt.timedelta(minutes=150)) if hh.moved_in else rnd_day()
            child = next(k for k in kids(hh) if 6 <= k.age <= 15)
            c = onsite(
                "教育総務課",
                g,
                day,
                L["教育総務課"]["apply"],
                acc=True,
                ctype="就学援助",
                tail=[
                    (L["教育総務課"]["inquiry"], "staff", 5, [], (1, 6)),
                    (L["教育総務課"]["decide"], "staff", 6, [], (10, 25)),
                ],
            )
            tax_answer(g, day + dt.timedelta(days=4))
            for r in events["教育総務課"][-len(c.rows) :]:
                r["child"] = child
            registered["教育総務課"].add(g.pid)
            if rng.random() < 0.15:
                c2 = onsite(
                    "教育総務課",
                    g,
                    day + dt.timedelta(days=9),
                    L["教育総務課"]["withdraw"],
                    form=False,
                    ctype="就学援助",
                )
                for r in events["教育総務課"][-len(c2.rows) :]:
                    r["child"] = child
    # ---- 上下水道課
    if hh.moved_in:
        onsite(
            "上下水道課",
            h,
            hh.moved_in + dt.timedelta(minutes=200),
            L["上下水道課"]["start"],
            acc=rng.random() < 0.6,
            ctype="開始",
        )
        registered["上下水道課"].add(h.pid)
    elif rng.random() < 0.1:
        onsite("上下水道課", h, rnd_day(), L["上下水道課"]["start"], acc=True, ctype="開始")
        registered["上下水道課"].add(h.pid)
    if hh.moved_out:
        onsite(
            "上下水道課",
            h,
            hh.moved_out + dt.timedelta(minutes=120),
            L["上下水道課"]["stop"],
            form=True,
            ctype="中止",
            tail=[(L["上下水道課"]["bill"], "staff", 5, [], (1, 10))],
        )

# ---- re-keying of address changes (転居) into each ledger that holds the resident
for hh in households:
    if not hh.moved:
        continue
    for p in hh.members:
        for d in DEPTS:
            if d == "住民課" or d not in p.ledger:
                continue
            if rng.random() < 0.72:
                t = back_time(hh.moved, 2, 20)
                rekey(d, p, t)
                backoffice(
                    d,
                    p,
                    t,
                    L[d]["rekey"],
                    fields=("addr",) if d != "教育総務課" else ("name", "birth", "addr"),
                )
            # else: the department's copy stays stale

# ----------------------------------------------------------------------------- decoys
others = people[:]


def decoy_values(d: str, r: dict) -> dict:
    p = r["person"]
    out = {}
    if d == "住民課" and r["act"] in (L[d]["form"], L[d]["reqform"]) and rng.random() < 0.12:
        q = rng.choice(others)
        out["代理人氏名"] = name_fmt(q, "master")
    if d in ("障害福祉係", "高齢福祉係") and r["data"]:
        fac = Address()
        out["施設所在地"] = addr_fmt(fac, "wel") if rng.random() < 0.6 else ""
        out["緊急連絡先電話"] = phone_fmt(new_phone(), "wel")
        out["代理人氏名"] = name_fmt(rng.choice(others), "wel") if rng.random() < 0.3 else ""
    if d == "こども課":
        led = p.ledger[d]
        if "work" not in led:
            led["work"] = (Address(), new_phone())
        out["勤務先住所"] = addr_fmt(led["work"][0], "kid")
        out["勤務先電話"] = led["work"][1]
    if d == "教育総務課" and r["data"] and r.get("child"):
        ch = r["child"]
        out["児童氏名"] = name_fmt(ch, "edu")
        out["児童生年月日"] = birth_fmt(ch.birth, "edu")
    return out


# ----------------------------------------------------------------------------- writers
def wareki(t: dt.datetime) -> str:
    if t >= dt.datetime(2019, 5, 1):
        return f"R{t.year - 2018}.{t.month}.{t.day} {t.hour}:{t.minute:02d}"
    raise ValueError


COLS = {  # field -> column name per department
    "住民課": dict(name="氏名", kana="フリガナ", birth="生年月日", addr="住所", phone="電話番号"),
    "税務課": dict(
        name="納税義務者氏名",
        kana="カナ氏名",
        birth="生年月日",
        addr="住所",
        phone="電話",
        acc="口座情報",
    ),
    "保険医療課": dict(
        name="被保険者氏名",
        kana="カナ",
        birth="生年月日",
        addr="住所",
        phone="連絡先電話",
        acc="振替口座",
    ),
    "障害福祉係": dict(
        name="対象者氏名",
        kana="対象者カナ",
        birth="生年月日",
        addr="現住所",
        phone="電話番号",
        acc="振込口座",
    ),
    "こども課": dict(
        name="請求者氏名",
        kana="請求者カナ",
        birth="請求者生年月日",
        addr="請求者住所",
        phone="電話番号",
        acc="受取口座",
    ),
    "教育総務課": dict(
        name="保護者氏名", birth="保護者生年月日", addr="住所", phone="連絡先", acc="振込先口座"
    ),
    "上下水道課": dict(name="使用者氏名", addr="使用者住所", phone="電話番号", acc="引落口座"),
}
COLS["高齢福祉係"] = COLS["障害福祉係"]


def final_record(d: str, p: Person) -> dict:
    """The department's person master at export time (joined onto every row)."""
    led = p.ledger[d]
    style = DEPTS[d]
    return {
        "name": name_fmt(p, style),
        "kana": kana_fmt(p, style),
        "birth": birth_fmt(p.birth, style) if style != "water" else "",
        "addr": addr_fmt(led["addr"], style),
        "phone": phone_fmt(p.phone2 if led["second_phone"] else p.phone, style),
        "acc": bank_fmt(p.acc2 if led.get("second_acc") else p.acc, style)
        if led.get("has_acc")
        else "",
    }


def mark_accounts():
    for d, rows in events.items():
        for r in rows:
            if "acc" in r["data"]:
                r["person"].ledger[d]["has_acc"] = True


mark_accounts()


def table(d: str, every_row: bool) -> list[dict]:
    out = []
    cols = COLS[d]
    rows = sorted(events[d], key=lambda r: (r["t"], r["case"]))
    for r in rows:
        rec = {}
        data = final_record(d, r["person"]) if every_row else r["data"]
        for f, col in cols.items():
            rec[col] = (
                data.get(f, "")
                if not every_row or f != "acc"
                else (r["data"].get("acc", "") or data.get("acc", ""))
            )
        rec.update(decoy_values(d, r))
        r["rec"] = rec
        out.append(r)
    return out


OUT.mkdir(parents=True, exist_ok=True)
TRUTH.mkdir(parents=True, exist_ok=True)
for f in OUT.iterdir():
    f.unlink()

DECOY_COLS = {
    "住民課": ["代理人氏名"],
    "障害福祉係": ["施設所在地", "緊急連絡先電話", "代理人氏名"],
    "高齢福祉係": ["施設所在地", "緊急連絡先電話", "代理人氏名"],
    "こども課": ["勤務先住所", "勤務先電話"],
    "教育総務課": ["児童氏名", "児童生年月日"],
}


def frame(d: str, every_row: bool, head_cols: list[str]) -> list[list]:
    rows = table(d, every_row)
    data_cols = list(COLS[d].values()) + DECOY_COLS.get(d, [])
    return rows, data_cols


# 住民課.csv: UTF-8, 2024/4/1 9:05, 宛名番号
rows, dc = frame("住民課", False, [])
with open(OUT / "住民課.csv", "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["受付番号", "処理内容", "処理日時", "担当者", "宛名番号", "届出種別"] + dc)
    for r in rows:
        t = r["t"]
        w.writerow(
            [
                r["case"],
                r["act"],
                f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}",
                r["res"],
                r["pid"],
                r["ctype"],
            ]
            + [r["rec"].get(c, "") for c in dc]
        )

# 税務課: cp932 CSV, ISO, person key header 番号
rows, dc = frame("税務課", False, [])
with open(OUT / "zeimu_kazei_202503.csv", "w", encoding="cp932", newline="", errors="strict") as fh:
    w = csv.writer(fh)
    w.writerow(["受付No", "業務", "処理日時", "担当", "番号"] + dc)
    for r in rows:
        w.writerow(
            [r["case"], r["act"], r["t"].isoformat(timespec="seconds"), r["res"], r["pid"]]
            + [r["rec"].get(c, "") for c in dc]
        )

# 保険医療課: TSV, 和暦, separate end column, every row carries the person master
rows, dc = frame("保険医療課", True, [])
with open(OUT / "hoken.tsv", "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh, delimiter="\t")
    w.writerow(
        ["申請番号", "手続名", "開始日時", "終了日時", "処理者", "宛名番号", "手続区分"] + dc
    )
    for r in rows:
        w.writerow(
            [r["case"], r["act"], wareki(r["t"]), wareki(r["end"]), r["res"], r["pid"], r["ctype"]]
            + [r["rec"].get(c, "") for c in dc]
        )

# 福祉: Parquet, 担当係 column, 障害 + 高齢
rows_s, dc = frame("障害福祉係", False, [])
rows_k, _ = frame("高齢福祉係", False, [])
recs = []
for d, rows in (("障害福祉係", rows_s), ("高齢福祉係", rows_k)):
    for r in rows:
        recs.append(
            {
                "ケース番号": r["case"],
                "担当係": d,
                "処理": r["act"],
                "処理日時": pd.Timestamp(r["t"]),
                "入力者": r["res"],
                "宛名番号": r["pid"],
                **{c: r["rec"].get(c, "") for c in dc},
            }
        )
pd.DataFrame(recs).sort_values(["処理日時", "ケース番号"]).to_parquet(
    OUT / "fukushi.parquet", index=False
)

# こども課: XES, person record as trace attributes (on every event)
rows, dc = frame("こども課", True, [])
traces: dict[str, list[dict]] = {}
for r in rows:
    traces.setdefault(r["case"], []).append(r)
with open(OUT / "kodomo.xes", "w", encoding="utf-8") as fh:
    fh.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0" '
        'xmlns="http://www.xes-standard.org">\n'
    )
    for ext, pre in (
        ("Concept", "concept"),
        ("Time", "time"),
        ("Organizational", "org"),
        ("Lifecycle", "lifecycle"),
    ):
        fh.write(
            f'\t<extension name="{ext}" prefix="{pre}" '
            f'uri="http://www.xes-standard.org/{pre}.xesext"/>\n'
        )
    person_cols = list(COLS["こども課"].values())
    for cid in sorted(traces):
        evs = traces[cid]
        first = evs[0]
        fh.write("\t<trace>\n")
        fh.write(f'\t\t<string key="concept:name" value={quoteattr(cid)}/>\n')
        fh.write(f'\t\t<string key="宛名番号" value={quoteattr(first["pid"])}/>\n')
        fh.write(f'\t\t<string key="手続種別" value={quoteattr(first["ctype"])}/>\n')
        for c in person_cols:
            v = first["rec"].get(c, "")
            if c == "受取口座":
                v = next((e["rec"].get(c, "") for e in evs if e["rec"].get(c)), "")
            if v:
                fh.write(f"\t\t<string key={quoteattr(c)} value={quoteattr(v)}/>\n")
        for e in evs:
            fh.write("\t\t<event>\n")
            fh.write(f'\t\t\t<string key="concept:name" value={quoteattr(e["act"])}/>\n')
            fh.write(f'\t\t\t<string key="org:resource" value={quoteattr(e["res"])}/>\n')
            fh.write('\t\t\t<string key="lifecycle:transition" value="complete"/>\n')
            ts = e["t"].strftime("%Y-%m-%dT%H:%M:%S.000+09:00")
            fh.write(f'\t\t\t<date key="time:timestamp" value="{ts}"/>\n')
            for c in ("勤務先住所", "勤務先電話"):
                if e["rec"].get(c):
                    fh.write(f"\t\t\t<string key={quoteattr(c)} value={quoteattr(e['rec'][c])}/>\n")
            fh.write("\t\t</event>\n")
        fh.write("\t</trace>\n")
    fh.write("</log>\n")

# 教育総務課: UTF-8 BOM CSV, no person key, no resource column
rows, dc = frame("教育総務課", False, [])
with open(OUT / "教育総務課.csv", "w", encoding="utf-8-sig", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["整理番号", "事務", "日時"] + dc)
    for r in rows:
        w.writerow(
            [r["case"], r["act"], r["t"].strftime("%Y-%m-%d %H:%M")]
            + [r["rec"].get(c, "") for c in dc]
        )

# 上下水道課: TSV? no: CSV UTF-8, `ID` person key
rows, dc = frame("上下水道課", False, [])
with open(OUT / "suido.csv", "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["受付ID", "内容", "受付日時", "担当者名", "ID"] + dc)
    for r in rows:
        t = r["t"]
        w.writerow(
            [r["case"], r["act"], f"{t.year}/{t.month}/{t.day} {t:%H:%M:%S}", r["res"], r["pid"]]
            + [r["rec"].get(c, "") for c in dc]
        )

(OUT / "procmine.toml").write_text(
    '[files."zeimu_kazei_202503.csv"]\ndepartment = "税務課"\n\n'
    '[files."hoken.tsv"]\ndepartment = "保険医療課"\n\n'
    '[files."kodomo.xes"]\ndepartment = "こども課"\n\n'
    '[files."suido.csv"]\ndepartment = "上下水道課"\n',
    encoding="utf-8",
)

# ----------------------------------------------------------------------------- truth
dup = []
clusters = {
    "本人確認": {d: L[d]["idc"] for d in DEPTS},
    "記入": {d: L[d]["form"] for d in DEPTS},
    "住所再入力": {d: L[d]["rekey"] for d in DEPTS if "rekey" in L[d]},
    "所得照会": {d: L[d]["inquiry"] for d in DEPTS if "inquiry" in L[d]},
    "口座登録": {d: L[d]["acc"] for d in DEPTS if "acc" in L[d]},
    "窓口案内": {d: L[d]["guide"] for d in DEPTS if "guide" in L[d]},
    "発券": {d: L[d]["ticket"] for d in DEPTS if "ticket" in L[d]},
}
present = {(d, r["act"]) for d, rows in events.items() for r in rows}
for cl, members in clusters.items():
    for d, a in members.items():
        if (d, a) in present:
            dup.append((cl, d, a))
for d in DEPTS:  # a certificate request form asks name, address and birth date too
    if "reqform" in L[d] and (d, L[d]["reqform"]) in present:
        dup.append(("記入", d, L[d]["reqform"]))
neg = []
negs = {
    "交付": [
        ("住民課", L["住民課"]["card"]),
        ("住民課", L["住民課"]["copy"]),
        ("税務課", L["税務課"]["cert"]),
        ("保険医療課", L["保険医療課"]["card"]),
        ("こども課", L["こども課"]["medcard"]),
        ("障害福祉係", L["障害福祉係"]["techo"]),
    ],
    "再交付": [
        ("住民課", L["住民課"]["recard"]),
        ("税務課", L["税務課"]["recert"]),
        ("保険医療課", L["保険医療課"]["recard"]),
        ("こども課", L["こども課"]["remedcard"]),
    ],
    "申請受付": [
        ("こども課", L["こども課"]["apply"]),
        ("こども課", L["こども課"]["nursery"]),
        ("教育総務課", L["教育総務課"]["apply"]),
        ("障害福祉係", L["障害福祉係"]["apply"]),
        ("高齢福祉係", L["高齢福祉係"]["apply"]),
        ("保険医療課", L["保険医療課"]["get"]),
        ("上下水道課", L["上下水道課"]["start"]),
        ("税務課", L["税務課"]["shinkoku"]),
        ("住民課", L["住民課"]["inkan"]),
    ],
    "取下げ": [
        ("こども課", L["こども課"]["nwithdraw"]),
        ("教育総務課", L["教育総務課"]["withdraw"]),
        ("障害福祉係", L["障害福祉係"]["withdraw"]),
    ],
    "転入転出": [
        ("住民課", L["住民課"]["tennyu"]),
        ("住民課", L["住民課"]["tenshutsu"]),
        ("住民課", L["住民課"]["tenkyo"]),
        ("保険医療課", L["保険医療課"]["lose"]),
        ("上下水道課", L["上下水道課"]["stop"]),
    ],
    "照会回答": [("税務課", L["税務課"]["answer"])],
    "記録元更新": [("住民課", L["住民課"]["juki"])],
    "決定通知": [
        ("障害福祉係", L["障害福祉係"]["decide"]),
        ("高齢福祉係", L["高齢福祉係"]["decide"]),
        ("こども課", L["こども課"]["decide"]),
        ("教育総務課", L["教育総務課"]["decide"]),
        ("税務課", L["税務課"]["assess"]),
    ],
}
for g, members in negs.items():
    for d, a in members:
        if (d, a) in present:
            neg.append((g, d, a))
FIELD_JA = {
    "name": "氏名",
    "kana": "カナ",
    "birth": "生年月日",
    "addr": "住所",
    "phone": "電話",
    "acc": "口座",
}
silo = []
for d, cols in COLS.items():
    for f, c in cols.items():
        col = f"case:{c}" if d == "こども課" else c  # XES trace attributes are read as case:<key>
        silo.append((FIELD_JA[f], d, col))
decoys = [(d, c) for d, cs in DECOY_COLS.items() for c in cs]


def write(name: str, header: list[str], rows: list[tuple]) -> None:
    with open(TRUTH / name, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(sorted(rows))


write("duplicates.csv", ["cluster", "department", "activity"], dup)
write("negatives.csv", ["group", "department", "activity"], neg)
write("silos.csv", ["field", "department", "column"], silo)
write("decoys.csv", ["department", "column"], decoys)
n_ev = sum(len(v) for v in events.values())
print(f"residents {len(people)}, households {len(households)}, events {n_ev}")
for d, rows in events.items():
    print(f"  {d}: {len(rows)} events, {len({r['case'] for r in rows})} cases")

# ----------------------------------------------------------------------------- planted rates
# (extra, not read by procmine evaluate) per department: residents held, stale addresses
# (the department's latest copy is a former address), second phone, second account
rates = []
for d in DEPTS:
    held = [p for p in people if d in p.ledger]
    moved = [p for p in held if p.hh.moved]
    stale = [p for p in moved if p.ledger[d]["addr"] is not p.hh.addr_hist[-1][1]]
    phone2 = [p for p in held if p.ledger[d]["second_phone"]]
    rates.append(
        (
            d,
            len(held),
            len(moved),
            len(stale),
            round(len(stale) / max(1, len(held)), 4),
            round(len(phone2) / max(1, len(held)), 4),
        )
    )
write(
    "planted_rates.csv",
    ["department", "persons", "moved", "stale_address", "stale_rate", "second_phone_rate"],
    rates,
)
