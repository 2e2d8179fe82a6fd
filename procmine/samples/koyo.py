"""The fictional city 光陽市 as data tables (koyo-city.md §3).

Departments and staff pools (§3.2), the As-Is activity catalog (§3.4), the export files of
the departments' systems, planted silo rates (§3.7), life-event routes with their branch
probabilities (§3.1, §3.5) and calendar parameters (§3.8). The generator reads only these
tables, so another city is another module of the same shape.
"""

from __future__ import annotations

from procmine.samples.schema import (
    NATIONAL_HOLIDAYS,
    Activity,
    Block,
    City,
    Column,
    Department,
    Detour,
    LifeEvent,
    SiloRates,
    System,
    ToBe,
    parse_activities,
)
from procmine.samples.vocab import KOYO_WORDS

#: Queue waits (median, normal day): 市民課 15 min (§3.8), the other departments' counters
#: 8 min and their smaller second counters 5–6 min (ASSUMPTION, calibrated so that a family
#: moving in spends 90–180 min on site, §3.11). Peak waits (3/20–4/10) grow ×3–4 at 市民課,
#: where the 転入/転出 filings queue, and ×1.5–2.5 at the other counters (ASSUMPTION).
_PEAK_OTHER = (1.5, 2.5)

DEPARTMENTS: tuple[Department, ...] = (
    Department(
        "SHIMIN",
        "市民課",
        {"案内": 2, "受付": 6, "住記": 5, "戸籍": 3, "係長": 2},
        "S01",
        15.0,
        prequeue_roles=("案内",),
        counter_wait={"証明": 6.0},
    ),
    Department(
        "ZEIMU",
        "税務課",
        {"市民税": 4, "資産税": 3, "諸税": 2, "証明": 2},
        "Z01",
        8.0,
        peak_wait=_PEAK_OTHER,
    ),
    Department(
        "HOKEN",
        "保険年金課",
        {"国保資格": 4, "国保給付": 2, "国保賦課": 2, "年金": 2, "後期": 2},
        "H01",
        8.0,
        counter_wait={"年金": 5.0, "後期": 5.0},
        peak_wait=_PEAK_OTHER,
    ),
    Department(
        "KODOMO",
        "こども家庭課",
        {"手当": 3, "医療助成": 2, "保育": 3, "ひとり親": 1, "母子保健": 2},
        "K01",
        8.0,
        counter_wait={"医療助成": 5.0, "母子保健": 5.0, "保育": 6.0, "ひとり親": 5.0},
        peak_wait=_PEAK_OTHER,
    ),
    Department(
        "KAIGO",
        "介護保険課",
        {"資格賦課": 3, "認定": 4, "給付": 2},
        "C01",
        8.0,
        peak_wait=_PEAK_OTHER,
    ),
    Department("SHOGAI", "障害福祉課", {"手帳": 2, "給付": 3}, "D01", 8.0, peak_wait=_PEAK_OTHER),
    Department(
        "SEIHO",
        "生活福祉課",
        {"面接相談員": 2, "ケースワーカー": 8, "査察指導員": 2, "課長": 1},
        None,
        5.0,
    ),
    Department(
        "KYOIKU",
        "教育委員会学校教育課",
        {"学事": 3},
        "E01",
        8.0,
        (8.0, 15.0),
        peak_wait=_PEAK_OTHER,
    ),
)

EXTERNALS: dict[str, int] = {
    "認定調査員": 12,
    "主治医": 20,
    "介護認定審査会": 4,
    "県更生相談所": 2,
    "障害支援区分認定調査員": 5,
    "市町村審査会": 1,
}

# id | system | label | performer | role | fields | GT | minutes [| old-system aliases]
_SHIMIN = """
S01 | juki   | 番号札発券 | SYS | - | - | QUEUE | 0
S02 | juki   | 総合案内・用件確認 | S | 案内 | - | - | 2/1/4
S03 | juki   | 住民異動届記入 | R | - | NAME KANA DOB SEX ADDR KATA PREV HH REL MOVE TEL | FORM | 8/4/15 | 異動届記入
S04 | juki   | 本人確認 | S | 受付 | IDDOC | ID | 2/1/3
S05 | juki   | 転出証明書・特例転出情報確認 | S | 受付 | PREV MOVE | - | 3/2/6
S06 | juki   | 届書審査 | S | 住記 | - | HN:審査 | 4/2/8
S07 | juki   | 住民記録異動入力 | S | 住記 | NAME KANA DOB SEX ADDR KATA HH REL MYNUM | AUTH | 7/4/12 | 住基異動入力
S08 | juki   | 住基ネット更新・転入通知 | SYS | - | - | - | 1
S09 | juki   | マイナンバーカード継続利用・券面記載 | SR | 受付 | - | - | 5/3/10
S10 | juki   | 異動連絡票作成・各課送付 | S | 住記 | NAME ADDR DOB MOVE | HANDOFF | 3/2/5
S11 | juki   | 関連手続き案内 | S | 受付 | - | GUIDE | 4/2/8
S12 | juki   | 住民票の写し交付 | S | 受付 | NAME ADDR PURPOSE | COPY | 5/3/8 | 住民票交付
S13 | juki   | 印鑑登録申請書記入 | R | - | NAME ADDR DOB | FORM | 3/2/5
S14 | juki   | 印鑑登録・登録証交付 | S | 受付 | - | - | 5/3/8 | 印鑑登録
S15 | juki   | 印鑑登録照会書送付 | S | 受付 | NAME ADDR | - | 2
S16 | juki   | 回答書受付・登録 | S | 受付 | - | - | 5
S17 | koseki | 戸籍届書受付（出生・死亡・婚姻） | S | 戸籍 | NAME DOB HONSEKI HEIR | - | 5/3/10 | 戸籍届受付
S18 | koseki | 届出人確認（戸籍法） | S | 戸籍 | IDDOC | ID | 2/1/3
S19 | koseki | 戸籍届審査・受理決定 | S | 戸籍 | - | HN:審査 | 10/5/30
S20 | koseki | 戸籍記載・決裁 | S | 係長 | - | - | 15/8/40
S21 | koseki | 火葬許可証交付 | S | 戸籍 | DEATH | - | 3
S22 | juki   | 世帯主変更届受付 | S | 住記 | HH REL | - | 5
S23 | koseki | おくやみ手続き一覧配布 | S | 戸籍 | - | GUIDE | 3
"""

