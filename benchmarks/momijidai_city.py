"""もみじ台市: a held-out test town written by an outside reviewer (2026-11-28).

Usage::

    .venv/bin/python benchmarks/momijidai_city.py OUT [--seed 7]

writes ``OUT/city/`` (nine exports + ``procmine.toml``) and ``OUT/truth/`` and prints one summary
line first.  Deterministic for a seed; stdlib + pandas/pyarrow only.  Written without reading
procmine's source, tests, sample generator or the other towns' code.

The town: about 4,000 sampled residents, fiscal year 2025 (2025-04-01 … 2026-03-31), eight core
departments (市民課, 税務課, 保険年金課, 子ども家庭課, 高齢介護課, 障がい福祉課, 保護課, 学校教育課)
and 水道局 outside the core.  The systems come from a vendor whose labels are verb-first or
noun-stacked (受付処理, 資格取得登録, 本人確認実施, 住登外者登録, 宛名照会), with katakana loanwords in
保険年金課 (チケット発券, 本人確認チェック, 口座登録エントリー, 資格ステータス更新) and polite sentences in
子ども家庭課 (「ご本人様の確認書類を拝見します」).

Exports (file → department, format):

* ``juki_rireki.csv``  市民課, CP932, headers 伝票番号 / 処理区分名 / 実施日時 / 操作者 / 個人コード
  (宛名番号 zero-padded to 10 digits), times 「令和7年4月1日 9時05分」, 生年月日 in 和暦.
* ``zeimu_kazei.parquet`` 税務課, Parquet, 宛名番号 as an integer, native timestamps, 生年月日 as an
  integer yyyymmdd.
* ``kokuho_nenkin.xes`` 保険年金課, XES (ISO times with +09:00), 宛名番号 padded to 8 digits as an
  event attribute, カナ in half-width.
* ``kodomo_katei.csv`` 子ども家庭課, UTF-8, polite labels, 宛名番号 padded to 7 digits, start and
  end times ``2025-04-01 09:05:12``, incomes written ``1,630,000円``.
* ``kaigo_export.csv`` 高齢介護課, English headers (CaseNo, Activity, Start, End, Staff, ResidentNo,
  Name …), US times ``04/01/2025 09:05 AM``, key without padding.
* ``fukushi_sogo.csv`` 障がい福祉課 and 保護課 in one file (department column 担当課), times
  ``2025/4/1 9:05``, birth dates ``S55.3.2``.
* ``gakumu.csv`` 学校教育課, date and time of day in two columns (処理日 ``2025.04.01`` + 処理時刻
  ``09:05``), keyed by the guardian's 宛名番号 (10 digits) with the child's name and birth date beside.
* ``suido.csv`` 水道局, its own key (使用者番号 ``W012345``), no 宛名番号; name, kana, supply address
  and phone of the resident.

Truth conventions (fixed before procmine was ever run on this town):

* ``truth/duplicates.csv`` (cluster, department, activity): koyo-city.md §3.6 canonical tasks —
  QUEUE (ticket), ID (identity check of the visitor), NUM (My Number check), FORM (the resident
  writes a form with basic data: every application form written by the resident), ADDR (a check of
  the resident's address / household in the register: 住基照会 / 住民記録照会 / 宛名照会 / 住所確認),
  KEY (manual re-keying of data already in 住基 into the department's ledger), INCOME (a
  department's inquiry about the resident's taxable income), ACCT (taking in / registering a bank
  account), GUIDE (guidance on other departments' procedures).  市民課's 住民記録更新処理 is the
  authoritative update (AUTH), not a member of KEY.  税務課's 課税状況照会回答 is the provider side
  of the income inquiries, not a member of INCOME.  Only activities that occur in the exports are
  listed, under their canonical label (the most frequent one).
* ``truth/negatives.csv`` (group, department, activity): look-alike groups (審査, 通知, 交付, 訪問,
  住所, 照会, 確認, 登録); as in 光陽市's truth, a group may also list members of a duplicate
  cluster, and only pairs of a group that are not in the same cluster are hard negatives.  水道局's
  work (開栓, メーター指針, 給水装置所有者, 使用開始登録, 料金通知) is never duplicated work.
* ``truth/aliases.csv`` (department, alias, activity): other labels of the same activity in one
  department (old system labels, half-width kana, a trailing period, （窓口）).
* ``truth/silos.csv`` (field, department, column, file): every column holding the resident's own
  NAME, KANA, DOB, SEX, ADDR, TEL, BANK, INCOME or MYNUM; each department has one phone column
  (home or mobile, chosen per department and resident: one field TEL); 水道局's 使用者 columns are
  the resident's copies too.  The person-key columns are not listed.
* ``truth/decoys.csv`` (department, column): columns holding another person's or a place's data
  (spouse, child, carer, person liable for support, building owner, employer, facility, school).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd

FY_START = date(2025, 4, 1)
FY_END = date(2026, 3, 31)

# --------------------------------------------------------------------------------------------
# Activity catalogues: key -> (label, cluster or "", performer, median minutes)
# performer: R resident, S staff, M machine, X outside/field, B batch
# --------------------------------------------------------------------------------------------
SHIMIN, ZEIMU, HOKEN, KODOMO = "市民課", "税務課", "保険年金課", "子ども家庭課"
KAIGO, SHOGAI, SEIHO, GAKKO, SUIDO = "高齢介護課", "障がい福祉課", "保護課", "学校教育課", "水道局"

CAT: dict[str, dict[str, tuple[str, str, str, float]]] = {
    SHIMIN: {
        "q": ("呼出票発行", "QUEUE", "M", 0),
        "yoken": ("用件聴取", "", "S", 2),
        "form": ("住民異動届書作成", "FORM", "R", 8),
        "id": ("本人確認実施", "ID", "S", 2),
        "tenshutsu": ("転出証明照合", "", "S", 3),
        "shinsa": ("届書審査処理", "", "S", 4),
        "auth": ("住民記録更新処理", "", "S", 7),
        "cs": ("CS送信処理", "", "B", 1),
        "card": ("個人番号カード継続処理", "", "S", 5),
        "guide": ("関係手続案内", "GUIDE", "S", 4),
        "form_inkan": ("印鑑登録届書作成", "FORM", "R", 3),
        "inkan": ("印鑑登録処理", "", "S", 5),
        "shomei": ("住民票写し発行", "", "S", 4),
        "koseki": ("戸籍届受付処理", "", "S", 6),
        "koseki_shinsa": ("戸籍届審査", "", "S", 10),
    },
    ZEIMU: {
        "q": ("受付票発行", "QUEUE", "M", 0),
        "form_shomei": ("様式記入（証明交付申請）", "FORM", "R", 3),
        "id": ("窓口申請者身元確認", "ID", "S", 2),
        "num": ("個人番号照合", "NUM", "S", 2),
        "atena": ("宛名照会", "ADDR", "S", 2),
        "juutogai": ("住登外者登録", "", "S", 6),
        "key": ("課税宛名住所更新入力", "KEY", "S", 4),
        "shomei": ("所得課税証明発行", "", "S", 4),
        "form_shinkoku": ("申告書記入（住民税）", "FORM", "R", 12),
        "acct": ("口座振替依頼登録", "ACCT", "S", 4),
        "kaito": ("課税状況照会回答", "", "S", 8),
        "tsuchi": ("納税通知書発送", "", "B", 0),
    },
    HOKEN: {
        "q": ("チケット発券", "QUEUE", "M", 0),
        "form": ("届出シート記入", "FORM", "R", 6),
        "id": ("本人確認チェック", "ID", "S", 2),
        "num": ("マイナンバーチェック", "NUM", "S", 2),
        "addr": ("住民記録照会", "ADDR", "S", 3),
        "shaho": ("社保喪失チェック", "", "S", 3),
        "key": ("資格取得登録", "KEY", "S", 5),
        "status": ("資格ステータス更新", "", "S", 3),
        "income": ("所得照会リクエスト", "INCOME", "S", 5),
        "acct": ("口座登録エントリー", "ACCT", "S", 4),
        "hakko": ("資格確認書発行", "", "S", 3),
        "guide": ("他課手続ガイダンス", "GUIDE", "S", 3),
        "tsuchi": ("保険税通知発送", "", "B", 0),
    },
    KODOMO: {
        "q": ("番号札をお渡しします", "QUEUE", "M", 0),
        "form": ("認定請求書をご記入いただきます", "FORM", "R", 10),
        "id": ("ご本人様の確認書類を拝見します", "ID", "S", 2),
        "num": ("個人番号カードで番号を確認させていただきます", "NUM", "S", 3),
        "addr": ("住民登録の内容をお調べします", "ADDR", "S", 3),
        "key": ("受給者情報をシステムに登録いたします", "KEY", "S", 6),
        "acct": ("お振込先の口座を登録いたします", "ACCT", "S", 3),
        "income": ("所得の状況を税務課に問い合わせます", "INCOME", "S", 5),
        "form_iryo": ("医療費助成の申請書をご記入いただきます", "FORM", "R", 5),
        "iryosho": ("医療証をお渡しします", "", "S", 3),
        "guide": ("ほかの課のお手続きをご案内します", "GUIDE", "S", 4),
        "tsuchi": ("認定通知書をお送りします", "", "B", 0),
    },
    KAIGO: {
        "q": ("整理券発行", "QUEUE", "M", 0),
        "id": ("来庁者身元確認", "ID", "S", 2),
        "form": ("資格異動届 様式記入", "FORM", "R", 5),
        "num": ("番号確認（個人番号）", "NUM", "S", 2),
        "addr": ("住所確認（住基）", "ADDR", "S", 2),
        "tokurei": ("住所地特例判定", "", "S", 4),
        "key": ("被保険者台帳入力", "KEY", "S", 4),
        "form_nintei": ("要介護認定申請書 記入", "FORM", "R", 8),
        "iken": ("主治医意見書依頼", "", "S", 5),
        "chosa": ("認定調査訪問", "", "X", 60),
        "shinsakai": ("認定審査会", "", "X", 30),
        "tsuchi": ("認定結果通知発送", "", "B", 0),
        "income": ("保険料段階 課税照会", "INCOME", "S", 8),
        "acct": ("還付口座登録", "ACCT", "S", 3),
        "kofu": ("被保険者証交付", "", "S", 2),
        "soshitsu": ("資格喪失・保険料精算", "", "S", 8),
    },
    SHOGAI: {
        "q": ("受付番号札発行", "QUEUE", "M", 0),
        "id": ("提示書類による本人確認", "ID", "S", 2),
        "num": ("マイナンバー確認", "NUM", "S", 2),
        "form": ("手帳申請書の記入", "FORM", "R", 6),
        "form_henko": ("住所変更届の記入", "FORM", "R", 4),
        "addr": ("住基による住所確認", "ADDR", "S", 2),
        "key": ("手帳台帳への住所入力", "KEY", "S", 3),
        "income": ("自己負担区分の所得照会", "INCOME", "S", 8),
        "acct": ("給付金振込口座の登録", "ACCT", "S", 3),
        "chosa": ("支援区分認定調査（訪問）", "", "X", 60),
        "shinsakai": ("審査会への諮問", "", "X", 30),
        "kofu": ("手帳の交付", "", "S", 4),
        "henkan": ("手帳返還受付", "", "S", 2),
    },
    SEIHO: {
        "mensetsu": ("面接相談", "", "S", 40),
        "id": ("面接時の身元確認", "ID", "S", 2),
        "form": ("保護申請書の記入", "FORM", "R", 20),
        "addr": ("住民記録の照会", "ADDR", "S", 3),
        "homon": ("家庭訪問調査", "", "S", 60),
        "shisan": ("金融機関への資産照会", "", "S", 5),
        "income": ("課税状況の照会", "INCOME", "S", 5),
        "fuyo": ("扶養照会", "", "S", 5),
        "yohi": ("要否判定", "", "S", 30),
        "tsuchi": ("保護決定通知", "", "S", 5),
        "acct": ("保護費受取口座の登録", "ACCT", "S", 3),
        "key": ("ケース台帳登録", "KEY", "S", 10),
    },
    GAKKO: {
        "q": ("発券（学務窓口）", "QUEUE", "M", 0),
        "id": ("保護者の来庁者確認", "ID", "S", 2),
        "form": ("転入学届 記入", "FORM", "R", 5),
        "addr": ("学齢簿と住基の住所照合", "ADDR", "S", 3),
        "key": ("学齢簿エントリー", "KEY", "S", 4),
        "kuiki": ("通学区域チェック", "", "S", 2),
        "kofu": ("転入学通知書発行", "", "S", 2),
        "form_enjo": ("就学援助申請書記入", "FORM", "R", 6),
        "income": ("就学援助 所得確認（課税照会）", "INCOME", "S", 8),
        "acct": ("援助費振込口座登録", "ACCT", "S", 3),
        "tsuchi": ("入学通知書発送", "", "B", 0),
    },
    SUIDO: {
        "kaisen": ("開栓申込受付", "", "S", 5),
        "shoyu": ("給水装置所有者確認", "", "S", 3),
        "touroku": ("使用開始登録", "", "S", 4),
        "genchi": ("給水先住所の現地確認", "", "X", 15),
        "meter": ("メーター指針確認", "", "X", 5),
        "heisen": ("閉栓精算", "", "S", 5),
        "tsuchi": ("水道料金通知発送", "", "B", 0),
    },
}

# other labels of the same activity in one department (share of its events)
ALIASES: dict[str, dict[str, tuple[str, float]]] = {
    SHIMIN: {
        "id": ("本人確認実施（窓口）", 0.12),
        "auth": ("住記更新処理", 0.15),
        "guide": ("関係手続き案内", 0.10),
    },
    ZEIMU: {"id": ("申請者身元確認", 0.15), "acct": ("口座振替依頼登録処理", 0.10)},
    HOKEN: {"id": ("本人確認ﾁｪｯｸ", 0.10), "num": ("ﾏｲﾅﾝﾊﾞｰﾁｪｯｸ", 0.10)},
    KODOMO: {
        "q": ("番号札をお渡しします。", 0.12),
        "id": ("ご本人さまの確認書類を拝見します", 0.12),
    },
    KAIGO: {"id": ("来庁者身元確認(窓口)", 0.10), "key": ("被保険者台帳 入力", 0.10)},
    GAKKO: {"key": ("学齢簿ｴﾝﾄﾘｰ", 0.12)},
}

NEGATIVES: dict[str, list[tuple[str, str]]] = {
    "審査": [
        (SHIMIN, "shinsa"),
        (SHIMIN, "koseki_shinsa"),
        (KAIGO, "shinsakai"),
        (SHOGAI, "shinsakai"),
        (SEIHO, "yohi"),
    ],
    "通知": [
        (ZEIMU, "tsuchi"),
        (HOKEN, "tsuchi"),
        (KODOMO, "tsuchi"),
        (KAIGO, "tsuchi"),
        (SEIHO, "tsuchi"),
        (GAKKO, "tsuchi"),
        (SUIDO, "tsuchi"),
    ],
    "交付": [
        (HOKEN, "hakko"),
        (KODOMO, "iryosho"),
        (KAIGO, "kofu"),
        (SHOGAI, "kofu"),
        (GAKKO, "kofu"),
        (SHIMIN, "shomei"),
        (ZEIMU, "shomei"),
    ],
    "訪問": [(KAIGO, "chosa"), (SHOGAI, "chosa"), (SEIHO, "homon"), (SUIDO, "genchi")],
    "住所": [
        (KAIGO, "tokurei"),
        (SUIDO, "genchi"),
        (GAKKO, "kuiki"),
        (KAIGO, "addr"),
        (HOKEN, "addr"),
        (ZEIMU, "atena"),
        (GAKKO, "addr"),
    ],
    "照会": [
        (ZEIMU, "kaito"),
        (SEIHO, "shisan"),
        (SEIHO, "fuyo"),
        (SEIHO, "income"),
        (HOKEN, "income"),
        (KODOMO, "income"),
    ],
    "確認": [
        (HOKEN, "shaho"),
        (GAKKO, "kuiki"),
        (SUIDO, "meter"),
        (SUIDO, "shoyu"),
        (SHIMIN, "tenshutsu"),
        (HOKEN, "id"),
        (SHIMIN, "id"),
        (GAKKO, "id"),
    ],
    "登録": [
        (SUIDO, "touroku"),
        (SHIMIN, "inkan"),
        (ZEIMU, "juutogai"),
        (SHIMIN, "auth"),
        (HOKEN, "status"),
        (HOKEN, "key"),
        (KODOMO, "key"),
        (KAIGO, "key"),
    ],
}

FILES = {
    SHIMIN: "juki_rireki.csv",
    ZEIMU: "zeimu_kazei.parquet",
    HOKEN: "kokuho_nenkin.xes",
    KODOMO: "kodomo_katei.csv",
    KAIGO: "kaigo_export.csv",
    SHOGAI: "fukushi_sogo.csv",
    SEIHO: "fukushi_sogo.csv",
    GAKKO: "gakumu.csv",
    SUIDO: "suido.csv",
}

# resident-field columns per department (truth/silos.csv) and decoy columns (truth/decoys.csv)
SILO_COLUMNS = {
    SHIMIN: {
        "NAME": "氏名",
        "KANA": "氏名カナ",
        "DOB": "生年月日",
        "SEX": "性別",
        "ADDR": "住所",
        "TEL": "電話番号",
    },
    ZEIMU: {
        "NAME": "氏名",
        "DOB": "生年月日",
        "ADDR": "住所",
        "TEL": "電話番号",
        "BANK": "振替口座",
        "INCOME": "所得金額",
        "MYNUM": "個人番号",
    },
    HOKEN: {
        "NAME": "被保険者氏名",
        "KANA": "被保険者カナ",
        "DOB": "生年月日",
        "SEX": "性別",
        "ADDR": "住所",
        "TEL": "電話",
        "BANK": "口座",
        "INCOME": "前年所得",
        "MYNUM": "個人番号",
    },
    KODOMO: {
        "NAME": "請求者氏名",
        "KANA": "請求者カナ",
        "DOB": "請求者生年月日",
        "ADDR": "住所",
        "TEL": "携帯番号",
        "BANK": "振込口座",
        "INCOME": "所得額",
        "MYNUM": "請求者個人番号",
    },
    KAIGO: {
        "NAME": "Name",
        "KANA": "NameKana",
        "DOB": "BirthDate",
        "SEX": "Gender",
        "ADDR": "Address",
        "TEL": "Phone",
        "BANK": "RefundAccount",
        "INCOME": "TaxableIncome",
        "MYNUM": "MyNumber",
    },
    SHOGAI: {
        "NAME": "氏名",
        "KANA": "フリガナ",
        "DOB": "生年月日",
        "ADDR": "現住所",
        "TEL": "連絡先",
        "BANK": "口座情報",
        "INCOME": "課税所得",
        "MYNUM": "個人番号",
    },
    SEIHO: {
        "NAME": "氏名",
        "KANA": "フリガナ",
        "DOB": "生年月日",
        "ADDR": "現住所",
        "TEL": "連絡先",
        "BANK": "口座情報",
        "INCOME": "課税所得",
        "MYNUM": "個人番号",
    },
    GAKKO: {
        "NAME": "保護者氏名",
        "ADDR": "住所",
        "TEL": "連絡先電話",
        "BANK": "振込口座",
        "INCOME": "世帯所得",
    },
    SUIDO: {"NAME": "使用者氏名", "KANA": "使用者カナ", "ADDR": "給水場所", "TEL": "連絡先"},
}
DECOYS = {
    ZEIMU: ["特別徴収義務者電話", "特別徴収義務者所在地"],
    HOKEN: ["前勤務先電話"],
    KODOMO: ["配偶者氏名", "児童氏名", "児童生年月日", "勤務先電話"],
    KAIGO: ["FacilityAddress", "CaregiverName", "CaregiverPhone"],
    SHOGAI: ["相談支援事業所所在地"],
    SEIHO: ["扶養義務者氏名", "扶養義務者住所"],
    GAKKO: ["児童氏名", "児童生年月日", "前在籍校所在地"],
    SUIDO: ["所有者氏名", "所有者連絡先"],
}

# share of residents in a department whose copy follows a move (転居) / a marriage (氏変更)
ADDR_FOLLOW = {
    ZEIMU: 0.97,
    HOKEN: 0.995,
    KODOMO: 0.985,
    KAIGO: 0.99,
    SHOGAI: 0.6,
    SEIHO: 0.995,
    GAKKO: 0.98,
    SUIDO: 1.0,
}
NAME_FOLLOW = {
    ZEIMU: 0.9,
    HOKEN: 0.95,
    KODOMO: 0.5,
    KAIGO: 0.9,
    SHOGAI: 0.5,
    SEIHO: 0.9,
    GAKKO: 0.4,
    SUIDO: 0.7,
}

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
    ("山口", "ヤマグチ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
    ("山崎", "ヤマザキ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("阿部", "アベ"),
    ("石川", "イシカワ"),
    ("前田", "マエダ"),
    ("藤田", "フジタ"),
    ("小川", "オガワ"),
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
    ("紅林", "クレバヤシ"),
    ("楓山", "カエデヤマ"),
]
MALE = [
    ("翔太", "ショウタ"),
    ("大輔", "ダイスケ"),
    ("健一", "ケンイチ"),
    ("拓也", "タクヤ"),
    ("誠", "マコト"),
    ("浩二", "コウジ"),
    ("悠斗", "ユウト"),
    ("蓮", "レン"),
    ("隆", "タカシ"),
    ("茂", "シゲル"),
    ("勝利", "カツトシ"),
    ("和夫", "カズオ"),
    ("修", "オサム"),
    ("陽翔", "ハルト"),
    ("直樹", "ナオキ"),
    ("正雄", "マサオ"),
]
FEMALE = [
    ("陽子", "ヨウコ"),
    ("美咲", "ミサキ"),
    ("恵子", "ケイコ"),
    ("由美", "ユミ"),
    ("さくら", "サクラ"),
    ("花子", "ハナコ"),
    ("結衣", "ユイ"),
    ("真由美", "マユミ"),
    ("幸子", "サチコ"),
    ("和子", "カズコ"),
    ("千尋", "チヒロ"),
    ("彩", "アヤ"),
    ("紅葉", "モミジ"),
    ("裕子", "ユウコ"),
    ("芽依", "メイ"),
    ("節子", "セツコ"),
]
TOWNS = [
    "もみじ台",
    "楓町",
    "紅葉ヶ丘",
    "中央",
    "北もみじ",
    "南台",
    "錦町",
    "桜木町",
    "旭ヶ丘",
    "川端",
]
KANJI_NUM = "〇一二三四五六七八九"
BANKS = ["もみじ銀行", "楓信用金庫", "ゆうちょ銀行", "東西銀行", "紅葉農協"]
BRANCHES = ["本店", "駅前支店", "楓町支店", "南台支店", "中央支店"]
FW = str.maketrans("0123456789-", "０１２３４５６７８９－")
HW_KANA = str.maketrans(
    {
        "ア": "ｱ",
        "イ": "ｲ",
        "ウ": "ｳ",
        "エ": "ｴ",
        "オ": "ｵ",
        "カ": "ｶ",
        "キ": "ｷ",
        "ク": "ｸ",
        "ケ": "ｹ",
        "コ": "ｺ",
        "サ": "ｻ",
        "シ": "ｼ",
        "ス": "ｽ",
        "セ": "ｾ",
        "ソ": "ｿ",
        "タ": "ﾀ",
        "チ": "ﾁ",
        "ツ": "ﾂ",
        "テ": "ﾃ",
        "ト": "ﾄ",
        "ナ": "ﾅ",
        "ニ": "ﾆ",
        "ヌ": "ﾇ",
        "ネ": "ﾈ",
        "ノ": "ﾉ",
        "ハ": "ﾊ",
        "ヒ": "ﾋ",
        "フ": "ﾌ",
        "ヘ": "ﾍ",
        "ホ": "ﾎ",
        "マ": "ﾏ",
        "ミ": "ﾐ",
        "ム": "ﾑ",
        "メ": "ﾒ",
        "モ": "ﾓ",
        "ヤ": "ﾔ",
        "ユ": "ﾕ",
        "ヨ": "ﾖ",
        "ラ": "ﾗ",
        "リ": "ﾘ",
        "ル": "ﾙ",
        "レ": "ﾚ",
        "ロ": "ﾛ",
        "ワ": "ﾜ",
        "ン": "ﾝ",
        "ャ": "ｬ",
        "ュ": "ｭ",
        "ョ": "ｮ",
        "ッ": "ｯ",
        "ー": "ｰ",
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
        "ヅ": "ﾂﾞ",
        "ヂ": "ﾁﾞ",
        "　": " ",
    }
)


# --------------------------------------------------------------------------------------------
# residents
# --------------------------------------------------------------------------------------------
class Address:
    def __init__(self, town: str, chome: int, ban: int, go: int, kata: str) -> None:
        self.town, self.chome, self.ban, self.go, self.kata = town, chome, ban, go, kata

    def canonical(self) -> str:  # 住基 style
        s = f"もみじ台市{self.town}{KANJI_NUM[self.chome]}丁目{self.ban}番{self.go}号"
        return s + (f"　{self.kata}" if self.kata else "")

    def hyphen(self, kata: bool = True) -> str:
        s = f"{self.town}{self.chome}-{self.ban}-{self.go}"
        return s + (f" {self.kata}" if self.kata and kata else "")

    def fullwidth_chome(self) -> str:
        s = f"もみじ台市{self.town}{self.chome}丁目{self.ban}番{self.go}号".translate(FW)
        return s + (f"　{self.kata}" if self.kata else "")

    def fullwidth_hyphen(self) -> str:
        s = f"もみじ台市{self.town}{self.chome}-{self.ban}-{self.go}".translate(FW)
        return s + (self.kata if self.kata else "")


def new_address(rng: random.Random) -> Address:
    kata = ""
    if rng.random() < 0.3:
        kata = f"{rng.choice(['メゾン楓', 'コーポ紅葉', 'ハイツ錦', 'もみじ台団地', 'グランレジデンス'])}"
        kata += (
            f"{rng.randint(1, 5)}0{rng.randint(1, 9)}号室"
            if rng.random() < 0.5
            else f"{rng.randint(1, 5)}0{rng.randint(1, 9)}"
        )
    return Address(
        rng.choice(TOWNS), rng.randint(1, 6), rng.randint(1, 40), rng.randint(1, 25), kata
    )


class Resident:
    pass


def phone(rng: random.Random, mobile: bool) -> str:
    if mobile:
        return f"0{rng.choice([7, 8, 9])}0-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    return f"0155-{rng.randint(20, 69)}-{rng.randint(1000, 9999)}"


def account(rng: random.Random, kana: str) -> str:
    kind = "普通" if rng.random() < 0.9 else "当座"
    return (
        f"{rng.choice(BANKS)} {rng.choice(BRANCHES)} {kind} {rng.randint(1000000, 9999999)} {kana}"
    )


def make_residents(rng: random.Random, n: int) -> list[Resident]:
    ids = rng.sample(range(1001, 130000), n)
    out = []
    for atena in ids:
        r = Resident()
        r.atena = atena
        r.sex = rng.choice("MF")
        age = min(98, max(18, int(rng.triangular(18, 98, 45))))
        r.age = age
        r.dob = date(2025 - age, rng.randint(1, 12), rng.randint(1, 28))
        r.surname, r.sur_kana = rng.choice(SURNAMES)
        r.given, r.given_kana = rng.choice(MALE if r.sex == "M" else FEMALE)
        r.old_surname = None  # set on marriage
        r.addr = new_address(rng)
        r.old_addr = None
        r.move_day = None
        r.home = phone(rng, False) if rng.random() < 0.55 else ""
        r.mobile = phone(rng, True) if rng.random() < 0.92 or not r.home else ""
        r.acct1 = account(rng, r.sur_kana + " " + r.given_kana)
        r.acct2 = account(rng, r.sur_kana + " " + r.given_kana) if rng.random() < 0.25 else ""
        r.income = 0 if rng.random() < 0.2 else rng.randrange(400_000, 9_000_000, 1000)
        r.mynum = "".join(str(rng.randint(0, 9)) for _ in range(12))
        r.kokuho = age >= 75 or (age >= 65 and rng.random() < 0.6) or rng.random() < 0.15
        r.child = None
        if 25 <= age <= 50 and rng.random() < 0.4:
            cage = rng.randint(0, min(15, age - 20))
            r.child = (
                rng.choice(MALE + FEMALE)[0],
                date(2025 - cage, rng.randint(1, 12), rng.randint(1, 28)),
                cage,
            )
        r.spouse = rng.choice(MALE if r.sex == "F" else FEMALE)[0] if 25 <= age <= 80 else ""
        r.care = age >= 65 and rng.random() < 0.18
        r.disabled = rng.random() < 0.05
        r.welfare = False
        r.employer_tel = f"0155-{rng.randint(70, 99)}-{rng.randint(1000, 9999)}"
        r.dept_pref = {}  # per department: phone kind and account chosen
        r.follow_addr = {d: rng.random() < p for d, p in ADDR_FOLLOW.items()}
        r.follow_name = {d: rng.random() < p for d, p in NAME_FOLLOW.items()}
        r.income_stale = {
            d: rng.random() < 0.02 for d in (HOKEN, KODOMO, KAIGO, SHOGAI, SEIHO, GAKKO)
        }
        r.mynum_missing = {
            d: rng.random() < 0.1 for d in (ZEIMU, HOKEN, KODOMO, KAIGO, SHOGAI, SEIHO)
        }
        out.append(r)
    return out


def cur_name(r: Resident, dept: str, t: datetime) -> str:
    if r.old_surname and (t.date() < r.marry_day or not r.follow_name.get(dept, True)):
        return f"{r.old_surname[0]}　{r.given}"
    return f"{r.surname}　{r.given}"


def cur_kana(r: Resident, dept: str, t: datetime) -> str:
    if r.old_surname and (t.date() < r.marry_day or not r.follow_name.get(dept, True)):
        return f"{r.old_surname[1]} {r.given_kana}"
    return f"{r.sur_kana} {r.given_kana}"


def cur_addr(r: Resident, dept: str, t: datetime) -> Address:
    if r.old_addr is not None and (t.date() < r.move_day or not r.follow_addr.get(dept, True)):
        return r.old_addr
    return r.addr


def pref(rng: random.Random, r: Resident, dept: str) -> tuple[str, str]:
    if dept not in r.dept_pref:
        mobile_first = {
            SHIMIN: 0.2,
            ZEIMU: 0.3,
            HOKEN: 0.7,
            KODOMO: 0.95,
            KAIGO: 0.2,
            SHOGAI: 0.5,
            SEIHO: 0.6,
            GAKKO: 0.9,
            SUIDO: 0.5,
        }[dept]
        tel = r.mobile if (rng.random() < mobile_first and r.mobile) or not r.home else r.home
        acct = r.acct2 if r.acct2 and rng.random() < 0.5 else r.acct1
        r.dept_pref[dept] = (tel, acct)
    return r.dept_pref[dept]


# --------------------------------------------------------------------------------------------
# events
# --------------------------------------------------------------------------------------------
class Log:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.rows: list[dict] = []
        self.case_no: Counter = Counter()
        self.staff = {
            d: [f"{p}{i:02d}" for i in range(1, 7)]
            for d, p in [
                (SHIMIN, "S1"),
                (ZEIMU, "Z2"),
                (HOKEN, "H3"),
                (KODOMO, "K4"),
                (KAIGO, "C5"),
                (SHOGAI, "D6"),
                (SEIHO, "P7"),
                (GAKKO, "E8"),
                (SUIDO, "W9"),
            ]
        }

    def new_case(self, dept: str) -> str:
        self.case_no[dept] += 1
        n = self.case_no[dept]
        return {
            SHIMIN: f"D25-{n:06d}",
            ZEIMU: f"{250000 + n}",
            HOKEN: f"KH2025{n:05d}",
            KODOMO: f"K-25-{n:05d}",
            KAIGO: f"C{n:06d}",
            SHOGAI: f"F25S{n:05d}",
            SEIHO: f"F25P{n:05d}",
            GAKKO: f"G{n:05d}",
            SUIDO: f"S25{n:05d}",
        }[dept]

    def steps(
        self,
        dept: str,
        r: Resident,
        t: datetime,
        keys: list[str],
        case: str | None = None,
        gaps: dict[str, float] | None = None,
    ) -> tuple[str, datetime]:
        """Emit the steps of one counter visit (or back-office chain); return the case and end."""
        rng = self.rng
        case = case or self.new_case(dept)
        clerk = rng.choice(self.staff[dept])
        for k in keys:
            label, _, perf, med = CAT[dept][k]
            if gaps and k in gaps:
                t = t + timedelta(days=gaps[k], minutes=rng.randint(0, 300))
                t = workday(t)
            alias = ALIASES.get(dept, {}).get(k)
            if alias and rng.random() < alias[1]:
                label = alias[0]
            dur = 0.0 if med == 0 else max(0.5, rng.lognormvariate(0, 0.35) * med)
            if perf == "M":
                res = {SHIMIN: "発券機1", KODOMO: "発券機", KAIGO: "KIOSK", GAKKO: "発券機"}.get(
                    dept, "発券機"
                )
                wait = rng.lognormvariate(0, 0.6) * (14 if dept == SHIMIN else 7)
            elif perf == "R":
                res, wait = "", 0.5
            elif perf == "B":
                res, wait = "BATCH", 0
            elif perf == "X":
                res, wait = {KAIGO: "認定調査員", SHOGAI: "相談支援専門員"}.get(dept, "委託業者"), 0
            else:
                res, wait = clerk, rng.uniform(0.3, 2.0)
            end = t + timedelta(minutes=dur)
            self.rows.append(
                {
                    "dept": dept,
                    "case": case,
                    "label": label,
                    "key": k,
                    "start": t,
                    "end": end,
                    "res": res,
                    "r": r,
                }
            )
            t = end + timedelta(minutes=wait)
        return case, t


def workday(t: datetime) -> datetime:
    while t.weekday() >= 5:
        t += timedelta(days=1)
    if t.hour < 8 or (t.hour == 8 and t.minute < 30):
        t = t.replace(hour=8, minute=30 + t.minute % 30)
    if t.hour >= 17:
        t = (t + timedelta(days=1)).replace(hour=9, minute=t.minute)
        return workday(t)
    return t


def visit_time(rng: random.Random, d: date) -> datetime:
    hour = rng.choices(range(8, 17), [3, 13, 16, 13, 9, 12, 12, 10, 8])[0]
    minute = rng.randint(30 if hour == 8 else 0, 59)
    return workday(datetime(d.year, d.month, d.day, hour, minute, rng.randint(0, 59)))


def rand_day(rng: random.Random, peak: bool = False) -> date:
    if peak and rng.random() < 0.3:
        d = rng.choice(
            [date(2025, 4, 1) + timedelta(days=i) for i in range(10)]
            + [date(2026, 3, 18) + timedelta(days=i) for i in range(12)]
        )
    else:
        d = FY_START + timedelta(days=rng.randint(0, (FY_END - FY_START).days - 40))
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return min(d, FY_END)


def walk(rng: random.Random, t: datetime, far: bool = False) -> datetime:
    return t + timedelta(minutes=rng.uniform(8, 15) if far else rng.uniform(1, 5))


def income_inquiry(log: Log, dept: str, r: Resident, case: str, t: datetime) -> None:
    """A department's income inquiry, answered by 税務課 a little later."""
    rng = log.rng
    q = workday(t + timedelta(days=rng.randint(0, 3), hours=rng.randint(0, 3)))
    log.steps(dept, r, q, ["income"], case=case)
    a = workday(q + timedelta(days=rng.randint(0, 2), hours=rng.randint(1, 4)))
    log.steps(ZEIMU, r, a, ["kaito"])


