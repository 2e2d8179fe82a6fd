"""Each data column reduced to one value per resident, and comparisons of two columns.

For every column we keep each resident's latest value, normalised for its field type
(:mod:`procmine.text.values`) and coded as integers shared by all columns of one
normalisation family, so that two columns are compared with numpy on the residents they
share: the share whose values agree, and the agreement expected by chance (Cohen's kappa
corrects for it, so that two 男/女 columns about different people do not look alike).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat

import numpy as np
import pandas as pd

from procmine._codes import as_text
from procmine.model import ACTIVITY, ROW, SOURCE, TIMESTAMP, Dataset
from procmine.text.values import (
    BANK_PARTS,
    addresses_equal,
    banks_comparable,
    nfkc,
    normalize_many,
    normalize_text,
    normalizer_for,
    values_equal,
)

from ._link import NO_LINK, Linkage
from ._profile import ColumnCodes

#: A column pair tells whether two columns hold the same field only if chance alone would
#: make all their shared residents agree with at most this probability (columns holding
#: one value for nearly everyone say nothing).
MAX_CHANCE_OF_FULL_AGREEMENT = 0.05


class Codebook:
    """Integer codes for strings, shared by every column of one normalisation family so
    that copies are compared as integer arrays."""

    def __init__(self) -> None:
        self.code: dict[str, int] = {}
        self.text: list[str] = []
        #: what pure functions of the texts gave, by function name and code (see
        #: :meth:`derived`)
        self.memo: dict[str, dict[int, str]] = {}
        #: the texts read as normalised addresses, once asked for (see :func:`equal_codes`)
        self.addresses: AddressIndex | None = None

    def derived(self, name: str, fn: Callable[[str], str], codes: np.ndarray) -> list[str]:
        """``fn`` of the text of each code (−1: the empty text), computed once per code
        and ``name`` for the life of the codebook; ``fn`` must be a pure function."""
        memo = self.memo.setdefault(name, {})
        text = self.text
        out: list[str] = []
        for c in codes.tolist():
            value = memo.get(c)
            if value is None:
                value = memo[c] = fn(text[c] if c >= 0 else "")
            out.append(value)
        return out

    def encode(self, values: np.ndarray | pd.Series) -> np.ndarray:
        local, uniques = pd.factorize(values)
        mapped = self._codes(np.asarray(uniques, dtype=object).tolist())
        return np.asarray(mapped[local], dtype=np.int64)

    def encode_text(self, values: pd.Series) -> np.ndarray:
        """``encode(as_text(values))`` for a column without missing values: a column of
        Python strings is coded as it is (``as_text`` would not change it)."""
        if values.dtype == object:
            local, uniques = pd.factorize(values.to_numpy())
            texts = uniques.tolist()
            if all(type(t) is str for t in texts):
                return np.asarray(self._codes(texts)[local], dtype=np.int64)
        return self.encode(as_text(values))

    def encode_nested(
        self, values: np.ndarray | pd.Series, inner: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """``encode(values[inner])`` then ``encode(values)``, with one factorisation:
        the same codes, new values numbered in the order those two calls would meet them."""
        local, uniques = pd.factorize(values)
        return self.encode_nested_coded(local, np.asarray(uniques, dtype=object), inner)

    def encode_nested_coded(
        self, local: np.ndarray, uniques: np.ndarray, inner: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`encode_nested` of values already factorised: ``uniques[local]`` (codes
        in order of first appearance, as :func:`pandas.factorize` gives them)."""
        inner_local = local[inner]
        first_inner = pd.unique(inner_local)  # the inner values, in order of appearance
        rest = np.ones(len(uniques), dtype=bool)
        rest[first_inner] = False
        order = np.concatenate([first_inner, np.flatnonzero(rest)]).astype(np.int64)
        in_order = self._codes(uniques[order].tolist())
        mapped = np.empty(len(uniques), dtype=np.int64)
        mapped[order] = in_order
        return (
            np.asarray(mapped[inner_local], dtype=np.int64),
            np.asarray(mapped[local], dtype=np.int64),
        )

    def _codes(self, items: list) -> np.ndarray:
        """The code of each of the distinct ``items``; new ones are numbered in order."""
        code, text = self.code, self.text
        get = code.get
        mapped = np.fromiter(map(get, items, repeat(-1)), dtype=np.int64, count=len(items))
        fresh = np.flatnonzero(mapped < 0)
        if len(fresh):  # new values get the next codes, in order of first appearance
            new = [items[i] for i in fresh.tolist()]
            start = len(text)
            numbered = dict(zip(new, range(start, start + len(new)), strict=True))
            if len(numbered) == len(new):  # distinct, as they should be: all at once
                code.update(numbered)
                text.extend(new)
                mapped[fresh] = np.arange(start, start + len(new), dtype=np.int64)
                return mapped
            added: list[int] = []
            for i in fresh.tolist():
                v = items[i]
                c = get(v)
                if c is None:
                    c = code[v] = len(text)
                    text.append(v)
                added.append(c)
            mapped[fresh] = added
        return mapped


