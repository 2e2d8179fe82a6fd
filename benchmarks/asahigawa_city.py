"""あさひがわ市 (fictional): a held-out test city for procmine, written without its source.

Usage::

    .venv/bin/python benchmarks/asahigawa_city.py OUT [--seed N] [--households N]

writes ``OUT/city/`` (eight department exports and a ``procmine.toml`` naming the departments of
the four 本庁 files, whose names are the systems', not the departments') and ``OUT/truth/``
(``duplicates.csv``, ``negatives.csv``, ``silos.csv``, ``decoys.csv``). One fiscal year
(2026-04-01 to 2027-03-31), about 4,000 residents in about 1,800 households.

The city and its exports
------------------------
A 政令指定都市-style structure with two wards. Each ward office (区役所) runs the city-wide 住基
system (区民課) and 国保 system (保険年金課) for its own residents; each ward's counter PC exports
its own log, so there are four ward files with identical layouts and identical labels:

* ``北区役所_区民課.csv`` / ``南区役所_区民課.csv`` (UTF-8): 受付番号, 処理内容, 処理日時, 終了日時,
  担当者, 宛名番号 (10 digits, zero-padded), 氏名, 氏名カナ, 生年月日 (ISO), 性別, 住所 (丁目・番・号),
  世帯主, 届出人氏名 (the person who filed: often the resident, often not — a decoy).
  北区 introduces a 書かない窓口 on 2026-10-01: from then on the resident no longer writes
  ``異動届記入`` (performer 申請者) but a clerk fills the form from an interview
  (``申請書作成支援（聞き取り）``), a label change in the middle of the year.
* ``北区役所_保険年金課.csv`` / ``南区役所_保険年金課.csv`` (Shift_JIS/CP932): 受付No, 業務内容,
  受付日時, 完了日時, 処理者, 宛名番号, 被保険者氏名, カナ氏名, 生年月日 (和暦 ``昭和55年3月2日``),
  住所 (hyphens, full-width digits), 世帯主氏名, 電話番号, 個人番号, 所得額, 口座 (bank and branch
  names, 普通 and number: a 国保税 direct-debit account), 前保険者名.

本庁 (city hall) departments, one system each:

* ``kodomo_katei.csv`` こども家庭課 — a vendor package: English headers (CaseID, Activity, Timestamp,
  CompletedAt, Staff, ResidentNo without zero padding, Claimant Name, Claimant Kana, Date of Birth
  as MM/DD/YYYY, Address, Phone, My Number, Income, Bank Account as ``0005-123-1234567``, Child
  Name, Child Date of Birth), activity labels mixing English and Japanese (``Identity check /
  本人確認``), and one label written in full-width alphanumerics on about a fifth of its rows
  (``Ｍｙ Ｎｕｍｂｅｒ確認``): both spellings are in the truth, same cluster.
* ``kaigo_hoken.csv`` 介護保険課 — the procedure is in a column of its own (手続種別: 資格取得（転入）,
  住所変更, 要介護認定申請, 負担限度額認定, 資格喪失) and the activity column (処理) holds mostly generic
  verbs (受付 / 記入 / 本人確認 / 住所照会 / 所得確認 / 入力 / 訪問調査 / 審査 / 通知 / 交付); date and time
  of day in two columns (処理日 + 処理時刻); 生年月日 as yyyymmdd; decoys: 代理人氏名, 代理人電話,
  主治医医療機関, 医療機関電話, 施設所在地.
* ``障害福祉課_窓口記録.csv`` 障害福祉課 — an Excel export in CP932 with two title lines above the
  header; the resident key under 個人コード; name split in 姓 + 名; address split in 郵便番号 +
  住所1 + 住所2 + 方書; account split in 金融機関コード + 支店コード + 口座番号; 生年月日 as
  ``S55.03.02``; decoys 緊急連絡先氏名, 緊急連絡先電話, 診断書作成医.
* ``shiminzei.parquet`` 市民税課 — Parquet, a real datetime column, the key as an integer
  (納税義務者番号); answers the other departments' income inquiries (課税照会回答); decoys
  勤務先電話, 勤務先所在地, 専従者氏名.

Judgement calls (the truth)
---------------------------
* **Ward twins are not duplicated work.** 北区's 本人確認 and 南区's 本人確認 are the same
  procedure of one city-wide system done for different residents: nothing is done twice. So each
  canonical task has one cluster per ward (``ID-北``, ``ID-南`` …): the ward's own departments plus
  every 本庁 department. Pairs 北区 × 南区 are therefore not true pairs; 本庁 × 本庁 and
  ward × 本庁 and 区民課 × 保険年金課 of the same ward are. (Residents who move between wards are
  the exception, too few to change the call.)
* **The authoritative 住基 update (異動入力) is not a re-keying**: the other departments' keying of
  the same 4情報 is (KEY cluster). Likewise 市民税課's 課税照会回答 is the provider of income
  data, not an inquiry; neither is in a cluster.
* A 国保 direct-debit account (口座振替登録), the child-allowance payment account and the
  disability allowance's payment account are all "bank-account registration" (ACCT), even
  where the accounts legitimately differ.
* In 介護保険課 the generic ``入力`` is KEY (资格取得 and 住所変更 re-key the 住基 data; the
  認定申請 keys the applicant's data too), ``記入`` is FORM, ``受付`` is in no cluster.
* Silos: the two ward exports of one system still each hold the field, so they are listed
  (their pairs count); split columns are all listed (障害福祉課's 姓 and 名 under 氏名; 住所1 and
  住所2 under 住所; 金融機関コード, 支店コード and 口座番号 under 口座). 郵便番号 and 方書 are not
  a silo (only one system keeps them). Former values (前保険者名) are no field.
* Hard negatives: deliverables (交付 of different documents), reviews (審査), visits (訪問調査),
  notices (通知), and "入力" steps that key different data (申告内容入力, 異動入力 vs
  資格喪失入力 are not in it: only clearly different documents/decisions).

The truth was written from this design before procmine was run on the city. One generator
bug was fixed after the very first run: the exports did not say the 本庁 departments' names
(files named ``kodomo_katei.csv`` …), so the ``procmine.toml`` a consultant writes for them was
added; the truth was not changed. Nothing else (no column name, label or value) was changed
after procmine first ran.

Two slips of the truth, kept as written (seen only after the first run): the 審査 negatives
group holds both wards' 届書審査, so their ward-twin pair counts as a hard negative although
it is the same decision; and listing both spellings of こども家庭課's My Number check makes the
spelling procmine merges away (Ｍｙ Ｎｕｍｂｅｒ確認) cost 3 unreachable pairs of recall.

First run (seed 20261128, 2026-11-28): duplicates precision 0.650, recall 0.582, F1 0.614,
3 hard-negative pairs (all ward twins); silos precision 0.952, recall 0.726, F1 0.824, no
decoy grouped with a resident field.
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

START = date(2026, 4, 1)
END = date(2027, 3, 31)
WARDS = ("北区", "南区")
KUMIN = {w: f"{w}役所_区民課" for w in WARDS}
HOKEN = {w: f"{w}役所_保険年金課" for w in WARDS}
KODOMO, KAIGO, SHOGAI, ZEI = "こども家庭課", "介護保険課", "障害福祉課", "市民税課"
ONE_STOP = date(2026, 10, 1)  # 北区's 書かない窓口

SEI = [("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"),
       ("伊藤", "イトウ"), ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"),
       ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"),
       ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"), ("井上", "イノウエ"),
       ("木村", "キムラ"), ("林", "ハヤシ"), ("斎藤", "サイトウ"), ("清水", "シミズ"),
       ("山崎", "ヤマザキ"), ("森", "モリ"), ("池田", "イケダ"), ("橋本", "ハシモト"),
       ("阿部", "アベ"), ("石川", "イシカワ"), ("前田", "マエダ"), ("藤田", "フジタ"),
       ("小川", "オガワ"), ("岡田", "オカダ"), ("長谷川", "ハセガワ"), ("村上", "ムラカミ"),
       ("近藤", "コンドウ"), ("石井", "イシイ"), ("坂本", "サカモト"), ("遠藤", "エンドウ"),
       ("青木", "アオキ"), ("藤井", "フジイ"), ("西村", "ニシムラ"), ("福田", "フクダ"),
       ("太田", "オオタ"), ("三浦", "ミウラ"), ("藤原", "フジワラ"), ("岡本", "オカモト"),
       ("松田", "マツダ"), ("中川", "ナカガワ"), ("中野", "ナカノ"), ("原田", "ハラダ")]  # fmt: skip
MEI = [("翔太", "ショウタ"), ("大輝", "ダイキ"), ("健一", "ケンイチ"), ("誠", "マコト"),
       ("浩二", "コウジ"), ("隆", "タカシ"), ("拓也", "タクヤ"), ("直樹", "ナオキ"),
       ("和也", "カズヤ"), ("悠斗", "ユウト"), ("蓮", "レン"), ("陽翔", "ハルト"),
       ("美咲", "ミサキ"), ("陽子", "ヨウコ"), ("恵子", "ケイコ"), ("由美", "ユミ"),
       ("真由美", "マユミ"), ("彩", "アヤ"), ("結衣", "ユイ"), ("さくら", "サクラ"),
       ("葵", "アオイ"), ("陽菜", "ヒナ"), ("久美子", "クミコ"), ("幸子", "サチコ"),
       ("節子", "セツコ"), ("清", "キヨシ"), ("勇", "イサム"), ("和子", "カズコ"),
       ("花子", "ハナコ"), ("大和", "ヤマト"), ("湊", "ミナト"), ("凛", "リン")]  # fmt: skip
TOWNS = {"北区": ["春日町", "旭町", "末広町", "緑が丘", "新富町", "豊岡"],
         "南区": ["神楽町", "東光", "永山", "西御料", "忠和", "台場"]}  # fmt: skip
BANKS = [("0001", "みずほ銀行"), ("0005", "三菱ＵＦＪ銀行"), ("0009", "三井住友銀行"),
         ("0116", "北海道銀行"), ("0501", "北洋銀行"), ("9900", "ゆうちょ銀行"),
         ("1010", "旭川信用金庫")]  # fmt: skip
ERA = [(date(1989, 1, 8), "平成", "H"), (date(1926, 12, 25), "昭和", "S"),
       (date(2019, 5, 1), "令和", "R")]  # fmt: skip
HOSPITALS = [("あさひがわ中央病院", "0166-22-1111"), ("北斗内科クリニック", "0166-51-2345"),
             ("永山整形外科", "0166-48-7777"), ("神楽岡記念病院", "0166-61-0123")]  # fmt: skip
FACILITIES = ["あさひがわ市南区神楽町5丁目1番10号", "あさひがわ市北区豊岡3丁目8番1号",
              "あさひがわ市南区永山4丁目2番3号"]  # fmt: skip
EMPLOYERS = [("株式会社旭光建設", "0166-23-4567", "あさひがわ市北区旭町1丁目2番3号"),
             ("あさひがわ運輸株式会社", "0166-34-1200", "あさひがわ市南区台場2丁目11番"),
             ("北斗食品工業株式会社", "0166-45-9870", "あさひがわ市南区東光8丁目1番1号"),
             ("医療法人 緑風会", "0166-56-3030", "あさひがわ市北区緑が丘1丁目5番2号")]  # fmt: skip
FW = str.maketrans("0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz ",
                   "０１２３４５６７８９－ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
                   "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ　")  # fmt: skip

# ---------------------------------------------------------------- the truth, from the design
_WARD_TASKS = {  # canonical task -> (区民課 label(s), 保険年金課 label(s)) in each ward
    "QUEUE": (["番号札発券"], ["発券"]),
    "ID": (["本人確認"], ["届出人確認"]),
    "FORM": (["異動届記入", "申請書作成支援（聞き取り）", "交付申請書記入"], ["国保異動届記入"]),
    "NUM": ([], ["個人番号確認"]),
    "ADDR": ([], ["住基照会（世帯確認）"]),
    "KEY": ([], ["資格情報入力"]),
    "INCOME": ([], ["所得照会（軽減判定）"]),
    "ACCT": ([], ["口座振替登録"]),
    "GUIDE": (["関係課案内"], ["他課手続案内"]),
}
_HONCHO_TASKS = {  # canonical task -> [(本庁 department, label)]
    "QUEUE": [(KODOMO, "Ticket 発券"), (ZEI, "番号札発券")],
    "ID": [(KODOMO, "Identity check / 本人確認"), (KAIGO, "本人確認"), (SHOGAI, "身元確認"),
           (ZEI, "窓口本人確認")],
    "FORM": [(KODOMO, "Claim form 認定請求書記入"), (KAIGO, "記入"), (SHOGAI, "申請書記入"),
             (ZEI, "証明交付申請書記入"), (ZEI, "申告書記入")],
    "NUM": [(KODOMO, "My Number確認"), (KODOMO, "Ｍｙ Ｎｕｍｂｅｒ確認"), (SHOGAI, "マイナンバー確認")],
    "ADDR": [(KODOMO, "Address check 住所確認"), (KAIGO, "住所照会"), (SHOGAI, "住民記録照会")],
    "KEY": [(KODOMO, "Data entry 受給者台帳入力"), (KAIGO, "入力"), (SHOGAI, "台帳登録（住所・氏名）")],
    "INCOME": [(KODOMO, "Income inquiry 所得照会"), (KAIGO, "所得確認"), (SHOGAI, "課税状況確認")],
    "ACCT": [(KODOMO, "Bank account 口座登録"), (SHOGAI, "振込口座登録"), (ZEI, "口座振替申込受付")],
    "GUIDE": [(KODOMO, "Guidance to other counters 他課案内")],
}  # fmt: skip
NEGATIVES = {
    "交付": [(KUMIN["北区"], "住民票の写し交付"), (HOKEN["北区"], "資格確認書交付"),
             (KODOMO, "Medical card issue 医療証交付"), (KAIGO, "交付"), (SHOGAI, "手帳交付"),
             (ZEI, "所得証明書交付")],
    "交付-南": [(KUMIN["南区"], "住民票の写し交付"), (HOKEN["南区"], "資格確認書交付"),
               (KODOMO, "Medical card issue 医療証交付"), (KAIGO, "交付"), (SHOGAI, "手帳交付"),
               (ZEI, "所得証明書交付")],
    "審査": [(KODOMO, "Eligibility review 認定審査"), (KAIGO, "審査"), (SHOGAI, "判定審査"),
             (KUMIN["北区"], "届書審査"), (KUMIN["南区"], "届書審査")],
    "訪問": [(KAIGO, "訪問調査"), (SHOGAI, "区分認定調査（訪問）")],
    "通知": [(KODOMO, "Notice 認定通知書発送"), (KAIGO, "通知"), (SHOGAI, "決定通知")],
}  # fmt: skip


def duplicates_truth() -> list[tuple[str, str, str]]:
    rows = []
    for task, (kumin, hoken) in _WARD_TASKS.items():
        for ward in WARDS:
            cluster = f"{task}-{ward[0]}"
            rows += [
                (cluster, KUMIN[ward], a)
                for a in kumin
                if ward == "北区" or a != "申請書作成支援（聞き取り）"  # 北区's one-stop only
            ]
            rows += [(cluster, HOKEN[ward], a) for a in hoken]
            rows += [(cluster, d, a) for d, a in _HONCHO_TASKS.get(task, [])]
    return rows


def _both(column: str, wards: dict[str, str]) -> list[tuple[str, str]]:
    return [(wards[w], column) for w in WARDS]


SILOS = {
    "氏名": _both("氏名", KUMIN) + _both("被保険者氏名", HOKEN)
    + [(KODOMO, "Claimant Name"), (KAIGO, "被保険者氏名"), (SHOGAI, "姓"), (SHOGAI, "名"),
       (ZEI, "氏名")],
    "カナ": _both("氏名カナ", KUMIN) + _both("カナ氏名", HOKEN)
    + [(KODOMO, "Claimant Kana"), (KAIGO, "フリガナ"), (SHOGAI, "フリガナ"), (ZEI, "カナ")],
    "生年月日": _both("生年月日", KUMIN) + _both("生年月日", HOKEN)
    + [(KODOMO, "Date of Birth"), (KAIGO, "生年月日"), (SHOGAI, "生年月日"), (ZEI, "生年月日")],
    "住所": _both("住所", KUMIN) + _both("住所", HOKEN)
    + [(KODOMO, "Address"), (KAIGO, "住所"), (SHOGAI, "住所1"), (SHOGAI, "住所2"), (ZEI, "住所")],
    "世帯主": _both("世帯主", KUMIN) + _both("世帯主氏名", HOKEN),
    "電話": _both("電話番号", HOKEN)
    + [(KODOMO, "Phone"), (KAIGO, "連絡先電話"), (SHOGAI, "電話番号"), (ZEI, "電話")],
    "個人番号": _both("個人番号", HOKEN)
    + [(KODOMO, "My Number"), (SHOGAI, "個人番号"), (ZEI, "個人番号")],
    "所得": _both("所得額", HOKEN)
    + [(KODOMO, "Income"), (KAIGO, "合計所得金額"), (SHOGAI, "前年所得"), (ZEI, "合計所得金額")],
    "口座": _both("口座", HOKEN)
    + [(KODOMO, "Bank Account"), (SHOGAI, "金融機関コード"), (SHOGAI, "支店コード"),
       (SHOGAI, "口座番号"), (ZEI, "振替口座")],
}  # fmt: skip
SILOS = {k: v for k, v in SILOS.items() if len({d for d, _ in v}) > 1}
DECOYS = (
    _both("届出人氏名", KUMIN)
    + [(KODOMO, "Child Name"), (KODOMO, "Child Date of Birth"), (KAIGO, "代理人氏名"),
       (KAIGO, "代理人電話"), (KAIGO, "主治医医療機関"), (KAIGO, "医療機関電話"), (KAIGO, "施設所在地"),
       (SHOGAI, "緊急連絡先氏名"), (SHOGAI, "緊急連絡先電話"), (SHOGAI, "診断書作成医"),
       (ZEI, "勤務先電話"), (ZEI, "勤務先所在地"), (ZEI, "専従者氏名")]
)  # fmt: skip


# ---------------------------------------------------------------- residents
@dataclass
class Person:
    aid: int
    sei: int
    mei: int
    dob: date
    sex: str
    hh: Household
    mynum: str
    phone: str
    income: int
    pay_bank: tuple[str, str, str, str]  # code, bank, branch code, number
    debit_bank: tuple[str, str, str, str]
    handicap: bool = False
    employer: int = 0
    copies: dict[str, dict] = field(default_factory=dict)  # department -> its record

    @property
    def name(self) -> str:
        return f"{SEI[self.sei][0]}　{MEI[self.mei][0]}"

    @property
    def kana(self) -> str:
        return f"{SEI[self.sei][1]}　{MEI[self.mei][1]}"

    def age(self, on: date) -> int:
        return on.year - self.dob.year - ((on.month, on.day) < (self.dob.month, self.dob.day))


@dataclass
class Household:
    ward: str
    town: int
    chome: int
    ban: int
    go: int
    kata: str
    kokuho: bool
    members: list[Person] = field(default_factory=list)

    def address(self) -> tuple[str, str, str, str]:
        """(住所1 市区町名, 丁目番号, 方書, 郵便番号)."""
        town = TOWNS[self.ward][self.town]
        post = f"07{8 if self.ward == '北区' else 9}-{8100 + self.town * 37 + self.chome:04d}"
        return (f"あさひがわ市{self.ward}{town}", f"{self.chome}丁目{self.ban}番{self.go}号",
                self.kata, post)  # fmt: skip

    @property
    def head(self) -> Person:
        return self.members[0]


class City:
    def __init__(self, seed: int, households: int) -> None:
        self.rng = random.Random(seed)
        self.rows: dict[str, list[dict]] = {}
        self.people: list[Person] = []
        self.households: list[Household] = []
        self.seq: dict[str, int] = {}
        self.next_aid = 100001
        self.busy: dict[tuple[str, date], datetime] = {}
        for _ in range(households):
            self.new_household(self.rng.choice(WARDS))

    # --- population
    def account(self) -> tuple[str, str, str, str]:
        code, bank = self.rng.choice(BANKS)
        return (
            code,
            bank,
            f"{self.rng.randint(1, 60) * 3:03d}",
            f"{self.rng.randint(1, 9999999):07d}",
        )

    def new_person(self, hh: Household, sei: int, dob: date, sex: str) -> Person:
        rng = self.rng
        mei = rng.choice([i for i in range(len(MEI)) if (i < 12 or i in (29, 30)) == (sex == "男")])
        pay = self.account()
        adult = (START - dob).days > 18 * 365
        p = Person(
            aid=self.next_aid, sei=sei, mei=mei, dob=dob, sex=sex, hh=hh,
            mynum=f"{rng.randint(10**11, 10**12 - 1)}",
            phone=(f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}" if rng.random() < 0.6
                   else f"0166-{rng.randint(20, 69)}-{rng.randint(1000, 9999)}"),
            income=(rng.choice([0, 0, rng.randint(50, 900) * 10000]) if adult else 0),
            pay_bank=pay, debit_bank=pay if rng.random() < 0.7 else self.account(),
            handicap=rng.random() < 0.05, employer=rng.randrange(len(EMPLOYERS)),
        )  # fmt: skip
        self.next_aid += rng.randint(1, 3)
        hh.members.append(p)
        self.people.append(p)
        return p

    def new_household(self, ward: str) -> Household:
        rng = self.rng
        hh = Household(
            ward=ward, town=rng.randrange(6), chome=rng.randint(1, 9), ban=rng.randint(1, 30),
            go=rng.randint(1, 20),
            kata=(f"{rng.choice(['コーポ', 'ハイツ', 'メゾン'])}{rng.choice(['旭', '緑', '春日'])}"
                  f"{rng.randint(1, 3)}0{rng.randint(1, 8)}号室") if rng.random() < 0.3 else "",
            kokuho=rng.random() < 0.3,
        )  # fmt: skip
        self.households.append(hh)
        sei = rng.randrange(len(SEI))
        kind = rng.random()
        head_age = rng.randint(22, 90) if kind > 0.4 else rng.randint(26, 50)
        head = self.new_person(hh, sei, self.dob(head_age), "男" if rng.random() < 0.75 else "女")
        if kind < 0.75 and head_age < 85:
            self.new_person(hh, sei, self.dob(head_age + rng.randint(-4, 3)),
                            "女" if head.sex == "男" else "男")  # fmt: skip
        if kind < 0.4:
            for _ in range(rng.randint(1, 3)):
                self.new_person(hh, sei, self.dob(rng.randint(0, 17)), rng.choice("男女"))
        if head_age >= 65:
            hh.kokuho = rng.random() < 0.5
        return hh

    def dob(self, age: int) -> date:
        return START - timedelta(days=age * 365 + self.rng.randint(0, 364))

    # --- time
    def day(self, lo: date = START, hi: date = END) -> date:
        while True:
            d = lo + timedelta(days=self.rng.randint(0, (hi - lo).days))
            if (
                d.weekday() < 5
                and not (d.month == 12 and d.day > 28)
                and not (d.month == 1 and d.day < 4)
            ):
                return d

    def later(self, d: date, lo: int, hi: int) -> date:
        d = d + timedelta(days=self.rng.randint(lo, hi))
        while d.weekday() >= 5:
            d += timedelta(days=1)
        return min(d, END)

    def arrive(self, d: date) -> datetime:
        return datetime.combine(d, datetime.min.time()) + timedelta(
            minutes=8 * 60 + 45 + self.rng.randint(0, 450)
        )

    def case(self, dept: str, prefix: str) -> str:
        self.seq[dept] = self.seq.get(dept, 0) + 1
        return f"{prefix}{self.seq[dept]:06d}"

    # --- a department's copy of a resident
    def copy(self, dept: str, p: Person, refresh: bool = True) -> dict:
        rec = p.copies.get(dept)
        if rec is None or refresh:
            a1, a2, kata, post = p.hh.address()
            rec = {"a1": a1, "a2": a2, "kata": kata, "post": post, "name": p.name, "kana": p.kana,
                   "sei": SEI[p.sei][0], "mei": MEI[p.mei][0], "phone": p.phone,
                   "income": p.income, "head": p.hh.head.name}  # fmt: skip
            if dept == SHOGAI and self.rng.random() < 0.03:  # 異体字 in the disability register
                rec["sei"] = rec["sei"].replace("高", "髙").replace("崎", "﨑").replace("辺", "邊")
            if self.rng.random() < 0.08 and dept in (KODOMO, KAIGO, SHOGAI):
                rec["phone"] = f"080-{self.rng.randint(1000, 9999)}-{self.rng.randint(1000, 9999)}"
            p.copies[dept] = rec
        return rec

    # --- a visit to a counter: steps in order, one after the other
    def steps(self, dept: str, case: str, p: Person, t: datetime, acts: list[tuple],
              data: dict) -> datetime:  # fmt: skip
        for act, lo, hi, who in acts:
            dur = timedelta(seconds=self.rng.randint(int(lo * 60), int(hi * 60)))
            self.rows.setdefault(dept, []).append(
                {
                    "case": case,
                    "act": act,
                    "start": t,
                    "end": t + dur if who != "machine" else None,
                    "res": self.resource(dept, who),
                    "person": p,
                    "data": data,
                }
            )
            t = t + dur + timedelta(seconds=self.rng.randint(20, 600 if act in TICKETS else 120))
        return t

    def resource(self, dept: str, who: str) -> str:
        if who == "machine":
            return "発券機" if dept != KODOMO else "KIOSK-01"
        if who == "resident":
            return "申請者" if dept != KODOMO else "Applicant"
        if who == "batch":
            return "一括処理" if dept != KODOMO else "BATCH"
        staff = {KODOMO: ["kobayashi.m", "nakata.r", "ueno.s", "okabe.t"],
                 KAIGO: ["介護 田村", "介護 北野", "介護 大西"],
                 SHOGAI: ["障福01", "障福02", "障福03"],
                 ZEI: ["Z101", "Z102", "Z105", "Z108"]}.get(dept)  # fmt: skip
        if staff is None:
            staff = [f"{dept[:2]}担当{i}" for i in "ABCD"]
        return self.rng.choice(staff)


TICKETS = {"番号札発券", "発券", "Ticket 発券"}
HONCHO_FILES = {
    "kodomo_katei.csv": KODOMO,
    "kaigo_hoken.csv": KAIGO,
    "障害福祉課_窓口記録.csv": SHOGAI,
    "shiminzei.parquet": ZEI,
}


# ---------------------------------------------------------------- procedures per department
def kumin(city: City, p: Person, d: date, kind: str, filer: Person | None = None) -> datetime:
    """区民課 of the resident's ward; kind: 転入 転居 転出 出生 死亡 証明."""
    rng, ward = city.rng, p.hh.ward
    dept = KUMIN[ward]
    t = city.arrive(d)
    form = ("申請書作成支援（聞き取り）", 3, 8, "staff") if ward == "北区" and d >= ONE_STOP else (
        "異動届記入", 4, 12, "resident")  # fmt: skip
    acts: list[tuple] = [("番号札発券", 0, 0.1, "machine")]
    if kind in ("転入", "転居", "転出"):
        acts += [form, ("本人確認", 1, 3, "staff")]
        if kind == "転入":
            acts.append(("転出証明書確認", 1, 4, "staff"))
        acts.append(("異動入力", 4, 10, "staff"))
        if kind == "転出":
            acts.append(("転出証明書交付", 1, 3, "staff"))
        elif rng.random() < 0.5:
            acts.append(("住民票の写し交付", 1, 3, "staff"))
        if kind != "転出":
            acts.append(("関係課案内", 2, 6, "staff"))
    elif kind in ("出生", "死亡"):
        acts += [("届書審査", 5, 15, "staff"), ("本人確認", 1, 3, "staff"),
                 ("異動入力", 4, 10, "staff"), ("関係課案内", 3, 8, "staff")]  # fmt: skip
    else:  # 証明
        acts += [("交付申請書記入", 2, 5, "resident"), ("本人確認", 1, 2, "staff"),
                 ("住民票の写し交付", 1, 4, "staff")]  # fmt: skip
    rec = city.copy(dept, p)
    adults = [m for m in p.hh.members if m.age(d) >= 18] or [p]
    who = filer or (p if rng.random() < 0.6 and p.age(d) >= 18 else rng.choice(adults))
    data = dict(rec, filer=who.name, reason=kind)
    return city.steps(dept, city.case(dept, f"{'KN' if ward == '北区' else 'KS'}26-"), p, t,
                      acts, data)  # fmt: skip


