"""The fictional town 湊川町 as data tables: a city the analysis has never seen.

A coastal town of about 36,000 residents with other departments than 光陽市 (no 福祉事務所:
生活保護 is taken in by 福祉課 and decided by the prefecture; a 健康推進課 runs the 保健センター),
another split of systems into export files (住民記録 and 税 share one package and one 宛名;
戸籍 exports a TSV; the child-care cloud service writes English headers and labels), other
column headers for every role and data column, other activity labels for the same canonical
tasks, other hard negatives and another pool of residents. Same kinds of planted
duplicates and silos, with ground truth in the same formats.
"""

from __future__ import annotations

from procmine.samples.minato_words import MINATO_WORDS
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

_PEAK = (1.5, 2.5)

DEPARTMENTS: tuple[Department, ...] = (
    Department(
        "JUMIN",
        "住民窓口課",
        {"案内": 1, "窓口": 4, "記録": 3, "戸籍": 2, "係長": 1},
        ticket="J01",
        wait_median=12.0,
        prequeue_roles=("案内",),
        staff_code="JM",
        counter_wait={"証明": 5.0},
        peak_wait=(2.5, 3.5),
    ),
    Department(
        "KAZEI",
        "課税課",
        {"町民税": 3, "資産税": 2, "諸税": 1},
        ticket="T01",
        wait_median=6.0,
        staff_code="KZ",
        peak_wait=_PEAK,
    ),
    Department(
        "KOKUHO",
        "国民健康保険課",
        {"国保": 3, "年金": 1, "後期": 1, "給付": 1, "賦課": 1},
        ticket="N01",
        wait_median=8.0,
        staff_code="HK",
        counter_wait={"年金": 4.0, "後期": 4.0},
        peak_wait=_PEAK,
    ),
    Department(
        "KODOMO",
        "子ども未来課",
        {"手当": 2, "医療": 1, "保育": 2, "ひとり親": 1},
        ticket="C01",
        wait_median=8.0,
        staff_code="KM",
        counter_wait={"医療": 4.0, "保育": 5.0, "ひとり親": 4.0},
        peak_wait=_PEAK,
    ),
    Department(
        "KOREI",
        "高齢介護課",
        {"資格": 2, "認定": 2, "給付": 1},
        ticket="A01",
        wait_median=6.0,
        staff_code="KR",
        peak_wait=_PEAK,
    ),
    Department(
        "FUKUSHI",
        "福祉課",
        {"障害": 2, "給付": 2, "生活支援": 2},
        ticket="F01",
        wait_median=6.0,
        staff_code="FK",
        peak_wait=_PEAK,
    ),
    Department(
        "GAKUMU",
        "学務課",
        {"学事": 2},
        ticket="G01",
        wait_median=6.0,
        walk=(5.0, 10.0),
        staff_code="GM",
        peak_wait=_PEAK,
    ),
    Department(
        "KENKO",
        "健康推進課",
        {"保健師": 4, "事務": 2},
        ticket="H01",
        wait_median=5.0,
        walk=(8.0, 15.0),  # 保健センター, across the road
        staff_code="KK",
        peak_wait=_PEAK,
    ),
)

EXTERNALS: dict[str, int] = {
    "認定調査員": 4,
    "主治医": 8,
    "介護認定審査会": 2,
    "県障害者更生相談所": 1,
    "障害支援区分認定調査員": 2,
    "町障害支援区分審査会": 1,
    "県福祉事務所": 2,
}

# id | system | label | performer | role | fields | GT | minutes [| old-system aliases]
_JUMIN = """
J01 | jumin  | 受付票発行 | SYS | - | - | QUEUE | 0
J02 | jumin  | フロア案内・用件聞き取り | S | 案内 | - | - | 2/1/4
J03 | jumin  | 異動届の作成 | R | - | NAME KANA DOB SEX ADDR KATA PREV HH REL MOVE TEL | FORM | 8/4/15 | 住民異動届書作成
J04 | jumin  | 来庁者の本人確認書類確認 | S | 窓口 | IDDOC | ID | 2/1/3
J05 | jumin  | 転出証明書の確認（特例転出含む） | S | 窓口 | PREV MOVE | - | 3/2/6
J06 | jumin  | 届出内容の点検 | S | 記録 | - | HN:審理・判定 | 4/2/8
J07 | jumin  | 住民記録の更新 | S | 記録 | NAME KANA DOB SEX ADDR KATA HH REL MYNUM | AUTH | 7/4/12 | 住記更新
J08 | jumin  | 住基ネット連携送信 | SYS | - | - | - | 1
J09 | jumin  | マイナンバーカードの継続利用手続 | SR | 窓口 | - | - | 5/3/10
J10 | jumin  | 各課あて異動連絡票の出力 | S | 記録 | NAME ADDR DOB MOVE | HANDOFF | 3/2/5
J11 | jumin  | 他課手続のご案内 | S | 窓口 | - | GUIDE | 4/2/8
J12 | jumin  | 住民票等の証明書発行 | S | 窓口 | NAME ADDR PURPOSE | COPY | 4/2/7
J13 | jumin  | 印鑑登録申請（申請者記入） | R | - | NAME ADDR DOB | FORM | 3/2/5
J14 | jumin  | 印鑑登録証の即日交付 | S | 窓口 | - | - | 5/3/8
J15 | jumin  | 照会書の郵送（印鑑登録） | S | 窓口 | NAME ADDR | - | 2
J16 | jumin  | 照会回答書の受理・登録 | S | 窓口 | - | - | 5
J17 | koseki | 戸籍届書の受付 | S | 戸籍 | NAME DOB HONSEKI HEIR | - | 5/3/10
J18 | koseki | 届出人の本人確認 | S | 戸籍 | IDDOC | ID | 2/1/3
J19 | koseki | 届書の審理・受理決定 | S | 戸籍 | - | HN:審理・判定 | 10/5/30
J20 | koseki | 戸籍記載・決裁処理 | S | 係長 | - | - | 15/8/40
J21 | koseki | 埋火葬許可証の交付 | S | 戸籍 | DEATH | - | 3
J22 | jumin  | 世帯主変更届の受理 | S | 記録 | HH REL | - | 5
J23 | koseki | ご遺族向け手続一覧の手交 | S | 戸籍 | - | GUIDE | 3
"""

