"""はやせ市: a held-out test city written by an outside reviewer (2026-11-28).

Usage::

    .venv/bin/python benchmarks/hayase_city.py OUT [--seed 20261128] [--households 1900]

Writes ``OUT/city/`` (nine department exports; no ``procmine.toml``: every file is named after
its department, as a city's own export folder would be once somebody renamed the files) and
``OUT/truth/`` (``duplicates.csv``, ``negatives.csv``, ``silos.csv``, ``decoys.csv``) for a
fictional city of about 80,000 people: 4,840 residents of about 2,000 households, of whom
3,956 appear in the exports, about 28,000 events over one fiscal year (2025-04-01 ..
2026-03-31; a few back-office steps of March cases run into April and May). The
reviewer read only the README, ``/work/shared/domain/koyo-city.md``,
``benchmarks/independent_towns.py`` and the truth-writing part of ``benchmarks/kawabe_city.py``
(and, by mistake, kawabe's module docstring), not procmine's code, its sample generator,
``sample_logs/``, the tests or the other towns' bodies.
The truth below was written from this design before procmine was first run on the city.

Departments and their exports (all different in style on purpose)
-----------------------------------------------------------------

* 市民窓口課 (``市民窓口課.csv``, UTF-8 with BOM): 住民記録, 印鑑登録, certificates. Labels carry
  a code in brackets (``[A02] 本人確認``); times ``2025/4/1 9:05:00`` (no zero padding) with a
  終了日時; staff only as 職員番号 (``E1xxxx``), their role in a separate 役割 column (窓口, 審査,
  入力, 発券機, 申請者: a form the resident writes has no 職員番号, only 役割 = 申請者); the
  resident key is 住民コード (7 digits, ``0001234``).
* 保険医療課 (``保険医療課.csv``, Shift_JIS): 国民健康保険. Labels numbered ``01_受付番号札``; ISO
  times with a 完了日時; key 宛名番号 with a letter prefix (``A0001234``); birth dates in 和暦
  abbreviations (``S60.04.02``).
* こども未来課 (``こども未来課.csv``): 児童手当 and 子ども医療費. Labels ``【窓口】受付票発行``;
  date and time of day in two columns (処理日 + 処理時刻); keyed by household: 世帯番号
  (``S012345``) plus 続柄 of the claimant, i.e. no per-resident key at all.
* 介護長寿課 (``介護長寿課.tsv``, TSV): 介護保険. Labels in 公用文 verb phrases
  (``本人であることを確認する``); times in 令和 abbreviations (``R7.4.1 09:05``) with 開始 / 終了;
  key 個人識別番号 = the 宛名番号 without padding (``1234``); birth dates ``昭和23年5月1日``.
* 市税課 (``市税課.csv``, Shift_JIS): 個人住民税. Labels ``[Z01] 呼出番号発券``; times
  ``2025/04/01 09:05``; key 宛名番号 padded to 10 digits; フリガナ in half-width katakana;
  incomes with commas.
* 就学支援課 (``就学支援課.csv``, 教育委員会, another building, no ticket machine): labels with
  kanji numerals (``（二）保護者の確認``); times ``2025年4月1日 9時5分``; keyed by the *child*
  (児童宛名番号), so 児童氏名 is the keyed resident's name and 保護者氏名 is somebody else's.
* 住宅政策課 (``住宅政策課.csv``): 市営住宅 applications twice a year; ISO times with +09:00.
* 生活環境課 (``生活環境課.csv``): 犬の登録, 狂犬病予防注射, 粗大ごみ (by telephone, 委託 staff).
* 上下水道局 (``上下水道局.csv``): 開栓・閉栓, 口座振替, 名義変更. A separate 公営企業 system with
  no resident key and no birth date, only its own お客さま番号 (the case: one customer's
  register over the year).

Life events: 転入 (household; with children to こども未来課 and 就学支援課, 65+ to 介護長寿課,
国保 households to 保険医療課, water 開栓, a dog to 生活環境課, 印鑑登録 for some), 転居,
転出, 出生, 死亡 (おくやみ: 市民窓口課 → 保険医療課 → 介護長寿課 → 市税課, the filer is a relative
while the rows are keyed by the deceased). Routine: 住民税申告, 所得証明, 印鑑登録 alone,
要介護認定, 就学援助, 市営住宅, 犬, 粗大ごみ, 住民票の写し, tax notices.

Judgement calls
---------------

* Duplicate kinds: QUEUE (ticket), ID (identity check; 市民窓口課's 印鑑登録 identity check
  ``[A11] 印鑑登録の本人確認`` is a member: it verifies the same person for the same visit and a
  one-stop check with the マイナンバーカード would serve it), NUM (My Number check), FORM (any
  counter form on which the filer writes a resident's particulars the city already holds:
  異動届, 印鑑登録申請書, 国保異動届, 児童手当認定請求書, 介護 申請書・届出書, 住民税申告書,
  相続人代表者指定届, 就学 届・申請書, 市営住宅 入居申込書), JUKI (re-checking the resident record
  by inquiry), KEY (staff re-keying 住基 data into their own register: 市税課's 宛名異動入力 is
  one), INCOME (asking the tax data for a resident's income; 市税課's answer is not a member),
  ACCT (registering a bank account; 上下水道局's 口座振替申込受付 IS a member: the resident gives
  the same account again and staff key bank, branch, number and holder, exactly like 市税課's
  and 保険医療課's debit authorisations), GUIDE (guidance to other counters).
* Not duplicates: 市民窓口課 ``[A06] 住民記録異動処理`` is the system of record. 上下水道局's
  ``使用者情報入力`` is not a KEY member: the bureau may not read 住基 and keys the customer's
  contract from the 開栓 application (a contract record, not a copy of 住基); it is a hard
  negative against 市民窓口課's record update. 犬の登録申請 is not a FORM member: its subject is
  the dog under 狂犬病予防法 (name, breed, colour, the dog's birth date); it is a hard negative
  against 印鑑登録申請. 粗大ごみ bookings by telephone and water 開栓 are different work from the
  counters' applications that share 申込受付.
* Silos: the data columns holding one resident field, including 上下水道局's 使用者氏名, 使用者カナ,
  連絡先電話, 振替口座 and 給水場所 (the supply point of a household's home is its address; the
  bureau keeps its own copy and misses moves it is not told of). Key columns are not copies.
* Decoys: 送付先住所 (市税課; only filled when the taxpayer asked for mail elsewhere: a relative's
  house or a care home, so never the resident's address), 前住所 (the former address is not a
  copy of the current one), 届出人氏名 (the filer: the household head for the whole household),
  children's names and birth dates at こども未来課, the parent's name and income at 就学支援課
  (keyed by the child), emergency contacts and a care home's address at 介護長寿課, employer's
  address and phone at 市税課, guarantor's name and phone, employer's address and the monthly
  household 収入月額 (a derived figure) at 住宅政策課, the dog's birth date at 生活環境課.
* Epoch-second timestamps were considered for 上下水道局 and dropped: a probe with ``procmine
  validate`` on a ten-line file showed that a column of Unix times is not taken as the
  timestamp at all, so the whole city would be refused; the bureau's times are written
  ``2025/04/01 9:05`` instead.

Generator fix after the first run (the truth files did not change)
------------------------------------------------------------------

In the first run the case-level rows (ticket, identity check, My Number check, 住基照会 …)
of 保険医療課, 介護長寿課, 就学支援課 and 市税課's おくやみ case carried the *filer's* key while
the case's forms carried the insured person's, the child's or the deceased's: a system keyed by
児童宛名番号 or by the 被保険者 does not log a relative's number. Every row of a case now carries
the key of the case's subject. Scores with ``procmine analyze city --salt fixed -q`` (procmine
as of 2026-11-28 11:52 UTC):

* very first run (before the fix): duplicates P 0.462 R 0.101 F1 0.166, 13 hard-negative
  pairs; silo grouping P 0.839 R 0.369 F1 0.512, 2 of 17 decoys grouped with a resident field;
* the city as delivered: duplicates P 0.455 R 0.084 F1 0.142, 12 hard-negative pairs; silo
  grouping P 0.839 R 0.369 F1 0.512, 2 of 17 decoys.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

START, END = date(2025, 4, 1), date(2026, 3, 31)

SHIMIN, HOKEN, KODOMO, KAIGO, ZEI, SHUGAKU, JUTAKU, KANKYO, SUIDO = (
    "市民窓口課", "保険医療課", "こども未来課", "介護長寿課", "市税課", "就学支援課",
    "住宅政策課", "生活環境課", "上下水道局",
)  # fmt: skip

# ---- activity labels ------------------------------------------------------------------------
A = {  # (department, key) -> label
    (SHIMIN, "queue"): "[A01] 番号札発行",
    (SHIMIN, "id"): "[A02] 本人確認",
    (SHIMIN, "form"): "[A03] 異動届・出生届の記入",
    (SHIMIN, "review"): "[A05] 届書審査",
    (SHIMIN, "auth"): "[A06] 住民記録異動処理",
    (SHIMIN, "inkan_form"): "[A07] 印鑑登録申請書の記入",
    (SHIMIN, "inkan_card"): "[A08] 印鑑登録証交付",
    (SHIMIN, "guide"): "[A09] 関係課への案内",
    (SHIMIN, "inkan_id"): "[A11] 印鑑登録の本人確認",
    (SHIMIN, "cert"): "[A12] 住民票の写し等交付",
    (HOKEN, "queue"): "01_受付番号札",
    (HOKEN, "id"): "02_本人確認",
    (HOKEN, "num"): "03_個人番号確認",
    (HOKEN, "form"): "04_国保異動届の記入",
    (HOKEN, "juki"): "05_住基照会",
    (HOKEN, "key"): "06_被保険者情報入力",
    (HOKEN, "income"): "07_所得照会",
    (HOKEN, "acct"): "08_口座振替依頼受付",
    (HOKEN, "card"): "09_保険証交付",
    (HOKEN, "guide"): "10_関連手続の案内",
    (HOKEN, "notice"): "11_国保税額決定通知",
    (KODOMO, "queue"): "【窓口】受付票発行",
    (KODOMO, "id"): "【窓口】身元確認",
    (KODOMO, "num"): "【窓口】番号確認",
    (KODOMO, "form"): "【申請】認定請求書記入",
    (KODOMO, "juki"): "【審査】住民記録照会",
    (KODOMO, "key"): "【入力】受給者台帳登録",
    (KODOMO, "acct"): "【口座】振込口座登録",
    (KODOMO, "card"): "【交付】医療証交付",
    (KODOMO, "guide"): "【案内】他課手続案内",
    (KODOMO, "visit"): "【訪問】乳児家庭全戸訪問",
    (KAIGO, "queue"): "整理券を発行する",
    (KAIGO, "id"): "本人であることを確認する",
    (KAIGO, "num"): "個人番号を確認する",
    (KAIGO, "form"): "申請書・届出書に記入を受ける",
    (KAIGO, "juki"): "住民基本台帳を照会する",
    (KAIGO, "key"): "被保険者台帳に入力する",
    (KAIGO, "income"): "保険料段階のため課税状況を照会する",
    (KAIGO, "acct"): "口座を登録する",
    (KAIGO, "guide"): "他の窓口を案内する",
    (KAIGO, "visit"): "認定調査を実施する（訪問）",
    (KAIGO, "board"): "介護認定審査会に付議する",
    (KAIGO, "notice"): "要介護認定結果を通知する",
    (ZEI, "queue"): "[Z01] 呼出番号発券",
    (ZEI, "id"): "[Z02] 申告者確認",
    (ZEI, "num"): "[Z03] 個人番号確認",
    (ZEI, "form"): "[Z04] 申告書記入",
    (ZEI, "review"): "[Z05] 申告内容の審査",
    (ZEI, "acct"): "[Z06] 口座振替申込受付",
    (ZEI, "cert"): "[Z07] 所得証明書交付",
    (ZEI, "key"): "[Z08] 宛名異動入力",
    (ZEI, "answer"): "[Z09] 課税情報照会回答",
    (ZEI, "notice"): "[Z10] 税額決定通知書発送",
    (ZEI, "heir"): "[Z11] 相続人代表者指定届記入",
    (SHUGAKU, "id"): "（二）保護者の確認",
    (SHUGAKU, "form"): "（一）転入学届・就学援助申請書の記入",
    (SHUGAKU, "juki"): "（三）住民基本台帳の照会",
    (SHUGAKU, "key"): "（四）学齢簿の異動入力",
    (SHUGAKU, "income"): "（五）所得の照会",
    (SHUGAKU, "board"): "（六）就学援助の認定審査",
    (SHUGAKU, "notice"): "（七）就学援助認定通知",
    (SHUGAKU, "card"): "（八）転入学通知書交付",
    (JUTAKU, "id"): "来庁者確認",
    (JUTAKU, "form"): "入居申込書記入",
    (JUTAKU, "juki"): "住民票記載事項の確認",
    (JUTAKU, "income"): "収入調査（課税台帳照会）",
    (JUTAKU, "board"): "入居資格審査",
    (JUTAKU, "notice"): "入居決定通知",
    (JUTAKU, "card"): "鍵の引渡し",
    (KANKYO, "dog_form"): "犬の登録申請受付",
    (KANKYO, "dog_card"): "鑑札・注射済票交付",
    (KANKYO, "gomi"): "粗大ごみ収集申込受付",
    (KANKYO, "gomi_done"): "粗大ごみ収集完了",
    (SUIDO, "open"): "開栓申込受付",
    (SUIDO, "close"): "閉栓申込受付",
    (SUIDO, "acct"): "口座振替申込受付",
    (SUIDO, "input"): "使用者情報入力",
    (SUIDO, "visit"): "開栓立会い",
    (SUIDO, "rename"): "名義変更届受付",
}

DUPLICATES = {
    "QUEUE": [(d, A[(d, "queue")]) for d in (SHIMIN, HOKEN, KODOMO, KAIGO, ZEI)],
    "ID": [(d, A[(d, "id")]) for d in (SHIMIN, HOKEN, KODOMO, KAIGO, ZEI, SHUGAKU, JUTAKU)]
    + [(SHIMIN, A[(SHIMIN, "inkan_id")])],
    "NUM": [(d, A[(d, "num")]) for d in (HOKEN, KODOMO, KAIGO, ZEI)],
    "FORM": [(d, A[(d, "form")]) for d in (SHIMIN, HOKEN, KODOMO, KAIGO, ZEI, SHUGAKU, JUTAKU)]
    + [(SHIMIN, A[(SHIMIN, "inkan_form")]), (ZEI, A[(ZEI, "heir")])],
    "JUKI": [(d, A[(d, "juki")]) for d in (HOKEN, KODOMO, KAIGO, SHUGAKU, JUTAKU)],
    "KEY": [(d, A[(d, "key")]) for d in (HOKEN, KODOMO, KAIGO, ZEI, SHUGAKU)],
    "INCOME": [(d, A[(d, "income")]) for d in (HOKEN, KAIGO, SHUGAKU, JUTAKU)],
    "ACCT": [(d, A[(d, "acct")]) for d in (HOKEN, KODOMO, KAIGO, ZEI, SUIDO)],
    "GUIDE": [(d, A[(d, "guide")]) for d in (SHIMIN, HOKEN, KODOMO, KAIGO)],
}
NEGATIVES = {
    "交付": [(SHIMIN, A[(SHIMIN, "inkan_card")]), (SHIMIN, A[(SHIMIN, "cert")]),
             (HOKEN, A[(HOKEN, "card")]), (KODOMO, A[(KODOMO, "card")]),
             (ZEI, A[(ZEI, "cert")]), (SHUGAKU, A[(SHUGAKU, "card")]),
             (JUTAKU, A[(JUTAKU, "card")]), (KANKYO, A[(KANKYO, "dog_card")])],
    "審査": [(SHIMIN, A[(SHIMIN, "review")]), (ZEI, A[(ZEI, "review")]),
             (KAIGO, A[(KAIGO, "board")]), (SHUGAKU, A[(SHUGAKU, "board")]),
             (JUTAKU, A[(JUTAKU, "board")])],
    "通知": [(HOKEN, A[(HOKEN, "notice")]), (KAIGO, A[(KAIGO, "notice")]),
             (ZEI, A[(ZEI, "notice")]), (SHUGAKU, A[(SHUGAKU, "notice")]),
             (JUTAKU, A[(JUTAKU, "notice")])],
    "訪問": [(KAIGO, A[(KAIGO, "visit")]), (KODOMO, A[(KODOMO, "visit")]),
             (SUIDO, A[(SUIDO, "visit")])],
    "登録申請": [(KANKYO, A[(KANKYO, "dog_form")]), (SHIMIN, A[(SHIMIN, "inkan_form")])],
    "申込受付": [(KANKYO, A[(KANKYO, "gomi")]), (SUIDO, A[(SUIDO, "open")]),
                 (ZEI, A[(ZEI, "acct")]), (JUTAKU, A[(JUTAKU, "form")])],
    "記録更新": [(SHIMIN, A[(SHIMIN, "auth")]), (SUIDO, A[(SUIDO, "input")])],
    "照会": [(ZEI, A[(ZEI, "answer")]), (HOKEN, A[(HOKEN, "income")])],
    "届受付": [(SUIDO, A[(SUIDO, "rename")]), (SUIDO, A[(SUIDO, "close")]),
               (HOKEN, A[(HOKEN, "form")])],
}  # fmt: skip

SILOS = {
    "氏名": [(SHIMIN, "氏名"), (HOKEN, "被保険者氏名"), (KODOMO, "請求者氏名"),
             (KAIGO, "被保険者氏名"), (ZEI, "納税義務者氏名"), (SHUGAKU, "児童氏名"),
             (JUTAKU, "申込者氏名"), (KANKYO, "所有者氏名"), (SUIDO, "使用者氏名")],
    "カナ": [(SHIMIN, "フリガナ"), (HOKEN, "カナ氏名"), (KODOMO, "請求者カナ"),
             (ZEI, "ﾌﾘｶﾞﾅ"), (SHUGAKU, "児童カナ"), (JUTAKU, "申込者カナ"),
             (SUIDO, "使用者カナ")],
    "生年月日": [(SHIMIN, "生年月日"), (HOKEN, "生年月日"), (KODOMO, "請求者生年月日"),
                 (KAIGO, "生年月日"), (SHUGAKU, "児童生年月日"), (JUTAKU, "申込者生年月日")],
    "住所": [(SHIMIN, "住所"), (HOKEN, "住所"), (KODOMO, "住所"), (KAIGO, "住所"),
             (ZEI, "住所"), (SHUGAKU, "住所"), (JUTAKU, "現住所"), (SUIDO, "給水場所")],
    "電話": [(HOKEN, "連絡先電話"), (KODOMO, "電話番号"), (KAIGO, "電話"),
             (JUTAKU, "電話番号"), (KANKYO, "電話番号"), (SUIDO, "連絡先電話")],
    "個人番号": [(SHIMIN, "個人番号"), (HOKEN, "個人番号"), (KODOMO, "請求者個人番号"),
                 (KAIGO, "個人番号"), (ZEI, "個人番号")],
    "口座": [(HOKEN, "振替口座"), (KODOMO, "振込口座"), (KAIGO, "口座情報"), (ZEI, "振替口座"),
             (SUIDO, "振替口座")],
    "所得": [(ZEI, "総所得金額"), (HOKEN, "所得金額"), (KAIGO, "合計所得金額"),
             (JUTAKU, "申込者所得")],
}  # fmt: skip
DECOYS = [
    (SHIMIN, "届出人氏名"), (SHIMIN, "前住所"), (KODOMO, "児童氏名"), (KODOMO, "児童生年月日"),
    (KAIGO, "緊急連絡先氏名"), (KAIGO, "緊急連絡先電話"), (KAIGO, "入所施設所在地"),
    (ZEI, "送付先住所"), (ZEI, "勤務先住所"), (ZEI, "勤務先電話"), (SHUGAKU, "保護者氏名"),
    (SHUGAKU, "保護者の所得額"), (JUTAKU, "連帯保証人氏名"), (JUTAKU, "連帯保証人電話"),
    (JUTAKU, "勤務先住所"), (JUTAKU, "収入月額"), (KANKYO, "犬の生年月日"),
]  # fmt: skip

# ---- files: name, encoding, (case, activity, time, end, resource, role, key), data columns --
FILES = {
    SHIMIN: ("市民窓口課.csv", "utf-8-sig",
             ("受付番号", "処理区分", "処理日時", "終了日時", "職員番号", "役割", "住民コード"),
             ["氏名", "フリガナ", "生年月日", "住所", "前住所", "個人番号", "届出人氏名"]),
    HOKEN: ("保険医療課.csv", "cp932",
            ("申請番号", "手続名", "日時", "完了日時", "職員番号", "", "宛名番号"),
            ["被保険者氏名", "カナ氏名", "生年月日", "住所", "連絡先電話", "個人番号", "所得金額",
             "振替口座"]),
    KODOMO: ("こども未来課.csv", "utf-8",
             ("受付No", "業務内容", "処理日", "", "担当職員番号", "", "世帯番号"),
             ["続柄", "請求者氏名", "請求者カナ", "請求者生年月日", "住所", "電話番号",
              "請求者個人番号", "振込口座", "児童氏名", "児童生年月日"]),
    KAIGO: ("介護長寿課.tsv", "utf-8",
            ("事務番号", "事務処理", "開始", "終了", "処理者", "役割区分", "個人識別番号"),
            ["被保険者氏名", "生年月日", "住所", "電話", "個人番号", "合計所得金額", "口座情報",
             "緊急連絡先氏名", "緊急連絡先電話", "入所施設所在地"]),
    ZEI: ("市税課.csv", "cp932",
          ("整理番号", "作業", "作業日時", "", "職員番号", "", "宛名番号"),
          ["納税義務者氏名", "ﾌﾘｶﾞﾅ", "住所", "送付先住所", "個人番号", "総所得金額", "振替口座",
           "勤務先名称", "勤務先住所", "勤務先電話"]),
    SHUGAKU: ("就学支援課.csv", "utf-8",
              ("案件番号", "処理内容", "処理日時", "", "担当", "", "児童宛名番号"),
              ["児童氏名", "児童カナ", "児童生年月日", "住所", "保護者氏名", "保護者の所得額",
               "前在籍校", "就学校"]),
    JUTAKU: ("住宅政策課.csv", "utf-8",
             ("申込番号", "処理", "日時", "", "職員番号", "", "宛名番号"),
             ["申込者氏名", "申込者カナ", "申込者生年月日", "現住所", "電話番号", "申込者所得",
              "収入月額", "勤務先住所", "連帯保証人氏名", "連帯保証人電話", "希望団地"]),
    KANKYO: ("生活環境課.csv", "utf-8",
             ("受付番号", "業務", "日時", "", "職員番号", "", "宛名番号"),
             ["所有者氏名", "電話番号", "犬の名前", "犬種", "犬の生年月日", "鑑札番号", "品目",
              "収集予定日"]),
    SUIDO: ("上下水道局.csv", "utf-8",
            ("お客さま番号", "受付内容", "受付日時", "", "担当者", "", ""),
            ["使用者氏名", "使用者カナ", "給水場所", "連絡先電話", "振替口座", "使用開始日"]),
}  # fmt: skip

# ---- people ---------------------------------------------------------------------------------
SURNAMES = [
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("清水", "シミズ"),
    ("山崎", "ヤマザキ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("阿部", "アベ"),
    ("石川", "イシカワ"),
    ("前田", "マエダ"),
    ("藤田", "フジタ"),
    ("岡田", "オカダ"),
    ("後藤", "ゴトウ"),
    ("長谷川", "ハセガワ"),
    ("村上", "ムラカミ"),
    ("近藤", "コンドウ"),
    ("石井", "イシイ"),
    ("坂本", "サカモト"),
    ("遠藤", "エンドウ"),
    ("青木", "アオキ"),
    ("藤井", "フジイ"),
    ("西村", "ニシムラ"),
    ("福田", "フクダ"),
    ("太田", "オオタ"),
    ("三浦", "ミウラ"),
    ("早瀬", "ハヤセ"),
    ("菅野", "カンノ"),
    ("齋藤", "サイトウ"),
    ("髙木", "タカギ"),
]
GIVEN_M = [
    ("翔太", "ショウタ"),
    ("大輝", "ダイキ"),
    ("健一", "ケンイチ"),
    ("誠", "マコト"),
    ("浩二", "コウジ"),
    ("隆", "タカシ"),
    ("拓也", "タクヤ"),
    ("蓮", "レン"),
    ("悠真", "ユウマ"),
    ("湊", "ミナト"),
    ("博", "ヒロシ"),
    ("正雄", "マサオ"),
    ("和夫", "カズオ"),
    ("陽翔", "ハルト"),
    ("直樹", "ナオキ"),
    ("修", "オサム"),
]
GIVEN_F = [
    ("陽子", "ヨウコ"),
    ("美咲", "ミサキ"),
    ("由美", "ユミ"),
    ("恵子", "ケイコ"),
    ("さくら", "サクラ"),
    ("結衣", "ユイ"),
    ("葵", "アオイ"),
    ("直子", "ナオコ"),
    ("久美子", "クミコ"),
    ("芽依", "メイ"),
    ("幸子", "サチコ"),
    ("和子", "カズコ"),
    ("明美", "アケミ"),
    ("凛", "リン"),
    ("千尋", "チヒロ"),
    ("愛", "アイ"),
]
TOWNS = [
    "早瀬町",
    "川端町",
    "北原",
    "南台",
    "桜木町",
    "清水",
    "上野原",
    "東雲",
    "若葉台",
    "本町",
    "西浜",
    "緑が丘",
    "瀬戸",
    "中央",
]
APARTS = ["ハイツ早瀬", "コーポ川端", "メゾン桜木", "グランデ南台", "サンハイム"]
BANKS = [
    ("はやせ信用金庫", "1561", [("本店", "001"), ("北原支店", "012")]),
    ("東総銀行", "0158", [("駅前支店", "101"), ("南台支店", "115")]),
    ("みなと銀行", "0573", [("はやせ支店", "231")]),
    ("ゆうちょ銀行", "9900", [("〇一八店", "018")]),
]
FACILITIES = [
    "特別養護老人ホーム早瀬の里 はやせ市北原5-1",
    "介護老人保健施設しおかぜ はやせ市西浜3-12",
    "グループホームわかば はやせ市若葉台1-8-2",
]
EMPLOYERS = [
    ("株式会社はやせ製作所", "はやせ市瀬戸4丁目2番1号", "0479-22-1100"),
    ("東総運輸株式会社", "ちば市中央区本町2-3-5", "043-221-5540"),
    ("はやせ市農業協同組合", "はやせ市本町1丁目5番地", "0479-23-0011"),
    ("医療法人瀬戸会病院", "はやせ市瀬戸2-14", "0479-25-3300"),
    ("有限会社西浜水産", "はやせ市西浜7丁目1番3号", "0479-28-7012"),
]
DOGS = [
    ("ポチ", "柴"),
    ("モモ", "トイ・プードル"),
    ("コタロウ", "ミニチュア・ダックスフンド"),
    ("ハナ", "雑種"),
    ("レオ", "ゴールデン・レトリーバー"),
    ("ココ", "チワワ"),
]
ZEN = str.maketrans("0123456789-", "０１２３４５６７８９－")
KANJI_NUM = "〇一二三四五六七八九"
HANKAKU = dict(zip("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー",
                   "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ", strict=True))  # fmt: skip
DAKU = {"ガ": "ｶﾞ", "ギ": "ｷﾞ", "グ": "ｸﾞ", "ゲ": "ｹﾞ", "ゴ": "ｺﾞ", "ザ": "ｻﾞ", "ジ": "ｼﾞ",
        "ズ": "ｽﾞ", "ゼ": "ｾﾞ", "ゾ": "ｿﾞ", "ダ": "ﾀﾞ", "ヂ": "ﾁﾞ", "ヅ": "ﾂﾞ", "デ": "ﾃﾞ",
        "ド": "ﾄﾞ", "バ": "ﾊﾞ", "ビ": "ﾋﾞ", "ブ": "ﾌﾞ", "ベ": "ﾍﾞ", "ボ": "ﾎﾞ", "パ": "ﾊﾟ",
        "ピ": "ﾋﾟ", "プ": "ﾌﾟ", "ペ": "ﾍﾟ", "ポ": "ﾎﾟ"}  # fmt: skip


def hankaku(kana: str) -> str:
    return "".join(DAKU.get(c, HANKAKU.get(c, " " if c == "　" else c)) for c in kana)


def mynumber(r: random.Random) -> str:
    body = [r.randint(0, 9) for _ in range(11)]
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(reversed(body), 1))
    rem = total % 11
    return "".join(map(str, body)) + str(0 if rem <= 1 else 11 - rem)


def wareki(d: date, style: str) -> str:
    for era, short, start in (("令和", "R", date(2019, 5, 1)), ("平成", "H", date(1989, 1, 8)),
                              ("昭和", "S", date(1926, 12, 25))):  # fmt: skip
        if d >= start:
            y = d.year - start.year + 1
            if style == "short":
                return f"{short}{y:02d}.{d.month:02d}.{d.day:02d}"
            return f"{era}{'元' if y == 1 else y}年{d.month}月{d.day}日"
    return f"大正{d.year - 1911}年{d.month}月{d.day}日"


@dataclass
class Address:
    town: str
    chome: int
    ban: int
    go: int
    apart: str = ""

    def canonical(self) -> str:
        return f"はやせ市{self.town}{self.chome}丁目{self.ban}番{self.go}号" + (
            f" {self.apart}" if self.apart else ""
        )

    def styled(self, style: str, r: random.Random) -> str:
        apart = self.apart if r.random() > 0.12 else ""  # 方書 dropped now and then
        tail = f" {apart}" if apart else ""
        if style == "hyphen":
            return f"はやせ市{self.town}{self.chome}-{self.ban}-{self.go}{tail}"
        if style == "zen":
            return f"{self.town}{self.chome}丁目{self.ban}番{self.go}号".translate(ZEN) + tail
        if style == "kanji":
            return f"{self.town}{KANJI_NUM[self.chome]}丁目{self.ban}番{self.go}号{tail}"
        if style == "short":
            return f"{self.town}{self.chome}-{self.ban}-{self.go}{tail}"
        return f"はやせ市{self.town}{self.chome}丁目{self.ban}番{self.go}号{tail}"


@dataclass
class Person:
    pid: int
    surname: tuple[str, str]
    given: tuple[str, str]
    birth: date
    sex: str
    hh: Household
    rel: str
    mynum: str
    phone: str
    mobile: str
    account: tuple[str, str, str, str]
    account2: tuple[str, str, str, str] | None
    income: int
    employer: tuple[str, str, str] | None
    present_from: date = START
    present_until: date = date(2026, 12, 31)
    kokuho: bool = False
    care: bool = False
    dog: tuple[str, str, date] | None = None

    @property
    def name(self) -> str:
        return f"{self.surname[0]}　{self.given[0]}"

    @property
    def kana(self) -> str:
        return f"{self.surname[1]}　{self.given[1]}"

    def age(self, d: date) -> int:
        return d.year - self.birth.year - ((d.month, d.day) < (self.birth.month, self.birth.day))


@dataclass
class Household:
    hid: int
    address: Address
    members: list[Person] = field(default_factory=list)
    water: str = ""

    @property
    def head(self) -> Person:
        return self.members[0]


@dataclass
class Row:
    dept: str
    case: str
    act: str
    start: datetime
    end: datetime | None
    res: str
    role: str
    person: Person | None
    data: dict[str, str]


class City:
    def __init__(self, seed: int, households: int) -> None:
        self.r = random.Random(seed)
        self.rows: dict[str, list[Row]] = {d: [] for d in FILES}
        self.people: list[Person] = []
        self.homes: list[Household] = []
        self.used: set[tuple[str, int, int, int]] = set()
        self.counter = {d: 0 for d in FILES}
        self.staff = {d: [f"E{i}{self.r.randint(1000, 9999)}" for _ in range(6)]
                      for i, d in enumerate(FILES, 1)}  # fmt: skip
        for _ in range(households):
            self.homes.append(self.household(START))

    # -- residents ---------------------------------------------------------------------------
    def address(self) -> Address:
        r = self.r
        while True:
            a = Address(r.choice(TOWNS), r.randint(1, 5), r.randint(1, 30), r.randint(1, 25))
            if (a.town, a.chome, a.ban, a.go) not in self.used:
                self.used.add((a.town, a.chome, a.ban, a.go))
                if r.random() < 0.25:
                    a.apart = f"{r.choice(APARTS)}{r.randint(1, 3)}0{r.randint(1, 8)}"
                return a

    def account(self) -> tuple[str, str, str, str]:
        bank, code, branches = self.r.choice(BANKS)
        branch, bcode = self.r.choice(branches)
        return (bank, branch, f"{self.r.randint(0, 9999999):07d}", f"{code}-{bcode}")

    def person(self, hh: Household, rel: str, age: int, sex: str, surname=None) -> Person:
        r = self.r
        birth = START - timedelta(days=age * 365 + r.randint(0, 364))
        given = r.choice(GIVEN_M if sex == "男" else GIVEN_F)
        adult = age >= 18
        income = 0
        if adult and 18 <= age < 65:
            income = r.choice([0, 0, 1, 2, 3, 4]) * 800_000 + r.randint(0, 79) * 10_000
        elif age >= 65:
            income = r.randint(40, 250) * 10_000
        p = Person(
            pid=len(self.people) + 1, surname=surname or r.choice(SURNAMES), given=given,
            birth=birth, sex=sex, hh=hh, rel=rel, mynum=mynumber(r),
            phone=f"0479-{r.randint(20, 29)}-{r.randint(1000, 9999)}",
            mobile=f"0{r.choice('789')}0-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}",
            account=self.account(), account2=self.account() if r.random() < 0.25 else None,
            income=income, employer=r.choice(EMPLOYERS) if adult and age < 65 and income else None,
        )  # fmt: skip
        p.kokuho = adult and (age >= 60 or r.random() < 0.2) and age < 75
        p.care = age >= 70 and r.random() < 0.25
        self.people.append(p)
        hh.members.append(p)
        return p

    def household(self, since: date) -> Household:
        r = self.r
        hh = Household(len(self.homes) + 1, self.address())
        hh.water = f"W{r.randint(10_000_000, 99_999_999)}"
        kind = r.choices(["single", "couple", "family", "elder"], [30, 22, 33, 15])[0]
        sur = r.choice(SURNAMES)
        if kind == "single":
            self.person(hh, "世帯主", r.randint(19, 85), r.choice("男女"), sur)
        elif kind == "couple":
            self.person(hh, "世帯主", r.randint(25, 64), "男", sur)
            self.person(hh, "妻", r.randint(24, 62), "女", sur)
        elif kind == "family":
            pa = r.randint(27, 48)
            self.person(hh, "世帯主", pa, "男", sur)
            self.person(hh, "妻", pa - r.randint(0, 4), "女", sur)
            for _ in range(r.choice([1, 1, 2, 2, 3])):
                self.person(hh, "子", r.randint(0, min(17, pa - 22)), r.choice("男女"), sur)
        else:
            self.person(hh, "世帯主", r.randint(66, 88), "男", sur)
            self.person(hh, "妻", r.randint(64, 86), "女", sur)
        for p in hh.members:
            p.present_from = since
        if r.random() < 0.12:
            dn, breed = r.choice(DOGS)
            hh.head.dog = (dn, breed, START - timedelta(days=r.randint(60, 4000)))
        return hh

    # -- time --------------------------------------------------------------------------------
    def day(self, lo: date = START, hi: date = END, peak: bool = False) -> date:
        r = self.r
        while True:
            if peak and r.random() < 0.35:
                d = date(2026, 3, 20) + timedelta(days=r.randint(0, 11)) if r.random() < 0.7 else \
                    date(2025, 4, 1) + timedelta(days=r.randint(0, 9))  # fmt: skip
            else:
                d = lo + timedelta(days=r.randint(0, (hi - lo).days))
            if d.weekday() < 5 and START <= d <= END:
                return d

    def case(self, dept: str, prefix: str) -> str:
        self.counter[dept] += 1
        return f"{prefix}{self.counter[dept]:06d}"


# ---- value styles per department -----------------------------------------------------------
def acct_text(dept: str, a: tuple[str, str, str, str]) -> str:
    bank, branch, number, codes = a
    if dept in (HOKEN, SUIDO):
        return f"{bank} {branch} 普通 {number}"
    if dept == KODOMO:
        return f"{bank}／{branch}／普通／{number}"
    if dept == ZEI:
        return f"{codes}-{number}"
    return f"{bank}{branch} 普通預金 口座番号{number}"


def phone_text(dept: str, phone: str) -> str:
    return phone.replace("-", "") if dept in (KANKYO, JUTAKU) else phone


def record(city: City, dept: str, p: Person, d: date) -> dict[str, str]:
    """The resident's particulars as ``dept`` writes them on ``d``."""
    r = city.r
    a = p.hh.address
    style = {SHIMIN: "plain", HOKEN: "hyphen", KODOMO: "plain", KAIGO: "kanji", ZEI: "zen",
             SHUGAKU: "short", JUTAKU: "plain", SUIDO: "hyphen"}.get(dept, "plain")  # fmt: skip
    addr = a.styled(style if r.random() < 0.8 else "plain", r)
    name = p.name if r.random() > 0.03 else p.name.replace("　", "")
    # each system keeps one number per resident: some were given the mobile, some the landline
    phone = p.mobile if (p.pid * 7 + len(dept) * 3 + ord(dept[0])) % 10 < 3 else p.phone
    income = f"{p.income:,}" if dept in (ZEI, KAIGO) else str(p.income)
    if dept == JUTAKU:
        income = f"{p.income:,}円"
    mynum = p.mynum if r.random() > 0.12 or dept == SHIMIN else ""
    if dept == SHIMIN:
        return {"氏名": name, "フリガナ": p.kana, "生年月日": p.birth.strftime("%Y/%m/%d"),
                "住所": a.canonical(), "個人番号": p.mynum}  # fmt: skip
    if dept == HOKEN:
        return {"被保険者氏名": name, "カナ氏名": p.kana, "生年月日": wareki(p.birth, "short"),
                "住所": addr, "連絡先電話": phone_text(dept, phone), "個人番号": mynum,
                "所得金額": income, "振替口座": ""}  # fmt: skip
    if dept == KODOMO:
        return {"続柄": p.rel, "請求者氏名": name, "請求者カナ": p.kana,
                "請求者生年月日": p.birth.isoformat(), "住所": addr,
                "電話番号": phone_text(dept, phone), "請求者個人番号": mynum}  # fmt: skip
    if dept == KAIGO:
        rel = next((m for m in p.hh.members if m is not p and m.age(d) >= 18), None)
        return {"被保険者氏名": name, "生年月日": wareki(p.birth, "long"), "住所": addr,
                "電話": phone, "個人番号": mynum, "合計所得金額": income,
                "緊急連絡先氏名": rel.name if rel else f"{p.surname[0]}　{r.choice(GIVEN_M)[0]}",
                "緊急連絡先電話": rel.mobile if rel else
                f"090-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}",
                "入所施設所在地": r.choice(FACILITIES) if p.care and p.pid % 3 == 0 else ""}  # fmt: skip
    if dept == ZEI:
        emp = p.employer
        send = ""
        if p.age(d) >= 75 and p.pid % 5 == 0:
            send = r.choice(FACILITIES).split(" ")[1]
        elif p.pid % 23 == 0:
            send = f"ちば市稲毛区小仲台{p.pid % 9 + 1}-{p.pid % 17 + 1}-{p.pid % 5 + 1}"
        return {"納税義務者氏名": name, "ﾌﾘｶﾞﾅ": hankaku(p.kana), "住所": addr,
                "送付先住所": send, "個人番号": mynum, "総所得金額": income,
                "勤務先名称": emp[0] if emp else "", "勤務先住所": emp[1] if emp else "",
                "勤務先電話": emp[2] if emp else ""}  # fmt: skip
    if dept == SHUGAKU:
        parent = p.hh.head
        return {"児童氏名": name, "児童カナ": p.kana, "児童生年月日": wareki(p.birth, "long"),
                "住所": addr, "保護者氏名": parent.name,
                "保護者の所得額": str(parent.income)}  # fmt: skip
    if dept == JUTAKU:
        g = r.choice(SURNAMES)[0] + "　" + r.choice(GIVEN_M)[0]
        emp = p.employer
        return {"申込者氏名": name, "申込者カナ": p.kana, "申込者生年月日": p.birth.strftime("%Y%m%d"),
                "現住所": addr, "電話番号": phone_text(dept, phone), "申込者所得": income,
                "収入月額": f"{max(0, (p.income - 380_000)) // 12:,}円",
                "勤務先住所": emp[1] if emp else "", "連帯保証人氏名": g,
                "連帯保証人電話": f"0{r.choice('789')}0{r.randint(10_000_000, 99_999_999)}",
                "希望団地": r.choice(["早瀬団地", "南台団地", "西浜住宅"])}  # fmt: skip
    if dept == KANKYO:
        return {"所有者氏名": name, "電話番号": phone_text(dept, phone)}
    if dept == SUIDO:
        return {"使用者氏名": name, "使用者カナ": p.kana, "給水場所": addr,
                "連絡先電話": phone}  # fmt: skip
    return {}