def hoken(city: City, p: Person, t: datetime, kind: str) -> datetime:
    """保険年金課 of the ward; kind: 加入 喪失 住所変更."""
    rng, ward = city.rng, p.hh.ward
    dept = HOKEN[ward]
    acts: list[tuple] = [("発券", 0, 0.1, "machine")]
    if kind == "加入":
        acts += [("国保異動届記入", 4, 10, "resident"), ("届出人確認", 1, 3, "staff"),
                 ("個人番号確認", 1, 2, "staff"), ("住基照会（世帯確認）", 2, 5, "staff"),
                 ("資格情報入力", 4, 9, "staff")]  # fmt: skip
        if rng.random() < 0.5:
            acts.append(("所得照会（軽減判定）", 3, 8, "staff"))
        if rng.random() < 0.4:
            acts.append(("口座振替登録", 3, 6, "staff"))
        acts.append(("資格確認書交付", 1, 3, "staff"))
        if rng.random() < 0.3:
            acts.append(("他課手続案内", 2, 5, "staff"))
    elif kind == "喪失":
        acts += [("国保異動届記入", 3, 8, "resident"), ("届出人確認", 1, 3, "staff"),
                 ("資格喪失入力", 3, 6, "staff")]  # fmt: skip
    else:
        acts += [("届出人確認", 1, 3, "staff"), ("住基照会（世帯確認）", 2, 5, "staff"),
                 ("資格情報入力", 3, 7, "staff"), ("資格確認書交付", 1, 3, "staff")]  # fmt: skip
    rec = city.copy(dept, p)
    data = dict(rec, mynum=p.mynum, bank=p.debit_bank, prev=rng.choice(
        ["全国健康保険協会北海道支部", "北海道市町村職員共済組合", "○○健康保険組合", ""]))  # fmt: skip
    end = city.steps(dept, city.case(dept, f"H{ward[0]}"), p, t, acts, data)
    if "所得照会（軽減判定）" in [a[0] for a in acts]:
        zei_answer(city, p, end)
    return end


