"""北浦市 (Kitaura-shi): a held-out 中核市 with wide case tables, written without procmine's source.

Usage::

    .venv/bin/python benchmarks/kitaura_city.py OUT [--seed N] [--residents 5000]

Writes ``OUT/city/`` (nine department exports and a ``procmine.toml`` naming the departments,
since the vendor file names do not) and ``OUT/truth/`` (``duplicates.csv``, ``negatives.csv``,
``aliases.csv``, ``silos.csv``, ``decoys.csv``). Deterministic per seed; fiscal year 令和7年度
(2025-04-01 … 2026-03-31), about 5,000 residents sampled from a city of about 300,000.

What the town tries:

* two **wide case tables** (子育て支援課 ``KOSODATE_SHINSEI_ICHIRAN.csv``, 学務課
  ``GAKUMU_SHINSEI.csv``): one row per application with several date columns (受付日時, 審査日,
  決定日, 通知発送日 / 申請日, 所得審査日, 認定日, 通知日) and no activity column. The truth reads
  each date column as one step named by its header without 日 / 日時 (``受付``, ``審査`` …; the
  header itself is an alias). ``受付`` / ``申請`` is the application form taken in (FORM: the
  resident wrote name, address and birth date again); 学務課's ``所得審査`` is an income check
  (INCOME); ``審査``, ``決定`` / ``認定`` and ``通知発送`` / ``通知`` are hard negatives. A reader
  that takes the application type (申請種別 / 申請区分) as the activity and 受付日時 as its time
  reads each row as the form taken in: those type names are aliases of ``受付`` / ``申請``.
* 介護保険課's export has no case column: the case is the resident (宛名番号 + 処理 + 日時).
* 市民課, 保険年金課 and 生活福祉課 export 世帯番号 beside 宛名番号.
* staff working in two departments (兼務): two clerks in 市民課 and 保険年金課, two in 介護保険課
  and 障害福祉課.
* labels naming the legal basis or form (「様式第3号による資格取得届の受付」, 「法第22条届出の審査」,
  「住民基本台帳法第27条による本人確認」) and polite labels (「お客様の本人確認を行う」).
* same-day multi-counter visits after 転入, 転居, 出生 and death (おくやみ: the family comes
  3–20 days after the 死亡届), ticket machines, queue waits longer in March–April, batch mailings.
* decoys: a child's and a spouse's name and birth date, a guardian's name, a facility's address, a
  carer's, an emergency contact's and an employer's phone, a filer's name.

Truth conventions (koyo-city.md §3.6): QUEUE, ID (identity check), NUM (My Number check),
FORM (a form on which the resident writes the 4情報 again, taken in), ADDR (a 住基 inquiry on
address / household), KEY (re-keying the resident's data into a department system), INCOME (an
income or tax-status inquiry), ACCT (an account taken in and registered), GUIDE (guidance to other
counters). 市民課's register update (住民記録の更新) is the authoritative update and in no cluster;
市民税課's answer to income inquiries is the provider, in no cluster; taking in a 戸籍 filing is
no FORM (it records no address), in no cluster. Hard negatives (negatives.csv): 審査 of different
things, 交付 of different documents, 通知 of different decisions, 決定 / 認定, 訪問 of different
purposes, and 介護保険課's 住所地特例の確認 against 保険年金課's 住基 inquiry.

Silos (silos.csv): 氏名, カナ, 生年月日, 性別, 住所, 電話, 口座, 所得, 世帯主 and 世帯番号, each copy
written its own way (丁目番号, hyphens, kanji numerals, full-width; 西暦, 和暦, yyyymmdd; hiragana
ふりがな; accounts with spaces or slashes; incomes with and without commas), with itaiji, kana
variants, stale addresses (障害福祉課 most), closed accounts and second phones. A simplification:
routine work is simulated before the life events, so a routine row dated after a move may carry
the pre-move address (it reads as one more stale copy).
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

START = date(2025, 4, 1)
END = date(2026, 3, 31)

SURNAMES = [
    ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"),
    ("渡辺", "ワタナベ"), ("伊藤", "イトウ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"),
    ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"),
    ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"), ("井上", "イノウエ"),
    ("木村", "キムラ"), ("斎藤", "サイトウ"), ("清水", "シミズ"), ("山崎", "ヤマザキ"),
    ("森", "モリ"), ("池田", "イケダ"), ("橋本", "ハシモト"), ("阿部", "アベ"),
    ("石川", "イシカワ"), ("前田", "マエダ"), ("藤田", "フジタ"), ("岡田", "オカダ"),
    ("後藤", "ゴトウ"), ("長谷川", "ハセガワ"), ("村上", "ムラカミ"), ("近藤", "コンドウ"),
    ("石井", "イシイ"), ("坂本", "サカモト"), ("遠藤", "エンドウ"), ("青木", "アオキ"),
    ("藤井", "フジイ"), ("西村", "ニシムラ"), ("福田", "フクダ"), ("太田", "オオタ"),
    ("三浦", "ミウラ"), ("岩崎", "イワサキ"), ("工藤", "クドウ"), ("千葉", "チバ"),
    ("菅原", "スガワラ"), ("高田", "タカダ"), ("田辺", "タナベ"), ("成田", "ナリタ"),
]  # fmt: skip
MALE = [
    ("翔太", "ショウタ"), ("大輔", "ダイスケ"), ("健一", "ケンイチ"), ("誠", "マコト"),
    ("隆", "タカシ"), ("浩二", "コウジ"), ("拓也", "タクヤ"), ("和夫", "カズオ"),
    ("勇気", "ユウキ"), ("蓮", "レン"), ("悠真", "ユウマ"), ("茂", "シゲル"),
    ("修", "オサム"), ("直樹", "ナオキ"), ("陽翔", "ハルト"), ("清", "キヨシ"),
]  # fmt: skip
FEMALE = [
    ("陽子", "ヨウコ"), ("美穂", "ミホ"), ("恵子", "ケイコ"), ("さくら", "サクラ"),
    ("結衣", "ユイ"), ("直美", "ナオミ"), ("千尋", "チヒロ"), ("和子", "カズコ"),
    ("葵", "アオイ"), ("芽依", "メイ"), ("裕子", "ユウコ"), ("明美", "アケミ"),
    ("静香", "シズカ"), ("陽菜", "ヒナ"), ("節子", "セツコ"), ("真由美", "マユミ"),
]  # fmt: skip
TOWNS = ["港町", "潮見台", "汐入", "柳原", "本町", "若葉", "緑ケ丘", "東雲", "北浜", "桜木",
         "高砂", "浜田", "岬", "松風", "大町", "旭"]  # fmt: skip
BUILDINGS = ["コーポ潮見", "ハイツ若葉", "メゾン北浜", "グランシア本町", "サンハイム旭"]
BANKS = [("潮風銀行", ["本店", "港町支店", "駅前支店"]), ("北浦信用金庫", ["本店", "汐入支店"]),
         ("ゆうちょ銀行", ["〇一八店", "〇二八店"]), ("みなと農業協同組合", ["本所", "柳原支所"])]  # fmt: skip
KANJI_DIGITS = "〇一二三四五六七八九"
ITAIJI = {"高": "髙", "崎": "﨑", "辺": "邊", "斎": "齋", "藤": "藤"}
FACILITIES = ["特別養護老人ホーム潮騒の里", "介護老人保健施設みさき", "グループホームあさひ"]


@dataclass
class Person:
    """One resident (fictional)."""

    pid: str
    hh: str
    sur: tuple[str, str]
    given: tuple[str, str]
    dob: date
    sex: str
    addr: tuple
    relation: str
    head: Person | None = None
    landline: str = ""
    mobile: str = ""
    accounts: list[tuple] = field(default_factory=list)
    income: int = 0
    kokuho: bool = False
    care: bool = False
    disab: bool = False
    seiho: bool = False
    children: list[Person] = field(default_factory=list)
    spouse: Person | None = None
    employer_tel: str = ""

    @property
    def name(self) -> str:
        return f"{self.sur[0]}\u3000{self.given[0]}"

    @property
    def kana(self) -> str:
        return f"{self.sur[1]}\u3000{self.given[1]}"

    def age(self, on: date) -> int:
        return on.year - self.dob.year - ((on.month, on.day) < (self.dob.month, self.dob.day))


def kanji_number(n: int) -> str:
    """14 → 十四 (numbers below 100)."""
    tens, ones = divmod(n, 10)
    out = "" if tens == 0 else ("十" if tens == 1 else KANJI_DIGITS[tens] + "十")
    return out + (KANJI_DIGITS[ones] if ones else "") or "〇"


def fmt_addr(addr: tuple, style: str) -> str:
    """One address in one department's way of writing it."""
    town, chome, ban, go, bld = addr
    if style == "juki":
        text = f"北浦市{town}{chome}丁目{ban}番{go}号"
        return text + (f"\u3000{bld}" if bld else "")
    if style == "hyphen":
        return f"{town}{chome}-{ban}-{go}" + (f" {bld}" if bld else "")
    if style == "kanji":
        text = f"北浦市{town}{kanji_number(chome)}丁目{kanji_number(ban)}番{kanji_number(go)}号"
        return text + (f" {bld}" if bld else "")
    if style == "wide":
        text = f"{town}{chome}丁目{ban}番{go}号".translate(FULLWIDTH)
        return text + (f"\u3000{bld}".translate(FULLWIDTH) if bld else "")
    return f"{town}{chome}丁目{ban}-{go}"  # "short": 方書 left out


FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


def fmt_dob(d: date, style: str) -> str:
    if style == "wareki":
        if d >= date(2019, 5, 1):
            era, y = "令和", d.year - 2018
        elif d >= date(1989, 1, 8):
            era, y = "平成", d.year - 1988
        else:
            era, y = "昭和", d.year - 1925
        return f"{era}{'元' if y == 1 else y}年{d.month}月{d.day}日"
    if style == "compact":
        return d.strftime("%Y%m%d")
    if style == "iso":
        return d.isoformat()
    return f"{d.year}/{d.month:02d}/{d.day:02d}"


