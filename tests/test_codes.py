"""Text columns coded without a string per row give what the string versions give."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from procmine._codes import as_text, factorize_text

WORDS = np.array(["受付", "審査", "b", "B", "a10", "a2", "Ａ", "本人確認", "10", "9"], dtype=object)


@pytest.mark.parametrize("sort", [False, True])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_factorize_text_equals_factorize_of_the_strings(seed: int, sort: bool) -> None:
    rng = np.random.default_rng(seed)
    values = WORDS[rng.integers(0, len(WORDS), 500)]
    categorical = pd.Series(values, dtype="string").astype("category")
    shuffled = categorical.cat.reorder_categories(list(rng.permutation(categorical.cat.categories)))
    for column in (categorical, shuffled, pd.Series(values, dtype="string")):
        codes, uniques = pd.factorize(column.astype(str), sort=sort)
        got_codes, got_uniques = factorize_text(column, sort=sort)
        assert got_codes.tolist() == codes.tolist()
        assert got_uniques.tolist() == list(uniques)


def test_a_category_with_missing_values_falls_back_to_the_strings() -> None:
    column = pd.Series(["x", None, "y", "x"], dtype="string").astype("category")
    codes, uniques = pd.factorize(column.astype(str))
    got_codes, got_uniques = factorize_text(column)
    assert got_codes.tolist() == codes.tolist() and got_uniques.tolist() == list(uniques)


def test_as_text_keeps_a_category_and_its_texts() -> None:
    column = pd.Series(pd.Categorical([3, 1, 3]))
    out = as_text(column)
    assert isinstance(out.dtype, pd.CategoricalDtype)
    assert out.tolist() == column.astype(str).tolist() == ["3", "1", "3"]