_ZEIMU = """
Z01 | zeimu | 番号札発券 | SYS | - | - | QUEUE | 0
Z02 | zeimu | 課税証明書交付申請書記入 | R | - | NAME ADDR DOB PURPOSE | FORM | 3/2/5 | 証明申請書記入
Z03 | zeimu | 申請者確認 | S | 証明 | IDDOC | ID | 2
Z04 | zeimu | 所得・課税証明書交付 | S | 証明 | NAME ADDR INCOME PURPOSE | COPY | 5 | 課税証明交付
Z05 | zeimu | 住民税申告受付 | RS | 市民税 | NAME ADDR DOB MYNUM INCOME TEL DISAB CARE | FORM | 15/8/30
Z06 | zeimu | 個人番号確認 | S | 市民税 | MYNUM | NUM | 2
Z07 | zeimu | 課税台帳住所補正 | S | 市民税 | ADDR KATA | KEY | 4/2/8 | 住所補正
Z08 | zeimu | 納税義務者異動処理 | S | 市民税 | MOVE DEATH | - | 5
Z09 | zeimu | 相続人代表者指定届受付 | RS | 資産税 | HEIR NAME ADDR TEL | FORM | 8
Z10 | zeimu | 軽自動車・原付 名義変更/廃車申告受付 | RS | 諸税 | NAME ADDR DOB | FORM | 6 | 軽自申告受付
Z11 | zeimu | 原付標識交付 | S | 諸税 | - | - | 5
Z12 | zeimu | 口座振替依頼書受付 | RS | 諸税 | BANK NAME ADDR | ACCT | 4
Z13 | zeimu | 課税状況照会回答 | S | 市民税 | INCOME | - | 10
Z14 | zeimu | 納税通知書発送 | SYS | - | - | HN:通知 | 0
Z15 | zeimu | 還付・充当処理 | S | 諸税 | BANK | - | 10
"""

_HOKEN = """
H01 | kokuho | 番号札発券 | SYS | - | - | QUEUE | 0
H02 | kokuho | 国保資格取得・喪失届記入 | R | - | NAME KANA DOB SEX ADDR HH REL MYNUM TEL INS | FORM | 6/3/12 | 国保加入届受付
H03 | kokuho | 窓口での本人確認 | S | 国保資格 | IDDOC | ID | 2
H04 | kokuho | 個人番号確認 | S | 国保資格 | MYNUM | NUM | 2
H05 | kokuho | 世帯状況確認（住記照会） | S | 国保資格 | HH REL ADDR | ADDR | 3/1/5
H06 | kokuho | 社保資格喪失証明確認 | S | 国保資格 | INS EMP | - | 3
H07 | kokuho | 被保険者情報入力 | S | 国保資格 | NAME KANA DOB ADDR HH MYNUM | KEY | 5/3/9 | 国保資格入力
H08 | kokuho | 資格確認書・資格情報のお知らせ交付 | S | 国保資格 | - | HN:交付 | 3
H09 | kokuho | 国保税賦課（所得照会） | S | 国保賦課 | INCOME | INCOME | 10
H10 | kokuho | 口座振替依頼受付 | RS | 国保賦課 | BANK | ACCT | 4
H11 | kokuho | 出産育児一時金・葬祭費申請受付 | RS | 国保給付 | NAME ADDR BANK HEIR | FORM | 6
H12 | kokuho | 給付決定・振込 | S | 国保給付 | BANK | - | 5
H13 | kokuho | 国民年金 資格取得・種別変更届受付 | RS | 年金 | NAME DOB ADDR MYNUM | FORM | 6 | 年金届受付
H14 | kokuho | 年金事務所へ進達 | S | 年金 | - | - | 5
H15 | kokuho | 後期高齢者 負担区分証明書受理・資格登録 | S | 後期 | NAME DOB ADDR | KEY | 5
H16 | kokuho | 後期高齢者 資格確認書引渡し | S | 後期 | - | HN:交付 | 2
H17 | kokuho | 他課手続きの案内 | S | 国保資格 | - | GUIDE | 3
H18 | kokuho | 国保税納税通知書発送 | SYS | - | - | HN:通知 | 0
"""

_KODOMO = """
K01 | kodomo | 番号札発券 | SYS | - | - | QUEUE | 0
K02 | kodomo | 児童手当認定請求書記入 | R | - | NAME KANA DOB ADDR TEL MYNUM BANK CHILD INS | FORM | 10/5/18 | 児童手当請求書記入
K03 | kodomo | 身元確認書類チェック | S | 手当 | IDDOC | ID | 2
K04 | kodomo | 番号確認（請求者・配偶者） | S | 手当 | MYNUM | NUM | 3
K05 | kodomo | 住民票記載事項確認 | S | 手当 | HH REL CHILD ADDR | ADDR | 3
K06 | kodomo | 加入年金・公務員確認 | S | 手当 | INS EMP | - | 3
K07 | kodomo | 振込口座登録 | S | 手当 | BANK | ACCT | 3
K08 | kodomo | 受給者台帳登録 | S | 手当 | NAME KANA DOB ADDR MYNUM CHILD | KEY | 6 | 受給者登録
K09 | kodomo | 児童手当 認定・認定通知書発送 | S | 手当 | - | HN:通知 | 5
K10 | kodomo | 児童手当 額改定・消滅・住所変更処理 | S | 手当 | ADDR CHILD | - | 5
K11 | kodomo | 子ども医療費受給資格申請書記入 | R | - | NAME DOB ADDR CHILD INS | FORM | 5
K12 | kodomo | 健康保険加入確認 | S | 医療助成 | INS | - | 2
K13 | kodomo | 子ども医療費受給者証交付 | S | 医療助成 | - | HN:交付 | 2 | 医療証交付
K14 | kodomo | 保育施設利用申込受付 | RS | 保育 | NAME ADDR TEL CHILD EMP | FORM | 15
K15 | kodomo | 保育料算定（課税照会） | S | 保育 | INCOME | INCOME | 10
K16 | kodomo | 利用調整・内定通知 | S | 保育 | - | - | 5
K17 | kodomo | 児童扶養手当 相談・認定請求受付 | RS | ひとり親 | NAME ADDR HONSEKI CHILD BANK | FORM | 45/30/90
K18 | kodomo | 戸籍謄本・住民票等 添付書類確認 | S | ひとり親 | HONSEKI | COPY | 3
K19 | kodomo | 児童扶養手当 所得審査 | S | 手当 | INCOME | INCOME | 15
K20 | kodomo | 必要手続き説明 | S | 手当 | - | GUIDE | 3
K21 | kodomo | 転入児 予防接種歴届記入 | R | - | NAME ADDR TEL CHILD | FORM | 4/2/8
K22 | kodomo | 予診票交換・母子健康手帳確認 | S | 母子保健 | CHILD | - | 4/2/8
"""