def simulate(rng: random.Random, residents: list[Resident]) -> Log:
    log = Log(rng)
    for r in residents:
        ev = rng.random()
        event = (
            "tennyu"
            if ev < 0.09
            else "tenkyo"
            if ev < 0.15
            else "tenshutsu"
            if ev < 0.19
            else "shussei"
            if ev < 0.205 and r.child is not None and 20 <= r.age <= 45
            else "shibo"
            if ev < 0.23 and r.age >= 70
            else "kon"
            if ev < 0.245 and r.age < 45
            else ""
        )
        if event:
            life_event(log, r, event)
        independent(log, r)
    batches(log, residents)
    return log


def life_event(log: Log, r: Resident, event: str) -> None:
    rng = log.rng
    d = rand_day(rng, peak=event in ("tennyu", "tenkyo", "tenshutsu"))
    t = visit_time(rng, d)
    if event == "tennyu":
        # the resident registers the water supply by phone a few days before
        if rng.random() < 0.5:
            w = visit_time(rng, d - timedelta(days=rng.randint(2, 7)))
            if w.date() >= FY_START:
                keys = ["kaisen"] + (["shoyu"] if r.addr.kata else []) + ["touroku"]
                c, _ = log.steps(SUIDO, r, w, keys)
                keys2 = ["meter"] + (["genchi"] if rng.random() < 0.15 else [])
                log.steps(SUIDO, r, workday(w + timedelta(days=rng.randint(1, 4))), keys2, case=c)
        keys = ["q", "yoken", "form", "id", "tenshutsu", "shinsa", "auth", "cs"]
        keys += ["card"] if rng.random() < 0.75 else []
        keys += ["guide"]
        keys += ["form_inkan", "inkan"] if rng.random() < 0.2 else []
        _, t = log.steps(SHIMIN, r, t, keys)
        counters = []
        if r.kokuho:
            counters.append(HOKEN)
        if r.child is not None and rng.random() < 0.9:
            counters.append(KODOMO)
        if r.care and rng.random() < 0.5:
            counters.append(KAIGO)
        if r.disabled and rng.random() < 0.7:
            counters.append(SHOGAI)
        if r.child is not None and 6 <= r.child[2] <= 15:
            counters.append(GAKKO)
        if rng.random() < 0.3:
            rng.shuffle(counters)
        for dept in counters:
            t = walk(rng, t, far=dept == GAKKO)
            t = tennyu_counter(log, r, dept, t)
        # 税務課 keys the new address from the paper slip a few days later
        log.steps(ZEIMU, r, workday(t + timedelta(days=rng.randint(1, 5))), ["atena", "key"])
    elif event == "tenkyo":
        r.old_addr, r.addr, r.move_day = r.addr, new_address(rng), d
        keys = ["q", "form", "id", "shinsa", "auth"] + (["card"] if rng.random() < 0.75 else [])
        keys += ["guide"]
        _, t = log.steps(SHIMIN, r, t, keys)
        if r.kokuho:
            t = walk(rng, t)
            _, t = log.steps(HOKEN, r, t, ["q", "id", "addr", "key"])
        if r.child is not None:
            t = walk(rng, t)
            _, t = log.steps(KODOMO, r, t, ["q", "id", "addr", "key"])
        if r.disabled:
            if r.follow_addr[SHOGAI]:
                t = walk(rng, t)
                _, t = log.steps(SHOGAI, r, t, ["q", "id", "form_henko", "addr", "key"])
        if r.child is not None and 6 <= r.child[2] <= 15 and rng.random() < 0.5:
            t = walk(rng, t, far=True)
            _, t = log.steps(GAKKO, r, t, ["q", "id", "form", "addr", "key", "kuiki"])
        if r.follow_addr[ZEIMU]:
            log.steps(ZEIMU, r, workday(t + timedelta(days=rng.randint(1, 5))), ["atena", "key"])
        if rng.random() < 0.6:
            log.steps(SUIDO, r, visit_time(rng, d - timedelta(days=rng.randint(1, 5))), ["heisen"])
            log.steps(
                SUIDO,
                r,
                visit_time(rng, d - timedelta(days=rng.randint(1, 5))),
                ["kaisen", "touroku"],
            )
    elif event == "tenshutsu":
        _, t = log.steps(SHIMIN, r, t, ["q", "form", "id", "auth", "guide"])
        if r.kokuho:
            _, t = log.steps(HOKEN, r, walk(rng, t), ["q", "id", "status"])
        if rng.random() < 0.5:
            log.steps(SUIDO, r, visit_time(rng, d + timedelta(days=rng.randint(0, 5))), ["heisen"])
        if r.income > 0:
            log.steps(ZEIMU, r, workday(t + timedelta(days=rng.randint(3, 20))), ["juutogai"])
    elif event == "shussei":
        _, t = log.steps(SHIMIN, r, t, ["q", "koseki", "id", "koseki_shinsa", "auth"])
        t = walk(rng, t)
        keys = ["q", "form", "id", "num", "addr", "key"]
        keys += ["acct"] if rng.random() < 0.5 else []
        keys += ["form_iryo", "iryosho", "guide"]
        c, t = log.steps(KODOMO, r, t, keys)
        log.steps(KODOMO, r, workday(t + timedelta(days=rng.randint(5, 15))), ["tsuchi"], case=c)
        if r.kokuho:
            log.steps(HOKEN, r, walk(rng, t), ["q", "form", "id", "key", "hakko"])
    elif event == "shibo":
        _, t = log.steps(SHIMIN, r, t, ["koseki", "id", "koseki_shinsa", "auth", "guide"])
        later = visit_time(rng, d + timedelta(days=rng.randint(3, 20)))
        if r.kokuho:
            _, later = log.steps(HOKEN, r, later, ["q", "id", "status"])
        if r.care or r.age >= 65:
            _, later = log.steps(KAIGO, r, walk(rng, later), ["q", "id", "soshitsu"])
        if r.disabled:
            _, later = log.steps(SHOGAI, r, walk(rng, later), ["q", "henkan"])
    elif event == "kon":
        if r.sex == "F" or rng.random() < 0.05:
            r.old_surname = (r.surname, r.sur_kana)
            r.surname, r.sur_kana = rng.choice([s for s in SURNAMES if s[0] != r.surname])
            r.marry_day = d
        keys = ["q", "koseki", "id", "koseki_shinsa", "auth"]
        keys += ["form_inkan", "inkan"] if rng.random() < 0.15 else []
        _, t = log.steps(SHIMIN, r, t, keys)
        if r.kokuho and rng.random() < 0.5:
            log.steps(HOKEN, r, walk(rng, t), ["q", "form", "id", "key"])