# ---- visits --------------------------------------------------------------------------------
class Visit:
    """One resident's day at the city hall: steps one after the other."""

    def __init__(self, city: City, d: date, hour: tuple[int, int] = (8, 15)) -> None:
        self.city = city
        r = city.r
        self.t = datetime(d.year, d.month, d.day, r.randint(*hour), r.randint(0, 59))
        if self.t.hour < 9 and self.t.minute < 30:
            self.t = self.t.replace(minute=30 + self.t.minute % 30)

    def walk(self, lo: int = 2, hi: int = 6) -> None:
        self.t += timedelta(minutes=self.city.r.randint(lo, hi))

    def step(self, dept: str, key: str, case: str, p: Person | None, minutes: float,
             data: dict[str, str] | None = None, role: str = "窓口", wait: float = 0.5) -> Row:  # fmt: skip
        r = self.city.r
        self.t += timedelta(minutes=wait)
        dur = timedelta(seconds=max(20, int(minutes * 60 * r.uniform(0.6, 1.5))))
        res = ""
        if role == "発券機":
            res = f"M{list(FILES).index(dept) + 1:02d}"
        elif role not in ("申請者", "届出人"):
            res = r.choice(self.city.staff[dept][:4])
        row = Row(dept, case, A[(dept, key)], self.t, self.t + dur, res, role, p, data or {})
        self.city.rows[dept].append(row)
        self.t += dur
        return row

    def ticket(self, dept: str, case: str, p: Person, peak_wait: bool = True) -> None:
        r = self.city.r
        self.step(dept, "queue", case, p, 0.1, role="発券機", wait=0)
        base = 14 if dept == SHIMIN else 8
        busy = self.t.date() >= date(2026, 3, 20) or self.t.date() <= date(2025, 4, 10)
        self.t += timedelta(minutes=r.lognormvariate(0, 0.5) * base * (3 if busy else 1))


