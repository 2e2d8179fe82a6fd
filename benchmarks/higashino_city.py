"""ひがし野市 — a held-out test town for procmine, halfway through フロントヤード改革.

Written by an outside reviewer without reading procmine's source, generator or word lists.
Sources used: /work/shared/domain/koyo-city.md (§1–§3.7), the README's sections on inputs and
procmine.toml, and `procmine --help` / `procmine analyze --help`.

Usage:
    .venv/bin/python benchmarks/higashino_city.py OUT [--seed 7]
writes OUT/city/ (nine department exports in ten files + procmine.toml) and OUT/truth/, and
prints one summary line first.  Deterministic for a given seed (stdlib + pandas/pyarrow only).

What the town tests
- About 5,000 residents, one fiscal year (令和7年度, 2025-04-01 – 2026-03-31), nine departments:
  市民課, 税務課, 国保年金課, こども家庭課, 介護保険課, 障害福祉課, 生活支援課, 教育委員会 and 環境課
  (粗大ごみ・犬の登録: outside the core, a source of hard negatives; it has no resident key).
- Formats: 市民課 CSV (ISO 'T' timestamps with seconds, start + end, a 役割区分 column);
  税務課 CP932 CSV ('2025/04/01 9:05'); 国保年金課 XES with lifecycle start/complete; こども家庭課
  Parquet (resident data on every row); 介護保険課 = a person master (対象者台帳, one row per 1号被保険者,
  no activities) beside an event log with 処理日 + 'HHMM' 処理時刻; 障害福祉課 an English vendor
  package ('04/01/2025 09:05 AM'); 生活支援課 keyed by 世帯番号 + member name + birth date (和暦
  timestamps, no 宛名番号); 教育委員会 numbered steps ('010 …'); 環境課 UTF-8 with BOM.
- Person key 宛名番号: '00012345' (市民課, 教育委員会), 12345 (税務課, こども家庭課, 障害福祉課),
  '0000012345' (介護保険課), '0012345-6' with a mod-11 check digit (国保年金課).
- Labels: formal 公用文 (市民課, 介護保険課, 生活支援課), shorthand (税務課: 課証交付, 口振依頼受),
  numbered (国保年金課, 教育委員会), clerk log text (こども家庭課), English (障害福祉課).
- 書かない窓口: from 2025-10-01 市民課 (and 国保年金課 for residents coming from it) and from
  2026-01-05 こども家庭課 serve about half of the residents with 「聞き取り・申請書作成」 by staff plus
  the resident's 「署名」 instead of the resident's own form writing.  Online (マイナポータル 転出,
  ぴったりサービス, 電子申請, 粗大ごみ Web) arrive as system steps without ticket or counter; 郵送請求
  in 市民課 and 税務課.
- Resident data kept in many departments with drift: stale addresses after 転居 (障害福祉課 learns only
  when the resident notifies it), old surnames after 婚姻, 丁目/ハイフン/全角/ヶ variants, 方書 inline or
  missing, half-width kana (税務課), hiragana (障害福祉課), 和暦 birth dates, home vs mobile phones,
  one or four bank-account columns and second accounts; plus decoy columns (届出人氏名, 代理人住所,
  事業所電話, 配偶者氏名, 施設所在地, 扶養義務者氏名, 保護者氏名, 前在籍校所在地, 飼養場所 (where
  the dog is kept: 同上 or the dog register's stale address), 振込先（収集業者）,
  ProviderPayeeAccount).

Truth conventions (fixed here before procmine was ever run on this town)
- duplicates.csv follows koyo-city.md §3.6: QUEUE (each counter's ticket), ID (identity checks, incl.
  戸籍法 届出人確認), NUM (My Number checks), FORM (writing the resident's basic data onto an
  application — by the resident, or by staff in a 書かない 「聞き取り・申請書作成」: the same data is
  written again either way), SIGN (the resident signing a staff-prepared application — a separate task
  from FORM), ADDR (住記照会 / re-checking the address or household), KEY (manual re-keying of data
  already in 住基), INCOME (課税照会 by a consumer department; 税務課's 照会回答 is the provider side and
  not a member), ACCT (taking in / registering a bank account), GUIDE (guidance to other procedures,
  incl. 市民課's おくやみ手続一覧), COPY (checking a certificate the city itself issues, demanded as an
  attachment), MAIL (opening and checking 郵送請求 for certificates: 市民課 and 税務課).
- Channels: an online reception by a system ('SYSTEM', 'e-申請') is NOT a member of FORM or of any
  cluster, and not a negative either (neutral), because no staff or counter work is repeated and the
  resident typed into a national portal.  A mail request is its own task (MAIL), not a counter FORM.
- Not in any cluster (neutral unless listed as a negative): 市民課 「住民記録の異動入力」 (the
  authoritative update), the legal acceptance steps 受理/受付 of different procedures, 税務課's
  「申告受」, back-office decisions and batches.
- negatives.csv: groups of activities of different departments that share words (審査, 訪問, 交付,
  通知, 死亡届, 登録, 確認 of documents, 所在 of places, 照会, 受付) but are different work.  No negative
  activity is a member of a duplicate cluster.
- aliases.csv: within-department label variants (old system labels, half-width brackets).
- silos.csv: every resident data column with its field (NAME KANA DOB SEX ADDR KATA TEL BANK INCOME
  MYNUM HH REL); 教育委員会's columns describe the child (its key); its 連絡先電話 is the household's.
  decoys.csv: columns that look like resident fields but describe someone or something else.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import namedtuple
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pandas as pd

TD = dt.timedelta
FY_START, FY_END = dt.date(2025, 4, 1), dt.date(2026, 3, 31)
KAKANAI_SHIMIN, KAKANAI_KODOMO = dt.date(2025, 10, 1), dt.date(2026, 1, 5)
HOLIDAYS = {
    dt.date.fromisoformat(s)
    for s in """2025-04-29 2025-05-05 2025-05-06 2025-07-21 2025-08-11 2025-09-15 2025-09-23
    2025-10-13 2025-11-03 2025-11-24 2025-12-29 2025-12-30 2025-12-31 2026-01-01 2026-01-02
    2026-01-12 2026-02-11 2026-02-23 2026-03-20""".split()
}
DEPTS = "市民課 税務課 国保年金課 こども家庭課 介護保険課 障害福祉課 生活支援課 教育委員会 環境課".split()
SHIMIN, ZEIMU, KOKUHO, KODOMO, KAIGO, SHOGAI, SEIKATSU, KYOIKU, KANKYO = DEPTS

# department | export file | ticket machine | resident as performer | system | staff | case id
DEPT_TABLE = """
市民課|shimin_madoguchi.csv|M01||SYSTEM|S1021 S1034 S1047 S1052 S1068 I2011 I2013|R7-{:06d}
税務課|zeimu_kazei.csv|発券機|申請者|BATCH|Z301 Z302 Z305 Z311|Z{:07d}
国保年金課|kokuho_nenkin.xes|TICKET|申請者|SYSTEM|K-12 K-15 K-21 K-23|KH{:06d}
こども家庭課|kodomo_katei.parquet|発券機2|本人|e-申請|C401 C402 C407|KD-2025-{:05d}
介護保険課|kaigo_shori_log.csv|M02|申請者|BATCH|介護01 介護02 介護04 介護07|KG{:06d}
障害福祉課|shogai_export.csv|KIOSK|Applicant|SYSTEM|staff07 staff11 staff13|SH{:06d}
生活支援課|seikatsu_shien.csv||申請者|SYSTEM|CW1 CW2 CW3|CW-{:04d}
教育委員会|kyoiku_gakurei.csv|発券機|保護者|SYSTEM|学事1 学事2|E{:06d}
環境課|kankyo.csv|||e-申請|環境A 環境B|KK{:06d}
"""
_rows = [line.split("|") for line in DEPT_TABLE.strip().splitlines()]
FILES = {r[0]: r[1] for r in _rows}
TICKET, RESIDENT, SYSTEM = ({r[0]: r[i] for r in _rows} for i in (2, 3, 4))
STAFF = {r[0]: r[5].split() for r in _rows}
CASEFMT = {r[0]: r[6] for r in _rows}
KAIGO_MASTER = "kaigo_taishosha_daicho.csv"

# key=label as exported[=TAG]: TAG is a duplicate cluster, ~GROUP a hard-negative group
CATALOG = """
市民課
ticket=番号札の発券=QUEUE; form_ido=住民異動届の記入=FORM; kikitori=聞き取り・申請書作成=FORM
sign=署名=SIGN; id=本人確認=ID; id_koseki=届出人の本人確認=ID; tenshutsu_cert=転出証明書の確認=~確認
shinsa=届書の審査=~審査; juri_tennyu=転入届の受理=~受付; juri_tenkyo=転居届の受理
juri_tenshutsu=転出届の受理; auth=住民記録の異動入力; cs=住基ネットへの送信
card=マイナンバーカードの継続利用処理; renraku=異動連絡票の作成; guide=関係課手続の案内=GUIDE
okuyami=おくやみ手続一覧の交付=GUIDE; form_inkan=印鑑登録申請書の記入=FORM; inkan=印鑑登録=~登録
inkan_card=印鑑登録証の交付=~交付; form_cert=証明書交付請求書の記入=FORM; cert=住民票の写し等の交付
mail=郵送請求の受付=MAIL; online_out=転出届（オンライン）の受付; tokurei=特例転出の処理
juri_birth=出生届の受理; juri_death=死亡届の受理=~死亡; juri_marriage=婚姻届の受理
koseki=戸籍の記載; kaso=火葬許可証の交付=~交付; setainushi=世帯主変更届の受理
税務課
ticket=札発行=QUEUE; form_cert=課証申請書記入=FORM; id=申請者確認=ID; num=番号確認=NUM
cert=課証交付; soudan=申告相談; shinkoku=申告受; koufuri=口振依頼受=ACCT; hosei=住所補正入力=KEY
mail=郵送請求受=MAIL; kaito=照会回答=~照会; notsu=納通発送=~通知; kaoku=家屋現況確認=~確認
sozoku=相続代表届受; gentsuki=原付登録受; hyoshiki=原付標識交付=~交付; haisha=原付廃車受
国保年金課
ticket=000 番号札発券=QUEUE; form_get=010 資格取得届記入=FORM; form_loss=011 資格喪失届記入=FORM
kikitori=015 聞き取り・申請書作成=FORM; sign=016 申請書署名=SIGN; id=020 本人確認=ID
num=030 個人番号確認=NUM; juki=040 住記照会=ADDR; shaho=045 社保喪失証明確認=~確認
key=050 被保険者情報入力=KEY; card=060 資格確認書交付=~交付; income=070 所得照会=INCOME
koufuri=080 口座振替依頼受付=ACCT; guide=090 他課手続案内=GUIDE; sosai=120 葬祭費申請受付
shussan=121 出産育児一時金申請受付; kyufu=130 給付決定; nenkin=140 国民年金資格取得届受付=~受付
kogaku=150 高額療養費申請受付; notsu=900 納税通知書発送=~通知
こども家庭課
ticket=番号札発券（こども）=QUEUE; form_nintei=認定請求書記入=FORM; form_iryo=医療証申請書記入=FORM
form_henko=児童手当変更届記入=FORM; kikitori=聞き取り（書かない窓口）=FORM; sign=署名受領=SIGN
id=身元確認（免許証等）=ID; num=番号確認（請求者・配偶者）=NUM; juki=住基確認（世帯・児童）=ADDR
koza=振込口座登録=ACCT; key=受給者台帳入力=KEY; tsuchi=認定通知発送=~通知; iryosho=医療証交付=~交付
copy=課税証明書の添付確認=COPY; income=課税照会（保育料）=INCOME; guide=必要手続き説明=GUIDE
pittari=ぴったりサービス申請受信; e_check=電子申請内容確認; hoiku=保育所入所申込受付
shometsu=消滅処理; koshin=医療証一斉更新
介護保険課
ticket=番号札の発券=QUEUE; form_shikaku=資格取得届の記入=FORM
form_nintei=要介護認定申請書の記入=FORM; id=来庁者の確認=ID; num=個人番号の確認=NUM
juki=住所地の確認（住記照会）=ADDR; tokurei=住所地特例の確認=~所在; key=資格異動の入力=KEY
income=保険料段階の判定（課税状況確認）=INCOME; koza=口座の登録=ACCT; irai=認定調査の依頼
chosa=認定調査（訪問）=~訪問; iken_irai=主治医意見書の依頼; iken=主治医意見書の受領; ichiji=一次判定
shinsa=介護認定審査会（二次判定）=~審査; kekka=認定結果の通知=~通知; hihoken=被保険者証の交付=~交付
soshitsu=資格喪失の処理; jukyu=受給資格証明書の受理; nenrei=資格取得（年齢到達）
障害福祉課
ticket=Queue ticket issued=QUEUE; form=Application form filled in by applicant=FORM
id=Identity verified=ID; num=My Number verified=NUM; juki=Resident register lookup=ADDR
key=Ledger address updated=KEY; koza=Benefit account registered=ACCT
income=Tax status inquiry=INCOME; visit=Assessment visit=~訪問; board=Review board=~審査
handbook=Handbook issued=~交付; cert=Recipient certificate issued=~交付
forward=Forwarded to prefecture; judg=Judgment received; svc=Service application accepted=~受付
ret=Handbook returned
生活支援課
mensetsu=面接相談; id=面接時の本人確認=ID; form=保護申請書の記入=FORM; juki=住民記録照会=ADDR
homon=家庭訪問（実態調査）=~訪問; shisan=資産調査（金融機関照会）=~照会
income=収入調査（課税照会）=INCOME; fuyo=扶養照会=~照会; yohi=要否判定; kettei=保護決定通知=~通知
koza=支給口座登録=ACCT; key=ケース記録入力=KEY; copy=添付書類（住民票・戸籍）確認=COPY
teiki=定期訪問=~訪問; shikyu=保護費支給; haishi=保護廃止処理
教育委員会
ticket=000 整理券発行=QUEUE; form_tennyu=010 転入学届記入=FORM
form_enjo=011 就学援助申請書記入=FORM; e_shinsei=015 電子申請受信; id=020 保護者確認=ID
zaigaku=030 在学証明書確認=~確認; copy=040 添付書類確認（課税証明書）=COPY
juki=050 学齢簿住所照合=ADDR; key=060 学齢簿登載入力=KEY; gakku=065 通学区域判定
tsuchi_in=070 転入学通知書交付=~交付; tsuchi_out=075 転学通知書交付=~交付
income=080 所得審査（課税照会）=INCOME; koza=090 振込口座登録=ACCT; hensei=100 学齢簿編製
kenshin=110 就学時健診通知発送; nyugaku=120 入学通知書発送=~通知
環境課
sodai_tel=粗大ごみ収集申込受付=~受付; sodai_web=粗大ごみWeb申込受信; ken=処理券確認=~確認
shushu=粗大ごみ収集; dog_uke=犬の登録申請受付; dog_toroku=犬の登録=~登録; kansatsu=鑑札交付=~交付
chusha=狂犬病予防注射済票交付=~交付; dog_death=犬の死亡届受付=~死亡
dog_change=犬の登録事項変更届受付; shusekijo=集積所設置届受付; ichi=集積所の位置確認=~所在
shiharai=収集委託料支払
"""


def parse_catalog(text: str) -> dict[str, dict[str, tuple[str, str | None, str | None]]]:
    cat: dict = {}
    dept = ""
    for line in text.strip().splitlines():
        if "=" not in line:
            dept = line.strip()
            cat[dept] = {}
            continue
        for item in line.split(";"):
            key, label, tag = ([s.strip() for s in item.split("=")] + [""])[:3]
            neg = tag[1:] if tag.startswith("~") else None
            cat[dept][key] = (label, None if neg or not tag else tag, neg)
    return cat


CAT = parse_catalog(CATALOG)
# (department, alias as exported, catalog key, used before this date; None = 12% of rows all year)
ALIASES = [
    (ZEIMU, "口振依頼受付", "koufuri", dt.date(2025, 10, 1)),
    (KOKUHO, "20 本人確認", "id", dt.date(2025, 7, 1)),
    (SHOGAI, "ID check", "id", dt.date(2025, 9, 1)),
    (KODOMO, "身元確認(免許証等)", "id", None),
]
SILO_TEXT = """
市民課 shimin_madoguchi.csv NAME=氏名 KANA=氏名カナ DOB=生年月日 SEX=性別 ADDR=住所 KATA=方書 HH=世帯主
市民課 shimin_madoguchi.csv REL=続柄 TEL=電話番号 MYNUM=個人番号
税務課 zeimu_kazei.csv NAME=氏名 KANA=カナ氏名 DOB=生年月日 ADDR=住所 TEL=電話番号 BANK=金融機関 BANK=支店
税務課 zeimu_kazei.csv BANK=種別 BANK=口座番号 INCOME=総所得金額 MYNUM=個人番号
国保年金課 kokuho_nenkin.xes NAME=氏名 DOB=生年月日 ADDR=住所 KATA=方書 HH=世帯主氏名 REL=続柄
国保年金課 kokuho_nenkin.xes TEL=電話番号 BANK=口座 MYNUM=個人番号 INCOME=所得額
こども家庭課 kodomo_katei.parquet NAME=氏名 KANA=フリガナ DOB=生年月日 ADDR=住所 KATA=方書 TEL=電話番号
こども家庭課 kodomo_katei.parquet BANK=振込先口座 MYNUM=個人番号 INCOME=所得額
介護保険課 kaigo_taishosha_daicho.csv NAME=氏名 KANA=フリガナ DOB=生年月日 SEX=性別 ADDR=住所 KATA=方書
介護保険課 kaigo_taishosha_daicho.csv TEL=電話番号 BANK=金融機関名 BANK=支店名 BANK=預金種目 BANK=口座番号
障害福祉課 shogai_export.csv NAME=Name KANA=NameKana DOB=BirthDate SEX=Sex ADDR=Address TEL=Phone
障害福祉課 shogai_export.csv BANK=BankAccount MYNUM=MyNumber
生活支援課 seikatsu_shien.csv NAME=世帯員氏名 DOB=生年月日 ADDR=住所 TEL=電話番号 HH=世帯主氏名 REL=続柄
生活支援課 seikatsu_shien.csv BANK=振込先
教育委員会 kyoiku_gakurei.csv NAME=児童氏名 KANA=児童カナ DOB=生年月日 SEX=性別 ADDR=住所 TEL=連絡先電話
環境課 kankyo.csv NAME=申込者氏名 ADDR=住所 TEL=電話
"""
SILOS = [
    (fc.split("=")[0], ln.split()[0], fc.split("=")[1], ln.split()[1])
    for ln in SILO_TEXT.strip().splitlines()
    for fc in ln.split()[2:]
]
DECOYS = [
    tuple(s.split("="))
    for s in """市民課=届出人氏名 市民課=代理人住所 税務課=事業所電話 こども家庭課=配偶者氏名 介護保険課=施設所在地
    障害福祉課=ProviderPayeeAccount 生活支援課=扶養義務者氏名 教育委員会=保護者氏名 教育委員会=前在籍校所在地
    環境課=飼養場所 環境課=振込先（収集業者）""".split()
]


def _names(text: str) -> list[tuple]:
    return [tuple(s.split(":")) + (None,) * (3 - len(s.split(":"))) for s in text.split()]


SURNAMES = _names("""佐藤:サトウ 鈴木:スズキ 高橋:タカハシ:髙橋 田中:タナカ 伊藤:イトウ 渡辺:ワタナベ:渡邊
山本:ヤマモト 中村:ナカムラ 小林:コバヤシ 加藤:カトウ 吉田:ヨシダ 山田:ヤマダ 佐々木:ササキ 山口:ヤマグチ
松本:マツモト 井上:イノウエ 木村:キムラ 林:ハヤシ 斎藤:サイトウ:齋藤 清水:シミズ 山崎:ヤマザキ:山﨑 森:モリ
池田:イケダ 橋本:ハシモト 阿部:アベ 石川:イシカワ 小川:オガワ 中島:ナカジマ 前田:マエダ 藤田:フジタ
後藤:ゴトウ 岡田:オカダ 長谷川:ハセガワ 村上:ムラカミ 近藤:コンドウ 石井:イシイ 坂本:サカモト 遠藤:エンドウ
青木:アオキ 藤井:フジイ 西村:ニシムラ 福田:フクダ 太田:オオタ 三浦:ミウラ 岡本:オカモト 中川:ナカガワ
原田:ハラダ 小野:オノ 竹内:タケウチ 金子:カネコ 和田:ワダ 宮崎:ミヤザキ:宮﨑 柴田:シバタ 酒井:サカイ
工藤:クドウ 野口:ノグチ 菅原:スガワラ 大塚:オオツカ""")
GIVEN_TEXT = """
男0 和夫:カズオ 茂:シゲル 清:キヨシ 正雄:マサオ 昭:アキラ 浩:ヒロシ 隆:タカシ 修:オサム 誠:マコト
男0 一郎:イチロウ 健一:ケンイチ 哲也:テツヤ 雄二:ユウジ 智之:トモユキ
男1 健太:ケンタ 翔太:ショウタ 大輔:ダイスケ 拓也:タクヤ 蓮:レン 悠真:ユウマ 湊:ミナト 陽翔:ハルト
男1 大和:ヤマト 勇気:ユウキ 直樹:ナオキ 達也:タツヤ 蒼:アオイ 樹:イツキ
女0 花子:ハナコ 恵子:ケイコ 幸子:サチコ 和子:カズコ 洋子:ヨウコ 久美子:クミコ 由美:ユミ 直美:ナオミ
女0 真由美:マユミ 智子:トモコ 裕子:ユウコ 明美:アケミ 文子:フミコ 千代:チヨ
女1 陽菜:ヒナ 結衣:ユイ 美咲:ミサキ さくら:サクラ 芽依:メイ 凛:リン 葵:アオイ 愛:アイ 彩:アヤ
女1 千尋:チヒロ 美穂:ミホ 静香:シズカ 結菜:ユナ 紬:ツムギ 杏:アン 莉子:リコ
"""
GIVEN: dict[tuple, list] = {}  # (sex, born 1975 or later) -> given names
for _ln in GIVEN_TEXT.strip().splitlines():
    GIVEN.setdefault((_ln[0], _ln[1] == "1"), []).extend(_names(_ln[3:]))
TOWNS = "桜台 本町 栄町 東野 西ケ丘 緑が丘 旭町 中央 若葉".split()
RURAL = "大字上野 大字下沢 大字新田".split()
APTS = "コーポ桜 ハイツ東野 メゾン緑が丘 グランシャリオ中央 サンハイム栄 レオパレス若葉".split()
BANKS = [  # name, 全銀 code, branches (name, code)
    ("ひがし野信用金庫", "1234", [("本店", "001"), ("駅前支店", "003"), ("桜台支店", "005")]),
    ("武蔵野銀行", "0133", [("ひがし野支店", "212"), ("東野支店", "215")]),
    ("埼玉りそな銀行", "0017", [("ひがし野支店", "431")]),
    ("ゆうちょ銀行", "9900", [("〇一八店", "018"), ("〇三八店", "038")]),
    ("みずほ銀行", "0001", [("大宮支店", "265")]),
    ("JAひがし野", "5123", [("本所", "010"), ("新田支所", "014")]),
]
KAN = "〇一二三四五六七八九"
ZEN = str.maketrans("0123456789-", "０１２３４５６７８９－")
FULLK = "ァアィイゥウェエォオカキクケコサシスセソタチッツテトナニヌネノハヒフヘホマミムメモャヤュユョヨラリルレロワヲンー"
HALFK = "ｧｱｨｲｩｳｪｴｫｵｶｷｸｹｺｻｼｽｾｿﾀﾁｯﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓｬﾔｭﾕｮﾖﾗﾘﾙﾚﾛﾜｦﾝｰ"
HALF_MAP = dict(zip(FULLK, HALFK, strict=True)) | {"\u3099": "ﾞ", "\u309a": "ﾟ", "\u3000": " "}
ERAS = [
    (dt.date(2019, 5, 1), "令和R"),
    (dt.date(1989, 1, 8), "平成H"),
    (dt.date(1926, 12, 25), "昭和S"),
]
ERAS.append((dt.date(1912, 7, 30), "大正T"))


def hankaku(s: str) -> str:
    return "".join(HALF_MAP.get(c, c) for c in unicodedata.normalize("NFD", s))


def hiragana(s: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in s)


def wareki(d: dt.date, letter: bool) -> str:
    start, era = next(e for e in ERAS if d >= e[0])
    y = d.year - start.year + 1
    if letter:
        return f"{era[2]}{y:02d}.{d.month:02d}.{d.day:02d}"
    return f"{era[:2]}{'元' if y == 1 else y}年{d.month}月{d.day}日"


def mynumber(rng: random.Random) -> str:
    digits = [rng.randint(0, 9) for _ in range(11)]
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(reversed(digits), start=1))
    r = total % 11
    return "".join(map(str, digits)) + str(0 if r <= 1 else 11 - r)


def check_digit(aid: int) -> str:  # 国保年金課: 7 digits, hyphen, mod-11 check digit
    s = f"{aid:07d}"
    r = sum(int(c) * w for c, w in zip(s, [8, 7, 6, 5, 4, 3, 2], strict=True)) % 11
    return f"{s}-{(11 - r) % 10}"


def fmt_addr(a, pref=1, kanji=True, hy=0, zen=False, inline=None, ke="ケ") -> str:
    """pref 0/1/2: no city, city, prefecture + city; hy 0: 番・号, 1: all hyphens, 2: 丁目 + hyphen."""
    head = ["", "ひがし野市", "埼玉県ひがし野市"][pref]
    if a["chome"] is None:
        body = f"{a['ban']}" if hy else f"{a['ban']}番地"
    else:
        ch = KAN[a["chome"]] if kanji else str(a["chome"])
        if hy == 1 and not kanji:
            body = f"{ch}-{a['ban']}-{a['go']}"
        elif hy:
            body = f"{ch}丁目{a['ban']}-{a['go']}"
        else:
            body = f"{ch}丁目{a['ban']}番{a['go']}号"
    out = head + a["town"].replace("ケ", ke) + (body.translate(ZEN) if zen else body)
    return out + inline + fmt_kata(a, 0) if inline is not None and a["kata"] else out


def fmt_kata(a: dict, style: int) -> str:
    if not a["kata"]:
        return ""
    apt, room = a["kata"]
    return [f"{apt}{room}", f"{apt} {room}号", f"{apt}{room}号室", apt + str(room).translate(ZEN)][
        style
    ]


@dataclass
class Person:
    aid: int
    hid: int
    sur: tuple
    giv: tuple
    dob: dt.date
    sex: str
    rel: str
    addr: dict
    home: str
    mobile: str
    banks: list
    income: int
    mynum: str
    since: dt.date | None = None
    until: dt.date | None = None
    changes: list = field(default_factory=list)  # (date, "addr" | "name", value, change_no)
    kokuho: bool = False
    care: str | None = None
    disab: bool = False
    flags: dict = field(default_factory=dict)

    def age(self, d: dt.date) -> int:
        return d.year - self.dob.year - ((d.month, d.day) < (self.dob.month, self.dob.day))

    def alive(self, d: dt.date) -> bool:
        return (self.since is None or self.since <= d) and (self.until is None or d < self.until)


Ev = namedtuple("Ev", "case act ts end res role p data extra")  # one event


@dataclass
class Household:
    hid: int
    members: list
    dog: bool = False
    seiho: bool = False


STEP = re.compile(r"([a-z_]+):([\d.]+)([RDSF]*)(?:\+(\d+))?")


class Town:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.people: list[Person] = []
        self.hh: dict[int, Household] = {}
        self.ev: dict[str, list[Ev]] = {d: [] for d in DEPTS}
        self.seq = dict.fromkeys(DEPTS, 0)
        self.learn: dict[tuple, dt.date] = {}  # (department, 宛名番号, change_no) -> day it knew
        self.aids = self.rng.sample(range(10001, 99999), 7000)
        days = [FY_START + TD(i) for i in range((FY_END - FY_START).days + 1)]
        self.wdays = [d for d in days if d.weekday() < 5 and d not in HOLIDAYS]

    # ------------------------------------------------------------------ time and steps
    @staticmethod
    def peak(d: dt.date) -> float:
        return 3.0 if (d.month == 3 and d.day >= 20) or (d.month == 4 and d.day <= 10) else 1.0

    def ln(self, med: float, sigma: float = 0.45) -> float:
        return med * math.exp(self.rng.gauss(0, sigma))

    def day(self, peaky=False, lo=FY_START, hi=FY_END) -> dt.date:
        days = [d for d in self.wdays if lo <= d <= hi]
        return self.rng.choices(days, [4.0 if peaky and self.peak(d) > 1 else 1.0 for d in days])[0]

    def wd_after(self, d: dt.date, n: int) -> dt.date:
        d = d + TD(n)
        while d.weekday() >= 5 or d in HOLIDAYS:
            d += TD(1)
        return d

    def clock(self, d: dt.date) -> dt.datetime:  # a resident's arrival (大船渡市 hourly profile)
        h = self.rng.choices(range(8, 17), [4.0, 13.2, 16.3, 12.8, 8.5, 12.0, 12.3, 10.2, 7.6])[0]
        m = self.rng.randint(30, 59) if h == 8 else self.rng.randint(0, 59)
        return dt.datetime(d.year, d.month, d.day, h, m, self.rng.randint(0, 59))

    def office(self, d: dt.date) -> dt.datetime:  # a back-office moment
        hms = self.rng.randint(9, 16), self.rng.randint(0, 59), self.rng.randint(0, 59)
        return dt.datetime(d.year, d.month, d.day, *hms)

    def case(self, dept: str) -> str:
        self.seq[dept] += 1
        return CASEFMT[dept].format(self.seq[dept])

    def st(self, dept, case, key, t, med, p, role="職員", res=None, data=False, extra=None):
        lab = CAT[dept][key][0]
        for adept, alias, akey, until in ALIASES:
            if adept == dept and akey == key:
                if (t.date() < until) if until else self.rng.random() < 0.12:
                    lab = alias
        dur = self.ln(med) if med else 0.0
        end = t + TD(minutes=dur)
        if res is None:
            res = {"住民": RESIDENT[dept], "システム": SYSTEM[dept]}.get(role)
            res = self.rng.choice(STAFF[dept]) if res is None else res
        self.ev[dept].append(Ev(case, lab, t, end if med else None, res, role, p, data, extra))
        return end + TD(seconds=self.rng.randint(15, 100))

    def flow(self, dept, p, t, spec, case=None, q=8.0, kak=False, extra=None, res=None):
        """Run the steps of one case.  'T' = ticket and queue (median q minutes); 'key:min' = a
        step of that median duration, flags R (the resident), D (resident data on the row),
        S (system), F (a form: the resident's own, or 聞き取り・申請書作成 + 署名 when kak),
        +N (back office N working days later).  Returns (time after, case id)."""
        case = case or self.case(dept)
        call = None
        for tok in spec.split():
            if tok == "T":
                self.st(dept, case, "ticket", t, 0, p, role="発券機", res=TICKET[dept])
                call = t + TD(minutes=self.ln(q * self.peak(t.date()), 0.6))
                t += TD(seconds=30)
                continue
            key, med, flags, off = STEP.fullmatch(tok).groups()
            if off:
                t = self.office(self.wd_after(t.date(), int(off)))
            kw = {"data": "D" in flags, "extra": (extra or {}).get(key)}
            kw["res"] = (res or {}).get(key)
            if "F" in flags:
                self.inform(dept, p, t.date())
            if "F" in flags and kak:
                t, call = max(t, call or t), None
                t = self.st(dept, case, "kikitori", t, 4, p, data=kw["data"], extra=kw["extra"])
                t = self.st(dept, case, "sign", t, 0.7, p, role="住民")
            elif "R" in flags or "F" in flags:
                t = self.st(dept, case, key, t, float(med), p, role="住民", **kw)
            elif "S" in flags:
                t = self.st(dept, case, key, t, 0, p, role="システム", **kw)
            else:
                if call:
                    t, call = max(t, call), None
                t = self.st(dept, case, key, t, float(med), p, **kw)
        return t, case

    # ------------------------------------------------------------------ what each copy knows
    def inform(self, dept: str, p: Person, d: dt.date) -> None:
        """The resident told the department in person: it knows every change up to d."""
        for cd, _kind, _val, no in p.changes:
            k = (dept, p.aid, no)
            if cd <= d and (k not in self.learn or self.learn[k] > d):
                self.learn[k] = d

    def view(self, dept: str, p: Person, d: dt.date) -> tuple[dict, tuple]:
        addr, sur = p.addr, p.sur
        for cd, kind, val, no in p.changes:
            ld = self.learn.get((dept, p.aid, no))
            if cd <= d and (dept in (SHIMIN, "now") or (ld is not None and ld <= d)):
                addr, sur = (val, sur) if kind == "addr" else (addr, val)
        return addr, sur

    def change(self, p: Person, d: dt.date, kind: str, val) -> None:
        no = len(p.changes)
        p.changes.append((d, kind, val, no))
        profile = {  # department: (probability a 異動連絡票 / link reaches it, max lag in days)
            ZEIMU: (0.98 if kind == "addr" else 0.95, 7),
            KOKUHO: (0.995 if p.kokuho else 0, 1),
            KODOMO: ((0.97 if kind == "addr" else 0.8) if p.flags.get("jidou") else 0, 7),
            KAIGO: (0.99 if p.age(d) >= 64 else 0, 7),
            KYOIKU: (0.98 if 6 <= p.age(d) <= 15 else 0, 10),
            SEIKATSU: (0.99, 30),
        }
        for dept, (pr, lag) in profile.items():
            if self.rng.random() < pr:
                self.learn[(dept, p.aid, no)] = self.wd_after(d, self.rng.randint(0, lag))

    def backoffice_keys(self, p: Person, d: dt.date) -> None:
        """Departments re-key what the 異動連絡票 says (KEY), each on the day it learns."""
        no = p.changes[-1][3]
        for dept in (ZEIMU, KODOMO, KAIGO, KYOIKU):
            ld = self.learn.get((dept, p.aid, no))
            if ld is not None and ld <= FY_END and not (dept == ZEIMU and p.age(d) < 18):
                key = "hosei" if dept == ZEIMU else "key"
                self.st(dept, self.case(dept), key, self.office(ld), 4, p, data=dept != KAIGO)

    # ------------------------------------------------------------------ population
    def new_person(self, hid, sex, age, rel, addr, sur=None, since=None) -> Person:
        rng = self.rng
        dob = FY_START - TD(days=int(age * 365.25) + rng.randint(0, 364))
        giv = rng.choice(GIVEN[(sex, dob.year >= 1975)])
        home = f"{rng.choice(['048', '049'])}-9{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
        mobile = f"0{rng.choice('789')}0-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        banks = []
        for _ in range((age >= 18) * (1 + (rng.random() < 0.28))):
            bname, bcode, brs = rng.choice(BANKS)
            br = rng.choice(brs)
            kind = rng.choice(["普通"] * 9 + ["当座"])
            banks.append((bname, bcode, br[0], br[1], kind, f"{rng.randint(1, 9999999):07d}"))
        if 18 <= age < 65:
            income = rng.choice([0, 0, rng.randint(50, 150), rng.randint(200, 650)]) * 10000
        else:
            income = rng.randint(40, 300) * 10000 if age >= 65 else 0
        who = (hid, sur or rng.choice(SURNAMES), giv, dob, sex, rel, addr, home, mobile, banks)
        p = Person(self.aids.pop(), *who, income, mynumber(rng), since=since)
        p.flags |= {"no_mynum": rng.random() < 0.15, "stale_bank": rng.random() < 0.02}
        self.people.append(p)
        return p

    def new_addr(self) -> dict:
        rng = self.rng
        kata = (rng.choice(APTS), rng.choice([101, 102, 103, 201, 202, 203, 301, 302]))
        if rng.random() < 0.15:  # 大字 + 番地
            return dict(town=rng.choice(RURAL), chome=None, ban=rng.randint(100, 2999), kata=None)
        a = dict(town=rng.choice(TOWNS), chome=rng.randint(1, 4), ban=rng.randint(1, 30))
        return a | {"go": rng.randint(1, 25), "kata": kata if rng.random() < 0.3 else None}

    def new_household(self, kind: str, since=None) -> Household:
        rng = self.rng
        hid = 300000 + len(self.hh) * 7 + rng.randint(0, 6)
        addr, sur = self.new_addr(), rng.choice(SURNAMES)
        h = self.hh[hid] = Household(hid, [], dog=rng.random() < 0.1)

        def add(sex, age, rel):
            h.members.append(self.new_person(hid, sex, age, rel, addr, sur, since))

        male = rng.random() < 0.8
        a = rng.randint(28, 50)
        if kind == "single_young":
            add(rng.choice("男女"), rng.randint(19, 39), "世帯主")
        elif kind == "single_old":
            add(rng.choice("男女女"), rng.randint(66, 96), "世帯主")
        elif kind == "single_mid":
            add(rng.choice("男女"), rng.randint(40, 64), "世帯主")
        elif kind == "couple_old":
            a = rng.randint(66, 90)
            add("男", a, "世帯主")
            add("女", a - rng.randint(0, 5), "妻")
        elif kind == "single_parent":
            add("女", a, "世帯主")
            for _ in range(rng.choice([1, 2])):
                add(rng.choice("男女"), rng.randint(0, min(17, a - 20)), "子")
        else:  # family, threegen, couple_mid
            a = rng.randint(40, 64) if kind == "couple_mid" else a
            add("男" if male else "女", a, "世帯主")
            add("女" if male else "男", a + rng.randint(-4, 3), "妻" if male else "夫")
            for _ in range(0 if kind == "couple_mid" else rng.choice([1, 1, 2, 2, 2, 3])):
                add(rng.choice("男女"), rng.randint(0, min(22, a - 22)), "子")
            if kind == "threegen":
                add("女", a + rng.randint(24, 32), "母")
        head = h.members[0]
        for m in h.members:  # one landline per household
            m.home = head.home
        kokuho = rng.random() < (0.3 if kind == "single_parent" else 0.12)
        kokuho = kokuho or head.age(FY_START) >= 65
        kids = any(m.rel == "子" and m.age(FY_START) < 18 for m in h.members)
        for m in h.members:
            a = m.age(FY_START)
            m.kokuho = kokuho and a < 75
            m.flags["jidou"] = kids and m.rel in ("世帯主", "妻", "夫")
            if a >= 65 and rng.random() < (0.03 if a < 75 else 0.12 if a < 85 else 0.4):
                m.care = rng.choice("要支援1 要支援2 要介護1 要介護2 要介護3 要介護4".split())
                m.flags["facility"] = rng.random() < 0.12
            m.disab = rng.random() < (0.06 if a >= 65 else 0.025)
        return h

    def populate(self, target: int = 4950) -> None:
        kinds = "single_young single_old single_mid couple_old family threegen single_parent"
        weights = [12, 12, 10, 16, 30, 7, 5, 8]
        while len(self.people) < target:
            self.new_household(self.rng.choices([*kinds.split(), "couple_mid"], weights)[0])
        cands = [h for h in self.hh.values() if len(h.members) == 1 or h.members[-1].rel == "子"]
        for h in self.rng.sample(cands, 36):
            h.seiho = True

    # ------------------------------------------------------------------ counters
    def shimin_ido(self, t, rep, members, kind, proxy=False):
        rng = self.rng
        kak = t.date() >= KAKANAI_SHIMIN and rng.random() < 0.5
        x = {"代理人住所": fmt_addr(self.new_addr(), pref=2)} if proxy else None
        cert = " tenshutsu_cert:3" if kind == "tennyu" else ""
        spec = f"T form_ido:{8 + 2 * len(members)}F id:2{cert} shinsa:4 juri_{kind}:2"
        t, c = self.flow(SHIMIN, rep, t, spec, q=15, kak=kak, extra={"id": x})
        for m in members:
            t = self.st(SHIMIN, c, "auth", t, 3, m, data=True, extra=x)
        t = self.st(SHIMIN, c, "cs", t, 0, rep, role="システム")
        if kind != "tenshutsu":
            spec = ("card:5 " if rng.random() < 0.75 else "") + "renraku:3 guide:4"
            spec += " form_inkan:3R inkan:5 inkan_card:2" if rng.random() < 0.2 else ""
            t, _ = self.flow(SHIMIN, rep, t, spec, case=c)
        return t + TD(minutes=rng.uniform(2, 5)), kak

    def kokuho_visit(self, t, p, members, kind, kak_prev=False):
        rng = self.rng
        new = kind in ("get", "tennyu", "birth")
        spec = f"T {'form_get' if new else 'form_loss'}:6FD id:2" + (" num:2" * (kind != "death"))
        spec += (" juki:3" if new else "") + (" shaho:3" if kind == "get" else "")
        t, c = self.flow(KOKUHO, p, t, spec, q=10, kak=kak_prev and rng.random() < 0.7)
        for m in members:
            t = self.st(KOKUHO, c, "key", t, 4, m, data=True)
        if new:
            spec = "card:3" + (" koufuri:4D" if rng.random() < 0.4 else "")
            spec += " guide:3" if kind == "tennyu" or rng.random() < 0.3 else ""
            t, _ = self.flow(KOKUHO, p, t, spec + (" shussan:5D" if kind == "birth" else ""), c)
            self.flow(KOKUHO, p, t, "income:8+2", case=c)
            self.tax_reply(p, t.date())
        if kind == "death":
            t, _ = self.flow(KOKUHO, p, t, "sosai:6", case=c)
            self.flow(KOKUHO, p, t, "kyufu:5+10", case=c)
        return t + TD(minutes=rng.uniform(2, 4))

    def tax_reply(self, p: Person, d: dt.date) -> None:  # 税務課 answers a written 課税照会
        if self.rng.random() < 0.3:
            self.flow(ZEIMU, p, self.clock(d), "kaito:6+1")

    def kodomo_visit(self, t, parent, kids, kind):
        d, rng = t.date(), self.rng
        parent.flags["jidou"] = True
        if kind in ("birth", "tennyu") and rng.random() < 0.2:  # ぴったりサービス
            t0 = self.clock(d) - TD(days=rng.randint(0, 3))
            self.flow(KODOMO, parent, t0, "pittari:0S e_check:6+1 juki:3 key:5 tsuchi:2+5")
            return t
        kak = d >= KAKANAI_KODOMO and rng.random() < 0.5
        spec = "T form_nintei:10F id:2 num:3 juki:3 koza:3 key:5" + ("" if kak else " form_iryo:5R")
        spec += " iryosho:2" * len(kids)
        spec += " copy:2" if kind == "tennyu" and rng.random() < 0.15 else ""
        t, c = self.flow(KODOMO, parent, t, spec + " guide:4", kak=kak)
        self.flow(KODOMO, parent, t, f"tsuchi:2+{rng.randint(3, 9)}", case=c)
        return t + TD(minutes=rng.uniform(2, 5))

    def kaigo_visit(self, t, p, kind):
        spec = "T form_shikaku:5F id:2 num:2" + (" jukyu:5" if kind == "tennyu" else "") + " juki:2"
        spec += (" tokurei:4" if p.flags.get("facility") else "") + " key:4 hihoken:2"
        t, c = self.flow(KAIGO, p, t, spec + (" koza:3" if self.rng.random() < 0.5 else ""))
        self.flow(KAIGO, p, t, "income:8+3", case=c)
        self.tax_reply(p, t.date())
        return t + TD(minutes=self.rng.uniform(2, 4))

    def shogai_visit(self, t, p, kind):
        spec = "T form:5FD id:2" + ("" if kind == "death" else " num:2")
        spec += {"tennyu": " key:3D", "move": " key:3D", "death": " ret:2"}.get(kind, "")
        return self.flow(SHOGAI, p, t, spec)[0] + TD(minutes=self.rng.uniform(2, 4))

    def kyoiku_visit(self, t, g, kid, kind):
        t += TD(minutes=self.rng.uniform(8, 15))  # the board of education is in another building
        x = {"form_tennyu": {"g": g}, "key": {"g": g}}
        if kind == "out":
            spec = "T id:2 tsuchi_out:2"
        else:
            spec = "T form_tennyu:5FD id:2" + (" zaigaku:2" if kind == "in" else "")
            spec += " juki:3 key:4D gakku:2 tsuchi_in:2"
        return self.flow(KYOIKU, kid, t, spec, q=5, extra=x)[0] + TD(minutes=3)

    def zeimu_cert(self, t, p, mail=False):
        spec = "mail:6D cert:4D" if mail else "T form_cert:3F id:2 cert:4D"
        return self.flow(ZEIMU, p, t, spec, q=6)[0] + TD(minutes=2)

    def kankyo_dog(self, d: dt.date, p: Person, key: str) -> None:
        if d <= FY_END and p.alive(d):
            self.inform(KANKYO, p, d)  # the form brings the dog register up to date
            spec = f"{key}:5D" + (" dog_toroku:3 kansatsu:2" if key == "dog_uke" else "")
            self.flow(KANKYO, p, self.clock(d), spec)

    # ------------------------------------------------------------------ life events
    def pick_hh(self, d: dt.date, ok) -> Household:
        hs = [h for h in self.hh.values() if all(m.alive(d) for m in h.members) and ok(h.members)]
        return self.rng.choice(hs)

    def ev_tennyu(self, d: dt.date) -> None:
        rng = self.rng
        kinds = "single_young family couple_old single_parent single_mid single_old".split()
        h = self.new_household(rng.choices(kinds, [35, 30, 8, 7, 12, 8])[0], since=d)
        ms, rep = h.members, h.members[0]
        t, kak = self.shimin_ido(self.clock(d), rep, ms, "tennyu", proxy=rng.random() < 0.1)
        kids = [m for m in ms if m.age(d) < 18]
        need = [rep.kokuho, kids, any(m.care for m in ms), any(m.disab for m in ms)]
        need += [any(6 <= m.age(d) <= 15 for m in ms), rng.random() < 0.05]
        names = "kokuho kodomo kaigo shogai kyoiku zeimu".split()
        stops = [s for s, ok in zip(names, need, strict=True) if ok]
        if rng.random() < 0.3:  # residents do not always follow the suggested order
            rng.shuffle(stops)
        for s in stops:
            if s == "kokuho":
                t = self.kokuho_visit(t, rep, [m for m in ms if m.kokuho], "tennyu", kak)
            elif s == "kodomo":
                t = self.kodomo_visit(t, rep, kids, "tennyu")
            elif s == "zeimu":
                t = self.flow(ZEIMU, rep, t, "T gentsuki:5D hyoshiki:3", q=5)[0]
            for m in ms:
                if s == "kaigo" and m.care:
                    t = self.kaigo_visit(t, m, "tennyu")
                if s == "shogai" and m.disab:
                    t = self.shogai_visit(t, m, "tennyu")
                if s == "kyoiku" and 6 <= m.age(d) <= 15:
                    t = self.kyoiku_visit(t, rep, m, "in")
        for m in ms:  # 65+ without certification: 被保険者証 from the back office
            if m.age(d) >= 65 and not m.care:
                self.flow(KAIGO, m, self.clock(d), f"key:4+{rng.randint(1, 5)} hihoken:1")
        if h.dog and rng.random() < 0.5:
            self.kankyo_dog(self.wd_after(d, rng.randint(3, 40)), rep, "dog_change")

    def ev_tenkyo(self, d: dt.date) -> None:
        rng = self.rng
        h = self.pick_hh(d, lambda m: True)
        ms, rep, new = h.members, h.members[0], self.new_addr()
        for m in ms:
            self.change(m, d, "addr", new)
        t, _ = self.shimin_ido(self.clock(d), rep, ms, "tenkyo")
        for m in ms:
            self.backoffice_keys(m, d)
        if rep.kokuho and rng.random() < 0.3:
            t = self.flow(KOKUHO, rep, t, "T id:2 card:3")[0]
        for m in ms:
            if 6 <= m.age(d) <= 15 and rng.random() < 0.3:
                t = self.kyoiku_visit(t, rep, m, "move")
            later = self.wd_after(d, rng.choice([0, 0, rng.randint(5, 120)]))
            if m.disab and rng.random() < 0.6 and later <= FY_END:  # 障害福祉課 hears it from them
                self.shogai_visit(self.clock(later), m, "move")
        if h.dog and rng.random() < 0.3:
            self.kankyo_dog(self.wd_after(d, rng.randint(1, 60)), rep, "dog_change")

    def ev_tenshutsu(self, d: dt.date) -> None:
        rng = self.rng
        h = self.pick_hh(d, lambda m: m[0].age(d) < 80)
        ms, rep = h.members, h.members[0]
        if rng.random() < 0.45:  # マイナポータル 引越しワンストップ
            t0 = self.clock(d) - TD(days=rng.randint(1, 10))
            _, c = self.flow(SHIMIN, rep, t0.replace(hour=rng.randint(0, 23)), "online_out:0S")
            t1 = self.flow(SHIMIN, rep, self.office(d), "tokurei:5", case=c)[0]
            for m in ms:
                t1 = self.st(SHIMIN, c, "auth", t1, 2, m, data=True)
            self.st(SHIMIN, c, "cs", t1, 0, rep, role="システム")
            t = self.clock(self.wd_after(d, rng.randint(0, 5)))
        else:
            t = self.shimin_ido(self.clock(d), rep, ms, "tenshutsu")[0]
        if rep.kokuho:
            t = self.kokuho_visit(t, rep, [m for m in ms if m.kokuho], "tenshutsu")
        for m in ms:
            if 6 <= m.age(d) <= 15:
                t = self.kyoiku_visit(t, rep, m, "out")
        if rep.flags.get("jidou"):
            self.flow(KODOMO, rep, self.clock(d), "shometsu:4+3")
        for m in ms:
            if m.age(d) >= 65:
                self.flow(KAIGO, m, self.clock(d), "soshitsu:5+4")
            m.until = d + TD(1)

    def ev_birth(self, d: dt.date) -> None:
        rng = self.rng
        h = self.pick_hh(d, lambda m: len(m) > 1 and m[1].rel in "妻夫" and 24 <= m[0].age(d) <= 42)
        parent = h.members[0]
        addr, _ = self.view("now", parent, d)
        baby = self.new_person(h.hid, rng.choice("男女"), 0, "子", addr, parent.sur, since=d)
        baby.dob, baby.kokuho = d - TD(days=rng.randint(1, 13)), parent.kokuho
        baby.home = parent.home
        h.members.append(baby)
        x = {"juri_birth": {"届出人氏名": parent}}
        spec = "T juri_birth:4 id_koseki:2 shinsa:5"
        t, c = self.flow(SHIMIN, parent, self.clock(d), spec, q=12, extra=x)
        t = self.st(SHIMIN, c, "koseki", t, 10, baby)
        t = self.st(SHIMIN, c, "auth", t, 3, baby, data=True)
        t = self.flow(SHIMIN, parent, t, "guide:4", case=c)[0]
        if parent.kokuho:
            t = self.kokuho_visit(t + TD(minutes=2), parent, [baby], "birth")
        self.kodomo_visit(t + TD(minutes=2), parent, [baby], "birth")

    def ev_death(self, d: dt.date) -> None:
        rng = self.rng
        p = rng.choice([p for p in self.people if p.alive(d) and p.age(d) >= 70 and not p.since])
        h = self.hh[p.hid]
        family = [m for m in h.members if m is not p and m.alive(d) and m.age(d) >= 20]
        filer = rng.choice(family) if family and rng.random() < 0.6 else None
        name = filer or "ひがし野典礼 " + rng.choice(["山口", "森", "青木"])  # 葬儀社 files
        spec = "juri_death:5 id_koseki:2 kaso:3 shinsa:6 koseki:12 auth:3D okuyami:3"
        self.flow(SHIMIN, p, self.clock(d), spec, extra={"juri_death": {"届出人氏名": name}})
        p.until = d + TD(1)
        if p.age(d) >= 65:
            self.flow(KAIGO, p, self.clock(d), "soshitsu:5+2")
        d2 = self.wd_after(d, rng.randint(3, 30))
        if not family or d2 > FY_END:
            return
        t, heir = self.clock(d2), family[0]
        if p.rel == "世帯主":
            kak = d2 >= KAKANAI_SHIMIN and rng.random() < 0.5
            spec = "T form_ido:5F id:2 setainushi:5 auth:3D"
            t = self.flow(SHIMIN, heir, t, spec, q=12, kak=kak)[0] + TD(minutes=3)
        if p.kokuho:
            t = self.kokuho_visit(t, p, [p], "death")
        if p.age(d) >= 65 and rng.random() < 0.5:  # premium refund to the heir's account
            t = self.flow(KAIGO, p, t, "T id:2 koza:3", q=6)[0] + TD(minutes=2)
        if p.disab:
            t = self.shogai_visit(t, p, "death")
        if rng.random() < 0.45:
            self.flow(ZEIMU, p, t, "T id:2 sozoku:8", q=5)
        if h.dog and rng.random() < 0.2:
            self.kankyo_dog(d2, heir, "dog_death")

    def ev_marriage(self, d: dt.date) -> None:
        rng = self.rng
        ok = [p for p in self.people if p.alive(d) and 24 <= p.age(d) <= 38 and not p.changes]
        p = rng.choice([p for p in ok if p.rel in ("世帯主", "子") and p.sex == "女"])
        spec = "T juri_marriage:5 id_koseki:2 shinsa:6 koseki:10"
        t, c = self.flow(SHIMIN, p, self.clock(d), spec, q=12)
        self.change(p, d, "name", rng.choice(SURNAMES))
        t = self.st(SHIMIN, c, "auth", t, 3, p, data=True)
        self.backoffice_keys(p, d)
        if rng.random() < 0.6:  # the couple sets up a new home in the city the same day
            self.change(p, d, "addr", self.new_addr())
            self.shimin_ido(t + TD(minutes=2), p, [p], "tenkyo")
            self.backoffice_keys(p, d)

    # ------------------------------------------------------------------ routine work
    def many(self, n, pool, fn, lo=FY_START, hi=FY_END) -> None:
        for _ in range(n):
            d, p = self.day(lo=lo, hi=hi), self.rng.choice(pool)
            if p.alive(d):
                fn(p, d)

    def simple(self, dept, n, pool, spec, q=8.0, lo=FY_START, hi=FY_END) -> None:
        self.many(n, pool, lambda p, d: self.flow(dept, p, self.clock(d), spec, q=q), lo, hi)

    def routine(self) -> None:
        rng, flow = self.rng, self.flow
        adults = [p for p in self.people if p.age(FY_START) >= 18]
        earners = [p for p in adults if p.income > 0]

        def cert(p, d):
            kak = d >= KAKANAI_SHIMIN and rng.random() < 0.5
            t = flow(SHIMIN, p, self.clock(d), "T form_cert:3F id:2 cert:4D", q=10, kak=kak)[0]
            if rng.random() < 0.12:  # 住民票 and 課税証明書 for the same purpose
                self.zeimu_cert(t + TD(minutes=2), p)

        def mail(p, d):
            flow(SHIMIN, p, self.office(d), "mail:6D cert:4D")
            if rng.random() < 0.35:
                self.zeimu_cert(self.office(d), p, mail=True)

        def shinkoku(p, d):
            biz = {"事業所電話": f"048-9{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"}
            x = {"shinkoku": biz} if rng.random() < 0.3 else None
            flow(ZEIMU, p, self.clock(d), "T soudan:15 num:2 id:2 shinkoku:6D", q=25, extra=x)

        self.many(1000, adults, cert)
        self.many(150, adults, mail)
        self.simple(SHIMIN, 80, adults, "T form_inkan:3F id:2 inkan:5 inkan_card:2", q=10)
        # 税務課
        self.many(560, earners, lambda p, d: self.zeimu_cert(self.clock(d), p))
        self.many(60, earners, lambda p, d: self.zeimu_cert(self.office(d), p, mail=True))
        self.many(300, earners, shinkoku, lo=dt.date(2026, 2, 16), hi=dt.date(2026, 3, 16))
        self.simple(ZEIMU, 110, [p for p in earners if p.banks], "T koufuri:4D id:2", q=5)
        for p in rng.sample(earners, 1100):
            if p.alive(dt.date(2025, 6, 10)):
                t = dt.datetime(2025, 6, 10, 2, 0, rng.randint(0, 59))
                self.st(ZEIMU, self.case(ZEIMU), "notsu", t, 0, p, role="システム", data=True)
        self.simple(
            ZEIMU, 60, earners, "kaoku:40", lo=dt.date(2025, 10, 1), hi=dt.date(2025, 12, 26)
        )
        self.simple(ZEIMU, 15, adults, "T haisha:5D")
        self.simple(ZEIMU, 15, adults, "T gentsuki:5D hyoshiki:3")
        # 国保年金課
        pool = [p for p in adults if p.age(FY_START) < 75]
        for kind, n in [("get", 120), ("loss", 110)]:
            for _ in range(n):
                d, p = self.day(), rng.choice(pool)
                if p.alive(d) and p.kokuho != (kind == "get"):
                    p.kokuho = kind == "get"
                    kak = d >= KAKANAI_SHIMIN and rng.random() < 0.3
                    self.kokuho_visit(self.clock(d), p, [p], kind, kak)
        self.simple(KOKUHO, 150, [p for p in pool if p.kokuho], "T kogaku:5D id:2 kyufu:4+20")
        self.simple(KOKUHO, 50, pool, "T nenkin:6 id:2 num:2")
        for p in self.people:
            if p.kokuho and p.rel == "世帯主" and p.alive(dt.date(2025, 7, 10)):
                flow(KOKUHO, p, dt.datetime(2025, 7, 10, 3, 0), "notsu:0S")
        # こども家庭課: 保育所入所申込 (Oct-Dec), 変更届, 医療証一斉更新 (Aug)
        parents = [h.members[0] for h in self.hh.values() if h.members[0].flags.get("jidou")]

        def hoiku(p, d):
            spec = "T hoiku:15 id:2 num:3" + (" copy:2" if rng.random() < 0.3 else "")
            flow(KODOMO, p, self.clock(d), spec + " income:8+3")
            self.tax_reply(p, d)

        def henko(p, d):
            kak = d >= KAKANAI_KODOMO and rng.random() < 0.5
            flow(KODOMO, p, self.clock(d), "T form_henko:6F id:2 num:2 koza:3 key:4", kak=kak)

        self.many(80, parents, hoiku, lo=dt.date(2025, 10, 1), hi=dt.date(2025, 12, 19))
        self.many(90, parents, henko)
        for p in parents:
            if p.alive(dt.date(2025, 8, 1)):
                flow(KODOMO, p, dt.datetime(2025, 7, 25, 1, 30), "koshin:0S")

        # 環境課
        def sodai(p, d):
            if rng.random() < 0.4:
                t = self.clock(d) - TD(days=rng.randint(1, 5))
                _, c = flow(KANKYO, p, t.replace(hour=rng.randint(6, 23)), "sodai_web:0SD")
            else:
                _, c = flow(KANKYO, p, self.clock(d), "sodai_tel:4D")
            r = {"ken": "委託業者", "shushu": "委託業者"}
            flow(KANKYO, p, self.clock(d), f"ken:1+{rng.randint(5, 14)} shushu:5", c, res=r)

        self.many(480, adults, sodai)
        for h in self.hh.values():
            if h.dog and h.members[0].alive(FY_START) and rng.random() < 0.75:
                d = self.day(lo=dt.date(2025, 4, 5), hi=dt.date(2025, 6, 30))
                flow(KANKYO, h.members[0], self.clock(d), "chusha:2D", res={"chusha": "注射会場"})
        self.many(45, adults, lambda p, d: self.kankyo_dog(d, p, "dog_uke"))
        self.simple(KANKYO, 12, adults, "shusekijo:10D ichi:30+5")
        vendor = {"振込先（収集業者）": "ひがし野信用金庫 本店 当座 0012345 ㈲ひがし野環境サービス"}
        for m in range(12):
            t = dt.datetime(2025 + (m >= 9), (m + 3) % 12 + 1, 25, 10)
            self.st(KANKYO, f"KK-委託-{t:%Y%m}", "shiharai", t, 10, None, extra=vendor)

    def care_flows(self) -> None:
        rng = self.rng

        def nintei(p, d):
            if rng.random() < 0.6:
                spec = "T form_nintei:8F id:2 num:2" + (" juki:2" if rng.random() < 0.5 else "")
                spec += " tokurei:4" if p.flags.get("facility") or rng.random() < 0.05 else ""
                t, c = self.flow(KAIGO, p, self.clock(d), spec)
            else:  # 代行申請 by the care manager
                c = self.case(KAIGO)
                t = self.st(KAIGO, c, "form_nintei", self.clock(d), 6, p, "住民", "ケアマネ代行")
            spec = f"irai:10+{rng.randint(1, 3)} iken_irai:5 chosa:60+{rng.randint(8, 13)}"
            spec += f" iken:3+{rng.randint(2, 8)} ichiji:0S+2 shinsa:4+5 kekka:2+3"
            self.flow(KAIGO, p, t, spec, c, res={"chosa": "認定調査員", "shinsa": "第2合議体"})
            p.care = p.care or rng.choice(["要支援1", "要介護1", "要介護2"])

        self.many(260, [p for p in self.people if p.age(FY_START) >= 65], nintei)
        for p in self.people:
            b65 = dt.date(p.dob.year + 65, p.dob.month, min(p.dob.day, 28))
            if FY_START <= b65 <= FY_END and p.alive(b65):
                t = dt.datetime(b65.year, b65.month, b65.day, 1, 0)
                self.flow(KAIGO, p, t, "nenrei:0S income:6+20")
                self.tax_reply(p, b65)

    def shogai_flows(self) -> None:
        rng = self.rng
        res = {"visit": "相談支援専門員", "board": "市審査会"}

        def handbook(p, d):
            p.disab = True
            spec = f"T form:8FD id:2 num:2 juki:3 forward:5+3 judg:3+{rng.randint(40, 70)}"
            t, c = self.flow(SHOGAI, p, self.clock(d), spec)
            d2 = self.wd_after(t.date(), rng.randint(3, 14))
            self.flow(SHOGAI, p, self.clock(d2), "T id:2 handbook:3", c, q=6)

        def service(p, d):
            spec = f"T form:12FD id:2 num:2 svc:10 visit:60+{rng.randint(7, 20)}"
            spec += f" board:5+{rng.randint(10, 25)} koza:3D+2 cert:2"
            self.flow(SHOGAI, p, self.clock(d), spec, res=res)
            self.flow(SHOGAI, p, self.clock(d), "income:8+2")
            self.tax_reply(p, d)

        adults = [q for q in self.people if q.age(FY_START) >= 18]
        self.many(30, adults, handbook, hi=dt.date(2026, 1, 15))
        holders = [p for p in self.people if p.disab]
        self.many(40, holders, service, hi=dt.date(2026, 1, 30))
        self.simple(SHOGAI, 80, holders, "T form:6FD id:2 income:6+2 cert:2+8")

    def seikatsu_flows(self) -> None:
        rng = self.rng
        for h in self.hh.values():
            if not h.seiho:
                continue
            p, c = h.members[0], self.case(SEIKATSU)
            new = rng.random() < 0.33
            start = self.day(hi=dt.date(2026, 2, 1)) if new else FY_START
            if new:
                spec = "mensetsu:45D id:2 form:20RD" + (" copy:3" if rng.random() < 0.5 else "")
                t = self.flow(SEIKATSU, p, self.clock(start), spec + " juki:3 homon:60D+3", c)[0]
                for m in h.members:
                    if m.age(start) >= 18:
                        self.flow(SEIKATSU, m, t, "income:5+1", c)
                        self.tax_reply(m, t.date())
                name = rng.choice(SURNAMES)[0] + "\u3000" + rng.choice(GIVEN[("男", True)])[0]
                spec = "shisan:10+2 fuyo:10+1 yohi:30+3 kettei:5+1 koza:3D"
                x, r = {"fuyo": {"扶養義務者氏名": name}}, {"yohi": "SV1", "kettei": "課長"}
                t = self.flow(SEIKATSU, p, t, spec, c, extra=x, res=r)[0]
                for m in h.members:
                    t = self.st(SEIKATSU, c, "key", t, 5, m, data=True)
            mo = start.replace(day=1)
            while mo <= FY_END:
                pay = dt.datetime(mo.year, mo.month, 5, 6, 0)
                if pay.date() >= start and p.alive(pay.date()):
                    self.flow(SEIKATSU, p, pay, "shikyu:0S", c)
                if mo.month % 3 == 0 and p.alive(mo):
                    dv = self.day(lo=mo, hi=min(mo + TD(27), FY_END))
                    self.flow(SEIKATSU, p, self.clock(dv), "teiki:40D", c)
                mo = (mo + TD(32)).replace(day=1)
            if p.until and p.until <= FY_END:
                self.flow(SEIKATSU, p, self.clock(p.until), "haishi:8+5", c)
            for m in h.members:  # moves reach the case record when the caseworker hears of them
                for _cd, kind, _v, no in m.changes:
                    ld = self.learn.get((SEIKATSU, m.aid, no))
                    if kind == "addr" and ld and start <= ld <= FY_END:
                        self.st(SEIKATSU, c, "key", self.office(ld), 5, m, data=True)

    def kyoiku_flows(self) -> None:
        rng = self.rng
        oct1 = dt.date(2025, 10, 1)
        kids = [p for p in self.people if 6 <= p.age(oct1) <= 15]
        for p in kids:
            if p.alive(oct1):
                g = self.hh[p.hid].members[0]
                t = dt.datetime(2025, 10, 1, 2)
                self.flow(KYOIKU, p, t, "hensei:0SD", extra={"hensei": {"g": g}})
        for p in self.people:
            if dt.date(2019, 4, 2) <= p.dob <= dt.date(2020, 4, 1) and p.alive(oct1):
                self.flow(KYOIKU, p, dt.datetime(2025, 10, 15, 2), "kenshin:0S")
                if p.alive(dt.date(2026, 1, 20)):
                    self.flow(KYOIKU, p, dt.datetime(2026, 1, 20, 2), "nyugaku:0S")

        def enjo(kid, d):
            g = self.hh[kid.hid].members[0]
            copy = False
            if rng.random() < 0.3:
                t = self.clock(d).replace(hour=rng.randint(6, 23))
                _, c = self.flow(KYOIKU, kid, t, "e_shinsei:0S")
            else:
                copy = rng.random() < 0.4
                if copy:  # the guardian is sent to 税務課 for a 課税証明書 first
                    self.zeimu_cert(self.clock(d) - TD(minutes=40), g)
                spec = "T form_enjo:8F id:2" + (" copy:2" if copy else "")
                _, c = self.flow(KYOIKU, kid, self.clock(d), spec, q=5, extra={"id": {"g": g}})
            if not copy:
                self.flow(KYOIKU, kid, self.clock(d), "income:6+5", c)
                self.tax_reply(g, d)
            self.flow(KYOIKU, kid, self.clock(d), "koza:3+6", c)

        self.many(130, kids, enjo, lo=dt.date(2025, 4, 7), hi=dt.date(2025, 5, 30))

    def run(self) -> None:
        self.populate()
        sizes = dict(tennyu=115, tenshutsu=110, tenkyo=95, birth=34, death=58, marriage=22)
        plan = [(self.day(peaky=k[:3] == "ten"), k) for k, n in sizes.items() for _ in range(n)]
        plan.sort()
        for d, k in plan:
            getattr(self, f"ev_{k}")(d)
        self.routine()
        self.care_flows()
        self.shogai_flows()
        self.seikatsu_flows()
        self.kyoiku_flows()


# ---------------------------------------------------------------------- writers
# How each department's copy writes a resident: name (separator z/h/n = full-width space, space,
# none; 1 = keeps 外字 such as 髙), kana (z/h/n, half = half-width, hira = hiragana), date of birth
# (strftime; W/K = 和暦 letter/kanji; D = a date), sex, address (prefix digit, k/a = 漢数字 or
# arabic 丁目, hyphen style, z = full-width digits, i = 方書 inline, ヶ), 方書 style (m = often
# missing), phone (.n/.h/.z = no hyphens / some without / full-width), bank account (format and
# which account; ? = either), My Number, income (y3/y50 = some copies from another year).
STYLE_TEXT = """
市民課 z1 z %Y-%m-%d 男女 1k0 0 home - plain plain
税務課 h0 half W - 2a0i - home~.h split0 plain plain
国保年金課 z1 - %Y/%m/%d - 1a1z 1 mob.z sp? sp4 y3
こども家庭課 n0 h D - 0a1 2m mob slash? miss y50
介護保険課 z1 n %Y%m%d 12 1k0zヶ 3 home.n split1 - -
障害福祉課 h0 hira %Y-%m-%d MF 0a2i - mob zengin0 miss7 -
生活支援課 z1 - K - 1k0i - mob sp0 - -
教育委員会 z1 z %Y/%-m/%-d 男女 0k2 - guardian - - -
"""
STYLE_KEYS = "name kana dob sex addr kata tel bank mynum income".split()
STYLES = {
    ln.split()[0]: dict(zip(STYLE_KEYS, ln.split()[1:], strict=True))
    for ln in STYLE_TEXT.split("\n")
    if ln
}
SEP = {"z": "\u3000", "h": " ", "n": ""}


def name_of(sur, giv, sep="\u3000", itaiji=True) -> str:
    return f"{sur[2] if itaiji and sur[2] else sur[0]}{sep}{giv[0]}"


def bank_of(p: Person, pick: int):
    if not p.banks:
        return None
    b = p.banks[min(pick, len(p.banks) - 1)]
    return (*b[:5], f"{(int(b[5]) * 7 + 13) % 10**7:07d}") if p.flags["stale_bank"] else b


def tel_of(p: Person, mobile: bool, rng: random.Random) -> str:
    return p.mobile if (mobile ^ (rng.random() < 0.2)) else p.home


def head_of(town: Town, p: Person, dept: str, d: dt.date) -> str:
    h = town.hh[p.hid]
    head = next((m for m in h.members if m.rel == "世帯主"), h.members[0])
    return name_of(town.view(dept, head, d)[1], head.giv, itaiji=dept in (SHIMIN, KOKUHO))


def fields(town: Town, dept: str, p: Person, d: dt.date, rng: random.Random, g=None) -> dict:
    """The resident's data as this department's copy holds it, under its own column names."""
    s, (addr, sur) = STYLES[dept], town.view(dept, p, d)
    kana = f"{sur[1]}{SEP.get(s['kana'][0], ' ')}{p.giv[1]}"
    kana = {"half": hankaku(kana), "hira": hiragana(kana)}.get(s["kana"], kana)
    w, a, k, t, bs = s["dob"], s["addr"], s["kata"], s["tel"], s["bank"]
    dob = p.dob if w == "D" else wareki(p.dob, w == "W") if w in "WK" else p.dob.strftime(w)
    inline = (" " if dept == SHOGAI else "\u3000") if "i" in a else None
    kw = {"kanji": a[1] == "k", "hy": int(a[2]), "zen": "z" in a, "ke": "ヶ" if "ヶ" in a else "ケ"}
    kata = "" if k == "-" or (k.endswith("m") and p.aid % 10 < 3) else fmt_kata(addr, int(k[0]))
    tel = g.mobile if g else p.home if t == "home" else tel_of(p, t.startswith("mob"), rng)
    if t.endswith(".n") or (t.endswith(".h") and rng.random() < 0.3):
        tel = tel.replace("-", "")
    tel = (
        "" if dept == SHIMIN and p.age(d) < 18 else tel.translate(ZEN) if t.endswith(".z") else tel
    )
    bank = bank_of(p, int(bs[-1]) if bs[-1].isdigit() else int(rng.random() < 0.3))
    bcols = [bank[0], bank[2], bank[4], bank[5]] if bank else [""] * 4
    if dept == KAIGO and bank:
        bcols[2] = "1" if bank[4] == "普通" else "2"
    one = {"sp": " ".join(bcols), "sl": "/".join(bcols)}.get(bs[:2], "") if bank else ""
    if bs.startswith("zengin") and bank:
        one = f"{bank[1]}-{bank[3]}-{1 if bank[4] == '普通' else 2}-{bank[5]}"
    mn, m = p.mynum, s["mynum"]
    if m != "plain" and (p.flags["no_mynum"] or (m == "miss7" and p.aid % 7 == 0)):
        mn = None
    elif m == "sp4":
        mn = f"{mn[:4]} {mn[4:8]} {mn[8:]}"
    inc = p.income
    if (s["income"] == "y3" and rng.random() < 0.03) or (s["income"] == "y50" and p.aid % 50 == 0):
        inc += 120000  # a copy from another fiscal year
    v = {"KANA": kana, "DOB": dob, "KATA": kata, "TEL": tel, "MYNUM": mn, "INCOME": inc}
    v["NAME"] = name_of(sur, p.giv, SEP[s["name"][0]], s["name"][1] == "1")
    v["SEX"] = s["sex"][p.sex != "男"] if s["sex"] != "-" else ""
    v["ADDR"] = fmt_addr(addr, int(a[0]), inline=inline, **kw)
    v["HH"], v["REL"] = head_of(town, p, dept, d), p.rel
    out, banks = {}, iter(bcols)
    for fld, sdept, col, _file in SILOS:
        if sdept == dept:
            out[col] = v[fld] if fld != "BANK" else next(banks) if bs.startswith("split") else one
    return out


def events(town: Town, dept: str, by_time: bool = False) -> list[Ev]:
    lo, hi = dt.datetime(2025, 4, 1), dt.datetime(2026, 4, 1)
    evs = [e for e in town.ev[dept] if lo <= e.ts < hi]  # the export covers 令和7年度
    return sorted(evs, key=(lambda e: e.ts) if by_time else (lambda e: (e.case, e.ts)))


def to_csv(recs: list[dict], cols: str, path: Path, enc: str = "utf-8") -> int:
    df = pd.DataFrame(recs, columns=cols.split())
    for c in ("総所得金額", "所得額"):
        if c in df.columns:
            df[c] = df[c].astype("Int64")
    if path.suffix == ".parquet":
        df.to_parquet(path, index=False)
    else:
        df.to_csv(path, index=False, encoding=enc)
    return len(df)


def write_xes(town: Town, path: Path, rng: random.Random) -> int:
    """国保年金課: XES with start/complete rows, 宛名番号 with a check digit."""

    def attr(k, v):
        return f"      <string key={quoteattr(k)} value={quoteattr(str(v))}/>"

    uri = "http://www.xes-standard.org/{}.xesext"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<log xes.version="1.0">']
    for name, prefix in [("Concept", "concept"), ("Time", "time"), ("Lifecycle", "lifecycle")]:
        lines.append(f'  <extension name="{name}" prefix="{prefix}" uri="{uri.format(prefix)}"/>')
    lines.append(f'  <extension name="Organizational" prefix="org" uri="{uri.format("org")}"/>')
    lines.append('  <string key="concept:name" value="国保・年金 業務ログ (KOKUHO-NX v3.2)"/>')
    rows, last = 0, None
    for e in events(town, KOKUHO):
        if e.case != last:
            lines += ["  </trace>"] * (last is not None) + [
                "  <trace>",
                attr("concept:name", e.case),
            ]
            last = e.case
        data = fields(town, KOKUHO, e.p, e.ts.date(), rng) if e.data else {}
        phases = [("start", e.ts), ("complete", e.end)] if e.end else [("complete", e.ts)]
        for i, (lc, ts) in enumerate(phases):
            lines += ["    <event>", attr("concept:name", e.act), attr("lifecycle:transition", lc)]
            lines.append(
                f'      <date key="time:timestamp" value="{ts:%Y-%m-%dT%H:%M:%S}.000+09:00"/>'
            )
            lines += [attr("org:resource", e.res), attr("宛名番号", check_digit(e.p.aid))]
            lines += [attr(k, v) for k, v in data.items() if v not in ("", None) and i == 0]
            lines.append("    </event>")
            rows += 1
    path.write_text("\n".join([*lines, "  </trace>", "</log>", ""]), encoding="utf-8")
    return rows


def write_all(town: Town, out: Path) -> dict[str, int]:
    rng = random.Random(4242)
    city = out / "city"
    city.mkdir(parents=True, exist_ok=True)
    n, recs = {}, []
    for e in events(town, SHIMIN, by_time=True):  # 市民課: ISO 'T', start and end, 役割区分
        x, fmt = e.extra or {}, "%Y-%m-%dT%H:%M:%S"
        f = x.get("届出人氏名", "")
        r = {"受付番号": e.case, "宛名番号": f"{e.p.aid:08d}", "世帯番号": e.p.hid, "手続名": e.act}
        r |= {"開始日時": e.ts.strftime(fmt), "終了日時": e.end.strftime(fmt) if e.end else ""}
        r |= {"担当者": e.res, "役割区分": e.role, "代理人住所": x.get("代理人住所", "")}
        r["窓口番号"] = rng.choice("2345") if e.role == "職員" else ""
        r["届出人氏名"] = name_of(f.sur, f.giv) if isinstance(f, Person) else f
        recs.append(r | (fields(town, SHIMIN, e.p, e.ts.date(), rng) if e.data else {}))
    cols = (
        "受付番号 宛名番号 世帯番号 手続名 開始日時 終了日時 担当者 役割区分 窓口番号 氏名 氏名カナ"
    )
    cols += " 生年月日 性別 住所 方書 世帯主 続柄 電話番号 個人番号 届出人氏名 代理人住所"
    n[SHIMIN] = to_csv(recs, cols, city / FILES[SHIMIN])

    recs = []  # 税務課: CP932, '2025/04/01 9:05', integer 宛名番号
    for e in events(town, ZEIMU):
        r = {"受付NO": e.case, "宛名番号": e.p.aid, "処理": e.act, "担当": e.res}
        r["処理日時"] = f"{e.ts:%Y/%m/%d} {e.ts.hour}:{e.ts:%M}"
        r["事業所電話"] = (e.extra or {}).get("事業所電話", "")
        if e.data:
            r |= fields(town, ZEIMU, e.p, e.ts.date(), rng)
            if not e.act.startswith("口振"):
                r |= dict.fromkeys(["金融機関", "支店", "種別", "口座番号"], "")
        recs.append(r)
    cols = (
        "受付NO 宛名番号 処理 処理日時 担当 氏名 カナ氏名 生年月日 住所 電話番号 金融機関 支店 種別"
    )
    n[ZEIMU] = to_csv(
        recs, cols + " 口座番号 総所得金額 個人番号 事業所電話", city / FILES[ZEIMU], "cp932"
    )
    n[KOKUHO] = write_xes(town, city / FILES[KOKUHO], rng)

    recs = []  # こども家庭課: Parquet, the resident's data on every row
    for e in events(town, KODOMO):
        sp = next(
            (m for m in town.hh[e.p.hid].members if m.rel in ("妻", "夫") and m is not e.p), None
        )
        r = {
            "受付番号": e.case,
            "宛名番号": e.p.aid,
            "処理内容": e.act,
            "処理日時": e.ts,
            "担当": e.res,
        }
        r["配偶者氏名"] = name_of(sp.sur, sp.giv, "", itaiji=False) if sp else None
        recs.append(r | fields(town, KODOMO, e.p, e.ts.date(), rng))
    cols = "受付番号 宛名番号 処理内容 処理日時 担当 氏名 フリガナ 生年月日 住所 方書 電話番号 振込先口座"
    n[KODOMO] = to_csv(recs, cols + " 個人番号 所得額 配偶者氏名", city / FILES[KODOMO])

    recs = [  # 介護保険課: an event log without resident data (処理日 + HHMM) ...
        {
            "受付番号": e.case,
            "宛名番号": f"{e.p.aid:010d}",
            "処理内容": e.act,
            "処理日": f"{e.ts:%Y/%m/%d}",
            "処理時刻": f"{e.ts:%H%M}",
            "担当者": e.res,
        }
        for e in events(town, KAIGO)
    ]
    n[KAIGO] = to_csv(
        recs, "受付番号 宛名番号 処理内容 処理日 処理時刻 担当者", city / FILES[KAIGO]
    )
    recs, seen = [], {e.p.aid for e in town.ev[KAIGO]}
    home = "ひがし野市大字新田1500番地 特別養護老人ホームひがし野苑"
    for p in sorted(town.people, key=lambda q: q.aid):  # ... and its 対象者台帳, one row each
        if p.age(FY_END) >= 65 or p.aid in seen:
            upd = min(FY_END, p.until or FY_END) - TD(days=p.aid * 37 % 300)
            r = {"宛名番号": f"{p.aid:010d}", "被保険者番号": f"{p.aid * 7919 % 10**10:010d}"}
            r |= fields(town, KAIGO, p, FY_END, rng) | {"要介護度": p.care or ""}
            r |= {
                "施設所在地": home if p.flags.get("facility") else "",
                "更新日": f"{upd:%Y/%m/%d}",
            }
            recs.append(r | {"資格状態": "喪失" if p.until else "資格有"})
    pd.DataFrame(recs).to_csv(city / KAIGO_MASTER, index=False, encoding="utf-8")
    n[KAIGO + "（台帳）"] = len(recs)

    recs = []  # 障害福祉課: English vendor package, US dates, 全銀 codes, hiragana kana
    for e in events(town, SHOGAI):
        r = {"CaseID": e.case, "ResidentNo": e.p.aid, "Activity": e.act, "Staff": e.res}
        r["Timestamp"] = f"{e.ts:%m/%d/%Y %I:%M %p}"
        if e.act == CAT[SHOGAI]["cert"][0]:
            r["ProviderPayeeAccount"] = f"0133-212-1-{e.p.aid * 31 % 10**7:07d}"
        recs.append(r | (fields(town, SHOGAI, e.p, e.ts.date(), rng) if e.data else {}))
    cols = "CaseID ResidentNo Activity Timestamp Staff Name NameKana BirthDate Sex Address Phone"
    n[SHOGAI] = to_csv(
        recs, cols + " BankAccount MyNumber ProviderPayeeAccount", city / FILES[SHOGAI]
    )

    recs = []  # 生活支援課: keyed by 世帯番号 + member name + birth date, 和暦 timestamps
    for e in events(town, SEIKATSU):
        f = fields(town, SEIKATSU, e.p, e.ts.date(), rng)
        r = {"ケース番号": e.case, "世帯番号": f"{e.p.hid:07d}", "処理内容": e.act, "担当CW": e.res}
        r |= {"世帯員氏名": f["世帯員氏名"], "生年月日": f["生年月日"]}
        r["処理日時"] = wareki(e.ts.date(), False) + f" {e.ts.hour}時{e.ts:%M}分"
        r["扶養義務者氏名"] = (e.extra or {}).get("扶養義務者氏名", "")
        recs.append(r | (f if e.data else {}))
    cols = (
        "ケース番号 世帯番号 世帯員氏名 生年月日 処理内容 処理日時 担当CW 住所 電話番号 世帯主氏名"
    )
    n[SEIKATSU] = to_csv(recs, cols + " 続柄 振込先 扶養義務者氏名", city / FILES[SEIKATSU])

    recs = []  # 教育委員会: numbered steps, the child's 宛名番号, the guardian's columns beside
    for e in events(town, KYOIKU):
        r = {"受付番号": e.case, "宛名番号": f"{e.p.aid:08d}", "処理": e.act, "担当": e.res}
        r["日時"] = f"{e.ts:%Y-%m-%d %H:%M}"
        if e.data:
            g = (e.extra or {}).get("g") or town.hh[e.p.hid].members[0]
            r |= fields(town, KYOIKU, e.p, e.ts.date(), rng, g) | {
                "保護者氏名": name_of(g.sur, g.giv)
            }
        if e.act == CAT[KYOIKU]["form_tennyu"][0]:
            place = rng.choice(["さいたま市大宮区", "川越市", "東京都練馬区"])
            r["前在籍校所在地"] = f"{place}{rng.randint(1, 5)}丁目{rng.randint(1, 20)}番"
        recs.append(r)
    cols = "受付番号 宛名番号 処理 日時 担当 児童氏名 児童カナ 生年月日 性別 住所 連絡先電話 保護者氏名"
    n[KYOIKU] = to_csv(recs, cols + " 前在籍校所在地", city / FILES[KYOIKU])

    recs = []  # 環境課: no resident key; what the caller said, in the caller's words
    styles = [{"pref": 0, "kanji": False, "hy": 1}, {"pref": 1}, {"pref": 0, "hy": 2}]
    for e in events(town, KANKYO):
        r = {"受付番号": e.case, "処理": e.act, "担当": e.res}
        r["処理日時"] = f"{e.ts.year}/{e.ts.month}/{e.ts.day} {e.ts:%H:%M:%S}".replace(" 0", " ")
        r["振込先（収集業者）"] = (e.extra or {}).get("振込先（収集業者）", "")
        if e.data:
            p, d = e.p, e.ts.date()
            addr, sur = town.view("now", p, d)
            r["申込者氏名"] = name_of(sur, p.giv, rng.choice(["", " ", "\u3000"]), False)
            r |= {"住所": fmt_addr(addr, **rng.choice(styles)), "電話": tel_of(p, True, rng)}
            if "犬" in e.act or "注射" in e.act:  # the dog register misses moves
                daddr = town.view(KANKYO, p, d)[0]
                r["飼養場所"] = "同上" if daddr is addr else fmt_addr(daddr, 0, False, 1)
        recs.append(r)
    cols = "受付番号 処理 処理日時 担当 申込者氏名 住所 電話 飼養場所 振込先（収集業者）"
    n[KANKYO] = to_csv(recs, cols, city / FILES[KANKYO], "utf-8-sig")

    toml = ["# ひがし野市: one file per department system (介護保険課 exports two)"]
    for dept, fn in [*FILES.items(), (KAIGO, KAIGO_MASTER)]:
        toml += [f'[files."{fn}"]', f'department = "{dept}"', ""]
    (city / "procmine.toml").write_text("\n".join(toml), encoding="utf-8")
    return n


def write_truth(out: Path) -> None:
    t = out / "truth"
    t.mkdir(parents=True, exist_ok=True)
    cat = [(d, lab, cl, ng) for d, acts in CAT.items() for lab, cl, ng in acts.values()]
    aliases = [(d, a, CAT[d][k][0]) for d, a, k, _ in ALIASES]
    tables = [
        ("duplicates", "cluster department activity", sorted((c, d, a) for d, a, c, _ in cat if c)),
        ("negatives", "group department activity", sorted((g, d, a) for d, a, _, g in cat if g)),
        ("aliases", "department alias activity", aliases),
        ("silos", "field department column file", SILOS),
        ("decoys", "department column", DECOYS),
    ]
    for name, cols, rows in tables:
        pd.DataFrame(rows, columns=cols.split()).to_csv(t / f"{name}.csv", index=False)


def check(out: Path) -> None:
    """Every truth activity occurs verbatim in its department's export; every column exists."""
    labels: dict[str, set] = {d: set() for d in DEPTS}
    columns: dict[str, set] = {}
    for dept, fn in [*FILES.items(), (KAIGO, KAIGO_MASTER)]:
        path = out / "city" / fn
        if fn.endswith(".xes"):
            attrs = [a for ev in ET.parse(path).getroot().iter("event") for a in ev]
            keys = {a.get("key") for a in attrs}
            acts = {a.get("value") for a in attrs if a.get("key") == "concept:name"}
        else:
            enc = "cp932" if dept == ZEIMU else "utf-8-sig"
            df = (
                pd.read_parquet(path) if fn.endswith("parquet") else pd.read_csv(path, encoding=enc)
            )
            keys = set(df.columns)
            act = [c for c in ("手続名", "処理", "処理内容", "Activity") if c in keys]
            acts = set(df[act[0]].dropna()) if act else set()
        labels[dept] |= acts
        columns[fn] = keys
    problems, t = [], out / "truth"
    for name, col in [("duplicates", "activity"), ("negatives", "activity"), ("aliases", "alias")]:
        for r in pd.read_csv(t / f"{name}.csv", dtype=str).itertuples():
            if getattr(r, col) not in labels[r.department]:
                problems.append(f"{name}.csv: {r.department} {getattr(r, col)!r} not exported")
    for r in pd.read_csv(t / "silos.csv", dtype=str).itertuples():
        if r.column not in columns[r.file]:
            problems.append(f"silos.csv: {r.file} has no column {r.column}")
    files = [*FILES.items(), (KAIGO, KAIGO_MASTER)]
    for dept, col in DECOYS:
        if not any(col in columns[fn] for d, fn in files if d == dept):
            problems.append(f"decoys.csv: {dept} has no column {col}")
    dup, neg = (pd.read_csv(t / f"{x}.csv") for x in ("duplicates", "negatives"))
    both = set(zip(dup.department, dup.activity, strict=True))
    both &= set(zip(neg.department, neg.activity, strict=True))
    problems += [f"in both duplicates and negatives: {x}" for x in sorted(both)]
    if problems:
        sys.exit("truth check failed:\n  " + "\n  ".join(problems))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="ひがし野市: a held-out test town for procmine")
    ap.add_argument("out", type=Path, help="output folder (writes OUT/city and OUT/truth)")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    town = Town(a.seed)
    town.run()
    n = write_all(town, a.out)
    write_truth(a.out)
    check(a.out)
    rows = sum(v for k, v in n.items() if k != KAIGO + "（台帳）")
    detail = ", ".join(f"{k} {v}" for k, v in n.items())
    print(f"ひがし野市: {len(town.people)} residents, {rows} event rows, {len(DEPTS)} departments")
    print(f"  rows per file: {detail}")


if __name__ == "__main__":
    main()
