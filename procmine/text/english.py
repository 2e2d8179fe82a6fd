"""English words: stop words and the Porter stemmer (M. F. Porter, 1980).

Process-model labels are short imperative phrases ("Send letter of rejection"); reducing
words to stems makes "rejection", "rejected" and "reject" one term, and dropping stop
words keeps "of" and "the" from counting as shared vocabulary.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["STOPWORDS", "english_terms", "stem"]

#: Function words that carry no activity meaning.
STOPWORDS: frozenset[str] = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "from",
        "in",
        "on",
        "at",
        "by",
        "with",
        "without",
        "into",
        "onto",
        "about",
        "as",
        "and",
        "or",
        "nor",
        "but",
        "if",
        "then",
        "than",
        "so",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "is",
        "are",
        "be",
        "been",
        "being",
        "was",
        "were",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "will",
        "shall",
        "would",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "no",
        "all",
        "any",
        "each",
        "every",
        "some",
        "such",
        "via",
        "per",
        "up",
        "out",
        "over",
        "under",
        "again",
        "further",
        "once",
        "there",
        "here",
        "when",
        "where",
        "who",
        "whom",
        "which",
        "what",
        "why",
        "how",
        "own",
        "same",
        "other",
        "only",
        "very",
        "just",
        "also",
        "s",
        "t",
    ]
)

_WORD = re.compile(r"[a-z0-9]+")
_VOWELS = frozenset("aeiou")


def english_terms(text: str) -> list[str]:
    """Lower-case, split, drop stop words and one-letter words, stem.

    Examples
    --------
    >>> english_terms("Sending the letters of Rejection")
    ['send', 'letter', 'reject']
    """
    out = []
    for word in _WORD.findall(text.lower()):
        if word in STOPWORDS or len(word) < 2 or word.isdigit():
            continue
        out.append(stem(word))
    return out


def _cons(word: str, i: int) -> bool:
    ch = word[i]
    if ch in _VOWELS:
        return False
    if ch == "y":
        return i == 0 or not _cons(word, i - 1)
    return True


def _measure(stem_: str) -> int:
    """Porter's m: the number of vowel-consonant sequences."""
    m = 0
    prev_vowel = False
    for i in range(len(stem_)):
        is_cons = _cons(stem_, i)
        if is_cons and prev_vowel:
            m += 1
        prev_vowel = not is_cons
    return m


def _has_vowel(stem_: str) -> bool:
    return any(not _cons(stem_, i) for i in range(len(stem_)))


def _double_cons(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _cons(word, len(word) - 1)


def _cvc(word: str) -> bool:
    if len(word) < 3:
        return False
    return (
        _cons(word, len(word) - 3)
        and not _cons(word, len(word) - 2)
        and _cons(word, len(word) - 1)
        and word[-1] not in "wxy"
    )


def _replace(word: str, rules: tuple[tuple[str, str], ...], min_m: int) -> str:
    for suffix, repl in rules:
        if word.endswith(suffix):
            base = word[: len(word) - len(suffix)]
            return base + repl if _measure(base) > min_m else word
    return word


_STEP2 = (
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("abli", "able"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
)
_STEP3 = (
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
)
_STEP4 = (
    "al",
    "ance",
    "ence",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ement",
    "ment",
    "ent",
    "ion",
    "ou",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter stem of a lower-case English word.

    Examples
    --------
    >>> [stem(w) for w in ["rejection", "rejected", "evaluation", "evaluate", "checking"]]
    ['reject', 'reject', 'evalu', 'evalu', 'check']
    """
    if len(word) <= 2:
        return word
    # step 1a
    if word.endswith(("sses", "ies")):
        word = word[:-2]
    elif word.endswith("ss"):
        pass
    elif word.endswith("s"):
        word = word[:-1]
    # step 1b
    extra = False
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    elif word.endswith("ed") and _has_vowel(word[:-2]):
        word, extra = word[:-2], True
    elif word.endswith("ing") and _has_vowel(word[:-3]):
        word, extra = word[:-3], True
    if extra:
        if word.endswith(("at", "bl", "iz")):
            word += "e"
        elif _double_cons(word) and word[-1] not in "lsz":
            word = word[:-1]
        elif _measure(word) == 1 and _cvc(word):
            word += "e"
    # step 1c
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    word = _replace(word, _STEP2, 0)
    word = _replace(word, _STEP3, 0)
    # step 4
    for suffix in _STEP4:
        if word.endswith(suffix):
            base = word[: len(word) - len(suffix)]
            if _measure(base) > 1 and (suffix != "ion" or base.endswith(("s", "t"))):
                word = base
            break
    # step 5
    if word.endswith("e"):
        base = word[:-1]
        m = _measure(base)
        if m > 1 or (m == 1 and not _cvc(base)):
            word = base
    if _measure(word) > 1 and _double_cons(word) and word.endswith("l"):
        word = word[:-1]
    return word