_KAIGO = """
C01 | kaigo | 番号札発券 | SYS | - | - | QUEUE | 0
C02 | kaigo | 来庁者確認 | S | 資格賦課 | IDDOC | ID | 2
C03 | kaigo | 介護保険資格取得（異動）届記入 | R | - | NAME KANA DOB SEX ADDR MYNUM TEL | FORM | 5 | 資格異動届記入
C04 | kaigo | 受給資格証明書受理・認定引継ぎ | S | 資格賦課 | CARE | - | 5
C05 | kaigo | 住所地確認（住記照会） | S | 資格賦課 | ADDR | ADDR | 2
C06 | kaigo | 住所地特例確認 | S | 資格賦課 | ADDR FACILITY | HN:住所 | 4
C07 | kaigo | 資格異動入力 | S | 資格賦課 | NAME DOB ADDR MYNUM | KEY | 4
C08 | kaigo | 要介護認定申請受付 | RS | 認定 | NAME DOB ADDR TEL MYNUM DOCTOR | FORM | 10 | 認定申請受付
C09 | kaigo | 認定調査依頼・日程調整 | S | 認定 | TEL | - | 5
C10 | kaigo | 認定調査（訪問） | X | 認定調査員 | CARE | HN:訪問 | 60/40/90 | 訪問調査
C11 | kaigo | 主治医意見書依頼 | S | 認定 | DOCTOR | - | 5
C12 | kaigo | 主治医意見書受領 | X | 主治医 | - | - | 2
C13 | kaigo | 一次判定 | SYS | - | CARE | - | 0
C14 | kaigo | 介護認定審査会（二次判定） | X | 介護認定審査会 | CARE | HN:審査 | 8/5/15
C15 | kaigo | 認定結果通知・被保険者証交付 | S | 認定 | CARE | HN:通知 | 3
C16 | kaigo | 保険料段階判定（課税状況確認） | S | 資格賦課 | INCOME | INCOME | 10
C17 | kaigo | 口座登録（保険料・償還払い） | S | 給付 | BANK | ACCT | 3
C18 | kaigo | 資格喪失処理・保険料精算 | S | 資格賦課 | DEATH MOVE BANK HEIR | - | 8
C19 | kaigo | 被保険者証返還受付 | S | 資格賦課 | - | - | 2
"""

_SHOGAI = """
D01 | fukushi | 番号札発券 | SYS | - | - | QUEUE | 0
D02 | fukushi | 本人確認書類の確認 | S | 手帳 | IDDOC | ID | 2
D03 | fukushi | 個人番号確認 | S | 手帳 | MYNUM | NUM | 2
D04 | fukushi | 身体障害者手帳 居住地変更届記入 | R | - | NAME DOB ADDR MYNUM DISAB | FORM | 4 | 居住地変更届
D05 | fukushi | 手帳台帳 住所更新 | S | 手帳 | ADDR KATA | KEY | 3 | 手帳住所更新
D06 | fukushi | 手帳記載事項変更（裏書） | S | 手帳 | ADDR | - | 3
D07 | fukushi | 手帳交付申請受付（指定医診断書） | RS | 手帳 | NAME DOB ADDR MYNUM DISAB | FORM | 10
D08 | fukushi | 県更生相談所へ進達・判定 | X | 県更生相談所 | DISAB | - | 30
D09 | fukushi | 手帳交付 | S | 手帳 | - | HN:交付 | 5
D10 | fukushi | 障害福祉サービス支給申請受付 | RS | 給付 | NAME DOB ADDR TEL MYNUM | FORM | 15
D11 | fukushi | 障害支援区分認定調査 | X | 障害支援区分認定調査員 | DISAB | HN:訪問 | 60/40/90
D12 | fukushi | 市町村審査会 | X | 市町村審査会 | - | HN:審査 | 10
D13 | fukushi | 支給決定・受給者証交付 | S | 給付 | - | HN:交付 | 5
D14 | fukushi | 所得区分確認（課税照会） | S | 給付 | INCOME | INCOME | 10
D15 | fukushi | 給付口座確認 | S | 給付 | BANK | ACCT | 3
D16 | fukushi | 自立支援医療 申請受付 | RS | 給付 | NAME DOB ADDR INS MYNUM | FORM | 8
D17 | fukushi | 手帳返還受付（死亡） | S | 手帳 | DEATH | - | 2
"""

_SEIHO = """
P01 | fukushi | 面接相談 | S | 面接相談員 | - | - | 45/30/90 | 面接
P02 | fukushi | 面接時本人確認 | S | 面接相談員 | IDDOC | ID | 2
P03 | fukushi | 保護申請書受付 | R | - | NAME DOB ADDR HH REL INCOME BANK TEL DISAB | FORM | 20
P04 | fukushi | 住民記録照会 | S | ケースワーカー | ADDR HH | ADDR | 3
P05 | fukushi | 家庭訪問（実態調査） | S | ケースワーカー | - | HN:訪問 | 60/40/90
P06 | fukushi | 資産調査（金融機関照会） | S | ケースワーカー | BANK | - | 15
P07 | fukushi | 収入調査（課税照会） | S | ケースワーカー | INCOME | INCOME | 10
P08 | fukushi | 扶養照会 | S | ケースワーカー | - | - | 15
P09 | fukushi | 要否判定・程度決定 | S | 査察指導員 | - | - | 30
P10 | fukushi | 保護決定・通知 | S | 課長 | - | HN:通知 | 10
P11 | fukushi | 支給口座登録 | S | ケースワーカー | BANK | ACCT | 3
P12 | fukushi | 保護費支給 | SYS | - | BANK | - | 0
P13 | fukushi | ケース記録入力 | S | ケースワーカー | NAME KANA DOB ADDR HH | KEY | 10 | ケース登録
P14 | fukushi | 国保喪失・医療扶助連絡 | S | ケースワーカー | - | HANDOFF | 3
P15 | fukushi | 定期訪問 | S | ケースワーカー | - | HN:訪問 | 45
P16 | fukushi | 保護変更・廃止処理 | S | ケースワーカー | DEATH MOVE | - | 10
"""

