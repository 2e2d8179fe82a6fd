"""Pseudonyms: keyed, stable for a salt, different across salts, missing stays missing."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from procmine.errors import ConfigError
from procmine.privacy import new_salt, pseudonymise

KEYS = pd.Series(["0123456789", "0987654321", "0123456789", None, ""], index=[10, 11, 12, 13, 14])


def test_same_salt_same_pseudonyms_and_format() -> None:
    a = pseudonymise(KEYS, salt=b"secret")
    b = pseudonymise(KEYS.copy(), salt=b"secret")
    assert a.equals(b)
    assert a.index.tolist() == KEYS.index.tolist()
    assert a[10] == a[12] and a[10] != a[11]
    assert all(re.fullmatch(r"p-[0-9a-f]{12}", x) for x in a.dropna())


def test_other_salt_other_pseudonyms() -> None:
    a = pseudonymise(KEYS, salt=b"secret")
    b = pseudonymise(KEYS, salt=b"other")
    assert not set(a.dropna()) & set(b.dropna())


def test_missing_values_stay_missing_and_keys_never_appear() -> None:
    p = pseudonymise(KEYS, salt=new_salt())
    assert p.isna().tolist() == [False, False, False, True, False]
    assert not any("0123456789" in str(x) for x in p)


def test_numbers_and_text_of_the_same_key_agree() -> None:
    assert (
        pseudonymise(pd.Series([1234]), salt=b"s")[0]
        == pseudonymise(pd.Series(["1234"]), salt=b"s")[0]
    )


def test_new_salt_is_random() -> None:
    assert len(new_salt()) == 16
    assert new_salt() != new_salt()


@pytest.mark.parametrize("salt", [b"", "text", b"x" * 65, None])
def test_bad_salt_is_refused(salt: object) -> None:
    with pytest.raises(ConfigError, match="salt"):
        pseudonymise(KEYS, salt=salt)  # type: ignore[arg-type]
