"""うみかぜ町 (Umikaze-chō): a held-out test town for procmine, with its ground truth.

Usage::

    .venv/bin/python benchmarks/umikaze_town.py OUT [--seed 2611] [--residents 3000]

Written on 2026-11-28 by an outside reviewer who had not read procmine's source, its sample
generator, ``sample_logs/``, the tests or the other towns' generators (only the README, the
domain research and the truth format of ``benchmarks/independent_towns.py``), as a held-out
set: its errors are to be read, not tuned to.

The town is small (about 3,000 residents, one fiscal year from 2026-04-01) and partly reformed:
a 総合窓口 (one-stop counter) checks identity and guides residents through their procedures,
but the back offices still check identity again, have forms written again and re-key the
address. What is exported, as a small town's integrated 基幹系 package plus two separate
systems would export it:

* ``kikan_log.csv`` (UTF-8 with BOM): the package's combined audit log of five sections
  (総合窓口, 住民保険課, 税務会計課, 福祉課, 環境課), named in the columns 所属CD and 所属名;
  every step is two rows, 状態 = 開始 and 完了 (a system step only 完了), with the data the
  step captured on its 完了 row; the resident key 宛名コード is zero-padded to 8 digits;
* ``suido_kyokyu.xes`` (上下水道課, a separate water-billing system): XES with
  ``lifecycle:transition`` start / complete, the resident key as a trace attribute 宛名番号
  without padding;
* ``gakurei_system.parquet`` (教育課, the school-register system): start and end columns,
  typed timestamps and dates, the key as an integer ``atena_cd``, keyed on the child;
* ``procmine.toml`` naming the two separate files' departments (nothing else).

Labels mix Japanese, katakana loanwords and English system steps (Kiosk受付, BATCH_SYNC,
INCOME_INQUIRY) and word the same work differently in each section. Data columns keep each
system's own copy of the resident: addresses with 丁目/番/号 or hyphens, full-width digits,
kanji numerals, 大字/字 omitted, ヶ/ケ and the town's name prefixed; addresses left stale after
a 転居; names with variant kanji (髙橋, 齋藤 …) and spaces or none; home or mobile phones with or
without hyphens; bank accounts by name, by 全銀 code or in half-width kana, and a second
account in some systems. Decoy columns look like resident fields but hold other data: a care
facility's address, an emergency contact's and an employer's phone, a landlord's name, the
water meter's land-lot address, a pupil's guardian's name.

``OUT/town/`` receives the exports, ``OUT/truth/`` the ground truth: ``duplicates.csv``
(cluster, department, activity), ``negatives.csv`` (group, department, activity: pairs of
different work a matcher could confuse), ``silos.csv`` (field, department, column) and
``decoys.csv`` (department, column). Deterministic for a seed; runs in a few seconds.
"""

from __future__ import annotations

import argparse
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

# ---------------------------------------------------------------------------------------------
# Ground truth, written before procmine was run on the town.

FRONT, JUMIN, ZEIMU, FUKUSHI, KANKYO, SUIDO, KYOIKU = (
    "総合窓口", "住民保険課", "税務会計課", "福祉課", "環境課", "上下水道課", "教育課",
)  # fmt: skip

DUPLICATES: dict[str, list[tuple[str, str]]] = {
    "identity": [
        (FRONT, "来庁者本人確認"), (JUMIN, "身元確認"), (ZEIMU, "本人確認書類チェック"),
        (FUKUSHI, "ID確認"), (SUIDO, "申込者確認"), (KYOIKU, "保護者確認"),
    ],
    "form": [
        (FRONT, "総合受付票記入"), (JUMIN, "異動届記入"), (ZEIMU, "原付登録申告書記入"),
        (FUKUSHI, "福祉申請書への記入"), (KANKYO, "ごみ袋引換票記入"),
        (SUIDO, "使用開始申込書記入"), (KYOIKU, "就学届出書の記入"),
    ],
    "address_rekey": [
        (JUMIN, "住記異動入力"), (ZEIMU, "課税台帳住所補正"), (FUKUSHI, "受給者住所変更入力"),
        (SUIDO, "使用者情報入力"), (KYOIKU, "学齢簿異動登録"),
    ],
    "account": [
        (JUMIN, "国保税振替口座の登録"), (ZEIMU, "口座振替依頼書受付"), (FUKUSHI, "支給口座登録"),
        (SUIDO, "口座振替申込受付"),
    ],
    "income_inquiry": [
        (JUMIN, "所得照会（国保税算定）"), (FUKUSHI, "課税状況の確認依頼"),
        (KYOIKU, "INCOME_INQUIRY"),
    ],
    "queue": [(FRONT, "Kiosk受付"), (ZEIMU, "窓口整理券"), (FUKUSHI, "呼出番号発券")],
    "guidance": [(FRONT, "手続きナビ案内"), (FUKUSHI, "該当手続のご案内")],
    "batch": [(ZEIMU, "BATCH_SYNC"), (KYOIKU, "JUKI_SYNC")],
}  # fmt: skip

NEGATIVES: dict[str, list[tuple[str, str]]] = {
    "tennyu_vs_tennyugaku": [(JUMIN, "転入届受理"), (KYOIKU, "転入学通知")],
    "koza_stop_vs_fukushi": [(ZEIMU, "口座振替停止"), (FUKUSHI, "支給口座登録")],
    "koza_stop_vs_suido": [(ZEIMU, "口座振替停止"), (SUIDO, "口座振替申込受付")],
    "koza_stop_vs_kokuho": [(ZEIMU, "口座振替停止"), (JUMIN, "国保税振替口座の登録")],
    "honnin_tsuchi_vs_front": [(JUMIN, "本人通知制度の登録"), (FRONT, "来庁者本人確認")],
    "honnin_tsuchi_vs_zeimu": [(JUMIN, "本人通知制度の登録"), (ZEIMU, "本人確認書類チェック")],
    "honnin_tsuchi_vs_fukushi": [(JUMIN, "本人通知制度の登録"), (FUKUSHI, "ID確認")],
    "shotoku_cert_vs_kokuho": [(ZEIMU, "所得証明発行"), (JUMIN, "所得照会（国保税算定）")],
    "shotoku_cert_vs_fukushi": [(ZEIMU, "所得証明発行"), (FUKUSHI, "課税状況の確認依頼")],
    "shotoku_cert_vs_kyoiku": [(ZEIMU, "所得証明発行"), (KYOIKU, "INCOME_INQUIRY")],
    "gomi_vs_navi": [(KANKYO, "ごみ分別案内"), (FRONT, "手続きナビ案内")],
    "gomi_vs_fukushi_annai": [(KANKYO, "ごみ分別案内"), (FUKUSHI, "該当手続のご案内")],
    "kofu_hyoshiki_vs_techo": [(ZEIMU, "標識交付"), (FUKUSHI, "手帳交付")],
    "kofu_hyoshiki_vs_juminhyo": [(ZEIMU, "標識交付"), (JUMIN, "住民票の写し交付")],
    "kofu_techo_vs_juminhyo": [(FUKUSHI, "手帳交付"), (JUMIN, "住民票の写し交付")],
    "tsuchi_enjo_vs_kaigo": [(KYOIKU, "援助決定通知"), (FUKUSHI, "認定結果通知")],
}  # fmt: skip