_KYOIKU = """
E01 | kyoiku | 番号札発券 | SYS | - | - | QUEUE | 0
E02 | kyoiku | 保護者確認 | S | 学事 | IDDOC | ID | 2
E03 | kyoiku | 転入学届・就学届記入 | R | - | NAME CHILD ADDR TEL SCHOOL | FORM | 5 | 転入学届記入
E04 | kyoiku | 在学証明書・教科用図書給与証明書確認 | S | 学事 | SCHOOL | - | 2
E05 | kyoiku | 学齢簿住所照合 | S | 学事 | ADDR | ADDR | 3
E06 | kyoiku | 学齢簿登載・異動入力 | S | 学事 | CHILD ADDR | KEY | 4 | 学齢簿入力
E07 | kyoiku | 通学区域判定 | S | 学事 | ADDR | - | 2
E08 | kyoiku | 転入学通知書交付 | S | 学事 | - | HN:交付 | 2
E09 | kyoiku | 転学通知書交付 | S | 学事 | - | HN:交付 | 2
E10 | kyoiku | 指定校変更申請受付 | RS | 学事 | NAME ADDR SCHOOL | FORM | 8
E11 | kyoiku | 学齢簿編製 | SYS | - | - | - | 0
E12 | kyoiku | 就学時健康診断通知 | SYS | - | - | HN:通知 | 0
E13 | kyoiku | 入学通知書発送 | SYS | - | - | HN:通知 | 0
E14 | kyoiku | 就学援助申請受付 | RS | 学事 | NAME ADDR BANK CHILD | FORM | 8
E15 | kyoiku | 就学援助 所得審査（課税照会） | S | 学事 | INCOME | INCOME | 10
E16 | kyoiku | 課税証明書の提出依頼 | S | 学事 | - | COPY | 2
"""


def _catalog() -> tuple[Activity, ...]:
    tables = {
        "SHIMIN": _SHIMIN,
        "ZEIMU": _ZEIMU,
        "HOKEN": _HOKEN,
        "KODOMO": _KODOMO,
        "KAIGO": _KAIGO,
        "SHOGAI": _SHOGAI,
        "SEIHO": _SEIHO,
        "KYOIKU": _KYOIKU,
    }
    out: list[Activity] = []
    for dept, table in tables.items():
        out.extend(parse_activities(dept, table))
    return tuple(out)


ACTIVITIES: tuple[Activity, ...] = _catalog()