class AddressIndex:
    """The texts of a codebook read as normalised addresses (``street|方書``), so that
    :func:`procmine.text.values.addresses_equal` of many pairs of codes is mostly
    computed with numpy: per code, the street, the 方書 and the street's last characters
    as integers (each code read once, when first compared). Two addresses are equal when
    their streets are, neither is empty and their 方書 do not differ; streets that differ
    can still be equal when one ends with the other (after a city prefix), which needs
    the same last characters: only such pairs are left to ``addresses_equal`` itself."""

    #: last characters compared before ``addresses_equal`` is asked
    TAIL = 4

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}  # streets, 方書 and street ends → integers
        self.read = np.zeros(0, dtype=bool)  # per code: read yet
        self.blank = np.zeros(0, dtype=bool)  # the empty text
        self.street = np.zeros(0, dtype=np.int64)
        self.building = np.zeros(0, dtype=np.int64)  # −1: no 方書
        self.last = np.zeros(0, dtype=np.int64)  # last character, −1: empty street
        self.tail = np.zeros(0, dtype=np.int64)  # last TAIL characters
        self.short = np.zeros(0, dtype=bool)  # street shorter than TAIL

    def _read(self, texts: list[str], codes: np.ndarray) -> None:
        """Read the codes not read yet (the codebook may have grown since)."""
        size = len(texts)
        if len(self.read) < size:
            grow = size - len(self.read)
            self.read = np.concatenate([self.read, np.zeros(grow, dtype=bool)])
            for name in ("blank", "short"):
                setattr(self, name, np.concatenate([getattr(self, name), np.zeros(grow, bool)]))
            for name in ("street", "building", "last", "tail"):
                old = getattr(self, name)
                setattr(self, name, np.concatenate([old, np.full(grow, -1, dtype=np.int64)]))
        todo = codes[~self.read[codes]]
        if not len(todo):
            return
        todo = np.unique(todo)
        ids = self.ids
        street, building, last, tail, short = [], [], [], [], []
        for c in todo.tolist():
            s, _, b = texts[c].partition("|")
            street.append(ids.setdefault(s, len(ids)))
            building.append(ids.setdefault(b, len(ids)) if b else -1)
            last.append(ids.setdefault(s[-1:], len(ids)) if s else -1)
            tail.append(ids.setdefault(s[-self.TAIL :], len(ids)))
            short.append(len(s) < self.TAIL)
        self.read[todo] = True
        self.blank[todo] = [not texts[c] for c in todo.tolist()]
        self.street[todo], self.building[todo] = street, building
        self.last[todo], self.tail[todo], self.short[todo] = last, tail, short

    def has_building(self, texts: list[str], codes: np.ndarray) -> np.ndarray:
        """Whether the address of each code holds a 方書 (−1: no address, no 方書)."""
        out = np.zeros(len(codes), dtype=bool)
        valid = np.flatnonzero(codes >= 0)
        self._read(texts, codes[valid])
        out[valid] = self.building[codes[valid]] >= 0
        return out

    def equal(self, texts: list[str], a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """``addresses_equal`` of ``texts[a]`` and ``texts[b]`` (codes ≥ 0), pairwise."""
        self._read(texts, np.concatenate([a, b]))
        ba, bb = self.building[a], self.building[b]
        # neither empty, and no two different 方書
        ok = ~self.blank[a] & ~self.blank[b] & ~((ba >= 0) & (bb >= 0) & (ba != bb))
        same_street = self.street[a] == self.street[b]
        out = (a == b) | (ok & same_street)
        # one street ending with the other: the same last characters
        maybe = ok & ~same_street & (self.last[a] == self.last[b])
        maybe &= (self.tail[a] == self.tail[b]) | self.short[a] | self.short[b]
        at = np.flatnonzero(maybe)
        if len(at):
            out[at] = [
                addresses_equal(texts[x], texts[y])
                for x, y in zip(a[at].tolist(), b[at].tolist(), strict=True)
            ]
        return np.asarray(out, dtype=bool)


def _empty() -> np.ndarray:
    return np.zeros(0, dtype=np.int64)


@dataclass
class Copy:
    """One column of one department, reduced to each resident's latest value.

    ``keys`` are sorted resident codes; ``raw`` and ``norm`` the codes of the latest raw
    and normalised values of those residents (``norm`` −1 where the value could not be
    normalised); ``since`` when that raw value was first recorded.
    """

    department: str
    column: str
    field_type: str
    values: int
    dept_persons: int
    keys: np.ndarray
    raw: np.ndarray
    norm: np.ndarray
    since: np.ndarray
    linkage: str
    family: str
    units: frozenset[tuple[str, str]]  # (department, source file) pairs holding values
    parts: frozenset[str]  # parts of a composite field held ("all" for plain fields)
    #: distinct normalised values of every event, linked to a resident or not
    vocab: np.ndarray = field(default_factory=_empty)
    #: every distinct (resident, normalised value) the column held, sorted by resident
    hist_keys: np.ndarray = field(default_factory=_empty)
    hist_norm: np.ndarray = field(default_factory=_empty)
    #: residents with an event of a step that fills the column, but never a value
    missing: int = 0
    #: the field type read from the values alone (see :func:`profile_columns`)
    shape: str = ""
    #: the export's columns this one joins (氏 and 名, see :mod:`._split`); empty for a
    #: column as exported
    sources: tuple[str, ...] = ()

    @property
    def persons(self) -> int:
        return len(self.keys)

    @cached_property
    def value_counts(self) -> tuple[np.ndarray, np.ndarray]:
        """Distinct normalised values of the residents and how many residents hold each."""
        valid = self.norm[self.norm >= 0]
        values, counts = np.unique(valid, return_counts=True)
        return values, counts

    @property
    def ident(self) -> tuple[str, str]:
        return (self.department, self.column)


@dataclass
class Pair:
    shared: int
    agreement: float
    kappa: float
    expected: float = 0.0


def _family(field_type: str) -> str:
    """Columns are comparable when their values are normalised the same way (or into the
    same strings: an amount, 1,630,000円, normalises to the digits that a column of plain
    numbers read as identifiers or categories holds, 1630000, for want of a header)."""
    if field_type in ("birth_date", "date"):
        return "date"
    if field_type in ("income", "amount"):
        return normalize_text.__name__
    return normalizer_for(field_type).__name__


class CopyBuilder:
    """Builds :class:`Copy` objects; the codebooks are shared by every column so that
    residents and values have the same codes in every department."""

    def __init__(
        self, dataset: Dataset, profiles: pd.DataFrame, columns: ColumnCodes | None = None
    ) -> None:
        self.dataset = dataset
        self.profiles = profiles
        self.columns = ColumnCodes(dataset) if columns is None else columns
        self.persons = Codebook()
        self.raw: dict[str, Codebook] = {}
        self.norm: dict[str, Codebook] = {}
        # (family, unit of amounts) → norm code of each raw code (−1: not normalisable, −2:
        # not yet done)
        self._lookup: dict[tuple[str, str], np.ndarray] = {}

    def department(
        self, department: str, keys: pd.Series, linkage: str, known: np.ndarray | None = None
    ) -> list[Copy]:
        """The copies of one department's columns, residents given by ``keys`` (by
        position in the events; ``known``: ``keys.notna()``, when known)."""
        events = self.dataset.logs[department].events
        key_codes = np.full(len(keys), -1, dtype=np.int64)
        if known is None:
            known = keys.notna().to_numpy()
        key_codes[known] = self.persons.encode_text(keys[known])
        dept_persons = len(_distinct_codes(key_codes[known]))
        stamps = events[TIMESTAMP].to_numpy(dtype="datetime64[ns]")
        rows = events[ROW].to_numpy() if ROW in events.columns else np.arange(len(events))
        # source file of each event, as codes into the distinct names
        if SOURCE in events.columns:
            source_codes, source_names = pd.factorize(
                as_text(events[SOURCE]), use_na_sentinel=False
            )
        else:
            source_codes, source_names = np.zeros(len(events), dtype=np.int64), np.array([""])
        prof = self.profiles[self.profiles["department"] == department]
        activity_codes = (
            pd.factorize(as_text(events[ACTIVITY]))[0] if ACTIVITY in events.columns else None
        )
        # the events by resident, time and row (ties in event order), sorted once: each
        # column's values are in this order restricted to the events holding one
        by_resident = np.lexsort((rows, stamps, key_codes))
        out: list[Copy] = []
        for record in prof.itertuples(index=False):
            column, ftype = str(record.column), str(record.field_type)
            family = _family(ftype)
            coded = self.columns.coded(department, column)
            filled = coded.mask
            chosen = filled & known
            positions = np.flatnonzero(chosen)
            raw_book = self.raw.setdefault(family, Codebook())
            k = key_codes[positions]
            # the raw codes of the residents' values, then of every value (one factorisation)
            if coded.codes is not None:
                r, every = raw_book.encode_nested_coded(coded.codes, coded.texts(), known[filled])
            else:
                r, every = raw_book.encode_nested(events[column][filled].astype(str), known[filled])
            t = stamps[positions]
            # = np.lexsort((rows[positions], t, k)): ranks among positions, in sorted order
            order = (np.cumsum(chosen) - 1)[by_resident[chosen[by_resident]]]
            k, r, t = k[order], r[order], t[order]
            new_resident = np.r_[True, k[1:] != k[:-1]] if len(k) else np.zeros(0, dtype=bool)
            last = np.r_[new_resident[1:], True] if len(k) else new_resident
            latest_k, latest_r = k[last], r[last]
            # first time each resident's latest value was recorded
            segment = np.cumsum(new_resident) - 1 if len(k) else k
            is_latest = r == latest_r[segment]
            latest_segments = segment[is_latest]  # sorted: a resident's first is where it starts
            first = np.flatnonzero(np.r_[True, latest_segments[1:] != latest_segments[:-1]])
            first = first[: len(latest_segments)]  # none when no resident has a value
            since = t[np.flatnonzero(is_latest)[first]]
            unit = header_unit(column) if ftype == "income" else ""
            norm = self._normalised(latest_r, family, ftype, unit)
            vocab = np.unique(self._normalised(_distinct_codes(every), family, ftype, unit))
            history = _distinct_pairs(k, self._normalised(r, family, ftype, unit))
            units = frozenset(
                (department, str(source_names[c]))
                for c in _distinct_codes(source_codes[filled]).tolist()
            )
            out.append(
                Copy(
                    department=department,
                    column=column,
                    field_type=ftype,
                    values=int(filled.sum()),
                    dept_persons=dept_persons,
                    keys=latest_k,
                    raw=latest_r,
                    norm=norm,
                    since=since,
                    linkage=linkage,
                    family=family,
                    units=units,
                    parts=_parts(norm, self.norm.setdefault(family, Codebook()), ftype),
                    vocab=vocab[vocab >= 0],
                    hist_keys=history[0],
                    hist_norm=history[1],
                    missing=_missing(events, filled, key_codes, latest_k, activity_codes),
                    shape=str(getattr(record, "shape", "") or ""),
                )
            )
        return out

    def _normalised(
        self, raw_codes: np.ndarray, family: str, field_type: str, unit: str = ""
    ) -> np.ndarray:
        """The normalised codes of ``raw_codes``, each raw value normalised once per family
        and ``unit``: plain numbers are read in ``unit`` (a column of incomes in thousands of
        yen, see :func:`header_unit`)."""
        raw_book = self.raw[family]
        norm_book = self.norm.setdefault(family, Codebook())
        lut = self._lookup.get((family, unit), np.zeros(0, dtype=np.int64))
        if len(lut) < len(raw_book.text):
            lut = np.concatenate([lut, np.full(len(raw_book.text) - len(lut), -2)])
        todo = _distinct_codes(raw_codes[lut[raw_codes] == -2])
        if len(todo):
            texts = [raw_book.text[c] for c in todo.tolist()]
            if unit:
                texts = [t + unit if _PLAIN_NUMBER.fullmatch(nfkc(t)) else t for t in texts]
            normal = normalize_many(texts, field_type)
            codes = norm_book.encode(np.array(normal, dtype=object))
            codes[np.array([text == "" for text in normal], dtype=bool)] = -1
            lut[todo] = codes
        self._lookup[(family, unit)] = lut
        return np.asarray(lut[raw_codes], dtype=np.int64)


#: The unit of money a header names for its values (所得(千円), 所得金額（万円）, 千円単位,
#: "thousand yen"); not a rounding note (千円未満切捨て).
_HEADER_UNIT = re.compile(r"(百万|万|千)円(?!未満|以下|以上|超|切)|\b(thousand|million) yen\b")
_ENGLISH_UNITS = {"thousand": "千", "million": "百万"}
#: A plain number, to be read in the header's unit.
_PLAIN_NUMBER = re.compile(r"\s*[-−▲△]?\s*\d[\d,]*(?:\.\d+)?\s*")


def header_unit(header: str) -> str:
    """The unit of money a column's amounts are in, by its header (``""``: yen).

    >>> header_unit("保護者所得(千円)"), header_unit("所得金額（万円）"), header_unit("所得（百万円）")
    ('千円', '万円', '百万円')
    >>> header_unit("所得（千円単位）"), header_unit("income (thousand yen)"), header_unit("所得【千円】")
    ('千円', '千円', '千円')
    >>> header_unit("所得"), header_unit("所得金額（千円未満切捨て）")
    ('', '')
    """
    found = _HEADER_UNIT.search(unicodedata.normalize("NFKC", header).lower())
    if found is None:
        return ""
    return (found.group(1) or _ENGLISH_UNITS[found.group(2)]) + "円"


def _distinct_codes(codes: np.ndarray) -> np.ndarray:
    """``np.unique`` of non-negative integer codes, by counting when they are dense (codes
    of a codebook are: 0 … number of distinct values − 1)."""
    if not len(codes) or int(codes.min()) < 0 or int(codes.max()) > 8 * len(codes) + 4096:
        return np.unique(codes)
    return np.flatnonzero(np.bincount(codes)).astype(codes.dtype, copy=False)


def _distinct_pairs(keys: np.ndarray, norm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (resident, value) pairs with a value, sorted by resident then value."""
    ok = norm >= 0
    keys, norm = keys[ok], norm[ok]
    if not len(keys):
        return keys, norm
    width = int(norm.max()) + 1
    # = np.unique: distinct values by hashing, then only those sorted (residents repeat)
    pairs = np.sort(pd.unique(keys.astype(np.int64) * width + norm))
    return pairs // width, pairs % width


#: A step "fills" a column when at least this share of its events have a value there.
_FILLS = 0.5


def _missing(
    events: pd.DataFrame,
    filled: np.ndarray,
    key_codes: np.ndarray,
    holders: np.ndarray,
    activity: np.ndarray | None = None,
) -> int:
    """Residents with an event of a step that fills the column, who never have a value
    (``activity``: codes of the events' activities, when already computed)."""
    if ACTIVITY not in events.columns or not filled.any():
        return 0
    if activity is None:
        activity = pd.factorize(as_text(events[ACTIVITY]))[0]
    share = np.bincount(activity, weights=filled) / np.maximum(np.bincount(activity), 1)
    fills = share[activity] >= _FILLS
    residents = key_codes[fills & (key_codes >= 0)]
    if not len(residents):
        return 0
    # the distinct residents that are not holders, counted with a presence table
    present = np.zeros(int(residents.max()) + 1, dtype=bool)
    present[residents] = True
    present[holders[holders < len(present)]] = False
    return int(present.sum())


def build_copies(
    dataset: Dataset,
    profiles: pd.DataFrame,
    linkage: Linkage,
    columns: ColumnCodes | None = None,
) -> tuple[list[Copy], dict[str, Codebook], dict[str, Codebook]]:
    """A :class:`Copy` per profiled column, with the codebooks of the normalised and of
    the raw values per normalisation family; values are normalised once per distinct
    value (``columns``: the columns' non-empty values, when already found).

    A department linked by name + birth date with several possible (name, birth date)
    column pairs (a claimant's and a child's) is linked by the pair that makes most of its
    columns agree with the other departments' copies.
    """
    builder = CopyBuilder(dataset, profiles, columns)
    by_department: dict[str, list[Copy]] = {}
    for department in sorted(dataset.logs):
        by_department[department] = builder.department(
            department,
            linkage.keys[department],
            linkage.how[department],
            linkage.present(department),
        )
    for department in sorted(linkage.alternatives):
        options = linkage.alternatives[department]
        if len(options) < 2:
            continue
        others = [c for d, cs in by_department.items() if d != department for c in cs]
        scored = []
        for rank, keys in enumerate(options):
            copies = builder.department(department, keys, linkage.how[department])
            known = keys.dropna().astype(str)
            resolved = float((~known.str.startswith("~")).mean()) if len(known) else 0.0
            scored.append(
                (_consistency(copies, others, builder.norm), resolved, rank, copies, keys)
            )
        top = max(s[0] for s in scored)
        # near-ties: the pairing that links more events to known residents
        near = [s for s in scored if s[0] >= top - 0.01 * abs(top)]
        _, _, _, copies, keys = min(near, key=lambda s: (-s[1], s[2]))
        by_department[department] = copies
        linkage.keys[department] = keys
    copies = [c for d in sorted(by_department) for c in by_department[d]]
    return copies, builder.norm, builder.raw


def _consistency(copies: list[Copy], others: list[Copy], books: dict[str, Codebook]) -> float:
    """How many of a department's columns agree with another department's column: each
    column counts with its best chance-corrected agreement, times the share of its
    residents that could be compared (:func:`best_agreement`)."""
    return sum(
        best_agreement(x, others, books)[0]
        for x in copies
        if x.field_type not in ("unknown", "text")
    )


def best_agreement(x: Copy, others: list[Copy], books: dict[str, Codebook]) -> tuple[float, float]:
    """How well a column agrees with its best match among other departments' columns: the
    chance-corrected agreement times the share of its residents compared, and the best
    chance-corrected agreement, over residents too many to agree by chance."""
    best, kappa = 0.0, 0.0
    for y in others:
        if y.department == x.department or y.family != x.family or not comparable(x, y):
            continue
        pair = compare(x, y, books.get(x.family))
        if pair.shared and pair.expected**pair.shared <= MAX_CHANCE_OF_FULL_AGREEMENT:
            k = max(pair.kappa, 0.0)
            best = max(best, pair.agreement * k * pair.shared / max(x.persons, 1))
            kappa = max(kappa, k)
    return best, kappa


#: Field types whose values are compared by a function rather than by equal strings.
_CUSTOM_EQUALITY = ("address", "bank_account")


def _parts(norm: np.ndarray, book: Codebook, field_type: str) -> frozenset[str]:
    """The parts of a bank account a column holds (most of its values have them)."""
    if field_type != "bank_account":
        return frozenset({"all"})
    texts = [book.text[c].split("|") for c in norm[norm >= 0].tolist()]
    if not texts:
        return frozenset({"all"})
    held = [
        name
        for i, name in enumerate(BANK_PARTS)
        if sum(1 for t in texts if len(t) > i and t[i]) >= 0.5 * len(texts)
    ]
    return frozenset(held or {"all"})


def conflict(x: Copy, y: Copy) -> bool:
    """Two columns of one system holding the same part cannot both join one group."""
    return bool(x.units & y.units) and bool(x.parts & y.parts)


def equal_codes(a: np.ndarray, b: np.ndarray, field_type: str, book: Codebook | None) -> np.ndarray:
    """Element-wise equality of normalised codes (addresses and bank accounts by
    :func:`procmine.text.values.values_equal`)."""
    same = (a == b) & (a >= 0)
    if field_type in _CUSTOM_EQUALITY and book is not None:
        differ = np.flatnonzero(~same & (a >= 0) & (b >= 0))
        if len(differ) and field_type == "address":
            if book.addresses is None:
                book.addresses = AddressIndex()
            same[differ] = book.addresses.equal(book.text, a[differ], b[differ])
        elif len(differ):
            text = book.text
            same[differ] = [
                values_equal(text[x], text[y], field_type)
                for x, y in zip(a[differ].tolist(), b[differ].tolist(), strict=True)
            ]
    return np.asarray(same, dtype=bool)


def chance_agreement(a: np.ndarray, b: np.ndarray, field_type: str, book: Codebook | None) -> float:
    """Agreement expected between ``a`` and ``b`` if they were about unrelated residents.

    For plain equality this is ``Σ p_a(v)·p_b(v)``; for types compared by a function it
    is measured by pairing each resident with another one (a fixed shift, on at most
    2,000 residents).

    >>> chance_agreement(np.array([1, 1, 2, 2]), np.array([1, 2, 2, 2]), "sex", None)
    0.5
    """
    a, b = a[a >= 0], b[b >= 0]
    if field_type in _CUSTOM_EQUALITY and book is not None:
        n = min(len(a), len(b))
        if n < 2:
            return 0.0
        ia = np.unique(np.linspace(0, len(a) - 1, min(n, 2000)).round().astype(np.int64))
        ib = np.unique(np.linspace(0, len(b) - 1, len(ia)).round().astype(np.int64))
        other = np.roll(b[ib], len(ib) // 2 or 1)
        return float(equal_codes(a[ia], other, field_type, book).mean())
    if not len(a) or not len(b):
        return 0.0
    va, ca = np.unique(a, return_counts=True)
    vb, cb = np.unique(b, return_counts=True)
    _, ia, ib = np.intersect1d(va, vb, assume_unique=True, return_indices=True)
    return float((ca[ia].astype(float) * cb[ib]).sum()) / (float(len(a)) * float(len(b)))


def _chance_from_counts(
    a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]
) -> float:
    (va, ca), (vb, cb) = a, b
    if not len(va) or not len(vb):
        return 0.0
    _, ia, ib = np.intersect1d(va, vb, assume_unique=True, return_indices=True)
    return float((ca[ia].astype(float) * cb[ib]).sum()) / (float(ca.sum()) * float(cb.sum()))


def shared_positions(x: Copy, y: Copy) -> tuple[np.ndarray, np.ndarray]:
    """Positions in ``x`` and ``y`` of the residents both have a value for (=
    ``np.intersect1d(x.keys, y.keys, assume_unique=True, return_indices=True)[1:]``: the
    keys are sorted and distinct, so each of ``x``'s is looked up in ``y``'s)."""
    a, b = x.keys, y.keys
    if not len(a) or not len(b):
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    at = np.searchsorted(b, a)
    hit = b[np.minimum(at, len(b) - 1)] == a
    return np.flatnonzero(hit), at[hit]


def compare(x: Copy, y: Copy, book: Codebook | None) -> Pair:
    """Agreement of two copies on the residents they share."""
    ix, iy = shared_positions(x, y)
    a, b = x.norm[ix], y.norm[iy]
    usable = (a >= 0) & (b >= 0)
    a, b = a[usable], b[usable]
    if x.field_type == "bank_account" and book is not None:
        # residents whose two accounts have no part written alike (a bank's name here, its
        # code there) are not compared: nothing tells whether the accounts agree
        text = book.text
        differ = np.flatnonzero(a != b)
        keep = np.ones(len(a), dtype=bool)
        keep[differ] = [
            banks_comparable(text[p], text[q])
            for p, q in zip(a[differ].tolist(), b[differ].tolist(), strict=True)
        ]
        a, b = a[keep], b[keep]
    shared = len(a)
    if shared == 0:
        return Pair(0, float("nan"), float("nan"))
    eq = equal_codes(a, b, x.field_type, book)
    observed = float(eq.mean())
    # chance from every resident of both columns: the few residents two small columns
    # share would make it look high (two of two distinct values: 1/2)
    if x.field_type in _CUSTOM_EQUALITY and book is not None:
        expected = chance_agreement(x.norm, y.norm, x.field_type, book)
    else:
        expected = _chance_from_counts(x.value_counts, y.value_counts)
    kappa = 0.0 if expected >= 1.0 else (observed - expected) / (1.0 - expected)
    return Pair(shared, observed, kappa, expected)


def comparable(x: Copy, y: Copy) -> bool:
    if conflict(x, y) or x.linkage == NO_LINK or y.linkage == NO_LINK:
        return False
    if x.field_type == "unknown" or y.field_type == "unknown" or x.family != y.family:
        return False
    # two columns holding different parts of a bank account have nothing to compare
    return "all" in x.parts or "all" in y.parts or not x.parts.isdisjoint(y.parts)