_KAZEI = """
T01 | jumin | 受付票発行 | SYS | - | - | QUEUE | 0
T02 | jumin | 税証明交付申請書の記入 | R | - | NAME ADDR DOB PURPOSE | FORM | 3/2/5
T03 | jumin | 申請者本人の確認 | S | 諸税 | IDDOC | ID | 2
T04 | jumin | 所得・課税証明書の発行 | S | 諸税 | NAME ADDR INCOME PURPOSE | COPY | 5
T05 | jumin | 町民税・県民税申告の受付 | RS | 町民税 | NAME ADDR DOB MYNUM INCOME TEL DISAB CARE | FORM | 15/8/30
T06 | jumin | 番号確認（申告者） | S | 町民税 | MYNUM | NUM | 2
T08 | jumin | 納税義務者異動の処理 | S | 町民税 | MOVE DEATH | - | 5
T09 | jumin | 相続人代表者指定届の受理 | RS | 資産税 | HEIR NAME ADDR TEL | FORM | 8
T10 | jumin | 原付・小型特殊の登録／廃車申告受付 | RS | 諸税 | NAME ADDR DOB | FORM | 6
T11 | jumin | 標識（ナンバープレート）交付 | S | 諸税 | - | - | 4
T12 | jumin | 口座振替申込書の受理 | RS | 諸税 | BANK NAME ADDR | ACCT | 4
T13 | jumin | 他課からの所得照会への回答 | S | 町民税 | INCOME | - | 8
T14 | jumin | 税額決定通知書の一括発送 | SYS | - | - | HN:発送 | 0
T15 | jumin | 過誤納金の還付・充当 | S | 諸税 | BANK | - | 10
"""

_KOKUHO = """
N01 | kokuho | 整理券発行 | SYS | - | - | QUEUE | 0
N02 | kokuho | 国保加入・脱退の届書記入 | R | - | NAME KANA DOB SEX ADDR HH REL MYNUM TEL INS | FORM | 6/3/12 | 国保資格届記入
N03 | kokuho | 身分証確認 | S | 国保 | IDDOC | ID | 2
N04 | kokuho | 番号法に基づく番号確認 | S | 国保 | MYNUM | NUM | 2
N05 | kokuho | 住民基本台帳の世帯情報照会 | S | 国保 | HH REL ADDR | ADDR | 3/1/5
N06 | kokuho | 健康保険資格喪失証明書の確認 | S | 国保 | INS EMP | - | 3
N07 | kokuho | 被保険者資格の登録 | S | 国保 | NAME KANA DOB ADDR HH MYNUM | KEY | 5/3/9 | 資格登録
N08 | kokuho | 資格確認書の発行 | S | 国保 | - | HN:引渡し | 3
N09 | kokuho | 国保税額算定のための所得確認 | S | 賦課 | INCOME | INCOME | 10
N10 | kokuho | 国保税口座振替の申込受理 | RS | 賦課 | BANK | ACCT | 4
N11 | kokuho | 出産育児一時金・葬祭費の支給申請受付 | RS | 給付 | NAME ADDR BANK HEIR | FORM | 6
N12 | kokuho | 一時金・葬祭費の支給決定 | S | 給付 | BANK | - | 5
N13 | kokuho | 国民年金第1号被保険者の届出受付 | RS | 年金 | NAME DOB ADDR MYNUM | FORM | 6
N14 | kokuho | 年金事務所への送付 | S | 年金 | - | - | 5
N15 | kokuho | 後期高齢者医療 被保険者情報の登録 | S | 後期 | NAME DOB ADDR | KEY | 5
N16 | kokuho | 後期高齢者医療 資格確認書の引渡し | S | 後期 | - | HN:引渡し | 2
N17 | kokuho | 関係窓口のご案内 | S | 国保 | - | GUIDE | 3
N18 | kokuho | 国保税納税通知書の発送 | SYS | - | - | HN:発送 | 0
"""

_KODOMO = """
C01 | kosodate | Queue ticket issued | SYS | - | - | QUEUE | 0
C02 | kosodate | Child allowance claim form filled in | R | - | NAME KANA DOB ADDR TEL MYNUM BANK CHILD INS | FORM | 10/5/18 | Claim form (child allowance)
C03 | kosodate | Verify ID | S | 手当 | IDDOC | ID | 2
C04 | kosodate | Check My Number of claimant and spouse | S | 手当 | MYNUM | NUM | 3
C05 | kosodate | Look up resident register (household) | S | 手当 | HH REL CHILD ADDR | ADDR | 3
C06 | kosodate | Check pension scheme | S | 手当 | INS EMP | - | 3
C07 | kosodate | Register payee bank account | S | 手当 | BANK | ACCT | 3
C08 | kosodate | Enter recipient record | S | 手当 | NAME KANA DOB ADDR MYNUM CHILD | KEY | 6
C09 | kosodate | Send approval notice | S | 手当 | - | HN:発送 | 5
C10 | kosodate | Change or end allowance | S | 手当 | ADDR CHILD | - | 5
C11 | kosodate | Medical subsidy application filled in | R | - | NAME DOB ADDR CHILD INS | FORM | 5
C12 | kosodate | Check child's health insurance | S | 医療 | INS | - | 2
C13 | kosodate | Hand over medical subsidy card | S | 医療 | - | HN:引渡し | 2
C14 | kosodate | Take nursery application | RS | 保育 | NAME ADDR TEL CHILD EMP | FORM | 15
C15 | kosodate | Nursery fee calculation (income inquiry) | S | 保育 | INCOME | INCOME | 10
C16 | kosodate | Nursery place allocation | S | 保育 | - | - | 5
C17 | kosodate | Single-parent allowance consultation and claim | RS | ひとり親 | NAME ADDR HONSEKI CHILD BANK | FORM | 45/30/90
C18 | kosodate | Check attached certificates (koseki, juminhyo) | S | ひとり親 | HONSEKI | COPY | 3
C19 | kosodate | Single-parent allowance income check | S | 手当 | INCOME | INCOME | 15
C20 | kosodate | Explain other procedures | S | 手当 | - | GUIDE | 3
"""

