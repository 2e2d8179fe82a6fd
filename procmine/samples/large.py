"""A large synthetic city for scale tests: 1M, 5M, 20M events, streamed to Parquet.

The case-by-case generator of 光陽市 (:mod:`procmine.samples.generator`) follows every
resident through every counter; it is faithful but it holds the whole city in memory and
needs minutes per 100k events. This one is vectorised numpy: ten department systems ×
30 activities, one Parquet file per department named after the department, written in
row groups of at most :data:`CHUNK_EVENTS` events, so memory stays bounded whatever the
size (≈ 1 GB at 20M events).

What it holds, so that every stage of ``procmine analyze`` has work:

- a resident key shared by all departments (``宛名番号`` / ``person id``), and residents
  visiting several departments;
- five steps every department has under the same or a slightly different label (番号札発行,
  申請書記入, 本人確認 / 本人確認（窓口）, 住所・氏名入力, 証明書交付: the duplicated work) and
  two that some share;
- six data columns (氏名, フリガナ, 生年月日, 住所, 電話番号 and one of the department's
  own) under each department's own header, in its own format, with stale copies (moved,
  this system not updated: 4–8 % of addresses, 3 % of phones);
- headers procmine recognises: 受付番号 / 処理内容 / 処理日時 / 担当者 / 宛名番号 in eight
  files, XES-style names in two.

Events within a row group are in time order (exports are, by time), not across row
groups. The same ``events`` and ``seed`` give the same files. The folder also gets the
marker :data:`procmine.samples.writer.MARKER` (a hidden file the loader does not read), by
which a later ``procmine sample`` recognises an earlier sample it may replace.

Examples
--------
>>> import tempfile, pathlib, pyarrow.parquet as pq
>>> with tempfile.TemporaryDirectory() as tmp:
...     info = generate(20_000, pathlib.Path(tmp))
...     rows = sum(pq.read_metadata(p).num_rows for p in pathlib.Path(tmp).glob("*.parquet"))
>>> rows == info["events"] and 19_000 < rows < 21_000
True
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

__all__ = ["CHUNK_EVENTS", "DEPARTMENTS", "SEED", "generate", "parse_events", "written_files"]

#: Default seed (the same as the sample city's).
SEED = 7
#: At most this many events are generated and written at a time (one Parquet row group).
CHUNK_EVENTS = 1_000_000

DEPARTMENTS: list[tuple[str, str, tuple[str, ...]]] = [
    # file stem (department), case prefix, topics of its own activities
    ("市民課", "SM", ("住民票", "転入届", "転出届", "印鑑登録", "戸籍証明")),
    ("保険年金課", "HN", ("国民健康保険", "国民年金", "高額療養費", "後期高齢者医療", "保険証")),
    (
        "子育て支援課",
        "KS",
        ("児童手当", "児童扶養手当", "保育所入所", "子ども医療費", "一時預かり"),
    ),
    ("税務課", "ZM", ("住民税", "固定資産税", "軽自動車税", "納税証明", "課税証明")),
    ("福祉課", "FK", ("障害者手帳", "生活保護", "補装具", "自立支援医療", "福祉タクシー")),
    ("介護保険課", "KH", ("要介護認定", "介護保険料", "住宅改修", "負担限度額", "ケアプラン")),
    ("健康推進課", "KK", ("予防接種", "健康診査", "母子手帳", "がん検診", "妊婦健診")),
    ("環境課", "KN", ("粗大ごみ", "犬の登録", "狂犬病予防", "浄化槽", "ごみ袋")),
    ("教育総務課", "KY", ("就学援助", "転校手続", "学童保育", "奨学金", "入学通知")),
    ("上下水道課", "JG", ("水道開栓", "水道閉栓", "名義変更", "下水道使用", "口座振替")),
]
VERBS = ("申請受付", "内容審査", "台帳入力", "決裁", "通知書発送")
# Five steps every department has (the duplicated work), two more that some share.
COMMON = ("番号札発行", "申請書記入", "本人確認", "住所・氏名入力", "証明書交付")
SHARED = ("手数料収納", "口座情報登録")
# Activity index → data columns filled: the resident's form, the clerk's entry, and the
# department's own register step.
CAPTURE_STEPS = (1, 3, 9)

KANA = np.array(
    [
        "サトウ",
        "スズキ",
        "タカハシ",
        "タナカ",
        "イトウ",
        "ワタナベ",
        "ヤマモト",
        "ナカムラ",
        "コバヤシ",
        "カトウ",
        "ヨシダ",
        "ヤマダ",
        "ササキ",
        "マツモト",
        "イノウエ",
        "キムラ",
        "ハヤシ",
        "シミズ",
    ]
)
SURNAME2 = np.array(
    [
        "佐藤",
        "鈴木",
        "高橋",
        "田中",
        "伊藤",
        "渡辺",
        "山本",
        "中村",
        "小林",
        "加藤",
        "吉田",
        "山田",
        "佐々木",
        "松本",
        "井上",
        "木村",
        "林",
        "清水",
    ]
)
GIVEN = np.array(
    ["太郎", "花子", "一郎", "陽子", "健", "美咲", "翔", "結衣", "大輔", "さくら", "誠", "由美"]
)
GIVEN_KANA = np.array(
    [
        "タロウ",
        "ハナコ",
        "イチロウ",
        "ヨウコ",
        "ケン",
        "ミサキ",
        "ショウ",
        "ユイ",
        "ダイスケ",
        "サクラ",
        "マコト",
        "ユミ",
    ]
)
TOWNS = np.array(
    [
        "本町",
        "栄町",
        "旭町",
        "緑町",
        "桜ケ丘",
        "東区青葉",
        "西区若葉",
        "南区港",
        "北区中央",
        "光が丘",
        "新町",
        "大通",
        "富士見",
        "日の出町",
        "松原",
    ]
)

# (case, activity, timestamp, resource, person) headers: Japanese or XES-style.
JA_ROLES = ("受付番号", "処理内容", "処理日時", "担当者", "宛名番号")
EN_ROLES = ("case:concept:name", "concept:name", "time:timestamp", "org:resource", "person id")
# Per data field, the header variants departments use.
HEADERS = {
    "name": (
        "氏名",
        "申請者氏名",
        "名前",
        "氏名",
        "届出人氏名",
        "氏名",
        "対象者氏名",
        "氏名",
        "name",
        "full name",
    ),
    "kana": (
        "フリガナ",
        "氏名カナ",
        "カナ氏名",
        "フリガナ",
        "ﾌﾘｶﾞﾅ",
        "カナ",
        "フリガナ",
        "氏名カナ",
        "kana",
        "kana name",
    ),
    "birth": (
        "生年月日",
        "生年月日",
        "誕生日",
        "生年月日",
        "生年月日",
        "生年月日",
        "生年月日",
        "生年月日",
        "birth date",
        "date of birth",
    ),
    "address": (
        "住所",
        "現住所",
        "住所",
        "住所",
        "届出住所",
        "住所",
        "住所",
        "設置場所住所",
        "address",
        "address",
    ),
    "phone": (
        "電話番号",
        "連絡先電話",
        "電話番号",
        "連絡先",
        "電話番号",
        "電話",
        "電話番号",
        "電話番号",
        "phone",
        "phone number",
    ),
}
OWN_COLUMN = (
    "証明書種別",
    "保険証番号",
    "児童氏名",
    "課税年度",
    "手帳番号",
    "介護度",
    "接種種別",
    "品目",
    "学校名",
    "水栓番号",
)


def _fmt_int(values: np.ndarray, width: int) -> np.ndarray:
    return np.strings.zfill(values.astype(np.int64).astype(str), width)


def _cat(*parts: np.ndarray | str) -> np.ndarray:
    out = np.asarray(parts[0])
    for p in parts[1:]:
        out = np.strings.add(out, np.asarray(p))
    return out


class Residents:
    """Vectorised resident attributes (index = resident number)."""

    def __init__(self, n: int, rng: np.random.Generator) -> None:
        self.n = n
        s = rng.integers(0, len(SURNAME2), n)
        g = rng.integers(0, len(GIVEN), n)
        self.surname, self.given = SURNAME2[s], GIVEN[g]
        self.kana = _cat(KANA[s], "　", GIVEN_KANA[g])
        self.birth = np.datetime64("1935-01-01") + rng.integers(0, 365 * 85, n).astype(
            "timedelta64[D]"
        )
        self.town = TOWNS[rng.integers(0, len(TOWNS), n)]
        self.chome = rng.integers(1, 6, n)
        self.ban = rng.integers(1, 40, n)
        self.go = rng.integers(1, 30, n)
        self.area = np.array(["0120", "045", "03", "0467"])[rng.integers(0, 4, n)]
        self.p2 = _fmt_int(rng.integers(0, 10000, n), 4)
        self.p3 = _fmt_int(rng.integers(0, 10000, n), 4)
        self.key = _cat("A", _fmt_int(np.arange(n), 9))


def _department_columns(res: Residents, d: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """The resident fields as department ``d`` stores them (format + stale copies)."""
    n = res.n
    full = "　" if d % 2 else " "
    name = _cat(res.surname, full, res.given) if d % 3 else _cat(res.surname, res.given)
    kana = res.kana
    if d % 4 == 1:
        birth = np.datetime_as_string(res.birth, unit="D")
    else:
        b = res.birth.astype("datetime64[D]").astype(str)
        birth = np.strings.replace(b, "-", "/")
    town, chome, ban, go = res.town.copy(), res.chome.copy(), res.ban.copy(), res.go.copy()
    stale = rng.random(n) < 0.04 + 0.01 * (d % 5)  # moved, this system not updated
    town[stale] = TOWNS[rng.integers(0, len(TOWNS), int(stale.sum()))]
    ban[stale] = rng.integers(1, 40, int(stale.sum()))
    if d % 2:
        address = _cat(
            "光陽市", town, chome.astype(str), "丁目", ban.astype(str), "番", go.astype(str), "号"
        )
    else:
        address = _cat("光陽市", town, chome.astype(str), "-", ban.astype(str), "-", go.astype(str))
    p2, p3 = res.p2.copy(), res.p3.copy()
    stale = rng.random(n) < 0.03
    p2[stale] = _fmt_int(rng.integers(0, 10000, int(stale.sum())), 4)
    phone = _cat(res.area, "-", p2, "-", p3) if d % 3 != 2 else _cat(res.area, p2, p3)
    return {"name": name, "kana": kana, "birth": birth, "address": address, "phone": phone}


def _activities(d: int) -> list[str]:
    topics = DEPARTMENTS[d][2]
    own = [f"{t}{v}" for t in topics for v in VERBS]  # 25
    labels = list(COMMON) + own[:23] + [SHARED[d % 2], own[23]]
    # positions: 0 ticket, 1 form, 2 identity, 3 entry, then own steps, 29 hand-over
    labels = labels[:4] + labels[5:] + [labels[4]]
    if d % 3 == 1:  # the same label written differently in some systems
        labels[2] = "本人確認（窓口）"
    return labels[:30]


def _case_lengths(events: int, rng: np.random.Generator) -> np.ndarray:
    """Events per case (5–15, mean 10), summing to about ``events``."""
    lengths = rng.integers(5, 16, max(1, events // 10))
    return lengths[: int(np.searchsorted(np.cumsum(lengths), events)) + 1]


def _chunks(lengths: np.ndarray, limit: int) -> list[tuple[int, int]]:
    """(first case, end case) ranges of at most ``limit`` events each (at least one case)."""
    ends = np.cumsum(lengths)
    out, first, done = [], 0, 0
    while first < len(lengths):
        end = int(np.searchsorted(ends, done + limit, side="right"))
        end = max(end, first + 1)
        out.append((first, end))
        done = int(ends[end - 1])
        first = end
    return out


def write_department(
    d: int,
    events: int,
    res: Residents,
    folder: Path,
    rng: np.random.Generator,
    *,
    chunk_events: int = CHUNK_EVENTS,
) -> int:
    """Write department ``d`` with about ``events`` events; returns the rows written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    stem, prefix, _ = DEPARTMENTS[d]
    labels = np.array(_activities(d))
    lengths_all = _case_lengths(events, rng)
    cols: dict[str, np.ndarray] | None = None
    writer = None
    written = 0
    try:
        for first_case, end_case in _chunks(lengths_all, chunk_events):
            lengths = lengths_all[first_case:end_case]
            n_cases, n = len(lengths), int(lengths.sum())
            case_idx = np.repeat(np.arange(first_case, end_case), lengths)
            starts = np.cumsum(lengths) - lengths
            first = np.zeros(n, dtype=bool)
            first[starts] = True
            # Activity index: 0 first, then steps of +1/+2 with a little rework (−1).
            step = rng.choice(np.array([1, 2, -1]), size=n, p=[0.62, 0.33, 0.05])
            step[first] = 0
            pos = np.cumsum(step)
            pos -= np.repeat(pos[starts], lengths)
            act = np.clip(pos, 0, 29)
            # Times: case start on a day 08:30–16:30, minutes between steps, some days.
            start = np.datetime64("2025-04-01T08:30", "s") + (
                rng.integers(0, 365, n_cases) * 86400 + rng.integers(0, 8 * 3600, n_cases)
            ).astype("timedelta64[s]")
            gap = np.where(
                rng.random(n) < 0.08, rng.exponential(2 * 86400, n), rng.exponential(900, n)
            ).astype(np.int64)
            gap[first] = 0
            offs = np.cumsum(gap)
            offs -= np.repeat(offs[starts], lengths)
            ts = np.repeat(start, lengths) + offs.astype("timedelta64[s]")
            # Resources: ticket machine, the resident, staff, a nightly batch.
            staff = _cat(f"{prefix}-職員", _fmt_int(rng.integers(1, 9, n), 2))
            resource_ = np.where(act == 0, "発券システム", np.where(act == 1, "申請者", staff))
            resource_ = np.where(act == 28, "バッチ処理", resource_)
            person = rng.integers(0, res.n, n_cases)
            person_ev = np.repeat(person, lengths)
            if cols is None:  # each resident's copy in this system, the same in every chunk
                cols = _department_columns(res, d, rng)
            capture = np.isin(act, CAPTURE_STEPS)
            roles = EN_ROLES if d >= 8 else JA_ROLES
            data: dict[str, pa.Array] = {
                roles[0]: pa.array(_cat(prefix, _fmt_int(case_idx, 8))),
                roles[1]: pa.array(labels[act]),
                roles[2]: pa.array(ts),
                roles[3]: pa.array(resource_),
                roles[4]: pa.array(res.key[person_ev]),
            }
            for fld in ("name", "kana", "birth", "address", "phone"):
                data[HEADERS[fld][d]] = pa.array(cols[fld][person_ev], mask=~capture)
            own = np.array([f"{OWN_COLUMN[d]}{k}" for k in range(12)])[rng.integers(0, 12, n)]
            data[OWN_COLUMN[d]] = pa.array(own, mask=~np.isin(act, (3, 9, 14)))
            # Exports are in time order, not case order.
            order = np.argsort(ts, kind="stable")
            table = pa.table(data).take(pa.array(order))
            if writer is None:
                writer = pq.ParquetWriter(folder / f"{stem}.parquet", table.schema)
            writer.write_table(table)
            written += n
    finally:
        if writer is not None:
            writer.close()
    return written


