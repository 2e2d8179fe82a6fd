"""かわべ市: a held-out test city written by an outside reviewer (2026-11-28).

Usage::

    .venv/bin/python benchmarks/kawabe_city.py OUT [--seed 20261128] [--households 1600]

Writes ``OUT/city/`` (nine department exports and a ``procmine.toml``) and ``OUT/truth/``
(``duplicates.csv``, ``negatives.csv``, ``silos.csv``, ``decoys.csv``) for a fictional 中核市
after partial standardisation (標準準拠システム), one fiscal year (2025-04-01 .. 2026-03-31),
about 4,000 residents. The reviewer read only the README, ``/work/shared/domain/koyo-city.md``
and the truth format of ``benchmarks/independent_towns.py``, not procmine's code, its sample
generator, ``sample_logs/``, the tests or the other towns. The truth was written before
procmine was run on the city and was not changed after.

What is in it:

* 市民課 (``jumin_kiroku.csv``, UTF-8 with BOM): one row per step with 開始時刻 and 終了時刻.
* 市民税課 (``市民税課.csv``, Shift_JIS; named by its file): 処理日時 only, birth dates in 和暦.
* 保険年金課 (``kokuho_shinsei.csv``): case = 申請番号, resident key = 個人番号 (12 digits with a
  valid check digit), not 宛名番号.
* 国民年金課 (``nenkin.csv``): residents only by 基礎年金番号 plus name and birth date
  (``S55.03.02``), times as ``2025年4月3日 9時12分``.
* こども政策課 (``kodomo_seisaku.csv``): 処理日時, the claimant's record plus a child's name and
  birth date and an employer's phone.
* 長寿介護課 (``長寿介護課.csv``, Shift_JIS; named by its file): 開始 / 終了, staff in 対応者,
  key 宛名コード, a care manager's phone and a facility's address.
* 障がい福祉課 (``shogai.csv``, Shift_JIS): ふりがな in hiragana, addresses left stale after half
  of the 転居 and names after 60 % of the 婚姻.
* 生活支援課 (``seikatsu_shien.csv``): one case per household over the year, a relative's name.
* 教育委員会学務課 (``gakumu.csv``): key 保護者宛名番号, a school's address, incomes in 千円 and
  for 15 % of rows of the year before.

Life events: 転入, 転居, 出生, 死亡 (おくやみ), 婚姻, plus routine procedures. Duplicated work
(queue tickets, identity checks, forms, re-keying of 住基 data, bank-account registration, income
inquiries to the tax office, guidance to other counters) is worded differently per department.

Decisions: 「市税口座振替登録」 (a debit authorisation) is counted as a duplicate of the benefit
account registrations: the resident writes the same account again and staff key the same bank,
branch, number and holder. Answering an income inquiry (市民税課「所得照会回答」) is not making one.
市民課「住民記録更新」 is the system of record, not a re-key. Death-related claims of different
laws (死亡届受理, 死亡一時金請求受付, 葬祭費支給申請受付) are different work. Silo truth lists data
columns only: 保険年金課's 個人番号 is its resident key, not a copy.

Generator fixes made after the first run (the truth files did not change): the year of 生活支援課's
monthly payments, time order of routine procedures and life events, 市民課 writing the new address
and name at the step that records them, and 国民年金課's re-keying rows carrying 基礎年金番号 and the
birth date like its other rows. First scores with these fixes (procmine at 2026-11-28 11:00 UTC):
duplicates P 0.799 R 0.746 F1 0.771 (19 hard-negative pairs), silo grouping F1 0.986, 0 of 7 decoys.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

START = date(2025, 4, 1)
END = date(2026, 3, 31)

SURNAMES = [
    ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"),
    ("伊藤", "イトウ"), ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"),
    ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"),
    ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"), ("井上", "イノウエ"),
    ("木村", "キムラ"), ("清水", "シミズ"), ("山崎", "ヤマザキ"), ("斎藤", "サイトウ"),
    ("池田", "イケダ"), ("橋本", "ハシモト"), ("阿部", "アベ"), ("石川", "イシカワ"),
    ("前田", "マエダ"), ("藤田", "フジタ"), ("小川", "オガワ"), ("岡田", "オカダ"),
    ("長谷川", "ハセガワ"), ("村上", "ムラカミ"), ("近藤", "コンドウ"), ("遠藤", "エンドウ"),
]  # fmt: skip
MALE = [
    ("翔太", "ショウタ"), ("健一", "ケンイチ"), ("大輔", "ダイスケ"), ("拓也", "タクヤ"),
    ("誠", "マコト"), ("浩二", "コウジ"), ("隆", "タカシ"), ("悠真", "ユウマ"), ("蓮", "レン"),
    ("陽翔", "ハルト"), ("和夫", "カズオ"), ("茂", "シゲル"), ("修", "オサム"), ("直樹", "ナオキ"),
    ("亮", "リョウ"), ("湊", "ミナト"), ("勇気", "ユウキ"), ("正人", "マサト"),
]  # fmt: skip
FEMALE = [
    ("陽子", "ヨウコ"), ("美咲", "ミサキ"), ("恵子", "ケイコ"), ("由美", "ユミ"), ("彩", "アヤ"),
    ("結衣", "ユイ"), ("幸子", "サチコ"), ("真由美", "マユミ"), ("花子", "ハナコ"), ("葵", "アオイ"),
    ("陽菜", "ヒナ"), ("智子", "トモコ"), ("久美子", "クミコ"), ("千尋", "チヒロ"), ("芽依", "メイ"),
    ("和子", "カズコ"), ("直美", "ナオミ"), ("桜", "サクラ"),
]  # fmt: skip
TOWNS = ["本町", "川原町", "中島", "若葉台", "桜木町", "東雲", "西河原", "堤", "新田", "緑ケ丘"]
BANKS = [("かわべ信用金庫", ["本店", "中島", "堤"]), ("みずなみ銀行", ["かわべ", "駅前"]),
         ("北辰銀行", ["かわべ", "新田"]), ("東海労働金庫", ["かわべ"])]  # fmt: skip
KANJI = "〇一二三四五六七八九"
ZEN = str.maketrans("0123456789-", "０１２３４５６７８９－")
SCHOOLS = ["かわべ市本町三丁目1番1号", "かわべ市若葉台2丁目10番3号", "かわべ市新田1-4-8"]
FACILITIES = ["かわべ市川原町1丁目5番2号 ケアプランかわせみ", "かわべ市東雲4-2-11",
              "みずなみ市旭町2丁目3番4号"]  # fmt: skip

# Departments as procmine names them (files named in procmine.toml, or by the file name).
SHIMIN, ZEI, KOKUHO, NENKIN = "市民課", "市民税課", "保険年金課", "国民年金課"
KODOMO, KAIGO, SHOGAI, SEIKATSU, GAKUMU = (
    "こども政策課", "長寿介護課", "障がい福祉課", "生活支援課", "教育委員会学務課",
)  # fmt: skip

# ---- ground truth (written before procmine was run) ----------------------------------------
DUPLICATES = {
    "QUEUE": [(SHIMIN, "番号札発行"), (ZEI, "受付票発券"), (KOKUHO, "呼出番号発行"),
              (KODOMO, "整理券発行")],
    "ID": [(SHIMIN, "窓口本人確認"), (ZEI, "申告者の身元確認"), (KOKUHO, "来庁者確認（身分証）"),
           (NENKIN, "本人確認書類提示"), (KODOMO, "請求者本人確認"), (KAIGO, "届出者確認"),
           (SHOGAI, "身分証明書確認"), (SEIKATSU, "面談時の本人確認"), (GAKUMU, "保護者確認")],
    "FORM": [(SHIMIN, "住民異動届記入"), (SHIMIN, "戸籍届書記入"), (SHIMIN, "印鑑登録申請書記入"),
             (SHIMIN, "証明書交付申請書記入"), (ZEI, "住民税申告書記入"),
             (ZEI, "税証明交付申請書記入"), (KOKUHO, "国保届出書記入"), (NENKIN, "年金届書記入"),
             (KODOMO, "子育て支援申請書記入"), (KAIGO, "介護保険届出書記入"),
             (SHOGAI, "手帳・給付申請書記入"), (SEIKATSU, "保護申請書記入"),
             (GAKUMU, "就学関係届記入")],
    "KEY": [(ZEI, "納税者住所変更入力"), (KOKUHO, "被保険者住所氏名の手入力"),
            (NENKIN, "被保険者住所変更入力"), (KODOMO, "受給者情報の手入力"),
            (KAIGO, "介護台帳異動入力"), (SHOGAI, "手帳台帳住所更新（手入力）"),
            (SEIKATSU, "ケース記録住所修正"), (GAKUMU, "学齢簿住所入力")],
    "BANK": [(ZEI, "市税口座振替登録"), (KODOMO, "児童手当振込口座登録"),
             (KAIGO, "高額介護サービス費口座登録"), (SHOGAI, "給付金振込先登録"),
             (SEIKATSU, "保護費振込口座設定"), (GAKUMU, "就学援助費口座登録")],
    "INCOME": [(KOKUHO, "国保税算定の所得照会"), (KODOMO, "所得状況照会（税務）"),
               (KAIGO, "保険料段階判定用課税照会"), (SHOGAI, "負担上限額算定の所得確認"),
               (SEIKATSU, "課税調査"), (GAKUMU, "就学援助所得審査")],
    "GUIDE": [(SHIMIN, "手続きチェックリスト説明"), (KOKUHO, "関連手続き説明"),
              (KODOMO, "関係課手続の案内"), (KAIGO, "他課手続のお知らせ"),
              (SEIKATSU, "他法他施策の案内")],
}  # fmt: skip
NEGATIVES = {
    "death": [(SHIMIN, "死亡届受理"), (NENKIN, "死亡一時金請求受付"), (KOKUHO, "葬祭費支給申請受付")],
    "loss": [(KOKUHO, "国保資格喪失届受付"), (KAIGO, "介護資格喪失届受付")],
    "move": [(SHIMIN, "転居届受理"), (GAKUMU, "転居に伴う通学区域変更")],
    "issue": [(SHIMIN, "印鑑登録証交付"), (ZEI, "所得証明書交付"), (KOKUHO, "保険証交付"),
              (SHOGAI, "障害者手帳交付"), (KODOMO, "医療費受給者証交付"), (KAIGO, "被保険者証交付")],
    "exam": [(SHIMIN, "届出内容審査"), (ZEI, "申告内容審査"), (KAIGO, "介護認定審査会"),
             (SHOGAI, "支援区分認定審査会"), (SEIKATSU, "保護要否判定"), (KODOMO, "認定審査")],
    "visit": [(KAIGO, "認定調査（自宅訪問）"), (SEIKATSU, "家庭訪問")],
    "payout": [(KODOMO, "児童手当支払処理"), (SEIKATSU, "保護費支給"), (KAIGO, "高額介護サービス費支給")],
    "inquiry": [(ZEI, "所得照会回答"), (KOKUHO, "国保税算定の所得照会")],
    "kin": [(SEIKATSU, "扶養照会"), (KODOMO, "所得状況照会（税務）")],
    "special": [(KAIGO, "住所地特例判定"), (KOKUHO, "被保険者住所氏名の手入力")],
    "record": [(SHIMIN, "住民記録更新"), (ZEI, "納税者住所変更入力")],
    "notice": [(ZEI, "納税通知書発送"), (KODOMO, "認定通知書発送"), (KAIGO, "認定結果通知"),
               (SEIKATSU, "保護決定通知"), (GAKUMU, "就学援助認定通知"), (KOKUHO, "国保税納付書発送")],
}  # fmt: skip
SILOS = {
    "氏名": [(SHIMIN, "氏名"), (ZEI, "納税義務者氏名"), (KOKUHO, "被保険者氏名"), (NENKIN, "氏名"),
             (KODOMO, "請求者氏名"), (KAIGO, "被保険者氏名"), (SHOGAI, "氏名"),
             (SEIKATSU, "対象者氏名"), (GAKUMU, "保護者氏名")],
    "カナ": [(SHIMIN, "フリガナ"), (KOKUHO, "被保険者カナ"), (NENKIN, "カナ氏名"),
             (KODOMO, "請求者カナ"), (SHOGAI, "ふりがな")],
    "生年月日": [(SHIMIN, "生年月日"), (ZEI, "生年月日"), (KOKUHO, "生年月日"), (NENKIN, "生年月日"),
                 (KODOMO, "請求者生年月日"), (KAIGO, "生年月日"), (SHOGAI, "生年月日"),
                 (SEIKATSU, "生年月日")],
    "住所": [(SHIMIN, "住所"), (ZEI, "住所"), (KOKUHO, "住所"), (NENKIN, "住所"), (KODOMO, "現住所"),
             (KAIGO, "住所"), (SHOGAI, "住所"), (SEIKATSU, "居住地"), (GAKUMU, "保護者住所")],
    "電話": [(SHIMIN, "電話番号"), (ZEI, "連絡先"), (KOKUHO, "電話番号"), (NENKIN, "電話"),
             (KODOMO, "連絡先電話"), (KAIGO, "電話"), (SHOGAI, "電話番号"), (SEIKATSU, "電話"),
             (GAKUMU, "保護者連絡先")],
    "口座": [(ZEI, "振替口座"), (KODOMO, "振込口座"), (KAIGO, "振込先口座"), (SHOGAI, "振込先"),
             (SEIKATSU, "振込口座"), (GAKUMU, "振込口座")],
    "所得": [(ZEI, "所得金額"), (KOKUHO, "前年所得"), (KODOMO, "所得額"), (KAIGO, "合計所得金額"),
             (SHOGAI, "所得"), (GAKUMU, "所得（保護者）")],
    "個人番号": [(SHIMIN, "個人番号"), (ZEI, "個人番号"), (KODOMO, "個人番号"), (SHOGAI, "個人番号")],
    "児童氏名": [(KODOMO, "児童氏名"), (GAKUMU, "児童氏名")],
    "児童生年月日": [(KODOMO, "児童生年月日"), (GAKUMU, "児童生年月日")],
}  # fmt: skip
DECOYS = [(SHIMIN, "届出人氏名"), (KOKUHO, "故人氏名"), (KODOMO, "勤務先電話"),
          (KAIGO, "ケアマネ連絡先"), (KAIGO, "事業所所在地"), (SEIKATSU, "扶養義務者氏名"),
          (GAKUMU, "学校所在地")]  # fmt: skip

# ---- exports: file, encoding, header of each role and data field --------------------------
FILES = {
    SHIMIN: ("jumin_kiroku.csv", "utf-8-sig", ["受付番号", "手続名", "開始時刻", "終了時刻", "担当者", "宛名番号"],
             {"name": "氏名", "kana": "フリガナ", "dob": "生年月日", "addr": "住所", "phone": "電話番号",
              "mynum": "個人番号", "filer": "届出人氏名"}),
    ZEI: ("市民税課.csv", "cp932", ["受付No", "業務", "処理日時", None, "職員", "宛名番号"],
          {"name": "納税義務者氏名", "dob": "生年月日", "addr": "住所", "phone": "連絡先", "acct": "振替口座",
           "income": "所得金額", "year": "課税年度", "mynum": "個人番号"}),
    KOKUHO: ("kokuho_shinsei.csv", "utf-8", ["申請番号", "処理内容", "受付日時", "完了日時", "処理者", "個人番号"],
             {"ctype": "申請種別", "name": "被保険者氏名", "kana": "被保険者カナ", "dob": "生年月日",
              "addr": "住所", "phone": "電話番号", "income": "前年所得", "deceased": "故人氏名"}),
    NENKIN: ("nenkin.csv", "utf-8", ["整理番号", "届書", "処理日時", None, "担当", None],
             {"kiso": "基礎年金番号", "name": "氏名", "kana": "カナ氏名", "dob": "生年月日", "addr": "住所",
              "phone": "電話"}),
    KODOMO: ("kodomo_seisaku.csv", "utf-8", ["受付番号", "手続き", "処理日時", None, "担当者", "宛名番号"],
             {"name": "請求者氏名", "kana": "請求者カナ", "dob": "請求者生年月日", "addr": "現住所",
              "phone": "連絡先電話", "work": "勤務先電話", "mynum": "個人番号", "acct": "振込口座",
              "income": "所得額", "child": "児童氏名", "child_dob": "児童生年月日"}),
    KAIGO: ("長寿介護課.csv", "cp932", ["整理番号", "事務内容", "開始", "終了", "対応者", "宛名コード"],
            {"name": "被保険者氏名", "dob": "生年月日", "addr": "住所", "phone": "電話", "acct": "振込先口座",
             "income": "合計所得金額", "cm": "ケアマネ連絡先", "facility": "事業所所在地"}),
    SHOGAI: ("shogai.csv", "cp932", ["受付番号", "処理内容", "処理日時", None, "担当", "宛名番号"],
             {"name": "氏名", "kana": "ふりがな", "dob": "生年月日", "addr": "住所", "phone": "電話番号",
              "acct": "振込先", "income": "所得", "mynum": "個人番号", "techo": "手帳番号"}),
    SEIKATSU: ("seikatsu_shien.csv", "utf-8", ["ケース番号", "業務内容", "日時", None, "担当CW", "宛名番号"],
               {"name": "対象者氏名", "dob": "生年月日", "addr": "居住地", "phone": "電話", "acct": "振込口座",
                "kin": "扶養義務者氏名"}),
    GAKUMU: ("gakumu.csv", "utf-8", ["受付番号", "処理区分", "処理日時", None, "担当", "保護者宛名番号"],
             {"name": "保護者氏名", "addr": "保護者住所", "phone": "保護者連絡先", "child": "児童氏名",
              "child_dob": "児童生年月日", "school": "学校所在地", "acct": "振込口座",
              "income": "所得（保護者）"}),
}  # fmt: skip
TOML_NAMED = (SHIMIN, KOKUHO, NENKIN, KODOMO, SHOGAI, SEIKATSU, GAKUMU)


@dataclass
class Person:
    aid: str
    mynum: str
    surname: tuple[str, str]
    given: tuple[str, str]
    dob: date
    male: bool
    hh: Household
    home: str
    mobile: str
    accounts: list[tuple[str, str, str]]
    income: dict[int, int]
    kiso: str = ""
    kokuho: bool = False
    care: bool = False
    disab: bool = False
    alive: bool = True

    def age(self, on: date) -> int:
        return on.year - self.dob.year - ((on.month, on.day) < (self.dob.month, self.dob.day))


@dataclass
class Household:
    addr: tuple[str, int, int, int, str]
    members: list[Person] = field(default_factory=list)


@dataclass
class Row:
    case: str
    act: str
    start: datetime
    end: datetime | None
    res: str
    person: Person
    data: dict[str, str]


class City:
    """The residents, what each department holds about them, and the rows of each export."""

    def __init__(self, seed: int, households: int) -> None:
        self.rng = random.Random(seed)
        self.next_aid = 3100000
        self.people: list[Person] = []
        self.homes: list[Household] = []
        self.rows: dict[str, list[Row]] = {d: [] for d in FILES}
        self.cases: dict[str, int] = {d: 0 for d in FILES}
        self.held: dict[str, dict[str, dict[str, object]]] = {d: {} for d in FILES}
        self.choice: dict[tuple[str, str, str], int] = {}
        self.welfare_homes: list[Household] = []
        for _ in range(households):
            self.household(self.address())
        self.enrol()

    def enrol(self) -> None:
        """Each system's clientele at the start of the year (their copies age from here)."""
        for p in self.people:
            age = p.age(START)
            kids = self.children(p.hh, START)
            held = {ZEI: age >= 18 and p.income[2024] > 0, KOKUHO: p.kokuho,
                    NENKIN: bool(p.kiso) and age < 60, KAIGO: age >= 65, SHOGAI: p.disab,
                    KODOMO: bool(kids) and p is self.head(p.hh),
                    GAKUMU: bool(self.children(p.hh, START, 6, 14)) and p is self.head(p.hh),
                    SEIKATSU: p.hh in self.welfare_homes and p is self.head(p.hh)}  # fmt: skip
            for dept, yes in held.items():
                if yes:
                    self.snapshot(dept, p)

    # ---- residents --------------------------------------------------------------------
    def address(self) -> tuple[str, int, int, int, str]:
        r = self.rng
        kata = f"かわべハイツ{r.randint(1, 3)}0{r.randint(1, 8)}号室" if r.random() < 0.2 else ""
        return (r.choice(TOWNS), r.randint(1, 4), r.randint(1, 30), r.randint(1, 25), kata)

    def mynumber(self) -> str:
        digits = [self.rng.randint(0, 9) for _ in range(11)]
        total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(reversed(digits), 1))
        check = 0 if total % 11 <= 1 else 11 - total % 11
        return "".join(map(str, digits)) + str(check)

    def person(
        self, hh: Household, age: int, surname: tuple[str, str], born: date | None = None
    ) -> Person:
        r = self.rng
        male = r.random() < 0.5
        dob = born or START - timedelta(days=age * 365 + r.randint(0, 364))
        adult = age >= 18
        mobile = (
            f"0{r.choice('789')}0-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
            if adult and r.random() < 0.85
            else ""
        )
        home = (
            f"0287-{r.randint(20, 79)}-{r.randint(1000, 9999)}"
            if not mobile or r.random() < 0.45
            else ""
        )
        accounts = []
        for _ in range(1 if r.random() < 0.72 else 2):
            bank, branches = r.choice(BANKS)
            accounts.append((bank, r.choice(branches), f"{r.randint(1, 9999999):07d}"))
        base = (
            r.choice([0, 0, 0, r.randint(5, 80) * 10000])
            if not adult or age > 70
            else r.randint(0, 60) * 100000
        )
        income = {
            2023: max(0, base + r.choice([0, 0, -1, 1]) * r.randint(1, 30) * 10000),
            2024: base,
        }
        p = Person(
            aid=str(self.next_aid), mynum=self.mynumber(), surname=surname,
            given=r.choice(MALE if male else FEMALE), dob=dob, male=male, hh=hh, home=home,
            mobile=mobile, accounts=accounts, income=income,
        )  # fmt: skip
        self.next_aid += r.randint(1, 3)
        if age >= 20:
            p.kiso = f"{r.randint(1000, 9999)}-{r.randint(0, 999999):06d}"
        p.kokuho = adult and (age >= 60 or r.random() < 0.2) and age < 75
        p.care = age >= 70 and r.random() < 0.25
        p.disab = r.random() < (0.08 if age >= 40 else 0.02)
        hh.members.append(p)
        self.people.append(p)
        return p

    def household(self, addr: tuple[str, int, int, int, str]) -> Household:
        r = self.rng
        hh = Household(addr)
        self.homes.append(hh)
        surname = r.choice(SURNAMES)
        kind = r.random()
        if kind < 0.3:
            self.person(hh, r.randint(20, 90), surname)
        elif kind < 0.55:
            a = r.randint(60, 88)
            self.person(hh, a, surname)
            self.person(hh, a + r.randint(-4, 4), surname)
        else:
            a = r.randint(26, 50)
            self.person(hh, a, surname)
            self.person(hh, a + r.randint(-4, 4), surname)
            for _ in range(r.choice([0, 1, 1, 2, 2, 3])):
                self.person(hh, r.randint(0, min(17, a - 20)), surname)
        if r.random() < 0.05:
            self.welfare_homes.append(hh)
        return hh

    def head(self, hh: Household) -> Person:
        return next(p for p in hh.members if p.alive)

    def children(self, hh: Household, on: date, low: int = 0, high: int = 14) -> list[Person]:
        return [p for p in hh.members if p.alive and low <= p.age(on) <= high]

    # ---- what a department holds -------------------------------------------------------
    def snapshot(self, dept: str, p: Person) -> dict[str, object]:
        """The department's copy of the resident, taken at first contact."""
        if p.aid not in self.held[dept]:
            self.held[dept][p.aid] = {"addr": p.hh.addr, "surname": p.surname}
        return self.held[dept][p.aid]

    def refresh(self, dept: str, p: Person) -> None:
        self.held[dept][p.aid] = {"addr": p.hh.addr, "surname": p.surname}

    def pick(self, dept: str, p: Person, what: str, n: int, p_other: float) -> int:
        key = (dept, p.aid, what)
        if key not in self.choice:
            self.choice[key] = (1 if n > 1 and self.rng.random() < p_other else 0) if n else 0
        return self.choice[key]

    # ---- time ----------------------------------------------------------------------------
    def day(self, low: date = START, high: date = END) -> date:
        while True:
            d = low + timedelta(days=self.rng.randint(0, max(0, (high - low).days)))
            if d.weekday() < 5:
                return d

    def later(self, t: datetime, low: int, high: int) -> datetime:
        d = t.date() + timedelta(days=self.rng.randint(low, high))
        while d.weekday() >= 5:
            d += timedelta(days=1)
        return datetime(d.year, d.month, d.day, self.rng.randint(9, 16), self.rng.randint(0, 59))

    def arrive(self, d: date) -> datetime:
        return datetime(d.year, d.month, d.day, 8, 40) + timedelta(minutes=self.rng.randint(0, 400))

    # ---- rows ----------------------------------------------------------------------------
    def new_case(self, dept: str) -> str:
        self.cases[dept] += 1
        n = self.cases[dept]
        return {
            SHIMIN: f"R7-{n:06d}", ZEI: f"Z{n:07d}", KOKUHO: f"K2025-{n:05d}", NENKIN: f"NP{n:06d}",
            KODOMO: f"KD-{n:05d}", KAIGO: f"{n:08d}", SHOGAI: f"SG{n:05d}",
            SEIKATSU: f"CW-{n:04d}", GAKUMU: f"GK{n:05d}",
        }[dept]  # fmt: skip

    def values(self, dept: str, p: Person, fields: str, extra: dict[str, str]) -> dict[str, str]:
        """The values the department writes for ``p`` (its own, possibly stale, copy)."""
        r = self.rng
        copy = self.snapshot(dept, p)
        out: dict[str, str] = {}
        surname = copy["surname"]
        for f in fields.split():
            if f == "name":
                out[f] = fmt_name(surname, p.given, dept, r)  # type: ignore[arg-type]
            elif f == "kana":
                out[f] = fmt_kana(surname, p.given, dept)  # type: ignore[arg-type]
            elif f == "dob":
                out[f] = fmt_dob(p.dob if r.random() > 0.003 else p.dob + timedelta(days=1), dept)
            elif f == "addr":
                out[f] = fmt_addr(copy["addr"], dept, r)  # type: ignore[arg-type]
            elif f == "phone":
                prefer_home = dept in (SHIMIN, ZEI, KAIGO, NENKIN)
                phones = [
                    x for x in ((p.home, p.mobile) if prefer_home else (p.mobile, p.home)) if x
                ]
                out[f] = phones[self.pick(dept, p, "phone", len(phones), 0.2)] if phones else ""
                if dept in (KAIGO, SHOGAI):
                    out[f] = out[f].replace("-", "")
            elif f == "acct":
                acct = p.accounts[self.pick(dept, p, "acct", len(p.accounts), 0.5)]
                out[f] = fmt_acct(acct, dept)
            elif f == "income":
                year = 2023 if dept == GAKUMU and r.random() < 0.15 else 2024
                out[f] = fmt_income(p.income[year], dept)
            elif f == "mynum":
                out[f] = p.mynum if r.random() > 0.08 else ""
            elif f == "kiso":
                out[f] = p.kiso
            elif f == "year":
                out[f] = "令和7年度"
        out.update(extra)
        return out

    def add(self, dept: str, case: str, act: str, start: datetime, minutes: float, res: str,
            p: Person, fields: str = "", **extra: str) -> datetime:  # fmt: skip
        end = start + timedelta(minutes=minutes)
        data = self.values(dept, p, fields, extra)
        if dept == SHIMIN:
            data.setdefault(
                "name", fmt_name(self.snapshot(dept, p)["surname"], p.given, dept, self.rng)
            )  # type: ignore[arg-type]
        self.rows[dept].append(Row(case, act, start, end, res, p, data))
        return end

    def staff(self, dept: str) -> str:
        names = ["佐藤", "高橋", "中村", "小野", "原", "西田", "福田", "大野"]
        i = self.rng.randrange(len(names))
        return {
            SHIMIN: f"{names[i]}（市民課）", ZEI: f"T{1040 + i:04d}", KOKUHO: f"国保係 {names[i]}",
            NENKIN: f"年金係{names[i]}", KODOMO: f"子育て給付係 {names[i]}", KAIGO: f"介護認定係{names[i]}",
            SHOGAI: f"{names[i]}", SEIKATSU: f"CW{names[i]}", GAKUMU: f"学務係 {names[i]}",
        }[dept]  # fmt: skip


