"""Every word procmine's report shows, one dict per language.

The report never mixes languages in its own wording: :data:`STRINGS` holds one dict for
Japanese (``"ja"``, the default) and one for English (``"en"``) with the same keys. Values
taken from the input (department names, activity labels, column headers) are shown as they
are, in whatever language they were written.

Strings are :meth:`str.format` templates with named fields.

Examples
--------
>>> strings("en")["h_summary"]
'Summary'
>>> strings("ja")["h_summary"]
'調査概要と主な結果'
>>> sorted(STRINGS["ja"]) == sorted(STRINGS["en"])
True
"""

from __future__ import annotations

from typing import Literal

from procmine.errors import ConfigError

Lang = Literal["ja", "en"]
LANGS: tuple[str, ...] = ("ja", "en")

_JA: dict[str, str] = {
    # document
    "title": "業務重複・データサイロ分析報告書",
    "subtitle": "{departments}課・{events}件のイベント・期間 {period}",
    "toc": "目次",
    "footer": "procmine {version} により作成。",
    "personal_data": (
        "本報告書には住民の個人データ（氏名・住所・生年月日などの値）は一切含まれません。"
        "示しているのは列名・業務名・件数・比率のみです。"
    ),
    "none": "—",
    "list_sep": "、",
    "more_items": "ほか{n}件",
    "more_departments": "ほか{n}課",
    "sort_hint": "列見出しをクリックすると並べ替えられます。",
    "date": "{y}年{m}月{d}日",
    "date_padded": "no",
    "period_range": "{start}～{end}",
    # section headings (h2)
    "h_summary": "調査概要と主な結果",
    "h_scope": "調査範囲とデータの取扱い",
    "h_workload": "業務量（As-Is）",
    "h_maps": "現状業務フロー（As-Is）",
    "h_duplicates": "重複業務一覧",
    "h_silos": "データ保有マトリクス（データのサイロ化）",
    "h_journeys": "住民の行程（窓口体験）",
    "h_candidates": "集約候補と効果試算",
    "h_kpis": "KPI（評価指標）",
    "h_method": "分析手法と前提",
    "h_appendix": "付録：読み込んだ行数と列の対応",
    # sub-headings (h3)
    "h_top_candidates": "効果の大きい集約候補",
    "h_departments": "対象課",
    "h_accounting": "読み込んだ行数（ファイル別）",
    "h_mappings": "列の対応付け",
    "h_warnings": "読み込み時の注意",
    "h_clusters": "重複業務クラスタ",
    "h_pairs": "重複と判定した業務の組と根拠",
    "h_silo_matrix": "データ項目 × 課",
    "h_silo_detail": "データ項目ごとの保有状況と不整合率",
    "h_assumptions": "前提",
    "h_options": "分析の設定",
    "h_activities": "業務量（{department}）",
    # headline figures
    "stat_departments": "対象課",
    "stat_events": "イベント数",
    "stat_cases": "ケース数",
    "stat_cases_note": "課ごとの合計",
    "stat_period": "期間",
    "stat_clusters": "重複業務クラスタ",
    "stat_clusters_note": "{activities}業務が関与",
    "stat_hours": "集約による削減時間（年間・推計）",
    "stat_silos": "複数課が保有するデータ項目",
    "stat_silos_note": "うち不整合あり {inconsistent}項目",
    "stat_candidates": "集約候補",
    "stat_candidates_value": "{n}件",
    "stat_candidates_note": "うち効果0の{zero}件",
    "stat_saved_staff": "職員の削減時間（年間・推計）",
    "stat_saved_resident": "住民の削減時間（年間・推計）",
    "summary_text": (
        "{departments}課の{events}件のイベント（{period}）を分析しました。職員の処理時間は年間約"
        "{staff_hours}時間（約{staff_fte}人工）です。異なる課で同じ作業をしている重複業務クラスタを"
        "{clusters}件、複数の課が別々に保有するデータ項目を{silos}件検出しました。"
        "集約候補{candidates}件による削減時間は年間{hours}時間（職員{saved_staff}時間・約{fte}人工、"
        "住民{saved_resident}時間）と試算されます。"
    ),
    "top_candidate": "{rank}. {title}（{principle}・年間{hours}時間）",
    "no_candidates": "集約候補はありません。",
    "candidates_zero": (
        "次の{n}件は、ログに重複した実行がないか、重複した実行の処理時間が計測されていないため"
        "削減時間が0と試算され、表から除きました（candidates.csv には含まれます）：{names}"
    ),
    "candidate_zero_item": "{rank}. {title}",
    # units
    "unit_hours": "{value}時間",
    "unit_minutes": "{value}分",
    "unit_events": "{value}件",
    # scope
    "scope_text": (
        "以下のファイルを読み込みました。読み込めなかった行は理由ごとに数えています"
        "（読込行数 = 採用行数 + 除外行数）。"
    ),
    "col_department": "課",
    "col_sources": "ファイル",
    "col_events": "イベント数",
    "col_cases": "ケース数",
    "col_activities": "業務数",
    "col_period": "イベントの期間",
    "col_case_starts": "ケースの開始（最初～最後）",
    "col_duration": "処理時間の算出",
    "col_file": "ファイル",
    "col_format": "形式",
    "col_encoding": "文字コード",
    "col_rows_read": "読込行数",
    "col_rows_loaded": "採用行数",
    "col_rows_dropped": "除外行数",
    "col_drop_reasons": "除外理由",
    "col_balanced": "整合",
    "col_role": "役割",
    "col_column": "列名",
    "col_how": "決め方",
    "total": "合計",
    "balanced_yes": "一致",
    "balanced_no": "不一致",
    "role_case": "ケースID",
    "role_activity": "業務（アクティビティ）",
    "role_timestamp": "開始時刻",
    "role_end": "終了時刻",
    "role_resource": "担当者",
    "role_department": "課",
    "role_person": "本人（宛名）",
    "role_lifecycle": "開始・完了の別",
    "role_data": "データ項目",
    "how_option": "指定",
    "how_config": "設定ファイル",
    "how_header": "列名から判定",
    "how_values": "値から推定",
    "how_time_of_day": "{how}（時刻は「{column}」から）",
    "duration_end": "終了時刻から",
    "duration_next_event": "次のイベントまでの時間",
    "duration_mixed": "終了時刻から（ない行は次のイベントまで）",
    "duration_none": "算出なし",
    "no_warnings": "注意事項はありません。",
    "no_data": "データがありません。",
    # maps
    "maps_text": (
        "課ごとに、業務（ノード）とその順序（矢印）を示します。ノードには件数と1件当たり処理時間の"
        "中央値、矢印には遷移の件数を示し、線の太さは件数に比例します。"
        "重複業務は同じクラスタを同じ色で塗り、クラスタ番号（C1 など）を添えています。"
        "実施者がシステムの業務（番号札発券など）の時間は、職員の処理時間ではなく次の業務までの待ち"
        "（発券後の住民の待ちなど）です。終了時刻のない業務の中央値は次のイベントまでの時間で、"
        "待ちを含む参考値のため合計時間（業務量）には数えていません（—）。"
    ),
    "map_caption": (
        "{department}：{events}件・{cases}ケース・{activities}業務（処理時間：{duration}）"
    ),
    "map_alt": "{department}の業務フロー図",
    "map_node_stats": "{events}件・{minutes}分",
    "map_node_events": "{events}件",
    "map_dup": "重複C{cluster}",
    "map_sep": "・",
    "map_start": "開始",
    "map_end": "終了",
    "map_hidden_edges": (
        "件数 {floor} 未満の遷移 {hidden}本を非表示（全{total}本中{shown}本を表示）"
    ),
    "map_hidden_nodes": ("件数の少ない業務 {hidden}件を非表示（全{total}業務中{shown}業務を表示）"),
    "col_activity": "業務",
    "col_median_minutes": "処理時間中央値（分）",
    "col_total_hours": "合計時間（期間内）",
    "col_performer": "実施者",
    "col_fields": "扱うデータ項目",
    "col_cluster": "重複",
    "performer_resident": "住民",
    "performer_staff": "職員",
    "performer_system": "システム",
    "performer_external": "外部",
    "performer_unknown": "不明",
    "performer_system_wait": "システム（時間は次の業務までの待ち）",
    "no_maps": "業務フローはありません。",
    # duplicates
    "duplicates_text": (
        "異なる課で同じ作業をしていると判定した業務（重複業務）です。"
        "判定は業務名・扱うデータ項目・前後の業務・実施者・処理時間の類似度を組み合わせたスコアによります。"
    ),
    "no_duplicates": "重複業務は見つかりませんでした。",
    "col_members": "業務（課：業務名）",
    "col_size": "業務数",
    "col_department_a": "課 A",
    "col_activity_a": "業務 A",
    "col_department_b": "課 B",
    "col_activity_b": "業務 B",
    "col_score": "スコア",
    "col_evidence": "根拠",
    "pairs_text": "各クラスタについて、スコアの高い順に最大{n}組を示します（全ての組は duplicates.csv にあります）。",
    "pairs_more": "ほか {n} 組は duplicates.csv を参照",
    # silos
    "silos_text": (
        "同じデータ項目（住所・氏名など）を複数の課が別々の列に保有している状況です。"
        "不整合率は、同じ本人について、その課の値が正しい値と一致しない割合です。正しい値は、"
        "他の課とよく一致する課ほど重く見て全ての課の値から推定します（値そのものは示しません）。"
        "マトリクスの各マスは列名・不整合率・比較できた住民数（n、他の課も値を持つ住民）で、"
        "不整合率が高いほど濃い色で示します。（基準）は、そのデータ項目を最も多くの住民について"
        "保有している課（ほぼ同数の課が住民の変更を明らかに先に記録していればその課）で、集約候補では保有元として扱います。正本（マスター）を持つ課とは限りません。電話番号や口座のように、住民が複数の値を正しく"
        "使い分けている項目（2つ目の電話番号・別の口座など）では、値の違いが誤りとは限りません。"
    ),
    "no_silos": "複数の課が保有するデータ項目は見つかりませんでした。",
    "col_field": "データ項目",
    "col_field_type": "種類",
    "col_values": "値の数",
    "col_persons": "本人数",
    "col_coverage": "充足率",
    "col_agreement": "一致率",
    "col_inconsistency": "不整合率",
    "col_format_only": "表記ゆれのみ",
    "col_stale": "古い値",
    "col_conflict": "矛盾",
    "col_missing": "欠損",
    "col_linked_share": "他課と照合できた住民の割合",
    "col_authoritative": "基準の課（保有住民数が最多か、変更を先に記録）",
    "authoritative_yes": "基準",
    "col_shared_persons": "比較できた住民数",
    "not_comparable": "比較不可（n={n}）",
    "silo_cell": "{column}（{rate}）",
    "silo_cell_n": "{column}（{rate}、n={n}）",
    "silo_cell_auth_n": "{column}（基準、n={n}）",
    "silo_cell_auth_rate_n": "{column}（基準、{rate}、n={n}）",
    "silo_cell_none_n": "{column}：比較不可（n={n}）",
    "silo_cell_auth_none_n": "{column}（基準）：比較不可（n={n}）",
    # candidates
    "candidates_text": (
        "重複業務を集約した場合の削減時間（効果試算）です。各候補をフロントヤード改革の4原則"
        "（書かせない・待たせない・迷わせない・行かせない）と、自治体DX推進計画の重点取組事項"
        "（フロントヤード改革、情報システムの標準化・共通化、マイナンバーカードの利用推進、AI・RPA）"
        "に対応付けています。"
    ),
    "col_rank": "順位",
    "col_title": "施策",
    "col_principle": "原則",
    "col_departments": "関係課",
    "col_activities_list": "対象業務",
    "col_hours": "削減時間（年間）",
    "col_arithmetic": "計算",
    "col_basis": "根拠",
    "col_confidence": "確度",
    "col_assumption": "前提",
    "arith_full": "年{redundant}回 × {minutes}分 ÷ 60 = {hours}時間",
    "arith_approx": "年{redundant}回 × {minutes}分 ÷ 60 ≈ {hours}時間",
    "arith_inputs": "年{redundant}回・1回{minutes}分",
    "arith_occurrences": "（全{occurrences}回中）",
    "principle_kakasenai": "書かせない",
    "principle_matasenai": "待たせない",
    "principle_mayowasenai": "迷わせない",
    "principle_ikasenai": "行かせない",
    "confidence_high": "高",
    "confidence_medium": "中",
    "confidence_low": "低",
    # method
    "method_items": (
        "業務フロー：課ごとにケース内のイベントを時刻順に並べ、直後に続く業務の組を数えた"
        "直接後続グラフ（DFG）です。|"
        "処理時間：終了時刻があればその差の中央値です。終了時刻がなければ業務フローの表には同じケースの"
        "次のイベントまでの時間の中央値を示しますが、待ち時間を含むため業務量と効果試算には用いません"
        "（課ごとの算出方法は「対象課」の表に記載）。|"
        "業務量：業務ごとの計測された処理時間の合計（下限）です。職員の処理時間は職員が行う業務のみを数え、"
        "人工は年間{hours_per_fte}時間を1人工として換算しました（前提）。|"
        "重複業務：異なる課の業務の組ごとに、業務名・扱うデータ項目・前後の業務・実施者・処理時間の"
        "類似度からスコアを求め、しきい値以上の組をクラスタにまとめました。|"
        "データのサイロ化：同じデータ項目を保有する列を課ごとに対応付け、同じ本人について各課の値が"
        "正しい値（全ての課の値から、他の課とよく一致する課ほど重く見て推定）と一致しない割合を"
        "不整合率としました（表記ゆれのみの差は別に数えています）。|"
        "効果試算：削減時間 = 年間の重複実行回数 × 1回当たり時間 ÷ 60 としました（年間の回数はケースが"
        "始まった期間を365日に換算）。何を重複実行とみなすかは候補の種類によって異なり、候補ごとの前提は"
        "「集約候補と効果試算」の表に記載しています。多くの候補では、同じ住民に{window}日以内に同じ重複業務が"
        "繰り返された場合の2回目以降を重複実行とします。庁内照会は全ての実行を重複とみなし（情報連携で"
        "不要になるため）、他課が基準の値を保有するデータの二重入力も全ての実行を重複とみなします。"
        "データ保有の候補は、基準の課以外で入力された値1件当たり一定の時間（前提に記載）で試算しています。"
        "1回当たり時間は計測された処理時間の中央値で、処理時間が計測されていない業務の重複実行は0時間と"
        "数え（その回数は前提に記載）、各業務の削減時間はその業務の計測された処理時間の合計を超えない"
        "ため、削減時間は業務量の下限を超えません。職員が行う業務の時間を職員時間、住民が行う記入と発券後の待ちを住民の時間とし、"
        "人工 = 職員時間 ÷ {hours_per_fte}時間、人件費 = 職員時間 × {hourly_rate}円/時間です（前提）。|"
        "集約候補の単位：1つの施策で解消する重複業務は1つの候補にまとめました（発券の一本化、"
        "ワンストップ窓口での本人確認：マイナンバーカードで身元と個人番号を一度に確認、口座情報の一元管理："
        "口座の保有の一元化を含む、案内、証明書、記入、二重入力、庁内照会）。その他の確認と自動処理は"
        "クラスタごとの候補です。|"
        "個人データ：{personal}"
    ),
    "method_personal": (
        "住民の値（氏名・住所・生年月日など）は本報告書と出力ファイルに含めていません。"
        "列名・業務名・課名・件数・比率のみを示しています。"
    ),
    "method_personal_shown": (
        "--show-values の指定により、データ保有マトリクスの節にのみ住民の値の例を示しています"
        "（住民は仮名の番号）。CSV・JSON・Excel には含めていません。"
    ),
    "options_none": "既定の設定で分析しました。",
    "col_option": "設定",
    "col_value": "値",
    # personal data shown (show_values)
    "personal_data_shown": (
        "個人情報を含みます（--show-values）。データ保有マトリクスの節に住民の値の例を示しています。"
        "住民は仮名の番号で示しますが、値から本人を特定できる場合があります。取扱いに注意してください。"
    ),
    # summary (more)
    "stat_staff_hours": "職員の処理時間（年間換算）",
    "stat_journeys": "住民の行程",
    "stat_journeys_note": "来庁1回当たりの滞在時間（中央値）{minutes}分",
    "method_journeys": (
        "住民の行程：同じ住民が同じ日に続けて訪れた窓口を1回の来庁とし、近い時期に始まった同じ住民の"
        "手続を1つの行程（ライフイベント）にまとめました。典型的な行程は、その種類で最も多い順路です。"
        "住民は仮名で扱い、本報告書には個々の住民を示していません。"
    ),
    "stat_staff_hours_note": "約{fte}人工",
    "stat_savings_note": "職員{staff}時間（約{fte}人工）・住民{resident}時間",
    "stat_saved_staff_note": "約{fte}人工",
    # workload
    "workload_text": (
        "課ごとの業務量です。処理時間は業務ごとの処理時間の合計で、職員が行う業務のみを数えます"
        "（住民が行う記入などは「住民の時間」に別掲し、システム・外部機関の処理は含めません）。"
        "年間換算はケースが始まった期間（{days}日）を365日に換算した値、人工は年間{hours_per_fte}時間を1人工として"
        "換算した値です。"
    ),
    "col_staff_hours": "職員の処理時間（期間内）",
    "col_staff_hours_year": "職員の処理時間（年間）",
    "col_fte": "人工",
    "col_resident_hours_year": "住民の時間（年間）",
    "workload_models_only": (
        "業務フロー図（プロセスモデル）のみが提供された課（{departments}）はイベントがないため、"
        "業務量・処理時間は測れません（表に含めていません）。"
    ),
    "col_unknown_time": "処理時間が不明なイベント（0時間として計上）",
    "unknown_time_cell": "{n}（{share}）",
    "workload_unknown_text": (
        "処理時間が計測されていない業務（終了時刻がない業務）のイベントは0時間として数えているため、"
        "その課の処理時間は下限です。次のイベントまでの時間はその業務の後の待ち（窓口では数秒、"
        "バックオフィスでは数時間から数日）を含むため、処理時間とはみなしません。効果試算も同じ業務を"
        "0時間として数えるため、削減時間が計測された業務量を超えることはありません。"
    ),
    # duplicates heat map
    "h_heatmap": "課 × 課の重複業務",
    "heatmap_text": (
        "各マスは2つの課が共有する重複業務クラスタの数で、括弧内は重複と判定した業務の組の数です。"
        "対角線のマスは、その課が関わるクラスタの数です。色が濃いほど多いことを示します。"
    ),
    "heatmap_cell": "{clusters}（{pairs}）",
    # evidence of a duplicate pair, built from the evidence columns (Japanese report only;
    # the English report shows the matcher's own sentence)
    "ev_sep": "／",
    "ev_shared": "共通のデータ項目：{fields}",
    "ev_performer": "実施者：{performer}",
    "ev_median": "処理時間の中央値 {a}分・{b}分",
    "ev_context": "前後の業務の類似度 {value}",
    "ev_label": "業務名の類似度 {value}",
    "ev_via_cluster": "この組だけの一致度は基準（{threshold}）未満で、クラスタの他の業務を介して同じ作業と判定",
    "col_no": "No.",
    # silos (more)
    "silo_cell_auth": "{column}（基準）",
    "h_silo_examples": "表記ゆれの例（個人情報）",
    "silo_examples_text": (
        "同じ住民について、基準の課の値と表記だけが異なる値の、多い差のパターンと例です。"
        "住民は仮名の番号で示します。"
    ),
    "col_pattern": "差のパターン",
    "col_example": "例（基準とした課の値 → この課の値）",
    "col_person": "住民（仮名）",
    "no_examples": "表記ゆれの例はありません。",
    # journeys
    "journeys_text": (
        "同じ住民が同じ来庁で訪れた窓口をつないだ行程を、ライフイベント（転入・出生など）ごとに示します。"
        "図の横軸は来庁からの経過時間、帯は各窓口での滞在（待ち時間を含む）、帯の間は移動と次の窓口での"
        "待ちの時間です。"
    ),
    "h_journey_types": "行程の種類（最初の手続）別の行程数",
    "h_journey_life_events": "ライフイベント（手続の課・届出種別）別の行程数",
    "h_journey_path": "典型的な行程：{journey_type}",
    "col_journey_type": "行程の種類（最初の手続）",
    "col_journey_kind": "行程の種類（最初の手続）",
    "col_life_event": "ライフイベント（手続の課・届出種別）",
    "col_journeys": "行程数",
    "col_visits_median": "来庁回数（行程当たり・中央値）",
    "col_counters_median": "窓口数（来庁1回当たり・中央値）",
    "col_on_site_median": "滞在時間（分・来庁1回当たり・中央値）",
    "col_waiting_median": "待ち時間（分・来庁1回当たり・中央値）",
    "col_forms_median": "記入回数（行程当たり・中央値）",
    "journeys_other": "その他（{n}行程）",
    "journeys_small_note": (
        "行程が{min}件未満のグループは、住民の特定を防ぐため「その他」の1行にまとめています。"
        "{blank}"
    ),
    "journeys_small_blank": "まとめた行程が{min}件未満のときは、その行の中央値は空欄です。",
    "journey_caption": (
        "{journey_type}の典型的な行程（この順路の行程は{share}）：来庁{visits}回・窓口{counters}か所・"
        "来庁から最後の窓口を出るまで{total}分"
    ),
    "journey_caption_visits": (
        "{journey_type}の典型的な行程（この順路の行程は{share}）：来庁{visits}回・窓口{counters}か所・"
        "最も長い来庁で来庁から最後の窓口を出るまで{total}分（時間は来庁ごとに0から数えます）"
    ),
    "journey_visit": "{n}回目の来庁",
    "journeys_more": "ほか{n}種類の行程は図を省略しました（表に記載）。",
    "journey_alt": "{journey_type}の行程図",
    "journey_axis": "来庁からの経過時間（分）",
    "journey_bar": "{start}分〜 滞在{minutes}分",
    "h_handover": "課から課への移動",
    "handover_text": "行は手続を終えた課、列は住民が次に向かった課で、値はその移動の件数です。",
    "col_from_to": "移動元 ＼ 移動先",
    # KPIs
    "kpis_text": (
        "効果を測るための指標の現状値（ベースライン）です。目標値と測定の頻度は市が定めます。"
    ),
    "h_kpi_backoffice": "バックオフィスの指標（ログから算出）",
    "h_kpi_journeys": "住民の行程の指標",
    "kpi_journeys_text": "全ての行程についての値です。ライフイベント別の中央値は「住民の行程」の節にあります。",
    "col_kpi": "指標",
    "col_baseline": "現状値",
    "col_how_measured": "算出方法",
    "col_n": "件数",
    "col_mean": "平均",
    "col_median": "中央値",
    "col_iqr": "四分位範囲（25%〜75%）",
    "kpi_forms_per_journey": "記入回数（行程当たり）",
    "kpi_fields_written_again_per_journey": "既に提出した項目の再記入数（行程当たり）",
    "kpi_waiting_minutes_per_visit": "待ち時間（分・来庁当たり）",
    "kpi_minutes_on_site_per_visit": "滞在時間（分・来庁当たり）",
    "kpi_identity_checks_per_journey": "本人確認の回数（行程当たり）",
    "kpi_counters_per_visit": "窓口数（来庁当たり）",
    "kpi_back_and_forth_per_visit": "同じ窓口への戻り（来庁当たり）",
    "kpi_hand_offs_per_visit": "窓口間の移動回数（来庁当たり）",
    "kpi_visits_per_journey": "来庁回数（行程当たり）",
    "kpi_revisits_per_journey": "同じ窓口への再来庁（行程当たり）",
    "kpi_redundant": "重複業務の実行回数（年間）",
    "kpi_redundant_how": "同じ住民に{window}日以内に繰り返された、同じ重複業務クラスタの業務の回数",
    "kpi_staff_hours": "重複業務の職員時間（年間）",
    "kpi_staff_hours_how": "重複実行の回数 × 1回当たり処理時間（職員が行う業務）",
    "kpi_resident_hours": "重複業務の住民の時間（年間）",
    "kpi_resident_hours_how": "重複実行の回数 × 1回当たりの時間（住民の記入と発券後の待ち）",
    "kpi_recaptured": "他課が保有するデータの再入力件数（年間）",
    "kpi_recaptured_how": "基準の課以外で入力されたデータ項目の値の数",
    "kpi_inconsistency": (
        "データ項目の不整合率（最大、比較できた住民30人以上の写し、電話・口座など複数あり得る項目を除く）"
    ),
    "kpi_inconsistency_how": "同じ住民について、課の間で値が一致しない割合の最大値",
    "col_worst_copy": "不整合率（最大の写し、比較できた住民30人以上）",
    "unit_times": "{value}回",
    "unit_values": "{value}件",
    # candidates (more)
    "col_staff_hours_saved": "うち職員",
    "col_resident_hours_saved": "うち住民",
    "col_fte_saved": "人工",
    "col_cost": "人件費（円/年）",
    "col_lead": "主な業務",
    "activity_in_depts": "{activity}（{n}課）",
    "method_small_groups": (
        "小さなグループ：住民の行程の表（本報告書と report.xlsx）では、行程が{min}件未満の種類・"
        "ライフイベントを「その他（N行程）」の1行にまとめ、中央値はまとめた行程全体で求めています"
        "（まとめても{min}件未満なら空欄、典型的な行程は示しません）。journeys.csv・kpis.csv・"
        "findings.json はまとめずに出力しています。"
    ),
    # appendix
    "appendix_text": "読み込んだファイルごとの行数と除外した行の理由、列の対応付けです。",
    "accounting_summary": (
        "読込 {read}行・採用 {loaded}行・除外 {dropped}行（ファイル別の内訳は付録）。"
    ),
}

