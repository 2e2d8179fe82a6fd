"""南浦市: a held-out town of messy real exports, written without reading procmine's source.

Usage::

    .venv/bin/python benchmarks/minamiura_city.py OUT [--seed N] [--residents N]

Writes ``OUT/city/`` (nine department exports and a ``procmine.toml`` that names only the
departments) and ``OUT/truth/`` (``duplicates.csv``, ``negatives.csv``, ``aliases.csv``,
``silos.csv``, ``decoys.csv``, ``accounting.csv``). What the town tries:

* messy exports: quoted cells with line breaks (市民課's address with its 方書 on a second line),
  trailing half- and full-width spaces in keys and labels, the resident number written
  ``0012-3456`` in 市民課 and ``00123456`` elsewhere, ``2025.04.01 09:12`` times, 和暦 times and
  birth dates (``令和元年5月1日``) in a CP932 file, exact duplicate rows, rows without a time;
* rework and cancellation: 差戻し loops (a step repeated after a return), 取消 / 取下げ steps,
  revisits within 30 days for missing documents;
* a vendor package run by 保険年金課 and 子育て支援課 with identical generic labels (受付, 審査,
  決定, 通知: different procedures, hard negatives) beside identical labels that are the same
  counter work (整理券発行, 個人番号確認, 所得照会); long labels with notes in brackets;
* the vendor's exports have English headers and Japanese labels, 介護保険課 Japanese headers and
  English labels;
* same-day visits to several counters after 転入, 出生 and 死亡 (おくやみ), back-office steps on
  later days, times of day within opening hours.

The truth follows koyo-city.md §3.6: a canonical counter task (identity check, My Number check,
the resident writing their particulars, re-keying them, the income inquiry, account capture,
guidance to other counters, queue ticket, a register look-up) done in several departments is a
duplicate; a generic verb of different procedures is not.
"""

from __future__ import annotations

import argparse
import csv
import random
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

START = date(2025, 4, 1)
END = date(2026, 3, 31)

SURNAMES = [
    ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"),
    ("吉田", "ヨシダ"), ("山田", "ヤマダ"), ("松本", "マツモト"), ("井上", "イノウエ"), ("木村", "キムラ"),
    ("林", "ハヤシ"), ("斎藤", "サイトウ"), ("清水", "シミズ"), ("山崎", "ヤマザキ"), ("森", "モリ"),
    ("池田", "イケダ"), ("橋本", "ハシモト"), ("阿部", "アベ"), ("石川", "イシカワ"), ("前田", "マエダ"),
    ("藤田", "フジタ"), ("岡田", "オカダ"), ("後藤", "ゴトウ"), ("長谷川", "ハセガワ"), ("村上", "ムラカミ"),
    ("近藤", "コンドウ"), ("坂本", "サカモト"), ("遠藤", "エンドウ"), ("青木", "アオキ"), ("藤井", "フジイ"),
    ("西村", "ニシムラ"), ("福田", "フクダ"), ("太田", "オオタ"), ("三浦", "ミウラ"), ("岡本", "オカモト"),
]  # fmt: skip
GIVEN = [
    ("翔太", "ショウタ", "男"), ("大輝", "ダイキ", "男"), ("健一", "ケンイチ", "男"), ("誠", "マコト", "男"),
    ("隆", "タカシ", "男"), ("浩二", "コウジ", "男"), ("悠真", "ユウマ", "男"), ("蓮", "レン", "男"),
    ("和夫", "カズオ", "男"), ("勇", "イサム", "男"), ("大和", "ヤマト", "男"), ("拓也", "タクヤ", "男"),
    ("陽子", "ヨウコ", "女"), ("美咲", "ミサキ", "女"), ("結衣", "ユイ", "女"), ("恵子", "ケイコ", "女"),
    ("由美", "ユミ", "女"), ("花子", "ハナコ", "女"), ("さくら", "サクラ", "女"), ("陽菜", "ヒナ", "女"),
    ("幸子", "サチコ", "女"), ("千尋", "チヒロ", "女"), ("葵", "アオイ", "女"), ("智子", "トモコ", "女"),
]  # fmt: skip
TOWNS = [
    ("港町", 5),
    ("汐見台", 4),
    ("浜野", 3),
    ("緑ケ丘", 4),
    ("本町", 3),
    ("若潮", 2),
    ("東浦", 5),
]
KATAGAKI = ["コーポ南浦", "ハイツ汐見", "サンライズ浜野", "グランメゾン港", "メゾン若潮"]
BANKS = [
    ("南浦信用金庫", "本店"),
    ("汐見銀行", "港町支店"),
    ("ゆうちょ銀行", "〇一八店"),
    ("東浦農協", "本所"),
]
ITAIJI = {"高": "髙", "崎": "﨑", "辺": "邊", "斎": "齋"}
KANA_VARIANT = {"ヅ": "ズ", "ヂ": "ジ", "ウ": "ー", "オオ": "オー"}