C = Column
SYSTEMS: tuple[System, ...] = (
    System(
        key="juki",
        file="juki.csv",
        system="住民記録システム",
        department="SHIMIN",
        encoding="cp932",
        newline="\r\n",
        ts_style="slash",
        sort="time",
        case_col="受付番号",
        case_format="J{yy}-{n:06d}",
        activity_col="処理内容",
        ts_col="処理日時",
        resource_col="担当者",
        person_col="宛名番号",
        end_col="処理終了日時",
        columns=(
            C("受付区分", "@channel"),
            C("氏名", "NAME", "space_full"),
            C("氏名カナ", "KANA", "kata_full"),
            C("生年月日", "DOB", "slash"),
            C("性別", "SEX", "kanji"),
            C("住所", "ADDR", "kanji"),
            C("方書", "KATA"),
            C("前住所", "PREV"),
            C("世帯主氏名", "HH", "space_full"),
            C("続柄", "REL"),
            C("電話番号", "TEL", "hyphen"),
            C("個人番号", "MYNUM", "plain"),
            C("異動日", "MOVE", "slash"),
            C("本人確認書類", "IDDOC"),
            C("交付用途", "PURPOSE"),
        ),
    ),
    System(
        key="koseki",
        file="koseki.csv",
        system="戸籍情報システム",
        department="SHIMIN",
        encoding="utf-8",
        newline="\n",
        ts_style="iso_t",
        sort="time",
        case_col="管理番号",
        case_format="KS{yyyy}-{n:05d}",
        activity_col="処理名",
        ts_col="受付日時",
        resource_col="処理者",
        person_col="宛名番号",
        columns=(
            C("届出種別", "@notification"),
            C("事件本人氏名", "NAME", "nospace"),
            C("生年月日", "DOB", "iso"),
            C("本籍", "HONSEKI"),
            C("届出人氏名", "HEIR", "nospace"),
            C("死亡日", "DEATH", "iso"),
            C("確認書類", "IDDOC"),
        ),
    ),
    System(
        key="zeimu",
        file="zeimu.csv",
        system="税務総合システム",
        department="ZEIMU",
        encoding="utf-8-sig",
        newline="\r\n",
        ts_style="slash",
        sort="time",
        case_col="受付番号",
        case_format="Z{yy}{n:06d}",
        activity_col="作業名",
        ts_col="処理日時",
        resource_col="担当者",
        person_col="宛名コード",
        order=("ts", "case", "person", "activity", "resource"),
        columns=(
            C("納税義務者氏名", "NAME", "space_half"),
            C("フリガナ", "KANA", "kata_nospace"),
            C("生年月日", "DOB", "compact"),
            C("現住所", "ADDR", "nocity"),
            C("方書", "KATA"),
            C("連絡先電話", "TEL", "plain"),
            C("個人番号", "MYNUM", "plain"),
            C("金融機関名", "BANK", part="inst"),
            C("支店名", "BANK", part="branch"),
            C("預金種目", "BANK", part="type"),
            C("口座番号", "BANK", part="number"),
            C("口座名義（カナ）", "BANK", part="holder"),
            C("所得金額", "INCOME", "plain"),
            C("証明書用途", "PURPOSE"),
            C("相続人代表者氏名", "HEIR", "space_half"),
            C("異動年月日", "MOVE|DEATH", "compact"),
            C("障害者控除（障害の程度）", "DISAB"),
            C("要介護度（控除対象者認定）", "CARE"),
        ),
    ),
    System(
        key="kokuho",
        file="kokuho.csv",
        system="国保システム",
        department="HOKEN",
        encoding="cp932",
        newline="\r\n",
        ts_style="iso",
        sort="time_desc",
        case_col="申請番号",
        case_format="{yyyy}{n:07d}",
        activity_col="手続",
        ts_col="日時",
        resource_col="担当",
        person_col="住民番号",
        end_col="完了日時",
        order=("person", "case", "ts", "end", "activity", "resource"),
        columns=(
            C("被保険者氏名", "NAME", "space_full"),
            C("カナ氏名", "KANA", "kata_half"),
            C("生年月日", "DOB", "slash_nopad"),
            C("性別", "SEX", "code"),
            C("住所", "ADDR", "hyphen"),
            C("方書", "KATA"),
            C("世帯主", "HH", "space_full"),
            C("続柄", "REL"),
            C("電話番号", "TEL", "hyphen"),
            C("個人番号", "MYNUM", "plain"),
            C("保険区分", "INS"),
            C("勤務先", "EMP", part="name"),
            C("勤務先電話", "EMP", part="tel"),
            C("口座情報", "BANK", "space", part="all"),
            C("所得", "INCOME", "comma"),
            C("確認書類", "IDDOC"),
            C("請求者氏名", "HEIR", "space_full"),
        ),
    ),
    System(
        key="kodomo",
        file="kodomo.csv",
        system="子ども・子育て支援システム",
        department="KODOMO",
        encoding="utf-8",
        newline="\n",
        ts_style="slash",
        sort="person",
        case_col="申請番号",
        case_format="KD-{yy}-{n:05d}",
        activity_col="処理内容",
        ts_col="処理日時",
        resource_col="担当者",
        person_col="個人コード",
        end_col="処理終了日時",
        columns=(
            C("請求者氏名", "NAME", "nospace"),
            C("請求者カナ", "KANA", "kata_full"),
            C("生年月日", "DOB", "iso"),
            C("現住所", "ADDR", "kanji"),
            C("方書", "KATA"),
            C("連絡先電話", "TEL", "hyphen"),
            C("個人番号", "MYNUM", "plain"),
            C("世帯主氏名", "HH", "nospace"),
            C("続柄", "REL"),
            C("加入年金・保険", "INS"),
            C("勤務先", "EMP", part="name"),
            C("金融機関名", "BANK", part="inst"),
            C("支店名", "BANK", part="branch"),
            C("口座種別", "BANK", part="type"),
            C("口座番号", "BANK", part="number"),
            C("口座名義人カナ", "BANK", part="holder"),
            C("児童氏名", "CHILD", "nospace", part="name"),
            C("児童生年月日", "CHILD", "iso", part="dob"),
            C("所得額", "INCOME", "plain"),
            C("本籍", "HONSEKI"),
        ),
    ),
    System(
        key="kaigo",
        file="kaigo.csv",
        system="介護保険システム",
        department="KAIGO",
        encoding="utf-8",
        newline="\n",
        ts_style="era",
        sort="time",
        case_col="管理番号",
        case_format="C{yy}{n:06d}",
        activity_col="処理名",
        ts_col="実施日時",
        resource_col="担当者",
        person_col="宛名番号",
        order=("case", "ts", "activity", "person", "resource"),
        columns=(
            C("被保険者氏名", "NAME", "space_full"),
            C("ふりがな", "KANA", "hira"),
            C("生年月日（和暦）", "DOB", "era_kanji"),
            C("性別", "SEX", "kanji"),
            C("住所（方書含む）", "ADDR", "kanji_kata"),
            C("電話", "TEL", "hyphen"),
            C("個人番号", "MYNUM", "spaced"),
            C("口座", "BANK", "space", part="all"),
            C("施設住所", "FACILITY"),
            C("要介護度", "CARE"),
            C("主治医", "DOCTOR"),
            C("合計所得金額", "INCOME", "comma"),
            C("資格喪失日", "DEATH|MOVE", "era_kanji"),
            C("相続人氏名", "HEIR", "space_full"),
        ),
    ),
    System(
        key="fukushi",
        file="fukushi.csv",
        system="福祉総合システム",
        department=None,
        encoding="utf-8",
        newline="\n",
        ts_style="iso_t",
        sort="case",
        case_col="ケース番号",
        case_format="{dept}-{yy}{n:05d}",
        activity_col="作業名",
        ts_col="実施日時",
        resource_col="処理者",
        person_col="個人コード",
        end_col="完了日時",
        dept_column="担当課",
        columns=(
            C("氏名", "NAME", "space_half"),
            C("氏名（カナ）", "KANA", "kata_half"),
            C("生年月日", "DOB", "era_abbr"),
            C("住所", "ADDR", "nocity"),
            C("方書", "KATA"),
            C("電話番号", "TEL", "plain"),
            C("個人番号", "MYNUM", "plain"),
            C("世帯主", "HH", "space_half"),
            C("続柄", "REL"),
            C("振込先口座", "BANK", "slash", part="all"),
            C("収入・所得額", "INCOME", "plain"),
            C("障害名・等級", "DISAB"),
            C("加入保険", "INS"),
            C("異動・死亡日", "DEATH|MOVE", "slash"),
        ),
    ),
    System(
        key="kyoiku",
        file="kyoiku.csv",
        system="就学システム（学齢簿）",
        department="KYOIKU",
        encoding="utf-8",
        newline="\n",
        ts_style="slash",
        sort="time",
        case_col="受付番号",
        case_format="E{yy}-{n:05d}",
        activity_col="手続",
        ts_col="受付日時",
        resource_col="担当",
        person_col="宛名コード",
        columns=(
            C("保護者氏名", "NAME", "space_full"),
            C("住所", "ADDR", "hyphen_nocity"),
            C("連絡先", "TEL", "plain"),
            C("児童氏名", "CHILD", "space_full", part="name"),
            C("児童氏名カナ", "CHILD", "kata_full", part="kana"),
            C("児童生年月日", "CHILD", "slash", part="dob"),
            C("児童性別", "CHILD", "kanji", part="sex"),
            C("学校名", "SCHOOL"),
            C("振込口座", "BANK", "space", part="all"),
            C("認定所得額", "INCOME", "plain"),
        ),
    ),
)

#: Department copies of resident data (§3.7); 市民課 holds the authoritative record.
SILO_RATES: dict[str, SiloRates] = {
    "SHIMIN": SiloRates(authoritative=True),
    "ZEIMU": SiloRates(addr_stale=0.01, mynum_missing=0.05, care_stale=0.04, disab_stale=0.04),
    "HOKEN": SiloRates(
        addr_format=0.05, kata_missing=0.03, addr_stale=0.003, mynum_missing=0.05, hh_legit=0.015
    ),
    "KODOMO": SiloRates(addr_stale=0.015, mynum_missing=0.10, old_surname=0.35),
    "KAIGO": SiloRates(addr_stale=0.01, mynum_missing=0.15),
    "SHOGAI": SiloRates(addr_stale=0.07, mynum_missing=0.20, old_surname=0.50),
    "SEIHO": SiloRates(addr_stale=0.005, mynum_missing=0.08, disab_stale=0.03),
    "KYOIKU": SiloRates(addr_stale=0.02, old_surname=0.40),
}

#: Columns that look like resident fields but hold something else: (system, header, looks like).
DECOYS: tuple[tuple[str, str, str], ...] = (
    ("kaigo", "施設住所", "ADDR"),
    ("kodomo", "児童氏名", "NAME"),
    ("kodomo", "児童生年月日", "DOB"),
    ("kokuho", "勤務先電話", "TEL"),
    ("kyoiku", "児童氏名", "NAME"),
    ("kyoiku", "児童生年月日", "DOB"),
    ("koseki", "届出人氏名", "NAME"),
    ("zeimu", "相続人代表者氏名", "NAME"),
    ("kaigo", "相続人氏名", "NAME"),
)