def tennyu_counter(log: Log, r: Resident, dept: str, t: datetime) -> datetime:
    rng = log.rng
    if dept == HOKEN:
        keys = ["q", "form", "id", "num", "addr"] + (["shaho"] if rng.random() < 0.5 else [])
        keys += ["key", "hakko", "guide"] + (["acct"] if rng.random() < 0.4 else [])
        c, t = log.steps(HOKEN, r, t, keys)
        income_inquiry(log, HOKEN, r, c, t)
    elif dept == KODOMO:
        keys = ["q", "form", "id", "num", "addr", "key", "acct", "form_iryo", "iryosho", "guide"]
        c, t = log.steps(KODOMO, r, t, keys)
        income_inquiry(log, KODOMO, r, c, t)
        log.steps(KODOMO, r, workday(t + timedelta(days=rng.randint(6, 15))), ["tsuchi"], case=c)
    elif dept == KAIGO:
        keys = ["q", "id", "form", "num", "addr"] + (["tokurei"] if rng.random() < 0.3 else [])
        keys += ["key", "kofu"]
        c, t = log.steps(KAIGO, r, t, keys)
        income_inquiry(log, KAIGO, r, c, t)
    elif dept == SHOGAI:
        _, t = log.steps(SHOGAI, r, t, ["q", "id", "num", "form_henko", "addr", "key"])
    elif dept == GAKKO:
        _, t = log.steps(GAKKO, r, t, ["q", "id", "form", "addr", "key", "kuiki", "kofu"])
    return t