_EN: dict[str, str] = {
    # document
    "title": "Duplicated work and data silos: analysis report",
    "subtitle": "Departments: {departments} · events: {events} · period: {period}",
    "toc": "Contents",
    "footer": "Made with procmine {version}.",
    "personal_data": (
        "This report contains no personal data of residents (no names, addresses, dates of "
        "birth or other values). It shows column names, activity names, counts and rates only."
    ),
    "none": "—",
    "list_sep": ", ",
    "more_items": "+{n} more",
    "more_departments": "+{n} more departments",
    "sort_hint": "Click a column heading to sort.",
    "date": "{y}-{m}-{d}",
    "date_padded": "yes",
    "period_range": "{start} – {end}",
    # section headings (h2)
    "h_summary": "Summary",
    "h_scope": "Scope and data accounting",
    "h_workload": "Workload (As-Is)",
    "h_maps": "As-Is process maps",
    "h_duplicates": "Duplicated work",
    "h_silos": "Data holdings (data silos)",
    "h_journeys": "Resident journeys",
    "h_candidates": "Consolidation candidates and estimated savings",
    "h_kpis": "KPIs",
    "h_method": "Method and assumptions",
    "h_appendix": "Appendix: rows read and column mapping",
    # sub-headings (h3)
    "h_top_candidates": "Candidates with the largest savings",
    "h_departments": "Departments",
    "h_accounting": "Rows read per file",
    "h_mappings": "Column mapping",
    "h_warnings": "Warnings while loading",
    "h_clusters": "Clusters of duplicated work",
    "h_pairs": "Activity pairs judged duplicates, with evidence",
    "h_silo_matrix": "Field × department",
    "h_silo_detail": "Holdings and inconsistency per field",
    "h_assumptions": "Assumptions",
    "h_options": "Analysis options",
    "h_activities": "Workload ({department})",
    # headline figures
    "stat_departments": "Departments",
    "stat_events": "Events",
    "stat_cases": "Cases",
    "stat_cases_note": "summed over departments",
    "stat_period": "Period",
    "stat_clusters": "Duplicate clusters",
    "stat_clusters_note": "activities involved: {activities}",
    "stat_hours": "Hours saved per year (est.)",
    "stat_silos": "Fields held by several departments",
    "stat_silos_note": "with inconsistent values: {inconsistent}",
    "stat_candidates": "Consolidation candidates",
    "stat_candidates_value": "{n}",
    "stat_candidates_note": "{zero} of them save no time",
    "stat_saved_staff": "Staff hours saved per year (est.)",
    "stat_saved_resident": "Resident hours saved per year (est.)",
    "summary_text": (
        "Events analysed: {events} from {departments} departments ({period}); staff spend "
        "about {staff_hours} hours a year on this work (about {staff_fte} FTE). Clusters of "
        "duplicated work found: {clusters}. Fields held separately by several departments: "
        "{silos}. Estimated savings of all consolidation candidates ({candidates}): {hours} "
        "hours a year: staff {saved_staff} hours (about {fte} FTE), residents {saved_resident} "
        "hours."
    ),
    "top_candidate": "{rank}. {title} ({principle}, {hours} hours/year)",
    "no_candidates": "No consolidation candidates.",
    "candidates_zero": (
        "These {n} candidates save no measured time (the log shows no redundant execution, or "
        "none with a measured handling time) and are left out of the table (candidates.csv "
        "lists them): {names}"
    ),
    "candidate_zero_item": "{rank}. {title}",
    # units
    "unit_hours": "{value} h",
    "unit_minutes": "{value} min",
    "unit_events": "{value} events",
    # scope
    "scope_text": (
        "These files were read. Rows that could not be used are counted by reason "
        "(rows read = rows loaded + rows dropped)."
    ),
    "col_department": "Department",
    "col_sources": "Files",
    "col_events": "Events",
    "col_cases": "Cases",
    "col_activities": "Activities",
    "col_period": "Period of the events",
    "col_case_starts": "Cases started (first – last)",
    "col_duration": "Durations from",
    "col_file": "File",
    "col_format": "Format",
    "col_encoding": "Encoding",
    "col_rows_read": "Rows read",
    "col_rows_loaded": "Rows loaded",
    "col_rows_dropped": "Rows dropped",
    "col_drop_reasons": "Dropped by reason",
    "col_balanced": "Balanced",
    "col_role": "Role",
    "col_column": "Column",
    "col_how": "Chosen by",
    "total": "Total",
    "balanced_yes": "yes",
    "balanced_no": "NO",
    "role_case": "case ID",
    "role_activity": "activity",
    "role_timestamp": "start time",
    "role_end": "end time",
    "role_resource": "resource",
    "role_department": "department",
    "role_person": "person",
    "role_lifecycle": "lifecycle (start / complete)",
    "role_data": "data columns",
    "how_option": "option",
    "how_config": "config file",
    "how_header": "header name",
    "how_values": "guessed from values",
    "how_time_of_day": "{how}; time of day from {column}",
    "duration_end": "end timestamps",
    "duration_next_event": "time to next event",
    "duration_mixed": "end timestamps (else time to next event)",
    "duration_none": "not available",
    "no_warnings": "No warnings.",
    "no_data": "No data.",
    # maps
    "maps_text": (
        "One map per department: activities (boxes) and the order they follow (arrows). "
        "Boxes show the number of events × the median minutes per event; arrows show how "
        "often one activity directly follows another, with line width growing with the count. "
        "Duplicated activities are filled in one colour per cluster and marked with the "
        "cluster number (C1 …). The time of a step performed by a system (a queue ticket …) "
        "is not staff handling time but the wait until the next step (the resident's wait "
        "after the ticket …). For a step without end times the median is the time to the next "
        "event, which includes waiting: shown for reference, it adds nothing to the total hours "
        "(the workload: —)."
    ),
    "map_caption": (
        "{department}: {events} events, {cases} cases, {activities} activities "
        "(durations from {duration})"
    ),
    "map_alt": "Process map of {department}",
    "map_node_stats": "{events} × {minutes} min",
    "map_node_events": "{events} events",
    "map_dup": "dup. C{cluster}",
    "map_sep": " · ",
    "map_start": "start",
    "map_end": "end",
    "map_hidden_edges": (
        "{hidden} transitions seen fewer than {floor} times are hidden ({shown} of {total} shown)"
    ),
    "map_hidden_nodes": "{hidden} less frequent activities are hidden ({shown} of {total} shown)",
    "col_activity": "Activity",
    "col_median_minutes": "Median minutes",
    "col_total_hours": "Total hours (in the logs)",
    "col_performer": "Performed by",
    "col_fields": "Fields filled",
    "col_cluster": "Duplicate",
    "performer_resident": "resident",
    "performer_staff": "staff",
    "performer_system": "system",
    "performer_external": "external",
    "performer_unknown": "unknown",
    "performer_system_wait": "system (time = wait until the next step)",
    "no_maps": "No process maps.",
    # duplicates
    "duplicates_text": (
        "Activities in different departments judged to be the same work. The score combines "
        "the similarity of the labels, the fields they fill, the activities around them, who "
        "performs them and how long they take."
    ),
    "no_duplicates": "No duplicates found.",
    "col_members": "Activities (department: activity)",
    "col_size": "Size",
    "col_department_a": "Department A",
    "col_activity_a": "Activity A",
    "col_department_b": "Department B",
    "col_activity_b": "Activity B",
    "col_score": "Score",
    "col_evidence": "Evidence",
    "pairs_text": "Per cluster, at most {n} pairs with the highest scores (duplicates.csv lists every pair).",
    "pairs_more": "{n} more pairs in duplicates.csv",
    # silos
    "silos_text": (
        "The same field (address, name …) kept by several departments in columns of their "
        "own. The inconsistency rate is the share of residents whose value in the column "
        "differs from their true value, estimated from every department's values, those that "
        "agree more with the others weighing more (the values themselves are not shown). Each "
        "cell of the matrix names the column, its inconsistency rate and the number of "
        "residents compared (n: those another department holds too); the higher the rate, the "
        "darker the cell. (reference) marks the copy holding the most residents (or one nearly as "
        "complete that clearly records the residents' changes first), which the candidates "
        "treat as the field's source: not necessarily a master copy. For fields such as phones and bank accounts a difference may be legitimate (a "
        "second phone, another account)."
    ),
    "no_silos": "No field is held by more than one department.",
    "col_field": "Field",
    "col_field_type": "Type",
    "col_values": "Values",
    "col_persons": "Persons",
    "col_coverage": "Coverage",
    "col_agreement": "Agreement",
    "col_inconsistency": "Inconsistency",
    "col_format_only": "Format only",
    "col_stale": "Stale",
    "col_conflict": "Conflict",
    "col_missing": "Missing",
    "col_linked_share": "Residents linked to other systems",
    "col_authoritative": "Reference copy (most residents, or changes recorded first)",
    "authoritative_yes": "reference",
    "col_shared_persons": "Residents compared",
    "not_comparable": "not comparable (n={n})",
    "silo_cell": "{column} ({rate})",
    "silo_cell_n": "{column} ({rate}, n={n})",
    "silo_cell_auth_n": "{column} (reference, n={n})",
    "silo_cell_auth_rate_n": "{column} (reference, {rate}, n={n})",
    "silo_cell_none_n": "{column}: not comparable (n={n})",
    "silo_cell_auth_none_n": "{column} (reference): not comparable (n={n})",
    # candidates
    "candidates_text": (
        "Hours a year saved if the duplicated work were consolidated. Each candidate is mapped "
        "to a principle of the front-yard reform: 書かせない (no re-writing), 待たせない "
        "(no waiting), 迷わせない (no getting lost), 行かせない (no trips to the counter), and "
        "to a priority theme of the national Municipal DX Promotion Plan (自治体DX推進計画: front-yard "
        "reform, standardised information systems, use of the My Number Card, AI and RPA)."
    ),
    "col_rank": "Rank",
    "col_title": "Candidate",
    "col_principle": "Principle",
    "col_departments": "Departments",
    "col_activities_list": "Activities",
    "col_hours": "Hours saved per year",
    "col_arithmetic": "Arithmetic",
    "col_basis": "Basis",
    "col_confidence": "Confidence",
    "col_assumption": "Assumption",
    "arith_full": "{redundant}/year × {minutes} min ÷ 60 = {hours} h",
    "arith_approx": "{redundant}/year × {minutes} min ÷ 60 ≈ {hours} h",
    "arith_inputs": "{redundant}/year, {minutes} min each",
    "arith_occurrences": " (of {occurrences})",
    "principle_kakasenai": "書かせない (no re-writing)",
    "principle_matasenai": "待たせない (no waiting)",
    "principle_mayowasenai": "迷わせない (no getting lost)",
    "principle_ikasenai": "行かせない (no trips)",
    "confidence_high": "high",
    "confidence_medium": "medium",
    "confidence_low": "low",
    # method
    "method_items": (
        "Process maps: within each department, events are ordered by time per case and each "
        "pair of consecutive activities is counted (a directly-follows graph).|"
        "Durations: the median of end − start where end times exist. Without end times the "
        "process-map tables show the median time to the case's next event, which includes "
        "waiting and is used for neither the workload nor the savings (the basis per department "
        "is in the Departments table).|"
        "Workload: the sum of the measured handling time of each activity (a lower bound). "
        "Staff hours count the "
        "activities staff perform; FTE assumes {hours_per_fte} working hours per person-year "
        "(assumption).|"
        "Duplicated work: every pair of activities in different departments is scored on the "
        "similarity of labels, fields filled, neighbouring activities, performer and duration; "
        "pairs above the threshold are grouped into clusters.|"
        "Data silos: columns holding the same field are matched across departments; the "
        "inconsistency rate is the share of residents whose value differs from their true "
        "value, estimated from every department's values, those that agree more with the "
        "others weighing more (differences of format only are counted separately).|"
        "Savings: hours saved = redundant executions per year × minutes per execution ÷ 60 "
        "(the days over which the cases started, scaled to 365 days). What counts as redundant "
        "depends on the kind of candidate; each candidate's assumption is in the table of "
        "consolidation candidates. For most, when the same resident has the same duplicated work "
        "done again within {window} days, every execution after the first is redundant. Every "
        "internal inquiry is redundant (data linkage replaces it), and so is every re-keying of "
        "data whose reference copy another department keeps. Data-silo candidates count a fixed "
        "number of minutes per value re-captured outside the reference copy (see the "
        "assumption). Minutes per execution are the median measured handling time; redundant "
        "executions of steps without one count 0 hours (the assumption says how many), and no "
        "step saves more than its measured handling time, so the savings never exceed the "
        "workload. Steps staff perform count as staff hours; forms residents write and waits "
        "after a queue ticket count as resident hours. FTE = staff hours ÷ {hours_per_fte}; "
        "staff cost = staff hours × {hourly_rate} yen/h (assumptions).|"
        "Candidates are reforms: the duplicated work one reform removes is one candidate (one "
        "queue; one identity check at a one-stop counter, where the My Number Card proves "
        "identity and number at once; one account register, which also owns the bank-account "
        "field; guidance, certificates, forms, re-keying, inquiries). Other checks and batch "
        "steps are one candidate per cluster.|"
        "Personal data: {personal}"
    ),
    "method_personal": (
        "no resident values (names, addresses, dates of birth …) appear in this report or its "
        "files; only column names, activity and department names, counts and rates."
    ),
    "method_personal_shown": (
        "with --show-values, example values of residents appear in the data-silo section of "
        "this report only (residents by pseudonym); the CSV, JSON and Excel files hold none."
    ),
    "options_none": "The analysis ran with default options.",
    "col_option": "Option",
    "col_value": "Value",
    # personal data shown (show_values)
    "personal_data_shown": (
        "Contains personal data (--show-values). The data-silo section shows example values "
        "of residents; residents are shown by pseudonym, but the values may identify them. "
        "Handle with care."
    ),
    # summary (more)
    "stat_staff_hours": "Staff hours per year",
    "stat_journeys": "Resident journeys",
    "stat_journeys_note": "median minutes on site per visit: {minutes}",
    "method_journeys": (
        "Resident journeys: the counters a resident visits one after another on the same day "
        "form a visit; a resident's procedures that start close together form a journey (a "
        "life event). The typical journey of a type is its most common route. Residents are "
        "handled under pseudonyms and no single resident is shown in this report."
    ),
    "stat_staff_hours_note": "about {fte} FTE",
    "stat_savings_note": "staff {staff} h (about {fte} FTE), residents {resident} h",
    "stat_saved_staff_note": "about {fte} FTE",
    # workload
    "workload_text": (
        "Workload per department. Staff hours are the sum of the handling time of the "
        "activities staff perform (steps residents perform, such as writing a form, are shown "
        "as resident hours; system and external steps are left out). Per-year figures scale "
        "the days over which the cases started ({days} days) to 365 days; FTE assumes {hours_per_fte} working "
        "hours per person-year."
    ),
    "col_staff_hours": "Staff hours (in the logs)",
    "col_staff_hours_year": "Staff hours per year",
    "col_fte": "FTE",
    "col_resident_hours_year": "Resident hours per year",
    "workload_models_only": (
        "Departments that handed over a process model only ({departments}) have no events: their "
        "workload and handling times cannot be measured (they are not in the table)."
    ),
    "col_unknown_time": "Events without a known handling time (counted as 0 h)",
    "unknown_time_cell": "{n} ({share})",
    "workload_unknown_text": (
        "Events of steps without a measured handling time (no end time) count as 0 hours, so a "
        "department's hours are a lower bound. The time to the next event is not taken for a "
        "handling time: it includes the wait after the step (seconds at a counter, hours or "
        "days in a back office). The savings estimate counts the same steps as 0 hours, so "
        "the hours saved never exceed the workload measured."
    ),
    # duplicates heat map
    "h_heatmap": "Duplicated work shared by pairs of departments",
    "heatmap_text": (
        "Each cell is the number of duplicate clusters two departments share, with the number "
        "of activity pairs judged duplicates in brackets. The diagonal is the number of "
        "clusters a department takes part in. Darker means more."
    ),
    "heatmap_cell": "{clusters} ({pairs})",
    # evidence of a duplicate pair (used when the matcher gave no sentence)
    "ev_sep": "; ",
    "ev_shared": "same fields: {fields}",
    "ev_performer": "performed by {performer}",
    "ev_median": "median {a} vs {b} min",
    "ev_context": "neighbours {value}",
    "ev_label": "label {value}",
    "ev_via_cluster": "in one cluster through its other members (this pair alone scores under {threshold})",
    "col_no": "No.",
    # silos (more)
    "silo_cell_auth": "{column} (reference)",
    "h_silo_examples": "Examples of format-only differences (personal data)",
    "silo_examples_text": (
        "For the same resident, values that differ from the reference copy's value "
        "in notation only: the most common patterns of difference, each with an example. "
        "Residents are shown by pseudonym."
    ),
    "col_pattern": "Pattern of difference",
    "col_example": "Example (reference value → value here)",
    "col_person": "Resident (pseudonym)",
    "no_examples": "No format-only differences to show.",
    # journeys
    "journeys_text": (
        "The counters a resident visits on one trip to the city hall, joined into a journey, "
        "by life event (moving in, birth …). In the charts the horizontal axis is the time "
        "since arrival, each bar is the stay at one counter (waiting included) and the gaps "
        "are walking and waiting for the next counter."
    ),
    "h_journey_types": "Journeys by type (first procedure)",
    "h_journey_life_events": "Journeys by life event (departments and case types of the procedures)",
    "h_journey_path": "Typical journey: {journey_type}",
    "col_journey_type": "Journey type (first procedure)",
    "col_journey_kind": "Journey type (first procedure)",
    "col_life_event": "Life event (departments and case types of the procedures)",
    "col_journeys": "Journeys",
    "col_visits_median": "Visits per journey (median)",
    "col_counters_median": "Counters per visit (median)",
    "col_on_site_median": "Minutes on site per visit (median)",
    "col_waiting_median": "Minutes waiting per visit (median)",
    "col_forms_median": "Forms written per journey (median)",
    "journeys_other": "Other ({n} journeys)",
    "journeys_small_note": (
        'Groups of fewer than {min} journeys are merged into one row, "Other", so that no '
        "resident can be singled out.{blank}"
    ),
    "journeys_small_blank": " When the merged row itself has fewer than {min} journeys, its medians are left blank.",
    "journey_caption": (
        "Typical journey for {journey_type} ({share} of its journeys follow this route): "
        "visits {visits}, counters {counters}, {total} min from arrival to leaving the last "
        "counter"
    ),
    "journey_caption_visits": (
        "Typical journey for {journey_type} ({share} of its journeys follow this route): "
        "visits {visits}, counters {counters}, {total} min from arrival to leaving the last "
        "counter in the longest visit (times restart at each visit)"
    ),
    "journey_visit": "Visit {n}",
    "journeys_more": "Charts of {n} further journey types are left out (see the table).",
    "journey_alt": "Journey chart of {journey_type}",
    "journey_axis": "Minutes since arrival",
    "journey_bar": "from {start} min, {minutes} min",
    "h_handover": "Where residents go next",
    "handover_text": (
        "Rows are the department a resident leaves, columns the department they go to next; "
        "values count these moves."
    ),
    "col_from_to": "From \\ to",
    # KPIs
    "kpis_text": (
        "Baselines of the indicators that measure the effect of the reform. The city sets the "
        "targets and how often to measure."
    ),
    "h_kpi_backoffice": "Back-office indicators (from the logs)",
    "h_kpi_journeys": "Journey indicators",
    "kpi_journeys_text": (
        "Over all journeys; medians per life event are in the resident journeys section."
    ),
    "col_kpi": "Indicator",
    "col_baseline": "Baseline",
    "col_how_measured": "How it is computed",
    "col_n": "n",
    "col_mean": "Mean",
    "col_median": "Median",
    "col_iqr": "Interquartile range (25%–75%)",
    "kpi_forms_per_journey": "Forms written per journey",
    "kpi_fields_written_again_per_journey": "Fields written again per journey",
    "kpi_waiting_minutes_per_visit": "Minutes waiting per visit",
    "kpi_minutes_on_site_per_visit": "Minutes on site per visit",
    "kpi_identity_checks_per_journey": "Identity checks per journey",
    "kpi_counters_per_visit": "Counters per visit",
    "kpi_back_and_forth_per_visit": "Returns to a counter per visit",
    "kpi_hand_offs_per_visit": "Moves between counters per visit",
    "kpi_visits_per_journey": "Visits per journey",
    "kpi_revisits_per_journey": "Return visits per journey",
    "kpi_redundant": "Redundant executions of duplicated work per year",
    "kpi_redundant_how": (
        "executions of a duplicate cluster's activities repeated for the same resident within "
        "{window} days"
    ),
    "kpi_staff_hours": "Staff hours of duplicated work per year",
    "kpi_staff_hours_how": "redundant executions × handling minutes (steps staff perform)",
    "kpi_resident_hours": "Resident hours of duplicated work per year",
    "kpi_resident_hours_how": (
        "redundant executions × minutes (forms residents write, waits after queue tickets)"
    ),
    "kpi_recaptured": "Values re-captured from other departments per year",
    "kpi_recaptured_how": "values of a field entered outside the department of its reference copy",
    "kpi_inconsistency": (
        "Inconsistency of held fields (highest, copies compared on 30 residents or more; "
        "not phones, accounts, e-mail, of which a resident may have several)"
    ),
    "kpi_inconsistency_how": "highest share of residents whose values differ between departments",
    "col_worst_copy": "Inconsistency (worst copy compared on 30 residents or more)",
    "unit_times": "{value} times",
    "unit_values": "{value} values",
    # candidates (more)
    "col_staff_hours_saved": "Staff",
    "col_resident_hours_saved": "Residents",
    "col_fte_saved": "FTE",
    "col_cost": "Staff cost (yen/year)",
    "col_lead": "Lead activity",
    "activity_in_depts": "{activity} ({n} departments)",
    "method_small_groups": (
        "Small groups: in the journey tables of this report and of report.xlsx, journey types "
        'and life events with fewer than {min} journeys are merged into one row, "Other (N '
        'journeys)", whose medians are computed over the merged journeys (left blank when '
        "even the merged row has fewer than {min}; no typical journey is shown for them). "
        "journeys.csv, kpis.csv and findings.json are not merged."
    ),
    # appendix
    "appendix_text": "Rows read per input file, rows dropped by reason, and the column mapping.",
    "accounting_summary": (
        "Rows read: {read}; loaded: {loaded}; dropped: {dropped} (per file in the appendix)."
    ),
}