B = Block
LIFE_EVENTS: tuple[LifeEvent, ...] = (
    LifeEvent(
        "転入",
        2300,
        (20, 64),
        peak=4.0,
        proxy=0.10,
        # household moving in (§3.1: ≈1.5 persons per filing); the branch probabilities
        # of §3.1 hold on average, correlated with the household
        one_of={"alone": 0.50, "couple": 0.17, "kids": 0.22, "elderly": 0.11},
        flags={
            "partner": 0.0,
            "card": 0.75,
            "seal": 0.12,
            "seal_mail": 0.20,
            "juminhyo_self": 0.10,
            "kokuho": 0.14,
            "kokuho_debit": 0.50,
            "nenkin": 0.10,
            "kouki": 0.0,
            "care": 0.0,
            "facility": 0.40,
            "school": 0.55,
            "nursery": 0.27,
            "lone_parent": 0.08,
            "pp_juminhyo": 0.08,
            "preschool": 0.15,
            "schoolaid": 0.10,
            "pp_kazei": 0.60,
            "disab": 0.025,
            "seiho": 0.003,
            "moped": 0.05,
            "zeimu_debit": 0.05,
        },
        flags_if={
            "alone": {"seiho": 0.015},
            "couple": {"partner": 1.0, "seal": 0.22, "kokuho": 0.16, "moped": 0.04},
            "kids": {
                "partner": 1.0,
                "card": 0.80,
                "seal": 0.40,
                "kokuho": 0.40,
                "nenkin": 0.14,
                "moped": 0.03,
            },
            "elderly": {
                "partner": 0.5,
                "card": 0.70,
                "seal": 0.20,
                "kokuho": 0.55,
                "nenkin": 0.0,
                "kouki": 0.36,
                "care": 0.14,
                "disab": 0.08,
                "seiho": 0.02,
                "moped": 0.02,
            },
        },
        requires={
            "seal_mail": "seal",
            "facility": "care",
            "kokuho_debit": "kokuho",
            "school": "kids",
            "nursery": "kids",
            "lone_parent": "kids",
            "pp_juminhyo": "kids",
            "preschool": "kids",
            "schoolaid": "school",
            "pp_kazei": "schoolaid",
        },
        age_if={
            "kouki": (75, 92),
            "care": (66, 74),
            "elderly": (65, 74),
            "kids": (26, 46),
            "alone": (20, 45),
            "couple": (24, 64),
        },
        visit=(
            B("SHIMIN", "S02 S03 S04 S05 S06 S07 S08 S09?card S10 S11", counter="異動"),
            B(
                "SHIMIN",
                "S13?seal S04 S12?juminhyo_self S14?seal&!seal_mail S15?seal_mail",
                "seal|juminhyo_self",
                counter="証明",
            ),
            B(
                "HOKEN",
                "H02 H03 H04 H05 H06 H07 H08 H17 H10?kokuho_debit",
                "kokuho",
                shuffle=True,
                counter="国保",
            ),
            B("HOKEN", "H03 H13", "nenkin", shuffle=True, counter="年金"),
            B("HOKEN", "H03 H15 H16", "kouki", shuffle=True, counter="後期"),
            B("KAIGO", "C02 C03 C04 C05 C06 C07", "care", shuffle=True),
            B("KODOMO", "K02 K03 K04 K05 K06 K07 K08 K20", "kids", shuffle=True, counter="手当"),
            B("KODOMO", "K03 K12", "kids", shuffle=True, counter="医療助成"),
            B("KODOMO", "K11 K13", "kids", shuffle=True, counter="医療助成", each="kid"),
            B("KODOMO", "K21", "kids", shuffle=True, counter="母子保健", each="small"),
            B("KODOMO", "K22", "kids", shuffle=True, counter="母子保健", each="first_small"),
            B("KODOMO", "K03 K14", "nursery", shuffle=True, counter="保育"),
            B("KODOMO", "K03 K17 K18", "lone_parent", shuffle=True, counter="ひとり親"),
            B("KYOIKU", "E02 E04 E05 E07", "school", shuffle=True),
            B("KYOIKU", "E03 E06 E08", "school", shuffle=True, each="school"),
            B("KYOIKU", "E14?schoolaid E16?schoolaid", "school", shuffle=True),
            B("SHOGAI", "D02 D03 D04 D05 D06", "disab", shuffle=True),
            B("SEIHO", "P01 P02 P03 P04 P13", "seiho", kind="desk", shuffle=True),
            B(
                "ZEIMU",
                "Z10?moped Z03?moped Z11?moped Z12?zeimu_debit",
                "moped|zeimu_debit",
                shuffle=True,
            ),
        ),
        back=(
            B("SHIMIN", "S16@3-10", "seal_mail", kind="back"),
            B("ZEIMU", "Z07@1-2 Z14@20-60", kind="back"),
            B("HOKEN", "H09@1-3 H18@5-30", "kokuho", kind="back"),
            B("HOKEN", "H14@1-5", "nenkin", kind="back"),
            B("KODOMO", "K09@1-10", "kids", kind="back"),
            B("KODOMO", "K15@1-5 K16@m", "nursery", kind="back"),
            B("KODOMO", "K19@2-7", "lone_parent", kind="back"),
            B("KAIGO", "C16@1-3 C17@0-3", "care", kind="back"),
            B("KYOIKU", "E15@2-7", "schoolaid", kind="back"),
            B("KYOIKU", "E11@=10/01 E12@=10/20 E13@=01/20", "preschool", kind="back"),
            B(
                "SEIHO",
                "P05@2-7 P07@1-3 P09@3-7 P10@1-2 P11@0-1 P14@0-2 P12@m",
                "seiho",
                kind="back",
            ),
        ),
        detours=(
            Detour(
                "pp_juminhyo", "K05", (B("SHIMIN", "S04 S12", counter="証明"),), "K18", "他課提出用"
            ),
            Detour("pp_kazei", "E16", (B("ZEIMU", "Z02 Z03 Z04"),), "E14", "他課提出用"),
        ),
    ),
    LifeEvent(
        "転出",
        2400,
        (20, 70),
        peak=4.0,
        one_of={"online": 0.5, "counter": 0.5},
        flag_channel={"online": "オンライン"},
        flags={
            "kokuho": 0.25,
            "care_cert": 0.05,
            "kids": 0.22,
            "school": 0.55,
            "moped": 0.04,
            "seiho": 0.01,
        },
        requires={"school": "kids"},
        age_if={"care_cert": (70, 92), "kids": (26, 46)},
        visit=(
            B("SHIMIN", "S03", "online", kind="online"),
            B("SHIMIN", "S02 S03 S04 S07 S08 S10", "counter"),
            B("HOKEN", "H02 H03 H07", "kokuho", shuffle=True),
            B("KAIGO", "C02 C03 C07", "care_cert", shuffle=True),
            B("KODOMO", "K03 K10", "kids", shuffle=True),
            B("KYOIKU", "E02 E09", "school", shuffle=True),
            B("ZEIMU", "Z10", "moped", shuffle=True),
        ),
        back=(
            B("SHIMIN", "S07@1-2 S08@0", "online", kind="back"),
            B("ZEIMU", "Z08@1-5", kind="back"),
            B("KAIGO", "C18@1-5", "care_cert", kind="back"),
            B("SEIHO", "P16@1-5", "seiho", kind="back"),
        ),
    ),
    LifeEvent(
        "転居",
        1300,
        (20, 75),
        peak=2.0,
        flags={
            "card": 0.75,
            "kokuho": 0.25,
            "kids": 0.22,
            "school_change": 0.27,
            "school_req": 0.30,
            "disab": 0.03,
            "disab_notify": 0.60,
        },
        requires={"school_change": "kids", "school_req": "school_change", "disab_notify": "disab"},
        age_if={"kids": (26, 46)},
        visit=(
            B("SHIMIN", "S02 S03 S04 S07 S08 S09?card S10", counter="異動"),
            B("HOKEN", "H02 H03 H07", "kokuho", shuffle=True),
            B("KODOMO", "K03 K10", "kids", shuffle=True),
            B("KYOIKU", "E02 E05 E07 E08 E10?school_req", "school_change", shuffle=True),
            B("SHOGAI", "D02 D04 D05 D06", "disab_notify", shuffle=True),
        ),
        back=(B("ZEIMU", "Z07@1-5", kind="back"),),
    ),
    LifeEvent(
        "出生",
        590,
        (24, 42),
        flags={"kokuho": 0.20, "lump": 0.20},
        visit=(
            B("SHIMIN", "S17 S18 S19", kind="desk", subject="newborn"),
            B("HOKEN", "H02 H03 H04 H05 H07 H08", "kokuho", subject="newborn"),
            B("HOKEN", "H11", "lump"),
            B("KODOMO", "K02 K03 K04 K05 K06 K07 K08 K11 K12 K13"),
        ),
        back=(
            B("SHIMIN", "S20@0 S07@0", kind="back", subject="newborn"),
            B("KODOMO", "K09@1-10", kind="back"),
            B("HOKEN", "H12@7-30", "lump", kind="back"),
        ),
        revisit=0.06,
    ),
    LifeEvent(
        "死亡",
        1270,
        (62, 99),
        winter=1.18,
        proxy=0.15,
        revisit=0.15,
        later_visit=(3, 30),
        flags={
            "kouki": 0.72,
            "kokuho": 0.15,
            "funeral": 0.80,
            "care_loss": 0.85,
            "care_cert": 0.55,
            "hh_change": 0.45,
            "disab": 0.20,
            "fixed_asset": 0.45,
            "kei": 0.12,
            "refund": 0.25,
            "seiho": 0.03,
            "kids": 0.01,
        },
        visit=(B("SHIMIN", "S17 S18 S21 S19 S23", kind="desk"),),
        visit2=(
            B("SHIMIN", "S22", "hh_change", subject="heir"),
            B("HOKEN", "H02 H03 H07 H11?funeral H17", "kouki|kokuho", shuffle=True),
            B("KAIGO", "C02 C19 C18", "care_loss", shuffle=True),
            B("SHOGAI", "D02 D17", "disab", shuffle=True),
            B("ZEIMU", "Z09?fixed_asset Z10?kei", "fixed_asset|kei", shuffle=True),
            B("KODOMO", "K03 K10", "kids", shuffle=True),
        ),
        back=(
            B("SHIMIN", "S20@0-1 S07@0", kind="back"),
            B("ZEIMU", "Z08@1-5 Z15?refund@5-20", kind="back"),
            B("HOKEN", "H12@7-30", "funeral&kouki|funeral&kokuho", kind="back"),
            B("SEIHO", "P16@1-5", "seiho", kind="back"),
        ),
    ),
    LifeEvent(
        "婚姻",
        380,
        (24, 40),
        flags={
            "name_change": 0.95,
            "move": 0.60,
            "move_in": 0.50,
            "seal": 0.15,
            "kokuho": 0.20,
            "nenkin": 0.15,
            "kids": 0.05,
            "disab": 0.03,
        },
        requires={"move_in": "move"},
        visit=(
            B("SHIMIN", "S17 S18 S19", kind="desk"),
            B("SHIMIN", "S02 S03 S04 S05?move_in S07 S08 S09 S10", "move"),
            B("SHIMIN", "S07", "!move", kind="desk"),
            B("SHIMIN", "S13 S14", "seal"),
            B("HOKEN", "H13", "nenkin", shuffle=True),
            B("HOKEN", "H02 H03 H07", "kokuho", shuffle=True),
            B("SHOGAI", "D02 D04", "disab", shuffle=True),
            B("KODOMO", "K03 K10", "kids", shuffle=True),
        ),
        back=(
            B("SHIMIN", "S20@0-2", kind="back"),
            B("ZEIMU", "Z07@1-3", "move", kind="back"),
        ),
    ),
    LifeEvent(
        "生活保護申請",
        80,
        (30, 80),
        revisit=0.0,
        shuffle=0.0,
        flags={"disab": 0.25},
        visit=(B("SEIHO", "P01 P02 P03", kind="desk"),),
        back=(
            B(
                "SEIHO",
                "P04@0-1 P05@2-5 P06@1-2 P07@0-2 P08@0-2 P09@3-6 P10@1-2 P11@0-1 "
                "P13@0-1 P14@0-2 P12@m P15@20-40 P12@m",
                kind="back",
            ),
        ),
    ),
    LifeEvent(
        "要介護認定申請",
        450,
        (66, 96),
        revisit=0.0,
        shuffle=0.0,
        flags={"premium": 0.20, "acct": 0.30},
        visit=(B("KAIGO", "C02 C08"),),
        back=(
            B(
                "KAIGO",
                "C09@1-3 C11@0-1 C10@8-11 C12@3-7 C13@1-3 C14@3-8 C15@1-4 "
                "C16?premium@0-3 C17?acct@0-3",
                kind="back",
            ),
        ),
    ),
    LifeEvent(
        "障害福祉申請",
        150,
        (18, 80),
        revisit=0.0,
        shuffle=0.0,
        one_of={"card_new": 0.40, "service": 0.35, "medical": 0.25},
        flags={},
        visit=(
            B("SHOGAI", "D02 D03 D07", "card_new"),
            B("SHOGAI", "D02 D03 D10", "service"),
            B("SHOGAI", "D02 D03 D16", "medical"),
        ),
        back=(
            B("SHOGAI", "D08@5-10 D09@40-60", "card_new", kind="back"),
            B("SHOGAI", "D11@7-14 D14@0-3 D12@m D13@3-10 D15@0-3", "service", kind="back"),
            B("SHOGAI", "D14@0-3 D13@7-14", "medical", kind="back"),
        ),
    ),
    LifeEvent(
        "住民税申告",
        120,
        (20, 80),
        season=("02/16", "03/15"),
        revisit=0.0,
        shuffle=0.0,
        flags={"debit": 0.20, "disab": 0.12, "care": 0.10},
        age_if={"care": (70, 90)},
        visit=(B("ZEIMU", "Z05 Z03 Z06 Z12?debit"),),
        back=(B("ZEIMU", "Z14@=06/10", kind="back"),),
    ),
)

