"""ひばりが丘市: a held-out town whose legacy systems include two mainframe exports.

Usage::

    .venv/bin/python benchmarks/hibarigaoka_city.py OUT [--seed 7] [--residents 3000]

Writes ``OUT/city/`` (eight department exports and a ``procmine.toml``), ``OUT/layouts/``
(the record layouts of the two mainframe files, which a human analyst would have and procmine
is not told about) and ``OUT/truth/`` (``duplicates.csv``, ``negatives.csv``, ``silos.csv``,
``decoys.csv``). Deterministic for a seed; about 3,000 residents over fiscal year 令和7
(2025-04-01 to 2026-03-31).

Written by an outside reviewer on 2026-11-28 as a held-out set, without reading procmine's
source, its sample generator, ``sample_logs/``, ``tests/`` or the other towns' generators; the
truth was fixed before procmine was run on the town. What makes it different:

* 課税課 (``KZ0100.csv``) and 国民健康保険課 (``KH0200.csv``) are mainframe extracts whose data
  columns are positional codes (``F01`` …, ``ITEM_01`` …): silo grouping has to rely on the
  values the same resident has in other systems, not on headers. Their role columns are mapped
  in ``procmine.toml``, as a user would after reading the layout.
* 国民健康保険課 writes half-width katakana without small kana (ｼﾖﾄｸ for ショトク), both its
  activity labels and its residents' names (no kanji name at all), in Shift_JIS.
* Activity vocabulary: long formal labels (「…に係る…の受理」), katakana loanwords (エントリー,
  チェック, オペレーター), abbreviations (本確, 住変, 資取), with hard negatives that share words
  but not work (住所変更の受付 / 送付先変更の受付, 口座登録 / 口座振替依頼書の送付).
* Silos with address notation variants (丁目番号 / hyphens / full width / kanji numerals /
  ヶ・ケ / with or without the city name and 方書), stale addresses after 転居, variant kanji
  (髙 / 高), home vs mobile phones, second bank accounts, incomes of the previous year, and decoy
  columns (a tax notice's mailing address, a child's name and birth date, a nursery's and a care
  home's address, an employer's name and phone, a relative's phone, a water-bill payer, a school).
"""

from __future__ import annotations

import argparse
import csv
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import ClassVar

START = date(2025, 4, 1)
END = date(2026, 3, 31)
CITY = "ひばりが丘市"

# --------------------------------------------------------------------------- vocabulary

SURNAMES = [
    ("佐藤", "サトウ", None),
    ("鈴木", "スズキ", None),
    ("田中", "タナカ", None),
    ("伊藤", "イトウ", None),
    ("小林", "コバヤシ", None),
    ("加藤", "カトウ", None),
    ("吉田", "ヨシダ", None),
    ("山口", "ヤマグチ", None),
    ("松本", "マツモト", None),
    ("井上", "イノウエ", None),
    ("木村", "キムラ", None),
    ("清水", "シミズ", None),
    ("中島", "ナカジマ", None),
    ("石川", "イシカワ", None),
    ("前田", "マエダ", None),
    ("藤原", "フジワラ", None),
    ("岡田", "オカダ", None),
    ("後藤", "ゴトウ", None),
    ("長谷川", "ハセガワ", None),
    ("村上", "ムラカミ", None),
    ("近藤", "コンドウ", None),
    ("坂本", "サカモト", None),
    ("遠藤", "エンドウ", None),
    ("青木", "アオキ", None),
    ("西村", "ニシムラ", None),
    ("福田", "フクダ", None),
    ("太田", "オオタ", None),
    ("三浦", "ミウラ", None),
    ("藤井", "フジイ", None),
    ("岡本", "オカモト", None),
    ("松田", "マツダ", None),
    ("中川", "ナカガワ", None),
    ("原田", "ハラダ", None),
    ("小川", "オガワ", None),
    ("竹内", "タケウチ", None),
    ("金子", "カネコ", None),
    ("和田", "ワダ", None),
    ("中山", "ナカヤマ", None),
    ("石田", "イシダ", None),
    ("上田", "ウエダ", None),
    ("森田", "モリタ", None),
    ("小島", "コジマ", None),
    ("柴田", "シバタ", None),
    ("宮崎", "ミヤザキ", None),
    ("酒井", "サカイ", None),
    ("工藤", "クドウ", None),
    ("横山", "ヨコヤマ", None),
    ("宮本", "ミヤモト", None),
    ("内田", "ウチダ", None),
    ("高木", "タカギ", None),
    ("安藤", "アンドウ", None),
    ("島田", "シマダ", None),
    ("谷口", "タニグチ", None),
    ("大野", "オオノ", None),
    ("丸山", "マルヤマ", None),
    ("今井", "イマイ", None),
    ("河野", "コウノ", None),
    ("藤田", "フジタ", None),
    ("小野", "オノ", None),
    ("須藤", "スドウ", None),
    # official spelling with a variant character, and its common simplified form
    ("髙橋", "タカハシ", "高橋"),
    ("齋藤", "サイトウ", "斉藤"),
    ("渡邉", "ワタナベ", "渡辺"),
    ("山﨑", "ヤマザキ", "山崎"),
    ("濱田", "ハマダ", "浜田"),
    ("吉澤", "ヨシザワ", "吉沢"),
]
GIVEN_F = [
    ("陽子", "ヨウコ"),
    ("恵子", "ケイコ"),
    ("美穂", "ミホ"),
    ("由美", "ユミ"),
    ("千尋", "チヒロ"),
    ("彩花", "アヤカ"),
    ("京子", "キョウコ"),
    ("莉子", "リコ"),
    ("結衣", "ユイ"),
    ("直美", "ナオミ"),
    ("久美子", "クミコ"),
    ("麻衣", "マイ"),
    ("翔子", "ショウコ"),
    ("真由美", "マユミ"),
    ("智子", "トモコ"),
    ("涼子", "リョウコ"),
    ("花", "ハナ"),
    ("葵", "アオイ"),
    ("優奈", "ユウナ"),
    ("幸子", "サチコ"),
    ("順子", "ジュンコ"),
    ("紗希", "サキ"),
    ("里美", "サトミ"),
    ("茜", "アカネ"),
]
GIVEN_M = [
    ("健一", "ケンイチ"),
    ("誠", "マコト"),
    ("大輔", "ダイスケ"),
    ("翔太", "ショウタ"),
    ("直樹", "ナオキ"),
    ("隆", "タカシ"),
    ("修", "オサム"),
    ("亮", "リョウ"),
    ("拓也", "タクヤ"),
    ("浩二", "コウジ"),
    ("悠斗", "ユウト"),
    ("蓮", "レン"),
    ("陽翔", "ハルト"),
    ("勇気", "ユウキ"),
    ("正雄", "マサオ"),
    ("茂", "シゲル"),
    ("博之", "ヒロユキ"),
    ("秀樹", "ヒデキ"),
    ("俊介", "シュンスケ"),
    ("康弘", "ヤスヒロ"),
    ("潤", "ジュン"),
    ("龍之介", "リュウノスケ"),
    ("駿", "シュン"),
    ("恭平", "キョウヘイ"),
]
TOWNS = [
    ("若葉台", 4),
    ("緑ヶ丘", 3),
    ("旭町", 3),
    ("東雲", 2),
    ("桜木町", 4),
    ("北野", 3),
    ("中央", 5),
    ("梅ヶ丘", 3),
    ("本郷", 2),
    ("南平", 4),
]
BUILDINGS = ["ひばりハイツ", "コーポ若葉", "グランメゾン旭", "サンライズ東雲", "メゾン桜木"]
BANKS = [
    ("ひばり信用金庫", "1234"),
    ("武蔵野中央銀行", "0512"),
    ("みなみ銀行", "0156"),
    ("東都銀行", "0138"),
    ("ゆうちょ銀行", "9900"),
]
BRANCHES = [("本店", "001"), ("駅前", "012"), ("若葉台", "023"), ("旭町", "031"), ("北野", "045")]
OUTSIDE = [
    "東京都練馬区豊玉北2-13-1",
    "神奈川県相模原市中央区中央3-12-3",
    "千葉県松戸市根本387-5",
    "埼玉県所沢市並木1-1-1",
    "東京都八王子市元本郷町3-24-1",
    "大阪府堺市堺区南瓦町3-1",
]
NURSERIES = [("ひばり保育園", "若葉台2丁目4番1号"), ("わかば保育園", "旭町1丁目8番3号"),
             ("さくら木保育所", "桜木町3丁目2番10号"), ("北野こども園", "北野2丁目15番2号")]  # fmt: skip
