"""Labels written in kana only, read back into the words they spell.

Old host systems print their activity labels in half-width katakana (ﾎﾝﾆﾝ ｶｸﾆﾝ,
often without small kana: ｼﾕﾄｸ for シュトク). Such a label shares no character with
本人確認, and Sudachi reads it as one unknown word. :func:`spell_kana` spells it with the
words whose readings it is made of: the words of the other labels of the same
analysis (a city writes 本人確認 in its other systems) and procmine's own vocabulary of
municipal work, so that ﾎﾝﾆﾝ ｶｸﾆﾝ is compared as 本人確認.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from procmine.text.normalize import ACTIONS, CONCEPTS, _sudachi, normalize_label

__all__ = ["spell_kana"]

#: Small kana as host systems write them (large): シュ and シユ read alike.
_LARGE = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_KANA_ONLY = re.compile(r"[ァ-ヺー]+")
_KANJI = re.compile(r"[\u3400-\u9fff]")
#: Shortest reading of a word that spells part of a label (ヒ for 費 or ホ for 保 would
#: spell anything).
MIN_READING = 2
#: Share of a label's kana that words must spell for the label to be read as them ...
MIN_SPELLED = 0.5
#: ... with one word of a reading at least this long among them (the two-kana 員 in ポイント
#: or サイン is a coincidence, not what the label spells).
MIN_WORD = 3


def _reading(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_LARGE)


def _lexicon(labels: Iterable[str]) -> dict[str, str]:
    """Reading → word, from the words with kanji of ``labels`` and the vocabulary; a
    reading several words share goes to the one the labels use most."""
    from sudachipy import SplitMode

    tok = _sudachi()
    counts: dict[str, Counter[str]] = {}
    texts = [*labels, *CONCEPTS, *ACTIONS]
    for text in texts:
        norm = normalize_label(text)
        if not _KANJI.search(norm):
            continue
        for mode in (SplitMode.C, SplitMode.A):
            for m in tok.tokenize(norm, mode):
                surface = m.surface()
                reading = _reading(m.reading_form())
                if _KANJI.search(surface) and len(reading) >= MIN_READING:
                    counts.setdefault(reading, Counter())[surface] += 1
    return {r: min(c, key=lambda w: (-c[w], w)) for r, c in counts.items()}


def _spell(kana: str, lexicon: dict[str, str], longest: int) -> tuple[str, int, int]:
    """``kana`` with the most characters spelled by lexicon words (fewest words among
    equals), how many characters they spell and the reading of the longest word used."""
    n = len(kana)
    # best[i]: (spelled characters, -words, text, longest word) for kana[:i]
    best: list[tuple[int, int, str, int]] = [(0, 0, "", 0)] + [(-1, 0, "", 0)] * n
    for i in range(1, n + 1):
        spelled, words, text, top = best[i - 1]
        best[i] = (spelled, words, text + kana[i - 1], top)
        for k in range(max(0, i - longest), i - MIN_READING + 1):
            word = lexicon.get(kana[k:i])
            if word is None:
                continue
            s, w, t, m = best[k]
            cand = (s + i - k, w - 1, t + word, max(m, i - k))
            if cand[:2] > best[i][:2]:
                best[i] = cand
    return best[n][2], best[n][0], best[n][3]


def spell_kana(labels: Iterable[str]) -> dict[str, str]:
    """The labels written in kana only that words spell at least half of (one of the words
    three kana long or more), each with its spelling (kana no word spells stays as it is).

    Examples
    --------
    >>> spell_kana(["ﾎﾝﾆﾝ ｶｸﾆﾝ", "届出人の本人確認", "ｼﾖﾄｸ ｼﾖｳｶｲ", "所得の照会", "ポイント", "係員対応"])
    {'ﾎﾝﾆﾝ ｶｸﾆﾝ': '本人確認', 'ｼﾖﾄｸ ｼﾖｳｶｲ': '所得照会'}
    """
    labels = list(dict.fromkeys(labels))
    kana = {}
    for label in labels:
        norm = normalize_label(label).replace(" ", "")
        if _KANA_ONLY.fullmatch(norm):
            kana[label] = _reading(norm)
    if not kana:
        return {}
    lexicon = _lexicon(x for x in labels if x not in kana)
    longest = max(map(len, lexicon), default=0)
    out: dict[str, str] = {}
    for label, reading in kana.items():
        text, spelled, word = _spell(reading, lexicon, longest)
        if spelled >= MIN_SPELLED * len(reading) and word >= MIN_WORD:
            out[label] = text
    return out