#: The office is closed on national holidays and over the New Year.
HOLIDAYS: tuple[str, ...] = NATIONAL_HOLIDAYS

#: Share of counter arrivals per hour of day (大船渡市 counter statistics, §3.1).
HOURLY: dict[int, float] = {
    8: 4.0,
    9: 13.2,
    10: 16.3,
    11: 12.8,
    12: 8.5,
    13: 12.0,
    14: 12.3,
    15: 10.2,
    16: 7.6,
    17: 2.8,
}

README = """\
# 光陽市 (Kōyō-shi) — sample exports

光陽市 is a fictional city of about 98,000 residents. These files are what its department
systems would export for one fiscal year (令和7年度, 2025-04-01 … 2026-03-31): every row is one
step of one department's own case, with the department's own case number, activity label,
time stamp, staff id and the resident key 宛名番号 (called 住民番号 / 個人コード / 宛名コード by
some systems; the values are the same number everywhere).

Residents move through the departments along life events — 転入, 転出, 転居, 出生, 死亡, 婚姻 — and
independent applications (生活保護, 要介護認定, 障害福祉, 住民税申告), in the As-Is order of a city
that has not reformed its counters: a queue ticket (番号札発券) at every counter — also at a
department's second counter (証明, 年金, 医療助成, 母子保健 …) —, the resident writing the same
basic data again on each department's form (one per child where the procedure is per child),
identity and My Number checks at every counter, back-office re-keying of data the 住民記録
already holds, and income inquiries to 税務課 from every welfare department. A case is a
household: who moves in (single, couple, family with children, elderly) decides which
procedures follow, so a family with children queues at five to eight counters and spends two
to three hours in the building, while the city-wide shares of each procedure stay those of
koyo-city §3.1. Timestamps follow office hours (8:30–17:15 on working days); waiting and walking
show up as gaps, and the late-March/early-April peak has much longer queues. Staff ids look
like `SHIMIN-受付-03`; `RESIDENT` marks steps the resident performs (form writing, online
filing), `SYSTEM` batch and automatic steps, and ids like `認定調査員-02` external bodies.

Each system exports with its own headers, encodings and conventions: two files are Shift_JIS
(CP932), one is UTF-8 with a BOM, 介護保険システム writes Japanese-era time stamps, some systems have
an end-time column (処理終了日時 / 完了日時) and some do not, and some files are not sorted by time.
`fukushi.csv` is one system shared by two departments and says which one in its 担当課 column.
`procmine.toml` names each file's department. Activity labels carry the noise of real systems
(full/half-width variants, old-system labels, suffixes). Each department keeps its own copy of a
resident's name, address, phone, My Number and bank account, with planted inconsistencies
(notation variants, stale addresses, variant characters, missing values, different accounts);
some columns only look like resident data (施設住所, 児童氏名, 勤務先電話 …).

`truth/` holds the ground truth (planted duplicates, hard negatives, label aliases, silo rates,
decoy columns, every life event's journey); see `truth/README.md`. The analysis must never read
it. Everything is fictional and regenerated deterministically by
`procmine sample --size small --seed 7 --out sample_logs`; the same city after a
書かない・ワンストップ窓口 reform (same residents, life events and days) is
`procmine.samples.generate(DIR, size="small", seed=7, variant="tobe")`.
"""