RESIDENT = {SHIMIN: "来庁者", ZEI: "申告者", KOKUHO: "申請者", NENKIN: "届出人", KODOMO: "請求者",
            KAIGO: "届出人", SHOGAI: "申請者", SEIKATSU: "相談者", GAKUMU: "保護者"}  # fmt: skip
TICKET = {SHIMIN: "番号札発行", ZEI: "受付票発券", KOKUHO: "呼出番号発行", KODOMO: "整理券発行"}
IDCHECK = dict(DUPLICATES["ID"])
FORM = {KOKUHO: "国保届出書記入", NENKIN: "年金届書記入", KODOMO: "子育て支援申請書記入",
        KAIGO: "介護保険届出書記入", SHOGAI: "手帳・給付申請書記入", SEIKATSU: "保護申請書記入",
        GAKUMU: "就学関係届記入"}  # fmt: skip
KEY = dict(DUPLICATES["KEY"])
INCOME = dict(DUPLICATES["INCOME"])
BANK = dict(DUPLICATES["BANK"])
GUIDE = dict(DUPLICATES["GUIDE"])
FORM_FIELDS = {
    SHIMIN: "name kana dob addr phone mynum", ZEI: "name dob addr phone mynum",
    KOKUHO: "name kana dob addr phone", NENKIN: "kiso name kana dob addr phone",
    KODOMO: "name kana dob addr phone mynum", KAIGO: "name dob addr phone",
    SHOGAI: "name kana dob addr phone mynum", SEIKATSU: "name dob addr phone",
    GAKUMU: "name addr phone",
}  # fmt: skip