def zei_answer(city: City, p: Person, t: datetime) -> None:
    """市民税課 answers an income inquiry of another department."""
    t = t + timedelta(minutes=city.rng.randint(10, 180))
    if t.hour >= 17:
        t = t.replace(hour=16, minute=city.rng.randint(0, 59))
    city.steps(ZEI, city.case(ZEI, "ZS"), p, t, [("課税照会回答", 2, 6, "staff")],
               zei_data(city, p))  # fmt: skip


def zei_data(city: City, p: Person) -> dict:
    rec = city.copy(ZEI, p, refresh=False)
    emp = EMPLOYERS[p.employer]
    spouse = [m for m in p.hh.members if m is not p and m.age(START) >= 18]
    return dict(rec, mynum=p.mynum, bank=p.debit_bank, emp=emp,
                helper=spouse[0].name if spouse and city.rng.random() < 0.3 else "")  # fmt: skip


def kodomo(city: City, parent: Person, child: Person, d: date, kind: str) -> None:
    """こども家庭課 (本庁): 認定請求 (new or moved in) or 住所変更."""
    rng, dept = city.rng, KODOMO
    t = city.arrive(d)
    ident = ("Identity check / 本人確認", 1, 3, "staff")
    num = ("Ｍｙ Ｎｕｍｂｅｒ確認" if rng.random() < 0.2 else "My Number確認", 1, 2, "staff")
    acts: list[tuple] = [("Ticket 発券", 0, 0.1, "machine")]
    if kind == "請求":
        acts += [("Claim form 認定請求書記入", 5, 12, "resident"), ident, num,
                 ("Address check 住所確認", 2, 5, "staff"), ("Income inquiry 所得照会", 3, 7, "staff"),
                 ("Bank account 口座登録", 2, 5, "staff"), ("Data entry 受給者台帳入力", 4, 9, "staff"),
                 ("Medical card issue 医療証交付", 1, 3, "staff")]  # fmt: skip
        if rng.random() < 0.35:
            acts.append(("Guidance to other counters 他課案内", 2, 5, "staff"))
    else:
        acts += [("Claim form 認定請求書記入", 3, 6, "resident"), ident,
                 ("Address check 住所確認", 2, 4, "staff"), ("Data entry 受給者台帳入力", 2, 6, "staff")]  # fmt: skip
    rec = city.copy(dept, parent, refresh=kind == "請求" or rng.random() < 0.9)
    data = dict(rec, mynum=parent.mynum, bank=parent.pay_bank, child=child.name, cdob=child.dob)
    case = city.case(dept, "CW-")
    end = city.steps(dept, case, parent, t, acts, data)
    if kind == "請求":
        zei_answer(city, parent, end)
        review = datetime.combine(city.later(d, 3, 10), datetime.min.time()) + timedelta(hours=10)
        city.steps(
            dept, case, parent, review, [("Eligibility review 認定審査", 5, 15, "staff")], data
        )
        note = review + timedelta(days=1, hours=7)
        city.steps(dept, case, parent, note, [("Notice 認定通知書発送", 0.1, 0.3, "batch")], data)