def back(city: City, dept: str, key: str, case: str, p: Person | None, d: date,
         data: dict[str, str] | None = None, days: tuple[int, int] = (0, 4),
         role: str = "入力", minutes: float = 4) -> date:  # fmt: skip
    r = city.r
    day = d + timedelta(days=r.randint(*days))
    while day.weekday() >= 5:
        day += timedelta(days=1)
    t = datetime(day.year, day.month, day.day, r.randint(9, 16), r.randint(0, 59))
    dur = timedelta(seconds=int(minutes * 60 * r.uniform(0.6, 1.5)))
    res = r.choice(city.staff[dept][3:]) if role != "システム" else "BATCH"
    city.rows[dept].append(Row(dept, case, A[(dept, key)], t, t + dur, res, role, p, data or {}))
    return day


def income_inquiry(city: City, dept: str, case: str, p: Person, d: date) -> None:
    day = back(city, dept, "income", case, p, d, days=(0, 2), role="照会", minutes=3)
    zcase = city.case(ZEI, "Q")
    back(city, ZEI, "answer", zcase, p, day, {"総所得金額": f"{p.income:,}"}, days=(0, 2),
         role="回答", minutes=5)  # fmt: skip
    # the inquiring department writes the answer into its own copy
    col = {HOKEN: "所得金額", KAIGO: "合計所得金額", SHUGAKU: "保護者の所得額",
           JUTAKU: "申込者所得"}[dept]  # fmt: skip
    if dept == HOKEN:
        back(city, dept, "key", case, p, day, {**record(city, dept, p, day), col: str(p.income)},
             days=(2, 4))  # fmt: skip


