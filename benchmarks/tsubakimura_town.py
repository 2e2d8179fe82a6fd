"""つばき村: a small village whose welfare section keeps several procedures in one export.

Usage::

    .venv/bin/python benchmarks/tsubakimura_town.py OUT [--seed 7]

Written by an outside reviewer without reading procmine's source, its generator or the
other towns, as a held-out set. The village (山河県椿村, about 2,000 residents in 800
households, fiscal year 令和8年度) has five systems, each exported as the clerks export it:

* 住民係 (``juki_rireki.csv``, CP932): clerk shorthand (本確, 住異入力, 印登入力),
  start and end written in abbreviated 和暦 (``R8.4.1 9:05``), birth dates too (``S55.3.2``);
  headers 開始 / 終了 / 担当; the resident's own form steps are signed 届出人.
* 税務係 (``zeimu_log.csv``): full 公用文 wording (来庁者の本人確認, 課税台帳の宛名情報の入力),
  the person key under 納税義務者番号, the activity under 事務処理名, incomes with commas.
* 住民福祉課 (``madoguchi_kiroku.csv``): one Excel list of three procedures (国保, 児童手当,
  介護) saved as CSV: the procedure in a 事業 column and as a label prefix in three styles
  (``国保:資得入力``, ``児手_本確``, ``【介護】来庁者確認``), times and birth dates as Excel
  serial numbers (``46113.38542``); its data columns repeat resident fields under a
  relative's role (対象児童氏名, 申請者氏名 …: decoys).
* 教育委員会 (``gakurei.csv``): keyed by the child, no end times, the guardian's name,
  income and account beside the child's own fields (decoys).
* 保健センター (``kenko_kanri.csv``): keyed by the guardian, ``2026年4月1日 9時05分``, the
  baby's name and birth date beside the guardian's (decoys).

Residents moving in or having a baby go round several counters the same day. The file
names do not name departments, so a ``procmine.toml`` names them (and nothing else).

Ground truth in ``OUT/truth``: ``duplicates.csv`` (cluster, department, activity),
``negatives.csv`` (group, department, activity), ``silos.csv`` (field, department, column)
and ``decoys.csv`` (department, column). The convention follows koyo-city.md §3.6: the
register's own update (住異入力) is the source, not a re-keying, and is in no cluster;
an inquiry's answer (課税情報照会票への回答) is not the inquiry.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

JUKI, ZEIMU, FUKU, KYO, KEN = "住民係", "税務係", "住民福祉課", "教育委員会", "保健センター"
FILES = {
    JUKI: "juki_rireki.csv",
    ZEIMU: "zeimu_log.csv",
    FUKU: "madoguchi_kiroku.csv",
    KYO: "gakurei.csv",
    KEN: "kenko_kanri.csv",
}
FY_START, FY_END = date(2026, 4, 1), date(2027, 3, 31)

# Canonical task → {department: labels}. Activities sharing a task across departments
# are duplicated work.
DUPLICATES: dict[str, dict[str, list[str]]] = {
    "ID": {
        JUKI: ["本確"],
        ZEIMU: ["来庁者の本人確認"],
        FUKU: ["国保:本確", "児手_本確", "【介護】来庁者確認"],
        KYO: ["保護者の本人確認"],
    },
    "NUM": {ZEIMU: ["個人番号の確認"], FUKU: ["国保:個番確認", "児手_個番確認"]},
    "FORM": {
        JUKI: ["異動届記入", "印登申請書記入"],
        ZEIMU: ["住民税申告書の記入"],
        FUKU: ["国保:加入届記入", "児手_請求書記入", "【介護】申請書記入"],
        KYO: ["就学援助申請書の記入"],
        KEN: ["出生連絡票の記入"],
    },
    "KEY": {
        ZEIMU: ["課税台帳の宛名情報の入力"],
        FUKU: ["国保:資得入力", "児手_受給者入力", "【介護】被保険者情報入力"],
        KYO: ["学齢簿への児童情報の登録"],
    },
    "ADDR": {
        FUKU: ["国保:世帯確認(住記)", "児手_住記照会"],
        KYO: ["住民基本台帳による住所の確認"],
        KEN: ["住民記録の照会"],
    },
    "INCOME": {
        FUKU: ["国保:所得照会", "児手_所得照会", "【介護】課税状況確認"],
        KYO: ["就学援助の所得状況の確認"],
    },
    "ACCT": {
        ZEIMU: ["口座振替依頼書の受付"],
        FUKU: ["国保:口座振替登録", "児手_口座登録"],
        KYO: ["就学援助費の振込口座の登録"],
    },
    "GUIDE": {JUKI: ["手続案内"], FUKU: ["児手_他手続案内"], KEN: ["子育て支援サービスのご案内"]},
}
# Steps that look like the tasks above (or like each other) but are other work.
NEGATIVES: dict[str, dict[str, list[str]]] = {
    "交付": {
        JUKI: ["住民票写し交付", "印証交付"],
        ZEIMU: ["所得証明書の交付"],
        FUKU: ["国保:保険証交付", "【介護】被保険者証交付"],
        KEN: ["母子健康手帳の交付", "予防接種予診票の交付"],
    },
    "通知": {
        ZEIMU: ["納税通知書の発送"],
        FUKU: ["国保:納付通知送付", "児手_認定通知送付", "【介護】認定結果通知"],
        KYO: ["就学通知書の送付"],
        KEN: ["乳幼児健診の案内送付"],
    },
    "訪問": {FUKU: ["【介護】認定調査(訪問)"], KEN: ["新生児訪問の実施"]},
    "照会回答": {ZEIMU: ["課税情報照会票への回答"]},
    "印鑑登録": {JUKI: ["印登入力"]},
}

SILOS = {
    "氏名": {
        JUKI: "氏名",
        ZEIMU: "納税義務者氏名",
        FUKU: "氏名",
        KYO: "児童氏名",
        KEN: "保護者氏名",
    },
    "カナ": {JUKI: "氏名カナ", ZEIMU: "フリガナ", FUKU: "カナ氏名"},
    "生年月日": {JUKI: "生年月日", ZEIMU: "生年月日", FUKU: "生年月日", KYO: "児童生年月日"},
    "性別": {JUKI: "性別", FUKU: "性別"},
    "住所": {JUKI: "住所", ZEIMU: "住所", FUKU: "住所", KYO: "住所", KEN: "住所"},
    "電話": {JUKI: "電話", ZEIMU: "電話番号", FUKU: "連絡先", KYO: "連絡先電話", KEN: "電話"},
    "世帯主": {JUKI: "世帯主", FUKU: "世帯主氏名"},
    "続柄": {JUKI: "続柄", FUKU: "続柄"},
    "所得": {ZEIMU: "所得金額", FUKU: "所得額"},
    "口座": {ZEIMU: "振替口座", FUKU: "口座番号"},
}
DECOYS = [
    (FUKU, "対象児童氏名"),
    (FUKU, "対象児童生年月日"),
    (FUKU, "申請者氏名"),
    (FUKU, "申請者続柄"),
    (KYO, "保護者氏名"),
    (KYO, "保護者所得"),
    (KYO, "振込先口座"),
    (KEN, "児童氏名"),
    (KEN, "児童生年月日"),
]

# Export layout per department: header names, in order, for the roles and the data keys.
LAYOUT = {
    JUKI: [
        ("受付No", "case"), ("処理", "label"), ("開始", "start"), ("終了", "end"),
        ("担当", "staff"), ("宛名番号", "pid"), ("氏名", "name"), ("氏名カナ", "kana"),
        ("生年月日", "dob"), ("性別", "sex"), ("住所", "addr"), ("世帯主", "head"),
        ("続柄", "rel"), ("電話", "tel"),
    ],
    ZEIMU: [
        ("整理番号", "case"), ("事務処理名", "label"), ("処理開始日時", "start"),
        ("処理終了日時", "end"), ("処理者", "staff"), ("納税義務者番号", "pid"),
        ("納税義務者氏名", "name"), ("フリガナ", "kana"), ("生年月日", "dob"),
        ("住所", "addr"), ("電話番号", "tel"), ("所得金額", "income"), ("振替口座", "acct"),
    ],
    FUKU: [
        ("受付番号", "case"), ("事業", "proc"), ("処理内容", "label"), ("受付日時", "start"),
        ("終了日時", "end"), ("担当者", "staff"), ("宛名番号", "pid"), ("氏名", "name"),
        ("カナ氏名", "kana"), ("生年月日", "dob"), ("性別", "sex"), ("住所", "addr"),
        ("世帯主氏名", "head"), ("続柄", "rel"), ("連絡先", "tel"), ("所得額", "income"),
        ("口座番号", "acct"), ("対象児童氏名", "child_name"), ("対象児童生年月日", "child_dob"),
        ("申請者氏名", "appl_name"), ("申請者続柄", "appl_rel"),
    ],
    KYO: [
        ("事案番号", "case"), ("手続", "label"), ("処理日時", "start"), ("担当者", "staff"),
        ("宛名番号", "pid"), ("児童氏名", "name"), ("児童生年月日", "dob"), ("住所", "addr"),
        ("保護者氏名", "guard_name"), ("連絡先電話", "tel"), ("保護者所得", "guard_income"),
        ("振込先口座", "guard_acct"),
    ],
    KEN: [
        ("管理番号", "case"), ("実施内容", "label"), ("実施日時", "start"),
        ("終了日時", "end"), ("担当保健師", "staff"), ("宛名番号", "pid"),
        ("保護者氏名", "name"), ("住所", "addr"), ("電話", "tel"), ("児童氏名", "child_name"),
        ("児童生年月日", "child_dob"),
    ],
}  # fmt: skip

SURNAMES = [
    ("佐藤", "サトウ"), ("菊地", "キクチ"), ("千葉", "チバ"), ("及川", "オイカワ"),
    ("菅原", "スガワラ"), ("小野寺", "オノデラ"), ("熊谷", "クマガイ"), ("阿部", "アベ"),
    ("遠藤", "エンドウ"), ("村上", "ムラカミ"), ("髙橋", "タカハシ"), ("山﨑", "ヤマザキ"),
    ("藤原", "フジワラ"), ("畠山", "ハタケヤマ"), ("昆", "コン"), ("鈴木", "スズキ"),
    ("沼田", "ヌマタ"), ("高屋敷", "タカヤシキ"), ("中村", "ナカムラ"), ("工藤", "クドウ"),
    ("八重樫", "ヤエガシ"), ("佐々木", "ササキ"), ("伊藤", "イトウ"), ("大和田", "オオワダ"),
]  # fmt: skip
MALE = [
    ("清", "キヨシ"), ("勝男", "カツオ"), ("正一", "ショウイチ"), ("誠", "マコト"),
    ("浩二", "コウジ"), ("健太", "ケンタ"), ("翔", "ショウ"), ("大輔", "ダイスケ"),
    ("蓮", "レン"), ("悠真", "ユウマ"), ("陽翔", "ハルト"), ("湊", "ミナト"), ("勇", "イサム"),
    ("光雄", "ミツオ"), ("和也", "カズヤ"), ("達也", "タツヤ"),
]  # fmt: skip
FEMALE = [
    ("トシ子", "トシコ"), ("幸子", "サチコ"), ("節子", "セツコ"), ("恵美", "エミ"),
    ("裕子", "ユウコ"), ("美穂", "ミホ"), ("彩", "アヤ"), ("陽菜", "ヒナ"), ("結衣", "ユイ"),
    ("さくら", "サクラ"), ("葵", "アオイ"), ("千鶴", "チヅル"), ("静香", "シズカ"),
    ("真由美", "マユミ"), ("紬", "ツムギ"), ("芽依", "メイ"),
]  # fmt: skip
AZA = ["椿", "上野", "川原田", "沢内", "長根", "大平", "中島", "下川原"]
BANKS = [("JAつばき", "本所"), ("山河銀行", "椿支店"), ("東北信用金庫", "沢内支店")]
ERAS = [(date(2019, 5, 1), "R", 2018), (date(1989, 1, 8), "H", 1988), (date(1926, 12, 25), "S", 1925)]  # fmt: skip
ZEN = str.maketrans("0123456789-", "０１２３４５６７８９－")


@dataclass
class Household:
    """A household: its address (大字, 番地, 枝番) and landline."""

    hid: int
    aza: str
    num: int
    sub: int | None
    home: str | None
    members: list[Person] = field(default_factory=list)


@dataclass
class Person:
    """A resident."""

    pid: int
    sei: int
    mei: tuple[str, str]
    dob: date
    sex: str
    rel: str
    hh: Household
    mobile: str | None
    income: int
    account: tuple[int, str] | None


class Town:
    """The village, its residents and the rows every system writes."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.people: list[Person] = []
        self.households: list[Household] = []
        self.rows: dict[str, list[dict[str, object]]] = {d: [] for d in FILES}
        self.cases: dict[str, int] = dict.fromkeys(FILES, 0)
        # Each system's copy of a person's address (stale after a move it missed).
        self.known_addr: dict[str, dict[int, tuple[str, int, int | None]]] = {d: {} for d in FILES}
        self.phone_choice: dict[tuple[str, int], str] = {}
        self.days = [
            FY_START + timedelta(n)
            for n in range((FY_END - FY_START).days + 1)
            if (FY_START + timedelta(n)).weekday() < 5
            and not (date(2026, 12, 29) <= FY_START + timedelta(n) <= date(2027, 1, 3))
        ]
        self.next_pid = 1001

    # -- residents -------------------------------------------------------------------
    def phone(self, mobile: bool = True) -> str:
        r = self.rng
        if mobile:
            return f"0{r.choice('789')}0-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
        return f"0198-{r.randint(70, 79)}-{r.randint(1000, 9999)}"

    def person(self, hh: Household, rel: str, age: float, sex: str | None = None) -> Person:
        r = self.rng
        sex = sex or r.choice("男女")
        names = MALE if sex == "男" else FEMALE
        # Older residents take the first half of each list, the young the second.
        pool = names[: len(names) // 2 + 2] if age > 45 else names[len(names) // 2 - 2 :]
        dob = FY_START - timedelta(days=int(age * 365.25) + r.randint(0, 364))
        adult = age >= 18
        income = 0
        if adult and r.random() < 0.8:
            income = r.choice([0, 480_000, 1_100_000, 1_630_000, 2_400_000, 3_150_000, 4_200_000])
        p = Person(
            pid=self.next_pid,
            sei=hh.members[0].sei if hh.members and rel != "妻の母" else r.randrange(len(SURNAMES)),
            mei=r.choice(pool),
            dob=dob,
            sex=sex,
            rel=rel,
            hh=hh,
            mobile=self.phone() if adult and r.random() < 0.75 else None,
            income=income,
            account=(r.randrange(len(BANKS)), f"{r.randint(1000000, 9999999)}")
            if adult and r.random() < 0.7
            else None,
        )
        self.next_pid += r.choice([1, 1, 2, 3])
        hh.members.append(p)
        return p

    def household(self, kind: str | None = None) -> Household:
        r = self.rng
        hh = Household(
            hid=len(self.households) + 1,
            aza=r.choice(AZA),
            num=r.randint(1, 480),
            sub=r.choice([None, None, None, 1, 2, 3, 5]),
            home=self.phone(mobile=False) if r.random() < 0.8 else None,
        )
        self.households.append(hh)
        kind = (
            kind
            or r.choices(["old1", "old2", "family", "three", "single"], [18, 22, 30, 18, 12])[0]
        )
        head_age = {"old1": 78, "old2": 72, "family": 38, "three": 50, "single": 30}[kind]
        head_age += r.randint(-8, 8)
        self.person(hh, "世帯主", head_age, "男" if kind != "old1" or r.random() < 0.4 else "女")
        if kind in ("old2", "family", "three"):
            self.person(hh, "妻", head_age - r.randint(0, 5), "女")
        if kind in ("family", "three"):
            for _ in range(r.choice([1, 2, 2, 3])):
                child_age = r.uniform(0.2, 17) if kind == "family" else r.uniform(12, 25)
                self.person(hh, "子", child_age)
        if kind == "three":
            self.person(hh, "母", head_age + 27, "女")
        for m in hh.members:
            self.people.append(m)
            for d in FILES:
                self.known_addr[d][m.pid] = (hh.aza, hh.num, hh.sub)
        return hh

    def age(self, p: Person, day: date) -> float:
        return (day - p.dob).days / 365.25

    # -- how each system writes a field ---------------------------------------------
    def name(self, dept: str, p: Person) -> str:
        sei = SURNAMES[p.sei][0]
        # Systems without the register's 外字 write 髙/﨑 as 高/崎 for most residents.
        if dept in (ZEIMU, FUKU, KYO) and (p.pid % 10) < 7:
            sei = sei.replace("髙", "高").replace("﨑", "崎")
        sep = "\u3000" if dept in (JUKI, FUKU) else " "
        return f"{sei}{sep}{p.mei[0]}"

    def kana(self, dept: str, p: Person) -> str:
        kana = f"{SURNAMES[p.sei][1]} {p.mei[1]}"
        if dept == FUKU and p.pid % 13 == 0:
            kana = kana.replace("ヅ", "ズ").replace("ザキ", "サキ")
        if dept == JUKI:
            kana = kana.replace(" ", "\u3000")
        return kana

    def dob(self, dept: str, d: date) -> str:
        if dept == JUKI:
            return wareki_date(d)
        if dept == FUKU:
            return str((d - date(1899, 12, 30)).days)
        if dept == ZEIMU:
            return f"{d.year}/{d.month:02d}/{d.day:02d}"
        return d.isoformat()

    def addr(self, dept: str, p: Person) -> str:
        aza, num, sub = self.known_addr[dept].get(p.pid, (p.hh.aza, p.hh.num, p.hh.sub))
        if dept == JUKI:
            return f"山河県椿村大字{aza}{num}番地" + (f"{sub}" if sub else "")
        if dept == ZEIMU:
            return f"椿村大字{aza}{num}" + (f"-{sub}" if sub else "")
        if dept == FUKU:
            return f"椿村{aza}{num}番地".translate(ZEN) + (f"{sub}".translate(ZEN) if sub else "")
        if dept == KYO:
            return f"大字{aza}{num}番地" + (f"の{sub}" if sub else "")
        return f"椿村{aza}{num}" + (f"-{sub}" if sub else "")

    def tel(self, dept: str, p: Person) -> str:
        key = (dept, p.hh.hid if p.mobile is None else p.pid)
        if key not in self.phone_choice:
            options = [t for t in (p.hh.home, p.mobile) if t]
            if dept == ZEIMU and p.hh.home:
                options = [p.hh.home]
            self.phone_choice[key] = self.rng.choice(options) if options else ""
        return self.phone_choice[key]

    def acct(self, dept: str, p: Person) -> str:
        if p.account is None:
            return ""
        bank, branch = BANKS[p.account[0]]
        if dept == ZEIMU:
            return f"{bank} {branch} 普通 {p.account[1]}"
        return f"{bank}/{branch}/普/{p.account[1]}"

    def record(self, dept: str, p: Person, fields: str) -> dict[str, object]:
        """The data columns ``fields`` (space-separated keys) of ``p`` as ``dept`` holds them."""
        out: dict[str, object] = {}
        head = p.hh.members[0]
        for f in fields.split():
            if f == "name":
                out[f] = self.name(dept, p)
            elif f == "kana":
                out[f] = self.kana(dept, p)
            elif f == "dob":
                out[f] = self.dob(dept, p.dob)
            elif f == "sex":
                out[f] = p.sex if dept == JUKI else {"男": "1", "女": "2"}[p.sex]
            elif f == "addr":
                out[f] = self.addr(dept, p)
            elif f == "head":
                out[f] = self.name(dept, head)
            elif f == "rel":
                out[f] = "本人" if p is head else p.rel
            elif f == "tel":
                out[f] = self.tel(dept, p)
            elif f == "income":
                out[f] = f"{p.income:,}" if dept == ZEIMU else str(p.income)
            elif f == "acct":
                out[f] = self.acct(dept, p)
        return out

    # -- events ----------------------------------------------------------------------
    def case(self, dept: str) -> str:
        self.cases[dept] += 1
        prefix = {JUKI: "", ZEIMU: "Z8-", FUKU: "", KYO: "K", KEN: "H8"}[dept]
        width = {JUKI: 5, ZEIMU: 5, FUKU: 4, KYO: 4, KEN: 4}[dept]
        return f"{prefix}{self.cases[dept]:0{width}d}"

    def emit(
        self,
        dept: str,
        case: str,
        label: str,
        start: datetime,
        minutes: float,
        staff: str,
        p: Person,
        data: dict[str, object] | None = None,
    ) -> datetime:
        end = start + timedelta(minutes=minutes)
        row: dict[str, object] = {
            "case": case, "label": label, "start": start, "end": end, "staff": staff,
            "pid": p.pid,
        }  # fmt: skip
        if dept == FUKU:
            row["proc"] = {"国保": "国保", "児手": "児童手当", "【介": "介護保険"}[label[:2]]
        row.update(data or {})
        self.rows[dept].append(row)
        return end

    def dur(self, median: float) -> float:
        return max(0.3, median * math.exp(self.rng.gauss(0, 0.35)))

    def clerk(self, dept: str) -> str:
        return self.rng.choice(
            {
                JUKI: ["J01", "J02", "J03"],
                ZEIMU: ["税務 斎藤", "税務 及川", "税務 昆"],
                FUKU: ["F01", "F02", "F03", "F04"],
                KYO: ["学務 工藤"],
                KEN: ["保健師 村上", "保健師 沼田"],
            }[dept]
        )

    def arrival(self, day: date) -> datetime:
        hours = [8, 9, 10, 11, 12, 13, 14, 15, 16]
        h = self.rng.choices(hours, [5, 15, 17, 13, 6, 12, 13, 11, 8])[0]
        m = self.rng.randint(30 if h == 8 else 0, 59 if h < 16 else 40)
        return datetime.combine(day, time(h, m))

    def office(self, day: date, lo: int = 9, hi: int = 16) -> datetime:
        return datetime.combine(day, time(self.rng.randint(lo, hi), self.rng.randint(0, 59)))

    def later(self, day: date, lo: int, hi: int) -> date:
        target = day + timedelta(days=self.rng.randint(lo, hi))
        later = [d for d in self.days if d >= target]
        return later[0] if later else self.days[-1]

    def day(self, weights: dict[int, float] | None = None) -> date:
        if not weights:
            return self.rng.choice(self.days)
        w = [weights.get(d.month, 1.0) for d in self.days]
        return self.rng.choices(self.days, w)[0]


def wareki_date(d: date) -> str:
    for start, era, offset in ERAS:
        if d >= start:
            return f"{era}{d.year - offset}.{d.month}.{d.day}"
    return f"T{d.year - 1911}.{d.month}.{d.day}"


def wareki(t: datetime) -> str:
    return f"{wareki_date(t.date())} {t.hour}:{t.minute:02d}"


def excel(t: datetime) -> str:
    serial = (t - datetime(1899, 12, 30)).total_seconds() / 86400
    return f"{serial:.10g}"


def fmt_time(dept: str, t: datetime, formatted: bool = False) -> str:
    if dept == JUKI:
        return wareki(t)
    if dept == FUKU:
        return f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}" if formatted else excel(t)
    if dept == ZEIMU:
        return t.strftime("%Y-%m-%d %H:%M:%S")
    if dept == KYO:
        return f"{t.year}/{t.month:02d}/{t.day:02d} {t.hour}:{t.minute:02d}"
    return f"{t.year}年{t.month}月{t.day}日 {t.hour}時{t.minute:02d}分"


