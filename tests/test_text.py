"""Label normalisation and tokenisation (Japanese and English)."""

from __future__ import annotations

import pytest

from procmine.text import char_ngrams, label_terms, negation, normalize_label, tokenize
from procmine.text.english import english_terms, stem


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("戸籍届書受付（出生・死亡・婚姻）", "戸籍届書受付(出生・死亡・婚姻)"),
        ("ＩＤ確認", "ID確認"),
        ("ｺｸﾎ加入", "コクホ加入"),
        ("本人確認_窓口", "本人確認"),
        ("本人確認（窓口）", "本人確認"),
        ("児童手当　認定", "児童手当認定"),
        ("S04 本人確認", "本人確認"),
        ("本人確認 [S04]", "本人確認"),
        ("Send  Letter", "send letter"),
        ("【国保】加入届", "(国保)加入届"),
    ],
)
def test_spelling_variants_normalise_to_one_label(a: str, b: str) -> None:
    assert normalize_label(a) == normalize_label(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("転入届受付", "転出届受付"),
        ("児童手当", "児童扶養手当"),
        ("審査", "審査会"),
        ("Step", "Steps 2"),
    ],
)
def test_different_labels_stay_different(a: str, b: str) -> None:
    assert normalize_label(a) != normalize_label(b)


def test_blank_label_normalises_to_empty() -> None:
    assert normalize_label("   ") == ""


def test_japanese_tokens_use_normalised_forms_and_compound_parts() -> None:
    tokens = tokenize("国保加入届受付")
    assert tokens[0] == "国保"
    assert "受け付け" in tokens  # 受付 → 受け付け
    assert "加入" in tokens  # part of the mode-C compound 加入届
    assert "手続き" in tokenize("手続案内")


def test_japanese_tokens_drop_particles_and_symbols() -> None:
    tokens = tokenize("本人確認書類の確認（窓口）")
    assert "の" not in tokens and "(" not in tokens


def test_synonym_groups_link_abbreviation_and_full_name() -> None:
    short = set(label_terms("国保加入").synonyms)
    full = set(label_terms("国民健康保険加入").synonyms)
    assert short & full
    assert "syn:" in " ".join(tokenize("書類チェック", synonyms=True))


def test_english_tokens_are_stemmed_without_stop_words() -> None:
    assert tokenize("Checking the applications") == ["check", "applic"]
    assert english_terms("Rejected") == english_terms("rejection")