# ---- procedures at each counter ------------------------------------------------------------
def shimin_counter(city: City, v: Visit, filer: Person, people: list[Person], what: str,
                   former: str = "") -> None:  # fmt: skip
    case = city.case(SHIMIN, "J")
    v.ticket(SHIMIN, case, filer)
    v.step(SHIMIN, "id", case, filer, 1.5)
    for p in people:
        rec = record(city, SHIMIN, p, v.t.date())
        rec["届出人氏名"] = filer.name
        if what in ("転入", "転居"):
            rec["前住所"] = former or "とうそう市旭町3丁目2番1号"
        v.step(SHIMIN, "form", case, p, 5, rec, role="申請者", wait=0.2)
    v.walk(3, 15)
    for p in people:
        v.step(SHIMIN, "review", case, p, 2.5, role="審査")
    return None


def shimin_record(city: City, v: Visit, people: list[Person]) -> None:
    case = city.rows[SHIMIN][-1].case
    for p in people:
        v.step(SHIMIN, "auth", case, p, 3, record(city, SHIMIN, p, v.t.date()), role="入力")


def inkan(city: City, v: Visit, p: Person) -> None:
    case = city.case(SHIMIN, "J")
    rec = record(city, SHIMIN, p, v.t.date())
    v.step(SHIMIN, "inkan_form", case, p, 3, {k: rec[k] for k in ("氏名", "住所", "生年月日")},
           role="申請者")  # fmt: skip
    v.step(SHIMIN, "inkan_id", case, p, 1.5)
    v.step(SHIMIN, "inkan_card", case, p, 2)