def independent(log: Log, r: Resident) -> None:
    """Procedures not tied to a life event."""
    rng = log.rng
    if rng.random() < 0.10:  # certificates at 市民課 / 税務課
        t = visit_time(rng, rand_day(rng))
        if rng.random() < 0.5:
            log.steps(SHIMIN, r, t, ["q", "id", "shomei"])
        else:
            log.steps(ZEIMU, r, t, ["q", "form_shomei", "id", "shomei"])
    if r.income > 0 and rng.random() < 0.07:  # resident-tax return (Feb-Mar)
        d = date(2026, 2, 16) + timedelta(days=rng.randint(0, 28))
        keys = ["q", "form_shinkoku", "id", "num"] + (["acct"] if rng.random() < 0.3 else [])
        log.steps(ZEIMU, r, visit_time(rng, d), keys)
    if r.age >= 65 and r.care and rng.random() < 0.45:  # 要介護認定 application
        t = visit_time(rng, rand_day(rng))
        keys = ["q", "id", "form_nintei", "num", "iken", "chosa", "shinsakai", "tsuchi"]
        gaps = {
            "iken": 1,
            "chosa": rng.randint(9, 12),
            "shinsakai": rng.randint(14, 25),
            "tsuchi": rng.randint(1, 4),
        }
        c, end = log.steps(KAIGO, r, t, keys, gaps=gaps)
        income_inquiry(log, KAIGO, r, c, t + timedelta(days=2))
        if rng.random() < 0.25:
            log.steps(
                KAIGO, r, workday(end + timedelta(days=rng.randint(3, 20))), ["q", "id", "acct"]
            )
    if r.income < 1_500_000 and r.age >= 20 and rng.random() < 0.04:  # 生活保護 application
        r.welfare = True
        t = visit_time(rng, rand_day(rng))
        c, t2 = log.steps(SEIHO, r, t, ["mensetsu", "id", "form", "addr"])
        gaps = {
            "homon": rng.randint(2, 6),
            "shisan": 1,
            "fuyo": 1,
            "yohi": rng.randint(6, 9),
            "tsuchi": 1,
            "acct": 0,
            "key": 0,
        }
        log.steps(
            SEIHO,
            r,
            t2,
            ["homon", "shisan", "fuyo", "yohi", "tsuchi", "acct", "key"],
            case=c,
            gaps=gaps,
        )
        income_inquiry(log, SEIHO, r, c, t2 + timedelta(days=3))
    if r.disabled and rng.random() < 0.35:  # disability card / services
        t = visit_time(rng, rand_day(rng))
        if rng.random() < 0.5:
            c, _ = log.steps(SHOGAI, r, t, ["q", "id", "num", "form", "addr", "key"])
            log.steps(SHOGAI, r, workday(t + timedelta(days=rng.randint(40, 60))), ["kofu"], case=c)
        else:
            c, t2 = log.steps(SHOGAI, r, t, ["q", "id", "num", "form", "acct"])
            income_inquiry(log, SHOGAI, r, c, t2)
            log.steps(
                SHOGAI,
                r,
                t2,
                ["chosa", "shinsakai"],
                case=c,
                gaps={"chosa": rng.randint(10, 20), "shinsakai": rng.randint(15, 30)},
            )
    if (
        r.child is not None
        and 6 <= r.child[2] <= 15
        and r.income < 4_000_000
        and rng.random() < 0.35
    ):  # 就学援助 in April-May
        d = date(2025, 4, 7) + timedelta(days=rng.randint(0, 50))
        c, t2 = log.steps(GAKKO, r, visit_time(rng, d), ["q", "id", "form_enjo"])
        income_inquiry(log, GAKKO, r, c, t2)
        log.steps(GAKKO, r, workday(t2 + timedelta(days=rng.randint(5, 20))), ["acct"], case=c)
    if r.kokuho and rng.random() < 0.06:  # direct debit for the NHI tax
        log.steps(HOKEN, r, visit_time(rng, rand_day(rng)), ["q", "id", "acct"])
    if r.income > 0 and rng.random() < 0.03:
        log.steps(ZEIMU, r, visit_time(rng, rand_day(rng)), ["q", "id", "acct"])