def test_mixed_script_label_yields_both_kinds_of_terms() -> None:
    tokens = tokenize("マイナンバー card 確認")
    assert "card" in tokens and "確認" in tokens


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("hopping", "hop"),
        ("relational", "relat"),
        ("generalization", "gener"),
        ("adjustment", "adjust"),
        ("matriculate", "matricul"),
        ("sky", "sky"),
    ],
)
def test_porter_stemmer(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_char_ngrams_cover_japanese_and_english() -> None:
    assert "確認" in char_ngrams("本人確認")
    assert "sen" in char_ngrams("Send") and " se" in char_ngrams("Send")
    assert char_ngrams("") == []


def test_administrative_concepts_join_words_sudachi_keeps_apart() -> None:
    """届 (no Sudachi synonym group) and 申請 are both a resident's filing; 入力 and 登録
    are both keying into a register; 確認 is neither."""
    filing = {"con:filing"}
    assert filing <= set(label_terms("住民異動届記入").synonyms)
    assert filing <= set(label_terms("要介護認定申請受付").synonyms)
    assert "con:entry" in label_terms("被保険者情報入力").synonyms
    assert "con:entry" in label_terms("受給者台帳登録").synonyms
    assert not {"con:filing", "con:entry"} & set(label_terms("本人確認").synonyms)


@pytest.mark.parametrize(
    ("label", "action"),
    [
        ("学齢簿住所照合", "check"),
        ("手帳台帳 住所更新", "entry"),
        ("振込口座登録", "entry"),
        ("後期高齢者 資格確認書引渡し", "issue"),
        ("資格確認書・資格情報のお知らせ交付", "issue"),
        ("関連手続き案内", "guidance"),
        ("国民年金第1号被保険者の届出受付", "filing"),
        ("印鑑登録申請書記入", "filing"),
        ("後期高齢者 負担区分証明書受理・資格登録", "entry"),
        ("課税状況照会回答", "answer"),
        ("Send letter", "issue"),
        ("Verify ID", "check"),
        ("Nursery fee calculation (income inquiry)", "check"),
        ("Enter recipient record", "entry"),
        ("Claim form filled in", "filing"),
        ("Fill in declaration form", "filing"),
        ("Complete enrollment form", "filing"),
        ("Key in address change", "entry"),
        ("保護者本確", "check"),
        ("高額介護サービス費支給", "issue"),
        ("賦課本確定処理", ""),
        ("Kei car tax filing", ""),
        ("Evaluate", ""),
    ],
)
def test_head_action_is_the_last_action_word_of_a_label(label: str, action: str) -> None:
    """確認 inside the document name 資格確認書 is not the action; the label's last
    action word is."""
    assert label_terms(label).action == action


def test_identity_checks_share_the_party_concept() -> None:
    for label in ("本人確認", "申請者確認", "来庁者確認", "保護者確認", "身元確認書類チェック"):
        assert "con:party" in label_terms(label).synonyms, label
    assert "con:party" not in label_terms("個人番号確認").synonyms


def test_english_labels_share_concepts_with_japanese_ones() -> None:
    """An English label gets the same concept terms as its Japanese counterpart, so a city
    with one system labelled in English compares across languages; "register" as a noun
    (a resident register) is not keying data in."""

    def concepts(label: str) -> set[str]:
        return {t for t in label_terms(label).synonyms if t.startswith("con:")}

    assert "con:filing" in concepts("Receive benefit application") & concepts("給付申請受付")
    assert "con:filing" in concepts("Pension claim") & concepts("年金請求書受理")
    assert "con:entry" in concepts("Address update") & concepts("台帳住所更新")
    assert "con:party" in concepts("Check identity of visitor") & concepts("来庁者確認")
    assert "con:guidance" in concepts("Explain next steps") & concepts("関連手続き案内")
    assert "con:income" in concepts("Income inquiry") & concepts("収入状況の照会（課税）")
    assert "con:income" in concepts("所得照会") & concepts("保険料段階判定（課税状況確認）")
    assert "con:entry" not in concepts("Read the population register")
    assert not concepts("Calculate fee")


@pytest.mark.parametrize(
    ("negated", "plain", "word"),
    [
        ("非課税証明書交付", "課税証明書交付", "課税"),
        ("不許可通知", "許可通知", "許可"),
        ("不承認", "承認", "承認"),
        ("非該当通知", "該当通知", "該当"),
        ("不受理", "受理", "受理"),
        ("不支給決定", "支給決定", "支給"),
        ("非常勤職員登録", "常勤職員登録", "常勤"),
        ("Not take interview", "Take interview", "take"),
        ("Non-resident tax", "Resident tax", "resid"),
        ("Unpaid invoice", "Paid invoice", "paid"),
    ],
)
def test_negation_finds_the_word_one_label_negates(negated: str, plain: str, word: str) -> None:
    assert label_terms(negated).negated
    assert negation(label_terms(negated), label_terms(plain)) == word
    assert negation(label_terms(plain), label_terms(negated)) == word


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # words of their own, not a prefix before a word
        ("不動産取得税申告", "動産取得届"),
        ("無料相談受付", "料金徴収"),
        # a prefixed word whose remainder the other label does not state
        ("非常勤職員登録", "職員登録"),
        ("未成年者控除", "控除申告"),
        # both labels cover the negated and the plain form
        ("課税・非課税証明書交付", "課税証明書交付"),
        ("非課税証明書交付", "非課税証明書交付"),
        ("Write note", "Write not"),
        ("None found", "Found"),
        ("Unit check", "It check"),
        ("Check no. of applicants", "Check applicants"),
        ("Disapprove", "Approve"),
    ],
)
def test_negation_leaves_words_of_their_own_alone(a: str, b: str) -> None:
    assert negation(label_terms(a), label_terms(b)) == ""
    assert negation(label_terms(b), label_terms(a)) == ""