# ---- value formats per department -------------------------------------------------------
def fmt_name(surname: tuple[str, str], given: tuple[str, str], dept: str, r: random.Random) -> str:
    s = surname[0]
    if dept in (SHOGAI, KAIGO) and r.random() < 0.3:
        s = s.replace("斎", "齋").replace("崎", "﨑").replace("高", "髙")
    sep = {SHIMIN: "\u3000", ZEI: "", NENKIN: " ", GAKUMU: ""}.get(dept, " ")
    return f"{s}{sep}{given[0]}"


def fmt_kana(surname: tuple[str, str], given: tuple[str, str], dept: str) -> str:
    text = f"{surname[1]} {given[1]}"
    if dept == SHOGAI:
        return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)
    return text.replace(" ", "\u3000") if dept == SHIMIN else text


def fmt_dob(d: date, dept: str) -> str:
    if dept == ZEI:
        era, y = (
            ("昭和", d.year - 1925)
            if d < date(1989, 1, 8)
            else (("平成", d.year - 1988) if d < date(2019, 5, 1) else ("令和", d.year - 2018))
        )
        return f"{era}{'元' if y == 1 else y}年{d.month}月{d.day}日"
    if dept == NENKIN:
        letter, y = (
            ("S", d.year - 1925)
            if d < date(1989, 1, 8)
            else (("H", d.year - 1988) if d < date(2019, 5, 1) else ("R", d.year - 2018))
        )
        return f"{letter}{y:02d}.{d.month:02d}.{d.day:02d}"
    if dept in (KAIGO, SHOGAI):
        return f"{d.year}/{d.month}/{d.day}"
    if dept == SEIKATSU:
        return d.strftime("%Y%m%d")
    return d.isoformat()