def fmt_account(acc: tuple, style: str) -> str:
    bank, branch, kind, number = acc
    if style == "slash":
        return f"{bank}/{branch}/{kind}/{number}"
    return f"{bank} {branch} {kind} {number}"


class City:
    """The residents, their departments' copies and every event."""

    def __init__(self, seed: int, residents: int) -> None:
        self.rng = random.Random(seed)
        self.people: list[Person] = []
        self.households: list[list[Person]] = []
        self.next_pid = 30_000_001
        self.next_hh = 510_001
        self.rows: dict[str, list[dict]] = {d: [] for d in DEPTS}
        self.copies: dict[str, dict[str, dict]] = {d: {} for d in DEPTS}
        self.counters: dict[str, int] = {}
        self.used: set[str] = set()
        self._populate(residents)
        self.days = [
            START + timedelta(n)
            for n in range((END - START).days + 1)
            if (START + timedelta(n)).weekday() < 5
            and not ((START + timedelta(n)).month == 12 and (START + timedelta(n)).day >= 29)
            and not ((START + timedelta(n)).month == 1 and (START + timedelta(n)).day <= 3)
        ]

    # ---------------------------------------------------------------- residents
    def _pid(self) -> str:
        self.next_pid += self.rng.randint(1, 9)
        return f"{self.next_pid:010d}"

    def _addr(self) -> tuple:
        r = self.rng
        bld = (
            f"{r.choice(BUILDINGS)}{r.randint(1, 4)}0{r.randint(1, 8)}" if r.random() < 0.3 else ""
        )
        return (r.choice(TOWNS), r.randint(1, 5), r.randint(1, 30), r.randint(1, 25), bld)

    def _phone(self, mobile: bool) -> str:
        r = self.rng
        if mobile:
            return f"0{r.choice('789')}0-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
        return f"0138-{r.randint(20, 69)}-{r.randint(1000, 9999)}"

    def _account(self) -> tuple:
        bank, branches = self.rng.choice(BANKS)
        kind = "普通" if self.rng.random() < 0.92 else "当座"
        return (bank, self.rng.choice(branches), kind, f"{self.rng.randint(0, 9999999):07d}")

    def _person(self, hh: str, sur, sex: str, dob: date, addr, relation: str) -> Person:
        given = self.rng.choice(MALE if sex == "男" else FEMALE)
        p = Person(self._pid(), hh, sur, given, dob, sex, addr, relation)
        p.landline = self._phone(False) if self.rng.random() < 0.6 else ""
        p.mobile = self._phone(True) if self.rng.random() < 0.9 else ""
        age = p.age(START)
        if age >= 18:
            p.accounts = [self._account() for _ in range(1 + (self.rng.random() < 0.25))]
            p.income = 0 if self.rng.random() < 0.25 else self.rng.randint(60, 900) * 10_000
            p.employer_tel = (
                self._phone(False) if 20 <= age < 65 and self.rng.random() < 0.6 else ""
            )
        p.care = age >= 65 and self.rng.random() < 0.18
        p.disab = self.rng.random() < 0.045
        self.people.append(p)
        return p

    def _birth(self, lo: int, hi: int) -> date:
        return START - timedelta(days=self.rng.randint(lo * 365, hi * 365))

    def _household(self) -> list[Person]:
        r = self.rng
        hh = f"{self.next_hh:08d}"
        self.next_hh += 1
        addr, sur = self._addr(), r.choice(SURNAMES)
        age = r.choice([r.randint(24, 40), r.randint(30, 55), r.randint(55, 90)])
        sex = "男" if r.random() < 0.7 else "女"
        head = self._person(hh, sur, sex, self._birth(age, age + 1), addr, "世帯主")
        members = [head]
        if r.random() < (0.65 if age < 75 else 0.4):
            other = "女" if sex == "男" else "男"
            spouse_age = max(20, age + r.randint(-5, 4))
            spouse = self._person(
                hh,
                sur,
                other,
                self._birth(spouse_age, spouse_age + 1),
                addr,
                "妻" if other == "女" else "夫",
            )
            spouse.head, head.spouse, spouse.spouse = head, spouse, head
            members.append(spouse)
        if age < 52 and r.random() < 0.7:
            for _ in range(r.choice([1, 1, 2, 2, 3])):
                child_age = r.randint(0, min(17, age - 20))
                child = self._person(
                    hh, sur, r.choice("男女"), self._birth(child_age, child_age + 1), addr, "子"
                )
                child.head = head
                head.children.append(child)
                members.append(child)
        for m in members[1:]:
            m.head = head
        head.kokuho = r.random() < (0.55 if age >= 60 else 0.18)
        head.seiho = r.random() < 0.025
        for m in members:
            m.kokuho, m.seiho = head.kokuho, head.seiho
        self.households.append(members)
        return members

    def _populate(self, residents: int) -> None:
        while len(self.people) < residents:
            self._household()

    # ---------------------------------------------------------------- copies
    def copy(self, dept: str, p: Person) -> dict:
        """The department's own record of ``p`` (made on first contact, with its errors)."""
        have = self.copies[dept].get(p.pid)
        if have is None:
            have = self._fresh_copy(dept, p)
            self.copies[dept][p.pid] = have
        return have

    def _fresh_copy(self, dept: str, p: Person) -> dict:
        r = self.rng
        name = p.name
        if r.random() < 0.02:
            name = "".join(ITAIJI.get(ch, ch) for ch in name)
        kana = p.kana
        if r.random() < 0.03:
            kana = kana.replace("ウ", "ー", 1) if "ウ" in kana else kana.replace("ズ", "ヅ")
        dob = p.dob
        if r.random() < 0.003:
            dob = dob.replace(day=min(28, dob.day % 28 + 1))
        addr = p.addr
        stale = STALE.get(dept, 0.0)
        if r.random() < stale:
            addr = self._addr()  # an address the resident left before this year
        phones = [t for t in (p.landline, p.mobile) if t]
        phone = (r.choice(phones) if phones else "") if r.random() < 0.9 else ""
        account = r.choice(p.accounts) if p.accounts else None
        if account and r.random() < 0.015:
            account = self._account()  # closed account still on file
        income = p.income if r.random() > 0.01 else p.income + r.randint(1, 30) * 10_000
        return {"name": name, "kana": kana, "dob": dob, "addr": addr, "phone": phone,
                "account": account, "income": income, "sex": p.sex, "hh": p.hh,
                "head": p.head.name if p.head else p.name}  # fmt: skip

    def update(self, dept: str, p: Person, *fields: str) -> dict:
        """The department re-keys ``fields`` from the resident's current data."""
        c = self.copy(dept, p)
        for f in fields:
            if f == "addr":
                c["addr"] = p.addr
            elif f == "hh":
                c["hh"], c["head"] = p.hh, (p.head.name if p.head else p.name)
            elif f == "account" and p.accounts:
                c["account"] = self.rng.choice(p.accounts)
            elif f == "phone":
                c["phone"] = p.mobile or p.landline
        return c

    # ---------------------------------------------------------------- helpers
    def case(self, dept: str) -> int:
        self.counters[dept] = self.counters.get(dept, 0) + 1
        return self.counters[dept]

    def staff(self, dept: str) -> str:
        return self.rng.choice(STAFF[dept])

    def minutes(self, lo: float, hi: float) -> timedelta:
        x = self.rng.triangular(lo, hi, lo + (hi - lo) * 0.35)
        return timedelta(seconds=round(x * 60))

    def open_time(self, day: date) -> datetime:
        r = self.rng
        hour = r.choices([8, 9, 10, 11, 13, 14, 15, 16], [3, 14, 16, 12, 10, 12, 10, 3])[0]
        minute = r.randint(30, 59) if hour == 8 else r.randint(0, 59 if hour < 16 else 40)
        return datetime(day.year, day.month, day.day, hour, minute, r.randint(0, 59))

    def wait(self, day: date, dept: str) -> timedelta:
        """Queue wait after a ticket: long at 市民課 in the moving season (3/20–4/10)."""
        peak = (day.month == 3 and day.day >= 20) or (day.month == 4 and day.day <= 10)
        if dept == SHIMIN:
            return self.minutes(5, 90) if peak else self.minutes(2, 30)
        return self.minutes(3, 35) if peak else self.minutes(1, 15)

    def day_after(self, day: date, lo: int, hi: int) -> date:
        target = day + timedelta(days=self.rng.randint(lo, hi))
        while target.weekday() >= 5:
            target += timedelta(days=1)
        return target

    def emit(self, dept: str, case: str, p: Person, label: str, t: datetime,
             dur: timedelta | None, who: str, data: dict | None = None) -> datetime:  # fmt: skip
        """Append one step; return when it ends."""
        end = t + dur if dur is not None else t
        self.rows[dept].append({"case": case, "p": p, "label": label, "start": t,
                                "end": end if dur is not None else None, "who": who,
                                "data": data or {}})  # fmt: skip
        return end

    def counter(self, dept: str, case: str, p: Person, t: datetime,
                steps: list[tuple[str, float, float, str, tuple]]) -> datetime:  # fmt: skip
        """A visit to one counter: ticket, wait, then ``steps`` (label, lo, hi, who, fields)."""
        ticket = TICKET.get(dept)
        if ticket:
            self.emit(dept, case, p, ticket[0], t, timedelta(seconds=20), ticket[1])
            t = t + self.wait(t.date(), dept)
        clerk = self.staff(dept)
        for label, lo, hi, who, fields in steps:
            who = clerk if who == "staff" else who
            data = self.update(dept, p, *fields) if fields else None
            if data is None and dept in RECORD_ON_EVERY_ROW:
                data = self.copy(dept, p)
            t = self.emit(
                dept, case, p, alias(dept, label, self.rng), t, self.minutes(lo, hi), who, data
            )
            t += timedelta(seconds=self.rng.randint(10, 90))
        return t + self.minutes(2, 6)  # walking to the next counter