def test_labels_in_host_kana_are_read_as_the_words_they_spell() -> None:
    """ﾎﾝﾆﾝ ｶｸﾆﾝ shares no character with 本人確認: it is spelled from the words of the
    other labels (host systems drop small kana: ｼﾖﾄｸ is ショトク); loanwords and kana
    that words spell less than half of stay as they are."""
    from procmine.text.kana import spell_kana

    labels = [
        "ﾎﾝﾆﾝ ｶｸﾆﾝ",
        "届出人の本人確認",
        "ｼﾖﾄｸ ｼﾖｳｶｲ",
        "所得の照会",
        "チェックリスト",
        "ｶｸﾆﾝｼﾖ ﾌﾟﾘﾝﾀｰ ｾｯﾃｲ",
    ]
    spelled = spell_kana(labels)
    assert spelled == {"ﾎﾝﾆﾝ ｶｸﾆﾝ": "本人確認", "ｼﾖﾄｸ ｼﾖｳｶｲ": "所得照会"}
    # alone, only the vocabulary's words spell it: 確認 is one, 口座 is not
    assert spell_kana(["ｺｳｻﾞ ｶｸﾆﾝ"]) == {"ｺｳｻﾞ ｶｸﾆﾝ": "コウザ確認"}
    assert spell_kana(["ｺｳｻﾞ ｶｸﾆﾝ", "振込口座の登録"]) == {"ｺｳｻﾞ ｶｸﾆﾝ": "口座確認"}
    assert spell_kana(["本人確認", "所得照会"]) == {}
    # a loanword half of which a two-kana word happens to spell stays a loanword
    assert spell_kana(["ポイント", "サイン", "係員対応"]) == {}


def test_a_kana_label_is_matched_by_the_words_it_spells() -> None:
    import networkx as nx

    from procmine.match._profile import from_models

    graphs = {}
    for dept, label in (("A", "ﾎﾝﾆﾝ ｶｸﾆﾝ"), ("B", "届出人の本人確認")):
        g = nx.DiGraph()
        g.add_node("1", label=label)
        graphs[dept] = g
    kana, kanji = from_models(graphs).items
    assert kana.name == "ﾎﾝﾆﾝ ｶｸﾆﾝ"
    assert kana.terms.action == kanji.terms.action == "check"
    assert "con:party" in set(kana.terms.synonyms) & set(kanji.terms.synonyms)


def test_step_codes_are_words_of_their_own() -> None:
    """HOOFD_010 and HOOFD_020 share the phase word, not the step."""
    a, b = label_terms("01_HOOFD_010").words, label_terms("01_HOOFD_020").words
    assert "hoofd_010" in a and "hoofd_020" in b and set(a) & set(b) == {"hoofd"}


def test_a_label_naming_a_queue_ticket_takes_the_ticket_action() -> None:
    """受付番号札 is a ticket, not the taking in of a filing (受付); 番号札発行 and 整理券を発行する
    hand out tickets, not documents: whatever the verb, a queue ticket is the action."""
    for label in (
        "01_受付番号札",
        "[A01] 番号札発行",
        "整理券を発行する",
        "呼出番号発券",
        "Queue ticket",
        "Ticket issued",
    ):
        terms = label_terms(label)
        assert terms.action == "ticket", label
        assert "con:ticket" in terms.synonyms, label
    assert label_terms("税額決定通知書発送").action == "issue"
    assert label_terms("申請書受付").action == "filing"
    # a summons, a kiosk, a support ticket, or a slip that is checked or keyed: not tickets
    for label in ("納税相談呼出", "コンビニ交付(キオスク端末)", "Support ticket closed",
                  "受付票入力", "申請受付票の確認"):  # fmt: skip
        assert "con:ticket" not in label_terms(label).synonyms, label