def batches(log: Log, residents: list[Resident]) -> None:
    rng = log.rng
    for r in residents:
        if r.income > 0 and rng.random() < 0.35:
            t = datetime(2025, 6, 10, 2, rng.randint(0, 59), rng.randint(0, 59))
            log.steps(ZEIMU, r, t, ["tsuchi"])
        if r.kokuho and rng.random() < 0.5:
            t = datetime(2025, 7, 14, 1, rng.randint(0, 59), rng.randint(0, 59))
            log.steps(HOKEN, r, t, ["tsuchi"])
        if r.child is not None and r.child[2] == 6:
            t = datetime(2026, 1, 20, 3, rng.randint(0, 59), rng.randint(0, 59))
            log.steps(GAKKO, r, t, ["tsuchi"])
        if rng.random() < 0.08:
            t = datetime(2025, 5 + 2 * rng.randint(0, 3), 25, 4, rng.randint(0, 59))
            log.steps(SUIDO, r, t, ["tsuchi"])


# --------------------------------------------------------------------------------------------
# exports
# --------------------------------------------------------------------------------------------
ERAS = [
    (date(2019, 5, 1), "令和", "R"),
    (date(1989, 1, 8), "平成", "H"),
    (date(1926, 12, 25), "昭和", "S"),
]