# -- procedures ----------------------------------------------------------------------
def move_in(town: Town, day: date) -> None:
    """転入: 住民係, then 国保, 児童手当, 教育委員会 and 保健センター the same morning."""
    r = town.rng
    hh = town.household(r.choice(["family", "family", "single", "old2", "three"]))
    head = hh.members[0]
    filer = head
    t = town.arrival(day)
    case = town.case(JUKI)
    full = "name kana dob sex addr head rel tel"
    t = town.emit(JUKI, case, "異動届記入", t, town.dur(8 + 2 * len(hh.members)), "届出人",
                  filer, town.record(JUKI, filer, full))  # fmt: skip
    t = town.emit(JUKI, case, "本確", t + timedelta(minutes=r.uniform(3, 20)), town.dur(2),
                  town.clerk(JUKI), filer)  # fmt: skip
    t = town.emit(JUKI, case, "転出証明確認", t, town.dur(3), town.clerk(JUKI), filer)
    for m in hh.members:
        t = town.emit(JUKI, case, "住異入力", t, town.dur(4), town.clerk(JUKI), m,
                      town.record(JUKI, m, full))  # fmt: skip
    town.emit(JUKI, case, "住基ネット送信", t, 0.5, "SYSTEM", filer)
    t = town.emit(
        JUKI, case, "手続案内", t + timedelta(minutes=1), town.dur(3), town.clerk(JUKI), filer
    )
    # 税務係 keys the adults into the tax register from the 異動連絡 a few days later.
    for m in hh.members:
        if town.age(m, day) >= 18:
            d = town.later(day, 2, 9)
            town.emit(ZEIMU, town.case(ZEIMU), "課税台帳の宛名情報の入力", town.office(d),
                      town.dur(5), town.clerk(ZEIMU), m,
                      town.record(ZEIMU, m, "name kana dob addr"))  # fmt: skip
    t += timedelta(minutes=r.uniform(2, 8))
    if r.random() < 0.3 or hh.members[0].income == 0:
        t = kokuho_join(town, hh.members, t)
    kids = [m for m in hh.members if town.age(m, day) < 15]
    mother = next((m for m in hh.members if m.rel == "妻"), head)
    if kids:
        t = jidou_claim(town, head, kids, t, new=True)
    for k in (k for k in kids if 6 <= town.age(k, day) < 15):
        t = school_enrol(town, k, mother, t)
    if any(town.age(k, day) < 3 for k in kids):
        t += timedelta(minutes=r.uniform(3, 10))
        case = town.case(KEN)
        t = town.emit(KEN, case, "住民記録の照会", t, town.dur(2), town.clerk(KEN), mother)
        town.emit(KEN, case, "子育て支援サービスのご案内", t, town.dur(10), town.clerk(KEN), mother,
                  town.record(KEN, mother, "name addr tel"))  # fmt: skip
    for m in hh.members:
        if town.age(m, day) >= 65:
            kaigo_entitle(town, m, town.later(day, 3, 10))