def test_the_resident_register_and_a_check_of_the_address_share_a_concept() -> None:
    """住民記録 (split by Sudachi), 住基, 住民基本台帳 and 住民票 name one register; a check of
    the address reads it too. A check of something named after the address (住所地特例)
    and an entry of the address are not that."""

    def register(label: str) -> bool:
        return "con:register" in label_terms(label).synonyms

    for label in ("住民記録照会", "05_住基照会", "住民基本台帳の照会", "住民票記載事項確認"):
        assert register(label), label
    for label in ("住所確認", "住所の照会", "学齢簿住所照合", "Address check", "Check address"):
        assert register(label), label
    for label in ("住所地特例確認", "住所変更入力", "所得照会", "本人確認"):
        assert not register(label), label
    # issuing a 住民票 is not reading the register; other addresses are not the resident's
    for label in ("住民票写し交付", "住基カード交付", "送付先住所確認", "勤務先住所確認",
                  "事業所住所確認", "Email address check", "居住記録確認"):  # fmt: skip
        assert not register(label), label


def test_an_account_taken_in_or_keyed_has_the_account_concept() -> None:
    """口座振替申込受付 (a filing), 振込口座の登録 (an entry) and お預かりする (the polite taking in)
    register the resident's account; a notice about the account or a check of its holder
    do not."""

    def account(label: str) -> bool:
        return "con:account" in label_terms(label).synonyms

    for label in ("08_口座振替依頼受付", "【口座】振込口座登録", "口座振替依頼書をお預かりする",
                  "Bank account registration"):  # fmt: skip
        assert account(label), label
    for label in ("口座振替不能通知", "口座名義人照合", "口座振替依頼書の送付", "窓口座席予約受付",
                  "Account registration"):  # fmt: skip
        assert not account(label), label
    assert label_terms("書類のお預かり").action == "filing"


def test_a_check_of_the_my_number_has_its_concept_however_worded() -> None:
    """個人番号確認, マイナンバーの確認, 番号確認, the clerk's 個番確認 and "My Number verification"
    check one number; an identity check that names the card as the document shown is an
    identity check (本人確認), and a label that names no My Number has no such concept."""

    def my_number(label: str) -> bool:
        return "con:mynumber" in label_terms(label).synonyms

    for label in ("個人番号の確認", "マイナンバーの確認を行う", "番号法第16条による番号確認",
                  "児手_個番確認", "My Number verification", "Ｍｙ Ｎｕｍｂｅｒ確認", "【窓口】番号確認",
                  "マイナンバーカードの確認", "本人確認及び個人番号確認"):  # fmt: skip
        assert my_number(label), label
        assert label_terms(label).action == "check", label
    # the card as the identity document shown, another number, a filing or issuing
    for label in ("本人確認（マイナンバーカード）", "届出人の本人確認（運転免許証・マイナンバーカード等）",
                  "本人の確認（マイナンバーカード）", "Identity verification (My Number card)",
                  "身分証明書確認（マイナンバーカード等）", "被保険者番号の確認", "受付番号確認",
                  "整理券の番号確認", "お客様の番号の確認", "ID番号確認", "マイナンバーカードの暗証番号確認",
                  "Phone number check", "個人番号カード交付申請受付", "マイナンバーカード交付"):  # fmt: skip
        assert not my_number(label), label


def test_asking_looking_up_and_loanwords_name_their_kind_of_action() -> None:
    """問い合わせる and お調べする are checks (asking the tax office, looking the record up), the
    loanwords エントリー and ガイダンス an entry and guidance, as 入力 and 案内 are."""
    assert label_terms("所得の状況を税務課に問い合わせます").action == "check"
    assert label_terms("住民登録の内容をお調べします").action == "check"
    assert label_terms("学齢簿エントリー").action == "entry"
    assert label_terms("他課手続ガイダンス").action == "guidance"
    # answering the residents' questions (問い合わせ対応) is not asking another office
    assert label_terms("問い合わせ対応").action != "check"
    assert "con:guidance" in label_terms("他課手続ガイダンス").synonyms