_KOREI = """
A01 | kaigo | 呼出番号札の発行 | SYS | - | - | QUEUE | 0
A02 | kaigo | 被保険者・代理人の確認 | S | 資格 | IDDOC | ID | 2
A03 | kaigo | 介護保険 住所異動届の記入 | R | - | NAME KANA DOB SEX ADDR MYNUM TEL | FORM | 5
A04 | kaigo | 受給資格証明書の受理・認定の引継ぎ | S | 資格 | CARE | - | 5
A05 | kaigo | 住民記録との住所照合 | S | 資格 | ADDR | ADDR | 2
A06 | kaigo | 住所地特例の該当確認 | S | 資格 | ADDR FACILITY | HN:所在地 | 4
A07 | kaigo | 被保険者資格の異動登録 | S | 資格 | NAME DOB ADDR MYNUM | KEY | 4
A08 | kaigo | 要介護・要支援認定申請の受付 | RS | 認定 | NAME DOB ADDR TEL MYNUM DOCTOR | FORM | 10
A09 | kaigo | 認定調査の依頼・日程調整 | S | 認定 | TEL | - | 5
A10 | kaigo | 訪問による認定調査 | X | 認定調査員 | CARE | HN:訪問調査 | 60/40/90
A11 | kaigo | 主治医への意見書作成依頼 | S | 認定 | DOCTOR | - | 5
A12 | kaigo | 主治医意見書の受領 | X | 主治医 | - | - | 2
A13 | kaigo | コンピュータによる一次判定 | SYS | - | CARE | - | 0
A14 | kaigo | 認定会議による二次判定 | X | 介護認定審査会 | CARE | HN:審理・判定 | 8/5/15
A15 | kaigo | 認定結果通知書の送付 | S | 認定 | CARE | HN:発送 | 3
A16 | kaigo | 保険料所得段階の判定 | S | 資格 | INCOME | INCOME | 10
A17 | kaigo | 保険料振替口座の登録 | S | 給付 | BANK | ACCT | 3
A18 | kaigo | 資格喪失・保険料の精算 | S | 資格 | DEATH MOVE BANK HEIR | - | 8
A19 | kaigo | 介護保険証の回収 | S | 資格 | - | - | 2
"""

_FUKUSHI = """
F01 | fukushi | 順番札発行 | SYS | - | - | QUEUE | 0
F02 | fukushi | 相談者の身元確認 | S | 障害 | IDDOC | ID | 2
F03 | fukushi | マイナンバー提示の確認 | S | 障害 | MYNUM | NUM | 2
F04 | fukushi | 手帳の住所変更届（本人記入） | R | - | NAME DOB ADDR MYNUM DISAB | FORM | 4
F05 | fukushi | 手帳台帳の住所修正入力 | S | 障害 | ADDR KATA | KEY | 3
F06 | fukushi | 手帳記載事項の変更（裏面記載） | S | 障害 | ADDR | - | 3
F07 | fukushi | 手帳交付申請の受付（診断書添付） | RS | 障害 | NAME DOB ADDR MYNUM DISAB | FORM | 10
F08 | fukushi | 県障害者更生相談所への判定依頼 | X | 県障害者更生相談所 | DISAB | - | 30
F09 | fukushi | 手帳の引渡し | S | 障害 | - | HN:引渡し | 5
F10 | fukushi | 障害福祉サービス利用申請の受付 | RS | 給付 | NAME DOB ADDR TEL MYNUM | FORM | 15
F11 | fukushi | 障害支援区分の聞き取り調査 | X | 障害支援区分認定調査員 | DISAB | HN:訪問調査 | 60/40/90
F12 | fukushi | 区分審査会での判定 | X | 町障害支援区分審査会 | - | HN:審理・判定 | 10
F13 | fukushi | 受給者証の発行 | S | 給付 | - | HN:引渡し | 5
F14 | fukushi | 利用者負担上限額の算定（所得照会） | S | 給付 | INCOME | INCOME | 10
F15 | fukushi | 給付費振込口座の確認 | S | 給付 | BANK | ACCT | 3
F16 | fukushi | 自立支援医療の申請受付 | RS | 給付 | NAME DOB ADDR INS MYNUM | FORM | 8
F17 | fukushi | 手帳返還の受付（死亡） | S | 障害 | DEATH | - | 2
F18 | fukushi | 生活相談（面接） | S | 生活支援 | - | - | 40/25/80
F19 | fukushi | 生活保護申請書の記入 | R | - | NAME DOB ADDR HH REL INCOME BANK TEL DISAB | FORM | 20
F20 | fukushi | 住民記録による世帯確認 | S | 生活支援 | ADDR HH | ADDR | 3
F21 | fukushi | 県福祉事務所への申請書進達 | S | 生活支援 | - | HANDOFF | 5
F22 | fukushi | 生活状況の訪問確認 | S | 生活支援 | - | HN:訪問調査 | 50/30/80
F23 | fukushi | 相談記録票の作成 | S | 生活支援 | NAME KANA DOB ADDR HH | KEY | 10
F24 | fukushi | 保護費受取口座の確認 | S | 生活支援 | BANK | ACCT | 3
F25 | fukushi | 保護決定通知の受領・送付 | X | 県福祉事務所 | - | HN:発送 | 5
F26 | fukushi | 保護廃止の連絡（死亡・転出） | S | 生活支援 | DEATH MOVE | - | 5
F27 | fukushi | 収入状況の照会（課税） | S | 生活支援 | INCOME | INCOME | 10
"""

_GAKUMU = """
G01 | gakurei | 受付整理票の発行 | SYS | - | - | QUEUE | 0
G02 | gakurei | 保護者の身分確認 | S | 学事 | IDDOC | ID | 2
G03 | gakurei | 転入学申請書の記入 | R | - | NAME CHILD ADDR TEL SCHOOL | FORM | 5
G04 | gakurei | 前籍校発行書類の確認 | S | 学事 | SCHOOL | - | 2
G05 | gakurei | 学齢簿と住民記録の照合 | S | 学事 | ADDR | ADDR | 3
G06 | gakurei | 学齢簿への登録 | S | 学事 | CHILD ADDR | KEY | 4
G07 | gakurei | 就学校の指定 | S | 学事 | ADDR | - | 2
G08 | gakurei | 就学通知書の発行 | S | 学事 | - | HN:引渡し | 2
G09 | gakurei | 転学通知の発行 | S | 学事 | - | HN:引渡し | 2
G10 | gakurei | 区域外就学申請の受付 | RS | 学事 | NAME ADDR SCHOOL | FORM | 8
G11 | gakurei | 学齢簿の年次作成 | SYS | - | - | - | 0
G12 | gakurei | 就学時健康診断の案内送付 | SYS | - | - | HN:発送 | 0
G13 | gakurei | 入学通知書の一斉発送 | SYS | - | - | HN:発送 | 0
G14 | gakurei | 就学援助費の申請受付 | RS | 学事 | NAME ADDR BANK CHILD | FORM | 8
G15 | gakurei | 就学援助の所得判定 | S | 学事 | INCOME | INCOME | 10
G16 | gakurei | 課税証明書の持参依頼 | S | 学事 | - | COPY | 2
"""