def fmt_addr(addr: tuple[str, int, int, int, str], dept: str, r: random.Random) -> str:
    town, chome, ban, go, kata = addr
    if dept == SHIMIN:
        text = f"かわべ市{town}{KANJI[chome]}丁目{ban}番{go}号"
        return f"{text}　{kata}" if kata else text
    if dept == ZEI:
        return f"{town}{chome}-{ban}-{go}"
    if dept in (KODOMO, GAKUMU):
        return f"かわべ市{town}{chome}丁目{ban}−{go}".translate(ZEN) + (f" {kata}" if kata else "")
    if dept == SEIKATSU:
        return f"{town.replace('ケ', 'ヶ')}{chome}丁目{ban}番地{go}"
    if dept == NENKIN:
        return f"かわべ市{town}{chome}-{ban}-{go}{kata}"
    text = f"かわべ市{town}{chome}丁目{ban}番{go}号"
    return f"{text}{kata}" if kata and r.random() < 0.6 else text


def fmt_acct(acct: tuple[str, str, str], dept: str) -> str:
    bank, branch, number = acct
    if dept == ZEI:
        return f"{bank}／{branch}支店／普通／{number}"
    if dept in (KAIGO, SHOGAI):
        return f"{bank} {branch}支店 普通預金 {number.lstrip('0')}"
    if dept == SEIKATSU:
        return f"{bank}{branch}支店 普通 {number}"
    return f"{bank} {branch}支店 普通 {number}"


def fmt_income(amount: int, dept: str) -> str:
    if dept == KAIGO:
        return f"{amount:,}"
    if dept == GAKUMU:
        return f"{amount // 1000}千円"
    return str(amount)


def fmt_time(t: datetime, dept: str) -> str:
    if dept == ZEI:
        return f"{t.year}/{t.month:02d}/{t.day:02d} {t.hour}:{t.minute:02d}"
    if dept == NENKIN:
        return f"{t.year}年{t.month}月{t.day}日 {t.hour}時{t.minute:02d}分"
    if dept in (KAIGO, SHOGAI, KODOMO):
        return t.strftime("%Y/%m/%d %H:%M:%S")
    return t.strftime("%Y-%m-%d %H:%M:%S")


