"""Label normalisation and tokenisation for Japanese and English activity labels."""

from __future__ import annotations

from procmine.text.normalize import (
    LabelTerms,
    char_ngrams,
    label_terms,
    negation,
    normalize_label,
    tokenize,
)

__all__ = [
    "LabelTerms",
    "char_ngrams",
    "label_terms",
    "negation",
    "normalize_label",
    "tokenize",
]