_KENKO = """
H01 | kenko | 来所受付票の発行 | SYS | - | - | QUEUE | 0
H02 | kenko | 来所者の確認 | S | 事務 | IDDOC | ID | 2
H03 | kenko | 出生連絡票受付 | S | 保健師 | CHILD TEL | - | 4/2/8
H04 | kenko | 母子健康手帳の確認 | S | 保健師 | CHILD | - | 3
H05 | kenko | 転入児の予防接種歴届（保護者記入） | R | - | NAME ADDR TEL CHILD | FORM | 4/2/8
H06 | kenko | 予防接種予診票の交付 | S | 事務 | CHILD | - | 3
H07 | kenko | 新生児訪問 | S | 保健師 | CHILD | HN:訪問調査 | 60/40/90
H08 | kenko | 乳幼児健診の案内送付 | SYS | - | - | HN:発送 | 0
H09 | kenko | 健康管理台帳への登録 | S | 事務 | NAME ADDR CHILD | KEY | 4
H10 | kenko | 住民記録との照合（新生児） | S | 事務 | ADDR | ADDR | 2
"""


def _catalog() -> tuple[Activity, ...]:
    tables = {
        "JUMIN": _JUMIN,
        "KAZEI": _KAZEI,
        "KOKUHO": _KOKUHO,
        "KODOMO": _KODOMO,
        "KOREI": _KOREI,
        "FUKUSHI": _FUKUSHI,
        "GAKUMU": _GAKUMU,
        "KENKO": _KENKO,
    }
    out: list[Activity] = []
    for dept, table in tables.items():
        out.extend(parse_activities(dept, table))
    return tuple(out)


ACTIVITIES: tuple[Activity, ...] = _catalog()