# ---- procedures -------------------------------------------------------------------------
def counter(city: City, dept: str, p: Person, t: datetime, main: str, *, form: str | None = None,
            fields: str = "", guide: bool = False, **extra: str) -> tuple[str, datetime]:  # fmt: skip
    """A visit to one counter: ticket, form, identity check, the procedure, guidance."""
    r = city.rng
    case = city.new_case(dept)
    if dept in TICKET:
        t = city.add(dept, case, TICKET[dept], t, 0, "発券機", p)
        t += timedelta(minutes=r.uniform(3, 45 if t.month in (3, 4) else 20))
    form = form or FORM.get(dept)
    if form:
        t = city.add(dept, case, form, t, r.uniform(4, 13), RESIDENT[dept], p, FORM_FIELDS[dept])
    t = city.add(dept, case, IDCHECK[dept], t, r.uniform(1, 3), city.staff(dept), p)
    t = city.add(dept, case, main, t, r.uniform(4, 15), city.staff(dept), p, fields, **extra)
    city.refresh(dept, p)
    if guide and dept in GUIDE:
        t = city.add(dept, case, GUIDE[dept], t, r.uniform(3, 8), city.staff(dept), p)
    return case, t + timedelta(minutes=r.uniform(2, 8))


def back(city: City, dept: str, case: str, act: str, t: datetime, days: tuple[int, int], p: Person,
         fields: str = "", res: str | None = None, **extra: str) -> datetime:  # fmt: skip
    at = city.later(t, *days)
    city.add(
        dept, case, act, at, city.rng.uniform(2, 12), res or city.staff(dept), p, fields, **extra
    )
    return at


def income_inquiry(city: City, dept: str, case: str, t: datetime, p: Person) -> None:
    at = back(city, dept, case, INCOME[dept], t, (1, 6), p, "income")
    if city.rng.random() < 0.4:
        zc = city.new_case(ZEI)
        back(city, ZEI, zc, "所得照会回答", at, (1, 3), p, "name income")


def rekey(city: City, dept: str, p: Person, t: datetime, days: tuple[int, int] = (1, 5)) -> None:
    """Back-office re-keying of a change the department learnt from 市民課's slip."""
    case = city.new_case(dept)
    city.refresh(dept, p)
    fields = (
        "kiso name dob addr" if dept == NENKIN else "name addr"
    )  # 年金: 基礎年金番号 + name + birth date
    back(city, dept, case, KEY[dept], t, days, p, fields)


def kodomo_claim(
    city: City, parent: Person, kids: list[Person], t: datetime, main: str
) -> datetime:
    child = min(kids, key=lambda c: c.dob)
    extra = {"child": fmt_name(child.surname, child.given, KODOMO, city.rng),
             "child_dob": child.dob.isoformat()}  # fmt: skip
    if parent.mobile and city.rng.random() < 0.6:
        extra["work"] = f"0287-{city.rng.randint(20, 79)}-{city.rng.randint(1000, 9999)}"
    case, t = counter(city, KODOMO, parent, t, main, fields="", guide=True, **extra)
    city.add(
        KODOMO, case, BANK[KODOMO], t - timedelta(minutes=2), 3, city.staff(KODOMO), parent, "acct"
    )
    city.add(KODOMO, case, "医療費受給者証交付", t, 3, city.staff(KODOMO), parent)
    back(city, KODOMO, case, KEY[KODOMO], t, (1, 3), parent, "name addr")
    income_inquiry(city, KODOMO, case, t, parent)
    at = back(city, KODOMO, case, "認定審査", t, (7, 12), parent, "income")
    back(city, KODOMO, case, "認定通知書発送", at, (3, 6), parent, "", res="システム")
    return t + timedelta(minutes=5)


def gakumu_child(city: City, parent: Person, kid: Person) -> dict[str, str]:
    return {"child": fmt_name(kid.surname, kid.given, GAKUMU, city.rng),
            "child_dob": kid.dob.isoformat(), "school": city.rng.choice(SCHOOLS)}  # fmt: skip


def move_in(city: City, d: date) -> None:
    r = city.rng
    hh = city.household(city.address())
    head = city.head(hh)
    t = city.arrive(d)
    case = city.new_case(SHIMIN)
    t = city.add(SHIMIN, case, "番号札発行", t, 0, "発券機", head) + timedelta(
        minutes=r.uniform(5, 50)
    )
    t = city.add(
        SHIMIN, case, "住民異動届記入", t, r.uniform(5, 12), "来庁者", head, FORM_FIELDS[SHIMIN]
    )
    t = city.add(SHIMIN, case, "窓口本人確認", t, r.uniform(1, 3), city.staff(SHIMIN), head)
    t = city.add(SHIMIN, case, "転入届受理", t, r.uniform(5, 12), city.staff(SHIMIN), head, "addr")
    t = city.add(SHIMIN, case, "届出内容審査", t, r.uniform(2, 6), city.staff(SHIMIN), head)
    t = city.add(
        SHIMIN, case, "住民記録更新", t, r.uniform(3, 8), city.staff(SHIMIN), head, "name dob addr"
    )
    if r.random() < 0.6:
        t = city.add(
            SHIMIN, case, "マイナンバーカード券面更新", t, r.uniform(3, 6), city.staff(SHIMIN), head
        )
    t = city.add(
        SHIMIN, case, "手続きチェックリスト説明", t, r.uniform(3, 8), city.staff(SHIMIN), head
    )
    city.add(
        SHIMIN, case, "異動連絡票送付", t.replace(hour=17, minute=10), 2, city.staff(SHIMIN), head
    )
    if r.random() < 0.3:
        seal(city, head, t)
    t += timedelta(minutes=r.uniform(3, 8))
    insured = [m for m in hh.members if r.random() < 0.35 and m.age(d) < 75]
    for m in hh.members:
        m.kokuho = m in insured
    if insured:
        case, t = counter(
            city, KOKUHO, head, t, "資格取得審査", fields="income", guide=True, ctype="資格取得"
        )
        city.add(KOKUHO, case, "保険証交付", t, 3, city.staff(KOKUHO), head)
        back(city, KOKUHO, case, KEY[KOKUHO], t, (1, 3), head, "name addr")
        income_inquiry(city, KOKUHO, case, t, head)
        back(city, KOKUHO, case, "国保税納付書発送", t, (20, 40), head, "", res="一括処理")
        if head.kiso and 20 <= head.age(d) < 60:
            case, t = counter(
                city, NENKIN, head, t, "資格取得届受付（1号）", fields="kiso name dob addr"
            )
            back(city, NENKIN, case, KEY[NENKIN], t, (1, 4), head, "kiso name dob addr")
            back(city, NENKIN, case, "年金事務所へ進達", t, (2, 7), head, "kiso")
    kids = city.children(hh, d)
    if kids:
        t = kodomo_claim(city, head, kids, t, "児童手当認定請求受付")
    pupils = city.children(hh, d, 6, 14)
    if pupils:
        t += timedelta(minutes=r.uniform(8, 15))
        case, t = counter(
            city,
            GAKUMU,
            head,
            t,
            "転入学通知書発行",
            fields="",
            **gakumu_child(city, head, pupils[0]),
        )
        back(city, GAKUMU, case, KEY[GAKUMU], t, (1, 4), head, "name addr")
    elders = [m for m in hh.members if m.age(d) >= 65]
    if elders and r.random() < 0.5:
        e = elders[0]
        case, t = counter(city, KAIGO, e, t, "被保険者証交付", guide=True)
        back(city, KAIGO, case, KEY[KAIGO], t, (1, 5), e, "name addr")
        income_inquiry(city, KAIGO, case, t, e)
    for m in hh.members:
        if m.disab and r.random() < 0.7:
            case, t = counter(city, SHOGAI, m, t, "居住地変更届受付", fields="addr")
            back(city, SHOGAI, case, KEY[SHOGAI], t, (3, 20), m, "name addr")


def seal(city: City, p: Person, t: datetime) -> None:
    r = city.rng
    case = city.new_case(SHIMIN)
    t = city.add(
        SHIMIN, case, "印鑑登録申請書記入", t, r.uniform(3, 6), "来庁者", p, "name kana dob addr"
    )
    t = city.add(SHIMIN, case, "窓口本人確認", t, r.uniform(1, 2), city.staff(SHIMIN), p)
    city.add(SHIMIN, case, "印鑑登録証交付", t, r.uniform(3, 6), city.staff(SHIMIN), p)