def kokuho_join(town: Town, members: list[Person], t: datetime) -> datetime:
    """国保 加入: form, checks, keying of each member, income inquiry days later."""
    r = town.rng
    head = members[0]
    case = town.case(FUKU)
    t = town.emit(FUKU, case, "国保:加入届記入", t, town.dur(6), "本人", head,
                  town.record(FUKU, head, "name kana dob sex addr head tel"))  # fmt: skip
    t = town.emit(FUKU, case, "国保:本確", t + timedelta(minutes=r.uniform(1, 10)), town.dur(2),
                  town.clerk(FUKU), head)  # fmt: skip
    t = town.emit(FUKU, case, "国保:個番確認", t, town.dur(2), town.clerk(FUKU), head)
    t = town.emit(FUKU, case, "国保:世帯確認(住記)", t, town.dur(2), town.clerk(FUKU), head,
                  town.record(FUKU, head, "head addr"))  # fmt: skip
    for m in members:
        t = town.emit(FUKU, case, "国保:資得入力", t, town.dur(4), town.clerk(FUKU), m,
                      town.record(FUKU, m, "name kana dob sex addr head rel"))  # fmt: skip
    t = town.emit(FUKU, case, "国保:保険証交付", t, town.dur(2), town.clerk(FUKU), head)
    d = town.later(t.date(), 1, 6)
    for m in members:
        if town.age(m, t.date()) >= 18:
            inquiry(town, FUKU, case, "国保:所得照会", m, d)
    if r.random() < 0.5 and head.account:
        t = town.emit(FUKU, case, "国保:口座振替登録", t, town.dur(4), town.clerk(FUKU), head,
                  town.record(FUKU, head, "acct"))  # fmt: skip
    return t + timedelta(minutes=r.uniform(1, 5))