def parse_events(text: str) -> int | None:
    """``"20M"`` → 20,000,000, ``"100k"`` → 100,000; None when ``text`` is not a number of
    events (a number followed by k or M).

    >>> parse_events("5M"), parse_events("250k"), parse_events("small"), parse_events("1000")
    (5000000, 250000, None, None)
    """
    text = text.strip()
    factor = {"k": 1_000, "K": 1_000, "m": 1_000_000, "M": 1_000_000}.get(text[-1:])
    if factor is None:
        return None
    try:
        value = float(text[:-1])
    except ValueError:
        return None
    return int(value * factor) if value > 0 else None


def written_files() -> list[str]:
    """Names of the files :func:`generate` writes: one Parquet file per department, the
    marker."""
    from procmine.samples.writer import MARKER

    return [f"{stem}.parquet" for stem, _, _ in DEPARTMENTS] + [MARKER]


def generate(
    events: int, folder: Path, *, seed: int = SEED, chunk_events: int = CHUNK_EVENTS
) -> dict[str, float]:
    """Write the synthetic city with about ``events`` events into ``folder``.

    The files of an earlier sample there (of any city) are deleted first, and nothing else
    (:func:`procmine.samples.writer.clean_files`). Returns ``events`` (rows written),
    ``seconds``, ``mb`` (Parquet bytes / 1e6) and ``files``. Departments get decreasing
    shares (1.6 : … : 0.4) of the events.
    """
    from procmine.samples.writer import MARKER, clean_files

    folder.mkdir(parents=True, exist_ok=True)
    clean_files(folder, written_files())
    # The marker first: a run stopped half-way leaves a sample the next run may replace.
    (folder / MARKER).write_text(
        f"procmine sample: synthetic scale city (procmine.samples.large), "
        f"{events:,} events, seed {seed}\n",
        encoding="utf-8",
    )
    rng = np.random.default_rng(seed + events)
    t0 = time.perf_counter()
    res = Residents(max(1000, events // 25), rng)
    weights = np.linspace(1.6, 0.4, len(DEPARTMENTS))
    per = np.round(events * weights / weights.sum()).astype(int)
    rows = sum(
        write_department(d, int(per[d]), res, folder, rng, chunk_events=chunk_events)
        for d in range(len(DEPARTMENTS))
    )
    size = sum((folder / f"{stem}.parquet").stat().st_size for stem, _, _ in DEPARTMENTS)
    return {
        "events": rows,
        "seconds": time.perf_counter() - t0,
        "mb": size / 1e6,
        "files": len(DEPARTMENTS),
    }
