"""How much of one system's person keys the other systems share.

The loader warns about a file whose keys match almost none of the other files'
(``person_keys_apart``), and the silo stage links such a department by name and birth date
instead (:mod:`procmine.fields._link`): both read "almost none" the same way, here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["KEYS_APART", "MIN_KEYS", "distinct_keys", "shared_counts"]

#: Keys shared with the others under this share of a system's own keys: "almost none".
KEYS_APART = 0.05
#: Fewer keys than this say little (a handful of residents sharing none), and this many
#: shared keys are a link, whatever their share of a large register.
MIN_KEYS = 20


def shared_counts(sets: Sequence[set[str]]) -> list[int]:
    """Per set of keys, how many of them another set holds too.

    >>> shared_counts([{"a", "b"}, {"b", "c"}, {"d"}])
    [1, 1, 0]
    """
    held = Counter(key for keys in sets for key in keys)  # in how many sets
    return [sum(held[key] > 1 for key in keys) for keys in sets]


def distinct_keys(column: pd.Series) -> set[str]:
    """The distinct keys of a person column, as text (a categorical column's used
    categories, each read once).

    >>> sorted(distinct_keys(pd.Series(["b", "a", None, "a"], dtype="category")))
    ['a', 'b']
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        used = column.cat.categories[np.unique(codes[codes >= 0])]
        return set(used.astype(str).tolist())
    return set(column.dropna().astype(str).unique().tolist())