def inquiry(
    town: Town, dept: str, case: str, label: str, p: Person, d: date, subject: Person | None = None
) -> None:
    """An income inquiry about ``p`` to the tax office, answered the same or the next day.

    ``subject`` is whom the inquiring system keys the row by (教育委員会: the child).
    """
    t = town.office(d, 9, 15)
    data = town.record(FUKU, p, "income") if dept == FUKU else {"guard_income": str(p.income)}
    subject = subject or p
    town.emit(dept, case, label, t, town.dur(3), town.clerk(dept), subject, data)
    answer = town.later(d, 0, 1)
    town.emit(ZEIMU, town.case(ZEIMU), "課税情報照会票への回答", town.office(answer, 13, 16),
              town.dur(4), town.clerk(ZEIMU), p, town.record(ZEIMU, p, "name income"))  # fmt: skip


def jidou_claim(town: Town, parent: Person, kids: list[Person], t: datetime, new: bool) -> datetime:
    """児童手当 認定請求 (or 額改定 for a birth in a household already receiving it)."""
    r = town.rng
    case = town.case(FUKU)
    youngest = min(kids, key=lambda k: k.dob)
    child = {"child_name": town.name(FUKU, youngest), "child_dob": town.dob(FUKU, youngest.dob)}
    form = town.record(FUKU, parent, "name kana dob addr tel") | child
    t = town.emit(FUKU, case, "児手_請求書記入", t, town.dur(7), "本人", parent, form)
    t = town.emit(FUKU, case, "児手_本確", t + timedelta(minutes=r.uniform(1, 8)), town.dur(2),
                  town.clerk(FUKU), parent)  # fmt: skip
    t = town.emit(FUKU, case, "児手_個番確認", t, town.dur(2), town.clerk(FUKU), parent)
    t = town.emit(FUKU, case, "児手_住記照会", t, town.dur(2), town.clerk(FUKU), parent,
                  town.record(FUKU, parent, "addr head"))  # fmt: skip
    t = town.emit(FUKU, case, "児手_受給者入力", t, town.dur(5), town.clerk(FUKU), parent,
                  town.record(FUKU, parent, "name kana dob sex addr") | child)  # fmt: skip
    if new and parent.account:
        t = town.emit(FUKU, case, "児手_口座登録", t, town.dur(3), town.clerk(FUKU), parent,
                      town.record(FUKU, parent, "acct"))  # fmt: skip
    t = town.emit(FUKU, case, "児手_他手続案内", t, town.dur(3), town.clerk(FUKU), parent)
    if new:
        inquiry(town, FUKU, case, "児手_所得照会", parent, town.later(t.date(), 1, 5))
    d = town.later(t.date(), 10, 20)
    town.emit(FUKU, case, "児手_認定通知送付", datetime.combine(d, time(10, 0)), 0.2, "一括処理",
              parent, town.record(FUKU, parent, "name addr"))  # fmt: skip
    return t + timedelta(minutes=r.uniform(2, 6))