def kaigo(city: City, p: Person, d: date, kind: str) -> None:
    """介護保険課 (本庁): procedure in 手続種別, generic verbs in 処理."""
    rng, dept = city.rng, KAIGO
    t = city.arrive(d)
    rec = city.copy(dept, p, refresh=kind != "住所変更" or rng.random() < 0.95)
    agent = rng.random() < 0.4
    other = [m for m in p.hh.members if m is not p]
    hosp = rng.choice(HOSPITALS)
    data = dict(rec, kind=kind, hino=f"H{(p.aid * 7919) % 10**9:09d}",
                agent=(other[0].name if other else f"{SEI[rng.randrange(len(SEI))][0]}　{MEI[rng.randrange(len(MEI))][0]}") if agent else "",
                agent_tel=(other[0].phone if other and rng.random() < 0.5 else f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}") if agent else "",
                hosp=hosp if kind == "要介護認定申請" else ("", ""),
                facility=rng.choice(FACILITIES) if kind == "負担限度額認定" and rng.random() < 0.7 else "")  # fmt: skip
    case = city.case(dept, "KG")
    if kind in ("資格取得（転入）", "住所変更"):
        acts = [("受付", 1, 2, "staff"), ("本人確認", 1, 3, "staff")]
        acts += [("住所照会", 2, 4, "staff")] if kind == "資格取得（転入）" else []
        acts += [("入力", 3, 8, "staff"), ("交付", 1, 2, "staff")]
        city.steps(dept, case, p, t, acts, data)
    elif kind == "要介護認定申請":
        city.steps(dept, case, p, t, [("受付", 1, 2, "staff"), ("記入", 5, 10, "resident"),
                                      ("本人確認", 1, 3, "staff"), ("入力", 4, 8, "staff")], data)  # fmt: skip
        visit = city.arrive(city.later(d, 7, 14))
        city.steps(dept, case, p, visit, [("訪問調査", 45, 80, "staff")], data)
        board = datetime.combine(city.later(d, 28, 40), datetime.min.time()) + timedelta(hours=14)
        t2 = city.steps(dept, case, p, board, [("審査", 3, 6, "staff")], data)
        city.steps(dept, case, p, t2 + timedelta(days=1), [("通知", 0.1, 0.2, "batch")], data)
    elif kind == "負担限度額認定":
        end = city.steps(dept, case, p, t, [("受付", 1, 2, "staff"), ("記入", 4, 8, "resident"),
                                            ("本人確認", 1, 2, "staff"), ("所得確認", 3, 7, "staff")],
                         data)  # fmt: skip
        zei_answer(city, p, end)
        later = city.arrive(city.later(d, 10, 20))
        city.steps(dept, case, p, later, [("審査", 2, 5, "staff"), ("交付", 0.5, 1, "staff")], data)
    else:  # 資格喪失
        city.steps(dept, case, p, t, [("受付", 1, 2, "staff"), ("入力", 2, 4, "staff")], data)