SILOS: dict[str, list[tuple[str, str]]] = {
    "氏名": [
        (FRONT, "受付票氏名"), (JUMIN, "氏名"), (ZEIMU, "納税義務者名"), (FUKUSHI, "受給者氏名"),
        (KANKYO, "申請者名"), (SUIDO, "使用者氏名"), (KYOIKU, "児童氏名"),
    ],
    "カナ氏名": [(JUMIN, "氏名カナ"), (SUIDO, "使用者カナ")],
    "住所": [
        (FRONT, "受付票住所"), (JUMIN, "住所"), (ZEIMU, "送付先住所"), (FUKUSHI, "受給者住所"),
        (KANKYO, "配布先住所"), (SUIDO, "請求先住所"), (KYOIKU, "住所"),
    ],
    "生年月日": [
        (JUMIN, "生年月日"), (ZEIMU, "納税者生年月日"), (FUKUSHI, "生年月日"),
        (KYOIKU, "生年月日"),
    ],
    "電話番号": [
        (FRONT, "受付票電話"), (JUMIN, "電話番号"), (ZEIMU, "連絡先TEL"),
        (FUKUSHI, "連絡先電話"), (SUIDO, "連絡先"),
    ],
    "口座": [
        (JUMIN, "国保振替口座"), (ZEIMU, "振替口座"), (FUKUSHI, "支給口座"), (SUIDO, "振替口座"),
    ],
}  # fmt: skip

DECOYS: list[tuple[str, str]] = [
    (FUKUSHI, "入所施設所在地"),  # the care facility's address
    (FUKUSHI, "緊急連絡先TEL"),  # a relative's phone
    (ZEIMU, "勤務先TEL"),  # the employer's phone
    (SUIDO, "建物所有者"),  # the landlord's name (本人 for an owner)
    (SUIDO, "給水装置設置場所"),  # the meter's land-lot (地番) address
    (KYOIKU, "保護者氏名"),  # the pupil's guardian
]

# ---------------------------------------------------------------------------------------------
# Vocabulary of the town.

SECTION_CODES = {FRONT: "0110", JUMIN: "0120", ZEIMU: "0210", FUKUSHI: "0310", KANKYO: "0410"}
KIKAN_COLUMNS = [
    "受付No", "所属CD", "所属名", "処理名", "状態", "記録日時", "操作者", "端末ID", "宛名コード",
    "受付票氏名", "受付票住所", "受付票電話",
    "氏名", "氏名カナ", "住所", "生年月日", "電話番号", "国保振替口座",
    "納税義務者名", "送付先住所", "納税者生年月日", "連絡先TEL", "勤務先TEL", "振替口座",
    "受給者氏名", "受給者住所", "連絡先電話", "支給口座", "入所施設所在地", "緊急連絡先TEL",
    "申請者名", "配布先住所", "備考",
]  # fmt: skip

SURNAMES = [
    ("佐藤", "サトウ", ""), ("鈴木", "スズキ", ""), ("高橋", "タカハシ", "髙橋"),
    ("田中", "タナカ", ""), ("渡辺", "ワタナベ", "渡邊"), ("伊藤", "イトウ", ""),
    ("山本", "ヤマモト", ""), ("中村", "ナカムラ", ""), ("小林", "コバヤシ", ""),
    ("斎藤", "サイトウ", "齋藤"), ("加藤", "カトウ", ""), ("吉田", "ヨシダ", "𠮷田"),
    ("山崎", "ヤマザキ", "山﨑"), ("浜田", "ハマダ", "濱田"), ("沢井", "サワイ", "澤井"),
    ("松本", "マツモト", ""), ("井上", "イノウエ", ""), ("木村", "キムラ", ""),
    ("清水", "シミズ", ""), ("森", "モリ", ""), ("池田", "イケダ", ""), ("橋本", "ハシモト", ""),
    ("石川", "イシカワ", ""), ("前田", "マエダ", ""), ("岡田", "オカダ", ""),
    ("長谷川", "ハセガワ", ""), ("村上", "ムラカミ", ""), ("近藤", "コンドウ", ""),
    ("坂本", "サカモト", ""), ("遠藤", "エンドウ", ""), ("青木", "アオキ", ""),
    ("西村", "ニシムラ", ""), ("福田", "フクダ", ""), ("太田", "オオタ", ""),
    ("三浦", "ミウラ", ""), ("藤井", "フジイ", ""), ("宮崎", "ミヤザキ", "宮﨑"),
    ("高木", "タカギ", "髙木"), ("岩崎", "イワサキ", "岩﨑"), ("辺見", "ヘンミ", "邊見"),
    ("磯野", "イソノ", ""), ("潮田", "ウシオダ", ""), ("浦川", "ウラカワ", ""),
    ("汐崎", "シオザキ", "汐﨑"), ("網本", "アミモト", ""), ("船越", "フナコシ", ""),
]  # fmt: skip
GIVEN_M = [
    ("翔太", "ショウタ"), ("大輔", "ダイスケ"), ("健一", "ケンイチ"), ("誠", "マコト"),
    ("浩二", "コウジ"), ("蓮", "レン"), ("湊", "ミナト"), ("悠真", "ユウマ"), ("隆", "タカシ"),
    ("勇気", "ユウキ"), ("正雄", "マサオ"), ("海斗", "カイト"), ("達也", "タツヤ"),
    ("陽翔", "ハルト"), ("和夫", "カズオ"), ("亮", "リョウ"), ("拓海", "タクミ"),
]  # fmt: skip
GIVEN_F = [
    ("陽子", "ヨウコ"), ("美咲", "ミサキ"), ("由美", "ユミ"), ("恵子", "ケイコ"),
    ("結衣", "ユイ"), ("葵", "アオイ"), ("さくら", "サクラ"), ("凪", "ナギ"), ("真由美", "マユミ"),
    ("千尋", "チヒロ"), ("陽菜", "ヒナ"), ("幸子", "サチコ"), ("七海", "ナナミ"),
    ("美和", "ミワ"), ("澄子", "スミコ"), ("芽衣", "メイ"),
]  # fmt: skip

# 住居表示 areas (丁目・番・号) and 大字 areas (番地, some with 字).
JUKYO = {"汐見": 4, "松ヶ丘": 3, "岬台": 2, "港町": 2}
OAZA = {"浜川": [""], "磯部": ["東浦", "西浦", "高台"]}
BUILDINGS = ["コーポ潮風", "シーサイド汐見", "ハイツ松ヶ丘", "メゾン岬", "うみかぜ荘"]
LANDLORDS = ["潮田 守", "浦川不動産", "船越 清", "(有)みさき建設", "網本 トメ"]
FACILITIES = [
    "大字浜川2201番地 特別養護老人ホーム潮騒苑",
    "岬台2丁目5番1号 グループホームみさき",
    "大字磯部字高台410番地 介護老人保健施設うみかぜ",
]
EMPLOYERS = ["0599-43-7700", "0599-44-1200", "0599-45-3310", "059-228-4411", "03-5212-0808"]
BANKS = [  # name, kana, code, branches (name, kana, code)
    ("浜風銀行", "ﾊﾏｶｾﾞ", "0571", [("汐見支店", "ｼｵﾐ", "012"), ("本店", "ﾎﾝﾃﾝ", "001")]),
    ("うみかぜ信用金庫", "ｳﾐｶｾﾞｼﾝｷﾝ", "1563", [("本店", "ﾎﾝﾃﾝ", "001"), ("磯部支店", "ｲｿﾍﾞ", "004")]),
    ("潮見農業協同組合", "ｼｵﾐﾉｳｷﾖｳ", "9374", [("うみかぜ支所", "ｳﾐｶｾﾞ", "031")]),
    ("ゆうちょ銀行", "ﾕｳﾁﾖ", "9900", [("四〇八支店", "ﾖﾝｾﾞﾛﾊﾁ", "408")]),
]  # fmt: skip