def wareki(d: date, short: bool = False) -> str:
    for start, name, letter in ERAS:
        if d >= start:
            y = d.year - start.year + 1
            if short:
                return f"{letter}{y}.{d.month}.{d.day}"
            return f"{name}{'元' if y == 1 else y}年{d.month}月{d.day}日"
    raise ValueError(d)


def yen(v: int) -> str:
    return f"{v:,}円"


def data_for(rng: random.Random, dept: str, r: Resident, t: datetime) -> dict:
    tel, acct = pref(rng, r, dept)
    rng = random.Random(f"{r.atena}-{dept}")  # other persons and places: stable per resident
    a = cur_addr(r, dept, t)
    name, kana = cur_name(r, dept, t), cur_kana(r, dept, t)
    inc = r.income if not r.income_stale.get(dept) else int(r.income * 0.9) // 1000 * 1000
    mynum = "" if r.mynum_missing.get(dept) else r.mynum
    cols = SILO_COLUMNS[dept]
    out: dict = {}
    if dept == SHIMIN:
        out = {
            cols["NAME"]: name,
            cols["KANA"]: kana,
            cols["DOB"]: wareki(r.dob),
            cols["SEX"]: "男" if r.sex == "M" else "女",
            cols["ADDR"]: a.canonical(),
            cols["TEL"]: r.home or r.mobile,
        }
    elif dept == ZEIMU:
        out = {
            cols["NAME"]: name.replace("　", " "),
            cols["DOB"]: int(r.dob.strftime("%Y%m%d")),
            cols["ADDR"]: "もみじ台市" + a.hyphen(),
            cols["TEL"]: tel,
            cols["BANK"]: acct,
            cols["INCOME"]: r.income,
            cols["MYNUM"]: mynum,
            "特別徴収義務者電話": r.employer_tel if r.age < 65 else "",
            "特別徴収義務者所在地": f"もみじ台市中央{rng.randint(1, 5)}-{rng.randint(1, 20)}-1"
            if r.age < 65
            else "",
        }
    elif dept == HOKEN:
        out = {
            cols["NAME"]: name,
            cols["KANA"]: kana.translate(HW_KANA),
            cols["DOB"]: r.dob.isoformat(),
            cols["SEX"]: "1" if r.sex == "M" else "2",
            cols["ADDR"]: a.fullwidth_chome(),
            cols["TEL"]: tel,
            cols["BANK"]: acct,
            cols["INCOME"]: str(inc),
            cols["MYNUM"]: mynum,
            "前勤務先電話": r.employer_tel if r.age < 75 else "",
        }
    elif dept == KODOMO:
        child = r.child or ("", None, 0)
        out = {
            cols["NAME"]: name,
            cols["KANA"]: kana,
            cols["DOB"]: r.dob.strftime("%Y/%m/%d"),
            cols["ADDR"]: a.fullwidth_hyphen(),
            cols["TEL"]: tel,
            cols["BANK"]: acct,
            cols["INCOME"]: yen(inc),
            cols["MYNUM"]: mynum,
            "配偶者氏名": f"{r.surname}　{r.spouse}" if r.spouse else "",
            "児童氏名": f"{r.surname}　{child[0]}" if child[0] else "",
            "児童生年月日": child[1].strftime("%Y/%m/%d") if child[1] else "",
            "勤務先電話": r.employer_tel,
        }
    elif dept == KAIGO:
        out = {
            cols["NAME"]: name,
            cols["KANA"]: kana,
            cols["DOB"]: r.dob.isoformat(),
            cols["SEX"]: r.sex,
            cols["ADDR"]: a.hyphen(),
            cols["TEL"]: tel,
            cols["BANK"]: acct,
            cols["INCOME"]: inc,
            cols["MYNUM"]: mynum,
            "FacilityAddress": (
                f"もみじ台市{rng.choice(TOWNS)}{rng.randint(1, 6)}-"
                f"{rng.randint(1, 30)}-1 特別養護老人ホーム楓の里"
            )
            if rng.random() < 0.3
            else "",
            "CaregiverName": f"{r.surname}　{rng.choice(MALE + FEMALE)[0]}",
            "CaregiverPhone": phone(rng, True),
        }
    elif dept in (SHOGAI, SEIHO):
        out = {
            cols["NAME"]: name,
            cols["KANA"]: kana,
            cols["DOB"]: wareki(r.dob, short=True),
            cols["ADDR"]: a.canonical().replace("もみじ台市", ""),
            cols["TEL"]: tel,
            cols["BANK"]: acct,
            cols["INCOME"]: inc,
            cols["MYNUM"]: mynum,
            "相談支援事業所所在地": (
                f"もみじ台市{rng.choice(TOWNS)}{rng.randint(1, 6)}丁目"
                f"{rng.randint(1, 30)}番{rng.randint(1, 9)}号"
            )
            if dept == SHOGAI
            else "",
            "扶養義務者氏名": f"{rng.choice(SURNAMES)[0]}　{rng.choice(MALE + FEMALE)[0]}"
            if dept == SEIHO
            else "",
            "扶養義務者住所": new_address(rng).canonical() if dept == SEIHO else "",
        }
    elif dept == GAKKO:
        child = r.child or ("", date(2015, 4, 2), 10)
        enjo = r.income < 4_000_000
        out = {
            cols["NAME"]: name,
            cols["ADDR"]: a.canonical(),
            cols["TEL"]: tel,
            cols["BANK"]: acct if enjo else "",
            cols["INCOME"]: inc if enjo else "",
            "児童氏名": f"{cur_name(r, dept, t).split('　')[0]}　{child[0]}",
            "児童生年月日": child[1].strftime("%Y/%m/%d"),
            "前在籍校所在地": f"{rng.choice(['札幌市', '旭川市', '帯広市'])}"
            f"{rng.choice(TOWNS)}{rng.randint(1, 9)}条{rng.randint(1, 9)}丁目",
        }
    elif dept == SUIDO:
        out = {
            cols["NAME"]: name,
            cols["KANA"]: kana.translate(HW_KANA),
            cols["ADDR"]: a.hyphen(),
            cols["TEL"]: tel,
            "所有者氏名": f"{rng.choice(SURNAMES)[0]}　{rng.choice(MALE)[0]}" if a.kata else "",
            "所有者連絡先": phone(rng, False) if a.kata else "",
        }
    return out