def shogai(city: City, p: Person, d: date, kind: str) -> None:
    """障害福祉課 (本庁): 手帳申請, 手当申請, 区分認定, 住所変更."""
    rng, dept = city.rng, SHOGAI
    t = city.arrive(d)
    rec = city.copy(dept, p, refresh=kind != "住所変更" or rng.random() < 0.85)
    kin = [m for m in p.hh.members if m is not p]
    data = dict(rec, mynum=p.mynum, bank=p.pay_bank,
                kin=(kin[0].name, kin[0].phone) if kin else (f"{SEI[rng.randrange(len(SEI))][0]}　{MEI[rng.randrange(len(MEI))][0]}", f"011-{rng.randint(200, 899)}-{rng.randint(1000, 9999)}"),
                doctor=f"{SEI[rng.randrange(len(SEI))][0]}医師（{rng.choice(HOSPITALS)[0]}）" if kind == "手帳" else "")  # fmt: skip
    case = city.case(dept, "SF")
    form, ident = ("申請書記入", 5, 12, "resident"), ("身元確認", 1, 3, "staff")
    num = ("マイナンバー確認", 1, 2, "staff")
    if kind == "手帳":
        city.steps(dept, case, p, t, [form, ident, num, ("住民記録照会", 2, 5, "staff"),
                                      ("台帳登録（住所・氏名）", 4, 9, "staff")], data)  # fmt: skip
        review = datetime.combine(city.later(d, 20, 45), datetime.min.time()) + timedelta(hours=13)
        t2 = city.steps(dept, case, p, review, [("判定審査", 5, 15, "staff")], data)
        city.steps(dept, case, p, t2 + timedelta(days=1), [("決定通知", 0.1, 0.2, "batch")], data)
        city.steps(
            dept, case, p, city.arrive(city.later(d, 50, 70)), [("手帳交付", 3, 6, "staff")], data
        )
    elif kind == "手当":
        end = city.steps(dept, case, p, t, [form, ident, num, ("課税状況確認", 3, 7, "staff"),
                                            ("振込口座登録", 2, 5, "staff")], data)  # fmt: skip
        zei_answer(city, p, end)
        review = datetime.combine(city.later(d, 15, 30), datetime.min.time()) + timedelta(hours=13)
        t2 = city.steps(dept, case, p, review, [("判定審査", 5, 15, "staff")], data)
        city.steps(dept, case, p, t2 + timedelta(days=1), [("決定通知", 0.1, 0.2, "batch")], data)
    elif kind == "区分":
        city.steps(dept, case, p, t, [form, ident], data)
        city.steps(dept, case, p, city.arrive(city.later(d, 7, 20)),
                   [("区分認定調査（訪問）", 50, 90, "staff")], data)  # fmt: skip
        review = datetime.combine(city.later(d, 30, 45), datetime.min.time()) + timedelta(hours=13)
        t2 = city.steps(dept, case, p, review, [("判定審査", 5, 15, "staff")], data)
        city.steps(dept, case, p, t2 + timedelta(days=1), [("決定通知", 0.1, 0.2, "batch")], data)
    else:
        city.steps(dept, case, p, t, [form, ident, ("台帳登録（住所・氏名）", 2, 6, "staff")], data)


