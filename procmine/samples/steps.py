"""Route notation: step lists, flag conditions, label variants and runtime blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

from procmine.samples.people import Person, to_halfwidth_kana
from procmine.samples.schema import Activity


@dataclass(frozen=True)
class Step:
    """One token of a route: activity id, flag condition and back-office delay."""

    aid: str
    cond: str
    delay: str


def parse_steps(text: str) -> list[Step]:
    """Parse a route's step list.

    Examples
    --------
    >>> parse_steps("S01 S09?card Z15?refund@5-20 K16@m")[2]
    Step(aid='Z15', cond='refund', delay='5-20')
    """
    out = []
    for tok in text.split():
        delay = cond = ""
        if "@" in tok:
            tok, delay = tok.split("@", 1)
        if "?" in tok:
            tok, cond = tok.split("?", 1)
        out.append(Step(tok, cond, delay))
    return out


def holds(cond: str, flags: set[str]) -> bool:
    """Evaluate a flag condition: ``a&b|c`` (``|`` of ``&``-groups), ``!a`` negates.

    Examples
    --------
    >>> holds("seal&!seal_mail", {"seal"}), holds("a|b", {"b"}), holds("", set())
    (True, True, True)
    """
    if not cond:
        return True
    for alt in cond.split("|"):
        if all((t[1:] not in flags) if t.startswith("!") else (t in flags) for t in alt.split("&")):
            return True
    return False


def label_variants(act: Activity, *, counter: bool = True, suffix: str = "_窓口") -> list[str]:
    """The noisy labels one activity may carry in its system (§3.6 end), at most two.

    Old-system aliases from the catalog come first, then bracket, half-width and space
    variants (English labels: lower case), then ``suffix`` for staff steps done at a counter.

    Examples
    --------
    >>> from procmine.samples.schema import parse_activities
    >>> a = parse_activities("X", "X01 | s | 世帯状況確認（住記照会） | S | 係 | - | ADDR | 3")[0]
    >>> label_variants(a)
    ['世帯状況確認(住記照会)', '世帯状況確認（住記照会）_窓口']
    >>> label_variants(a, counter=False)
    ['世帯状況確認(住記照会)']
    >>> b = parse_activities("X", "X02 | s | Verify ID | S | 係 | - | ID | 2")[0]
    >>> label_variants(b, suffix=" (counter)")
    ['verify id', 'Verify ID (counter)']
    """
    lab = act.label
    out = list(act.aliases)
    if "（" in lab:
        out.append(lab.replace("（", "(").replace("）", ")"))
    half = to_halfwidth_kana(lab)
    if half != lab:
        out.append(half)
    if lab.isascii():
        out.append(lab.lower())
    elif " " in lab:
        out.append(lab.replace(" ", "\u3000"))
    if counter and act.performer in ("S", "RS", "SR") and suffix.strip("_ ()") not in lab:
        out.append(lab + suffix)
    seen: list[str] = []
    for v in out:
        if v != lab and v not in seen:
            seen.append(v)
    return seen[:2]


@dataclass
class RBlock:
    """A route block with its conditions resolved: the steps one case really takes.

    ``kids`` holds, per step, the child the step is about (``None``: the case's first
    child), for blocks repeated per child.
    """

    dept: str
    steps: list[str]
    kind: str
    subject: str
    shuffle: bool
    purpose: str = ""
    counter: str = ""
    kids: list[Person | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.kids) != len(self.steps):
            self.kids = [None] * len(self.steps)

    def same_counter(self, other: RBlock | None) -> bool:
        """Whether ``other`` is served at the same counter (no new ticket, no walk)."""
        return (
            other is not None
            and other.dept == self.dept
            and other.kind == self.kind
            and other.counter == self.counter
        )

    def part(self, lo: int, hi: int | None = None, steps: list[str] | None = None) -> RBlock:
        """A copy holding ``steps[lo:hi]`` (or other ``steps``) at the same counter."""
        if steps is not None:
            return RBlock(self.dept, steps, self.kind, self.subject, self.shuffle,
                          self.purpose, self.counter)  # fmt: skip
        return RBlock(
            self.dept,
            self.steps[lo:hi],
            self.kind,
            self.subject,
            self.shuffle,
            self.purpose,
            self.counter,
            self.kids[lo:hi],
        )