CARE_HOMES = [("特別養護老人ホームひばり苑", "南平4丁目1番1号"),
              ("介護老人保健施設あさひ", "旭町3丁目20番5号"),
              ("グループホーム東雲", "東雲1丁目7番9号")]  # fmt: skip
SCHOOLS = [("ひばりが丘市立第一小学校", "中央1丁目3番1号"), ("ひばりが丘市立若葉台小学校", "若葉台3丁目1番1号"),
           ("ひばりが丘市立北野中学校", "北野1丁目9番1号"), ("ひばりが丘市立旭中学校", "旭町2丁目2番2号")]  # fmt: skip
EMPLOYERS = [
    ("株式会社ひばり精機", "042-555-0101"),
    ("武蔵野運輸株式会社", "042-555-0233"),
    ("有限会社東雲商店", "042-556-1180"),
    ("ひばりが丘市農業協同組合", "042-557-2001"),
    ("医療法人若葉会", "042-558-3300"),
    ("株式会社サンライズ物流", "042-559-4410"),
]
LANDLORDS = ["株式会社ひばり不動産", "有限会社旭管理", "若葉台住宅管理組合"]

KANJI_DIGITS = "〇一二三四五六七八九"

# --------------------------------------------------------------------------- text helpers


def _build_halfwidth() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in range(0xFF61, 0xFFA0):
        half = chr(code)
        table.setdefault(unicodedata.normalize("NFKC", half), half)
        for mark in ("\uff9e", "\uff9f"):
            combined = unicodedata.normalize("NFKC", half + mark)
            if len(combined) == 1:
                table.setdefault(combined, half + mark)
    table["\u3000"] = " "
    table["（"] = "("
    table["）"] = ")"
    return table


HALF = _build_halfwidth()
SMALL = str.maketrans("ァィゥェォャュョッヮ", "アイウエオヤユヨツワ")


def mainframe_kana(text: str) -> str:
    """Katakana as a 1980s mainframe writes it: half width, no small kana."""
    return "".join(HALF.get(c, c) for c in text.translate(SMALL))


def fw(text: str) -> str:
    """ASCII digits and hyphens in full width."""
    return text.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))