def relocate(city: City, d: date) -> None:
    """転居 within the city: 市民課 updates the record, the others re-key it (or not)."""
    r = city.rng
    hh = r.choice([h for h in city.homes if any(m.alive for m in h.members)])
    head = city.head(hh)
    hh.addr = city.address()
    for m in hh.members:  # 市民課 keeps the record of the whole household: it has the new address
        if m.alive:
            city.refresh(SHIMIN, m)
    t = city.arrive(d)
    case = city.new_case(SHIMIN)
    t = city.add(SHIMIN, case, "番号札発行", t, 0, "発券機", head) + timedelta(
        minutes=r.uniform(5, 40)
    )
    t = city.add(
        SHIMIN, case, "住民異動届記入", t, r.uniform(5, 10), "来庁者", head, FORM_FIELDS[SHIMIN]
    )
    t = city.add(SHIMIN, case, "窓口本人確認", t, r.uniform(1, 3), city.staff(SHIMIN), head)
    t = city.add(SHIMIN, case, "転居届受理", t, r.uniform(4, 10), city.staff(SHIMIN), head, "addr")
    t = city.add(
        SHIMIN, case, "住民記録更新", t, r.uniform(3, 8), city.staff(SHIMIN), head, "name dob addr"
    )
    if r.random() < 0.5:
        t = city.add(
            SHIMIN, case, "マイナンバーカード券面更新", t, r.uniform(3, 6), city.staff(SHIMIN), head
        )
    t = city.add(
        SHIMIN, case, "手続きチェックリスト説明", t, r.uniform(3, 6), city.staff(SHIMIN), head
    )
    city.add(
        SHIMIN, case, "異動連絡票送付", t.replace(hour=17, minute=10), 2, city.staff(SHIMIN), head
    )
    update = {ZEI: 0.97, KOKUHO: 0.97, NENKIN: 0.95, KODOMO: 0.93, KAIGO: 0.95, SHOGAI: 0.5,
              SEIKATSU: 0.9, GAKUMU: 0.85}  # fmt: skip
    for dept, share in update.items():
        for m in hh.members:
            if m.aid in city.held[dept] and r.random() < share:
                rekey(city, dept, m, t)
                if dept == GAKUMU and city.children(hh, d, 6, 14):
                    gc = city.new_case(GAKUMU)
                    back(city, GAKUMU, gc, "転居に伴う通学区域変更", t, (3, 10), m, "addr",
                         **gakumu_child(city, m, city.children(hh, d, 6, 14)[0]))  # fmt: skip


def birth(city: City, d: date) -> None:
    r = city.rng
    hh = r.choice(
        [h for h in city.homes if any(m.alive and 20 <= m.age(d) <= 42 for m in h.members)]
    )
    parent = next(m for m in hh.members if m.alive and 20 <= m.age(d) <= 42)
    baby = city.person(hh, 0, parent.surname, born=d - timedelta(days=r.randint(1, 13)))
    baby.kokuho = parent.kokuho
    t = city.arrive(d)
    filer = fmt_name(parent.surname, parent.given, SHIMIN, r)
    case = city.new_case(SHIMIN)
    t = city.add(SHIMIN, case, "番号札発行", t, 0, "発券機", baby) + timedelta(
        minutes=r.uniform(5, 30)
    )
    t = city.add(
        SHIMIN,
        case,
        "戸籍届書記入",
        t,
        r.uniform(6, 12),
        "来庁者",
        baby,
        "name kana dob addr",
        filer=filer,
    )
    t = city.add(
        SHIMIN, case, "窓口本人確認", t, r.uniform(1, 3), city.staff(SHIMIN), baby, filer=filer
    )
    t = city.add(
        SHIMIN,
        case,
        "出生届受理",
        t,
        r.uniform(5, 10),
        city.staff(SHIMIN),
        baby,
        "name dob",
        filer=filer,
    )
    t = city.add(SHIMIN, case, "届出内容審査", t, r.uniform(2, 6), city.staff(SHIMIN), baby)
    t = city.add(
        SHIMIN, case, "住民記録更新", t, r.uniform(3, 6), city.staff(SHIMIN), baby, "name dob addr"
    )
    t = city.add(
        SHIMIN, case, "手続きチェックリスト説明", t, r.uniform(3, 6), city.staff(SHIMIN), baby
    )
    back(city, SHIMIN, case, "戸籍記載", t, (1, 3), baby, "name dob")
    t = kodomo_claim(
        city, parent, city.children(hh, d), t + timedelta(minutes=4), "額改定・認定請求受付"
    )
    if parent.kokuho:
        case, t = counter(
            city, KOKUHO, parent, t, "出産育児一時金申請受付", guide=True, ctype="給付"
        )
        city.add(KOKUHO, case, "保険証交付", t, 3, city.staff(KOKUHO), parent)
        back(city, KOKUHO, case, KEY[KOKUHO], t, (1, 3), parent, "name addr")


def death(city: City, d: date) -> None:
    r = city.rng
    hh = r.choice(
        [h for h in city.homes if sum(m.alive and m.age(d) >= 60 for m in h.members) >= 2]
    )
    dead = [m for m in hh.members if m.alive and m.age(d) >= 60][-1]
    filer = next(m for m in hh.members if m.alive and m is not dead and m.age(d) >= 18)
    dead.alive = False
    t = city.arrive(d)
    case = city.new_case(SHIMIN)
    fname = fmt_name(filer.surname, filer.given, SHIMIN, r)
    t = city.add(SHIMIN, case, "番号札発行", t, 0, "発券機", dead) + timedelta(
        minutes=r.uniform(5, 30)
    )
    t = city.add(
        SHIMIN,
        case,
        "戸籍届書記入",
        t,
        r.uniform(6, 12),
        "来庁者",
        dead,
        "name dob addr",
        filer=fname,
    )
    t = city.add(
        SHIMIN, case, "窓口本人確認", t, r.uniform(1, 3), city.staff(SHIMIN), dead, filer=fname
    )
    t = city.add(
        SHIMIN,
        case,
        "死亡届受理",
        t,
        r.uniform(5, 10),
        city.staff(SHIMIN),
        dead,
        "name dob",
        filer=fname,
    )
    t = city.add(
        SHIMIN, case, "火葬許可証交付", t, r.uniform(3, 6), city.staff(SHIMIN), dead, filer=fname
    )
    t = city.add(
        SHIMIN, case, "住民記録更新", t, r.uniform(3, 6), city.staff(SHIMIN), dead, "name dob addr"
    )
    t = city.add(
        SHIMIN, case, "手続きチェックリスト説明", t, r.uniform(5, 10), city.staff(SHIMIN), dead
    )
    back(city, SHIMIN, case, "戸籍記載", t, (1, 3), dead, "name dob")
    # おくやみ: often another day, the family goes round the counters
    if r.random() < 0.6:
        t = city.arrive(city.later(t, 3, 12).date())
    dname = fmt_name(dead.surname, dead.given, KOKUHO, r)
    if dead.kokuho:
        case, t = counter(city, KOKUHO, dead, t, "国保資格喪失届受付", ctype="資格喪失")
        c2 = city.new_case(KOKUHO)
        t = city.add(KOKUHO, c2, "葬祭費支給申請受付", t, r.uniform(4, 8), city.staff(KOKUHO), filer,
                     "name addr phone", ctype="給付", deceased=dname)  # fmt: skip
        t = city.add(KOKUHO, c2, GUIDE[KOKUHO], t, r.uniform(3, 6), city.staff(KOKUHO), filer)
    if filer.kiso:
        main = "未支給年金請求受付" if dead.age(d) >= 65 else "死亡一時金請求受付"
        case, t = counter(city, NENKIN, filer, t, main, fields="kiso name dob addr")
        back(city, NENKIN, case, "年金事務所へ進達", t, (2, 7), filer, "kiso")
    if dead.age(d) >= 65:
        case, t = counter(city, KAIGO, dead, t, "介護資格喪失届受付", guide=True)
    if dead.disab:
        case, t = counter(city, SHOGAI, dead, t, "手帳返還受付")
    if r.random() < 0.5:
        counter(
            city,
            ZEI,
            filer,
            t,
            "相続人代表者指定届受付",
            form="税証明交付申請書記入",
            fields="name addr phone",
        )


