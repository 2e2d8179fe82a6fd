"""Activity-label normalisation and tokenisation (Japanese and English).

:func:`normalize_label` makes the spelling variants of one label equal (full/half width,
bracket styles, spacing, channel suffixes such as ``_窓口``, activity codes such as
``S04``); :func:`tokenize` turns a label into comparable terms: Japanese through SudachiPy
(split mode C for compounds plus mode A for their parts, all in ``normalized_form``, so
受付/受け付け and 手続/手続き agree), English through stop-word removal and Porter
stemming. :func:`char_ngrams` gives character n-grams for fuzzy comparison and
:func:`label_terms` bundles all three with Sudachi's synonym groups.

The Sudachi dictionary is loaded once, on first use.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from procmine.text.english import STOPWORDS, english_terms, stem

__all__ = [
    "LabelTerms",
    "char_ngrams",
    "label_terms",
    "negation",
    "normalize_label",
    "tokenize",
]

_BRACKETS = str.maketrans(
    {
        "【": "(",
        "】": ")",
        "［": "(",
        "］": ")",
        "[": "(",
        "]": ")",
        "〔": "(",
        "〕": ")",
        "〈": "(",
        "〉": ")",
        "《": "(",
        "》": ")",
        "｛": "(",
        "｝": ")",
        "{": "(",
        "}": ")",
        "＿": "_",
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": "-",
        "−": "-",
        "―": "-",
    }
)
_SPACE = re.compile(r"\s+")
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")
_BRACKET_GAP = re.compile(r"\( | \)")
# Channels and places that a department appends to the same work (「受付_窓口」, 「受付(郵送)」).
_CHANNELS = "窓口|郵送|電子申請|オンライン|電話|来庁|窓口対応|本庁|支所|出張所|counter|online|mail|web|portal"
_TRAIL_CHANNEL = re.compile(rf"\s*(?:[_\-/・:]\s*|\()(?:{_CHANNELS})\)?\s*$", re.IGNORECASE)
# 「…_XYZ」: a short tag of Latin letters and digits, or a department's name (_市民課), after
# an underscore (not a step number: HOOFD_010 and HOOFD_020 are two steps; nor other words:
# in 児手_本確 and 児手_請求書記入 the procedure leads and the step follows).
_TRAIL_TAG = re.compile(r"_(?!\d+$)(?:[A-Za-z0-9]{1,8}|[^_\s()]{1,6}(?:課|係|室|局|センター))$")
# A code of letters and digits joined by underscores or hyphens (hoofd_010, bb_550_0).
_CODE_WORD = re.compile(
    r"(?<![\w-])(?=[\w-]*[a-z])(?=[\w-]*\d)[a-z0-9]+(?:[_-][a-z0-9]+)+(?![\w-])"
)
# Two letters, kana or kanji in a row: a label left after stripping must hold a word.
_WORD = re.compile(r"[^\W\d_]{2}")
# Activity codes such as S04, (C-12), [H03], 「_K08」 at either end.
_TRAIL_CODE = re.compile(r"[\s_:#\-]*\(?(?<![A-Za-z0-9])[A-Za-z]{1,4}-?\d{1,4}\)?$")
_LEAD_CODE = re.compile(r"^\(?[A-Za-z]{1,4}-?\d{1,4}\)?[\s:_.\-]+(?=\S)")
_LEAD_NUMBER = re.compile(r"^\d{1,3}[.):_\-]\s*(?=\D)")
_LATIN = re.compile(r"[a-z0-9][a-z0-9'&+./-]*")
_LATIN_WORD = re.compile(r"[a-z]+")
_CJK_RUN = re.compile(r"[^\sa-z0-9()!-/:-@\[-`{-~、。，．・「」『』]+")
_KEEP_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "接頭辞", "接尾辞", "代名詞"})
#: Japanese prefixes that negate the word they precede (不許可, 非課税, 未申告, 無資格), when
#: Sudachi tags them as prefixes (接頭辞): words of their own such as 不動産, 無料 or 未納
#: are single morphemes and never split.
_NEG_PREFIXES = frozenset({"不", "非", "未", "無"})
#: English words that negate the next content word ("not take", "no show", "non-resident").
_NEG_WORDS = frozenset({"not", "no", "non"})
#: Prefixes fused to an English word ("nonresident", "unpaid") with the shortest remainder
#: that counts; the remainder negates only if the other label states it as a word.
_NEG_FUSED = (("non", 3), ("un", 4))
_EN_TOKEN = re.compile(r"[a-z0-9]+|[^a-z0-9\s]")

#: Sudachi normalised forms of a filing the resident makes (notification, application,
#: claim, return) and of keying data into a system or register: both a concept and an action.
_FILINGS = (
    "届け",
    "届け出",
    "届け書",
    "届出書",
    "申請",
    "申請書",
    "申し込み",
    "申込書",
    "請求",
    "請求書",
    "申告",
)
_ENTRIES = ("入力", "登録", "登載", "更新", "補正", "エントリー")

#: Concepts of Japanese administrative work that Sudachi's synonym dictionary leaves
#: apart (届 has no synonym group; 入力 and 登録 are in different ones). Keyed by Sudachi
#: normalised form; a label using any of them gets the term ``con:<concept>``. The list
#: is about the language of municipal work, not about any one city.
CONCEPTS: dict[str, str] = {
    # a filing the resident makes: notification, application, claim, return
    **dict.fromkeys(_FILINGS, "filing"),
    # keying data into a system or register
    **dict.fromkeys(_ENTRIES, "entry"),
    # telling the resident what else to do
    "案内": "guidance",
    "説明": "guidance",
    "ガイダンス": "guidance",
    # the person in front of the clerk, whose identity a counter checks
    "本人": "party",
    "本人確認": "party",
    "本人確認書類": "party",
    "身元": "party",
    "身元確認書類": "party",
    "申請者": "party",
    "来庁": "party",
    "来庁者": "party",
    "保護者": "party",
    "届出人": "party",
    # what a department asks the tax office about: income, as the taxation records it
    "所得": "income",
    "収入": "income",
    "課税": "income",
    # the resident writing a form (記入): their basic data written once more
    "記入": "writing",
}
#: The My Number named in a label (個人番号, マイナンバー, the clerk's 個番, "my number"), as against
#: its card alone (個人番号カード, "My Number card"), which may be the document an identity check
#: reads; see :func:`_checks_my_number`.
_MY_NUMBER_JA, _MY_NUMBER_EN = "(?:個人番号|マイナンバー)", r"\b(?:my ?|individual )numbers?"
_MY_NUMBER_NAMED = re.compile(rf"{_MY_NUMBER_JA}(?!カード)|{_MY_NUMBER_EN}(?![a-z]| card)")
_MY_NUMBER_CARD = re.compile(rf"{_MY_NUMBER_JA}カード|{_MY_NUMBER_EN} card")
_MY_NUMBER_ANY = re.compile(rf"{_MY_NUMBER_JA}|{_MY_NUMBER_EN}")
#: A bare 番号確認 (番号法による番号確認, 【窓口】番号確認, 030 番号確認): the My Number check of
#: 番号法, where nothing before it names another number (受付番号確認, 整理券の番号確認).
_NUMBER_CHECK = re.compile(r"(?:^|(?<=[()\[\]\s:_\-])|(?<=による)|(?<=により))番号の?確認")
#: Another number named beside (暗証番号, 被保険者番号, 電話番号): the check may be of that one.
_OTHER_NUMBER = re.compile(r"[一-龥ァ-ヶー々A-Za-z0-9]番号")
#: An identity document named (身分証明書, 身分証).
_IDENTITY_DOCUMENT = re.compile(r"身分証")

#: Words that mark a queue ticket in an activity label (Japanese and English), for the
#: journeys (:mod:`procmine.journeys`), where a system step at the start of a visit confirms
#: them.
QUEUE_WORDS: tuple[str, ...] = (
    "番号札",
    "順番札",
    "整理券",
    "整理票",
    "受付票",
    "呼出",
    "発券",
    "受付機",
    "キオスク",
    "ticket",
    "queue",
    "kiosk",
)
#: The words among them that name a ticket in a label whatever else it says: whatever verb
#: goes with them (発行, 発券, 受付番号札), such a step hands the resident a ticket; its head
#: action is ``ticket`` and its concept ``con:ticket`` (unless it checks or keys something:
#: 受付票の確認). Not 呼出 (納税相談呼出), キオスク (コンビニ交付), nor "ticket" unless issued (a
#: support ticket is opened and closed).
TICKET_WORDS = re.compile(
    r"番号札|番号票|順番札|整理券|整理票|受付票|呼出[票番]|発券|queue (?:ticket|number)|waiting number"
)


def queue_worded(label: str) -> bool:
    """Does an activity label name a queue ticket?

    >>> queue_worded("番号札発券"), queue_worded("Queue ticket issued"), queue_worded("住基ネット更新")
    (True, True, False)
    >>> queue_worded("Kiosk受付")
    True
    """
    text = unicodedata.normalize("NFKC", str(label)).lower()
    return any(w in text for w in QUEUE_WORDS)


#: The resident's bank account in a label (口座, 振替口座, "bank account", "direct debit").
_ACCOUNT = re.compile(r"(?<!窓)口座|\bbank account|\bdirect debit")
#: Keying the resident's own data into a department's ledger (基本情報の手入力, 二重入力): an
#: entry whose object is a ledger or roll of persons (被保険者台帳, 学齢簿, ケース記録; not a
#: ledger of land, houses or dogs: 農地台帳), the
#: resident's name-and-address record (宛名, 基本情報, 受給者情報, 被保険者データ), their address
#: (住所入力, 住変入力), or that says it is keyed by hand (手入力, 転記, パンチ);
#: "resident / applicant data (details, record)" in English. Not the register itself (the
#: update of record: :data:`REGISTER_WORDS`), an account (``con:account``) or a seal.
_REKEY = re.compile(
    r"(?:[者児員]|母子|ケース|手帳|課税|世帯|個人|介護|福祉|保険|年金|医療)台帳"
    r"|(?:^|(?<=[\s()\[\]:_・]))台帳|[齢名者]簿|宛名|基本情報|ケース記録|(?<!事業所)(?<!施設)(?<!勤務先)住所|住変"
    # a person's data (被保険者情報, 受給者データ, 世帯員情報, 申請データ; not a business's: 事業者情報)
    r"|(?:(?<!業)[者員]|申請)の?(?:情報|データ|data)|手入力|転記|パンチ"
    r"|\b(?:resident|applicant|personal|member|client)'?s?\s+(?:data|details|record|information)"
)
_NOT_REKEY = re.compile(r"印鑑|seal")
#: An entry the resident makes (電子申請入力(本人), 申請者による入力, "entered by applicant"): the
#: resident writing their data, online as on paper (``con:writing``, a filing of theirs).
_BY_RESIDENT = re.compile(
    r"[(\[]\s*(?:本人|申請者|届出人|来庁者|申告者|住民)\s*[)\]]|(?:本人|申請者|届出人|住民)による"
    r"|\bby (?:the )?(?:applicant|resident|citizen|customer)s?"
    r"(?=\s*$|\s*[,.;:)\]]|\s+(?:online|via|at|on|in|through|themselves|him|her)\b)"
)
#: An English ticket that is issued ("Ticket issued", "Issue number ticket"): a queue ticket
#: (a support ticket is opened and closed).
_ISSUED_TICKET = re.compile(r"\btickets?\b")

#: Names of the resident register (住民基本台帳 and its short forms, 住民票): a compound
#: that Sudachi splits (住民 + 記録) or keeps whole, so found in the text; a check (照会,
#: 確認, 照合) naming it gets the concept ``con:register`` (issuing a 住民票 is not reading
#: the register).
REGISTER_WORDS = re.compile(r"住民基本台帳|住民記録|住基|(?<!居)住記|住民票")
#: A check whose object is the resident's address (住所確認, 住所の照会, "check address"):
#: reading the register too. Not a check of something named after the address (住所地特例確認),
#: nor of another address (送付先住所, 勤務先住所, 事業所住所, 施設住所, an e-mail address).
_ADDRESS_CHECK = re.compile(
    r"(?<![先所設])住所\s*[のを]?\s*(?:確認|照会|照合|チェック)"
    r"|(?<!mail )(?<!e-mail )(?<!ip )\baddress(?:es)?\s+(?:check|verif|inquir|enquir|confirm)"
    r"|\b(?:check|verify|confirm)(?:ing)?\s+(?:the\s+)?(?:resident'?s?\s+)?address(?!\w)"
)


#: Abbreviations of counter jargon that Sudachi splits into meaningless pieces (本確: 本 +
#: 確, 個番: 個 + 番), read as what they stand for where they are split so (not inside
#: 本確定 or 基本確認).
ABBREVIATIONS: dict[tuple[str, ...], str] = {("本", "確"): "本人確認", ("個", "番"): "個人番号"}


def _expand_abbreviations(surfaces: list[str]) -> str:
    """The run with each abbreviation, found as its own morphemes, written out."""
    out: list[str] = []
    k = 0
    while k < len(surfaces):
        for parts, full in ABBREVIATIONS.items():
            if tuple(surfaces[k : k + len(parts)]) == parts:
                out.append(full)
                k += len(parts)
                break
        else:
            out.append(surfaces[k])
            k += 1
    return "".join(out)


#: The kind of action a Japanese label names, by Sudachi normalised form of a whole word
#: (split mode C, so 確認 inside 資格確認書 does not count): checking data the city holds,
#: keying it into a register, taking in the resident's filing (writing or receiving a
#: notification, application, claim or return), issuing a document, answering another
#: office's inquiry (the provider of the data, not the one who asks). The last such
#: word of a label is its head action (:attr:`LabelTerms.action`).
ACTIONS: dict[str, str] = {
    "確認": "check",
    "照会": "check",
    "照合": "check",
    "チェック": "check",
    "点検": "check",
    # asking another office or looking it up (所得を税務課に問い合わせる, 内容をお調べする; not the
    # noun 問い合わせ: 問い合わせ対応 answers the resident's questions)
    "問い合わせる": "check",
    "調べる": "check",
    "調べ": "check",
    **dict.fromkeys(_ENTRIES, "entry"),
    "交付": "issue",
    "発行": "issue",
    "発送": "issue",
    "送付": "issue",
    "引き渡し": "issue",
    "支給": "issue",
    # taking in the resident's filing: writing it, receiving it, the filing itself
    "記入": "filing",
    "受け付け": "filing",
    "受理": "filing",
    "預かる": "filing",  # お預かりする: the polite word for taking a document in
    # telling the resident where to go or what else to do
    "案内": "guidance",
    "説明": "guidance",
    "ガイダンス": "guidance",
    **dict.fromkeys(_FILINGS, "filing"),
    # answering another office's inquiry: the provider's side of a check
    "回答": "answer",
    "返答": "answer",
    "応答": "answer",
}

#: The same kinds of action in English labels, by Porter stem (see
#: :func:`procmine.text.english.stem`); an English label's first such word is its head
#: action (imperatives lead: "Send letter", "Verify ID"; nominal labels have one:
#: "income inquiry").
ENGLISH_ACTIONS: dict[str, str] = {
    "check": "check",
    "verifi": "check",
    "verif": "check",
    "confirm": "check",
    "inquiri": "check",
    "enquiri": "check",
    "enter": "entry",
    "input": "entry",
    "regist": "entry",
    "registr": "entry",
    "record": "entry",
    "kei": "entry",
    "issu": "issue",
    "send": "issue",
    "sent": "issue",
    "deliv": "issue",
    "claim": "filing",
    "applic": "filing",
    "appli": "filing",
    "fill": "filing",
    "form": "filing",
    "guidanc": "guidance",
    "guid": "guidance",
    "explain": "guidance",
    "explan": "guidance",
    "answer": "answer",
    "repli": "answer",
    "respond": "answer",
    "respons": "answer",
}

#: English stems of a form the resident fills in (with "fill": con:writing).
_ENGLISH_FORMS = frozenset({"form", "applic", "appli", "claim"})

#: The concepts of :data:`CONCEPTS` in English labels, by Porter stem: the usual English
#: words for the same administrative notions, so that mixed-language cities (one system
#: labelled in English) share these terms across languages. The stem ``applic`` covers
#: both "application" and "applicant"; it counts as a filing.
ENGLISH_CONCEPTS: dict[str, str] = {
    # a filing: notification, application, claim, request, return, declaration
    "notif": "filing",
    "applic": "filing",
    "appli": "filing",
    "claim": "filing",
    "request": "filing",
    "declar": "filing",
    "submiss": "filing",
    # keying data into a system or register
    "input": "entry",
    "kei": "entry",
    "registr": "entry",
    "updat": "entry",
    "correct": "entry",
    # telling the resident what else to do
    "guidanc": "guidance",
    "guid": "guidance",
    "explain": "guidance",
    "explan": "guidance",
    # the person in front of the clerk, whose identity a counter checks
    "id": "party",
    "ident": "party",
    "identif": "party",
    "visitor": "party",
    "guardian": "party",
    # income, as the taxation records it
    "incom": "income",
    "earn": "income",
}

_LOCK = threading.Lock()
_TOKENIZER: Any = None


def normalize_label(label: str) -> str:
    """Canonical spelling of an activity label, for deciding that two labels are one.

    Applies NFKC (full-width letters and digits, half-width katakana, ``（）``),
    maps other brackets to ``()``, collapses whitespace (and drops it between Japanese
    characters), strips channel suffixes (``_窓口``, ``(郵送)``, ``-online``), a short
    trailing ``_tag`` and activity codes (``S04``, ``(C-12)``) at either end, and
    case-folds.

    Parameters
    ----------
    label : str
        The label as written in the log or model.

    Returns
    -------
    str
        The normalised label; ``""`` only when ``label`` is blank.

    Examples
    --------
    >>> normalize_label("戸籍届書受付（出生・死亡・婚姻）") == normalize_label("戸籍届書受付(出生・死亡・婚姻)")
    True
    >>> normalize_label("本人確認_窓口")
    '本人確認'
    >>> normalize_label("ＳＥＮＤ  Letter [S04]")
    'send letter'
    >>> normalize_label("児童手当 認定")
    '児童手当認定'
    >>> normalize_label("01_受付番号札"), normalize_label("08_AWB45_010"), normalize_label("01_HOOFD_020")
    ('受付番号札', 'awb45_010', 'hoofd_020')
    >>> normalize_label("児手_本確"), normalize_label("本人確認_A"), normalize_label("転入届受付_市民課")
    ('児手_本確', '本人確認', '転入届受付')
    """
    text = unicodedata.normalize("NFKC", label).translate(_BRACKETS)
    text = _SPACE.sub(" ", text).strip()
    text = _BRACKET_GAP.sub(lambda m: m.group(0).strip(), text)
    text = _CJK_GAP.sub("", text)
    for _ in range(3):
        before = text
        for pattern in (_TRAIL_CHANNEL, _TRAIL_TAG, _TRAIL_CODE, _LEAD_CODE, _LEAD_NUMBER):
            stripped = pattern.sub("", text).strip()
            # what is left must say something: 01_受付番号札 is not 01, and codes alone
            # (08_AWB45_010) are the labels of their steps
            if _WORD.search(stripped):
                text = stripped
        if text == before:
            break
    return text.casefold()


def _sudachi() -> Any:
    global _TOKENIZER
    if _TOKENIZER is None:
        with _LOCK:
            if _TOKENIZER is None:
                from sudachipy import Dictionary

                _TOKENIZER = Dictionary().tokenizer()
    return _TOKENIZER


@dataclass(frozen=True)
class LabelTerms:
    """The comparable pieces of one label (see :func:`label_terms`)."""

    normalized: str
    words: tuple[str, ...]
    synonyms: tuple[str, ...]
    grams: tuple[str, ...]
    #: Head action of the label (see :data:`ACTIONS` and :data:`ENGLISH_ACTIONS`), ``""``
    #: when none.
    action: str = ""
    #: Words the label states without negation (Sudachi normalised forms, English stems).
    stated: tuple[str, ...] = ()
    #: Words the label negates (非課税 → 課税, "not take" → ``take``); see :func:`negation`.
    negated: tuple[str, ...] = ()
    #: English stems that the label says only inside brackets while it says other
    #: English words outside them: a qualifier or an abbreviation ("Picking (Lean WM)":
    #: ``lean``, ``wm``).
    bracketed: tuple[str, ...] = ()
    #: The character n-grams (of :attr:`grams`) that only those bracketed words give.
    bracketed_grams: tuple[str, ...] = ()


def _checks_my_number(norm: str, action: str, synonyms: list[str]) -> bool:
    """Whether a label checks the resident's My Number (``con:mynumber``): a check naming
    個人番号 / マイナンバー / "my number", a bare 番号確認 (:data:`_NUMBER_CHECK`), or the card
    alone — unless the check is of the party's identity (本人確認（マイナンバーカード）: the card
    is the document shown) or another number is named beside (暗証番号 of the card).

    >>> _checks_my_number("個人番号の確認", "check", [])
    True
    >>> _checks_my_number("個人番号カード交付申請受付", "filing", [])
    False
    >>> _checks_my_number("本人確認(マイナンバーカード)", "check", ["con:party"])
    False
    >>> _checks_my_number("本人確認及び個人番号確認", "check", ["con:party"])
    True
    >>> _checks_my_number("マイナンバーカードの暗証番号確認", "check", [])
    False
    """
    if action != "check":
        return False
    text = norm.replace("個番", "個人番号")
    named = _MY_NUMBER_NAMED.search(text) is not None or _NUMBER_CHECK.search(text) is not None
    card = _MY_NUMBER_CARD.search(text) is not None
    if not (named or card):
        return False
    if _OTHER_NUMBER.search(_MY_NUMBER_ANY.sub("", text)):
        return False
    identity = "con:party" in synonyms or _IDENTITY_DOCUMENT.search(text) is not None
    return named or not identity


@lru_cache(maxsize=200_000)
def label_terms(label: str) -> LabelTerms:
    """Normalised label, word terms, Sudachi synonym groups and character n-grams.

    ``synonyms`` are ``"syn:<id>"`` strings: two labels sharing one use words that
    Sudachi's synonym dictionary groups together (国保 and 国民健康保険, 確認 and チェック).

    Examples
    --------
    >>> t = label_terms("国保加入届受付")
    >>> t.words[:3]
    ('国保', '加入届', '受け付け')
    >>> set(label_terms("国民健康保険資格取得届").synonyms) & set(t.synonyms) != set()
    True
    """
    norm = normalize_label(label)
    words: list[str] = []
    synonyms: list[str] = []
    latin = " ".join(m.group(0) for m in _LATIN.finditer(norm))
    english = english_terms(latin)
    words.extend(english)
    mode_a: Any = None
    # "key" (key in) is keying; the romaji kei (軽) stems alike and is not
    keyed = re.search(r"\bkey", latin) is not None
    telling = [w for w in english if w != "kei" or keyed]
    action = next((ENGLISH_ACTIONS[w] for w in telling if w in ENGLISH_ACTIONS), "")
    stated, negated = _english_polarity(latin)
    synonyms.extend(f"con:{ENGLISH_CONCEPTS[w]}" for w in telling if w in ENGLISH_CONCEPTS)
    # the resident writing a form ("Application form filled in", "fill in the claim")
    if "fill" in telling and _ENGLISH_FORMS.intersection(telling):
        synonyms.append("con:writing")
    for run in _CJK_RUN.findall(_LATIN.sub(" ", norm)):
        if mode_a is None:
            from sudachipy import SplitMode

            mode_a, mode_c = SplitMode.A, SplitMode.C
        tok = _sudachi()
        morphemes = tok.tokenize(run, mode_c)
        expanded = _expand_abbreviations([m.surface() for m in morphemes])
        if expanded != run:
            run = expanded
            morphemes = tok.tokenize(run, mode_c)
        _japanese_polarity(morphemes, mode_a, stated, negated)
        compounds = []
        for m in morphemes:
            pos = m.part_of_speech()[0]
            if pos not in _KEEP_POS:
                continue
            words.append(m.normalized_form())
            synonyms.extend(f"syn:{g}" for g in m.synonym_group_ids())
            if m.normalized_form() in CONCEPTS:
                synonyms.append(f"con:{CONCEPTS[m.normalized_form()]}")
            compounds.append(m.surface())
            parts = m.split(mode_a)
            tail = parts[len(parts) - 1].normalized_form() if len(parts) else ""
            action = ACTIONS.get(m.normalized_form(), ACTIONS.get(tail, action))
        for m in tok.tokenize(run, mode_a):
            if m.part_of_speech()[0] not in _KEEP_POS or m.surface() in compounds:
                continue
            words.append(m.normalized_form())
            synonyms.extend(f"syn:{g}" for g in m.synonym_group_ids())
            if m.normalized_form() in CONCEPTS:
                synonyms.append(f"con:{CONCEPTS[m.normalized_form()]}")
    # a step code (hoofd_010, awb45_020_1) is a word of its own: its number tells the step
    words.extend(_CODE_WORD.findall(norm))
    if _checks_my_number(norm, action, synonyms):
        synonyms.append("con:mynumber")
    # a check of the register, or of the address (住所確認, 住所照会): read in the register
    if action == "check" and (REGISTER_WORDS.search(norm) or _ADDRESS_CHECK.search(norm)):
        synonyms.append("con:register")
    if action == "entry" and _BY_RESIDENT.search(norm):
        action = "filing"
        synonyms.append("con:writing")
    # taking in or keying the resident's bank account (口座振替申込受付, 振込口座の登録)
    if action in ("entry", "filing") and _ACCOUNT.search(norm):
        synonyms.append("con:account")
    elif (
        action == "entry"
        and _REKEY.search(norm)
        and not REGISTER_WORDS.search(norm)
        and not _NOT_REKEY.search(norm)
    ):
        synonyms.append("con:rekey")
    issued_ticket = action == "issue" and _ISSUED_TICKET.search(norm) is not None
    if action in ("", "issue", "filing") and (TICKET_WORDS.search(norm) or issued_ticket):
        action = "ticket"
        synonyms.append("con:ticket")
    bracketed, bracketed_grams = _bracketed(norm)
    return LabelTerms(
        normalized=norm,
        words=tuple(dict.fromkeys(w for w in words if w and not w.isdigit())),
        synonyms=tuple(dict.fromkeys(synonyms)),
        grams=tuple(_grams(norm)),
        action=action,
        stated=tuple(sorted(stated)),
        negated=tuple(sorted(negated)),
        bracketed=bracketed,
        bracketed_grams=bracketed_grams,
    )


_PARENTHESIS = re.compile(r"\(([^()]*)\)")


def _bracketed(norm: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """English stems, and their words' character n-grams, that a normalised label says
    only inside brackets, when it says English words outside them too (see
    :attr:`LabelTerms.bracketed`).

    Examples
    --------
    >>> _bracketed("picking (lean wm)")
    (('lean', 'wm'), (' le', 'lea', 'ean', 'an ', ' wm', 'wm '))
    >>> _bracketed("overhead calculation (overhead)"), _bracketed("(online) 申請")
    (((), ()), ((), ()))
    """
    inside = " ".join(m.group(0) for m in _LATIN.finditer(" ".join(_PARENTHESIS.findall(norm))))
    outside = _PARENTHESIS.sub(" ", norm)
    said = set(english_terms(" ".join(m.group(0) for m in _LATIN.finditer(outside))))
    if not said or not inside:
        return (), ()
    words = [t for t in english_terms(inside) if t not in said]
    outside_grams = set(_grams(outside))
    grams = [g for g in _grams(inside) if g not in outside_grams]
    return tuple(dict.fromkeys(words)), tuple(dict.fromkeys(grams))


def _is_negating(morpheme: Any) -> bool:
    return bool(morpheme.part_of_speech()[0] == "接頭辞" and morpheme.surface() in _NEG_PREFIXES)


def _japanese_polarity(morphemes: Any, mode_a: Any, stated: set[str], negated: set[str]) -> None:
    """Add the words of one Japanese run (split mode C morphemes) to ``stated`` or, when a
    negating prefix precedes them (a separate 不 before 受理, or 非 inside 非課税), to
    ``negated``. A compound is stated as a whole (非課税) and its parts by their polarity."""
    after_prefix = False
    for m in morphemes:
        parts = list(m.split(mode_a)) or [m]
        if _is_negating(m):
            after_prefix = True
            continue
        if m.part_of_speech()[0] in _KEEP_POS:
            (negated if after_prefix else stated).add(m.normalized_form())
        for k, part in enumerate(parts):
            if _is_negating(part) or part.part_of_speech()[0] not in _KEEP_POS:
                continue
            before = after_prefix if k == 0 else _is_negating(parts[k - 1])
            (negated if before else stated).add(part.normalized_form())
        after_prefix = _is_negating(parts[-1])


def _english_polarity(latin: str) -> tuple[set[str], set[str]]:
    """Stems an English text states and stems it negates: the content word after "not",
    "no" or "non" (stop words and a hyphen may come between), and the remainder of a
    word fused with "non" or "un" (``unpaid`` → ``paid``)."""
    stated: set[str] = set()
    negated: set[str] = set()
    pending = False
    for token in _EN_TOKEN.findall(latin):
        if not token.isalnum():
            pending = pending and token == "-"
            continue
        if token in _NEG_WORDS:
            pending = True
            continue
        if token in STOPWORDS or len(token) < 2 or token.isdigit():
            continue
        if pending:
            negated.add(stem(token))
            pending = False
            continue
        stated.add(stem(token))
        for prefix, least in _NEG_FUSED:
            if token.startswith(prefix) and len(token) - len(prefix) >= least:
                negated.add(stem(token[len(prefix) :]))
    return stated, negated


def negation(a: LabelTerms, b: LabelTerms) -> str:
    """The word exactly one of two labels negates while the other states it, ``""`` when
    none: 非課税証明書交付 vs 課税証明書交付 → ``"課税"``, "Not take interview" vs "Take
    interview" → ``"take"``. A word counts only where one label states it plainly and the
    other only negates it; so 不動産 (one word) negates nothing, and 非常勤 negates 常勤
    only against a label that says 常勤.

    Examples
    --------
    >>> negation(label_terms("不許可通知"), label_terms("許可通知"))
    '許可'
    >>> negation(label_terms("不動産取得税申告"), label_terms("動産取得届"))
    ''
    """
    plain_a = set(a.stated) - set(a.negated)
    plain_b = set(b.stated) - set(b.negated)
    only_a = set(a.negated) - set(a.stated)
    only_b = set(b.negated) - set(b.stated)
    found = sorted((only_a & plain_b) | (only_b & plain_a))
    return found[0] if found else ""


def tokenize(label: str, *, synonyms: bool = False) -> list[str]:
    """Word terms of a label: Sudachi normalised forms (Japanese), stems (English).

    Japanese text is split in mode C (compounds such as 本人確認書類 stay whole) and the
    parts of each compound from mode A are appended; English words are lower-cased,
    stop words dropped and the rest Porter-stemmed.

    Parameters
    ----------
    label : str
        An activity label in Japanese, English or both.
    synonyms : bool, default False
        Also append Sudachi synonym-group terms (``"syn:<id>"``).

    Examples
    --------
    >>> tokenize("住民票の写し交付")
    ['住民票', '写す', '交付', '住民', '票']
    >>> tokenize("Sending applications to the examining board")
    ['send', 'applic', 'examin', 'board']
    >>> "syn:464" in tokenize("書類チェック", synonyms=True)
    True
    """
    terms = label_terms(label)
    return list(terms.words + terms.synonyms) if synonyms else list(terms.words)


def _grams(norm: str) -> list[str]:
    out: list[str] = []
    for word in _LATIN_WORD.findall(norm):
        padded = f" {word} "
        out.extend(padded[i : i + 3] for i in range(len(padded) - 2))
    for run in _CJK_RUN.findall(_LATIN.sub(" ", norm)):
        if len(run) == 1:
            out.append(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
        out.extend(run[i : i + 3] for i in range(len(run) - 2))
    return out


def char_ngrams(label: str) -> list[str]:
    """Character n-grams of the normalised label.

    Japanese runs give bigrams and trigrams; each English word gives trigrams of the word
    padded with spaces.

    Examples
    --------
    >>> char_ngrams("本人確認")
    ['本人', '人確', '確認', '本人確', '人確認']
    >>> char_ngrams("Send")
    [' se', 'sen', 'end', 'nd ']
    """
    return list(label_terms(label).grams)