def hoken_counter(city: City, v: Visit, filer: Person, people: list[Person],
                  new: bool, acct: bool) -> None:  # fmt: skip
    r = city.r
    v.walk()
    subject = filer if filer in people else people[0]  # the system keys the case by an insured
    case = city.case(HOKEN, "K25-")
    v.ticket(HOKEN, case, subject)
    v.step(HOKEN, "id", case, subject, 1.8)
    if r.random() < 0.85:
        v.step(HOKEN, "num", case, subject, 1.2)
    for p in people:
        v.step(HOKEN, "form", case, p, 6, record(city, HOKEN, p, v.t.date()), role="窓口")
    if r.random() < 0.7:
        v.step(HOKEN, "juki", case, subject, 2)
    if acct:
        rec = {"被保険者氏名": subject.name, "振替口座": acct_text(HOKEN, subject.account)}
        v.step(HOKEN, "acct", case, subject, 4, rec)
    if new:
        v.step(HOKEN, "card", case, subject, 2)
    if r.random() < 0.5:
        v.step(HOKEN, "guide", case, subject, 2)
    d = v.t.date()
    for p in people:
        back(city, HOKEN, "key", case, p, d, record(city, HOKEN, p, d))
    if new and r.random() < 0.8:
        income_inquiry(city, HOKEN, case, subject, d)