C = Column
SYSTEMS: tuple[System, ...] = (
    System(
        key="jumin",
        file="juminjoho.csv",
        system="住民情報システム（総合行政パッケージ：住記・印鑑・税）",
        department=None,
        dept_column="所属",
        encoding="cp932",
        newline="\r\n",
        ts_style="slash_min",
        sort="time",
        case_col="整理番号",
        case_format="{dept}{yy}-{n:06d}",
        activity_col="事務名",
        ts_col="記録日時",
        resource_col="操作者",
        person_col="統合宛名番号",
        end_col="終了日時",
        order=("case", "ts", "end", "dept", "activity", "person", "resource"),
        columns=(
            C("届出区分", "@channel"),
            C("氏名漢字", "NAME", "space_full"),
            C("氏名（ｶﾅ）", "KANA", "kata_half"),
            C("生年月日（和暦略記）", "DOB", "era_abbr"),
            C("性別区分", "SEX", "code"),
            C("住所（番地まで）", "ADDR", "kanji"),
            C("建物名・部屋番号", "KATA"),
            C("転入前住所", "PREV"),
            C("世帯主名", "HH", "nospace"),
            C("世帯主との続柄", "REL"),
            C("TEL", "TEL", "plain"),
            C("マイナンバー", "MYNUM", "plain"),
            C("届出事由発生日", "MOVE|DEATH", "compact"),
            C("確認書類名", "IDDOC"),
            C("証明用途", "PURPOSE"),
            C("申告所得", "INCOME", "comma"),
            C("振替口座", "BANK", "slash", part="all"),
            C("相続人代表者", "HEIR", "space_full"),
            C("障害者控除区分", "DISAB"),
            C("要介護認定（控除）", "CARE"),
        ),
    ),
    System(
        key="koseki",
        file="koseki_fuhyo.tsv",
        system="戸籍総合システム",
        department="JUMIN",
        encoding="utf-8",
        newline="\n",
        delimiter="\t",
        ts_style="iso",
        sort="time",
        case_col="事件番号",
        case_format="{yyyy}-{n:05d}",
        activity_col="事務内容",
        ts_col="届出受理日時",
        resource_col="取扱者",
        person_col="本人宛名番号",
        toml_columns={"case": "事件番号", "activity": "事務内容", "resource": "取扱者"},
        columns=(
            C("届書の種類", "@notification"),
            C("事件本人", "NAME", "nospace"),
            C("本人生年月日", "DOB", "era_kanji"),
            C("本籍地", "HONSEKI"),
            C("届出人", "HEIR", "nospace"),
            C("死亡年月日", "DEATH", "iso"),
            C("提示書類", "IDDOC"),
        ),
    ),
    System(
        key="kokuho",
        file="kokuho_nenkin.csv",
        system="国保・年金システム",
        department="KOKUHO",
        encoding="cp932",
        newline="\r\n",
        ts_style="slash",
        sort="case",
        case_col="受付ＮＯ",
        case_format="KH{yyyy}{n:06d}",
        activity_col="処理",
        ts_col="処理年月日時刻",
        resource_col="担当職員",
        person_col="住民コード",
        end_col="完了時刻",
        order=("person", "case", "activity", "ts", "end", "resource"),
        toml_columns={
            "case": "受付ＮＯ",
            "activity": "処理",
            "timestamp": "処理年月日時刻",
            "end": "完了時刻",
        },
        columns=(
            C("被保険者名", "NAME", "space_full"),
            C("被保険者名ｶﾅ", "KANA", "kata_half"),
            C("被保険者生年月日", "DOB", "slash"),
            C("男女別", "SEX", "kanji"),
            C("被保険者住所", "ADDR", "hyphen"),
            C("アパート名等", "KATA"),
            C("世帯主名", "HH", "space_full"),
            C("世帯主からみた続柄", "REL"),
            C("TEL番号", "TEL", "hyphen"),
            C("個人番号（マイナンバー）", "MYNUM", "spaced"),
            C("前保険", "INS"),
            C("事業所名", "EMP", part="name"),
            C("事業所電話", "EMP", part="tel"),
            C("振替口座", "BANK", "space", part="all"),
            C("前年所得", "INCOME", "comma"),
            C("本人確認に用いた書類", "IDDOC"),
            C("申請者（遺族）", "HEIR", "space_full"),
        ),
    ),
    System(
        key="kosodate",
        file="kosodate.csv",
        system="子育て支援クラウド（英語版画面）",
        department="KODOMO",
        encoding="utf-8",
        newline="\n",
        ts_style="iso_t",
        sort="person",
        case_col="Case No",
        case_format="CS-{yyyy}-{n:05d}",
        activity_col="Step",
        ts_col="Recorded At",
        resource_col="Operator",
        person_col="Resident ID",
        end_col="Completed At",
        order=("case", "person", "activity", "ts", "end", "resource"),
        toml_columns={"timestamp": "Recorded At", "end": "Completed At"},
        columns=(
            C("Applicant Name", "NAME", "nospace"),
            C("Applicant Kana", "KANA", "kata_full"),
            C("Date of Birth", "DOB", "iso"),
            C("Address", "ADDR", "kanji_kata"),
            C("Phone", "TEL", "hyphen"),
            C("My Number", "MYNUM", "plain"),
            C("Household Head", "HH", "nospace"),
            C("Relationship", "REL"),
            C("Health Insurance", "INS"),
            C("Employer", "EMP", part="name"),
            C("Bank", "BANK", part="inst"),
            C("Branch", "BANK", part="branch"),
            C("Account Type", "BANK", part="type"),
            C("Account Number", "BANK", part="number"),
            C("Account Holder", "BANK", part="holder"),
            C("Child Name", "CHILD", "nospace", part="name"),
            C("Child Date of Birth", "CHILD", "iso", part="dob"),
            C("Taxable Income", "INCOME", "plain"),
            C("Family Register", "HONSEKI"),
        ),
        label_suffix=" (counter)",
    ),
    System(
        key="kaigo",
        file="kaigo_hoken.csv",
        system="介護保険システム",
        department="KOREI",
        encoding="utf-8",
        newline="\n",
        ts_style="era_abbr",
        sort="time",
        case_col="届出番号",
        case_format="KG{yy}{n:05d}",
        activity_col="処理区分",
        ts_col="処理日",
        resource_col="入力者",
        person_col="被保険者宛名番号",
        order=("ts", "case", "person", "activity", "resource"),
        toml_columns={"case": "届出番号", "activity": "処理区分"},
        columns=(
            C("介護保険被保険者名", "NAME", "space_half"),
            C("被保険者カナ", "KANA", "kata_nospace"),
            C("生年月日（元号）", "DOB", "era_kanji"),
            C("性別（1男2女）", "SEX", "code"),
            C("住所地", "ADDR", "hyphen_nocity"),
            C("自宅電話", "TEL", "plain"),
            C("マイナンバー（12桁）", "MYNUM", "plain"),
            C("振替口座", "BANK", "space", part="all"),
            C("施設所在地", "FACILITY"),
            C("要介護状態区分", "CARE"),
            C("主治医名", "DOCTOR"),
            C("本人所得", "INCOME", "plain"),
            C("喪失年月日", "DEATH|MOVE", "era_kanji"),
            C("相続人（代表）", "HEIR", "space_half"),
        ),
    ),
    System(
        key="fukushi",
        file="fukushi_sougou.csv",
        system="福祉総合システム（障害・生活相談）",
        department="FUKUSHI",
        encoding="cp932",
        newline="\r\n",
        ts_style="slash",
        sort="case",
        case_col="ケースNo",
        case_format="F{yy}-{n:04d}",
        activity_col="対応内容",
        ts_col="対応日時",
        resource_col="対応者",
        person_col="宛名No",
        end_col="対応終了",
        toml_columns={
            "case": "ケースNo",
            "activity": "対応内容",
            "timestamp": "対応日時",
            "end": "対応終了",
            "resource": "対応者",
            "person": "宛名No",
        },
        columns=(
            C("対象者氏名", "NAME", "space_full"),
            C("対象者カナ", "KANA", "kata_half"),
            C("対象者生年月日", "DOB", "era_abbr"),
            C("居所", "ADDR", "nocity"),
            C("建物・室番号", "KATA"),
            C("連絡先TEL", "TEL", "hyphen"),
            C("マイナンバー", "MYNUM", "plain"),
            C("世帯代表者", "HH", "space_full"),
            C("続き柄", "REL"),
            C("受取口座", "BANK", "slash", part="all"),
            C("収入認定額", "INCOME", "plain"),
            C("手帳種別・等級", "DISAB"),
            C("医療保険", "INS"),
            C("変更日", "DEATH|MOVE", "slash"),
        ),
    ),
    System(
        key="gakurei",
        file="gakurei.csv",
        system="学齢簿システム",
        department="GAKUMU",
        encoding="utf-8-sig",
        newline="\r\n",
        ts_style="slash",
        sort="time",
        case_col="申請受付No",
        case_format="GK{yy}{n:04d}",
        activity_col="手続名",
        ts_col="申請日時",
        resource_col="担当者名",
        person_col="保護者宛名番号",
        toml_columns={"case": "申請受付No"},
        columns=(
            C("保護者名", "NAME", "space_full"),
            C("保護者住所", "ADDR", "hyphen_nocity"),
            C("保護者連絡先", "TEL", "plain"),
            C("児童名", "CHILD", "space_full", part="name"),
            C("児童ふりがな", "CHILD", "hira", part="kana"),
            C("児童の生年月日", "CHILD", "slash", part="dob"),
            C("児童の性別", "CHILD", "kanji", part="sex"),
            C("在籍校", "SCHOOL"),
            C("援助費振込口座", "BANK", "space", part="all"),
            C("世帯所得", "INCOME", "plain"),
        ),
    ),
    System(
        key="kenko",
        file="kenko_kanri.csv",
        system="健康管理システム（保健センター）",
        department="KENKO",
        encoding="utf-8",
        newline="\n",
        ts_style="kanji",
        sort="time",
        case_col="記録番号",
        case_format="HC{n:06d}",
        activity_col="実施内容",
        ts_col="来所日時",
        resource_col="担当保健師等",
        person_col="住民ID",
        toml_columns={"case": "記録番号", "activity": "実施内容"},
        columns=(
            C("養育者氏名", "NAME", "nospace"),
            C("居住地", "ADDR", "kanji"),
            C("電話（携帯可）", "TEL", "hyphen"),
            C("児氏名", "CHILD", "nospace", part="name"),
            C("児生年月日", "CHILD", "iso", part="dob"),
            C("児性別", "CHILD", "kanji", part="sex"),
        ),
    ),
)