# department → (file, label → (duplicate cluster | None, negative group | None))
DEPTS: dict[str, tuple[str, dict[str, tuple[str | None, str | None]]]] = {
    "市民課": ("shimin_juki_export.csv", {
        "番号札発行": ("QUEUE", None),
        "住民異動届の記入": ("FORM", None),
        "届出人の本人確認（運転免許証・マイナンバーカード等）": ("ID", None),
        "届書審査": (None, "審査"),
        "住民記録の更新": (None, None),
        "出生届の受理": (None, None),
        "死亡届の受理": (None, None),
        "住民票の写し等交付（本人・世帯全員・除票含む）": (None, "交付"),
        "関係課手続の案内（おくやみ・転入チェックシート）": ("GUIDE", None),
        "届出取下げ": (None, "取消"),
    }),
    "保険年金課": ("KK_EXPORT_2026.csv", {
        "整理券発行": ("QUEUE", None),
        "本人確認": ("ID", None),
        "国保異動届記入": ("FORM", None),
        "受付": (None, "受付"),
        "個人番号確認": ("NUM", None),
        "被保険者情報入力": ("KEY", None),
        "所得照会": ("INCOME", "照会回答"),
        "審査": (None, "審査"),
        "決定": (None, "決定"),
        "通知": (None, "通知"),
        "口座振替依頼受付": ("ACCT", None),
        "資格確認書交付": (None, "交付"),
        "資格取消": (None, "取消"),
    }),
    "子育て支援課": ("JT_EXPORT_2026.csv", {
        "整理券発行": ("QUEUE", None),
        "保護者本人確認": ("ID", None),
        "認定請求書記入": ("FORM", None),
        "受付": (None, "受付"),
        "個人番号確認": ("NUM", None),
        "受給者情報入力": ("KEY", None),
        "所得照会": ("INCOME", None),
        "審査": (None, "審査"),
        "決定": (None, "決定"),
        "通知": (None, "通知"),
        "振込口座登録": ("ACCT", None),
        "不足書類の受領": (None, None),
        "申請取下げ": (None, "取消"),
    }),
    "介護保険課": ("kaigo_shori_rireki.csv", {
        "Ticket issued": ("QUEUE", None),
        "Visitor identity check": ("ID", None),
        "Application form filled in by applicant": ("FORM", None),
        "My Number verification": ("NUM", None),
        "Resident register lookup": ("ADDR", None),
        "Insured person data entry": ("KEY", None),
        "Tax status inquiry": ("INCOME", None),
        "Care need assessment visit": (None, "訪問"),
        "Certification committee review": (None, "審査"),
        "Address-exception check (facility residents)": (None, "住所"),
        "Refund account registration": ("ACCT", None),
        "Result notice sent": (None, "通知"),
        "Loss of eligibility processed": (None, None),
    }),
    "障害福祉課": ("shogai_fukushi.csv", {
        "受付番号札": ("QUEUE", None),
        "申請者確認": ("ID", None),
        "支給申請書の記入": ("FORM", None),
        "個人番号の確認": ("NUM", None),
        "住民基本台帳照会": ("ADDR", "住所"),
        "基本情報登録（手入力）": ("KEY", None),
        "課税状況の照会": ("INCOME", None),
        "障害支援区分認定調査（訪問）": (None, "訪問"),
        "市町村審査会": (None, "審査"),
        "差戻し": (None, "差戻し"),
        "受給者証交付": (None, "交付"),
        "振込先口座の登録": ("ACCT", None),
    }),
    "税務課": ("zeimu_madoguchi.csv", {
        "番号札発行": ("QUEUE", None),
        "申請者の本人確認": ("ID", None),
        "証明交付申請書の記入": ("FORM", None),
        "所得証明書交付": (None, "交付"),
        "納税証明書交付": (None, "交付"),
        "住民税申告受付": (None, "受付"),
        "課税資料照会への回答": (None, "照会回答"),
        "住民税口座振替登録": ("ACCT", None),
    }),
    "生活支援課": ("seikatsu_hogo.csv", {
        "面接相談受付": (None, "受付"),
        "面接時本人確認": ("ID", None),
        "保護申請書記入": ("FORM", None),
        "住民登録の照会": ("ADDR", None),
        "収入・課税調査": ("INCOME", None),
        "家庭訪問調査": (None, "訪問"),
        "要否判定": (None, "審査"),
        "差戻し": (None, "差戻し"),
        "保護決定": (None, "決定"),
        "保護決定通知書送付": (None, "通知"),
        "支給口座登録": ("ACCT", None),
        "ケース記録入力（世帯員の氏名・住所等）": ("KEY", None),
        "申請取下げ": (None, "取消"),
    }),
    "学務課": ("gakumu_enjo.csv", {
        "保護者確認": ("ID", None),
        "就学援助申請書記入": ("FORM", None),
        "申請者情報入力": ("KEY", None),
        "世帯所得照会": ("INCOME", None),
        "他課手続のご案内": ("GUIDE", None),
        "援助費振込口座登録": ("ACCT", None),
        "認定通知": (None, "通知"),
        "転入学通知書交付": (None, "交付"),
    }),
    "健康推進課": ("kenko_boshi.csv", {
        "妊娠届・出生連絡票の記入": ("FORM", None),
        "来所者本人確認": ("ID", None),
        "母子健康手帳交付": (None, "交付"),
        "新生児訪問（助産師）": (None, "訪問"),
        "関係窓口のご案内": ("GUIDE", None),
    }),
}  # fmt: skip