#: Sheet names and column headers of report.xlsx, merged into the strings below.
_XL: dict[str, tuple[str, str]] = {
    "xl_sheet_summary": ("概要", "Summary"),
    "xl_sheet_workload": ("業務量", "Workload"),
    "xl_sheet_duplicates": ("重複業務", "Duplicates"),
    "xl_sheet_clusters": ("重複クラスタ", "Clusters"),
    "xl_sheet_silos": ("データ保有", "Data holdings"),
    "xl_sheet_candidates": ("集約候補", "Candidates"),
    "xl_sheet_journeys": ("行程", "Journeys"),
    "xl_sheet_kpis": ("KPI", "KPIs"),
    "xl_sheet_accounting": ("読込行数", "Rows read"),
    "xl_sheet_mapping": ("列対応", "Column mapping"),
    "xl_item": ("項目", "Item"),
    "xl_value": ("値", "Value"),
    "xl_cluster": ("クラスタ", "Cluster"),
    "xl_clusters": ("根拠のクラスタ", "Clusters it rests on"),
    "xl_label_similarity": ("業務名の類似度", "Label similarity"),
    "xl_field_similarity": ("データ項目の類似度", "Field similarity"),
    "xl_shared_fields": ("共通のデータ項目", "Shared fields"),
    "xl_context_similarity": ("前後の業務の類似度", "Context similarity"),
    "xl_duration_similarity": ("処理時間の類似度", "Duration similarity"),
    "xl_departments_in_group": ("保有課数", "Departments holding"),
    "xl_linkage": ("本人の照合方法", "Linkage"),
    "xl_matched_by": ("判定方法", "Matched by"),
    "xl_shared_persons": ("比較できた住民数", "Residents compared"),
    "xl_executions_per_year": ("実行回数（年間）", "Executions per year"),
    "xl_redundant_executions_per_year": ("重複実行回数（年間）", "Redundant executions per year"),
    "xl_minutes_per_execution": ("1回当たり時間（分）", "Minutes per execution"),
    "xl_staff_hours_per_year": ("職員時間（年間）", "Staff hours per year"),
    "xl_resident_hours_per_year": ("住民の時間（年間）", "Resident hours per year"),
    "xl_kind": ("種類", "Kind"),
    "xl_effort": ("難易度", "Effort"),
    "xl_whatif": ("試算：行程KPIの変化", "What-if: journey KPIs before → after"),
    "xl_lead": ("主な業務", "Lead activity"),
    "xl_n_departments": ("関係課数", "Departments (n)"),
    "xl_order": ("順番", "Order"),
    "xl_visit": ("来庁", "Visit"),
    "xl_share": ("この順路の割合", "Share following this route"),
    "journey_all": ("全体", "all journeys"),
    "xl_arrival": ("来庁からの経過（分）", "Minutes since arrival"),
    "xl_minutes": ("滞在（分）", "Minutes spent"),
    "xl_p25": ("25%点", "25th percentile"),
    "xl_p75": ("75%点", "75th percentile"),
    "xl_area": ("区分", "Area"),
}
_JA["lang"], _EN["lang"] = "ja", "en"
_JA.update({k: v[0] for k, v in _XL.items()})
_EN.update({k: v[1] for k, v in _XL.items()})