def zei_counter(city: City, p: Person, d: date, kind: str) -> None:
    """市民税課 (本庁): 所得証明書, 住民税申告, 口座振替."""
    dept = ZEI
    t = city.arrive(d)
    acts: list[tuple] = [("番号札発券", 0, 0.1, "machine")]
    if kind == "証明":
        acts += [("証明交付申請書記入", 2, 4, "resident"), ("窓口本人確認", 1, 2, "staff"),
                 ("所得証明書交付", 2, 4, "staff")]  # fmt: skip
    elif kind == "申告":
        acts += [("申告書記入", 10, 25, "resident"), ("窓口本人確認", 1, 2, "staff"),
                 ("申告受付", 5, 15, "staff"), ("申告内容入力", 5, 12, "staff")]  # fmt: skip
    else:
        acts += [("窓口本人確認", 1, 2, "staff"), ("口座振替申込受付", 3, 6, "staff")]
    if kind == "申告":  # the 課税台帳 copy is refreshed by the declaration
        city.copy(ZEI, p)
    city.steps(dept, city.case(dept, "ZM"), p, t, acts, zei_data(city, p))


# ---------------------------------------------------------------- life events
def household_visit(city: City, hh: Household, d: date, kind: str) -> None:
    """The ward's 区民課, then its 保険年金課, then 本庁 counters the same day or later."""
    rng = city.rng
    head = hh.head
    t = kumin(city, head, d, kind)
    if hh.kokuho and kind in ("転入", "転居", "転出"):
        hoken(city, head, t + timedelta(minutes=rng.randint(3, 25)),
              {"転入": "加入", "転居": "住所変更", "転出": "喪失"}[kind])  # fmt: skip
    if kind == "転出":
        return
    children = [m for m in hh.members if m.age(d) < 18]
    if children and rng.random() < 0.92:
        kodomo(city, head if head.age(d) >= 18 else hh.members[0], children[0],
               city.later(d, 0, 10) if rng.random() < 0.5 else d,
               "請求" if kind == "転入" else "変更")  # fmt: skip
    for m in hh.members:
        if m.age(d) >= 65 and rng.random() < 0.85:
            kaigo(
                city, m, city.later(d, 0, 14), "資格取得（転入）" if kind == "転入" else "住所変更"
            )
        if m.handicap and rng.random() < 0.8:
            shogai(city, m, city.later(d, 0, 20), "住所変更" if kind == "転居" else "手帳")