FULL_DIGITS = str.maketrans("0123456789-", "０１２３４５６７８９－")
KANJI_DIGITS = "〇一二三四五六七八九"


def kanji_number(n: int) -> str:
    """1234 → 千二百三十四."""
    if n == 0:
        return "〇"
    out = ""
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        q, n = divmod(n, value)
        if q:
            out += ("" if q == 1 else KANJI_DIGITS[q]) + unit
    return out + (KANJI_DIGITS[n] if n else "")


def _half_kana_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in range(0xFF66, 0xFF9E):
        half = chr(code)
        table.setdefault(unicodedata.normalize("NFKC", half), half)
        for mark in ("ﾞ", "ﾟ"):
            full = unicodedata.normalize("NFKC", half + mark)
            if len(full) == 1:
                table.setdefault(full, half + mark)
    table["　"] = " "
    return table


HALF_KANA = _half_kana_table()


def half_kana(text: str) -> str:
    return "".join(HALF_KANA.get(ch, ch) for ch in text)


def wareki(d: date) -> str:
    """A date in the Japanese era calendar, 昭和60年4月12日."""
    for start, era in ((date(2019, 5, 1), "令和"), (date(1989, 1, 8), "平成"),
                       (date(1926, 12, 25), "昭和"), (date(1912, 7, 30), "大正")):  # fmt: skip
        if d >= start:
            year = d.year - start.year + 1
            return f"{era}{'元' if year == 1 else year}年{d.month}月{d.day}日"
    return f"明治{d.year - 1867}年{d.month}月{d.day}日"


# ---------------------------------------------------------------------------------------------
# Residents.


@dataclass(frozen=True)
class Address:
    area: str
    chome: int  # 0 in a 大字 area
    ban: int
    go: int  # 枝番 in a 大字 area (0: none)
    aza: str = ""
    building: str = ""
    room: int = 0

    def render(self, style: str) -> str:
        """The address as one system writes it."""
        area = self.area
        if style in ("zeimu", "kankyo") and "ヶ" in area:
            area = area.replace("ヶ", "ケ")
        if self.chome:
            body = {
                "juki": f"{area}{self.chome}丁目{self.ban}番{self.go}号",
                "hyphen": f"{area}{self.chome}-{self.ban}-{self.go}",
                "zeimu": f"{area}{self.chome}丁目{self.ban}番{self.go}号".translate(FULL_DIGITS),
                "kanji": f"{area}{kanji_number(self.chome)}丁目{kanji_number(self.ban)}番"
                f"{kanji_number(self.go)}号",
                "school": f"{area}{self.chome}丁目{self.ban}-{self.go}",
            }[style if style != "kankyo" else "hyphen"]
        else:
            eda = f"{self.go}" if self.go else ""
            aza = f"字{self.aza}" if self.aza else ""
            body = {
                "juki": f"大字{area}{aza}{self.ban}番地{eda}",
                "hyphen": f"{area}{self.aza}{self.ban}" + (f"-{eda}" if eda else ""),
                "zeimu": f"大字{area}{aza}{self.ban}番地{eda}".translate(FULL_DIGITS),
                "kanji": f"{area}{self.aza}{kanji_number(self.ban)}番地"
                + (kanji_number(self.go) if self.go else ""),
                "school": f"{area}{aza}{self.ban}" + (f"-{eda}" if eda else ""),
            }[style if style != "kankyo" else "hyphen"]
        if style == "kankyo":
            body = "うみかぜ町" + body
        if not self.building:
            return body
        if style == "hyphen":
            return f"{body} {self.building}{self.room}"
        if style == "kankyo":
            return f"{body}-{self.room}"
        if style == "zeimu":
            return f"{body}　{self.building}{self.room}号室".translate(FULL_DIGITS)
        return f"{body} {self.building} {self.room}号"

    def land_lot(self, rng: random.Random) -> str:
        """The water meter's parcel (地番), which is not the 住居表示 address."""
        aza = self.aza or rng.choice(["前田", "東浦", "北浜", "宮ノ下"])
        return f"大字{self.area.replace('ヶ', 'ケ')}字{aza}{rng.randint(100, 2999)}番{rng.randint(1, 12)}"


@dataclass
class Account:
    bank: int
    branch: int
    number: str

    def render(self, style: str) -> str:
        name, kana, code, branches = BANKS[self.bank]
        bname, bkana, bcode = branches[self.branch]
        return {
            "jumin": f"{name} {bname} 普通 {self.number}",
            "zeimu": f"{code}-{bcode}-{self.number}",
            "fukushi": f"{name}{bname}（普）{self.number}",
            "suido": f"{kana} {bkana} ﾌﾂｳ {self.number}",
        }[style]


@dataclass
class Person:
    pid: int
    surname: int
    given: str
    given_kana: str
    birth: date
    mobile: str
    account: Account
    second_account: Account | None
    formal: bool  # registered with the variant kanji of the surname
    household: Household | None = None
    first_address: Address | None = None  # what every system held when it first knew the resident


@dataclass
class Household:
    hid: int
    address: Address
    home_phone: str
    tenant: bool
    landlord: str
    members: list[Person] = field(default_factory=list)
    kokuho: bool = False
    gentsuki: bool = False
    care: Person | None = None
    facility: str = ""

    @property
    def head(self) -> Person:
        return self.members[0]

    def children(self, today: date, low: int, high: int) -> list[Person]:
        return [m for m in self.members if low <= age(m.birth, today) <= high]