#: Field types (procmine.fields) and candidate kinds (procmine.candidates), for display.
_CODES: dict[str, tuple[str, str]] = {
    "ftype_name": ("氏名", "name"),
    "ftype_kana": ("カナ", "kana (reading)"),
    "ftype_birth_date": ("生年月日", "date of birth"),
    "ftype_sex": ("性別", "sex"),
    "ftype_address": ("住所", "address"),
    "ftype_phone": ("電話番号", "phone"),
    "ftype_my_number": ("個人番号", "My Number"),
    "ftype_bank_account": ("口座", "bank account"),
    "ftype_income": ("所得", "income"),
    "ftype_postal_code": ("郵便番号", "postal code"),
    "ftype_email": ("メールアドレス", "email"),
    "ftype_date": ("日付", "date"),
    "ftype_id": ("番号", "identifier"),
    "ftype_amount": ("金額", "amount"),
    "ftype_category": ("区分", "category"),
    "ftype_text": ("文字列", "text"),
    "ftype_unknown": ("不明", "unknown"),
    "kind_queue": ("発券・受付", "queue ticket"),
    "kind_guidance": ("案内", "guidance"),
    "kind_certificate": ("証明書", "certificate"),
    "kind_check": ("確認", "check"),
    "kind_identity": ("本人確認（身元・個人番号）", "identity check (identity and My Number)"),
    "kind_form": ("記入", "form"),
    "kind_rekey": ("二重入力", "re-keying"),
    "kind_silo": ("データ保有", "data silo"),
    "kind_mynumber": ("個人番号確認", "My Number check"),
    "kind_inquiry": ("庁内照会", "internal inquiry"),
    "kind_batch": ("自動処理", "batch step"),
    "kind_account": ("口座登録", "account registration"),
    # priority themes (重点取組事項) of the national 自治体DX推進計画 (procmine.candidates.DX_THEMES)
    "dx_frontyard": ("自治体フロントヤード改革の推進", "front-yard (counter) reform"),
    "dx_standardization": (
        "自治体の情報システムの標準化・共通化",
        "standardisation of municipal information systems",
    ),
    "dx_mynumber_card": ("マイナンバーカードの普及促進・利用の推進", "use of the My Number Card"),
    "dx_ai_rpa": ("自治体のAI・RPAの利用推進", "AI and RPA"),
    "col_dx_theme": ("DX推進計画の重点取組", "DX plan priority theme"),
    "drop_blank_line": ("空行", "blank line"),
    "drop_missing_case": ("ケースIDなし", "missing case"),
    "drop_missing_activity": ("業務名なし", "missing activity"),
    "drop_missing_timestamp": ("日時なし", "missing timestamp"),
    "drop_unparsable_timestamp": ("日時を読めない", "unparsable timestamp"),
    "drop_too_many_fields": ("列数が見出しより多い", "more fields than the header"),
    "drop_duplicate_row": ("全列が既出の行と同じ（重複出力）", "duplicate row"),
    "drop_merged_lifecycle_row": (
        "開始行と1件にまとめた完了行",
        "completion row merged with its start row",
    ),
    "drop_other_lifecycle_transition": (
        "開始・完了以外の状態の行",
        "row of another lifecycle transition",
    ),
    "opt_inputs": ("入力", "inputs"),
    "opt_lang": ("言語", "language"),
    "opt_window_days": ("重複とみなす間隔（日）", "repeat window (days)"),
    "opt_period_days": ("ログの期間（日）", "period of the logs (days)"),
    "opt_hours_per_fte": ("1人工の年間時間", "hours per FTE"),
    "opt_hourly_rate": ("人件費の時間単価（円）", "hourly staff cost (yen)"),
    "opt_top": ("表示する集約候補の数", "candidates kept"),
    "opt_stable_pseudonyms": (
        "仮名を実行間で固定（--salt）",
        "pseudonyms stable across runs (--salt)",
    ),
    "opt_threshold": ("重複と判定するスコアのしきい値", "duplicate score threshold"),
    "opt_yes": ("はい", "yes"),
    "opt_no": ("いいえ", "no"),
    "opt_none": ("なし", "none"),
    "opt_top_all": ("なし（全件）", "none (all)"),
    "opt_period_used": (
        "指定なし（ケースが始まった期間 {days}日を使用）",
        "not set (the {days} days over which the cases started were used)",
    ),
    "lang_ja": ("日本語", "Japanese"),
    "lang_en": ("英語", "English"),
    # the assumption of a candidate (procmine.candidates: _assumption and the silo rows),
    # one template per form (the English ones say "reference copy" where candidates.csv says
    # "authoritative"); a text with a part of an unknown form is shown in English as it is
    "asm_sep": ("；", "; "),
    "asm_window": (
        "同じ住民に{days}日以内の繰り返しを重複とみなす",
        "repeat for the same resident within {days} days is redundant",
    ),
    "asm_inquiry": (
        "庁内照会は全て重複とみなす（情報連携で置き換わる）",
        "every inquiry is redundant (data linkage replaces it)",
    ),
    "asm_rekey": (
        "他課が基準の値を保有するデータの二重入力は全て重複とみなす（情報連携で置き換わる）",
        "every re-keying of data whose reference copy another department keeps is redundant "
        "(data linkage replaces it)",
    ),
    "asm_elsewhere": ("それ以外では{rule}", "elsewhere a {rule}"),
    "asm_median": ("1回当たり時間は処理時間の中央値", "median handling time"),
    "asm_period_days": ("期間{days}日を年間に換算", "period {days} days extrapolated to a year"),
    "asm_period": ("期間を年間に換算", "period extrapolated to a year"),
    "asm_silo_minutes": (
        "基準の課以外で、重複業務クラスタに含まれない業務が入力した値1件につき{minutes}分"
        "（クラスタの業務が入力した値はそのクラスタで計上）",
        "{minutes} min per value re-captured outside the reference copy by steps in no "
        "duplicate cluster (those are counted there)",
    ),
    "asm_silo": ("データ保有「{field}」：{rule}", "silo {field}: {rule}"),
    "asm_untimed": (
        "年{redundant}回の重複実行のうち{untimed}回は処理時間が計測されていない（終了時刻がない）ため"
        "0時間として計上",
        "{untimed} of {redundant} redundant executions a year have no measured handling time "
        "and count 0 h",
    ),
    "asm_silo_untimed": (
        "年{values}件の値のうち{untimed}件は処理時間が計測されていない業務で入力されたため0時間として計上",
        "{untimed} of {values} values a year are captured by steps without a measured handling "
        "time and count 0 h",
    ),
    "asm_capped": (
        "対象業務の計測された処理時間の合計を上限とする",
        "capped at the steps' measured handling time",
    ),
    # the basis of a candidate (procmine.candidates)
    "bas_sep": ("；", "; "),
    "bas_list_sep": ("、", ", "),
    "bas_cluster": ("重複クラスタ C{cluster}", "duplicate cluster {cluster}"),
    "bas_clusters": ("重複クラスタ {items}", "duplicate clusters {items}"),
    "bas_cluster_hours": ("C{cluster}（{hours}時間）", "{cluster} ({hours} h)"),
    "bas_silo_held": ("データ保有「{field}」（{n}課）", "silo {field} ({n} departments)"),
    "bas_silo_columns": ("データ保有「{field}」：{columns}", "silo {field}: {columns}"),
    # the simulated KPI changes of a candidate (procmine.analysis: whatif)
    "wi_sep": ("；", "; "),
    "wi_item": ("{kpi} {before}→{after}{change}", "{kpi} {before}→{after}{change}"),
    "wi_change": ("（{pct}）", " ({pct})"),
    "kpi_staff_hours_per_journey": (
        "職員の処理時間（時間・行程当たり）",
        "Staff hours per journey",
    ),
}
_JA.update({k: v[0] for k, v in _CODES.items()})
_EN.update({k: v[1] for k, v in _CODES.items()})