def simulate(city: City) -> None:
    rng = city.rng
    events: list[tuple[date, str, object]] = []
    n = len(city.households)
    for _ in range(n // 5):  # 転入: new households arrive during the year
        events.append((city.day(), "転入", None))
    for hh in rng.sample(city.households, n // 5):
        events.append((city.day(), "転居", hh))
    for hh in rng.sample(city.households, n // 8):
        events.append((city.day(), "転出", hh))
    for hh in rng.sample([h for h in city.households if len(h.members) >= 2], n // 20):
        events.append((city.day(), "出生", hh))
    for p in rng.sample([p for p in city.people if p.age(START) >= 70], n // 16):
        events.append((city.day(), "死亡", p))
    for p in rng.sample([p for p in city.people if p.age(START) >= 18], n):
        events.append((city.day(), "証明", p))
    adults = [p for p in city.people if p.age(START) >= 20]
    for p in rng.sample(adults, n // 3):
        events.append((city.day(), "所得証明", p))
    for p in rng.sample(adults, n // 4):
        events.append((city.day(date(2027, 2, 16), date(2027, 3, 15)), "申告", p))
    for p in rng.sample(adults, n // 25):
        events.append((city.day(), "口座振替", p))
    elderly = [p for p in city.people if p.age(START) >= 65]
    for p in rng.sample(elderly, len(elderly) // 8):
        events.append((city.day(), "要介護認定申請", p))
    for p in rng.sample(elderly, len(elderly) // 20):
        events.append((city.day(), "負担限度額認定", p))
    handi = [p for p in city.people if p.handicap]
    for p in rng.sample(handi, len(handi) // 3):
        events.append((city.day(), rng.choice(["手当", "区分"]), p))
    events.sort(key=lambda e: (e[0], e[1]))
    gone: set[int] = set()
    for d, kind, obj in events:
        if isinstance(obj, Person) and (id(obj.hh) in gone or obj not in obj.hh.members):
            continue  # died or moved out before this
        if kind == "転入":
            hh = city.new_household(rng.choice(WARDS))
            household_visit(city, hh, d, "転入")
        elif kind == "転居":
            hh = obj
            if id(hh) in gone:
                continue
            if rng.random() < 0.2:
                hh.ward = "南区" if hh.ward == "北区" else "北区"  # 区間転居: filed at the new ward
            hh.town, hh.chome, hh.ban, hh.go = (rng.randrange(6), rng.randint(1, 9),
                                                rng.randint(1, 30), rng.randint(1, 20))  # fmt: skip
            hh.kata = (
                ""
                if rng.random() < 0.7
                else f"グランメゾン旭{rng.randint(1, 9)}0{rng.randint(1, 9)}号室"
            )
            household_visit(city, hh, d, "転居")
        elif kind == "転出":
            if id(obj) in gone:
                continue
            gone.add(id(obj))
            household_visit(city, obj, d, "転出")
        elif kind == "出生":
            hh = obj
            if id(hh) in gone:
                continue
            parent = hh.members[0]
            child = city.new_person(
                hh, parent.sei, d - timedelta(days=rng.randint(3, 13)), rng.choice("男女")
            )
            kumin(city, child, d, "出生", filer=parent)
            if hh.kokuho:
                hoken(city, child, city.arrive(d) + timedelta(minutes=40), "加入")
            kodomo(city, parent, child, d if rng.random() < 0.6 else city.later(d, 1, 12), "請求")
        elif kind == "死亡":
            p = obj
            if id(p.hh) in gone or p not in p.hh.members:
                continue
            filer = next((m for m in p.hh.members if m is not p), p)
            t = kumin(city, p, d, "死亡", filer=filer)
            if p.hh.kokuho:
                hoken(city, p, t + timedelta(minutes=10), "喪失")
            kaigo(city, p, city.later(d, 0, 7), "資格喪失")
            p.hh.members.remove(p)
            if not p.hh.members:
                gone.add(id(p.hh))
        elif kind == "証明":
            if id(obj.hh) not in gone and obj in obj.hh.members:
                kumin(city, obj, d, "証明")
        elif kind in ("所得証明", "申告", "口座振替"):
            zei_counter(
                city, obj, d, {"所得証明": "証明", "申告": "申告", "口座振替": "口座"}[kind]
            )
        elif kind in ("要介護認定申請", "負担限度額認定"):
            kaigo(city, obj, d, kind)
        else:
            shogai(city, obj, d, kind)


# ---------------------------------------------------------------- writing the exports
def wareki(d: date, short: bool = False) -> str:
    for start, name, letter in sorted(ERA, reverse=True):
        if d >= start:
            y = d.year - start.year + 1
            if short:
                return f"{letter}{y:02d}.{d.month:02d}.{d.day:02d}"
            return f"{name}{'元' if y == 1 else y}年{d.month}月{d.day}日"
    return d.isoformat()


def hyphen_address(rec: dict) -> str:
    a2 = rec["a2"].replace("丁目", "-").replace("番", "-").replace("号", "")
    return (rec["a1"] + a2).translate(FW) + (" " + rec["kata"] if rec["kata"] else "")


def _ts(t: datetime | None) -> str:
    return t.strftime("%Y/%m/%d %H:%M:%S") if t else ""


def write_exports(city: City, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for ward in WARDS:
        rows = sorted(city.rows.get(KUMIN[ward], []), key=lambda r: (r["start"], r["case"]))
        with (out / f"{KUMIN[ward]}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["受付番号", "処理内容", "処理日時", "終了日時", "担当者", "宛名番号", "氏名",
                        "氏名カナ", "生年月日", "性別", "住所", "世帯主", "届出人氏名", "異動事由"])  # fmt: skip
            for r in rows:
                p, d = r["person"], r["data"]
                addr = d["a1"] + d["a2"] + (" " + d["kata"] if d["kata"] else "")
                w.writerow([r["case"], r["act"], _ts(r["start"]), _ts(r["end"]), r["res"],
                            f"{p.aid:010d}", d["name"], d["kana"], p.dob.isoformat(), p.sex, addr,
                            d["head"], d["filer"], d["reason"]])  # fmt: skip
        total += len(rows)
        rows = sorted(city.rows.get(HOKEN[ward], []), key=lambda r: (r["start"], r["case"]))
        with (out / f"{HOKEN[ward]}.csv").open("w", encoding="cp932", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["受付No", "業務内容", "受付日時", "完了日時", "処理者", "宛名番号",
                        "被保険者氏名", "カナ氏名", "生年月日", "住所", "世帯主氏名", "電話番号",
                        "個人番号", "所得額", "口座", "前保険者名"])  # fmt: skip
            for r in rows:
                p, d = r["person"], r["data"]
                code, bank, branch, num = d["bank"]
                acct = (
                    f"{bank} {int(branch)}支店 普通 {num}"
                    if r["act"] == "口座振替登録" or city.rng.random() < 0.3
                    else ""
                )
                w.writerow([r["case"], r["act"], _ts(r["start"]), _ts(r["end"]), r["res"],
                            f"{p.aid:010d}", d["name"], d["kana"], wareki(p.dob),
                            hyphen_address(d), d["head"], d["phone"], d["mynum"],
                            d["income"] if r["act"] == "所得照会（軽減判定）" or city.rng.random() < 0.5 else "",
                            acct, d["prev"]])  # fmt: skip
        total += len(rows)
    # こども家庭課: vendor package, English headers
    rows = sorted(city.rows.get(KODOMO, []), key=lambda r: (r["case"], r["start"]))
    with (out / "kodomo_katei.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["CaseID", "Activity", "Timestamp", "CompletedAt", "Staff", "ResidentNo",
                    "Claimant Name", "Claimant Kana", "Date of Birth", "Address", "Phone",
                    "My Number", "Income", "Bank Account", "Child Name", "Child Date of Birth"])  # fmt: skip
        for r in rows:
            p, d = r["person"], r["data"]
            code, bank, branch, num = d["bank"]
            w.writerow([r["case"], r["act"], r["start"].strftime("%Y-%m-%dT%H:%M:%S"),
                        r["end"].strftime("%Y-%m-%dT%H:%M:%S") if r["end"] else "", r["res"],
                        str(p.aid), d["name"].replace("　", " "), d["kana"].replace("　", " "),
                        p.dob.strftime("%m/%d/%Y"), d["a1"] + d["a2"] + d["kata"], d["phone"],
                        d["mynum"], d["income"], f"{code}-{branch}-{num}", d["child"],
                        d["cdob"].strftime("%m/%d/%Y")])  # fmt: skip
    total += len(rows)
    # 介護保険課: 手続種別 + generic verb, date and time of day apart
    rows = sorted(city.rows.get(KAIGO, []), key=lambda r: (r["start"], r["case"]))
    with (out / "kaigo_hoken.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["整理番号", "手続種別", "処理", "処理日", "処理時刻", "担当", "宛名番号",
                    "被保険者番号", "被保険者氏名", "フリガナ", "生年月日", "住所", "連絡先電話",
                    "合計所得金額", "代理人氏名", "代理人電話", "主治医医療機関", "医療機関電話",
                    "施設所在地"])  # fmt: skip
        for r in rows:
            p, d = r["person"], r["data"]
            kana = d["kana"].replace("ヅ", "ズ") if city.rng.random() < 0.5 else d["kana"]
            w.writerow([r["case"], d["kind"], r["act"], r["start"].strftime("%Y/%m/%d"),
                        r["start"].strftime("%H:%M"), r["res"], f"{p.aid:010d}", d["hino"],
                        d["name"], kana, p.dob.strftime("%Y%m%d"), d["a1"] + d["a2"],
                        d["phone"], d["income"] if d["kind"] == "負担限度額認定" else "",
                        d["agent"], d["agent_tel"], d["hosp"][0], d["hosp"][1], d["facility"]])  # fmt: skip
    total += len(rows)
    # 障害福祉課: Excel export, title lines, split columns, cp932
    rows = sorted(city.rows.get(SHOGAI, []), key=lambda r: (r["start"], r["case"]))
    with (out / "障害福祉課_窓口記録.csv").open("w", encoding="cp932", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["障害福祉課 窓口処理記録一覧", "", "", "", ""])
        w.writerow(["出力日：2027/04/05", "", "", "", ""])
        w.writerow(["受付番号", "処理内容", "処理日時", "担当職員", "個人コード", "姓", "名",
                    "フリガナ", "生年月日", "郵便番号", "住所1", "住所2", "方書", "電話番号",
                    "個人番号", "前年所得", "金融機関コード", "支店コード", "口座番号",
                    "緊急連絡先氏名", "緊急連絡先電話", "診断書作成医"])  # fmt: skip
        for r in rows:
            p, d = r["person"], r["data"]
            code, bank, branch, num = d["bank"]
            banked = (
                r["act"] in ("振込口座登録", "判定審査", "決定通知") and r["data"]["doctor"] == ""
            )
            w.writerow([r["case"], r["act"], r["start"].strftime("%Y/%m/%d %H:%M"), r["res"],
                        str(p.aid), d["sei"], d["mei"], d["kana"].replace("　", " "),
                        wareki(p.dob, short=True), d["post"], d["a1"],
                        d["a2"].replace("丁目", "-").replace("番", "-").replace("号", ""),
                        d["kata"], d["phone"], d["mynum"],
                        d["income"] if r["act"] == "課税状況確認" else "",
                        code if banked else "", branch if banked else "", num if banked else "",
                        d["kin"][0], d["kin"][1], d["doctor"]])  # fmt: skip
    total += len(rows)
    # 市民税課: Parquet
    rows = sorted(city.rows.get(ZEI, []), key=lambda r: (r["start"], r["case"]))
    frame = pd.DataFrame(
        {
            "受付ID": [r["case"] for r in rows],
            "業務": [r["act"] for r in rows],
            "処理時刻": pd.to_datetime([r["start"] for r in rows]),
            "担当": [r["res"] for r in rows],
            "納税義務者番号": [r["person"].aid for r in rows],
            "氏名": [r["data"]["name"] for r in rows],
            "カナ": [r["data"]["kana"] for r in rows],
            "生年月日": [r["person"].dob.strftime("%Y/%m/%d") for r in rows],
            "住所": [r["data"]["a1"].replace("あさひがわ市", "") + r["data"]["a2"] for r in rows],
            "電話": [r["data"]["phone"] for r in rows],
            "個人番号": [r["data"]["mynum"] for r in rows],
            "合計所得金額": [int(r["data"]["income"]) for r in rows],
            "振替口座": [
                f"{r['data']['bank'][1]} {r['data']['bank'][2]} 普通 {r['data']['bank'][3]}"
                if r["act"] == "口座振替申込受付"
                else ""
                for r in rows
            ],
            "勤務先名": [r["data"]["emp"][0] for r in rows],
            "勤務先電話": [r["data"]["emp"][1] for r in rows],
            "勤務先所在地": [r["data"]["emp"][2] for r in rows],
            "専従者氏名": [r["data"]["helper"] for r in rows],
        }
    )
    frame.to_parquet(out / "shiminzei.parquet", index=False)
    total += len(rows)
    toml = ["# あさひがわ市: the 本庁 exports are named after their systems, not their departments"]
    for name, dept in HONCHO_FILES.items():
        toml += [f'[files."{name}"]', f'department = "{dept}"', ""]
    (out / "procmine.toml").write_text("\n".join(toml), encoding="utf-8")
    return total


def write_truth(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "duplicates.csv": (["cluster", "department", "activity"], duplicates_truth()),
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


def make(out: Path, seed: int = 20261128, households: int = 1800) -> str:
    city = City(seed, households)
    simulate(city)
    events = write_exports(city, out / "city")
    write_truth(out / "truth")
    seen = {r["person"].aid for rows in city.rows.values() for r in rows}
    return (f"あさひがわ市: {len(city.people)} residents ({len(seen)} in the exports), {events} events, "
            f"{len(city.rows)} departments")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--households", type=int, default=1800)
    args = parser.parse_args()
    print(make(args.out, args.seed, args.households))


if __name__ == "__main__":
    main()