def marriage(city: City, d: date) -> None:
    r = city.rng
    a = r.choice([p for p in city.people if p.alive and 22 <= p.age(d) <= 40])
    b_home = r.choice([h for h in city.homes if h is not a.hh])
    b = city.person(b_home, r.randint(22, 40), r.choice(SURNAMES))
    for dept in FILES:  # b was already known to some departments before the marriage
        if r.random() < 0.3:
            city.snapshot(dept, b)
    b.hh.members.remove(b)
    b.hh = a.hh
    a.hh.members.append(b)
    b.surname = a.surname
    t = city.arrive(d)
    case = city.new_case(SHIMIN)
    t = city.add(SHIMIN, case, "番号札発行", t, 0, "発券機", b) + timedelta(
        minutes=r.uniform(5, 30)
    )
    t = city.add(
        SHIMIN, case, "戸籍届書記入", t, r.uniform(6, 12), "来庁者", b, "name kana dob addr"
    )
    t = city.add(SHIMIN, case, "窓口本人確認", t, r.uniform(1, 3), city.staff(SHIMIN), b)
    city.refresh(SHIMIN, b)  # the register takes the new name from this step on
    t = city.add(SHIMIN, case, "婚姻届受理", t, r.uniform(5, 10), city.staff(SHIMIN), b, "name")
    t = city.add(
        SHIMIN, case, "住民記録更新", t, r.uniform(3, 6), city.staff(SHIMIN), b, "name dob addr"
    )
    t = city.add(
        SHIMIN, case, "手続きチェックリスト説明", t, r.uniform(3, 6), city.staff(SHIMIN), b
    )
    back(city, SHIMIN, case, "戸籍記載", t, (1, 3), b, "name dob")
    if b.kiso and r.random() < 0.5:
        case, t = counter(city, NENKIN, b, t, "種別変更届受付（3号）", fields="kiso name dob addr")
        back(city, NENKIN, case, "年金事務所へ進達", t, (2, 7), b, "kiso")
    update = {ZEI: 0.95, KOKUHO: 0.95, NENKIN: 0.9, KODOMO: 0.5, KAIGO: 0.9, SHOGAI: 0.4,
              SEIKATSU: 0.9, GAKUMU: 0.5}  # fmt: skip
    for dept, share in update.items():
        if b.aid in city.held[dept] and r.random() < share:
            rekey(city, dept, b, t)


Task = tuple[date, Callable[[date], None]]


def routine(city: City) -> list[Task]:
    """Procedures outside the life events: each is (the day, what happens on it).

    The residents are drawn from the population at the start of the year; each procedure runs
    in time order with the life events, on the resident's state of that day (and not at all if
    the resident has died by then).
    """
    r = city.rng
    alive = [p for p in city.people if p.alive]
    adults = [p for p in alive if p.age(START) >= 18]
    earners = [p for p in adults if p.age(START) < 75]
    tasks: list[Task] = []

    def each(people: list[Person], fn: Callable[[Person, date], None], low: date = START,
             high: date = END) -> None:  # fmt: skip
        for p in people:
            tasks.append((city.day(low, high), lambda d, p=p: fn(p, d) if p.alive else None))

    def certificate(p: Person, d: date) -> None:  # 住民票の写し
        t = city.arrive(d)
        case = city.new_case(SHIMIN)
        t = city.add(SHIMIN, case, "番号札発行", t, 0, "発券機", p)
        t += timedelta(minutes=r.uniform(3, 25))
        t = city.add(
            SHIMIN, case, "証明書交付申請書記入", t, r.uniform(2, 5), "来庁者", p, "name dob addr"
        )
        t = city.add(SHIMIN, case, "窓口本人確認", t, r.uniform(1, 2), city.staff(SHIMIN), p)
        city.add(SHIMIN, case, "住民票写し交付", t, r.uniform(2, 5), city.staff(SHIMIN), p)

    def tax_return(p: Person, d: date) -> None:
        case, t = counter(
            city,
            ZEI,
            p,
            city.arrive(d),
            "申告内容審査",
            form="住民税申告書記入",
            fields="income year",
        )
        back(city, ZEI, case, "扶養控除異動入力", t, (5, 25), p, "name")

    def tax_certificate(p: Person, d: date) -> None:
        counter(city, ZEI, p, city.arrive(d), r.choice(["所得証明書交付", "課税証明書交付"]),
                form="税証明交付申請書記入", fields="year")  # fmt: skip

    def debit(p: Person, d: date) -> None:  # 口座振替 by mail
        case = city.new_case(ZEI)
        t = city.add(ZEI, case, "口座振替依頼書受付（郵送）", city.arrive(d), 2, city.staff(ZEI), p,
                     "name addr")  # fmt: skip
        back(city, ZEI, case, BANK[ZEI], t, (1, 5), p, "name acct")

    def tax_notice(p: Person, d: date) -> None:
        t = datetime(d.year, d.month, d.day, 2, r.randint(0, 59))
        city.add(
            ZEI, city.new_case(ZEI), "納税通知書発送", t, 0, "バッチ", p, "name addr income year"
        )

    def light_vehicle(p: Person, d: date) -> None:
        counter(city, ZEI, p, city.arrive(d), "軽自動車廃車申告受付", form="税証明交付申請書記入",
                fields="addr")  # fmt: skip

    def medical(p: Person, d: date) -> None:
        if p.kokuho:
            counter(city, KOKUHO, p, city.arrive(d), "高額療養費支給申請受付", ctype="給付")

    def leave(p: Person, d: date) -> None:
        if p.kokuho:
            counter(city, KOKUHO, p, city.arrive(d), "国保資格喪失届受付", ctype="資格喪失")
            p.kokuho = False

    def join(p: Person, d: date) -> None:
        case, t = counter(city, KOKUHO, p, city.arrive(d), "資格取得審査", fields="income",
                          guide=True, ctype="資格取得")  # fmt: skip
        p.kokuho = True
        city.add(KOKUHO, case, "保険証交付", t, 3, city.staff(KOKUHO), p)
        back(city, KOKUHO, case, KEY[KOKUHO], t, (1, 3), p, "name addr")
        income_inquiry(city, KOKUHO, case, t, p)

    def exemption(p: Person, d: date) -> None:
        case, t = counter(
            city, NENKIN, p, city.arrive(d), "免除申請受付", fields="kiso name dob addr"
        )
        back(city, NENKIN, case, "年金事務所へ進達", t, (2, 7), p, "kiso")

    def nursery(p: Person, d: date) -> None:
        counter(
            city, KODOMO, p, city.arrive(d), "保育施設利用申込受付", fields="income", guide=True
        )

    each(r.sample(adults, 700), certificate)
    each(r.sample(adults, 120), lambda p, d: seal(city, p, city.arrive(d)))
    each(r.sample(earners, 450), tax_return, date(2026, 2, 16), date(2026, 3, 16))
    each(r.sample(earners, 400), tax_certificate)
    each(r.sample(adults, 220), debit)
    each(r.sample(earners, 600), tax_notice, date(2025, 6, 10), date(2025, 6, 10))
    each(r.sample(adults, 50), light_vehicle)
    insured = [p for p in alive if p.kokuho]
    each(r.sample(insured, min(200, len(insured))), medical)
    leaving = r.sample(insured, min(150, len(insured)))
    each(leaving, leave)
    others = [p for p in adults if not p.kokuho and p.age(START) < 75]
    each(r.sample(others, 220), join)
    each(r.sample([p for p in adults if p.kiso and p.age(START) < 60], 220), exemption)
    parents = [city.head(h) for h in city.homes if city.children(h, START, 0, 5)]
    each(r.sample(parents, min(140, len(parents))), nursery, START, date(2025, 12, 1))
    tasks += care(city, alive) + disability(city, alive) + welfare(city) + school(city)
    return tasks


def allowance_payments(city: City) -> None:
    """児童手当 paid three times a year to everyone who claimed at こども政策課."""
    claimants = {row.person.aid: row.person for row in city.rows[KODOMO]}
    for _, p in sorted(claimants.items()):
        for year, month in ((2025, 6), (2025, 10), (2026, 2)):
            t = datetime(year, month, 10, 3, city.rng.randint(0, 59))
            city.add(KODOMO, city.new_case(KODOMO), "児童手当支払処理", t, 0, "システム", p, "acct")


def care(city: City, alive: list[Person]) -> list[Task]:
    r = city.rng

    def certification(p: Person, d: date) -> None:
        case, t = counter(city, KAIGO, p, city.arrive(d), "要介護認定申請受付", guide=True)
        back(city, KAIGO, case, "主治医意見書依頼", t, (1, 3), p)
        at = back(
            city, KAIGO, case, "認定調査（自宅訪問）", t, (7, 15), p, "addr", res="認定調査員"
        )
        at = back(city, KAIGO, case, "介護認定審査会", at, (14, 20), p)
        at = back(city, KAIGO, case, "認定結果通知", at, (2, 5), p, "name addr", res="システム")
        if r.random() < 0.6:
            back(city, KAIGO, case, "居宅サービス計画作成依頼届受付", at, (3, 15), p, "name",
                 cm=f"0287-{r.randint(20, 79)}-{r.randint(1000, 9999)}", facility=r.choice(FACILITIES))  # fmt: skip
        if r.random() < 0.1:
            back(city, KAIGO, case, "住所地特例判定", at, (3, 15), p, facility=FACILITIES[2])

    def high_cost(p: Person, d: date) -> None:
        case, t = counter(city, KAIGO, p, city.arrive(d), "高額介護サービス費申請受付")
        city.add(KAIGO, case, BANK[KAIGO], t, r.uniform(2, 5), city.staff(KAIGO), p, "acct")
        income_inquiry(city, KAIGO, case, t, p)
        back(city, KAIGO, case, "高額介護サービス費支給", t, (25, 40), p, "acct", res="一括処理")

    def sixty_five(p: Person, d: date) -> None:
        case = city.new_case(KAIGO)
        t = city.arrive(d)
        city.add(KAIGO, case, "第1号被保険者資格取得", t, 1, "一括処理", p, "name dob addr")
        income_inquiry(city, KAIGO, case, t, p)

    tasks: list[Task] = []
    for people, fn in (
        (r.sample([p for p in alive if p.care or p.age(START) >= 75], 260), certification),
        (r.sample([p for p in alive if p.age(START) >= 70], 180), high_cost),
        (r.sample([p for p in alive if 64 <= p.age(START) <= 65], 60), sixty_five),
    ):
        for p in people:
            tasks.append((city.day(), lambda d, p=p, fn=fn: fn(p, d) if p.alive else None))
    return tasks