def alias(dept: str, label: str, rng: random.Random) -> str:
    """A label variant written by an older terminal (5 % of the events)."""
    for variant in ALIASES.get(dept, {}).get(label, []):
        if rng.random() < 0.05:
            return variant
    return label


# ---------------------------------------------------------------------------- departments
SHIMIN, KOKUHO, ZEI, KOSO, KAIGO, SHOGAI, SEIHO, GAKUMU, KENKO = (
    "市民課", "保険年金課", "市民税課", "子育て支援課", "介護保険課", "障害福祉課", "生活福祉課",
    "学務課", "健康づくり課",
)  # fmt: skip
DEPTS = (SHIMIN, KOKUHO, ZEI, KOSO, KAIGO, SHOGAI, SEIHO, GAKUMU, KENKO)
FILES = {
    SHIMIN: "JUKI_IDO_LOG.csv", KOKUHO: "KOKUHO_SHORI_RIREKI.csv", ZEI: "ZEI_MADOGUCHI.csv",
    KOSO: "KOSODATE_SHINSEI_ICHIRAN.csv", KAIGO: "KAIGO_RIREKI.csv",
    SHOGAI: "SHOGAI_TETSUZUKI.csv", SEIHO: "SEIHO_CASE.csv", GAKUMU: "GAKUMU_SHINSEI.csv",
    KENKO: "BOSHI_HOKEN.csv",
}  # fmt: skip
_SHARED_CITIZEN = ["小田切 亜希子", "村井 健太郎"]  # 兼務: 市民課 and 保険年金課
_SHARED_WELFARE = ["宮下 徹", "堀江 さおり"]  # 兼務: 介護保険課 and 障害福祉課
STAFF = {
    SHIMIN: ["今井 真理", "大塚 浩", "片山 恵", "川口 大樹", "桑原 奈々", *_SHARED_CITIZEN],
    KOKUHO: ["杉本 涼子", "野口 和也", "平野 早苗", "松井 拓", *_SHARED_CITIZEN],
    ZEI: ["菊地 正人", "望月 由美", "新井 達也", "原田 彩"],
    KOSO: ["丸山 千夏", "横山 誠司", "内田 瞳"],
    KAIGO: ["上田 秀樹", "荒木 純子", *_SHARED_WELFARE],
    SHOGAI: ["酒井 紀子", *_SHARED_WELFARE],
    SEIHO: ["関 隆之", "安藤 美紀", "栗田 大"],
    GAKUMU: ["北野 智子", "岩田 翼"],
    KENKO: ["保健師 中島 玲奈", "保健師 矢野 悠", "大西 久美"],
}  # fmt: skip
TICKET = {
    SHIMIN: ("受付番号札発行", "発券機"),
    KOKUHO: ("番号札発券", "発券機2"),
    ZEI: ("発券", "受付機"),
    KAIGO: ("整理券の発行", "整理券システム"),
    SHOGAI: ("順番札の発行", "発券機3"),
}
RECORD_ON_EVERY_ROW = {KOKUHO, KAIGO}
STALE = {KOKUHO: 0.003, ZEI: 0.01, KOSO: 0.015, KAIGO: 0.01, SHOGAI: 0.07, SEIHO: 0.005,
         GAKUMU: 0.02, KENKO: 0.01}  # fmt: skip

ALIASES = {
    SHIMIN: {"住民票の写し交付": ["住民票写し交付"], "関係課へのご案内": ["関係課への案内"]},
    KOKUHO: {"お客様の本人確認を行う": ["お客様の本人確認を行う(窓口)"]},
    ZEI: {"窓口での本人確認": ["窓口での本人確認（対面）"]},
    SHOGAI: {"来所者の身元確認": ["来所者の身元確認 "]},
}

# truth: (cluster or negative group, department, activity)
TRUTH = [
    ("QUEUE", SHIMIN, "受付番号札発行"), ("QUEUE", KOKUHO, "番号札発券"), ("QUEUE", ZEI, "発券"),
    ("QUEUE", KAIGO, "整理券の発行"), ("QUEUE", SHOGAI, "順番札の発行"),
    ("ID", SHIMIN, "住民基本台帳法第27条による本人確認"), ("ID", KOKUHO, "お客様の本人確認を行う"),
    ("ID", ZEI, "窓口での本人確認"), ("ID", KAIGO, "申請者ご本人の確認"),
    ("ID", SHOGAI, "来所者の身元確認"), ("ID", SEIHO, "面談時の本人確認"),
    ("ID", KENKO, "妊婦ご本人様の確認"),
    ("NUM", KOKUHO, "マイナンバーの確認を行う"), ("NUM", ZEI, "番号法第16条による番号確認"),
    ("NUM", KAIGO, "個人番号の確認"), ("NUM", SHOGAI, "個人番号カード等による番号確認"),
    ("NUM", KENKO, "マイナンバーカードの確認"),
    ("FORM", SHIMIN, "様式第1号（住民異動届）の記入"), ("FORM", SHIMIN, "印鑑登録申請書の受付"),
    ("FORM", KOKUHO, "様式第3号による資格取得届の受付"), ("FORM", KOKUHO, "様式第4号による資格喪失届の受付"),
    ("FORM", KOKUHO, "葬祭費支給申請の受付"),
    ("FORM", ZEI, "市民税・県民税申告書の受付（様式第12号）"), ("FORM", ZEI, "相続人代表者指定届の受付"),
    ("FORM", KAIGO, "介護保険法第12条による届出の受付"), ("FORM", KAIGO, "要介護認定申請書の受付"),
    ("FORM", SHOGAI, "身体障害者手帳居住地変更届の受付"), ("FORM", SHOGAI, "手帳返還届の受付"),
    ("FORM", SEIHO, "保護申請書の受付"), ("FORM", KENKO, "妊娠届出書の受付（母子保健法第15条）"),
    ("FORM", KENKO, "出生連絡票の受付"), ("FORM", KOSO, "受付"), ("FORM", GAKUMU, "申請"),
    ("ADDR", KOKUHO, "住民記録の照会（世帯構成の確認）"), ("ADDR", KAIGO, "住基情報の照会"),
    ("ADDR", SHOGAI, "住所確認（住基端末照会）"), ("ADDR", SEIHO, "世帯状況の住基照会"),
    ("KEY", KOKUHO, "国保宛名情報の入力"), ("KEY", ZEI, "課税台帳の宛名修正入力"),
    ("KEY", KAIGO, "被保険者台帳への住所入力"), ("KEY", SHOGAI, "手帳台帳の住所変更入力"),
    ("KEY", SEIHO, "ケース台帳への宛名登録"), ("KEY", KENKO, "母子台帳への登録"),
    ("INCOME", KOKUHO, "所得状況の照会（市民税課へ）"), ("INCOME", KAIGO, "課税状況の確認"),
    ("INCOME", SHOGAI, "世帯の所得照会"), ("INCOME", SEIHO, "収入・課税状況の調査"),
    ("INCOME", GAKUMU, "所得審査"),
    ("ACCT", KOKUHO, "口座振替依頼書をお預かりする"), ("ACCT", ZEI, "口座振替申込の登録"),
    ("ACCT", KAIGO, "高額介護サービス費振込口座の登録"), ("ACCT", SHOGAI, "給付費振込先口座の登録"),
    ("ACCT", SEIHO, "保護費振込口座の登録"),
    ("GUIDE", SHIMIN, "関係課へのご案内"), ("GUIDE", KOKUHO, "他課手続きのご案内をする"),
    ("GUIDE", KAIGO, "関連窓口のご案内"), ("GUIDE", SHOGAI, "他の窓口へのご案内"),
]  # fmt: skip
NEGATIVES = [
    ("審査", SHIMIN, "法第22条届出の審査"), ("審査", SHIMIN, "法第23条届出の審査"),
    ("審査", SHIMIN, "法第24条届出の審査"), ("審査", SHIMIN, "戸籍届書の受理審査"),
    ("審査", KAIGO, "介護認定審査会"), ("審査", SHOGAI, "手帳交付の審査"),
    ("審査", SEIHO, "保護の要否判定"), ("審査", KOSO, "審査"),
    ("交付", SHIMIN, "住民票の写し交付"), ("交付", SHIMIN, "印鑑登録証の交付"),
    ("交付", KOKUHO, "被保険者証の交付"), ("交付", ZEI, "課税（所得）証明書の交付"),
    ("交付", KAIGO, "介護保険被保険者証の交付"), ("交付", SHOGAI, "身体障害者手帳の交付"),
    ("交付", KENKO, "母子健康手帳の交付"),
    ("通知", KOKUHO, "国保税額決定通知書の発送"), ("通知", ZEI, "税額決定通知書の発送"),
    ("通知", KAIGO, "認定結果通知の発送"), ("通知", KAIGO, "介護保険料決定通知書の発送"),
    ("通知", SEIHO, "保護決定通知書の送付"), ("通知", KOSO, "通知発送"), ("通知", GAKUMU, "通知"),
    ("決定", KOSO, "決定"), ("決定", GAKUMU, "認定"), ("決定", SEIHO, "保護開始の決定"),
    ("訪問", KAIGO, "認定調査（訪問）"), ("訪問", SEIHO, "家庭訪問"), ("訪問", KENKO, "新生児訪問"),
    ("住所", KAIGO, "住所地特例の確認"), ("住所", KOKUHO, "住民記録の照会（世帯構成の確認）"),
]  # fmt: skip
# the 住所 group pairs the facility-residence check with the real address inquiry only in the
# other department; the evaluator's negatives are pairs across departments inside a group.