def test_a_form_the_resident_writes_has_the_writing_concept() -> None:
    """記入 ("filled in") is the resident writing a form, whatever form; 記載事項 (the entries of
    a 住民票) is not writing."""
    for label in ("住異届記入", "申請書に必要事項を記入していただく", "[A07] 印鑑登録申請書の記入",
                  "Application form filled in by applicant"):  # fmt: skip
        assert "con:writing" in label_terms(label).synonyms, label
    for label in ("住民票記載事項確認", "申請書受付", "届書審査", "Position filled", "Fill order"):
        assert "con:writing" not in label_terms(label).synonyms, label


def test_guidance_is_an_action_however_worded() -> None:
    """手続案内, ご案内, 説明, "Counter guidance": telling the resident where to go is the action
    of the label (so that guidance worded apart is one kind of work); a guidance letter sent
    is sending."""
    for label in ("手続案内", "子育て支援サービスのご案内", "制度説明", "Counter guidance"):
        assert label_terms(label).action == "guidance", label
    assert label_terms("乳幼児健診の案内送付").action == "issue"


def test_keying_the_residents_data_into_a_ledger_has_the_rekey_concept() -> None:
    """An entry of the resident's data into a department's own ledger (被保険者台帳, 学齢簿, 宛名,
    受給者情報, 住所 …, or keyed by hand) is one kind of work (``con:rekey``); the register's
    own update, an account, a seal registration, a filing taken in and an entry of anything
    else are not."""

    def rekey(label: str) -> bool:
        return "con:rekey" in label_terms(label).synonyms

    for label in ("被保険者台帳への住所入力", "国保宛名情報の入力", "学齢簿エントリー", "ケース記録入力",
                  "受給者情報のデータエントリー", "課税台帳住所補正", "住変入力", "基本情報登録（手入力）",
                  "Resident data entered", "Enter applicant details"):  # fmt: skip
        assert rekey(label), label
    for label in ("住民記録の異動入力", "住基更新入力", "振込口座の登録", "印鑑登録", "住所変更届の受付",
                  "認定結果入力", "Decision entered"):  # fmt: skip
        assert not rekey(label), label
    # a ledger of land or of dogs is no ledger of residents
    assert rekey("【入力】台帳登録") and rekey("台帳登録（住所・氏名）")
    for label in ("加入者情報入力", "障害者情報の入力", "転居先住所入力"):
        assert rekey(label), label
    # data that is no resident's: a meter reading, a check-up's results, a claim, a business
    for label in ("検針データ入力", "検診結果データ入力", "レセプトデータ入力", "事業者情報の入力",
                  "業者データ入力", "事業所住所入力", "勤務先住所入力"):  # fmt: skip
        assert not rekey(label), label
    for label in ("農地台帳登録", "犬台帳への登録", "家屋台帳入力", "粗大ごみ台帳入力"):
        assert not rekey(label), label


def test_an_entry_the_resident_makes_is_the_resident_writing() -> None:
    """電子申請入力(本人), 申請者による入力, "Data entered by applicant": the resident types their own
    data (online as on paper: ``con:writing``, a filing of theirs); the clerk's entry is not."""
    for label in (
        "電子申請入力(本人)",
        "Web申請入力（本人）",
        "申請者による入力",
        "Data entered by applicant",
    ):
        terms = label_terms(label)
        assert "con:writing" in terms.synonyms and terms.action == "filing", label
    for label in ("申請内容入力", "本人確認入力", "電子申請受付", "Entered by customer service staff",
                  "Address entered by Resident Services staff", "Entered by Citizens Affairs Division",
                  "Entered by customer care staff", "Entered by resident-services desk"):  # fmt: skip
        assert "con:writing" not in label_terms(label).synonyms, label
    assert "con:rekey" in label_terms("申請Data入力").synonyms