def school_enrol(town: Town, child: Person, guardian: Person, t: datetime) -> datetime:
    """転入学 at the board of education (next door), sometimes with 就学援助."""
    r = town.rng
    case = town.case(KYO)
    t += timedelta(minutes=r.uniform(3, 10))
    guard = {"guard_name": town.name(KYO, guardian), "tel": town.tel(KYO, guardian)}
    rec = town.record(KYO, child, "name dob addr") | guard
    t = town.emit(KYO, case, "保護者の本人確認", t, town.dur(2), town.clerk(KYO), child)
    t = town.emit(KYO, case, "住民基本台帳による住所の確認", t, town.dur(3), town.clerk(KYO), child,
                  town.record(KYO, child, "addr"))  # fmt: skip
    t = town.emit(
        KYO, case, "学齢簿への児童情報の登録", t, town.dur(5), town.clerk(KYO), child, rec
    )
    t = town.emit(KYO, case, "転入学通知書の作成", t, town.dur(4), town.clerk(KYO), child)
    if r.random() < 0.3:
        t = school_aid(town, child, guardian, t, case)
    return t


def school_aid(town: Town, child: Person, guardian: Person, t: datetime, case: str) -> datetime:
    """就学援助: the guardian writes the form; income checked later; account registered."""
    guard = {"guard_name": town.name(KYO, guardian), "tel": town.tel(KYO, guardian)}
    form = town.record(KYO, child, "name dob addr") | guard
    t = town.emit(KYO, case, "就学援助申請書の記入", t, town.dur(8), "保護者", child, form)
    if guardian.account:
        bank, branch = BANKS[guardian.account[0]]
        acct = {"guard_acct": f"{bank}{branch} 普通預金 {guardian.account[1]}"}
        t = town.emit(KYO, case, "就学援助費の振込口座の登録", t, town.dur(3), town.clerk(KYO),
                      child, acct)  # fmt: skip
    d = town.later(t.date(), 3, 15)
    inquiry(town, KYO, case, "就学援助の所得状況の確認", guardian, d, subject=child)
    town.emit(KYO, case, "就学援助の認定", town.office(town.later(d, 7, 20)), town.dur(10),
              town.clerk(KYO), child)  # fmt: skip
    return t


def kaigo_entitle(town: Town, p: Person, d: date) -> None:
    """介護保険 資格取得 (65th birthday or moving in): keyed, then the card is mailed."""
    case = town.case(FUKU)
    t = town.emit(FUKU, case, "【介護】被保険者情報入力", town.office(d), town.dur(4),
                  town.clerk(FUKU), p, town.record(FUKU, p, "name kana dob sex addr"))  # fmt: skip
    town.emit(FUKU, case, "【介護】被保険者証交付", t + timedelta(minutes=2), town.dur(2),
              town.clerk(FUKU), p, town.record(FUKU, p, "name addr"))  # fmt: skip