SILO_COLUMNS = {  # field → department → column
    "氏名": {"市民課": "氏名", "保険年金課": "NAME_KANJI", "子育て支援課": "NAME_KANJI",
             "介護保険課": "被保険者氏名", "障害福祉課": "氏名", "税務課": "納税者氏名",
             "生活支援課": "申請者氏名", "学務課": "保護者氏名", "健康推進課": "氏名"},
    "カナ": {"市民課": "フリガナ", "保険年金課": "NAME_KANA", "子育て支援課": "NAME_KANA",
             "介護保険課": "カナ氏名", "障害福祉課": "ふりがな"},
    "生年月日": {"市民課": "生年月日", "保険年金課": "BIRTH_DATE", "子育て支援課": "BIRTH_DATE",
                 "介護保険課": "生年月日", "障害福祉課": "生年月日", "税務課": "生年月日",
                 "生活支援課": "生年月日", "健康推進課": "生年月日"},
    "性別": {"市民課": "性別", "保険年金課": "SEX", "介護保険課": "性別"},
    "住所": {"市民課": "住所", "保険年金課": "ADDRESS", "子育て支援課": "ADDRESS",
             "介護保険課": "住所", "障害福祉課": "住所", "税務課": "住所",
             "生活支援課": "現住所", "学務課": "保護者住所", "健康推進課": "住所"},
    "電話": {"市民課": "電話番号", "保険年金課": "TEL", "子育て支援課": "TEL",
             "介護保険課": "連絡先電話", "障害福祉課": "電話", "税務課": "電話番号",
             "生活支援課": "連絡先", "学務課": "保護者電話", "健康推進課": "電話"},
    "口座": {"保険年金課": "BANK_ACCOUNT", "子育て支援課": "BANK_ACCOUNT",
             "介護保険課": "還付口座", "障害福祉課": "振込先口座", "税務課": "振替口座",
             "生活支援課": "支給口座", "学務課": "振込口座"},
}  # fmt: skip
DECOYS = {  # department → columns holding someone else's data
    "市民課": ["届出人氏名"],
    "子育て支援課": ["CHILD_NAME", "CHILD_BIRTH_DATE", "EMPLOYER_TEL"],
    "介護保険課": ["主介護者氏名", "主介護者電話", "入所施設所在地"],
    "障害福祉課": ["介助者氏名", "通所先事業所電話"],
    "税務課": ["勤務先名称", "勤務先所在地", "勤務先電話"],
    "生活支援課": ["扶養義務者氏名", "扶養義務者住所", "扶養義務者電話"],
    "学務課": ["児童氏名", "児童生年月日"],
    "健康推進課": ["パートナー氏名"],
}
HEADERS = {  # department → (case, activity, time, staff, person key, data columns…)
    "市民課": ["受付番号", "処理内容", "処理日時", "担当者", "住民番号", "氏名", "フリガナ", "生年月日",
               "性別", "住所", "電話番号", "届出人氏名"],
    "保険年金課": ["APPL_NO", "STEP_NAME", "EXEC_DATETIME", "USER_ID", "RESIDENT_NO", "NAME_KANJI",
                   "NAME_KANA", "BIRTH_DATE", "SEX", "ADDRESS", "TEL", "BANK_ACCOUNT"],
    "子育て支援課": ["APPL_NO", "STEP_NAME", "EXEC_DATETIME", "USER_ID", "RESIDENT_NO", "NAME_KANJI",
                     "NAME_KANA", "BIRTH_DATE", "ADDRESS", "TEL", "BANK_ACCOUNT", "CHILD_NAME",
                     "CHILD_BIRTH_DATE", "EMPLOYER_TEL"],
    "介護保険課": ["申請番号", "処理項目", "処理日時", "担当職員", "住民コード", "被保険者氏名", "カナ氏名",
                   "生年月日", "性別", "住所", "連絡先電話", "還付口座", "主介護者氏名", "主介護者電話",
                   "入所施設所在地"],
    "障害福祉課": ["整理番号", "事務", "処理年月日時刻", "職員", "宛名番号", "氏名", "ふりがな", "生年月日",
                   "住所", "電話", "振込先口座", "介助者氏名", "通所先事業所電話"],
    "税務課": ["受付番号", "処理内容", "処理日時", "担当者", "宛名番号", "納税者氏名", "生年月日", "住所",
               "電話番号", "振替口座", "勤務先名称", "勤務先所在地", "勤務先電話"],
    "生活支援課": ["ケース番号", "処理", "日時", "担当ケースワーカー", "宛名番号", "申請者氏名", "生年月日",
                   "現住所", "連絡先", "支給口座", "扶養義務者氏名", "扶養義務者住所", "扶養義務者電話"],
    "学務課": ["申請番号", "処理内容", "処理日時", "担当者", "保護者宛名番号", "保護者氏名", "保護者住所",
               "保護者電話", "振込口座", "児童氏名", "児童生年月日"],
    "健康推進課": ["受付番号", "処理内容", "処理日時", "担当者", "宛名番号", "氏名", "生年月日", "住所", "電話",
                   "パートナー氏名"],
}  # fmt: skip
# the columns each step fills (others blank): "all" = the record on every row (the vendor)
CAPTURE = {"FORM", "KEY", "ACCT", "ID"}