def kodomo_counter(city: City, v: Visit, parent: Person, kids: list[Person], new: bool) -> None:
    r = city.r
    v.walk()
    case = city.case(KODOMO, "C")
    v.ticket(KODOMO, case, parent)
    v.step(KODOMO, "id", case, parent, 1.5)
    if new:
        v.step(KODOMO, "num", case, parent, 1.5)
    for kid in kids:
        rec = record(city, KODOMO, parent, v.t.date())
        rec.update({"児童氏名": kid.name, "児童生年月日": kid.birth.isoformat()})
        v.step(KODOMO, "form", case, parent, 7, rec, role="申請者")
    v.step(KODOMO, "juki", case, parent, 2)
    if new or r.random() < 0.3:
        v.step(KODOMO, "acct", case, parent, 3,
               {"請求者氏名": parent.name, "振込口座": acct_text(KODOMO, parent.account2 or parent.account)})  # fmt: skip
    v.step(KODOMO, "card", case, parent, 2)
    if r.random() < 0.6:
        v.step(KODOMO, "guide", case, parent, 1.5)
    d = v.t.date()
    rec = record(city, KODOMO, parent, d)
    back(city, KODOMO, "key", case, parent, d, rec, days=(1, 6))


def kaigo_counter(city: City, v: Visit, filer: Person, p: Person, what: str) -> str:
    r = city.r
    v.walk()
    case = city.case(KAIGO, "KG")
    v.ticket(KAIGO, case, p)
    v.step(KAIGO, "id", case, p, 2)
    if what != "死亡":
        v.step(KAIGO, "num", case, p, 1.5)
    v.step(KAIGO, "form", case, p, 8, record(city, KAIGO, p, v.t.date()), role="申請者")
    v.step(KAIGO, "juki", case, p, 2.5)
    if what == "転入" and r.random() < 0.5:
        rec = {"被保険者氏名": p.name, "口座情報": acct_text(KAIGO, p.account)}
        v.step(KAIGO, "acct", case, p, 3.5, rec)
    if r.random() < 0.5:
        v.step(KAIGO, "guide", case, p, 2)
    back(city, KAIGO, "key", case, p, v.t.date(), record(city, KAIGO, p, v.t.date()))
    return case


def shugaku_counter(city: City, v: Visit, parent: Person, kids: list[Person]) -> None:
    v.walk(10, 20)  # the board of education is in another building
    for kid in kids:
        case = city.case(SHUGAKU, "G")
        v.step(SHUGAKU, "id", case, kid, 2, role="窓口", wait=city.r.uniform(1, 8))
        rec = record(city, SHUGAKU, kid, v.t.date())
        rec["前在籍校"] = "とうそう市立旭小学校"
        v.step(SHUGAKU, "form", case, kid, 5, rec, role="申請者")
        v.step(SHUGAKU, "juki", case, kid, 2)
        v.step(SHUGAKU, "card", case, kid, 3, {"就学校": "はやせ市立早瀬小学校"})
        back(city, SHUGAKU, "key", case, kid, v.t.date(), record(city, SHUGAKU, kid, v.t.date()))


def suido_open(city: City, hh: Household, d: date, close: bool = False) -> None:
    r = city.r
    head = hh.head
    t = datetime(d.year, d.month, d.day, r.randint(9, 16), r.randint(0, 59))
    t -= timedelta(days=r.randint(1, 6))
    while t.weekday() >= 5 or t.date() < START:
        t += timedelta(days=1)
    res = r.choice(city.staff[SUIDO][:3])
    rec = record(city, SUIDO, head, d)
    key = "close" if close else "open"
    city.rows[SUIDO].append(Row(SUIDO, hh.water, A[(SUIDO, key)], t, None, res, "", None,
                                {**rec, "使用開始日": "" if close else d.strftime("%Y/%m/%d")}))  # fmt: skip
    if close:
        return
    t2 = t + timedelta(hours=r.randint(1, 5))
    city.rows[SUIDO].append(Row(SUIDO, hh.water, A[(SUIDO, "input")], t2, None,
                                r.choice(city.staff[SUIDO][3:]), "", None, rec))  # fmt: skip
    t3 = datetime(d.year, d.month, d.day, r.randint(9, 11), r.randint(0, 59))
    if r.random() < 0.3:
        city.rows[SUIDO].append(Row(SUIDO, hh.water, A[(SUIDO, "visit")], t3, None,
                                    r.choice(city.staff[SUIDO]), "", None, {}))  # fmt: skip
    if r.random() < 0.45:
        t4 = t3 + timedelta(days=r.randint(3, 20), hours=3)
        rec2 = {"使用者氏名": head.name, "振替口座": acct_text(SUIDO, head.account)}
        city.rows[SUIDO].append(Row(SUIDO, hh.water, A[(SUIDO, "acct")], t4, None,
                                    r.choice(city.staff[SUIDO][:3]), "", None, rec2))  # fmt: skip