def kaigo_cert(town: Town, day: date) -> None:
    """要介護認定: a relative applies, income checked, visit, panel, result."""
    r = town.rng
    elders = [p for p in town.people if town.age(p, day) >= 72]
    p = r.choice(elders)
    relatives = [m for m in p.hh.members if m is not p and 20 <= town.age(m, day) < 70]
    applicant = relatives[0] if relatives and r.random() < 0.8 else None
    case = town.case(FUKU)
    data = town.record(FUKU, p, "name kana dob sex addr tel")
    if applicant:
        data |= {"appl_name": town.name(FUKU, applicant),
                 "appl_rel": {"世帯主": "子", "妻": "嫁", "子": "孫"}.get(applicant.rel, "その他")}  # fmt: skip
    t = town.arrival(day)
    t = town.emit(FUKU, case, "【介護】申請書記入", t, town.dur(9), "申請者", p, data)
    t = town.emit(FUKU, case, "【介護】来庁者確認", t + timedelta(minutes=r.uniform(1, 6)),
                  town.dur(2), town.clerk(FUKU), p)  # fmt: skip
    inquiry(town, FUKU, case, "【介護】課税状況確認", p, town.later(day, 1, 4))
    visit = town.later(day, 7, 16)
    town.emit(FUKU, case, "【介護】認定調査(訪問)", town.office(visit, 9, 15), town.dur(60),
              "調査員 畠山", p, town.record(FUKU, p, "addr"))  # fmt: skip
    panel = town.later(visit, 14, 24)
    town.emit(FUKU, case, "【介護】認定審査会", datetime.combine(panel, time(14, 0)),
              town.dur(8), "審査会", p)  # fmt: skip
    res = town.later(panel, 2, 5)
    t = town.emit(FUKU, case, "【介護】認定結果通知", datetime.combine(res, time(10, 30)), 0.2,
                  "一括処理", p, town.record(FUKU, p, "name addr"))  # fmt: skip
    town.emit(FUKU, case, "【介護】被保険者証交付", t, 0.2, "一括処理", p)


def move_out(town: Town, day: date) -> None:
    """転出: 住民係, then 国保 loss and 児童手当 end at 住民福祉課."""
    r = town.rng
    hh = r.choice([h for h in town.households if h.members])
    filer = hh.members[0]
    t = town.arrival(day)
    case = town.case(JUKI)
    t = town.emit(JUKI, case, "異動届記入", t, town.dur(6), "届出人", filer,
                  town.record(JUKI, filer, "name kana dob addr tel"))  # fmt: skip
    t = town.emit(JUKI, case, "本確", t + timedelta(minutes=r.uniform(2, 15)), town.dur(2),
                  town.clerk(JUKI), filer)  # fmt: skip
    for m in hh.members:
        t = town.emit(JUKI, case, "住異入力", t, town.dur(3), town.clerk(JUKI), m,
                      town.record(JUKI, m, "name addr head rel"))  # fmt: skip
    town.emit(JUKI, case, "住基ネット送信", t, 0.5, "SYSTEM", filer)
    t = town.emit(
        JUKI, case, "手続案内", t + timedelta(minutes=1), town.dur(2), town.clerk(JUKI), filer
    )
    if filer.income < 1_200_000 or r.random() < 0.25:
        case = town.case(FUKU)
        t = town.emit(FUKU, case, "国保:本確", t + timedelta(minutes=r.uniform(2, 8)),
                      town.dur(2), town.clerk(FUKU), filer)  # fmt: skip
        for m in hh.members:
            t = town.emit(FUKU, case, "国保:喪失入力", t, town.dur(3), town.clerk(FUKU), m,
                          town.record(FUKU, m, "name addr"))  # fmt: skip
    if any(town.age(m, day) < 15 for m in hh.members):
        case = town.case(FUKU)
        t = town.emit(FUKU, case, "児手_本確", t + timedelta(minutes=r.uniform(1, 5)),
                      town.dur(2), town.clerk(FUKU), filer)  # fmt: skip
        town.emit(FUKU, case, "児手_消滅入力", t, town.dur(3), town.clerk(FUKU), filer,
                  town.record(FUKU, filer, "name addr"))  # fmt: skip
    for m in hh.members:
        town.people.remove(m)
    hh.members.clear()


def relocate(town: Town, day: date) -> None:
    """転居 within the village: 住民係 records it; other systems learn it or not."""
    r = town.rng
    hh = r.choice([h for h in town.households if h.members])
    hh.aza, hh.num, hh.sub = r.choice(AZA), r.randint(1, 480), r.choice([None, None, 1, 2])
    new = (hh.aza, hh.num, hh.sub)
    filer = hh.members[0]
    t = town.arrival(day)
    case = town.case(JUKI)
    for m in hh.members:
        town.known_addr[JUKI][m.pid] = new
    t = town.emit(JUKI, case, "異動届記入", t, town.dur(6), "届出人", filer,
                  town.record(JUKI, filer, "name kana dob addr tel"))  # fmt: skip
    t = town.emit(JUKI, case, "本確", t + timedelta(minutes=r.uniform(2, 15)), town.dur(2),
                  town.clerk(JUKI), filer)  # fmt: skip
    for m in hh.members:
        t = town.emit(JUKI, case, "住異入力", t, town.dur(3), town.clerk(JUKI), m,
                      town.record(JUKI, m, "name addr head rel"))  # fmt: skip
    town.emit(JUKI, case, "住基ネット送信", t, 0.5, "SYSTEM", filer)
    # Linked copies follow; the ones kept by hand often do not.
    for dept, p in ((ZEIMU, 0.97), (FUKU, 0.85), (KYO, 0.6), (KEN, 0.5)):
        for m in hh.members:
            if r.random() < p:
                town.known_addr[dept][m.pid] = new


def birth(town: Town, day: date) -> None:
    """出生: 住民係, 児童手当 and 保健センター the same visit; a nurse visits later."""
    r = town.rng
    homes = [h for h in town.households if any(m.rel == "妻" and 20 < town.age(m, day) < 42 for m in h.members)]  # fmt: skip
    hh = r.choice(homes)
    mother = next(m for m in hh.members if m.rel == "妻")
    father = hh.members[0]
    baby = town.person(hh, "子", 0.0)
    baby.dob = day - timedelta(days=r.randint(3, 13))
    town.people.append(baby)
    for d in FILES:
        town.known_addr[d][baby.pid] = (hh.aza, hh.num, hh.sub)
    t = town.arrival(day)
    case = town.case(JUKI)
    t = town.emit(JUKI, case, "出生届受理", t, town.dur(10), town.clerk(JUKI), baby,
                  town.record(JUKI, baby, "name kana dob sex addr head rel"))  # fmt: skip
    t = town.emit(JUKI, case, "本確", t, town.dur(2), town.clerk(JUKI), father)
    t = town.emit(JUKI, case, "住異入力", t, town.dur(4), town.clerk(JUKI), baby,
                  town.record(JUKI, baby, "name kana dob sex addr head rel"))  # fmt: skip
    t = town.emit(JUKI, case, "手続案内", t, town.dur(3), town.clerk(JUKI), father)
    kids = [m for m in hh.members if town.age(m, day) < 15]
    had = len(kids) > 1
    t = jidou_claim(town, father, kids, t + timedelta(minutes=r.uniform(2, 6)), new=not had)
    if father.income == 0 or r.random() < 0.2:
        t = kokuho_join(town, [baby], t)
    case = town.case(KEN)
    child = {"child_name": town.name(KEN, baby), "child_dob": baby.dob.isoformat()}
    t += timedelta(minutes=r.uniform(3, 8))
    t = town.emit(KEN, case, "出生連絡票の記入", t, town.dur(6), "保護者", mother,
                  town.record(KEN, mother, "name addr tel") | child)  # fmt: skip
    t = town.emit(KEN, case, "子育て支援サービスのご案内", t, town.dur(12), town.clerk(KEN), mother)
    visit = town.later(day, 14, 30)
    town.emit(KEN, case, "新生児訪問の実施", town.office(visit, 9, 15), town.dur(70),
              town.clerk(KEN), mother, town.record(KEN, mother, "addr") | child)  # fmt: skip