SILOS = {
    "氏名": {SHIMIN: "氏名", KOKUHO: "被保険者氏名", ZEI: "納税義務者氏名", KOSO: "請求者氏名",
             KAIGO: "被保険者名", SHOGAI: "手帳所持者氏名", SEIHO: "対象者氏名", GAKUMU: "児童生徒氏名",
             KENKO: "妊婦氏名"},
    "カナ": {SHIMIN: "氏名カナ", KOKUHO: "カナ氏名", KOSO: "請求者カナ", KAIGO: "フリガナ",
             SHOGAI: "ふりがな", GAKUMU: "児童生徒カナ"},
    "生年月日": {SHIMIN: "生年月日", KOKUHO: "生年月日", ZEI: "生年月日", KOSO: "請求者生年月日",
                 KAIGO: "生年月日", SHOGAI: "生年月日", SEIHO: "生年月日", GAKUMU: "生年月日",
                 KENKO: "生年月日"},
    "性別": {SHIMIN: "性別", KOKUHO: "性別", KAIGO: "性別"},
    "住所": {SHIMIN: "住所", KOKUHO: "住所", ZEI: "住所", KOSO: "住所", KAIGO: "住所",
             SHOGAI: "現住所", SEIHO: "居住地", GAKUMU: "住所", KENKO: "住所"},
    "電話": {KOKUHO: "連絡先電話", ZEI: "電話番号", KOSO: "電話番号", KAIGO: "電話",
             SHOGAI: "電話番号", KENKO: "連絡先"},
    "口座": {KOKUHO: "振替口座", ZEI: "口座", KOSO: "振込口座", KAIGO: "振込口座",
             SHOGAI: "振込先口座", SEIHO: "振込口座"},
    "所得": {KOKUHO: "前年所得", ZEI: "総所得金額", KOSO: "所得額", KAIGO: "合計所得金額"},
    "世帯主": {SHIMIN: "世帯主氏名", KOKUHO: "世帯主氏名", SEIHO: "世帯主名"},
    "世帯番号": {SHIMIN: "世帯番号", KOKUHO: "世帯番号", SEIHO: "世帯番号"},
}  # fmt: skip
DECOYS = [
    (KOSO, "児童氏名"), (KOSO, "児童生年月日"), (KOSO, "配偶者氏名"), (GAKUMU, "保護者氏名"),
    (KAIGO, "入所施設住所"), (KAIGO, "主介護者電話"), (SHOGAI, "緊急連絡先電話"),
    (ZEI, "勤務先電話"), (KOKUHO, "届出人氏名"), (SEIHO, "扶養義務者氏名"), (KENKO, "配偶者氏名"),
]  # fmt: skip
TRUTH += [("FORM", SHOGAI, "身体障害者手帳交付申請書の受付")]
# a reader that takes the application type as the activity reads each row as the form taken in
WIDE_TYPES = {
    KOSO: ["児童手当認定請求", "児童手当額改定請求", "児童手当住所変更届", "児童手当受給事由消滅届",
           "子ども医療費受給者証交付申請"],
    GAKUMU: ["転入学届", "就学援助費受給申請", "学区内住所変更届"],
}  # fmt: skip
WIDE_STEPS = {
    KOSO: [("受付日時", "受付"), ("審査日", "審査"), ("決定日", "決定"), ("通知発送日", "通知発送")],
    GAKUMU: [("申請日", "申請"), ("所得審査日", "所得審査"), ("認定日", "認定"), ("通知日", "通知")],
}  # fmt: skip