class Town:
    """The residents, their department copies and the events of one fiscal year."""

    def __init__(self, seed: int, residents: int) -> None:
        self.rng = random.Random(seed)
        self.people: list[dict] = []
        self.events: dict[str, list[dict]] = {d: [] for d in DEPTS}
        self.aliases: set[tuple[str, str, str]] = set()
        self.case_no: dict[str, int] = dict.fromkeys(DEPTS, 0)
        self.copies: dict[tuple[str, int], dict] = {}
        self._people(residents)

    # -- residents ---------------------------------------------------------------------------
    def _people(self, n: int) -> None:
        rng = self.rng
        numbers = rng.sample(range(100000, 9999999), n)
        while len(self.people) < n:
            sur = rng.choice(SURNAMES)
            town, chome = rng.choice(TOWNS)
            addr = (town, rng.randint(1, chome), rng.randint(1, 30), rng.randint(1, 25))
            kata = (
                f"{rng.choice(KATAGAKI)} {rng.randint(1, 4)}0{rng.randint(1, 8)}"
                if rng.random() < 0.3
                else ""
            )
            home = f"0468-{rng.randint(20, 89)}-{rng.randint(1000, 9999)}"
            size = rng.choice([1, 1, 2, 2, 3, 4, 4, 5])
            adult_age = rng.randint(22, 85)
            for k in range(min(size, n - len(self.people))):
                given = rng.choice(GIVEN)
                age = adult_age if k == 0 else (
                    adult_age + rng.randint(-4, 4) if k == 1 else rng.randint(0, 15)
                )  # fmt: skip
                age = max(0, min(age, 99))
                born = date(2025 - age, 1, 1) + timedelta(days=rng.randint(0, 364))
                bank = rng.choice(BANKS)
                self.people.append({
                    "no": numbers[len(self.people)], "name": f"{sur[0]}　{given[0]}",
                    "kana": f"{sur[1]}　{given[1]}", "sex": given[2], "born": born,
                    "addr": addr, "kata": kata, "home": home,
                    "mobile": f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                    "bank": (bank[0], bank[1], f"{rng.randint(0, 9999999):07d}"),
                    "bank2": (*rng.choice(BANKS), f"{rng.randint(0, 9999999):07d}"),
                    "age": age, "hh": len(self.people) - k, "moved": None,
                })  # fmt: skip

    def copy(self, dept: str, p: dict) -> dict:
        """The department's record of a resident: fixed once made, with its planted variants."""
        key = (dept, p["no"])
        if key not in self.copies:
            self.copies[key] = self._make_copy(dept, p)
        return self.copies[key]

    def _make_copy(self, dept: str, p: dict) -> dict:
        rng = self.rng
        master = dept == "市民課"
        name = p["name"]
        if not master and rng.random() < 0.02:
            name = "".join(ITAIJI.get(c, c) for c in name)
        if not master and rng.random() < 0.3:
            name = name.replace("　", rng.choice([" ", ""]))
        kana = p["kana"]
        if not master and rng.random() < 0.03:
            for a, b in KANA_VARIANT.items():
                kana = kana.replace(a, b, 1)
        if dept == "障害福祉課":
            kana = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana)
        born = p["born"]
        if not master and rng.random() < 0.002:
            born = born.replace(day=min(28, born.day + 1))
        town, chome, ban, go = p["addr"]
        stale = p["moved"] and not master and rng.random() < 0.15
        if stale:
            town, chome, ban, go = p["moved"]
        kata = p["kata"] if (master or rng.random() > 0.12) else ""
        style = 0 if master else rng.choice([0, 1, 1, 2, 3])
        if style == 0:
            addr = f"南浦市{town}{chome}丁目{ban}番{go}号"
            sep = "\n" if master else "　"
        elif style == 1:
            addr = f"{town}{chome}-{ban}-{go}"
            sep = " "
        elif style == 2:
            addr = unicodedata.normalize("NFKC", f"{town}{chome}丁目{ban}-{go}")
            addr = addr.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
            sep = "　"
        else:
            addr = f"潮見県南浦市{town}{chome}丁目{ban}番地{go}"
            sep = " "
        if kata:
            addr += sep + kata
        phone = p["home"] if (master or rng.random() < 0.6) else p["mobile"]
        if not master and rng.random() < 0.3:
            phone = phone.replace("-", "")
        bank = p["bank"] if rng.random() < 0.75 else p["bank2"]
        account = f"{bank[0]} {bank[1]} 普通 {bank[2]}"
        if dept in ("保険年金課", "子育て支援課"):
            account = f"{bank[0]}/{bank[1]}/1/{bank[2]}"
        other = rng.choice(self.people)  # a relative, carer or guarantor: someone else's data
        decoy = {
            "name": other["name"], "mobile": other["mobile"],
            "office": f"0468-9{rng.randint(0, 9)}-{rng.randint(1000, 9999)}",
            "work": f"03-{rng.randint(3000, 6999)}-{rng.randint(1000, 9999)}",
            "facility": f"南浦市{rng.choice(TOWNS)[0]}1丁目{rng.randint(1, 30)}番1号"
            if rng.random() < 0.3 else "",
            "employer": f"南浦市港町{rng.randint(1, 5)}丁目{rng.randint(1, 9)}番{rng.randint(1, 9)}号",
            "kin": f"東京都大田区蒲田{rng.randint(1, 5)}-{rng.randint(1, 20)}-{rng.randint(1, 9)}",
        }  # fmt: skip
        return {"name": name, "kana": kana, "born": born, "sex": p["sex"], "addr": addr,
                "tel": phone, "acct": account, "decoy": decoy}  # fmt: skip

    # -- events ------------------------------------------------------------------------------
    def new_case(self, dept: str) -> str:
        self.case_no[dept] += 1
        n = self.case_no[dept]
        prefix = {"市民課": "R7-", "保険年金課": "KK25", "子育て支援課": "JT25", "介護保険課": "KG",
                  "障害福祉課": "SG-", "税務課": "ZM", "生活支援課": "SH-", "学務課": "GK",
                  "健康推進課": "BS"}[dept]  # fmt: skip
        return f"{prefix}{n:06d}"

    def emit(self, dept: str, case: str, label: str, at: datetime, p: dict, data: bool,
             extra: dict | None = None) -> None:  # fmt: skip
        assert label in DEPTS[dept][1], (dept, label)
        staff = f"{dept[:1]}{self.rng.randint(1, 7):02d}"
        if DEPTS[dept][1][label][0] == "QUEUE":  # the ticket machine
            staff = "KIOSK01" if dept in ("保険年金課", "子育て支援課") else "発券機"
        self.events[dept].append({"case": case, "label": label, "at": at, "staff": staff,
                                  "p": p, "data": data, "extra": extra or {}})  # fmt: skip

    def counter(self, dept: str, case: str, steps: list[str], at: datetime, p: dict,
                extra: dict | None = None) -> datetime:  # fmt: skip
        """Steps at a counter from ``at``; the first non-ticket step waits in the queue."""
        rng = self.rng
        for i, label in enumerate(steps):
            cluster = DEPTS[dept][1][label][0]
            self.emit(dept, case, label, at, p, cluster in CAPTURE, extra)
            minutes = {"QUEUE": 0.3, "ID": 2, "FORM": 8, "KEY": 6, "NUM": 2, "INCOME": 4,
                       "ACCT": 4, "GUIDE": 5, "ADDR": 3}.get(cluster, 7)  # fmt: skip
            wait = rng.uniform(5, 35) if i == 0 and cluster == "QUEUE" else 0
            at += timedelta(minutes=minutes * rng.uniform(0.6, 1.8) + wait + rng.uniform(0.2, 2))
        return at

    def later(self, dept: str, case: str, steps: list[str], at: datetime, p: dict,
              extra: dict | None = None, gap: tuple[int, int] = (1, 10)) -> datetime:  # fmt: skip
        """Back-office steps on later working days."""
        for label in steps:
            at = workday(at + timedelta(days=self.rng.randint(*gap)), self.rng)
            self.emit(dept, case, label, at, p, False, extra)
        return at