def kanji_number(n: int) -> str:
    if n <= 10:
        return "十" if n == 10 else KANJI_DIGITS[n]
    return (
        ("" if n < 20 else KANJI_DIGITS[n // 10]) + "十" + (KANJI_DIGITS[n % 10] if n % 10 else "")
    )


def hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def era(d: date, style: str) -> str:
    """Japanese era date: ``S58.04.15`` (``short``) or ``昭和58年4月15日`` (``long``)."""
    for start, name, letter in ((date(2019, 5, 1), "令和", "R"), (date(1989, 1, 8), "平成", "H"),
                                (date(1926, 12, 25), "昭和", "S")):  # fmt: skip
        if d >= start:
            y = d.year - start.year + 1
            if style == "short":
                return f"{letter}{y:02d}.{d.month:02d}.{d.day:02d}"
            return f"{name}{'元' if y == 1 else y}年{d.month}月{d.day}日"
    raise ValueError(d)


# --------------------------------------------------------------------------- residents


@dataclass
class Address:
    town: str
    chome: int
    ban: int
    go: int
    building: str = ""

    def fmt(self, style: str) -> str:
        t, c, b, g = self.town, self.chome, self.ban, self.go
        if style == "juki":  # 市民窓口課: kanji 丁目, 方書 apart
            return f"{t}{kanji_number(c)}丁目{b}番{g}号"
        if style == "kazei":  # mainframe: full-width hyphens, ケ
            return fw(f"{t.replace('ヶ', 'ケ')}{c}-{b}-{g}")
        if style == "shuno":  # city name, hyphens, 方書 appended
            return f"{CITY}{t}{c}-{b}-{g}" + (f" {self.building}" if self.building else "")
        if style == "kokuho":
            return f"{t}{c}丁目{b}-{g}"
        if style == "kosodate":
            return f"{CITY}{t}{kanji_number(c)}丁目{fw(str(b))}番{fw(str(g))}号"
        if style == "kaigo":
            return f"{t.replace('ヶ', 'ケ')}{c}-{b}-{g}"
        if style == "suido":
            return f"{t}{c}丁目{b}番{g}号" + (f"　{self.building}" if self.building else "")
        if style == "gakumu":
            return f"{t}{fw(str(c))}丁目{fw(str(b))}－{fw(str(g))}"
        raise ValueError(style)


@dataclass
class Account:
    bank: int
    branch: int
    number: str

    def fmt(self, style: str) -> str:
        bank, bcode = BANKS[self.bank]
        branch, rcode = BRANCHES[self.branch]
        n = self.number
        if style == "kazei":
            return f"{bcode}-{rcode}-1-{n}"
        if style == "shuno":
            return f"{bank} {branch}支店 普通 {n}"
        if style == "kokuho":
            return f"{bcode}{rcode} ﾌﾂｳ {n}"
        if style == "kosodate":
            return f"{bank}／{branch}支店／普通預金／{n}"
        if style == "kaigo":
            return f"{bank} {branch}支店 普通 {n}"
        if style == "suido":
            return f"{bcode}-{rcode} 普通 {n}"
        if style == "gakumu":
            return f"{bank}{branch}支店 普通 {fw(n)}"
        raise ValueError(style)


@dataclass
class Person:
    pid: int
    surname: tuple[str, str, str | None]
    given: tuple[str, str]
    sex: str
    dob: date
    home: str | None = None
    mobile: str | None = None
    old_phone: str | None = None
    accounts: list[Account] = field(default_factory=list)
    income: int = 0
    prev_income: int = 0
    kokuho: bool = False
    employer: int | None = None
    relative_phone: str = ""
    payer: str = ""
    mailing: str = ""

    def age(self, on: date = START) -> int:
        return on.year - self.dob.year - ((on.month, on.day) < (self.dob.month, self.dob.day))

    def name(self, official: bool) -> str:
        kanji, _, simple = self.surname
        return f"{kanji if official or not simple else simple}　{self.given[0]}"

    @property
    def kana(self) -> str:
        return f"{self.surname[1]} {self.given[1]}"


@dataclass
class Household:
    members: list[Person]
    address: Address
    moved_in: date | None = None
    move: date | None = None
    old_address: Address | None = None
    birth: date | None = None

    @property
    def head(self) -> Person:
        return self.members[0]

    def address_on(self, day: date) -> Address:
        if self.move and self.old_address and day < self.move:
            return self.old_address
        return self.address

    @property
    def children(self) -> list[Person]:
        return [m for m in self.members if m.age() < 15]


def _phone(rng: random.Random, mobile: bool) -> str:
    if mobile:
        return f"0{rng.choice('789')}0-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    return f"042-5{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"


def _address(rng: random.Random) -> Address:
    town, chomes = rng.choice(TOWNS)
    building = (
        f"{rng.choice(BUILDINGS)}{rng.randint(1, 4)}0{rng.randint(1, 8)}"
        if rng.random() < 0.3
        else ""
    )
    return Address(town, rng.randint(1, chomes), rng.randint(1, 30), rng.randint(1, 25), building)


def _person(rng: random.Random, pid: int, surname: tuple, sex: str, age: int) -> Person:
    dob = START - timedelta(days=age * 365 + rng.randint(0, 364))
    person = Person(pid, surname, rng.choice(GIVEN_M if sex == "男" else GIVEN_F), sex, dob)
    if age >= 18:
        person.mobile = _phone(rng, True) if rng.random() < 0.93 else None
        if rng.random() < 0.04:
            person.old_phone = _phone(rng, True)
        if rng.random() < 0.85:
            person.accounts.append(
                Account(rng.randrange(5), rng.randrange(5), f"{rng.randint(0, 9999999):07d}")
            )
            if rng.random() < 0.3:
                person.accounts.append(
                    Account(rng.randrange(5), rng.randrange(5), f"{rng.randint(0, 9999999):07d}")
                )
        if rng.random() < 0.8:
            person.income = rng.randint(30, 900) * 10000 + rng.randint(0, 9) * 1000
            person.prev_income = person.income + rng.randint(-40, 40) * 1000
        person.kokuho = (65 <= age < 75) or rng.random() < 0.15
        if rng.random() < 0.5:
            person.employer = rng.randrange(len(EMPLOYERS))
        person.relative_phone = _phone(rng, rng.random() < 0.7)
        if rng.random() < 0.2:
            person.payer = rng.choice(LANDLORDS)
        if rng.random() < 0.05:
            person.mailing = rng.choice(OUTSIDE)
    return person


def make_residents(rng: random.Random, target: int) -> list[Household]:
    households: list[Household] = []
    pid = 1_000_001
    count = 0
    while count < target:
        surname = rng.choice(SURNAMES)
        kind = rng.random()
        if kind < 0.28:
            ages = [rng.randint(20, 85)]
        elif kind < 0.5:
            a = rng.randint(25, 85)
            ages = [a, max(20, a + rng.randint(-5, 3))]
        elif kind < 0.85:
            a = rng.randint(27, 50)
            ages = [a, a + rng.randint(-4, 2)] + [
                rng.randint(0, 14) for _ in range(rng.randint(1, 3))
            ]
        else:
            a = rng.randint(66, 90)
            ages = [a, a - rng.randint(0, 4), rng.randint(35, 55)]
        members = []
        for i, age in enumerate(ages):
            sex = ("男" if rng.random() < 0.7 else "女") if i == 0 else (
                ("女" if members[0].sex == "男" else "男") if i == 1 else rng.choice("男女"))  # fmt: skip
            members.append(_person(rng, pid, surname, sex, age))
            pid += 1
        home = _phone(rng, False) if rng.random() < 0.55 else None
        for m in members:
            if m.age() >= 18:
                m.home = home
        household = Household(members, _address(rng))
        roll = rng.random()
        if roll < 0.13:
            household.moved_in = _day(rng)
        elif roll < 0.22:
            household.move = _day(rng)
            household.old_address = household.address
            household.address = _address(rng)
        if len(members) > 2 and members[-1].age() < 6 and rng.random() < 0.15:
            household.birth = _day(rng)
        households.append(household)
        count += len(members)
    return households


def _day(rng: random.Random) -> date:
    """A weekday of the fiscal year, busier in late March and early April."""
    while True:
        if rng.random() < 0.25:
            d = rng.choice([date(2025, 4, 1) + timedelta(days=i) for i in range(14)]
                           + [date(2026, 3, 16) + timedelta(days=i) for i in range(16)])  # fmt: skip
        else:
            d = START + timedelta(days=rng.randint(0, (END - START).days))
        if d.weekday() < 5:
            return d


# --------------------------------------------------------------------------- exports


@dataclass
class Export:
    file: str
    department: str
    encoding: str
    roles: dict[str, str]
    data: list[str]
    stamp: object
    key: object
    rows: list[dict] = field(default_factory=list)
    counter: int = 0

    def case(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter:06d}"

    def add(self, case: str, activity: str, at: datetime, resource: str, person: Person,
            end: datetime | None = None, **values: str) -> None:  # fmt: skip
        unknown = set(values) - set(self.data)
        if unknown:
            raise KeyError(f"{self.file}: {sorted(unknown)}")
        row = {c: "" for c in self.header}
        row[self.roles["case"]] = case
        row[self.roles["activity"]] = activity
        row[self.roles["resource"]] = resource
        row[self.roles["person"]] = self.key(person.pid)
        self.stamp(row, at, end)
        row.update(values)
        self.rows.append(row)

    @property
    def header(self) -> list[str]:
        return [c for c in self.roles.values() if c] + self.extra_roles + self.data

    @property
    def extra_roles(self) -> list[str]:
        return [c for c in ("完了日時", "処理時刻", "時刻") if c in self.stamp_columns]

    stamp_columns: tuple[str, ...] = ()

    def write(self, folder: Path) -> None:
        rows = sorted(self.rows, key=lambda r: (r["_sort"], r[self.roles["case"]]))
        with open(folder / self.file, "w", encoding=self.encoding, newline="") as handle:
            writer = csv.DictWriter(handle, self.header, extrasaction="ignore",
                                    delimiter="\t" if self.file.endswith(".tsv") else ",")  # fmt: skip
            writer.writeheader()
            writer.writerows(rows)


def _stamp(fmt: str, column: str, end_column: str | None = None):
    def stamp(row: dict, at: datetime, end: datetime | None) -> None:
        row["_sort"] = at
        row[column] = _format(at, fmt)
        if end_column and end:
            row[end_column] = _format(end, fmt)

    return stamp


def _stamp_split(date_column: str, time_column: str, style: str):
    def stamp(row: dict, at: datetime, end: datetime | None) -> None:
        row["_sort"] = at
        row[date_column] = era(at.date(), "long") if style == "era" else at.strftime("%Y/%m/%d")
        row[time_column] = f"{at.hour}:{at.minute:02d}"

    return stamp


def _format(at: datetime, fmt: str) -> str:
    if fmt == "era":
        return f"{era(at.date(), 'short')} {at:%H:%M}"
    if fmt == "kanji":
        return f"{at.year}年{at.month}月{at.day}日 {at.hour}時{at.minute}分"
    if fmt == "slash-short":
        return f"{at.year}/{at.month}/{at.day} {at.hour}:{at.minute:02d}"
    return at.strftime(fmt)


def make_exports() -> dict[str, Export]:
    pad = "{:010d}".format
    exports = {
        "shimin": Export(
            "shimin_madoguchi.csv", "市民窓口課", "utf-8-sig",
            {"case": "受付番号", "activity": "処理内容", "timestamp": "処理日時",
             "resource": "担当者", "person": "宛名番号"},
            ["氏名", "氏名フリガナ", "生年月日", "性別", "住所", "方書", "前住所", "電話番号",
             "世帯主氏名", "続柄", "本人確認書類"],
            _stamp("%Y-%m-%d %H:%M:%S", "処理日時", "完了日時"), pad,
        ),
        "kazei": Export(
            "KZ0100.csv", "課税課", "cp932",
            {"case": "UKE_NO", "activity": "SHORI_MEI", "timestamp": "SYORI_NICHIJI",
             "resource": "OPE_ID", "person": "ATENA_NO"},
            [f"F{i:02d}" for i in range(1, 9)],
            _stamp("%Y/%m/%d %H:%M", "SYORI_NICHIJI"), pad,
        ),
        "shuno": Export(
            "shuno.csv", "収納課", "utf-8",
            {"case": "整理番号", "activity": "事務名", "timestamp": "処理日時",
             "resource": "担当", "person": "宛名番号"},
            ["納税者氏名", "納税者住所", "連絡先電話", "振替口座"],
            _stamp("kanji", "処理日時"), pad,
        ),
        "kokuho": Export(
            "KH0200.csv", "国民健康保険課", "cp932",
            {"case": "RENBAN", "activity": "GYOMU_MEI", "timestamp": "SYORI_YMDHM",
             "resource": "TANTO_CD", "person": "KOJIN_NO"},
            [f"ITEM_{i:02d}" for i in range(1, 10)],
            _stamp("era", "SYORI_YMDHM"), pad,
        ),
        "kosodate": Export(
            "kosodate.csv", "子育て支援課", "utf-8",
            {"case": "申請番号", "activity": "手続名", "timestamp": "受付日時",
             "resource": "処理者", "person": "住民コード"},
            ["申請者氏名", "申請者カナ", "申請者生年月日", "現住所", "携帯電話", "振込先口座",
             "所得額", "児童氏名", "児童生年月日", "保育施設名", "保育施設所在地", "勤務先電話"],
            _stamp("%Y-%m-%dT%H:%M:%S", "受付日時", "完了日時"), pad,
        ),
        "kaigo": Export(
            "kaigo.csv", "高齢介護課", "cp932",
            {"case": "ケース番号", "activity": "処理区分名", "timestamp": "処理日",
             "resource": "担当職員", "person": "宛名コード"},
            ["被保険者氏名", "氏名カナ", "生年月日", "性別", "住所地", "連絡先", "振込口座",
             "所得金額", "入所施設所在地", "緊急連絡先電話"],
            _stamp_split("処理日", "処理時刻", "era"), pad,
        ),
        "suido": Export(
            "suido.csv", "上下水道局", "utf-8",
            {"case": "申込番号", "activity": "処理名", "timestamp": "処理日時",
             "resource": "担当", "person": "住民番号"},
            ["使用者氏名", "使用場所", "連絡先電話番号", "支払者氏名", "引落口座"],
            _stamp("slash-short", "処理日時"), str,
        ),
        "gakumu": Export(
            "gakumu.csv", "学務課", "utf-8",
            {"case": "受付NO", "activity": "事務内容", "timestamp": "日付",
             "resource": "係員", "person": "保護者宛名番号"},
            ["保護者氏名", "保護者住所", "保護者電話", "振込口座", "所得額", "就学予定校",
             "学校所在地"],
            _stamp_split("日付", "時刻", "iso"), pad,
        ),
    }  # fmt: skip
    exports["shimin"].stamp_columns = ("完了日時",)
    exports["kosodate"].stamp_columns = ("完了日時",)
    exports["kaigo"].stamp_columns = ("処理時刻",)
    exports["gakumu"].stamp_columns = ("時刻",)
    return exports


# --------------------------------------------------------------------------- the city's work


class City:
    """Generates every department's events for the households of the city."""

    # departments that forget to update an address after 転居 (share of residents)
    STALE: ClassVar[dict[str, float]] = {"kazei": 0.04, "shuno": 0.15, "kokuho": 0.06, "kosodate": 0.06, "kaigo": 0.1,
             "gakumu": 0.12}  # fmt: skip

    def __init__(self, rng: random.Random, households: list[Household]) -> None:
        self.rng = rng
        self.households = households
        self.ex = make_exports()
        self.updated: dict[tuple[str, int], date | None] = {}

    # ---- value helpers
    def official(self, dept: str, p: Person) -> bool:
        if dept in ("shimin", "kaigo", "gakumu"):
            return True
        if dept == "kosodate":
            return p.pid % 2 == 0
        return False

    def phone(self, dept: str, p: Person, style: str = "") -> str:
        prefer_mobile = dept in ("shuno", "kosodate", "gakumu")
        number = (p.mobile or p.home) if prefer_mobile else (p.home or p.mobile)
        if number and p.old_phone and dept in ("kazei", "kaigo") and p.pid % 3:
            number = p.old_phone
        if not number:
            return ""
        if dept == "kazei":
            return number.replace("-", "")
        if dept == "kaigo":
            a, b, c = number.split("-")
            return f"{a}({b}){c}"
        if dept == "gakumu":
            return fw(number)
        return number

    def account(self, dept: str, p: Person) -> str:
        if not p.accounts:
            return ""
        second = dept in ("kosodate", "suido") and len(p.accounts) > 1 and p.pid % 2
        return p.accounts[1 if second else 0].fmt(dept)

    def income(self, dept: str, p: Person) -> str:
        value = p.prev_income if dept == "kokuho" and p.pid % 31 == 0 else p.income
        if not value:
            return ""
        if dept == "kosodate":
            return f"{value:,}"
        if dept == "kaigo":
            return f"{value}円"
        if dept == "gakumu":
            return f"{value:,}円"
        return str(value)

    def dob(self, dept: str, p: Person) -> str:
        d = p.dob
        if p.pid % 331 == 0 and dept in ("kazei", "kaigo"):
            d = d.replace(day=min(28, d.day + 1) if d.day < 28 else 1)
        return {"shimin": d.isoformat(), "kazei": d.strftime("%Y%m%d"), "kokuho": era(d, "short"),
                "kosodate": f"{d.year}/{d.month}/{d.day}", "kaigo": era(d, "long")}[dept]  # fmt: skip

    def kana(self, dept: str, p: Person) -> str:
        if dept == "kazei":
            return p.kana.replace(" ", "　")
        if dept == "kokuho":
            return mainframe_kana(p.kana)
        if dept == "kosodate":
            return hiragana(p.kana)
        if dept == "kaigo":
            return p.kana.replace(" ", "")
        return p.kana

    def address(self, dept: str, h: Household, day: date) -> str:
        """The address ``dept`` holds for ``h`` on ``day`` (stale if it missed the 転居)."""
        addr = h.address_on(day)
        if h.move and day >= h.move and dept in self.STALE:
            when = self.updated.get((dept, id(h)))
            if when is None or day < when:
                addr = h.old_address or addr
        return addr.fmt(dept)

    # ---- time helpers
    def clock(self, day: date, earliest: int = 8 * 60 + 30, latest: int = 16 * 60) -> datetime:
        minute = self.rng.randint(earliest, latest)
        return datetime(
            day.year, day.month, day.day, minute // 60, minute % 60, self.rng.randint(0, 59)
        )

    def later(self, at: datetime, lo: float, hi: float) -> datetime:
        return at + timedelta(minutes=self.rng.uniform(lo, hi))

    def back_office(self, day: date, lo: int, hi: int) -> datetime:
        d = day + timedelta(days=self.rng.randint(lo, hi))
        while d.weekday() >= 5:
            d += timedelta(days=1)
        return self.clock(d, 9 * 60, 17 * 60)

    def clerk(self, dept: str) -> str:
        pools = {
            "shimin": ["窓口 田村", "窓口 原", "住記係 佐野", "住記係 梅田", "委託 小池"],
            "kazei": ["OP1021", "OP1034", "OP1102", "OP1187"],
            "shuno": ["収納係 大西", "収納係 三宅", "収納係 早川"],
            "kokuho": ["ｵﾍﾟﾚｰﾀｰ01", "ｵﾍﾟﾚｰﾀｰ02", "ｵﾍﾟﾚｰﾀｰ05"],
            "kosodate": ["手当係 森", "手当係 川口", "保育係 野村"],
            "kaigo": ["資格係 石井", "資格係 杉山", "認定係 平野"],
            "suido": ["料金係 菅原", "料金係 西田", "お客さまセンター 上野"],
            "gakumu": ["学事係 松井", "学事係 千葉"],
        }  # fmt: skip
        return self.rng.choice(pools[dept])

    # ---- events per department
    def inquiry_answer(self, at: datetime, p: Person) -> None:
        kz = self.ex["kazei"]
        answer = self.later(at, 60, 60 * 24)
        kz.add(kz.case("Z"), "所得照会への回答", answer, self.clerk("kazei"), p,
               F01=p.name(False), F07=self.income("kazei", p))  # fmt: skip

    def shimin_visit(self, h: Household, day: date, kind: str) -> datetime:
        ex, p = self.ex["shimin"], h.head
        case = ex.case("S")
        at = self.clock(day, 8 * 60 + 30, 14 * 60)
        ex.add(case, "整理券発行", at, "発券機", p)
        at = self.later(at, 5, 40)
        addr = h.address_on(day)
        prev = (
            h.old_address.fmt("juki")
            if kind == "転居" and h.old_address
            else self.rng.choice(OUTSIDE)
        )
        if kind == "証明":
            end = self.later(at, 2, 5)
            ex.add(case, "証明書交付申請書の記入", at, "来庁者", p, end,
                   氏名=p.name(True), 住所=addr.fmt("juki"), 生年月日=p.dob.isoformat())  # fmt: skip
        else:
            end = self.later(at, 5, 15)
            ex.add(case, "住民異動届の記入", at, "来庁者", p, end,
                   氏名=p.name(True), 氏名フリガナ=p.kana, 生年月日=p.dob.isoformat(),
                   住所=addr.fmt("juki"), 前住所=prev, 電話番号=self.phone("shimin", p))  # fmt: skip
        at = self.later(end, 1, 10)
        end = self.later(at, 1, 3)
        ex.add(case, "届出人の本人確認", at, self.clerk("shimin"), p, end,
               本人確認書類=self.rng.choice(["運転免許証", "マイナンバーカード", "旅券"]))  # fmt: skip
        at = self.later(end, 0.5, 3)
        if kind == "証明":
            end = self.later(at, 3, 8)
            ex.add(case, "住民票の写し交付", at, self.clerk("shimin"), p, end)
            return end
        if kind == "転入":
            end = self.later(at, 2, 6)
            ex.add(case, "転出証明書の確認", at, self.clerk("shimin"), p, end, 前住所=prev)
        else:
            end = self.later(at, 2, 6)
            ex.add(case, "住所変更の受付", at, self.clerk("shimin"), p, end,
                   住所=addr.fmt("juki"), 前住所=prev)  # fmt: skip
        for m in h.members:
            at = self.later(end, 0.5, 2)
            end = self.later(at, 2, 5)
            ex.add(case, "住民記録の異動入力", at, self.clerk("shimin"), m, end,
                   氏名=m.name(True), 氏名フリガナ=m.kana, 生年月日=m.dob.isoformat(), 性別=m.sex,
                   住所=addr.fmt("juki"), 方書=addr.building, 世帯主氏名=h.head.name(True),
                   続柄="世帯主" if m is h.head else ("妻" if m.sex == "女" else "夫")
                   if m.age() >= 18 and h.members.index(m) == 1 else "子")  # fmt: skip
        at = self.later(end, 1, 5)
        end = self.later(at, 2, 4)
        ex.add(case, "異動連絡票の作成", at, self.clerk("shimin"), p, end)
        if kind == "転入" and self.rng.random() < 0.2:
            at = self.later(end, 1, 5)
            end = self.later(at, 3, 8)
            ex.add(case, "印鑑登録", at, self.clerk("shimin"), p, end)
        return end

    def birth(self, h: Household) -> None:
        ex, child = self.ex["shimin"], h.members[-1]
        day = h.birth or START
        case = ex.case("S")
        at = self.clock(day)
        end = self.later(at, 5, 12)
        ex.add(case, "出生届に係る届書の受理", at, self.clerk("shimin"), h.head, end)
        at = self.later(end, 5, 60)
        ex.add(case, "住民記録の異動入力", at, self.clerk("shimin"), child, self.later(at, 2, 5),
               氏名=child.name(True), 氏名フリガナ=child.kana, 生年月日=child.dob.isoformat(),
               性別=child.sex, 住所=h.address.fmt("juki"), 世帯主氏名=h.head.name(True), 続柄="子")  # fmt: skip
        self.kosodate_claim(h, self.later(end, 10, 30), birth=True)

    def kokuho_enrol(self, h: Household, at: datetime, p: Person) -> datetime:
        ex = self.ex["kokuho"]
        case = ex.case("7")
        day = at.date()
        addr = self.address("kokuho", h, day)
        end = self.later(at, 4, 10)
        ex.add(case, mainframe_kana("コクホ シカクシュトクトドケ キニュウ"), at, "ﾗｲﾁｮｳｼｬ", p, end,
               ITEM_01=self.kana("kokuho", p), ITEM_02=self.dob("kokuho", p), ITEM_03="1" if p.sex == "男" else "2",
               ITEM_04=addr, ITEM_05=self.phone("kokuho", p),
               ITEM_08=EMPLOYERS[p.employer][0] if p.employer is not None else "",
               ITEM_09="全国健康保険協会" if p.employer is not None else "")  # fmt: skip
        at = self.later(end, 1, 5)
        ex.add(case, mainframe_kana("ホンニン カクニン"), at, self.clerk("kokuho"), p)
        at = self.later(at, 2, 5)
        ex.add(case, mainframe_kana("コクホシトリ サイニュウリョク"), at, self.clerk("kokuho"), p,
               ITEM_01=self.kana("kokuho", p), ITEM_02=self.dob("kokuho", p),
               ITEM_03="1" if p.sex == "男" else "2", ITEM_04=addr)  # fmt: skip
        at = self.later(at, 3, 8)
        ex.add(case, mainframe_kana("ホケンショウ ハッコウ"), at, self.clerk("kokuho"), p)
        inquiry = self.back_office(day, 2, 10)
        ex.add(case, mainframe_kana("ショトク ショウカイ"), inquiry, self.clerk("kokuho"), p,
               ITEM_07=self.income("kokuho", p))  # fmt: skip
        self.inquiry_answer(inquiry, p)
        ex.add(case, mainframe_kana("ゼイガク ケイサン"), self.back_office(day, 12, 20), "BATCH", p)
        return self.later(at, 2, 6)

    def kosodate_claim(self, h: Household, at: datetime, birth: bool = False) -> datetime:
        ex, p = self.ex["kosodate"], h.head
        case = ex.case("K")
        day = at.date()
        child = h.children[-1] if h.children else h.members[-1]
        ex.add(case, "呼出票の発券", at, "発券機", p)
        at = self.later(at, 5, 30)
        end = self.later(at, 6, 15)
        ex.add(case, "認定請求書への記入", at, "申請者", p, end,
               申請者氏名=p.name(self.official("kosodate", p)), 申請者カナ=self.kana("kosodate", p),
               申請者生年月日=self.dob("kosodate", p), 現住所=self.address("kosodate", h, day),
               携帯電話=self.phone("kosodate", p), 児童氏名=child.name(True),
               児童生年月日=f"{child.dob.year}/{child.dob.month}/{child.dob.day}")  # fmt: skip
        at = self.later(end, 1, 5)
        end = self.later(at, 1, 3)
        ex.add(case, "身分証明書チェック", at, self.clerk("kosodate"), p, end)
        if p.accounts:
            at = self.later(end, 0.5, 3)
            end = self.later(at, 2, 4)
            ex.add(case, "振込先口座の登録", at, self.clerk("kosodate"), p, end,
                   振込先口座=self.account("kosodate", p))  # fmt: skip
        at = self.later(end, 0.5, 3)
        end = self.later(at, 1, 3)
        ex.add(case, "添付書類スキャン", at, self.clerk("kosodate"), p, end)
        key = self.back_office(day, 0, 3)
        ex.add(case, "受給者情報のデータエントリー", key, self.clerk("kosodate"), p, self.later(key, 4, 9),
               申請者氏名=p.name(self.official("kosodate", p)), 申請者カナ=self.kana("kosodate", p),
               申請者生年月日=self.dob("kosodate", p), 現住所=self.address("kosodate", h, day))  # fmt: skip
        inquiry = self.back_office(day, 2, 8)
        ex.add(case, "所得状況の照会（課税課あて）", inquiry, self.clerk("kosodate"), p,
               self.later(inquiry, 3, 10), 所得額=self.income("kosodate", p))  # fmt: skip
        self.inquiry_answer(inquiry, p)
        review = self.back_office(day, 10, 20)
        ex.add(case, "認定審査", review, self.clerk("kosodate"), p, self.later(review, 5, 15))
        ex.add(case, "認定通知書の発送", self.back_office(day, 20, 30), "システム", p)
        return self.later(end, 2, 6)

    def nursery(self, h: Household) -> None:
        ex, p = self.ex["kosodate"], h.head
        day = _day(self.rng)
        case = ex.case("K")
        at = self.clock(day)
        nursery = self.rng.choice(NURSERIES)
        employer = EMPLOYERS[p.employer][1] if p.employer is not None else ""
        ex.add(case, "保育施設利用申込の受付", at, self.clerk("kosodate"), p, self.later(at, 10, 25),
               申請者氏名=p.name(self.official("kosodate", p)), 現住所=self.address("kosodate", h, day),
               携帯電話=self.phone("kosodate", p), 勤務先電話=employer,
               児童氏名=h.children[-1].name(True), 保育施設名=nursery[0], 保育施設所在地=nursery[1])  # fmt: skip

    def kaigo_enrol(self, h: Household, at: datetime, p: Person) -> datetime:
        ex = self.ex["kaigo"]
        case = ex.case("C")
        day = at.date()
        ex.add(case, "受付番号票発行", at, "発券機", p)
        at = self.later(at, 5, 30)
        ex.add(case, "介護保険資格取得届に係る申請書の記入", at, "来庁者", p,
               被保険者氏名=p.name(True), 氏名カナ=self.kana("kaigo", p), 生年月日=self.dob("kaigo", p),
               性別=p.sex, 住所地=self.address("kaigo", h, day), 連絡先=self.phone("kaigo", p))  # fmt: skip
        at = self.later(at, 6, 12)
        ex.add(case, "来所者の身元確認", at, self.clerk("kaigo"), p)
        at = self.later(at, 2, 5)
        ex.add(case, "被保険者証の交付", at, self.clerk("kaigo"), p)
        key = self.back_office(day, 1, 5)
        ex.add(case, "被保険者台帳への転記入力", key, self.clerk("kaigo"), p,
               被保険者氏名=p.name(True), 氏名カナ=self.kana("kaigo", p), 生年月日=self.dob("kaigo", p),
               住所地=self.address("kaigo", h, key.date()))  # fmt: skip
        inquiry = self.back_office(day, 3, 12)
        ex.add(case, "保険料段階判定に係る課税状況の確認", inquiry, self.clerk("kaigo"), p,
               所得金額=self.income("kaigo", p))  # fmt: skip
        self.inquiry_answer(inquiry, p)
        return self.later(at, 2, 6)

    def kaigo_certification(self, h: Household, p: Person) -> None:
        ex = self.ex["kaigo"]
        day = _day(self.rng)
        case = ex.case("C")
        at = self.clock(day)
        ex.add(case, "受付番号票発行", at, "発券機", p)
        at = self.later(at, 5, 30)
        ex.add(case, "要介護認定申請の受理", at, self.clerk("kaigo"), p,
               被保険者氏名=p.name(True), 氏名カナ=self.kana("kaigo", p), 生年月日=self.dob("kaigo", p),
               住所地=self.address("kaigo", h, day), 連絡先=self.phone("kaigo", p),
               緊急連絡先電話=p.relative_phone)  # fmt: skip
        ex.add(case, "来所者の身元確認", self.later(at, 8, 15), self.clerk("kaigo"), p)
        ex.add(case, "認定調査（訪問）", self.back_office(day, 8, 14), "認定調査員", p)
        ex.add(case, "介護認定審査会", self.back_office(day, 28, 35), "審査会", p)
        ex.add(case, "被保険者証の交付", self.back_office(day, 36, 42), self.clerk("kaigo"), p)
        if self.rng.random() < 0.25:
            home = self.rng.choice(CARE_HOMES)
            ex.add(case, "住所地特例の確認", self.back_office(day, 40, 60), self.clerk("kaigo"), p,
                   被保険者氏名=p.name(True), 入所施設所在地=home[1])  # fmt: skip

    def gakumu_transfer(self, h: Household, at: datetime) -> datetime:
        ex, p = self.ex["gakumu"], h.head
        case = ex.case("G")
        day = at.date()
        school = self.rng.choice(SCHOOLS)
        at = self.later(at, 10, 20)  # walk to the annex
        ex.add(case, "転入学届記入", at, "保護者", p,
               保護者氏名=p.name(True), 保護者住所=self.address("gakumu", h, day),
               保護者電話=self.phone("gakumu", p), 就学予定校=school[0])  # fmt: skip
        at = self.later(at, 4, 8)
        ex.add(case, "保護者本確", at, self.clerk("gakumu"), p)
        at = self.later(at, 1, 3)
        ex.add(case, "学齢簿パンチ入力", at, self.clerk("gakumu"), p,
               保護者氏名=p.name(True), 保護者住所=self.address("gakumu", h, day))  # fmt: skip
        at = self.later(at, 3, 6)
        ex.add(
            case,
            "通学区域判定",
            at,
            self.clerk("gakumu"),
            p,
            就学予定校=school[0],
            学校所在地=school[1],
        )
        at = self.later(at, 1, 4)
        ex.add(case, "転入学通知書の交付", at, self.clerk("gakumu"), p)
        return self.later(at, 1, 3)

    def gakumu_aid(self, h: Household) -> None:
        ex, p = self.ex["gakumu"], h.head
        day = date(2025, 4, 7) + timedelta(days=self.rng.randint(0, 50))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        case = ex.case("G")
        at = self.clock(day)
        ex.add(case, "就学援助申請の受付", at, self.clerk("gakumu"), p,
               保護者氏名=p.name(True), 保護者住所=self.address("gakumu", h, day),
               保護者電話=self.phone("gakumu", p))  # fmt: skip
        if p.accounts:
            ex.add(case, "就学援助費振込口座の登録", self.later(at, 5, 10), self.clerk("gakumu"), p,
                   振込口座=self.account("gakumu", p))  # fmt: skip
        inquiry = self.back_office(day, 3, 10)
        ex.add(
            case,
            "就学援助に係る所得の照会",
            inquiry,
            self.clerk("gakumu"),
            p,
            所得額=self.income("gakumu", p),
        )
        self.inquiry_answer(inquiry, p)

    def suido_start(self, h: Household, day: date, moving: bool) -> None:
        ex, p = self.ex["suido"], h.head
        case = ex.case("W")
        at = self.clock(day, 9 * 60, 16 * 60)
        place = h.address.fmt("suido")
        payer = p.payer if p.payer else ""
        ex.add(case, "給水開始申込書の記入", at, "申込者", p,
               使用者氏名=p.name(False), 使用場所=place, 連絡先電話番号=self.phone("suido", p),
               支払者氏名=payer)  # fmt: skip
        key = self.later(at, 30, 240)
        ex.add(case, "使用者情報オペレーター入力", key, self.clerk("suido"), p,
               使用者氏名=p.name(False), 使用場所=place, 連絡先電話番号=self.phone("suido", p))  # fmt: skip
        ex.add(case, "申込内容オペレーター確認", self.later(key, 10, 60), self.clerk("suido"), p)
        if p.accounts and self.rng.random() < 0.6:
            ex.add(case, "口座振替申込の登録", self.later(key, 60, 120), self.clerk("suido"), p,
                   引落口座=self.account("suido", p))  # fmt: skip
        ex.add(case, "開栓作業", self.back_office(day, 0, 2), "委託業者", p)
        if moving:
            ex.add(case, "閉栓精算", self.back_office(day, 0, 2), self.clerk("suido"), p)

    def tax_return(self, h: Household, p: Person) -> None:
        ex = self.ex["kazei"]
        day = date(2026, 2, 16) + timedelta(days=self.rng.randint(0, 27))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        case = ex.case("Z")
        at = self.clock(day)
        ex.add(case, "住民税申告書の記入", at, "申告者", p,
               F01=p.name(False), F02=self.kana("kazei", p), F03=self.dob("kazei", p),
               F04=self.address("kazei", h, day), F05=self.phone("kazei", p), F07=self.income("kazei", p))  # fmt: skip
        at = self.later(at, 8, 20)
        ex.add(case, "申告者本人確認", at, self.clerk("kazei"), p)
        ex.add(case, "申告書審査", self.later(at, 2, 15), self.clerk("kazei"), p)

    ADDRESS_ENTRY: ClassVar[dict[str, tuple[str, str]]] = {
        "kazei": ("住変入力", "F04"), "shuno": ("納税者住所更新", "納税者住所"),
        "kokuho": (mainframe_kana("ジュウショヘンコウ ニュウリョク"), "ITEM_04"),
        "kosodate": ("現住所の変更登録", "現住所"), "kaigo": ("住所地変更入力", "住所地"),
        "gakumu": ("学齢簿住所更新", "保護者住所"),
    }  # fmt: skip

    def decide_updates(self, h: Household) -> None:
        """When each department that knows the household keys its 転居, or never (stale)."""
        assert h.move
        p = h.head
        known = {"kazei": p.income > 0, "shuno": p.income > 0, "kokuho": p.kokuho,
                 "kosodate": bool(h.children), "kaigo": p.age() >= 65,
                 "gakumu": any(6 <= c.age() < 15 for c in h.children)}  # fmt: skip
        for dept, is_known in known.items():
            if is_known and self.rng.random() >= self.STALE[dept]:
                self.updated[(dept, id(h))] = self.back_office(h.move, 1, 12).date()

    def batches(self) -> None:
        """Annual runs that carry each resident's record."""
        kz, kh, kg, sn = self.ex["kazei"], self.ex["kokuho"], self.ex["kaigo"], self.ex["shuno"]
        for h in self.households:
            if h.moved_in and h.moved_in > date(2025, 6, 1):
                continue
            day = date(2025, 6, 2)
            for p in h.members:
                if p.income:
                    case = kz.case("Z")
                    at = datetime(2025, 6, 2, 2, 0) + timedelta(seconds=p.pid % 3600)
                    kz.add(case, "税額計算", at, "BATCH", p,
                           F01=p.name(False), F04=self.address("kazei", h, day), F07=self.income("kazei", p))  # fmt: skip
                    kz.add(
                        case, "納税通知書発送", at + timedelta(days=8), "BATCH", p, F08=p.mailing
                    )
                    if not p.accounts or p.pid % 4 == 0:
                        case = sn.case("N")
                        sn.add(case, "口座振替依頼書の送付", datetime(2025, 7, 1, 3) + timedelta(seconds=p.pid % 3600),
                               "一括処理", p, 納税者氏名=p.name(False),
                               納税者住所=self.address("shuno", h, date(2025, 7, 1)))  # fmt: skip
                    if p.pid % 19 == 0:
                        sn.add(sn.case("N"), "督促状発送", datetime(2025, 9, 10, 3), "一括処理", p,
                               納税者氏名=p.name(False), 納税者住所=self.address("shuno", h, date(2025, 9, 10)))  # fmt: skip
                if p.kokuho and p.age() >= 18:
                    kh.add(kh.case("7"), mainframe_kana("ホンサンテイ"), datetime(2025, 7, 1, 1, 30), "BATCH", p,
                           ITEM_01=self.kana("kokuho", p), ITEM_04=self.address("kokuho", h, date(2025, 7, 1)),
                           ITEM_07=self.income("kokuho", p))  # fmt: skip
                if p.age() >= 65:
                    kg.add(kg.case("C"), "保険料本算定", datetime(2025, 7, 8, 1, 0), "バッチ", p,
                           被保険者氏名=p.name(True), 住所地=self.address("kaigo", h, date(2025, 7, 8)),
                           所得金額=self.income("kaigo", p))  # fmt: skip

    def everyday(self, h: Household) -> None:
        """Procedures not tied to a move: certificates, accounts, tax returns, care, aid."""
        rng = self.rng
        for p in h.members:
            if p.age() < 18:
                continue
            if rng.random() < 0.22:
                self.shimin_visit_for(h, p)
            if p.income and rng.random() < 0.3:
                self.tax_return(h, p)
            if p.accounts and p.income and rng.random() < 0.3:
                ex = self.ex["shuno"]
                day = _day(rng)
                case = ex.case("N")
                at = self.clock(day)
                ex.add(case, "口座登録（口座振替）", at, self.clerk("shuno"), p,
                       納税者氏名=p.name(False), 振替口座=self.account("shuno", p),
                       連絡先電話=self.phone("shuno", p))  # fmt: skip
                ex.add(case, "口座名義人照合", self.back_office(day, 1, 3), self.clerk("shuno"), p)
            if p.accounts and p.income and rng.random() < 0.15:
                kz = self.ex["kazei"]
                kz.add(kz.case("Z"), "還付口座登録", self.clock(_day(rng)), self.clerk("kazei"), p,
                       F01=p.name(False), F06=self.account("kazei", p))  # fmt: skip
            if p.mailing:
                kz = self.ex["kazei"]
                kz.add(kz.case("Z"), "送付先変更の受付", self.clock(_day(rng)), self.clerk("kazei"), p,
                       F01=p.name(False), F08=p.mailing)  # fmt: skip
            if p.kokuho and p.accounts and rng.random() < 0.3:
                kh = self.ex["kokuho"]
                kh.add(kh.case("7"), mainframe_kana("コウガクリョウヨウヒ コウザトウロク"), self.clock(_day(rng)),
                       self.clerk("kokuho"), p, ITEM_01=self.kana("kokuho", p), ITEM_06=self.account("kokuho", p))  # fmt: skip
            if p.kokuho and p.age() < 65 and not h.moved_in and rng.random() < 0.15:
                self.kokuho_enrol(h, self.clock(_day(rng)), p)
            if p.age() >= 65 and rng.random() < 0.07:
                self.kaigo_certification(h, p)
            if p.age() >= 65 and p.accounts and rng.random() < 0.2:
                kg = self.ex["kaigo"]
                kg.add(kg.case("C"), "償還払い口座登録", self.clock(_day(rng)), self.clerk("kaigo"), p,
                       被保険者氏名=p.name(True), 振込口座=self.account("kaigo", p))  # fmt: skip
            if p.pid % 53 == 0 and p.income:
                sn = self.ex["shuno"]
                sn.add(sn.case("N"), "納付相談", self.clock(_day(rng)), self.clerk("shuno"), p)
        if h.children and not h.moved_in and rng.random() < 0.25:
            self.kosodate_claim(h, self.clock(_day(rng)))
        if h.children and rng.random() < 0.1:
            self.nursery(h)
        if any(6 <= c.age() < 15 for c in h.children) and rng.random() < 0.12:
            self.gakumu_aid(h)
        if any(c.age() == 5 for c in h.children):
            ex = self.ex["gakumu"]
            school = self.rng.choice(SCHOOLS[:2])
            ex.add(ex.case("G"), "就学通知書発送", datetime(2026, 1, 20, 2, 0), "一括", h.head,
                   就学予定校=school[0])  # fmt: skip
        if h.head.accounts and rng.random() < 0.02:
            sw = self.ex["suido"]
            sw.add(sw.case("W"), "口座振替不能通知", datetime(2025, 10, 20, 3, 0), "一括", h.head)

    def shimin_visit_for(self, h: Household, p: Person) -> None:
        """A certificate visit by one adult of the household."""
        single = Household([p], h.address, move=h.move, old_address=h.old_address)
        self.shimin_visit(single, _day(self.rng), "証明")

    def move_in(self, h: Household) -> None:
        day = h.moved_in or START
        at = self.shimin_visit(h, day, "転入")
        kokuho = [m for m in h.members if m.kokuho and m.age() >= 18]
        if kokuho:
            at = self.kokuho_enrol(h, self.later(at, 3, 15), kokuho[0])
        elders = [m for m in h.members if m.age() >= 65]
        if elders:
            at = self.kaigo_enrol(h, self.later(at, 3, 15), elders[0])
        if h.children:
            at = self.kosodate_claim(h, self.later(at, 3, 15))
        if any(6 <= c.age() < 15 for c in h.children):
            at = self.gakumu_transfer(h, at)
        if self.rng.random() < 0.8:
            start = day if self.rng.random() < 0.5 else day - timedelta(days=3)
            while start.weekday() >= 5:
                start -= timedelta(days=1)
            self.suido_start(h, start, moving=False)
        kz = self.ex["kazei"]
        for m in h.members:
            if m.income:
                key = self.back_office(day, 3, 15)
                kz.add(kz.case("Z"), "納税義務者データ再入力", key, self.clerk("kazei"), m,
                       F01=m.name(False), F02=self.kana("kazei", m), F03=self.dob("kazei", m),
                       F04=self.address("kazei", h, key.date()), F05=self.phone("kazei", m))  # fmt: skip

    def relocate(self, h: Household) -> None:
        assert h.move
        self.shimin_visit(h, h.move, "転居")
        for dept, (label, column) in self.ADDRESS_ENTRY.items():
            when = self.updated.get((dept, id(h)))
            if when is None:
                continue
            ex = self.ex[dept]
            at = self.clock(when, 9 * 60, 17 * 60)
            ex.add(ex.case("U" if dept != "kokuho" else "7"), label, at, self.clerk(dept), h.head,
                   **{column: self.address(dept, h, when)})  # fmt: skip
        if self.rng.random() < 0.7:
            self.suido_start(h, h.move, moving=True)

    def run(self) -> None:
        for h in self.households:
            if h.move:
                self.decide_updates(h)
        for h in self.households:
            if h.moved_in:
                self.move_in(h)
            elif h.move:
                self.relocate(h)
            if h.birth:
                self.birth(h)
            self.everyday(h)
        self.batches()


# --------------------------------------------------------------------------- truth

K = mainframe_kana
DUPLICATES = {
    "queue": [("市民窓口課", "整理券発行"), ("子育て支援課", "呼出票の発券"), ("高齢介護課", "受付番号票発行")],
    "identity": [("市民窓口課", "届出人の本人確認"), ("課税課", "申告者本人確認"),
                 ("国民健康保険課", K("ホンニン カクニン")), ("子育て支援課", "身分証明書チェック"),
                 ("高齢介護課", "来所者の身元確認"), ("学務課", "保護者本確")],
    "form": [("市民窓口課", "住民異動届の記入"), ("市民窓口課", "証明書交付申請書の記入"),
             ("課税課", "住民税申告書の記入"), ("国民健康保険課", K("コクホ シカクシュトクトドケ キニュウ")),
             ("子育て支援課", "認定請求書への記入"), ("高齢介護課", "介護保険資格取得届に係る申請書の記入"),
             ("上下水道局", "給水開始申込書の記入"), ("学務課", "転入学届記入")],
    "rekey": [("課税課", "納税義務者データ再入力"), ("国民健康保険課", K("コクホシトリ サイニュウリョク")),
              ("子育て支援課", "受給者情報のデータエントリー"), ("高齢介護課", "被保険者台帳への転記入力"),
              ("上下水道局", "使用者情報オペレーター入力"), ("学務課", "学齢簿パンチ入力")],
    "address_entry": [("課税課", "住変入力"), ("収納課", "納税者住所更新"),
                      ("国民健康保険課", K("ジュウショヘンコウ ニュウリョク")), ("子育て支援課", "現住所の変更登録"),
                      ("高齢介護課", "住所地変更入力"), ("学務課", "学齢簿住所更新")],
    "account": [("課税課", "還付口座登録"), ("収納課", "口座登録（口座振替）"),
                ("国民健康保険課", K("コウガクリョウヨウヒ コウザトウロク")), ("子育て支援課", "振込先口座の登録"),
                ("高齢介護課", "償還払い口座登録"), ("上下水道局", "口座振替申込の登録"),
                ("学務課", "就学援助費振込口座の登録")],
    "income_inquiry": [("国民健康保険課", K("ショトク ショウカイ")), ("子育て支援課", "所得状況の照会（課税課あて）"),
                       ("高齢介護課", "保険料段階判定に係る課税状況の確認"), ("学務課", "就学援助に係る所得の照会")],
}  # fmt: skip
NEGATIVES = {
    "mailing_vs_address": [("市民窓口課", "住所変更の受付"), ("課税課", "送付先変更の受付")],
    "debit_form_vs_account": [("収納課", "口座振替依頼書の送付"), ("上下水道局", "口座振替申込の登録")],
    "answer_vs_inquiry": [("課税課", "所得照会への回答"), ("子育て支援課", "所得状況の照会（課税課あて）")],
    "special_address": [("高齢介護課", "住所地特例の確認"), ("学務課", "通学区域判定"),
                        ("子育て支援課", "現住所の変更登録")],
    "issue": [("国民健康保険課", K("ホケンショウ ハッコウ")), ("高齢介護課", "被保険者証の交付"),
              ("学務課", "転入学通知書の交付"), ("市民窓口課", "住民票の写し交付")],
    "mailing": [("課税課", "納税通知書発送"), ("子育て支援課", "認定通知書の発送"), ("学務課", "就学通知書発送"),
                ("収納課", "督促状発送"), ("上下水道局", "口座振替不能通知")],
    "check": [("収納課", "口座名義人照合"), ("子育て支援課", "身分証明書チェック"),
              ("上下水道局", "申込内容オペレーター確認")],
    "master_vs_rekey": [("市民窓口課", "住民記録の異動入力"), ("高齢介護課", "被保険者台帳への転記入力")],
    "review": [("高齢介護課", "介護認定審査会"), ("子育て支援課", "認定審査"), ("課税課", "申告書審査")],
    "batch": [("課税課", "税額計算"), ("国民健康保険課", K("ホンサンテイ")), ("高齢介護課", "保険料本算定")],
}  # fmt: skip
SILOS = {
    "氏名": [("市民窓口課", "氏名"), ("課税課", "F01"), ("収納課", "納税者氏名"), ("子育て支援課", "申請者氏名"),
             ("高齢介護課", "被保険者氏名"), ("上下水道局", "使用者氏名"), ("学務課", "保護者氏名")],
    "カナ氏名": [("市民窓口課", "氏名フリガナ"), ("課税課", "F02"), ("国民健康保険課", "ITEM_01"),
                 ("子育て支援課", "申請者カナ"), ("高齢介護課", "氏名カナ")],
    "生年月日": [("市民窓口課", "生年月日"), ("課税課", "F03"), ("国民健康保険課", "ITEM_02"),
                 ("子育て支援課", "申請者生年月日"), ("高齢介護課", "生年月日")],
    "性別": [("市民窓口課", "性別"), ("国民健康保険課", "ITEM_03"), ("高齢介護課", "性別")],
    "住所": [("市民窓口課", "住所"), ("課税課", "F04"), ("収納課", "納税者住所"), ("国民健康保険課", "ITEM_04"),
             ("子育て支援課", "現住所"), ("高齢介護課", "住所地"), ("上下水道局", "使用場所"), ("学務課", "保護者住所")],
    "電話": [("市民窓口課", "電話番号"), ("課税課", "F05"), ("収納課", "連絡先電話"), ("国民健康保険課", "ITEM_05"),
             ("子育て支援課", "携帯電話"), ("高齢介護課", "連絡先"), ("上下水道局", "連絡先電話番号"),
             ("学務課", "保護者電話")],
    "口座": [("課税課", "F06"), ("収納課", "振替口座"), ("国民健康保険課", "ITEM_06"), ("子育て支援課", "振込先口座"),
             ("高齢介護課", "振込口座"), ("上下水道局", "引落口座"), ("学務課", "振込口座")],
    "所得": [("課税課", "F07"), ("国民健康保険課", "ITEM_07"), ("子育て支援課", "所得額"), ("高齢介護課", "所得金額"),
             ("学務課", "所得額")],
}  # fmt: skip
DECOYS = [
    ("課税課", "F08"), ("国民健康保険課", "ITEM_08"), ("子育て支援課", "児童氏名"), ("子育て支援課", "児童生年月日"),
    ("子育て支援課", "保育施設所在地"), ("子育て支援課", "勤務先電話"), ("高齢介護課", "入所施設所在地"),
    ("高齢介護課", "緊急連絡先電話"), ("上下水道局", "支払者氏名"), ("学務課", "就学予定校"), ("学務課", "学校所在地"),
]  # fmt: skip

LAYOUTS = {
    "KZ0100": ("課税課 個人住民税 宛名・課税レコード (固定長→CSV変換)",
               ["UKE_NO 受付番号", "SHORI_MEI 処理名", "SYORI_NICHIJI 処理日時", "OPE_ID オペレータID",
                "ATENA_NO 宛名番号", "F01 氏名(漢字, 外字は常用字に置換)", "F02 氏名カナ(全角)",
                "F03 生年月日(西暦YYYYMMDD)", "F04 住所(全角, 市名省略)", "F05 電話番号(ハイフンなし)",
                "F06 還付口座(金融機関コード-支店コード-種別-番号)", "F07 総所得金額(円)",
                "F08 送付先住所(納税管理人等, 本人住所と異なる場合のみ)"]),
    "KH0200": ("国民健康保険課 被保険者異動レコード (半角カナ, JIS8)",
               ["RENBAN 連番", "GYOMU_MEI 業務名(半角カナ)", "SYORI_YMDHM 処理日時(和暦)", "TANTO_CD 担当コード",
                "KOJIN_NO 宛名番号", "ITEM_01 被保険者カナ氏名(半角, 拗促音は大文字)", "ITEM_02 生年月日(和暦)",
                "ITEM_03 性別(1:男 2:女)", "ITEM_04 住所", "ITEM_05 電話番号", "ITEM_06 口座(銀行支店コード 種別 番号)",
                "ITEM_07 所得(円)", "ITEM_08 前勤務先名称", "ITEM_09 前保険者名称"]),
}  # fmt: skip


def _write_csv(path: Path, header: list[str], rows: list[tuple]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_truth(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _write_csv(folder / "duplicates.csv", ["cluster", "department", "activity"],
               [(c, d, a) for c, members in DUPLICATES.items() for d, a in members])  # fmt: skip
    _write_csv(folder / "negatives.csv", ["group", "department", "activity"],
               [(g, d, a) for g, members in NEGATIVES.items() for d, a in members])  # fmt: skip
    _write_csv(folder / "silos.csv", ["field", "department", "column"],
               [(f, d, c) for f, members in SILOS.items() for d, c in members])  # fmt: skip
    _write_csv(folder / "decoys.csv", ["department", "column"], DECOYS)


def write_toml(folder: Path, exports: dict[str, Export]) -> None:
    lines = ["# ひばりが丘市: department names per file; the mainframe extracts' role columns",
             "# were mapped from their record layouts (see ../layouts/)."]  # fmt: skip
    for key, ex in exports.items():
        lines += ["", f'[files."{ex.file}"]', f'department = "{ex.department}"']
        if ex.encoding == "cp932":
            lines.append('encoding = "cp932"')
        if key in ("kazei", "kokuho"):
            lines.append(f'[files."{ex.file}".columns]')
            lines += [f'{role} = "{column}"' for role, column in ex.roles.items()]
    (folder / "procmine.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_layouts(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (title, items) in LAYOUTS.items():
        (folder / f"{name}_layout.txt").write_text(
            title + "\n" + "\n".join(items) + "\n", encoding="utf-8"
        )


def check_truth(exports: dict[str, Export]) -> None:
    """Every truth activity and column exists in its department's export."""
    by_dept = {ex.department: ex for ex in exports.values()}
    activities = {
        (ex.department, r[ex.roles["activity"]]) for ex in exports.values() for r in ex.rows
    }
    for members in list(DUPLICATES.values()) + list(NEGATIVES.values()):
        for pair in members:
            if pair not in activities:
                raise SystemExit(f"truth names an activity that is not exported: {pair}")
    for dept, column in [m for ms in SILOS.values() for m in ms] + DECOYS:
        ex = by_dept[dept]
        if column not in ex.data or not any(r.get(column) for r in ex.rows):
            raise SystemExit(f"truth names an empty or missing column: {dept} {column}")


def make(out: Path, seed: int = 7, residents: int = 3000) -> str:
    rng = random.Random(seed)
    households = make_residents(rng, residents)
    city = City(rng, households)
    city.run()
    check_truth(city.ex)
    folder = out / "city"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file():
            old.unlink()
    for ex in city.ex.values():
        ex.write(folder)
    write_toml(folder, city.ex)
    write_layouts(out / "layouts")
    write_truth(out / "truth")
    people = sum(len(h.members) for h in households)
    events = sum(len(ex.rows) for ex in city.ex.values())
    return f"{len(city.ex)} departments, {people} residents, {events} events in {folder}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--residents", type=int, default=3000)
    args = parser.parse_args()
    print(make(args.out, args.seed, args.residents))


if __name__ == "__main__":
    main()