#: 課税課 shares the package's 宛名 with 住民窓口課: its basic data is the same record; only its
#: own tax data (accounts, deductions) can drift. The others keep their own copies.
SILO_RATES: dict[str, SiloRates] = {
    "JUMIN": SiloRates(authoritative=True),
    "KAZEI": SiloRates(
        addr_format=0.0,
        kata_missing=0.0,
        addr_stale=0.0,
        itaiji=0.0,
        name_typo=0.0,
        kana_variant=0.0,
        kana_missing=0.0,
        dob_typo=0.0,
        sex_typo=0.0,
        tel_legit=0.0,
        tel_stale=0.0,
        tel_format=0.0,
        mynum_missing=0.0,
        mynum_wrong=0.0,
        income_stale=0.0,
        income_year=0.0,
        hh_stale=0.0,
        care_stale=0.05,
        disab_stale=0.05,
    ),
    "KOKUHO": SiloRates(
        addr_format=0.08, kata_missing=0.05, addr_stale=0.004, mynum_missing=0.04, hh_legit=0.02
    ),
    "KODOMO": SiloRates(addr_stale=0.02, mynum_missing=0.08, kana_variant=0.03, old_surname=0.25),
    "KOREI": SiloRates(addr_stale=0.012, mynum_missing=0.12, addr_format=0.25),
    "FUKUSHI": SiloRates(addr_stale=0.06, mynum_missing=0.15, old_surname=0.30),
    "GAKUMU": SiloRates(addr_stale=0.025, old_surname=0.20),
    "KENKO": SiloRates(addr_stale=0.02, addr_format=0.35, tel_legit=0.30, kana_missing=0.20),
}

DECOYS: tuple[tuple[str, str, str], ...] = (
    ("kosodate", "Child Name", "NAME"),
    ("kosodate", "Child Date of Birth", "DOB"),
    ("kaigo", "施設所在地", "ADDR"),
    ("kokuho", "事業所電話", "TEL"),
    ("kokuho", "申請者（遺族）", "NAME"),
    ("gakurei", "児童名", "NAME"),
    ("gakurei", "児童の生年月日", "DOB"),
    ("kenko", "児氏名", "NAME"),
    ("kenko", "児生年月日", "DOB"),
    ("koseki", "届出人", "NAME"),
    ("jumin", "相続人代表者", "NAME"),
    ("kaigo", "相続人（代表）", "NAME"),
)