#: The reformed 光陽市 (To-Be): the 市民課 counter becomes the one-stop counter.
TOBE = ToBe(
    front="SHIMIN",
    role="総合窓口",
    staff=6,
    ticket="S01",
    id_check="S04",
    num_check="S24",
    guide="S11",
    extra=(
        Activity("S24", "SHIMIN", "juki", "個人番号確認", "S", "総合窓口", ("MYNUM",), "NUM", 2.0),
    ),
)

TRUTH_NOTES = """\
- 市民課 (住民記録) is the authoritative source of the basic data, 介護保険課 of CARE and
  障害福祉課 of DISAB.
- Each activity is in its main cluster only: C08 and H11 are FORM, E14 is FORM. 課税状況照会回答
  (税務課) answers the INCOME inquiries but is not one of them. 番号札発券 has the same label in
  every department. Members of one cluster in one department: S03/S13 FORM, S04/S18 ID,
  S11/S23 GUIDE, K02/K11/K14/K17/K21 FORM.
- Hard-negative groups: 審査, 訪問, 住所, 通知, 交付; group 住所 lists C06 住所地特例確認 with the
  ADDR members it must not be merged with.
- Old surnames after 婚姻 are kept by some copies in 障害福祉課, 教育委員会学校教育課 and こども家庭課.
"""

KOYO = City(
    name="光陽市",
    start="2025-04-01",
    days=365,
    holidays=HOLIDAYS,
    peak=("03/20", "04/10"),
    departments=DEPARTMENTS,
    externals=EXTERNALS,
    activities=ACTIVITIES,
    systems=SYSTEMS,
    silo_rates=SILO_RATES,
    life_events=LIFE_EVENTS,
    hourly=HOURLY,
    rework=0.11,
    sizes={"tiny": 100, "small": 1000, "year": 8240},
    label_noise=0.11,
    decoys=DECOYS,
    providers={"INCOME": "Z13"},
    negative_extra={"住所": ("C05", "H05", "K05", "E05")},
    readme=README,
    truth_notes=TRUTH_NOTES,
    words=KOYO_WORDS,
    per_person={"S03": 2.0, "S09": 1.5},
    split=0.35,
    tobe=TOBE,
)