def zei_rekey(city: City, people: list[Person], d: date) -> None:
    for p in people:
        if p.age(d) >= 18:
            case = city.case(ZEI, "I")
            back(city, ZEI, "key", case, p, d, record(city, ZEI, p, d), days=(2, 9))


# ---- life events ---------------------------------------------------------------------------
def move_in(city: City, d: date) -> None:
    r = city.r
    hh = city.household(d)
    hh.water = f"W{r.randint(10_000_000, 99_999_999)}"
    city.homes.append(hh)
    head = hh.head
    suido_open(city, hh, d)
    v = Visit(city, d)
    shimin_counter(city, v, head, hh.members, "転入")
    shimin_record(city, v, hh.members)
    if r.random() < 0.35:
        inkan(city, v, head)
    if r.random() < 0.7:
        v.step(SHIMIN, "guide", city.rows[SHIMIN][-1].case, head, 2)
    kok = [p for p in hh.members if p.kokuho or (r.random() < 0.25 and p.age(d) < 75)]
    if kok:
        for p in kok:
            p.kokuho = True
        hoken_counter(city, v, head, kok, new=True, acct=r.random() < 0.6)
    kids = [p for p in hh.members if p.age(d) < 15]
    if kids:
        parent = hh.members[1] if len(hh.members) > 1 and r.random() < 0.6 else head
        kodomo_counter(city, v, parent, kids, new=True)
    for p in hh.members:
        if p.age(d) >= 65:
            kaigo_counter(city, v, head, p, "転入")
    school = [p for p in hh.members if 6 <= p.age(d) <= 14]
    if school:
        shugaku_counter(city, v, head, school)
    if head.dog:
        dog_register(city, head, v.t.date(), v)
    zei_rekey(city, hh.members, d)


def relocate(city: City, d: date) -> None:
    r = city.r
    hh = r.choice([h for h in city.homes if h.members and h.members[0].present_until > d])
    head = hh.head
    suido_open(city, hh, d - timedelta(days=1), close=True)
    former = hh.address.canonical()
    hh.address = city.address()
    hh.water = f"W{r.randint(10_000_000, 99_999_999)}"
    suido_open(city, hh, d)
    v = Visit(city, d)
    shimin_counter(city, v, head, hh.members, "転居", former)
    shimin_record(city, v, hh.members)
    kok = [p for p in hh.members if p.kokuho]
    if kok and r.random() < 0.8:
        hoken_counter(city, v, head, kok, new=False, acct=False)
    kids = [p for p in hh.members if p.age(d) < 15]
    if kids and r.random() < 0.75:
        kodomo_counter(city, v, hh.members[1] if len(hh.members) > 1 else head, kids, new=False)
    for p in hh.members:
        if p.care and r.random() < 0.7:
            kaigo_counter(city, v, head, p, "転居")
    zei_rekey(city, hh.members, d)


def move_out(city: City, d: date) -> None:
    r = city.r
    hh = r.choice([h for h in city.homes if h.members and h.members[0].present_until > d])
    head = hh.head
    suido_open(city, hh, d, close=True)
    v = Visit(city, d)
    shimin_counter(city, v, head, hh.members, "転出")
    shimin_record(city, v, hh.members)
    kok = [p for p in hh.members if p.kokuho]
    if kok:
        hoken_counter(city, v, head, kok, new=False, acct=False)
    for p in hh.members:
        p.present_until = d


def birth(city: City, d: date) -> None:
    r = city.r
    fams = [h for h in city.homes if len(h.members) >= 2 and h.members[1].rel == "妻"
            and 22 <= h.members[1].age(d) <= 44 and h.members[0].present_until > d]  # fmt: skip
    hh = r.choice(fams)
    baby = city.person(hh, "子", 0, r.choice("男女"), hh.head.surname)
    baby.birth = d - timedelta(days=r.randint(3, 13))
    baby.present_from = baby.birth
    v = Visit(city, d)
    shimin_counter(city, v, hh.head, [baby], "出生")
    shimin_record(city, v, [baby])
    if hh.head.kokuho:
        baby.kokuho = True
        hoken_counter(city, v, hh.head, [baby], new=True, acct=False)
    kids = [p for p in hh.members if p.age(d) < 15]
    kodomo_counter(city, v, hh.members[1], kids, new=not any(k is not baby for k in kids))
    if r.random() < 0.8:
        back(city, KODOMO, "visit", city.rows[KODOMO][-1].case, hh.members[1], d,
             days=(20, 60), role="保健師", minutes=60)  # fmt: skip


def death(city: City, d: date) -> None:
    r = city.r
    old = [p for p in city.people if p.age(d) >= 70 and p.present_until > d
           and len(p.hh.members) >= 2 and p.present_from <= d]  # fmt: skip
    p = r.choice(old)
    filer = next(m for m in p.hh.members if m is not p)
    v = Visit(city, d, (9, 13))
    shimin_counter(city, v, filer, [p], "死亡")
    shimin_record(city, v, [p])
    v.step(SHIMIN, "guide", city.rows[SHIMIN][-1].case, filer, 4)
    if p.kokuho:
        hoken_counter(city, v, filer, [p], new=False, acct=False)
    if p.age(d) >= 65:
        kaigo_counter(city, v, filer, p, "死亡")
    v.walk()
    case = city.case(ZEI, "S")
    v.ticket(ZEI, case, p)
    v.step(ZEI, "id", case, p, 1.5)
    rec = record(city, ZEI, p, v.t.date())
    v.step(ZEI, "heir", case, p, 6, {k: rec[k] for k in ("納税義務者氏名", "住所", "ﾌﾘｶﾞﾅ")},
           role="申請者")  # fmt: skip
    p.present_until = d


# ---- routine procedures --------------------------------------------------------------------
def dog_register(city: City, p: Person, d: date, v: Visit | None = None) -> None:
    r = city.r
    v = v or Visit(city, d)
    v.walk()
    if p.dog is None:
        p.dog = (*r.choice(DOGS), d - timedelta(days=r.randint(60, 300)))
    dn, breed, born = p.dog
    case = city.case(KANKYO, "D")
    rec = record(city, KANKYO, p, d)
    rec.update({"犬の名前": dn, "犬種": breed, "犬の生年月日": born.strftime("%Y/%m/%d")})
    v.step(KANKYO, "dog_form", case, p, 4, rec)
    v.step(KANKYO, "dog_card", case, p, 2, {"鑑札番号": f"R7-{r.randint(1, 9999):04d}"})


