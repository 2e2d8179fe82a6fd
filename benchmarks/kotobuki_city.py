"""ことぶき市 (Kotobuki-shi): a held-out test town for procmine.

Written by an outside reviewer without reading procmine's source, generator or word lists; the
domain comes from /work/shared/domain/koyo-city.md and general knowledge of Japanese 基幹系
systems. The truth is fixed by this script and was written before procmine ever ran on the town.

What the town tests
- ~4,200 residents, ~23k events, R7年度 (2025-04-01 .. 2026-03-31), eight systems: 市民課, 税務課,
  保険年金課, 保育課, 学務課, 高齢者支援課 (後期高齢・介護), 障害福祉課 and 上下水道局 (outside the
  core: its steps are hard negatives, except 口座振替受付).
- Life events: 婚姻 / 離婚 with 氏の変更 (each department re-keys the new surname, or never hears
  of it), 転居 within the city, 保育所入所, 就学・就学援助, 国民年金 種別変更, 後期高齢者医療
  (75歳到達), 介護認定, plus 転入, 転出 and 死亡.
- No common person key: 宛名番号 (8 digits, shared only by 市民課 and 税務課), 'H-000123'
  (保険年金課), integers (保育課, 高齢者支援課, 障害福祉課), 'KJ2025-0042' (学務課, keyed by the
  child), '07-100123' (上下水道局); linking needs name + kana + birth date (+ address). Birth dates
  as ISO, 「昭和55年3月2日」, 'S55.03.02', yyyymmdd, a Parquet date and 1980/03/02.
- Labels: 基幹系 jargon (異動入力, 資格得喪入力, 賦課更正, 認定入力, 宛名照会, 口座登録); 市民課 and
  保育課 log screen steps (「画面：宛名検索」), the others a few coarse steps. 保険年金課's vendor
  package exports an English step code (処理CD: TKT, RCPT, IDCHK …) AND a Japanese description
  (処理内容): the ACTIVITY is 処理内容, and the truth names its labels.
- Formats: start + end columns (市民課, 保険年金課, 保育課), one timestamp (税務課 Shift_JIS CSV,
  障害福祉課 with 和暦 times, 高齢者支援課 XES), date + time-of-day columns (学務課, 上下水道局),
  one Parquet file; no procmine.toml (each export names its department).
- Resident data kept by several departments, with drift: old surname after 婚姻, stale address
  after 転居 (hand-kept copies in 障害福祉課/学務課/保育課; 保険年金課/高齢者支援課 get 住基 overnight),
  住所 表記揺れ, 異体字, half-width kana, hiragana ふりがな, home vs mobile phone, second bank
  accounts, last year's income, missing My Numbers; and decoy columns that look like resident
  fields but describe someone or something else (配偶者氏名, 児童生年月日 in the guardian's row,
  勤務先電話, 入所希望園住所, 緊急連絡先, 保護者氏名 in the child's row, 介助者氏名 …).

Truth (OUT/truth): duplicates.csv follows koyo-city.md §3.6: each counter's queue ticket, identity
check, My Number check, the resident writing the same data again, re-keying 住基 data, re-keying
the new surname, register look-ups (住記照会), income inquiries (課税照会), account capture,
guidance, in-house certificates demanded as attachments; 市民課's 異動入力/氏変更入力 is the
authoritative update, in no cluster. negatives.csv: similar words, different work (審査, 訪問,
通知, 交付, 名義, 照会, 精算 …); aliases.csv: old-terminal spellings; silos.csv; decoys.csv. The
script stops if a truth label does not occur verbatim in the exports or a truth column is missing.

Usage: .venv/bin/python benchmarks/kotobuki_city.py OUT [--seed 7]  (writes OUT/city, OUT/truth)
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pandas as pd

# fmt: off
Y0, Y1 = dt.date(2025, 4, 1), dt.date(2026, 3, 31)
HOLIDAYS = {dt.date(2025, m, d) for m, d in [(4, 29), (5, 5), (5, 6), (7, 21), (8, 11), (9, 15),
                                             (9, 23), (10, 13), (11, 3), (11, 24), (12, 29),
                                             (12, 30), (12, 31)]}
HOLIDAYS |= {dt.date(2026, m, d) for m, d in [(1, 1), (1, 2), (1, 12), (2, 11), (2, 23), (3, 20)]}
WORKDAYS = [Y0 + dt.timedelta(i) for i in range((Y1 - Y0).days + 1)]
WORKDAYS = [d for d in WORKDAYS if d.weekday() < 5 and d not in HOLIDAYS]

D = {"SM": "市民課", "ZM": "税務課", "HK": "保険年金課", "HO": "保育課", "GK": "学務課",
     "KR": "高齢者支援課", "SF": "障害福祉課", "SD": "上下水道局"}
FILES = {"SM": "jyuki_sousa_log.csv", "ZM": "zeimu_kadai_sjis.csv",
         "HK": "kokuho_nenkin_export.csv", "HO": "hoiku_riyou.parquet", "GK": "gakureibo_shori.csv", "KR": "kaigo_kouki.xes",
         "SF": "shogai_fukushi.csv", "SD": "suido_ryokin.csv"}

# Activity labels per department: key -> label as exported.  Keys starting with "Q" are ticket
# machines, "F" the resident writing a form, "B" batch jobs; everything else is staff work.
L = {k: dict(x.split("=") for x in v.split()) for k, v in {
    "SM": "Q=番号札発券 INFO=総合案内 F=住民異動届記入 FSEAL=印鑑登録申請書記入 ID=本人確認 IDK=届出人確認（戸籍法） LOOK=画面：宛名検索 "
          "TSHO=画面：転出証明書確認 AUTH=画面：異動入力 SETAI=画面：世帯編成 BCS=画面：住基ネット送信 CARD=画面：カード継続利用 "
          "SLIP=異動連絡票出力 GUIDE=関連手続き案内 OKUYAMI=おくやみ手続き案内 COPY=住民票の写し交付 SEAL=画面：印鑑登録 "
          "BSEALV=画面：印鑑登録廃止 KRCV=戸籍届書受付 KREV=戸籍届審査 KENT=戸籍記載・決裁 NAME=画面：氏変更入力 DEL=画面：消除入力 "
          "CREM=火葬許可証交付",
    "ZM": "Q=受付票発行 ID=申請者確認 NUM=番号確認 LOOK=宛名照会 CERT=課税証明書交付 SHIN=住民税申告受付 ACCT=口座登録 "
          "FHEIR=相続人代表者指定届記入 HEIR=相続人代表者登録 BKOUSEI=賦課更正 REPLY=課税状況照会回答 BNOTICE=納税通知書発送",
    "HK": "Q=整理券発行 F=届書記入（国保） FNP=年金届書記入 ID=本人確認（窓口） NUM=番号確認（マイナンバー） LOOK=住記照会（世帯） "
          "SHAHO=社保喪失証明確認 KEY=資格得喪入力 RENAME=氏名変更入力 NPCHG=国民年金種別変更入力 BNPSEND=年金事務所進達 "
          "CARD=資格確認書交付 BTAX=所得照会（国保税） ACCT=口座振替登録 GUIDE=他課手続き案内 SOSAI=葬祭費申請受付 B75=資格喪失（年齢到達） "
          "BNP20=国民年金資格取得（職権） GAKU=学生納付特例申請受付 KOGAKU=高額療養費申請受付",
    "HO": "Q=受付番号発行 F=入所申込書記入 FCHG=変更届記入 ID=身元確認 NUM=番号確認（保護者） LOOK=画面：世帯照会（住記） WORK=就労証明書確認 "
          "COPY=課税証明書添付確認 KEY=画面：保護者情報入力 RENAME=画面：保護者氏名変更 BTAX=課税状況照会 BADJ=利用調整 BNAITEI=内定通知発送 "
          "BFEE=保育料決定 ACCT=口座振替申出受付 SHODAKU=入所承諾書交付 GUIDE=必要手続き説明",
    "GK": "Q=窓口番号札 ID=保護者確認 F=転入学届記入 FCHG=異動届記入 FAID=就学援助申請書記入 LOOK=学齢簿照合（住記） KEY=学齢簿異動入力 "
          "RENAME=保護者氏名変更入力 DIST=通学区域判定 TENNYU=転入学通知書交付 TENGAKU=転学通知書交付 BHENSEI=学齢簿編製 "
          "KENSHIN=就学時健康診断 BNYUGAKU=入学通知書発送 COPY=課税証明書の提出依頼 BTAX=就学援助所得審査 ACCT=振込口座登録 "
          "BAID=就学援助認定通知",
    "KR": "Q=呼出番号発券 ID=来庁者確認 F=資格異動届記入 FNIN=認定申請書記入 NUM=個人番号確認 LOOK=宛名照会（住記） FUTAN=負担区分証明書受理 "
          "TOKUREI=住所地特例確認 KEY=資格異動入力 GUIDE=手続き案内 NINTEI=認定入力 CHOSA=認定調査（訪問） IKENQ=主治医意見書依頼 "
          "IKENR=主治医意見書受領 BICHIJI=一次判定 SHINSA=介護認定審査会 BRESULT=認定結果通知 BTAX=保険料段階判定（課税照会） "
          "ACCT=口座登録（保険料） BSEND=資格確認書送付 LOSS=資格喪失・保険料精算 RETURN=被保険者証返還受付 B75=資格取得（75歳到達） "
          "SOSAI=後期葬祭費申請受付",
    "SF": "Q=窓口受付（番号札） ID=本人確認書類の確認 NUM=マイナンバー確認 F=届出書記入 LOOK=住記照会 KEY=台帳住所更新 RENAME=台帳氏名変更 "
          "URA=手帳記載事項変更（裏書） BTAX=課税照会（所得区分） ACCT=給付口座登録 CHOSA=障害支援区分認定調査 SHINSA=市町村審査会 "
          "ISSUE=受給者証交付 RETURN=手帳返還受付",
    "SD": "START=使用開始受付 OPEN=開栓立会（訪問） CLOSE=閉栓・精算 MEIGI=使用者名義変更 ACCT=口座振替受付 REF=使用者情報照会",
}.items()}
HK_CODE = dict(x.split("=") for x in (
    "Q=TKT F=RCPT FNP=NPRCPT ID=IDCHK NUM=NUMCHK LOOK=JKREF SHAHO=SHACHK KEY=QUALIN "
    "RENAME=NMCHG NPCHG=NPCHG BNPSEND=NPSEND CARD=CARDISS BTAX=TAXREF ACCT=ACCREG GUIDE=GUIDE "
    "SOSAI=SOSAI B75=AGE75 BNP20=NP20 GAKU=GAKUTK KOGAKU=KOGAKU").split())
# Old-terminal / half-width spellings of the same step (label noise within one department).
ALIASES = {("ZM", "ID"): "申請者確認(窓口)", ("HK", "ID"): "本人確認(窓口)",
           ("SF", "ID"): "本人確認書類確認"}

DUP = {  # cluster -> [(dept, key)]
    "QUEUE": [(d, "Q") for d in ("SM", "ZM", "HK", "HO", "GK", "KR", "SF")],
    "ID": [("SM", "ID"), ("SM", "IDK"), ("ZM", "ID"), ("HK", "ID"), ("HO", "ID"), ("GK", "ID"),
           ("KR", "ID"), ("SF", "ID")],
    "MYNUMBER": [("ZM", "NUM"), ("HK", "NUM"), ("HO", "NUM"), ("KR", "NUM"), ("SF", "NUM")],
    "FORM": [("SM", "F"), ("SM", "FSEAL"), ("ZM", "FHEIR"), ("HK", "F"), ("HK", "FNP"),
             ("HO", "F"), ("HO", "FCHG"), ("GK", "F"), ("GK", "FCHG"), ("GK", "FAID"),
             ("KR", "F"), ("KR", "FNIN"), ("SF", "F")],
    "LOOKUP": [("SM", "LOOK"), ("ZM", "LOOK"), ("HK", "LOOK"), ("HO", "LOOK"), ("GK", "LOOK"),
               ("KR", "LOOK"), ("SF", "LOOK")],
    "KEY": [("HK", "KEY"), ("HO", "KEY"), ("GK", "KEY"), ("KR", "KEY"), ("SF", "KEY")],
    "RENAME": [("HK", "RENAME"), ("HO", "RENAME"), ("GK", "RENAME"), ("SF", "RENAME")],
    "INCOME": [("HK", "BTAX"), ("HO", "BTAX"), ("GK", "BTAX"), ("KR", "BTAX"), ("SF", "BTAX")],
    "ACCOUNT": [("ZM", "ACCT"), ("HK", "ACCT"), ("HO", "ACCT"), ("GK", "ACCT"), ("KR", "ACCT"),
                ("SF", "ACCT"), ("SD", "ACCT")],
    "GUIDE": [("SM", "GUIDE"), ("SM", "OKUYAMI"), ("HK", "GUIDE"), ("HO", "GUIDE"),
              ("KR", "GUIDE")],
    "COPY": [("HO", "COPY"), ("GK", "COPY")],
}
NEG = {  # group -> [(dept, key)]; at most one member of any duplicate cluster per group
    "審査": [("SM", "KREV"), ("KR", "SHINSA"), ("SF", "SHINSA"), ("GK", "BTAX")],
    "訪問": [("KR", "CHOSA"), ("SF", "CHOSA"), ("SD", "OPEN")],
    "通知": [("ZM", "BNOTICE"), ("HO", "BNAITEI"), ("GK", "BNYUGAKU"), ("KR", "BRESULT"),
             ("GK", "BAID")],
    "交付": [("SM", "COPY"), ("ZM", "CERT"), ("HK", "CARD"), ("HO", "SHODAKU"), ("GK", "TENNYU"),
             ("SF", "ISSUE"), ("KR", "BSEND"), ("SM", "CREM")],
    "名義・氏名": [("SD", "MEIGI"), ("HK", "RENAME")],
    "照会": [("SD", "REF"), ("ZM", "LOOK")],
    "課税照会と回答": [("ZM", "REPLY"), ("HO", "BTAX")],
    "住所判定": [("KR", "TOKUREI"), ("GK", "DIST"), ("SF", "LOOK")],
    "精算": [("SD", "CLOSE"), ("KR", "LOSS")],
    "更正・変更": [("ZM", "BKOUSEI"), ("HK", "NPCHG")],
}

SURNAMES = [tuple(x.split(":")) for x in (
    "佐藤:サトウ 鈴木:スズキ 高橋:タカハシ 田中:タナカ 伊藤:イトウ 渡辺:ワタナベ 山本:ヤマモト 中村:ナカムラ 小林:コバヤシ 加藤:カトウ 吉田:ヨシダ 山田:ヤマダ "
    "佐々木:ササキ 山口:ヤマグチ 松本:マツモト 井上:イノウエ 木村:キムラ 林:ハヤシ 斎藤:サイトウ 清水:シミズ 山崎:ヤマザキ 森:モリ 池田:イケダ 橋本:ハシモト "
    "阿部:アベ 石川:イシカワ 山下:ヤマシタ 中島:ナカジマ 石井:イシイ 小川:オガワ 前田:マエダ 岡田:オカダ 長谷川:ハセガワ 藤田:フジタ 後藤:ゴトウ 近藤:コンドウ "
    "村上:ムラカミ 遠藤:エンドウ 青木:アオキ 坂本:サカモト 福田:フクダ 太田:オオタ 西村:ニシムラ 藤井:フジイ 金子:カネコ 岡本:オカモト 藤原:フジワラ 三浦:ミウラ "
    "中野:ナカノ 原田:ハラダ 松田:マツダ 竹内:タケウチ 小野:オノ 菅原:スガワラ 千葉:チバ 桜井:サクライ 野口:ノグチ 大塚:オオツカ 都築:ツヅキ 宇佐美:ウサミ "
    "五十嵐:イガラシ 大久保:オオクボ 荻野:オギノ 東海林:ショウジ").split()]
ITAIJI = {"高橋": "髙橋", "山崎": "山﨑", "渡辺": "渡邊", "斎藤": "齋藤"}
GIVEN = {k: [tuple(x.split(":")) for x in v.split()] for k, v in {  # (sex, generation)
    ("M", 0): "清:キヨシ 茂:シゲル 勇:イサム 博:ヒロシ 実:ミノル 進:ススム 正男:マサオ 武:タケシ 昭:アキラ 弘:ヒロシ",
    ("M", 1): "誠:マコト 浩:ヒロシ 健一:ケンイチ 隆:タカシ 大輔:ダイスケ 直樹:ナオキ 哲也:テツヤ 拓也:タクヤ 和也:カズヤ 修:オサム 雄一:ユウイチ "
               "亮:リョウ",
    ("M", 2): "翔太:ショウタ 大翔:ヒロト 蓮:レン 悠真:ユウマ 湊:ミナト 陽翔:ハルト 樹:イツキ 颯太:ソウタ 悠人:ユウト 陸:リク 蒼:アオイ 律:リツ",
    ("F", 0): "幸子:サチコ 和子:カズコ 節子:セツコ 洋子:ヨウコ 恵子:ケイコ 京子:キョウコ 久子:ヒサコ 弘子:ヒロコ 美代子:ミヨコ 照子:テルコ",
    ("F", 1): "裕子:ユウコ 真由美:マユミ 恵美:エミ 直美:ナオミ 久美子:クミコ 陽子:ヨウコ 智子:トモコ 由美:ユミ 愛:アイ 彩:アヤ 麻衣:マイ 千尋:チヒロ",
    ("F", 2): "陽菜:ヒナ 結衣:ユイ 葵:アオイ 凛:リン 芽依:メイ さくら:サクラ 結菜:ユイナ 美咲:ミサキ 紬:ツムギ 杏:アン 心春:コハル 詩:ウタ",
}.items()}
TOWNS = [("寿町", 3), ("栄町", 3), ("若葉台", 4), ("旭ヶ丘", 3), ("本町", 2), ("緑町", 3),
         ("東雲", 2), ("桜木町", 3), ("大字上野", 0), ("大字平沢", 0)]
APTS = ["コーポ若葉", "ことぶきハイツ", "メゾン栄", "グランレジデンス寿", "サンライズ本町",
        "市営緑町住宅", "パークサイド東雲", "レオパレス桜木"]
BANKS = [("ことぶき銀行", "0158"), ("みなみ信用金庫", "1234"), ("東邦中央銀行", "0126"),
         ("ことぶき農協", "3045"), ("北関東銀行", "0129")]
BRANCHES = [("本店", "001"), ("寿支店", "012"), ("駅前支店", "015"), ("栄町支店", "021"),
            ("上野出張所", "033")]
NURSERIES = ["ことぶき市栄町1丁目5番3号", "ことぶき市若葉台2丁目14番1号", "ことぶき市本町1丁目2番8号",
             "ことぶき市東雲2丁目7番20号"]
CAREOFFICES = ["ことぶき市寿町1丁目9番2号", "ことぶき市桜木町3丁目1番15号", "ことぶき市緑町2丁目4番6号"]
ERAS = [(dt.date(2019, 5, 1), "令和", "R"), (dt.date(1989, 1, 8), "平成", "H"),
        (dt.date(1926, 12, 25), "昭和", "S"), (dt.date(1912, 7, 30), "大正", "T")]

# Per-department export formats (data, not logic).
CASE_FMT = {"SM": "J25-{:06d}", "ZM": "Z25{:05d}", "HK": "KK25-{:05d}", "HO": "HO-2025-{:04d}",
            "GK": "GK25{:04d}", "KR": "KR25-{:05d}", "SF": "SF-25-{:04d}", "SD": "W25{:05d}"}
ADDR_STYLE = {"SM": "juki", "ZM": "juki", "HK": "hy", "HO": "mix", "GK": "fwhy", "KR": "kaigo",
              "SF": "mix", "SD": "hy"}
ADDR_FMT = {  # style -> (丁目 address, 大字 + 番地 address)
    "juki": ("ことぶき市{town}{kch}丁目{fban}番{fgo}号", "ことぶき市{town}{fban}番地"),
    "hy": ("{town}{ch}-{ban}-{go}", "{town}{ban}"),
    "mix": ("ことぶき市{town}{ch}丁目{ban}番{go}号", "ことぶき市{town}{ban}番地"),
    "fwhy": ("{town}{fch}－{fban}－{fgo}", "{town}{ban}"),
    "kaigo": ("ことぶき市{town}{ch}丁目{ban}-{go}", "ことぶき市{town}{ban}")}
KATA_FMT = {"SM": "{n}　{froom}号室", "ZM": "{n}　{froom}号室", "HK": "{hn}{room}", "HO": "{n}{room}号室",
            "GK": "{n} {room}", "KR": "{n}{room}", "SF": "{n} {room}号", "SD": "{n} {room}号室"}
KATA_MISS = {"HK": .15, "GK": .2, "HO": .1, "KR": .1, "SF": .15, "SD": .05}
BANK_FMT = {"ZM": "{0} {2} 普通 {4}", "HK": "{1}-{3}-1-{4}", "HO": "{0}／{2}／普通／{4}",
            "KR": "{0}{2} 普 {4}", "SF": "{0}・{2}・{4}", "SD": "{0} {2} {4}", "GK": "{0} {2} 普通 {4}"}
MYNUM_MISS = {"SM": .01, "ZM": .05, "HK": .08, "HO": .15, "KR": .1, "SF": .2}
DOB_FMT = {"SM": dt.date.isoformat, "ZM": lambda b: wareki(b, "kanji"),
           "HK": lambda b: wareki(b, "abbr"), "HO": lambda b: b, "GK": lambda b: b.strftime("%Y%m%d"),
           "KR": lambda b: wareki(b, "kanji"), "SF": lambda b: b.strftime("%Y/%m/%d")}
SEX_FMT = {"SM": "男女", "GK": "男女", "KR": "男女", "ZM": ("男性", "女性")}  # others: 1 / 2
ID_FMT = {  # each system's own person number (市民課 and 税務課 share the 8-digit 宛名番号)
    "HK": lambda n, p, s: f"H-{n * 3 + 100:06d}", "HO": lambda n, p, s: 20000 + n,
    "KR": lambda n, p, s: 1000000000 + n * 37, "SF": lambda n, p, s: 500 + n,
    "GK": lambda n, p, s: f"KJ{2025 if p.arrive else min(2025, p.dob.year + 7)}-{n:04d}",
    "SD": lambda n, p, s: f"{s.month:02d}-{100000 + n * 7}"}
STAFF = {"SM": "SM011 SM012 SM014 SM017 SM021 SM023 SM025", "ZM": "Z-03 Z-04 Z-07 Z-09",
         "HK": "u1043 u1051 u1077 u1102 u1120", "HO": "hoiku01 hoiku02 hoiku03", "GK": "学事01 学事02",
         "KR": "KR-11 KR-12 KR-15 KR-18", "SF": "障福05 障福06", "SD": "SD-3 SD-7 SD-8"}
NAME_SEP = {"SM": "　", "ZM": "　", "KR": "　", "HO": ""}  # others: one ASCII space
# fmt: on


def ymd(m: int, d: int) -> dt.date:
    """A day of the fiscal year R7 (April 2025 .. March 2026)."""
    return dt.date(2025 if m >= 4 else 2026, m, d)


def S(spec: str) -> list:
    """Counter steps written compactly: "Q F:6 ID:2" -> [("Q", 0), ("F", 6.0), ("ID", 2.0)]."""
    return [(k, float(m or 0)) for k, _, m in (x.partition(":") for x in spec.split())]


# fmt: off
FW_DIG = str.maketrans("0123456789-", "０１２３４５６７８９－")
KANJI_DIG = "〇一二三四五六七八九"
_HWK = dict(zip("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
                "ァィゥェォャュョッー\u3099\u309a\u3000 ",
                "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰﾞﾟ  ", strict=True))

# fmt: on


def halfwidth(s: str) -> str:
    return "".join(_HWK.get(c, c) for c in unicodedata.normalize("NFD", s))


def hiragana(s: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in s)


def wareki(d: dt.date, style: str) -> str:
    for start, name, ab in ERAS:
        if d >= start:
            y = d.year - start.year + 1
            if style == "kanji":
                return f"{name}{'元' if y == 1 else y}年{d.month}月{d.day}日"
            return f"{ab}{y:02d}.{d.month:02d}.{d.day:02d}"
    return d.isoformat()


def mynumber(r: random.Random) -> str:
    base = [r.randint(0, 9) for _ in range(11)]
    s = sum(base[11 - n] * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    rem = s % 11
    return "".join(map(str, base)) + str(0 if rem <= 1 else 11 - rem)


class Person:
    def __init__(self, pid, sex, dob, given, kgiven, sur, ksur, since, addr, head, rel):
        self.pid, self.sex, self.dob, self.given, self.kgiven = pid, sex, dob, given, kgiven
        self.names = [(since, sur, ksur)]
        self.addrs = [(since, addr)]
        self.hhs = [(since, head, rel)]
        self.arrive = self.gone = None  # 転入 within the year; 転出 / 死亡
        self.spouse = self.guardian = None
        self.tel_home = self.tel_mob = self.mynum = self.employer_tel = self.emergency = ""
        self.banks: list[tuple] = []
        self.income = 0
        self.kokuho = self.np1 = self.techo = self.itaiji = False

    def age(self, d: dt.date) -> int:
        return d.year - self.dob.year - ((d.month, d.day) < (self.dob.month, self.dob.day))

    def state(self, d: dt.date) -> dict:
        def pick(hist):
            cur = hist[0]
            for h in hist:
                if h[0] <= d:
                    cur = h
            return cur

        _, sur, ksur = pick(self.names)
        _, head, rel = pick(self.hhs)
        return {"sur": sur, "ksur": ksur, "addr": pick(self.addrs)[1], "head": head, "rel": rel}

    def alive(self, d: dt.date) -> bool:
        return (self.arrive is None or self.arrive <= d) and (self.gone is None or self.gone > d)


class Town:
    def __init__(self, seed: int):
        self.seed = seed
        self.r = random.Random(seed)
        self.people: list[Person] = []
        self.households: list[dict] = []
        self.ev: list[tuple] = []
        self.seq: dict = defaultdict(int)
        self.used: set = set()
        self.addr_used: set = set()
        self.nursery: set = set()
        self.staff = {d: v.split() for d, v in STAFF.items()}

    # ---------------------------------------------------------------- population
    def rnd_addr(self) -> tuple:
        r = self.r
        while True:
            t = r.randrange(len(TOWNS))
            ch = r.randint(1, TOWNS[t][1]) if TOWNS[t][1] else 0
            ban, go = (r.randint(1, 30), r.randint(1, 25)) if ch else (r.randint(100, 2400), 0)
            apt, room = (-1, "")
            if ch and r.random() < 0.3:
                apt, room = r.randrange(len(APTS)), f"{r.randint(1, 4)}0{r.randint(1, 8)}"
            a = (t, ch, ban, go, apt, room)
            if a[:4] not in self.addr_used or apt >= 0:
                self.addr_used.add(a[:4])
                return a

    def new_person(self, sex, age_or_dob, sur, ksur, since, addr, head, rel) -> Person:
        r = self.r
        dob = age_or_dob
        if not isinstance(dob, dt.date):  # an age in years
            dob = Y0 - dt.timedelta(days=int(dob * 365.25) + r.randint(0, 364))
        gen = 0 if dob.year < 1955 else 1 if dob.year < 1995 else 2
        given, kgiven = r.choice(GIVEN[(sex, gen)])
        p = Person(len(self.people), sex, dob, given, kgiven, sur, ksur, since, addr, head, rel)
        p.mynum = mynumber(r)
        p.itaiji = sur in ITAIJI and r.random() < 0.25
        a = p.age(Y0)
        if a >= 18:
            if r.random() < 0.75 or a < 30:
                p.tel_mob = f"0{r.choice('789')}0-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
            nb = 1 + (r.random() < 0.3)
            for _ in range(nb):
                b, br = r.choice(BANKS), r.choice(BRANCHES)
                p.banks.append((b[0], b[1], br[0], br[1], f"{r.randint(1000000, 9999999)}"))
            if a >= 65:
                p.income = r.randrange(400, 3200) * 1000
            else:
                p.income = r.choice([0, r.randrange(1000, 8000) * 1000])
                if p.income and r.random() < 0.8:
                    p.employer_tel = f"0287-{r.randint(20, 69)}-{r.randint(1000, 9999)}"
            p.kokuho = (65 <= a < 75 and r.random() < 0.7) or (a < 65 and r.random() < 0.16)
            p.np1 = 20 <= a < 60 and p.kokuho
        p.techo = r.random() < (0.1 if a >= 65 else 0.035)
        self.people.append(p)
        return p

    def make_household(self, kind: str, since: dt.date, addr=None) -> dict:
        r = self.r
        sur, ksur = r.choice(SURNAMES)
        addr = addr or self.rnd_addr()
        hid = len(self.households)
        tel = f"0287-{r.randint(20, 69)}-{r.randint(1000, 9999)}" if r.random() < 0.6 else ""
        mem = []

        def add(sex, age, rel):
            head = mem[0].pid if mem else None
            p = self.new_person(sex, age, sur, ksur, since, addr, head, rel)
            if head is None:
                p.hhs = [(since, p.pid, "世帯主")]
            mem.append(p)
            return p

        if kind == "old1":
            add(r.choice("MFF"), r.randint(65, 96), "世帯主")
        elif kind == "old2":
            h = add("M", r.randint(66, 92), "世帯主")
            w = add("F", h.age(Y0) - r.randint(0, 5), "妻")
            h.spouse, w.spouse = w.pid, h.pid
        elif kind == "single":
            add(r.choice("MF"), r.randint(19, 64), "世帯主")
        else:
            ha = r.randint(25, 62) if kind == "couple" else r.randint(28, 50)
            if kind == "single_parent":
                h = add("F", ha, "世帯主")
            else:
                h = add("M", ha, "世帯主")
                w = add("F", max(22, ha - r.randint(-2, 6)), "妻")
                h.spouse, w.spouse = w.pid, h.pid
            if kind != "couple":
                mother = mem[1] if len(mem) > 1 else mem[0]
                for _ in range(r.choice([1, 1, 2, 2, 2, 3])):
                    ca = r.randint(0, min(17, mother.age(Y0) - 21))
                    c = add(r.choice("MF"), ca, "子")
                    c.guardian = mother.pid
            if kind == "three_gen":
                gp = add(r.choice("MF"), ha + r.randint(25, 32), "母")
                if gp.sex == "M":
                    gp.hhs = [(since, mem[0].pid, "父")]
        for p in mem:
            p.tel_home = tel
            rel = self.people[p.spouse] if p.spouse is not None else None
            p.emergency = rel.tel_mob if rel and rel.tel_mob else ""
            p.emergency = p.emergency or f"080-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
            if mem[0].kokuho and p.age(Y0) < 20:
                p.kokuho = True
        hh = {"hid": hid, "members": mem, "addr": addr, "since": since}
        if since < Y0 and any(1 <= p.age(Y0) <= 5 for p in mem) and r.random() < 0.5:
            self.nursery.add(mem[1 if len(mem) > 1 and mem[1].hhs[0][2] == "妻" else 0].pid)
        self.households.append(hh)
        return hh

    def populate(self, n_target: int) -> None:
        r = self.r
        kinds = (
            ["old1"] * 12
            + ["old2"] * 14
            + ["single"] * 20
            + ["couple"] * 12
            + ["family"] * 27
            + ["single_parent"] * 5
            + ["three_gen"] * 10
        )
        while len(self.people) < n_target:
            since = dt.date(r.randint(1975, 2024), r.randint(1, 12), r.randint(1, 28))
            hh = self.make_household(r.choice(kinds), since)
            # moved within the city before the year (departments may still hold the old address)
            if r.random() < 0.16 and since.year < 2023:
                moved = dt.date(r.randint(max(2012, since.year + 1), 2024), r.randint(1, 12), 1)
                new = self.rnd_addr()
                for p in hh["members"]:
                    p.addrs.append((moved, new))
                hh["addr"] = new
            # married (and renamed) in the last three years before the year
            for p in hh["members"]:
                if p.hhs[0][2] == "妻" and p.age(Y0) < 45 and r.random() < 0.15:
                    wed = dt.date(r.randint(2022, 2024), r.randint(1, 12), r.randint(1, 28))
                    maiden = r.choice(SURNAMES)
                    p.names = [(p.names[0][0], *maiden), (wed, *p.names[0][1:])]

    # ---------------------------------------------------------------- time helpers
    def day(self, peak: bool = False, lo: dt.date = Y0, hi: dt.date = Y1) -> dt.date:
        days = [d for d in WORKDAYS if lo <= d <= hi]
        if not peak:
            return self.r.choice(days)
        w = [
            4 if (d.month == 4 and d.day <= 12) or (d.month == 3 and d.day >= 18) else 1
            for d in days
        ]
        return self.r.choices(days, w)[0]

    def wd(self, d: dt.date, n: int) -> dt.date:
        """n-th workday after d (0 = d itself or the next workday)."""
        later = [x for x in WORKDAYS if x >= d]
        return later[min(n, len(later) - 1)] if later else Y1

    def at(self, d: dt.date, lo: float = 8.6, hi: float = 16.3) -> dt.datetime:
        r = self.r
        h = (
            r.choices([8.6, 9, 10, 11, 12, 13, 14, 15, 16], [4, 13, 16, 13, 8, 12, 12, 10, 7])[0]
            if lo == 8.6
            else r.uniform(lo, hi)
        )
        h = min(max(h + r.random() * (0.9 if lo == 8.6 else 0), 8.5), 16.9)
        return dt.datetime.combine(d, dt.time(int(h), int((h % 1) * 60), r.randint(0, 59)))

    def dur(self, med: float) -> float:
        return max(0.2, med * self.r.lognormvariate(0, 0.4))

    def case(self, d: str) -> str:
        self.seq[d] += 1
        return CASE_FMT[d].format(self.seq[d])

    def clerk(self, d: str) -> str:
        return self.r.choice(self.staff[d])

    def visit(self, d, pid, t, steps, **kw) -> dt.datetime:
        """A counter visit under a new case id of department d."""
        return self.counter(d, self.case(d), pid, t, steps, **kw)

    # ---------------------------------------------------------------- event emission
    def emit(self, d, case, key, pid, s, mins, res, cap=False, x=None) -> dt.datetime:
        s = s.replace(microsecond=0)
        e = s + dt.timedelta(seconds=round(mins * 60))
        self.ev.append((s, d, case, key, pid, e, res, cap, x or {}))
        return e

    def counter(
        self, d, case, pid, t, steps, cap=("F", "KEY", "RENAME", "AUTH", "NAME"), x=None
    ) -> dt.datetime:
        """A visit to one counter: steps = [(key, median minutes) | (key, minutes, pid)]."""
        r = self.r
        clerk = r.choice(self.staff[d])
        peak = (t.month == 4 and t.day <= 12) or (t.month == 3 and t.day >= 18)
        for st in steps:
            key, med = st[0], st[1]
            who = st[2] if len(st) > 2 else pid
            if key.startswith("Q"):
                t = self.emit(d, case, key, who, t, 0, "発券機", x=x)
                t += dt.timedelta(minutes=self.dur(25 if peak else 8) * (1.6 if d == "SM" else 1))
                continue
            res = "申請者" if key.startswith("F") else "バッチ" if key.startswith("B") else clerk
            iscap = any(key.startswith(c) for c in cap)
            t = self.emit(d, case, key, who, t, self.dur(med), res, iscap, x)
            t += dt.timedelta(minutes=r.uniform(0.1, 1.5))
        return t

    def back(self, d, case, key, pid, day, n_days, med, res=None, cap=False, x=None):
        """A back-office step n_days workdays after day (case None: a case of its own)."""
        when, m = self.at(self.wd(day, n_days), 9.0, 16.5), self.dur(med)
        who = "バッチ" if key.startswith("B") else res or self.clerk(d)
        return self.emit(d, case or self.case(d), key, pid, when, m, who, cap, x)

    def walk(self, t, d) -> dt.datetime:
        return t + dt.timedelta(
            minutes=self.r.uniform(12, 18) if d == "GK" else self.r.uniform(2, 6)
        )

    # ---------------------------------------------------------------- helpers per department
    def visit_hk(self, t, p, kind, others=()):
        r = self.r
        c = self.case("HK")
        if kind == "kanyu":
            steps = S("Q F:6 ID:2 NUM:2 LOOK:2 SHAHO:3")
            steps += [("KEY", 4, q.pid) for q in [p, *others]]
            if p.np1 or 20 <= p.age(t.date()) < 60:
                steps += S("FNP:3 NPCHG:3")
            steps += S("CARD:3") + (S("ACCT:4") if r.random() < 0.4 else [])
            steps += S("GUIDE:3") if r.random() < 0.5 else []
        elif kind == "soshitsu":
            steps = S("Q F:5 ID:2 KEY:3")
        elif kind == "tenkyo":
            steps = S("Q ID:2 LOOK:2 CARD:3")
        elif kind == "marriage":
            steps = S("Q FNP:4 ID:2 NUM:2 NPCHG:4 RENAME:3")
            if p.kokuho and r.random() < 0.6:
                steps += S("F:4 KEY:3")
        else:  # death
            steps = S("Q ID:2 KEY:3 SOSAI:6")
        t = self.counter("HK", c, p.pid, t, steps)
        if kind == "kanyu":
            self.back("HK", c, "BTAX", p.pid, t.date(), r.randint(1, 3), 6)
        if kind in ("kanyu", "marriage") and (p.np1 or 20 <= p.age(t.date()) < 60):
            self.back("HK", c, "BNPSEND", p.pid, t.date(), r.randint(1, 5), 2)
        return t

    def visit_sf(self, t, p, kind):
        c = self.case("SF")
        steps = {
            "addr": S("Q ID:2 F:4 NUM:2 LOOK:2 KEY:3 URA:3"),
            "name": S("Q ID:2 F:4 RENAME:3 URA:3"),
            "death": S("Q ID:2 RETURN:2"),
        }[kind]
        return self.counter("SF", c, p.pid, t, steps)

    def water(self, day, p, kind, move_day=None):
        """上下水道局: 使用開始 by phone + 開栓, 閉栓・精算, or a call about the contract."""
        r, c, day1 = self.r, self.case("SD"), move_day or day
        if kind == "start":
            t0 = self.at(self.wd(day, 0) - dt.timedelta(days=r.randint(3, 10)), 9, 17)
            x = {"addr_at": day1}  # the new supply point
            self.emit("SD", c, "START", p.pid, t0, self.dur(4), "受付センター", x=x)
            t1, m = self.at(day1, 9, 16), self.dur(20)
            self.emit("SD", c, "OPEN", p.pid, t1, m, self.clerk("SD"), x=x)
            if r.random() < 0.5:
                self.back("SD", c, "ACCT", p.pid, day, r.randint(7, 25), 3)
        elif kind == "close":
            t1, m, x = self.at(day, 9, 16), self.dur(10), {"addr_at": day - dt.timedelta(1)}
            self.emit("SD", c, "CLOSE", p.pid, t1, m, self.clerk("SD"), x=x)
        else:
            t1, m = self.at(day, 9, 17), self.dur(4)
            self.emit("SD", c, kind, p.pid, t1, m, "受付センター", kind == "MEIGI")

    # ---------------------------------------------------------------- life events
    def ev_tennyu(self, n: int) -> None:
        r = self.r
        kinds = (
            ["single"] * 35
            + ["couple"] * 15
            + ["family"] * 35
            + ["old1"] * 6
            + ["old2"] * 5
            + ["single_parent"] * 4
        )
        for _ in range(n):
            day = self.day(peak=True)
            hh = self.make_household(r.choice(kinds), day)
            mem = hh["members"]
            for p in mem:
                p.arrive = day
            self.file_move(day, hh, mem, "tennyu")

    def file_move(self, day, hh, mem, kind):
        """A household's counter journey for 転入 / 転居 / 転出 at 市民課 and beyond."""
        r = self.r
        head = mem[0]
        t = self.at(day, 8.5, 11.5)
        c = self.case("SM")
        steps = [("Q", 0), ("F", 6 + 2 * len(mem)), ("ID", 2), ("LOOK", 1.5)]
        if kind == "tennyu":
            steps.append(("TSHO", 3))
        steps += [("AUTH", 3, p.pid) for p in mem]
        if kind == "tennyu" and len(mem) > 1:
            steps.append(("SETAI", 3))
        steps.append(("BCS", 0.3))
        if kind != "tenshutsu" and r.random() < 0.7:
            steps.append(("CARD", 5))
        steps += S("SLIP:2 GUIDE:4")
        if kind == "tennyu" and r.random() < 0.2:
            steps += S("FSEAL:3 SEAL:5")
        t = self.counter("SM", c, head.pid, t, steps)
        visits = []
        kok = [p for p in mem if p.kokuho]
        if kok and kind == "tennyu":
            visits.append(("HK", lambda t: self.visit_hk(t, kok[0], "kanyu", kok[1:])))
        elif kok and kind == "tenkyo" and r.random() < 0.3:
            visits.append(("HK", lambda t: self.visit_hk(t, kok[0], "tenkyo")))
        elif kok and kind == "tenshutsu":
            visits.append(("HK", lambda t: self.visit_hk(t, kok[0], "soshitsu")))
        olds = [p for p in mem if p.age(day) >= 65]
        if olds and kind == "tennyu":
            visits.append(("KR", lambda t: self.tennyu_kr(t, olds)))
        kids = [p for p in mem if p.age(day) <= 5]
        mother = next((p for p in mem if p.pid == (kids[0].guardian if kids else -1)), head)
        if (
            kids
            and kind in ("tennyu", "tenkyo")
            and (r.random() < 0.5 if kind == "tennyu" else mother.pid in self.nursery)
        ):
            visits.append(("HO", lambda t: self.hoiku_visit(t, mother, kids[-1], kind)))
        pupils = [p for p in mem if 6 <= p.age(day) <= 15]
        if pupils and (kind != "tenkyo" or r.random() < 0.5):
            visits.append(("GK", lambda t: self.gk_move(t, pupils, mother, kind)))
        techo = [p for p in mem if p.techo]
        if techo and kind == "tennyu":
            visits.append(("SF", lambda t: self.visit_sf(t, techo[0], "addr")))
        elif techo and kind == "tenkyo" and r.random() < 0.6:
            visits.append(("SF", lambda t: self.visit_sf(t, techo[0], "addr")))
        if r.random() < 0.3:
            r.shuffle(visits)
        for d, fn in visits:
            t = fn(self.walk(t, d))
        if kind == "tennyu":
            self.water(day, head, "start", day)
        elif kind == "tenkyo":
            self.water(day, head, "close")
            self.water(day, head, "start", day)
        else:
            self.water(day, head, "close")

    def tennyu_kr(self, t, olds):
        r = self.r
        for p in olds:
            c = self.case("KR")
            steps = S("Q ID:2 F:4 NUM:2 LOOK:2")
            if p.age(t.date()) >= 75:
                steps.append(("FUTAN", 3))
            if r.random() < 0.3:  # moving into a care home
                steps.append(("TOKUREI", 4))
            steps += S("KEY:4 GUIDE:3")
            t = self.counter("KR", c, p.pid, t, steps)
            self.back("KR", c, "BTAX", p.pid, t.date(), r.randint(2, 6), 5)
            self.back("KR", c, "BSEND", p.pid, t.date(), r.randint(3, 8), 1)
        return t

    def hoiku_visit(self, t, g, kid, kind):
        r = self.r
        c = self.case("HO")
        x = {"kid": kid.pid}
        if kind == "tenkyo":
            return self.counter("HO", c, g.pid, t, S("Q ID:2 FCHG:3 KEY:3"), x=x)
        steps = S("Q F:12 ID:2 NUM:2 LOOK:2 WORK:4")
        if kind == "tennyu" or r.random() < 0.3:
            steps.append(("COPY", 2))
        steps += S("KEY:5") + (S("GUIDE:4") if r.random() < 0.4 else [])
        t = self.counter("HO", c, g.pid, t, steps, x=x)
        self.nursery.add(g.pid)
        day = t.date()
        self.back("HO", c, "BTAX", g.pid, day, r.randint(2, 6), 5, x=x)
        if kind == "april":
            adj = ymd(1, 22)
            self.back("HO", c, "BADJ", g.pid, adj, 0, 10, x=x)
            self.back("HO", c, "BNAITEI", g.pid, ymd(2, 5), 0, 1, x=x)
            self.back("HO", c, "BFEE", g.pid, ymd(3, 9), r.randint(0, 3), 2, x=x)
            if r.random() < 0.6:
                v = self.at(self.day(lo=ymd(2, 9), hi=ymd(3, 13)))
                self.visit("HO", g.pid, v, S("Q ID:2 SHODAKU:3 ACCT:4"), x=x)
        else:
            nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
            adj = self.wd(nxt - dt.timedelta(days=12), 0)
            self.back("HO", c, "BADJ", g.pid, adj, 0, 10, x=x)
            self.back("HO", c, "BNAITEI", g.pid, adj, 2, 1, x=x)
            self.back("HO", c, "SHODAKU", g.pid, adj, 6, 3, x=x)
            self.back("HO", c, "BFEE", g.pid, adj, 7, 2, x=x)
            if r.random() < 0.6:
                self.back("HO", c, "ACCT", g.pid, adj, 6, 4, x=x)
        return t

    def gk_move(self, t, pupils, guardian, kind):
        r = self.r
        for i, ch in enumerate(pupils):
            c = self.case("GK")
            x = {"guardian": guardian.pid}
            steps = S("Q ID:2") if i == 0 else []
            if kind == "tenshutsu":
                steps += S("LOOK:2 TENGAKU:2")
            else:
                steps += [
                    ("F" if kind == "tennyu" else "FCHG", 4),
                    ("LOOK", 2),
                    ("KEY", 3),
                    ("DIST", 2),
                ]
                if kind == "tennyu" or r.random() < 0.5:
                    steps.append(("TENNYU", 2))
            t = self.counter("GK", c, ch.pid, t, steps, x=x)
        return t

    def residents(self, d: dt.date, pred) -> list[Person]:
        return [p for p in self.people if p.alive(d) and p.pid not in self.used and pred(p)]

    def ev_tenkyo(self, n: int) -> None:
        r = self.r
        for _ in range(n):
            day = self.day(peak=True)
            hh = r.choice([h for h in self.households if h["members"][0].alive(day)])
            mem = [p for p in hh["members"] if p.alive(day) and p.pid not in self.used]
            if not mem or mem[0].pid != hh["members"][0].pid:
                continue
            new = self.rnd_addr()
            for p in mem:
                p.addrs.append((day, new))
                self.used.add(p.pid)
            self.file_move(day, hh, mem, "tenkyo")

    def ev_tenshutsu(self, n: int) -> None:
        r = self.r
        for _ in range(n):
            day = self.day(peak=True)
            hh = r.choice(self.households)
            mem = [p for p in hh["members"] if p.alive(day) and p.pid not in self.used]
            if len(mem) != len(hh["members"]) or mem[0].arrive:
                continue
            for p in mem:
                p.gone = day + dt.timedelta(days=1)
                self.used.add(p.pid)
            self.file_move(day, hh, mem, "tenshutsu")

    def ev_marriage(self, n: int, n_div: int) -> None:
        """婚姻 (the bride takes the groom's surname) and 離婚 (she returns to her maiden name)."""
        r = self.r
        moms = {q.guardian for q in self.people}
        single = self.residents(Y0, lambda p: p.spouse is None and not p.arrive)
        brides = [p for p in single if p.sex == "F" and 21 <= p.age(Y0) <= 40]
        grooms = [p for p in single if p.sex == "M" and 23 <= p.age(Y0) <= 45]
        grooms = [p for p in grooms if p.hhs[0][2] == "世帯主"]
        wives = self.residents(Y0, lambda p: p.hhs[0][2] == "妻" and p.pid in moms)
        wives = [p for p in wives if 25 <= p.age(Y0) <= 50]
        r.shuffle(grooms)
        mothers = [p for p in brides if p.pid in moms]
        picks = r.sample(mothers, min(len(mothers), n // 3)) + [p for p in brides if p.techo][:8]
        brides = picks + r.sample(brides, n)
        todo = [(w, False) for w in dict.fromkeys(brides)][:n]
        todo += [(w, True) for w in r.sample(wives, n_div)]
        for w, divorce in todo:
            day = self.day()
            self.used.add(w.pid)
            h = grooms.pop() if grooms and r.random() < 0.5 and not divorce else None
            if h is not None:
                self.used.add(h.pid)
                sur, ksur = h.names[-1][1], h.names[-1][2]
            else:
                sur, ksur = w.names[0][1:] if divorce and len(w.names) > 1 else r.choice(SURNAMES)
            if divorce:
                w.kokuho = w.np1 = True  # leaves the husband's insurance: 3号 -> 1号, 国保
            rename = r.random() < (0.6 if divorce else 0.95)
            if rename:
                w.names.append((day, sur, ksur))
            moves = h is not None and r.random() < 0.8
            if moves:
                w.addrs.append((day, h.state(day)["addr"]))
                w.hhs.append((day, h.pid, "妻"))
            w.spouse = h.pid if h else None if divorce else -1
            t = self.at(day, 8.5, 12)
            c = self.case("SM")
            steps = S("Q KRCV:5 IDK:2 KREV:8")
            if moves:
                steps += S("F:6 ID:2 LOOK:1.5 AUTH:3 SLIP:2")
            steps.append(("GUIDE", 4))
            if rename and r.random() < 0.3:
                steps += S("BSEALV:0.3 FSEAL:3 SEAL:5")
            t = self.counter("SM", c, w.pid, t, steps)
            ent = self.back("SM", c, "KENT", w.pid, day, r.randint(0, 2), 12)
            if not rename:
                continue
            m, who = self.dur(3), self.clerk("SM")
            self.emit("SM", c, "NAME", w.pid, ent + dt.timedelta(minutes=3), m, who, True)
            if w.np1 or w.kokuho:
                t = self.visit_hk(self.walk(t, "HK"), w, "marriage")
            if w.pid in self.nursery and r.random() < 0.7:
                v = self.walk(t, "HO")
                t = self.visit("HO", w.pid, v, S("Q ID:2 FCHG:3 RENAME:3"))
            kids = [p for p in self.people if p.guardian == w.pid and 6 <= p.age(day) <= 15]
            if kids and r.random() < 0.5:
                v = self.walk(t, "GK")
                gx = {"guardian": w.pid}
                self.visit("GK", kids[0].pid, v, S("Q ID:2 RENAME:3"), cap=(), x=gx)
            if w.techo and r.random() < 0.8:
                self.visit_sf(self.at(self.wd(day, r.randint(0, 30))), w, "name")
            if w.hhs[0][2] == "世帯主" and not moves and r.random() < 0.3:
                self.water(self.wd(day, r.randint(1, 20)), w, "MEIGI")
            if r.random() < 0.25:
                v = self.at(self.wd(day, r.randint(3, 40)))
                self.visit("ZM", w.pid, v, S("Q ID:2 ACCT:4"))

    def ev_death(self, n: int) -> None:
        r = self.r
        pool = self.residents(Y0, lambda p: p.age(Y0) >= 70 and not p.arrive)
        weights = [(p.age(Y0) - 65) ** 2 for p in pool]
        chosen: list[Person] = []
        while len(chosen) < n:
            p = r.choices(pool, weights)[0]
            if p not in chosen:
                chosen.append(p)
        for p in chosen:
            day = self.day()
            self.used.add(p.pid)
            p.gone = day
            t = self.at(day, 8.5, 12)
            c = self.case("SM")
            t = self.counter("SM", c, p.pid, t, S("KRCV:6 IDK:2 KREV:8 CREM:3"))
            ent = self.back("SM", c, "KENT", p.pid, day, 1, 12)
            m, who = self.dur(3), self.clerk("SM")
            self.emit("SM", c, "DEL", p.pid, ent + dt.timedelta(minutes=2), m, who)
            fam = self.wd(day, r.randint(3, 15))
            t = self.at(fam, 9, 11)
            c = self.case("SM")
            t = self.counter("SM", c, p.pid, t, S("Q OKUYAMI:10"))
            if p.kokuho and p.age(day) < 75:
                t = self.visit_hk(self.walk(t, "HK"), p, "death")
            if p.age(day) >= 65:
                v = self.walk(t, "KR")
                steps = S("Q ID:2 LOSS:6 RETURN:2")
                steps += S("SOSAI:6") if p.age(day) >= 75 else []
                t = self.visit("KR", p.pid, v, steps)
            if p.techo:
                t = self.visit_sf(self.walk(t, "SF"), p, "death")
            if p.hhs[0][2] == "世帯主" and r.random() < 0.45:
                v = self.walk(t, "ZM")
                t = self.visit("ZM", p.pid, v, S("Q ID:2 FHEIR:6 HEIR:5"))
            if p.hhs[0][2] == "世帯主":
                self.water(
                    self.wd(fam, r.randint(0, 10)), p, "MEIGI" if r.random() < 0.5 else "close"
                )

    def ev_kokuho(self, n_in: int, n_out: int) -> None:
        r = self.r
        ins = self.residents(Y0, lambda p: 22 <= p.age(Y0) <= 70 and not p.kokuho)
        outs = self.residents(Y0, lambda p: 20 <= p.age(Y0) <= 64 and p.kokuho)
        for p in r.sample(ins, n_in):
            self.used.add(p.pid)
            p.kokuho, p.np1 = True, p.age(Y0) < 60
            self.visit_hk(self.at(self.day()), p, "kanyu")
        for p in r.sample(outs, min(n_out, len(outs))):
            self.used.add(p.pid)
            self.visit_hk(self.at(self.day()), p, "soshitsu")

    def ev_birthdays(self) -> None:
        r = self.r
        for p in self.people:
            if p.arrive or p.gone:
                continue
            for age in (20, 75):
                bd = dt.date(p.dob.year + age, p.dob.month, min(p.dob.day, 28))
                if not Y0 <= bd <= Y1 - dt.timedelta(days=20):
                    continue
                if age == 20:
                    c = self.case("HK")
                    self.back("HK", c, "BNP20", p.pid, bd, 5, 0.2)
                    if r.random() < 0.35:
                        v = self.at(self.day(lo=bd + dt.timedelta(days=14)))
                        self.visit("HK", p.pid, v, S("Q FNP:3 ID:2 NUM:2 GAKU:4"))
                else:
                    c = self.case("KR")
                    self.back("KR", c, "B75", p.pid, bd, 0, 0.2)
                    self.back("KR", c, "BSEND", p.pid, bd, 1, 0.2)
                    self.back("KR", c, "BTAX", p.pid, bd, r.randint(3, 8), 4)
                    if p.kokuho:
                        self.back("HK", self.case("HK"), "B75", p.pid, bd, 0, 0.2)
                    if r.random() < 0.5:
                        v = self.at(self.day(lo=bd + dt.timedelta(days=10)))
                        self.visit("KR", p.pid, v, S("Q ID:2 ACCT:4"))

    def ev_kaigo(self, n: int) -> None:
        r = self.r
        pool = self.residents(Y0, lambda p: p.age(Y0) >= 68)
        for p in r.sample(pool, n):
            day = self.day(hi=Y1 - dt.timedelta(days=60))
            t = self.at(day)
            c = self.case("KR")
            steps = (S("Q ID:2") if r.random() < 0.7 else []) + S("FNIN:6 NUM:2 NINTEI:5")
            t = self.counter("KR", c, p.pid, t, steps)
            self.back("KR", c, "IKENQ", p.pid, day, 1, 3)
            self.back("KR", c, "CHOSA", p.pid, day, r.randint(7, 11), 60, "認定調査員")
            self.back("KR", c, "IKENR", p.pid, day, r.randint(13, 18), 2)
            ichiji = self.wd(day, 20)
            self.back("KR", c, "BICHIJI", p.pid, ichiji, 0, 0.2)
            shinsa = ichiji + dt.timedelta(days=(3 - ichiji.weekday()) % 7 + 2)
            self.back("KR", c, "SHINSA", p.pid, shinsa, 0, 4, "審査会")
            self.back("KR", c, "BRESULT", p.pid, shinsa, 2, 0.2)

    def ev_shogai(self, n: int) -> None:
        r = self.r
        pool = self.residents(Y0, lambda p: p.techo)
        for p in r.sample(pool, min(n, len(pool))):
            day = self.day(hi=Y1 - dt.timedelta(days=60))
            t = self.at(day)
            c = self.case("SF")
            steps = S("Q ID:2 F:8 NUM:2")
            if len(p.names) > 1 and r.random() < 0.5:  # the card shows a name the ledger lacks
                steps.append(("RENAME", 3))
            t = self.counter("SF", c, p.pid, t, steps)
            self.back("SF", c, "BTAX", p.pid, day, r.randint(1, 4), 5)
            self.back("SF", c, "CHOSA", p.pid, day, r.randint(8, 15), 60, "相談支援専門員")
            self.back("SF", c, "SHINSA", p.pid, self.wd(day, 22), 0, 3, "審査会")
            self.back("SF", c, "ISSUE", p.pid, day, r.randint(27, 33), 3)
            if r.random() < 0.4:
                self.back("SF", c, "ACCT", p.pid, day, r.randint(27, 33), 3)

    def ev_hoiku_april(self, n: int) -> None:
        r = self.r
        fams = [
            h
            for h in self.households
            if any(p.age(Y0) <= 4 for p in h["members"])
            and not any(p.pid in self.nursery for p in h["members"])
        ]
        for h in r.sample(fams, min(n, len(fams))):
            kids = [p for p in h["members"] if p.age(Y0) <= 4]
            g = self.people[kids[0].guardian] if kids[0].guardian is not None else h["members"][0]
            if not g.alive(ymd(11, 1)) or g.pid in self.nursery:
                continue
            t = self.at(self.day(lo=ymd(11, 4), hi=ymd(12, 5)))
            self.hoiku_visit(t, g, kids[-1], "april")

    def ev_gakumu(self, n_aid: int) -> None:
        r = self.r
        for p in self.people:
            if not p.arrive and dt.date(2019, 4, 2) <= p.dob <= dt.date(2020, 4, 1):
                c = self.case("GK")
                g = {"guardian": p.guardian} if p.guardian is not None else {}
                self.back("GK", c, "BHENSEI", p.pid, ymd(10, 1), 0, 0.2, x=g)
                n = r.randint(0, 2)
                self.back("GK", c, "KENSHIN", p.pid, ymd(11, 12), n, 15, "学校医", x=g)
                self.back("GK", c, "BNYUGAKU", p.pid, ymd(1, 20), 0, 0.2, x=g)
        pupils = self.residents(Y0, lambda p: 6 <= p.age(Y0) <= 14 and p.guardian is not None)
        for ch in r.sample(pupils, n_aid):
            day = self.day(lo=ymd(4, 7), hi=ymd(5, 30))
            t = self.at(day)
            c = self.case("GK")
            x = {"guardian": ch.guardian, "aid": True}
            steps = S("Q ID:2 FAID:6")
            steps += S("COPY:2") if r.random() < 0.3 else []
            steps += S("ACCT:3") if r.random() < 0.7 else []
            self.counter("GK", c, ch.pid, t, steps, x=x)
            self.back("GK", c, "BTAX", ch.pid, day, r.randint(8, 20), 5, x=x)
            self.back("GK", c, "BAID", ch.pid, day, r.randint(25, 35), 0.2, x=x)
            if r.random() < 0.5:  # 税務課 answers the paper inquiry about the guardian
                self.back("ZM", None, "REPLY", ch.guardian, day, r.randint(8, 20), 6)

    def ev_routine(self, n_juminhyo, n_zeicert, n_shinkoku, n_misc) -> None:
        """Certificates, tax returns, notices, accounts: the bulk of a year's counter work."""
        r = self.r
        jobs = [("SM", "Q ID:1.5 LOOK:1 COPY:4", 16, None)] * n_juminhyo
        jobs += [("ZM", "Q ID:2 LOOK:1 CERT:4", 18, None)] * n_zeicert
        jobs += [("ZM", "Q ID:2 NUM:2 SHIN:15", 20, (ymd(2, 16), ymd(3, 16)))] * n_shinkoku
        for d, spec, min_age, span in jobs:
            day = self.day(peak=d == "SM") if span is None else self.day(lo=span[0], hi=span[1])
            p = r.choice(self.people)
            if p.alive(day) and p.age(day) >= min_age:
                self.visit(d, p.pid, self.at(day), S(spec))
        adults = [p for p in self.people if not p.arrive and p.age(Y0) >= 20 and p.income]
        for p in r.sample(adults, min(600, len(adults))):
            self.back("ZM", None, "BNOTICE", p.pid, ymd(6, 10), 0, 0.1)
        for p in r.sample(adults, 250):
            self.back("ZM", None, "BKOUSEI", p.pid, self.day(), 0, 3)
        for _ in range(n_misc):
            day, k = self.day(), r.random()
            p = r.choice(self.people)
            if not p.alive(day) or p.age(day) < 20:
                continue
            t = self.at(day)
            if k < 0.3 and p.kokuho:
                extra = " ACCT:4" if r.random() < 0.3 else ""
                self.visit("HK", p.pid, t, S("Q ID:2 KOGAKU:6" + extra))
            elif k < 0.45 and p.age(day) >= 65:
                self.visit("KR", p.pid, t, S("Q ID:2 ACCT:4"))
            elif k < 0.6:
                self.visit("ZM", p.pid, t, S("Q ID:2 ACCT:4"))
            elif k < 0.8 and p.hhs[0][2] == "世帯主":
                self.water(day, p, "REF")
            elif p.hhs[0][2] == "世帯主":
                self.water(day, p, "ACCT")
        # other departments' income inquiries answered by 税務課 on paper
        for s, d, _c, key, pid, *_ in list(self.ev):
            if key == "BTAX" and d in ("SF", "KR") and r.random() < 0.4:
                self.back("ZM", None, "REPLY", pid, s.date(), 1, 5)

    def build(self, n_pop: int) -> None:
        self.populate(n_pop)
        self.ev_hoiku_april(70)
        self.ev_tennyu(130)
        self.ev_tenkyo(110)
        self.ev_tenshutsu(80)
        self.ev_marriage(50, 30)
        self.ev_death(55)
        self.ev_kokuho(70, 45)
        self.ev_birthdays()
        self.ev_kaigo(130)
        self.ev_shogai(70)
        self.ev_gakumu(50)
        self.ev_routine(2300, 800, 320, 900)
        self.ev = [e for e in self.ev if Y0 <= e[0].date() <= Y1]
        self.ev.sort(key=lambda e: (e[0], e[1], e[2]))

    # ---------------------------------------------------------------- department copies
    def drng(self, d, p, salt) -> random.Random:
        return random.Random(f"{self.seed}/{d}/{p.pid}/{salt}")

    def view(self, d, p, t, cap, snap) -> dict:
        if d in ("SM", "ZM"):  # the 住基 宛名 itself
            return p.state(t.date())
        if d in ("HK", "KR"):  # 住基 連携 by nightly batch: lags a day or two
            return p.state(t.date() if cap else (t - dt.timedelta(days=2)).date())
        if d == "SD":  # address = the supply point; name = as on the contract
            if cap or p.pid not in snap[d]:
                when = max((a[0] for a in p.addrs if a[0] <= t.date()), default=t.date())
                snap[d][p.pid] = p.state(t.date() if cap else max(when, p.names[0][0]))
            return {
                **p.state(t.date()),
                "sur": snap[d][p.pid]["sur"],
                "ksur": snap[d][p.pid]["ksur"],
            }
        if cap or p.pid not in snap[d]:  # hand-kept copy: as last written at this counter
            when = t.date()
            if not cap:
                g = self.drng(d, p, "since")
                lo = {"SF": 2008, "HO": 2021, "GK": 2019}[d]
                when = dt.date(g.randint(lo, 2024), g.randint(1, 12), 1)
                when = max(when, p.names[0][0], p.addrs[0][0])
            snap[d][p.pid] = p.state(min(when, t.date()))
        return snap[d][p.pid]

    def fmt_name(self, d, p, st) -> str:
        sur = st["sur"]
        if (
            p.itaiji
            and sur in ITAIJI
            and (d in ("SM", "ZM") or self.drng(d, p, "i").random() < 0.2)
        ):
            sur = ITAIJI[sur]
        return sur + NAME_SEP.get(d, " ") + p.given

    def name_at(self, d, q, s) -> str:
        return self.fmt_name(d, q, q.state(s.date())) if q else ""

    def fmt_kana(self, d, p, st) -> str:
        g = self.drng(d, p, "k")
        if d in ("HO", "SF", "SD") and g.random() < 0.05:
            return ""
        k = st["ksur"] + ("　" if d in ("SM", "ZM", "KR") else " ") + p.kgiven
        if d not in ("SM", "ZM") and g.random() < 0.04:
            k = (
                k.replace("ヅ", "ズ")
                .replace("ユウ", "ユー")
                .replace("ョウ", "ョー")
                .replace("オウ", "オー")
            )
        if d in ("SF", "SD"):
            k = k.replace(" ", "")
        return halfwidth(k) if d in ("HK", "SD") else hiragana(k) if d == "HO" else k

    def fmt_dob(self, d, p):
        b = p.dob
        if d in ("KR", "SF", "HO") and self.drng(d, p, "b").random() < 0.004:
            b += dt.timedelta(days=1)  # keying slip
        return DOB_FMT[d](b)

    def fmt_addr(self, d, p, a) -> str:
        t, ch, ban, go, _, _ = a
        style, g = ADDR_STYLE[d], self.drng(d, p, "a")
        if d in ("HO", "SF", "GK") and g.random() < 0.25:
            style = g.choice(["hy", "juki"])  # typed by hand from the form
        town = TOWNS[t][0].replace("ヶ", {"hy": "ケ", "fwhy": "が"}.get(style, "ヶ"))
        fw = {f"f{k}": str(v).translate(FW_DIG) for k, v in (("ch", ch), ("ban", ban), ("go", go))}
        return ADDR_FMT[style][not ch].format(
            town=town, ch=ch, ban=ban, go=go, kch=KANJI_DIG[ch], **fw
        )

    def fmt_kata(self, d, p, a) -> str:
        apt, room = a[4], a[5]
        if apt < 0 or self.drng(d, p, "kt").random() < KATA_MISS.get(d, 0):
            return ""
        n, froom = APTS[apt], room.translate(FW_DIG)
        return KATA_FMT[d].format(n=n, hn=halfwidth(n), room=room, froom=froom)

    def fmt_tel(self, d, p) -> str:
        opts = [x for x in (p.tel_home, p.tel_mob) if x]
        if not opts:
            return ""
        x = opts[0] if d == "SM" or self.drng(d, p, "t").random() < 0.6 else opts[-1]
        if d in ("ZM", "SD"):
            return x.replace("-", "")
        if d == "KR":
            a, b, c = x.split("-")
            return f"{a}({b}){c}"
        return x

    def fmt_bank(self, d, p) -> str:
        if not p.banks:
            return ""
        b = p.banks[0] if self.drng(d, p, "bk").random() < 0.7 else p.banks[-1]
        return BANK_FMT[d].format(*b)

    def fmt_income(self, d, p):
        if not p.income:
            return 0 if d == "ZM" else None
        g = self.drng(d, p, "in")
        return (
            p.income
            if d == "ZM" or g.random() > 0.1
            else int(round(p.income * g.uniform(0.85, 1.15), -3))
        )  # last year's figure

    def fmt_mynum(self, d, p) -> str:
        return "" if self.drng(d, p, "mn").random() < MYNUM_MISS[d] else p.mynum

    def render(self) -> dict:
        snap: dict = {d: {} for d in D}
        banks: dict = {d: set() for d in D}
        ids: dict = {d: {} for d in D}
        atena = {}
        rows: dict = {d: [] for d in D}
        first_kid = {q.guardian: q for q in reversed(self.people) if q.guardian is not None}
        g0 = random.Random(self.seed + 1)
        for p in self.people:
            while (a := f"{g0.randint(100000, 39999999):08d}") in atena.values():
                pass
            atena[p.pid] = a
        for s, d, case, key, pid, e, res, cap, x in self.ev:
            p = self.people[pid]
            if pid not in ids[d]:
                n = len(ids[d]) + 1
                ids[d][pid] = atena[pid] if d in ("SM", "ZM") else ID_FMT[d](n, p, s)
            label = L[d][key]
            if (d, key) in ALIASES and (
                (d == "ZM" and s.date() < ymd(7, 1))
                or (d == "SF" and s.date() < ymd(10, 1))
                or (d == "HK" and int(case[-3:]) % 7 == 0)
            ):
                label = ALIASES[(d, key)]
            if key == "ACCT" or (d != "SM" and self.drng(d, p, "hasbank").random() < 0.55):
                banks[d].add(pid)
            st = self.view(d, p, s, cap, snap)
            if "addr_at" in x:
                st = {**st, "addr": p.state(x["addr_at"])["addr"]}
            blank = key.startswith("Q")
            row = {"case": case, "label": label, "s": s, "e": e, "res": res, "key": key}
            row["id"] = ids[d][pid]
            if not blank:
                head = self.people[st["head"]]
                row.update(
                    name=self.fmt_name(d, p, st),
                    kana=self.fmt_kana(d, p, st),
                    dob=self.fmt_dob(d, p) if d != "SD" else None,
                    sex=SEX_FMT.get(d, "12")[p.sex == "F"],
                    addr=self.fmt_addr(d, p, st["addr"]),
                    kata=self.fmt_kata(d, p, st["addr"]),
                    tel=self.fmt_tel(d, p),
                    bank=self.fmt_bank(d, p) if pid in banks[d] else "",
                    income=self.fmt_income(d, p),
                    mynum=self.fmt_mynum(d, p) if d in ("SM", "ZM", "HK", "HO", "KR", "SF") else "",
                    head=self.name_at(d, head, s),
                    rel=st["rel"],
                )
                if d == "HK" and self.drng(d, p, "gis").random() < 0.02:  # 擬制世帯主
                    row["head"] = row["name"]
                sp = self.people[p.spouse] if p.spouse is not None and p.spouse >= 0 else None
                kid = self.people[x["kid"]] if "kid" in x else first_kid.get(pid)
                gd = self.people[x["guardian"]] if x.get("guardian") is not None else None
                g = self.drng(d, p, "decoy")
                row.update(
                    spouse=self.name_at(d, sp, s),
                    worktel=p.employer_tel,
                    emerg=p.emergency if g.random() < 0.6 else "",
                    kid=self.name_at(d, kid, s),
                    kiddob=kid.dob if kid else None,
                    nursery=g.choice(NURSERIES),
                    office=g.choice(CAREOFFICES) if g.random() < 0.4 else "",
                    guardian=self.fmt_name(d, gd, self.view(d, gd, s, False, snap)) if gd else "",
                    gbank=self.fmt_bank(d, gd) if gd and x.get("aid") and gd.banks else "",
                    gtel=(gd.tel_mob or gd.tel_home) if gd else "",
                    carer=self.name_at(d, sp, s) if sp and g.random() < 0.5 else "",
                )
            rows[d].append(row)
        return rows


# fmt: off
# (header, row field) per export; the first entries are the log columns, then resident data.
COLS = {k: [tuple(x.split("=")) for x in v.split()] for k, v in {
    "SM": "受付番号=case 所属CD=_cd 所属名=_dept 処理内容=label 開始日時=s 終了日時=e 担当者=res 宛名番号=id 氏名=name "
          "氏名カナ=kana 生年月日=dob 性別=sex 住所=addr 方書=kata 電話番号=tel 世帯主=head 続柄=rel 個人番号=mynum",
    "ZM": "整理番号=case 課名=_dept 処理=label 処理日時=s 担当=res 宛名番号=id 氏名=name カナ氏名=kana 生年月日=dob 性別=sex "
          "住所=addr 方書=kata 電話番号=tel 振替口座=bank 総所得金額=income 個人番号=mynum 配偶者氏名=spouse "
          "勤務先電話=worktel",
    "HK": "受付番号=case 担当課=_dept 処理CD=_code 処理内容=label 処理開始日時=s 処理終了日時=e 担当者ID=res 被保険者管理番号=id "
          "氏名=name ﾌﾘｶﾞﾅ=kana 生年月日=dob 性別=sex 住所=addr 方書=kata 電話番号=tel 世帯主氏名=head 続柄=rel "
          "口座情報=bank 所得金額=income 個人番号=mynum 緊急連絡先=emerg",
    "HO": "申込番号=case 所属=_dept 処理名=label 開始=s 終了=e 担当=res 保護者番号=id 保護者氏名=name 保護者ふりがな=kana "
          "保護者生年月日=dob 住所=addr 方書=kata 連絡先電話=tel 振替口座=bank 保護者所得=income 保護者個人番号=mynum 児童氏名=kid "
          "児童生年月日=kiddob 入所希望園住所=nursery 勤務先電話=worktel 緊急連絡先=emerg",
    "GK": "受付番号=case 所属=_dept 処理内容=label 処理日=_date 処理時刻=_time 担当者=res 学齢簿番号=id 児童氏名=name "
          "児童氏名カナ=kana 生年月日=dob 性別=sex 住所=addr 方書=kata 保護者氏名=guardian 振込口座（保護者）=gbank "
          "緊急連絡先=gtel",
    "KR": "被保険者番号=id 氏名=name カナ=kana 生年月日=dob 性別=sex 住所=addr 方書=kata 電話=tel 世帯主=head 口座=bank "
          "合計所得金額=income 個人番号=mynum 緊急連絡先=emerg 居宅介護支援事業所住所=office",
    "SF": "受付No=case 担当課=_dept 処理=label 日時=_wareki 担当者=res 受給者番号=id 氏名=name フリガナ=kana 生年月日=dob "
          "性別=sex 住所=addr 方書=kata 電話=tel 給付口座=bank 所得額=income 個人番号=mynum 介助者氏名=carer "
          "緊急連絡先=emerg",
    "SD": "受付番号=case 部署=_dept 業務内容=label 受付日=_date 受付時刻=_time 担当者=res お客様番号=id 使用者名=name "
          "使用者名カナ=kana 給水場所=addr 建物名=kata 連絡先電話=tel 振替口座=bank",
}.items()}
FIELD = {"name": "NAME", "kana": "KANA", "dob": "DOB", "sex": "SEX", "addr": "ADDR",
         "kata": "KATA", "tel": "TEL", "bank": "BANK", "income": "INCOME", "mynum": "MYNUM",
         "head": "HH", "rel": "REL"}
TIME_FMT = {"SM": "%Y-%m-%d %H:%M:%S", "ZM": "%Y/%m/%d %H:%M", "HK": "%Y-%m-%dT%H:%M:%S"}
ENC = {"ZM": "cp932", "SF": "utf-8-sig", "HK": "utf-8-sig"}  # the others: UTF-8 without BOM
TRUTH_HEAD = {"duplicates": "cluster,department,activity", "negatives": "group,department,activity",
              "aliases": "department,alias,activity", "silos": "field,department,column,file",
              "decoys": "department,column"}
DECOY = {"spouse", "worktel", "emerg", "kid", "kiddob", "nursery", "office", "guardian", "gbank",
         "gtel", "carer"}

# fmt: on


def cell(d: str, row: dict, f: str):
    s = row["s"]
    if f == "_dept":
        return D[d]
    if f == "_cd":
        return "0301"
    if f == "_code":
        return HK_CODE[row["key"]]
    if f == "_date":
        return s.strftime("%Y/%m/%d")
    if f == "_time":
        return s.strftime("%H:%M")
    if f == "_wareki":
        return f"{wareki(s.date(), 'kanji')} {s.hour}時{s.minute:02d}分"
    v = row.get(f)
    if f in ("s", "e"):
        return v if d == "HO" else v.strftime(TIME_FMT[d])
    return "" if v is None and d != "HO" else v


def write_xes(path: Path, rows: list[dict]) -> None:
    traces: dict = defaultdict(list)
    for row in rows:
        traces[row["case"]].append(row)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<log xes.version="1.0" xmlns="http://www.xes-standard.org/">',
        *(
            f'<extension name="{n}" prefix="{p}" uri="http://www.xes-standard.org/{p}.xesext"/>'
            for n, p in (("Concept", "concept"), ("Time", "time"), ("Organizational", "org"))
        ),
        '<string key="concept:name" value="介護保険・後期高齢者医療 処理履歴"/>',
    ]
    for case, evs in traces.items():
        out.append(f'<trace><string key="concept:name" value={quoteattr(case)}/>')
        for row in evs:
            a = [
                f'<string key="concept:name" value={quoteattr(row["label"])}/>',
                f'<date key="time:timestamp" value="{row["s"].isoformat()}.000+09:00"/>',
                f'<string key="org:resource" value={quoteattr(row["res"])}/>',
                '<string key="org:group" value="高齢者支援課"/>',
                '<string key="lifecycle:transition" value="complete"/>',
            ]
            for h, f in COLS["KR"]:
                v = row.get(f)
                if v in (None, ""):
                    continue
                typ = "int" if isinstance(v, int) else "string"
                a.append(f"<{typ} key={quoteattr(h)} value={quoteattr(str(v))}/>")
            out.append("<event>" + "".join(a) + "</event>")
        out.append("</trace>")
    out.append("</log>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write_city(rows: dict, city: Path) -> None:
    city.mkdir(parents=True, exist_ok=True)
    for d, rs in rows.items():
        path = city / FILES[d]
        if d == "KR":
            write_xes(path, rs)
            continue
        df = pd.DataFrame([[cell(d, r, f) for _, f in COLS[d]] for r in rs])
        df.columns = [h for h, _ in COLS[d]]
        if d == "HO":
            df["保護者所得"] = df["保護者所得"].astype("Int64")
            df.to_parquet(path, index=False)
        else:
            nl = "\r\n" if d == "ZM" else "\n"
            df.to_csv(path, index=False, encoding=ENC.get(d, "utf-8"), lineterminator=nl)


def write_truth(truth: Path) -> None:
    truth.mkdir(parents=True, exist_ok=True)
    out = {
        "duplicates": [(c, D[d], L[d][k]) for c, ms in DUP.items() for d, k in ms],
        "negatives": [(g, D[d], L[d][k]) for g, ms in NEG.items() for d, k in ms],
        "aliases": [(D[d], a, L[d][k]) for (d, k), a in ALIASES.items()],
        "silos": [(FIELD[f], D[d], h, FILES[d]) for d in D for h, f in COLS[d] if f in FIELD],
        "decoys": [(D[d], h) for d in D for h, f in COLS[d] if f in DECOY],
    }
    for name, rows in out.items():
        with open(truth / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(TRUTH_HEAD[name].split(","))
            w.writerows(rows)


def read_back(city: Path) -> dict:
    """Per department: (set of activity labels, set of columns), read from the files written."""
    got = {}
    for d, fn in FILES.items():
        path = city / fn
        if d == "KR":
            ns = {"x": "http://www.xes-standard.org/"}
            ev = ET.parse(path).getroot().findall(".//x:event", ns)
            labels = {a.get("value") for e in ev for a in e if a.get("key") == "concept:name"}
            cols = {a.get("key") for e in ev for a in e}
        else:
            enc = ENC.get(d, "utf-8")
            df = pd.read_parquet(path) if d == "HO" else pd.read_csv(path, dtype=str, encoding=enc)
            act = next(h for h, f in COLS[d] if f == "label")
            labels, cols = set(df[act].dropna()), set(df.columns)
            for h, f in COLS[d]:
                if f in FIELD or f in DECOY:
                    assert df[h].notna().any() and (df[h].astype(str) != "").any(), (fn, h)
        got[d] = (labels, cols)
    return got


def check(got: dict) -> None:
    """Every truth label occurs verbatim in its department's export; every truth column exists."""
    bad = [
        f"label {D[d]} {L[d][k]}"
        for m in (DUP, NEG)
        for ms in m.values()
        for d, k in ms
        if L[d][k] not in got[d][0]
    ]
    bad += [f"alias {D[d]} {a}" for (d, _), a in ALIASES.items() if a not in got[d][0]]
    bad += [
        f"column {FILES[d]} {h}"
        for d in D
        for h, f in COLS[d]
        if (f in FIELD or f in DECOY) and h not in got[d][1]
    ]
    if bad:
        raise SystemExit("truth does not match the exports: " + "; ".join(bad))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    town = Town(args.seed)
    town.build(3900)
    rows = town.render()
    n_res = sum(1 for p in town.people if p.alive(Y0) or (p.arrive and p.arrive <= Y1))
    n_ev = sum(len(v) for v in rows.values())
    print(f"ことぶき市: {n_res} residents, {n_ev} events, {len(D)} departments")
    write_city(rows, args.out / "city")
    write_truth(args.out / "truth")
    check(read_back(args.out / "city"))
    for d in D:
        print(f"  {D[d]}: {FILES[d]} {len(rows[d])} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
