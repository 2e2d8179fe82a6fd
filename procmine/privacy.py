"""Pseudonyms for resident keys, so that no output carries a raw 宛名番号.

A pseudonym is a keyed BLAKE2b hash of the key, written ``p-`` followed by 12 hex digits
(48 bits: for a million residents the chance that two share a pseudonym is about 0.2 %).
Without the salt, a pseudonym cannot be traced back to the key, nor recomputed from a
guessed key.

The same key gives the same pseudonym for the same salt. :func:`new_salt` draws a fresh
salt, so by default pseudonyms differ from one run to the next and two reports cannot be
linked. To link them (e.g. to follow the same residents before and after a counter
reform), keep one salt secret and pass it to every run (``journeys(..., salt=...)``).
Keep the salt out of reports and version control: resident keys such as 宛名番号 have about
ten digits, so whoever holds the salt can recompute the pseudonym of every possible key.

Examples
--------
>>> import pandas as pd
>>> salt = b"keep this secret"
>>> keys = pd.Series(["0123456789", "0123456789", None, "0987654321"])
>>> p = pseudonymise(keys, salt=salt)
>>> p[0] == p[1], p[0] == p[3], p.isna().tolist()
(True, False, [False, False, True, False])
>>> bool(p[0].startswith("p-")) and len(p[0])
14
>>> pseudonymise(keys, salt=salt).equals(p)
True
>>> bool((pseudonymise(keys, salt=new_salt()) != p).iloc[[0, 3]].all())
True
"""

from __future__ import annotations

import hashlib
import os

import pandas as pd

from procmine.errors import ConfigError

__all__ = ["PSEUDONYM_PREFIX", "SALT_BYTES", "new_salt", "pseudonymise"]

#: Pseudonyms start with this prefix.
PSEUDONYM_PREFIX = "p-"
#: Length of the salts drawn by :func:`new_salt`.
SALT_BYTES = 16
_DIGEST_BYTES = 6  # 12 hex digits
_MAX_KEY_BYTES = 64  # BLAKE2b key limit


def new_salt() -> bytes:
    """A fresh random salt (:data:`SALT_BYTES` bytes from :func:`os.urandom`).

    >>> len(new_salt()), new_salt() == new_salt()
    (16, False)
    """
    return os.urandom(SALT_BYTES)


def _check_salt(salt: object) -> bytes:
    if not isinstance(salt, (bytes, bytearray)) or not 1 <= len(salt) <= _MAX_KEY_BYTES:
        raise ConfigError(
            f"salt must be 1 to {_MAX_KEY_BYTES} bytes (got {type(salt).__name__}); "
            "use procmine.privacy.new_salt() or bytes you keep secret"
        )
    return bytes(salt)


def pseudonymise(values: pd.Series, *, salt: bytes) -> pd.Series:
    """Replace every value by its keyed-hash pseudonym (``p-`` + 12 hex digits).

    Parameters
    ----------
    values : Series
        Resident keys (any type; compared as text). Missing values stay missing.
    salt : bytes
        Secret key of the hash, 1 to 64 bytes. The same salt gives the same pseudonyms.

    Returns
    -------
    Series of str (``object`` dtype) with the same index, pseudonyms instead of keys.

    Examples
    --------
    >>> import pandas as pd
    >>> pseudonymise(pd.Series(["A-1"]), salt=b"s")[0] == pseudonymise(pd.Series(["A-1"]), salt=b"s")[0]
    True
    """
    key = _check_salt(salt)
    missing = values.isna()
    text = values[~missing].astype(str)
    uniques = pd.unique(text.to_numpy())
    table = {
        u: PSEUDONYM_PREFIX
        + hashlib.blake2b(u.encode("utf-8"), key=key, digest_size=_DIGEST_BYTES).hexdigest()
        for u in uniques
    }
    out = pd.Series(None, index=values.index, dtype="object")
    out[~missing] = text.map(table).to_numpy()
    return out
