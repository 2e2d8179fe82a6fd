"""こはる町 (Koharu-machi): a held-out test town for procmine, written independently.

Design note
-----------
こはる町 moved its core systems to 標準準拠システム on ガバメントクラウド from two different vendors
just before FY 令和7 (2025-04-01 .. 2026-03-31), so its exports look modern and uniform *within* a
vendor and differ *between* vendors.  Two old in-house systems remain.  The two vendors' systems
are not connected to each other yet: a vendor-A clerk who needs a resident's income phones 税務課
(vendor B), and vendor-B clerks re-key what 住民記録 (vendor A) already holds.

======================  =========================  =========================================
file                    department (procmine.toml) shape
======================  =========================  =========================================
jumin_kiroku.csv        住民課                     vendor A: UTF-8 CSV, snake_case headers
kokuho.csv              国民健康保険係             event_id, subject_no (宛名番号, 10 digits),
kaigo.csv               介護保険係                 op_code, op_name (「0410110 窓口本人確認」:
koki_korei.csv          後期高齢者医療係           function ID + terse label), op_started_at /
                                                   op_ended_at (ISO 8601 +09:00), staff_cd,
                                                   channel (counter/online/mail) + data columns
zeimu.parquet           税務課                     vendor B: Parquet, camelCase headers,
kosodate.parquet        子育て支援課               applicationId, personId (宛名番号 padded to
shogai.parquet          障害福祉係                 15 digits), taskName (「ID確認」「申請書OCR読取」),
                                                   startedAt / endedAt (int64 epoch ms),
                                                   operatorId, channel + camelCase data columns
gakumu.csv              教育委員会学務係           legacy: Excel-saved CP932 CSV (CRLF), 和暦
                                                   times (R7.4.7 9:12), half-width katakana
                                                   labels (8 % in full-width: an old terminal),
                                                   keyed by the CHILD (児童番号), guardian's name,
                                                   kana and 和暦 birth date beside
suido.csv               上下水道課                 legacy, outside the core: CP932 CSV with two
                                                   title lines, 処理日 + 処理時刻, own customer
                                                   numbers (お客様番号), 開栓/閉栓 (hard negatives)
======================  =========================  =========================================

Behaviour: about 3,000 sampled residents; life events (転入, 転出 by counter or マイナポータル,
町内転居, 出生, 要介護認定, 高額療養費, 障害福祉サービス, 住民税申告 by counter or eLTAX,
就学援助, 保育申込, 口座振替, 住民票) lead residents through several counters on one day with waits
between them, with back-office steps days later (OCR, 入力, 審査, 通知), some rework (差戻し and
再入力).  Online applications have no identity check; the resident typing the form online is
still the resident writing the same data (FORM).  Mail applications have no FORM event.

Truth conventions (OUT/truth/):
* duplicates.csv clusters: ID (identity checks), FORM (resident writes basic data, on paper or
  online), ADDR (住基 re-check by a clerk), KEY (re-keying 4情報 already in 住基), INCOME (income
  inquiries, both automatic 情報連携 and a clerk's phone call to 税務), ACCT (bank account
  registration), GUIDE (guidance to other counters).  Activities are the labels as exported
  (vendor A with the function ID, 学務係 in half-width katakana).
* The OCR reading of a paper form followed by a clerk keying the same form (税務課, 子育て支援課,
  障害福祉係) is a duplicate WITHIN one department; the truth format holds cross-department
  clusters only, so OCR steps appear in no truth file (unscored).
* negatives.csv: 交付 of different documents (国保 and 後期 both 「資格確認書交付」), 審査 by
  different bodies, 通知 of different decisions, 訪問 by different professions (incl. the water
  bureau's 開栓作業), 資格取得 of different insurances, 開栓/閉栓 vs 転入/転出 on the same visit,
  税務課 answering an income inquiry vs the departments asking it, 精算 vs 賦課計算.
* aliases.csv: labels without function ID (rows taken in from the 電子申請 intake), full-width
  brackets (rows migrated in April), full-width katakana in 学務係.
* silos.csv: NAME, KANA, DOB, ADDR, KATA, TEL, BANK (every account column, incl. holder kana
  and 学務係's bank name), INCOME, MYNUM.  decoys.csv: child's, guardian-contact's, employer's,
  caregiver's, owner's names/phones, facility/provider/employer addresses, 前住所, 世帯主.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

FY0 = dt.date(2025, 4, 1)
FY1 = dt.date(2026, 3, 31)
UTC_OFF = dt.timedelta(hours=9)
EPOCH = dt.datetime(1970, 1, 1)

# ----------------------------------------------------------------------------- departments
DEPTS = {  # key: (file, department name, vendor)
    "jumin": ("jumin_kiroku.csv", "住民課", "A"),
    "kokuho": ("kokuho.csv", "国民健康保険係", "A"),
    "kaigo": ("kaigo.csv", "介護保険係", "A"),
    "koki": ("koki_korei.csv", "後期高齢者医療係", "A"),
    "zeimu": ("zeimu.parquet", "税務課", "B"),
    "kosodate": ("kosodate.parquet", "子育て支援課", "B"),
    "shogai": ("shogai.parquet", "障害福祉係", "B"),
    "gakumu": ("gakumu.csv", "教育委員会学務係", "L"),
    "suido": ("suido.csv", "上下水道課", "L"),
}

# Activities: key -> (label, mean minutes, truth cluster or None).  Keys starting "form" are the
# resident's own steps (no clerk), "sys_" steps are automatic (SYSTEM / batch); the rest are staff.
ACTS = {
    "jumin": {
        "form": ("0010201 届出書記入", 7, "FORM"),
        "form_web": ("0010202 電子届出入力(本人)", 9, "FORM"),
        "form_cert": ("0010205 交付申請書記入", 3, "FORM"),
        "id": ("0010211 届出人本人確認", 3, "ID"),
        "in": ("0010301 転入届受付", 6, None),
        "out": ("0010303 転出届受付", 5, None),
        "move": ("0010302 転居届受付", 5, None),
        "birth": ("0010304 出生届受付", 6, None),
        "check": ("0010310 異動届審査", 5, None),
        "record": ("0010320 住民票記載", 8, None),
        "mynacard": ("0010330 個人番号カード継続利用処理", 6, None),
        "guide": ("0010340 他課手続案内", 4, "GUIDE"),
        "cert": ("0010401 住民票写し交付", 4, None),
        "outcert": ("0010402 転出証明書交付", 3, None),
    },
    "kokuho": {
        "form": ("0410101 届書記入", 6, "FORM"),
        "form_web": ("0410102 電子申請入力(本人)", 8, "FORM"),
        "id": ("0410110 窓口本人確認", 3, "ID"),
        "addr": ("0410120 住基情報照会", 3, "ADDR"),
        "get_rcv": ("0410201 資格取得届受付", 5, None),
        "get": ("0410210 資格取得処理", 6, None),
        "lose_rcv": ("0410202 資格喪失届受付", 4, None),
        "lose": ("0410211 資格喪失処理", 4, None),
        "sys_inc": ("0410220 所得照会(情報連携)", 1, "INCOME"),
        "inc_tel": ("0410221 所得照会(税務課電話)", 6, "INCOME"),
        "levy": ("0410230 国保税賦課計算", 3, None),
        "acct": ("0410240 口座振替依頼受付", 5, "ACCT"),
        "card": ("0410250 資格確認書交付", 3, None),
        "guide": ("0410260 関連手続案内", 4, "GUIDE"),
        "notice": ("0410270 納入通知書発送", 2, None),
    },
    "kaigo": {
        "form": ("0610101 申請書記入", 8, "FORM"),
        "id": ("0610110 本人確認(窓口)", 3, "ID"),
        "addr": ("0610120 住民情報照会", 3, "ADDR"),
        "apply": ("0610201 要介護認定申請受付", 7, None),
        "visit": ("0610210 認定調査(訪問)", 60, None),
        "doctor": ("0610220 主治医意見書依頼", 5, None),
        "board": ("0610230 介護認定審査会", 15, None),
        "result": ("0610240 認定結果通知", 3, None),
        "card": ("0610250 被保険者証交付", 3, None),
        "inc_tel": ("0610260 所得段階照会(税務課電話)", 7, "INCOME"),
        "acct": ("0610270 高額介護サービス費口座登録", 6, "ACCT"),
        "guide": ("0610280 関係窓口案内", 4, "GUIDE"),
        "sys_get": ("0610300 第1号資格取得処理", 1, None),
    },
    "koki": {
        "form": ("0510101 申請書記入", 7, "FORM"),
        "id": ("0510110 本人確認", 3, "ID"),
        "addr": ("0510120 住基照会", 3, "ADDR"),
        "get_rcv": ("0510201 資格取得届受付", 5, None),
        "get": ("0510205 資格取得処理", 5, None),
        "key": ("0510210 広域連合システム転記入力", 9, "KEY"),
        "sys_inc": ("0510220 所得照会(情報連携)", 1, "INCOME"),
        "hc_rcv": ("0510301 高額療養費申請受付", 5, None),
        "acct": ("0510230 高額療養費振込口座登録", 5, "ACCT"),
        "card": ("0510240 資格確認書交付", 3, None),
        "notice": ("0510250 保険料決定通知", 2, None),
    },
    "zeimu": {
        "form": ("申告書記入(来庁者)", 12, "FORM"),
        "form_web": ("eLTAX申告入力(本人)", 20, "FORM"),
        "form_acct": ("申請Form記入", 5, "FORM"),
        "id": ("ID確認", 2, "ID"),
        "consult": ("申告相談", 15, None),
        "ocr": ("申告書OCR読取", 1, None),
        "entry": ("申告Data入力", 8, None),
        "sys_import": ("eLTAXデータ取込Batch", 1, None),
        "sys_calc": ("課税計算Batch", 1, None),
        "cert": ("所得証明書発行", 4, None),
        "acct": ("口座振替申込登録", 5, "ACCT"),
        "answer": ("庁内所得照会回答", 5, None),
    },
    "kosodate": {
        "form": ("申請Form記入", 8, "FORM"),
        "form_web": ("Web申請入力(本人)", 10, "FORM"),
        "id": ("ID確認", 2, "ID"),
        "addr": ("住基Check", 3, "ADDR"),
        "ja_rcv": ("児童手当 認定請求受付", 5, None),
        "hoiku_rcv": ("保育利用申込受付", 8, None),
        "end_rcv": ("受給事由消滅届受付", 4, None),
        "ocr": ("申請書OCR読取", 1, None),
        "key": ("申請Data入力", 7, "KEY"),
        "sys_inc": ("所得照会(情報連携)", 1, "INCOME"),
        "inc_tel": ("所得照会(TEL税務)", 6, "INCOME"),
        "acct": ("受取口座登録", 4, "ACCT"),
        "judge": ("認定Check", 6, None),
        "adjust": ("利用調整", 10, None),
        "notice": ("認定通知発送", 2, None),
        "guide": ("手続Guide", 4, "GUIDE"),
    },
    "shogai": {
        "form": ("申請Form記入", 9, "FORM"),
        "id": ("ID確認", 2, "ID"),
        "addr": ("住基Check", 3, "ADDR"),
        "svc_rcv": ("給付申請受付", 8, None),
        "techo_rcv": ("手帳 居住地変更受付", 5, None),
        "ocr": ("申請書OCR読取", 1, None),
        "key": ("宛名Data手入力", 8, "KEY"),
        "sys_inc": ("所得照会(情報連携)", 1, "INCOME"),
        "inc_tel": ("所得照会(TEL税務)", 6, "INCOME"),
        "visit": ("区分認定調査Visit", 70, None),
        "board": ("市町村審査会", 15, None),
        "cert": ("受給者証発行", 4, None),
        "notice": ("支給決定通知発送", 2, None),
        "acct": ("受取口座登録", 4, "ACCT"),
    },
    "gakumu": {  # written full-width here, exported in half-width katakana
        "form": ("シンセイショ キニュウ", 8, "FORM"),
        "id": ("ホゴシャ カクニン", 3, "ID"),
        "addr": ("ジュウキ ショウカイ", 4, "ADDR"),
        "key": ("ガクレイボ ニュウリョク", 8, "KEY"),
        "tennyu": ("テンニュウガク ウケツケ", 5, None),
        "tennyu_doc": ("テンニュウガク ツウチショ コウフ", 3, None),
        "tenshutsu": ("テンシュツガク ショウメイ コウフ", 4, None),
        "enjo_rcv": ("シュウガクエンジョ ウケツケ", 5, None),
        "inc_tel": ("ショトク ショウカイ", 8, "INCOME"),
        "acct": ("フリコミコウザ トウロク", 5, "ACCT"),
        "judge": ("シュウガクエンジョ シンサ", 10, None),
        "notice": ("ニンテイ ツウチ ハッソウ", 2, None),
    },
    "suido": {
        "open_rcv": ("開栓申込受付", 4, None),
        "open_work": ("開栓作業(現地)", 25, None),
        "close_rcv": ("閉栓申込受付", 4, None),
        "close_work": ("閉栓作業・精算検針", 20, None),
        "settle": ("閉栓精算", 5, None),
        "rename": ("使用者名義変更", 5, None),
    },
}

NEGATIVES = {
    "KOUFU": [
        ("jumin", "cert"),
        ("jumin", "outcert"),
        ("kokuho", "card"),
        ("kaigo", "card"),
        ("koki", "card"),
        ("zeimu", "cert"),
        ("shogai", "cert"),
        ("gakumu", "tennyu_doc"),
        ("gakumu", "tenshutsu"),
    ],
    "SHINSA": [
        ("jumin", "check"),
        ("kaigo", "board"),
        ("shogai", "board"),
        ("gakumu", "judge"),
        ("kosodate", "judge"),
    ],
    "TSUCHI": [
        ("kokuho", "notice"),
        ("kaigo", "result"),
        ("koki", "notice"),
        ("kosodate", "notice"),
        ("shogai", "notice"),
        ("gakumu", "notice"),
    ],
    "HOUMON": [
        ("kaigo", "visit"),
        ("shogai", "visit"),
        ("suido", "open_work"),
        ("suido", "close_work"),
    ],
    "SHIKAKU": [
        ("kokuho", "get"),
        ("koki", "get"),
        ("kaigo", "sys_get"),
        ("kokuho", "get_rcv"),
        ("koki", "get_rcv"),
    ],
    "KAIHEI": [
        ("suido", "open_rcv"),
        ("suido", "close_rcv"),
        ("jumin", "in"),
        ("jumin", "out"),
        ("kokuho", "lose_rcv"),
        ("kosodate", "end_rcv"),
    ],
    "SHOUKAI_OUTOU": [
        ("zeimu", "answer"),
        ("kokuho", "inc_tel"),
        ("kaigo", "inc_tel"),
        ("kosodate", "inc_tel"),
        ("shogai", "inc_tel"),
        ("gakumu", "inc_tel"),
    ],
    "SEISAN": [("suido", "settle"), ("kokuho", "levy"), ("zeimu", "sys_calc")],
    "MEIGI": [("suido", "rename"), ("jumin", "move")],
}

# ----------------------------------------------------------------------------- text helpers
_FW_DIG = str.maketrans("0123456789-", "０１２３４５６７８９－")
_FW_KATA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー　・"
_HW_KATA = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ ･"
_HW = dict(zip(_FW_KATA, _HW_KATA, strict=False))


def fw(x) -> str:
    return str(x).translate(_FW_DIG)


def hw_kana(s: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFD", s):
        if ch == "\u3099":
            out.append("ﾞ")
        elif ch == "\u309a":
            out.append("ﾟ")
        else:
            out.append(_HW.get(ch, ch))
    return "".join(out)


def label(dept: str, key: str) -> str:
    lab = ACTS[dept][key][0]
    return hw_kana(lab) if dept == "gakumu" else lab


KANJI_NUM = "〇一二三四五六七八九"


def wareki(d: dt.date, with_time: dt.datetime | None = None) -> str:
    if d >= dt.date(2019, 5, 1):
        e, y = "R", d.year - 2018
    elif d >= dt.date(1989, 1, 8):
        e, y = "H", d.year - 1988
    else:
        e, y = "S", d.year - 1925
    s = f"{e}{y}.{d.month}.{d.day}"
    if with_time is not None:
        s += f" {with_time.hour}:{with_time.minute:02d}"
    return s


# ----------------------------------------------------------------------------- residents
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
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("山崎", "ヤマザキ"),
    ("清水", "シミズ"),
    ("宮沢", "ミヤザワ"),
    ("小松", "コマツ"),
    ("春日", "カスガ"),
    ("丸山", "マルヤマ"),
    ("北原", "キタハラ"),
    ("百瀬", "モモセ"),
    ("柳沢", "ヤナギサワ"),
    ("藤森", "フジモリ"),
    ("唐沢", "カラサワ"),
    ("小池", "コイケ"),
    ("竹内", "タケウチ"),
    ("上條", "カミジョウ"),
    ("降旗", "フリハタ"),
    ("赤羽", "アカハネ"),
    ("矢島", "ヤジマ"),
    ("牛山", "ウシヤマ"),
    ("武居", "タケイ"),
    ("宮坂", "ミヤサカ"),
    ("小口", "オグチ"),
    ("今井", "イマイ"),
    ("五味", "ゴミ"),
    ("両角", "モロズミ"),
    ("伊東", "イトウ"),
]
GIVEN_M = [
    ("大翔", "ヒロト"),
    ("蓮", "レン"),
    ("悠真", "ユウマ"),
    ("湊", "ミナト"),
    ("健一", "ケンイチ"),
    ("誠", "マコト"),
    ("浩二", "コウジ"),
    ("隆", "タカシ"),
    ("和夫", "カズオ"),
    ("清", "キヨシ"),
    ("勝利", "カツトシ"),
    ("修", "オサム"),
    ("大輔", "ダイスケ"),
    ("翔太", "ショウタ"),
    ("拓也", "タクヤ"),
    ("正雄", "マサオ"),
    ("茂", "シゲル"),
    ("陽向", "ヒナタ"),
    ("悠人", "ユウト"),
    ("晴", "ハル"),
]
GIVEN_F = [
    ("陽葵", "ヒマリ"),
    ("結菜", "ユイナ"),
    ("芽依", "メイ"),
    ("凛", "リン"),
    ("恵子", "ケイコ"),
    ("幸子", "サチコ"),
    ("久美子", "クミコ"),
    ("由美", "ユミ"),
    ("裕子", "ユウコ"),
    ("美穂", "ミホ"),
    ("千尋", "チヒロ"),
    ("綾香", "アヤカ"),
    ("さくら", "サクラ"),
    ("和子", "カズコ"),
    ("節子", "セツコ"),
    ("静香", "シズカ"),
    ("紬", "ツムギ"),
    ("葵", "アオイ"),
    ("千代子", "チヨコ"),
    ("智子", "トモコ"),
]
ITAIJI = {"高": "髙", "崎": "﨑", "辺": "邊", "沢": "澤", "條": "条"}
AREAS = [
    ("桜川", True),
    ("若葉台", True),
    ("小春", True),
    ("東小春", False),
    ("西原", False),
    ("みずほ", True),
    ("梅ヶ丘", True),
    ("上野田", False),
    ("下野田", False),
]
BUILDINGS = [
    "コーポ春風",
    "ハイツ若葉",
    "メゾン桜川",
    "サンハイム小春",
    "グリーンヒル",
    "町営西原団地",
]
BANKS = [
    ("0142", "日和銀行", "ﾋﾖﾘｷﾞﾝｺｳ"),
    ("1390", "こはる信用金庫", "ｺﾊﾙｼﾝｷﾝ"),
    ("3020", "南信州農業協同組合", "ﾐﾅﾐｼﾝｼｭｳﾉｳｷｮｳ"),
    ("9900", "ゆうちょ銀行", "ﾕｳﾁﾖ"),
    ("0005", "三菱UFJ銀行", "ﾐﾂﾋﾞｼUFJ"),
    ("0009", "三井住友銀行", "ﾐﾂｲｽﾐﾄﾓ"),
]
SCHOOLS = [
    ("こはる小学校", "0266-71-2101"),
    ("桜川小学校", "0266-71-3302"),
    ("こはる中学校", "0266-72-1150"),
]
NURSERIES = ["こはる保育園", "わかば保育園", "みずほこども園"]
EMPLOYERS = [
    ("(株)日和精機", "0266-73-1200", "こはる町西原1200"),
    ("こはる町役場", "0266-71-1111", "こはる町小春1-1"),
    ("南信州農協", "0266-74-5000", "日和市中央2-3-1"),
    ("(有)北原建設", "0266-75-2231", "こはる町上野田88"),
    ("日和総合病院", "0266-76-3000", "日和市本町5-10"),
]


def mynum_check(d11: str) -> str:
    s = 0
    for n in range(1, 12):
        p = int(d11[11 - n])
        q = n + 1 if n <= 6 else n - 5
        s += p * q
    r = s % 11
    return d11 + str(0 if r <= 1 else 11 - r)


class Resident:
    __slots__ = (
        "accounts",
        "addr",
        "addr_hist",
        "caregiver",
        "children",
        "disabled",
        "dob",
        "emergency",
        "employer",
        "given",
        "home",
        "income",
        "ins",
        "itaiji",
        "kana_var",
        "mobile",
        "moved_in",
        "mynum",
        "pid",
        "prev_addr",
        "sex",
        "spouse",
        "sur",
        "water_no",
    )


class Town:
    def __init__(self, seed: int, n: int = 3000):
        self.r = random.Random(seed)
        self.n = n
        self.ev = {d: [] for d in DEPTS}  # dept -> list of event tuples
        self.copies = {d: {} for d in DEPTS}  # dept -> pid -> snapshot dict
        self.seq = {d: 0 for d in DEPTS}
        self.case_ch = {}
        self.staff = {
            d: [self._staff_code(d, i) for i in range(self.r.randint(4, 8))] for d in DEPTS
        }
        self.people = self._residents()
        self.by_pid = {p.pid: p for p in self.people}
        self.child_no = 250001

    # ------------------------------------------------------------------ population
    def _staff_code(self, d, i):
        v = DEPTS[d][2]
        if v == "A":
            return f"A{['1', '4', '6', '5'][list(DEPTS).index(d)]}{i + 11:03d}"
        if v == "B":
            return f"op-{list(DEPTS).index(d)}{i + 21:03d}"
        return ["田村", "宮下", "堀内", "原", "有賀", "守屋", "花岡", "平林"][i]

    def _address(self):
        r = self.r
        area, chome = r.choice(AREAS)
        c = r.randint(1, 4) if chome else 0
        bldg = (
            f"{r.choice(BUILDINGS)}{r.randint(1, 3)}0{r.randint(1, 6)}" if r.random() < 0.3 else ""
        )
        return (area, c, r.randint(1, 45), r.randint(1, 20), bldg)

    def _name(self, sex):
        return self.r.choice(SURNAMES), self.r.choice(GIVEN_M if sex == "M" else GIVEN_F)

    def _residents(self):
        r = self.r
        out, used = [], set()
        for _ in range(self.n):
            p = Resident()
            while True:
                pid = r.randint(1_000_000, 9_899_999)
                if pid not in used:
                    used.add(pid)
                    break
            p.pid = pid
            p.sex = r.choice("MF")
            p.sur, p.given = self._name(p.sex)
            u = r.random()
            age = (
                r.randint(20, 44)
                if u < 0.45
                else r.randint(45, 64)
                if u < 0.7
                else r.randint(65, 95)
            )
            p.dob = FY0 - dt.timedelta(days=int(age * 365.25) + r.randint(0, 364))
            p.addr = self._address()
            p.prev_addr = self._address() if r.random() < 0.35 else None
            p.addr_hist = []
            p.mobile = (
                f"0{r.choice('789')}0-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
                if r.random() < 0.85
                else ""
            )
            p.home = (
                f"0266-7{r.randint(1, 9)}-{r.randint(1000, 9999)}"
                if r.random() < 0.5 or not p.mobile
                else ""
            )
            p.accounts = []
            for _k in range(1 if r.random() < 0.7 else 2):
                b = r.choice(BANKS)
                p.accounts.append((b, f"{r.randint(1, 150):03d}", f"{r.randint(0, 9999999):07d}"))
            p.income = (
                int(max(0, r.lognormvariate(14.6, 0.7))) // 1000 * 1000
                if age < 70
                else int(r.lognormvariate(13.9, 0.5)) // 1000 * 1000
            )
            if r.random() < 0.12:
                p.income = 0
            p.mynum = mynum_check("".join(str(r.randint(0, 9)) for _ in range(11)))
            p.ins = (
                "koki" if age >= 75 else ("kokuho" if (age >= 60 or r.random() < 0.22) else "shaho")
            )
            p.children = []
            if 24 <= age <= 52 and r.random() < 0.55:
                for _k in range(r.choice([1, 1, 2, 2, 3])):
                    cage = r.randint(0, min(17, age - 22))
                    cs = r.choice("MF")
                    cdob = FY0 - dt.timedelta(days=int(cage * 365.25) + r.randint(0, 364))
                    p.children.append([(p.sur, self._name(cs)[1]), cdob])
            p.disabled = r.random() < (0.12 if age >= 65 else 0.04)
            p.moved_in = False
            p.itaiji = r.random() < 0.015
            p.water_no = 3100000000 + r.randint(1, 99999) * 10 + r.randint(0, 9)
            p.kana_var = r.random() < 0.03
            p.emergency = (
                self._name(r.choice("MF")),
                f"090-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}",
            )
            p.caregiver = (
                self._name(r.choice("MF")),
                f"080-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}",
            )
            p.employer = r.choice(EMPLOYERS)
            p.spouse = (
                (p.sur, self._name("F" if p.sex == "M" else "M")[1]) if r.random() < 0.6 else None
            )
            out.append(p)
        return out

    def age(self, p, d=FY0):
        return (d - p.dob).days // 365

    def addr_at(self, p, t: dt.datetime):
        a = p.addr
        for when, old, new in p.addr_hist:
            if t < when:
                return old
            a = new
        return a

    # ------------------------------------------------------------------ time helpers
    def bizday(self, d: dt.date, ahead: int = 0) -> dt.date:
        while d.weekday() >= 5 or (d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3):
            d += dt.timedelta(days=1)
        for _ in range(ahead):
            d += dt.timedelta(days=1)
            while (
                d.weekday() >= 5 or (d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3)
            ):
                d += dt.timedelta(days=1)
        return d

    def rand_day(self, lo=FY0, hi=FY1, weights=None) -> dt.date:
        span = (hi - lo).days
        return self.bizday(lo + dt.timedelta(days=self.r.randint(0, span)))

    def at(self, d: dt.date, h0=8.5, h1=16.0) -> dt.datetime:
        m = self.r.randint(int(h0 * 60), int(h1 * 60))
        return dt.datetime(d.year, d.month, d.day, m // 60, m % 60, self.r.randint(0, 59))

    def later(self, t: dt.datetime, days_lo=1, days_hi=5) -> dt.datetime:
        d = self.bizday(t.date(), self.r.randint(days_lo, days_hi))
        return self.at(d, 8.75, 17.0)

    def dur(self, mean):
        return dt.timedelta(seconds=max(20, int(self.r.lognormvariate(np.log(mean * 60), 0.35))))

    # ------------------------------------------------------------------ events
    def new_case(self, d):
        self.seq[d] += 1
        n = self.seq[d]
        if d in ("jumin", "kokuho", "kaigo", "koki"):
            return f"EV{['001', '041', '061', '051'][['jumin', 'kokuho', 'kaigo', 'koki'].index(d)]}-2025-{n:06d}"
        if d in ("zeimu", "kosodate", "shogai"):
            return f"{ {'zeimu': 'TX', 'kosodate': 'KS', 'shogai': 'SG'}[d] }25-{n:06d}"
        if d == "gakumu":
            return f"R7-{n:04d}"
        return str(70000 + n)

    def step(self, d, case, p, key, t, channel=None, clerk=None, extra=None):
        """Append one event; returns the end time.  A step without a channel takes its case's."""
        if channel is None:
            channel = self.case_ch.get((d, case), "counter")
        self.case_ch.setdefault((d, case), channel)
        mean = ACTS[d][key][1]
        du = self.dur(mean)
        if key.startswith("form"):
            staff = None
        elif key.startswith("sys_"):
            staff = "SYSTEM" if DEPTS[d][2] == "A" else "batch"
        else:
            staff = clerk or self.r.choice(self.staff[d])
        self.snapshot(d, p, t)
        self.ev[d].append((case, p.pid, key, t, t + du, staff, channel, extra))
        return t + du

    def steps(self, d, case, p, keys, t, channel=None, clerk=None, extra=None):
        clerk = clerk or self.r.choice(self.staff[d])
        for k in keys:
            if k is None:
                continue
            t = self.step(d, case, p, k, t, channel, clerk, extra) + dt.timedelta(
                seconds=self.r.randint(5, 120)
            )
        return t

    def wait(self, t, lo=4, hi=35):
        return t + dt.timedelta(minutes=self.r.randint(lo, hi), seconds=self.r.randint(0, 59))

    def maybe(self, key, prob):
        return key if self.r.random() < prob else None

    def tel_inquiry(self, d, case, p, t, clerk=None):
        """A clerk phones 税務課 for the resident's income; 税務課 logs its answer."""
        end = self.step(d, case, p, "inc_tel", t, None, clerk)
        tc = self.new_case("zeimu")
        self.step(
            "zeimu", tc, p, "answer", t + dt.timedelta(seconds=self.r.randint(30, 150)), "INTERNAL"
        )
        return end + dt.timedelta(seconds=30)

    # ------------------------------------------------------------------ department copies of resident data
    def snapshot(self, d, p, t, refresh=False):
        if d == "jumin" and p.pid in self.copies[d]:  # the register: always the current address
            self.copies[d][p.pid]["addr"] = self.addr_at(p, t)
            return
        if p.pid in self.copies[d] and not refresh:
            return
        r = self.r
        stale_rate = {
            "jumin": 0,
            "kokuho": 0.01,
            "kaigo": 0.02,
            "koki": 0.01,
            "zeimu": 0.015,
            "kosodate": 0.02,
            "shogai": 0.07,
            "gakumu": 0.03,
            "suido": 0.05,
        }[d]
        a = self.addr_at(p, t)
        if p.prev_addr and r.random() < stale_rate and not refresh:
            a = p.prev_addr
        phones = [x for x in (p.home, p.mobile) if x]
        ph = phones[0] if r.random() < 0.7 else phones[-1]
        if r.random() < 0.04:
            ph = f"0{r.choice('789')}0-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"  # a phone no longer used
        acct = p.accounts[0] if r.random() < 0.75 else p.accounts[-1]
        inc = p.income
        if r.random() < 0.03:
            inc = (
                int(inc * r.uniform(0.8, 1.15)) // 1000 * 1000
            )  # last year's figure / 更正 not propagated
        name_sur = p.sur[0]
        if p.itaiji and d in ("zeimu", "gakumu", "suido", "kaigo"):
            name_sur = "".join(ITAIJI.get(c, c) for c in name_sur)
        kana = p.sur[1] + " " + p.given[1]
        if p.kana_var and d in ("kosodate", "gakumu", "shogai"):
            kana = kana.replace("ヅ", "ズ").replace("ジ", "ヂ", 1).replace("ウ", "ー", 1)
        old = self.copies[d].get(p.pid)
        snap = dict(
            addr=a,
            phone=ph,
            acct=acct,
            income=inc,
            sur=name_sur,
            kana=kana,
            mynum=p.mynum if (r.random() < 0.9 or d == "jumin") else "",
            child=None,
            v=r.random(),
        )
        if d == "jumin":
            snap.update(
                phone=phones[0],
                sur=p.sur[0],
                kana=p.sur[1] + " " + p.given[1],
                addr=self.addr_at(p, t),
            )
        if old and refresh:  # only the address is refreshed on a notified move
            snap = dict(old, addr=a)
        self.copies[d][p.pid] = snap

    # ------------------------------------------------------------------ journeys
    def j_move_in(self, p, day):
        r = self.r
        p.moved_in = True
        ch = p.children
        t = self.at(day, 8.5, 14.5)
        t = self.wait(t, 2, 25)
        c = self.new_case("jumin")
        rework = r.random() < 0.06
        keys = (
            ["form", "id", "in", "check"]
            + (["form", "check"] if rework else [])
            + ["record", self.maybe("mynacard", 0.7), "guide"]
        )
        t = self.steps("jumin", c, p, keys, t)
        if p.ins == "kokuho":
            t = self.wait(t, 3, 30)
            c = self.new_case("kokuho")
            cl = r.choice(self.staff["kokuho"])
            t = self.steps(
                "kokuho",
                c,
                p,
                [
                    "form",
                    "id",
                    "get_rcv",
                    "addr",
                    "get",
                    self.maybe("acct", 0.55),
                    "card",
                    self.maybe("guide", 0.5),
                ],
                t,
                clerk=cl,
            )
            t2 = self.later(t, 2, 6)
            self.step("kokuho", c, p, "sys_inc", t2)
            t3 = self.later(t2, 1, 4)
            self.steps("kokuho", c, p, ["levy", "notice"], t3)
        if p.ins == "koki":
            t = self.wait(t, 3, 25)
            c = self.new_case("koki")
            t = self.steps(
                "koki",
                c,
                p,
                ["form", "id", "get_rcv", "addr", "get", "card", self.maybe("acct", 0.4)],
                t,
            )
            t2 = self.later(t, 1, 3)
            self.steps("koki", c, p, ["key"], t2)
            t3 = self.step("koki", c, p, "sys_inc", self.later(t2, 2, 6))
            self.step("koki", c, p, "notice", self.later(t3, 3, 10), "mail")
        if self.age(p, day) >= 65:
            c = self.new_case("kaigo")
            t2 = self.later(t, 1, 3)
            self.step("kaigo", c, p, "sys_get", t2, "internal")
            self.step("kaigo", c, p, "card", self.later(t2, 1, 4), "mail")
        if ch:
            t = self.wait(t, 3, 20)
            c = self.new_case("kosodate")
            self.set_child(p, ch[0], "kosodate", t)
            t = self.steps(
                "kosodate",
                c,
                p,
                ["form", "id", "addr", "ja_rcv", self.maybe("acct", 0.9), self.maybe("guide", 0.4)],
                t,
                channel="WINDOW",
            )
            self.backoffice_kosodate(c, p, t, moved_in=True)
            school = [k for k in ch if 6 <= (day - k[1]).days // 365 <= 14]
            if school:
                t = self.wait(t, 5, 25)
                c = self.new_case("gakumu")
                self.set_child(p, school[0], "gakumu", t)
                t = self.steps("gakumu", c, p, ["form", "id", "tennyu", "addr", "tennyu_doc"], t)
                self.step("gakumu", c, p, "key", self.later(t, 1, 3))
        if p.disabled and r.random() < 0.8:
            t = self.wait(t, 3, 20)
            c = self.new_case("shogai")
            t = self.steps("shogai", c, p, ["form", "id", "addr", "techo_rcv"], t, channel="WINDOW")
            t2 = self.later(t, 1, 3)
            self.step("shogai", c, p, "ocr", t2)
            self.step("shogai", c, p, "key", t2 + dt.timedelta(minutes=r.randint(10, 90)))
        if r.random() < 0.2:
            t = self.wait(t, 3, 20)
            c = self.new_case("zeimu")
            self.steps("zeimu", c, p, ["id", "form_acct", "acct"], t, channel="WINDOW")
        if r.random() < 0.75:  # water: by phone the days before, or at the counter on the day
            c = self.new_case("suido")
            tw = (
                self.at(self.bizday(max(FY0, day - dt.timedelta(days=r.randint(0, 6)))), 8.5, 16.5)
                if r.random() < 0.6
                else self.wait(t, 2, 10)
            )
            self.step("suido", c, p, "open_rcv", tw, "電話" if tw.date() != day else "窓口")
            self.step("suido", c, p, "open_work", self.later(tw, 1, 3), "現地")

    def set_child(self, p, child, d="kosodate", t=None):
        self.snapshot(d, p, t or dt.datetime(FY0.year, 4, 1, 9))
        self.copies[d][p.pid]["child"] = child

    def backoffice_kosodate(self, c, p, t, moved_in=False, kind="ja"):
        r = self.r
        t2 = self.later(t, 1, 3)
        self.step("kosodate", c, p, "ocr", t2)
        t3 = self.step("kosodate", c, p, "key", t2 + dt.timedelta(minutes=r.randint(5, 120)))
        if r.random() < 0.07:  # 再入力 after an OCR/keying mismatch
            self.step("kosodate", c, p, "key", t3 + dt.timedelta(minutes=r.randint(10, 60)))
        t4 = self.later(t3, 1, 4)
        if moved_in or r.random() < 0.45:
            self.step("kosodate", c, p, "sys_inc", t4)
        else:
            self.tel_inquiry("kosodate", c, p, t4)
        t5 = self.later(t4, 2, 10)
        self.steps("kosodate", c, p, ["judge"] if kind == "ja" else ["adjust", "judge"], t5)
        self.step("kosodate", c, p, "notice", self.later(t5, 1, 5), "POST")

    def j_move_out(self, p, day):
        r = self.r
        online = r.random() < 0.4
        c = self.new_case("jumin")
        if online:
            tw = self.at(day, 6.0, 23.5)
            self.step("jumin", c, p, "form_web", tw, "online")
            t = self.later(tw, 1, 2)
            self.steps("jumin", c, p, ["out", "check", "record"], t, "online")
        else:
            t = self.wait(self.at(day, 8.5, 15.0), 2, 25)
            t = self.steps(
                "jumin",
                c,
                p,
                ["form", "id", "out", "check", "record", "outcert", self.maybe("guide", 0.8)],
                t,
            )
        if p.ins == "kokuho" and not online:
            t = self.wait(t, 3, 25)
            c = self.new_case("kokuho")
            t = self.steps("kokuho", c, p, ["form", "id", "lose_rcv", "lose"], t)
        elif p.ins == "kokuho":  # マイナポータル: 国保 喪失 typed by the resident
            c = self.new_case("kokuho")
            tw = self.at(day, 6.0, 23.0)
            self.step("kokuho", c, p, "form_web", tw, "online")
            self.steps("kokuho", c, p, ["lose_rcv", "lose"], self.later(tw, 1, 3), "online")
        if p.children and not online:
            t = self.wait(t, 3, 20)
            c = self.new_case("kosodate")
            t = self.steps("kosodate", c, p, ["form", "id", "end_rcv"], t, channel="WINDOW")
            school = [k for k in p.children if 6 <= (day - k[1]).days // 365 <= 14]
            if school:
                t = self.wait(t, 5, 20)
                c = self.new_case("gakumu")
                self.set_child(p, school[0], "gakumu", t)
                self.steps("gakumu", c, p, ["id", "tenshutsu"], t)
        if r.random() < 0.8:
            c = self.new_case("suido")
            tw = (
                self.at(self.bizday(max(FY0, day - dt.timedelta(days=r.randint(0, 5)))), 8.5, 16.5)
                if r.random() < 0.6
                else self.wait(t, 2, 10)
            )
            self.step("suido", c, p, "close_rcv", tw, "電話" if tw.date() != day else "窓口")
            tw2 = self.later(tw, 1, 4)
            self.step("suido", c, p, "close_work", tw2, "現地")
            self.step("suido", c, p, "settle", self.later(tw2, 1, 3), "窓口")

    def j_move_within(self, p, day):
        r = self.r
        old, new = p.addr, self._address()
        when = dt.datetime(day.year, day.month, day.day, 8, 0)
        p.addr_hist.append((when, old, new))
        t = self.wait(self.at(day, 8.5, 15.0), 2, 20)
        c = self.new_case("jumin")
        t = self.steps(
            "jumin", c, p, ["form", "id", "move", "check", "record", self.maybe("guide", 0.7)], t
        )
        # departments the resident visits on the day learn the new address; the others keep the old one
        if p.ins == "kokuho" and r.random() < 0.7:
            t = self.wait(t, 3, 20)
            c = self.new_case("kokuho")
            self.snapshot("kokuho", p, t, refresh=True)
            t = self.steps("kokuho", c, p, ["form", "id", "addr", "card"], t)
        if p.children and r.random() < 0.6:
            t = self.wait(t, 3, 20)
            c = self.new_case("kosodate")
            self.snapshot("kosodate", p, t, refresh=True)
            t = self.steps("kosodate", c, p, ["form", "id", "addr"], t, channel="WINDOW")
            t2 = self.later(t, 1, 3)
            self.step("kosodate", c, p, "key", t2)
        if p.disabled and r.random() < 0.3:
            t = self.wait(t, 3, 20)
            c = self.new_case("shogai")
            self.snapshot("shogai", p, t, refresh=True)
            t = self.steps("shogai", c, p, ["form", "id", "addr", "techo_rcv"], t, channel="WINDOW")
        if r.random() < 0.5:
            c = self.new_case("suido")
            self.step("suido", c, p, "close_rcv", self.wait(t, 2, 10), "窓口")
            c2 = self.new_case("suido")
            self.snapshot("suido", p, t + dt.timedelta(hours=1), refresh=True)
            tw = self.later(t, 1, 3)
            self.step("suido", c, p, "close_work", tw, "現地")
            self.step("suido", c2, p, "open_rcv", tw - dt.timedelta(hours=2), "電話")
            self.step("suido", c2, p, "open_work", tw + dt.timedelta(minutes=40), "現地")
        for d in ("zeimu", "koki", "kaigo", "gakumu"):  # later 庁内 notices refresh some copies
            if r.random() < 0.5:
                self.snapshot(d, p, t + dt.timedelta(days=10), refresh=True)

    def j_birth(self, p, day):
        r = self.r
        child = [
            ((p.sur[0], p.sur[1]), self._name(r.choice("MF"))[1]),
            day - dt.timedelta(days=r.randint(3, 13)),
        ]
        p.children.append(child)
        t = self.wait(self.at(day, 8.5, 15.0), 2, 25)
        c = self.new_case("jumin")
        t = self.steps("jumin", c, p, ["form", "id", "birth", "check", "record", "guide"], t)
        online = r.random() < 0.35
        c = self.new_case("kosodate")
        self.snapshot("kosodate", p, t)
        self.set_child(p, child)
        if online:  # 児童手当 on マイナポータル the same evening
            tw = self.at(day, 18.0, 23.0)
            self.step("kosodate", c, p, "form_web", tw, "MYNAPORTAL")
            t2 = self.later(tw, 1, 2)
            self.steps("kosodate", c, p, ["ja_rcv", "acct"], t2, channel="MYNAPORTAL")
            self.backoffice_kosodate(c, p, t2, moved_in=p.moved_in)
        else:
            t = self.wait(t, 3, 20)
            t = self.steps(
                "kosodate",
                c,
                p,
                ["form", "id", "addr", "ja_rcv", "acct", self.maybe("guide", 0.5)],
                t,
                channel="WINDOW",
            )
            self.backoffice_kosodate(c, p, t, moved_in=p.moved_in)
        if p.ins == "kokuho":
            t = self.wait(t, 3, 20)
            c = self.new_case("kokuho")
            self.steps("kokuho", c, p, ["form", "id", "get_rcv", "addr", "get", "card"], t)

    def j_care(self, p, day):
        r = self.r
        ch = "mail" if r.random() < 0.25 else "counter"
        c = self.new_case("kaigo")
        if ch == "mail":
            t = self.at(day, 9.0, 16.5)
            t = self.steps("kaigo", c, p, ["apply", "addr"], t, "mail")
        else:
            t = self.wait(self.at(day, 8.5, 15.5), 2, 20)
            t = self.steps(
                "kaigo", c, p, ["form", "id", "apply", "addr", self.maybe("guide", 0.35)], t
            )
        if r.random() < 0.5:
            self.tel_inquiry("kaigo", c, p, self.later(t, 1, 3))
        t2 = self.later(t, 1, 3)
        self.step("kaigo", c, p, "doctor", t2)
        t3 = self.later(t2, 7, 15)
        self.step("kaigo", c, p, "visit", t3.replace(hour=min(t3.hour, 15)))
        t4 = self.later(t3, 15, 25)
        self.step("kaigo", c, p, "board", t4.replace(hour=14, minute=r.randint(0, 50)))
        t5 = self.later(t4, 1, 3)
        self.step("kaigo", c, p, "result", t5, "mail")
        self.step("kaigo", c, p, "card", t5 + dt.timedelta(minutes=r.randint(2, 30)), "mail")
        if r.random() < 0.3:  # 高額介護サービス費: a later visit to register an account
            tv = self.wait(self.at(self.bizday(t5.date(), r.randint(20, 60)), 9, 15.5), 2, 15)
            c2 = self.new_case("kaigo")
            self.steps("kaigo", c2, p, ["form", "id", "acct"], tv)
            if p.ins == "koki" and r.random() < 0.5:  # and the same day at 後期高齢 for 高額療養費
                tv = self.wait(tv + dt.timedelta(minutes=15), 3, 15)
                c3 = self.new_case("koki")
                self.steps("koki", c3, p, ["form", "id", "hc_rcv", "acct"], tv)

    def j_highcost(self, p, day):
        c = self.new_case("koki")
        if self.r.random() < 0.3:
            t = self.at(day, 9, 16.5)
            self.steps("koki", c, p, ["hc_rcv", "acct"], t, "mail")
        else:
            t = self.wait(self.at(day, 8.5, 15.5), 2, 20)
            self.steps("koki", c, p, ["form", "id", "hc_rcv", "addr", self.maybe("acct", 0.8)], t)

    def j_disability(self, p, day):
        r = self.r
        c = self.new_case("shogai")
        mail = r.random() < 0.2
        if mail:
            t = self.at(day, 9, 16.5)
            t = self.steps("shogai", c, p, ["svc_rcv"], t, "POST")
        else:
            t = self.wait(self.at(day, 8.5, 15.5), 2, 20)
            t = self.steps(
                "shogai",
                c,
                p,
                ["form", "id", "addr", "svc_rcv", self.maybe("acct", 0.4)],
                t,
                channel="WINDOW",
            )
        t2 = self.later(t, 1, 3)
        self.step("shogai", c, p, "ocr", t2)
        if r.random() < 0.6:
            self.step("shogai", c, p, "key", t2 + dt.timedelta(minutes=r.randint(5, 120)))
        t3 = self.later(t2, 1, 4)
        if r.random() < 0.4:
            self.step("shogai", c, p, "sys_inc", t3)
        else:
            self.tel_inquiry("shogai", c, p, t3)
        t4 = self.later(t3, 5, 15)
        self.step("shogai", c, p, "visit", t4.replace(hour=min(t4.hour, 15)))
        t5 = self.later(t4, 10, 25)
        self.step("shogai", c, p, "board", t5.replace(hour=14, minute=r.randint(0, 50)))
        t6 = self.later(t5, 1, 4)
        self.steps("shogai", c, p, ["cert", "notice"], t6, "POST")
        if (
            p.ins == "kokuho" and not mail and r.random() < 0.3
        ):  # the same day: 国保 口座振替 next door
            tv = self.wait(t, 3, 15)
            c2 = self.new_case("kokuho")
            self.steps("kokuho", c2, p, ["form", "id", "acct"], tv)

    def j_tax(self, p, day):
        r = self.r
        c = self.new_case("zeimu")
        if r.random() < 0.35:
            tw = self.at(day, 7.0, 23.5)
            self.step("zeimu", c, p, "form_web", tw, "ELTAX")
            tw = self.step("zeimu", c, p, "sys_import", self.later(tw, 1, 2), "ELTAX")
        else:
            t = self.wait(self.at(day, 8.5, 15.5), 5, 60)  # 申告相談会場: long waits in March
            t = self.steps("zeimu", c, p, ["id", "form", "consult"], t, channel="WINDOW")
            if r.random() < 0.2:
                t = self.steps("zeimu", c, p, ["cert"], t, channel="WINDOW")
            t2 = self.later(t, 2, 8)
            self.step("zeimu", c, p, "ocr", t2)
            t3 = self.step("zeimu", c, p, "entry", t2 + dt.timedelta(minutes=r.randint(5, 200)))
            if r.random() < 0.05:
                self.step("zeimu", c, p, "entry", t3 + dt.timedelta(minutes=r.randint(5, 60)))
            tw = t3
        tb = self.later(tw, 1, 1)
        self.step("zeimu", c, p, "sys_calc", tb.replace(hour=2, minute=self.r.randint(0, 59)))

    def j_enjo(self, p, day, child):
        r = self.r
        c = self.new_case("gakumu")
        self.snapshot("gakumu", p, self.at(day))
        self.set_child(p, child, "gakumu")
        if r.random() < 0.3:
            t = self.at(day, 9, 16.5)
            t = self.steps("gakumu", c, p, ["enjo_rcv"], t, "郵送")
        else:
            t = self.wait(self.at(day, 8.5, 16.0), 1, 15)
            t = self.steps("gakumu", c, p, ["form", "id", "enjo_rcv", self.maybe("acct", 0.85)], t)
        t2 = self.later(t, 2, 10)
        self.tel_inquiry("gakumu", c, p, t2, clerk=r.choice(self.staff["gakumu"]))
        t3 = self.later(t2, 5, 20)
        self.step("gakumu", c, p, "judge", t3)
        self.step("gakumu", c, p, "notice", self.later(t3, 2, 6), "郵送")

    def j_hoiku(self, p, day, child):
        r = self.r
        c = self.new_case("kosodate")
        self.snapshot("kosodate", p, self.at(day))
        self.set_child(p, child)
        if r.random() < 0.4:
            tw = self.at(day, 6.0, 23.5)
            self.step("kosodate", c, p, "form_web", tw, "MYNAPORTAL")
            t = self.steps("kosodate", c, p, ["hoiku_rcv"], self.later(tw, 1, 3), "MYNAPORTAL")
        else:
            t = self.wait(self.at(day, 8.5, 16.0), 3, 40)
            t = self.steps(
                "kosodate",
                c,
                p,
                ["form", "id", "addr", "hoiku_rcv", self.maybe("guide", 0.3)],
                t,
                channel="WINDOW",
            )
        self.backoffice_kosodate(c, p, t, moved_in=p.moved_in, kind="hoiku")

    def j_account(self, p, day):
        """口座振替 / 受取口座 at one counter, sometimes a second counter on the same visit."""
        r = self.r
        order = [d for d in ("kokuho", "zeimu") if (d != "kokuho" or p.ins == "kokuho")]
        r.shuffle(order)
        t = self.wait(self.at(day, 8.5, 16.0), 2, 15)
        for i, d in enumerate(order[: 1 if r.random() < 0.7 else 2]):
            if i:
                t = self.wait(t, 3, 15)
            c = self.new_case(d)
            if d == "kokuho":
                t = self.steps(d, c, p, ["form", "id", "acct"], t)
            else:
                t = self.steps(d, c, p, ["id", "form_acct", "acct"], t, channel="WINDOW")

    def j_kokuho_join(self, p, day):
        """Leaving an employer's insurance: 国保 加入 at the counter; the clerk phones 税務課."""
        r = self.r
        p.ins = "kokuho"
        c = self.new_case("kokuho")
        t = self.wait(self.at(day, 8.5, 16.0), 3, 30)
        t = self.steps("kokuho", c, p, ["form", "id", "get_rcv", "addr", "get"], t)
        t = self.tel_inquiry("kokuho", c, p, t + dt.timedelta(minutes=r.randint(1, 5)))
        t = self.steps(
            "kokuho", c, p, [self.maybe("acct", 0.5), "card", self.maybe("guide", 0.3)], t
        )
        t2 = self.later(t, 2, 8)
        self.steps("kokuho", c, p, ["levy", "notice"], t2, "mail")

    def j_turn75(self, p, day):
        """75歳到達: 後期高齢 資格 by the clerk from the 住基 list, re-keyed into the 広域連合 system."""
        c = self.new_case("koki")
        t = self.at(day, 9.0, 16.0)
        t = self.steps("koki", c, p, ["get", "key"], t, "internal")
        t = self.step("koki", c, p, "sys_inc", self.later(t, 1, 3))
        self.steps("koki", c, p, ["card", "notice"], self.later(t, 1, 5))
        p.ins = "koki"

    def j_cert(self, p, day):
        c = self.new_case("jumin")
        t = self.wait(self.at(day, 8.5, 17.0), 1, 15)
        self.steps("jumin", c, p, ["form_cert", "id", "cert"], t)

    def j_rename(self, p, day):
        c = self.new_case("suido")
        self.step(
            "suido",
            c,
            p,
            "rename",
            self.at(day, 8.5, 16.5),
            "窓口" if self.r.random() < 0.5 else "電話",
        )

    # ------------------------------------------------------------------ simulate
    def simulate(self):
        r = self.r

        def spring():
            return (
                self.rand_day(dt.date(2025, 4, 1), dt.date(2025, 4, 30))
                if r.random() < 0.4
                else self.rand_day(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
                if r.random() < 0.3
                else self.rand_day()
            )

        for p in self.people:
            a = self.age(p)
            u = r.random()
            if u < 0.09:
                self.j_move_in(p, spring())
            elif u < 0.15:
                self.j_move_out(p, spring())
            elif u < 0.20:
                self.j_move_within(p, self.rand_day())
            if 25 <= a <= 42 and r.random() < 0.06:
                self.j_birth(p, self.rand_day())
            if a >= 65 and r.random() < 0.12:
                self.j_care(p, self.rand_day())
            if a == 74:
                self.j_turn75(
                    p,
                    self.bizday(
                        p.dob.replace(year=p.dob.year + 75)
                        if not (p.dob.month == 2 and p.dob.day == 29)
                        else dt.date(p.dob.year + 75, 3, 1)
                    ),
                )
            if 20 <= a < 74 and p.ins == "shaho" and r.random() < 0.05:
                self.j_kokuho_join(p, self.rand_day())
            if a >= 75 and r.random() < 0.12:
                self.j_highcost(p, self.rand_day())
            if p.disabled and r.random() < 0.45:
                self.j_disability(p, self.rand_day())
            if 20 <= a < 80 and r.random() < 0.16:
                self.j_tax(p, self.rand_day(dt.date(2026, 2, 16), dt.date(2026, 3, 16)))
            school = [k for k in p.children if 6 <= (FY0 - k[1]).days // 365 <= 14]
            if school and r.random() < 0.14:
                self.j_enjo(p, self.rand_day(dt.date(2025, 4, 7), dt.date(2025, 5, 30)), school[0])
            small = [k for k in p.children if (FY0 - k[1]).days // 365 <= 4]
            if small and r.random() < 0.3:
                self.j_hoiku(
                    p, self.rand_day(dt.date(2025, 10, 1), dt.date(2025, 12, 15)), small[0]
                )
            if a >= 20 and r.random() < 0.05:
                self.j_account(p, self.rand_day())
            if r.random() < 0.22:
                self.j_cert(p, self.rand_day())
            if r.random() < 0.015:
                self.j_rename(p, self.rand_day())

    # ------------------------------------------------------------------ writers
    def fmt_addr(self, d, a, v=0.5):
        """Address as department d writes it; v (fixed per copy) picks the clerk's variant."""
        area, c, b, g, bldg = a
        if DEPTS[d][2] == "A":
            s = (
                f"こはる町{area}{fw(c)}丁目{fw(b)}番地{fw(g)}"
                if c
                else f"こはる町大字{area}{fw(b)}番地{fw(g)}"
            )
            return s, fw(bldg)
        if DEPTS[d][2] == "B":
            ar = area.replace("ヶ", "ケ") if v < 0.3 else area
            if 0.3 <= v < 0.4:
                s = f"{ar}{c}丁目{b}番{g}号" if c else f"{ar}{b}番地{g}"
            else:
                s = f"{ar}{c}-{b}-{g}" if c else f"{ar}{b}-{g}"
            return "長野県日和郡こはる町" + s, bldg
        if d == "gakumu":
            s = f"こはる町{area}{KANJI_NUM[c]}丁目{b}-{g}" if c else f"こはる町{area}{b}-{g}"
            return s, ("" if v > 0.88 else bldg)
        s = (
            f"{area}{c}丁目{b}番{g}号" if c else f"{area}{b}番地{g}"
        )  # suido: building in the same cell
        return (s + (" " + bldg if bldg else "")), ""

    def fmt_phone(self, d, ph):
        if not ph:
            return ""
        v = DEPTS[d][2]
        if v == "B":
            return ph.replace("-", "")
        if d == "gakumu":
            x = ph.split("-")
            return f"{x[0]}({x[1]}){x[2]}"
        return ph

    def rows(self, d):
        """Events in time order; case numbers re-issued in the order the cases were opened."""
        evs = sorted(self.ev[d], key=lambda e: (e[3], e[0]))
        first = {}
        for e in evs:
            first.setdefault(e[0], len(first))
        order = sorted(first, key=first.get)
        stem = {c: c.rsplit("-", 1)[0] if "-" in c else "" for c in order}
        renum = {
            c: (f"{stem[c]}-{i + 1:0{len(c.rsplit('-', 1)[1])}d}" if stem[c] else str(70001 + i))
            for i, c in enumerate(order)
        }
        for case, pid, key, t, te, staff, channel, _extra in evs:
            yield renum[case], self.by_pid[pid], key, t, te, staff, channel, self.copies[d][pid]

    def write_vendor_a(self, d, path):
        cols = [
            "event_id",
            "subject_no",
            "op_code",
            "op_name",
            "op_started_at",
            "op_ended_at",
            "staff_cd",
            "channel",
            "name_kanji",
            "name_kana",
            "birth_date",
            "address",
            "address_building",
            "phone",
        ]
        extra = {
            "jumin": ["sex", "my_number", "household_head_name", "prev_address"],
            "kokuho": [
                "my_number",
                "household_head_name",
                "prior_year_income",
                "bank_code",
                "branch_code",
                "account_type",
                "account_no",
                "account_holder",
            ],
            "kaigo": [
                "income_for_premium",
                "bank_code",
                "branch_code",
                "account_no",
                "emergency_contact_name",
                "emergency_contact_phone",
                "facility_address",
            ],
            "koki": [
                "prior_year_income",
                "bank_code",
                "branch_code",
                "account_no",
                "account_holder",
            ],
        }[d]
        r = self.r
        acct_seen, inc_seen = set(), set()
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols + extra)
            for case, p, key, t, te, staff, channel, s in self.rows(d):
                lab = label(d, key)
                code = lab.split(" ")[0]
                if channel == "online" and key in ("out", "lose_rcv") and r.random() < 0.5:
                    lab = lab.split(" ", 1)[
                        1
                    ]  # rows taken in from the 電子申請 intake: no function ID

                def iso(x):
                    return x.strftime("%Y-%m-%dT%H:%M:%S+09:00")

                addr, bldg = self.fmt_addr(d, s["addr"], s["v"])
                name = f"{s['sur']}　{p.given[0]}"
                row = [
                    case,
                    f"{p.pid:010d}",
                    code,
                    lab,
                    iso(t),
                    iso(te),
                    staff or "",
                    channel,
                    name,
                    s["kana"].replace(" ", "　"),
                    p.dob.isoformat(),
                    addr,
                    bldg,
                    self.fmt_phone(d, s["phone"]),
                ]
                if key == "acct":
                    acct_seen.add(p.pid)
                if key in ("sys_inc", "inc_tel"):
                    inc_seen.add(p.pid)
                b, br, no = s["acct"]
                has_acct = p.pid in acct_seen
                if d == "jumin":
                    head = p if (p.sex == "M" or not p.spouse) else None
                    head_name = (
                        f"{p.sur[0]}　{p.given[0]}" if head else f"{p.sur[0]}　{p.spouse[1][0]}"
                    )
                    pa_ = self.fmt_addr(d, p.prev_addr)[0] if p.prev_addr else ""
                    row += ["男" if p.sex == "M" else "女", s["mynum"], head_name, pa_]
                elif d == "kokuho":
                    head_name = (
                        f"{p.sur[0]}　{p.given[0]}"
                        if (p.sex == "M" or not p.spouse)
                        else f"{p.sur[0]}　{p.spouse[1][0]}"
                    )
                    row += [
                        s["mynum"],
                        head_name,
                        s["income"] if p.pid in inc_seen else "",
                        b[0] if has_acct else "",
                        br if has_acct else "",
                        "普通" if has_acct else "",
                        no if has_acct else "",
                        (s["kana"].replace(" ", "　")) if has_acct else "",
                    ]
                elif d == "kaigo":
                    e = p.emergency
                    fac = (
                        "こはる町西原300 特別養護老人ホームこはる荘"
                        if key in ("visit",) and r.random() < 0.2
                        else ""
                    )
                    row += [
                        s["income"] if p.pid in inc_seen else "",
                        b[0] if has_acct else "",
                        br if has_acct else "",
                        no if has_acct else "",
                        f"{e[0][0][0]}　{e[0][1][0]}",
                        e[1],
                        fac,
                    ]
                else:
                    row += [
                        s["income"] if p.pid in inc_seen else "",
                        b[0] if has_acct else "",
                        br if has_acct else "",
                        no if has_acct else "",
                        s["kana"].replace(" ", "　") if has_acct else "",
                    ]
                w.writerow(row)

    def write_vendor_b(self, d, path):
        r = self.r
        recs = []
        acct_seen = set()
        for case, p, key, t, te, staff, channel, s in self.rows(d):
            lab = label(d, key)
            if key == "sys_inc" and t.date() < dt.date(2025, 5, 1):
                lab = lab.replace("(", "（").replace(
                    ")", "）"
                )  # rows migrated from the test system

            def ms(x):
                return int((x - UTC_OFF - EPOCH).total_seconds() * 1000)

            addr, bldg = self.fmt_addr(d, s["addr"], s["v"])
            if key == "acct":
                acct_seen.add(p.pid)
            has = p.pid in acct_seen
            b, br, no = s["acct"]
            rec = {
                "applicationId": case,
                "personId": f"{p.pid:015d}",
                "taskName": lab,
                "startedAt": ms(t),
                "endedAt": ms(te),
                "operatorId": staff,
                "channel": {"counter": "WINDOW", "mail": "POST", "online": "MYNAPORTAL"}.get(
                    channel, channel
                ),
                "fullName": s["sur"] + p.given[0] if s["v"] < 0.8 else f"{s['sur']} {p.given[0]}",
                "fullNameKana": s["kana"].replace(" ", "　"),
                "dateOfBirth": int(p.dob.strftime("%Y%m%d")),
                "address": addr,
                "addressBuilding": bldg,
                "phoneNumber": self.fmt_phone(d, s["phone"]),
            }
            if d == "zeimu":
                e = p.employer
                rec.update(
                    myNumber=s["mynum"] or None,
                    totalIncome=s["income"],
                    bankCode=b[0] if has else None,
                    branchCode=br if has else None,
                    accountNumber=no if has else None,
                    accountHolderKana=s["kana"].replace(" ", "") if has else None,
                    employerName=e[0],
                    employerPhone=e[1].replace("-", ""),
                    employerAddress=e[2],
                    spouseName=(p.spouse[0][0] + p.spouse[1][0]) if p.spouse else None,
                )
            elif d == "kosodate":
                ch = s.get("child") or (p.children[0] if p.children else None)
                rec.update(
                    applicantIncome=s["income"]
                    if key in ("sys_inc", "inc_tel", "judge", "notice")
                    else None,
                    bankCode=b[0] if has else None,
                    branchCode=br if has else None,
                    accountNumber=no if has else None,
                    accountHolderKana=s["kana"].replace(" ", "") if has else None,
                    childName=(ch[0][0][0] + ch[0][1][0]) if ch else None,
                    childNameKana=(ch[0][0][1] + "　" + ch[0][1][1]) if ch else None,
                    childDateOfBirth=int(ch[1].strftime("%Y%m%d")) if ch else None,
                    nurseryName=r.choice(NURSERIES) if key == "hoiku_rcv" else None,
                )
            else:
                cg = p.caregiver
                rec.update(
                    myNumber=s["mynum"] or None,
                    income=s["income"] if key in ("sys_inc", "inc_tel", "board", "cert") else None,
                    bankCode=b[0] if has else None,
                    branchCode=br if has else None,
                    accountNumber=no if has else None,
                    caregiverName=cg[0][0][0] + cg[0][1][0],
                    caregiverPhone=cg[1].replace("-", ""),
                    providerAddress=r.choice(
                        ["長野県日和郡こはる町西原2-4-1", "長野県日和市中央1-8-3"]
                    )
                    if key in ("visit", "cert")
                    else None,
                )
            recs.append(rec)
        df = pd.DataFrame(recs)
        for c in ("startedAt", "endedAt"):
            df[c] = df[c].astype("int64")
        for c in ("dateOfBirth", "childDateOfBirth", "totalIncome", "applicantIncome", "income"):
            if c in df:
                df[c] = df[c].astype("Int64")
        pq.write_table(pa.Table.from_pandas(df, preserve_index=False), path)

    def write_gakumu(self, path):
        r = self.r
        cols = [
            "受付NO",
            "児童番号",
            "児童氏名",
            "児童ｶﾅ",
            "児童生年月日",
            "学校名",
            "学年",
            "学校電話",
            "保護者氏名",
            "保護者ｶﾅ",
            "保護者生年月日",
            "住所",
            "方書",
            "電話番号",
            "保護者所得(千円)",
            "振込銀行",
            "振込支店",
            "口座番号",
            "処理内容",
            "処理日時",
            "担当者",
        ]
        child_ids = {}
        acct_seen = set()
        with open(path, "w", encoding="cp932", newline="", errors="replace") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(cols)
            for case, p, key, t, _te, staff, _channel, s in self.rows("gakumu"):
                ch = s.get("child") or p.children[0]
                ckey = (p.pid, ch[1])
                if ckey not in child_ids:
                    child_ids[ckey] = self.child_no
                    self.child_no += 1
                age = (t.date() - ch[1]).days // 365
                grade = age - 5 if age <= 11 else age - 11
                sch = SCHOOLS[2] if age >= 12 else SCHOOLS[p.pid % 2]
                lab = label("gakumu", key)
                if r.random() < 0.08:
                    lab = ACTS["gakumu"][key][0]  # an old terminal writes full-width katakana
                addr, kata = self.fmt_addr("gakumu", s["addr"], s["v"])
                if key == "acct":
                    acct_seen.add(p.pid)
                has = p.pid in acct_seen
                b, br, no = s["acct"]
                w.writerow(
                    [
                        case,
                        child_ids[ckey],
                        f"{ch[0][0][0]} {ch[0][1][0]}",
                        hw_kana(f"{ch[0][0][1]} {ch[0][1][1]}"),
                        wareki(ch[1]),
                        sch[0],
                        f"{max(1, grade)}年",
                        sch[1],
                        f"{s['sur']} {p.given[0]}",
                        hw_kana(s["kana"]),
                        wareki(p.dob),
                        addr,
                        kata,
                        self.fmt_phone("gakumu", s["phone"]),
                        (s["income"] // 1000) if key in ("inc_tel", "judge", "notice") else "",
                        b[2] if has else "",
                        f"{br}" if has else "",
                        no if has else "",
                        lab,
                        wareki(t.date(), t),
                        staff or "",
                    ]
                )

    def write_suido(self, path):
        cols = [
            "受付番号",
            "お客様番号",
            "処理区分",
            "処理日",
            "処理時刻",
            "担当者",
            "受付方法",
            "使用者名",
            "使用場所",
            "連絡先電話",
            "所有者名",
            "水栓番号",
        ]
        with open(path, "w", encoding="cp932", newline="", errors="replace") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(["上下水道課 受付処理一覧"])
            w.writerow(["出力日", "2026/04/03"])
            w.writerow(cols)
            for case, p, key, t, _te, staff, channel, s in self.rows("suido"):
                addr, _ = self.fmt_addr("suido", s["addr"])
                owner = (
                    ""
                    if not s["addr"][4]
                    else f"{SURNAMES[p.water_no % 40][0]} {GIVEN_M[p.water_no % 20][0]}"
                )
                w.writerow(
                    [
                        case,
                        p.water_no,
                        label("suido", key),
                        t.strftime("%Y/%m/%d"),
                        t.strftime("%H%M"),
                        staff or "",
                        channel,
                        f"{s['sur']} {p.given[0]}",
                        addr,
                        s["phone"],
                        owner,
                        f"W{p.water_no % 100000:05d}",
                    ]
                )

    def write(self, out):
        town = os.path.join(out, "town")
        truth = os.path.join(out, "truth")
        os.makedirs(town, exist_ok=True)
        os.makedirs(truth, exist_ok=True)
        for d, (fn, _n, v) in DEPTS.items():
            path = os.path.join(town, fn)
            if v == "A":
                self.write_vendor_a(d, path)
            elif v == "B":
                self.write_vendor_b(d, path)
            elif d == "gakumu":
                self.write_gakumu(path)
            else:
                self.write_suido(path)
        with open(os.path.join(town, "procmine.toml"), "w", encoding="utf-8") as f:
            for _d, (fn, name, _v) in DEPTS.items():
                f.write(f'[files."{fn}"]\ndepartment = "{name}"\n\n')
        write_truth(truth)


# ----------------------------------------------------------------------------- truth
SILOS = [  # field, dept, column
    *[
        (fld, d, c)
        for d in ("jumin", "kokuho", "kaigo", "koki")
        for fld, c in [
            ("NAME", "name_kanji"),
            ("KANA", "name_kana"),
            ("DOB", "birth_date"),
            ("ADDR", "address"),
            ("KATA", "address_building"),
            ("TEL", "phone"),
        ]
    ],
    ("MYNUM", "jumin", "my_number"),
    ("MYNUM", "kokuho", "my_number"),
    ("INCOME", "kokuho", "prior_year_income"),
    ("INCOME", "kaigo", "income_for_premium"),
    ("INCOME", "koki", "prior_year_income"),
    *[
        ("BANK", d, c)
        for d in ("kokuho", "kaigo", "koki")
        for c in ("bank_code", "branch_code", "account_no")
    ],
    ("BANK", "kokuho", "account_holder"),
    ("BANK", "koki", "account_holder"),
    *[
        (fld, d, c)
        for d in ("zeimu", "kosodate", "shogai")
        for fld, c in [
            ("NAME", "fullName"),
            ("KANA", "fullNameKana"),
            ("DOB", "dateOfBirth"),
            ("ADDR", "address"),
            ("KATA", "addressBuilding"),
            ("TEL", "phoneNumber"),
            ("BANK", "bankCode"),
            ("BANK", "branchCode"),
            ("BANK", "accountNumber"),
        ]
    ],
    ("BANK", "zeimu", "accountHolderKana"),
    ("BANK", "kosodate", "accountHolderKana"),
    ("MYNUM", "zeimu", "myNumber"),
    ("MYNUM", "shogai", "myNumber"),
    ("INCOME", "zeimu", "totalIncome"),
    ("INCOME", "kosodate", "applicantIncome"),
    ("INCOME", "shogai", "income"),
    ("NAME", "gakumu", "保護者氏名"),
    ("KANA", "gakumu", "保護者ｶﾅ"),
    ("DOB", "gakumu", "保護者生年月日"),
    ("ADDR", "gakumu", "住所"),
    ("KATA", "gakumu", "方書"),
    ("TEL", "gakumu", "電話番号"),
    ("INCOME", "gakumu", "保護者所得(千円)"),
    ("BANK", "gakumu", "振込銀行"),
    ("BANK", "gakumu", "振込支店"),
    ("BANK", "gakumu", "口座番号"),
    ("NAME", "suido", "使用者名"),
    ("ADDR", "suido", "使用場所"),
    ("TEL", "suido", "連絡先電話"),
]
DECOYS = [
    ("jumin", "household_head_name"),
    ("jumin", "prev_address"),
    ("kokuho", "household_head_name"),
    ("kaigo", "emergency_contact_name"),
    ("kaigo", "emergency_contact_phone"),
    ("kaigo", "facility_address"),
    ("zeimu", "employerName"),
    ("zeimu", "employerPhone"),
    ("zeimu", "employerAddress"),
    ("zeimu", "spouseName"),
    ("kosodate", "childName"),
    ("kosodate", "childNameKana"),
    ("kosodate", "childDateOfBirth"),
    ("shogai", "caregiverName"),
    ("shogai", "caregiverPhone"),
    ("shogai", "providerAddress"),
    ("gakumu", "児童氏名"),
    ("gakumu", "児童ｶﾅ"),
    ("gakumu", "児童生年月日"),
    ("gakumu", "学校電話"),
    ("suido", "所有者名"),
]
ALIASES = [
    ("jumin", "out", "転出届受付"),
    ("kokuho", "lose_rcv", "資格喪失届受付"),
    ("kosodate", "sys_inc", "所得照会（情報連携）"),
    ("shogai", "sys_inc", "所得照会（情報連携）"),
] + [("gakumu", k, "FW") for k in ACTS["gakumu"]]


def write_truth(truth):
    def name(d):
        return DEPTS[d][1]

    with open(os.path.join(truth, "duplicates.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["cluster", "department", "activity"])
        for cl in ("ID", "FORM", "ADDR", "KEY", "INCOME", "ACCT", "GUIDE"):
            for d, acts in ACTS.items():
                for k, (_lab, _m, c) in acts.items():
                    if c == cl:
                        w.writerow([cl, name(d), label(d, k)])
    with open(os.path.join(truth, "negatives.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["group", "department", "activity"])
        for g, mem in NEGATIVES.items():
            for d, k in mem:
                w.writerow([g, name(d), label(d, k)])
    with open(os.path.join(truth, "aliases.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["department", "alias", "activity"])
        for d, k, alias in ALIASES:
            if alias is None:
                continue
            if alias == "FW":
                alias = ACTS[d][k][0]
            w.writerow([name(d), alias, label(d, k)])
    with open(os.path.join(truth, "silos.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["field", "department", "column", "file"])
        for fld, d, c in SILOS:
            w.writerow([fld, name(d), c, DEPTS[d][0]])
    with open(os.path.join(truth, "decoys.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["department", "column"])
        for d, c in DECOYS:
            w.writerow([name(d), c])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--residents", type=int, default=3000)
    a = ap.parse_args(argv)
    t = Town(a.seed, a.residents)
    t.simulate()
    t.write(a.out)
    n_ev = sum(len(v) for v in t.ev.values())
    seen = {(d, e[2]) for d, v in t.ev.items() for e in v}
    for d, acts in ACTS.items():
        for k in acts:
            if (d, k) not in seen:
                print(f"warning: {d} {k} has no events")
    active = {pid for v in t.ev.values() for e in v for pid in [e[1]]}
    print(
        f"こはる町 seed={a.seed}: {len(DEPTS)} departments, {n_ev:,} events, {len(active):,} residents "
        f"with events (of {len(t.people):,} sampled) -> {os.path.join(a.out, 'town')}"
    )


if __name__ == "__main__":
    main()