def us_time(t: datetime) -> str:
    h = t.hour % 12 or 12
    return (
        f"{t.month:02d}/{t.day:02d}/{t.year} {h:02d}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"
    )


WATER_NO: dict[int, str] = {}


def water_no(r: Resident) -> str:
    """水道局's own customer number, unrelated to the 宛名番号."""
    if r.atena not in WATER_NO:
        WATER_NO[r.atena] = f"W{len(WATER_NO) * 7 + 100003:06d}"
    return WATER_NO[r.atena]


def write_exports(log: Log, city: Path) -> dict[str, int]:
    rng = random.Random(4242)
    by_dept: dict[str, list[dict]] = defaultdict(list)
    for e in sorted(log.rows, key=lambda e: (e["start"], e["case"])):
        by_dept[e["dept"]].append(e)
    counts = {}
    # 市民課: CP932, unusual Japanese headers
    rows = []
    for e in by_dept[SHIMIN]:
        t = e["start"]
        rows.append(
            {
                "伝票番号": e["case"],
                "処理区分名": e["label"],
                "実施日時": f"令和{t.year - 2018}年{t.month}月{t.day}日 {t.hour}時{t.minute:02d}分",
                "操作者": e["res"] or "(申請者)",
                "個人コード": f"{e['r'].atena:010d}",
                **data_for(rng, SHIMIN, e["r"], t),
            }
        )
    pd.DataFrame(rows).to_csv(city / FILES[SHIMIN], index=False, encoding="cp932")
    counts[SHIMIN] = len(rows)
    # 税務課: Parquet
    rows = []
    for e in by_dept[ZEIMU]:
        rows.append(
            {
                "受付番号": e["case"],
                "処理名": e["label"],
                "処理日時": e["start"],
                "担当": e["res"],
                "宛名番号": e["r"].atena,
                **data_for(rng, ZEIMU, e["r"], e["start"]),
            }
        )
    df = pd.DataFrame(rows)
    df["処理日時"] = pd.to_datetime(df["処理日時"])
    df.to_parquet(city / FILES[ZEIMU], index=False)
    counts[ZEIMU] = len(rows)
    # 保険年金課: XES
    traces: dict[str, list[dict]] = defaultdict(list)
    for e in by_dept[HOKEN]:
        traces[e["case"]].append(e)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<log xes.version="1.0" xmlns="http://www.xes-standard.org/">',
        '<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>',
        '<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>',
        '<extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>',
    ]
    for case, evs in traces.items():
        parts.append(f'<trace><string key="concept:name" value="{case}"/>')
        for e in evs:
            ts = e["start"].strftime("%Y-%m-%dT%H:%M:%S.000+09:00")
            attrs = [
                f'<string key="concept:name" value="{escape(e["label"])}"/>',
                f'<date key="time:timestamp" value="{ts}"/>',
                f'<string key="org:resource" value="{escape(e["res"] or "窓口来庁者")}"/>',
                f'<string key="宛名番号" value="{e["r"].atena:08d}"/>',
            ]
            for k, v in data_for(rng, HOKEN, e["r"], e["start"]).items():
                attrs.append(f'<string key="{k}" value="{escape(str(v), {chr(34): "&quot;"})}"/>')
            parts.append("<event>" + "".join(attrs) + "</event>")
        parts.append("</trace>")
    parts.append("</log>")
    (city / FILES[HOKEN]).write_text("\n".join(parts), encoding="utf-8")
    counts[HOKEN] = len(by_dept[HOKEN])
    # 子ども家庭課: UTF-8, polite labels, start + end
    rows = []
    for e in by_dept[KODOMO]:
        rows.append(
            {
                "申請番号": e["case"],
                "手続内容": e["label"],
                "開始日時": e["start"].strftime("%Y-%m-%d %H:%M:%S"),
                "終了日時": e["end"].strftime("%Y-%m-%d %H:%M:%S"),
                "担当者": e["res"],
                "宛名番号": f"{e['r'].atena:07d}",
                **data_for(rng, KODOMO, e["r"], e["start"]),
            }
        )
    pd.DataFrame(rows).to_csv(city / FILES[KODOMO], index=False, encoding="utf-8")
    counts[KODOMO] = len(rows)
    # 高齢介護課: English headers, US times
    rows = []
    for e in by_dept[KAIGO]:
        rows.append(
            {
                "CaseNo": e["case"],
                "Activity": e["label"],
                "Start": us_time(e["start"]),
                "End": us_time(e["end"]),
                "Staff": e["res"],
                "ResidentNo": str(e["r"].atena),
                **data_for(rng, KAIGO, e["r"], e["start"]),
            }
        )
    pd.DataFrame(rows).to_csv(city / FILES[KAIGO], index=False, encoding="utf-8")
    counts[KAIGO] = len(rows)
    # 障がい福祉課 + 保護課 in one file
    rows = []
    for e in sorted(by_dept[SHOGAI] + by_dept[SEIHO], key=lambda e: (e["start"], e["case"])):
        t = e["start"]
        rows.append(
            {
                "ケース番号": e["case"],
                "担当課": e["dept"],
                "処理": e["label"],
                "処理日時": f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}",
                "職員": e["res"],
                "宛名番号": f"{e['r'].atena:08d}",
                **data_for(rng, e["dept"], e["r"], t),
            }
        )
    pd.DataFrame(rows).to_csv(city / FILES[SHOGAI], index=False, encoding="utf-8-sig")
    counts[SHOGAI] = len(by_dept[SHOGAI])
    counts[SEIHO] = len(by_dept[SEIHO])
    # 学校教育課: date and time in two columns, keyed by the guardian
    rows = []
    for e in by_dept[GAKKO]:
        t = e["start"]
        rows.append(
            {
                "受付No": e["case"],
                "事務処理": e["label"],
                "処理日": t.strftime("%Y.%m.%d"),
                "処理時刻": t.strftime("%H:%M"),
                "担当": e["res"],
                "保護者宛名番号": f"{e['r'].atena:010d}",
                **data_for(rng, GAKKO, e["r"], t),
            }
        )
    pd.DataFrame(rows).to_csv(city / FILES[GAKKO], index=False, encoding="utf-8")
    counts[GAKKO] = len(rows)
    # 水道局: own key
    rows = []
    for e in by_dept[SUIDO]:
        t = e["start"]
        rows.append(
            {
                "申込番号": e["case"],
                "業務内容": e["label"],
                "受付日時": f"{t.year}年{t.month}月{t.day}日 {t.hour:02d}:{t.minute:02d}",
                "担当者": e["res"],
                "使用者番号": water_no(e["r"]),
                **data_for(rng, SUIDO, e["r"], t),
            }
        )
    pd.DataFrame(rows).to_csv(city / FILES[SUIDO], index=False, encoding="utf-8")
    counts[SUIDO] = len(rows)
    toml = ["# もみじ台市: each file's department"]
    for dept, fname in FILES.items():
        if dept in (SHOGAI, SEIHO):
            continue
        toml += [f'[files."{fname}"]', f'department = "{dept}"']
    toml += [f'[files."{FILES[SHOGAI]}".columns]', 'department = "担当課"']
    (city / "procmine.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")
    return counts