# Loader warnings (procmine.io.messages.Notice): ``warn_<code>`` per code, and the words of
# their parameters (``notice_…``). The English templates give the very text procmine.io
# prints (tests/test_bad_inputs.py checks it); values in them are already made safe.
_NOTICES: dict[str, tuple[str, str]] = {
    "warn_skipped": ("{place}: 読み込みませんでした（{why}）", "{place}: skipped ({why})"),
    "warn_headers_renamed": (
        "{place}: 重複していた列名を変更しました（{renamed}）",
        "{place}: repeated column names were renamed: {renamed}",
    ),
    "warn_title_lines": (
        "{place}: 見出し（{header}行目）の上の表題行{count}行を読み飛ばしました",
        "{place}: {count} title line(s) above the header (line {header}) were skipped",
    ),
    "warn_too_many_fields": (
        "{place}: 見出し（{columns}列）より項目の多い行が{count}行あり、除外しました"
        "（{lines}行目{more}）。{sep}を含む値は引用符で囲んでください",
        "{place}: {count} rows have more fields than the {columns} columns of the header and "
        "were dropped (lines {lines}{more}) — quote values that contain a {sep}",
    ),
    "warn_long_record": (
        "{place}: 1件のレコードが{first}～{last}行目にわたっています（引用符で囲まれた値に"
        '改行が多く含まれています）。行が欠けている場合は、閉じられていない引用符（"）が'
        "ないか確認してください",
        "{place}: one record spans lines {first}–{last} (a quoted value holds many line "
        'breaks); if rows are missing, look for an unbalanced quote (")',
    ),
    "warn_wide_case_table": (
        "{place}: 1件1行で{count}段階の日付（{columns}）を持つ一覧のため、日付のある段階ごとに1件の"
        "イベントとして読みました",
        "{place}: one row per case with the dates of {count} steps ({columns}): read as one "
        "event per dated step",
    ),
    "warn_register_file": (
        "{place}: 1人1行で処理の列がないため台帳として読みました（列は他のシステムの写しと比べ、"
        "イベントにはしません）",
        "{place}: one row per resident and no column of steps: read as a register, its columns "
        "compared with the other systems' copies (no events)",
    ),
    "warn_wide_bad_dates": (
        "{place}: 列「{column}」の{count}件の値が日付として読めないため、その段階を除きました",
        "{place}: {count} values of {column} are not dates; those steps were left out",
    ),
    "warn_excel_serial_times": (
        "{place}: 列「{column}」の{count}件の値をExcelのシリアル値（1899-12-30からの日数）として"
        "日時に読みました",
        "{place}: {count} values of {column} were read as Excel serial dates (days since "
        "1899-12-30)",
    ),
    "warn_unix_times": (
        "{place}: 列「{column}」の{count}件の値をUnix時間（1970-01-01 UTCからの秒またはミリ秒）として"
        "日本時間の日時に読みました",
        "{place}: {count} values of {column} were read as Unix times (seconds or milliseconds "
        "since 1970-01-01 UTC), in Japan time (Asia/Tokyo)",
    ),
    "warn_bad_timestamps": (
        "{place}: 列「{column}」の値{count}件が日時として読めないため、その行を除外しました"
        "（{samples}{more}）",
        "{place}: {count} values of {column} are not dates/times; their rows were dropped "
        "({samples}{more})",
    ),
    "warn_duplicate_row_dropped": (
        "{place}: 全列が既出の行と同じ行が{count}行あり、除外しました（{pairs}{more}）",
        "{place}: {count} row repeats an earlier row in every column and was dropped "
        "({pairs}{more})",
    ),
    "warn_duplicate_rows_dropped": (
        "{place}: 全列が既出の行と同じ行が{count}行あり、除外しました（{pairs}{more}）",
        "{place}: {count} rows repeat an earlier row in every column and were dropped "
        "({pairs}{more})",
    ),
    "warn_duplicate_row_kept": (
        "{place}: 全列が既出の行と同じ行が{count}行ありますが、除外せずに残しました（{pairs}{more}）",
        "{place}: {count} row repeats an earlier row in every column; it was kept ({pairs}{more})",
    ),
    "warn_duplicate_rows_kept": (
        "{place}: 全列が既出の行と同じ行が{count}行ありますが、除外せずに残しました（{pairs}{more}）",
        "{place}: {count} rows repeat an earlier row in every column; they were kept "
        "({pairs}{more})",
    ),
    "warn_rows_dropped": (
        "{place}: {total}行のうち{count}行を除外しました（{detail}）",
        "{place}: dropped {count} of {total} rows ({detail})",
    ),
    "warn_bad_end_times": (
        "{place}: 終了日時の列「{column}」の値{count}件が日時として読めないため、空欄としました"
        "（{samples}{more}）",
        "{place}: {count} values of {column} (end) are not dates/times and were left empty "
        "({samples}{more})",
    ),
    "warn_department_missing": (
        "{place}: 課の列「{column}」が空欄の行が{count}行あり、課「{fallback}」に含めました",
        "{place}: {count} rows have no {column} (department); they were put in department "
        "'{fallback}'",
    ),
    "warn_data_columns_renamed": (
        "{place}: 標準の列と同じ名前のデータ列の名前を変更しました（{renamed}）",
        "{place}: data columns named like standard columns were renamed: {renamed}",
    ),
    "warn_models_unreadable": (
        "{place}: この環境ではプロセスモデルを読み込めないため、読み込みませんでした（{error}）",
        "{place}: skipped; process models cannot be read here ({error})",
    ),
    "warn_model_name_taken": (
        "{place}: 同じ名前のモデルが他にあるため、「{name}」として扱いました",
        "{place}: another model has the same name; keyed as '{name}'",
    ),
    "warn_model_no_activities": (
        "{place}: 名前の付いたタスクがないため、読み込みませんでした（名前のないタスク、"
        "ゲートウェイ、プレースは業務として扱いません）。タスクに名前を付けてください",
        "{place}: skipped; the model has no named activities (unnamed tasks, gateways and "
        "places are not activities) — name its tasks",
    ),
    "warn_header_controls": (
        "{place}: 列名に制御文字が含まれていたため、U+FFFD（�）に置き換えました。"
        "出力元で見出しを修正してください",
        "{place}: column names held control characters; they were replaced by U+FFFD (�) — "
        "clean the header of the export",
    ),
    "warn_value_controls": (
        "{place}: 制御文字を含む値が{count}件あり、U+FFFD（�）に置き換えました"
        "（最初は列「{column}」の{char}）",
        "{place}: {count} values held control characters (first {char} in column '{column}'); "
        "they were replaced by U+FFFD (�)",
    ),
    # the words of the parameters
    "notice_line": ("{n}行目", "line {n}"),
    "notice_row": ("{n}行目", "row {n}"),
    "notice_event": ("{n}件目のイベント", "event {n}"),
    "notice_repeat": ("{row} = {first}", "{row} = {first}"),
    "notice_sample": ("{row}: 「{value}」", "{row}: '{value}'"),
    "notice_dropped": ("{reason}{count}行", "{count} {reason}"),
    "notice_more": ("ほか{n}件", " and {n} more"),
    "notice_hidden": ("隠しファイルまたは一時ファイル", "hidden or temporary file"),
    "notice_broken_link": ("リンク切れのシンボリックリンク", "broken symbolic link"),
    "notice_not_file": ("通常のファイルではありません", "not a regular file"),
    "notice_tab": ("タブ", "tab"),
    "notice_comma": ("カンマ", "comma"),
    "notice_semicolon": ("セミコロン", "semicolon"),
    "notice_pipe": ("「|」", "'|'"),
    # loader warnings added with the bad-input probe (procmine.io)
    "warn_unread_export": (
        "{place}: このフォルダーのファイル1件を読み込みませんでした（{what}、*{suffix}）。{todo}",
        "{place}: 1 file in this folder was not read: {what} (*{suffix}) — {todo}",
    ),
    "warn_unread_exports": (
        "{place}: このフォルダーのファイル{count}件を読み込みませんでした（いずれも{what}、"
        "*{suffix}）。{todo}",
        "{place}: {count} files in this folder were not read, each {what} (*{suffix}) — {todo}",
    ),
    "notice_workbook": ("表計算ソフトのブック", "a spreadsheet workbook"),
    "notice_workbook_todo": (
        "シートをCSV（UTF-8）で保存してください",
        "save the sheet as CSV (UTF-8)",
    ),
    "notice_compressed": ("圧縮ファイル", "a compressed file"),
    "notice_compressed_todo": ("フォルダーに展開してください", "decompress it into the folder"),
    "notice_archive": ("アーカイブ", "an archive"),
    "notice_archive_todo": (
        "ファイルをフォルダーに取り出してください",
        "extract its files into the folder",
    ),
    "notice_plain_text": (
        "拡張子が .csv でも .tsv でもないテキストファイル",
        "a text file not named *.csv or *.tsv",
    ),
    "notice_plain_text_todo": (
        "イベントログであれば拡張子を .csv か .tsv に変更してください",
        "rename it to .csv or .tsv if it holds an event log",
    ),
    "notice_structured": (
        "JSONまたはXML（ここで読めるイベントログの形式ではありません）",
        "JSON or XML, not an event-log format read here",
    ),
    "notice_structured_todo": (
        "ログをCSVで出力してください（プロセスモデルは *.bpmn か *.pnml として読み込みます）",
        "export the log as CSV (a process model is read as *.bpmn or *.pnml)",
    ),
    "notice_database": ("データベースファイル", "a database file"),
    "notice_database_todo": ("ログをCSVで出力してください", "export the log as CSV"),
    "warn_joined_lines": (
        "{place}: 引用符で囲まれた値が{first}～{last}行目にわたり、1行として読み込まれました。"
        "そのうち{whole}行は区切り文字を{delimiters}個含み、1件のレコードのように見えます。"
        '{first}行目{more}に閉じられていない引用符（"）がないか確認してください',
        "{place}: a quoted value runs over lines {first}–{last}, which were read as one row, "
        "and {whole} of these lines look like whole records (each holds the {delimiters} "
        'delimiters of a row) — look for an unbalanced quote (") on line {first}{more}',
    ),
    "warn_times_of_day_unpaired": (
        "{place}: {role}の列「{column}」は日付だけで、時刻だけの列（{times}）のどれと組み合わせる"
        "かが定まらないため、時刻を加えませんでした。所要時間と作業時間は求められません。"
        "各イベントの日付と時刻を出力元で1つの列にまとめてください",
        "{place}: column {column} ({role}) holds dates only, and it is not sure which of the "
        "columns of times of day ({times}) completes it; no time was added, so durations "
        "cannot be measured — put the date and the time of each event in one column of the "
        "export",
    ),
    "warn_times_of_day_partial": (
        "{place}: {role}の列「{column}」は日付だけで、組み合わせる時刻の列が定まらないため、"
        "{paired_role}の列「{paired}」にも「{time}」の時刻を加えませんでした。処理時間は"
        "求められません。各イベントの日付と時刻を出力元で1つの列にまとめてください",
        "{place}: column {column} ({role}) holds dates only and no column of times of day is "
        "sure to complete it, so the time of day in {time} was not added to {paired} "
        "({paired_role}) either; handling times cannot be measured — put the date and the "
        "time of each event in one column of the export",
    ),
    "notice_role_timestamp": ("日時", "timestamp"),
    "notice_role_end": ("終了日時", "end"),
    "warn_end_before_start": (
        "{place}: 終了日時（{end}）が開始日時（{start}）より前の行が{count}行あり、その処理時間は"
        "数えていません（{rows}{more}）。出力元で2つの列を確認してください",
        "{place}: {count} rows end before they start ({end} is earlier than {start}); their "
        "handling time is not counted ({rows}{more}) — check the two columns in the export",
    ),
    "warn_end_before_start_one": (
        "{place}: 終了日時（{end}）が開始日時（{start}）より前の行が1行あり、その処理時間は"
        "数えていません（{rows}{more}）。出力元で2つの列を確認してください",
        "{place}: 1 row ends before it starts ({end} is earlier than {start}); its handling "
        "time is not counted ({rows}{more}) — check the two columns in the export",
    ),
    "warn_person_keys_apart": (
        "{place}: 住民の番号（{column}）が他のファイルの番号とほとんど一致しません（住民の{share}）。"
        "同じ住民番号か（接頭辞・検査数字の有無）を確認するか、--person または procmine.toml で"
        "正しい列を指定してください（他の課の番号とほとんど一致しない課は、同じ番号（個人番号）を持つ他のシステムの"
        "列があればそれで、なければ氏名と生年月日で住民を照合します）",
        "{place}: its person keys ({column}) match almost none of the other files' ({share} of "
        "its residents) — check that they are the same resident numbers (prefixes, check "
        "digits), or name the right column with --person or in procmine.toml; a department whose keys "
        "match almost none of the others' is linked through another system's column of the same "
        "numbers (個人番号) where one keeps them, else by name and birth date",
    ),
    "warn_shared_case_ids": (
        "{place}: 同じ課（{department}）で列の異なるファイル{other}と{count}件の案件番号が"
        "共通しているため、共通する番号のイベントを1つの案件にまとめました。別のシステムの"
        "ファイルであれば、procmine.toml でどちらかに別の課を指定してください",
        "{place}: shares {count} case ids with {other}, a file of the same department "
        "({department}) with other columns; the events of each shared id were merged into one "
        "case — if the two files come from different systems, give one of them its own "
        "department in procmine.toml",
    ),
}
_JA.update({k: v[0] for k, v in _NOTICES.items()})
_EN.update({k: v[1] for k, v in _NOTICES.items()})

STRINGS: dict[str, dict[str, str]] = {"ja": _JA, "en": _EN}

#: Keys of the structural headings (the same in every language, checked by the tests).
HEADING_KEYS: tuple[str, ...] = tuple(k for k in _JA if k.startswith("h_")) + ("title", "toc")


def strings(lang: str) -> dict[str, str]:
    """Return the UI strings for ``lang``.

    Parameters
    ----------
    lang : {"ja", "en"}
        Language of the report.

    Returns
    -------
    dict[str, str]
        Key → template.

    Raises
    ------
    ConfigError
        If ``lang`` is not one of :data:`LANGS`.

    Examples
    --------
    >>> strings("en")["no_duplicates"]
    'No duplicates found.'
    """
    try:
        return STRINGS[lang]
    except KeyError:
        raise ConfigError(
            f"unknown report language {lang!r}; use one of: {', '.join(LANGS)}"
        ) from None


__all__ = ["HEADING_KEYS", "LANGS", "STRINGS", "Lang", "strings"]