B = Block
LIFE_EVENTS: tuple[LifeEvent, ...] = (
    LifeEvent(
        "転入",
        850,
        (20, 64),
        peak=3.5,
        proxy=0.08,
        one_of={"alone": 0.45, "couple": 0.18, "kids": 0.24, "elderly": 0.13},
        flags={
            "partner": 0.0,
            "card": 0.72,
            "seal": 0.15,
            "seal_mail": 0.15,
            "juminhyo_self": 0.08,
            "kokuho": 0.20,
            "kokuho_debit": 0.60,
            "nenkin": 0.12,
            "kouki": 0.0,
            "care": 0.0,
            "facility": 0.30,
            "school": 0.55,
            "nursery": 0.30,
            "lone_parent": 0.10,
            "pp_juminhyo": 0.06,
            "preschool": 0.15,
            "schoolaid": 0.12,
            "pp_kazei": 0.50,
            "disab": 0.03,
            "seiho": 0.004,
            "moped": 0.08,
            "zeimu_debit": 0.06,
        },
        flags_if={
            "alone": {"seiho": 0.015, "moped": 0.10},
            "couple": {"partner": 1.0, "seal": 0.25, "kokuho": 0.25},
            "kids": {"partner": 1.0, "card": 0.78, "seal": 0.45, "kokuho": 0.45, "nenkin": 0.15},
            "elderly": {
                "partner": 0.45,
                "card": 0.65,
                "seal": 0.25,
                "kokuho": 0.60,
                "nenkin": 0.0,
                "kouki": 0.40,
                "care": 0.15,
                "disab": 0.09,
                "seiho": 0.02,
                "moped": 0.04,
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
            "kouki": (75, 93),
            "care": (66, 74),
            "elderly": (65, 74),
            "kids": (25, 47),
            "alone": (19, 45),
            "couple": (23, 64),
        },
        visit=(
            B("JUMIN", "J02 J03 J04 J05 J06 J07 J08 J09?card J10 J11", counter="異動"),
            B(
                "JUMIN",
                "J13?seal J04 J12?juminhyo_self J14?seal&!seal_mail J15?seal_mail",
                "seal|juminhyo_self",
                counter="証明",
            ),
            B(
                "KOKUHO",
                "N02 N03 N04 N05 N06 N07 N08 N17 N10?kokuho_debit",
                "kokuho",
                shuffle=True,
                counter="国保",
            ),
            B("KOKUHO", "N03 N13", "nenkin", shuffle=True, counter="年金"),
            B("KOKUHO", "N03 N15 N16", "kouki", shuffle=True, counter="後期"),
            B("KOREI", "A02 A03 A04 A05 A06 A07", "care", shuffle=True),
            B("KODOMO", "C02 C03 C04 C05 C06 C07 C08 C20", "kids", shuffle=True, counter="手当"),
            B("KODOMO", "C03 C12", "kids", shuffle=True, counter="医療"),
            B("KODOMO", "C11 C13", "kids", shuffle=True, counter="医療", each="kid"),
            B("KODOMO", "C03 C14", "nursery", shuffle=True, counter="保育"),
            B("KODOMO", "C03 C17 C18", "lone_parent", shuffle=True, counter="ひとり親"),
            B("GAKUMU", "G02 G04 G05 G07", "school", shuffle=True),
            B("GAKUMU", "G03 G06 G08", "school", shuffle=True, each="school"),
            B("GAKUMU", "G14?schoolaid G16?schoolaid", "school", shuffle=True),
            B("KENKO", "H02 H06", "kids", shuffle=True, each="first_small"),
            B("KENKO", "H05 H09", "kids", shuffle=True, each="small"),
            B("FUKUSHI", "F02 F03 F04 F05 F06", "disab", shuffle=True),
            B("FUKUSHI", "F18 F02 F19 F20 F23", "seiho", kind="desk", shuffle=True),
            B(
                "KAZEI",
                "T10?moped T03?moped T11?moped T12?zeimu_debit",
                "moped|zeimu_debit",
                shuffle=True,
            ),
        ),
        back=(
            B("JUMIN", "J16@3-10", "seal_mail", kind="back"),
            B("KAZEI", "T14@20-60", kind="back"),
            B("KOKUHO", "N09@1-3 N18@5-30", "kokuho", kind="back"),
            B("KOKUHO", "N14@1-5", "nenkin", kind="back"),
            B("KODOMO", "C09@1-10", "kids", kind="back"),
            B("KODOMO", "C15@1-5 C16@m", "nursery", kind="back"),
            B("KODOMO", "C19@2-7", "lone_parent", kind="back"),
            B("KOREI", "A16@1-3 A17@0-3", "care", kind="back"),
            B("GAKUMU", "G15@2-7", "schoolaid", kind="back"),
            B("GAKUMU", "G11@=10/01 G12@=10/20 G13@=01/20", "preschool", kind="back"),
            B("FUKUSHI", "F21@0-2 F27@1-3 F22@2-7 F24@1-3 F25@7-14", "seiho", kind="back"),
        ),
        detours=(
            Detour(
                "pp_juminhyo", "C05", (B("JUMIN", "J04 J12", counter="証明"),), "C18", "他課提出用"
            ),
            Detour("pp_kazei", "G16", (B("KAZEI", "T02 T03 T04"),), "G14", "他課提出用"),
        ),
    ),
    LifeEvent(
        "転出",
        900,
        (19, 70),
        peak=3.5,
        one_of={"online": 0.40, "counter": 0.60},
        flag_channel={"online": "電子申請"},
        flags={
            "kokuho": 0.22,
            "care_cert": 0.06,
            "kids": 0.20,
            "school": 0.55,
            "moped": 0.07,
            "seiho": 0.01,
        },
        requires={"school": "kids"},
        age_if={"care_cert": (70, 93), "kids": (25, 47)},
        visit=(
            B("JUMIN", "J03", "online", kind="online"),
            B("JUMIN", "J02 J03 J04 J07 J08 J10", "counter", counter="異動"),
            B("KOKUHO", "N02 N03 N07", "kokuho", shuffle=True, counter="国保"),
            B("KOREI", "A02 A03 A07", "care_cert", shuffle=True),
            B("KODOMO", "C03 C10", "kids", shuffle=True, counter="手当"),
            B("GAKUMU", "G02 G09", "school", shuffle=True),
            B("KAZEI", "T10", "moped", shuffle=True),
        ),
        back=(
            B("JUMIN", "J07@1-2 J08@0", "online", kind="back"),
            B("KAZEI", "T08@1-5", kind="back"),
            B("KOREI", "A18@1-5", "care_cert", kind="back"),
            B("FUKUSHI", "F26@1-5", "seiho", kind="back"),
        ),
    ),
    LifeEvent(
        "転居",
        400,
        (20, 78),
        peak=2.0,
        flags={
            "card": 0.72,
            "kokuho": 0.25,
            "kids": 0.22,
            "school_change": 0.30,
            "school_req": 0.35,
            "disab": 0.04,
            "disab_notify": 0.55,
        },
        requires={"school_change": "kids", "school_req": "school_change", "disab_notify": "disab"},
        age_if={"kids": (25, 47)},
        visit=(
            B("JUMIN", "J02 J03 J04 J07 J08 J09?card J10", counter="異動"),
            B("KOKUHO", "N02 N03 N07", "kokuho", shuffle=True, counter="国保"),
            B("KODOMO", "C03 C10", "kids", shuffle=True, counter="手当"),
            B("GAKUMU", "G02 G05 G07 G08 G10?school_req", "school_change", shuffle=True),
            B("FUKUSHI", "F02 F04 F05 F06", "disab_notify", shuffle=True),
        ),
    ),
    LifeEvent(
        "出生",
        220,
        (23, 43),
        flags={"kokuho": 0.25, "lump": 0.25},
        visit=(
            B("JUMIN", "J17 J18 J19", kind="desk", subject="newborn"),
            B("KENKO", "H03 H04"),
            B("KOKUHO", "N02 N03 N04 N05 N07 N08", "kokuho", subject="newborn", counter="国保"),
            B("KOKUHO", "N11", "lump", counter="国保"),
            B("KODOMO", "C02 C03 C04 C05 C06 C07 C08 C11 C12 C13", counter="手当"),
        ),
        back=(
            B("JUMIN", "J20@0 J07@0", kind="back", subject="newborn"),
            B("KENKO", "H10@0-2 H09@0-3 H07@7-28 H08@20-40", kind="back"),
            B("KODOMO", "C09@1-10", kind="back"),
            B("KOKUHO", "N12@7-30", "lump", kind="back"),
        ),
    ),
    LifeEvent(
        "死亡",
        520,
        (65, 100),
        winter=1.2,
        proxy=0.20,
        revisit=0.12,
        later_visit=(3, 25),
        flags={
            "kouki": 0.75,
            "kokuho": 0.14,
            "funeral": 0.85,
            "care_loss": 0.88,
            "care_cert": 0.58,
            "hh_change": 0.40,
            "disab": 0.22,
            "fixed_asset": 0.55,
            "kei": 0.15,
            "refund": 0.20,
            "seiho": 0.02,
            "kids": 0.005,
        },
        visit=(B("JUMIN", "J17 J18 J21 J19 J23", kind="desk"),),
        visit2=(
            B("JUMIN", "J22", "hh_change", subject="heir", counter="異動"),
            B("KOKUHO", "N02 N03 N07 N11?funeral N17", "kouki|kokuho", shuffle=True),
            B("KOREI", "A02 A19 A18", "care_loss", shuffle=True),
            B("FUKUSHI", "F02 F17", "disab", shuffle=True),
            B("KAZEI", "T09?fixed_asset T10?kei", "fixed_asset|kei", shuffle=True),
            B("KODOMO", "C03 C10", "kids", shuffle=True, counter="手当"),
        ),
        back=(
            B("JUMIN", "J20@0-1 J07@0", kind="back"),
            B("KAZEI", "T08@1-5 T15?refund@5-20", kind="back"),
            B("KOKUHO", "N12@7-30", "funeral&kouki|funeral&kokuho", kind="back"),
            B("FUKUSHI", "F26@1-5", "seiho", kind="back"),
        ),
    ),
    LifeEvent(
        "婚姻",
        130,
        (23, 40),
        flags={
            "name_change": 0.95,
            "move": 0.55,
            "move_in": 0.45,
            "seal": 0.20,
            "kokuho": 0.22,
            "nenkin": 0.18,
            "kids": 0.06,
            "disab": 0.03,
        },
        requires={"move_in": "move"},
        visit=(
            B("JUMIN", "J17 J18 J19", kind="desk"),
            B("JUMIN", "J02 J03 J04 J05?move_in J07 J08 J09 J10", "move", counter="異動"),
            B("JUMIN", "J07", "!move", kind="desk"),
            B("JUMIN", "J13 J04 J14", "seal", counter="証明"),
            B("KOKUHO", "N03 N13", "nenkin", shuffle=True, counter="年金"),
            B("KOKUHO", "N02 N03 N07", "kokuho", shuffle=True, counter="国保"),
            B("FUKUSHI", "F02 F04", "disab", shuffle=True),
            B("KODOMO", "C03 C10", "kids", shuffle=True, counter="手当"),
        ),
        back=(B("JUMIN", "J20@0-2", kind="back"),),
    ),
    LifeEvent(
        "生活保護申請",
        15,
        (30, 85),
        revisit=0.0,
        shuffle=0.0,
        flags={"disab": 0.30},
        visit=(B("FUKUSHI", "F18 F02 F19", kind="desk"),),
        back=(
            B(
                "FUKUSHI",
                "F20@0-1 F23@0-1 F27@0-2 F21@0-2 F22@2-5 F24@1-3 F25@7-14 F22@25-40",
                kind="back",
            ),
        ),
    ),
    LifeEvent(
        "要介護認定申請",
        170,
        (66, 97),
        revisit=0.0,
        shuffle=0.0,
        flags={"premium": 0.25, "acct": 0.25},
        visit=(B("KOREI", "A02 A08"),),
        back=(
            B(
                "KOREI",
                "A09@1-3 A11@0-1 A10@7-12 A12@3-8 A13@1-3 A14@3-8 A15@1-4 "
                "A16?premium@0-3 A17?acct@0-3",
                kind="back",
            ),
        ),
    ),
    LifeEvent(
        "障害福祉申請",
        60,
        (18, 85),
        revisit=0.0,
        shuffle=0.0,
        one_of={"card_new": 0.45, "service": 0.30, "medical": 0.25},
        flags={},
        visit=(
            B("FUKUSHI", "F02 F03 F07", "card_new"),
            B("FUKUSHI", "F02 F03 F10", "service"),
            B("FUKUSHI", "F02 F03 F16", "medical"),
        ),
        back=(
            B("FUKUSHI", "F08@5-12 F09@40-70", "card_new", kind="back"),
            B("FUKUSHI", "F11@7-14 F14@0-3 F12@m F13@3-10 F15@0-3", "service", kind="back"),
            B("FUKUSHI", "F14@0-3 F13@7-14", "medical", kind="back"),
        ),
    ),
    LifeEvent(
        "住民税申告",
        60,
        (20, 85),
        season=("02/16", "03/15"),
        revisit=0.0,
        shuffle=0.0,
        flags={"debit": 0.25, "disab": 0.15, "care": 0.12},
        age_if={"care": (70, 92)},
        visit=(B("KAZEI", "T05 T03 T06 T12?debit"),),
        back=(B("KAZEI", "T14@=06/10", kind="back"),),
    ),
)

#: National holidays and the New Year, plus the town's own Obon closure.
HOLIDAYS: tuple[str, ...] = (*NATIONAL_HOLIDAYS, "2025-08-13", "2025-08-14")

#: A small town's counters: busier in the morning.
HOURLY: dict[int, float] = {
    8: 6.0,
    9: 17.0,
    10: 18.0,
    11: 13.0,
    12: 6.0,
    13: 11.0,
    14: 12.0,
    15: 10.0,
    16: 6.0,
    17: 1.0,
}

README = """\
# 湊川町 (Minatogawa-chō) — sample exports (held-out town)

湊川町 is a fictional coastal town of about 36,000 residents, made to test that an analysis
tuned on 光陽市 works on a town it has never seen. These files are what its systems would
export for one fiscal year (2025-04-01 … 2026-03-31): one row per step of a department's own
case, with its own case number, step name, time stamp, operator and the resident key
統合宛名番号 (called 宛名番号, 住民コード, 宛名No, 保護者宛名番号, 住民番号 or Resident ID by the
systems; the values are the same number everywhere).

The town has no 福祉事務所: 福祉課 takes in 生活保護 applications and forwards them to the
prefecture; 健康推進課 (保健センター, across the road) receives 出生連絡票, visits newborns
and registers the vaccination records of children moving in. 住民窓口課 and 課税課 share one
総合行政 package and one 宛名 (`juminjoho.csv`, department in its 所属 column), so tax
does not re-key addresses; 戸籍 exports a TSV; the child-care cloud service
(`kosodate.csv`) has English headers and English step names. Operators are staff numbers
(`JM101` …), `申請者本人` marks steps the resident performs, `自動処理` system steps and
`（外部）` external bodies. `procmine.toml` names each file's department and the columns of
the roles whose headers are not the usual ones. Everything is fictional and regenerated
deterministically by `procmine sample --city other --size small --seed 7 --out DIR`.
"""

TRUTH_NOTES = """\
- 住民窓口課 is the authoritative source of the basic data, 高齢介護課 of CARE and 福祉課 of
  DISAB. 課税課 shares 住民窓口課's 宛名 (its basic data never drifts) but keeps its own accounts
  and deductions (CARE, DISAB).
- The two departments of `juminjoho.csv` share the label 受付票発行 (one ticket machine).
- Members of one cluster in one department: J03/J13 FORM, J04/J18 ID, J11/J23 GUIDE,
  C02/C11/C14/C17 FORM, F04/F07/F10/F16/F19 FORM.
- Hard-negative groups: 審理・判定, 訪問調査, 所在地, 発送, 引渡し; group 所在地 lists A06
  住所地特例の該当確認 with the ADDR members it must not be merged with.
"""

TOBE = ToBe(
    front="JUMIN",
    role="総合窓口",
    staff=4,
    ticket="J01",
    id_check="J04",
    num_check="J24",
    guide="J11",
    extra=(
        Activity(
            "J24",
            "JUMIN",
            "jumin",
            "マイナンバー確認（総合窓口）",
            "S",
            "総合窓口",
            ("MYNUM",),
            "NUM",
            2.0,
        ),
    ),
    interview="聴き取りによる申請書作成",
    signature="申請書への署名",
)

MINATO = City(
    name="湊川町",
    start="2025-04-01",
    days=365,
    holidays=HOLIDAYS,
    peak=("03/21", "04/12"),
    departments=DEPARTMENTS,
    externals=EXTERNALS,
    activities=ACTIVITIES,
    systems=SYSTEMS,
    silo_rates=SILO_RATES,
    life_events=LIFE_EVENTS,
    hourly=HOURLY,
    rework=0.09,
    sizes={"tiny": 100, "small": 1000, "year": 3325},
    label_noise=0.09,
    decoys=DECOYS,
    providers={"INCOME": "T13"},
    negative_extra={"所在地": ("A05", "N05", "C05", "G05")},
    readme=README,
    truth_notes=TRUTH_NOTES,
    words=MINATO_WORDS,
    children=(0.35, 0.45, 0.20),
    per_person={"J03": 2.0, "J09": 1.5},
    tobe=TOBE,
    split=0.30,
    resident_id="申請者本人",
    system_id="自動処理",
    staff_id="{code}{rn}{n:02d}",
    external_id="{role}（外部）{n:02d}",
)