def routine(city: City) -> list[tuple[date, Callable[[], None]]]:
    """Routine procedures, each to be run on its day (after the residents' earlier moves)."""
    r = city.r
    adults = [p for p in city.people if p.age(START) >= 18]
    tasks: list[tuple[date, Callable[[], None]]] = []

    def at(d: date, fn: Callable[[Person, date], None], p: Person) -> None:
        tasks.append((d, lambda: fn(p, d) if p.present_until > d else None))

    def shinkoku(p: Person, d: date) -> None:  # 住民税申告 (Feb - Mar)
        v = Visit(city, d)
        case = city.case(ZEI, "T")
        v.ticket(ZEI, case, p)
        v.step(ZEI, "id", case, p, 1.5)
        v.step(ZEI, "num", case, p, 1.2)
        v.step(ZEI, "form", case, p, 9, record(city, ZEI, p, d), role="申請者")
        v.step(ZEI, "review", case, p, 5)
        if r.random() < 0.15:
            rec = {"納税義務者氏名": p.name, "振替口座": acct_text(ZEI, p.account)}
            v.step(ZEI, "acct", case, p, 3, rec)

    def shotoku(p: Person, d: date) -> None:  # 所得証明書
        v = Visit(city, d)
        case = city.case(ZEI, "T")
        v.ticket(ZEI, case, p)
        v.step(ZEI, "id", case, p, 1.2)
        v.step(ZEI, "cert", case, p, 2.5)

    def zei_notice(p: Person, d: date) -> None:  # 税額決定通知 (June, batch)
        if p.income > 0:
            back(city, ZEI, "notice", city.case(ZEI, "N"), p, d, record(city, ZEI, p, d),
                 days=(0, 0), role="システム", minutes=0.1)  # fmt: skip

    def kokuho_notice(p: Person, d: date) -> None:  # 国保税 (July, batch)
        if p.kokuho:
            back(city, HOKEN, "notice", city.case(HOKEN, "K25-"), p, d,
                 record(city, HOKEN, p, d), days=(0, 0), role="システム", minutes=0.1)  # fmt: skip

    def juminhyo(p: Person, d: date) -> None:  # 住民票の写し, 印鑑登録
        v = Visit(city, d)
        case = city.case(SHIMIN, "J")
        v.ticket(SHIMIN, case, p)
        v.step(SHIMIN, "id", case, p, 1.2)
        v.step(SHIMIN, "cert", case, p, 3)
        if r.random() < 0.2:
            inkan(city, v, p)

    def nintei(p: Person, d: date) -> None:  # 要介護認定
        v = Visit(city, d)
        filer = next((m for m in p.hh.members if m is not p and m.age(d) >= 18), p)
        case = kaigo_counter(city, v, filer, p, "認定")
        income_inquiry(city, KAIGO, case, p, d)
        day = back(city, KAIGO, "visit", case, p, d, days=(7, 20), role="調査員", minutes=60)
        day = back(city, KAIGO, "board", case, p, day, days=(10, 20), role="審査会", minutes=5)
        back(city, KAIGO, "notice", case, p, day, days=(2, 5), role="システム", minutes=0.1)

    def enjo(kid: Person, d: date) -> None:  # 就学援助 (April and May)
        v = Visit(city, d)
        case = city.case(SHUGAKU, "G")
        v.step(SHUGAKU, "id", case, kid, 2, wait=r.uniform(1, 10))
        v.step(SHUGAKU, "form", case, kid, 6, record(city, SHUGAKU, kid, d), role="申請者")
        income_inquiry(city, SHUGAKU, case, kid, d)
        day = back(city, SHUGAKU, "board", case, kid, d, days=(10, 25), role="審査", minutes=6)
        back(city, SHUGAKU, "notice", case, kid, day, days=(2, 6), role="システム", minutes=0.1)

    def jutaku(p: Person, d: date) -> None:  # 市営住宅 (May and November)
        v = Visit(city, d)
        case = city.case(JUTAKU, "H")
        v.step(JUTAKU, "id", case, p, 1.5, wait=r.uniform(1, 10))
        v.step(JUTAKU, "form", case, p, 10, record(city, JUTAKU, p, d), role="申請者")
        back(city, JUTAKU, "juki", case, p, d, days=(1, 5), minutes=3)
        income_inquiry(city, JUTAKU, case, p, d)
        day = back(city, JUTAKU, "board", case, p, d, days=(20, 40), role="審査", minutes=8)
        if r.random() < 0.4:
            day = back(city, JUTAKU, "notice", case, p, day, days=(5, 10), role="システム",
                       minutes=0.1)  # fmt: skip
            back(city, JUTAKU, "card", case, p, day, days=(10, 25), role="窓口", minutes=15)

    def chusha(p: Person, d: date) -> None:  # 狂犬病予防 集合注射 (April - June)
        v = Visit(city, d, (9, 11))
        case = city.case(KANKYO, "D")
        v.step(KANKYO, "dog_card", case, p, 1.5, {"鑑札番号": f"R7-{r.randint(1, 9999):04d}"})

    def gomi(p: Person, d: date) -> None:  # 粗大ごみ by telephone (委託 call centre)
        v = Visit(city, d)
        case = city.case(KANKYO, "G")
        item = r.choice(["ソファ", "自転車", "たんす", "ベッド", "電子レンジ", "布団"])
        pickup = d + timedelta(days=r.randint(5, 14))
        rec = {**record(city, KANKYO, p, d), "品目": item, "収集予定日": pickup.isoformat()}
        v.step(KANKYO, "gomi", case, p, 4, rec, role="委託")
        back(city, KANKYO, "gomi_done", case, p, pickup, days=(0, 0), role="委託", minutes=5)

    def meigi(p: Person, d: date) -> None:  # 上下水道 名義変更
        t = datetime(d.year, d.month, d.day, r.randint(9, 16), r.randint(0, 59))
        city.rows[SUIDO].append(Row(SUIDO, p.hh.water, A[(SUIDO, "rename")], t, None,
                                    r.choice(city.staff[SUIDO]), "", None,
                                    record(city, SUIDO, p, d)))  # fmt: skip

    for p in r.sample(adults, 700):
        at(city.day(date(2026, 2, 16), date(2026, 3, 16)), shinkoku, p)
    for p in r.sample(adults, 350):
        at(city.day(peak=True), shotoku, p)
    for p in adults:
        at(date(2025, 6, 10), zei_notice, p)
        at(date(2025, 7, 10), kokuho_notice, p)
    for p in r.sample(adults, 500):
        at(city.day(peak=True), juminhyo, p)
    elders = [p for p in city.people if p.age(START) >= 70]
    for p in r.sample(elders, min(220, len(elders))):
        at(city.day(), nintei, p)
    kids = [p for p in city.people if 6 <= p.age(START) <= 14]
    for kid in r.sample(kids, min(140, len(kids))):
        at(city.day(date(2025, 4, 7), date(2025, 5, 23)), enjo, kid)
    for p in r.sample([p for p in adults if 20 <= p.age(START) < 75], 90):
        lo = r.choice([date(2025, 5, 7), date(2025, 11, 4)])
        at(city.day(lo, lo + timedelta(days=18)), jutaku, p)
    for p in r.sample(adults, 60):
        at(city.day(), lambda p, d: dog_register(city, p, d), p)
    for p in [h.head for h in city.homes if h.head.dog]:
        at(city.day(date(2025, 4, 7), date(2025, 6, 20)), chusha, p)
    for p in r.sample(adults, 450):
        at(city.day(), gomi, p)
    for hh in r.sample(city.homes, 40):
        at(city.day(), meigi, hh.head)
    return tasks


# ---- writing -------------------------------------------------------------------------------
def fmt_time(t: datetime, dept: str) -> str:
    if dept == SHIMIN:
        return f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}:{t.second:02d}"
    if dept == HOKEN:
        return t.strftime("%Y-%m-%d %H:%M:%S")
    if dept == KAIGO:
        return f"R{t.year - 2018}.{t.month}.{t.day} {t.hour:02d}:{t.minute:02d}"
    if dept == ZEI:
        return t.strftime("%Y/%m/%d %H:%M")
    if dept == SHUGAKU:
        return f"{t.year}年{t.month}月{t.day}日 {t.hour}時{t.minute}分"
    if dept == JUTAKU:
        return t.strftime("%Y-%m-%dT%H:%M:%S+09:00")
    if dept == KANKYO:
        return f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}"
    return f"{t.year}/{t.month:02d}/{t.day:02d} {t.hour}:{t.minute:02d}"


def key_of(dept: str, p: Person | None) -> str:
    if p is None:
        return ""
    return {SHIMIN: f"{p.pid:07d}", HOKEN: f"A{p.pid:07d}", KODOMO: f"S{p.hh.hid:06d}",
            KAIGO: str(p.pid), ZEI: f"{p.pid:010d}", SHUGAKU: f"{p.pid:07d}",
            JUTAKU: f"A{p.pid:07d}", KANKYO: f"{p.pid:07d}"}.get(dept, "")  # fmt: skip


def write_exports(city: City, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    events = 0
    for dept, (name, encoding, roles, columns) in FILES.items():
        case_h, act_h, time_h, end_h, res_h, role_h, key_h = roles
        header = [case_h, act_h, time_h]
        header += ["処理時刻"] if dept == KODOMO else []
        header += [h for h in (end_h, res_h, role_h, key_h) if h] + columns
        rows = sorted(city.rows[dept], key=lambda w: (w.start, w.case, w.act))
        delimiter = "\t" if name.endswith(".tsv") else ","
        with (out / name).open("w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh, delimiter=delimiter)
            writer.writerow(header)
            for w in rows:
                if dept == KODOMO:
                    line = [w.case, w.act, w.start.strftime("%Y/%m/%d"), w.start.strftime("%H:%M")]
                else:
                    line = [w.case, w.act, fmt_time(w.start, dept)]
                if end_h:
                    line.append(fmt_time(w.end, dept) if w.end else "")
                line.append(w.res)
                if role_h:
                    line.append(w.role)
                if key_h:
                    line.append(key_of(dept, w.person))
                line += [w.data.get(k, "") for k in columns]
                writer.writerow(line)
        events += len(rows)
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


def make(out: Path, seed: int = 20261128, households: int = 1900) -> str:
    city = City(seed, households)
    counts = {move_in: 170, relocate: 230, move_out: 110, birth: 70, death: 75}
    tasks = [(city.day(peak=True), lambda d, e=e: e(city, d)) for e, n in counts.items()
             for _ in range(n)]  # fmt: skip
    tasks += [(d, lambda d, fn=fn: fn()) for d, fn in routine(city)]
    order = sorted(range(len(tasks)), key=lambda i: (tasks[i][0], i))
    for i in order:  # everything in time order, on the residents' state of that day
        tasks[i][1](tasks[i][0])
    events = write_exports(city, out / "city")
    write_truth(out / "truth")
    seen = {w.person.pid for rows in city.rows.values() for w in rows if w.person}
    return (f"はやせ市: {len(city.people)} residents ({len(seen)} in the exports), {events} events, "
            f"{len(FILES)} departments")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--households", type=int, default=1900)
    args = parser.parse_args()
    print(make(args.out, args.seed, args.households))


if __name__ == "__main__":
    main()