def death(town: Town, day: date) -> None:
    """死亡: the register, then the family settles 国保 or 介護 a week or two later."""
    r = town.rng
    elders = [p for p in town.people if town.age(p, day) >= 70]
    p = r.choice(elders)
    t = town.office(day, 9, 16)
    case = town.case(JUKI)
    t = town.emit(JUKI, case, "死亡届受理", t, town.dur(12), town.clerk(JUKI), p,
                  town.record(JUKI, p, "name dob addr"))  # fmt: skip
    town.emit(JUKI, case, "住異入力", t, town.dur(3), town.clerk(JUKI), p,
              town.record(JUKI, p, "name addr head rel"))  # fmt: skip
    family = [m for m in p.hh.members if m is not p and town.age(m, day) >= 20]
    if family:
        heir = family[0]
        d = town.later(day, 5, 20)
        t = town.arrival(d)
        case = town.case(FUKU)
        if r.random() < 0.6:
            t = town.emit(FUKU, case, "【介護】来庁者確認", t, town.dur(2), town.clerk(FUKU), heir)
            t = town.emit(FUKU, case, "【介護】資格喪失入力", t, town.dur(3), town.clerk(FUKU), p,
                          town.record(FUKU, p, "name addr"))  # fmt: skip
        else:
            t = town.emit(FUKU, case, "国保:本確", t, town.dur(2), town.clerk(FUKU), heir)
            t = town.emit(FUKU, case, "国保:喪失入力", t, town.dur(3), town.clerk(FUKU), p,
                          town.record(FUKU, p, "name addr"))  # fmt: skip
        if p.income and r.random() < 0.4:
            c = town.case(ZEIMU)
            t += timedelta(minutes=r.uniform(3, 8))
            t = town.emit(ZEIMU, c, "来庁者の本人確認", t, town.dur(2), town.clerk(ZEIMU), heir)
            town.emit(ZEIMU, c, "軽自動車税の名義変更", t, town.dur(6), town.clerk(ZEIMU), heir,
                      town.record(ZEIMU, heir, "name addr"))  # fmt: skip
    p.hh.members.remove(p)
    town.people.remove(p)


def certificate(town: Town, day: date) -> None:
    """住民票の写し / 印鑑登録証明書 at 住民係; seal registrations now and then."""
    r = town.rng
    p = r.choice([q for q in town.people if town.age(q, day) >= 18])
    t = town.arrival(day)
    case = town.case(JUKI)
    if r.random() < 0.04:
        t = town.emit(JUKI, case, "印登申請書記入", t, town.dur(4), "届出人", p,
                      town.record(JUKI, p, "name kana dob addr tel"))  # fmt: skip
        t = town.emit(JUKI, case, "本確", t, town.dur(2), town.clerk(JUKI), p)
        town.emit(JUKI, case, "印登入力", t, town.dur(4), town.clerk(JUKI), p,
                  town.record(JUKI, p, "name dob addr"))  # fmt: skip
        return
    t = town.emit(JUKI, case, "本確", t, town.dur(1.5), town.clerk(JUKI), p)
    label = "住民票写し交付" if r.random() < 0.6 else "印証交付"
    town.emit(JUKI, case, label, t, town.dur(3), town.clerk(JUKI), p)


def tax_counter(town: Town, day: date) -> None:
    """住民税申告 in 2–3月, income certificates and debit requests the rest of the year."""
    r = town.rng
    p = r.choice([q for q in town.people if town.age(q, day) >= 20])
    t = town.arrival(day)
    case = town.case(ZEIMU)
    season = (day.month == 2 and day.day >= 16) or (day.month == 3 and day.day <= 16)
    t = town.emit(ZEIMU, case, "来庁者の本人確認", t, town.dur(2), town.clerk(ZEIMU), p)
    if season and r.random() < 0.8:
        t = town.emit(ZEIMU, case, "個人番号の確認", t, town.dur(2), town.clerk(ZEIMU), p)
        town.emit(ZEIMU, case, "住民税申告書の記入", t, town.dur(15), "申告者", p,
                  town.record(ZEIMU, p, "name kana dob addr tel income"))  # fmt: skip
    elif r.random() < 0.12 and p.account:
        town.emit(ZEIMU, case, "口座振替依頼書の受付", t, town.dur(4), town.clerk(ZEIMU), p,
                  town.record(ZEIMU, p, "name addr acct"))  # fmt: skip
    elif r.random() < 0.1:
        town.emit(ZEIMU, case, "軽自動車税の名義変更", t, town.dur(6), town.clerk(ZEIMU), p,
                  town.record(ZEIMU, p, "name addr"))  # fmt: skip
    else:
        town.emit(ZEIMU, case, "所得証明書の交付", t, town.dur(3), town.clerk(ZEIMU), p)


def batches(town: Town) -> None:
    """Notices printed in bulk: tax (June), 国保 (July), school entry (Jan), checkups."""
    r = town.rng
    tax_day = datetime(2026, 6, 10, 19, 0)
    for i, p in enumerate(p for p in town.people if p.income > 0):
        town.emit(ZEIMU, town.case(ZEIMU), "納税通知書の発送", tax_day + timedelta(seconds=3 * i),
                  0.05, "一括処理", p, town.record(ZEIMU, p, "name addr"))  # fmt: skip
    kokuho_day = datetime(2026, 7, 14, 18, 30)
    heads = [
        h.members[0]
        for h in town.households
        if h.members and h.members[0].income < 1_700_000 and r.random() < 0.55
    ]
    for i, p in enumerate(heads):
        town.emit(FUKU, town.case(FUKU), "国保:納付通知送付", kokuho_day + timedelta(seconds=4 * i),
                  0.05, "一括処理", p, town.record(FUKU, p, "name addr"))  # fmt: skip
    entry = datetime(2027, 1, 20, 10, 0)
    for i, p in enumerate(p for p in town.people if 5.5 <= town.age(p, date(2027, 4, 1)) < 6.5):
        town.emit(KYO, town.case(KYO), "就学通知書の送付", entry + timedelta(minutes=i), 0.1,
                  "学務 工藤", p, town.record(KYO, p, "name addr"))  # fmt: skip
    for month in range(4, 16):
        y, m = (2026, month) if month <= 12 else (2027, month - 12)
        when = datetime(y, m, 5, 16, 0)
        babies = [p for p in town.people if 0.2 < town.age(p, when.date()) < 3.2]
        for i, b in enumerate(r.sample(babies, min(len(babies), 8))):
            parent = next((q for q in b.hh.members if q.rel == "妻"), b.hh.members[0])
            child = {"child_name": town.name(KEN, b), "child_dob": b.dob.isoformat()}
            town.emit(KEN, town.case(KEN), "乳幼児健診の案内送付", when + timedelta(minutes=i),
                      0.1, "一括処理", parent, town.record(KEN, parent, "name addr") | child)  # fmt: skip


