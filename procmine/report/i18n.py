"""Every word procmine's report shows, one dict per language.

The report never mixes languages in its own wording: :data:`STRINGS` holds one dict for
Japanese (``"ja"``, the default) and one for English (``"en"``) with the same keys. Values
taken from the input (department names, activity labels, column headers) are shown as they
are, in whatever language they were written.

Strings are :meth:`str.format` templates with named fields.

Examples
--------
>>> strings("en")["h_summary"]
'1. Summary'
>>> strings("ja")["h_summary"]
'1. 調査概要と主な結果'
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
    "more_items": "ほか{n}項目",
    "sort_hint": "列見出しをクリックすると並べ替えられます。",
    # section headings (h2)
    "h_summary": "1. 調査概要と主な結果",
    "h_scope": "2. 調査範囲とデータの取扱い",
    "h_maps": "3. 現状業務フロー（As-Is）",
    "h_duplicates": "4. 重複業務一覧",
    "h_silos": "5. データ保有マトリクス（データのサイロ化）",
    "h_candidates": "6. 集約候補と効果試算",
    "h_method": "7. 分析手法と前提",
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
    "stat_hours": "重複業務の時間（年間・推計）",
    "stat_hours_note": "約{fte}人工",
    "stat_silos": "複数課が保有するデータ項目",
    "stat_silos_note": "うち不整合あり {inconsistent}項目",
    "stat_candidates": "集約候補",
    "summary_text": (
        "{departments}課の{events}件のイベント（{period}）を分析し、重複業務クラスタを{clusters}件、"
        "複数の課が別々に保有するデータ項目を{silos}件検出しました。"
        "集約候補{candidates}件の効果試算は合計で年間{hours}時間（約{fte}人工）です。"
    ),
    "top_candidate": "{rank}. {title}（{principle}・年間{hours}時間）",
    "no_candidates": "集約候補はありません。",
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
    "col_period": "期間",
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
    "role_data": "データ項目",
    "how_option": "指定",
    "how_config": "設定ファイル",
    "how_header": "列名から判定",
    "how_values": "値から推定",
    "duration_end": "終了時刻から",
    "duration_next_event": "次のイベントまでの時間",
    "duration_none": "算出なし",
    "no_warnings": "注意事項はありません。",
    "no_data": "データがありません。",
    # maps
    "maps_text": (
        "課ごとに、業務（ノード）とその順序（矢印）を示します。ノードには件数と1件当たり処理時間の"
        "中央値、矢印には遷移の件数を示し、線の太さは件数に比例します。"
        "重複業務は同じクラスタを同じ色で塗り、クラスタ番号（C1 など）を添えています。"
    ),
    "map_caption": (
        "{department}：{events}件・{cases}ケース・{activities}業務（処理時間：{duration}）"
    ),
    "map_alt": "{department}の業務フロー図",
    "map_node_stats": "{events}件・中央値{minutes}分",
    "map_node_events": "{events}件",
    "map_dup": "重複 C{cluster}",
    "map_start": "開始",
    "map_end": "終了",
    "map_hidden_edges": (
        "件数 {floor} 未満の遷移 {hidden}本を非表示（全{total}本中{shown}本を表示）"
    ),
    "map_hidden_nodes": ("件数の少ない業務 {hidden}件を非表示（全{total}業務中{shown}業務を表示）"),
    "col_activity": "業務",
    "col_median_minutes": "処理時間中央値（分）",
    "col_total_hours": "合計時間",
    "col_performer": "実施者",
    "col_fields": "扱うデータ項目",
    "col_cluster": "重複",
    "performer_resident": "住民",
    "performer_staff": "職員",
    "performer_system": "システム",
    "performer_external": "外部",
    "performer_unknown": "不明",
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
    # silos
    "silos_text": (
        "同じデータ項目（住所・氏名など）を複数の課が別々の列に保有している状況です。"
        "不整合率は、同じ本人について課の間で値が一致しない割合です（値そのものは示しません）。"
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
    "col_authoritative": "正とする課",
    "authoritative_yes": "正",
    "silo_cell": "{column}（不整合 {rate}）",
    # candidates
    "candidates_text": (
        "重複業務を集約した場合の削減時間（効果試算）です。各候補をフロントヤード改革の4原則"
        "（書かせない・待たせない・迷わせない・行かせない）に対応付けています。"
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
    "arith_full": "重複実行 年{redundant}回 × {minutes}分 ÷ 60 = {hours}時間",
    "arith_approx": "重複実行 年{redundant}回 × {minutes}分 ÷ 60 ≈ {hours}時間",
    "arith_inputs": "重複実行 年{redundant}回・1回{minutes}分",
    "arith_occurrences": "（年間{occurrences}件）",
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
        "処理時間：終了時刻があればその差、なければ同じケースの次のイベントまでの時間の中央値です"
        "（課ごとの算出方法は「対象課」の表に記載）。|"
        "重複業務：異なる課の業務の組ごとに、業務名・扱うデータ項目・前後の業務・実施者・処理時間の"
        "類似度からスコアを求め、しきい値以上の組をクラスタにまとめました。|"
        "データのサイロ化：同じデータ項目を保有する列を課ごとに対応付け、同じ本人について値が一致しない"
        "割合を不整合率としました（表記ゆれのみの差は別に数えています）。|"
        "効果試算：削減時間 = 年間の重複実行回数 × 1回当たり処理時間 ÷ 60。"
        "人工は年間{hours_per_fte}時間を1人工として換算しました（前提）。|"
        "個人データ：住民の値（氏名・住所・生年月日など）は本報告書と出力ファイルに含めていません。"
        "列名・業務名・課名・件数・比率のみを示しています。"
    ),
    "options_none": "既定の設定で分析しました。",
    "col_option": "設定",
    "col_value": "値",
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
    "sort_hint": "Click a column heading to sort.",
    # section headings (h2)
    "h_summary": "1. Summary",
    "h_scope": "2. Scope and data accounting",
    "h_maps": "3. As-Is process maps",
    "h_duplicates": "4. Duplicated work",
    "h_silos": "5. Data silos (field × department)",
    "h_candidates": "6. Consolidation candidates and estimated savings",
    "h_method": "7. Method and assumptions",
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
    "stat_hours": "Redundant work (hours/year, est.)",
    "stat_hours_note": "about {fte} FTE",
    "stat_silos": "Fields held by several departments",
    "stat_silos_note": "with inconsistent values: {inconsistent}",
    "stat_candidates": "Consolidation candidates",
    "summary_text": (
        "Events analysed: {events} from {departments} departments ({period}). "
        "Clusters of duplicated work found: {clusters}. Fields held separately by several "
        "departments: {silos}. Estimated savings of all consolidation candidates "
        "({candidates}): {hours} hours a year (about {fte} FTE)."
    ),
    "top_candidate": "{rank}. {title} ({principle}, {hours} hours/year)",
    "no_candidates": "No consolidation candidates.",
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
    "col_period": "Period",
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
    "role_data": "data columns",
    "how_option": "option",
    "how_config": "config file",
    "how_header": "header name",
    "how_values": "guessed from values",
    "duration_end": "end timestamps",
    "duration_next_event": "time to next event",
    "duration_none": "not available",
    "no_warnings": "No warnings.",
    "no_data": "No data.",
    # maps
    "maps_text": (
        "One map per department: activities (boxes) and the order they follow (arrows). "
        "Boxes show the number of events and the median minutes per event; arrows show how "
        "often one activity directly follows another, with line width growing with the count. "
        "Duplicated activities are filled in one colour per cluster and marked with the "
        "cluster number (C1 …)."
    ),
    "map_caption": (
        "{department}: {events} events, {cases} cases, {activities} activities "
        "(durations from {duration})"
    ),
    "map_alt": "Process map of {department}",
    "map_node_stats": "{events} events · median {minutes} min",
    "map_node_events": "{events} events",
    "map_dup": "dup. C{cluster}",
    "map_start": "start",
    "map_end": "end",
    "map_hidden_edges": (
        "{hidden} transitions seen fewer than {floor} times are hidden ({shown} of {total} shown)"
    ),
    "map_hidden_nodes": "{hidden} less frequent activities are hidden ({shown} of {total} shown)",
    "col_activity": "Activity",
    "col_median_minutes": "Median minutes",
    "col_total_hours": "Total hours",
    "col_performer": "Performed by",
    "col_fields": "Fields filled",
    "col_cluster": "Duplicate",
    "performer_resident": "resident",
    "performer_staff": "staff",
    "performer_system": "system",
    "performer_external": "external",
    "performer_unknown": "unknown",
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
    # silos
    "silos_text": (
        "The same field (address, name …) kept by several departments in columns of their "
        "own. The inconsistency rate is the share of persons whose values differ between "
        "departments (the values themselves are not shown)."
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
    "col_authoritative": "Authoritative",
    "authoritative_yes": "yes",
    "silo_cell": "{column} (inconsistent {rate})",
    # candidates
    "candidates_text": (
        "Hours a year saved if the duplicated work were consolidated. Each candidate is mapped "
        "to a principle of the front-yard reform: 書かせない (no re-writing), 待たせない "
        "(no waiting), 迷わせない (no getting lost), 行かせない (no trips to the counter)."
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
    "arith_full": "{redundant} redundant executions/year × {minutes} min ÷ 60 = {hours} h",
    "arith_approx": "{redundant} redundant executions/year × {minutes} min ÷ 60 ≈ {hours} h",
    "arith_inputs": "{redundant} redundant executions/year, {minutes} min each",
    "arith_occurrences": " (of {occurrences} a year)",
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
        "Durations: the median of end − start where end times exist, otherwise the time to the "
        "case's next event (the basis per department is in the Departments table).|"
        "Duplicated work: every pair of activities in different departments is scored on the "
        "similarity of labels, fields filled, neighbouring activities, performer and duration; "
        "pairs above the threshold are grouped into clusters.|"
        "Data silos: columns holding the same field are matched across departments; the "
        "inconsistency rate is the share of persons whose values differ (differences of format "
        "only are counted separately).|"
        "Savings: hours saved = redundant executions per year × minutes per execution ÷ 60. "
        "FTE assumes {hours_per_fte} working hours per person-year (assumption).|"
        "Personal data: no resident values (names, addresses, dates of birth …) appear in this "
        "report or its files; only column names, activity and department names, counts and "
        "rates."
    ),
    "options_none": "The analysis ran with default options.",
    "col_option": "Option",
    "col_value": "Value",
}

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


__all__ = ["HEADING_KEYS", "LANGS", "Lang", "STRINGS", "strings"]