# ---------------------------------------------------------------------------- episodes
class Kitaura(City):
    """北浦市's year: life events, routine counters, back-office and batch work."""

    def __init__(self, seed: int, residents: int) -> None:
        super().__init__(seed, residents)
        self.wide: dict[str, list[dict]] = {KOSO: [], GAKUMU: []}

    def weighted_day(self, peak: bool = False) -> date:
        weights = [
            (
                4
                if peak and ((d.month == 3 and d.day >= 15) or (d.month == 4 and d.day <= 10))
                else 1
            )
            for d in self.days
        ]
        return self.rng.choices(self.days, weights)[0]

    def ref(self, dept: str, prefix: str) -> str:
        return f"{prefix}{self.case(dept):06d}"

    def app(self, dept: str, p: Person, kind: str, taken: datetime, data: dict,
            steps: list[tuple[int, int]] | None = None, staff: str | None = None) -> None:  # fmt: skip
        """One row of a wide case table: taken in at ``taken``, later steps ``steps`` days apart."""
        dates: dict[str, datetime | None] = {}
        names = [s for _, s in WIDE_STEPS[dept]]
        dates[names[0]] = taken
        t = taken.date()
        plan = steps if steps is not None else [(1, 7), (3, 20), (1, 5)]
        for name, gap in zip(names[1:], plan, strict=False):
            if gap is None:
                dates[name] = None
                continue
            t = self.day_after(t, *gap)
            dates[name] = datetime(t.year, t.month, t.day) if t <= END else None
            if dates[name] is None:
                break
        self.wide[dept].append({"no": self.ref(dept, "KS" if dept == KOSO else "GK"), "p": p,
                                "kind": kind, "dates": dates, "who": staff or self.staff(dept),
                                "who2": self.staff(dept), "data": data})  # fmt: skip

    def snap(self, dept: str, p: Person, **extra: str) -> dict:
        return {**self.copy(dept, p), **extra}

    # ----------------------------------------------------------- life events
    def move_in(self, members: list[Person], day: date) -> None:
        head = members[0]
        t = self.open_time(day)
        case = self.ref(SHIMIN, "J")
        t = self.counter(SHIMIN, case, head, t, [
            ("住民基本台帳法第27条による本人確認", 1, 4, "staff", ()),
            ("様式第1号（住民異動届）の記入", 4, 14, "届出人", ("addr", "hh")),
            ("法第22条届出の審査", 3, 10, "staff", ()),
        ])  # fmt: skip
        clerk = self.staff(SHIMIN)
        for m in members:
            t = self.emit(SHIMIN, case, m, "住民記録の更新", t, self.minutes(1, 4), clerk,
                          dict(self.update(SHIMIN, m, "addr", "hh"))) + timedelta(seconds=20)  # fmt: skip
        if self.rng.random() < 0.3:
            t = self.emit(SHIMIN, case, head, "印鑑登録申請書の受付", t, self.minutes(3, 8), "申請者",
                          dict(self.copy(SHIMIN, head)))  # fmt: skip
            t = self.emit(
                SHIMIN, case, head, "印鑑登録証の交付", t, self.minutes(2, 5), self.staff(SHIMIN)
            )
        if self.rng.random() < 0.25:
            t = self.emit(
                SHIMIN, case, head, "住民票の写し交付", t, self.minutes(2, 5), self.staff(SHIMIN)
            )
        t = self.emit(SHIMIN, case, head, alias(SHIMIN, "関係課へのご案内", self.rng), t,
                      self.minutes(2, 6), self.staff(SHIMIN)) + self.minutes(2, 5)  # fmt: skip
        visits = []
        if head.kokuho:
            visits.append(lambda t: self.kokuho_join(members, t, "様式第3号による資格取得届の受付"))
        kids = [c for c in head.children if c.age(day) < 18]
        if kids:
            visits.append(lambda t: self.child_allowance(head, kids, t, "児童手当認定請求"))
        for m in members:
            if m.age(day) >= 65:
                visits.append(lambda t, m=m: self.kaigo_move(m, t))
            if m.disab:
                visits.append(lambda t, m=m: self.shogai_move(m, t))
        school = [c for c in kids if 6 <= c.age(day) <= 15]
        if school:
            visits.append(lambda t: self.school_row(school, t, "転入学届"))
        self.rng.shuffle(visits)
        for visit in visits:
            t = visit(t)
        for m in members:
            if m.income:
                self.zei_key(m, day)
        if head.seiho:
            self.seiho_backoffice(members, day)

    def kokuho_join(self, members: list[Person], t: datetime, form: str) -> datetime:
        head = members[0]
        case = self.ref(KOKUHO, "K")
        steps = [
            ("お客様の本人確認を行う", 1, 3, "staff", ()),
            ("マイナンバーの確認を行う", 1, 3, "staff", ()),
            (form, 4, 12, "staff", ("addr", "hh", "phone")),
            ("住民記録の照会（世帯構成の確認）", 1, 4, "staff", ()),
        ]
        t = self.counter(KOKUHO, case, head, t, steps) - timedelta(minutes=3)
        for m in members:
            t = self.emit(KOKUHO, case, m, "国保宛名情報の入力", t, self.minutes(2, 6), self.staff(KOKUHO),
                          dict(self.update(KOKUHO, m, "addr", "hh"))) + timedelta(seconds=40)  # fmt: skip
        if self.rng.random() < 0.5:
            t = self.emit(KOKUHO, case, head, "口座振替依頼書をお預かりする", t, self.minutes(3, 7),
                          self.staff(KOKUHO), dict(self.update(KOKUHO, head, "account")))  # fmt: skip
        t = self.emit(KOKUHO, case, head, "被保険者証の交付", t, self.minutes(2, 5), self.staff(KOKUHO),
                      dict(self.copy(KOKUHO, head)))  # fmt: skip
        if self.rng.random() < 0.6:
            t = self.emit(KOKUHO, case, head, "他課手続きのご案内をする", t, self.minutes(1, 4),
                          self.staff(KOKUHO), dict(self.copy(KOKUHO, head)))  # fmt: skip
        later = self.day_after(t.date(), 1, 4)
        if later <= END:
            at = datetime(
                later.year, later.month, later.day, self.rng.randint(9, 16), self.rng.randint(0, 59)
            )
            self.emit(KOKUHO, case, head, "所得状況の照会（市民税課へ）", at, self.minutes(2, 6),
                      self.staff(KOKUHO), dict(self.copy(KOKUHO, head)))  # fmt: skip
            if head.income and self.rng.random() < 0.8:
                self.emit(ZEI, self.ref(ZEI, "Z"), head, "所得照会への回答", at + timedelta(hours=2),
                          self.minutes(3, 8), self.staff(ZEI), self.snap(ZEI, head))  # fmt: skip
        return t + self.minutes(2, 5)

    def child_allowance(
        self, parent: Person, kids: list[Person], t: datetime, kind: str
    ) -> datetime:
        t += self.minutes(1, 3)
        spouse = parent.spouse.name if parent.spouse else ""
        data = self.snap(KOSO, parent, child=kids[0].name, child_dob=fmt_dob(kids[0].dob, "slash"),
                         spouse=spouse)  # fmt: skip
        self.update(KOSO, parent, "addr", "account")
        data = {**data, **{k: self.copy(KOSO, parent)[k] for k in ("addr", "account")}}
        self.app(KOSO, parent, kind, t, data)
        if kind in ("児童手当認定請求", "児童手当額改定請求") and self.rng.random() < 0.7:
            self.app(KOSO, parent, "子ども医療費受給者証交付申請", t + self.minutes(5, 12), data,
                     [(0, 3), (2, 10), (1, 4)])  # fmt: skip
        return t + self.minutes(15, 35)

    def school_row(self, kids: list[Person], t: datetime, kind: str) -> datetime:
        for child in kids:
            guardian = child.head.name if child.head else ""
            data = {**dict(self.update(GAKUMU, child, "addr")), "guardian": guardian}
            self.app(GAKUMU, child, kind, t, data, [None, None, (0, 1)])
            t += self.minutes(4, 9)
        return t + self.minutes(8, 15)  # 学務課 is in the 教育委員会 building

    def kaigo_move(self, m: Person, t: datetime) -> datetime:
        case = m.pid
        t = self.counter(KAIGO, case, m, t, [
            ("申請者ご本人の確認", 1, 3, "staff", ()),
            ("個人番号の確認", 1, 2, "staff", ()),
            ("介護保険法第12条による届出の受付", 4, 10, "staff", ("addr", "phone")),
            ("住基情報の照会", 1, 3, "staff", ()),
            ("被保険者台帳への住所入力", 2, 6, "staff", ("addr",)),
            ("介護保険被保険者証の交付", 2, 4, "staff", ()),
            ("関連窓口のご案内", 1, 3, "staff", ()),
        ])  # fmt: skip
        return t

    def shogai_move(self, m: Person, t: datetime, moved_in: bool = True) -> datetime:
        case = self.ref(SHOGAI, "SG")
        steps = [
            ("来所者の身元確認", 1, 3, "staff", ()),
            ("個人番号カード等による番号確認", 1, 2, "staff", ()),
            ("身体障害者手帳居住地変更届の受付", 4, 10, "staff", ("addr", "phone")),
        ]
        if moved_in:
            steps.append(("住所確認（住基端末照会）", 1, 3, "staff", ()))
        steps.append(("手帳台帳の住所変更入力", 2, 6, "staff", ("addr",)))
        if moved_in and self.rng.random() < 0.4:
            steps.append(("給付費振込先口座の登録", 2, 6, "staff", ("account",)))
        if self.rng.random() < 0.5:
            steps.append(("他の窓口へのご案内", 1, 3, "staff", ()))
        return self.counter(SHOGAI, case, m, t, steps)

    def zei_key(self, m: Person, day: date) -> None:
        later = self.day_after(day, 2, 8)
        if later > END:
            return
        at = datetime(
            later.year, later.month, later.day, self.rng.randint(9, 16), self.rng.randint(0, 59)
        )
        self.emit(ZEI, self.ref(ZEI, "Z"), m, "課税台帳の宛名修正入力", at, self.minutes(2, 5),
                  self.staff(ZEI), dict(self.update(ZEI, m, "addr")))  # fmt: skip

    def seiho_backoffice(self, members: list[Person], day: date) -> None:
        later = self.day_after(day, 1, 5)
        if later > END:
            return
        at = datetime(later.year, later.month, later.day, 10, self.rng.randint(0, 59))
        case = self.ref(SEIHO, "SH")
        at = self.emit(SEIHO, case, members[0], "世帯状況の住基照会", at, self.minutes(2, 5),
                       self.staff(SEIHO), self.snap(SEIHO, members[0]))  # fmt: skip
        for m in members:
            at = self.emit(SEIHO, case, m, "ケース台帳への宛名登録", at, self.minutes(2, 5),
                           self.staff(SEIHO), dict(self.update(SEIHO, m, "addr", "hh")))  # fmt: skip

    def kaigo_backoffice(self, m: Person, day: date) -> None:
        later = self.day_after(day, 1, 6)
        if later > END:
            return
        at = datetime(
            later.year, later.month, later.day, self.rng.randint(9, 16), self.rng.randint(0, 59)
        )
        at = self.emit(KAIGO, m.pid, m, "住基情報の照会", at, self.minutes(1, 3), self.staff(KAIGO),
                       self.snap(KAIGO, m))  # fmt: skip
        self.emit(KAIGO, m.pid, m, "被保険者台帳への住所入力", at + timedelta(minutes=1),
                  self.minutes(2, 5), self.staff(KAIGO), dict(self.update(KAIGO, m, "addr")))  # fmt: skip

    def move_within(self, members: list[Person], day: date) -> None:
        head = members[0]
        new = self._addr()
        for m in members:
            m.addr = new
        t = self.open_time(day)
        case = self.ref(SHIMIN, "J")
        t = self.counter(SHIMIN, case, head, t, [
            ("住民基本台帳法第27条による本人確認", 1, 4, "staff", ()),
            ("様式第1号（住民異動届）の記入", 3, 10, "届出人", ("addr",)),
            ("法第23条届出の審査", 2, 8, "staff", ()),
        ])  # fmt: skip
        for m in members:
            t = self.emit(SHIMIN, case, m, "住民記録の更新", t, self.minutes(1, 3), self.staff(SHIMIN),
                          dict(self.update(SHIMIN, m, "addr"))) + timedelta(seconds=30)  # fmt: skip
        if self.rng.random() < 0.5:
            t = self.emit(
                SHIMIN, case, head, "関係課へのご案内", t, self.minutes(2, 5), self.staff(SHIMIN)
            )
        t += self.minutes(2, 5)
        if head.kokuho:
            kcase = self.ref(KOKUHO, "K")
            t = self.counter(
                KOKUHO, kcase, head, t, [("お客様の本人確認を行う", 1, 3, "staff", ())]
            )
            for m in members:
                t = self.emit(KOKUHO, kcase, m, "国保宛名情報の入力", t, self.minutes(2, 5),
                              self.staff(KOKUHO), dict(self.update(KOKUHO, m, "addr")))  # fmt: skip
            t = self.emit(KOKUHO, kcase, head, "被保険者証の交付", t, self.minutes(2, 4),
                          self.staff(KOKUHO), dict(self.copy(KOKUHO, head))) + self.minutes(2, 5)  # fmt: skip
        kids = [c for c in head.children if c.age(day) < 18]
        if kids and self.rng.random() < 0.75:
            t = self.child_allowance(head, kids, t, "児童手当住所変更届")
        school = [c for c in kids if 6 <= c.age(day) <= 15]
        if school:
            t = self.school_row(school, t, "学区内住所変更届")
        for m in members:
            if m.age(day) >= 65 and (m.care or self.rng.random() < 0.9):
                self.kaigo_backoffice(m, day)
            if m.disab and self.rng.random() < 0.6:
                later = self.day_after(day, 0, 40)
                if later <= END:
                    self.shogai_move(m, self.open_time(later), moved_in=False)
            if m.income:
                self.zei_key(m, day)
        if head.seiho:
            self.seiho_backoffice(members, day)

    def move_out(self, members: list[Person], day: date) -> None:
        head = members[0]
        t = self.open_time(day)
        case = self.ref(SHIMIN, "J")
        t = self.counter(SHIMIN, case, head, t, [
            ("住民基本台帳法第27条による本人確認", 1, 4, "staff", ()),
            ("様式第1号（住民異動届）の記入", 3, 9, "届出人", ()),
            ("法第24条届出の審査", 2, 6, "staff", ()),
        ])  # fmt: skip
        for m in members:
            t = self.emit(SHIMIN, case, m, "住民記録の更新", t, self.minutes(1, 3), self.staff(SHIMIN),
                          dict(self.copy(SHIMIN, m))) + timedelta(seconds=30)  # fmt: skip
        t += self.minutes(2, 5)
        if head.kokuho:
            kcase = self.ref(KOKUHO, "K")
            t = self.counter(KOKUHO, kcase, head, t, [
                ("お客様の本人確認を行う", 1, 3, "staff", ()),
                ("様式第4号による資格喪失届の受付", 3, 8, "staff", ()),
            ])  # fmt: skip
        kids = [c for c in head.children if c.age(day) < 18]
        if kids:
            self.child_allowance(head, kids, t, "児童手当受給事由消滅届")

    def birth(self, parent: Person, day: date) -> None:
        mother = parent.spouse if parent.spouse and parent.spouse.sex == "女" else parent
        child = self._person(parent.hh, parent.sur, self.rng.choice("男女"), day - timedelta(days=self.rng.randint(3, 13)),
                             parent.addr, "子")  # fmt: skip
        child.head = parent
        child.kokuho = parent.kokuho
        parent.children.append(child)
        t = self.open_time(day)
        case = self.ref(SHIMIN, "J")
        t = self.counter(SHIMIN, case, parent, t, [
            ("住民基本台帳法第27条による本人確認", 1, 3, "staff", ()),
            ("戸籍届書の受付", 5, 12, "届出人", ()),
            ("戸籍届書の受理審査", 4, 12, "staff", ()),
        ])  # fmt: skip
        t = self.emit(SHIMIN, case, child, "住民記録の更新", t, self.minutes(2, 5), self.staff(SHIMIN),
                      dict(self.update(SHIMIN, child, "addr", "hh")))  # fmt: skip
        t = self.emit(
            SHIMIN, case, parent, "関係課へのご案内", t, self.minutes(2, 5), self.staff(SHIMIN)
        )
        t += self.minutes(2, 5)
        if parent.kokuho:
            t = self.kokuho_join([parent, child], t, "様式第3号による資格取得届の受付")
        kids = [c for c in parent.children if c.age(day) < 18]
        t = self.child_allowance(
            parent, kids, t, "児童手当額改定請求" if len(kids) > 1 else "児童手当認定請求"
        )
        case = self.ref(KENKO, "B")
        t = self.emit(KENKO, case, mother, "出生連絡票の受付", t + self.minutes(1, 3), self.minutes(3, 8),
                      self.staff(KENKO), self.snap(KENKO, mother, spouse=parent.name if parent is not mother else ""))  # fmt: skip
        later = self.day_after(day, 14, 45)
        if later <= END:
            self.emit(KENKO, case, mother, "新生児訪問", datetime(later.year, later.month, later.day, 10, 30),
                      self.minutes(40, 90), self.staff(KENKO))  # fmt: skip

    def death(self, m: Person, day: date) -> None:
        kin = m.spouse or (m.head if m.head is not m and m.head else None)
        filer = kin.name if kin else f"{m.sur[0]}\u3000{self.rng.choice(MALE)[0]}"
        t = self.open_time(day)
        case = self.ref(SHIMIN, "J")
        proxy = self.rng.random() < 0.4
        t = self.counter(SHIMIN, case, m, t, [
            ("住民基本台帳法第27条による本人確認", 1, 3, "staff", ()),
            ("戸籍届書の受付", 4, 10, "葬祭業者" if proxy else "届出人", ()),
            ("戸籍届書の受理審査", 4, 10, "staff", ()),
            ("住民記録の更新", 1, 3, "staff", ()),
        ])  # fmt: skip
        later = self.day_after(day, 3, 20)
        if later > END:
            return
        t = self.open_time(later)
        if m.kokuho:
            kcase = self.ref(KOKUHO, "K")
            steps = [
                ("お客様の本人確認を行う", 1, 3, "staff", ()),
                ("様式第4号による資格喪失届の受付", 3, 8, "staff", ()),
                ("葬祭費支給申請の受付", 4, 9, "staff", ()),
                ("他課手続きのご案内をする", 2, 5, "staff", ()),
            ]
            t = self.counter(KOKUHO, kcase, m, t, steps)
            for row in self.rows[KOKUHO][-3:]:
                row["data"] = {**row["data"], "filer": filer}
        if m.age(day) >= 65:
            t = self.counter(KAIGO, m.pid, m, t, [
                ("申請者ご本人の確認", 1, 3, "staff", ()),
                ("介護保険法第12条による届出の受付", 3, 8, "staff", ()),
                ("関連窓口のご案内", 1, 3, "staff", ()),
            ])  # fmt: skip
        if m.disab:
            t = self.counter(SHOGAI, self.ref(SHOGAI, "SG"), m, t, [
                ("来所者の身元確認", 1, 3, "staff", ()),
                ("手帳返還届の受付", 2, 6, "staff", ("phone",)),
            ])  # fmt: skip
        if m.income:
            self.counter(ZEI, self.ref(ZEI, "Z"), m, t, [
                ("窓口での本人確認", 1, 3, "staff", ()),
                ("相続人代表者指定届の受付", 4, 10, "staff", ("addr",)),
            ])  # fmt: skip

    # ----------------------------------------------------------- routine work
    def routine(self) -> None:
        r = self.rng
        adults = [p for p in self.people if p.age(START) >= 18]
        for _ in range(len(self.people) // 3):  # 住民票の写し
            p = r.choice(adults)
            self.counter(SHIMIN, self.ref(SHIMIN, "J"), p, self.open_time(self.weighted_day()), [
                ("住民基本台帳法第27条による本人確認", 1, 3, "staff", ()),
                ("住民票の写し交付", 2, 6, "staff", ()),
            ])  # fmt: skip
        for _ in range(len(self.people) // 40):  # 印鑑登録
            p = r.choice(adults)
            self.counter(SHIMIN, self.ref(SHIMIN, "J"), p, self.open_time(self.weighted_day()), [
                ("住民基本台帳法第27条による本人確認", 1, 3, "staff", ()),
                ("印鑑登録申請書の受付", 3, 8, "申請者", ("addr",)),
                ("印鑑登録証の交付", 2, 5, "staff", ()),
            ])  # fmt: skip
        earners = [p for p in adults if p.income]
        season = [d for d in self.days if date(2026, 2, 16) <= d <= date(2026, 3, 16)]
        for p in r.sample(earners, len(earners) // 6):  # 申告
            extra = {"employer_tel": p.employer_tel}
            self.counter(ZEI, self.ref(ZEI, "Z"), p, self.open_time(r.choice(season)), [
                ("窓口での本人確認", 1, 3, "staff", ()),
                ("番号法第16条による番号確認", 1, 2, "staff", ()),
                ("市民税・県民税申告書の受付（様式第12号）", 8, 25, "staff", ("addr", "phone")),
            ])  # fmt: skip
            self.rows[ZEI][-1]["data"] = {**self.rows[ZEI][-1]["data"], **extra}
        for _ in range(len(self.people) // 10):  # 課税証明
            p = r.choice(earners)
            self.counter(ZEI, self.ref(ZEI, "Z"), p, self.open_time(self.weighted_day()), [
                ("窓口での本人確認", 1, 3, "staff", ()),
                ("課税（所得）証明書の交付", 2, 5, "staff", ()),
            ])  # fmt: skip
        for _ in range(len(self.people) // 35):  # 口座振替
            p = r.choice(earners)
            self.counter(ZEI, self.ref(ZEI, "Z"), p, self.open_time(self.weighted_day()), [
                ("窓口での本人確認", 1, 3, "staff", ()),
                ("口座振替申込の登録", 3, 8, "staff", ("account",)),
            ])  # fmt: skip
        self.kokuho_routine(adults)
        self.kaigo_routine()
        self.shogai_routine()
        self.seiho_routine()
        self.school_aid()
        self.pregnancies()

    def kokuho_routine(self, adults: list[Person]) -> None:
        r = self.rng
        retiring = [
            p for p in adults if not p.kokuho and 60 <= p.age(START) < 75 and p.relation == "世帯主"
        ]
        for p in r.sample(retiring, min(len(retiring), len(self.people) // 30)):
            p.kokuho = True
            self.kokuho_join(
                [p], self.open_time(self.weighted_day()), "様式第3号による資格取得届の受付"
            )
        leaving = [p for p in adults if p.kokuho and p.age(START) < 60]
        for p in r.sample(leaving, min(len(leaving), len(self.people) // 60)):
            self.counter(KOKUHO, self.ref(KOKUHO, "K"), p, self.open_time(self.weighted_day()), [
                ("お客様の本人確認を行う", 1, 3, "staff", ()),
                ("様式第4号による資格喪失届の受付", 3, 8, "staff", ()),
            ])  # fmt: skip
        for p in [p for p in self.people if p.kokuho and p.relation == "世帯主"]:  # July batch
            at = datetime(2025, 7, 14, 19, 0) + timedelta(seconds=r.randint(0, 5400))
            self.emit(KOKUHO, self.ref(KOKUHO, "K"), p, "国保税額決定通知書の発送", at, None, "一括処理",
                      dict(self.copy(KOKUHO, p)))  # fmt: skip
        for p in [p for p in adults if p.income]:  # June batch
            at = datetime(2025, 6, 9, 20, 0) + timedelta(seconds=r.randint(0, 7200))
            self.emit(ZEI, self.ref(ZEI, "Z"), p, "税額決定通知書の発送", at, None, "バッチ",
                      self.snap(ZEI, p))  # fmt: skip

    def kaigo_routine(self) -> None:
        r = self.rng
        elderly = [p for p in self.people if p.age(START) >= 65]
        for p in elderly:  # 保険料: July batch, income checked first
            at = datetime(2025, 7, 1, 9, 0) + timedelta(minutes=r.randint(0, 400))
            if r.random() < 0.3:
                self.emit(KAIGO, p.pid, p, "課税状況の確認", at, self.minutes(1, 3), self.staff(KAIGO),
                          self.snap(KAIGO, p))  # fmt: skip
            self.emit(KAIGO, p.pid, p, "介護保険料決定通知書の発送", datetime(2025, 7, 15, 19, 30)
                      + timedelta(seconds=r.randint(0, 3600)), None, "一括処理", self.snap(KAIGO, p))  # fmt: skip
        for p in r.sample(elderly, len(elderly) // 14):  # 要介護認定
            day = self.weighted_day()
            extra = {}
            if r.random() < 0.12:
                extra = {
                    "facility": f"北浦市{r.choice(TOWNS)}{r.randint(1, 5)}丁目{r.randint(1, 30)}番{r.randint(1, 20)}号 {r.choice(FACILITIES)}"
                }
            if p.spouse and r.random() < 0.7:
                extra["carer_tel"] = p.spouse.mobile or self._phone(True)
            else:
                extra["carer_tel"] = self._phone(True)
            steps = [
                ("申請者ご本人の確認", 1, 3, "staff", ()),
                ("個人番号の確認", 1, 2, "staff", ()),
                ("要介護認定申請書の受付", 5, 14, "staff", ("phone",)),
                ("住基情報の照会", 1, 3, "staff", ()),
            ]
            if "facility" in extra:
                steps.append(("住所地特例の確認", 3, 8, "staff", ()))
            self.counter(KAIGO, p.pid, p, self.open_time(day), steps)
            for row in self.rows[KAIGO][-len(steps) :]:
                row["data"] = {**row["data"], **extra}
            t = day
            for label, gap, lo, hi in (("認定調査（訪問）", (7, 20), 40, 80), ("介護認定審査会", (15, 25), 3, 6),
                                       ("認定結果通知の発送", (1, 3), 0, 0), ("介護保険被保険者証の交付", (0, 0), 1, 2)):  # fmt: skip
                t = self.day_after(t, *gap)
                if t > END:
                    break
                at = datetime(t.year, t.month, t.day, r.randint(9, 15), r.randint(0, 59))
                who = "システム" if lo == 0 else self.staff(KAIGO)
                self.emit(KAIGO, p.pid, p, label, at, self.minutes(lo, hi) if hi else None, who,
                          self.snap(KAIGO, p, **extra))  # fmt: skip
            p.care = True
        for p in r.sample([p for p in elderly if p.care], len(elderly) // 25):
            self.counter(KAIGO, p.pid, p, self.open_time(self.weighted_day()), [
                ("申請者ご本人の確認", 1, 3, "staff", ()),
                ("高額介護サービス費振込口座の登録", 3, 7, "staff", ("account",)),
            ])  # fmt: skip

    def shogai_routine(self) -> None:
        r = self.rng
        disabled = [p for p in self.people if p.disab and p.age(START) >= 18]
        for p in r.sample(disabled, len(disabled) // 5):  # new 手帳
            day = self.weighted_day()
            case = self.ref(SHOGAI, "SG")
            self.counter(SHOGAI, case, p, self.open_time(day), [
                ("来所者の身元確認", 1, 3, "staff", ()),
                ("個人番号カード等による番号確認", 1, 2, "staff", ()),
                ("身体障害者手帳交付申請書の受付", 5, 12, "staff", ("addr", "phone")),
                ("住所確認（住基端末照会）", 1, 3, "staff", ()),
                ("他の窓口へのご案内", 1, 3, "staff", ()),
            ])  # fmt: skip
            self.rows[SHOGAI][-3]["data"]["emerg_tel"] = self._phone(True)
            t = self.day_after(day, 10, 30)
            if t <= END:
                self.emit(SHOGAI, case, p, "手帳交付の審査", datetime(t.year, t.month, t.day, 14, r.randint(0, 59)),
                          self.minutes(5, 15), self.staff(SHOGAI))  # fmt: skip
            t = self.day_after(t, 20, 40)
            if t <= END:
                self.counter(SHOGAI, case, p, self.open_time(t), [
                    ("来所者の身元確認", 1, 3, "staff", ()),
                    ("身体障害者手帳の交付", 3, 8, "staff", ()),
                ])  # fmt: skip
        for p in r.sample(disabled, len(disabled) // 3):  # 自立支援・給付
            day = self.weighted_day()
            case = self.ref(SHOGAI, "SG")
            at = datetime(day.year, day.month, day.day, r.randint(9, 15), r.randint(0, 59))
            self.emit(SHOGAI, case, p, "世帯の所得照会", at, self.minutes(2, 5), self.staff(SHOGAI),
                      self.snap(SHOGAI, p))  # fmt: skip
            if r.random() < 0.5:
                self.counter(SHOGAI, case, p, self.open_time(self.day_after(day, 3, 10)), [
                    ("来所者の身元確認", 1, 3, "staff", ()),
                    ("給付費振込先口座の登録", 2, 6, "staff", ("account",)),
                ])  # fmt: skip

    def seiho_routine(self) -> None:
        r = self.rng
        heads = [h[0] for h in self.households if h[0].seiho]
        for head in r.sample(heads, max(1, len(heads) // 4)):  # new applications
            day = self.weighted_day()
            case = self.ref(SEIHO, "SH")
            supporter = f"{head.sur[0]}\u3000{r.choice(MALE)[0]}"
            t = self.open_time(day)
            for label, lo, hi, fields in (("面接相談の受付", 20, 60, ()), ("面談時の本人確認", 1, 3, ()),
                                          ("保護申請書の受付", 10, 25, ("addr", "hh"))):  # fmt: skip
                t = self.emit(SEIHO, case, head, label, t, self.minutes(lo, hi), self.staff(SEIHO),
                              {**self.update(SEIHO, head, *fields), "supporter": supporter})  # fmt: skip
            d = day
            for label, gap, lo, hi, fields in (
                ("世帯状況の住基照会", (1, 2), 2, 5, ()), ("収入・課税状況の調査", (1, 4), 5, 15, ()),
                ("家庭訪問", (2, 6), 30, 70, ()), ("保護の要否判定", (5, 10), 10, 30, ()),
                ("保護開始の決定", (0, 0), 5, 10, ()), ("ケース台帳への宛名登録", (0, 1), 3, 8, ("addr", "hh")),
                ("保護費振込口座の登録", (0, 2), 3, 6, ("account",)), ("保護決定通知書の送付", (0, 1), 0, 0, ()),
            ):  # fmt: skip
                d = self.day_after(d, *gap)
                if d > END:
                    break
                at = datetime(d.year, d.month, d.day, r.randint(9, 16), r.randint(0, 59))
                self.emit(SEIHO, case, head, label, at, self.minutes(lo, hi) if hi else None,
                          self.staff(SEIHO), dict(self.update(SEIHO, head, *fields)))  # fmt: skip
        for head in heads:  # quarterly visits
            case = self.ref(SEIHO, "SH")
            for quarter in range(4):
                day = self.day_after(START + timedelta(days=91 * quarter), 5, 80)
                if day <= END:
                    at = datetime(day.year, day.month, day.day, r.randint(9, 15), r.randint(0, 59))
                    self.emit(SEIHO, case, head, "家庭訪問", at, self.minutes(30, 60), self.staff(SEIHO),
                              self.snap(SEIHO, head))  # fmt: skip

    def school_aid(self) -> None:
        r = self.rng
        pupils = [p for p in self.people if 6 <= p.age(START) <= 15]
        april = [d for d in self.days if date(2025, 4, 7) <= d <= date(2025, 5, 30)]
        for child in r.sample(pupils, len(pupils) // 10):
            t = self.open_time(r.choice(april))
            guardian = child.head.name if child.head else ""
            data = {**dict(self.update(GAKUMU, child, "addr")), "guardian": guardian}
            self.app(GAKUMU, child, "就学援助費受給申請", t, data, [(5, 20), (10, 30), (1, 3)])

    def pregnancies(self) -> None:
        r = self.rng
        women = [
            p
            for p in self.people
            if p.sex == "女" and 20 <= p.age(START) <= 42 and p.relation != "子"
        ]
        for p in r.sample(women, len(women) // 14):
            day = self.weighted_day()
            case = self.ref(KENKO, "B")
            t = self.open_time(day)
            spouse = p.spouse.name if p.spouse else ""
            for label, lo, hi, fields in (("妊婦ご本人様の確認", 1, 3, ()), ("マイナンバーカードの確認", 1, 2, ()),
                                          ("妊娠届出書の受付（母子保健法第15条）", 5, 12, ("addr", "phone")),
                                          ("母子健康手帳の交付", 10, 25, ())):  # fmt: skip
                data = {**self.update(KENKO, p, *fields), "spouse": spouse} if fields else None
                t = self.emit(
                    KENKO, case, p, label, t, self.minutes(lo, hi), self.staff(KENKO), data
                )
            later = self.day_after(day, 0, 2)
            if later <= END:
                self.emit(KENKO, case, p, "母子台帳への登録", datetime(later.year, later.month, later.day, 16, r.randint(0, 50)),
                          self.minutes(3, 8), self.staff(KENKO), self.snap(KENKO, p))  # fmt: skip

    # ----------------------------------------------------------- the year
    def run(self) -> None:
        r = self.rng
        n = len(self.households)
        order = list(range(n))
        r.shuffle(order)
        plan: list[tuple[date, str, object]] = []
        cut = [int(n * x) for x in (0.05, 0.08, 0.11)]
        for i in order[: cut[0]]:
            plan.append((self.weighted_day(peak=True), "in", self.households[i]))
        for i in order[cut[0] : cut[1]]:
            plan.append((self.weighted_day(peak=True), "within", self.households[i]))
        for i in order[cut[1] : cut[2]]:
            plan.append((self.weighted_day(peak=True), "out", self.households[i]))
        young = [h[0] for h in self.households if h[0].spouse and 22 <= h[0].age(START) <= 42]
        for head in r.sample(young, min(len(young), len(self.people) // 120)):
            plan.append((self.weighted_day(), "birth", head))
        old = [p for p in self.people if p.age(START) >= 60]
        weights = [p.age(START) - 55 for p in old]
        dead = {p.pid: p for p in r.choices(old, weights, k=len(self.people) // 90)}
        for p in dead.values():
            plan.append((self.weighted_day(), "death", p))
        plan.sort(key=lambda x: (x[0], x[1]))
        self.routine()
        for day, kind, who in plan:
            {"in": self.move_in, "within": self.move_within, "out": self.move_out,
             "birth": self.birth, "death": self.death}[kind](who, day)  # fmt: skip


# ---------------------------------------------------------------------------- writers
def ts_slash(t: datetime) -> str:
    return t.strftime("%Y/%m/%d %H:%M:%S")


def ts_iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S")


def ts_wareki(t: datetime) -> str:
    return f"令和{t.year - 2018}年{t.month}月{t.day}日 {t.hour}時{t.minute:02d}分"


def ts_short(t: datetime) -> str:
    return f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}"


def ts_space(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M")


def money(n: int, comma: bool) -> str:
    return f"{n:,}" if comma else str(n)


# per department: headers of case, person, household, activity, start, end, clerk; data columns
# as (header, key, style); timestamp format; encoding
SCHEMA: dict[str, dict] = {
    SHIMIN: {"case": "受付番号", "person": "宛名番号", "hh": "世帯番号", "label": "処理内容",
             "start": "処理日時", "end": "終了日時", "who": "担当者", "ts": ts_slash, "enc": "cp932",
             "data": [("氏名", "name", ""), ("氏名カナ", "kana", ""), ("生年月日", "dob", "slash"),
                      ("性別", "sex", ""), ("住所", "addr", "juki"), ("世帯主氏名", "head", "")]},
    KOKUHO: {"case": "処理番号", "person": "宛名番号", "hh": "世帯番号", "label": "業務内容",
             "start": "処理開始", "end": "処理終了", "who": "担当", "ts": ts_iso, "enc": "utf-8-sig",
             "data": [("被保険者氏名", "name", ""), ("カナ氏名", "kana", ""), ("生年月日", "dob", "wareki"),
                      ("性別", "sex", ""), ("住所", "addr", "juki"), ("世帯主氏名", "head", ""),
                      ("連絡先電話", "phone", ""), ("振替口座", "account", "space"),
                      ("前年所得", "income", "plain"), ("届出人氏名", "filer", "")]},
    ZEI: {"case": "受付No", "person": "宛名番号", "label": "処理区分", "start": "処理日時",
          "end": "終了日時", "who": "担当者", "ts": ts_wareki, "enc": "cp932",
          "data": [("納税義務者氏名", "name", ""), ("生年月日", "dob", "compact"),
                   ("住所", "addr", "hyphen"), ("電話番号", "phone", ""), ("勤務先電話", "employer_tel", ""),
                   ("口座", "account", "slash"), ("総所得金額", "income", "comma")]},
    KAIGO: {"case": None, "person": "宛名番号", "label": "処理", "start": "日時", "end": None,
            "who": "担当者", "ts": ts_space, "enc": "utf-8",
            "data": [("被保険者名", "name", ""), ("フリガナ", "kana", ""), ("生年月日", "dob", "wareki"),
                     ("性別", "sex", ""), ("住所", "addr", "kanji"), ("電話", "phone", ""),
                     ("振込口座", "account", "space"), ("合計所得金額", "income", "comma"),
                     ("入所施設住所", "facility", ""), ("主介護者電話", "carer_tel", "")]},
    SHOGAI: {"case": "ケース番号", "person": "住民番号", "label": "手続名", "start": "受付日時",
             "end": "完了日時", "who": "対応職員", "ts": ts_short, "enc": "utf-8",
             "data": [("手帳所持者氏名", "name", ""), ("ふりがな", "kana", "hira"),
                      ("生年月日", "dob", "wareki"), ("現住所", "addr", "wide"), ("電話番号", "phone", ""),
                      ("緊急連絡先電話", "emerg_tel", ""), ("振込先口座", "account", "slash")]},
    SEIHO: {"case": "記録番号", "person": "宛名番号", "hh": "世帯番号", "label": "事務",
            "start": "日時", "end": None, "who": "担当", "ts": ts_slash, "enc": "utf-8-sig",
            "data": [("対象者氏名", "name", ""), ("生年月日", "dob", "iso"), ("居住地", "addr", "short"),
                     ("世帯主名", "head", ""), ("扶養義務者氏名", "supporter", ""),
                     ("振込口座", "account", "space")]},
    KENKO: {"case": "管理番号", "person": "宛名番号", "label": "対応内容", "start": "開始日時",
            "end": "終了日時", "who": "対応者", "ts": ts_iso, "enc": "utf-8",
            "data": [("妊婦氏名", "name", ""), ("生年月日", "dob", "slash"), ("住所", "addr", "juki"),
                     ("連絡先", "phone", ""), ("配偶者氏名", "spouse", "")]},
}  # fmt: skip
WIDE_SCHEMA: dict[str, dict] = {
    KOSO: {"no": "申請番号", "person": "宛名番号", "kind": "申請種別", "who": "受付担当", "who2": "審査担当",
           "enc": "utf-8-sig",
           "data": [("請求者氏名", "name", ""), ("請求者カナ", "kana", ""), ("請求者生年月日", "dob", "slash"),
                    ("住所", "addr", "juki"), ("電話番号", "phone", ""), ("振込口座", "account", "space"),
                    ("所得額", "income", "plain"), ("配偶者氏名", "spouse", ""), ("児童氏名", "child", ""),
                    ("児童生年月日", "child_dob", "")]},
    GAKUMU: {"no": "申請番号", "person": "児童宛名番号", "kind": "申請区分", "who": "受付者", "who2": None,
             "enc": "utf-8",
             "data": [("児童生徒氏名", "name", ""), ("児童生徒カナ", "kana", ""), ("生年月日", "dob", "wareki"),
                      ("住所", "addr", "hyphen"), ("保護者氏名", "guardian", "")]},
}  # fmt: skip
HIRA = str.maketrans({chr(k): chr(k - 0x60) for k in range(0x30A1, 0x30F7)})


def render(key: str, style: str, value: object) -> str:
    """One data value as the department's system writes it."""
    if value is None or value == "":
        return ""
    if key == "dob":
        return fmt_dob(value, style)  # type: ignore[arg-type]
    if key == "addr":
        return fmt_addr(value, style)  # type: ignore[arg-type]
    if key == "account":
        return fmt_account(value, style)  # type: ignore[arg-type]
    if key == "income":
        return money(int(value), style == "comma")  # type: ignore[call-overload]
    if style == "hira":
        return str(value).translate(HIRA)
    return str(value)


def write_city(city: Kitaura, out: Path) -> int:
    folder = out / "city"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*"):
        old.unlink()
    total = 0
    for dept, schema in SCHEMA.items():
        header = [h for h in (schema["case"], schema["person"], schema.get("hh"), schema["label"],
                              schema["start"], schema["end"], schema["who"]) if h]  # fmt: skip
        header += [h for h, _, _ in schema["data"]]
        rows = sorted(
            city.rows[dept], key=lambda e: (e["start"], e["case"], e["p"].pid, e["label"])
        )
        with open(
            folder / FILES[dept], "w", encoding=schema["enc"], newline="", errors="strict"
        ) as f:
            w = csv.writer(f)
            w.writerow(header)
            for e in rows:
                line = []
                if schema["case"]:
                    line.append(e["case"])
                line.append(e["p"].pid)
                if schema.get("hh"):
                    line.append(e["data"].get("hh", e["p"].hh) if e["data"] else e["p"].hh)
                line += [e["label"], schema["ts"](e["start"])]
                if schema["end"]:
                    line.append(schema["ts"](e["end"]) if e["end"] else "")
                line.append(e["who"])
                line += [render(k, s, e["data"].get(k)) for _, k, s in schema["data"]]
                w.writerow(line)
                total += 1
    for dept, schema in WIDE_SCHEMA.items():
        steps = WIDE_STEPS[dept]
        header = [schema["no"], schema["person"], schema["kind"]]
        for i, (col, _) in enumerate(steps):
            header.append(col)
            if i == 0:
                header.append(schema["who"])
            if i == 1 and schema["who2"]:
                header.append(schema["who2"])
        header += [h for h, _, _ in schema["data"]]
        with open(folder / FILES[dept], "w", encoding=schema["enc"], newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            for a in sorted(city.wide[dept], key=lambda a: (a["dates"][steps[0][1]], a["no"])):
                line = [a["no"], a["p"].pid, a["kind"]]
                for i, (_, step) in enumerate(steps):
                    when = a["dates"].get(step)
                    line.append(
                        ""
                        if when is None
                        else (
                            when.strftime("%Y/%m/%d %H:%M") if i == 0 else when.strftime("%Y/%m/%d")
                        )
                    )
                    if i == 0:
                        line.append(a["who"])
                    if i == 1 and schema["who2"]:
                        line.append(a["who2"] if when else "")
                    total += when is not None
                line += [render(k, s, a["data"].get(k)) for _, k, s in schema["data"]]
                w.writerow(line)
    toml = ["# vendor file names: the departments are named here", ""]
    for dept, name in FILES.items():
        toml += [f'[files."{name}"]', f'department = "{dept}"', ""]
    (folder / "procmine.toml").write_text("\n".join(toml), encoding="utf-8")
    return total


def write_truth(out: Path) -> None:
    folder = out / "truth"
    folder.mkdir(parents=True, exist_ok=True)

    def table(name: str, header: list[str], rows: list[tuple]) -> None:
        with open(folder / name, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)

    table("duplicates.csv", ["cluster", "department", "activity"], TRUTH)
    table("negatives.csv", ["group", "department", "activity"], NEGATIVES)
    aliases = [(d, v, a) for d, labels in ALIASES.items() for a, vs in labels.items() for v in vs]
    for dept, steps in WIDE_STEPS.items():
        aliases += [(dept, col, step) for col, step in steps]
        aliases += [(dept, kind, steps[0][1]) for kind in WIDE_TYPES[dept]]
    table("aliases.csv", ["department", "alias", "activity"], aliases)
    table("silos.csv", ["field", "department", "column"],
          [(f, d, c) for f, cols in SILOS.items() for d, c in cols.items()])  # fmt: skip
    table("decoys.csv", ["department", "column"], DECOYS)


def make(out: Path, seed: int = 7, residents: int = 5000) -> str:
    """Write 北浦市 into ``out``; return a one-line summary."""
    city = Kitaura(seed, residents)
    city.run()
    events = write_city(city, out)
    write_truth(out)
    return f"{len(city.people):,} residents, {len(DEPTS)} exports, {events:,} events (seed {seed})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--residents", type=int, default=5000)
    args = parser.parse_args()
    print(make(args.out, args.seed, args.residents))


if __name__ == "__main__":
    main()