def age(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


# ---------------------------------------------------------------------------------------------
# The town's systems.


@dataclass
class Copy:
    """One system's copy of a resident (what it shows when it records the resident)."""

    address: Address | None = None


class Town:
    """Residents, life events and the three exports, drawn from one seed."""

    def __init__(self, seed: int, residents: int) -> None:
        self.rng = random.Random(seed)
        self.start = date(2026, 4, 1)
        self.end = date(2027, 3, 31)
        self.kikan: list[dict[str, str]] = []
        self.xes: dict[str, tuple[int, list[dict[str, str]]]] = {}
        self.parquet: list[dict[str, object]] = []
        self.case_no = 0
        self.copies: dict[tuple[str, int], Copy] = {}
        self.next_pid = 10_001
        self.households: list[Household] = []
        self.target = residents
        self.phone_pref: dict[tuple[str, int], str] = {}

    # -- residents -----------------------------------------------------------------------
    def _phone(self, mobile: bool) -> str:
        r = self.rng
        if mobile:
            return f"0{r.choice('789')}0-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
        return f"0599-{r.randint(40, 48)}-{r.randint(1000, 9999)}"

    def _account(self) -> Account:
        bank = self.rng.choices(range(len(BANKS)), weights=[5, 3, 2, 2])[0]
        return Account(bank, self.rng.randrange(len(BANKS[bank][3])),
                       f"{self.rng.randint(0, 9999999):07d}")  # fmt: skip

    def _address(self) -> Address:
        r = self.rng
        if r.random() < 0.7:
            area = r.choice(sorted(JUKYO))
            building = r.choice(BUILDINGS) if r.random() < 0.25 else ""
            return Address(area, r.randint(1, JUKYO[area]), r.randint(1, 28), r.randint(1, 20),
                           building=building, room=r.choice([101, 102, 201, 202, 203, 301])
                           if building else 0)  # fmt: skip
        area = r.choice(sorted(OAZA))
        return Address(area, 0, r.randint(1, 2400), r.choice([0, 0, 1, 2, 3, 5]),
                       aza=r.choice(OAZA[area]))  # fmt: skip

    def _person(self, surname: int, birth: date, female: bool) -> Person:
        r = self.rng
        given, kana = r.choice(GIVEN_F if female else GIVEN_M)
        pid = self.next_pid
        self.next_pid += r.randint(1, 4)
        return Person(pid, surname, given, kana, birth,
                      self._phone(True) if age(birth, self.start) >= 16 and r.random() < 0.75
                      else "",
                      self._account(), self._account() if r.random() < 0.15 else None,
                      bool(SURNAMES[surname][2]) and r.random() < 0.5)  # fmt: skip

    def _birth(self, low: int, high: int) -> date:
        base = date(self.start.year - high - 1, 4, 2)
        return base + timedelta(days=self.rng.randint(0, (high - low + 1) * 365 - 1))

    def household(self) -> Household:
        r = self.rng
        surname = r.randrange(len(SURNAMES))
        kind = r.choices(["single", "couple", "family", "elderly"], weights=[3, 2, 3, 2])[0]
        tenant = r.random() < 0.35
        home = Household(len(self.households) + 1, self._address(), self._phone(False), tenant,
                         r.choice(LANDLORDS) if tenant else "本人")  # fmt: skip
        if kind == "elderly":
            heads = [self._birth(66, 92), self._birth(64, 90)][: r.choice([1, 2])]
        elif kind == "single":
            heads = [self._birth(19, 80)]
        else:
            heads = [self._birth(26, 55), self._birth(25, 53)]
        for i, birth in enumerate(heads):
            home.members.append(self._person(surname, birth, female=i == 1))
        if kind == "family":
            for _ in range(r.choice([1, 1, 2, 2, 3])):
                home.members.append(self._person(surname, self._birth(0, 17), r.random() < 0.5))
        for m in home.members:
            m.household = home
            m.first_address = home.address
        home.kokuho = r.random() < (0.75 if kind == "elderly" else 0.25)
        home.gentsuki = r.random() < 0.15
        old = [m for m in home.members if age(m.birth, self.start) >= 65]
        if old and r.random() < 0.3:
            home.care = r.choice(old)
            home.facility = r.choice(FACILITIES) if r.random() < 0.4 else ""
        self.households.append(home)
        return home

    def population(self) -> int:
        return sum(len(h.members) for h in self.households)

    # -- each system's rendering of a resident -------------------------------------------
    def name(self, p: Person, dept: str) -> str:
        kanji, _, variant = SURNAMES[p.surname]
        surname = variant if p.formal and dept in (JUMIN, ZEIMU, KYOIKU) else kanji
        if p.formal and dept == SUIDO and self.rng.random() < 0.5:
            surname = variant
        sep = {FRONT: "", JUMIN: "　", ZEIMU: " ", FUKUSHI: "　", KANKYO: "", SUIDO: "　",
               KYOIKU: " "}[dept]  # fmt: skip
        return f"{surname}{sep}{p.given}"

    def kana(self, p: Person, half: bool) -> str:
        text = f"{SURNAMES[p.surname][1]}　{p.given_kana}"
        return half_kana(text) if half else text

    def phone(self, p: Person, dept: str) -> str:
        key = (dept, p.pid)
        if key not in self.phone_pref:
            home = p.household.home_phone if p.household else ""
            prefer_mobile = {FRONT: 0.8, JUMIN: 0.2, ZEIMU: 0.3, FUKUSHI: 0.5, SUIDO: 0.1}[dept]
            choice = p.mobile if p.mobile and self.rng.random() < prefer_mobile else home
            self.phone_pref[key] = choice
        value = self.phone_pref[key]
        if dept == ZEIMU:
            return value.replace("-", "")
        if dept == SUIDO and value.startswith("0599-"):
            return "(0599)" + value[5:]
        return value

    def address(self, p: Person, dept: str) -> str:
        copy = self.copies.setdefault((dept, p.pid), Copy())
        if copy.address is None:
            copy.address = p.first_address or self._address()
        style = {FRONT: "hyphen", JUMIN: "juki", ZEIMU: "zeimu", FUKUSHI: "kanji",
                 KANKYO: "kankyo", SUIDO: "juki", KYOIKU: "school"}[dept]  # fmt: skip
        text = copy.address.render(style)
        if dept == SUIDO:
            text = "うみかぜ町" + text
        if self.rng.random() < 0.015:  # a typing slip in this row
            text = text.replace("1", "7", 1) if "1" in text else text + "の2"
        return text

    def update(self, p: Person, dept: str) -> None:
        """This system now holds the resident's current address."""
        self.copies.setdefault((dept, p.pid), Copy()).address = (
            p.household.address if p.household else None
        )

    def account(self, p: Person, dept: str, style: str) -> str:
        use_second = p.second_account is not None and (p.pid + len(dept)) % 3 == 0
        return (p.second_account if use_second and p.second_account else p.account).render(style)

    def birth(self, p: Person, dept: str) -> str:
        if dept == JUMIN:
            return p.birth.strftime("%Y/%m/%d")
        if dept == ZEIMU:
            return wareki(p.birth)
        return f"{p.birth.year}年{p.birth.month}月{p.birth.day}日"

    # -- writing events --------------------------------------------------------------------
    def case(self, prefix: str) -> str:
        self.case_no += 1
        return f"{prefix}{self.case_no:06d}"

    def k(self, dept: str, case: str, act: str, t: datetime, minutes: float, who: str,
          p: Person, data: dict[str, str] | None = None) -> datetime:  # fmt: skip
        """One step of the 基幹系 package: a 開始 and a 完了 row (a system step: 完了 only)."""
        end = t + timedelta(minutes=minutes)
        row = {"受付No": case, "所属CD": SECTION_CODES[dept], "所属名": dept, "処理名": act,
               "操作者": who, "端末ID": f"T{SECTION_CODES[dept][1:3]}-{self.rng.randint(1, 4):02d}",
               "宛名コード": f"{p.pid:08d}"}  # fmt: skip
        if minutes > 0:
            self.kikan.append({**row, "状態": "開始", "記録日時": _fmt(t)})
        self.kikan.append({**row, "状態": "完了", "記録日時": _fmt(end), **(data or {})})
        return end

    def x(self, case: str, act: str, t: datetime, minutes: float, who: str, p: Person,
          data: dict[str, str] | None = None) -> datetime:  # fmt: skip
        """One step of the water-billing system (XES start and complete events)."""
        end = t + timedelta(minutes=minutes)
        _, events = self.xes.setdefault(case, (p.pid, []))
        base = {"concept:name": act, "org:resource": who}
        events.append({**base, "lifecycle:transition": "start", "time:timestamp": _iso(t)})
        events.append({**base, "lifecycle:transition": "complete", "time:timestamp": _iso(end),
                       **(data or {})})  # fmt: skip
        return end

    def q(self, case: int, act: str, t: datetime, minutes: float, who: str, p: Person,
          data: dict[str, object] | None = None) -> datetime:  # fmt: skip
        """One step of the school-register system (start and end columns)."""
        end = t + timedelta(minutes=minutes)
        self.parquet.append({"処理ID": case, "処理区分": act, "開始日時": t, "終了日時": end,
                             "担当": who, "atena_cd": p.pid, **(data or {})})  # fmt: skip
        return end

    # -- time ------------------------------------------------------------------------------
    def minutes(self, median: float) -> float:
        return round(max(0.5, self.rng.lognormvariate(0, 0.35) * median), 2)

    def wait(self, t: datetime, low: float = 1, high: float = 6) -> datetime:
        return t + timedelta(minutes=self.rng.uniform(low, high))

    def back_office(self, day: date, low: int, high: int) -> datetime:
        d = workday(day + timedelta(days=self.rng.randint(low, high)))
        return datetime.combine(d, datetime.min.time()) + timedelta(
            minutes=self.rng.randint(9 * 60, 16 * 60 + 30)
        )

    def visit_day(self) -> datetime:
        r = self.rng
        weights = [3, 1.4, 1, 1, 1, 1, 1, 1, 1, 1, 1.3, 2.8]  # April … March
        month = r.choices(range(12), weights=weights)[0]
        first = date(2026 + (month >= 9), (month + 3) % 12 + 1, 1)
        d = workday(first + timedelta(days=r.randint(0, 27)))
        return datetime.combine(d, datetime.min.time()) + timedelta(
            minutes=r.randint(8 * 60 + 30, 15 * 60 + 30)
        )

    def staff(self, dept: str) -> str:
        pools = {FRONT: ("SG", 4), JUMIN: ("JH", 6), ZEIMU: ("ZK", 5), FUKUSHI: ("FK", 6),
                 KANKYO: ("KK", 2)}  # fmt: skip
        prefix, n = pools[dept]
        return f"{prefix}{self.rng.randint(1, n):03d}"

    # -- counters ----------------------------------------------------------------------------
    def front(self, p: Person, t: datetime, *, form: bool, navi: bool) -> datetime:
        case = self.case("R")
        t = self.k(FRONT, case, "Kiosk受付", t, 0, "KIOSK-1", p)
        t = self.k(FRONT, case, "来庁者本人確認", self.wait(t, 3, 25), self.minutes(2),
                   self.staff(FRONT), p)  # fmt: skip
        if form:
            self.update(p, FRONT)
            t = self.k(FRONT, case, "総合受付票記入", self.wait(t, 0.5, 2), self.minutes(5),
                       "本人記入", p, {"受付票氏名": self.name(p, FRONT),
                                       "受付票住所": self.address(p, FRONT),
                                       "受付票電話": self.phone(p, FRONT)})  # fmt: skip
        if navi:
            t = self.k(FRONT, case, "手続きナビ案内", self.wait(t, 0.5, 3), self.minutes(4),
                       self.staff(FRONT), p)  # fmt: skip
            t = self.k(FRONT, case, "各課への回付", t, self.minutes(1), self.staff(FRONT), p)
        return t

    def jumin_form(self, case: str, p: Person, t: datetime) -> datetime:
        self.update(p, JUMIN)
        t = self.k(JUMIN, case, "異動届記入", self.wait(t), self.minutes(6), "本人記入", p,
                   {"氏名": self.name(p, JUMIN), "住所": self.address(p, JUMIN),
                    "生年月日": self.birth(p, JUMIN), "電話番号": self.phone(p, JUMIN)})  # fmt: skip
        return self.k(JUMIN, case, "身元確認", self.wait(t, 0.5, 3), self.minutes(2),
                      self.staff(JUMIN), p)  # fmt: skip

    def juki_input(
        self, case: str, home: Household, t: datetime, members: list[Person]
    ) -> datetime:
        for m in members:
            self.update(m, JUMIN)
            t = self.k(JUMIN, case, "住記異動入力", t, self.minutes(2), self.staff(JUMIN), m,
                       {"氏名": self.name(m, JUMIN), "氏名カナ": self.kana(m, half=False),
                        "住所": self.address(m, JUMIN), "生年月日": self.birth(m, JUMIN)})  # fmt: skip
        return t

    def kokuho(self, home: Household, t: datetime, *, join: bool) -> datetime:
        p = home.head
        case = self.case("K")
        if not join:
            return self.k(JUMIN, case, "国保資格喪失", self.wait(t), self.minutes(4),
                          self.staff(JUMIN), p)  # fmt: skip
        t = self.k(JUMIN, case, "国保資格取得", self.wait(t), self.minutes(6), self.staff(JUMIN), p)
        if self.rng.random() < 0.5:
            t = self.k(JUMIN, case, "国保税振替口座の登録", t, self.minutes(3), self.staff(JUMIN),
                       p, {"国保振替口座": self.account(p, JUMIN, "jumin")})  # fmt: skip
        self.k(JUMIN, case, "所得照会（国保税算定）", self.back_office(t.date(), 2, 8),
               self.minutes(4), self.staff(JUMIN), p)  # fmt: skip
        return t

    def zeimu_counter(self, home: Household, t: datetime) -> datetime:
        p = home.head
        case = self.case("Z")
        t = self.k(ZEIMU, case, "窓口整理券", self.wait(t, 1, 4), 0, "整理券機", p)
        t = self.k(ZEIMU, case, "本人確認書類チェック", self.wait(t, 2, 15), self.minutes(2),
                   self.staff(ZEIMU), p)  # fmt: skip
        if home.gentsuki:
            self.update(p, ZEIMU)
            t = self.k(ZEIMU, case, "原付登録申告書記入", self.wait(t, 0.5, 2), self.minutes(4),
                       "本人記入", p, self.zeimu_data(p, with_work=True))  # fmt: skip
            t = self.k(ZEIMU, case, "標識交付", t, self.minutes(3), self.staff(ZEIMU), p)
        if not home.gentsuki or self.rng.random() < 0.3:
            t = self.k(ZEIMU, case, "口座振替依頼書受付", t, self.minutes(3), self.staff(ZEIMU), p,
                       {"納税義務者名": self.name(p, ZEIMU),
                        "振替口座": self.account(p, ZEIMU, "zeimu")})  # fmt: skip
        return t

    def zeimu_data(self, p: Person, *, with_work: bool) -> dict[str, str]:
        data = {"納税義務者名": self.name(p, ZEIMU), "送付先住所": self.address(p, ZEIMU),
                "納税者生年月日": self.birth(p, ZEIMU), "連絡先TEL": self.phone(p, ZEIMU)}  # fmt: skip
        if with_work and age(p.birth, self.start) < 65:
            data["勤務先TEL"] = self.rng.choice(EMPLOYERS)
        return data

    def zeimu_rekey(self, home: Household, day: date) -> None:
        p = home.head
        case = self.case("Z")
        night = datetime.combine(day + timedelta(days=1), datetime.min.time()) + timedelta(
            hours=2, minutes=self.rng.randint(0, 20)
        )
        self.k(ZEIMU, case, "BATCH_SYNC", night, 0, "SYSTEM", p)
        self.update(p, ZEIMU)
        self.k(ZEIMU, case, "課税台帳住所補正", self.back_office(day, 1, 4), self.minutes(3),
               self.staff(ZEIMU), p,
               {"納税義務者名": self.name(p, ZEIMU), "送付先住所": self.address(p, ZEIMU)})  # fmt: skip

    def fukushi(self, p: Person, t: datetime, *, kind: str, home: Household) -> datetime:
        """A 福祉課 counter visit: 児童手当, 介護 or 障害 (kind), then its back office."""
        case = self.case("F")
        t = self.k(FUKUSHI, case, "呼出番号発券", self.wait(t, 1, 4), 0, "発券機2", p)
        t = self.k(FUKUSHI, case, "ID確認", self.wait(t, 3, 30), self.minutes(2),
                   self.staff(FUKUSHI), p)  # fmt: skip
        self.update(p, FUKUSHI)
        data = {"受給者氏名": self.name(p, FUKUSHI), "受給者住所": self.address(p, FUKUSHI),
                "生年月日": self.birth(p, FUKUSHI), "連絡先電話": self.phone(p, FUKUSHI)}  # fmt: skip
        if kind != "jido" and self.rng.random() < 0.6:
            data["緊急連絡先TEL"] = self._phone(True)
        t = self.k(FUKUSHI, case, "福祉申請書への記入", self.wait(t, 0.5, 2), self.minutes(7),
                   "本人記入", p, data)  # fmt: skip
        if kind in ("jido", "tennyu"):
            t = self.k(
                FUKUSHI, case, "該当手続のご案内", t, self.minutes(4), self.staff(FUKUSHI), p
            )
        if kind == "jido":
            t = self.k(FUKUSHI, case, "支給口座登録", t, self.minutes(3), self.staff(FUKUSHI), p,
                       {"支給口座": self.account(p, FUKUSHI, "fukushi")})  # fmt: skip
            self.k(FUKUSHI, case, "課税状況の確認依頼", self.back_office(t.date(), 1, 6),
                   self.minutes(5), self.staff(FUKUSHI), p)  # fmt: skip
        if kind == "kaigo" and home.facility:
            t = self.k(FUKUSHI, case, "入所施設確認", t, self.minutes(3), self.staff(FUKUSHI), p,
                       {"入所施設所在地": home.facility})  # fmt: skip
        return t

    def fukushi_rekey(self, p: Person, day: date) -> None:
        case = self.case("F")
        self.update(p, FUKUSHI)
        self.k(FUKUSHI, case, "受給者住所変更入力", self.back_office(day, 1, 3), self.minutes(3),
               self.staff(FUKUSHI), p,
               {"受給者氏名": self.name(p, FUKUSHI), "受給者住所": self.address(p, FUKUSHI)})  # fmt: skip

    def kankyo(self, p: Person, t: datetime) -> datetime:
        case = self.case("E")
        self.update(p, KANKYO)
        t = self.k(KANKYO, case, "ごみ袋引換票記入", self.wait(t, 1, 5), self.minutes(2), "本人記入",
                   p, {"申請者名": self.name(p, KANKYO), "配布先住所": self.address(p, KANKYO)})  # fmt: skip
        t = self.k(KANKYO, case, "ごみ分別案内", t, self.minutes(4), self.staff(KANKYO), p)
        return self.k(KANKYO, case, "ごみ袋配布", t, self.minutes(1), self.staff(KANKYO), p)

    def suido_start(self, home: Household, t: datetime, *, counter: bool) -> datetime:
        p = home.head
        case = f"SW-{self.case('')}"
        clerk = f"料金係 {self.rng.choice(['田村', '小島', '浦野'])}"
        self.update(p, SUIDO)
        data = {"使用者氏名": self.name(p, SUIDO), "使用者カナ": self.kana(p, half=True),
                "請求先住所": self.address(p, SUIDO), "連絡先": self.phone(p, SUIDO),
                "建物所有者": home.landlord, "給水装置設置場所": home.address.land_lot(self.rng)}  # fmt: skip
        if counter:
            t = self.x(case, "申込者確認", self.wait(t, 2, 10), self.minutes(2), clerk, p)
            t = self.x(case, "使用開始申込書記入", self.wait(t, 0.5, 2), self.minutes(4), "申込者",
                       p, data)  # fmt: skip
            if self.rng.random() < 0.4:
                t = self.x(case, "口座振替申込受付", t, self.minutes(3), clerk, p,
                           {"振替口座": self.account(p, SUIDO, "suido")})  # fmt: skip
        else:
            phone_day = t - timedelta(
                days=self.rng.randint(2, 10), minutes=self.rng.randint(0, 200)
            )
            self.x(
                case,
                "電話受付",
                phone_day,
                self.minutes(5),
                clerk,
                p,
                {k: v for k, v in data.items() if k != "使用者カナ"},
            )
        day = t.date()
        self.x(case, "開栓作業", self.back_office(day, 0, 2), self.minutes(20), "委託作業員", p)
        self.x(case, "使用者情報入力", self.back_office(day, 1, 4), self.minutes(4), clerk, p,
               {"使用者氏名": self.name(p, SUIDO), "請求先住所": self.address(p, SUIDO)})  # fmt: skip
        return t

    def kyoiku(self, child: Person, guardian: Person, t: datetime, *, notice: bool) -> datetime:
        case = 500_000 + self.case_no
        self.case_no += 1
        clerk = f"学務 {self.rng.choice(['小川', '水野'])}"
        self.update(child, KYOIKU)
        t = self.q(case, "保護者確認", self.wait(t, 1, 6), self.minutes(2), clerk, child)
        t = self.q(case, "就学届出書の記入", self.wait(t, 0.5, 2), self.minutes(5), "保護者", child,
                   self.kyoiku_data(child, guardian))  # fmt: skip
        if notice:
            t = self.q(case, "転入学通知", t, self.minutes(5), clerk, child)
        self.q(case, "学齢簿異動登録", self.back_office(t.date(), 0, 2), self.minutes(3), clerk,
               child, {"住所": self.address(child, KYOIKU)})  # fmt: skip
        night = datetime.combine(t.date() + timedelta(days=1), datetime.min.time())
        self.q(case + 900_000, "JUKI_SYNC", night + timedelta(hours=1, minutes=30), 0.2, "SYSTEM",
               child)  # fmt: skip
        return t

    def kyoiku_data(self, child: Person, guardian: Person) -> dict[str, object]:
        return {"児童氏名": self.name(child, KYOIKU), "住所": self.address(child, KYOIKU),
                "生年月日": child.birth, "保護者氏名": self.name(guardian, KYOIKU)}  # fmt: skip

    # -- life events -------------------------------------------------------------------------
    def moving_in(self) -> None:
        home = self.household()
        p, t = home.head, self.visit_day()
        t = self.front(p, t, form=True, navi=True)
        case = self.case("J")
        t = self.jumin_form(case, p, t)
        t = self.k(JUMIN, case, "転入届受理", t, self.minutes(8), self.staff(JUMIN), p)
        t = self.juki_input(case, home, t, home.members)
        if home.kokuho:
            t = self.kokuho(home, t, join=True)
        today = t.date()
        kids = home.children(today, 0, 14)
        if kids:
            t = self.fukushi(p, t, kind="jido", home=home)
        if home.care:
            t = self.fukushi(home.care, t, kind="kaigo", home=home)
            self.fukushi_rekey(home.care, today)
        if home.gentsuki or self.rng.random() < 0.2:
            t = self.zeimu_counter(home, t)
        self.zeimu_rekey(home, today)
        for child in home.children(today, 6, 14):
            t = self.kyoiku(child, p, t, notice=True)
        t = self.kankyo(p, t)
        if self.rng.random() < 0.8:
            self.suido_start(home, self.wait(t, 10, 40), counter=self.rng.random() < 0.55)

    def moving_within(self, home: Household) -> None:
        p, t = home.head, self.visit_day()
        home.address = self._address()
        t = self.front(p, t, form=True, navi=True)
        case = self.case("J")
        t = self.jumin_form(case, p, t)
        t = self.k(JUMIN, case, "転居届受理", t, self.minutes(6), self.staff(JUMIN), p)
        t = self.juki_input(case, home, t, home.members)
        today = t.date()
        if home.children(today, 0, 14) and self.rng.random() < 0.7:
            t = self.fukushi(p, t, kind="tennyu", home=home)
            self.fukushi_rekey(p, today)
        if home.care and self.rng.random() < 0.5:
            self.fukushi_rekey(home.care, today)
        self.zeimu_rekey(home, today)
        for child in home.children(today, 6, 14):
            t = self.kyoiku(child, p, t, notice=self.rng.random() < 0.5)
        if self.rng.random() < 0.7:
            self.suido_start(home, t, counter=False)

    def moving_out(self, home: Household) -> None:
        p, t = home.head, self.visit_day()
        t = self.front(p, t, form=True, navi=True)
        case = self.case("J")
        t = self.jumin_form(case, p, t)
        t = self.k(JUMIN, case, "転出届受理", t, self.minutes(5), self.staff(JUMIN), p)
        if home.kokuho:
            t = self.kokuho(home, t, join=False)
        zcase = self.case("Z")
        self.k(ZEIMU, zcase, "口座振替停止", self.back_office(t.date(), 1, 5), self.minutes(2),
               self.staff(ZEIMU), p)  # fmt: skip
        if home.care:
            self.k(FUKUSHI, self.case("F"), "受給資格消滅", self.back_office(t.date(), 1, 5),
                   self.minutes(3), self.staff(FUKUSHI), home.care)  # fmt: skip
        scase = f"SW-{self.case('')}"
        clerk = "料金係 浦野"
        self.x(scase, "使用中止受付", t - timedelta(days=3), self.minutes(4), clerk, p)
        self.x(
            scase, "閉栓処理", self.back_office(t.date(), 0, 3), self.minutes(15), "委託作業員", p
        )
        for child in home.children(t.date(), 6, 14):
            self.q(600_000 + self.case_no, "転学手続", t, self.minutes(6), "学務 小川", child)
            self.case_no += 1
        self.households.remove(home)

    def birth_event(self, home: Household) -> None:
        p = home.head
        baby = self._person(p.surname, date(2026, 4, 1), self.rng.random() < 0.5)
        t = self.visit_day()
        baby.birth = t.date() - timedelta(days=self.rng.randint(3, 13))
        baby.household = home
        baby.first_address = home.address
        home.members.append(baby)
        t = self.front(p, t, form=False, navi=True)
        case = self.case("J")
        t = self.jumin_form(case, p, t)
        t = self.k(JUMIN, case, "出生届受理", t, self.minutes(7), self.staff(JUMIN), p)
        t = self.juki_input(case, home, t, [baby])
        if home.kokuho:
            self.k(JUMIN, self.case("K"), "国保資格取得", self.wait(t), self.minutes(4),
                   self.staff(JUMIN), baby)  # fmt: skip
        self.fukushi(p, t, kind="jido", home=home)

    def death(self, home: Household, p: Person) -> None:
        filer = next((m for m in home.members if m is not p), p)
        t = self.front(filer, self.visit_day(), form=False, navi=True)
        case = self.case("J")
        t = self.k(JUMIN, case, "身元確認", self.wait(t), self.minutes(2), self.staff(JUMIN), p)
        t = self.k(JUMIN, case, "死亡届受理", t, self.minutes(9), self.staff(JUMIN), p)
        if home.kokuho:
            self.k(JUMIN, self.case("K"), "国保資格喪失", self.wait(t), self.minutes(4),
                   self.staff(JUMIN), p)  # fmt: skip
        self.k(ZEIMU, self.case("Z"), "口座振替停止", self.back_office(t.date(), 1, 6),
               self.minutes(2), self.staff(ZEIMU), p)  # fmt: skip
        if home.care is p:
            self.k(FUKUSHI, self.case("F"), "受給資格消滅", self.back_office(t.date(), 1, 5),
                   self.minutes(3), self.staff(FUKUSHI), p)  # fmt: skip
            home.care = None
        if p is home.head and len(home.members) > 1:
            self.x(f"SW-{self.case('')}", "名義変更受付", self.back_office(t.date(), 2, 10),
                   self.minutes(5), "料金係 小島", home.members[1])  # fmt: skip
        home.members.remove(p)
        if not home.members:
            self.households.remove(home)

    # -- routine work --------------------------------------------------------------------
    def certificate(self, p: Person) -> None:
        t = self.front(p, self.visit_day(), form=False, navi=False)
        self.k(JUMIN, self.case("J"), "住民票の写し交付", self.wait(t, 1, 8), self.minutes(3),
               self.staff(JUMIN), p)  # fmt: skip

    def notice_registration(self, p: Person) -> None:
        t = self.front(p, self.visit_day(), form=False, navi=False)
        case = self.case("J")
        self.update(p, JUMIN)
        t = self.k(JUMIN, case, "身元確認", self.wait(t), self.minutes(2), self.staff(JUMIN), p)
        self.k(JUMIN, case, "本人通知制度の登録", t, self.minutes(5), self.staff(JUMIN), p,
               {"氏名": self.name(p, JUMIN), "住所": self.address(p, JUMIN),
                "電話番号": self.phone(p, JUMIN)})  # fmt: skip

    def income_certificate(self, p: Person) -> None:
        case = self.case("Z")
        t = self.k(ZEIMU, case, "窓口整理券", self.visit_day(), 0, "整理券機", p)
        t = self.k(ZEIMU, case, "本人確認書類チェック", self.wait(t, 2, 15), self.minutes(2),
                   self.staff(ZEIMU), p)  # fmt: skip
        self.k(ZEIMU, case, "所得証明発行", t, self.minutes(4), self.staff(ZEIMU), p)

    def tax_account_by_mail(self, p: Person) -> None:
        t = self.back_office(self.visit_day().date(), 0, 3)
        self.k(ZEIMU, self.case("Z"), "口座振替依頼書受付", t, self.minutes(3), self.staff(ZEIMU),
               p, {"納税義務者名": self.name(p, ZEIMU), "振替口座": self.account(p, ZEIMU, "zeimu"),
                   "備考": "郵送"})  # fmt: skip

    def care_application(self, home: Household, p: Person, *, handbook: bool) -> None:
        t = self.fukushi(p, self.visit_day(), kind="shogai" if handbook else "kaigo", home=home)
        case = self.case("F")
        if handbook:
            self.k(FUKUSHI, case, "手帳交付", self.back_office(t.date(), 30, 60), self.minutes(5),
                   self.staff(FUKUSHI), p)  # fmt: skip
            return
        self.k(FUKUSHI, case, "認定調査", self.back_office(t.date(), 7, 14), self.minutes(60),
               "認定調査員", p)  # fmt: skip
        self.k(FUKUSHI, case, "認定審査会", self.back_office(t.date(), 25, 32), self.minutes(10),
               self.staff(FUKUSHI), p)  # fmt: skip
        self.k(FUKUSHI, case, "認定結果通知", self.back_office(t.date(), 33, 38), self.minutes(3),
               self.staff(FUKUSHI), p)  # fmt: skip

    def bulky_waste(self, p: Person) -> None:
        t = self.back_office(self.visit_day().date(), 0, 0)
        self.k(KANKYO, self.case("E"), "粗大ごみ受付", t, self.minutes(4), self.staff(KANKYO), p,
               {"申請者名": self.name(p, KANKYO), "配布先住所": self.address(p, KANKYO)})  # fmt: skip

    def school_aid(self, home: Household, child: Person) -> None:
        t = self.visit_day()
        t = datetime.combine(date(2026, 4, 6) + timedelta(days=self.rng.randint(0, 45)),
                             t.time())  # fmt: skip
        t = datetime.combine(workday(t.date()), t.time())
        case = 700_000 + self.case_no
        self.case_no += 1
        clerk = "学務 水野"
        t = self.q(case, "保護者確認", t, self.minutes(2), clerk, child)
        t = self.q(case, "就学届出書の記入", self.wait(t, 0.5, 2), self.minutes(6), "保護者", child,
                   self.kyoiku_data(child, home.head))  # fmt: skip
        t = self.q(case, "就学援助審査", self.back_office(t.date(), 3, 10), self.minutes(8), clerk,
                   child)  # fmt: skip
        self.q(case, "INCOME_INQUIRY", t + timedelta(minutes=self.rng.randint(5, 60)),
               self.minutes(3), clerk, child)  # fmt: skip
        self.q(
            case, "援助決定通知", self.back_office(t.date(), 5, 12), self.minutes(3), clerk, child
        )

    def school_roll(self, child: Person) -> None:
        case = 800_000 + self.case_no
        self.case_no += 1
        night = datetime(2026, 10, 1, 1, 30)
        self.q(case, "JUKI_SYNC", night, 0.2, "SYSTEM", child)
        self.q(case, "就学通知書発送", datetime(2027, 1, 20, 10, 0)
               + timedelta(minutes=self.rng.randint(0, 300)), self.minutes(2), "学務 小川", child)  # fmt: skip

    # -- the year ------------------------------------------------------------------------
    def run(self) -> None:
        r = self.rng
        moving_in = max(20, self.target // 20)
        while self.population() < self.target - moving_in * 2:
            self.household()
        settled = list(self.households)
        for _ in range(moving_in):
            self.moving_in()

        def pick(n: int) -> list[Household]:
            return r.sample([h for h in settled if h in self.households], n)

        for home in pick(self.target // 27):
            self.moving_within(home)
        for home in pick(self.target // 120):
            if home.children(self.start, 0, 40):
                self.birth_event(home)
        for home in pick(self.target // 90):
            olds = [m for m in home.members if age(m.birth, self.start) >= 70]
            if olds:
                self.death(home, olds[0])
        people = [m for h in self.households for m in h.members]
        adults = [m for m in people if age(m.birth, self.start) >= 18]
        for p in r.sample(adults, self.target // 4):
            self.certificate(p)
        for p in r.sample(adults, self.target // 120):
            self.notice_registration(p)
        for p in r.sample(adults, self.target // 11):
            self.income_certificate(p)
        for p in r.sample(adults, self.target // 40):
            self.tax_account_by_mail(p)
        elders = [(h, m) for h in self.households for m in h.members
                  if age(m.birth, self.start) >= 65]  # fmt: skip
        for home, p in r.sample(elders, min(len(elders), self.target // 25)):
            self.care_application(home, p, handbook=False)
        for home, p in r.sample([(m.household, m) for m in adults if m.household],
                                self.target // 75):  # fmt: skip
            self.care_application(home, p, handbook=True)
        for p in r.sample(adults, self.target // 14):
            self.bulky_waste(p)
        pupils = [(h, m) for h in self.households for m in h.children(self.start, 6, 14)]
        for home, child in r.sample(pupils, min(len(pupils), self.target // 50)):
            self.school_aid(home, child)
        for home in [h for h in settled if h in self.households]:
            for child in home.children(date(2027, 4, 1), 6, 6):
                self.school_roll(child)
        for home in pick(self.target // 33):
            self.moving_out(home)


def workday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def _fmt(t: datetime) -> str:
    return t.strftime("%Y/%m/%d %H:%M:%S")


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.000+09:00")


# ---------------------------------------------------------------------------------------------
# Writing.


def write_xes(path: Path, traces: dict[str, tuple[int, list[dict[str, str]]]]) -> None:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<log xes.version="1.0" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">',
        '  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>',
        '  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>',
        '  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>',
        '  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>',
        '  <string key="concept:name" value="水道料金システム 異動・開閉栓ログ"/>',
    ]  # fmt: skip
    for case in sorted(traces):
        pid, events = traces[case]
        lines.append("  <trace>")
        lines.append(f'    <string key="concept:name" value={quoteattr(case)}/>')
        lines.append(f'    <string key="宛名番号" value="{pid}"/>')
        for event in sorted(events, key=lambda e: e["time:timestamp"]):
            lines.append("    <event>")
            for key, value in event.items():
                tag = "date" if key == "time:timestamp" else "string"
                lines.append(f"      <{tag} key={quoteattr(key)} value={quoteattr(value)}/>")
            lines.append("    </event>")
        lines.append("  </trace>")
    lines.append("</log>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_town(town: Town, folder: Path) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    kikan = pd.DataFrame(town.kikan, columns=KIKAN_COLUMNS).fillna("")
    kikan = kikan.sort_values(["記録日時", "受付No"], kind="stable")
    kikan.to_csv(folder / "kikan_log.csv", index=False, encoding="utf-8-sig")
    write_xes(folder / "suido_kyokyu.xes", town.xes)
    school = pd.DataFrame(town.parquet)
    school = school.sort_values(["開始日時", "処理ID"], kind="stable").reset_index(drop=True)
    table = pa.table({
        "処理ID": pa.array(school["処理ID"], pa.int64()),
        "処理区分": pa.array(school["処理区分"], pa.string()),
        "開始日時": pa.array(school["開始日時"].dt.as_unit("s"), pa.timestamp("s")),
        "終了日時": pa.array(school["終了日時"].dt.as_unit("s"), pa.timestamp("s")),
        "担当": pa.array(school["担当"], pa.string()),
        "atena_cd": pa.array(school["atena_cd"], pa.int64()),
        "児童氏名": pa.array(school["児童氏名"].where(school["児童氏名"].notna(), None), pa.string()),
        "住所": pa.array(school["住所"].where(school["住所"].notna(), None), pa.string()),
        "生年月日": pa.array(school["生年月日"].where(school["生年月日"].notna(), None), pa.date32()),
        "保護者氏名": pa.array(school["保護者氏名"].where(school["保護者氏名"].notna(), None),
                          pa.string()),
    })  # fmt: skip
    pq.write_table(table, folder / "gakurei_system.parquet")
    (folder / "procmine.toml").write_text(
        "# うみかぜ町: departments of the two systems outside the 基幹系 package\n"
        f'[files."suido_kyokyu.xes"]\ndepartment = "{SUIDO}"\n\n'
        f'[files."gakurei_system.parquet"]\ndepartment = "{KYOIKU}"\n',
        encoding="utf-8",
    )
    events = sum(len(e) for _, e in town.xes.values())
    return {"kikan_rows": len(kikan), "xes_events": events, "parquet_rows": len(school)}


def write_truth(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    frames = {
        "duplicates.csv": [(c, d, a) for c, members in DUPLICATES.items() for d, a in members],
        "negatives.csv": [(g, d, a) for g, members in NEGATIVES.items() for d, a in members],
        "silos.csv": [(f, d, c) for f, members in SILOS.items() for d, c in members],
    }
    heads = {"duplicates.csv": ["cluster", "department", "activity"],
             "negatives.csv": ["group", "department", "activity"],
             "silos.csv": ["field", "department", "column"]}  # fmt: skip
    for name, rows in frames.items():
        pd.DataFrame(rows, columns=heads[name]).to_csv(folder / name, index=False)
    pd.DataFrame(DECOYS, columns=["department", "column"]).to_csv(
        folder / "decoys.csv", index=False
    )


def make(out: Path, seed: int = 2611, residents: int = 3000) -> str:
    """Write うみかぜ町 into ``out/town`` and its truth into ``out/truth``; return a summary."""
    town = Town(seed, residents)
    town.run()
    counts = write_town(town, out / "town")
    write_truth(out / "truth")
    people = len({row["宛名コード"] for row in town.kikan})
    return (f"うみかぜ町: {counts['kikan_rows']} rows in kikan_log.csv, {counts['xes_events']} XES "
            f"events, {counts['parquet_rows']} Parquet rows; {people} residents in the 基幹系 log")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2611)
    parser.add_argument("--residents", type=int, default=3000)
    args = parser.parse_args()
    print(make(args.out, args.seed, args.residents))


if __name__ == "__main__":
    main()