def workday(at: datetime, rng: random.Random) -> datetime:
    """The next weekday at a time of day within opening hours (8:30–17:15)."""
    d = at.date()
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return datetime(d.year, d.month, d.day, 8, 30) + timedelta(minutes=rng.randint(0, 500))


def morning(d: date, rng: random.Random) -> datetime:
    """A resident's arrival: most in the morning, none after 15:30."""
    while d.weekday() >= 5:
        d += timedelta(days=1)
    minutes = min(int(abs(rng.gauss(90, 90))), 410)
    return datetime(d.year, d.month, d.day, 8, 35) + timedelta(minutes=minutes)


def walk(at: datetime, rng: random.Random) -> datetime:
    return at + timedelta(minutes=rng.uniform(2, 12))


def simulate(town: Town) -> None:
    """Life events and independent procedures of fiscal year 2025."""
    rng = town.rng
    people = town.people
    days = (END - START).days
    adults = [p for p in people if p["age"] >= 18]
    parents = [p for p in people if 25 <= p["age"] <= 50]
    elderly = [p for p in people if p["age"] >= 65]
    for p in rng.sample(people, len(people) // 20):  # moved within the city before the year
        p["moved"] = (rng.choice(TOWNS)[0], 1, rng.randint(1, 30), rng.randint(1, 25))

    def shimin(p: dict, at: datetime, kind: str, extra: dict | None = None) -> datetime:
        case = town.new_case("市民課")
        first = {"move": "住民異動届の記入", "birth": "出生届の受理", "death": "死亡届の受理"}[kind]
        steps = [
            "番号札発行",
            first,
            "届出人の本人確認（運転免許証・マイナンバーカード等）",
            "届書審査",
        ]
        if kind == "move" and rng.random() < 0.02:
            return town.counter("市民課", case, [*steps, "届出取下げ"], at, p, extra)
        steps.append("住民記録の更新")
        if rng.random() < 0.6:
            steps.append("住民票の写し等交付（本人・世帯全員・除票含む）")
        steps.append("関係課手続の案内（おくやみ・転入チェックシート）")
        return town.counter("市民課", case, steps, at, p, extra)

    def answer(p: dict, asked: datetime) -> None:
        """税務課 answers a paper inquiry about the resident's taxable income (its own work)."""
        if rng.random() < 0.3:
            town.later(
                "税務課", town.new_case("税務課"), ["課税資料照会への回答"], asked, p, gap=(1, 3)
            )

    def kokuho(p: dict, at: datetime) -> datetime:
        case = town.new_case("保険年金課")
        steps = [
            "整理券発行",
            "本人確認",
            "国保異動届記入",
            "受付",
            "個人番号確認",
            "被保険者情報入力",
        ]
        if rng.random() < 0.5:
            steps.append("口座振替依頼受付")
        steps.append("資格確認書交付")
        end = town.counter("保険年金課", case, steps, at, p)
        back = ["所得照会", "審査", "決定", "通知"]
        if rng.random() < 0.03:
            back = ["所得照会", "審査", "資格取消"]
        answer(p, town.later("保険年金課", case, back, end, p, gap=(0, 4)))
        return end

    def kosodate(p: dict, at: datetime, child: dict | None) -> datetime:
        case = town.new_case("子育て支援課")
        extra = {"child": child}
        steps = ["整理券発行", "保護者本人確認", "認定請求書記入", "受付", "個人番号確認"]
        steps += ["振込口座登録", "受給者情報入力"]
        end = town.counter("子育て支援課", case, steps, at, p, extra)
        if rng.random() < 0.04:
            town.later("子育て支援課", case, ["申請取下げ"], end, p, extra)
            return end
        last = town.later("子育て支援課", case, ["所得照会", "審査"], end, p, extra, gap=(1, 5))
        answer(p, last)
        if rng.random() < 0.1:  # returned for a missing document: a revisit within 30 days
            back = morning(last.date() + timedelta(days=rng.randint(3, 25)), rng)
            back = town.counter("子育て支援課", case,
                                ["整理券発行", "保護者本人確認", "不足書類の受領"], back, p, extra)  # fmt: skip
            town.later("子育て支援課", case, ["審査"], back, p, extra, gap=(1, 3))
            last = back
        town.later("子育て支援課", case, ["決定", "通知"], last, p, extra, gap=(1, 6))
        return end

    def gakumu(p: dict, at: datetime, child: dict) -> datetime:
        case = town.new_case("学務課")
        steps = ["保護者確認", "転入学通知書交付", "就学援助申請書記入", "申請者情報入力",
                 "援助費振込口座登録", "他課手続のご案内"]  # fmt: skip
        end = town.counter("学務課", case, steps, at, p, {"child": child})
        town.later(
            "学務課", case, ["世帯所得照会", "認定通知"], end, p, {"child": child}, gap=(3, 20)
        )
        return end

    def kaigo(p: dict, at: datetime, loss: bool = False) -> datetime:
        case = town.new_case("介護保険課")
        if loss:
            steps = ["Ticket issued", "Visitor identity check", "Loss of eligibility processed",
                     "Refund account registration"]  # fmt: skip
            return town.counter("介護保険課", case, steps, at, p)
        steps = ["Ticket issued", "Visitor identity check", "Application form filled in by applicant",
                 "My Number verification", "Insured person data entry"]  # fmt: skip
        end = town.counter("介護保険課", case, steps, at, p)
        back = ["Resident register lookup", "Tax status inquiry"]
        if rng.random() < 0.15:
            back.append("Address-exception check (facility residents)")
        back += [
            "Care need assessment visit",
            "Certification committee review",
            "Result notice sent",
        ]
        town.later("介護保険課", case, back, end, p, gap=(2, 12))
        return end

    def shogai(p: dict, at: datetime) -> datetime:
        case = town.new_case("障害福祉課")
        steps = ["受付番号札", "申請者確認", "支給申請書の記入", "個人番号の確認", "基本情報登録（手入力）",
                 "振込先口座の登録"]  # fmt: skip
        end = town.counter("障害福祉課", case, steps, at, p)
        back = [
            "住民基本台帳照会",
            "課税状況の照会",
            "障害支援区分認定調査（訪問）",
            "市町村審査会",
        ]
        last = town.later("障害福祉課", case, back, end, p, gap=(2, 15))
        if rng.random() < 0.15:  # 差戻し loop: the committee's step repeated after a return
            last = town.later("障害福祉課", case, ["差戻し", "障害支援区分認定調査（訪問）",
                                                   "市町村審査会"], last, p, gap=(3, 10))  # fmt: skip
        town.later("障害福祉課", case, ["受給者証交付"], last, p, gap=(3, 10))
        return end

    def zeimu(p: dict, at: datetime, kind: str) -> datetime:
        case = town.new_case("税務課")
        steps = ["番号札発行", "申請者の本人確認"]
        if kind == "cert":
            steps += [
                "証明交付申請書の記入",
                rng.choice(["所得証明書交付", "所得証明書交付", "納税証明書交付"]),
            ]
        elif kind == "account":
            steps += ["住民税口座振替登録"]
        else:
            steps = ["番号札発行", "住民税申告受付"]
        return town.counter("税務課", case, steps, at, p, {"work": rng.random()})

    def seiho(p: dict, at: datetime) -> datetime:
        case = town.new_case("生活支援課")
        steps = [
            "面接相談受付",
            "面接時本人確認",
            "保護申請書記入",
            "ケース記録入力（世帯員の氏名・住所等）",
        ]
        end = town.counter("生活支援課", case, steps, at, p)
        if rng.random() < 0.08:
            town.later("生活支援課", case, ["申請取下げ"], end, p, gap=(1, 7))
            return end
        last = town.later("生活支援課", case, ["住民登録の照会", "収入・課税調査", "家庭訪問調査",
                                               "要否判定"], end, p, gap=(1, 4))  # fmt: skip
        while rng.random() < 0.2:  # 差戻し loops
            last = town.later("生活支援課", case, ["差戻し", "収入・課税調査", "要否判定"], last, p,
                              gap=(1, 3))  # fmt: skip
        town.later("生活支援課", case, ["保護決定", "支給口座登録", "保護決定通知書送付"], last, p,
                   gap=(1, 3))  # fmt: skip
        return end

    def kenko(p: dict, at: datetime, child: dict | None) -> datetime:
        case = town.new_case("健康推進課")
        steps = [
            "来所者本人確認",
            "妊娠届・出生連絡票の記入",
            "母子健康手帳交付",
            "関係窓口のご案内",
        ]
        if child is not None:
            steps = ["来所者本人確認", "妊娠届・出生連絡票の記入", "関係窓口のご案内"]
        end = town.counter("健康推進課", case, steps, at, p, {"partner": rng.choice(adults)})
        if child is not None:
            town.later("健康推進課", case, ["新生児訪問（助産師）"], end, p, gap=(10, 28))
        return end

    def some_day() -> date:
        return START + timedelta(days=rng.randint(0, days - 40))

    # 転入 (moved in): 市民課 then the counters the household needs, the same day
    for p in rng.sample(adults, 520):
        at = shimin(p, morning(some_day(), rng), "move")
        kids = [c for c in people if c["hh"] == p["hh"] and c["age"] < 16 and c is not p]
        if rng.random() < 0.4:
            at = kokuho(p, walk(at, rng))
        if kids and p["age"] < 60:
            at = kosodate(p, walk(at, rng), kids[0])
            school = [c for c in kids if 6 <= c["age"] <= 15]
            if school:
                at = walk(at, rng) + timedelta(minutes=rng.uniform(5, 15))  # the other building
                at = gakumu(p, at, school[0])
        if p["age"] >= 65 and rng.random() < 0.3:
            at = kaigo(p, walk(at, rng))
        if rng.random() < 0.15:
            zeimu(p, walk(at, rng), "account")
    # 出生: 市民課, then 国保, 児童手当, 健康推進課 the same day
    mothers = [p for p in parents if p["sex"] == "女"]
    for p in rng.sample(mothers, 170):
        child = {"name": p["name"].split("　")[0] + "　" + rng.choice(GIVEN)[0],
                 "born": some_day() - timedelta(days=rng.randint(1, 13))}  # fmt: skip
        at = shimin(p, morning(child["born"] + timedelta(days=14), rng), "birth", {"child": child})
        if rng.random() < 0.35:
            at = kokuho(p, walk(at, rng))
        at = kosodate(p, walk(at, rng), child)
        kenko(p, walk(at, rng), child)
    # 死亡: 市民課 (届出人 = the family), then the おくやみ visit 3–30 days later
    for p in rng.sample(elderly, 180):
        family = [c for c in people if c["hh"] == p["hh"] and c is not p and c["age"] >= 18]
        informant = family[0] if family else rng.choice(adults)
        day = some_day()
        shimin(p, morning(day, rng), "death", {"informant": informant})
        at = morning(day + timedelta(days=rng.randint(3, 30)), rng)
        at = kokuho(p, at) if rng.random() < 0.6 else at
        at = kaigo(p, walk(at, rng), loss=True)
        if rng.random() < 0.3:
            zeimu(p, walk(at, rng), "cert")
    # independent procedures
    for p in rng.sample(elderly, min(len(elderly), 330)):
        kaigo(p, morning(some_day(), rng))
    for p in rng.sample(adults, 200):
        shogai(p, morning(some_day(), rng))
    for p in rng.sample(adults, 900):
        zeimu(
            p, morning(some_day(), rng), rng.choice(["cert", "cert", "cert", "declare", "account"])
        )
    for p in rng.sample(adults, 90):
        seiho(p, morning(some_day(), rng))
    for p in rng.sample(mothers, 80):
        kenko(p, morning(some_day(), rng), None)
    with_school = [p for p in parents if any(
        c["hh"] == p["hh"] and 6 <= c["age"] <= 15 and c is not p for c in people[p["hh"]:p["hh"] + 6]
    )]  # fmt: skip
    for p in rng.sample(with_school, min(160, len(with_school))):
        kid = next(
            c for c in people[p["hh"] : p["hh"] + 6] if c["hh"] == p["hh"] and 6 <= c["age"] <= 15
        )
        gakumu(p, morning(some_day(), rng), kid)


# -- writing ---------------------------------------------------------------------------------
ERA = (("令和", date(2019, 5, 1)), ("平成", date(1989, 1, 8)), ("昭和", date(1926, 12, 25)))


def wareki(d: date) -> str:
    for era, start in ERA:
        if d >= start:
            year = d.year - start.year + 1
            return f"{era}{'元' if year == 1 else year}年{d.month}月{d.day}日"
    return f"大正{d.year - 1911}年{d.month}月{d.day}日"


def fmt_time(dept: str, at: datetime) -> str:
    if dept == "市民課":
        return at.strftime("%Y.%m.%d %H:%M")
    if dept == "障害福祉課":
        return f"{wareki(at.date())} {at.hour}時{at.minute:02d}分"
    if dept in ("保険年金課", "子育て支援課"):
        return at.strftime("%Y%m%d%H%M%S")
    if dept == "生活支援課":
        return at.strftime("%Y-%m-%dT%H:%M")
    return at.strftime("%Y/%m/%d %H:%M:%S")


def fmt_date(dept: str, d: date) -> str:
    if dept == "市民課":
        return d.strftime("%Y.%m.%d")
    if dept == "障害福祉課":
        return wareki(d)
    if dept in ("保険年金課", "子育て支援課"):
        return d.strftime("%Y%m%d")
    return f"{d.year}/{d.month}/{d.day}"


def fmt_key(dept: str, no: int, rng: random.Random) -> str:
    text = f"{no:08d}"
    if dept == "市民課":
        return f"{text[:4]}-{text[4:]}"
    if dept == "保険年金課" and rng.random() < 0.15:
        return text + rng.choice([" ", "  ", "　"])
    if dept == "学務課" and rng.random() < 0.05:
        return "　" + text
    return text


def noisy_label(dept: str, label: str, rng: random.Random) -> str:
    r = rng.random()
    if dept in ("障害福祉課", "保険年金課") and r < 0.06:
        return label + rng.choice([" ", "　"])
    if dept == "市民課" and r < 0.08 and "（" in label:
        return label.replace("（", "(").replace("）", ")")
    if dept == "税務課" and r < 0.05 and len(label) > 4:
        return label[:2] + "　" + label[2:]
    return label


def row_of(town: Town, dept: str, e: dict) -> list[str]:
    rng = town.rng
    p, extra = e["p"], e["extra"]
    c = town.copy(dept, p)
    label = noisy_label(dept, e["label"], rng)
    if label != e["label"]:
        town.aliases.add((dept, label, e["label"]))
    head = [e["case"], label, fmt_time(dept, e["at"]), e["staff"], fmt_key(dept, p["no"], rng)]
    full = e["data"] or dept in ("保険年金課", "子育て支援課")
    v = c if full else dict.fromkeys(c, "")
    born = fmt_date(dept, v["born"]) if full else ""
    child = extra.get("child")
    other = c["decoy"]
    if dept == "市民課":
        informant = extra.get("informant")
        return [*head, v["name"], v["kana"], born, v["sex"], v["addr"], v["tel"],
                informant["name"] if informant and full else ""]  # fmt: skip
    if dept == "保険年金課":
        sex = {"男": "1", "女": "2"}[v["sex"]]
        return [*head, v["name"], v["kana"], born, sex, v["addr"], v["tel"], v["acct"]]
    if dept == "子育て支援課":
        kid = [child["name"], fmt_date(dept, child["born"])] if child else ["", ""]
        work = other["work"] if full else ""
        return [*head, v["name"], v["kana"], born, v["addr"], v["tel"], v["acct"], *kid, work]
    if dept == "介護保険課":
        carer = [other["name"], other["mobile"]] if full else ["", ""]
        facility = other["facility"] if full else ""
        return [*head, v["name"], v["kana"], born, v["sex"], v["addr"], v["tel"], v["acct"], *carer, facility]  # fmt: skip
    if dept == "障害福祉課":
        helper = [other["name"], other["office"]] if full else ["", ""]
        return [*head, v["name"], v["kana"], born, v["addr"], v["tel"], v["acct"], *helper]  # fmt: skip
    if dept == "税務課":
        job = ["株式会社南浦水産", other["employer"], other["work"]] if full else ["", "", ""]
        return [*head, v["name"], born, v["addr"], v["tel"], v["acct"], *job]
    if dept == "生活支援課":
        kin = [other["name"], other["kin"], other["mobile"]] if full else ["", "", ""]
        return [*head, v["name"], born, v["addr"], v["tel"], v["acct"], *kin]
    if dept == "学務課":
        kid = [child["name"], fmt_date(dept, child["born"])] if child and full else ["", ""]
        return [*head, v["name"], v["addr"], v["tel"], v["acct"], *kid]
    partner = extra.get("partner")
    return [
        *head,
        v["name"],
        born,
        v["addr"],
        v["tel"],
        partner["name"] if partner and full else "",
    ]


def write_city(town: Town, out: Path) -> list[tuple[str, int, int, int, int]]:
    """Write each department's export; returns (file, rows, duplicate rows, no time, loaded)."""
    rng = town.rng
    city = out / "city"
    city.mkdir(parents=True, exist_ok=True)
    accounting = []
    toml = ["# department names only; columns are left to procmine"]
    for dept, (file, _labels) in DEPTS.items():
        rows = [row_of(town, dept, e) for e in sorted(town.events[dept], key=lambda e: e["at"])]
        dup = no_time = 0
        written: list[list[str]] = []
        for row in rows:
            if dept in ("税務課", "介護保険課", "市民課") and rng.random() < 0.012:
                written.append(row)
                dup += 1
            if dept in ("子育て支援課", "学務課", "生活支援課") and rng.random() < 0.004:
                row = [*row[:2], "", *row[3:]]
                no_time += 1
            written.append(row)
        encoding = "cp932" if dept == "障害福祉課" else "utf-8-sig" if dept == "市民課" else "utf-8"
        with open(city / file, "w", encoding=encoding, errors="replace", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(HEADERS[dept])
            writer.writerows(written)
        accounting.append((file, len(written), dup, no_time, len(written) - dup - no_time))
        toml += [f'[files."{file}"]', f'department = "{dept}"']
    (city / "procmine.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")
    return accounting


def write_truth(town: Town, out: Path, accounting: list) -> tuple[int, int]:
    truth = out / "truth"
    truth.mkdir(parents=True, exist_ok=True)
    used = {(d, e["label"]) for d, events in town.events.items() for e in events}
    dup_rows, neg_rows = [], []
    for dept, (_file, labels) in DEPTS.items():
        for label, (cluster, group) in labels.items():
            if (dept, label) not in used:
                continue
            if cluster:
                dup_rows.append((cluster, dept, label))
            if group:
                neg_rows.append((group, dept, label))

    def write(name: str, header: list[str], rows: list) -> None:
        with open(truth / name, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(sorted(rows))

    write("duplicates.csv", ["cluster", "department", "activity"], dup_rows)
    write("negatives.csv", ["group", "department", "activity"], neg_rows)
    write("aliases.csv", ["department", "alias", "activity"], town.aliases)
    silo_rows = [(f, d, c) for f, cols in SILO_COLUMNS.items() for d, c in cols.items()]
    write("silos.csv", ["field", "department", "column"], silo_rows)
    write("decoys.csv", ["department", "column"], [(d, c) for d, cs in DECOYS.items() for c in cs])
    write("accounting.csv", ["file", "rows_written", "duplicate_rows", "rows_without_time",
                             "rows_to_load"], accounting)  # fmt: skip
    return len(dup_rows), len(neg_rows)


def make(out: Path, seed: int = 7, residents: int = 4000) -> str:
    """Write the town and its truth into ``out``; returns a one-line summary."""
    town = Town(seed, residents)
    simulate(town)
    accounting = write_city(town, out)
    members, negatives = write_truth(town, out, accounting)
    events = sum(len(e) for e in town.events.values())
    return (f"{len(DEPTS)} departments, {residents} residents, {events} events; "
            f"{members} duplicate members, {negatives} hard-negative members")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--residents", type=int, default=4000)
    args = parser.parse_args()
    print(make(args.out, args.seed, args.residents))


if __name__ == "__main__":
    main()