def disability(city: City, alive: list[Person]) -> list[Task]:
    r = city.rng
    holders = [p for p in alive if p.disab]

    def booklet(p: Person, d: date) -> None:
        case, t = counter(city, SHOGAI, p, city.arrive(d), "手帳交付申請受付")
        back(city, SHOGAI, case, "障害者手帳交付", t, (30, 60), p, "name",
             techo=f"身{r.randint(10000, 99999)}")  # fmt: skip

    def medical(p: Person, d: date) -> None:
        case, t = counter(city, SHOGAI, p, city.arrive(d), "自立支援医療申請受付")
        income_inquiry(city, SHOGAI, case, t, p)

    def services(p: Person, d: date) -> None:
        case, t = counter(city, SHOGAI, p, city.arrive(d), "障害福祉サービス支給申請受付")
        at = back(city, SHOGAI, case, "支援区分認定審査会", t, (20, 40), p)
        back(city, SHOGAI, case, BANK[SHOGAI], at, (2, 8), p, "acct")
        income_inquiry(city, SHOGAI, case, at, p)

    tasks: list[Task] = []
    for n, fn in ((130, booklet), (150, medical), (110, services)):
        for p in r.sample(holders, min(n, len(holders))):
            tasks.append((city.day(), lambda d, p=p, fn=fn: fn(p, d) if p.alive else None))
    return tasks


def welfare(city: City) -> list[Task]:
    r = city.rng

    def case_year(hh: Household, d: date) -> None:
        if not any(m.alive for m in hh.members):
            return
        p = city.head(hh)
        case, t = counter(city, SEIKATSU, p, city.arrive(d), "保護申請受理", guide=True)
        kin = r.choice(city.people)
        at = back(city, SEIKATSU, case, "資産調査", t, (1, 5), p)
        back(city, SEIKATSU, case, "扶養照会", at, (1, 5), p, "",
             kin=fmt_name(kin.surname, kin.given, SEIKATSU, r))  # fmt: skip
        back(city, SEIKATSU, case, INCOME[SEIKATSU], at, (1, 5), p, "income")
        at = back(city, SEIKATSU, case, "家庭訪問", at, (5, 10), p, "addr", res="CW訪問")
        at = back(city, SEIKATSU, case, "保護要否判定", at, (3, 8), p)
        at = back(city, SEIKATSU, case, "保護決定通知", at, (1, 3), p, "name addr")
        back(city, SEIKATSU, case, BANK[SEIKATSU], at, (1, 3), p, "acct")
        for month in range(at.month + 1, at.month + 5):
            y, m = at.year + (month - 1) // 12, (month - 1) % 12 + 1
            if date(y, m, 1) <= END:
                city.add(
                    SEIKATSU, case, "保護費支給", datetime(y, m, 5, 4, 0), 0, "一括処理", p, "acct"
                )
                if r.random() < 0.4:
                    back(city, SEIKATSU, case, "家庭訪問", datetime(y, m, 5, 9), (3, 20), p, "addr",
                         res="CW訪問")  # fmt: skip

    homes = r.sample(city.welfare_homes, min(70, len(city.welfare_homes)))
    return [(city.day(START, date(2025, 12, 15)), lambda d, h=h: case_year(h, d)) for h in homes]


def school(city: City) -> list[Task]:
    r = city.rng

    def aid(hh: Household, d: date) -> None:
        kids = city.children(hh, START, 6, 14)
        if not kids or not any(m.alive for m in hh.members):
            return
        p = city.head(hh)
        case, t = counter(
            city, GAKUMU, p, city.arrive(d), "就学援助申請受付", **gakumu_child(city, p, kids[0])
        )
        at = back(city, GAKUMU, case, INCOME[GAKUMU], t, (5, 20), p, "income")
        back(city, GAKUMU, case, BANK[GAKUMU], at, (1, 5), p, "acct")
        back(city, GAKUMU, case, "就学援助認定通知", at, (5, 10), p, "name addr", res="システム")

    def entrance(hh: Household, d: date) -> None:
        kids = [m for m in hh.members if m.alive and m.age(date(2026, 4, 1)) == 6]
        if not kids or not any(m.alive for m in hh.members):
            return
        p = city.head(hh)
        t = datetime(d.year, d.month, d.day, 1, r.randint(0, 59))
        city.add(GAKUMU, city.new_case(GAKUMU), "入学通知書交付", t, 0, "システム", p, "name addr",
                 **gakumu_child(city, p, kids[0]))  # fmt: skip

    families = [h for h in city.homes if city.children(h, START, 6, 14)]
    tasks: list[Task] = [
        (city.day(START, date(2025, 5, 30)), lambda d, h=h: aid(h, d))
        for h in r.sample(families, min(220, len(families)))
    ]
    tasks += [(date(2026, 1, 20), lambda d, h=h: entrance(h, d)) for h in city.homes]
    return tasks


# ---- writing ------------------------------------------------------------------------------
def write_exports(city: City, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    events = 0
    for dept, (name, encoding, roles, columns) in FILES.items():
        case_h, act_h, start_h, end_h, res_h, key_h = roles
        header = [h for h in (case_h, act_h, start_h, end_h, res_h, key_h) if h] + list(
            columns.values()
        )
        rows = sorted(city.rows[dept], key=lambda w: (w.start, w.case, w.act))
        with (out / name).open("w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            for w in rows:
                line = [w.case, w.act, fmt_time(w.start, dept)]
                if end_h:
                    line.append(fmt_time(w.end, dept) if w.end else "")
                line.append(w.res)
                if key_h:
                    line.append(w.person.mynum if dept == KOKUHO else w.person.aid)
                line += [w.data.get(k, "") for k in columns]
                writer.writerow(line)
        events += len(rows)
    toml = [
        "# かわべ市: department of each export (市民税課.csv and 長寿介護課.csv are named by their file)"
    ]
    for dept in TOML_NAMED:
        toml += [f'[files."{FILES[dept][0]}"]', f'department = "{dept}"', ""]
    (out / "procmine.toml").write_text("\n".join(toml), encoding="utf-8")
    return events


def write_truth(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "duplicates.csv": (["cluster", "department", "activity"],
                           [(k, d, a) for k, ms in DUPLICATES.items() for d, a in ms]),
        "negatives.csv": (["group", "department", "activity"],
                          [(k, d, a) for k, ms in NEGATIVES.items() for d, a in ms]),
        "silos.csv": (["field", "department", "column"],
                      [(k, d, c) for k, ms in SILOS.items() for d, c in ms]),
        "decoys.csv": (["department", "column"], DECOYS),
    }  # fmt: skip
    for name, (header, rows) in tables.items():
        with (out / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)


def make(out: Path, seed: int = 20261128, households: int = 1600) -> str:
    city = City(seed, households)
    counts = {move_in: 230, relocate: 300, birth: 120, death: 90, marriage: 80}
    tasks: list[Task] = [
        (city.day(), lambda d, e=event: e(city, d)) for event, n in counts.items() for _ in range(n)
    ]
    tasks += routine(city)
    order = sorted(range(len(tasks)), key=lambda i: (tasks[i][0], i))
    for i in order:  # everything in time order, on the residents' state of that day
        tasks[i][1](tasks[i][0])
    allowance_payments(city)
    events = write_exports(city, out / "city")
    write_truth(out / "truth")
    residents = len({w.person.aid for rows in city.rows.values() for w in rows})
    return f"かわべ市: {len(city.people)} residents ({residents} in the exports), {events} events, 9 departments"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--households", type=int, default=1600)
    args = parser.parse_args()
    print(make(args.out, args.seed, args.households))


if __name__ == "__main__":
    main()