def write_truth(log: Log, truth: Path) -> dict[str, int]:
    used: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for e in log.rows:
        used[(e["dept"], e["key"])][e["label"]] += 1
    canon = {dk: c.most_common(1)[0][0] for dk, c in used.items()}
    dup = [
        (CAT[d][k][1], d, canon[(d, k)]) for (d, k) in sorted(canon) if CAT[d][k][1] and d != SUIDO
    ]
    dup.sort()
    pd.DataFrame(dup, columns=["cluster", "department", "activity"]).to_csv(
        truth / "duplicates.csv", index=False
    )
    neg = [
        (g, d, canon[(d, k)])
        for g, members in NEGATIVES.items()
        for d, k in members
        if (d, k) in canon
    ]
    pd.DataFrame(neg, columns=["group", "department", "activity"]).to_csv(
        truth / "negatives.csv", index=False
    )
    ali = [
        (d, lab, canon[(d, k)])
        for (d, k), c in sorted(used.items())
        for lab in sorted(c)
        if lab != canon[(d, k)]
    ]
    pd.DataFrame(ali, columns=["department", "alias", "activity"]).to_csv(
        truth / "aliases.csv", index=False
    )
    depts_present = {d for d, _ in canon}
    silos = [
        (f, d, c, FILES[d])
        for d, cols in SILO_COLUMNS.items()
        if d in depts_present
        for f, c in cols.items()
    ]
    pd.DataFrame(silos, columns=["field", "department", "column", "file"]).to_csv(
        truth / "silos.csv", index=False
    )
    decoys = [(d, c) for d, cols in DECOYS.items() if d in depts_present for c in cols]
    pd.DataFrame(decoys, columns=["department", "column"]).to_csv(truth / "decoys.csv", index=False)
    return {
        "duplicates": len(dup),
        "clusters": len({c for c, _, _ in dup}),
        "negatives": len(neg),
        "aliases": len(ali),
        "silo_columns": len(silos),
        "decoys": len(decoys),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--residents", type=int, default=4000)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    residents = make_residents(rng, args.residents)
    log = simulate(rng, residents)
    city, truth = args.out / "city", args.out / "truth"
    for folder in (city, truth):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            if old.is_file():
                old.unlink()
    counts = write_exports(log, city)
    tc = write_truth(log, truth)
    print(
        f"もみじ台市: {args.residents} residents, {len(log.rows)} events in "
        f"{len(counts)} departments ({len(set(FILES.values()))} files); truth: "
        f"{tc['duplicates']} duplicate activities in {tc['clusters']} clusters, "
        f"{tc['negatives']} negatives, {tc['aliases']} aliases, {tc['silo_columns']} silo "
        f"columns, {tc['decoys']} decoys"
    )
    for dept, n in counts.items():
        print(f"  {dept}: {n} events ({FILES[dept]})")


if __name__ == "__main__":
    sys.exit(main())