def fukushi_counter(town: Town, day: date) -> None:
    """住民福祉課 walk-ins: 国保 for the newly retired, debit requests."""
    r = town.rng
    t = town.arrival(day)
    if r.random() < 0.45:
        retired = [p for p in town.people if 60 <= town.age(p, day) < 75]
        p = r.choice(retired)
        kokuho_join(town, [p], t)
    elif r.random() < 0.5:
        p = r.choice([q for q in town.people if q.account and town.age(q, day) >= 20])
        case = town.case(FUKU)
        t = town.emit(FUKU, case, "国保:本確", t, town.dur(2), town.clerk(FUKU), p)
        town.emit(FUKU, case, "国保:口座振替登録", t, town.dur(4), town.clerk(FUKU), p,
                  town.record(FUKU, p, "name addr acct"))  # fmt: skip
    else:
        p = r.choice([q for q in town.people if 20 <= town.age(q, day) < 64])
        case = town.case(FUKU)
        t = town.emit(FUKU, case, "国保:本確", t, town.dur(2), town.clerk(FUKU), p)
        town.emit(FUKU, case, "国保:喪失入力", t, town.dur(3), town.clerk(FUKU), p,
                  town.record(FUKU, p, "name addr"))  # fmt: skip


def health_counter(town: Town, day: date) -> None:
    """保健センター walk-ins: 母子健康手帳, 予診票."""
    r = town.rng
    mothers = [p for p in town.people if p.rel == "妻" and 20 < town.age(p, day) < 42]
    p = r.choice(mothers)
    t = town.arrival(day)
    case = town.case(KEN)
    label = "母子健康手帳の交付" if r.random() < 0.12 else "予防接種予診票の交付"
    town.emit(KEN, case, label, t, town.dur(15 if label.startswith("母子") else 3),
              town.clerk(KEN), p, town.record(KEN, p, "name addr tel"))  # fmt: skip


def simulate(town: Town) -> None:
    r = town.rng
    for _ in range(800):
        town.household()
    spring = {3: 4.0, 4: 3.0}
    # The school-aid applications come in April for children already at school.
    for _ in range(22):
        kids = [p for p in town.people if p.rel == "子" and 6.5 <= town.age(p, FY_START) < 14.5]
        child = r.choice(kids)
        guardian = next((m for m in child.hh.members if m.rel == "妻"), child.hh.members[0])
        day = r.choice([d for d in town.days if d.month == 4])
        case = town.case(KYO)
        t = town.arrival(day)
        t = town.emit(KYO, case, "保護者の本人確認", t, town.dur(2), town.clerk(KYO), child)
        school_aid(town, child, guardian, t, case)
    events = (
        [(move_in, spring)] * 38 + [(move_out, spring)] * 45 + [(relocate, None)] * 16
        + [(birth, None)] * 11 + [(death, {1: 1.3, 2: 1.3, 12: 1.2})] * 34
        + [(certificate, None)] * 1100
        + [(tax_counter, {2: 6.0, 3: 5.0})] * 620 + [(kaigo_cert, None)] * 70
        + [(fukushi_counter, None)] * 110 + [(health_counter, None)] * 120
    )  # fmt: skip
    planned = sorted(((town.day(w), i, f) for i, (f, w) in enumerate(events)), key=lambda x: x[:2])
    birthdays = [p for p in town.people if 64 <= town.age(p, FY_START) < 65]
    for p in birthdays:
        d65 = p.dob.replace(year=p.dob.year + 65)
        if FY_START <= d65 <= FY_END:
            kaigo_entitle(town, p, town.later(d65, 0, 3))
    for day, _, func in planned:
        func(town, day)
    batches(town)


# -- writing -------------------------------------------------------------------------
def write(town: Town, out: Path, formatted: bool = False) -> int:
    city = out / "city"
    city.mkdir(parents=True, exist_ok=True)
    total = 0
    for dept, name in FILES.items():
        rows = sorted(town.rows[dept], key=lambda row: (row["start"], str(row["case"])))
        layout = LAYOUT[dept]
        encoding = "cp932" if dept == JUKI else "utf-8-sig"
        with open(city / name, "w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n" if dept in (JUKI, FUKU) else "\n")
            writer.writerow([h for h, _ in layout])
            for row in rows:
                cells = []
                for _, key in layout:
                    value = row.get(key, "")
                    if key in ("start", "end"):
                        value = fmt_time(dept, value, formatted)  # type: ignore[arg-type]
                    cells.append(value)
                writer.writerow(cells)
        total += len(rows)
    toml = "".join(f'[files."{n}"]\ndepartment = "{d}"\n\n' for d, n in FILES.items())
    (city / "procmine.toml").write_text(toml.rstrip() + "\n", encoding="utf-8")
    return total


def write_truth(out: Path) -> None:
    truth = out / "truth"
    truth.mkdir(parents=True, exist_ok=True)

    def table(name: str, header: str, rows: list[tuple[str, ...]]) -> None:
        with open(truth / name, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(header.split(","))
            writer.writerows(rows)

    table("duplicates.csv", "cluster,department,activity",
          [(c, d, a) for c, by in DUPLICATES.items() for d, labels in by.items() for a in labels])  # fmt: skip
    table("negatives.csv", "group,department,activity",
          [(g, d, a) for g, by in NEGATIVES.items() for d, labels in by.items() for a in labels])  # fmt: skip
    table("silos.csv", "field,department,column",
          [(f, d, c) for f, by in SILOS.items() for d, c in by.items()])  # fmt: skip
    table("decoys.csv", "department,column", DECOYS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--formatted-times",
        action="store_true",
        help="diagnostic: write 住民福祉課's two time columns as Excel shows them once formatted "
        "as date and time (2026/4/1 9:05); birth dates stay serial numbers",
    )
    args = parser.parse_args()
    town = Town(args.seed)
    simulate(town)
    total = write(town, args.out, args.formatted_times)
    write_truth(args.out)
    counts = ", ".join(f"{d} {len(town.rows[d]):,}" for d in FILES)
    print(f"{len(town.households)} households, {total:,} events ({counts}) in {args.out / 'city'}")


if __name__ == "__main__":
    main()
